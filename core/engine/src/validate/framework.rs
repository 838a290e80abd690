//! The framework rules across fields (spec §4.2): duplicates, references, order, step — all
//! errors at once. They run once the framework's structure has read (spec §4.1): on a half-read
//! document they would report follow-on errors.

use super::{unique, unknown_ref};
use crate::diag::Code;
use crate::model::*;
use crate::read::{at, join, Reader, MAX_INDICATORS, MAX_SOURCES};
use crate::Diagnostic;
use std::collections::HashSet;

/// Every rule of spec §4.2 for a framework whose structure has read.
pub fn framework(fw: &Framework) -> Vec<Diagnostic> {
    let mut r = Reader::default();
    if fw.dimensions.is_empty() {
        r.err(
            Code::Empty,
            "/dimensions",
            en!("a framework needs at least one dimension"),
            zh!("评价标准至少需要一个维度"),
        );
    }
    if fw.sources.is_empty() {
        r.err(
            Code::Empty,
            "/sources",
            en!("a framework needs at least one source"),
            zh!("评价标准至少需要一个评议主体"),
        );
    }
    if fw.grades.is_empty() {
        r.err(
            Code::Empty,
            "/grades",
            en!("a framework needs at least one grade"),
            zh!("评价标准至少需要一个等次"),
        );
    }
    if fw.sources.len() > MAX_SOURCES {
        r.err(
            Code::TooMany,
            "/sources",
            en!(format!(
                "{} sources; at most {MAX_SOURCES} are allowed",
                fw.sources.len()
            )),
            zh!(format!(
                "共 {} 个评议主体,最多允许 {MAX_SOURCES} 个",
                fw.sources.len()
            )),
        );
    }
    let indicator_count: usize = fw
        .dimensions
        .iter()
        .flat_map(|d| &d.indicators)
        .map(|i| match &i.scale {
            Scale::Items { items } => 1 + items.len(),
            _ => 1,
        })
        .sum();
    if indicator_count > MAX_INDICATORS {
        r.err(
            Code::TooMany,
            "/dimensions",
            en!(format!(
                "{indicator_count} indicators; at most {MAX_INDICATORS} are allowed"
            )),
            zh!(format!(
                "共 {indicator_count} 个指标,最多允许 {MAX_INDICATORS} 个"
            )),
        );
    }

    unique(
        &mut r,
        (en!("dimension"), zh!("维度")),
        fw.dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| (&*dim.id, join(&at("/dimensions", d), "id"))),
    );
    unique(
        &mut r,
        (en!("indicator"), zh!("指标")),
        fw.dimensions.iter().enumerate().flat_map(|(d, dim)| {
            dim.indicators.iter().enumerate().flat_map(move |(i, ind)| {
                let p = format!("/dimensions/{d}/indicators/{i}");
                let subs: Vec<(&str, String)> = match &ind.scale {
                    Scale::Items { items } => items
                        .iter()
                        .enumerate()
                        .map(|(k, sub)| (&*sub.id, format!("{p}/scale/items/{k}/id")))
                        .collect(),
                    _ => Vec::new(),
                };
                std::iter::once((&*ind.id, format!("{p}/id"))).chain(subs)
            })
        }),
    );
    unique(
        &mut r,
        (en!("source"), zh!("评议主体")),
        fw.sources
            .iter()
            .enumerate()
            .map(|(i, s)| (&*s.id, format!("/sources/{i}/id"))),
    );
    unique(
        &mut r,
        (en!("grade"), zh!("等次")),
        fw.grades
            .iter()
            .enumerate()
            .map(|(i, g)| (&*g.id, format!("/grades/{i}/id"))),
    );
    unique(
        &mut r,
        (en!("veto"), zh!("否决项")),
        fw.vetoes
            .iter()
            .enumerate()
            .map(|(i, v)| (&*v.id, format!("/vetoes/{i}/id"))),
    );
    for (key, adj) in [("bonus", &fw.bonus), ("deductions", &fw.deductions)] {
        if let Some(adj) = adj {
            unique(
                &mut r,
                (en!("item"), zh!("加减分项")),
                adj.items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| (&*it.id, format!("/{key}/items/{i}/id"))),
            );
        }
    }

    for (d, dim) in fw.dimensions.iter().enumerate() {
        let dp = at("/dimensions", d);
        if dim.indicators.is_empty() {
            r.err(
                Code::Empty,
                &join(&dp, "indicators"),
                en!(format!("dimension \"{}\" has no indicators", dim.id)),
                zh!(format!("维度「{}」没有指标", dim.id)),
            );
        }
        for (i, ind) in dim.indicators.iter().enumerate() {
            indicator(&mut r, fw, ind, &format!("{dp}/indicators/{i}"));
        }
    }

    let grade_ids: HashSet<&str> = fw.grades.iter().map(|g| &*g.id).collect();
    for (i, veto) in fw.vetoes.iter().enumerate() {
        if !grade_ids.contains(&*veto.caps_grade_at) {
            unknown_ref(
                &mut r,
                &format!("/vetoes/{i}/caps_grade_at"),
                (en!("grade"), zh!("等次")),
                &veto.caps_grade_at,
            );
        }
    }

    for (i, pair) in fw.grades.windows(2).enumerate() {
        if let [better, worse] = pair {
            if worse.min_total > better.min_total {
                r.err(
                    Code::GradeOrder,
                    &format!("/grades/{}/min_total", i + 1),
                    en!(format!(
                        "grades go best first: \"{}\" needs {} but the better \"{}\" only {}",
                        worse.id,
                        worse.min_total.canonical(),
                        better.id,
                        better.min_total.canonical()
                    )),
                    zh!(format!(
                        "等次须由高到低排列:「{}」要求 {} 分,高于上一等次「{}」的 {} 分",
                        worse.id,
                        worse.min_total.canonical(),
                        better.id,
                        better.min_total.canonical()
                    )),
                );
            }
        }
    }
    if let Some(last) = fw.grades.last() {
        let lp = at("/grades", fw.grades.len() - 1);
        if last.min_total.cents() != 0 {
            r.err(
                Code::LastGrade,
                &join(&lp, "min_total"),
                en!("the last grade must need 0 points, so that every complete result has a grade"),
                zh!("最后一个等次的最低分必须为 0,使每个完整结果都有等次"),
            );
        }
        if last.min_dimension_ratio.is_some() {
            r.err(
                Code::LastGrade,
                &join(&lp, "min_dimension_ratio"),
                en!("the last grade cannot have a dimension floor, so that every complete result has a grade"),
                zh!("最后一个等次不能设置维度得分率下限,使每个完整结果都有等次"),
            );
        }
        if !last.requires.is_empty() {
            r.err(
                Code::LastGrade,
                &join(&lp, "requires"),
                en!("the last grade cannot have conditions, so that every complete result has a grade"),
                zh!("最后一个等次不能设置条件,使每个完整结果都有等次"),
            );
        }
    }
    super::framework2::rules(&mut r, fw);
    r.errors
}

