//! The result (测评结果): every number is exact; printed as 2-decimal strings with `_exact` beside
//! any value that is not a 2-decimal number (SPEC 2.3).

use super::{Date, Decimal, FrameworkRef, Id, Period, ResultSchema, SubjectInfo, Text};
use crate::exact::Exact;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::ops::Range;

/// Writes `name: "87.50"` and, where the value is not a 2-decimal number, `name_exact: "n/d"`.
pub(crate) fn amount<S: SerializeStruct>(
    s: &mut S,
    name: &'static str,
    exact_name: &'static str,
    value: &Exact,
) -> Result<(), S::Error> {
    match value.fixed2() {
        Some(fixed) => s.serialize_field(name, &fixed)?,
        None => s.serialize_field(name, &value.to_fixed2())?,
    }
    if !value.is_two_decimal() {
        s.serialize_field(exact_name, &value.to_fraction())?;
    }
    Ok(())
}

/// Like [`amount`] for an optional value: `null` when absent.
pub(crate) fn opt_amount<S: SerializeStruct>(
    s: &mut S,
    name: &'static str,
    exact_name: &'static str,
    value: Option<&Exact>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => amount(s, name, exact_name, v),
        None => s.serialize_field(name, &None::<String>),
    }
}

/// Serialises a struct whose amount fields are written with [`amount`]:
/// `fields { "plain" => expr; amount "name" => expr; opt "name" => expr; }`.
macro_rules! write_struct {
    ($ser:expr, $name:literal, { $($kind:ident $key:literal => $value:expr;)* }) => {{
        let mut s = $ser.serialize_struct($name, 0 $(+ write_struct!(@one $key))*)?;
        $( write_struct!(@field s, $kind, $key, $value); )*
        s.end()
    }};
    (@one $key:literal) => { 1 };
    (@field $s:ident, plain, $key:literal, $value:expr) => { $s.serialize_field($key, $value)? };
    (@field $s:ident, skip_none, $key:literal, $value:expr) => {
        if let Some(v) = $value { $s.serialize_field($key, v)? }
    };
    (@field $s:ident, amount, $key:literal, $value:expr) => {
        amount(&mut $s, $key, concat!($key, "_exact"), $value)?
    };
    (@field $s:ident, opt, $key:literal, $value:expr) => {
        opt_amount(&mut $s, $key, concat!($key, "_exact"), $value)?
    };
}
pub(crate) use write_struct;

/// What decided the grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeReason {
    Threshold,
    DimensionFloor,
    Veto,
    Incomplete,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeDetail {
    /// The best grade whose min_total the normalised total reaches, floors aside.
    pub threshold_grade: Option<Id>,
    pub floor_failures: Vec<Id>,
    pub vetoes: Vec<Id>,
}

/// The `cxzy/result@1` document.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreResult {
    pub framework: FrameworkRef,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    pub total: Exact,
    pub max: Exact,
    pub normalised_total: Exact,
    pub bonus: Exact,
    pub deduction: Exact,
    pub grade: Option<Id>,
    pub grade_reason: GradeReason,
    pub grade_detail: GradeDetail,
    pub dimensions: Vec<DimensionResult>,
    pub indicators: Vec<IndicatorResult>,
    /// Every indicator's source results, in one list; see [`ScoreResult::sources_of`].
    pub source_results: Vec<SourceResult>,
    /// Every source result's sheet scores, in one list; see [`ScoreResult::sheets_of`].
    pub sheet_scores: Vec<SheetScore>,
    /// The rater of each sheet of the assessment, by position; see [`ScoreResult::rater`].
    pub raters: Vec<Option<Id>>,
    pub gaps: Vec<Gap>,
    pub to_next_grade: Option<ToNextGrade>,
    pub plan: Vec<PlanStep>,
    pub perception: Vec<Perception>,
    pub commitments: CommitmentSummary,
}

impl Serialize for ScoreResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "ScoreResult", {
            plain "schema" => &ResultSchema;
            plain "framework" => &self.framework;
            plain "subject" => &self.subject;
            plain "period" => &self.period;
            plain "complete" => &self.complete;
            amount "total" => &self.total;
            amount "max" => &self.max;
            amount "normalised_total" => &self.normalised_total;
            amount "bonus" => &self.bonus;
            amount "deduction" => &self.deduction;
            plain "grade" => &self.grade;
            plain "grade_reason" => &self.grade_reason;
            plain "grade_detail" => &self.grade_detail;
            plain "dimensions" => &self.dimensions;
            plain "indicators" => &Indicators(self);
            plain "gaps" => &self.gaps;
            plain "to_next_grade" => &self.to_next_grade;
            plain "plan" => &self.plan;
            plain "perception" => &self.perception;
            plain "commitments" => &self.commitments;
        })
    }
}

