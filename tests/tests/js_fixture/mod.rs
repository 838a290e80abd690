//! The validation cases as data for the JS API's tests (`tests/js/validation.test.mjs`), so that
//! the Node tests check the package against exactly these inputs and these errors.
//!
//! The helpers of `validation.rs` call [`record`] with each document they read and the errors the
//! engine gave. [`the_fixture_is_current`] runs every test of `validation.rs` (the list comes from
//! `build.rs`) with recording on, and compares the cases with `tests/fixtures/validation-cases.json`:
//! a new, changed or removed case fails until the fixture is rewritten with `CXZY_BLESS=1`.
//!
//! Documents are stored compactly: as operations on the base documents (`["set", pointer, value]`,
//! `["remove", pointer]`), long runs as `{"$repeat": x, "times": n}` (a string or array item, with
//! `"index": "{i}"` when the items differ only by their index), long strings as
//! `{"$concat": [...]}`. A document whose numbers JavaScript would not write back the same way
//! (`1e2`, 21 digits) is stored as its JSON text, which the Node test passes as it is.

use cxzy_core::{Diagnostic, Lang};
use serde_json::{json, Map, Value};
use std::cell::RefCell;

thread_local! {
    static RECORDING: RefCell<Option<Vec<Value>>> = const { RefCell::new(None) };
}

/// Whether a fixture run is collecting: the helpers build the fixture's documents only then.
pub fn recording() -> bool {
    RECORDING.with(|cell| cell.borrow().is_some())
}

/// Records one case when a fixture run is collecting (a no-op in the ordinary test run).
pub fn record(call: &str, documents: Vec<(&str, Value)>, errors: &[Diagnostic]) {
    RECORDING.with(|cell| {
        if let Some(cases) = cell.borrow_mut().as_mut() {
            let mut case = Map::new();
            case.insert("call".into(), json!(call));
            for (name, doc) in documents {
                case.insert(name.into(), doc);
            }
            case.insert(
                "errors".into(),
                errors
                    .iter()
                    .map(|d| {
                        json!({
                            "code": d.code.as_str(),
                            "path": d.path,
                            "en": d.message(Lang::En),
                            "zh": d.message(Lang::ZhHans),
                        })
                    })
                    .collect(),
            );
            cases.push(Value::Object(case));
        }
    });
}

/// Runs `test` with recording on and returns what it recorded (native only: the fixture test).
#[cfg(not(target_arch = "wasm32"))]
pub fn collect(test: fn()) -> Vec<Value> {
    RECORDING.with(|cell| *cell.borrow_mut() = Some(Vec::new()));
    test();
    RECORDING.with(|cell| cell.borrow_mut().take().unwrap_or_default())
}

/// A document for the fixture: operations on `base` (named `base_name`), or the whole value, or
/// its JSON text when JavaScript would change one of its numbers.
/// Asserts that the stored form rebuilds exactly (as the Node test rebuilds it).
pub fn document(doc: &Value, base: Option<(&str, &Value)>) -> Value {
    // A string would be taken for JSON text by the API: it is stored as the text of its JSON.
    let stored = if !js_safe(doc) || doc.is_string() {
        let text = serde_json::to_string(doc).unwrap_or_default();
        json!({"text": encode(&Value::String(text))})
    } else {
        match base {
            Some((name, base)) => {
                let mut ops = Vec::new();
                diff(base, doc, "", &mut ops);
                json!({"base": name, "ops": ops})
            }
            None => json!({"value": encode(doc)}),
        }
    };
    let bases: Map<String, Value> = base
        .map(|(name, v)| (name.to_owned(), v.clone()))
        .into_iter()
        .collect();
    assert!(
        rebuild(&stored, &bases) == *doc,
        "the fixture form of a document does not rebuild it"
    );
    stored
}

/// A document given as JSON text (asserted to rebuild exactly).
pub fn text(text: &str) -> Value {
    let stored = json!({"text": encode(&Value::String(text.to_owned()))});
    assert!(
        decode(&stored["text"]).as_str() == Some(text),
        "the fixture form of a text does not rebuild it"
    );
    stored
}

/// Whether every number in `v` is one that `JSON.stringify(JSON.parse(n))` writes back unchanged:
/// plain decimals of at most 15 significant digits, no exponent, no trailing fractional zeros.
fn js_safe(v: &Value) -> bool {
    match v {
        Value::Number(n) => {
            let s = n.to_string();
            let unsigned = s.strip_prefix('-').unwrap_or(&s);
            let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            let digits = int.trim_start_matches('0').len() + frac.len();
            !s.contains(['e', 'E'])
                && s != "-0"
                && !int.is_empty()
                && (int == "0" || !int.starts_with('0'))
                && !frac.ends_with('0')
                && (frac.is_empty() || !frac.is_empty() && frac.len() <= 6)
                && digits <= 15
        }
        Value::Array(items) => items.iter().all(js_safe),
        Value::Object(map) => map.values().all(js_safe),
        _ => true,
    }
}

fn pointer(parent: &str, token: &str) -> String {
    format!("{parent}/{}", cxzy_core::diag::pointer_token(token))
}

/// The operations that turn `base` into `doc`: objects key by key, arrays of the same length
/// item by item, anything else replaced whole (so no operation shifts an array index).
fn diff(base: &Value, doc: &Value, path: &str, ops: &mut Vec<Value>) {
    match (base, doc) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                ops.push(json!(["remove", pointer(path, key)]));
            }
            for (key, value) in b {
                match a.get(key) {
                    Some(old) => diff(old, value, &pointer(path, key), ops),
                    None => ops.push(json!(["set", pointer(path, key), encode(value)])),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (old, new)) in a.iter().zip(b).enumerate() {
                diff(old, new, &format!("{path}/{i}"), ops);
            }
        }
        _ if base == doc => {}
        _ => ops.push(json!(["set", path, encode(doc)])),
    }
}