/// The authoring checks (spec §4.7): what a framework being written must also pass before it is
/// published, on top of §4.2. Documents already in use are not refused by them.
pub fn authoring(fw: &Framework) -> Vec<Diagnostic> {
    let mut r = Reader::default();
    grade_reach(&mut r, fw);
    r.errors
}

/// A grade line above the most a result can reach (spec §4.7): F, plus the bonus cap. Checked
/// only where that most is bounded — no item may score above its points (`max`) and a bonus list
/// has a cap — and only on lines the order rule has not already refused.
fn grade_reach(r: &mut Reader, fw: &Framework) {
    fn bounded(ind: &Indicator) -> bool {
        ind.max.is_none()
            && match &ind.scale {
                Scale::Items { items } => items.iter().all(bounded),
                _ => true,
            }
    }
    let all_bounded = fw
        .dimensions
        .iter()
        .all(|d| d.indicators.iter().all(bounded));
    let bonus = match &fw.bonus {
        None => Some(crate::Exact::ZERO),
        Some(b) => b.cap.map(|c| c.exact()),
    };
    let (true, Some(bonus)) = (all_bounded, bonus) else {
        return;
    };
    let most = fw.dimensions.iter().fold(bonus, |sum, d| {
        let points = d
            .indicators
            .iter()
            .fold(crate::Exact::ZERO, |s, i| s.add(&i.points.exact()));
        sum.add(&match d.weight {
            Some(w) => points.mul(&w.exact()),
            None => points,
        })
    });
    let mut better: Option<Decimal> = None;
    for (g, grade) in fw.grades.iter().enumerate() {
        let in_order = better.is_none_or(|b| grade.min_total <= b);
        better = Some(grade.min_total);
        if in_order && grade.min_total.exact() > most {
            r.err(
                Code::OutOfRange,
                &format!("/grades/{g}/min_total"),
                en!(format!(
                    "grade \"{}\" needs {} points, more than the most a result can reach ({})",
                    grade.id,
                    grade.min_total.canonical(),
                    most.to_fixed2()
                )),
                zh!(format!(
                    "等次「{}」的总分线 {} 分高于可能达到的最高分 {} 分",
                    grade.id,
                    grade.min_total.canonical(),
                    most.to_fixed2()
                )),
            );
        }
    }
}

