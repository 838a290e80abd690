//! Scoring (SPEC 4–5): an assessment against a framework → an exact result that explains every point.
//!
//! Sheet scores are whole numbers of 1/10000 point (points have 2 decimals, percents are whole),
//! so the per-sheet work is integer arithmetic; exact rationals start at the source aggregate.

pub mod branch;
pub mod trend;

use crate::diag::{pointer_token, Code, Diagnostic};
use crate::digest::digest;
use crate::exact::Exact;
use crate::model::*;
use crate::validate;
use std::collections::HashMap;

/// One point in sheet-score units.
const UNIT: i64 = SheetScore::UNIT;

/// What the scorer needs from the outside world.
#[derive(Clone, Debug, Default)]
pub struct ScoreOptions {
    /// "Today", for overdue commitments when the assessment gives no `as_of`; else `period.end`.
    pub today: Option<Date>,
}

/// A validated framework, indexed for scoring many assessments.
pub struct Scorer<'f> {
    fw: &'f Framework,
    digest: String,
    indicators: Vec<Meta<'f>>,
    /// Indicator ids in byte order with their framework position, for a merge-join with a sheet's
    /// (sorted) ratings.
    by_id: Vec<(Key<'f>, usize)>,
    self_source: Option<usize>,
    framework_max: Exact,
    /// Bonus and deduction items by id with their points (hundredths); vetoes by id with the
    /// grade they cap at — looked up per claim, so a long list is not searched per claim.
    bonus_points: HashMap<&'f str, i64>,
    deduction_points: HashMap<&'f str, i64>,
    veto_caps: HashMap<&'f str, usize>,
}

struct Meta<'f> {
    dimension: usize,
    indicator: &'f Indicator,
    /// A levels scale's level ids with their sheet scores, best first.
    levels: Vec<(Key<'f>, i64)>,
    /// Bit s is set when source s rates this indicator.
    sources: u64,
}

/// A rating's sheet score, or not applicable.
#[derive(Clone, Copy)]
enum SheetValue {
    Score(i64),
    Na,
}

struct Entry {
    sheet: u32,
    value: SheetValue,
}

impl<'f> Scorer<'f> {
    /// Validates the framework (SPEC 2.1) and indexes it.
    pub fn new(fw: &'f Framework) -> Result<Scorer<'f>, Vec<Diagnostic>> {
        let errors = validate::framework(fw);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut indicators = Vec::new();
        let mut framework_max = Exact::ZERO;
        for (d, dim) in fw.dimensions.iter().enumerate() {
            for ind in &dim.indicators {
                let sources = fw.sources.iter().enumerate().fold(0u64, |mask, (s, src)| {
                    let rates = ind
                        .sources
                        .as_ref()
                        .is_none_or(|list| list.contains(&src.id));
                    if rates {
                        mask | bit(s)
                    } else {
                        mask
                    }
                });
                framework_max = framework_max.add(&ind.points.exact());
                let levels = match &ind.scale {
                    Scale::Levels { levels } => levels
                        .iter()
                        .map(|l| (Key::new(&l.id), ind.points.cents() * i64::from(l.percent)))
                        .collect(),
                    _ => Vec::new(),
                };
                indicators.push(Meta {
                    dimension: d,
                    indicator: ind,
                    levels,
                    sources,
                });
            }
        }
        let mut by_id: Vec<(Key, usize)> = indicators
            .iter()
            .enumerate()
            .map(|(i, m)| (Key::new(&m.indicator.id), i))
            .collect();
        by_id.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        Ok(Scorer {
            fw,
            digest: digest(fw),
            indicators,
            by_id,
            self_source: fw.sources.iter().position(|s| &*s.id == "self"),
            framework_max,
            bonus_points: points_by_id(&fw.bonus),
            deduction_points: points_by_id(&fw.deductions),
            veto_caps: {
                let grades: HashMap<&str, usize> = fw
                    .grades
                    .iter()
                    .enumerate()
                    .map(|(g, grade)| (&*grade.id, g))
                    .collect();
                fw.vetoes
                    .iter()
                    .filter_map(|v| grades.get(&*v.caps_grade_at).map(|g| (&*v.id, *g)))
                    .collect()
            },
        })
    }

    pub fn framework(&self) -> &'f Framework {
        self.fw
    }

    /// The framework digest, `"sha256:…"`.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// Σ P over every indicator.
    pub fn framework_max(&self) -> &Exact {
        &self.framework_max
    }

    fn position(&self, id: &str) -> Option<usize> {
        let key = Key::new(id);
        self.by_id
            .binary_search_by(|(k, _)| k.cmp(&key))
            .ok()
            .and_then(|k| self.by_id.get(k))
            .map(|(_, i)| *i)
    }

