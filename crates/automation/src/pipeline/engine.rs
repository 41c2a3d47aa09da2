//! The pipeline engine: one fang job per batch (`automation.run_step`).
//!
//! A step loads its run (a stale job — its `seq` is not the run's `step_seq` — or a run that is
//! not `running` does nothing), takes the next batch of its stage's pending items (within the
//! batch size and the stage's cap, leaving out items the run gave up on) and works it through the
//! same step functions as the manual AI actions ([`crate::steps`]). Each item's domain writes, its
//! credit charge and its `automation_run_items` record commit together, and that transaction
//! adds the item's credits and input units to the run row (`total_credits`, `stage_consumed`).
//! A batch reads the pending items above the stage's cursor (`stage_cursor`, the highest id an
//! earlier batch took), and items that became pending again below it are swept once nothing is
//! left above; so a step reads what it needs from the run row and never walks the items already
//! done — it costs the same at item 10 and item 100,000. Then one transaction records the batch
//! (its cursor, a progress event) and enqueues the next step — the same stage after
//! `within_stage_delay`, or the next stage after `between_stage_delay` once nothing is pending.
//! Killing the worker anywhere leaves whole items; the re-run finds the saved items no longer
//! pending (and their keys charged), so the run ends with exactly the rows and charges of an
//! uninterrupted one.

use super::model::{EventKind, Outcome, RunRow, RunSettings, RunStatus, Stage};
use super::runs::{emit, notify_run, set_paused};
use crate::steps::{AiEnv, ItemDone, ItemNote, Step, StepReport, StepSink};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::jobs::{context, job_error};
use db::schema::{automation_run_items, automation_runs};
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable};
use kernel::{
    AccountId, AutomationRunId, ClusterId, ContentId, IdeaId, ImageId, KeywordId, TaskId,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tenancy::Scope;
use tenancy::notifications::Level;

/// fang task type of pipeline steps; the worker serves it with its own threads.
pub const AUTOMATION_TASK_TYPE: &str = "automation";
/// Runs of one step before the run fails (the first run plus retries).
pub const MAX_STEP_ATTEMPTS: i32 = 4;

/// One batch of a run. The payload carries ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStep {
    /// The run.
    pub run_id: AutomationRunId,
    /// Its account.
    pub account_id: AccountId,
    /// The run's `step_seq` when this step was enqueued.
    pub seq: i32,
}

#[typetag::serde(name = "automation.run_step")]
impl Runnable for RunStep {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let rt = crate::ai_functions::runtime().map_err(job_error)?;
        let env = AiEnv::new(
            &ctx.pool,
            &ctx.clock,
            &rt.providers,
            rt.media.as_ref(),
            &rt.secret_key,
        );
        advance(&env, self).map_err(job_error)
    }

    fn task_type(&self) -> String {
        AUTOMATION_TASK_TYPE.into()
    }

    fn max_retries(&self) -> i32 {
        MAX_STEP_ATTEMPTS
    }

    fn backoff(&self, attempt: u32) -> u32 {
        // 5 s, 10 s, 20 s, 40 s
        5u32.saturating_mul(1 << attempt.min(5))
    }
}

/// The run's view of a step: items recorded with their SAVE, pause and cancel honoured before
/// each item.
struct RunSink<'a> {
    env: &'a AiEnv<'a>,
    scope: &'a Scope,
    run: AutomationRunId,
    seq: i32,
    stage: Stage,
    /// True until the first stop check: the step read the run just before working the batch,
    /// so that check needs no query.
    fresh: std::cell::Cell<bool>,
}

/// One `automation_run_items` row.
#[derive(Insertable)]
#[diesel(table_name = automation_run_items)]
struct NewRunItem<'a> {
    account_id: AccountId,
    run_id: AutomationRunId,
    stage: i16,
    item_key: &'a str,
    item_id: i64,
    outcome: Outcome,
    inputs: i32,
    created: i32,
    credits: i64,
    provider_us: i64,
    reason: Option<&'a str>,
    created_at: DateTime<Utc>,
}

