//! cxzy-wasm: the JS API of cxzy-core for portals — JSON documents in, JSON documents out.
//!
//! Each function turns its JS arguments into JSON text (`JSON.stringify`, or the string as given),
//! reads it with cxzy-core, calls cxzy-core, and hands the result document back `JSON.parse`d.
//! Documents cross as text, not through serde-wasm-bindgen: serde_json's `arbitrary_precision`
//! keeps every number literal as written, which a JS value converter cannot do.
//! Every refusal is a thrown `CxzyError` (`js/cxzy-error.js`); nothing a caller passes traps.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use cxzy_core::{
    assessment_from_str, branch as branch_view, iso_date, parse_json, parse_quota, result_from_str,
    too_large, trend, Code, Date, Diagnostic, Exact, Lang, Prepared, ResultSummary, ScoreOptions,
    MAX_DOCUMENT_BYTES, MAX_SHEETS,
};
use cxzy_core::{en, zh};
use js_sys::{JsString, Reflect, JSON};
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "rounds")]
mod rounds;

#[wasm_bindgen(module = "/js/cxzy-error.js")]
extern "C" {
    /// The class of every thrown error; exported by the package beside these functions.
    type CxzyError;

    #[wasm_bindgen(constructor)]
    fn new(message: &str, code: &str, errors: JsValue, input: &str) -> CxzyError;
}

/// Which argument a refusal is about: error paths are JSON pointers into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Input {
    Framework,
    Assessment,
    Results,
    Options,
    #[cfg(feature = "rounds")]
    Setup,
    #[cfg(feature = "rounds")]
    Round,
    #[cfg(feature = "rounds")]
    Key,
    #[cfg(feature = "rounds")]
    Ballot,
    #[cfg(feature = "rounds")]
    Ballots,
}

impl Input {
    fn as_str(self) -> &'static str {
        match self {
            Input::Framework => "framework",
            Input::Assessment => "assessment",
            Input::Results => "results",
            Input::Options => "options",
            #[cfg(feature = "rounds")]
            Input::Setup => "setup",
            #[cfg(feature = "rounds")]
            Input::Round => "round",
            #[cfg(feature = "rounds")]
            Input::Key => "key",
            #[cfg(feature = "rounds")]
            Input::Ballot => "ballot",
            #[cfg(feature = "rounds")]
            Input::Ballots => "ballots",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Input::Framework => zh!("评价标准"),
            Input::Assessment => zh!("测评"),
            Input::Results => zh!("结果"),
            Input::Options => zh!("选项"),
            #[cfg(feature = "rounds")]
            Input::Setup => zh!("评议设置"),
            #[cfg(feature = "rounds")]
            Input::Round => zh!("评议轮次"),
            #[cfg(feature = "rounds")]
            Input::Key => zh!("评议密钥"),
            #[cfg(feature = "rounds")]
            Input::Ballot => zh!("选票"),
            #[cfg(feature = "rounds")]
            Input::Ballots => zh!("选票"),
        }
    }
}

/// A call refused: which argument, and every error found in it (never empty).
#[derive(Debug)]
struct Refusal {
    input: Input,
    errors: Vec<Diagnostic>,
}

impl Refusal {
    fn new(input: Input, errors: Vec<Diagnostic>) -> Refusal {
        Refusal { input, errors }
    }

    fn one(input: Input, code: Code, path: &str, en: String, zh: String) -> Refusal {
        Refusal::new(input, vec![Diagnostic::new(code, path, en, zh)])
    }

    /// The `CxzyError` to throw, its messages in `lang`.
    fn into_error(self, lang: Lang) -> JsValue {
        let entries: Vec<_> = self.errors.iter().map(|d| d.localized(lang)).collect();
        let list = serde_json::to_string(&entries)
            .ok()
            .and_then(|text| JSON::parse(&text).ok())
            .unwrap_or_else(|| js_sys::Array::new().into());
        let (code, message) = match self.errors.first() {
            Some(first) => (
                first.code.as_str(),
                summary(self.input, first, &self.errors, lang),
            ),
            None => ("wrong_type", String::new()),
        };
        CxzyError::new(&message, code, list, self.input.as_str()).into()
    }
}

