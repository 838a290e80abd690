//! Files in and out: the JSON export (assessment + result, re-importable), the CSV export (UTF-8
//! with BOM, one row per item and sub-item, for Excel and WPS), reading an imported file (an
//! assessment of version 1 or 2, as the engine's reader reads it), and downloads.

use crate::i18n::catalog;
use crate::model::engine::{indicator_result, Engine};
use crate::model::own_sheet::{own_note, own_rating};
use cxzy_core::{
    assessment_from_value, parse_json, Assessment, Diagnostic, IndicatorStatus, Lang, Rating,
    Scale, ScoreResult, Tally,
};
use serde_json::Value;
use wasm_bindgen::JsCast;

/// The JSON export: both documents, so the file can be re-imported (the assessment) and read
/// by other tools (the result).
pub fn export_json(a: &Assessment, result: Option<&ScoreResult>) -> String {
    // Written piece by piece: one (compact) serializer for every type keeps the WASM small.
    let a = serde_json::to_string(a).unwrap_or_default();
    let r = result
        .and_then(|r| serde_json::to_string(r).ok())
        .unwrap_or_else(|| "null".into());
    format!("{{\n\"assessment\": {a},\n\"result\": {r}\n}}\n")
}

/// The CSV export: a header and one row per indicator, in the language of the page.
pub fn export_csv(engine: &Engine, a: &Assessment, result: &ScoreResult, lang: Lang) -> String {
    let t = catalog(lang);
    let mut out = String::from(cxzy_core::csv::BOM);
    let header = [
        t.dimension,
        "ID",
        t.item,
        t.max,
        t.rating,
        t.score,
        t.lost,
        t.note_label,
    ];
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    let fw = engine.framework();
    // One row per item, and one per sub-item under its item (named "item · sub-item").
    let mut row = |dim: &str, ind: &cxzy_core::Indicator, title: String| {
        let r = indicator_result(result, &ind.id);
        let rating = own_rating(a, engine, &ind.id);
        let tally = r.and_then(|r| r.tally.as_ref()).filter(|x| x.ballots > 1);
        let rating_text = match (r.map(|r| r.status), &ind.scale, tally) {
            (Some(IndicatorStatus::Na), _, _) => t.not_applicable.to_owned(),
            (_, Scale::Items { .. }, _) => t.sub_items_sum.to_owned(),
            (_, _, Some(tally)) => tally_summary(ind, tally, lang),
            _ => rating
                .as_ref()
                .map(|r| rating_label(ind, r, lang))
                .unwrap_or_default(),
        };
        // The member's own note: on the user's own sheet for this item (not a peer's).
        let note = own_note(a, engine, &ind.id).unwrap_or_default();
        push_row(
            &mut out,
            [
                dim.to_owned(),
                ind.id.to_string(),
                title,
                ind.points.fixed2(),
                rating_text,
                r.and_then(|r| r.combined.as_ref())
                    .map(|c| c.to_fixed2())
                    .unwrap_or_default(),
                r.and_then(|r| r.lost.as_ref())
                    .map(|c| c.to_fixed2())
                    .unwrap_or_default(),
                note,
            ]
            .into_iter(),
        );
    };
    for (dim, ind) in fw.indicators() {
        let (dim, title) = (dim.title.get(lang), ind.title.get(lang));
        row(dim, ind, title.to_owned());
        if let Scale::Items { items } = &ind.scale {
            for sub in items {
                row(dim, sub, format!("{title} · {}", sub.title.get(lang)));
            }
        }
    }
    push_row(
        &mut out,
        [
            t.total.to_owned(),
            String::new(),
            String::new(),
            result.max.to_fixed2(),
            String::new(),
            result.total.to_fixed2(),
            String::new(),
            String::new(),
        ]
        .into_iter(),
    );
    out
}

