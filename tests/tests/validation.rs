//! One test per validation error (SPEC 2 and 7): each starts from one small valid framework and
//! assessment, applies one mutation and asserts the exact `(code, JSON pointer)` list, and where
//! useful that the message names the offending value in English and in zh-Hans.
//! Runs natively and on wasm32 under Node, like `vectors.rs`.

use cxzy_core::{
    assessment_from_str, assessment_from_value, branch, parse_json, result_from_str,
    result_from_value, trend, Code, Diagnostic, Exact, Framework, Lang, Prepared, ResultSummary,
    ScoreOptions, MAX_DOCUMENT_BYTES, MAX_INDICATORS, MAX_SHEETS, MAX_SOURCES,
};

fn framework_from_value(v: &Value) -> Result<Framework, Vec<Diagnostic>> {
    cxzy_core::read::document_from_value(v)
}

fn framework_from_str(text: &str) -> Result<Framework, Vec<Diagnostic>> {
    cxzy_core::read::document(text)
}

struct Scorer;

impl Scorer {
    fn new(fw: &Framework) -> Result<Prepared, Vec<Diagnostic>> {
        Prepared::new(fw.clone())
    }
}
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

/// Records each case for the JS API's tests (a no-op unless the fixture test is collecting).
mod js_fixture;

// ---------------------------------------------------------------------------------------------
// The valid base documents.

fn text(zh: &str, en: &str) -> Value {
    json!({"zh-Hans": zh, "en": en})
}

/// A small framework that uses every kind of scale, bonus, deductions, a veto, three grades
/// (the best with a dimension floor) and three sources (one indicator limited to two of them).
fn base_framework() -> Value {
    json!({
        "schema": "cxzy/framework@1",
        "id": "test-fw",
        "version": "1",
        "subject": "member",
        "title": text("测试标准", "Test framework"),
        "description": text("用于校验测试", "For validation tests"),
        "dimensions": [
            {
                "id": "d1",
                "title": text("维度一", "Dimension one"),
                "guidance": text("考察要点", "What to look at"),
                "indicators": [
                    {
                        "id": "i-levels",
                        "title": text("等次指标", "Levels indicator"),
                        "points": 10,
                        "allow_na": true,
                        "scale": {"kind": "levels", "levels": [
                            {"id": "A", "label": text("好", "Good"), "percent": 100,
                             "descriptor": text("做得好", "Done well")},
                            {"id": "B", "label": text("较好", "Fair"), "percent": 80},
                            {"id": "C", "label": text("一般", "Average"), "percent": 50}
                        ]}
                    },
                    {
                        "id": "i-check",
                        "title": text("是否指标", "Check indicator"),
                        "points": 5,
                        "scale": {"kind": "check"},
                        "sources": ["self", "org"]
                    }
                ]
            },
            {
                "id": "d2",
                "title": text("维度二", "Dimension two"),
                "indicators": [
                    {
                        "id": "i-points",
                        "title": text("分值指标", "Points indicator"),
                        "points": "10",
                        "scale": {"kind": "points", "step": 0.5}
                    },
                    {
                        "id": "i-deduct",
                        "title": text("扣分指标", "Deduction indicator"),
                        "points": 6,
                        "scale": {"kind": "deduction", "per": 2}
                    }
                ]
            }
        ],
        "bonus": {"cap": 5, "items": [
            {"id": "b1", "title": text("加分一", "Bonus one"), "points": 2},
            {"id": "b2", "title": text("加分二", "Bonus two"), "points": 1.5}
        ]},
        "deductions": {"cap": 5, "items": [
            {"id": "x1", "title": text("扣分一", "Deduction one"), "points": 1}
        ]},
        "vetoes": [
            {"id": "v1", "title": text("否决一", "Veto one"), "caps_grade_at": "fail"}
        ],
        "grades": [
            {"id": "excellent", "label": text("优秀", "Excellent"), "min_total": 90,
             "min_dimension_ratio": 80},
            {"id": "pass", "label": text("合格", "Pass"), "min_total": 60},
            {"id": "fail", "label": text("不合格", "Fail"), "min_total": 0}
        ],
        "sources": [
            {"id": "self", "label": text("自评", "Self"), "weight": 20, "aggregate": "mean"},
            {"id": "peer", "label": text("互评", "Peers"), "weight": 30, "aggregate": "median",
             "min_raters": 1, "anonymous_min": 3},
            {"id": "org", "label": text("组织评价", "Organisation"), "weight": 50,
             "aggregate": "trimmed_mean"}
        ]
    })
}

/// An assessment of `base_framework`: sheet 0 is self, 1 is peer (which may not rate
/// `i-check`), 2 is org.
fn base_assessment() -> Value {
    json!({
        "schema": "cxzy/assessment@1",
        "framework": {"id": "test-fw", "version": "1"},
        "subject": {"name": "张三", "unit": "第一支部"},
        "period": {"start": "2024-01-01", "end": "2024-06-30", "label": "2024 上半年"},
        "as_of": "2024-06-30",
        "sheets": [
            {"source": "self", "rater": "张三", "submitted": "2024-06-20",
             "ratings": {"i-levels": "A", "i-check": true, "i-points": 8.5, "i-deduct": 1},
             "notes": {"i-levels": "自我感觉良好"}},
            {"source": "peer", "rater": "李四",
             "ratings": {"i-levels": "B", "i-points": "9", "i-deduct": 0}},
            {"source": "org",
             "ratings": {"i-levels": "na", "i-check": false, "i-points": 10, "i-deduct": 2}}
        ],
        "bonus": ["b1"],
        "deductions": [{"item": "x1", "count": 2}],
        "vetoes": ["v1"],
        "commitments": [
            {"id": "c1", "text": "按时参加组织生活", "dimension": "d1", "due": "2024-05-01",
             "status": "done", "done_on": "2024-04-30"},
            {"id": "c2", "text": "学习笔记", "due": "2024-06-01", "status": "in_progress"}
        ]
    })
}

// ---------------------------------------------------------------------------------------------
// Mutations (JSON pointers, `~0`/`~1` unescaped in the last token).

fn split(pointer: &str) -> (&str, String) {
    let (parent, last) = pointer
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("{pointer:?} is not a JSON pointer"));
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

/// Sets the value at `pointer` (an object key is inserted; an array index one past the end is pushed).
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = split(pointer);
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key, value);
        }
        Some(Value::Array(items)) => {
            let i: usize = key.parse().expect("an array index");
            if i == items.len() {
                items.push(value);
            } else {
                items[i] = value;
            }
        }
        _ => panic!("no object or array at {parent:?}"),
    }
}

/// Removes the value at `pointer`, which must exist.
fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = split(pointer);
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key)
                .unwrap_or_else(|| panic!("nothing at {pointer:?}"));
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("an array index"));
        }
        _ => panic!("no object or array at {parent:?}"),
    }
}

/// A clone of the value at `pointer`, which must exist.
fn get(doc: &Value, pointer: &str) -> Value {
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer:?}"))
        .clone()
}

// ---------------------------------------------------------------------------------------------
// Running the engine.

type Errors = Vec<(String, String)>;

fn pairs(diagnostics: &[Diagnostic]) -> Errors {
    diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_owned(), d.path.clone()))
        .collect()
}

fn expected(list: &[(&str, &str)]) -> Errors {
    list.iter()
        .map(|(c, p)| ((*c).to_owned(), (*p).to_owned()))
        .collect()
}

fn sorted(mut errors: Errors) -> Errors {
    errors.sort();
    errors
}

/// The diagnostics of a framework document: reading, then validation (`Scorer::new` too).
fn framework_value_diagnostics(doc: &Value) -> Vec<Diagnostic> {
    let errors = match framework_from_value(doc) {
        Ok(fw) => match Scorer::new(&fw) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        },
        Err(errors) => errors,
    };
    if js_fixture::recording() {
        let base = base_framework();
        let doc = js_fixture::document(doc, Some(("framework", &base)));
        js_fixture::record("validateFramework", vec![("framework", doc)], &errors);
    }
    errors
}

fn framework_diagnostics(mutate: impl FnOnce(&mut Value)) -> Vec<Diagnostic> {
    let mut doc = base_framework();
    mutate(&mut doc);
    framework_value_diagnostics(&doc)
}

fn framework_errors(mutate: impl FnOnce(&mut Value)) -> Errors {
    pairs(&framework_diagnostics(mutate))
}

/// The diagnostics of an assessment document: reading, then `Scorer::check` against the base
/// framework (and `Scorer::score` must refuse with exactly the same list).
fn assessment_value_diagnostics(doc: &Value) -> Vec<Diagnostic> {
    let errors = assessment_value_diagnostics_of(doc);
    if js_fixture::recording() {
        let base = base_assessment();
        let doc = js_fixture::document(doc, Some(("assessment", &base)));
        js_fixture::record("validateAssessment", vec![("assessment", doc)], &errors);
    }
    errors
}

fn assessment_value_diagnostics_of(doc: &Value) -> Vec<Diagnostic> {
    let fw = framework_from_value(&base_framework()).expect("the base framework is valid");
    let scorer = Scorer::new(&fw).expect("the base framework is valid");
    match assessment_from_value(doc) {
        Ok(a) => {
            let checked = scorer.check(&a);
            let scored = scorer
                .score(&a, &ScoreOptions::default())
                .err()
                .unwrap_or_default();
            assert_eq!(pairs(&checked), pairs(&scored), "check and score disagree");
            checked
        }
        Err(errors) => errors,
    }
}

fn assessment_diagnostics(mutate: impl FnOnce(&mut Value)) -> Vec<Diagnostic> {
    let mut doc = base_assessment();
    mutate(&mut doc);
    assessment_value_diagnostics(&doc)
}

