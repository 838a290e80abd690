//! The grade (spec §5.7; §11.3, §11.5) and what the next better grade needs (spec §6.3).

use super::totals::DimensionTotal;
use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;
use std::collections::HashMap;

/// What a grade's conditions are read against.
pub(crate) struct Facts<'a> {
    pub fw: &'a Framework,
    pub normalised: &'a Exact,
    pub dims: &'a [DimensionTotal],
    /// The position of each part by id.
    pub dimension_at: &'a HashMap<Id, usize>,
    /// Items that scored more than 0, and bonus or deduction items claimed (spec §11.5).
    pub present: &'a super::IdSet,
    /// Rules that fired (spec §11.3).
    pub fired: &'a super::IdSet,
}

impl Facts<'_> {
    /// Whether every dimension with M > 0 reaches the grade's floor.
    fn floors_met(&self, grade: &Grade) -> bool {
        grade
            .min_dimension_ratio
            .is_none_or(|r| self.dims.iter().all(|d| d.reaches(&r.exact())))
    }

    /// Whether a condition of a grade holds (spec §11.5).
    fn holds(&self, req: &Requirement) -> bool {
        let dim = |id: &Id| self.dimension_at.get(id).and_then(|k| self.dims.get(*k));
        match req {
            Requirement::PartPoints { dimension, min } => {
                dim(dimension).is_some_and(|t| t.score >= min.exact())
            }
            Requirement::PartShare { dimension, share } => {
                dim(dimension).is_some_and(|t| t.reaches(&share.exact()))
            }
            Requirement::Present { item } => self.present.contains(item),
            Requirement::NotFired { rule } => !self.fired.contains(rule),
        }
    }

    /// The conditions of grade `g` that do not hold.
    fn unmet(&self, g: usize) -> Vec<Requirement> {
        self.fw
            .grades
            .get(g)
            .map(|grade| {
                grade
                    .requires
                    .iter()
                    .filter(|r| !self.holds(r))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether grade `g` is met on the normalised total and its floors (vetoes and rules
    /// aside), and, with `conditions`, its conditions.
    fn meets(&self, g: usize, conditions: bool) -> bool {
        self.fw.grades.get(g).is_some_and(|grade| {
            *self.normalised >= grade.min_total.exact()
                && self.floors_met(grade)
                && (!conditions || grade.requires.iter().all(|r| self.holds(r)))
        })
    }
}

/// Whether grade `g` is met on the normalised total, floors and conditions (for the plan).
pub(crate) fn meets(facts: &Facts, g: usize) -> bool {
    facts.meets(g, true)
}

/// The grade decision, as positions in `fw.grades` (0 = best).
pub(crate) struct Grading {
    pub grade: Option<usize>,
    pub reason: GradeReason,
    threshold: Option<usize>,
    floor_failures: Vec<usize>,
    unmet: Vec<Requirement>,
    vetoes: Vec<(Id, usize)>,
    rules: Vec<(Id, usize)>,
}

impl Grading {
    /// `rule_caps`: the rules that fired and cap the grade, with the grade they cap at.
    pub fn new(
        facts: &Facts,
        veto_caps: &HashMap<Id, usize>,
        a: &Assessment,
        rule_caps: Vec<(Id, usize)>,
        complete: bool,
    ) -> Result<Grading, Diagnostic> {
        let fw = facts.fw;
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
                unmet: Vec::new(),
                vetoes,
                rules: rule_caps,
            });
        }
        let threshold = fw
            .grades
            .iter()
            .position(|g| *facts.normalised >= g.min_total.exact());
        let by_floor = (0..fw.grades.len()).find(|&g| facts.meets(g, false));
        let by_all = (0..fw.grades.len()).find(|&g| facts.meets(g, true));
        let veto_cap = vetoes.iter().map(|(_, g)| *g).max();
        let rule_cap = rule_caps.iter().map(|(_, g)| *g).max();
        let cap = veto_cap.max(rule_cap);
        let floor_failures = match threshold.and_then(|t| fw.grades.get(t)) {
            Some(Grade {
                min_dimension_ratio: Some(ratio),
                ..
            }) => {
                let ratio = ratio.exact();
                facts
                    .dims
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| !d.reaches(&ratio))
                    .map(|(k, _)| k)
                    .collect()
            }
            _ => Vec::new(),
        };
        let (grade, reason) = match (by_all, cap) {
            (Some(g), Some(c)) if c > g => (
                Some(c),
                if veto_cap == Some(c) {
                    GradeReason::Veto
                } else {
                    GradeReason::Rule
                },
            ),
            (Some(g), _) if by_all != by_floor => (Some(g), GradeReason::Requirement),
            (Some(g), _) if Some(g) != threshold => (Some(g), GradeReason::DimensionFloor),
            (g, _) => (g, GradeReason::Threshold),
        };
        Ok(Grading {
            grade,
            reason,
            threshold,
            floor_failures,
            unmet: threshold.map(|t| facts.unmet(t)).unwrap_or_default(),
            vetoes,
            rules: rule_caps,
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
            rules: self.rules.iter().map(|(id, _)| id.clone()).collect(),
            unmet: self.unmet.clone(),
        }
    }

    /// What the next better grade needs (spec §6.3); `None` at the best grade or while
    /// incomplete.
    pub fn to_next(&self, facts: &Facts) -> Option<ToNextGrade> {
        let fw = facts.fw;
        let target = self.grade?.checked_sub(1)?;
        let grade = fw.grades.get(target)?;
        let floors = match grade.min_dimension_ratio {
            Some(ratio) => {
                let ratio = ratio.exact();
                fw.dimensions
                    .iter()
                    .zip(facts.dims)
                    .filter_map(|(d, t)| {
                        let needed = t.max.mul(&ratio).sub(&t.score);
                        (t.max.is_positive() && needed.is_positive()).then(|| FloorNeed {
                            dimension: d.id.clone(),
                            points_needed: needed,
                        })
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let blocked = |list: &[(Id, usize)]| -> Vec<Id> {
            list.iter()
                .filter(|(_, cap)| *cap > target)
                .map(|(id, _)| id.clone())
                .collect()
        };
        Some(ToNextGrade {
            grade: grade.id.clone(),
            points_needed: grade
                .min_total
                .exact()
                .sub(facts.normalised)
                .max(Exact::ZERO),
            floors,
            blocked_by: blocked(&self.vetoes),
            blocked_by_rules: blocked(&self.rules),
            requirements: facts.unmet(target),
        })
    }
}
