//! Start: who is assessed (党员 / 党组织 / 党务工作者), for organisations the type (分类), which
//! picks the framework, and the half-year period.

use crate::i18n::catalog;
use crate::model::library::{Begin, Library};
use crate::model::period::{half_year, half_year_of};
use crate::services::frameworks::catalogue;
use chrono::Datelike;
use cxzy_core::{Date, Id, Lang, Subject, SubjectInfo};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub lang: Lang,
    pub today: Date,
    /// For "continue" when the record of that framework and period exists.
    pub library: Rc<Library>,
    /// A start waiting for its framework.
    pub pending: Option<Begin>,
    /// Framework keys that failed to load.
    pub failed: Vec<Id>,
    /// The user's own criteria (the latest version of each), offered before the built-ins.
    #[prop_or_default]
    pub own: Vec<OwnChoice>,
    pub on_begin: Callback<Begin>,
}

/// An own framework as the start page offers it.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnChoice {
    pub id: Id,
    pub title: String,
    pub subject: Subject,
}

/// The user's own criteria, latest version of each, the most recently added first.
pub fn own_choices(library: &Library, lang: Lang) -> Vec<OwnChoice> {
    let mut seen: Vec<&str> = Vec::new();
    library
        .own
        .iter()
        .rev()
        .filter(|o| {
            let new = !seen.contains(&o.id());
            seen.push(o.id());
            new
        })
        .filter_map(|o| {
            let subject = match o.framework.get("subject")?.as_str()? {
                "member" => Subject::Member,
                "organization" => Subject::Organization,
                "party_worker" => Subject::PartyWorker,
                _ => return None,
            };
            let title = o
                .framework
                .get("title")
                .and_then(|t| crate::model::criteria::entry_text(t, lang))
                .unwrap_or_else(|| o.id().to_owned());
            Some(OwnChoice {
                id: o.id().into(),
                title,
                subject,
            })
        })
        .collect()
}

fn default_framework(subject: Subject) -> &'static str {
    match subject {
        Subject::Member => "member-five-leads",
        Subject::Organization => "org-five-goods",
        Subject::PartyWorker => "worker-five-strengths",
    }
}

#[function_component]
pub fn StartPage(props: &StartProps) -> Html {
    let lang = props.lang;
    let t = catalog(lang);
    let today = props.today;
    let subject = use_state(|| Subject::Member);
    // The unit's own criteria come first: the latest added of the subject, else the built-in.
    let first_for = {
        let own = props.own.clone();
        move |s: Subject| -> Id {
            own.iter()
                .find(|o| o.subject == s)
                .map(|o| o.id.clone())
                .unwrap_or_else(|| default_framework(s).into())
        }
    };
    let framework = use_state({
        let first_for = first_for.clone();
        move || first_for(Subject::Member)
    });
    let year = use_state(|| today.year());
    let first_half = use_state(|| today.month() <= 6);
    let name = use_state(String::new);
    let unit = use_state(String::new);

    let period = half_year(*year, *first_half).unwrap_or_else(|| half_year_of(today));
    let existing = props.library.position(&framework, &period).is_some();
    let pending = props
        .pending
        .as_ref()
        .is_some_and(|p| p.framework == *framework);
    let failure = props.failed.iter().find(|id| **id == *framework);

    let subject_choice = |s: Subject, label: &'static str| {
        let selected = *subject == s;
        let (subject, framework, first_for) =
            (subject.clone(), framework.clone(), first_for.clone());
        let onchange = Callback::from(move |_: Event| {
            subject.set(s);
            framework.set(first_for(s));
        });
        let id = format!("subject-{}", default_framework(s));
        html! {
            <div class={classes!("choice", selected.then_some("checked"))}>
                <input type="radio" name="subject" id={id.clone()} checked={selected} {onchange} />
                <label for={id}><span class="choice-label">{ label }</span></label>
            </div>
        }
    };
    let builtins = catalogue();
    // (id, name): the unit's own first, then the built-ins, of the subject chosen.
    let options: Vec<(Id, String)> = props
        .own
        .iter()
        .filter(|o| o.subject == *subject)
        .map(|o| (o.id.clone(), o.title.clone()))
        .chain(
            builtins
                .frameworks
                .iter()
                .filter(|b| b.subject == *subject)
                .map(|b| (b.id.clone(), b.name.get(lang).to_owned())),
        )
        .collect();
    let on_framework = {
        let (framework, ids) = (
            framework.clone(),
            options.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(),
        );
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            if let Some(id) = ids.iter().find(|id| ***id == *value) {
                framework.set(id.clone());
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
        let on_begin = props.on_begin.clone();
        let (framework, name, unit) = (framework.clone(), name.clone(), unit.clone());
        let period = period.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let trimmed = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            on_begin.emit(Begin {
                framework: (*framework).clone(),
                period: period.clone(),
                subject: SubjectInfo {
                    name: trimmed(&name),
                    unit: trimmed(&unit),
                },
            });
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
                            { for options.iter().map(|(id, name)| html! {
                                <option value={id.to_string()} selected={*id == *framework}>{ name.clone() }</option>
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
