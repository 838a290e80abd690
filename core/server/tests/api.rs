//! The scoring API against the engine and the command line's documents: every golden vector
//! through `POST /api/v1/score` (and the branch vectors through `/branch`) gives the document the
//! command line prints, byte for byte; every validation case gives the same codes and paths; bad
//! requests are refused with located errors and the right status.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cxzy_core::{assessment_from_str, parse_json, Date, Prepared, ScoreOptions};
use cxzy_tests::validation::{Case, Check, Document, CASES};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

async fn call(method: &str, uri: &str, body: Option<String>) -> (StatusCode, String) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(body.map(Body::from).unwrap_or_else(Body::empty))
        .unwrap();
    let response = cxzy_server::router().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn post(uri: &str, body: &Value) -> (StatusCode, String) {
    call("POST", uri, Some(body.to_string())).await
}

fn pairs(errors: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(errors).unwrap();
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The framework member of a request for a vector: a built-in's id, or the document.
fn framework_member(v: &cxzy_tests::Vector) -> (Value, &'static str) {
    match (v.framework, v.builtin) {
        (Some(text), _) => (parse_json(text).unwrap(), text),
        (None, Some(id)) => (
            Value::String(id.trim().to_owned()),
            cxzy_frameworks::text(id.trim()).unwrap(),
        ),
        _ => panic!("{}: no framework", v.name),
    }
}

#[tokio::test]
async fn every_score_vector_through_the_api_is_the_command_lines_document_byte_for_byte() {
    let mut checked = 0;
    for v in cxzy_tests::VECTORS.iter() {
        let (Some(assessment), Some(expected)) = (v.assessment, v.expected) else {
            continue;
        };
        let (framework, text) = framework_member(v);
        let options: Value = v
            .options
            .map(|o| serde_json::from_str(o).unwrap())
            .unwrap_or(Value::Null);
        let today = options.get("today").cloned();
        let mut body =
            json!({"framework": framework, "assessment": parse_json(assessment).unwrap()});
        if let Some(t) = &today {
            body["today"] = t.clone();
        }
        // A trend vector's previous period: its result, as a portal would keep it.
        if let Some(prev) = v.previous {
            let mut first = body.clone();
            first["assessment"] = parse_json(prev).unwrap();
            let (status, previous) = post("/api/v1/score", &first).await;
            assert_eq!(status, StatusCode::OK, "{}: {previous}", v.name);
            body["previous"] = parse_json(&previous).unwrap();
        }
        let (status, answer) = post("/api/v1/score", &body).await;
        assert_eq!(status, StatusCode::OK, "{}: {answer}", v.name);
        // The same document as expected.json (which the command line's output is tested to be).
        assert_eq!(
            parse_json(&answer).unwrap(),
            parse_json(expected).unwrap(),
            "{}",
            v.name
        );
        // Byte for byte what `cxzy score` writes: serde_json's compact text of the engine's result.
        if v.previous.is_none() {
            let scorer = Prepared::from_json(text).unwrap();
            let a = assessment_from_str(assessment).unwrap();
            let today: Option<Date> = today
                .as_ref()
                .and_then(Value::as_str)
                .and_then(cxzy_core::iso_date);
            let result = scorer.score(&a, &ScoreOptions { today }).unwrap();
            assert_eq!(
                answer,
                serde_json::to_string(&result).unwrap(),
                "{}",
                v.name
            );
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} score vectors");
}

#[tokio::test]
async fn every_branch_vector_through_the_api_equals_its_expected_view() {
    let mut checked = 0;
    for v in cxzy_tests::VECTORS.iter() {
        let (Some(assessments), Some(expected)) = (v.assessments, v.expected) else {
            continue;
        };
        let (framework, _) = framework_member(v);
        let options: Value = v
            .options
            .map(|o| serde_json::from_str(o).unwrap())
            .unwrap_or(Value::Null);
        let mut results = Vec::new();
        for a in parse_json(assessments).unwrap().as_array().unwrap() {
            let (status, r) = post(
                "/api/v1/score",
                &json!({"framework": framework, "assessment": a}),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{}: {r}", v.name);
            results.push(parse_json(&r).unwrap());
        }
        let mut body = json!({"framework": framework, "results": results});
        if let Some(q) = options.get("excellent_quota") {
            body["excellent_quota"] = q.clone();
        }
        let (status, view) = post("/api/v1/branch", &body).await;
        assert_eq!(status, StatusCode::OK, "{}: {view}", v.name);
        assert_eq!(
            parse_json(&view).unwrap(),
            parse_json(expected).unwrap(),
            "{}",
            v.name
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} branch vectors");
}

#[tokio::test]
async fn every_validation_case_gives_the_same_codes_and_paths() {
    let base = |name: &str| cxzy_tests::validation::base(name).unwrap();
    let mut checked = 0;
    for file in CASES.iter() {
        let case = Case::parse(file.file, file.text).unwrap();
        let value = |member: &str| match case.document(member).unwrap() {
            Some(Document::Value(v)) => Some(Some(v)),
            Some(Document::Text(_)) => Some(None), // text that is not a JSON value: not sendable as a member
            None => None,
        };
        let body = match case.check {
            Check::Framework => match value("framework") {
                Some(Some(fw)) => json!({"framework": fw}),
                _ => continue,
            },
            Check::Assessment => {
                let fw = match value("framework") {
                    Some(Some(fw)) => fw,
                    Some(None) => continue,
                    None => base("framework"),
                };
                match value("assessment") {
                    Some(Some(a)) => json!({"framework": fw, "assessment": a}),
                    _ => continue,
                }
            }
            Check::Branch => {
                let mut results = Vec::new();
                for i in 0..case.result_count() {
                    match value(&format!("results/{i}")) {
                        Some(Some(r)) => results.push(r),
                        _ => continue,
                    }
                }
                if results.len() != case.result_count() {
                    continue;
                }
                let mut b = json!({"framework": base("framework"), "results": results});
                if let Some(q) = &case.excellent_quota {
                    b["excellent_quota"] = Value::String(q.clone());
                }
                b
            }
            // A result read back: as `previous` of a score (its errors then under "previous";
            // an optional member given as null is absent, as in JSON APIs).
            Check::Result => match value("result") {
                Some(Some(r)) if !r.is_null() => {
                    json!({"framework": base("framework"), "assessment": base("assessment"), "previous": r})
                }
                _ => continue,
            },
            Check::Trend | Check::Json => continue,
        };
        let uri = match case.check {
            Check::Branch => "/api/v1/branch",
            Check::Result => "/api/v1/score",
            _ => "/api/v1/validate",
        };
        let (status, answer) = post(uri, &body).await;
        let want: Vec<(String, String)> = case.errors.clone();
        if want.is_empty() {
            assert_eq!(status, StatusCode::OK, "{}: {answer}", case.name);
        } else {
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}: {answer}",
                case.name
            );
            let mut got = pairs(&answer);
            // The branch's results are located from the list, as the case's are.
            let mut want = want;
            got.sort();
            want.sort();
            assert_eq!(got, want, "{}", case.name);
        }
        checked += 1;
    }
    assert!(
        checked >= 50,
        "only {checked} validation cases went through the API"
    );
}

#[tokio::test]
async fn bad_requests_are_refused_with_located_errors() {
    // Not JSON: the syntax error, located.
    let (status, answer) = call("POST", "/api/v1/score", Some("{\"framework\": ".into())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pairs(&answer)[0].0, "json_syntax");
    // Not an object; unknown and missing members, all at once.
    let (status, answer) = post("/api/v1/score", &json!([1])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pairs(&answer), vec![("wrong_type".into(), "".into())]);
    let (_, answer) = post("/api/v1/score", &json!({"colour": "red"})).await;
    let mut got = pairs(&answer);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("missing_field".into(), "/assessment".into()),
            ("missing_field".into(), "/framework".into()),
            ("unknown_field".into(), "/colour".into())
        ]
    );
    let v: Value = serde_json::from_str(&answer).unwrap();
    assert!(v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["input"] == "request"));
    // A member written twice: the last counts (as a JSON map reads it); an unknown one written
    // twice is one error; a built-in's id with escapes is the same id.
    let (status, answer) = call(
        "POST",
        "/api/v1/validate",
        Some(
            r#"{"colour": 1, "framework": "no-such", "colour": 2, "framework": "member-\u0066ive-leads"}"#
                .into(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        pairs(&answer),
        vec![("unknown_field".into(), "/colour".into())]
    );
    // Many unknown members: the first 1,000 listed, then one too_many (spec §4.5), found in
    // time linear in their number; the same inside a document.
    let many: String = (0..50_000).map(|i| format!("\"k{i}\": 0, ")).collect();
    let (_, answer) = call(
        "POST",
        "/api/v1/validate",
        Some(format!("{{{many}\"framework\": \"member-five-leads\"}}")),
    )
    .await;
    let got = pairs(&answer);
    assert_eq!(got.len(), cxzy_core::diag::MAX_ERRORS + 1);
    assert_eq!(got[0], ("unknown_field".into(), "/k0".into()));
    assert_eq!(got[1000], ("too_many".into(), "".into()));
    let (_, answer) = call(
        "POST",
        "/api/v1/score",
        Some(format!(
            "{{\"framework\": \"member-five-leads\", \"assessment\": {{{}\"x\": 0}}}}",
            many
        )),
    )
    .await;
    let got = pairs(&answer);
    assert_eq!(got.len(), cxzy_core::diag::MAX_ERRORS + 1);
    assert_eq!(got[1000], ("too_many".into(), "".into()));
    // A quota that is a string with escapes is named as JSON writes it.
    let (_, answer) = call(
        "POST",
        "/api/v1/branch?lang=en",
        Some(
            r#"{"framework": "member-five-leads", "results": [], "excellent_quota": "a\u0001b"}"#
                .into(),
        ),
    )
    .await;
    let v: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(v["errors"][0]["code"], "invalid_value");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with(r#"excellent_quota "a\u0001b" is not"#),
        "{answer}"
    );
    // An unknown built-in; a bad date; messages in English on request.
    let (_, answer) = post("/api/v1/validate?lang=en", &json!({"framework": "no-such"})).await;
    let v: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(v["errors"][0]["input"], "framework");
    assert_eq!(v["errors"][0]["code"], "unknown_reference");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not a built-in"));
    let (_, answer) = post(
        "/api/v1/score",
        &json!({"framework": "member-five-leads", "assessment": {}, "today": "2026-13-01"}),
    )
    .await;
    assert_eq!(
        pairs(&answer),
        vec![("invalid_date".into(), "/today".into())]
    );
    // An assessment's errors are located in it, input "assessment".
    let (_, answer) = post(
        "/api/v1/score",
        &json!({"framework": "member-five-leads", "assessment": {"schema": "cxzy/assessment@1"}}),
    )
    .await;
    let v: Value = serde_json::from_str(&answer).unwrap();
    assert!(v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["input"] == "assessment"));
    // Over 16 MiB: 413, as JSON.
    let big = format!(
        "{{\"framework\": \"{}\"}}",
        "x".repeat(cxzy_server::MAX_REQUEST_BYTES)
    );
    let (status, answer) = call("POST", "/api/v1/validate", Some(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(pairs(&answer), vec![("too_large".into(), "".into())]);
}

#[tokio::test]
async fn the_frameworks_info_and_the_openapi_description() {
    let (status, catalogue) = call("GET", "/api/v1/frameworks", None).await;
    assert_eq!(status, StatusCode::OK);
    let catalogue: Value = serde_json::from_str(&catalogue).unwrap();
    let ids: Vec<&str> = catalogue["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 12);
    for id in ids {
        let (status, text) = call("GET", &format!("/api/v1/frameworks/{id}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(text, cxzy_frameworks::text(id).unwrap());
    }
    let (status, _) = call("GET", "/api/v1/frameworks/nope", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, info) = call("GET", "/api/v1/info", None).await;
    let info: Value = serde_json::from_str(&info).unwrap();
    assert_eq!(info["version"], cxzy_core::VERSION);
    // The description names every route, and every route it names answers.
    let (_, spec) = call("GET", "/api/v1/openapi.json", None).await;
    let spec: Value = serde_json::from_str(&spec).unwrap();
    let paths: Vec<&String> = spec["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths.len(), 12);
    // The rooms' routes are checked with a store, in tests/rooms.rs.
    for p in paths.into_iter().filter(|p| !p.contains("/rooms")) {
        let uri = p.replace("{id}", "member-five-leads");
        let method = if spec["paths"][p].get("post").is_some() {
            "POST"
        } else {
            "GET"
        };
        let (status, _) = call(method, &uri, Some("{}".into())).await;
        assert_ne!(status, StatusCode::NOT_FOUND, "{p}");
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{p}");
    }
}
