//! The branch view (spec §8): competition ranking, grade distribution, the branch radar,
//! 共性问题 and quota advice — advice only, never a changed grade.

use crate::diag::{push_error, Code, Diagnostic};
use crate::exact::{Accumulator, Exact};
use crate::invariant::OrBroken;
use crate::model::*;
use crate::prepared::Prepared;

/// An excellent quota as written: a percent (`"20"`, `"12.5"`) or an exact share of the ranked
/// results (`"1/3"`, spec §11.8), as a percent; `None` when it is neither.
pub fn parse_quota(text: &str) -> Option<Exact> {
    if text.contains('/') {
        let (n, d) = text.split_once('/')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(n) || !digits(d) {
            return None;
        }
        Exact::parse_fraction(text).map(|share| share.mul_int(100))
    } else {
        Exact::parse_decimal(text)
    }
}

/// Builds the branch view of `results`, all scored against the prepared framework.
/// `excellent_quota` is a percent (0–100) of ranked results.
pub fn branch(
    scorer: &Prepared,
    results: &[ResultSummary],
    excellent_quota: Option<&Exact>,
) -> Result<BranchView, Vec<Diagnostic>> {
    let fw = scorer.framework();
    let mut errors = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let f = &r.framework;
        let digest_differs = f.digest != scorer.digest();
        if f.id != fw.id || f.version != fw.version {
            push_error(
                &mut errors,
                Diagnostic::new(
                    Code::FrameworkMismatch,
                    format!("/{i}/framework"),
                    en!(format!(
                        "result {i} was scored against framework {} version {}, not {} version {}",
                        f.id, f.version, fw.id, fw.version
                    )),
                    zh!(format!(
                        "第 {i} 个结果所用标准为 {} 版本 {},与 {} 版本 {} 不符",
                        f.id, f.version, fw.id, fw.version
                    )),
                ),
            );
        } else if digest_differs {
            let given = &f.digest;
            push_error(&mut errors, Diagnostic::new(
                Code::FrameworkMismatch,
                format!("/{i}/framework/digest"),
                en!(format!("result {i} was scored against a different text of {} version {} (digest {given}, expected {})", f.id, f.version, scorer.digest())),
                zh!(format!("第 {i} 个结果所用标准 {} 版本 {} 的内容不同(摘要 {given},应为 {})", f.id, f.version, scorer.digest())),
            ));
        }
    }
    if let Some(q) = excellent_quota {
        if q.is_negative() || *q > Exact::int(100) {
            push_error(&mut errors, Diagnostic::new(
                Code::OutOfRange,
                "/excellent_quota",
                en!(format!(
                    "the excellent quota must be a percent from 0 to 100 (a share at most 1), found {}",
                    q.to_fixed2()
                )),
                zh!(format!(
                    "优秀比例必须在 0 至 100 之间(分数不大于 1),实为 {}",
                    q.to_fixed2()
                )),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Competition ranking over complete results: equal exact totals share a rank (1, 2, 2, 4).
    let mut order: Vec<usize> = (0..results.len())
        .filter(|&i| results.get(i).is_some_and(|r| r.complete))
        .collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        match (results.get(a), results.get(b)) {
            (Some(x), Some(y)) => y.normalised_total.cmp(&x.normalised_total).then(a.cmp(&b)),
            _ => a.cmp(&b),
        }
    });
    let mut ranks = vec![None; results.len()];
    let mut previous: Option<(&Exact, u32)> = None;
    for (position, &i) in order.iter().enumerate() {
        let Some(r) = results.get(i) else { continue };
        let rank = match previous {
            Some((total, rank)) if *total == r.normalised_total => rank,
            _ => position as u32 + 1,
        };
        previous = Some((&r.normalised_total, rank));
        if let Some(slot) = ranks.get_mut(i) {
            *slot = Some(rank);
        }
    }
    let ranked = order.len() as u32;

    let best = fw.grades.first().map(|g| g.id.clone());
    let candidates: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| {
            results
                .get(i)
                .is_some_and(|r| r.grade.is_some() && r.grade == best)
        })
        .collect();
    let mut marks = vec![None; results.len()];
    let quota = excellent_quota.map(|q| -> Result<QuotaAdvice, Diagnostic> {
        let allowed = q
            .mul_int(i64::from(ranked))
            .div_int(100)
            .and_then(|x| x.floor_i64())
            .and_then(|x| usize::try_from(x).ok())
            .or_broken("a quota of at most 100 % of the results")?;
        let mut over_quota = Vec::new();
        let mut tie_at_cut = Vec::new();
        let total_of = |k: usize| {
            candidates
                .get(k)
                .and_then(|&i| results.get(i))
                .map(|r| &r.normalised_total)
        };
        // The cut falls between positions allowed − 1 and allowed; equal totals across it are a tie.
        let tie = if candidates.len() > allowed
            && allowed > 0
            && total_of(allowed - 1) == total_of(allowed)
        {
            total_of(allowed)
        } else {
            None
        };
        for (k, &i) in candidates.iter().enumerate() {
            let Some(r) = results.get(i) else { continue };
            let mark = match tie {
                Some(t) if r.normalised_total == *t => QuotaMark::TieAtCut,
                Some(t) if r.normalised_total > *t => QuotaMark::WithinQuota,
                Some(_) => QuotaMark::OverQuota,
                None if k < allowed => QuotaMark::WithinQuota,
                None => QuotaMark::OverQuota,
            };
            match mark {
                QuotaMark::OverQuota => over_quota.push(i as u32),
                QuotaMark::TieAtCut => tie_at_cut.push(i as u32),
                QuotaMark::WithinQuota => {}
            }
            if let Some(slot) = marks.get_mut(i) {
                *slot = Some(mark);
            }
        }
        Ok(QuotaAdvice {
            excellent_quota: q.clone(),
            allowed: allowed as u32,
            candidates: candidates.len() as u32,
            over_quota,
            tie_at_cut,
        })
    });
    let quota = quota.transpose().map_err(|e| vec![e])?;

    let entry = |i: usize| {
        let r = results.get(i)?;
        Some(RankEntry {
            index: i as u32,
            rank: ranks.get(i).copied().flatten(),
            subject: r.subject.clone(),
            period: r.period.clone(),
            complete: r.complete,
            total: r.total.clone(),
            normalised_total: r.normalised_total.clone(),
            grade: r.grade.clone(),
            quota: marks.get(i).copied().flatten(),
        })
    };
    let incomplete: Vec<usize> = (0..results.len())
        .filter(|&i| results.get(i).is_some_and(|r| !r.complete))
        .collect();
    let ranking = order
        .iter()
        .chain(&incomplete)
        .filter_map(|&i| entry(i))
        .collect();

    let grades = fw
        .grades
        .iter()
        .map(|g| GradeCount {
            grade: g.id.clone(),
            count: results
                .iter()
                .filter(|r| r.complete && r.grade.as_ref() == Some(&g.id))
                .count() as u32,
        })
        .collect();

    // One pass over the results (each result's parts and items are read once, in order: ten
    // thousand results do not fit a cache, so a pass per part or item cost a pass over memory),
    // summing as it goes (values gathered first and summed after were read from memory twice).
    let indicators: Vec<(&Dimension, &Indicator)> = fw.indicators().collect();
    let mut ratios = vec![Accumulator::new(); fw.dimensions.len()];
    let mut combined = vec![Accumulator::new(); indicators.len()];
    let mut below = vec![0i64; indicators.len()];
    let sixty_percent: Vec<Option<Exact>> = indicators
        .iter()
        .map(|(_, ind)| ind.points.exact().mul_int(3).div_int(5))
        .collect();
    for r in results {
        if r.complete {
            // The branch radar: over complete results (an incomplete one's unrated items would
            // pull it down).
            for ((k, d), out) in fw.dimensions.iter().enumerate().zip(&mut ratios) {
                if let Some(x) = at_or_find(&r.dimensions, k, &d.id, |x| &x.id) {
                    if let Some(ratio) = x.score.mul_int(100).div(&x.max) {
                        out.add(&ratio);
                    }
                }
            }
        }
        for (k, (_, ind)) in indicators.iter().enumerate() {
            let Some(x) = at_or_find(&r.indicators, k, &ind.id, |x| &x.id) else {
                continue;
            };
            if let (IndicatorStatus::Rated, Some(c)) = (x.status, &x.combined) {
                if let (Some(n), Some(sixty)) = (below.get_mut(k), sixty_percent.get(k)) {
                    *n += i64::from(sixty.as_ref().is_some_and(|s| c < s));
                }
                if let Some(sum) = combined.get_mut(k) {
                    sum.add(c);
                }
            }
        }
    }
    let dimensions = fw
        .dimensions
        .iter()
        .zip(ratios)
        .map(|(d, sum)| mean(d.id.clone(), &sum))
        .collect();

    let mut common_weaknesses: Vec<(usize, Weakness)> = indicators
        .iter()
        .zip(combined)
        .zip(below)
        .enumerate()
        .filter_map(|(k, (((dim, ind), sum), below))| {
            // Every result's points for an indicator are the framework's: sum C, divide once.
            let points = ind.points.exact();
            let rated = sum.count() as i64;
            let mean = sum.total().mul_int(100).div(&points.mul_int(rated))?;
            let rated = rated as u32;
            Some((
                k,
                Weakness {
                    indicator: ind.id.clone(),
                    dimension: dim.id.clone(),
                    rated,
                    mean_attainment: mean,
                    below_60_share: Exact::int(below * 100).div_int(i64::from(rated))?,
                },
            ))
        })
        .collect();
    crate::sort::sort_by(&mut common_weaknesses, |(i, x), (j, y)| {
        x.mean_attainment.cmp(&y.mean_attainment).then(i.cmp(j))
    });

    Ok(BranchView {
        schema: BranchSchema::V1,
        framework: scorer.stamp(),
        count: results.len() as u32,
        ranked,
        ranking,
        grades,
        incomplete: incomplete.len() as u32,
        dimensions,
        common_weaknesses: common_weaknesses.into_iter().map(|(_, w)| w).collect(),
        quota,
    })
}

/// The item with `id`: at position `k` when the result follows the framework's order (it does
/// when scored against it), else wherever it is.
fn at_or_find<'a, T>(
    items: &'a [T],
    k: usize,
    id: &Id,
    id_of: impl Fn(&T) -> &Id,
) -> Option<&'a T> {
    // Ids shared with the framework (a result scored here) compare by pointer.
    let same = |x: &&T| std::rc::Rc::ptr_eq(id_of(x), id) || id_of(x) == id;
    items
        .get(k)
        .filter(same)
        .or_else(|| items.iter().find(same))
}

fn mean(id: Id, sum: &Accumulator) -> DimensionMean {
    let n = sum.count() as i64;
    DimensionMean {
        id,
        results: n as u32,
        mean_ratio: sum.total().div_int(n),
    }
}
