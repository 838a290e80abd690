//! Rules on a vote's shares (spec §11.3): the share of an option (or of any ticked condition)
//! compared with a bound, exactly — 以上 / 以下 include the bound, 超过 / 不足 / 达不到 exclude it —
//! and, when it fires, a capped grade, a deduction, or an incomplete result.

use super::items::share;
use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;

/// The rules, evaluated, and what the fired ones do.
pub(crate) struct Outcome {
    pub results: Vec<RuleResult>,
    /// Fired rules that cap the grade, with the position of the grade they cap at.
    pub caps: Vec<(Id, usize)>,
    /// Points the fired rules deduct.
    pub deduct: Exact,
    /// A fired rule makes the result incomplete.
    pub incomplete: bool,
    pub fired: Vec<Id>,
}

/// Whether `count / base` compares with `bound` as `compare` says.
fn holds(count: u32, base: u32, compare: Compare, bound: &Exact) -> bool {
    let Some(share) = Exact::int(i64::from(count)).div_int(i64::from(base)) else {
        return false;
    };
    match compare {
        Compare::AtLeast => share >= *bound,
        Compare::Above => share > *bound,
        Compare::AtMost => share <= *bound,
        Compare::Below => share < *bound,
    }
}

/// The item `id` among `items` and their sub-items.
fn find<'a>(items: &'a [IndicatorResult], id: &Id) -> Option<&'a IndicatorResult> {
    items.iter().find_map(|i| {
        if i.id == *id {
            Some(i)
        } else {
            find(&i.items, id)
        }
    })
}

pub(crate) fn evaluate(fw: &Framework, items: &[IndicatorResult]) -> Result<Outcome, Diagnostic> {
    let mut out = Outcome {
        results: Vec::with_capacity(fw.rules.len()),
        caps: Vec::new(),
        deduct: Exact::ZERO,
        incomplete: false,
        fired: Vec::new(),
    };
    for rule in &fw.rules {
        // Validation makes every rule name a vote or ticks indicator (spec §4.2).
        let tally = find(items, &rule.indicator)
            .and_then(|i| i.tally.as_ref())
            .or_broken("a rule's indicator with a tally")?;
        let bound = rule.share.exact();
        let abstaining: Vec<&Id> = match fw.indicator(&rule.indicator).map(|i| &i.scale) {
            Some(Scale::Vote { options, .. }) => options
                .iter()
                .filter(|o| o.abstain)
                .map(|o| &o.id)
                .collect(),
            _ => Vec::new(),
        };
        // An abstaining option's share is of every ballot (spec §11.3).
        let base_of = |o: &OptionCount| {
            if abstaining.contains(&&o.id) {
                tally.ballots
            } else {
                tally.base
            }
        };
        let chosen: Option<&OptionCount> = match &rule.option {
            Some(id) => Some(
                tally
                    .options
                    .iter()
                    .find(|o| o.id == *id)
                    .or_broken("a rule's option among the indicator's")?,
            ),
            // Any condition: the first that makes the rule fire, else the nearest to it.
            None => tally
                .options
                .iter()
                .find(|o| holds(o.count, base_of(o), rule.compare, &bound))
                .or_else(|| match rule.compare {
                    Compare::AtLeast | Compare::Above => {
                        tally.options.iter().rev().max_by_key(|o| o.count)
                    }
                    Compare::AtMost | Compare::Below => {
                        tally.options.iter().min_by_key(|o| o.count)
                    }
                }),
        };
        let (option, count, base) = match chosen {
            Some(o) => (Some(o.id.clone()), o.count, base_of(o)),
            None => (None, 0, tally.base),
        };
        let fired = chosen.is_some() && holds(count, base, rule.compare, &bound);
        if fired {
            out.fired.push(rule.id.clone());
            match &rule.then {
                Effect::CapGrade { grade } => {
                    let g = fw
                        .grade_index(grade)
                        .or_broken("a rule capping at one of the grades")?;
                    out.caps.push((rule.id.clone(), g));
                }
                Effect::Deduct { points } => out.deduct = out.deduct.add(&points.exact()),
                Effect::Incomplete => out.incomplete = true,
            }
        }
        out.results.push(RuleResult {
            id: rule.id.clone(),
            indicator: rule.indicator.clone(),
            option,
            count,
            base,
            share: share(count, base),
            compare: rule.compare,
            bound: bound.mul_int(100),
            fired,
            then: rule.then.clone(),
        });
    }
    Ok(out)
}
