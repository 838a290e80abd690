//! How an item's points came about: each source's sheets (with the events each counted, the
//! change each made and the cut-off that set the score), its aggregate, its weight, which sources
//! were left out and why, a vote's or ticks' tally (counts beside their shares), the rules read
//! on it, the item's own bonus and deductions and the bounds that cut its score, its sub-items
//! each explained in turn, the combined score and the points lost — all from the result, as the
//! engine printed it.

use crate::components::rating::cutoff_rule;
use crate::i18n::catalog;
use crate::model::engine::{indicator_result, Engine};
use crate::services::files::choice_label;
use cxzy_core::{
    AbsentReason, Aggregate, AppliedAdjustment, Bounded, Effect, Framework, IndicatorResult, Lang,
    MinRaters, Ratio, RuleResult, Scale, ScoreResult, SheetScore,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplainProps {
    pub result: Rc<ScoreResult>,
    pub engine: Engine,
    pub indicator: AttrValue,
    pub lang: Lang,
}

#[function_component]
pub fn Explain(props: &ExplainProps) -> Html {
    let r = &props.result;
    match indicator_result(r, &props.indicator) {
        Some(ir) => {
            html! { <div class="explain">{ item(&props.engine, r, ir, props.lang, false) }</div> }
        }
        None => Html::default(),
    }
}

/// One item explained (a sub-item the same way, `nested` under its item).
fn item(engine: &Engine, r: &ScoreResult, ir: &IndicatorResult, lang: Lang, nested: bool) -> Html {
    let t = catalog(lang);
    let fw = engine.framework();
    let def = engine.indicator(&ir.id);
    let sources = if ir.items.is_empty() {
        sources(engine, ir, lang, nested)
    } else {
        html! {
            <div class="sub-explain">
                <p class="label-strong">{ t.sub_items }</p>
                { for ir.items.iter().map(|sub| html! {
                    <section class="sub-item-explain" data-indicator={sub.id.to_string()}>
                        <h3 class="small">
                            { engine.indicator(&sub.id).map(|x| x.title.get(lang)).unwrap_or(&sub.id) }
                            <span class="num muted">{ format!(" {} / {}", sub.combined.as_ref().map(|c| c.to_fixed2()).unwrap_or_else(|| "—".into()), sub.points.fixed2()) }</span>
                        </h3>
                        { item(engine, r, sub, lang, true) }
                    </section>
                }) }
            </div>
        }
    };
    let tally = ir.tally.as_ref().map(|tally| {
        let label = |id: &str| match def {
            Some(d) => choice_label(&d.scale, id, lang),
            None => id.to_owned(),
        };
        html! {
            <div class="tally">
                <p class="small">{ (t.tally_line)(tally.ballots, tally.abstentions, tally.base) }</p>
                <table class="figures">
                    <thead><tr><th scope="col">{ t.option }</th><th scope="col" class="num">{ t.count }</th><th scope="col" class="num">{ t.share }</th></tr></thead>
                    <tbody>{ for tally.options.iter().map(|o| html! {
                        <tr data-option={o.id.to_string()}>
                            <th scope="row">{ label(&o.id) }</th>
                            <td class="num">{ o.count }</td>
                            <td class="num">{ o.share.as_ref().map(|s| format!("{}%", s.to_fixed2())).unwrap_or_else(|| "—".into()) }</td>
                        </tr>
                    }) }</tbody>
                </table>
            </div>
        }
    });
    let rules: Vec<&RuleResult> = r.rules.iter().filter(|x| x.indicator == ir.id).collect();
    html! {
        <>
        { sources }
        { for tally }
        if !rules.is_empty() {
            <ul class="rules">{ for rules.into_iter().map(|x| rule(fw, engine, x, lang)) }</ul>
        }
        { adjustments(fw, &ir.adjustments, lang) }
        if let Some(b) = ir.bounded { <p class="small bounded">{ bounded(b, lang) }</p> }
        <dl class="pairs">
            <dt>{ t.combined }</dt><dd class="num">{ ir.combined.as_ref().map(|c| c.to_fixed2()).unwrap_or_else(|| "—".into()) }</dd>
            <dt>{ t.max }</dt><dd class="num">{ ir.points.fixed2() }</dd>
            <dt>{ t.lost }</dt><dd class="num">{ ir.lost.as_ref().map(|c| c.to_fixed2()).unwrap_or_else(|| "—".into()) }</dd>
        </dl>
        </>
    }
}

/// The sources of a rated item: weight, aggregate and sheets, present or why not (and, unless
/// `nested` in an item's explanation, how they combine).
fn sources(engine: &Engine, ir: &IndicatorResult, lang: Lang, nested: bool) -> Html {
    let t = catalog(lang);
    let fw = engine.framework();
    let def = engine.indicator(&ir.id);
    let rows = ir.sources.iter().map(|s| {
        let source = fw.source(&s.id);
        let label = source.map(|x| x.label.get(lang).to_owned()).unwrap_or_else(|| s.id.to_string());
        let weight = source.map(|x| x.weight.canonical()).unwrap_or_default();
        let aggregate = match source.map(|x| x.aggregate) {
            Some(Aggregate::Mean) | None => t.aggregate_mean,
            Some(Aggregate::Median) => t.aggregate_median,
            Some(Aggregate::TrimmedMean) => t.aggregate_trimmed,
        };
        let anonymous_min = source.and_then(|x| x.anonymous_min);
        let sheets = &s.sheets;
        // A vote or ticks without points scores 0 on every sheet: its tally says it all.
        let tally_only = ir.tally.is_some() && ir.points.cents() == 0;
        let show_sheets =
            !tally_only && anonymous_min.is_none_or(|k| sheets.len() >= k as usize);
        let sheet_list = if show_sheets {
            html! {
                <ul class="sheets">
                    { for sheets.iter().enumerate().map(|(k, sh)| {
                        let who = match (anonymous_min, &sh.rater) {
                            (None, Some(name)) => name.to_string(),
                            (Some(_), _) => format!("{} {}", t.anonymous, k + 1),
                            (None, None) => format!("{} {}", t.sheet, k + 1),
                        };
                        html! { <li>{ who }{ ": " }<span class="num">{ sh.score.to_fixed2() }</span>{ events(def.map(|d| &d.scale), sh, lang) }</li> }
                    }) }
                </ul>
            }
        } else {
            html! {}
        };
        let status = match (s.present, s.reason) {
            (true, _) => html! { <span class="num">{ s.score.as_ref().map(|x| x.to_fixed2()).unwrap_or_default() }</span> },
            (false, Some(AbsentReason::BelowMinRaters)) => {
                let why = match source.map(|x| x.min_raters) {
                    Some(MinRaters::Share(share)) => (t.absent_below_share)(&ratio(share)),
                    Some(MinRaters::Count(n)) => (t.absent_below_min)(n),
                    None => (t.absent_below_min)(1),
                };
                html! { <span class="muted">{ why }</span> }
            }
            (false, Some(AbsentReason::OverIssued)) => html! { <span class="muted">{ t.absent_over_issued }</span> },
            (false, _) => html! { <span class="muted">{ t.absent_no_ratings }</span> },
        };
        html! {
            <tr>
                <th scope="row">{ label }if s.required { <span class="tag">{ t.required_source }</span> }</th>
                <td class="num">{ weight }</td>
                <td>{ aggregate }{ sheet_list }</td>
                <td>{ status }</td>
            </tr>
        }
    });
    html! {
        <>
        <table class="figures">
            <thead><tr><th scope="col">{ t.source }</th><th scope="col">{ t.weight }</th><th scope="col">{ t.sheet }</th><th scope="col">{ t.score }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
        if !nested { <p class="muted small">{ t.combined_formula }</p> }
        </>
    }
}

/// A sheet's counted events: each count and the change it made, the cut-off that set the score,
/// the bound that cut it.
fn events(scale: Option<&Scale>, sh: &SheetScore, lang: Lang) -> Html {
    let t = catalog(lang);
    let Some(scale @ Scale::Events { events, .. }) = scale else {
        return Html::default();
    };
    let label = |id: &str| choice_label(scale, id, lang);
    let cutoff = sh.cutoff.as_ref().and_then(|id| {
        let e = events.iter().find(|e| e.id == *id)?;
        Some((t.cutoff_set)(
            e.label.get(lang),
            &cutoff_rule(e.cutoff.as_ref()?, lang),
        ))
    });
    html! {
        <ul class="events" aria-label={t.events_heading}>
            { for sh.events.iter().map(|e| html! {
                <li data-event={e.event.to_string()}>{ label(&e.event) }{ format!(" × {}", e.count) }{ ": " }<span class="num">{ signed(&e.change.to_fixed2()) }</span></li>
            }) }
            if let Some(c) = cutoff { <li class="cutoff">{ c }</li> }
            if let Some(b) = sh.bounded { <li class="bounded">{ bounded(b, lang) }</li> }
        </ul>
    }
}

/// A rule on a vote's or ticks' shares: what it counted (count / base = share, never a share
/// alone), its bound and comparison in words, whether it fired and what it does.
pub fn rule(fw: &Framework, engine: &Engine, x: &RuleResult, lang: Lang) -> Html {
    let t = catalog(lang);
    let title = fw
        .rules
        .iter()
        .find(|r| r.id == x.id)
        .map(|r| r.title.get(lang))
        .unwrap_or(&x.id);
    let option = match (&x.option, engine.indicator(&x.indicator)) {
        (Some(o), Some(i)) => choice_label(&i.scale, o, lang),
        (Some(o), None) => o.to_string(),
        (None, _) => t.any_condition.to_owned(),
    };
    let share = match &x.share {
        Some(share) => (t.rule_share)(&option, x.count, x.base, &share.to_fixed2()),
        None => (t.rule_no_ballots)(&option),
    };
    html! {
        <li class={classes!("rule", x.fired.then_some("fired"))} data-rule={x.id.to_string()}>
            <strong>{ title }</strong>{ " " }
            <span class={classes!("badge", if x.fired { "fired-badge" } else { "quiet-badge" })}>{ if x.fired { t.rule_fired } else { t.rule_not_fired } }</span>
            <div class="small"><span class="rule-share num">{ share }</span>{ " · " }<span class="rule-bound">{ (t.compare)(x.compare, &x.bound.to_fixed2()) }</span></div>
            <div class="small muted">{ (t.rule_then)(&effect(fw, &x.then, lang)) }</div>
        </li>
    }
}

/// What a rule does, in words.
pub fn effect(fw: &Framework, e: &Effect, lang: Lang) -> String {
    let t = catalog(lang);
    match e {
        Effect::CapGrade { grade } => (t.effect_cap_grade)(
            fw.grades
                .iter()
                .find(|g| g.id == *grade)
                .map(|g| g.label.get(lang))
                .unwrap_or(grade),
        ),
        Effect::Deduct { points } => (t.effect_deduct)(&points.canonical()),
        Effect::Incomplete => t.effect_incomplete.to_owned(),
    }
}

/// Bonus and deduction items as applied: each with its count and what it counted for.
pub fn adjustments(fw: &Framework, list: &[AppliedAdjustment], lang: Lang) -> Html {
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="adjustments small">
            { for list.iter().map(|x| html! {
                <li data-adjustment={x.item.to_string()}>{ adjustment_title(fw, &x.item, lang) }{ format!(" × {}: ", x.count) }<span class="num">{ signed(&x.amount.to_fixed2()) }</span></li>
            }) }
        </ul>
    }
}

