//! The five AI functions as worker jobs.
//!
//! A request ([`request`]) filters the ids to the caller's, estimates the credits, checks the
//! balance (402 before any work), then creates the `ai_tasks` row and enqueues one
//! [`RunAiTask`] in one transaction. The job ([`run_ai_task`]) walks the phases: PREP loads the
//! inputs through the domain services with `Scope::for_job`, AI_CALL talks to the provider
//! outside any transaction, PARSE turns the typed output into domain rows, SAVE writes them
//! together with the credit charge (idempotency key `ai_task:{id}:{operation}:{item}`) in one
//! transaction per item, and a last transaction completes the task and notifies.
//!
//! Idempotency: an item whose charge key is already in the ledger was saved by an earlier run
//! (the writes and the charge commit together), so a re-run skips its AI call and its writes; a
//! completed task returns at once. A crash anywhere leaves either a whole item or nothing.

use crate::ai_tasks::{self, AiTask, AiTaskInput, Function, Phase};
use crate::steps::{ItemNote, Step, StepReport, StepSink};
use crate::{Error, Result};
use billing::usage::AiOperation;
use chrono::{DateTime, Utc};
use content::storage::{LocalMediaStore, MediaStore};
use db::jobs::{context, job_error};
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable};
use kernel::{
    AccountId, AiTaskId, ClusterId, ContentId, FieldErrors, ImageId, KeywordId, Role, TaskId,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};
use tenancy::Scope;
use tenancy::notifications::{Level, NewNotification};

pub use crate::steps::AiEnv;

/// fang task type of the AI jobs; the worker serves it with its own threads so slow provider
/// calls never hold up maintenance jobs.
pub const AI_TASK_TYPE: &str = "ai";
/// Retries after the first run; the last run marks the task failed.
pub const MAX_RETRIES: i32 = 2;
/// Most writer tasks one `auto_generate_content` request may name.
pub const MAX_CONTENT_PER_REQUEST: usize = 10;
/// Most ids any other AI request may name.
pub const MAX_IDS_PER_REQUEST: usize = planning::keywords::MAX_BULK_IDS;

/// What the worker process builds once for AI jobs: providers, media store and secret key.
pub struct AiRuntime {
    /// Platform providers (`IGNY8_AI_*`); accounts derive theirs with `for_account`.
    pub providers: ai::Providers,
    /// Where generated images are stored (`IGNY8_MEDIA_DIR`).
    pub media: Arc<dyn MediaStore>,
    /// Key that decrypts accounts' stored API keys (from `IGNY8_SECRET_KEY`).
    pub secret_key: Vec<u8>,
}

impl AiRuntime {
    /// Reads `IGNY8_AI_*`, `IGNY8_MEDIA_DIR` (default `<IGNY8_DATA_DIR>/media`) and the raw
    /// `IGNY8_SECRET_KEY` — or, like the API, the development secret kept in
    /// `<IGNY8_DATA_DIR>/secret_key` — so both processes decrypt the same stored keys.
    pub fn from_env() -> Result<AiRuntime> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// [`AiRuntime::from_env`] over any variable source (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<AiRuntime> {
        let var = |n: &str| {
            get(n)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let providers = ai::Providers::new(ai::Settings::from_lookup(&get)?)?;
        let data_dir =
            std::path::PathBuf::from(var("IGNY8_DATA_DIR").unwrap_or_else(|| ".data".to_owned()));
        let media_dir = var("IGNY8_MEDIA_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| data_dir.join("media"));
        let secret = match var("IGNY8_SECRET_KEY") {
            Some(s) => s,
            None => {
                // The same development secret the API uses (created by whichever starts first).
                let path = data_dir.join("secret_key");
                tracing::warn!(
                    "IGNY8_SECRET_KEY is not set; using the development secret kept in {}",
                    path.display()
                );
                crate::dev_secret::development_secret(&data_dir, "secret_key").map_err(|e| {
                    Error::Interrupted(format!("cannot read or create {}: {e}", path.display()))
                })?
            }
        };
        Ok(AiRuntime {
            providers,
            media: Arc::new(LocalMediaStore::new(media_dir)),
            secret_key: secret.into_bytes(),
        })
    }
}

static RUNTIME: OnceLock<AiRuntime> = OnceLock::new();

/// Installs the process-wide AI runtime; the first call wins (the worker calls it at start).
pub fn install_runtime(rt: AiRuntime) {
    let _ = RUNTIME.set(rt);
}

/// The installed runtime, built from the environment on first use when none was installed.
pub fn runtime() -> Result<&'static AiRuntime> {
    if let Some(rt) = RUNTIME.get() {
        return Ok(rt);
    }
    let rt = AiRuntime::from_env()?;
    let _ = RUNTIME.set(rt);
    RUNTIME
        .get()
        .ok_or_else(|| Error::Interrupted("AI runtime could not be installed".into()))
}

