//! Rooms (spec §13.2): mailboxes for a round's sealed ballots. The owner makes a room and gets
//! its secret; puts the round's public document, which anyone may read; raters post sealed
//! ballots (round id and token in clear, the rest sealed to the round's key, which the server
//! never holds); the owner reads them back, by polling or as server-sent events. A room expires
//! after a set time and its owner can delete it sooner.
//!
//! | route | who | answer |
//! | --- | --- | --- |
//! | `POST /api/v1/rooms` | anyone (limited per client) | `201 {room, secret, expires}` |
//! | `GET /api/v1/rooms/{room}` | anyone | `{room, expires, round, ballots}` (a count) |
//! | `PUT /api/v1/rooms/{room}/round` | owner | `201` set, `200` the same again, `409` another |
//! | `GET /api/v1/rooms/{room}/round` | anyone | the round's public document |
//! | `POST /api/v1/rooms/{room}/ballots` | anyone (limited per client) | `201 {seq}` once durable; `409` token used; `413` over 64 KB |
//! | `GET /api/v1/rooms/{room}/ballots?after=N` | owner | `{ballots: [{seq, ballot}], last}` |
//! | `GET /api/v1/rooms/{room}/events` | owner | server-sent events, one `ballot` per ballot |
//! | `DELETE /api/v1/rooms/{room}` | owner | `204` |
//!
//! The owner's secret goes in `Authorization: Bearer …`; without it, or with another, `401`.

use crate::store::{AddRefused, Added, Store, StoreError, PER_TOKEN};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use cxzy_core::{Diagnostic, Lang};
use cxzy_rounds::{ROOM_ALPHABET, ROOM_CODE_LEN};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The largest ballot a room takes (a branch's sealed ballot is a few KB).
pub const MAX_BALLOT_BYTES: usize = 64 * 1024;
/// The most ballots one room holds (a round's token limit).
pub const MAX_BALLOTS: i64 = cxzy_rounds::setup::MAX_TOKENS as i64;
/// The most ballots one read answers.
const PAGE: i64 = 1000;
/// The most clients whose buckets are remembered at once.
const MAX_CLIENTS: usize = 10_000;
/// The most token ids the rounds' checks keep in memory, over all rooms.
const MAX_CACHED_TOKENS: usize = 200_000;

/// How rooms behave: their lifetime and how fast one client may post.
#[derive(Clone, Debug)]
pub struct Config {
    /// A room's lifetime from its making.
    pub ttl: Duration,
    /// Ballots one client may post at once, and how many more per second after.
    pub ballot_burst: f64,
    pub ballots_per_second: f64,
    /// Rooms one client may make at once, and how many more per second after.
    pub room_burst: f64,
    pub rooms_per_second: f64,
    /// `--trust-proxy`: reverse proxies in front of the server (spec §13.2). A request from one
    /// of them is counted for the client its `X-Forwarded-For` names; from anywhere else the
    /// header is ignored (a client could write anything there).
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            // A workshop's day, a branch meeting's week: seven days.
            ttl: Duration::from_secs(7 * 24 * 3600),
            // A shared kiosk or a NAT'd router posts for a whole room: 200 at once, 5/s after.
            ballot_burst: 200.0,
            ballots_per_second: 5.0,
            room_burst: 20.0,
            rooms_per_second: 1.0 / 60.0,
            trusted_proxies: Vec::new(),
        }
    }
}

/// The rooms' shared state.
#[derive(Clone)]
pub struct Rooms {
    store: Store,
    config: Config,
    limits: Arc<Mutex<HashMap<(IpAddr, bool), Bucket>>>,
    /// What a ballot is checked against, per room (a round never changes once set).
    rounds: Arc<Mutex<HashMap<String, Arc<RoundCheck>>>>,
    /// Wakes the event streams of a room when a ballot arrives here.
    wake: Arc<tokio::sync::broadcast::Sender<String>>,
}

/// A round as far as a room checks a ballot: its id and the tokens it may come with.
struct RoundCheck {
    id: String,
    tokens: HashSet<String>,
    open: bool,
}

impl RoundCheck {
    fn may_use(&self, token: &str) -> bool {
        self.tokens.contains(token) || (self.open && cxzy_rounds::is_token_id(token))
    }
}

