//! The publishing scheduler: per-site settings (auto-publish, daily and weekly limits, publish
//! days and time slots in the account's time zone), and one cron job (every minute) that
//! gives approved content a `scheduled_publish_at` within the limits, then publishes what is
//! due through the same publish job as the manual action. Automation's stage 7 approves
//! content; this is where approved content goes next.

use crate::integrations;
use crate::model::PublishingSettings;
use crate::publish::{PublishAction, PublishContent};
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use db::jobs::{self, context, job_error};
use db::schema::publishing_settings;
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable, Scheduled};
use kernel::{AccountId, FieldErrors, Role, SiteId};
use serde::{Deserialize, Serialize};
use tenancy::Scope;

/// How far ahead the scheduler plans.
pub const HORIZON_DAYS: i64 = 28;
/// Most items scheduled per site and run.
const BATCH: i64 = 100;
/// Most due items published per run (the next run takes the rest).
const DUE_BATCH: i64 = 200;

/// Changes to a site's settings (absent fields stay).
#[derive(Debug, Clone, Default)]
pub struct SettingsChanges {
    /// Auto-publish approved content.
    pub auto_publish_enabled: Option<bool>,
    /// Posts per local day (1–100).
    pub daily_limit: Option<i32>,
    /// Posts per week (1–700).
    pub weekly_limit: Option<i32>,
    /// ISO weekdays (1 = Monday … 7 = Sunday).
    pub publish_days: Option<Vec<i16>>,
    /// Local times `HH:MM`.
    pub time_slots: Option<Vec<String>>,
}

/// A site's settings, created from the defaults on first read.
pub fn get_settings(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    now: DateTime<Utc>,
) -> Result<PublishingSettings> {
    tenancy::sites::get_site(conn, scope, site)?;
    diesel::insert_into(publishing_settings::table)
        .values((
            publishing_settings::account_id.eq(scope.account_id()),
            publishing_settings::site_id.eq(site),
            publishing_settings::created_at.eq(now),
            publishing_settings::updated_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(publishing_settings::table
        .filter(publishing_settings::account_id.eq(scope.account_id()))
        .filter(publishing_settings::site_id.eq(site))
        .select(PublishingSettings::as_select())
        .first(conn)?)
}

fn parse_slot(s: &str) -> Option<NaiveTime> {
    let t = NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()?;
    (s.trim().len() == 5).then_some(t)
}

/// Changes a site's settings (editor+).
pub fn update_settings(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    ch: &SettingsChanges,
    now: DateTime<Utc>,
) -> Result<PublishingSettings> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let cur = get_settings(conn, scope, site, now)?;
    let mut e = FieldErrors::new();
    if let Some(d) = ch.daily_limit
        && !(1..=100).contains(&d)
    {
        e.add("daily_limit", "Ensure this value is between 1 and 100.");
    }
    if let Some(w) = ch.weekly_limit
        && !(1..=700).contains(&w)
    {
        e.add("weekly_limit", "Ensure this value is between 1 and 700.");
    }
    let days = ch.publish_days.clone().map(|mut d| {
        if d.is_empty() {
            e.add("publish_days", "Pick at least one day.");
        }
        if d.iter().any(|x| !(1..=7).contains(x)) {
            e.add("publish_days", "Days are 1 (Monday) to 7 (Sunday).");
        }
        d.sort_unstable();
        d.dedup();
        d
    });
    let slots = ch.time_slots.clone().map(|s| {
        if s.is_empty() || s.len() > 24 {
            e.add("time_slots", "Give between 1 and 24 times.");
        }
        let mut parsed: Vec<NaiveTime> = Vec::new();
        for t in &s {
            match parse_slot(t) {
                Some(p) => parsed.push(p),
                None => e.add("time_slots", format!("'{t}' is not a time like 09:30.")),
            }
        }
        parsed.sort_unstable();
        parsed.dedup();
        parsed
            .iter()
            .map(|t| t.format("%H:%M").to_string())
            .collect::<Vec<_>>()
    });
    e.into_result().map_err(Error::Validation)?;
    Ok(diesel::update(
        publishing_settings::table
            .filter(publishing_settings::account_id.eq(scope.account_id()))
            .filter(publishing_settings::site_id.eq(site)),
    )
    .set((
        publishing_settings::auto_publish_enabled
            .eq(ch.auto_publish_enabled.unwrap_or(cur.auto_publish_enabled)),
        publishing_settings::daily_limit.eq(ch.daily_limit.unwrap_or(cur.daily_limit)),
        publishing_settings::weekly_limit.eq(ch.weekly_limit.unwrap_or(cur.weekly_limit)),
        publishing_settings::publish_days.eq(days.unwrap_or(cur.publish_days)),
        publishing_settings::time_slots.eq(slots.unwrap_or(cur.time_slots)),
        publishing_settings::updated_at.eq(now),
    ))
    .returning(PublishingSettings::as_returning())
    .get_result(conn)?)
}

/// The rules the planner applies.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Posts per local day.
    pub daily_limit: usize,
    /// Posts per ISO week (Monday to Sunday, local).
    pub weekly_limit: usize,
    /// ISO weekdays allowed.
    pub days: Vec<u32>,
    /// Local slot times, sorted.
    pub slots: Vec<NaiveTime>,
    /// The account's time zone.
    pub tz: Tz,
}

