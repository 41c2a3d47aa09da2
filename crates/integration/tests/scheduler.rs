//! The publishing scheduler on a real database, across nine days of simulated time: approved
//! content gets slot times on allowed days in the account's time zone, never more than the
//! daily and weekly limits, published items count toward the limits, and due items are handed
//! to the publish job exactly once. Also the settings' validation and tenant isolation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Datelike, Duration, TimeZone, Timelike, Utc};
use content::content::{
    ContentFields, NewContent, approve_content, create_content, submit_for_review,
};
use content::model::SiteStatus;
use content::publishing::{Landed, finish_publish};
use diesel::prelude::*;
use integration::integrations::{NewIntegration, create};
use integration::model::Mode;
use integration::scheduler::{SettingsChanges, get_settings, run_scheduler, update_settings};
use kernel::ContentId;
use std::collections::BTreeMap;
use test_support::{TenantFixture, TestDb};

const SECRET: &[u8] = b"scheduler-test-secret-key-0123456789";

fn approved_items(c: &mut PgConnection, t: &TenantFixture, n: usize) -> Vec<ContentId> {
    let scope = t.scope();
    (0..n)
        .map(|i| {
            let item = create_content(
                c,
                &scope,
                &NewContent {
                    site_id: t.site_id,
                    sector_id: t.sector_ids[0],
                    task_id: None,
                    fields: ContentFields {
                        title: Some(format!("Article {i}")),
                        content_html: Some(format!("<p>Body {i}</p>")),
                        ..Default::default()
                    },
                },
                Utc::now(),
            )
            .unwrap();
            let id = item.content.id;
            submit_for_review(c, &scope, id, Utc::now()).unwrap();
            approve_content(c, &scope, id, Utc::now()).unwrap();
            id
        })
        .collect()
}