impl RunSink<'_> {
    fn row<'k>(
        &self,
        key: &'k str,
        id: i64,
        outcome: Outcome,
        item: Option<&ItemDone>,
        reason: Option<&'k str>,
    ) -> NewRunItem<'k> {
        NewRunItem {
            account_id: self.scope.account_id(),
            run_id: self.run,
            stage: self.stage.number(),
            item_key: key,
            item_id: id,
            outcome,
            inputs: item.map_or(1, |i| i32::try_from(i.inputs).unwrap_or(i32::MAX)),
            created: item.map_or(0, |i| i32::try_from(i.created).unwrap_or(i32::MAX)),
            credits: item.map_or(0, |i| i.credits),
            provider_us: item.map_or(0, |i| i64::try_from(i.provider_us).unwrap_or(i64::MAX)),
            reason,
            created_at: self.env.now(),
        }
    }

    /// Adds saved items' credits and input units to the run row, in the items' transaction. A
    /// stale step of an earlier stage adds its credits but not its inputs to the current stage.
    fn count_saved(&self, conn: &mut PgConnection, credits: i64, inputs: i64) -> Result<()> {
        use diesel::sql_types::{BigInt, SmallInt};
        diesel::update(
            automation_runs::table
                .filter(automation_runs::account_id.eq(self.scope.account_id()))
                .filter(automation_runs::id.eq(self.run)),
        )
        .set((
            automation_runs::total_credits.eq(automation_runs::total_credits + credits),
            automation_runs::stage_consumed.eq(diesel::dsl::sql::<BigInt>(
                "CASE WHEN current_stage = ",
            )
            .bind::<SmallInt, _>(self.stage.number())
            .sql(" THEN stage_consumed + ")
            .bind::<BigInt, _>(inputs)
            .sql(" ELSE stage_consumed END")),
        ))
        .execute(conn)?;
        Ok(())
    }

    fn record(
        &self,
        conn: &mut PgConnection,
        key: &str,
        id: i64,
        outcome: Outcome,
        item: Option<&ItemDone>,
        reason: Option<&str>,
    ) -> Result<usize> {
        Ok(diesel::insert_into(automation_run_items::table)
            .values(self.row(key, id, outcome, item, reason))
            .on_conflict_do_nothing()
            .execute(conn)?)
    }
}

/// An item's input units as recorded (`automation_run_items.inputs` is an `int`).
fn units(inputs: usize) -> i64 {
    i64::from(i32::try_from(inputs).unwrap_or(i32::MAX))
}

/// The id in an item key (`task:12` → 12; a keyword group names its first keyword last).
fn key_id(key: &str) -> i64 {
    key.rsplit(':')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

impl StepSink for RunSink<'_> {
    fn saved(&self, conn: &mut PgConnection, item: &ItemDone) -> Result<()> {
        if self.record(
            conn,
            &item.key,
            key_id(&item.key),
            Outcome::Saved,
            Some(item),
            None,
        )? == 0
        {
            // Another step of this run saved the item first: roll this save back whole.
            return Err(Error::Interrupted(format!(
                "item {} was already saved by another step of run {}",
                item.key, self.run
            )));
        }
        self.count_saved(conn, item.credits, units(item.inputs))
    }

    fn saved_all(&self, conn: &mut PgConnection, items: &[ItemDone]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let rows: Vec<NewRunItem<'_>> = items
            .iter()
            .map(|i| self.row(&i.key, key_id(&i.key), Outcome::Saved, Some(i), None))
            .collect();
        let written = diesel::insert_into(automation_run_items::table)
            .values(rows)
            .on_conflict_do_nothing()
            .execute(conn)?;
        if written != items.len() {
            // Another step of this run saved one of the items first: roll these saves back whole.
            return Err(Error::Interrupted(format!(
                "{} of {} items were already saved by another step of run {}",
                items.len() - written,
                items.len(),
                self.run
            )));
        }
        self.count_saved(
            conn,
            items.iter().map(|i| i.credits).sum(),
            items.iter().map(|i| units(i.inputs)).sum(),
        )
    }

    fn gave_up(&self, note: &ItemNote) -> Result<()> {
        let mut c = self.env.conn()?;
        let outcome = if note.failed {
            Outcome::Failed
        } else {
            Outcome::Skipped
        };
        c.transaction(|tx| {
            if self.record(tx, &note.key, note.id, outcome, None, Some(&note.reason))? > 0
                && note.failed
            {
                emit(
                    tx,
                    self.scope,
                    self.run,
                    EventKind::Error,
                    Some(self.stage),
                    &format!("Item {} failed: {}", note.key, note.reason),
                    json!({"item": note.key, "reason": note.reason}),
                    self.env.now(),
                )?;
            }
            Ok(())
        })
    }

    fn skips_reworked(&self) -> bool {
        true
    }

    fn stop_requested(&self) -> Result<bool> {
        if self.fresh.replace(false) {
            return Ok(false);
        }
        let mut c = self.env.conn()?;
        let (status, seq): (RunStatus, i32) = automation_runs::table
            .filter(automation_runs::account_id.eq(self.scope.account_id()))
            .filter(automation_runs::id.eq(self.run))
            .select((automation_runs::status, automation_runs::step_seq))
            .first(&mut c)?;
        Ok(status != RunStatus::Running || seq != self.seq)
    }
}

