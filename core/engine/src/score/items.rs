//! One item scored (spec §5.2–5.3, §6.1; §11.1–11.4, §11.7): its sources aggregated and
//! combined, with every sheet explained; its own bonus and deductions and its bounds applied; a
//! vote's or ticks' tally; an item with sub-items summed from them.

use super::events;
use super::sheets::{Cursor, SheetValue};
use super::sources::{aggregate, weighted, Aggregated};
use super::totals::Claims;
use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::index::{rates, Index, IndicatorMeta, ScaleMeta};
use crate::invariant::OrBroken;
use crate::model::*;

/// What scoring an assessment needs besides the buckets.
pub(crate) struct Cx<'a> {
    pub fw: &'a Framework,
    pub index: &'a Index,
    pub a: &'a Assessment,
    /// Per source: the fewest sheet scores that make it present (spec §5.2, §11.4).
    pub needed: &'a [usize],
    /// Per source: more sheets than ballots issued, so void (spec §11.4).
    pub void: &'a [bool],
    pub claims: &'a Claims,
    /// Whether each source's sheets are listed (a result), or not (a summary).
    pub explain: bool,
    /// One bucket's sheet scores, for its aggregate: one vector, as long as the sheets, lent to
    /// each item in turn (so that scoring allocates nothing more as the ratings grow).
    pub scratch: std::cell::Cell<Vec<i64>>,
    /// An item's present sources, lent the same way when they are not kept (a summary).
    pub present: std::cell::Cell<Vec<(i64, Aggregated, bool)>>,
}

/// What scoring an item gives beside its result (which is pushed where it is kept: a result is
/// a few hundred bytes, and each move of one was a copy that showed in the profile).
pub(crate) struct Scored {
    /// Its single self sheet score, if the self source gave exactly one (spec §6.2).
    pub self_single: Option<i64>,
    /// The present sources `(weight, score, is self)`, for perception (spec §6.5).
    pub present: Vec<(i64, Aggregated, bool)>,
    /// The most it can score here: its points, less what its N/A sub-items would give.
    pub max: Exact,
}

/// Scores the item `ind` (its index entry and buckets next in line), with its sub-items; its
/// result is pushed to `out`.
pub(crate) fn item(
    cx: &Cx,
    ind: &Indicator,
    dimension: &Id,
    metas: &mut std::slice::Iter<'_, IndicatorMeta>,
    cursor: &mut Cursor<'_>,
    out: &mut Vec<IndicatorResult>,
) -> Result<Scored, Diagnostic> {
    let meta = metas.next().or_broken("an index entry per indicator")?;
    let mut scored = leaf(cx, ind, meta, dimension, cursor, out)?;
    if let Scale::Items { items } = &ind.scale {
        let mut results = Vec::with_capacity(items.len());
        let mut children = Vec::with_capacity(items.len());
        for sub in items {
            children.push(item(cx, sub, dimension, metas, cursor, &mut results)?);
        }
        let r = out.last_mut().or_broken("the item's own result")?;
        parent(cx, ind, meta, &mut scored, r, children, results);
    }
    Ok(scored)
}

