//! The root component: the state (loaded from storage in its initialiser), the effects that talk
//! to the outside (fetching frameworks, saving after every change, hearing other tabs), the frame
//! (header, navigation, language, notices) and the current page.

use crate::components::notices::Notices;
use crate::i18n::{self, catalog};
use crate::pages::{
    assess::AssessPage, data::DataPage, history::HistoryPage, result::ResultPage, start::StartPage,
};
use crate::services::{frameworks, storage};
use crate::state::{Action, Page, State};
use cxzy_core::{Date, Id, Lang};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What every component reads and dispatches to.
pub type Store = UseReducerHandle<State>;

/// Today's date from the browser's clock (the engine never reads a clock).
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

fn browser_lang() -> Lang {
    let tags: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    i18n::from_browser(&tags)
}

fn initial_state() -> State {
    let loaded = storage::load();
    State::new(loaded.stored, loaded.health, browser_lang(), today())
}

#[function_component]
pub fn App() -> Html {
    let store = use_reducer(initial_state);
    use_frameworks(&store);
    use_autosave(&store);
    use_other_tabs(&store);
    use_document_language(store.lang);

    let t = catalog(store.lang);
    let go = |page: Page| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Go(page)))
    };
    let has_record = store.current.is_some();
    let nav_item = |page: Page, label: &'static str, enabled: bool| {
        let current = (store.page == page).then_some("page");
        html! {
            <li><button type="button" class="nav-link" aria-current={current} disabled={!enabled}
                onclick={go(page)}>{ label }</button></li>
        }
    };
    let on_lang = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(lang) = Lang::parse(&select.value()) {
                store.dispatch(Action::SetLang(lang));
            }
        })
    };
    let page = match store.page {
        Page::Start => html! { <StartPage /> },
        Page::Assess if has_record => html! { <AssessPage /> },
        Page::Result if has_record => html! { <ResultPage /> },
        Page::History => html! { <HistoryPage /> },
        Page::Data => html! { <DataPage /> },
        _ => html! { <StartPage /> },
    };
    html! {
        <ContextProvider<Store> context={store.clone()}>
            <a class="skip" href="#main">{ t.skip_to_content }</a>
            <header class="bar no-print">
                <div class="bar-inner">
                    <span class="brand">{ t.app_title }</span>
                    <label class="lang">
                        <span class="sr-only">{ t.language }</span>
                        <select id="lang" onchange={on_lang} aria-label={t.language}>
                            { for i18n::LANGS.iter().map(|l| html! {
                                <option value={l.tag()} selected={*l == store.lang}>{ catalog(*l).lang_name }</option>
                            }) }
                        </select>
                    </label>
                </div>
                <nav aria-label={t.nav_label}>
                    <ul class="nav">
                        { nav_item(Page::Start, t.nav_start, true) }
                        { nav_item(Page::Assess, t.nav_assess, has_record) }
                        { nav_item(Page::Result, t.nav_result, has_record) }
                        { nav_item(Page::History, t.nav_history, true) }
                        { nav_item(Page::Data, t.nav_data, true) }
                    </ul>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Notices />
                { page }
            </main>
        </ContextProvider<Store>>
    }
}

/// Fetches every framework the state wants and is not yet loading.
#[hook]
fn use_frameworks(store: &Store) {
    let in_flight = use_mut_ref(BTreeSet::<Id>::new);
    let wanted = store.wanted();
    let dispatcher = store.dispatcher();
    use_effect_with(wanted, move |wanted| {
        for id in wanted.iter().cloned() {
            if !in_flight.borrow_mut().insert(id.clone()) {
                continue;
            }
            let (dispatcher, in_flight) = (dispatcher.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = frameworks::fetch(&id).await;
                in_flight.borrow_mut().remove(&id);
                dispatcher.dispatch(match outcome {
                    Ok(engine) => Action::Loaded(engine),
                    Err(e) => Action::LoadFailed(id, e),
                });
            });
        }
    });
}

/// Saves after every change (one effect at the root), unless another tab saved in between.
#[hook]
fn use_autosave(store: &Store) {
    let state = (**store).clone();
    let dispatcher = store.dispatcher();
    use_effect_with(store.dirty, move |&dirty| {
        let skip = dirty == 0 || matches!(state.storage, storage::StorageHealth::Unavailable);
        if !skip {
            match storage::save(&state) {
                Ok(rev) => dispatcher.dispatch(Action::Saved(rev)),
                Err(health) => dispatcher.dispatch(Action::Storage(health)),
            }
        }
    });
}

/// Adopts what another tab saves (the browser's `storage` event fires in the other tabs only).
#[hook]
fn use_other_tabs(store: &Store) {
    let dispatcher = store.dispatcher();
    let base = use_mut_ref(|| 0u64);
    *base.borrow_mut() = store.base_rev;
    let base_now = base.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() != Some(storage::KEY) {
                    return;
                }
                match e.new_value() {
                    Some(text) => {
                        if let Ok(stored) = storage::decode(&text) {
                            if stored.rev > *base_now.borrow() {
                                dispatcher.dispatch(Action::External(stored));
                            }
                        }
                    }
                    None => dispatcher.dispatch(Action::External(storage::Stored::default())),
                }
            })
        });
        move || drop(listener)
    });
}

/// Keeps `<html lang>` and the title in the chosen language (screen readers pick the voice).
#[hook]
fn use_document_language(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
            doc.set_title(catalog(*lang).app_title);
        }
    });
}
