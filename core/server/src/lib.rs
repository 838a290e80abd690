//! cxzy-server: `cxzy serve` — the engine over HTTP for portal backends whose code is Java or
//! Python (a score computed in a browser can be forged; the backend re-scores what members
//! submit). The same documents, codes and paths as the command line and the JS API (spec §9):
//! `200` with the document; `422` with `{"errors": [{input, code, path, message}]}`; `413` over
//! the request limit. Number literals are kept exactly as written (serde_json's
//! `arbitrary_precision`, as everywhere).
//!
//! | route | body | answer |
//! | --- | --- | --- |
//! | `POST /api/v1/validate` | `{framework}` or `{framework, assessment}` | the framework's `{id, version, digest}` |
//! | `POST /api/v1/score` | `{framework, assessment, today?, previous?}` | `cxzy/result@1` (with `previous`: `{result, trend}`) |
//! | `POST /api/v1/branch` | `{framework, results, excellent_quota?}` | `cxzy/branch@1` |
//! | `GET /api/v1/frameworks` | | the catalogue of built-ins |
//! | `GET /api/v1/frameworks/{id}` | | a built-in framework |
//! | `GET /api/v1/info` | | engine version, limits |
//! | `GET /api/v1/openapi.json` | | the API's OpenAPI description (`docs/openapi.json`) |
//!
//! `framework` is a framework document or a built-in's id. `?lang=en` (or `zh-Hant`) gives the
//! messages in that language; `zh-Hans` by default. Issue 13's rooms and the embedded app come
//! next.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod app;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use cxzy_core::diag::push_error;
use cxzy_core::read::json::Tape;
use cxzy_core::read::{Kind, Node};
use cxzy_core::{
    branch, iso_date, parse_quota, trend, Assessment, Code, Diagnostic, Exact, Lang, Prepared,
    ResultSummary, ScoreOptions, MAX_SHEETS,
};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

pub mod rooms;
pub mod store;

/// The largest request body read (a county's branch view of thousands of results).
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// The OpenAPI description, kept in the repository (a test holds it to the routes).
pub const OPENAPI: &str = include_str!("../../../docs/openapi.json");

/// The API's routes.
pub fn router() -> Router {
    Router::new()
        .route("/api/v1/validate", post(validate))
        .route("/api/v1/score", post(score))
        .route("/api/v1/branch", post(branch_view))
        .route("/api/v1/frameworks", get(frameworks))
        .route("/api/v1/frameworks/{id}", get(framework))
        .route("/api/v1/info", get(info))
        .route("/api/v1/openapi.json", get(openapi))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
}

/// Where rooms are stored.
#[derive(Clone, Debug)]
pub enum Storage {
    /// SQLite in this directory (`--data DIR`).
    Sqlite(std::path::PathBuf),
    /// Postgres at this URL (`--database postgres://…`).
    Postgres(String),
}

/// What `cxzy serve` is asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub addr: SocketAddr,
    /// `--lan`: print this machine's network addresses and a QR code of the first.
    pub lan: bool,
    pub storage: Storage,
    pub rooms: rooms::Config,
}

/// Opens the storage: a wrong path or URL is said before anything is served.
pub async fn open_store(storage: &Storage) -> Result<store::Store, store::StoreError> {
    match storage {
        Storage::Sqlite(dir) => store::Store::sqlite(dir),
        Storage::Postgres(url) => store::Store::postgres(url).await,
    }
}

/// Everything served: the scoring API, the rooms, and the app (every other path).
pub fn app(rooms: rooms::Rooms) -> Router {
    router()
        .merge(rooms::router(rooms))
        // An unknown API path is the API's 404, not the app's page.
        .route("/api/{*rest}", axum::routing::any(no_route))
        .merge(app::router())
}

async fn no_route(uri: axum::http::Uri, q: Query<LangQuery>) -> Response {
    let mut r = Refused::one(
        "request",
        Code::UnknownReference,
        "",
        format!(
            "no such route: {} (GET /api/v1/openapi.json lists them)",
            uri.path()
        ),
        format!(
            "没有这个接口:{}(GET /api/v1/openapi.json 可列出)",
            uri.path()
        ),
    );
    r.status = StatusCode::NOT_FOUND;
    r.answer(lang_of(&q))
}