fn assessment_errors(mutate: impl FnOnce(&mut Value)) -> Errors {
    pairs(&assessment_diagnostics(mutate))
}

/// Asserts exactly one diagnostic `(code, path)` and returns it.
fn only(diagnostics: &[Diagnostic], code: &str, path: &str) -> Diagnostic {
    assert_eq!(pairs(diagnostics), expected(&[(code, path)]));
    diagnostics[0].clone()
}

/// Asserts that the message names every needle, in English and in zh-Hans.
fn names(d: &Diagnostic, needles: &[&str]) {
    for lang in [Lang::En, Lang::ZhHans] {
        let message = d.message(lang);
        for needle in needles {
            assert!(
                message.contains(needle),
                "the {lang:?} message {message:?} of {} at {} does not name {needle:?}",
                d.code,
                d.path
            );
        }
    }
}

/// Asserts that the message says `en` in English and `zh` in zh-Hans.
fn says(d: &Diagnostic, en: &str, zh: &str) {
    assert!(
        d.message(Lang::En).contains(en),
        "{:?} does not say {en:?}",
        d.message(Lang::En)
    );
    assert!(
        d.message(Lang::ZhHans).contains(zh),
        "{:?} does not say {zh:?}",
        d.message(Lang::ZhHans)
    );
}

/// The base assessment scored against the base framework, as a result summary and document.
fn base_result() -> (ResultSummary, Value) {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let a = assessment_from_value(&base_assessment()).expect("valid");
    let result = scorer.score(&a, &ScoreOptions::default()).expect("scores");
    let doc = serde_json::to_value(&result).expect("serialises");
    (result.summary(), doc)
}

fn result_errors(mutate: impl FnOnce(&mut Value)) -> Errors {
    let (_, base) = base_result();
    let mut doc = base.clone();
    mutate(&mut doc);
    let errors = result_from_value(&doc).err().unwrap_or_default();
    if js_fixture::recording() {
        let doc = js_fixture::document(&doc, Some(("result", &base)));
        js_fixture::record("readResult", vec![("result", doc)], &errors);
    }
    pairs(&errors)
}

/// The errors of reading one text as each kind of document (framework, assessment against the
/// base framework, result), each recorded for the JS API's tests.
fn text_diagnostics(text: &str) -> [Vec<Diagnostic>; 3] {
    let fw = match framework_from_str(text) {
        Ok(fw) => Scorer::new(&fw).err().unwrap_or_default(),
        Err(errors) => errors,
    };
    let a = match assessment_from_str(text) {
        Ok(a) => {
            let base = framework_from_value(&base_framework()).expect("valid");
            Scorer::new(&base).expect("valid").check(&a)
        }
        Err(errors) => errors,
    };
    let r = result_from_str(text).err().unwrap_or_default();
    if js_fixture::recording() {
        let doc = js_fixture::text(text);
        js_fixture::record("validateFramework", vec![("framework", doc.clone())], &fw);
        js_fixture::record("validateAssessment", vec![("assessment", doc.clone())], &a);
        js_fixture::record("readResult", vec![("result", doc)], &r);
    }
    [fw, a, r]
}

/// The errors of checking an assessment against a framework, both documents given (recorded).
fn check_diagnostics(fw_doc: &Value, doc: &Value) -> Vec<Diagnostic> {
    let errors = match framework_from_value(fw_doc) {
        Ok(fw) => match (Scorer::new(&fw), assessment_from_value(doc)) {
            (Ok(scorer), Ok(a)) => scorer.check(&a),
            (Err(errors), _) | (_, Err(errors)) => errors,
        },
        Err(errors) => errors,
    };
    let (fw_base, a_base) = (base_framework(), base_assessment());
    js_fixture::record(
        "validateAssessment",
        vec![
            (
                "framework",
                js_fixture::document(fw_doc, Some(("framework", &fw_base))),
            ),
            (
                "assessment",
                js_fixture::document(doc, Some(("assessment", &a_base))),
            ),
        ],
        &errors,
    );
    errors
}

/// The errors of a branch view of result documents against the base framework (recorded).
fn branch_diagnostics(docs: &[Value], quota: Option<&str>) -> Vec<Diagnostic> {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let mut errors = Vec::new();
    let mut summaries = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        match result_from_value(doc) {
            Ok(s) => summaries.push(s),
            Err(e) => errors.extend(e.into_iter().map(|d| d.within(&format!("/{i}")))),
        }
    }
    if errors.is_empty() {
        let quota = quota.map(|q| Exact::parse_decimal(q).expect("a decimal"));
        errors = branch(&scorer, &summaries, quota.as_ref())
            .err()
            .unwrap_or_default();
    }
    let (_, base) = base_result();
    let results = docs
        .iter()
        .map(|d| js_fixture::document(d, Some(("result", &base))))
        .collect();
    let mut documents = vec![("results", Value::Array(results))];
    if let Some(q) = quota {
        documents.push(("excellent_quota", json!(q)));
    }
    js_fixture::record("branch", documents, &errors);
    errors
}

/// The errors of the trend from a previous result document to the base result (recorded).
fn previous_diagnostics(previous: &Value) -> Vec<Diagnostic> {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let (current, base) = base_result();
    let errors = match result_from_value(previous) {
        Ok(p) => trend(&fw.clone(), &p, &current).err().unwrap_or_default(),
        Err(e) => e.into_iter().map(|d| d.within("/previous")).collect(),
    };
    let doc = js_fixture::document(previous, Some(("result", &base)));
    js_fixture::record("previous", vec![("previous", doc)], &errors);
    errors
}

/// A number literal exactly as written (serde_json keeps it with arbitrary_precision).
fn number(literal: &str) -> Value {
    let v: Value = serde_json::from_str(literal).expect("a JSON number");
    assert!(v.is_number(), "{literal} is not a JSON number");
    v
}

fn indicator(id: &str) -> Value {
    json!({"id": id, "title": text("指标", "Indicator"), "points": 1, "scale": {"kind": "check"}})
}

fn source(id: &str) -> Value {
    json!({"id": id, "label": text("主体", "Source"), "weight": 1, "aggregate": "mean"})
}

// ---------------------------------------------------------------------------------------------
// The base documents are valid: every error below comes from its mutation.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_base_documents_produce_no_errors_and_score() {
    assert_eq!(framework_errors(|_| {}), Errors::new());
    assert_eq!(assessment_errors(|_| {}), Errors::new());
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let a = assessment_from_value(&base_assessment()).expect("valid");
    assert!(scorer.check(&a).is_empty());
    let result = scorer
        .score(&a, &ScoreOptions::default())
        .expect("the base assessment scores");
    assert!(result.complete, "every indicator of the base is rated");
    let (summary, doc) = base_result();
    assert_eq!(result_errors(|_| {}), Errors::new());
    let read_back = result_from_value(&doc).expect("a result reads back");
    assert_eq!(read_back, summary);
    assert!(branch(&scorer, &[summary.clone(), read_back.clone()], None).is_ok());
    assert!(trend(&fw.clone(), &summary, &read_back).is_ok());
    let text = serde_json::to_string(&base_framework()).expect("serialises");
    assert!(framework_from_str(&text).is_ok());
    let text = serde_json::to_string(&base_assessment()).expect("serialises");
    assert!(assessment_from_str(&text).is_ok());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_assessment_carrying_the_right_digest_is_accepted() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let digest = Scorer::new(&fw).expect("valid").digest().to_owned();
    assert!(digest.starts_with("sha256:"), "{digest}");
    assert_eq!(
        assessment_errors(|a| set(a, "/framework/digest", json!(digest))),
        Errors::new()
    );
}