/// Why a step did not finish.
enum Stop {
    /// Worth another attempt (database, provider timeout or 5xx, interrupted save).
    Retry(Error),
    /// Will not get better by retrying.
    Permanent(Error),
    /// The balance ran short: pause with a reason.
    Credits { needed: i64, available: i64 },
}

fn classify(e: Error) -> Stop {
    match e {
        Error::Billing(billing::Error::InsufficientCredits { needed, available }) => {
            Stop::Credits { needed, available }
        }
        e => match crate::ai_functions::is_permanent(&e) {
            true => Stop::Permanent(e),
            false => Stop::Retry(e),
        },
    }
}

/// Locks the run for a bookkeeping transaction; `None` when the job is stale or the run is gone.
fn lock_current(conn: &mut PgConnection, scope: &Scope, job: &RunStep) -> Result<Option<RunRow>> {
    let row: Option<RunRow> = automation_runs::table
        .filter(automation_runs::account_id.eq(scope.account_id()))
        .filter(automation_runs::id.eq(job.run_id))
        .select(RunRow::as_select())
        .for_update()
        .first(conn)
        .optional()?;
    Ok(row.filter(|r| r.step_seq == job.seq))
}

/// Works one step of a run (see the module docs). A retryable failure returns `Err` for fang to
/// retry, until the last attempt fails the run; a permanent one fails it at once; a short
/// balance pauses it.
pub fn advance(env: &AiEnv<'_>, job: &RunStep) -> Result<()> {
    let scope = Scope::for_job(job.account_id);
    // The run is read and its attempt counted in one statement; a stale job (its `seq` is not
    // the run's `step_seq`) or a run that is not running finds no row and does nothing.
    let row: Option<RunRow> = {
        let mut c = env.conn()?;
        diesel::update(
            automation_runs::table
                .filter(automation_runs::account_id.eq(scope.account_id()))
                .filter(automation_runs::id.eq(job.run_id))
                .filter(automation_runs::step_seq.eq(job.seq))
                .filter(automation_runs::status.eq(RunStatus::Running)),
        )
        .set(automation_runs::step_attempts.eq(automation_runs::step_attempts + 1))
        .returning(RunRow::as_returning())
        .get_result(&mut c)
        .optional()?
    };
    let Some(row) = row else {
        return Ok(());
    };
    let attempts = row.step_attempts;
    match step(env, &scope, job, row) {
        Ok(()) => Ok(()),
        Err(e) => match classify(e) {
            Stop::Credits { needed, available } => {
                let mut c = env.conn()?;
                c.transaction(|tx| {
                    let Some(row) = lock_current(tx, &scope, job)? else {
                        return Ok(());
                    };
                    if row.status != RunStatus::Running {
                        return Ok(());
                    }
                    let message = format!(
                        "Paused: not enough credits ({needed} needed, {available} available). Add credits and resume."
                    );
                    let row = set_paused(tx, &scope, &row, "insufficient_credits", &message, env.now())?;
                    notify_run(
                        tx,
                        &scope,
                        &row,
                        Level::Warning,
                        "Automation paused",
                        &message,
                        env.now(),
                    )
                })
            }
            Stop::Retry(e) if attempts < MAX_STEP_ATTEMPTS => {
                tracing::warn!(run = %job.run_id, attempts, error = %e, "automation step failed; will retry");
                let mut c = env.conn()?;
                emit(
                    &mut c,
                    &scope,
                    job.run_id,
                    EventKind::Error,
                    None,
                    &format!(
                        "Step failed (attempt {attempts} of {MAX_STEP_ATTEMPTS}); retrying: {}",
                        crate::ai_functions::failure_message(&e)
                    ),
                    json!({"attempt": attempts}),
                    env.now(),
                )?;
                Err(e)
            }
            Stop::Retry(e) | Stop::Permanent(e) => {
                tracing::error!(run = %job.run_id, attempts, error = %e, "automation run failed");
                let mut c = env.conn()?;
                fail_run(
                    &mut c,
                    &scope,
                    job,
                    &crate::ai_functions::failure_message(&e),
                    env.now(),
                )
            }
        },
    }
}

