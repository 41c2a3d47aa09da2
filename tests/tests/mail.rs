//! E-mail through the real binaries: the worker delivers the outbox over SMTP to a server on
//! loopback (or into `.eml` files without one), and never logs the SMTP password.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // the harness serves several test files; this one uses a part
mod harness;

use diesel::sql_types::{Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};
use harness::{Stack, wait_until};
use serde_json::json;
use std::time::Duration;
use test_support::smtp_server::{SmtpServer, parse_mail};

fn request_reset(stack: &Stack) {
    stack
        .http
        .post("/api/v1/auth/register/")
        .json(&json!({"email": "owner@example.com", "password": "Sign-Up-Pass-Quokka-7731", "account_name": "Acme"}))
        .send()
        .expect_status(201);
    stack
        .http
        .post("/api/v1/auth/password/reset/")
        .json(&json!({"email": "owner@example.com"}))
        .send()
        .expect_status(200);
}

fn token_of(text: &str) -> String {
    text.split("token=")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .expect("a token in the reset link")
        .to_owned()
}

#[test]
fn the_worker_mails_the_reset_link_over_smtp_and_the_link_resets_the_password() {
    let mut stack = Stack::start();
    let server = SmtpServer::start();
    stack.start_worker_with(&[
        ("IGNY8_SMTP_URL", &server.url()),
        ("IGNY8_MAIL_FROM", "IGNY8 <no-reply@igny8.test>"),
    ]);
    request_reset(&stack);
    // Queued with a one-off delivery job: it arrives at once, not at the next minute's run.
    let got = server.wait_for(1, Duration::from_secs(20));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["owner@example.com".to_owned()]);
    let mail = parse_mail(&got[0].data);
    assert_eq!(mail.from, "no-reply@igny8.test");
    assert_eq!(mail.subject, "Reset your IGNY8 password");
    let token = token_of(&mail.text);
    stack
        .http
        .post("/api/v1/auth/password/reset/confirm/")
        .json(&json!({"token": token, "new_password": "Mailed-Pass-Koala-3390"}))
        .send()
        .expect_status(200);
    stack
        .http
        .post("/api/v1/auth/login/")
        .json(&json!({"email": "owner@example.com", "password": "Mailed-Pass-Koala-3390"}))
        .send()
        .expect_status(200);
}

#[test]
fn without_smtp_the_worker_writes_eml_files_under_the_data_directory() {
    let mut stack = Stack::start();
    stack.start_worker();
    request_reset(&stack);
    let dir = stack.dir.path().join("data/mail");
    let found = wait_until(Duration::from_secs(20), || {
        std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".eml"))
            })
            .unwrap_or(false)
    });
    assert!(found, "no .eml in {}\n{}", dir.display(), stack.logs());
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".eml"))
        .unwrap()
        .path();
    let mail = parse_mail(&std::fs::read(file).unwrap());
    assert_eq!(mail.subject, "Reset your IGNY8 password");
    assert_eq!(mail.to, vec!["owner@example.com".to_owned()]);
    assert!(!token_of(&mail.text).is_empty());
    assert!(
        stack
            .worker_lines()
            .iter()
            .any(|l| l.contains("e-mail delivery") && l.contains("data/mail")),
        "the worker says where mail goes"
    );
}

#[derive(QueryableByName)]
struct Attempts {
    #[diesel(sql_type = Integer)]
    attempts: i32,
    #[diesel(sql_type = Text)]
    status: String,
}

#[test]
fn the_smtp_password_is_never_logged() {
    let mut stack = Stack::start();
    // The server offers no AUTH: a login with the configured credentials fails, which is
    // logged (without them) and retried.
    let server = SmtpServer::start();
    let password = "Smtp-Pass-Pangolin-5521";
    let url = server
        .url()
        .replace("smtp://", &format!("smtp://mailer:{password}@"));
    stack.start_worker_with(&[("IGNY8_SMTP_URL", &url), ("RUST_LOG", "trace")]);
    request_reset(&stack);
    let mut conn = stack.db.conn();
    let tried = wait_until(Duration::from_secs(20), || {
        diesel::sql_query("SELECT attempts, status FROM email_outbox")
            .get_result::<Attempts>(&mut conn)
            .map(|a| a.attempts >= 1)
            .unwrap_or(false)
    });
    assert!(tried, "{}", stack.logs());
    let row: Attempts = diesel::sql_query("SELECT attempts, status FROM email_outbox")
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(row.status, "pending", "retried later, not sent");
    // Let the failure be logged.
    assert!(wait_until(Duration::from_secs(10), || {
        stack
            .worker_lines()
            .iter()
            .any(|l| l.contains("will retry"))
    }));
    let log = format!(
        "{}\n{}",
        stack.worker_lines().join("\n"),
        stack.api_lines().join("\n")
    );
    assert!(
        log.contains("\"level\":\"DEBUG\""),
        "debug level reached the log: {log}"
    );
    assert!(
        !log.contains(password),
        "the SMTP password appears in a log"
    );
    assert!(server.received().is_empty());
}
