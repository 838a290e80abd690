//! `#/round/<id>/<tab>`: one round — invitations and the key's backup, the collector, the
//! kiosk, the tally with 组织评定, and the 公示 with what is handed back.

use super::ballot::{invitation_link, qr_figure, received_text, BallotForm, CopyLink};
use super::engine::{use_criteria, Loaded};
use super::model::{self, counts, decision, Received, Tally};
use super::scan::Scanner;
use super::text::{text, RoundsText};
use crate::components::radar::{Radar, RadarRow};
use crate::model::engine::Engine;
use crate::model::library::{round_id, Library, LibraryAction};
use crate::model::notice::Notice;
use crate::model::route::{RoundTab, Route};
use crate::state::frameworks::Frameworks;
use cxzy_core::{BranchView, Date, Id, Lang, QuotaMark};
use cxzy_rounds::{Ballot, Invitation, Mode, RoundArchive};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RoundProps {
    pub lang: Lang,
    pub today: Date,
    pub id: Rc<str>,
    pub tab: RoundTab,
    pub frameworks: Frameworks,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_loaded: Callback<Engine>,
    pub on_go: Callback<Route>,
    pub on_notify: Callback<Notice>,
}

/// The round as this render holds it, and a cell with the latest (two scans in a row must not
/// save over each other: each receive starts from the latest, not from this render's).
#[derive(Clone)]
struct Held {
    latest: Rc<RefCell<Option<RoundArchive>>>,
    save: Callback<RoundArchive>,
}

impl PartialEq for Held {
    fn eq(&self, other: &Held) -> bool {
        Rc::ptr_eq(&self.latest, &other.latest)
    }
}

impl Held {
    fn update(&self, f: impl FnOnce(&mut RoundArchive)) {
        let Some(mut a) = self.latest.borrow().clone() else {
            return;
        };
        f(&mut a);
        *self.latest.borrow_mut() = Some(a.clone());
        self.save.emit(a);
    }

    fn get(&self) -> Option<RoundArchive> {
        self.latest.borrow().clone()
    }
}

#[function_component]
pub fn RoundPage(props: &RoundProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let stored = props.library.round(&props.id).cloned();
    let archive = use_memo(stored.clone(), |v| v.as_ref().map(|v| model::read(v)));
    // Every render starts from what the library holds (each save reaches it before the next
    // render); between two renders, the cell holds the latest.
    let cell = use_mut_ref(|| None::<RoundArchive>);
    if let Some(Ok(a)) = &*archive {
        *cell.borrow_mut() = Some(a.clone());
    }
    let wanted = archive
        .as_ref()
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|a| a.key.round.framework.clone());
    let loaded = use_criteria(
        wanted,
        &props.frameworks,
        &props.library.own,
        props.on_loaded.clone(),
    );
    let archive = match &*archive {
        None => {
            return html! {
                <section aria-labelledby="round-heading">
                    <h1 id="round-heading" tabindex="-1">{ t.rounds_heading }</h1>
                    <p role="alert" class="notice error">{ t.round_not_here }</p>
                </section>
            }
        }
        Some(Err(errors)) => {
            return html! {
                <section aria-labelledby="round-heading">
                    <h1 id="round-heading" tabindex="-1">{ t.rounds_heading }</h1>
                    <p role="alert" class="notice error">{ t.round_unreadable }</p>
                    <ul>{ for errors.iter().map(|d| html! { <li>{ format!("{} {}", d.path, d.message(lang)) }</li> }) }</ul>
                </section>
            }
        }
        Some(Ok(a)) => a.clone(),
    };
    let held = Held {
        latest: cell.clone(),
        save: props
            .on_library
            .reform(|a: RoundArchive| LibraryAction::SaveRound(Rc::new(model::to_value(&a)))),
    };
    let round = &archive.key.round;
    let engine = match loaded {
        Loaded::Ready(e) => e,
        Loaded::Loading => {
            return html! { <p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p> }
        }
        Loaded::Failed(why) => {
            return html! {
                <section aria-labelledby="round-heading">
                    <h1 id="round-heading" tabindex="-1">{ round.title.clone().unwrap_or_else(|| t.untitled.to_owned()) }</h1>
                    <p role="alert" class="notice error">{ t.criteria_missing }<br /><small>{ why }</small></p>
                </section>
            }
        }
    };
    let tab_button = |tab: RoundTab, label: &'static str| {
        let (go, id) = (props.on_go.clone(), props.id.clone());
        let current = (tab == props.tab).then_some("page");
        html! {
            <li><button type="button" class="tab" aria-current={current}
                onclick={Callback::from(move |_: MouseEvent| go.emit(Route::Round { id: id.clone(), tab }))}>{ label }</button></li>
        }
    };
    let kiosk = props.tab == RoundTab::Kiosk;
    let body = match props.tab {
        RoundTab::Invite => {
            html! { <InviteTab {lang} today={props.today} archive={archive.clone()} held={held.clone()} engine={engine.clone()} /> }
        }
        RoundTab::Collect => {
            html! { <CollectTab {lang} archive={archive.clone()} held={held.clone()} engine={engine.clone()} /> }
        }
        RoundTab::Kiosk => {
            html! { <KioskTab {lang} archive={archive.clone()} held={held.clone()} engine={engine.clone()}
            on_exit={{ let (go, id) = (props.on_go.clone(), props.id.clone()); Callback::from(move |_| go.emit(Route::Round { id: id.clone(), tab: RoundTab::Collect })) }} /> }
        }
        RoundTab::Tally | RoundTab::Report => {
            let previous = props
                .library
                .rounds
                .iter()
                .filter(|v| round_id(v) != Some(&*props.id))
                .filter_map(|v| model::read(v).ok())
                .collect::<Vec<_>>();
            let previous = model::previous_round(previous.iter(), &archive).cloned();
            html! { <TallyTab {lang} today={props.today} archive={archive.clone()} held={held.clone()} engine={engine.clone()}
            {previous} report={props.tab == RoundTab::Report} on_library={props.on_library.clone()} on_go={props.on_go.clone()} on_notify={props.on_notify.clone()} /> }
        }
    };
    html! {
        <section aria-labelledby="round-heading" class={classes!("round", kiosk.then_some("kiosk"))}>
            <h1 id="round-heading" tabindex="-1">{ round.title.clone().unwrap_or_else(|| t.untitled.to_owned()) }</h1>
            <p class="muted">{ engine.framework().title.get(lang) }{ " · " }{ crate::i18n::period(lang, &round.period) }
                { " · " }{ (t.members_count)(round.members.len()) }</p>
            if !kiosk {
                <nav aria-label={t.round_tabs} class="no-print">
                    <ul class="tabs">
                        { tab_button(RoundTab::Invite, t.tab_invite) }
                        { tab_button(RoundTab::Collect, t.tab_collect) }
                        { tab_button(RoundTab::Kiosk, t.tab_kiosk) }
                        { tab_button(RoundTab::Tally, t.tab_tally) }
                        { tab_button(RoundTab::Report, t.tab_report) }
                    </ul>
                </nav>
            }
            { body }
        </section>
    }
}