fn indicator(r: &mut Reader, fw: &Framework, ind: &Indicator, p: &str) {
    super::framework2::indicator(r, fw, ind, p);
    if let Some(sources) = &ind.sources {
        if sources.is_empty() {
            r.err(
                Code::Empty,
                &join(p, "sources"),
                en!("list at least one source, or leave out \"sources\" for all"),
                zh!("请至少列出一个评议主体,或省略 sources 表示全部"),
            );
        }
        for (s, id) in sources.iter().enumerate() {
            if fw.source(id).is_none() {
                unknown_ref(
                    r,
                    &format!("{p}/sources/{s}"),
                    (en!("source"), zh!("评议主体")),
                    id,
                );
            }
        }
        unique(
            r,
            (en!("source"), zh!("评议主体")),
            sources
                .iter()
                .enumerate()
                .map(|(s, id)| (&**id, format!("{p}/sources/{s}"))),
        );
    }
    match &ind.scale {
        Scale::Levels { levels } => {
            let lp = format!("{p}/scale/levels");
            if levels.len() < 2 {
                r.err(
                    Code::TooFewLevels,
                    &lp,
                    en!("a levels scale needs at least 2 levels"),
                    zh!("等次量表至少需要 2 个等次"),
                );
            }
            unique(
                r,
                (en!("level"), zh!("等次")),
                levels
                    .iter()
                    .enumerate()
                    .map(|(l, lv)| (&*lv.id, format!("{lp}/{l}/id"))),
            );
            for (l, pair) in levels.windows(2).enumerate() {
                if let [better, worse] = pair {
                    if worse.percent >= better.percent {
                        r.err(
                            Code::LevelOrder,
                            &format!("{lp}/{}/percent", l + 1),
                            en!(format!("levels go best first with strictly decreasing percents: {} follows {}", worse.percent, better.percent)),
                            zh!(format!("等次须由高到低、百分比严格递减:{} 排在 {} 之后", worse.percent, better.percent)),
                        );
                    }
                }
            }
        }
        Scale::Points { step } => {
            if step.cents() == 0 || ind.points.cents() % step.cents() != 0 {
                r.err(
                    Code::StepNotDividing,
                    &format!("{p}/scale/step"),
                    en!(format!(
                        "step {} does not divide the indicator's {} points",
                        step.canonical(),
                        ind.points.canonical()
                    )),
                    zh!(format!(
                        "步长 {} 不能整除该指标的分值 {}",
                        step.canonical(),
                        ind.points.canonical()
                    )),
                );
            }
        }
        Scale::Items { items } => {
            for (k, sub) in items.iter().enumerate() {
                indicator(r, fw, sub, &format!("{p}/scale/items/{k}"));
            }
        }
        Scale::Check
        | Scale::Deduction { .. }
        | Scale::Events { .. }
        | Scale::Vote { .. }
        | Scale::Ticks { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::read::document;

    fn fw(lines: &str, extra: &str) -> crate::Framework {
        let text = format!(
            r#"{{"schema": "cxzy/framework@2", "id": "t", "version": "1", "subject": "member",
            "title": {{"zh-Hans": "t"}}, {extra}
            "dimensions": [{{"id": "d", "title": {{"zh-Hans": "d"}}, "weight": "1/2", "indicators": [
                {{"id": "a", "title": {{"zh-Hans": "a"}}, "points": 10, "scale": {{"kind": "check"}}}},
                {{"id": "b", "title": {{"zh-Hans": "b"}}, "points": 10, "scale": {{"kind": "check"}}}}]}}],
            "grades": [{lines}],
            "sources": [{{"id": "self", "label": {{"zh-Hans": "自评"}}, "weight": 100, "aggregate": "mean", "min_raters": 1}}]}}"#
        );
        document(&text).unwrap()
    }

    fn paths(f: &crate::Framework) -> Vec<String> {
        assert!(super::framework(f).is_empty(), "{:?}", super::framework(f));
        super::authoring(f).into_iter().map(|d| d.path).collect()
    }

    #[test]
    fn a_grade_line_above_the_most_a_result_can_reach() {
        let lines = r#"{"id": "a", "label": {"zh-Hans": "优"}, "min_total": 12},
                       {"id": "b", "label": {"zh-Hans": "良"}, "min_total": 10},
                       {"id": "c", "label": {"zh-Hans": "差"}, "min_total": 0}"#;
        // F = 20 × 1/2 = 10: the first line is out of reach, the second just reachable.
        assert_eq!(paths(&fw(lines, "")), vec!["/grades/0/min_total"]);
        // A bonus cap of 2 lifts the most to 12.
        let bonus = r#""bonus": {"cap": 2, "items": [{"id": "x", "title": {"zh-Hans": "x"}, "points": 1}]},"#;
        assert!(paths(&fw(lines, bonus)).is_empty());
        // A bonus without a cap: no most to check against.
        let open = r#""bonus": {"items": [{"id": "x", "title": {"zh-Hans": "x"}, "points": 1}]},"#;
        assert!(paths(&fw(lines, open)).is_empty());
    }
}
