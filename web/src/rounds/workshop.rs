//! Workshops (spec §13.4): a trainer teaches how the evaluation works with a demo case shipped
//! beside the app (`demo/member.json`: a fictional member, the page of 事迹 everyone reads, and
//! the sheets of the member's other raters; `demo/branch.json`: a 12-member branch whose ballots
//! are all in). The trainer opens a round whose participants' source is open (spec §12.6) and,
//! when the app is served by `cxzy serve`, a room; participants join by the QR code or the short
//! code, rate on their phones and submit — to the room, or as a QR code for the trainer's
//! collector when the app is static: the same sealed ballot either way. The projector shows the
//! live count; results stay hidden until the trainer reveals them.
//!
//! What this module computes is only what the engine gives: the combined result is
//! `engine.score` of the member's assessment (the participants' opened ballots and the case's
//! sheets), the dropped sheets are `cxzy_core::score::trimmed_away`, 自评与他评 is the result's
//! perception.

use super::ballot::{here, local, qr_figure, VotePage};
use super::engine::{use_criteria, Loaded};
use super::model;
use super::room::{api_error, get_text, send};
use crate::editor::share;
use crate::model::engine::Engine;
use crate::model::library::{Library, LibraryAction};
use crate::model::route::{RoundTab, Route};
use crate::state::frameworks::Frameworks;
use cxzy_core::{Date, Diagnostic, Exact, FrameworkRef, Id, Lang, Period, ScoreResult, Units};
use cxzy_rounds::{Member, Mode, Plan, Round, RoundArchive, Setup, SourcePlan};
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

// ---------------------------------------------------------------------------------------------
// The demo case, without the browser.

/// Text in the app's three languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Tri {
    hans: Value,
    hant: Value,
    en: Value,
}

impl Tri {
    fn read(v: &Value) -> Tri {
        Tri {
            hans: v["zh-Hans"].clone(),
            hant: v["zh-Hant"].clone(),
            en: v["en"].clone(),
        }
    }

    fn pick(&self, lang: Lang) -> &Value {
        let v = match lang {
            Lang::ZhHans => &self.hans,
            Lang::ZhHant => &self.hant,
            Lang::En => &self.en,
        };
        if v.is_null() {
            &self.hans
        } else {
            v
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        self.pick(lang).as_str().unwrap_or_default().to_owned()
    }

    pub fn paragraphs(&self, lang: Lang) -> Vec<String> {
        self.pick(lang)
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// `cxzy/demo-case@1`: the member everyone rates, with the case's own sheets (自评, 组织评价,
/// 群众评议); the participants rate as `participants`.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoCase {
    pub id: String,
    pub framework: String,
    pub period: Period,
    pub member: Member,
    pub title: Tri,
    pub story: Tri,
    pub participants: Id,
    /// The case's sheets, as an assessment's (spec §2.3).
    pub sheets: Vec<Value>,
}

/// The largest demo case read (a page of text and a few sheets).
const MAX_CASE_BYTES: usize = 256 * 1024;

/// Reads a demo case; what is wrong, said with where.
pub fn demo_case(text: &str) -> Result<DemoCase, String> {
    if text.len() > MAX_CASE_BYTES {
        return Err(format!("the demo case is over {MAX_CASE_BYTES} bytes"));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| format!("demo case: {e}"))?;
    if v["schema"] != "cxzy/demo-case@1" {
        return Err("demo case: /schema is not \"cxzy/demo-case@1\"".into());
    }
    let s = |path: &str| -> Result<String, String> {
        v.pointer(path)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("demo case: {path} is missing"))
    };
    let date = |path: &str| -> Result<Date, String> {
        s(path)?
            .parse()
            .map_err(|_| format!("demo case: {path} is not a date"))
    };
    Ok(DemoCase {
        id: s("/id")?,
        framework: s("/framework")?,
        period: Period {
            start: date("/period/start")?,
            end: date("/period/end")?,
            label: None,
        },
        member: Member {
            id: s("/member/id")?.as_str().into(),
            name: s("/member/name")?,
            group: None,
        },
        title: Tri::read(&v["title"]),
        story: Tri::read(&v["story"]),
        participants: s("/participants")?.as_str().into(),
        sheets: v["sheets"].as_array().cloned().unwrap_or_default(),
    })
}

/// The round a workshop opens: the case's member, the participants' source open to all.
pub fn setup(case: &DemoCase, lang: Lang) -> Setup {
    Setup {
        title: Some(case.title.text(lang)),
        period: case.period.clone(),
        members: vec![case.member.clone()],
        sources: vec![SourcePlan {
            source: case.participants.clone(),
            plan: Plan::Open,
        }],
    }
}

/// What the projector reveals.
#[derive(Clone, Debug, PartialEq)]
pub struct Revealed {
    /// The participants' ballots counted.
    pub participants: usize,
    /// The engine's result of the member: the participants' sheets and the case's.
    pub result: ScoreResult,
    pub items: Vec<Spread>,
}

/// One item as the participants rated it: their sheet scores, what the trimmed mean left out,
/// their source's score, and the item's combined score.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub indicator: Id,
    pub scores: Vec<Units>,
    pub dropped: Option<(Units, Units)>,
    pub source_score: Option<Exact>,
    pub combined: Option<Exact>,
    pub points: String,
}