    /// Every error of an assessment against this framework (SPEC 2.2), none when it can be scored.
    pub fn check(&self, a: &Assessment) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        self.resolve(a, &mut errors);
        errors
    }

    /// Scores an assessment (SPEC 4–5).
    pub fn score(
        &self,
        a: &Assessment,
        options: &ScoreOptions,
    ) -> Result<ScoreResult, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let (starts, entries) = self.resolve(a, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(self.compute(a, options, &starts, &entries))
    }

    // -----------------------------------------------------------------------------------------
    // Resolution: ratings → sheet scores, bucketed by (indicator, source) in sheet order.

    fn resolve(&self, a: &Assessment, errors: &mut Vec<Diagnostic>) -> (Vec<u32>, Vec<Entry>) {
        let fw = self.fw;
        self.check_document(a, errors);
        let n_sources = fw.sources.len();
        let buckets = self.indicators.len() * n_sources;
        let mut raw: Vec<(u32, Entry)> =
            Vec::with_capacity(a.sheets.iter().map(|s| s.ratings.len()).sum());
        for (si, sheet) in a.sheets.iter().enumerate() {
            let src = fw.sources.iter().position(|s| s.id == sheet.source);
            if src.is_none() {
                errors.push(Diagnostic::new(
                    Code::UnknownSource,
                    format!("/sheets/{si}/source"),
                    format!(
                        "\"{}\" is not a source of framework \"{}\"",
                        sheet.source, fw.id
                    ),
                    format!("「{}」不是评价标准「{}」中的评议主体", sheet.source, fw.id),
                ));
            }
            let mut cursor = 0;
            for (key, rating) in &sheet.ratings {
                let wanted = Key::new(key);
                while self
                    .by_id
                    .get(cursor)
                    .is_some_and(|(id, _)| id.cmp(&wanted) == std::cmp::Ordering::Less)
                {
                    cursor += 1;
                }
                let path = || format!("/sheets/{si}/ratings/{}", pointer_token(key));
                let Some(&(_, idx)) = self.by_id.get(cursor).filter(|(id, _)| id.eq(&wanted))
                else {
                    errors.push(unknown_indicator(path(), key, &fw.id));
                    continue;
                };
                let Some(meta) = self.indicators.get(idx) else {
                    continue;
                };
                let Some(src) = src else {
                    // The sheet's source is unknown (reported above); its ratings can still be wrong.
                    if let Err((code, en, zh)) = sheet_value(meta, rating) {
                        errors.push(Diagnostic::new(code, path(), en, zh));
                    }
                    continue;
                };
                if meta.sources & bit(src) == 0 {
                    errors.push(Diagnostic::new(
                        Code::SourceNotAllowed,
                        path(),
                        format!(
                            "source \"{}\" does not rate indicator \"{key}\"",
                            sheet.source
                        ),
                        format!("评议主体「{}」不评价指标「{key}」", sheet.source),
                    ));
                    continue;
                }
                match sheet_value(meta, rating) {
                    Ok(value) => raw.push((
                        (idx * n_sources + src) as u32,
                        Entry {
                            sheet: si as u32,
                            value,
                        },
                    )),
                    Err((code, en, zh)) => errors.push(Diagnostic::new(code, path(), en, zh)),
                }
            }
            for key in sheet.notes.keys() {
                if self.position(key).is_none() {
                    errors.push(unknown_indicator(
                        format!("/sheets/{si}/notes/{}", pointer_token(key)),
                        key,
                        &fw.id,
                    ));
                }
            }
        }
        // Counting sort by bucket; stable, so each bucket keeps sheet order.
        let mut starts = vec![0u32; buckets + 1];
        for (bucket, _) in &raw {
            if let Some(c) = starts.get_mut(*bucket as usize + 1) {
                *c += 1;
            }
        }
        for b in 0..buckets {
            let before = starts.get(b).copied().unwrap_or(0);
            if let Some(c) = starts.get_mut(b + 1) {
                *c += before;
            }
        }
        let mut next = starts.clone();
        let mut slots: Vec<Option<Entry>> = Vec::new();
        slots.resize_with(raw.len(), || None);
        for (bucket, entry) in raw {
            if let Some(n) = next.get_mut(bucket as usize) {
                if let Some(slot) = slots.get_mut(*n as usize) {
                    *slot = Some(entry);
                }
                *n += 1;
            }
        }
        (starts, slots.into_iter().flatten().collect())
    }

    /// Checks the parts of an assessment outside its sheets.
    fn check_document(&self, a: &Assessment, errors: &mut Vec<Diagnostic>) {
        let fw = self.fw;
        let mismatch = |path: &str, what: &str, given: &str, expected: &str| {
            Diagnostic::new(
                Code::FrameworkMismatch,
                path,
                format!(
                    "the assessment is for {what} \"{given}\" but is scored against \"{expected}\""
                ),
                format!(
                    "测评所用标准的{}为「{given}」,与评分所用的「{expected}」不符",
                    if what == "framework" {
                        "标识"
                    } else if what == "version" {
                        "版本"
                    } else {
                        "摘要"
                    }
                ),
            )
        };
        if a.framework.id != fw.id {
            errors.push(mismatch(
                "/framework/id",
                "framework",
                &a.framework.id,
                &fw.id,
            ));
        }
        if a.framework.version != fw.version {
            errors.push(mismatch(
                "/framework/version",
                "version",
                &a.framework.version,
                &fw.version,
            ));
        }
        if let Some(d) = &a.framework.digest {
            if *d != self.digest {
                errors.push(mismatch("/framework/digest", "digest", d, &self.digest));
            }
        }

        let mut seen = std::collections::HashSet::new();
        for (i, id) in a.bonus.iter().enumerate() {
            if !self.bonus_points.contains_key(&**id) {
                errors.push(unknown_item(
                    format!("/bonus/{i}"),
                    id,
                    ("bonus item", "加分项"),
                ));
            } else if !seen.insert(id) {
                errors.push(duplicate_item(format!("/bonus/{i}"), id));
            }
        }
        seen.clear();
        for (i, claim) in a.deductions.iter().enumerate() {
            if !self.deduction_points.contains_key(&*claim.item) {
                errors.push(unknown_item(
                    format!("/deductions/{i}/item"),
                    &claim.item,
                    ("deduction item", "扣分项"),
                ));
            } else if !seen.insert(&claim.item) {
                errors.push(duplicate_item(format!("/deductions/{i}/item"), &claim.item));
            }
        }
        seen.clear();
        for (i, id) in a.vetoes.iter().enumerate() {
            if !self.veto_caps.contains_key(&**id) {
                errors.push(unknown_item(format!("/vetoes/{i}"), id, ("veto", "否决项")));
            } else if !seen.insert(id) {
                errors.push(duplicate_item(format!("/vetoes/{i}"), id));
            }
        }
        seen.clear();
        for (i, c) in a.commitments.iter().enumerate() {
            if !seen.insert(&c.id) {
                errors.push(Diagnostic::new(
                    Code::DuplicateId,
                    format!("/commitments/{i}/id"),
                    format!("commitment id \"{}\" is used more than once", c.id),
                    format!("承诺标识「{}」重复", c.id),
                ));
            }
            if let Some(d) = &c.dimension {
                if !fw.dimensions.iter().any(|dim| dim.id == *d) {
                    errors.push(unknown_item(
                        format!("/commitments/{i}/dimension"),
                        d,
                        ("dimension", "维度"),
                    ));
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Computation (SPEC 4).

    fn compute(
        &self,
        a: &Assessment,
        options: &ScoreOptions,
        starts: &[u32],
        entries: &[Entry],
    ) -> ScoreResult {
        let fw = self.fw;
        let n_sources = fw.sources.len();
        let mut indicators = Vec::with_capacity(self.indicators.len());
        let mut dim_score = vec![Exact::ZERO; fw.dimensions.len()];
        let mut dim_max = vec![Exact::ZERO; fw.dimensions.len()];
        let mut complete = true;
        let mut perception = Vec::new();
        let mut self_levels: Vec<Option<i64>> = Vec::with_capacity(self.indicators.len());
        let mut scratch: Vec<i64> = Vec::new();

        let mut present: Vec<(i64, Aggregated, bool)> = Vec::with_capacity(n_sources);
        let mut source_results: Vec<SourceResult> =
            Vec::with_capacity(self.indicators.len() * n_sources);
        let mut sheet_scores: Vec<SheetScore> = Vec::with_capacity(entries.len());
        for (idx, meta) in self.indicators.iter().enumerate() {
            let ind = meta.indicator;
            let first_source = source_results.len() as u32;
            present.clear();
            let mut self_single: Option<i64> = None;
            let (mut any_rating, mut any_score) = (false, false);
            for (s, src) in fw.sources.iter().enumerate() {
                if meta.sources & bit(s) == 0 {
                    continue;
                }
                let b = idx * n_sources + s;
                let (lo, hi) = (
                    starts.get(b).copied().unwrap_or(0) as usize,
                    starts.get(b + 1).copied().unwrap_or(0) as usize,
                );
                let bucket = entries.get(lo..hi).unwrap_or(&[]);
                any_rating |= !bucket.is_empty();
                scratch.clear();
                scratch.extend(bucket.iter().filter_map(|e| match e.value {
                    SheetValue::Score(v) => Some(v),
                    SheetValue::Na => None,
                }));
                let n = scratch.len();
                any_score |= n > 0;
                let is_self = Some(s) == self.self_source;
                let is_present = n > 0 && n >= src.min_raters as usize;
                let score = is_present.then(|| {
                    let agg = aggregate(src.aggregate, &mut scratch);
                    present.push((src.weight.cents(), agg, is_self));
                    agg.exact()
                });
                if is_self && n == 1 {
                    self_single = scratch.first().copied();
                }
                let shown = src.anonymous_min.is_none_or(|k| n >= k as usize);
                let first_sheet = sheet_scores.len() as u32;
                if shown {
                    let anonymous = src.anonymous_min.is_some();
                    for e in bucket {
                        if let SheetValue::Score(v) = e.value {
                            let sheet = (!anonymous).then_some(e.sheet);
                            sheet_scores.push(SheetScore::new(sheet, v));
                        }
                    }
                }
                let sheets = first_sheet..sheet_scores.len() as u32;
                source_results.push(SourceResult {
                    id: src.id.clone(),
                    present: is_present,
                    reason: match n {
                        0 => Some(AbsentReason::NoRatings),
                        _ if !is_present => Some(AbsentReason::BelowMinRaters),
                        _ => None,
                    },
                    score,
                    sheets,
                });
            }
            let points = ind.points.exact();
            let combined = weighted(present.iter().map(|(w, agg, _)| (*w, agg)));
            let status = if combined.is_some() {
                IndicatorStatus::Rated
            } else if any_rating && !any_score {
                IndicatorStatus::Na
            } else {
                IndicatorStatus::Unrated
            };
            // Maxima are sums of 2-decimal points: they never grow; scores are summed below.
            if let Some(max) = dim_max
                .get_mut(meta.dimension)
                .filter(|_| status != IndicatorStatus::Na)
            {
                *max = max.add(&points);
            }
            complete &= status != IndicatorStatus::Unrated;
            let own = present
                .iter()
                .find(|(_, _, is_self)| *is_self)
                .map(|(_, agg, _)| agg.exact());
            let rest = weighted(
                present
                    .iter()
                    .filter(|(_, _, is_self)| !is_self)
                    .map(|(w, agg, _)| (*w, agg)),
            );
            if let (Some(own), Some(rest)) = (own, rest) {
                perception.push(Perception {
                    indicator: ind.id.clone(),
                    difference: own.sub(&rest),
                    self_score: own,
                    others: rest,
                });
            }
            self_levels.push(self_single);
            let lost = combined.as_ref().map(|c| points.sub(c));
            indicators.push(IndicatorResult {
                id: ind.id.clone(),
                dimension: fw
                    .dimensions
                    .get(meta.dimension)
                    .map(|d| d.id.clone())
                    .unwrap_or_else(|| ind.id.clone()),
                points: ind.points,
                status,
                combined,
                lost,
                sources: first_source..source_results.len() as u32,
            });
        }

        // A dimension's indicators are contiguous in framework order: one pass over them.
        let mut parts: Vec<Exact> = Vec::new();
        let mut start = 0;
        for (dim, score) in fw.dimensions.iter().zip(dim_score.iter_mut()) {
            let end = start + dim.indicators.len();
            parts.clear();
            parts.extend(
                indicators
                    .get(start..end)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|r| r.combined.clone()),
            );
            *score = Exact::sum(&parts);
            start = end;
        }
        let base = Exact::sum(&dim_score);
        let max = dim_max.iter().fold(Exact::ZERO, |acc, m| acc.add(m));
        let bonus = adjustment(
            &fw.bonus,
            &self.bonus_points,
            a.bonus.iter().map(|id| (id, 1)),
        );
        let deduction = adjustment(
            &fw.deductions,
            &self.deduction_points,
            a.deductions.iter().map(|c| (&c.item, c.count)),
        );
        let totals = Totals {
            bonus: bonus.clone(),
            deduction: deduction.clone(),
            max: max.clone(),
            framework_max: self.framework_max.clone(),
        };
        let (total, normalised_total) = totals.of(&base);

        let dimensions: Vec<DimensionResult> = fw
            .dimensions
            .iter()
            .zip(dim_score.iter().zip(&dim_max))
            .map(|(d, (score, max))| DimensionResult {
                id: d.id.clone(),
                score: score.clone(),
                max: max.clone(),
                ratio: score.mul_int(100).div(max),
            })
            .collect();

        let grading = Grading::new(
            fw,
            &self.veto_caps,
            a,
            &normalised_total,
            &dim_score,
            &dim_max,
            complete,
        );
        let gaps = self.gaps(&indicators, &self_levels);
        let to_next_grade = grading.to_next(fw, &normalised_total, &dim_score, &dim_max);
        let plan = match &to_next_grade {
            Some(next) if next.blocked_by.is_empty() => {
                self.plan(&grading, &gaps, &base, &dim_score, &dim_max, &totals)
            }
            _ => Vec::new(),
        };
        perception.sort_by(|x, y| y.difference.cmp(&x.difference));

        ScoreResult {
            framework: FrameworkRef {
                id: fw.id.clone(),
                version: fw.version.clone(),
                digest: Some(self.digest.clone()),
            },
            subject: a.subject.clone(),
            period: a.period.clone(),
            complete,
            total,
            max,
            normalised_total,
            bonus,
            deduction,
            grade: grading
                .grade
                .and_then(|g| fw.grades.get(g))
                .map(|g| g.id.clone()),
            grade_reason: grading.reason,
            grade_detail: grading.detail(fw),
            dimensions,
            indicators,
            source_results,
            sheet_scores,
            raters: a.sheets.iter().map(|s| s.rater.clone()).collect(),
            gaps,
            to_next_grade,
            plan,
            perception,
            commitments: commitments(a, options),
        }
    }

    /// 找差距 (SPEC 5): rated indicators that lost points, most first, then framework order.
    fn gaps(&self, indicators: &[IndicatorResult], self_levels: &[Option<i64>]) -> Vec<Gap> {
        let mut gaps: Vec<(usize, &Exact)> = indicators
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.lost.as_ref().filter(|l| l.is_positive()).map(|l| (i, l)))
            .collect();
        gaps.sort_by(|(i, x), (j, y)| y.cmp(x).then(i.cmp(j)));
        gaps.into_iter()
            .filter_map(|(i, lost)| {
                let meta = self.indicators.get(i)?;
                let result = indicators.get(i)?;
                let (current_level, next_level, next_descriptor) = match &meta.indicator.scale {
                    Scale::Levels { levels } => {
                        let cents = meta.indicator.points.cents();
                        let from_self = self_levels.get(i).copied().flatten().and_then(|score| {
                            levels
                                .iter()
                                .position(|l| cents * i64::from(l.percent) == score)
                        });
                        let current = from_self.or_else(|| {
                            let combined = result.combined.as_ref()?;
                            levels
                                .iter()
                                .position(|l| units(cents * i64::from(l.percent)) <= *combined)
                                .or(Some(levels.len().saturating_sub(1)))
                        });
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
                Some(Gap {
                    indicator: result.id.clone(),
                    lost: lost.clone(),
                    current_level,
                    next_level,
                    next_descriptor,
                })
            })
            .collect()
    }

    /// A suggestion that reaches the next grade: gaps in order, each raised to full points, until
    /// the total and every floor are met; empty when that is not enough.
    fn plan(
        &self,
        grading: &Grading,
        gaps: &[Gap],
        base: &Exact,
        dim_score: &[Exact],
        dim_max: &[Exact],
        totals: &Totals,
    ) -> Vec<PlanStep> {
        let Some(target) = grading.grade.and_then(|g| g.checked_sub(1)) else {
            return Vec::new();
        };
        let mut base = base.clone();
        let mut dims = dim_score.to_vec();
        let mut steps = Vec::new();
        for gap in gaps {
            let Some(dim) = self
                .position(&gap.indicator)
                .and_then(|i| self.indicators.get(i))
                .map(|m| m.dimension)
            else {
                continue;
            };
            base = base.add(&gap.lost);
            if let Some(d) = dims.get_mut(dim) {
                *d = d.add(&gap.lost);
            }
            steps.push(PlanStep {
                indicator: gap.indicator.clone(),
                gain: gap.lost.clone(),
            });
            let (_, normalised) = totals.of(&base);
            if meets(self.fw, target, &normalised, &dims, dim_max) {
                return steps;
            }
        }
        Vec::new()
    }
}

/// An id with its first 8 bytes as a big-endian integer, so that most comparisons are one
/// integer comparison. It orders exactly like the string: a shorter string that is a prefix of a
/// longer one is padded with zero bytes, which sort first, and ties fall back to the bytes.
#[derive(Clone, Copy)]
struct Key<'a> {
    prefix: u64,
    text: &'a str,
}

impl<'a> Key<'a> {
    fn new(text: &'a str) -> Key<'a> {
        // Built in a register: writing bytes to memory and reading them back as one word stalls.
        let (prefix, n) = text.bytes().take(8).fold((0u64, 0u32), |(acc, n), b| {
            ((acc << 8) | u64::from(b), n + 1)
        });
        let prefix = if n == 0 { 0 } else { prefix << (8 * (8 - n)) };
        Key { prefix, text }
    }

    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| self.text.cmp(other.text))
    }

    /// Equal prefixes and lengths of at most 8 bytes mean equal strings: the prefix holds them whole.
    fn eq(&self, other: &Key) -> bool {
        self.prefix == other.prefix
            && self.text.len() == other.text.len()
            && (self.text.len() <= 8 || self.text == other.text)
    }
}

/// The bit of source `s` in an indicator's source mask (validation bounds sources at 64).
fn bit(s: usize) -> u64 {
    u32::try_from(s)
        .ok()
        .and_then(|s| 1u64.checked_shl(s))
        .unwrap_or(0)
}

/// The sheet score of one rating, or why it cannot be scored.
fn sheet_value(meta: &Meta, rating: &Rating) -> Result<SheetValue, (Code, String, String)> {
    let ind = meta.indicator;
    let cents = ind.points.cents();
    let wrong = |expected_en: &str, expected_zh: &str| {
        (
            Code::WrongRatingKind,
            format!("indicator \"{}\" is rated with {expected_en}", ind.id),
            format!("指标「{}」的评分应为{expected_zh}", ind.id),
        )
    };
    match (&ind.scale, rating) {
        (_, Rating::Na) if ind.allow_na => Ok(SheetValue::Na),
        (_, Rating::Na) => Err((
            Code::NaNotAllowed,
            format!("indicator \"{}\" cannot be marked not applicable", ind.id),
            format!("指标「{}」不允许标记为不适用", ind.id),
        )),
        (Scale::Levels { levels }, Rating::Level(id)) => {
            let wanted = Key::new(id);
            match meta.levels.iter().find(|(k, _)| k.eq(&wanted)) {
                Some((_, score)) => Ok(SheetValue::Score(*score)),
                None => {
                    let ids: Vec<&str> = levels.iter().map(|l| &*l.id).collect();
                    Err((
                        Code::UnknownLevel,
                        format!(
                            "\"{id}\" is not a level of indicator \"{}\"; its levels are: {}",
                            ind.id,
                            ids.join(", ")
                        ),
                        format!(
                            "「{id}」不是指标「{}」的等次;可选等次:{}",
                            ind.id,
                            ids.join("、")
                        ),
                    ))
                }
            }
        }
        (Scale::Levels { .. }, _) => Err(wrong("one of its level ids", "其等次标识之一")),
        (Scale::Check, Rating::Check(yes)) => {
            Ok(SheetValue::Score(if *yes { cents * 100 } else { 0 }))
        }
        (Scale::Check, _) => Err(wrong("true or false", "true 或 false")),
        (Scale::Points { step }, Rating::Number(value)) => points_value(ind, *step, *value),
        (Scale::Points { step }, Rating::Level(text)) => {
            let mut reader = crate::read::Reader::default();
            match (reader.decimal_text(text, ""), reader.errors.pop()) {
                (Some(value), _) => points_value(ind, *step, value),
                // A number with a fault (precision, range) says so; other text is the wrong kind.
                (None, Some(d)) if d.code != Code::InvalidDecimal => Err((
                    d.code,
                    d.message(crate::Lang::En).to_owned(),
                    d.message(crate::Lang::ZhHans).to_owned(),
                )),
                (None, _) => Err(wrong("a number of points", "分值")),
            }
        }
        (Scale::Points { .. }, _) => Err(wrong("a number of points", "分值")),
        (Scale::Deduction { per }, Rating::Number(count)) if count.cents() % 100 == 0 => {
            let lapses = count.cents() / 100;
            Ok(SheetValue::Score(
                (cents - lapses * per.cents()).max(0) * 100,
            ))
        }
        (Scale::Deduction { .. }, _) => Err(wrong("a whole number of lapses", "次数(整数)")),
    }
}

fn points_value(
    ind: &Indicator,
    step: Decimal,
    value: Decimal,
) -> Result<SheetValue, (Code, String, String)> {
    if value > ind.points {
        return Err((
            Code::OutOfRange,
            format!(
                "{} is more than the {} points of indicator \"{}\"",
                value.canonical(),
                ind.points.canonical(),
                ind.id
            ),
            format!(
                "{} 超过指标「{}」的分值 {}",
                value.canonical(),
                ind.id,
                ind.points.canonical()
            ),
        ));
    }
    if step.cents() == 0 || value.cents() % step.cents() != 0 {
        return Err((
            Code::NotAStep,
            format!(
                "{} is not a multiple of the step {} of indicator \"{}\"",
                value.canonical(),
                step.canonical(),
                ind.id
            ),
            format!(
                "{} 不是指标「{}」步长 {} 的整数倍",
                value.canonical(),
                ind.id,
                step.canonical()
            ),
        ));
    }
    Ok(SheetValue::Score(value.cents() * 100))
}

fn unknown_indicator(path: String, key: &str, framework: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownIndicator,
        path,
        format!("\"{key}\" is not an indicator of framework \"{framework}\""),
        format!("「{key}」不是评价标准「{framework}」中的指标"),
    )
}

