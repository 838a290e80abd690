//! bytes → UTF-8 → framework_from_str; a framework that reads is also indexed (Scorer::new),
//! digested and serialised, and the serialised form must read back to the same framework.
#![no_main]

use cxzy_core::{digest, framework_from_str, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(fw) = framework_from_str(text) else {
        return;
    };
    // framework_from_str validated it; the scorer validates again and must agree.
    let scorer = match Scorer::new(&fw) {
        Ok(s) => s,
        Err(e) => panic!("INVARIANT: framework_from_str accepted what Scorer::new refuses: {e:?}"),
    };
    let d = digest::digest(&fw);
    assert_eq!(d, scorer.digest());
    assert!(d.len() == 71 && d.starts_with("sha256:"), "odd digest {d}");
    let _ = scorer.framework_max();

    let json = match serde_json::to_string(&fw) {
        Ok(j) => j,
        Err(e) => panic!("INVARIANT: a framework does not serialise: {e}"),
    };
    // What the engine writes it must read, unchanged, with the same digest (SPEC 2.1).
    match framework_from_str(&json) {
        Ok(again) => {
            assert!(again == fw, "INVARIANT: serialised framework reads back differently\n{json}");
            assert_eq!(digest::digest(&again), d, "INVARIANT: digest changed on a round trip");
        }
        Err(e) => panic!("INVARIANT: serialised framework does not read back: {e:?}\n{json}"),
    }
});
