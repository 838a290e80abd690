//! Rate: dimension by dimension, each item with its guidance (考察要点) and a control fitted to its
//! scale (an item with sub-items: its sub-items in place, each with its own), an optional note
//! (事迹 / 证据); then the organisation's records (bonus, deductions — counted claims in version
//! 2 —, vetoes). A progress bar and the live total and grade follow every change; an item whose
//! control does not show its score shows the engine's.

use crate::components::explain::bounded;
use crate::components::focus::refocus;
use crate::components::rating::{count_stepper, cutoff_rule, RatingInput};
use crate::i18n::{self, catalog};
use crate::model::engine::{indicator_result, Engine, Scored};
use crate::model::library::Edit;
use crate::model::own_sheet::{own_note, own_rating, own_source};
use crate::model::route::{RecordKey, Route};
use cxzy_core::{
    Adjustments, Assessment, Decimal, Id, Indicator, IndicatorResult, IndicatorStatus, Lang,
    Rating, Scale, ScoreResult,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AssessProps {
    pub lang: Lang,
    pub record: Rc<Assessment>,
    /// The record's key (the steps are routes).
    pub record_key: RecordKey,
    pub engine: Engine,
    /// The step from the route (clamped here to the steps there are).
    pub step: usize,
    pub result: Option<Rc<Scored>>,
    pub on_edit: Callback<Edit>,
    pub on_go: Callback<Route>,
}

#[function_component]
pub fn AssessPage(props: &AssessProps) -> Html {
    let lang = props.lang;
    let t = catalog(lang);
    let a = &props.record;
    let engine = &props.engine;
    let fw = engine.framework();
    let has_records = fw.bonus.is_some() || fw.deductions.is_some() || !fw.vetoes.is_empty();
    let steps = fw.dimensions.len() + usize::from(has_records);
    let step = props.step.min(steps.saturating_sub(1));

    let result = props.result.as_deref().and_then(|r| r.as_ref().ok());
    let total_items = engine.indicator_count();
    let rated = result
        .map(|r| {
            r.indicators
                .iter()
                .filter(|i| i.status != IndicatorStatus::Unrated)
                .count()
        })
        .unwrap_or(0);
    let grade = result
        .and_then(|r| r.grade.as_ref())
        .and_then(|g| fw.grades.iter().find(|x| x.id == *g));
    let errors = props.result.as_deref().and_then(|r| r.as_ref().err());

    let go_step = |k: usize| {
        let on_go = props.on_go.clone();
        let record = props.record_key.clone();
        Callback::from(move |e: MouseEvent| {
            on_go.emit(Route::Assess {
                record: record.clone(),
                step: k,
            });
            refocus(&e, "#step-heading");
        })
    };
    let rate_cx = Rate {
        lang,
        a,
        engine,
        result,
        on_edit: &props.on_edit,
    };
    let body = match fw.dimensions.get(step) {
        Some(dim) => html! {
            <section class="dimension" aria-labelledby="step-heading">
                <h2 id="step-heading" tabindex="-1">{ dim.title.get(lang) }</h2>
                if let Some(g) = &dim.guidance { <p class="guidance">{ g.get(lang) }</p> }
                { for dim.indicators.iter().map(|ind| rate_cx.card(ind)) }
            </section>
        },
        None => records_step(lang, a, engine, &props.on_edit),
    };
    let last = step + 1 >= steps;
    let to_result = {
        let record = props.record_key.clone();
        props.on_go.reform(move |_: MouseEvent| Route::Result {
            record: record.clone(),
        })
    };
    html! {
        <section class="page assess" aria-labelledby="assess-heading">
            <h1 id="assess-heading" class="sr-only" tabindex="-1">{ fw.title.get(lang) }</h1>
            <div class="live" aria-live="polite">
                <div class="live-head">
                    <span class="live-title">{ fw.title.get(lang) }{ " · " }{ i18n::period(lang, &a.period) }</span>
                </div>
                <div class="live-figures">
                    <span><span class="muted">{ t.live_total }</span>{ " " }<strong id="live-total" class="num">{ result.map(|r| r.total.to_fixed2()).unwrap_or_else(|| "—".into()) }</strong></span>
                    <span><span class="muted">{ t.live_grade }</span>{ " " }<strong id="live-grade">{ grade.map(|g| g.label.get(lang)).unwrap_or(t.not_graded) }</strong></span>
                    <span id="progress-text" class="muted">{ (t.rated_of)(rated, total_items) }</span>
                </div>
                <progress max={total_items.to_string()} value={rated.to_string()} aria-label={t.progress_label} />
            </div>
            if let Some(errors) = errors {
                <div class="notice error" role="alert"><strong>{ t.cannot_score }</strong>{ super::diagnostics(lang, errors) }</div>
            }
            <nav class="steps" aria-label={t.progress_label}>
                { for fw.dimensions.iter().enumerate().map(|(k, d)| {
                    let done = result.map(|r| r.indicators.iter().filter(|i| i.dimension == d.id && i.status != IndicatorStatus::Unrated).count()).unwrap_or(0);
                    html! {
                        <button type="button" class="step" aria-current={(k == step).then_some("step")} onclick={go_step(k)}>
                            { d.title.get(lang) }<span class="muted">{ format!(" {done}/{}", d.indicators.len()) }</span>
                        </button>
                    }
                }) }
                if has_records {
                    <button type="button" class="step" aria-current={(step == fw.dimensions.len()).then_some("step")} onclick={go_step(fw.dimensions.len())}>{ t.records_step }</button>
                }
            </nav>
            <p class="muted small">{ (t.step_of)(step + 1, steps) }</p>
            { body }
            <div class="row nav-buttons">
                if step > 0 { <button type="button" onclick={go_step(step - 1)}>{ t.previous_dimension }</button> }
                if !last { <button type="button" class="primary" id="next-step" onclick={go_step(step + 1)}>{ t.next_dimension }</button> }
                <button type="button" class={classes!(last.then_some("primary"))} id="see-result" onclick={to_result}>{ t.see_result }</button>
            </div>
        </section>
    }
}

/// What rating an item needs: the record, its framework and result, and where edits go.
struct Rate<'a> {
    lang: Lang,
    a: &'a Assessment,
    engine: &'a Engine,
    result: Option<&'a ScoreResult>,
    on_edit: &'a Callback<Edit>,
}

