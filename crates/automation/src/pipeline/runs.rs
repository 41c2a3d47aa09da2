//! Runs as users see and steer them: estimate, run now, pause, resume, cancel, the current run,
//! history, logs, the pipeline overview, and the event log behind the SSE stream.

use super::config::get_config;
use super::engine::RunStep;
use super::model::{
    Backlog, EventKind, ItemReason, Outcome, Run, RunEvent, RunRow, RunSettings, RunStatus, Stage,
    StageResult, Trigger,
};
use crate::{Error, Result};
use billing::usage::AiOperation;
use chrono::{DateTime, Utc};
use db::schema::{automation_configs, automation_events, automation_runs};
use diesel::prelude::*;
use kernel::{AutomationEventId, AutomationRunId, Page, PageRequest, Role, SiteId};
use serde::Serialize;
use serde_json::{Value, json};
use tenancy::Scope;
use tenancy::notifications::{Level, NewNotification};

/// PostgreSQL channel on which every new run event is announced (`<run id>:<event id>`).
pub const EVENTS_CHANNEL: &str = "automation_events";
/// Balance a run needs over its estimate (the original product's 20 % buffer).
pub const CREDIT_BUFFER_PERCENT: i64 = 120;
/// Estimate: keywords per cluster clustering makes.
pub const KEYWORDS_PER_CLUSTER: i64 = 5;
/// Estimate: ideas per cluster (idea generation makes 3–7).
pub const IDEAS_PER_CLUSTER: i64 = 5;
/// Most events `logs/` returns.
pub const MAX_LOG_LINES: i64 = 1000;

/// The pending items of every stage on a site, now.
pub fn backlog(conn: &mut PgConnection, scope: &Scope, site: SiteId) -> Result<Backlog> {
    let p = planning::ai_work::backlog(conn, scope, site)?;
    let w = content::ai_work::backlog(conn, scope, site)?;
    Ok(Backlog {
        keywords: p.keywords,
        clusters: p.clusters,
        ideas: p.ideas,
        tasks: w.tasks,
        content: w.image_prompts,
        images: w.images,
        review: w.review,
    })
}

/// One stage of an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StageEstimate {
    /// 1–7.
    pub stage: i16,
    /// Its name.
    pub name: String,
    /// Items pending now.
    pub pending: i64,
    /// Items the run is expected to process (pending now plus what earlier stages make,
    /// within the caps).
    pub items: i64,
    /// Credits expected.
    pub credits: i64,
}

/// What a run on a site is expected to cost, and whether the balance covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RunEstimate {
    /// The site.
    pub site_id: SiteId,
    /// Per stage.
    pub stages: Vec<StageEstimate>,
    /// Credits expected in total (within the run's credit cap).
    pub total_credits: i64,
    /// The account's balance less the credits its open holds reserve for accepted work (other
    /// runs, AI tasks).
    pub balance: i64,
    /// What the balance must hold to start: 1.2 × the estimate.
    pub required_credits: i64,
    /// True when the balance covers `required_credits`.
    pub sufficient: bool,
}

/// Estimates a run on `site` with its current config. `images_per_article` is the featured
/// image plus the in-article images each article gets.
pub fn estimate(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    images_per_article: i64,
    now: DateTime<Utc>,
) -> Result<RunEstimate> {
    let config = get_config(conn, scope, site, now)?;
    let settings = RunSettings::of(&config);
    let b = backlog(conn, scope, site)?;
    let capped = |stage: Stage, n: i64| settings.cap(stage).map_or(n, |c| n.min(c)).max(0);
    let s1 = capped(Stage::Clustering, b.keywords);
    let s2 = capped(
        Stage::Ideas,
        b.clusters + div_ceil(s1, KEYWORDS_PER_CLUSTER),
    );
    let s3 = capped(Stage::Tasks, b.ideas + s2 * IDEAS_PER_CLUSTER);
    let s4 = capped(Stage::Content, b.tasks + s3);
    let s5 = capped(Stage::ImagePrompts, b.content + s4);
    let s6 = capped(Stage::Images, b.images + s5 * images_per_article.max(1));
    let s7 = b.review + s4;
    let credits = |conn: &mut PgConnection, op: AiOperation, n: i64| -> Result<i64> {
        if n == 0 {
            Ok(0)
        } else {
            Ok(billing::usage::estimate_items(conn, op, n)?)
        }
    };
    let rows = [
        (
            Stage::Clustering,
            s1,
            credits(conn, AiOperation::Clustering, s1)?,
        ),
        (Stage::Ideas, s2, credits(conn, AiOperation::Ideas, s2)?),
        (Stage::Tasks, s3, 0),
        (Stage::Content, s4, credits(conn, AiOperation::Content, s4)?),
        (
            Stage::ImagePrompts,
            s5,
            credits(conn, AiOperation::ImagePrompts, s5)?,
        ),
        (Stage::Images, s6, credits(conn, AiOperation::Images, s6)?),
        (Stage::Review, s7, 0),
    ];
    let mut total: i64 = rows.iter().map(|r| r.2).sum();
    if let Some(cap) = settings.max_credits {
        total = total.min(cap);
    }
    let balance =
        billing::credits::balance(conn, scope)?.total() - billing::holds::held(conn, scope)?;
    let required = div_ceil(total * CREDIT_BUFFER_PERCENT, 100);
    Ok(RunEstimate {
        site_id: site,
        stages: rows
            .iter()
            .map(|&(stage, items, credits)| StageEstimate {
                stage: stage.number(),
                name: stage.name().to_owned(),
                pending: b.of(stage),
                items,
                credits,
            })
            .collect(),
        total_credits: total,
        balance,
        required_credits: required,
        sufficient: balance >= required,
    })
}