fn unknown_item(path: String, id: &str, what: (&str, &str)) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownReference,
        path,
        format!("\"{id}\" is not a {} of this framework", what.0),
        format!("「{id}」不是本标准中的{}", what.1),
    )
}

fn duplicate_item(path: String, id: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateItem,
        path,
        format!("\"{id}\" is listed more than once"),
        format!("「{id}」重复列出"),
    )
}

/// A sheet score in points.
fn units(v: i64) -> Exact {
    Exact::ratio(i128::from(v), i128::from(UNIT)).unwrap_or_default()
}

/// A source score S(i, src) as an unreduced fraction of sheet-score units: `num / den`.
#[derive(Clone, Copy)]
struct Aggregated {
    num: i128,
    den: i64,
}

impl Aggregated {
    fn exact(self) -> Exact {
        Exact::ratio(self.num, i128::from(self.den) * i128::from(UNIT)).unwrap_or_default()
    }
}

/// The source score of its sheet scores (SPEC 4.2); `values` is not empty.
fn aggregate(how: Aggregate, values: &mut [i64]) -> Aggregated {
    let n = values.len() as i64;
    let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
    let (num, den) = match how {
        Aggregate::Mean => (sum, n),
        Aggregate::TrimmedMean if n >= 3 => {
            let lo = values.iter().copied().min().unwrap_or(0);
            let hi = values.iter().copied().max().unwrap_or(0);
            (sum - i128::from(lo) - i128::from(hi), n - 2)
        }
        Aggregate::TrimmedMean => (sum, n),
        Aggregate::Median => {
            values.sort_unstable();
            let mid = values.len() / 2;
            let upper = i128::from(values.get(mid).copied().unwrap_or(0));
            if values.len() % 2 == 1 {
                (upper, 1)
            } else {
                (
                    upper + i128::from(values.get(mid.wrapping_sub(1)).copied().unwrap_or(0)),
                    2,
                )
            }
        }
    };
    Aggregated { num, den }
}

