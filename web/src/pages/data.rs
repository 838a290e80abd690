//! Data: import a JSON file (with located errors when it is invalid), export everything as a
//! backup, delete everything.

use crate::app::Store;
use crate::i18n::catalog;
use crate::services::{files, frameworks, storage};
use crate::state::Action;
use cxzy_core::{Assessment, Lang};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Reads, checks against their frameworks (fetching them) and imports the assessments in a file.
async fn import(text: String, store: Store) {
    let lang = store.lang;
    let t = catalog(lang);
    let line = |path: &str, code: &str, message: &str| {
        if path.is_empty() {
            format!("{message} ({code})")
        } else {
            format!("{message} ({} {path}, {code})", t.error_at)
        }
    };
    let found = match files::read_import(&text) {
        Ok(found) => found,
        Err(errors) => {
            let lines = errors
                .iter()
                .map(|e| line(&e.path, e.code.as_str(), e.message(lang)))
                .collect();
            store.dispatch(Action::ImportFailed(lines));
            return;
        }
    };
    let mut problems = Vec::new();
    let mut ok: Vec<Assessment> = Vec::new();
    for (at, a) in found {
        // Error paths point into the file: under the assessment's own place in it.
        let line =
            |path: &str, code: &str, message: &str| line(&format!("{at}{path}"), code, message);
        let engine = match store.engine(&a.framework.id).cloned() {
            Some(e) => Ok(e),
            None if frameworks::builtin(&a.framework.id).is_some() => {
                frameworks::fetch(&a.framework.id).await
            }
            None => {
                problems.push(line(
                    "/framework/id",
                    "unknown_framework",
                    &(t.unknown_framework)(&a.framework.id),
                ));
                continue;
            }
        };
        match engine {
            Ok(engine) => {
                // A document for another version of the framework (version or digest) is migrated
                // once imported, as a stored one is; one for this version must fit it.
                let same_version = a.framework.version == engine.framework.version
                    && a.framework
                        .digest
                        .as_deref()
                        .is_none_or(|d| d == engine.scorer.digest());
                let errors = engine.scorer.check(&a);
                let real: Vec<_> = errors
                    .iter()
                    .filter(|e| same_version || !e.path.starts_with("/framework"))
                    .collect();
                if same_version && !real.is_empty() {
                    problems.extend(
                        real.iter()
                            .map(|e| line(&e.path, e.code.as_str(), e.message(lang))),
                    );
                } else {
                    ok.push(a);
                }
                store.dispatch(Action::Loaded(engine));
            }
            Err(frameworks::LoadError::Fetch(m)) => {
                problems.push(format!("{}: {m}", (t.framework_failed)(&a.framework.id)))
            }
            Err(frameworks::LoadError::Invalid(_)) => {
                problems.push((t.framework_failed)(&a.framework.id))
            }
        }
    }
    if problems.is_empty() {
        store.dispatch(Action::Import(ok));
    } else {
        store.dispatch(Action::ImportFailed(problems));
    }
}

#[function_component]
pub fn DataPage() -> Html {
    let Some(store) = use_context::<Store>() else {
        return Html::default();
    };
    let lang: Lang = store.lang;
    let t = catalog(lang);
    let confirming = use_state(|| false);
    let on_file = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if file.size() > cxzy_core::MAX_DOCUMENT_BYTES as f64 {
                    let d = cxzy_core::too_large(file.size() as usize);
                    store.dispatch(Action::ImportFailed(vec![d.message(store.lang).to_owned()]));
                    return;
                }
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                {
                    Some(text) => import(text, store).await,
                    None => store.dispatch(Action::ImportFailed(vec![catalog(store.lang)
                        .import_failed
                        .to_owned()])),
                }
            });
        })
    };
    let export_all = {
        let store = store.clone();
        Callback::from(move |_| {
            let text = storage::encode(&store, store.base_rev);
            let _ = files::download("cxzy-backup.json", "application/json", &text);
        })
    };
    let ask = {
        let c = confirming.clone();
        Callback::from(move |e: MouseEvent| {
            c.set(true);
            crate::components::focus::refocus(&e, "#delete-all-confirm");
        })
    };
    let cancel = {
        let c = confirming.clone();
        Callback::from(move |e: MouseEvent| {
            c.set(false);
            crate::components::focus::refocus(&e, "#delete-all");
        })
    };
    let delete_all = {
        let (store, c) = (store.clone(), confirming.clone());
        Callback::from(move |_| {
            if let Some(key) = &store.storage_key {
                storage::clear(key);
            }
            c.set(false);
            store.dispatch(Action::DeleteAll);
        })
    };
    html! {
        <section class="page" aria-labelledby="data-heading">
            <h1 id="data-heading" tabindex="-1">{ t.data_heading }</h1>
            <p>{ t.data_note }</p>
            <div class="card">
                <label for="import" class="label-strong">{ t.import_label }</label>
                <p class="muted small" id="import-hint">{ t.import_hint }</p>
                <input id="import" type="file" accept=".json,application/json" aria-describedby="import-hint" onchange={on_file} />
            </div>
            <div class="card row wrap">
                <button type="button" id="export-all" onclick={export_all}>{ t.export_all }</button>
                if *confirming {
                    <p role="alert">{ t.delete_all_confirm }</p>
                    <button type="button" class="danger" id="delete-all-confirm" onclick={delete_all}>{ t.confirm_delete }</button>
                    <button type="button" onclick={cancel}>{ t.cancel }</button>
                } else {
                    <button type="button" class="danger" id="delete-all" onclick={ask}>{ t.delete_all }</button>
                }
            </div>
            <p class="muted small">{ t.privacy_note }</p>
        </section>
    }
}
