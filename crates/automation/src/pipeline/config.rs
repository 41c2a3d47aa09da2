//! A site's automation config: created lazily from the platform defaults (the column defaults
//! of `automation_configs`), changed by `update_config/`, and the schedule it implies.

use super::model::{AutomationConfig, Frequency};
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use db::schema::automation_configs;
use diesel::prelude::*;
use kernel::{FieldErrors, Role, SiteId};
use tenancy::Scope;

/// Largest batch size of a stage.
pub const MAX_BATCH_SIZE: i32 = 1000;
/// Longest delay, in seconds.
pub const MAX_DELAY_SECS: i32 = 3600;

/// Changes to a config; `None` keeps a field. A cap of 0 removes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigChanges {
    /// Scheduled runs on or off.
    pub enabled: Option<bool>,
    /// daily | weekly | monthly.
    pub frequency: Option<String>,
    /// 0–23, in the account's time zone.
    pub scheduled_hour: Option<i32>,
    /// 1 (Monday) – 7 (Sunday), for weekly runs.
    pub scheduled_weekday: Option<i32>,
    /// 1–28, for monthly runs.
    pub scheduled_day_of_month: Option<i32>,
    /// Batch sizes of stages 1–6 (index 0 = stage 1).
    pub batch_sizes: [Option<i32>; 6],
    /// Seconds between batches.
    pub within_stage_delay_secs: Option<i32>,
    /// Seconds between stages.
    pub between_stage_delay_secs: Option<i32>,
    /// Item caps of stages 1–6 (0 removes the cap).
    pub caps: [Option<i32>; 6],
    /// Credit cap (0 removes it).
    pub max_credits_per_run: Option<i64>,
    /// Review approves by itself.
    pub auto_approve: Option<bool>,
}

/// The site's config, created from the platform defaults on first use. The site must be one
/// the scope may see (another tenant's site is `NotFound`).
pub fn get_config(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    now: DateTime<Utc>,
) -> Result<AutomationConfig> {
    tenancy::sites::get_site(conn, scope, site)?;
    if let Some(c) = find(conn, scope, site)? {
        return Ok(c);
    }
    diesel::insert_into(automation_configs::table)
        .values((
            automation_configs::account_id.eq(scope.account_id()),
            automation_configs::site_id.eq(site),
            automation_configs::created_at.eq(now),
            automation_configs::updated_at.eq(now),
        ))
        .on_conflict((automation_configs::account_id, automation_configs::site_id))
        .do_nothing()
        .execute(conn)?;
    find(conn, scope, site)?.ok_or(Error::Tenancy(tenancy::Error::NotFound))
}

fn find(conn: &mut PgConnection, scope: &Scope, site: SiteId) -> Result<Option<AutomationConfig>> {
    Ok(automation_configs::table
        .filter(automation_configs::account_id.eq(scope.account_id()))
        .filter(automation_configs::site_id.eq(site))
        .select(AutomationConfig::as_select())
        .first(conn)
        .optional()?)
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = automation_configs)]
struct ConfigPatch {
    enabled: Option<bool>,
    frequency: Option<Frequency>,
    scheduled_hour: Option<i16>,
    scheduled_weekday: Option<i16>,
    scheduled_day_of_month: Option<i16>,
    stage_1_batch_size: Option<i32>,
    stage_2_batch_size: Option<i32>,
    stage_3_batch_size: Option<i32>,
    stage_4_batch_size: Option<i32>,
    stage_5_batch_size: Option<i32>,
    stage_6_batch_size: Option<i32>,
    within_stage_delay_secs: Option<i32>,
    between_stage_delay_secs: Option<i32>,
    max_keywords_per_run: Option<Option<i32>>,
    max_clusters_per_run: Option<Option<i32>>,
    max_ideas_per_run: Option<Option<i32>>,
    max_tasks_per_run: Option<Option<i32>>,
    max_content_per_run: Option<Option<i32>>,
    max_images_per_run: Option<Option<i32>>,
    max_credits_per_run: Option<Option<i64>>,
    auto_approve: Option<bool>,
    next_run_at: Option<Option<DateTime<Utc>>>,
    updated_at: Option<DateTime<Utc>>,
}

fn small(e: &mut FieldErrors, field: &str, v: Option<i32>, lo: i32, hi: i32) -> Option<i16> {
    let v = v?;
    if !(lo..=hi).contains(&v) {
        e.add(field, format!("Must be between {lo} and {hi}."));
        return None;
    }
    i16::try_from(v).ok()
}

