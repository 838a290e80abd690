//! The criteria a round names, prepared: from the frameworks the page has loaded when the id
//! and version match, else the unit's own criteria of that version (from the library), else the
//! built-in fetched beside the app. The digest is checked by the callers (opening refuses other
//! criteria with `framework_mismatch`).

use crate::model::criteria::Own;
use crate::model::engine::{Engine, LoadError};
use crate::services::frameworks::{builtin, fetch, Fetch};
use crate::state::frameworks::Frameworks;
use cxzy_core::FrameworkRef;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Loaded {
    Ready(Engine),
    Loading,
    Failed(String),
}

/// Whether a prepared framework is the one named (any version when the name gives none: a
/// round being set up takes the criteria as they are now).
fn fits(e: &Engine, r: &FrameworkRef) -> bool {
    **e.id() == *r.id && (r.version.is_empty() || e.framework().version == r.version)
}

/// The round's criteria, fetched or prepared when the page needs them. `on_loaded` hands a
/// fetched built-in to the app's frameworks, so that it is fetched once per visit.
#[hook]
pub fn use_criteria(
    wanted: Option<FrameworkRef>,
    frameworks: &Frameworks,
    own: &[Own],
    on_loaded: Callback<Engine>,
) -> Loaded {
    let local = use_state(|| None::<Result<Engine, String>>);
    let in_store = wanted
        .as_ref()
        .and_then(|r| frameworks.get(&r.id).filter(|e| fits(e, r)).cloned());
    let own_text = wanted.as_ref().and_then(|r| {
        let mut same = own.iter().filter(|o| o.id() == &*r.id);
        if r.version.is_empty() {
            crate::model::criteria::latest(own)
                .into_iter()
                .find(|o| o.id() == &*r.id)
                .map(|o| o.framework.to_string())
        } else {
            same.find(|o| o.version() == r.version)
                .map(|o| o.framework.to_string())
        }
    });
    {
        let local = local.clone();
        let need = wanted.clone().filter(|_| in_store.is_none());
        use_effect_with((need, own_text), move |(need, own_text)| {
            let Some(r) = need.clone() else {
                return;
            };
            if local.as_ref().is_some_and(|l| match l {
                Ok(e) => fits(e, &r),
                Err(_) => true,
            }) {
                return;
            }
            if let Some(text) = own_text {
                local.set(Some(Engine::load(text).map_err(|e| {
                    e.first()
                        .map(|d| d.message(cxzy_core::Lang::ZhHans).to_owned())
                        .unwrap_or_default()
                })));
                return;
            }
            if builtin(&r.id).is_none() {
                local.set(Some(Err(format!("「{}」{}", r.id, r.version))));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                match fetch(&r.id, Fetch::Builtins).await {
                    Ok(engine) if fits(&engine, &r) => {
                        on_loaded.emit(engine.clone());
                        local.set(Some(Ok(engine)));
                    }
                    Ok(engine) => local.set(Some(Err(format!(
                        "「{}」{} ≠ {}",
                        r.id,
                        r.version,
                        engine.framework().version
                    )))),
                    Err(LoadError::Fetch(m)) => local.set(Some(Err(m))),
                    Err(LoadError::Invalid(e)) => local.set(Some(Err(e
                        .first()
                        .map(|d| d.message(cxzy_core::Lang::ZhHans).to_owned())
                        .unwrap_or_default()))),
                }
            });
        });
    }
    match (wanted, in_store, &*local) {
        (None, _, _) => Loaded::Loading,
        (_, Some(e), _) => Loaded::Ready(e),
        (Some(r), None, Some(Ok(e))) if fits(e, &r) => Loaded::Ready(e.clone()),
        (_, None, Some(Err(m))) => Loaded::Failed(m.clone()),
        _ => Loaded::Loading,
    }
}