/// `assessment /sheets/0/source: … (and 2 more errors)`: the first error, and how many follow.
fn summary(input: Input, first: &Diagnostic, all: &[Diagnostic], lang: Lang) -> String {
    let path = if first.path.is_empty() {
        "/"
    } else {
        &first.path
    };
    let more = all.len().saturating_sub(1);
    match lang.built() {
        Lang::En => {
            let tail = match more {
                0 => String::new(),
                1 => en!(" (and 1 more error)".to_owned()),
                n => en!(format!(" (and {n} more errors)")),
            };
            format!(
                "{} {path}: {}{tail}",
                input.as_str(),
                first.message(Lang::En)
            )
        }
        Lang::ZhHans | Lang::ZhHant => {
            let tail = if more > 0 {
                zh!(format!("(另有 {more} 处错误)"))
            } else {
                String::new()
            };
            format!("{} {path}:{}{tail}", input.zh(), first.message(lang))
        }
    }
}

/// The JSON text of a document argument: a string as given, anything else through
/// `JSON.stringify` (whose exceptions — cycles, BigInt, throwing getters — become a refusal).
/// Text longer than the document limit is refused before it is copied into WASM memory.
fn json_text(value: &JsValue, input: Input, path: &str) -> Result<String, Refusal> {
    let text: JsValue = if value.is_string() {
        value.clone()
    } else {
        match JSON::stringify(value) {
            Ok(s) => s.into(),
            Err(e) => {
                let why = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_default();
                return Err(Refusal::one(
                    input,
                    Code::WrongType,
                    path,
                    en!(format!("cannot be written as JSON: {why}")),
                    zh!(format!("无法转为 JSON:{why}")),
                ));
            }
        }
    };
    // JSON.stringify gives undefined for undefined, functions and symbols.
    let Some(js) = text.dyn_ref::<JsString>() else {
        return Err(Refusal::one(
            input,
            Code::WrongType,
            path,
            en!("expected a JSON document (an object or JSON text), found nothing".to_owned()),
            zh!("应为 JSON 文档(对象或 JSON 文本),实际为空".to_owned()),
        ));
    };
    // Each UTF-16 unit is at least one UTF-8 byte: a lower bound of the size, without copying.
    let units = js.length() as usize;
    if units > MAX_DOCUMENT_BYTES {
        return Err(Refusal::new(input, vec![too_large(units).within(path)]));
    }
    text.as_string().ok_or_else(|| {
        Refusal::one(
            input,
            Code::WrongType,
            path,
            en!("expected JSON text".to_owned()),
            zh!("应为 JSON 文本".to_owned()),
        )
    })
}

thread_local! {
    /// The last four frameworks prepared: a loop that scores many assessments against one
    /// framework reads, validates, indexes and digests it once, not per call.
    static RECENT: RefCell<cxzy_core::Recent> = const { RefCell::new(cxzy_core::Recent::new(4)) };
}

/// The framework argument, read, validated and indexed (from the recent ones when its text was
/// seen).
fn prepared(value: &JsValue) -> Result<Rc<Prepared>, Refusal> {
    let text = json_text(value, Input::Framework, "")?;
    RECENT
        .with(|r| r.borrow_mut().prepare(&text))
        .map_err(|e| Refusal::new(Input::Framework, e))
}

/// A result document (an object or JSON text) read back, its errors placed under `prefix`.
fn read_result(value: &JsValue, input: Input, prefix: &str) -> Result<ResultSummary, Refusal> {
    let text = json_text(value, input, prefix)?;
    result_from_str(&text)
        .map_err(|e| Refusal::new(input, e.into_iter().map(|d| d.within(prefix)).collect()))
}

/// The options of every function, as far as each allows them.
struct Options {
    lang: Lang,
    today: Option<Date>,
    previous: Option<ResultSummary>,
    excellent_quota: Option<Exact>,
}

