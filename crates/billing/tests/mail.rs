//! Billing's e-mails: queued with their events, delivered as `.eml` files and read back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use billing::model::PaymentMethod;
use billing::packages::{list_packages, purchase_package};
use billing::payments::{ManualPayment, approve_payment, reject_payment, submit_manual_payment};
use billing::subscriptions::run_renewals;
use chrono::{DateTime, Duration, Utc};
use common::*;
use diesel::PgConnection;
use tenancy::mail::delivery::{MailConfig, Mailer, deliver_due};
use test_support::smtp_server::{ParsedMail, parse_mail};

/// Delivers every queued message into a fresh directory and returns them in outbox order.
fn deliver(c: &mut PgConnection, now: DateTime<Utc>) -> Vec<ParsedMail> {
    let dir = tempfile::tempdir().unwrap();
    let mailer = Mailer::from_config(&MailConfig {
        smtp_url: None,
        from: "IGNY8 <billing@igny8.test>".into(),
        dir: dir.path().to_owned(),
    })
    .unwrap();
    deliver_due(c, &mailer, now).unwrap();
    let mut files: Vec<(i64, std::path::PathBuf)> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let id = p.file_stem().unwrap().to_str().unwrap().parse().unwrap();
            (id, p)
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, p)| parse_mail(&std::fs::read(p).unwrap()))
        .collect()
}

fn manual(invoice_id: kernel::InvoiceId) -> ManualPayment {
    ManualPayment {
        invoice_id,
        payment_method: PaymentMethod::BankTransfer,
        transaction_reference: "BANK-REF-7".into(),
    }
}

#[test]
fn a_purchase_mails_the_invoice_and_its_approval_the_receipt_with_the_pdf_once() {
    let db = TestDb::new();
    let mut c = db.conn();
    let st = staff(&mut c, "m1");
    let a = signup(&mut c, "mailbuyer", "free", Utc::now());
    let pkg = &list_packages(&mut c).unwrap()[0];
    let buy = purchase_package(&mut c, &a.scope, pkg.id, Utc::now()).unwrap();
    let inv = &buy.invoice;
    let mails = deliver(&mut c, Utc::now());
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["mailbuyer@example.com".to_owned()]);
    assert!(
        mails[0].subject.contains(&inv.invoice_number),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].text.contains("Total: USD"), "{}", mails[0].text);

    let p = submit_manual_payment(&mut c, &a.scope, &manual(inv.id), Utc::now()).unwrap();
    approve_payment(&mut c, &st, p.id, Utc::now()).unwrap();
    assert!(approve_payment(&mut c, &st, p.id, Utc::now()).is_err());
    let mails = deliver(&mut c, Utc::now());
    assert_eq!(mails.len(), 1, "one receipt");
    let receipt = &mails[0];
    assert_eq!(
        receipt.subject,
        format!("Payment received for invoice {}", inv.invoice_number)
    );
    assert!(
        receipt
            .text
            .contains(&format!("{} credits were added", inv.credits))
    );
    assert_eq!(receipt.attachments.len(), 1);
    let (name, pdf) = &receipt.attachments[0];
    assert_eq!(name, &format!("{}.pdf", inv.invoice_number));
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(lopdf::Document::load_mem(pdf).is_ok(), "the PDF opens");
}

#[test]
fn a_rejected_payment_is_mailed_with_the_reason() {
    let db = TestDb::new();
    let mut c = db.conn();
    let st = staff(&mut c, "m2");
    let a = signup(&mut c, "mailrejected", "starter", Utc::now());
    let inv = a.signup.invoice.clone().unwrap();
    assert_eq!(deliver(&mut c, Utc::now()).len(), 1, "the sign-up invoice");
    let p = submit_manual_payment(&mut c, &a.scope, &manual(inv.id), Utc::now()).unwrap();
    reject_payment(
        &mut c,
        &st,
        p.id,
        "No such transfer <on> the statement",
        Utc::now(),
    )
    .unwrap();
    let mails = deliver(&mut c, Utc::now());
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("was not accepted"));
    assert!(
        mails[0]
            .text
            .contains("No such transfer <on> the statement")
    );
    assert!(mails[0].text.contains("BANK-REF-7"));
    assert!(
        mails[0]
            .html
            .contains("No such transfer &lt;on&gt; the statement")
    );
}

#[test]
fn the_renewal_reminder_goes_out_three_days_before_the_period_ends_once() {
    let db = TestDb::new();
    let mut c = db.conn();
    let st = staff(&mut c, "m3");
    let a = signup(&mut c, "mailrenew", "starter", Utc::now());
    let inv = a.signup.invoice.clone().unwrap();
    let p = submit_manual_payment(&mut c, &a.scope, &manual(inv.id), Utc::now()).unwrap();
    approve_payment(&mut c, &st, p.id, Utc::now()).unwrap();
    assert_eq!(deliver(&mut c, Utc::now()).len(), 2, "invoice and receipt");
    let (sub, _) = billing::subscriptions::get_subscription(&mut c, &a.scope).unwrap();
    let end = sub.current_period_end.unwrap();

    let early = run_renewals(&mut c, end - Duration::days(3) - Duration::minutes(1)).unwrap();
    assert_eq!(early.reminded, 0);
    let t = end - Duration::days(3) + Duration::minutes(1);
    assert_eq!(run_renewals(&mut c, t).unwrap().reminded, 1);
    assert_eq!(
        run_renewals(&mut c, t + Duration::hours(1))
            .unwrap()
            .reminded,
        0
    );
    let mails = deliver(&mut c, t + Duration::hours(1));
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        format!(
            "Your IGNY8 Starter plan renews on {}",
            end.format("%Y-%m-%d")
        )
    );

    // At the period end the renewal invoice is issued and mailed.
    let r = run_renewals(&mut c, end + Duration::minutes(1)).unwrap();
    assert_eq!((r.invoiced, r.reminded), (1, 0));
    let mails = deliver(&mut c, end + Duration::minutes(1));
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.starts_with("Invoice INV-"));
}

#[test]
fn a_free_plan_gets_no_reminder() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "mailfree", "free", Utc::now());
    let (sub, _) = billing::subscriptions::get_subscription(&mut c, &a.scope).unwrap();
    let end = sub.current_period_end.unwrap();
    assert_eq!(
        run_renewals(&mut c, end - Duration::days(1))
            .unwrap()
            .reminded,
        0
    );
    assert!(deliver(&mut c, end).is_empty());
}