impl Rate<'_> {
    /// One item of a dimension: its control (or its sub-items in place), its score where the
    /// control does not say it, and its note.
    fn card(&self, ind: &Indicator) -> Html {
        let (lang, t) = (self.lang, catalog(self.lang));
        let ir = self.result.and_then(|r| indicator_result(r, &ind.id));
        let status = ir.map(|x| x.status);
        let note = own_note(self.a, self.engine, &ind.id).unwrap_or_default();
        let on_note = {
            let indicator = ind.id.clone();
            self.on_edit.reform(move |e: InputEvent| {
                let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
                Edit::Note {
                    indicator: indicator.clone(),
                    text: area.value(),
                }
            })
        };
        let body = match &ind.scale {
            Scale::Items { items } => html! {
                <>
                { self.score_line(ind, ir) }
                <div class="sub-items">
                    { for items.iter().map(|sub| html! {
                        <fieldset class="sub-item" id={format!("item-{}", sub.id)}>
                            <legend>
                                <span class="item-title">{ sub.title.get(lang) }</span>
                                <span class="points">{ format!("{}{}", sub.points.canonical(), t.points_suffix) }</span>
                            </legend>
                            { self.control(sub) }
                        </fieldset>
                    }) }
                </div>
                </>
            },
            _ => self.control(ind),
        };
        html! {
            <article class={classes!("card", "item", (status == Some(IndicatorStatus::Unrated)).then_some("unrated"))} id={format!("item-{}", ind.id)}>
                <fieldset>
                    <legend>
                        <span class="item-title">{ ind.title.get(lang) }</span>
                        <span class="points">{ format!("{}{}", ind.points.canonical(), t.points_suffix) }</span>
                    </legend>
                    { body }
                </fieldset>
                <NoteField id={format!("note-{}", ind.id)} {note} {lang} on_input={on_note} />
            </article>
        }
    }

    /// An item's (or sub-item's) guidance, its control on the user's own sheet, and its score.
    fn control(&self, ind: &Indicator) -> Html {
        let (lang, t) = (self.lang, catalog(self.lang));
        let org_only = own_source(self.engine, ind).is_some_and(|s| &*s != "self");
        let on_change = {
            let indicator = ind.id.clone();
            self.on_edit
                .reform(move |rating: Option<Rating>| Edit::Rate {
                    indicator: indicator.clone(),
                    rating,
                })
        };
        let ir = self.result.and_then(|r| indicator_result(r, &ind.id));
        html! {
            <>
            if let Some(g) = &ind.guidance {
                <p class="guidance"><span class="tag">{ t.guidance }</span>{ g.get(lang) }</p>
            }
            if org_only { <p class="muted small">{ t.org_rated_hint }</p> }
            <RatingInput engine={self.engine.clone()} indicator={ind.id.clone()} rating={own_rating(self.a, self.engine, &ind.id)} {lang}
                name={format!("rate-{}", ind.id)} {on_change} />
            { self.score_line(ind, ir) }
            </>
        }
    }

    /// The item's score as the engine has it, where its control does not show it (counted
    /// events, votes and ticks with points, an item with sub-items): a polite live region, so a
    /// screen reader hears the score change with each count. With the cut-off that set the
    /// user's own sheet's score and the bound that cut it.
    fn score_line(&self, ind: &Indicator, ir: Option<&IndicatorResult>) -> Html {
        let (lang, t) = (self.lang, catalog(self.lang));
        let shown = match &ind.scale {
            Scale::Events { .. } | Scale::Items { .. } => true,
            Scale::Vote { .. } | Scale::Ticks { .. } => ind.points.cents() > 0,
            _ => false,
        };
        if !shown {
            return Html::default();
        }
        let own = own_source(self.engine, ind);
        // The user's own sheet is the first sheet of its source (the own-sheet rule), so its
        // score is the first one the engine lists for that source, once it is rated.
        let rated = own_rating(self.a, self.engine, &ind.id).is_some_and(|r| r != Rating::Na);
        let sheet = ir
            .filter(|_| rated)
            .and_then(|ir| ir.sources.iter().find(|s| Some(&s.id) == own.as_ref()))
            .and_then(|s| s.sheets.first());
        let cutoff = match (&ind.scale, sheet.and_then(|s| s.cutoff.as_ref())) {
            (Scale::Events { events, .. }, Some(id)) => events
                .iter()
                .find(|e| e.id == *id)
                .and_then(|e| Some((e.label.get(lang), e.cutoff.as_ref()?))),
            _ => None,
        };
        let cut = ir.and_then(|x| x.bounded).or(sheet.and_then(|s| s.bounded));
        html! {
            <p class="item-score small" id={format!("score-{}", ind.id)} aria-live="polite">
                <span class="muted">{ t.item_score }</span>{ " " }
                <strong class="num">{ ir.and_then(|x| x.combined.as_ref()).map(|c| c.to_fixed2()).unwrap_or_else(|| "—".into()) }</strong>
                <span class="muted">{ format!(" / {}", ind.points.canonical()) }</span>
                if matches!(ind.scale, Scale::Items { .. }) { <span class="muted">{ format!(" ({})", t.sub_items_sum) }</span> }
                if let Some((event, c)) = cutoff { <span class="cutoff">{ (t.cutoff_set)(event, &cutoff_rule(c, lang)) }</span> }
                if let Some(b) = cut { <span class="bounded">{ bounded(b, lang) }</span> }
            </p>
        }
    }
}

