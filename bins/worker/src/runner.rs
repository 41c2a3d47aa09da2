//! The per-thread loop: claim tasks of a type (several at once while its jobs are quick, shared
//! by the type's threads), run each with panics caught, record the outcome, re-schedule cron
//! jobs. Replaces fang's `WorkerPool`, which has no stop, leaves
//! panicking and unknown tasks `in_progress` forever and by default deletes failed tasks.

use crate::housekeeping::InFlight;
use crate::sleep_unless;
use db::jobs::JobOutcome;
use db::jobs::fang::{self, Queue, Queueable, Runnable, Scheduled, Task};
use std::any::Any;
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a thread waits after the queue could not be read (database down, pool exhausted).
const FETCH_ERROR_BACKOFF: Duration = Duration::from_secs(1);

/// A job that ran for less than this lets its task type claim more tasks per statement; a
/// slower one brings the claim back to one task.
pub const QUICK_JOB: Duration = Duration::from_millis(5);

/// Claimed tasks that no thread of their type has taken for this long go back to the queue
/// ([`release_idle`]): every thread of the type is busy, and another worker may be free.
pub const CLAIM_IDLE: Duration = Duration::from_millis(50);

/// Tasks claimed together but not started yet, shared by the threads of one task type (an idle
/// thread takes the next one before it asks the database), and how many to claim next time:
/// one, doubling after each quick job up to [`db::jobs::MAX_CLAIM`].
#[derive(Debug, Clone)]
pub struct Claimed(Arc<Mutex<ClaimedState>>);

#[derive(Debug)]
struct ClaimedState {
    tasks: VecDeque<Task>,
    next_claim: usize,
    /// When a thread last took a task (or a claim arrived).
    last_taken: Instant,
}

impl Default for Claimed {
    fn default() -> Self {
        Self(Arc::new(Mutex::new(ClaimedState {
            tasks: VecDeque::new(),
            next_claim: 1,
            last_taken: Instant::now(),
        })))
    }
}

impl Claimed {
    fn lock(&self) -> MutexGuard<'_, ClaimedState> {
        // Every update is a single push, pop or assignment: a poisoned lock is still consistent.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The oldest claimed task not started yet.
    pub fn pop(&self) -> Option<Task> {
        let mut s = self.lock();
        let task = s.tasks.pop_front();
        if task.is_some() {
            s.last_taken = Instant::now();
        }
        task
    }

    /// Keeps claimed tasks for the threads of the type (they were claimed oldest first).
    pub fn extend(&self, tasks: impl IntoIterator<Item = Task>) {
        let mut s = self.lock();
        s.tasks.extend(tasks);
        s.last_taken = Instant::now();
    }

    /// Takes every claimed task not started yet.
    pub fn take_all(&self) -> Vec<Task> {
        self.lock().tasks.drain(..).collect()
    }

    /// Takes every claimed task not started yet when no thread has taken one for `idle`.
    pub fn take_idle(&self, idle: Duration) -> Vec<Task> {
        let mut s = self.lock();
        if s.last_taken.elapsed() < idle {
            return Vec::new();
        }
        s.tasks.drain(..).collect()
    }

    /// How many claimed tasks wait.
    pub fn len(&self) -> usize {
        self.lock().tasks.len()
    }

    /// True when no claimed task waits.
    pub fn is_empty(&self) -> bool {
        self.lock().tasks.is_empty()
    }

    /// How many tasks the next claim asks for.
    pub fn next_claim(&self) -> usize {
        self.lock().next_claim
    }

    /// Learns from a job's duration: a quick one doubles the next claim (up to the maximum), a
    /// slow one brings it back to one.
    pub fn observe(&self, took: Duration) {
        let mut s = self.lock();
        s.next_claim = if took < QUICK_JOB {
            (s.next_claim * 2).min(db::jobs::MAX_CLAIM)
        } else {
            1
        };
    }
}