/// Σ w × S / Σ w (SPEC 4.3) over `(weight in cents, source score)`; `None` when there is none.
/// Computed over the common denominator in integers; exact rationals only if that would overflow.
fn weighted<'a>(parts: impl Iterator<Item = (i64, &'a Aggregated)> + Clone) -> Option<Exact> {
    let mut lcm: i64 = 1;
    let mut weight: i64 = 0;
    let mut fits = true;
    for (w, agg) in parts.clone() {
        weight += w;
        let g = num_integer::gcd(lcm, agg.den);
        match (lcm / g.max(1)).checked_mul(agg.den) {
            Some(l) => lcm = l,
            None => fits = false,
        }
    }
    if weight == 0 {
        return None;
    }
    if fits {
        let mut num: Option<i128> = Some(0);
        for (w, agg) in parts.clone() {
            let scale = i128::from(lcm / agg.den.max(1));
            num = num.and_then(|n| {
                agg.num
                    .checked_mul(scale)?
                    .checked_mul(i128::from(w))?
                    .checked_add(n)
            });
        }
        let den = i128::from(lcm)
            .checked_mul(i128::from(weight))
            .and_then(|d| d.checked_mul(i128::from(UNIT)));
        if let (Some(num), Some(den)) = (num, den) {
            return Exact::ratio(num, den);
        }
    }
    let sum = parts.fold(Exact::ZERO, |acc, (w, agg)| {
        acc.add(&agg.exact().mul_int(w))
    });
    sum.div_int(weight)
}