/// A rateable item (or, for one with sub-items, its own part before them).
fn leaf(
    cx: &Cx,
    ind: &Indicator,
    meta: &IndicatorMeta,
    dimension: &Id,
    cursor: &mut Cursor<'_>,
    out: &mut Vec<IndicatorResult>,
) -> Result<Scored, Diagnostic> {
    let (fw, a) = (cx.fw, cx.a);
    // Kept for perception in a full result; a summary's are lent and given back.
    let mut present = if cx.explain {
        Vec::with_capacity(fw.sources.len())
    } else {
        let mut lent = cx.present.take();
        lent.clear();
        lent
    };
    // A summary lists no source (spec §9.3).
    let mut sources = Vec::with_capacity(if cx.explain { fw.sources.len() } else { 0 });
    let mut self_single = None;
    let (mut any_rating, mut all_na, mut missing_required) = (false, true, false);
    let mut scratch = cx.scratch.take();
    let mut tally = TallyCount::new(meta);
    for (s, src) in fw.sources.iter().enumerate() {
        let bucket = cursor.next_bucket()?;
        if !rates(meta.sources, s)? {
            continue;
        }
        any_rating |= !bucket.is_empty();
        all_na &= bucket.iter().all(|e| matches!(e.value, SheetValue::Na));
        scratch.clear();
        scratch.extend(bucket.iter().filter_map(|e| e.value.score()));
        let void = cx.void.get(s).copied().or_broken("a flag per source")?;
        // A void source's ballots (more than were issued, spec §11.4) count in no tally either.
        if !void && tally.kind != TallyKind::None {
            for e in bucket {
                tally.count(e.value);
            }
        }
        let n = scratch.len();
        let is_self = Some(s) == cx.index.self_source;
        if is_self && n == 1 {
            self_single = scratch.first().copied();
        }
        let needed = cx
            .needed
            .get(s)
            .copied()
            .or_broken("a minimum per source")?;
        // spec §5.2, §11.4: fewer sheet scores than the minimum, or a void source, is absent.
        let is_present = !void && n > 0 && n >= needed;
        let score = if is_present {
            let agg = aggregate(src.aggregate, &mut scratch)?;
            present.push((src.weight.cents(), agg, is_self));
            // Shown only with the source (a summary lists none).
            cx.explain.then(|| agg.exact())
        } else {
            None
        };
        missing_required |= src.required && !is_present;
        // spec §6.1: an anonymous source shows its sheets only from anonymous_min on, and
        // never a rater's name.
        let shown = cx.explain && src.anonymous_min.is_none_or(|k| n >= k as usize);
        let anonymous = src.anonymous_min.is_some();
        let mut sheets = Vec::with_capacity(if shown { n } else { 0 });
        if shown {
            for e in bucket {
                let Some(v) = e.value.score() else { continue };
                let sheet = a
                    .sheets
                    .get(e.sheet as usize)
                    .or_broken("the sheet of a sheet score")?;
                // Only an item of counted events looks its rating up again (by its id).
                let outcome = match &meta.scale {
                    ScaleMeta::Events { start, events } => match sheet.ratings.get(&ind.id) {
                        Some(Rating::Counts(counts)) => Some(
                            events::evaluate(meta, *start, events, counts, true)
                                .ok()
                                .or_broken("counts that scored")?,
                        ),
                        _ => None,
                    },
                    _ => None,
                };
                let rater = if anonymous { None } else { sheet.rater.clone() };
                // Built where it is stored: a sheet score built aside and then copied in
                // stalled on store forwarding (measured: docs/performance.md).
                sheets.push(match outcome {
                    None => SheetScore {
                        rater,
                        score: Units(v),
                        events: Vec::new(),
                        cutoff: None,
                        bounded: None,
                    },
                    Some(o) => SheetScore {
                        rater,
                        score: Units(v),
                        events: o.events,
                        cutoff: o.cutoff,
                        bounded: o.bounded,
                    },
                });
            }
        }
        if !cx.explain {
            // A summary shows no source (spec §9.3).
            continue;
        }
        sources.push(SourceResult {
            id: src.id.clone(),
            present: is_present,
            reason: match n {
                _ if void => Some(AbsentReason::OverIssued),
                0 => Some(AbsentReason::NoRatings),
                _ if !is_present => Some(AbsentReason::BelowMinRaters),
                _ => None,
            },
            score,
            sheets,
            required: src.required,
        });
    }
    cx.scratch.set(scratch);
    // spec §5.3; §11.4: a required source absent leaves the item unrated.
    let combined = if missing_required {
        None
    } else {
        weighted(present.iter().map(|(w, agg, _)| (*w, agg)))
    };
    let present = if cx.explain {
        present
    } else {
        cx.present.set(present);
        Vec::new()
    };
    let status = if combined.is_some() {
        IndicatorStatus::Rated
    } else if any_rating && all_na {
        IndicatorStatus::Na
    } else {
        IndicatorStatus::Unrated
    };
    let points = ind.points.exact();
    out.push(IndicatorResult {
        id: ind.id.clone(),
        dimension: dimension.clone(),
        points: ind.points,
        status,
        combined,
        lost: None,
        sources,
        items: Vec::new(),
        tally: tally.result(ind),
        adjustments: Vec::new(),
        bounded: None,
    });
    let result = out.last_mut().or_broken("the result just pushed")?;
    adjust(cx, meta, result);
    result.lost = result.combined.as_ref().map(|c| points.sub(c));
    Ok(Scored {
        self_single,
        present,
        max: points,
    })
}

/// An item with sub-items: their combined scores summed under its bounds (spec §11.7).
fn parent(
    cx: &Cx,
    ind: &Indicator,
    meta: &IndicatorMeta,
    scored: &mut Scored,
    r: &mut IndicatorResult,
    children: Vec<Scored>,
    results: Vec<IndicatorResult>,
) {
    let all_na = results.iter().all(|c| c.status == IndicatorStatus::Na);
    let unrated = results.iter().any(|c| c.status == IndicatorStatus::Unrated);
    let applicable = Exact::sum(
        &children
            .iter()
            .zip(&results)
            .filter(|(_, c)| c.status != IndicatorStatus::Na)
            .map(|(c, _)| c.max.clone())
            .collect::<Vec<_>>(),
    );
    let points = ind.points.exact();
    r.status = if all_na {
        IndicatorStatus::Na
    } else if unrated {
        IndicatorStatus::Unrated
    } else {
        IndicatorStatus::Rated
    };
    r.combined = (r.status == IndicatorStatus::Rated).then(|| {
        Exact::sum(
            &results
                .iter()
                .filter_map(|c| c.combined.clone())
                .collect::<Vec<_>>(),
        )
    });
    r.items = results;
    // The sub-items are rated, not the item: their sources explain it.
    r.sources = Vec::new();
    if let Some(c) = r.combined.take() {
        let (c, bounded) = bound(meta, c);
        r.combined = Some(c);
        r.bounded = bounded;
    }
    adjust(cx, meta, r);
    scored.max = applicable.min(points);
    // What is left to gain: up to the points of the sub-items that apply.
    r.lost = r.combined.as_ref().map(|c| scored.max.sub(c));
    scored.self_single = None;
}

