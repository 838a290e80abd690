//! Scoring (spec §5) and its explanation (spec §6): an assessment against a prepared framework →
//! an exact result that explains every point.
//!
//! One pass per assessment: its ratings become sheet scores bucketed by (indicator, source)
//! (`sheets`, spec §5.1); each indicator's buckets are aggregated and combined (`sources`,
//! spec §5.2–5.3); dimensions and totals follow (`totals`, spec §5.4–5.6), then the grade
//! (`grade`, spec §5.7), gaps and plan (`gaps`, spec §6.2–6.4), perception (`perception`, spec
//! §6.5) and commitments (`commitments`, spec §6.6).

mod commitments;
mod gaps;
mod grade;
mod perception;
mod sheets;
mod sources;
mod totals;

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::index::rates;
use crate::invariant::OrBroken;
use crate::model::*;
use crate::prepared::Prepared;
use crate::validate;
use sheets::SheetValue;
use sources::{aggregate, weighted, Aggregated};
use totals::{adjustment, DimensionTotal, Totals};

/// What the scorer needs from the outside world.
#[derive(Clone, Debug, Default)]
pub struct ScoreOptions {
    /// "Today", for overdue commitments when the assessment gives no `as_of` (spec §6.6).
    pub today: Option<Date>,
}

impl Prepared {
    /// Every error of an assessment against this framework (spec §4.3); none when it can be
    /// scored. [`Prepared::score`] reports the same errors.
    pub fn check(&self, a: &Assessment) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        if let Err(internal) = self.resolve(a, &mut errors) {
            errors.push(internal);
        }
        errors
    }

    /// Scores an assessment (spec §5, §6): the errors of [`Prepared::check`], or the result.
    pub fn score(
        &self,
        a: &Assessment,
        options: &ScoreOptions,
    ) -> Result<ScoreResult, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let buckets = self.resolve(a, &mut errors).map_err(|e| vec![e])?;
        if !errors.is_empty() {
            return Err(errors);
        }
        compute(self, a, options, &buckets).map_err(|e| vec![e])
    }

    /// Checks an assessment against the framework (spec §4.3), pushing every error, and turns
    /// its ratings into sheet scores (spec §5.1) in the same pass.
    fn resolve(
        &self,
        a: &Assessment,
        errors: &mut Vec<Diagnostic>,
    ) -> Result<sheets::Buckets, Diagnostic> {
        validate::assessment::document(self.framework(), self.digest(), &self.index, a, errors);
        sheets::resolve(self, a, errors)
    }
}

