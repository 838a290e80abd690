//! bytes → UTF-8 → the documents' reader (`cxzy_core::read`), held to serde_json:
//! - the tape (`read::json::Tape`) accepts exactly the texts serde_json accepts, and reads the
//!   same value (strings decoded alike, numbers as written, a key written twice: the last);
//! - a document reads the same from its text as from serde_json's value of it (keys sorted, each
//!   once): the same document, or the same errors (as a set: their order follows the keys'),
//!   for a framework, an assessment and a result, whenever no object writes a key twice.
#![no_main]

use cxzy_core::read::json::{Kind, Node, Tape};
use cxzy_core::read::{document, document_from_value, Read};
use cxzy_core::diag::MAX_ERRORS;
use cxzy_core::{Assessment, Code, Diagnostic, Framework, ResultSummary};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn to_value(n: Node<'_>) -> Value {
    match n.kind() {
        Kind::Null => Value::Null,
        Kind::Bool => Value::Bool(n.as_bool().expect("a boolean")),
        Kind::Number => {
            let text = n.as_number().expect("a number");
            let v: Value = serde_json::from_str(text).expect("a number the tape read parses");
            // The tape keeps the text as written; serde_json writes an exponent as `e+N`/`e-N`.
            let mut serde_form = String::new();
            let mut rest = text.chars().peekable();
            while let Some(c) = rest.next() {
                if c == 'e' || c == 'E' {
                    serde_form.push('e');
                    if !matches!(rest.peek(), Some('+' | '-')) {
                        serde_form.push('+');
                    }
                } else {
                    serde_form.push(c);
                }
            }
            assert_eq!(v.to_string(), serde_form, "a number is kept as written");
            v
        }
        Kind::String => Value::String(n.as_str().expect("a string").to_owned()),
        Kind::Array => Value::Array(n.items().map(to_value).collect()),
        Kind::Object => Value::Object(n.members().map(|(k, v)| (k.to_owned(), to_value(v))).collect()),
    }
}

/// A value's text as written (`Node::raw`) reads as the value; only a string with escapes has none.
fn raw_is_as_written(n: Node<'_>) {
    match n.raw() {
        Some(raw) => {
            let again = Tape::parse(raw).expect("a value's text is JSON");
            assert_eq!(to_value(again.root()), to_value(n), "the text of a value: {raw:?}");
        }
        None => assert_eq!(n.kind(), Kind::String, "only an escaped string has no text"),
    }
    n.items().for_each(raw_is_as_written);
    n.members().for_each(|(_, v)| raw_is_as_written(v));
}

fn unique_keys(n: Node<'_>) -> bool {
    match n.kind() {
        Kind::Array => n.items().all(unique_keys),
        Kind::Object => {
            let mut keys: Vec<&str> = n.members().map(|(k, _)| k).collect();
            keys.sort_unstable();
            keys.windows(2).all(|w| w[0] != w[1]) && n.members().all(|(_, v)| unique_keys(v))
        }
        _ => true,
    }
}

fn pairs(errors: &[Diagnostic]) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> =
        errors.iter().map(|d| (format!("{:?}", d.code), d.path.clone())).collect();
    p.sort();
    p
}

fn same<T: Read + PartialEq + std::fmt::Debug>(text: &str, value: &Value) {
    let a = document::<T>(text);
    let b = document_from_value::<T>(value);
    match (a, b) {
        (Ok(x), Ok(y)) => assert_eq!(x, y, "the same document from text and from value"),
        // Past MAX_ERRORS the lists stop (spec §4.5), each at its own first 1,000 (the value's
        // keys are sorted): both stop, with one too_many.
        (Err(x), Err(y)) if x.len() > MAX_ERRORS || y.len() > MAX_ERRORS => {
            for list in [&x, &y] {
                assert_eq!(list.len(), MAX_ERRORS + 1, "both lists of errors stop at the bound");
                assert_eq!(list[MAX_ERRORS].code, Code::TooMany);
            }
        }
        (Err(x), Err(y)) => assert_eq!(pairs(&x), pairs(&y), "the same errors from text and from value"),
        (x, y) => panic!("text and value disagree: {x:?} / {y:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = Tape::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    let (tape, value) = match (ours, theirs) {
        (Ok(t), Ok(v)) => (t, v),
        (Err(_), Err(_)) => {
            // The reader's error is serde_json's.
            assert!(document::<Assessment>(text).is_err());
            return;
        }
        (t, v) => panic!("the tape and serde_json disagree on {text:?}: {:?} / {:?}", t.err(), v.err()),
    };
    assert_eq!(to_value(tape.root()), value, "the tape reads what serde_json reads");
    raw_is_as_written(tape.root());
    if !unique_keys(tape.root()) {
        let _ = document::<Framework>(text);
        let _ = document::<Assessment>(text);
        let _ = document::<ResultSummary>(text);
        return;
    }
    same::<Framework>(text, &value);
    same::<Assessment>(text, &value);
    same::<ResultSummary>(text, &value);
});