fn div_ceil(a: i64, b: i64) -> i64 {
    if a <= 0 { 0 } else { (a - 1) / b + 1 }
}

/// Starts a run on `site` now (editor+): 409 `run_in_progress` while a run is running or paused,
/// 402 with the estimate when the balance does not cover 1.2 × the estimate. The run row, its
/// first event and its first step job are written in one transaction.
pub fn run_now(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    images_per_article: i64,
    now: DateTime<Utc>,
) -> Result<Run> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    if let Some(active) = active_run(conn, scope, site)? {
        return Err(Error::RunInProgress { run_id: active.id });
    }
    let estimate = estimate(conn, scope, site, images_per_article, now)?;
    if !estimate.sufficient {
        return Err(Error::InsufficientCreditsForRun(Box::new(estimate)));
    }
    let row = start_run(
        conn,
        scope,
        site,
        Trigger::Manual,
        estimate.total_credits,
        now,
    )?;
    run_view(conn, scope, row)
}

/// The run's credit hold and the prefix of its charges' idempotency keys (`automation_run:3`).
pub fn hold_reference(id: AutomationRunId) -> String {
    format!("automation_run:{id}")
}

/// Creates a run with its first event, its credit hold (`hold` credits, the estimate) and its
/// first step job in one transaction (the scheduler and `run_now` share it). The database
/// refuses a second active run on the site.
pub(crate) fn start_run(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    trigger: Trigger,
    hold: i64,
    now: DateTime<Utc>,
) -> Result<RunRow> {
    let config = get_config(conn, scope, site, now)?;
    let settings = RunSettings::of(&config);
    let snapshot = backlog(conn, scope, site)?;
    let res = conn.transaction(|c| {
        let row: RunRow = diesel::insert_into(automation_runs::table)
            .values((
                automation_runs::account_id.eq(scope.account_id()),
                automation_runs::site_id.eq(site),
                automation_runs::trigger.eq(trigger),
                automation_runs::status.eq(RunStatus::Running),
                automation_runs::step_seq.eq(1),
                automation_runs::initial_snapshot.eq(json!(snapshot)),
                automation_runs::settings.eq(json!(settings)),
                automation_runs::created_by.eq(scope.user_id().map(|u| u.get())),
                automation_runs::started_at.eq(now),
                automation_runs::updated_at.eq(now),
            ))
            .returning(RunRow::as_returning())
            .get_result(c)?;
        diesel::update(
            automation_configs::table
                .filter(automation_configs::account_id.eq(scope.account_id()))
                .filter(automation_configs::id.eq(config.id)),
        )
        .set(automation_configs::last_run_at.eq(now))
        .execute(c)?;
        billing::holds::place(c, scope, &hold_reference(row.id), hold, now)?;
        emit(
            c,
            scope,
            row.id,
            EventKind::RunStarted,
            None,
            &format!("Run started ({}).", trigger.as_str()),
            json!({"trigger": trigger, "initial_snapshot": snapshot}),
            now,
        )?;
        db::jobs::enqueue(
            c,
            &RunStep {
                run_id: row.id,
                account_id: scope.account_id(),
                seq: 1,
            },
        )?;
        Ok::<_, Error>(row)
    });
    match res {
        Err(Error::Tenancy(tenancy::Error::Db(d)))
            if d.is_unique_violation_on("automation_runs_one_active") =>
        {
            let active = active_run(conn, scope, site)?;
            Err(Error::RunInProgress {
                run_id: active.map_or(AutomationRunId(0), |r| r.id),
            })
        }
        other => other,
    }
}

