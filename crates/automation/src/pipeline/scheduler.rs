//! The scheduler: a unique fang cron job that starts the runs that are due.
//!
//! A config is due when it is enabled and its `next_run_at` has passed. Starting moves
//! `next_run_at` to the first scheduled hour strictly after now, so a worker that was down for
//! several scheduled hours starts one run, not one per missed hour. A site whose run is still
//! running or paused is not started again (the database's one-active-run index decides races);
//! its schedule moves on. A site whose balance does not cover 1.2 × the estimate is skipped with
//! a notification.
//!
//! This job reads every account's configs: it is the one cross-account query of the crate (like
//! billing's renewal job), and each run it starts works under `Scope::for_job(account)`.

use super::config::next_run_after;
use super::model::{AutomationConfig, Trigger};
use super::runs::{active_run, estimate, start_run};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::jobs::{context, job_error};
use db::schema::automation_configs;
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable, Scheduled};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tenancy::Scope;
use tenancy::notifications::{Level, NewNotification};

/// Most due configs one tick starts (the rest wait for the next tick).
pub const MAX_STARTS_PER_TICK: i64 = 500;

/// What one scheduler tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Runs started.
    pub started: Vec<kernel::AutomationRunId>,
    /// Sites skipped because a run is still active.
    pub busy: usize,
    /// Sites skipped for short credits.
    pub short_of_credits: usize,
    /// Sites of accounts that may not write (suspended, cancelled, pending payment).
    pub inactive: usize,
}

/// Starts every due run (see the module docs). `images_per_article` feeds the estimate.
pub fn start_due_runs(
    conn: &mut PgConnection,
    images_per_article: i64,
    now: DateTime<Utc>,
) -> Result<TickReport> {
    let due: Vec<AutomationConfig> = automation_configs::table
        .filter(automation_configs::enabled.eq(true))
        .filter(automation_configs::next_run_at.le(now))
        .order(automation_configs::next_run_at.asc())
        .limit(MAX_STARTS_PER_TICK)
        .select(AutomationConfig::as_select())
        .load(conn)?;
    let mut report = TickReport::default();
    for config in due {
        let scope = Scope::for_job(config.account_id);
        match start_one(conn, &scope, &config, images_per_article, now) {
            Ok(Outcome::Started(id)) => report.started.push(id),
            Ok(Outcome::Busy) => report.busy += 1,
            Ok(Outcome::Inactive) => report.inactive += 1,
            Ok(Outcome::Short) => report.short_of_credits += 1,
            // One broken site must not stop the others; its schedule stays due for the next tick.
            Err(e) => {
                tracing::error!(site = %config.site_id, error = %e, "cannot start a scheduled automation run")
            }
        }
    }
    Ok(report)
}

enum Outcome {
    Started(kernel::AutomationRunId),
    Inactive,
    Busy,
    Short,
}

fn start_one(
    conn: &mut PgConnection,
    scope: &Scope,
    config: &AutomationConfig,
    images_per_article: i64,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let (account, _) = tenancy::accounts::get_account(conn, scope)?;
    let tz = account.timezone.parse().unwrap_or(chrono_tz::Tz::UTC);
    let next = next_run_after(config, tz, now);
    let move_on = |conn: &mut PgConnection| -> Result<()> {
        diesel::update(
            automation_configs::table
                .filter(automation_configs::account_id.eq(scope.account_id()))
                .filter(automation_configs::id.eq(config.id)),
        )
        .set(automation_configs::next_run_at.eq(next))
        .execute(conn)?;
        Ok(())
    };
    if !tenancy::scope::AccountStatus::parse(&account.status).may_write() {
        // Suspended, cancelled or unpaid accounts get no scheduled work; the schedule moves on.
        move_on(conn)?;
        return Ok(Outcome::Inactive);
    }
    if active_run(conn, scope, config.site_id)?.is_some() {
        move_on(conn)?;
        return Ok(Outcome::Busy);
    }
    let est = estimate(conn, scope, config.site_id, images_per_article, now)?;
    if !est.sufficient {
        conn.transaction(|c| {
            move_on(c)?;
            tenancy::notifications::notify(
                c,
                scope,
                &NewNotification {
                    kind: "automation_run",
                    level: Level::Warning,
                    title: "Scheduled automation skipped",
                    message: &format!(
                        "Not enough credits: the run needs {} (1.2 × its estimate), the balance is {}.",
                        est.required_credits, est.balance
                    ),
                    data: json!({"site_id": config.site_id, "estimate": est}),
                    dedupe_key: Some(&format!(
                        "automation_skip:{}:{}",
                        config.site_id,
                        now.format("%Y%m%d%H")
                    )),
                },
                now,
            )?;
            Ok::<_, Error>(())
        })?;
        return Ok(Outcome::Short);
    }
    match start_run(
        conn,
        scope,
        config.site_id,
        Trigger::Scheduled,
        est.total_credits,
        now,
    ) {
        Ok(row) => {
            move_on(conn)?;
            Ok(Outcome::Started(row.id))
        }
        Err(Error::RunInProgress { .. }) => {
            move_on(conn)?;
            Ok(Outcome::Busy)
        }
        // Work accepted between the estimate and the start holds the credits now: short, like
        // an estimate that does not cover the run (not an error retried every minute).
        Err(Error::Billing(billing::Error::InsufficientCredits { .. })) => {
            move_on(conn)?;
            Ok(Outcome::Short)
        }
        Err(e) => Err(e),
    }
}

/// The scheduler tick, every minute (a unique cron job).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRuns {}

#[typetag::serde(name = "automation.schedule_runs")]
impl Runnable for ScheduleRuns {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let rt = crate::ai_functions::runtime().map_err(job_error)?;
        let images = i64::try_from(rt.providers.settings().n_in_article_images).unwrap_or(0) + 1;
        let mut conn = ctx.pool.get().map_err(job_error)?;
        let report = start_due_runs(&mut conn, images, ctx.clock.now()).map_err(job_error)?;
        if !report.started.is_empty() || report.busy > 0 || report.short_of_credits > 0 {
            tracing::info!(
                started = report.started.len(),
                busy = report.busy,
                short = report.short_of_credits,
                "automation scheduler tick"
            );
        }
        Ok(())
    }

    fn task_type(&self) -> String {
        tenancy::jobs::MAINTENANCE_TASK_TYPE.into()
    }

    fn uniq(&self) -> bool {
        true
    }

    fn cron(&self) -> Option<Scheduled> {
        Some(Scheduled::CronPattern("0 * * * * *".into()))
    }

    fn max_retries(&self) -> i32 {
        0
    }
}
