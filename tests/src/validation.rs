//! The validation cases of `validation/` (spec §4): one JSON file per case under `cases/`, each an
//! input for one entry point and the exact `(code, path)` list the engine reports for it. The
//! format is `validation/README.md`; the Node tests of the JS API read the same files
//! (`js/validation.test.mjs`) and must build the same documents from them.
//!
//! [`check`] runs one case; [`failures`] runs them all. Everything here returns a description of
//! what went wrong instead of panicking, so that one run names every failing case.

use cxzy_core::{
    assessment_from_str, assessment_from_value, branch, parse_json, parse_quota, result_from_str,
    result_from_value, trend, Diagnostic, Framework, Lang, Prepared, ResultSummary, ScoreOptions,
};
use serde_json::{Map, Value};

/// One file of `validation/cases/`, embedded by build.rs (wasm32 has no file system).
pub struct CaseFile {
    /// The file name, `<case name>.json`.
    pub file: &'static str,
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/validation.rs"));

/// The base document named `name` (`framework`, `assessment`, `result`, and the version-2
/// `framework2`, `assessment2`), parsed.
pub fn base(name: &str) -> Result<Value, String> {
    let text = match name {
        "framework" => BASE_FRAMEWORK,
        "assessment" => BASE_ASSESSMENT,
        "result" => BASE_RESULT,
        "framework2" => BASE_FRAMEWORK2,
        "assessment2" => BASE_ASSESSMENT2,
        other => return Err(format!("no base document {other:?}")),
    };
    serde_json::from_str(text).map_err(|e| format!("bases/{name}.json: {e}"))
}

/// The entry point a case exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// A framework read and validated (§4.1, §4.2).
    Framework,
    /// An assessment checked against a framework (the base one unless given) (§4.3).
    Assessment,
    /// A result document read back (§4.4).
    Result,
    /// The branch view of result documents against the base framework (§8).
    Branch,
    /// The trend from a previous result to a current one (the base result unless given) (§7).
    Trend,
    /// Text parsed as JSON alone (`parse_json`).
    Json,
}

impl Check {
    fn parse(name: &str) -> Option<Check> {
        Some(match name {
            "framework" => Check::Framework,
            "assessment" => Check::Assessment,
            "result" => Check::Result,
            "branch" => Check::Branch,
            "trend" => Check::Trend,
            "json" => Check::Json,
            _ => return None,
        })
    }

    /// The members a case of this check must have, and those it may have.
    fn members(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Check::Framework => (&["framework"], &[]),
            Check::Assessment => (&["assessment"], &["framework"]),
            Check::Result => (&["result"], &[]),
            Check::Branch => (&["results"], &["excellent_quota"]),
            Check::Trend => (&["previous"], &["current"]),
            Check::Json => (&["json"], &[]),
        }
    }
}

/// A document as a case gives it, built: a JSON value, or JSON text read as it is.
#[derive(Clone, Debug)]
pub enum Document {
    Value(Value),
    Text(String),
}

/// An expected message: each error at `path` names every `en` string in English and every `zh`
/// string in zh-Hans.
#[derive(Clone, Debug)]
pub struct Message {
    pub path: String,
    pub en: Vec<String>,
    pub zh: Vec<String>,
}

/// One case, read and checked against the case format.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub check: Check,
    /// The case's input documents by member name (`results` as `results/0`, `results/1`, …),
    /// as written in the case (built by [`Case::document`]).
    specs: Vec<(String, Value)>,
    pub excellent_quota: Option<String>,
    pub errors: Vec<(String, String)>,
    pub messages: Vec<Message>,
}

const CASE_MEMBERS: &[&str] = &[
    "note",
    "check",
    "framework",
    "assessment",
    "result",
    "results",
    "excellent_quota",
    "previous",
    "current",
    "json",
    "errors",
    "messages",
];

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{what} must be an object, found {v}"))
}

fn string<'a>(map: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a str, String> {
    match map.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!("{what}.{key} must be a string, found {other}")),
        None => Err(format!("{what} has no {key:?}")),
    }
}

