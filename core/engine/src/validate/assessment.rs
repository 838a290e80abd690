//! An assessment against its framework (spec §4.3): the framework it names, the sources and
//! indicators its sheets name, the items it claims, its commitments. A rating's own value is
//! checked where it is scored (spec §5.1, `score::sheets`), in the same pass, so `check` and
//! `score` always report the same errors.

use crate::diag::{pointer_token, push_error, Code, Diagnostic};
use crate::index::Index;
use crate::model::*;
use std::collections::HashSet;

/// Checks the parts of an assessment outside its sheets' ratings.
pub(crate) fn document(
    fw: &Framework,
    digest: &str,
    index: &Index,
    a: &Assessment,
    errors: &mut Vec<Diagnostic>,
) {
    let mismatch = |path: &str, what: &str, given: &str, expected: &str| {
        Diagnostic::new(
            Code::FrameworkMismatch,
            path,
            en!(format!(
                "the assessment is for {what} \"{given}\" but is scored against \"{expected}\""
            )),
            zh!(format!(
                "测评所用标准的{}为「{given}」,与评分所用的「{expected}」不符",
                match what {
                    "framework" => "标识",
                    "version" => "版本",
                    _ => "摘要",
                }
            )),
        )
    };
    if a.framework.id != fw.id {
        push_error(
            errors,
            mismatch("/framework/id", "framework", &a.framework.id, &fw.id),
        );
    }
    if a.framework.version != fw.version {
        push_error(
            errors,
            mismatch(
                "/framework/version",
                "version",
                &a.framework.version,
                &fw.version,
            ),
        );
    }
    if let Some(d) = &a.framework.digest {
        if d != digest {
            push_error(errors, mismatch("/framework/digest", "digest", d, digest));
        }
    }

    // Each bonus or deduction item is claimed once, across `bonus`, `deductions` and
    // `adjustments` (spec §11.2).
    let mut seen = HashSet::new();
    for (i, id) in a.bonus.iter().enumerate() {
        if !index.bonus.contains_key(id) {
            push_error(
                errors,
                unknown_item(
                    format!("/bonus/{i}"),
                    id,
                    (en!("bonus item"), zh!("加分项")),
                ),
            );
        } else if !seen.insert(id) {
            push_error(errors, duplicate_item(format!("/bonus/{i}"), id));
        }
    }
    // A bonus item and a deduction item may share an id (version 1): each list is its own.
    let bonus_seen = std::mem::take(&mut seen);
    for (i, claim) in a.deductions.iter().enumerate() {
        if !index.deductions.contains_key(&claim.item) {
            push_error(
                errors,
                unknown_item(
                    format!("/deductions/{i}/item"),
                    &claim.item,
                    (en!("deduction item"), zh!("扣分项")),
                ),
            );
        } else if !seen.insert(&claim.item) {
            push_error(
                errors,
                duplicate_item(format!("/deductions/{i}/item"), &claim.item),
            );
        }
    }
    // In version 2 an id names one item of the two lists (spec §4.2).
    seen.extend(bonus_seen);
    for (i, claim) in a.adjustments.iter().enumerate() {
        if !index.bonus.contains_key(&claim.item) && !index.deductions.contains_key(&claim.item) {
            push_error(
                errors,
                unknown_item(
                    format!("/adjustments/{i}/item"),
                    &claim.item,
                    (en!("bonus or deduction item"), zh!("加减分项")),
                ),
            );
        } else if !seen.insert(&claim.item) {
            push_error(
                errors,
                duplicate_item(format!("/adjustments/{i}/item"), &claim.item),
            );
        }
    }
    // spec §11.4: the raters of each source, and an eligible count where a minimum is a share.
    // A framework of version 1 has no use for them: its result could not say what they did.
    if fw.schema.version() < 2 {
        if !a.raters.is_empty() {
            push_error(errors, Diagnostic::new(
            Code::InvalidValue,
            "/raters",
            en!(format!(
                "rater numbers need a framework of version 2 (\"cxzy/framework@2\"); \"{}\" is version 1",
                fw.id
            )),
            zh!(format!(
                "应参评和发出人数须配合第 2 版评价标准(「cxzy/framework@2」);「{}」为第 1 版",
                fw.id
            )),
        ));
        }
    } else {
        for source in a.raters.keys().filter(|s| fw.source(s).is_none()) {
            let path = format!("/raters/{}", pointer_token(source));
            push_error(errors, unknown_source(path, source, &fw.id));
        }
    }
    for src in &fw.sources {
        let shared = matches!(src.min_raters, MinRaters::Share(_));
        if shared && a.raters.get(&src.id).and_then(|r| r.eligible).is_none() {
            push_error(
                errors,
                Diagnostic::new(
                    Code::EligibleMissing,
                    format!("/raters/{}/eligible", pointer_token(&src.id)),
                    en!(format!(
                    "source \"{}\" needs a share of its eligible raters: say how many are eligible",
                    src.id
                )),
                    zh!(format!(
                        "评议主体「{}」的最少人数按应参评人数的比例计算:请给出应参评人数",
                        src.id
                    )),
                ),
            );
        }
    }
    seen.clear();
    for (i, id) in a.vetoes.iter().enumerate() {
        if !index.veto_caps.contains_key(id) {
            push_error(
                errors,
                unknown_item(format!("/vetoes/{i}"), id, (en!("veto"), zh!("否决项"))),
            );
        } else if !seen.insert(id) {
            push_error(errors, duplicate_item(format!("/vetoes/{i}"), id));
        }
    }
    seen.clear();
    for (i, c) in a.commitments.iter().enumerate() {
        if !seen.insert(&c.id) {
            push_error(
                errors,
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("/commitments/{i}/id"),
                    en!(format!("commitment id \"{}\" is used more than once", c.id)),
                    zh!(format!("承诺标识「{}」重复", c.id)),
                ),
            );
        }
        if let Some(d) = &c.dimension {
            if !fw.dimensions.iter().any(|dim| dim.id == *d) {
                push_error(
                    errors,
                    unknown_item(
                        format!("/commitments/{i}/dimension"),
                        d,
                        (en!("dimension"), zh!("维度")),
                    ),
                );
            }
        }
    }
}