/// Reads `options`: undefined, null or an object with only the `allowed` keys (and `lang`).
/// Each option is read on its own (`previous`, a whole result document, with the document
/// limit of its own); an option whose value is undefined is absent, as in JSON. The language is
/// read first, so that the errors about the other options are already in it.
fn read_options(value: &JsValue, allowed: &[&str]) -> (Lang, Result<Options, Refusal>) {
    let mut options = Options {
        lang: Lang::default(),
        today: None,
        previous: None,
        excellent_quota: None,
    };
    if value.is_undefined() || value.is_null() {
        return (options.lang, Ok(options));
    }
    let refuse = |path: &str, en: &str, zh: &str| {
        Refusal::one(
            Input::Options,
            Code::WrongType,
            path,
            en.to_owned(),
            zh.to_owned(),
        )
    };
    let keys = match (value.is_object() && !value.is_function())
        .then(|| Reflect::own_keys(value).ok())
        .flatten()
    {
        Some(keys) => keys,
        None => {
            let refusal = refuse("", en!("options must be an object"), zh!("选项应为对象"));
            return (options.lang, Err(refusal));
        }
    };
    // (key, pointer, value) of every option given, `lang` first.
    let mut given: Vec<(String, String, JsValue)> = Vec::new();
    let mut errors = Vec::new();
    for key in keys.iter().filter_map(|k| k.as_string()) {
        let path = format!("/{}", cxzy_core::diag::pointer_token(&key));
        match Reflect::get(value, &JsValue::from_str(&key)) {
            Ok(v) if v.is_undefined() => {}
            Ok(v) if key == "lang" => given.insert(0, (key, path, v)),
            Ok(v) => given.push((key, path, v)),
            Err(_) => errors.extend(
                refuse(
                    &path,
                    en!("this option cannot be read"),
                    zh!("无法读取该选项"),
                )
                .errors,
            ),
        }
    }
    for (key, path, v) in given {
        if key != "lang" && !allowed.contains(&key.as_str()) {
            errors.push(Diagnostic::new(
                Code::UnknownField,
                path,
                en!(format!(
                    "unknown option \"{key}\"; allowed: {}",
                    allowed.join(", ")
                )),
                zh!(format!("未知选项「{key}」;可用:{}", allowed.join("、"))),
            ));
            continue;
        }
        if key == "previous" {
            match read_result(&v, Input::Options, "/previous") {
                Ok(summary) => options.previous = Some(summary),
                Err(refusal) => cxzy_core::diag::extend_errors(&mut errors, refusal.errors),
            }
            continue;
        }
        // An option's string is its value (only documents come as JSON text).
        let read = match v.as_string() {
            Some(s) => Ok(Value::String(s)),
            None => json_text(&v, Input::Options, &path).and_then(|text| {
                parse_json(&text).map_err(|e| {
                    Refusal::new(
                        Input::Options,
                        e.into_iter().map(|d| d.within(&path)).collect(),
                    )
                })
            }),
        };
        let v = match read {
            Ok(v) => v,
            Err(refusal) => {
                errors.extend(refusal.errors);
                continue;
            }
        };
        match key.as_str() {
            "lang" => match v.as_str().and_then(Lang::parse) {
                Some(lang) => options.lang = lang,
                None => errors.push(Diagnostic::new(
                    Code::InvalidValue,
                    path,
                    en!(format!(
                        "lang {v} is not one of \"zh-Hans\", \"zh-Hant\", \"en\""
                    )),
                    zh!(format!(
                        "lang {v} 不是 \"zh-Hans\"、\"zh-Hant\"、\"en\" 之一"
                    )),
                )),
            },
            "today" => match v.as_str().and_then(iso_date) {
                Some(d) => options.today = Some(d),
                None => errors.push(Diagnostic::new(
                    Code::InvalidDate,
                    path,
                    en!(format!("today {v} is not a date YYYY-MM-DD")),
                    zh!(format!("today {v} 不是 YYYY-MM-DD 形式的日期")),
                )),
            },
            "excellentQuota" => {
                let literal = match &v {
                    Value::Number(n) => Some(n.to_string()),
                    Value::String(s) => Some(s.clone()),
                    _ => None,
                };
                match literal.as_deref().and_then(parse_quota) {
                    Some(q) => options.excellent_quota = Some(q),
                    None => errors.push(Diagnostic::new(
                        Code::InvalidDecimal,
                        path,
                        en!(format!("excellentQuota {v} is not a percent such as 20 or \"12.5\", or a share such as \"1/3\"")),
                        zh!(format!("excellentQuota {v} 不是 20 或 \"12.5\" 这样的百分数,也不是 \"1/3\" 这样的分数")),
                    )),
                }
            }
            _ => {}
        }
    }
    let lang = options.lang;
    if errors.is_empty() {
        (lang, Ok(options))
    } else {
        (lang, Err(Refusal::new(Input::Options, errors)))
    }
}

