//! The numbers version 2 adds (spec §11.8): signed decimals (a change by an event, an item's
//! floor below zero), exact ratios (`"2/3"` beside whole percents), a minimum of raters that is
//! a share of those eligible, and an item's ceiling (its points, a higher value, or none).

use super::values::{canonical_cents, cents_of_literal, decimal_literal, serialize_cents};
use crate::diag::Code;
use crate::exact::Exact;
use crate::read::{Node, Path, Read, Reader, MAX_SHEETS};
use crate::shape::{named, Describe, Leaf, Shape};
use serde::{Serialize, Serializer};
use std::num::NonZeroU64;

/// A decimal that may be negative: −100000 ≤ x ≤ 100000, at most 2 fractional digits as
/// written, held in hundredths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Signed(i64);

impl Signed {
    pub const MAX_CENTS: i64 = 10_000_000;

    pub fn from_cents(cents: i64) -> Option<Signed> {
        (-Signed::MAX_CENTS..=Signed::MAX_CENTS)
            .contains(&cents)
            .then_some(Signed(cents))
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn exact(self) -> Exact {
        Exact::cents(self.0)
    }

    /// Canonical decimal form: `-3`, `0.5`, `-2.25`.
    pub fn canonical(self) -> String {
        canonical_cents(self.0)
    }
}

impl Read for Signed {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        let literal = decimal_literal(r, v, p)?;
        cents_of_literal(r, literal, p, -Signed::MAX_CENTS, Signed::MAX_CENTS).map(Signed)
    }
}

impl Serialize for Signed {
    /// A JSON number holding its canonical digits (no floating point), as a Decimal is written.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_cents(self.0, serializer)
    }
}

impl Describe for Signed {
    fn shape() -> Shape {
        named(
            "SignedDecimal",
            "A decimal that may be negative, −100000 ≤ x ≤ 100000, at most 2 fractional digits as written: a JSON number or a string (\"-0.5\").",
            || Shape::Leaf(Leaf::Signed),
        )
    }
}

/// A ratio: a whole percent 0–100, or (from version 2) an exact fraction `"n/d"` in lowest
/// terms, 0 ≤ n/d ≤ 1 (spec §11.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ratio {
    Percent(u8),
    /// `n / d`, `d > 0`, in lowest terms.
    Fraction(u64, NonZeroU64),
}

impl Ratio {
    /// The ratio as an exact number between 0 and 1.
    pub fn exact(self) -> Exact {
        match self {
            Ratio::Percent(p) => Exact::cents(i64::from(p)),
            Ratio::Fraction(n, d) => Exact::over(i128::from(n), d),
        }
    }

    /// As written: `80` or `"2/3"`.
    pub fn text(self) -> String {
        match self {
            Ratio::Percent(p) => p.to_string(),
            Ratio::Fraction(n, d) => format!("{n}/{d}"),
        }
    }

    /// A fraction `n/d` (from version 2): digits, `d > 0`, in lowest terms, at most 1.
    fn read_fraction(r: &mut Reader, s: &str, p: &Path<'_>) -> Option<Ratio> {
        let parsed = s.split_once('/').and_then(|(n, d)| {
            let digits =
                |x: &str| !x.is_empty() && x.len() <= 18 && x.bytes().all(|b| b.is_ascii_digit());
            (digits(n) && digits(d))
                .then(|| Some((n.parse::<u64>().ok()?, d.parse::<u64>().ok()?)))?
        });
        let Some((n, d)) = parsed else {
            r.err(
                Code::InvalidValue,
                p,
                en!(format!("\"{s}\" is not a fraction such as \"2/3\"")),
                zh!(format!("「{s}」不是「2/3」这样的分数")),
            );
            return None;
        };
        let Some(nonzero) = NonZeroU64::new(d) else {
            r.err(
                Code::InvalidValue,
                p,
                en!(format!("\"{s}\" divides by zero")),
                zh!(format!("「{s}」的分母为零")),
            );
            return None;
        };
        let g = num_integer::gcd(n, d);
        if g != 1 {
            r.err(
                Code::NotLowestTerms,
                p,
                en!(format!(
                    "\"{s}\" is not in lowest terms: write \"{}/{}\"",
                    n / g,
                    d / g
                )),
                zh!(format!("「{s}」不是最简分数:应写作「{}/{}」", n / g, d / g)),
            );
            return None;
        }
        if n > d {
            r.err(
                Code::OutOfRange,
                p,
                en!(format!("\"{s}\" is more than 1")),
                zh!(format!("「{s}」大于 1")),
            );
            return None;
        }
        Some(Ratio::Fraction(n, nonzero))
    }
}

impl Read for Ratio {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        match v.as_str() {
            Some(s) if r.version() >= 2 => Ratio::read_fraction(r, s, p),
            _ => r.uint_in::<u8>(v, p, 0, 100).map(Ratio::Percent),
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ratio::Percent(p) => serializer.serialize_u8(*p),
            Ratio::Fraction(..) => serializer.serialize_str(&self.text()),
        }
    }
}

impl Describe for Ratio {
    fn shape() -> Shape {
        named(
            "Ratio",
            "A ratio: a whole percent 0–100, or (from version 2) an exact fraction \"n/d\" in lowest terms, at most 1.",
            || Shape::Leaf(Leaf::Ratio),
        )
    }
}

/// How many sheet scores a source needs for an indicator: a count, or (from version 2) a share
/// of the raters the assessment says are eligible, rounded up (spec §11.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinRaters {
    Count(u32),
    Share(Ratio),
}

impl Default for MinRaters {
    fn default() -> MinRaters {
        MinRaters::Count(1)
    }
}

impl Read for MinRaters {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        match v.as_str() {
            Some(s) if r.version() >= 2 => Ratio::read_fraction(r, s, p).map(MinRaters::Share),
            _ => r
                .uint_in::<u32>(v, p, 1, MAX_SHEETS as u64)
                .map(MinRaters::Count),
        }
    }
}

impl Serialize for MinRaters {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            MinRaters::Count(n) => serializer.serialize_u32(*n),
            MinRaters::Share(ratio) => ratio.serialize(serializer),
        }
    }
}

impl Describe for MinRaters {
    fn shape() -> Shape {
        named(
            "MinRaters",
            "The fewest sheet scores a source needs: a whole number 1–100000, or (from version 2) a fraction \"n/d\" of the eligible raters the assessment gives, rounded up.",
            || Shape::Leaf(Leaf::MinRaters),
        )
    }
}

/// The most an item may score: its points (the default), a value above them, or no limit
/// (`"none"`: 加分不设上限).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ceiling {
    Value(super::Decimal),
    None,
}

impl Read for Ceiling {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        match v.as_str() {
            Some("none") => Some(Ceiling::None),
            _ => super::Decimal::read(r, v, p).map(Ceiling::Value),
        }
    }
}

impl Serialize for Ceiling {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ceiling::Value(d) => d.serialize(serializer),
            Ceiling::None => serializer.serialize_str("none"),
        }
    }
}

impl Describe for Ceiling {
    fn shape() -> Shape {
        named(
            "Ceiling",
            "The most an item may score: a Decimal at least its points, or \"none\" (no limit).",
            || Shape::Leaf(Leaf::Ceiling),
        )
    }
}
