//! `/api/v1/auth/sites/`, `sectors/`, `industries/`, `plans/`.

use super::dto::*;
use super::team::bool_options;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use kernel::{IndustryId, Order, Page, SectorId, SiteId};
use serde::Deserialize;
use std::collections::BTreeMap;
use tenancy::sites::{SITE_ORDERING, SiteFilter, SiteInput, SiteOrder};

/// Site list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SiteQuery {
    /// Active flag.
    pub is_active: Option<bool>,
    /// Industry.
    pub industry_id: Option<i64>,
    /// Substring of name or domain.
    pub search: Option<String>,
}

impl SiteQuery {
    fn filter(self) -> SiteFilter {
        SiteFilter {
            is_active: self.is_active,
            industry_id: self.industry_id.map(IndustryId),
            search: self.search,
        }
    }
}

crate::list_params!(
    SiteList,
    crate::contract::ordering_values(tenancy::sites::SITE_ORDERING)
);

/// Lists the sites the caller may see. Ordering: `name`, `created_at`.
#[utoipa::path(tag = "sites", security(("bearer" = [])), params(SiteQuery, SiteList), responses((status = 200, body = [SiteDto])))]
#[get("/sites/")]
pub async fn list_sites(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(
        SITE_ORDERING,
        Order {
            field: SiteOrder::CreatedAt,
            descending: false,
        },
    )?;
    let page = lp.page();
    let scope = auth.scope;
    let f = q.0.filter();
    let p = db(&state, move |c, _| {
        Ok(tenancy::sites::list_sites(c, &scope, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(SiteDto::from)))
}

/// Distinct `is_active` and `industry_id` values among visible sites matching the other filters.
#[utoipa::path(tag = "sites", security(("bearer" = [])), params(SiteQuery), responses((status = 200)))]
#[get("/sites/filter_options/")]
pub async fn site_filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let f = q.0.filter();
    let (active, inds) = db(&state, move |c, _| {
        Ok(tenancy::sites::site_filter_options(c, &scope, &f)?)
    })
    .await?;
    let mut out: BTreeMap<&str, Vec<FilterOption>> = BTreeMap::new();
    out.insert("is_active", bool_options(active));
    out.insert(
        "industry_id",
        std::iter::once(FilterOption::all())
            .chain(inds.into_iter().map(|(id, name)| FilterOption {
                value: id.to_string(),
                label: name,
            }))
            .collect(),
    );
    Ok(envelope::ok(out))
}

fn site_input(b: SiteBody) -> SiteInput {
    SiteInput {
        name: b.name,
        domain: b.domain,
        industry_id: b.industry_id,
        is_active: b.is_active,
    }
}

/// Creates a site (admin+; plan `max_sites` enforced).
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SiteCreateBody, responses(
    (status = 201, body = SiteDto), (status = 403, description = "permission_denied / plan_limit_reached")))]
