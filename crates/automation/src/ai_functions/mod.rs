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

mod functions;

use crate::ai_tasks::{self, AiTask, Function, Phase};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use content::storage::{LocalMediaStore, MediaStore};
use db::DbPool;
use db::jobs::{context, job_error};
use db::schema::credit_transactions;
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable};
use kernel::{AccountId, AiTaskId, Clock, FieldErrors, Role};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};
use tenancy::Scope;
use tenancy::notifications::{Level, NewNotification};

pub use functions::visible_ids;

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

/// Everything one run needs. Jobs build it from the worker's context and runtime; tests build
/// it on their own pool and providers.
pub struct AiEnv<'a> {
    pool: &'a DbPool,
    clock: &'a Clock,
    providers: &'a ai::Providers,
    media: &'a dyn MediaStore,
    secret_key: &'a [u8],
    #[cfg(any(test, feature = "failpoints"))]
    fail_save: Option<&'a std::sync::atomic::AtomicBool>,
}

impl<'a> AiEnv<'a> {
    /// An environment on a pool, clock, providers, media store and secret key.
    pub fn new(
        pool: &'a DbPool,
        clock: &'a Clock,
        providers: &'a ai::Providers,
        media: &'a dyn MediaStore,
        secret_key: &'a [u8],
    ) -> Self {
        Self {
            pool,
            clock,
            providers,
            media,
            secret_key,
            #[cfg(any(test, feature = "failpoints"))]
            fail_save: None,
        }
    }

    /// Test hook: while `flag` is true, the next item SAVE fails after its writes and charge,
    /// before commit (and clears the flag), as a crash half-way would.
    #[cfg(any(test, feature = "failpoints"))]
    pub fn with_save_failure(mut self, flag: &'a std::sync::atomic::AtomicBool) -> Self {
        self.fail_save = Some(flag);
        self
    }

    fn failpoint(&self) -> Result<()> {
        #[cfg(any(test, feature = "failpoints"))]
        if let Some(f) = self.fail_save
            && f.swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            return Err(Error::Interrupted("failpoint: SAVE interrupted".into()));
        }
        Ok(())
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
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
    let permanent = match &e {
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
    };
    if permanent {
        Stop::Permanent(e)
    } else {
        Stop::Retry(e)
    }
}

/// Runs one AI task to completion. A completed (or permanently failed) task returns `Ok` at
/// once. A retryable failure returns `Err` (fang retries) unless this was the last attempt,
/// which marks the task failed and notifies; a permanent one does so at once.
pub fn run_ai_task(env: &AiEnv<'_>, job: &RunAiTask) -> Result<()> {
    let scope = Scope::for_job(job.account_id);
    let task = {
        let mut conn = env.pool.get().map_err(db::DbError::from)?;
        match ai_tasks::get(&mut conn, &scope, job.ai_task_id) {
            Ok(t) => t,
            // The account or the task is gone: nothing to do, nothing to retry.
            Err(Error::Tenancy(tenancy::Error::NotFound)) => return Ok(()),
            Err(e) => return Err(e),
        }
    };
    if task.status == "completed" || task.status == "failed" {
        return Ok(());
    }
    let attempts = {
        let mut conn = env.pool.get().map_err(db::DbError::from)?;
        ai_tasks::start(&mut conn, &scope, task.id, env.now())?.attempts
    };
    match functions::run(env, &scope, &task) {
        Ok(()) => Ok(()),
        Err(e) => match classify(e) {
            Stop::Retry(e) if attempts <= MAX_RETRIES => {
                tracing::warn!(ai_task = %task.id, attempts, error = %e, "AI task failed; will retry");
                Err(e)
            }
            Stop::Retry(e) | Stop::Permanent(e) => {
                tracing::error!(ai_task = %task.id, attempts, error = %e, "AI task failed");
                let mut conn = env.pool.get().map_err(db::DbError::from)?;
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
        let title = format!("{} failed", label(&task.function));
        tenancy::notifications::notify(
            c,
            scope,
            &NewNotification {
                kind: "ai_task",
                level: Level::Error,
                title: &title,
                message: &message,
                data: serde_json::json!({"ai_task_id": task.id, "function": task.function}),
                dedupe_key: Some(&format!("ai_task:{}", task.id)),
            },
            now,
        )?;
        Ok(())
    })
}

/// A message for the account: domain facts, never internals.
fn failure_message(e: &Error) -> String {
    match e {
        Error::Billing(billing::Error::InsufficientCredits { needed, available }) => {
            format!("Not enough credits: {needed} needed, {available} available.")
        }
        Error::Ai(a) => format!("The AI provider failed: {a}"),
        Error::Tenancy(tenancy::Error::Db(_))
        | Error::Planning(planning::Error::Db(_))
        | Error::Content(content::Error::Db(_)) => {
            "A database error stopped the task; it was retried and gave up.".into()
        }
        other => other.to_string(),
    }
}

fn label(function: &str) -> &'static str {
    match function {
        "auto_cluster" => "Keyword clustering",
        "generate_ideas" => "Idea generation",
        "generate_content" => "Content generation",
        "generate_image_prompts" => "Image prompt generation",
        "generate_images" => "Image generation",
        _ => "AI task",
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
        let title = format!("{} finished", label(&task.function));
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

/// True when the account's ledger already holds `key`: that item's SAVE committed.
fn already_charged(conn: &mut PgConnection, scope: &Scope, key: &str) -> Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        credit_transactions::table
            .filter(credit_transactions::account_id.eq(scope.account_id()))
            .filter(credit_transactions::idempotency_key.eq(key)),
    ))
    .get_result(conn)?)
}

