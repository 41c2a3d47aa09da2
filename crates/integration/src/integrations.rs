//! A site's publishing destination: create, read, change, delete; the application password is
//! encrypted with the platform key (`IGNY8_SECRET_KEY`) and never leaves this crate.

use crate::model::{ConnectionStatus, Integration, Mode, Platform};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::integration_sites;
use diesel::prelude::*;
use kernel::{FieldErrors, IntegrationId, Page, PageRequest, Role, SiteId};
use tenancy::Scope;
use tenancy::sites::{get_site, visible_site_ids};

/// Associated data of an encrypted application password.
const PASSWORD_PURPOSE: &[u8] = b"igny8/integration/app-password/v1";
/// Longest accepted site URL.
pub const MAX_URL: usize = 2000;
/// Longest WordPress user name (WordPress's own limit).
pub const MAX_USERNAME: usize = 60;
/// Longest accepted application password (WordPress makes 24 characters, 29 with spaces).
pub const MAX_PASSWORD: usize = 200;

/// The 32-byte key for credentials, from the configured secret.
pub fn cipher_key(secret_key: &[u8]) -> [u8; 32] {
    kernel::secrets::derive_key(&String::from_utf8_lossy(secret_key))
}

/// A new integration.
#[derive(Debug, Clone, Default)]
pub struct NewIntegration {
    /// The IGNY8 site.
    pub site_id: Option<SiteId>,
    /// The WordPress site's URL.
    pub site_url: Option<String>,
    /// Core or bridge.
    pub mode: Option<Mode>,
    /// Core mode: WordPress user.
    pub username: Option<String>,
    /// Core mode: application password.
    pub app_password: Option<String>,
    /// Publishing allowed (default true).
    pub is_active: Option<bool>,
    /// Status sync applied (default true).
    pub sync_enabled: Option<bool>,
}

/// Changes to an integration (absent fields stay).
#[derive(Debug, Clone, Default)]
pub struct IntegrationChanges {
    /// The WordPress site's URL.
    pub site_url: Option<String>,
    /// Core or bridge.
    pub mode: Option<Mode>,
    /// Core mode: WordPress user.
    pub username: Option<String>,
    /// Core mode: application password (replaces the stored one).
    pub app_password: Option<String>,
    /// Publishing allowed.
    pub is_active: Option<bool>,
    /// Status sync applied.
    pub sync_enabled: Option<bool>,
}

