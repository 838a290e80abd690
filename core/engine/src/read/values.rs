//! Values read by a rule of their own (spec §2.1, §2.2): each a module with `read` and `shape`,
//! named by its field's `#[cxzy(with = …)]`.

/// A framework id: `[a-z0-9][a-z0-9._-]{0,63}` (spec §2.1).
pub mod framework_id {
    use crate::diag::Code;
    use crate::model::Id;
    use crate::read::Reader;
    use crate::shape::{Leaf, Shape};
    use serde_json::Value;
    use std::rc::Rc;

    pub fn read(r: &mut Reader, v: &Value, path: &str) -> Option<Id> {
        let s = r.string(v, path)?;
        let bytes = s.as_bytes();
        let first_ok = bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let rest_ok = bytes
            .iter()
            .skip(1)
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(b));
        if first_ok && rest_ok && bytes.len() <= 64 {
            Some(Rc::from(s))
        } else {
            r.err(
                Code::InvalidId,
                path,
                format!("\"{s}\" is not a valid framework id: lowercase letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit"),
                format!("「{s}」不是有效的标准标识:只能由小写字母、数字、「.」「_」「-」组成,以字母或数字开头,至多 64 个字符"),
            );
            None
        }
    }

    pub fn shape() -> Shape {
        Shape::Leaf(Leaf::FrameworkId)
    }
}

/// A source's weight: a Decimal above 0 (spec §2.2).
pub mod weight {
    use crate::diag::Code;
    use crate::model::Decimal;
    use crate::read::Reader;
    use crate::shape::{Describe, Shape};
    use serde_json::Value;

    pub fn read(r: &mut Reader, v: &Value, path: &str) -> Option<Decimal> {
        let w = r.decimal(v, path)?;
        if w.cents() == 0 {
            r.err(
                Code::OutOfRange,
                path,
                format!(
                    "a source's weight must be more than 0, found {}",
                    w.canonical()
                ),
                format!("评议主体的权重必须大于 0,实为 {}", w.canonical()),
            );
            return None;
        }
        Some(w)
    }

    pub fn shape() -> Shape {
        Decimal::shape()
    }
}

/// A name as written (a rater's): any text, kept as a shared string.
pub mod name {
    use crate::model::Id;
    use crate::read::Reader;
    use crate::shape::{Leaf, Shape};
    use serde_json::Value;
    use std::rc::Rc;

    pub fn read(r: &mut Reader, v: &Value, path: &str) -> Option<Id> {
        r.string(v, path).map(Rc::from)
    }

    pub fn shape() -> Shape {
        Shape::Leaf(Leaf::String)
    }
}
