//! The framework digest: SHA-256 over canonical JSON (spec §2.7), so a score is reproducible from
//! (framework digest, assessment).
//!
//! Canonical form: the framework as read (defaults left out, so writing a default or leaving it
//! out gives the same digest), keys sorted, no whitespace, Decimals as JSON numbers in canonical
//! decimal form (`10`, `2.5`, `3.33`), strings as serde_json escapes them (UTF-8, not `\u` escapes).

use crate::diag::Diagnostic;
use crate::invariant::{broken, OrBroken};
use crate::model::Framework;
use sha2::{Digest as _, Sha256};

/// The canonical JSON text of a framework.
pub fn canonical_json(fw: &Framework) -> Result<String, Diagnostic> {
    // serde_json's Map is ordered by key (no `preserve_order`), which sorts every object.
    match serde_json::to_value(fw) {
        Ok(value) => Ok(value.to_string()),
        // Plain data with string keys always serialises; were it not to, no digest is better
        // than the digest of some other text.
        Err(_) => Err(broken("a framework that serialises")),
    }
}

/// `"sha256:<64 hex digits>"`.
pub fn digest(fw: &Framework) -> Result<String, Diagnostic> {
    let hash = Sha256::digest(canonical_json(fw)?.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in hash {
        for nibble in [byte >> 4, byte & 0xf] {
            let digit = char::from_digit(u32::from(nibble), 16).or_broken("a hex digit")?;
            out.push(digit);
        }
    }
    Ok(out)
}