fn ranged(e: &mut FieldErrors, field: &str, v: Option<i32>, lo: i32, hi: i32) -> Option<i32> {
    let v = v?;
    if !(lo..=hi).contains(&v) {
        e.add(field, format!("Must be between {lo} and {hi}."));
        return None;
    }
    Some(v)
}

fn cap<T: Copy + PartialOrd + Default>(
    e: &mut FieldErrors,
    field: &str,
    v: Option<T>,
) -> Option<Option<T>> {
    let v = v?;
    if v < T::default() {
        e.add(field, "Must be 0 (no cap) or more.");
        return None;
    }
    Some(if v == T::default() { None } else { Some(v) })
}

const CAP_FIELDS: [&str; 6] = [
    "max_keywords_per_run",
    "max_clusters_per_run",
    "max_ideas_per_run",
    "max_tasks_per_run",
    "max_content_per_run",
    "max_images_per_run",
];

/// Changes the site's config (editor+): every problem is reported at once, nothing changes on
/// a refused call. The next scheduled run is recomputed from the new schedule.
pub fn update_config(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    ch: &ConfigChanges,
    now: DateTime<Utc>,
) -> Result<AutomationConfig> {
    scope.require(Role::Editor)?;
    scope.require_writable_account()?;
    let mut e = FieldErrors::new();
    let frequency = match ch.frequency.as_deref() {
        None => None,
        Some(f) => match Frequency::parse(f) {
            Some(f) => Some(f),
            None => {
                e.add("frequency", "Must be one of daily, weekly, monthly.");
                None
            }
        },
    };
    let batch: Vec<Option<i32>> = ch
        .batch_sizes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            ranged(
                &mut e,
                &format!("stage_{}_batch_size", i + 1),
                *v,
                1,
                MAX_BATCH_SIZE,
            )
        })
        .collect();
    let caps: Vec<Option<Option<i32>>> = ch
        .caps
        .iter()
        .zip(CAP_FIELDS)
        .map(|(v, f)| cap(&mut e, f, *v))
        .collect();
    let patch = ConfigPatch {
        enabled: ch.enabled,
        frequency,
        scheduled_hour: small(&mut e, "scheduled_hour", ch.scheduled_hour, 0, 23),
        scheduled_weekday: small(&mut e, "scheduled_weekday", ch.scheduled_weekday, 1, 7),
        scheduled_day_of_month: small(
            &mut e,
            "scheduled_day_of_month",
            ch.scheduled_day_of_month,
            1,
            28,
        ),
        stage_1_batch_size: batch[0],
        stage_2_batch_size: batch[1],
        stage_3_batch_size: batch[2],
        stage_4_batch_size: batch[3],
        stage_5_batch_size: batch[4],
        stage_6_batch_size: batch[5],
        within_stage_delay_secs: ranged(
            &mut e,
            "within_stage_delay_secs",
            ch.within_stage_delay_secs,
            0,
            MAX_DELAY_SECS,
        ),
        between_stage_delay_secs: ranged(
            &mut e,
            "between_stage_delay_secs",
            ch.between_stage_delay_secs,
            0,
            MAX_DELAY_SECS,
        ),
        max_keywords_per_run: caps[0],
        max_clusters_per_run: caps[1],
        max_ideas_per_run: caps[2],
        max_tasks_per_run: caps[3],
        max_content_per_run: caps[4],
        max_images_per_run: caps[5],
        max_credits_per_run: cap(&mut e, "max_credits_per_run", ch.max_credits_per_run),
        auto_approve: ch.auto_approve,
        next_run_at: None,
        updated_at: Some(now),
    };
    e.into_result().map_err(tenancy::Error::Validation)?;
    conn.transaction(|c| {
        let current = get_config(c, scope, site, now)?;
        let updated: AutomationConfig = diesel::update(
            automation_configs::table
                .filter(automation_configs::account_id.eq(scope.account_id()))
                .filter(automation_configs::id.eq(current.id)),
        )
        .set(&patch)
        .returning(AutomationConfig::as_returning())
        .get_result(c)?;
        let tz = account_tz(c, scope)?;
        let next = updated.enabled.then(|| next_run_after(&updated, tz, now));
        Ok(diesel::update(
            automation_configs::table
                .filter(automation_configs::account_id.eq(scope.account_id()))
                .filter(automation_configs::id.eq(updated.id)),
        )
        .set(automation_configs::next_run_at.eq(next))
        .returning(AutomationConfig::as_returning())
        .get_result(c)?)
    })
}

