//! The root component: the state (loaded from storage and the address bar in its initialiser),
//! the effects that talk to the outside (fetching frameworks, saving after every change, hearing
//! other tabs, the location hash, `<html lang>`, the portal's host), the frame (header,
//! navigation, language, notices, the offer of a new version) and the current page — each page
//! given only what it shows and the callbacks of what it changes.

use crate::components::notices::Notices;
use crate::i18n::{self, catalog};
use crate::model::engine::Scored;
use crate::model::library::{Edit, LibraryAction};
use crate::model::notice::Notice;
use crate::model::period::half_year_of;
use crate::model::route::{Page, Route};
use crate::pages::{assess::AssessPage, result::ResultPage};
#[cfg(not(feature = "element"))]
use crate::pages::{data::DataPage, history::HistoryPage, start::StartPage};
use crate::services::{frameworks, location, offline, storage};
use crate::state::frameworks::FrameworkAction;
use crate::state::sync::SyncAction;
use crate::state::view::ViewAction;
use crate::state::{Action, AppState, Embedding};
use cxzy_core::{Assessment, Date, Id, Lang, Period};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

type Store = UseReducerHandle<AppState>;

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
    pub dispatcher: Rc<RefCell<Option<UseReducerDispatcher<AppState>>>>,
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

fn initial_state(props: &AppProps) -> AppState {
    let today = today();
    let Some(embed) = &props.embed else {
        let loaded = storage::load(storage::KEY);
        // No hash: where the user last was. An unknown one: the start page (settled later).
        let hash = location::hash();
        let route = match hash.as_str() {
            "" | "#" => None,
            _ => Some(Route::parse(&hash).unwrap_or(Route::Start)),
        };
        return AppState::new(loaded.stored, loaded.health, browser_lang(), today, route);
    };
    let (stored, health) = match &embed.storage_key {
        Some(key) => {
            let loaded = storage::load(key);
            (loaded.stored, loaded.health)
        }
        None => (None, storage::StorageHealth::Ok),
    };
    let mut state = AppState::embedded(
        embed.embedding.clone(),
        stored,
        embed.storage_key.as_deref().map(Rc::from),
        health,
        embed.lang.unwrap_or_else(browser_lang),
        today,
        embed.period.clone().unwrap_or_else(|| half_year_of(today)),
    );
    if let Some(lang) = embed.lang {
        // The host's language: not a change to save or to tell the host about.
        Rc::make_mut(&mut state.view).lang = lang;
    }
    if let Some(a) = &embed.assessment {
        state =
            (*Rc::new(state).reduce(Action::Library(LibraryAction::Replace(a.clone())))).clone();
    }
    state
}

/// The callbacks pages are given, one per concern they change (made once: stable props).
#[derive(Clone, PartialEq)]
struct Dispatch {
    library: Callback<LibraryAction>,
    edit: Callback<Edit>,
    view: Callback<ViewAction>,
    go: Callback<Route>,
    frameworks: Callback<FrameworkAction>,
    notify: Callback<Notice>,
}

impl Dispatch {
    fn new(d: UseReducerDispatcher<AppState>) -> Dispatch {
        fn to<T: 'static>(d: &UseReducerDispatcher<AppState>, f: fn(T) -> Action) -> Callback<T> {
            let d = d.clone();
            Callback::from(move |x| d.dispatch(f(x)))
        }
        let d = &d;
        Dispatch {
            library: to(d, Action::Library),
            edit: to(d, |e| Action::Library(LibraryAction::Edit(e))),
            view: to(d, Action::View),
            go: to(d, |r| Action::View(ViewAction::Go(r))),
            frameworks: to(d, Action::Frameworks),
            notify: to(d, |n| Action::View(ViewAction::Notify(n))),
        }
    }
}

