//! The password-reset e-mail end to end: requested through the API, delivered over SMTP to a
//! real server on loopback, and its link used to reset the password through the API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use chrono::Utc;
use common::*;
use serde_json::json;
use tenancy::mail::delivery::{MailConfig, Mailer, deliver_due};
use test_support::smtp_server::{SmtpServer, parse_mail};

const AUTH: &str = "/api/v1/auth";

#[actix_web::test]
async fn the_reset_mail_arrives_and_its_link_resets_the_password() {
    let c = ctx();
    let app = app(&c.state).await;
    let server = SmtpServer::start();
    let r = post(&format!("{AUTH}/password/reset/"))
        .json(&json!({"email": c.a.email}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // What the worker's mail job does.
    let mailer = Mailer::from_config(&MailConfig {
        smtp_url: Some(server.url()),
        from: "IGNY8 <no-reply@igny8.test>".into(),
        dir: "/nonexistent".into(),
    })
    .unwrap();
    let report = deliver_due(&mut c.db.conn(), &mailer, Utc::now()).unwrap();
    assert_eq!(report.sent, 1);
    let got = server.wait_for(1, std::time::Duration::from_secs(5));
    assert_eq!(got[0].to, vec![c.a.email.clone()]);
    let mail = parse_mail(&got[0].data);
    assert_eq!(mail.subject, "Reset your IGNY8 password");
    // The link points at the web app's reset page; its token is all the API needs.
    let link = mail
        .text
        .split_whitespace()
        .find(|w| w.contains("/reset-password?token="))
        .unwrap()
        .to_owned();
    assert!(mail.html.contains(&link.replace('&', "&amp;")));
    let token = link.split("token=").nth(1).unwrap();
    let ok = post(&format!("{AUTH}/password/reset/confirm/"))
        .json(&json!({"token": token, "new_password": "mailed passphrase 7"}))
        .send(&app)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.json());
    let login = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": "mailed passphrase 7"}))
        .send(&app)
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let old = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": c.a.email, "password": c.a.password}))
        .send(&app)
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}
