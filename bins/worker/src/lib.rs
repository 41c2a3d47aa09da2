//! The IGNY8 job worker: one group of threads per fang task type, each running our own loop on
//! fang's public API, plus a housekeeper that heartbeats running tasks, reaps orphaned ones and
//! keeps every cron job scheduled. See README.md for the failure modes it handles.

pub mod config;
pub mod housekeeping;
pub mod runner;
#[cfg(feature = "test-jobs")]
pub mod test_jobs;

pub use config::{Config, ConfigError, LogFormat};

use db::jobs::{JobContext, fang};
use db::{DbError, PoolOptions};
use diesel::{PgConnection, RunQueryDsl};
use fang::Runnable;
use housekeeping::InFlight;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The task types this worker serves, one thread group each. A domain crate that adds a task
/// type appends its constant here (e.g. `ai::jobs::AI_TASK_TYPE`).
pub const TASK_TYPES: &[&str] = &[
    tenancy::jobs::MAINTENANCE_TASK_TYPE,
    tenancy::jobs::MAIL_TASK_TYPE,
    db::jobs::DEFAULT_TASK_TYPE,
    automation::ai_functions::AI_TASK_TYPE,
    automation::pipeline::engine::AUTOMATION_TASK_TYPE,
    integration::publish::PUBLISH_TASK_TYPE,
];

/// Every periodic job. Each is scheduled at start and re-checked by the housekeeper, so a
/// broken chain (say a cron task that ended `failed`) heals itself.
pub fn cron_jobs() -> Vec<Box<dyn Runnable>> {
    vec![
        Box::new(tenancy::jobs::PurgeExpiredAuth {}),
        Box::new(tenancy::jobs::DeliverMail { now: false }),
        Box::new(billing::jobs::RenewSubscriptions {}),
        Box::new(automation::pipeline::scheduler::ScheduleRuns {}),
        Box::new(integration::scheduler::RunPublishingScheduler {}),
    ]
}

/// One job type per domain crate, named so the linker keeps each crate's typetag registrations
/// (typetag collects them with `inventory`; an unreferenced crate may be dropped at link time).
/// A domain crate with jobs adds one of its job types here.
pub fn linked_job_samples() -> Vec<Box<dyn Runnable>> {
    vec![
        Box::new(tenancy::jobs::PurgeExpiredAuth {}),
        Box::new(billing::jobs::RenewSubscriptions {}),
        Box::new(db::jobs::NoOp {}),
        Box::new(automation::ai_functions::RunAiTask {
            ai_task_id: kernel::AiTaskId(0),
            account_id: kernel::AccountId(0),
        }),
        Box::new(automation::pipeline::engine::RunStep {
            run_id: kernel::AutomationRunId(0),
            account_id: kernel::AccountId(0),
            seq: 0,
        }),
        Box::new(integration::publish::PublishContent {
            account_id: kernel::AccountId(0),
            content_id: kernel::ContentId(0),
            action: integration::publish::PublishAction::Publish,
            at: None,
            requested_at: chrono::DateTime::UNIX_EPOCH,
        }),
        #[cfg(feature = "test-jobs")]
        Box::new(test_jobs::RecordRun::new("link-check", 0)),
    ]
}

/// Why the worker could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The pool could not be built or no connection could be made.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// The embedded migrations failed.
    #[error("migrations failed: {0}")]
    Migrate(String),
    /// A query at start failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// A job type does not round-trip through its registered name, so queued rows of it would
    /// fail as unknown.
    #[error("job type is not registered with typetag: {0}")]
    Unregistered(String),
    /// The AI settings (`IGNY8_AI_*`) are unusable.
    #[error("AI settings: {0}")]
    Ai(String),
    /// The mail settings (`IGNY8_SMTP_URL`, `IGNY8_MAIL_FROM`) are unusable.
    #[error("mail settings: {0}")]
    Mail(String),
    /// A thread could not be spawned.
    #[error("cannot spawn a thread: {0}")]
    Spawn(#[from] std::io::Error),
}