/// A dimension's score D and max M; `ratio` = D / M in percent (absent when M = 0).
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionResult {
    pub id: Id,
    pub score: Exact,
    pub max: Exact,
    pub ratio: Option<Exact>,
}

impl Serialize for DimensionResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "DimensionResult", {
            plain "id" => &self.id;
            amount "score" => &self.score;
            amount "max" => &self.max;
            opt "ratio" => self.ratio.as_ref();
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    Rated,
    Unrated,
    Na,
}

/// One indicator, explained: every source, every sheet, the combined score, the points lost.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorResult {
    pub id: Id,
    pub dimension: Id,
    pub points: Decimal,
    pub status: IndicatorStatus,
    pub combined: Option<Exact>,
    pub lost: Option<Exact>,
    /// Its source results, a range of [`ScoreResult::source_results`].
    pub sources: Range<u32>,
}

impl ScoreResult {
    /// The source results of one indicator: every source that rates it, present or not.
    pub fn sources_of(&self, indicator: &IndicatorResult) -> &[SourceResult] {
        self.source_results
            .get(indicator.sources.start as usize..indicator.sources.end as usize)
            .unwrap_or(&[])
    }

    /// Who gave a sheet score: none for an anonymous source or an unnamed rater.
    pub fn rater(&self, sheet: &SheetScore) -> Option<&Id> {
        sheet
            .sheet
            .and_then(|k| self.raters.get(k as usize))
            .and_then(Option::as_ref)
    }

    /// The sheet scores of one source result (empty for an anonymous source below its minimum).
    pub fn sheets_of(&self, source: &SourceResult) -> &[SheetScore] {
        self.sheet_scores
            .get(source.sheets.start as usize..source.sheets.end as usize)
            .unwrap_or(&[])
    }
}

/// `indicators` as SPEC 2.3 nests them: each with its sources, each with its sheets.
struct Indicators<'a>(&'a ScoreResult);

impl Serialize for Indicators<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.indicators.iter().map(|i| IndicatorView(self.0, i)))
    }
}

struct IndicatorView<'a>(&'a ScoreResult, &'a IndicatorResult);

impl Serialize for IndicatorView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (r, i) = (self.0, self.1);
        write_struct!(serializer, "IndicatorResult", {
            plain "id" => &i.id;
            plain "dimension" => &i.dimension;
            plain "points" => &i.points.fixed2();
            plain "status" => &i.status;
            opt "combined" => i.combined.as_ref();
            opt "lost" => i.lost.as_ref();
            plain "sources" => &Sources(r, r.sources_of(i));
        })
    }
}

struct Sheets<'a>(&'a ScoreResult, &'a [SheetScore]);

impl Serialize for Sheets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|s| SheetView(self.0, s)))
    }
}

struct Sources<'a>(&'a ScoreResult, &'a [SourceResult]);

impl Serialize for Sources<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|s| SourceView(self.0, s)))
    }
}

/// Why a source gave no score for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsentReason {
    NoRatings,
    BelowMinRaters,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SourceResult {
    pub id: Id,
    pub present: bool,
    pub reason: Option<AbsentReason>,
    /// The source score S(i, src), when present.
    pub score: Option<Exact>,
    /// Its sheet scores, a range of [`ScoreResult::sheet_scores`]; empty for an anonymous source
    /// below its anonymous_min.
    pub sheets: Range<u32>,
}

struct SourceView<'a>(&'a ScoreResult, &'a SourceResult);

impl Serialize for SourceView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (r, source) = (self.0, self.1);
        let mut s = serializer.serialize_struct("SourceResult", 5)?;
        s.serialize_field("id", &source.id)?;
        s.serialize_field("present", &source.present)?;
        if let Some(reason) = &source.reason {
            s.serialize_field("reason", reason)?;
        }
        if let Some(score) = &source.score {
            amount(&mut s, "score", "score_exact", score)?;
        }
        s.serialize_field("sheets", &Sheets(r, r.sheets_of(source)))?;
        s.end()
    }
}

