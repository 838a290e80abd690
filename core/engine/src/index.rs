//! The index of a prepared framework: what scoring looks up (spec §5.1), built once.

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::{broken, OrBroken};
use crate::model::*;
use std::collections::HashMap;

/// What scoring looks up, built once per framework.
#[derive(Debug)]
pub struct Index {
    /// Every indicator in framework order: what its ratings are scored by.
    pub indicators: Vec<IndicatorMeta>,
    /// Indicator ids in byte order with their framework position, for a merge join with a
    /// sheet's ratings (which are sorted by id).
    pub by_id: Vec<(IdKey, usize)>,
    /// The position of the source `self` (自评), if there is one.
    pub self_source: Option<usize>,
    /// Σ over the parts of weight × Σ P of their items.
    pub framework_max: Exact,
    /// Bonus and deduction items by id (a bonus item and a deduction item may share an id);
    /// vetoes with the position of the grade they cap at.
    pub bonus: HashMap<Id, AdjustmentMeta>,
    pub deductions: HashMap<Id, AdjustmentMeta>,
    pub veto_caps: HashMap<Id, usize>,
    /// The framework position of each dimension (part) by id.
    pub dimension_at: HashMap<Id, usize>,
    /// Whether a grade's conditions look at the items present, and at the rules fired (spec
    /// §11.5): a score gathers them only then.
    pub asks_present: bool,
    pub asks_fired: bool,
}

/// A bonus or deduction item (spec §5.5, §11.2).
#[derive(Debug)]
pub(crate) struct AdjustmentMeta {
    pub bonus: bool,
    /// Points per count, in hundredths.
    pub points: i64,
    /// The most it counts for, in hundredths.
    pub cap: Option<i64>,
    pub scope: AdjustmentScope,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum AdjustmentScope {
    Framework,
    Indicator(Id),
    Dimension(Id),
}

/// An indicator as scoring needs it (spec §5.1), a sub-item too; an indicator with sub-items
/// comes before them (`ScaleMeta::Items`) and is rated through them.
#[derive(Debug)]
pub(crate) struct IndicatorMeta {
    pub id: Id,
    pub points: Decimal,
    pub allow_na: bool,
    /// Bit s is set when source s rates it.
    pub sources: u64,
    pub scale: ScaleMeta,
    /// The least and the most its score may be, in sheet-score units (spec §11.1): 0 and its
    /// points unless the framework says otherwise (`None`: no most).
    pub min: i64,
    pub max: Option<i64>,
}

/// One counted event (spec §11.1), changes in sheet-score units.
#[derive(Debug)]
pub(crate) struct EventMeta {
    pub key: IdKey,
    pub per: Option<i64>,
    /// (from this count on, the change), by increasing count.
    pub steps: Vec<(u32, i64)>,
    /// (from this count on, full (true) or zero (false)).
    pub cutoff: Option<(u32, bool)>,
}

/// One option of a vote: its sheet score in units (`None`: an abstention).
#[derive(Debug)]
pub(crate) struct OptionMeta {
    pub key: IdKey,
    pub score: Option<i64>,
}

#[derive(Debug)]
pub(crate) enum ScaleMeta {
    /// Level ids with their sheet scores, best first.
    Levels(Vec<(IdKey, i64)>),
    Check,
    Points {
        step: Decimal,
    },
    Deduction {
        per: Decimal,
    },
    Events {
        /// Where the item starts, in units.
        start: i64,
        events: Vec<EventMeta>,
    },
    Vote {
        options: Vec<OptionMeta>,
        /// Abstentions count in the base of a share.
        include_abstentions: bool,
    },
    Ticks {
        conditions: Vec<IdKey>,
    },
    /// An indicator with sub-items: not rated itself.
    Items,
}

impl Index {
    /// The index of a framework that has passed validation (spec §4.2), which bounds sources
    /// at 64 and makes every veto name a grade.
    pub fn new(fw: &Framework) -> Result<Index, Diagnostic> {
        let mut indicators = Vec::new();
        let mut framework_max = Exact::ZERO;
        for dim in &fw.dimensions {
            let mut points = Exact::ZERO;
            for ind in &dim.indicators {
                points = points.add(&ind.points.exact());
                indicators.push(IndicatorMeta::new(fw, ind, None)?);
                if let Scale::Items { items } = &ind.scale {
                    for sub in items {
                        let parent = ind.sources.as_deref();
                        indicators.push(IndicatorMeta::new(fw, sub, parent)?);
                    }
                }
            }
            framework_max = framework_max.add(&match dim.weight {
                Some(w) => points.mul(&w.exact()),
                None => points,
            });
        }
        let mut by_id: Vec<(IdKey, usize)> = indicators
            .iter()
            .enumerate()
            .map(|(i, m)| (IdKey::new(m.id.clone()), i))
            .collect();
        crate::sort::sort_by(&mut by_id, |(a, _), (b, _)| a.key().cmp(&b.key()));
        let (mut bonus_items, mut deduction_items) = (HashMap::new(), HashMap::new());
        for (list, bonus) in [(&fw.bonus, true), (&fw.deductions, false)] {
            let adjustments = if bonus {
                &mut bonus_items
            } else {
                &mut deduction_items
            };
            for it in list.iter().flat_map(|a| &a.items) {
                let scope = match it.scope.as_ref().map(|s| (&s.indicator, &s.dimension)) {
                    Some((Some(i), None)) => AdjustmentScope::Indicator(i.clone()),
                    Some((None, Some(d))) => AdjustmentScope::Dimension(d.clone()),
                    None => AdjustmentScope::Framework,
                    Some(_) => return Err(broken("a scope naming one item or one part")),
                };
                adjustments.insert(
                    it.id.clone(),
                    AdjustmentMeta {
                        bonus,
                        points: it.points.cents(),
                        cap: it.cap.map(Decimal::cents),
                        scope,
                    },
                );
            }
        }
        let grades: HashMap<&str, usize> = fw
            .grades
            .iter()
            .enumerate()
            .map(|(g, grade)| (&*grade.id, g))
            .collect();
        let mut veto_caps = HashMap::new();
        for v in &fw.vetoes {
            let grade = grades
                .get(&*v.caps_grade_at)
                .or_broken("a veto capping at one of the grades")?;
            veto_caps.insert(v.id.clone(), *grade);
        }
        let asks = |f: fn(&Requirement) -> bool| fw.grades.iter().any(|g| g.requires.iter().any(f));
        Ok(Index {
            indicators,
            by_id,
            self_source: fw.sources.iter().position(|s| &*s.id == "self"),
            framework_max,
            bonus: bonus_items,
            deductions: deduction_items,
            veto_caps,
            dimension_at: fw
                .dimensions
                .iter()
                .enumerate()
                .map(|(k, d)| (d.id.clone(), k))
                .collect(),
            asks_present: asks(|r| matches!(r, Requirement::Present { .. })),
            asks_fired: asks(|r| matches!(r, Requirement::NotFired { .. })),
        })
    }