/// The organisation's records: bonus items, deductions (counts), vetoes. Version 2 claims both
/// with a count (`adjustments`), each item saying where it counts and its own cap.
fn records_step(lang: Lang, a: &Assessment, engine: &Engine, on_edit: &Callback<Edit>) -> Html {
    let t = catalog(lang);
    let fw = engine.framework();
    let cap = |cap: Option<Decimal>| match cap {
        Some(c) => (t.cap_note)(&c.canonical()),
        None => t.no_cap.to_owned(),
    };
    if fw.schema.version() >= 2 {
        let claimed = |item: &Id| {
            a.adjustments
                .iter()
                .chain(&a.deductions)
                .find(|c| c.item == *item)
                .map(|c| c.count)
                .or_else(|| a.bonus.contains(item).then_some(1))
                .unwrap_or(0)
        };
        let list = |heading: &str, list: &Adjustments, sign: char| {
            html! {
                <fieldset class="card">
                    <legend>{ heading }<span class="muted small">{ format!(" ({})", cap(list.cap)) }</span></legend>
                    { for list.items.iter().map(|item| {
                        let on_count = {
                            let id = item.id.clone();
                            on_edit.reform(move |n: Option<u32>| Edit::Adjustment { item: id.clone(), count: n.unwrap_or(0) })
                        };
                        let mut hint = vec![(t.each_time)(&format!("{sign}{}", item.points.canonical()))];
                        if let Some(c) = item.cap {
                            hint.push((t.item_cap)(&c.canonical()));
                        }
                        if let Some(scope) = &item.scope {
                            let name = match (&scope.indicator, &scope.dimension) {
                                (Some(i), _) => engine.indicator(i).map(|x| x.title.get(lang)),
                                (None, Some(d)) => fw.dimensions.iter().find(|x| x.id == *d).map(|x| x.title.get(lang)),
                                (None, None) => None,
                            };
                            hint.extend(name.map(t.applies_to));
                        }
                        count_stepper(
                            &format!("adjust-{}", item.id),
                            html! { <>{ item.title.get(lang) }<span class="pct">{ format!(" {sign}{}", item.points.canonical()) }</span></> },
                            item.title.get(lang),
                            html! { { format!("{} · {}", t.times, hint.join(t.list_sep)) } },
                            lang,
                            Some(claimed(&item.id)),
                            on_count,
                        )
                    }) }
                </fieldset>
            }
        };
        let bonus = fw.bonus.as_ref().map(|b| list(t.bonus_heading, b, '+'));
        let deductions = fw
            .deductions
            .as_ref()
            .map(|d| list(t.deductions_heading, d, '−'));
        return records(lang, a, engine, on_edit, bonus, deductions);
    }
    let bonus = fw.bonus.as_ref().map(|b| {
        html! {
            <fieldset class="card">
                <legend>{ t.bonus_heading }<span class="muted small">{ format!(" ({})", cap(b.cap)) }</span></legend>
                                { for b.items.iter().map(|item| {
                    let on = a.bonus.contains(&item.id);
                    let id = item.id.clone();
                    let toggle = on_edit.reform(move |_: Event| Edit::Bonus { item: id.clone(), on: !on });
                    checkbox(&format!("bonus-{}", item.id), item.title.get(lang), &format!(" +{}", item.points.canonical()), on, toggle)
                }) }
            </fieldset>
        }
    });
    let deductions = fw.deductions.as_ref().map(|d| {
        html! {
            <fieldset class="card">
                <legend>{ t.deductions_heading }<span class="muted small">{ format!(" ({})", cap(d.cap)) }</span></legend>
                { for d.items.iter().map(|item| {
                    let count = a.deductions.iter().find(|c| c.item == item.id).map(|c| c.count).unwrap_or(0);
                    let on_count = {
                        let id = item.id.clone();
                        on_edit.reform(move |n: Option<u32>| Edit::Deduction { item: id.clone(), count: n.unwrap_or(0) })
                    };
                    count_stepper(
                        &format!("deduction-{}", item.id),
                        html! { <>{ item.title.get(lang) }<span class="pct">{ format!(" −{}", item.points.canonical()) }</span></> },
                        item.title.get(lang),
                        html! { { t.times } },
                        lang,
                        Some(count),
                        on_count,
                    )
                }) }
            </fieldset>
        }
    });
    records(lang, a, engine, on_edit, bonus, deductions)
}

