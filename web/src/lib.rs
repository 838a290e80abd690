//! cxzy-web: the self-assessment app (Yew). It calls `cxzy-core` directly; every number it shows
//! comes from the engine's result document, never recomputed here.

pub mod app;
pub mod components;
pub mod editor;
#[cfg(feature = "element")]
pub mod element;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "rounds")]
pub mod rounds;
pub mod services;
pub mod state;

pub use app::App;

/// Mounts the app on `#app` (the static shell in index.html keeps the page's frame until then).
pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
