//! Keyboard focus after a change of what is on screen: to the new page's or step's heading, or
//! to the control that replaces the button just pressed, so a keyboard user is never dropped on
//! the page body.

use wasm_bindgen::JsCast;
use yew::MouseEvent;

/// Moves keyboard focus to the first element matching `selector` in the same document or shadow
/// root as `anchor`, once Yew has rendered, and scrolls it into view (two portal elements on one
/// page each keep focus to themselves).
pub fn focus_near(anchor: web_sys::Node, selector: &str) {
    let selector = selector.to_owned();
    // The root now: after the render the anchor itself may be gone from the page.
    let root = anchor.get_root_node();
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        let found = if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
            doc.query_selector(&selector).ok().flatten()
        } else if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
            shadow.query_selector(&selector).ok().flatten()
        } else {
            None
        };
        if let Some(el) = found
            .as_ref()
            .and_then(|e| e.dyn_ref::<web_sys::HtmlElement>())
        {
            let _ = el.focus();
            el.scroll_into_view();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback(cb.unchecked_ref());
    }
}

/// Moves focus (after the render) to `selector` near the button that was pressed.
pub fn refocus(e: &MouseEvent, selector: &str) {
    if let Some(node) = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) {
        focus_near(node, selector);
    }
}
