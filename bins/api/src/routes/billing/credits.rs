//! `/api/v1/billing/credits/balance/`, `credits/usage/`, `credits/limits/`, `transactions/`.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use billing::credits::{TRANSACTION_ORDERING, TransactionFilter, TransactionOrder, UsageFilter};
use billing::model::{Pool, TxKind};
use chrono::{NaiveDate, TimeZone, Utc};
use kernel::{FieldErrors, Order};
use serde::Deserialize;

/// Both credit pools, the plan's credits per period and the current period's end.
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses((status = 200, body = BalanceDto), (status = 401)))]
#[get("/credits/balance/")]
pub async fn balance(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = db(&state, move |c, _| {
        Ok(billing::credits::balance_summary(c, &scope)?)
    })
    .await?;
    Ok(envelope::ok(BalanceDto::from(b)))
}

/// Usage log filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsageQuery {
    /// Operation (`clustering`, `ideas`, `content`, `image_prompts`, `images`).
    pub operation_type: Option<String>,
    /// First day (YYYY-MM-DD, UTC, inclusive).
    #[param(schema_with = day_or_blank)]
    pub start_date: Option<String>,
    /// Last day (YYYY-MM-DD, UTC, inclusive).
    #[param(schema_with = day_or_blank)]
    pub end_date: Option<String>,
}

/// A calendar day, or blank for no bound.
fn day_or_blank() -> utoipa::openapi::Schema {
    use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::String).format(Some(
            SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date),
        )))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(0)),
        )
        .into()
}

fn parse_day(field: &str, v: Option<&str>, e: &mut FieldErrors) -> Option<NaiveDate> {
    let v = v.map(str::trim).filter(|s| !s.is_empty())?;
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            e.add(field, "Use the date format YYYY-MM-DD.");
            None
        }
    }
}

crate::list_params!(UsageList, vec!["-created_at".to_owned()]);

/// The AI usage log, newest first: operation, credits, model, tokens and cost per call.
#[utoipa::path(tag = "billing", security(("bearer" = [])), params(UsageQuery, UsageList), responses((status = 200, body = [UsageDto]), (status = 400)))]
#[get("/credits/usage/")]
pub async fn usage(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<UsageQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("-created_at"))?;
    let q = q.0;
    let mut e = FieldErrors::new();
    let from = parse_day("start_date", q.start_date.as_deref(), &mut e);
    let to = parse_day("end_date", q.end_date.as_deref(), &mut e);
    e.into_result()?;
    let day = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| Utc.from_local_datetime(&t).single())
    };
    let f = UsageFilter {
        operation: q.operation_type,
        from: from.and_then(day),
        until: to.and_then(|d| d.succ_opt()).and_then(day),
    };
    let scope = auth.scope;
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(billing::credits::list_usage(c, &scope, &f, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(UsageDto::from)))
}

/// Sites, users and keywords used against the plan's limits.
#[utoipa::path(tag = "billing", security(("bearer" = [])), responses((status = 200, body = LimitsDto)))]
#[get("/credits/limits/")]
pub async fn limits(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let l = db(&state, move |c, _| {
        Ok(billing::limits::plan_limits(c, &scope)?)
    })
    .await?;
    Ok(envelope::ok(LimitsDto::from(l)))
}

/// Ledger filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransactionQuery {
    /// grant, charge, refund, purchase, plan_reset, plan_expire, adjustment
    #[param(schema_with = kind_filter)]
    pub kind: Option<String>,
    /// plan or bonus
    #[param(schema_with = pool_filter)]
    pub pool: Option<String>,
}

fn kind_filter() -> utoipa::openapi::Schema {
    crate::contract::blank_or(TxKind::ALL.iter().map(|v| v.as_str()))
}

fn pool_filter() -> utoipa::openapi::Schema {
    crate::contract::blank_or(Pool::ALL.iter().map(|v| v.as_str()))
}

crate::list_params!(
    TransactionList,
    crate::contract::ordering_values(billing::credits::TRANSACTION_ORDERING),
    search
);

/// The credit ledger, newest first. Ordering: `created_at`, `amount`; search: description or
/// reference.
#[utoipa::path(tag = "billing", security(("bearer" = [])), params(TransactionQuery, TransactionList), responses((status = 200, body = [TransactionDto]), (status = 400)))]
#[get("/transactions/")]
pub async fn transactions(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<TransactionQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(
        TRANSACTION_ORDERING,
        Order {
            field: TransactionOrder::CreatedAt,
            descending: true,
        },
    )?;
    let q = q.0;
    let mut e = FieldErrors::new();
    let kind = q
        .kind
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|k| TxKind::parse(k).ok_or(k));
    let pool = q
        .pool
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|p| Pool::parse(p).ok_or(p));
    if let Some(Err(k)) = kind {
        e.add("kind", format!("Unknown kind '{k}'."));
    }
    if let Some(Err(p)) = pool {
        e.add("pool", format!("Unknown pool '{p}'."));
    }
    e.into_result().map_err(ApiError::Validation)?;
    let f = TransactionFilter {
        kind: kind.and_then(Result::ok),
        pool: pool.and_then(Result::ok),
        search: lp.search.clone(),
    };
    let scope = auth.scope;
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(billing::credits::list_transactions(
            c, &scope, &f, order, page,
        )?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(TransactionDto::from)))
}
