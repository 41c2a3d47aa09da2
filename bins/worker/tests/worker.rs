//! The worker binary against real PostgreSQL: one fresh database per test, the real `worker`
//! process, bounded polling instead of fixed sleeps. Needs `--features worker/test-jobs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use db::jobs::{enqueue, failed_tasks, queue_stats};
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamptz};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use test_support::{TenantFixture, TestDb};
use worker::housekeeping::{ORPHANED, reap_stale};
use worker::test_jobs::{FailJob, PanicJob, RecordRun, ensure_runs_table};

// ---------------------------------------------------------------------------------------------
// Harness

/// Keeps the worker's files (development secret, media) in a temporary directory: a test never
/// writes into the source tree.
fn outside_the_tree() -> [(&'static str, String); 2] {
    let dir = std::env::temp_dir().join(format!("igny8-worker-test-{}", std::process::id()));
    [
        ("IGNY8_DATA_DIR", dir.display().to_string()),
        (
            "IGNY8_SECRET_KEY",
            "worker-tests-secret-key-0123456789abcdef".to_owned(),
        ),
    ]
}

/// A running `worker` process whose log lines (stderr) are collected.
struct WorkerProcess {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl WorkerProcess {
    /// Starts the binary on `db` with fast test timings, overridden by `env`.
    fn start(db: &TestDb, env: &[(&str, &str)]) -> Self {
        Self::start_on(db.url(), env)
    }

    /// Starts the binary on the database at `url`.
    fn start_on(url: &str, env: &[(&str, &str)]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_worker"));
        cmd.env("IGNY8_DATABASE_URL", url)
            .envs(outside_the_tree())
            .env("IGNY8_WORKER_CONCURRENCY", "2")
            .env("IGNY8_JOB_STALE_SECS", "60")
            .env("IGNY8_WORKER_POLL_MS", "50")
            .env("IGNY8_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn worker");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = lines.clone();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Self { child, lines }
    }

    /// Starts the binary and waits until it reports `worker started`.
    fn start_ready(db: &TestDb, env: &[(&str, &str)]) -> Self {
        let w = Self::start(db, env);
        w.wait_for_log("worker started");
        w
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn log(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    fn wait_for_log(&self, needle: &str) {
        let found = wait_until(Duration::from_secs(15), || {
            self.lines
                .lock()
                .unwrap()
                .iter()
                .any(|l| l.contains(needle))
        });
        assert!(
            found,
            "worker never logged {needle:?}; log:\n{}",
            self.log()
        );
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} failed");
    }

    fn kill9(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "worker did not exit within {within:?}; log:\n{}",
                self.log()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `cond` every 25 ms until it holds (true) or `within` passes (false).
fn wait_until(within: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if cond() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(25));
    }
}

#[derive(QueryableByName, Debug)]
struct Run {
    #[diesel(sql_type = Integer)]
    pid: i32,
    #[diesel(sql_type = Timestamptz)]
    started_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    finished_at: Option<DateTime<Utc>>,
}

/// Runs recorded by test jobs under `key`, oldest first.
fn runs(conn: &mut PgConnection, key: &str) -> Vec<Run> {
    ensure_runs_table(conn).unwrap();
    diesel::sql_query(
        "SELECT pid, started_at, finished_at FROM worker_test_runs WHERE key = $1 ORDER BY id",
    )
    .bind::<Text, _>(key)
    .load(conn)
    .unwrap()
}

#[derive(QueryableByName, Debug, Clone)]
struct TaskRow {
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = Integer)]
    retries: i32,
    #[diesel(sql_type = Nullable<Text>)]
    error_message: Option<String>,
}

/// The queue row of the test job with `key`, if it still exists.
fn task(conn: &mut PgConnection, key: &str) -> Option<TaskRow> {
    let mut rows: Vec<TaskRow> =
        diesel::sql_query("SELECT state::text AS state, retries, error_message FROM fang_tasks WHERE metadata->>'key' = $1")
            .bind::<Text, _>(key)
            .load(conn)
            .unwrap();
    assert!(rows.len() <= 1, "more than one task for {key}: {rows:?}");
    rows.pop()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

const PURGE: &str = "tenancy.purge_expired_auth";

fn pending_purge_tasks(conn: &mut PgConnection) -> i64 {
    count(
        conn,
        &format!(
            "SELECT count(*) AS n FROM fang_tasks WHERE metadata->>'type' = '{PURGE}' AND state IN ('new', 'retried')"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Transactions, crashes, shutdown

#[test]
fn rolled_back_enqueue_never_runs_and_committed_runs_once() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let rolled_back = conn.transaction::<(), diesel::result::Error, _>(|c| {
        enqueue(c, &RecordRun::new("rolled-back", 0)).unwrap();
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    conn.transaction::<_, db::DbError, _>(|c| enqueue(c, &RecordRun::new("committed", 0)))
        .unwrap();
    assert!(
        task(&mut conn, "rolled-back").is_none(),
        "a rolled-back enqueue left a row"
    );
    assert_eq!(task(&mut conn, "committed").unwrap().state, "new");

    let w = WorkerProcess::start(&db, &[]);
    let done = wait_until(Duration::from_secs(15), || {
        task(&mut conn, "committed").is_none()
    });
    assert!(done, "committed job never completed; log:\n{}", w.log());

    let committed = runs(&mut conn, "committed");
    assert_eq!(committed.len(), 1, "{committed:?}");
    assert!(committed[0].finished_at.is_some());
    assert!(runs(&mut conn, "rolled-back").is_empty());
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM fang_tasks WHERE task_type = 'default'"
        ),
        0
    );
}

#[test]
fn job_of_a_killed_worker_runs_again_after_the_stale_timeout() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let stale = [("IGNY8_JOB_STALE_SECS", "1")];
    let mut a = WorkerProcess::start_ready(&db, &stale);
    enqueue(&mut conn, &RecordRun::new("killed", 2500)).unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || runs(&mut conn, "killed").len()
            == 1),
        "log:\n{}",
        a.log()
    );
    a.kill9();
    assert_eq!(
        task(&mut conn, "killed").unwrap().state,
        "in_progress",
        "fang leaves the task of a dead worker in_progress"
    );

    let b = WorkerProcess::start(&db, &stale);
    // The reaper puts it back (retries + 1, orphaned message) and b runs it.
    let reaped = wait_until(Duration::from_secs(10), || {
        task(&mut conn, "killed")
            .is_some_and(|t| t.retries == 1 && t.error_message.as_deref() == Some(ORPHANED))
    });
    assert!(
        reaped,
        "orphan was not reaped; task: {:?}; log:\n{}",
        task(&mut conn, "killed"),
        b.log()
    );
    let done = wait_until(Duration::from_secs(10), || {
        task(&mut conn, "killed").is_none()
    });
    assert!(done, "re-run never completed; log:\n{}", b.log());

    let r = runs(&mut conn, "killed");
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        (r[0].pid as u32, r[0].finished_at.is_none()),
        (a.pid(), true),
        "first run died with a"
    );
    assert_eq!(
        (r[1].pid as u32, r[1].finished_at.is_some()),
        (b.pid(), true),
        "second run completed in b"
    );
}

