//! Rating rounds (spec §12.3): opening what arrives from outside — a QR code, a link, a file —
//! never panics, refuses with at least one located error, and what it accepts tallies into
//! assessments the engine finds valid. The input's first byte chooses what the rest is: an
//! envelope's text; a ballot's text, sealed to the round for real; or a valid sealed ballot with
//! the rest of the input XORed into its text.
#![no_main]

use cxzy_core::{Period, Prepared, Rating};
use cxzy_rounds::rand_core::SeedableRng as _;
use cxzy_rounds::{Ballot, BallotSheet, Member, Plan, Round, RoundKey, Setup, SourcePlan};
use libfuzzer_sys::fuzz_target;
use rand_chacha::ChaCha20Rng;
use std::collections::BTreeMap;
use std::rc::Rc;

struct Fixture {
    fw: Prepared,
    round: Round,
    key: RoundKey,
    valid: String,
}

thread_local! {
    static FIXTURE: Rc<Fixture> = Rc::new(fixture());
}

fn fixture() -> Fixture {
    {
        let fw =
            Prepared::from_json(cxzy_frameworks::text("member-five-leads").unwrap_or_default())
                .unwrap_or_else(|e| panic!("{e:?}"));
        let setup = Setup {
            title: None,
            period: Period {
                start: "2026-07-01".parse().unwrap_or_default(),
                end: "2026-12-31".parse().unwrap_or_default(),
                label: None,
            },
            members: vec![
                Member {
                    id: "a".into(),
                    name: "甲".into(),
                    group: None,
                },
                Member {
                    id: "b".into(),
                    name: "乙".into(),
                    group: None,
                },
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
                    plan: Plan::Slips(2),
                },
            ],
        };
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let (round, key) =
            cxzy_rounds::create(&fw, &setup, &mut rng).unwrap_or_else(|e| panic!("{e:?}"));
        let token = &key.tokens[0];
        let ballot = Ballot {
            schema: Default::default(),
            round: round.id.clone(),
            token: token.secret.clone(),
            source: "self".into(),
            sheets: vec![BallotSheet {
                member: "a".into(),
                ratings: cxzy_core::IdMap::from([("study-theory".into(), Rating::Level("good".into()))]),
                notes: BTreeMap::new(),
            }],
        };
        let sealed =
            cxzy_rounds::seal(&round, &ballot, &mut rng).unwrap_or_else(|e| panic!("{e:?}"));
        let valid = serde_json::to_string(&sealed).unwrap_or_default();
        Fixture {
            fw,
            round,
            key,
            valid,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let f = FIXTURE.with(Rc::clone);
    let f = &*f;
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = match mode % 3 {
        0 => String::from_utf8_lossy(rest).into_owned(),
        1 => {
            // A ballot's text, sealed for real: the ballot reader and the rating checks.
            let Ok(ballot) = cxzy_core::read::document::<Ballot>(&String::from_utf8_lossy(rest))
            else {
                return;
            };
            match cxzy_rounds::seal(&f.round, &ballot, &mut ChaCha20Rng::seed_from_u64(2)) {
                Ok(s) => serde_json::to_string(&s).unwrap_or_default(),
                Err(_) => return,
            }
        }
        _ => {
            let mut bytes = f.valid.clone().into_bytes();
            let n = bytes.len().max(1);
            for (k, b) in rest.iter().enumerate() {
                if let Some(x) = bytes.get_mut(k % n) {
                    *x ^= b;
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let inputs = [text.as_str(), f.valid.as_str()];
    let opened = cxzy_rounds::open(&f.fw, &f.round, &f.key, &inputs)
        .unwrap_or_else(|e| panic!("INVARIANT: the round is its own: {e:?}"));
    for r in &opened.refused {
        assert!(!r.errors.is_empty(), "INVARIANT: a refusal says why");
    }
    let accepted: usize = opened.accepted.values().sum();
    assert_eq!(
        accepted + opened.refused.len(),
        inputs.len(),
        "INVARIANT: every ballot accepted or refused"
    );
    for a in &opened.assessments {
        let errors = f.fw.check(a);
        assert!(
            errors.is_empty(),
            "INVARIANT: a tallied assessment is valid: {errors:?}"
        );
    }
});
