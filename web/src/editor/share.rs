//! Sharing criteria without a server: the framework's JSON, compressed (raw DEFLATE) and written
//! in base64url, carried in a link's fragment (`#/add/z<payload>`) — the fragment never reaches
//! any server — and, when it fits, as a QR code of that link.
//!
//! **API boundary:** the payload form. `z` + base64url (no padding) of raw DEFLATE of the
//! framework's UTF-8 JSON text. Reading is bounded: at most [`MAX_PAYLOAD`] characters in, at most
//! [`MAX_FRAMEWORK`] bytes out; anything else is refused with why.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The longest payload read (characters of the fragment; DEFLATE rarely makes JSON larger).
pub const MAX_PAYLOAD: usize = 1024 * 1024;
/// The largest framework text a link may carry once inflated: what the library keeps
/// (`model::criteria::MAX_OWN_BYTES`).
pub const MAX_FRAMEWORK: usize = crate::model::criteria::MAX_OWN_BYTES;

/// Why a link's payload could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadError {
    /// Not `z` followed by base64url.
    Form,
    /// Over [`MAX_PAYLOAD`] or, inflated, over [`MAX_FRAMEWORK`].
    TooLarge,
    /// The compressed data is damaged (a link cut short by a chat app, say).
    Damaged,
    /// The inflated bytes are not UTF-8 text.
    NotText,
}

/// The payload of a framework's JSON text.
#[cfg(feature = "editor")]
pub fn encode(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("z{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The framework's JSON text of a payload.
pub fn decode(payload: &str) -> Result<String, PayloadError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(PayloadError::TooLarge);
    }
    let body = payload.strip_prefix('z').ok_or(PayloadError::Form)?;
    let packed = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| PayloadError::Form)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_FRAMEWORK)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => PayloadError::TooLarge,
            _ => PayloadError::Damaged,
        })?;
    String::from_utf8(bytes).map_err(|_| PayloadError::NotText)
}

#[cfg(feature = "editor")]
/// A QR code of a text: its modules row by row (`true` dark) and its width, or `None` when the
/// text does not fit the largest code (version 40, low error correction: 2,953 bytes).
pub fn qr(text: &str) -> Option<(Vec<bool>, usize, i16)> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).ok()?;
    let width = code.width();
    let version = match code.version() {
        qrcode::Version::Normal(n) | qrcode::Version::Micro(n) => n,
    };
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((dark, width, version))
}

#[cfg(feature = "editor")]
/// An SVG path of a QR code's dark modules (one unit per module, a 4-module quiet zone).
pub fn qr_path(dark: &[bool], width: usize) -> String {
    let mut d = String::new();
    for (i, _) in dark.iter().enumerate().filter(|(_, on)| **on) {
        let (x, y) = (i % width + 4, i / width + 4);
        d.push_str(&format!("M{x} {y}h1v1h-1z"));
    }
    d
}

#[cfg(all(test, feature = "editor"))]
mod tests {
    use super::*;

    #[test]
    fn a_payload_reads_back_what_it_carries() {
        let text = r#"{"schema":"cxzy/framework@2","title":{"zh-Hans":"本单位具体条件"}}"#;
        let payload = encode(text);
        assert!(payload.starts_with('z'));
        assert!(payload
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&payload).as_deref(), Ok(text));
    }

    #[test]
    fn bad_payloads_are_refused_with_why() {
        let good = encode(&"一".repeat(500));
        assert_eq!(decode("x123"), Err(PayloadError::Form));
        assert_eq!(decode("z$$$"), Err(PayloadError::Form));
        // Cut short, as a chat app might.
        let cut = 1 + (good.len() / 2) / 4 * 4;
        assert_eq!(decode(&good[..cut]), Err(PayloadError::Damaged));
        assert_eq!(
            decode(&format!("z{}", "A".repeat(MAX_PAYLOAD))),
            Err(PayloadError::TooLarge)
        );
        // A small payload that inflates past the limit (a "zip bomb").
        let bomb = encode(&" ".repeat(MAX_FRAMEWORK + 1));
        assert!(bomb.len() < 10_000);
        assert_eq!(decode(&bomb), Err(PayloadError::TooLarge));
        let not_text = format!(
            "z{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9))
        );
        assert_eq!(decode(&not_text), Err(PayloadError::NotText));
    }

    #[test]
    fn a_qr_code_when_it_fits() {
        let (dark, width, version) = qr("https://example.org/#/add/zabc").unwrap();
        assert_eq!(dark.len(), width * width);
        assert!(version >= 1);
        assert!(qr_path(&dark, width).starts_with('M'));
        assert!(qr(&"a".repeat(3000)).is_none());
    }
}
