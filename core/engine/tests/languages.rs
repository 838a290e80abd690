//! The languages of messages (features `en` and `zh`, both by default): a build carries the
//! messages of the languages it is built with, and gives a reader of another language those.
//! CI runs this test in all three builds (scripts/test.sh):
//! `cargo test -p cxzy-core --no-default-features --features zh --test languages`, and `en`.

use cxzy_core::*;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn framework(grades: &str) -> String {
    let t = r#"{"zh-Hans": "x"}"#;
    format!(
        r#"{{"schema": "cxzy/framework@1", "id": "f", "version": "1", "subject": "member", "title": {t},
        "dimensions": [{{"id": "d", "title": {t}, "indicators": [
            {{"id": "i", "title": {t}, "points": 10, "scale": {{"kind": "levels", "levels": [
                {{"id": "good", "label": {t}, "percent": 100}}, {{"id": "poor", "label": {t}, "percent": 0}}]}}}}]}}],
        "grades": {grades},
        "sources": [{{"id": "self", "label": {t}, "weight": 1, "aggregate": "mean", "min_raters": 1}}]}}"#
    )
}

const GRADES: &str = r#"[{"id": "ok", "label": {"zh-Hans": "x"}, "min_total": 0}]"#;

/// Errors of every stage: reading (a missing field, a wrong type), JSON syntax, a framework's
/// rules (grades out of order), the check of an assessment against its framework (an unknown
/// source, item and level), the branch view (a quota out of range) and the trend (another
/// framework's result).
fn errors() -> Vec<Diagnostic> {
    let mut all = assessment_from_str(r#"{"schema": "cxzy/assessment@1", "sheets": 3}"#)
        .err()
        .unwrap_or_default();
    all.extend(assessment_from_str("{").err().unwrap_or_default());
    all.extend(Prepared::from_json("{}").err().unwrap_or_default());
    let unordered = r#"[{"id": "ok", "label": {"zh-Hans": "x"}, "min_total": 0},
        {"id": "best", "label": {"zh-Hans": "x"}, "min_total": 90}]"#;
    all.extend(
        Prepared::from_json(&framework(unordered))
            .err()
            .unwrap_or_default(),
    );
    let scorer = Prepared::from_json(&framework(GRADES)).unwrap_or_else(|e| panic!("{e:?}"));
    let assessment = |sheets: &str| {
        assessment_from_str(&format!(
            r#"{{"schema": "cxzy/assessment@1",
            "framework": {{"id": "f", "version": "1", "digest": "{}"}},
            "subject": {{"name": "张三"}}, "period": {{"start": "2026-01-01", "end": "2026-06-30"}},
            "sheets": {sheets}}}"#,
            scorer.digest()
        ))
        .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let wrong = assessment(
        r#"[{"source": "peer", "ratings": {"i": "good"}},
            {"source": "self", "ratings": {"nope": "good"}},
            {"source": "self", "ratings": {"i": "great"}}]"#,
    );
    let checked = scorer.check(&wrong);
    assert!(checked.len() >= 3, "{checked:?}");
    all.extend(checked);
    all.extend(
        branch(&scorer, &[], Some(&Exact::int(101)))
            .err()
            .unwrap_or_default(),
    );
    let right = assessment(r#"[{"source": "self", "ratings": {"i": "good"}}]"#);
    let current = scorer
        .score(&right, &ScoreOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .summary();
    let mut previous = current.clone();
    previous.framework.id = "other".into();
    all.extend(
        trend(scorer.framework(), &previous, &current)
            .err()
            .unwrap_or_default(),
    );
    let codes: Vec<&str> = all.iter().map(|d| d.code.as_str()).collect();
    for code in [
        "grade_order",
        "unknown_source",
        "unknown_indicator",
        "unknown_level",
        "out_of_range",
        "framework_mismatch",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    all
}

#[test]
fn messages_are_in_the_languages_built_and_given_for_every_reader() {
    let all = errors();
    assert!(all.len() >= 10, "{all:?}");
    for d in &all {
        let (en, zh) = (d.message(Lang::En), d.message(Lang::ZhHans));
        assert!(!en.is_empty() && !zh.is_empty(), "{} at {}", d.code, d.path);
        // Traditional-Chinese readers get the zh-Hans messages.
        assert_eq!(d.message(Lang::ZhHant), zh);
        match (diag::EN, diag::ZH) {
            (true, true) => {
                assert!(!chinese(en), "English message {en:?}");
                assert!(chinese(zh), "Chinese message {zh:?}");
            }
            // One language built: every reader gets its messages.
            (false, true) => {
                assert!(chinese(zh), "{zh:?}");
                assert_eq!(en, zh);
            }
            (true, false) => {
                assert!(!chinese(en), "{en:?}");
                assert_eq!(zh, en);
            }
            (false, false) => unreachable!("cxzy-core does not build without a language"),
        }
        // What a log prints: the English message where there is one.
        let shown = d.to_string();
        assert!(shown.ends_with(en), "{shown}");
        assert!(shown.starts_with(d.code.as_str()), "{shown}");
    }
    assert_eq!(diag::EN, cfg!(feature = "en"));
    assert_eq!(diag::ZH, cfg!(feature = "zh"));
}

#[test]
fn a_reader_is_given_the_language_built() {
    for lang in [Lang::En, Lang::ZhHans, Lang::ZhHant] {
        let built = lang.built();
        let carried = match built {
            Lang::En => diag::EN,
            Lang::ZhHans | Lang::ZhHant => diag::ZH,
        };
        assert!(
            carried,
            "{lang:?} is given {built:?}, which this build does not carry"
        );
        // A language that is built is its own.
        if (lang == Lang::En && diag::EN) || (lang != Lang::En && diag::ZH) {
            assert_eq!(built, lang);
        }
    }
}
