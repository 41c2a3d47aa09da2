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

/// Counts one finished job of `job` (its typetag name) under `outcome`, in counter `shard` (the
/// worker thread's number within its task type: threads add to their own rows and never wait on
/// each other; readers sum the shards).
pub fn count_outcome(
    conn: &mut PgConnection,
    job: &str,
    outcome: JobOutcome,
    shard: i16,
) -> Result<(), DbError> {
    diesel::sql_query(
        "INSERT INTO job_outcomes (job, outcome, shard, count, updated_at) VALUES ($1, $2, $3, 1, now())
         ON CONFLICT (job, outcome, shard) DO UPDATE SET count = job_outcomes.count + 1, updated_at = now()",
    )
    .bind::<diesel::sql_types::Text, _>(job)
    .bind::<diesel::sql_types::Text, _>(outcome.as_str())
    .bind::<diesel::sql_types::SmallInt, _>(shard)
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

/// Every job outcome counter (the sum of its shards).
pub fn job_outcomes(conn: &mut PgConnection) -> Result<Vec<JobOutcomeCount>, DbError> {
    Ok(diesel::sql_query(
        "SELECT job, outcome, sum(count)::bigint AS count FROM job_outcomes \
         GROUP BY job, outcome ORDER BY job, outcome",
    )
    .load(conn)?)
}

/// Most tasks one statement claims (see [`claim_sql`]).
pub const MAX_CLAIM: usize = 16;

/// Claims up to `limit` due tasks of `task_type` (oldest first) and marks them `in_progress`,
/// in one statement. The state filter and the limit are written out (not bound) so the partial
/// index `fang_tasks_fetch (task_type, created_at, scheduled_at)` is provably usable by every
/// plan, generic or custom: the first pending rows are the index's first entries, whatever the
/// table's statistics say (a burst enqueued onto a queue analysed while empty is fetched as
/// fast as a steady one). fang's own fetch is a transaction of three statements whose bound
/// state list hides that index from generic plans.
pub fn claim_sql(limit: usize) -> String {
    format!(
        "UPDATE fang_tasks SET state = 'in_progress', updated_at = now() \
         WHERE id = ANY(ARRAY(SELECT id FROM fang_tasks \
                     WHERE task_type = $1 AND state IN ('new', 'retried') AND scheduled_at <= now() \
                     ORDER BY created_at, scheduled_at LIMIT {limit} FOR UPDATE SKIP LOCKED)) \
         RETURNING id, metadata, error_message, state::text AS state, task_type, uniq_hash, retries, \
                   scheduled_at, created_at, updated_at"
    )
}

#[derive(QueryableByName)]
struct TaskRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = diesel::sql_types::Jsonb)]
    metadata: serde_json::Value,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    error_message: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    state: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    task_type: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    uniq_hash: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    retries: i32,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    scheduled_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    created_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    updated_at: DateTime<Utc>,
}

