//! `/api/v1/writer/tasks/`.

use super::dto::*;
use super::filter_options_body;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use content::model::{ContentStructure, ContentType, TaskStatus};
use content::tasks::{
    NewTask, TASK_DEFAULT_ORDER, TASK_ORDERING, TaskBulkChanges, TaskChanges, TaskFields,
    TaskFilter,
};
use kernel::{ClusterId, IdeaId, SectorId, SiteId, TaskId};
use serde::Deserialize;

/// Task list filters (an empty value means "All").
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Only this site.
    #[serde(default, deserialize_with = "empty_none")]
    pub site_id: Option<i64>,
    /// Only this sector.
    #[serde(default, deserialize_with = "empty_none")]
    pub sector_id: Option<i64>,
    /// Status.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_task_status)]
    pub status: Option<TaskStatus>,
    /// Planner cluster.
    #[serde(default, deserialize_with = "empty_none")]
    pub cluster_id: Option<i64>,
    /// Planner idea.
    #[serde(default, deserialize_with = "empty_none")]
    pub idea_id: Option<i64>,
    /// Content type.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_content_type)]
    pub content_type: Option<ContentType>,
    /// Content structure.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_content_structure)]
    pub content_structure: Option<ContentStructure>,
    /// Case-insensitive substring of the title or keywords.
    pub search: Option<String>,
}

impl TaskQuery {
    fn filter(self) -> TaskFilter {
        TaskFilter {
            site_id: self.site_id.map(SiteId),
            sector_id: self.sector_id.map(SectorId),
            status: self.status,
            cluster_id: self.cluster_id.map(ClusterId),
            idea_id: self.idea_id.map(IdeaId),
            content_type: self.content_type,
            content_structure: self.content_structure,
            search: self.search,
        }
    }
}

crate::list_params!(
    TaskList,
    crate::contract::ordering_values(content::tasks::TASK_ORDERING)
);

/// Lists tasks. Ordering: `title`, `created_at` (default `-created_at`), `updated_at`,
/// `status`, `word_count`.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), params(TaskQuery, TaskList), responses((status = 200, body = [TaskDto])))]
#[get("/tasks/")]
pub async fn list_tasks(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<TaskQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(TASK_ORDERING, TASK_DEFAULT_ORDER)?;
    let page = lp.page();
    let scope = auth.scope;
    let f = q.0.filter();
    let p = db(&state, move |c, _| {
        Ok(content::tasks::list_tasks(c, &scope, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(TaskDto::from)))
}

/// Distinct `status`, `content_type`, `content_structure` and `cluster_id` values among tasks
/// matching the other filters, each list led by `{"value": "", "label": "All"}`.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), params(TaskQuery), responses((status = 200)))]
#[get("/tasks/filter_options/")]
pub async fn task_filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<TaskQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let f = q.0.filter();
    let o = db(&state, move |c, _| {
        Ok(content::tasks::task_filter_options(c, &scope, &f)?)
    })
    .await?;
    Ok(envelope::ok(filter_options_body(o)))
}

/// Creates a task (editor+); it starts `queued`.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), request_body = TaskCreateBody, responses(
    (status = 201, body = TaskDto), (status = 400), (status = 403), (status = 404, description = "site not visible")))]
