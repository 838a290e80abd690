//! The documents that cross every boundary (spec §2), written once: each type's definition and
//! its `#[cxzy(...)]` attributes are the shape its reader, writer and schemas follow
//! (`#[derive(Read, Write, Describe)]`, crate `cxzy-derive`).

pub mod assessment;
pub mod branch;
pub mod framework;
pub mod result;
pub mod trend;

pub use assessment::*;
pub use branch::*;
pub use framework::*;
pub use result::*;
pub use trend::*;

use crate::diag::Lang;
use crate::exact::Exact;
use crate::read::{Read, Reader};
use crate::shape::{Describe, Leaf, Shape};
use cxzy_derive::{Describe, Write};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::rc::Rc;

/// An identifier shared between a framework, its assessments and results; cheap to clone.
pub type Id = Rc<str>;

/// Calendar dates are ISO `YYYY-MM-DD`.
pub type Date = chrono::NaiveDate;

/// Reads an ISO date: exactly `YYYY-MM-DD` (digits and dashes there, no sign, no spaces) naming a
/// day that exists. By hand rather than chrono's format parser, which would add its whole
/// strftime machinery to the WASM for one fixed shape.
pub fn iso_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { s.get(range)?.parse().ok() };
    let year = i32::try_from(number(0..4)?).ok()?;
    Date::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// A decimal with at most 2 fractional digits, 0 <= x <= 100000 (SPEC 2.1), held in hundredths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Decimal(i64);

impl Decimal {
    pub const MAX_CENTS: i64 = 10_000_000;

    /// From hundredths; `None` outside 0..=100000.
    pub fn from_cents(cents: i64) -> Option<Decimal> {
        (0..=Decimal::MAX_CENTS)
            .contains(&cents)
            .then_some(Decimal(cents))
    }

    /// A whole number of points; `None` outside 0..=100000.
    pub fn from_int(n: i64) -> Option<Decimal> {
        n.checked_mul(100).and_then(Decimal::from_cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn exact(self) -> Exact {
        Exact::cents(self.0)
    }

    /// Canonical decimal form: `10`, `2.5`, `3.33`.
    pub fn canonical(self) -> String {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        }
    }

    /// Fixed two-decimal form: `10.00`.
    pub fn fixed2(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Decimal {
    /// A JSON number in canonical form. Through serde_json (arbitrary_precision) the digits are
    /// written as they are; other serialisers receive the nearest double, whose shortest form is
    /// the same two-decimal number for every value in range.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            // Exact decimal digits, not arithmetic: the text is parsed, never computed on.
            let number: f64 = self.canonical().parse().unwrap_or_default();
            serializer.serialize_f64(number)
        }
    }
}

/// A text in the three languages; zh-Hans is required (not blank), the others fall back to it.
#[derive(Clone, Debug, PartialEq, Eq, Default, Write, Describe)]
pub struct Text {
    /// 简体中文 (required, not blank).
    #[cxzy(rename = "zh-Hans")]
    pub zh_hans: String,
    /// 繁體中文; zh-Hans when absent.
    #[cxzy(rename = "zh-Hant")]
    pub zh_hant: Option<String>,
    /// English; zh-Hans when absent.
    pub en: Option<String>,
}

impl Text {
    pub fn zh(text: impl Into<String>) -> Text {
        Text {
            zh_hans: text.into(),
            zh_hant: None,
            en: None,
        }
    }

    /// The text in `lang`, falling back to zh-Hans.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => self.zh_hant.as_deref().unwrap_or(&self.zh_hans),
            Lang::En => self.en.as_deref().unwrap_or(&self.zh_hans),
        }
    }
}

macro_rules! schema_tag {
    ($(#[$doc:meta])* $name:ident = $tag:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $name;

        impl $name {
            pub const TAG: &'static str = $tag;
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($tag)
            }
        }

        impl Read for $name {
            fn read(r: &mut Reader, v: &Value, p: &str) -> Option<Self> {
                r.schema_tag(v, p, $tag).map(|()| $name)
            }
        }

        impl Describe for $name {
            fn shape() -> Shape {
                Shape::Leaf(Leaf::Const($tag))
            }
        }
    };
}

/// Writes `name: "87.50"` and, where the value is not a 2-decimal number, `name_exact: "n/d"`
/// (spec §2.4); what `#[cxzy(amount)]` fields are written with.
pub fn write_amount<S: SerializeStruct>(
    s: &mut S,
    name: &'static str,
    exact_name: &'static str,
    value: &Exact,
) -> Result<(), S::Error> {
    match value.fixed2() {
        Some(fixed) => s.serialize_field(name, &fixed)?,
        None => s.serialize_field(name, &value.to_fixed2())?,
    }
    if !value.is_two_decimal() {
        s.serialize_field(exact_name, &value.to_fraction())?;
    }
    Ok(())
}

/// Like [`write_amount`] for an optional value: `null` when absent.
pub fn write_opt_amount<S: SerializeStruct>(
    s: &mut S,
    name: &'static str,
    exact_name: &'static str,
    value: Option<&Exact>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => write_amount(s, name, exact_name, v),
        None => s.serialize_field(name, &None::<String>),
    }
}

schema_tag!(
    /// `"cxzy/framework@1"`
    FrameworkSchema = "cxzy/framework@1"
);
schema_tag!(
    /// `"cxzy/assessment@1"`
    AssessmentSchema = "cxzy/assessment@1"
);
schema_tag!(
    /// `"cxzy/result@1"`
    ResultSchema = "cxzy/result@1"
);
schema_tag!(
    /// `"cxzy/trend@1"`
    TrendSchema = "cxzy/trend@1"
);
schema_tag!(
    /// `"cxzy/branch@1"`
    BranchSchema = "cxzy/branch@1"
);
schema_tag!(
    /// `"cxzy/catalogue@1"`
    CatalogueSchema = "cxzy/catalogue@1"
);
