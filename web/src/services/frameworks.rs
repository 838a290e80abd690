//! The built-in frameworks the start page offers, and fetching a framework file on demand
//! (`frameworks/<id>.json`, served beside the app: nothing is compiled into the WASM).

use super::engine::{self, Engine};
use cxzy_core::{Diagnostic, Lang, OrgType, Subject};
use std::rc::Rc;

/// A built-in framework as the start page lists it, before its file is fetched.
pub struct Builtin {
    pub id: &'static str,
    pub subject: Subject,
    pub org_type: Option<OrgType>,
    /// Short names in zh-Hans, zh-Hant, en (the full title comes with the file).
    pub names: [&'static str; 3],
}

pub const BUILTINS: [Builtin; 12] = [
    b(
        "member-five-leads",
        Subject::Member,
        None,
        ["「五带头」(2010)", "「五帶頭」(2010)", "Five Leads (2010)"],
    ),
    b(
        "branch-rules-2002-member",
        Subject::Member,
        None,
        ["支部条件(2002)", "支部條件(2002)", "Branch rules (2002)"],
    ),
    b(
        "org-five-goods",
        Subject::Organization,
        None,
        ["一般", "一般", "General"],
    ),
    b(
        "org-five-goods-rural",
        Subject::Organization,
        Some(OrgType::Rural),
        ["农村", "農村", "Rural"],
    ),
    b(
        "org-five-goods-community",
        Subject::Organization,
        Some(OrgType::Community),
        ["街道社区", "街道社區", "Urban community"],
    ),
    b(
        "org-five-goods-soe",
        Subject::Organization,
        Some(OrgType::Soe),
        ["国有企业", "國有企業", "State-owned enterprise"],
    ),
    b(
        "org-five-goods-government",
        Subject::Organization,
        Some(OrgType::Government),
        ["机关", "機關", "Government office"],
    ),
    b(
        "org-five-goods-university",
        Subject::Organization,
        Some(OrgType::University),
        ["高等学校", "高等學校", "University"],
    ),
    b(
        "org-five-goods-institution",
        Subject::Organization,
        Some(OrgType::Institution),
        ["事业单位", "事業單位", "Public institution"],
    ),
    b(
        "org-five-goods-nonpublic",
        Subject::Organization,
        Some(OrgType::Nonpublic),
        [
            "非公有制经济组织和社会组织",
            "非公有制經濟組織和社會組織",
            "Non-public firm or social organisation",
        ],
    ),
    b(
        "branch-rules-2002-org",
        Subject::Organization,
        None,
        ["支部条件(2002)", "支部條件(2002)", "Branch rules (2002)"],
    ),
    b(
        "worker-five-strengths",
        Subject::PartyWorker,
        None,
        [
            "「五个强」(2010)",
            "「五個強」(2010)",
            "Five Strengths (2010)",
        ],
    ),
];

const fn b(
    id: &'static str,
    subject: Subject,
    org_type: Option<OrgType>,
    names: [&'static str; 3],
) -> Builtin {
    Builtin {
        id,
        subject,
        org_type,
        names,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_files_beside_the_app_and_urls_stay_urls() {
        assert_eq!(
            super::url_of("member-five-leads"),
            "frameworks/member-five-leads.json"
        );
        assert_eq!(
            super::url_of("https://portal.example/unit.json"),
            "https://portal.example/unit.json"
        );
        assert_eq!(super::url_of("unit-criteria.json"), "unit-criteria.json");
    }
}

impl Builtin {
    pub fn name(&self, lang: Lang) -> &'static str {
        let [hans, hant, en] = self.names;
        match lang {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }
}

pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

/// Why a framework could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The network or the server: HTTP status or the browser's message.
    Fetch(String),
    /// The file is not a valid framework.
    Invalid(Vec<Diagnostic>),
}

/// The URL of a framework key: a built-in id is `frameworks/<id>.json` beside the app; anything
/// else (the portal element's framework) is a URL already.
pub fn url_of(key: &str) -> String {
    if key.contains(['/', ':']) || key.ends_with(".json") {
        key.to_owned()
    } else {
        format!("frameworks/{key}.json")
    }
}

/// Fetches a framework (a built-in id, or a URL) and builds its engine.
pub async fn fetch(key: &str) -> Result<Rc<Engine>, LoadError> {
    let url = url_of(key);
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| LoadError::Fetch(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Fetch(format!(
            "HTTP {} ({url})",
            response.status()
        )));
    }
    let text = response
        .text()
        .await
        .map_err(|e| LoadError::Fetch(e.to_string()))?;
    engine::load(&text).map_err(LoadError::Invalid)
}
