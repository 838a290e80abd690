//! The result (测评结果, spec §2.4): every number exact, written as a 2-decimal string with
//! `_exact` beside any value that is not a 2-decimal number.

use super::{
    Compare, Date, Decimal, Effect, FrameworkStamp, Id, Period, Ratio, Requirement, ResultSchema,
    SubjectInfo, SummarySchema, Text, Units,
};
use crate::exact::Exact;
use crate::read::MAX_INDICATORS;
use cxzy_derive::{Describe, Read, Write};

/// What decided the grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum GradeReason {
    /// The normalised total's line.
    Threshold,
    /// A dimension below the better grade's floor.
    DimensionFloor,
    /// A triggered veto.
    Veto,
    /// Some applicable indicator is unrated, or a rule made the result incomplete: no grade yet.
    Incomplete,
    /// A condition of a better grade is not met (spec §11.5).
    #[cxzy(since = 2)]
    Requirement,
    /// A rule on a vote's shares capped the grade (spec §11.3).
    #[cxzy(since = 2)]
    Rule,
}

#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct GradeDetail {
    /// The best grade whose min_total the normalised total reaches, floors aside.
    #[cxzy(nullable)]
    pub threshold_grade: Option<Id>,
    /// Dimensions below the threshold grade's floor.
    pub floor_failures: Vec<Id>,
    /// Triggered vetoes.
    pub vetoes: Vec<Id>,
    /// Rules that fired and cap the grade (spec §11.3).
    #[cxzy(since = 2, default)]
    pub rules: Vec<Id>,
    /// The conditions of the threshold grade that are not met (spec §11.5).
    #[cxzy(since = 2, default)]
    pub unmet: Vec<Requirement>,
}

/// A result (测评结果), `"schema": "cxzy/result@1"`: the score of one assessment, every point
/// explained.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct ScoreResult {
    pub schema: ResultSchema,
    pub framework: FrameworkStamp,
    pub subject: SubjectInfo,
    pub period: Period,
    /// No applicable indicator is unrated.
    pub complete: bool,
    /// Base + bonus − deduction, floored at 0.
    #[cxzy(amount)]
    pub total: Exact,
    /// Full points of the applicable indicators.
    #[cxzy(amount)]
    pub max: Exact,
    /// total × framework max / max: what grades are read on.
    #[cxzy(amount)]
    pub normalised_total: Exact,
    /// Bonus applied, after its cap.
    #[cxzy(amount)]
    pub bonus: Exact,
    /// Deduction applied, after its cap.
    #[cxzy(amount)]
    pub deduction: Exact,
    /// The grade; null while incomplete.
    #[cxzy(nullable)]
    pub grade: Option<Id>,
    pub grade_reason: GradeReason,
    pub grade_detail: GradeDetail,
    pub dimensions: Vec<DimensionResult>,
    /// Every indicator, explained, in framework order.
    pub indicators: Vec<IndicatorResult>,
    /// 找差距: indicators that lost points, most first.
    pub gaps: Vec<Gap>,
    /// What the next better grade needs; null at the best grade or while incomplete.
    #[cxzy(nullable)]
    pub to_next_grade: Option<ToNextGrade>,
    /// A suggestion that reaches the next grade, or empty.
    pub plan: Vec<PlanStep>,
    /// 自评与他评: self minus others, largest first.
    pub perception: Vec<Perception>,
    pub commitments: CommitmentSummary,
    /// Framework-wide bonus and deduction items claimed, with what each counted for (spec §11.2).
    #[cxzy(since = 2, default)]
    pub adjustments: Vec<AppliedAdjustment>,
    /// Every rule on a vote's shares, whether it fired and why (spec §11.3).
    #[cxzy(since = 2, default)]
    pub rules: Vec<RuleResult>,
}

/// A bonus or deduction item as applied: its count and what it added (positive) or took away
/// (negative), after its own cap.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct AppliedAdjustment {
    pub item: Id,
    pub count: u32,
    #[cxzy(amount)]
    pub amount: Exact,
}

