//! Component tests of the documents of version 2 in the app, in headless Chromium, with the
//! golden vectors' frameworks as fixtures: counted events set one counter at a time, counted
//! claims, votes and ticks (none ticked is rated, not unrated), sub-items rated in place — all
//! through the root reducer and the own-sheet rule, each result the engine's; a version-2
//! assessment imported, stored and read back; an assessment of version 1 migrated onto a
//! framework of version 2.

use cxzy_core::{Assessment, Date, Id, IndicatorStatus, Lang, Period, Rating, SubjectInfo};
use cxzy_web::model::engine::{indicator_result, Engine};
use cxzy_web::model::library::{Begin, Edit, Library, LibraryAction};
use cxzy_web::model::notice::Notice;
use cxzy_web::model::own_sheet::{own_rating, own_sheet};
use cxzy_web::model::ratings;
use cxzy_web::services::{files, storage};
use cxzy_web::state::frameworks::FrameworkAction;
use cxzy_web::state::{Action, AppState};
use std::rc::Rc;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const BUREAU: &str = include_str!("../../tests/vectors/v2-bureau-member-c/framework.json");
const BUREAU_C: &str = include_str!("../../tests/vectors/v2-bureau-member-c/assessment.json");
const TOWNSHIP: &str = include_str!("../../tests/vectors/v2-township-a/framework.json");
const TOWNSHIP_B: &str = include_str!("../../tests/vectors/v2-township-b/assessment.json");
const SUB_ITEMS: &str = include_str!("../../tests/vectors/v2-sub-items/framework.json");

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 21).unwrap()
}

fn h1_2026() -> Period {
    Period {
        start: Date::from_ymd_opt(2026, 1, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 6, 30).unwrap(),
        label: None,
    }
}

fn fresh() -> Rc<AppState> {
    Rc::new(AppState::new(
        None,
        storage::StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        None,
    ))
}

fn reduce(s: Rc<AppState>, action: Action) -> Rc<AppState> {
    s.reduce(action)
}

/// A state with `text`'s framework loaded and a record of it begun for the first half of 2026.
fn begun(text: &str) -> (Rc<AppState>, Engine) {
    let engine = Engine::load(text).unwrap();
    let id = engine.framework().id.clone();
    let s = reduce(
        fresh(),
        Action::Frameworks(FrameworkAction::Loaded {
            key: id.clone(),
            engine: engine.clone(),
        }),
    );
    let s = reduce(
        s,
        Action::Library(LibraryAction::Begin(Begin {
            framework: id,
            period: h1_2026(),
            subject: SubjectInfo::default(),
        })),
    );
    (s, engine)
}

fn edit(s: Rc<AppState>, edit: Edit) -> Rc<AppState> {
    reduce(s, Action::Library(LibraryAction::Edit(edit)))
}

fn rate(s: Rc<AppState>, indicator: &str, rating: Option<Rating>) -> Rc<AppState> {
    edit(
        s,
        Edit::Rate {
            indicator: indicator.into(),
            rating,
        },
    )
}

/// Sets one event's count as the rate page's counter does: the rating the item holds now, with
/// that count changed, back through the own-sheet rule.
fn count(s: Rc<AppState>, indicator: &str, event: &str, n: Option<u32>) -> Rc<AppState> {
    let now = s.rating(indicator);
    let next = ratings::with_count(now.as_ref(), &Id::from(event), n);
    rate(s, indicator, next)
}

fn number(n: &str) -> Rating {
    Rating::Number(cxzy_web::components::rating::parse_decimal(n).unwrap())
}

fn result(s: &AppState) -> &cxzy_core::ScoreResult {
    s.scoring.ok().expect("a result")
}

