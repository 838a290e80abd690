//! The framework (评价标准, spec §2.2): dimensions, indicators, scales, sources, grades.

use super::{Decimal, FrameworkSchema, Id, Text};
use crate::diag::Code;
use crate::read::{join, Reader, MAX_INDICATORS, MAX_SHEETS, MAX_SOURCES};
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
    /// The most the claimed items count for together.
    pub cap: Decimal,
    pub items: Vec<AdjustmentItem>,
}

#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct AdjustmentItem {
    pub id: Id,
    pub title: Text,
    /// Points per claim (per count, for deductions).
    pub points: Decimal,
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
    /// Every dimension must reach this percent of its max (dimension floor).
    #[cxzy(max = 100)]
    pub min_dimension_ratio: Option<u8>,
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
    /// Fewer sheet scores than this leave the source absent for an indicator.
    #[cxzy(default = 1, min = 1, max = MAX_SHEETS)]
    pub min_raters: u32,
    /// An anonymous source: below this many sheets only the aggregate is shown, and rater
    /// names never are.
    #[cxzy(min = 1, max = MAX_SHEETS)]
    pub anonymous_min: Option<u32>,
}

impl Source {
    /// A source's weight is more than 0 (spec §2.2), checked once the source has read.
    fn weighs(r: &mut Reader, p: &str, weight: &Decimal) -> bool {
        if weight.cents() == 0 {
            r.err(
                Code::OutOfRange,
                &join(p, "weight"),
                format!(
                    "a source's weight must be more than 0, found {}",
                    weight.canonical()
                ),
                format!("评议主体的权重必须大于 0,实为 {}", weight.canonical()),
            );
            return false;
        }
        true
    }
}

impl Framework {
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
