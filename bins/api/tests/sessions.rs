//! The session cache: a request with a valid token is answered without reading the session,
//! and whatever revokes or changes a session takes effect within a second, whether this process
//! made the change or another did (another API process, the worker, SQL by hand).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use diesel::prelude::*;
use serde_json::json;
use std::time::{Duration, Instant};

const AUTH: &str = "/api/v1/auth";
const WITHIN: Duration = Duration::from_secs(1);

/// Waits until the process's listener is connected, so the cache is in use.
async fn live(c: &Ctx) {
    let started = Instant::now();
    while !c.state.events.sessions().is_live() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the listener did not connect"
        );
        actix_web::rt::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Sends `GET /me/` with `token` until it answers `expected`; returns how long that took.
async fn until_status<S, B>(app: &S, token: &str, expected: StatusCode) -> Duration
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let started = Instant::now();
    loop {
        let s = me_status(app, token).await;
        if s == expected {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still {s} after 5 s, expected {expected}"
        );
        actix_web::rt::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Waits (at most a second) until the notification of a change made elsewhere has emptied
/// the session cache.
async fn until_evicted(c: &Ctx) {
    let started = Instant::now();
    while !c.state.events.sessions().is_empty() {
        assert!(
            started.elapsed() < WITHIN,
            "the cached session is still there after {:?}",
            started.elapsed()
        );
        actix_web::rt::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The status of `GET /me/` with `token`.
async fn me_status<S, B>(app: &S, token: &str) -> StatusCode
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    get(&format!("{AUTH}/me/"))
        .bearer(token)
        .send(app)
        .await
        .status
}

/// Logs the tenant's owner in again: a second session.
async fn second_session<S, B>(app: &S, c: &Ctx) -> String
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let other = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": c.a.password}))
        .send(app)
        .await
        .data();
    other["access"].as_str().unwrap().to_owned()
}

/// A write the caller may make only while the account is active and the role allows it.
async fn rename_site<S, B>(app: &S, c: &Ctx, token: &str) -> (StatusCode, String)
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let r = patch(&format!("{AUTH}/sites/{}/", c.a.site_id))
        .bearer(token)
        .json(&json!({"name": "renamed"}))
        .send(app)
        .await;
    (r.status, r.code())
}

#[actix_web::test]
async fn a_cached_session_answers_without_the_database_and_is_dropped_on_logout() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    let cache = c.state.events.sessions();
    assert!(cache.is_empty());
    let me = get(&format!("{AUTH}/me/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(
        cache.len(),
        1,
        "the session is cached after its first request"
    );
    // Logging out through this process evicts the account's entries before the answer leaves.
    let logout = post(&format!("{AUTH}/logout/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(logout.status, StatusCode::OK);
    // This process made the change: the very next request sees it.
    let me = get(&format!("{AUTH}/me/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        (me.status, me.code().as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_token")
    );
    // The other tenant's session is untouched.
    assert_eq!(me_status(&app, &c.b.access).await, StatusCode::OK);
}

#[actix_web::test]
async fn refused_writes_keep_the_cache_and_accepted_ones_evict_the_account() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    let cache = c.state.events.sessions();
    assert_eq!(me_status(&app, &c.a.access).await, StatusCode::OK);
    assert_eq!(me_status(&app, &c.b.access).await, StatusCode::OK);
    assert_eq!(cache.len(), 2);
    // anonymous writes that are refused: no token, an unknown route, a bad reset token
    let r = post("/api/v1/planner/keywords/").send(&app).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = post("/api/v1/no-such-route/").send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = post(&format!("{AUTH}/password/reset/confirm/"))
        .json(&json!({"token": "not-a-token", "password": "a long new passphrase 42"}))
        .send(&app)
        .await;
    assert!(r.status.is_client_error(), "{:?}", r.json());
    // a tenant's write the API refuses (validation)
    let r = post("/api/v1/planner/keywords/")
        .bearer(&c.a.access)
        .json(&json!({}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(cache.len(), 2, "refused writes evict nothing");
    // an accepted write evicts the writer's account only
    let (status, _) = rename_site(&app, &c, &c.a.access).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        cache.len(),
        1,
        "the writer's account was evicted, the other kept"
    );
    assert_eq!(me_status(&app, &c.b.access).await, StatusCode::OK);
    assert_eq!(
        cache.len(),
        1,
        "the other account was served from the cache"
    );
}

#[actix_web::test]
async fn logout_by_another_process_revokes_within_a_second() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    until_status(&app, &c.a.access, StatusCode::OK).await;
    assert_eq!(c.state.events.sessions().len(), 1);
    // Another API process logs the session out: the same service, its own connection.
    tenancy::auth::logout(
        &mut c.db.conn(),
        &test_support::fixtures::auth_config(),
        &c.a.access,
        chrono::Utc::now(),
    )
    .unwrap();
    let took = until_status(&app, &c.a.access, StatusCode::UNAUTHORIZED).await;
    assert!(took < WITHIN, "revoked after {took:?}");
    assert_eq!(me_status(&app, &c.b.access).await, StatusCode::OK);
}

#[actix_web::test]
async fn password_change_by_another_process_revokes_other_sessions_within_a_second() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    let other_access = second_session(&app, &c).await;
    until_status(&app, &other_access, StatusCode::OK).await;
    until_status(&app, &c.a.access, StatusCode::OK).await;
    assert_eq!(c.state.events.sessions().len(), 2, "both sessions cached");
    tenancy::auth::change_password(
        &mut c.db.conn(),
        &test_support::fixtures::auth_config(),
        &c.a.access,
        &c.a.password,
        "a brand new passphrase 42",
        chrono::Utc::now(),
    )
    .unwrap();
    let took = until_status(&app, &other_access, StatusCode::UNAUTHORIZED).await;
    assert!(took < WITHIN, "revoked after {took:?}");
    assert_eq!(
        me_status(&app, &c.a.access).await,
        StatusCode::OK,
        "the session that changed the password stays"
    );
}