/// Serves until Ctrl-C or SIGTERM. Prints where.
pub async fn serve(options: Options) -> std::io::Result<()> {
    let store = open_store(&options.storage)
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let rooms = rooms::Rooms::new(store, options.rooms.clone());
    rooms.purge_now_and_then();
    let listener = tokio::net::TcpListener::bind(options.addr).await?;
    let local = listener.local_addr()?;
    println!("cxzy serve: http://{local}/");
    if options.lan {
        print!("{}", app::lan_banner(local.port()));
    }
    if !app::embedded() {
        println!("(no app in this binary: `trunk build --release`, then build cxzy again)");
    }
    match &options.storage {
        Storage::Sqlite(dir) => println!("rooms stored in {}", dir.join("rooms.sqlite3").display()),
        // Never the URL: it may carry a password.
        Storage::Postgres(_) => println!("rooms stored in Postgres"),
    }
    axum::serve(
        listener,
        app(rooms).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
}

/// Ctrl-C, or SIGTERM (a service manager stopping us).
async fn shutdown() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves on a runtime of its own until stopped (what `cxzy serve` calls).
pub fn run(options: Options) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(options))
}

// ---------------------------------------------------------------------------------------------
// Answers.

/// One error of a refused request: which part of the body, and the engine's diagnostic.
#[derive(Serialize)]
struct ErrorEntry<'a> {
    input: &'a str,
    code: &'static str,
    path: &'a str,
    message: &'a str,
}

/// A refused request: every error found, each in the part of the body it is about.
struct Refused {
    status: StatusCode,
    errors: Vec<(&'static str, Diagnostic)>,
}

impl Refused {
    fn new(input: &'static str, errors: Vec<Diagnostic>) -> Refused {
        Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors: errors.into_iter().map(|d| (input, d)).collect(),
        }
    }

    fn one(input: &'static str, code: Code, path: &str, en: String, zh: String) -> Refused {
        Refused::new(input, vec![Diagnostic::new(code, path, en, zh)])
    }

    fn answer(self, lang: Lang) -> Response {
        errors_answer(
            self.status,
            self.errors.iter().map(|(input, d)| ErrorEntry {
                input,
                code: d.code.as_str(),
                path: &d.path,
                message: d.message(lang),
            }),
        )
    }
}

/// A refusal as every route answers it: `{"errors": [{input, code, path, message}]}`.
fn errors_answer<'a>(
    status: StatusCode,
    entries: impl IntoIterator<Item = ErrorEntry<'a>>,
) -> Response {
    let entries: Vec<ErrorEntry> = entries.into_iter().collect();
    json(status, serde_json::json!({ "errors": entries }).to_string())
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

/// A document answered as serde_json writes it: the command line's line, byte for byte.
fn document(value: &impl Serialize) -> Result<Response, Refused> {
    serde_json::to_string(value)
        .map(|text| json(StatusCode::OK, text))
        .map_err(|e| {
            Refused::one(
                "request",
                Code::Internal,
                "",
                format!("the answer could not be written: {e}"),
                format!("无法写出结果:{e}"),
            )
        })
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

fn lang_of(q: &LangQuery) -> Lang {
    q.lang.as_deref().and_then(Lang::parse).unwrap_or_default()
}

fn finish(lang: Lang, answer: Result<Response, Refused>) -> Response {
    answer.unwrap_or_else(|r| r.answer(lang))
}

// ---------------------------------------------------------------------------------------------
// Reading a request.

/// The request's body, or why it cannot be read (over the limit: `413`).
fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Refused> {
    body.map_err(|e| {
        let too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
        let mut r = Refused::new(
            "request",
            vec![if too_large {
                cxzy_core::too_large(MAX_REQUEST_BYTES + 1)
            } else {
                Diagnostic::new(
                    Code::WrongType,
                    "",
                    format!("the request body cannot be read: {e}"),
                    format!("无法读取请求体:{e}"),
                )
            }],
        );
        if too_large {
            r.status = StatusCode::PAYLOAD_TOO_LARGE;
        }
        r
    })
}

/// The request's JSON as a tape (no tree is built: each document is read from where it is
/// written, as the command line reads a file, and a framework's text is its cache key as written).
fn request_tape(bytes: &Bytes) -> Result<Tape<'_>, Refused> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Refused::one(
            "request",
            Code::JsonSyntax,
            "",
            format!("the request is not UTF-8: {e}"),
            format!("请求不是 UTF-8 文本:{e}"),
        )
    })?;
    cxzy_core::read::tape(text).map_err(|e| Refused::new("request", e))
}

