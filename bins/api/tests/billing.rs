//! HTTP tests of the billing routes (`/api/v1/billing/`, `/api/v1/admin/`): every route, another
//! tenant (404), a viewer (403 on mutations), staff-only admin routes, and plan limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Utc;
use common::*;
use kernel::Role;
use serde_json::{Value, json};

const B: &str = "/api/v1/billing";

/// A staff user's access token.
async fn staff_token<S, Bd>(app: &S, db: &TestDb) -> String
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<Bd>,
            Error = actix_web::Error,
        >,
    Bd: actix_web::body::MessageBody,
{
    tenancy::auth::create_staff(
        &mut db.conn(),
        "ops@staff.example.com",
        "Staff-Secret-Pass-1",
    )
    .unwrap();
    let r = post("/api/v1/auth/login/")
        .json(&json!({"email": "ops@staff.example.com", "password": "Staff-Secret-Pass-1"}))
        .send(app)
        .await;
    assert_eq!(r.status, 200, "{:?}", r.json());
    r.data()["access"].as_str().unwrap().to_owned()
}

/// Gives the fixture tenants what sign-up gives a growth account in billing (a pending
/// subscription with its open invoice); returns A's and B's open invoice ids.
fn bill_fixtures(ctx: &Ctx) -> (i64, i64) {
    let mut c = ctx.db.conn();
    let mut open = |t: &TenantFixture| {
        let (account, plan) = tenancy::accounts::get_account(&mut c, &t.scope()).unwrap();
        billing::on_signup(&mut c, &account, &plan, Utc::now())
            .unwrap()
            .invoice
            .unwrap()
            .id
            .get()
    };
    (open(&ctx.a), open(&ctx.b))
}

#[actix_web::test]
async fn signup_gives_a_free_account_its_credits_and_a_paid_one_an_open_invoice() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let r = post("/api/v1/auth/register/")
        .json(&json!({"email": "fresh@example.com", "password": "Fresh-Secret-Pass-1"}))
        .send(&app)
        .await;
    assert_eq!(r.status, 201, "{:?}", r.json());
    let tok = r.data()["access"].as_str().unwrap().to_owned();
    let bal = get(&format!("{B}/credits/balance/"))
        .bearer(&tok)
        .send(&app)
        .await;
    assert_eq!(bal.status, 200);
    assert_eq!(bal.data()["plan_credits"], 100);
    assert_eq!(bal.data()["bonus_credits"], 0);
    assert_eq!(bal.data()["total"], 100);
    assert_eq!(bal.data()["plan_credits_per_month"], 100);
    assert!(bal.data()["period_end"].is_string());
    let sub = get(&format!("{B}/subscription/"))
        .bearer(&tok)
        .send(&app)
        .await;
    assert_eq!(
        (
            sub.data()["status"].as_str(),
            sub.data()["plan"]["slug"].as_str()
        ),
        (Some("active"), Some("free"))
    );
    let tx = get(&format!("{B}/transactions/"))
        .bearer(&tok)
        .send(&app)
        .await;
    assert_eq!(tx.json()["count"], 1);
    assert_eq!(tx.json()["results"][0]["kind"], "plan_reset");
    assert_eq!(tx.json()["results"][0]["amount"], 100);

    let r = post("/api/v1/auth/register/").json(&json!({"email": "payer@example.com", "password": "Payer-Secret-Pass-1", "plan_slug": "starter"})).send(&app).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.data()["account"]["status"], "pending_payment");
    let tok = r.data()["access"].as_str().unwrap().to_owned();
    let sub = get(&format!("{B}/subscription/"))
        .bearer(&tok)
        .send(&app)
        .await;
    assert_eq!(sub.data()["status"], "pending");
    let inv_id = sub.data()["open_invoice_id"].as_i64().unwrap();
    let invs = get(&format!("{B}/invoices/")).bearer(&tok).send(&app).await;
    assert_eq!(invs.json()["count"], 1);
    let inv = &invs.json()["results"][0];
    assert_eq!(
        (
            inv["id"].as_i64(),
            inv["status"].as_str(),
            inv["invoice_type"].as_str(),
            inv["total_cents"].as_i64()
        ),
        (
            Some(inv_id),
            Some("pending"),
            Some("subscription"),
            Some(10000)
        )
    );
    assert!(
        inv["invoice_number"]
            .as_str()
            .unwrap()
            .starts_with(&format!("INV-{}-", r.data()["account"]["id"]))
    );
    assert_eq!(inv["line_items"][0]["amount_cents"], 10000);
    assert_eq!(
        get(&format!("{B}/credits/balance/"))
            .bearer(&tok)
            .send(&app)
            .await
            .data()["total"],
        0
    );
    // a pending_payment account may use billing but no other write
    let pay = post(&format!("{B}/payments/manual/")).bearer(&tok).json(&json!({"invoice_id": inv_id, "payment_method": "bank_transfer", "transaction_reference": "TRX-1"})).send(&app).await;
    assert_eq!(pay.status, 201, "{:?}", pay.json());
    assert_eq!(pay.data()["status"], "pending_approval");
    let site = post("/api/v1/auth/sites/")
        .bearer(&tok)
        .json(&json!({"name": "blocked"}))
        .send(&app)
        .await;
    assert_eq!(
        (site.status.as_u16(), site.code()),
        (403, "account_inactive".into())
    );

    // staff approve: the account, subscription and plan credits come alive
    let staff = staff_token(&app, &ctx.db).await;
    let ok = post(&format!(
        "/api/v1/admin/payments/{}/approve/",
        pay.data()["id"]
    ))
    .bearer(&staff)
    .send(&app)
    .await;
    assert_eq!(ok.status, 200, "{:?}", ok.json());
    assert_eq!(ok.data()["invoice"]["status"], "paid");
    assert_eq!(ok.data()["payment"]["status"], "succeeded");
    assert_eq!(
        get(&format!("{B}/subscription/"))
            .bearer(&tok)
            .send(&app)
            .await
            .data()["status"],
        "active"
    );
    assert_eq!(
        get(&format!("{B}/credits/balance/"))
            .bearer(&tok)
            .send(&app)
            .await
            .data()["plan_credits"],
        1000
    );
    assert_eq!(
        get("/api/v1/auth/account/")
            .bearer(&tok)
            .send(&app)
            .await
            .data()["status"],
        "active"
    );
    let site = post("/api/v1/auth/sites/")
        .bearer(&tok)
        .json(&json!({"name": "now allowed"}))
        .send(&app)
        .await;
    assert_eq!(site.status, 201);
}