/// The one AI job: runs the ai_task's function. The payload carries ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunAiTask {
    /// The `ai_tasks` row.
    pub ai_task_id: AiTaskId,
    /// Its account.
    pub account_id: AccountId,
}

#[typetag::serde(name = "ai.run_task")]
impl Runnable for RunAiTask {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let rt = runtime().map_err(job_error)?;
        let env = AiEnv::new(
            &ctx.pool,
            &ctx.clock,
            &rt.providers,
            rt.media.as_ref(),
            &rt.secret_key,
        );
        run_ai_task(&env, self).map_err(job_error)
    }

    fn task_type(&self) -> String {
        AI_TASK_TYPE.into()
    }

    fn max_retries(&self) -> i32 {
        MAX_RETRIES
    }

    fn backoff(&self, attempt: u32) -> u32 {
        // 30 s, 60 s, 120 s: long enough for a rate limit or a provider blip to pass.
        30u32.saturating_mul(1 << attempt.min(5))
    }
}

/// Why a run did not complete.
enum Stop {
    /// Worth another attempt (database, provider timeout or 5xx, interrupted save).
    Retry(Error),
    /// Will not get better by retrying (no credits, bad configuration, invalid input).
    Permanent(Error),
}

fn classify(e: Error) -> Stop {
    if is_permanent(&e) {
        Stop::Permanent(e)
    } else {
        Stop::Retry(e)
    }
}

/// True for failures that retrying will not mend (no credits, bad configuration or input,
/// a provider's 4xx other than 429).
pub(crate) fn is_permanent(e: &Error) -> bool {
    match e {
        Error::Billing(billing::Error::InsufficientCredits { .. }) => true,
        Error::Billing(billing::Error::Tenancy(t)) | Error::Tenancy(t) => {
            !matches!(t, tenancy::Error::Db(_) | tenancy::Error::Conflict(_))
        }
        Error::Billing(_) => false,
        Error::Planning(planning::Error::Db(_)) => false,
        Error::Planning(_) => true,
        Error::Content(content::Error::Db(_) | content::Error::Storage(_)) => false,
        Error::Content(_) => true,
        Error::Ai(a) => match a {
            ai::Error::Config(_) => true,
            ai::Error::Upstream { status, .. } => *status < 500 && *status != 429,
            _ => false,
        },
        Error::Interrupted(_) => false,
        // The account's key or settings are unusable until an admin fixes them.
        Error::ApiKeyUnreadable(_)
        | Error::ApiKeyEncryption(_)
        | Error::InvalidStoredSetting { .. } => true,
        Error::RunInProgress { .. }
        | Error::InsufficientCreditsForRun(_)
        | Error::InvalidRunState { .. } => true,
    }
}

/// Runs one AI task to completion. A completed (or permanently failed) task returns `Ok` at
/// once. A retryable failure returns `Err` (fang retries) unless this was the last attempt,
/// which marks the task failed and notifies; a permanent one does so at once.
pub fn run_ai_task(env: &AiEnv<'_>, job: &RunAiTask) -> Result<()> {
    let scope = Scope::for_job(job.account_id);
    let task = {
        let mut conn = env.conn()?;
        match ai_tasks::get(&mut conn, &scope, job.ai_task_id) {
            Ok(t) => t,
            // The account or the task is gone: nothing to do, nothing to retry.
            Err(Error::Tenancy(tenancy::Error::NotFound)) => return Ok(()),
            Err(e) => return Err(e),
        }
    };
    if task.status.is_final() {
        return Ok(());
    }
    let attempts = {
        let mut conn = env.conn()?;
        ai_tasks::start(&mut conn, &scope, task.id, env.now())?.attempts
    };
    match run(env, &scope, &task) {
        Ok(()) => Ok(()),
        Err(e) => match classify(e) {
            // A provider failure was already retried under the provider's deadline: another
            // run of the job would only make the user wait longer for the same answer.
            Stop::Retry(e) if attempts <= MAX_RETRIES && !matches!(e, Error::Ai(_)) => {
                tracing::warn!(ai_task = %task.id, attempts, error = %e, "AI task failed; will retry");
                Err(e)
            }
            Stop::Retry(e) | Stop::Permanent(e) => {
                tracing::error!(ai_task = %task.id, attempts, error = %e, "AI task failed");
                let mut conn = env.conn()?;
                fail_task(&mut conn, &scope, &task, &e, env.now())?;
                Ok(())
            }
        },
    }
}

