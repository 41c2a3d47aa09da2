//! `/api/v1/writer/taxonomies/`: categories and tags per site.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use content::model::TaxonomyType;
use content::taxonomies::{
    NewTaxonomy, TAXONOMY_DEFAULT_ORDER, TAXONOMY_ORDERING, TaxonomyChanges, TaxonomyFilter,
};
use kernel::{SiteId, TaxonomyId};
use serde::Deserialize;

/// Term list filters (an empty value means "All").
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaxonomyQuery {
    /// Only this site.
    #[serde(default, deserialize_with = "empty_none")]
    pub site_id: Option<i64>,
    /// `category` or `tag`.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_taxonomy_type)]
    pub taxonomy_type: Option<TaxonomyType>,
    /// Case-insensitive substring of the name or slug.
    pub search: Option<String>,
}

impl TaxonomyQuery {
    fn filter(self) -> TaxonomyFilter {
        TaxonomyFilter {
            site_id: self.site_id.map(SiteId),
            taxonomy_type: self.taxonomy_type,
            search: self.search,
        }
    }
}

/// Distinct `taxonomy_type` and `site_id` (labelled by site name) values among terms matching
/// the other filters, each led by "All".
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), params(TaxonomyQuery), responses((status = 200)))]
#[get("/taxonomies/filter_options/")]
pub async fn taxonomy_filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<TaxonomyQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let f = q.0.filter();
    let o = db(&state, move |c, _| {
        Ok(content::taxonomies::taxonomy_filter_options(c, &scope, &f)?)
    })
    .await?;
    Ok(envelope::ok(super::filter_options_body(o)))
}

crate::list_params!(
    TaxonomyList,
    crate::contract::ordering_values(content::taxonomies::TAXONOMY_ORDERING)
);

/// Lists terms. Ordering: `name` (default), `slug`, `created_at`.
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), params(TaxonomyQuery, TaxonomyList), responses((status = 200, body = [TaxonomyDto])))]
#[get("/taxonomies/")]
pub async fn list_taxonomies(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<TaxonomyQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(TAXONOMY_ORDERING, TAXONOMY_DEFAULT_ORDER)?;
    let page = lp.page();
    let scope = auth.scope;
    let f = q.0.filter();
    let p = db(&state, move |c, _| {
        Ok(content::taxonomies::list_taxonomies(
            c, &scope, &f, order, page,
        )?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(TaxonomyDto::from)))
}

/// Creates a term (editor+); a slug taken on the site for that type is 409 `already_exists`.
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), request_body = TaxonomyCreateBody, responses(
    (status = 201, body = TaxonomyDto), (status = 400), (status = 409, description = "already_exists")))]
#[post("/taxonomies/")]
pub async fn create_taxonomy(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<TaxonomyCreateBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let input = NewTaxonomy {
        site_id: SiteId(b.site_id),
        name: b.name,
        slug: b.slug,
        taxonomy_type: b.taxonomy_type,
        external_id: b.external_id,
    };
    let t = db(&state, move |c, st| {
        Ok(content::taxonomies::create_taxonomy(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(TaxonomyDto::from(t)))
}

/// One term.
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), responses((status = 200, body = TaxonomyDto), (status = 404)))]
#[get("/taxonomies/{id}/")]
pub async fn get_taxonomy(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = TaxonomyId(id.into_inner());
    let t = db(&state, move |c, _| {
        Ok(content::taxonomies::get_taxonomy(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(TaxonomyDto::from(t)))
}

/// Renames a term or changes its slug / external id (editor+).
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), request_body = TaxonomyPatchBody, responses(
    (status = 200, body = TaxonomyDto), (status = 404), (status = 409, description = "already_exists")))]
#[patch("/taxonomies/{id}/")]
pub async fn update_taxonomy(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<TaxonomyPatchBody>,
) -> ApiResult<HttpResponse> {
    update_taxonomy_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), request_body = TaxonomyPatchBody, responses(
    (status = 200, body = TaxonomyDto), (status = 404), (status = 409, description = "already_exists")))]
#[put("/taxonomies/{id}/")]
pub async fn update_taxonomy_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<TaxonomyPatchBody>,
) -> ApiResult<HttpResponse> {
    update_taxonomy_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_taxonomy_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<TaxonomyPatchBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = TaxonomyId(id.into_inner());
    let b = body.0;
    let changes = TaxonomyChanges {
        name: b.name,
        slug: b.slug,
        external_id: b.external_id,
    };
    let t = db(&state, move |c, st| {
        Ok(content::taxonomies::update_taxonomy(
            c,
            &scope,
            id,
            &changes,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(TaxonomyDto::from(t)))
}

/// Deletes a term and its links to content (editor+).
#[utoipa::path(tag = "taxonomies", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/taxonomies/{id}/")]
pub async fn delete_taxonomy(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = TaxonomyId(id.into_inner());
    db(&state, move |c, _| {
        Ok(content::taxonomies::delete_taxonomy(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}
