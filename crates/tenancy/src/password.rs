//! Password hashing with argon2id (OWASP parameters: m=19 MiB, t=2, p=1) and password rules.

use crate::{Error, Result};
use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use kernel::FieldErrors;

/// Hashes a password into a PHC string.
pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Hashing(e.to_string()))
}

/// True when `password` matches the stored PHC hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a random password, verified against when the email is unknown so that login
/// takes the same time whether or not the account exists.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-real-password-4f0c").unwrap_or_default())
}

/// Password rules: 8 to 128 characters, not only digits, not the email.
pub fn check_password_rules(errors: &mut FieldErrors, field: &str, password: &str, email: &str) {
    let n = password.chars().count();
    if n < 8 {
        errors.add(
            field,
            "This password is too short. It must contain at least 8 characters.",
        );
    } else if n > 128 {
        errors.add(
            field,
            "This password is too long. It must contain at most 128 characters.",
        );
    } else if password.chars().all(|c| c.is_ascii_digit()) {
        errors.add(field, "This password is entirely numeric.");
    } else if !email.is_empty() && password.trim().eq_ignore_ascii_case(email.trim()) {
        errors.add(field, "The password is too similar to the email.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong horse", &h));
        assert!(!verify_password("correct horse", "garbage"));
    }

    #[test]
    fn rules() {
        let mut e = FieldErrors::new();
        check_password_rules(&mut e, "password", "short", "a@b.co");
        check_password_rules(&mut e, "p2", "12345678901", "a@b.co");
        check_password_rules(&mut e, "p3", "A@b.co.uk", "a@b.co.uk");
        check_password_rules(&mut e, "ok", "a decent passphrase", "a@b.co");
        let f = e.fields();
        assert!(f.contains_key("password") && f.contains_key("p2") && f.contains_key("p3"));
        assert!(!f.contains_key("ok"));
    }
}
