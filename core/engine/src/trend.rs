//! The trend (spec §7): the change since the previous period's result for the same framework id.

use crate::diag::{Code, Diagnostic};
use crate::model::*;

/// Compares two results of the same framework id; `fw` (the current framework) orders the grades.
pub fn trend(
    fw: &Framework,
    previous: &ResultSummary,
    current: &ResultSummary,
) -> Result<Trend, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for (which, r) in [("previous", previous), ("current", current)] {
        if r.framework.id != fw.id {
            errors.push(Diagnostic::new(
                Code::FrameworkMismatch,
                format!("/{which}/framework/id"),
                en!(format!(
                    "the {which} result is for framework \"{}\", not \"{}\"",
                    r.framework.id, fw.id
                )),
                zh!(format!(
                    "{}结果所用标准为「{}」,不是「{}」",
                    if which == "previous" {
                        "上期"
                    } else {
                        "本期"
                    },
                    r.framework.id,
                    fw.id
                )),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let change = |p: &crate::exact::Exact, c: &crate::exact::Exact| Change {
        previous: p.clone(),
        current: c.clone(),
        change: c.sub(p),
    };
    let mut dimensions: Vec<DimensionChange> = current
        .dimensions
        .iter()
        .map(|d| {
            let before = previous
                .dimensions
                .iter()
                .find(|p| p.id == d.id)
                .map(|p| p.score.clone());
            DimensionChange {
                id: d.id.clone(),
                change: before.as_ref().map(|b| d.score.sub(b)),
                previous: before,
                current: Some(d.score.clone()),
            }
        })
        .collect();
    dimensions.extend(
        previous
            .dimensions
            .iter()
            .filter(|p| !current.dimensions.iter().any(|d| d.id == p.id))
            .map(|p| DimensionChange {
                id: p.id.clone(),
                previous: Some(p.score.clone()),
                current: None,
                change: None,
            }),
    );
    let index = |g: &Option<Id>| g.as_ref().and_then(|g| fw.grade_index(g));
    let direction = match (index(&previous.grade), index(&current.grade)) {
        (Some(p), Some(c)) if c < p => Direction::Up,
        (Some(p), Some(c)) if c > p => Direction::Down,
        (Some(_), Some(_)) => Direction::Same,
        _ => Direction::Unknown,
    };
    Ok(Trend {
        schema: TrendSchema::V1,
        framework: current.framework.clone(),
        previous_period: previous.period.clone(),
        period: current.period.clone(),
        total: change(&previous.total, &current.total),
        normalised_total: change(&previous.normalised_total, &current.normalised_total),
        dimensions,
        grade: GradeChange {
            previous: previous.grade.clone(),
            current: current.grade.clone(),
            direction,
        },
    })
}
