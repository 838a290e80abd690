//! The rater's side: an invitation opened (`#/vote/…`), the ballot filled in member by member,
//! sealed on this device to the round's public key and handed back as a full-screen QR code, a
//! link and a file; and a ballot link arriving on the secretary's device (`#/in/…`).

use super::engine::{use_criteria, Loaded};
use super::model::{self, blank_ballot, items_for, progress, Received};
use super::text::{text, RoundsText};
use crate::components::rating::RatingInput;
use crate::editor::share;
use crate::model::criteria::Own;
use crate::model::engine::Engine;
use crate::model::library::{Library, LibraryAction};
use crate::model::route::{RoundTab, Route};
use crate::state::frameworks::Frameworks;
use cxzy_core::{Date, Id, Lang, Rating};
use cxzy_rounds::{Ballot, Invitation, SealedBallot};
use std::rc::Rc;
use yew::prelude::*;

/// An invitation's payload (`z` + base64url of raw DEFLATE of its JSON, as criteria links).
pub fn invitation_payload(inv: &Invitation) -> String {
    share::encode(&serde_json::to_string(inv).unwrap_or_default())
}

/// The invitation of a payload, or why it cannot be read.
pub fn read_invitation(payload: &str) -> Result<Invitation, String> {
    let text = share::decode(payload).map_err(|e| format!("{e:?}"))?;
    cxzy_core::read::document::<Invitation>(&text).map_err(|errors| {
        errors
            .iter()
            .map(|d| format!("{} {}", d.path, d.message(Lang::En)))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// This page without its fragment (editor.html: the rounds live in the secretary's build).
pub fn here() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or("").to_owned()
}

pub fn invitation_link(inv: &Invitation) -> String {
    format!("{}#/vote/{}", here(), invitation_payload(inv))
}

pub fn ballot_link(b: &SealedBallot) -> String {
    format!("{}#/in/{}", here(), b.compact())
}

/// A QR code of a text as an SVG figure, or `None` when the text does not fit one code.
pub fn qr_figure(
    content: &str,
    caption: &dyn Fn(i16) -> String,
    class: &'static str,
) -> Option<Html> {
    let (dark, width, version) = share::qr(content)?;
    let size = width + 8;
    let label = caption(version);
    Some(html! {
        <figure class={classes!("qr", class)}>
            <svg viewBox={format!("0 0 {size} {size}")} role="img" aria-label={label.clone()}
                shape-rendering="crispEdges">
                <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
                <path d={share::qr_path(&dark, width)} fill="#000" />
            </svg>
            <figcaption>{ label }</figcaption>
        </figure>
    })
}

// ---------------------------------------------------------------------------------------------
// The ballot form (a rater's invitation, and the kiosk).

#[derive(Properties, PartialEq)]
pub struct BallotFormProps {
    pub lang: Lang,
    pub engine: Engine,
    pub invitation: Rc<Invitation>,
    pub on_submit: Callback<Ballot>,
    /// Where the ballot being filled is kept on this device, so that a reload (WeChat's browser
    /// reloads a page left in the background) loses nothing. None at a kiosk: a shared device
    /// keeps no one's ballot.
    #[prop_or_default]
    pub keep: bool,
}

/// The local-storage key of a rater's ballot in progress, or of their sealed ballot.
fn kept_key(kind: &str, inv: &Invitation) -> String {
    format!("cxzy/{kind}/{}", cxzy_rounds::token_id(&inv.token))
}

/// This device's local storage, where the browser gives one.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn kept<T: cxzy_core::read::Read>(key: &str) -> Option<T> {
    let text = local()?.get_item(key).ok()??;
    cxzy_core::read::document::<T>(&text).ok()
}

fn keep(key: &str, text: Result<String, serde_json::Error>) {
    if let (Some(store), Ok(text)) = (local(), text) {
        let _ = store.set_item(key, &text);
    }
}

fn forget(key: &str) {
    if let Some(store) = local() {
        let _ = store.remove_item(key);
    }
}

/// One member at a time: every item the rater's source rates, with the rate page's control, and
/// a note where the rater wants one; a progress line; submit (a second press when items are left).
#[function_component]
pub fn BallotForm(props: &BallotFormProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let ballot = use_state(|| {
        let inv = &props.invitation;
        // A kept ballot is taken only if it is this token's (same round, source and members).
        props
            .keep
            .then(|| kept::<Ballot>(&kept_key("ballot", inv)))
            .flatten()
            .filter(|b| {
                b.round == inv.round
                    && b.token == inv.token
                    && b.source == inv.source
                    && b.sheets
                        .iter()
                        .map(|s| &s.member)
                        .eq(inv.members.iter().map(|m| &m.id))
            })
            .unwrap_or_else(|| blank_ballot(inv))
    });
    {
        let (keep_it, key) = (props.keep, kept_key("ballot", &props.invitation));
        use_effect_with((*ballot).clone(), move |b| {
            if keep_it {
                keep(&key, serde_json::to_string(b));
            }
        });
    }
    let at = use_state(|| 0usize);
    let confirm = use_state(|| false);
    let engine = props.engine.clone();
    let inv = &props.invitation;
    let items = items_for(&engine, &inv.source);
    let (given, asked) = progress(&engine, &ballot);
    let n = inv.members.len();
    let k = (*at).min(n.saturating_sub(1));
    let Some(member) = inv.members.get(k) else {
        return Html::default();
    };
    let sheet = ballot.sheets.get(k);
    let rate = |indicator: Id| {
        let ballot = ballot.clone();
        let confirm = confirm.clone();
        Callback::from(move |r: Option<Rating>| {
            let mut b = (*ballot).clone();
            if let Some(s) = b.sheets.get_mut(k) {
                match r {
                    Some(r) => s.ratings.insert(indicator.clone(), r),
                    None => s.ratings.remove(&indicator),
                };
            }
            ballot.set(b);
            confirm.set(false);
        })
    };
    let note = |indicator: Id| {
        let ballot = ballot.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let mut b = (*ballot).clone();
            if let Some(s) = b.sheets.get_mut(k) {
                let text = area.value();
                if text.trim().is_empty() {
                    s.notes.remove(&indicator);
                } else {
                    s.notes.insert(indicator.clone(), text);
                }
            }
            ballot.set(b);
        })
    };
    let go = |to: usize| {
        let at = at.clone();
        Callback::from(move |e: MouseEvent| {
            at.set(to);
            crate::components::focus::refocus(&e, "#ballot-member");
        })
    };
    let on_submit = {
        let (ballot, confirm, submit) = (ballot.clone(), confirm.clone(), props.on_submit.clone());
        let complete = given == asked;
        Callback::from(move |_: MouseEvent| {
            if complete || *confirm {
                submit.emit((*ballot).clone());
            } else {
                confirm.set(true);
            }
        })
    };
    let member_given = sheet
        .map(|s| {
            items
                .iter()
                .filter(|i| s.ratings.contains_key(&i.id))
                .count()
        })
        .unwrap_or(0);
    html! {
        <section class="ballot" aria-labelledby="ballot-member">
            <p class="muted">{ (t.progress)(given, asked) }</p>
            if n > 1 {
                <nav class="row wrap members-nav" aria-label={t.members_nav}>
                    { for inv.members.iter().enumerate().map(|(i, m)| {
                        let done = ballot.sheets.get(i).map(|s| items.iter().all(|it| s.ratings.contains_key(&it.id))).unwrap_or(false);
                        html! {
                            <button type="button" class={classes!("chip", done.then_some("done"))}
                                aria-current={(i == k).then_some("step")} onclick={go(i)}>
                                { &m.name }{ if done { " ✓" } else { "" } }
                            </button>
                        }
                    }) }
                </nav>
            }
            <h2 id="ballot-member" tabindex="-1">{ (t.rating_member)(&member.name, k + 1, n) }</h2>
            <p class="muted">{ (t.member_progress)(member_given, items.len()) }</p>
            <ol class="ballot-items">
                { for items.iter().map(|ind| {
                    let name = format!("b{k}-{}", ind.id);
                    let current = sheet.and_then(|s| s.ratings.get(&ind.id)).cloned();
                    let noted = sheet.and_then(|s| s.notes.get(&ind.id)).cloned().unwrap_or_default();
                    html! {
                        <li class="ballot-item" key={name.clone()}>
                            <fieldset>
                                <legend>{ ind.title.get(lang) }</legend>
                                if let Some(g) = &ind.guidance { <p class="guidance">{ g.get(lang) }</p> }
                                <RatingInput engine={engine.clone()} indicator={ind.id.clone()} rating={current}
                                    {lang} name={AttrValue::from(name.clone())} on_change={rate(ind.id.clone())} />
                                <details class="note" open={!noted.is_empty()}>
                                    <summary>{ t.note }</summary>
                                    <textarea aria-label={format!("{} — {}", t.note, ind.title.get(lang))}
                                        maxlength="500" value={noted} oninput={note(ind.id.clone())} />
                                </details>
                            </fieldset>
                        </li>
                    }
                }) }
            </ol>
            <div class="row wrap ballot-bar">
                if k > 0 {
                    <button type="button" onclick={go(k - 1)}>{ t.previous_member }</button>
                }
                if k + 1 < n {
                    <button type="button" class="primary" onclick={go(k + 1)}>{ t.next_member }</button>
                }
                <button type="button" class={classes!("submit-ballot", (k + 1 == n).then_some("primary"))}
                    onclick={on_submit}>{ if *confirm { t.submit_anyway } else { t.submit } }</button>
            </div>
            if *confirm {
                <p role="alert" class="notice warn">{ (t.unrated_left)(asked - given) }</p>
            }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The rater's page.

#[derive(Properties, PartialEq)]
pub struct VoteProps {
    pub lang: Lang,
    pub payload: Rc<str>,
    pub frameworks: Frameworks,
    pub library: Rc<Library>,
    pub on_loaded: Callback<Engine>,
    /// A workshop's room on the server that served the app (spec §13.4): the sealed ballot is
    /// sent there as well as shown.
    #[prop_or_default]
    pub room: Option<AttrValue>,
}

/// Where a ballot sent to a room is.
#[derive(Clone, PartialEq)]
enum Sending {
    Busy,
    Sent,
    Failed(String),
}

/// What a rater's invitation opens: whom to rate and how, the ballot, then the sealed ballot.
#[function_component]
pub fn VotePage(props: &VoteProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let invitation = use_memo(props.payload.clone(), |p| read_invitation(p).map(Rc::new));
    // A ballot sealed before a reload is shown again (the rater may not have sent it yet).
    let sealed = use_state(|| {
        invitation
            .as_ref()
            .as_ref()
            .ok()
            .and_then(|inv| kept::<SealedBallot>(&kept_key("sealed", inv)))
            .map(Ok)
    });
    let sending = use_state(|| None::<Sending>);
    let send = {
        let (room, sending) = (props.room.clone(), sending.clone());
        Callback::from(move |b: SealedBallot| {
            let (Some(room), sending) = (room.clone(), sending.clone()) else {
                return;
            };
            sending.set(Some(Sending::Busy));
            wasm_bindgen_futures::spawn_local(async move {
                sending.set(Some(match super::room::post_ballot(&room, &b).await {
                    Ok(()) => Sending::Sent,
                    Err(e) => Sending::Failed(e),
                }));
            });
        })
    };
    // A ballot sealed before a reload goes to the room again (taken, or found already there).
    {
        let (send, sealed) = (send.clone(), sealed.clone());
        use_effect_with((), move |_| {
            if let Some(Ok(b)) = &*sealed {
                send.emit(b.clone());
            }
        });
    }
    let own: Vec<Own> = props.library.own.clone();
    let wanted = invitation
        .as_ref()
        .as_ref()
        .ok()
        .map(|i| i.framework.clone());
    let loaded = use_criteria(wanted, &props.frameworks, &own, props.on_loaded.clone());
    let inv = match &*invitation {
        Ok(inv) => inv.clone(),
        Err(why) => {
            return html! {
                <section aria-labelledby="vote-heading">
                    <h1 id="vote-heading" tabindex="-1">{ t.vote_heading }</h1>
                    <p role="alert" class="notice error">{ t.bad_invitation }<br /><small>{ why }</small></p>
                </section>
            }
        }
    };
    let engine = match loaded {
        Loaded::Ready(e) => e,
        Loaded::Loading => {
            return html! { <p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p> }
        }
        Loaded::Failed(why) => {
            return html! {
                <section aria-labelledby="vote-heading">
                    <h1 id="vote-heading" tabindex="-1">{ t.vote_heading }</h1>
                    <p role="alert" class="notice error">{ t.criteria_missing }<br /><small>{ why }</small></p>
                </section>
            }
        }
    };
    if inv
        .framework
        .digest
        .as_deref()
        .is_some_and(|d| d != engine.digest())
    {
        return html! {
            <section aria-labelledby="vote-heading">
                <h1 id="vote-heading" tabindex="-1">{ t.vote_heading }</h1>
                <p role="alert" class="notice error">{ t.criteria_differ }</p>
            </section>
        };
    }
    let source_label = engine
        .framework()
        .source(&inv.source)
        .map(|s| s.label.get(lang).to_owned())
        .unwrap_or_else(|| inv.source.to_string());
    let on_submit = {
        let (inv, sealed, send) = (inv.clone(), sealed.clone(), send.clone());
        Callback::from(move |b: Ballot| {
            let mut rng = model::rng();
            let done = cxzy_rounds::seal(&inv.seal_to(), &b, &mut rng)
                .map_err(|d| d.message(lang).to_owned());
            if let Ok(s) = &done {
                // Only the sealed ballot stays on the device; what was rated, in the clear, goes.
                keep(&kept_key("sealed", &inv), serde_json::to_string(s));
                forget(&kept_key("ballot", &inv));
                send.emit(s.clone());
            }
            sealed.set(Some(done));
            // After the render: the sealed ballot's heading, so a screen reader hears what to do.
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                crate::components::focus::focus_near(d.into(), "#sealed-heading");
            }
        })
    };
    let intro = html! {
        <>
            <h1 id="vote-heading" tabindex="-1">{ inv.title.clone().unwrap_or_else(|| t.vote_heading.to_owned()) }</h1>
            <p>{ engine.framework().title.get(lang) }{ " · " }{ crate::i18n::period(lang, &inv.period) }</p>
            <p class="lead">{ (t.you_rate_as)(&source_label, inv.members.len()) }</p>
            if let Some(r) = &inv.rater { <p class="muted">{ (t.given_to)(r) }</p> }
            if inv.mode == cxzy_rounds::Mode::Slips { <p class="notice">{ t.anonymous_note }</p> }
        </>
    };
    match &*sealed {
        Some(Ok(b)) => {
            let on_forget = {
                let (inv, question) = (inv.clone(), t.forget_confirm);
                Callback::from(move |_: MouseEvent| {
                    let sure = web_sys::window()
                        .and_then(|w| w.confirm_with_message(question).ok())
                        .unwrap_or(false);
                    if sure {
                        forget(&kept_key("sealed", &inv));
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    }
                })
            };
            let wt = super::room::text(lang);
            let status = match &*sending {
                None => Html::default(),
                Some(Sending::Busy) => html! { <p role="status" class="notice">{ wt.sending }</p> },
                Some(Sending::Sent) => {
                    html! { <p role="status" class="notice ok" id="sent-to-room">{ wt.sent }</p> }
                }
                Some(Sending::Failed(why)) => {
                    let (send, b) = (send.clone(), b.clone());
                    html! {
                        <div role="alert" class="notice error">
                            { wt.send_failed }{ why }
                            <button type="button" onclick={Callback::from(move |_: MouseEvent| send.emit(b.clone()))}>{ wt.send_again }</button>
                        </div>
                    }
                }
            };
            html! {
                <section aria-labelledby="vote-heading">
                    { intro }
                    { status }
                    <SealedView {lang} ballot={b.clone()} />
                    <p class="muted">{ t.kept_sealed }</p>
                    <button type="button" class="link" id="forget-ballot" onclick={on_forget}>{ t.forget_ballot }</button>
                </section>
            }
        }
        other => html! {
            <section aria-labelledby="vote-heading">
                { intro }
                if let Some(Err(why)) = other { <p role="alert" class="notice error">{ why }</p> }
                <BallotForm key={inv.token.clone()} {lang} engine={engine.clone()} invitation={inv.clone()} {on_submit} keep=true />
            </section>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct SealedProps {
    pub lang: Lang,
    pub ballot: SealedBallot,
}

/// A sealed ballot handed back: full-screen QR code (when it fits one), link, file.
#[function_component]
pub fn SealedView(props: &SealedProps) -> Html {
    let t = text(props.lang);
    let link = ballot_link(&props.ballot);
    let big = use_state(|| false);
    let qr = qr_figure(&link, &|v| (t.ballot_qr)(v), "ballot-qr");
    let on_file = {
        let b = props.ballot.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!(
                "ballot-{}-{}.json",
                b.round.get(..8).unwrap_or(""),
                b.token.get(..8).unwrap_or("")
            );
            let text = serde_json::to_string_pretty(&b).unwrap_or_default();
            let _ = crate::services::files::download(&name, "application/json", &text);
        })
    };
    let toggle = {
        let big = big.clone();
        Callback::from(move |_: MouseEvent| big.set(!*big))
    };
    html! {
        <div class="sealed" role="region" aria-label={t.sealed_heading}>
            <h2 tabindex="-1" id="sealed-heading">{ t.sealed_heading }</h2>
            <p role="status">{ t.sealed_intro }</p>
            { match qr {
                Some(figure) => html! {
                    <div class={classes!("qr-box", big.then_some("fullscreen"))}>
                        { figure }
                        <button type="button" class="qr-size" onclick={toggle}>{ if *big { t.qr_smaller } else { t.qr_fullscreen } }</button>
                    </div>
                },
                None => html! { <p class="notice warn" role="status">{ (t.ballot_too_big)(link.len()) }</p> },
            } }
            <label class="field">
                <span>{ t.ballot_link }</span>
                <input type="text" class="ballot-link" readonly=true value={link.clone()} />
            </label>
            <div class="row wrap">
                <CopyLink lang={props.lang} link={AttrValue::from(link.clone())} />
                <button type="button" class="download-ballot" onclick={on_file}>{ t.save_file }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    pub lang: Lang,
    pub link: AttrValue,
}

/// Copies a link to the clipboard and says whether it could (where the browser offers no
/// clipboard — plain HTTP, some in-app browsers — the link is there to copy by hand).
#[function_component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let t = text(props.lang);
    let copied = use_state(|| None::<bool>);
    let on_copy = {
        let (link, copied) = (props.link.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, copied) = (link.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(crate::editor::page::copy_to_clipboard(&link).await));
            });
        })
    };
    html! {
        <>
            <button type="button" onclick={on_copy}>{ t.copy_link }</button>
            <span role="status">{ match *copied { Some(true) => t.copied, Some(false) => t.copy_by_hand, None => "" } }</span>
        </>
    }
}

