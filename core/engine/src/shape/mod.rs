//! The documents' shapes as data (spec §2): what `#[derive(Describe)]` writes from the model
//! types, and what the JSON Schemas ([`json_schema`]) and the TypeScript declarations
//! ([`typescript`]) are generated from. Nothing here is used while scoring.

mod json_schema;
mod typescript;

pub use json_schema::json_schema;
pub use typescript::typescript;

use crate::diag::{Code, Lang};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A value that can describe its JSON shape.
pub trait Describe {
    fn shape() -> Shape;
}

/// The shape of a JSON value.
#[derive(Clone, Debug)]
pub enum Shape {
    /// A type with a name of its own: a definition in a schema, a declaration in TypeScript.
    Named(Named),
    /// An object with these properties and no others.
    Object(Vec<Prop>),
    /// One of these strings, each with what it means and the document version it exists from.
    Strings(Vec<(&'static str, &'static str, u8)>),
    /// Objects told apart by the string in field `.0`.
    Tagged(&'static str, Vec<Variant>),
    Array {
        items: Box<Shape>,
        max_items: Option<usize>,
    },
    /// An object whose keys are ids and whose values have one shape.
    Map(Box<Shape>),
    Leaf(Leaf),
}

#[derive(Clone, Debug)]
pub struct Named {
    pub name: &'static str,
    pub doc: &'static str,
    pub define: fn() -> Shape,
}

#[derive(Clone, Debug)]
pub struct Prop {
    pub name: &'static str,
    pub doc: &'static str,
    pub shape: Shape,
    /// Always present (written every time; a reader may still accept it absent).
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// The value an absent field means.
    pub default: Option<Value>,
    /// The version of the document the field exists from.
    pub since: u8,
    /// Required up to this version, optional after it.
    pub required_until: Option<u8>,
}

impl Prop {
    /// The `<name>_exact` sibling of an amount.
    pub fn exact_sibling(name: &'static str, doc: &'static str, since: u8) -> Prop {
        Prop {
            name,
            doc,
            shape: fraction(),
            required: false,
            nullable: false,
            default: None,
            since,
            required_until: None,
        }
    }

    /// Whether a document of `version` must have this field.
    pub fn required_in(&self, version: u8) -> bool {
        self.required || self.required_until.is_some_and(|n| version <= n)
    }
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub name: &'static str,
    pub doc: &'static str,
    pub props: Vec<Prop>,
    /// The version of the document the variant exists from.
    pub since: u8,
}

/// The values documents are built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    String,
    /// 1–128 characters, no control characters (spec §2.1).
    Id,
    /// `[a-z0-9][a-z0-9._-]{0,63}`.
    FrameworkId,
    /// A JSON number or a string, 0–100000, at most 2 fractional digits as written.
    Decimal,
    /// A result's amount: a string with exactly 2 fractional digits.
    Amount,
    /// A decimal that may be negative.
    Signed,
    /// A whole percent, or a fraction "n/d" (version 2).
    Ratio,
    /// A whole number of raters, or a fraction "n/d" of the eligible (version 2).
    MinRaters,
    /// A Decimal or "none".
    Ceiling,
    /// "full", "zero" or a Decimal.
    Start,
    /// `"n/d"` in lowest terms.
    Fraction,
    /// `YYYY-MM-DD`.
    Date,
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    /// Exactly this string (a schema tag).
    Const(&'static str),
    /// A schema tag: the `n`-th string in version `n` of the document.
    Tag(&'static [&'static str]),
    /// A level id, true/false, a Decimal or "na" (spec §2.3).
    Rating,
}

impl Shape {
    /// A whole number's range (other shapes are unchanged).
    pub fn range(self, min: i64, max: i64) -> Shape {
        match self {
            Shape::Leaf(Leaf::Int { .. }) => Shape::Leaf(Leaf::Int { min, max }),
            other => other,
        }
    }

    /// A list's longest length (other shapes are unchanged).
    pub fn max_items(self, n: usize) -> Shape {
        match self {
            Shape::Array { items, .. } => Shape::Array {
                items,
                max_items: Some(n),
            },
            other => other,
        }
    }

    /// An amount of a result.
    pub fn amount() -> Shape {
        named(
            "Amount",
            "An amount in a result: a string with exactly 2 fractional digits (\"87.50\"), rounded half away from zero; see the sibling <name>_exact.",
            || Shape::Leaf(Leaf::Amount),
        )
    }
}

pub fn named(name: &'static str, doc: &'static str, define: fn() -> Shape) -> Shape {
    Shape::Named(Named { name, doc, define })
}

fn fraction() -> Shape {
    named(
        "Fraction",
        "An exact value \"n/d\" in lowest terms, present where the amount is not a 2-decimal number.",
        || Shape::Leaf(Leaf::Fraction),
    )
}

impl Describe for Rc<str> {
    fn shape() -> Shape {
        Shape::Leaf(Leaf::Id)
    }
}

impl Describe for String {
    fn shape() -> Shape {
        Shape::Leaf(Leaf::String)
    }
}

impl Describe for bool {
    fn shape() -> Shape {
        Shape::Leaf(Leaf::Bool)
    }
}

impl Describe for u8 {
    fn shape() -> Shape {
        Shape::Leaf(Leaf::Int {
            min: 0,
            max: u8::MAX.into(),
        })
    }
}

impl Describe for u32 {
    fn shape() -> Shape {
        Shape::Leaf(Leaf::Int {
            min: 0,
            max: u32::MAX.into(),
        })
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn shape() -> Shape {
        Shape::Array {
            items: Box::new(T::shape()),
            max_items: Some(crate::read::MAX_LIST),
        }
    }
}

impl<T: Describe> Describe for BTreeMap<Rc<str>, T> {
    fn shape() -> Shape {
        Shape::Map(Box::new(T::shape()))
    }
}

impl Describe for Code {
    fn shape() -> Shape {
        named(
            "ErrorCode",
            "What went wrong, as a stable code (spec §4.6).",
            || Shape::Strings(Code::ALL.iter().map(|c| (c.as_str(), "", 1)).collect()),
        )
    }
}

impl Describe for Lang {
    fn shape() -> Shape {
        named(
            "Lang",
            "The language of messages and texts: zh-Hans (the default), zh-Hant, en.",
            || {
                Shape::Strings(vec![
                    ("zh-Hans", "简体中文", 1),
                    ("zh-Hant", "繁體中文", 1),
                    ("en", "English", 1),
                ])
            },
        )
    }
}
