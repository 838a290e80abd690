//! The built-in frameworks the start page offers (the one catalogue, `cxzy_frameworks`, read once
//! and kept), and fetching a framework file on demand (`frameworks/<id>.json`, served beside the
//! app: no framework text is compiled into the WASM).

use crate::model::engine::{Engine, LoadError};
use cxzy_frameworks::{Catalogue, Entry};
use std::rc::Rc;

thread_local! {
    static CATALOGUE: Rc<Catalogue> = Rc::new(cxzy_frameworks::catalogue().unwrap_or(Catalogue {
        // A broken build (the crate's tests read it): no built-ins offered, nothing else breaks.
        schema: cxzy_core::CatalogueSchema::V1,
        frameworks: Vec::new(),
    }));
}

/// The catalogue of built-ins, read once per page.
pub fn catalogue() -> Rc<Catalogue> {
    CATALOGUE.with(Rc::clone)
}

/// A built-in by id.
pub fn builtin(id: &str) -> Option<Entry> {
    catalogue()
        .frameworks
        .iter()
        .find(|e| *e.id == *id)
        .cloned()
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

/// Which frameworks may be fetched: the site fetches only the built-ins beside it (an id read
/// from stored or imported data never makes it ask another host for anything); the portal
/// element fetches the one framework its host names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fetch {
    Builtins,
    HostsChoice,
}

/// Fetches a framework (a built-in id, or for the element a URL) and prepares it.
pub async fn fetch(key: &str, allowed: Fetch) -> Result<Engine, LoadError> {
    if allowed == Fetch::Builtins && builtin(key).is_none() {
        return Err(LoadError::Fetch(format!(
            "\"{key}\" is not a built-in framework"
        )));
    }
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
    Engine::load(&text).map_err(LoadError::Invalid)
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

    #[test]
    fn the_catalogue_reads() {
        let c = super::catalogue();
        assert!(c.frameworks.len() >= 12);
        assert!(super::builtin("member-five-leads").is_some());
    }
}