use yew::Reducible;

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let store = {
        let props_now = AppProps {
            embed: props.embed.clone(),
        };
        use_reducer(move || initial_state(&props_now))
    };
    let dispatch = {
        let d = store.dispatcher();
        (*use_memo((), move |_| Dispatch::new(d))).clone()
    };
    use_frameworks(&store);
    use_autosave(&store);
    use_other_tabs(&store);
    use_host_events(&store, props.embed.clone());
    let embedded = props.embed.is_some() || cfg!(feature = "element");
    use_hash_route(&store, !embedded);
    if let Some(embed) = &props.embed {
        if embed.dispatcher.borrow().is_none() {
            *embed.dispatcher.borrow_mut() = Some(store.dispatcher());
        }
    }
    use_document_language(store.view.lang, props.embed.is_none());
    let frame = use_node_ref();
    use_focus_on_page_change(store.view.route.page(), frame.clone());
    let offer = use_update_offer(store.view.lang, !embedded);
    if embedded {
        return embedded_frame(&store, &dispatch, frame);
    }
    site_frame(&store, &dispatch, frame, offer)
}

/// Notices and framework load failures, at the top of every page.
fn messages(store: &Store, dispatch: &Dispatch) -> Html {
    let view = &store.view;
    let on_dismiss = dispatch.view.reform(ViewAction::Dismiss);
    let on_reload_other = {
        let (key, store) = (store.sync.key.clone(), store.clone());
        Callback::from(move |_| {
            let Some(key) = key.as_deref() else { return };
            if let Some(stored) = storage::load(key).stored {
                store.dispatch(Action::Sync(SyncAction::LoadOther(stored)));
            }
        })
    };
    let on_keep_mine = {
        let store = store.clone();
        Callback::from(move |rev| store.dispatch(Action::Sync(SyncAction::Overwrite(rev))))
    };
    // The frameworks that failed and are wanted: the record's, a pending start's, the element's.
    let wanted: Vec<&Id> = [
        store.assessment().map(|a| &a.framework.id),
        view.pending.as_ref().map(|p| &p.framework),
        store.embedded.as_ref().map(|e| &e.source),
    ]
    .into_iter()
    .flatten()
    .collect();
    let failures: Vec<_> = store
        .frameworks
        .failed
        .iter()
        .filter(|(id, _)| wanted.contains(&id))
        .cloned()
        .collect();
    html! {
        <>
            <Notices lang={view.lang} notices={view.notices.clone()} health={store.sync.health}
                {on_dismiss} {on_reload_other} {on_keep_mine} />
            { crate::pages::load_failures(view.lang, &failures, &dispatch.frameworks.reform(FrameworkAction::Retry)) }
        </>
    }
}

/// The page of a record's route: rate or result (loading until its framework is there).
fn record_page(store: &Store, dispatch: &Dispatch) -> Html {
    let view = &store.view;
    let lang = view.lang;
    let (Some(record), Some(key), Some(engine)) = (
        store.assessment().cloned(),
        view.current.clone(),
        store.current_engine().cloned(),
    ) else {
        return html! { <p aria-live="polite">{ catalog(lang).loading }</p> };
    };
    match &view.route {
        Route::Assess { step, .. } => html! {
            <AssessPage {lang} {record} record_key={key} {engine} step={*step}
                result={store.scoring.result.clone()}
                on_edit={dispatch.edit.clone()} on_go={dispatch.go.clone()} />
        },
        _ => html! {
            <ResultPage {lang} {record} record_key={key} {engine} scoring={store.scoring.clone()}
                what_if={view.what_if.clone()} readonly={store.readonly()} step={view.step}
                on_edit={dispatch.edit.clone()} on_view={dispatch.view.clone()} on_go={dispatch.go.clone()} />
        },
    }
}

