//! The values every document is made of (spec §2.1): ids, dates, Decimals, texts, schema
//! tags, amounts; each with its reader and its shape.

use crate::diag::{Code, Lang};
use crate::exact::Exact;
use crate::read::{Kind, Node, Path, Read, Reader};
use crate::shape::{named, Describe, Leaf, Shape};
use cxzy_derive::{Describe, Write};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::num::NonZeroU64;
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

/// A decimal with at most 2 fractional digits, 0 <= x <= 100000 (spec §2.1), held in hundredths.
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
        canonical_cents(self.0)
    }

    /// Fixed two-decimal form: `10.00`.
    pub fn fixed2(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_cents(self.0, serializer)
    }
}

/// Hundredths in canonical decimal form: `10`, `2.5`, `-3.33` (spec §2.7).
pub(crate) fn canonical_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// Hundredths as a JSON number in canonical form, its digits written as they are: a serde_json
/// `Number` holding the text (arbitrary_precision), so no binary floating point is involved, nor
/// its parsing and printing code in the WASM.
pub(crate) fn serialize_cents<S: Serializer>(cents: i64, serializer: S) -> Result<S::Ok, S::Error> {
    if cents % 100 == 0 {
        serializer.serialize_i64(cents / 100)
    } else {
        match canonical_cents(cents).parse::<serde_json::Number>() {
            Ok(number) => number.serialize(serializer),
            Err(e) => Err(serde::ser::Error::custom(e)),
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

/// A `Text`: `{"zh-Hans": str, "zh-Hant"?: str, "en"?: str}`; zh-Hans is required and not empty.
fn read_text(r: &mut Reader, v: Node<'_>, path: &Path<'_>) -> Option<Text> {
    let map = r.object(v, path, &["zh-Hans", "zh-Hant", "en"])?;
    let zh_hans = match map.get("zh-Hans") {
        Some(v) => r.string(v, &path.key("zh-Hans")).map(str::to_owned),
        None => None,
    };
    let zh_hant = r.optional_field(map, path, "zh-Hant", String::read);
    let en = r.optional_field(map, path, "en", String::read);
    match zh_hans {
        Some(s) if !s.trim().is_empty() => Some(Text {
            zh_hans: s,
            zh_hant: zh_hant?,
            en: en?,
        }),
        _ => {
            // Absent or blank; a text that failed to read (too long, not a string) already said why.
            let blank = match map.get("zh-Hans") {
                None => true,
                Some(v) => v.as_str().is_some_and(|s| s.trim().is_empty()),
            };
            if blank {
                r.err(
                    Code::MissingText,
                    &path.key("zh-Hans"),
                    en!("a zh-Hans text is required"),
                    zh!("缺少简体中文文本(zh-Hans)"),
                );
            }
            None
        }
    }
}

/// A Decimal: a JSON number or string, at most 2 fractional digits, 0 <= x <= 100000.
/// The hundredths of a decimal literal (spec §2.1): a plain decimal, at most 2 fractional
/// digits as written, within `min..=max` hundredths.
pub(crate) fn cents_of_literal(
    r: &mut Reader,
    literal: &str,
    path: &(impl std::fmt::Display + ?Sized),
    min: i64,
    max: i64,
) -> Option<i64> {
    let Some(value) = Exact::parse_decimal(literal) else {
        r.err(
            Code::InvalidDecimal,
            path,
            en!(format!(
                "\"{literal}\" is not a plain decimal number such as 12.5"
            )),
            zh!(format!("「{literal}」不是普通小数(例如 12.5)")),
        );
        return None;
    };
    let cents = value.mul_int(100);
    let written_fraction = literal.split_once('.').map_or(0, |(_, f)| f.len());
    // At most 2 digits as written (spec §2.1) also makes `cents` whole.
    if written_fraction > 2 {
        r.err(
            Code::DecimalPrecision,
            path,
            en!(format!("{literal} has more than 2 fractional digits")),
            zh!(format!("{literal} 的小数位超过 2 位")),
        );
        return None;
    }
    match cents.floor_i64().filter(|c| (min..=max).contains(c)) {
        Some(c) => Some(c),
        None => {
            let (lo, hi) = (min / 100, max / 100);
            r.err(
                Code::OutOfRange,
                path,
                en!(format!("{literal} is outside {lo} to {hi}")),
                zh!(format!("{literal} 超出 {lo} 至 {hi} 的范围")),
            );
            None
        }
    }
}

/// The literal of a JSON number or string, for a decimal (spec §2.1).
pub(crate) fn decimal_literal<'v>(r: &mut Reader, v: Node<'v>, path: &Path<'_>) -> Option<&'v str> {
    match v.kind() {
        Kind::Number => v.as_number(),
        Kind::String => v.as_str(),
        _ => {
            r.wrong_type(path, v, en!("a decimal number"), zh!("数值"));
            None
        }
    }
}

fn read_decimal(r: &mut Reader, v: Node<'_>, path: &Path<'_>) -> Option<Decimal> {
    let literal = decimal_literal(r, v, path)?;
    Decimal::from_literal(r, literal, path)
}

impl Decimal {
    /// A Decimal from its literal (spec §2.1): at most 2 fractional digits as written, 0–100000.
    pub fn from_literal(
        r: &mut Reader,
        literal: &str,
        path: &(impl std::fmt::Display + ?Sized),
    ) -> Option<Decimal> {
        cents_of_literal(r, literal, path, 0, Decimal::MAX_CENTS).map(Decimal)
    }
}

/// An ISO date `YYYY-MM-DD`.
fn read_date(r: &mut Reader, v: Node<'_>, path: &Path<'_>) -> Option<Date> {
    let s = r.string(v, path)?;
    match iso_date(s) {
        Some(d) => Some(d),
        None => {
            r.err(
                Code::InvalidDate,
                path,
                en!(format!("\"{s}\" is not a date in the form YYYY-MM-DD")),
                zh!(format!("「{s}」不是 YYYY-MM-DD 格式的有效日期")),
            );
            None
        }
    }
}

impl Read for Decimal {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        read_decimal(r, v, p)
    }
}

impl Read for Date {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        read_date(r, v, p)
    }
}

impl Read for Text {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        read_text(r, v, p)
    }
}

