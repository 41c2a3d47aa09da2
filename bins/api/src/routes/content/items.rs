//! `/api/v1/writer/content/`: content items and their editorial actions.

use super::dto::*;
use super::filter_options_body;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use content::content::{
    CONTENT_DEFAULT_ORDER, CONTENT_ORDERING, ContentChanges, ContentFields, ContentFilter,
    NewContent,
};
use content::model::{ContentSource, ContentStatus, ContentStructure, ContentType, SiteStatus};
use kernel::{ClusterId, ContentId, SectorId, SiteId, TaskId};
use serde::Deserialize;

/// Content list filters (an empty value means "All").
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContentQuery {
    /// Only this site.
    #[serde(default, deserialize_with = "empty_none")]
    pub site_id: Option<i64>,
    /// Only this sector.
    #[serde(default, deserialize_with = "empty_none")]
    pub sector_id: Option<i64>,
    /// Status.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_content_status)]
    pub status: Option<ContentStatus>,
    /// Publishing status.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_site_status)]
    pub site_status: Option<SiteStatus>,
    /// Content type.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_content_type)]
    pub content_type: Option<ContentType>,
    /// Content structure.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_content_structure)]
    pub content_structure: Option<ContentStructure>,
    /// Source (`igny8` or `wordpress`).
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_content_source)]
    pub source: Option<ContentSource>,
    /// Planner cluster.
    #[serde(default, deserialize_with = "empty_none")]
    pub cluster_id: Option<i64>,
    /// Writer task.
    #[serde(default, deserialize_with = "empty_none")]
    pub task_id: Option<i64>,
    /// Case-insensitive substring of the title or primary keyword.
    pub search: Option<String>,
}

impl ContentQuery {
    fn filter(self) -> ContentFilter {
        ContentFilter {
            site_id: self.site_id.map(SiteId),
            sector_id: self.sector_id.map(SectorId),
            status: self.status,
            site_status: self.site_status,
            content_type: self.content_type,
            content_structure: self.content_structure,
            source: self.source,
            cluster_id: self.cluster_id.map(ClusterId),
            task_id: self.task_id.map(TaskId),
            search: self.search,
        }
    }
}

crate::list_params!(
    ContentList,
    crate::contract::ordering_values(content::content::CONTENT_ORDERING)
);

/// Lists content. Ordering: `title`, `created_at` (default `-created_at`), `updated_at`,
/// `word_count`, `status`.
#[utoipa::path(tag = "content", security(("bearer" = [])), params(ContentQuery, ContentList), responses((status = 200, body = [ContentDto])))]
#[get("/content/")]
pub async fn list_content(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<ContentQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(CONTENT_ORDERING, CONTENT_DEFAULT_ORDER)?;
    let page = lp.page();
    let scope = auth.scope;
    let f = q.0.filter();
    let p = db(&state, move |c, _| {
        Ok(content::content::list_content(c, &scope, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(ContentDto::from)))
}

/// Distinct `status`, `site_status`, `content_type`, `content_structure`, `source` and
/// `cluster_id` values among content matching the other filters, each led by "All".
#[utoipa::path(tag = "content", security(("bearer" = [])), params(ContentQuery), responses((status = 200)))]
#[get("/content/filter_options/")]
pub async fn content_filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<ContentQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let f = q.0.filter();
    let o = db(&state, move |c, _| {
        Ok(content::content::content_filter_options(c, &scope, &f)?)
    })
    .await?;
    Ok(envelope::ok(filter_options_body(o)))
}

/// Creates a content item by hand (editor+) as a `draft`; the HTML is sanitized, tags and
/// categories are names (missing ones are created).
#[utoipa::path(tag = "content", security(("bearer" = [])), request_body = ContentCreateBody, responses(
    (status = 201, body = ContentDto), (status = 400), (status = 403), (status = 404, description = "site not visible")))]