/// The request's object, its members checked: those outside `allowed` are refused, those in
/// `required` must be there.
fn members<'a>(
    tape: &'a Tape<'a>,
    allowed: &[&str],
    required: &[&str],
) -> Result<Node<'a>, Refused> {
    let map = tape.root();
    if map.kind() != Kind::Object {
        return Err(Refused::one(
            "request",
            Code::WrongType,
            "",
            "the request must be a JSON object".into(),
            "请求应为 JSON 对象".into(),
        ));
    }
    let mut errors = Vec::new();
    // Each unknown key once, however often it is written (a hash set: a list searched for each
    // of a million keys would be quadratic).
    let mut unknown: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (key, _) in map.members() {
        if errors.len() > cxzy_core::diag::MAX_ERRORS {
            break;
        }
        if allowed.contains(&key) || !unknown.insert(key) {
            continue;
        }
        push_error(
            &mut errors,
            Diagnostic::new(
                Code::UnknownField,
                format!("/{}", cxzy_core::diag::pointer_token(key)),
                format!("unknown member \"{key}\"; allowed: {}", allowed.join(", ")),
                format!("未知成员「{key}」;可用:{}", allowed.join("、")),
            ),
        );
    }
    for key in required.iter().filter(|k| map.get(k).is_none()) {
        push_error(&mut errors, missing(key));
    }
    if errors.is_empty() {
        Ok(map)
    } else {
        Err(Refused::new("request", errors))
    }
}

fn missing(key: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        format!("/{key}"),
        format!("\"{key}\" is required"),
        format!("缺少「{key}」"),
    )
}

/// A member that [`members`] made sure of.
fn member<'a>(map: Node<'a>, key: &str) -> Result<Node<'a>, Refused> {
    map.get(key)
        .ok_or_else(|| Refused::new("request", vec![missing(key)]))
}

/// A member that is absent or `null`, or else the value.
fn optional<'a>(map: Node<'a>, key: &str) -> Option<Node<'a>> {
    map.get(key).filter(|v| !v.is_null())
}

/// A document of type `T` read from where it is written in the request; its errors' paths are
/// inside it, under `input`.
fn read_member<T: cxzy_core::read::Read>(v: Node<'_>, input: &'static str) -> Result<T, Refused> {
    cxzy_core::read::document_at(v, &cxzy_core::read::Path::Root)
        .map_err(|e| Refused::new(input, e))
}

thread_local! {
    /// Each worker thread's last eight prepared frameworks (`Prepared` is not `Send`).
    static RECENT: std::cell::RefCell<cxzy_core::Recent> =
        const { std::cell::RefCell::new(cxzy_core::Recent::new(8)) };
}

/// A framework's text prepared, from the thread's recent ones when it was seen.
fn prepare(text: &str) -> Result<std::rc::Rc<Prepared>, Refused> {
    RECENT
        .with(|r| r.borrow_mut().prepare(text))
        .map_err(|e| Refused::new("framework", e))
}

/// `framework`: a framework document, or a built-in's id.
fn prepared(map: Node<'_>) -> Result<std::rc::Rc<Prepared>, Refused> {
    let v = member(map, "framework")?;
    if let Some(id) = v.as_str() {
        return match cxzy_frameworks::text(id) {
            Some(text) => prepare(text),
            None => Err(Refused::one(
                "framework",
                Code::UnknownReference,
                "",
                format!("\"{id}\" is not a built-in framework (GET /api/v1/frameworks lists them)"),
                format!("「{id}」不是内置评价标准(GET /api/v1/frameworks 可列出)"),
            )),
        };
    }
    // The document's text as written (only a string, handled above, can lack it): the same
    // framework, the same key.
    prepare(v.raw().unwrap_or("null"))
}

