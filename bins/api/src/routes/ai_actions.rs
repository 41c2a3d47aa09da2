//! The AI actions of the planner and the writer: each answers 202 `{"task_id": id}` after
//! creating an ai_task and enqueueing its job in one transaction (progress at
//! `GET /api/v1/system/ai-tasks/{id}/`). Ids of other accounts are ignored (none left → 404);
//! short credits answer 402 `insufficient_credits` before any work.

use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, Auth};
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use automation::ai_tasks::Function;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `{"keyword_ids": [..]}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct KeywordIds {
    /// Keywords to cluster (at most 1,000).
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000, required = true)]
    pub keyword_ids: Vec<i64>,
}

/// `{"cluster_ids": [..]}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ClusterIds {
    /// Clusters to write ideas for (at most 1,000).
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000, required = true)]
    pub cluster_ids: Vec<i64>,
}

/// `{"ids": [..]}` of writer tasks to write (at most 10 per request).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskIds {
    /// Task ids.
    #[serde(default)]
    #[schema(min_items = 1, max_items = 10, required = true)]
    pub ids: Vec<i64>,
}

/// `{"ids": [..]}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Ids {
    /// Ids of the objects to process.
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000, required = true)]
    pub ids: Vec<i64>,
}

/// `{"task_id": id}`: the ai_task to poll.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskStarted {
    /// Id for `GET /api/v1/system/ai-tasks/{id}/`.
    pub task_id: i64,
}

async fn start(
    state: web::Data<AppState>,
    auth: Auth,
    function: Function,
    ids: Vec<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let task = db(&state, move |c, st| {
        Ok(automation::ai_functions::request(
            c,
            &scope,
            function,
            &ids,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::accepted(TaskStarted {
        task_id: task.id.get(),
    }))
}

/// Clusters keywords with AI (editor+): new, enabled, unclustered keywords, per site and sector.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = KeywordIds, responses(
    (status = 202, body = TaskStarted), (status = 402, description = "insufficient_credits: errors {needed, available}"),
    (status = 403), (status = 404, description = "none of the ids is the caller's")))]
#[post("/keywords/auto_cluster/")]
pub async fn auto_cluster(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<KeywordIds>,
) -> ApiResult<HttpResponse> {
    start(state, auth, Function::AutoCluster, body.0.keyword_ids).await
}

/// Generates 3–7 article ideas per cluster with AI (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = ClusterIds, responses(
    (status = 202, body = TaskStarted), (status = 402, description = "insufficient_credits: errors {needed, available}"),
    (status = 403), (status = 404, description = "none of the ids is the caller's")))]
#[post("/clusters/generate_ideas/")]
pub async fn generate_ideas(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<ClusterIds>,
) -> ApiResult<HttpResponse> {
    start(state, auth, Function::GenerateIdeas, body.0.cluster_ids).await
}

/// Writes a draft article per writer task with AI (editor+; at most 10 tasks, else 400).
#[utoipa::path(tag = "writer", security(("bearer" = [])), request_body = TaskIds, responses(
    (status = 202, body = TaskStarted), (status = 400, description = "more than 10 ids"),
    (status = 402, description = "insufficient_credits: errors {needed, available}"),
    (status = 403), (status = 404, description = "none of the ids is the caller's")))]
#[post("/tasks/auto_generate_content/")]
pub async fn auto_generate_content(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<TaskIds>,
) -> ApiResult<HttpResponse> {
    start(state, auth, Function::GenerateContent, body.0.ids).await
}

/// Writes image prompts (featured + in-article) per content item with AI (editor+).
#[utoipa::path(tag = "writer", security(("bearer" = [])), request_body = Ids, responses(
    (status = 202, body = TaskStarted), (status = 402, description = "insufficient_credits: errors {needed, available}"),
    (status = 403), (status = 404, description = "none of the ids is the caller's")))]
#[post("/content/generate_image_prompts/")]
pub async fn generate_image_prompts(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<Ids>,
) -> ApiResult<HttpResponse> {
    start(state, auth, Function::GenerateImagePrompts, body.0.ids).await
}

/// Generates the images of image rows (by image id) with AI (editor+). The task's result is
/// `{count, images_generated, images_failed, total_images, errors}`.
#[utoipa::path(tag = "writer", security(("bearer" = [])), request_body = Ids, responses(
    (status = 202, body = TaskStarted), (status = 402, description = "insufficient_credits: errors {needed, available}"),
    (status = 403), (status = 404, description = "none of the ids is the caller's")))]
#[post("/images/generate_images/")]
pub async fn generate_images(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<Ids>,
) -> ApiResult<HttpResponse> {
    start(state, auth, Function::GenerateImages, body.0.ids).await
}