/// Opens the workshop's ballots, adds the case's sheets and scores the member; then each item's
/// spread. Errors as the engine gives them.
pub fn reveal(
    engine: &Engine,
    case: &DemoCase,
    archive: &RoundArchive,
    today: Date,
) -> Result<Revealed, Vec<Diagnostic>> {
    let tally = model::tally(engine, archive, today)?;
    let Some(opened) = tally.opened.assessments.first() else {
        return Err(vec![Diagnostic::new(
            cxzy_core::Code::Empty,
            "/members",
            "the workshop's round has no member",
            "演示轮次没有评议对象",
        )]);
    };
    let participants = opened.sheets.len();
    let mut value = serde_json::to_value(opened).unwrap_or(Value::Null);
    if let Some(sheets) = value.get_mut("sheets").and_then(Value::as_array_mut) {
        sheets.extend(case.sheets.iter().cloned());
    }
    let assessment = cxzy_core::assessment_from_value(&value)?;
    let result = engine.score(&assessment, today)?;
    let aggregate = engine
        .framework()
        .source(&case.participants)
        .map(|s| s.aggregate)
        .unwrap_or(cxzy_core::Aggregate::Mean);
    let items = result
        .indicators
        .iter()
        .filter_map(|ir| {
            let source = ir.sources.iter().find(|s| s.id == case.participants)?;
            let scores: Vec<Units> = source.sheets.iter().map(|s| s.score).collect();
            let raw: Vec<i64> = scores.iter().map(|u| u.0).collect();
            Some(Spread {
                indicator: ir.id.clone(),
                // Only where the engine aggregated the source (present: enough raters).
                dropped: source
                    .score
                    .as_ref()
                    .and_then(|_| cxzy_core::score::trimmed_away(aggregate, &raw))
                    .map(|(lo, hi)| (Units(lo), Units(hi))),
                scores,
                source_score: source.score.clone(),
                combined: ir.combined.clone(),
                points: ir.points.fixed2(),
            })
        })
        .collect();
    Ok(Revealed {
        participants,
        result,
        items,
    })
}

/// A workshop as the trainer's device keeps it (local storage `cxzy/workshop`): its round (in
/// the library), its room on `cxzy serve` if any, and whether the results are shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub round: String,
    pub room: Option<(String, String)>,
    pub revealed: bool,
}

impl Session {
    pub fn to_json(&self) -> String {
        json!({
            "round": self.round,
            "room": self.room.as_ref().map(|(id, _)| id),
            "secret": self.room.as_ref().map(|(_, s)| s),
            "revealed": self.revealed,
        })
        .to_string()
    }

    pub fn from_json(text: &str) -> Option<Session> {
        let v: Value = serde_json::from_str(text).ok()?;
        let room = match (v["room"].as_str(), v["secret"].as_str()) {
            (Some(r), Some(s)) => Some((r.to_owned(), s.to_owned())),
            _ => None,
        };
        Some(Session {
            round: v["round"].as_str()?.to_owned(),
            room,
            revealed: v["revealed"].as_bool().unwrap_or(false),
        })
    }
}

/// The participants' link: the room's code where there is a room, else the round itself packed
/// (as criteria links are) for a participant whose ballot comes back as a QR code.
pub fn join_code(round: &Round, room: Option<&str>) -> String {
    match room {
        Some(r) => r.to_owned(),
        None => share::encode(&serde_json::to_string(round).unwrap_or_default()),
    }
}

// ---------------------------------------------------------------------------------------------
// The browser: fetching, the room's API, local storage.

const SESSION_KEY: &str = "cxzy/workshop";

fn load_session() -> Option<Session> {
    Session::from_json(&local()?.get_item(SESSION_KEY).ok()??)
}

fn save_session(s: Option<&Session>) {
    if let Some(store) = local() {
        let _ = match s {
            Some(s) => store.set_item(SESSION_KEY, &s.to_json()),
            None => store.remove_item(SESSION_KEY),
        };
    }
}

/// Opens a room for the round on the server that served the app: `None` when the app is static
/// (no `cxzy serve` behind it), an error when the server refused.
async fn open_room(round: &Round) -> Result<Option<(String, String)>, String> {
    if !super::room::served_by_cxzy() {
        return Ok(None);
    }
    let (status, body) = send("POST", "api/v1/rooms", None, String::new()).await?;
    if status != 201 {
        return Err(api_error(status, &body));
    }
    let v: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let (Some(room), Some(secret)) = (v["room"].as_str(), v["secret"].as_str()) else {
        return Err("the room's answer names no room".into());
    };
    let round_json = serde_json::to_string(round).map_err(|e| e.to_string())?;
    let (status, body) = send(
        "PUT",
        &format!("api/v1/rooms/{room}/round"),
        Some(secret),
        round_json,
    )
    .await?;
    if status != 201 && status != 200 {
        // A room without its round is no use: it goes (best effort), and the reason is said.
        let _ = send(
            "DELETE",
            &format!("api/v1/rooms/{room}"),
            Some(secret),
            String::new(),
        )
        .await;
        return Err(api_error(status, &body));
    }
    Ok(Some((room.to_owned(), secret.to_owned())))
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The demo case shipped beside the app.
#[hook]
fn use_demo_case() -> Option<Result<Rc<DemoCase>, String>> {
    let case = use_state(|| None::<Result<Rc<DemoCase>, String>>);
    {
        let case = case.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let got = match get_text("demo/member.json", None).await {
                    Ok((200, text)) => demo_case(&text).map(Rc::new),
                    Ok((status, _)) => Err(format!("demo/member.json: HTTP {status}")),
                    Err(e) => Err(e),
                };
                case.set(Some(got));
            });
        });
    }
    (*case).clone()
}

// ---------------------------------------------------------------------------------------------
// The trainer's page: the projector view.

#[derive(Properties, PartialEq)]
pub struct WorkshopProps {
    pub lang: Lang,
    pub today: Date,
    pub frameworks: Frameworks,
    pub library: Rc<Library>,
    pub on_library: Callback<LibraryAction>,
    pub on_loaded: Callback<Engine>,
    pub on_go: Callback<Route>,
}