/// The label of a source of the criteria.
fn source_label(engine: &Engine, source: &str, lang: Lang) -> String {
    engine
        .framework()
        .source(source)
        .map(|s| s.label.get(lang).to_owned())
        .unwrap_or_else(|| source.to_owned())
}

fn grade_label(engine: &Engine, grade: &str, lang: Lang) -> String {
    engine
        .framework()
        .grades
        .iter()
        .find(|g| &*g.id == grade)
        .map(|g| g.label.get(lang).to_owned())
        .unwrap_or_else(|| grade.to_owned())
}

/// Downloads the whole round (key, ballots, decisions) and records when.
fn backup(held: &Held, today: Date) {
    held.update(|a| a.backed_up = Some(today));
    let Some(a) = held.get() else { return };
    let name = format!(
        "round-{}-{}.json",
        a.key.round.id.get(..8).unwrap_or(""),
        today
    );
    let text = serde_json::to_string_pretty(&model::to_value(&a)).unwrap_or_default();
    let _ = crate::services::files::download(&name, "application/json", &text);
}

/// Prints one part of the page (the slips, the 公示): the root gets a class the print style
/// reads, for the time of the print dialog.
fn print_only(class: &str) {
    let Some(w) = web_sys::window() else { return };
    let root = w.document().and_then(|d| d.document_element());
    if let Some(r) = &root {
        let _ = r.class_list().add_1(class);
    }
    let _ = w.print();
    if let Some(r) = &root {
        let _ = r.class_list().remove_1(class);
    }
}

// ---------------------------------------------------------------------------------------------
// Invitations.

#[derive(Properties, PartialEq)]
struct TabProps {
    lang: Lang,
    archive: RoundArchive,
    held: Held,
    engine: Engine,
}

#[derive(Properties, PartialEq)]
struct InviteProps {
    lang: Lang,
    today: Date,
    archive: RoundArchive,
    held: Held,
    engine: Engine,
}