/// How a rating reads to a person: the level's (or vote option's) label, 是/否, a count, points,
/// each event's count, the conditions ticked.
pub fn rating_label(ind: &cxzy_core::Indicator, r: &Rating, lang: Lang) -> String {
    let t = catalog(lang);
    match (r, &ind.scale) {
        (Rating::Na, _) => t.not_applicable.to_owned(),
        (Rating::Level(id), Scale::Levels { levels }) => levels
            .iter()
            .find(|l| l.id == *id)
            .map(|l| l.label.get(lang).to_owned())
            .unwrap_or_else(|| id.to_string()),
        (Rating::Check(b), _) => (if *b { t.yes } else { t.no }).to_owned(),
        (Rating::Number(n), Scale::Deduction { .. }) => format!("{} {}", n.canonical(), t.times),
        (Rating::Number(n), _) => n.canonical(),
        (Rating::Level(id), scale @ Scale::Vote { .. }) => choice_label(scale, id, lang),
        (Rating::Level(id), _) => id.to_string(),
        // Counts: "迟到或早退 4 次、缺席 1 次"; nothing counted: "以上均未发生".
        (Rating::Counts(counts), scale) => {
            let list: Vec<String> = counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(id, n)| format!("{} {n} {}", choice_label(scale, id, lang), t.times))
                .collect();
            if list.is_empty() {
                t.events_none.to_owned()
            } else {
                list.join(t.list_sep)
            }
        }
        // Ticks: the conditions' labels; nothing ticked: "以上情形均没有".
        (Rating::Ticks(list), scale) => {
            if list.is_empty() {
                return t.ticks_none.to_owned();
            }
            list.iter()
                .map(|id| choice_label(scale, id, lang))
                .collect::<Vec<_>>()
                .join(t.list_sep)
        }
    }
}

/// The label of a vote's option, a ticks item's condition or an event (the id if there is none).
pub fn choice_label(scale: &Scale, id: &str, lang: Lang) -> String {
    let found = match scale {
        Scale::Vote { options, .. } => options
            .iter()
            .find(|o| &*o.id == id)
            .map(|o| o.label.get(lang)),
        Scale::Ticks { conditions } => conditions
            .iter()
            .find(|c| &*c.id == id)
            .map(|c| c.label.get(lang)),
        Scale::Events { events, .. } => events
            .iter()
            .find(|e| &*e.id == id)
            .map(|e| e.label.get(lang)),
        _ => None,
    };
    found.unwrap_or(id).to_owned()
}

/// A vote's or ticks' tally in a cell: each option (condition) with its count and share, as the
/// engine printed them: "信任 20(66.67%)、不信任 10(33.33%)".
pub fn tally_summary(ind: &cxzy_core::Indicator, tally: &Tally, lang: Lang) -> String {
    let t = catalog(lang);
    let label = |id: &str| choice_label(&ind.scale, id, lang);
    tally
        .options
        .iter()
        .map(|o| match &o.share {
            Some(share) => format!("{} {} ({}%)", label(&o.id), o.count, share.to_fixed2()),
            None => format!("{} {}", label(&o.id), o.count),
        })
        .collect::<Vec<_>>()
        .join(t.list_sep)
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push_str(&cxzy_core::csv::row(cells));
}

/// The assessments in an imported file: an assessment, an export (`{"assessment": …}`), a backup
/// (`cxzy/app-data@1`), or a list of these. Errors carry JSON pointers into the file.
/// Each with the JSON pointer of its place in the file ("" for the whole file).
pub fn read_import(text: &str) -> Result<Vec<(String, Assessment)>, Vec<Diagnostic>> {
    let value = parse_json(text)?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    collect(&value, "", &mut found, &mut errors, 0);
    if found.is_empty() && errors.is_empty() {
        errors.push(Diagnostic::new(
            cxzy_core::Code::WrongType,
            "",
            "the file holds no assessment (cxzy/assessment@1 or @2)",
            "文件中没有评分文档(cxzy/assessment@1 或 @2)",
        ));
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

fn collect(
    v: &Value,
    path: &str,
    found: &mut Vec<(String, Assessment)>,
    errors: &mut Vec<Diagnostic>,
    depth: u8,
) {
    if depth > 3 {
        return;
    }
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, &format!("{path}/{i}"), found, errors, depth + 1);
            }
        }
        Value::Object(map) if map.contains_key("assessment") && !map.contains_key("schema") => {
            if let Some(a) = map.get("assessment") {
                collect(a, &format!("{path}/assessment"), found, errors, depth + 1);
            }
        }
        Value::Object(map)
            if map.get("schema").and_then(Value::as_str) == Some(super::storage::SCHEMA) =>
        {
            if let Some(list) = map.get("assessments") {
                collect(
                    list,
                    &format!("{path}/assessments"),
                    found,
                    errors,
                    depth + 1,
                );
            }
        }
        _ => match assessment_from_value(v) {
            Ok(a) => found.push((path.to_owned(), a)),
            Err(e) => errors.extend(e.into_iter().map(|d| d.within(path))),
        },
    }
}