#[actix_web::test]
async fn password_change_here_revokes_other_sessions_on_the_next_request() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    let other_access = second_session(&app, &c).await;
    until_status(&app, &other_access, StatusCode::OK).await;
    let ok = post(&format!("{AUTH}/password/change/"))
        .bearer(&c.a.access)
        .json(&json!({"old_password": c.a.password, "new_password": "a brand new passphrase 42"}))
        .send(&app)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.json());
    let me = get(&format!("{AUTH}/me/"))
        .bearer(&other_access)
        .send(&app)
        .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn account_suspension_and_role_change_in_sql_apply_within_a_second() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    assert_eq!(rename_site(&app, &c, &c.a.access).await.0, StatusCode::OK);
    // A write by this process evicted the account's entries; read once more to cache again.
    until_status(&app, &c.a.access, StatusCode::OK).await;
    assert_eq!(c.state.events.sessions().len(), 1);

    // Changed by hand (no request of this process evicts anything): the notification alone
    // must drop the cached session, and the next write is refused.
    test_support::fixtures::set_account_status(&mut c.db.conn(), c.a.account_id, "suspended");
    until_evicted(&c).await;
    assert_eq!(
        rename_site(&app, &c, &c.a.access).await,
        (StatusCode::FORBIDDEN, "account_inactive".to_owned())
    );
    test_support::fixtures::set_account_status(&mut c.db.conn(), c.a.account_id, "active");

    // The owner is demoted to viewer by hand.
    until_status(&app, &c.a.access, StatusCode::OK).await;
    until_status(&app, &c.a.access, StatusCode::OK).await;
    assert_eq!(c.state.events.sessions().len(), 1);
    diesel::sql_query(format!(
        "UPDATE users SET role = 'viewer' WHERE id = {}",
        c.a.owner_id
    ))
    .execute(&mut c.db.conn())
    .unwrap();
    until_evicted(&c).await;
    assert_eq!(
        rename_site(&app, &c, &c.a.access).await,
        (StatusCode::FORBIDDEN, "permission_denied".to_owned())
    );
}

#[actix_web::test]
async fn a_deactivated_user_is_refused_within_a_second() {
    let c = ctx();
    live(&c).await;
    let app = app(&c.state).await;
    until_status(&app, &c.a.access, StatusCode::OK).await;
    until_status(&app, &c.a.access, StatusCode::OK).await;
    diesel::sql_query(format!(
        "UPDATE users SET is_active = false WHERE id = {}",
        c.a.owner_id
    ))
    .execute(&mut c.db.conn())
    .unwrap();
    let took = until_status(&app, &c.a.access, StatusCode::UNAUTHORIZED).await;
    assert!(took < WITHIN, "refused after {took:?}");
}