/// The account's time zone (UTC when the stored name is unknown).
pub fn account_tz(conn: &mut PgConnection, scope: &Scope) -> Result<Tz> {
    let (account, _) = tenancy::accounts::get_account(conn, scope)?;
    Ok(account.timezone.parse::<Tz>().unwrap_or(Tz::UTC))
}

/// The first scheduled start strictly after `after`: the scheduled hour in `tz` on a day the
/// frequency names (every day; the weekday; the day of the month). A local hour that a DST
/// change skips starts an hour later; a repeated one starts at its first occurrence.
pub fn next_run_after(c: &AutomationConfig, tz: Tz, after: DateTime<Utc>) -> DateTime<Utc> {
    let local_day = after.with_timezone(&tz).date_naive();
    let hour = u32::try_from(c.scheduled_hour).unwrap_or(0).min(23);
    for d in 0..=70u64 {
        let Some(day) = local_day.checked_add_days(Days::new(d)) else {
            break;
        };
        if !day_matches(c, day) {
            continue;
        }
        if let Some(t) = local_start(tz, day, hour)
            && t > after
        {
            return t;
        }
    }
    // Unreachable for valid configs (a month has every day 1–28); a day later is a safe answer.
    after + chrono::Duration::days(1)
}

fn day_matches(c: &AutomationConfig, day: NaiveDate) -> bool {
    match c.frequency {
        Frequency::Daily => true,
        Frequency::Weekly => {
            i16::try_from(day.weekday().number_from_monday()).ok() == Some(c.scheduled_weekday)
        }
        Frequency::Monthly => i16::try_from(day.day()).ok() == Some(c.scheduled_day_of_month),
    }
}

fn local_start(tz: Tz, day: NaiveDate, hour: u32) -> Option<DateTime<Utc>> {
    (hour..24).find_map(|h| {
        let naive = day.and_hms_opt(h, 0, 0)?;
        tz.from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn config(frequency: Frequency, hour: i16, weekday: i16, dom: i16) -> AutomationConfig {
        let t = Utc::now();
        AutomationConfig {
            id: kernel::AutomationConfigId(1),
            account_id: kernel::AccountId(1),
            site_id: SiteId(1),
            enabled: true,
            frequency,
            scheduled_hour: hour,
            scheduled_weekday: weekday,
            scheduled_day_of_month: dom,
            stage_1_batch_size: 20,
            stage_2_batch_size: 5,
            stage_3_batch_size: 20,
            stage_4_batch_size: 5,
            stage_5_batch_size: 10,
            stage_6_batch_size: 10,
            within_stage_delay_secs: 0,
            between_stage_delay_secs: 0,
            max_keywords_per_run: None,
            max_clusters_per_run: None,
            max_ideas_per_run: None,
            max_tasks_per_run: None,
            max_content_per_run: None,
            max_images_per_run: None,
            max_credits_per_run: None,
            auto_approve: true,
            last_run_at: None,
            next_run_at: None,
            created_at: t,
            updated_at: t,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn daily_is_the_next_hour_in_the_account_zone() {
        let c = config(Frequency::Daily, 9, 1, 1);
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 07:30 UTC = 08:30 Berlin (winter): today 09:00 Berlin = 08:00 UTC
        assert_eq!(
            next_run_after(&c, berlin, at("2026-12-02T07:30:00Z")),
            at("2026-12-02T08:00:00Z")
        );
        // exactly at the start: strictly after → tomorrow
        assert_eq!(
            next_run_after(&c, berlin, at("2026-12-02T08:00:00Z")),
            at("2026-12-03T08:00:00Z")
        );
    }

    #[test]
    fn weekly_and_monthly_pick_their_day() {
        // 2026-12-02 is a Wednesday
        let c = config(Frequency::Weekly, 6, 1, 1);
        let t = next_run_after(&c, Tz::UTC, at("2026-12-02T12:00:00Z"));
        assert_eq!(t, at("2026-12-07T06:00:00Z"));
        let m = config(Frequency::Monthly, 0, 1, 28);
        assert_eq!(
            next_run_after(&m, Tz::UTC, at("2026-12-28T00:00:00Z")),
            at("2027-01-28T00:00:00Z")
        );
    }

    #[test]
    fn a_skipped_dst_hour_starts_an_hour_later() {
        // Europe/Berlin skips 02:00–03:00 on 2027-03-28
        let c = config(Frequency::Daily, 2, 1, 1);
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let t = next_run_after(&c, berlin, at("2027-03-27T12:00:00Z"));
        assert_eq!(t.with_timezone(&berlin).hour(), 3);
        assert_eq!(t, at("2027-03-28T01:00:00Z"));
    }
}