/// A token bucket.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Rooms {
    pub fn new(store: Store, config: Config) -> Rooms {
        Rooms {
            store,
            config,
            limits: Arc::default(),
            rounds: Arc::default(),
            wake: Arc::new(tokio::sync::broadcast::channel(1024).0),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Takes one from the client's bucket; `Err(seconds)` to wait when it is empty.
    fn take(&self, ip: IpAddr, ballots: bool) -> Result<(), u64> {
        let (burst, rate) = if ballots {
            (self.config.ballot_burst, self.config.ballots_per_second)
        } else {
            (self.config.room_burst, self.config.rooms_per_second)
        };
        // An IPv6 client holds a whole /64: one bucket for it.
        let ip = match ip {
            IpAddr::V6(v6) => {
                let mut o = v6.octets();
                for b in o.iter_mut().skip(8) {
                    *b = 0;
                }
                IpAddr::V6(o.into())
            }
            v4 => v4,
        };
        let now = Instant::now();
        let mut limits = self.limits.lock().unwrap_or_else(|e| e.into_inner());
        if limits.len() > MAX_CLIENTS {
            // Forget the clients whose buckets have filled again.
            limits.retain(|&(_, b), v| {
                let (burst, rate) = if b {
                    (self.config.ballot_burst, self.config.ballots_per_second)
                } else {
                    (self.config.room_burst, self.config.rooms_per_second)
                };
                v.tokens + now.duration_since(v.at).as_secs_f64() * rate < burst
            });
            // Still too many (a flood from many addresses): start again rather than grow.
            if limits.len() > MAX_CLIENTS {
                limits.clear();
            }
        }
        let b = limits.entry((ip, ballots)).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / rate.max(f64::MIN_POSITIVE))
                .ceil()
                .max(1.0) as u64)
        }
    }

    /// Deletes expired rooms now and then (an expired room is already invisible).
    pub fn purge_now_and_then(&self) {
        let store = self.store.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = store.purge(now()).await {
                    eprintln!("cxzy serve: purging expired rooms: {e}");
                }
                tokio::time::sleep(Duration::from_secs(600)).await;
            }
        });
    }
}

/// The rooms' routes.
pub fn router(rooms: Rooms) -> Router {
    Router::new()
        .route("/api/v1/rooms", post(create))
        .route("/api/v1/rooms/{room}", get(status).delete(delete))
        .route(
            "/api/v1/rooms/{room}/round",
            put(put_round)
                .layer(DefaultBodyLimit::max(crate::MAX_REQUEST_BYTES))
                .get(get_round),
        )
        .route(
            "/api/v1/rooms/{room}/ballots",
            post(post_ballot)
                .layer(DefaultBodyLimit::max(MAX_BALLOT_BYTES))
                .get(list),
        )
        .route("/api/v1/rooms/{room}/events", get(events))
        .with_state(rooms)
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Answers.

/// A refused request, in the API's shape: `{"errors": [{input, code, path, message}]}`.
struct Refusal {
    status: StatusCode,
    errors: Vec<(&'static str, &'static str, String, String, String)>,
    headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl Refusal {
    fn new(status: StatusCode, code: &'static str, path: &str, en: String, zh: String) -> Self {
        Refusal {
            status,
            errors: vec![("request", code, path.to_owned(), en, zh)],
            headers: Vec::new(),
        }
    }

    fn diagnostics(status: StatusCode, input: &'static str, ds: Vec<Diagnostic>) -> Self {
        Refusal {
            status,
            errors: ds
                .into_iter()
                .map(|d| {
                    (
                        input,
                        d.code.as_str(),
                        d.path.clone(),
                        d.message(Lang::En).to_owned(),
                        d.message(Lang::ZhHans).to_owned(),
                    )
                })
                .collect(),
            headers: Vec::new(),
        }
    }

    fn answer(self, lang: Lang) -> Response {
        let mut r = crate::errors_answer(
            self.status,
            self.errors
                .iter()
                .map(|(input, code, path, en, zh)| crate::ErrorEntry {
                    input,
                    code,
                    path,
                    message: match lang {
                        Lang::En => en,
                        _ => zh,
                    },
                }),
        );
        for (k, v) in self.headers {
            r.headers_mut().insert(k, v);
        }
        r
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        // The cause goes to the log, not to the client (it may name hosts and tables).
        eprintln!("cxzy serve: storage: {e}");
        Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "",
            "the room's storage is unavailable; try again".into(),
            "评议室的存储暂不可用,请重试".into(),
        )
    }
}

fn no_room(room: &str) -> Refusal {
    Refusal::new(
        StatusCode::NOT_FOUND,
        "unknown_room",
        "",
        format!("no room \"{room}\" (it may have expired or been deleted)"),
        format!("没有评议室「{room}」(可能已过期或被删除)"),
    )
}

fn finish(lang: Lang, answer: Result<Response, Refusal>) -> Response {
    answer.unwrap_or_else(|r| r.answer(lang))
}

#[derive(Deserialize)]
struct Params {
    lang: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

impl Params {
    fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default()
    }

    /// A whole-number parameter within its range; where it is not one, the API's 400.
    fn number(
        &self,
        name: &str,
        given: Option<&String>,
        min: i64,
        max: i64,
    ) -> Result<Option<i64>, Refusal> {
        match given {
            None => Ok(None),
            Some(text) => match text.trim().parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "out_of_range",
                    &format!("?{name}"),
                    format!("?{name}=\"{text}\" is not a whole number from {min} to {max}"),
                    format!("?{name}=「{text}」不是 {min} 到 {max} 之间的整数"),
                )),
            },
        }
    }

    fn after(&self) -> Result<i64, Refusal> {
        Ok(self
            .number("after", self.after.as_ref(), 0, i64::MAX)?
            .unwrap_or(0))
    }
}

