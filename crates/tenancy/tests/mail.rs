//! Outbox delivery against a real SMTP server on loopback and into `.eml` files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use kernel::EmailId;
use tenancy::auth::ClientInfo;
use tenancy::mail::delivery::{
    DeliveryReport, LEASE, MAX_ATTEMPTS, MailConfig, Mailer, deliver_due, outbox_status,
};
use tenancy::mail::{Attachment, NewEmail, enqueue, render};
use test_support::fixtures::auth_config;
use test_support::smtp_server::{SmtpServer, parse_mail};
use test_support::{TenantFixture, TestDb};

const FROM: &str = "IGNY8 <mail@igny8.test>";

fn smtp(url: &str) -> Mailer {
    Mailer::from_config(&MailConfig {
        smtp_url: Some(url.to_owned()),
        from: FROM.into(),
        dir: "/nonexistent".into(),
    })
    .unwrap()
}

fn files(dir: &std::path::Path) -> Mailer {
    Mailer::from_config(&MailConfig {
        smtp_url: None,
        from: FROM.into(),
        dir: dir.to_owned(),
    })
    .unwrap()
}

fn reset_request(db: &TestDb, email: &str, now: DateTime<Utc>) -> String {
    tenancy::auth::request_password_reset(
        &mut db.conn(),
        &auth_config(),
        email,
        &ClientInfo {
            ip: "203.0.113.9".into(),
            user_agent: String::new(),
        },
        now,
    )
    .unwrap()
    .expect("a link for a known user")
}

fn only_email_id(db: &TestDb) -> EmailId {
    use db::schema::email_outbox::dsl as o;
    o::email_outbox
        .select(o::id)
        .get_result::<i64>(&mut db.conn())
        .map(EmailId)
        .unwrap()
}

fn report(sent: usize, retried: usize, failed: usize) -> DeliveryReport {
    DeliveryReport {
        sent,
        retried,
        failed,
    }
}

#[test]
fn the_reset_mail_arrives_over_smtp_and_its_link_resets_the_password() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "ana");
    let server = SmtpServer::start();
    let now = Utc::now();
    let link = reset_request(&db, &a.email, now);
    let mailer = smtp(&server.url());
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, now).unwrap(),
        report(1, 0, 0)
    );
    let got = server.wait_for(1, std::time::Duration::from_secs(5));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec![a.email.clone()]);
    assert_eq!(got[0].from, "mail@igny8.test");
    let m = parse_mail(&got[0].data);
    let id = only_email_id(&db);
    assert_eq!(m.subject, "Reset your IGNY8 password");
    assert_eq!(m.message_id, format!("outbox-{id}@igny8.test"));
    assert!(m.text.contains(&link), "{}", m.text);
    assert!(m.html.contains("Choose a new password"), "{}", m.html);
    let token = m
        .text
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    tenancy::auth::confirm_password_reset(&mut db.conn(), token, "a fresh passphrase 9", now)
        .unwrap();
    let s = outbox_status(&mut db.conn(), id).unwrap();
    assert_eq!((s.status.as_str(), s.attempts), ("sent", 1));
    // A sent message is never sent again.
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, now + Duration::hours(2)).unwrap(),
        report(0, 0, 0)
    );
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_down_server_means_retries_with_backoff_then_delivery_once_it_is_back() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "bo");
    let port = SmtpServer::reserve();
    let mailer = smtp(&port.url());
    // PostgreSQL keeps microseconds.
    let t0 = DateTime::from_timestamp_micros(Utc::now().timestamp_micros()).unwrap();
    reset_request(&db, &a.email, t0);
    let id = only_email_id(&db);

    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, t0).unwrap(),
        report(0, 1, 0)
    );
    let s = outbox_status(&mut db.conn(), id).unwrap();
    assert_eq!((s.status.as_str(), s.attempts), ("pending", 1));
    assert!(s.last_error.is_some());
    assert_eq!(s.next_attempt_at, t0 + Duration::minutes(1));

    // Not due yet: nothing is attempted.
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, t0 + Duration::seconds(30)).unwrap(),
        report(0, 0, 0)
    );
    // Due, still down: the second attempt waits twice as long.
    let t1 = t0 + Duration::minutes(1);
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, t1).unwrap(),
        report(0, 1, 0)
    );
    let s = outbox_status(&mut db.conn(), id).unwrap();
    assert_eq!((s.status.as_str(), s.attempts), ("pending", 2));
    assert_eq!(s.next_attempt_at, t1 + Duration::minutes(2));

    // The server comes back: the next due run delivers it, once.
    let server = port.start();
    let t2 = t1 + Duration::minutes(2);
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, t2).unwrap(),
        report(1, 0, 0)
    );
    let s = outbox_status(&mut db.conn(), id).unwrap();
    assert_eq!(
        (s.status.as_str(), s.attempts, s.last_error),
        ("sent", 3, None)
    );
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, t2 + Duration::hours(1)).unwrap(),
        report(0, 0, 0)
    );
    assert_eq!(
        server.wait_for(1, std::time::Duration::from_secs(5)).len(),
        1
    );
}

