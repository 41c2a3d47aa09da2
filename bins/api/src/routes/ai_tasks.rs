//! `GET /api/v1/system/ai-tasks/{id}/`: progress of an AI action; `events/`: the same, live.

use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::Auth;
use crate::live::{KEEP_ALIVE, Notice, sse_event};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::web::Bytes;
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

/// An AI task's event stream: the task as last sent, re-read when the listener says it changed.
struct TaskStream {
    state: web::Data<AppState>,
    scope: tenancy::Scope,
    id: AiTaskId,
    rx: tokio::sync::broadcast::Receiver<Notice>,
    /// The JSON of the state last sent (a notification that changed nothing visible sends nothing).
    last: Option<String>,
    out: Option<Bytes>,
    done: bool,
}

impl TaskStream {
    /// Reads the task; queues a `state` event when it differs from the last one sent, and ends
    /// the stream once the task is final.
    async fn read(&mut self) -> Result<(), ApiError> {
        let (scope, id) = (self.scope.clone(), self.id);
        let t = db(&self.state, move |c, _| {
            Ok(automation::ai_tasks::get(c, &scope, id)?)
        })
        .await?;
        self.queue(&t);
        Ok(())
    }

    fn queue(&mut self, t: &AiTask) {
        let json = serde_json::to_string(t).unwrap_or_default();
        if self.last.as_deref() != Some(json.as_str()) {
            self.out = Some(sse_event(None, "state", t));
            self.last = Some(json);
        }
        self.done = t.status.is_final();
    }

    async fn next(mut self) -> Option<(Result<Bytes, actix_web::Error>, Self)> {
        loop {
            if let Some(b) = self.out.take() {
                return Some((Ok(b), self));
            }
            if self.done {
                return None;
            }
            match tokio::time::timeout(KEEP_ALIVE, self.rx.recv()).await {
                Err(_) => self.out = Some(Bytes::from_static(b": keep-alive\n\n")),
                Ok(Ok(Notice::AiTask { task_id })) if task_id != self.id.get() => {}
                Ok(Ok(Notice::Event { .. })) => {}
                Ok(Ok(_)) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {
                    if let Err(e) = self.read().await {
                        tracing::warn!(task = %self.id, error = %e, "AI task stream ends on an error");
                        return None;
                    }
                }
                Ok(Err(tokio::sync::broadcast::error::RecvError::Closed)) => return None,
            }
        }
    }
}

/// An AI task's live progress as server-sent events: `state` (the task as `GET
/// ai-tasks/{id}/` shows it) at once, then again each time its status, phase, progress, message,
/// result or error changes. The stream ends after the completed or failed state. Keep-alive
/// comments every 15 s while nothing changes.
#[utoipa::path(tag = "system", security(("bearer" = [])), responses(
    (status = 200, description = "text/event-stream of `state` events, each an AiTask", content_type = "text/event-stream"),
    (status = 404)))]
#[get("/ai-tasks/{id}/events/")]
pub async fn ai_task_events(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = AiTaskId(id.into_inner());
    // Subscribe before reading, so a change in between is not missed.
    let rx = state.events.subscribe();
    let scope = auth.scope;
    let s2 = scope.clone();
    let t = db(&state, move |c, _| {
        Ok(automation::ai_tasks::get(c, &s2, id)?)
    })
    .await?;
    let mut stream = TaskStream {
        state: state.clone(),
        scope,
        id,
        rx,
        last: None,
        out: None,
        done: false,
    };
    stream.queue(&t);
    let body = futures_util::stream::unfold(stream, TaskStream::next);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/event-stream"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("x-accel-buffering", "no"))
        .streaming(body))
}