/// The client's address (where none is known, as in tests in-process, one shared address),
/// behind the trusted proxies.
struct Client(IpAddr);

impl FromRequestParts<Rooms> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, rooms: &Rooms) -> Result<Self, Self::Rejection> {
        // The extractor, not the extension: it also finds a test's `MockConnectInfo`.
        let peer = ConnectInfo::<SocketAddr>::from_request_parts(parts, rooms)
            .await
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(Client(client_address(
            peer,
            &parts.headers,
            &rooms.config.trusted_proxies,
        )))
    }
}

/// At most this many `X-Forwarded-For` hops are looked at, from the right.
const MAX_HOPS: usize = 16;

/// Who sent a request (spec §13.2): the peer, unless it is a trusted proxy; then each
/// `X-Forwarded-For` hop from the right (the one the nearest proxy added first), as long as the
/// hop so far is a trusted proxy. A hop that is not an address ends the walk at the last one
/// known (a proxy then counts for those behind it, as without the header).
fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    // Both sides canonical: an IPv4 proxy seen or configured as IPv4-mapped IPv6 is the same.
    let is_trusted = |ip: &IpAddr| {
        trusted
            .iter()
            .any(|t| t.to_canonical() == ip.to_canonical())
    };
    let mut client = peer.to_canonical();
    if !is_trusted(&client) {
        return client;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.iter().rev().take(MAX_HOPS) {
        let Some(ip) = hop_address(hop) else {
            return client;
        };
        client = ip;
        if !is_trusted(&ip) {
            return ip;
        }
    }
    client
}

/// An `X-Forwarded-For` hop: an address, possibly with a port (`203.0.113.7:4711`,
/// `[2001:db8::1]:4711`).
fn hop_address(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .map(|ip| ip.to_canonical())
}

/// A room's id as written in a path: the alphabet of [`room_id`], any case.
fn room_param(room: &str) -> Result<String, Refusal> {
    cxzy_rounds::room_code(room).ok_or_else(|| no_room(room))
}

fn random_bytes<const N: usize>() -> Result<[u8; N], Refusal> {
    let mut b = [0u8; N];
    rand_core::RngCore::try_fill_bytes(&mut rand_core::OsRng, &mut b)
        .map_err(|e| StoreError(format!("no randomness: {e}")))?;
    Ok(b)
}

