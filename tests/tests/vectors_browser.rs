//! Every golden vector in headless Chromium (wasm32 only), byte for byte as natively and under Node.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_vector_matches_its_expected_output_in_the_browser() {
    cxzy_tests::assert_every_vector_passes();
}
