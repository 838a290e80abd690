//! Local storage: the library (the persisted documents, `model/library.rs`) as one
//! schema-tagged document under a versioned key. It knows nothing of the app's view state.
//!
//! `{"schema": "cxzy/app-data@1", "rev": n, "lang", "current", "assessments": [cxzy/assessment@1 or @2…],
//! "unreadable": [...], "archived": [...], "drafts": [{"key", "framework", "from"?}],
//! "criteria": [{"framework", "summary", "added"?}], "rounds": [cxzy/round-archive@1]}` — **API boundary**: this exact document, readable by
//! every version that wrote it. `lang` (the chosen language) and `current` (the index of the
//! record last opened, where a visit without a route starts) are the envelope's two preferences.
//! `rev` counts saves across tabs, so a tab that would overwrite another tab's newer save notices
//! and asks instead. Whatever cannot be read is kept as it was (`unreadable`, or the whole text
//! under [`backup_key`]), never discarded.

use crate::model::criteria::{Draft, Own};
use crate::model::library::Library;
use cxzy_core::{assessment_from_value, Lang};
use serde_json::{Map, Value};
use std::rc::Rc;

/// The key of the app's data; the version changes only with an incompatible envelope. (The
/// portal element stores under the host's `storage-key` instead, or not at all.)
pub const KEY: &str = "cxzy/v1";
/// Where a stored text that this version cannot read at all is kept, as it was.
pub fn backup_key(key: &str) -> String {
    format!("{key}/unreadable")
}
pub const SCHEMA: &str = "cxzy/app-data@1";

/// Whether the data is being saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageHealth {
    Ok,
    /// No local storage (private mode, disabled): the app works in memory only.
    Unavailable,
    /// The quota is exceeded: the last change is in memory only.
    Full,
    /// Another tab saved since this tab last read: this tab's change is not saved yet.
    Conflict(u64),
}

/// The stored data, read.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Stored {
    pub rev: u64,
    pub lang: Option<Lang>,
    /// The index of the record last opened.
    pub current: Option<usize>,
    pub library: Library,
}

/// The document for a library, with the chosen language and the record last opened.
pub fn encode(library: &Library, lang: Lang, current: Option<usize>, rev: u64) -> String {
    // Written piece by piece with the compact serializer only (see files::export_json).
    let list = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(",");
    let assessments = list(
        &mut library
            .records
            .iter()
            .filter_map(|a| serde_json::to_string(&**a).ok()),
    );
    let unreadable = list(&mut library.unreadable.iter().map(Value::to_string));
    let archived = list(&mut library.archived.iter().map(Value::to_string));
    let drafts = list(&mut library.drafts.iter().map(|d| {
        let mut m = d.rest.clone();
        m.insert("key".into(), Value::String(d.key.to_string()));
        m.insert("framework".into(), (*d.framework).clone());
        if let Some(from) = &d.from {
            m.insert("from".into(), Value::String(from.clone()));
        }
        Value::Object(m).to_string()
    }));
    let criteria = list(&mut library.own.iter().map(|o| {
        let mut m = o.rest.clone();
        m.insert("framework".into(), (*o.framework).clone());
        m.insert("summary".into(), Value::String(o.summary.clone()));
        if let Some(added) = o.added {
            m.insert("added".into(), Value::String(added.to_string()));
        }
        Value::Object(m).to_string()
    }));
    let rounds = list(&mut library.rounds.iter().map(|r| r.to_string()));
    // Left out while empty: a library without criteria is written as before they existed.
    let member = |name: &str, items: String| {
        if items.is_empty() {
            String::new()
        } else {
            format!(",\"{name}\":[{items}]")
        }
    };
    let (drafts, criteria) = (member("drafts", drafts), member("criteria", criteria));
    let rounds = member("rounds", rounds);
    let current = current
        .map(|c| c.to_string())
        .unwrap_or_else(|| "null".into());
    // Members a newer version wrote, after the ones this version knows, as they were.
    let other: String = library
        .other
        .iter()
        .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
        .map(|(k, v)| format!(",{}:{v}", Value::String(k.clone())))
        .collect();
    format!(
        "{{\"schema\":\"{SCHEMA}\",\"rev\":{rev},\"lang\":\"{}\",\"current\":{current},\"assessments\":[{assessments}],\"unreadable\":[{unreadable}],\"archived\":[{archived}]{drafts}{criteria}{rounds}{other}}}",
        lang.tag()
    )
}

