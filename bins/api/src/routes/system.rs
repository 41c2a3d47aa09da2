//! `GET /api/ping/` and system routes.

use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use diesel::RunQueryDsl;
use serde::Serialize;

/// Health of the service.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Ping {
    /// `ok`.
    pub status: &'static str,
    /// `ok` when a query round-trips.
    pub database: &'static str,
    /// Server version.
    pub version: &'static str,
}

/// Health check: answers 200 when the database answers, 503 otherwise.
#[utoipa::path(tag = "system", responses((status = 200, body = Ping), (status = 503, description = "unavailable")))]
#[get("/api/ping/")]
pub async fn ping(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    db(&state, |c, _| {
        diesel::sql_query("SELECT 1")
            .execute(c)
            .map_err(|e| crate::error::ApiError::Unavailable(e.to_string()))?;
        Ok(())
    })
    .await?;
    Ok(envelope::ok(Ping {
        status: "ok",
        database: "ok",
        version: env!("CARGO_PKG_VERSION"),
    }))
}
