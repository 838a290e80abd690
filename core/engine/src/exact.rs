//! Exact rational numbers for scores (spec §3): no binary floating point ever touches a score.
//!
//! Values are `n/d` over `i128` in the common case and fall back to big integers when an
//! operation would overflow, so every valid input is scored exactly, however pathological.
//! Small values are kept unreduced between operations (reduction costs a gcd); they are reduced
//! when printed, when a denominator grows large, and before falling back to big integers.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;

/// An exact rational number.
#[derive(Clone)]
pub struct Exact(Repr);

#[derive(Clone)]
enum Repr {
    /// `n / d` with `d > 0`, not necessarily in lowest terms.
    Small(i128, i128),
    /// `n / d` with `d > 0`, in lowest terms.
    Big(Box<(BigInt, BigInt)>),
}

/// Denominators above this are reduced eagerly so that chains of additions stay small.
const REDUCE_ABOVE: i128 = 1 << 62;

fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// Greatest common divisor of the magnitudes; fits `i128` unless both are `i128::MIN`-sized,
/// which a positive denominator rules out.
fn gcd(a: i128, b: i128) -> i128 {
    gcd_u128(a.unsigned_abs(), b.unsigned_abs()) as i128
}

/// The gcd of big integers (positive; 1 for two zeros), by one Euclidean step first when one of
/// them fits i128: the binary gcd of a huge number and a small one takes as many steps as the
/// huge one has bits.
fn gcd_big(a: &BigInt, b: &BigInt) -> BigInt {
    let g = match (a.to_i128(), b.to_i128()) {
        (Some(x), Some(y)) => BigInt::from(gcd_u128(x.unsigned_abs(), y.unsigned_abs())),
        (_, Some(0)) => a.abs(),
        (Some(0), _) => b.abs(),
        (_, Some(y)) => {
            let r = (a % BigInt::from(y)).to_i128().unwrap_or(0);
            BigInt::from(gcd_u128(r.unsigned_abs(), y.unsigned_abs()))
        }
        (Some(x), _) => {
            let r = (b % BigInt::from(x)).to_i128().unwrap_or(0);
            BigInt::from(gcd_u128(r.unsigned_abs(), x.unsigned_abs()))
        }
        _ => a.gcd(b),
    };
    if g.is_zero() {
        BigInt::from(1)
    } else {
        g
    }
}

fn reduce(n: i128, d: i128) -> (i128, i128) {
    let g = gcd(n, d);
    if g > 1 {
        (n / g, d / g)
    } else {
        (n, d)
    }
}

/// `num/den + n/d` over the least common denominator (`den`, `d` > 0); `None` on overflow.
fn common_add(num: i128, den: i128, n: i128, d: i128) -> Option<(i128, i128)> {
    if d == den {
        return Some((num.checked_add(n)?, den));
    }
    // lcm = den/g × d, so lcm/den = d/g and lcm/d = den/g: two divisions, in 64 bits where the
    // denominators fit (an i128 division is a call to a routine; most denominators are small).
    let (den_g, d_g) = match (u64::try_from(den), u64::try_from(d)) {
        (Ok(a), Ok(b)) => {
            let g = gcd_u128(u128::from(a), u128::from(b)) as u64;
            (i128::from(a / g), i128::from(b / g))
        }
        _ => {
            let g = gcd(den, d);
            (den / g, d / g)
        }
    };
    let lcm = den_g.checked_mul(d)?;
    let scaled = num.checked_mul(d_g)?;
    Some((scaled.checked_add(n.checked_mul(den_g)?)?, lcm))
}

impl Exact {
    pub const ZERO: Exact = Exact(Repr::Small(0, 1));

    /// An integer.
    pub fn int(n: i64) -> Exact {
        Exact(Repr::Small(n as i128, 1))
    }