#[test]
fn a_message_is_given_up_after_the_last_attempt() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "cy");
    let mailer = smtp(&SmtpServer::reserve().url());
    let mut now = Utc::now();
    reset_request(&db, &a.email, now);
    let id = only_email_id(&db);
    for attempt in 1..=MAX_ATTEMPTS {
        let r = deliver_due(&mut db.conn(), &mailer, now).unwrap();
        let expected = if attempt < MAX_ATTEMPTS {
            report(0, 1, 0)
        } else {
            report(0, 0, 1)
        };
        assert_eq!(r, expected, "attempt {attempt}");
        now = outbox_status(&mut db.conn(), id).unwrap().next_attempt_at;
    }
    let s = outbox_status(&mut db.conn(), id).unwrap();
    assert_eq!((s.status.as_str(), s.attempts), ("failed", MAX_ATTEMPTS));
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, now + Duration::days(1)).unwrap(),
        report(0, 0, 0)
    );
}

#[test]
fn an_invalid_recipient_fails_at_once() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "di");
    let server = SmtpServer::start();
    let message = render(
        &tenancy::mail::PASSWORD_RESET,
        serde_json::json!({"link": "http://x/reset-password?token=t", "ttl_minutes": 60}),
    )
    .unwrap();
    let id = enqueue(
        &mut db.conn(),
        &NewEmail {
            account_id: a.account_id,
            to: "not an address",
            message,
            dedupe_key: None,
            attachments: Vec::new(),
        },
        Utc::now(),
    )
    .unwrap()
    .unwrap();
    let now = Utc::now();
    assert_eq!(
        deliver_due(&mut db.conn(), &smtp(&server.url()), now).unwrap(),
        report(0, 0, 1)
    );
    let s = outbox_status(&mut db.conn(), id).unwrap();
    assert_eq!((s.status.as_str(), s.attempts), ("failed", 1));
    assert!(s.last_error.unwrap().contains("invalid recipient"));
    assert!(server.received().is_empty());
}

#[test]
fn a_worker_that_died_mid_send_resends_after_the_lease_with_the_same_message_id() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "ed");
    let server = SmtpServer::start();
    let mailer = smtp(&server.url());
    let now = Utc::now();
    reset_request(&db, &a.email, now);
    let id = only_email_id(&db);
    // What a claim leaves behind when its worker dies before recording the outcome.
    diesel::sql_query(
        "UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = $1 WHERE id = $2",
    )
    .bind::<diesel::sql_types::Timestamptz, _>(now + LEASE)
    .bind::<diesel::sql_types::BigInt, _>(id.get())
    .execute(&mut db.conn())
    .unwrap();
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, now + LEASE - Duration::seconds(1)).unwrap(),
        report(0, 0, 0),
        "the lease keeps other workers off"
    );
    assert_eq!(
        deliver_due(&mut db.conn(), &mailer, now + LEASE).unwrap(),
        report(1, 0, 0)
    );
    let m = parse_mail(&server.wait_for(1, std::time::Duration::from_secs(5))[0].data);
    assert_eq!(m.message_id, format!("outbox-{id}@igny8.test"));
    assert_eq!(outbox_status(&mut db.conn(), id).unwrap().attempts, 2);
}

