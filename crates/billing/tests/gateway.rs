//! Card payments: a completed checkout pays its invoice once, whatever the redeliveries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use billing::gateway::{EventOutcome, handle_stripe_event, record_checkout};
use billing::model::{InvoiceStatus, PaymentStatus};
use billing::packages::{list_packages, purchase_package};
use billing::payments::{PaymentFilter, list_payments};
use chrono::Utc;
use common::*;
use diesel::PgConnection;
use kernel::PageRequest;
use serde_json::json;
use std::sync::{Arc, Barrier};

fn completed(event_id: &str, session: &str, amount: i64, currency: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "data": {"object": {
            "id": session,
            "object": "checkout.session",
            "payment_status": "paid",
            "status": "complete",
            "amount_total": amount,
            "currency": currency,
            "payment_intent": "pi_123",
        }}
    }))
    .unwrap()
}

#[test]
fn a_completed_checkout_pays_the_invoice_and_grants_the_credits_once() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "cardbuyer", "free", Utc::now());
    let pkg = &list_packages(&mut c).unwrap()[0];
    let inv = purchase_package(&mut c, &a.scope, pkg.id, Utc::now())
        .unwrap()
        .invoice;
    record_checkout(
        &mut c,
        a.account,
        inv.id,
        "cs_test_1",
        "http://pay/cs_test_1",
        Utc::now(),
    )
    .unwrap();
    let before = balance(&mut c, a.account).bonus_credits;
    let body = completed("evt_1", "cs_test_1", inv.total_cents, "usd");
    assert_eq!(
        handle_stripe_event(&mut c, &body, Utc::now()).unwrap(),
        EventOutcome::InvoicePaid { invoice_id: inv.id }
    );
    assert_eq!(
        handle_stripe_event(&mut c, &body, Utc::now()).unwrap(),
        EventOutcome::Duplicate
    );
    // Another event for the same session (Stripe may send one after a retry of ours).
    assert_eq!(
        handle_stripe_event(
            &mut c,
            &completed("evt_2", "cs_test_1", inv.total_cents, "usd"),
            Utc::now()
        )
        .unwrap(),
        EventOutcome::Recorded {
            outcome: "invoice_already_paid"
        }
    );
    assert_eq!(
        balance(&mut c, a.account).bonus_credits,
        before + inv.credits
    );
    let inv2 = billing::invoices::get_invoice(&mut c, &a.scope, inv.id).unwrap();
    assert_eq!(inv2.status(), InvoiceStatus::Paid);
    let pays = list_payments(
        &mut c,
        &a.scope,
        &PaymentFilter::default(),
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(pays.count, 1);
    assert_eq!(
        (
            pays.items[0].payment_method.as_str(),
            pays.items[0].status(),
            pays.items[0].transaction_reference.as_str()
        ),
        ("stripe", PaymentStatus::Succeeded, "pi_123")
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn the_same_event_delivered_concurrently_grants_once() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "cardrace", "free", Utc::now());
    let pkg = &list_packages(&mut c).unwrap()[1];
    let inv = purchase_package(&mut c, &a.scope, pkg.id, Utc::now())
        .unwrap()
        .invoice;
    record_checkout(
        &mut c,
        a.account,
        inv.id,
        "cs_race",
        "http://pay",
        Utc::now(),
    )
    .unwrap();
    let before = balance(&mut c, a.account).bonus_credits;
    let body = Arc::new(completed("evt_race", "cs_race", inv.total_cents, "USD"));
    // A pool of its own: each thread holds a connection while it waits at the barrier.
    let pool = db::build_pool(
        db.url(),
        &db::PoolOptions {
            max_size: 8,
            connection_timeout: std::time::Duration::from_secs(30),
        },
    )
    .unwrap();
    let barrier = Arc::new(Barrier::new(8));
    let outcomes: Vec<EventOutcome> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..8)
            .map(|_| {
                let (pool, body, barrier) = (pool.clone(), body.clone(), barrier.clone());
                s.spawn(move || {
                    let mut c = pool.get().unwrap();
                    barrier.wait();
                    handle_stripe_event(&mut c, &body, Utc::now()).unwrap()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let paid = outcomes
        .iter()
        .filter(|o| matches!(o, EventOutcome::InvoicePaid { .. }))
        .count();
    assert_eq!(paid, 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|o| matches!(
        o,
        EventOutcome::InvoicePaid { .. } | EventOutcome::Duplicate
    )));
    assert_eq!(
        balance(&mut c, a.account).bonus_credits,
        before + inv.credits
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn a_paid_signup_by_card_activates_the_account_and_its_plan_credits() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "cardplan", "starter", Utc::now());
    let inv = a.signup.invoice.clone().unwrap();
    record_checkout(
        &mut c,
        a.account,
        inv.id,
        "cs_plan",
        "http://pay",
        Utc::now(),
    )
    .unwrap();
    let r = handle_stripe_event(
        &mut c,
        &completed("evt_plan", "cs_plan", inv.total_cents, "usd"),
        Utc::now(),
    )
    .unwrap();
    assert_eq!(r, EventOutcome::InvoicePaid { invoice_id: inv.id });
    let (sub, plan) = billing::subscriptions::get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.status.as_str(), "active");
    assert_eq!(
        balance(&mut c, a.account).plan_credits,
        plan.included_credits
    );
}

#[test]
fn events_that_cannot_pay_are_stored_and_change_nothing() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "cardodd", "free", Utc::now());
    let pkg = &list_packages(&mut c).unwrap()[0];
    let inv = purchase_package(&mut c, &a.scope, pkg.id, Utc::now())
        .unwrap()
        .invoice;
    record_checkout(
        &mut c,
        a.account,
        inv.id,
        "cs_odd",
        "http://pay",
        Utc::now(),
    )
    .unwrap();
    let before = balance(&mut c, a.account);
    let cases = [
        (
            completed("evt_a", "cs_odd", inv.total_cents - 1, "usd"),
            "amount_mismatch",
        ),
        (
            completed("evt_b", "cs_odd", inv.total_cents, "eur"),
            "amount_mismatch",
        ),
        (
            completed("evt_c", "cs_unknown", inv.total_cents, "usd"),
            "unknown_session",
        ),
        (
            serde_json::to_vec(&json!({"id": "evt_d", "type": "checkout.session.completed",
                "data": {"object": {"id": "cs_odd", "payment_status": "unpaid",
                "amount_total": inv.total_cents, "currency": "usd"}}}))
            .unwrap(),
            "not_paid",
        ),
        (
            serde_json::to_vec(
                &json!({"id": "evt_e", "type": "customer.created", "data": {"object": {}}}),
            )
            .unwrap(),
            "ignored",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(
            handle_stripe_event(&mut c, &body, Utc::now()).unwrap(),
            EventOutcome::Recorded { outcome: expected }
        );
    }
    for bad in [&b"not json"[..], br#"{"type":"x"}"#] {
        assert!(matches!(
            handle_stripe_event(&mut c, bad, Utc::now()),
            Err(billing::Error::Tenancy(tenancy::Error::Validation(_)))
        ));
    }
    let after = balance(&mut c, a.account);
    assert_eq!(
        (after.plan_credits, after.bonus_credits),
        (before.plan_credits, before.bonus_credits)
    );
    assert_eq!(
        billing::invoices::get_invoice(&mut c, &a.scope, inv.id)
            .unwrap()
            .status(),
        InvoiceStatus::Pending
    );
}

