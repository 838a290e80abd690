//! The built-in frameworks (spec §10): each validates, follows the conventions of spec §10.2,
//! has the digest recorded here — so any change to a framework's wording or numbers is a
//! visible, reviewed change to this table — and is listed once in the catalogue, as it is.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use cxzy_core::*;
use cxzy_frameworks::FILES;

/// (id, digest). Update a digest only together with the reviewed framework change.
const DIGESTS: &[(&str, &str)] = &[
    (
        "branch-rules-2002-member",
        "sha256:07a60ab487a1438c8f66d480eaa02b5d1e68694f0c0a640d20aa012fd944ee84",
    ),
    (
        "branch-rules-2002-org",
        "sha256:8b01f0f887d2d53162bd912978f146b8dcf44ae3daaab5d90cf09096aa8eb954",
    ),
    (
        "member-five-leads",
        "sha256:96f4587b59a88aa96fde38ba11df0442fb9a32b79c065818adb531ae3d820975",
    ),
    (
        "org-five-goods-community",
        "sha256:66baecbe0cfcb9949c57214d1b107ceab577b7b42ed1dffb33d845418ba6af54",
    ),
    (
        "org-five-goods-government",
        "sha256:5faeb441c9f2d4981f2586f850ffeaa7bca970e9c5ca645dd190ae236b2671ab",
    ),
    (
        "org-five-goods-institution",
        "sha256:969205a062fb43ccb734db1cef7cce95beaa4592e62b09652340e45373ba1cb7",
    ),
    (
        "org-five-goods-nonpublic",
        "sha256:8124376f748975e2e2f8c1bee2cef675e95967ac3c00c617106c204d5ef3476c",
    ),
    (
        "org-five-goods-rural",
        "sha256:1b37041acf1ed4e3ea816ca734a67e9070be5941ebb74cd0f9114709c1ded0e9",
    ),
    (
        "org-five-goods-soe",
        "sha256:43f9f867876d4eab0c2d4ba94df3b3399006aa316884f2236a4cdab458dae34d",
    ),
    (
        "org-five-goods-university",
        "sha256:37058303ccd38259675bdadbbc584e73a28b2cb67ec399e1ddf8db804c957c72",
    ),
    (
        "org-five-goods",
        "sha256:a4d364aafbf3aee9e58869ba8921288b10e8af9364468326ebc8b41ee68aa3c5",
    ),
    (
        "worker-five-strengths",
        "sha256:f24e7e3dc797b2ae3044df915daf8efbb0c78ea27f937ab0c538b3e47c80fbf0",
    ),
];