/// What one worker thread needs.
pub struct LoopContext {
    /// Tasks claimed and not started, shared with the other threads of the task type.
    pub claimed: Claimed,
    /// fang's queue on the worker's pool (retries and failures).
    pub queue: Queue,
    /// The worker's pool: claiming and completing tasks (the hot path, one statement per claim).
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

/// Runs tasks of one type until the stop flag is set. The next task is one claimed earlier by
/// any thread of the type or, when there is none, a new claim of up to
/// [`Claimed::next_claim`] tasks in the statement that also records the successes this thread
/// has not recorded yet (a success is recorded by the thread's next claim, or when it stops).
/// When the loop stops, the claimed tasks that did not start go back to the queue and the
/// successes are recorded.
pub fn run_loop(ctx: &LoopContext) {
    // Tasks that succeeded and are not yet removed: (id, job name).
    let mut done: Vec<(uuid::Uuid, String)> = Vec::new();
    while !ctx.stop.load(Ordering::SeqCst) {
        let task = match ctx.claimed.pop() {
            Some(task) => task,
            None => match claim(ctx, &done) {
                Ok(mut tasks) => {
                    for (id, _) in done.drain(..) {
                        ctx.in_flight.remove(&id);
                    }
                    if tasks.is_empty() {
                        sleep_unless(&ctx.stop, ctx.poll_interval);
                        continue;
                    }
                    for t in &tasks {
                        ctx.in_flight.insert(t.id);
                    }
                    let first = tasks.remove(0);
                    ctx.claimed.extend(tasks);
                    first
                }
                Err(e) => {
                    // A completion that may not have happened is sent again (deleting twice is
                    // a no-op, and only a deletion is counted).
                    tracing::warn!(task_type = %ctx.task_type, error = %e, "cannot fetch a task");
                    sleep_unless(&ctx.stop, FETCH_ERROR_BACKOFF);
                    continue;
                }
            },
        };
        let started = Instant::now();
        // `run_and_record` already catches the job's own panics; this guard keeps the thread
        // alive if anything around it panics. The task then stays `in_progress` and the reaper
        // retries it after the stale timeout.
        match catch_unwind(AssertUnwindSafe(|| {
            run_and_record(&ctx.queue, &ctx.pool, &task, false, ctx.shard)
        })) {
            Ok(Outcome::Completed) => done.push((task.id, job_name(&task.metadata))),
            Ok(_) => ctx.in_flight.remove(&task.id),
            Err(_) => {
                tracing::error!(task_id = %task.id, "panic while recording a task's outcome; the reaper will pick the task up");
                ctx.in_flight.remove(&task.id);
            }
        }
        ctx.claimed.observe(started.elapsed());
    }
    let left = ctx.claimed.take_all();
    if let Err(e) = release(&ctx.pool, &left, &ctx.in_flight) {
        tracing::error!(tasks = left.len(), error = %e, "cannot put claimed tasks back in the queue; the reaper will");
        for t in &left {
            ctx.in_flight.remove(&t.id);
        }
    }
    if !done.is_empty() {
        let res = ctx.pool.get().map_err(|e| e.to_string()).and_then(|mut c| {
            db::jobs::complete_many(&mut c, &refs(&done), ctx.shard).map_err(|e| e.to_string())
        });
        if let Err(e) = res {
            tracing::error!(tasks = done.len(), error = %e, "cannot record the tasks' outcomes; they stay in_progress until the reaper retries them");
        }
        for (id, _) in &done {
            ctx.in_flight.remove(id);
        }
    }
}

/// Records `done` and claims the next tasks, in one statement.
fn claim(ctx: &LoopContext, done: &[(uuid::Uuid, String)]) -> Result<Vec<Task>, String> {
    let mut c = ctx.pool.get().map_err(|e| e.to_string())?;
    db::jobs::complete_and_claim(
        &mut c,
        &refs(done),
        &ctx.task_type,
        ctx.shard,
        ctx.claimed.next_claim(),
    )
    .map_err(|e| e.to_string())
}

/// The finished tasks as `db::jobs` takes them.
fn refs(done: &[(uuid::Uuid, String)]) -> Vec<(uuid::Uuid, &str)> {
    done.iter().map(|(id, n)| (*id, n.as_str())).collect()
}

/// Puts claimed tasks that did not start back in the queue; they no longer run here.
fn release(pool: &db::DbPool, tasks: &[Task], in_flight: &InFlight) -> Result<(), String> {
    if tasks.is_empty() {
        return Ok(());
    }
    let ids: Vec<uuid::Uuid> = tasks.iter().map(|t| t.id).collect();
    let mut c = pool.get().map_err(|e| e.to_string())?;
    db::jobs::release(&mut c, &ids).map_err(|e| e.to_string())?;
    for id in &ids {
        in_flight.remove(id);
    }
    Ok(())
}

/// Puts back in the queue the claimed tasks of each type that no thread has taken for
/// [`CLAIM_IDLE`] (see [`Claimed::take_idle`]); when that fails they stay claimed, for this
/// process's threads. Returns how many went back.
pub fn release_idle(pool: &db::DbPool, claimed: &[Claimed], in_flight: &InFlight) -> usize {
    let mut released = 0;
    for c in claimed {
        let tasks = c.take_idle(CLAIM_IDLE);
        match release(pool, &tasks, in_flight) {
            Ok(()) => released += tasks.len(),
            Err(e) => {
                tracing::warn!(tasks = tasks.len(), error = %e, "cannot put idle claimed tasks back in the queue; they run here");
                c.extend(tasks);
            }
        }
    }
    released
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
    fn quick_jobs_grow_the_claim_to_the_maximum_and_a_slow_one_resets_it() {
        let c = Claimed::default();
        assert_eq!(c.next_claim(), 1);
        let quick = QUICK_JOB / 2;
        let mut seen = Vec::new();
        for _ in 0..6 {
            c.observe(quick);
            seen.push(c.next_claim());
        }
        assert_eq!(seen, vec![2, 4, 8, 16, 16, 16]);
        assert_eq!(db::jobs::MAX_CLAIM, 16);
        c.observe(QUICK_JOB);
        assert_eq!(c.next_claim(), 1);
    }

    #[test]
    fn job_names() {
        assert_eq!(job_name(&serde_json::json!({"type": "a.b"})), "a.b");
        assert_eq!(job_name(&serde_json::json!({"x": 1})), "<no type>");
    }
}