/// A room's id: six characters of [`ROOM_ALPHABET`] (~10⁹; a clash is drawn again).
fn room_id() -> Result<String, Refusal> {
    let bytes = random_bytes::<ROOM_CODE_LEN>()?;
    Ok(bytes
        .iter()
        .map(|b| {
            let i = usize::from(*b) % ROOM_ALPHABET.len();
            char::from(ROOM_ALPHABET.get(i).copied().unwrap_or(b'X'))
        })
        .collect())
}

fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A room that exists (and has not expired), by its id; `room` as the path gave it, for the 404.
async fn existing(rooms: &Rooms, id: &str, room: &str) -> Result<crate::store::Room, Refusal> {
    rooms
        .store
        .room(id, now())
        .await?
        .ok_or_else(|| no_room(room))
}

/// The room, when it exists and the request carries its owner's secret.
async fn owned(rooms: &Rooms, room: &str, headers: &HeaderMap) -> Result<String, Refusal> {
    let id = room_param(room)?;
    let stored = existing(rooms, &id, room).await?;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, secret) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(secret)
        })
        .map(str::trim);
    match given {
        Some(secret) if hash(secret) == stored.secret_hash => Ok(id),
        _ => {
            let mut r = Refusal::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "",
                "only the room's owner may do this: send its secret as \"Authorization: Bearer …\""
                    .into(),
                "只有评议室的创建者可以这样做:请在「Authorization: Bearer …」中给出其密钥".into(),
            );
            r.headers
                .push((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            Err(r)
        }
    }
}

fn limited(seconds: u64) -> Refusal {
    let mut r = Refusal::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        "",
        format!("too many requests from this client; try again in {seconds} s"),
        format!("此客户端请求过多,请 {seconds} 秒后再试"),
    );
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        r.headers.push((header::RETRY_AFTER, v));
    }
    r
}

fn body_text(body: Result<Bytes, BytesRejection>, limit: usize) -> Result<String, Refusal> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "",
                format!("the body is over {limit} bytes"),
                format!("请求体超过 {limit} 字节"),
            )
        } else {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                "unreadable",
                "",
                format!("the body cannot be read: {e}"),
                format!("无法读取请求体:{e}"),
            )
        }
    })?;
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "json_syntax",
            "",
            "the body is not UTF-8 text".into(),
            "请求体不是 UTF-8 文本".into(),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Handlers.

async fn create(State(rooms): State<Rooms>, client: Client, q: Query<Params>) -> Response {
    finish(
        q.lang(),
        async {
            rooms.take(client.0, false).map_err(limited)?;
            let secret = cxzy_rounds::b64(&random_bytes::<32>()?);
            let expires = now().saturating_add(rooms.config.ttl.as_secs() as i64);
            for _ in 0..8 {
                let id = room_id()?;
                if rooms
                    .store
                    .create_room(&id, &hash(&secret), expires)
                    .await?
                {
                    let body = json!({"room": id, "secret": secret, "expires": rfc3339(expires)});
                    return Ok(crate::json(StatusCode::CREATED, body.to_string()));
                }
            }
            Err(StoreError("no free room id after 8 draws".into()).into())
        }
        .await,
    )
}