/// Whether a bound cut a score: its floor (扣完为止) or its ceiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Bounded {
    Floor,
    Ceiling,
}

/// A rule on a vote's shares, evaluated (spec §11.3).
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct RuleResult {
    pub id: Id,
    pub indicator: Id,
    /// The option (or condition) counted; for "any condition", the one with the deciding share.
    #[cxzy(nullable)]
    pub option: Option<Id>,
    pub count: u32,
    /// The ballots the share is of.
    pub base: u32,
    /// count / base in percent; null without ballots.
    #[cxzy(amount, nullable)]
    pub share: Option<Exact>,
    pub compare: Compare,
    /// The rule's bound, in percent.
    #[cxzy(amount)]
    pub bound: Exact,
    pub fired: bool,
    pub then: Effect,
}

/// The votes or ticks of an indicator, counted (spec §11.3).
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Tally {
    /// Sheets that voted or ticked.
    pub ballots: u32,
    /// Ballots for an abstaining option.
    pub abstentions: u32,
    /// The ballots shares are of.
    pub base: u32,
    pub options: Vec<OptionCount>,
}

/// How many chose an option (or ticked a condition), and their share of the base.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct OptionCount {
    pub id: Id,
    pub count: u32,
    /// count / base in percent; null without a base.
    #[cxzy(amount, nullable)]
    pub share: Option<Exact>,
}

/// A dimension's score D and max M.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct DimensionResult {
    pub id: Id,
    #[cxzy(amount)]
    pub score: Exact,
    #[cxzy(amount)]
    pub max: Exact,
    /// D / M in percent; null when M is 0.
    #[cxzy(amount, nullable)]
    pub ratio: Option<Exact>,
    /// The part's weight in the total (spec §11.6).
    #[cxzy(since = 2)]
    pub weight: Option<Ratio>,
    /// Bonus and deduction items of this part (spec §11.2).
    #[cxzy(since = 2, default)]
    pub adjustments: Vec<AppliedAdjustment>,
    /// Whether the part's bounds (0 and its max) cut its score.
    #[cxzy(since = 2)]
    pub bounded: Option<Bounded>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum IndicatorStatus {
    /// Some source is present.
    Rated,
    /// No source is present.
    Unrated,
    /// Every rating is "na": the indicator leaves the totals.
    Na,
}

/// One indicator, explained: every source, every sheet, the combined score, the points lost.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct IndicatorResult {
    pub id: Id,
    /// Its dimension's id.
    pub dimension: Id,
    /// Full points.
    #[cxzy(fixed2)]
    pub points: Decimal,
    pub status: IndicatorStatus,
    /// C(i): the weighted combination of the present sources; null unless rated.
    #[cxzy(amount, nullable)]
    pub combined: Option<Exact>,
    /// points − C(i); null unless rated.
    #[cxzy(amount, nullable)]
    pub lost: Option<Exact>,
    /// Every source that rates it, present or not.
    pub sources: Vec<SourceResult>,
    /// Sub-items, each explained as an item is (spec §11.7).
    #[cxzy(since = 2, default)]
    pub items: Vec<IndicatorResult>,
    /// The votes or ticks, counted (spec §11.3).
    #[cxzy(since = 2)]
    pub tally: Option<Tally>,
    /// Bonus and deduction items of this item (spec §11.2).
    #[cxzy(since = 2, default)]
    pub adjustments: Vec<AppliedAdjustment>,
    /// Whether the item's bounds cut its combined score.
    #[cxzy(since = 2)]
    pub bounded: Option<Bounded>,
}

/// Why a source gave no score for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum AbsentReason {
    NoRatings,
    BelowMinRaters,
    /// More sheets than ballots issued: the source is void (spec §11.4).
    #[cxzy(since = 2)]
    OverIssued,
}

