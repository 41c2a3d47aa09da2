//! Encryption at rest for an account's own AI API key: [`kernel::secrets`] under the purpose
//! `igny8/ai/api-key/v1`, so a value encrypted for another purpose does not decrypt as an API
//! key.

pub use kernel::secrets::{SecretError, derive_key};

/// Associated data: what the ciphertext is for.
const PURPOSE: &[u8] = b"igny8/ai/api-key/v1";

/// Encrypts an API key under `key`; every call uses a fresh random nonce.
pub fn encrypt(key: &[u8; 32], plaintext: &str) -> Result<String, SecretError> {
    kernel::secrets::encrypt(key, PURPOSE, plaintext)
}

/// Decrypts a value made by [`encrypt`].
pub fn decrypt(key: &[u8; 32], encoded: &str) -> Result<String, SecretError> {
    kernel::secrets::decrypt(key, PURPOSE, encoded)
}
