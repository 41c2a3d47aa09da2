//! Periodic housekeeping: purge expired password-reset tokens, dead sessions and old
//! throttling hits. Runs as a unique fang cron task every five minutes.

use crate::Result;
use chrono::{DateTime, Duration, Utc};
use db::jobs::{context, job_error};
use db::schema::{auth_sessions, password_reset_tokens};
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable, Scheduled};
use serde::{Deserialize, Serialize};

/// What one purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// Reset tokens removed (expired, or used more than a day ago).
    pub reset_tokens: usize,
    /// Sessions removed (expired, or revoked more than a day ago).
    pub sessions: usize,
    /// Throttling hits older than a day.
    pub rate_limit_hits: usize,
}

/// Deletes what no longer serves any purpose. Revoked sessions are kept a day so that reuse
/// of their refresh tokens is still recognised (and logged) for a while.
pub fn purge_expired_auth(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<PurgeReport> {
    let day_ago = now - Duration::days(1);
    let reset_tokens = diesel::delete(
        password_reset_tokens::table.filter(
            password_reset_tokens::expires_at
                .lt(now)
                .or(password_reset_tokens::used_at.lt(day_ago)),
        ),
    )
    .execute(conn)?;
    let sessions = diesel::delete(
        auth_sessions::table.filter(
            auth_sessions::expires_at
                .lt(now)
                .or(auth_sessions::revoked_at.lt(day_ago)),
        ),
    )
    .execute(conn)?;
    let rate_limit_hits = crate::ratelimit::purge_old(conn, now)?;
    Ok(PurgeReport {
        reset_tokens,
        sessions,
        rate_limit_hits,
    })
}

/// The cron task that calls [`purge_expired_auth`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PurgeExpiredAuth {}

/// fang task type (one worker group per type) for housekeeping jobs.
pub const MAINTENANCE_TASK_TYPE: &str = "maintenance";

#[typetag::serde(name = "tenancy.purge_expired_auth")]
impl Runnable for PurgeExpiredAuth {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let mut conn = ctx.pool.get().map_err(job_error)?;
        let r = purge_expired_auth(&mut conn, ctx.clock.now()).map_err(job_error)?;
        tracing::info!(
            reset_tokens = r.reset_tokens,
            sessions = r.sessions,
            rate_limit_hits = r.rate_limit_hits,
            "purged expired auth data"
        );
        Ok(())
    }

    fn task_type(&self) -> String {
        MAINTENANCE_TASK_TYPE.into()
    }

    fn uniq(&self) -> bool {
        true
    }

    fn cron(&self) -> Option<Scheduled> {
        Some(Scheduled::CronPattern("0 */5 * * * *".into()))
    }

    fn max_retries(&self) -> i32 {
        3
    }

    fn backoff(&self, attempt: u32) -> u32 {
        10 * (attempt + 1)
    }
}

/// fang task type of e-mail delivery: its own thread group, so a slow SMTP server never holds
/// up housekeeping or AI work.
pub const MAIL_TASK_TYPE: &str = "mail";

/// Sends the due outbox messages ([`crate::mail::delivery::deliver_due`]). Runs every minute
/// (cron, retries after backoff are picked up there) and right after a message is queued
/// ([`request_mail_delivery`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DeliverMail {
    /// False for the cron instance; true for the one-off run queued with a new message (the two
    /// are distinct rows for fang's uniqueness).
    #[serde(default)]
    pub now: bool,
}

#[typetag::serde(name = "tenancy.deliver_mail")]
impl Runnable for DeliverMail {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let mailer = crate::mail::delivery::installed_mailer()
            .ok_or_else(|| job_error("no mailer is installed (mail is delivered by the worker)"))?;
        let mut conn = ctx.pool.get().map_err(job_error)?;
        let r = crate::mail::delivery::deliver_due(&mut conn, mailer, ctx.clock.now())
            .map_err(job_error)?;
        if r != crate::mail::delivery::DeliveryReport::default() {
            tracing::info!(
                sent = r.sent,
                retried = r.retried,
                failed = r.failed,
                "e-mail delivery"
            );
        }
        Ok(())
    }

    fn task_type(&self) -> String {
        MAIL_TASK_TYPE.into()
    }

    fn uniq(&self) -> bool {
        true
    }

    fn cron(&self) -> Option<Scheduled> {
        (!self.now).then(|| Scheduled::CronPattern("0 * * * * *".into()))
    }

    fn max_retries(&self) -> i32 {
        // The outbox keeps its own attempts; a failed run is simply the next minute's run.
        0
    }
}

/// Queues a one-off delivery run on the caller's connection (inside its transaction). A run
/// already waiting covers the new message, so a duplicate is not an error.
pub fn request_mail_delivery(conn: &mut PgConnection) -> Result<()> {
    let res = conn.transaction::<_, db::DbError, _>(|c| {
        db::jobs::enqueue(c, &DeliverMail { now: true })?;
        Ok(())
    });
    match res {
        Ok(()) => Ok(()),
        Err(e) if e.is_unique_violation_on("fang_tasks_uniq_pending") => Ok(()),
        Err(e) => Err(e.into()),
    }
}