fn fail_run(
    conn: &mut PgConnection,
    scope: &Scope,
    job: &RunStep,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.transaction(|tx| {
        let Some(row) = lock_current(tx, scope, job)? else {
            return Ok(());
        };
        if !row.status.is_active() {
            return Ok(());
        }
        let row: RunRow = diesel::update(
            automation_runs::table
                .filter(automation_runs::account_id.eq(scope.account_id()))
                .filter(automation_runs::id.eq(row.id)),
        )
        .set((
            automation_runs::status.eq(RunStatus::Failed),
            automation_runs::error.eq(message),
            automation_runs::completed_at.eq(now),
            automation_runs::updated_at.eq(now),
            automation_runs::total_credits.eq(run_credits(tx, scope, row.id)?),
        ))
        .returning(RunRow::as_returning())
        .get_result(tx)?;
        billing::holds::release(tx, scope, &super::runs::hold_reference(row.id), now)?;
        emit(
            tx,
            scope,
            row.id,
            EventKind::RunFailed,
            Stage::from_number(row.current_stage),
            &format!("Run failed: {message}"),
            json!({"error": message, "total_credits": row.total_credits}),
            now,
        )?;
        notify_run(
            tx,
            scope,
            &row,
            Level::Error,
            "Automation failed",
            message,
            now,
        )?;
        mail_run_failed(tx, scope, &row, message, now)
    })
}

/// The "automation run failed" e-mail (templates in `crates/automation/templates/mail/`).
pub const RUN_FAILED_MAIL: tenancy::mail::Template = tenancy::mail::Template {
    name: "automation_run_failed",
    subject: include_str!("../../templates/mail/automation_run_failed.subject.txt"),
    text: include_str!("../../templates/mail/automation_run_failed.txt"),
    html: include_str!("../../templates/mail/automation_run_failed.html"),
};

/// Queues the failure e-mail to the account's owner (or billing contact), once per run.
fn mail_run_failed(
    tx: &mut PgConnection,
    scope: &Scope,
    row: &RunRow,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(to) = tenancy::mail::account_recipient(tx, scope.account_id())? else {
        return Ok(());
    };
    let site_name = tenancy::sites::get_site(tx, scope, row.site_id)?.name;
    let rendered = tenancy::mail::render(
        &RUN_FAILED_MAIL,
        json!({
            "run_id": row.id,
            "site_name": site_name,
            "stage": row.current_stage,
            "error": message,
            "credits": row.total_credits,
        }),
    )?;
    tenancy::mail::enqueue(
        tx,
        &tenancy::mail::NewEmail {
            account_id: scope.account_id(),
            to: &to,
            message: rendered,
            dedupe_key: Some(&format!("automation_run_failed:{}", row.id)),
            attachments: Vec::new(),
        },
        now,
    )?;
    Ok(())
}

fn run_credits(conn: &mut PgConnection, scope: &Scope, run: AutomationRunId) -> Result<i64> {
    Ok(automation_run_items::table
        .filter(automation_run_items::account_id.eq(scope.account_id()))
        .filter(automation_run_items::run_id.eq(run))
        .select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "COALESCE(SUM(credits), 0)::bigint",
        ))
        .first(conn)?)
}

/// Ids of the stage's items the run gave up on (failed or skipped) above `after`; read from the
/// partial index of given-up items, so the saved ones are never walked.
fn gave_up_ids(
    conn: &mut PgConnection,
    scope: &Scope,
    run: AutomationRunId,
    stage: Stage,
    after: i64,
) -> Result<Vec<i64>> {
    Ok(automation_run_items::table
        .filter(automation_run_items::account_id.eq(scope.account_id()))
        .filter(automation_run_items::run_id.eq(run))
        .filter(automation_run_items::stage.eq(stage.number()))
        .filter(automation_run_items::item_id.gt(after))
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            "automation_run_items.outcome <> 'saved'",
        ))
        .select(automation_run_items::item_id)
        .load(conn)?)
}