/// `c` within the item's bounds (spec §11.1).
fn bound(meta: &IndicatorMeta, c: Exact) -> (Exact, Option<Bounded>) {
    let units = |u: i64| Units(u).to_exact();
    if c < units(meta.min) {
        (units(meta.min), Some(Bounded::Floor))
    } else if let Some(max) = meta.max.filter(|m| c > units(*m)) {
        (units(max), Some(Bounded::Ceiling))
    } else {
        (c, None)
    }
}

/// Applies the item's own bonus and deduction items (spec §11.2), then its bounds.
fn adjust(cx: &Cx, meta: &IndicatorMeta, r: &mut IndicatorResult) {
    let scope = crate::index::AdjustmentScope::Indicator(r.id.clone());
    let (amount, applied) = cx.claims.scoped(cx.index, &scope);
    if applied.is_empty() {
        return;
    }
    r.adjustments = applied;
    if let Some(c) = r.combined.take() {
        let (c, bounded) = bound(meta, c.add(&amount));
        r.combined = Some(c);
        r.bounded = bounded.or(r.bounded);
    }
}

/// The votes or ticks of an item, counted as its sheets come (spec §11.3).
struct TallyCount {
    ballots: u32,
    abstentions: u32,
    /// Per option (or condition), how many chose it.
    counts: Vec<u32>,
    include_abstentions: bool,
    kind: TallyKind,
}

#[derive(PartialEq)]
enum TallyKind {
    None,
    Vote,
    Ticks,
}

impl TallyCount {
    fn new(meta: &IndicatorMeta) -> TallyCount {
        let (kind, n, include_abstentions) = match &meta.scale {
            ScaleMeta::Vote {
                options,
                include_abstentions,
            } => (TallyKind::Vote, options.len(), *include_abstentions),
            ScaleMeta::Ticks { conditions } => (TallyKind::Ticks, conditions.len(), true),
            _ => (TallyKind::None, 0, false),
        };
        TallyCount {
            ballots: 0,
            abstentions: 0,
            counts: vec![0; n],
            include_abstentions,
            kind,
        }
    }

    fn count(&mut self, v: SheetValue) {
        match v {
            SheetValue::Vote { option, score } => {
                self.ballots += 1;
                if score.is_none() {
                    self.abstentions += 1;
                }
                if let Some(c) = self.counts.get_mut(usize::from(option)) {
                    *c += 1;
                }
            }
            SheetValue::Ticks(mask) => {
                self.ballots += 1;
                for (k, c) in self.counts.iter_mut().enumerate() {
                    if crate::index::bit(k).is_some_and(|b| mask & b != 0) {
                        *c += 1;
                    }
                }
            }
            SheetValue::Score(_) | SheetValue::Na => {}
        }
    }

    fn result(self, ind: &Indicator) -> Option<Tally> {
        let ids: Vec<&Id> = match (&self.kind, &ind.scale) {
            (TallyKind::Vote, Scale::Vote { options, .. }) => {
                options.iter().map(|o| &o.id).collect()
            }
            (TallyKind::Ticks, Scale::Ticks { conditions }) => {
                conditions.iter().map(|c| &c.id).collect()
            }
            _ => return None,
        };
        let base = if self.include_abstentions {
            self.ballots
        } else {
            self.ballots - self.abstentions
        };
        let abstaining: Vec<bool> = match &ind.scale {
            Scale::Vote { options, .. } => options.iter().map(|o| o.abstain).collect(),
            _ => vec![false; ids.len()],
        };
        Some(Tally {
            ballots: self.ballots,
            abstentions: self.abstentions,
            base,
            options: ids
                .into_iter()
                .zip(self.counts)
                .zip(abstaining)
                .map(|((id, count), abstain)| OptionCount {
                    id: id.clone(),
                    count,
                    // An abstention's own share is of every ballot.
                    share: share(count, if abstain { self.ballots } else { base }),
                })
                .collect(),
        })
    }
}

/// `count / base` in percent, none without a base.
pub(crate) fn share(count: u32, base: u32) -> Option<Exact> {
    Exact::int(i64::from(count) * 100).div_int(i64::from(base))
}
