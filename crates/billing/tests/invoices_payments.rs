//! Invoices (numbering, PDF, immutability) and payments (manual submission, staff review, exactly
//! once effects) on real PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use billing::Error;
use billing::model::{InvoiceStatus, PaymentMethod, PaymentStatus, Pool};
use billing::packages::{NextAction, list_packages, purchase_package};
use billing::payments::{
    ManualPayment, PaymentFilter, admin_list_payments, approve_payment, list_payments,
    reject_payment, submit_manual_payment,
};
use chrono::{TimeZone, Utc};
use common::*;
use kernel::{InvoiceId, PageRequest, Role};
use std::sync::{Arc, Barrier};
use tenancy::Scope;

fn manual(invoice_id: InvoiceId, method: PaymentMethod) -> ManualPayment {
    ManualPayment {
        invoice_id,
        payment_method: method,
        transaction_reference: "BANK-REF-42".into(),
    }
}

#[test]
fn buying_a_package_adds_bonus_credits_once_approved() {
    let db = TestDb::new();
    let mut c = db.conn();
    let st = staff(&mut c, "p1");
    let a = signup(&mut c, "buyer", "free", Utc::now());
    let pkgs = list_packages(&mut c).unwrap();
    assert_eq!(
        pkgs.iter().map(|p| p.credits).collect::<Vec<_>>(),
        vec![500, 1500, 5000]
    );
    let buy = purchase_package(&mut c, &a.scope, pkgs[1].id, Utc::now()).unwrap();
    let inv = &buy.invoice;
    assert_eq!(
        (
            inv.invoice_type.as_str(),
            inv.status(),
            inv.total_cents,
            inv.credits
        ),
        ("credit_package", InvoiceStatus::Pending, 13_500, 1500)
    );
    assert_eq!(inv.lines().len(), 1);
    assert_eq!(inv.contact().email, "buyer@example.com");
    assert!(
        matches!(&buy.next_action, NextAction::ManualPayment { instructions } if instructions.contains(&inv.invoice_number))
    );

    let p = submit_manual_payment(
        &mut c,
        &a.scope,
        &manual(inv.id, PaymentMethod::LocalWallet),
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        (p.status(), p.amount_cents, p.transaction_reference.as_str()),
        (PaymentStatus::PendingApproval, 13_500, "BANK-REF-42")
    );
    assert!(matches!(
        submit_manual_payment(
            &mut c,
            &a.scope,
            &manual(inv.id, PaymentMethod::BankTransfer),
            Utc::now()
        ),
        Err(Error::PaymentAlreadyPending)
    ));
    assert_eq!(
        balance(&mut c, a.account).bonus_credits,
        0,
        "nothing before approval"
    );
    let queue = admin_list_payments(
        &mut c,
        &st,
        &PaymentFilter {
            status: Some(PaymentStatus::PendingApproval),
            invoice_id: None,
        },
        PageRequest::default(),
    )
    .unwrap();
    assert!(queue.items.iter().any(|q| q.id == p.id));

    let (p2, inv2) = approve_payment(&mut c, &st, p.id, Utc::now()).unwrap();
    assert_eq!(
        (p2.status(), inv2.status()),
        (PaymentStatus::Succeeded, InvoiceStatus::Paid)
    );
    assert!(inv2.paid_at.is_some());
    assert_eq!(p2.reviewed_by, st.user_id());
    let b = balance(&mut c, a.account);
    assert_eq!((b.plan_credits, b.bonus_credits), (100, 1500));
    assert!(
        matches!(approve_payment(&mut c, &st, p.id, Utc::now()), Err(Error::PaymentNotPending { ref status }) if status == "succeeded")
    );
    assert!(matches!(
        submit_manual_payment(
            &mut c,
            &a.scope,
            &manual(inv.id, PaymentMethod::BankTransfer),
            Utc::now()
        ),
        Err(Error::InvoiceAlreadyPaid)
    ));
    assert_eq!(
        balance(&mut c, a.account).bonus_credits,
        1500,
        "granted once"
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn approving_the_same_payment_concurrently_grants_once() {
    let db = TestDb::new();
    let (a, st, pid) = {
        let mut c = db.conn();
        let st = staff(&mut c, "p2");
        let a = signup(&mut c, "racer", "free", Utc::now());
        let pkg = list_packages(&mut c).unwrap()[0].id;
        let inv = purchase_package(&mut c, &a.scope, pkg, Utc::now())
            .unwrap()
            .invoice;
        let p = submit_manual_payment(
            &mut c,
            &a.scope,
            &manual(inv.id, PaymentMethod::BankTransfer),
            Utc::now(),
        )
        .unwrap();
        (a, st, p.id)
    };
    let pool = db::build_pool(
        db.url(),
        &db::PoolOptions {
            max_size: 8,
            connection_timeout: std::time::Duration::from_secs(30),
        },
    )
    .unwrap();
    let barrier = Arc::new(Barrier::new(8));
    let hs: Vec<_> = (0..8)
        .map(|_| {
            let (pool, barrier, st) = (pool.clone(), barrier.clone(), st.clone());
            std::thread::spawn(move || {
                let mut c = pool.get().unwrap();
                barrier.wait();
                approve_payment(&mut c, &st, pid, Utc::now())
            })
        })
        .collect();
    let results: Vec<_> = hs.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert!(
        results
            .iter()
            .filter(|r| r.is_err())
            .all(|r| matches!(r, Err(Error::PaymentNotPending { .. })))
    );
    let mut c = db.conn();
    assert_eq!(balance(&mut c, a.account).bonus_credits, 500);
    assert_eq!(
        ledger(&mut c, a.account)
            .iter()
            .filter(|t| t.kind == "purchase")
            .count(),
        1
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn rejecting_a_payment_keeps_the_invoice_open() {
    let db = TestDb::new();
    let mut c = db.conn();
    let st = staff(&mut c, "p3");
    let a = signup(&mut c, "rejected", "starter", Utc::now());
    let inv = a.signup.invoice.clone().unwrap();
    let p = submit_manual_payment(
        &mut c,
        &a.scope,
        &manual(inv.id, PaymentMethod::BankTransfer),
        Utc::now(),
    )
    .unwrap();
    assert!(matches!(
        reject_payment(&mut c, &st, p.id, "  ", Utc::now()),
        Err(Error::Tenancy(tenancy::Error::Validation(_)))
    ));
    let r = reject_payment(
        &mut c,
        &st,
        p.id,
        "No such transfer on the statement",
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        (r.status(), r.failure_reason.as_deref()),
        (
            PaymentStatus::Failed,
            Some("No such transfer on the statement")
        )
    );
    assert!(matches!(
        reject_payment(&mut c, &st, p.id, "again", Utc::now()),
        Err(Error::PaymentNotPending { .. })
    ));
    assert!(matches!(
        approve_payment(&mut c, &st, p.id, Utc::now()),
        Err(Error::PaymentNotPending { .. })
    ));
    assert_eq!(
        billing::invoices::get_invoice(&mut c, &a.scope, inv.id)
            .unwrap()
            .status(),
        InvoiceStatus::Pending
    );
    // a new payment can be submitted
    submit_manual_payment(
        &mut c,
        &a.scope,
        &manual(inv.id, PaymentMethod::Manual),
        Utc::now(),
    )
    .unwrap();
    let mine = list_payments(
        &mut c,
        &a.scope,
        &PaymentFilter::default(),
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(mine.count, 2);
    let failed = list_payments(
        &mut c,
        &a.scope,
        &PaymentFilter {
            status: Some(PaymentStatus::Failed),
            invoice_id: None,
        },
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(failed.count, 1);
}

#[test]
fn payment_rules_and_permissions() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "rules", "starter", Utc::now());
    let b = signup(&mut c, "other", "free", Utc::now());
    let inv = a.signup.invoice.clone().unwrap();
    let is_validation = |r: &billing::Result<_>, field: &str| matches!(r, Err(Error::Tenancy(tenancy::Error::Validation(e))) if e.fields().contains_key(field));
    let r = submit_manual_payment(
        &mut c,
        &a.scope,
        &manual(inv.id, PaymentMethod::Stripe),
        Utc::now(),
    );
    assert!(is_validation(&r, "payment_method"));
    let r = submit_manual_payment(
        &mut c,
        &a.scope,
        &manual(inv.id, PaymentMethod::LocalWallet),
        Utc::now(),
    );
    assert!(
        is_validation(&r, "payment_method"),
        "local wallets pay credit packages only"
    );
    let r = submit_manual_payment(
        &mut c,
        &a.scope,
        &ManualPayment {
            transaction_reference: " ".into(),
            ..manual(inv.id, PaymentMethod::BankTransfer)
        },
        Utc::now(),
    );
    assert!(is_validation(&r, "transaction_reference"));
    // another tenant's invoice is not found
    assert!(matches!(
        submit_manual_payment(
            &mut c,
            &b.scope,
            &manual(inv.id, PaymentMethod::BankTransfer),
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
    assert!(matches!(
        billing::invoices::get_invoice(&mut c, &b.scope, inv.id),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
    // roles: viewers and editors read; admins and owners pay
    let viewer = Scope::for_tests(a.account, None, Role::Viewer);
    let editor = Scope::for_tests(a.account, None, Role::Editor);
    let pkg = list_packages(&mut c).unwrap()[0].id;
    for s in [&viewer, &editor] {
        assert!(matches!(
            submit_manual_payment(
                &mut c,
                s,
                &manual(inv.id, PaymentMethod::BankTransfer),
                Utc::now()
            ),
            Err(Error::Tenancy(tenancy::Error::PermissionDenied))
        ));
        assert!(matches!(
            purchase_package(&mut c, s, pkg, Utc::now()),
            Err(Error::Tenancy(tenancy::Error::PermissionDenied))
        ));
    }
    let p = submit_manual_payment(
        &mut c,
        &a.scope,
        &manual(inv.id, PaymentMethod::BankTransfer),
        Utc::now(),
    )
    .unwrap();
    // only staff review
    assert!(matches!(
        approve_payment(&mut c, &a.scope, p.id, Utc::now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        reject_payment(&mut c, &a.scope, p.id, "no", Utc::now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        admin_list_payments(
            &mut c,
            &a.scope,
            &PaymentFilter::default(),
            PageRequest::default()
        ),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert_eq!(
        list_payments(
            &mut c,
            &b.scope,
            &PaymentFilter::default(),
            PageRequest::default()
        )
        .unwrap()
        .count,
        0
    );
    let st = staff(&mut c, "p4");
    assert!(matches!(
        approve_payment(&mut c, &st, kernel::PaymentId(987_654), Utc::now()),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
    assert!(matches!(
        purchase_package(
            &mut c,
            &a.scope,
            kernel::CreditPackageId(987_654),
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
}

#[test]
fn invoice_numbers_are_sequential_per_account_and_month() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "numbers", "free", Utc::now());
    let b = signup(&mut c, "numbers2", "free", Utc::now());
    let pkg = list_packages(&mut c).unwrap()[0].id;
    let nov = Utc.with_ymd_and_hms(2026, 11, 30, 23, 59, 0).unwrap();
    let dec = Utc.with_ymd_and_hms(2026, 12, 1, 0, 1, 0).unwrap();
    let n = |c: &mut PgConnection, s: &Scope, t| {
        purchase_package(c, s, pkg, t)
            .unwrap()
            .invoice
            .invoice_number
    };
    let id = a.account.get();
    assert_eq!(n(&mut c, &a.scope, nov), format!("INV-{id}-202611-0001"));
    assert_eq!(n(&mut c, &a.scope, nov), format!("INV-{id}-202611-0002"));
    assert_eq!(
        n(&mut c, &a.scope, dec),
        format!("INV-{id}-202612-0001"),
        "a new month starts at 1"
    );
    assert_eq!(
        n(&mut c, &b.scope, nov),
        format!("INV-{}-202611-0001", b.account.get()),
        "per account"
    );
    // a rolled-back issue leaves no gap
    let _ = diesel::Connection::transaction::<(), billing::Error, _>(&mut c, |t| {
        purchase_package(t, &a.scope, pkg, nov)?;
        Err(billing::Error::InvoiceAlreadyPaid)
    });
    assert_eq!(n(&mut c, &a.scope, nov), format!("INV-{id}-202611-0003"));
}

#[test]
fn thirty_two_concurrent_purchases_get_unique_sequential_numbers() {
    let db = TestDb::new();
    let (a, pkg) = {
        let mut c = db.conn();
        let a = signup(&mut c, "rush", "free", Utc::now());
        (a, list_packages(&mut c).unwrap()[2].id)
    };
    let t = Utc::now();
    let pool = db::build_pool(
        db.url(),
        &db::PoolOptions {
            max_size: 16,
            connection_timeout: std::time::Duration::from_secs(30),
        },
    )
    .unwrap();
    let barrier = Arc::new(Barrier::new(33));
    let hs: Vec<_> = (0..32)
        .map(|_| {
            let (pool, barrier, scope) = (pool.clone(), barrier.clone(), a.scope.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut c = pool.get().unwrap();
                purchase_package(&mut c, &scope, pkg, t)
                    .unwrap()
                    .invoice
                    .invoice_number
            })
        })
        .collect();
    barrier.wait();
    let started = std::time::Instant::now();
    let mut numbers: Vec<String> = hs.into_iter().map(|h| h.join().unwrap()).collect();
    eprintln!(
        "32 concurrent purchases on one account: {:?}",
        started.elapsed()
    );
    numbers.sort();
    let expected: Vec<String> = (1..=32)
        .map(|i| billing::invoices::format_invoice_number(a.account, t, i))
        .collect();
    assert_eq!(numbers, expected);
}

#[test]
fn the_invoice_pdf_opens_and_shows_number_parties_lines_and_total() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "pdfbuyer", "growth", Utc::now());
    diesel::update(db::schema::accounts::table.find(a.account))
        .set((
            db::schema::accounts::billing_name.eq("Zoë Müller"),
            db::schema::accounts::billing_address.eq("1 Main Street\nSpringfield"),
            db::schema::accounts::tax_id.eq("DE123"),
        ))
        .execute(&mut c)
        .unwrap();
    let pkg = list_packages(&mut c).unwrap()[2].id;
    let inv = purchase_package(&mut c, &a.scope, pkg, Utc::now())
        .unwrap()
        .invoice;
    let started = std::time::Instant::now();
    let (_, bytes) = billing::invoices::invoice_pdf(&mut c, &a.scope, inv.id).unwrap();
    eprintln!(
        "invoice PDF: {} bytes in {:?} (read + render)",
        bytes.len(),
        started.elapsed()
    );
    assert!(bytes.starts_with(b"%PDF-"));
    // IGNY8_PDF_OUT=/tmp/invoice.pdf keeps a sample to look at (pdftoppm -png it).
    if let Ok(path) = std::env::var("IGNY8_PDF_OUT") {
        std::fs::write(path, &bytes).unwrap();
    }
    let doc = lopdf::Document::load_mem(&bytes).expect("a parsable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), 1);
    let text = doc.extract_text(&pages).unwrap();
    for needle in [
        inv.invoice_number.as_str(),
        "USD 400.00",
        "Total",
        "IGNY8",
        "pdfbuyer inc",
        "Zoë Müller",
        "Springfield",
        "Tax id: DE123",
        "Credit package: 5,000 credits",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    // the sign-up invoice of another tenant is not reachable
    let b = signup(&mut c, "pdfother", "free", Utc::now());
    assert!(matches!(
        billing::invoices::invoice_pdf(&mut c, &b.scope, inv.id),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
    // an invoice with a period prints it
    let sub_inv = a.signup.invoice.unwrap();
    let (_, bytes) = billing::invoices::invoice_pdf(&mut c, &a.scope, sub_inv.id).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert!(
        text.contains("Growth plan, monthly") && text.contains("USD 200.00"),
        "{text}"
    );
}

#[test]
fn invoices_are_immutable_apart_from_their_status() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "immutable", "starter", Utc::now());
    let inv = a.signup.invoice.unwrap();
    let err = diesel::sql_query(format!(
        "UPDATE invoices SET total_cents = 1, subtotal_cents = 1 WHERE id = {}",
        inv.id
    ))
    .execute(&mut c)
    .unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    let err = diesel::sql_query(format!(
        "UPDATE invoices SET billing_contact = '{{}}' WHERE id = {}",
        inv.id
    ))
    .execute(&mut c)
    .unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    // the contact is a snapshot: later changes of the account do not alter it
    tenancy::accounts::update_account(
        &mut c,
        &a.scope,
        tenancy::accounts::AccountChanges {
            billing_name: Some("New Name".into()),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        billing::invoices::get_invoice(&mut c, &a.scope, inv.id)
            .unwrap()
            .contact()
            .name,
        ""
    );
    diesel::sql_query(format!("UPDATE invoices SET status = 'void', voided_at = now(), void_reason = 'test' WHERE id = {}", inv.id)).execute(&mut c).unwrap();
}

#[test]
fn a_bonus_pool_survives_everything_but_spending() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "bonus", "free", Utc::now());
    fund(&mut c, &a.scope, Pool::Bonus, 10, "b");
    billing::subscriptions::cancel(&mut c, &a.scope, Utc::now()).unwrap();
    billing::subscriptions::run_renewals(&mut c, Utc::now() + chrono::Duration::days(40)).unwrap();
    let b = balance(&mut c, a.account);
    assert_eq!((b.plan_credits, b.bonus_credits), (0, 10));
}

use diesel::prelude::*;
