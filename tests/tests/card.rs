//! Card payments end to end: the real `api` binary configured with a Stripe key, pointed at a
//! local server that speaks Stripe's Checkout API and signs webhooks as Stripe does. Buying a
//! credit package answers a checkout URL of a session for exactly the invoice; the signed
//! `checkout.session.completed` pays the invoice and grants the credits once, also when the
//! same event arrives twice at the same time; a tampered signature changes nothing; a gateway
//! that does not answer leaves the invoice open (503); no Stripe secret reaches a log or an
//! answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // the harness serves several test files; this one uses a part
mod harness;

use harness::{Http, Stack};
use serde_json::{Value, json};
use test_support::stripe_server::{StripeServer, deliver, sign};

const SECRET_KEY: &str = "sk_test_Kestrel7f3a9c2e5b8d1046";
const WEBHOOK_SECRET: &str = "whsec_Osprey4e6b2d9a1c7f3058";
const PASSWORD: &str = "Card-E2e-Pass-Heron-9";

fn owner(http: &Http, email: &str) -> String {
    let r = http
        .post("/api/v1/auth/register/")
        .json(&json!({"email": email, "password": PASSWORD, "account_name": "Card Co"}))
        .send()
        .expect_status(201);
    r.data()["access"].as_str().unwrap().to_owned()
}

fn balance(http: &Http, token: &str) -> i64 {
    http.get("/api/v1/billing/credits/balance/")
        .bearer(token)
        .send()
        .expect_status(200)
        .data()["total"]
        .as_i64()
        .unwrap()
}

fn first_package(http: &Http, token: &str) -> Value {
    let r = http
        .get("/api/v1/billing/credit-packages/")
        .bearer(token)
        .send()
        .expect_status(200);
    r.json["results"][0].clone()
}

