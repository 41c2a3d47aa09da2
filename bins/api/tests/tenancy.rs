//! HTTP tests of the foundation: auth, tenancy routes, roles, isolation, bad input, shell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use chrono::Duration;
use common::*;
use diesel::prelude::*;
use kernel::Role;
use serde_json::json;

const AUTH: &str = "/api/v1/auth";

fn count(db: &TestDb, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct C {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<C>(&mut db.conn())
        .unwrap()
        .n
}

// ---------------------------------------------------------------- registration and login

#[actix_web::test]
async fn register_login_me_round_trip() {
    let db = TestDb::new();
    let st = state(&db);
    let app = app(&st).await;
    let r = post(&format!("{AUTH}/register/"))
        .json(&json!({"email": "New@Example.com", "password": "a long passphrase", "first_name": "Nia", "account_name": "Nia Co"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let d = r.data();
    assert_eq!(d["user"]["email"], "new@example.com");
    assert_eq!(d["user"]["role"], "owner");
    assert_eq!(d["user"]["account"]["slug"], "nia-co");
    assert_eq!(d["user"]["account"]["status"], "active");
    assert_eq!(d["account"]["plan"]["slug"], "free");
    assert!(d["access"].as_str().unwrap().len() > 20 && d["refresh"].is_string());
    assert!(r.json()["request_id"].is_string());

    // same email, other case: 409 already_exists
    let dup = post(&format!("{AUTH}/register/"))
        .json(&json!({"email": "NEW@example.com", "password": "another passphrase"}))
        .send(&app)
        .await;
    assert_eq!(
        (dup.status, dup.code().as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );

    let login = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": "new@EXAMPLE.com", "password": "a long passphrase"}))
        .send(&app)
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let l = login.data();
    for k in [
        "access",
        "refresh",
        "access_expires_at",
        "refresh_expires_at",
    ] {
        assert!(l[k].is_string(), "{k} missing");
    }
    assert_eq!(l["user"]["first_name"], "Nia");
    assert_eq!(login.header("x-throttle-limit").as_deref(), Some("5"));

    let me = get(&format!("{AUTH}/me/"))
        .bearer(l["access"].as_str().unwrap())
        .send(&app)
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.data()["email"], "new@example.com");
    assert_eq!(me.data()["account"]["name"], "Nia Co");

    let upd = patch(&format!("{AUTH}/me/"))
        .bearer(l["access"].as_str().unwrap())
        .json(&json!({"last_name": "Lee"}))
        .send(&app)
        .await;
    assert_eq!(upd.data()["last_name"], "Lee");
    assert_eq!(upd.data()["first_name"], "Nia");
}

#[actix_web::test]
async fn paid_plan_signup_is_pending_payment_and_limited_to_reads_and_billing() {
    let db = TestDb::new();
    let st = state(&db);
    let app = app(&st).await;
    let r = post(&format!("{AUTH}/register/"))
        .json(&json!({"email": "p@example.com", "password": "a long passphrase", "plan_slug": "starter"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.data()["user"]["account"]["status"], "pending_payment");
    let tok = r.data()["access"].as_str().unwrap().to_owned();
    // reads work
    assert_eq!(
        get(&format!("{AUTH}/sites/"))
            .bearer(&tok)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
    // writes do not
    let w = post(&format!("{AUTH}/sites/"))
        .bearer(&tok)
        .json(&json!({"name": "x"}))
        .send(&app)
        .await;
    assert_eq!(
        (w.status, w.code().as_str()),
        (StatusCode::FORBIDDEN, "account_inactive")
    );
    assert_eq!(count(&db, "sites"), 0);
    // auth housekeeping still works
    assert_eq!(
        post(&format!("{AUTH}/logout/"))
            .bearer(&tok)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );

    let unknown = post(&format!("{AUTH}/register/")).json(&json!({"email": "q@example.com", "password": "a long passphrase", "plan_slug": "gold"})).send(&app).await;
    assert_eq!(unknown.code(), "not_found");
    assert!(unknown.json()["errors"]["plan_slug"].is_array());
    // With another fault beside the unknown plan it is bad input: 400, both named.
    let both = post(&format!("{AUTH}/register/"))
        .json(&json!({"email": "nope", "password": "a long passphrase", "plan_slug": "gold"}))
        .send(&app)
        .await;
    assert_eq!(both.code(), "validation_failed");
    assert!(
        both.json()["errors"]["plan_slug"].is_array() && both.json()["errors"]["email"].is_array()
    );
}

#[actix_web::test]
async fn suspended_account_reads_but_cannot_write() {
    let c = ctx();
    test_support::fixtures::set_account_status(&mut c.db.conn(), c.a.account_id, "suspended");
    let app = app(&c.state).await;
    assert_eq!(
        get(&format!("{AUTH}/sites/{}/", c.a.site_id))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
    let w = patch(&format!("{AUTH}/sites/{}/", c.a.site_id))
        .bearer(&c.a.access)
        .json(&json!({"name": "z"}))
        .send(&app)
        .await;
    assert_eq!(
        (w.status, w.code().as_str()),
        (StatusCode::FORBIDDEN, "account_inactive")
    );
}

#[actix_web::test]
async fn registration_validation_names_fields() {
    let db = TestDb::new();
    let st = state(&db);
    let app = app(&st).await;
    let r = post(&format!("{AUTH}/register/"))
        .json(&json!({"email": "not-an-email", "password": "short"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let e = &r.json()["errors"];
    assert!(e["email"].is_array() && e["password"].is_array(), "{e}");
    let r = post(&format!("{AUTH}/register/"))
        .json(&json!({"email": "x@example.com", "password": "12345678901"}))
        .send(&app)
        .await;
    assert!(
        r.json()["errors"]["password"][0]
            .as_str()
            .unwrap()
            .contains("numeric")
    );
    assert_eq!(count(&db, "accounts"), 0);
    assert_eq!(count(&db, "users"), 0);
}

#[actix_web::test]
async fn wrong_password_and_unknown_email_are_401() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": "wrong password!"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_credentials")
    );
    let r = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": "nobody@example.com", "password": "wrong password!"}))
        .peer("10.0.0.9:1")
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn sixth_login_attempt_in_a_minute_is_throttled_per_email_and_per_ip() {
    let c = ctx();
    let app = app(&c.state).await;
    for i in 0..5 {
        let r = post(&format!("{AUTH}/login/"))
            .json(&json!({"email": c.a.email, "password": "wrong password!"}))
            .peer(&format!("10.1.0.{i}:1"))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // 6th for this email (from yet another IP), even with the right password
    let r = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": c.a.password}))
        .peer("10.1.0.99:1")
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    );
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(r.header("x-throttle-limit").as_deref(), Some("5"));
    assert_eq!(r.header("x-throttle-remaining").as_deref(), Some("0"));
    assert!(
        r.header("x-throttle-reset")
            .unwrap()
            .parse::<i64>()
            .unwrap()
            > 0
    );

    // per IP: five different emails from one address, the sixth is refused
    for i in 0..5 {
        let r = post(&format!("{AUTH}/login/"))
            .json(&json!({"email": format!("u{i}@example.com"), "password": "whatever!!"}))
            .peer("10.2.0.1:1")
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.b.email, "password": c.b.password}))
        .peer("10.2.0.1:1")
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // B from a fresh IP is unaffected
    let r = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.b.email, "password": c.b.password}))
        .peer("10.3.0.1:1")
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

// ---------------------------------------------------------------- tokens and sessions

#[actix_web::test]
async fn missing_bad_and_expired_tokens() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = get(&format!("{AUTH}/me/")).send(&app).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNAUTHORIZED, "authentication_required")
    );
    let r = get(&format!("{AUTH}/me/"))
        .bearer("garbage.token.here")
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_token")
    );
    // a refresh token is not an access token
    let r = get(&format!("{AUTH}/me/"))
        .bearer(&c.a.refresh)
        .send(&app)
        .await;
    assert_eq!(r.code(), "invalid_token");
    c.state.clock.advance(Duration::minutes(16));
    let r = get(&format!("{AUTH}/me/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNAUTHORIZED, "token_expired")
    );
    // the refresh token still works and yields a usable access token
    let r = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({"refresh": c.a.refresh}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let me = get(&format!("{AUTH}/me/"))
        .bearer(r.data()["access"].as_str().unwrap())
        .send(&app)
        .await;
    assert_eq!(me.status, StatusCode::OK);
    c.state.clock.advance(Duration::days(8));
    let r = post(&format!("{AUTH}/refresh/"))
        .json(&json!({"refresh": c.a.refresh}))
        .send(&app)
        .await;
    assert_eq!(r.code(), "token_expired");
}

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let c = ctx();
    let app = app(&c.state).await;
    let r1 = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({"refresh": c.a.refresh}))
        .send(&app)
        .await;
    assert_eq!(r1.status, StatusCode::OK);
    let refresh2 = r1.data()["refresh"].as_str().unwrap().to_owned();
    let access2 = r1.data()["access"].as_str().unwrap().to_owned();
    assert_ne!(refresh2, c.a.refresh);
    // the alias route rotates too
    let r2 = post(&format!("{AUTH}/refresh/"))
        .json(&json!({"refresh": refresh2}))
        .send(&app)
        .await;
    assert_eq!(r2.status, StatusCode::OK);
    let refresh3 = r2.data()["refresh"].as_str().unwrap().to_owned();
    let access3 = r2.data()["access"].as_str().unwrap().to_owned();
    // replaying an old refresh token: refused, and the whole session dies
    let replay = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({"refresh": c.a.refresh}))
        .send(&app)
        .await;
    assert_eq!(
        (replay.status, replay.code().as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_token")
    );
    let after = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({"refresh": refresh3}))
        .send(&app)
        .await;
    assert_eq!(
        after.status,
        StatusCode::UNAUTHORIZED,
        "newest refresh token is revoked with its family"
    );
    for tok in [&access2, &access3] {
        assert_eq!(
            get(&format!("{AUTH}/me/"))
                .bearer(tok)
                .send(&app)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    // other sessions of the same user are untouched
    let fresh = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": c.a.password}))
        .send(&app)
        .await;
    assert_eq!(fresh.status, StatusCode::OK);
}

#[actix_web::test]
async fn logout_revokes_the_session() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = post(&format!("{AUTH}/logout/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        get(&format!("{AUTH}/me/"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .code(),
        "invalid_token"
    );
    let r = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({"refresh": c.a.refresh}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // B is not affected
    assert_eq!(
        get(&format!("{AUTH}/me/"))
            .bearer(&c.b.access)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn password_change_revokes_other_sessions() {
    let c = ctx();
    let app = app(&c.state).await;
    let other = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": c.a.password}))
        .send(&app)
        .await
        .data();
    let other_access = other["access"].as_str().unwrap();
    let bad = post(&format!("{AUTH}/password/change/"))
        .bearer(&c.a.access)
        .json(&json!({"old_password": "nope nope nope", "new_password": "brand new passphrase"}))
        .send(&app)
        .await;
    assert_eq!(bad.code(), "validation_failed");
    assert!(bad.json()["errors"]["old_password"].is_array());
    let ok = post(&format!("{AUTH}/password/change/"))
        .bearer(&c.a.access)
        .json(&json!({"old_password": c.a.password, "new_password": "brand new passphrase"}))
        .send(&app)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.json());
    assert_eq!(
        get(&format!("{AUTH}/me/"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .status,
        StatusCode::OK,
        "current session stays"
    );
    assert_eq!(
        get(&format!("{AUTH}/me/"))
            .bearer(other_access)
            .send(&app)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let old = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": c.a.password}))
        .send(&app)
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": "brand new passphrase"}))
        .send(&app)
        .await;
    assert_eq!(new.status, StatusCode::OK);
}

fn reset_token_from_outbox(db: &TestDb, email: &str) -> String {
    use db::schema::email_outbox::dsl as o;
    let body: String = o::email_outbox
        .filter(o::to_email.eq(email))
        .order(o::id.desc())
        .select(o::body_text)
        .first(&mut db.conn())
        .unwrap();
    body.split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[actix_web::test]
async fn password_reset_is_single_use_and_expires() {
    let c = ctx();
    let app = app(&c.state).await;
    let unknown = post(&format!("{AUTH}/password/reset/"))
        .json(&json!({"email": "ghost@example.com"}))
        .send(&app)
        .await;
    assert_eq!(unknown.status, StatusCode::OK, "no account enumeration");
    assert_eq!(count(&c.db, "password_reset_tokens"), 0);
    let r = post(&format!("{AUTH}/password/reset/"))
        .json(&json!({"email": c.a.email}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(count(&c.db, "email_outbox"), 1);
    let token = reset_token_from_outbox(&c.db, &c.a.email);
    // stored hashed, never in clear
    let stored: String = db::schema::password_reset_tokens::table
        .select(db::schema::password_reset_tokens::token_hash)
        .first(&mut c.db.conn())
        .unwrap();
    assert_ne!(stored, token);

    let weak = post(&format!("{AUTH}/password/reset/confirm/"))
        .json(&json!({"token": token, "new_password": "short"}))
        .send(&app)
        .await;
    assert_eq!(weak.code(), "validation_failed");
    let ok = post(&format!("{AUTH}/password/reset/confirm/"))
        .json(&json!({"token": token, "new_password": "reset passphrase 1"}))
        .send(&app)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.json());
    assert_eq!(
        get(&format!("{AUTH}/me/"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .status,
        StatusCode::UNAUTHORIZED,
        "all sessions revoked"
    );
    let again = post(&format!("{AUTH}/password/reset/confirm/"))
        .json(&json!({"token": token, "new_password": "reset passphrase 2"}))
        .send(&app)
        .await;
    assert_eq!(
        (again.status, again.code().as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_token")
    );
    let login = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": "reset passphrase 1"}))
        .send(&app)
        .await;
    assert_eq!(login.status, StatusCode::OK);

    // an hour later a fresh token is expired
    post(&format!("{AUTH}/password/reset/"))
        .json(&json!({"email": c.b.email}))
        .send(&app)
        .await;
    let t2 = reset_token_from_outbox(&c.db, &c.b.email);
    c.state.clock.advance(Duration::minutes(61));
    let late = post(&format!("{AUTH}/password/reset/confirm/"))
        .json(&json!({"token": t2, "new_password": "reset passphrase 3"}))
        .send(&app)
        .await;
    assert_eq!(late.code(), "token_expired");
}

// ---------------------------------------------------------------- sites, sectors, industries

#[actix_web::test]
async fn site_crud_sectors_and_plan_limit() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    let inds = get(&format!("{AUTH}/industries/?page_size=200"))
        .send(&app)
        .await;
    assert_eq!(inds.status, StatusCode::OK, "industries are public");
    let list = inds.json()["results"].clone();
    assert!(list.as_array().unwrap().len() >= 12);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|i| (4..=8).contains(&i["sectors"].as_array().unwrap().len()))
    );
    let plans = get(&format!("{AUTH}/plans/")).send(&app).await.json()["results"].clone();
    assert_eq!(
        plans
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["free", "starter", "growth", "scale"]
    );

    let s = post(&format!("{AUTH}/sites/"))
        .bearer(tok)
        .json(&json!({"name": "Alice Site", "domain": "blog.example.com"}))
        .send(&app)
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{:?}", s.json());
    assert_eq!(s.data()["slug"], "alice-site-2", "slug unique per account");
    let id = s.data()["id"].as_i64().unwrap();
    let upd = patch(&format!("{AUTH}/sites/{id}/"))
        .bearer(tok)
        .json(&json!({"name": "Renamed", "industry_id": null}))
        .send(&app)
        .await;
    assert_eq!(upd.data()["name"], "Renamed");
    assert_eq!(upd.data()["slug"], "alice-site-2", "slug is stable");
    let off = post(&format!("{AUTH}/sites/{id}/set_active/"))
        .bearer(tok)
        .json(&json!({"is_active": false}))
        .send(&app)
        .await;
    assert_eq!(off.data()["is_active"], false);
    let on = post(&format!("{AUTH}/sites/{id}/set_active/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(on.data()["is_active"], true);

    let sel = post(&format!("{AUTH}/sites/{id}/select_sectors/"))
        .bearer(tok)
        .json(&json!({"industry_slug": "healthcare", "sector_slugs": ["dental-care", "telemedicine", "mental-health"]}))
        .send(&app)
        .await;
    assert_eq!(sel.status, StatusCode::OK, "{:?}", sel.json());
    assert_eq!(sel.data().as_array().unwrap().len(), 3);
    let sel = post(&format!("{AUTH}/sites/{id}/select_sectors/"))
        .bearer(tok)
        .json(&json!({"industry_slug": "healthcare", "sector_slugs": ["dental-care"]}))
        .send(&app)
        .await;
    assert_eq!(
        sel.data().as_array().unwrap().len(),
        1,
        "unlisted sectors deactivated"
    );
    let all = get(&format!("{AUTH}/sectors/?site_id={id}"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(all.json()["count"], 3);
    let inactive = get(&format!("{AUTH}/sectors/?site_id={id}&is_active=false"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(inactive.json()["count"], 2);
    let six = post(&format!("{AUTH}/sites/{id}/select_sectors/"))
        .bearer(tok)
        .json(&json!({"industry_slug": "health-and-fitness", "sector_slugs": ["gyms-and-studios", "nutrition", "yoga", "weight-loss", "supplements", "personal-training"]}))
        .send(&app)
        .await;
    assert_eq!(
        (six.status, six.code().as_str()),
        (StatusCode::FORBIDDEN, "plan_limit_reached")
    );
    let bad = post(&format!("{AUTH}/sites/{id}/select_sectors/"))
        .bearer(tok)
        .json(&json!({"industry_slug": "healthcare", "sector_slugs": ["plumbing"]}))
        .send(&app)
        .await;
    assert_eq!(bad.code(), "not_found");
    assert!(bad.json()["errors"]["sector_slugs"].is_array());
    let bad = post(&format!("{AUTH}/sites/{id}/select_sectors/"))
        .bearer(tok)
        .json(&json!({"industry_slug": "nope", "sector_slugs": ["x"]}))
        .send(&app)
        .await;
    assert!(bad.json()["errors"]["industry_slug"].is_array());

    let sec_id = get(&format!("{AUTH}/sites/{id}/sectors/"))
        .bearer(tok)
        .send(&app)
        .await
        .json()["results"][0]["id"]
        .as_i64()
        .unwrap();
    let sec = patch(&format!("{AUTH}/sectors/{sec_id}/"))
        .bearer(tok)
        .json(&json!({"name": "Dentistry"}))
        .send(&app)
        .await;
    assert_eq!(sec.data()["name"], "Dentistry");
    assert_eq!(
        get(&format!("{AUTH}/sectors/{sec_id}/"))
            .bearer(tok)
            .send(&app)
            .await
            .data()["name"],
        "Dentistry"
    );

    let opts = get(&format!("{AUTH}/sites/filter_options/"))
        .bearer(tok)
        .send(&app)
        .await
        .data();
    assert_eq!(opts["is_active"][0], json!({"value": "", "label": "All"}));
    assert!(
        opts["industry_id"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["label"] == "Healthcare")
    );

    // growth plan: 5 sites. A has 2; three more fit, the sixth does not.
    for i in 0..3 {
        let r = post(&format!("{AUTH}/sites/"))
            .bearer(tok)
            .json(&json!({"name": format!("Extra {i}")}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let over = post(&format!("{AUTH}/sites/"))
        .bearer(tok)
        .json(&json!({"name": "One too many"}))
        .send(&app)
        .await;
    assert_eq!(
        (over.status, over.code().as_str()),
        (StatusCode::FORBIDDEN, "plan_limit_reached")
    );
    assert_eq!(
        get(&format!("{AUTH}/sites/?page_size=2"))
            .bearer(tok)
            .send(&app)
            .await
            .json()["count"],
        5
    );

    let del = delete(&format!("{AUTH}/sites/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert!(del.body.is_empty());
    assert_eq!(
        get(&format!("{AUTH}/sites/{id}/"))
            .bearer(tok)
            .send(&app)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn lists_paginate_search_and_order() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    for n in ["Zeta", "Beta", "Gamma"] {
        post(&format!("{AUTH}/sites/"))
            .bearer(tok)
            .json(&json!({"name": n}))
            .send(&app)
            .await;
    }
    let p1 = get(&format!("{AUTH}/sites/?ordering=name&page_size=2"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    assert_eq!(p1["count"], 4);
    let names: Vec<_> = p1["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["alice site", "Beta"]);
    assert!(p1["next"].as_str().unwrap().contains("page=2"));
    assert!(p1["next"].as_str().unwrap().starts_with("http"));
    assert!(p1["previous"].is_null());
    let p2 = get(&format!("{AUTH}/sites/?ordering=name&page_size=2&page=2"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    assert!(p2["next"].is_null());
    assert!(p2["previous"].as_str().unwrap().contains("page=1"));
    let desc = get(&format!("{AUTH}/sites/?ordering=-name"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    assert_eq!(desc["results"][0]["name"], "Zeta");
    let found = get(&format!("{AUTH}/sites/?search=AMM"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    assert_eq!(found["count"], 1);
    let bad = get(&format!("{AUTH}/sites/?ordering=password"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        (bad.status, bad.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let bad = get(&format!("{AUTH}/sites/?page=abc"))
        .bearer(tok)
        .send(&app)
        .await;
    assert!(bad.json()["errors"]["page"].is_array());
    let clamp = get(&format!("{AUTH}/sites/?page_size=100000"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(clamp.status, StatusCode::OK);
}

// ---------------------------------------------------------------- isolation

#[actix_web::test]
async fn another_tenant_gets_404_everywhere_and_never_sees_rows() {
    let c = ctx();
    let mut conn = c.db.conn();
    let (member, _) = c.a.add_member(&mut conn, "alice-editor", Role::Editor);
    drop(conn);
    let app = app(&c.state).await;
    let b = &c.b.access;
    let site = c.a.site_id;
    let sector = c.a.sector_ids[0];
    let grant = post(&format!("{AUTH}/site-access/"))
        .bearer(&c.a.access)
        .json(&json!({"user_id": member.get(), "site_id": site.get()}))
        .send(&app)
        .await;
    assert_eq!(grant.status, StatusCode::CREATED);
    let grant_id = grant.data()["id"].as_i64().unwrap();

    let not_found = [
        get(&format!("{AUTH}/sites/{site}/")),
        patch(&format!("{AUTH}/sites/{site}/")).json(&json!({"name": "pwned"})),
        delete(&format!("{AUTH}/sites/{site}/")),
        post(&format!("{AUTH}/sites/{site}/set_active/")).json(&json!({"is_active": false})),
        post(&format!("{AUTH}/sites/{site}/select_sectors/"))
            .json(&json!({"industry_slug": "technology", "sector_slugs": ["cybersecurity"]})),
        get(&format!("{AUTH}/sites/{site}/sectors/")),
        get(&format!("{AUTH}/sectors/{sector}/")),
        patch(&format!("{AUTH}/sectors/{sector}/")).json(&json!({"name": "pwned"})),
        get(&format!("{AUTH}/users/{member}/")),
        patch(&format!("{AUTH}/users/{member}/")).json(&json!({"role": "viewer"})),
        delete(&format!("{AUTH}/users/{member}/")),
        delete(&format!("{AUTH}/site-access/{grant_id}/")),
    ];
    for req in not_found {
        let r = req.bearer(b).send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::NOT_FOUND, "not_found"),
            "{:?}",
            r.json()
        );
    }
    // B's lists never contain A's rows
    let a_ids = [site.get(), sector.get(), member.get(), grant_id];
    for path in ["sites/", "sectors/", "users/", "site-access/"] {
        let r = get(&format!("{AUTH}/{path}")).bearer(b).send(&app).await;
        assert_eq!(r.status, StatusCode::OK);
        for row in r.json()["results"].as_array().unwrap() {
            assert!(
                !(path == "sites/" && row["id"] == site.get()),
                "{path} leaks A"
            );
            assert!(
                !(path == "sectors/" && row["site_id"] == site.get()),
                "{path} leaks A"
            );
            assert!(
                !(path == "users/" && row["email"].as_str().unwrap().starts_with("alice")),
                "{path} leaks A"
            );
            assert!(
                !(path == "site-access/" && row["id"] == grant_id),
                "{path} leaks A"
            );
        }
        let _ = a_ids;
    }
    // B cannot grant A's user or site
    let g = post(&format!("{AUTH}/site-access/"))
        .bearer(b)
        .json(&json!({"user_id": member.get(), "site_id": site.get()}))
        .send(&app)
        .await;
    // Another account's user and site are missing objects: 404, both named.
    assert_eq!(g.code(), "not_found");
    assert!(g.json()["errors"]["user_id"].is_array() && g.json()["errors"]["site_id"].is_array());
    // A's data is intact
    let s = get(&format!("{AUTH}/sites/{site}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(s.data()["name"], "alice site");
    assert_eq!(s.data()["is_active"], true);
    let acct = get(&format!("{AUTH}/account/")).bearer(b).send(&app).await;
    assert_eq!(acct.data()["id"], c.b.account_id.get());
}

// ---------------------------------------------------------------- roles

#[actix_web::test]
async fn viewer_cannot_write_and_editor_cannot_manage_team() {
    let c = ctx();
    let mut conn = c.db.conn();
    let (viewer_id, viewer) = c.a.add_member(&mut conn, "vic", Role::Viewer);
    let (_, editor) = c.a.add_member(&mut conn, "eddie", Role::Editor);
    drop(conn);
    let app = app(&c.state).await;
    let site = c.a.site_id;
    let denied = [
        post(&format!("{AUTH}/sites/")).json(&json!({"name": "v"})),
        patch(&format!("{AUTH}/sites/{site}/")).json(&json!({"name": "v"})),
        delete(&format!("{AUTH}/sites/{site}/")),
        post(&format!("{AUTH}/sites/{site}/select_sectors/"))
            .json(&json!({"industry_slug": "technology", "sector_slugs": ["cybersecurity"]})),
        patch(&format!("{AUTH}/account/")).json(&json!({"name": "v"})),
        post(&format!("{AUTH}/users/")).json(
            &json!({"email": "z@example.com", "password": "a long passphrase", "role": "viewer"}),
        ),
        patch(&format!("{AUTH}/users/{viewer_id}/")).json(&json!({"role": "admin"})),
        post(&format!("{AUTH}/site-access/"))
            .json(&json!({"user_id": viewer_id.get(), "site_id": site.get()})),
    ];
    for (i, req) in denied.into_iter().enumerate() {
        let tok = if i % 2 == 0 { &viewer } else { &editor };
        let r = req.bearer(tok).send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::FORBIDDEN, "permission_denied"),
            "request {i}: {:?}",
            r.json()
        );
    }
    // editor cannot even list the team
    assert_eq!(
        get(&format!("{AUTH}/users/"))
            .bearer(&editor)
            .send(&app)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // viewer reads: sees no site until granted one
    assert_eq!(
        get(&format!("{AUTH}/sites/"))
            .bearer(&viewer)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    assert_eq!(
        get(&format!("{AUTH}/sites/{site}/"))
            .bearer(&viewer)
            .send(&app)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    post(&format!("{AUTH}/site-access/"))
        .bearer(&c.a.access)
        .json(&json!({"user_id": viewer_id.get(), "site_id": site.get()}))
        .send(&app)
        .await;
    let seen = get(&format!("{AUTH}/sites/"))
        .bearer(&viewer)
        .send(&app)
        .await;
    assert_eq!(seen.result_ids(), vec![site.get()]);
    assert_eq!(
        get(&format!("{AUTH}/sectors/"))
            .bearer(&viewer)
            .send(&app)
            .await
            .json()["count"],
        2
    );
    // role change takes effect at once, without a new token
    let promote = patch(&format!("{AUTH}/users/{viewer_id}/"))
        .bearer(&c.a.access)
        .json(&json!({"role": "admin"}))
        .send(&app)
        .await;
    assert_eq!(promote.data()["role"], "admin");
    let now_admin = patch(&format!("{AUTH}/sites/{site}/"))
        .bearer(&viewer)
        .json(&json!({"domain": "x.example.com"}))
        .send(&app)
        .await;
    assert_eq!(now_admin.status, StatusCode::OK);
}

#[actix_web::test]
async fn team_crud_user_limit_and_last_owner() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    let u = post(&format!("{AUTH}/users/"))
        .bearer(tok)
        .json(
            &json!({"email": "Ed@Example.com", "password": "a long passphrase", "role": "editor"}),
        )
        .send(&app)
        .await;
    assert_eq!(u.status, StatusCode::CREATED, "{:?}", u.json());
    let ed = u.data()["id"].as_i64().unwrap();
    // the new member can log in at once
    let l = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": "ed@example.com", "password": "a long passphrase"}))
        .send(&app)
        .await;
    assert_eq!(l.status, StatusCode::OK);
    let dup = post(&format!("{AUTH}/users/"))
        .bearer(tok)
        .json(&json!({"email": c.b.email, "password": "a long passphrase", "role": "viewer"}))
        .send(&app)
        .await;
    assert_eq!(dup.code(), "already_exists");
    let bad_role = post(&format!("{AUTH}/users/")).bearer(tok).json(&json!({"email": "r@example.com", "password": "a long passphrase", "role": "superuser"})).send(&app).await;
    assert!(bad_role.json()["errors"]["role"].is_array());
    // growth: 3 users. owner + editor + one more
    let v = post(&format!("{AUTH}/users/"))
        .bearer(tok)
        .json(&json!({"email": "v@example.com", "password": "a long passphrase", "role": "viewer"}))
        .send(&app)
        .await;
    assert_eq!(v.status, StatusCode::CREATED);
    let over = post(&format!("{AUTH}/users/"))
        .bearer(tok)
        .json(&json!({"email": "w@example.com", "password": "a long passphrase", "role": "viewer"}))
        .send(&app)
        .await;
    assert_eq!(
        (over.status, over.code().as_str()),
        (StatusCode::FORBIDDEN, "plan_limit_reached")
    );
    let list = get(&format!("{AUTH}/users/?ordering=email"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    assert_eq!(list["count"], 3);
    let opts = get(&format!("{AUTH}/users/filter_options/"))
        .bearer(tok)
        .send(&app)
        .await
        .data();
    assert_eq!(
        opts["role"].as_array().unwrap().len(),
        4,
        "All + editor, owner, viewer"
    );
    let only_editors = get(&format!("{AUTH}/users/?role=editor"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(only_editors.result_ids(), vec![ed]);

    // last owner: cannot demote, deactivate or remove
    let owner = c.a.owner_id.get();
    let r = patch(&format!("{AUTH}/users/{owner}/"))
        .bearer(tok)
        .json(&json!({"role": "admin"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::CONFLICT, "conflict")
    );
    let r = patch(&format!("{AUTH}/users/{owner}/"))
        .bearer(tok)
        .json(&json!({"is_active": false}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = delete(&format!("{AUTH}/users/{owner}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // with a second owner, the first may step down
    let p = patch(&format!("{AUTH}/users/{ed}/"))
        .bearer(tok)
        .json(&json!({"role": "owner"}))
        .send(&app)
        .await;
    assert_eq!(p.data()["role"], "owner");
    let r = patch(&format!("{AUTH}/users/{owner}/"))
        .bearer(tok)
        .json(&json!({"role": "admin"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // an admin cannot remove an owner
    let r = delete(&format!("{AUTH}/users/{ed}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.code(), "permission_denied");
    let vid = v.data()["id"].as_i64().unwrap();
    assert_eq!(
        delete(&format!("{AUTH}/users/{vid}/"))
            .bearer(tok)
            .send(&app)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&format!("{AUTH}/users/{vid}/"))
            .bearer(tok)
            .send(&app)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn account_settings_update() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = patch(&format!("{AUTH}/account/"))
        .bearer(&c.a.access)
        .json(&json!({"name": "Alice GmbH", "timezone": "Europe/Berlin", "billing_country": "de", "billing_email": "billing@alice.example"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["timezone"], "Europe/Berlin");
    assert_eq!(r.data()["billing_country"], "DE");
    let bad = patch(&format!("{AUTH}/account/"))
        .bearer(&c.a.access)
        .json(&json!({"timezone": "Mars/Olympus", "billing_email": "nope"}))
        .send(&app)
        .await;
    assert_eq!(bad.code(), "validation_failed");
    assert!(
        bad.json()["errors"]["timezone"].is_array()
            && bad.json()["errors"]["billing_email"].is_array()
    );
    assert_eq!(
        get(&format!("{AUTH}/account/"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .data()["timezone"],
        "Europe/Berlin"
    );
}

// ---------------------------------------------------------------- bad input and shell

#[actix_web::test]
async fn bad_input_is_rejected_and_writes_nothing() {
    let c = ctx();
    let app = app(&c.state).await;
    let sites_before = count(&c.db, "sites");
    let r = post(&format!("{AUTH}/sites/"))
        .bearer(&c.a.access)
        .raw("application/json", "{\"name\": ")
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_json")
    );
    let r = post(&format!("{AUTH}/sites/"))
        .bearer(&c.a.access)
        .json(&json!({"name": 42, "is_active": "yes"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    assert!(r.json()["errors"]["is_active"].is_array(), "{:?}", r.json());
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let r = post(&format!("{AUTH}/sites/"))
        .bearer(&c.a.access)
        .raw("application/json", big)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
    let r = post(&format!("{AUTH}/sites/"))
        .bearer(&c.a.access)
        .raw("text/plain", "name=x")
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    let r = post(&format!("{AUTH}/sites/"))
        .bearer(&c.a.access)
        .json(&json!({"name": "   "}))
        .send(&app)
        .await;
    assert!(r.json()["errors"]["name"].is_array());
    assert_eq!(count(&c.db, "sites"), sites_before);
}

#[actix_web::test]
async fn shell_conventions() {
    let c = ctx();
    let app = app(&c.state).await;
    // ping checks the database
    let p = get("/api/ping/").send(&app).await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.data()["database"], "ok");
    // the same route without the slash, no redirect
    let r = get(&format!("{AUTH}/sites"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = get(&format!("{AUTH}/sites/{}?x=1", c.a.site_id))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // JSON 404 and 405
    let r = get("/api/v1/nope/").send(&app).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let r = crate::common::put(&format!("{AUTH}/login/"))
        .json(&json!({}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
    );
    let r = get(&format!("{AUTH}/sites/not-a-number/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // request ids: generated, or echoed when safe
    let r = get("/api/ping/").send(&app).await;
    let rid = r.header("x-request-id").unwrap();
    assert_eq!(r.json()["request_id"], rid);
    let r = get("/api/ping/")
        .header("x-request-id", "client-abc-123")
        .send(&app)
        .await;
    assert_eq!(r.header("x-request-id").as_deref(), Some("client-abc-123"));
    assert_eq!(r.json()["request_id"], "client-abc-123");
    let r = get("/api/ping/")
        .header("x-request-id", "bad id <script>")
        .send(&app)
        .await;
    assert_ne!(r.header("x-request-id").as_deref(), Some("bad id <script>"));
    let r = get("/api/v1/nope/")
        .header("x-request-id", "trace-me")
        .send(&app)
        .await;
    assert_eq!(
        r.json()["request_id"],
        "trace-me",
        "errors carry the id too"
    );
}

#[actix_web::test]
async fn openapi_lists_every_tenancy_route_and_docs_work_offline() {
    let c = ctx();
    let app = app(&c.state).await;
    let doc = get("/api/schema/").send(&app).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let expected: &[(&str, &[&str])] = &[
        ("/api/ping/", &["get"]),
        ("/api/v1/auth/register/", &["post"]),
        ("/api/v1/auth/login/", &["post"]),
        ("/api/v1/auth/token/refresh/", &["post"]),
        ("/api/v1/auth/refresh/", &["post"]),
        ("/api/v1/auth/logout/", &["post"]),
        ("/api/v1/auth/me/", &["get", "patch"]),
        ("/api/v1/auth/password/change/", &["post"]),
        ("/api/v1/auth/password/reset/", &["post"]),
        ("/api/v1/auth/password/reset/confirm/", &["post"]),
        ("/api/v1/auth/account/", &["get", "patch"]),
        ("/api/v1/auth/users/", &["get", "post"]),
        ("/api/v1/auth/users/filter_options/", &["get"]),
        ("/api/v1/auth/users/{id}/", &["get", "patch", "delete"]),
        ("/api/v1/auth/sites/", &["get", "post"]),
        ("/api/v1/auth/sites/filter_options/", &["get"]),
        ("/api/v1/auth/sites/{id}/", &["get", "patch", "delete"]),
        ("/api/v1/auth/sites/{id}/set_active/", &["post"]),
        ("/api/v1/auth/sites/{id}/select_sectors/", &["post"]),
        ("/api/v1/auth/sites/{id}/sectors/", &["get"]),
        ("/api/v1/auth/sectors/", &["get"]),
        ("/api/v1/auth/sectors/{id}/", &["get", "patch"]),
        ("/api/v1/auth/site-access/", &["get", "post"]),
        ("/api/v1/auth/site-access/{id}/", &["delete"]),
        ("/api/v1/auth/industries/", &["get"]),
        ("/api/v1/auth/plans/", &["get"]),
        ("/api/v1/notifications/", &["get"]),
        ("/api/v1/notifications/{id}/read/", &["post"]),
        ("/api/v1/notifications/read_all/", &["post"]),
        ("/api/v1/system/ai-tasks/{id}/", &["get"]),
        ("/api/v1/system/jobs/", &["get"]),
    ];
    for (p, methods) in expected {
        let item = paths
            .get(*p)
            .unwrap_or_else(|| panic!("{p} missing from the OpenAPI document"));
        for m in *methods {
            assert!(item.get(*m).is_some(), "{m} {p} missing");
        }
    }
    let docs = get("/api/docs/").send(&app).await;
    assert_eq!(docs.status, StatusCode::OK);
    let html = String::from_utf8_lossy(&docs.body).to_string();
    assert!(html.contains("swagger"), "docs page served");
    assert!(
        !html.contains("https://cdn") && !html.contains("unpkg.com"),
        "no assets from the internet"
    );
}

// ---------------------------------------------------------------- notifications

#[actix_web::test]
async fn notifications_list_read_and_isolation() {
    use tenancy::notifications::{Level, NewNotification, notify};
    let c = ctx();
    let mut conn = c.db.conn();
    let now = chrono::Utc::now();
    for (i, key) in ["k1", "k2", "k2"].iter().enumerate() {
        let n = NewNotification {
            kind: "ai_task.completed",
            level: Level::Success,
            title: &format!("Done {i}"),
            message: "Clustering finished.",
            data: json!({"ai_task_id": i}),
            dedupe_key: Some(key),
        };
        notify(&mut conn, &c.a.scope(), &n, now).unwrap();
    }
    drop(conn);
    let app = app(&c.state).await;
    let list = get("/api/v1/notifications/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        list.json()["count"],
        2,
        "the retried producer (same dedupe key) did not notify twice"
    );
    let first = list.json()["results"][0]["id"].as_i64().unwrap();
    assert_eq!(list.json()["results"][0]["level"], "success");
    assert_eq!(
        get("/api/v1/notifications/")
            .bearer(&c.b.access)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    let r = post(&format!("/api/v1/notifications/{first}/read/"))
        .bearer(&c.b.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = post(&format!("/api/v1/notifications/{first}/read/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert!(r.data()["read_at"].is_string());
    assert_eq!(
        get("/api/v1/notifications/?is_read=false")
            .bearer(&c.a.access)
            .send(&app)
            .await
            .json()["count"],
        1
    );
    let all = post("/api/v1/notifications/read_all/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(all.data()["affected"], 1);
    assert_eq!(
        get("/api/v1/notifications/?is_read=false")
            .bearer(&c.a.access)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    // viewers may mark read too (it is their inbox), and it is a read-scoped write
    let mut conn = c.db.conn();
    let (_, viewer) = c.a.add_member(&mut conn, "vera", Role::Viewer);
    drop(conn);
    assert_eq!(
        post("/api/v1/notifications/read_all/")
            .bearer(&viewer)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
}

// ---------------------------------------------------------------- staff: jobs

#[actix_web::test]
async fn staff_sees_queue_depth_and_failed_jobs_others_get_403() {
    let c = ctx();
    let mut conn = c.db.conn();
    tenancy::auth::create_staff(&mut conn, "ops@igny8.example", "staff passphrase 1").unwrap();
    db::jobs::enqueue(&mut conn, &tenancy::jobs::PurgeExpiredAuth {}).unwrap();
    diesel::sql_query(
        "INSERT INTO fang_tasks (metadata, task_type, state, error_message) VALUES ('{\"type\":\"gone.job\"}', 'default', 'failed', 'unknown job type')",
    )
    .execute(&mut conn)
    .unwrap();
    drop(conn);
    let app = app(&c.state).await;
    let r = get("/api/v1/system/jobs/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::FORBIDDEN, "permission_denied")
    );
    let login = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": "ops@igny8.example", "password": "staff passphrase 1"}))
        .send(&app)
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let staff = login.data()["access"].as_str().unwrap().to_owned();
    let r = get("/api/v1/system/jobs/").bearer(&staff).send(&app).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    let types = r.data()["queue"]["task_types"].as_array().unwrap().clone();
    let maint = types
        .iter()
        .find(|t| t["task_type"] == "maintenance")
        .unwrap();
    assert_eq!(maint["new"], 1);
    assert_eq!(r.data()["failed"]["count"], 1);
    assert_eq!(r.data()["failed"]["results"][0]["job"], "gone.job");
    assert_eq!(
        r.data()["failed"]["results"][0]["error_message"],
        "unknown job type"
    );
}