fn connect(c: &mut PgConnection, t: &TenantFixture) {
    create(
        c,
        &t.scope(),
        SECRET,
        &NewIntegration {
            site_id: Some(t.site_id),
            site_url: Some("http://wp.invalid".into()),
            mode: Some(Mode::Core),
            username: Some("admin".into()),
            app_password: Some("abcd efgh ijkl mnop qrst uvwx".into()),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
}

#[derive(Queryable, Debug)]
struct Row {
    id: i64,
    site_status: String,
    scheduled_publish_at: Option<DateTime<Utc>>,
    published_at: Option<DateTime<Utc>>,
}

fn rows(c: &mut PgConnection) -> Vec<Row> {
    use db::schema::content::dsl::*;
    content
        .order(id)
        .select((id, site_status, scheduled_publish_at, published_at))
        .load(c)
        .unwrap()
}

#[test]
fn a_week_of_simulated_time_respects_slots_days_and_limits() {
    let db = TestDb::new();
    let c = &mut db.conn();
    let t = TenantFixture::create(c, "sched");
    let other = TenantFixture::create(c, "quiet");
    // The account lives in New York: slots are New York times.
    tenancy::accounts::update_account(
        c,
        &t.scope(),
        tenancy::accounts::AccountChanges {
            timezone: Some("America/New_York".into()),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
    connect(c, &t);
    let items = approved_items(c, &t, 20);
    // Another tenant's approved content, without auto-publish: never touched.
    connect(c, &other);
    let untouched = approved_items(c, &other, 3);

    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    // Monday 2027-01-04 00:00 in New York.
    let start = tz
        .with_ymd_and_hms(2027, 1, 4, 0, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    // Auto-publish is off until turned on: a run schedules nothing.
    assert_eq!(run_scheduler(c, start).unwrap().scheduled, 0);
    let s = update_settings(
        c,
        &t.scope(),
        t.site_id,
        &SettingsChanges {
            auto_publish_enabled: Some(true),
            daily_limit: Some(2),
            weekly_limit: Some(7),
            publish_days: Some(vec![1, 2, 3, 4, 5]),
            time_slots: Some(vec!["18:00".into(), "09:00".into(), "14:00".into()]),
        },
        start,
    )
    .unwrap();
    assert_eq!(s.time_slots, vec!["09:00", "14:00", "18:00"], "sorted");

    // Nine days, a scheduler run every 15 minutes; the "worker" publishes what was handed to it.
    let mut enqueued = 0;
    let mut now = start;
    while now < start + Duration::days(9) {
        let r = run_scheduler(c, now).unwrap();
        assert_eq!(r.failed, 0);
        enqueued += r.enqueued;
        for row in rows(c) {
            if row.site_status == "publishing" {
                finish_publish(
                    c,
                    &t.scope(),
                    ContentId(row.id),
                    &Landed {
                        external_id: format!("{}", 1000 + row.id),
                        external_url: format!("http://wp.invalid/?p={}", 1000 + row.id),
                        site_status: SiteStatus::Published,
                        scheduled_at: None,
                    },
                    now,
                )
                .unwrap();
            }
        }
        now += Duration::minutes(15);
    }

    let all = rows(c);
    let mine: Vec<&Row> = all
        .iter()
        .filter(|r| items.contains(&ContentId(r.id)))
        .collect();
    let published: Vec<&Row> = mine
        .iter()
        .copied()
        .filter(|r| r.site_status == "published")
        .collect();
    // Week 1: Mon 2, Tue 2, Wed 2, Thu 1 (weekly limit 7), Fri none; week 2: Mon 2, Tue 2.
    assert_eq!(published.len(), 11, "{all:?}");
    assert_eq!(enqueued, 11, "each due item handed over once");
    let mut per_day: BTreeMap<_, usize> = BTreeMap::new();
    let mut per_week: BTreeMap<_, usize> = BTreeMap::new();
    for r in &published {
        let at = r.scheduled_publish_at.unwrap().with_timezone(&tz);
        assert!(
            at.weekday().number_from_monday() <= 5,
            "a weekend slot: {at}"
        );
        assert!(
            [9, 14].contains(&at.hour()) && at.minute() == 0,
            "not a slot (or a third one): {at}"
        );
        // Published at its slot (the run that saw it due).
        assert_eq!(r.published_at, r.scheduled_publish_at);
        *per_day.entry(at.date_naive()).or_default() += 1;
        *per_week.entry(at.iso_week().week()).or_default() += 1;
    }
    assert!(per_day.values().all(|n| *n <= 2), "{per_day:?}");
    assert_eq!(
        per_week.values().copied().collect::<Vec<_>>(),
        vec![7, 4],
        "{per_week:?}"
    );
    // The rest waits, scheduled within the limits; nothing is left unscheduled.
    let scheduled: Vec<&Row> = mine
        .iter()
        .copied()
        .filter(|r| r.site_status == "scheduled")
        .collect();
    assert_eq!(scheduled.len(), 9, "{all:?}");
    for r in &scheduled {
        assert!(r.scheduled_publish_at.unwrap() > now - Duration::minutes(15));
    }
    // The other tenant (auto-publish off) is untouched.
    for r in all.iter().filter(|r| untouched.contains(&ContentId(r.id))) {
        assert_eq!(r.site_status, "not_published");
        assert!(r.scheduled_publish_at.is_none());
    }
}

#[test]
fn settings_are_validated_and_scoped_to_the_tenant() {
    let db = TestDb::new();
    let c = &mut db.conn();
    let a = TenantFixture::create(c, "alice");
    let b = TenantFixture::create(c, "bob");
    let now = Utc::now();
    let s = get_settings(c, &a.scope(), a.site_id, now).unwrap();
    assert!(!s.auto_publish_enabled);
    let bad = update_settings(
        c,
        &a.scope(),
        a.site_id,
        &SettingsChanges {
            daily_limit: Some(0),
            weekly_limit: Some(701),
            publish_days: Some(vec![0, 8]),
            time_slots: Some(vec!["9:00".into(), "24:00".into()]),
            ..Default::default()
        },
        now,
    );
    let Err(integration::Error::Validation(e)) = bad else {
        panic!("{bad:?}")
    };
    for f in ["daily_limit", "weekly_limit", "publish_days", "time_slots"] {
        assert!(e.fields().contains_key(f), "{f}: {e:?}");
    }
    // Another tenant's site is not found, for reads and writes.
    assert!(matches!(
        get_settings(c, &b.scope(), a.site_id, now),
        Err(integration::Error::Tenancy(tenancy::Error::NotFound))
    ));
    assert!(matches!(
        update_settings(c, &b.scope(), a.site_id, &SettingsChanges::default(), now),
        Err(integration::Error::Tenancy(tenancy::Error::NotFound))
    ));
}
