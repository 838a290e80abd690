//! `#/rounds`: the rounds this device owns, a new round (criteria, period, members, and how each
//! source takes part), and a round restored from its archive file.

use super::engine::{use_criteria, Loaded};
use super::model;
use super::text::text;
use crate::model::engine::Engine;
use crate::model::library::{round_id, Library, LibraryAction};
use crate::model::notice::Notice;
use crate::model::period::{half_year, half_year_of, period_name};
use crate::model::route::{RoundTab, Route};
use crate::services::frameworks::catalogue;
use crate::state::frameworks::Frameworks;
use chrono::Datelike;
use cxzy_core::{Date, FrameworkRef, Lang};
use cxzy_rounds::{Member, Mode, Plan, Setup, SourcePlan};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RoundsProps {
    pub lang: Lang,
    pub today: Date,
    pub frameworks: Frameworks,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_loaded: Callback<Engine>,
    pub on_go: Callback<Route>,
    pub on_notify: Callback<Notice>,
}

/// The largest round archive read from a file (a county's round with thousands of ballots).
pub const MAX_ARCHIVE_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

#[function_component]
pub fn RoundsPage(props: &RoundsProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let rounds: Vec<(String, Result<cxzy_rounds::RoundArchive, String>)> = props
        .library
        .rounds
        .iter()
        .map(|v| {
            (
                round_id(v).unwrap_or("").to_owned(),
                model::read(v).map_err(|e| {
                    e.iter()
                        .map(|d| format!("{} {}", d.path, d.message(lang)))
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            )
        })
        .collect();
    let on_import = {
        let (library, on_library, on_notify) = (
            props.library.clone(),
            props.on_library.clone(),
            props.on_notify.clone(),
        );
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (library, on_library, on_notify) =
                (library.clone(), on_library.clone(), on_notify.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if file.size() > MAX_ARCHIVE_BYTES {
                    let d = cxzy_core::too_large(file.size() as usize);
                    on_notify.emit(Notice::ImportFailed(vec![d.message(lang).to_owned()]));
                    return;
                }
                let Some(text) = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                else {
                    return;
                };
                match restore(&library, &text) {
                    Ok(value) => {
                        on_library.emit(LibraryAction::SaveRound(Rc::new(value)));
                        on_notify.emit(Notice::Done(super::text::text(lang).restored.to_owned()));
                    }
                    Err(why) => on_notify.emit(Notice::ImportFailed(why)),
                }
            });
        })
    };
    html! {
        <section aria-labelledby="rounds-heading">
            <h1 id="rounds-heading" tabindex="-1">{ t.rounds_heading }</h1>
            <p>{ t.rounds_intro }</p>
            <p><a href="#/workshop" id="to-workshop">{ super::workshop::text(lang).heading }</a>{ " — " }{ super::workshop::text(lang).intro }</p>
            <h2>{ t.held_heading }</h2>
            if rounds.is_empty() {
                <p class="muted">{ t.no_rounds }</p>
            } else {
                <ul class="cards rounds">
                    { for rounds.iter().map(|(id, r)| {
                        let go = {
                            let (go, id) = (props.on_go.clone(), Rc::<str>::from(id.as_str()));
                            Callback::from(move |_: MouseEvent| go.emit(Route::Round { id: id.clone(), tab: RoundTab::Invite }))
                        };
                        match r {
                            Ok(a) => html! {
                                <li class="card" key={id.clone()}>
                                    <h3>{ a.key.round.title.clone().unwrap_or_else(|| t.untitled.to_owned()) }</h3>
                                    <p class="muted">{ crate::i18n::period(lang, &a.key.round.period) }{ " · " }{ &*a.key.round.framework.id }
                                        { " · " }{ (t.members_count)(a.key.round.members.len()) }{ " · " }{ (t.ballots_count)(a.ballots.len(), a.key.round.tokens.len()) }</p>
                                    <button type="button" class="open-round" onclick={go}>{ t.open_round }</button>
                                </li>
                            },
                            Err(why) => html! {
                                <li class="card" key={id.clone()}>
                                    <p role="alert" class="notice error">{ t.round_unreadable }<br /><small>{ why }</small></p>
                                </li>
                            },
                        }
                    }) }
                </ul>
            }
            <NewRound lang={lang} today={props.today} frameworks={props.frameworks.clone()} library={props.library.clone()}
                on_library={props.on_library.clone()} on_loaded={props.on_loaded.clone()} on_go={props.on_go.clone()} />
            <h2>{ t.restore_heading }</h2>
            <label class="field">
                <span>{ t.restore_label }</span>
                <input type="file" id="restore-round" accept=".json,application/json" onchange={on_import} />
            </label>
        </section>
    }
}

