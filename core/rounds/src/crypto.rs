//! Keys, token ids and the sealed box (spec §12.2). Randomness always comes from the caller (a
//! `CryptoRngCore`): the browser's or the OS's in the app and the CLI, a seeded one in tests.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use crypto_box::aead::rand_core::CryptoRngCore;
use crypto_box::{PublicKey, SecretKey};
use sha2::{Digest, Sha256};

/// Base64url without padding, the encoding of every key, secret and sealed box of a round.
pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// `n` random bytes as lowercase hex.
pub fn random_hex(rng: &mut impl CryptoRngCore, n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rng.fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new token secret: 16 random bytes, base64url (22 characters).
pub fn token_secret(rng: &mut impl CryptoRngCore) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    b64(&bytes)
}

/// A token's id: the first 16 bytes of SHA-256 of its secret's UTF-8, lowercase hex.
pub fn token_id(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    hex(digest.get(..16).unwrap_or_default())
}

/// A new key pair: (secret, public), each base64url.
pub fn key_pair(rng: &mut impl CryptoRngCore) -> (String, String) {
    let secret = SecretKey::generate(rng);
    let public = secret.public_key();
    (b64(&secret.to_bytes()), b64(public.as_bytes()))
}

fn key_bytes(text: &str) -> Option<[u8; 32]> {
    unb64(text)?.try_into().ok()
}

/// Seals bytes to a public key (base64url); `None` when the key is not 32 bytes.
pub fn seal(rng: &mut impl CryptoRngCore, public_key: &str, plain: &[u8]) -> Option<String> {
    let key = PublicKey::from(key_bytes(public_key)?);
    key.seal(rng, plain).ok().map(|sealed| b64(&sealed))
}

/// Opens a sealed box with a secret key; `None` when anything does not fit (not base64url, a
/// wrong key, a changed byte).
pub fn unseal(secret_key: &str, sealed: &str) -> Option<Vec<u8>> {
    let key = SecretKey::from(key_bytes(secret_key)?);
    key.unseal(&unb64(sealed)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    #[test]
    fn sealed_bytes_open_with_the_key_only() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        let (secret, public) = key_pair(&mut rng);
        let (other, _) = key_pair(&mut rng);
        let sealed = seal(&mut rng, &public, "选票".as_bytes()).unwrap();
        assert_eq!(unseal(&secret, &sealed).as_deref(), Some("选票".as_bytes()));
        assert_eq!(unseal(&other, &sealed), None, "another key");
        let mut bytes = unb64(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(unseal(&secret, &b64(&bytes)), None, "one bit changed");
        assert_eq!(unseal(&secret, "not base64!"), None);
        assert_eq!(seal(&mut rng, "c2hvcnQ", b"x"), None, "a key of 5 bytes");
    }

    #[test]
    fn token_ids_are_hashes_of_their_secrets() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let s = token_secret(&mut rng);
        assert_eq!(s.len(), 22);
        assert_eq!(token_id(&s).len(), 32);
        assert_eq!(token_id(&s), token_id(&s.clone()));
        assert_ne!(token_id(&s), token_id(&token_secret(&mut rng)));
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223…
        assert_eq!(token_id("abc"), "ba7816bf8f01cfea414140de5dae2223");
    }
}