// ---------------------------------------------------------------------------------------------
// json_syntax, too_large, too_deep (SPEC 7).

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn json_syntax_error_is_reported_at_the_root_with_its_line_and_column() {
    let bad = "{\n  \"schema\": ,\n  \"id\": \"x\"\n}";
    let [fw, a, r] = text_diagnostics(bad);
    for errors in [Some(fw), Some(a), Some(r), parse_json(bad).err()] {
        let errors = errors.expect("bad JSON is an error");
        let d = only(&errors, "json_syntax", "");
        says(&d, "line 2", "第 2 行");
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn truncated_json_is_a_json_syntax_error() {
    let text = serde_json::to_string(&base_framework()).expect("serialises");
    let [errors, _, _] = text_diagnostics(&text[..text.len() / 2]);
    only(&errors, "json_syntax", "");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_document_over_16_mib_is_too_large_at_the_root() {
    assert_eq!(MAX_DOCUMENT_BYTES, 16 * 1024 * 1024);
    let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
    let [fw, a, r] = text_diagnostics(&big);
    for errors in [Some(fw), Some(a), Some(r), parse_json(&big).err()] {
        let errors = errors.expect("an oversized document is an error");
        let d = only(&errors, "too_large", "");
        names(&d, &[&(MAX_DOCUMENT_BYTES + 1).to_string()]);
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_document_of_exactly_16_mib_is_read() {
    let mut text = serde_json::to_string(&base_framework()).expect("serialises");
    text.push_str(&" ".repeat(MAX_DOCUMENT_BYTES - text.len()));
    assert_eq!(text.len(), MAX_DOCUMENT_BYTES);
    assert!(framework_from_str(&text).is_ok());
    let [errors, _, _] = text_diagnostics(&text);
    assert_eq!(pairs(&errors), Errors::new());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn nesting_far_deeper_than_the_schema_is_too_deep_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    for errors in text_diagnostics(&deep) {
        let d = only(&errors, "too_deep", "");
        says(&d, "line 1", "第 1 行");
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn deep_nesting_inside_an_otherwise_valid_field_is_too_deep() {
    let mut doc = base_assessment();
    set(&mut doc, "/subject/name", json!("PLACEHOLDER"));
    let text = serde_json::to_string(&doc).expect("serialises");
    let nested = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let text = text.replace("\"PLACEHOLDER\"", &nested);
    let errors = assessment_from_str(&text).expect_err("too deep");
    only(&errors, "too_deep", "");
    let [_, errors, _] = text_diagnostics(&text);
    only(&errors, "too_deep", "");
}

// ---------------------------------------------------------------------------------------------
// too_many (SPEC 2.1 and 7).

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn more_than_100000_sheets_is_too_many() {
    assert_eq!(MAX_SHEETS, 100_000);
    let errors = assessment_diagnostics(|a| {
        let sheet = json!({"source": "org", "ratings": {"i-check": true}});
        set(a, "/sheets", Value::Array(vec![sheet; MAX_SHEETS + 1]));
    });
    let d = only(&errors, "too_many", "/sheets");
    names(&d, &["100001", "100000"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn exactly_100000_sheets_are_accepted() {
    let errors = assessment_errors(|a| {
        let sheet = json!({"source": "org", "ratings": {"i-check": true, "i-levels": "B"}});
        set(a, "/sheets", Value::Array(vec![sheet; MAX_SHEETS]));
    });
    assert_eq!(errors, Errors::new());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn more_than_10000_indicators_in_one_dimension_is_too_many() {
    assert_eq!(MAX_INDICATORS, 10_000);
    let errors = framework_diagnostics(|fw| {
        let list: Vec<Value> = (0..=MAX_INDICATORS)
            .map(|i| indicator(&format!("n{i}")))
            .collect();
        set(fw, "/dimensions/1/indicators", Value::Array(list));
    });
    let d = only(&errors, "too_many", "/dimensions/1/indicators");
    names(&d, &["10001", "10000"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn more_than_10000_indicators_across_dimensions_is_too_many() {
    let errors = framework_diagnostics(|fw| {
        // d1 keeps its 2 indicators; d2 gets 9,999: 10,001 in all.
        let list: Vec<Value> = (0..MAX_INDICATORS - 1)
            .map(|i| indicator(&format!("n{i}")))
            .collect();
        set(fw, "/dimensions/1/indicators", Value::Array(list));
    });
    let d = only(&errors, "too_many", "/dimensions");
    names(&d, &["10001", "10000"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn exactly_10000_indicators_are_accepted() {
    let errors = framework_errors(|fw| {
        let list: Vec<Value> = (0..MAX_INDICATORS - 2)
            .map(|i| indicator(&format!("n{i}")))
            .collect();
        set(fw, "/dimensions/1/indicators", Value::Array(list));
    });
    assert_eq!(errors, Errors::new());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn more_than_64_sources_is_too_many() {
    assert_eq!(MAX_SOURCES, 64);
    let errors = framework_diagnostics(|fw| {
        let list: Vec<Value> = (0..=MAX_SOURCES)
            .map(|i| source(&format!("s{i}")))
            .collect();
        set(fw, "/sources", Value::Array(list));
        remove(fw, "/dimensions/0/indicators/1/sources");
    });
    let d = only(&errors, "too_many", "/sources");
    names(&d, &["65", "64"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn exactly_64_sources_are_accepted_and_the_64th_can_rate() {
    let mut fw_doc = base_framework();
    let list: Vec<Value> = (0..MAX_SOURCES).map(|i| source(&format!("s{i}"))).collect();
    set(&mut fw_doc, "/sources", Value::Array(list));
    set(
        &mut fw_doc,
        "/dimensions/0/indicators/1/sources",
        json!(["s0", "s63"]),
    );
    let fw = framework_from_value(&fw_doc).expect("64 sources are allowed");
    let scorer = Scorer::new(&fw).expect("64 sources are allowed");
    let mut doc = base_assessment();
    set(
        &mut doc,
        "/sheets",
        json!([{"source": "s63", "ratings": {"i-check": true}},
               {"source": "s62", "ratings": {"i-check": true}}]),
    );
    let a = assessment_from_value(&doc).expect("reads");
    assert_eq!(
        pairs(&scorer.check(&a)),
        expected(&[("source_not_allowed", "/sheets/1/ratings/i-check")])
    );
    assert_eq!(
        pairs(&check_diagnostics(&fw_doc, &doc)),
        expected(&[("source_not_allowed", "/sheets/1/ratings/i-check")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_built_in_code_with_65_sources_is_too_many_not_a_panic() {
    let mut fw = framework_from_value(&base_framework()).expect("valid");
    let template = fw.sources[0].clone();
    while fw.sources.len() <= MAX_SOURCES {
        let mut extra = template.clone();
        extra.id = format!("extra{}", fw.sources.len()).into();
        fw.sources.push(extra);
    }
    assert_eq!(fw.sources.len(), 65);
    let errors = Scorer::new(&fw).err().expect("65 sources are refused");
    assert_eq!(pairs(&errors), expected(&[("too_many", "/sources")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_indicator_listing_more_than_64_sources_is_too_many() {
    let errors = framework_errors(|fw| {
        let list: Vec<Value> = (0..=MAX_SOURCES).map(|_| json!("self")).collect();
        set(fw, "/dimensions/0/indicators/1/sources", Value::Array(list));
    });
    assert_eq!(
        errors,
        expected(&[("too_many", "/dimensions/0/indicators/1/sources")])
    );
}

// ---------------------------------------------------------------------------------------------
// wrong_type, missing_field, unknown_field, unknown_schema.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn wrong_type_names_what_was_expected_and_what_was_found() {
    let errors =
        framework_diagnostics(|fw| set(fw, "/dimensions/1/indicators/0/points", json!(true)));
    let d = only(&errors, "wrong_type", "/dimensions/1/indicators/0/points");
    says(&d, "a boolean", "布尔值");
    says(&d, "decimal", "数值");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_document_that_is_not_an_object_is_wrong_type_at_the_root() {
    only(&framework_value_diagnostics(&json!([])), "wrong_type", "");
    only(&assessment_value_diagnostics(&json!("x")), "wrong_type", "");
    let errors = result_from_value(&json!(null)).expect_err("not a result");
    only(&errors, "wrong_type", "");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_fractional_percent_is_wrong_type() {
    let errors = framework_diagnostics(|fw| {
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/1/percent",
            json!(80.5),
        )
    });
    let d = only(
        &errors,
        "wrong_type",
        "/dimensions/0/indicators/0/scale/levels/1/percent",
    );
    names(&d, &["80.5"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_null_rating_is_wrong_type_at_its_key() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-levels", json!(null)));
    assert_eq!(
        errors,
        expected(&[("wrong_type", "/sheets/0/ratings/i-levels")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_non_string_note_is_wrong_type_at_its_key() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/notes/i-levels", json!(3)));
    assert_eq!(
        errors,
        expected(&[("wrong_type", "/sheets/0/notes/i-levels")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_missing_required_field_is_reported_at_its_would_be_path() {
    let errors = framework_diagnostics(|fw| remove(fw, "/dimensions/0/title"));
    let d = only(&errors, "missing_field", "/dimensions/0/title");
    names(&d, &["title"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_missing_scale_kind_is_missing_field() {
    let errors = framework_errors(|fw| remove(fw, "/dimensions/0/indicators/1/scale/kind"));
    assert_eq!(
        errors,
        expected(&[("missing_field", "/dimensions/0/indicators/1/scale/kind")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_missing_deduction_count_is_missing_field() {
    let errors = assessment_errors(|a| remove(a, "/deductions/0/count"));
    assert_eq!(
        errors,
        expected(&[("missing_field", "/deductions/0/count")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_result_without_a_digest_is_missing_field() {
    let errors = result_errors(|r| remove(r, "/framework/digest"));
    assert_eq!(errors, expected(&[("missing_field", "/framework/digest")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_field_is_reported_and_named() {
    let errors = framework_diagnostics(|fw| set(fw, "/dimensions/0/indicators/0/weight", json!(2)));
    let d = only(
        &errors,
        "unknown_field",
        "/dimensions/0/indicators/0/weight",
    );
    names(&d, &["weight"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_misspelt_field_is_unknown_and_the_real_one_missing() {
    let errors = assessment_errors(|a| {
        let ratings = get(a, "/sheets/1/ratings");
        remove(a, "/sheets/1/ratings");
        set(a, "/sheets/1/rattings", ratings);
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("unknown_field", "/sheets/1/rattings"),
            ("missing_field", "/sheets/1/ratings"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_field_of_another_scale_kind_is_unknown() {
    let errors = framework_errors(|fw| set(fw, "/dimensions/0/indicators/1/scale/step", json!(1)));
    assert_eq!(
        errors,
        expected(&[("unknown_field", "/dimensions/0/indicators/1/scale/step")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_field_of_a_result_is_reported() {
    let errors = result_errors(|r| set(r, "/totl", json!("1.00")));
    assert_eq!(errors, expected(&[("unknown_field", "/totl")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_framework_schema_version_is_unknown_schema() {
    let errors = framework_diagnostics(|fw| set(fw, "/schema", json!("cxzy/framework@2")));
    let d = only(&errors, "unknown_schema", "/schema");
    names(&d, &["cxzy/framework@2", "cxzy/framework@1"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_assessment_tagged_as_a_framework_is_unknown_schema() {
    let errors = assessment_errors(|a| set(a, "/schema", json!("cxzy/framework@1")));
    assert_eq!(errors, expected(&[("unknown_schema", "/schema")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_result_with_an_unknown_schema_is_unknown_schema() {
    let errors = result_errors(|r| set(r, "/schema", json!("cxzy/result@9")));
    assert_eq!(errors, expected(&[("unknown_schema", "/schema")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_missing_schema_tag_is_missing_field() {
    let errors = assessment_errors(|a| remove(a, "/schema"));
    assert_eq!(errors, expected(&[("missing_field", "/schema")]));
}

// ---------------------------------------------------------------------------------------------
// invalid_id, invalid_value.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_id_outside_the_pattern_is_invalid_id() {
    let errors = framework_diagnostics(|fw| set(fw, "/id", json!("Test FW")));
    let d = only(&errors, "invalid_id", "/id");
    names(&d, &["Test FW"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_id_of_64_characters_is_valid() {
    let errors = framework_errors(|fw| set(fw, "/id", json!("a".repeat(64))));
    assert_eq!(errors, Errors::new());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_id_of_65_characters_is_invalid_id() {
    let errors = framework_errors(|fw| set(fw, "/id", json!("a".repeat(65))));
    assert_eq!(errors, expected(&[("invalid_id", "/id")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_id_starting_with_a_dash_is_invalid_id() {
    let errors = framework_errors(|fw| set(fw, "/id", json!("-fw")));
    assert_eq!(errors, expected(&[("invalid_id", "/id")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_empty_indicator_id_is_invalid_id() {
    let errors = framework_errors(|fw| set(fw, "/dimensions/0/indicators/0/id", json!("")));
    assert_eq!(
        errors,
        expected(&[("invalid_id", "/dimensions/0/indicators/0/id")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_id_with_a_control_character_is_invalid_id() {
    let errors = assessment_diagnostics(|a| set(a, "/commitments/0/id", json!("c\n1")));
    only(&errors, "invalid_id", "/commitments/0/id");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_id_over_128_characters_is_invalid_id() {
    let errors = framework_errors(|fw| set(fw, "/sources/2/id", json!("长".repeat(129))));
    assert_eq!(errors, expected(&[("invalid_id", "/sources/2/id")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_subject_is_invalid_value_listing_the_choices() {
    let errors = framework_diagnostics(|fw| set(fw, "/subject", json!("boss")));
    let d = only(&errors, "invalid_value", "/subject");
    names(&d, &["boss", "organization", "member", "party_worker"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_org_type_is_invalid_value() {
    let errors = framework_errors(|fw| set(fw, "/org_type", json!("village")));
    assert_eq!(errors, expected(&[("invalid_value", "/org_type")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_scale_kind_is_invalid_value() {
    let errors = framework_diagnostics(|fw| {
        set(fw, "/dimensions/0/indicators/1/scale/kind", json!("stars"))
    });
    let d = only(
        &errors,
        "invalid_value",
        "/dimensions/0/indicators/1/scale/kind",
    );
    names(&d, &["stars", "levels", "check", "points", "deduction"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_aggregate_is_invalid_value() {
    let errors = framework_errors(|fw| set(fw, "/sources/1/aggregate", json!("max")));
    assert_eq!(
        errors,
        expected(&[("invalid_value", "/sources/1/aggregate")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_commitment_status_is_invalid_value() {
    let errors = assessment_diagnostics(|a| set(a, "/commitments/1/status", json!("finished")));
    let d = only(&errors, "invalid_value", "/commitments/1/status");
    names(&d, &["finished", "in_progress"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_result_exact_value_that_is_not_a_fraction_is_invalid_value() {
    let errors = result_errors(|r| set(r, "/total_exact", json!("one third")));
    assert_eq!(errors, expected(&[("invalid_value", "/total_exact")]));
}

// ---------------------------------------------------------------------------------------------
// invalid_decimal, decimal_precision, out_of_range.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_word_for_a_decimal_is_invalid_decimal() {
    let errors =
        framework_diagnostics(|fw| set(fw, "/dimensions/1/indicators/0/points", json!("ten")));
    let d = only(
        &errors,
        "invalid_decimal",
        "/dimensions/1/indicators/0/points",
    );
    names(&d, &["ten"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_exponent_number_is_invalid_decimal() {
    let errors = framework_diagnostics(|fw| set(fw, "/bonus/cap", number("1e2")));
    let d = only(&errors, "invalid_decimal", "/bonus/cap");
    // serde_json (arbitrary_precision) keeps the number as "1e+2".
    names(&d, &["1e+2"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_result_score_that_is_not_a_decimal_is_invalid_decimal() {
    // Dimension d2 scores 13.00 exactly, so its result has no `score_exact`.
    let errors = result_errors(|r| set(r, "/dimensions/1/score", json!("8x")));
    assert_eq!(
        errors,
        expected(&[("invalid_decimal", "/dimensions/1/score")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_malformed_score_beside_its_exact_value_is_invalid_decimal() {
    // Dimension d1 scores 358/35, so its result has `score` and `score_exact`.
    let errors = result_errors(|r| set(r, "/dimensions/0/score", json!("8x")));
    assert_eq!(
        errors,
        expected(&[("invalid_decimal", "/dimensions/0/score")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn three_fractional_digits_are_decimal_precision() {
    let errors =
        framework_diagnostics(|fw| set(fw, "/dimensions/1/indicators/0/points", number("10.125")));
    let d = only(
        &errors,
        "decimal_precision",
        "/dimensions/1/indicators/0/points",
    );
    names(&d, &["10.125"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn three_fractional_digits_in_a_string_are_decimal_precision() {
    let errors = framework_errors(|fw| set(fw, "/deductions/cap", json!("0.005")));
    assert_eq!(
        errors,
        expected(&[("decimal_precision", "/deductions/cap")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_points_rating_with_three_decimals_is_decimal_precision() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-points", number("8.125")));
    assert_eq!(
        errors,
        expected(&[("decimal_precision", "/sheets/0/ratings/i-points")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_points_rating_string_with_three_decimals_is_decimal_precision() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-points", json!("8.125")));
    assert_eq!(
        errors,
        expected(&[("decimal_precision", "/sheets/0/ratings/i-points")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_decimal_over_100000_is_out_of_range() {
    let errors = framework_diagnostics(|fw| {
        set(fw, "/dimensions/1/indicators/0/points", number("100000.01"))
    });
    let d = only(&errors, "out_of_range", "/dimensions/1/indicators/0/points");
    names(&d, &["100000.01", "100000"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_decimal_of_exactly_100000_is_in_range() {
    // 100000 points with a step of 0.5 and a deduction per of 100000.
    let errors = framework_errors(|fw| {
        set(fw, "/dimensions/1/indicators/0/points", number("100000"));
        set(
            fw,
            "/dimensions/1/indicators/1/scale/per",
            json!("100000.00"),
        );
    });
    assert_eq!(errors, Errors::new());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_negative_decimal_is_out_of_range() {
    let errors = framework_diagnostics(|fw| set(fw, "/bonus/items/0/points", number("-1")));
    let d = only(&errors, "out_of_range", "/bonus/items/0/points");
    names(&d, &["-1"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_huge_whole_decimal_is_out_of_range_not_decimal_precision() {
    let errors = framework_diagnostics(|fw| {
        set(
            fw,
            "/dimensions/1/indicators/0/points",
            number("100000000000000000000"),
        )
    });
    let d = only(&errors, "out_of_range", "/dimensions/1/indicators/0/points");
    names(&d, &["100000000000000000000"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_percent_over_100_is_out_of_range() {
    let errors = framework_diagnostics(|fw| {
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/0/percent",
            json!(101),
        )
    });
    let d = only(
        &errors,
        "out_of_range",
        "/dimensions/0/indicators/0/scale/levels/0/percent",
    );
    names(&d, &["101", "100"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_dimension_ratio_over_100_is_out_of_range() {
    let errors = framework_errors(|fw| set(fw, "/grades/0/min_dimension_ratio", json!(120)));
    assert_eq!(
        errors,
        expected(&[("out_of_range", "/grades/0/min_dimension_ratio")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_source_weight_of_zero_is_out_of_range() {
    let errors = framework_diagnostics(|fw| set(fw, "/sources/1/weight", json!(0)));
    let d = only(&errors, "out_of_range", "/sources/1/weight");
    says(&d, "more than 0", "大于 0");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn min_raters_of_zero_is_out_of_range() {
    let errors = framework_errors(|fw| set(fw, "/sources/1/min_raters", json!(0)));
    assert_eq!(
        errors,
        expected(&[("out_of_range", "/sources/1/min_raters")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_deduction_claim_count_of_zero_is_out_of_range() {
    let errors = assessment_diagnostics(|a| set(a, "/deductions/0/count", json!(0)));
    let d = only(&errors, "out_of_range", "/deductions/0/count");
    names(&d, &["0"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_negative_deduction_claim_count_is_out_of_range() {
    let errors = assessment_errors(|a| set(a, "/deductions/0/count", json!(-2)));
    assert_eq!(errors, expected(&[("out_of_range", "/deductions/0/count")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_points_rating_above_the_indicator_points_is_out_of_range() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/2/ratings/i-points", json!(10.5)));
    let d = only(&errors, "out_of_range", "/sheets/2/ratings/i-points");
    names(&d, &["10.5", "i-points"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_negative_deduction_rating_is_out_of_range() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-deduct", json!(-1)));
    assert_eq!(
        errors,
        expected(&[("out_of_range", "/sheets/0/ratings/i-deduct")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_text_over_64_kib_is_out_of_range() {
    let errors = assessment_errors(|a| set(a, "/subject/name", json!("x".repeat(64 * 1024 + 1))));
    assert_eq!(errors, expected(&[("out_of_range", "/subject/name")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_excellent_quota_over_100_is_out_of_range() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let (summary, _) = base_result();
    let quota = Exact::parse_decimal("100.5").expect("a decimal");
    let errors = branch(&scorer, &[summary], Some(&quota)).expect_err("quota over 100");
    let d = only(&errors, "out_of_range", "/excellent_quota");
    names(&d, &["100.50"]);
    let (_, doc) = base_result();
    only(
        &branch_diagnostics(&[doc], Some("100.5")),
        "out_of_range",
        "/excellent_quota",
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_negative_excellent_quota_is_out_of_range() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let (summary, _) = base_result();
    let quota = Exact::parse_decimal("-1").expect("a decimal");
    let errors = branch(&scorer, &[summary], Some(&quota)).expect_err("negative quota");
    assert_eq!(
        pairs(&errors),
        expected(&[("out_of_range", "/excellent_quota")])
    );
    let (_, doc) = base_result();
    only(
        &branch_diagnostics(&[doc], Some("-1")),
        "out_of_range",
        "/excellent_quota",
    );
}

// ---------------------------------------------------------------------------------------------
// invalid_date, period_order.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_day_that_does_not_exist_is_invalid_date() {
    let errors = assessment_diagnostics(|a| set(a, "/period/start", json!("2023-02-29")));
    let d = only(&errors, "invalid_date", "/period/start");
    names(&d, &["2023-02-29", "YYYY-MM-DD"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_date_with_slashes_is_invalid_date() {
    let errors = assessment_errors(|a| set(a, "/commitments/0/due", json!("2024/05/01")));
    assert_eq!(errors, expected(&[("invalid_date", "/commitments/0/due")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_date_without_leading_zeros_is_invalid_date() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/submitted", json!("2024-6-2")));
    assert_eq!(errors, expected(&[("invalid_date", "/sheets/0/submitted")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_word_for_as_of_is_invalid_date() {
    let errors = assessment_errors(|a| set(a, "/as_of", json!("today")));
    assert_eq!(errors, expected(&[("invalid_date", "/as_of")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_period_that_starts_after_it_ends_is_period_order_at_the_period() {
    let errors = assessment_diagnostics(|a| set(a, "/period/start", json!("2024-07-01")));
    let d = only(&errors, "period_order", "/period");
    names(&d, &["2024-07-01", "2024-06-30"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_one_day_period_is_in_order() {
    let errors = assessment_errors(|a| set(a, "/period/start", json!("2024-06-30")));
    assert_eq!(errors, Errors::new());
}

// ---------------------------------------------------------------------------------------------
// missing_text.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_text_without_zh_hans_is_missing_text() {
    let errors = framework_diagnostics(|fw| set(fw, "/title", json!({"en": "Only English"})));
    let d = only(&errors, "missing_text", "/title/zh-Hans");
    says(&d, "zh-Hans", "zh-Hans");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_blank_zh_hans_text_is_missing_text() {
    let errors = framework_errors(|fw| {
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/0/descriptor/zh-Hans",
            json!("  "),
        )
    });
    assert_eq!(
        errors,
        expected(&[(
            "missing_text",
            "/dimensions/0/indicators/0/scale/levels/0/descriptor/zh-Hans"
        )])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_non_string_zh_hans_text_is_wrong_type_only() {
    let errors = framework_errors(|fw| set(fw, "/sources/0/label/zh-Hans", json!(1)));
    assert_eq!(
        errors,
        expected(&[("wrong_type", "/sources/0/label/zh-Hans")])
    );
}

// ---------------------------------------------------------------------------------------------
// duplicate_id: reported at the second occurrence.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_dimension_id_is_reported_at_the_second_occurrence() {
    let errors = framework_diagnostics(|fw| set(fw, "/dimensions/1/id", json!("d1")));
    let d = only(&errors, "duplicate_id", "/dimensions/1/id");
    names(&d, &["d1"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_indicator_id_across_dimensions_is_reported_at_the_second_occurrence() {
    let errors =
        framework_diagnostics(|fw| set(fw, "/dimensions/1/indicators/1/id", json!("i-levels")));
    let d = only(&errors, "duplicate_id", "/dimensions/1/indicators/1/id");
    names(&d, &["i-levels"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_level_id_is_reported_at_the_second_occurrence() {
    let errors = framework_diagnostics(|fw| {
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/2/id",
            json!("A"),
        )
    });
    let d = only(
        &errors,
        "duplicate_id",
        "/dimensions/0/indicators/0/scale/levels/2/id",
    );
    says(&d, "\"A\"", "「A」");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_source_id_is_reported_at_the_second_occurrence() {
    // "peer" is rated by no indicator by name, so renaming it leaves no dangling reference.
    let errors = framework_diagnostics(|fw| set(fw, "/sources/1/id", json!("self")));
    let d = only(&errors, "duplicate_id", "/sources/1/id");
    names(&d, &["self"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_source_listed_twice_on_an_indicator_is_duplicate_id() {
    let errors =
        framework_errors(|fw| set(fw, "/dimensions/0/indicators/1/sources/1", json!("self")));
    assert_eq!(
        errors,
        expected(&[("duplicate_id", "/dimensions/0/indicators/1/sources/1")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_grade_id_is_reported_at_the_second_occurrence() {
    let errors = framework_diagnostics(|fw| set(fw, "/grades/1/id", json!("excellent")));
    let d = only(&errors, "duplicate_id", "/grades/1/id");
    names(&d, &["excellent"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_veto_id_is_reported_at_the_second_occurrence() {
    let errors = framework_diagnostics(|fw| {
        let veto = get(fw, "/vetoes/0");
        set(fw, "/vetoes/1", veto);
    });
    let d = only(&errors, "duplicate_id", "/vetoes/1/id");
    names(&d, &["v1"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_bonus_item_id_is_reported_at_the_second_occurrence() {
    let errors = framework_diagnostics(|fw| set(fw, "/bonus/items/1/id", json!("b1")));
    let d = only(&errors, "duplicate_id", "/bonus/items/1/id");
    names(&d, &["b1"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_deduction_item_id_is_reported_at_the_second_occurrence() {
    let errors = framework_errors(|fw| {
        let item = get(fw, "/deductions/items/0");
        set(fw, "/deductions/items/1", item);
    });
    assert_eq!(
        errors,
        expected(&[("duplicate_id", "/deductions/items/1/id")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn duplicate_commitment_id_is_reported_at_the_second_occurrence() {
    let errors = assessment_diagnostics(|a| set(a, "/commitments/1/id", json!("c1")));
    let d = only(&errors, "duplicate_id", "/commitments/1/id");
    names(&d, &["c1"]);
}

// ---------------------------------------------------------------------------------------------
// unknown_reference.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_indicator_naming_an_unknown_source_is_unknown_reference() {
    let errors =
        framework_diagnostics(|fw| set(fw, "/dimensions/0/indicators/1/sources/1", json!("boss")));
    let d = only(
        &errors,
        "unknown_reference",
        "/dimensions/0/indicators/1/sources/1",
    );
    names(&d, &["boss"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_veto_capping_at_an_unknown_grade_is_unknown_reference() {
    let errors = framework_diagnostics(|fw| set(fw, "/vetoes/0/caps_grade_at", json!("gold")));
    let d = only(&errors, "unknown_reference", "/vetoes/0/caps_grade_at");
    names(&d, &["gold"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn claiming_an_unknown_bonus_item_is_unknown_reference() {
    let errors = assessment_diagnostics(|a| set(a, "/bonus/1", json!("b9")));
    let d = only(&errors, "unknown_reference", "/bonus/1");
    names(&d, &["b9"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn claiming_a_deduction_item_as_a_bonus_is_unknown_reference() {
    let errors = assessment_errors(|a| set(a, "/bonus/0", json!("x1")));
    assert_eq!(errors, expected(&[("unknown_reference", "/bonus/0")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn claiming_an_unknown_deduction_item_is_unknown_reference() {
    let errors = assessment_diagnostics(|a| set(a, "/deductions/0/item", json!("x9")));
    let d = only(&errors, "unknown_reference", "/deductions/0/item");
    names(&d, &["x9"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn triggering_an_unknown_veto_is_unknown_reference() {
    let errors = assessment_diagnostics(|a| set(a, "/vetoes/0", json!("v9")));
    let d = only(&errors, "unknown_reference", "/vetoes/0");
    names(&d, &["v9"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_commitment_for_an_unknown_dimension_is_unknown_reference() {
    let errors = assessment_diagnostics(|a| set(a, "/commitments/0/dimension", json!("d9")));
    let d = only(&errors, "unknown_reference", "/commitments/0/dimension");
    names(&d, &["d9"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn claiming_a_bonus_from_a_framework_without_bonus_is_unknown_reference() {
    let mut fw_doc = base_framework();
    remove(&mut fw_doc, "/bonus");
    let fw = framework_from_value(&fw_doc).expect("bonus is optional");
    let scorer = Scorer::new(&fw).expect("valid");
    let a = assessment_from_value(&base_assessment()).expect("reads");
    assert_eq!(
        pairs(&scorer.check(&a)),
        expected(&[("unknown_reference", "/bonus/0")])
    );
    assert_eq!(
        pairs(&check_diagnostics(&fw_doc, &base_assessment())),
        expected(&[("unknown_reference", "/bonus/0")])
    );
}

// ---------------------------------------------------------------------------------------------
// empty.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_without_dimensions_is_empty() {
    let errors = framework_errors(|fw| set(fw, "/dimensions", json!([])));
    assert_eq!(errors, expected(&[("empty", "/dimensions")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_dimension_without_indicators_is_empty() {
    let errors = framework_diagnostics(|fw| set(fw, "/dimensions/1/indicators", json!([])));
    let d = only(&errors, "empty", "/dimensions/1/indicators");
    names(&d, &["d2"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_without_grades_is_empty() {
    let errors = framework_errors(|fw| {
        set(fw, "/grades", json!([]));
        remove(fw, "/vetoes");
    });
    assert_eq!(errors, expected(&[("empty", "/grades")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_framework_without_sources_is_empty() {
    let errors = framework_errors(|fw| {
        set(fw, "/sources", json!([]));
        remove(fw, "/dimensions/0/indicators/1/sources");
    });
    assert_eq!(errors, expected(&[("empty", "/sources")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_indicator_with_an_empty_source_list_is_empty() {
    let errors = framework_errors(|fw| set(fw, "/dimensions/0/indicators/1/sources", json!([])));
    assert_eq!(
        errors,
        expected(&[("empty", "/dimensions/0/indicators/1/sources")])
    );
}

// ---------------------------------------------------------------------------------------------
// grade_order, last_grade, level_order, too_few_levels, step_not_dividing.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_grade_needing_more_than_the_better_one_is_grade_order() {
    let errors = framework_diagnostics(|fw| set(fw, "/grades/1/min_total", json!(95)));
    let d = only(&errors, "grade_order", "/grades/1/min_total");
    names(&d, &["pass", "95", "excellent", "90"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn equal_grade_thresholds_are_in_order() {
    let errors = framework_errors(|fw| set(fw, "/grades/1/min_total", json!(90)));
    assert_eq!(errors, Errors::new());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_last_grade_needing_points_is_last_grade_at_its_min_total() {
    let errors = framework_errors(|fw| set(fw, "/grades/2/min_total", json!(10)));
    assert_eq!(errors, expected(&[("last_grade", "/grades/2/min_total")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_last_grade_with_a_dimension_floor_is_last_grade_at_its_ratio() {
    let errors = framework_errors(|fw| set(fw, "/grades/2/min_dimension_ratio", json!(50)));
    assert_eq!(
        errors,
        expected(&[("last_grade", "/grades/2/min_dimension_ratio")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_single_grade_must_need_zero_points() {
    let errors = framework_errors(|fw| {
        set(
            fw,
            "/grades",
            json!([{"id": "only", "label": text("唯一", "Only"), "min_total": 50}]),
        );
        remove(fw, "/vetoes");
    });
    assert_eq!(errors, expected(&[("last_grade", "/grades/0/min_total")]));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn equal_level_percents_are_level_order_at_the_second() {
    let errors = framework_diagnostics(|fw| {
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/1/percent",
            json!(100),
        )
    });
    let d = only(
        &errors,
        "level_order",
        "/dimensions/0/indicators/0/scale/levels/1/percent",
    );
    names(&d, &["100"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_increasing_level_percent_is_level_order() {
    let errors = framework_diagnostics(|fw| {
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/2/percent",
            json!(90),
        )
    });
    let d = only(
        &errors,
        "level_order",
        "/dimensions/0/indicators/0/scale/levels/2/percent",
    );
    names(&d, &["90", "80"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_single_level_is_too_few_levels() {
    let errors = framework_errors(|fw| {
        remove(fw, "/dimensions/0/indicators/0/scale/levels/2");
        remove(fw, "/dimensions/0/indicators/0/scale/levels/1");
    });
    assert_eq!(
        errors,
        expected(&[("too_few_levels", "/dimensions/0/indicators/0/scale/levels")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn no_levels_is_too_few_levels() {
    let errors =
        framework_errors(|fw| set(fw, "/dimensions/0/indicators/0/scale/levels", json!([])));
    assert_eq!(
        errors,
        expected(&[("too_few_levels", "/dimensions/0/indicators/0/scale/levels")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_step_that_does_not_divide_the_points_is_step_not_dividing() {
    let errors =
        framework_diagnostics(|fw| set(fw, "/dimensions/1/indicators/0/scale/step", json!(3)));
    let d = only(
        &errors,
        "step_not_dividing",
        "/dimensions/1/indicators/0/scale/step",
    );
    names(&d, &["3", "10"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_zero_step_is_step_not_dividing() {
    let errors = framework_errors(|fw| set(fw, "/dimensions/1/indicators/0/scale/step", json!(0)));
    assert_eq!(
        errors,
        expected(&[("step_not_dividing", "/dimensions/1/indicators/0/scale/step")])
    );
}

// ---------------------------------------------------------------------------------------------
// framework_mismatch: assessment, branch results, trend.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_assessment_for_another_framework_id_is_framework_mismatch() {
    let errors = assessment_diagnostics(|a| set(a, "/framework/id", json!("other-fw")));
    let d = only(&errors, "framework_mismatch", "/framework/id");
    names(&d, &["other-fw", "test-fw"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_assessment_for_another_version_is_framework_mismatch() {
    let errors = assessment_diagnostics(|a| set(a, "/framework/version", json!("2")));
    let d = only(&errors, "framework_mismatch", "/framework/version");
    says(&d, "\"2\"", "「2」");
    says(&d, "\"1\"", "「1」");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_assessment_with_another_digest_is_framework_mismatch() {
    let errors = assessment_diagnostics(|a| set(a, "/framework/digest", json!("sha256:00")));
    let d = only(&errors, "framework_mismatch", "/framework/digest");
    names(&d, &["sha256:00"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_branch_result_of_another_version_is_framework_mismatch_at_its_index() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let (summary, _) = base_result();
    let mut other = summary.clone();
    other.framework.version = "2".to_owned();
    let errors = branch(&scorer, &[summary, other], None).expect_err("mismatch");
    let d = only(&errors, "framework_mismatch", "/1/framework");
    names(&d, &["2", "1"]);
    let (_, doc) = base_result();
    let mut other_doc = doc.clone();
    set(&mut other_doc, "/framework/version", json!("2"));
    only(
        &branch_diagnostics(&[doc, other_doc], None),
        "framework_mismatch",
        "/1/framework",
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_mismatched_branch_result_is_reported() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let (summary, _) = base_result();
    let mut other_id = summary.clone();
    other_id.framework.id = "other-fw".into();
    let mut other_version = summary.clone();
    other_version.framework.version = "0".to_owned();
    let errors = branch(&scorer, &[other_id, summary, other_version], None).expect_err("mismatch");
    assert_eq!(
        pairs(&errors),
        expected(&[
            ("framework_mismatch", "/0/framework"),
            ("framework_mismatch", "/2/framework"),
        ])
    );
    let (_, doc) = base_result();
    let (mut other_id, mut other_version) = (doc.clone(), doc.clone());
    set(&mut other_id, "/framework/id", json!("other-fw"));
    set(&mut other_version, "/framework/version", json!("0"));
    assert_eq!(
        pairs(&branch_diagnostics(&[other_id, doc, other_version], None)),
        expected(&[
            ("framework_mismatch", "/0/framework"),
            ("framework_mismatch", "/2/framework"),
        ])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_branch_result_with_another_digest_is_framework_mismatch() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let (summary, _) = base_result();
    let mut other = summary.clone();
    other.framework.digest = "sha256:00".to_owned();
    let errors = branch(&scorer, &[other, summary], None).expect_err("mismatch");
    only(&errors, "framework_mismatch", "/0/framework/digest");
    let (_, doc) = base_result();
    let mut other_doc = doc.clone();
    set(&mut other_doc, "/framework/digest", json!("sha256:00"));
    only(
        &branch_diagnostics(&[other_doc, doc], None),
        "framework_mismatch",
        "/0/framework/digest",
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_branch_digest_mismatch_message_says_the_digest_differs() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let scorer = Scorer::new(&fw).expect("valid");
    let (summary, _) = base_result();
    let mut other = summary.clone();
    other.framework.digest = "sha256:00".to_owned();
    let errors = branch(&scorer, &[other, summary], None).expect_err("mismatch");
    let d = only(&errors, "framework_mismatch", "/0/framework/digest");
    names(&d, &["sha256:00"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_trend_across_framework_ids_is_framework_mismatch_for_both_results() {
    let fw = framework_from_value(&base_framework()).expect("valid");
    let (summary, _) = base_result();
    let mut other = summary.clone();
    other.framework.id = "other-fw".into();
    let errors = trend(&fw.clone(), &other, &summary).expect_err("mismatch");
    let d = only(&errors, "framework_mismatch", "/previous/framework/id");
    names(&d, &["other-fw", "test-fw"]);
    let (_, doc) = base_result();
    let mut other_doc = doc.clone();
    set(&mut other_doc, "/framework/id", json!("other-fw"));
    only(
        &previous_diagnostics(&other_doc),
        "framework_mismatch",
        "/previous/framework/id",
    );
    assert_eq!(previous_diagnostics(&doc), Vec::new());
    let errors = trend(&fw.clone(), &other, &other).expect_err("mismatch");
    assert_eq!(
        pairs(&errors),
        expected(&[
            ("framework_mismatch", "/previous/framework/id"),
            ("framework_mismatch", "/current/framework/id"),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// Sheets against the framework.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn rating_an_unknown_indicator_is_unknown_indicator_at_its_key() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/1/ratings/i-nope", json!("A")));
    let d = only(&errors, "unknown_indicator", "/sheets/1/ratings/i-nope");
    names(&d, &["i-nope", "test-fw"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_note_on_an_unknown_indicator_is_unknown_indicator_at_its_key() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/0/notes/i-nope", json!("备注")));
    let d = only(&errors, "unknown_indicator", "/sheets/0/notes/i-nope");
    names(&d, &["i-nope"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_sheet_from_an_unknown_source_is_unknown_source() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/1/source", json!("boss")));
    let d = only(&errors, "unknown_source", "/sheets/1/source");
    names(&d, &["boss", "test-fw"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_source_rating_an_indicator_it_may_not_rate_is_source_not_allowed() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/1/ratings/i-check", json!(true)));
    let d = only(&errors, "source_not_allowed", "/sheets/1/ratings/i-check");
    names(&d, &["peer", "i-check"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_boolean_for_a_levels_scale_is_wrong_rating_kind() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/0/ratings/i-levels", json!(true)));
    let d = only(&errors, "wrong_rating_kind", "/sheets/0/ratings/i-levels");
    names(&d, &["i-levels"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_number_for_a_levels_scale_is_wrong_rating_kind() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-levels", json!(80)));
    assert_eq!(
        errors,
        expected(&[("wrong_rating_kind", "/sheets/0/ratings/i-levels")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_level_id_for_a_check_scale_is_wrong_rating_kind() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/2/ratings/i-check", json!("yes")));
    let d = only(&errors, "wrong_rating_kind", "/sheets/2/ratings/i-check");
    says(&d, "true or false", "true 或 false");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_number_for_a_check_scale_is_wrong_rating_kind() {
    let errors = assessment_errors(|a| set(a, "/sheets/2/ratings/i-check", json!(1)));
    assert_eq!(
        errors,
        expected(&[("wrong_rating_kind", "/sheets/2/ratings/i-check")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_boolean_for_a_points_scale_is_wrong_rating_kind() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/0/ratings/i-points", json!(false)));
    let d = only(&errors, "wrong_rating_kind", "/sheets/0/ratings/i-points");
    names(&d, &["i-points"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_word_for_a_points_scale_is_wrong_rating_kind() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-points", json!("A")));
    assert_eq!(
        errors,
        expected(&[("wrong_rating_kind", "/sheets/0/ratings/i-points")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_fractional_count_for_a_deduction_scale_is_wrong_rating_kind() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/0/ratings/i-deduct", json!(1.5)));
    let d = only(&errors, "wrong_rating_kind", "/sheets/0/ratings/i-deduct");
    names(&d, &["i-deduct"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_boolean_for_a_deduction_scale_is_wrong_rating_kind() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/i-deduct", json!(true)));
    assert_eq!(
        errors,
        expected(&[("wrong_rating_kind", "/sheets/0/ratings/i-deduct")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_level_names_it_and_the_levels_there_are() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/1/ratings/i-levels", json!("D")));
    let d = only(&errors, "unknown_level", "/sheets/1/ratings/i-levels");
    says(&d, "\"D\"", "「D」");
    names(&d, &["i-levels", "A", "B", "C"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn level_ids_are_case_sensitive() {
    let errors = assessment_errors(|a| set(a, "/sheets/1/ratings/i-levels", json!("a")));
    assert_eq!(
        errors,
        expected(&[("unknown_level", "/sheets/1/ratings/i-levels")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn na_where_the_indicator_does_not_allow_it_is_na_not_allowed() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/0/ratings/i-check", json!("na")));
    let d = only(&errors, "na_not_allowed", "/sheets/0/ratings/i-check");
    names(&d, &["i-check"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_points_rating_off_the_step_is_not_a_step() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/0/ratings/i-points", json!(7.25)));
    let d = only(&errors, "not_a_step", "/sheets/0/ratings/i-points");
    names(&d, &["7.25", "0.5", "i-points"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_points_rating_string_off_the_step_is_not_a_step() {
    let errors = assessment_errors(|a| set(a, "/sheets/1/ratings/i-points", json!("7.3")));
    assert_eq!(
        errors,
        expected(&[("not_a_step", "/sheets/1/ratings/i-points")])
    );
}

// ---------------------------------------------------------------------------------------------
// duplicate_item.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_bonus_item_claimed_twice_is_duplicate_item_at_the_second() {
    let errors = assessment_diagnostics(|a| set(a, "/bonus", json!(["b1", "b2", "b1"])));
    let d = only(&errors, "duplicate_item", "/bonus/2");
    names(&d, &["b1"]);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_deduction_item_claimed_twice_is_duplicate_item_at_the_second() {
    let errors = assessment_errors(|a| set(a, "/deductions/1", json!({"item": "x1", "count": 1})));
    assert_eq!(
        errors,
        expected(&[("duplicate_item", "/deductions/1/item")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_veto_triggered_twice_is_duplicate_item_at_the_second() {
    let errors = assessment_errors(|a| set(a, "/vetoes/1", json!("v1")));
    assert_eq!(errors, expected(&[("duplicate_item", "/vetoes/1")]));
}

// ---------------------------------------------------------------------------------------------
// JSON-pointer escaping (RFC 6901): `~` → `~0`, `/` → `~1`.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_field_path_escapes_tilde_and_slash() {
    let errors = framework_errors(|fw| set(fw, "/a~1b~0c", json!(1)));
    assert_eq!(errors, expected(&[("unknown_field", "/a~1b~0c")]));
    let mut doc = base_framework();
    set(&mut doc, "/a~1b~0c", json!(1));
    assert!(doc.get("a/b~c").is_some(), "the key really holds / and ~");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_indicator_path_escapes_tilde_and_slash() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/x~1y~0z", json!(true)));
    assert_eq!(
        errors,
        expected(&[("unknown_indicator", "/sheets/0/ratings/x~1y~0z")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unknown_note_path_escapes_tilde_and_slash() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/notes/~1~0", json!("备注")));
    assert_eq!(
        errors,
        expected(&[("unknown_indicator", "/sheets/0/notes/~1~0")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_rating_path_for_an_indicator_id_with_a_slash_is_escaped() {
    let mut fw_doc = base_framework();
    set(&mut fw_doc, "/dimensions/0/indicators/1/id", json!("a/b~c"));
    let fw = framework_from_value(&fw_doc).expect("ids may hold / and ~");
    let scorer = Scorer::new(&fw).expect("valid");
    let mut doc = base_assessment();
    remove(&mut doc, "/sheets/0/ratings/i-check");
    remove(&mut doc, "/sheets/2/ratings/i-check");
    set(&mut doc, "/sheets/2/ratings/a~1b~0c", json!("B"));
    set(&mut doc, "/sheets/1/ratings/a~1b~0c", json!(true));
    let a = assessment_from_value(&doc).expect("reads");
    assert_eq!(
        pairs(&scorer.check(&a)),
        expected(&[
            ("source_not_allowed", "/sheets/1/ratings/a~1b~0c"),
            ("wrong_rating_kind", "/sheets/2/ratings/a~1b~0c"),
        ])
    );
    assert_eq!(
        pairs(&check_diagnostics(&fw_doc, &doc)),
        pairs(&scorer.check(&a))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_wrong_type_rating_path_escapes_tilde_and_slash() {
    let errors = assessment_errors(|a| set(a, "/sheets/0/ratings/~1", json!([1])));
    assert_eq!(errors, expected(&[("wrong_type", "/sheets/0/ratings/~1")]));
}

// ---------------------------------------------------------------------------------------------
// Several errors in one document are all reported at once.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn several_structural_framework_errors_are_all_reported_at_once() {
    let errors = framework_errors(|fw| {
        set(fw, "/id", json!("Bad Id"));
        set(fw, "/subject", json!("boss"));
        remove(fw, "/title");
        set(fw, "/colour", json!("red"));
        set(fw, "/dimensions/0/indicators/0/points", number("1.234"));
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/1/percent",
            json!(101),
        );
        set(fw, "/dimensions/1/indicators/1/title", json!({"en": "x"}));
        set(fw, "/dimensions/1/indicators/1/scale/per", json!("two"));
        set(fw, "/bonus/items/0/points", json!(null));
        set(fw, "/grades/1/min_dimension_ratio", json!(-5));
        set(fw, "/sources/1/aggregate", json!("max"));
        set(fw, "/sources/2/weight", json!(0));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("invalid_id", "/id"),
            ("invalid_value", "/subject"),
            ("missing_field", "/title"),
            ("unknown_field", "/colour"),
            ("decimal_precision", "/dimensions/0/indicators/0/points"),
            (
                "out_of_range",
                "/dimensions/0/indicators/0/scale/levels/1/percent"
            ),
            ("missing_text", "/dimensions/1/indicators/1/title/zh-Hans"),
            ("invalid_decimal", "/dimensions/1/indicators/1/scale/per"),
            ("wrong_type", "/bonus/items/0/points"),
            ("out_of_range", "/grades/1/min_dimension_ratio"),
            ("invalid_value", "/sources/1/aggregate"),
            ("out_of_range", "/sources/2/weight"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn several_cross_field_framework_errors_are_all_reported_at_once() {
    let errors = framework_errors(|fw| {
        set(fw, "/dimensions/1/id", json!("d1"));
        set(fw, "/dimensions/1/indicators/1/id", json!("i-check"));
        set(fw, "/dimensions/0/indicators/1/sources/0", json!("boss"));
        set(
            fw,
            "/dimensions/0/indicators/0/scale/levels/2/percent",
            json!(80),
        );
        set(fw, "/dimensions/1/indicators/0/scale/step", json!(3));
        set(fw, "/bonus/items/1/id", json!("b1"));
        set(fw, "/vetoes/0/caps_grade_at", json!("gold"));
        set(fw, "/grades/1/min_total", json!(95));
        set(fw, "/grades/2/min_total", json!(1));
        set(fw, "/sources/2/id", json!("self"));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("duplicate_id", "/dimensions/1/id"),
            ("duplicate_id", "/dimensions/1/indicators/1/id"),
            ("duplicate_id", "/sources/2/id"),
            ("duplicate_id", "/bonus/items/1/id"),
            ("unknown_reference", "/dimensions/0/indicators/1/sources/0"),
            // renaming source "org" to "self" leaves i-check's "org" dangling
            ("unknown_reference", "/dimensions/0/indicators/1/sources/1"),
            (
                "level_order",
                "/dimensions/0/indicators/0/scale/levels/2/percent"
            ),
            ("step_not_dividing", "/dimensions/1/indicators/0/scale/step"),
            ("unknown_reference", "/vetoes/0/caps_grade_at"),
            ("grade_order", "/grades/1/min_total"),
            ("last_grade", "/grades/2/min_total"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn several_structural_assessment_errors_are_all_reported_at_once() {
    let errors = assessment_errors(|a| {
        set(a, "/framework/id", json!(7));
        set(a, "/period/end", json!("2024-13-01"));
        set(a, "/as_of", json!(""));
        set(a, "/sheets/0/rater", json!(1));
        set(a, "/sheets/1/ratings/i-points", number("8.001"));
        remove(a, "/sheets/2/source");
        set(a, "/deductions/0/count", json!(1.5));
        set(a, "/commitments/0/status", json!("late"));
        remove(a, "/commitments/1/due");
        set(a, "/extra", json!(true));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("wrong_type", "/framework/id"),
            ("invalid_date", "/period/end"),
            ("invalid_date", "/as_of"),
            ("wrong_type", "/sheets/0/rater"),
            ("decimal_precision", "/sheets/1/ratings/i-points"),
            ("missing_field", "/sheets/2/source"),
            ("wrong_type", "/deductions/0/count"),
            ("invalid_value", "/commitments/0/status"),
            ("missing_field", "/commitments/1/due"),
            ("unknown_field", "/extra"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn several_assessment_errors_against_the_framework_are_all_reported_at_once() {
    let errors = assessment_errors(|a| {
        set(a, "/framework/id", json!("other-fw"));
        set(a, "/framework/version", json!("9"));
        set(a, "/framework/digest", json!("sha256:00"));
        set(a, "/sheets/0/ratings/i-levels", json!("Z"));
        set(a, "/sheets/0/ratings/i-check", json!("na"));
        set(a, "/sheets/0/ratings/i-nope", json!(1));
        set(a, "/sheets/0/notes/i-gone", json!("备注"));
        set(a, "/sheets/1/ratings/i-check", json!(true));
        set(a, "/sheets/1/ratings/i-points", json!(9.25));
        set(a, "/sheets/2/ratings/i-points", json!(11));
        set(a, "/sheets/2/ratings/i-deduct", json!(0.5));
        set(a, "/sheets/3", json!({"source": "boss", "ratings": {}}));
        set(a, "/bonus", json!(["b1", "b9", "b1"]));
        set(a, "/deductions/1", json!({"item": "x1", "count": 1}));
        set(a, "/vetoes/1", json!("v9"));
        set(a, "/commitments/1/id", json!("c1"));
        set(a, "/commitments/1/dimension", json!("d9"));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("framework_mismatch", "/framework/id"),
            ("framework_mismatch", "/framework/version"),
            ("framework_mismatch", "/framework/digest"),
            ("unknown_level", "/sheets/0/ratings/i-levels"),
            ("na_not_allowed", "/sheets/0/ratings/i-check"),
            ("unknown_indicator", "/sheets/0/ratings/i-nope"),
            ("unknown_indicator", "/sheets/0/notes/i-gone"),
            ("source_not_allowed", "/sheets/1/ratings/i-check"),
            ("not_a_step", "/sheets/1/ratings/i-points"),
            ("out_of_range", "/sheets/2/ratings/i-points"),
            ("wrong_rating_kind", "/sheets/2/ratings/i-deduct"),
            ("unknown_source", "/sheets/3/source"),
            ("unknown_reference", "/bonus/1"),
            ("duplicate_item", "/bonus/2"),
            ("duplicate_item", "/deductions/1/item"),
            ("unknown_reference", "/vetoes/1"),
            ("duplicate_id", "/commitments/1/id"),
            ("unknown_reference", "/commitments/1/dimension"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn errors_of_several_results_are_all_reported_at_once() {
    let errors = result_errors(|r| {
        set(r, "/schema", json!("cxzy/result@0"));
        set(r, "/complete", json!("yes"));
        set(r, "/total_exact", json!("1/0"));
        set(r, "/indicators/1/status", json!("done"));
        remove(r, "/dimensions/0/id");
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("unknown_schema", "/schema"),
            ("wrong_type", "/complete"),
            ("invalid_value", "/total_exact"),
            ("invalid_value", "/indicators/1/status"),
            ("missing_field", "/dimensions/0/id"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_error_of_one_veto_is_reported_at_once() {
    let errors = framework_errors(|fw| {
        set(
            fw,
            "/vetoes/0",
            json!({"title": {"en": "x"}, "caps_grade_at": 5}),
        );
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("missing_field", "/vetoes/0/id"),
            ("missing_text", "/vetoes/0/title/zh-Hans"),
            ("wrong_type", "/vetoes/0/caps_grade_at"),
        ]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn structural_errors_come_first_and_cross_field_rules_run_once_the_structure_reads() {
    // Documented in docs/validation.md: cross-field rules on a half-read document would report
    // follow-on errors (a reference to a grade that failed to read), so they wait for the structure.
    let errors = framework_errors(|fw| {
        set(fw, "/description", json!({"en": "no zh-Hans"}));
        set(fw, "/dimensions/1/id", json!("d1"));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[("missing_text", "/description/zh-Hans")]))
    );
    let errors = framework_errors(|fw| set(fw, "/dimensions/1/id", json!("d1")));
    assert_eq!(
        sorted(errors),
        sorted(expected(&[("duplicate_id", "/dimensions/1/id")]))
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_sheet_from_an_unknown_source_still_reports_its_unknown_indicators() {
    let errors = assessment_errors(|a| {
        set(a, "/sheets/1/source", json!("boss"));
        set(a, "/sheets/1/ratings/i-nope", json!("A"));
        set(a, "/sheets/1/notes", json!({"i-gone": "备注"}));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("unknown_source", "/sheets/1/source"),
            ("unknown_indicator", "/sheets/1/ratings/i-nope"),
            ("unknown_indicator", "/sheets/1/notes/i-gone"),
        ]))
    );
}

// ---------------------------------------------------------------------------------------------
// Every code of `Code` that the engine can produce is exercised above.

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_zh_hant_reader_gets_the_zh_hans_message() {
    let errors = assessment_diagnostics(|a| set(a, "/sheets/1/ratings/i-levels", json!("D")));
    let d = only(&errors, "unknown_level", "/sheets/1/ratings/i-levels");
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

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_decimal_written_with_three_fractional_digits_is_decimal_precision_even_when_they_are_zeros() {
    let errors =
        framework_errors(|fw| set(fw, "/dimensions/0/indicators/0/points", json!("10.500")));
    assert_eq!(
        errors,
        expected(&[("decimal_precision", "/dimensions/0/indicators/0/points")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_decimal_string_with_spaces_is_invalid_decimal() {
    let errors = framework_errors(|fw| set(fw, "/dimensions/0/indicators/0/points", json!(" 10")));
    assert_eq!(
        errors,
        expected(&[("invalid_decimal", "/dimensions/0/indicators/0/points")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_overlong_text_is_out_of_range_and_not_also_missing() {
    let errors =
        framework_errors(|fw| set(fw, "/description", json!({"zh-Hans": "长".repeat(30_000)})));
    assert_eq!(
        errors,
        expected(&[("out_of_range", "/description/zh-Hans")])
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_sheet_from_an_unknown_source_still_reports_a_wrong_rating_value() {
    let errors = assessment_errors(|a| {
        set(a, "/sheets/0/source", json!("selff"));
        set(a, "/sheets/0/ratings/i-levels", json!("bogus"));
    });
    assert_eq!(
        sorted(errors),
        sorted(expected(&[
            ("unknown_source", "/sheets/0/source"),
            ("unknown_level", "/sheets/0/ratings/i-levels")
        ]))
    );
}

// ---------------------------------------------------------------------------------------------
// The cases above, as data for the JS API's tests (`tests/js/validation.test.mjs`).

#[cfg(not(target_arch = "wasm32"))]
include!(concat!(env!("OUT_DIR"), "/validation_tests.rs"));

/// Runs every test of this file with recording on and compares the cases with the committed
/// fixture; `CXZY_BLESS=1` rewrites it (then review the diff).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_js_fixture_is_current() {
    let (_, base_result_doc) = base_result();
    let bases: serde_json::Map<String, Value> = [
        ("framework".to_owned(), base_framework()),
        ("assessment".to_owned(), base_assessment()),
        ("result".to_owned(), base_result_doc),
    ]
    .into_iter()
    .collect();
    let mut lines = Vec::new();
    for (name, test) in VALIDATION_TESTS {
        for mut case in js_fixture::collect(*test) {
            case["test"] = json!(name);
            lines.push(serde_json::to_string(&case).expect("serialises"));
        }
    }
    assert!(lines.len() >= 150, "only {} cases recorded", lines.len());
    let text = format!(
        "{{\n\"note\": \"Generated by tests/tests/validation.rs (the_js_fixture_is_current); CXZY_BLESS=1 rewrites it.\",\n\"bases\": {},\n\"cases\": [\n{}\n]\n}}\n",
        serde_json::to_string(&bases).expect("serialises"),
        lines.join(",\n")
    );
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/validation-cases.json");
    if std::env::var_os("CXZY_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("creates the folder");
        std::fs::write(&path, &text).expect("writes the fixture");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: the validation cases changed. Rewrite it with CXZY_BLESS=1 cargo test -p cxzy-tests --test validation, review, commit.",
        path.display()
    );
}
