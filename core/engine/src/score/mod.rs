//! Scoring (spec §5) and its explanation (spec §6): an assessment against a prepared framework →
//! an exact result that explains every point.
//!
//! One pass per assessment: its ratings become sheet scores bucketed by (indicator, source)
//! (`sheets`, spec §5.1); each indicator's buckets are aggregated and combined (`sources`,
//! spec §5.2–5.3); dimensions and totals follow (`totals`, spec §5.4–5.6), then the grade
//! (`grade`, spec §5.7), gaps and plan (`gaps`, spec §6.2–6.4), perception (`perception`, spec
//! §6.5) and commitments (`commitments`, spec §6.6).

mod commitments;
mod events;
mod gaps;
mod grade;
mod items;
mod perception;
mod rules;
mod sheets;
mod sources;
pub use sources::trimmed_away;
mod totals;

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;
use crate::prepared::Prepared;
use crate::validate;
/// A set of ids, hashed by FNV (short ids; the set lives for one scoring).
pub(crate) type IdSet =
    std::collections::HashSet<Id, std::hash::BuildHasherDefault<crate::read::Fnv>>;
use totals::{DimensionTotal, Totals};

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
        match self.assess(a) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        }
    }

    /// Scores an assessment (spec §5, §6): the errors of [`Prepared::check`], or the result.
    pub fn score(
        &self,
        a: &Assessment,
        options: &ScoreOptions,
    ) -> Result<ScoreResult, Vec<Diagnostic>> {
        self.assess(a)?.score(options)
    }

    /// Scores an assessment in brief (spec §9.3's `cxzy/summary@1`): the same total, grade and
    /// reason, and parts as [`Prepared::score`], without building the explanation a summary
    /// does not show (each source's sheets, the gaps and plan, perception) — what a batch of
    /// many assessments needs.
    pub fn summarize(
        &self,
        a: &Assessment,
        options: &ScoreOptions,
    ) -> Result<Summary, Vec<Diagnostic>> {
        self.assess(a)?.summarize(options)
    }

    /// Checks an assessment against the framework (spec §4.3) and resolves its ratings into
    /// sheet scores (spec §5.1), once: every error, or the assessment ready to be scored as
    /// often as asked ([`Assessed`]).
    pub fn assess<'a>(&'a self, a: &'a Assessment) -> Result<Assessed<'a>, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        validate::assessment::document(
            self.framework(),
            self.digest(),
            &self.index,
            a,
            &mut errors,
        );
        let buckets = sheets::resolve(self, a, &mut errors);
        let buckets = match buckets {
            Ok(b) if errors.is_empty() => b,
            Ok(_) => return Err(errors),
            Err(internal) => {
                errors.push(internal);
                return Err(errors);
            }
        };
        let fw = self.framework();
        Ok(Assessed {
            prepared: self,
            assessment: a,
            needed: needed_raters(fw, a).map_err(|e| vec![e])?,
            void: void_sources(fw, a),
            claims: totals::Claims::of(a, &self.index),
            buckets,
        })
    }
}

/// A prepared assessment: checked against its framework (spec §4.3), every rating resolved to
/// its indicator, source and sheet score (spec §5.1), the raters each source needs and the
/// adjustments claimed found — all once. Scoring it again (explained or in brief, for another
/// "today") repeats none of that: it is what a caller keeps to score one assessment more than
/// once, and what [`Prepared::score`] builds for one score.
pub struct Assessed<'a> {
    prepared: &'a Prepared,
    assessment: &'a Assessment,
    buckets: sheets::Buckets,
    /// Per source, the fewest sheet scores that make it present (spec §5.2, §11.4).
    needed: Vec<usize>,
    /// Per source, whether it is void (spec §11.4).
    void: Vec<bool>,
    claims: totals::Claims,
}

