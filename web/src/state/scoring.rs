//! What is derived from the library for the record on screen: its result, the what-if copy's
//! result, the previous period's result and the trend against it — all computed by the engine,
//! after each change, in the reducer (never in a view).

use crate::model::engine::{Engine, Scored};
use crate::model::library::Library;
use crate::model::own_sheet::with_ratings;
use cxzy_core::{trend, Date, Id, Rating, ScoreResult, Trend};
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Scoring {
    /// The record's result (or why it cannot be scored).
    pub result: Option<Rc<Scored>>,
    /// The result with the what-if ratings applied (not saved).
    pub what_if: Option<Rc<Scored>>,
    /// The change since the previous period of the same framework.
    pub trend: Option<Rc<Trend>>,
    /// The previous period's result (the radar's second series).
    pub previous: Option<Rc<ScoreResult>>,
}

impl Scoring {
    /// The result, when the record could be scored.
    pub fn ok(&self) -> Option<&ScoreResult> {
        self.result.as_deref().and_then(|r| r.as_ref().ok())
    }
}

/// Scores `library.records[current]` with its framework's engine.
pub fn score(
    library: &Library,
    current: Option<usize>,
    engine: Option<&Engine>,
    what_if: &BTreeMap<Id, Option<Rating>>,
    today: Date,
) -> Scoring {
    let (Some(i), Some(engine)) = (current, engine) else {
        return Scoring::default();
    };
    let Some(a) = library.get(i) else {
        return Scoring::default();
    };
    let scored = engine.score(a, today);
    let mut out = Scoring::default();
    if !what_if.is_empty() {
        let copy = with_ratings(a, engine, what_if);
        out.what_if = Some(Rc::new(engine.score(&copy, today)));
    }
    if let (Ok(current), Some(prev)) = (&scored, library.previous(i)) {
        if let Ok(previous) = engine.score(prev, today) {
            out.trend = trend(engine.framework(), &previous.summary(), &current.summary())
                .ok()
                .map(Rc::new);
            out.previous = Some(Rc::new(previous));
        }
    }
    out.result = Some(Rc::new(scored));
    out
}