#[post("/content/")]
pub async fn create_content(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<ContentCreateBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let input = NewContent {
        site_id: SiteId(b.site_id),
        sector_id: SectorId(b.sector_id),
        task_id: b.task_id.map(TaskId),
        fields: ContentFields {
            cluster_id: b.cluster_id.map(|c| Some(ClusterId(c))),
            title: Some(b.title),
            content_html: b.content_html,
            meta_title: b.meta_title,
            meta_description: b.meta_description,
            primary_keyword: b.primary_keyword,
            secondary_keywords: b.secondary_keywords,
            tags: b.tags,
            categories: b.categories,
            content_type: b.content_type,
            content_structure: b.content_structure,
        },
    };
    let item = db(&state, move |c, st| {
        Ok(content::content::create_content(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(ContentDto::from(item)))
}

/// One content item.
#[utoipa::path(tag = "content", security(("bearer" = [])), responses((status = 200, body = ContentDto), (status = 404)))]
#[get("/content/{id}/")]
pub async fn get_content(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ContentId(id.into_inner());
    let item = db(&state, move |c, _| {
        Ok(content::content::get_content(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(ContentDto::from(item)))
}

/// Updates a content item (editor+). Editing an approved item sends it back to `draft`; an
/// illegal `status` move is 422 `invalid_state`.
#[utoipa::path(tag = "content", security(("bearer" = [])), request_body = ContentPatchBody, responses(
    (status = 200, body = ContentDto), (status = 404), (status = 422, description = "invalid_state")))]
#[patch("/content/{id}/")]
pub async fn update_content(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<ContentPatchBody>,
) -> ApiResult<HttpResponse> {
    update_content_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "content", security(("bearer" = [])), request_body = ContentPatchBody, responses(
    (status = 200, body = ContentDto), (status = 404), (status = 422, description = "invalid_state")))]
#[put("/content/{id}/")]
pub async fn update_content_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<ContentPatchBody>,
) -> ApiResult<HttpResponse> {
    update_content_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_content_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<ContentPatchBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ContentId(id.into_inner());
    let b = body.0;
    let changes = ContentChanges {
        fields: ContentFields {
            cluster_id: b.cluster_id.map(|c| c.map(ClusterId)),
            title: b.title,
            content_html: b.content_html,
            meta_title: b.meta_title,
            meta_description: b.meta_description,
            primary_keyword: b.primary_keyword,
            secondary_keywords: b.secondary_keywords,
            tags: b.tags,
            categories: b.categories,
            content_type: b.content_type,
            content_structure: b.content_structure,
        },
        status: b.status,
    };
    let item = db(&state, move |c, st| {
        Ok(content::content::update_content(
            c,
            &scope,
            id,
            &changes,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(ContentDto::from(item)))
}

/// Deletes a content item with its image rows (editor+). Image files stay (content-addressed,
/// possibly shared).
#[utoipa::path(tag = "content", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/content/{id}/")]
pub async fn delete_content(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ContentId(id.into_inner());
    db(&state, move |c, _| {
        Ok(content::content::delete_content(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Deletes many content items (editor+); unknown and other accounts' ids are ignored.
#[utoipa::path(tag = "content", security(("bearer" = [])), request_body = BulkIdsBody, responses((status = 200, body = AffectedDto), (status = 400)))]
#[post("/content/bulk_delete/")]
pub async fn bulk_delete_content(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<BulkIdsBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let ids: Vec<ContentId> = body.0.ids.into_iter().map(ContentId).collect();
    let affected = db(&state, move |c, _| {
        Ok(content::content::bulk_delete_content(c, &scope, &ids)?)
    })
    .await?;
    Ok(envelope::ok(AffectedDto { affected }))
}

/// `draft` → `review` (editor+); from any other status 422 `invalid_state`.
#[utoipa::path(tag = "content", security(("bearer" = [])), responses(
    (status = 200, body = ContentDto), (status = 404), (status = 422, description = "invalid_state")))]
#[post("/content/{id}/submit_for_review/")]
pub async fn submit_for_review(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ContentId(id.into_inner());
    let item = db(&state, move |c, st| {
        Ok(content::content::submit_for_review(
            c,
            &scope,
            id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(ContentDto::from(item)))
}

/// `review` → `approved` (editor+); from any other status 422 `invalid_state`.
#[utoipa::path(tag = "content", security(("bearer" = [])), responses(
    (status = 200, body = ContentDto), (status = 404), (status = 422, description = "invalid_state")))]
#[post("/content/{id}/approve/")]
pub async fn approve_content(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ContentId(id.into_inner());
    let item = db(&state, move |c, st| {
        Ok(content::content::approve_content(
            c,
            &scope,
            id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(ContentDto::from(item)))
}