impl From<TaskRow> for fang::Task {
    fn from(r: TaskRow) -> Self {
        let state = match r.state.as_str() {
            "new" => fang::FangTaskState::New,
            "failed" => fang::FangTaskState::Failed,
            "finished" => fang::FangTaskState::Finished,
            "retried" => fang::FangTaskState::Retried,
            _ => fang::FangTaskState::InProgress,
        };
        fang::Task {
            id: r.id,
            metadata: r.metadata,
            error_message: r.error_message,
            state,
            task_type: r.task_type,
            uniq_hash: r.uniq_hash,
            retries: r.retries,
            scheduled_at: r.scheduled_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Claims the next due task of `task_type` ([`claim_sql`]); `None` when none is due.
pub fn fetch(conn: &mut PgConnection, task_type: &str) -> Result<Option<fang::Task>, DbError> {
    Ok(complete_and_claim(conn, &[], task_type, 0, 1)?.pop())
}

/// Deletes the tasks in `ids` (an array of uuids) that succeeded and counts them per job name
/// (`jobs`, in step with `ids`) in counter shard `shard`: two data-modifying CTEs that run
/// whatever statement follows them.
fn completion_ctes(ids: &str, jobs: &str, shard: &str) -> String {
    format!(
        "WITH done AS (DELETE FROM fang_tasks WHERE id = ANY({ids}) RETURNING id), \
         counted AS (INSERT INTO job_outcomes (job, outcome, shard, count, updated_at) \
                     SELECT j.job, 'succeeded', {shard}, count(*), now() \
                       FROM done JOIN unnest({ids}, {jobs}) AS j(id, job) ON j.id = done.id \
                      GROUP BY j.job \
                     ON CONFLICT (job, outcome, shard) \
                     DO UPDATE SET count = job_outcomes.count + EXCLUDED.count, updated_at = now()) "
    )
}

/// Completes `done` (the ids and job names of tasks that succeeded: each row is deleted and
/// counted in counter `shard`, see [`count_outcome`]) and claims up to `limit` (at most
/// [`MAX_CLAIM`]) due tasks of `task_type`, oldest first, in one statement. The completion
/// happens whether or not a task is due; a task already gone is not counted again.
///
/// The statement is prepared once per connection and limit, then executed by name (diesel does
/// not keep raw SQL prepared), so PostgreSQL neither parses nor plans it per job.
pub fn complete_and_claim(
    conn: &mut PgConnection,
    done: &[(uuid::Uuid, &str)],
    task_type: &str,
    shard: i16,
    limit: usize,
) -> Result<Vec<fang::Task>, DbError> {
    let limit = limit.clamp(1, MAX_CLAIM);
    let ids: Vec<String> = done.iter().map(|(id, _)| id.to_string()).collect();
    let jobs: Vec<String> = done.iter().map(|(_, job)| quote(job)).collect();
    let mut rows = execute_prepared(
        conn,
        &format!("igny8_claim_{limit}"),
        "(text, uuid[], text[], smallint)",
        &format!("{}{}", completion_ctes("$2", "$3", "$4"), claim_sql(limit)),
        &format!(
            "({}, '{{{}}}', ARRAY[{}]::text[], {shard})",
            quote(task_type),
            ids.join(","),
            jobs.join(",")
        ),
    )?;
    rows.sort_by_key(|r| (r.created_at, r.scheduled_at));
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Puts claimed tasks that did not start back in the queue, as they were before the claim
/// (`new`, or `retried` after a failure); returns how many it put back.
pub fn release(conn: &mut PgConnection, ids: &[uuid::Uuid]) -> Result<usize, DbError> {
    if ids.is_empty() {
        return Ok(0);
    }
    Ok(diesel::sql_query(
        "UPDATE fang_tasks \
            SET state = (CASE WHEN retries > 0 THEN 'retried' ELSE 'new' END)::fang_task_state, \
                updated_at = now() \
          WHERE id = ANY($1) AND state = 'in_progress'",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(ids)
    .execute(conn)?)
}

/// A SQL string literal (standard-conforming strings: only `'` needs doubling).
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `EXECUTE name args`, preparing `name` on this connection first when it does not know it.
fn execute_prepared(
    conn: &mut PgConnection,
    name: &str,
    types: &str,
    sql: &str,
    args: &str,
) -> Result<Vec<TaskRow>, DbError> {
    let execute = format!("EXECUTE {name}{args}");
    match diesel::sql_query(&execute).load(conn) {
        Err(diesel::result::Error::DatabaseError(_, info))
            if info
                .message()
                .contains(&format!("prepared statement \"{name}\" does not exist")) =>
        {
            diesel::sql_query(format!("PREPARE {name}{types} AS {sql}")).execute(conn)?;
            Ok(diesel::sql_query(&execute).load(conn)?)
        }
        other => Ok(other?),
    }
}

/// Removes tasks that succeeded and counts them per job, in one statement (for a thread that
/// stops fetching; a running loop completes with its next claim, [`complete_and_claim`]).
pub fn complete_many(
    conn: &mut PgConnection,
    done: &[(uuid::Uuid, &str)],
    shard: i16,
) -> Result<(), DbError> {
    if done.is_empty() {
        return Ok(());
    }
    let ids: Vec<uuid::Uuid> = done.iter().map(|(id, _)| *id).collect();
    let jobs: Vec<&str> = done.iter().map(|(_, job)| *job).collect();
    diesel::sql_query(format!(
        "{}SELECT 1",
        completion_ctes("$1::uuid[]", "$2::text[]", "$3::smallint")
    ))
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(ids)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(jobs)
    .bind::<diesel::sql_types::SmallInt, _>(shard)
    .execute(conn)?;
    Ok(())
}

/// Removes a task that succeeded and counts the success of `job` ([`complete_many`] of one).
pub fn complete(
    conn: &mut PgConnection,
    task_id: uuid::Uuid,
    job: &str,
    shard: i16,
) -> Result<(), DbError> {
    complete_many(conn, &[(task_id, job)], shard)
}

/// Enqueues many jobs to run now with one `INSERT`, on the caller's connection (and so inside
/// its transaction: all of them or none). A unique job (`uniq()`) that is already pending, or
/// that appears twice in `jobs`, is inserted once; the ids returned are those of the rows this
/// call inserted.
pub fn enqueue_many(
    conn: &mut PgConnection,
    jobs: &[&dyn fang::Runnable],
) -> Result<Vec<uuid::Uuid>, DbError> {
    use sha2::Digest;
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let mut metadata = Vec::with_capacity(jobs.len());
    let mut types = Vec::with_capacity(jobs.len());
    let mut hashes: Vec<Option<String>> = Vec::with_capacity(jobs.len());
    for job in jobs {
        let value =
            serde_json::to_value(job).map_err(|e| DbError::Queue(format!("job payload: {e}")))?;
        // The same hash fang computes, so fang's own lookups and ours agree.
        hashes.push(
            job.uniq()
                .then(|| hex::encode(sha2::Sha256::digest(value.to_string().as_bytes()))),
        );
        metadata.push(value);
        types.push(job.task_type());
    }
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: uuid::Uuid,
    }
    let ids: Vec<Id> = diesel::sql_query(
        "INSERT INTO fang_tasks (metadata, task_type, uniq_hash, scheduled_at)
         SELECT m, t, h, now() FROM unnest($1::jsonb[], $2::text[], $3::text[]) WITH ORDINALITY AS j(m, t, h, n)
         ORDER BY n
         ON CONFLICT (uniq_hash) WHERE state IN ('new', 'retried') DO NOTHING
         RETURNING id",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Jsonb>, _>(&metadata)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&types)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Nullable<diesel::sql_types::Text>>, _>(
        &hashes,
    )
    .load(conn)?;
    Ok(ids.into_iter().map(|i| i.id).collect())
}

/// A job that does nothing: what `make bench` runs to measure the queue itself (fetch, run,
/// complete) against a bare-SQL loop. Type `db.noop` on the default task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoOp {}

#[typetag::serde(name = "db.noop")]
impl fang::Runnable for NoOp {
    fn run(&self, _q: &dyn fang::Queueable) -> Result<(), fang::FangError> {
        Ok(())
    }

    fn task_type(&self) -> String {
        DEFAULT_TASK_TYPE.into()
    }
}
