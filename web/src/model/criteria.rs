//! A unit's own criteria (具体条件) in the library: drafts being edited (valid or not, so a half-made
//! draft is never lost) and the frameworks the user published or added from a link or file (each
//! a valid framework document, every version kept; the last of an id is the one used).
//!
//! **Invariants:** an own framework never takes a built-in's id (the built-in would shadow it);
//! an id and version name one text only (a second text under the same version is refused: publish
//! a new version instead). Both are checked by [`check_own`] before anything is stored.

use super::engine::Engine;
use cxzy_core::{Date, Lang};
use serde_json::Value;
use std::rc::Rc;

/// A draft of criteria: the framework's JSON as it stands.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Draft {
    /// Names the draft in the library and in its route (`#/criteria/<key>`).
    pub key: Rc<str>,
    pub framework: Rc<Value>,
    /// What it was made from (`<id> <version>`), if anything.
    pub from: Option<String>,
    /// Members of the stored entry this version does not know, kept and written back.
    pub rest: serde_json::Map<String, Value>,
}

/// A framework of the user's own: published from a draft, or added from a link or a file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Own {
    pub framework: Rc<Value>,
    /// What changed in this version (the publisher's words).
    pub summary: String,
    pub added: Option<Date>,
    /// Members of the stored entry this version does not know, kept and written back.
    pub rest: serde_json::Map<String, Value>,
}

impl Own {
    pub fn id(&self) -> &str {
        self.framework
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    pub fn version(&self) -> &str {
        self.framework
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or("")
    }
}

/// Why an own framework cannot be stored.
#[derive(Clone, Debug, PartialEq)]
pub enum OwnRefusal {
    /// The engine's errors.
    Invalid(Vec<cxzy_core::Diagnostic>),
    /// Its id is a built-in's.
    BuiltinId(String),
    /// The library holds another text of this id and version.
    VersionTaken { id: String, version: String },
    /// The library holds a later version of this id (`held`): an older one never replaces it.
    OlderVersion {
        id: String,
        version: String,
        held: String,
    },
    /// The framework's text is over [`MAX_OWN_BYTES`] (one storage holds everything).
    TooLarge(usize),
}

/// The largest framework kept as the user's own or as a draft: everything the app keeps shares
/// one localStorage document (about 5 MB in most browsers); 五带头 is 60 KB.
pub const MAX_OWN_BYTES: usize = 512 * 1024;

/// Compares two version strings part by part (`.` or `-` apart): numbers as numbers, other parts
/// as text, a missing part as 0 (`1.10` after `1.9`, `2` equal to `2.0`).
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<String> { v.split(['.', '-']).map(str::to_owned).collect() };
    let (pa, pb) = (parts(a), parts(b));
    for i in 0..pa.len().max(pb.len()) {
        let x = pa.get(i).map(String::as_str).unwrap_or("0");
        let y = pb.get(i).map(String::as_str).unwrap_or("0");
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            _ => x.cmp(y),
        };
        if order != std::cmp::Ordering::Equal {
            return order;
        }
    }
    std::cmp::Ordering::Equal
}

impl OwnRefusal {
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let (t, e) = (
            crate::i18n::catalog(lang),
            crate::i18n::criteria::text(lang),
        );
        match self {
            OwnRefusal::Invalid(errors) => errors
                .iter()
                .map(|d| {
                    format!(
                        "{} ({} {}, {})",
                        d.message(lang),
                        t.error_at,
                        d.path,
                        d.code
                    )
                })
                .collect(),
            OwnRefusal::BuiltinId(id) => vec![(e.builtin_id)(id)],
            OwnRefusal::VersionTaken { id, version } => vec![(e.version_taken)(id, version)],
            OwnRefusal::OlderVersion { id, version, held } => {
                vec![(e.older_version)(id, version, held)]
            }
            OwnRefusal::TooLarge(n) => vec![(e.too_large)(*n, MAX_OWN_BYTES)],
        }
    }
}

/// Checks a framework before it becomes the user's own: not too large, valid, not a built-in's
/// id, and a version after the one held (or the very same text again). The engine on success,
/// `Ok(None)` for the same text already held.
pub fn check_own(
    framework: &Value,
    own: &[Own],
    is_builtin: &dyn Fn(&str) -> bool,
) -> Result<Option<Engine>, OwnRefusal> {
    let text = framework.to_string();
    if text.len() > MAX_OWN_BYTES {
        return Err(OwnRefusal::TooLarge(text.len()));
    }
    // Through the text, as every framework the app loads: one reader in the WASM.
    let prepared = cxzy_core::Prepared::from_json(&text).map_err(OwnRefusal::Invalid)?;
    let engine = Engine::new(prepared);
    let (id, version) = (engine.id().to_string(), engine.framework().version.clone());
    if is_builtin(&id) {
        return Err(OwnRefusal::BuiltinId(id));
    }
    if let Some(o) = own.iter().find(|o| o.id() == id && o.version() == version) {
        let same = cxzy_core::Prepared::from_json(&o.framework.to_string())
            .is_ok_and(|p| p.digest() == engine.digest());
        return if same {
            Ok(None)
        } else {
            Err(OwnRefusal::VersionTaken { id, version })
        };
    }
    if let Some(held) = latest(own).into_iter().find(|o| o.id() == id) {
        if compare_versions(held.version(), &version) == std::cmp::Ordering::Greater {
            return Err(OwnRefusal::OlderVersion {
                id,
                version,
                held: held.version().to_owned(),
            });
        }
    }
    Ok(Some(engine))
}

