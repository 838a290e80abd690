//! Reading ballot QR codes with the camera: the browser's `BarcodeDetector` where it exists,
//! else jsQR (a self-hosted script, `jsqr-1.4.0.js` beside the app, loaded only when this screen
//! first needs it); and a photo taken with the phone's camera app where the camera stream fails
//! (as in some WeChat versions, or on plain HTTP, where browsers offer no camera to pages).
//! Each code is handed on once; the collector checks it like a pasted link.

use super::text::text;
use cxzy_core::Lang;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The decoder's file, beside the app (copied by scripts/build-editor.sh from the npm package).
pub const JSQR: &str = "jsqr-1.4.0.js";
/// How often a frame of the camera is read.
const EVERY_MS: i32 = 250;
/// The largest side a frame or photo is read at (a phone's photo is 4000 px: too slow to scan).
const MAX_SIDE: u32 = 1280;

#[derive(Properties, PartialEq)]
pub struct ScannerProps {
    pub lang: Lang,
    pub on_text: Callback<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Off,
    Starting,
    On,
    /// The camera could not be opened: the photo is the way.
    Failed,
}

struct Running {
    stream: web_sys::MediaStream,
    /// Cleared to stop: the next tick does not read and does not come again.
    active: Rc<std::cell::Cell<bool>>,
}

/// What one reading of the camera needs.
struct Tick {
    video: NodeRef,
    canvas: NodeRef,
    busy: Rc<RefCell<bool>>,
    hand_on: Rc<dyn Fn(String)>,
    active: Rc<std::cell::Cell<bool>>,
}

/// Reads a frame in [`EVERY_MS`], then again, until stopped. Each wait is a one-shot callback
/// that owns what it needs (nothing is dropped while a timer may still call it).
fn schedule(tick: Rc<Tick>) {
    let next = tick.clone();
    let run = Closure::once_into_js(move || {
        if !next.active.get() {
            return;
        }
        let again = next.clone();
        let (Some(v), Some(c)) = (
            next.video.cast::<web_sys::HtmlVideoElement>(),
            next.canvas.cast::<web_sys::HtmlCanvasElement>(),
        ) else {
            return;
        };
        if v.video_width() == 0 || *next.busy.borrow() {
            schedule(again);
            return;
        }
        *next.busy.borrow_mut() = true;
        wasm_bindgen_futures::spawn_local(async move {
            let (w, h) = fit(v.video_width(), v.video_height());
            let found = decode(v.as_ref(), &c, w, h).await;
            *again.busy.borrow_mut() = false;
            if let Some(text) = found {
                if again.active.get() {
                    (again.hand_on)(text);
                }
            }
            schedule(again);
        });
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), EVERY_MS);
    }
}

