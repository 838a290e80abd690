//! Data: import a JSON file (with located errors when it is invalid), export everything as a
//! backup, delete everything.

use crate::i18n::catalog;
use crate::model::engine::{Engine, LoadError};
use crate::model::notice::Notice;
use crate::services::{files, frameworks};
use crate::state::frameworks::Frameworks;
use cxzy_core::{Assessment, Lang};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataProps {
    pub lang: Lang,
    /// Frameworks already prepared (an import checks its assessments against them).
    pub frameworks: Rc<Frameworks>,
    /// The user's own criteria are found here.
    pub library: Rc<crate::model::library::Library>,
    /// A backup's criteria and drafts are restored through it.
    pub on_library: Callback<crate::model::library::LibraryAction>,
    /// A framework an import fetched and prepared.
    pub on_loaded: Callback<Engine>,
    pub on_import: Callback<Vec<Assessment>>,
    pub on_notify: Callback<Notice>,
    /// Downloads the whole library as a backup.
    pub on_export_all: Callback<()>,
    /// Deletes everything (after the user confirmed).
    pub on_delete_all: Callback<()>,
}

/// What an import needs from the page: the frameworks, the language, where results go.
struct Importer {
    lang: Lang,
    frameworks: Rc<Frameworks>,
    library: Rc<crate::model::library::Library>,
    on_loaded: Callback<Engine>,
    on_import: Callback<Vec<Assessment>>,
    on_notify: Callback<Notice>,
    on_library: Callback<crate::model::library::LibraryAction>,
}

/// A backup's own criteria and drafts (`cxzy/app-data@1`), restored before its assessments: the
/// criteria through `check_own` (a refused one is reported, the rest go on), the drafts under
/// keys of their own. The engines of the criteria restored, for the assessments that follow; a
/// criteria refused is told in a notice of its own and does not stop the assessments.
fn restore_criteria(text: &str, to: &Importer) -> Vec<Engine> {
    let mut problems = Vec::new();
    let engines = restore(text, to, &mut problems);
    if !problems.is_empty() {
        to.on_notify.emit(Notice::ImportFailed(problems));
    }
    engines
}

fn restore(text: &str, to: &Importer, problems: &mut Vec<String>) -> Vec<Engine> {
    use crate::model::criteria::{check_own, Draft};
    use crate::model::library::LibraryAction;
    let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    if doc.get("schema").and_then(Value::as_str) != Some(crate::services::storage::SCHEMA) {
        return Vec::new();
    }
    let backup = crate::services::storage::decode(text)
        .unwrap_or_default()
        .library;
    let mut own = to.library.own.clone();
    let mut engines = Vec::new();
    let is_builtin = |id: &str| frameworks::builtin(id).is_some();
    for (k, o) in backup.own.into_iter().enumerate() {
        match check_own(&o.framework, &own, &is_builtin) {
            Ok(Some(engine)) => {
                engines.push(engine);
                own.push(o.clone());
                to.on_library.emit(LibraryAction::AddOwn(o));
            }
            Ok(None) => {}
            Err(refusal) => problems.extend(
                refusal
                    .lines(to.lang)
                    .into_iter()
                    .map(|l| format!("/criteria/{k}: {l}")),
            ),
        }
    }
    let mut keys: Vec<Draft> = to.library.drafts.clone();
    for d in backup.drafts {
        if keys.contains(&d) {
            continue;
        }
        let key: Rc<str> = if keys.iter().any(|x| x.key == d.key) {
            crate::model::criteria::new_key(&keys, &format!("{}r", d.key.trim_start_matches('d')))
        } else {
            d.key.clone()
        };
        let d = Draft { key, ..d };
        keys.push(d.clone());
        to.on_library.emit(LibraryAction::SaveDraft(d));
    }
    engines
}

/// Reads, checks against their frameworks (fetching them) and imports the assessments in a file.
async fn import(text: String, to: Importer) {
    let lang = to.lang;
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
            to.on_notify.emit(Notice::ImportFailed(lines));
            return;
        }
    };
    let mut problems = Vec::new();
    let restored = restore_criteria(&text, &to);
    let mut ok: Vec<Assessment> = Vec::new();
    for (at, a) in found {
        // Error paths point into the file: under the assessment's own place in it.
        let line =
            |path: &str, code: &str, message: &str| line(&format!("{at}{path}"), code, message);
        let own = crate::model::criteria::latest(&to.library.own)
            .into_iter()
            .find(|o| o.id() == &*a.framework.id)
            .map(|o| o.framework.clone());
        let engine = match to
            .frameworks
            .get(&a.framework.id)
            .cloned()
            .or_else(|| restored.iter().find(|e| *e.id() == a.framework.id).cloned())
        {
            Some(e) => Ok(e),
            None if own.is_some() => own
                .as_deref()
                .map(|fw| Engine::load(&fw.to_string()))
                .unwrap_or_else(|| Err(Vec::new()))
                .map_err(LoadError::Invalid),
            None if frameworks::builtin(&a.framework.id).is_some() => {
                frameworks::fetch(&a.framework.id, frameworks::Fetch::Builtins).await
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
                let same_version = a.framework.version == engine.framework().version
                    && a.framework
                        .digest
                        .as_deref()
                        .is_none_or(|d| d == engine.digest());
                let errors = engine.check(&a);
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
                to.on_loaded.emit(engine);
            }
            Err(LoadError::Fetch(m)) => {
                problems.push(format!("{}: {m}", (t.framework_failed)(&a.framework.id)))
            }
            Err(LoadError::Invalid(_)) => problems.push((t.framework_failed)(&a.framework.id)),
        }
    }
    if problems.is_empty() {
        to.on_import.emit(ok);
    } else {
        to.on_notify.emit(Notice::ImportFailed(problems));
    }
}

#[function_component]
pub fn DataPage(props: &DataProps) -> Html {
    let lang: Lang = props.lang;
    let t = catalog(lang);
    let confirming = use_state(|| false);
    let on_file = {
        let (library, on_library) = (props.library.clone(), props.on_library.clone());
        let (frameworks, on_loaded, on_import, on_notify) = (
            props.frameworks.clone(),
            props.on_loaded.clone(),
            props.on_import.clone(),
            props.on_notify.clone(),
        );
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let to = Importer {
                lang,
                frameworks: frameworks.clone(),
                library: library.clone(),
                on_library: on_library.clone(),
                on_loaded: on_loaded.clone(),
                on_import: on_import.clone(),
                on_notify: on_notify.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                if file.size() > cxzy_core::MAX_DOCUMENT_BYTES as f64 {
                    let d = cxzy_core::too_large(file.size() as usize);
                    to.on_notify
                        .emit(Notice::ImportFailed(vec![d.message(lang).to_owned()]));
                    return;
                }
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                {
                    Some(text) => import(text, to).await,
                    None => to.on_notify.emit(Notice::ImportFailed(vec![catalog(lang)
                        .import_failed
                        .to_owned()])),
                }
            });
        })
    };
    let export_all = props.on_export_all.reform(|_: MouseEvent| ());
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
        let (on_delete_all, c) = (props.on_delete_all.clone(), confirming.clone());
        Callback::from(move |_| {
            c.set(false);
            on_delete_all.emit(());
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
