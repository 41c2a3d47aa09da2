//! Renewals by card against a local Stripe-protocol server, with a moved clock: a checkout saves
//! the card; at the period end the renewal invoice is charged off-session once and paid through
//! the usual settlement; a declined card leaves the invoice open, records the failed payment,
//! notifies, is not charged again, and the grace period then makes the subscription past due.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use billing::gateway::{
    ChargeReport, StripeClient, StripeConfig, charge_renewals, checkout_for_invoice,
    handle_stripe_event,
};
use billing::model::{InvoiceStatus, SubscriptionStatus};
use billing::subscriptions::{GRACE, get_subscription, run_renewals};
use chrono::{Duration, Utc};
use common::*;
use db::schema::{notifications, payments};
use diesel::prelude::*;
use test_support::stripe_server::StripeServer;

const KEY: &str = "sk_test_Renewal-Kingfisher-5521";

fn payments_of(
    c: &mut PgConnection,
    invoice: kernel::InvoiceId,
) -> Vec<(String, String, Option<String>)> {
    payments::table
        .filter(payments::invoice_id.eq(invoice))
        .order(payments::id.asc())
        .select((
            payments::payment_method,
            payments::status,
            payments::failure_reason,
        ))
        .load(c)
        .unwrap()
}

#[test]
fn a_saved_card_pays_renewals_once_and_a_declined_one_runs_into_the_grace_period() {
    let server = StripeServer::start(KEY);
    let client = StripeClient::new(&StripeConfig {
        secret_key: KEY.into(),
        webhook_secret: "whsec_unused".into(),
        api_base: server.api_base(),
    })
    .unwrap();
    let db = TestDb::new();
    let mut c = db.conn();
    let start = Utc::now();
    let a = signup(&mut c, "renewer", "growth", start);
    let first = a
        .signup
        .invoice
        .clone()
        .expect("a paid plan's first invoice");

    // The first invoice is paid at checkout, which saves the card.
    let checkout =
        checkout_for_invoice(&mut c, &client, a.account, &first, "http://app", start).unwrap();
    let event = server.complete(&checkout.session_id);
    handle_stripe_event(&mut c, event.as_bytes(), start).unwrap();
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.status(), SubscriptionStatus::Active);
    let end = sub.current_period_end.unwrap();

    // Nothing is due before the period ends.
    assert_eq!(
        charge_renewals(&mut c, &client, start).unwrap(),
        ChargeReport::default()
    );

    // Period end: the renewal invoice is issued and charged to the saved card.
    let t1 = end + Duration::hours(1);
    assert_eq!(run_renewals(&mut c, t1).unwrap().invoiced, 1);
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    let renewal = sub.open_invoice_id.expect("a renewal invoice");
    let report = charge_renewals(&mut c, &client, t1).unwrap();
    assert_eq!(
        report,
        ChargeReport {
            paid: 1,
            declined: 0,
            errors: 0
        }
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.status(), SubscriptionStatus::Active);
    assert_eq!(sub.open_invoice_id, None);
    let inv = billing::invoices::get_invoice(&mut c, &a.scope, renewal).unwrap();
    assert_eq!(inv.status(), InvoiceStatus::Paid);
    assert_eq!(
        payments_of(&mut c, renewal),
        vec![("stripe".into(), "succeeded".into(), None)]
    );
    // The charge used the card the checkout saved, for the invoice's total.
    let renewal_id = renewal.get().to_string();
    let charged: Vec<_> = server
        .intents()
        .into_values()
        .filter(|pi| pi["metadata"]["invoice_id"] == renewal_id.as_str())
        .collect();
    assert_eq!(charged.len(), 1);
    assert_eq!(charged[0]["amount"], inv.total_cents);
    assert!(
        charged[0]["payment_method"]
            .as_str()
            .unwrap()
            .starts_with("pm_test_")
    );
    // A second pass charges nothing.
    assert_eq!(
        charge_renewals(&mut c, &client, t1).unwrap(),
        ChargeReport::default()
    );

    // The card is declined at the next renewal: the invoice stays open, the failure is recorded
    // and notified, the card is not charged again, and the grace period runs out.
    let customer = server
        .intents()
        .values()
        .find_map(|pi| pi["customer"].as_str().map(str::to_owned))
        .unwrap();
    server.decline(&customer);
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    let t2 = sub.current_period_end.unwrap() + Duration::hours(1);
    assert_eq!(run_renewals(&mut c, t2).unwrap().invoiced, 1);
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    let second = sub.open_invoice_id.unwrap();
    let report = charge_renewals(&mut c, &client, t2).unwrap();
    assert_eq!(
        report,
        ChargeReport {
            paid: 0,
            declined: 1,
            errors: 0
        }
    );
    assert_eq!(
        payments_of(&mut c, second),
        vec![(
            "stripe".into(),
            "failed".into(),
            Some("Your card was declined.".into())
        )]
    );
    let inv = billing::invoices::get_invoice(&mut c, &a.scope, second).unwrap();
    assert_eq!(inv.status(), InvoiceStatus::Pending);
    let notes: i64 = notifications::table
        .filter(notifications::account_id.eq(a.account))
        .filter(notifications::kind.eq("card_declined"))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(notes, 1);
    let attempts = server
        .requests()
        .iter()
        .filter(|r| r.path == "/v1/payment_intents")
        .count();
    assert_eq!(
        charge_renewals(&mut c, &client, t2 + Duration::hours(1)).unwrap(),
        ChargeReport::default()
    );
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.path == "/v1/payment_intents")
            .count(),
        attempts,
        "no second charge of a declined card"
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(
        sub.status(),
        SubscriptionStatus::Active,
        "within the grace period"
    );
    run_renewals(
        &mut c,
        sub.current_period_start.unwrap() + GRACE + Duration::minutes(1),
    )
    .unwrap();
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.status(), SubscriptionStatus::PastDue);
}

#[test]
fn an_unreachable_gateway_charges_nothing_and_is_tried_again() {
    let server = StripeServer::start(KEY);
    let good = StripeClient::new(&StripeConfig {
        secret_key: KEY.into(),
        webhook_secret: "whsec_unused".into(),
        api_base: server.api_base(),
    })
    .unwrap();
    let db = TestDb::new();
    let mut c = db.conn();
    let start = Utc::now();
    let a = signup(&mut c, "offline", "growth", start);
    let first = a.signup.invoice.clone().unwrap();
    let checkout =
        checkout_for_invoice(&mut c, &good, a.account, &first, "http://app", start).unwrap();
    handle_stripe_event(
        &mut c,
        server.complete(&checkout.session_id).as_bytes(),
        start,
    )
    .unwrap();
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    let t1 = sub.current_period_end.unwrap() + Duration::hours(1);
    run_renewals(&mut c, t1).unwrap();
    let down = StripeClient::new(&StripeConfig {
        secret_key: KEY.into(),
        webhook_secret: "whsec_unused".into(),
        api_base: "http://127.0.0.1:9".into(),
    })
    .unwrap();
    assert_eq!(
        charge_renewals(&mut c, &down, t1).unwrap(),
        ChargeReport {
            paid: 0,
            declined: 0,
            errors: 1
        }
    );
    // Back: the next run charges it.
    assert_eq!(
        charge_renewals(&mut c, &good, t1).unwrap(),
        ChargeReport {
            paid: 1,
            declined: 0,
            errors: 0
        }
    );
}
