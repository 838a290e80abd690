//! Rooms (spec §13.2) against both stores — SQLite in a temporary directory, and Postgres at
//! `CXZY_TEST_POSTGRES` (the test command starts a throwaway one; under CI its absence fails
//! the run rather than skipping it). The same tests, each against a real store: the storage
//! interface directly, then every route in-process, bad inputs included.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use cxzy_rounds::{Ballot, Plan, SealedBallot, Setup, SourcePlan};
use cxzy_server::rooms::{Config, Rooms};
use cxzy_server::store::{AddRefused, Added, Store, PER_TOKEN};
use http_body_util::BodyExt as _;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tower::ServiceExt as _;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A fresh directory under the system's temporary one.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "cxzy-rooms-{name}-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every store to test: SQLite always, Postgres where the test command started one.
async fn stores(name: &str) -> Vec<(&'static str, Store)> {
    let mut all = vec![("sqlite", Store::sqlite(&temp_dir(name)).unwrap())];
    match std::env::var("CXZY_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => all.push(("postgres", Store::postgres(&url).await.unwrap())),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must test Postgres: CXZY_TEST_POSTGRES is not set (scripts/test.sh sets it)"
            );
            eprintln!("note: CXZY_TEST_POSTGRES not set; Postgres not tested here");
        }
    }
    all
}

