//! The browser's location hash, where the site keeps its route (`model/route.rs`): read it, write
//! it (a new history entry, or in place of the current one), hear it change (back, forward, a
//! typed or followed link). The portal element never calls these: it keeps its page in memory and
//! leaves its host page's location alone.

/// The current hash (`#/…`, or "" when there is none).
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Shows `hash` in the address bar: a new history entry (`push`), or in place of the current
/// one (a corrected or first route, so back does not return to it). Nothing when it is there.
pub fn set_hash(hash: &str, push: bool) {
    let Some(w) = web_sys::window() else { return };
    let current = w.location().hash().unwrap_or_default();
    if current == hash || (current.is_empty() && hash == "#/" && !push) {
        return;
    }
    if push {
        let _ = w.location().set_hash(hash);
    } else if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Calls `f` with the new hash whenever it changes (until the listener is dropped).
pub fn on_change(f: impl Fn(String) + 'static) -> Option<gloo_events::EventListener> {
    let w = web_sys::window()?;
    Some(gloo_events::EventListener::new(
        &w,
        "hashchange",
        move |_| f(hash()),
    ))
}
