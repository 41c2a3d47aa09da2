//! The housekeeper: heartbeats the tasks this process runs, reaps orphaned `in_progress` tasks
//! (their worker died: `kill -9`, OOM, a lost host) and keeps every cron job scheduled.
//!
//! fang sets `updated_at` only when it fetches a task. The heartbeat refreshes it for running
//! tasks, so "no heartbeat for `IGNY8_JOB_STALE_SECS`" means the worker is gone, not that the
//! job is slow. All timestamps come from the workers' clocks, as fang's own do.

use crate::{cron_jobs, sleep_unless};
use chrono::Utc;
use db::jobs::fang::Runnable;
use db::{DbError, DbPool};
use diesel::sql_types::{Array, BigInt, Jsonb, Text, Timestamptz};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use uuid::Uuid;

/// The message a reaped task carries.
pub const ORPHANED: &str = "orphaned: worker died mid-run";

/// Rows the reaper locks per transaction.
const REAP_BATCH: i64 = 100;

/// Ids of the tasks this process is running.
#[derive(Debug, Clone, Default)]
pub struct InFlight(Arc<Mutex<HashSet<Uuid>>>);

impl InFlight {
    fn lock(&self) -> MutexGuard<'_, HashSet<Uuid>> {
        // A panic while holding this lock cannot leave the set inconsistent (single insert or
        // remove), so a poisoned lock is still usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks a task as running here.
    pub fn insert(&self, id: Uuid) {
        self.lock().insert(id);
    }

    /// Marks a task as no longer running here.
    pub fn remove(&self, id: &Uuid) {
        self.lock().remove(id);
    }

    /// The running tasks now.
    pub fn snapshot(&self) -> Vec<Uuid> {
        self.lock().iter().copied().collect()
    }

    /// How many tasks run now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing runs.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

/// What the housekeeper thread needs.
pub struct HousekeeperContext {
    /// The worker's pool.
    pub pool: DbPool,
    /// The orphan threshold.
    pub stale_after: Duration,
    /// Time between rounds.
    pub interval: Duration,
    /// Set after every worker thread has been joined.
    pub stop: Arc<AtomicBool>,
    /// Tasks this process runs.
    pub in_flight: InFlight,
}

/// Heartbeat, reap and cron check every `interval` until stopped.
pub fn run_housekeeper(ctx: &HousekeeperContext) {
    loop {
        sleep_unless(&ctx.stop, ctx.interval);
        if ctx.stop.load(Ordering::SeqCst) {
            return;
        }
        let mut conn = match ctx.pool.get() {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "housekeeper: no database connection this round");
                continue;
            }
        };
        let running = ctx.in_flight.snapshot();
        if let Err(e) = heartbeat(&mut conn, &running) {
            tracing::warn!(error = %e, "housekeeper: heartbeat failed");
        }
        match reap_stale(&mut conn, ctx.stale_after, &running) {
            Ok(report) => report.log(),
            Err(e) => tracing::warn!(error = %e, "housekeeper: reaping failed"),
        }
        schedule_cron_jobs(&mut conn);
    }
}

/// Refreshes `updated_at` of running tasks, so the reaper of any worker leaves them alone.
pub fn heartbeat(conn: &mut PgConnection, running: &[Uuid]) -> Result<usize, DbError> {
    if running.is_empty() {
        return Ok(0);
    }
    Ok(diesel::sql_query(
        "UPDATE fang_tasks SET updated_at = $1 WHERE id = ANY($2) AND state = 'in_progress'",
    )
    .bind::<Timestamptz, _>(Utc::now())
    .bind::<Array<diesel::sql_types::Uuid>, _>(running)
    .execute(conn)?)
}

/// What one reaping pass changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReapReport {
    /// Orphans put back as `retried`, to run now.
    pub retried: Vec<Uuid>,
    /// Orphans marked `failed` (no retries left, or a job type this worker cannot read).
    pub failed: Vec<Uuid>,
}

impl ReapReport {
    /// Logs the reaped tasks, if any.
    pub fn log(&self) {
        if !self.retried.is_empty() || !self.failed.is_empty() {
            tracing::warn!(retried = ?self.retried, failed = ?self.failed, "reaped orphaned tasks");
        }
    }
}

