//! `/api/v1/planner/clusters/`: CRUD with computed aggregates, filter options, bulk delete.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use kernel::{ClusterId, SectorId, SiteId};
use planning::clusters::{
    CLUSTER_ORDERING, ClusterChanges, ClusterFilter, DEFAULT_CLUSTER_ORDER, NewCluster,
};
use planning::model::MappingStatus;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Cluster list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClusterQuery {
    /// Site.
    pub site_id: Option<i64>,
    /// Sector.
    pub sector_id: Option<i64>,
    /// `new` or `mapped`.
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Case-insensitive substring of the name.
    pub search: Option<String>,
}

impl ClusterQuery {
    fn filter(self) -> ClusterFilter {
        ClusterFilter {
            site_id: self.site_id.map(SiteId),
            sector_id: self.sector_id.map(SectorId),
            status: self.status,
            disabled: self.disabled,
            search: self.search,
        }
    }
}

crate::list_params!(
    ClusterList,
    crate::contract::ordering_values(planning::clusters::CLUSTER_ORDERING)
);

/// Lists clusters with `keywords_count`, `volume`, `difficulty`, `ideas_count`, `content_count`.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(ClusterQuery, ClusterList), responses((status = 200, body = [ClusterDto])))]
#[get("/clusters/")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<ClusterQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(CLUSTER_ORDERING, DEFAULT_CLUSTER_ORDER)?;
    let page = lp.page();
    let f = q.0.filter();
    let scope = auth.scope;
    let p = db(&state, move |c, _| {
        Ok(planning::clusters::list_clusters(
            c, &scope, &f, order, page,
        )?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(ClusterDto::from)))
}

/// Distinct `status` and `disabled` values among clusters matching the other filters.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(ClusterQuery), responses((status = 200)))]
#[get("/clusters/filter_options/")]
pub async fn filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<ClusterQuery>,
) -> ApiResult<HttpResponse> {
    let f = q.0.filter();
    let scope = auth.scope;
    let (status, disabled) = db(&state, move |c, _| {
        Ok(planning::clusters::cluster_filter_options(c, &scope, &f)?)
    })
    .await?;
    let mut out: BTreeMap<&str, Vec<FilterOption>> = BTreeMap::new();
    out.insert(
        "status",
        options(status.iter().map(|s| (s.as_str().to_owned(), s.label()))),
    );
    out.insert("disabled", disabled_options(disabled));
    Ok(envelope::ok(out))
}

/// Creates a cluster (editor+); the name is unique per site and sector.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = ClusterBody, responses(
    (status = 201, body = ClusterDto), (status = 400), (status = 403), (status = 409, description = "already_exists")))]
#[post("/clusters/")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<ClusterBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let input = NewCluster {
        site_id: b.site_id,
        sector_id: b.sector_id,
        name: b.name,
        description: b.description,
        status: b.status,
        disabled: b.disabled,
    };
    let scope = auth.scope;
    let cl = db(&state, move |c, st| {
        Ok(planning::clusters::create_cluster(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(ClusterDto::from(cl)))
}

/// One cluster with its aggregates.
#[utoipa::path(tag = "planner", security(("bearer" = [])), responses((status = 200, body = ClusterDto), (status = 404)))]
#[get("/clusters/{id}/")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ClusterId(id.into_inner());
    let scope = auth.scope;
    let cl = db(&state, move |c, _| {
        Ok(planning::clusters::get_cluster(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(ClusterDto::from(cl)))
}

/// Updates a cluster (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = ClusterPatch, responses(
    (status = 200, body = ClusterDto), (status = 404), (status = 409)))]
#[patch("/clusters/{id}/")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<ClusterPatch>,
) -> ApiResult<HttpResponse> {
    update_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = ClusterPatch, responses(
    (status = 200, body = ClusterDto), (status = 404), (status = 409)))]
#[put("/clusters/{id}/")]
pub async fn update_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<ClusterPatch>,
) -> ApiResult<HttpResponse> {
    update_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<ClusterPatch>,
) -> ApiResult<HttpResponse> {
    let id = ClusterId(id.into_inner());
    let b = body.0;
    let ch = ClusterChanges {
        name: b.name,
        description: b.description,
        status: b.status,
        disabled: b.disabled,
    };
    let scope = auth.scope;
    let cl = db(&state, move |c, st| {
        Ok(planning::clusters::update_cluster(
            c,
            &scope,
            id,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(ClusterDto::from(cl)))
}

/// Deletes a cluster (editor+); its keywords lose the cluster and become `new`.
#[utoipa::path(tag = "planner", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/clusters/{id}/")]
pub async fn delete(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ClusterId(id.into_inner());
    let scope = auth.scope;
    db(&state, move |c, st| {
        Ok(planning::clusters::delete_cluster(
            c,
            &scope,
            id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Deletes clusters by id (editor+), unmapping their keywords.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = BulkIds, responses((status = 200, body = Affected)))]
#[post("/clusters/bulk_delete/")]
pub async fn bulk_delete(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<BulkIds>,
) -> ApiResult<HttpResponse> {
    let ids: Vec<ClusterId> = body.0.ids.into_iter().map(ClusterId).collect();
    let scope = auth.scope;
    let affected = db(&state, move |c, st| {
        Ok(planning::clusters::bulk_delete_clusters(
            c,
            &scope,
            &ids,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(Affected { affected }))
}
