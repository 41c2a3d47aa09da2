//! The per-thread loop: fetch one task of a type, run it with panics caught, record the
//! outcome, re-schedule cron jobs. Replaces fang's `WorkerPool`, which has no stop, leaves
//! panicking and unknown tasks `in_progress` forever and by default deletes failed tasks.

use crate::housekeeping::InFlight;
use crate::sleep_unless;
use db::jobs::JobOutcome;
use db::jobs::fang::{self, Queue, Queueable, Runnable, Scheduled, Task};
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a thread waits after the queue could not be read (database down, pool exhausted).
const FETCH_ERROR_BACKOFF: Duration = Duration::from_secs(1);

/// What one worker thread needs.
pub struct LoopContext {
    /// fang's queue on the worker's pool (retries and failures).
    pub queue: Queue,
    /// The worker's pool: fetching and completing tasks (the hot path, two statements a job).
    pub pool: db::DbPool,
    /// The task type this thread serves.
    pub task_type: String,
    /// The thread's number within its task type: the `job_outcomes` counter rows it adds to
    /// (so threads do not wait on each other's counter row).
    pub shard: i16,
    /// Wait between fetches while the queue is empty.
    pub poll_interval: Duration,
    /// Set on SIGTERM/SIGINT: finish the current job, fetch no more.
    pub stop: Arc<AtomicBool>,
    /// Tasks this process is running, for the housekeeper's heartbeat.
    pub in_flight: InFlight,
}

/// How a task ended this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The job succeeded and its row was removed.
    Completed,
    /// The job failed or panicked and will run again after the backoff.
    Retried {
        /// Why it failed.
        error: String,
        /// Seconds until the next attempt.
        backoff_secs: u32,
    },
    /// The job failed for good (or could not be deserialized); the row is kept as `failed`.
    Failed {
        /// Why.
        error: String,
    },
}

/// Fetches and runs tasks of one type until the stop flag is set. A success is recorded by the
/// statement that claims the next task (one round trip a job); the last one when the loop stops.
pub fn run_loop(ctx: &LoopContext) {
    // A task that succeeded and is not yet removed: (id, job name).
    let mut done: Option<(uuid::Uuid, String)> = None;
    while !ctx.stop.load(Ordering::SeqCst) {
        let fetched = ctx.pool.get().map_err(|e| e.to_string()).and_then(|mut c| {
            db::jobs::complete_and_fetch(
                &mut c,
                done.as_ref().map(|(id, name)| (*id, name.as_str())),
                &ctx.task_type,
                ctx.shard,
            )
            .map_err(|e| e.to_string())
        });
        if fetched.is_ok()
            && let Some((id, _)) = done.take()
        {
            ctx.in_flight.remove(&id);
        }
        match fetched {
            Ok(Some(task)) => {
                ctx.in_flight.insert(task.id);
                // `run_and_record` already catches the job's own panics; this guard keeps the
                // thread alive if anything around it panics. The task then stays `in_progress`
                // and the reaper retries it after the stale timeout.
                match catch_unwind(AssertUnwindSafe(|| {
                    run_and_record(&ctx.queue, &ctx.pool, &task, false, ctx.shard)
                })) {
                    Ok(Outcome::Completed) => done = Some((task.id, job_name(&task.metadata))),
                    Ok(_) => {
                        ctx.in_flight.remove(&task.id);
                    }
                    Err(_) => {
                        tracing::error!(task_id = %task.id, "panic while recording a task's outcome; the reaper will pick the task up");
                        ctx.in_flight.remove(&task.id);
                    }
                }
            }
            Ok(None) => sleep_unless(&ctx.stop, ctx.poll_interval),
            Err(e) => {
                // A completion that may not have happened is sent again (deleting twice is a
                // no-op, and only a deletion is counted).
                tracing::warn!(task_type = %ctx.task_type, error = %e, "cannot fetch a task");
                sleep_unless(&ctx.stop, FETCH_ERROR_BACKOFF);
            }
        }
    }
    if let Some((id, name)) = done.take() {
        let res = ctx.pool.get().map_err(|e| e.to_string()).and_then(|mut c| {
            db::jobs::complete(&mut c, id, &name, ctx.shard).map_err(|e| e.to_string())
        });
        if let Err(e) = res {
            tracing::error!(task_id = %id, error = %e, "cannot record the task's outcome; it stays in_progress until the reaper retries it");
        }
        ctx.in_flight.remove(&id);
    }
}

/// Runs one fetched (`in_progress`) task and records its outcome: success removes the row; an
/// error or a panic schedules a retry with the job's backoff while retries remain, otherwise
/// marks the row `failed` and keeps it; a payload that does not deserialize fails at once.
pub fn process_task(queue: &Queue, pool: &db::DbPool, task: &Task) -> Outcome {
    run_and_record(queue, pool, task, true, 0)
}