async fn status(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    q: Query<Params>,
) -> Response {
    finish(
        q.lang(),
        async {
            let id = room_param(&room)?;
            let r = existing(&rooms, &id, &room).await?;
            let count = rooms.store.count(&id).await?;
            let body = json!({"room": id, "expires": rfc3339(r.expires), "round": r.round.is_some(), "ballots": count});
            Ok(no_store(crate::json(StatusCode::OK, body.to_string())))
        }
        .await,
    )
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn delete(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    headers: HeaderMap,
    q: Query<Params>,
) -> Response {
    finish(
        q.lang(),
        async {
            let id = owned(&rooms, &room, &headers).await?;
            rooms.store.delete_room(&id).await?;
            rooms
                .rounds
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
            let _ = rooms.wake.send(id);
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        .await,
    )
}

async fn put_round(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    headers: HeaderMap,
    q: Query<Params>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    finish(
        q.lang(),
        async {
            let id = owned(&rooms, &room, &headers).await?;
            let text = body_text(body, crate::MAX_REQUEST_BYTES)?;
            // Read as the rounds crate reads it: every error located; stored as written out.
            let canonical = {
                let round: cxzy_rounds::Round = cxzy_core::read::document(&text).map_err(|e| {
                    Refusal::diagnostics(StatusCode::UNPROCESSABLE_ENTITY, "round", e)
                })?;
                let wrong = round.check();
                if !wrong.is_empty() {
                    return Err(Refusal::diagnostics(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "round",
                        wrong,
                    ));
                }
                serde_json::to_string(&round).map_err(|e| StoreError(e.to_string()))?
            };
            if rooms.store.set_round(&id, &canonical, now()).await? {
                return Ok(crate::json(StatusCode::CREATED, canonical));
            }
            let stored = existing(&rooms, &id, &room).await?;
            if stored.round.as_deref() == Some(canonical.as_str()) {
                Ok(crate::json(StatusCode::OK, canonical))
            } else {
                Err(Refusal::new(
                    StatusCode::CONFLICT,
                    "round_set",
                    "",
                    "the room holds another round already (make a new room for it)".into(),
                    "评议室已有另一个评议轮次(请为它新建评议室)".into(),
                ))
            }
        }
        .await,
    )
}

fn round_missing() -> Refusal {
    Refusal::new(
        StatusCode::NOT_FOUND,
        "round_missing",
        "",
        "the room's owner has not put its round yet".into(),
        "评议室的创建者尚未放入评议轮次".into(),
    )
}

async fn get_round(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    q: Query<Params>,
) -> Response {
    finish(
        q.lang(),
        async {
            let id = room_param(&room)?;
            let stored = existing(&rooms, &id, &room).await?;
            let round = stored.round.ok_or_else(round_missing)?;
            Ok(no_store(crate::json(StatusCode::OK, round)))
        }
        .await,
    )
}

/// The round a room's ballots are checked against, read once per room.
async fn round_check(rooms: &Rooms, id: &str, room: &str) -> Result<Arc<RoundCheck>, Refusal> {
    if let Some(c) = rooms
        .rounds
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(id)
    {
        return Ok(Arc::clone(c));
    }
    let stored = existing(rooms, id, room).await?;
    let text = stored.round.ok_or_else(round_missing)?;
    let check = {
        let round: cxzy_rounds::Round = cxzy_core::read::document(&text)
            .map_err(|_| StoreError(format!("room {id}: its stored round does not read")))?;
        RoundCheck {
            id: round.id.clone(),
            tokens: round.tokens.iter().map(|t| t.id.clone()).collect(),
            open: round
                .sources
                .iter()
                .any(|s| s.mode == cxzy_rounds::Mode::Open),
        }
    };
    let check = Arc::new(check);
    let mut cache = rooms.rounds.lock().unwrap_or_else(|e| e.into_inner());
    let held: usize = cache.values().map(|c| c.tokens.len()).sum();
    if cache.len() >= 1024 || held + check.tokens.len() > MAX_CACHED_TOKENS {
        cache.clear();
    }
    cache.insert(id.to_owned(), Arc::clone(&check));
    Ok(check)
}

async fn post_ballot(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    client: Client,
    q: Query<Params>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    finish(
        q.lang(),
        async {
            rooms.take(client.0, true).map_err(limited)?;
            let text = body_text(body, MAX_BALLOT_BYTES)?;
            let id = room_param(&room)?;
            // The envelope: a `cxzy/sealed-ballot@1` document or its compact text.
            let ballot =
                match cxzy_rounds::SealedBallot::from_compact(&text) {
                    Some(b) => b,
                    None => cxzy_core::read::document::<cxzy_rounds::SealedBallot>(&text).map_err(
                        |e| Refusal::diagnostics(StatusCode::UNPROCESSABLE_ENTITY, "ballot", e),
                    )?,
                };
            // The envelope's parts as sealing writes them (the rest is the owner's to open).
            let url_safe = |t: &str| {
                !t.is_empty()
                    && t.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            };
            for (path, ok) in [
                ("/round", cxzy_rounds::is_token_id(&ballot.round)),
                ("/token", cxzy_rounds::is_token_id(&ballot.token)),
                ("/sealed", url_safe(&ballot.sealed)),
            ] {
                if !ok {
                    return Err(Refusal::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "invalid_value",
                        path,
                        format!("the envelope's {} is not as sealing writes it", &path[1..]),
                        format!("封套的 {} 不符合密封时的格式", &path[1..]),
                    ));
                }
            }
            let check = round_check(&rooms, &id, &room).await?;
            if ballot.round != check.id {
                return Err(Refusal::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "other_round",
                    "/round",
                    format!("a ballot of round {}, not this room's", ballot.round),
                    format!("这是评议轮次 {} 的选票,不属于本评议室", ballot.round),
                ));
            }
            if !check.may_use(&ballot.token) {
                return Err(Refusal::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "unknown_token",
                    "/token",
                    "this ballot's token was never issued in the round".into(),
                    "此选票的凭证不是本轮发出的".into(),
                ));
            }
            let body = serde_json::to_string(&ballot).map_err(|e| StoreError(e.to_string()))?;
            match rooms
                .store
                .add_ballot(&id, &ballot.token, &body, now(), MAX_BALLOTS)
                .await?
            {
                Ok(Added { seq, again: false }) => {
                    let _ = rooms.wake.send(id);
                    Ok(crate::json(
                        StatusCode::CREATED,
                        json!({ "seq": seq }).to_string(),
                    ))
                }
                // The very same ballot again (a resend after a lost answer): where it is.
                Ok(Added { seq, again: true }) => Ok(crate::json(
                    StatusCode::OK,
                    json!({ "seq": seq, "again": true }).to_string(),
                )),
                Err(AddRefused::NoRoom) => Err(no_room(&room)),
                Err(AddRefused::TokenUsed) => Err(Refusal::new(
                    StatusCode::CONFLICT,
                    "token_used",
                    "/token",
                    format!("the room holds {PER_TOKEN} different ballots with this token already"),
                    format!("评议室中使用此凭证的不同选票已有 {PER_TOKEN} 张"),
                )),
                Err(AddRefused::Full) => Err(Refusal::new(
                    StatusCode::CONFLICT,
                    "room_full",
                    "",
                    format!("the room holds {MAX_BALLOTS} ballots, as many as it may"),
                    format!("评议室已有 {MAX_BALLOTS} 张选票,已满"),
                )),
            }
        }
        .await,
    )
}

