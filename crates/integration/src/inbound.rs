//! Calls between the platform and a connected site other than publishing: connection checks
//! (from either side), the plugin's site-structure push, its status webhook, and the status
//! sync that pulls the state of every linked post.

use crate::events::{self, NewEvent};
use crate::integrations::{self, app_password, record_connection};
use crate::model::{Integration, Mode, SyncAction, SyncStatus};
use crate::publish::Runtime;
use crate::wordpress::{self, Adapter, PostState};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use content::publishing::{RemoteStatus, apply_remote_status, linked_items};
use db::DbPool;
use db::schema::integration_sites;
use diesel::prelude::*;
use kernel::{ContentId, FieldErrors, IntegrationId, Role};
use serde::Serialize;
use std::time::Instant;
use tenancy::Scope;

/// Largest site structure accepted (bytes of JSON).
pub const MAX_STRUCTURE_BYTES: usize = 256 * 1024;
/// Most posts one sync checks.
pub const SYNC_LIMIT: i64 = 500;

/// Outcome of a connection check.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckOutcome {
    /// Whether the site accepted us.
    pub success: bool,
    /// What the site said (the user name, the plugin version) or what went wrong.
    pub message: String,
    /// WordPress's error code, when it failed.
    pub error_code: Option<String>,
    /// The HTTP status, when it failed with one.
    pub http_status: Option<u16>,
}

fn with_adapter<T>(
    rt: &Runtime,
    pool: &DbPool,
    scope: &Scope,
    integration: &Integration,
    f: impl FnOnce(&dyn Adapter) -> std::result::Result<T, crate::RemoteError>,
) -> Result<std::result::Result<T, crate::RemoteError>> {
    match integration.mode {
        Mode::Core => {
            let password = app_password(integration, &rt.secret_key)?;
            let site = wordpress::core::Core::new(
                &rt.http,
                &integration.site_url,
                &integration.username,
                &password,
            );
            Ok(f(&site))
        }
        Mode::Bridge => {
            let key = {
                let mut c = crate::publish::conn(pool)?;
                tenancy::site_keys::outbound_key(
                    &mut c,
                    scope,
                    integration.site_id,
                    &rt.secret_key,
                )?
            };
            let Some(key) = key else {
                return Ok(Err(crate::RemoteError::permanent(
                    None,
                    "no_site_key",
                    "The site has no API key: generate one and paste it into the IGNY8 plugin.",
                )));
            };
            let site = wordpress::bridge::Bridge::new(&rt.http, &integration.site_url, &key);
            Ok(f(&site))
        }
    }
}

/// Checks an integration from the platform's side (editor+): the site answers and accepts the
/// credentials. Records the result on the integration and as a sync event.
pub fn test_connection(
    rt: &Runtime,
    pool: &DbPool,
    scope: &Scope,
    id: IntegrationId,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<CheckOutcome> {
    scope.require(Role::Editor)?;
    let integration = {
        let mut c = crate::publish::conn(pool)?;
        integrations::get(&mut c, scope, id)?
    };
    let started = Instant::now();
    let res = with_adapter(rt, pool, scope, &integration, |a| a.check())?;
    let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    let mut c = crate::publish::conn(pool)?;
    let at = now();
    c.transaction(|c| {
        let (outcome, event) = match &res {
            Ok(who) => (
                CheckOutcome {
                    success: true,
                    message: format!("Connected as {who}."),
                    error_code: None,
                    http_status: None,
                },
                NewEvent {
                    duration_ms,
                    details: serde_json::json!({ "as": who }),
                    ..NewEvent::ok(SyncAction::TestConnection)
                },
            ),
            Err(e) => (
                CheckOutcome {
                    success: false,
                    message: e.message.clone(),
                    error_code: Some(e.code.clone()),
                    http_status: e.http_status,
                },
                NewEvent {
                    success: false,
                    duration_ms,
                    http_status: e.http_status,
                    error_code: Some(&e.code),
                    error_message: Some(&e.message),
                    ..NewEvent::ok(SyncAction::TestConnection)
                },
            ),
        };
        events::record(c, &integration, &event, at)?;
        record_connection(
            c,
            scope,
            integration.id,
            (!outcome.success).then_some(outcome.message.as_str()),
            at,
        )?;
        Ok(outcome)
    })
}

/// What the plugin learns when it checks its key.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PluginHello {
    /// The IGNY8 site the key belongs to.
    #[schema(value_type = i64)]
    pub site_id: kernel::SiteId,
    /// Its name.
    pub site_name: String,
    /// The site's integration (created in bridge mode when it had none).
    #[schema(value_type = i64)]
    pub integration_id: IntegrationId,
    /// Always true: the key was accepted.
    pub connected: bool,
}