#[test]
fn heartbeat_keeps_a_job_longer_than_the_stale_timeout_from_being_reaped() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let stale = [("IGNY8_JOB_STALE_SECS", "1")];
    // Two live workers: whichever does not run the job reaps every 250 ms.
    let a = WorkerProcess::start_ready(&db, &stale);
    let b = WorkerProcess::start_ready(&db, &stale);
    enqueue(&mut conn, &RecordRun::new("long", 3000)).unwrap();
    let done = wait_until(Duration::from_secs(15), || {
        task(&mut conn, "long").is_none()
    });
    assert!(done, "log a:\n{}\nlog b:\n{}", a.log(), b.log());
    let r = runs(&mut conn, "long");
    assert_eq!(r.len(), 1, "a live job was reaped and run twice: {r:?}");
}

#[test]
fn sigterm_lets_the_running_job_finish_then_exits_zero() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let mut w = WorkerProcess::start_ready(&db, &[]);
    enqueue(&mut conn, &RecordRun::new("in-flight", 1500)).unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || runs(&mut conn, "in-flight")
            .len()
            == 1),
        "log:\n{}",
        w.log()
    );

    w.signal("TERM");
    w.wait_for_log("stop requested");
    // An idle thread would take this at once; a stopping worker must not.
    enqueue(&mut conn, &RecordRun::new("after-stop", 0)).unwrap();
    let status = w.wait_exit(Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "log:\n{}", w.log());

    let r = runs(&mut conn, "in-flight");
    assert_eq!(r.len(), 1);
    assert!(r[0].finished_at.is_some(), "the in-flight job was cut off");
    assert!(
        task(&mut conn, "in-flight").is_none(),
        "the finished job was not removed"
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM fang_tasks WHERE state = 'in_progress'"
        ),
        0
    );
    assert!(
        runs(&mut conn, "after-stop").is_empty(),
        "a job was fetched after the stop request"
    );
    assert_eq!(task(&mut conn, "after-stop").unwrap().state, "new");
}

#[test]
fn second_signal_exits_at_once() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let mut w = WorkerProcess::start_ready(&db, &[]);
    enqueue(&mut conn, &RecordRun::new("stuck", 30_000)).unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || runs(&mut conn, "stuck").len()
            == 1),
        "log:\n{}",
        w.log()
    );
    w.signal("TERM");
    w.wait_for_log("stop requested");
    w.signal("INT");
    let status = w.wait_exit(Duration::from_secs(3));
    assert_eq!(status.code(), Some(130), "log:\n{}", w.log());
    assert!(runs(&mut conn, "stuck")[0].finished_at.is_none());
}

#[test]
fn missing_database_url_fails_with_one_sentence() {
    let out = Command::new(env!("CARGO_BIN_EXE_worker"))
        .env_remove("IGNY8_DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("IGNY8_DATABASE_URL is not set") && stderr.contains("make run"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// Panics, errors, unknown jobs

#[test]
fn panicking_job_is_retried_then_kept_as_failed() {
    let db = TestDb::new();
    let mut conn = db.conn();
    // One thread per type: the thread that caught the panics must still be serving.
    let w = WorkerProcess::start(&db, &[("IGNY8_WORKER_CONCURRENCY", "1")]);
    enqueue(&mut conn, &PanicJob { key: "boom".into() }).unwrap();
    let failed = wait_until(Duration::from_secs(15), || {
        task(&mut conn, "boom").is_some_and(|t| t.state == "failed")
    });
    assert!(
        failed,
        "task: {:?}; log:\n{}",
        task(&mut conn, "boom"),
        w.log()
    );

    let t = task(&mut conn, "boom").unwrap();
    assert_eq!(t.retries, 2, "max_retries is 2");
    assert_eq!(
        t.error_message.as_deref(),
        Some("panicked: test panic for boom")
    );
    assert_eq!(runs(&mut conn, "boom").len(), 3, "one run plus two retries");

    enqueue(&mut conn, &RecordRun::new("after-panic", 0)).unwrap();
    let done = wait_until(Duration::from_secs(10), || {
        task(&mut conn, "after-panic").is_none()
    });
    assert!(
        done,
        "the worker thread did not survive the panics; log:\n{}",
        w.log()
    );
}

#[test]
fn failing_job_backs_off_then_is_kept_as_failed() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let w = WorkerProcess::start(&db, &[]);
    enqueue(&mut conn, &FailJob { key: "nope".into() }).unwrap();
    let failed = wait_until(Duration::from_secs(15), || {
        task(&mut conn, "nope").is_some_and(|t| t.state == "failed")
    });
    assert!(
        failed,
        "task: {:?}; log:\n{}",
        task(&mut conn, "nope"),
        w.log()
    );

    let t = task(&mut conn, "nope").unwrap();
    assert_eq!(t.retries, 1);
    assert_eq!(t.error_message.as_deref(), Some("test failure for nope"));
    let r = runs(&mut conn, "nope");
    assert_eq!(r.len(), 2, "{r:?}");
    let gap = r[1].started_at - r[0].started_at;
    assert!(
        gap >= ChronoDuration::milliseconds(900),
        "the 1 s backoff was not honoured: {gap}"
    );
}

#[test]
fn a_closed_log_pipe_does_not_kill_the_worker() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let mut child = Command::new(env!("CARGO_BIN_EXE_worker"))
        .env("IGNY8_DATABASE_URL", db.url())
        .envs(outside_the_tree())
        .env("IGNY8_WORKER_POLL_MS", "50")
        .env("IGNY8_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("worker started") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "worker exited before starting"
        );
    }
    drop(stderr); // the log collector went away: every later log write fails with EPIPE
    // A panic logs from the panic hook; failing to write there must not abort the process.
    enqueue(
        &mut conn,
        &PanicJob {
            key: "no-log".into(),
        },
    )
    .unwrap();
    let failed = wait_until(Duration::from_secs(10), || {
        task(&mut conn, "no-log").is_some_and(|t| t.state == "failed")
    });
    assert!(failed, "task: {:?}", task(&mut conn, "no-log"));
    assert!(child.try_wait().unwrap().is_none(), "the worker died");
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let exited = wait_until(Duration::from_secs(10), || {
        child.try_wait().unwrap().is_some()
    });
    if !exited {
        let _ = child.kill();
    }
    assert!(exited);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn unknown_job_type_ends_failed_not_stuck() {
    let db = TestDb::new();
    let mut conn = db.conn();
    diesel::sql_query("INSERT INTO fang_tasks (metadata, task_type) VALUES ('{\"type\": \"no.such.job\", \"key\": \"ghost\"}', 'default')")
        .execute(&mut conn)
        .unwrap();
    let w = WorkerProcess::start(&db, &[]);
    let failed = wait_until(Duration::from_secs(10), || {
        task(&mut conn, "ghost").is_some_and(|t| t.state == "failed")
    });
    assert!(
        failed,
        "task: {:?}; log:\n{}",
        task(&mut conn, "ghost"),
        w.log()
    );
    let msg = task(&mut conn, "ghost").unwrap().error_message.unwrap();
    assert!(msg.starts_with("unknown job type `no.such.job`"), "{msg}");

    // The thread that met it keeps working.
    enqueue(&mut conn, &RecordRun::new("after-ghost", 0)).unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || task(&mut conn, "after-ghost")
            .is_none()),
        "log:\n{}",
        w.log()
    );
}

