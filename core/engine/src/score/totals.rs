//! Dimensions and totals (spec §5.4, §5.5): dimension scores and maxima, bonus and deductions
//! under their caps, the total floored at 0, and the normalised total grades are read on.

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;
use std::collections::HashMap;

/// min(cap, Σ points × count) over the claimed items (spec §5.5); claims were checked against
/// the items (spec §4.3), so every claimed id has its points.
pub(crate) fn adjustment<'a>(
    adj: &Option<Adjustments>,
    points: &HashMap<Id, i64>,
    claims: impl Iterator<Item = (&'a Id, u32)>,
) -> Result<Exact, Diagnostic> {
    let Some(adj) = adj else {
        return Ok(Exact::ZERO);
    };
    let parts = claims
        .map(|(id, count)| {
            points
                .get(id)
                .map(|p| Exact::cents(*p).mul_int(i64::from(count)))
                .or_broken("a claimed item among the framework's items")
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Exact::sum(&parts).min(adj.cap.exact()))
}

/// What turns a base into the total and the normalised total.
pub(crate) struct Totals {
    pub bonus: Exact,
    pub deduction: Exact,
    pub max: Exact,
    pub framework_max: Exact,
}

impl Totals {
    /// Total = max(0, Base + Bonus − Deduction); normalised = Total × framework max / Max
    /// (the total itself when Max is 0: nothing applicable is left to scale by).
    pub fn of(&self, base: &Exact) -> (Exact, Exact) {
        let total = base.add(&self.bonus).sub(&self.deduction).max(Exact::ZERO);
        let normalised = if self.max == self.framework_max {
            total.clone()
        } else {
            match total.mul(&self.framework_max).div(&self.max) {
                Some(n) => n,
                // Max is 0: every indicator is N/A (spec §5.5).
                None => total.clone(),
            }
        };
        (total, normalised)
    }
}

/// A dimension's score D and max M (spec §5.4), as the grade and the plan use them.
#[derive(Clone)]
pub(crate) struct DimensionTotal {
    pub score: Exact,
    pub max: Exact,
}

impl DimensionTotal {
    /// Whether D reaches `ratio` percent of M (a dimension with M = 0 always does).
    pub fn reaches(&self, ratio: u8) -> bool {
        !self.max.is_positive() || self.score.mul_int(100) >= self.max.mul_int(i64::from(ratio))
    }
}