/// min(cap, Σ points × count) over the claimed items (SPEC 4.5).
fn adjustment<'a>(
    adj: &Option<Adjustments>,
    points: &HashMap<&str, i64>,
    claims: impl Iterator<Item = (&'a Id, u32)>,
) -> Exact {
    let Some(adj) = adj else { return Exact::ZERO };
    let sum = Exact::sum(
        &claims
            .map(|(id, count)| {
                Exact::cents(points.get(&**id).copied().unwrap_or(0)).mul_int(i64::from(count))
            })
            .collect::<Vec<_>>(),
    );
    sum.min(adj.cap.exact())
}

/// Items of a bonus or deductions list by id, with their points in hundredths.
fn points_by_id(adj: &Option<Adjustments>) -> HashMap<&str, i64> {
    adj.iter()
        .flat_map(|a| &a.items)
        .map(|it| (&*it.id, it.points.cents()))
        .collect()
}

/// What turns a base into the total and the normalised total.
struct Totals {
    bonus: Exact,
    deduction: Exact,
    max: Exact,
    framework_max: Exact,
}

impl Totals {
    /// Total = max(0, Base + Bonus − Deduction); normalised = Total × framework max / Max
    /// (the total itself when Max is 0: nothing applicable is left to scale by).
    fn of(&self, base: &Exact) -> (Exact, Exact) {
        let total = base.add(&self.bonus).sub(&self.deduction).max(Exact::ZERO);
        let normalised = if self.max == self.framework_max {
            total.clone()
        } else {
            total
                .mul(&self.framework_max)
                .div(&self.max)
                .unwrap_or_else(|| total.clone())
        };
        (total, normalised)
    }
}