/// A bonus or deduction item's title.
pub fn adjustment_title<'a>(fw: &'a Framework, id: &'a str, lang: Lang) -> &'a str {
    fw.bonus
        .iter()
        .chain(&fw.deductions)
        .flat_map(|l| &l.items)
        .find(|i| &*i.id == id)
        .map(|i| i.title.get(lang))
        .unwrap_or(id)
}

/// A bound that cut a score, in words.
pub fn bounded(b: Bounded, lang: Lang) -> &'static str {
    let t = catalog(lang);
    match b {
        Bounded::Floor => t.bounded_floor,
        Bounded::Ceiling => t.bounded_ceiling,
    }
}

/// A ratio as the framework wrote it: "80%", "2/3".
pub fn ratio(r: Ratio) -> String {
    match r {
        Ratio::Percent(p) => format!("{p}%"),
        Ratio::Fraction(..) => r.text(),
    }
}

/// An amount the engine printed, as a change: "+2.00", "−0.50" (a true minus sign), "0.00".
pub fn signed(printed: &str) -> String {
    match printed.strip_prefix('-') {
        Some(abs) => format!("−{abs}"),
        None if printed.bytes().any(|b| (b'1'..=b'9').contains(&b)) => format!("+{printed}"),
        None => printed.to_owned(),
    }
}