    /// `n / d`. A zero denominator yields `None`.
    pub fn ratio(n: i128, d: i128) -> Option<Exact> {
        match d.cmp(&0) {
            Ordering::Equal => None,
            Ordering::Greater => Some(Exact::small(n, d)),
            Ordering::Less => match (n.checked_neg(), d.checked_neg()) {
                (Some(n), Some(d)) => Some(Exact::small(n, d)),
                _ => Some(Exact::big(BigInt::from(n), BigInt::from(d))),
            },
        }
    }

    /// `n / d` over a denominator that cannot be zero.
    pub fn over(n: i128, d: std::num::NonZeroU64) -> Exact {
        Exact::small(n, i128::from(d.get()))
    }

    /// A value given in hundredths (cents of a point).
    pub fn cents(c: i64) -> Exact {
        Exact(Repr::Small(c as i128, 100))
    }

    fn small(n: i128, d: i128) -> Exact {
        if d > REDUCE_ABOVE {
            let (n, d) = reduce(n, d);
            Exact(Repr::Small(n, d))
        } else {
            Exact(Repr::Small(n, d))
        }
    }

    /// Builds from big parts (`d != 0`), reduced, demoted to small when it fits.
    fn big(n: BigInt, d: BigInt) -> Exact {
        let (mut n, mut d) = if d.is_negative() { (-n, -d) } else { (n, d) };
        let g = n.gcd(&d);
        if !g.is_zero() && g != BigInt::from(1) {
            n /= &g;
            d /= &g;
        }
        match (n.to_i128(), d.to_i128()) {
            (Some(n), Some(d)) => Exact(Repr::Small(n, d)),
            _ => Exact(Repr::Big(Box::new((n, d)))),
        }
    }

    /// From big parts already in lowest terms (`d > 0`): demoted to small when it fits.
    fn big_in_lowest_terms(n: BigInt, d: BigInt) -> Exact {
        match (n.to_i128(), d.to_i128()) {
            (Some(n), Some(d)) => Exact(Repr::Small(n, d)),
            _ => Exact(Repr::Big(Box::new((n, d)))),
        }
    }

    /// Numerator and denominator in lowest terms, as big integers.
    fn lowest_big(&self) -> (BigInt, BigInt) {
        match &self.0 {
            Repr::Small(n, d) => {
                let (n, d) = reduce(*n, *d);
                (BigInt::from(n), BigInt::from(d))
            }
            Repr::Big(b) => (b.0.clone(), b.1.clone()),
        }
    }

    fn to_big(&self) -> (BigInt, BigInt) {
        match &self.0 {
            Repr::Small(n, d) => (BigInt::from(*n), BigInt::from(*d)),
            Repr::Big(b) => (b.0.clone(), b.1.clone()),
        }
    }

