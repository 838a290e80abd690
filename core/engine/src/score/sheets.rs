//! Sheet scores (spec §5.1): each rating turned into a whole number of 1/10000 point, checked
//! against its indicator as it goes (spec §4.3), and bucketed by (indicator, source) in sheet
//! order for aggregation.

use crate::diag::{push_error, Code, Diagnostic, Lang};
use crate::index::{rates, IndicatorMeta, Key, ScaleMeta};
use crate::invariant::OrBroken;
use crate::model::*;
use crate::prepared::Prepared;
use crate::validate::assessment::{
    rating_path, source_not_allowed, unknown_indicator, unknown_source,
};

/// A rating's sheet score in 1/10000 point, or not applicable; a vote or ticks keeps what was
/// chosen, for the tally (spec §11.3).
#[derive(Clone, Copy)]
pub(crate) enum SheetValue {
    Score(i64),
    Na,
    /// A vote for option `option`; its score, none for an abstention.
    Vote {
        option: u8,
        score: Option<i64>,
    },
    /// The conditions ticked, one bit each (a ticks item scores 0).
    Ticks(u64),
}

impl SheetValue {
    /// The sheet score, if the rating gives one.
    pub fn score(self) -> Option<i64> {
        match self {
            SheetValue::Score(v) => Some(v),
            SheetValue::Vote { score, .. } => score,
            SheetValue::Ticks(_) => Some(0),
            SheetValue::Na => None,
        }
    }
}

pub(crate) struct Entry {
    /// The sheet's position in the assessment.
    pub sheet: u32,
    pub value: SheetValue,
}

/// Every sheet score, grouped by bucket (indicator × sources + source), each bucket in sheet
/// order; `counts` gives each bucket's length, in bucket order.
pub(crate) struct Buckets {
    counts: Vec<u32>,
    entries: Vec<Entry>,
}

/// Hands out the buckets in order: indicators in framework order, for each every source.
pub(crate) struct Cursor<'a> {
    counts: std::slice::Iter<'a, u32>,
    rest: &'a [Entry],
}

impl Buckets {
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            counts: self.counts.iter(),
            rest: &self.entries,
        }
    }
}

impl<'a> Cursor<'a> {
    /// The next bucket's entries.
    pub fn next_bucket(&mut self) -> Result<&'a [Entry], Diagnostic> {
        let n = *self
            .counts
            .next()
            .or_broken("one bucket per indicator and source")?;
        let (bucket, rest) = self
            .rest
            .split_at_checked(n as usize)
            .or_broken("each bucket within the entries")?;
        self.rest = rest;
        Ok(bucket)
    }
}