#[wasm_bindgen_test]
fn counted_events_set_counter_by_counter_score_as_the_bureaus_rules_say() {
    let (s, engine) = begun(BUREAU);
    let a = s.assessment().unwrap();
    assert_eq!(
        a.schema.version(),
        2,
        "a record of a version-2 framework is of version 2"
    );
    // 支部会议: late four times (one click at a time, then the field typed), the cut-off at 4.
    let mut s = s;
    for k in 1..=3 {
        s = count(s, "meetings", "late", Some(k));
    }
    let r = indicator_result(result(&s), "meetings").unwrap();
    assert_eq!(r.combined.as_ref().unwrap().to_fixed2(), "8.50");
    let s = count(s, "meetings", "late", Some(4));
    let r = indicator_result(result(&s), "meetings").unwrap();
    assert_eq!(r.combined.as_ref().unwrap().to_fixed2(), "0.00");
    let sheet = &r.sources[0].sheets[0];
    assert_eq!(
        sheet.cutoff.as_deref(),
        Some("late"),
        "the cut-off that set the score"
    );
    assert_eq!(sheet.events[0].count, 4);
    assert_eq!(sheet.events[0].change.to_fixed2(), "-2.00");

    // The rest as in the bureau's case C; "nothing happened" is rated ({}), not unrated.
    let s = count(s, "activities", "absent", Some(3));
    let s = count(s, "volunteer", "absent", Some(2));
    let s = rate(s, "theory", Some(ratings::none(false)));
    // A counter taken to 0 from 1 leaves the item rated with nothing counted.
    let s = count(s, "notes", "missing", Some(1));
    let s = count(s, "notes", "missing", Some(0));
    assert_eq!(s.rating("notes"), Some(ratings::none(false)));
    let s = rate(s, "dedication", Some(number("7")));
    let s = rate(s, "participation", Some(number("5")));
    let s = count(s, "community", "poor", Some(2));
    let s = rate(s, "four", Some(ratings::none(false)));
    let s = rate(s, "law", Some(number("9.5")));
    assert!(!result(&s).complete, "rules (规章制度) is not rated yet");
    let s = rate(s, "rules", Some(ratings::none(false)));
    // 受上级通报表扬 twice, counted in 参加各项活动 (capped there at its points).
    let s = edit(
        s,
        Edit::Adjustment {
            item: "commended".into(),
            count: 2,
        },
    );

    let a = s.assessment().unwrap();
    let vector: Assessment = cxzy_core::assessment_from_str(BUREAU_C).unwrap();
    assert_eq!(
        a.sheets.len(),
        1,
        "one sheet: the organisation's (no self source)"
    );
    assert_eq!(&*a.sheets[0].source, "org");
    assert_eq!(a.sheets[0].ratings, vector.sheets[0].ratings);
    assert_eq!(a.adjustments, vector.adjustments);
    let shown = result(&s);
    assert_eq!(*shown, engine.score(a, today()).unwrap());
    assert_eq!(shown.total.to_fixed2(), "70.50");
    assert_eq!(shown.grade.as_deref(), Some("qualified"));
    let participation = indicator_result(shown, "participation").unwrap();
    assert_eq!(participation.adjustments[0].amount.to_fixed2(), "4.00");
    assert_eq!(participation.bounded, Some(cxzy_core::Bounded::Ceiling));

    // Emptying a counter with nothing else counted leaves the item unrated again.
    let s = count(s, "volunteer", "absent", None);
    assert_eq!(s.rating("volunteer"), None);
    assert!(!result(&s).complete);
    // Unclaiming takes the claim away.
    let s = edit(
        s,
        Edit::Adjustment {
            item: "commended".into(),
            count: 0,
        },
    );
    assert!(s.assessment().unwrap().adjustments.is_empty());
}