#[function_component]
pub fn Scanner(props: &ScannerProps) -> Html {
    let t = text(props.lang);
    let state = use_state(|| State::Off);
    let video = use_node_ref();
    let canvas = use_node_ref();
    let running = use_mut_ref(|| None::<Running>);
    let seen = use_mut_ref(BTreeSet::<String>::new);
    let busy = use_mut_ref(|| false);
    let found = use_state(|| 0usize);
    // A code read for the first time is handed on; the same code seen again is not.
    let hand_on = {
        let (seen, on_text, found) = (seen.clone(), props.on_text.clone(), found.clone());
        Rc::new(move |text: String| {
            if seen.borrow_mut().insert(text.clone()) {
                found.set(seen.borrow().len());
                on_text.emit(text);
            }
        })
    };
    // Cleared when the screen goes: a camera opened after that (its permission prompt was still
    // up) is closed at once.
    let alive = use_mut_ref(|| true);
    {
        let (running, alive) = (running.clone(), alive.clone());
        use_effect_with((), move |_| {
            move || {
                *alive.borrow_mut() = false;
                stop(&running);
            }
        });
    }
    let on_start = {
        let (state, video, canvas, running, busy, hand_on, alive) = (
            state.clone(),
            video.clone(),
            canvas.clone(),
            running.clone(),
            busy.clone(),
            hand_on.clone(),
            alive.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (state, video, canvas, running, busy, hand_on, alive) = (
                state.clone(),
                video.clone(),
                canvas.clone(),
                running.clone(),
                busy.clone(),
                hand_on.clone(),
                alive.clone(),
            );
            state.set(State::Starting);
            wasm_bindgen_futures::spawn_local(async move {
                match start(&video).await {
                    Some(stream) if !*alive.borrow() => {
                        for track in stream.get_tracks().iter() {
                            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                                track.stop();
                            }
                        }
                    }
                    Some(stream) => {
                        let active = Rc::new(std::cell::Cell::new(true));
                        *running.borrow_mut() = Some(Running {
                            stream,
                            active: active.clone(),
                        });
                        schedule(Rc::new(Tick {
                            video,
                            canvas,
                            busy,
                            hand_on,
                            active,
                        }));
                        state.set(State::On);
                    }
                    None => state.set(State::Failed),
                }
            });
        })
    };
    let on_stop = {
        let (state, running) = (state.clone(), running.clone());
        Callback::from(move |_: MouseEvent| {
            stop(&running);
            state.set(State::Off);
        })
    };
    let photo_said = use_state(|| None::<&'static str>);
    let on_photo = {
        let (canvas, hand_on, photo_said) = (canvas.clone(), hand_on.clone(), photo_said.clone());
        let lang = props.lang;
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (canvas, hand_on, photo_said) =
                (canvas.clone(), hand_on.clone(), photo_said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let t = text(lang);
                let Some(c) = canvas.cast::<web_sys::HtmlCanvasElement>() else {
                    return;
                };
                let read = async {
                    let w = web_sys::window()?;
                    let bitmap: web_sys::ImageBitmap =
                        JsFuture::from(w.create_image_bitmap_with_blob(&file).ok()?)
                            .await
                            .ok()?
                            .dyn_into()
                            .ok()?;
                    let (width, height) = fit(bitmap.width(), bitmap.height());
                    decode(bitmap.as_ref(), &c, width, height).await
                };
                match read.await {
                    Some(text) => {
                        photo_said.set(None);
                        hand_on(text);
                    }
                    None => photo_said.set(Some(t.photo_no_code)),
                }
            });
        })
    };
    let on = *state == State::On;
    html! {
        <div class="scanner">
            <div class="row wrap">
                if on {
                    <button type="button" id="scan-stop" onclick={on_stop}>{ t.scan_stop }</button>
                } else {
                    <button type="button" class="primary" id="scan-start" disabled={*state == State::Starting} onclick={on_start}>{ t.scan_start }</button>
                }
                <label class="button-like">
                    { t.scan_photo }
                    <input type="file" id="scan-photo" class="sr-only" accept="image/*" capture="environment" onchange={on_photo} />
                </label>
            </div>
            if *state == State::Failed { <p role="alert" class="notice warn">{ t.camera_failed }</p> }
            if let Some(s) = *photo_said { <p role="alert" class="notice warn">{ s }</p> }
            <video ref={video} class={classes!("scan-video", (!on).then_some("hidden"))} muted=true autoplay=true
                playsinline=true aria-label={t.scan_heading} />
            <canvas ref={canvas} class="hidden" aria-hidden="true" />
            if *found > 0 { <p class="muted" aria-live="polite">{ (t.codes_read)(*found) }</p> }
        </div>
    }
}

/// The size a frame is read at: the largest side at most [`MAX_SIDE`].
fn fit(w: u32, h: u32) -> (u32, u32) {
    let side = w.max(h).max(1);
    if side <= MAX_SIDE {
        (w, h)
    } else {
        (w * MAX_SIDE / side, h * MAX_SIDE / side)
    }
}