    pub fn is_zero(&self) -> bool {
        match &self.0 {
            Repr::Small(n, _) => *n == 0,
            Repr::Big(b) => b.0.is_zero(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match &self.0 {
            Repr::Small(n, _) => *n < 0,
            Repr::Big(b) => b.0.is_negative(),
        }
    }

    pub fn is_positive(&self) -> bool {
        !self.is_zero() && !self.is_negative()
    }

    pub fn add(&self, other: &Exact) -> Exact {
        if let (Repr::Small(a, b), Repr::Small(c, e)) = (&self.0, &other.0) {
            if b == e {
                if let Some(n) = a.checked_add(*c) {
                    return Exact::small(n, *b);
                }
            } else if let (Some(x), Some(y), Some(d)) =
                (a.checked_mul(*e), c.checked_mul(*b), b.checked_mul(*e))
            {
                if let Some(n) = x.checked_add(y) {
                    return Exact::small(n, d);
                }
            }
            if b != e {
                let g = gcd(*b, *e);
                let (bg, eg) = (b / g, e / g);
                let n = a
                    .checked_mul(eg)
                    .and_then(|x| c.checked_mul(bg).and_then(|y| x.checked_add(y)));
                if let (Some(n), Some(d)) = (n, bg.checked_mul(*e)) {
                    return Exact::small(n, d);
                }
            }
        }
        let ((a, b), (c, e)) = (self.to_big(), other.to_big());
        Exact::big(a * &e + c * &b, b * e)
    }

    pub fn neg(&self) -> Exact {
        match &self.0 {
            Repr::Small(n, d) => match n.checked_neg() {
                Some(n) => Exact(Repr::Small(n, *d)),
                None => Exact::big(-BigInt::from(*n), BigInt::from(*d)),
            },
            Repr::Big(b) => Exact::big(-b.0.clone(), b.1.clone()),
        }
    }

    pub fn sub(&self, other: &Exact) -> Exact {
        self.add(&other.neg())
    }

    pub fn mul(&self, other: &Exact) -> Exact {
        if let (Repr::Small(a, b), Repr::Small(c, e)) = (&self.0, &other.0) {
            if let (Some(n), Some(d)) = (a.checked_mul(*c), b.checked_mul(*e)) {
                return Exact::small(n, d);
            }
            // Cross-reduce before giving up on small numbers.
            let (g1, g2) = (gcd(*a, *e).max(1), gcd(*c, *b).max(1));
            let (a, e, c, b) = (a / g1, e / g1, c / g2, b / g2);
            if let (Some(n), Some(d)) = (a.checked_mul(c), b.checked_mul(e)) {
                return Exact::small(n, d);
            }
        }
        // Both in lowest terms, the product is once its cross factors are out: two gcds where
        // one side is usually small (a big value times 100, divided by a count), instead of one
        // gcd of the two products (~1 s at 100,000 digits, examples/pathological.rs).
        if self.is_zero() || other.is_zero() {
            return Exact::ZERO;
        }
        let ((a, b), (c, e)) = (self.lowest_big(), other.lowest_big());
        let (g1, g2) = (gcd_big(&a, &e), gcd_big(&c, &b));
        let (a, e) = (a / &g1, e / &g1);
        let (c, b) = (c / &g2, b / &g2);
        Exact::big_in_lowest_terms(a * c, b * e)
    }

    /// Multiplies by an integer.
    pub fn mul_int(&self, k: i64) -> Exact {
        self.mul(&Exact::int(k))
    }

    /// Divides; `None` when dividing by zero.
    pub fn div(&self, other: &Exact) -> Option<Exact> {
        if other.is_zero() {
            return None;
        }
        let inverse = match &other.0 {
            Repr::Small(n, d) => Exact::ratio(*d, *n)?,
            Repr::Big(b) => Exact::big(b.1.clone(), b.0.clone()),
        };
        Some(self.mul(&inverse))
    }

    /// Divides by a positive integer; `None` when `k == 0`.
    pub fn div_int(&self, k: i64) -> Option<Exact> {
        self.div(&Exact::int(k))
    }

    pub fn min(self, other: Exact) -> Exact {
        if other < self {
            other
        } else {
            self
        }
    }

    pub fn max(self, other: Exact) -> Exact {
        if other > self {
            other
        } else {
            self
        }
    }

    /// The sum of many values: up to 64 by adding one by one (no gcd while the denominators
    /// stay small); more as an [`Accumulator`] does (one running common denominator, the values
    /// beyond it kept aside); big values added unreduced and reduced once.
    pub fn sum<T: std::borrow::Borrow<Exact>>(values: &[T]) -> Exact {
        if values.len() > 64 {
            let mut sum = Accumulator::new();
            for v in values {
                sum.add(v.borrow());
            }
            return sum.total();
        }
        if values.iter().any(|v| matches!(v.borrow().0, Repr::Big(_))) {
            // A gcd per addition of big values cost ~45 s for 40 values of 4,000 digits
            // (examples/pathological.rs).
            let (n, d) = Exact::big_sum(values);
            return Exact::big(n, d);
        }
        values
            .iter()
            .fold(Exact::ZERO, |acc, v| acc.add(v.borrow()))
    }

    /// The sum as an unreduced fraction, added as a balanced tree.
    fn big_sum<T: std::borrow::Borrow<Exact>>(values: &[T]) -> (BigInt, BigInt) {
        match values {
            [] => (BigInt::from(0), BigInt::from(1)),
            [one] => one.borrow().to_big(),
            _ => {
                let (left, right) = values.split_at(values.len() / 2);
                let ((a, b), (c, e)) = (Exact::big_sum(left), Exact::big_sum(right));
                if b == e {
                    (a + c, b)
                } else {
                    (a * &e + c * &b, b * e)
                }
            }
        }
    }

    /// True when the value is a whole number of hundredths (prints exactly with 2 decimals).
    pub fn is_two_decimal(&self) -> bool {
        match &self.0 {
            // value × 100 is whole; no gcd needed (i64 arithmetic when it fits, as it mostly does).
            Repr::Small(n, d) => match (
                i64::try_from(*n).ok().and_then(|n| n.checked_mul(100)),
                i64::try_from(*d),
            ) {
                (Some(n100), Ok(d)) => n100 % d == 0,
                _ => 100 % reduce(*n, *d).1 == 0,
            },
            Repr::Big(b) => (BigInt::from(100) % &b.1).is_zero(),
        }
    }

    /// Hundredths, rounded half away from zero (spec §3).
    fn rounded_hundredths(&self) -> BigInt {
        // Small values that fit are rounded by `fixed2`; this is the big-integer path.
        let (n, d) = self.to_big();
        let scaled: BigInt = n * BigInt::from(100);
        let (q, r): (BigInt, BigInt) = (&scaled / &d, &scaled % &d);
        if r.abs() * 2 >= d.abs() {
            q + scaled.signum()
        } else {
            q
        }
    }

    /// The value rounded half away from zero to 2 fractional digits: `"87.50"`, `"-0.33"`.
    pub fn to_fixed2(&self) -> String {
        if let Some(fixed) = self.fixed2() {
            return fixed.to_string();
        }
        let h = self.rounded_hundredths();
        let sign = if h.is_negative() { "-" } else { "" };
        let abs = h.abs();
        let (whole, frac) = abs.div_rem(&BigInt::from(100));
        format!("{sign}{whole}.{:02}", frac.to_u32().unwrap_or(0))
    }

    /// The 2-decimal form as a `Display` that allocates nothing, when the value is small (it
    /// nearly always is); `None` means: use [`Exact::to_fixed2`].
    pub fn fixed2(&self) -> Option<Fixed2> {
        self.fixed2_and_whether_exact().map(|(f, _)| f)
    }

    /// [`Exact::fixed2`] and [`Exact::is_two_decimal`] from one division.
    pub fn fixed2_and_whether_exact(&self) -> Option<(Fixed2, bool)> {
        let Repr::Small(n, d) = &self.0 else {
            return None;
        };
        let scaled = n.checked_mul(100)?;
        // i64 division when it fits, as it nearly always does (i128 division is a library call).
        let (q, r) = match (i64::try_from(scaled), i64::try_from(*d)) {
            (Ok(s), Ok(d)) => (i128::from(s / d), i128::from(s % d)),
            _ => (scaled / d, scaled % d),
        };
        let q = if r.unsigned_abs() * 2 >= d.unsigned_abs() {
            q + scaled.signum()
        } else {
            q
        };
        Some((Fixed2(q), r == 0))
    }

    /// The value as `"n/d"` in lowest terms (`"7"` style never: always with a denominator).
    pub fn to_fraction(&self) -> String {
        match &self.0 {
            Repr::Small(n, d) => {
                let (n, d) = reduce(*n, *d);
                format!("{n}/{d}")
            }
            // Big values are kept in lowest terms.
            Repr::Big(b) => format!("{}/{}", b.0, b.1),
        }
    }

    /// Parses `"n/d"` (integers, `d != 0`).
    pub fn parse_fraction(text: &str) -> Option<Exact> {
        let (n, d) = text.split_once('/')?;
        let valid = |s: &str| {
            let digits = s.strip_prefix('-').unwrap_or(s);
            !digits.is_empty() && digits.len() <= 4096 && digits.bytes().all(|b| b.is_ascii_digit())
        };
        if !valid(n) || !valid(d) {
            return None;
        }
        let n: BigInt = n.parse().ok()?;
        let d: BigInt = d.parse().ok()?;
        if d.is_zero() {
            return None;
        }
        Some(Exact::big(n, d))
    }

    /// Parses a plain decimal such as `"87.5"`, `"-3"` or `"0.07"` (no exponent).
    pub fn parse_decimal(text: &str) -> Option<Exact> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        if whole.is_empty()
            || whole.len() + frac.len() > 4096
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (body.contains('.') && frac.is_empty())
        {
            return None;
        }
        // Up to 36 digits in i128 (nearly every number), reduced as big integers would be.
        if whole.len() + frac.len() <= 36 {
            let digits = whole
                .bytes()
                .chain(frac.bytes())
                .fold(0i128, |acc, b| acc * 10 + i128::from(b - b'0'));
            let (n, d) = reduce(
                if negative { -digits } else { digits },
                10i128.pow(frac.len() as u32),
            );
            return Some(Exact(Repr::Small(n, d)));
        }
        let digits: BigInt = format!("{whole}{frac}").parse().ok()?;
        let scale = BigInt::from(10).pow(frac.len() as u32);
        Some(Exact::big(if negative { -digits } else { digits }, scale))
    }

    /// Ceiling of the value as an integer, when it fits `i64`.
    pub fn ceil_i64(&self) -> Option<i64> {
        self.neg().floor_i64().and_then(i64::checked_neg)
    }

    /// Floor of the value as an integer, when it fits `i64`.
    pub fn floor_i64(&self) -> Option<i64> {
        match &self.0 {
            Repr::Small(n, d) => n.div_euclid(*d).to_i64(),
            Repr::Big(b) => b.0.div_floor(&b.1).to_i64(),
        }
    }
}

/// A running exact sum, for values read one at a time from many places (a branch's results):
/// a common denominator while it fits i128 (as [`Exact::sum`]), the values beyond it kept and
/// summed at the end. The same value as [`Exact::sum`] of the same values.
#[derive(Clone)]
pub struct Accumulator {
    num: i128,
    den: i128,
    count: usize,
    rest: Vec<Exact>,
}

impl Accumulator {
    pub fn new() -> Accumulator {
        Accumulator {
            num: 0,
            den: 1,
            count: 0,
            rest: Vec::new(),
        }
    }