const LONG: usize = 256;

/// The compact form of a value (see the module comment); `decode` inverts it.
fn encode(v: &Value) -> Value {
    match v {
        Value::String(s) if s.chars().count() > LONG => encode_string(s),
        Value::Array(items) if items.len() > LONG => encode_array(items),
        Value::Array(items) => Value::Array(items.iter().map(encode).collect()),
        Value::Object(map) => {
            assert!(
                !map.keys().any(|k| k.starts_with('$')),
                "a document key starting with $ would be read as an encoding"
            );
            Value::Object(map.iter().map(|(k, v)| (k.clone(), encode(v))).collect())
        }
        other => other.clone(),
    }
}

/// Runs of one character longer than 64 become `$repeat`s, the rest stays literal.
fn encode_string(s: &str) -> Value {
    let chars: Vec<char> = s.chars().collect();
    let mut pieces: Vec<Value> = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        if run > 64 {
            if !literal.is_empty() {
                pieces.push(Value::String(std::mem::take(&mut literal)));
            }
            pieces.push(json!({"$repeat": c.to_string(), "times": run}));
        } else {
            literal.extend(std::iter::repeat_n(c, run));
        }
        i += run;
    }
    if !literal.is_empty() {
        pieces.push(Value::String(literal));
    }
    match pieces.as_slice() {
        [Value::String(_)] => Value::String(s.to_owned()),
        [single] => single.clone(),
        _ => json!({ "$concat": pieces }),
    }
}

/// An array of one repeated item, or of items that differ only by their index, as a `$repeat`.
fn encode_array(items: &[Value]) -> Value {
    let first = &items[0];
    if items.iter().all(|x| x == first) {
        return json!({"$repeat": encode(first), "times": items.len()});
    }
    // A template: the last item's text with its index (written in full) replaced by {i}.
    let last = items.len() - 1;
    let last_text = serde_json::to_string(&items[last]).unwrap_or_default();
    let template = last_text.replace(&last.to_string(), "{i}");
    let fits = template.contains("{i}")
        && items.iter().enumerate().all(|(i, item)| {
            serde_json::to_string(item).ok() == Some(template.replace("{i}", &i.to_string()))
        });
    match (fits, serde_json::from_str::<Value>(&template)) {
        (true, Ok(t)) => json!({"$repeat": encode(&t), "times": items.len(), "index": "{i}"}),
        _ => Value::Array(items.iter().map(encode).collect()),
    }
}

/// The inverse of [`encode`] (checked on every case before the fixture is written).
pub fn decode(v: &Value) -> Value {
    match v {
        Value::Object(map) if map.contains_key("$repeat") => {
            let times = map.get("times").and_then(Value::as_u64).unwrap_or(0) as usize;
            match (map.get("$repeat"), map.get("index")) {
                (Some(Value::String(s)), None) => Value::String(s.repeat(times)),
                (Some(item), None) => Value::Array(vec![decode(item); times]),
                (Some(item), Some(_)) => {
                    let text = serde_json::to_string(&decode(item)).unwrap_or_default();
                    Value::Array(
                        (0..times)
                            .map(|i| {
                                serde_json::from_str(&text.replace("{i}", &i.to_string()))
                                    .unwrap_or(Value::Null)
                            })
                            .collect(),
                    )
                }
                _ => Value::Null,
            }
        }
        Value::Object(map) if map.contains_key("$concat") => {
            let mut out = String::new();
            for piece in map
                .get("$concat")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Value::String(s) = decode(piece) {
                    out.push_str(&s);
                }
            }
            Value::String(out)
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), decode(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(decode).collect()),
        other => other.clone(),
    }
}

/// Applies a document of the fixture to the bases, as the Node test does (checked in Rust too).
pub fn rebuild(doc: &Value, bases: &Map<String, Value>) -> Value {
    if let Some(text) = doc.get("text") {
        let text = decode(text);
        return match serde_json::from_str::<Value>(text.as_str().unwrap_or_default()) {
            Ok(v) => v,
            Err(_) => text,
        };
    }
    if let Some(value) = doc.get("value") {
        return decode(value);
    }
    let name = doc.get("base").and_then(Value::as_str).unwrap_or_default();
    let mut out = bases.get(name).cloned().unwrap_or(Value::Null);
    for op in doc
        .get("ops")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let path = op.get(1).and_then(Value::as_str).unwrap_or_default();
        match op.get(0).and_then(Value::as_str) {
            Some("set") if path.is_empty() => out = decode(&op[2]),
            Some("set") => {
                let (parent, key) = path.rsplit_once('/').unwrap_or_default();
                let key = key.replace("~1", "/").replace("~0", "~");
                match out.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.insert(key, decode(&op[2]));
                    }
                    Some(Value::Array(items)) => {
                        if let Some(slot) = key.parse::<usize>().ok().and_then(|i| items.get_mut(i))
                        {
                            *slot = decode(&op[2]);
                        }
                    }
                    _ => {}
                }
            }
            Some("remove") => {
                let (parent, key) = path.rsplit_once('/').unwrap_or_default();
                let key = key.replace("~1", "/").replace("~0", "~");
                if let Some(Value::Object(map)) = out.pointer_mut(parent) {
                    map.remove(&key);
                }
            }
            _ => {}
        }
    }
    out
}
