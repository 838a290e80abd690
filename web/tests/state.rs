//! Component tests of the app's logic, in headless Chromium: the reducer (a self-assessment from
//! start to result), what-if (never touching the saved assessment until kept), storage (saving,
//! another tab's newer save, unreadable data kept) and the migration of an assessment made
//! against an older version of its framework.

use cxzy_core::{Assessment, Date, Lang, Period, Rating, Scale, ScoreOptions, SubjectInfo};
use cxzy_web::services::engine::{self, Engine};
use cxzy_web::services::storage::{self, StorageHealth};
use cxzy_web::state::{Action, Begin, Notice, Page, State};
use std::rc::Rc;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const MEMBER: &str = include_str!("../../core/frameworks/member-five-leads.json");

fn engine() -> Rc<Engine> {
    engine::load(MEMBER).unwrap()
}

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 21).unwrap()
}

fn h2_2026() -> Period {
    Period {
        start: Date::from_ymd_opt(2026, 7, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 12, 31).unwrap(),
        label: None,
    }
}

fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
    state.reduce(action)
}

/// A state with the member framework loaded and a self-assessment begun.
fn begun() -> Rc<State> {
    let s = Rc::new(State::new(None, StorageHealth::Ok, Lang::ZhHans, today()));
    let s = reduce(
        s,
        Action::Begin(Begin {
            framework: "member-five-leads".into(),
            period: h2_2026(),
            subject: SubjectInfo::default(),
        }),
    );
    assert!(s.pending.is_some(), "a start waits for its framework");
    reduce(s, Action::Loaded(engine()))
}

/// Rates every item: levels at `level` (index into the scale), checks yes, no lapses.
fn rate_all(mut s: Rc<State>, level: usize) -> Rc<State> {
    let e = engine();
    for (_, ind) in e.framework.indicators() {
        let rating = match &ind.scale {
            Scale::Levels { levels } => Rating::Level(levels[level].id.clone()),
            Scale::Check => Rating::Check(true),
            Scale::Deduction { .. } | Scale::Points { .. } => {
                Rating::Number(cxzy_core::Decimal::from_int(0).unwrap())
            }
        };
        s = reduce(
            s,
            Action::Rate {
                indicator: ind.id.clone(),
                rating: Some(rating),
            },
        );
    }
    s
}