/// One source's part in an indicator.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct SourceResult {
    pub id: Id,
    /// It has at least min_raters sheet scores.
    pub present: bool,
    /// Why it is absent.
    pub reason: Option<AbsentReason>,
    /// The source score S(i, src), when present.
    #[cxzy(amount)]
    pub score: Option<Exact>,
    /// Its sheet scores; empty for an anonymous source below its anonymous_min.
    pub sheets: Vec<SheetScore>,
    /// A required source: without it the item is unrated (spec §11.4).
    #[cxzy(since = 2, default)]
    pub required: bool,
}

/// One sheet's score for one indicator.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct SheetScore {
    /// Who gave it: never for an anonymous source or an unnamed rater.
    pub rater: Option<Id>,
    #[cxzy(amount)]
    pub score: Units,
    /// Counted events: each event's count and the change it made (spec §11.1).
    #[cxzy(since = 2, default)]
    pub events: Vec<EventCount>,
    /// The event whose cut-off set the score.
    #[cxzy(since = 2)]
    pub cutoff: Option<Id>,
    /// Whether the item's bounds cut this sheet's score.
    #[cxzy(since = 2)]
    pub bounded: Option<Bounded>,
}

/// One event of a sheet: its count and the change it made.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct EventCount {
    pub event: Id,
    pub count: u32,
    #[cxzy(amount)]
    pub change: Units,
}

/// 差距: an indicator that lost points, with what "better" looks like.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Gap {
    pub indicator: Id,
    #[cxzy(amount)]
    pub lost: Exact,
    /// The level it stands at (levels scales).
    pub current_level: Option<Id>,
    /// The next better level.
    pub next_level: Option<Id>,
    /// What the next better level looks like.
    pub next_descriptor: Option<Text>,
}

/// What the next better grade needs.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct ToNextGrade {
    pub grade: Id,
    /// Points still needed on the normalised total (0 when only floors or vetoes stand in the way).
    #[cxzy(amount)]
    pub points_needed: Exact,
    /// Dimension floors still unmet, with the raw points each needs.
    pub floors: Vec<FloorNeed>,
    /// Vetoes that block it whatever the points.
    pub blocked_by: Vec<Id>,
    /// Rules that block it whatever the points (spec §11.3).
    #[cxzy(since = 2, default)]
    pub blocked_by_rules: Vec<Id>,
    /// Its conditions not met yet (spec §11.5).
    #[cxzy(since = 2, default)]
    pub requirements: Vec<Requirement>,
}

#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct FloorNeed {
    pub dimension: Id,
    #[cxzy(amount)]
    pub points_needed: Exact,
}

/// One step of the plan: raise this indicator to full points.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct PlanStep {
    pub indicator: Id,
    #[cxzy(amount)]
    pub gain: Exact,
}

/// 自评与他评: self − others for one indicator.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Perception {
    pub indicator: Id,
    /// The self source's score.
    #[cxzy(rename = "self", amount)]
    pub self_score: Exact,
    /// The weighted combination of the other present sources.
    #[cxzy(amount)]
    pub others: Exact,
    /// self − others: positive is a blind spot, negative an unrecognised strength.
    #[cxzy(amount)]
    pub difference: Exact,
}

/// 公开承诺 at a glance, as of `as_of`.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct CommitmentSummary {
    /// The date overdue was decided on.
    pub as_of: Date,
    pub total: u32,
    pub done: u32,
    /// Planned or in progress (overdue ones included).
    pub open: u32,
    pub overdue: u32,
    pub dropped: u32,
    /// done / (total − dropped), in percent; null when nothing is left to count.
    #[cxzy(amount, nullable)]
    pub completion_rate: Option<Exact>,
    pub overdue_ids: Vec<Id>,
}

