//! The TypeScript face of the documents: mirror types whose only job is the `.d.ts` (tsify).
//!
//! cxzy-core writes its documents with hand-made serialisers (amounts as "87.50" with an
//! `_exact` sibling, nested explanations), so deriving TypeScript from its model types would
//! describe the wrong JSON. These mirrors describe the JSON itself; `tests/types.rs` reads every
//! golden vector's documents into them with unknown fields denied and writes them back
//! unchanged, so a field added, renamed or dropped in core fails a test instead of drifting.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use tsify::Tsify;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const ALIASES: &'static str = r#"
/** A decimal with at most 2 fractional digits, 0 ≤ x ≤ 100000: a JSON number or a string ("87.5"). */
export type Decimal = number | string;
/** An amount in a result: exactly 2 fractional digits ("87.50"); see the sibling `<name>_exact`. */
export type Amount = string;
/** An exact value "n/d" in lowest terms, present where the amount is not a 2-decimal number. */
export type Fraction = string;
/** An ISO date, YYYY-MM-DD. */
export type IsoDate = string;
/** A rating: a level id (levels), true/false (check), a Decimal (points), a count (deduction), or "na". */
export type Rating = string | number | boolean;
"#;

// ---------------------------------------------------------------------------------------------
// Shared parts.

/// A text in the three languages; zh-Hans is required, the others fall back to it.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    #[serde(rename = "zh-Hant", default, skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// The language of messages: zh-Hans (default), zh-Hant (zh-Hans messages), en.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
pub enum Lang {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
}

/// Which framework an assessment or result belongs to (`digest` is always set in results).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// Who and what is assessed: free text, never required.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SubjectInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[tsify(type = "IsoDate")]
    pub start: String,
    #[tsify(type = "IsoDate")]
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// cxzy/framework@1

/// A framework (评价标准), `"schema": "cxzy/framework@1"`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    #[tsify(type = "\"cxzy/framework@1\"")]
    pub schema: String,
    pub id: String,
    pub version: String,
    pub subject: FrameworkSubject,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_type: Option<OrgType>,
    pub dimensions: Vec<Dimension>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Adjustments>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductions: Option<Adjustments>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vetoes: Option<Vec<Veto>>,
    pub grades: Vec<Grade>,
    pub sources: Vec<Source>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum FrameworkSubject {
    Organization,
    Member,
    PartyWorker,
}

/// The 分类 types of 001 四, in that order.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum OrgType {
    Rural,
    Community,
    Soe,
    Government,
    University,
    Institution,
    Nonpublic,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
    pub indicators: Vec<Indicator>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
    #[tsify(type = "Decimal")]
    pub points: Value,
    pub scale: Scale,
    /// Default: every source rates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_na: Option<bool>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scale {
    /// Ordered best first, percents strictly decreasing: score = points × percent / 100.
    Levels { levels: Vec<Level> },
    /// Yes or no: score = points or 0.
    Check,
    /// A number in [0, points], a multiple of step.
    Points {
        #[tsify(type = "Decimal")]
        step: Value,
    },
    /// A count n of lapses: score = max(0, points − n × per).
    Deduction {
        #[tsify(type = "Decimal")]
        per: Value,
    },
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: Text,
    /// 0..=100
    pub percent: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<Text>,
}

/// Bonus (加分) or deduction (扣分) items, with a cap on their sum.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Adjustments {
    #[tsify(type = "Decimal")]
    pub cap: Value,
    pub items: Vec<AdjustmentItem>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentItem {
    pub id: String,
    pub title: Text,
    #[tsify(type = "Decimal")]
    pub points: Value,
}

/// 一票否决: when triggered, the grade is at most `caps_grade_at`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Veto {
    pub id: String,
    pub title: Text,
    pub caps_grade_at: String,
}

/// Grades are ordered best first; the last needs 0 points.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub id: String,
    pub label: Text,
    #[tsify(type = "Decimal")]
    pub min_total: Value,
    /// Percent 0..=100 every dimension must reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_dimension_ratio: Option<u32>,
}

/// A rating source (自评, 互评, 群众评议, 组织评价 …).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub label: Text,
    #[tsify(type = "Decimal")]
    pub weight: Value,
    pub aggregate: Aggregate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_raters: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_min: Option<u32>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    Mean,
    Median,
    TrimmedMean,
}

// ---------------------------------------------------------------------------------------------
// cxzy/assessment@1

/// An assessment (测评), `"schema": "cxzy/assessment@1"`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[tsify(type = "\"cxzy/assessment@1\"")]
    pub schema: String,
    pub framework: FrameworkRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<SubjectInfo>,
    pub period: Period,
    /// "Today" for overdue commitments; default period.end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "IsoDate")]
    pub as_of: Option<String>,
    pub sheets: Vec<Sheet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductions: Option<Vec<DeductionClaim>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vetoes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitments: Option<Vec<Commitment>>,
}