fn only_members(map: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<(), String> {
    match map.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "{what} has an unknown member {k:?} (allowed: {})",
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

fn count(map: &Map<String, Value>, what: &str) -> Result<usize, String> {
    map.get("count")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{what}.count must be a whole number"))
}

fn strings(map: &Map<String, Value>, key: &str, what: &str) -> Result<Vec<String>, String> {
    match map.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|s| {
                s.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{what}.{key} must hold strings, found {s}"))
            })
            .collect(),
        Some(other) => Err(format!("{what}.{key} must be an array, found {other}")),
    }
}

/// Checks a document spec (`{base, patch?, repeat?}`, `{value}` or `{text}`) against the format.
fn check_spec(spec: &Value, what: &str) -> Result<(), String> {
    let map = object(spec, what)?;
    let forms = ["base", "value", "text"]
        .iter()
        .filter(|k| map.contains_key(**k))
        .count();
    if forms != 1 {
        return Err(format!(
            "{what} must have exactly one of \"base\", \"value\", \"text\""
        ));
    }
    if map.contains_key("base") {
        only_members(map, &["base", "patch", "repeat"], what)?;
        base(string(map, "base", what)?)?;
        for (i, op) in list(map, "patch", what)?.iter().enumerate() {
            check_op(op, &format!("{what}.patch[{i}]"))?;
        }
        for (i, r) in list(map, "repeat", what)?.iter().enumerate() {
            let what = format!("{what}.repeat[{i}]");
            let r = object(r, &what)?;
            only_members(r, &["path", "count", "item", "string"], &what)?;
            pointer(string(r, "path", &what)?)?;
            count(r, &what)?;
            match (r.get("item"), r.get("string")) {
                (Some(_), None) => {}
                (None, Some(Value::String(_))) => {}
                _ => {
                    return Err(format!(
                        "{what} needs either \"item\" or \"string\" (a string)"
                    ))
                }
            }
        }
    } else if map.contains_key("value") {
        only_members(map, &["value"], what)?;
    } else {
        only_members(map, &["text"], what)?;
        text_of(&map["text"], what)?;
    }
    Ok(())
}

fn list<'a>(map: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a [Value], String> {
    match map.get(key) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(format!("{what}.{key} must be an array, found {other}")),
    }
}

fn check_op(op: &Value, what: &str) -> Result<(), String> {
    let map = object(op, what)?;
    let name = string(map, "op", what)?;
    let members: &[&str] = match name {
        "add" | "replace" | "test" => &["op", "path", "value"],
        "remove" => &["op", "path"],
        "move" | "copy" => &["op", "from", "path"],
        other => return Err(format!("{what}: unknown op {other:?}")),
    };
    only_members(map, members, what)?;
    for key in members.iter().filter(|k| **k != "op") {
        if !map.contains_key(*key) {
            return Err(format!("{what}: {name:?} needs {key:?}"));
        }
    }
    pointer(string(map, "path", what)?)?;
    if let Some(from) = map.get("from") {
        pointer(
            from.as_str()
                .ok_or_else(|| format!("{what}.from must be a string"))?,
        )?;
    }
    Ok(())
}

/// The text of a `text` spec: a string, or pieces (strings and `{"string", "count"}` repeats).
fn text_of(text: &Value, what: &str) -> Result<String, String> {
    match text {
        Value::String(s) => Ok(s.clone()),
        Value::Array(pieces) => {
            let mut out = String::new();
            for (i, piece) in pieces.iter().enumerate() {
                match piece {
                    Value::String(s) => out.push_str(s),
                    piece => {
                        let what = format!("{what}.text[{i}]");
                        let map = object(piece, &what)?;
                        only_members(map, &["string", "count"], &what)?;
                        out.push_str(&string(map, "string", &what)?.repeat(count(map, &what)?));
                    }
                }
            }
            Ok(out)
        }
        other => Err(format!(
            "{what}.text must be a string or an array, found {other}"
        )),
    }
}