/// The whole site: header with navigation and language, notices, every page. (Not in the
/// portal element's build, which shows only the rate and result pages.)
#[cfg(not(feature = "element"))]
fn site_frame(store: &Store, dispatch: &Dispatch, frame: NodeRef, offer: Html) -> Html {
    let view = &store.view;
    let lang = view.lang;
    let t = catalog(lang);
    let current = view.current.clone();
    let nav_item = |page: Page, route: Option<Route>, label: &'static str| {
        nav_link(store, dispatch, page, route, label)
    };
    let on_lang = {
        let set = dispatch.view.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(lang) = Lang::parse(&select.value()) {
                set.emit(ViewAction::SetLang(lang));
            }
        })
    };
    let page = match view.route.page() {
        Page::Start => html! {
            <StartPage {lang} today={view.today} library={store.library.clone()}
                own={crate::pages::start::own_choices(&store.library, lang)}
                pending={view.pending.clone()}
                failed={store.frameworks.failed.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()}
                on_begin={dispatch.library.reform(LibraryAction::Begin)} />
        },
        Page::Assess | Page::Result => record_page(store, dispatch),
        Page::History => html! {
            <HistoryPage {lang} today={view.today} library={store.library.clone()}
                frameworks={store.frameworks.clone()} current={store.current()}
                on_go={dispatch.go.clone()} on_delete={dispatch.library.reform(LibraryAction::Delete)} />
        },
        Page::Criteria
        | Page::Edit
        | Page::Rounds
        | Page::Round
        | Page::Vote
        | Page::BallotIn
        | Page::Workshop
        | Page::Join => editor_pages(store, dispatch),
        Page::Add => match &view.route {
            Route::Add { payload } => html! {
                <crate::pages::add::AddPage {lang} today={view.today} payload={payload.clone()}
                    library={store.library.clone()} on_library={dispatch.library.clone()} on_go={dispatch.go.clone()} />
            },
            _ => Html::default(),
        },
        Page::Data => {
            let on_export_all = {
                let store = store.clone();
                Callback::from(move |_| {
                    let text = storage::encode(
                        &store.library,
                        store.view.lang,
                        store.current(),
                        store.sync.base_rev,
                    );
                    let _ = crate::services::files::download(
                        "cxzy-backup.json",
                        "application/json",
                        &text,
                    );
                })
            };
            let on_delete_all = {
                let (key, library) = (store.sync.key.clone(), dispatch.library.clone());
                Callback::from(move |_| {
                    if let Some(key) = key.as_deref() {
                        storage::clear(key);
                    }
                    library.emit(LibraryAction::DeleteAll);
                })
            };
            html! {
                <DataPage {lang} frameworks={store.frameworks.clone()} library={store.library.clone()}
                    on_library={dispatch.library.clone()}
                    on_loaded={dispatch.frameworks.reform(|engine: crate::model::engine::Engine| FrameworkAction::Loaded { key: engine.id().clone(), engine })}
                    on_import={dispatch.library.reform(LibraryAction::Import)}
                    on_notify={dispatch.notify.clone()} {on_export_all} {on_delete_all} />
            }
        }
    };
    // The editor's build (editor.html) shows only the criteria pages; the rest is the first
    // load's (index.html), where the user is sent back (nothing is lost: both read one storage).
    let page = if cfg!(feature = "editor") && !view.route.page().in_tools() {
        html! { <Elsewhere lang={lang} href={format!("./{}", view.route.to_hash())} /> }
    } else {
        page
    };
    let to_assess = current.clone().map(|record| Route::Assess {
        record,
        step: view.step,
    });
    let to_result = current.map(|record| Route::Result { record });
    html! {
        <>
            <a class="skip" href="#main" onclick={skip_to_main()}>{ t.skip_to_content }</a>
            <header class="bar no-print">
                <div class="bar-inner">
                    <span class="brand">{ t.app_title }</span>
                    <label class="lang">
                        <span class="sr-only">{ t.language }</span>
                        <select id="lang" onchange={on_lang} aria-label={t.language}>
                            { for i18n::LANGS.iter().map(|l| html! {
                                <option value={l.tag()} selected={*l == lang}>{ catalog(*l).lang_name }</option>
                            }) }
                        </select>
                    </label>
                </div>
                <nav aria-label={t.nav_label}>
                    <ul class="nav">
                        { nav_item(Page::Start, Some(Route::Start), t.nav_start) }
                        { nav_item(Page::Assess, to_assess, t.nav_assess) }
                        { nav_item(Page::Result, to_result, t.nav_result) }
                        { nav_item(Page::History, Some(Route::History), t.nav_history) }
                        { nav_item(Page::Criteria, Some(Route::Criteria), t.nav_criteria) }
                        { nav_item(Page::Rounds, Some(Route::Rounds), t.nav_rounds) }
                        { nav_item(Page::Data, Some(Route::Data), t.nav_data) }
                    </ul>
                </nav>
            </header>
            <main id="main" tabindex="-1" ref={frame}>
                { offer }
                { messages(store, dispatch) }
                { page }
            </main>
        </>
    }
}

