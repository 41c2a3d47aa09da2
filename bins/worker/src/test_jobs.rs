//! Job types for the worker's integration tests (cargo feature `test-jobs`; never in
//! production). Each records its runs in `worker_test_runs`, a table the jobs create on first
//! use (it is not part of the migrations).

use db::jobs::fang::{self, FangError, Queueable, Runnable, typetag};
use db::jobs::{DEFAULT_TASK_TYPE, context, job_error};
use diesel::sql_types::{BigInt, Integer, Text};
use diesel::{Connection, PgConnection, QueryResult, QueryableByName, RunQueryDsl};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Creates `worker_test_runs` if missing (serialized by an advisory lock: concurrent
/// `CREATE TABLE IF NOT EXISTS` can still collide in the catalog).
pub fn ensure_runs_table(conn: &mut PgConnection) -> QueryResult<()> {
    conn.transaction(|c| {
        diesel::sql_query("SELECT pg_advisory_xact_lock(1697002)").execute(c)?;
        diesel::sql_query(
            "CREATE TABLE IF NOT EXISTS worker_test_runs (
                 id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                 key         text NOT NULL,
                 job         text NOT NULL,
                 pid         integer NOT NULL,
                 started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
                 finished_at timestamptz
             )",
        )
        .execute(c)?;
        Ok(())
    })
}

#[derive(QueryableByName)]
struct RunId {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Records that a job of `job` with `key` started in this process; returns the run id.
fn record_start(key: &str, job: &str) -> Result<i64, FangError> {
    let mut conn = context()?.pool.get().map_err(job_error)?;
    ensure_runs_table(&mut conn).map_err(job_error)?;
    let row: RunId = diesel::sql_query(
        "INSERT INTO worker_test_runs (key, job, pid) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind::<Text, _>(key)
    .bind::<Text, _>(job)
    .bind::<Integer, _>(i32::try_from(std::process::id()).unwrap_or(-1))
    .get_result(&mut conn)
    .map_err(job_error)?;
    Ok(row.id)
}

fn record_finish(run_id: i64) -> Result<(), FangError> {
    let mut conn = context()?.pool.get().map_err(job_error)?;
    diesel::sql_query("UPDATE worker_test_runs SET finished_at = clock_timestamp() WHERE id = $1")
        .bind::<BigInt, _>(run_id)
        .execute(&mut conn)
        .map_err(job_error)?;
    Ok(())
}

/// Records its start, sleeps `sleep_ms`, records its finish.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordRun {
    /// Identifies the test's job in `worker_test_runs`.
    pub key: String,
    /// How long the job runs.
    pub sleep_ms: u64,
}

impl RecordRun {
    /// A job recording under `key` that runs for `sleep_ms`.
    pub fn new(key: &str, sleep_ms: u64) -> Self {
        Self {
            key: key.to_owned(),
            sleep_ms,
        }
    }
}

#[typetag::serde(name = "worker.test.record")]
impl Runnable for RecordRun {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let run_id = record_start(&self.key, "worker.test.record")?;
        std::thread::sleep(Duration::from_millis(self.sleep_ms));
        record_finish(run_id)
    }

    fn task_type(&self) -> String {
        DEFAULT_TASK_TYPE.into()
    }

    fn max_retries(&self) -> i32 {
        3
    }

    fn backoff(&self, _attempt: u32) -> u32 {
        0
    }
}

/// Records its start, then panics; two retries without backoff.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PanicJob {
    /// Identifies the test's job in `worker_test_runs`.
    pub key: String,
}

#[typetag::serde(name = "worker.test.panic")]
impl Runnable for PanicJob {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        record_start(&self.key, "worker.test.panic")?;
        panic!("test panic for {}", self.key);
    }

    fn task_type(&self) -> String {
        DEFAULT_TASK_TYPE.into()
    }

    fn max_retries(&self) -> i32 {
        2
    }

    fn backoff(&self, _attempt: u32) -> u32 {
        0
    }
}

/// Records its start, then returns an error; one retry after one second.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FailJob {
    /// Identifies the test's job in `worker_test_runs`.
    pub key: String,
}

#[typetag::serde(name = "worker.test.fail")]
impl Runnable for FailJob {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        record_start(&self.key, "worker.test.fail")?;
        Err(fang::FangError {
            description: format!("test failure for {}", self.key),
        })
    }

    fn task_type(&self) -> String {
        DEFAULT_TASK_TYPE.into()
    }

    fn max_retries(&self) -> i32 {
        1
    }

    fn backoff(&self, _attempt: u32) -> u32 {
        1
    }
}
