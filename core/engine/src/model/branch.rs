//! The branch view (支部评比, spec §2.6): ranking, grade distribution, radar, 共性问题, quota
//! advice.

use super::{BranchSchema, FrameworkStamp, Id, Period, SubjectInfo};
use crate::exact::Exact;
use cxzy_derive::{Describe, Write};

/// A branch view, `"schema": "cxzy/branch@1"`: results of one framework side by side.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct BranchView {
    pub schema: BranchSchema,
    pub framework: FrameworkStamp,
    /// Results given.
    pub count: u32,
    /// Complete results, the ones that are ranked.
    pub ranked: u32,
    pub ranking: Vec<RankEntry>,
    pub grades: Vec<GradeCount>,
    pub incomplete: u32,
    pub dimensions: Vec<DimensionMean>,
    pub common_weaknesses: Vec<Weakness>,
    /// null without a quota.
    #[cxzy(nullable)]
    pub quota: Option<QuotaAdvice>,
}

/// Quota advice for one result; never a changed grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum QuotaMark {
    /// Earns the best grade and fits within the quota.
    WithinQuota,
    /// Earns the best grade but falls beyond the quota.
    OverQuota,
    /// Tied with others at the cut: the branch decides.
    TieAtCut,
}

/// One result in the ranking. `index` is its position among the inputs.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct RankEntry {
    pub index: u32,
    /// Competition rank (1, 2, 2, 4); null for incomplete results.
    #[cxzy(nullable)]
    pub rank: Option<u32>,
    pub subject: SubjectInfo,
    pub period: Period,
    pub complete: bool,
    #[cxzy(amount)]
    pub total: Exact,
    #[cxzy(amount)]
    pub normalised_total: Exact,
    #[cxzy(nullable)]
    pub grade: Option<Id>,
    #[cxzy(nullable)]
    pub quota: Option<QuotaMark>,
}

#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct GradeCount {
    pub grade: Id,
    pub count: u32,
}

/// The branch's radar: mean attainment D / M of a dimension over the results where M > 0.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct DimensionMean {
    pub id: Id,
    pub results: u32,
    #[cxzy(amount, nullable)]
    pub mean_ratio: Option<Exact>,
}

/// 共性问题: an indicator's mean attainment C / P (percent) over the results that rated it.
#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct Weakness {
    pub indicator: Id,
    pub dimension: Id,
    pub rated: u32,
    #[cxzy(amount)]
    pub mean_attainment: Exact,
    /// Share of those results below 60 % on it, in percent.
    #[cxzy(amount)]
    pub below_60_share: Exact,
}

#[derive(Clone, Debug, PartialEq, Write, Describe)]
pub struct QuotaAdvice {
    /// The quota in percent of ranked results.
    #[cxzy(amount)]
    pub excellent_quota: Exact,
    /// ⌊quota × ranked / 100⌋.
    pub allowed: u32,
    /// Results that earn the best grade on absolute standards.
    pub candidates: u32,
    pub over_quota: Vec<u32>,
    pub tie_at_cut: Vec<u32>,
}
