//! Half-year periods (checks are half-yearly, seed 000 四) and their short names in routes.

use cxzy_core::{iso_date, Date, Period};

/// A half-year: 1 January – 30 June, or 1 July – 31 December; `None` for a year outside the
/// calendar's range.
pub fn half_year(year: i32, first: bool) -> Option<Period> {
    let ((m1, d1), (m2, d2)) = if first {
        ((1, 1), (6, 30))
    } else {
        ((7, 1), (12, 31))
    };
    Some(Period {
        start: Date::from_ymd_opt(year, m1, d1)?,
        end: Date::from_ymd_opt(year, m2, d2)?,
        label: None,
    })
}

/// The half-year `today` falls in.
pub fn half_year_of(today: Date) -> Period {
    use chrono::Datelike;
    half_year(today.year(), today.month() <= 6).unwrap_or(Period {
        start: today,
        end: today,
        label: None,
    })
}

/// A period's short name: `2026-H1`, `2026-H2`, or `2026-01-01..2026-03-31`.
pub fn period_name(start: Date, end: Date) -> String {
    use chrono::Datelike;
    for first in [true, false] {
        if let Some(h) = half_year(start.year(), first) {
            if h.start == start && h.end == end {
                return format!("{}-H{}", start.year(), if first { 1 } else { 2 });
            }
        }
    }
    format!("{start}..{end}")
}

/// Reads a period's short name (see [`period_name`]); also `start/end` (the portal element's
/// attribute). `None` when it is not one or ends before it starts.
pub fn parse_period(text: &str) -> Option<(Date, Date)> {
    let text = text.trim();
    if let Some((start, end)) = text.split_once("..").or_else(|| text.split_once('/')) {
        let start = loose_date(start.trim())?;
        let end = loose_date(end.trim())?;
        return (start <= end).then_some((start, end));
    }
    let (year, half) = text.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let p = match half.to_ascii_uppercase().as_str() {
        "H1" => half_year(year, true),
        "H2" => half_year(year, false),
        _ => None,
    }?;
    Some((p.start, p.end))
}

/// A date as a portal may write it in the element's `period` attribute: `2026-01-01`, or without
/// the zeros, `2026-1-1` (what the element accepted before). By hand: chrono's parser would add
/// its strftime machinery to the WASM.
fn loose_date(text: &str) -> Option<Date> {
    if let Some(d) = iso_date(text) {
        return Some(d);
    }
    let mut parts = text.split('-');
    let mut number = |digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        let p = parts.next()?;
        (digits.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (year, month, day) = (number(4..=4)?, number(1..=2)?, number(1..=2)?);
    if parts.next().is_some() {
        return None;
    }
    Date::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_element_reads_dates_with_or_without_leading_zeros() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(
            parse_period("2026-1-1/2026-3-31"),
            Some((d("2026-01-01"), d("2026-03-31")))
        );
        assert_eq!(
            parse_period("2026-01-01..2026-03-31"),
            Some((d("2026-01-01"), d("2026-03-31")))
        );
        assert_eq!(parse_period("2026-2-30/2026-3-31"), None);
        assert_eq!(parse_period("26-1-1/2026-3-31"), None);
        assert_eq!(parse_period("2026-1-1-1/2026-3-31"), None);
        assert_eq!(parse_period("2026-+1-1/2026-3-31"), None);
    }

    #[test]
    fn half_years_have_short_names_and_other_periods_their_dates() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(period_name(d("2026-07-01"), d("2026-12-31")), "2026-H2");
        assert_eq!(period_name(d("2026-01-01"), d("2026-06-30")), "2026-H1");
        assert_eq!(
            period_name(d("2026-03-01"), d("2026-03-31")),
            "2026-03-01..2026-03-31"
        );
        assert_eq!(
            parse_period("2026-h2"),
            Some((d("2026-07-01"), d("2026-12-31")))
        );
        assert_eq!(
            parse_period("2026-03-01..2026-03-31"),
            Some((d("2026-03-01"), d("2026-03-31")))
        );
        assert_eq!(
            parse_period("2026-03-01/2026-03-31"),
            Some((d("2026-03-01"), d("2026-03-31")))
        );
        assert!(parse_period("2026-06-30..2026-01-01").is_none());
        assert!(parse_period("2026-Q1").is_none());
        assert!(parse_period("soon").is_none());
    }
}