#[actix_web::test]
async fn buying_credits_end_to_end() {
    let ctx = ctx();
    bill_fixtures(&ctx);
    let app = app(&ctx.state).await;
    let a = &ctx.a.access;
    let pk = get(&format!("{B}/credit-packages/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(pk.status, 200);
    let packages = pk.json()["results"].clone();
    assert_eq!(packages.as_array().unwrap().len(), 3);
    assert_eq!(
        (
            packages[0]["credits"].as_i64(),
            packages[0]["price_cents"].as_i64(),
            packages[0]["currency"].as_str()
        ),
        (Some(500), Some(5000), Some("USD"))
    );
    let buy = post(&format!(
        "{B}/credit-packages/{}/purchase/",
        packages[0]["id"]
    ))
    .bearer(a)
    .send(&app)
    .await;
    assert_eq!(buy.status, 201, "{:?}", buy.json());
    let inv = buy.data()["invoice"].clone();
    assert_eq!(
        (
            inv["invoice_type"].as_str(),
            inv["status"].as_str(),
            inv["total_cents"].as_i64()
        ),
        (Some("credit_package"), Some("pending"), Some(5000))
    );
    assert_eq!(buy.data()["next_action"]["type"], "manual_payment");
    assert!(
        buy.data()["next_action"]["instructions"]
            .as_str()
            .unwrap()
            .contains(inv["invoice_number"].as_str().unwrap())
    );
    let unknown = post(&format!("{B}/credit-packages/999999/purchase/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(
        (unknown.status.as_u16(), unknown.code()),
        (404, "not_found".into())
    );

    let body = json!({"invoice_id": inv["id"], "payment_method": "local_wallet", "transaction_reference": "WALLET-77"});
    let pay = post(&format!("{B}/payments/manual/"))
        .bearer(a)
        .json(&body)
        .send(&app)
        .await;
    assert_eq!(pay.status, 201);
    let again = post(&format!("{B}/payments/manual/"))
        .bearer(a)
        .json(&body)
        .send(&app)
        .await;
    assert_eq!(
        (again.status.as_u16(), again.code()),
        (409, "conflict".into())
    );
    let bad = post(&format!("{B}/payments/manual/")).bearer(a).json(&json!({"invoice_id": inv["id"], "payment_method": "stripe", "transaction_reference": "x"})).send(&app).await;
    assert_eq!(
        (bad.status.as_u16(), bad.code()),
        (400, "validation_failed".into())
    );
    assert!(bad.json()["errors"]["payment_method"].is_array());
    let bad = post(&format!("{B}/payments/manual/")).bearer(a).json(&json!({"invoice_id": inv["id"], "payment_method": "cash", "transaction_reference": "x"})).send(&app).await;
    assert_eq!(bad.status, 400);
    let mine = get(&format!("{B}/payments/?status=pending_approval"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(mine.result_ids(), vec![pay.data()["id"].as_i64().unwrap()]);
    assert_eq!(
        get(&format!("{B}/payments/?status=bogus"))
            .bearer(a)
            .send(&app)
            .await
            .status,
        400
    );

    let staff = staff_token(&app, &ctx.db).await;
    let queue = get("/api/v1/admin/payments/?status=pending_approval")
        .bearer(&staff)
        .send(&app)
        .await;
    assert_eq!(queue.status, 200);
    let row = queue.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pay.data()["id"])
        .cloned()
        .unwrap();
    assert_eq!(row["account_id"].as_i64(), Some(ctx.a.account_id.get()));
    assert_eq!(row["transaction_reference"], "WALLET-77");
    let ok = post(&format!(
        "/api/v1/admin/payments/{}/approve/",
        pay.data()["id"]
    ))
    .bearer(&staff)
    .send(&app)
    .await;
    assert_eq!(ok.status, 200);
    let twice = post(&format!(
        "/api/v1/admin/payments/{}/approve/",
        pay.data()["id"]
    ))
    .bearer(&staff)
    .send(&app)
    .await;
    assert_eq!(
        (twice.status.as_u16(), twice.code()),
        (422, "invalid_state".into())
    );
    let bal = get(&format!("{B}/credits/balance/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(bal.data()["bonus_credits"], 500);
    let paid = post(&format!("{B}/payments/manual/"))
        .bearer(a)
        .json(&body)
        .send(&app)
        .await;
    assert_eq!(
        (paid.status.as_u16(), paid.code()),
        (409, "conflict".into()),
        "a paid invoice refuses new payments"
    );
    let tx = get(&format!("{B}/transactions/?kind=purchase"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(tx.json()["count"], 1);
    assert_eq!(
        (
            tx.json()["results"][0]["pool"].as_str(),
            tx.json()["results"][0]["amount"].as_i64()
        ),
        (Some("bonus"), Some(500))
    );
    let paid_list = get(&format!(
        "{B}/invoices/?status=paid&invoice_type=credit_package"
    ))
    .bearer(a)
    .send(&app)
    .await;
    assert_eq!(paid_list.result_ids(), vec![inv["id"].as_i64().unwrap()]);
    let one = get(&format!("{B}/invoices/{}/", inv["id"]))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(one.data()["status"], "paid");
    assert!(one.data()["paid_at"].is_string());
}

#[actix_web::test]
async fn another_tenant_gets_404_and_sees_none_of_its_rows() {
    let ctx = ctx();
    let (a_inv, _) = bill_fixtures(&ctx);
    let app = app(&ctx.state).await;
    let (a, b) = (&ctx.a.access, &ctx.b.access);
    let pay = post(&format!("{B}/payments/manual/")).bearer(a).json(&json!({"invoice_id": a_inv, "payment_method": "bank_transfer", "transaction_reference": "A-1"})).send(&app).await;
    assert_eq!(pay.status, 201);
    for path in [
        format!("{B}/invoices/{a_inv}/"),
        format!("{B}/invoices/{a_inv}/download_pdf/"),
    ] {
        let r = get(&path).bearer(b).send(&app).await;
        assert_eq!(
            (r.status.as_u16(), r.code()),
            (404, "not_found".into()),
            "{path}"
        );
    }
    let r = post(&format!("{B}/payments/manual/")).bearer(b).json(&json!({"invoice_id": a_inv, "payment_method": "bank_transfer", "transaction_reference": "B-steals"})).send(&app).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "not_found".into()));
    let a_ids = get(&format!("{B}/invoices/"))
        .bearer(a)
        .send(&app)
        .await
        .result_ids();
    let b_ids = get(&format!("{B}/invoices/"))
        .bearer(b)
        .send(&app)
        .await
        .result_ids();
    assert_eq!(a_ids, vec![a_inv]);
    assert!(b_ids.iter().all(|id| !a_ids.contains(id)) && b_ids.len() == 1);
    assert_eq!(
        get(&format!("{B}/payments/"))
            .bearer(b)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    assert_eq!(
        get(&format!("{B}/payments/"))
            .bearer(a)
            .send(&app)
            .await
            .json()["count"],
        1
    );
    // B's ledger and usage do not show A's charges
    billing::credits::grant(
        &mut ctx.db.conn(),
        &ctx.a.scope(),
        &billing::credits::GrantRequest {
            pool: billing::model::Pool::Bonus,
            amount: 50,
            idempotency_key: "g",
            reference: "",
            description: "",
        },
        Utc::now(),
    )
    .unwrap();
    billing::credits::charge(
        &mut ctx.db.conn(),
        &ctx.a.scope(),
        &billing::credits::ChargeRequest {
            operation: "content",
            amount: 5,
            idempotency_key: "c",
            reference: "",
            description: "",
            usage: Default::default(),
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        get(&format!("{B}/transactions/"))
            .bearer(a)
            .send(&app)
            .await
            .json()["count"],
        2
    );
    assert_eq!(
        get(&format!("{B}/transactions/"))
            .bearer(b)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    assert_eq!(
        get(&format!("{B}/credits/usage/"))
            .bearer(a)
            .send(&app)
            .await
            .json()["count"],
        1
    );
    assert_eq!(
        get(&format!("{B}/credits/usage/"))
            .bearer(b)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    assert_eq!(
        get(&format!("{B}/credits/balance/"))
            .bearer(b)
            .send(&app)
            .await
            .data()["total"],
        0
    );
    // the subscription of each is its own
    let sa = get(&format!("{B}/subscription/"))
        .bearer(a)
        .send(&app)
        .await
        .data();
    let sb = get(&format!("{B}/subscription/"))
        .bearer(b)
        .send(&app)
        .await
        .data();
    assert_ne!(sa["id"], sb["id"]);
}

#[actix_web::test]
async fn a_viewer_reads_billing_but_may_not_change_it() {
    let ctx = ctx();
    let (a_inv, _) = bill_fixtures(&ctx);
    let (_, viewer) = ctx.a.add_member(&mut ctx.db.conn(), "vera", Role::Viewer);
    let (_, editor) = ctx.a.add_member(&mut ctx.db.conn(), "eddie", Role::Editor);
    let app = app(&ctx.state).await;
    for path in [
        "/credits/balance/",
        "/credits/usage/",
        "/credits/limits/",
        "/transactions/",
        "/plans/",
        "/subscription/",
        "/credit-packages/",
        "/invoices/",
        "/payments/",
    ] {
        let r = get(&format!("{B}{path}")).bearer(&viewer).send(&app).await;
        assert_eq!(r.status, 200, "{path}: {:?}", r.json());
    }
    assert_eq!(
        get(&format!("{B}/invoices/{a_inv}/"))
            .bearer(&viewer)
            .send(&app)
            .await
            .status,
        200
    );
    assert_eq!(
        get(&format!("{B}/invoices/{a_inv}/download_pdf/"))
            .bearer(&viewer)
            .send(&app)
            .await
            .status,
        200
    );
    let pkg = get(&format!("{B}/credit-packages/"))
        .bearer(&viewer)
        .send(&app)
        .await
        .json()["results"][0]["id"]
        .clone();
    let mutations: Vec<(String, Value)> = vec![
        (
            format!("{B}/subscription/change_plan/"),
            json!({"plan_slug": "scale"}),
        ),
        (format!("{B}/subscription/cancel/"), json!({})),
        (format!("{B}/credit-packages/{pkg}/purchase/"), json!({})),
        (
            format!("{B}/payments/manual/"),
            json!({"invoice_id": a_inv, "payment_method": "bank_transfer", "transaction_reference": "V-1"}),
        ),
    ];
    for tok in [&viewer, &editor] {
        for (path, body) in &mutations {
            let r = post(path).bearer(tok).json(body).send(&app).await;
            assert_eq!(
                (r.status.as_u16(), r.code()),
                (403, "permission_denied".into()),
                "{path}"
            );
        }
    }
    // nothing changed
    assert_eq!(
        get(&format!("{B}/payments/"))
            .bearer(&ctx.a.access)
            .send(&app)
            .await
            .json()["count"],
        0
    );
    assert_eq!(
        get(&format!("{B}/subscription/"))
            .bearer(&ctx.a.access)
            .send(&app)
            .await
            .data()["auto_renew"],
        true
    );
}

#[actix_web::test]
async fn admin_routes_are_for_staff_only() {
    let ctx = ctx();
    let (a_inv, _) = bill_fixtures(&ctx);
    let app = app(&ctx.state).await;
    let owner = &ctx.a.access;
    let pay = post(&format!("{B}/payments/manual/")).bearer(owner).json(&json!({"invoice_id": a_inv, "payment_method": "manual", "transaction_reference": "M-1"})).send(&app).await;
    let pid = pay.data()["id"].as_i64().unwrap();
    let acct = ctx.a.account_id.get();
    let routes: Vec<(bool, String, Value)> = vec![
        (false, "/api/v1/admin/payments/".into(), Value::Null),
        (
            true,
            format!("/api/v1/admin/payments/{pid}/approve/"),
            json!({}),
        ),
        (
            true,
            format!("/api/v1/admin/payments/{pid}/reject/"),
            json!({"reason": "no"}),
        ),
        (
            true,
            format!("/api/v1/admin/accounts/{acct}/adjust_credits/"),
            json!({"amount": 5, "reason": "gift"}),
        ),
    ];
    let (_, viewer) = ctx.a.add_member(&mut ctx.db.conn(), "vic", Role::Viewer);
    for (is_post, path, body) in &routes {
        for tok in [owner, &viewer] {
            let r = if *is_post {
                post(path).bearer(tok).json(body).send(&app).await
            } else {
                get(path).bearer(tok).send(&app).await
            };
            assert_eq!(
                (r.status.as_u16(), r.code()),
                (403, "permission_denied".into()),
                "{path}"
            );
        }
        let r = if *is_post {
            post(path).json(body).send(&app).await
        } else {
            get(path).send(&app).await
        };
        assert_eq!(r.status, 401, "{path}");
    }
    let staff = staff_token(&app, &ctx.db).await;
    let r = post(&format!("/api/v1/admin/payments/{pid}/reject/"))
        .bearer(&staff)
        .json(&json!({"reason": ""}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code()),
        (400, "validation_failed".into())
    );
    let r = post(&format!("/api/v1/admin/payments/{pid}/reject/"))
        .bearer(&staff)
        .json(&json!({"reason": "Not on the statement"}))
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        (
            r.data()["status"].as_str(),
            r.data()["failure_reason"].as_str()
        ),
        (Some("failed"), Some("Not on the statement"))
    );
    let r = post(&format!("/api/v1/admin/payments/{pid}/approve/"))
        .bearer(&staff)
        .send(&app)
        .await;
    assert_eq!((r.status.as_u16(), r.code()), (422, "invalid_state".into()));
    assert_eq!(
        post("/api/v1/admin/payments/999999/approve/")
            .bearer(&staff)
            .send(&app)
            .await
            .status,
        404
    );
    assert_eq!(
        get("/api/v1/admin/payments/?status=failed")
            .bearer(&staff)
            .send(&app)
            .await
            .result_ids(),
        vec![pid]
    );

    let adj = |amount: i64, key: &str| json!({"amount": amount, "reason": "support ticket 12", "idempotency_key": key});
    let r = post(&format!("/api/v1/admin/accounts/{acct}/adjust_credits/"))
        .bearer(&staff)
        .json(&adj(300, "t-1"))
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{:?}", r.json());
    assert_eq!(
        (
            r.data()["bonus_credits"].as_i64(),
            r.data()["transactions"][0]["kind"].as_str()
        ),
        (Some(300), Some("adjustment"))
    );
    let r = post(&format!("/api/v1/admin/accounts/{acct}/adjust_credits/"))
        .bearer(&staff)
        .json(&adj(300, "t-1"))
        .send(&app)
        .await;
    assert_eq!(
        r.data()["bonus_credits"],
        300,
        "a retried adjustment changes nothing"
    );
    let r = post(&format!("/api/v1/admin/accounts/{acct}/adjust_credits/"))
        .bearer(&staff)
        .json(&adj(-1000, "t-2"))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code()),
        (402, "insufficient_credits".into())
    );
    assert_eq!(
        (
            r.json()["errors"]["needed"].as_i64(),
            r.json()["errors"]["available"].as_i64()
        ),
        (Some(1000), Some(300))
    );
    let r = post("/api/v1/admin/accounts/999999/adjust_credits/")
        .bearer(&staff)
        .json(&adj(5, "t-3"))
        .send(&app)
        .await;
    assert_eq!(r.status, 404);
    let r = post(&format!("/api/v1/admin/accounts/{acct}/adjust_credits/"))
        .bearer(&staff)
        .json(&json!({"amount": 0, "reason": "x"}))
        .send(&app)
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        get(&format!("{B}/credits/balance/"))
            .bearer(owner)
            .send(&app)
            .await
            .data()["bonus_credits"],
        300
    );
}

#[actix_web::test]
async fn changing_and_cancelling_the_subscription() {
    let ctx = ctx();
    bill_fixtures(&ctx);
    let app = app(&ctx.state).await;
    let a = &ctx.a.access;
    // B has a subscription too, but A has none of B's
    let ch = post(&format!("{B}/subscription/change_plan/"))
        .bearer(a)
        .json(&json!({"plan_slug": "scale", "billing_cycle": "annual"}))
        .send(&app)
        .await;
    assert_eq!(ch.status, 200, "{:?}", ch.json());
    assert_eq!(
        (
            ch.data()["invoice"]["total_cents"].as_i64(),
            ch.data()["invoice"]["billing_cycle"].as_str()
        ),
        (Some(500_000), Some("annual"))
    );
    assert_eq!(ch.data()["next_action"]["type"], "manual_payment");
    assert_eq!(
        ch.data()["subscription"]["open_invoice_id"],
        ch.data()["invoice"]["id"]
    );
    let bad = post(&format!("{B}/subscription/change_plan/"))
        .bearer(a)
        .json(&json!({"plan_slug": "gold"}))
        .send(&app)
        .await;
    // A well-formed request naming a plan that does not exist: 404, the field named.
    assert_eq!((bad.status.as_u16(), bad.code()), (404, "not_found".into()));
    assert!(
        bad.json()["errors"]["plan_slug"][0]
            .as_str()
            .unwrap()
            .contains("Unknown plan")
    );
    let bad = post(&format!("{B}/subscription/change_plan/"))
        .bearer(a)
        .json(&json!({"plan_slug": "scale", "billing_cycle": "weekly"}))
        .send(&app)
        .await;
    assert_eq!(bad.status, 400);
    let free = post(&format!("{B}/subscription/change_plan/"))
        .bearer(a)
        .json(&json!({"plan_slug": "free"}))
        .send(&app)
        .await;
    assert_eq!(free.status, 200);
    assert_eq!(
        (
            free.data()["subscription"]["status"].as_str(),
            free.data()["subscription"]["plan"]["slug"].as_str()
        ),
        (Some("active"), Some("free"))
    );
    assert!(free.data()["invoice"].is_null());
    assert_eq!(
        get(&format!("{B}/credits/balance/"))
            .bearer(a)
            .send(&app)
            .await
            .data()["plan_credits"],
        100
    );
    let c = post(&format!("{B}/subscription/cancel/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(c.status, 200);
    assert_eq!(
        (
            c.data()["auto_renew"].as_bool(),
            c.data()["status"].as_str()
        ),
        (Some(false), Some("active"))
    );
    assert!(c.data()["cancelled_at"].is_string());
    let again = post(&format!("{B}/subscription/cancel/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(
        (again.status.as_u16(), again.code()),
        (422, "invalid_state".into())
    );
    let plans = get(&format!("{B}/plans/")).bearer(a).send(&app).await;
    assert_eq!(
        plans.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>(),
        vec!["free", "starter", "growth", "scale"]
    );
}

#[actix_web::test]
async fn the_invoice_pdf_downloads_and_parses() {
    let ctx = ctx();
    let (a_inv, _) = bill_fixtures(&ctx);
    let app = app(&ctx.state).await;
    let r = get(&format!("{B}/invoices/{a_inv}/download_pdf"))
        .bearer(&ctx.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type").as_deref(), Some("application/pdf"));
    let number = get(&format!("{B}/invoices/{a_inv}/"))
        .bearer(&ctx.a.access)
        .send(&app)
        .await
        .data()["invoice_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        r.header("content-disposition"),
        Some(format!("attachment; filename=\"{number}.pdf\""))
    );
    assert!(r.header("x-request-id").is_some());
    let doc = lopdf::Document::load_mem(&r.body).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert!(
        text.contains(&number) && text.contains("USD 200.00") && text.contains("alice inc"),
        "{text}"
    );
}

#[actix_web::test]
async fn usage_and_ledger_filters() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let a = &ctx.a.access;
    let scope = ctx.a.scope();
    let mut conn = ctx.db.conn();
    billing::credits::grant(
        &mut conn,
        &scope,
        &billing::credits::GrantRequest {
            pool: billing::model::Pool::Plan,
            amount: 40,
            idempotency_key: "g1",
            reference: "promo",
            description: "Welcome bonus",
        },
        Utc::now(),
    )
    .unwrap();
    for (i, op) in ["content", "images", "content"].iter().enumerate() {
        let usage = billing::credits::UsageRecord {
            model: "gpt-5.1".into(),
            tokens_in: 100,
            tokens_out: 200,
            cost_usd_micros: 2125,
        };
        billing::credits::charge(
            &mut conn,
            &scope,
            &billing::credits::ChargeRequest {
                operation: op,
                amount: 3 + i as i64,
                idempotency_key: &format!("k{i}"),
                reference: "task:1",
                description: "AI",
                usage,
            },
            Utc::now(),
        )
        .unwrap();
    }
    let today = Utc::now().format("%Y-%m-%d").to_string();
    let r = get(&format!(
        "{B}/credits/usage/?operation_type=content&start_date={today}&end_date={today}"
    ))
    .bearer(a)
    .send(&app)
    .await;
    assert_eq!(r.json()["count"], 2);
    let row = &r.json()["results"][0];
    assert_eq!(
        (
            row["operation_type"].as_str(),
            row["credits_used"].as_i64(),
            row["model_used"].as_str(),
            row["tokens_input"].as_i64(),
            row["tokens_output"].as_i64(),
            row["cost_usd_micros"].as_i64()
        ),
        (
            Some("content"),
            Some(5),
            Some("gpt-5.1"),
            Some(100),
            Some(200),
            Some(2125)
        )
    );
    assert_eq!(
        get(&format!(
            "{B}/credits/usage/?start_date=2001-01-01&end_date=2001-01-31"
        ))
        .bearer(a)
        .send(&app)
        .await
        .json()["count"],
        0
    );
    let bad = get(&format!("{B}/credits/usage/?start_date=yesterday"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(
        (bad.status.as_u16(), bad.code()),
        (400, "validation_failed".into())
    );
    assert_eq!(
        get(&format!("{B}/credits/usage/?page_size=1"))
            .bearer(a)
            .send(&app)
            .await
            .json()["next"]
            .as_str()
            .map(|s| s.contains("page=2")),
        Some(true)
    );
    let tx = get(&format!("{B}/transactions/?ordering=amount"))
        .bearer(a)
        .send(&app)
        .await;
    let amounts: Vec<i64> = tx.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, vec![-5, -4, -3, 40]);
    assert_eq!(
        get(&format!("{B}/transactions/?search=welcome"))
            .bearer(a)
            .send(&app)
            .await
            .json()["count"],
        1
    );
    assert_eq!(
        get(&format!("{B}/transactions/?pool=plan&kind=charge"))
            .bearer(a)
            .send(&app)
            .await
            .json()["count"],
        3
    );
    for q in ["ordering=password", "kind=theft", "pool=gold"] {
        let r = get(&format!("{B}/transactions/?{q}"))
            .bearer(a)
            .send(&app)
            .await;
        assert_eq!(
            (r.status.as_u16(), r.code()),
            (400, "validation_failed".into()),
            "{q}"
        );
    }
    assert_eq!(
        get(&format!("{B}/invoices/?ordering=-nope"))
            .bearer(a)
            .send(&app)
            .await
            .status,
        400
    );
    assert_eq!(
        get(&format!("{B}/invoices/?status=lost"))
            .bearer(a)
            .send(&app)
            .await
            .status,
        400
    );
    assert_eq!(
        get(&format!("{B}/credits/balance/"))
            .send(&app)
            .await
            .status,
        401
    );
    // no subscription for an account that never went through billing's sign-up
    assert_eq!(
        get(&format!("{B}/subscription/"))
            .bearer(a)
            .send(&app)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn plan_limits_are_reported_and_enforced() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let a = &ctx.a.access;
    let l = get(&format!("{B}/credits/limits/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(l.status, 200);
    assert_eq!(
        (
            l.data()["sites"]["used"].as_i64(),
            l.data()["sites"]["limit"].as_i64()
        ),
        (Some(1), Some(5))
    );
    assert_eq!(
        (
            l.data()["users"]["used"].as_i64(),
            l.data()["users"]["limit"].as_i64()
        ),
        (Some(1), Some(3))
    );
    assert_eq!(
        (
            l.data()["keywords"]["used"].as_i64(),
            l.data()["keywords"]["limit"].as_i64()
        ),
        (Some(0), Some(2000))
    );
    // growth: 5 sites
    for i in 2..=5 {
        let r = post("/api/v1/auth/sites/")
            .bearer(a)
            .json(&json!({"name": format!("site {i}")}))
            .send(&app)
            .await;
        assert_eq!(r.status, 201, "{:?}", r.json());
    }
    let r = post("/api/v1/auth/sites/")
        .bearer(a)
        .json(&json!({"name": "site 6"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code()),
        (403, "plan_limit_reached".into())
    );
    // growth: 3 users
    for i in 2..=3 {
        let r = post("/api/v1/auth/users/").bearer(a).json(&json!({"email": format!("m{i}@example.com"), "password": "Member-Secret-Pass-1", "role": "editor"})).send(&app).await;
        assert_eq!(r.status, 201, "{:?}", r.json());
    }
    let r = post("/api/v1/auth/users/").bearer(a).json(&json!({"email": "m4@example.com", "password": "Member-Secret-Pass-1", "role": "editor"})).send(&app).await;
    assert_eq!(
        (r.status.as_u16(), r.code()),
        (403, "plan_limit_reached".into())
    );
    let l = get(&format!("{B}/credits/limits/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(
        (
            l.data()["sites"]["used"].as_i64(),
            l.data()["users"]["used"].as_i64()
        ),
        (Some(5), Some(3))
    );
    // a free account: 1 site, 1 user
    let r = post("/api/v1/auth/register/")
        .json(&json!({"email": "tiny@example.com", "password": "Tiny-Secret-Pass-1"}))
        .send(&app)
        .await;
    let t = r.data()["access"].as_str().unwrap().to_owned();
    assert_eq!(
        post("/api/v1/auth/sites/")
            .bearer(&t)
            .json(&json!({"name": "one"}))
            .send(&app)
            .await
            .status,
        201
    );
    let r = post("/api/v1/auth/sites/")
        .bearer(&t)
        .json(&json!({"name": "two"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code()),
        (403, "plan_limit_reached".into())
    );
    let r = post("/api/v1/auth/users/").bearer(&t).json(&json!({"email": "tiny2@example.com", "password": "Member-Secret-Pass-1", "role": "viewer"})).send(&app).await;
    assert_eq!(
        (r.status.as_u16(), r.code()),
        (403, "plan_limit_reached".into())
    );
}

#[test]
fn every_billing_route_is_in_the_openapi_document() {
    let doc = serde_json::to_value(api::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        ("get", "/api/v1/billing/credits/balance/"),
        ("get", "/api/v1/billing/credits/usage/"),
        ("get", "/api/v1/billing/credits/limits/"),
        ("get", "/api/v1/billing/transactions/"),
        ("get", "/api/v1/billing/plans/"),
        ("get", "/api/v1/billing/subscription/"),
        ("post", "/api/v1/billing/subscription/change_plan/"),
        ("post", "/api/v1/billing/subscription/cancel/"),
        ("get", "/api/v1/billing/credit-packages/"),
        ("post", "/api/v1/billing/credit-packages/{id}/purchase/"),
        ("get", "/api/v1/billing/invoices/"),
        ("get", "/api/v1/billing/invoices/{id}/"),
        ("get", "/api/v1/billing/invoices/{id}/download_pdf/"),
        ("get", "/api/v1/billing/payments/"),
        ("post", "/api/v1/billing/payments/manual/"),
        ("get", "/api/v1/admin/payments/"),
        ("post", "/api/v1/admin/payments/{id}/approve/"),
        ("post", "/api/v1/admin/payments/{id}/reject/"),
        ("post", "/api/v1/admin/accounts/{id}/adjust_credits/"),
    ];
    for (method, path) in expected {
        let op = &paths.get(path).unwrap_or_else(|| panic!("{path} missing"))[method];
        assert!(op.is_object(), "{method} {path}");
        let tags = op["tags"].as_array().unwrap();
        assert!(
            tags.iter().any(|t| t == "billing" || t == "admin"),
            "{method} {path} is tagged"
        );
    }
    for schema in [
        "BalanceDto",
        "InvoiceDto",
        "PurchaseDto",
        "PaymentDto",
        "SubscriptionDto",
        "LineItem",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}