// ---------------------------------------------------------------------------------------------
// Cron

#[test]
fn cron_job_is_scheduled_once_when_two_workers_start_together() {
    let db = TestDb::new();
    let mut conn = db.conn();
    assert_eq!(pending_purge_tasks(&mut conn), 0);
    let a = WorkerProcess::start(&db, &[]);
    let b = WorkerProcess::start(&db, &[]);
    a.wait_for_log("worker started");
    b.wait_for_log("worker started");
    // Both scheduled it before reporting started; the partial unique index keeps one.
    // (At a five-minute boundary the task may be running, so allow a moment to re-appear.)
    let mut most = 0;
    let one = wait_until(Duration::from_secs(5), || {
        let n = pending_purge_tasks(&mut conn);
        most = most.max(n);
        n == 1
    });
    assert!(one && most == 1, "pending purge tasks peaked at {most}");
    let future = count(
        &mut conn,
        &format!(
            "SELECT count(*) AS n FROM fang_tasks WHERE metadata->>'type' = '{PURGE}' AND scheduled_at > now()"
        ),
    );
    assert_eq!(future, 1, "the cron task waits for its next occurrence");
}

#[test]
fn purge_job_runs_in_the_worker_and_schedules_its_next_occurrence() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let t = TenantFixture::create(&mut conn, "cronpurge");
    diesel::sql_query(
        "INSERT INTO password_reset_tokens (account_id, user_id, token_hash, expires_at) VALUES ($1, $2, 'expired-hash', now() - interval '1 hour')",
    )
    .bind::<BigInt, _>(t.account_id.get())
    .bind::<BigInt, _>(t.owner_id.get())
    .execute(&mut conn)
    .unwrap();
    // Due now (a plain enqueue), so the worker runs it at once instead of at the next :x5.
    enqueue(&mut conn, &tenancy::jobs::PurgeExpiredAuth {}).unwrap();

    let w = WorkerProcess::start(&db, &[]);
    let purged = wait_until(Duration::from_secs(10), || {
        count(&mut conn, "SELECT count(*) AS n FROM password_reset_tokens") == 0
    });
    assert!(
        purged,
        "the purge job did not run in the worker; log:\n{}",
        w.log()
    );
    let next = wait_until(Duration::from_secs(5), || {
        count(
            &mut conn,
            &format!(
                "SELECT count(*) AS n FROM fang_tasks WHERE metadata->>'type' = '{PURGE}' AND state = 'new' AND scheduled_at > now()"
            ),
        ) == 1
    });
    assert!(next, "no next occurrence; log:\n{}", w.log());
    assert_eq!(
        count(
            &mut conn,
            &format!("SELECT count(*) AS n FROM fang_tasks WHERE metadata->>'type' = '{PURGE}'")
        ),
        1
    );
}

#[test]
fn purge_expired_auth_removes_expired_reset_tokens_and_old_revoked_sessions() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let t = TenantFixture::create(&mut conn, "purge");
    let (account, user) = (t.account_id.get(), t.owner_id.get());
    let insert_token = |conn: &mut PgConnection, hash: &str, expires: &str, used: &str| {
        diesel::sql_query(format!(
            "INSERT INTO password_reset_tokens (account_id, user_id, token_hash, expires_at, used_at) VALUES ($1, $2, $3, {expires}, {used})"
        ))
        .bind::<BigInt, _>(account)
        .bind::<BigInt, _>(user)
        .bind::<Text, _>(hash)
        .execute(conn)
        .unwrap();
    };
    insert_token(&mut conn, "expired", "now() - interval '1 minute'", "NULL");
    insert_token(
        &mut conn,
        "used-long-ago",
        "now() + interval '1 hour'",
        "now() - interval '2 days'",
    );
    insert_token(
        &mut conn,
        "used-recently",
        "now() + interval '1 hour'",
        "now() - interval '1 hour'",
    );
    insert_token(&mut conn, "valid", "now() + interval '1 hour'", "NULL");
    let insert_session = |conn: &mut PgConnection, agent: &str, expires: &str, revoked: &str| {
        diesel::sql_query(format!(
            "INSERT INTO auth_sessions (account_id, user_id, current_jti, expires_at, revoked_at, user_agent)
             VALUES ($1, $2, gen_random_uuid(), {expires}, {revoked}, $3)"
        ))
        .bind::<BigInt, _>(account)
        .bind::<BigInt, _>(user)
        .bind::<Text, _>(agent)
        .execute(conn)
        .unwrap();
    };
    insert_session(&mut conn, "expired", "now() - interval '1 minute'", "NULL");
    insert_session(
        &mut conn,
        "revoked-long-ago",
        "now() + interval '1 day'",
        "now() - interval '2 days'",
    );
    insert_session(
        &mut conn,
        "revoked-recently",
        "now() + interval '1 day'",
        "now() - interval '1 hour'",
    );
    insert_session(&mut conn, "active", "now() + interval '1 day'", "NULL");
    let sessions_before = count(&mut conn, "SELECT count(*) AS n FROM auth_sessions");

    let report = tenancy::jobs::purge_expired_auth(&mut conn, Utc::now()).unwrap();
    assert_eq!(report.reset_tokens, 2);
    assert_eq!(report.sessions, 2);

    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }
    let names = |conn: &mut PgConnection, sql: &str| -> Vec<String> {
        diesel::sql_query(sql)
            .load::<Name>(conn)
            .unwrap()
            .into_iter()
            .map(|n| n.name)
            .collect()
    };
    assert_eq!(
        names(
            &mut conn,
            "SELECT token_hash AS name FROM password_reset_tokens ORDER BY token_hash"
        ),
        ["used-recently", "valid"]
    );
    let agents = names(
        &mut conn,
        "SELECT user_agent AS name FROM auth_sessions ORDER BY user_agent",
    );
    assert!(
        agents.contains(&"revoked-recently".to_owned()) && agents.contains(&"active".to_owned()),
        "{agents:?}"
    );
    assert!(
        !agents.contains(&"expired".to_owned()) && !agents.contains(&"revoked-long-ago".to_owned()),
        "{agents:?}"
    );
    assert_eq!(
        count(&mut conn, "SELECT count(*) AS n FROM auth_sessions"),
        sessions_before - 2
    );
}

