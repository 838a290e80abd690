//! The grade (spec §5.7) and what the next better grade needs (spec §6.3).

use super::totals::DimensionTotal;
use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;
use std::collections::HashMap;

/// Whether every dimension with M > 0 reaches `ratio` percent.
fn floors_met(ratio: Option<u8>, dims: &[DimensionTotal]) -> bool {
    ratio.is_none_or(|ratio| dims.iter().all(|d| d.reaches(ratio)))
}

/// Whether grade `g` is met on the normalised total and its floors (vetoes aside).
pub(crate) fn meets(fw: &Framework, g: usize, normalised: &Exact, dims: &[DimensionTotal]) -> bool {
    fw.grades.get(g).is_some_and(|grade| {
        *normalised >= grade.min_total.exact() && floors_met(grade.min_dimension_ratio, dims)
    })
}

/// The grade decision, as positions in `fw.grades` (0 = best).
pub(crate) struct Grading {
    pub grade: Option<usize>,
    pub reason: GradeReason,
    threshold: Option<usize>,
    floor_failures: Vec<usize>,
    vetoes: Vec<(Id, usize)>,
}

impl Grading {
    pub fn new(
        fw: &Framework,
        veto_caps: &HashMap<Id, usize>,
        a: &Assessment,
        normalised: &Exact,
        dims: &[DimensionTotal],
        complete: bool,
    ) -> Result<Grading, Diagnostic> {
        // Every triggered veto was checked against the framework's (spec §4.3).
        let vetoes = a
            .vetoes
            .iter()
            .map(|id| {
                veto_caps
                    .get(id)
                    .map(|g| (id.clone(), *g))
                    .or_broken("a triggered veto among the framework's")
            })
            .collect::<Result<Vec<(Id, usize)>, Diagnostic>>()?;
        if !complete {
            return Ok(Grading {
                grade: None,
                reason: GradeReason::Incomplete,
                threshold: None,
                floor_failures: Vec::new(),
                vetoes,
            });
        }
        let threshold = fw
            .grades
            .iter()
            .position(|g| *normalised >= g.min_total.exact());
        let by_floor = (0..fw.grades.len()).find(|&g| meets(fw, g, normalised, dims));
        let cap = vetoes.iter().map(|(_, g)| *g).max();
        let floor_failures = match threshold
            .and_then(|t| fw.grades.get(t))
            .and_then(|g| g.min_dimension_ratio)
        {
            Some(ratio) => dims
                .iter()
                .enumerate()
                .filter(|(_, d)| !d.reaches(ratio))
                .map(|(k, _)| k)
                .collect(),
            None => Vec::new(),
        };
        let (grade, reason) = match (by_floor, cap) {
            (Some(g), Some(c)) if c > g => (Some(c), GradeReason::Veto),
            (Some(g), _) if Some(g) != threshold => (Some(g), GradeReason::DimensionFloor),
            (g, _) => (g, GradeReason::Threshold),
        };
        Ok(Grading {
            grade,
            reason,
            threshold,
            floor_failures,
            vetoes,
        })
    }

    pub fn detail(&self, fw: &Framework) -> GradeDetail {
        GradeDetail {
            threshold_grade: self
                .threshold
                .and_then(|t| fw.grades.get(t))
                .map(|g| g.id.clone()),
            floor_failures: fw
                .dimensions
                .iter()
                .enumerate()
                .filter(|(k, _)| self.floor_failures.contains(k))
                .map(|(_, d)| d.id.clone())
                .collect(),
            vetoes: self.vetoes.iter().map(|(id, _)| id.clone()).collect(),
        }
    }

    /// What the next better grade needs (spec §6.3); `None` at the best grade or while
    /// incomplete.
    pub fn to_next(
        &self,
        fw: &Framework,
        normalised: &Exact,
        dims: &[DimensionTotal],
    ) -> Option<ToNextGrade> {
        let target = self.grade?.checked_sub(1)?;
        let grade = fw.grades.get(target)?;
        let floors = match grade.min_dimension_ratio {
            Some(ratio) => fw
                .dimensions
                .iter()
                .zip(dims)
                .filter_map(|(d, t)| {
                    let needed = t.max.mul_int(i64::from(ratio)).div_int(100)?.sub(&t.score);
                    (t.max.is_positive() && needed.is_positive()).then(|| FloorNeed {
                        dimension: d.id.clone(),
                        points_needed: needed,
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        Some(ToNextGrade {
            grade: grade.id.clone(),
            points_needed: grade.min_total.exact().sub(normalised).max(Exact::ZERO),
            floors,
            blocked_by: self
                .vetoes
                .iter()
                .filter(|(_, cap)| *cap > target)
                .map(|(id, _)| id.clone())
                .collect(),
        })
    }
}
