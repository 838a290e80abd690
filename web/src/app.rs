//! The root component: the state (loaded from storage in its initialiser), the effects that talk
//! to the outside (fetching frameworks, saving after every change, hearing other tabs), the frame
//! (header, navigation, language, notices) and the current page.

use crate::components::notices::Notices;
use crate::i18n::{self, catalog};
use crate::pages::{assess::AssessPage, result::ResultPage};
#[cfg(not(feature = "element"))]
use crate::pages::{data::DataPage, history::HistoryPage, start::StartPage};
use crate::services::{frameworks, storage};
use crate::state::{half_year_of, Action, Embedding, Page, Scored, State};
use cxzy_core::{Assessment, Date, Id, Lang, Period};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
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

/// The app's documents after a change, for the portal element's events.
#[derive(Clone)]
pub struct Change {
    pub assessment: Rc<Assessment>,
    pub result: Option<Rc<Scored>>,
    /// This change made the assessment complete.
    pub completed: bool,
}

/// How the portal element (`<cxzy-assessment>`) configures the app.
#[derive(Clone)]
pub struct Embed {
    pub embedding: Embedding,
    pub lang: Option<Lang>,
    pub period: Option<Period>,
    /// `None`: nothing is stored; the host keeps the data.
    pub storage_key: Option<String>,
    /// The host's assessment to start from.
    pub assessment: Option<Assessment>,
    /// Called after every change (and once the assessment is first scored).
    pub on_change: Callback<Change>,
    /// Filled with the dispatcher on the first render, so the host can set the assessment.
    pub dispatcher: Rc<RefCell<Option<UseReducerDispatcher<State>>>>,
}

impl PartialEq for Embed {
    fn eq(&self, other: &Embed) -> bool {
        Rc::ptr_eq(&self.dispatcher, &other.dispatcher)
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub embed: Option<Embed>,
}

fn initial_state(props: &AppProps) -> State {
    let today = today();
    let Some(embed) = &props.embed else {
        let loaded = storage::load(storage::KEY);
        return State::new(loaded.stored, loaded.health, browser_lang(), today);
    };
    let (stored, health) = match &embed.storage_key {
        Some(key) => {
            let loaded = storage::load(key);
            (loaded.stored, loaded.health)
        }
        None => (None, storage::StorageHealth::Ok),
    };
    let mut state = State::embedded(
        embed.embedding.clone(),
        stored,
        embed.storage_key.as_deref().map(Rc::from),
        health,
        embed.lang.unwrap_or_else(browser_lang),
        today,
        embed.period.clone().unwrap_or_else(|| half_year_of(today)),
    );
    if let Some(lang) = embed.lang {
        state.lang = lang;
    }
    if let Some(a) = &embed.assessment {
        state = (*Rc::new(state).reduce(Action::Replace(a.clone()))).clone();
    }
    state
}

#[cfg(feature = "element")]
fn site_frame(store: &Store, frame: NodeRef) -> Html {
    embedded_frame(store, frame)
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let store = {
        let props_now = AppProps {
            embed: props.embed.clone(),
        };
        use_reducer(move || initial_state(&props_now))
    };
    use_frameworks(&store);
    use_autosave(&store);
    use_other_tabs(&store);
    use_host_events(&store, props.embed.clone());
    if let Some(embed) = &props.embed {
        if embed.dispatcher.borrow().is_none() {
            *embed.dispatcher.borrow_mut() = Some(store.dispatcher());
        }
    }
    use_document_language(store.lang, props.embed.is_none());
    let frame = use_node_ref();
    use_focus_on_page_change(store.page, frame.clone());
    if props.embed.is_some() || cfg!(feature = "element") {
        return embedded_frame(&store, frame);
    }
    site_frame(&store, frame)
}

/// The whole site: header with navigation and language, notices, every page. (Not in the
/// portal element's build, which shows only the rate and result pages.)
#[cfg(not(feature = "element"))]
fn site_frame(store: &Store, frame: NodeRef) -> Html {
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
            <main id="main" tabindex="-1" ref={frame}>
                <Notices />
                { crate::pages::load_failures(store) }
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
                    Ok(engine) => Action::LoadedFrom(id, engine),
                    Err(e) => Action::LoadFailed(id, e),
                });
            });
        }
    });
}