// ---------------------------------------------------------------------------------------------
// Latency

#[test]
fn idle_worker_picks_up_a_new_job_within_a_second() {
    let db = TestDb::new();
    let mut conn = db.conn();
    ensure_runs_table(&mut conn).unwrap();
    // The production default poll interval, not the fast test one.
    let w = WorkerProcess::start_ready(&db, &[("IGNY8_WORKER_POLL_MS", "250")]);
    for i in 0..3 {
        // Let every thread go idle (a fetch found nothing and it sleeps).
        thread::sleep(Duration::from_millis(300));
        let key = format!("latency-{i}");
        let before = Utc::now();
        enqueue(&mut conn, &RecordRun::new(&key, 0)).unwrap();
        assert!(
            wait_until(Duration::from_secs(5), || runs(&mut conn, &key).len() == 1),
            "log:\n{}",
            w.log()
        );
        let latency = runs(&mut conn, &key)[0].started_at - before;
        assert!(
            latency < ChronoDuration::milliseconds(1500),
            "job {i} started {latency} after it was enqueued"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Reaper and queue statistics at the database level

fn insert_task(
    conn: &mut PgConnection,
    metadata: &str,
    task_type: &str,
    state: &str,
    retries: i32,
    age_secs: i64,
    scheduled_in_secs: i64,
) -> uuid::Uuid {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: uuid::Uuid,
    }
    diesel::sql_query(
        "INSERT INTO fang_tasks (metadata, task_type, state, retries, scheduled_at, created_at, updated_at)
         VALUES ($1::jsonb, $2, $3::fang_task_state, $4,
                 now() + make_interval(secs => $6), now() - make_interval(secs => $5 + 60), now() - make_interval(secs => $5))
         RETURNING id",
    )
    .bind::<Text, _>(metadata)
    .bind::<Text, _>(task_type)
    .bind::<Text, _>(state)
    .bind::<Integer, _>(retries)
    .bind::<diesel::sql_types::Double, _>(age_secs as f64)
    .bind::<diesel::sql_types::Double, _>(scheduled_in_secs as f64)
    .get_result::<Id>(conn)
    .unwrap()
    .id
}

fn task_by_id(conn: &mut PgConnection, id: uuid::Uuid) -> TaskRow {
    diesel::sql_query(
        "SELECT state::text AS state, retries, error_message FROM fang_tasks WHERE id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .get_result(conn)
    .unwrap()
}

#[test]
fn concurrent_reapers_reap_each_orphan_once() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let orphans: Vec<_> = (0..150)
        .map(|i| {
            insert_task(
                &mut conn,
                &format!(r#"{{"type":"worker.test.record","key":"o{i}","sleep_ms":0}}"#),
                "default",
                "in_progress",
                0,
                3600,
                0,
            )
        })
        .collect();
    let exhausted = insert_task(
        &mut conn,
        r#"{"type":"worker.test.record","key":"x","sleep_ms":0}"#,
        "default",
        "in_progress",
        3,
        3600,
        0,
    );
    let unknown = insert_task(
        &mut conn,
        r#"{"type":"no.such.job"}"#,
        "default",
        "in_progress",
        0,
        3600,
        0,
    );
    let fresh = insert_task(
        &mut conn,
        r#"{"type":"worker.test.record","key":"f","sleep_ms":0}"#,
        "default",
        "in_progress",
        0,
        1,
        0,
    );
    let mine = insert_task(
        &mut conn,
        r#"{"type":"worker.test.record","key":"m","sleep_ms":0}"#,
        "default",
        "in_progress",
        0,
        3600,
        0,
    );

    let reports: Vec<_> = (0..4)
        .map(|_| {
            let pool = db.pool();
            thread::spawn(move || {
                reap_stale(&mut pool.get().unwrap(), Duration::from_secs(60), &[mine]).unwrap()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();

    let retried: Vec<_> = reports.iter().flat_map(|r| r.retried.clone()).collect();
    let failed: Vec<_> = reports.iter().flat_map(|r| r.failed.clone()).collect();
    assert_eq!(
        retried.len(),
        orphans.len(),
        "each orphan reaped exactly once"
    );
    let unique: std::collections::HashSet<_> = retried.iter().collect();
    assert_eq!(unique.len(), orphans.len());
    assert_eq!(failed.len(), 2);
    for id in &orphans {
        let t = task_by_id(&mut conn, *id);
        assert_eq!(
            (t.state.as_str(), t.retries, t.error_message.as_deref()),
            ("retried", 1, Some(ORPHANED))
        );
    }
    let t = task_by_id(&mut conn, exhausted);
    assert_eq!((t.state.as_str(), t.retries), ("failed", 3));
    assert_eq!(
        t.error_message.as_deref(),
        Some("orphaned: worker died mid-run; no retries left")
    );
    let t = task_by_id(&mut conn, unknown);
    assert_eq!(t.state, "failed");
    assert!(
        t.error_message
            .unwrap()
            .contains("unknown job type `no.such.job`")
    );
    assert_eq!(
        task_by_id(&mut conn, fresh).state,
        "in_progress",
        "a task with a recent heartbeat is alive"
    );
    assert_eq!(
        task_by_id(&mut conn, mine).state,
        "in_progress",
        "this process's own tasks are never reaped"
    );
}

#[test]
fn queue_stats_and_failed_tasks_count_by_type_and_state() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let empty = queue_stats(&mut conn).unwrap();
    assert!(empty.task_types.is_empty(), "{empty:?}");

    let rec = r#"{"type":"worker.test.record","key":"s","sleep_ms":0}"#;
    insert_task(&mut conn, rec, "default", "new", 0, 0, 30);
    insert_task(&mut conn, rec, "default", "new", 0, 0, -20);
    insert_task(&mut conn, rec, "default", "retried", 1, 0, -40);
    insert_task(&mut conn, rec, "default", "in_progress", 0, 0, -100);
    let f1 = insert_task(
        &mut conn,
        r#"{"type":"worker.test.fail","key":"f1"}"#,
        "default",
        "failed",
        1,
        300,
        -500,
    );
    let f2 = insert_task(
        &mut conn,
        r#"{"type":"worker.test.fail","key":"f2"}"#,
        "default",
        "failed",
        1,
        200,
        -500,
    );
    let f3 = insert_task(
        &mut conn,
        r#"{"no":"type"}"#,
        "maintenance",
        "failed",
        0,
        100,
        -500,
    );
    insert_task(&mut conn, rec, "maintenance", "new", 0, 0, 600);
    insert_task(&mut conn, rec, "ai", "finished", 0, 0, -10);
    diesel::sql_query("UPDATE fang_tasks SET error_message = 'boom ' || (metadata->>'key') WHERE state = 'failed'").execute(&mut conn).unwrap();

    let stats = queue_stats(&mut conn).unwrap();
    let by_type: Vec<_> = stats
        .task_types
        .iter()
        .map(|s| {
            (
                s.task_type.as_str(),
                s.new,
                s.retried,
                s.in_progress,
                s.failed,
            )
        })
        .collect();
    assert_eq!(
        by_type,
        [("default", 2, 1, 1, 2), ("maintenance", 1, 0, 0, 1)],
        "finished tasks are not counted"
    );
    let oldest = stats.task_types[0].oldest_pending_scheduled_at.unwrap();
    let expected = Utc::now() - ChronoDuration::seconds(40);
    assert!(
        (oldest - expected).num_seconds().abs() <= 5,
        "oldest pending is the retried task: {oldest}"
    );
    let maint = stats.task_types[1].oldest_pending_scheduled_at.unwrap();
    assert!(
        maint > Utc::now() + ChronoDuration::seconds(500),
        "a future task counts as pending: {maint}"
    );
    let json = serde_json::to_value(&stats).unwrap();
    assert_eq!(json["task_types"][0]["task_type"], "default");
    assert_eq!(json["task_types"][0]["in_progress"], 1);

    let (page, total) = failed_tasks(&mut conn, 2, 0).unwrap();
    assert_eq!(total, 3);
    assert_eq!(
        page.iter().map(|t| t.id).collect::<Vec<_>>(),
        [f3, f2],
        "most recently failed first"
    );
    assert_eq!(page[0].job, None);
    assert_eq!(page[0].task_type, "maintenance");
    assert_eq!(page[1].job.as_deref(), Some("worker.test.fail"));
    assert_eq!(page[1].error_message.as_deref(), Some("boom f2"));
    assert_eq!(page[1].retries, 1);
    assert!(page[1].created_at < page[1].updated_at);
    let (rest, total) = failed_tasks(&mut conn, 2, 2).unwrap();
    assert_eq!(total, 3);
    assert_eq!(rest.iter().map(|t| t.id).collect::<Vec<_>>(), [f1]);
    assert!(failed_tasks(&mut conn, 2, 10).unwrap().0.is_empty());
}

#[test]
fn the_worker_resumes_by_itself_after_a_database_restart() {
    let cluster = test_support::pg_cluster::PgCluster::start();
    let url = cluster.url();
    {
        let mut conn = PgConnection::establish(&url).unwrap();
        test_support::migrate_and_seed(&mut conn);
        ensure_runs_table(&mut conn).unwrap();
        enqueue(&mut conn, &RecordRun::new("before-restart", 0)).unwrap();
    }
    let w = WorkerProcess::start_on(&url, &[]);
    let connect = || PgConnection::establish(&url).unwrap();
    assert!(
        wait_until(Duration::from_secs(15), || runs(
            &mut connect(),
            "before-restart"
        )
        .iter()
        .any(|r| r.finished_at.is_some())),
        "the first job never ran; log:\n{}",
        w.log()
    );
    // Every pooled connection of the worker dies with the server.
    cluster.restart();
    enqueue(&mut connect(), &RecordRun::new("after-restart", 0)).unwrap();
    assert!(
        wait_until(Duration::from_secs(15), || runs(
            &mut connect(),
            "after-restart"
        )
        .iter()
        .any(|r| r.finished_at.is_some())),
        "the worker did not resume after the restart; log:\n{}",
        w.log()
    );
    assert!(
        task(&mut connect(), "after-restart").is_none(),
        "the job row is gone once done"
    );
}

// ---------------------------------------------------------------------------------------------
// The hot path: one statement to claim a task, one to complete it, batches to enqueue

#[test]
fn fetch_claims_the_oldest_due_task_once_skipping_locked_and_future_ones() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let meta = r#"{"type":"db.noop"}"#;
    let newer = insert_task(&mut conn, meta, "default", "new", 0, 10, -1);
    let oldest = insert_task(&mut conn, meta, "default", "retried", 1, 100, -1);
    let middle = insert_task(&mut conn, meta, "default", "new", 0, 50, -1);
    insert_task(&mut conn, meta, "default", "new", 0, 500, 3600); // not due
    insert_task(&mut conn, meta, "default", "in_progress", 0, 400, -1); // taken
    insert_task(&mut conn, meta, "default", "failed", 3, 300, -1); // done for
    insert_task(&mut conn, meta, "mail", "new", 0, 900, -1); // another type

    let first = db::jobs::fetch(&mut conn, "default").unwrap().unwrap();
    assert_eq!(first.id, oldest);
    assert_eq!(first.state, db::jobs::fang::FangTaskState::InProgress);
    assert_eq!(first.retries, 1);
    assert_eq!(task_by_id(&mut conn, oldest).state, "in_progress");

    // A task another worker holds locked is skipped, not waited for.
    let mut other = PgConnection::establish(db.url()).unwrap();
    other
        .transaction::<_, diesel::result::Error, _>(|o| {
            diesel::sql_query("SELECT id FROM fang_tasks WHERE id = $1 FOR UPDATE")
                .bind::<diesel::sql_types::Uuid, _>(middle)
                .execute(o)?;
            let next = db::jobs::fetch(&mut conn, "default").unwrap().unwrap();
            assert_eq!(next.id, newer, "the locked task is skipped");
            assert_eq!(db::jobs::fetch(&mut conn, "default").unwrap(), None);
            Ok(())
        })
        .unwrap();
    assert_eq!(
        db::jobs::fetch(&mut conn, "default").unwrap().unwrap().id,
        middle
    );
    assert_eq!(db::jobs::fetch(&mut conn, "default").unwrap(), None);

    // Completing removes the row and counts the success, once per call, in the calling
    // thread's counter shard; readers see the sum.
    db::jobs::complete(&mut conn, oldest, "db.noop", 0).unwrap();
    db::jobs::complete(&mut conn, newer, "db.noop", 1).unwrap();
    db::jobs::complete(&mut conn, newer, "db.noop", 1).unwrap(); // already gone: not counted
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM job_outcomes WHERE job = 'db.noop' AND outcome = 'succeeded'"
        ),
        2,
        "one counter row per shard"
    );
    let noop: Vec<_> = db::jobs::job_outcomes(&mut conn)
        .unwrap()
        .into_iter()
        .filter(|c| c.job == "db.noop")
        .collect();
    assert_eq!(
        noop,
        vec![db::jobs::JobOutcomeCount {
            job: "db.noop".into(),
            outcome: "succeeded".into(),
            count: 2
        }]
    );
    assert_eq!(
        count(
            &mut conn,
            &format!("SELECT count(*) AS n FROM fang_tasks WHERE id IN ('{oldest}', '{newer}')")
        ),
        0
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT coalesce(sum(count), 0)::bigint AS n FROM job_outcomes WHERE job = 'db.noop' AND outcome = 'succeeded'"
        ),
        2
    );
}

#[derive(QueryableByName)]
struct OutcomeRow {
    #[diesel(sql_type = Text)]
    job: String,
    #[diesel(sql_type = diesel::sql_types::SmallInt)]
    shard: i16,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

fn successes(conn: &mut PgConnection) -> Vec<(String, i16, i64)> {
    diesel::sql_query(
        "SELECT job, shard, count FROM job_outcomes WHERE outcome = 'succeeded' ORDER BY job, shard",
    )
    .load::<OutcomeRow>(conn)
    .unwrap()
    .into_iter()
    .map(|r| (r.job, r.shard, r.count))
    .collect()
}

fn ids(tasks: &[db::jobs::fang::Task]) -> Vec<uuid::Uuid> {
    tasks.iter().map(|t| t.id).collect()
}

#[test]
fn a_claim_takes_the_oldest_due_tasks_at_once_and_records_successes_per_job() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let meta = r#"{"type":"db.noop"}"#;
    let t: Vec<uuid::Uuid> = (0..5)
        .map(|i| insert_task(&mut conn, meta, "default", "new", 0, 100 - i * 10, -1))
        .collect();
    let retried = insert_task(&mut conn, meta, "default", "retried", 2, 5, -1);
    insert_task(&mut conn, meta, "default", "new", 0, 500, 3600); // not due
    insert_task(&mut conn, meta, "mail", "new", 0, 900, -1); // another type

    let first = db::jobs::complete_and_claim(&mut conn, &[], "default", 0, 3).unwrap();
    assert_eq!(
        ids(&first),
        t[..3].to_vec(),
        "the three oldest, oldest first"
    );
    for id in &t[..3] {
        assert_eq!(task_by_id(&mut conn, *id).state, "in_progress");
    }

    // The successes are recorded by the next claim: deleted, and counted per job name (a name
    // with a quote included) in the caller's shard.
    let done = [(t[0], "job.a"), (t[1], "job.a"), (t[2], "job.'b")];
    let next = db::jobs::complete_and_claim(&mut conn, &done, "default", 1, 16).unwrap();
    assert_eq!(
        ids(&next),
        vec![t[3], t[4], retried],
        "what is due, up to the limit"
    );
    assert_eq!(next[2].retries, 2);
    assert_eq!(
        count(
            &mut conn,
            &format!(
                "SELECT count(*) AS n FROM fang_tasks WHERE id IN ('{}', '{}', '{}')",
                t[0], t[1], t[2]
            )
        ),
        0
    );
    let counted = vec![("job.'b".to_owned(), 1, 1), ("job.a".to_owned(), 1, 2)];
    assert_eq!(successes(&mut conn), counted);

    // Sent again (after a lost answer), the completion counts nothing twice; nothing is due.
    let again = db::jobs::complete_and_claim(&mut conn, &done, "default", 1, 16).unwrap();
    assert!(again.is_empty());
    assert_eq!(successes(&mut conn), counted);

    // Claimed tasks that did not start go back as they were: new, or retried.
    assert_eq!(db::jobs::release(&mut conn, &[t[3], retried]).unwrap(), 2);
    assert_eq!(task_by_id(&mut conn, t[3]).state, "new");
    assert_eq!(task_by_id(&mut conn, retried).state, "retried");
    assert_eq!(task_by_id(&mut conn, t[4]).state, "in_progress");
    assert_eq!(
        db::jobs::release(&mut conn, &[t[3]]).unwrap(),
        0,
        "only a claimed task goes back"
    );
    let back = db::jobs::complete_and_claim(&mut conn, &[], "default", 0, 16).unwrap();
    assert_eq!(ids(&back), vec![t[3], retried]);

    // A stopping thread completes what it ran without claiming.
    db::jobs::complete_many(&mut conn, &[(t[3], "job.a"), (retried, "job.c")], 0).unwrap();
    assert_eq!(
        successes(&mut conn),
        vec![
            ("job.'b".to_owned(), 1, 1),
            ("job.a".to_owned(), 0, 1),
            ("job.a".to_owned(), 1, 2),
            ("job.c".to_owned(), 0, 1)
        ]
    );
}

#[test]
fn claimed_tasks_no_thread_takes_go_back_to_the_queue() {
    use worker::housekeeping::InFlight;
    use worker::runner::{CLAIM_IDLE, Claimed, release_idle};
    let db = TestDb::new();
    let mut conn = db.conn();
    let meta = r#"{"type":"db.noop"}"#;
    let t: Vec<uuid::Uuid> = (0..4)
        .map(|i| insert_task(&mut conn, meta, "default", "new", 0, 100 - i * 10, -1))
        .collect();
    let pool = db::build_pool(db.url(), &db::PoolOptions::default()).unwrap();
    let in_flight = InFlight::default();
    let claimed = Claimed::default();
    let mut tasks = db::jobs::complete_and_claim(&mut conn, &[], "default", 0, 4).unwrap();
    for task in &tasks {
        in_flight.insert(task.id);
    }
    let running = tasks.remove(0);
    claimed.extend(tasks);
    let busy = std::slice::from_ref(&claimed);

    // Just claimed: they stay.
    assert_eq!(release_idle(&pool, busy, &in_flight), 0);
    // A thread took one a moment ago: the rest stay.
    thread::sleep(CLAIM_IDLE + Duration::from_millis(20));
    assert_eq!(claimed.pop().unwrap().id, t[1]);
    assert_eq!(release_idle(&pool, busy, &in_flight), 0);
    assert_eq!(claimed.len(), 2);
    // No thread took one for a while: every thread of the type is busy, so they go back.
    thread::sleep(CLAIM_IDLE + Duration::from_millis(20));
    assert_eq!(release_idle(&pool, busy, &in_flight), 2);
    assert!(claimed.is_empty());
    for id in &t[2..] {
        assert_eq!(task_by_id(&mut conn, *id).state, "new");
    }
    let mut left = in_flight.snapshot();
    left.sort();
    let mut expected = vec![running.id, t[1]];
    expected.sort();
    assert_eq!(left, expected, "the released tasks no longer run here");
    assert_eq!(task_by_id(&mut conn, running.id).state, "in_progress");
}

/// A pool on a port where no database listens: every checkout fails after 200 ms.
fn dead_pool() -> db::DbPool {
    db::build_pool(
        "postgres://postgres@127.0.0.1:1/nowhere",
        &db::PoolOptions {
            max_size: 1,
            connection_timeout: Duration::from_millis(200),
        },
    )
    .unwrap()
}

#[test]
fn claimed_tasks_that_cannot_go_back_stay_to_run_here() {
    use worker::housekeeping::InFlight;
    use worker::runner::{CLAIM_IDLE, Claimed, release_idle};
    let db = TestDb::new();
    let mut conn = db.conn();
    let meta = r#"{"type":"db.noop"}"#;
    for i in 0..3 {
        insert_task(&mut conn, meta, "default", "new", 0, 100 - i * 10, -1);
    }
    let in_flight = InFlight::default();
    let claimed = Claimed::default();
    let tasks = db::jobs::complete_and_claim(&mut conn, &[], "default", 0, 3).unwrap();
    for task in &tasks {
        in_flight.insert(task.id);
    }
    claimed.extend(tasks.clone());
    thread::sleep(CLAIM_IDLE + Duration::from_millis(20));
    // The database is out of reach: nothing goes back, the buffer keeps the tasks (for this
    // process's threads) and they still run here.
    assert_eq!(
        release_idle(&dead_pool(), std::slice::from_ref(&claimed), &in_flight),
        0
    );
    assert_eq!(claimed.len(), 3);
    assert_eq!(in_flight.len(), 3);
    assert_eq!(claimed.pop().unwrap().id, tasks[0].id, "oldest first still");
    for t in &tasks {
        assert_eq!(task_by_id(&mut conn, t.id).state, "in_progress");
    }
}

/// A loop that has been asked to stop: it runs nothing and hands back what its type claimed.
fn stopped_loop(
    db: &TestDb,
    pool: db::DbPool,
    claimed: worker::runner::Claimed,
    in_flight: worker::housekeeping::InFlight,
) {
    let queue_pool = db::build_queue_pool(db.url(), &db::PoolOptions::default()).unwrap();
    worker::runner::run_loop(&worker::runner::LoopContext {
        claimed,
        queue: db::jobs::fang::Queue::builder()
            .connection_pool(queue_pool)
            .build(),
        pool,
        task_type: "default".into(),
        shard: 0,
        poll_interval: Duration::from_millis(50),
        stop: Arc::new(std::sync::atomic::AtomicBool::new(true)),
        in_flight,
    });
}

#[test]
fn a_stopping_loop_puts_claimed_tasks_back_or_leaves_them_to_the_reaper() {
    use worker::housekeeping::InFlight;
    use worker::runner::Claimed;
    let db = TestDb::new();
    let mut conn = db.conn();
    let meta = r#"{"type":"db.noop"}"#;
    let t: Vec<uuid::Uuid> = (0..4)
        .map(|i| {
            insert_task(
                &mut conn,
                meta,
                "default",
                if i == 1 { "retried" } else { "new" },
                i32::from(i == 1),
                100 - i64::from(i) * 10,
                -1,
            )
        })
        .collect();

    // Database up: the claimed tasks go back as they were and no longer run here.
    let in_flight = InFlight::default();
    let claimed = Claimed::default();
    let tasks = db::jobs::complete_and_claim(&mut conn, &[], "default", 0, 2).unwrap();
    assert_eq!(ids(&tasks), t[..2].to_vec());
    for task in &tasks {
        in_flight.insert(task.id);
    }
    claimed.extend(tasks);
    let pool = db::build_pool(db.url(), &db::PoolOptions::default()).unwrap();
    stopped_loop(&db, pool, claimed.clone(), in_flight.clone());
    assert!(claimed.is_empty());
    assert!(in_flight.is_empty());
    assert_eq!(task_by_id(&mut conn, t[0]).state, "new");
    assert_eq!(task_by_id(&mut conn, t[1]).state, "retried");

    // Database gone: they stay `in_progress` for the reaper, and leave the heartbeat so the
    // reaper can take them.
    let tasks = db::jobs::complete_and_claim(&mut conn, &[], "default", 0, 2).unwrap();
    assert_eq!(ids(&tasks), t[..2].to_vec());
    for task in &tasks {
        in_flight.insert(task.id);
    }
    claimed.extend(tasks);
    stopped_loop(&db, dead_pool(), claimed.clone(), in_flight.clone());
    assert!(claimed.is_empty());
    assert!(
        in_flight.is_empty(),
        "no heartbeat keeps them from the reaper"
    );
    assert_eq!(task_by_id(&mut conn, t[0]).state, "in_progress");
    assert_eq!(task_by_id(&mut conn, t[1]).state, "in_progress");
}

/// The plans PostgreSQL picks for a claim of `limit` tasks, generic and custom.
fn fetch_plans(conn: &mut PgConnection, limit: usize) -> String {
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
        line: String,
    }
    diesel::sql_query("DEALLOCATE ALL").execute(conn).unwrap();
    diesel::sql_query(format!(
        "PREPARE bench_fetch(text) AS {}",
        db::jobs::claim_sql(limit)
    ))
    .execute(conn)
    .unwrap();
    let mut text = String::new();
    for mode in ["force_generic_plan", "force_custom_plan"] {
        diesel::sql_query(format!("SET plan_cache_mode = {mode}"))
            .execute(conn)
            .unwrap();
        let plan: Vec<Line> = diesel::sql_query("EXPLAIN EXECUTE bench_fetch('default')")
            .load(conn)
            .unwrap();
        text.push_str(&format!("-- {mode}\n"));
        for l in plan {
            text.push_str(&l.line);
            text.push('\n');
        }
    }
    text
}

#[test]
fn fetch_stays_index_driven_when_a_burst_lands_on_a_queue_analysed_empty() {
    let db = TestDb::new();
    let mut conn = db.conn();
    diesel::sql_query("ANALYZE fang_tasks")
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query(
        "INSERT INTO fang_tasks (metadata, task_type, created_at)
         SELECT '{\"type\":\"db.noop\"}', 'default', now() - g * interval '1 ms' FROM generate_series(1, 20000) g",
    )
    .execute(&mut conn)
    .unwrap();
    let mut all = Vec::new();
    for limit in [1, db::jobs::MAX_CLAIM] {
        all.push(fetch_plans(&mut conn, limit));
    }
    diesel::sql_query("ANALYZE fang_tasks")
        .execute(&mut conn)
        .unwrap();
    for limit in [1, db::jobs::MAX_CLAIM] {
        all.push(fetch_plans(&mut conn, limit));
    }
    for plans in &all {
        assert!(
            plans.contains("Index Scan using fang_tasks_fetch"),
            "{plans}"
        );
        assert!(
            !plans.contains("Sort"),
            "the fetch sorts the queue:\n{plans}"
        );
        assert!(!plans.contains("Seq Scan"), "{plans}");
    }
}

#[test]
fn only_unique_jobs_enter_the_hash_index_and_the_unique_lookup_uses_it() {
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let db = TestDb::new();
    let mut conn = db.conn();
    // 20,000 jobs without a hash, a few with one: the index holds the few
    diesel::sql_query(
        "INSERT INTO fang_tasks (metadata, task_type, uniq_hash)
         SELECT '{\"type\":\"db.noop\"}', 'default', CASE WHEN g <= 5 THEN 'h' || g END
         FROM generate_series(1, 20000) g",
    )
    .execute(&mut conn)
    .unwrap();
    diesel::sql_query("VACUUM ANALYZE fang_tasks")
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        count(
            &mut conn,
            "SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'fang_tasks_uniq_hash'"
        ),
        5
    );
    // fang's lookup binds the states as an array: even its generic plan reads the index
    diesel::sql_query(
        "PREPARE uniq_lookup(text, fang_task_state[]) AS \
         SELECT id FROM fang_tasks WHERE uniq_hash = $1 AND state = ANY($2) LIMIT 1",
    )
    .execute(&mut conn)
    .unwrap();
    diesel::sql_query("SET plan_cache_mode = force_generic_plan")
        .execute(&mut conn)
        .unwrap();
    let plan: Vec<Line> = diesel::sql_query("EXPLAIN EXECUTE uniq_lookup('h3', '{new,retried}')")
        .load(&mut conn)
        .unwrap();
    let plan: Vec<String> = plan.into_iter().map(|l| l.line).collect();
    let plan = plan.join("\n");
    assert!(plan.contains("fang_tasks_uniq_hash"), "{plan}");
    assert!(!plan.contains("Seq Scan"), "{plan}");
}

