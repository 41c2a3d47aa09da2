//! Secrets never reach the logs: the real `api` binary in production mode, logging at every
//! level (`RUST_LOG=trace`), goes through sign-up, login, token refresh, a password reset and
//! AI settings with an API key; no password, token, reset token, key or server secret appears in
//! anything it wrote.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // the harness serves several test files; this one uses a part
mod harness;

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use harness::Stack;
use serde_json::json;

#[derive(QueryableByName)]
struct Body {
    #[diesel(sql_type = Text)]
    body_text: String,
}

#[test]
fn production_logs_hold_no_password_token_or_key_at_any_level() {
    let stack = Stack::start_with(&[("IGNY8_ENV", "production"), ("RUST_LOG", "trace")]);
    let http = &stack.http;
    let password = "Sign-Up-Pass-Quokka-7731";
    let new_password = "Reset-Pass-Wombat-9915";
    let api_key = "sk-test-Platypus-4a8f0c2e9b1d7f3a";

    let r = http
        .post("/api/v1/auth/register/")
        .json(&json!({"email": "owner@example.com", "password": password, "account_name": "Acme"}))
        .send()
        .expect_status(201);
    let access = r.data()["access"].as_str().unwrap().to_owned();
    let refresh = r.data()["refresh"].as_str().unwrap().to_owned();
    let r = http
        .post("/api/v1/auth/login/")
        .json(&json!({"email": "owner@example.com", "password": password}))
        .send()
        .expect_status(200);
    let access2 = r.data()["access"].as_str().unwrap().to_owned();
    let refresh2 = r.data()["refresh"].as_str().unwrap().to_owned();
    // A wrong password is logged as a failure, without the attempt.
    http.post("/api/v1/auth/login/")
        .json(&json!({"email": "owner@example.com", "password": "Wrong-Guess-Echidna-2"}))
        .send()
        .expect_status(401);
    let r = http
        .post("/api/v1/auth/refresh/")
        .json(&json!({"refresh": refresh2}))
        .send()
        .expect_status(200);
    let access3 = r.data()["access"].as_str().unwrap().to_owned();

    // AI settings with the account's own key (stored encrypted, never shown again).
    let r = http
        .put("/api/v1/system/ai-settings/")
        .bearer(&access3)
        .json(
            &json!({"provider": "openai", "base_url": "http://127.0.0.1:9/v1", "api_key": api_key}),
        )
        .send()
        .expect_status(200);
    assert!(!r.json.to_string().contains(api_key), "{}", r.json);

    // A password reset: the link goes to the outbox only (production logs no link).
    http.post("/api/v1/auth/password/reset/")
        .json(&json!({"email": "owner@example.com"}))
        .send()
        .expect_status(200);
    let mut conn = stack.db.conn();
    let mail: Body = diesel::sql_query(
        "SELECT body_text FROM email_outbox WHERE kind = 'password_reset' ORDER BY id DESC LIMIT 1",
    )
    .get_result(&mut conn)
    .unwrap();
    let token = mail
        .body_text
        .split("token=")
        .nth(1)
        .map(|t| t.split_whitespace().next().unwrap().to_owned())
        .expect("a token in the reset link");
    http.post("/api/v1/auth/password/reset/confirm/")
        .json(&json!({"token": token, "new_password": new_password}))
        .send()
        .expect_status(200);
    http.post("/api/v1/auth/login/")
        .json(&json!({"email": "owner@example.com", "password": new_password}))
        .send()
        .expect_status(200);

    let lines = stack.api_lines();
    let log = lines.join("\n");
    // The log is not empty or filtered away: trace level reached it.
    assert!(log.contains("/api/v1/auth/login/"), "{log}");
    assert!(lines.len() > 10, "{log}");
    let secrets = [
        ("the sign-up password", password.to_owned()),
        ("the new password", new_password.to_owned()),
        ("a wrong password", "Wrong-Guess-Echidna-2".to_owned()),
        ("the AI API key", api_key.to_owned()),
        ("the reset token", token.clone()),
        ("an access token", access.clone()),
        ("an access token", access2.clone()),
        ("an access token", access3.clone()),
        ("a refresh token", refresh.clone()),
        ("a refresh token", refresh2.clone()),
        ("the JWT secret", harness::JWT_SECRET.to_owned()),
        ("the secret key", harness::SECRET_KEY.to_owned()),
    ];
    for (what, secret) in &secrets {
        // Whole value, and the signature part of a JWT on its own.
        let needle = secret.rsplit('.').next().unwrap();
        assert!(
            !log.contains(secret.as_str()) && !log.contains(needle),
            "{what} appears in the production log"
        );
    }
}
