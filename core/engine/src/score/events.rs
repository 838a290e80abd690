//! Counted events (计次, spec §11.1): an item starts full (or as its scale says) and each event
//! moves it by its count — a fixed change per occurrence, or a step of its table — unless an
//! event reaches its cut-off, which sets the item to 0 (不得分) or full (得满分); then the item's
//! bounds apply.

use crate::index::{EventMeta, IndicatorMeta, Key};
use crate::model::{Bounded, EventCount, Id, Units};
use std::collections::BTreeMap;

/// The most occurrences one event may count on one sheet.
pub(crate) const MAX_COUNT: u32 = 100_000;

/// A sheet's counted events, scored.
pub(crate) struct Outcome {
    pub units: i64,
    pub events: Vec<EventCount>,
    pub cutoff: Option<Id>,
    pub bounded: Option<Bounded>,
}

/// Why counts cannot be scored: an event the scale lacks, or a count beyond [`MAX_COUNT`].
pub(crate) enum Fault<'a> {
    UnknownEvent(&'a str),
    TooMany(&'a str, u32),
}

/// The change an event makes at `count` occurrences (before cut-offs and bounds).
fn change(e: &EventMeta, count: u32) -> i64 {
    if let Some(per) = e.per {
        return per * i64::from(count);
    }
    // Steps go strictly up by count (spec §4.2): the last one reached, found by halving.
    match e.steps.partition_point(|(at, _)| *at <= count) {
        0 => 0,
        k => e.steps.get(k - 1).map_or(0, |(_, c)| *c),
    }
}

/// Scores a sheet's counts against an item of counted events (`start` in units); with
/// `explain`, lists what each event did (the explanation's; checking and scoring need only the
/// score).
pub(crate) fn evaluate<'a>(
    meta: &IndicatorMeta,
    start: i64,
    events: &[EventMeta],
    counts: &'a BTreeMap<Id, u32>,
    explain: bool,
) -> Result<Outcome, Fault<'a>> {
    let mut total = start;
    let mut out = Vec::with_capacity(if explain { counts.len() } else { 0 });
    let (mut zero, mut full) = (None, None);
    for (id, &count) in counts {
        let wanted = Key::new(id);
        let Some(e) = events.iter().find(|e| e.key.key().eq(&wanted)) else {
            return Err(Fault::UnknownEvent(id));
        };
        if count > MAX_COUNT {
            return Err(Fault::TooMany(id, count));
        }
        let c = change(e, count);
        total += c;
        if explain {
            out.push(EventCount {
                event: e.key.id.clone(),
                count,
                change: Units(c),
            });
        }
        if let Some((at, to_full)) = e.cutoff {
            if count >= at {
                let slot = if to_full { &mut full } else { &mut zero };
                slot.get_or_insert_with(|| e.key.id.clone());
            }
        }
    }
    // 不得分 before 得满分: a reached zero cut-off decides. A cut-off never moves the item
    // against its way: 不得分 leaves a score already below 0 (an item with a negative least
    // score) where it is, 得满分 one already past full (an item without a ceiling).
    let (v, bounded) = meta.bound(total);
    let full_units = meta.points.cents() * 100;
    let (units, cutoff) = match (zero, full) {
        (Some(id), _) if v >= 0 => (0, Some(id)),
        (None, Some(id)) if v <= full_units => (full_units, Some(id)),
        (zero, full) => (v, zero.or(full)),
    };
    // `bounded` says a bound cut v when the score is what the bound left (s = v' ≠ v).
    let bounded = bounded.filter(|_| units == v);
    Ok(Outcome {
        units,
        events: out,
        cutoff,
        bounded,
    })
}