/// The plugin checks its key (site-key scope): the key's site answers; a site with no
/// integration gets a bridge-mode one for `site_url`; the connection is marked connected.
pub fn plugin_test_connection(
    conn: &mut PgConnection,
    scope: &Scope,
    site_url: Option<&str>,
    secret_key: &[u8],
    now: DateTime<Utc>,
) -> Result<PluginHello> {
    let site_id = scope
        .site_restriction()
        .ok_or_else(|| Error::InvalidState("This route takes a site API key.".into()))?;
    conn.transaction(|c| {
        let site = tenancy::sites::get_site(c, scope, site_id)?;
        let integration = match integrations::of_site(c, scope, site_id)? {
            Some(i) => i,
            None => {
                let Some(url) = site_url else {
                    return Err(Error::InvalidState(
                        "The site has no integration yet: send site_url, the WordPress site's \
                         address."
                            .into(),
                    ));
                };
                integrations::create(
                    c,
                    scope,
                    secret_key,
                    &integrations::NewIntegration {
                        site_id: Some(site_id),
                        site_url: Some(url.to_owned()),
                        mode: Some(Mode::Bridge),
                        ..Default::default()
                    },
                    now,
                )?
            }
        };
        record_connection(c, scope, integration.id, None, now)?;
        events::record(
            c,
            &integration,
            &NewEvent {
                details: serde_json::json!({ "from": "plugin" }),
                ..NewEvent::ok(SyncAction::TestConnection)
            },
            now,
        )?;
        Ok(PluginHello {
            site_id,
            site_name: site.name,
            integration_id: integration.id,
            connected: true,
        })
    })
}

/// Stores the post types and taxonomies the plugin pushed (site-key scope: only the key's
/// site's integration; another is 404).
pub fn update_site_structure(
    conn: &mut PgConnection,
    scope: &Scope,
    id: IntegrationId,
    structure: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<Integration> {
    scope.require(Role::Editor)?;
    let integration = integrations::get(conn, scope, id)?;
    let mut e = FieldErrors::new();
    if !structure.is_object() {
        e.add(
            "non_field_errors",
            "The site structure must be a JSON object.",
        );
    } else if structure.to_string().len() > MAX_STRUCTURE_BYTES {
        e.add(
            "non_field_errors",
            format!("The site structure is larger than {MAX_STRUCTURE_BYTES} bytes."),
        );
    }
    for key in ["post_types", "taxonomies"] {
        if let Some(v) = structure.get(key)
            && !v.is_array()
            && !v.is_null()
        {
            e.add(key, "Expected a list of items.");
        }
    }
    e.into_result().map_err(Error::Validation)?;
    conn.transaction(|c| {
        let updated = diesel::update(
            integration_sites::table
                .filter(integration_sites::account_id.eq(scope.account_id()))
                .filter(integration_sites::id.eq(id)),
        )
        .set((
            integration_sites::site_structure.eq(structure),
            integration_sites::updated_at.eq(now),
        ))
        .returning(Integration::as_returning())
        .get_result(c)?;
        events::record(
            c,
            &integration,
            &NewEvent {
                details: serde_json::json!({
                    "post_types": structure.get("post_types").and_then(|v| v.as_array()).map_or(0, Vec::len),
                    "taxonomies": structure.get("taxonomies").and_then(|v| v.as_array()).map_or(0, Vec::len),
                }),
                ..NewEvent::ok(SyncAction::SiteStructure)
            },
            now,
        )?;
        Ok(updated)
    })
}

/// The status webhook's body.
#[derive(Debug, Clone)]
pub struct StatusChange {
    /// The WordPress post id.
    pub post_id: i64,
    /// The IGNY8 content id.
    pub content_id: ContentId,
    /// The post's new WordPress status (`publish`, `draft`, `trash`, `deleted`, …).
    pub post_status: String,
    /// The post's URL.
    pub post_url: Option<String>,
}

/// What a webhook did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatusApplied {
    /// The content item.
    #[schema(value_type = i64)]
    pub content_id: ContentId,
    /// Its `site_status` now.
    pub site_status: String,
    /// False when nothing changed (a repeated webhook, or sync disabled).
    pub changed: bool,
}

/// Applies a status change the plugin reported (site-key scope). Unknown content, or a post
/// that is not the content's post, is 404. Idempotent.
pub fn status_webhook(
    conn: &mut PgConnection,
    scope: &Scope,
    change: &StatusChange,
    now: DateTime<Utc>,
) -> Result<StatusApplied> {
    scope.require(Role::Editor)?;
    const KNOWN: [&str; 8] = [
        "publish", "future", "draft", "pending", "private", "trash", "inherit", "deleted",
    ];
    if !KNOWN.contains(&change.post_status.as_str()) {
        return Err(Error::Validation(FieldErrors::single(
            "post_status",
            format!("'{}' is not a WordPress post status.", change.post_status),
        )));
    }
    conn.transaction(|c| {
        let row = content::content::get_content_row(c, scope, change.content_id)?;
        let integration = integrations::of_site(c, scope, row.site_id)?.ok_or(Error::NotFound)?;
        let external = change.post_id.to_string();
        if row.external_id.as_deref() != Some(external.as_str()) {
            return Err(Error::NotFound);
        }
        let changed = if integration.sync_enabled {
            apply_remote_status(
                c,
                scope,
                change.content_id,
                &external,
                wordpress::remote_status(&change.post_status),
                change.post_url.as_deref(),
                now,
            )?
        } else {
            false
        };
        events::record(
            c,
            &integration,
            &NewEvent {
                content_id: Some(change.content_id),
                external_id: Some(&external),
                details: serde_json::json!({
                    "post_status": change.post_status,
                    "changed": changed,
                    "sync_enabled": integration.sync_enabled,
                }),
                ..NewEvent::ok(SyncAction::StatusWebhook)
            },
            now,
        )?;
        let row = content::content::get_content_row(c, scope, change.content_id)?;
        Ok(StatusApplied {
            content_id: change.content_id,
            site_status: row.site_status.as_str().to_owned(),
            changed,
        })
    })
}