fn engine_result(a: &Assessment) -> cxzy_core::ScoreResult {
    cxzy_core::score(
        engine().framework,
        a,
        &ScoreOptions {
            today: Some(today()),
        },
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn a_begun_assessment_is_rated_and_the_result_is_the_engines() {
    let s = begun();
    assert_eq!(s.page, Page::Assess);
    assert_eq!(s.records.len(), 1);
    let s = rate_all(s, 1);
    let a = s.assessment().unwrap();
    // Judgement items go on the self sheet; facts rated by the organisation on its sheet.
    let mut sources: Vec<&str> = a.sheets.iter().map(|sh| &*sh.source).collect();
    sources.sort();
    assert_eq!(sources, ["org", "self"]);
    let shown = s.result.as_deref().unwrap().as_ref().unwrap();
    assert_eq!(*shown, engine_result(a));
    assert!(shown.complete);
    assert_eq!(
        shown.grade.as_deref(),
        Some("qualified"),
        "total {}",
        shown.total.to_fixed2()
    );
    assert!(s.dirty > 0, "every change asks the root to save");
}

#[wasm_bindgen_test]
fn clearing_a_rating_makes_the_result_incomplete_again() {
    let s = rate_all(begun(), 0);
    let s = reduce(
        s,
        Action::Rate {
            indicator: "study-theory".into(),
            rating: None,
        },
    );
    let r = s.result.as_deref().unwrap().as_ref().unwrap();
    assert!(!r.complete);
    assert_eq!(r.grade, None);
}

#[wasm_bindgen_test]
fn what_if_changes_the_what_if_result_only_until_kept() {
    let s = rate_all(begun(), 0);
    let saved = s.assessment().unwrap().clone();
    let before = s.result.as_deref().unwrap().as_ref().unwrap().total.clone();
    let s = reduce(
        s,
        Action::WhatIf {
            indicator: "study-theory".into(),
            rating: Some(Rating::Level("poor".into())),
        },
    );
    assert_eq!(
        **s.assessment().unwrap(),
        *saved,
        "what-if never touches the saved assessment"
    );
    let what_if = s.what_if_result.as_deref().unwrap().as_ref().unwrap();
    assert!(
        what_if.total < before,
        "lowering an item lowers the what-if total"
    );
    assert_eq!(s.result.as_deref().unwrap().as_ref().unwrap().total, before);
    let expected = what_if.clone();

    let undone = reduce(s.clone(), Action::WhatIfReset);
    assert!(undone.what_if_result.is_none());
    assert_eq!(**undone.assessment().unwrap(), *saved);

    let kept = reduce(s, Action::WhatIfKeep);
    assert!(kept.what_if.is_empty());
    assert_eq!(*kept.result.as_deref().unwrap().as_ref().unwrap(), expected);
    assert_eq!(
        kept.rating(&engine(), "study-theory"),
        Some(Rating::Level("poor".into()))
    );
}

#[wasm_bindgen_test]
fn what_if_back_to_the_saved_rating_is_no_change() {
    let s = rate_all(begun(), 0);
    let s = reduce(
        s,
        Action::WhatIf {
            indicator: "study-theory".into(),
            rating: Some(Rating::Level("good".into())),
        },
    );
    assert!(s.what_if.is_empty());
    assert!(s.what_if_result.is_none());
}

#[wasm_bindgen_test]
fn commitments_are_added_done_and_counted_overdue_by_today() {
    let s = begun();
    let past = Date::from_ymd_opt(2026, 10, 1).unwrap();
    let s = reduce(
        s,
        Action::AddCommitment {
            text: "每月读一本书".into(),
            dimension: Some("study".into()),
            due: past,
        },
    );
    let s = reduce(
        s,
        Action::AddCommitment {
            text: "帮扶一户困难群众".into(),
            dimension: None,
            due: past,
        },
    );
    let r = s.result.as_deref().unwrap().as_ref().unwrap();
    assert_eq!(r.commitments.overdue, 2);
    let s = reduce(
        s,
        Action::CommitmentStatus {
            id: "c1".into(),
            status: cxzy_core::CommitmentStatus::Done,
        },
    );
    let c = &s.assessment().unwrap().commitments[0];
    assert_eq!(c.done_on, Some(today()));
    let r = s.result.as_deref().unwrap().as_ref().unwrap();
    assert_eq!((r.commitments.done, r.commitments.overdue), (1, 1));
    assert_eq!(
        r.commitments
            .overdue_ids
            .iter()
            .map(|i| &**i)
            .collect::<Vec<_>>(),
        ["c2"]
    );
}

#[wasm_bindgen_test]
fn the_previous_half_year_gives_a_trend() {
    let s = rate_all(begun(), 1);
    let h1 = Period {
        start: Date::from_ymd_opt(2026, 1, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 6, 30).unwrap(),
        label: None,
    };
    // The previous half-year, rated lower; then back to the current one.
    let s = reduce(
        s,
        Action::Begin(Begin {
            framework: "member-five-leads".into(),
            period: h1,
            subject: SubjectInfo::default(),
        }),
    );
    let s = rate_all(s, 2);
    assert!(s.trend.is_none(), "nothing before the first half-year");
    let s = reduce(s, Action::Open(0));
    let trend = s.trend.as_deref().expect("a trend against 2026 H1");
    assert!(trend.total.change.is_positive());
    assert_eq!(
        trend.total.current,
        s.result.as_deref().unwrap().as_ref().unwrap().total
    );
}

#[wasm_bindgen_test]
fn storage_round_trips_and_keeps_what_it_cannot_read() {
    let s = rate_all(begun(), 0);
    let text = storage::encode(&s, 3);
    let stored = storage::decode(&text).unwrap();
    assert_eq!(stored.rev, 3);
    assert_eq!(stored.assessments.len(), 1);
    assert_eq!(stored.assessments[0], **s.assessment().unwrap());
    let again = State::new(Some(stored), StorageHealth::Ok, Lang::En, today());
    assert_eq!(
        again.lang,
        Lang::ZhHans,
        "the stored language wins over the browser's"
    );
    assert_eq!(again.page, Page::Result);
}

#[wasm_bindgen_test]
fn an_older_framework_version_is_migrated_and_the_original_archived() {
    let s = rate_all(begun(), 0);
    let mut old = (**s.assessment().unwrap()).clone();
    old.framework.version = "0.9.0".into();
    old.framework.digest = None;
    // An item the old version had and the current one does not.
    let sheet = old
        .sheets
        .iter_mut()
        .find(|sh| &*sh.source == "self")
        .unwrap();
    sheet
        .ratings
        .insert("study-retired-item".into(), Rating::Level("good".into()));
    let text = storage::encode(
        &State {
            records: vec![Rc::new(old.clone())],
            current: Some(0),
            ..(*s).clone()
        },
        1,
    );
    let stored = storage::decode(&text).unwrap();
    let fresh = Rc::new(State::new(
        Some(stored),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
    ));
    let loaded = reduce(fresh, Action::Loaded(engine()));
    let a = loaded.assessment().unwrap();
    assert_eq!(a.framework.version, "1.0.0");
    assert!(a
        .sheets
        .iter()
        .all(|sh| !sh.ratings.contains_key("study-retired-item")));
    assert_eq!(loaded.archived.len(), 1);
    assert_eq!(loaded.archived[0]["framework"]["version"], "0.9.0");
    assert!(loaded
        .notices
        .iter()
        .any(|n| matches!(n, Notice::Migrated { dropped: 1, .. })));
    assert!(loaded.result.as_deref().unwrap().is_ok());
    assert!(loaded.dirty > 0, "the migrated data is saved");
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn a_save_over_another_tabs_newer_save_is_a_conflict_not_an_overwrite() {
    storage::clear(storage::KEY);
    let s = rate_all(begun(), 0);
    let rev = storage::save(&s).unwrap();
    assert_eq!(rev, 1);
    let other = storage::encode(&s, 5);
    local().set_item(storage::KEY, &other).unwrap();
    let mine = State {
        base_rev: 1,
        ..(*s).clone()
    };
    assert_eq!(storage::save(&mine), Err(StorageHealth::Conflict(5)));
    assert_eq!(
        local().get_item(storage::KEY).unwrap().unwrap(),
        other,
        "nothing overwritten"
    );
    let chosen = Rc::new(mine).reduce(Action::Overwrite(5));
    assert_eq!(storage::save(&chosen), Ok(6));
    storage::clear(storage::KEY);
}

#[wasm_bindgen_test]
fn unreadable_stored_text_is_kept_aside_and_reported() {
    storage::clear(storage::KEY);
    local()
        .set_item(
            storage::KEY,
            r#"{"schema":"cxzy/app-data@7","future":true}"#,
        )
        .unwrap();
    let loaded = storage::load(storage::KEY);
    assert_eq!(
        local()
            .get_item(&storage::backup_key(storage::KEY))
            .unwrap()
            .as_deref(),
        Some(r#"{"schema":"cxzy/app-data@7","future":true}"#)
    );
    let s = State::new(loaded.stored, loaded.health, Lang::ZhHans, today());
    assert_eq!(s.unreadable.len(), 1);
    assert!(s.notices.contains(&Notice::Unreadable));
    // The next save carries it inside the document too.
    assert!(storage::encode(&s, 1).contains("app-data@7"));
    storage::clear(storage::KEY);
}

#[wasm_bindgen_test]
fn another_tabs_save_keeps_this_tab_on_its_own_record() {
    let s = rate_all(begun(), 0);
    let h1 = Period {
        start: Date::from_ymd_opt(2026, 1, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 6, 30).unwrap(),
        label: None,
    };
    let s = reduce(
        s,
        Action::Begin(Begin {
            framework: "member-five-leads".into(),
            period: h1,
            subject: SubjectInfo::default(),
        }),
    );
    let s = reduce(s, Action::Open(0)); // this tab: 2026 H2
                                        // The other tab has 2026 H1 open and saved a newer revision.
    let other = State {
        current: Some(1),
        ..(*s).clone()
    };
    let stored = storage::decode(&storage::encode(&other, 9)).unwrap();
    let after = reduce(s, Action::External(stored));
    assert_eq!(
        after.assessment().unwrap().period.start.to_string(),
        "2026-07-01"
    );
    assert_eq!(after.base_rev, 9);
    assert!(after.notices.contains(&Notice::OtherTab));
}

#[wasm_bindgen_test]
fn another_tabs_save_over_an_unsaved_change_is_offered_not_taken() {
    let s = rate_all(begun(), 0);
    let stale = State {
        storage: StorageHealth::Conflict(4),
        ..(*s).clone()
    };
    let mut theirs = (*s).clone();
    theirs.records.clear();
    theirs.current = None;
    let stored = storage::decode(&storage::encode(&theirs, 6)).unwrap();
    let after = Rc::new(stale).reduce(Action::External(stored.clone()));
    assert_eq!(
        after.records.len(),
        1,
        "this tab's data stays until the user chooses"
    );
    assert_eq!(after.storage, StorageHealth::Conflict(6));
    let chosen = after.reduce(Action::LoadOther(stored));
    assert!(chosen.records.is_empty());
    assert_eq!(chosen.storage, StorageHealth::Ok);
}

fn embedded(readonly: bool) -> Rc<State> {
    let embedding = cxzy_web::state::Embedding {
        source: "https://portal.example/unit.json".into(),
        readonly,
    };
    let s = State::embedded(
        embedding,
        None,
        None,
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        h2_2026(),
    );
    Rc::new(s).reduce(Action::LoadedFrom(
        "https://portal.example/unit.json".into(),
        engine(),
    ))
}

#[wasm_bindgen_test]
fn the_element_begins_once_its_framework_arrives_and_tells_the_host() {
    let s = embedded(false);
    assert_eq!(s.page, Page::Assess);
    assert_eq!(s.records.len(), 1);
    let first = s.notify;
    assert!(first > 0, "the first result is news for the host");
    let s = reduce(s, Action::SetLang(Lang::En));
    assert_eq!(s.notify, first, "a language switch is not");
    let s = reduce(
        s,
        Action::Rate {
            indicator: "study-theory".into(),
            rating: Some(Rating::Level("good".into())),
        },
    );
    assert!(s.notify > first, "a rating is");
}

#[wasm_bindgen_test]
fn a_read_only_element_accepts_no_change() {
    let s = embedded(true);
    assert_eq!(s.page, Page::Result);
    let before = s.assessment().unwrap().clone();
    let s = reduce(
        s,
        Action::Rate {
            indicator: "study-theory".into(),
            rating: Some(Rating::Level("good".into())),
        },
    );
    let s = reduce(
        s,
        Action::AddCommitment {
            text: "x".into(),
            dimension: None,
            due: today(),
        },
    );
    assert_eq!(**s.assessment().unwrap(), *before);
}

#[wasm_bindgen_test]
fn the_hosts_assessment_replaces_only_its_own_period() {
    let s = embedded(false);
    let mut other = (**s.assessment().unwrap()).clone();
    other.period = Period {
        start: Date::from_ymd_opt(2026, 1, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 6, 30).unwrap(),
        label: None,
    };
    let s = reduce(s, Action::Replace(other.clone()));
    assert_eq!(
        s.records.len(),
        2,
        "another period is added, not swapped in"
    );
    let mut again = other.clone();
    again.subject.name = Some("李四".into());
    let s = reduce(s, Action::Replace(again));
    assert_eq!(s.records.len(), 2);
    assert_eq!(
        s.assessment().unwrap().subject.name.as_deref(),
        Some("李四")
    );
}

#[wasm_bindgen_test]
fn migration_drops_whole_sheets_without_shifting_onto_the_wrong_ones() {
    let s = rate_all(begun(), 0);
    let mut old = (**s.assessment().unwrap()).clone();
    old.framework.version = "0.9.0".into();
    old.framework.digest = None;
    let retired = |name: &str| cxzy_core::Sheet {
        source: name.into(),
        rater: None,
        submitted: None,
        ratings: [("study-theory".into(), Rating::Level("good".into()))]
            .into_iter()
            .collect(),
        notes: Default::default(),
    };
    // [retired-a, self/org…, retired-b]: both retired sources go, the real sheets stay.
    let kept: Vec<String> = old.sheets.iter().map(|sh| sh.source.to_string()).collect();
    old.sheets.insert(0, retired("retired-a"));
    old.sheets.push(retired("retired-b"));
    let text = storage::encode(
        &State {
            records: vec![Rc::new(old)],
            current: Some(0),
            ..(*s).clone()
        },
        1,
    );
    let fresh = Rc::new(State::new(
        Some(storage::decode(&text).unwrap()),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
    ));
    let loaded = reduce(fresh, Action::Loaded(engine()));
    let sources: Vec<String> = loaded
        .assessment()
        .unwrap()
        .sheets
        .iter()
        .map(|sh| sh.source.to_string())
        .collect();
    assert_eq!(sources, kept);
    assert!(loaded.result.as_deref().unwrap().is_ok());
}
