//! The portal element's entry (`<cxzy-assessment>`, feature `element`): `element.js` defines the
//! custom element, makes its shadow root and calls [`mount`] with the attributes; the app runs
//! inside, and every change comes back to the host through the `emit` function as JSON text
//! (`emit(kind, assessmentJson, resultJson)`; kind is "change" or "complete").

use crate::app::{App, AppProps, Change, Embed};
use crate::model::library::LibraryAction;
use crate::model::period;
use crate::state::view::ViewAction;
use crate::state::{Action, AppState, Embedding};
use cxzy_core::{assessment_from_str, Lang, Period};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback, UseReducerDispatcher};

/// A mounted element: set its assessment, change its language, or unmount it.
#[wasm_bindgen]
pub struct Mounted {
    app: Option<AppHandle<App>>,
    lang: std::cell::Cell<Lang>,
    dispatcher: Rc<RefCell<Option<UseReducerDispatcher<AppState>>>>,
}

fn get(config: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(config, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// "2026-H1", "2026-H2", or "2026-01-01/2026-06-30".
pub fn parse_period(text: &str) -> Option<Period> {
    let (start, end) = period::parse_period(text)?;
    Some(Period {
        start,
        end,
        label: None,
    })
}

fn errors_to_js(errors: &[cxzy_core::Diagnostic], lang: Lang) -> JsValue {
    let list = js_sys::Array::new();
    for e in errors {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"code".into(), &e.code.as_str().into());
        let _ = js_sys::Reflect::set(&o, &"path".into(), &e.path.as_str().into());
        let _ = js_sys::Reflect::set(&o, &"message".into(), &e.message(lang).into());
        list.push(&o);
    }
    list.into()
}

/// Mounts the app on `root` (an element inside the shadow root). `config`: `{framework: URL,
/// lang?, period?, storageKey?, readonly?: bool, assessment?: JSON text}`. Throws an array of
/// `{code, path, message}` when the assessment or the period is invalid.
#[wasm_bindgen]
pub fn mount(
    root: web_sys::Element,
    config: JsValue,
    emit: js_sys::Function,
) -> Result<Mounted, JsValue> {
    let lang = get(&config, "lang").and_then(|l| Lang::parse(&l));
    let period = match get(&config, "period") {
        Some(p) if !p.trim().is_empty() => Some(parse_period(&p).ok_or_else(|| {
            let d = cxzy_core::Diagnostic::new(
                cxzy_core::Code::InvalidDate,
                "period",
                format!("\"{p}\" is not a period: use 2026-H1, 2026-H2 or 2026-01-01/2026-06-30"),
                format!("「{p}」不是考核期:请写 2026-H1、2026-H2 或 2026-01-01/2026-06-30"),
            );
            errors_to_js(&[d], lang.unwrap_or_default())
        })?),
        _ => None,
    };
    let assessment = match get(&config, "assessment") {
        Some(text) => Some(
            assessment_from_str(&text).map_err(|e| errors_to_js(&e, lang.unwrap_or_default()))?,
        ),
        None => None,
    };
    let source = get(&config, "framework").unwrap_or_default();
    let readonly = js_sys::Reflect::get(&config, &"readonly".into())
        .ok()
        .is_some_and(|v| v.is_truthy());
    let dispatcher = Rc::new(RefCell::new(None));
    let on_change = Callback::from(move |change: Change| {
        let a = serde_json::to_string(&*change.assessment).unwrap_or_default();
        let (kind, r) = match change.result.as_deref() {
            Some(Ok(r)) => (
                if r.complete { "complete" } else { "change" },
                serde_json::to_string(r).unwrap_or_default(),
            ),
            _ => ("change", "null".to_owned()),
        };
        let _ = emit.call3(&JsValue::NULL, &kind.into(), &a.into(), &r.into());
    });
    let embed = Embed {
        embedding: Embedding {
            source: source.into(),
            readonly,
        },
        lang,
        period,
        storage_key: get(&config, "storageKey").filter(|k| !k.is_empty()),
        assessment,
        on_change,
        dispatcher: dispatcher.clone(),
    };
    let app =
        yew::Renderer::<App>::with_root_and_props(root, AppProps { embed: Some(embed) }).render();
    Ok(Mounted {
        app: Some(app),
        lang: std::cell::Cell::new(lang.unwrap_or_default()),
        dispatcher,
    })
}

#[wasm_bindgen]
impl Mounted {
    /// Loads an assessment (JSON text); throws its errors (`[{code, path, message}]`).
    #[wasm_bindgen(js_name = setAssessment)]
    pub fn set_assessment(&self, json: &str) -> Result<(), JsValue> {
        let a = assessment_from_str(json).map_err(|e| errors_to_js(&e, self.lang.get()))?;
        if let Some(d) = self.dispatcher.borrow().as_ref() {
            d.dispatch(Action::Library(LibraryAction::Replace(a)));
        }
        Ok(())
    }

    /// Switches the language ("zh-Hans", "zh-Hant", "en").
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, tag: &str) {
        if let Some(lang) = Lang::parse(tag) {
            self.lang.set(lang);
        }
        if let (Some(lang), Some(d)) = (Lang::parse(tag), self.dispatcher.borrow().as_ref()) {
            d.dispatch(Action::View(ViewAction::SetLang(lang)));
        }
    }

    /// Removes the app from the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_period;

    #[test]
    fn periods_are_half_years_or_date_ranges() {
        let h1 = parse_period("2026-H1").unwrap();
        assert_eq!(
            (h1.start.to_string(), h1.end.to_string()),
            ("2026-01-01".into(), "2026-06-30".into())
        );
        assert_eq!(
            parse_period("2026-h2").unwrap().end.to_string(),
            "2026-12-31"
        );
        assert_eq!(
            parse_period("2026-03-01/2026-03-31")
                .unwrap()
                .start
                .to_string(),
            "2026-03-01"
        );
        assert!(parse_period("2026-06-30/2026-01-01").is_none());
        assert!(parse_period("2026-Q1").is_none());
        assert!(parse_period("soon").is_none());
    }
}