/// A round archive's text, checked, as stored: refused when it cannot be read; merged with the
/// same round when this device holds it (nothing received or decided is ever lost).
pub fn restore(library: &Library, text: &str) -> Result<serde_json::Value, Vec<String>> {
    let archive = cxzy_core::read::document::<cxzy_rounds::RoundArchive>(text).map_err(|e| {
        e.iter()
            .map(|d| format!("{} {}", d.path, d.message(Lang::ZhHans)))
            .collect::<Vec<_>>()
    })?;
    let held = library
        .round(&archive.key.round.id)
        .and_then(|v| model::read(v).ok());
    // The same round held here: merged, so that nothing either holds is lost.
    Ok(model::to_value(&match held {
        Some(held) => model::merge(&held, &archive),
        None => archive,
    }))
}

/// How a source takes part, as the form holds it.
#[derive(Clone, Debug, PartialEq)]
struct SourceChoice {
    source: cxzy_core::Id,
    /// `None`: the source does not take part.
    mode: Option<Mode>,
    slips: String,
    raters: String,
}

fn default_choice(source: &cxzy_core::Id) -> SourceChoice {
    let (mode, raters) = match &**source {
        "self" => (Some(Mode::Own), ""),
        "peer" => (Some(Mode::Peer), ""),
        "mass" => (Some(Mode::Slips), ""),
        "superior" => (Some(Mode::Named), "上级党组织"),
        _ => (Some(Mode::Named), "支部委员会"),
    };
    SourceChoice {
        source: source.clone(),
        mode,
        slips: "20".into(),
        raters: raters.into(),
    }
}

#[derive(Properties, PartialEq)]
struct NewProps {
    lang: Lang,
    today: Date,
    frameworks: Frameworks,
    library: Rc<Library>,
    on_library: Callback<LibraryAction>,
    on_loaded: Callback<Engine>,
    on_go: Callback<Route>,
}

