//! `cxzy serve` as a process, its rooms under load and killed mid-load (spec §13.3), against
//! SQLite and — where the test command started one (`CXZY_TEST_POSTGRES`) — Postgres:
//! - 100 participants each post one sealed ballot at once; every one is acknowledged and listed
//!   once; the latencies' p50 and p99 are printed (a figure, not a timed assertion);
//! - the server is killed with SIGKILL while ballots arrive and started again on the same
//!   storage: every ballot that got `201` is listed, none twice, numbered without a gap; the
//!   ballots whose answer was lost are posted again and each is taken or found already there.

use cxzy_rounds::{Ballot, Plan, Setup, SourcePlan};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One HTTP/1.1 exchange on a new connection: the status and the body.
fn http(
    port: u16,
    method: &str,
    path: &str,
    secret: Option<&str>,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    let auth = secret
        .map(|x| format!("Authorization: Bearer {x}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut text = String::new();
    s.read_to_string(&mut text)?;
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {text:?}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// Where a server keeps its rooms.
#[derive(Clone)]
enum Storage {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

fn storages(name: &str) -> Vec<(&'static str, Storage)> {
    let dir = std::env::temp_dir().join(format!(
        "cxzy-serve-{name}-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let mut all = vec![("sqlite", Storage::Sqlite(dir))];
    match std::env::var("CXZY_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => all.push(("postgres", Storage::Postgres(url))),
        _ => assert!(
            std::env::var_os("CI").is_none(),
            "CI must test Postgres: CXZY_TEST_POSTGRES is not set (scripts/test.sh sets it)"
        ),
    }
    all
}

/// A running `cxzy serve`; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(storage: &Storage) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Self::start_on(storage, port)
    }

    fn start_on(storage: &Storage, port: u16) -> Server {
        Self::start_with(storage, port, &[])
    }

    fn start_with(storage: &Storage, port: u16, args: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cxzy"));
        cmd.args(["serve", "--port", &port.to_string()])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        match storage {
            Storage::Sqlite(dir) => {
                cmd.arg("--data").arg(dir);
            }
            // By the variable: the URL stays out of the process list.
            Storage::Postgres(url) => {
                cmd.env("CXZY_DATABASE", url);
            }
        }
        let child = cmd.spawn().unwrap();
        let server = Server { child, port };
        let start = Instant::now();
        while http(port, "GET", "/api/v1/info", None, "").is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "cxzy serve did not answer within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL on Unix
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A room with a workshop round (an open source) and `n` participants' sealed ballots.
fn room(port: u16, n: usize) -> (String, String, Vec<(String, String)>) {
    let (_, made) = http(port, "POST", "/api/v1/rooms", None, "").unwrap();
    let made: serde_json::Value = serde_json::from_str(&made).unwrap();
    let (room, secret) = (
        made["room"].as_str().unwrap().to_owned(),
        made["secret"].as_str().unwrap().to_owned(),
    );
    let fw = cxzy_core::Prepared::from_json(cxzy_frameworks::text("member-five-leads").unwrap())
        .unwrap();
    let rng = &mut rand_core::OsRng;
    let setup = Setup {
        title: Some("培训".into()),
        period: cxzy_core::Period {
            start: "2026-07-01".parse().unwrap(),
            end: "2026-12-31".parse().unwrap(),
            label: None,
        },
        members: vec![cxzy_rounds::Member {
            id: "demo".into(),
            name: "王红".into(),
            group: None,
        }],
        sources: vec![SourcePlan {
            source: "mass".into(),
            plan: Plan::Open,
        }],
    };
    let (round, _key) = cxzy_rounds::create(&fw, &setup, rng).unwrap();
    let (status, _) = http(
        port,
        "PUT",
        &format!("/api/v1/rooms/{room}/round"),
        Some(&secret),
        &serde_json::to_string(&round).unwrap(),
    )
    .unwrap();
    assert_eq!(status, 201);
    let ballots = (0..n)
        .map(|_| {
            let inv = round.open_invitation("mass", rng).unwrap();
            let ballot = Ballot {
                schema: Default::default(),
                round: round.id.clone(),
                token: inv.token,
                source: "mass".into(),
                sheets: Vec::new(),
            };
            let sealed = cxzy_rounds::seal(&round, &ballot, rng).unwrap();
            (
                sealed.token.clone(),
                serde_json::to_string(&sealed).unwrap(),
            )
        })
        .collect();
    (room, secret, ballots)
}

/// Every ballot listed by the owner: (seq, token), in order.
fn listed(port: u16, room: &str, secret: &str) -> Vec<(i64, String)> {
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let (status, body) = http(
            port,
            "GET",
            &format!("/api/v1/rooms/{room}/ballots?after={after}"),
            Some(secret),
            "",
        )
        .unwrap();
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let page = v["ballots"].as_array().unwrap();
        if page.is_empty() {
            return all;
        }
        for b in page {
            all.push((
                b["seq"].as_i64().unwrap(),
                b["ballot"]["token"].as_str().unwrap().to_owned(),
            ));
        }
        after = v["last"].as_i64().unwrap();
    }
}

/// A ballot's index and the status its post got (`None`: no answer, the server was gone).
type Outcome = (usize, Option<u16>);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let k = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[k]
}

/// Makes a room as the client a proxy names in `X-Forwarded-For`; the status.
fn room_for(port: u16, forwarded: &str) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "POST /api/v1/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Forwarded-For: {forwarded}\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// `--trust-proxy`: behind a proxy at 127.0.0.1 each client it names has its own rate limit
/// (20 rooms at once); without the option the header is ignored and everyone is one client.
#[test]
fn behind_a_trusted_proxy_each_client_has_its_own_limit() {
    for trusted in [true, false] {
        let (_, storage) = storages(if trusted { "proxy" } else { "no-proxy" }).remove(0);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let args: &[&str] = if trusted {
            &["--trust-proxy", "127.0.0.1,::1"]
        } else {
            &[]
        };
        let _server = Server::start_with(&storage, port, args);
        let first: Vec<u16> = (0..20).map(|_| room_for(port, "203.0.113.7")).collect();
        assert!(first.iter().all(|&s| s == 201), "{first:?}");
        assert_eq!(room_for(port, "203.0.113.7"), 429);
        assert_eq!(
            room_for(port, "198.51.100.9"),
            if trusted { 201 } else { 429 }
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_cxzy"))
        .args(["serve", "--trust-proxy", "127.0.0.1,localhost"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--trust-proxy \"localhost\" is not an IP address"),
        "{err}"
    );
}

#[test]
fn a_hundred_participants_post_at_once_and_each_ballot_is_listed_once() {
    for (name, storage) in storages("load") {
        let server = Server::start(&storage);
        let port = server.port;
        let (room, secret, ballots) = room(port, 100);
        let barrier = Arc::new(Barrier::new(ballots.len()));
        let started = Instant::now();
        let handles: Vec<_> = ballots
            .iter()
            .map(|(_, body)| {
                let (barrier, body, path) = (
                    barrier.clone(),
                    body.clone(),
                    format!("/api/v1/rooms/{room}/ballots"),
                );
                std::thread::spawn(move || {
                    barrier.wait();
                    let t = Instant::now();
                    let (status, answer) = http(port, "POST", &path, None, &body).unwrap();
                    (status, answer, t.elapsed())
                })
            })
            .collect();
        let mut latencies = Vec::new();
        for h in handles {
            let (status, answer, took) = h.join().unwrap();
            assert_eq!(status, 201, "{name}: {answer}");
            latencies.push(took);
        }
        let wall = started.elapsed();
        latencies.sort();
        println!(
            "rooms load ({name}): 100 participants, one ballot each, all in {} ms; latency p50 {} ms, p99 {} ms",
            wall.as_millis(),
            percentile(&latencies, 0.50).as_millis(),
            percentile(&latencies, 0.99).as_millis(),
        );
        let list = listed(port, &room, &secret);
        assert_eq!(list.len(), 100, "{name}");
        let mut tokens: Vec<&str> = list.iter().map(|(_, t)| t.as_str()).collect();
        tokens.sort();
        tokens.dedup();
        assert_eq!(tokens.len(), 100, "{name}: each once");
        assert_eq!(
            list.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            (1..=100).collect::<Vec<_>>(),
            "{name}: numbered without a gap"
        );
    }
}

#[test]
fn a_server_killed_mid_load_loses_no_acknowledged_ballot() {
    for (name, storage) in storages("kill") {
        let mut server = Server::start(&storage);
        let port = server.port;
        let (room, secret, ballots) = room(port, 200);
        let acknowledged = Arc::new(AtomicUsize::new(0));
        let outcomes: Arc<Mutex<Vec<Outcome>>> = Arc::default();
        // 20 participants' devices, 10 ballots each, one after another.
        let handles: Vec<_> = (0..20)
            .map(|d| {
                let (acknowledged, outcomes) = (acknowledged.clone(), outcomes.clone());
                let mine: Vec<(usize, String)> = (0..10)
                    .map(|k| (d * 10 + k, ballots[d * 10 + k].1.clone()))
                    .collect();
                let path = format!("/api/v1/rooms/{room}/ballots");
                std::thread::spawn(move || {
                    for (i, body) in mine {
                        let status = http(port, "POST", &path, None, &body).ok().map(|r| r.0);
                        if status == Some(201) {
                            acknowledged.fetch_add(1, Ordering::SeqCst);
                        }
                        outcomes.lock().unwrap().push((i, status));
                    }
                })
            })
            .collect();
        // Killed once about a quarter is in, while the rest are on their way.
        let start = Instant::now();
        while acknowledged.load(Ordering::SeqCst) < 50 {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{name}: too slow"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        server.kill();
        for h in handles {
            h.join().unwrap();
        }
        let outcomes = outcomes.lock().unwrap().clone();
        let acked: Vec<usize> = outcomes
            .iter()
            .filter(|(_, s)| *s == Some(201))
            .map(|(i, _)| *i)
            .collect();
        let lost = outcomes.iter().filter(|(_, s)| s.is_none()).count();
        assert!(
            acked.len() >= 50 && lost > 0,
            "{name}: the kill came mid-load"
        );

        let server = Server::start_on(&storage, port);
        let list = listed(server.port, &room, &secret);
        let tokens: Vec<&str> = list.iter().map(|(_, t)| t.as_str()).collect();
        for i in &acked {
            assert!(
                tokens.contains(&ballots[*i].0.as_str()),
                "{name}: acknowledged ballot {i} is missing after the restart"
            );
        }
        let mut unique = tokens.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), tokens.len(), "{name}: a ballot listed twice");
        assert_eq!(
            list.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            (1..=list.len() as i64).collect::<Vec<_>>(),
            "{name}: numbered without a gap"
        );
        // The devices whose answer was lost post again: taken now (201), or this very ballot
        // found there (200, its seq).
        for (i, status) in &outcomes {
            if *status != Some(201) {
                let (again, body) = http(
                    server.port,
                    "POST",
                    &format!("/api/v1/rooms/{room}/ballots"),
                    None,
                    &ballots[*i].1,
                )
                .unwrap();
                assert!(again == 201 || again == 200, "{name}: {again} {body}");
            }
        }
        assert_eq!(listed(server.port, &room, &secret).len(), 200, "{name}");
        println!(
            "rooms crash ({name}): killed after {} acknowledged, {} answers lost; after the restart {} listed, every acknowledged one among them",
            acked.len(),
            lost,
            list.len()
        );
    }
}
