//! The languages of messages (features `en` and `zh`, both by default): a build carries the
//! messages of the languages it is built with, and gives a reader of another language those.
//! CI runs this test in all three builds (scripts/test.sh):
//! `cargo test -p cxzy-core --no-default-features --features zh --test languages`, and `en`.

use cxzy_core::*;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Errors of every stage: reading (a missing field, a wrong type), JSON syntax, and the check of
/// an assessment against a framework (its ratings).
fn errors() -> Vec<Diagnostic> {
    let mut all = assessment_from_str(r#"{"schema": "cxzy/assessment@1", "sheets": 3}"#)
        .err()
        .unwrap_or_default();
    all.extend(assessment_from_str("{").err().unwrap_or_default());
    all.extend(Prepared::from_json("{}").err().unwrap_or_default());
    all
}

#[test]
fn messages_are_in_the_languages_built_and_given_for_every_reader() {
    let all = errors();
    assert!(all.len() >= 4, "{all:?}");
    for d in &all {
        let (en, zh) = (d.message(Lang::En), d.message(Lang::ZhHans));
        assert!(!en.is_empty() && !zh.is_empty(), "{} at {}", d.code, d.path);
        // Traditional-Chinese readers get the zh-Hans messages.
        assert_eq!(d.message(Lang::ZhHant), zh);
        match (diag::EN, diag::ZH) {
            (true, true) => {
                assert!(!chinese(en), "English message {en:?}");
                assert!(chinese(zh), "Chinese message {zh:?}");
            }
            // One language built: every reader gets its messages.
            (false, true) => {
                assert!(chinese(zh), "{zh:?}");
                assert_eq!(en, zh);
            }
            (true, false) => {
                assert!(!chinese(en), "{en:?}");
                assert_eq!(zh, en);
            }
            (false, false) => unreachable!("cxzy-core does not build without a language"),
        }
        // What a log prints: the English message where there is one.
        let shown = d.to_string();
        assert!(shown.ends_with(en), "{shown}");
        assert!(shown.starts_with(d.code.as_str()), "{shown}");
    }
    assert_eq!(diag::EN, cfg!(feature = "en"));
    assert_eq!(diag::ZH, cfg!(feature = "zh"));
}

#[test]
fn a_reader_is_given_the_language_built() {
    for lang in [Lang::En, Lang::ZhHans, Lang::ZhHant] {
        let built = lang.built();
        let carried = match built {
            Lang::En => diag::EN,
            Lang::ZhHans | Lang::ZhHant => diag::ZH,
        };
        assert!(carried, "{lang:?} is given {built:?}, which this build does not carry");
        // A language that is built is its own.
        if (lang == Lang::En && diag::EN) || (lang != Lang::En && diag::ZH) {
            assert_eq!(built, lang);
        }
    }
}