#[test]
fn enqueue_many_inserts_in_the_callers_transaction_and_keeps_unique_jobs_unique() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let jobs: Vec<RecordRun> = (0..3)
        .map(|i| RecordRun::new(&format!("batch-{i}"), 0))
        .collect();
    let purge = tenancy::jobs::PurgeExpiredAuth {};
    let mut batch: Vec<&dyn db::jobs::fang::Runnable> = jobs.iter().map(|j| j as _).collect();
    batch.push(&purge);
    batch.push(&purge);

    let rolled_back = conn.transaction::<(), diesel::result::Error, _>(|c| {
        assert_eq!(db::jobs::enqueue_many(c, &batch).unwrap().len(), 4);
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM fang_tasks"), 0);

    let ids = conn
        .transaction::<_, db::DbError, _>(|c| db::jobs::enqueue_many(c, &batch))
        .unwrap();
    assert_eq!(
        ids.len(),
        4,
        "the unique job twice in one batch is inserted once"
    );
    assert!(
        db::jobs::enqueue_many(&mut conn, &[&purge])
            .unwrap()
            .is_empty()
    );
    assert!(db::jobs::enqueue_many(&mut conn, &[]).unwrap().is_empty());
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM fang_tasks WHERE task_type = 'maintenance'"
        ),
        1
    );

    // The rows are what the worker runs, in the order they were given.
    let w = WorkerProcess::start(&db, &[("IGNY8_WORKER_CONCURRENCY", "1")]);
    let done = wait_until(Duration::from_secs(15), || {
        (0..3).all(|i| task(&mut conn, &format!("batch-{i}")).is_none())
    });
    assert!(done, "batch jobs never completed; log:\n{}", w.log());
    let started: Vec<DateTime<Utc>> = (0..3)
        .map(|i| {
            let r = runs(&mut conn, &format!("batch-{i}"));
            assert_eq!(r.len(), 1, "batch-{i} ran {} times", r.len());
            r[0].started_at
        })
        .collect();
    assert!(started.windows(2).all(|w| w[0] <= w[1]), "{started:?}");
}

#[test]
fn noop_jobs_drain_and_are_counted() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let noop = db::jobs::NoOp {};
    let batch: Vec<&dyn db::jobs::fang::Runnable> = (0..300).map(|_| &noop as _).collect();
    assert_eq!(
        db::jobs::enqueue_many(&mut conn, &batch).unwrap().len(),
        300
    );
    let w = WorkerProcess::start(&db, &[]);
    let done = wait_until(Duration::from_secs(20), || {
        count(
            &mut conn,
            "SELECT count(*) AS n FROM fang_tasks WHERE task_type = 'default'",
        ) == 0
    });
    assert!(done, "no-op jobs did not drain; log:\n{}", w.log());
    assert_eq!(
        count(
            &mut conn,
            "SELECT coalesce(sum(count), 0)::bigint AS n FROM job_outcomes WHERE job = 'db.noop' AND outcome = 'succeeded'"
        ),
        300
    );
}