/// A document handed to JS: serde_json's text, `JSON.parse`d.
fn to_js(document: &impl Serialize) -> Result<JsValue, Refusal> {
    let failed = |why: String| {
        Refusal::one(
            Input::Options,
            Code::TooLarge,
            "",
            en!(format!(
                "the result could not be handed to JavaScript: {why}"
            )),
            zh!(format!("结果无法交给 JavaScript:{why}")),
        )
    };
    let text = serde_json::to_string(document).map_err(|e| failed(e.to_string()))?;
    JSON::parse(&text).map_err(|e| {
        failed(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default(),
        )
    })
}

/// Runs `body` with the options read, throwing its refusal as a `CxzyError` in their language.
fn call(
    options: &JsValue,
    allowed: &[&str],
    body: impl FnOnce(Options) -> Result<JsValue, Refusal>,
) -> Result<JsValue, JsValue> {
    let (lang, options) = read_options(options, allowed);
    options.and_then(body).map_err(|r| r.into_error(lang))
}

fn or_undefined(options: Option<JsValue>) -> JsValue {
    options.unwrap_or(JsValue::UNDEFINED)
}

/// Validates a framework (`cxzy/framework@1`): every error at once, or `{id, version, digest}`,
/// the reference an assessment of it carries.
#[wasm_bindgen(js_name = validateFramework, skip_typescript)]
pub fn validate_framework(
    framework: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        to_js(&prepared(&framework)?.stamp())
    })
}

/// Validates an assessment (`cxzy/assessment@1`) against a framework: every error at once.
#[wasm_bindgen(js_name = validateAssessment, skip_typescript)]
pub fn validate_assessment(
    framework: JsValue,
    assessment: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        let (scorer, a) = framework_and_assessment(&framework, &assessment)?;
        match scorer.check(&a) {
            errors if errors.is_empty() => Ok(JsValue::UNDEFINED),
            errors => Err(Refusal::new(Input::Assessment, errors)),
        }
    })
}

/// The framework (kept prepared) and the assessment of a call, each read from JS.
fn framework_and_assessment(
    framework: &JsValue,
    assessment: &JsValue,
) -> Result<(Rc<Prepared>, cxzy_core::Assessment), Refusal> {
    let scorer = prepared(framework)?;
    let text = json_text(assessment, Input::Assessment, "")?;
    let a = assessment_from_str(&text).map_err(|e| Refusal::new(Input::Assessment, e))?;
    Ok((scorer, a))
}

/// Scores an assessment in brief: the `cxzy/summary@1` document (spec §9.3) — the total, the
/// grade and why, each part's score, the framework's stamp — without building the explanation
/// a summary does not show, for portals that score many submissions.
#[wasm_bindgen(skip_typescript)]
pub fn summarize(
    framework: JsValue,
    assessment: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &["today"], |options| {
        let (scorer, a) = framework_and_assessment(&framework, &assessment)?;
        let summary = scorer
            .summarize(
                &a,
                &ScoreOptions {
                    today: options.today,
                },
            )
            .map_err(|e| Refusal::new(Input::Assessment, e))?;
        to_js(&summary)
    })
}

/// `{result, trend}`: what `score` returns with `previous`.
#[derive(Serialize)]
struct ScoreWithTrend<'a> {
    result: &'a cxzy_core::ScoreResult,
    trend: &'a cxzy_core::Trend,
}

