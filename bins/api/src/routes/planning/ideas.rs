//! `/api/v1/planner/ideas/`: CRUD with outline and target keywords, filter options, bulk delete.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use kernel::{IdeaId, SectorId, SiteId};
use planning::ideas::{DEFAULT_IDEA_ORDER, IDEA_ORDERING, IdeaChanges, IdeaFilter, NewIdea};
use planning::model::{ContentStructure, ContentType, IdeaStatus};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Idea list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IdeaQuery {
    /// Site.
    pub site_id: Option<i64>,
    /// Sector.
    pub sector_id: Option<i64>,
    /// A cluster id, or `null` for ideas without a cluster.
    #[param(format = "cluster-filter")]
    pub cluster_id: Option<String>,
    /// `new`, `queued`, `completed`.
    pub status: Option<IdeaStatus>,
    /// Content type.
    pub content_type: Option<ContentType>,
    /// Content structure.
    pub content_structure: Option<ContentStructure>,
    /// Case-insensitive substring of the title.
    pub search: Option<String>,
}

impl IdeaQuery {
    fn filter(self) -> ApiResult<IdeaFilter> {
        Ok(IdeaFilter {
            site_id: self.site_id.map(SiteId),
            sector_id: self.sector_id.map(SectorId),
            cluster: cluster_filter(self.cluster_id.as_deref())?,
            status: self.status,
            content_type: self.content_type,
            content_structure: self.content_structure,
            search: self.search,
        })
    }
}

crate::list_params!(
    IdeaList,
    crate::contract::ordering_values(planning::ideas::IDEA_ORDERING)
);

/// Lists ideas with their outline and keyword ids.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(IdeaQuery, IdeaList), responses((status = 200, body = [IdeaDto])))]
#[get("/ideas/")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<IdeaQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(IDEA_ORDERING, DEFAULT_IDEA_ORDER)?;
    let page = lp.page();
    let f = q.0.filter()?;
    let scope = auth.scope;
    let p = db(&state, move |c, _| {
        Ok(planning::ideas::list_ideas(c, &scope, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(IdeaDto::from)))
}

/// Distinct `status`, `content_type`, `content_structure` and `cluster_id` values among ideas
/// matching the other filters.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(IdeaQuery), responses((status = 200)))]
#[get("/ideas/filter_options/")]
pub async fn filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<IdeaQuery>,
) -> ApiResult<HttpResponse> {
    let f = q.0.filter()?;
    let scope = auth.scope;
    let o = db(&state, move |c, _| {
        Ok(planning::ideas::idea_filter_options(c, &scope, &f)?)
    })
    .await?;
    let mut out: BTreeMap<&str, Vec<FilterOption>> = BTreeMap::new();
    out.insert(
        "status",
        options(o.status.iter().map(|s| (s.as_str().to_owned(), s.label()))),
    );
    out.insert(
        "content_type",
        options(
            o.content_type
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label())),
        ),
    );
    out.insert(
        "content_structure",
        options(
            o.content_structure
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label())),
        ),
    );
    out.insert("cluster_id", cluster_options(o.clusters, o.has_unclustered));
    Ok(envelope::ok(out))
}

/// Creates an idea (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = IdeaBody, responses(
    (status = 201, body = IdeaDto), (status = 400), (status = 403)))]
#[post("/ideas/")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<IdeaBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let input = NewIdea {
        site_id: b.site_id,
        sector_id: b.sector_id,
        cluster_id: b.cluster_id,
        idea_title: b.idea_title,
        description: b.description,
        outline: b.outline,
        keyword_ids: b.keyword_ids,
        content_type: b.content_type,
        content_structure: b.content_structure,
        estimated_word_count: b.estimated_word_count,
        status: b.status,
    };
    let scope = auth.scope;
    let i = db(&state, move |c, st| {
        Ok(planning::ideas::create_idea(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(IdeaDto::from(i)))
}

/// One idea.
#[utoipa::path(tag = "planner", security(("bearer" = [])), responses((status = 200, body = IdeaDto), (status = 404)))]
#[get("/ideas/{id}/")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = IdeaId(id.into_inner());
    let scope = auth.scope;
    let i = db(&state, move |c, _| {
        Ok(planning::ideas::get_idea(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(IdeaDto::from(i)))
}

/// Updates an idea (editor+); `keyword_ids` replaces the list.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = IdeaPatch, responses(
    (status = 200, body = IdeaDto), (status = 404)))]
#[patch("/ideas/{id}/")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<IdeaPatch>,
) -> ApiResult<HttpResponse> {
    update_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = IdeaPatch, responses(
    (status = 200, body = IdeaDto), (status = 404)))]
#[put("/ideas/{id}/")]
pub async fn update_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<IdeaPatch>,
) -> ApiResult<HttpResponse> {
    update_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<IdeaPatch>,
) -> ApiResult<HttpResponse> {
    let id = IdeaId(id.into_inner());
    let b = body.0;
    let ch = IdeaChanges {
        cluster_id: b.cluster_id,
        idea_title: b.idea_title,
        description: b.description,
        outline: b.outline,
        keyword_ids: b.keyword_ids,
        content_type: b.content_type,
        content_structure: b.content_structure,
        estimated_word_count: b.estimated_word_count,
        status: b.status,
    };
    let scope = auth.scope;
    let i = db(&state, move |c, st| {
        Ok(planning::ideas::update_idea(
            c,
            &scope,
            id,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(IdeaDto::from(i)))
}

/// Deletes an idea (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/ideas/{id}/")]
pub async fn delete(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = IdeaId(id.into_inner());
    let scope = auth.scope;
    db(&state, move |c, _| {
        Ok(planning::ideas::delete_idea(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Deletes ideas by id (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = BulkIds, responses((status = 200, body = Affected)))]
#[post("/ideas/bulk_delete/")]
pub async fn bulk_delete(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<BulkIds>,
) -> ApiResult<HttpResponse> {
    let ids: Vec<IdeaId> = body.0.ids.into_iter().map(IdeaId).collect();
    let scope = auth.scope;
    let affected = db(&state, move |c, _| {
        Ok(planning::ideas::bulk_delete_ideas(c, &scope, &ids)?)
    })
    .await?;
    Ok(envelope::ok(Affected { affected }))
}

/// Turns ideas into writer tasks: one task per idea with its title, outline, keywords, type,
/// structure and word count; the ideas become `queued`. Idempotent: an idea that already has a
/// task makes no second one. Another account's ids are ignored; none left → 404.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = BulkIds, responses(
    (status = 200, body = automation::ideas_to_tasks::CreatedTasks), (status = 404), (status = 403)))]
#[post("/ideas/create_tasks/")]
pub async fn create_tasks(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<BulkIds>,
) -> ApiResult<HttpResponse> {
    let ids = planning::keywords::check_bulk_ids(&body.0.ids)?;
    let ids: Vec<IdeaId> = ids.into_iter().map(IdeaId).collect();
    let scope = auth.scope;
    let made = db(&state, move |c, st| {
        Ok(automation::ideas_to_tasks::create_tasks(
            c,
            &scope,
            &ids,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(made))
}
