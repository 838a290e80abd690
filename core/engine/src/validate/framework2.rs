//! The framework rules of version 2's constructs (spec §4.2, §11): counted events, votes and
//! ticks, sub-items, bounds, scoped adjustments, rules on shares, grade conditions, weights.
//! A version-1 framework has none of them, so none of this can refuse it.

use super::{unique, unknown_ref};
use crate::diag::Code;
use crate::model::*;
use crate::read::{join, Reader};
use std::collections::{HashMap, HashSet};

/// The most options a vote, or conditions a ticks item, may list.
pub const MAX_OPTIONS: usize = 64;

/// An item's own rules of version 2 (its sub-items are checked as items of their own).
pub(super) fn indicator(r: &mut Reader, fw: &Framework, ind: &Indicator, p: &str) {
    let full = ind.points.cents();
    if let Some(min) = ind.min.filter(|m| m.cents() > full) {
        r.err(
            Code::OutOfRange,
            &join(p, "min"),
            en!(format!(
                "the least an item may score ({}) is more than its {} points",
                min.canonical(),
                ind.points.canonical()
            )),
            zh!(format!(
                "指标的最低分({})高于其分值 {}",
                min.canonical(),
                ind.points.canonical()
            )),
        );
    }
    if let Some(Ceiling::Value(max)) = ind
        .max
        .filter(|m| matches!(m, Ceiling::Value(v) if v.cents() < full))
    {
        r.err(
            Code::OutOfRange,
            &join(p, "max"),
            en!(format!(
                "the most an item may score ({}) is less than its {} points",
                max.canonical(),
                ind.points.canonical()
            )),
            zh!(format!(
                "指标的最高分({})低于其分值 {}",
                max.canonical(),
                ind.points.canonical()
            )),
        );
    }
    let sp = join(p, "scale");
    match &ind.scale {
        Scale::Events { events, start } => {
            let ceiling = match ind.max {
                None => Some(full),
                Some(Ceiling::Value(m)) => Some(m.cents()),
                Some(Ceiling::None) => None,
            };
            if let Some(Start::Points(s)) = start {
                if ceiling.is_some_and(|c| s.cents() > c) {
                    r.err(
                        Code::OutOfRange,
                        &join(&sp, "start"),
                        en!(format!(
                            "the item starts at {}, above the most it may score",
                            s.canonical()
                        )),
                        zh!(format!("指标的起始分 {} 高于其最高分", s.canonical())),
                    );
                }
            }
            if events.is_empty() {
                r.err(
                    Code::Empty,
                    &join(&sp, "events"),
                    en!("an item of counted events needs at least one event"),
                    zh!("计次指标至少需要一个计次事项"),
                );
            }
            unique(
                r,
                (en!("event"), zh!("计次事项")),
                events
                    .iter()
                    .enumerate()
                    .map(|(k, e)| (&*e.id, format!("{sp}/events/{k}/id"))),
            );
            for (k, e) in events.iter().enumerate() {
                event(r, e, &format!("{sp}/events/{k}"));
            }
        }
        Scale::Vote { options, .. } => {
            let op = join(&sp, "options");
            if options.iter().filter(|o| !o.abstain).count() < 2 {
                r.err(
                    Code::TooFewLevels,
                    &op,
                    en!("a vote needs at least 2 options that are not abstentions"),
                    zh!("投票至少需要 2 个非弃权选项"),
                );
            }
            too_many(r, &op, options.len());
            unique(
                r,
                (en!("option"), zh!("选项")),
                options
                    .iter()
                    .enumerate()
                    .map(|(k, o)| (&*o.id, format!("{op}/{k}/id"))),
            );
            for (k, o) in options.iter().enumerate() {
                let kp = format!("{op}/{k}");
                if o.abstain && o.percent.is_some() {
                    r.err(
                        Code::InvalidValue,
                        &join(&kp, "percent"),
                        en!("an abstention gives no score: leave out its percent"),
                        zh!("弃权不计分:请去掉其 percent"),
                    );
                }
                if !o.abstain && o.percent.is_none() && full > 0 {
                    r.err(
                        Code::MissingField,
                        &join(&kp, "percent"),
                        en!("an item with points needs the percent of each option"),
                        zh!("有分值的投票指标须为每个选项给出 percent"),
                    );
                }
            }
        }
        Scale::Ticks { conditions } => {
            let cp = join(&sp, "conditions");
            if conditions.is_empty() {
                r.err(
                    Code::Empty,
                    &cp,
                    en!("a ticks item needs at least one condition"),
                    zh!("勾选指标至少需要一个情形"),
                );
            }
            too_many(r, &cp, conditions.len());
            unique(
                r,
                (en!("condition"), zh!("情形")),
                conditions
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (&*c.id, format!("{cp}/{k}/id"))),
            );
            if full != 0 {
                r.err(
                    Code::OutOfRange,
                    &join(p, "points"),
                    en!("ticked conditions give no score: a ticks item has 0 points"),
                    zh!("勾选情形不计分:勾选指标的分值须为 0"),
                );
            }
        }
        Scale::Items { items } => {
            if items.is_empty() {
                r.err(
                    Code::Empty,
                    &join(&sp, "items"),
                    en!("an item with sub-items needs at least one"),
                    zh!("含子项的指标至少需要一个子项"),
                );
            }
            for (k, sub) in items.iter().enumerate() {
                if matches!(sub.scale, Scale::Items { .. }) {
                    r.err(
                        Code::NestedItems,
                        &format!("{sp}/items/{k}/scale"),
                        en!("a sub-item cannot hold sub-items of its own"),
                        zh!("子项不能再含子项"),
                    );
                }
            }
        }
        Scale::Levels { .. } | Scale::Check | Scale::Points { .. } | Scale::Deduction { .. } => {}
    }
    let _ = fw;
}