/// Saves after every change (one effect at the root), unless another tab saved in between.
#[hook]
fn use_autosave(store: &Store) {
    // The handle (an `Rc` of this render's state), not a copy of the state on every render.
    let handle = store.clone();
    use_effect_with(store.dirty, move |&dirty| {
        let state: &State = &handle;
        let skip = dirty == 0
            || state.storage_key.is_none()
            || matches!(state.storage, storage::StorageHealth::Unavailable);
        if !skip {
            match storage::save(state) {
                Ok(rev) => handle.dispatch(Action::Saved(rev)),
                Err(health) => handle.dispatch(Action::Storage(health)),
            }
        }
    });
}

/// Adopts what another tab saves (the browser's `storage` event fires in the other tabs only).
#[hook]
fn use_other_tabs(store: &Store) {
    let dispatcher = store.dispatcher();
    let key = store.storage_key.clone();
    let base = use_mut_ref(|| 0u64);
    *base.borrow_mut() = store.base_rev;
    let base_now = base.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if key.is_none() || e.key().as_deref() != key.as_deref() {
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
fn use_document_language(lang: Lang, owns_document: bool) {
    use_effect_with(lang, move |lang| {
        if !owns_document {
            return;
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
            doc.set_title(catalog(*lang).app_title);
        }
    });
}

/// Tells the host (the portal element) about every change a user makes and about the first
/// result of an assessment; `cxzy-complete` only when a change makes the assessment complete
/// (not again on load or a language switch, so a host that saves on it saves once).
#[hook]
fn use_host_events(store: &Store, embed: Option<Embed>) {
    let handle = store.clone();
    let was_complete = use_mut_ref(|| None::<bool>);
    use_effect_with(store.notify, move |&notify| {
        let state: &State = &handle;
        let (Some(embed), Some(a)) = (embed, state.assessment()) else {
            return;
        };
        if notify == 0 {
            return;
        }
        let complete = matches!(state.result.as_deref(), Some(Ok(r)) if r.complete);
        let before = was_complete.borrow_mut().replace(complete);
        let completed = complete && before == Some(false);
        embed.on_change.emit(Change {
            assessment: a.clone(),
            result: state.result.clone(),
            completed,
        });
    });
}

/// The element's frame: no site header; rate and result tabs (result only when read-only).
fn embedded_frame(store: &Store, frame: NodeRef) -> Html {
    let t = catalog(store.lang);
    let readonly = store.embedded.as_ref().is_some_and(|e| e.readonly);
    let has_record = store.current.is_some();
    let tab = |page: Page, label: &'static str| {
        let s = store.clone();
        let current = (store.page == page).then_some("page");
        html! { <li><button type="button" class="nav-link" aria-current={current} disabled={!has_record}
        onclick={Callback::from(move |_| s.dispatch(Action::Go(page)))}>{ label }</button></li> }
    };
    let failure = crate::pages::load_failures(store);
    let page = match store.page {
        _ if !has_record => html! { <p aria-live="polite">{ t.loading }</p> },
        Page::Result => html! { <ResultPage /> },
        _ if readonly => html! { <ResultPage /> },
        _ => html! { <AssessPage /> },
    };
    html! {
        <ContextProvider<Store> context={store.clone()}>
            <div class="cxzy-embedded" lang={store.lang.tag()} ref={frame}>
                if !readonly {
                    <nav aria-label={t.nav_label}><ul class="nav">
                        { tab(Page::Assess, t.nav_assess) }{ tab(Page::Result, t.nav_result) }
                    </ul></nav>
                }
                <div class="main">
                    <Notices />
                    { failure }
                    { page }
                </div>
            </div>
        </ContextProvider<Store>>
    }
}

/// Moves keyboard focus to the new page's heading after a page change, so keyboard and screen
/// reader users start at its top instead of on the page body.
#[hook]
fn use_focus_on_page_change(page: Page, frame: NodeRef) {
    let first = use_mut_ref(|| true);
    use_effect_with(page, move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Some(node) = frame.get() {
            crate::components::focus::focus_near(node, "#main h1, .main h1");
        }
    });
}
