//! Encryption at rest for secrets a tenant gives us (an account's AI API key, a site's WordPress
//! application password): ChaCha20-Poly1305 with a random 96-bit nonce, stored as base64 of
//! `nonce || ciphertext+tag`. Pure computation, no I/O.
//!
//! The platform key comes from `IGNY8_SECRET_KEY` (any string of 32+ characters) through
//! [`derive_key`]. The ciphertext is bound to its purpose (associated data, e.g.
//! `b"igny8/ai/api-key/v1"`), so a value encrypted for one purpose with the same key does not
//! decrypt for another.

use base64::Engine;
use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use sha2::{Digest, Sha256};

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// Why a secret could not be encrypted or decrypted. Messages never contain the secret.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    /// The stored value is not base64 or is too short to hold a nonce and a tag.
    #[error("the stored secret is malformed: {0}")]
    Malformed(String),
    /// Authentication failed: wrong key, or the value was tampered with.
    #[error("the stored secret cannot be decrypted (wrong key or tampered data)")]
    Decrypt,
    /// Encryption itself failed (not expected with a valid key).
    #[error("the secret cannot be encrypted")]
    Encrypt,
}

/// A 32-byte key from a configured secret string (SHA-256 with a domain separator).
pub fn derive_key(secret: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"igny8 secret key v1\0");
    h.update(secret.as_bytes());
    h.finalize().into()
}

fn cipher(key: &[u8; 32]) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(&(*key).into())
}

/// Encrypts `plaintext` under `key` for `purpose`; every call uses a fresh random nonce.
pub fn encrypt(key: &[u8; 32], purpose: &[u8], plaintext: &str) -> Result<String, SecretError> {
    let nonce = Nonce::generate();
    let ct = cipher(key)
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext.as_bytes(),
                aad: purpose,
            },
        )
        .map_err(|_| SecretError::Encrypt)?;
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(nonce.as_slice());
    out.extend_from_slice(&ct);
    Ok(base64::engine::general_purpose::STANDARD.encode(out))
}

/// Decrypts a value made by [`encrypt`] for the same `purpose`.
pub fn decrypt(key: &[u8; 32], purpose: &[u8], encoded: &str) -> Result<String, SecretError> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|e| SecretError::Malformed(format!("not base64: {e}")))?;
    if raw.len() < NONCE_LEN + TAG_LEN {
        return Err(SecretError::Malformed(format!(
            "{} bytes is too short",
            raw.len()
        )));
    }
    let (nonce, ct) = raw.split_at(NONCE_LEN);
    let nonce = Nonce::try_from(nonce).map_err(|_| SecretError::Malformed("bad nonce".into()))?;
    let pt = cipher(key)
        .decrypt(
            &nonce,
            Payload {
                msg: ct,
                aad: purpose,
            },
        )
        .map_err(|_| SecretError::Decrypt)?;
    String::from_utf8(pt).map_err(|_| SecretError::Malformed("the plaintext is not UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];
    const P: &[u8] = b"test/purpose";

    #[test]
    fn round_trips_with_a_fresh_nonce_each_time() {
        let a = encrypt(&KEY, P, "sk-live-123").unwrap();
        let b = encrypt(&KEY, P, "sk-live-123").unwrap();
        assert_ne!(a, b, "random nonce");
        assert!(!a.contains("sk-live"));
        assert_eq!(decrypt(&KEY, P, &a).unwrap(), "sk-live-123");
        assert_eq!(decrypt(&KEY, P, &b).unwrap(), "sk-live-123");
        assert_eq!(
            decrypt(&KEY, P, &encrypt(&KEY, P, "").unwrap()).unwrap(),
            ""
        );
    }

    #[test]
    fn wrong_key_fails() {
        let enc = encrypt(&KEY, P, "sk-live-123").unwrap();
        assert_eq!(decrypt(&[8; 32], P, &enc), Err(SecretError::Decrypt));
        assert_eq!(
            decrypt(&derive_key("another secret"), P, &enc),
            Err(SecretError::Decrypt)
        );
    }

    #[test]
    fn another_purpose_fails() {
        let enc = encrypt(&KEY, P, "sk-live-123").unwrap();
        assert_eq!(
            decrypt(&KEY, b"other/purpose", &enc),
            Err(SecretError::Decrypt)
        );
    }

    #[test]
    fn tampering_fails() {
        let enc = encrypt(&KEY, P, "sk-live-123").unwrap();
        let mut raw = base64::engine::general_purpose::STANDARD
            .decode(&enc)
            .unwrap();
        for i in [0, NONCE_LEN, raw.len() - 1] {
            raw[i] ^= 1;
            let tampered = base64::engine::general_purpose::STANDARD.encode(&raw);
            assert_eq!(
                decrypt(&KEY, P, &tampered),
                Err(SecretError::Decrypt),
                "flipped byte {i}"
            );
            raw[i] ^= 1;
        }
        // Truncated and non-base64 values are malformed, not panics.
        assert!(matches!(
            decrypt(&KEY, P, &enc[..20]),
            Err(SecretError::Malformed(_))
        ));
        assert!(matches!(
            decrypt(&KEY, P, "%%%"),
            Err(SecretError::Malformed(_))
        ));
    }

    #[test]
    fn derive_key_is_stable_and_distinct() {
        assert_eq!(
            derive_key("a".repeat(32).as_str()),
            derive_key(&"a".repeat(32))
        );
        assert_ne!(derive_key("one"), derive_key("two"));
    }
}