fn too_many(r: &mut Reader, p: &str, n: usize) {
    if n > MAX_OPTIONS {
        r.err(
            Code::TooMany,
            p,
            en!(format!("{n} options; at most {MAX_OPTIONS} are allowed")),
            zh!(format!("共 {n} 个选项,最多允许 {MAX_OPTIONS} 个")),
        );
    }
}

/// An event moves its item by `per` or by `steps` (not both); its steps go up by count and its
/// cut-off comes after them.
fn event(r: &mut Reader, e: &Event, p: &str) {
    match (e.per, e.steps.is_empty(), &e.cutoff) {
        (Some(_), false, _) => r.err(
            Code::InvalidValue,
            &join(p, "steps"),
            en!(format!(
                "event \"{}\" gives both per and steps: give one",
                e.id
            )),
            zh!(format!(
                "计次事项「{}」同时给出 per 和 steps:只能给出一种",
                e.id
            )),
        ),
        (None, true, None) => r.err(
            Code::MissingField,
            &join(p, "per"),
            en!(format!(
                "event \"{}\" changes nothing: give per, steps or a cutoff",
                e.id
            )),
            zh!(format!(
                "计次事项「{}」不改变得分:请给出 per、steps 或 cutoff",
                e.id
            )),
        ),
        _ => {}
    }
    for (k, pair) in e.steps.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.at <= a.at {
                r.err(
                    Code::StepOrder,
                    &format!("{p}/steps/{}/at", k + 1),
                    en!(format!(
                        "steps go up by count: {} comes after {}",
                        b.at, a.at
                    )),
                    zh!(format!("计次档次须按次数递增:{} 排在 {} 之后", b.at, a.at)),
                );
            }
        }
    }
    if let (Some(c), Some(last)) = (&e.cutoff, e.steps.last()) {
        if c.at <= last.at {
            r.err(
                Code::StepOrder,
                &format!("{p}/cutoff/at"),
                en!(format!(
                    "the cut-off ({}) must come after the last step ({})",
                    c.at, last.at
                )),
                zh!(format!(
                    "封顶次数({})须大于最后一档的次数({})",
                    c.at, last.at
                )),
            );
        }
    }
}