fn stop(running: &Rc<RefCell<Option<Running>>>) {
    if let Some(r) = running.borrow_mut().take() {
        r.active.set(false);
        for track in r.stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

/// Opens the back camera into the video element; `None` where the browser offers none or the
/// user refuses.
async fn start(video: &NodeRef) -> Option<web_sys::MediaStream> {
    let devices = web_sys::window()?.navigator().media_devices().ok()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let want = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&want, &"facingMode".into(), &"environment".into());
    constraints.set_video(&want);
    let stream: web_sys::MediaStream =
        JsFuture::from(devices.get_user_media_with_constraints(&constraints).ok()?)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    let v = video.cast::<web_sys::HtmlVideoElement>()?;
    v.set_src_object(Some(&stream));
    let _ = v.play().map(JsFuture::from);
    Some(stream)
}

/// Reads a QR code from an image source (a video frame or a photo).
async fn decode(
    source: &JsValue,
    canvas: &web_sys::HtmlCanvasElement,
    w: u32,
    h: u32,
) -> Option<String> {
    let window = web_sys::window()?;
    if let Some(detector) = barcode_detector(&window) {
        let detect: js_sys::Function = js_sys::Reflect::get(&detector, &"detect".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let promise: js_sys::Promise = detect.call1(&detector, source).ok()?.dyn_into().ok()?;
        let found = JsFuture::from(promise).await.ok()?;
        let first = js_sys::Array::from(&found).get(0);
        return js_sys::Reflect::get(&first, &"rawValue".into())
            .ok()?
            .as_string();
    }
    let jsqr = jsqr(&window).await?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let drawn = if let Some(v) = source.dyn_ref::<web_sys::HtmlVideoElement>() {
        ctx.draw_image_with_html_video_element_and_dw_and_dh(v, 0.0, 0.0, w as f64, h as f64)
    } else {
        let b = source.dyn_ref::<web_sys::ImageBitmap>()?;
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(b, 0.0, 0.0, w as f64, h as f64)
    };
    drawn.ok()?;
    let image = ctx.get_image_data(0.0, 0.0, w as f64, h as f64).ok()?;
    let data = js_sys::Reflect::get(&image, &"data".into()).ok()?;
    let code = jsqr
        .call3(&JsValue::NULL, &data, &JsValue::from(w), &JsValue::from(h))
        .ok()?;
    if code.is_null() || code.is_undefined() {
        return None;
    }
    js_sys::Reflect::get(&code, &"data".into())
        .ok()?
        .as_string()
}

thread_local! {
    static DETECTOR: RefCell<Option<Option<JsValue>>> = const { RefCell::new(None) };
}

/// The browser's QR detector, made once; `None` where there is none (desktop Linux, Firefox,
/// WeChat's browser on many phones).
fn barcode_detector(window: &web_sys::Window) -> Option<JsValue> {
    DETECTOR.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| {
                let ctor = js_sys::Reflect::get(window, &"BarcodeDetector".into()).ok()?;
                let ctor: js_sys::Function = ctor.dyn_into().ok()?;
                let options = js_sys::Object::new();
                let formats = js_sys::Array::of1(&"qr_code".into());
                let _ = js_sys::Reflect::set(&options, &"formats".into(), &formats);
                js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&options)).ok()
            })
            .clone()
    })
}

/// jsQR, loaded from beside the app the first time it is needed.
async fn jsqr(window: &web_sys::Window) -> Option<js_sys::Function> {
    let get = || {
        js_sys::Reflect::get(window, &"jsQR".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    };
    if let Some(f) = get() {
        return Some(f);
    }
    let document = window.document()?;
    let script: web_sys::HtmlScriptElement = match document.get_element_by_id("jsqr-script") {
        Some(s) => s.dyn_into().ok()?,
        None => {
            let s: web_sys::HtmlScriptElement =
                document.create_element("script").ok()?.dyn_into().ok()?;
            s.set_id("jsqr-script");
            s.set_src(JSQR);
            document.head()?.append_child(&s).ok()?;
            s
        }
    };
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    // Loaded meanwhile (a second call while the first waited): no event will come.
    if let Some(f) = get() {
        return Some(f);
    }
    if JsFuture::from(loaded).await.is_err() {
        // Removed, so that the next reading tries to load it again (its events will not fire twice).
        script.remove();
        return None;
    }
    get()
}