fn typed<T>(ids: &[i64], make: impl Fn(i64) -> T) -> Vec<T> {
    ids.iter().copied().map(make).collect()
}

/// The ids of the next batch of `stage`: pending items above `after`, at most `limit`, none in
/// `exclude`.
#[allow(clippy::too_many_arguments)]
fn next_batch(
    conn: &mut PgConnection,
    scope: &Scope,
    row: &RunRow,
    stage: Stage,
    settings: &RunSettings,
    limit: i64,
    after: i64,
    exclude: &[i64],
) -> Result<Vec<i64>> {
    let site = row.site_id;
    Ok(match stage {
        Stage::Clustering => planning::ai_work::pending_keywords(
            conn,
            scope,
            site,
            limit,
            KeywordId(after),
            &typed(exclude, KeywordId),
        )?
        .into_iter()
        .map(KeywordId::get)
        .collect(),
        Stage::Ideas => planning::ai_work::pending_clusters(
            conn,
            scope,
            site,
            limit,
            ClusterId(after),
            &typed(exclude, ClusterId),
        )?
        .into_iter()
        .map(ClusterId::get)
        .collect(),
        Stage::Tasks => planning::ai_work::pending_ideas(
            conn,
            scope,
            site,
            limit,
            IdeaId(after),
            &typed(exclude, IdeaId),
        )?
        .into_iter()
        .map(IdeaId::get)
        .collect(),
        Stage::Content => content::ai_work::pending_tasks(
            conn,
            scope,
            site,
            limit,
            TaskId(after),
            &typed(exclude, TaskId),
        )?
        .into_iter()
        .map(TaskId::get)
        .collect(),
        Stage::ImagePrompts => content::ai_work::pending_image_prompts(
            conn,
            scope,
            site,
            limit,
            ContentId(after),
            &typed(exclude, ContentId),
        )?
        .into_iter()
        .map(ContentId::get)
        .collect(),
        Stage::Images => content::ai_work::pending_images(
            conn,
            scope,
            site,
            limit,
            ImageId(after),
            &typed(exclude, ImageId),
        )?
        .into_iter()
        .map(ImageId::get)
        .collect(),
        Stage::Review => {
            let ids = if settings.auto_approve {
                content::ai_work::pending_review(
                    conn,
                    scope,
                    site,
                    limit,
                    ContentId(after),
                    &typed(exclude, ContentId),
                )?
            } else {
                content::ai_work::drafts_ready_for_review(
                    conn,
                    scope,
                    site,
                    limit,
                    ContentId(after),
                )?
            };
            ids.into_iter().map(ContentId::get).collect()
        }
    })
}

fn stage_times_set(
    times: &serde_json::Value,
    stage: Stage,
    field: &str,
    now: DateTime<Utc>,
) -> serde_json::Value {
    let mut t = times.clone();
    if !t.is_object() {
        t = json!({});
    }
    t[stage.number().to_string()][field] = json!(now);
    t
}

