//! TypeScript declarations of the documents, from their shapes: one `export` per named type
//! reachable from the roots, in the order first met.

use super::{Leaf, Named, Prop, Shape};
use std::fmt::Write as _;

/// The declarations of `roots` and every named type they contain.
pub fn typescript(roots: &[Shape]) -> String {
    let mut out = Declarations {
        done: Vec::new(),
        text: String::new(),
    };
    for root in roots {
        out.visit(root);
    }
    out.text
}

struct Declarations {
    done: Vec<&'static str>,
    text: String,
}

fn comment(doc: &str, indent: &str) -> String {
    if doc.is_empty() {
        String::new()
    } else {
        format!("{indent}/** {} */\n", doc.replace("*/", "* /"))
    }
}

/// A property name as TypeScript needs it written.
fn key(name: &str) -> String {
    let plain = name
        .chars()
        .enumerate()
        .all(|(i, c)| c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()));
    if plain {
        name.to_owned()
    } else {
        format!("\"{name}\"")
    }
}

impl Declarations {
    /// Declares every named type inside `shape`.
    fn visit(&mut self, shape: &Shape) {
        match shape {
            Shape::Named(n) => self.declare(n),
            Shape::Object(props) => props.iter().for_each(|p| self.visit(&p.shape)),
            Shape::Tagged(_, variants) => variants
                .iter()
                .flat_map(|v| &v.props)
                .for_each(|p| self.visit(&p.shape)),
            Shape::Array { items, .. } => self.visit(items),
            Shape::Map(values) => self.visit(values),
            Shape::Strings(_) | Shape::Leaf(_) => {}
        }
    }

    fn declare(&mut self, n: &Named) {
        if self.done.contains(&n.name) {
            return;
        }
        self.done.push(n.name);
        let def = (n.define)();
        let mut text = comment(n.doc, "");
        match &def {
            Shape::Object(props) => {
                let _ = writeln!(text, "export interface {} {{", n.name);
                text.push_str(&members(props, "  "));
                text.push_str("}\n");
            }
            other => {
                let _ = writeln!(text, "export type {} = {};", n.name, expr(other));
            }
        }
        text.push('\n');
        self.text.push_str(&text);
        self.visit(&def);
    }
}

fn members(props: &[Prop], indent: &str) -> String {
    let mut out = String::new();
    for p in props {
        let doc = match p.since {
            1 => p.doc.to_owned(),
            n => format!("(From version {n}.) {}", p.doc),
        };
        out.push_str(&comment(&doc, indent));
        // A field some version lacks, or does not require, is optional in the one declaration.
        let optional = if p.required && p.since == 1 { "" } else { "?" };
        let null = if p.nullable { " | null" } else { "" };
        let _ = writeln!(
            out,
            "{indent}{}{optional}: {}{null};",
            key(p.name),
            expr(&p.shape)
        );
    }
    out
}

/// The type expression of a shape (a named type by its name).
fn expr(shape: &Shape) -> String {
    match shape {
        Shape::Named(n) => n.name.to_owned(),
        Shape::Object(props) => format!("{{\n{}}}", members(props, "  ")),
        Shape::Strings(values) => values
            .iter()
            .map(|(v, _, _)| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(" | "),
        Shape::Tagged(tag, variants) => variants
            .iter()
            .map(|v| {
                let mut m = format!("{}  {tag}: \"{}\";\n", comment(v.doc, "  "), v.name);
                m.push_str(&members(&v.props, "  "));
                format!("{{\n{m}}}")
            })
            .collect::<Vec<_>>()
            .join(" | "),
        Shape::Array { items, .. } => match **items {
            Shape::Named(_) | Shape::Leaf(_) => format!("{}[]", expr(items)),
            _ => format!("({})[]", expr(items)),
        },
        Shape::Map(values) => format!("{{ [key: string]: {} }}", expr(values)),
        Shape::Leaf(leaf) => match leaf {
            Leaf::String | Leaf::Id | Leaf::FrameworkId => "string".into(),
            Leaf::Amount | Leaf::Fraction | Leaf::Date => "string".into(),
            Leaf::Decimal | Leaf::Signed | Leaf::Ceiling | Leaf::Start => "number | string".into(),
            Leaf::Ratio | Leaf::MinRaters => "number | string".into(),
            Leaf::Bool => "boolean".into(),
            Leaf::Int { .. } => "number".into(),
            Leaf::Const(s) => format!("\"{s}\""),
            Leaf::Tag(tags) => tags
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" | "),
            Leaf::Rating => {
                "string | number | boolean | { [event: string]: number } | string[]".into()
            }
        },
    }
}
