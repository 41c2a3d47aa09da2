//! JSON Web Tokens (HS256): short-lived access tokens and rotating refresh tokens.

use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use kernel::{AccountId, Role, SessionId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Signing secret and lifetimes.
#[derive(Clone)]
pub struct AuthConfig {
    secret: Vec<u8>,
    /// Access-token lifetime (15 minutes by contract).
    pub access_ttl: Duration,
    /// Refresh-token lifetime (7 days by contract).
    pub refresh_ttl: Duration,
    /// Where password-reset links point (the SPA).
    pub public_url: String,
    /// Development only: log emailed links (they carry single-use tokens).
    pub log_links: bool,
}

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field("secret", &"<redacted>")
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .finish()
    }
}

impl AuthConfig {
    /// Contract lifetimes with the given secret.
    pub fn new(secret: impl Into<Vec<u8>>, public_url: impl Into<String>) -> Self {
        Self {
            secret: secret.into(),
            access_ttl: Duration::minutes(15),
            refresh_ttl: Duration::days(7),
            public_url: public_url.into(),
            log_links: false,
        }
    }
}

/// Whether a token is an access or a refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenType {
    /// Authorizes API calls for 15 minutes.
    Access,
    /// Buys a new pair once.
    Refresh,
}

/// The claims of both token types.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id, as a string per RFC 7519.
    pub sub: String,
    /// The user's account.
    pub account_id: i64,
    /// The role at issue time (authorization always re-reads it).
    pub role: Role,
    /// Expiry (unix seconds).
    pub exp: i64,
    /// Issued at (unix seconds).
    pub iat: i64,
    /// Unique token id.
    pub jti: Uuid,
    /// Token type.
    pub typ: TokenType,
    /// The session (refresh-token family).
    pub sid: i64,
}

/// An issued access/refresh pair.
#[derive(Debug, Clone)]
pub struct TokenPair {
    /// Access JWT.
    pub access: String,
    /// Refresh JWT.
    pub refresh: String,
    /// When the access token expires.
    pub access_expires_at: DateTime<Utc>,
    /// When the refresh token expires.
    pub refresh_expires_at: DateTime<Utc>,
    /// The refresh token's id, stored as the session's current one.
    pub refresh_jti: Uuid,
}

/// Issues a pair for a session.
pub fn issue_pair(
    cfg: &AuthConfig,
    now: DateTime<Utc>,
    user: UserId,
    account: AccountId,
    role: Role,
    session: SessionId,
) -> Result<TokenPair> {
    let access_exp = now + cfg.access_ttl;
    let refresh_exp = now + cfg.refresh_ttl;
    let refresh_jti = Uuid::new_v4();
    let mk = |typ, exp: DateTime<Utc>, jti| Claims {
        sub: user.get().to_string(),
        account_id: account.get(),
        role,
        exp: exp.timestamp(),
        iat: now.timestamp(),
        jti,
        typ,
        sid: session.get(),
    };
    let key = EncodingKey::from_secret(&cfg.secret);
    let header = Header::new(Algorithm::HS256);
    let access = encode(
        &header,
        &mk(TokenType::Access, access_exp, Uuid::new_v4()),
        &key,
    )
    .map_err(|_| Error::InvalidToken)?;
    let refresh = encode(
        &header,
        &mk(TokenType::Refresh, refresh_exp, refresh_jti),
        &key,
    )
    .map_err(|_| Error::InvalidToken)?;
    Ok(TokenPair {
        access,
        refresh,
        access_expires_at: access_exp,
        refresh_expires_at: refresh_exp,
        refresh_jti,
    })
}

/// Verifies signature, expiry and type; an expired token is `TokenExpired`, anything else wrong
/// is `InvalidToken`.
pub fn verify(
    cfg: &AuthConfig,
    token: &str,
    expected: TokenType,
    now: DateTime<Utc>,
) -> Result<Claims> {
    let mut v = Validation::new(Algorithm::HS256);
    v.leeway = 0;
    // Expiry is checked below against our (controllable) clock.
    v.validate_exp = false;
    v.set_required_spec_claims(&["exp", "sub", "iat"]);
    let data = decode::<Claims>(token, &DecodingKey::from_secret(&cfg.secret), &v)
        .map_err(|_| Error::InvalidToken)?;
    let claims = data.claims;
    if claims.typ != expected {
        return Err(Error::InvalidToken);
    }
    if claims.exp <= now.timestamp() {
        return Err(Error::TokenExpired);
    }
    Ok(claims)
}

impl Claims {
    /// The user id from `sub`.
    pub fn user_id(&self) -> Result<UserId> {
        self.sub
            .parse()
            .map(UserId)
            .map_err(|_| Error::InvalidToken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> AuthConfig {
        AuthConfig::new(
            b"test-secret-test-secret-test-secret".to_vec(),
            "http://localhost",
        )
    }

    #[test]
    fn round_trip_and_types() {
        let now = Utc::now();
        let p = issue_pair(
            &cfg(),
            now,
            UserId(7),
            AccountId(3),
            Role::Editor,
            SessionId(11),
        )
        .unwrap();
        let c = verify(&cfg(), &p.access, TokenType::Access, now).unwrap();
        assert_eq!(
            (c.user_id().unwrap(), c.account_id, c.role, c.sid),
            (UserId(7), 3, Role::Editor, 11)
        );
        assert!(matches!(
            verify(&cfg(), &p.access, TokenType::Refresh, now),
            Err(Error::InvalidToken)
        ));
        let r = verify(&cfg(), &p.refresh, TokenType::Refresh, now).unwrap();
        assert_eq!(r.jti, p.refresh_jti);
    }

    #[test]
    fn expiry_and_tamper() {
        let now = Utc::now();
        let p = issue_pair(
            &cfg(),
            now,
            UserId(1),
            AccountId(1),
            Role::Owner,
            SessionId(1),
        )
        .unwrap();
        let later = now + Duration::minutes(16);
        assert!(matches!(
            verify(&cfg(), &p.access, TokenType::Access, later),
            Err(Error::TokenExpired)
        ));
        let other = AuthConfig::new(b"another-secret-another-secret-xx".to_vec(), "");
        assert!(matches!(
            verify(&other, &p.access, TokenType::Access, now),
            Err(Error::InvalidToken)
        ));
        assert!(matches!(
            verify(&cfg(), "not.a.jwt", TokenType::Access, now),
            Err(Error::InvalidToken)
        ));
    }
}
