//! 公开承诺 (spec §6.6): counted as of the assessment's `as_of`, else the caller's today, else
//! the period's end.

use super::ScoreOptions;
use crate::exact::Exact;
use crate::model::*;

pub(crate) fn commitments(a: &Assessment, options: &ScoreOptions) -> CommitmentSummary {
    let as_of = a.as_of.or(options.today).unwrap_or(a.period.end);
    let count =
        |f: &dyn Fn(&Commitment) -> bool| a.commitments.iter().filter(|c| f(c)).count() as u32;
    let open_status = |c: &Commitment| {
        matches!(
            c.status,
            CommitmentStatus::Planned | CommitmentStatus::InProgress
        )
    };
    let overdue: Vec<Id> = a
        .commitments
        .iter()
        .filter(|c| open_status(c) && c.due < as_of)
        .map(|c| c.id.clone())
        .collect();
    let total = a.commitments.len() as u32;
    let done = count(&|c| c.status == CommitmentStatus::Done);
    let dropped = count(&|c| c.status == CommitmentStatus::Dropped);
    CommitmentSummary {
        as_of,
        total,
        done,
        open: count(&open_status),
        overdue: overdue.len() as u32,
        dropped,
        // None when nothing is left to count (no commitment, or every one dropped).
        completion_rate: Exact::int(i64::from(done) * 100).div_int(i64::from(total - dropped)),
        overdue_ids: overdue,
    }
}
