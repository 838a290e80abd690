//! The criteria pages: the list (`#/criteria`: new drafts, drafts, own criteria and sharing),
//! the editor (`#/criteria/<draft>`) and a shared link opened (`#/add/<payload>`). Each takes
//! props from the root; the draft lives in the library (saved like assessments, so a reload or a
//! killed tab loses nothing and another tab's save is noticed), the undo history in the page.

use super::draft::{blank, copy_of, fresh_id, DraftEdit, History};
use super::form::{entries_on_the_way, entry_text, field_id, nearest, Form};
use super::share;
use super::text::text;
use crate::components::rating::RatingInput;
use crate::i18n::catalog;
use crate::model::criteria::{check_own, latest, new_key, Draft, Own};
use crate::model::engine::Engine;
use crate::model::library::{Library, LibraryAction};
use crate::model::notice::Notice;
use crate::model::own_sheet::set_own_rating;
use crate::model::route::Route;
use crate::services::frameworks::{builtin, catalogue, url_of};
use cxzy_core::shape::Describe;
use cxzy_core::{Date, Diagnostic, Framework, Id, Lang, Period, Prepared, Rating, Scale};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// What the engine says of a draft: its problems (validity, then the authoring checks of spec
/// §4.7) and, when it is valid, the prepared framework for the preview.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    pub engine: Option<Engine>,
}

pub fn check(framework: &Value) -> Checked {
    match Prepared::from_value(framework) {
        Ok(p) => {
            let problems = cxzy_core::validate::authoring(p.framework());
            Checked {
                problems,
                engine: Some(Engine::new(p)),
            }
        }
        Err(problems) => Checked {
            problems,
            engine: None,
        },
    }
}

/// Problems by pointer, each message in the page's language.
pub fn by_pointer(problems: &[Diagnostic], lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in problems {
        map.entry(d.path.clone())
            .or_default()
            .push(d.message(lang).to_owned());
    }
    map
}

fn title_of(framework: &Value, lang: Lang) -> String {
    framework
        .get("title")
        .and_then(|t| entry_text(t, lang))
        .or_else(|| {
            framework
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

fn str_of<'a>(framework: &'a Value, key: &str) -> &'a str {
    framework.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The next version after `v`: its last number plus one (`1.0.0` → `1.0.1`), else `v.1`.
pub fn next_version(v: &str) -> String {
    match v.rsplit_once('.') {
        Some((head, last)) if last.parse::<u64>().is_ok() => {
            format!("{head}.{}", last.parse::<u64>().unwrap_or(0) + 1)
        }
        _ if v.parse::<u64>().is_ok() => (v.parse::<u64>().unwrap_or(0) + 1).to_string(),
        _ => format!("{v}.1"),
    }
}

/// Every id a new criteria id must avoid: built-ins, own criteria, drafts.
fn taken_ids(library: &Library) -> Vec<String> {
    let mut taken: Vec<String> = catalogue()
        .frameworks
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    taken.extend(library.own.iter().map(|o| o.id().to_owned()));
    taken.extend(
        library
            .drafts
            .iter()
            .map(|d| str_of(&d.framework, "id").to_owned()),
    );
    taken
}

/// The address of the app's first load (a shared link is this plus `#/add/…`): this page's,
/// without its fragment and without `editor.html` (a member opening the link needs no editor).
fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let page = href.split('#').next().unwrap_or("");
    page.strip_suffix("editor.html").unwrap_or(page).to_owned()
}

/// The link that carries a framework.
pub fn share_link(framework: &Value) -> String {
    format!(
        "{}#/add/{}",
        page_address(),
        share::encode(&framework.to_string())
    )
}

/// A few characters from the clock and a random number: new draft keys and criteria ids differ
/// between tabs, devices and units.
fn salt() -> String {
    let random = (js_sys::Math::random() * 65_536.0) as u32;
    format!("{:x}{random:04x}", js_sys::Date::now() as u64 % 0x100_0000)
}

/// A four-character suffix for a new criteria id.
fn id_suffix() -> String {
    format!("{:04x}", (js_sys::Math::random() * 65_536.0) as u32)
}

/// Copies text to the clipboard; `false` where the browser offers no clipboard (plain HTTP on a
/// LAN, some in-app browsers) or refuses.
pub(crate) async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).ok();
    let write = clipboard
        .as_ref()
        .filter(|c| !c.is_undefined())
        .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(c), Some(f)) = (clipboard, write) else {
        return false;
    };
    match f.call1(&c, &text.into()) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(p) => JsFuture::from(p).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

