//! The framework (评价标准, spec §2.2): dimensions, indicators, scales, sources, grades.

use super::{Ceiling, Decimal, FrameworkSchema, Id, MinRaters, Ratio, Signed, Text};
use crate::diag::Code;
use crate::read::{Reader, MAX_INDICATORS, MAX_SHEETS, MAX_SOURCES};
use cxzy_derive::{Describe, Read, Write};

/// Who is assessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case", name = "FrameworkSubject")]
pub enum Subject {
    /// 党组织
    Organization,
    /// 党员
    Member,
    /// 党务工作者
    PartyWorker,
}

/// The 分类 organisation types of seed 001 四, in that order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum OrgType {
    /// 农村
    Rural,
    /// 街道社区
    Community,
    /// 国有企业
    Soe,
    /// 机关
    Government,
    /// 高等学校
    University,
    /// 事业单位
    Institution,
    /// 非公有制经济组织和社会组织
    Nonpublic,
}

/// A framework (评价标准), `"schema": "cxzy/framework@1"`: a criteria set. Besides its shape, the
/// rules across its fields apply (spec §4.2: unique ids, references, grade and level order, steps).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Framework {
    pub schema: FrameworkSchema,
    /// `[a-z0-9][a-z0-9._-]{0,63}`; assessments and results name it.
    #[cxzy(with = crate::model::framework_id)]
    pub id: Id,
    pub version: String,
    /// Who is assessed.
    pub subject: Subject,
    pub title: Text,
    pub description: Option<Text>,
    /// The 分类 type; absent for general criteria.
    pub org_type: Option<OrgType>,
    /// 维度, in order; at least one.
    #[cxzy(max_items = MAX_INDICATORS)]
    pub dimensions: Vec<Dimension>,
    /// 加分项 with their cap.
    pub bonus: Option<Adjustments>,
    /// 扣分项 with their cap.
    pub deductions: Option<Adjustments>,
    /// 一票否决 items.
    #[cxzy(default)]
    pub vetoes: Vec<Veto>,
    /// 等次, best first; the last needs 0 points and has no dimension floor.
    pub grades: Vec<Grade>,
    /// 评议主体: who rates, with their weights.
    #[cxzy(max_items = MAX_SOURCES)]
    pub sources: Vec<Source>,
    /// Rules on the shares of a vote or of ticked conditions (spec §11.3).
    #[cxzy(since = 2, default, max_items = MAX_RULES)]
    pub rules: Vec<Rule>,
}

/// 维度: one of the five 带头 / 好 / 强.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Dimension {
    pub id: Id,
    pub title: Text,
    /// 考察要点 of the dimension.
    pub guidance: Option<Text>,
    /// 指标, in order; at least one.
    #[cxzy(max_items = MAX_INDICATORS)]
    pub indicators: Vec<Indicator>,
    /// The part's weight in the total: its score, in its own points, times this (spec §11.6).
    #[cxzy(since = 2)]
    pub weight: Option<Ratio>,
}

/// 指标: one scoreable item.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Indicator {
    /// Unique in the framework.
    pub id: Id,
    pub title: Text,
    /// 考察要点
    pub guidance: Option<Text>,
    /// Full points.
    pub points: Decimal,
    pub scale: Scale,
    /// The sources that rate this indicator; absent: every source.
    #[cxzy(max_items = MAX_SOURCES)]
    pub sources: Option<Vec<Id>>,
    /// Whether a rating may be "na" (not applicable).
    #[cxzy(default)]
    pub allow_na: bool,
    /// The least the item may score (default 0; below zero for 倒扣): spec §11.1.
    #[cxzy(since = 2)]
    pub min: Option<Signed>,
    /// The most the item may score (default its points; "none": 不设上限): spec §11.1.
    #[cxzy(since = 2)]
    pub max: Option<Ceiling>,
}

/// How a sheet rates an indicator.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
#[cxzy(tag = "kind", rename_all = "snake_case")]
pub enum Scale {
    /// Ordered best first; score = points × percent / 100.
    Levels { levels: Vec<Level> },
    /// Yes / no; score = points or 0.
    Check,
    /// A number in [0, points], a multiple of step.
    Points { step: Decimal },
    /// A count of lapses; score = max(0, points − count × per).
    Deduction { per: Decimal },
    /// Counted events (计次): the item starts full (or as `start` says) and each event moves it
    /// by its count (spec §11.1).
    #[cxzy(since = 2)]
    Events {
        /// Where the item starts: "full" (the default), "zero", or a number of points.
        start: Option<Start>,
        #[cxzy(max_items = MAX_EVENTS)]
        events: Vec<Event>,
    },
    /// A vote: each rater chooses one option (spec §11.3).
    #[cxzy(since = 2)]
    Vote {
        options: Vec<VoteOption>,
        /// Whether abstentions count in the base of a share (default: they do not).
        #[cxzy(default)]
        abstentions: Abstentions,
    },
    /// Listed conditions each rater may tick (不合格情形): spec §11.3.
    #[cxzy(since = 2)]
    Ticks { conditions: Vec<Condition> },
    /// Sub-items, each with its own scale, under the item's points (spec §11.7).
    #[cxzy(since = 2)]
    Items {
        #[cxzy(max_items = MAX_INDICATORS)]
        items: Vec<Indicator>,
    },
}

