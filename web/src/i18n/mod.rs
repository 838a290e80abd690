//! The one catalogue of every string the app shows, in 简体中文, 繁體中文 and English.
//!
//! A `Catalog` is a struct of fields, not a map of keys: a string missing in one language is a
//! compile error, and an unused one is visible in review. Texts of a framework (titles,
//! descriptors) come from the framework itself (`Text::get`), never from here.

pub mod criteria;
mod en;
mod zh_hans;
mod zh_hant;

use cxzy_core::{Date, Lang};

/// Every string of the app in one language. Formatting helpers are plain functions so the
/// catalogue stays a `const`.
pub struct Catalog {
    pub lang_name: &'static str,
    pub app_title: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_start: &'static str,
    pub nav_assess: &'static str,
    pub nav_result: &'static str,
    pub nav_history: &'static str,
    pub nav_data: &'static str,
    pub nav_criteria: &'static str,
    pub nav_rounds: &'static str,
    pub language: &'static str,
    pub loading: &'static str,
    pub privacy_note: &'static str,

    // Start
    pub start_heading: &'static str,
    pub who_assessed: &'static str,
    pub subject_member: &'static str,
    pub subject_organization: &'static str,
    pub subject_party_worker: &'static str,
    pub framework_label: &'static str,
    pub org_type_label: &'static str,
    pub period_label: &'static str,
    pub year_label: &'static str,
    pub half_label: &'static str,
    pub first_half: &'static str,
    pub second_half: &'static str,
    pub name_label: &'static str,
    pub unit_label: &'static str,
    pub optional: &'static str,
    pub start_button: &'static str,
    pub continue_button: &'static str,
    pub existing_hint: &'static str,

    // Assess
    pub progress_label: &'static str,
    pub rated_of: fn(usize, usize) -> String,
    pub live_total: &'static str,
    pub live_grade: &'static str,
    pub guidance: &'static str,
    pub points_suffix: &'static str,
    pub na_option: &'static str,
    pub clear_rating: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub lapses: &'static str,
    pub lapses_hint: fn(&str) -> String,
    pub points_input: &'static str,
    pub note_label: &'static str,
    pub note_placeholder: &'static str,
    pub org_rated_hint: &'static str,
    pub previous_dimension: &'static str,
    pub next_dimension: &'static str,
    pub see_result: &'static str,
    pub records_step: &'static str,
    pub records_hint: &'static str,
    pub bonus_heading: &'static str,
    pub deductions_heading: &'static str,
    pub vetoes_heading: &'static str,
    pub cap_note: fn(&str) -> String,
    pub times: &'static str,
    pub step_of: fn(usize, usize) -> String,
    // Version 2 on the rate page: counted events, votes, ticks, sub-items, counted claims.
    pub no_cap: &'static str,
    pub events_none: &'static str,
    pub start_points: fn(&str) -> String,
    pub ticks_none: &'static str,
    pub abstains: &'static str,
    pub event_per: fn(&str) -> String,
    pub event_step: fn(u32, &str) -> String,
    pub cutoff_zero: fn(u32) -> String,
    pub cutoff_full: fn(u32) -> String,
    pub cutoff_set: fn(&str, &str) -> String,
    pub item_score: &'static str,
    pub sub_items_sum: &'static str,
    pub bounded_floor: &'static str,
    pub bounded_ceiling: &'static str,
    pub applies_to: fn(&str) -> String,
    pub item_cap: fn(&str) -> String,
    pub each_time: fn(&str) -> String,

