//! Component tests of the app's logic, in headless Chromium: the root reducer and its concerns
//! (a self-assessment from start to result), what-if (never touching the saved assessment until
//! kept), routes (deep links, stale links, back to a record), storage (saving exactly the
//! library, another tab's newer save, unreadable data kept) and the migration of an assessment
//! made against an older version of its framework.

use cxzy_core::{Assessment, Date, Lang, Period, Rating, Scale, SubjectInfo};
use cxzy_web::model::engine::Engine;
use cxzy_web::model::library::{Begin, Edit, Library, LibraryAction};
use cxzy_web::model::notice::Notice;
use cxzy_web::model::own_sheet::{own_rating, own_sheet, set_own_rating};
use cxzy_web::model::route::{Page, RecordKey, Route};
use cxzy_web::services::storage::{self, StorageHealth};
use cxzy_web::state::frameworks::FrameworkAction;
use cxzy_web::state::sync::SyncAction;
use cxzy_web::state::view::ViewAction;
use cxzy_web::state::{Action, AppState};
use std::rc::Rc;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const MEMBER: &str = include_str!("../../core/frameworks/json/member-five-leads.json");

thread_local! {
    static ENGINE: Engine = Engine::load(MEMBER).unwrap();
}

/// The member framework, prepared once (as the app does).
fn engine() -> Engine {
    ENGINE.with(Engine::clone)
}

fn loaded() -> Action {
    Action::Frameworks(FrameworkAction::Loaded {
        key: "member-five-leads".into(),
        engine: engine(),
    })
}

fn begin(period: Period) -> Action {
    Action::Library(LibraryAction::Begin(Begin {
        framework: "member-five-leads".into(),
        period,
        subject: SubjectInfo::default(),
    }))
}

fn rate(indicator: &str, rating: Option<Rating>) -> Action {
    Action::Library(LibraryAction::Edit(Edit::Rate {
        indicator: indicator.into(),
        rating,
    }))
}

fn fresh() -> Rc<AppState> {
    Rc::new(AppState::new(
        None,
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        None,
    ))
}

fn result(s: &AppState) -> &cxzy_core::ScoreResult {
    s.scoring.ok().expect("a result")
}

