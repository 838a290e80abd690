//! A whole round, natively: created, every rater's ballot sealed, opened and tallied into
//! assessments the engine scores; and every refusal of spec §12.3, each with its reason.

use cxzy_core::{Code, Period, Prepared, Rating, ScoreOptions};
use cxzy_rounds::rand_core::SeedableRng as _;
use cxzy_rounds::{
    create, open, seal, Ballot, BallotSheet, Member, Plan, Round, RoundKey, Setup, SourcePlan,
};
use rand_chacha::ChaCha20Rng;
use serde_json::json;
use std::collections::BTreeMap;

fn framework() -> Prepared {
    let text = |s: &str| json!({"zh-Hans": s});
    Prepared::from_value(&json!({
        "schema": "cxzy/framework@2", "id": "round-test", "version": "1", "subject": "member",
        "title": text("测试"),
        "dimensions": [{"id": "d", "title": text("带头"), "indicators": [
            {"id": "study", "title": text("学习"), "points": 10, "scale": {"kind": "levels", "levels": [
                {"id": "good", "label": text("好"), "percent": 100},
                {"id": "fair", "label": text("较好"), "percent": 60},
                {"id": "poor", "label": text("差"), "percent": 0}]}},
            {"id": "dues", "title": text("党费"), "points": 5, "scale": {"kind": "check"}}]}],
        "grades": [{"id": "ok", "label": text("合格"), "min_total": 0}],
        "sources": [
            {"id": "self", "label": text("自评"), "weight": 10, "aggregate": "mean", "min_raters": 1},
            {"id": "peer", "label": text("互评"), "weight": 30, "aggregate": "mean", "min_raters": 1},
            {"id": "mass", "label": text("群众评议"), "weight": 40, "aggregate": "mean", "min_raters": "1/2", "anonymous_min": 3},
            {"id": "org", "label": text("组织评价"), "weight": 20, "aggregate": "mean", "min_raters": 1}]
    }))
    .unwrap()
}

fn setup() -> Setup {
    let member = |id: &str, name: &str| Member {
        id: id.into(),
        name: name.into(),
        group: None,
    };
    Setup {
        title: Some("第一党支部".into()),
        period: Period {
            start: "2026-07-01".parse().unwrap(),
            end: "2026-12-31".parse().unwrap(),
            label: None,
        },
        members: vec![
            member("a", "张三"),
            member("b", "李四"),
            member("c", "王五"),
        ],
        sources: vec![
            SourcePlan {
                source: "self".into(),
                plan: Plan::Own,
            },
            SourcePlan {
                source: "peer".into(),
                plan: Plan::Peer,
            },
            SourcePlan {
                source: "mass".into(),
                plan: Plan::Slips(4),
            },
            SourcePlan {
                source: "org".into(),
                plan: Plan::Named(vec!["支部书记".into()]),
            },
        ],
    }
}

