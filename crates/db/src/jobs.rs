//! Transactional job enqueueing on fang's queue, and the process-wide job context.
//!
//! Jobs are inserted with the caller's connection, so a job enqueued inside a transaction that
//! rolls back never exists. fang's `Runnable::run` receives no application state; a job reaches
//! the pool and clock through [`context`], which the worker installs once at start.

use crate::{DbError, DbPool};
use chrono::Utc;
use diesel::{Connection, PgConnection};
use kernel::Clock;
use std::sync::OnceLock;

pub use fang;
pub use fang::typetag;

/// What a running job may use.
#[derive(Clone)]
pub struct JobContext {
    /// The worker's pool.
    pub pool: DbPool,
    /// The clock (controllable in tests).
    pub clock: Clock,
}

static CONTEXT: OnceLock<JobContext> = OnceLock::new();

/// Installs the context; the first call wins (the worker calls it once at start).
pub fn install_context(ctx: JobContext) {
    let _ = CONTEXT.set(ctx);
}

/// The installed context, or an error a job reports as a failure (never a panic).
pub fn context() -> Result<&'static JobContext, fang::FangError> {
    CONTEXT.get().ok_or_else(|| fang::FangError {
        description: "job context is not installed (jobs run only inside the worker)".into(),
    })
}

/// Enqueues a job to run now, on the caller's connection (and so inside its transaction).
pub fn enqueue(conn: &mut PgConnection, job: &dyn fang::Runnable) -> Result<uuid::Uuid, DbError> {
    let task = fang::Queue::insert_query(conn, job, Utc::now())?;
    Ok(task.id)
}

/// Schedules a cron/once job by its `cron()`; a pending duplicate of a unique job is not an
/// error (the partial unique index decides races), it returns `Ok(None)`.
pub fn schedule(
    conn: &mut PgConnection,
    job: &dyn fang::Runnable,
) -> Result<Option<uuid::Uuid>, DbError> {
    let res = conn.transaction::<_, DbError, _>(|c| Ok(fang::Queue::schedule_task_query(c, job)?));
    match res {
        Ok(task) => Ok(Some(task.id)),
        Err(e) if e.is_unique_violation_on("fang_tasks_uniq_pending") => Ok(None),
        Err(e) => Err(e),
    }
}

/// Converts any displayable error into fang's error type for a job's `run`.
pub fn job_error(e: impl std::fmt::Display) -> fang::FangError {
    fang::FangError {
        description: e.to_string(),
    }
}