/// The records step: the bonus and deduction lists given, then the vetoes.
fn records(
    lang: Lang,
    a: &Assessment,
    engine: &Engine,
    on_edit: &Callback<Edit>,
    bonus: Option<Html>,
    deductions: Option<Html>,
) -> Html {
    let t = catalog(lang);
    let fw = engine.framework();
    let vetoes = (!fw.vetoes.is_empty()).then(|| {
        html! {
            <fieldset class="card">
                <legend>{ t.vetoes_heading }</legend>
                                { for fw.vetoes.iter().map(|v| {
                    let on = a.vetoes.contains(&v.id);
                    let id = v.id.clone();
                    let toggle = on_edit.reform(move |_: Event| Edit::Veto { id: id.clone(), on: !on });
                    checkbox(&format!("veto-{}", v.id), v.title.get(lang), "", on, toggle)
                }) }
            </fieldset>
        }
    });
    html! {
        <section class="dimension" aria-labelledby="step-heading">
            <h2 id="step-heading" tabindex="-1">{ t.records_step }</h2>
            <p class="guidance">{ t.records_hint }</p>
            { for bonus }{ for deductions }{ for vetoes }
        </section>
    }
}

/// One checkbox of the organisation's records, as a full-width choice like the rating options.
fn checkbox(id: &str, label: &str, points: &str, on: bool, onchange: Callback<Event>) -> Html {
    html! {
        <div class={classes!("choice", on.then_some("checked"))}>
            <input type="checkbox" id={id.to_owned()} checked={on} {onchange} />
            <label for={id.to_owned()}>
                <span class="choice-label">{ label }</span>
                if !points.is_empty() { <span class="pct">{ points }</span> }
            </label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoteProps {
    id: String,
    note: String,
    lang: cxzy_core::Lang,
    on_input: Callback<InputEvent>,
}

/// The optional 事迹 / 证据 of an item: open when it has text, then opened and closed only by the
/// user (clearing the text must not fold it away under the caret).
#[function_component]
fn NoteField(props: &NoteProps) -> Html {
    let t = catalog(props.lang);
    let open = use_state(|| !props.note.is_empty());
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    html! {
        <details class="note" open={*open} {ontoggle}>
            <summary>{ t.note_label }</summary>
            <label for={props.id.clone()} class="sr-only">{ t.note_label }</label>
            <textarea id={props.id.clone()} rows="2" placeholder={t.note_placeholder} value={props.note.clone()} oninput={props.on_input.clone()} />
        </details>
    }
}