#[wasm_bindgen_test]
fn a_vote_and_ticks_go_on_their_sources_sheets_and_none_ticked_is_a_rating() {
    let (s, engine) = begun(TOWNSHIP);
    // No self source: each item's own sheet is its first source's (peer, mass).
    let s = rate(s, "peer-score", Some(number("90")));
    let s = rate(s, "trust", Some(Rating::Level("trust".into())));
    let a = s.assessment().unwrap();
    assert_eq!(
        own_sheet(a, &engine, "trust").unwrap().source.as_ref(),
        "mass"
    );
    let r = result(&s);
    assert!(!r.complete, "the ticks are not rated yet");
    assert_eq!(
        indicator_result(r, "conditions").unwrap().status,
        IndicatorStatus::Unrated
    );
    let tally = indicator_result(r, "trust")
        .unwrap()
        .tally
        .as_ref()
        .unwrap();
    assert_eq!((tally.ballots, tally.base), (1, 1));
    assert_eq!(tally.options[0].count, 1);
    assert_eq!(
        tally.options[0].share.as_ref().unwrap().to_fixed2(),
        "100.00"
    );

    // Nothing ticked, said explicitly: rated.
    let s = rate(s, "conditions", Some(ratings::none(true)));
    assert_eq!(s.rating("conditions"), Some(Rating::Ticks(vec![])));
    let r = result(&s);
    assert!(r.complete);
    assert_eq!(r.grade.as_deref(), Some("excellent"));
    let conditions = indicator_result(r, "conditions").unwrap();
    assert_eq!(conditions.status, IndicatorStatus::Rated);
    assert_eq!(conditions.tally.as_ref().unwrap().ballots, 1);

    // Ticking a condition replaces "none"; the rule on the share of the same condition fires
    // (1 of 1 ballots is at least half) and caps the grade.
    let cs = match &engine.indicator("conditions").unwrap().scale {
        cxzy_core::Scale::Ticks { conditions } => conditions.clone(),
        _ => unreachable!(),
    };
    let now = s.rating("conditions");
    let s = rate(
        s,
        "conditions",
        ratings::with_tick(now.as_ref(), &cs, &Id::from("duty"), true),
    );
    assert_eq!(
        s.rating("conditions"),
        Some(Rating::Ticks(vec!["duty".into()]))
    );
    let r = result(&s);
    assert_eq!(r.grade.as_deref(), Some("unqualified"));
    assert_eq!(r.grade_reason, cxzy_core::GradeReason::Rule);
    let rule = r
        .rules
        .iter()
        .find(|x| &*x.id == "conditions-rule")
        .unwrap();
    assert!(rule.fired);
    assert_eq!((rule.count, rule.base), (1, 1));
    assert_eq!(rule.option.as_deref(), Some("duty"));
    // Unticking the last condition: unrated again (nothing chosen on screen).
    let now = s.rating("conditions");
    let s = rate(
        s,
        "conditions",
        ratings::with_tick(now.as_ref(), &cs, &Id::from("duty"), false),
    );
    assert_eq!(s.rating("conditions"), None);
    assert!(!result(&s).complete);
    assert_eq!(
        *result(&s),
        engine.score(s.assessment().unwrap(), today()).unwrap()
    );
}

#[wasm_bindgen_test]
fn sub_items_are_rated_by_their_own_ids_and_the_item_is_their_sum() {
    let (s, engine) = begun(SUB_ITEMS);
    let s = count(s, "lessons", "absent", Some(1));
    let s = rate(s, "dues", Some(Rating::Check(true)));
    let life = indicator_result(result(&s), "life").unwrap();
    assert_eq!(
        life.status,
        IndicatorStatus::Unrated,
        "talk is not rated yet"
    );
    let s = rate(s, "talk", Some(Rating::Na));
    let s = rate(s, "t1", Some(number("3")));
    let s = rate(s, "t2", Some(Rating::Check(true)));
    // A note on the item itself, beside its sub-items' ratings.
    let s = edit(
        s,
        Edit::Note {
            indicator: "life".into(),
            text: "三会一课记录".into(),
        },
    );
    let a = s.assessment().unwrap();
    let ratings = &a
        .sheets
        .iter()
        .find(|x| &*x.source == "org")
        .unwrap()
        .ratings;
    assert!(
        !ratings.contains_key("life"),
        "the item is not rated itself"
    );
    assert_eq!(
        own_rating(a, &engine, "lessons"),
        Some(Rating::Counts([("absent".into(), 1)].into()))
    );
    let r = result(&s);
    assert_eq!(*r, engine.score(a, today()).unwrap());
    let expected: serde_json::Value = serde_json::from_str(include_str!(
        "../../tests/vectors/v2-sub-items/expected.json"
    ))
    .unwrap();
    let life = indicator_result(r, "life").unwrap();
    assert_eq!(
        life.combined.as_ref().unwrap().to_fixed2(),
        expected["indicators"][0]["combined"].as_str().unwrap()
    );
    assert_eq!(life.items.len(), 3);
    assert_eq!(life.items[2].status, IndicatorStatus::Na);
    assert_eq!(r.total.to_fixed2(), expected["total"].as_str().unwrap());
    assert_eq!(r.complete, expected["complete"].as_bool().unwrap());
}

