//! The trend (与上期比较): the change since the previous period's result (`cxzy/trend@1`).

use super::result::{amount, opt_amount, write_struct};
use super::{FrameworkRef, Id, Period, TrendSchema};
use crate::exact::Exact;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub framework: FrameworkRef,
    pub previous_period: Period,
    pub period: Period,
    pub total: Change,
    pub normalised_total: Change,
    pub dimensions: Vec<DimensionChange>,
    pub grade: GradeChange,
}

impl Serialize for Trend {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "Trend", {
            plain "schema" => &TrendSchema;
            plain "framework" => &self.framework;
            plain "previous_period" => &self.previous_period;
            plain "period" => &self.period;
            plain "total" => &self.total;
            plain "normalised_total" => &self.normalised_total;
            plain "dimensions" => &self.dimensions;
            plain "grade" => &self.grade;
        })
    }
}

/// previous → current, and current − previous.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub previous: Exact,
    pub current: Exact,
    pub change: Exact,
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "Change", {
            amount "previous" => &self.previous;
            amount "current" => &self.current;
            amount "change" => &self.change;
        })
    }
}

/// A dimension's score then and now; a side is absent when that period's framework lacked it.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionChange {
    pub id: Id,
    pub previous: Option<Exact>,
    pub current: Option<Exact>,
    pub change: Option<Exact>,
}

impl Serialize for DimensionChange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "DimensionChange", {
            plain "id" => &self.id;
            opt "previous" => self.previous.as_ref();
            opt "current" => self.current.as_ref();
            opt "change" => self.change.as_ref();
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeChange {
    pub previous: Option<Id>,
    pub current: Option<Id>,
    pub direction: Direction,
}

/// Whether the grade went up (better), down, stayed, or cannot be compared (a side has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Same,
    Unknown,
}
