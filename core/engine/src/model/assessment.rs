//! The assessment (测评, spec §2.3): who, which period, and the rating sheets of every source.

use super::{AssessmentSchema, Date, Decimal, Id, IdMap};
use crate::diag::Code;
use crate::read::{Kind, Node, Path, Read, Reader, MAX_SHEETS};
use crate::shape::{named, Describe, Leaf, Shape};
use cxzy_derive::{Describe, Read, Write};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// An assessment (测评), `"schema": "cxzy/assessment@1"`: its fit to its framework is checked
/// when it is scored (spec §4.3).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Assessment {
    pub schema: AssessmentSchema,
    /// The framework it is made against.
    pub framework: FrameworkRef,
    #[cxzy(default)]
    pub subject: SubjectInfo,
    pub period: Period,
    /// "Today" for overdue commitments; default: the caller's today, else `period.end`.
    pub as_of: Option<Date>,
    /// 评议表: one per rater and source.
    #[cxzy(max_items = MAX_SHEETS)]
    pub sheets: Vec<Sheet>,
    /// Claimed bonus items (recorded by the organisation).
    #[cxzy(default)]
    pub bonus: Vec<Id>,
    /// Deduction items with their counts.
    #[cxzy(default)]
    pub deductions: Vec<DeductionClaim>,
    /// Triggered vetoes.
    #[cxzy(default)]
    pub vetoes: Vec<Id>,
    /// 公开承诺.
    #[cxzy(default)]
    pub commitments: Vec<Commitment>,
    /// Bonus and deduction items claimed with a count (spec §11.2), beside `bonus` and
    /// `deductions`.
    #[cxzy(since = 2, default)]
    pub adjustments: Vec<DeductionClaim>,
    /// Per source, how many raters were eligible and how many ballots were issued (spec §11.4).
    #[cxzy(since = 2, default)]
    pub raters: BTreeMap<Id, RaterCount>,
}

/// How many raters of a source were eligible (the base of a minimum given as a share) and how
/// many ballots were issued (more sheets than that voids the source).
#[derive(Clone, Debug, Default, PartialEq, Eq, Read, Write, Describe)]
pub struct RaterCount {
    #[cxzy(min = 1, max = MAX_SHEETS)]
    pub eligible: Option<u32>,
    #[cxzy(min = 1, max = MAX_SHEETS)]
    pub issued: Option<u32>,
}

/// Which framework an assessment was made against: an id, version or digest that does not
/// match the framework it is scored against is an error.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct FrameworkRef {
    pub id: Id,
    pub version: String,
    /// `"sha256:…"` of the framework's canonical form (spec §2.7).
    pub digest: Option<String>,
}

/// Which framework a result was scored against (always with its digest).
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct FrameworkStamp {
    pub id: Id,
    pub version: String,
    /// `"sha256:…"` of the framework's canonical form (spec §2.7).
    pub digest: String,
}

/// Who is assessed: free text, never required.
#[derive(Clone, Debug, PartialEq, Eq, Default, Read, Write, Describe)]
pub struct SubjectInfo {
    pub name: Option<String>,
    pub unit: Option<String>,
}

impl SubjectInfo {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.unit.is_none()
    }
}
/// 考核期: checks are half-yearly (seed 000 四); it starts no later than it ends.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(check = Period::in_order, check_fields = (start, end))]
pub struct Period {
    pub start: Date,
    pub end: Date,
    pub label: Option<String>,
}

impl Period {
    fn in_order(r: &mut Reader, p: &Path<'_>, start: &Date, end: &Date) -> bool {
        if start > end {
            r.err(
                Code::PeriodOrder,
                p,
                en!(format!("the period starts ({start}) after it ends ({end})")),
                zh!(format!("考核期开始日期({start})晚于结束日期({end})")),
            );
            return false;
        }
        true
    }
}

/// 评议表: one rater's ratings for one source.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Sheet {
    /// The source this sheet rates as.
    pub source: Id,
    /// Who rated; never shown for an anonymous source.
    #[cxzy(with = crate::model::name)]
    pub rater: Option<Id>,
    pub submitted: Option<Date>,
    /// Indicator id → rating; a missing key means "not rated yet".
    pub ratings: IdMap<Rating>,
    /// Indicator id → 事迹 / 证据.
    #[cxzy(default)]
    pub notes: BTreeMap<Id, String>,
}

/// A rating as written; its meaning depends on the indicator's scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rating {
    /// A count per event (counted events, from version 2).
    Counts(BTreeMap<Id, u32>),
    /// The conditions ticked (ticks, from version 2).
    Ticks(Vec<Id>),
    /// A level id (levels scale).
    Level(Id),
    /// Yes / no (check scale).
    Check(bool),
    /// Points (points scale) or a count of lapses (deduction scale).
    Number(Decimal),
    /// Not applicable (where the indicator allows it).
    Na,
}

impl Read for Rating {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        match v.kind() {
            Kind::String => match v.as_str() {
                Some("na") => Some(Rating::Na),
                _ => r.id(v, p).map(Rating::Level),
            },
            Kind::Bool => v.as_bool().map(Rating::Check),
            Kind::Number => Decimal::read(r, v, p).map(Rating::Number),
            Kind::Object if r.version() >= 2 => {
                BTreeMap::<Id, u32>::read(r, v, p).map(Rating::Counts)
            }
            Kind::Array if r.version() >= 2 => r
                .list(v, p, crate::read::MAX_LIST, Id::read)
                .map(Rating::Ticks),
            Kind::Object | Kind::Array => {
                let (en, zh) = crate::read::kind_of(v);
                r.err(
                    crate::diag::Code::WrongType,
                    p,
                    en!(format!("expected a level id, true/false, a number or \"na\", found {en}: counts and ticks need \"cxzy/assessment@2\"")),
                    zh!(format!("应为等次标识、true/false、数值或 \"na\",实为{zh}:计次和勾选须用 \"cxzy/assessment@2\"")),
                );
                None
            }
            Kind::Null => {
                r.wrong_type(
                    p,
                    v,
                    en!("a level id, true/false, a number or \"na\""),
                    zh!("等次标识、true/false、数值或 \"na\""),
                );
                None
            }
        }
    }
}

impl Describe for Rating {
    fn shape() -> Shape {
        named(
            "Rating",
            "A rating: a level id (levels) or an option id (vote), true/false (check), a Decimal (points), a whole count (deduction), a count per event id (events), the condition ids ticked (ticks), or \"na\" where the indicator allows it.",
            || Shape::Leaf(Leaf::Rating),
        )
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rating::Level(id) => serializer.serialize_str(id),
            Rating::Check(b) => serializer.serialize_bool(*b),
            Rating::Number(d) => d.serialize(serializer),
            Rating::Na => serializer.serialize_str("na"),
            Rating::Counts(counts) => counts.serialize(serializer),
            Rating::Ticks(ticked) => ticked.serialize(serializer),
        }
    }
}

/// A deduction item claimed `count` times.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct DeductionClaim {
    pub item: Id,
    #[cxzy(min = 1, max = u32::MAX)]
    pub count: u32,
}

/// 公开承诺.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct Commitment {
    pub id: Id,
    pub text: String,
    /// The dimension it is about.
    pub dimension: Option<Id>,
    pub due: Date,
    pub status: CommitmentStatus,
    pub done_on: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}