/// The site's running or paused run, if any.
pub fn active_run(conn: &mut PgConnection, scope: &Scope, site: SiteId) -> Result<Option<RunRow>> {
    Ok(automation_runs::table
        .filter(automation_runs::account_id.eq(scope.account_id()))
        .filter(automation_runs::site_id.eq(site))
        .filter(automation_runs::status.eq_any([RunStatus::Running, RunStatus::Paused]))
        .select(RunRow::as_select())
        .first(conn)
        .optional()?)
}

/// A run of the scope's account on a site the scope may see, or `NotFound`.
pub fn get_run_row(conn: &mut PgConnection, scope: &Scope, id: AutomationRunId) -> Result<RunRow> {
    let row = automation_runs::table
        .filter(automation_runs::account_id.eq(scope.account_id()))
        .filter(automation_runs::id.eq(id))
        .select(RunRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::Tenancy(tenancy::Error::NotFound))?;
    // The site must be visible to the caller (editors and viewers see granted sites only).
    tenancy::sites::get_site(conn, scope, row.site_id)?;
    Ok(row)
}

/// A run as served.
pub fn get_run(conn: &mut PgConnection, scope: &Scope, id: AutomationRunId) -> Result<Run> {
    let row = get_run_row(conn, scope, id)?;
    run_view(conn, scope, row)
}

/// The site's active run (`null` when none runs or waits paused).
pub fn current_run(conn: &mut PgConnection, scope: &Scope, site: SiteId) -> Result<Option<Run>> {
    tenancy::sites::get_site(conn, scope, site)?;
    match active_run(conn, scope, site)? {
        Some(row) => Ok(Some(run_view(conn, scope, row)?)),
        None => Ok(None),
    }
}

/// The site's runs, newest first.
pub fn history(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    page: PageRequest,
) -> Result<Page<Run>> {
    tenancy::sites::get_site(conn, scope, site)?;
    let base = automation_runs::table
        .filter(automation_runs::account_id.eq(scope.account_id()))
        .filter(automation_runs::site_id.eq(site));
    let count: i64 = base.count().get_result(conn)?;
    let rows: Vec<RunRow> = base
        .order(automation_runs::id.desc())
        .limit(page.limit())
        .offset(page.offset())
        .select(RunRow::as_select())
        .load(conn)?;
    let runs = run_views(conn, scope, rows)?;
    Ok(Page {
        items: runs,
        count,
        request: page,
    })
}

/// The last `lines` events of a run, oldest first.
pub fn logs(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AutomationRunId,
    lines: i64,
) -> Result<Vec<RunEvent>> {
    get_run_row(conn, scope, id)?;
    let mut events: Vec<RunEvent> = automation_events::table
        .filter(automation_events::account_id.eq(scope.account_id()))
        .filter(automation_events::run_id.eq(id))
        .order(automation_events::id.desc())
        .limit(lines.clamp(1, MAX_LOG_LINES))
        .select(RunEvent::as_select())
        .load(conn)?;
    events.reverse();
    Ok(events)
}

/// Events of a run after `after` (all when `None`), oldest first, at most `limit`. The SSE
/// stream reads with it when a notification arrives.
pub fn events_after(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AutomationRunId,
    after: Option<AutomationEventId>,
    limit: i64,
) -> Result<Vec<RunEvent>> {
    Ok(automation_events::table
        .filter(automation_events::account_id.eq(scope.account_id()))
        .filter(automation_events::run_id.eq(id))
        .filter(automation_events::id.gt(after.unwrap_or(AutomationEventId(0))))
        .order(automation_events::id.asc())
        .limit(limit)
        .select(RunEvent::as_select())
        .load(conn)?)
}

/// One stage of the pipeline overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StageOverview {
    /// 1–7.
    pub stage: i16,
    /// Its name.
    pub name: String,
    /// Items waiting now.
    pub pending: i64,
}

/// The pipeline of a site: pending items per stage and the active run.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PipelineOverview {
    /// The site.
    pub site_id: SiteId,
    /// The seven stages.
    pub stages: Vec<StageOverview>,
    /// The running or paused run.
    pub current_run: Option<Run>,
}