    // Result
    pub result_heading: &'static str,
    pub total: &'static str,
    pub max: &'static str,
    pub normalised_total: &'static str,
    pub normalised_note: &'static str,
    pub grade: &'static str,
    pub not_graded: &'static str,
    pub reason_threshold: fn(&str, &str) -> String,
    pub reason_below: fn(&str, &str) -> String,
    pub decrease: &'static str,
    pub increase: &'static str,
    pub reason_floor: fn(&str, &str) -> String,
    pub reason_veto: fn(&str, &str) -> String,
    pub reason_incomplete: fn(usize) -> String,
    pub reason_rule: fn(&str, &str) -> String,
    pub reason_requirement: fn(&str, &str, &str) -> String,
    pub req_part_points: fn(&str, &str) -> String,
    pub req_part_share: fn(&str, &str) -> String,
    pub req_present: fn(&str) -> String,
    pub req_not_fired: fn(&str) -> String,
    pub blocked_by_rules: fn(&str) -> String,
    pub requirements_needed: fn(&str) -> String,
    pub rules_heading: &'static str,
    pub rule_fired: &'static str,
    pub rule_not_fired: &'static str,
    pub rule_share: fn(&str, u32, u32, &str) -> String,
    pub rule_no_ballots: fn(&str) -> String,
    pub compare: fn(cxzy_core::Compare, &str) -> String,
    pub rule_then: fn(&str) -> String,
    pub effect_cap_grade: fn(&str) -> String,
    pub effect_deduct: fn(&str) -> String,
    pub effect_incomplete: &'static str,
    pub any_condition: &'static str,
    pub adjustments_heading: &'static str,
    pub counts_in: &'static str,
    pub part_bounded_floor: fn(&str) -> String,
    pub part_bounded_ceiling: fn(&str) -> String,
    pub bonus: &'static str,
    pub deduction: &'static str,
    pub radar_heading: &'static str,
    pub radar_label: &'static str,
    pub dimension: &'static str,
    pub score: &'static str,
    pub ratio: &'static str,
    pub next_grade_heading: &'static str,
    pub best_grade_reached: &'static str,
    pub points_needed: fn(&str, &str) -> String,
    pub floor_needed: fn(&str, &str) -> String,
    pub blocked_by: fn(&str) -> String,
    pub gaps_heading: &'static str,
    pub no_gaps: &'static str,
    pub gaps_printed: fn(usize) -> String,
    pub lost: &'static str,
    pub current_level: &'static str,
    pub next_level: &'static str,
    pub explain: &'static str,
    pub plan_heading: &'static str,
    pub plan_note: &'static str,
    pub plan_unreachable: &'static str,
    pub gain: &'static str,
    pub perception_heading: &'static str,
    pub perception_note: &'static str,
    pub self_score: &'static str,
    pub others_score: &'static str,
    pub difference: &'static str,
    pub items_heading: &'static str,
    pub item: &'static str,
    pub rating: &'static str,
    pub unrated: &'static str,
    pub not_applicable: &'static str,
    pub whatif_heading: &'static str,
    pub whatif_note: &'static str,
    pub whatif_change: &'static str,
    pub whatif_banner: fn(&str, &str) -> String,
    pub keep_changes: &'static str,
    pub discard_changes: &'static str,
    pub unchanged: &'static str,
    pub trend_heading: &'static str,
    pub trend_since: fn(&str) -> String,
    pub no_previous: &'static str,
    pub change: &'static str,
    pub previous: &'static str,
    pub current: &'static str,
    pub actions_heading: &'static str,
    pub export_json: &'static str,
    pub export_csv: &'static str,
    pub print: &'static str,
    pub edit_ratings: &'static str,
    pub signature_self: &'static str,
    pub signature_secretary: &'static str,
    pub date_label: &'static str,

    // Explanation of an item
    pub source: &'static str,
    pub weight: &'static str,
    pub aggregate_mean: &'static str,
    pub aggregate_median: &'static str,
    pub aggregate_trimmed: &'static str,
    pub absent_no_ratings: &'static str,
    pub absent_below_min: fn(u32) -> String,
    pub sheet: &'static str,
    pub anonymous: &'static str,
    pub combined: &'static str,
    pub combined_formula: &'static str,
    pub absent_over_issued: &'static str,
    pub absent_below_share: fn(&str) -> String,
    pub required_source: &'static str,
    pub sub_items: &'static str,
    pub option: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub tally_line: fn(u32, u32, u32) -> String,
    pub events_heading: &'static str,
    pub list_sep: &'static str,

    // Commitments
    pub commitments_heading: &'static str,
    pub commitment_text: &'static str,
    pub commitment_dimension: &'static str,
    pub commitment_due: &'static str,
    pub commitment_add: &'static str,
    pub commitment_none: &'static str,
    pub status: &'static str,
    pub status_planned: &'static str,
    pub status_in_progress: &'static str,
    pub status_done: &'static str,
    pub status_dropped: &'static str,
    pub overdue: &'static str,
    pub remove: &'static str,
    pub commitments_summary: fn(u32, u32, u32, u32) -> String,
    pub commitment_text_missing: &'static str,
    pub commitment_due_missing: &'static str,
    pub any_dimension: &'static str,

    // History
    pub history_heading: &'static str,
    pub history_empty: &'static str,
    pub open: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub cancel: &'static str,
    pub incomplete: &'static str,