/// One rater's sheet; a missing rating key means "not rated yet".
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "IsoDate")]
    pub submitted: Option<String>,
    #[tsify(type = "Record<string, Rating>")]
    pub ratings: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Record<string, string>")]
    pub notes: Option<BTreeMap<String, String>>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeductionClaim {
    pub item: String,
    pub count: u64,
}

/// 公开承诺.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    #[tsify(type = "IsoDate")]
    pub due: String,
    pub status: CommitmentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "IsoDate")]
    pub done_on: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

// ---------------------------------------------------------------------------------------------
// cxzy/result@1

/// A result (测评结果), `"schema": "cxzy/result@1"`. Amounts are "87.50" strings; where the exact
/// value is not a 2-decimal number, `<name>_exact` holds it as "n/d".
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScoreResult {
    #[tsify(type = "\"cxzy/result@1\"")]
    pub schema: String,
    pub framework: FrameworkRef,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    #[tsify(type = "Amount")]
    pub total: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub total_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub max: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub max_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub normalised_total: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub normalised_total_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub bonus: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub bonus_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub deduction: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub deduction_exact: Option<String>,
    /// The grade id; null until complete.
    pub grade: Option<String>,
    pub grade_reason: GradeReason,
    pub grade_detail: GradeDetail,
    pub dimensions: Vec<DimensionResult>,
    pub indicators: Vec<IndicatorResult>,
    pub gaps: Vec<Gap>,
    /// null at the best grade.
    pub to_next_grade: Option<ToNextGrade>,
    pub plan: Vec<PlanStep>,
    pub perception: Vec<Perception>,
    pub commitments: CommitmentSummary,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum GradeReason {
    Threshold,
    DimensionFloor,
    Veto,
    Incomplete,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GradeDetail {
    pub threshold_grade: Option<String>,
    pub floor_failures: Vec<String>,
    pub vetoes: Vec<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DimensionResult {
    pub id: String,
    #[tsify(type = "Amount")]
    pub score: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub score_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub max: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub max_exact: Option<String>,
    /// D / M in percent; null when the max is 0.
    #[tsify(type = "Amount | null")]
    pub ratio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub ratio_exact: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    pub id: String,
    pub dimension: String,
    #[tsify(type = "Amount")]
    pub points: String,
    pub status: IndicatorStatus,
    #[tsify(type = "Amount | null")]
    pub combined: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub combined_exact: Option<String>,
    #[tsify(type = "Amount | null")]
    pub lost: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub lost_exact: Option<String>,
    pub sources: Vec<SourceResult>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    Rated,
    Unrated,
    Na,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceResult {
    pub id: String,
    pub present: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<AbsentReason>,
    /// Present only when the source is present for the indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Amount")]
    pub score: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub score_exact: Option<String>,
    /// Empty for an anonymous source below its anonymous_min.
    pub sheets: Vec<SheetScore>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum AbsentReason {
    NoRatings,
    BelowMinRaters,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SheetScore {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
    #[tsify(type = "Amount")]
    pub score: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub score_exact: Option<String>,
}

/// 找差距: an indicator that lost points, and what "better" looks like.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub indicator: String,
    #[tsify(type = "Amount")]
    pub lost: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub lost_exact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_descriptor: Option<Text>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ToNextGrade {
    pub grade: String,
    #[tsify(type = "Amount")]
    pub points_needed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub points_needed_exact: Option<String>,
    pub floors: Vec<FloorNeed>,
    pub blocked_by: Vec<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FloorNeed {
    pub dimension: String,
    #[tsify(type = "Amount")]
    pub points_needed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub points_needed_exact: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    pub indicator: String,
    #[tsify(type = "Amount")]
    pub gain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub gain_exact: Option<String>,
}

/// 自评与他评: self − others.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Perception {
    pub indicator: String,
    #[serde(rename = "self")]
    #[tsify(type = "Amount")]
    pub self_score: String,
    #[serde(
        rename = "self_exact",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(type = "Fraction")]
    pub self_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub others: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub others_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub difference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub difference_exact: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CommitmentSummary {
    #[tsify(type = "IsoDate")]
    pub as_of: String,
    pub total: u32,
    pub done: u32,
    pub open: u32,
    pub overdue: u32,
    pub dropped: u32,
    /// done / (total − dropped) in percent; null when nothing is left to count.
    #[tsify(type = "Amount | null")]
    pub completion_rate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub completion_rate_exact: Option<String>,
    pub overdue_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// cxzy/trend@1 and what `score` returns with `previous`.

/// The change since the previous period's result, `"schema": "cxzy/trend@1"`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    #[tsify(type = "\"cxzy/trend@1\"")]
    pub schema: String,
    pub framework: FrameworkRef,
    pub previous_period: Period,
    pub period: Period,
    pub total: Change,
    pub normalised_total: Change,
    pub dimensions: Vec<DimensionChange>,
    pub grade: GradeChange,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    #[tsify(type = "Amount")]
    pub previous: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub previous_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub current: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub current_exact: Option<String>,
    /// current − previous.
    #[tsify(type = "Amount")]
    pub change: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub change_exact: Option<String>,
}

/// A side is null when that period's framework lacked the dimension.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DimensionChange {
    pub id: String,
    #[tsify(type = "Amount | null")]
    pub previous: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub previous_exact: Option<String>,
    #[tsify(type = "Amount | null")]
    pub current: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub current_exact: Option<String>,
    #[tsify(type = "Amount | null")]
    pub change: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub change_exact: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GradeChange {
    pub previous: Option<String>,
    pub current: Option<String>,
    pub direction: Direction,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Same,
    Unknown,
}

/// What `score` returns when given the previous period's result.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScoreWithTrend {
    pub result: ScoreResult,
    pub trend: Trend,
}

// ---------------------------------------------------------------------------------------------
// cxzy/branch@1

/// The branch view (支部评比), `"schema": "cxzy/branch@1"`: advice, never a changed grade.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BranchView {
    #[tsify(type = "\"cxzy/branch@1\"")]
    pub schema: String,
    pub framework: FrameworkRef,
    pub count: u32,
    pub ranked: u32,
    pub ranking: Vec<RankEntry>,
    pub grades: Vec<GradeCount>,
    pub incomplete: u32,
    pub dimensions: Vec<DimensionMean>,
    pub common_weaknesses: Vec<Weakness>,
    pub quota: Option<QuotaAdvice>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RankEntry {
    /// Position among the results given.
    pub index: u32,
    /// Competition rank (1, 2, 2, 4); null when incomplete.
    pub rank: Option<u32>,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    #[tsify(type = "Amount")]
    pub total: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub total_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub normalised_total: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub normalised_total_exact: Option<String>,
    pub grade: Option<String>,
    pub quota: Option<QuotaMark>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum QuotaMark {
    WithinQuota,
    OverQuota,
    TieAtCut,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GradeCount {
    pub grade: String,
    pub count: u32,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DimensionMean {
    pub id: String,
    pub results: u32,
    #[tsify(type = "Amount | null")]
    pub mean_ratio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub mean_ratio_exact: Option<String>,
}

/// 共性问题.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Weakness {
    pub indicator: String,
    pub dimension: String,
    pub rated: u32,
    #[tsify(type = "Amount")]
    pub mean_attainment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub mean_attainment_exact: Option<String>,
    #[tsify(type = "Amount")]
    pub below_60_share: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub below_60_share_exact: Option<String>,
}

#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuotaAdvice {
    #[tsify(type = "Amount")]
    pub excellent_quota: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Fraction")]
    pub excellent_quota_exact: Option<String>,
    pub allowed: u32,
    pub candidates: u32,
    pub over_quota: Vec<u32>,
    pub tie_at_cut: Vec<u32>,
}

// ---------------------------------------------------------------------------------------------
// Options and errors of the JS API.

/// Options every function takes.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LangOptions {
    /// The language of error messages (default zh-Hans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// Options of `score`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScoreOptions {
    /// "Today" for overdue commitments when the assessment gives no as_of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "IsoDate")]
    pub today: Option<String>,
    /// The previous period's result (same framework id): `score` then returns `{result, trend}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "ScoreResult | string")]
    pub previous: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// Options of `branch`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BranchOptions {
    /// Percent of ranked results that may be 优秀; advice only (over_quota / tie_at_cut marks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Decimal")]
    pub excellent_quota: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// The argument a `CxzyError` is about; error paths point into it.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    Framework,
    Assessment,
    Results,
    Options,
}

/// One error: a stable code, a JSON pointer (RFC 6901) into the input, a message.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    pub code: ErrorCode,
    pub path: String,
    pub message: String,
}

/// The stable error codes (`Code` in cxzy-core).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    TooLarge,
    JsonSyntax,
    TooDeep,
    WrongType,
    MissingField,
    UnknownField,
    UnknownSchema,
    InvalidId,
    InvalidValue,
    InvalidDecimal,
    DecimalPrecision,
    OutOfRange,
    InvalidDate,
    TooMany,
    MissingText,
    DuplicateId,
    UnknownReference,
    Empty,
    GradeOrder,
    LastGrade,
    LevelOrder,
    TooFewLevels,
    StepNotDividing,
    FrameworkMismatch,
    PeriodOrder,
    UnknownIndicator,
    UnknownSource,
    SourceNotAllowed,
    WrongRatingKind,
    UnknownLevel,
    NaNotAllowed,
    NotAStep,
    DuplicateItem,
}
