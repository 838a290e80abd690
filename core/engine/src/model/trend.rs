//! The trend (与上期比较, spec §2.5): the change since the previous period's result.

use super::{FrameworkStamp, Id, Period, TrendSchema};
use crate::exact::Exact;
use cxzy_derive::{Describe, Write};

/// A trend, `"schema": "cxzy/trend@1"`: the change between two results of one framework id.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Trend {
    pub schema: TrendSchema,
    /// The current result's framework.
    pub framework: FrameworkStamp,
    pub previous_period: Period,
    pub period: Period,
    pub total: Change,
    pub normalised_total: Change,
    pub dimensions: Vec<DimensionChange>,
    pub grade: GradeChange,
}

/// previous → current, and current − previous.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Change {
    #[cxzy(amount)]
    pub previous: Exact,
    #[cxzy(amount)]
    pub current: Exact,
    #[cxzy(amount)]
    pub change: Exact,
}

/// A dimension's score then and now; a side is null when that period's framework lacked it.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct DimensionChange {
    pub id: Id,
    #[cxzy(amount, nullable)]
    pub previous: Option<Exact>,
    #[cxzy(amount, nullable)]
    pub current: Option<Exact>,
    #[cxzy(amount, nullable)]
    pub change: Option<Exact>,
}

#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct GradeChange {
    #[cxzy(nullable)]
    pub previous: Option<Id>,
    #[cxzy(nullable)]
    pub current: Option<Id>,
    pub direction: Direction,
}

/// Whether the grade went up (better), down, stayed, or cannot be compared (a side has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Same,
    Unknown,
}