fn encode(s: &AppState, rev: u64) -> String {
    storage::encode(&s.library, s.view.lang, s.current(), rev)
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

fn h1_2026() -> Period {
    Period {
        start: Date::from_ymd_opt(2026, 1, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 6, 30).unwrap(),
        label: None,
    }
}

fn reduce(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    state.reduce(action)
}

/// A state with the member framework loaded and a self-assessment begun.
fn begun() -> Rc<AppState> {
    let s = reduce(fresh(), begin(h2_2026()));
    assert!(s.view.pending.is_some(), "a start waits for its framework");
    reduce(s, loaded())
}

/// Rates every item: levels at `level` (index into the scale), checks yes, no lapses.
fn rate_all(mut s: Rc<AppState>, level: usize) -> Rc<AppState> {
    let e = engine();
    for (_, ind) in e.framework().indicators() {
        let rating = match &ind.scale {
            Scale::Levels { levels } => Rating::Level(levels[level].id.clone()),
            Scale::Check => Rating::Check(true),
            Scale::Deduction { .. } | Scale::Points { .. } => {
                Rating::Number(cxzy_core::Decimal::from_int(0).unwrap())
            }
            other => unreachable!("a scale of version 2 in a version-1 framework: {other:?}"),
        };
        s = reduce(s, rate(&ind.id, Some(rating)));
    }
    s
}

fn engine_result(a: &Assessment) -> cxzy_core::ScoreResult {
    engine().score(a, today()).unwrap()
}

#[wasm_bindgen_test]
fn a_begun_assessment_is_rated_and_the_result_is_the_engines() {
    let s = begun();
    assert_eq!(s.view.route.page(), Page::Assess);
    assert_eq!(s.library.records.len(), 1);
    let s = rate_all(s, 1);
    let a = s.assessment().unwrap();
    // Judgement items go on the self sheet; facts rated by the organisation on its sheet.
    let mut sources: Vec<&str> = a.sheets.iter().map(|sh| &*sh.source).collect();
    sources.sort();
    assert_eq!(sources, ["org", "self"]);
    let shown = result(&s);
    assert_eq!(*shown, engine_result(a));
    assert!(shown.complete);
    assert_eq!(
        shown.grade.as_deref(),
        Some("qualified"),
        "total {}",
        shown.total.to_fixed2()
    );
    assert!(s.sync.dirty > 0, "every change asks the root to save");
}

#[wasm_bindgen_test]
fn clearing_a_rating_makes_the_result_incomplete_again() {
    let s = rate_all(begun(), 0);
    let s = reduce(s, rate("study-theory", None));
    let r = result(&s);
    assert!(!r.complete);
    assert_eq!(r.grade, None);
}

#[wasm_bindgen_test]
fn what_if_changes_the_what_if_result_only_until_kept() {
    let s = on_result(rate_all(begun(), 0));
    let saved = s.assessment().unwrap().clone();
    let before = result(&s).total.clone();
    let s = reduce(
        s,
        Action::View(ViewAction::WhatIf {
            indicator: "study-theory".into(),
            rating: Some(Rating::Level("poor".into())),
        }),
    );
    assert_eq!(
        **s.assessment().unwrap(),
        *saved,
        "what-if never touches the saved assessment"
    );
    let what_if = s.scoring.what_if.as_deref().unwrap().as_ref().unwrap();
    assert!(
        what_if.total < before,
        "lowering an item lowers the what-if total"
    );
    assert_eq!(result(&s).total, before);
    let expected = what_if.clone();

    let undone = reduce(s.clone(), Action::View(ViewAction::WhatIfReset));
    assert!(undone.scoring.what_if.is_none());
    assert_eq!(**undone.assessment().unwrap(), *saved);

    let left = reduce(s.clone(), Action::View(ViewAction::Go(Route::History)));
    assert!(
        left.view.what_if.is_empty(),
        "what-if lives on its result page only"
    );
    assert!(left.scoring.what_if.is_none());
    assert_eq!(**left.assessment().unwrap(), *saved);

    let kept = reduce(s, Action::View(ViewAction::WhatIfKeep));
    assert!(kept.view.what_if.is_empty());
    assert_eq!(*result(&kept), expected);
    assert_eq!(
        kept.rating("study-theory"),
        Some(Rating::Level("poor".into()))
    );
}

/// Shows the result page of the record on screen.
fn on_result(s: Rc<AppState>) -> Rc<AppState> {
    let record = s.view.current.clone().unwrap();
    reduce(s, Action::View(ViewAction::Go(Route::Result { record })))
}

#[wasm_bindgen_test]
fn what_if_back_to_the_saved_rating_is_no_change() {
    let s = on_result(rate_all(begun(), 0));
    let s = reduce(
        s,
        Action::View(ViewAction::WhatIf {
            indicator: "study-theory".into(),
            rating: Some(Rating::Level("good".into())),
        }),
    );
    assert!(s.view.what_if.is_empty());
    assert!(s.scoring.what_if.is_none());
}

#[wasm_bindgen_test]
fn commitments_are_added_done_and_counted_overdue_by_today() {
    let s = begun();
    let past = Date::from_ymd_opt(2026, 10, 1).unwrap();
    let add = |text: &str, dimension: Option<&str>| {
        Action::Library(LibraryAction::Edit(Edit::AddCommitment {
            text: text.into(),
            dimension: dimension.map(Into::into),
            due: past,
        }))
    };
    let s = reduce(s, add("每月读一本书", Some("study")));
    let s = reduce(s, add("帮扶一户困难群众", None));
    assert_eq!(result(&s).commitments.overdue, 2);
    let s = reduce(
        s,
        Action::Library(LibraryAction::Edit(Edit::CommitmentStatus {
            id: "c1".into(),
            status: cxzy_core::CommitmentStatus::Done,
        })),
    );
    let c = &s.assessment().unwrap().commitments[0];
    assert_eq!(c.done_on, Some(today()));
    let r = result(&s);
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
    // The previous half-year, rated lower; then back to the current one.
    let s = reduce(s, begin(h1_2026()));
    let s = rate_all(s, 2);
    assert!(
        s.scoring.trend.is_none(),
        "nothing before the first half-year"
    );
    let record = RecordKey::of(&s.library.records, 0).unwrap();
    let s = reduce(s, Action::View(ViewAction::Go(Route::Result { record })));
    let trend = s.scoring.trend.as_deref().expect("a trend against 2026 H1");
    assert!(trend.total.change.is_positive());
    assert_eq!(trend.total.current, result(&s).total);
    assert!(s.scoring.previous.is_some(), "the radar's second series");
}

#[wasm_bindgen_test]
fn the_own_sheet_rule_is_one_sheet_per_source_and_leaves_other_sheets_alone() {
    let e = engine();
    let s = rate_all(begun(), 0);
    let mut a = (**s.assessment().unwrap()).clone();
    // An imported peer sheet of the self source's indicators, placed before the user's own.
    let peer = cxzy_core::Sheet {
        source: "peer".into(),
        rater: Some("张三".into()),
        submitted: None,
        ratings: [("study-theory".into(), Rating::Level("poor".into()))]
            .into_iter()
            .collect(),
        notes: Default::default(),
    };
    a.sheets.insert(0, peer.clone());
    let own = own_sheet(&a, &e, "study-theory").unwrap();
    assert_eq!(&*own.source, "self");
    let first_self = a.sheets.iter().position(|sh| &*sh.source == "self");
    assert_eq!(own.index, first_self, "the first sheet of its source");
    set_own_rating(
        &mut a,
        &e,
        "study-theory",
        Some(Rating::Level("fair".into())),
    );
    assert_eq!(a.sheets[0], peer, "another rater's sheet is never edited");
    assert_eq!(
        own_rating(&a, &e, "study-theory"),
        Some(Rating::Level("fair".into()))
    );
    assert_eq!(own_sheet(&a, &e, "no-such-item"), None);
}

#[wasm_bindgen_test]
fn routes_name_records_by_framework_and_period_and_stale_ones_fall_back() {
    let s = rate_all(begun(), 0);
    let s = reduce(s, begin(h1_2026()));
    // A deep link to the first record's result, as a reload reads it from the address bar.
    let hash = "#/result/member-five-leads/2026-H2";
    let stored = storage::decode(&encode(&s, 2)).unwrap();
    let reloaded = AppState::new(
        Some(stored.clone()),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        Route::parse(hash),
    );
    assert_eq!(reloaded.view.route.to_hash(), hash);
    assert_eq!(
        reloaded.assessment().unwrap().period.start.to_string(),
        "2026-07-01"
    );
    // No route: where the user last was (the stored record, its result).
    let plain = AppState::new(
        Some(stored.clone()),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        None,
    );
    assert_eq!(
        plain.view.route.to_hash(),
        "#/result/member-five-leads/2026-H1"
    );
    // A link to a record this browser does not have: the list of records, in place.
    let stale = AppState::new(
        Some(stored),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        Route::parse("#/assess/member-five-leads/2019-H1/2"),
    );
    assert_eq!(stale.view.route, Route::History);
    assert!(stale.view.replace, "a corrected route replaces the entry");
    // Without any record: the start page.
    let empty = AppState::new(
        None,
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        Route::parse("#/result/member-five-leads/2026-H2"),
    );
    assert_eq!(empty.view.route, Route::Start);
    // Back to a step of the rate page (the address bar changed).
    let record = RecordKey::of(&s.library.records, 0).unwrap();
    let back = reduce(
        s,
        Action::View(ViewAction::Located(Route::Assess { record, step: 2 })),
    );
    assert_eq!(back.view.step, 2);
    assert_eq!(
        back.assessment().unwrap().period.start.to_string(),
        "2026-07-01"
    );
}

#[wasm_bindgen_test]
fn deleting_a_record_keeps_the_one_on_screen() {
    let s = reduce(begun(), begin(h1_2026())); // records: [H2, H1]; on screen: H1
    let s = reduce(s, Action::Library(LibraryAction::Delete(0)));
    assert_eq!(s.library.records.len(), 1);
    assert_eq!(
        s.assessment().unwrap().period.start.to_string(),
        "2026-01-01"
    );
    let s = reduce(s, Action::Library(LibraryAction::Delete(0)));
    assert!(s.assessment().is_none());
    assert_eq!(
        s.view.route,
        Route::Start,
        "its page is gone, and no record left"
    );
}

#[wasm_bindgen_test]
fn storage_round_trips_and_keeps_what_it_cannot_read() {
    let s = rate_all(begun(), 0);
    let text = encode(&s, 3);
    let stored = storage::decode(&text).unwrap();
    assert_eq!(stored.rev, 3);
    assert_eq!(stored.library.records.len(), 1);
    assert_eq!(stored.library.records[0], *s.assessment().unwrap());
    let again = AppState::new(Some(stored), StorageHealth::Ok, Lang::En, today(), None);
    assert_eq!(
        again.view.lang,
        Lang::ZhHans,
        "the stored language wins over the browser's"
    );
    assert_eq!(again.view.route.page(), Page::Result);
}

#[wasm_bindgen_test]
fn a_document_stored_by_the_previous_version_reads_and_is_written_back_unchanged() {
    // cxzy/app-data@1 exactly as the app wrote it before the split (existing users' data).
    let a = r#"{"schema":"cxzy/assessment@1","framework":{"id":"member-five-leads","version":"1.0.0"},"subject":{"name":"张三"},"period":{"start":"2026-07-01","end":"2026-12-31"},"sheets":[{"source":"self","ratings":{"study-theory":"good"}}]}"#;
    let text = format!(
        r#"{{"schema":"cxzy/app-data@1","rev":4,"lang":"zh-Hant","current":0,"assessments":[{a}],"unreadable":[{{"schema":"cxzy/assessment@9"}}],"archived":[{{"old":true}}]}}"#
    );
    let stored = storage::decode(&text).unwrap();
    assert_eq!(stored.current, Some(0));
    assert_eq!(stored.lang, Some(Lang::ZhHant));
    let s = AppState::new(Some(stored), StorageHealth::Ok, Lang::En, today(), None);
    assert_eq!(s.view.lang, Lang::ZhHant);
    assert_eq!(s.library.unreadable.len(), 1);
    assert_eq!(s.library.archived.len(), 1);
    let written = encode(&s, 4);
    let canon = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(canon(&written), canon(&text));
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
    let library = Library {
        records: vec![Rc::new(old)],
        ..Library::default()
    };
    let text = storage::encode(&library, Lang::ZhHans, Some(0), 1);
    let stored = storage::decode(&text).unwrap();
    let fresh = Rc::new(AppState::new(
        Some(stored),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        None,
    ));
    let loaded = reduce(fresh, loaded());
    let a = loaded.assessment().unwrap();
    assert_eq!(a.framework.version, "1.0.0");
    assert!(a
        .sheets
        .iter()
        .all(|sh| !sh.ratings.contains_key("study-retired-item")));
    assert_eq!(loaded.library.archived.len(), 1);
    assert_eq!(loaded.library.archived[0]["framework"]["version"], "0.9.0");
    assert!(loaded
        .view
        .notices
        .iter()
        .any(|n| matches!(n, Notice::Migrated { dropped: 1, .. })));
    assert!(loaded.scoring.ok().is_some());
    assert!(loaded.sync.dirty > 0, "the migrated data is saved");
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn save(s: &AppState) -> Result<u64, StorageHealth> {
    storage::save(storage::KEY, s.sync.base_rev, |rev| encode(s, rev))
}

#[wasm_bindgen_test]
fn a_save_over_another_tabs_newer_save_is_a_conflict_not_an_overwrite() {
    storage::clear(storage::KEY);
    let s = rate_all(begun(), 0);
    let rev = save(&s).unwrap();
    assert_eq!(rev, 1);
    let other = encode(&s, 5);
    local().set_item(storage::KEY, &other).unwrap();
    let mine = reduce(s, Action::Sync(SyncAction::Saved(1)));
    assert_eq!(save(&mine), Err(StorageHealth::Conflict(5)));
    assert_eq!(
        local().get_item(storage::KEY).unwrap().unwrap(),
        other,
        "nothing overwritten"
    );
    let chosen = reduce(mine, Action::Sync(SyncAction::Overwrite(5)));
    assert_eq!(save(&chosen), Ok(6));
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
    let s = AppState::new(loaded.stored, loaded.health, Lang::ZhHans, today(), None);
    assert_eq!(s.library.unreadable.len(), 1);
    assert!(s.view.notices.contains(&Notice::Unreadable));
    // The next save carries it inside the document too.
    assert!(encode(&s, 1).contains("app-data@7"));
    storage::clear(storage::KEY);
}

#[wasm_bindgen_test]
fn another_tabs_save_keeps_this_tab_on_its_own_record() {
    let s = rate_all(begun(), 0);
    let s = reduce(s, begin(h1_2026()));
    let record = RecordKey::of(&s.library.records, 0).unwrap();
    let s = reduce(s, Action::View(ViewAction::Go(Route::Result { record }))); // this tab: 2026 H2
                                                                               // The other tab has 2026 H1 open and saved a newer revision.
    let other = storage::encode(&s.library, s.view.lang, Some(1), 9);
    let stored = storage::decode(&other).unwrap();
    let after = reduce(s, Action::Sync(SyncAction::External(stored)));
    assert_eq!(
        after.assessment().unwrap().period.start.to_string(),
        "2026-07-01"
    );
    assert_eq!(after.sync.base_rev, 9);
    assert!(after.view.notices.contains(&Notice::OtherTab));
}

#[wasm_bindgen_test]
fn another_tabs_save_over_an_unsaved_change_is_offered_not_taken() {
    let s = rate_all(begun(), 0);
    let stale = reduce(
        s,
        Action::Sync(SyncAction::Health(StorageHealth::Conflict(4))),
    );
    let theirs = storage::encode(&Library::default(), Lang::ZhHans, None, 6);
    let stored = storage::decode(&theirs).unwrap();
    let after = reduce(stale, Action::Sync(SyncAction::External(stored.clone())));
    assert_eq!(
        after.library.records.len(),
        1,
        "this tab's data stays until the user chooses"
    );
    assert_eq!(after.sync.health, StorageHealth::Conflict(6));
    let chosen = reduce(after, Action::Sync(SyncAction::LoadOther(stored)));
    assert!(chosen.library.records.is_empty());
    assert_eq!(chosen.sync.health, StorageHealth::Ok);
}

fn embedded(readonly: bool) -> Rc<AppState> {
    let embedding = cxzy_web::state::Embedding {
        source: "https://portal.example/unit.json".into(),
        readonly,
    };
    let s = AppState::embedded(
        embedding,
        None,
        None,
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        h2_2026(),
    );
    Rc::new(s).reduce(Action::Frameworks(FrameworkAction::Loaded {
        key: "https://portal.example/unit.json".into(),
        engine: engine(),
    }))
}

#[wasm_bindgen_test]
fn the_element_begins_once_its_framework_arrives_and_tells_the_host() {
    let s = embedded(false);
    assert_eq!(s.view.route.page(), Page::Assess);
    assert_eq!(s.library.records.len(), 1);
    let first = s.notify;
    assert!(first > 0, "the first result is news for the host");
    let s = reduce(s, Action::View(ViewAction::SetLang(Lang::En)));
    assert_eq!(s.notify, first, "a language switch is not");
    let s = reduce(s, rate("study-theory", Some(Rating::Level("good".into()))));
    assert!(s.notify > first, "a rating is");
}

#[wasm_bindgen_test]
fn a_read_only_element_accepts_no_change() {
    let s = embedded(true);
    assert_eq!(s.view.route.page(), Page::Result);
    let before = s.assessment().unwrap().clone();
    let s = reduce(s, rate("study-theory", Some(Rating::Level("good".into()))));
    let s = reduce(
        s,
        Action::Library(LibraryAction::Edit(Edit::AddCommitment {
            text: "x".into(),
            dimension: None,
            due: today(),
        })),
    );
    assert_eq!(**s.assessment().unwrap(), *before);
    let record = s.view.current.clone().unwrap();
    let s = reduce(
        s,
        Action::View(ViewAction::Go(Route::Assess { record, step: 0 })),
    );
    assert_eq!(s.view.route.page(), Page::Result, "no rate page either");
}

#[wasm_bindgen_test]
fn the_hosts_assessment_replaces_only_its_own_period() {
    let s = embedded(false);
    let mut other = (**s.assessment().unwrap()).clone();
    other.period = h1_2026();
    let s = reduce(s, Action::Library(LibraryAction::Replace(other.clone())));
    assert_eq!(
        s.library.records.len(),
        2,
        "another period is added, not swapped in"
    );
    let mut again = other.clone();
    again.subject.name = Some("李四".into());
    let s = reduce(s, Action::Library(LibraryAction::Replace(again)));
    assert_eq!(s.library.records.len(), 2);
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
    let library = Library {
        records: vec![Rc::new(old)],
        ..Library::default()
    };
    let text = storage::encode(&library, Lang::ZhHans, Some(0), 1);
    let fresh = Rc::new(AppState::new(
        Some(storage::decode(&text).unwrap()),
        StorageHealth::Ok,
        Lang::ZhHans,
        today(),
        None,
    ));
    let loaded = reduce(fresh, loaded());
    let sources: Vec<String> = loaded
        .assessment()
        .unwrap()
        .sheets
        .iter()
        .map(|sh| sh.source.to_string())
        .collect();
    assert_eq!(sources, kept);
    assert!(loaded.scoring.ok().is_some());
}

/// The unit's own criteria (issue 11): a framework added to the library is prepared and used
/// like a built-in; a new version published later takes its place, and the record made against
/// the earlier one migrates (ratings the new version accepts carried, the original archived).
#[wasm_bindgen_test]
fn own_criteria_are_used_and_a_new_version_migrates_their_records() {
    use cxzy_web::model::criteria::Own;
    let mut fw: serde_json::Value = serde_json::from_str(MEMBER).unwrap();
    fw["id"] = "our-unit".into();
    let own = |fw: &serde_json::Value| {
        Action::Library(LibraryAction::AddOwn(Own {
            framework: Rc::new(fw.clone()),
            summary: "本支部".into(),
            added: Some(today()),
            rest: Default::default(),
        }))
    };
    let s = fresh().reduce(own(&fw));
    assert_eq!(s.library.own.len(), 1);
    let loaded = s.frameworks.get("our-unit").expect("prepared when added");
    assert_eq!(loaded.framework().version, "1.0.0");
    let s = s.reduce(Action::Library(LibraryAction::Begin(Begin {
        framework: "our-unit".into(),
        period: h2_2026(),
        subject: SubjectInfo::default(),
    })));
    assert_eq!(s.view.route.page(), Page::Assess);
    let s = s
        .reduce(rate("study-theory", Some(Rating::Level("good".into()))))
        .reduce(rate("ethos-example", Some(Rating::Level("good".into()))));
    assert_eq!(
        s.assessment().unwrap().framework.id.as_ref(),
        "our-unit",
        "the record is of the unit's criteria"
    );

    // Version 1.1.0 drops 示范带动作用.
    let mut next = fw.clone();
    next["version"] = "1.1.0".into();
    let ethos = next["dimensions"][4]["indicators"].as_array_mut().unwrap();
    ethos.retain(|i| i["id"] != "ethos-example");
    let s = s.reduce(own(&next));
    assert_eq!(s.library.own.len(), 2, "every version is kept");
    assert_eq!(
        s.frameworks.get("our-unit").unwrap().framework().version,
        "1.1.0"
    );
    let a = s.assessment().unwrap();
    assert_eq!(a.framework.version, "1.1.0");
    let e = s.frameworks.get("our-unit").unwrap().clone();
    assert_eq!(
        own_rating(a, &e, "study-theory"),
        Some(Rating::Level("good".into()))
    );
    assert!(own_rating(a, &e, "ethos-example").is_none());
    assert_eq!(s.library.archived.len(), 1, "the original is archived");
    assert!(s
        .view
        .notices
        .iter()
        .any(|n| matches!(n, Notice::Migrated { version, dropped: 1, .. } if version == "1.1.0")));
    // Stored and read back: the own criteria and the record.
    let text = encode(&s, 5);
    let stored = storage::decode(&text).unwrap();
    assert_eq!(stored.library.own, s.library.own);
    assert_eq!(stored.library.records, s.library.records);

    // Another tab still on 1.0.0 adopts this save: its 1.0.0 engine is dropped, not kept for the
    // records already migrated to 1.1.0 (the root prepares the library's version again).
    let other = fresh().reduce(own(&fw));
    assert_eq!(
        other
            .frameworks
            .get("our-unit")
            .unwrap()
            .framework()
            .version,
        "1.0.0"
    );
    let other = other.reduce(Action::Sync(SyncAction::External(stored)));
    assert!(other.frameworks.get("our-unit").is_none());
    assert!(other.wanted().iter().any(|id| &**id == "our-unit"));
}