/// Scores an assessment: the `cxzy/result@1` document; with `previous` (the previous period's
/// result) `{result, trend}`, the trend a `cxzy/trend@1` document.
#[wasm_bindgen(skip_typescript)]
pub fn score(
    framework: JsValue,
    assessment: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &["today", "previous"], |options| {
        let (scorer, a) = framework_and_assessment(&framework, &assessment)?;
        let result = scorer
            .score(
                &a,
                &ScoreOptions {
                    today: options.today,
                },
            )
            .map_err(|e| Refusal::new(Input::Assessment, e))?;
        match &options.previous {
            None => to_js(&result),
            Some(previous) => {
                // The current result always has the framework's id: a mismatch is the previous one's,
                // and its path (/previous/…) already points into the options.
                let trend = trend(scorer.framework(), previous, &result.summary())
                    .map_err(|e| Refusal::new(Input::Options, e))?;
                to_js(&ScoreWithTrend {
                    result: &result,
                    trend: &trend,
                })
            }
        }
    })
}

/// The branch view (`cxzy/branch@1`) of result documents scored against `framework`.
#[wasm_bindgen(skip_typescript)]
pub fn branch(
    framework: JsValue,
    results: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &["excellentQuota"], |options| {
        let scorer = prepared(&framework)?;
        let summaries = read_results(&results)?;
        let view = branch_view(&scorer, &summaries, options.excellent_quota.as_ref()).map_err(
            |errors| {
                // Core names the quota by its document field; the JS option is excellentQuota.
                let (quota, others): (Vec<_>, Vec<_>) = errors
                    .into_iter()
                    .partition(|d| d.path.starts_with("/excellent_quota"));
                if quota.is_empty() {
                    Refusal::new(Input::Results, others)
                } else {
                    let renamed = quota
                        .into_iter()
                        .map(|mut d| {
                            d.path = d.path.replacen("/excellent_quota", "/excellentQuota", 1);
                            d
                        })
                        .collect();
                    Refusal::new(Input::Options, renamed)
                }
            },
        )?;
        to_js(&view)
    })
}

/// Results as an array (of documents or JSON texts), or one JSON text of an array; each one's
/// errors under `/<index>`, all of them at once.
fn read_results(results: &JsValue) -> Result<Vec<ResultSummary>, Refusal> {
    let not_a_list = || {
        Refusal::one(
            Input::Results,
            Code::WrongType,
            "",
            en!("results must be an array of result documents".to_owned()),
            zh!("结果应为结果文档的数组".to_owned()),
        )
    };
    // (No float formatting: it would add its machinery to the module for one message.)
    let too_many = || {
        Refusal::one(
            Input::Results,
            Code::TooMany,
            "",
            en!(format!(
                "more than {MAX_SHEETS} results; at most {MAX_SHEETS} are read"
            )),
            zh!(format!("结果超过 {MAX_SHEETS} 个的上限")),
        )
    };
    let mut summaries = Vec::new();
    let mut errors = Vec::new();
    if results.is_string() {
        let text = json_text(results, Input::Results, "")?;
        // Each result read from the text's tape where it is (no tree, no result written out
        // and read again), its errors under /<index>.
        let tape = cxzy_core::read::tape(&text).map_err(|e| Refusal::new(Input::Results, e))?;
        let list = tape.root();
        if list.kind() != cxzy_core::read::Kind::Array {
            return Err(not_a_list());
        }
        if list.len() > MAX_SHEETS {
            return Err(too_many());
        }
        match cxzy_core::read::documents_in(list) {
            Ok(s) => summaries = s,
            Err(e) => errors = e,
        }
    } else {
        if !js_sys::Array::is_array(results) {
            return Err(not_a_list());
        }
        // Reflect (with its exceptions caught), not Array methods: a Proxy may throw.
        let length = Reflect::get(results, &JsValue::from_str("length"))
            .ok()
            .and_then(|n| n.as_f64())
            .ok_or_else(not_a_list)?;
        if length > MAX_SHEETS as f64 {
            return Err(too_many());
        }
        for i in 0..length as u32 {
            let prefix = format!("/{i}");
            let item = Reflect::get_u32(results, i).map_err(|_| {
                Refusal::one(
                    Input::Results,
                    Code::WrongType,
                    &prefix,
                    en!("this result cannot be read".to_owned()),
                    zh!("无法读取该结果".to_owned()),
                )
            })?;
            match read_result(&item, Input::Results, &prefix) {
                Ok(s) => summaries.push(s),
                Err(refusal) => cxzy_core::diag::extend_errors(&mut errors, refusal.errors),
            }
        }
    }
    if errors.is_empty() {
        Ok(summaries)
    } else {
        Err(Refusal::new(Input::Results, errors))
    }
}

