//! Dimensions and totals (spec §5.4, §5.5; §11.2, §11.6): dimension scores and maxima, bonus and
//! deductions under their caps and in their scopes, parts weighted into the total, the total
//! floored at 0, and the normalised total grades are read on.

use crate::diag::Diagnostic;
use crate::exact::Exact;
use crate::index::{AdjustmentScope, Index};
use crate::invariant::OrBroken;
use crate::model::*;

/// The bonus and deduction items claimed (`true` for a bonus item), with their counts, in the
/// order claimed: `bonus` (one each), `deductions`, then `adjustments` (spec §4.3 makes each
/// item claimed once; in version 2 an id names one item of the two lists); grouped by scope once,
/// so that each item and part finds its own claims without reading the others'.
pub(crate) struct Claims {
    all: Vec<(bool, Id, u32)>,
    /// Per scope, the positions in `all` of its claims, in order; sorted by scope. (Looked up
    /// once per item: a binary search compares a few ids, where a hash map hashed each item's.)
    by_scope: Vec<(AdjustmentScope, Vec<usize>)>,
}

impl Claims {
    pub fn of(a: &Assessment, index: &Index) -> Claims {
        let all: Vec<(bool, Id, u32)> = a
            .bonus
            .iter()
            .map(|id| (true, id.clone(), 1))
            .chain(
                a.deductions
                    .iter()
                    .map(|c| (false, c.item.clone(), c.count)),
            )
            .chain(
                a.adjustments
                    .iter()
                    .map(|c| (index.bonus.contains_key(&c.item), c.item.clone(), c.count)),
            )
            .collect();
        let mut scoped: Vec<(&AdjustmentScope, usize)> = all
            .iter()
            .enumerate()
            .filter_map(|(k, (bonus, id, _))| Some((&index.adjustment(*bonus, id)?.scope, k)))
            .collect();
        // Stable: each scope's claims stay in the order they were made.
        crate::sort::sort_by(&mut scoped, |x, y| x.0.cmp(y.0));
        let mut by_scope: Vec<(AdjustmentScope, Vec<usize>)> = Vec::new();
        for (scope, k) in scoped {
            match by_scope.last_mut() {
                Some((last, ks)) if last == scope => ks.push(k),
                _ => by_scope.push((scope.clone(), vec![k])),
            }
        }
        Claims { all, by_scope }
    }

    /// The ids claimed.
    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.all
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(_, id, _)| id)
    }

    /// The claimed items of `scope`, applied: their sum (bonus adds, deduction takes away), and
    /// each one's part. An item counts points × count, at most its own cap (spec §11.2).
    pub fn scoped(
        &self,
        index: &Index,
        scope: &AdjustmentScope,
    ) -> (Exact, Vec<AppliedAdjustment>) {
        let (total, applied) = self.scoped_kinds(index, scope);
        (total, applied.into_iter().map(|(_, x)| x).collect())
    }

    /// As [`Claims::scoped`], each applied item with whether it is a bonus item.
    fn scoped_kinds(
        &self,
        index: &Index,
        scope: &AdjustmentScope,
    ) -> (Exact, Vec<(bool, AppliedAdjustment)>) {
        let mut total = Exact::ZERO;
        let mut applied = Vec::new();
        let claimed = match self.by_scope.binary_search_by(|(s, _)| s.cmp(scope)) {
            Ok(i) => self.by_scope.get(i).map(|(_, ks)| ks.as_slice()),
            Err(_) => None,
        };
        for k in claimed.into_iter().flatten() {
            let Some((bonus, id, count)) = self.all.get(*k) else {
                continue;
            };
            let Some(item) = index.adjustment(*bonus, id) else {
                continue;
            };
            let amount = item_amount(item.points, item.cap, *count);
            let amount = if item.bonus { amount } else { amount.neg() };
            total = total.add(&amount);
            applied.push((
                *bonus,
                AppliedAdjustment {
                    item: id.clone(),
                    count: *count,
                    amount,
                },
            ));
        }
        (total, applied)
    }
}

/// points × count, at most `cap` (hundredths).
fn item_amount(points: i64, cap: Option<i64>, count: u32) -> Exact {
    let sum = Exact::cents(points).mul_int(i64::from(count));
    match cap {
        Some(c) => sum.min(Exact::cents(c)),
        None => sum,
    }
}