/// The criteria pages: here in the editor's build, else a step over to it (`editor.html`).
#[cfg(not(feature = "element"))]
fn editor_pages(store: &Store, dispatch: &Dispatch) -> Html {
    let view = &store.view;
    let lang = view.lang;
    #[cfg(feature = "editor")]
    {
        #[cfg(feature = "rounds")]
        if let Some(page) = round_pages(store, dispatch) {
            return page;
        }
        match &view.route {
            Route::Edit { draft } => html! {
                <crate::editor::page::EditorPage {lang} today={view.today} key_={draft.clone()}
                    library={store.library.clone()} on_library={dispatch.library.clone()} on_go={dispatch.go.clone()} />
            },
            _ => html! {
                <crate::editor::page::CriteriaPage {lang} today={view.today} library={store.library.clone()}
                    on_library={dispatch.library.clone()} on_go={dispatch.go.clone()} on_notify={dispatch.notify.clone()} />
            },
        }
    }
    #[cfg(not(feature = "editor"))]
    {
        let _ = dispatch;
        // Served at editor.html, this is not the editor's build (a host that answers every path
        // with index.html): going there again would loop.
        let here = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        if here.ends_with("editor.html") {
            return html! {
                <p role="alert" class="notice error">{ crate::i18n::criteria::text(lang).editor_missing }</p>
            };
        }
        html! { <Elsewhere {lang} href={format!("editor.html{}", view.route.to_hash())} /> }
    }
}

/// The round pages (the rounds build), or `None` for another route.
#[cfg(all(feature = "rounds", not(feature = "element")))]
fn round_pages(store: &Store, dispatch: &Dispatch) -> Option<Html> {
    let view = &store.view;
    let lang = view.lang;
    let frameworks = (*store.frameworks).clone();
    let on_loaded = dispatch
        .frameworks
        .reform(
            |engine: crate::model::engine::Engine| FrameworkAction::Loaded {
                key: engine.id().clone(),
                engine,
            },
        );
    Some(match &view.route {
        Route::Rounds => html! {
            <crate::rounds::list::RoundsPage {lang} today={view.today} {frameworks} library={store.library.clone()}
                on_library={dispatch.library.clone()} {on_loaded} on_go={dispatch.go.clone()} on_notify={dispatch.notify.clone()} />
        },
        Route::Round { id, tab } => html! {
            <crate::rounds::round::RoundPage key={id.to_string()} {lang} today={view.today} id={id.clone()} tab={*tab} {frameworks}
                library={store.library.clone()} on_library={dispatch.library.clone()} {on_loaded}
                on_go={dispatch.go.clone()} on_notify={dispatch.notify.clone()} />
        },
        Route::Vote { payload } => html! {
            <crate::rounds::ballot::VotePage key={payload.to_string()} {lang} payload={payload.clone()} {frameworks} library={store.library.clone()} {on_loaded} />
        },
        Route::BallotIn { ballot } => html! {
            <crate::rounds::ballot::BallotInPage key={ballot.to_string()} {lang} today={view.today} ballot={ballot.clone()} {frameworks}
                library={store.library.clone()} on_library={dispatch.library.clone()} {on_loaded} on_go={dispatch.go.clone()} />
        },
        Route::Workshop => html! {
            <crate::rounds::workshop::WorkshopPage {lang} today={view.today} {frameworks} library={store.library.clone()}
                on_library={dispatch.library.clone()} {on_loaded} on_go={dispatch.go.clone()} />
        },
        Route::Join { code } => html! {
            <crate::rounds::workshop::JoinPage key={code.to_string()} {lang} code={code.clone()} {frameworks}
                library={store.library.clone()} {on_loaded} />
        },
        _ => return None,
    })
}

#[cfg(not(feature = "element"))]
#[derive(Properties, PartialEq)]
struct ElsewhereProps {
    lang: Lang,
    href: String,
}