/// The most events one item may count.
pub const MAX_EVENTS: usize = 64;
/// The most rules one framework may have (spec §4.5).
pub const MAX_RULES: usize = 1_000;
/// The most conditions one grade may require (spec §4.5).
pub const MAX_CONDITIONS: usize = 64;

/// Where an item of counted events starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    Full,
    Zero,
    Points(Decimal),
}

impl crate::read::Read for Start {
    fn read(r: &mut Reader, v: crate::read::Node<'_>, p: &crate::read::Path<'_>) -> Option<Self> {
        match v.as_str() {
            Some("full") => Some(Start::Full),
            Some("zero") => Some(Start::Zero),
            _ => Decimal::read(r, v, p).map(Start::Points),
        }
    }
}

impl serde::Serialize for Start {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Start::Full => serializer.serialize_str("full"),
            Start::Zero => serializer.serialize_str("zero"),
            Start::Points(d) => d.serialize(serializer),
        }
    }
}

impl crate::shape::Describe for Start {
    fn shape() -> crate::shape::Shape {
        crate::shape::named(
            "Start",
            "Where an item of counted events starts: \"full\", \"zero\", or a number of points (a Decimal).",
            || crate::shape::Shape::Leaf(crate::shape::Leaf::Start),
        )
    }
}

/// An event counted inside an item (缺席, 迟到, 表扬 …): it moves the item by its count, either by
/// `per` for each occurrence or by its `steps`; from its `cutoff` on, the item scores 0 or full.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Event {
    pub id: Id,
    pub label: Text,
    /// The change for each occurrence (negative for a lapse, positive for a merit).
    pub per: Option<Signed>,
    /// The change by count: the step with the greatest count not above the count applies.
    #[cxzy(default)]
    pub steps: Vec<Step>,
    /// From this count on, the item scores 0 ("zero", 不得分) or full ("full", 得满分).
    pub cutoff: Option<Cutoff>,
}

/// One step of an event's table: from `at` occurrences on, the item changes by `change`.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Step {
    #[cxzy(min = 1, max = u32::MAX)]
    pub at: u32,
    pub change: Signed,
}

/// From `at` occurrences on, the item scores `score`.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Cutoff {
    #[cxzy(min = 1, max = u32::MAX)]
    pub at: u32,
    pub score: CutoffScore,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum CutoffScore {
    /// 不得分: the item scores 0.
    Zero,
    /// 得满分: the item scores its points.
    Full,
}

/// One option of a vote (优秀 / 合格 …, 满意 / 不满意, 信任 / 不信任).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct VoteOption {
    pub id: Id,
    pub label: Text,
    /// The share of the item's points this option gives (needed when the item has points).
    #[cxzy(max = 100)]
    pub percent: Option<u8>,
    /// An abstention (弃权, 不了解): counted apart, never in a score.
    #[cxzy(default)]
    pub abstain: bool,
}

/// Whether abstentions count in the base of a vote's shares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Abstentions {
    /// Shares are of the votes cast for an option.
    #[default]
    Exclude,
    /// Shares are of every ballot, abstentions included.
    Include,
}

/// A condition a rater may tick (不合格情形).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Condition {
    pub id: Id,
    pub label: Text,
}

/// 等次 of a levels scale (好 / 较好 / 一般 / 差).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Level {
    pub id: Id,
    pub label: Text,
    /// Share of the points this level gives, 0–100; strictly decreasing down the list.
    #[cxzy(max = 100)]
    pub percent: u8,
    /// What this level looks like for this item.
    pub descriptor: Option<Text>,
}

/// Bonus (加分) or deduction (扣分) items with their cap.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Adjustments {
    /// The most the claimed framework-wide items count for together; from version 2 it may be
    /// left out: 不设上限 (spec §11.2).
    #[cxzy(optional_since = 2)]
    pub cap: Option<Decimal>,
    pub items: Vec<AdjustmentItem>,
}

#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct AdjustmentItem {
    pub id: Id,
    pub title: Text,
    /// Points per claim (per count, for deductions).
    pub points: Decimal,
    /// The most this item counts for, whatever its count (spec §11.2).
    #[cxzy(since = 2)]
    pub cap: Option<Decimal>,
    /// Where it applies: one item or one part, floored and capped there (扣完为止); absent: the
    /// whole framework (spec §11.2).
    #[cxzy(since = 2)]
    pub scope: Option<Scope>,
}