fn fail_task(
    conn: &mut PgConnection,
    scope: &Scope,
    task: &AiTask,
    e: &Error,
    now: DateTime<Utc>,
) -> Result<()> {
    let message = failure_message(e);
    conn.transaction(|c| {
        ai_tasks::fail(c, scope, task.id, &message, now)?;
        notify_failed(c, scope, task, &message, now)
    })
}

fn notify_failed(
    conn: &mut PgConnection,
    scope: &Scope,
    task: &AiTask,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let title = format!("{} failed", task.function.label());
    tenancy::notifications::notify(
        conn,
        scope,
        &NewNotification {
            kind: "ai_task",
            level: Level::Error,
            title: &title,
            message,
            data: serde_json::json!({"ai_task_id": task.id, "function": task.function}),
            dedupe_key: Some(&format!("ai_task:{}", task.id)),
        },
        now,
    )?;
    Ok(())
}

/// A message for the account: domain facts, never internals.
pub(crate) fn failure_message(e: &Error) -> String {
    match e {
        Error::Billing(billing::Error::InsufficientCredits { needed, available }) => {
            format!("Not enough credits: {needed} needed, {available} available.")
        }
        Error::Ai(a) => format!("The AI provider failed: {a}."),
        Error::Tenancy(tenancy::Error::Db(_))
        | Error::Planning(planning::Error::Db(_))
        | Error::Content(content::Error::Db(_)) => {
            "A database error stopped the task; it was retried and gave up.".into()
        }
        other => other.to_string(),
    }
}

/// Completes the task with its result and notifies, in one transaction (idempotent: the
/// notification is deduplicated on `ai_task:{id}`).
fn finish(
    conn: &mut PgConnection,
    scope: &Scope,
    task: &AiTask,
    result: serde_json::Value,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.transaction(|c| {
        ai_tasks::complete(c, scope, task.id, result.clone(), now)?;
        let title = format!("{} finished", task.function.label());
        tenancy::notifications::notify(
            c,
            scope,
            &NewNotification {
                kind: "ai_task",
                level: Level::Success,
                title: &title,
                message: summary,
                data: serde_json::json!({"ai_task_id": task.id, "function": task.function, "result": result}),
                dedupe_key: Some(&format!("ai_task:{}", task.id)),
            },
            now,
        )?;
        Ok(())
    })
}

/// The request field holding the ids, per function.
pub fn ids_field(function: Function) -> &'static str {
    function.ids_field()
}

/// The cost-table operation a function charges.
pub fn operation(function: Function) -> AiOperation {
    match function {
        Function::AutoCluster => AiOperation::Clustering,
        Function::GenerateIdeas => AiOperation::Ideas,
        Function::GenerateContent => AiOperation::Content,
        Function::GenerateImagePrompts => AiOperation::ImagePrompts,
        Function::GenerateImages => AiOperation::Images,
    }
}

/// Credits a request is expected to cost, from the cost table's per-item estimates and the
/// default models.
pub fn estimate_credits(conn: &mut PgConnection, function: Function, items: i64) -> Result<i64> {
    Ok(billing::usage::estimate_items(
        conn,
        operation(function),
        items,
    )?)
}

/// Keeps the ids among `ids` that the scope can see for `function`, in the given order
/// (missing and other accounts' ids are dropped, as a bulk action does). Each owner answers
/// for its own table.
pub fn visible_ids(
    conn: &mut PgConnection,
    scope: &Scope,
    function: Function,
    ids: &[i64],
) -> Result<Vec<i64>> {
    fn raw<T: Copy>(ids: Vec<T>, get: impl Fn(T) -> i64) -> Vec<i64> {
        ids.into_iter().map(get).collect()
    }
    Ok(match function {
        Function::AutoCluster => raw(
            planning::ai_work::visible_keyword_ids(conn, scope, &typed(ids, KeywordId))?,
            KeywordId::get,
        ),
        Function::GenerateIdeas => raw(
            planning::ai_work::visible_cluster_ids(conn, scope, &typed(ids, ClusterId))?,
            ClusterId::get,
        ),
        Function::GenerateContent => raw(
            content::ai_work::visible_task_ids(conn, scope, &typed(ids, TaskId))?,
            TaskId::get,
        ),
        Function::GenerateImagePrompts => raw(
            content::ai_work::visible_content_ids(conn, scope, &typed(ids, ContentId))?,
            ContentId::get,
        ),
        Function::GenerateImages => raw(
            content::ai_work::visible_image_ids(conn, scope, &typed(ids, ImageId))?,
            ImageId::get,
        ),
    })
}