    /// A bonus (`bonus`) or deduction item by id.
    pub fn adjustment(&self, bonus: bool, id: &str) -> Option<&AdjustmentMeta> {
        if bonus {
            self.bonus.get(id)
        } else {
            self.deductions.get(id)
        }
    }

    /// The framework position of an indicator id.
    pub fn position(&self, id: &str) -> Option<usize> {
        let key = Key::new(id);
        self.by_id
            .binary_search_by(|(k, _)| k.key().cmp(&key))
            .ok()
            .and_then(|k| self.by_id.get(k))
            .map(|(_, i)| *i)
    }
}

impl IndicatorMeta {
    /// The meta of `ind`; a sub-item that names no sources has its parent's (`parent`).
    fn new(
        fw: &Framework,
        ind: &Indicator,
        parent: Option<&[Id]>,
    ) -> Result<IndicatorMeta, Diagnostic> {
        let mut sources = 0u64;
        let list = ind.sources.as_deref().or(parent);
        for (s, src) in fw.sources.iter().enumerate() {
            let rates = list.is_none_or(|list| list.contains(&src.id));
            if rates {
                sources |= bit(s).or_broken("at most 64 sources")?;
            }
        }
        let units = |cents: i64| cents * 100;
        let full = units(ind.points.cents());
        let scale = match &ind.scale {
            Scale::Levels { levels } => ScaleMeta::Levels(
                levels
                    .iter()
                    .map(|l| {
                        (
                            IdKey::new(l.id.clone()),
                            ind.points.cents() * i64::from(l.percent),
                        )
                    })
                    .collect(),
            ),
            Scale::Check => ScaleMeta::Check,
            Scale::Points { step } => ScaleMeta::Points { step: *step },
            Scale::Deduction { per } => ScaleMeta::Deduction { per: *per },
            Scale::Events { start, events } => ScaleMeta::Events {
                start: match start {
                    None | Some(Start::Full) => full,
                    Some(Start::Zero) => 0,
                    Some(Start::Points(d)) => units(d.cents()),
                },
                events: events
                    .iter()
                    .map(|e| EventMeta {
                        key: IdKey::new(e.id.clone()),
                        per: e.per.map(|x| units(x.cents())),
                        steps: e
                            .steps
                            .iter()
                            .map(|s| (s.at, units(s.change.cents())))
                            .collect(),
                        cutoff: e
                            .cutoff
                            .as_ref()
                            .map(|c| (c.at, c.score == CutoffScore::Full)),
                    })
                    .collect(),
            },
            Scale::Vote {
                options,
                abstentions,
            } => ScaleMeta::Vote {
                options: options
                    .iter()
                    .map(|o| OptionMeta {
                        key: IdKey::new(o.id.clone()),
                        score: (!o.abstain)
                            .then(|| ind.points.cents() * i64::from(o.percent.unwrap_or(0))),
                    })
                    .collect(),
                include_abstentions: *abstentions == Abstentions::Include,
            },
            Scale::Ticks { conditions } => ScaleMeta::Ticks {
                conditions: conditions
                    .iter()
                    .map(|c| IdKey::new(c.id.clone()))
                    .collect(),
            },
            Scale::Items { .. } => ScaleMeta::Items,
        };
        Ok(IndicatorMeta {
            id: ind.id.clone(),
            points: ind.points,
            allow_na: ind.allow_na,
            sources,
            scale,
            min: ind.min.map_or(0, |m| units(m.cents())),
            max: match ind.max {
                None => Some(full),
                Some(Ceiling::Value(d)) => Some(units(d.cents())),
                Some(Ceiling::None) => None,
            },
        })
    }

