//! The renewal cron job: applies [`crate::subscriptions::run_renewals`] every ten minutes.
//! Task type `maintenance` (the worker group that already runs tenancy's housekeeping).

use crate::subscriptions::{RenewalReport, run_renewals};
use db::jobs::{context, job_error};
use diesel::PgConnection;
use fang::typetag;
use fang::{FangError, Queueable, Runnable, Scheduled};
use serde::{Deserialize, Serialize};

/// fang task type of the billing jobs.
pub const BILLING_TASK_TYPE: &str = tenancy::jobs::MAINTENANCE_TASK_TYPE;

/// The cron task that runs the renewal rules.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RenewSubscriptions {}

#[typetag::serde(name = "billing.renew_subscriptions")]
impl Runnable for RenewSubscriptions {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let mut conn = ctx.pool.get().map_err(job_error)?;
        let r: RenewalReport = run_renewals(&mut conn, ctx.clock.now()).map_err(job_error)?;
        if let Some(config) = crate::gateway::installed() {
            let client = crate::gateway::StripeClient::new(config).map_err(job_error)?;
            let c = crate::gateway::charge_renewals(&mut conn, &client, ctx.clock.now())
                .map_err(job_error)?;
            if c != crate::gateway::ChargeReport::default() {
                tracing::info!(
                    paid = c.paid,
                    declined = c.declined,
                    errors = c.errors,
                    "card renewals"
                );
            }
        }
        tracing::info!(
            renewed = r.renewed,
            invoiced = r.invoiced,
            past_due = r.past_due,
            expired = r.expired,
            ended = r.ended,
            failed = r.failed,
            reminded = r.reminded,
            "subscription renewals"
        );
        if r.failed > 0 {
            return Err(job_error(format!(
                "{} subscriptions failed to renew; they are retried next run",
                r.failed
            )));
        }
        Ok(())
    }

    fn task_type(&self) -> String {
        BILLING_TASK_TYPE.into()
    }

    fn uniq(&self) -> bool {
        true
    }

    fn cron(&self) -> Option<Scheduled> {
        Some(Scheduled::CronPattern("0 */10 * * * *".into()))
    }

    fn max_retries(&self) -> i32 {
        3
    }

    fn backoff(&self, attempt: u32) -> u32 {
        30 * (attempt + 1)
    }
}

/// Schedules billing's cron jobs; the worker calls it at start (a pending one is kept).
pub fn schedule_cron_jobs(conn: &mut PgConnection) -> Result<(), db::DbError> {
    db::jobs::schedule(conn, &RenewSubscriptions {})?;
    Ok(())
}
