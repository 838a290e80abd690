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
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Names the draft in the library and in its route (`#/criteria/<key>`).
    pub key: Rc<str>,
    pub framework: Rc<Value>,
    /// What it was made from (`<id> <version>`), if anything.
    pub from: Option<String>,
}

/// A framework of the user's own: published from a draft, or added from a link or a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Own {
    pub framework: Rc<Value>,
    /// What changed in this version (the publisher's words).
    pub summary: String,
    pub added: Option<Date>,
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
        }
    }
}

/// Checks a framework before it becomes the user's own: valid, not a built-in's id, and a new
/// version (or the very same text again). The engine on success, `Ok(None)` for the same text
/// already held.
pub fn check_own(
    framework: &Value,
    own: &[Own],
    is_builtin: &dyn Fn(&str) -> bool,
) -> Result<Option<Engine>, OwnRefusal> {
    // Through the text, as every framework the app loads: one reader in the WASM.
    let prepared =
        cxzy_core::Prepared::from_json(&framework.to_string()).map_err(OwnRefusal::Invalid)?;
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

/// A key for a new draft, not yet used.
pub fn new_key(drafts: &[Draft]) -> Rc<str> {
    (1..)
        .map(|n| format!("d{n}"))
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
        let mut v2 = fw.clone();
        v2["version"] = "2".into();
        let list = [own(fw.clone()), own(blank("other")), own(v2)];
        let l = latest(&list);
        assert_eq!(
            l.iter().map(|o| (o.id(), o.version())).collect::<Vec<_>>(),
            vec![("unit", "2"), ("other", "1.0.0")]
        );
    }
}