// ---------------------------------------------------------------------------------------------
// A ballot link arriving at the secretary's device.

#[derive(Properties, PartialEq)]
pub struct BallotInProps {
    pub lang: Lang,
    pub today: Date,
    pub ballot: Rc<str>,
    pub frameworks: Frameworks,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_loaded: Callback<Engine>,
    pub on_go: Callback<Route>,
}

/// A ballot sent back by link: received into its round when this device holds it.
#[function_component]
pub fn BallotInPage(props: &BallotInProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let sealed = SealedBallot::from_compact(&props.ballot);
    let stored = sealed
        .as_ref()
        .and_then(|b| props.library.round(&b.round).cloned());
    let archive = use_memo(stored.clone(), |v| v.as_ref().map(|v| model::read(v)));
    let wanted = archive
        .as_ref()
        .as_ref()
        .and_then(|a| a.as_ref().ok())
        .map(|a| a.key.round.framework.clone());
    let loaded = use_criteria(
        wanted,
        &props.frameworks,
        &props.library.own,
        props.on_loaded.clone(),
    );
    let outcome = use_state(|| None::<Received>);
    {
        let (outcome, archive, on_library) =
            (outcome.clone(), archive.clone(), props.on_library.clone());
        let (ballot, ready) = (
            sealed.clone(),
            match &loaded {
                Loaded::Ready(e) => Some(e.clone()),
                _ => None,
            },
        );
        use_effect_with((props.ballot.clone(), ready.is_some()), move |_| {
            if outcome.is_some() {
                return;
            }
            let (Some(engine), Some(Ok(archive)), Some(ballot)) =
                (ready, (*archive).clone(), ballot)
            else {
                return;
            };
            let mut archive = archive;
            let got = model::receive(&engine, &mut archive, vec![ballot], &mut model::rng());
            if matches!(got.first(), Some(Received::Accepted(_))) {
                on_library.emit(LibraryAction::SaveRound(Rc::new(model::to_value(&archive))));
            }
            outcome.set(got.into_iter().next());
        });
    }
    let body = match (&sealed, &*archive, &*outcome) {
        (None, _, _) => html! { <p role="alert" class="notice error">{ t.bad_ballot_link }</p> },
        (Some(_), None, _) => {
            html! { <p role="alert" class="notice error">{ t.round_not_here }</p> }
        }
        (Some(_), Some(Err(_)), _) => {
            html! { <p role="alert" class="notice error">{ t.round_unreadable }</p> }
        }
        (Some(_), Some(Ok(_)), None) => match &loaded {
            Loaded::Failed(why) => {
                html! { <p role="alert" class="notice error">{ t.criteria_missing }<br /><small>{ why }</small></p> }
            }
            _ => html! { <p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p> },
        },
        (Some(_), Some(Ok(_)), Some(r)) => {
            html! { <p role="status" class={classes!("notice", matches!(r, Received::Refused(_)).then_some("error"))}>{ received_text(t, lang, r) }</p> }
        }
    };
    let to_round = sealed.as_ref().map(|b| {
        let go = props.on_go.clone();
        let id: Rc<str> = b.round.as_str().into();
        Callback::from(move |_: MouseEvent| {
            go.emit(Route::Round {
                id: id.clone(),
                tab: RoundTab::Collect,
            })
        })
    });
    html! {
        <section aria-labelledby="in-heading">
            <h1 id="in-heading" tabindex="-1">{ t.in_heading }</h1>
            { body }
            if let (Some(go), Some(_)) = (to_round, stored) {
                <p><button type="button" onclick={go}>{ t.to_collect }</button></p>
            }
        </section>
    }
}

/// What became of a ballot, in words (a refusal with its reasons).
pub fn received_text(t: &RoundsText, lang: Lang, r: &Received) -> String {
    match r {
        Received::Accepted(_) => t.accepted.to_owned(),
        Received::Again => t.again.to_owned(),
        Received::Refused(errors) => format!(
            "{} {}",
            t.refused,
            errors
                .iter()
                .map(|d| format!("{} ({})", d.message(lang), d.code.as_str()))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}
