//! Staff-only routes under `/api/v1/admin/`: the payment review queue and credit adjustments.
//! Registered with full paths (no `/api/v1/admin` scope), so other domains can add admin routes
//! without one scope swallowing the other's paths.

use super::dto::*;
use super::invoices::PaymentQuery;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use kernel::{AccountId, PaymentId};

crate::list_params!(AdminPaymentList, vec!["created_at".to_owned()]);

/// Payments of every account, oldest first (staff). Filter `status=pending_approval` for the
/// review queue.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(PaymentQuery, AdminPaymentList), responses(
    (status = 200, body = [AdminPaymentDto]), (status = 403, description = "permission_denied: staff only")))]
#[get("/api/v1/admin/payments/")]
pub async fn list_payments(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<PaymentQuery>,
) -> ApiResult<HttpResponse> {
    let f = q.0.filter()?;
    let scope = auth.scope;
    lp.fixed_order(Some("created_at"))?;
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(billing::payments::admin_list_payments(c, &scope, &f, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(AdminPaymentDto::from)))
}

/// Approves a payment (staff): the invoice is paid and its effect applied once.
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses(
    (status = 200, body = ApprovedDto), (status = 403, description = "permission_denied: staff only"), (status = 404),
    (status = 409, description = "conflict: the invoice is already paid"),
    (status = 422, description = "invalid_state: the payment is not pending approval, or the invoice is void")))]
#[post("/api/v1/admin/payments/{id}/approve/")]
pub async fn approve(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = PaymentId(id.into_inner());
    let (p, i) = db(&state, move |c, st| {
        Ok(billing::payments::approve_payment(
            c,
            &scope,
            id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(ApprovedDto {
        payment: p.into(),
        invoice: i.into(),
    }))
}

/// Rejects a payment with a reason (staff); the invoice stays open.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = RejectBody, responses(
    (status = 200, body = AdminPaymentDto), (status = 400), (status = 403, description = "permission_denied: staff only"), (status = 404),
    (status = 422, description = "invalid_state: the payment is not pending approval")))]
#[post("/api/v1/admin/payments/{id}/reject/")]
pub async fn reject(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<RejectBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = PaymentId(id.into_inner());
    let reason = body.0.reason;
    let p = db(&state, move |c, st| {
        Ok(billing::payments::reject_payment(
            c,
            &scope,
            id,
            &reason,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(AdminPaymentDto::from(p)))
}

/// Adds (bonus pool) or removes (plan pool first) credits of an account (staff), recorded as an
/// `adjustment` in its ledger.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = AdjustCreditsBody, responses(
    (status = 200, body = AdjustedDto), (status = 400), (status = 402, description = "insufficient_credits for a negative amount"),
    (status = 403, description = "permission_denied: staff only"), (status = 404)))]
#[post("/api/v1/admin/accounts/{id}/adjust_credits/")]
pub async fn adjust_credits(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<AdjustCreditsBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let account = AccountId(id.into_inner());
    let b = body.0;
    let key = b
        .idempotency_key
        .unwrap_or_else(|| format!("adjust:{}", uuid::Uuid::new_v4()));
    let (posted, bal) = db(&state, move |c, st| {
        Ok(billing::credits::adjust_credits(
            c,
            &scope,
            account,
            b.amount,
            &b.reason,
            &key,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(AdjustedDto {
        transactions: posted
            .transactions
            .into_iter()
            .map(TransactionDto::from)
            .collect(),
        plan_credits: bal.plan_credits,
        bonus_credits: bal.bonus_credits,
        total: bal.total(),
    }))
}