/// Pending counts per stage and the active run of a site.
pub fn pipeline_overview(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
) -> Result<PipelineOverview> {
    tenancy::sites::get_site(conn, scope, site)?;
    let b = backlog(conn, scope, site)?;
    Ok(PipelineOverview {
        site_id: site,
        stages: Stage::ALL
            .iter()
            .map(|&s| StageOverview {
                stage: s.number(),
                name: s.name().to_owned(),
                pending: b.of(s),
            })
            .collect(),
        current_run: current_run(conn, scope, site)?,
    })
}

fn lock_run(conn: &mut PgConnection, scope: &Scope, id: AutomationRunId) -> Result<RunRow> {
    get_run_row(conn, scope, id)?;
    Ok(automation_runs::table
        .filter(automation_runs::account_id.eq(scope.account_id()))
        .filter(automation_runs::id.eq(id))
        .select(RunRow::as_select())
        .for_update()
        .first(conn)?)
}

fn invalid(row: &RunRow, action: &'static str) -> Error {
    Error::InvalidRunState {
        status: row.status,
        action,
    }
}

/// Pauses a running run (editor+); it stops after the item in progress. Pausing a paused run
/// changes nothing; an ended run is `InvalidRunState`.
pub fn pause(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AutomationRunId,
    now: DateTime<Utc>,
) -> Result<Run> {
    scope.require(Role::Editor)?;
    let row = conn.transaction(|c| {
        let row = lock_run(c, scope, id)?;
        match row.status {
            RunStatus::Paused => Ok(row),
            RunStatus::Running => set_paused(c, scope, &row, "user", "Paused by a user.", now),
            _ => Err(invalid(&row, "pause")),
        }
    })?;
    run_view(conn, scope, row)
}

/// Marks a run paused with a reason and an event (in the caller's transaction).
pub(crate) fn set_paused(
    conn: &mut PgConnection,
    scope: &Scope,
    row: &RunRow,
    reason: &str,
    message: &str,
    now: DateTime<Utc>,
) -> Result<RunRow> {
    let row: RunRow = diesel::update(
        automation_runs::table
            .filter(automation_runs::account_id.eq(scope.account_id()))
            .filter(automation_runs::id.eq(row.id)),
    )
    .set((
        automation_runs::status.eq(RunStatus::Paused),
        automation_runs::pause_reason.eq(reason),
        automation_runs::paused_at.eq(now),
        automation_runs::updated_at.eq(now),
    ))
    .returning(RunRow::as_returning())
    .get_result(conn)?;
    emit(
        conn,
        scope,
        row.id,
        EventKind::RunPaused,
        Stage::from_number(row.current_stage),
        message,
        json!({"reason": reason}),
        now,
    )?;
    Ok(row)
}

/// Resumes a paused run (editor+) from its saved stage and position. Resuming a running run
/// changes nothing; an ended run is `InvalidRunState`.
pub fn resume(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AutomationRunId,
    now: DateTime<Utc>,
) -> Result<Run> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let row = conn.transaction(|c| {
        let row = lock_run(c, scope, id)?;
        match row.status {
            RunStatus::Running => Ok(row),
            RunStatus::Paused => {
                let seq = row.step_seq + 1;
                let row: RunRow = diesel::update(
                    automation_runs::table
                        .filter(automation_runs::account_id.eq(scope.account_id()))
                        .filter(automation_runs::id.eq(row.id)),
                )
                .set((
                    automation_runs::status.eq(RunStatus::Running),
                    automation_runs::pause_reason.eq(None::<String>),
                    automation_runs::step_seq.eq(seq),
                    automation_runs::step_attempts.eq(0),
                    automation_runs::updated_at.eq(now),
                ))
                .returning(RunRow::as_returning())
                .get_result(c)?;
                emit(
                    c,
                    scope,
                    row.id,
                    EventKind::RunResumed,
                    Stage::from_number(row.current_stage),
                    "Resumed.",
                    json!({}),
                    now,
                )?;
                db::jobs::enqueue(
                    c,
                    &RunStep {
                        run_id: row.id,
                        account_id: scope.account_id(),
                        seq,
                    },
                )?;
                Ok(row)
            }
            _ => Err(invalid(&row, "resume")),
        }
    })?;
    run_view(conn, scope, row)
}

