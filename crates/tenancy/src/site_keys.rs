//! The site API key: what the WordPress plugin authenticates with (`X-IGNY8-API-KEY` or
//! `Authorization: Bearer`). One key per site; only its SHA-256 is stored, so the key is shown
//! once, when it is generated, and never again. Generating a new key replaces the old one.
//!
//! [`authenticate`] turns a key into a [`Scope`] limited to the key's site
//! ([`Scope::site_restriction`]) with editor rights, so every scoped service answers 404 for
//! another site or account.

use crate::{Error, Result, Scope, sites};
use base64::Engine;
use chrono::{DateTime, Utc};
use db::schema::{accounts, site_api_keys, sites as sites_t};
use diesel::prelude::*;
use kernel::{AccountId, Role, SiteId};
use rand::RngExt;
use sha2::{Digest, Sha256};

/// Associated data of the encrypted copy of a key.
const KEY_PURPOSE: &[u8] = b"igny8/site-api-key/v1";

/// Every key starts with this, so a leaked key is recognisable (e.g. by secret scanners).
pub const KEY_PREFIX: &str = "igny8_sk_";

fn hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.trim().as_bytes()).to_vec()
}

fn cipher_key(secret_key: &[u8]) -> [u8; 32] {
    kernel::secrets::derive_key(&String::from_utf8_lossy(secret_key))
}

/// Creates (or replaces) the key of a visible site; returns the key itself, which no route
/// shows again (its hash finds it; an encrypted copy under `secret_key` is kept for the
/// platform's own calls to the bridge plugin). Editors and above.
pub fn generate(
    conn: &mut PgConnection,
    scope: &Scope,
    site_id: SiteId,
    secret_key: &[u8],
    now: DateTime<Utc>,
) -> Result<String> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    sites::get_site(conn, scope, site_id)?;
    let mut raw = [0u8; 32];
    rand::rng().fill(&mut raw);
    let key = format!(
        "{KEY_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    );
    let suffix: String = key[key.len() - 4..].to_owned();
    let enc = kernel::secrets::encrypt(&cipher_key(secret_key), KEY_PURPOSE, &key)
        .map_err(|e| Error::Conflict(format!("the key cannot be encrypted: {e}")))?;
    diesel::insert_into(site_api_keys::table)
        .values((
            site_api_keys::account_id.eq(scope.account_id()),
            site_api_keys::site_id.eq(site_id),
            site_api_keys::key_hash.eq(hash(&key)),
            site_api_keys::key_enc.eq(&enc),
            site_api_keys::key_suffix.eq(&suffix),
            site_api_keys::created_at.eq(now),
        ))
        .on_conflict((site_api_keys::account_id, site_api_keys::site_id))
        .do_update()
        .set((
            site_api_keys::key_hash.eq(hash(&key)),
            site_api_keys::key_enc.eq(&enc),
            site_api_keys::key_suffix.eq(&suffix),
            site_api_keys::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(key)
}

/// The key of a visible site, decrypted, for the platform's calls to the bridge plugin; `None`
/// when the site has no key. Never shown to a user.
pub fn outbound_key(
    conn: &mut PgConnection,
    scope: &Scope,
    site_id: SiteId,
    secret_key: &[u8],
) -> Result<Option<String>> {
    sites::get_site(conn, scope, site_id)?;
    let enc: Option<String> = site_api_keys::table
        .filter(site_api_keys::account_id.eq(scope.account_id()))
        .filter(site_api_keys::site_id.eq(site_id))
        .select(site_api_keys::key_enc)
        .first(conn)
        .optional()?;
    enc.map(|e| {
        kernel::secrets::decrypt(&cipher_key(secret_key), KEY_PURPOSE, &e)
            .map_err(|e| Error::Conflict(format!("the stored site key is unreadable: {e}")))
    })
    .transpose()
}

/// The scope a key acts in: its site only, editor rights, the account's current status.
/// An unknown key (or one of an inactive site) is `InvalidToken`.
pub fn authenticate(conn: &mut PgConnection, key: &str) -> Result<Scope> {
    if !key.trim().starts_with(KEY_PREFIX) {
        return Err(Error::InvalidToken);
    }
    let row: Option<(AccountId, SiteId, String)> = site_api_keys::table
        .inner_join(
            sites_t::table.on(sites_t::id
                .eq(site_api_keys::site_id)
                .and(sites_t::account_id.eq(site_api_keys::account_id))),
        )
        .inner_join(accounts::table.on(accounts::id.eq(site_api_keys::account_id)))
        .filter(site_api_keys::key_hash.eq(hash(key)))
        .filter(sites_t::is_active.eq(true))
        .select((
            site_api_keys::account_id,
            site_api_keys::site_id,
            accounts::status,
        ))
        .first(conn)
        .optional()?;
    let (account_id, site_id, status) = row.ok_or(Error::InvalidToken)?;
    Ok(Scope::for_site_key(
        account_id,
        site_id,
        crate::scope::AccountStatus::parse(&status),
    ))
}
