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
