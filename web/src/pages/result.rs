//! The result: total and grade with the reason, the radar, what the next grade needs, the rules
//! on shares (which fired and why) and the bonus and deductions as applied, the gaps with the
//! next level's descriptor, the plan, self versus others, the trend, every item (sub-items under
//! their item) with its explanation and a what-if control, commitments, and export and print. Every figure is the
//! engine's (the result document), printed as the engine prints it.

use crate::components::explain::{adjustment_title, ratio, rule, signed as signed_amount, Explain};
use crate::components::radar::{Radar, RadarRow};
use crate::i18n::{self, catalog};
use crate::model::engine::{indicator_result, Engine};
use crate::model::library::Edit;
use crate::model::own_sheet::own_rating;
use crate::model::route::{RecordKey, Route};
use crate::services::files;
use crate::state::scoring::Scoring;
use crate::state::view::ViewAction;
use cxzy_core::{
    AppliedAdjustment, Assessment, Bounded, Commitment, CommitmentStatus, Exact, GradeReason, Id,
    Indicator, IndicatorResult, IndicatorStatus, Lang, Rating, Requirement, Scale, ScoreResult,
};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub lang: Lang,
    pub record: Rc<Assessment>,
    pub record_key: RecordKey,
    pub engine: Engine,
    /// The record's result, its what-if result, the previous period's and the trend.
    pub scoring: Rc<Scoring>,
    /// What-if ratings not yet kept (indicator → rating).
    pub what_if: BTreeMap<Id, Option<Rating>>,
    /// The portal element in read-only mode.
    pub readonly: bool,
    /// The step last shown on the rate page ("edit ratings" returns there).
    pub step: usize,
    pub on_edit: Callback<Edit>,
    pub on_view: Callback<ViewAction>,
    pub on_go: Callback<Route>,
}

fn fixed(x: &Exact) -> String {
    x.to_fixed2()
}

/// Labels of framework things by id, in the page's language.
struct Names<'a> {
    engine: &'a Engine,
    lang: Lang,
}