impl<'a> Assessed<'a> {
    /// The assessment, as it was checked.
    pub fn assessment(&self) -> &'a Assessment {
        self.assessment
    }

    /// The framework it was checked against.
    pub fn prepared(&self) -> &'a Prepared {
        self.prepared
    }

    /// The result, explained (spec §5, §6). An error here is only ever `internal` (spec §9):
    /// the assessment's own errors were found when it was prepared.
    pub fn score(&self, options: &ScoreOptions) -> Result<ScoreResult, Vec<Diagnostic>> {
        compute(self, options, true).map_err(|e| vec![e])
    }

    /// The result in brief (spec §9.3), as [`Prepared::summarize`] gives it.
    pub fn summarize(&self, options: &ScoreOptions) -> Result<Summary, Vec<Diagnostic>> {
        compute(self, options, false)
            .map(|r| r.brief())
            .map_err(|e| vec![e])
    }
}

fn compute(
    assessed: &Assessed<'_>,
    options: &ScoreOptions,
    explain: bool,
) -> Result<ScoreResult, Diagnostic> {
    let (p, a) = (assessed.prepared, assessed.assessment);
    let fw = p.framework();
    let index = &p.index;
    let v2 = fw.schema.version() >= 2;
    let cx = items::Cx {
        fw,
        index,
        a,
        needed: &assessed.needed,
        void: &assessed.void,
        claims: &assessed.claims,
        explain,
        scratch: std::cell::Cell::new(Vec::with_capacity(a.sheets.len())),
        present: std::cell::Cell::new(Vec::with_capacity(fw.sources.len())),
    };
    let mut cursor = assessed.buckets.cursor();
    let mut metas = index.indicators.iter();
    let mut indicators: Vec<IndicatorResult> = Vec::with_capacity(index.indicators.len());
    let mut dims: Vec<DimensionTotal> = Vec::with_capacity(fw.dimensions.len());
    let mut dim_adjustments = Vec::with_capacity(fw.dimensions.len());
    let mut complete = true;
    let mut perception = Vec::new();
    let mut lost = Vec::new();

    for (d, dim) in fw.dimensions.iter().enumerate() {
        let mut max = Exact::ZERO;
        let mut parts: Vec<Exact> = Vec::with_capacity(dim.indicators.len());
        for ind in &dim.indicators {
            let scored = items::item(&cx, ind, &dim.id, &mut metas, &mut cursor, &mut indicators)?;
            let r = indicators.last().or_broken("the item's result")?;
            // spec §5.4: N/A indicators leave both the score and the max.
            if r.status != IndicatorStatus::Na {
                max = max.add(&scored.max);
            }
            complete &= r.status != IndicatorStatus::Unrated;
            if let Some(c) = &r.combined {
                parts.push(c.clone());
            }
            if explain {
                perception.extend(perception::perception(&ind.id, &scored.present));
            }
            for sub in &r.items {
                complete &=
                    sub.status != IndicatorStatus::Unrated || r.status == IndicatorStatus::Na;
            }
            if explain {
                lost.extend(gaps::gap(ind, r, d, scored.self_single));
            }
        }
        // spec §11.2: the part's own bonus and deductions, floored and capped in the part.
        let scope = crate::index::AdjustmentScope::Dimension(dim.id.clone());
        let (amount, applied) = cx.claims.scoped(index, &scope);
        let amount = (!applied.is_empty()).then_some(amount);
        let raw = Exact::sum(&parts);
        let (score, bounded) = DimensionTotal::settle(&raw, amount.as_ref(), &max);
        dims.push(DimensionTotal {
            raw,
            score,
            max,
            weight: dim.weight.map(|w| w.exact()),
            amount,
        });
        dim_adjustments.push((applied, bounded));
    }

    // spec §11.3: the rules on votes' shares.
    let rules = rules::evaluate(fw, &indicators)?;
    complete &= !rules.incomplete;

    // spec §5.5, §11.6
    let base = Exact::sum(
        &dims
            .iter()
            .map(DimensionTotal::weighted)
            .collect::<Vec<_>>(),
    );
    let max = dims
        .iter()
        .fold(Exact::ZERO, |acc, d| acc.add(&d.weighted_max()));
    let (bonus, deduction, applied) = totals::framework_adjustments(fw, index, cx.claims)?;
    let totals = Totals {
        bonus,
        deduction: deduction.add(&rules.deduct),
        max: max.clone(),
        framework_max: index.framework_max.clone(),
    };
    let (total, normalised_total) = totals.of(&base);

    // spec §5.7, §6.2–6.4; §11.5
    // Only a grade's conditions look at the items present and the rules fired (spec §11.5).
    let present = if index.asks_present {
        present_items(&indicators, cx.claims)
    } else {
        IdSet::default()
    };
    let fired: IdSet = if index.asks_fired {
        rules.fired.iter().cloned().collect()
    } else {
        IdSet::default()
    };
    let facts = grade::Facts {
        fw,
        normalised: &normalised_total,
        dims: &dims,
        dimension_at: &index.dimension_at,
        present: &present,
        fired: &fired,
    };
    let grading = grade::Grading::new(&facts, &index.veto_caps, a, rules.caps.clone(), complete)?;
    gaps::order(&mut lost);
    let to_next_grade = grading.to_next(&facts);
    let plan = match &to_next_grade {
        Some(next) if explain && next.blocked_by.is_empty() && next.blocked_by_rules.is_empty() => {
            gaps::plan(&facts, &grading, &lost, &totals)?
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
    let grade_detail = grading.detail(fw);
    Ok(ScoreResult {
        // A framework of version 2 gives a result of version 2 (spec §11).
        schema: ResultSchema::of_version(fw.schema.version())
            .or_broken("a result version for every framework version")?,
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
        grade_detail,
        dimensions: fw
            .dimensions
            .iter()
            .zip(&dims)
            .zip(dim_adjustments)
            .map(|((d, t), (adjustments, bounded))| DimensionResult {
                id: d.id.clone(),
                ratio: t.score.mul_int(100).div(&t.max),
                score: t.score.clone(),
                max: t.max.clone(),
                weight: d.weight,
                adjustments,
                bounded,
            })
            .collect(),
        indicators,
        gaps: lost.into_iter().map(|l| l.gap).collect(),
        to_next_grade,
        plan,
        perception,
        commitments: commitments::commitments(a, options),
        // Version 1 results are as they always were: framework-wide items are the bonus and
        // deduction totals there.
        adjustments: if v2 { applied } else { Vec::new() },
        rules: rules.results,
    })
}

/// Per source, the fewest sheet scores that make it present (spec §5.2): its `min_raters`, or
/// that share of the eligible raters the assessment gives, rounded up (spec §11.4).
fn needed_raters(fw: &Framework, a: &Assessment) -> Result<Vec<usize>, Diagnostic> {
    fw.sources
        .iter()
        .map(|src| match src.min_raters {
            MinRaters::Count(n) => Ok(n as usize),
            MinRaters::Share(share) => {
                // The assessment's check makes an eligible count present (spec §4.3).
                let eligible = a
                    .raters
                    .get(&src.id)
                    .and_then(|r| r.eligible)
                    .or_broken("an eligible count for a share of raters")?;
                let needed = share
                    .exact()
                    .mul_int(i64::from(eligible))
                    .ceil_i64()
                    .or_broken("a share of at most 100,000 raters")?;
                Ok(usize::try_from(needed).unwrap_or(usize::MAX).max(1))
            }
        })
        .collect()
}

/// Per source, whether it has more sheets than ballots issued, which voids it (spec §11.4).
fn void_sources(fw: &Framework, a: &Assessment) -> Vec<bool> {
    fw.sources
        .iter()
        .map(|src| {
            a.raters
                .get(&src.id)
                .and_then(|r| r.issued)
                .is_some_and(|issued| {
                    a.sheets.iter().filter(|s| s.source == src.id).count() > issued as usize
                })
        })
        .collect()
}

/// The items that scored more than 0 (sub-items too) and the bonus or deduction items claimed:
/// what a grade's `present` condition looks for (spec §11.5).
fn present_items(indicators: &[IndicatorResult], claims: &totals::Claims) -> IdSet {
    fn walk(items: &[IndicatorResult], out: &mut IdSet) {
        for i in items {
            if i.combined.as_ref().is_some_and(Exact::is_positive) {
                out.insert(i.id.clone());
            }
            walk(&i.items, out);
        }
    }
    let mut out = IdSet::default();
    walk(indicators, &mut out);
    out.extend(claims.ids().cloned());
    out
}
