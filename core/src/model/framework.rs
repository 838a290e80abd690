//! The framework (评价标准): dimensions, indicators, scales, sources, grades (SPEC 2.1).

use super::{Decimal, FrameworkSchema, Id, Text};
use serde::Serialize;

/// Who is assessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// 党组织
    Organization,
    /// 党员
    Member,
    /// 党务工作者
    PartyWorker,
}

/// The 分类 organisation types of 001 四, in that order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// A criteria set. Plain data; see [`crate::validate`] for its rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Framework {
    pub schema: FrameworkSchema,
    pub id: Id,
    pub version: String,
    pub subject: Subject,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_type: Option<OrgType>,
    pub dimensions: Vec<Dimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Adjustments>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deductions: Option<Adjustments>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<Veto>,
    pub grades: Vec<Grade>,
    pub sources: Vec<Source>,
}

/// 维度: one of the five 带头 / 好 / 强.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dimension {
    pub id: Id,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
    pub indicators: Vec<Indicator>,
}

/// 指标: one scoreable item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicator {
    pub id: Id,
    pub title: Text,
    /// 考察要点
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
    pub points: Decimal,
    pub scale: Scale,
    /// The sources that rate this indicator; `None` means every source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<Id>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub allow_na: bool,
}

/// How a sheet rates an indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Level {
    pub id: Id,
    pub label: Text,
    pub percent: u8,
    /// What this level looks like for this item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<Text>,
}

/// Bonus (加分) or deduction (扣分) items with their cap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Adjustments {
    pub cap: Decimal,
    pub items: Vec<AdjustmentItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdjustmentItem {
    pub id: Id,
    pub title: Text,
    pub points: Decimal,
}

/// 一票否决: a triggered veto caps the grade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Veto {
    pub id: Id,
    pub title: Text,
    pub caps_grade_at: Id,
}

/// 等次 of the result (优秀 / 合格 / 基本合格 / 不合格), best first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grade {
    pub id: Id,
    pub label: Text,
    pub min_total: Decimal,
    /// Every dimension must reach this percent of its max (dimension floor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_dimension_ratio: Option<u8>,
}

/// How the sheets of one source are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    Mean,
    Median,
    /// Drop one highest and one lowest when n >= 3, then mean.
    TrimmedMean,
}

/// 评议主体: 自评, 互评, 群众评议, 组织评价 …
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub id: Id,
    pub label: Text,
    pub weight: Decimal,
    pub aggregate: Aggregate,
    #[serde(skip_serializing_if = "is_one")]
    pub min_raters: u32,
    /// Below this many sheets only the aggregate is shown, and rater names never are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymous_min: Option<u32>,
}

fn is_one(n: &u32) -> bool {
    *n == 1
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