/// The members of `cxzy/app-data@1` this version reads; any other is kept as it is.
const KNOWN: &[&str] = &[
    "schema",
    "rev",
    "lang",
    "current",
    "assessments",
    "unreadable",
    "archived",
    "drafts",
    "criteria",
    "rounds",
];

/// Reads a stored document. `Err` when the text is not a document this version knows (a newer
/// version's, or damaged): the caller keeps the text under [`backup_key`].
pub fn decode(text: &str) -> Result<Stored, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Object(map) = value else {
        return Err("not an object".into());
    };
    match map.get("schema").and_then(Value::as_str) {
        Some(SCHEMA) => Ok(read_v1(&map)),
        Some(other) => Err(format!("unknown schema {other}")),
        None => Err("no schema".into()),
    }
}

fn read_v1(map: &Map<String, Value>) -> Stored {
    let list = |key: &str| {
        map.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut stored = Stored {
        rev: map.get("rev").and_then(Value::as_u64).unwrap_or(0),
        lang: map
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::parse),
        current: map
            .get("current")
            .and_then(Value::as_u64)
            .map(|c| c as usize),
        library: Library {
            records: Vec::new(),
            unreadable: list("unreadable"),
            archived: list("archived"),
            other: map
                .iter()
                .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
            ..Library::default()
        },
    };
    // Members of an entry this version does not know (a newer version's) stay with it.
    let rest = |doc: &Value, known: &[&str]| -> Map<String, Value> {
        doc.as_object()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| !known.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    // A list that is not a list is kept aside, as it was.
    for key in ["drafts", "criteria", "rounds"] {
        if let Some(v) = map.get(key).filter(|v| !v.is_array()) {
            stored.library.unreadable.push(v.clone());
        }
    }
    for doc in list("drafts") {
        let key = doc.get("key").and_then(Value::as_str);
        match (key, doc.get("framework")) {
            (Some(key), Some(fw)) if !key.is_empty() => stored.library.drafts.push(Draft {
                key: key.into(),
                framework: Rc::new(fw.clone()),
                from: doc.get("from").and_then(Value::as_str).map(str::to_owned),
                rest: rest(&doc, &["key", "framework", "from"]),
            }),
            _ => stored.library.unreadable.push(doc),
        }
    }
    for doc in list("criteria") {
        let added = doc
            .get("added")
            .and_then(Value::as_str)
            .and_then(cxzy_core::iso_date);
        // An `added` this version cannot read stays among the rest.
        let known: &[&str] = if added.is_some() {
            &["framework", "summary", "added"]
        } else {
            &["framework", "summary"]
        };
        match doc.get("framework") {
            Some(fw) if fw.is_object() => stored.library.own.push(Own {
                framework: Rc::new(fw.clone()),
                summary: doc
                    .get("summary")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
                added,
                rest: rest(&doc, known),
            }),
            _ => stored.library.unreadable.push(doc),
        }
    }
    // A round is kept whole, as it was; the rounds build reads it (and says so if it cannot).
    for doc in list("rounds") {
        match crate::model::library::round_id(&doc) {
            Some(_) => stored.library.rounds.push(Rc::new(doc)),
            None => stored.library.unreadable.push(doc),
        }
    }
    let mut kept = 0usize;
    let current = stored.current;
    stored.current = None;
    for (i, doc) in list("assessments").into_iter().enumerate() {
        match assessment_from_value(&doc) {
            Ok(a) => {
                if current == Some(i) {
                    stored.current = Some(kept);
                }
                stored.library.records.push(Rc::new(a));
                kept += 1;
            }
            Err(_) => stored.library.unreadable.push(doc),
        }
    }
    stored
}

/// The revision of a stored text (0 when absent or unreadable).
pub fn rev_of(text: &str) -> u64 {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.get("rev").and_then(Value::as_u64))
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// The browser's localStorage.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What the page starts with: the stored data, or why there is none.
pub struct Loaded {
    pub stored: Option<Stored>,
    pub health: StorageHealth,
}

pub fn load(key: &str) -> Loaded {
    let Some(s) = storage() else {
        return Loaded {
            stored: None,
            health: StorageHealth::Unavailable,
        };
    };
    let text = match s.get_item(key) {
        Ok(Some(text)) => text,
        Ok(None) => {
            return Loaded {
                stored: None,
                health: probe(&s),
            }
        }
        Err(_) => {
            return Loaded {
                stored: None,
                health: StorageHealth::Unavailable,
            }
        }
    };
    match decode(&text) {
        Ok(stored) => Loaded {
            stored: Some(stored),
            health: StorageHealth::Ok,
        },
        Err(_) => {
            // Keep the text as it was; the next save writes a fresh document under KEY.
            let backup = backup_key(key);
            let kept = match s.get_item(&backup) {
                Ok(Some(old)) if old == text => true,
                _ => s.set_item(&backup, &text).is_ok(),
            };
            let stored = Stored {
                rev: rev_of(&text),
                library: Library {
                    unreadable: vec![Value::String(text)],
                    ..Library::default()
                },
                ..Stored::default()
            };
            Loaded {
                stored: Some(stored),
                health: if kept {
                    StorageHealth::Ok
                } else {
                    StorageHealth::Full
                },
            }
        }
    }
}

/// Whether writing works at all (Safari's old private mode has a storage that throws on write).
fn probe(s: &web_sys::Storage) -> StorageHealth {
    let key = "cxzy/probe";
    match s.set_item(key, "1") {
        Ok(()) => {
            let _ = s.remove_item(key);
            StorageHealth::Ok
        }
        Err(_) => StorageHealth::Unavailable,
    }
}

/// Saves the document `encode(rev)` under `key` if no other tab saved since `base_rev`; returns
/// the new revision.
pub fn save(
    key: &str,
    base_rev: u64,
    encode: impl FnOnce(u64) -> String,
) -> Result<u64, StorageHealth> {
    let s = storage().ok_or(StorageHealth::Unavailable)?;
    let stored_rev = match s.get_item(key) {
        Ok(Some(text)) => rev_of(&text),
        Ok(None) => 0,
        Err(_) => return Err(StorageHealth::Unavailable),
    };
    if stored_rev > base_rev {
        return Err(StorageHealth::Conflict(stored_rev));
    }
    let rev = stored_rev.max(base_rev) + 1;
    match s.set_item(key, &encode(rev)) {
        Ok(()) => Ok(rev),
        Err(_) => Err(StorageHealth::Full),
    }
}

/// Removes everything the app stored.
pub fn clear(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
        let _ = s.remove_item(&backup_key(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_schemas_and_damaged_text_are_refused_not_emptied() {
        assert!(decode(r#"{"schema":"cxzy/app-data@2","assessments":[]}"#).is_err());
        assert!(decode("{not json").is_err());
        assert!(decode("[]").is_err());
    }

    #[test]
    fn an_unreadable_assessment_is_kept_aside_and_current_follows_the_kept_ones() {
        let text = r#"{"schema":"cxzy/app-data@1","rev":7,"lang":"en","current":1,
            "assessments":[{"schema":"cxzy/assessment@9"},
              {"schema":"cxzy/assessment@1","framework":{"id":"x","version":"1"},
               "period":{"start":"2026-01-01","end":"2026-06-30"},"sheets":[]}]}"#;
        let stored = decode(text).unwrap();
        assert_eq!(stored.rev, 7);
        assert_eq!(stored.lang, Some(Lang::En));
        assert_eq!(stored.library.records.len(), 1);
        assert_eq!(stored.current, Some(0));
        assert_eq!(stored.library.unreadable.len(), 1);
        assert_eq!(stored.library.unreadable[0]["schema"], "cxzy/assessment@9");
        // Written back exactly in the envelope it came in (existing users' data).
        let again = encode(&stored.library, Lang::En, stored.current, 8);
        assert_eq!(decode(&again).unwrap(), Stored { rev: 8, ..stored });
        assert!(again.starts_with(
            r#"{"schema":"cxzy/app-data@1","rev":8,"lang":"en","current":0,"assessments":[{"#
        ));
    }

    #[test]
    fn members_of_a_newer_version_are_kept_and_written_back() {
        let text = r#"{"schema":"cxzy/app-data@1","rev":3,"lang":"zh-Hans","current":null,
            "assessments":[],"workshops":[{"id":"our-unit"}],"meetings":{"r1":{"open":true}}}"#;
        let stored = decode(text).unwrap();
        assert_eq!(stored.library.other.len(), 2);
        assert!(stored
            .library
            .other
            .contains(&("workshops".into(), r#"[{"id":"our-unit"}]"#.into())));
        let again = encode(&stored.library, Lang::ZhHans, None, 4);
        let back: Value = serde_json::from_str(&again).unwrap();
        assert_eq!(back["workshops"][0]["id"], "our-unit");
        assert_eq!(back["meetings"]["r1"]["open"], true);
        assert_eq!(decode(&again).unwrap().library, stored.library);
    }

    #[test]
    fn drafts_and_own_criteria_round_trip_and_damaged_entries_are_kept() {
        let text = r#"{"schema":"cxzy/app-data@1","rev":1,"lang":"zh-Hans","current":null,"assessments":[],
            "drafts":[{"key":"d1","framework":{"id":"half","grades":[]},"from":"member-five-leads 2.0.0","color":"red"},{"nokey":1}],
            "criteria":[{"framework":{"id":"unit","version":"1.0.0"},"summary":"删去一项","added":"2026-11-30"},{"framework":3},
              {"framework":{"id":"later"},"summary":"","added":"next week","signed":true}]}"#;
        let stored = decode(text).unwrap();
        let lib = &stored.library;
        assert_eq!(lib.drafts.len(), 1);
        assert_eq!(&*lib.drafts[0].key, "d1");
        assert_eq!(lib.drafts[0].framework["id"], "half");
        assert_eq!(lib.own.len(), 2);
        assert_eq!(lib.own[0].id(), "unit");
        // What this version does not know stays with its entry.
        assert_eq!(
            lib.drafts[0].rest.get("color"),
            Some(&serde_json::json!("red"))
        );
        assert_eq!(
            lib.own[1].rest.get("added"),
            Some(&serde_json::json!("next week"))
        );
        assert_eq!(
            lib.own[1].rest.get("signed"),
            Some(&serde_json::json!(true))
        );
        assert_eq!(lib.own[0].summary, "删去一项");
        assert_eq!(
            lib.own[0].added.map(|d| d.to_string()).as_deref(),
            Some("2026-11-30")
        );
        assert_eq!(lib.unreadable.len(), 2);
        let again = encode(lib, Lang::ZhHans, None, 2);
        assert_eq!(decode(&again).unwrap().library, stored.library);
        let back: Value = serde_json::from_str(&again).unwrap();
        assert_eq!(back["criteria"][1]["added"], "next week");
        assert_eq!(back["drafts"][0]["color"], "red");
        // Not a list: kept aside, not dropped.
        let odd =
            decode(r#"{"schema":"cxzy/app-data@1","assessments":[],"drafts":{"d1":1}}"#).unwrap();
        assert_eq!(odd.library.unreadable, vec![serde_json::json!({"d1": 1})]);
    }

    #[test]
    fn rounds_are_kept_whole_and_one_without_an_id_is_kept_aside() {
        let text = r#"{"schema":"cxzy/app-data@1","assessments":[],
            "rounds":[{"schema":"cxzy/round-archive@1","key":{"round":{"id":"r1"},"secret_key":"s"},"ballots":[],"later":true},{"key":1}]}"#;
        let stored = decode(text).unwrap();
        let lib = &stored.library;
        assert_eq!(lib.rounds.len(), 1);
        assert_eq!(crate::model::library::round_id(&lib.rounds[0]), Some("r1"));
        assert_eq!(lib.unreadable, vec![serde_json::json!({"key": 1})]);
        let again = encode(lib, Lang::ZhHans, None, 2);
        let back: Value = serde_json::from_str(&again).unwrap();
        assert_eq!(back["rounds"][0]["later"], true);
        assert_eq!(back["rounds"][0]["key"]["secret_key"], "s");
        // A library without rounds writes no member for them.
        assert!(!encode(&Library::default(), Lang::ZhHans, None, 1).contains("rounds"));
    }
}