/// A unique room id for the store tests (six characters of the rooms' alphabet).
fn unique_id(k: u32) -> String {
    const A: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut n = (SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(u64::from(k));
    (0..6)
        .map(|_| {
            let c = A[(n % A.len() as u64) as usize] as char;
            n /= A.len() as u64;
            c
        })
        .collect()
}

#[tokio::test]
async fn the_storage_interface_behaves_the_same_on_both_stores() {
    for (name, store) in stores("store").await {
        let id = unique_id(1);
        let t = now();
        assert!(
            store.create_room(&id, "ab", t + 100).await.unwrap(),
            "{name}"
        );
        assert!(
            !store.create_room(&id, "cd", t + 100).await.unwrap(),
            "{name}: an id is taken once"
        );
        let room = store.room(&id, t).await.unwrap().unwrap();
        assert_eq!((room.secret_hash.as_str(), room.round), ("ab", None));
        assert!(store.set_round(&id, "{\"r\":1}", t).await.unwrap());
        assert!(
            !store.set_round(&id, "{\"r\":2}", t).await.unwrap(),
            "{name}: a round is set once"
        );
        assert_eq!(
            store.room(&id, t).await.unwrap().unwrap().round.as_deref(),
            Some("{\"r\":1}")
        );
        for k in 1..=3 {
            let added = store
                .add_ballot(&id, &format!("t{k}"), &format!("b{k}"), t, 5)
                .await
                .unwrap();
            assert_eq!(
                added,
                Ok(Added {
                    seq: k,
                    again: false
                }),
                "{name}"
            );
        }
        // The very same ballot again: found where it is, not added.
        assert_eq!(
            store.add_ballot(&id, "t2", "b2", t, 10).await.unwrap(),
            Ok(Added {
                seq: 2,
                again: true
            }),
            "{name}"
        );
        // Another ballot with a token held: kept too, up to PER_TOKEN (a squatter's junk must
        // not shut the token's rater out; opening takes the first that opens).
        assert_eq!(
            store.add_ballot(&id, "t2", "b2x", t, 10).await.unwrap(),
            Ok(Added {
                seq: 4,
                again: false
            }),
            "{name}"
        );
        assert_eq!(
            store.add_ballot(&id, "t2", "b2y", t, 10).await.unwrap(),
            Ok(Added {
                seq: 5,
                again: false
            })
        );
        assert_eq!(PER_TOKEN, 3);
        assert_eq!(
            store.add_ballot(&id, "t2", "b2z", t, 10).await.unwrap(),
            Err(AddRefused::TokenUsed),
            "{name}"
        );
        assert_eq!(
            store.add_ballot(&id, "t6", "b6", t, 5).await.unwrap(),
            Err(AddRefused::Full),
            "{name}"
        );
        assert_eq!(
            store.add_ballot("NOROOM", "t1", "b", t, 3).await.unwrap(),
            Err(AddRefused::NoRoom),
            "{name}"
        );
        let after1 = store.ballots(&id, 1, 100).await.unwrap();
        assert_eq!(
            after1
                .iter()
                .map(|b| (b.seq, b.token.as_str(), b.body.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (2, "t2", "b2"),
                (3, "t3", "b3"),
                (4, "t2", "b2x"),
                (5, "t2", "b2y")
            ],
            "{name}"
        );
        assert_eq!(store.ballots(&id, 0, 1).await.unwrap().len(), 1);
        assert_eq!(store.count(&id).await.unwrap(), 5);
        // Past its time a room is invisible and refuses ballots.
        assert!(store.room(&id, t + 100).await.unwrap().is_none(), "{name}");
        assert_eq!(
            store
                .add_ballot(&id, "t9", "b9", t + 100, 10)
                .await
                .unwrap(),
            Err(AddRefused::NoRoom)
        );
        // An expired room is purged with its ballots (only rooms expired by now: other tests'
        // rooms on the same Postgres are not touched).
        let old = unique_id(3);
        assert!(store.create_room(&old, "x", t - 10).await.unwrap());
        assert!(store
            .add_ballot(&old, "t1", "b1", t - 20, 10)
            .await
            .unwrap()
            .is_ok());
        assert!(store.purge(t).await.unwrap() >= 1);
        assert_eq!(
            store.count(&old).await.unwrap(),
            0,
            "{name}: purged ballots"
        );
        assert!(
            store.room(&id, t).await.unwrap().is_some(),
            "{name}: the live room stays"
        );
        // SQLite runs as the durability promise says: WAL, synchronous=FULL (2).
        if name == "sqlite" {
            assert_eq!(
                store.sqlite_durability().await.unwrap(),
                Some(("wal".into(), 2))
            );
        }
        // Deleted by its owner.
        let other = unique_id(2);
        assert!(store.create_room(&other, "x", t + 100).await.unwrap());
        assert!(store.delete_room(&other).await.unwrap());
        assert!(!store.delete_room(&other).await.unwrap());
        assert!(store.room(&other, t).await.unwrap().is_none());
    }
}

/// A round for the room: 自评 tokens for two members, and an open source (a workshop).
struct Fixture {
    round_json: String,
    round_id: String,
    /// Sealed ballots (compact text) for fresh open tokens.
    open_ballots: Vec<SealedBallot>,
    /// A sealed ballot for the first issued token.
    issued: SealedBallot,
}

fn fixture(open_ballots: usize) -> Fixture {
    fixture_of(open_ballots, Plan::Open)
}

/// The same round with 群众评议 as slips: no source open.
fn closed_fixture() -> Fixture {
    fixture_of(0, Plan::Slips(2))
}

fn fixture_of(open_ballots: usize, mass: Plan) -> Fixture {
    let open = mass == Plan::Open;
    let fw = cxzy_core::Prepared::from_json(cxzy_frameworks::text("member-five-leads").unwrap())
        .unwrap();
    let rng = &mut rand_core::OsRng;
    let member = |id: &str, name: &str| cxzy_rounds::Member {
        id: id.into(),
        name: name.into(),
        group: None,
    };
    let setup = Setup {
        title: Some("培训演示".into()),
        period: cxzy_core::Period {
            start: "2026-07-01".parse().unwrap(),
            end: "2026-12-31".parse().unwrap(),
            label: None,
        },
        members: vec![member("a", "张明"), member("b", "李华")],
        sources: vec![
            SourcePlan {
                source: "self".into(),
                plan: Plan::Own,
            },
            SourcePlan {
                source: "mass".into(),
                plan: mass,
            },
        ],
    };
    let (round, key) = cxzy_rounds::create(&fw, &setup, rng).unwrap();
    assert_eq!(
        round
            .sources
            .iter()
            .any(|s| s.mode == cxzy_rounds::Mode::Open),
        open
    );
    let ballot = |token: String, source: &str| Ballot {
        schema: Default::default(),
        round: round.id.clone(),
        token,
        source: source.into(),
        sheets: Vec::new(),
    };
    let open_ballots = (0..open_ballots)
        .map(|_| {
            let inv = round.open_invitation("mass", rng).unwrap();
            cxzy_rounds::seal(&round, &ballot(inv.token, "mass"), rng).unwrap()
        })
        .collect();
    let issued =
        cxzy_rounds::seal(&round, &ballot(key.tokens[0].secret.clone(), "self"), rng).unwrap();
    Fixture {
        round_json: serde_json::to_string(&round).unwrap(),
        round_id: round.id.clone(),
        open_ballots,
        issued,
    }
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    secret: Option<&str>,
    body: impl Into<Body>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(s) = secret {
        req = req.header("authorization", format!("Bearer {s}"));
    }
    let res = app
        .clone()
        .oneshot(req.body(body.into()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
}

/// A new room with this round put in it: (room, secret, the room's base path).
async fn room_with(app: &Router, round_json: &str) -> (String, String, String) {
    let (status, made) = call(app, "POST", "/api/v1/rooms", None, "").await;
    assert_eq!(status, StatusCode::CREATED);
    let room = made["room"].as_str().unwrap().to_owned();
    let secret = made["secret"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/rooms/{room}");
    let (status, _) = call(
        app,
        "PUT",
        &format!("{base}/round"),
        Some(&secret),
        round_json.to_owned(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    (room, secret, base)
}

fn codes(v: &Value) -> Vec<&str> {
    v["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| e["code"].as_str().unwrap()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_room_takes_sealed_ballots_and_only_its_owner_reads_them() {
    let fx = fixture(3);
    for (name, store) in stores("http").await {
        let app = cxzy_server::app(Rooms::new(store, Config::default()));
        let (status, made) = call(&app, "POST", "/api/v1/rooms", None, "").await;
        assert_eq!(status, StatusCode::CREATED, "{name}");
        let room = made["room"].as_str().unwrap().to_owned();
        let secret = made["secret"].as_str().unwrap().to_owned();
        assert_eq!(room.len(), 6);
        assert!(secret.len() >= 43);
        let base = format!("/api/v1/rooms/{room}");

        // Before its round, a room takes no ballot.
        let first = serde_json::to_string(&fx.open_ballots[0]).unwrap();
        let (status, v) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            first.clone(),
        )
        .await;
        assert_eq!(
            (status, codes(&v)),
            (StatusCode::NOT_FOUND, vec!["round_missing"])
        );

        // Only the owner puts the round; anyone reads it; it is set once.
        let (status, _) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            None,
            fx.round_json.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
        let (status, _) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            Some("wrong"),
            fx.round_json.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
        let (status, v) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            Some(&secret),
            "{\"schema\": 1}",
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert_eq!(v["errors"][0]["input"], "round");
        // A round is up to 16 MiB (a county's): 3 MB is read, not refused for its size.
        let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(3 << 20));
        let (status, _) = call(&app, "PUT", &format!("{base}/round"), Some(&secret), big).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        // A round of the right shape that does not check (a room keeps its tokens in memory).
        let mut broken: Value = serde_json::from_str(&fx.round_json).unwrap();
        broken["public_key"] = json!("c2hvcnQ");
        let (status, v) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            Some(&secret),
            broken.to_string(),
        )
        .await;
        assert_eq!(
            (status, v["errors"][0]["path"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("/public_key"))
        );
        let (status, _) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            Some(&secret),
            fx.round_json.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{name}");
        let (status, _) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            Some(&secret),
            fx.round_json.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{name}: the same round again");
        let other = fixture(0);
        let (status, v) = call(
            &app,
            "PUT",
            &format!("{base}/round"),
            Some(&secret),
            other.round_json.clone(),
        )
        .await;
        assert_eq!(
            (status, codes(&v)),
            (StatusCode::CONFLICT, vec!["round_set"])
        );
        let (status, v) = call(&app, "GET", &format!("{base}/round"), None, "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["id"], fx.round_id.as_str());
        // The room's id in any case.
        let (status, _) = call(
            &app,
            "GET",
            &format!("/api/v1/rooms/{}/round", room.to_lowercase()),
            None,
            "",
        )
        .await;
        assert_eq!(status, StatusCode::OK);

        // Ballots: as a document, as compact text, an issued token; each once.
        let (status, v) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            first.clone(),
        )
        .await;
        assert_eq!(
            (status, v["seq"].as_i64()),
            (StatusCode::CREATED, Some(1)),
            "{name}"
        );
        let compact = fx.open_ballots[1].compact();
        let (status, v) = call(&app, "POST", &format!("{base}/ballots"), None, compact).await;
        assert_eq!(
            (status, v["seq"].as_i64()),
            (StatusCode::CREATED, Some(2)),
            "{name}"
        );
        let issued = serde_json::to_string(&fx.issued).unwrap();
        let (status, _) = call(&app, "POST", &format!("{base}/ballots"), None, issued).await;
        assert_eq!(status, StatusCode::CREATED, "{name}");
        let (status, v) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            first.clone(),
        )
        .await;
        // The very same ballot again (a resend after a lost answer): where it is.
        assert_eq!(
            (status, v["seq"].as_i64(), v["again"].as_bool()),
            (StatusCode::OK, Some(1), Some(true)),
            "{name}"
        );

        // Bad inputs: each its status, nothing stored.
        let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(70 * 1024));
        let mut other_round = fx.open_ballots[2].clone();
        other_round.round = other.round_id.clone();
        let mut unknown = fx.open_ballots[2].clone();
        unknown.token = "not-a-token".into();
        let mut bent = fx.open_ballots[2].clone();
        bent.sealed = "not base64url!".into();
        let cases: Vec<(String, String, StatusCode, &str)> = vec![
            (
                format!("{base}/ballots"),
                huge,
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
            ),
            (
                format!("{base}/ballots"),
                "not json".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "json_syntax",
            ),
            (
                format!("{base}/ballots"),
                "{\"schema\": \"cxzy/sealed-ballot@1\"}".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "missing_field",
            ),
            (
                format!("{base}/ballots"),
                serde_json::to_string(&other_round).unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "other_round",
            ),
            (
                format!("{base}/ballots"),
                serde_json::to_string(&unknown).unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_value",
            ),
            (
                format!("{base}/ballots"),
                serde_json::to_string(&bent).unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_value",
            ),
            (
                "/api/v1/rooms/ZZZZZZ/ballots".into(),
                serde_json::to_string(&fx.open_ballots[2]).unwrap(),
                StatusCode::NOT_FOUND,
                "unknown_room",
            ),
            (
                "/api/v1/rooms/no-such-room!/ballots".into(),
                serde_json::to_string(&fx.open_ballots[2]).unwrap(),
                StatusCode::NOT_FOUND,
                "unknown_room",
            ),
        ];
        for (uri, body, want, code) in cases {
            let (status, v) = call(&app, "POST", &uri, None, body).await;
            assert_eq!(
                (status, codes(&v).first().copied()),
                (want, Some(code)),
                "{name}: {code}"
            );
        }
        let (_, v) = call(&app, "GET", &base, None, "").await;
        assert_eq!(v["ballots"], 3, "{name}: nothing stored by the bad inputs");

        // Reading: the owner only; after=N pages on.
        let (status, _) = call(&app, "GET", &format!("{base}/ballots"), None, "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = call(&app, "GET", &format!("{base}/ballots"), Some("nope"), "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, v) = call(&app, "GET", &format!("{base}/ballots"), Some(&secret), "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["last"], 3);
        assert_eq!(
            v["ballots"][0]["ballot"],
            serde_json::to_value(&fx.open_ballots[0]).unwrap()
        );
        assert_eq!(
            v["ballots"][1]["ballot"]["token"],
            fx.open_ballots[1].token.as_str()
        );
        let (_, v) = call(
            &app,
            "GET",
            &format!("{base}/ballots?after=2"),
            Some(&secret),
            "",
        )
        .await;
        assert_eq!(v["ballots"].as_array().unwrap().len(), 1);
        assert_eq!(v["ballots"][0]["seq"], 3);
        let (_, v) = call(
            &app,
            "GET",
            &format!("{base}/ballots?after=3"),
            Some(&secret),
            "",
        )
        .await;
        assert_eq!(
            (v["ballots"].as_array().unwrap().len(), &v["last"]),
            (0, &json!(3))
        );
        let (status, v) = call(
            &app,
            "GET",
            &format!("{base}/ballots?after=x"),
            Some(&secret),
            "",
        )
        .await;
        assert_eq!(
            (status, codes(&v)),
            (StatusCode::BAD_REQUEST, vec!["out_of_range"])
        );
        // The scheme's name in any case (RFC 9110).
        let res = app
            .clone()
            .oneshot(
                Request::get(format!("{base}/ballots"))
                    .header("authorization", format!("bearer {secret}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);

        // Deleted by its owner only; gone after.
        let (status, _) = call(&app, "DELETE", &base, None, "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = call(&app, "DELETE", &base, Some(&secret), "").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = call(&app, "GET", &format!("{base}/round"), None, "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = call(&app, "GET", &format!("{base}/ballots"), Some(&secret), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_flooding_client_is_told_to_wait_and_a_room_expires() {
    let fx = fixture(6);
    for (name, store) in stores("limits").await {
        let config = Config {
            ttl: Duration::from_secs(5),
            ballot_burst: 4.0,
            ballots_per_second: 0.01,
            room_burst: 2.0,
            rooms_per_second: 0.001,
            trusted_proxies: Vec::new(),
        };
        let app = cxzy_server::app(Rooms::new(store.clone(), config));
        let (_, secret, base) = room_with(&app, &fx.round_json).await;
        let secret = secret.as_str();
        let mut statuses = Vec::new();
        for b in &fx.open_ballots {
            let (status, v) =
                call(&app, "POST", &format!("{base}/ballots"), None, b.compact()).await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                assert_eq!(codes(&v), vec!["rate_limited"]);
            }
            statuses.push(status.as_u16());
        }
        assert_eq!(statuses, [201, 201, 201, 201, 429, 429], "{name}");
        let (_, v) = call(&app, "GET", &base, None, "").await;
        assert_eq!(v["ballots"], 4, "{name}: a refused ballot is not stored");
        // Rooms too: two, then wait.
        let (status, _) = call(&app, "POST", "/api/v1/rooms", None, "").await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = call(&app, "POST", "/api/v1/rooms", None, "").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{name}");
        // Past its lifetime the room is gone for everyone, its owner included.
        tokio::time::sleep(Duration::from_millis(5100)).await;
        let (status, _) = call(&app, "GET", &format!("{base}/round"), None, "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
        let (status, _) = call(&app, "GET", &format!("{base}/ballots"), Some(secret), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
    }
}

/// Behind a reverse proxy (`--trust-proxy`), each client has its own bucket, named by the
/// proxy's `X-Forwarded-For`; without trusting it, the header is ignored and the proxy is one
/// client (spec §13.2).
#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_counted_apart() {
    use axum::extract::connect_info::MockConnectInfo;
    let proxy = std::net::SocketAddr::from(([127, 0, 0, 1], 40_000));
    let make_room = |app: Router, forwarded: &'static str| async move {
        let req = Request::builder()
            .method("POST")
            .uri("/api/v1/rooms")
            .header("x-forwarded-for", forwarded)
            .body(Body::empty())
            .unwrap();
        app.oneshot(req).await.unwrap().status().as_u16()
    };
    for trusted in [true, false] {
        let (_, store) = stores("proxy").await.remove(0);
        let config = Config {
            room_burst: 1.0,
            rooms_per_second: 0.0001,
            trusted_proxies: if trusted {
                vec![proxy.ip()]
            } else {
                Vec::new()
            },
            ..Config::default()
        };
        let app = cxzy_server::app(Rooms::new(store, config)).layer(MockConnectInfo(proxy));
        let statuses = [
            make_room(app.clone(), "203.0.113.7").await,
            make_room(app.clone(), "203.0.113.7").await,
            make_room(app.clone(), "198.51.100.9").await,
            // A client's own claim, left of what the proxy added, changes nothing.
            make_room(app.clone(), "198.51.100.1, 203.0.113.7").await,
        ];
        if trusted {
            assert_eq!(statuses, [201, 429, 201, 429]);
        } else {
            assert_eq!(statuses, [201, 429, 429, 429]);
        }
    }
}

#[tokio::test]
async fn the_owner_hears_each_ballot_as_an_event() {
    let fx = fixture(3);
    for (name, store) in stores("events").await {
        let app = cxzy_server::app(Rooms::new(store, Config::default()));
        let (_, secret, base) = room_with(&app, &fx.round_json).await;
        let secret = secret.as_str();
        call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            fx.open_ballots[0].compact(),
        )
        .await;
        let (status, _) = call(&app, "GET", &format!("{base}/events"), None, "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let res = app
            .clone()
            .oneshot(
                Request::get(format!("{base}/events"))
                    .header("authorization", format!("Bearer {secret}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "text/event-stream");
        let mut body = res.into_body();
        // Two more ballots while the stream is open: it wakes for each.
        let posting = {
            let app = app.clone();
            let (a, b) = (fx.open_ballots[1].compact(), fx.open_ballots[2].compact());
            let uri = format!("{base}/ballots");
            async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                call(&app, "POST", &uri, None, a).await;
                call(&app, "POST", &uri, None, b).await;
            }
        };
        let reading = async {
            let mut text = String::new();
            while text.matches("event: ballot").count() < 3 {
                let frame = tokio::time::timeout(Duration::from_secs(10), body.frame())
                    .await
                    .expect("an event within 10 s")
                    .unwrap()
                    .unwrap();
                if let Ok(data) = frame.into_data() {
                    text.push_str(std::str::from_utf8(&data).unwrap());
                }
            }
            text
        };
        let ((), text) = tokio::join!(posting, reading);
        for (k, b) in fx.open_ballots.iter().enumerate() {
            assert!(text.contains(&format!("id: {}", k + 1)), "{name}: {text}");
            assert!(text.contains(&b.token), "{name}");
        }
        // Each event's data is one entry of the list: {seq, ballot}.
        let first = text.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
        let entry: Value = serde_json::from_str(first).unwrap();
        assert_eq!(entry["seq"], 1);
        assert_eq!(entry["ballot"]["token"], fx.open_ballots[0].token.as_str());
    }
}

/// The OpenAPI description names every room route and method, and each answers as the API does
/// (never the router's 404 or 405).
#[tokio::test]
async fn the_openapi_description_names_the_rooms_routes() {
    let spec: Value = serde_json::from_str(cxzy_server::OPENAPI).unwrap();
    let (_, store) = stores("openapi").await.remove(0);
    let app = cxzy_server::app(Rooms::new(store, Config::default()));
    let (_, made) = call(&app, "POST", "/api/v1/rooms", None, "").await;
    let (room, secret) = (
        made["room"].as_str().unwrap(),
        made["secret"].as_str().unwrap(),
    );
    let mut seen = 0;
    let mut paths: Vec<(&String, &Value)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.contains("/rooms"))
        .collect();
    // DELETE last.
    paths.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    for (path, item) in paths {
        let uri = path.replace("{room}", room);
        for method in ["get", "put", "post", "delete"] {
            if item.get(method).is_none() || (method == "get" && uri.ends_with("/events")) {
                continue;
            }
            let (status, body) = call(&app, &method.to_uppercase(), &uri, Some(secret), "{}").await;
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert!(
                status != StatusCode::NOT_FOUND || body["errors"].is_array(),
                "{method} {path}: the router's 404"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 7);
    // An unknown API path is the API's 404 (JSON), not the app's page.
    let (status, body) = call(&app, "GET", "/api/v1/nope", None, "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(codes(&body), vec!["unknown_reference"]);
    let (status, body) = call(&app, "POST", "/api/v2/score", None, "{}").await;
    assert_eq!(
        (status, body["errors"].is_array()),
        (StatusCode::NOT_FOUND, true)
    );
}

/// A token's id is public (the round names it): junk posted under it first does not shut its
/// rater out — the room keeps up to PER_TOKEN different ballots per token, and the owner's
/// opening takes the first that opens. A round with no open source takes issued tokens only.
#[tokio::test]
async fn a_squatted_token_still_takes_its_rater_s_ballot() {
    let fx = fixture(0);
    let closed = closed_fixture();
    for (name, store) in stores("squat").await {
        let app = cxzy_server::app(Rooms::new(store, Config::default()));
        let (_, secret, base) = room_with(&app, &fx.round_json).await;
        let secret = secret.as_str();
        let mut junk = fx.issued.clone();
        let mut statuses = Vec::new();
        for k in 0..2 {
            junk.sealed = format!("junk{k}");
            let (status, _) = call(
                &app,
                "POST",
                &format!("{base}/ballots"),
                None,
                junk.compact(),
            )
            .await;
            statuses.push(status.as_u16());
        }
        // The rater's own ballot, after two squatters' junk: taken.
        let (status, _) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            fx.issued.compact(),
        )
        .await;
        statuses.push(status.as_u16());
        junk.sealed = "junk9".into();
        let (status, v) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            junk.compact(),
        )
        .await;
        statuses.push(status.as_u16());
        assert_eq!(statuses, [201, 201, 201, 409], "{name}: three per token");
        assert_eq!(codes(&v), vec!["token_used"]);
        let (_, listed) = call(&app, "GET", &format!("{base}/ballots"), Some(secret), "").await;
        assert_eq!(
            listed["ballots"][2]["ballot"]["sealed"],
            fx.issued.sealed.as_str()
        );

        // A room of a round with no open source: a well-formed token never issued is refused.
        let (_, _, base) = room_with(&app, &closed.round_json).await;
        let mut stranger = closed.issued.clone();
        stranger.token = "0123456789abcdef0123456789abcdef".into();
        let (status, v) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            stranger.compact(),
        )
        .await;
        assert_eq!(
            (status, codes(&v)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["unknown_token"]),
            "{name}"
        );
        let (status, _) = call(
            &app,
            "POST",
            &format!("{base}/ballots"),
            None,
            closed.issued.compact(),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{name}");
    }
}

/// Several instances start at once on a fresh database (a county's load balancer restarting
/// them): each makes the tables or finds them made, none fails.
#[tokio::test]
async fn instances_starting_at_once_on_a_fresh_database_all_start() {
    let Ok(url) = std::env::var("CXZY_TEST_POSTGRES") else {
        assert!(std::env::var_os("CI").is_none(), "CI must test Postgres");
        return;
    };
    let name = format!("cxzy_fresh_{}_{}", std::process::id(), now());
    let (admin, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    let fresh = format!("{base}/{name}");
    let started: Vec<_> =
        futures_util::future::join_all((0..6).map(|_| cxzy_server::store::Store::postgres(&fresh)))
            .await;
    let failed: Vec<String> = started
        .iter()
        .filter_map(|s| s.as_ref().err().map(|e| e.to_string()))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    drop(started);
    // The tables work.
    let store = Store::postgres(&fresh).await.unwrap();
    assert!(store.create_room("RACE22", "h", now() + 60).await.unwrap());
    drop(store);
    let _ = admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await;
}