/// Cancels a running or paused run (editor+); it stops after the item in progress. An ended
/// run is `InvalidRunState`.
pub fn cancel(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AutomationRunId,
    now: DateTime<Utc>,
) -> Result<Run> {
    scope.require(Role::Editor)?;
    let row = conn.transaction(|c| {
        let row = lock_run(c, scope, id)?;
        if !row.status.is_active() {
            return Err(invalid(&row, "cancel"));
        }
        let row: RunRow = diesel::update(
            automation_runs::table
                .filter(automation_runs::account_id.eq(scope.account_id()))
                .filter(automation_runs::id.eq(row.id)),
        )
        .set((
            automation_runs::status.eq(RunStatus::Cancelled),
            automation_runs::cancelled_at.eq(now),
            automation_runs::completed_at.eq(now),
            automation_runs::updated_at.eq(now),
        ))
        .returning(RunRow::as_returning())
        .get_result(c)?;
        emit(
            c,
            scope,
            row.id,
            EventKind::RunCancelled,
            Stage::from_number(row.current_stage),
            "Cancelled by a user.",
            json!({"total_credits": row.total_credits}),
            now,
        )?;
        billing::holds::release(c, scope, &hold_reference(row.id), now)?;
        Ok(row)
    })?;
    run_view(conn, scope, row)
}

/// Writes a run event and announces it on [`EVENTS_CHANNEL`] (delivered when the caller's
/// transaction commits).
#[allow(clippy::too_many_arguments)]
pub(crate) fn emit(
    conn: &mut PgConnection,
    scope: &Scope,
    run: AutomationRunId,
    kind: EventKind,
    stage: Option<Stage>,
    message: &str,
    data: Value,
    now: DateTime<Utc>,
) -> Result<()> {
    // One round trip: the event row and its notification (delivered at commit).
    diesel::sql_query(
        "WITH ev AS (INSERT INTO automation_events \
           (account_id, run_id, kind, stage, message, data, created_at) \
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id) \
         SELECT pg_notify($8, $9 || ':' || ev.id) FROM ev",
    )
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::BigInt, _>(run.get())
    .bind::<diesel::sql_types::Text, _>(kind.as_str())
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::SmallInt>, _>(stage.map(Stage::number))
    .bind::<diesel::sql_types::Text, _>(message)
    .bind::<diesel::sql_types::Jsonb, _>(data)
    .bind::<diesel::sql_types::Timestamptz, _>(now)
    .bind::<diesel::sql_types::Text, _>(EVENTS_CHANNEL)
    .bind::<diesel::sql_types::Text, _>(run.to_string())
    .execute(conn)?;
    Ok(())
}

/// Notifies the account about a run (deduplicated per run and outcome).
pub(crate) fn notify_run(
    conn: &mut PgConnection,
    scope: &Scope,
    row: &RunRow,
    level: Level,
    title: &str,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tenancy::notifications::notify(
        conn,
        scope,
        &NewNotification {
            kind: "automation_run",
            level,
            title,
            message,
            data: json!({"run_id": row.id, "site_id": row.site_id, "status": row.status}),
            dedupe_key: Some(&format!(
                "automation_run:{}:{}:{}",
                row.id,
                row.status,
                row.paused_at.map(|t| t.timestamp()).unwrap_or(0)
            )),
        },
        now,
    )?;
    Ok(())
}

#[derive(QueryableByName)]
struct StageAgg {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    run_id: i64,
    #[diesel(sql_type = diesel::sql_types::SmallInt)]
    stage: i16,
    #[diesel(sql_type = diesel::sql_types::Text)]
    outcome: Outcome,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    items: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    created: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    credits: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    provider_us: i64,
}

#[derive(QueryableByName)]
struct Reason {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    run_id: i64,
    #[diesel(sql_type = diesel::sql_types::SmallInt)]
    stage: i16,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    item_id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    outcome: Outcome,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    reason: Option<String>,
}

/// Latest skip/failure reasons served per stage.
const REASONS_PER_STAGE: i64 = 20;

/// The served form of a run (see [`run_views`]).
pub fn run_view(conn: &mut PgConnection, scope: &Scope, row: RunRow) -> Result<Run> {
    run_views(conn, scope, vec![row])?
        .pop()
        .ok_or(Error::Tenancy(tenancy::Error::NotFound))
}

