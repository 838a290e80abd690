//! How a rating of version 2 is put together from the controls that set it, one change at a
//! time: a count per event (counted events) and the conditions ticked (ticks). Pure, so the
//! component tests drive it; the result goes to the user's own sheet through the own-sheet rule.
//!
//! **Unrated is not "none":** an item of counted events with nothing counted (`{}`) and a ticks
//! item with nothing ticked (`[]`) are rated — "none of these happened", "none applies" — and
//! score as such; `None` is an item not rated yet. The rate page says which with an explicit
//! "none" choice.

use cxzy_core::{Condition, Id, Rating};
use std::collections::BTreeMap;

/// The counts of `current` with `event` set to `count` (a count of 0 is left out: `{}` is
/// "nothing happened"). `count` is `None` when the user emptied the event's field: the event is
/// left out, and when nothing else is counted the item is unrated again.
pub fn with_count(current: Option<&Rating>, event: &Id, count: Option<u32>) -> Option<Rating> {
    let mut counts = match current {
        Some(Rating::Counts(counts)) => counts.clone(),
        _ => BTreeMap::new(),
    };
    match count {
        Some(0) => {
            counts.remove(event);
        }
        Some(n) => {
            counts.insert(event.clone(), n);
        }
        None => {
            counts.remove(event);
            if counts.is_empty() {
                return None;
            }
        }
    }
    Some(Rating::Counts(counts))
}

/// The count of one event in a rating (0 when the event is not counted); `None` while the item
/// is unrated (or rated otherwise: not applicable).
pub fn count_of(rating: Option<&Rating>, event: &str) -> Option<u32> {
    match rating {
        Some(Rating::Counts(counts)) => Some(counts.get(event).copied().unwrap_or(0)),
        _ => None,
    }
}

/// The conditions of `current` with `condition` ticked or not, in the framework's order. Untick
/// the last one and the item is unrated again (nothing is ticked on screen); "none applies" is
/// its own choice ([`none`]).
pub fn with_tick(
    current: Option<&Rating>,
    conditions: &[Condition],
    condition: &Id,
    on: bool,
) -> Option<Rating> {
    let ticked = |c: &Condition| match current {
        Some(Rating::Ticks(list)) => list.contains(&c.id),
        _ => false,
    };
    let list: Vec<Id> = conditions
        .iter()
        .filter(|c| if c.id == *condition { on } else { ticked(c) })
        .map(|c| c.id.clone())
        .collect();
    (!list.is_empty()).then_some(Rating::Ticks(list))
}

/// "None of these" for an item of counted events (`{}`) or of ticks (`[]`): rated, nothing
/// counted or ticked.
pub fn none(ticks: bool) -> Rating {
    if ticks {
        Rating::Ticks(Vec::new())
    } else {
        Rating::Counts(BTreeMap::new())
    }
}

/// Whether a rating is "none of these": nothing counted, nothing ticked.
pub fn is_none(rating: Option<&Rating>) -> bool {
    match rating {
        Some(Rating::Counts(counts)) => counts.values().all(|n| *n == 0),
        Some(Rating::Ticks(list)) => list.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxzy_core::Text;

    fn id(s: &str) -> Id {
        Id::from(s)
    }

    fn conditions() -> Vec<Condition> {
        ["a", "b", "c"]
            .iter()
            .map(|c| Condition {
                id: id(c),
                label: Text::zh(*c),
            })
            .collect()
    }

    #[test]
    fn counts_are_set_one_event_at_a_time_and_zero_is_left_out() {
        let late = id("late");
        let r = with_count(None, &late, Some(2));
        assert_eq!(r, Some(Rating::Counts([(late.clone(), 2)].into())));
        let r = with_count(r.as_ref(), &id("absent"), Some(1));
        assert_eq!(count_of(r.as_ref(), "absent"), Some(1));
        assert_eq!(count_of(r.as_ref(), "late"), Some(2));
        let r = with_count(r.as_ref(), &late, Some(0));
        assert_eq!(r, Some(Rating::Counts([(id("absent"), 1)].into())));
        // Nothing counted is rated: "nothing happened".
        let r = with_count(r.as_ref(), &id("absent"), Some(0));
        assert_eq!(r, Some(none(false)));
        assert!(is_none(r.as_ref()));
        assert_eq!(count_of(r.as_ref(), "late"), Some(0));
        // An emptied field with nothing else counted: unrated again.
        assert_eq!(with_count(r.as_ref(), &late, None), None);
        assert_eq!(count_of(None, "late"), None);
    }

    #[test]
    fn ticks_keep_the_frameworks_order_and_none_differs_from_unrated() {
        let cs = conditions();
        let r = with_tick(None, &cs, &id("c"), true);
        let r = with_tick(r.as_ref(), &cs, &id("a"), true);
        assert_eq!(r, Some(Rating::Ticks(vec![id("a"), id("c")])));
        let r = with_tick(r.as_ref(), &cs, &id("a"), false);
        assert_eq!(r, Some(Rating::Ticks(vec![id("c")])));
        assert_eq!(with_tick(r.as_ref(), &cs, &id("c"), false), None);
        // Ticking a condition after "none" replaces it.
        let none = none(true);
        assert!(is_none(Some(&none)));
        assert_eq!(
            with_tick(Some(&none), &cs, &id("b"), true),
            Some(Rating::Ticks(vec![id("b")]))
        );
        assert!(!is_none(None));
    }
}