/// Resolves every rating of `a` (spec §5.1), pushing each error of its sheets (spec §4.3) to
/// `errors`; the buckets are meaningful only when no error was pushed.
pub(crate) fn resolve(
    p: &Prepared,
    a: &Assessment,
    errors: &mut Vec<Diagnostic>,
) -> Result<Buckets, Diagnostic> {
    let fw = p.framework();
    let index = &p.index;
    let n_sources = fw.sources.len();
    let mut raw: Vec<(usize, Entry)> =
        Vec::with_capacity(a.sheets.iter().map(|s| s.ratings.len()).sum());
    for (si, sheet) in a.sheets.iter().enumerate() {
        let src = fw.sources.iter().position(|s| s.id == sheet.source);
        if src.is_none() {
            push_error(
                errors,
                unknown_source(format!("/sheets/{si}/source"), &sheet.source, &fw.id),
            );
        }
        // Ratings are sorted by id, as is `by_id`: a merge join.
        let mut by_id = index.by_id.iter().peekable();
        for (key, rating) in &sheet.ratings {
            let wanted = Key::new(key);
            while by_id
                .next_if(|(id, _)| id.key().cmp(&wanted) == std::cmp::Ordering::Less)
                .is_some()
            {}
            let path = || rating_path(si, "ratings", key);
            let Some(&(_, idx)) = by_id.peek().filter(|(id, _)| id.key().eq(&wanted)) else {
                push_error(errors, unknown_indicator(path(), key, &fw.id));
                continue;
            };
            let meta = index
                .indicators
                .get(*idx)
                .or_broken("an indicator for every id")?;
            let Some(src) = src else {
                // The sheet's source is unknown (reported above); its ratings can still be wrong.
                if let Err(e) = sheet_value(meta, rating) {
                    push_error(errors, e.at(path()));
                }
                continue;
            };
            if !rates(meta.sources, src)? {
                push_error(errors, source_not_allowed(path(), &sheet.source, key));
                continue;
            }
            match sheet_value(meta, rating) {
                Ok(value) => raw.push((
                    idx * n_sources + src,
                    Entry {
                        sheet: si as u32,
                        value,
                    },
                )),
                Err(e) => push_error(errors, e.at(path())),
            }
        }
        for key in sheet.notes.keys() {
            if index.position(key).is_none() {
                push_error(
                    errors,
                    unknown_indicator(rating_path(si, "notes", key), key, &fw.id),
                );
            }
        }
    }
    // Counting sort by bucket; stable, so each bucket keeps sheet order.
    let mut counts = vec![0u32; index.indicators.len() * n_sources];
    for (bucket, _) in &raw {
        *counts.get_mut(*bucket).or_broken("a bucket in range")? += 1;
    }
    let mut next: Vec<u32> = counts
        .iter()
        .scan(0u32, |start, n| {
            let here = *start;
            *start += n;
            Some(here)
        })
        .collect();
    let mut slots: Vec<Option<Entry>> = Vec::new();
    slots.resize_with(raw.len(), || None);
    for (bucket, entry) in raw {
        let n = next.get_mut(bucket).or_broken("a bucket in range")?;
        *slots.get_mut(*n as usize).or_broken("a slot per entry")? = Some(entry);
        *n += 1;
    }
    let entries = slots
        .into_iter()
        .collect::<Option<Vec<Entry>>>()
        .or_broken("every slot filled")?;
    Ok(Buckets { counts, entries })
}

/// Why a rating cannot be scored: its code and messages, and the place inside the rating (a
/// count's event, a ticked condition) where there is one; the rating's path is its caller's.
pub(crate) struct Unfit {
    code: Code,
    en: String,
    zh: String,
    inside: Option<String>,
}

impl Unfit {
    fn at(self, path: String) -> Diagnostic {
        let path = match self.inside {
            Some(token) => format!("{path}/{}", crate::diag::pointer_token(&token)),
            None => path,
        };
        Diagnostic::new(self.code, path, self.en, self.zh)
    }
}

