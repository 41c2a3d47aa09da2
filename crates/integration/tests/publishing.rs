//! Integrations and publish jobs at the service level, on a real database, for the error paths
//! a user can reach without a WordPress answering (the WordPress side is tested end to end in
//! tests/tests/wordpress.rs): validation, one integration per site, state checks before a
//! publish, a bridge site with no key, an unreachable site retried then failed, the webhook
//! with sync switched off, the site structure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use content::content::{
    ContentFields, NewContent, approve_content, create_content, get_content_row, submit_for_review,
};
use content::model::SiteStatus;
use content::publishing::{Landed, finish_publish};
use db::schema::{notifications, sync_events};
use diesel::prelude::*;
use integration::inbound::{StatusChange, status_webhook, update_site_structure};
use integration::integrations::{IntegrationChanges, NewIntegration, create, update};
use integration::model::Mode;
use integration::publish::{
    MAX_ATTEMPTS, PublishContent, Runtime, request_publish, request_unpublish, run_job,
};
use integration::{Error, events};
use kernel::{Clock, ContentId, PageRequest};
use std::sync::Arc;
use test_support::{TenantFixture, TestDb};

const SECRET: &[u8] = b"publishing-test-secret-key-0123456789";

fn article(c: &mut PgConnection, t: &TenantFixture, approved: bool) -> ContentId {
    let scope = t.scope();
    let id = create_content(
        c,
        &scope,
        &NewContent {
            site_id: t.site_id,
            sector_id: t.sector_ids[0],
            task_id: None,
            fields: ContentFields {
                title: Some("An Article".into()),
                content_html: Some("<p>Body</p>".into()),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap()
    .content
    .id;
    if approved {
        submit_for_review(c, &scope, id, Utc::now()).unwrap();
        approve_content(c, &scope, id, Utc::now()).unwrap();
    }
    id
}

fn new(mode: Mode, t: &TenantFixture, url: &str) -> NewIntegration {
    NewIntegration {
        site_id: Some(t.site_id),
        site_url: Some(url.into()),
        mode: Some(mode),
        username: Some("admin".into()),
        app_password: Some("abcd efgh ijkl mnop".into()),
        ..Default::default()
    }
}

fn runtime(dir: &tempfile::TempDir) -> Runtime {
    Runtime {
        media: Arc::new(content::storage::LocalMediaStore::new(dir.path())),
        secret_key: SECRET.to_vec(),
        api_url: None,
        http: integration::wordpress::client().unwrap(),
    }
}

fn job(t: &TenantFixture, id: ContentId, requested_at: chrono::DateTime<Utc>) -> PublishContent {
    PublishContent {
        account_id: t.account_id,
        content_id: id,
        action: integration::publish::PublishAction::Publish,
        at: None,
        requested_at,
    }
}

#[test]
fn integrations_are_validated_and_one_per_site() {
    let db = TestDb::new();
    let c = &mut db.conn();
    let t = TenantFixture::create(c, "vera");
    let other = TenantFixture::create(c, "otto");
    let now = Utc::now();
    let bad = create(
        c,
        &t.scope(),
        SECRET,
        &NewIntegration {
            site_id: Some(t.site_id),
            site_url: Some("ftp://blog.example.com".into()),
            mode: Some(Mode::Core),
            ..Default::default()
        },
        now,
    );
    let Err(Error::Validation(e)) = bad else {
        panic!("{bad:?}")
    };
    for f in ["site_url", "username", "app_password"] {
        assert!(e.fields().contains_key(f), "{f}: {e:?}");
    }
    // Another tenant's site is an unknown reference (404).
    let r = create(
        c,
        &other.scope(),
        SECRET,
        &new(Mode::Core, &t, "https://a.example.com"),
        now,
    );
    let Err(Error::Validation(e)) = r else {
        panic!("{r:?}")
    };
    assert!(e.only_unknown_objects(), "{e:?}");
    let i = create(
        c,
        &t.scope(),
        SECRET,
        &new(Mode::Core, &t, "https://A.example.com/"),
        now,
    )
    .unwrap();
    assert_eq!(i.site_url, "https://a.example.com");
    assert!(i.has_credentials());
    let again = create(
        c,
        &t.scope(),
        SECRET,
        &new(Mode::Bridge, &t, "https://b.example.com"),
        now,
    );
    assert!(
        matches!(again, Err(Error::AlreadyExists { .. })),
        "{again:?}"
    );
    // Bridge to core without a password stored: invalid_state.
    let b = create(
        c,
        &other.scope(),
        SECRET,
        &NewIntegration {
            site_id: Some(other.site_id),
            site_url: Some("https://o.example.com".into()),
            mode: Some(Mode::Bridge),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let r = update(
        c,
        &other.scope(),
        SECRET,
        b.id,
        &IntegrationChanges {
            mode: Some(Mode::Core),
            ..Default::default()
        },
        now,
    );
    assert!(matches!(r, Err(Error::InvalidState(_))), "{r:?}");
    // ... and another tenant cannot change it at all.
    let r = update(
        c,
        &t.scope(),
        SECRET,
        b.id,
        &IntegrationChanges::default(),
        now,
    );
    assert!(matches!(r, Err(Error::NotFound)), "{r:?}");
}

#[test]
fn publishing_checks_state_and_a_bridge_site_without_a_key_fails_at_once() {
    let db = TestDb::new();
    let c = &mut db.conn();
    let t = TenantFixture::create(c, "bea");
    let now = Utc::now();
    let approved = article(c, &t, true);
    let draft = article(c, &t, false);
    // No integration yet.
    let r = request_publish(c, &t.scope(), approved, None, now);
    assert!(matches!(r, Err(Error::InvalidState(_))), "{r:?}");
    let i = create(
        c,
        &t.scope(),
        SECRET,
        &new(Mode::Bridge, &t, "http://127.0.0.1:9"),
        now,
    )
    .unwrap();
    // A draft is not published; content never published cannot be unpublished.
    let r = request_publish(c, &t.scope(), draft, None, now);
    assert!(
        matches!(r, Err(Error::Content(content::Error::InvalidState { .. }))),
        "{r:?}"
    );
    let r = request_unpublish(c, &t.scope(), approved, now);
    assert!(
        matches!(r, Err(Error::Content(content::Error::InvalidState { .. }))),
        "{r:?}"
    );
    // An inactive integration publishes nothing.
    update(
        c,
        &t.scope(),
        SECRET,
        i.id,
        &IntegrationChanges {
            is_active: Some(false),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let r = request_publish(c, &t.scope(), approved, None, now);
    assert!(
        matches!(&r, Err(Error::InvalidState(m)) if m.contains("not active")),
        "{r:?}"
    );
    update(
        c,
        &t.scope(),
        SECRET,
        i.id,
        &IntegrationChanges {
            is_active: Some(true),
            ..Default::default()
        },
        now,
    )
    .unwrap();

    // Bridge mode with no site key: one attempt, failed, with the reason and a notification.
    request_publish(c, &t.scope(), approved, None, now).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pool = db.pool();
    run_job(
        &runtime(&dir),
        &pool,
        &Clock::system(),
        &job(&t, approved, now),
    )
    .unwrap();
    let row = get_content_row(c, &t.scope(), approved).unwrap();
    assert_eq!(row.site_status, SiteStatus::Failed);
    let ev = events::list(
        c,
        &t.scope(),
        i.id,
        Some(approved),
        PageRequest::new(None, None),
    )
    .unwrap();
    assert_eq!(ev.items.len(), 1);
    assert_eq!(ev.items[0].error_code.as_deref(), Some("no_site_key"));
    let notes: i64 = notifications::table
        .filter(notifications::account_id.eq(t.account_id))
        .filter(notifications::kind.eq("publish_failed"))
        .count()
        .get_result(c)
        .unwrap();
    assert_eq!(notes, 1);
}

#[test]
fn an_unreachable_site_is_retried_then_fails() {
    let db = TestDb::new();
    let c = &mut db.conn();
    let t = TenantFixture::create(c, "una");
    let now = Utc::now();
    let id = article(c, &t, true);
    // Nothing listens on port 9: connection refused, a transient failure.
    create(
        c,
        &t.scope(),
        SECRET,
        &new(Mode::Core, &t, "http://127.0.0.1:9"),
        now,
    )
    .unwrap();
    request_publish(c, &t.scope(), id, None, now).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (rt, pool, clock) = (runtime(&dir), db.pool(), Clock::system());
    for attempt in 1..MAX_ATTEMPTS {
        let r = run_job(&rt, &pool, &clock, &job(&t, id, now));
        assert!(
            matches!(r, Err(Error::Remote(_))),
            "attempt {attempt}: {r:?}"
        );
        assert_eq!(
            get_content_row(c, &t.scope(), id).unwrap().site_status,
            SiteStatus::Publishing
        );
    }
    // The last attempt gives up: failed, every attempt recorded.
    run_job(&rt, &pool, &clock, &job(&t, id, now)).unwrap();
    assert_eq!(
        get_content_row(c, &t.scope(), id).unwrap().site_status,
        SiteStatus::Failed
    );
    let failed: Vec<(i32, Option<String>)> = sync_events::table
        .filter(sync_events::content_id.eq(id))
        .order(sync_events::id.asc())
        .select((sync_events::attempt, sync_events::error_code))
        .load(c)
        .unwrap();
    assert_eq!(failed.len() as i64, MAX_ATTEMPTS);
    assert_eq!(failed.last().unwrap().0 as i64, MAX_ATTEMPTS);
    assert!(
        failed
            .iter()
            .all(|(_, code)| code.as_deref() == Some("connect_failed")),
        "{failed:?}"
    );
    // A stale duplicate of the job does nothing more.
    run_job(&rt, &pool, &clock, &job(&t, id, now)).unwrap();
    let n: i64 = sync_events::table
        .filter(sync_events::content_id.eq(id))
        .count()
        .get_result(c)
        .unwrap();
    assert_eq!(n, MAX_ATTEMPTS);
}

#[test]
fn the_webhook_respects_sync_being_off_and_the_structure_is_checked() {
    let db = TestDb::new();
    let c = &mut db.conn();
    let t = TenantFixture::create(c, "wes");
    let now = Utc::now();
    let id = article(c, &t, true);
    let i = create(
        c,
        &t.scope(),
        SECRET,
        &new(Mode::Bridge, &t, "https://w.example.com"),
        now,
    )
    .unwrap();
    finish_publish(
        c,
        &t.scope(),
        id,
        &Landed {
            external_id: "77".into(),
            external_url: "https://w.example.com/an-article/".into(),
            site_status: SiteStatus::Published,
            scheduled_at: None,
        },
        now,
    )
    .unwrap();
    update(
        c,
        &t.scope(),
        SECRET,
        i.id,
        &IntegrationChanges {
            sync_enabled: Some(false),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let change = StatusChange {
        post_id: 77,
        content_id: id,
        post_status: "trash".into(),
        post_url: None,
    };
    let r = status_webhook(c, &t.scope(), &change, now).unwrap();
    assert!(!r.changed);
    assert_eq!(r.site_status, "published");
    // An unknown WordPress status is refused.
    let r = status_webhook(
        c,
        &t.scope(),
        &StatusChange {
            post_status: "archived".into(),
            ..change.clone()
        },
        now,
    );
    assert!(matches!(r, Err(Error::Validation(_))), "{r:?}");
    // The structure must be an object whose lists are lists.
    for bad in [
        serde_json::json!([1, 2]),
        serde_json::json!({"post_types": "post"}),
    ] {
        let r = update_site_structure(c, &t.scope(), i.id, &bad, now);
        assert!(matches!(r, Err(Error::Validation(_))), "{bad}: {r:?}");
    }
    let ok = update_site_structure(
        c,
        &t.scope(),
        i.id,
        &serde_json::json!({"post_types": [{"name": "post", "count": 3}]}),
        now,
    )
    .unwrap();
    assert_eq!(ok.site_structure["post_types"][0]["count"], 3);
}