#[post("/sites/")]
pub async fn create_site(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<SiteCreateBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let input = site_input(SiteBody {
        name: Some(b.name),
        domain: b.domain,
        industry_id: b.industry_id.map(Some),
        is_active: b.is_active,
    });
    let s = db(&state, move |c, st| {
        Ok(tenancy::sites::create_site(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(SiteDto::from(s)))
}

/// One site.
#[utoipa::path(tag = "sites", security(("bearer" = [])), responses((status = 200, body = SiteDto), (status = 404)))]
#[get("/sites/{id}/")]
pub async fn get_site(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SiteId(id.into_inner());
    let s = db(&state, move |c, _| {
        Ok(tenancy::sites::get_site(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(SiteDto::from(s)))
}

/// Updates a site (admin+).
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SiteBody, responses((status = 200, body = SiteDto), (status = 404)))]
#[patch("/sites/{id}/")]
pub async fn update_site(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<SiteBody>,
) -> ApiResult<HttpResponse> {
    update_site_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SiteBody, responses((status = 200, body = SiteDto), (status = 404)))]
#[put("/sites/{id}/")]
pub async fn update_site_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<SiteBody>,
) -> ApiResult<HttpResponse> {
    update_site_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_site_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<SiteBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SiteId(id.into_inner());
    let input = site_input(body.0);
    let s = db(&state, move |c, st| {
        Ok(tenancy::sites::update_site(
            c,
            &scope,
            id,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(SiteDto::from(s)))
}

/// Deletes a site and everything in it (admin+).
#[utoipa::path(tag = "sites", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/sites/{id}/")]
pub async fn delete_site(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SiteId(id.into_inner());
    db(&state, move |c, _| {
        Ok(tenancy::sites::delete_site(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Activates (default) or deactivates a site (admin+).
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SetActiveBody, responses((status = 200, body = SiteDto)))]
#[post("/sites/{id}/set_active/")]
pub async fn set_active(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<SetActiveBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SiteId(id.into_inner());
    let input = SiteInput {
        is_active: Some(body.0.is_active.unwrap_or(true)),
        ..Default::default()
    };
    let s = db(&state, move |c, st| {
        Ok(tenancy::sites::update_site(
            c,
            &scope,
            id,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(SiteDto::from(s)))
}

/// Chooses the site's industry and sectors (≤ plan limit, default 5); unlisted sectors are
/// deactivated. Returns the active sectors.
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SelectSectorsBody, responses(
    (status = 200, body = [SectorDto]), (status = 400), (status = 403, description = "plan_limit_reached")))]
#[post("/sites/{id}/select_sectors/")]
pub async fn select_sectors(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<SelectSectorsBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SiteId(id.into_inner());
    let b = body.0;
    let s = db(&state, move |c, st| {
        Ok(tenancy::sites::select_sectors(
            c,
            &scope,
            id,
            &b.industry_slug,
            &b.sector_slugs,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(
        s.into_iter().map(SectorDto::from).collect::<Vec<_>>(),
    ))
}

crate::list_params!(SiteSectorList, vec!["name".to_owned()]);

/// The site's active sectors.
#[utoipa::path(tag = "sites", security(("bearer" = [])), params(SiteSectorList), responses((status = 200, body = [SectorDto]), (status = 404)))]
#[get("/sites/{id}/sectors/")]
pub async fn site_sectors(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("name"))?;
    let scope = auth.scope;
    let id = SiteId(id.into_inner());
    let s = db(&state, move |c, _| {
        Ok(tenancy::sites::site_sectors(c, &scope, id, Some(true))?)
    })
    .await?;
    Ok(envelope::list(
        &req,
        Page::slice(s, lp.page()).map(SectorDto::from),
    ))
}

/// Sector list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SectorQuery {
    /// Site.
    pub site_id: Option<i64>,
    /// Active flag.
    pub is_active: Option<bool>,
    /// Substring of the name.
    pub search: Option<String>,
}

crate::list_params!(SectorList, vec!["name".to_owned()]);

/// Lists sectors of the sites the caller may see.
#[utoipa::path(tag = "sites", security(("bearer" = [])), params(SectorQuery, SectorList), responses((status = 200, body = [SectorDto])))]
#[get("/sectors/")]
pub async fn list_sectors(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<SectorQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("name"))?;
    let scope = auth.scope;
    let q = q.0;
    let f = tenancy::sites::SectorFilter {
        site_id: q.site_id.map(SiteId),
        is_active: q.is_active,
        search: q.search,
    };
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(tenancy::sites::list_sectors(c, &scope, &f, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(SectorDto::from)))
}

/// One sector.
#[utoipa::path(tag = "sites", security(("bearer" = [])), responses((status = 200, body = SectorDto), (status = 404)))]
#[get("/sectors/{id}/")]
pub async fn get_sector(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SectorId(id.into_inner());
    let s = db(&state, move |c, _| {
        Ok(tenancy::sites::get_sector(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(SectorDto::from(s)))
}

/// Renames or (de)activates a sector (admin+).
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SectorBody, responses((status = 200, body = SectorDto), (status = 404)))]
#[patch("/sectors/{id}/")]
pub async fn update_sector(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<SectorBody>,
) -> ApiResult<HttpResponse> {
    update_sector_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "sites", security(("bearer" = [])), request_body = SectorBody, responses((status = 200, body = SectorDto), (status = 404)))]
#[put("/sectors/{id}/")]
pub async fn update_sector_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<SectorBody>,
) -> ApiResult<HttpResponse> {
    update_sector_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_sector_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<SectorBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SectorId(id.into_inner());
    let b = body.0;
    let s = db(&state, move |c, st| {
        Ok(tenancy::sites::update_sector(
            c,
            &scope,
            id,
            b.name.as_deref(),
            b.is_active,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(SectorDto::from(s)))
}

/// Industries with their sectors (public).
#[utoipa::path(tag = "reference", params(ReferenceList), responses((status = 200, body = [IndustryDto])))]
#[get("/industries/")]
pub async fn industries(
    req: HttpRequest,
    state: web::Data<AppState>,
    lp: ListParams,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(None)?;
    let list = db(&state, |c, _| Ok(tenancy::reference::list_industries(c)?)).await?;
    Ok(envelope::list(
        &req,
        Page::slice(list, lp.page()).map(|(i, s)| IndustryDto::new(i, s)),
    ))
}

crate::list_params!(ReferenceList, vec![]);

/// Plans offered at sign-up (public).
#[utoipa::path(tag = "reference", params(ReferenceList), responses((status = 200, body = [PlanDto])))]
#[get("/plans/")]
pub async fn plans(
    req: HttpRequest,
    state: web::Data<AppState>,
    lp: ListParams,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(None)?;
    let list = db(&state, |c, _| Ok(tenancy::reference::list_plans(c)?)).await?;
    Ok(envelope::list(
        &req,
        Page::slice(list, lp.page()).map(PlanDto::from),
    ))
}