/// Moves to the other build of the app (the editor's, or back to the first load's), in place of
/// this history entry, so that Back does not return here only to be sent on again.
#[cfg(not(feature = "element"))]
#[function_component]
fn Elsewhere(props: &ElsewhereProps) -> Html {
    use_effect_with(props.href.clone(), |href| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(href);
        }
    });
    html! { <p aria-live="polite"><a href={props.href.clone()}>{ catalog(props.lang).loading }</a></p> }
}

#[cfg(feature = "element")]
fn site_frame(store: &Store, dispatch: &Dispatch, frame: NodeRef, _offer: Html) -> Html {
    embedded_frame(store, dispatch, frame)
}

/// The skip link moves focus to the main region without touching the location hash (which
/// holds the route).
#[cfg(not(feature = "element"))]
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        let main = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"));
        if let Some(main) = main.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
        }
    })
}

/// One entry of a navigation bar (the site's or the element's tabs): current when its page is
/// on screen, disabled while there is nowhere to go.
fn nav_link(
    store: &Store,
    dispatch: &Dispatch,
    page: Page,
    route: Option<Route>,
    label: &'static str,
) -> Html {
    let here = (store.view.route.page() == page).then_some("page");
    let enabled = route.is_some();
    let go = dispatch.go.clone();
    let onclick = Callback::from(move |_| {
        if let Some(r) = route.clone() {
            go.emit(r);
        }
    });
    html! {
        <li><button type="button" class="nav-link" aria-current={here} disabled={!enabled}
            {onclick}>{ label }</button></li>
    }
}

/// The element's frame: no site header; rate and result tabs (result only when read-only).
fn embedded_frame(store: &Store, dispatch: &Dispatch, frame: NodeRef) -> Html {
    let view = &store.view;
    let t = catalog(view.lang);
    let readonly = store.readonly();
    let current = view.current.clone();
    let tab = |page: Page, route: Option<Route>, label: &'static str| {
        nav_link(store, dispatch, page, route, label)
    };
    let page = match view.route.page() {
        Page::Assess | Page::Result if current.is_some() => record_page(store, dispatch),
        _ => html! { <p aria-live="polite">{ t.loading }</p> },
    };
    let to_assess = current.clone().map(|record| Route::Assess {
        record,
        step: view.step,
    });
    let to_result = current.map(|record| Route::Result { record });
    html! {
        <div class="cxzy-embedded" lang={view.lang.tag()} ref={frame}>
            if !readonly {
                <nav aria-label={t.nav_label}><ul class="nav">
                    { tab(Page::Assess, to_assess, t.nav_assess) }{ tab(Page::Result, to_result, t.nav_result) }
                </ul></nav>
            }
            <div class="main">
                { messages(store, dispatch) }
                { page }
            </div>
        </div>
    }
}

/// Fetches every framework the state wants and is not yet loading.
#[hook]
fn use_frameworks(store: &Store) {
    let in_flight = use_mut_ref(BTreeSet::<Id>::new);
    let wanted = store.wanted();
    let dispatcher = store.dispatcher();
    let allowed = if store.embedded.is_some() {
        frameworks::Fetch::HostsChoice
    } else {
        frameworks::Fetch::Builtins
    };
    let library = store.library.clone();
    use_effect_with(wanted, move |wanted| {
        for id in wanted.iter().cloned() {
            // The user's own criteria are in the library: prepared here, never fetched.
            let own = crate::model::criteria::latest(&library.own)
                .into_iter()
                .find(|o| o.id() == &*id)
                .map(|o| o.framework.clone());
            if let Some(framework) = own {
                let outcome = crate::model::engine::Engine::load(&framework.to_string())
                    .map_err(crate::model::engine::LoadError::Invalid);
                dispatcher.dispatch(Action::Frameworks(match outcome {
                    Ok(engine) => FrameworkAction::Loaded { key: id, engine },
                    Err(e) => FrameworkAction::Failed(id, e),
                }));
                continue;
            }
            if !in_flight.borrow_mut().insert(id.clone()) {
                continue;
            }
            let (dispatcher, in_flight) = (dispatcher.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = frameworks::fetch(&id, allowed).await;
                in_flight.borrow_mut().remove(&id);
                dispatcher.dispatch(Action::Frameworks(match outcome {
                    Ok(engine) => FrameworkAction::Loaded { key: id, engine },
                    Err(e) => FrameworkAction::Failed(id, e),
                }));
            });
        }
    });
}