impl Names<'_> {
    fn grade(&self, id: &str) -> String {
        let fw = self.engine.framework();
        fw.grades
            .iter()
            .find(|g| &*g.id == id)
            .map(|g| g.label.get(self.lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    }
    fn dimension(&self, id: &str) -> String {
        let fw = self.engine.framework();
        fw.dimensions
            .iter()
            .find(|d| &*d.id == id)
            .map(|d| d.title.get(self.lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    }
    fn indicator(&self, id: &str) -> String {
        self.engine
            .indicator(id)
            .map(|i| i.title.get(self.lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    }
    fn veto(&self, id: &str) -> String {
        let fw = self.engine.framework();
        fw.vetoes
            .iter()
            .find(|v| &*v.id == id)
            .map(|v| v.title.get(self.lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    }
    fn level(&self, indicator: &str, level: &str) -> String {
        match self.engine.indicator(indicator).map(|i| &i.scale) {
            Some(Scale::Levels { levels }) => levels
                .iter()
                .find(|l| &*l.id == level)
                .map(|l| l.label.get(self.lang).to_owned())
                .unwrap_or_else(|| level.to_owned()),
            _ => level.to_owned(),
        }
    }
    fn rule(&self, id: &str) -> String {
        let fw = self.engine.framework();
        fw.rules
            .iter()
            .find(|r| &*r.id == id)
            .map(|r| r.title.get(self.lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    }
    /// An item, a sub-item, or a bonus or deduction item.
    fn item(&self, id: &str) -> String {
        match self.engine.indicator(id) {
            Some(i) => i.title.get(self.lang).to_owned(),
            None => adjustment_title(self.engine.framework(), id, self.lang).to_owned(),
        }
    }
    /// A condition of a grade, in words.
    fn requirement(&self, req: &Requirement) -> String {
        let t = catalog(self.lang);
        match req {
            Requirement::PartPoints { dimension, min } => {
                (t.req_part_points)(&self.dimension(dimension), &min.canonical())
            }
            Requirement::PartShare { dimension, share } => {
                (t.req_part_share)(&self.dimension(dimension), &ratio(*share))
            }
            Requirement::Present { item } => (t.req_present)(&self.item(item)),
            Requirement::NotFired { rule } => (t.req_not_fired)(&self.rule(rule)),
        }
    }
    fn requirements(&self, list: &[Requirement]) -> String {
        let t = catalog(self.lang);
        list.iter()
            .map(|r| self.requirement(r))
            .collect::<Vec<_>>()
            .join(t.list_sep)
    }
    fn list(&self, ids: &[Id], f: impl Fn(&Self, &str) -> String) -> String {
        let sep = if self.lang == Lang::En { ", " } else { "、" };
        ids.iter()
            .map(|id| f(self, id))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// Why the grade is what it is, in a sentence.
fn reason(r: &ScoreResult, names: &Names) -> String {
    let t = catalog(names.lang);
    let grade = r
        .grade
        .as_deref()
        .map(|g| names.grade(g))
        .unwrap_or_default();
    match r.grade_reason {
        // The lowest grade: say which line was missed, not that 0 was reached.
        GradeReason::Threshold
            if r.grade.is_some()
                && r.grade.as_ref() == names.engine.framework().grades.last().map(|g| &g.id)
                && names.engine.framework().grades.len() > 1 =>
        {
            let grades = &names.engine.framework().grades;
            let above = grades.iter().rev().nth(1);
            let label = above
                .map(|g| g.label.get(names.lang).to_owned())
                .unwrap_or_default();
            let min = above.map(|g| g.min_total.canonical()).unwrap_or_default();
            (t.reason_below)(&label, &min)
        }
        GradeReason::Threshold => {
            let min = names
                .engine
                .framework()
                .grades
                .iter()
                .find(|g| Some(&g.id) == r.grade.as_ref())
                .map(|g| g.min_total.canonical())
                .unwrap_or_default();
            (t.reason_threshold)(&grade, &min)
        }
        GradeReason::DimensionFloor => (t.reason_floor)(
            &grade,
            &names.list(&r.grade_detail.floor_failures, Names::dimension),
        ),
        GradeReason::Veto => {
            (t.reason_veto)(&grade, &names.list(&r.grade_detail.vetoes, Names::veto))
        }
        GradeReason::Rule => {
            (t.reason_rule)(&grade, &names.list(&r.grade_detail.rules, Names::rule))
        }
        GradeReason::Requirement => (t.reason_requirement)(
            &r.grade_detail
                .threshold_grade
                .as_deref()
                .map(|g| names.grade(g))
                .unwrap_or_default(),
            &grade,
            &names.requirements(&r.grade_detail.unmet),
        ),
        GradeReason::Incomplete => (t.reason_incomplete)(
            r.indicators
                .iter()
                .filter(|i| i.status == IndicatorStatus::Unrated)
                .count(),
        ),
    }
}

#[function_component]
pub fn ResultPage(props: &ResultProps) -> Html {
    let lang = props.lang;
    let t = catalog(lang);
    let a = props.record.clone();
    let engine = props.engine.clone();
    let result = match props.scoring.result.as_deref() {
        Some(Ok(r)) => Rc::new(r.clone()),
        Some(Err(errors)) => {
            return html! {
                <section class="page">
                    <div class="notice error" role="alert"><strong>{ t.cannot_score }</strong>{ super::diagnostics(lang, errors) }</div>
                </section>
            }
        }
        None => return html! { <p aria-live="polite">{ t.loading }</p> },
    };
    let fw = engine.framework();
    let readonly = props.readonly;
    let names = Names {
        engine: &engine,
        lang,
    };
    let r = &*result;

    // --- summary
    let grade_label = r
        .grade
        .as_deref()
        .map(|g| names.grade(g))
        .unwrap_or_else(|| t.not_graded.to_owned());
    let normalised = r.normalised_total != r.total;
    let what_if = match props.scoring.what_if.as_deref() {
        Some(Ok(w)) => {
            let keep = {
                let on_view = props.on_view.clone();
                Callback::from(move |e: MouseEvent| {
                    on_view.emit(ViewAction::WhatIfKeep);
                    crate::components::focus::refocus(&e, "#result-heading");
                })
            };
            let undo = {
                let on_view = props.on_view.clone();
                Callback::from(move |e: MouseEvent| {
                    on_view.emit(ViewAction::WhatIfReset);
                    crate::components::focus::refocus(&e, "#result-heading");
                })
            };
            let g = w
                .grade
                .as_deref()
                .map(|g| names.grade(g))
                .unwrap_or_else(|| t.not_graded.to_owned());
            html! {
                <div class="whatif-banner no-print" role="status" id="whatif">
                    <strong id="whatif-figures">{ (t.whatif_banner)(&fixed(&w.total), &g) }</strong>
                    <span class="muted">{ format!(" ({} {} → {})", t.total, fixed(&r.total), fixed(&w.total)) }</span>
                    <div class="row">
                        <button type="button" class="primary" id="whatif-keep" onclick={keep}>{ t.keep_changes }</button>
                        <button type="button" id="whatif-undo" onclick={undo}>{ t.discard_changes }</button>
                    </div>
                </div>
            }
        }
        Some(Err(errors)) => {
            html! { <div class="notice error" role="alert">{ super::diagnostics(lang, errors) }</div> }
        }
        None => html! {},
    };
    let subject = [a.subject.name.as_deref(), a.subject.unit.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let summary = html! {
        <div class="card summary">
            <div class="big">
                <div><span class="muted">{ t.total }</span><span id="total" class="figure num">{ fixed(&r.total) }</span><span class="muted">{ format!(" / {}", fixed(&r.max)) }</span></div>
                <div><span class="muted">{ t.grade }</span><span id="grade" class={classes!("figure", "grade", r.grade.as_deref().map(|g| format!("grade-{g}")))}>{ grade_label }</span></div>
            </div>
            <p id="grade-reason">{ reason(r, &names) }</p>
            if normalised {
                <p class="small"><span class="muted">{ t.normalised_total }</span>{ " " }<span id="normalised-total" class="num">{ fixed(&r.normalised_total) }</span>{ " — " }{ t.normalised_note }</p>
            }
            if r.bonus.is_positive() || r.deduction.is_positive() {
                <p class="small"><span class="muted">{ t.bonus }</span>{ format!(" +{}  ", fixed(&r.bonus)) }<span class="muted">{ t.deduction }</span>{ format!(" −{}", fixed(&r.deduction)) }</p>
            }
        </div>
    };

    // --- radar
    let rows: Vec<RadarRow> = r
        .dimensions
        .iter()
        .map(|d| RadarRow {
            label: names.dimension(&d.id),
            score: fixed(&d.score),
            max: fixed(&d.max),
            ratio: d.ratio.as_ref().map(fixed),
        })
        .collect();
    // The previous period's attainment, as the engine printed it in that period's result.
    let previous_series = props.scoring.previous.as_ref().map(|prev| {
        r.dimensions
            .iter()
            .map(|d| {
                prev.dimensions
                    .iter()
                    .find(|p| p.id == d.id)
                    .and_then(|p| p.ratio.as_ref())
                    .map(fixed)
            })
            .collect::<Vec<_>>()
    });
    let radar = html! {
        <section aria-labelledby="radar-heading" class="card radar-card">
            <h2 id="radar-heading">{ t.radar_heading }</h2>
            <Radar rows={rows} title={t.radar_label} headers={[t.dimension.into(), t.score.into(), t.max.into(), t.ratio.into()]} previous={previous_series} />
        </section>
    };

    // --- next grade
    let next = html! {
        <section aria-labelledby="next-heading" class="card" id="next-grade">
            <h2 id="next-heading">{ t.next_grade_heading }</h2>
            { match &r.to_next_grade {
                None if r.complete => html! { <p>{ t.best_grade_reached }</p> },
                None => html! { <p>{ reason(r, &names) }</p> },
                Some(n) => html! {
                    <ul>
                        if n.points_needed.is_positive() { <li>{ (t.points_needed)(&names.grade(&n.grade), &fixed(&n.points_needed)) }</li> }
                        { for n.floors.iter().map(|f| html! { <li>{ (t.floor_needed)(&names.dimension(&f.dimension), &fixed(&f.points_needed)) }</li> }) }
                        if !n.blocked_by.is_empty() { <li class="warn-text">{ (t.blocked_by)(&names.list(&n.blocked_by, Names::veto)) }</li> }
                        if !n.blocked_by_rules.is_empty() { <li class="warn-text">{ (t.blocked_by_rules)(&names.list(&n.blocked_by_rules, Names::rule)) }</li> }
                        if !n.requirements.is_empty() { <li>{ (t.requirements_needed)(&names.requirements(&n.requirements)) }</li> }
                    </ul>
                },
            } }
        </section>
    };

    // --- rules on shares, and bonus and deductions as applied (version 2)
    let rules = (!r.rules.is_empty()).then(|| {
        html! {
            <section aria-labelledby="rules-heading" class="card" id="rules">
                <h2 id="rules-heading">{ t.rules_heading }</h2>
                <ul class="rules">{ for r.rules.iter().map(|x| rule(fw, &engine, x, lang)) }</ul>
            </section>
        }
    });
    let applied = applied_adjustments(r, &names);

    // --- gaps
    let explain = |id: &Id| {
        html! {
            <details class="no-print">
                <summary>{ t.explain }</summary>
                <Explain result={result.clone()} engine={engine.clone()} indicator={id.to_string()} {lang} />
            </details>
        }
    };
    let gaps = html! {
        <section aria-labelledby="gaps-heading" class="card">
            <h2 id="gaps-heading">{ t.gaps_heading }</h2>
            if r.gaps.is_empty() { <p>{ t.no_gaps }</p> }
            <ol id="gaps" class="gaps">
                { for r.gaps.iter().map(|g| html! {
                    <li data-indicator={g.indicator.to_string()}>
                        <div class="gap-head">
                            <span class="item-title">{ names.indicator(&g.indicator) }</span>
                            <span class="lost num">{ format!("−{}", fixed(&g.lost)) }</span>
                        </div>
                        if let Some(cur) = &g.current_level {
                            <p class="small"><span class="tag">{ t.current_level }</span>{ names.level(&g.indicator, cur) }</p>
                        }
                        if let (Some(next), Some(desc)) = (&g.next_level, &g.next_descriptor) {
                            <p class="small better"><span class="tag">{ t.next_level }</span><strong>{ names.level(&g.indicator, next) }</strong>{ ":" }{ desc.get(lang) }</p>
                        }
                        { explain(&g.indicator) }
                    </li>
                }) }
            </ol>
            if r.gaps.len() > 5 { <p class="print-only small">{ (t.gaps_printed)(r.gaps.len()) }</p> }
        </section>
    };

    // --- plan
    let plan = (r.to_next_grade.is_some()).then(|| html! {
        <section aria-labelledby="plan-heading" class="card no-print">
            <h2 id="plan-heading">{ t.plan_heading }</h2>
            if r.plan.is_empty() {
                <p>{ t.plan_unreachable }</p>
            } else {
                <p class="muted small">{ t.plan_note }</p>
                <ol id="plan">
                    { for r.plan.iter().map(|p| html! { <li>{ names.indicator(&p.indicator) }<span class="num muted">{ format!(" +{}", fixed(&p.gain)) }</span></li> }) }
                </ol>
            }
        </section>
    });

    // --- perception
    let perception = (!r.perception.is_empty()).then(|| html! {
        <section aria-labelledby="perception-heading" class="card no-print">
            <h2 id="perception-heading">{ t.perception_heading }</h2>
            <p class="muted small">{ t.perception_note }</p>
            <table class="figures">
                <thead><tr><th scope="col">{ t.item }</th><th scope="col">{ t.self_score }</th><th scope="col">{ t.others_score }</th><th scope="col">{ t.difference }</th></tr></thead>
                <tbody>{ for r.perception.iter().map(|p| html! {
                    <tr><th scope="row">{ names.indicator(&p.indicator) }</th><td class="num">{ fixed(&p.self_score) }</td><td class="num">{ fixed(&p.others) }</td><td class="num">{ fixed(&p.difference) }</td></tr>
                }) }</tbody>
            </table>
        </section>
    });

    // --- trend
    let trend = match &props.scoring.trend {
        Some(tr) => html! {
            <section aria-labelledby="trend-heading" class="card" id="trend">
                <h2 id="trend-heading">{ t.trend_heading }</h2>
                <p class="muted small">{ (t.trend_since)(&i18n::period(lang, &tr.previous_period)) }</p>
                <table class="figures">
                    <thead><tr><th scope="col">{ t.dimension }</th><th scope="col">{ t.previous }</th><th scope="col">{ t.current }</th><th scope="col">{ t.change }</th></tr></thead>
                    <tbody>
                        { for tr.dimensions.iter().map(|d| html! {
                            <tr class="trend-dim"><th scope="row">{ names.dimension(&d.id) }</th>
                                <td class="num">{ d.previous.as_ref().map(fixed).unwrap_or_else(|| "—".into()) }</td>
                                <td class="num">{ d.current.as_ref().map(fixed).unwrap_or_else(|| "—".into()) }</td>
                                <td class="num">{ d.change.as_ref().map(signed).unwrap_or_else(|| "—".into()) }</td></tr>
                        }) }
                        <tr class="total-row"><th scope="row">{ t.total }</th>
                            <td class="num">{ fixed(&tr.total.previous) }</td><td class="num">{ fixed(&tr.total.current) }</td>
                            <td class="num" id="trend-total">{ signed(&tr.total.change) }</td></tr>
                        <tr><th scope="row">{ t.grade }</th>
                            <td>{ tr.grade.previous.as_deref().map(|g| names.grade(g)).unwrap_or_else(|| "—".into()) }</td>
                            <td>{ tr.grade.current.as_deref().map(|g| names.grade(g)).unwrap_or_else(|| "—".into()) }</td>
                            <td>{ match tr.grade.direction { cxzy_core::Direction::Up => "↑", cxzy_core::Direction::Down => "↓", cxzy_core::Direction::Same => "=", cxzy_core::Direction::Unknown => "—" } }</td></tr>
                    </tbody>
                </table>
            </section>
        },
        None => html! {},
    };

    // --- every item, with what-if
    // One row per item (and per sub-item, under its item): the rating, a what-if control where
    // the scale has a short list of values (or a number), and the engine's score.
    let row = |ind: &Indicator, sub: bool| {
        let ir = indicator_result(r, &ind.id);
        let saved = own_rating(&a, &engine, &ind.id);
        let pending = props.what_if.get(&ind.id).cloned();
        let shown = pending.clone().unwrap_or_else(|| saved.clone());
        // A vote or ticks of many sheets reads as its tally, not as one sheet's choice.
        let tally = ir.and_then(|x| x.tally.as_ref()).filter(|x| x.ballots > 1);
        let label = match (ir.map(|x| x.status), &ind.scale, tally) {
            (Some(IndicatorStatus::Na), _, _) => t.not_applicable.to_owned(),
            (_, Scale::Items { .. }, _) => t.sub_items_sum.to_owned(),
            (_, _, Some(tally)) => files::tally_summary(ind, tally, lang),
            (Some(IndicatorStatus::Unrated), _, _) => t.unrated.to_owned(),
            _ => saved
                .as_ref()
                .map(|s| files::rating_label(ind, s, lang))
                .unwrap_or_default(),
        };
        let control = what_if_control(&props.on_view, ind, shown, pending.is_some(), lang)
            .filter(|_| tally.is_none());
        // The explanation in a row of its own below, the table's full width (on a phone too).
        html! {
            <>
            <tr class={classes!(pending.is_some().then_some("changed"), sub.then_some("sub-row"))} data-indicator={ind.id.to_string()}>
                <th scope="row">{ ind.title.get(lang) }</th>
                { match control {
                    Some(control) if !readonly => html! { <td><span class="print-only">{ label.clone() }</span><span class="no-print">{ control }</span></td> },
                    _ => html! { <td>{ label.clone() }</td> },
                } }
                <td class="num">{ ir.and_then(|x| x.combined.as_ref()).map(fixed).unwrap_or_else(|| "—".into()) }<span class="muted">{ " / " }{ ind.points.fixed2() }</span></td>
            </tr>
            // A sub-item is explained in its item's explanation, nested.
            if !sub {
                <tr class="explain-row no-print" data-explains={ind.id.to_string()}>
                    <td colspan="3">{ explain(&ind.id) }</td>
                </tr>
            }
            </>
        }
    };
    let what_if_rows = fw.dimensions.iter().map(|dim| {
        html! {
            <>
            <tr class="dim-row"><th colspan="3" scope="rowgroup">{ dim.title.get(lang) }</th></tr>
            { for dim.indicators.iter().map(|ind| html! {
                <>
                { row(ind, false) }
                if let Scale::Items { items } = &ind.scale { { for items.iter().map(|s| row(s, true)) } }
                </>
            }) }
            </>
        }
    });
    let items = html! {
        <section aria-labelledby="items-heading" class="card items">
            <h2 id="items-heading">{ t.items_heading }</h2>
            if !readonly {
                <p class="muted small no-print"><strong>{ t.whatif_heading }</strong>{ " " }{ t.whatif_note }</p>
            }
            <div class="table-wrap">
                <table class="figures" id="items">
                    <thead><tr><th scope="col">{ t.item }</th><th scope="col">{ t.rating }</th><th scope="col" class="num">{ t.score }{ " / " }{ t.max }</th></tr></thead>
                    <tbody>{ for what_if_rows }</tbody>
                </table>
            </div>
        </section>
    };

    let commitments = commitments(props, r);

    // --- actions
    let export_json = {
        let (a, result) = (a.clone(), result.clone());
        Callback::from(move |_| {
            let _ = files::download(
                &format!("{}.json", files::file_stem(&a)),
                "application/json",
                &files::export_json(&a, Some(&result)),
            );
        })
    };
    let export_csv = {
        let (a, result, engine) = (a.clone(), result.clone(), engine.clone());
        Callback::from(move |_| {
            let _ = files::download(
                &format!("{}.csv", files::file_stem(&a)),
                "text/csv;charset=utf-8",
                &files::export_csv(&engine, &a, &result, lang),
            );
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let edit = {
        let (record, step) = (props.record_key.clone(), props.step);
        props.on_go.reform(move |_: MouseEvent| Route::Assess {
            record: record.clone(),
            step,
        })
    };
    html! {
        <section class="page result" aria-labelledby="result-heading">
            <header class="report-head">
                <h1 id="result-heading" tabindex="-1">{ fw.title.get(lang) }</h1>
                <p class="muted">{ i18n::period(lang, &a.period) }if !subject.is_empty() { { " · " }{ subject } }</p>
            </header>
            { what_if }
            { summary }
            <div class="grid-2">{ radar }{ next }</div>
            { for rules }
            { for applied }
            { gaps }
            { for plan }
            { for perception }
            { trend }
            { items }
            { commitments }
            <section class="card actions no-print" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{ t.actions_heading }</h2>
                <div class="row wrap">
                    if !readonly { <button type="button" onclick={edit}>{ t.edit_ratings }</button> }
                    <button type="button" id="export-json" onclick={export_json}>{ t.export_json }</button>
                    <button type="button" id="export-csv" onclick={export_csv}>{ t.export_csv }</button>
                    <button type="button" id="print" onclick={print}>{ t.print }</button>
                </div>
            </section>
            <div class="signatures print-only">
                <p>{ t.signature_self }{ ":" }<span class="line"></span>{ t.date_label }{ ":" }<span class="line short"></span></p>
                <p>{ t.signature_secretary }{ ":" }<span class="line"></span>{ t.date_label }{ ":" }<span class="line short"></span></p>
            </div>
        </section>
    }
}

/// A change as the engine printed it, with its sign (+1.50, −0.25 as -0.25, 0.00).
pub fn signed(x: &Exact) -> String {
    let s = fixed(x);
    if x.is_positive() {
        format!("+{s}")
    } else {
        s
    }
}

/// A what-if control for one item: a select of the scale's values (levels, yes/no, a vote's
/// options) or a number, starting at the saved rating; none for counted events, ticks and an
/// item with sub-items (rated on the rate page; its sub-items have their own rows).
fn what_if_control(
    on_view: &Callback<ViewAction>,
    ind: &Indicator,
    shown: Option<Rating>,
    changed: bool,
    lang: Lang,
) -> Option<Html> {
    let t = catalog(lang);
    let id = ind.id.clone();
    let label = format!("{}:{}", t.whatif_change, ind.title.get(lang));
    let dispatch = {
        let on_view = on_view.clone();
        move |rating: Option<Rating>| {
            on_view.emit(ViewAction::WhatIf {
                indicator: id.clone(),
                rating,
            })
        }
    };
    let mut options: Vec<(String, String, Option<Rating>)> =
        vec![(String::new(), format!("— {} —", t.unrated), None)];
    match &ind.scale {
        Scale::Levels { levels } => {
            for l in levels {
                options.push((
                    l.id.to_string(),
                    l.label.get(lang).to_owned(),
                    Some(Rating::Level(l.id.clone())),
                ));
            }
        }
        Scale::Check => {
            options.push(("true".into(), t.yes.into(), Some(Rating::Check(true))));
            options.push(("false".into(), t.no.into(), Some(Rating::Check(false))));
        }
        Scale::Vote { options: list, .. } => {
            for o in list {
                options.push((
                    o.id.to_string(),
                    o.label.get(lang).to_owned(),
                    Some(Rating::Level(o.id.clone())),
                ));
            }
        }
        Scale::Events { .. } | Scale::Ticks { .. } | Scale::Items { .. } => return None,
        Scale::Points { .. } | Scale::Deduction { .. } => {
            let value = match &shown {
                Some(Rating::Number(n)) => n.canonical(),
                _ => String::new(),
            };
            let onchange = Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                let v = input.value();
                if v.trim().is_empty() {
                    dispatch(None);
                } else if let Some(d) = crate::components::rating::parse_decimal(&v) {
                    dispatch(Some(Rating::Number(d)));
                }
            });
            let max = match &ind.scale {
                Scale::Points { .. } => Some(ind.points.canonical()),
                _ => None,
            };
            return Some(
                html! { <input type="number" class={classes!("whatif", changed.then_some("changed"))} min="0" max={max} aria-label={label} {value} {onchange} /> },
            );
        }
    }
    if ind.allow_na {
        options.push(("na".into(), t.not_applicable.into(), Some(Rating::Na)));
    }
    let values: Vec<Option<Rating>> = options.iter().map(|o| o.2.clone()).collect();
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let k = select.selected_index();
        if let Some(v) = usize::try_from(k).ok().and_then(|k| values.get(k)) {
            dispatch(v.clone());
        }
    });
    Some(html! {
        <select class={classes!("whatif", changed.then_some("changed"))} aria-label={label} {onchange}>
            { for options.into_iter().map(|(value, text, rating)| html! { <option {value} selected={rating == shown}>{ text }</option> }) }
        </select>
    })
}

/// Bonus and deduction items as the engine applied them (version 2): framework-wide ones in the
/// total, scoped ones in their part or item, each with its count and what it counted for; and
/// the bounds that cut a part's score (扣完为止, its full points).
fn applied_adjustments(r: &ScoreResult, names: &Names) -> Option<Html> {
    let (lang, t) = (names.lang, catalog(names.lang));
    let fw = names.engine.framework();
    let mut rows: Vec<(&AppliedAdjustment, String)> = r
        .adjustments
        .iter()
        .map(|x| (x, t.total.to_owned()))
        .collect();
    for d in &r.dimensions {
        rows.extend(d.adjustments.iter().map(|x| (x, names.dimension(&d.id))));
    }
    fn items<'a>(
        list: &'a [IndicatorResult],
        names: &Names,
        rows: &mut Vec<(&'a AppliedAdjustment, String)>,
    ) {
        for i in list {
            rows.extend(i.adjustments.iter().map(|x| (x, names.indicator(&i.id))));
            items(&i.items, names, rows);
        }
    }
    items(&r.indicators, names, &mut rows);
    let bounds: Vec<String> = r
        .dimensions
        .iter()
        .filter_map(|d| {
            Some(match d.bounded? {
                Bounded::Floor => (t.part_bounded_floor)(&names.dimension(&d.id)),
                Bounded::Ceiling => (t.part_bounded_ceiling)(&names.dimension(&d.id)),
            })
        })
        .collect();
    if rows.is_empty() && bounds.is_empty() {
        return None;
    }
    Some(html! {
        <section aria-labelledby="adjustments-heading" class="card" id="adjustments">
            <h2 id="adjustments-heading">{ t.adjustments_heading }</h2>
            if !rows.is_empty() {
                <table class="figures">
                    <thead><tr><th scope="col">{ t.item }</th><th scope="col" class="num">{ t.times }</th><th scope="col">{ t.counts_in }</th><th scope="col" class="num">{ t.score }</th></tr></thead>
                    <tbody>{ for rows.iter().map(|(x, place)| html! {
                        <tr data-adjustment={x.item.to_string()}>
                            <th scope="row">{ adjustment_title(fw, &x.item, lang) }</th>
                            <td class="num">{ x.count }</td>
                            <td>{ place }</td>
                            <td class="num">{ signed_amount(&x.amount.to_fixed2()) }</td>
                        </tr>
                    }) }</tbody>
                </table>
            }
            { for bounds.iter().map(|b| html! { <p class="small bounded">{ b }</p> }) }
        </section>
    })
}

/// 公开承诺: add one tied to a dimension with a due date; mark it done or dropped; overdue ones
/// (the engine's `overdue_ids`, from today's date) stand out.
fn commitments(props: &ResultProps, r: &ScoreResult) -> Html {
    let lang = props.lang;
    html! { <Commitments lang={lang} readonly={props.readonly} list={props.record.commitments.clone()} on_edit={props.on_edit.clone()} dims={props.engine.framework().dimensions.iter().map(|d| (d.id.to_string(), d.title.get(lang).to_owned())).collect::<Vec<_>>()}
    overdue={r.commitments.overdue_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>()}
    summary={(r.commitments.total, r.commitments.done, r.commitments.open, r.commitments.overdue)} /> }
}

#[derive(Properties, PartialEq)]
struct CommitmentsProps {
    lang: Lang,
    readonly: bool,
    list: Vec<Commitment>,
    on_edit: Callback<Edit>,
    dims: Vec<(String, String)>,
    overdue: Vec<String>,
    summary: (u32, u32, u32, u32),
}

#[function_component]
fn Commitments(props: &CommitmentsProps) -> Html {
    let t = catalog(props.lang);
    let lang = props.lang;
    let text = use_state(String::new);
    let dimension = use_state(String::new);
    let due = use_state(String::new);
    let error = use_state(|| None::<&'static str>);
    let list = &props.list;
    let on_text = {
        let s = text.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            s.set(i.value());
        })
    };
    let on_due = {
        let s = due.clone();
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            s.set(i.value());
        })
    };
    let on_dim = {
        let s = dimension.clone();
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlSelectElement = e.target_unchecked_into();
            s.set(i.value());
        })
    };
    let on_add = {
        let (on_edit, text, dimension, due, error) = (
            props.on_edit.clone(),
            text.clone(),
            dimension.clone(),
            due.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if text.trim().is_empty() {
                error.set(Some(t.commitment_text_missing));
                return;
            }
            let Some(date) = cxzy_core::iso_date(&due) else {
                error.set(Some(t.commitment_due_missing));
                return;
            };
            on_edit.emit(Edit::AddCommitment {
                text: (*text).clone(),
                dimension: Some(dimension.as_str())
                    .filter(|d| !d.is_empty())
                    .map(Id::from),
                due: date,
            });
            text.set(String::new());
            error.set(None);
        })
    };
    let status_name = |s: CommitmentStatus| match s {
        CommitmentStatus::Planned => t.status_planned,
        CommitmentStatus::InProgress => t.status_in_progress,
        CommitmentStatus::Done => t.status_done,
        CommitmentStatus::Dropped => t.status_dropped,
    };
    const STATUSES: [(CommitmentStatus, &str); 4] = [
        (CommitmentStatus::Planned, "planned"),
        (CommitmentStatus::InProgress, "in_progress"),
        (CommitmentStatus::Done, "done"),
        (CommitmentStatus::Dropped, "dropped"),
    ];
    let (total, done, open, overdue) = props.summary;
    html! {
        <section aria-labelledby="commitments-heading" class="card" id="commitments">
            <h2 id="commitments-heading">{ t.commitments_heading }</h2>
            if list.is_empty() {
                <p class="muted">{ t.commitment_none }</p>
            } else {
                <p class="small" id="commitments-summary">{ (t.commitments_summary)(total, done, open, overdue) }</p>
                <ul class="commitments">
                    { for list.iter().map(|c| {
                        let is_overdue = props.overdue.iter().any(|o| **o == *c.id);
                        let id = c.id.clone();
                        let on_status = {
                            let on_edit = props.on_edit.clone();
                            let id = id.clone();
                            Callback::from(move |e: Event| {
                                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                                if let Some((status, _)) = STATUSES.iter().find(|(_, v)| *v == select.value()) {
                                    on_edit.emit(Edit::CommitmentStatus { id: id.clone(), status: *status });
                                }
                            })
                        };
                        let on_remove = { let id = id.clone(); props.on_edit.reform(move |_: MouseEvent| Edit::RemoveCommitment(id.clone())) };
                        let dim = c.dimension.as_ref().and_then(|d| props.dims.iter().find(|(id, _)| **id == **d)).map(|(_, title)| title.clone());
                        html! {
                            <li class={classes!("commitment", is_overdue.then_some("overdue"))} data-commitment={c.id.to_string()}>
                                <div>
                                    <strong>{ &c.text }</strong>
                                    if is_overdue { <span class="badge overdue-badge">{ t.overdue }</span> }
                                    <div class="muted small">
                                        if let Some(d) = dim { { d }{ " · " } }
                                        { t.commitment_due }{ " " }{ i18n::date(lang, c.due) }
                                        if let Some(d) = c.done_on { { " · " }{ t.status_done }{ " " }{ i18n::date(lang, d) } }
                                    </div>
                                </div>
                                <div class={classes!("row", "no-print", props.readonly.then_some("hidden"))}>
                                    <label class="sr-only" for={format!("status-{}", c.id)}>{ t.status }</label>
                                    <select id={format!("status-{}", c.id)} onchange={on_status}>
                                        { for STATUSES.iter().map(|(s, v)| html! { <option value={*v} selected={*s == c.status}>{ status_name(*s) }</option> }) }
                                    </select>
                                    <button type="button" class="link" onclick={on_remove}>{ t.remove }</button>
                                </div>
                                <span class={if props.readonly { "" } else { "print-only" }}>{ status_name(c.status) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
            <form class={classes!("commitment-form", "no-print", props.readonly.then_some("hidden"))} onsubmit={on_add}>
                <div class="field grow">
                    <label for="commitment-text">{ t.commitment_text }</label>
                    <input id="commitment-text" type="text" value={(*text).clone()} oninput={on_text} />
                </div>
                <div class="field">
                    <label for="commitment-dimension">{ t.commitment_dimension }</label>
                    <select id="commitment-dimension" onchange={on_dim}>
                        <option value="" selected={dimension.is_empty()}>{ t.any_dimension }</option>
                        { for props.dims.iter().map(|(id, title)| html! { <option value={id.clone()} selected={**dimension == *id}>{ title }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="commitment-due">{ t.commitment_due }</label>
                    <input id="commitment-due" type="date" value={(*due).clone()} onchange={on_due} />
                </div>
                if let Some(message) = *error { <p class="error-text" role="alert">{ message }</p> }
                <button type="submit" id="commitment-add">{ t.commitment_add }</button>
            </form>
        </section>
    }
}
