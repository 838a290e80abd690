//! Rescoring time in the browser: what one change costs on a 200-item framework (10 dimensions ×
//! 20 items, all rated), measured with `performance.now()` over many rescorings. Prints the
//! figure (scripts/figures.sh shows it); asserts only that the scores are right, never a time.

use cxzy_core::{Date, Lang, Rating, SubjectInfo};
use cxzy_web::model::engine::Engine;
use cxzy_web::model::library::{Begin, Edit, LibraryAction};
use cxzy_web::services::storage::StorageHealth;
use cxzy_web::state::frameworks::FrameworkAction;
use cxzy_web::state::{Action, AppState};
use std::rc::Rc;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn framework_200() -> String {
    let text = |s: &str| format!(r#"{{"zh-Hans":"{s}"}}"#);
    let levels = r#"{"kind":"levels","levels":[{"id":"good","label":{"zh-Hans":"好"},"percent":100,"descriptor":{"zh-Hans":"做得好"}},{"id":"fair","label":{"zh-Hans":"较好"},"percent":80},{"id":"average","label":{"zh-Hans":"一般"},"percent":60},{"id":"poor","label":{"zh-Hans":"差"},"percent":30}]}"#;
    let dims: Vec<String> = (0..10)
        .map(|d| {
            let inds: Vec<String> = (0..20)
                .map(|i| {
                    format!(
                        r#"{{"id":"d{d}-i{i}","title":{},"points":"0.5","scale":{levels}}}"#,
                        text("指标")
                    )
                })
                .collect();
            format!(
                r#"{{"id":"d{d}","title":{},"indicators":[{}]}}"#,
                text("方面"),
                inds.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"schema":"cxzy/framework@1","id":"bench-200","version":"1","subject":"member","title":{},
        "dimensions":[{}],
        "grades":[{{"id":"excellent","label":{},"min_total":90,"min_dimension_ratio":80}},{{"id":"qualified","label":{},"min_total":0}}],
        "sources":[{{"id":"self","label":{},"weight":20,"aggregate":"mean"}},{{"id":"org","label":{},"weight":80,"aggregate":"mean"}}]}}"#,
        text("基准"),
        dims.join(","),
        text("优秀"),
        text("合格"),
        text("自评"),
        text("组织")
    )
}

#[wasm_bindgen_test]
fn rescoring_a_200_item_framework_after_one_change() {
    let e = Engine::load(&framework_200()).unwrap();
    assert_eq!(e.indicator_count(), 200);
    let today = Date::from_ymd_opt(2026, 11, 21).unwrap();
    let mut s = Rc::new(AppState::new(
        None,
        StorageHealth::Ok,
        Lang::ZhHans,
        today,
        None,
    ));
    s = s.reduce(Action::Frameworks(FrameworkAction::Loaded {
        key: "bench-200".into(),
        engine: e.clone(),
    }));
    let period = cxzy_core::Period {
        start: Date::from_ymd_opt(2026, 7, 1).unwrap(),
        end: Date::from_ymd_opt(2026, 12, 31).unwrap(),
        label: None,
    };
    s = s.reduce(Action::Library(LibraryAction::Begin(Begin {
        framework: "bench-200".into(),
        period,
        subject: SubjectInfo::default(),
    })));
    let rate = |indicator: &str, level: &str| {
        Action::Library(LibraryAction::Edit(Edit::Rate {
            indicator: indicator.into(),
            rating: Some(Rating::Level(level.into())),
        }))
    };
    for (_, ind) in e.framework().indicators() {
        s = s.reduce(rate(&ind.id, "good"));
    }
    let r = s.scoring.ok().unwrap();
    assert!(r.complete);
    assert_eq!(r.total.to_fixed2(), "100.00");

    let performance = web_sys::window().unwrap().performance().unwrap();
    let a = s.assessment().unwrap().clone();
    // The engine alone, then a whole reducer step (copy on write, rescore) as the app does it.
    let n = 500;
    let t0 = performance.now();
    for _ in 0..n {
        let r = e.score(&a, today).unwrap();
        assert!(r.complete);
    }
    let engine_ms = (performance.now() - t0) / f64::from(n);
    let t0 = performance.now();
    let levels = ["fair", "good"];
    for k in 0..n {
        let level = levels[(k % 2) as usize];
        s = s.reduce(rate("d3-i7", level));
    }
    let step_ms = (performance.now() - t0) / f64::from(n);
    let r = s.scoring.ok().unwrap();
    assert_eq!(
        r.total.to_fixed2(),
        "100.00",
        "the last change put the item back to good"
    );
    console_log!("rescoring (200 items, browser): engine {engine_ms:.3} ms, reducer step {step_ms:.3} ms per change");
}
