//! The Stripe webhook through the HTTP app: signed events pay once, anything unsigned, tampered
//! or stale changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use billing::gateway::{StripeConfig, stripe_signature};
use chrono::Utc;
use common::*;
use diesel::prelude::*;
use serde_json::json;
use std::sync::Arc;

const HOOK: &str = "/api/v1/billing/webhooks/stripe/";
const SECRET: &str = "whsec_test_Webhook-Secret-Narwhal";

const KEY: &str = "sk_test_Secret-Key-Ibis";

fn config(api_base: &str) -> StripeConfig {
    StripeConfig {
        secret_key: KEY.into(),
        webhook_secret: SECRET.into(),
        api_base: api_base.into(),
    }
}

fn signed(body: &[u8], t: i64) -> String {
    format!("t={t},v1={}", stripe_signature(SECRET, t, body))
}

fn events(db: &TestDb) -> i64 {
    db::schema::gateway_events::table
        .count()
        .get_result(&mut db.conn())
        .unwrap()
}

fn bonus(db: &TestDb, account: kernel::AccountId) -> i64 {
    db::schema::credit_balances::table
        .find(account)
        .select(db::schema::credit_balances::bonus_credits)
        .first(&mut db.conn())
        .optional()
        .unwrap()
        .unwrap_or(0)
}

#[actix_web::test]
async fn a_signed_checkout_event_pays_the_purchase_once_and_bad_signatures_change_nothing() {
    let c = ctx();
    let stripe = test_support::stripe_server::StripeServer::start(KEY);
    let mut st = state(&c.db);
    st.app.stripe = Some(Arc::new(config(&stripe.api_base())));
    let app = app(&st).await;
    let t = &c.a;
    let r = post("/api/v1/billing/credit-packages/1/purchase/")
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let inv = r.data()["invoice"].clone();
    let invoice_id = kernel::InvoiceId(inv["id"].as_i64().unwrap());
    let total = inv["total_cents"].as_i64().unwrap();
    let credits = inv["credits"].as_i64().unwrap();
    // The purchase opened a checkout session at the gateway for this invoice.
    assert_eq!(
        r.data()["next_action"]["type"],
        "checkout",
        "{:?}",
        r.json()
    );
    let session = stripe
        .session_by_url(r.data()["next_action"]["url"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        session["metadata"]["invoice_id"],
        invoice_id.get().to_string()
    );
    let session_id = session["id"].as_str().unwrap().to_owned();
    let before = bonus(&c.db, t.account_id);
    let body = serde_json::to_vec(&json!({
        "id": "evt_http_1", "type": "checkout.session.completed",
        "data": {"object": {"id": session_id, "payment_status": "paid",
                            "amount_total": total, "currency": "usd"}}
    }))
    .unwrap();
    let now = Utc::now().timestamp();

    // Refused: no header, a tampered body, another secret, a stale timestamp.
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("evt_http_1", "evt_http_9");
    let other_secret = format!("t={now},v1={}", stripe_signature("whsec_other", now, &body));
    let stale = signed(&body, now - 301);
    let refused: Vec<(Option<String>, Vec<u8>)> = vec![
        (None, body.clone()),
        (Some(signed(&body, now)), tampered.into_bytes()),
        (Some(other_secret), body.clone()),
        (Some(stale), body.clone()),
        (Some("t=1,v1=zz".into()), body.clone()),
    ];
    for (header, payload) in refused {
        let mut req = post(HOOK).raw("application/json", payload);
        if let Some(h) = &header {
            req = req.header("Stripe-Signature", h);
        }
        let r = req.send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::BAD_REQUEST, "invalid_signature"),
            "{header:?}"
        );
    }
    assert_eq!(events(&c.db), 0, "nothing stored");
    assert_eq!(bonus(&c.db, t.account_id), before);

    // Signed: paid once; the redelivery changes nothing.
    for expected in ["invoice_paid", "duplicate"] {
        let r = post(HOOK)
            .raw("application/json", body.clone())
            .header("Stripe-Signature", &signed(&body, now))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
        assert_eq!(r.data()["outcome"], expected);
        assert_eq!(r.data()["received"], true);
    }
    assert_eq!(bonus(&c.db, t.account_id), before + credits);
    assert_eq!(events(&c.db), 1);
    let r = get(&format!("/api/v1/billing/invoices/{}/", invoice_id.get()))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.data()["status"], "paid");

    // A signed body that is not an event.
    let junk = b"not json".to_vec();
    let r = post(HOOK)
        .raw("application/json", junk.clone())
        .header("Stripe-Signature", &signed(&junk, now))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
}

#[actix_web::test]
async fn without_a_gateway_the_webhook_refuses_everything() {
    let c = ctx();
    let app = app(&c.state).await;
    let body =
        br#"{"id":"evt_x","type":"checkout.session.completed","data":{"object":{}}}"#.to_vec();
    let r = post(HOOK)
        .raw("application/json", body.clone())
        .header("Stripe-Signature", &signed(&body, Utc::now().timestamp()))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_signature")
    );
    assert!(!r.json().to_string().contains(SECRET));
    assert_eq!(events(&c.db), 0);
}
