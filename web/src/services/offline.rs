//! The service worker (`sw.js`: `web/sw.js`, written into each build by `scripts/build-sw.mjs`):
//! registered where the browser has service workers and the page is a secure context (HTTPS,
//! localhost), in a release build; elsewhere (plain HTTP on a LAN, some WebViews, the dev
//! server's debug build) nothing happens and the app runs from the network as always.
//!
//! The update flow: the browser fetches `sw.js` on every navigation (and on the page's requests
//! a day after the last check); a byte-different one installs in the background and waits,
//! while the worker in control keeps serving this version's files. Once one waits, `on_ready` is
//! called (the page offers it); [`Updates::apply`] tells it to take over (`skipWaiting`), and the
//! page reloads once, on `controllerchange`, into the new version. A page whose worker another
//! tab replaced is offered the reload too. The first worker (none in control yet) takes control
//! of the page silently.

use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerRegistration;

/// The page's registration of the service worker and what it listens to, while it is kept.
pub struct Updates {
    registration: RefCell<Option<ServiceWorkerRegistration>>,
    listeners: RefCell<Vec<EventListener>>,
    /// A worker controls this page: a later change of controller is a new version.
    controlled: Cell<bool>,
    /// The user took the new version: reload (once) when it is in control.
    applying: Cell<bool>,
    on_ready: Box<dyn Fn()>,
}

/// Registers `sw.js` (beside the page) where it may; `on_ready` is called, maybe more than once,
/// when a newer version than this page's is ready. `None` where there is no service worker, and
/// in a debug build.
pub fn start(on_ready: impl Fn() + 'static) -> Option<Rc<Updates>> {
    if cfg!(debug_assertions) {
        return None;
    }
    let window = web_sys::window()?;
    let navigator = window.navigator();
    // `'serviceWorker' in navigator`: absent outside secure contexts and in some WebViews.
    let present =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !window.is_secure_context() || !present {
        return None;
    }
    let container = navigator.service_worker();
    let updates = Rc::new(Updates {
        registration: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
        controlled: Cell::new(container.controller().is_some()),
        applying: Cell::new(false),
        on_ready: Box::new(on_ready),
    });
    let weak = Rc::downgrade(&updates);
    updates.listen(EventListener::new(&container, "controllerchange", {
        let weak = weak.clone();
        move |_| {
            let Some(u) = weak.upgrade() else { return };
            if u.applying.replace(false) {
                reload();
            } else if u.controlled.replace(true) {
                // Another tab took the new version: this page is the old one.
                (u.on_ready)();
            }
        }
    }));
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("sw.js")).await else {
            return;
        };
        let Some(u) = weak.upgrade() else { return };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        u.offer_if_waiting(&registration);
        // A worker found now or later: offered once installed (then it waits).
        let follow = {
            let (weak, found) = (weak.clone(), registration.clone());
            move || {
                let (Some(u), Some(worker)) = (weak.upgrade(), found.installing()) else {
                    return;
                };
                let (weak, found) = (weak.clone(), found.clone());
                u.listen(EventListener::new(&worker, "statechange", move |_| {
                    if let Some(u) = weak.upgrade() {
                        u.offer_if_waiting(&found);
                    }
                }));
            }
        };
        follow();
        u.listen(EventListener::new(
            &registration,
            "updatefound",
            move |_| follow(),
        ));
        *u.registration.borrow_mut() = Some(registration);
    });
    Some(updates)
}

impl Updates {
    /// Takes the new version: the waiting worker is told to take over, and the page reloads
    /// when it has (at once when none waits: another tab's choice is already in control).
    pub fn apply(&self) {
        self.applying.set(true);
        let waiting = self
            .registration
            .borrow()
            .as_ref()
            .and_then(ServiceWorkerRegistration::waiting);
        let told =
            waiting.is_some_and(|w| w.post_message(&JsValue::from_str("skipWaiting")).is_ok());
        if !told {
            reload();
        }
    }

    fn listen(&self, listener: EventListener) {
        self.listeners.borrow_mut().push(listener);
    }

    /// A worker waits: a new version if this page has one in control (else it is the first,
    /// which takes control by itself).
    fn offer_if_waiting(&self, registration: &ServiceWorkerRegistration) {
        if registration.waiting().is_some() && self.controlled.get() {
            (self.on_ready)();
        }
    }
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
