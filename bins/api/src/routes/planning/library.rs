//! `/api/v1/keywords-library/`: the global seed keyword library.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use kernel::{FieldErrors, IndustryId, IndustrySectorId};
use planning::model::Intent;
use planning::seeds::{DEFAULT_SEED_ORDER, SEED_ORDERING, SectorStat, SeedFilter};
use serde::Deserialize;

/// Library filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LibraryQuery {
    /// Industry.
    pub industry_id: Option<i64>,
    /// Industry sector (global sector template id).
    pub sector_id: Option<i64>,
    /// Several industry sectors, comma-separated.
    #[param(format = "id-list")]
    pub sector_ids: Option<String>,
    /// Search intent.
    pub intent: Option<Intent>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// Case-insensitive substring of the keyword.
    pub search: Option<String>,
}

impl LibraryQuery {
    fn filter(self) -> ApiResult<SeedFilter> {
        let mut sector_ids: Vec<IndustrySectorId> =
            self.sector_id.map(IndustrySectorId).into_iter().collect();
        for part in self.sector_ids.as_deref().unwrap_or("").split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            sector_ids.push(IndustrySectorId(part.parse().map_err(|_| {
                ApiError::Validation(FieldErrors::single(
                    "sector_ids",
                    "Give comma-separated integer ids.",
                ))
            })?));
        }
        Ok(SeedFilter {
            industry_id: self.industry_id.map(IndustryId),
            sector_ids,
            intent: self.intent,
            country: self.country,
            search: self.search,
        })
    }
}

crate::list_params!(
    SeedList,
    crate::contract::ordering_values(planning::seeds::SEED_ORDERING)
);

/// Lists seed keywords by industry and sector (any signed-in user), highest volume first.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(LibraryQuery, SeedList), responses((status = 200, body = [SeedKeywordDto])))]
#[get("/")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    _auth: Auth,
    lp: ListParams,
    q: ApiQuery<LibraryQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(SEED_ORDERING, DEFAULT_SEED_ORDER)?;
    let page = lp.page();
    let f = q.0.filter()?;
    let p = db(&state, move |c, _| {
        Ok(planning::seeds::list_seed_keywords(c, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(SeedKeywordDto::from)))
}

/// Industry filter of `sector_stats/`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// Only this industry.
    pub industry_id: Option<i64>,
}

crate::list_params!(StatsList, vec![]);

/// Per industry sector: how many seed keywords, their total volume and average difficulty.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(StatsQuery, StatsList), responses((status = 200, body = [SectorStat])))]
#[get("/sector_stats/")]
pub async fn sector_stats(
    req: HttpRequest,
    state: web::Data<AppState>,
    _auth: Auth,
    lp: ListParams,
    q: ApiQuery<StatsQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(None)?;
    let industry = q.0.industry_id.map(IndustryId);
    let s = db(&state, move |c, _| {
        Ok(planning::seeds::sector_stats(c, industry)?)
    })
    .await?;
    Ok(envelope::list(&req, kernel::Page::slice(s, lp.page())))
}