/// The served form of runs, in the given order: per-stage results aggregated from their item
/// records — two queries however many runs (a history page does not query per run).
pub fn run_views(conn: &mut PgConnection, scope: &Scope, rows: Vec<RunRow>) -> Result<Vec<Run>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let aggs: Vec<StageAgg> = diesel::sql_query(
        "SELECT run_id, stage, outcome, count(*) AS items, COALESCE(SUM(created), 0)::bigint AS created,
                COALESCE(SUM(credits), 0)::bigint AS credits,
                COALESCE(SUM(provider_us), 0)::bigint AS provider_us
           FROM automation_run_items
          WHERE account_id = $1 AND run_id = ANY($2)
          GROUP BY run_id, stage, outcome",
    )
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&ids)
    .load(conn)?;
    let reasons: Vec<Reason> = diesel::sql_query(
        "SELECT run_id, stage, item_id, outcome, reason FROM (
             SELECT run_id, stage, item_id, outcome, reason, created_at,
                    row_number() OVER (PARTITION BY run_id, stage ORDER BY created_at DESC) AS n
               FROM automation_run_items
              WHERE account_id = $1 AND run_id = ANY($2) AND outcome <> 'saved') r
          WHERE n <= $3
          ORDER BY run_id, stage, created_at DESC",
    )
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&ids)
    .bind::<diesel::sql_types::BigInt, _>(REASONS_PER_STAGE)
    .load(conn)?;
    rows.into_iter()
        .map(|row| {
            let id = row.id.get();
            let aggs: Vec<&StageAgg> = aggs.iter().filter(|a| a.run_id == id).collect();
            let reasons: Vec<&Reason> = reasons.iter().filter(|r| r.run_id == id).collect();
            assemble(row, &aggs, &reasons)
        })
        .collect()
}

fn assemble(row: RunRow, aggs: &[&StageAgg], reasons: &[&Reason]) -> Result<Run> {
    let now = Utc::now();
    let stages = Stage::ALL
        .iter()
        .map(|&s| {
            let mut r = StageResult {
                stage: s.number(),
                name: s.name().to_owned(),
                ..Default::default()
            };
            for a in aggs.iter().filter(|a| a.stage == s.number()) {
                match a.outcome {
                    Outcome::Saved => {
                        r.processed += a.items;
                        r.created += a.created;
                    }
                    Outcome::Skipped => r.skipped += a.items,
                    Outcome::Failed => r.failed += a.items,
                }
                r.credits += a.credits;
                r.provider_ms += a.provider_us as f64 / 1000.0;
            }
            r.reasons = reasons
                .iter()
                .filter(|x| x.stage == s.number())
                .map(|x| ItemReason {
                    item_id: x.item_id,
                    outcome: x.outcome,
                    reason: x.reason.clone().unwrap_or_default(),
                })
                .collect();
            let times = &row.stage_times[s.number().to_string()];
            r.started_at = times["started_at"]
                .as_str()
                .and_then(|t| t.parse::<DateTime<Utc>>().ok());
            r.finished_at = times["finished_at"]
                .as_str()
                .and_then(|t| t.parse::<DateTime<Utc>>().ok());
            r.state = match (r.started_at, r.finished_at) {
                (_, Some(_)) => "done",
                (Some(_), None) => "running",
                (None, None) => "pending",
            }
            .to_owned();
            let end = r.finished_at.or_else(|| {
                if row.status.is_active() {
                    Some(now)
                } else {
                    row.completed_at
                }
            });
            r.duration_ms = r
                .started_at
                .zip(end)
                .map(|(a, b)| (b - a).num_milliseconds().max(0));
            r
        })
        .collect::<Vec<StageResult>>();
    // The sum of the item records: exact even while a batch is being recorded.
    let total_credits = stages.iter().map(|s| s.credits).sum();
    Ok(Run {
        id: row.id,
        run_name: format!(
            "run_{}_{}",
            row.started_at.format("%Y%m%d_%H%M%S"),
            row.trigger
        ),
        site_id: row.site_id,
        trigger: row.trigger,
        status: row.status,
        current_stage: row.current_stage,
        stage_position: row.stage_batch,
        stages,
        total_credits,
        initial_snapshot: serde_json::from_value(row.initial_snapshot).unwrap_or_default(),
        settings: serde_json::from_value(row.settings).map_err(|e| {
            Error::InvalidStoredSetting {
                field: "automation_runs.settings",
                message: e.to_string(),
            }
        })?,
        pause_reason: row.pause_reason,
        error: row.error,
        started_at: row.started_at,
        paused_at: row.paused_at,
        cancelled_at: row.cancelled_at,
        completed_at: row.completed_at,
    })
}