/// One stored ballot as the API answers it: `{seq, ballot}`.
fn entry(b: &crate::store::Stored) -> serde_json::Value {
    let ballot =
        serde_json::from_str::<serde_json::Value>(&b.body).unwrap_or(serde_json::Value::Null);
    json!({"seq": b.seq, "ballot": ballot})
}

/// The ballots above `after` as the API answers them.
fn page(stored: &[crate::store::Stored], after: i64) -> String {
    let ballots: Vec<serde_json::Value> = stored.iter().map(entry).collect();
    let last = stored.last().map_or(after, |b| b.seq);
    json!({"ballots": ballots, "last": last}).to_string()
}

async fn list(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    headers: HeaderMap,
    q: Query<Params>,
) -> Response {
    finish(
        q.lang(),
        async {
            let id = owned(&rooms, &room, &headers).await?;
            let after = q.0.after()?;
            let limit =
                q.0.number("limit", q.0.limit.as_ref(), 1, PAGE)?
                    .unwrap_or(PAGE);
            let stored = rooms.store.ballots(&id, after, limit).await?;
            Ok(no_store(crate::json(StatusCode::OK, page(&stored, after))))
        }
        .await,
    )
}

async fn events(
    State(rooms): State<Rooms>,
    Path(room): Path<String>,
    headers: HeaderMap,
    q: Query<Params>,
) -> Response {
    let (id, from) =
        match async { Ok::<_, Refusal>((owned(&rooms, &room, &headers).await?, q.0.after()?)) }
            .await
        {
            Ok(x) => x,
            Err(r) => return r.answer(q.lang()),
        };
    // From `?after=N`, or where a reconnecting client left off.
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(from)
        .max(0);
    let wake = rooms.wake.subscribe();
    let state = (
        rooms,
        id,
        after,
        wake,
        std::collections::VecDeque::<Event>::new(),
        false,
    );
    let stream = futures_util::stream::unfold(
        state,
        |(rooms, id, mut after, mut wake, mut queue, mut closed)| async move {
            loop {
                if let Some(e) = queue.pop_front() {
                    return Some((
                        Ok::<Event, Infallible>(e),
                        (rooms, id, after, wake, queue, closed),
                    ));
                }
                if closed {
                    return None;
                }
                match rooms.store.ballots(&id, after, PAGE).await {
                    Ok(stored) if !stored.is_empty() => {
                        for b in &stored {
                            let data = entry(b).to_string();
                            queue.push_back(
                                Event::default()
                                    .event("ballot")
                                    .id(b.seq.to_string())
                                    .data(data),
                            );
                            after = b.seq;
                        }
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) => eprintln!("cxzy serve: storage: {e}"),
                }
                // Gone (deleted or expired): say so and end. A storage error is not "gone".
                if matches!(rooms.store.room(&id, now()).await, Ok(None)) {
                    queue.push_back(Event::default().event("closed").data("{}"));
                    closed = true;
                    continue;
                }
                // A ballot here wakes the stream; one taken by another instance, within 2 s.
                let deadline = tokio::time::sleep(Duration::from_secs(2));
                tokio::pin!(deadline);
                loop {
                    tokio::select! {
                        _ = &mut deadline => break,
                        got = wake.recv() => match got {
                            Ok(room) if room != id => continue,
                            _ => break,
                        },
                    }
                }
            }
        },
    );
    no_store(
        Sse::new(stream)
            .keep_alive(KeepAlive::default())
            .into_response(),
    )
}