#[derive(QueryableByName)]
struct Orphan {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = Jsonb)]
    metadata: serde_json::Value,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    retries: i32,
}

/// Puts `in_progress` tasks whose `updated_at` is older than `stale_after` back as `retried`
/// (retries + 1, due now, error [`ORPHANED`]) while they have retries left, otherwise marks them
/// `failed`. `exclude` are this process's running tasks. Safe with many reapers at once: rows
/// are locked `FOR UPDATE SKIP LOCKED` and updated only while still `in_progress`, so an orphan
/// is reaped once.
pub fn reap_stale(
    conn: &mut PgConnection,
    stale_after: Duration,
    exclude: &[Uuid],
) -> Result<ReapReport, DbError> {
    let stale = chrono::Duration::from_std(stale_after).unwrap_or(chrono::Duration::MAX);
    let mut report = ReapReport::default();
    loop {
        let batch = conn.transaction::<_, DbError, _>(|c| {
            let now = Utc::now();
            let orphans: Vec<Orphan> = diesel::sql_query(
                "SELECT id, metadata, retries FROM fang_tasks
                  WHERE state = 'in_progress' AND updated_at < $1 AND NOT (id = ANY($2))
                  ORDER BY updated_at
                  LIMIT $3
                  FOR UPDATE SKIP LOCKED",
            )
            .bind::<Timestamptz, _>(now - stale)
            .bind::<Array<diesel::sql_types::Uuid>, _>(exclude)
            .bind::<BigInt, _>(REAP_BATCH)
            .load(c)?;

            let mut retry = Vec::new();
            let mut fail = Vec::new();
            let mut fail_messages = Vec::new();
            for o in &orphans {
                match serde_json::from_value::<Box<dyn Runnable>>(o.metadata.clone()) {
                    Ok(job) if o.retries < job.max_retries() => retry.push(o.id),
                    Ok(_) => {
                        fail.push(o.id);
                        fail_messages.push(format!("{ORPHANED}; no retries left"));
                    }
                    Err(e) => {
                        fail.push(o.id);
                        fail_messages.push(format!("{ORPHANED}; unknown job type `{}`: {e}", crate::runner::job_name(&o.metadata)));
                    }
                }
            }
            if !retry.is_empty() {
                diesel::sql_query(
                    "UPDATE fang_tasks
                        SET state = 'retried', retries = retries + 1, scheduled_at = $1, updated_at = $1, error_message = $2
                      WHERE id = ANY($3) AND state = 'in_progress'",
                )
                .bind::<Timestamptz, _>(now)
                .bind::<Text, _>(ORPHANED)
                .bind::<Array<diesel::sql_types::Uuid>, _>(&retry)
                .execute(c)?;
            }
            if !fail.is_empty() {
                diesel::sql_query(
                    "UPDATE fang_tasks AS t
                        SET state = 'failed', updated_at = $1, error_message = f.message
                       FROM unnest($2::uuid[], $3::text[]) AS f(id, message)
                      WHERE t.id = f.id AND t.state = 'in_progress'",
                )
                .bind::<Timestamptz, _>(now)
                .bind::<Array<diesel::sql_types::Uuid>, _>(&fail)
                .bind::<Array<Text>, _>(&fail_messages)
                .execute(c)?;
            }
            Ok((orphans.len(), retry, fail))
        })?;
        let (seen, retried, failed) = batch;
        report.retried.extend(retried);
        report.failed.extend(failed);
        if (seen as i64) < REAP_BATCH {
            return Ok(report);
        }
    }
}

/// Schedules every cron job that has no pending occurrence; a duplicate is a no-op.
pub fn schedule_cron_jobs(conn: &mut PgConnection) {
    for job in cron_jobs() {
        let name = serde_json::to_value(job.as_ref())
            .map(|v| crate::runner::job_name(&v))
            .unwrap_or_default();
        match db::jobs::schedule(conn, job.as_ref()) {
            Ok(Some(id)) => tracing::debug!(job = %name, task_id = %id, "cron job pending"),
            Ok(None) => tracing::debug!(job = %name, "cron job already pending"),
            Err(e) => tracing::warn!(job = %name, error = %e, "cannot schedule cron job"),
        }
    }
}