impl Describe for Decimal {
    fn shape() -> Shape {
        named(
            "Decimal",
            "A decimal with at most 2 fractional digits as written, 0 ≤ x ≤ 100000: a JSON number or a string (\"87.5\").",
            || Shape::Leaf(Leaf::Decimal),
        )
    }
}

impl Describe for Date {
    fn shape() -> Shape {
        named("IsoDate", "An ISO date, YYYY-MM-DD.", || {
            Shape::Leaf(Leaf::Date)
        })
    }
}

macro_rules! schema_tag {
    ($(#[$doc:meta])* $name:ident = [$($tag:literal),+]) => {
        $(#[$doc])*
        /// The version is the tag's position in [`Self::TAGS`] plus one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(u8);

        impl $name {
            /// The tags of every version, oldest first.
            pub const TAGS: &'static [&'static str] = &[$($tag),+];
            /// Version 1.
            pub const V1: $name = $name(1);

            /// The tag of `version`, if there is one.
            pub fn of_version(version: u8) -> Option<$name> {
                (1..=Self::TAGS.len()).contains(&usize::from(version)).then_some($name(version))
            }

            pub fn version(self) -> u8 {
                self.0
            }

            pub fn tag(self) -> &'static str {
                Self::TAGS
                    .get(usize::from(self.0).saturating_sub(1))
                    .copied()
                    .unwrap_or_default()
            }
        }

        impl Default for $name {
            fn default() -> $name {
                $name::V1
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.tag())
            }
        }

        impl Read for $name {
            fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
                let n = r.schema_tag(v, p, Self::TAGS)?;
                r.set_version(n);
                Some($name(n))
            }
        }

        impl Describe for $name {
            fn shape() -> Shape {
                Shape::Leaf(Leaf::Tag(Self::TAGS))
            }
        }

        impl crate::read::Versioned for $name {
            fn peek(r: &mut Reader, document: Node<'_>) {
                r.set_tags(Self::TAGS);
                let tag = document.get("schema").and_then(|t| t.as_str());
                if let Some(k) = tag.and_then(|t| Self::TAGS.iter().position(|x| *x == t)) {
                    r.set_version(u8::try_from(k + 1).unwrap_or(1));
                }
            }
        }
    };
}

/// A value written as an amount (spec §2.4): what `#[cxzy(amount)]` fields hold.
pub trait Amount {
    /// The exact value.
    fn exact(&self) -> Cow<'_, Exact>;
}

impl Amount for Exact {
    fn exact(&self) -> Cow<'_, Exact> {
        Cow::Borrowed(self)
    }
}

/// A sheet score: a whole number of 1/10000 point (spec §3), kept as that integer (scoring
/// makes hundreds per assessment) and written as an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Units(pub i64);

impl Units {
    /// One point.
    pub const ONE: i64 = 10_000;

    /// [`Units::ONE`] as a denominator.
    pub const ONE_NONZERO: NonZeroU64 = match NonZeroU64::new(Units::ONE as u64) {
        Some(one) => one,
        None => NonZeroU64::MIN,
    };

    pub fn to_exact(self) -> Exact {
        Exact::over(i128::from(self.0), Units::ONE_NONZERO)
    }

    /// The value rounded to 2 decimals, as a result writes it.
    pub fn to_fixed2(self) -> String {
        self.to_exact().to_fixed2()
    }
}

impl Amount for Units {
    fn exact(&self) -> Cow<'_, Exact> {
        Cow::Owned(self.to_exact())
    }
}