#[function_component]
fn InviteTab(props: &InviteProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let skip = use_state(|| false);
    let a = &props.archive;
    let invitations = use_memo(a.key.round.id.clone(), {
        let key = a.key.clone();
        move |_| key.invitations()
    });
    let used: Vec<&str> = a.ballots.iter().map(|b| b.token.as_str()).collect();
    let on_backup = {
        let (held, today) = (props.held.clone(), props.today);
        Callback::from(move |_: MouseEvent| backup(&held, today))
    };
    let on_skip = {
        let skip = skip.clone();
        Callback::from(move |_: MouseEvent| skip.set(true))
    };
    let backup_part = html! {
        <section class="key-backup" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{ t.backup_heading }</h2>
            <p class={classes!("notice", a.backed_up.is_none().then_some("warn"))}>{ t.backup_warning }</p>
            <div class="row wrap">
                <button type="button" class="backup-round primary" onclick={on_backup}>{ t.backup_button }</button>
                if let Some(d) = a.backed_up { <span role="status">{ (t.backed_up_on)(&crate::i18n::date(lang, d)) }</span> }
            </div>
        </section>
    };
    if a.backed_up.is_none() && !*skip {
        return html! {
            <>
                { backup_part }
                <p>{ t.backup_first }</p>
                <button type="button" class="link" onclick={on_skip}>{ t.skip_backup }</button>
            </>
        };
    }
    let id_of = |inv: &Invitation| cxzy_rounds::token_id(&inv.token);
    let rated: Vec<&Invitation> = invitations
        .iter()
        .filter(|i| i.mode != Mode::Slips)
        .collect();
    let slips: Vec<&Invitation> = invitations
        .iter()
        .filter(|i| i.mode == Mode::Slips)
        .collect();
    let on_print = Callback::from(|_: MouseEvent| print_only("print-slips"));
    html! {
        <>
            { backup_part }
            <section aria-labelledby="invite-heading">
                <h2 id="invite-heading">{ t.invitations_heading }</h2>
                <p class="muted">{ t.invitations_intro }</p>
                <ul class="invitations">
                    { for rated.iter().map(|inv| {
                        let done = used.contains(&id_of(inv).as_str());
                        html! {
                            <InvitationRow key={inv.token.clone()} {lang} invitation={Rc::new((*inv).clone())}
                                source={source_label(&props.engine, &inv.source, lang)} {done} />
                        }
                    }) }
                </ul>
            </section>
            if !slips.is_empty() {
                <section aria-labelledby="slips-heading">
                    <h2 id="slips-heading">{ (t.slips_heading)(slips.len()) }</h2>
                    <p class="muted">{ t.slips_intro }</p>
                    <button type="button" class="print-slips-button" onclick={on_print}>{ t.print_slips }</button>
                    <div class="slips-sheet">
                        { for slips.iter().enumerate().map(|(n, inv)| {
                            let link = invitation_link(inv);
                            html! {
                                <div class="slip" key={inv.token.clone()}>
                                    { qr_figure(&link, &|_| (t.slip_caption)(n + 1), "slip-qr")
                                        .unwrap_or_else(|| html! { <p class="notice warn">{ (t.ballot_too_big)(link.len()) }</p> }) }
                                    <p class="slip-text">{ a.key.round.title.clone().unwrap_or_default() }<br />{ t.slip_instructions }</p>
                                    <a class="slip-link sr-only" href={link.clone()}>{ (t.slip_caption)(n + 1) }</a>
                                </div>
                            }
                        }) }
                    </div>
                </section>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct InvitationRowProps {
    lang: Lang,
    invitation: Rc<Invitation>,
    source: String,
    done: bool,
}

/// One rater's invitation: the link (copy), and its QR code on demand.
#[function_component]
fn InvitationRow(props: &InvitationRowProps) -> Html {
    let t = text(props.lang);
    let show = use_state(|| false);
    let link = use_memo(props.invitation.clone(), |inv| invitation_link(inv));
    let toggle = {
        let show = show.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    let inv = &props.invitation;
    let whom = inv.rater.clone().unwrap_or_default();
    html! {
        <li class={classes!("invitation", props.done.then_some("done"))}>
            <span class="who">{ &whom }</span>{ " · " }<span>{ &props.source }</span>
            if props.done { <span class="badge">{ t.ballot_in }</span> }
            <div class="row wrap">
                <a class="invitation-link" href={(*link).clone()} aria-label={(t.invitation_of)(&whom, &props.source)}>{ t.invitation_link }</a>
                <CopyLink lang={props.lang} link={AttrValue::from((*link).clone())} />
                <button type="button" aria-expanded={show.to_string()} onclick={toggle}>{ t.show_qr }</button>
            </div>
            if *show {
                { qr_figure(&link, &|v| (t.invitation_qr)(&whom, v), "invitation-qr")
                    .unwrap_or_else(|| html! { <p class="muted">{ (t.ballot_too_big)(link.len()) }</p> }) }
            }
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// The collector.

/// Receives the ballots in some texts (pasted, dropped, scanned) into the round; what became of
/// them, in words, for the page's live region.
fn take(held: &Held, engine: &Engine, texts: &[Result<String, String>], lang: Lang) -> Vec<String> {
    let t = text(lang);
    let mut found = Vec::new();
    let mut lines = Vec::new();
    for text in texts {
        let text = match text {
            Ok(text) => text,
            Err(why) => {
                lines.push(format!("{} {why}", t.refused));
                continue;
            }
        };
        for piece in model::ballots_in(text) {
            match piece {
                Ok(b) => found.push(b),
                Err(d) => lines.push(format!(
                    "{} {} ({})",
                    t.refused,
                    d.message(lang),
                    d.code.as_str()
                )),
            }
        }
    }
    if found.is_empty() && lines.is_empty() {
        return vec![t.nothing_found.to_owned()];
    }
    let mut outcome = Vec::new();
    if !found.is_empty() {
        held.update(|a| outcome = model::receive(engine, a, found, &mut model::rng()));
    }
    let accepted = outcome
        .iter()
        .filter(|r| matches!(r, Received::Accepted(_)))
        .count();
    let again = outcome
        .iter()
        .filter(|r| matches!(r, Received::Again))
        .count();
    let mut out = vec![(t.received_summary)(accepted, again)];
    out.extend(
        outcome
            .iter()
            .filter(|r| matches!(r, Received::Refused(_)))
            .map(|r| received_text(t, lang, r)),
    );
    out.extend(lines);
    out
}

#[function_component]
fn CollectTab(props: &TabProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let said = use_state(Vec::<String>::new);
    let paste = use_node_ref();
    let a = &props.archive;
    // Opened once per change of the round, not on every drawing of the page.
    let accepted = use_memo((a.clone(), props.engine.clone()), |(a, engine)| {
        let texts: Vec<String> = a
            .ballots
            .iter()
            .map(|b| serde_json::to_string(b).unwrap_or_default())
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        cxzy_rounds::open(engine, &a.key.round, &a.key, &refs)
            .map(|o| o.accepted)
            .unwrap_or_default()
    });
    let on_texts = {
        let (held, engine, said) = (props.held.clone(), props.engine.clone(), said.clone());
        Callback::from(move |texts: Vec<Result<String, String>>| {
            said.set(take(&held, &engine, &texts, lang))
        })
    };
    let on_paste = {
        let (paste, on_texts) = (paste.clone(), on_texts.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = paste.cast::<web_sys::HtmlTextAreaElement>() {
                let text = area.value();
                area.set_value("");
                on_texts.emit(vec![Ok(text)]);
            }
        })
    };
    let on_files = {
        let on_texts = on_texts.clone();
        Callback::from(move |list: web_sys::FileList| {
            let on_texts = on_texts.clone();
            // Taken now: the list is live, and the input is emptied right after.
            let files: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            wasm_bindgen_futures::spawn_local(async move {
                let mut texts = Vec::new();
                for f in files {
                    if f.size() > cxzy_core::MAX_DOCUMENT_BYTES as f64 {
                        let d = cxzy_core::too_large(f.size() as usize);
                        texts.push(Err(format!("{}: {}", f.name(), d.message(lang))));
                        continue;
                    }
                    match JsFuture::from(f.text())
                        .await
                        .ok()
                        .and_then(|v| v.as_string())
                    {
                        Some(s) => texts.push(Ok(s)),
                        None => texts.push(Err(f.name())),
                    }
                }
                on_texts.emit(texts);
            });
        })
    };
    let on_file_input = {
        let on_files = on_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                on_files.emit(files);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                on_files.emit(files);
            }
        })
    };
    let on_drag = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <>
            <section aria-labelledby="counts-heading">
                <h2 id="counts-heading">{ t.counts_heading }</h2>
                <ul class="counts" aria-live="polite">
                    { for counts(&a.key, &accepted).into_iter().map(|(source, got, issued)| html! {
                        <li class="count" data-source={source.to_string()}>
                            <strong>{ source_label(&props.engine, &source, lang) }</strong>{ " " }{ (t.received_of)(got, issued) }
                        </li>
                    }) }
                </ul>
            </section>
            <div role="status" aria-live="polite" class="collect-said">
                { for said.iter().map(|l| html! { <p>{ l }</p> }) }
            </div>
            <section aria-labelledby="scan-heading">
                <h2 id="scan-heading">{ t.scan_heading }</h2>
                <Scanner {lang} on_text={on_texts.reform(|s: String| vec![Ok(s)])} />
            </section>
            <section aria-labelledby="paste-heading">
                <h2 id="paste-heading">{ t.paste_heading }</h2>
                <label class="field">
                    <span>{ t.paste_label }</span>
                    <textarea id="paste-ballots" rows="4" ref={paste} />
                </label>
                <button type="button" id="receive-pasted" onclick={on_paste}>{ t.receive }</button>
            </section>
            <section aria-labelledby="files-heading">
                <h2 id="files-heading">{ t.files_heading }</h2>
                <div class="drop" ondrop={on_drop} ondragover={on_drag}>
                    <label class="field">
                        <span>{ t.files_label }</span>
                        <input type="file" id="ballot-files" multiple=true accept=".json,application/json,text/plain" onchange={on_file_input} />
                    </label>
                </div>
            </section>
        </>
    }
}

// ---------------------------------------------------------------------------------------------
// The kiosk.

#[derive(Properties, PartialEq)]
struct KioskProps {
    lang: Lang,
    archive: RoundArchive,
    held: Held,
    engine: Engine,
    on_exit: Callback<()>,
}

#[function_component]
fn KioskTab(props: &KioskProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let current = use_state(|| None::<Rc<Invitation>>);
    let said = use_state(|| None::<String>);
    let choice = use_state(String::new);
    let a = &props.archive;
    let used: Vec<&str> = a.ballots.iter().map(|b| b.token.as_str()).collect();
    let open: Vec<Invitation> = a
        .key
        .invitations()
        .into_iter()
        .filter(|i| !used.contains(&cxzy_rounds::token_id(&i.token).as_str()))
        .collect();
    let named: Vec<&Invitation> = open.iter().filter(|i| i.mode != Mode::Slips).collect();
    let slips: Vec<&Invitation> = open.iter().filter(|i| i.mode == Mode::Slips).collect();
    if let Some(inv) = &*current {
        let on_submit = {
            let (held, engine, current, said, inv) = (
                props.held.clone(),
                props.engine.clone(),
                current.clone(),
                said.clone(),
                inv.clone(),
            );
            Callback::from(move |b: Ballot| {
                let t = text(lang);
                let mut rng = model::rng();
                let outcome = match cxzy_rounds::seal(&inv.seal_to(), &b, &mut rng) {
                    Ok(sealed) => {
                        let mut got = Vec::new();
                        held.update(|a| {
                            got = model::receive(&engine, a, vec![sealed], &mut model::rng())
                        });
                        got.first().map(|r| match r {
                            Received::Accepted(_) => t.kiosk_thanks.to_owned(),
                            other => received_text(t, lang, other),
                        })
                    }
                    Err(d) => Some(d.message(lang).to_owned()),
                };
                said.set(outcome);
                current.set(None);
                // After the render: the chooser (and its message) is on screen again.
                if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                    crate::components::focus::focus_near(d.into(), "#kiosk-heading");
                }
            })
        };
        let source = source_label(&props.engine, &inv.source, lang);
        return html! {
            <section aria-labelledby="kiosk-rater">
                <h2 id="kiosk-rater" tabindex="-1">{ (t.you_rate_as)(&source, inv.members.len()) }</h2>
                if let Some(r) = &inv.rater { <p class="muted">{ (t.given_to)(r) }</p> }
                if inv.mode == Mode::Slips { <p class="notice">{ t.anonymous_note }</p> }
                <BallotForm key={inv.token.clone()} {lang} engine={props.engine.clone()} invitation={inv.clone()} {on_submit} />
            </section>
        };
    }
    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            choice.set(s.value());
        })
    };
    let on_start = {
        let (current, choice, said) = (current.clone(), choice.clone(), said.clone());
        let named: Vec<Invitation> = named.iter().map(|i| (*i).clone()).collect();
        Callback::from(move |_: MouseEvent| {
            if let Some(inv) = named.iter().find(|i| i.token == *choice).or(named.first()) {
                said.set(None);
                current.set(Some(Rc::new(inv.clone())));
            }
        })
    };
    let on_slip = {
        let (current, said) = (current.clone(), said.clone());
        let slips: Vec<Invitation> = slips.iter().map(|i| (*i).clone()).collect();
        Callback::from(move |_: MouseEvent| {
            if slips.is_empty() {
                return;
            }
            // Any unused slip, at random: none belongs to anyone.
            let k = (js_sys::Math::random() * slips.len() as f64) as usize;
            if let Some(inv) = slips.get(k.min(slips.len() - 1)) {
                said.set(None);
                current.set(Some(Rc::new(inv.clone())));
            }
        })
    };
    let on_exit = {
        let exit = props.on_exit.clone();
        let question = t.kiosk_exit_confirm;
        Callback::from(move |_: MouseEvent| {
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(question).ok())
                .unwrap_or(false);
            if sure {
                exit.emit(());
            }
        })
    };
    html! {
        <section aria-labelledby="kiosk-heading" class="kiosk-home">
            <h2 id="kiosk-heading" tabindex="-1">{ t.kiosk_heading }</h2>
            if let Some(s) = &*said { <p role="status" class="notice ok kiosk-said">{ s }</p> }
            <p>{ t.kiosk_intro }</p>
            if !named.is_empty() {
                <label class="field">
                    <span>{ t.kiosk_who }</span>
                    <select id="kiosk-rater-choice" onchange={on_choice}>
                        { for named.iter().map(|i| html! {
                            <option value={i.token.clone()} selected={i.token == *choice}>
                                { format!("{} · {}", i.rater.clone().unwrap_or_default(), source_label(&props.engine, &i.source, lang)) }
                            </option>
                        }) }
                    </select>
                </label>
                <button type="button" class="primary" id="kiosk-start" onclick={on_start}>{ t.kiosk_start }</button>
            }
            if !slips.is_empty() {
                <p><button type="button" id="kiosk-slip" onclick={on_slip}>{ (t.kiosk_slip)(slips.len()) }</button></p>
            }
            if named.is_empty() && slips.is_empty() {
                <p class="notice ok">{ t.kiosk_all_in }</p>
            }
            <p><button type="button" class="link" id="kiosk-exit" onclick={on_exit}>{ t.kiosk_exit }</button></p>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The tally, 组织评定, and the 公示.

#[derive(Properties, PartialEq)]
struct TallyProps {
    lang: Lang,
    today: Date,
    archive: RoundArchive,
    held: Held,
    engine: Engine,
    /// The previous round of the same criteria, for each member's change since then.
    previous: Option<RoundArchive>,
    report: bool,
    on_library: Callback<LibraryAction>,
    on_go: Callback<Route>,
    on_notify: Callback<Notice>,
}

#[function_component]
fn TallyTab(props: &TallyProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let tally = use_memo(
        (props.archive.clone(), props.engine.clone(), props.today),
        |(a, e, today)| model::tally(e, a, *today),
    );
    let before = use_memo(
        (props.previous.clone(), props.engine.clone(), props.today),
        |(p, e, today)| p.as_ref().and_then(|p| model::tally(e, p, *today).ok()),
    );
    let tally: &Tally = match &*tally {
        Ok(t) => t,
        Err(errors) => {
            return html! {
                <ul role="alert" class="notice error">{ for errors.iter().map(|d| html! { <li>{ d.message(lang) }</li> }) }</ul>
            }
        }
    };
    let view = match &tally.branch {
        Ok(v) => v,
        Err(errors) => {
            return html! {
                <ul role="alert" class="notice error">{ for errors.iter().map(|d| html! { <li>{ d.message(lang) }</li> }) }</ul>
            }
        }
    };
    if props.report {
        return report(props, tally, view);
    }
    let a = &props.archive;
    let members = &a.key.round.members;
    let changes: Vec<Option<cxzy_core::Trend>> = match (&*before, &props.previous) {
        (Some(b), Some(p)) => {
            model::changes(&props.engine, tally, b, members, &p.key.round.members)
        }
        _ => Vec::new(),
    };
    let results_ok: Vec<_> = tally
        .results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .collect();
    // --- attendance
    let attendance = html! {
        <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">{ t.attendance_heading }</h2>
            <table class="attendance">
                <thead><tr><th scope="col">{ t.col_source }</th><th scope="col">{ t.col_received }</th><th scope="col">{ t.col_issued }</th></tr></thead>
                <tbody>
                    { for counts(&a.key, &tally.opened.accepted).into_iter().map(|(s, got, issued)| html! {
                        <tr><th scope="row">{ source_label(&props.engine, &s, lang) }</th><td>{ got }</td><td>{ issued }</td></tr>
                    }) }
                </tbody>
            </table>
            <p class={classes!("notice", (view.incomplete > 0).then_some("warn"))}>{ (t.quorum_line)(view.ranked as usize, view.incomplete as usize) }</p>
        </section>
    };
    // --- ranking with 组织评定
    let ranking = html! {
        <section aria-labelledby="ranking-heading">
            <h2 id="ranking-heading">{ t.ranking_heading }</h2>
            <p class="muted">{ t.decide_intro }</p>
            <div class="table-scroll">
            <table class="ranking">
                <thead><tr>
                    <th scope="col">{ t.col_rank }</th><th scope="col">{ t.col_member }</th><th scope="col">{ t.col_total }</th>
                    <th scope="col">{ t.col_computed }</th>
                    if !changes.is_empty() { <th scope="col">{ t.col_change }</th> }
                    <th scope="col">{ t.col_quota }</th><th scope="col">{ t.col_decided }</th>
                </tr></thead>
                <tbody>
                    { for view.ranking.iter().map(|entry| {
                        let place = tally.member_of(entry.index);
                        let member = place.and_then(|k| members.get(k));
                        let computed = entry.grade.clone();
                        // Keyed by member: a row's 组织评定 (its own state) stays with its member
                        // when more ballots move the ranking.
                        html! {
                            <tr key={entry.index.to_string()}>
                                <td>{ entry.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()) }</td>
                                <th scope="row">{ entry.subject.name.clone().unwrap_or_default() }</th>
                                <td class="num">{ entry.total.to_fixed2() }</td>
                                <td>{ computed.as_deref().map(|g| grade_label(&props.engine, g, lang)).unwrap_or_else(|| t.incomplete.to_owned()) }</td>
                                if !changes.is_empty() {
                                    <td class="num change">{ place.and_then(|k| changes.get(k)).and_then(|c| c.as_ref())
                                        .map(|c| crate::pages::result::signed(&c.total.change)).unwrap_or_else(|| "—".into()) }</td>
                                }
                                <td>{ entry.quota.map(|q| quota_text(t, q)).unwrap_or("") }</td>
                                <td>{ match member {
                                    Some(m) => html! { <Decide {lang} engine={props.engine.clone()} held={props.held.clone()} member={m.id.clone()}
                                        name={m.name.clone()} computed={computed.clone()} decided={decision(a, &m.id).cloned()} /> },
                                    None => html! {},
                                } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    };
    // --- distribution, radar, 共性问题, quota
    let distribution = html! {
        <section aria-labelledby="grades-heading">
            <h2 id="grades-heading">{ t.distribution_heading }</h2>
            <ul class="grade-counts">
                { for view.grades.iter().map(|g| html! { <li>{ grade_label(&props.engine, &g.grade, lang) }{ ": " }<strong>{ g.count }</strong></li> }) }
            </ul>
            if let Some(q) = &view.quota {
                <p class={classes!("notice", (!q.over_quota.is_empty() || !q.tie_at_cut.is_empty()).then_some("warn"))}>
                    { (t.quota_line)(&q.excellent_quota.to_fixed2(), q.allowed as usize, q.candidates as usize) }
                    { for q.over_quota.iter().filter_map(|i| tally.member_of(*i).and_then(|k| members.get(k))).map(|m| html! { <><br />{ (t.over_quota)(&m.name) }</> }) }
                    { for q.tie_at_cut.iter().filter_map(|i| tally.member_of(*i).and_then(|k| members.get(k))).map(|m| html! { <><br />{ (t.tie_at_cut)(&m.name) }</> }) }
                </p>
            }
        </section>
    };
    let radar_rows: Vec<RadarRow> = view
        .dimensions
        .iter()
        .map(|d| RadarRow {
            label: props
                .engine
                .framework()
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .map(|x| x.title.get(lang).to_owned())
                .unwrap_or_else(|| d.id.to_string()),
            score: d
                .mean_ratio
                .as_ref()
                .map(|r| r.to_fixed2())
                .unwrap_or_default(),
            max: "100.00".into(),
            ratio: d.mean_ratio.as_ref().map(|r| r.to_fixed2()),
        })
        .collect();
    let c = crate::i18n::catalog(lang);
    let weaknesses = weaknesses(t, lang, &props.engine, view);
    // --- each member's result
    let details = html! {
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{ t.members_heading }</h2>
            { for tally.results.iter().zip(members).map(|(r, m)| match r {
                Ok(r) => html! {
                    <details class="member-result">
                        <summary>{ &m.name }{ " · " }{ r.total.to_fixed2() }{ " · " }{ r.grade.as_deref().map(|g| grade_label(&props.engine, g, lang)).unwrap_or_else(|| t.incomplete.to_owned()) }</summary>
                        <ul>
                            { for r.dimensions.iter().map(|d| html! {
                                <li>{ props.engine.framework().dimensions.iter().find(|x| x.id == d.id).map(|x| x.title.get(lang).to_owned()).unwrap_or_default() }{ ": " }{ d.score.to_fixed2() }{ " / " }{ d.max.to_fixed2() }</li>
                            }) }
                        </ul>
                        { tallies(&props.engine, r, lang, t) }
                        if !r.perception.is_empty() {
                            <table class="perception">
                                <caption>{ t.perception_heading }</caption>
                                <thead><tr><th scope="col">{ t.col_item }</th><th scope="col">{ t.col_self }</th><th scope="col">{ t.col_others }</th><th scope="col">{ t.col_difference }</th></tr></thead>
                                <tbody>
                                    { for r.perception.iter().map(|p| html! {
                                        <tr><th scope="row">{ props.engine.indicator(&p.indicator).map(|i| i.title.get(lang).to_owned()).unwrap_or_default() }</th>
                                            <td>{ p.self_score.to_fixed2() }</td><td>{ p.others.to_fixed2() }</td><td>{ p.difference.to_fixed2() }</td></tr>
                                    }) }
                                </tbody>
                            </table>
                        }
                    </details>
                },
                Err(errors) => html! { <p class="notice error">{ &m.name }{ ": " }{ errors.first().map(|d| d.message(lang).to_owned()).unwrap_or_default() }</p> },
            }) }
        </section>
    };
    let _ = results_ok;
    html! {
        <>
            { attendance }
            { ranking }
            { distribution }
            if !radar_rows.is_empty() {
                <section aria-labelledby="radar-heading">
                    <h2 id="radar-heading">{ t.radar_heading }</h2>
                    <Radar rows={radar_rows} title={AttrValue::from(t.radar_heading)}
                        headers={[AttrValue::from(c.dimension), AttrValue::from(t.col_mean), AttrValue::from(c.max), AttrValue::from(c.ratio)]} />
                </section>
            }
            { weaknesses }
            { details }
        </>
    }
}

/// The votes and ticks counted for a member, per item (and sub-item) that holds a tally, with
/// the shares as the engine printed them.
fn tallies(engine: &Engine, r: &cxzy_core::ScoreResult, lang: Lang, t: &RoundsText) -> Html {
    let mut rows = Vec::new();
    let mut stack: Vec<&cxzy_core::IndicatorResult> = r.indicators.iter().rev().collect();
    while let Some(ir) = stack.pop() {
        if let (Some(tally), Some(ind)) = (&ir.tally, engine.indicator(&ir.id)) {
            rows.push(html! {
                <li><strong>{ ind.title.get(lang) }</strong>{ ": " }{ crate::services::files::tally_summary(ind, tally, lang) }</li>
            });
        }
        stack.extend(ir.items.iter().rev());
    }
    if rows.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h3 class="tally-heading">{ t.tallies_heading }</h3>
            <ul class="tallies">{ for rows }</ul>
        </>
    }
}

fn quota_text(t: &RoundsText, q: QuotaMark) -> &'static str {
    match q {
        QuotaMark::WithinQuota => t.within_quota,
        QuotaMark::OverQuota => t.over_quota_mark,
        QuotaMark::TieAtCut => t.tie_mark,
    }
}

fn weaknesses(t: &RoundsText, lang: Lang, engine: &Engine, view: &BranchView) -> Html {
    html! {
        <section aria-labelledby="weak-heading">
            <h2 id="weak-heading">{ t.weak_heading }</h2>
            <p class="muted">{ t.weak_intro }</p>
            <div class="table-scroll">
            <table class="weaknesses">
                <thead><tr><th scope="col">{ t.col_item }</th><th scope="col">{ t.col_mean }</th><th scope="col">{ t.col_below }</th></tr></thead>
                <tbody>
                    { for view.common_weaknesses.iter().map(|w| html! {
                        <tr>
                            <th scope="row">{ engine.indicator(&w.indicator).map(|i| i.title.get(lang).to_owned()).unwrap_or_else(|| w.indicator.to_string()) }</th>
                            <td class="num">{ format!("{}%", w.mean_attainment.to_fixed2()) }</td>
                            <td class="num">{ format!("{}%", w.below_60_share.to_fixed2()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DecideProps {
    lang: Lang,
    engine: Engine,
    held: Held,
    member: Id,
    name: String,
    computed: Option<Id>,
    decided: Option<cxzy_rounds::Decision>,
}

/// 组织评定 of one member: the grade the branch decides (the computed one unless changed) and,
/// where it differs, the reason — both required before it is recorded.
#[function_component]
fn Decide(props: &DecideProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    // The grade chosen here; until one is, the recorded decision or else the computed grade
    // (which follows the ballots as they come).
    let chosen = use_state(|| None::<String>);
    let grade = (*chosen).clone().unwrap_or_else(|| {
        props
            .decided
            .as_ref()
            .map(|d| d.grade.to_string())
            .or_else(|| props.computed.as_ref().map(|g| g.to_string()))
            .unwrap_or_default()
    });
    let reason = use_state(|| {
        props
            .decided
            .as_ref()
            .and_then(|d| d.reason.clone())
            .unwrap_or_default()
    });
    let problem = use_state(|| false);
    let differs = !grade.is_empty() && props.computed.as_deref() != Some(grade.as_str());
    let on_grade = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            chosen.set(Some(s.value()));
        })
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            reason.set(i.value());
        })
    };
    let on_record = {
        let (held, member, computed, grade, reason, problem) = (
            props.held.clone(),
            props.member.clone(),
            props.computed.clone(),
            grade.clone(),
            reason.clone(),
            problem.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if grade.is_empty() {
                return;
            }
            // Checked first: a refused change saves nothing.
            let decision = Some((grade.as_str().into(), (*reason).clone()));
            let Some(mut trial) = held.get() else { return };
            let ok =
                model::decide(&mut trial, &member, decision.clone(), computed.as_ref()).is_ok();
            if ok {
                held.update(|a| {
                    let _ = model::decide(a, &member, decision, computed.as_ref());
                });
            }
            problem.set(!ok);
        })
    };
    // Recorded without a reason as the computed grade, which more ballots have since changed.
    let stale = props
        .decided
        .as_ref()
        .is_some_and(|d| d.reason.is_none() && Some(&d.grade) != props.computed.as_ref());
    let on_withdraw = {
        let (held, member, chosen) = (props.held.clone(), props.member.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            held.update(|a| {
                let _ = model::decide(a, &member, None, None);
            });
            chosen.set(None);
        })
    };
    let id = format!("decide-{}", props.member);
    let recorded = props
        .decided
        .as_ref()
        .map(|d| grade_label(&props.engine, &d.grade, lang));
    html! {
        <div class="decide">
            <label class="sr-only" for={id.clone()}>{ (t.decide_label)(&props.name) }</label>
            <select id={id.clone()} class="decide-grade" onchange={on_grade}>
                // No computed grade (an incomplete result) and no decision: nothing is chosen yet.
                if grade.is_empty() { <option value="" selected=true disabled=true>{ t.choose_grade }</option> }
                { for props.engine.framework().grades.iter().map(|g| html! {
                    <option value={g.id.to_string()} selected={*g.id == *grade}>{ g.label.get(lang) }</option>
                }) }
            </select>
            if differs {
                <input type="text" class="decide-reason" maxlength="300" placeholder={t.reason_placeholder}
                    aria-label={(t.reason_label)(&props.name)} aria-invalid={problem.then_some("true")}
                    value={(*reason).clone()} oninput={on_reason} />
            }
            <button type="button" class="record-decision" onclick={on_record}>{ t.record }</button>
            if *problem { <span role="alert" class="error">{ t.reason_needed }</span> }
            if let Some(r) = recorded { <span class="muted recorded">{ (t.recorded_as)(&r) }</span> }
            if stale { <span role="alert" class="error stale">{ t.decision_stale }</span> }
            if props.decided.is_some() {
                <button type="button" class="link withdraw-decision" onclick={on_withdraw}>{ t.withdraw }</button>
            }
        </div>
    }
}

/// The 公示 (print A4, CSV), each member's result handed back, the round's archive and deletion.
fn report(props: &TallyProps, tally: &Tally, view: &BranchView) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let a = &props.archive;
    let members = &a.key.round.members;
    let on_print = Callback::from(|_: MouseEvent| print_only("print-report"));
    let on_csv = {
        let (engine, archive, tally) = (props.engine.clone(), a.clone(), tally.clone());
        Callback::from(move |_: MouseEvent| {
            let csv = model::report_csv(&engine, &archive, &tally, lang);
            let name = format!(
                "gongshi-{}.csv",
                archive.key.round.id.get(..8).unwrap_or("")
            );
            let _ = crate::services::files::download(&name, "text/csv;charset=utf-8", &csv);
        })
    };
    let hand_back = |k: usize| {
        let assessment = tally
            .opened
            .assessments
            .get(k)
            .map(|a| model::hand_back(&props.archive, a, &mut model::rng()));
        let result = tally.results.get(k).and_then(|r| r.as_ref().ok()).cloned();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = &assessment {
                let name = format!("{}.json", crate::services::files::file_stem(a));
                let text = crate::services::files::export_json(a, result.as_ref());
                let _ = crate::services::files::download(&name, "application/json", &text);
            }
        })
    };
    let on_archive = {
        let (held, today) = (props.held.clone(), props.today);
        Callback::from(move |_: MouseEvent| backup(&held, today))
    };
    let on_delete = {
        let (on_library, on_go, id, question) = (
            props.on_library.clone(),
            props.on_go.clone(),
            a.key.round.id.clone(),
            t.delete_confirm,
        );
        Callback::from(move |_: MouseEvent| {
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(question).ok())
                .unwrap_or(false);
            if sure {
                on_library.emit(LibraryAction::DeleteRound(id.clone()));
                on_go.emit(Route::Rounds);
            }
        })
    };
    let _ = &props.on_notify;
    html! {
        <>
            <div class="row wrap no-print">
                <button type="button" class="primary" id="print-report" onclick={on_print}>{ t.print_report }</button>
                <button type="button" id="download-csv" onclick={on_csv}>{ t.download_csv }</button>
            </div>
            <article class="gongshi" aria-labelledby="gongshi-heading">
                <h2 id="gongshi-heading">{ t.gongshi_heading }</h2>
                <p>{ a.key.round.title.clone().unwrap_or_default() }{ " · " }{ props.engine.framework().title.get(lang) }{ " · " }{ crate::i18n::period(lang, &a.key.round.period) }</p>
                <table class="gongshi-ranking">
                    <thead><tr><th scope="col">{ t.col_rank }</th><th scope="col">{ t.col_member }</th><th scope="col">{ t.col_total }</th><th scope="col">{ t.col_decided }</th></tr></thead>
                    <tbody>
                        { for view.ranking.iter().zip(model::standing(a, tally, view)).map(|(entry, decided)| {
                            html! {
                                <tr>
                                    <td>{ entry.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()) }</td>
                                    <th scope="row">{ entry.subject.name.clone().unwrap_or_default() }</th>
                                    <td class="num">{ entry.total.to_fixed2() }</td>
                                    <td>{ decided.as_deref().map(|g| grade_label(&props.engine, g, lang)).unwrap_or_else(|| t.incomplete.to_owned()) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <h3>{ t.distribution_heading }</h3>
                <ul class="grade-counts">
                    { for model::decided_distribution(&props.engine, a, tally, view).into_iter().map(|(g, n)| html! {
                        <li>{ grade_label(&props.engine, &g, lang) }{ ": " }<strong>{ n }</strong></li>
                    }) }
                </ul>
                { weaknesses(t, lang, &props.engine, view) }
                <p class="muted">{ t.gongshi_note }</p>
            </article>
            <section aria-labelledby="handback-heading" class="no-print">
                <h2 id="handback-heading">{ t.handback_heading }</h2>
                <p class="muted">{ t.handback_intro }</p>
                <ul class="handback">
                    { for members.iter().enumerate().map(|(k, m)| html! {
                        <li><button type="button" class="hand-back" onclick={hand_back(k)}>{ (t.handback_button)(&m.name) }</button></li>
                    }) }
                </ul>
            </section>
            <section aria-labelledby="archive-heading" class="no-print">
                <h2 id="archive-heading">{ t.archive_heading }</h2>
                <p class="muted">{ t.archive_intro }</p>
                <div class="row wrap">
                    <button type="button" id="download-archive" onclick={on_archive}>{ t.backup_button }</button>
                    <button type="button" class="danger" id="delete-round" onclick={on_delete}>{ t.delete_round }</button>
                </div>
            </section>
        </>
    }
}