#[test]
fn concurrent_workers_send_each_message_once() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "fa");
    let server = SmtpServer::start();
    let now = Utc::now();
    for i in 0..30 {
        let message = render(
            &tenancy::mail::PASSWORD_RESET,
            serde_json::json!({"link": format!("http://x/{i}"), "ttl_minutes": 60}),
        )
        .unwrap();
        enqueue(
            &mut db.conn(),
            &NewEmail {
                account_id: a.account_id,
                to: &a.email,
                message,
                dedupe_key: None,
                attachments: Vec::new(),
            },
            now,
        )
        .unwrap();
    }
    let url = server.url();
    let reports: Vec<DeliveryReport> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                let db = &db;
                let url = url.clone();
                s.spawn(move || deliver_due(&mut db.conn(), &smtp(&url), now).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(reports.iter().map(|r| r.sent).sum::<usize>(), 30);
    let got = server.wait_for(30, std::time::Duration::from_secs(10));
    let mut ids: Vec<String> = got.iter().map(|m| parse_mail(&m.data).message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((got.len(), ids.len()), (30, 30));
}

#[test]
fn without_smtp_messages_become_parseable_eml_files_with_their_attachments() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "gu");
    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("mail");
    let message = render(
        &tenancy::mail::PASSWORD_RESET,
        serde_json::json!({"link": "http://localhost:5173/reset-password?token=abc", "ttl_minutes": 60}),
    )
    .unwrap();
    let pdf = b"%PDF-1.4 test bytes".to_vec();
    let id = enqueue(
        &mut db.conn(),
        &NewEmail {
            account_id: a.account_id,
            to: &a.email,
            message,
            dedupe_key: Some("once"),
            attachments: vec![Attachment {
                filename: "INV-1.pdf".into(),
                content_type: "application/pdf".into(),
                content: pdf.clone(),
            }],
        },
        Utc::now(),
    )
    .unwrap()
    .unwrap();
    // The same dedupe key queues nothing more.
    let again = render(
        &tenancy::mail::PASSWORD_RESET,
        serde_json::json!({"link": "http://other", "ttl_minutes": 60}),
    )
    .unwrap();
    assert_eq!(
        enqueue(
            &mut db.conn(),
            &NewEmail {
                account_id: a.account_id,
                to: &a.email,
                message: again,
                dedupe_key: Some("once"),
                attachments: Vec::new(),
            },
            Utc::now(),
        )
        .unwrap(),
        None
    );
    let now = Utc::now();
    assert_eq!(
        deliver_due(&mut db.conn(), &files(&maildir), now).unwrap(),
        report(1, 0, 0)
    );
    let names: Vec<String> = std::fs::read_dir(&maildir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec![format!("{id}.eml")]);
    let m = parse_mail(&std::fs::read(maildir.join(format!("{id}.eml"))).unwrap());
    assert_eq!(m.subject, "Reset your IGNY8 password");
    assert_eq!(m.to, vec![a.email.clone()]);
    assert_eq!(m.from, "mail@igny8.test");
    assert!(m.text.contains("token=abc"));
    assert!(m.html.contains("token=abc"));
    assert_eq!(m.attachments, vec![("INV-1.pdf".to_owned(), pdf)]);
    assert_eq!(outbox_status(&mut db.conn(), id).unwrap().status, "sent");
}

#[test]
fn the_smtp_password_stays_out_of_errors() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "ha");
    // The server offers no AUTH, so a mailer with credentials fails to log in.
    let server = SmtpServer::start();
    let url = server
        .url()
        .replace("smtp://", "smtp://mailer:Pa55-very-secret-word@");
    let now = Utc::now();
    reset_request(&db, &a.email, now);
    let id = only_email_id(&db);
    let r = deliver_due(&mut db.conn(), &smtp(&url), now).unwrap();
    assert_eq!(r.sent, 0);
    let s = outbox_status(&mut db.conn(), id).unwrap();
    let err = s.last_error.unwrap();
    assert!(!err.contains("Pa55-very-secret-word"), "{err}");
    assert!(server.received().is_empty());
}

#[test]
fn enqueue_is_part_of_the_callers_transaction() {
    let db = TestDb::new();
    let a = TenantFixture::create(&mut db.conn(), "io");
    let mut c = db.conn();
    let _ = c.transaction::<(), tenancy::Error, _>(|tx| {
        let message = render(
            &tenancy::mail::PASSWORD_RESET,
            serde_json::json!({"link": "http://x", "ttl_minutes": 60}),
        )?;
        enqueue(
            tx,
            &NewEmail {
                account_id: a.account_id,
                to: &a.email,
                message,
                dedupe_key: None,
                attachments: Vec::new(),
            },
            Utc::now(),
        )?;
        Err(tenancy::Error::NotFound)
    });
    use db::schema::email_outbox::dsl as o;
    let n: i64 = o::email_outbox.count().get_result(&mut c).unwrap();
    assert_eq!(n, 0);
    // A committed message also queues a delivery run.
    reset_request(&db, &a.email, Utc::now());
    let jobs: i64 = diesel::sql_query(
        "SELECT count(*) AS n FROM fang_tasks WHERE metadata->>'type' = 'tenancy.deliver_mail'",
    )
    .get_result::<Count>(&mut c)
    .unwrap()
    .n;
    assert_eq!(jobs, 1);
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}