fn typed<T>(ids: &[i64], make: impl Fn(i64) -> T) -> Vec<T> {
    ids.iter().copied().map(make).collect()
}

/// Starts an AI action (editor+): keeps the caller's ids among `ids` (none left → `NotFound`),
/// checks the credits (`InsufficientCredits` before any work), then creates the ai_task and
/// enqueues its job in one transaction.
pub fn request(
    conn: &mut PgConnection,
    scope: &Scope,
    function: Function,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<AiTask> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let field = ids_field(function);
    let limit = match function {
        Function::GenerateContent => MAX_CONTENT_PER_REQUEST,
        _ => MAX_IDS_PER_REQUEST,
    };
    // The limit counts the list as sent, duplicates included (as its schema's maxItems does).
    let sent = ids.len();
    let mut ids: Vec<i64> = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(tenancy::Error::Validation(FieldErrors::single(
            field,
            "This list may not be empty.",
        ))
        .into());
    }
    if sent > limit {
        return Err(tenancy::Error::Validation(FieldErrors::single(
            field,
            format!("At most {limit} ids per request."),
        ))
        .into());
    }
    let ids = visible_ids(conn, scope, function, &ids)?;
    if ids.is_empty() {
        return Err(tenancy::Error::NotFound.into());
    }
    let needed = estimate_credits(conn, function, ids.len() as i64)?;
    conn.transaction(|c| {
        if function == Function::GenerateContent {
            // Writer tasks whose article failed before are being asked for again.
            content::ai_work::requeue_failed_tasks(c, scope, &typed(&ids, TaskId), now)?;
        }
        let task = ai_tasks::create(
            c,
            scope,
            function,
            &AiTaskInput {
                ids,
                estimated_credits: needed,
            },
            now,
        )?;
        // Accepted work is work that can be paid for: its estimate is held until the task
        // ends (402 here, and no task, when the balance less other holds cannot cover it).
        billing::holds::place(c, scope, &ai_tasks::hold_reference(task.id), needed, now)?;
        db::jobs::enqueue(
            c,
            &RunAiTask {
                ai_task_id: task.id,
                account_id: scope.account_id(),
            },
        )?;
        Ok(task)
    })
}

/// Records a phase and progress (progress is best effort: a failure here is only logged).
fn progress(env: &AiEnv<'_>, scope: &Scope, task: &AiTask, phase: Phase, pct: i32) {
    let res = env
        .conn()
        .and_then(|mut c| ai_tasks::advance(&mut c, scope, task.id, phase, pct));
    if let Err(e) = res {
        tracing::warn!(ai_task = %task.id, error = %e, "cannot record progress");
    }
}

/// Progress of item `i` of `n` within `phase`, spread over 10–95 %.
fn item_pct(i: usize, n: usize) -> i32 {
    let n = n.max(1);
    10 + i32::try_from(i * 85 / n).unwrap_or(85)
}

/// The manual AI task's view of a step: progress goes to the `ai_tasks` row.
struct TaskProgress<'a> {
    env: &'a AiEnv<'a>,
    scope: &'a Scope,
    task: &'a AiTask,
}

impl StepSink for TaskProgress<'_> {
    fn progress(&self, phase: Phase, done: usize, total: usize) {
        progress(
            self.env,
            self.scope,
            self.task,
            phase,
            item_pct(done, total),
        );
    }

    fn retry_observer(&self) -> Option<ai::observe::Observer> {
        let (pool, scope, id) = (self.env.pool.clone(), self.scope.clone(), self.task.id);
        Some(std::rc::Rc::new(move |notice: &ai::RetryNotice| {
            let res = pool
                .get()
                .map_err(|e| Error::from(db::DbError::from(e)))
                .and_then(|mut c| ai_tasks::set_message(&mut c, &scope, id, &notice.to_string()));
            if let Err(e) = res {
                tracing::warn!(ai_task = %id, error = %e, "cannot record the retry");
            }
        }))
    }
}

fn notes(notes: &[ItemNote], id_field: &str) -> Vec<Value> {
    notes
        .iter()
        .map(|n| json!({ id_field: n.id, "error": n.reason }))
        .collect()
}

/// A task whose every item failed has failed: the message says how many and why (the first
/// distinct reasons).
fn all_failed(r: &StepReport, noun: &str) -> Option<String> {
    if r.saved > 0 || r.failed.is_empty() {
        return None;
    }
    let mut reasons: Vec<&str> = Vec::new();
    for n in &r.failed {
        if !reasons.contains(&n.reason.as_str()) && reasons.len() < 3 {
            reasons.push(&n.reason);
        }
    }
    Some(format!(
        "All {} {noun} failed: {}",
        r.failed.len(),
        reasons.join("; ")
    ))
}