// ---------------------------------------------------------------------------------------------
// The list.

#[derive(Properties, PartialEq)]
pub struct CriteriaProps {
    pub lang: Lang,
    pub today: Date,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_go: Callback<Route>,
    pub on_notify: Callback<Notice>,
}

#[function_component]
pub fn CriteriaPage(props: &CriteriaProps) -> Html {
    let lang = props.lang;
    let (t, e) = (catalog(lang), text(lang));
    let base = use_state(|| Id::from("member-five-leads"));
    let sharing = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let library = props.library.clone();

    // A new draft from a value: saved, then opened in the editor.
    let open_new = {
        let (on_library, on_go, library) = (
            props.on_library.clone(),
            props.on_go.clone(),
            library.clone(),
        );
        Callback::from(move |(framework, from): (Value, Option<String>)| {
            let key = new_key(&library.drafts, &salt());
            on_library.emit(LibraryAction::SaveDraft(Draft {
                key: key.clone(),
                framework: Rc::new(framework),
                from,
                rest: Default::default(),
            }));
            on_go.emit(Route::Edit { draft: key });
        })
    };
    let on_base = {
        let base = base.clone();
        Callback::from(move |ev: Event| {
            let select: web_sys::HtmlSelectElement = ev.target_unchecked_into();
            if builtin(&select.value()).is_some() {
                base.set(select.value().into());
            }
        })
    };
    let on_copy = {
        let (base, open_new, on_notify, busy, library) = (
            base.clone(),
            open_new.clone(),
            props.on_notify.clone(),
            busy.clone(),
            library.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (id, open_new, on_notify, busy, taken) = (
                (*base).clone(),
                open_new.clone(),
                on_notify.clone(),
                busy.clone(),
                taken_ids(&library),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let fetched = async {
                    let response = gloo_net::http::Request::get(&url_of(&id))
                        .send()
                        .await
                        .map_err(|e| e.to_string())?;
                    if !response.ok() {
                        return Err(format!("HTTP {}", response.status()));
                    }
                    let text = response.text().await.map_err(|e| e.to_string())?;
                    serde_json::from_str::<Value>(&text).map_err(|e| e.to_string())
                }
                .await;
                busy.set(false);
                match fetched {
                    Ok(v) => {
                        let from = format!("{} {}", str_of(&v, "id"), str_of(&v, "version"));
                        open_new.emit((copy_of(&v, &taken, &id_suffix()), Some(from)));
                    }
                    Err(m) => on_notify.emit(Notice::ImportFailed(vec![format!(
                        "{}: {m}",
                        (catalog(lang).framework_failed)(&id)
                    )])),
                }
            });
        })
    };
    let on_blank = {
        let (open_new, library) = (open_new.clone(), library.clone());
        Callback::from(move |_: MouseEvent| {
            let id = fresh_id(
                &format!("unit-criteria-{}", id_suffix()),
                &taken_ids(&library),
            );
            open_new.emit((blank(&id), None));
        })
    };
    let on_file = {
        let (open_new, on_notify) = (open_new.clone(), props.on_notify.clone());
        Callback::from(move |ev: Event| {
            let input: web_sys::HtmlInputElement = ev.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (open_new, on_notify) = (open_new.clone(), on_notify.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // What the library keeps (one storage holds everything): refused before reading.
                let max = crate::model::criteria::MAX_OWN_BYTES;
                if file.size() > max as f64 {
                    on_notify.emit(Notice::ImportFailed(vec![(crate::i18n::criteria::text(
                        lang,
                    )
                    .too_large)(
                        file.size() as usize, max
                    )]));
                    return;
                }
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                // Any JSON object becomes a draft: the editor shows its problems where they are.
                match cxzy_core::read::parse_json(&text) {
                    Ok(v) if v.is_object() => open_new.emit((v, Some(file.name()))),
                    Ok(_) => {
                        on_notify.emit(Notice::ImportFailed(vec![text_of(lang).not_json.into()]))
                    }
                    Err(errors) => on_notify.emit(Notice::ImportFailed(
                        errors
                            .iter()
                            .map(|d| format!("{} ({})", d.message(lang), d.code))
                            .collect(),
                    )),
                }
            });
        })
    };

    // The engine's verdicts, once per change of the library, not on every drawing of the page:
    // each draft's problem count, each own framework's digest (latest versions, in order).
    let verdicts = use_memo(library.clone(), |library| {
        let problems: Vec<usize> = library
            .drafts
            .iter()
            .map(|d| check(&d.framework).problems.len())
            .collect();
        let digests: Vec<String> = latest(&library.own)
            .iter()
            .map(|o| {
                Prepared::from_value(&o.framework)
                    .map(|p| p.digest().to_owned())
                    .unwrap_or_default()
            })
            .collect();
        (problems, digests)
    });
    let drafts = library.drafts.iter().zip(&verdicts.0).map(|(d, &n)| {
        let key = d.key.clone();
        let edit = props.on_go.reform({
            let key = key.clone();
            move |_: MouseEvent| Route::Edit { draft: key.clone() }
        });
        let delete = {
            let (on_library, key) = (props.on_library.clone(), key.clone());
            Callback::from(move |_: MouseEvent| {
                let ok = web_sys::window()
                    .and_then(|w| w.confirm_with_message(text(lang).confirm_delete_draft).ok())
                    .unwrap_or(false);
                if ok {
                    on_library.emit(LibraryAction::DeleteDraft(key.clone()));
                }
            })
        };
        let title = title_of(&d.framework, lang);
        html! {
            <li class="card draft">
                <strong>{ title.clone() }</strong>
                <span class="muted">{ format!(" {} · {}", str_of(&d.framework, "id"), str_of(&d.framework, "version")) }</span>
                <p class={if n > 0 { "status error" } else { "status ok" }}>
                    { if n > 0 { (e.problems)(n) } else { e.ready.to_owned() } }
                </p>
                <div class="row wrap">
                    <button type="button" class="primary" onclick={edit} aria-label={format!("{}: {title}", e.edit_button)}>{ e.edit_button }</button>
                    <button type="button" class="danger" onclick={delete} aria-label={format!("{}: {title}", e.delete_button)}>{ e.delete_button }</button>
                </div>
            </li>
        }
    });
    let own = latest(&library.own);
    let own_list = own.iter().zip(&verdicts.1).map(|(o, digest)| {
        let fw = o.framework.clone();
        let title = title_of(&fw, lang);
        let id = o.id().to_owned();
        let shown = sharing.as_deref() == Some(id.as_str());
        let toggle = {
            let (sharing, id) = (sharing.clone(), id.clone());
            Callback::from(move |_: MouseEvent| {
                sharing.set(if shown { None } else { Some(id.clone()) })
            })
        };
        let revise = {
            let (open_new, fw) = (open_new.clone(), fw.clone());
            Callback::from(move |_: MouseEvent| {
                let mut next = (*fw).clone();
                let from = format!("{} {}", str_of(&fw, "id"), str_of(&fw, "version"));
                next["version"] = Value::String(next_version(str_of(&fw, "version")));
                open_new.emit((next, Some(from)));
            })
        };
        let assess = props.on_go.reform(|_: MouseEvent| Route::Start);
        html! {
            <li class="card own">
                <strong>{ title.clone() }</strong>
                <span class="muted">{ format!(" {id} · {}", o.version()) }</span>
                // The digest breaks anywhere: 71 characters in one word overflowed a 360 px screen.
                <p class="muted small">{ format!("{}: ", crate::i18n::criteria::text(lang).digest_label) }<span class="digest">{ digest.clone() }</span></p>
                if !o.summary.is_empty() { <p>{ o.summary.clone() }</p> }
                <div class="row wrap">
                    <button type="button" onclick={toggle} aria-expanded={if shown { "true" } else { "false" }}
                        aria-controls={format!("share-{id}")} aria-label={format!("{}: {title}", e.share_button)}>{ e.share_button }</button>
                    <button type="button" onclick={revise} aria-label={format!("{}: {title}", e.new_version_button)}>{ e.new_version_button }</button>
                    <button type="button" class="primary" onclick={assess} aria-label={format!("{}: {title}", e.assess_button)}>{ e.assess_button }</button>
                </div>
                if shown { <SharePanel {lang} framework={fw.clone()} title={title.clone()} id={format!("share-{id}")} /> }
            </li>
        }
    });
    html! {
        <section class="page criteria" aria-labelledby="criteria-heading">
            <h1 id="criteria-heading" tabindex="-1">{ e.heading }</h1>
            <p>{ e.intro }</p>
            <div class="card">
                <h2>{ e.new_heading }</h2>
                <div class="field">
                    <label for="copy-base">{ e.copy_label }</label>
                    <select id="copy-base" onchange={on_base}>
                        { for catalogue().frameworks.iter().map(|b| html! {
                            <option value={b.id.to_string()} selected={b.id == *base}>{ b.name.get(lang) }</option>
                        }) }
                    </select>
                </div>
                <div class="row wrap">
                    <button type="button" class="primary" id="copy-builtin" onclick={on_copy} disabled={*busy}>
                        { if *busy { t.loading } else { e.copy_button } }
                    </button>
                    <button type="button" id="blank-criteria" onclick={on_blank} disabled={*busy}>{ e.blank_button }</button>
                </div>
                <div class="field">
                    <label for="import-criteria">{ e.import_label }</label>
                    <input id="import-criteria" type="file" accept=".json,application/json" onchange={on_file} />
                </div>
            </div>
            <h2>{ e.drafts_heading }</h2>
            if library.drafts.is_empty() { <p class="muted">{ e.no_drafts }</p> }
            <ul class="plain">{ for drafts }</ul>
            <h2>{ e.own_heading }</h2>
            if own.is_empty() { <p class="muted">{ e.no_own }</p> }
            <ul class="plain">{ for own_list }</ul>
            <p class="muted small">{ t.privacy_note }</p>
        </section>
    }
}

