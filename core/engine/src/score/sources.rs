//! Source scores and the combined score (spec §5.2, §5.3): each source's sheet scores
//! aggregated, then the present sources weighted together.

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::invariant::OrBroken;
use crate::model::*;
use std::num::NonZeroU64;

/// One point in sheet-score units (spec §3).
const UNIT_NZ: NonZeroU64 = Units::ONE_NONZERO;

/// Sheet-score units as points.
pub(crate) fn units(v: i64) -> Exact {
    Units(v).to_exact()
}

/// A source score S(i, src) as an unreduced fraction of sheet-score units: `num / den`.
#[derive(Clone, Copy)]
pub(crate) struct Aggregated {
    num: i128,
    den: NonZeroU64,
}

impl Aggregated {
    pub fn exact(self) -> Exact {
        // den ≤ 100,000 sheets and one point is 10⁴ units: the product fits.
        match self.den.checked_mul(UNIT_NZ) {
            Some(d) => Exact::over(self.num, d),
            None => Exact::over(self.num, self.den).mul(&Exact::over(1, UNIT_NZ)),
        }
    }
}

/// The sheet scores a `trimmed_mean` leaves out (spec §5.2): one lowest and one highest, when
/// there are at least three; `None` for fewer, or for another aggregate. The app shows them
/// ("what the trimmed mean dropped") from here, as the score uses them.
pub fn trimmed_away(how: Aggregate, values: &[i64]) -> Option<(i64, i64)> {
    if how != Aggregate::TrimmedMean || values.len() < 3 {
        return None;
    }
    Some((*values.iter().min()?, *values.iter().max()?))
}

/// The source score of its sheet scores (spec §5.2); `values` must not be empty.
pub(crate) fn aggregate(how: Aggregate, values: &mut [i64]) -> Result<Aggregated, Diagnostic> {
    let n = values.len();
    let count = |k: usize| NonZeroU64::new(k as u64).or_broken("a source score of some sheets");
    let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
    Ok(match how {
        Aggregate::Mean => Aggregated {
            num: sum,
            den: count(n)?,
        },
        Aggregate::TrimmedMean if n >= 3 => {
            let (lo, hi) =
                trimmed_away(how, values).or_broken("a lowest and a highest sheet score")?;
            Aggregated {
                num: sum - i128::from(lo) - i128::from(hi),
                den: count(n - 2)?,
            }
        }
        Aggregate::TrimmedMean => Aggregated {
            num: sum,
            den: count(n)?,
        },
        Aggregate::Median => {
            values.sort_unstable();
            let (lower, upper) = values.split_at_checked(n / 2).or_broken("a middle")?;
            let middle = i128::from(*upper.first().or_broken("a middle sheet score")?);
            if n % 2 == 1 {
                Aggregated {
                    num: middle,
                    den: count(1)?,
                }
            } else {
                let below = i128::from(*lower.last().or_broken("two middle sheet scores")?);
                Aggregated {
                    num: middle + below,
                    den: count(2)?,
                }
            }
        }
    })
}

/// C = Σ w × S / Σ w (spec §5.3) over `(weight in cents, source score)`; `None` when no source
/// is present. Computed over the common denominator in integers; exact rationals only when that
/// would overflow.
pub(crate) fn weighted<'a>(
    parts: impl Iterator<Item = (i64, &'a Aggregated)> + Clone,
) -> Option<Exact> {
    let mut lcm: u64 = 1;
    let mut weight: i64 = 0;
    let mut fits = true;
    for (w, agg) in parts.clone() {
        weight += w;
        let den = agg.den.get();
        let g = num_integer::gcd(lcm, den);
        match (lcm / g).checked_mul(den) {
            Some(l) => lcm = l,
            None => fits = false,
        }
    }
    let total_weight = NonZeroU64::new(u64::try_from(weight).ok()?)?;
    if fits {
        let mut num: Option<i128> = Some(0);
        for (w, agg) in parts.clone() {
            let scale = i128::from(lcm / agg.den.get());
            num = num.and_then(|n| {
                agg.num
                    .checked_mul(scale)?
                    .checked_mul(i128::from(w))?
                    .checked_add(n)
            });
        }
        let den = NonZeroU64::new(lcm)
            .and_then(|l| l.checked_mul(total_weight))
            .and_then(|d| d.checked_mul(UNIT_NZ));
        if let (Some(num), Some(den)) = (num, den) {
            return Some(Exact::over(num, den));
        }
    }
    let sum = parts.fold(Exact::ZERO, |acc, (w, agg)| {
        acc.add(&agg.exact().mul_int(w))
    });
    sum.div_int(weight)
}

#[cfg(test)]
mod trim_tests {
    use super::*;

    #[test]
    fn a_trimmed_mean_leaves_out_one_lowest_and_one_highest_from_three_sheets() {
        assert_eq!(
            trimmed_away(Aggregate::TrimmedMean, &[5, 1, 9, 1]),
            Some((1, 9))
        );
        assert_eq!(
            trimmed_away(Aggregate::TrimmedMean, &[4, 4, 4]),
            Some((4, 4))
        );
        assert_eq!(trimmed_away(Aggregate::TrimmedMean, &[3, 4]), None);
        assert_eq!(trimmed_away(Aggregate::Mean, &[5, 1, 9]), None);
        assert_eq!(trimmed_away(Aggregate::Median, &[5, 1, 9]), None);
        // The score uses the same: (5 + 1 + 9 + 1 − 1 − 9) / 2 = 3 units.
        let got = aggregate(Aggregate::TrimmedMean, &mut [5, 1, 9, 1])
            .ok()
            .map(|a| (a.num, a.den.get()));
        assert_eq!(got, Some((6, 2)));
    }
}