fn each() -> impl Iterator<Item = (&'static str, Framework)> {
    FILES
        .iter()
        .map(|(id, text)| match Prepared::from_json(text) {
            Ok(fw) => (*id, fw.framework().clone()),
            Err(e) => panic!("built-in {id} is invalid: {e:?}"),
        })
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_built_in_has_its_recorded_digest() {
    assert_eq!(
        FILES.len(),
        DIGESTS.len(),
        "a built-in without a recorded digest, or the reverse"
    );
    for (id, fw) in each() {
        assert_eq!(&*fw.id, id, "file name and id differ");
        let recorded = DIGESTS.iter().find(|(k, _)| *k == id).map(|(_, d)| *d);
        assert_eq!(
            digest::digest(&fw).ok().as_deref(),
            recorded,
            "digest of {id} changed: review the change, then record the new digest"
        );
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_catalogue_lists_every_built_in_once_as_its_file_says() {
    let catalogue = cxzy_frameworks::catalogue().expect("catalogue.json reads");
    let mut listed: Vec<&str> = catalogue.frameworks.iter().map(|e| &*e.id).collect();
    for entry in &catalogue.frameworks {
        let text = cxzy_frameworks::text(&entry.id)
            .unwrap_or_else(|| panic!("the catalogue lists {} but json/ has no file", entry.id));
        let fw = Prepared::from_json(text).expect("valid");
        let fw = fw.framework();
        assert_eq!(
            (entry.subject, entry.org_type),
            (fw.subject, fw.org_type),
            "{}: the catalogue's subject or type differs from the file's",
            entry.id
        );
        for (lang, name) in [
            ("zh-Hans", Some(entry.name.zh_hans.as_str())),
            ("zh-Hant", entry.name.zh_hant.as_deref()),
            ("en", entry.name.en.as_deref()),
        ] {
            assert!(
                name.is_some_and(|n| !n.trim().is_empty()),
                "{}: no {lang} name",
                entry.id
            );
        }
    }
    listed.sort_unstable();
    let before = listed.len();
    listed.dedup();
    assert_eq!(before, listed.len(), "an id listed twice");
    let mut files: Vec<&str> = FILES.iter().map(|(id, _)| *id).collect();
    files.sort_unstable();
    assert_eq!(
        listed, files,
        "json/ and the catalogue list different frameworks"
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_built_in_has_three_to_six_indicators_per_dimension_and_100_points() {
    for (id, fw) in each() {
        let total: i64 = fw.indicators().map(|(_, i)| i.points.cents()).sum();
        assert_eq!(total, 10_000, "{id} totals {total} hundredths");
        for d in &fw.dimensions {
            assert!(
                (3..=6).contains(&d.indicators.len()),
                "{id}/{} has {} indicators",
                d.id,
                d.indicators.len()
            );
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_built_in_text_exists_in_zh_hans_zh_hant_and_english() {
    fn check(id: &str, what: &str, t: &Text) {
        assert!(
            t.zh_hant.as_deref().is_some_and(|s| !s.is_empty()),
            "{id}: {what} lacks zh-Hant"
        );
        assert!(
            t.en.as_deref().is_some_and(|s| !s.is_empty()),
            "{id}: {what} lacks en"
        );
        assert_ne!(
            t.zh_hant.as_deref(),
            Some(t.zh_hans.as_str()).filter(|s| s
                .chars()
                .any(|c| "这个们对说为时会学发经过与头带党员评价".contains(c))),
            "{id}: {what} zh-Hant is simplified text"
        );
    }
    for (id, fw) in each() {
        check(id, "title", &fw.title);
        for d in &fw.dimensions {
            check(id, &d.id, &d.title);
            for i in &d.indicators {
                check(id, &i.id, &i.title);
                if let Some(g) = &i.guidance {
                    check(id, &i.id, g);
                }
                if let Scale::Levels { levels } = &i.scale {
                    for l in levels {
                        check(id, &l.id, &l.label);
                        let descriptor = l
                            .descriptor
                            .as_ref()
                            .unwrap_or_else(|| panic!("{id}/{}/{} has no descriptor", i.id, l.id));
                        check(id, &l.id, descriptor);
                    }
                    let distinct: std::collections::HashSet<&str> = levels
                        .iter()
                        .filter_map(|l| l.descriptor.as_ref())
                        .map(|d| d.zh_hans.as_str())
                        .collect();
                    assert_eq!(
                        distinct.len(),
                        levels.len(),
                        "{id}/{}: level descriptors repeat",
                        i.id
                    );
                }
            }
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_built_in_uses_the_conventional_grades_and_sources() {
    for (id, fw) in each() {
        let grades: Vec<(&str, i64, Option<Ratio>)> = fw
            .grades
            .iter()
            .map(|g| (&*g.id, g.min_total.cents(), g.min_dimension_ratio))
            .collect();
        assert_eq!(
            grades,
            vec![
                ("excellent", 9000, Some(Ratio::Percent(80))),
                ("qualified", 7000, None),
                ("basic", 6000, None),
                ("unqualified", 0, None)
            ],
            "{id}"
        );
        let sources: Vec<(&str, i64)> = fw
            .sources
            .iter()
            .map(|s| (&*s.id, s.weight.cents()))
            .collect();
        let expected = match fw.subject {
            Subject::Organization => vec![("self", 2000), ("superior", 4000), ("mass", 4000)],
            Subject::Member | Subject::PartyWorker => vec![
                ("self", 2000),
                ("peer", 3000),
                ("mass", 3000),
                ("org", 2000),
            ],
        };
        assert_eq!(sources, expected, "{id}");
        let mass = fw
            .source("mass")
            .unwrap_or_else(|| panic!("{id} has no mass source"));
        assert_eq!(
            (mass.min_raters, mass.anonymous_min),
            (MinRaters::Count(5), Some(5)),
            "{id}: 群众评议 needs 5 raters and is anonymous"
        );
        if fw.subject != Subject::Organization {
            let vetoes: Vec<(&str, &str)> = fw
                .vetoes
                .iter()
                .map(|v| (&*v.id, &*v.caps_grade_at))
                .collect();
            assert!(
                vetoes.contains(&("discipline-sanction", "unqualified"))
                    && vetoes.contains(&("dues-unpaid", "basic")),
                "{id}: {vetoes:?}"
            );
        }
    }
}

/// Spec §10.3: ids in kebab-case, version 1.0.0, the four conventional levels, bonus capped at 5
/// and deductions at 10, the organisation frameworks' own vetoes, facts rated by the organisation.
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_built_in_follows_the_remaining_conventions() {
    let kebab = |id: &str| {
        !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    };
    for (id, fw) in each() {
        // A built-in rewritten in version 2's terms is its rule set's version 2.0.0 (spec §10).
        let expected = format!("{}.0.0", fw.schema.version());
        assert_eq!(fw.version, expected, "{id}");
        let ids = fw
            .dimensions
            .iter()
            .map(|d| &*d.id)
            .chain(fw.indicators().map(|(_, i)| &*i.id))
            .chain(
                fw.bonus
                    .iter()
                    .chain(&fw.deductions)
                    .flat_map(|a| a.items.iter().map(|i| &*i.id)),
            );
        for x in ids {
            assert!(kebab(x), "{id}: id {x:?} is not kebab-case");
        }
        assert_eq!(
            fw.bonus.as_ref().and_then(|b| b.cap).map(|c| c.cents()),
            Some(500),
            "{id}: bonus cap"
        );
        assert_eq!(
            fw.deductions
                .as_ref()
                .and_then(|d| d.cap)
                .map(|c| c.cents()),
            Some(1000),
            "{id}: deduction cap"
        );
        let fact_source = if fw.subject == Subject::Organization {
            "superior"
        } else {
            "org"
        };
        for (_, ind) in fw.indicators() {
            match &ind.scale {
                Scale::Levels { levels } => {
                    let shape: Vec<(&str, u8)> =
                        levels.iter().map(|l| (&*l.id, l.percent)).collect();
                    assert_eq!(
                        shape,
                        vec![("good", 100), ("fair", 80), ("average", 60), ("poor", 30)],
                        "{id}/{}",
                        ind.id
                    );
                }
                Scale::Check | Scale::Deduction { .. } | Scale::Events { .. } => {
                    let sources: Vec<&str> = ind.sources.iter().flatten().map(|s| &**s).collect();
                    assert_eq!(
                        sources,
                        vec![fact_source],
                        "{id}/{}: a fact is the organisation's",
                        ind.id
                    );
                    assert!(!ind.allow_na, "{id}/{}: a fact is never N/A", ind.id);
                }
                Scale::Points { .. }
                | Scale::Vote { .. }
                | Scale::Ticks { .. }
                | Scale::Items { .. } => {}
            }
        }
        let vetoes: Vec<(&str, &str)> = fw
            .vetoes
            .iter()
            .map(|v| (&*v.id, &*v.caps_grade_at))
            .collect();
        let expected: &[(&str, &str)] = match (fw.subject, id) {
            (Subject::Organization, "branch-rules-2002-org") => &[("leader-sanction", "qualified")],
            (Subject::Organization, _) => &[
                ("serious-violation", "unqualified"),
                ("major-incident", "qualified"),
            ],
            _ => &[
                ("discipline-sanction", "unqualified"),
                ("dues-unpaid", "basic"),
            ],
        };
        assert_eq!(vetoes, expected, "{id}: vetoes");
    }
}

/// The built-ins pass the authoring checks a unit's own criteria must pass (spec §4.7): a copy
/// of one starts without an error.
#[test]
fn every_builtin_passes_the_authoring_checks() {
    for entry in cxzy_frameworks::catalogue().unwrap().frameworks {
        let text = cxzy_frameworks::text(&entry.id).unwrap();
        let p = cxzy_core::Prepared::from_json(text).unwrap();
        let problems = cxzy_core::validate::authoring(p.framework());
        assert!(problems.is_empty(), "{}: {problems:?}", entry.id);
    }
}