impl Case {
    /// Reads a case file, checking it against the case format: unknown members, a member its
    /// check does not take, a malformed document spec or patch are errors.
    pub fn parse(file: &str, text: &str) -> Result<Case, String> {
        let name = file
            .strip_suffix(".json")
            .ok_or_else(|| "not a case file (a case file's name ends in .json)".to_owned())?;
        let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let map = object(&v, "the case")?;
        only_members(map, CASE_MEMBERS, "the case")?;
        if let Some(note) = map.get("note") {
            note.as_str().ok_or("note must be a string")?;
        }
        let check_name = string(map, "check", "the case")?;
        let check = Check::parse(check_name).ok_or_else(|| {
            format!(
                "unknown check {check_name:?} (framework, assessment, result, branch, trend, json)"
            )
        })?;
        let (required, optional) = check.members();
        for key in CASE_MEMBERS
            .iter()
            .filter(|k| !["note", "check", "errors", "messages"].contains(k))
        {
            let allowed = required.contains(key) || optional.contains(key);
            match (map.contains_key(*key), allowed) {
                (true, false) => {
                    return Err(format!("a {check_name:?} case takes no {key:?}"));
                }
                (false, true) if required.contains(key) => {
                    return Err(format!("a {check_name:?} case needs {key:?}"));
                }
                _ => {}
            }
        }
        let mut specs = Vec::new();
        for key in [
            "framework",
            "assessment",
            "result",
            "previous",
            "current",
            "json",
        ] {
            if let Some(spec) = map.get(key) {
                check_spec(spec, key)?;
                specs.push((key.to_owned(), spec.clone()));
            }
        }
        if let Some(results) = map.get("results") {
            let results = results.as_array().ok_or("results must be an array")?;
            for (i, spec) in results.iter().enumerate() {
                check_spec(spec, &format!("results[{i}]"))?;
                specs.push((format!("results/{i}"), spec.clone()));
            }
        }
        if check == Check::Json
            && !map
                .get("json")
                .and_then(Value::as_object)
                .is_some_and(|m| m.contains_key("text"))
        {
            return Err("a \"json\" case gives its input as \"text\"".into());
        }
        let excellent_quota = match map.get("excellent_quota") {
            None => None,
            Some(Value::String(q)) => Some(q.clone()),
            Some(other) => return Err(format!("excellent_quota must be a string, found {other}")),
        };
        let errors = match map.get("errors") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let what = format!("errors[{i}]");
                    let e = object(e, &what)?;
                    only_members(e, &["code", "path"], &what)?;
                    Ok((
                        string(e, "code", &what)?.to_owned(),
                        string(e, "path", &what)?.to_owned(),
                    ))
                })
                .collect::<Result<Vec<_>, String>>()?,
            _ => return Err("the case needs \"errors\", an array (empty when valid)".into()),
        };
        let messages = list(map, "messages", "the case")?
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let what = format!("messages[{i}]");
                let m = object(m, &what)?;
                only_members(m, &["path", "en", "zh"], &what)?;
                let path = string(m, "path", &what)?.to_owned();
                if !errors.iter().any(|(_, p)| *p == path) {
                    return Err(format!("{what}: no expected error at {path:?}"));
                }
                Ok(Message {
                    path,
                    en: strings(m, "en", &what)?,
                    zh: strings(m, "zh", &what)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Case {
            name: name.to_owned(),
            check,
            specs,
            excellent_quota,
            errors,
            messages,
        })
    }

    /// The document given as `member` (`results/<i>` for the i-th result), built; `None` when
    /// the case does not give it.
    pub fn document(&self, member: &str) -> Result<Option<Document>, String> {
        self.specs
            .iter()
            .find(|(k, _)| k == member)
            .map(|(_, spec)| build(spec).map_err(|e| format!("{member}: {e}")))
            .transpose()
    }

    /// How many result documents a branch case gives.
    pub fn result_count(&self) -> usize {
        self.specs
            .iter()
            .filter(|(k, _)| k.starts_with("results/"))
            .count()
    }
}