/// What a sync found.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct SyncReport {
    /// Linked posts checked.
    pub checked: usize,
    /// Content items whose `site_status` changed.
    pub changed: usize,
    /// Posts that could not be read (see the sync event).
    pub errors: usize,
}

/// Pulls the state of the site's linked posts (editor+) and applies it, like the webhook.
pub fn sync(
    rt: &Runtime,
    pool: &DbPool,
    scope: &Scope,
    id: IntegrationId,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<SyncReport> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let (integration, items) = {
        let mut c = crate::publish::conn(pool)?;
        let integration = integrations::get(&mut c, scope, id)?;
        if !integration.sync_enabled {
            return Err(Error::InvalidState(
                "Status sync is disabled for this integration.".into(),
            ));
        }
        set_sync_status(&mut c, scope, id, SyncStatus::Syncing, None, now())?;
        let items = linked_items(&mut c, scope, integration.site_id, SYNC_LIMIT)?;
        (integration, items)
    };
    let started = Instant::now();
    let states = with_adapter(rt, pool, scope, &integration, |a| {
        Ok(items
            .iter()
            .map(|(cid, ext)| (*cid, ext.clone(), a.post_state(ext)))
            .collect::<Vec<_>>())
    })?;
    let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    let mut c = crate::publish::conn(pool)?;
    let at = now();
    let states = match states {
        Ok(s) => s,
        Err(e) => {
            set_sync_status(&mut c, scope, id, SyncStatus::Error, Some(&e.message), at)?;
            return Err(Error::Remote(e));
        }
    };
    let mut report = SyncReport::default();
    let mut first_error: Option<crate::RemoteError> = None;
    c.transaction(|c| -> Result<()> {
        for (cid, ext, state) in &states {
            report.checked += 1;
            let (remote, url) = match state {
                Ok(PostState::Exists { status, url }) => {
                    (wordpress::remote_status(status), url.as_deref())
                }
                Ok(PostState::Hidden) => (RemoteStatus::Offline, None),
                Ok(PostState::Gone) => (RemoteStatus::Deleted, None),
                Err(e) => {
                    report.errors += 1;
                    first_error.get_or_insert_with(|| e.clone());
                    continue;
                }
            };
            match apply_remote_status(c, scope, *cid, ext, remote, url, at) {
                Ok(true) => report.changed += 1,
                Ok(false) | Err(content::Error::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        events::record(
            c,
            &integration,
            &NewEvent {
                success: first_error.is_none(),
                duration_ms,
                http_status: first_error.as_ref().and_then(|e| e.http_status),
                error_code: first_error.as_ref().map(|e| e.code.as_str()),
                error_message: first_error.as_ref().map(|e| e.message.as_str()),
                details: serde_json::json!({
                    "checked": report.checked, "changed": report.changed, "errors": report.errors,
                }),
                ..NewEvent::ok(SyncAction::Sync)
            },
            at,
        )?;
        let (status, err) = match &first_error {
            None => (SyncStatus::Completed, None),
            Some(e) => (SyncStatus::Error, Some(e.message.as_str())),
        };
        set_sync_status(c, scope, id, status, err, at)?;
        Ok(())
    })?;
    Ok(report)
}

fn set_sync_status(
    c: &mut PgConnection,
    scope: &Scope,
    id: IntegrationId,
    status: SyncStatus,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let q = integration_sites::table
        .filter(integration_sites::account_id.eq(scope.account_id()))
        .filter(integration_sites::id.eq(id));
    if status == SyncStatus::Syncing {
        diesel::update(q)
            .set((
                integration_sites::sync_status.eq(status),
                integration_sites::updated_at.eq(now),
            ))
            .execute(c)?;
    } else {
        diesel::update(q)
            .set((
                integration_sites::sync_status.eq(status),
                integration_sites::last_sync_at.eq(now),
                integration_sites::last_error.eq(error),
                integration_sites::updated_at.eq(now),
            ))
            .execute(c)?;
    }
    Ok(())
}