/// Saves the library after every change (one effect at the root), unless another tab saved in
/// between.
#[hook]
fn use_autosave(store: &Store) {
    // The handle (an `Rc` of this render's state), not a copy of the state on every render.
    let handle = store.clone();
    use_effect_with(store.sync.dirty, move |&dirty| {
        let s: &AppState = &handle;
        let Some(key) = s.sync.key.as_deref() else {
            return;
        };
        if dirty == 0 || matches!(s.sync.health, storage::StorageHealth::Unavailable) {
            return;
        }
        let (library, lang, current) = (&s.library, s.view.lang, s.current());
        match storage::save(key, s.sync.base_rev, |rev| {
            storage::encode(library, lang, current, rev)
        }) {
            Ok(rev) => handle.dispatch(Action::Sync(SyncAction::Saved(rev))),
            Err(health) => handle.dispatch(Action::Sync(SyncAction::Health(health))),
        }
    });
}

/// Adopts what another tab saves (the browser's `storage` event fires in the other tabs only).
#[hook]
fn use_other_tabs(store: &Store) {
    let dispatcher = store.dispatcher();
    let key = store.sync.key.clone();
    let base = use_mut_ref(|| 0u64);
    *base.borrow_mut() = store.sync.base_rev;
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
                let stored = match e.new_value() {
                    Some(text) => match storage::decode(&text) {
                        Ok(stored) if stored.rev > *base_now.borrow() => stored,
                        _ => return,
                    },
                    None => storage::Stored::default(),
                };
                dispatcher.dispatch(Action::Sync(SyncAction::External(stored)));
            })
        });
        move || drop(listener)
    });
}

/// The site keeps its route in the location hash: the route is shown there (a new history
/// entry when the user went somewhere; in place when the app corrected it), and back, forward
/// or a followed link shows the route found there. (The portal element keeps its page in memory
/// and never touches its host page's location.)
#[hook]
fn use_hash_route(store: &Store, owns_location: bool) {
    let route = store.view.route.clone();
    let replace = store.view.replace;
    use_effect_with(route, move |route| {
        if owns_location {
            location::set_hash(&route.to_hash(), !replace);
        }
    });
    let dispatcher = store.dispatcher();
    use_effect_with((), move |_| {
        let listener = owns_location
            .then(|| {
                location::on_change(move |hash| {
                    // An unknown route: the start page (the address bar is corrected).
                    let route = Route::parse(&hash).unwrap_or(Route::Start);
                    dispatcher.dispatch(Action::View(ViewAction::Located(route)));
                })
            })
            .flatten();
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
        let s: &AppState = &handle;
        let (Some(embed), Some(a)) = (embed, s.assessment()) else {
            return;
        };
        if notify == 0 {
            return;
        }
        let complete = s.scoring.ok().is_some_and(|r| r.complete);
        let before = was_complete.borrow_mut().replace(complete);
        let completed = complete && before == Some(false);
        embed.on_change.emit(Change {
            assessment: a.clone(),
            result: s.scoring.result.clone(),
            completed,
        });
    });
}

/// The offer of a new version of the site (its service worker: `services/offline.rs`):
/// 「有新版本」 and a button that takes it (the page then reloads once, into it). A polite live
/// region that is always there, so that screen readers announce the offer when it appears; empty
/// where there is no service worker (and in the portal element, which never registers one).
#[hook]
fn use_update_offer(lang: Lang, site: bool) -> Html {
    let ready = use_state_eq(|| false);
    // Registered once, on the first render (it reports back later, when a worker waits).
    let updates = {
        let ready = ready.setter();
        use_mut_ref(move || {
            if site {
                offline::start(move || ready.set(true))
            } else {
                None
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(u) = updates.borrow().as_ref() {
            u.apply();
        }
    });
    let t = catalog(lang);
    html! {
        <div class="update no-print" role="status">
            if *ready {
                <div class="notice ok" id="update-notice">
                    <span class="notice-body">{ t.update_ready }</span>
                    <button type="button" class="primary" id="update-apply" {onclick}>{ t.update_apply }</button>
                </div>
            }
        </div>
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
