//! `/api/v1/billing/plans/`, `subscription/`, `subscription/change_plan/`, `subscription/cancel/`.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, Auth, ListParams};
use crate::routes::tenancy::dto::PlanDto;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

crate::list_params!(PlanList, vec![]);

/// Plans on offer, in display order.
#[utoipa::path(tag = "billing", security(("bearer" = [])), params(PlanList), responses((status = 200, body = [PlanDto])))]
#[get("/plans/")]
pub async fn plans(
    req: HttpRequest,
    state: web::Data<AppState>,
    _auth: Auth,
    lp: ListParams,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(None)?;
    let list = db(&state, |c, _| Ok(tenancy::reference::list_plans(c)?)).await?;
    Ok(envelope::list(
        &req,
        kernel::Page::slice(list, lp.page()).map(PlanDto::from),
    ))
}

/// The account's subscription.
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses((status = 200, body = SubscriptionDto), (status = 404, description = "no subscription")))]
#[get("/subscription/")]
pub async fn get_subscription(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let (s, p) = db(&state, move |c, _| {
        Ok(billing::subscriptions::get_subscription(c, &scope)?)
    })
    .await?;
    Ok(envelope::ok(SubscriptionDto::new(s, p)))
}

/// Moves to another plan or cycle (admin+). A free plan applies at once; a paid plan answers an
/// invoice and applies when it is paid.
#[utoipa::path(tag = "billing", security(("bearer" = [])), request_body = ChangePlanBody, responses(
    (status = 200, body = PlanChangeDto), (status = 404, description = "not_found: unknown plan (errors.plan_slug)"),
    (status = 409, description = "conflict: already on this plan and cycle"),
    (status = 403, description = "permission_denied")))]
#[post("/subscription/change_plan/")]
pub async fn change_plan(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<ChangePlanBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let ch = db(&state, move |c, st| {
        Ok(billing::subscriptions::change_plan(
            c,
            &scope,
            &b.plan_slug,
            b.billing_cycle,
            st.clock.now(),
        )?)
    })
    .await?;
    let next_action = match &ch.invoice {
        Some(i) => Some(
            super::invoices::payment_action(&state, i.clone())
                .await?
                .into(),
        ),
        None => None,
    };
    Ok(envelope::ok(PlanChangeDto {
        subscription: SubscriptionDto::new(ch.subscription, ch.plan),
        invoice: ch.invoice.map(InvoiceDto::from),
        next_action,
    }))
}

/// Cancels (admin+): no renewal; the subscription ends at its period end (at once when nothing
/// is paid for the current period).
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses(
    (status = 200, body = SubscriptionDto), (status = 403, description = "permission_denied"),
    (status = 422, description = "invalid_state: already cancelled or ended")))]
#[post("/subscription/cancel/")]
pub async fn cancel(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let (s, p) = db(&state, move |c, st| {
        billing::subscriptions::cancel(c, &scope, st.clock.now())?;
        Ok(billing::subscriptions::get_subscription(c, &scope)?)
    })
    .await?;
    Ok(envelope::ok(SubscriptionDto::new(s, p)))
}
