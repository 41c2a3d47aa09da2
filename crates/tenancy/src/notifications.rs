//! Account notifications: written by any domain (AI task done or failed, payment approved),
//! listed and marked read by members.

use crate::{Error, Result, Scope};
use chrono::{DateTime, Utc};
use db::schema::notifications;
use diesel::prelude::*;
use kernel::{AccountId, NotificationId, Page, PageRequest};

/// A notification.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = notifications)]
pub struct Notification {
    /// Id.
    pub id: NotificationId,
    /// Account.
    #[serde(skip)]
    pub account_id: AccountId,
    /// What happened (`ai_task.completed`, `payment.approved`, ...).
    pub kind: String,
    /// `info`, `success`, `warning` or `error`.
    pub level: String,
    /// Short title.
    pub title: String,
    /// Longer text.
    pub message: String,
    /// Structured reference (e.g. `{"ai_task_id": 7}`).
    pub data: serde_json::Value,
    /// Idempotency key of the producer.
    #[serde(skip)]
    pub dedupe_key: Option<String>,
    /// When it was read.
    pub read_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// Severity of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Neutral.
    Info,
    /// Something finished well.
    Success,
    /// Needs attention.
    Warning,
    /// Something failed.
    Error,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Success => "success",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// What to notify.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    /// Kind.
    pub kind: &'a str,
    /// Level.
    pub level: Level,
    /// Title.
    pub title: &'a str,
    /// Message.
    pub message: &'a str,
    /// Structured data.
    pub data: serde_json::Value,
    /// Idempotency key: a second notify with the same key does nothing.
    pub dedupe_key: Option<&'a str>,
}

/// Adds a notification to the scope's account (idempotent on `dedupe_key`).
pub fn notify(
    conn: &mut PgConnection,
    scope: &Scope,
    n: &NewNotification<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::account_id.eq(scope.account_id()),
            notifications::kind.eq(n.kind),
            notifications::level.eq(n.level.as_str()),
            notifications::title.eq(n.title),
            notifications::message.eq(n.message),
            notifications::data.eq(&n.data),
            notifications::dedupe_key.eq(n.dedupe_key),
            notifications::created_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(())
}

/// Lists the account's notifications, newest first; `unread_only` filters.
pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    is_read: Option<bool>,
    page: PageRequest,
) -> Result<Page<Notification>> {
    let q = || {
        let mut q = notifications::table
            .filter(notifications::account_id.eq(scope.account_id()))
            .into_boxed();
        match is_read {
            Some(true) => q = q.filter(notifications::read_at.is_not_null()),
            Some(false) => q = q.filter(notifications::read_at.is_null()),
            None => {}
        }
        q
    };
    let count = q().count().get_result(conn)?;
    let items = q()
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(page.limit())
        .offset(page.offset())
        .select(Notification::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Marks one notification read (idempotent).
pub fn mark_read(
    conn: &mut PgConnection,
    scope: &Scope,
    id: NotificationId,
    now: DateTime<Utc>,
) -> Result<Notification> {
    let target = notifications::table
        .filter(notifications::account_id.eq(scope.account_id()))
        .filter(notifications::id.eq(id));
    let found: Option<Notification> = target
        .select(Notification::as_select())
        .first(conn)
        .optional()?;
    let n = found.ok_or(Error::NotFound)?;
    if n.read_at.is_some() {
        return Ok(n);
    }
    Ok(diesel::update(target)
        .set(notifications::read_at.eq(now))
        .returning(Notification::as_returning())
        .get_result(conn)?)
}

/// Marks every unread notification read; returns how many changed.
pub fn mark_all_read(conn: &mut PgConnection, scope: &Scope, now: DateTime<Utc>) -> Result<usize> {
    Ok(diesel::update(
        notifications::table
            .filter(notifications::account_id.eq(scope.account_id()))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(now))
    .execute(conn)?)
}