/// Builds the pool, migrates, installs the job context, schedules cron jobs, reaps orphans
/// once, then runs worker threads until `stop` becomes true; returns after every in-flight
/// job has finished and every thread has been joined.
pub fn run(config: &Config, stop: Arc<AtomicBool>) -> Result<(), StartError> {
    let workers = config.concurrency * TASK_TYPES.len() as u32;
    // Room for every worker thread plus the housekeeper and one spare (cron re-scheduling).
    let pool = db::build_pool(
        &config.database_url,
        &PoolOptions {
            max_size: workers + 2,
            connection_timeout: Duration::from_secs(5),
        },
    )
    .map_err(|e| StartError::Connect(e.to_string()))?;
    {
        let mut conn = pool.get().map_err(|e| StartError::Connect(e.to_string()))?;
        let applied = migrate(&mut conn)?;
        if !applied.is_empty() {
            tracing::info!(?applied, "applied migrations");
        }
    }
    check_registrations()?;
    // Fail at start, not on the first AI job, when the AI settings are unusable.
    let ai_runtime = automation::ai_functions::AiRuntime::from_env()
        .map_err(|e| StartError::Ai(e.to_string()))?;
    // Publishing reads the same media store and secret key as the AI jobs.
    integration::publish::install_runtime(integration::publish::Runtime {
        media: ai_runtime.media.clone(),
        secret_key: ai_runtime.secret_key.clone(),
        api_url: config.api_url.clone(),
        http: integration::wordpress::client().map_err(|e| StartError::Ai(e.to_string()))?,
    });
    automation::ai_functions::install_runtime(ai_runtime);
    if let Some(stripe) = &config.stripe {
        billing::gateway::install(stripe.clone());
    }
    let mailer = tenancy::mail::delivery::Mailer::from_config(&config.mail)
        .map_err(|e| StartError::Mail(e.to_string()))?;
    tracing::info!(to = %mailer.describe(), "e-mail delivery");
    tenancy::mail::delivery::install_mailer(mailer);
    db::jobs::install_context(JobContext {
        pool: pool.clone(),
        clock: kernel::Clock::system(),
    });

    let in_flight = InFlight::default();
    {
        let mut conn = pool.get().map_err(DbError::from)?;
        let report = housekeeping::reap_stale(&mut conn, config.stale_after, &[])?;
        report.log();
        housekeeping::schedule_cron_jobs(&mut conn);
    }

    let queue_pool = db::build_queue_pool(
        &config.database_url,
        &PoolOptions {
            max_size: workers + 1,
            connection_timeout: Duration::from_secs(5),
        },
    )
    .map_err(|e| StartError::Connect(e.to_string()))?;
    let queue = fang::Queue::builder().connection_pool(queue_pool).build();
    let mut threads: Vec<JoinHandle<()>> = Vec::new();
    let mut all_claimed = Vec::new();
    for task_type in TASK_TYPES {
        let claimed = runner::Claimed::default();
        all_claimed.push(claimed.clone());
        for n in 0..config.concurrency {
            let ctx = runner::LoopContext {
                claimed: claimed.clone(),
                queue: queue.clone(),
                pool: pool.clone(),
                task_type: (*task_type).to_owned(),
                shard: i16::try_from(n).unwrap_or(i16::MAX),
                poll_interval: config.poll_interval,
                stop: stop.clone(),
                in_flight: in_flight.clone(),
            };
            threads.push(
                thread::Builder::new()
                    .name(format!("worker-{task_type}-{n}"))
                    .spawn(move || runner::run_loop(&ctx))?,
            );
        }
    }
    // Claimed tasks that wait while every thread of their type is busy go back to the queue.
    {
        let (pool, stop, in_flight) = (pool.clone(), stop.clone(), in_flight.clone());
        threads.push(
            thread::Builder::new()
                .name("claims".into())
                .spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        sleep_unless(&stop, runner::CLAIM_IDLE);
                        runner::release_idle(&pool, &all_claimed, &in_flight);
                    }
                })?,
        );
    }
    // The housekeeper outlives the worker threads: running jobs keep their heartbeat while the
    // process drains after a stop request.
    let housekeeper_stop = Arc::new(AtomicBool::new(false));
    let housekeeper = {
        let ctx = housekeeping::HousekeeperContext {
            pool: pool.clone(),
            stale_after: config.stale_after,
            interval: config.housekeeping_interval(),
            stop: housekeeper_stop.clone(),
            in_flight: in_flight.clone(),
        };
        thread::Builder::new()
            .name("housekeeper".into())
            .spawn(move || housekeeping::run_housekeeper(&ctx))?
    };
    tracing::info!(
        task_types = ?TASK_TYPES,
        concurrency = config.concurrency,
        poll_ms = config.poll_interval.as_millis() as u64,
        stale_secs = config.stale_after.as_secs(),
        "worker started"
    );

    while !stop.load(Ordering::SeqCst) {
        thread::sleep(STOP_CHECK);
    }
    tracing::info!(
        in_flight = in_flight.len(),
        "stop requested: no new jobs are fetched; waiting for in-flight jobs"
    );
    for t in threads {
        if t.join().is_err() {
            tracing::error!("a worker thread panicked outside a job");
        }
    }
    housekeeper_stop.store(true, Ordering::SeqCst);
    if housekeeper.join().is_err() {
        tracing::error!("the housekeeper thread panicked");
    }
    tracing::info!("worker stopped");
    Ok(())
}

