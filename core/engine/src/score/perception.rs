//! 自评与他评 (spec §6.5): where the self source and another source are present for an
//! indicator, self − others (others: the weighted combination of the present non-self sources).

use super::sources::{weighted, Aggregated};
use crate::model::*;

/// The perception entry of one indicator from its present sources `(weight, score, is_self)`.
pub(crate) fn perception(
    indicator: &Id,
    present: &[(i64, Aggregated, bool)],
) -> Option<Perception> {
    let own = present
        .iter()
        .find(|(_, _, is_self)| *is_self)
        .map(|(_, agg, _)| agg.exact())?;
    let others = weighted(
        present
            .iter()
            .filter(|(_, _, is_self)| !is_self)
            .map(|(w, agg, _)| (*w, agg)),
    )?;
    Some(Perception {
        indicator: indicator.clone(),
        difference: own.sub(&others),
        self_score: own,
        others,
    })
}

/// Largest difference first (blind spots first), ties in framework order (a stable sort).
pub(crate) fn order(perception: &mut [Perception]) {
    crate::sort::sort_by(perception, |x, y| y.difference.cmp(&x.difference));
}