#[function_component]
pub fn WorkshopPage(props: &WorkshopProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let case = use_demo_case();
    let session = use_state(load_session);
    // Set at once on a press (a state would be read stale by a second click in the same frame).
    let busy = use_mut_ref(|| false);
    let busy_shown = use_state_eq(|| false);
    // Equal values do not redraw: the poller sets it every 2 s.
    let problem = use_state_eq(|| None::<String>);
    // Ballots the room held that did not open (another round's, changed, a squatter's junk).
    let refusals = use_mut_ref(|| 0usize);
    let refused_shown = use_state_eq(|| 0usize);
    let wanted = match &case {
        Some(Ok(c)) => Some(FrameworkRef {
            id: c.framework.as_str().into(),
            version: String::new(),
            digest: None,
        }),
        _ => None,
    };
    let loaded = use_criteria(
        wanted,
        &props.frameworks,
        &props.library.own,
        props.on_loaded.clone(),
    );
    let stored = session
        .as_ref()
        .and_then(|s| props.library.round(&s.round).cloned());
    let archive = use_memo(stored.clone(), |v| {
        v.as_ref().and_then(|v| model::read(v).ok()).map(Rc::new)
    });
    // The revealed figures, opened and scored once per change of the round (not per redraw).
    let revealed = {
        let shown = session.as_ref().is_some_and(|s| s.revealed);
        let inputs = (
            (*archive).clone().filter(|_| shown),
            case.as_ref().and_then(|c| c.as_ref().ok()).cloned(),
            props.today,
            match &loaded {
                Loaded::Ready(e) => Some(e.clone()),
                _ => None,
            },
        );
        use_memo(inputs, |(archive, case, today, engine)| {
            let (Some(archive), Some(case), Some(engine)) = (archive, case, engine) else {
                return None;
            };
            Some(reveal(engine, case, archive, *today))
        })
    };
    // The archive as it is now, for the room's poller (which outlives a render).
    let latest = use_mut_ref(|| None::<Rc<RoundArchive>>);
    *latest.borrow_mut() = (*archive).clone();
    let engine = match &loaded {
        Loaded::Ready(e) => Some(e.clone()),
        _ => None,
    };

    // The room's ballots, every two seconds, into the round (as the collector receives them).
    {
        let (latest, on_library) = (latest.clone(), props.on_library.clone());
        let room = session.as_ref().and_then(|s| s.room.clone());
        let engine = engine.clone();
        let problem = problem.clone();
        let (refusals, refused_shown) = (refusals.clone(), refused_shown.clone());
        use_effect_with((room, engine.is_some()), move |(room, _)| {
            let alive = Rc::new(Cell::new(true));
            if let (Some((room, secret)), Some(engine)) = (room.clone(), engine) {
                let alive = alive.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut after = 0i64;
                    while alive.get() {
                        let url = format!("api/v1/rooms/{room}/ballots?after={after}");
                        match get_text(&url, Some(&secret)).await {
                            Ok((200, body)) => {
                                let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                                let incoming: Vec<cxzy_rounds::SealedBallot> = v["ballots"]
                                    .as_array()
                                    .map(|a| {
                                        a.iter()
                                            .filter_map(|b| {
                                                cxzy_core::read::document_from_value(&b["ballot"])
                                                    .ok()
                                            })
                                            .collect()
                                    })
                                    .unwrap_or_default();
                                let last = v["last"].as_i64().unwrap_or(after);
                                let current = latest.borrow().clone();
                                // Read on only once this page is received into the round (no
                                // round here yet: the same page again next time).
                                if current.is_some() || incoming.is_empty() {
                                    after = last;
                                }
                                if let (false, Some(current)) = (incoming.is_empty(), current) {
                                    let mut archive = (*current).clone();
                                    let got = model::receive(
                                        &engine,
                                        &mut archive,
                                        incoming,
                                        &mut model::rng(),
                                    );
                                    let refused = got
                                        .iter()
                                        .filter(|r| matches!(r, model::Received::Refused(_)))
                                        .count();
                                    if refused > 0 {
                                        *refusals.borrow_mut() += refused;
                                        refused_shown.set(*refusals.borrow());
                                    }
                                    if got
                                        .iter()
                                        .any(|r| matches!(r, model::Received::Accepted(_)))
                                    {
                                        let archive = Rc::new(archive);
                                        *latest.borrow_mut() = Some(archive.clone());
                                        on_library.emit(LibraryAction::SaveRound(Rc::new(
                                            model::to_value(&archive),
                                        )));
                                    }
                                }
                                problem.set(None);
                            }
                            Ok((status, body)) => problem.set(Some(api_error(status, &body))),
                            Err(e) => problem.set(Some(e)),
                        }
                        if !alive.get() {
                            break;
                        }
                        sleep(2000).await;
                    }
                });
            }
            move || alive.set(false)
        });
    }

    let heading = html! { <h1 id="workshop-heading" tabindex="-1">{ t.heading }</h1> };
    let case = match case {
        None => {
            return html! { <section aria-labelledby="workshop-heading">{ heading }<p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p></section> }
        }
        Some(Err(why)) => {
            return html! { <section aria-labelledby="workshop-heading">{ heading }<p role="alert" class="notice error">{ t.no_case }<br /><small>{ why }</small></p></section> }
        }
        Some(Ok(c)) => c,
    };
    let Some(engine) = engine else {
        return html! {
            <section aria-labelledby="workshop-heading">{ heading }
                if let Loaded::Failed(why) = &loaded { <p role="alert" class="notice error">{ why }</p> }
                else { <p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p> }
            </section>
        };
    };

    let on_start = {
        let (case, engine, session, busy, problem, on_library, today) = (
            case.clone(),
            engine.clone(),
            session.clone(),
            busy.clone(),
            problem.clone(),
            props.on_library.clone(),
            props.today,
        );
        let busy_shown = busy_shown.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy.borrow() {
                return;
            }
            let mut archive = match model::create(&engine, &setup(&case, lang), &mut model::rng()) {
                Ok(a) => a,
                Err(e) => {
                    problem.set(e.first().map(|d| d.message(lang).to_owned()));
                    return;
                }
            };
            // A demo round holds nothing worth a backup: no backup is asked for.
            archive.backed_up = Some(today);
            let round = archive.key.round.clone();
            on_library.emit(LibraryAction::SaveRound(Rc::new(model::to_value(&archive))));
            *busy.borrow_mut() = true;
            busy_shown.set(true);
            let (session, busy, busy_shown, problem) = (
                session.clone(),
                busy.clone(),
                busy_shown.clone(),
                problem.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let room = match open_room(&round).await {
                    Ok(room) => room,
                    Err(e) => {
                        problem.set(Some(e));
                        None
                    }
                };
                let s = Session {
                    round: round.id.clone(),
                    room,
                    revealed: false,
                };
                save_session(Some(&s));
                session.set(Some(s));
                *busy.borrow_mut() = false;
                busy_shown.set(false);
            });
        })
    };

    let story = html! {
        <details class="workshop-story">
            <summary>{ t.story }</summary>
            { for case.story.paragraphs(lang).into_iter().map(|p| html! { <p>{ p }</p> }) }
        </details>
    };
    let on_branch = {
        let (on_library, on_go, problem) = (
            props.on_library.clone(),
            props.on_go.clone(),
            problem.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (on_library, on_go, problem) = (on_library.clone(), on_go.clone(), problem.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let got = match get_text("demo/branch.json", None).await {
                    Ok((200, text)) => serde_json::from_str::<Value>(&text)
                        .map_err(|e| e.to_string())
                        .and_then(|v| {
                            model::read(&v).map(|a| (a, v)).map_err(|e| {
                                e.first()
                                    .map(|d| d.message(lang).to_owned())
                                    .unwrap_or_default()
                            })
                        }),
                    Ok((status, _)) => Err(format!("demo/branch.json: HTTP {status}")),
                    Err(e) => Err(e),
                };
                match got {
                    Ok((archive, value)) => {
                        on_library.emit(LibraryAction::SaveRound(Rc::new(value)));
                        on_go.emit(Route::Round {
                            id: archive.key.round.id.as_str().into(),
                            tab: RoundTab::Tally,
                        });
                    }
                    Err(e) => problem.set(Some(e)),
                }
            });
        })
    };
    let branch_lesson = html! {
        <section class="workshop-branch" aria-labelledby="branch-lesson">
            <h2 id="branch-lesson">{ t.branch_heading }</h2>
            <p>{ t.branch_intro }</p>
            <button type="button" id="open-branch-lesson" onclick={on_branch}>{ t.branch_open }</button>
        </section>
    };
    let problem_line = (*problem)
        .clone()
        .map(|p| html! { <p role="alert" class="notice error">{ p }</p> });

    let (Some(s), Some(archive)) = ((*session).clone(), (*archive).clone()) else {
        return html! {
            <section aria-labelledby="workshop-heading" class="workshop">
                { heading }
                <p class="lead">{ t.intro }</p>
                <h2>{ case.title.text(lang) }</h2>
                { story }
                { for problem_line }
                <button type="button" class="primary big" id="start-workshop" disabled={*busy_shown} onclick={on_start}>{ t.start }</button>
                { branch_lesson }
            </section>
        };
    };

    let round = &archive.key.round;
    let count = archive.ballots.len();
    let code = join_code(round, s.room.as_ref().map(|(r, _)| r.as_str()));
    let link = format!("{}#/join/{}", here(), code);
    let qr = qr_figure(&link, &|_| t.join_qr.to_owned(), "join-qr");
    let set_revealed = |to: bool| {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut s) = (*session).clone() {
                s.revealed = to;
                save_session(Some(&s));
                session.set(Some(s));
            }
            // The pressed button is replaced by its opposite: focus goes there, not to the page.
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                let next = if to {
                    "#hide-results"
                } else {
                    "#reveal-results"
                };
                crate::components::focus::focus_near(d.into(), next);
            }
        })
    };
    let on_reset = {
        let (session, on_library, question) =
            (session.clone(), props.on_library.clone(), t.reset_confirm);
        let s = s.clone();
        Callback::from(move |_: MouseEvent| {
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(question).ok())
                .unwrap_or(false);
            if !sure {
                return;
            }
            if let Some((room, secret)) = s.room.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = send(
                        "DELETE",
                        &format!("api/v1/rooms/{room}"),
                        Some(&secret),
                        String::new(),
                    )
                    .await;
                });
            }
            on_library.emit(LibraryAction::DeleteRound(s.round.as_str().into()));
            save_session(None);
            session.set(None);
        })
    };
    let on_collect = {
        let (go, id) = (props.on_go.clone(), round.id.clone());
        Callback::from(move |_: MouseEvent| {
            go.emit(Route::Round {
                id: id.as_str().into(),
                tab: RoundTab::Collect,
            })
        })
    };
    let results = if s.revealed {
        match &*revealed {
            Some(Ok(r)) => revealed_view(&engine, &case, r, lang),
            None => Html::default(),
            Some(Err(e)) => {
                html! { <p role="alert" class="notice error">{ e.first().map(|d| d.message(lang).to_owned()).unwrap_or_default() }</p> }
            }
        }
    } else {
        html! { <p class="muted" id="results-hidden">{ t.hidden }</p> }
    };
    html! {
        <section aria-labelledby="workshop-heading" class="workshop projector">
            { heading }
            <h2 class="workshop-title">{ case.title.text(lang) }</h2>
            <div class="workshop-join">
                { for qr }
                <div>
                    <p class="lead">{ t.join_how }</p>
                    if let Some((room, _)) = &s.room {
                        <p class="room-code"><span class="sr-only">{ (t.room_code_label)("") }</span>{ room }</p>
                    } else {
                        <p class="notice">{ t.static_mode }</p>
                        <button type="button" onclick={on_collect}>{ t.collect }</button>
                    }
                    <p class="join-link"><small>{ link.clone() }</small></p>
                </div>
            </div>
            <p class="live-count" role="status" aria-live="polite">
                <span class="big-number" id="ballot-count">{ count }</span>{ " " }{ t.received }
            </p>
            if *refused_shown > 0 { <p class="notice warn" id="refused-count">{ (t.refused)(*refused_shown) }</p> }
            { for problem_line }
            <div class="row wrap workshop-bar">
                if s.revealed {
                    <button type="button" id="hide-results" onclick={set_revealed(false)}>{ t.hide }</button>
                } else {
                    <button type="button" class="primary big" id="reveal-results" onclick={set_revealed(true)}>{ t.reveal }</button>
                }
                <button type="button" id="reset-workshop" onclick={on_reset}>{ t.reset }</button>
            </div>
            { results }
            { story }
            { branch_lesson }
        </section>
    }
}

