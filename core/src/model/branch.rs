//! The branch view (支部评比): ranking, grade distribution, radar, 共性问题, quota advice (`cxzy/branch@1`).

use super::result::{amount, opt_amount, write_struct};
use super::{BranchSchema, FrameworkRef, Id, Period, SubjectInfo};
use crate::exact::Exact;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub struct BranchView {
    pub framework: FrameworkRef,
    /// Results given.
    pub count: u32,
    /// Complete results, the ones that are ranked.
    pub ranked: u32,
    pub ranking: Vec<RankEntry>,
    pub grades: Vec<GradeCount>,
    pub incomplete: u32,
    pub dimensions: Vec<DimensionMean>,
    pub common_weaknesses: Vec<Weakness>,
    pub quota: Option<QuotaAdvice>,
}

impl Serialize for BranchView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "BranchView", {
            plain "schema" => &BranchSchema;
            plain "framework" => &self.framework;
            plain "count" => &self.count;
            plain "ranked" => &self.ranked;
            plain "ranking" => &self.ranking;
            plain "grades" => &self.grades;
            plain "incomplete" => &self.incomplete;
            plain "dimensions" => &self.dimensions;
            plain "common_weaknesses" => &self.common_weaknesses;
            plain "quota" => &self.quota;
        })
    }
}

/// Quota advice for one result; never a changed grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaMark {
    /// Earns the best grade and fits within the quota.
    WithinQuota,
    /// Earns the best grade but falls beyond the quota.
    OverQuota,
    /// Tied with others at the cut: the branch decides.
    TieAtCut,
}

/// One result in the ranking. `index` is its position among the inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct RankEntry {
    pub index: u32,
    /// Competition rank (1, 2, 2, 4); absent for incomplete results.
    pub rank: Option<u32>,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    pub total: Exact,
    pub normalised_total: Exact,
    pub grade: Option<Id>,
    pub quota: Option<QuotaMark>,
}

impl Serialize for RankEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "RankEntry", {
            plain "index" => &self.index;
            plain "rank" => &self.rank;
            plain "subject" => &self.subject;
            plain "period" => &self.period;
            plain "complete" => &self.complete;
            amount "total" => &self.total;
            amount "normalised_total" => &self.normalised_total;
            plain "grade" => &self.grade;
            plain "quota" => &self.quota;
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeCount {
    pub grade: Id,
    pub count: u32,
}

/// The branch's radar: mean attainment D / M of a dimension over the results where M > 0.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionMean {
    pub id: Id,
    pub results: u32,
    pub mean_ratio: Option<Exact>,
}

impl Serialize for DimensionMean {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "DimensionMean", {
            plain "id" => &self.id;
            plain "results" => &self.results;
            opt "mean_ratio" => self.mean_ratio.as_ref();
        })
    }
}

/// 共性问题: an indicator's mean attainment C / P (percent) over the results that rated it.
#[derive(Clone, Debug, PartialEq)]
pub struct Weakness {
    pub indicator: Id,
    pub dimension: Id,
    pub rated: u32,
    pub mean_attainment: Exact,
    /// Share of those results below 60 % on it, in percent.
    pub below_60_share: Exact,
}

impl Serialize for Weakness {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "Weakness", {
            plain "indicator" => &self.indicator;
            plain "dimension" => &self.dimension;
            plain "rated" => &self.rated;
            amount "mean_attainment" => &self.mean_attainment;
            amount "below_60_share" => &self.below_60_share;
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuotaAdvice {
    /// The quota in percent of ranked results.
    pub excellent_quota: Exact,
    /// ⌊quota × ranked / 100⌋.
    pub allowed: u32,
    /// Results that earn the best grade on absolute standards.
    pub candidates: u32,
    pub over_quota: Vec<u32>,
    pub tie_at_cut: Vec<u32>,
}

impl Serialize for QuotaAdvice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_struct!(serializer, "QuotaAdvice", {
            amount "excellent_quota" => &self.excellent_quota;
            plain "allowed" => &self.allowed;
            plain "candidates" => &self.candidates;
            plain "over_quota" => &self.over_quota;
            plain "tie_at_cut" => &self.tie_at_cut;
        })
    }
}
