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

/// Readiness of the service.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Ready {
    /// `ready`.
    pub status: &'static str,
    /// `ok` when a query round-trips.
    pub database: &'static str,
    /// `current` when every migration this build embeds is applied.
    pub migrations: &'static str,
    /// Server version.
    pub version: &'static str,
}

/// Readiness check for load balancers and orchestrators: 200 when the database answers and its
/// schema is current; 503 `unavailable` (with `Retry-After`) otherwise, the cause in the log.
#[utoipa::path(tag = "system", responses((status = 200, body = Ready), (status = 503, description = "unavailable: the database is unreachable or migrations are pending")))]
#[get("/api/ready/")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    db(&state, |c, _| {
        let pending = db::has_pending_migrations(c).map_err(|e| {
            crate::error::ApiError::Unavailable(format!("cannot read the migrations: {e}"))
        })?;
        if pending {
            return Err(crate::error::ApiError::Unavailable(
                "migrations are pending: run `api migrate` (or start the worker)".into(),
            ));
        }
        Ok(())
    })
    .await?;
    Ok(envelope::ok(Ready {
        status: "ready",
        database: "ok",
        migrations: "current",
        version: env!("CARGO_PKG_VERSION"),
    }))
}