fn text_of(lang: Lang) -> &'static super::text::EditorText {
    text(lang)
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub lang: Lang,
    pub framework: Rc<Value>,
    pub title: String,
    pub id: String,
}

/// A framework's link (copy), file (download) and QR code (when the link fits one).
#[function_component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let e = text(props.lang);
    // None: not tried; Some(true) copied; Some(false) the browser refused (the link is selected).
    let copied = use_state(|| None::<bool>);
    let input = use_node_ref();
    let link = use_memo(props.framework.clone(), |fw| share_link(fw));
    let qr = use_memo(link.clone(), |l| share::qr(l));
    let on_copy = {
        let (link, copied, input) = (link.clone(), copied.clone(), input.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, copied, input) = (link.clone(), copied.clone(), input.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = copy_to_clipboard(&link).await;
                if !ok {
                    if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                        let _ = el.focus();
                        el.select();
                    }
                }
                copied.set(Some(ok));
            });
        })
    };
    let on_file = {
        let fw = props.framework.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}-{}.json", str_of(&fw, "id"), str_of(&fw, "version"));
            let text = serde_json::to_string_pretty(&*fw).unwrap_or_default();
            let _ = crate::services::files::download(&name, "application/json", &text);
        })
    };
    let qr_html = match &*qr {
        Some((dark, width, version)) => {
            let size = width + 8;
            html! {
                <figure class="qr">
                    <svg viewBox={format!("0 0 {size} {size}")} role="img" aria-label={(e.qr_fits)(*version)}
                        shape-rendering="crispEdges">
                        <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
                        <path d={share::qr_path(dark, *width)} fill="#000" />
                    </svg>
                    <figcaption>{ (e.qr_fits)(*version) }</figcaption>
                </figure>
            }
        }
        None => html! { <p class="muted" role="status">{ (e.qr_too_big)(link.len()) }</p> },
    };
    html! {
        <div class="share" id={props.id.clone()} role="region" aria-label={(e.share_heading)(&props.title)}>
            <label class="field">
                <span>{ e.share_link_label }</span>
                <input type="text" class="share-link" readonly=true value={(*link).clone()} ref={input} />
            </label>
            <div class="row wrap">
                <button type="button" class="copy-link" onclick={on_copy}>{ e.copy_link }</button>
                <span role="status">{ match *copied {
                    Some(true) => e.copied,
                    Some(false) => e.copy_by_hand,
                    None => "",
                } }</span>
                <button type="button" class="download-criteria" onclick={on_file}>{ e.download_file }</button>
            </div>
            { qr_html }
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// The editor.

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub lang: Lang,
    pub today: Date,
    pub key_: Rc<str>,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_go: Callback<Route>,
}

