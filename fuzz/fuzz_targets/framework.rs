//! bytes → UTF-8 → Prepared::from_json (read, validate, index, digest); a framework that is
//! prepared is serialised, and the serialised form must read back to the same framework.
#![no_main]

use cxzy_core::{digest, Prepared};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scorer) = Prepared::from_json(text) else {
        return;
    };
    let fw = scorer.framework();
    let d = match digest::digest(fw) {
        Ok(d) => d,
        Err(e) => panic!("INVARIANT: a prepared framework has no digest: {e:?}"),
    };
    assert_eq!(d, scorer.digest());
    assert!(d.len() == 71 && d.starts_with("sha256:"), "odd digest {d}");
    let _ = scorer.framework_max();

    let json = match serde_json::to_string(fw) {
        Ok(j) => j,
        Err(e) => panic!("INVARIANT: a framework does not serialise: {e}"),
    };
    // What the engine writes it must read, unchanged, with the same digest (spec §2.7).
    match Prepared::from_json(&json) {
        Ok(again) => {
            assert!(again.framework() == fw, "INVARIANT: serialised framework reads back differently\n{json}");
            assert_eq!(again.digest(), d, "INVARIANT: digest changed on a round trip");
        }
        Err(e) => panic!("INVARIANT: serialised framework does not read back: {e:?}\n{json}"),
    }
});
