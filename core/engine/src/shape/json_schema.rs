//! A JSON Schema (draft 2020-12) of a document, from its shape: for editors' completion and for
//! portals in other languages. It says what the reader checks field by field (spec §4.1); the
//! rules across fields (spec §4.2, §4.3) are beyond a schema and stay the engine's.

use super::{Leaf, Named, Prop, Shape};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The schema of the document whose shape is `root` (a named type), with `id` as its `$id`.
pub fn json_schema(root: &Shape, id: &str) -> Value {
    let mut defs = BTreeMap::new();
    let body = match root {
        Shape::Named(n) => {
            let mut body = definition(n, &mut defs);
            if let Value::Object(m) = &mut body {
                m.insert("title".into(), Value::String(n.name.to_owned()));
            }
            body
        }
        other => schema(other, &mut defs),
    };
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    out.insert("$id".into(), Value::String(id.to_owned()));
    if let Value::Object(m) = body {
        out.extend(m);
    }
    if !defs.is_empty() {
        out.insert(
            "$defs".into(),
            Value::Object(defs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()),
        );
    }
    Value::Object(out)
}

fn definition(n: &Named, defs: &mut BTreeMap<&'static str, Value>) -> Value {
    let mut body = schema(&(n.define)(), defs);
    if let (Value::Object(m), false) = (&mut body, n.doc.is_empty()) {
        m.insert("description".into(), Value::String(n.doc.to_owned()));
    }
    body
}

fn schema(shape: &Shape, defs: &mut BTreeMap<&'static str, Value>) -> Value {
    match shape {
        Shape::Named(n) => {
            if !defs.contains_key(n.name) {
                // Reserve the name first: a type may contain itself.
                defs.insert(n.name, Value::Null);
                let body = definition(n, defs);
                defs.insert(n.name, body);
            }
            json!({ "$ref": format!("#/$defs/{}", n.name) })
        }
        Shape::Object(props) => object(props, None, defs),
        Shape::Strings(values) => {
            let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
            let mut m = Map::new();
            m.insert("type".into(), json!("string"));
            m.insert("enum".into(), json!(names));
            let docs: Vec<String> = values
                .iter()
                .filter(|(_, d)| !d.is_empty())
                .map(|(n, d)| format!("{n}: {d}"))
                .collect();
            if !docs.is_empty() {
                m.insert("description".into(), Value::String(docs.join("; ")));
            }
            Value::Object(m)
        }
        Shape::Tagged(tag, variants) => {
            let one_of: Vec<Value> = variants
                .iter()
                .map(|v| {
                    let mut s = object(&v.props, Some((tag, v.name)), defs);
                    if let (Value::Object(m), false) = (&mut s, v.doc.is_empty()) {
                        m.insert("description".into(), Value::String(v.doc.to_owned()));
                    }
                    s
                })
                .collect();
            json!({ "oneOf": one_of })
        }
        Shape::Array { items, max_items } => {
            let mut m = Map::new();
            m.insert("type".into(), json!("array"));
            m.insert("items".into(), schema(items, defs));
            if let Some(n) = max_items {
                m.insert("maxItems".into(), json!(n));
            }
            Value::Object(m)
        }
        Shape::Map(values) => json!({
            "type": "object",
            "additionalProperties": schema(values, defs),
        }),
        Shape::Leaf(leaf) => self::leaf(*leaf),
    }
}

/// An object of `props` (and, for a variant of a tagged type, its tag first), no other keys.
fn object(
    props: &[Prop],
    tag: Option<(&str, &str)>,
    defs: &mut BTreeMap<&'static str, Value>,
) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    if let Some((tag, name)) = tag {
        properties.insert(tag.to_owned(), json!({ "const": name }));
        required.push(tag.to_owned());
    }
    for p in props {
        let mut s = schema(&p.shape, defs);
        if p.nullable {
            s = json!({ "anyOf": [s, { "type": "null" }] });
        }
        if let Value::Object(m) = &mut s {
            if !p.doc.is_empty() {
                m.insert("description".into(), Value::String(p.doc.to_owned()));
            }
            if let Some(d) = &p.default {
                m.insert("default".into(), d.clone());
            }
        }
        properties.insert(p.name.to_owned(), s);
        if p.required {
            required.push(p.name.to_owned());
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn leaf(leaf: Leaf) -> Value {
    match leaf {
        Leaf::String => json!({ "type": "string" }),
        Leaf::Id => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": crate::read::MAX_ID_CHARS,
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
        }),
        Leaf::FrameworkId => json!({
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$",
        }),
        Leaf::Decimal => json!({
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 100000 },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$" },
            ],
        }),
        Leaf::Amount => json!({ "type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$" }),
        Leaf::Fraction => json!({ "type": "string", "pattern": "^-?[0-9]+/[0-9]+$" }),
        Leaf::Date => json!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        }),
        Leaf::Bool => json!({ "type": "boolean" }),
        Leaf::Int { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Leaf::Const(s) => json!({ "const": s }),
        Leaf::Rating => json!({
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "boolean" },
                { "type": "number", "minimum": 0 },
            ],
        }),
    }
}