/// Builds a document spec (checked by [`check_spec`]).
fn build(spec: &Value) -> Result<Document, String> {
    let map = object(spec, "a document")?;
    if let Some(value) = map.get("value") {
        return Ok(Document::Value(value.clone()));
    }
    if let Some(text) = map.get("text") {
        return text_of(text, "the document").map(Document::Text);
    }
    let mut doc = base(string(map, "base", "the document")?)?;
    for op in list(map, "patch", "the document")? {
        apply(&mut doc, op)?;
    }
    for r in list(map, "repeat", "the document")? {
        let r = object(r, "repeat")?;
        let n = count(r, "repeat")?;
        let value = match (r.get("item"), r.get("string")) {
            (Some(item), _) => Value::Array((0..n).map(|i| with_index(item, i)).collect()),
            (None, Some(Value::String(s))) => Value::String(s.repeat(n)),
            _ => return Err("a repeat needs \"item\" or \"string\"".into()),
        };
        add(&mut doc, string(r, "path", "repeat")?, value)?;
    }
    Ok(Document::Value(doc))
}

/// `item` with every `{i}` in its strings replaced by `i`.
fn with_index(item: &Value, i: usize) -> Value {
    match item {
        Value::String(s) => Value::String(s.replace("{i}", &i.to_string())),
        Value::Array(items) => Value::Array(items.iter().map(|x| with_index(x, i)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), with_index(v, i)))
                .collect(),
        ),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Patch (RFC 6902) over JSON Pointers (RFC 6901).

/// The reference tokens of a JSON pointer, unescaped (`~1` → `/`, then `~0` → `~`).
pub fn pointer(path: &str) -> Result<Vec<String>, String> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let rest = path
        .strip_prefix('/')
        .ok_or_else(|| format!("{path:?} is not a JSON pointer"))?;
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn array_index(token: &str, len: usize, path: &str) -> Result<usize, String> {
    let valid =
        token == "0" || (!token.starts_with('0') && token.bytes().all(|b| b.is_ascii_digit()));
    match token.parse::<usize>() {
        Ok(i) if valid && i < len => Ok(i),
        _ => Err(format!("{path:?}: no array item {token:?}")),
    }
}

/// The container holding the last token of `path`, and that token.
fn parent<'a>(doc: &'a mut Value, path: &str) -> Result<(&'a mut Value, String), String> {
    let mut tokens = pointer(path)?;
    let last = tokens
        .pop()
        .ok_or_else(|| "the root has no parent".to_owned())?;
    let mut node = doc;
    for t in &tokens {
        node = match node {
            Value::Object(map) => map.get_mut(t),
            Value::Array(items) => {
                let i = array_index(t, items.len(), path)?;
                items.get_mut(i)
            }
            _ => None,
        }
        .ok_or_else(|| format!("{path:?}: nothing at {t:?}"))?;
    }
    Ok((node, last))
}

fn get<'a>(doc: &'a Value, path: &str) -> Result<&'a Value, String> {
    let mut node = doc;
    for t in pointer(path)? {
        node = match node {
            Value::Object(map) => map.get(&t),
            Value::Array(items) => items.get(array_index(&t, items.len(), path)?),
            _ => None,
        }
        .ok_or_else(|| format!("nothing at {path:?}"))?;
    }
    Ok(node)
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (node, key) = parent(doc, path)?;
    match node {
        Value::Object(map) => {
            map.insert(key, value);
        }
        Value::Array(items) if key == "-" => items.push(value),
        Value::Array(items) => {
            let i = array_index(&key, items.len() + 1, path)?;
            items.insert(i, value);
        }
        _ => return Err(format!("{path:?}: the parent is not an object or array")),
    }
    Ok(())
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let (node, key) = parent(doc, path)?;
    match node {
        Value::Object(map) => map.remove(&key),
        Value::Array(items) => {
            let i = array_index(&key, items.len(), path)?;
            Some(items.remove(i))
        }
        _ => None,
    }
    .ok_or_else(|| format!("nothing to remove at {path:?}"))
}

