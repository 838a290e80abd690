//! Start: who is assessed (党员 / 党组织 / 党务工作者), for organisations the type (分类), which
//! picks the framework, and the half-year period.

use crate::app::Store;
use crate::i18n::catalog;
use crate::services::frameworks::{builtin, BUILTINS};
use crate::state::{half_year, half_year_of, Action, Begin};
use chrono::Datelike;
use cxzy_core::{Subject, SubjectInfo};
use yew::prelude::*;

fn default_framework(subject: Subject) -> &'static str {
    match subject {
        Subject::Member => "member-five-leads",
        Subject::Organization => "org-five-goods",
        Subject::PartyWorker => "worker-five-strengths",
    }
}

#[function_component]
pub fn StartPage() -> Html {
    let Some(store) = use_context::<Store>() else {
        return Html::default();
    };
    let t = catalog(store.lang);
    let lang = store.lang;
    let today = store.today;
    let subject = use_state(|| Subject::Member);
    let framework = use_state(|| default_framework(Subject::Member));
    let year = use_state(|| today.year());
    let first_half = use_state(|| today.month() <= 6);
    let name = use_state(String::new);
    let unit = use_state(String::new);

    let period = half_year(*year, *first_half).unwrap_or_else(|| half_year_of(today));
    let existing = store.records.iter().any(|r| {
        &*r.framework.id == *framework
            && r.period.start == period.start
            && r.period.end == period.end
    });
    let pending = store
        .pending
        .as_ref()
        .is_some_and(|p| &*p.framework == *framework);
    let failure = store.failed.iter().find(|(id, _)| &**id == *framework);

    let subject_choice = |s: Subject, label: &'static str| {
        let selected = *subject == s;
        let (subject, framework) = (subject.clone(), framework.clone());
        let onchange = Callback::from(move |_: Event| {
            subject.set(s);
            framework.set(default_framework(s));
        });
        let id = format!("subject-{}", default_framework(s));
        html! {
            <div class={classes!("choice", selected.then_some("checked"))}>
                <input type="radio" name="subject" id={id.clone()} checked={selected} {onchange} />
                <label for={id}><span class="choice-label">{ label }</span></label>
            </div>
        }
    };
    let options: Vec<_> = BUILTINS.iter().filter(|b| b.subject == *subject).collect();
    let on_framework = {
        let framework = framework.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(b) = builtin(&select.value()) {
                framework.set(b.id);
            }
        })
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(y) = select.value().parse() {
                year.set(y);
            }
        })
    };
    let on_half = {
        let first_half = first_half.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            first_half.set(select.value() == "1");
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.set(input.value());
        })
    };
    let on_submit = {
        let store = store.clone();
        let (framework, name, unit) = (framework.clone(), name.clone(), unit.clone());
        let period = period.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let trimmed = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            store.dispatch(Action::Begin(Begin {
                framework: (*framework).into(),
                period: period.clone(),
                subject: SubjectInfo {
                    name: trimmed(&name),
                    unit: trimmed(&unit),
                },
            }));
        })
    };
    let framework_label = if *subject == Subject::Organization {
        t.org_type_label
    } else {
        t.framework_label
    };
    html! {
        <section class="page start" aria-labelledby="start-heading">
            <h1 id="start-heading" tabindex="-1">{ t.start_heading }</h1>
            <p class="tagline">{ t.app_tagline }</p>
            <form onsubmit={on_submit} class="card form">
                <fieldset>
                    <legend>{ t.who_assessed }</legend>
                    <div class="choices inline">
                        { subject_choice(Subject::Member, t.subject_member) }
                        { subject_choice(Subject::Organization, t.subject_organization) }
                        { subject_choice(Subject::PartyWorker, t.subject_party_worker) }
                    </div>
                </fieldset>
                if options.len() > 1 {
                    <div class="field">
                        <label for="framework">{ framework_label }</label>
                        <select id="framework" onchange={on_framework}>
                            { for options.iter().map(|b| html! {
                                <option value={b.id} selected={b.id == *framework}>{ b.name(lang) }</option>
                            }) }
                        </select>
                    </div>
                }
                <fieldset>
                    <legend>{ t.period_label }</legend>
                    <div class="row">
                        <div class="field">
                            <label for="year">{ t.year_label }</label>
                            <select id="year" onchange={on_year}>
                                { for (today.year() - 3..=today.year() + 1).map(|y| html! {
                                    <option value={y.to_string()} selected={y == *year}>{ y }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="half">{ t.half_label }</label>
                            <select id="half" onchange={on_half}>
                                <option value="1" selected={*first_half}>{ t.first_half }</option>
                                <option value="2" selected={!*first_half}>{ t.second_half }</option>
                            </select>
                        </div>
                    </div>
                </fieldset>
                <div class="field">
                    <label for="name">{ t.name_label }<span class="muted">{ t.optional }</span></label>
                    <input id="name" type="text" autocomplete="name" value={(*name).clone()} oninput={text_input(&name)} />
                </div>
                <div class="field">
                    <label for="unit">{ t.unit_label }<span class="muted">{ t.optional }</span></label>
                    <input id="unit" type="text" autocomplete="organization" value={(*unit).clone()} oninput={text_input(&unit)} />
                </div>
                if existing { <p class="muted">{ t.existing_hint }</p> }
                <button type="submit" class="primary" id="begin" disabled={pending && failure.is_none()}>
                    { if pending && failure.is_none() { t.loading } else if existing { t.continue_button } else { t.start_button } }
                </button>
            </form>
            <p class="muted small">{ t.privacy_note }</p>
        </section>
    }
}