#[cfg(test)]
mod client_tests {
    use super::client_address;
    use axum::http::{HeaderMap, HeaderValue};
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(
                "x-forwarded-for",
                HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("")),
            );
        }
        h
    }

    #[test]
    fn a_client_is_named_by_its_trusted_proxies_only() {
        let proxies = [ip("127.0.0.1"), ip("10.0.0.2")];
        // No proxy trusted, or a peer that is not one: the header is the client's own words.
        assert_eq!(
            client_address(ip("127.0.0.1"), &forwarded(&["203.0.113.7"]), &[]),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(ip("198.51.100.9"), &forwarded(&["203.0.113.7"]), &proxies),
            ip("198.51.100.9")
        );
        // A trusted peer: the hop it added.
        assert_eq!(
            client_address(ip("127.0.0.1"), &forwarded(&["203.0.113.7"]), &proxies),
            ip("203.0.113.7")
        );
        // What the client wrote itself (left of what the proxies added) is not believed.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &forwarded(&["1.2.3.4, 203.0.113.7"]),
                &proxies
            ),
            ip("203.0.113.7")
        );
        // Two proxies in a row, the hops over two header lines, ports and IPv6.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &forwarded(&["1.2.3.4", "203.0.113.7:4711, 10.0.0.2"]),
                &proxies
            ),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &forwarded(&["[2001:db8::1]:443"]),
                &proxies
            ),
            ip("2001:db8::1")
        );
        // An IPv4 peer seen as IPv6 (a dual-stack socket) is the same proxy.
        assert_eq!(
            client_address(
                ip("::ffff:127.0.0.1"),
                &forwarded(&["203.0.113.7"]),
                &proxies
            ),
            ip("203.0.113.7")
        );
        // ... and so is a proxy configured that way.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &forwarded(&["203.0.113.7"]),
                &[ip("::ffff:127.0.0.1")]
            ),
            ip("203.0.113.7")
        );
        // No header, or a hop that is not an address: the last address known.
        assert_eq!(
            client_address(ip("127.0.0.1"), &forwarded(&[]), &proxies),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &forwarded(&["203.0.113.7, unknown"]),
                &proxies
            ),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &forwarded(&["unknown, 10.0.0.2"]),
                &proxies
            ),
            ip("10.0.0.2")
        );
        // Only every hop a trusted proxy: the first proxy is the client.
        assert_eq!(
            client_address(ip("127.0.0.1"), &forwarded(&["10.0.0.2"]), &proxies),
            ip("10.0.0.2")
        );
    }
}
