//! `GET /api/v1/system/ai-tasks/{id}/`: progress of an AI action.

use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::Auth;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use automation::ai_tasks::AiTask;
use kernel::AiTaskId;

/// Status, phase, progress, result or error of an AI task of the caller's account.
#[utoipa::path(tag = "system", security(("bearer" = [])), responses((status = 200, body = AiTask), (status = 404)))]
#[get("/ai-tasks/{id}/")]
pub async fn get_ai_task(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = AiTaskId(id.into_inner());
    let t = db(&state, move |c, _| {
        Ok(automation::ai_tasks::get(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(t))
}

/// Queue depth per task type and a page of failed jobs (platform staff only).
#[utoipa::path(tag = "system", security(("bearer" = [])), responses(
    (status = 200, description = "`data` = {queue: QueueStats, failed: {count, results: [FailedTask]}}"),
    (status = 403, description = "permission_denied: not platform staff")))]
#[get("/jobs/")]
pub async fn jobs(
    state: web::Data<AppState>,
    auth: Auth,
    lp: crate::extract::ListParams,
) -> ApiResult<HttpResponse> {
    auth.scope.require_staff()?;
    let page = lp.page();
    let (stats, failed, count) = db(&state, move |c, _| {
        let stats = db::jobs::queue_stats(c)?;
        let (failed, count) = db::jobs::failed_tasks(c, page.limit(), page.offset())?;
        Ok((stats, failed, count))
    })
    .await?;
    Ok(envelope::ok(serde_json::json!({
        "queue": stats,
        "failed": {"count": count, "page": page.page(), "page_size": page.page_size(), "results": failed},
    })))
}