impl Rules {
    /// The rules of stored settings in `tz`.
    pub fn of(s: &PublishingSettings, tz: Tz) -> Rules {
        let mut slots: Vec<NaiveTime> = s.time_slots.iter().filter_map(|t| parse_slot(t)).collect();
        slots.sort_unstable();
        Rules {
            daily_limit: usize::try_from(s.daily_limit).unwrap_or(0),
            weekly_limit: usize::try_from(s.weekly_limit).unwrap_or(0),
            days: s
                .publish_days
                .iter()
                .filter_map(|d| u32::try_from(*d).ok())
                .collect(),
            slots,
            tz,
        }
    }
}

/// The next `n` free publish times after `now`: slot times on allowed days, one post per slot,
/// at most the daily limit per local day and the weekly limit per local ISO week, counting the
/// `taken` times. Looks [`HORIZON_DAYS`] ahead; a local time that does not exist (a DST gap) is
/// skipped, an ambiguous one takes its first occurrence.
pub fn next_slots(
    rules: &Rules,
    now: DateTime<Utc>,
    taken: &[DateTime<Utc>],
    n: usize,
) -> Vec<DateTime<Utc>> {
    let local_day = |t: &DateTime<Utc>| t.with_timezone(&rules.tz).date_naive();
    let week_of = |d: chrono::NaiveDate| (d.iso_week().year(), d.iso_week().week());
    let mut taken: Vec<DateTime<Utc>> = taken.to_vec();
    let mut out = Vec::new();
    let today = local_day(&now);
    for offset in 0..HORIZON_DAYS {
        if out.len() >= n {
            break;
        }
        let Some(day) = today.checked_add_signed(Duration::days(offset)) else {
            break;
        };
        if !rules.days.contains(&day.weekday().number_from_monday()) {
            continue;
        }
        for slot in &rules.slots {
            if out.len() >= n {
                break;
            }
            let day_count = taken.iter().filter(|t| local_day(t) == day).count();
            let week_count = taken
                .iter()
                .filter(|t| week_of(local_day(t)) == week_of(day))
                .count();
            if day_count >= rules.daily_limit || week_count >= rules.weekly_limit {
                break;
            }
            let Some(at) = rules
                .tz
                .from_local_datetime(&day.and_time(*slot))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
            else {
                continue;
            };
            if at <= now || taken.contains(&at) {
                continue;
            }
            taken.push(at);
            out.push(at);
        }
    }
    out
}

/// What one scheduler run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchedulerReport {
    /// Items given a publish time.
    pub scheduled: usize,
    /// Due items handed to the publish job.
    pub enqueued: usize,
    /// Sites that failed (retried next run).
    pub failed: usize,
}