/// A sheet of a source the framework does not have.
pub(crate) fn unknown_source(path: String, source: &str, framework: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownSource,
        path,
        en!(format!(
            "\"{source}\" is not a source of framework \"{framework}\""
        )),
        zh!(format!(
            "「{source}」不是评价标准「{framework}」中的评议主体"
        )),
    )
}

/// A rating (or note) for an indicator the framework does not have.
pub(crate) fn unknown_indicator(path: String, key: &str, framework: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownIndicator,
        path,
        en!(format!(
            "\"{key}\" is not an indicator of framework \"{framework}\""
        )),
        zh!(format!("「{key}」不是评价标准「{framework}」中的指标")),
    )
}

/// A rating by a source that does not rate the indicator.
pub(crate) fn source_not_allowed(path: String, source: &str, key: &str) -> Diagnostic {
    Diagnostic::new(
        Code::SourceNotAllowed,
        path,
        en!(format!(
            "source \"{source}\" does not rate indicator \"{key}\""
        )),
        zh!(format!("评议主体「{source}」不评价指标「{key}」")),
    )
}

/// The path of a sheet's rating (or note, with `what` = "notes") for an indicator.
pub(crate) fn rating_path(sheet: usize, what: &str, key: &str) -> String {
    format!("/sheets/{sheet}/{what}/{}", pointer_token(key))
}

fn unknown_item(path: String, id: &str, what: (&str, &str)) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownReference,
        path,
        en!(format!("\"{id}\" is not a {} of this framework", what.0)),
        zh!(format!("「{id}」不是本标准中的{}", what.1)),
    )
}

fn duplicate_item(path: String, id: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateItem,
        path,
        en!(format!("\"{id}\" is listed more than once")),
        zh!(format!("「{id}」重复列出")),
    )
}
