//! A JSON Schema (draft 2020-12) of a document, from its shape: for editors' completion and for
//! portals in other languages. It says what the reader checks field by field (spec §4.1); the
//! rules across fields (spec §4.2, §4.3) are beyond a schema and stay the engine's.

use super::{Leaf, Named, Prop, Shape};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The schema of version `version` of the document whose shape is `root` (a named type), with
/// `id` as its `$id`: fields and variants of later versions are left out.
pub fn json_schema(root: &Shape, id: &str, version: u8) -> Value {
    let mut defs = Defs {
        version,
        done: BTreeMap::new(),
    };
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
    if !defs.done.is_empty() {
        out.insert(
            "$defs".into(),
            Value::Object(
                defs.done
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
            ),
        );
    }
    Value::Object(out)
}

/// The definitions met so far, for one version of a document.
struct Defs {
    version: u8,
    done: BTreeMap<&'static str, Value>,
}

fn definition(n: &Named, defs: &mut Defs) -> Value {
    let mut body = schema(&(n.define)(), defs);
    if let (Value::Object(m), false) = (&mut body, n.doc.is_empty()) {
        m.insert("description".into(), Value::String(n.doc.to_owned()));
    }
    body
}

fn schema(shape: &Shape, defs: &mut Defs) -> Value {
    let version = defs.version;
    match shape {
        Shape::Named(n) => {
            if !defs.done.contains_key(n.name) {
                // Reserve the name first: a type may contain itself.
                defs.done.insert(n.name, Value::Null);
                let body = definition(n, defs);
                defs.done.insert(n.name, body);
            }
            json!({ "$ref": format!("#/$defs/{}", n.name) })
        }
        Shape::Object(props) => object(props, None, defs),
        Shape::Strings(values) => {
            let values: Vec<_> = values.iter().filter(|(_, _, v)| *v <= version).collect();
            let names: Vec<&str> = values.iter().map(|(n, _, _)| *n).collect();
            let mut m = Map::new();
            m.insert("type".into(), json!("string"));
            m.insert("enum".into(), json!(names));
            let docs: Vec<String> = values
                .iter()
                .filter(|(_, d, _)| !d.is_empty())
                .map(|(n, d, _)| format!("{n}: {d}"))
                .collect();
            if !docs.is_empty() {
                m.insert("description".into(), Value::String(docs.join("; ")));
            }
            Value::Object(m)
        }
        Shape::Tagged(tag, variants) => {
            let one_of: Vec<Value> = variants
                .iter()
                .filter(|v| v.since <= version)
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
        Shape::Leaf(Leaf::Tag(tags)) => {
            json!({ "const": tags.get(usize::from(version).saturating_sub(1)).copied().unwrap_or_default() })
        }
        Shape::Leaf(leaf) => self::leaf(*leaf, version),
    }
}

/// An object of `props` (and, for a variant of a tagged type, its tag first), no other keys.
fn object(props: &[Prop], tag: Option<(&str, &str)>, defs: &mut Defs) -> Value {
    let version = defs.version;
    let mut properties = Map::new();
    let mut required = Vec::new();
    if let Some((tag, name)) = tag {
        properties.insert(tag.to_owned(), json!({ "const": name }));
        required.push(tag.to_owned());
    }
    for p in props.iter().filter(|p| p.since <= version) {
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
        if p.required_in(version) {
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

fn leaf(leaf: Leaf, version: u8) -> Value {
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
        Leaf::Signed => json!({
            "anyOf": [
                { "type": "number", "minimum": -100000, "maximum": 100000 },
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,2})?$" },
            ],
        }),
        // Version 1 knows no fractions.
        Leaf::Ratio if version < 2 => json!({ "type": "integer", "minimum": 0, "maximum": 100 }),
        Leaf::MinRaters if version < 2 => json!({
            "type": "integer",
            "minimum": 1,
            "maximum": crate::read::MAX_SHEETS,
        }),
        Leaf::Ratio => json!({
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 100 },
                { "type": "string", "pattern": "^[0-9]+/[1-9][0-9]*$" },
            ],
        }),
        Leaf::MinRaters => json!({
            "anyOf": [
                { "type": "integer", "minimum": 1, "maximum": crate::read::MAX_SHEETS },
                { "type": "string", "pattern": "^[0-9]+/[1-9][0-9]*$" },
            ],
        }),
        Leaf::Start => json!({
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 100000 },
                { "type": "string", "pattern": "^([0-9]+(\\.[0-9]{1,2})?|full|zero)$" },
            ],
        }),
        Leaf::Ceiling => json!({
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 100000 },
                { "type": "string", "pattern": "^([0-9]+(\\.[0-9]{1,2})?|none)$" },
            ],
        }),
        Leaf::Fraction => json!({ "type": "string", "pattern": "^-?[0-9]+/[0-9]+$" }),
        Leaf::Date => json!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        }),
        Leaf::Bool => json!({ "type": "boolean" }),
        Leaf::Int { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Leaf::Const(s) => json!({ "const": s }),
        Leaf::Tag(tags) => json!({ "enum": tags }),
        Leaf::Rating if version >= 2 => json!({
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "boolean" },
                { "type": "number", "minimum": 0 },
                { "type": "object", "additionalProperties": { "type": "integer", "minimum": 0 } },
                { "type": "array", "items": { "type": "string", "minLength": 1 } },
            ],
        }),
        Leaf::Rating => json!({
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "boolean" },
                { "type": "number", "minimum": 0 },
            ],
        }),
    }
}
