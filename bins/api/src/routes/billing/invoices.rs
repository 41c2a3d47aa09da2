//! `/api/v1/billing/credit-packages/`, `invoices/`, `payments/`.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use billing::invoices::{INVOICE_ORDERING, InvoiceFilter, InvoiceOrder};
use billing::model::{InvoiceStatus, InvoiceType, PaymentStatus};
use billing::payments::{ManualPayment, PaymentFilter};
use kernel::{CreditPackageId, FieldErrors, InvoiceId, Order};
use serde::Deserialize;

crate::list_params!(PackageList, vec![]);

/// Credit packages on sale.
#[utoipa::path(tag = "billing", security(("bearer" = [])), params(PackageList), responses((status = 200, body = [CreditPackageDto])))]
#[get("/credit-packages/")]
pub async fn packages(
    req: HttpRequest,
    state: web::Data<AppState>,
    _auth: Auth,
    lp: ListParams,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(None)?;
    let list = db(&state, |c, _| Ok(billing::packages::list_packages(c)?)).await?;
    Ok(envelope::list(
        &req,
        kernel::Page::slice(list, lp.page()).map(CreditPackageDto::from),
    ))
}

/// Buys a package (admin+): answers the invoice and how to pay it. Credits go to the bonus pool
/// once the payment is approved.
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses(
    (status = 201, body = PurchaseDto), (status = 403, description = "permission_denied"), (status = 404)))]
#[post("/credit-packages/{id}/purchase/")]
pub async fn purchase(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = CreditPackageId(id.into_inner());
    let p = db(&state, move |c, st| {
        Ok(billing::packages::purchase_package(
            c,
            &scope,
            id,
            st.clock.now(),
        )?)
    })
    .await?;
    let next_action = payment_action(&state, p.invoice.clone()).await?;
    Ok(envelope::created(PurchaseDto {
        invoice: p.invoice.into(),
        next_action: next_action.into(),
    }))
}

/// How the buyer pays an open invoice: at the card gateway's checkout when one is configured
/// (the session is opened once per invoice and recorded), by transfer otherwise. A gateway
/// that does not answer is 503 with the invoice left open.
pub(crate) async fn payment_action(
    state: &web::Data<AppState>,
    invoice: billing::model::Invoice,
) -> ApiResult<billing::packages::NextAction> {
    let Some(stripe) = state.stripe.clone() else {
        return Ok(billing::packages::next_action(&invoice));
    };
    db(state, move |c, st| {
        let client = billing::gateway::StripeClient::new(&stripe)?;
        let opened = billing::gateway::checkout_for_invoice(
            c,
            &client,
            invoice.account_id,
            &invoice,
            &st.auth.public_url,
            st.clock.now(),
        )?;
        Ok(billing::packages::NextAction::Checkout { url: opened.url })
    })
    .await
}

/// Opens (or reopens) the card checkout of an open invoice of the account (admin+): answers
/// `{"type": "checkout", "url"}`. Without a card gateway: the transfer instructions. A paid
/// invoice is 409, a void one 422; a gateway that does not answer is 503.
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses(
    (status = 200, body = NextActionDto), (status = 404),
    (status = 409, description = "conflict: the invoice is paid"),
    (status = 422, description = "invalid_state: the invoice cannot be paid"),
    (status = 503, description = "unavailable: the card gateway did not answer")))]
#[post("/invoices/{id}/checkout/")]
pub async fn checkout(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    scope.require(kernel::Role::Admin).map_err(ApiError::from)?;
    let id = InvoiceId(id.into_inner());
    let inv = db(&state, move |c, _| {
        Ok(billing::invoices::get_invoice(c, &scope, id)?)
    })
    .await?;
    match inv.status.as_str() {
        "pending" => {}
        "paid" => return Err(billing::Error::InvoiceAlreadyPaid.into()),
        other => {
            return Err(billing::Error::InvoiceNotPayable {
                status: other.to_owned(),
            }
            .into());
        }
    }
    let action = payment_action(&state, inv).await?;
    Ok(envelope::ok(NextActionDto::from(action)))
}

/// Invoice filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceQuery {
    /// draft, pending, paid, void, uncollectible
    #[param(schema_with = invoice_status_filter)]
    pub status: Option<String>,
    /// subscription, credit_package, addon, custom
    #[param(schema_with = invoice_type_filter)]
    pub invoice_type: Option<String>,
}

crate::list_params!(
    InvoiceList,
    crate::contract::ordering_values(INVOICE_ORDERING),
    search
);