/// The framework's digest, `"sha256:…"` (SHA-256 of its canonical JSON); it must be valid.
#[wasm_bindgen(skip_typescript)]
pub fn digest(framework: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        Ok(JsValue::from_str(prepared(&framework)?.digest()))
    })
}

/// The version of the engine (cxzy-core), e.g. `"0.1.0"`.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    cxzy_core::VERSION.to_owned()
}

// The documents' types (Framework, Assessment, ScoreResult, …) are generated from cxzy-core's
// model by `cxzy schema --typescript` into the package's documents.d.ts (scripts/package.sh).
#[wasm_bindgen(typescript_custom_section)]
const FUNCTIONS: &'static str = r#"
import type { Assessment, BranchView, Decimal, ErrorCode, Framework, FrameworkStamp, IsoDate, Lang, ScoreResult, Summary, Trend } from "../documents.js";

/** Options every function takes. */
export interface LangOptions {
  /** The language of error messages (default zh-Hans). */
  lang?: Lang;
}

/** Options of `score`. */
export interface ScoreOptions {
  /** "Today" for overdue commitments when the assessment gives no as_of. */
  today?: IsoDate;
  /** The previous period's result (same framework id): `score` then returns `{result, trend}`. */
  previous?: ScoreResult | string;
  lang?: Lang;
}

/** Options of `branch`. */
export interface BranchOptions {
  /** Percent of ranked results that may be 优秀 (20, "12.5"), or an exact share ("1/3"); advice only (over_quota / tie_at_cut marks). */
  excellentQuota?: Decimal;
  lang?: Lang;
}

/** `score` with `previous`: the result and the trend since the previous period. */
export interface ScoreWithTrend {
  result: ScoreResult;
  trend: Trend;
}

/** The argument a `CxzyError` is about; error paths point into it. */
export type Input = "framework" | "assessment" | "results" | "options";

/** One error: a stable code, a JSON pointer (RFC 6901) into the input, a message. */
export interface ErrorEntry {
  code: ErrorCode;
  path: string;
  message: string;
}
/** Thrown by every function: `code` is the first error's, `errors` lists them all. */
export declare class CxzyError extends Error {
  constructor(message: string, code: ErrorCode, errors: ErrorEntry[], input: Input);
  readonly name: "CxzyError";
  /** The first error's code. */
  readonly code: ErrorCode;
  /** Every error found, each with a JSON pointer into `input`. */
  readonly errors: ErrorEntry[];
  /** The argument that was refused. */
  readonly input: Input;
}

/** Validates a framework: every error at once (thrown), or the reference an assessment carries. */
export function validateFramework(framework: Framework | string, options?: LangOptions): FrameworkStamp;

/** Validates an assessment against a framework: every error at once (thrown). */
export function validateAssessment(framework: Framework | string, assessment: Assessment | string, options?: LangOptions): void;

/** Scores an assessment: the result document (cxzy/result@1). */
export function score(framework: Framework | string, assessment: Assessment | string, options?: ScoreOptions & { previous?: undefined }): ScoreResult;
/** With `previous` (the previous period's result): `{ result, trend }`. */
export function score(framework: Framework | string, assessment: Assessment | string, options: ScoreOptions & { previous: ScoreResult | string }): ScoreWithTrend;
export function score(framework: Framework | string, assessment: Assessment | string, options?: ScoreOptions): ScoreResult | ScoreWithTrend;

/** Scores an assessment in brief (cxzy/summary@1): total, grade and why, each part's score; the same numbers as `score`, without the explanation. */
export function summarize(framework: Framework | string, assessment: Assessment | string, options?: { today?: IsoDate; lang?: Lang }): Summary;

/** The branch view (cxzy/branch@1) of results scored against one framework. */
export function branch(framework: Framework | string, results: (ScoreResult | string)[] | string, options?: BranchOptions): BranchView;

/** The framework's digest, "sha256:…" (the framework must be valid). */
export function digest(framework: Framework | string, options?: LangOptions): string;

/** The engine's version. */
export function version(): string;
"#;