/// The sheet score of one rating (spec §5.1), or why it cannot be scored.
fn sheet_value(meta: &IndicatorMeta, rating: &Rating) -> Result<SheetValue, Unfit> {
    let id = &meta.id;
    let cents = meta.points.cents();
    let wrong = |expected_en: &str, expected_zh: &str| Unfit {
        code: Code::WrongRatingKind,
        en: en!(format!("indicator \"{id}\" is rated with {expected_en}")),
        zh: zh!(format!("指标「{id}」的评分应为{expected_zh}")),
        inside: None,
    };
    match (&meta.scale, rating) {
        (ScaleMeta::Items, _) => Err(wrong(
            en!("the ratings of its sub-items, not a rating of its own"),
            zh!("其子项的评分,而不是本项的评分"),
        )),
        (_, Rating::Na) if meta.allow_na => Ok(SheetValue::Na),
        (_, Rating::Na) => Err(Unfit {
            code: Code::NaNotAllowed,
            en: en!(format!(
                "indicator \"{id}\" cannot be marked not applicable"
            )),
            zh: zh!(format!("指标「{id}」不允许标记为不适用")),
            inside: None,
        }),
        (ScaleMeta::Events { start, events }, Rating::Counts(counts)) => {
            match super::events::evaluate(meta, *start, events, counts, false) {
                Ok(outcome) => Ok(SheetValue::Score(outcome.units)),
                Err(super::events::Fault::UnknownEvent(e)) => {
                    let ids: Vec<&str> = events.iter().map(|x| &*x.key.id).collect();
                    Err(Unfit {
                        code: Code::UnknownEvent,
                        en: en!(format!(
                            "\"{e}\" is not an event of indicator \"{id}\"; its events are: {}",
                            ids.join(", ")
                        )),
                        zh: zh!(format!(
                            "「{e}」不是指标「{id}」的计次事项;可选事项:{}",
                            ids.join("、")
                        )),
                        inside: Some(e.to_owned()),
                    })
                }
                Err(super::events::Fault::TooMany(e, n)) => Err(Unfit {
                    code: Code::OutOfRange,
                    en: en!(format!(
                        "{n} occurrences of \"{e}\" are more than the {} one sheet may count",
                        super::events::MAX_COUNT
                    )),
                    zh: zh!(format!(
                        "「{e}」计 {n} 次,超过单张评议表的上限 {} 次",
                        super::events::MAX_COUNT
                    )),
                    inside: Some(e.to_owned()),
                }),
            }
        }
        (ScaleMeta::Events { .. }, _) => Err(wrong(
            en!("a count for each of its events, such as {\"absent\": 1}"),
            zh!("各计次事项的次数,例如 {\"absent\": 1}"),
        )),
        (ScaleMeta::Vote { options, .. }, Rating::Level(option)) => {
            let wanted = Key::new(option);
            match options.iter().position(|o| o.key.key().eq(&wanted)) {
                Some(k) => Ok(SheetValue::Vote {
                    option: u8::try_from(k).unwrap_or(u8::MAX),
                    score: options.get(k).and_then(|o| o.score),
                }),
                None => {
                    let ids: Vec<&str> = options.iter().map(|o| &*o.key.id).collect();
                    Err(Unfit {
                        code: Code::UnknownOption,
                        en: en!(format!(
                            "\"{option}\" is not an option of indicator \"{id}\"; its options are: {}",
                            ids.join(", ")
                        )),
                        zh: zh!(format!(
                            "「{option}」不是指标「{id}」的选项;可选:{}",
                            ids.join("、")
                        )),
                        inside: None,
                    })
                }
            }
        }
        (ScaleMeta::Vote { .. }, _) => Err(wrong(en!("one of its options"), zh!("其选项之一"))),
        (ScaleMeta::Ticks { conditions }, Rating::Ticks(ticked)) => {
            let mut mask = 0u64;
            for (n, c) in ticked.iter().enumerate() {
                let wanted = Key::new(c);
                let Some(k) = conditions.iter().position(|x| x.key().eq(&wanted)) else {
                    let ids: Vec<&str> = conditions.iter().map(|x| &*x.id).collect();
                    return Err(Unfit {
                        code: Code::UnknownOption,
                        en: en!(format!(
                            "\"{c}\" is not a condition of indicator \"{id}\"; its conditions are: {}",
                            ids.join(", ")
                        )),
                        zh: zh!(format!("「{c}」不是指标「{id}」的情形;可选:{}", ids.join("、"))),
                        inside: Some(n.to_string()),
                    });
                };
                let b = crate::index::bit(k).unwrap_or(0);
                if mask & b != 0 {
                    return Err(Unfit {
                        code: Code::DuplicateItem,
                        en: en!(format!("\"{c}\" is ticked more than once")),
                        zh: zh!(format!("「{c}」重复勾选")),
                        inside: Some(n.to_string()),
                    });
                }
                mask |= b;
            }
            Ok(SheetValue::Ticks(mask))
        }
        (ScaleMeta::Ticks { .. }, _) => Err(wrong(
            en!("the list of the conditions ticked, such as [\"c1\"] or []"),
            zh!("所勾选情形的列表,例如 [\"c1\"] 或 []"),
        )),
        (ScaleMeta::Levels(levels), Rating::Level(level)) => {
            let wanted = Key::new(level);
            match levels.iter().find(|(k, _)| k.key().eq(&wanted)) {
                Some((_, score)) => Ok(SheetValue::Score(*score)),
                None => {
                    let ids: Vec<&str> = levels.iter().map(|(k, _)| &*k.id).collect();
                    Err(Unfit {
                        inside: None,
                        code: Code::UnknownLevel,
                        en: en!(format!(
                            "\"{level}\" is not a level of indicator \"{id}\"; its levels are: {}",
                            ids.join(", ")
                        )),
                        zh: zh!(format!(
                            "「{level}」不是指标「{id}」的等次;可选等次:{}",
                            ids.join("、")
                        )),
                    })
                }
            }
        }
        (ScaleMeta::Levels(_), _) => Err(wrong(en!("one of its level ids"), zh!("其等次标识之一"))),
        (ScaleMeta::Check, Rating::Check(yes)) => {
            Ok(SheetValue::Score(if *yes { cents * 100 } else { 0 }))
        }
        (ScaleMeta::Check, _) => Err(wrong(en!("true or false"), zh!("true 或 false"))),
        (ScaleMeta::Points { step }, Rating::Number(value)) => points_value(meta, *step, *value),
        (ScaleMeta::Points { step }, Rating::Level(text)) => {
            // A decimal written as a string ("18.5") is a number of points too.
            let mut reader = crate::read::Reader::default();
            match (
                Decimal::from_literal(&mut reader, text, ""),
                reader.errors.pop(),
            ) {
                (Some(value), _) => points_value(meta, *step, value),
                // A number with a fault (precision, range) says so; other text is the wrong kind.
                (None, Some(d)) if d.code != Code::InvalidDecimal => Err(Unfit {
                    code: d.code,
                    en: d.message(Lang::En).to_owned(),
                    zh: d.message(Lang::ZhHans).to_owned(),
                    inside: None,
                }),
                (None, _) => Err(wrong(en!("a number of points"), zh!("分值"))),
            }
        }
        (ScaleMeta::Points { .. }, _) => Err(wrong(en!("a number of points"), zh!("分值"))),
        (ScaleMeta::Deduction { per }, Rating::Number(count)) if count.cents() % 100 == 0 => {
            let lapses = count.cents() / 100;
            Ok(SheetValue::Score(
                (cents - lapses * per.cents()).max(0) * 100,
            ))
        }
        (ScaleMeta::Deduction { .. }, _) => {
            Err(wrong(en!("a whole number of lapses"), zh!("次数(整数)")))
        }
    }
}

/// A points rating: at most the indicator's points, a multiple of its step.
fn points_value(meta: &IndicatorMeta, step: Decimal, value: Decimal) -> Result<SheetValue, Unfit> {
    let (id, points) = (&meta.id, meta.points);
    if value > points {
        return Err(Unfit {
            inside: None,
            code: Code::OutOfRange,
            en: en!(format!(
                "{} is more than the {} points of indicator \"{id}\"",
                value.canonical(),
                points.canonical(),
            )),
            zh: zh!(format!(
                "{} 超过指标「{id}」的分值 {}",
                value.canonical(),
                points.canonical()
            )),
        });
    }
    if step.cents() == 0 || value.cents() % step.cents() != 0 {
        return Err(Unfit {
            inside: None,
            code: Code::NotAStep,
            en: en!(format!(
                "{} is not a multiple of the step {} of indicator \"{id}\"",
                value.canonical(),
                step.canonical(),
            )),
            zh: zh!(format!(
                "{} 不是指标「{id}」步长 {} 的整数倍",
                value.canonical(),
                step.canonical()
            )),
        });
    }
    Ok(SheetValue::Score(value.cents() * 100))
}