/// The credits and usage record of one provider call, from the cost table. The rate is the
/// model the provider reported (logged as is), else the model we asked for (providers report
/// dated snapshots such as `gpt-4o-mini-2024-07-18`), else — for a model missing from the table
/// (the offline algorithms, a self-hosted model) — the default model of the kind, so offline
/// runs cost what a real run would.
fn price_call(
    conn: &mut PgConnection,
    operation: &str,
    model: &str,
    requested: Option<&str>,
    tokens_in: u64,
    tokens_out: u64,
    images: i64,
) -> Result<(i64, billing::credits::UsageRecord)> {
    let op = billing::costs::operation_cost(conn, operation)?;
    let rate = match billing::costs::model_rate(conn, &op.kind, Some(model)) {
        Ok(r) => r,
        Err(_) => match requested.map(|m| billing::costs::model_rate(conn, &op.kind, Some(m))) {
            Some(Ok(r)) => r,
            _ => billing::costs::model_rate(conn, &op.kind, None)?,
        },
    };
    let tin = i64::try_from(tokens_in).unwrap_or(i64::MAX);
    let tout = i64::try_from(tokens_out).unwrap_or(i64::MAX);
    let quantity = if op.kind == "image" {
        billing::costs::Quantity::Images(images)
    } else {
        billing::costs::Quantity::Tokens(tin.saturating_add(tout))
    };
    let est = billing::costs::price(&op, &rate, quantity)?;
    // Every saved item is charged at least the operation's minimum (and at least 1): the
    // ledger row is also the item's "saved" marker.
    let credits = est.credits.max(op.min_credits).max(1);
    Ok((
        credits,
        billing::credits::UsageRecord {
            model: model.to_owned(),
            tokens_in: tin,
            tokens_out: tout,
            cost_usd_micros: billing::costs::cost_usd_micros(&rate, tin, tout, images),
        },
    ))
}

/// The text and image models the providers were configured with (none offline).
fn requested_models(p: &ai::Providers) -> (Option<String>, Option<String>) {
    let text = match &p.settings().provider {
        ai::ProviderChoice::OpenAi(c) => Some(c.text_model.clone()),
        ai::ProviderChoice::Offline => None,
    };
    let image = match &p.settings().image_provider {
        ai::ImageProviderChoice::OpenAi(c) => Some(c.image_model.clone()),
        ai::ImageProviderChoice::Offline => None,
    };
    (text, image)
}

/// One charge inside an item's SAVE transaction.
struct Charge<'a> {
    operation: &'a str,
    key: &'a str,
    reference: &'a str,
    description: &'a str,
    credits: i64,
    usage: billing::credits::UsageRecord,
}

fn charge(
    conn: &mut PgConnection,
    scope: &Scope,
    c: Charge<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    billing::credits::charge(
        conn,
        scope,
        &billing::credits::ChargeRequest {
            operation: c.operation,
            amount: c.credits,
            idempotency_key: c.key,
            reference: c.reference,
            description: c.description,
            usage: c.usage,
        },
        now,
    )?;
    Ok(c.credits)
}

/// The request field holding the ids, per function.
pub fn ids_field(function: Function) -> &'static str {
    match function {
        Function::AutoCluster => "keyword_ids",
        Function::GenerateIdeas => "cluster_ids",
        Function::GenerateContent | Function::GenerateImagePrompts | Function::GenerateImages => {
            "ids"
        }
    }
}

/// Credits a request is expected to cost, from the cost table's per-item estimates and the
/// default models.
pub fn estimate_credits(conn: &mut PgConnection, function: Function, items: i64) -> Result<i64> {
    use billing::costs::{Quantity, estimate};
    let e = match function {
        Function::AutoCluster => estimate(conn, "clustering", Quantity::Items(items), None)?,
        Function::GenerateIdeas => estimate(conn, "ideas", Quantity::Items(items), None)?,
        Function::GenerateContent => estimate(conn, "content", Quantity::Items(items), None)?,
        Function::GenerateImagePrompts => {
            estimate(conn, "image_prompts", Quantity::Items(items), None)?
        }
        Function::GenerateImages => estimate(conn, "images", Quantity::Images(items), None)?,
    };
    Ok(e.credits)
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
    if ids.len() > limit {
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
    billing::credits::check(conn, scope, needed)?;
    conn.transaction(|c| {
        let task = ai_tasks::create(
            c,
            scope,
            function,
            serde_json::json!({ field: ids, "estimated_credits": needed }),
            now,
        )?;
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
        .pool
        .get()
        .map_err(|e| Error::from(db::DbError::from(e)))
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