/// The latest own framework of each id, in the order first added.
pub fn latest(own: &[Own]) -> Vec<&Own> {
    let mut out: Vec<&Own> = Vec::new();
    for o in own {
        match out.iter_mut().find(|x| x.id() == o.id()) {
            Some(slot) => *slot = o,
            None => out.push(o),
        }
    }
    out
}

/// A text value in a language (falling back to 简体).
pub fn entry_text(text: &Value, lang: Lang) -> Option<String> {
    let key = match lang {
        Lang::ZhHans => "zh-Hans",
        Lang::ZhHant => "zh-Hant",
        Lang::En => "en",
    };
    text.get(key)
        .or_else(|| text.get("zh-Hans"))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
}

/// A key for a new draft, not used before: `salt` (the page's clock and a random number) makes
/// it unique across tabs and deletions, so an old undo history never meets a new draft.
pub fn new_key(drafts: &[Draft], salt: &str) -> Rc<str> {
    (1..)
        .map(|n| {
            format!(
                "d{salt}{}",
                if n == 1 {
                    String::new()
                } else {
                    format!("-{n}")
                }
            )
        })
        .find(|k| !drafts.iter().any(|d| *d.key == **k))
        .unwrap_or_default()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(id: &str) -> Value {
        serde_json::json!({
            "schema": "cxzy/framework@2", "id": id, "version": "1.0.0", "subject": "member",
            "title": {"zh-Hans": "本单位具体条件"},
            "dimensions": [{"id": "part-1", "title": {"zh-Hans": "第一部分"}, "indicators": [
                {"id": "item-1", "title": {"zh-Hans": "第一项"}, "points": 10, "scale": {"kind": "check"}}]}],
            "grades": [
                {"id": "excellent", "label": {"zh-Hans": "优秀"}, "min_total": 9},
                {"id": "qualified", "label": {"zh-Hans": "合格"}, "min_total": 0}],
            "sources": [{"id": "self", "label": {"zh-Hans": "自评"}, "weight": 100, "aggregate": "mean", "min_raters": 1}]
        })
    }

    fn own(v: Value) -> Own {
        Own {
            framework: Rc::new(v),
            summary: String::new(),
            added: None,
            rest: Default::default(),
        }
    }

    #[test]
    fn own_frameworks_are_valid_new_versions_with_ids_of_their_own() {
        let none = |_: &str| false;
        let fw = blank("unit");
        assert!(check_own(&fw, &[], &none).unwrap().is_some());
        // The same text again: nothing to add.
        assert!(check_own(&fw, &[own(fw.clone())], &none).unwrap().is_none());
        // Another text under the same version: refused.
        let mut changed = fw.clone();
        changed["title"]["zh-Hans"] = "另一标准".into();
        assert_eq!(
            check_own(&changed, &[own(fw.clone())], &none).err(),
            Some(OwnRefusal::VersionTaken {
                id: "unit".into(),
                version: "1.0.0".into()
            })
        );
        changed["version"] = "1.1.0".into();
        assert!(check_own(&changed, &[own(fw.clone())], &none)
            .unwrap()
            .is_some());
        assert_eq!(
            check_own(&fw, &[], &|id| id == "unit").err(),
            Some(OwnRefusal::BuiltinId("unit".into()))
        );
        let mut bad = fw.clone();
        bad["grades"][1]["id"] = "excellent".into();
        match check_own(&bad, &[], &none) {
            Err(OwnRefusal::Invalid(errors)) => {
                assert!(
                    errors.iter().any(|e| e.path == "/grades/1/id"),
                    "{errors:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        // An older version than the one held never replaces it.
        let mut older = fw.clone();
        older["version"] = "0.9".into();
        assert_eq!(
            check_own(&older, &[own(fw.clone())], &none).err(),
            Some(OwnRefusal::OlderVersion {
                id: "unit".into(),
                version: "0.9".into(),
                held: "1.0.0".into()
            })
        );
        let mut huge = fw.clone();
        huge["description"] = serde_json::json!({"zh-Hans": "长".repeat(MAX_OWN_BYTES / 3 + 1)});
        assert!(matches!(
            check_own(&huge, &[], &none),
            Err(OwnRefusal::TooLarge(_))
        ));
        let mut v2 = fw.clone();
        v2["version"] = "2".into();
        let list = [own(fw.clone()), own(blank("other")), own(v2)];
        let l = latest(&list);
        assert_eq!(
            l.iter().map(|o| (o.id(), o.version())).collect::<Vec<_>>(),
            vec![("unit", "2"), ("other", "1.0.0")]
        );
    }

    #[test]
    fn versions_compare_part_by_part() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("1.10", "1.9"), Greater);
        assert_eq!(compare_versions("2", "2.0"), Equal);
        assert_eq!(compare_versions("1.0.0", "1.0.1"), Less);
        assert_eq!(compare_versions("2026-2", "2026-10"), Less);
        assert_eq!(compare_versions("1.0.0-b", "1.0.0-a"), Greater);
        let d = |k: &str| Draft {
            key: k.into(),
            framework: Rc::new(Value::Null),
            from: None,
            rest: Default::default(),
        };
        assert_eq!(&*new_key(&[], "x1"), "dx1");
        assert_eq!(&*new_key(&[d("dx1")], "x1"), "dx1-2");
    }
}