/// [`process_task`]; with `complete_now` false a success is left for the caller to record
/// (the loop does it with its next fetch).
fn run_and_record(
    queue: &Queue,
    pool: &db::DbPool,
    task: &Task,
    complete_now: bool,
    shard: i16,
) -> Outcome {
    let name = job_name(&task.metadata);
    let outcome = run_task(queue, pool, task, &name);
    let counted = match &outcome {
        Outcome::Completed => {
            if complete_now {
                let res = pool.get().map_err(|e| e.to_string()).and_then(|mut c| {
                    db::jobs::complete(&mut c, task.id, &name, shard).map_err(|e| e.to_string())
                });
                if let Err(e) = res {
                    tracing::error!(task_id = %task.id, error = %e, "cannot record the task's outcome; it stays in_progress until the reaper retries it");
                }
            }
            return outcome;
        }
        Outcome::Retried { .. } => JobOutcome::Retried,
        Outcome::Failed { .. } => JobOutcome::Failed,
    };
    match pool.get() {
        Ok(mut conn) => {
            if let Err(e) = db::jobs::count_outcome(&mut conn, &name, counted, shard) {
                tracing::warn!(job = %name, error = %e, "cannot count the job's outcome");
            }
        }
        Err(e) => tracing::warn!(job = %name, error = %e, "cannot count the job's outcome"),
    }
    outcome
}

fn run_task(queue: &Queue, pool: &db::DbPool, task: &Task, name: &str) -> Outcome {
    let name = name.to_owned();
    let job: Box<dyn Runnable> = match serde_json::from_value(task.metadata.clone()) {
        Ok(job) => job,
        Err(e) => {
            let error = format!("unknown job type `{name}` (or a payload it cannot read): {e}");
            tracing::error!(task_id = %task.id, job = %name, %error, "cannot run task; marked failed");
            record(queue.fail_task(task, &error), task);
            return Outcome::Failed { error };
        }
    };

    tracing::info!(task_id = %task.id, job = %name, attempt = task.retries + 1, "job started");
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| job.run(queue)));
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let error = match result {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.description),
        Err(payload) => Some(format!("panicked: {}", panic_message(payload.as_ref()))),
    };

    let outcome = match error {
        None => {
            tracing::info!(task_id = %task.id, job = %name, elapsed_ms, "job completed");
            Outcome::Completed
        }
        Some(error) if task.retries < job.max_retries() => {
            let backoff_secs = job.backoff(u32::try_from(task.retries).unwrap_or(0));
            tracing::warn!(task_id = %task.id, job = %name, elapsed_ms, attempt = task.retries + 1, backoff_secs, %error, "job failed; will retry");
            record(queue.schedule_retry(task, backoff_secs, &error), task);
            Outcome::Retried {
                error,
                backoff_secs,
            }
        }
        Some(error) => {
            tracing::error!(task_id = %task.id, job = %name, elapsed_ms, attempts = task.retries + 1, %error, "job failed; no retries left");
            record(queue.fail_task(task, &error), task);
            Outcome::Failed { error }
        }
    };

    // Whatever the outcome, the next occurrence must exist; the unique index (and fang's own
    // lookup) turn a duplicate into a no-op, e.g. while this task waits for its retry.
    if let Some(Scheduled::CronPattern(_)) = job.cron() {
        match pool.get() {
            Ok(mut conn) => {
                if let Err(e) = db::jobs::schedule(&mut conn, job.as_ref()) {
                    tracing::warn!(job = %name, error = %e, "cannot schedule the next occurrence; the housekeeper will");
                }
            }
            Err(e) => {
                tracing::warn!(job = %name, error = %e, "cannot schedule the next occurrence; the housekeeper will")
            }
        }
    }
    outcome
}

/// The job's stable name from its metadata (`type`), for logs and messages.
pub fn job_name(metadata: &serde_json::Value) -> String {
    metadata
        .get("type")
        .and_then(|t| t.as_str())
        .unwrap_or("<no type>")
        .to_owned()
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    }
}

fn record<T>(res: Result<T, fang::QueueError>, task: &Task) {
    if let Err(e) = res {
        tracing::error!(task_id = %task.id, error = %e, "cannot record the task's outcome; it stays in_progress until the reaper retries it");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages() {
        let p = catch_unwind(|| panic!("static message")).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "static message");
        let n = 7;
        let p = catch_unwind(|| panic!("formatted {n}")).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "formatted 7");
        let p = catch_unwind(|| std::panic::panic_any(42)).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "non-string panic payload");
    }

    #[test]
    fn job_names() {
        assert_eq!(job_name(&serde_json::json!({"type": "a.b"})), "a.b");
        assert_eq!(job_name(&serde_json::json!({"x": 1})), "<no type>");
    }
}
