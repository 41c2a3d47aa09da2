//! Transactional job enqueueing on fang's queue, and the process-wide job context.
//!
//! Jobs are inserted with the caller's connection, so a job enqueued inside a transaction that
//! rolls back never exists. fang's `Runnable::run` receives no application state; a job reaches
//! the pool and clock through [`context`], which the worker installs once at start.

use crate::{DbError, DbPool};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
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

/// Enqueues a job to run at `at` (or as soon as possible after it), on the caller's connection.
pub fn enqueue_at(
    conn: &mut PgConnection,
    job: &dyn fang::Runnable,
    at: DateTime<Utc>,
) -> Result<uuid::Uuid, DbError> {
    let task = fang::Queue::insert_query(conn, job, at)?;
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

/// fang task type for general jobs; the worker serves it. A job must override
/// `Runnable::task_type`: fang's own default (`common`) is not served by any worker.
pub const DEFAULT_TASK_TYPE: &str = "default";

/// Queue counts of one task type, for the staff jobs view.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct TaskTypeStats {
    /// The fang task type (one worker thread group each).
    pub task_type: String,
    /// Tasks waiting for their first run.
    pub new: i64,
    /// Tasks waiting for another attempt after an error, a panic or a dead worker.
    pub retried: i64,
    /// Tasks running now (or orphaned until the reaper notices).
    pub in_progress: i64,
    /// Tasks that exhausted their retries; kept for inspection.
    pub failed: i64,
    /// The earliest `scheduled_at` among new and retried tasks (may be in the future).
    pub oldest_pending_scheduled_at: Option<DateTime<Utc>>,
}

/// Queue counts per task type; a type with no task at all is absent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct QueueStats {
    /// One entry per task type, ordered by name.
    pub task_types: Vec<TaskTypeStats>,
}

/// A task that exhausted its retries, as the staff jobs view lists it.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema, diesel::QueryableByName,
)]
pub struct FailedTask {
    /// The task id.
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: uuid::Uuid,
    /// The fang task type.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub task_type: String,
    /// The job's stable name (`metadata->>'type'`), absent when the payload has none.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub job: Option<String>,
    /// The last error, panic or reaper message.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub error_message: Option<String>,
    /// Retries made before giving up.
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub retries: i32,
    /// When the task was enqueued.
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub created_at: DateTime<Utc>,
    /// When the task was marked failed.
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub updated_at: DateTime<Utc>,
}

#[derive(diesel::QueryableByName)]
struct TaskTypeStatsRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    task_type: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    new: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    retried: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    in_progress: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    failed: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    oldest_pending_scheduled_at: Option<DateTime<Utc>>,
}

/// Counts tasks by type and state (one grouped scan of `fang_tasks`).
pub fn queue_stats(conn: &mut PgConnection) -> Result<QueueStats, DbError> {
    let rows: Vec<TaskTypeStatsRow> = diesel::sql_query(
        "SELECT task_type,
                count(*) FILTER (WHERE state = 'new') AS new,
                count(*) FILTER (WHERE state = 'retried') AS retried,
                count(*) FILTER (WHERE state = 'in_progress') AS in_progress,
                count(*) FILTER (WHERE state = 'failed') AS failed,
                min(scheduled_at) FILTER (WHERE state IN ('new', 'retried')) AS oldest_pending_scheduled_at
           FROM fang_tasks
          WHERE state IN ('new', 'retried', 'in_progress', 'failed')
          GROUP BY task_type
          ORDER BY task_type",
    )
    .load(conn)?;
    Ok(QueueStats {
        task_types: rows
            .into_iter()
            .map(|r| TaskTypeStats {
                task_type: r.task_type,
                new: r.new,
                retried: r.retried,
                in_progress: r.in_progress,
                failed: r.failed,
                oldest_pending_scheduled_at: r.oldest_pending_scheduled_at,
            })
            .collect(),
    })
}

/// One page of failed tasks, most recently failed first, and the total number of failed tasks.
pub fn failed_tasks(
    conn: &mut PgConnection,
    limit: i64,
    offset: i64,
) -> Result<(Vec<FailedTask>, i64), DbError> {
    use diesel::sql_types::BigInt;

    // fang's `FangTaskState` SQL type lacks `QueryId`, so its enum cannot be bound through the
    // query builder; the state is a literal in SQL instead.
    let total =
        diesel::sql_query("SELECT count(*) AS count FROM fang_tasks WHERE state = 'failed'")
            .get_result::<CountRow>(conn)?
            .count;
    let items = diesel::sql_query(
        "SELECT id, task_type, metadata->>'type' AS job, error_message, retries, created_at, updated_at
           FROM fang_tasks
          WHERE state = 'failed'
          ORDER BY updated_at DESC, id
          LIMIT $1 OFFSET $2",
    )
    .bind::<BigInt, _>(limit.max(0))
    .bind::<BigInt, _>(offset.max(0))
    .load::<FailedTask>(conn)?;
    Ok((items, total))
}

#[derive(diesel::QueryableByName)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

/// What a finished job came to, for the `job_outcomes` counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    /// It ran to completion.
    Succeeded,
    /// It failed and was scheduled again.
    Retried,
    /// It failed for good (no retries left, or unreadable).
    Failed,
}

impl JobOutcome {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobOutcome::Succeeded => "succeeded",
            JobOutcome::Retried => "retried",
            JobOutcome::Failed => "failed",
        }
    }
}

/// Counts one finished job of `job` (its typetag name) under `outcome`.
pub fn count_outcome(
    conn: &mut PgConnection,
    job: &str,
    outcome: JobOutcome,
) -> Result<(), DbError> {
    diesel::sql_query(
        "INSERT INTO job_outcomes (job, outcome, count, updated_at) VALUES ($1, $2, 1, now())
         ON CONFLICT (job, outcome) DO UPDATE SET count = job_outcomes.count + 1, updated_at = now()",
    )
    .bind::<diesel::sql_types::Text, _>(job)
    .bind::<diesel::sql_types::Text, _>(outcome.as_str())
    .execute(conn)?;
    Ok(())
}

/// One `job_outcomes` counter.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct JobOutcomeCount {
    /// The job's name.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub job: String,
    /// `succeeded`, `retried` or `failed`.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub outcome: String,
    /// Jobs so far.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
}

/// Every job outcome counter.
pub fn job_outcomes(conn: &mut PgConnection) -> Result<Vec<JobOutcomeCount>, DbError> {
    Ok(
        diesel::sql_query("SELECT job, outcome, count FROM job_outcomes ORDER BY job, outcome")
            .load(conn)?,
    )
}