/// One scheduler run at `now`: schedule approved content of every auto-publishing site with an
/// active integration, then enqueue the publish of every due item. The one cross-account scan of
/// the crate (like the renewal job's).
pub fn run_scheduler(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<SchedulerReport> {
    let mut report = SchedulerReport::default();
    let sites: Vec<(AccountId, SiteId)> = publishing_settings::table
        .filter(publishing_settings::auto_publish_enabled.eq(true))
        .order((
            publishing_settings::account_id,
            publishing_settings::site_id,
        ))
        .select((
            publishing_settings::account_id,
            publishing_settings::site_id,
        ))
        .load(conn)?;
    for (account, site) in sites {
        let scope = Scope::for_job(account);
        match conn.transaction(|c| schedule_site(c, &scope, site, now)) {
            Ok(n) => report.scheduled += n,
            Err(e) => {
                report.failed += 1;
                tracing::warn!(%account, %site, error = %e, "publishing scheduler: site failed");
            }
        }
    }
    let due = content::publishing::due_for_publishing(conn, now, DUE_BATCH)?;
    for (account, _site, id) in due {
        let scope = Scope::for_job(account);
        let res = conn.transaction(|c| -> Result<bool> {
            if !content::publishing::claim_due(c, &scope, id, now)? {
                return Ok(false);
            }
            jobs::enqueue(
                c,
                &PublishContent {
                    account_id: account,
                    content_id: id,
                    action: PublishAction::Publish,
                    at: None,
                    requested_at: now,
                },
            )?;
            Ok(true)
        });
        match res {
            Ok(true) => report.enqueued += 1,
            Ok(false) => {}
            Err(e) => {
                report.failed += 1;
                tracing::warn!(%account, content = %id, error = %e, "publishing scheduler: enqueue failed");
            }
        }
    }
    Ok(report)
}

fn schedule_site(
    c: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    now: DateTime<Utc>,
) -> Result<usize> {
    match integrations::of_site(c, scope, site)? {
        Some(i) if i.is_active => {}
        // No destination: nothing is scheduled (approved content waits).
        _ => return Ok(0),
    }
    let pending = content::publishing::approved_unscheduled(c, scope, site, BATCH)?;
    if pending.is_empty() {
        return Ok(0);
    }
    let settings = get_settings(c, scope, site, now)?;
    let (account, _) = tenancy::accounts::get_account(c, scope)?;
    let tz: Tz = account.timezone.parse().unwrap_or(Tz::UTC);
    // The whole current week counts toward the weekly limit: look back 8 days.
    let taken = content::publishing::taken_times(
        c,
        scope,
        site,
        now - Duration::days(8),
        now + Duration::days(HORIZON_DAYS + 1),
    )?;
    let times = next_slots(&Rules::of(&settings, tz), now, &taken, pending.len());
    let mut n = 0;
    for (id, at) in pending.into_iter().zip(times) {
        if content::publishing::schedule(c, scope, id, at, now)? {
            n += 1;
        }
    }
    Ok(n)
}

/// The scheduler's cron job (every minute, unique).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunPublishingScheduler {}

#[typetag::serde(name = "integration.publishing_scheduler")]
impl Runnable for RunPublishingScheduler {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let mut conn = ctx.pool.get().map_err(job_error)?;
        let r = run_scheduler(&mut conn, ctx.clock.now()).map_err(job_error)?;
        if r.scheduled + r.enqueued + r.failed > 0 {
            tracing::info!(
                scheduled = r.scheduled,
                enqueued = r.enqueued,
                failed = r.failed,
                "publishing scheduler"
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Timelike, Weekday};

    fn rules(daily: usize, weekly: usize, days: &[u32], slots: &[&str], tz: Tz) -> Rules {
        Rules {
            daily_limit: daily,
            weekly_limit: weekly,
            days: days.to_vec(),
            slots: slots.iter().filter_map(|s| parse_slot(s)).collect(),
            tz,
        }
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn slots_respect_days_daily_and_weekly_limits() {
        // Monday 2026-12-07 08:00 UTC.
        let now = utc(2026, 12, 7, 8, 0);
        let r = rules(
            2,
            7,
            &[1, 2, 3, 4, 5],
            &["09:00", "14:00", "18:00"],
            Tz::UTC,
        );
        let got = next_slots(&r, now, &[], 20);
        // Week 1: Mon–Thu 2 each = 8 > 7: Mon 2, Tue 2, Wed 2, Thu 1; then next Monday.
        assert_eq!(got.len(), 20);
        assert_eq!(got[0], utc(2026, 12, 7, 9, 0));
        assert_eq!(got[1], utc(2026, 12, 7, 14, 0));
        assert_eq!(got[6], utc(2026, 12, 10, 9, 0));
        assert_eq!(got[7], utc(2026, 12, 14, 9, 0));
        for t in &got {
            assert!(t.weekday().number_from_monday() <= 5, "{t}");
            assert!(
                [9, 14].contains(&t.hour()),
                "{t}: the third slot is never reached"
            );
        }
        let mut per_week = std::collections::BTreeMap::new();
        let mut per_day = std::collections::BTreeMap::new();
        for t in &got {
            *per_week.entry(t.iso_week().week()).or_insert(0) += 1;
            *per_day.entry(t.date_naive()).or_insert(0) += 1;
        }
        assert!(per_week.values().all(|n| *n <= 7), "{per_week:?}");
        assert!(per_day.values().all(|n| *n <= 2), "{per_day:?}");
    }

    #[test]
    fn taken_times_count_and_past_slots_are_skipped() {
        // Monday 15:00: the 09:00 and 14:00 slots are past; one post went out at 10:12.
        let now = utc(2026, 12, 7, 15, 0);
        let r = rules(
            2,
            10,
            &[1, 2, 3, 4, 5, 6, 7],
            &["09:00", "14:00", "18:00"],
            Tz::UTC,
        );
        let got = next_slots(&r, now, &[utc(2026, 12, 7, 10, 12)], 3);
        assert_eq!(
            got,
            vec![
                utc(2026, 12, 7, 18, 0),
                utc(2026, 12, 8, 9, 0),
                utc(2026, 12, 8, 14, 0)
            ]
        );
        // A taken slot is not given twice.
        let got = next_slots(&r, now, &[utc(2026, 12, 7, 18, 0)], 1);
        assert_eq!(got, vec![utc(2026, 12, 8, 9, 0)]);
    }

    #[test]
    fn slots_are_local_times_of_the_account() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let now = utc(2026, 12, 7, 0, 0); // Sunday 19:00 in New York
        let r = rules(1, 7, &[1], &["09:00"], tz);
        let got = next_slots(&r, now, &[], 2);
        // Monday 09:00 EST = 14:00 UTC, then the Monday after.
        assert_eq!(got, vec![utc(2026, 12, 7, 14, 0), utc(2026, 12, 14, 14, 0)]);
        assert_eq!(got[0].with_timezone(&tz).weekday(), Weekday::Mon);
    }

    #[test]
    fn a_dst_gap_skips_the_missing_time() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // 2027-03-28: clocks jump from 02:00 to 03:00 in Berlin.
        let now = utc(2027, 3, 27, 12, 0);
        let r = rules(5, 50, &[7], &["02:30", "10:00"], tz);
        let got = next_slots(&r, now, &[], 1);
        assert_eq!(got, vec![utc(2027, 3, 28, 8, 0)]);
    }

    #[test]
    fn bad_slots_are_refused() {
        assert!(parse_slot("9:00").is_none());
        assert!(parse_slot("24:00").is_none());
        assert!(parse_slot("09:60").is_none());
        assert_eq!(parse_slot("09:05"), NaiveTime::from_hms_opt(9, 5, 0));
    }
}