#[test]
fn a_refund_at_stripe_is_recorded_on_its_payment_once() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "refundee", "free", Utc::now());
    let pkg = &list_packages(&mut c).unwrap()[0];
    let inv = purchase_package(&mut c, &a.scope, pkg.id, Utc::now())
        .unwrap()
        .invoice;
    record_checkout(
        &mut c,
        a.account,
        inv.id,
        "cs_refund",
        "http://pay",
        Utc::now(),
    )
    .unwrap();
    handle_stripe_event(
        &mut c,
        &completed("evt_paid", "cs_refund", inv.total_cents, "usd"),
        Utc::now(),
    )
    .unwrap();
    let refund = |event: &str, intent: &str, refunded: i64| {
        serde_json::to_vec(&json!({
            "id": event, "object": "event", "type": "charge.refunded",
            "data": {"object": {"id": "ch_1", "object": "charge", "payment_intent": intent,
                                "amount": inv.total_cents, "amount_refunded": refunded,
                                "refunded": refunded == inv.total_cents, "currency": "usd"}}
        }))
        .unwrap()
    };
    let status = |c: &mut PgConnection| {
        list_payments(
            c,
            &a.scope,
            &PaymentFilter::default(),
            PageRequest::new(None, None),
        )
        .unwrap()
        .items[0]
            .status()
    };
    // A partial refund is kept with the event; the payment stays succeeded.
    assert_eq!(
        handle_stripe_event(&mut c, &refund("evt_r1", "pi_123", 1), Utc::now()).unwrap(),
        EventOutcome::Recorded {
            outcome: "partially_refunded"
        }
    );
    assert_eq!(status(&mut c), PaymentStatus::Succeeded);
    // The whole amount: refunded, once.
    let full = refund("evt_r2", "pi_123", inv.total_cents);
    assert_eq!(
        handle_stripe_event(&mut c, &full, Utc::now()).unwrap(),
        EventOutcome::Recorded {
            outcome: "refunded"
        }
    );
    assert_eq!(status(&mut c), PaymentStatus::Refunded);
    assert_eq!(
        handle_stripe_event(&mut c, &full, Utc::now()).unwrap(),
        EventOutcome::Duplicate
    );
    // A refund of a payment we do not know changes nothing.
    assert_eq!(
        handle_stripe_event(&mut c, &refund("evt_r3", "pi_unknown", 5), Utc::now()).unwrap(),
        EventOutcome::Recorded {
            outcome: "unknown_payment"
        }
    );
}