/// Runs the task's function through every phase and completes it.
fn run(env: &AiEnv<'_>, scope: &Scope, task: &AiTask) -> Result<()> {
    progress(env, scope, task, Phase::Prep, 5);
    let providers = env.providers_for(scope)?;
    let input = AiTaskInput::from_json(task.function, &task.input);
    let key_prefix = ai_tasks::hold_reference(task.id);
    let sink = TaskProgress { env, scope, task };
    let step = Step {
        env,
        scope,
        providers: &providers,
        key_prefix: &key_prefix,
        reference: &key_prefix,
        sink: &sink,
    };
    let ids = &input.ids;
    let (result, summary, r, noun) = match task.function {
        Function::AutoCluster => {
            let r = step.cluster_keywords(&typed(ids, KeywordId))?;
            let unclustered = notes(&r.skipped, "keyword_id");
            let errors = notes(&r.failed, "keyword_id");
            (
                json!({"clusters_created": r.created, "clusters_reused": r.reused, "keywords_mapped": r.mapped, "keywords_unclustered": unclustered.len(), "keywords_failed": errors.len(), "unclustered": unclustered, "errors": errors, "cluster_ids": r.created_ids, "credits": r.credits}),
                format!(
                    "{} clusters created, {} keywords mapped{}.",
                    r.created,
                    r.mapped,
                    match (r.skipped.len(), r.failed.len()) {
                        (0, 0) => String::new(),
                        (u, 0) => format!(", {u} left unclustered"),
                        (u, f) => format!(", {u} left unclustered, {f} failed"),
                    }
                ),
                r,
                "keywords",
            )
        }
        Function::GenerateIdeas => {
            let r = step.generate_ideas(&typed(ids, ClusterId))?;
            let errors = [
                notes(&r.skipped, "cluster_id"),
                notes(&r.failed, "cluster_id"),
            ]
            .concat();
            (
                json!({"ideas_created": r.created, "idea_ids": r.created_ids, "clusters_failed": r.failed.len(), "errors": errors, "credits": r.credits}),
                format!(
                    "{} ideas created{}.",
                    r.created,
                    failed_suffix(&r, "clusters")
                ),
                r,
                "clusters",
            )
        }
        Function::GenerateContent => {
            let r = step.write_articles(&typed(ids, TaskId))?;
            let errors = notes(&r.failed, "task_id");
            (
                json!({"count": r.created, "content_ids": r.created_ids, "skipped": r.skipped.len(), "failed": r.failed.len(), "errors": errors, "credits": r.credits}),
                format!(
                    "{} articles written{}.",
                    r.created,
                    failed_suffix(&r, "tasks")
                ),
                r,
                "articles",
            )
        }
        Function::GenerateImagePrompts => {
            let r = step.write_image_prompts(&typed(ids, ContentId))?;
            let errors = notes(&r.failed, "content_id");
            (
                json!({"count": r.saved, "prompts_created": r.created, "image_ids": r.created_ids, "failed": r.failed.len(), "errors": errors, "credits": r.credits}),
                format!(
                    "Image prompts for {} articles{}.",
                    r.saved,
                    failed_suffix(&r, "articles")
                ),
                r,
                "image prompt sets",
            )
        }
        Function::GenerateImages => {
            let r: StepReport = step.generate_images(&typed(ids, ImageId))?;
            let total = r.saved + r.failed.len() + r.skipped.len();
            let errors = notes(&r.failed, "image_id");
            (
                json!({"count": r.saved, "images_generated": r.saved, "images_failed": r.failed.len(), "total_images": total, "errors": errors, "credits": r.credits}),
                format!(
                    "{} of {total} images generated, {} failed.",
                    r.saved,
                    r.failed.len()
                ),
                r,
                "images",
            )
        }
    };
    let mut c = env.conn()?;
    if let Some(message) = all_failed(&r, noun) {
        return c.transaction(|tx| {
            ai_tasks::fail(tx, scope, task.id, &message, env.now())?;
            ai_tasks::record_result(tx, scope, task.id, result.clone())?;
            notify_failed(tx, scope, task, &message, env.now())
        });
    }
    finish(&mut c, scope, task, result, &summary, env.now())
}

fn failed_suffix(r: &StepReport, noun: &str) -> String {
    match r.failed.len() {
        0 => String::new(),
        n => format!(", {n} {noun} failed"),
    }
}