/// One sheet's score for one indicator. Sheet scores are whole numbers of 1/10000 point
/// (points have 2 decimals, percents are whole), kept as that integer; the rater is found through
/// [`ScoreResult::rater`] (none for an anonymous source).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetScore {
    /// The sheet's position in the assessment, unless its source is anonymous.
    sheet: Option<u32>,
    units: i64,
}

impl SheetScore {
    /// One point in sheet-score units.
    pub const UNIT: i64 = 10_000;

    /// A sheet score of `units` / 10000 points from sheet `sheet` (`None`: anonymous).
    pub fn new(sheet: Option<u32>, units: i64) -> SheetScore {
        SheetScore { sheet, units }
    }

    pub fn score(&self) -> Exact {
        Exact::ratio(i128::from(self.units), i128::from(SheetScore::UNIT)).unwrap_or_default()
    }
}

struct SheetView<'a>(&'a ScoreResult, &'a SheetScore);

impl Serialize for SheetView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "SheetScore", {
            skip_none "rater" => &self.0.rater(self.1);
            amount "score" => &self.1.score();
        })
    }
}

/// 差距: an indicator that lost points, with what "better" looks like.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub indicator: Id,
    pub lost: Exact,
    pub current_level: Option<Id>,
    pub next_level: Option<Id>,
    pub next_descriptor: Option<Text>,
}

impl Serialize for Gap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "Gap", {
            plain "indicator" => &self.indicator;
            amount "lost" => &self.lost;
            skip_none "current_level" => &self.current_level;
            skip_none "next_level" => &self.next_level;
            skip_none "next_descriptor" => &self.next_descriptor;
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ToNextGrade {
    pub grade: Id,
    /// Points still needed on the normalised total (0 when only floors or vetoes stand in the way).
    pub points_needed: Exact,
    pub floors: Vec<FloorNeed>,
    pub blocked_by: Vec<Id>,
}

impl Serialize for ToNextGrade {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "ToNextGrade", {
            plain "grade" => &self.grade;
            amount "points_needed" => &self.points_needed;
            plain "floors" => &self.floors;
            plain "blocked_by" => &self.blocked_by;
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FloorNeed {
    pub dimension: Id,
    pub points_needed: Exact,
}

impl Serialize for FloorNeed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "FloorNeed", {
            plain "dimension" => &self.dimension;
            amount "points_needed" => &self.points_needed;
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    pub indicator: Id,
    pub gain: Exact,
}

impl Serialize for PlanStep {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "PlanStep", {
            plain "indicator" => &self.indicator;
            amount "gain" => &self.gain;
        })
    }
}

/// 自评与他评: self − others for one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Perception {
    pub indicator: Id,
    pub self_score: Exact,
    pub others: Exact,
    pub difference: Exact,
}

impl Serialize for Perception {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "Perception", {
            plain "indicator" => &self.indicator;
            amount "self" => &self.self_score;
            amount "others" => &self.others;
            amount "difference" => &self.difference;
        })
    }
}

/// 公开承诺 at a glance, as of `as_of`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentSummary {
    pub as_of: Date,
    pub total: u32,
    pub done: u32,
    /// Planned or in progress (overdue ones included).
    pub open: u32,
    pub overdue: u32,
    pub dropped: u32,
    /// done / (total − dropped), in percent; absent when nothing is left to count.
    pub completion_rate: Option<Exact>,
    pub overdue_ids: Vec<Id>,
}

impl Serialize for CommitmentSummary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "CommitmentSummary", {
            plain "as_of" => &self.as_of;
            plain "total" => &self.total;
            plain "done" => &self.done;
            plain "open" => &self.open;
            plain "overdue" => &self.overdue;
            plain "dropped" => &self.dropped;
            opt "completion_rate" => self.completion_rate.as_ref();
            plain "overdue_ids" => &self.overdue_ids;
        })
    }
}

/// The part of a result that the branch view and the trend read back (from a result document
/// or straight from a [`ScoreResult`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ResultSummary {
    pub framework: FrameworkRef,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    pub total: Exact,
    pub max: Exact,
    pub normalised_total: Exact,
    pub grade: Option<Id>,
    pub dimensions: Vec<DimensionSummary>,
    pub indicators: Vec<IndicatorSummary>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DimensionSummary {
    pub id: Id,
    pub score: Exact,
    pub max: Exact,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSummary {
    pub id: Id,
    pub dimension: Id,
    pub points: Exact,
    pub status: IndicatorStatus,
    pub combined: Option<Exact>,
}

impl ScoreResult {
    pub fn summary(&self) -> ResultSummary {
        ResultSummary {
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