/// One step of a run.
fn step(env: &AiEnv<'_>, scope: &Scope, job: &RunStep, row: RunRow) -> Result<()> {
    let mut c = env.conn()?;
    let settings = settings_of(&row)?;
    let stage =
        Stage::from_number(row.current_stage).ok_or_else(|| Error::InvalidStoredSetting {
            field: "automation_runs.current_stage",
            message: format!("no stage {}", row.current_stage),
        })?;
    let now = env.now();
    if row.stage_times[stage.number().to_string()]["started_at"].is_null() {
        let started = c.transaction(|tx| {
            let Some(row) = lock_current(tx, scope, job)? else {
                return Ok(None);
            };
            let row: RunRow = diesel::update(
                automation_runs::table
                    .filter(automation_runs::account_id.eq(scope.account_id()))
                    .filter(automation_runs::id.eq(row.id)),
            )
            .set((
                automation_runs::stage_times.eq(stage_times_set(
                    &row.stage_times,
                    stage,
                    "started_at",
                    now,
                )),
                automation_runs::updated_at.eq(now),
            ))
            .returning(RunRow::as_returning())
            .get_result(tx)?;
            let pending = super::runs::backlog(tx, scope, row.site_id)?.of(stage);
            emit(
                tx,
                scope,
                row.id,
                EventKind::StageStarted,
                Some(stage),
                &format!(
                    "Stage {} started: {} ({pending} pending).",
                    stage.number(),
                    stage.name()
                ),
                json!({"pending": pending}),
                now,
            )?;
            Ok::<_, Error>(Some(row))
        })?;
        if started.is_none() {
            return Ok(());
        }
    }
    // Credit cap of the run.
    if let Some(max) = settings.max_credits
        && row.total_credits >= max
    {
        return end_stage(env, scope, job, stage, StageEnd::CreditCapReached);
    }
    let mut limit = settings.batch_size(stage);
    if let Some(cap) = settings.cap(stage) {
        limit = limit.min(cap - row.stage_consumed);
    }
    if limit <= 0 {
        return end_stage(env, scope, job, stage, StageEnd::StageCapReached);
    }
    // The pending items above the stage's cursor; once none is left, a sweep from the start
    // finds any that became pending again below it. Items the run gave up on stay out.
    let mut ids = Vec::new();
    for after in [row.stage_cursor, 0] {
        let gave_up = gave_up_ids(&mut c, scope, row.id, stage, after)?;
        ids = next_batch(
            &mut c, scope, &row, stage, &settings, limit, after, &gave_up,
        )?;
        if !ids.is_empty() || row.stage_cursor == 0 {
            break;
        }
    }
    drop(c);
    if ids.is_empty() {
        return end_stage(env, scope, job, stage, StageEnd::Drained);
    }
    let sink = RunSink {
        env,
        scope,
        run: row.id,
        seq: job.seq,
        stage,
        fresh: std::cell::Cell::new(true),
    };
    let report = work(env, scope, &row, stage, &settings, &ids, &sink)?;
    let cursor = ids.iter().copied().max().unwrap_or(0);
    finish_batch(env, scope, job, stage, &settings, &report, cursor)
}

/// Works one batch through the stage's step.
fn work(
    env: &AiEnv<'_>,
    scope: &Scope,
    row: &RunRow,
    stage: Stage,
    settings: &RunSettings,
    ids: &[i64],
    sink: &RunSink<'_>,
) -> Result<StepReport> {
    match stage {
        Stage::Tasks => ideas_to_tasks(env, scope, ids, sink),
        Stage::Review => review(env, scope, ids, settings.auto_approve, sink),
        _ => {
            let providers = env.providers_for(scope)?;
            let prefix = super::runs::hold_reference(row.id);
            let step = Step {
                env,
                scope,
                providers: &providers,
                key_prefix: &prefix,
                reference: &prefix,
                sink,
            };
            match stage {
                Stage::Clustering => step.cluster_keywords(&typed(ids, KeywordId)),
                Stage::Ideas => step.generate_ideas(&typed(ids, ClusterId)),
                Stage::Content => step.write_articles(&typed(ids, TaskId)),
                Stage::ImagePrompts => step.write_image_prompts(&typed(ids, ContentId)),
                _ => step.generate_images(&typed(ids, ImageId)),
            }
        }
    }
}

/// Stage 3: one writer task per idea, through the same service as `ideas/create_tasks/`; the
/// tasks and the item records commit together.
fn ideas_to_tasks(
    env: &AiEnv<'_>,
    scope: &Scope,
    ids: &[i64],
    sink: &RunSink<'_>,
) -> Result<StepReport> {
    let mut report = StepReport::default();
    if sink.stop_requested()? {
        report.stopped = true;
        return Ok(report);
    }
    let mut c = env.conn()?;
    let now = env.now();
    let made = c.transaction(|tx| {
        let made = crate::ideas_to_tasks::create_tasks(tx, scope, &typed(ids, IdeaId), now)?;
        let items: Vec<ItemDone> = ids
            .iter()
            .map(|id| ItemDone {
                key: format!("idea:{id}"),
                inputs: 1,
                created: 1,
                credits: 0,
                provider_us: 0,
            })
            .collect();
        sink.saved_all(tx, &items)?;
        Ok::<_, Error>(made)
    })?;
    report.saved = ids.len();
    report.created = made.created;
    report.created_ids = made.task_ids.iter().map(|t| t.get()).collect();
    Ok(report)
}