#[wasm_bindgen_test]
fn a_version_2_assessment_imports_stores_and_reads_back_with_its_counts_and_ticks() {
    let engine = Engine::load(TOWNSHIP).unwrap();
    let found = files::read_import(TOWNSHIP_B).unwrap();
    let list: Vec<Assessment> = found.into_iter().map(|(_, a)| a).collect();
    let s = reduce(
        fresh(),
        Action::Frameworks(FrameworkAction::Loaded {
            key: "township-two-reviews".into(),
            engine: engine.clone(),
        }),
    );
    let s = reduce(s, Action::Library(LibraryAction::Import(list)));
    let a = s.assessment().unwrap();
    assert_eq!(a.schema.version(), 2);
    let r = result(&s);
    // Case b as published: trust below half, the grade capped by the rule.
    assert_eq!(r.total.to_fixed2(), "88.58");
    assert_eq!(r.grade.as_deref(), Some("unqualified"));
    assert_eq!(r.grade_reason, cxzy_core::GradeReason::Rule);
    assert_eq!(r.grade_detail.rules, ["trust-rule".into()] as [Id; 1]);
    assert!(
        !s.view
            .notices
            .iter()
            .any(|n| matches!(n, Notice::Migrated { .. })),
        "the same framework: nothing to migrate"
    );

    // Stored and read back: the same document, counts and ticks and all.
    let text = storage::encode(&s.library, Lang::ZhHans, s.current(), 1);
    let back = storage::decode(&text).unwrap();
    assert_eq!(back.library.records, s.library.records);
    assert!(back.library.unreadable.is_empty());
    assert!(text.contains("\"schema\":\"cxzy/assessment@2\""));
}

#[wasm_bindgen_test]
fn an_assessment_of_version_1_is_migrated_onto_a_framework_of_version_2() {
    let engine = Engine::load(SUB_ITEMS).unwrap();
    // Made against an earlier version ("0") as a version-1 document: the check item carries
    // over, an item the new version does not have is dropped.
    let old = cxzy_core::assessment_from_str(
        r#"{"schema": "cxzy/assessment@1", "framework": {"id": "v2-sub-items", "version": "0"},
            "period": {"start": "2026-01-01", "end": "2026-06-30"},
            "sheets": [{"source": "org", "ratings": {"dues": true, "t1": 2, "retired": "good"}}]}"#,
    )
    .unwrap();
    assert_eq!(old.schema.version(), 1);
    let library = Library {
        records: vec![Rc::new(old)],
        ..Library::default()
    };
    let stored = storage::decode(&storage::encode(&library, Lang::ZhHans, Some(0), 1)).unwrap();
    let s = Rc::new(AppState::new(
        Some(stored),
        storage::StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        None,
    ));
    let s = reduce(
        s,
        Action::Frameworks(FrameworkAction::Loaded {
            key: "v2-sub-items".into(),
            engine: engine.clone(),
        }),
    );
    let a = s.assessment().unwrap();
    assert_eq!(a.framework.version, "1");
    assert_eq!(
        a.schema.version(),
        2,
        "migrated onto version 2, it may now count events"
    );
    assert_eq!(own_rating(a, &engine, "dues"), Some(Rating::Check(true)));
    assert_eq!(own_rating(a, &engine, "retired"), None);
    assert_eq!(s.library.archived.len(), 1);
    assert_eq!(s.library.archived[0]["schema"], "cxzy/assessment@1");
    assert!(s
        .view
        .notices
        .iter()
        .any(|n| matches!(n, Notice::Migrated { dropped: 1, .. })));
    // And it takes counts now.
    let s = count(s, "lessons", "absent", Some(2));
    let lessons = indicator_result(result(&s), "lessons").unwrap();
    assert_eq!(lessons.combined.as_ref().unwrap().to_fixed2(), "2.00");
}

#[wasm_bindgen_test]
fn a_sub_item_naming_no_sources_is_rated_on_its_items_source() {
    // The sub-items' framework with a self source added and 组织生活 rated by the organisation.
    let mut fw: serde_json::Value = serde_json::from_str(SUB_ITEMS).unwrap();
    fw["sources"]
        .as_array_mut()
        .unwrap()
        .insert(0, serde_json::json!({"id": "self", "label": {"zh-Hans": "自评"}, "weight": 1, "aggregate": "mean"}));
    fw["dimensions"][0]["indicators"][0]["sources"] = serde_json::json!(["org"]);
    let (s, engine) = begun(&fw.to_string());
    let a = s.assessment().unwrap();
    assert_eq!(
        own_sheet(a, &engine, "lessons").unwrap().source.as_ref(),
        "org"
    );
    assert_eq!(own_sheet(a, &engine, "t1").unwrap().source.as_ref(), "self");
    let s = count(s, "lessons", "absent", Some(1));
    let s = rate(s, "t1", Some(number("2")));
    let a = s.assessment().unwrap();
    assert!(engine.check(a).is_empty(), "{:?}", engine.check(a));
    let mut sources: Vec<&str> = a.sheets.iter().map(|x| &*x.source).collect();
    sources.sort();
    assert_eq!(sources, ["org", "self"]);
    assert_eq!(
        indicator_result(result(&s), "lessons")
            .unwrap()
            .combined
            .as_ref()
            .unwrap()
            .to_fixed2(),
        "4.00"
    );
}