/// Applies one JSON Patch operation (checked by [`check_op`]).
pub fn apply(doc: &mut Value, op: &Value) -> Result<(), String> {
    let field = |key: &str| {
        op.get(key)
            .ok_or_else(|| format!("the operation {op} has no {key:?}"))
    };
    let path = field("path")?
        .as_str()
        .ok_or("an operation's path is a string")?;
    let from = || {
        field("from")?
            .as_str()
            .ok_or_else(|| "an operation's from is a string".to_owned())
    };
    match field("op")?.as_str().unwrap_or_default() {
        "add" => add(doc, path, field("value")?.clone()),
        "remove" => remove(doc, path).map(|_| ()),
        "replace" => {
            get(doc, path)?;
            if path.is_empty() {
                *doc = field("value")?.clone();
                return Ok(());
            }
            remove(doc, path)?;
            add(doc, path, field("value")?.clone())
        }
        "move" => {
            let from = from()?;
            if path.starts_with(&format!("{from}/")) {
                return Err(format!("cannot move {from:?} into itself ({path:?})"));
            }
            let value = remove(doc, from)?;
            add(doc, path, value)
        }
        "copy" => {
            let value = get(doc, from()?)?.clone();
            add(doc, path, value)
        }
        "test" => {
            let want = field("value")?;
            let got = get(doc, path)?;
            if got == want {
                Ok(())
            } else {
                Err(format!("test failed: {path:?} holds {got}, not {want}"))
            }
        }
        other => Err(format!("unknown op {other:?}")),
    }
}

// ---------------------------------------------------------------------------------------------
// Running a case through the engine.

fn framework_of(doc: &Document) -> Result<Framework, Vec<Diagnostic>> {
    match doc {
        Document::Value(v) => cxzy_core::read::document_from_value(v),
        Document::Text(t) => cxzy_core::read::document(t),
    }
}

fn prepared(doc: &Document) -> Result<Prepared, Vec<Diagnostic>> {
    Prepared::new(framework_of(doc)?)
}

fn result_of(doc: &Document) -> Result<ResultSummary, Vec<Diagnostic>> {
    match doc {
        Document::Value(v) => result_from_value(v),
        Document::Text(t) => result_from_str(t),
    }
}

fn pairs(errors: &[Diagnostic]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|d| (d.code.as_str().to_owned(), d.path.clone()))
        .collect()
}

fn base_document(name: &str) -> Result<Document, String> {
    base(name).map(Document::Value)
}

fn base_prepared() -> Result<Prepared, String> {
    prepared(&base_document("framework")?).map_err(|e| format!("the base framework: {e:?}"))
}