/// Whether every dimension with M > 0 reaches `ratio` percent.
fn floors_met(ratio: Option<u8>, dim_score: &[Exact], dim_max: &[Exact]) -> bool {
    let Some(ratio) = ratio else { return true };
    dim_score
        .iter()
        .zip(dim_max)
        .all(|(d, m)| !m.is_positive() || d.mul_int(100) >= m.mul_int(i64::from(ratio)))
}

/// Whether grade `g` is met on the total and floors (vetoes aside).
fn meets(
    fw: &Framework,
    g: usize,
    normalised: &Exact,
    dim_score: &[Exact],
    dim_max: &[Exact],
) -> bool {
    fw.grades.get(g).is_some_and(|grade| {
        *normalised >= grade.min_total.exact()
            && floors_met(grade.min_dimension_ratio, dim_score, dim_max)
    })
}

/// The grade decision (SPEC 4.7), as indices into `fw.grades` (0 = best).
struct Grading {
    grade: Option<usize>,
    reason: GradeReason,
    threshold: Option<usize>,
    floor_failures: Vec<usize>,
    vetoes: Vec<(Id, usize)>,
}

impl Grading {
    fn new(
        fw: &Framework,
        veto_caps: &HashMap<&str, usize>,
        a: &Assessment,
        normalised: &Exact,
        dim_score: &[Exact],
        dim_max: &[Exact],
        complete: bool,
    ) -> Grading {
        let vetoes: Vec<(Id, usize)> = a
            .vetoes
            .iter()
            .filter_map(|id| veto_caps.get(&**id).map(|g| (id.clone(), *g)))
            .collect();
        if !complete {
            return Grading {
                grade: None,
                reason: GradeReason::Incomplete,
                threshold: None,
                floor_failures: Vec::new(),
                vetoes,
            };
        }
        let threshold = fw
            .grades
            .iter()
            .position(|g| *normalised >= g.min_total.exact());
        let by_floor = (0..fw.grades.len()).find(|&g| meets(fw, g, normalised, dim_score, dim_max));
        let cap = vetoes.iter().map(|(_, g)| *g).max();
        let floor_failures = threshold
            .and_then(|t| fw.grades.get(t))
            .and_then(|g| g.min_dimension_ratio)
            .map(|ratio| {
                (0..dim_score.len())
                    .filter(|&d| {
                        !floors_met(
                            Some(ratio),
                            dim_score.get(d..=d).unwrap_or(&[]),
                            dim_max.get(d..=d).unwrap_or(&[]),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (grade, reason) = match (by_floor, cap) {
            (Some(g), Some(c)) if c > g => (Some(c), GradeReason::Veto),
            (Some(g), _) if Some(g) != threshold => (Some(g), GradeReason::DimensionFloor),
            (g, _) => (g, GradeReason::Threshold),
        };
        Grading {
            grade,
            reason,
            threshold,
            floor_failures,
            vetoes,
        }
    }

    fn detail(&self, fw: &Framework) -> GradeDetail {
        GradeDetail {
            threshold_grade: self
                .threshold
                .and_then(|t| fw.grades.get(t))
                .map(|g| g.id.clone()),
            floor_failures: self
                .floor_failures
                .iter()
                .filter_map(|&d| fw.dimensions.get(d))
                .map(|d| d.id.clone())
                .collect(),
            vetoes: self.vetoes.iter().map(|(id, _)| id.clone()).collect(),
        }
    }

    /// What the next better grade needs (SPEC 5); `None` at the best grade or while incomplete.
    fn to_next(
        &self,
        fw: &Framework,
        normalised: &Exact,
        dim_score: &[Exact],
        dim_max: &[Exact],
    ) -> Option<ToNextGrade> {
        let target = self.grade?.checked_sub(1)?;
        let grade = fw.grades.get(target)?;
        let floors = match grade.min_dimension_ratio {
            Some(ratio) => fw
                .dimensions
                .iter()
                .zip(dim_score.iter().zip(dim_max))
                .filter_map(|(d, (score, max))| {
                    let needed = max.mul_int(i64::from(ratio)).div_int(100)?.sub(score);
                    (max.is_positive() && needed.is_positive()).then(|| FloorNeed {
                        dimension: d.id.clone(),
                        points_needed: needed,
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        Some(ToNextGrade {
            grade: grade.id.clone(),
            points_needed: grade.min_total.exact().sub(normalised).max(Exact::ZERO),
            floors,
            blocked_by: self
                .vetoes
                .iter()
                .filter(|(_, cap)| *cap > target)
                .map(|(id, _)| id.clone())
                .collect(),
        })
    }
}

/// 公开承诺 as of the assessment's `as_of`, else today, else the period's end (SPEC 5).
fn commitments(a: &Assessment, options: &ScoreOptions) -> CommitmentSummary {
    let as_of = a.as_of.or(options.today).unwrap_or(a.period.end);
    let count =
        |f: &dyn Fn(&Commitment) -> bool| a.commitments.iter().filter(|c| f(c)).count() as u32;
    let open_status = |c: &Commitment| {
        matches!(
            c.status,
            CommitmentStatus::Planned | CommitmentStatus::InProgress
        )
    };
    let overdue: Vec<Id> = a
        .commitments
        .iter()
        .filter(|c| open_status(c) && c.due < as_of)
        .map(|c| c.id.clone())
        .collect();
    let total = a.commitments.len() as u32;
    let done = count(&|c| c.status == CommitmentStatus::Done);
    let dropped = count(&|c| c.status == CommitmentStatus::Dropped);
    CommitmentSummary {
        as_of,
        total,
        done,
        open: count(&open_status),
        overdue: overdue.len() as u32,
        dropped,
        completion_rate: Exact::int(i64::from(done) * 100).div_int(i64::from(total - dropped)),
        overdue_ids: overdue,
    }
}

/// Scores one assessment against a framework (validating both); for many, build a [`Scorer`] once.
pub fn score(
    fw: &Framework,
    a: &Assessment,
    options: &ScoreOptions,
) -> Result<ScoreResult, Vec<Diagnostic>> {
    Scorer::new(fw)?.score(a, options)
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
