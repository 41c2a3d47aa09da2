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
