//! Every validation case of `validation/cases/` (see `validation/README.md`), natively and on
//! wasm32 under Node like `vectors.rs`; the Node tests of the JS API run the same files. Below
//! them, the few checks that are not "this input gives these errors".

use cxzy_core::{
    assessment_from_str, branch, result_from_value, trend, Code, Framework, Lang, Prepared,
    ScoreOptions, MAX_DOCUMENT_BYTES, MAX_INDICATORS, MAX_SHEETS, MAX_SOURCES,
};
use cxzy_tests::validation::{self, Case, Document, CASES};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_case_file_follows_the_case_format() {
    let malformed = validation::malformed();
    assert!(
        malformed.is_empty(),
        "{} of {} case files are malformed:\n{}",
        malformed.len(),
        CASES.len(),
        malformed.join("\n")
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_validation_case_gives_its_errors() {
    assert!(CASES.len() >= 161, "only {} cases found", CASES.len());
    let failures = validation::failures();
    assert!(
        failures.is_empty(),
        "{} of {} validation cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

fn case(name: &str) -> Case {
    let file = validation::case_file(name).unwrap_or_else(|| panic!("no case {name}"));
    Case::parse(file.file, file.text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn base(name: &str) -> Value {
    validation::base(name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_base_documents_score_to_the_base_result() {
    let scorer = Prepared::from_value(&base("framework")).expect("the base framework is valid");
    let a = cxzy_core::assessment_from_value(&base("assessment")).expect("reads");
    let result = scorer
        .score(&a, &ScoreOptions::default())
        .expect("the base assessment scores");
    assert!(result.complete, "every indicator of the base is rated");
    assert_eq!(
        serde_json::to_value(&result).expect("serialises"),
        base("result"),
        "validation/bases/result.json is what the base assessment scores"
    );
    let summary = result.summary();
    let read_back = result_from_value(&base("result")).expect("a result reads back");
    assert_eq!(read_back, summary);
    assert!(branch(&scorer, &[summary.clone(), read_back.clone()], None).is_ok());
    assert!(trend(scorer.framework(), &summary, &read_back).is_ok());
    let text = serde_json::to_string(&base("framework")).expect("serialises");
    assert!(cxzy_core::read::document::<Framework>(&text).is_ok());
    let text = serde_json::to_string(&base("assessment")).expect("serialises");
    assert!(assessment_from_str(&text).is_ok());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_limits_are_the_spec_s_and_the_cases_at_them_are_that_size() {
    assert_eq!(MAX_DOCUMENT_BYTES, 16 * 1024 * 1024);
    assert_eq!(MAX_SHEETS, 100_000);
    assert_eq!(MAX_INDICATORS, 10_000);
    assert_eq!(MAX_SOURCES, 64);
    for (name, len) in [
        (
            "a-document-of-exactly-16-mib-is-read-as-framework",
            MAX_DOCUMENT_BYTES,
        ),
        (
            "a-document-over-16-mib-is-too-large-at-the-root-as-framework",
            MAX_DOCUMENT_BYTES + 1,
        ),
    ] {
        match case(name).document("framework") {
            Ok(Some(Document::Text(text))) => assert_eq!(text.len(), len, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_built_in_code_with_65_sources_is_too_many_not_a_panic() {
    let mut fw = Prepared::from_value(&base("framework"))
        .expect("valid")
        .framework()
        .clone();
    let template = fw.sources[0].clone();
    while fw.sources.len() <= MAX_SOURCES {
        let mut extra = template.clone();
        extra.id = format!("extra{}", fw.sources.len()).into();
        fw.sources.push(extra);
    }
    assert_eq!(fw.sources.len(), 65);
    let errors = Prepared::new(fw).expect_err("65 sources are refused");
    let pairs: Vec<_> = errors
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(pairs, [("too_many", "/sources")]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_zh_hant_reader_gets_the_zh_hans_message() {
    let errors =
        validation::diagnostics(&case("an-unknown-level-names-it-and-the-levels-there-are"))
            .expect("runs");
    let [d] = errors.as_slice() else {
        panic!("one error expected: {errors:?}")
    };
    assert_eq!(d.message(Lang::ZhHant), d.message(Lang::ZhHans));
    assert_ne!(d.message(Lang::En), d.message(Lang::ZhHans));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_code_has_its_documented_name() {
    let all = [
        (Code::TooLarge, "too_large"),
        (Code::JsonSyntax, "json_syntax"),
        (Code::TooDeep, "too_deep"),
        (Code::WrongType, "wrong_type"),
        (Code::MissingField, "missing_field"),
        (Code::UnknownField, "unknown_field"),
        (Code::UnknownSchema, "unknown_schema"),
        (Code::InvalidId, "invalid_id"),
        (Code::InvalidValue, "invalid_value"),
        (Code::InvalidDecimal, "invalid_decimal"),
        (Code::DecimalPrecision, "decimal_precision"),
        (Code::OutOfRange, "out_of_range"),
        (Code::InvalidDate, "invalid_date"),
        (Code::TooMany, "too_many"),
        (Code::MissingText, "missing_text"),
        (Code::DuplicateId, "duplicate_id"),
        (Code::UnknownReference, "unknown_reference"),
        (Code::Empty, "empty"),
        (Code::GradeOrder, "grade_order"),
        (Code::LastGrade, "last_grade"),
        (Code::LevelOrder, "level_order"),
        (Code::TooFewLevels, "too_few_levels"),
        (Code::StepNotDividing, "step_not_dividing"),
        (Code::FrameworkMismatch, "framework_mismatch"),
        (Code::PeriodOrder, "period_order"),
        (Code::UnknownIndicator, "unknown_indicator"),
        (Code::UnknownSource, "unknown_source"),
        (Code::SourceNotAllowed, "source_not_allowed"),
        (Code::WrongRatingKind, "wrong_rating_kind"),
        (Code::UnknownLevel, "unknown_level"),
        (Code::NaNotAllowed, "na_not_allowed"),
        (Code::NotAStep, "not_a_step"),
        (Code::DuplicateItem, "duplicate_item"),
    ];
    for (code, name) in all {
        assert_eq!(code.as_str(), name);
        assert_eq!(code.to_string(), name);
    }
}

/// The JSON Patch operations the cases use, as RFC 6902 defines them (the Node runner's
/// `tests/js/validation.test.mjs` implements the same, checked the same way there).
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn json_patch_follows_rfc_6902() {
    let patched = |ops: Value| {
        let mut doc = json!({"a": [1, 2], "b": {"c": 3}});
        for op in ops.as_array().expect("ops") {
            validation::apply(&mut doc, op)?;
        }
        Ok::<Value, String>(doc)
    };
    let ok = |ops: Value, want: Value| assert_eq!(patched(ops.clone()), Ok(want), "{ops}");
    let fails = |ops: Value| assert!(patched(ops.clone()).is_err(), "{ops} should fail");
    ok(
        json!([{"op": "add", "path": "/a/1", "value": 9}]),
        json!({"a": [1, 9, 2], "b": {"c": 3}}),
    );
    ok(
        json!([{"op": "add", "path": "/a/-", "value": 9}]),
        json!({"a": [1, 2, 9], "b": {"c": 3}}),
    );
    ok(
        json!([{"op": "add", "path": "/a~1b~0c", "value": 1}]),
        json!({"a": [1, 2], "b": {"c": 3}, "a/b~c": 1}),
    );
    ok(
        json!([{"op": "replace", "path": "/a/0", "value": 7}]),
        json!({"a": [7, 2], "b": {"c": 3}}),
    );
    ok(
        json!([{"op": "remove", "path": "/a/0"}]),
        json!({"a": [2], "b": {"c": 3}}),
    );
    ok(
        json!([{"op": "move", "from": "/b/c", "path": "/d"}]),
        json!({"a": [1, 2], "b": {}, "d": 3}),
    );
    ok(
        json!([{"op": "copy", "from": "/a/1", "path": "/a/0"}]),
        json!({"a": [2, 1, 2], "b": {"c": 3}}),
    );
    ok(
        json!([{"op": "test", "path": "/b/c", "value": 3}]),
        json!({"a": [1, 2], "b": {"c": 3}}),
    );
    ok(
        json!([{"op": "replace", "path": "", "value": []}]),
        json!([]),
    );
    fails(json!([{"op": "test", "path": "/b/c", "value": 4}]));
    fails(json!([{"op": "replace", "path": "/x", "value": 1}]));
    fails(json!([{"op": "remove", "path": "/b/x"}]));
    fails(json!([{"op": "add", "path": "/a/3", "value": 1}]));
    fails(json!([{"op": "add", "path": "/a/01", "value": 1}]));
    fails(json!([{"op": "add", "path": "/x/y", "value": 1}]));
    fails(json!([{"op": "move", "from": "/b", "path": "/b/c"}]));
}

/// A typo in a case is an error, not a case that silently checks less.
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_malformed_case_is_refused() {
    let good = r#"{"check": "framework", "framework": {"base": "framework"}, "errors": []}"#;
    assert!(Case::parse("good.json", good).is_ok());
    for (file, text) in [
        ("good.txt", good),
        (
            "typo.json",
            r#"{"check": "framework", "framework": {"base": "framework"}, "erors": []}"#,
        ),
        (
            "no-errors.json",
            r#"{"check": "framework", "framework": {"base": "framework"}}"#,
        ),
        (
            "check.json",
            r#"{"check": "frame", "framework": {"base": "framework"}, "errors": []}"#,
        ),
        (
            "extra.json",
            r#"{"check": "framework", "framework": {"base": "framework"}, "results": [], "errors": []}"#,
        ),
        (
            "base.json",
            r#"{"check": "framework", "framework": {"base": "frame"}, "errors": []}"#,
        ),
        (
            "op.json",
            r#"{"check": "framework", "framework": {"base": "framework", "patch": [{"op": "set", "path": "/id"}]}, "errors": []}"#,
        ),
        (
            "value.json",
            r#"{"check": "framework", "framework": {"base": "framework", "patch": [{"op": "add", "path": "/id", "valeu": 1}]}, "errors": []}"#,
        ),
        (
            "two.json",
            r#"{"check": "framework", "framework": {"base": "framework", "value": {}}, "errors": []}"#,
        ),
        (
            "error.json",
            r#"{"check": "framework", "framework": {"base": "framework"}, "errors": [{"code": "x", "path": "", "at": 1}]}"#,
        ),
        (
            "message.json",
            r#"{"check": "framework", "framework": {"base": "framework"}, "errors": [], "messages": [{"path": "/id", "en": ["x"]}]}"#,
        ),
        (
            "repeat.json",
            r#"{"check": "framework", "framework": {"base": "framework", "repeat": [{"path": "/x", "count": 2}]}, "errors": []}"#,
        ),
        (
            "json.json",
            r#"{"check": "json", "json": {"value": 1}, "errors": []}"#,
        ),
    ] {
        assert!(Case::parse(file, text).is_err(), "{file} should be refused");
    }
}