/// The account's invoices, newest first. Ordering: `issued_at`, `total_cents`; search: number.
#[utoipa::path(tag = "billing", security(("bearer" = [])), params(InvoiceQuery, InvoiceList), responses((status = 200, body = [InvoiceDto]), (status = 400)))]
#[get("/invoices/")]
pub async fn list_invoices(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<InvoiceQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(
        INVOICE_ORDERING,
        Order {
            field: InvoiceOrder::IssuedAt,
            descending: true,
        },
    )?;
    let q = q.0;
    let mut e = FieldErrors::new();
    let status = parse_opt(&mut e, "status", q.status.as_deref(), InvoiceStatus::parse);
    let invoice_type = parse_opt(
        &mut e,
        "invoice_type",
        q.invoice_type.as_deref(),
        InvoiceType::parse,
    );
    e.into_result().map_err(ApiError::Validation)?;
    let f = InvoiceFilter {
        status,
        invoice_type,
        search: lp.search.clone(),
    };
    let scope = auth.scope;
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(billing::invoices::list_invoices(
            c, &scope, &f, order, page,
        )?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(InvoiceDto::from)))
}

fn invoice_status_filter() -> utoipa::openapi::Schema {
    crate::contract::blank_or(InvoiceStatus::ALL.iter().map(|v| v.as_str()))
}

fn invoice_type_filter() -> utoipa::openapi::Schema {
    crate::contract::blank_or(InvoiceType::ALL.iter().map(|v| v.as_str()))
}

fn payment_status_filter() -> utoipa::openapi::Schema {
    crate::contract::blank_or(PaymentStatus::ALL.iter().map(|v| v.as_str()))
}

/// Parses an optional vocabulary value, recording an unknown one as a field error.
pub fn parse_opt<T>(
    e: &mut FieldErrors,
    field: &str,
    v: Option<&str>,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let v = v.map(str::trim).filter(|s| !s.is_empty())?;
    let parsed = parse(v);
    if parsed.is_none() {
        e.add(field, format!("Unknown value '{v}'."));
    }
    parsed
}

/// One invoice.
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses((status = 200, body = InvoiceDto), (status = 404)))]
#[get("/invoices/{id}/")]
pub async fn get_invoice(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = InvoiceId(id.into_inner());
    let i = db(&state, move |c, _| {
        Ok(billing::invoices::get_invoice(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(InvoiceDto::from(i)))
}

/// The invoice as a PDF (`application/pdf`, an attachment named after the invoice number).
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses(
    (status = 200, description = "the PDF", content_type = "application/pdf"), (status = 404)))]
#[get("/invoices/{id}/download_pdf/")]
pub async fn download_pdf(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = InvoiceId(id.into_inner());
    let (inv, bytes) = db(&state, move |c, _| {
        Ok(billing::invoices::invoice_pdf(c, &scope, id)?)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.pdf\"", inv.invoice_number),
        ))
        .body(bytes))
}

/// Payment filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentQuery {
    /// pending_approval, succeeded, failed, refunded, cancelled
    #[param(schema_with = payment_status_filter)]
    pub status: Option<String>,
    /// Only payments of this invoice.
    pub invoice_id: Option<i64>,
}

impl PaymentQuery {
    /// The service filter, or field errors.
    pub fn filter(self) -> Result<PaymentFilter, ApiError> {
        let mut e = FieldErrors::new();
        let status = parse_opt(
            &mut e,
            "status",
            self.status.as_deref(),
            PaymentStatus::parse,
        );
        e.into_result().map_err(ApiError::Validation)?;
        Ok(PaymentFilter {
            status,
            invoice_id: self.invoice_id.map(InvoiceId),
        })
    }
}

crate::list_params!(PaymentList, vec!["-created_at".to_owned()]);

/// The account's payments, newest first.
#[utoipa::path(tag = "billing", security(("bearer" = [])), params(PaymentQuery, PaymentList), responses((status = 200, body = [PaymentDto]), (status = 400)))]
#[get("/payments/")]
pub async fn list_payments(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<PaymentQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("-created_at"))?;
    let f = q.0.filter()?;
    let scope = auth.scope;
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(billing::payments::list_payments(c, &scope, &f, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(PaymentDto::from)))
}

/// Reports a manual payment of a pending invoice (admin+); it waits for staff approval.
#[utoipa::path(tag = "billing", security(("bearer" = [])), request_body = ManualPaymentBody, responses(
    (status = 201, body = PaymentDto), (status = 400, description = "validation_failed"), (status = 403, description = "permission_denied"),
    (status = 404), (status = 409, description = "conflict: the invoice is paid, or a payment awaits approval"),
    (status = 422, description = "invalid_state: the invoice is void")))]
#[post("/payments/manual/")]
pub async fn manual_payment(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<ManualPaymentBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let input = ManualPayment {
        invoice_id: b.invoice_id,
        payment_method: b.payment_method,
        transaction_reference: b.transaction_reference,
    };
    let p = db(&state, move |c, st| {
        Ok(billing::payments::submit_manual_payment(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(PaymentDto::from(p)))
}