    pub fn add(&mut self, value: &Exact) {
        self.count += 1;
        if let Repr::Small(n, d) = &value.0 {
            if let Some((num, den)) = common_add(self.num, self.den, *n, *d) {
                (self.num, self.den) = (num, den);
                return;
            }
        }
        self.rest.push(value.clone());
    }

    /// How many values were added.
    pub fn count(&self) -> usize {
        self.count
    }

    pub fn total(&self) -> Exact {
        if self.rest.is_empty() {
            return Exact::small(self.num, self.den);
        }
        // The values beyond i128 and the running sum added unreduced, then reduced once (a gcd
        // of big values costs ~1 s at 100,000 digits).
        let (n, d) = Exact::big_sum(&self.rest);
        let (hn, hd) = (BigInt::from(self.num), BigInt::from(self.den));
        Exact::big(n * &hd + hn * &d, d * hd)
    }
}

impl Default for Accumulator {
    fn default() -> Self {
        Accumulator::new()
    }
}

/// A number of hundredths shown with 2 decimals (`-0.33`, `87.50`).
#[derive(Clone, Copy, Debug)]
pub struct Fixed2(i128);

impl Fixed2 {
    /// The text, written backwards into `buf` (a sign, 39 digits, a point: 42 bytes at most).
    fn text(self, buf: &mut [u8; 48]) -> &str {
        let mut abs = self.0.unsigned_abs();
        let mut at = buf.len();
        for (written, slot) in buf.iter_mut().rev().enumerate() {
            if written == 2 {
                *slot = b'.';
            } else if written > 3 && abs == 0 {
                if self.0 < 0 {
                    *slot = b'-';
                    at -= 1;
                }
                break;
            } else {
                // u64 arithmetic once the value fits (u128 division is a library call).
                let digit = match u64::try_from(abs) {
                    Ok(small) => {
                        abs = u128::from(small / 10);
                        small % 10
                    }
                    Err(_) => {
                        let digit = (abs % 10) as u64;
                        abs /= 10;
                        digit
                    }
                };
                *slot = b'0' + digit as u8;
            }
            at -= 1;
        }
        std::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default()
    }
}

impl fmt::Display for Fixed2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text(&mut [0; 48]))
    }
}

