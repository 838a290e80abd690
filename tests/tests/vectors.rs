//! Every golden vector, natively and on wasm32 under Node (the browser run is `vectors_browser.rs`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_vector_matches_its_expected_output() {
    #[cfg(not(target_arch = "wasm32"))]
    bless();
    cxzy_tests::assert_every_vector_passes();
}

/// With CXZY_BLESS=1, writes each score vector's expected.json from the engine (then review the diff).
#[cfg(not(target_arch = "wasm32"))]
fn bless() {
    if std::env::var_os("CXZY_BLESS").is_none() {
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    for v in cxzy_tests::VECTORS.iter().filter(|v| v.errors.is_none()) {
        if let Ok(text) = cxzy_tests::output(v) {
            let _ = std::fs::write(root.join(v.name).join("expected.json"), text);
        }
    }
    panic!("blessed expected.json files; review them, then run again without CXZY_BLESS");
}
