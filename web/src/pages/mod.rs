//! The pages: start, rate (assess), result, history, data. Each takes props — what it shows and
//! callbacks for what it changes — from the root; none knows the app's whole state.

pub mod add;
pub mod assess;
pub mod data;
pub mod history;
pub mod result;
pub mod start;

use crate::i18n::catalog;
use crate::model::engine::LoadError;
use cxzy_core::{Diagnostic, Lang};
use yew::prelude::*;

/// A located error list: each line says where (JSON pointer) and why, in the page's language.
pub fn diagnostics(lang: Lang, errors: &[Diagnostic]) -> Html {
    let t = catalog(lang);
    html! {
        <ul class="errors">
            { for errors.iter().map(|e| html! {
                <li>
                    { e.message(lang) }
                    if !e.path.is_empty() { <span class="muted">{ format!(" ({} {}, {})", t.error_at, e.path, e.code) }</span> }
                </li>
            }) }
        </ul>
    }
}

/// Why a framework did not load.
pub fn load_error(lang: Lang, id: &str, error: &LoadError) -> Html {
    let t = catalog(lang);
    html! {
        <>
            <strong>{ (t.framework_failed)(id) }</strong>
            { match error {
                LoadError::Fetch(message) => html! { <p>{ message }</p> },
                LoadError::Invalid(errors) => diagnostics(lang, errors),
            } }
        </>
    }
}

/// The frameworks that failed to load, each with why and a Retry button (the current one, a
/// pending start, or the portal element's): never an endless "loading".
pub fn load_failures(
    lang: Lang,
    failures: &[(cxzy_core::Id, LoadError)],
    on_retry: &Callback<cxzy_core::Id>,
) -> Html {
    let t = catalog(lang);
    html! {
        { for failures.iter().map(|(id, e)| {
            let retry = on_retry.reform({
                let id = id.clone();
                move |_: MouseEvent| id.clone()
            });
            html! {
                <div class="notice error" role="alert">
                    { load_error(lang, id, e) }
                    <button type="button" onclick={retry}>{ t.retry }</button>
                </div>
            }
        }) }
    }
}