/// Stage 7: approve (or hand over for review) each item in its own transaction with its record.
fn review(
    env: &AiEnv<'_>,
    scope: &Scope,
    ids: &[i64],
    approve: bool,
    sink: &RunSink<'_>,
) -> Result<StepReport> {
    let mut report = StepReport::default();
    for &id in ids {
        if sink.stop_requested()? {
            report.stopped = true;
            break;
        }
        let mut c = env.conn()?;
        let now = env.now();
        let outcome = c.transaction(|tx| {
            let r = content::ai_work::review_content(tx, scope, ContentId(id), approve, now)?;
            if r != content::ai_work::Reviewed::Skipped {
                sink.saved(
                    tx,
                    &ItemDone {
                        key: format!("review:{id}"),
                        inputs: 1,
                        created: usize::from(r == content::ai_work::Reviewed::Approved),
                        credits: 0,
                        provider_us: 0,
                    },
                )?;
            }
            Ok::<_, Error>(r)
        })?;
        match outcome {
            content::ai_work::Reviewed::Skipped => sink.gave_up(&ItemNote {
                key: format!("review:{id}"),
                id,
                reason: "The content is not in draft or review any more.".into(),
                failed: false,
            })?,
            _ => report.saved += 1,
        }
    }
    Ok(report)
}

/// Records a finished batch (moving the stage's cursor to `cursor`, the highest id it took) and
/// enqueues the next step of the same stage.
fn finish_batch(
    env: &AiEnv<'_>,
    scope: &Scope,
    job: &RunStep,
    stage: Stage,
    settings: &RunSettings,
    report: &StepReport,
    cursor: i64,
) -> Result<()> {
    let mut c = env.conn()?;
    let now = env.now();
    c.transaction(|tx| {
        // The UPDATE locks the run row; a stale job finds none. A run paused or cancelled
        // meanwhile keeps its `step_seq`, so nothing follows.
        let row: Option<RunRow> = diesel::update(
            automation_runs::table
                .filter(automation_runs::account_id.eq(scope.account_id()))
                .filter(automation_runs::id.eq(job.run_id))
                .filter(automation_runs::step_seq.eq(job.seq)),
        )
        .set((
            automation_runs::stage_batch.eq(automation_runs::stage_batch + 1),
            automation_runs::stage_cursor.eq(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "GREATEST(stage_cursor, ",
            )
            .bind::<diesel::sql_types::BigInt, _>(cursor)
            .sql(")")),
            automation_runs::step_seq.eq(diesel::dsl::sql::<diesel::sql_types::Integer>(
                "CASE WHEN status = 'running' THEN step_seq + 1 ELSE step_seq END",
            )),
            automation_runs::step_attempts.eq(0),
            automation_runs::updated_at.eq(now),
        ))
        .returning(RunRow::as_returning())
        .get_result(tx)
        .optional()?;
        let Some(row) = row else {
            return Ok(());
        };
        let continues = row.status == RunStatus::Running;
        emit(
            tx,
            scope,
            row.id,
            EventKind::StageProgress,
            Some(stage),
            &format!(
                "Stage {} batch {}: {} saved, {} created, {} skipped, {} failed, {} credits.",
                stage.number(),
                row.stage_batch,
                report.saved,
                report.created,
                report.skipped.len(),
                report.failed.len(),
                report.credits
            ),
            json!({
                "batch": row.stage_batch,
                "saved": report.saved,
                "created": report.created,
                "skipped": report.skipped.len(),
                "failed": report.failed.len(),
                "credits": report.credits,
                "total_credits": row.total_credits,
                "provider_ms": report.provider_time.as_secs_f64() * 1000.0,
            }),
            now,
        )?;
        if continues {
            enqueue_step(
                tx,
                scope,
                row.id,
                row.step_seq,
                settings.within_stage_delay_secs,
                now,
            )?;
        }
        Ok(())
    })
}

fn enqueue_step(
    conn: &mut PgConnection,
    scope: &Scope,
    run: AutomationRunId,
    seq: i32,
    delay_secs: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let job = RunStep {
        run_id: run,
        account_id: scope.account_id(),
        seq,
    };
    let at = now + chrono::Duration::seconds(i64::from(delay_secs.max(0)));
    db::jobs::enqueue_at(conn, &job, at)?;
    Ok(())
}