    /// `v` within the item's bounds, and which bound cut it.
    pub fn bound(&self, v: i64) -> (i64, Option<Bounded>) {
        if v < self.min {
            (self.min, Some(Bounded::Floor))
        } else if self.max.is_some_and(|m| v > m) {
            (self.max.unwrap_or(v), Some(Bounded::Ceiling))
        } else {
            (v, None)
        }
    }
}

/// The bit of source `s` in an indicator's source mask; `None` from the 65th source on (which
/// validation refuses).
pub(crate) fn bit(s: usize) -> Option<u64> {
    u32::try_from(s).ok().and_then(|s| 1u64.checked_shl(s))
}

/// Whether an indicator whose source mask is `mask` is rated by source `s`.
pub(crate) fn rates(mask: u64, s: usize) -> Result<bool, Diagnostic> {
    Ok(mask & bit(s).or_broken("at most 64 sources")? != 0)
}

/// An id kept with its [`Key`] prefix.
#[derive(Clone, Debug)]
pub(crate) struct IdKey {
    prefix: u64,
    pub id: Id,
}

impl IdKey {
    fn new(id: Id) -> IdKey {
        IdKey {
            prefix: Key::new(&id).prefix,
            id,
        }
    }

    pub fn key(&self) -> Key<'_> {
        Key {
            prefix: self.prefix,
            text: &self.id,
        }
    }
}

/// An id with its first 8 bytes as a big-endian integer, so that most comparisons are one
/// integer comparison. It orders exactly like the string: a shorter string that is a prefix of a
/// longer one is padded with zero bytes, which sort first, and ties fall back to the bytes.
#[derive(Clone, Copy)]
pub(crate) struct Key<'a> {
    prefix: u64,
    text: &'a str,
}

impl<'a> Key<'a> {
    pub fn new(text: &'a str) -> Key<'a> {
        // Built in a register: writing bytes to memory and reading them back as one word stalls.
        let (prefix, n) = text.bytes().take(8).fold((0u64, 0u32), |(acc, n), b| {
            ((acc << 8) | u64::from(b), n + 1)
        });
        let prefix = if n == 0 { 0 } else { prefix << (8 * (8 - n)) };
        Key { prefix, text }
    }

    pub fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| self.text.cmp(other.text))
    }

    /// Equal prefixes and lengths of at most 8 bytes mean equal strings: the prefix holds them whole.
    pub fn eq(&self, other: &Key) -> bool {
        self.prefix == other.prefix
            && self.text.len() == other.text.len()
            && (self.text.len() <= 8 || self.text == other.text)
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn keys_order_and_compare_exactly_like_their_strings() {
        let ids = [
            "",
            "a",
            "a\u{1}",
            "ab",
            "abcdefgh",
            "abcdefgh-",
            "abcdefgh-1",
            "abcdefgh-2",
            "abcdefgi",
            "b",
            "lead-study",
            "lead-study-theory",
            "lead-studx",
            "学习",
            "学习提高",
            "z",
            "~",
        ];
        for x in ids {
            for y in ids {
                let (kx, ky) = (Key::new(x), Key::new(y));
                assert_eq!(kx.cmp(&ky), x.cmp(y), "{x:?} vs {y:?}");
                assert_eq!(kx.eq(&ky), x == y, "{x:?} == {y:?}");
            }
        }
    }
}