/// One item or one part (exactly one of the two).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Scope {
    pub indicator: Option<Id>,
    pub dimension: Option<Id>,
}

/// 一票否决: a triggered veto caps the grade.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Veto {
    pub id: Id,
    pub title: Text,
    /// The best grade a result with this veto can have.
    pub caps_grade_at: Id,
}

/// 等次 of the result (优秀 / 合格 / 基本合格 / 不合格), best first.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Grade {
    pub id: Id,
    pub label: Text,
    /// The normalised total this grade needs.
    pub min_total: Decimal,
    /// Every dimension must reach this share of its max (dimension floor).
    pub min_dimension_ratio: Option<Ratio>,
    /// What else this grade needs (spec §11.5).
    #[cxzy(since = 2, default, max_items = MAX_CONDITIONS)]
    pub requires: Vec<Requirement>,
}

/// A condition of a grade (spec §11.5).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
#[cxzy(tag = "kind", rename_all = "snake_case")]
pub enum Requirement {
    /// A part reaches a number of points (its own points, before weighting).
    PartPoints { dimension: Id, min: Decimal },
    /// A part reaches a share of its max.
    PartShare { dimension: Id, share: Ratio },
    /// An item scores more than 0, or a bonus or deduction item is claimed.
    Present { item: Id },
    /// A rule has not fired.
    NotFired { rule: Id },
}

/// A rule on the shares of a vote or of a ticked condition (spec §11.3).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Rule {
    pub id: Id,
    pub title: Text,
    /// The vote or ticks indicator whose shares it reads.
    pub indicator: Id,
    /// The option (or condition); absent: any condition of a ticks indicator.
    pub option: Option<Id>,
    pub compare: Compare,
    pub share: Ratio,
    pub then: Effect,
}

/// How a share compares with its bound: 以上 / 以下 include the bound, 超过 / 不足 / 达不到 exclude it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Compare {
    /// 以上: share ≥ bound.
    AtLeast,
    /// 超过: share > bound.
    Above,
    /// 以下: share ≤ bound.
    AtMost,
    /// 不足, 达不到: share < bound.
    Below,
}

/// What a rule does when it fires.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
#[cxzy(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// The grade is at most this one (named, like a veto).
    CapGrade { grade: Id },
    /// These points are deducted from the total.
    Deduct { points: Decimal },
    /// The result is incomplete: no grade.
    Incomplete,
}

/// How the sheets of one source are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Aggregate {
    Mean,
    Median,
    /// Drop one highest and one lowest when n >= 3, then mean.
    TrimmedMean,
}

/// 评议主体: 自评, 互评, 群众评议, 组织评价 …
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
#[cxzy(check = Source::weighs, check_fields = (weight))]
pub struct Source {
    /// `self` is the self-assessment (自评).
    pub id: Id,
    pub label: Text,
    /// More than 0; weights renormalise over the sources present for an indicator.
    pub weight: Decimal,
    pub aggregate: Aggregate,
    /// Fewer sheet scores than this leave the source absent for an indicator; from version 2
    /// also a share of the eligible raters the assessment gives (spec §11.4).
    #[cxzy(default = MinRaters::Count(1))]
    pub min_raters: MinRaters,
    /// An anonymous source: below this many sheets only the aggregate is shown, and rater
    /// names never are.
    #[cxzy(min = 1, max = MAX_SHEETS)]
    pub anonymous_min: Option<u32>,
    /// A required source: absent for an indicator, it leaves the indicator unrated (no
    /// renormalisation over the others): spec §11.4.
    #[cxzy(since = 2, default)]
    pub required: bool,
}

impl Source {
    /// A source's weight is more than 0 (spec §2.2), checked once the source has read.
    fn weighs(r: &mut Reader, p: &crate::read::Path<'_>, weight: &Decimal) -> bool {
        if weight.cents() == 0 {
            r.err(
                Code::OutOfRange,
                &p.key("weight"),
                en!(format!(
                    "a source's weight must be more than 0, found {}",
                    weight.canonical()
                )),
                zh!(format!(
                    "评议主体的权重必须大于 0,实为 {}",
                    weight.canonical()
                )),
            );
            return false;
        }
        true
    }
}

impl Framework {
    /// An indicator or sub-item by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators().find_map(|(_, i)| {
            if &*i.id == id {
                return Some(i);
            }
            match &i.scale {
                Scale::Items { items } => items.iter().find(|s| &*s.id == id),
                _ => None,
            }
        })
    }

    /// All indicators in framework order, with their dimension.
    pub fn indicators(&self) -> impl Iterator<Item = (&Dimension, &Indicator)> {
        self.dimensions
            .iter()
            .flat_map(|d| d.indicators.iter().map(move |i| (d, i)))
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| &*s.id == id)
    }

    pub fn grade_index(&self, id: &str) -> Option<usize> {
        self.grades.iter().position(|g| &*g.id == id)
    }
}
