//! The index of a prepared framework: what scoring looks up (spec §5.1), built once.

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
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
    /// Σ P over every indicator.
    pub framework_max: Exact,
    /// Bonus and deduction items with their points in hundredths; vetoes with the position of
    /// the grade they cap at.
    pub bonus_points: HashMap<Id, i64>,
    pub deduction_points: HashMap<Id, i64>,
    pub veto_caps: HashMap<Id, usize>,
}

/// An indicator as scoring needs it (spec §5.1).
#[derive(Debug)]
pub(crate) struct IndicatorMeta {
    pub id: Id,
    pub points: Decimal,
    pub allow_na: bool,
    /// Bit s is set when source s rates it.
    pub sources: u64,
    pub scale: ScaleMeta,
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
}

impl Index {
    /// The index of a framework that has passed validation (spec §4.2), which bounds sources
    /// at 64 and makes every veto name a grade.
    pub fn new(fw: &Framework) -> Result<Index, Diagnostic> {
        let mut indicators = Vec::new();
        let mut framework_max = Exact::ZERO;
        for dim in &fw.dimensions {
            for ind in &dim.indicators {
                let mut sources = 0u64;
                for (s, src) in fw.sources.iter().enumerate() {
                    let rates = ind
                        .sources
                        .as_ref()
                        .is_none_or(|list| list.contains(&src.id));
                    if rates {
                        sources |= bit(s).or_broken("at most 64 sources")?;
                    }
                }
                framework_max = framework_max.add(&ind.points.exact());
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
                };
                indicators.push(IndicatorMeta {
                    id: ind.id.clone(),
                    points: ind.points,
                    allow_na: ind.allow_na,
                    sources,
                    scale,
                });
            }
        }
        let mut by_id: Vec<(IdKey, usize)> = indicators
            .iter()
            .enumerate()
            .map(|(i, m)| (IdKey::new(m.id.clone()), i))
            .collect();
        by_id.sort_unstable_by(|(a, _), (b, _)| a.key().cmp(&b.key()));
        let points_by_id = |adj: &Option<Adjustments>| -> HashMap<Id, i64> {
            adj.iter()
                .flat_map(|a| &a.items)
                .map(|it| (it.id.clone(), it.points.cents()))
                .collect()
        };
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
        Ok(Index {
            indicators,
            by_id,
            self_source: fw.sources.iter().position(|s| &*s.id == "self"),
            framework_max,
            bonus_points: points_by_id(&fw.bonus),
            deduction_points: points_by_id(&fw.deductions),
            veto_caps,
        })
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