/// The framework-wide rules of version 2: weights, scoped adjustments, rules on shares, the
/// conditions of grades.
pub(super) fn rules(r: &mut Reader, fw: &Framework) {
    // Every reference below is looked up by id once: a framework may hold 10,000 items and
    // 100,000 bonus items, each scope, rule and condition naming one.
    let items: HashMap<&str, &Indicator> = fw
        .indicators()
        .flat_map(|(_, i)| {
            let subs: &[Indicator] = match &i.scale {
                Scale::Items { items } => items,
                _ => &[],
            };
            std::iter::once(i).chain(subs)
        })
        .map(|i| (&*i.id, i))
        .collect();
    let parts: HashSet<&str> = fw.dimensions.iter().map(|d| &*d.id).collect();
    let grades: HashSet<&str> = fw.grades.iter().map(|g| &*g.id).collect();
    let rule_ids: HashSet<&str> = fw.rules.iter().map(|x| &*x.id).collect();
    let adjustments: HashSet<&str> = fw
        .bonus
        .iter()
        .chain(&fw.deductions)
        .flat_map(|a| a.items.iter().map(|x| &*x.id))
        .collect();
    for (d, dim) in fw.dimensions.iter().enumerate() {
        if dim.weight.is_some_and(|w| !w.exact().is_positive()) {
            r.err(
                Code::OutOfRange,
                &format!("/dimensions/{d}/weight"),
                en!("a part's weight must be more than 0"),
                zh!("部分的权重必须大于 0"),
            );
        }
    }
    if fw.schema.version() >= 2 {
        // A claim names an item by id alone (`adjustments`): one id, one item of the two lists.
        // Each list's own repeats are reported by the rules of version 1.
        let bonus: HashSet<&str> = fw
            .bonus
            .iter()
            .flat_map(|a| a.items.iter().map(|it| &*it.id))
            .collect();
        let mut seen: HashSet<&str> = HashSet::new();
        for (k, it) in fw
            .deductions
            .iter()
            .flat_map(|a| a.items.iter().enumerate())
        {
            // A repeat within the list is §4.2's to report, once.
            if seen.insert(&*it.id) && bonus.contains(&*it.id) {
                r.err(
                    Code::DuplicateId,
                    &format!("/deductions/items/{k}/id"),
                    en!(format!(
                        "bonus or deduction item id \"{}\" is used more than once: a claim names one item",
                        it.id
                    )),
                    zh!(format!("加减分项标识「{}」重复:一项认定只能对应一个项目", it.id)),
                );
            }
        }
    }
    for (key, list) in [("bonus", &fw.bonus), ("deductions", &fw.deductions)] {
        for (k, it) in list.iter().flat_map(|a| a.items.iter().enumerate()) {
            let Some(scope) = &it.scope else { continue };
            let sp = format!("/{key}/items/{k}/scope");
            match (&scope.indicator, &scope.dimension) {
                (Some(i), None) => {
                    if !items.contains_key(&**i) {
                        unknown_ref(
                            r,
                            &join(&sp, "indicator"),
                            (en!("indicator"), zh!("指标")),
                            i,
                        );
                    }
                }
                (None, Some(d)) => {
                    if !parts.contains(&**d) {
                        unknown_ref(
                            r,
                            &join(&sp, "dimension"),
                            (en!("dimension"), zh!("维度")),
                            d,
                        );
                    }
                }
                _ => r.err(
                    Code::InvalidValue,
                    &sp,
                    en!("a scope names one item (indicator) or one part (dimension)"),
                    zh!("适用范围须指明一个指标(indicator)或一个部分(dimension)"),
                ),
            }
        }
    }
    unique(
        r,
        (en!("rule"), zh!("规则")),
        fw.rules
            .iter()
            .enumerate()
            .map(|(k, x)| (&*x.id, format!("/rules/{k}/id"))),
    );
    for (k, rule) in fw.rules.iter().enumerate() {
        let rp = format!("/rules/{k}");
        match items.get(&*rule.indicator).map(|i| &i.scale) {
            None => unknown_ref(
                r,
                &join(&rp, "indicator"),
                (en!("indicator"), zh!("指标")),
                &rule.indicator,
            ),
            Some(Scale::Vote { options, .. }) => match &rule.option {
                Some(o) if !options.iter().any(|x| x.id == *o) => unknown_option(r, &rp, o),
                None => r.err(
                    Code::MissingField,
                    &join(&rp, "option"),
                    en!("a rule on a vote names the option whose share it reads"),
                    zh!("投票规则须指明所计的选项"),
                ),
                _ => {}
            },
            Some(Scale::Ticks { conditions }) => {
                if let Some(o) = rule
                    .option
                    .as_ref()
                    .filter(|o| !conditions.iter().any(|x| x.id == **o))
                {
                    unknown_option(r, &rp, o);
                }
            }
            Some(_) => r.err(
                Code::NotATally,
                &join(&rp, "indicator"),
                en!(format!(
                    "indicator \"{}\" is not a vote or ticks: a rule reads shares of votes",
                    rule.indicator
                )),
                zh!(format!(
                    "指标「{}」不是投票或勾选指标:规则只能读取票数占比",
                    rule.indicator
                )),
            ),
        }
        if let Effect::CapGrade { grade } = &rule.then {
            if !grades.contains(&**grade) {
                unknown_ref(
                    r,
                    &format!("{rp}/then/grade"),
                    (en!("grade"), zh!("等次")),
                    grade,
                );
            }
        }
    }
    for (g, grade) in fw.grades.iter().enumerate() {
        for (k, req) in grade.requires.iter().enumerate() {
            let qp = format!("/grades/{g}/requires/{k}");
            match req {
                Requirement::PartPoints { dimension, .. }
                | Requirement::PartShare { dimension, .. } => {
                    if !parts.contains(&**dimension) {
                        unknown_ref(
                            r,
                            &join(&qp, "dimension"),
                            (en!("dimension"), zh!("维度")),
                            dimension,
                        );
                    }
                }
                Requirement::Present { item } => {
                    if !items.contains_key(&**item) && !adjustments.contains(&**item) {
                        unknown_ref(r, &join(&qp, "item"), (en!("item"), zh!("项目")), item);
                    }
                }
                Requirement::NotFired { rule } => {
                    if !rule_ids.contains(&**rule) {
                        unknown_ref(r, &join(&qp, "rule"), (en!("rule"), zh!("规则")), rule);
                    }
                }
            }
        }
    }
}

fn unknown_option(r: &mut Reader, rp: &str, o: &str) {
    r.err(
        Code::UnknownOption,
        &join(rp, "option"),
        en!(format!("\"{o}\" is not an option of the rule's indicator")),
        zh!(format!("「{o}」不是该规则所读指标的选项")),
    );
}