/// The new round's form.
#[function_component]
fn NewRound(props: &NewProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let criteria = use_state(|| "member-five-leads".to_owned());
    let title = use_state(String::new);
    let current = half_year_of(props.today);
    let periods = {
        let y = current.start.year();
        let first = current.start.month() <= 6;
        let previous = if first {
            half_year(y - 1, false)
        } else {
            half_year(y, true)
        };
        [Some(current.clone()), previous]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
    };
    let period = use_state(|| 0usize);
    let members = use_state(String::new);
    let sources = use_state(Vec::<SourceChoice>::new);
    let errors = use_state(Vec::<String>::new);
    let wanted = Some(FrameworkRef {
        id: criteria.as_str().into(),
        version: String::new(),
        digest: None,
    });
    let loaded = use_criteria(
        wanted,
        &props.frameworks,
        &props.library.own,
        props.on_loaded.clone(),
    );
    // The sources' choices follow the criteria chosen.
    {
        let sources = sources.clone();
        let ids: Vec<cxzy_core::Id> = match &loaded {
            Loaded::Ready(e) => e.framework().sources.iter().map(|s| s.id.clone()).collect(),
            _ => Vec::new(),
        };
        use_effect_with(ids, move |ids| {
            if sources.iter().map(|s| &s.source).ne(ids.iter()) {
                sources.set(ids.iter().map(default_choice).collect());
            }
        });
    }
    let own = crate::model::criteria::latest(&props.library.own);
    let on_criteria = {
        let criteria = criteria.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            criteria.set(s.value());
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.set(i.value());
        })
    };
    let on_members = {
        let members = members.clone();
        Callback::from(move |e: InputEvent| {
            let a: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            members.set(a.value());
        })
    };
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            period.set(s.value().parse().unwrap_or(0));
        })
    };
    let set_source = |k: usize, f: fn(&mut SourceChoice, String)| {
        let sources = sources.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .or_else(|| {
                    e.target_dyn_into::<web_sys::HtmlInputElement>()
                        .map(|i| i.value())
                })
                .or_else(|| {
                    e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
                        .map(|a| a.value())
                })
                .unwrap_or_default();
            let mut list = (*sources).clone();
            if let Some(s) = list.get_mut(k) {
                f(s, value);
            }
            sources.set(list);
        })
    };
    let on_create = {
        let (sources, members, title, period, errors) = (
            sources.clone(),
            members.clone(),
            title.clone(),
            period.clone(),
            errors.clone(),
        );
        let (on_library, on_go) = (props.on_library.clone(), props.on_go.clone());
        let engine = match &loaded {
            Loaded::Ready(e) => Some(e.clone()),
            _ => None,
        };
        let periods = periods.clone();
        let current = current.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(engine) = engine.clone() else { return };
            let t = text(lang);
            let mut problems = Vec::new();
            let names: Vec<String> = members
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            let plans: Vec<SourcePlan> = sources
                .iter()
                .filter_map(|s| {
                    let plan = match s.mode? {
                        Mode::Own => Plan::Own,
                        Mode::Peer => Plan::Peer,
                        // Workshops only (the trainer's demo round); not offered here.
                        Mode::Open => Plan::Open,
                        Mode::Slips => match s.slips.trim().parse::<u32>() {
                            Ok(n) if (1..=10_000).contains(&n) => Plan::Slips(n),
                            _ => {
                                problems.push((t.bad_slips)(&s.source));
                                return None;
                            }
                        },
                        Mode::Named => Plan::Named(
                            s.raters
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_owned)
                                .collect(),
                        ),
                    };
                    Some(SourcePlan {
                        source: s.source.clone(),
                        plan,
                    })
                })
                .collect();
            let setup = Setup {
                title: Some(title.trim().to_owned()).filter(|t| !t.is_empty()),
                period: periods
                    .get(*period)
                    .cloned()
                    .unwrap_or_else(|| current.clone()),
                members: names
                    .iter()
                    .enumerate()
                    .map(|(i, line)| {
                        let (name, group) = member_line(line);
                        Member {
                            id: format!("m{}", i + 1).into(),
                            name,
                            group,
                        }
                    })
                    .collect(),
                sources: plans,
            };
            if !problems.is_empty() {
                errors.set(problems);
                return;
            }
            match model::create(&engine, &setup, &mut model::rng()) {
                Ok(archive) => {
                    errors.set(Vec::new());
                    let id: Rc<str> = archive.key.round.id.as_str().into();
                    on_library.emit(LibraryAction::SaveRound(Rc::new(model::to_value(&archive))));
                    on_go.emit(Route::Round {
                        id,
                        tab: RoundTab::Invite,
                    });
                }
                Err(found) => errors.set(
                    found
                        .iter()
                        .map(|d| {
                            format!("{} — {}", setup_place(t, &d.path, &setup), d.message(lang))
                        })
                        .collect(),
                ),
            }
        })
    };
    let source_rows = match &loaded {
        Loaded::Ready(engine) => html! {
            <fieldset class="sources">
                <legend>{ t.sources_legend }</legend>
                { for sources.iter().enumerate().map(|(k, s)| {
                    let label = engine.framework().source(&s.source).map(|x| x.label.get(lang).to_owned()).unwrap_or_else(|| s.source.to_string());
                    let mode_value = match s.mode { None => "off", Some(Mode::Own) => "self", Some(Mode::Peer) => "peer", Some(Mode::Slips) => "slips", Some(Mode::Named) => "named", Some(Mode::Open) => "open" };
                    let id = format!("source-{}", s.source);
                    html! {
                        <div class="source-row" key={s.source.to_string()}>
                            <label class="field">
                                <span>{ label.clone() }</span>
                                <select id={id.clone()} onchange={set_source(k, |s, v| s.mode = match v.as_str() {
                                    "self" => Some(Mode::Own), "peer" => Some(Mode::Peer), "slips" => Some(Mode::Slips), "named" => Some(Mode::Named), _ => None })}>
                                    { for [("off", t.mode_off), ("self", t.mode_self), ("peer", t.mode_peer), ("slips", t.mode_slips), ("named", t.mode_named)].into_iter().map(|(v, l)| html! {
                                        <option value={v} selected={v == mode_value}>{ l }</option>
                                    }) }
                                </select>
                            </label>
                            if s.mode == Some(Mode::Slips) {
                                <label class="field">
                                    <span>{ (t.slips_count)(&label) }</span>
                                    <input type="number" min="1" max="10000" inputmode="numeric" class="slips" value={s.slips.clone()}
                                        onchange={set_source(k, |s, v| s.slips = v)} />
                                </label>
                            }
                            if s.mode == Some(Mode::Named) {
                                <label class="field">
                                    <span>{ (t.raters_names)(&label) }</span>
                                    <textarea rows="2" class="raters" value={s.raters.clone()} onchange={set_source(k, |s, v| s.raters = v)} />
                                </label>
                            }
                        </div>
                    }
                }) }
            </fieldset>
        },
        Loaded::Loading => {
            html! { <p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p> }
        }
        Loaded::Failed(why) => {
            html! { <p role="alert" class="notice error">{ t.criteria_missing }<br /><small>{ why }</small></p> }
        }
    };
    html! {
        <form class="new-round" onsubmit={on_create} aria-labelledby="new-round-heading">
            <h2 id="new-round-heading">{ t.new_heading }</h2>
            <label class="field">
                <span>{ t.criteria_label }</span>
                <select id="round-criteria" onchange={on_criteria}>
                    { for catalogue().frameworks.iter().map(|e| html! {
                        <option value={e.id.to_string()} selected={*e.id == **criteria}>{ e.name.get(lang) }</option>
                    }) }
                    { for own.iter().map(|o| html! {
                        <option value={o.id().to_owned()} selected={o.id() == criteria.as_str()}>{ format!("{} ({})", o.id(), o.version()) }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ t.title_label }</span>
                <input type="text" id="round-title" maxlength="100" placeholder={t.title_placeholder} value={(*title).clone()} oninput={text_input(&title)} />
            </label>
            <label class="field">
                <span>{ t.period_label }</span>
                <select id="round-period" onchange={on_period}>
                    { for periods.iter().enumerate().map(|(i, p)| html! {
                        <option value={i.to_string()} selected={i == *period}>{ crate::i18n::period(lang, p) }{ " " }{ period_name(p.start, p.end) }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ t.members_label }</span>
                <textarea id="round-members" rows="6" placeholder={t.members_placeholder} value={(*members).clone()} oninput={on_members} />
            </label>
            { source_rows }
            if !errors.is_empty() {
                <ul role="alert" class="notice error round-errors">
                    { for errors.iter().map(|e| html! { <li>{ e }</li> }) }
                </ul>
            }
            <button type="submit" class="primary" id="create-round" disabled={!matches!(loaded, Loaded::Ready(_))}>{ t.create }</button>
        </form>
    }
}

/// A line of the members' list: the name, and after a bar (| or ｜) or a tab the 党小组.
pub fn member_line(line: &str) -> (String, Option<String>) {
    match line.split_once(['|', '｜', '\t']) {
        Some((name, group)) if !group.trim().is_empty() => {
            (name.trim().to_owned(), Some(group.trim().to_owned()))
        }
        Some((name, _)) => (name.trim().to_owned(), None),
        None => (line.trim().to_owned(), None),
    }
}

/// Where a setup's problem is, in the form's words (`/members/3/id` → the 4th member's line).
fn setup_place(t: &super::text::RoundsText, path: &str, setup: &Setup) -> String {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["members", k, ..] => k
            .parse::<usize>()
            .ok()
            .and_then(|k| setup.members.get(k))
            .map(|m| format!("{}「{}」", t.members_label, m.name))
            .unwrap_or_else(|| t.members_label.to_owned()),
        ["members"] => t.members_label.to_owned(),
        ["sources", k, ..] => k
            .parse::<usize>()
            .ok()
            .and_then(|k| setup.sources.get(k))
            .map(|s| format!("{}「{}」", t.sources_legend, s.source))
            .unwrap_or_else(|| t.sources_legend.to_owned()),
        _ => t.sources_legend.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_member_line_names_the_member_and_the_group() {
        use super::member_line;
        assert_eq!(member_line(" 张三 "), ("张三".into(), None));
        assert_eq!(
            member_line("张三 | 第一党小组"),
            ("张三".into(), Some("第一党小组".into()))
        );
        assert_eq!(
            member_line("李四｜二组"),
            ("李四".into(), Some("二组".into()))
        );
        assert_eq!(
            member_line("王五\t三组"),
            ("王五".into(), Some("三组".into()))
        );
        assert_eq!(member_line("赵六 |  "), ("赵六".into(), None));
    }
}
