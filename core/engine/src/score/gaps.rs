//! 找差距 (spec §6.2) and the plan that reaches the next grade (spec §6.4).

use super::grade::{meets, Facts, Grading};
use super::sources::units;
use super::totals::{DimensionTotal, Totals};
use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;

/// An indicator that lost points, with its dimension's position (for the plan).
pub(crate) struct Lost {
    pub gap: Gap,
    pub dimension: usize,
}

/// The gap of one rated indicator, if it lost points: its current level (from its single self
/// sheet score when there is one, else the best level at or below the combined score) and the
/// next better level with its descriptor.
pub(crate) fn gap(
    indicator: &Indicator,
    result: &IndicatorResult,
    dimension: usize,
    self_single: Option<i64>,
) -> Option<Lost> {
    let lost = result.lost.as_ref().filter(|l| l.is_positive())?;
    let (current_level, next_level, next_descriptor) = match &indicator.scale {
        Scale::Levels { levels } => {
            let cents = indicator.points.cents();
            let score_of = |l: &Level| cents * i64::from(l.percent);
            let from_self =
                self_single.and_then(|score| levels.iter().position(|l| score_of(l) == score));
            let current = from_self.or_else(|| {
                let combined = result.combined.as_ref()?;
                levels
                    .iter()
                    .position(|l| units(score_of(l)) <= *combined)
                    // Below every level: the lowest describes it best.
                    .or(Some(levels.len().saturating_sub(1)))
            });
            // At the best level there is no next one.
            let next = current
                .and_then(|c| c.checked_sub(1))
                .and_then(|n| levels.get(n));
            (
                current.and_then(|c| levels.get(c)).map(|l| l.id.clone()),
                next.map(|l| l.id.clone()),
                next.and_then(|l| l.descriptor.clone()),
            )
        }
        _ => (None, None, None),
    };
    Some(Lost {
        gap: Gap {
            indicator: result.id.clone(),
            lost: lost.clone(),
            current_level,
            next_level,
            next_descriptor,
        },
        dimension,
    })
}

/// Most points lost first, then framework order (the list comes in framework order; the sort
/// is stable).
pub(crate) fn order(gaps: &mut [Lost]) {
    crate::sort::sort_by(gaps, |x, y| y.gap.lost.cmp(&x.gap.lost));
}

/// A suggestion that reaches the next grade: gaps in order, each raised to full points, until
/// the total, every floor and every condition are met; empty when that is not enough.
pub(crate) fn plan(
    facts: &Facts,
    grading: &Grading,
    gaps: &[Lost],
    totals: &Totals,
) -> Result<Vec<PlanStep>, Diagnostic> {
    let Some(target) = grading.grade.and_then(|g| g.checked_sub(1)) else {
        return Ok(Vec::new());
    };
    let mut dims = facts.dims.to_vec();
    let mut present = facts.present.clone();
    let mut steps = Vec::new();
    for Lost { gap, dimension } in gaps {
        let d = dims.get_mut(*dimension).or_broken("a gap's dimension")?;
        d.raw = d.raw.add(&gap.lost);
        d.score = DimensionTotal::settle(&d.raw, d.amount.as_ref(), &d.max).0;
        present.insert(gap.indicator.clone());
        steps.push(PlanStep {
            indicator: gap.indicator.clone(),
            gain: gap.lost.clone(),
        });
        let base = Exact::sum(
            &dims
                .iter()
                .map(DimensionTotal::weighted)
                .collect::<Vec<_>>(),
        );
        let (_, normalised) = totals.of(&base);
        let raised = Facts {
            fw: facts.fw,
            normalised: &normalised,
            dims: &dims,
            dimension_at: facts.dimension_at,
            present: &present,
            fired: facts.fired,
        };
        if meets(&raised, target) {
            return Ok(steps);
        }
    }
    Ok(Vec::new())
}