    // Data
    pub data_heading: &'static str,
    pub data_note: &'static str,
    pub import_label: &'static str,
    pub import_hint: &'static str,
    pub import_done: fn(usize) -> String,
    pub import_failed: &'static str,
    pub export_all: &'static str,
    pub delete_all: &'static str,
    pub delete_all_confirm: &'static str,
    pub deleted_all: &'static str,

    // Storage and errors
    pub storage_unavailable: &'static str,
    pub storage_full: &'static str,
    pub storage_other_tab: &'static str,
    pub storage_conflict: &'static str,
    pub reload_other: &'static str,
    pub keep_mine: &'static str,
    pub storage_unreadable: &'static str,
    pub migrated: fn(&str, &str, usize) -> String,
    pub framework_failed: fn(&str) -> String,
    pub cannot_score: &'static str,
    pub retry: &'static str,
    pub dismiss: &'static str,
    pub unknown_framework: fn(&str) -> String,
    pub error_at: &'static str,
    pub line_col: fn(usize, usize) -> String,

    // A new version of the app (its service worker: services/offline.rs)
    pub update_ready: &'static str,
    pub update_apply: &'static str,
}

pub fn catalog(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::ZhHans => &zh_hans::CATALOG,
        Lang::ZhHant => &zh_hant::CATALOG,
        Lang::En => &en::CATALOG,
    }
}

/// The languages offered, in menu order.
pub const LANGS: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

/// The browser's preferred language mapped onto ours (zh-TW, zh-HK → 繁體; zh → 简体; en → English).
pub fn from_browser(tags: &[String]) -> Lang {
    for tag in tags {
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("zh") {
            let hant = ["-tw", "-hk", "-mo", "-hant"]
                .iter()
                .any(|s| lower.contains(s));
            return if hant { Lang::ZhHant } else { Lang::ZhHans };
        }
        if lower.starts_with("en") {
            return Lang::En;
        }
    }
    Lang::ZhHans
}

/// A date as people write it in the language: 2026年6月30日 / 30 Jun 2026.
pub fn date(lang: Lang, d: Date) -> String {
    use chrono::Datelike;
    match lang {
        Lang::ZhHans | Lang::ZhHant => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("");
            format!("{} {month} {}", d.day(), d.year())
        }
    }
}

/// A period's name: its half-year when it is one (2026 上半年 / H1 2026), else its dates.
pub fn period(lang: Lang, p: &cxzy_core::Period) -> String {
    use chrono::Datelike;
    let t = catalog(lang);
    let (s, e) = (p.start, p.end);
    let half = if s.year() == e.year() && s.day() == 1 {
        match (s.month(), e.month(), e.day()) {
            (1, 6, 30) => Some(true),
            (7, 12, 31) => Some(false),
            _ => None,
        }
    } else {
        None
    };
    match half {
        Some(first) => {
            let name = if first { t.first_half } else { t.second_half };
            match lang {
                Lang::En => format!("{name} {}", s.year()),
                _ => format!("{} {name}", s.year()),
            }
        }
        None => format!("{} – {}", date(lang, s), date(lang, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_map_to_ours() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(from_browser(&tags(&["zh-TW", "en"])), Lang::ZhHant);
        assert_eq!(from_browser(&tags(&["zh-Hant-HK"])), Lang::ZhHant);
        assert_eq!(from_browser(&tags(&["zh-CN"])), Lang::ZhHans);
        assert_eq!(from_browser(&tags(&["fr", "en-GB"])), Lang::En);
        assert_eq!(from_browser(&tags(&["fr"])), Lang::ZhHans);
    }

    #[test]
    fn half_years_are_named_and_other_periods_dated() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap();
        let p = |s, e| cxzy_core::Period {
            start: s,
            end: e,
            label: None,
        };
        let h1 = p(d(2026, 1, 1), d(2026, 6, 30));
        assert_eq!(period(Lang::ZhHans, &h1), "2026 上半年");
        assert_eq!(period(Lang::ZhHant, &h1), "2026 上半年");
        assert_eq!(
            period(Lang::En, &p(d(2026, 7, 1), d(2026, 12, 31))),
            "H2 2026"
        );
        assert_eq!(
            period(Lang::En, &p(d(2026, 3, 1), d(2026, 3, 31))),
            "1 Mar 2026 – 31 Mar 2026"
        );
    }
}
