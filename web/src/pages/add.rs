//! A shared link opened (`#/add/<payload>`): the criteria it carries, read and checked by the
//! engine, with their title, version and digest for the member to compare with the publisher's;
//! added to the member's own criteria in one tap. (In the app's first load: the editor is not.)

use crate::editor::share;
use crate::i18n::criteria::text;
use crate::model::criteria::{check_own, Own, OwnRefusal};
use crate::model::engine::Engine;
use crate::model::library::{Library, LibraryAction};
use crate::model::route::Route;
use crate::services::frameworks::builtin;
use cxzy_core::{Date, Lang, Prepared};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AddProps {
    pub lang: Lang,
    pub today: Date,
    pub payload: Rc<str>,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_go: Callback<Route>,
}

/// What a link carries, read: the framework's value and its engine, or why not.
fn read_link(payload: &str, lang: Lang) -> Result<(Value, Engine), Vec<String>> {
    let e = text(lang);
    let json = share::decode(payload).map_err(|err| {
        vec![match err {
            share::PayloadError::Form => e.link_form,
            share::PayloadError::TooLarge => e.link_too_large,
            share::PayloadError::Damaged => e.link_damaged,
            share::PayloadError::NotText => e.link_not_text,
        }
        .to_owned()]
    })?;
    let value = cxzy_core::read::parse_json(&json).map_err(|errors| {
        errors
            .iter()
            .map(|d| format!("{} ({})", d.message(lang), d.code))
            .collect::<Vec<_>>()
    })?;
    // Through the text, as every framework the app loads: one reader in the WASM.
    let engine = Prepared::from_json(&json)
        .map(Engine::new)
        .map_err(|errors| OwnRefusal::Invalid(errors).lines(lang))?;
    Ok((value, engine))
}

#[function_component]
pub fn AddPage(props: &AddProps) -> Html {
    let lang = props.lang;
    let e = text(lang);
    let read = use_memo((props.payload.clone(), lang), |(p, lang)| {
        read_link(p, *lang)
    });
    let outcome = use_state(|| None::<Result<String, Vec<String>>>);
    let body = match &*read {
        Err(lines) => html! {
            <ul role="alert" class="errors">{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
        },
        Ok((value, engine)) => {
            let fw = engine.framework();
            let items: usize = fw.dimensions.iter().map(|d| d.indicators.len()).sum();
            let replaced = crate::model::criteria::latest(&props.library.own)
                .into_iter()
                .find(|o| o.id() == &*fw.id && o.version() != fw.version)
                .map(|o| {
                    let title = o
                        .framework
                        .get("title")
                        .and_then(|t| crate::model::criteria::entry_text(t, lang))
                        .unwrap_or_else(|| o.id().to_owned());
                    (title, o.version().to_owned())
                });
            let held = props.library.own.iter().any(|o| {
                o.id() == &*fw.id
                    && o.version() == fw.version
                    && Prepared::from_json(&o.framework.to_string())
                        .is_ok_and(|p| p.digest() == engine.digest())
            });
            let add = {
                let (value, own, on_library, outcome, today) = (
                    value.clone(),
                    props.library.own.clone(),
                    props.on_library.clone(),
                    outcome.clone(),
                    props.today,
                );
                Callback::from(move |_: MouseEvent| {
                    let is_builtin = |id: &str| builtin(id).is_some();
                    match check_own(&value, &own, &is_builtin) {
                        Ok(Some(_)) => {
                            on_library.emit(LibraryAction::AddOwn(Own {
                                framework: Rc::new(value.clone()),
                                summary: String::new(),
                                added: Some(today),
                                rest: Default::default(),
                            }));
                            outcome.set(Some(Ok(text(lang).added.to_owned())));
                        }
                        Ok(None) => outcome.set(Some(Ok(text(lang).already.to_owned()))),
                        Err(OwnRefusal::VersionTaken { id, version }) => outcome.set(Some(Err(
                            vec![(text(lang).version_taken_shared)(&id, &version)],
                        ))),
                        Err(r) => outcome.set(Some(Err(r.lines(lang)))),
                    }
                })
            };
            html! {
                <div class="card">
                    <h2 id="shared-title">{ fw.title.get(lang) }</h2>
                    <dl class="facts">
                        <dt>{ e.version_label }</dt><dd id="shared-version">{ format!("{} {}", fw.id, fw.version) }</dd>
                        <dt>{ e.digest_label }</dt><dd id="shared-digest" class="digest">{ engine.digest() }</dd>
                    </dl>
                    <p>{ (e.parts_items)(fw.dimensions.len(), items) }</p>
                    <p class="muted">{ e.add_check }</p>
                    // Another version of these criteria is in use here: say what adding does.
                    if let Some((title, version)) = replaced.filter(|_| !held && outcome.is_none()) {
                        <p class="warn-text" id="replaces">{ (e.replaces)(&title, &version) }</p>
                    }
                    if held || matches!(&*outcome, Some(Ok(_))) {
                        <p role="status" class="status ok">{ match &*outcome { Some(Ok(m)) => m.clone(), _ => e.already.to_owned() } }</p>
                        <button type="button" class="primary" id="start-with-shared"
                            onclick={props.on_go.reform(|_: MouseEvent| Route::Start)}>{ e.start_assessing }</button>
                    } else {
                        <button type="button" class="primary" id="add-shared" onclick={add}>{ e.add_button }</button>
                    }
                    if let Some(Err(lines)) = &*outcome {
                        <ul role="alert" class="errors">{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
                    }
                </div>
            }
        }
    };
    html! {
        <section class="page" aria-labelledby="add-heading">
            <h1 id="add-heading" tabindex="-1">{ e.add_heading }</h1>
            { body }
        </section>
    }
}
