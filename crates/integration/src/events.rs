//! Sync events: one row per attempt to talk to a site (and per webhook received).

use crate::Result;
use crate::model::{Integration, SyncAction, SyncEvent};
use chrono::{DateTime, Utc};
use db::schema::sync_events;
use diesel::prelude::*;
use kernel::{ContentId, IntegrationId, Page, PageRequest};
use tenancy::Scope;

/// What to record.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// What was attempted.
    pub action: SyncAction,
    /// The content item, if any.
    pub content_id: Option<ContentId>,
    /// Whether it worked.
    pub success: bool,
    /// Attempt number.
    pub attempt: i32,
    /// Duration of the remote call.
    pub duration_ms: i32,
    /// HTTP status of the answer.
    pub http_status: Option<u16>,
    /// Error code.
    pub error_code: Option<&'a str>,
    /// Error message.
    pub error_message: Option<&'a str>,
    /// The post id.
    pub external_id: Option<&'a str>,
    /// Extra facts.
    pub details: serde_json::Value,
}

impl<'a> NewEvent<'a> {
    /// A successful event of `action` with no remote call.
    pub fn ok(action: SyncAction) -> Self {
        Self {
            action,
            content_id: None,
            success: true,
            attempt: 1,
            duration_ms: 0,
            http_status: None,
            error_code: None,
            error_message: None,
            external_id: None,
            details: serde_json::json!({}),
        }
    }
}

/// Records an event of `integration`.
pub fn record(
    conn: &mut PgConnection,
    integration: &Integration,
    e: &NewEvent<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::insert_into(sync_events::table)
        .values((
            sync_events::account_id.eq(integration.account_id),
            sync_events::site_id.eq(integration.site_id),
            sync_events::integration_id.eq(integration.id),
            sync_events::content_id.eq(e.content_id),
            sync_events::action.eq(e.action),
            sync_events::success.eq(e.success),
            sync_events::attempt.eq(e.attempt),
            sync_events::duration_ms.eq(e.duration_ms),
            sync_events::http_status.eq(e.http_status.map(i32::from)),
            sync_events::error_code.eq(e.error_code),
            sync_events::error_message.eq(e.error_message),
            sync_events::external_id.eq(e.external_id),
            sync_events::details.eq(&e.details),
            sync_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Failed publish attempts of a content item since `since` (the attempt counter of a publish).
pub fn failed_attempts_since(
    conn: &mut PgConnection,
    integration: &Integration,
    content: ContentId,
    since: DateTime<Utc>,
) -> Result<i64> {
    Ok(sync_events::table
        .filter(sync_events::account_id.eq(integration.account_id))
        .filter(sync_events::integration_id.eq(integration.id))
        .filter(sync_events::content_id.eq(content))
        .filter(sync_events::success.eq(false))
        .filter(sync_events::action.eq_any([
            SyncAction::Publish,
            SyncAction::Update,
            SyncAction::Unpublish,
        ]))
        .filter(sync_events::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Events of an integration the scope may see, newest first; optionally of one content item.
pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    integration: IntegrationId,
    content: Option<ContentId>,
    page: PageRequest,
) -> Result<Page<SyncEvent>> {
    crate::integrations::get(conn, scope, integration)?;
    let filtered = || {
        let mut q = sync_events::table
            .filter(sync_events::account_id.eq(scope.account_id()))
            .filter(sync_events::integration_id.eq(integration))
            .into_boxed();
        if let Some(c) = content {
            q = q.filter(sync_events::content_id.eq(c));
        }
        q
    };
    let count = filtered().count().get_result(conn)?;
    let items = filtered()
        .order(sync_events::id.desc())
        .limit(page.limit())
        .offset(page.offset())
        .select(SyncEvent::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}