/// Offers text as a file download (a Blob URL on a temporary link: nothing leaves the device).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
    // Revoked a moment later: some browsers (Safari) still read the URL after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// A file name for an assessment: framework id and period start.
pub fn file_stem(a: &Assessment) -> String {
    format!("cxzy-{}-{}", a.framework.id, a.period.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "a,b".to_string(),
                "say \"hi\"".into(),
                "=SUM(A1)".into(),
                "-5".into(),
            ]
            .into_iter(),
        );
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-5\r\n");
    }

    #[test]
    fn imports_find_assessments_in_exports_backups_and_lists_and_locate_errors() {
        let a = r#"{"schema":"cxzy/assessment@1","framework":{"id":"x","version":"1"},
                    "period":{"start":"2026-01-01","end":"2026-06-30"},"sheets":[]}"#;
        assert_eq!(read_import(a).unwrap().len(), 1);
        assert_eq!(
            read_import(&format!(r#"{{"assessment":{a},"result":null}}"#))
                .unwrap()
                .len(),
            1
        );
        let two = read_import(&format!(r#"[{a},{a}]"#)).unwrap();
        assert_eq!(
            two.iter().map(|(at, _)| at.as_str()).collect::<Vec<_>>(),
            ["/0", "/1"]
        );
        assert_eq!(
            read_import(&format!(r#"{{"assessment":{a}}}"#)).unwrap()[0].0,
            "/assessment"
        );
        let backup = format!(r#"{{"schema":"cxzy/app-data@1","assessments":[{a}]}}"#);
        assert_eq!(read_import(&backup).unwrap().len(), 1);
        let bad = r#"[{"schema":"cxzy/assessment@1","framework":{"id":"x","version":"1"},
                    "period":{"start":"2026-13-01","end":"2026-06-30"},"sheets":[]}]"#;
        let errors = read_import(bad).unwrap_err();
        assert_eq!(errors[0].path, "/0/period/start");
        let syntax = read_import("{\n  \"schema\": ").unwrap_err();
        assert!(
            syntax[0].message(Lang::En).contains("line 2"),
            "{:?}",
            syntax[0]
        );
    }

    #[test]
    fn csv_has_a_row_per_sub_item_and_readable_counts_ticks_and_votes() {
        let engine = Engine::load(include_str!(
            "../../../tests/vectors/v2-sub-items/framework.json"
        ))
        .unwrap();
        let a = cxzy_core::assessment_from_str(include_str!(
            "../../../tests/vectors/v2-sub-items/assessment.json"
        ))
        .unwrap();
        let today = cxzy_core::Date::from_ymd_opt(2026, 11, 21).unwrap();
        let r = engine.score(&a, today).unwrap();
        let csv = export_csv(&engine, &a, &r, Lang::ZhHans);
        let rows: Vec<&str> = csv.lines().collect();
        let at = |id: &str| {
            rows.iter()
                .position(|l| l.split(',').nth(1) == Some(id))
                .unwrap()
        };
        // The item, then its sub-items named under it, each with the engine's figures.
        assert_eq!(at("lessons"), at("life") + 1);
        assert!(rows[at("life")].starts_with("组织生活,life,组织生活,10.00,各小项之和,"));
        assert!(
            rows[at("lessons")]
                .starts_with("组织生活,lessons,组织生活 · 三会一课,6.00,缺席 1 次,4.00,2.00,"),
            "{}",
            rows[at("lessons")]
        );
        assert!(rows[at("talk")].contains(",不适用,"));

        let township = Engine::load(include_str!(
            "../../../tests/vectors/v2-township-a/framework.json"
        ))
        .unwrap();
        let conditions = township.indicator("conditions").unwrap();
        assert_eq!(
            rating_label(conditions, &Rating::Ticks(vec![]), Lang::ZhHans),
            "以上情形均没有"
        );
        assert_eq!(
            rating_label(
                conditions,
                &Rating::Ticks(vec!["faith".into(), "duty".into()]),
                Lang::En
            ),
            "Wavering conviction, Neglecting a member's duties"
        );
        let trust = township.indicator("trust").unwrap();
        assert_eq!(
            rating_label(trust, &Rating::Level("distrust".into()), Lang::ZhHans),
            "不信任"
        );
        let lessons = engine.indicator("lessons").unwrap();
        assert_eq!(
            rating_label(lessons, &Rating::Counts(Default::default()), Lang::ZhHans),
            "以上均未发生"
        );
    }
}