#[post("/tasks/")]
pub async fn create_task(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<TaskCreateBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let input = NewTask {
        site_id: SiteId(b.site_id),
        sector_id: SectorId(b.sector_id),
        fields: TaskFields {
            cluster_id: b.cluster_id.map(|c| Some(ClusterId(c))),
            title: Some(b.title),
            description: b.description,
            outline: b.outline.map(outline_json).transpose()?.map(Some),
            keywords: b.keywords,
            primary_keyword: b.primary_keyword,
            secondary_keywords: b.secondary_keywords,
            content_type: b.content_type,
            content_structure: b.content_structure,
            word_count: b.word_count,
        },
    };
    let t = db(&state, move |c, st| {
        Ok(content::tasks::create_task(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(TaskDto::from(t)))
}

/// One task.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), responses((status = 200, body = TaskDto), (status = 404)))]
#[get("/tasks/{id}/")]
pub async fn get_task(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = TaskId(id.into_inner());
    let t = db(&state, move |c, _| {
        Ok(content::tasks::get_task(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(TaskDto::from(t)))
}

/// Updates a task's fields and/or status (editor+); an illegal status move is 422
/// `invalid_state`.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), request_body = TaskPatchBody, responses(
    (status = 200, body = TaskDto), (status = 404), (status = 422, description = "invalid_state")))]
#[patch("/tasks/{id}/")]
pub async fn update_task(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<TaskPatchBody>,
) -> ApiResult<HttpResponse> {
    update_task_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), request_body = TaskPatchBody, responses(
    (status = 200, body = TaskDto), (status = 404), (status = 422, description = "invalid_state")))]
#[put("/tasks/{id}/")]
pub async fn update_task_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<TaskPatchBody>,
) -> ApiResult<HttpResponse> {
    update_task_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_task_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<TaskPatchBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = TaskId(id.into_inner());
    let b = body.0;
    let changes = TaskChanges {
        fields: TaskFields {
            cluster_id: b.cluster_id.map(|c| c.map(ClusterId)),
            title: b.title,
            description: b.description,
            outline: b
                .outline
                .map(|o| o.map(outline_json).transpose())
                .transpose()?,
            keywords: b.keywords,
            primary_keyword: b.primary_keyword,
            secondary_keywords: b.secondary_keywords,
            content_type: b.content_type,
            content_structure: b.content_structure,
            word_count: b.word_count,
        },
        status: b.status,
    };
    let t = db(&state, move |c, st| {
        Ok(content::tasks::update_task(
            c,
            &scope,
            id,
            &changes,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(TaskDto::from(t)))
}

/// Deletes a task (editor+); its content stays with `task_id` cleared.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/tasks/{id}/")]
pub async fn delete_task(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = TaskId(id.into_inner());
    db(&state, move |c, _| {
        Ok(content::tasks::delete_task(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Deletes many tasks (editor+); unknown and other accounts' ids are ignored.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), request_body = BulkIdsBody, responses((status = 200, body = AffectedDto), (status = 400)))]
#[post("/tasks/bulk_delete/")]
pub async fn bulk_delete_tasks(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<BulkIdsBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let ids: Vec<TaskId> = body.0.ids.into_iter().map(TaskId).collect();
    let affected = db(&state, move |c, _| {
        Ok(content::tasks::bulk_delete_tasks(c, &scope, &ids)?)
    })
    .await?;
    Ok(envelope::ok(AffectedDto { affected }))
}

/// Sets `status`, `cluster_id`, `content_type` and/or `content_structure` on many tasks
/// (editor+). A status every task cannot take is 422 `invalid_state` and changes nothing.
#[utoipa::path(tag = "tasks", security(("bearer" = [])), request_body = TaskBulkUpdateBody, responses(
    (status = 200, body = AffectedDto), (status = 400), (status = 422, description = "invalid_state")))]
#[post("/tasks/bulk_update/")]
pub async fn bulk_update_tasks(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<TaskBulkUpdateBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let ids: Vec<TaskId> = b.ids.into_iter().map(TaskId).collect();
    let changes = TaskBulkChanges {
        status: b.status,
        cluster_id: b.cluster_id.map(|c| c.map(ClusterId)),
        content_type: b.content_type,
        content_structure: b.content_structure,
    };
    let affected = db(&state, move |c, st| {
        Ok(content::tasks::bulk_update_tasks(
            c,
            &scope,
            &ids,
            &changes,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(AffectedDto { affected }))
}

/// A task's outline as stored: the idea's shape, checked as an idea's is.
fn outline_json(o: planning::model::Outline) -> Result<serde_json::Value, crate::error::ApiError> {
    let mut e = kernel::FieldErrors::new();
    let o = planning::ideas::validate_outline(&mut e, &o);
    e.into_result()
        .map_err(crate::error::ApiError::Validation)?;
    serde_json::to_value(o).map_err(|e| crate::error::ApiError::Internal(e.to_string()))
}