/// The framework-wide bonus and deduction (spec §5.5, §11.2): each list's claimed items summed,
/// at most the list's cap (none: 不设上限); with what each item counted for.
pub(crate) fn framework_adjustments(
    fw: &Framework,
    index: &Index,
    claims: &Claims,
) -> Result<(Exact, Exact, Vec<AppliedAdjustment>), Diagnostic> {
    let (_, applied) = claims.scoped_kinds(index, &AdjustmentScope::Framework);
    let mut sums = [Exact::ZERO, Exact::ZERO];
    for (k, (list, bonus)) in [(&fw.bonus, true), (&fw.deductions, false)]
        .into_iter()
        .enumerate()
    {
        let Some(list) = list else { continue };
        // A bonus adds (a positive amount), a deduction takes away (a negative one).
        let parts: Vec<Exact> = applied
            .iter()
            .filter(|(b, _)| *b == bonus)
            .map(|(_, x)| {
                if bonus {
                    x.amount.clone()
                } else {
                    x.amount.neg()
                }
            })
            .collect();
        let sum = Exact::sum(&parts);
        *sums.get_mut(k).or_broken("two lists")? = match list.cap {
            Some(cap) => sum.min(cap.exact()),
            None => sum,
        };
    }
    let [bonus, deduction] = sums;
    Ok((
        bonus,
        deduction,
        applied.into_iter().map(|(_, x)| x).collect(),
    ))
}

/// What turns a base into the total and the normalised total.
pub(crate) struct Totals {
    pub bonus: Exact,
    pub deduction: Exact,
    pub max: Exact,
    pub framework_max: Exact,
}

impl Totals {
    /// Total = max(0, Base + Bonus − Deduction); normalised = Total × framework max / Max
    /// (the total itself when Max is 0: nothing applicable is left to scale by).
    pub fn of(&self, base: &Exact) -> (Exact, Exact) {
        let total = base.add(&self.bonus).sub(&self.deduction).max(Exact::ZERO);
        let normalised = if self.max == self.framework_max {
            total.clone()
        } else {
            match total.mul(&self.framework_max).div(&self.max) {
                Some(n) => n,
                // Max is 0: every indicator is N/A (spec §5.5).
                None => total.clone(),
            }
        };
        (total, normalised)
    }
}

/// A dimension's score D and max M (spec §5.4), after its own bonus and deductions (spec
/// §11.2), with its weight in the total (spec §11.6).
#[derive(Clone)]
pub(crate) struct DimensionTotal {
    /// The sum of its items' combined scores, before its own adjustments.
    pub raw: Exact,
    pub score: Exact,
    pub max: Exact,
    pub weight: Option<Exact>,
    /// Its own bonus and deductions (spec §11.2), when it has any.
    pub amount: Option<Exact>,
}

impl DimensionTotal {
    /// Whether D reaches `ratio` (0–1) of M (a dimension with M = 0 always does).
    pub fn reaches(&self, ratio: &Exact) -> bool {
        !self.max.is_positive() || self.score >= self.max.mul(ratio)
    }

    /// Its part of the base: D, times its weight where it has one.
    pub fn weighted(&self) -> Exact {
        match &self.weight {
            Some(w) => self.score.mul(w),
            None => self.score.clone(),
        }
    }

    /// Its part of Max.
    pub fn weighted_max(&self) -> Exact {
        match &self.weight {
            Some(w) => self.max.mul(w),
            None => self.max.clone(),
        }
    }

    /// The score for a raw sum: the sum plus its own adjustments `amount`, within 0 and M when
    /// it has adjustments (扣完为止), and which bound cut it.
    pub fn settle(raw: &Exact, amount: Option<&Exact>, max: &Exact) -> (Exact, Option<Bounded>) {
        let Some(amount) = amount else {
            return (raw.clone(), None);
        };
        let v = raw.add(amount);
        if v.is_negative() {
            (Exact::ZERO, Some(Bounded::Floor))
        } else if v > *max {
            (max.clone(), Some(Bounded::Ceiling))
        } else {
            (v, None)
        }
    }
}