fn string_option<'a>(map: Node<'a>, key: &str) -> Result<Option<&'a str>, Refused> {
    match optional(map, key) {
        None => Ok(None),
        Some(v) => v.as_str().map(Some).ok_or_else(|| {
            Refused::one(
                "request",
                Code::WrongType,
                &format!("/{key}"),
                format!("\"{key}\" must be a string"),
                format!("「{key}」应为字符串"),
            )
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// The routes.

async fn validate(q: Query<LangQuery>, body: Result<Bytes, BytesRejection>) -> Response {
    finish(
        lang_of(&q),
        (|| {
            let bytes = body_bytes(body)?;
            let tape = request_tape(&bytes)?;
            let map = members(&tape, &["framework", "assessment"], &["framework"])?;
            let scorer = prepared(map)?;
            if let Some(a) = map.get("assessment") {
                let a: Assessment = read_member(a, "assessment")?;
                let errors = scorer.check(&a);
                if !errors.is_empty() {
                    return Err(Refused::new("assessment", errors));
                }
            }
            document(&scorer.stamp())
        })(),
    )
}

/// `{result, trend}`: what `score` answers with `previous`.
#[derive(Serialize)]
struct ScoreWithTrend<'a> {
    result: &'a cxzy_core::ScoreResult,
    trend: &'a cxzy_core::Trend,
}

async fn score(q: Query<LangQuery>, body: Result<Bytes, BytesRejection>) -> Response {
    finish(
        lang_of(&q),
        (|| {
            let bytes = body_bytes(body)?;
            let tape = request_tape(&bytes)?;
            let map = members(
                &tape,
                &["framework", "assessment", "today", "previous"],
                &["framework", "assessment"],
            )?;
            let today = match string_option(map, "today")? {
                Some(t) => Some(iso_date(t).ok_or_else(|| {
                    Refused::one(
                        "request",
                        Code::InvalidDate,
                        "/today",
                        format!("today \"{t}\" is not a date YYYY-MM-DD"),
                        format!("today「{t}」不是 YYYY-MM-DD 日期"),
                    )
                })?),
                None => None,
            };
            let previous: Option<ResultSummary> = match optional(map, "previous") {
                None => None,
                Some(p) => Some(read_member(p, "previous")?),
            };
            let scorer = prepared(map)?;
            let a: Assessment = read_member(member(map, "assessment")?, "assessment")?;
            let result = scorer
                .score(&a, &ScoreOptions { today })
                .map_err(|e| Refused::new("assessment", e))?;
            match previous {
                None => document(&result),
                Some(previous) => {
                    let trend = trend(scorer.framework(), &previous, &result.summary())
                        .map_err(|e| Refused::new("previous", e))?;
                    document(&ScoreWithTrend {
                        result: &result,
                        trend: &trend,
                    })
                }
            }
        })(),
    )
}

async fn branch_view(q: Query<LangQuery>, body: Result<Bytes, BytesRejection>) -> Response {
    finish(
        lang_of(&q),
        (|| {
            let bytes = body_bytes(body)?;
            let tape = request_tape(&bytes)?;
            let map = members(
                &tape,
                &["framework", "results", "excellent_quota"],
                &["framework", "results"],
            )?;
            let quota: Option<Exact> = match optional(map, "excellent_quota") {
                None => None,
                Some(v) => {
                    let text = v.as_str().or(v.as_number()).unwrap_or("");
                    // As written (a string with escapes: as JSON writes it).
                    let v = v.raw().map(str::to_owned).unwrap_or_else(|| {
                        serde_json::to_string(text).unwrap_or_else(|_| text.to_owned())
                    });
                    Some(parse_quota(text).ok_or_else(|| {
                    Refused::one(
                        "request",
                        Code::InvalidValue,
                        "/excellent_quota",
                        format!("excellent_quota {v} is not a percent (20, \"12.5\") or a share (\"1/3\")"),
                        format!("excellent_quota {v} 不是百分数(20、\"12.5\")或分数(\"1/3\")"),
                    )
                })?)
                }
            };
            let items = member(map, "results")?;
            if items.kind() != Kind::Array {
                return Err(Refused::one(
                    "request",
                    Code::WrongType,
                    "/results",
                    "\"results\" must be an array of result documents".into(),
                    "「results」应为结果文档的数组".into(),
                ));
            }
            if items.len() > MAX_SHEETS {
                return Err(Refused::one(
                    "results",
                    Code::TooMany,
                    "",
                    format!("{} results; at most {MAX_SHEETS}", items.len()),
                    format!("共 {} 个结果,最多 {MAX_SHEETS} 个", items.len()),
                ));
            }
            // Each result read where it is written, its errors under /i.
            let summaries: Vec<ResultSummary> =
                cxzy_core::read::documents_in(items).map_err(|e| Refused::new("results", e))?;
            let scorer = prepared(map)?;
            let view = branch(&scorer, &summaries, quota.as_ref()).map_err(|e| {
                // The quota's range is an option's error; the rest are about the results.
                let (quota, results): (Vec<_>, Vec<_>) =
                    e.into_iter().partition(|d| d.path == "/excellent_quota");
                let mut r = Refused::new("results", results);
                r.errors.extend(quota.into_iter().map(|d| ("request", d)));
                r
            })?;
            document(&view)
        })(),
    )
}

async fn frameworks() -> Response {
    json(StatusCode::OK, cxzy_frameworks::CATALOGUE_JSON.to_owned())
}

async fn framework(q: Query<LangQuery>, Path(id): Path<String>) -> Response {
    match cxzy_frameworks::text(&id) {
        Some(text) => json(StatusCode::OK, text.to_owned()),
        None => {
            let mut r = Refused::one(
                "request",
                Code::UnknownReference,
                "",
                format!("\"{id}\" is not a built-in framework"),
                format!("「{id}」不是内置评价标准"),
            );
            r.status = StatusCode::NOT_FOUND;
            r.answer(lang_of(&q))
        }
    }
}

async fn info() -> Response {
    let body = serde_json::json!({
        "name": "cxzy",
        "version": cxzy_core::VERSION,
        "api": "v1",
        "request_limit_bytes": MAX_REQUEST_BYTES,
        "languages": ["zh-Hans", "zh-Hant", "en"],
    });
    json(StatusCode::OK, body.to_string())
}

async fn openapi() -> Response {
    json(StatusCode::OK, OPENAPI.to_owned())
}