/// How often sleeping threads look at their stop flag.
pub(crate) const STOP_CHECK: Duration = Duration::from_millis(50);

/// Sleeps for `total`, waking early once `stop` is set.
pub(crate) fn sleep_unless(stop: &AtomicBool, total: Duration) {
    let mut left = total;
    while !left.is_zero() && !stop.load(Ordering::SeqCst) {
        let step = left.min(STOP_CHECK);
        thread::sleep(step);
        left -= step;
    }
}

/// Runs the embedded migrations under an advisory lock, so workers starting together do not
/// race each other (diesel itself takes no lock).
fn migrate(conn: &mut PgConnection) -> Result<Vec<String>, StartError> {
    const MIGRATION_LOCK: i64 = 0x1697_0001;
    diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
        .execute(conn)
        .map_err(DbError::from)?;
    let res = db::run_migrations(conn).map_err(StartError::Migrate);
    let unlock =
        diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(conn);
    let applied = res?;
    unlock.map_err(DbError::from)?;
    Ok(applied)
}

/// Fails start-up when a job type does not deserialize from its own metadata: its rows would
/// otherwise all end `failed` as unknown.
fn check_registrations() -> Result<(), StartError> {
    for job in linked_job_samples().iter().chain(cron_jobs().iter()) {
        let value = serde_json::to_value(job.as_ref())
            .map_err(|e| StartError::Unregistered(e.to_string()))?;
        if let Err(e) = serde_json::from_value::<Box<dyn Runnable>>(value.clone()) {
            return Err(StartError::Unregistered(format!("{value}: {e}")));
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn every_task_type_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for t in TASK_TYPES {
            assert!(seen.insert(*t), "{t} listed twice");
        }
        assert!(
            seen.contains("maintenance")
                && seen.contains("default")
                && seen.contains("ai")
                && seen.contains("automation")
        );
    }

    #[test]
    fn cron_jobs_are_unique_and_served() {
        for job in cron_jobs() {
            assert!(
                job.uniq(),
                "a cron job must be uniq so the partial unique index dedupes it"
            );
            assert!(job.cron().is_some());
            assert!(
                TASK_TYPES.contains(&job.task_type().as_str()),
                "no thread group serves {}",
                job.task_type()
            );
        }
    }

    #[test]
    fn linked_jobs_deserialize() {
        check_registrations().unwrap();
    }
}