#[test]
fn a_card_purchase_pays_its_invoice_once_through_the_signed_webhook() {
    let stripe = StripeServer::start(SECRET_KEY);
    let api_base = stripe.api_base();
    let stack = Stack::start_with(&[
        ("IGNY8_STRIPE_SECRET_KEY", SECRET_KEY),
        ("IGNY8_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
        ("IGNY8_STRIPE_API_BASE", &api_base),
        ("RUST_LOG", "debug"),
    ]);
    let http = &stack.http;
    let token = owner(http, "cards@example.com");
    let pkg = first_package(http, &token);
    let before = balance(http, &token);

    // Purchase: the invoice, and a checkout session for exactly its amount.
    let r = http
        .post(&format!(
            "/api/v1/billing/credit-packages/{}/purchase/",
            pkg["id"]
        ))
        .bearer(&token)
        .send()
        .expect_status(201);
    assert!(!r.text.contains(SECRET_KEY));
    let invoice = r.data()["invoice"].clone();
    assert_eq!(r.data()["next_action"]["type"], "checkout", "{}", r.text);
    let url = r.data()["next_action"]["url"].as_str().unwrap().to_owned();
    let session = stripe
        .session_by_url(&url)
        .expect("the URL is the session's");
    assert_eq!(session["amount_total"], invoice["total_cents"]);
    assert_eq!(
        session["currency"].as_str().unwrap(),
        invoice["currency"].as_str().unwrap().to_lowercase()
    );
    assert_eq!(
        session["client_reference_id"],
        invoice["id"].to_string().as_str()
    );
    let req = stripe
        .requests()
        .into_iter()
        .find(|r| r.path == "/v1/checkout/sessions")
        .unwrap();
    assert_eq!(
        req.header("idempotency-key").unwrap(),
        format!("igny8-invoice-{}-checkout", invoice["id"])
    );

    // Asking again reuses the session (no second one at Stripe).
    let again = http
        .post(&format!(
            "/api/v1/billing/invoices/{}/checkout/",
            invoice["id"]
        ))
        .bearer(&token)
        .send()
        .expect_status(200);
    assert_eq!(again.data()["url"], url.as_str());
    assert_eq!(
        stripe
            .requests()
            .iter()
            .filter(|r| r.path == "/v1/checkout/sessions")
            .count(),
        1
    );

    let webhook = format!("{}/api/v1/billing/webhooks/stripe/", http.base());
    let event = stripe.complete(session["id"].as_str().unwrap());
    let now = chrono::Utc::now().timestamp();

    // Tampered: signed, then the amount changed. Refused, nothing changes.
    let signature = sign(WEBHOOK_SECRET, now, &event);
    let tampered = event.replace(
        "\"payment_status\":\"paid\"",
        "\"payment_status\":\"paid\" ",
    );
    assert_ne!(tampered, event);
    assert_eq!(deliver(&webhook, &tampered, &signature), 400);
    // Signed with another secret, or too old: refused too.
    assert_eq!(
        deliver(&webhook, &event, &sign("whsec_other", now, &event)),
        400
    );
    assert_eq!(
        deliver(&webhook, &event, &sign(WEBHOOK_SECRET, now - 3600, &event)),
        400
    );
    assert_eq!(balance(http, &token), before);

    // The real event, twice at the same moment (Stripe retries): credits granted once.
    let deliveries: Vec<u16> = std::thread::scope(|s| {
        let a = s.spawn(|| deliver(&webhook, &event, &signature));
        let b = s.spawn(|| deliver(&webhook, &event, &signature));
        vec![a.join().unwrap(), b.join().unwrap()]
    });
    assert_eq!(deliveries, vec![200, 200]);
    let credits = pkg["credits"].as_i64().unwrap();
    assert_eq!(balance(http, &token), before + credits);
    let inv = http
        .get(&format!("/api/v1/billing/invoices/{}/", invoice["id"]))
        .bearer(&token)
        .send()
        .expect_status(200);
    assert_eq!(inv.data()["status"], "paid");
    let payments = http
        .get("/api/v1/billing/payments/")
        .bearer(&token)
        .send()
        .expect_status(200);
    let card: Vec<&Value> = payments.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["payment_method"] == "stripe")
        .collect();
    assert_eq!(card.len(), 1, "{}", payments.text);
    assert_eq!(card[0]["status"], "succeeded");
    // Redelivered later with a fresh signature: still once.
    assert_eq!(
        deliver(
            &webhook,
            &event,
            &sign(WEBHOOK_SECRET, chrono::Utc::now().timestamp(), &event)
        ),
        200
    );
    assert_eq!(balance(http, &token), before + credits);

    // A paid invoice takes no checkout.
    http.post(&format!(
        "/api/v1/billing/invoices/{}/checkout/",
        invoice["id"]
    ))
    .bearer(&token)
    .send()
    .expect_status(409);

    // Signing up for a paid plan: the first invoice comes with its checkout; paying it
    // activates the account.
    let r = http
        .post("/api/v1/auth/register/")
        .json(&json!({"email": "paid@example.com", "password": PASSWORD, "account_name": "Paid Co", "plan_slug": "growth"}))
        .send()
        .expect_status(201);
    assert_eq!(
        r.data()["account"]["status"],
        "pending_payment",
        "{}",
        r.text
    );
    assert_eq!(r.data()["next_action"]["type"], "checkout", "{}", r.text);
    let paid_token = r.data()["access"].as_str().unwrap().to_owned();
    let session = stripe
        .session_by_url(r.data()["next_action"]["url"].as_str().unwrap())
        .unwrap();
    let event = stripe.complete(session["id"].as_str().unwrap());
    let signature = sign(WEBHOOK_SECRET, chrono::Utc::now().timestamp(), &event);
    assert_eq!(deliver(&webhook, &event, &signature), 200);
    let sub = http
        .get("/api/v1/billing/subscription/")
        .bearer(&paid_token)
        .send()
        .expect_status(200);
    assert_eq!(sub.data()["status"], "active", "{}", sub.text);
    let me = http
        .get("/api/v1/auth/me/")
        .bearer(&paid_token)
        .send()
        .expect_status(200);
    assert!(me.text.contains("\"active\""), "{}", me.text);

    // No secret in any log line.
    for line in stack.api_lines() {
        assert!(
            !line.contains(SECRET_KEY) && !line.contains(WEBHOOK_SECRET),
            "{line}"
        );
    }
}

#[test]
fn a_gateway_that_does_not_answer_leaves_the_invoice_open() {
    // A key Stripe refuses, then no server at all.
    let stripe = StripeServer::start(SECRET_KEY);
    let api_base = stripe.api_base();
    let stack = Stack::start_with(&[
        ("IGNY8_STRIPE_SECRET_KEY", "sk_test_wrong"),
        ("IGNY8_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
        ("IGNY8_STRIPE_API_BASE", &api_base),
    ]);
    let http = &stack.http;
    let token = owner(http, "nogateway@example.com");
    let pkg = first_package(http, &token);
    let r = http
        .post(&format!(
            "/api/v1/billing/credit-packages/{}/purchase/",
            pkg["id"]
        ))
        .bearer(&token)
        .send()
        .expect_status(503);
    assert_eq!(r.json["code"], "unavailable", "{}", r.text);
    assert!(!r.text.contains("sk_test_wrong"));
    // The invoice was issued and stays open (payable later, or by transfer).
    let invoices = http
        .get("/api/v1/billing/invoices/?status=pending")
        .bearer(&token)
        .send()
        .expect_status(200);
    assert_eq!(invoices.json["count"], 1, "{}", invoices.text);
    for line in stack.api_lines() {
        assert!(!line.contains("sk_test_wrong"), "{line}");
    }
}