/// Writes `name: "87.50"` and, where the value is not a 2-decimal number, `name_exact: "n/d"`
/// (spec §2.4); what `#[cxzy(amount)]` fields are written with.
pub fn write_amount<S: SerializeStruct, A: Amount + ?Sized>(
    s: &mut S,
    name: &'static str,
    exact_name: &'static str,
    value: &A,
) -> Result<(), S::Error> {
    let value = value.exact();
    let two_decimal = match value.fixed2_and_whether_exact() {
        Some((fixed, exact)) => {
            s.serialize_field(name, &fixed)?;
            exact
        }
        None => {
            s.serialize_field(name, &value.to_fixed2())?;
            value.is_two_decimal()
        }
    };
    if !two_decimal {
        s.serialize_field(exact_name, &value.to_fraction())?;
    }
    Ok(())
}

/// Like [`write_amount`] for an optional value: `null` when absent.
pub fn write_opt_amount<S: SerializeStruct, A: Amount>(
    s: &mut S,
    name: &'static str,
    exact_name: &'static str,
    value: Option<&A>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => write_amount(s, name, exact_name, v),
        None => s.serialize_field(name, &None::<String>),
    }
}

schema_tag!(
    /// `"cxzy/framework@1"`, `"cxzy/framework@2"` (spec §11).
    FrameworkSchema = ["cxzy/framework@1", "cxzy/framework@2"]
);
schema_tag!(
    /// `"cxzy/assessment@1"`, `"cxzy/assessment@2"` (spec §11).
    AssessmentSchema = ["cxzy/assessment@1", "cxzy/assessment@2"]
);
schema_tag!(
    /// `"cxzy/result@1"`, and `"cxzy/result@2"` for a framework of version 2 (spec §11).
    ResultSchema = ["cxzy/result@1", "cxzy/result@2"]
);
schema_tag!(
    /// `"cxzy/summary@1"`: a result in brief, one per line of a batch (spec §9.3).
    SummarySchema = ["cxzy/summary@1"]
);
schema_tag!(
    /// `"cxzy/trend@1"`
    TrendSchema = ["cxzy/trend@1"]
);
schema_tag!(
    /// `"cxzy/branch@1"`
    BranchSchema = ["cxzy/branch@1"]
);
schema_tag!(
    /// `"cxzy/catalogue@1"`
    CatalogueSchema = ["cxzy/catalogue@1"]
);

// ---------------------------------------------------------------------------------------------
// Values read by a rule of their own (spec §2.1, §2.2): each a module with `read` and `shape`,
// named by its field's `#[cxzy(with = …)]`.

/// A framework id: `[a-z0-9][a-z0-9._-]{0,63}` (spec §2.1).
pub mod framework_id {
    use crate::diag::Code;
    use crate::model::Id;
    use crate::read::{Node, Path, Reader};
    use crate::shape::{Leaf, Shape};
    use std::rc::Rc;

    pub fn read(r: &mut Reader, v: Node<'_>, path: &Path<'_>) -> Option<Id> {
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
                en!(format!("\"{s}\" is not a valid framework id: lowercase letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit")),
                zh!(format!("「{s}」不是有效的标准标识:只能由小写字母、数字、「.」「_」「-」组成,以字母或数字开头,至多 64 个字符")),
            );
            None
        }
    }

    pub fn shape() -> Shape {
        Shape::Leaf(Leaf::FrameworkId)
    }
}

/// A name as written (a rater's): any text, kept as a shared string.
pub mod name {
    use crate::model::Id;
    use crate::read::{Node, Path, Reader};
    use crate::shape::{Leaf, Shape};
    use std::rc::Rc;

    pub fn read(r: &mut Reader, v: Node<'_>, path: &Path<'_>) -> Option<Id> {
        r.string(v, path).map(Rc::from)
    }

    pub fn shape() -> Shape {
        Shape::Leaf(Leaf::String)
    }
}
schema_tag!(
    /// `"cxzy/round@1"`: a rating round's public document (spec §12.1).
    RoundSchema = ["cxzy/round@1"]
);
schema_tag!(
    /// `"cxzy/round-key@1"`: a rating round's secret key and token secrets (spec §12.1).
    RoundKeySchema = ["cxzy/round-key@1"]
);
schema_tag!(
    /// `"cxzy/ballot@1"`: one rater's ballot, before it is sealed (spec §12.1).
    BallotSchema = ["cxzy/ballot@1"]
);
schema_tag!(
    /// `"cxzy/sealed-ballot@1"`: a ballot as it travels, sealed to its round (spec §12.2).
    SealedBallotSchema = ["cxzy/sealed-ballot@1"]
);
schema_tag!(
    /// `"cxzy/invitation@1"`: what one rater is given: whom to rate, as which source (spec §12.4).
    InvitationSchema = ["cxzy/invitation@1"]
);
schema_tag!(
    /// `"cxzy/round-archive@1"`: a whole round as its owner keeps it: key, ballots, decisions (spec §12.4).
    RoundArchiveSchema = ["cxzy/round-archive@1"]
);
schema_tag!(
    /// `"cxzy/round-setup@1"`: what a round's owner chooses, for `cxzy round create` (spec §12.1).
    RoundSetupSchema = ["cxzy/round-setup@1"]
);