/// The diagnostics the engine reports for a case's input (empty when it is valid); `Err` when the
/// case cannot be run (a document that does not build, an entry point that disagrees with itself).
pub fn diagnostics(case: &Case) -> Result<Vec<Diagnostic>, String> {
    let doc = |member: &str| {
        case.document(member)?
            .ok_or_else(|| format!("the case gives no {member}"))
    };
    Ok(match case.check {
        Check::Framework => prepared(&doc("framework")?).err().unwrap_or_default(),
        Check::Assessment => {
            let framework = match case.document("framework")? {
                Some(d) => d,
                None => base_document("framework")?,
            };
            let scorer = match prepared(&framework) {
                Ok(s) => s,
                Err(errors) => return Ok(errors),
            };
            let read = match doc("assessment")? {
                Document::Value(v) => assessment_from_value(&v),
                Document::Text(t) => assessment_from_str(&t),
            };
            match read {
                Err(errors) => errors,
                Ok(a) => {
                    let checked = scorer.check(&a);
                    let scored = scorer
                        .score(&a, &ScoreOptions::default())
                        .err()
                        .unwrap_or_default();
                    if pairs(&checked) != pairs(&scored) {
                        return Err(format!(
                            "check and score disagree: check {:?}, score {:?}",
                            pairs(&checked),
                            pairs(&scored)
                        ));
                    }
                    checked
                }
            }
        }
        Check::Result => result_of(&doc("result")?).err().unwrap_or_default(),
        Check::Branch => {
            let scorer = base_prepared()?;
            let mut errors = Vec::new();
            let mut summaries = Vec::new();
            for i in 0..case.result_count() {
                match result_of(&doc(&format!("results/{i}"))?) {
                    Ok(s) => summaries.push(s),
                    Err(e) => errors.extend(e.into_iter().map(|d| d.within(&format!("/{i}")))),
                }
            }
            if !errors.is_empty() {
                return Ok(errors);
            }
            let quota = match &case.excellent_quota {
                Some(q) => Some(
                    parse_quota(q)
                        .ok_or_else(|| format!("excellent_quota {q:?} is not a decimal or n/d"))?,
                ),
                None => None,
            };
            branch(&scorer, &summaries, quota.as_ref())
                .err()
                .unwrap_or_default()
        }
        Check::Trend => {
            let scorer = base_prepared()?;
            let current = match case.document("current")? {
                Some(d) => d,
                None => base_document("result")?,
            };
            let previous = result_of(&doc("previous")?);
            let current = result_of(&current);
            match (previous, current) {
                (Ok(p), Ok(c)) => trend(scorer.framework(), &p, &c).err().unwrap_or_default(),
                (p, c) => {
                    let mut errors: Vec<Diagnostic> = Vec::new();
                    if let Err(e) = p {
                        errors.extend(e.into_iter().map(|d| d.within("/previous")));
                    }
                    if let Err(e) = c {
                        errors.extend(e.into_iter().map(|d| d.within("/current")));
                    }
                    errors
                }
            }
        }
        Check::Json => match doc("json")? {
            Document::Text(t) => parse_json(&t).err().unwrap_or_default(),
            Document::Value(_) => return Err("a json case gives text".into()),
        },
    })
}

/// Runs one case file; `Err` describes every way it disagrees with the engine.
pub fn check(file: &CaseFile) -> Result<(), String> {
    let case = Case::parse(file.file, file.text)?;
    let errors = diagnostics(&case)?;
    let actual = pairs(&errors);
    let mut problems = Vec::new();
    if actual != case.errors {
        let list = |l: &[(String, String)]| {
            if l.is_empty() {
                "    (none)".to_owned()
            } else {
                l.iter()
                    .map(|(c, p)| format!("    {{\"code\": {c:?}, \"path\": {p:?}}}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        problems.push(format!(
            "expected errors:\n{}\n  the engine reports:\n{}",
            list(&case.errors),
            list(&actual)
        ));
    }
    for m in &case.messages {
        for d in errors.iter().filter(|d| d.path == m.path) {
            for (lang, needles) in [(Lang::En, &m.en), (Lang::ZhHans, &m.zh)] {
                let message = d.message(lang);
                for needle in needles.iter().filter(|n| !message.contains(n.as_str())) {
                    problems.push(format!(
                        "the {lang:?} message {message:?} at {:?} does not say {needle:?}",
                        m.path
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

/// The case file named `name` (without `.json`).
pub fn case_file(name: &str) -> Option<&'static CaseFile> {
    CASES
        .iter()
        .find(|c| c.file.strip_suffix(".json") == Some(name))
}

/// Every case that fails, as `name: what went wrong` (not just the first).
pub fn failures() -> Vec<String> {
    CASES
        .iter()
        .filter_map(|f| check(f).err().map(|e| format!("{}: {e}", f.file)))
        .collect()
}

/// Every case file that does not follow the case format, as `name: why`.
pub fn malformed() -> Vec<String> {
    CASES
        .iter()
        .filter_map(|f| {
            Case::parse(f.file, f.text)
                .and_then(|case| {
                    case.specs
                        .iter()
                        .try_for_each(|(member, _)| case.document(member).map(|_| ()))
                })
                .err()
                .map(|e| format!("{}: {e}", f.file))
        })
        .collect()
}
