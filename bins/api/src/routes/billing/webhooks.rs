//! `/api/v1/billing/webhooks/stripe/`: card gateway events.

use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use billing::gateway::EventOutcome;
use serde::Serialize;

/// What the webhook did with an event.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WebhookAckDto {
    /// Always true: the event is stored (or was already).
    pub received: bool,
    /// `invoice_paid`, `duplicate` (seen before: nothing changed), `ignored`, `unknown_session`,
    /// `not_paid`, `amount_mismatch`, `invoice_already_paid`, `invoice_not_payable`.
    pub outcome: String,
}

/// Stripe's webhook. Unauthenticated: the `Stripe-Signature` header (`t=<unix
/// time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the webhook secret>`) must match and be
/// at most 5 minutes old, else 400 `invalid_signature` and nothing changes. Every event is
/// stored once by its id; a redelivery answers `duplicate`. `checkout.session.completed` pays
/// the session's invoice (credits, plan, receipt) exactly once.
#[utoipa::path(tag = "billing",
    params(("Stripe-Signature" = String, Header, description = "t=<unix time>,v1=<signature>")),
    request_body(content = Object, content_type = "application/json", description = "A Stripe event, as Stripe sends it"),
    responses((status = 200, body = WebhookAckDto), (status = 400, description = "invalid_signature; validation_failed (not an event)")))]
#[post("/webhooks/stripe/")]
pub async fn stripe(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let secret = state
        .stripe
        .as_ref()
        .map(|s| s.webhook_secret.clone())
        .unwrap_or_default();
    let header = req
        .headers()
        .get("Stripe-Signature")
        .and_then(|v| v.to_str().ok());
    billing::gateway::verify_stripe_signature(header, &body, &secret, state.clock.now())
        .map_err(|e| ApiError::from(billing::Error::WebhookSignature(e)))?;
    let body = body.to_vec();
    let outcome = db(&state, move |c, st| {
        Ok(billing::gateway::handle_stripe_event(
            c,
            &body,
            st.clock.now(),
        )?)
    })
    .await?;
    let outcome = match outcome {
        EventOutcome::Duplicate => "duplicate",
        EventOutcome::InvoicePaid { .. } => "invoice_paid",
        EventOutcome::Recorded { outcome } => outcome,
    };
    Ok(envelope::ok(WebhookAckDto {
        received: true,
        outcome: outcome.to_owned(),
    }))
}