impl serde::Serialize for Fixed2 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text(&mut [0; 48]))
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Exact {}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        if let (Repr::Small(a, b), Repr::Small(c, e)) = (&self.0, &other.0) {
            if b == e {
                return a.cmp(c);
            }
            if let (Some(x), Some(y)) = (a.checked_mul(*e), c.checked_mul(*b)) {
                return x.cmp(&y);
            }
        }
        let ((a, b), (c, e)) = (self.to_big(), other.to_big());
        (a * e).cmp(&(c * b))
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_fraction())
    }
}

impl Default for Exact {
    fn default() -> Exact {
        Exact::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairwise coprime denominators: their common denominator outgrows i128.
    const PRIMES: [i128; 7] = [
        1_000_003, 1_000_033, 1_000_037, 1_000_039, 1_000_081, 1_000_099, 1_000_117,
    ];

    fn q(text: &str) -> Exact {
        Exact::parse_fraction(text)
            .or_else(|| Exact::parse_decimal(text))
            .unwrap_or_default()
    }

    #[test]
    fn tenths_add_exactly() {
        assert_eq!(q("0.1").add(&q("0.2")), q("0.3"));
        assert_eq!(q("0.1").add(&q("0.2")).to_fixed2(), "0.30");
    }

    #[test]
    fn three_thirds_make_one() {
        let third = q("10/3");
        assert_eq!(third.add(&third).add(&third), Exact::int(10));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(q("1/200").to_fixed2(), "0.01");
        assert_eq!(q("-1/200").to_fixed2(), "-0.01");
        assert_eq!(q("1/300").to_fixed2(), "0.00");
        assert_eq!(q("2/3").to_fixed2(), "0.67");
        assert_eq!(q("87.5").to_fixed2(), "87.50");
    }

    #[test]
    fn fractions_print_in_lowest_terms() {
        assert_eq!(q("20/6").to_fraction(), "10/3");
        assert!(!q("10/3").is_two_decimal());
        assert!(q("7/4").is_two_decimal());
        assert!(q("1/20").is_two_decimal());
    }

    #[test]
    fn overflow_falls_back_to_big_and_stays_exact() {
        let huge = Exact::ratio(i128::MAX, 3).unwrap_or_default();
        let sum = huge.add(&huge).sub(&huge);
        assert_eq!(sum, huge);
        let mut acc = Exact::ZERO;
        // Pairwise coprime denominators: the common denominator outgrows i128.
        for p in PRIMES {
            acc = acc.add(&Exact::ratio(1, p).unwrap_or_default());
        }
        for p in PRIMES {
            acc = acc.sub(&Exact::ratio(1, p).unwrap_or_default());
        }
        assert!(acc.is_zero());
    }

    /// `sum` (adding one by one, a running common denominator, big values unreduced) is the
    /// left fold of `add`, whatever the denominators.
    #[test]
    fn sum_is_the_fold_of_add() {
        let fold = |v: &[Exact]| v.iter().fold(Exact::ZERO, |acc, x| acc.add(x));
        let mut cases: Vec<Vec<Exact>> = vec![
            vec![],
            vec![q("1.25")],
            // The same denominator throughout, then new ones that divide or extend it.
            (0..1000).map(|k| Exact::cents(k * 7 - 3000)).collect(),
            (1..200)
                .map(|k| Exact::ratio(k as i128, k as i128 % 7 + 1).unwrap_or_default())
                .collect(),
            // Coprime denominators: the common one outgrows i128 and the rest is a tree.
            (0..300)
                .map(|k| Exact::ratio(1, PRIMES[k % PRIMES.len()] + k as i128).unwrap_or_default())
                .collect(),
            // A numerator at the edge of i128, and a big value in the middle.
            vec![
                Exact::ratio(i128::MAX, 1).unwrap_or_default(),
                Exact::int(1),
                Exact::int(-5),
            ],
        ];
        let big = Exact::ratio(i128::MAX, 3)
            .unwrap_or_default()
            .mul(&Exact::int(9));
        cases.push(
            (0..150)
                .map(|k| {
                    if k == 70 {
                        big.clone()
                    } else {
                        Exact::cents(k)
                    }
                })
                .collect(),
        );
        // One denominator throughout, and a numerator that outgrows i128 on the way.
        cases.push(
            (0..100)
                .map(|k| Exact::ratio(i128::MAX / 50 - k, 7).unwrap_or_default())
                .collect(),
        );
        // A short list with big values: added unreduced, reduced once.
        cases.push(
            (0..10)
                .map(|k| match k {
                    3 => big.clone(),
                    7 => big.neg(),
                    _ => Exact::ratio(k, 7 + k).unwrap_or_default(),
                })
                .collect(),
        );
        for (i, values) in cases.iter().enumerate() {
            assert_eq!(Exact::sum(values), fold(values), "case {i}");
            let refs: Vec<&Exact> = values.iter().collect();
            assert_eq!(Exact::sum(&refs), fold(values), "case {i} by reference");
        }
    }

    /// The 2-decimal text is the same through every path: i64, i128, and big integers.
    #[test]
    fn two_decimals_read_the_same_on_every_path() {
        let reference = |e: &Exact| {
            // Hundredths by big integers, printed by the formatter.
            let h = e.rounded_hundredths();
            let sign = if h.is_negative() { "-" } else { "" };
            let (whole, frac) = h.abs().div_rem(&BigInt::from(100));
            format!("{sign}{whole}.{:02}", frac.to_u32().unwrap_or(0))
        };
        let mut values = vec![
            Exact::ZERO,
            q("0.005"),
            q("-0.005"),
            q("-0.004"),
            q("2/3"),
            q("-2/3"),
            q("99.995"),
            Exact::int(i64::MAX),
            Exact::int(i64::MIN),
            Exact::ratio(i128::MAX, 1000).unwrap_or_default(),
            Exact::ratio(i128::MIN + 1, 7).unwrap_or_default(),
            Exact::ratio(i128::MAX, 1).unwrap_or_default(),
        ];
        values.extend(
            (-2000..2000).map(|k| Exact::ratio(k * 7919, 1 + k.abs() % 97).unwrap_or_default()),
        );
        for v in &values {
            assert_eq!(v.to_fixed2(), reference(v));
            if let Some((f, exact)) = v.fixed2_and_whether_exact() {
                assert_eq!(exact, v.is_two_decimal());
                assert_eq!(f.to_string(), reference(v));
                assert_eq!(
                    serde_json::to_string(&f).unwrap_or_default(),
                    format!("\"{}\"", reference(v))
                );
            }
        }
    }

    /// Decimals of up to 36 digits are read in i128, longer ones by big integers: the same
    /// values either way, in lowest terms.
    #[test]
    fn decimals_read_the_same_short_or_long() {
        let long = |text: &str| {
            let (negative, body) = match text.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, text),
            };
            let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
            let digits: BigInt = format!("{whole}{frac}").parse().unwrap_or_default();
            let scale = BigInt::from(10).pow(frac.len() as u32);
            Exact::big(if negative { -digits } else { digits }, scale)
        };
        let nines = "9".repeat(36);
        for text in [
            "0",
            "-0",
            "87.5",
            "-0.07",
            "100.00",
            "0.125",
            "12345678901234567890.1234",
            &nines,
            &format!("-{}.{}", &nines[..20], &nines[..16]),
        ] {
            let short = Exact::parse_decimal(text).unwrap_or_default();
            assert_eq!(short.to_fraction(), long(text).to_fraction(), "{text}");
            assert!(matches!(short.0, Repr::Small(..)), "{text}");
        }
        // 37 digits and more take the big path, and agree.
        let more = format!("{nines}9.5");
        assert_eq!(
            Exact::parse_decimal(&more).map(|e| e.to_fraction()),
            Some(long(&more).to_fraction())
        );
    }

    /// Products of big values are in lowest terms, as the reduced product of the parts.
    #[test]
    fn big_products_are_in_lowest_terms() {
        let big = |n: &str, d: &str| Exact::parse_fraction(&format!("{n}/{d}")).unwrap_or_default();
        let p = "340282366920938463463374607431768211507"; // a prime above 2^128
        let values = [
            big(&format!("{p}{p}"), "7"),
            big("3", &format!("{p}1")),
            big(&format!("-{p}"), &format!("{p}0")),
            Exact::int(100),
            Exact::int(-3),
            Exact::ZERO,
            Exact::ratio(6, 4).unwrap_or_default(),
            big(&format!("{p}{p}{p}"), &format!("{p}{p}7")),
        ];
        for x in &values {
            for y in &values {
                let product = x.mul(y);
                let reference = {
                    let ((a, b), (c, e)) = (x.to_big(), y.to_big());
                    Exact::big(a * c, b * e)
                };
                assert_eq!(
                    product.to_fraction(),
                    reference.to_fraction(),
                    "{x:?} × {y:?}"
                );
                assert_eq!(
                    product.is_two_decimal(),
                    reference.is_two_decimal(),
                    "{x:?} × {y:?}"
                );
                if let Some(q) = x.div(y) {
                    assert_eq!(q.mul(y), *x, "{x:?} ÷ {y:?} × {y:?}");
                }
            }
        }
    }

    /// The accumulator's total is `sum`'s, overflowing or not.
    #[test]
    fn an_accumulator_sums_as_sum_does() {
        let big = Exact::ratio(i128::MAX, 3)
            .unwrap_or_default()
            .mul(&Exact::int(9));
        let lists: Vec<Vec<Exact>> = vec![
            vec![],
            (0..500).map(|k| Exact::cents(k * 13 - 2000)).collect(),
            (0..300)
                .map(|k| Exact::ratio(1, PRIMES[k % PRIMES.len()] + k as i128).unwrap_or_default())
                .collect(),
            (0..20)
                .map(|k| if k == 9 { big.clone() } else { Exact::int(k) })
                .collect(),
        ];
        for (i, values) in lists.iter().enumerate() {
            let mut acc = Accumulator::new();
            for v in values {
                acc.add(v);
            }
            assert_eq!(acc.count(), values.len());
            assert_eq!(acc.total(), Exact::sum(values), "list {i}");
        }
    }

    #[test]
    fn compares_across_denominators() {
        assert!(q("2/3") > q("0.66"));
        assert!(q("89.99") < Exact::int(90));
        assert_eq!(q("180/2"), Exact::int(90));
    }

    #[test]
    fn parses_only_plain_decimals() {
        assert!(Exact::parse_decimal("1e2").is_none());
        assert!(Exact::parse_decimal("1.").is_none());
        assert!(Exact::parse_decimal(".5").is_none());
        assert!(Exact::parse_decimal("").is_none());
        assert!(Exact::parse_fraction("1/0").is_none());
    }
}
