//! The assessment (测评): who, which period, and the rating sheets of every source (SPEC 2.2).

use super::{AssessmentSchema, Date, Decimal, Id};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub schema: AssessmentSchema,
    pub framework: FrameworkRef,
    #[serde(skip_serializing_if = "SubjectInfo::is_empty")]
    pub subject: SubjectInfo,
    pub period: Period,
    /// "Today" for overdue commitments; default `period.end`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub sheets: Vec<Sheet>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<Id>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<DeductionClaim>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<Id>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
}

/// Which framework an assessment (or result) was made against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrameworkRef {
    pub id: Id,
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// Free text, never required.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct SubjectInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl SubjectInfo {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.unit.is_none()
    }
}

/// 考核期: checks are half-yearly (000 四).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// 评议表: one rater's ratings for one source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sheet {
    pub source: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater: Option<Rc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    /// Indicator id → rating; a missing key means "not rated yet".
    pub ratings: BTreeMap<Id, Rating>,
    /// Indicator id → 事迹 / 证据.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<Id, String>,
}

use std::rc::Rc;

/// A rating as written; its meaning depends on the indicator's scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rating {
    /// A level id (levels scale).
    Level(Id),
    /// Yes / no (check scale).
    Check(bool),
    /// Points (points scale) or a count of lapses (deduction scale).
    Number(Decimal),
    /// Not applicable (where the indicator allows it).
    Na,
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rating::Level(id) => serializer.serialize_str(id),
            Rating::Check(b) => serializer.serialize_bool(*b),
            Rating::Number(d) => d.serialize(serializer),
            Rating::Na => serializer.serialize_str("na"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeductionClaim {
    pub item: Id,
    pub count: u32,
}

/// 公开承诺.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub id: Id,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Id>,
    pub due: Date,
    pub status: CommitmentStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}