/// The part of a result that the branch view and the trend read back (spec §4.4), from a
/// result document or straight from a [`ScoreResult`]; every field name of a result is allowed.
#[derive(Clone, Debug, PartialEq, Read)]
#[cxzy(known_from = ScoreResult)]
pub struct ResultSummary {
    pub schema: ResultSchema,
    pub framework: FrameworkStamp,
    #[cxzy(default)]
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    #[cxzy(amount)]
    pub total: Exact,
    #[cxzy(amount)]
    pub max: Exact,
    #[cxzy(amount)]
    pub normalised_total: Exact,
    #[cxzy(nullable)]
    pub grade: Option<Id>,
    #[cxzy(max_items = MAX_INDICATORS)]
    pub dimensions: Vec<DimensionSummary>,
    #[cxzy(max_items = MAX_INDICATORS)]
    pub indicators: Vec<IndicatorSummary>,
}

/// `cxzy/summary@1` (spec §9.3): a result in brief — what a county office keeps of each member
/// of a batch (`cxzy score --summary`, or `--csv` for a spreadsheet): who, which criteria (with
/// their digest), the total, the grade and why, each part's score. A few hundred bytes where the
/// full result, every point explained, is some 30 KB.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Summary {
    pub schema: SummarySchema,
    pub framework: FrameworkStamp,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    #[cxzy(amount)]
    pub total: Exact,
    #[cxzy(amount)]
    pub max: Exact,
    #[cxzy(nullable)]
    pub grade: Option<Id>,
    pub grade_reason: GradeReason,
    #[cxzy(max_items = MAX_INDICATORS)]
    pub dimensions: Vec<DimensionBrief>,
}

/// A part's score in a [`Summary`].
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct DimensionBrief {
    pub id: Id,
    #[cxzy(amount)]
    pub score: Exact,
    #[cxzy(amount)]
    pub max: Exact,
}

#[derive(Clone, Debug, PartialEq, Read)]
#[cxzy(known_from = DimensionResult)]
pub struct DimensionSummary {
    pub id: Id,
    #[cxzy(amount)]
    pub score: Exact,
    #[cxzy(amount)]
    pub max: Exact,
}

#[derive(Clone, Debug, PartialEq, Read)]
#[cxzy(known_from = IndicatorResult)]
pub struct IndicatorSummary {
    pub id: Id,
    pub dimension: Id,
    #[cxzy(amount)]
    pub points: Exact,
    pub status: IndicatorStatus,
    #[cxzy(amount, nullable)]
    pub combined: Option<Exact>,
}

impl ScoreResult {
    /// The result in brief (`cxzy/summary@1`).
    pub fn brief(&self) -> Summary {
        Summary {
            schema: SummarySchema::V1,
            framework: self.framework.clone(),
            subject: self.subject.clone(),
            period: self.period.clone(),
            complete: self.complete,
            total: self.total.clone(),
            max: self.max.clone(),
            grade: self.grade.clone(),
            grade_reason: self.grade_reason,
            dimensions: self
                .dimensions
                .iter()
                .map(|d| DimensionBrief {
                    id: d.id.clone(),
                    score: d.score.clone(),
                    max: d.max.clone(),
                })
                .collect(),
        }
    }

    pub fn summary(&self) -> ResultSummary {
        ResultSummary {
            schema: self.schema,
            framework: self.framework.clone(),
            subject: self.subject.clone(),
            period: self.period.clone(),
            complete: self.complete,
            total: self.total.clone(),
            max: self.max.clone(),
            normalised_total: self.normalised_total.clone(),
            grade: self.grade.clone(),
            dimensions: self
                .dimensions
                .iter()
                .map(|d| DimensionSummary {
                    id: d.id.clone(),
                    score: d.score.clone(),
                    max: d.max.clone(),
                })
                .collect(),
            indicators: self
                .indicators
                .iter()
                .map(|i| IndicatorSummary {
                    id: i.id.clone(),
                    dimension: i.dimension.clone(),
                    points: i.points.exact(),
                    status: i.status,
                    combined: i.combined.clone(),
                })
                .collect(),
        }
    }
}