/// Why a stage ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StageEnd {
    /// Nothing is pending any more.
    Drained,
    /// The stage's per-run item cap is used up: the next stage starts.
    StageCapReached,
    /// The run's credit cap is used up: the run completes here.
    CreditCapReached,
}

impl StageEnd {
    fn note(self) -> Option<&'static str> {
        match self {
            StageEnd::Drained => None,
            StageEnd::StageCapReached => Some("the stage's cap is reached"),
            StageEnd::CreditCapReached => Some("the run's credit cap is reached"),
        }
    }
}

fn settings_of(row: &RunRow) -> Result<RunSettings> {
    serde_json::from_value(row.settings.clone()).map_err(|e| Error::InvalidStoredSetting {
        field: "automation_runs.settings",
        message: e.to_string(),
    })
}

/// Ends a stage: records its end and moves to the next stage, or completes the run after the
/// last one (or when its credit cap is used up).
fn end_stage(
    env: &AiEnv<'_>,
    scope: &Scope,
    job: &RunStep,
    stage: Stage,
    end: StageEnd,
) -> Result<()> {
    let note = end.note();
    let mut c = env.conn()?;
    let now = env.now();
    c.transaction(|tx| {
        let Some(row) = lock_current(tx, scope, job)? else {
            return Ok(());
        };
        if row.status != RunStatus::Running {
            return Ok(());
        }
        let settings = settings_of(&row)?;
        let times = stage_times_set(&row.stage_times, stage, "finished_at", now);
        let total = run_credits(tx, scope, row.id)?;
        // The row is locked: its consumption is that of every item the stage saved.
        let saved = row.stage_consumed;
        let gave_up = gave_up_ids(tx, scope, row.id, stage, 0)?;
        emit(
            tx,
            scope,
            row.id,
            EventKind::StageCompleted,
            Some(stage),
            &match note {
                Some(n) => format!("Stage {} completed ({n}): {saved} items.", stage.number()),
                None => format!("Stage {} completed: {saved} items.", stage.number()),
            },
            json!({"processed": saved, "gave_up": gave_up.len(), "note": note, "total_credits": total}),
            now,
        )?;
        let next = match end {
            StageEnd::CreditCapReached => None,
            StageEnd::Drained | StageEnd::StageCapReached => stage.next(),
        };
        match next {
            Some(next) => {
                let seq = row.step_seq + 1;
                diesel::update(
                    automation_runs::table
                        .filter(automation_runs::account_id.eq(scope.account_id()))
                        .filter(automation_runs::id.eq(row.id)),
                )
                .set((
                    automation_runs::current_stage.eq(next.number()),
                    automation_runs::stage_batch.eq(0),
                    automation_runs::stage_consumed.eq(0),
                    automation_runs::stage_cursor.eq(0),
                    automation_runs::stage_times.eq(times),
                    automation_runs::total_credits.eq(total),
                    automation_runs::step_seq.eq(seq),
                    automation_runs::step_attempts.eq(0),
                    automation_runs::updated_at.eq(now),
                ))
                .execute(tx)?;
                enqueue_step(tx, scope, row.id, seq, settings.between_stage_delay_secs, now)?;
            }
            None => {
                let row: RunRow = diesel::update(
                    automation_runs::table
                        .filter(automation_runs::account_id.eq(scope.account_id()))
                        .filter(automation_runs::id.eq(row.id)),
                )
                .set((
                    automation_runs::status.eq(RunStatus::Completed),
                    automation_runs::stage_times.eq(times),
                    automation_runs::total_credits.eq(total),
                    automation_runs::step_attempts.eq(0),
                    automation_runs::completed_at.eq(now),
                    automation_runs::updated_at.eq(now),
                ))
                .returning(RunRow::as_returning())
                .get_result(tx)?;
                billing::holds::release(tx, scope, &super::runs::hold_reference(row.id), now)?;
                let message = format!("Run completed: {total} credits spent.");
                emit(
                    tx,
                    scope,
                    row.id,
                    EventKind::RunCompleted,
                    Some(stage),
                    &message,
                    json!({"total_credits": total, "note": note}),
                    now,
                )?;
                notify_run(tx, scope, &row, Level::Success, "Automation completed", &message, now)?;
            }
        }
        Ok(())
    })
}