/// Every token's ballot: each member it rates, `study` fair for 李四 and good otherwise, dues paid.
fn ballots(round: &Round, key: &RoundKey) -> Vec<Ballot> {
    key.tokens
        .iter()
        .map(|t| {
            let issued = round.tokens.iter().find(|x| x.id == t.id).unwrap();
            Ballot {
                schema: Default::default(),
                round: round.id.clone(),
                token: t.secret.clone(),
                source: issued.source.clone(),
                sheets: issued
                    .rates
                    .iter()
                    .map(|m| BallotSheet {
                        member: m.clone(),
                        ratings: cxzy_core::IdMap::from([
                            (
                                "study".into(),
                                Rating::Level(if &**m == "b" { "fair" } else { "good" }.into()),
                            ),
                            ("dues".into(), Rating::Check(true)),
                        ]),
                        notes: BTreeMap::new(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn sealed(round: &Round, b: &Ballot, rng: &mut ChaCha20Rng) -> String {
    serde_json::to_string(&seal(round, b, rng).unwrap()).unwrap()
}

#[test]
fn a_whole_round_is_created_sealed_opened_and_scored() {
    let fw = framework();
    let mut rng = ChaCha20Rng::seed_from_u64(12);
    let (round, key) = create(&fw, &setup(), &mut rng).unwrap();
    assert_eq!(round.id.len(), 32);
    assert_eq!(round.tokens.len(), 3 + 3 + 4 + 1);
    // The public round names no secret.
    let public = serde_json::to_string(&round).unwrap();
    assert!(key.tokens.iter().all(|t| !public.contains(&t.secret)));
    assert!(!public.contains(&key.secret_key));
    // Anonymous slips are tied to no one.
    let mass: Vec<_> = round
        .tokens
        .iter()
        .filter(|t| &*t.source == "mass")
        .collect();
    assert!(mass.iter().all(|t| key
        .tokens
        .iter()
        .find(|k| k.id == t.id)
        .unwrap()
        .rater
        .is_none()));

    let texts: Vec<String> = ballots(&round, &key)
        .iter()
        .map(|b| sealed(&round, b, &mut rng))
        .collect();
    // What travels shows no rating.
    assert!(texts
        .iter()
        .all(|t| !t.contains("fair") && !t.contains("study")));
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let opened = open(&fw, &round, &key, &refs).unwrap();
    assert_eq!(opened.refused, vec![]);
    assert_eq!(opened.accepted.values().sum::<usize>(), 11);
    assert_eq!(opened.assessments.len(), 3);
    let b = &opened.assessments[1];
    assert_eq!(b.subject.name.as_deref(), Some("李四"));
    // 自评 1, 互评 by the other two, 4 slips, 1 组织评价; nobody named.
    let count = |s: &str| b.sheets.iter().filter(|x| &*x.source == s).count();
    assert_eq!(
        (count("self"), count("peer"), count("mass"), count("org")),
        (1, 2, 4, 1)
    );
    assert!(b.sheets.iter().all(|s| s.rater.is_none()));
    assert_eq!(b.raters.get("mass").and_then(|r| r.eligible), Some(4));
    assert_eq!(b.raters.get("peer").and_then(|r| r.eligible), Some(2));
    for a in &opened.assessments {
        let r = fw.score(a, &ScoreOptions::default()).unwrap();
        assert!(r.complete);
    }
    let r = fw.score(b, &ScoreOptions::default()).unwrap();
    assert_eq!(r.total.to_fixed2(), "11.00", "study 60 % of 10, dues 5");

    // The same seed, the same round: deterministic for tests and vectors.
    let again = create(&fw, &setup(), &mut ChaCha20Rng::seed_from_u64(12)).unwrap();
    assert_eq!(again.0, round);
}

#[test]
fn every_refusal_says_why() {
    let fw = framework();
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let (round, key) = create(&fw, &setup(), &mut rng).unwrap();
    let (other, other_key) = create(&fw, &setup(), &mut rng).unwrap();
    let good = ballots(&round, &key);
    let first = sealed(&round, &good[0], &mut rng);

    // A token never issued.
    let mut forged = good[1].clone();
    forged.token = "AAAAAAAAAAAAAAAAAAAAAA".into();
    // Another round's ballot.
    let foreign = sealed(&other, &ballots(&other, &other_key)[0], &mut rng);
    // One character of the sealed box changed.
    let mut changed: serde_json::Value =
        serde_json::from_str(&sealed(&round, &good[2], &mut rng)).unwrap();
    let s = changed["sealed"].as_str().unwrap().to_owned();
    let flipped = format!("{}{}", &s[..10], if &s[10..11] == "A" { "B" } else { "A" }) + &s[11..];
    changed["sealed"] = json!(flipped);
    // Sealed to another round's key, under this round's envelope.
    let mut wrong_key: serde_json::Value =
        serde_json::from_str(&sealed(&other, &good[3], &mut rng)).unwrap();
    wrong_key["round"] = json!(round.id);
    // 自评 of member a rating member b too.
    let uninvited = {
        // Under a fresh token of its own (the first is spent above): the 自评 token of b rating a.
        let mut x = good[1].clone();
        x.sheets[0].member = "a".into();
        x
    };
    // A rating the criteria refuse.
    let mut unknown_level = good[4].clone();
    unknown_level.sheets[0]
        .ratings
        .insert("study".into(), Rating::Level("excellent".into()));
    // The envelope names one token, the ballot holds another's secret.
    let mut swapped: serde_json::Value =
        serde_json::from_str(&sealed(&round, &good[5], &mut rng)).unwrap();
    let sibling = round
        .tokens
        .iter()
        .find(|t| t.source == good[5].source && t.id != cxzy_rounds::token_id(&good[5].token))
        .unwrap();
    swapped["token"] = json!(sibling.id);

    let texts: [String; 10] = [
        first.clone(),                            // 0 accepted
        first,                                    // 1 replayed
        sealed(&round, &forged, &mut rng),        // 2 never issued
        foreign,                                  // 3 another round
        changed.to_string(),                      // 4 changed
        wrong_key.to_string(),                    // 5 another key
        sealed(&round, &uninvited, &mut rng),     // 6 not invited
        sealed(&round, &unknown_level, &mut rng), // 7 refused rating
        swapped.to_string(),                      // 8 token mismatch
        "{not json".into(),                       // 9 not a document
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let opened = open(&fw, &round, &key, &refs).unwrap();
    let why: Vec<(usize, Vec<(Code, String)>)> = opened
        .refused
        .iter()
        .map(|r| {
            (
                r.index,
                r.errors.iter().map(|d| (d.code, d.path.clone())).collect(),
            )
        })
        .collect();
    let one = |c: Code, p: &str| vec![(c, p.to_owned())];
    assert_eq!(
        why,
        vec![
            (1, one(Code::TokenUsed, "/token")),
            (2, one(Code::UnknownToken, "/token")),
            (3, one(Code::OtherRound, "/round")),
            (4, one(Code::UnreadableBallot, "/sealed")),
            (5, one(Code::UnreadableBallot, "/sealed")),
            (6, one(Code::NotInvited, "/ballot/sheets/0/member")),
            (7, one(Code::UnknownLevel, "/ballot/sheets/0/ratings/study")),
            (8, one(Code::BallotMismatch, "/ballot/token")),
            (9, one(Code::JsonSyntax, "")),
        ]
    );
    assert_eq!(opened.accepted.values().sum::<usize>(), 1);
    // A refused ballot spends nothing: its real ballot is still accepted afterwards.
    let later = [sealed(&round, &good[2], &mut rng)];
    let refs: Vec<&str> = later.iter().map(String::as_str).collect();
    assert_eq!(open(&fw, &round, &key, &refs).unwrap().refused, vec![]);
    // The key of another round opens nothing: refused as a whole.
    let whole = open(&fw, &round, &other_key, &[]).unwrap_err();
    assert_eq!(whole[0].code, Code::OtherRound);
}

#[test]
fn a_setup_is_checked_before_anything_is_made() {
    let fw = framework();
    let mut s = setup();
    s.members.push(Member {
        id: "a".into(),
        name: "重复".into(),
        group: None,
    });
    s.sources.push(SourcePlan {
        source: "nobody".into(),
        plan: Plan::Slips(0),
    });
    let errors = create(&fw, &s, &mut ChaCha20Rng::seed_from_u64(1)).unwrap_err();
    let paths: Vec<_> = errors.iter().map(|d| (d.code, d.path.as_str())).collect();
    assert_eq!(
        paths,
        vec![
            (Code::DuplicateId, "/members/3/id"),
            (Code::UnknownSource, "/sources/4/source"),
            (Code::OutOfRange, "/sources/4/slips"),
        ]
    );
}

/// The largest ballot of a 12-member branch — a peer rating the 11 others on 22 items — fits one
/// QR code (2,953 bytes at version 40, low correction) because the ballot is deflated before it
/// is sealed. The figure is printed (`cargo test -p cxzy-rounds -- --nocapture`).
#[test]
fn a_peer_ballot_of_a_twelve_member_branch_fits_one_qr_code() {
    let text = |s: &str| json!({"zh-Hans": s});
    let names = [
        "study-attendance",
        "study-theory",
        "study-conviction",
        "study-knowledge",
        "study-expertise",
        "perf-duty",
        "perf-tasks",
        "perf-innovation",
        "perf-dedication",
        "service-help",
        "service-contact",
        "service-rights",
        "service-volunteer",
        "discipline-party",
        "discipline-law",
        "discipline-rules",
        "discipline-integrity",
        "discipline-dues",
        "ethos-morals",
        "ethos-stand",
        "ethos-criticism",
        "ethos-example",
    ];
    let levels = json!([
        {"id": "good", "label": text("好"), "percent": 100},
        {"id": "fair", "label": text("较好"), "percent": 80},
        {"id": "average", "label": text("一般"), "percent": 60},
        {"id": "poor", "label": text("差"), "percent": 0}]);
    let items: Vec<_> = names
        .iter()
        .map(|n| json!({"id": n, "title": text(n), "points": 4, "scale": {"kind": "levels", "levels": levels}}))
        .collect();
    let fw = Prepared::from_value(&json!({
        "schema": "cxzy/framework@1", "id": "big", "version": "1", "subject": "member", "title": text("五带头"),
        "dimensions": [{"id": "d", "title": text("带头"), "indicators": items}],
        "grades": [{"id": "ok", "label": text("合格"), "min_total": 0}],
        "sources": [{"id": "peer", "label": text("互评"), "weight": 100, "aggregate": "mean", "min_raters": 1}]
    }))
    .unwrap();
    let mut s = setup();
    s.members = (1..=12)
        .map(|k| Member {
            id: format!("m{k:02}").into(),
            name: format!("党员{k}"),
            group: None,
        })
        .collect();
    s.sources = vec![SourcePlan {
        source: "peer".into(),
        plan: Plan::Peer,
    }];
    let mut rng = ChaCha20Rng::seed_from_u64(9);
    let (round, key) = create(&fw, &s, &mut rng).unwrap();
    let ids = ["good", "fair", "average", "poor"];
    let mut k = 0;
    let issued = &round.tokens[0];
    let ballot = Ballot {
        schema: Default::default(),
        round: round.id.clone(),
        token: key.tokens[0].secret.clone(),
        source: "peer".into(),
        sheets: issued
            .rates
            .iter()
            .map(|m| BallotSheet {
                member: m.clone(),
                ratings: names
                    .iter()
                    .map(|n| {
                        k += 7;
                        ((*n).into(), Rating::Level(ids[k % 4].into()))
                    })
                    .collect(),
                notes: BTreeMap::new(),
            })
            .collect(),
    };
    assert_eq!(ballot.sheets.len(), 11);
    let plain = serde_json::to_string(&ballot).unwrap().len();
    let envelope = sealed(&round, &ballot, &mut rng);
    println!(
        "a peer ballot of 11 members × 22 items: {plain} B of JSON, {} B sealed",
        envelope.len()
    );
    assert!(
        envelope.len() <= 2_953,
        "{} bytes do not fit one QR code",
        envelope.len()
    );
    let opened = open(&fw, &round, &key, &[envelope.as_str()]).unwrap();
    assert_eq!(opened.refused, vec![]);
    assert_eq!(opened.assessments[1].sheets[0].ratings.len(), 22);
}

#[test]
fn each_invitation_names_only_its_own_token_and_whom_it_rates() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let (round, key) = create(&framework(), &setup(), &mut rng).unwrap();
    let invitations = key.invitations();
    assert_eq!(invitations.len(), key.tokens.len());
    for (inv, secret) in invitations.iter().zip(&key.tokens) {
        assert_eq!(inv.token, secret.secret);
        assert_eq!(inv.rater, secret.rater);
        assert_eq!(inv.public_key, round.public_key);
        let issued = round.tokens.iter().find(|t| t.id == secret.id).unwrap();
        assert_eq!(inv.source, issued.source);
        let ids: Vec<_> = inv.members.iter().map(|m| m.id.clone()).collect();
        assert_eq!(ids, issued.rates);
        // An invitation's text carries its own secret and no other.
        let text = serde_json::to_string(inv).unwrap();
        for other in key.tokens.iter().filter(|t| t.id != secret.id) {
            assert!(!text.contains(&other.secret));
        }
        assert!(!text.contains(&key.secret_key));
    }
    // A ballot made from an invitation (sealed to `seal_to`) opens.
    let inv = &invitations[0];
    let ballot = Ballot {
        schema: cxzy_core::BallotSchema::V1,
        round: inv.round.clone(),
        token: inv.token.clone(),
        source: inv.source.clone(),
        sheets: inv
            .members
            .iter()
            .map(|m| BallotSheet {
                member: m.id.clone(),
                ratings: cxzy_core::IdMap::from([("dues".into(), Rating::Check(true))]),
                notes: BTreeMap::new(),
            })
            .collect(),
    };
    let sealed = seal(&inv.seal_to(), &ballot, &mut rng).unwrap();
    let text = serde_json::to_string(&sealed).unwrap();
    let opened = open(&framework(), &round, &key, &[&text]).unwrap();
    assert!(opened.refused.is_empty(), "{:?}", opened.refused);
    assert_eq!(opened.accepted.get("self"), Some(&1));
}

#[test]
fn peer_rating_stays_within_each_group_where_groups_are_given() {
    let mut s = setup();
    let group = |g: Option<&str>| g.map(str::to_owned);
    s.members[0].group = group(Some("一组"));
    s.members[1].group = group(Some("一组"));
    s.members[2].group = group(Some("二组"));
    s.members.push(Member {
        id: "d".into(),
        name: "赵六".into(),
        group: group(Some("二组")),
    });
    s.members.push(Member {
        id: "e".into(),
        name: "孙七".into(),
        group: None,
    });
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let (round, _) = create(&framework(), &s, &mut rng).unwrap();
    let peer: Vec<Vec<&str>> = round
        .tokens
        .iter()
        .filter(|t| &*t.source == "peer")
        .map(|t| t.rates.iter().map(|m| &**m).collect())
        .collect();
    // a and b rate each other; c and d; e (no group, alone) has no one to rate: no token.
    assert_eq!(peer, vec![vec!["b"], vec!["a"], vec!["d"], vec!["c"]]);
    // Slips and named raters still rate everyone.
    let mass = round.tokens.iter().find(|t| &*t.source == "mass").unwrap();
    assert_eq!(mass.rates.len(), 5);
}

/// A workshop's open source (spec §12.6): no token issued; each rater makes their own, rates
/// every member, and is accepted once; a made-up token is refused where no source is open.
#[test]
fn an_open_source_takes_whoever_holds_the_round_once_each() {
    let fw = framework();
    let mut rng = ChaCha20Rng::seed_from_u64(13);
    let mut plan = setup();
    plan.sources = vec![
        SourcePlan {
            source: "self".into(),
            plan: Plan::Own,
        },
        SourcePlan {
            source: "mass".into(),
            plan: Plan::Open,
        },
    ];
    let (round, key) = create(&fw, &plan, &mut rng).unwrap();
    assert_eq!(round.tokens.len(), 3, "only 自评's tokens are issued");
    assert_eq!(round.mode("mass"), Some(cxzy_rounds::Mode::Open));
    assert!(round.open_invitation("self", &mut rng).is_none());
    let ballot_of = |inv: &cxzy_rounds::Invitation, level: &str| Ballot {
        schema: Default::default(),
        round: inv.round.clone(),
        token: inv.token.clone(),
        source: inv.source.clone(),
        sheets: inv
            .members
            .iter()
            .map(|m| BallotSheet {
                member: m.id.clone(),
                ratings: cxzy_core::IdMap::from([("study".into(), Rating::Level(level.into()))]),
                notes: BTreeMap::new(),
            })
            .collect(),
    };
    let one = round.open_invitation("mass", &mut rng).unwrap();
    let two = round.open_invitation("mass", &mut rng).unwrap();
    assert_ne!(one.token, two.token);
    assert_eq!(one.members.len(), 3);
    let first = sealed(&round, &ballot_of(&one, "good"), &mut rng);
    let envelope: cxzy_rounds::SealedBallot = cxzy_core::read::document(&first).unwrap();
    assert!(round.may_use(&envelope.token));
    assert!(!round.may_use("not-a-token"));
    let texts = [
        first.clone(),
        sealed(&round, &ballot_of(&two, "poor"), &mut rng),
        // The same rater again: refused.
        sealed(&round, &ballot_of(&one, "fair"), &mut rng),
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let opened = open(&fw, &round, &key, &refs).unwrap();
    assert_eq!(opened.accepted.get("mass"), Some(&2));
    assert_eq!(opened.refused.len(), 1);
    assert_eq!(opened.refused[0].index, 2);
    assert_eq!(opened.refused[0].errors[0].code, Code::TokenUsed);
    assert!(opened.assessments.iter().all(|a| a.sheets.len() == 2));

    // A made-up token claiming a source that is not open: refused once opened.
    let mut fake = ballot_of(&one, "good");
    fake.token = round.open_invitation("mass", &mut rng).unwrap().token;
    fake.source = "self".into();
    let text = sealed(&round, &fake, &mut rng);
    let opened = open(&fw, &round, &key, &[&text]).unwrap();
    assert_eq!(opened.refused[0].errors[0].code, Code::UnknownToken);
    assert_eq!(opened.refused[0].errors[0].path, "/ballot/source");

    // Where no source is open, a token never issued is refused from its envelope.
    let (closed, closed_key) = create(&fw, &setup(), &mut rng).unwrap();
    assert!(!closed.may_use(&envelope.token));
    let mut stray = ballot_of(&one, "good");
    stray.round = closed.id.clone();
    let text = sealed(&closed, &stray, &mut rng);
    let opened = open(&fw, &closed, &closed_key, &[&text]).unwrap();
    assert_eq!(opened.refused[0].errors[0].path, "/token");
}

/// What a room checks of a round beyond its shape, every problem located; and a round has at
/// most one open source.
#[test]
fn a_round_is_checked_before_a_room_holds_it() {
    let fw = framework();
    let mut rng = ChaCha20Rng::seed_from_u64(14);
    let (round, _) = create(&fw, &setup(), &mut rng).unwrap();
    assert!(round.check().is_empty());
    let mut bad = round.clone();
    bad.public_key = "c2hvcnQ".into();
    bad.tokens[1].id = bad.tokens[0].id.clone();
    bad.tokens[2].rates.push("nobody".into());
    bad.id = "XYZ".into();
    let paths: Vec<String> = bad.check().into_iter().map(|d| d.path).collect();
    assert_eq!(
        paths,
        vec!["/id", "/tokens/1/id", "/tokens/2/rates/1", "/public_key"]
    );
    let mut many = round.clone();
    let one = many.tokens[0].clone();
    many.tokens = vec![one; cxzy_rounds::setup::MAX_TOKENS + 1];
    assert_eq!(many.check()[0].code, Code::TooMany);

    let mut two_open = setup();
    two_open.sources[2].plan = Plan::Open;
    two_open.sources[3].plan = Plan::Open;
    let errors = create(&fw, &two_open, &mut rng).unwrap_err();
    assert_eq!(errors[0].path, "/sources/3/mode");
}