#[function_component]
pub fn EditorPage(props: &EditorProps) -> Html {
    let lang = props.lang;
    let e = text(lang);
    let draft = props
        .library
        .drafts
        .iter()
        .find(|d| d.key == props.key_)
        .cloned();
    // The undo history of this draft, and the value this page last saved (or first saw): when the
    // draft changes otherwise (another tab's save adopted), undo would revert that change
    // unseen, so the history starts again.
    // (The value before this page's last save is known too: a render may still show it.)
    let history = use_mut_ref(|| {
        (
            props.key_.clone(),
            History::default(),
            Vec::<Rc<Value>>::new(),
        )
    });
    let open = use_state(BTreeSet::<String>::new);
    let jump = use_state(|| None::<(String, u32)>);
    let summary = use_state(String::new);
    let outcome = use_state(|| None::<Result<String, Vec<String>>>);
    let value = draft
        .as_ref()
        .map(|d| d.framework.clone())
        .unwrap_or_else(|| Rc::new(Value::Null));
    {
        let mut h = history.borrow_mut();
        let changed_elsewhere = !h.2.is_empty() && !h.2.iter().any(|seen| Rc::ptr_eq(seen, &value));
        if h.0 != props.key_ || changed_elsewhere {
            *h = (props.key_.clone(), History::default(), Vec::new());
        }
        if h.2.is_empty() {
            h.2 = vec![value.clone()];
        }
    }
    let checked = use_memo(value.clone(), |v| check(v));
    // Move focus to a problem's field once it is drawn.
    {
        use_effect_with((*jump).clone(), move |jump| {
            let Some((path, _)) = jump else { return };
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let target = nearest(path, &|p| doc.get_element_by_id(&field_id(p)).is_some());
            if let Some(el) = doc
                .get_element_by_id(&field_id(&target))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                el.scroll_into_view();
                let _ = el.focus();
            }
        });
    }
    let Some(draft) = draft else {
        return html! {
            <section class="page" aria-labelledby="editor-heading">
                <h1 id="editor-heading" tabindex="-1">{ e.heading }</h1>
                <p role="alert">{ e.not_found }</p>
                <button type="button" onclick={props.on_go.reform(|_: MouseEvent| Route::Criteria)}>{ e.back }</button>
            </section>
        };
    };
    let save = {
        let (on_library, draft) = (props.on_library.clone(), draft.clone());
        move |next: Rc<Value>| {
            on_library.emit(LibraryAction::SaveDraft(Draft {
                framework: next,
                ..draft.clone()
            }))
        }
    };
    let on_edit = {
        let (history, value, save, outcome, open) = (
            history.clone(),
            value.clone(),
            save.clone(),
            outcome.clone(),
            open.clone(),
        );
        Callback::from(move |edit: DraftEdit| {
            let next = history.borrow_mut().1.edit(&value, &edit);
            if let Some(next) = next {
                // Open entries follow the entries they belong to.
                let reopened = super::form::reindex(&open, &edit);
                if reopened != *open {
                    open.set(reopened);
                }
                history.borrow_mut().2 = vec![value.clone(), next.clone()];
                outcome.set(None);
                save(next);
            }
        })
    };
    let on_undo = {
        let (history, value, save) = (history.clone(), value.clone(), save.clone());
        Callback::from(move |_: MouseEvent| {
            let back = history.borrow_mut().1.undo(&value);
            if let Some(back) = back {
                history.borrow_mut().2 = vec![value.clone(), back.clone()];
                save(back);
            }
        })
    };
    let on_redo = {
        let (history, value, save) = (history.clone(), value.clone(), save.clone());
        Callback::from(move |_: MouseEvent| {
            let forward = history.borrow_mut().1.redo(&value);
            if let Some(forward) = forward {
                history.borrow_mut().2 = vec![value.clone(), forward.clone()];
                save(forward);
            }
        })
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |p: String| {
            let mut next = (*open).clone();
            if !next.remove(&p) {
                next.insert(p);
            }
            open.set(next);
        })
    };
    let errors = by_pointer(&checked.problems, lang);
    let version = match str_of(&value, "schema") {
        "cxzy/framework@1" => 1,
        _ => 2,
    };
    let shape = Framework::shape();
    let form = Form {
        lang,
        version,
        root: &value,
        errors: &errors,
        open: &open,
        on_edit: &on_edit,
        on_toggle: &on_toggle,
    };
    let problem_list = checked.problems.iter().map(|d| {
        let (open, jump, value, path) = (open.clone(), jump.clone(), value.clone(), d.path.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut next = (*open).clone();
            next.extend(entries_on_the_way(&value, &path));
            open.set(next);
            let n = jump.as_ref().map(|(_, n)| n + 1).unwrap_or(0);
            jump.set(Some((path.clone(), n)));
        });
        html! {
            <li>
                <button type="button" class="link jump" {onclick}>{ d.message(lang) }</button>
                <span class="muted small">{ format!(" {} · {}", d.path, d.code) }</span>
            </li>
        }
    });
    let n = checked.problems.len();
    let publish = {
        let (value, own, summary, outcome, on_library, today) = (
            value.clone(),
            props.library.own.clone(),
            summary.clone(),
            outcome.clone(),
            props.on_library.clone(),
            props.today,
        );
        Callback::from(move |_: MouseEvent| {
            let is_builtin = |id: &str| builtin(id).is_some();
            let title = title_of(&value, lang);
            let version = str_of(&value, "version").to_owned();
            match check_own(&value, &own, &is_builtin) {
                Ok(Some(_)) => {
                    on_library.emit(LibraryAction::AddOwn(Own {
                        framework: value.clone(),
                        summary: summary.trim().to_owned(),
                        added: Some(today),
                        rest: Default::default(),
                    }));
                    outcome.set(Some(Ok((text(lang).published)(&title, &version))));
                }
                Ok(None) => outcome.set(Some(Ok(crate::i18n::criteria::text(lang)
                    .already
                    .to_owned()))),
                Err(refusal) => outcome.set(Some(Err(refusal.lines(lang)))),
            }
        })
    };
    let on_summary = {
        let summary = summary.clone();
        Callback::from(move |ev: InputEvent| {
            let input: web_sys::HtmlTextAreaElement = ev.target_unchecked_into();
            summary.set(input.value());
        })
    };
    let h = history.borrow();
    let title = title_of(&value, lang);
    html! {
        <section class="page editor" aria-labelledby="editor-heading">
            <h1 id="editor-heading" tabindex="-1">{ (e.edit_heading)(&title) }</h1>
            <div class="editor-bar row wrap">
                <button type="button" onclick={props.on_go.reform(|_: MouseEvent| Route::Criteria)}>{ e.back }</button>
                <button type="button" id="undo" onclick={on_undo} disabled={h.1.undo.is_empty()}>{ e.undo }</button>
                <button type="button" id="redo" onclick={on_redo} disabled={h.1.redo.is_empty()}>{ e.redo }</button>
                if let Some(engine) = &checked.engine {
                    // Visible while editing, on a phone too (the preview is below the form there).
                    <span class="bar-max" id="bar-max">{ format!("{} {}", e.full_marks, engine.framework_max().to_fixed2()) }</span>
                }
                <span class="muted small">{ e.saved }</span>
            </div>
            // Only the count is announced, not the whole list again on every change.
            <p class="sr-only" id="problems-count" role="status" aria-live="polite">
                { if n == 0 { e.no_problems.to_owned() } else { (e.problems)(n) } }
            </p>
            <div class="problems card" id="problems">
                if n == 0 {
                    <p class="status ok">{ e.no_problems }</p>
                } else {
                    <h2 class="status error">{ format!("{}: {}", e.problems_heading, (e.problems)(n)) }</h2>
                    <ol>{ for problem_list }</ol>
                }
            </div>
            <div class="editor-panes">
                <form class="editor-form" onsubmit={Callback::from(|ev: SubmitEvent| ev.prevent_default())}>
                    { form.document(&shape) }
                </form>
                <aside class="editor-preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{ e.preview_heading }</h2>
                    { match &checked.engine {
                        Some(engine) => html! { <Preview {lang} engine={engine.clone()} today={props.today} /> },
                        None => html! { <p class="muted">{ e.preview_invalid }</p> },
                    } }
                    <div class="card publish">
                        <h2>{ e.publish_heading }</h2>
                        <label class="field">
                            <span>{ e.summary_label }</span>
                            <textarea id="change-summary" value={(*summary).clone()} oninput={on_summary} rows="2" />
                        </label>
                        if n > 0 { <p class="muted small" id="publish-blocked">{ e.publish_blocked }</p> }
                        <button type="button" class="primary" id="publish" onclick={publish} disabled={n > 0}
                            aria-describedby={(n > 0).then_some("publish-blocked")}>{ e.publish_button }</button>
                        { match &*outcome {
                            Some(Ok(m)) => html! {
                                <p role="status" class="status ok">{ m.clone() }
                                    <button type="button" class="link" onclick={props.on_go.reform(|_: MouseEvent| Route::Criteria)}>{ e.share_button }</button>
                                </p>
                            },
                            Some(Err(lines)) => html! {
                                <ul role="alert" class="errors">{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
                            },
                            None => Html::default(),
                        } }
                    </div>
                </aside>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub lang: Lang,
    pub engine: Engine,
    pub today: Date,
}

/// The draft as members will see it: full marks per part and grade lines, and a sample sheet
/// rated here (not saved) with its total, grade and gaps — every number from the engine.
#[function_component]
pub fn Preview(props: &PreviewProps) -> Html {
    let lang = props.lang;
    let e = text(lang);
    let engine = &props.engine;
    let ratings = use_state(Vec::<(Id, Rating)>::new);
    let fw = engine.framework();
    let mut sample = engine.blank(
        Default::default(),
        Period {
            start: props.today,
            end: props.today,
            label: None,
        },
    );
    for (id, r) in ratings.iter() {
        if engine.indicator(id).is_some() {
            set_own_rating(&mut sample, engine, id, Some(r.clone()));
        }
    }
    let scored = engine.score(&sample, props.today);
    // Ratings that no longer fit the draft are dropped, not shown as an error.
    let scored = match scored {
        Ok(r) => Ok(r),
        Err(_) => {
            sample.sheets.clear();
            engine.score(&sample, props.today)
        }
    };
    let Ok(result) = scored else {
        return html! { <p class="muted">{ e.preview_invalid }</p> };
    };
    let title = |id: &str| {
        engine
            .indicator(id)
            .map(|i| i.title.get(lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    let grade_label = |id: &str| {
        fw.grades
            .iter()
            .find(|g| &*g.id == id)
            .map(|g| g.label.get(lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    let set = {
        let ratings = ratings.clone();
        move |id: Id| {
            let ratings = ratings.clone();
            Callback::from(move |r: Option<Rating>| {
                let mut next: Vec<(Id, Rating)> =
                    ratings.iter().filter(|(i, _)| *i != id).cloned().collect();
                if let Some(r) = r {
                    next.push((id.clone(), r));
                }
                ratings.set(next);
            })
        }
    };
    let items = fw.dimensions.iter().map(|d| {
        html! {
            <fieldset class="group">
                <legend>{ d.title.get(lang) }</legend>
                { for d.indicators.iter().flat_map(|i| match &i.scale {
                    Scale::Items { items } => items.iter().collect::<Vec<_>>(),
                    _ => vec![i],
                }).map(|i| {
                    let rating = ratings.iter().find(|(id, _)| *id == i.id).map(|(_, r)| r.clone());
                    html! {
                        <div class="preview-item">
                            <p class="item-title">{ format!("{} ({})", i.title.get(lang), i.points.canonical()) }</p>
                            <RatingInput engine={engine.clone()} indicator={i.id.clone()} {rating} {lang}
                                name={format!("preview-{}", i.id)} on_change={set(i.id.clone())} />
                        </div>
                    }
                }) }
            </fieldset>
        }
    });
    html! {
        <div class="preview">
            <table class="totals">
                <caption>{ e.full_marks }</caption>
                <tbody>
                    { for fw.dimensions.iter().zip(&result.dimensions).map(|(d, r)| html! {
                        <tr><th scope="row">{ d.title.get(lang) }</th><td class="num">{ r.max.to_fixed2() }</td></tr>
                    }) }
                    <tr class="sum"><th scope="row">{ e.total }</th><td class="num" id="preview-max">{ result.max.to_fixed2() }</td></tr>
                </tbody>
            </table>
            <table class="totals">
                <caption>{ e.grade_lines }</caption>
                <tbody>
                    { for fw.grades.iter().map(|g| html! {
                        <tr><th scope="row">{ g.label.get(lang) }</th><td class="num">{ format!("≥ {}", g.min_total.canonical()) }</td></tr>
                    }) }
                </tbody>
            </table>
            <div class="card sample" aria-live="polite">
                <p><strong>{ e.total }</strong>{ format!(": {} / {}", result.total.to_fixed2(), result.max.to_fixed2()) }</p>
                <p><strong>{ e.grade }</strong>{ ": " }{ match &result.grade {
                    Some(g) => grade_label(g),
                    None => e.no_grade_yet.to_owned(),
                } }</p>
                <p><strong>{ e.gaps }</strong></p>
                if result.gaps.is_empty() { <p class="muted">{ e.no_gaps }</p> }
                <ol>
                    { for result.gaps.iter().take(5).map(|g| html! {
                        <li>{ format!("{} −{}", title(&g.indicator), g.lost.to_fixed2()) }</li>
                    }) }
                </ol>
            </div>
            <details class="sample-sheet">
                <summary>{ e.preview_hint }</summary>
                { for items }
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up() {
        assert_eq!(next_version("1.0.0"), "1.0.1");
        assert_eq!(next_version("2"), "3");
        assert_eq!(next_version("2026上半年"), "2026上半年.1");
    }

    #[test]
    fn problems_are_found_by_pointer_and_the_authoring_checks_count() {
        let mut fw = blank("unit");
        assert!(check(&fw).problems.is_empty());
        assert!(check(&fw).engine.is_some());
        // A grade line above the most (10 points): valid, but not publishable.
        fw["grades"][0]["min_total"] = 11.into();
        let c = check(&fw);
        assert!(c.engine.is_some());
        let map = by_pointer(&c.problems, Lang::ZhHans);
        assert!(map.contains_key("/grades/0/min_total"), "{map:?}");
        // A duplicate id: invalid, no preview.
        fw["grades"][0]["min_total"] = 9.into();
        fw["dimensions"][0]["indicators"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": "item-1", "title": {"zh-Hans": "重复"}, "points": 1, "scale": {"kind": "check"}}));
        let c = check(&fw);
        assert!(c.engine.is_none());
        assert!(by_pointer(&c.problems, Lang::En).contains_key("/dimensions/0/indicators/1/id"));
    }
}