/// The revealed results: the combined result, each item's spread and what the trimmed mean
/// dropped, 自评与他评.
fn revealed_view(engine: &Engine, case: &DemoCase, r: &Revealed, lang: Lang) -> Html {
    let t = text(lang);
    let fw = engine.framework();
    let res = &r.result;
    let grade = res
        .grade
        .as_ref()
        .and_then(|g| fw.grades.iter().find(|x| x.id == *g))
        .map(|g| g.label.get(lang).to_owned())
        .unwrap_or_else(|| t.no_grade.to_owned());
    let source = fw.source(&case.participants);
    let source_label = source
        .map(|s| s.label.get(lang).to_owned())
        .unwrap_or_else(|| case.participants.to_string());
    let trimmed = source.is_some_and(|s| s.aggregate == cxzy_core::Aggregate::TrimmedMean);
    let title = |id: &Id| {
        engine
            .indicator(id)
            .map(|i| i.title.get(lang).to_owned())
            .unwrap_or_else(|| id.to_string())
    };
    html! {
        <div class="workshop-results" id="workshop-results">
            <h2>{ t.combined_heading }</h2>
            <p class="result-total"><span class="big-number" id="combined-total">{ res.total.to_fixed2() }</span>
                { format!(" / {}", res.max.to_fixed2()) }{ " · " }<strong id="combined-grade">{ grade }</strong></p>
            <p class="muted">{ (t.combined_from)(r.participants, &source_label) }</p>
            if trimmed { <p class="notice">{ (t.trim_rule)(&source_label) }</p> }
            <div class="table-scroll">
            <table class="figures spread" id="spread">
                <caption>{ (t.spread_caption)(&source_label) }</caption>
                <thead><tr>
                    <th scope="col">{ t.item }</th>
                    <th scope="col">{ t.sheets }</th>
                    <th scope="col">{ t.dropped }</th>
                    <th scope="col" class="num">{ source_label.clone() }</th>
                    <th scope="col" class="num">{ t.combined }</th>
                </tr></thead>
                <tbody>{ for r.items.iter().map(|it| {
                    let mut sorted = it.scores.clone();
                    sorted.sort();
                    html! {
                        <tr data-indicator={it.indicator.to_string()}>
                            <th scope="row">{ title(&it.indicator) }</th>
                            <td class="num">{ sorted.iter().map(|u| u.to_fixed2()).collect::<Vec<_>>().join(" · ") }</td>
                            <td class="num">{ match it.dropped {
                                Some((lo, hi)) => (t.dropped_pair)(&lo.to_fixed2(), &hi.to_fixed2()),
                                None => "—".into(),
                            } }</td>
                            <td class="num">{ it.source_score.as_ref().map(|x| x.to_fixed2()).unwrap_or_else(|| "—".into()) }</td>
                            <td class="num">{ format!("{} / {}", it.combined.as_ref().map(|x| x.to_fixed2()).unwrap_or_else(|| "—".into()), it.points) }</td>
                        </tr>
                    }
                }) }</tbody>
            </table>
            </div>
            if !res.perception.is_empty() {
                <h3>{ t.perception_heading }</h3>
                <div class="table-scroll">
                <table class="figures" id="perception">
                    <thead><tr><th scope="col">{ t.item }</th><th scope="col" class="num">{ t.self_score }</th><th scope="col" class="num">{ t.others_score }</th><th scope="col" class="num">{ t.difference }</th></tr></thead>
                    <tbody>{ for res.perception.iter().map(|p| html! {
                        <tr>
                            <th scope="row">{ title(&p.indicator) }</th>
                            <td class="num">{ p.self_score.to_fixed2() }</td>
                            <td class="num">{ p.others.to_fixed2() }</td>
                            <td class="num">{ crate::components::explain::signed(&p.difference.to_fixed2()) }</td>
                        </tr>
                    }) }</tbody>
                </table>
                </div>
            }
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// The participant's page.

#[derive(Properties, PartialEq)]
pub struct JoinProps {
    pub lang: Lang,
    pub code: Rc<str>,
    pub frameworks: Frameworks,
    pub library: Rc<Library>,
    pub on_loaded: Callback<Engine>,
}

/// The round of a join link: from the room, or unpacked from the link.
async fn join_round(code: &str) -> Result<(Round, Option<String>), String> {
    if let Some(room) = cxzy_rounds::room_code(code) {
        let (status, body) = get_text(&format!("api/v1/rooms/{room}/round"), None).await?;
        if status != 200 {
            return Err(api_error(status, &body));
        }
        let round = cxzy_core::read::document::<Round>(&body).map_err(|e| {
            e.first()
                .map(|d| d.message(Lang::En).to_owned())
                .unwrap_or_default()
        })?;
        Ok((round, Some(room)))
    } else {
        let text = share::decode(code).map_err(|e| format!("{e:?}"))?;
        let round = cxzy_core::read::document::<Round>(&text).map_err(|e| {
            e.first()
                .map(|d| d.message(Lang::En).to_owned())
                .unwrap_or_default()
        })?;
        Ok((round, None))
    }
}

/// A participant joins: the round from the room (or the link), their own invitation to its open
/// source — made once on this device and kept, so a reload continues the same ballot — the
/// case's 事迹 to read first, then the ballot; sealed, it goes to the room, or is shown as a QR
/// code for the trainer's collector.
#[function_component]
pub fn JoinPage(props: &JoinProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    // The invitation's payload, the room, and whom the round rates (the case's 事迹 come first
    // only where the round rates the case's member).
    let joined = use_state(|| None::<Result<(Rc<str>, Option<String>, Vec<String>), String>>);
    let case = use_demo_case();
    {
        let joined = joined.clone();
        use_effect_with(props.code.clone(), move |code| {
            let code = code.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let got = join_round(&code).await.and_then(|(round, room)| {
                    let key = format!("cxzy/join/{}", round.id);
                    let kept = local()
                        .and_then(|s| s.get_item(&key).ok().flatten())
                        .and_then(|text| share::decode(&text).ok().map(|_| text));
                    let payload = match kept {
                        Some(p) => p,
                        None => {
                            let source = round
                                .sources
                                .iter()
                                .find(|s| s.mode == Mode::Open)
                                .map(|s| s.source.to_string())
                                .ok_or("this round is not open to participants")?;
                            let inv = round
                                .open_invitation(&source, &mut model::rng())
                                .ok_or("this round is not open to participants")?;
                            let p = super::ballot::invitation_payload(&inv);
                            if let Some(s) = local() {
                                let _ = s.set_item(&key, &p);
                            }
                            p
                        }
                    };
                    let members = round.members.iter().map(|m| m.id.to_string()).collect();
                    Ok((Rc::<str>::from(payload), room, members))
                });
                joined.set(Some(got));
            });
        });
    }
    let story = |members: &[String]| match &case {
        Some(Ok(c)) if members.iter().any(|m| *m == *c.member.id) => Some(html! {
            <details class="workshop-story" open=true>
                <summary>{ t.story_first }</summary>
                <h2>{ c.title.text(lang) }</h2>
                { for c.story.paragraphs(lang).into_iter().map(|p| html! { <p>{ p }</p> }) }
            </details>
        }),
        _ => None,
    };
    match &*joined {
        None => html! { <p aria-live="polite">{ crate::i18n::catalog(lang).loading }</p> },
        Some(Err(why)) => html! {
            <section aria-labelledby="join-heading">
                <h1 id="join-heading" tabindex="-1">{ t.join_heading }</h1>
                <p role="alert" class="notice error">{ t.cannot_join }<br /><small>{ why }</small></p>
            </section>
        },
        Some(Ok((payload, room, members))) => html! {
            <>
                { for story(members) }
                <VotePage key={payload.to_string()} {lang} payload={payload.clone()} frameworks={props.frameworks.clone()}
                    library={props.library.clone()} on_loaded={props.on_loaded.clone()}
                    room={room.clone().map(AttrValue::from)} />
            </>
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Strings.

pub struct WorkshopText {
    pub heading: &'static str,
    pub intro: &'static str,
    pub no_case: &'static str,
    pub story: &'static str,
    pub story_first: &'static str,
    pub start: &'static str,
    pub join_qr: &'static str,
    pub join_how: &'static str,
    pub room_code_label: fn(&str) -> String,
    pub static_mode: &'static str,
    pub collect: &'static str,
    pub received: &'static str,
    pub refused: fn(usize) -> String,
    pub reveal: &'static str,
    pub hide: &'static str,
    pub hidden: &'static str,
    pub reset: &'static str,
    pub reset_confirm: &'static str,
    pub branch_heading: &'static str,
    pub branch_intro: &'static str,
    pub branch_open: &'static str,
    pub combined_heading: &'static str,
    pub combined_from: fn(usize, &str) -> String,
    pub no_grade: &'static str,
    pub trim_rule: fn(&str) -> String,
    pub spread_caption: fn(&str) -> String,
    pub item: &'static str,
    pub sheets: &'static str,
    pub dropped: &'static str,
    pub dropped_pair: fn(&str, &str) -> String,
    pub combined: &'static str,
    pub perception_heading: &'static str,
    pub self_score: &'static str,
    pub others_score: &'static str,
    pub difference: &'static str,
    pub join_heading: &'static str,
    pub cannot_join: &'static str,
}

const ZH_HANS: WorkshopText = WorkshopText {
    heading: "培训演示",
    intro: "用演示案例讲解评议怎样进行：学员扫码加入，在手机上评价同一名演示党员；提交的评价在本机汇总，您揭晓后才显示。",
    no_case: "无法读取演示案例。",
    story: "演示案例的事迹",
    story_first: "请先阅读事迹",
    start: "开始一轮演示",
    join_qr: "扫码加入评议",
    join_how: "用手机扫码，或在浏览器中打开下面的链接：",
    room_code_label: |code| format!("评议室代码 {code}"),
    static_mode: "本页不是由 cxzy serve 提供的：学员提交后会显示二维码，请用摄像头收票。",
    collect: "用摄像头收票",
    received: "份评价已收到",
    refused: |n| format!("另有 {n} 份无法打开，未计入（不属于本轮、被改动或伪造）。"),
    reveal: "揭晓结果",
    hide: "隐藏结果",
    hidden: "结果已隐藏：学员评价时看不到别人的评价。",
    reset: "下一轮（清空）",
    reset_confirm: "结束这一轮演示？已收到的评价和评议室都将删除。",
    branch_heading: "支部评议演练",
    branch_intro: "一个 12 名党员的演示支部，选票已全部收齐：看汇总、并列名次和优秀比例——比例是上限，不搞矮子里面拔大个。",
    branch_open: "打开演示支部",
    combined_heading: "综合结果",
    combined_from: |n, source| format!("{n} 份学员评价（{source}），加上案例中的自评、群众评议和组织评价，由评分引擎计算。"),
    no_grade: "未达任何等次",
    trim_rule: |source| format!("{source}「去掉最高最低后平均」：3 份及以上时，去掉一个最高分和一个最低分再平均，以减少个别极端评价的影响。"),
    spread_caption: |source| format!("各项的{source}分布"),
    item: "项目",
    sheets: "各份得分（从低到高）",
    dropped: "去掉的最低 / 最高",
    dropped_pair: |lo, hi| format!("{lo} / {hi}"),
    combined: "综合得分 / 满分",
    perception_heading: "自评与他评",
    self_score: "自评",
    others_score: "他评",
    difference: "差",
    join_heading: "加入评议",
    cannot_join: "无法加入：链接不完整，或评议室已关闭。",
};

const ZH_HANT: WorkshopText = WorkshopText {
    heading: "培訓演示",
    intro: "用演示案例講解評議怎樣進行：學員掃碼加入，在手機上評價同一名演示黨員；提交的評價在本機匯總，您揭曉後才顯示。",
    no_case: "無法讀取演示案例。",
    story: "演示案例的事蹟",
    story_first: "請先閱讀事蹟",
    start: "開始一輪演示",
    join_qr: "掃碼加入評議",
    join_how: "用手機掃碼，或在瀏覽器中打開下面的連結：",
    room_code_label: |code| format!("評議室代碼 {code}"),
    static_mode: "本頁不是由 cxzy serve 提供的：學員提交後會顯示二維碼，請用攝像頭收票。",
    collect: "用攝像頭收票",
    received: "份評價已收到",
    refused: |n| format!("另有 {n} 份無法打開，未計入（不屬於本輪、被改動或偽造）。"),
    reveal: "揭曉結果",
    hide: "隱藏結果",
    hidden: "結果已隱藏：學員評價時看不到別人的評價。",
    reset: "下一輪（清空）",
    reset_confirm: "結束這一輪演示？已收到的評價和評議室都將刪除。",
    branch_heading: "支部評議演練",
    branch_intro: "一個 12 名黨員的演示支部，選票已全部收齊：看匯總、並列名次和優秀比例——比例是上限，不搞矮子裡面拔大個。",
    branch_open: "打開演示支部",
    combined_heading: "綜合結果",
    combined_from: |n, source| format!("{n} 份學員評價（{source}），加上案例中的自評、群眾評議和組織評價，由評分引擎計算。"),
    no_grade: "未達任何等次",
    trim_rule: |source| format!("{source}「去掉最高最低後平均」：3 份及以上時，去掉一個最高分和一個最低分再平均，以減少個別極端評價的影響。"),
    spread_caption: |source| format!("各項的{source}分佈"),
    item: "項目",
    sheets: "各份得分（從低到高）",
    dropped: "去掉的最低 / 最高",
    dropped_pair: |lo, hi| format!("{lo} / {hi}"),
    combined: "綜合得分 / 滿分",
    perception_heading: "自評與他評",
    self_score: "自評",
    others_score: "他評",
    difference: "差",
    join_heading: "加入評議",
    cannot_join: "無法加入：連結不完整，或評議室已關閉。",
};

const EN: WorkshopText = WorkshopText {
    heading: "Workshop",
    intro: "Teach how the evaluation works with a demo case: participants join by QR code and rate the same demo member on their phones; their ratings are tallied on this device and shown only when you reveal them.",
    no_case: "The demo case cannot be read.",
    story: "The demo case's record",
    story_first: "Read the record first",
    start: "Start a demo round",
    join_qr: "Scan to join",
    join_how: "Scan with a phone, or open this link in a browser:",
    room_code_label: |code| format!("Room code {code}"),
    static_mode: "This page is not served by cxzy serve: participants' ballots come back as QR codes; collect them with the camera.",
    collect: "Collect with the camera",
    received: "ballots received",
    refused: |n| format!("{n} more did not open and are not counted (another round's, changed or forged)."),
    reveal: "Reveal the results",
    hide: "Hide the results",
    hidden: "Results are hidden: participants rate without seeing anyone else's answers.",
    reset: "Next round (clear)",
    reset_confirm: "End this demo round? The ballots received and the room will be deleted.",
    branch_heading: "A branch's evaluation",
    branch_intro: "A demo branch of 12 members whose ballots are all in: the tally, tied ranks and the quota of 优秀 — a ceiling, not a target (no 矮子里面拔大个).",
    branch_open: "Open the demo branch",
    combined_heading: "Combined result",
    combined_from: |n, source| format!("{n} participants' ballots ({source}), with the case's self-assessment, 群众评议 and organisation's assessment, computed by the engine."),
    no_grade: "No grade reached",
    trim_rule: |source| format!("{source} uses a trimmed mean: from 3 sheets on, one highest and one lowest score are dropped before averaging, so that a single extreme rating weighs less."),
    spread_caption: |source| format!("Each item's {source} scores"),
    item: "Item",
    sheets: "Sheet scores (low to high)",
    dropped: "Dropped lowest / highest",
    dropped_pair: |lo, hi| format!("{lo} / {hi}"),
    combined: "Combined / max",
    perception_heading: "Self and others",
    self_score: "Self",
    others_score: "Others",
    difference: "Difference",
    join_heading: "Join",
    cannot_join: "Cannot join: the link is incomplete, or the room has closed.",
};

pub fn text(lang: Lang) -> &'static WorkshopText {
    match lang {
        Lang::ZhHans => &ZH_HANS,
        Lang::ZhHant => &ZH_HANT,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounds::model::{blank_ballot, receive, Received};
    use cxzy_core::{Prepared, Rating};
    use cxzy_rounds::rand_core::SeedableRng as _;

    fn engine() -> Engine {
        let text = |s: &str| json!({"zh-Hans": s});
        Engine::new(
            Prepared::from_value(&json!({
                "schema": "cxzy/framework@1", "id": "ws-test", "version": "1", "subject": "member",
                "title": text("测试"),
                "dimensions": [{"id": "d", "title": text("带头"), "indicators": [
                    {"id": "study", "title": text("学习"), "points": 10, "scale": {"kind": "levels", "levels": [
                        {"id": "good", "label": text("好"), "percent": 100},
                        {"id": "fair", "label": text("中"), "percent": 60},
                        {"id": "poor", "label": text("差"), "percent": 0}]}}]}],
                "grades": [{"id": "best", "label": text("优秀"), "min_total": 9},
                           {"id": "ok", "label": text("合格"), "min_total": 0}],
                "sources": [
                    {"id": "self", "label": text("自评"), "weight": 20, "aggregate": "mean", "min_raters": 1},
                    {"id": "peer", "label": text("互评"), "weight": 80, "aggregate": "trimmed_mean", "min_raters": 1}]
            }))
            .unwrap(),
        )
    }

    fn case_text() -> String {
        json!({
            "schema": "cxzy/demo-case@1", "id": "demo", "framework": "ws-test",
            "period": {"start": "2026-07-01", "end": "2026-12-31"},
            "member": {"id": "wh", "name": "王红"},
            "title": {"zh-Hans": "演示", "en": "Demo"},
            "story": {"zh-Hans": ["一", "二"], "zh-Hant": ["壹"], "en": ["one"]},
            "participants": "peer",
            "sheets": [{"source": "self", "ratings": {"study": "good"}}]
        })
        .to_string()
    }

    #[test]
    fn a_demo_case_reads_and_says_what_is_missing() {
        let case = demo_case(&case_text()).unwrap();
        assert_eq!(case.member.name, "王红");
        assert_eq!(case.story.paragraphs(Lang::ZhHans), vec!["一", "二"]);
        assert_eq!(case.story.paragraphs(Lang::En), vec!["one"]);
        // A language missing falls back to 简体.
        assert_eq!(case.title.text(Lang::ZhHant), "演示");
        let mut v: Value = serde_json::from_str(&case_text()).unwrap();
        v["member"].as_object_mut().unwrap().remove("name");
        assert_eq!(
            demo_case(&v.to_string()).unwrap_err(),
            "demo case: /member/name is missing"
        );
        v["schema"] = json!("cxzy/other@1");
        assert!(demo_case(&v.to_string()).unwrap_err().contains("/schema"));
        assert!(demo_case("not json").is_err());
    }

    #[test]
    fn the_revealed_result_is_the_engine_s_of_participants_and_case_sheets() {
        let engine = engine();
        let case = demo_case(&case_text()).unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        let mut archive = model::create(&engine, &setup(&case, Lang::ZhHans), &mut rng).unwrap();
        assert!(
            archive.key.round.tokens.is_empty(),
            "an open source issues nothing"
        );
        let round = archive.key.round.clone();
        let levels = ["good", "good", "fair", "poor"];
        let sealed: Vec<_> = levels
            .iter()
            .map(|level| {
                let inv = round.open_invitation("peer", &mut rng).unwrap();
                let mut b = blank_ballot(&inv);
                b.sheets[0]
                    .ratings
                    .insert("study".into(), Rating::Level((*level).into()));
                cxzy_rounds::seal(&round, &b, &mut rng).unwrap()
            })
            .collect();
        let got = receive(&engine, &mut archive, sealed.clone(), &mut rng);
        assert!(
            got.iter().all(|r| *r == Received::Accepted("peer".into())),
            "{got:?}"
        );
        // The same participant's ballot again changes nothing.
        assert_eq!(
            receive(&engine, &mut archive, vec![sealed[0].clone()], &mut rng),
            vec![Received::Again]
        );
        let today: Date = "2026-12-31".parse().unwrap();
        let r = reveal(&engine, &case, &archive, today).unwrap();
        assert_eq!(r.participants, 4);
        let study = &r.items[0];
        assert_eq!(study.scores.len(), 4);
        // Trimmed: 10, 10, 6, 0 → without 0 and 10: (10 + 6) / 2 = 8; self 10.
        assert_eq!(study.dropped, Some((Units(0), Units(10 * Units::ONE))));
        assert_eq!(study.source_score.as_ref().unwrap().to_fixed2(), "8.00");
        // Combined: (20 × 10 + 80 × 8) / 100 = 8.40.
        assert_eq!(study.combined.as_ref().unwrap().to_fixed2(), "8.40");
        assert_eq!(r.result.total.to_fixed2(), "8.40");
        assert_eq!(r.result.grade.as_deref(), Some("ok"));
        // 自评与他评: the engine's perception, self above others.
        let p = &r.result.perception[0];
        assert_eq!(
            (p.self_score.to_fixed2(), p.others.to_fixed2()),
            ("10.00".into(), "8.00".into())
        );
    }

    #[test]
    fn a_session_and_a_join_code_read_back() {
        let s = Session {
            round: "ab".into(),
            room: Some(("K7M3QX".into(), "secret".into())),
            revealed: true,
        };
        assert_eq!(Session::from_json(&s.to_json()), Some(s));
        let alone = Session {
            round: "ab".into(),
            room: None,
            revealed: false,
        };
        assert_eq!(Session::from_json(&alone.to_json()), Some(alone));
        let is_room_code = |c: &str| cxzy_rounds::room_code(c).is_some();
        assert_eq!(cxzy_rounds::room_code("k7m3qx").as_deref(), Some("K7M3QX"));
        assert!(is_room_code("K7M3QX") && is_room_code("k7m3qx"));
        assert!(!is_room_code("K7M3Q0") && !is_room_code("K7M3Q") && !is_room_code("zabcdef"));
        let engine = engine();
        let case = demo_case(&case_text()).unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
        let archive = model::create(&engine, &setup(&case, Lang::En), &mut rng).unwrap();
        let round = &archive.key.round;
        assert_eq!(join_code(round, Some("K7M3QX")), "K7M3QX");
        let packed = join_code(round, None);
        let back: Round = cxzy_core::read::document(&share::decode(&packed).unwrap()).unwrap();
        assert_eq!(&back, round);
        assert!(!is_room_code(&packed));
    }

    /// The demo case shipped beside the app reads and, with a few participants, scores against
    /// the built-in criteria it names; the demo branch is a round archive every ballot of which
    /// opens.
    #[test]
    fn the_shipped_demo_case_and_branch_score_with_the_built_in_criteria() {
        let engine = Engine::load(include_str!(
            "../../../core/frameworks/json/member-five-leads.json"
        ))
        .unwrap();
        let case = demo_case(include_str!("../../demo/member.json")).unwrap();
        assert_eq!(case.framework, "member-five-leads");
        assert!(case.story.paragraphs(Lang::ZhHans).len() >= 3);
        assert!(!case.story.paragraphs(Lang::ZhHant).is_empty());
        assert!(!case.story.paragraphs(Lang::En).is_empty());
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
        let mut archive = model::create(&engine, &setup(&case, Lang::ZhHans), &mut rng).unwrap();
        let round = archive.key.round.clone();
        let sealed: Vec<_> = (0..3)
            .map(|k| {
                let inv = round.open_invitation(&case.participants, &mut rng).unwrap();
                let mut b = blank_ballot(&inv);
                for item in model::items_for(&engine, &case.participants) {
                    let r = match &item.scale {
                        cxzy_core::Scale::Levels { levels, .. } => {
                            Rating::Level(levels[k % levels.len()].id.clone())
                        }
                        cxzy_core::Scale::Check => Rating::Check(true),
                        _ => continue,
                    };
                    b.sheets[0].ratings.insert(item.id.clone(), r);
                }
                cxzy_rounds::seal(&round, &b, &mut rng).unwrap()
            })
            .collect();
        let got = receive(&engine, &mut archive, sealed, &mut rng);
        assert!(
            got.iter().all(|r| matches!(r, Received::Accepted(_))),
            "{got:?}"
        );
        let r = reveal(&engine, &case, &archive, "2026-12-31".parse().unwrap()).unwrap();
        assert_eq!(r.participants, 3);
        assert!(r.result.complete || !r.items.is_empty());
        assert!(
            r.items.iter().any(|i| i.dropped.is_some()),
            "peer is a trimmed mean"
        );
        assert!(
            !r.result.perception.is_empty(),
            "the case's 自评 differs from others'"
        );

        let branch: Value = serde_json::from_str(include_str!("../../demo/branch.json")).unwrap();
        let archive = model::read(&branch).unwrap();
        assert_eq!(archive.key.round.members.len(), 12);
        let t = model::tally(&engine, &archive, "2026-12-31".parse().unwrap()).unwrap();
        assert!(t.opened.refused.is_empty(), "{:?}", t.opened.refused);
        assert_eq!(
            t.opened.accepted.values().sum::<usize>(),
            archive.ballots.len()
        );
        assert_eq!(t.branch.as_ref().unwrap().count, 12);
    }
}