fn compute(
    p: &Prepared,
    a: &Assessment,
    options: &ScoreOptions,
    buckets: &sheets::Buckets,
) -> Result<ScoreResult, Diagnostic> {
    let fw = p.framework();
    let index = &p.index;
    let mut cursor = buckets.cursor();
    let mut metas = index.indicators.iter();
    let mut indicators: Vec<IndicatorResult> = Vec::with_capacity(index.indicators.len());
    let mut dims: Vec<DimensionTotal> = Vec::with_capacity(fw.dimensions.len());
    let mut complete = true;
    let mut perception = Vec::new();
    let mut lost = Vec::new();
    let mut scratch: Vec<i64> = Vec::new();
    let mut present: Vec<(i64, Aggregated, bool)> = Vec::with_capacity(fw.sources.len());

    for (d, dim) in fw.dimensions.iter().enumerate() {
        let mut max = Exact::ZERO;
        let mut parts: Vec<Exact> = Vec::with_capacity(dim.indicators.len());
        for ind in &dim.indicators {
            let meta = metas.next().or_broken("an index entry per indicator")?;
            present.clear();
            let mut sources = Vec::with_capacity(fw.sources.len());
            // Its single self sheet score, if the self source gave exactly one (spec §6.2).
            let mut self_single = None;
            let (mut any_rating, mut any_score) = (false, false);
            for (s, src) in fw.sources.iter().enumerate() {
                let bucket = cursor.next_bucket()?;
                if !rates(meta.sources, s)? {
                    continue;
                }
                any_rating |= !bucket.is_empty();
                scratch.clear();
                scratch.extend(bucket.iter().filter_map(|e| match e.value {
                    SheetValue::Score(v) => Some(v),
                    SheetValue::Na => None,
                }));
                let n = scratch.len();
                any_score |= n > 0;
                let is_self = Some(s) == index.self_source;
                if is_self && n == 1 {
                    self_single = scratch.first().copied();
                }
                // spec §5.2: fewer sheet scores than min_raters leave the source absent.
                let is_present = n > 0 && n >= src.min_raters as usize;
                let score = if is_present {
                    let agg = aggregate(src.aggregate, &mut scratch)?;
                    present.push((src.weight.cents(), agg, is_self));
                    Some(agg.exact())
                } else {
                    None
                };
                // spec §6.1: an anonymous source shows its sheets only from anonymous_min on,
                // and never a rater's name.
                let shown = src.anonymous_min.is_none_or(|k| n >= k as usize);
                let anonymous = src.anonymous_min.is_some();
                let mut sheets = Vec::with_capacity(if shown { n } else { 0 });
                if shown {
                    for e in bucket {
                        if let SheetValue::Score(v) = e.value {
                            let rater = if anonymous {
                                None
                            } else {
                                a.sheets
                                    .get(e.sheet as usize)
                                    .or_broken("the sheet of a sheet score")?
                                    .rater
                                    .clone()
                            };
                            sheets.push(SheetScore {
                                rater,
                                score: Units(v),
                            });
                        }
                    }
                }
                sources.push(SourceResult {
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
            // spec §5.3
            let combined = weighted(present.iter().map(|(w, agg, _)| (*w, agg)));
            let status = if combined.is_some() {
                IndicatorStatus::Rated
            } else if any_rating && !any_score {
                IndicatorStatus::Na
            } else {
                IndicatorStatus::Unrated
            };
            let points = ind.points.exact();
            // spec §5.4: N/A indicators leave both the score and the max.
            if status != IndicatorStatus::Na {
                max = max.add(&points);
            }
            complete &= status != IndicatorStatus::Unrated;
            if let Some(c) = &combined {
                parts.push(c.clone());
            }
            perception.extend(perception::perception(&ind.id, &present));
            let result = IndicatorResult {
                id: ind.id.clone(),
                dimension: dim.id.clone(),
                points: ind.points,
                status,
                lost: combined.as_ref().map(|c| points.sub(c)),
                combined,
                sources,
            };
            lost.extend(gaps::gap(ind, &result, d, self_single));
            indicators.push(result);
        }
        dims.push(DimensionTotal {
            score: Exact::sum(&parts),
            max,
        });
    }

    // spec §5.5
    let base = Exact::sum(&dims.iter().map(|d| d.score.clone()).collect::<Vec<_>>());
    let max = dims.iter().fold(Exact::ZERO, |acc, d| acc.add(&d.max));
    let totals = Totals {
        bonus: adjustment(
            &fw.bonus,
            &index.bonus_points,
            a.bonus.iter().map(|id| (id, 1)),
        )?,
        deduction: adjustment(
            &fw.deductions,
            &index.deduction_points,
            a.deductions.iter().map(|c| (&c.item, c.count)),
        )?,
        max: max.clone(),
        framework_max: index.framework_max.clone(),
    };
    let (total, normalised_total) = totals.of(&base);

    // spec §5.7, §6.2–6.4
    let grading = grade::Grading::new(fw, &index.veto_caps, a, &normalised_total, &dims, complete)?;
    gaps::order(&mut lost);
    let to_next_grade = grading.to_next(fw, &normalised_total, &dims);
    let plan = match &to_next_grade {
        Some(next) if next.blocked_by.is_empty() => {
            gaps::plan(fw, &grading, &lost, &base, &dims, &totals)?
        }
        _ => Vec::new(),
    };
    perception::order(&mut perception);

    let grade = match grading.grade {
        Some(g) => Some(
            fw.grades
                .get(g)
                .or_broken("a grade in the list")?
                .id
                .clone(),
        ),
        None => None,
    };
    Ok(ScoreResult {
        schema: ResultSchema,
        framework: p.stamp(),
        subject: a.subject.clone(),
        period: a.period.clone(),
        complete,
        total,
        max,
        normalised_total,
        bonus: totals.bonus.clone(),
        deduction: totals.deduction.clone(),
        grade,
        grade_reason: grading.reason,
        grade_detail: grading.detail(fw),
        dimensions: fw
            .dimensions
            .iter()
            .zip(&dims)
            .map(|(d, t)| DimensionResult {
                id: d.id.clone(),
                ratio: t.score.mul_int(100).div(&t.max),
                score: t.score.clone(),
                max: t.max.clone(),
            })
            .collect(),
        indicators,
        gaps: lost.into_iter().map(|l| l.gap).collect(),
        to_next_grade,
        plan,
        perception,
        commitments: commitments::commitments(a, options),
    })
}