/// Checks and normalises a WordPress site URL: absolute http(s), no user info, query or
/// fragment; without a trailing slash.
pub fn normalize_site_url(raw: &str) -> std::result::Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("This field may not be blank.".into());
    }
    if raw.chars().count() > MAX_URL {
        return Err(format!(
            "Ensure this field has no more than {MAX_URL} characters."
        ));
    }
    let url = reqwest::Url::parse(raw).map_err(|_| "Enter a valid URL.".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("Enter an http or https URL of the WordPress site.".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("The URL may not contain credentials; use username and app_password.".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("The URL may not contain a query or fragment.".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn check_text(e: &mut FieldErrors, field: &str, v: &Option<String>, max: usize) {
    if let Some(v) = v {
        if v.trim().is_empty() {
            e.add(field, "This field may not be blank.");
        } else {
            e.max_len(field, v, max);
        }
    }
}

fn base(
    conn: &mut PgConnection,
    scope: &Scope,
) -> Result<integration_sites::BoxedQuery<'static, diesel::pg::Pg>> {
    let mut q = integration_sites::table
        .filter(integration_sites::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(integration_sites::site_id.eq_any(ids));
    }
    Ok(q)
}

/// Creates a site's integration (editor+). Core mode needs `username` and `app_password`.
pub fn create(
    conn: &mut PgConnection,
    scope: &Scope,
    secret_key: &[u8],
    new: &NewIntegration,
    now: DateTime<Utc>,
) -> Result<Integration> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let mut e = FieldErrors::new();
    let url = match new.site_url.as_deref().map(normalize_site_url) {
        None => {
            e.add("site_url", "This field is required.");
            None
        }
        Some(Err(m)) => {
            e.add("site_url", m);
            None
        }
        Some(Ok(u)) => Some(u),
    };
    let mode = new.mode.unwrap_or(Mode::Core);
    check_text(&mut e, "username", &new.username, MAX_USERNAME);
    check_text(&mut e, "app_password", &new.app_password, MAX_PASSWORD);
    if mode == Mode::Core {
        if new.username.is_none() {
            e.add("username", "Core mode needs the WordPress user name.");
        }
        if new.app_password.is_none() {
            e.add("app_password", "Core mode needs an application password.");
        }
    }
    let site_id = match new.site_id {
        None => {
            e.add("site_id", "This field is required.");
            None
        }
        Some(s) => match get_site(conn, scope, s) {
            Ok(_) => Some(s),
            Err(tenancy::Error::NotFound) => {
                e.unknown("site_id", format!("Site {s} does not exist."));
                None
            }
            Err(other) => return Err(other.into()),
        },
    };
    e.into_result().map_err(Error::Validation)?;
    let (Some(site_id), Some(url)) = (site_id, url) else {
        return Err(Error::NotFound);
    };
    let enc = new
        .app_password
        .as_deref()
        .map(|p| kernel::secrets::encrypt(&cipher_key(secret_key), PASSWORD_PURPOSE, p.trim()))
        .transpose()?;
    let res = diesel::insert_into(integration_sites::table)
        .values((
            integration_sites::account_id.eq(scope.account_id()),
            integration_sites::site_id.eq(site_id),
            integration_sites::platform.eq(Platform::Wordpress),
            integration_sites::site_url.eq(&url),
            integration_sites::mode.eq(mode),
            integration_sites::username.eq(new.username.as_deref().map(str::trim).unwrap_or("")),
            integration_sites::credentials_enc.eq(enc),
            integration_sites::is_active.eq(new.is_active.unwrap_or(true)),
            integration_sites::sync_enabled.eq(new.sync_enabled.unwrap_or(true)),
            integration_sites::created_at.eq(now),
            integration_sites::updated_at.eq(now),
        ))
        .returning(Integration::as_returning())
        .get_result(conn);
    match res {
        Ok(i) => Ok(i),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(Error::AlreadyExists {
            platform: Platform::Wordpress.as_str().into(),
        }),
        Err(other) => Err(other.into()),
    }
}

/// An integration the scope may see.
pub fn get(conn: &mut PgConnection, scope: &Scope, id: IntegrationId) -> Result<Integration> {
    Ok(base(conn, scope)?
        .filter(integration_sites::id.eq(id))
        .select(Integration::as_select())
        .first(conn)?)
}

/// The integration of a visible site, if it has one.
pub fn of_site(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
) -> Result<Option<Integration>> {
    Ok(base(conn, scope)?
        .filter(integration_sites::site_id.eq(site))
        .filter(integration_sites::platform.eq(Platform::Wordpress))
        .select(Integration::as_select())
        .first(conn)
        .optional()?)
}

/// The active integration publishing goes through, or `InvalidState` saying what is missing.
pub fn publishing_target(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
) -> Result<Integration> {
    match of_site(conn, scope, site)? {
        None => Err(Error::InvalidState(
            "The site has no WordPress integration; connect it first.".into(),
        )),
        Some(i) if !i.is_active => Err(Error::InvalidState(
            "The site's WordPress integration is not active.".into(),
        )),
        Some(i) => Ok(i),
    }
}

/// The integrations the scope may see, optionally of one site, newest first.
pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    site: Option<SiteId>,
    page: PageRequest,
) -> Result<Page<Integration>> {
    let mut count_q = base(conn, scope)?;
    let mut q = base(conn, scope)?;
    if let Some(s) = site {
        count_q = count_q.filter(integration_sites::site_id.eq(s));
        q = q.filter(integration_sites::site_id.eq(s));
    }
    let count = count_q.count().get_result(conn)?;
    let items = q
        .order((
            integration_sites::created_at.desc(),
            integration_sites::id.desc(),
        ))
        .limit(page.limit())
        .offset(page.offset())
        .select(Integration::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Changes an integration (editor+). Changing the URL, mode or credentials resets the
/// connection status to `unknown`.
pub fn update(
    conn: &mut PgConnection,
    scope: &Scope,
    secret_key: &[u8],
    id: IntegrationId,
    ch: &IntegrationChanges,
    now: DateTime<Utc>,
) -> Result<Integration> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let current = get(conn, scope, id)?;
    let mut e = FieldErrors::new();
    let url = match ch.site_url.as_deref().map(normalize_site_url) {
        None => None,
        Some(Err(m)) => {
            e.add("site_url", m);
            None
        }
        Some(Ok(u)) => Some(u),
    };
    check_text(&mut e, "username", &ch.username, MAX_USERNAME);
    check_text(&mut e, "app_password", &ch.app_password, MAX_PASSWORD);
    let mode = ch.mode.unwrap_or(current.mode);
    e.into_result().map_err(Error::Validation)?;
    if mode == Mode::Core
        && ((ch.username.is_none() && current.username.is_empty())
            || (ch.app_password.is_none() && current.credentials_enc.is_none()))
    {
        return Err(Error::InvalidState(
            "Core mode needs the WordPress user name and an application password: send \
             username and app_password."
                .into(),
        ));
    }
    let enc = ch
        .app_password
        .as_deref()
        .map(|p| kernel::secrets::encrypt(&cipher_key(secret_key), PASSWORD_PURPOSE, p.trim()))
        .transpose()?;
    let reconnect = url.as_ref().is_some_and(|u| *u != current.site_url)
        || mode != current.mode
        || ch
            .username
            .as_deref()
            .is_some_and(|u| u.trim() != current.username)
        || enc.is_some();
    let q = integration_sites::table
        .filter(integration_sites::account_id.eq(scope.account_id()))
        .filter(integration_sites::id.eq(id));
    Ok(diesel::update(q)
        .set((
            integration_sites::site_url.eq(url.unwrap_or(current.site_url)),
            integration_sites::mode.eq(mode),
            integration_sites::username.eq(ch
                .username
                .as_deref()
                .map(|u| u.trim().to_owned())
                .unwrap_or(current.username)),
            integration_sites::credentials_enc.eq(enc.or(current.credentials_enc)),
            integration_sites::is_active.eq(ch.is_active.unwrap_or(current.is_active)),
            integration_sites::sync_enabled.eq(ch.sync_enabled.unwrap_or(current.sync_enabled)),
            integration_sites::connection_status.eq(if reconnect {
                ConnectionStatus::Unknown
            } else {
                current.connection_status
            }),
            integration_sites::updated_at.eq(now),
        ))
        .returning(Integration::as_returning())
        .get_result(conn)?)
}

/// Deletes an integration (editor+); its sync events go with it, content keeps its links.
pub fn delete(conn: &mut PgConnection, scope: &Scope, id: IntegrationId) -> Result<()> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    get(conn, scope, id)?;
    diesel::delete(
        integration_sites::table
            .filter(integration_sites::account_id.eq(scope.account_id()))
            .filter(integration_sites::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// The decrypted application password of a core-mode integration (for the adapter only).
pub(crate) fn app_password(integration: &Integration, secret_key: &[u8]) -> Result<String> {
    let enc = integration.credentials_enc.as_deref().ok_or_else(|| {
        Error::InvalidState("The integration has no application password.".into())
    })?;
    Ok(kernel::secrets::decrypt(
        &cipher_key(secret_key),
        PASSWORD_PURPOSE,
        enc,
    )?)
}

/// Records the outcome of a call to the site on the integration.
pub(crate) fn record_connection(
    conn: &mut PgConnection,
    scope: &Scope,
    id: IntegrationId,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        integration_sites::table
            .filter(integration_sites::account_id.eq(scope.account_id()))
            .filter(integration_sites::id.eq(id)),
    )
    .set((
        integration_sites::connection_status.eq(if error.is_some() {
            ConnectionStatus::Error
        } else {
            ConnectionStatus::Connected
        }),
        integration_sites::last_error.eq(error),
        integration_sites::last_checked_at.eq(now),
        integration_sites::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normalize_site_url;

    #[test]
    fn site_urls_are_checked_and_normalised() {
        assert_eq!(
            normalize_site_url(" https://Blog.Example.com/news/ ").unwrap(),
            "https://blog.example.com/news"
        );
        assert_eq!(
            normalize_site_url("http://127.0.0.1:8181").unwrap(),
            "http://127.0.0.1:8181"
        );
        for bad in [
            "",
            "   ",
            "blog.example.com",
            "ftp://blog.example.com",
            "https://user:pw@blog.example.com",
            "https://blog.example.com/?p=1",
            "https://blog.example.com/#top",
        ] {
            assert!(normalize_site_url(bad).is_err(), "{bad:?}");
        }
    }
}
