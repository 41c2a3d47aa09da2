//! The 7-stage automation pipeline under `/api/v1/automation/`: config, estimate, run now,
//! pause/resume/cancel, current run, history, logs, pipeline overview, and a run's live events
//! as server-sent events.
//!
//! Every route names its site (`?site_id=`) or run (`?run_id=`, `runs/{id}/`); another
//! account's site or run answers 404. Viewers read; editors and above steer.

use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Auth, ListParams};
use crate::live::{KEEP_ALIVE, Notice, sse_event};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use automation::pipeline::config::ConfigChanges;
use automation::pipeline::model::{AutomationConfig, Run, RunEvent};
use automation::pipeline::runs::{PipelineOverview, RunEstimate};
use kernel::{AutomationEventId, AutomationRunId, FieldErrors, SiteId};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use tenancy::Scope;
use utoipa::{IntoParams, ToSchema};

/// `?site_id=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SiteQuery {
    /// The site.
    #[param(required = true)]
    pub site_id: Option<i64>,
}

impl SiteQuery {
    fn site(&self) -> Result<SiteId, ApiError> {
        self.site_id.map(SiteId).ok_or_else(|| {
            ApiError::Validation(FieldErrors::single(
                "site_id",
                "This query parameter is required.",
            ))
        })
    }
}

/// `?run_id=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunQuery {
    /// The run.
    #[param(required = true)]
    pub run_id: Option<i64>,
    /// `logs/`: how many events (default 100, at most 1,000).
    pub lines: Option<i64>,
}

impl RunQuery {
    fn run(&self) -> Result<AutomationRunId, ApiError> {
        self.run_id.map(AutomationRunId).ok_or_else(|| {
            ApiError::Validation(FieldErrors::single(
                "run_id",
                "This query parameter is required.",
            ))
        })
    }
}

/// The fields `update_config/` accepts; absent fields keep their value. A cap of 0 removes it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigBody {
    /// Scheduled runs on or off.
    pub enabled: Option<bool>,
    /// daily | weekly | monthly.
    #[schema(schema_with = frequency_schema)]
    pub frequency: Option<String>,
    /// 0–23, in the account's time zone.
    #[schema(minimum = 0, maximum = 23)]
    pub scheduled_hour: Option<i32>,
    /// 1 (Monday) – 7 (Sunday), weekly runs.
    #[schema(minimum = 1, maximum = 7)]
    pub scheduled_weekday: Option<i32>,
    /// 1–28, monthly runs.
    #[schema(minimum = 1, maximum = 28)]
    pub scheduled_day_of_month: Option<i32>,
    /// Keywords per clustering batch (1–1000; default 20).
    #[schema(minimum = 1, maximum = 1000)]
    pub stage_1_batch_size: Option<i32>,
    /// Clusters per idea batch.
    #[schema(minimum = 1, maximum = 1000)]
    pub stage_2_batch_size: Option<i32>,
    /// Ideas per task batch.
    #[schema(minimum = 1, maximum = 1000)]
    pub stage_3_batch_size: Option<i32>,
    /// Tasks per writing batch.
    #[schema(minimum = 1, maximum = 1000)]
    pub stage_4_batch_size: Option<i32>,
    /// Articles per image-prompt batch.
    #[schema(minimum = 1, maximum = 1000)]
    pub stage_5_batch_size: Option<i32>,
    /// Images per generation batch.
    #[schema(minimum = 1, maximum = 1000)]
    pub stage_6_batch_size: Option<i32>,
    /// Seconds between batches (0–3600; 0 allowed).
    #[schema(minimum = 0, maximum = 3600)]
    pub within_stage_delay_secs: Option<i32>,
    /// Seconds between stages (0–3600; 0 allowed).
    #[schema(minimum = 0, maximum = 3600)]
    pub between_stage_delay_secs: Option<i32>,
    /// Cap on keywords clustered per run (0 = none).
    #[schema(minimum = 0)]
    pub max_keywords_per_run: Option<i32>,
    /// Cap on clusters given ideas per run.
    #[schema(minimum = 0)]
    pub max_clusters_per_run: Option<i32>,
    /// Cap on ideas turned into tasks per run.
    #[schema(minimum = 0)]
    pub max_ideas_per_run: Option<i32>,
    /// Cap on tasks written per run.
    #[schema(minimum = 0)]
    pub max_tasks_per_run: Option<i32>,
    /// Cap on articles given image prompts per run.
    #[schema(minimum = 0)]
    pub max_content_per_run: Option<i32>,
    /// Cap on images generated per run.
    #[schema(minimum = 0)]
    pub max_images_per_run: Option<i32>,
    /// Cap on credits a run may spend (0 = none).
    #[schema(minimum = 0)]
    pub max_credits_per_run: Option<i64>,
    /// Review approves by itself.
    pub auto_approve: Option<bool>,
}

/// `daily`, `weekly` or `monthly` (or null: unchanged).
fn frequency_schema() -> utoipa::openapi::Schema {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            utoipa::openapi::schema::Type::String,
            utoipa::openapi::schema::Type::Null,
        ]))
        .enum_values(Some(
            ["daily", "weekly", "monthly"]
                .map(Some)
                .into_iter()
                .chain([None]),
        ))
        .into()
}

impl From<ConfigBody> for ConfigChanges {
    fn from(b: ConfigBody) -> Self {
        ConfigChanges {
            enabled: b.enabled,
            frequency: b.frequency,
            scheduled_hour: b.scheduled_hour,
            scheduled_weekday: b.scheduled_weekday,
            scheduled_day_of_month: b.scheduled_day_of_month,
            batch_sizes: [
                b.stage_1_batch_size,
                b.stage_2_batch_size,
                b.stage_3_batch_size,
                b.stage_4_batch_size,
                b.stage_5_batch_size,
                b.stage_6_batch_size,
            ],
            within_stage_delay_secs: b.within_stage_delay_secs,
            between_stage_delay_secs: b.between_stage_delay_secs,
            caps: [
                b.max_keywords_per_run,
                b.max_clusters_per_run,
                b.max_ideas_per_run,
                b.max_tasks_per_run,
                b.max_content_per_run,
                b.max_images_per_run,
            ],
            max_credits_per_run: b.max_credits_per_run,
            auto_approve: b.auto_approve,
        }
    }
}

/// `logs/`: the last events of a run, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunLogs {
    /// The run.
    pub run_id: AutomationRunId,
    /// Its events.
    pub events: Vec<RunEvent>,
}

/// The site's automation config (created from the platform defaults on first read).
#[utoipa::path(tag = "automation", params(SiteQuery), security(("bearer" = [])), responses(
    (status = 200, body = AutomationConfig), (status = 400, description = "validation_failed: site_id missing"),
    (status = 404, description = "not_found: no such site of the caller's")))]
#[get("/config/")]
pub async fn config(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, q.0.site()?);
    let c = db(&state, move |c, st| {
        Ok(automation::pipeline::config::get_config(
            c,
            &scope,
            site,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(c))
}

/// Changes the site's automation config (editor+); every problem is reported at once.
#[utoipa::path(tag = "automation", params(SiteQuery), request_body = ConfigBody, security(("bearer" = [])), responses(
    (status = 200, body = AutomationConfig), (status = 400, description = "validation_failed"),
    (status = 403, description = "permission_denied (viewer) or account_inactive"), (status = 404)))]
#[put("/update_config/")]
pub async fn update_config(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
    body: ApiJson<ConfigBody>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, q.0.site()?);
    let changes: ConfigChanges = body.0.into();
    let c = db(&state, move |c, st| {
        Ok(automation::pipeline::config::update_config(
            c,
            &scope,
            site,
            &changes,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(c))
}

/// Credits a run would spend per stage and in total, the balance, and whether it covers
/// 1.2 × the estimate.
#[utoipa::path(tag = "automation", params(SiteQuery), security(("bearer" = [])), responses(
    (status = 200, body = RunEstimate), (status = 404)))]
#[get("/estimate/")]
pub async fn estimate(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, q.0.site()?);
    let e = db(&state, move |c, st| {
        Ok(automation::pipeline::runs::estimate(
            c,
            &scope,
            site,
            st.images_per_article,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(e))
}

/// Starts a run now (editor+): 202 with the run; its stages proceed on the worker.
#[utoipa::path(tag = "automation", params(SiteQuery), security(("bearer" = [])), responses(
    (status = 202, body = Run),
    (status = 402, description = "insufficient_credits: errors {needed, available, estimate}"),
    (status = 403), (status = 404),
    (status = 409, description = "run_in_progress: errors {run_id}")))]
#[post("/run_now/")]
pub async fn run_now(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, q.0.site()?);
    let run = db(&state, move |c, st| {
        Ok(automation::pipeline::runs::run_now(
            c,
            &scope,
            site,
            st.images_per_article,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::accepted(run))
}

/// The site's running or paused run, or `null`.
#[utoipa::path(tag = "automation", params(SiteQuery), security(("bearer" = [])), responses(
    (status = 200, body = Option<Run>), (status = 404)))]
#[get("/current_run/")]
pub async fn current_run(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, q.0.site()?);
    let r = db(&state, move |c, _| {
        Ok(automation::pipeline::runs::current_run(c, &scope, site)?)
    })
    .await?;
    Ok(envelope::ok(r))
}

crate::list_params!(RunList, vec![]);

/// The site's runs, newest first (page size default 25).
#[utoipa::path(tag = "automation", params(SiteQuery, RunList), security(("bearer" = [])), responses(
    (status = 200, description = "list envelope of Run"), (status = 404)))]
#[get("/history/")]
pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
) -> ApiResult<HttpResponse> {
    let q: SiteQuery = crate::extract::parse_query(req.query_string())?;
    let (scope, site, page) = (auth.scope, q.site()?, lp.page());
    if lp.ordering.is_some() {
        return Err(ApiError::Validation(FieldErrors::single(
            "ordering",
            "History is ordered newest first; ordering is not supported.",
        )));
    }
    let p = db(&state, move |c, _| {
        Ok(automation::pipeline::runs::history(c, &scope, site, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p))
}

/// The last `lines` events of a run (default 100), oldest first.
#[utoipa::path(tag = "automation", params(RunQuery), security(("bearer" = [])), responses(
    (status = 200, body = RunLogs), (status = 404)))]
#[get("/logs/")]
pub async fn logs(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<RunQuery>,
) -> ApiResult<HttpResponse> {
    let (scope, run, lines) = (auth.scope, q.0.run()?, q.0.lines.unwrap_or(100));
    let events = db(&state, move |c, _| {
        Ok(automation::pipeline::runs::logs(c, &scope, run, lines)?)
    })
    .await?;
    Ok(envelope::ok(RunLogs {
        run_id: run,
        events,
    }))
}

/// Pending items per stage and the active run of a site.
#[utoipa::path(tag = "automation", params(SiteQuery), security(("bearer" = [])), responses(
    (status = 200, body = PipelineOverview), (status = 404)))]
#[get("/pipeline_overview/")]
pub async fn pipeline_overview(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<SiteQuery>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, q.0.site()?);
    let o = db(&state, move |c, _| {
        Ok(automation::pipeline::runs::pipeline_overview(
            c, &scope, site,
        )?)
    })
    .await?;
    Ok(envelope::ok(o))
}

type RunAction = fn(
    &mut diesel::PgConnection,
    &Scope,
    AutomationRunId,
    chrono::DateTime<chrono::Utc>,
) -> automation::Result<Run>;

async fn steer(
    state: web::Data<AppState>,
    auth: Auth,
    q: RunQuery,
    action: RunAction,
) -> ApiResult<HttpResponse> {
    let (scope, run) = (auth.scope, q.run()?);
    let r = db(&state, move |c, st| {
        Ok(action(c, &scope, run, st.clock.now())?)
    })
    .await?;
    Ok(envelope::ok(r))
}

/// Pauses a running run after the item in progress (editor+).
#[utoipa::path(tag = "automation", params(RunQuery), security(("bearer" = [])), responses(
    (status = 200, body = Run), (status = 403), (status = 404),
    (status = 422, description = "invalid_state: the run has ended")))]
#[post("/pause/")]
pub async fn pause(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<RunQuery>,
) -> ApiResult<HttpResponse> {
    steer(state, auth, q.0, automation::pipeline::runs::pause).await
}

/// Resumes a paused run from its saved stage and position (editor+).
#[utoipa::path(tag = "automation", params(RunQuery), security(("bearer" = [])), responses(
    (status = 200, body = Run), (status = 403), (status = 404),
    (status = 422, description = "invalid_state: the run has ended")))]
#[post("/resume/")]
pub async fn resume(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<RunQuery>,
) -> ApiResult<HttpResponse> {
    steer(state, auth, q.0, automation::pipeline::runs::resume).await
}

/// Cancels a running or paused run after the item in progress (editor+).
#[utoipa::path(tag = "automation", params(RunQuery), security(("bearer" = [])), responses(
    (status = 200, body = Run), (status = 403), (status = 404),
    (status = 422, description = "invalid_state: the run has ended")))]
#[post("/cancel/")]
pub async fn cancel(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<RunQuery>,
) -> ApiResult<HttpResponse> {
    steer(state, auth, q.0, automation::pipeline::runs::cancel).await
}

/// Events read per notification.
const EVENTS_PER_READ: i64 = 500;

struct Stream {
    state: web::Data<AppState>,
    scope: Scope,
    run: AutomationRunId,
    last: Option<AutomationEventId>,
    rx: tokio::sync::broadcast::Receiver<Notice>,
    out: VecDeque<Bytes>,
    done: bool,
}

impl Stream {
    /// Reads the events after `last`; a final event closes the stream with the final state.
    async fn catch_up(&mut self) -> Result<(), ApiError> {
        let (scope, run, last) = (self.scope.clone(), self.run, self.last);
        let (events, final_state) = db(&self.state, move |c, _| {
            let events =
                automation::pipeline::runs::events_after(c, &scope, run, last, EVENTS_PER_READ)?;
            let ends = events.iter().any(|e| e.kind.is_final());
            let state = if ends {
                Some(automation::pipeline::runs::get_run(c, &scope, run)?)
            } else {
                None
            };
            Ok((events, state))
        })
        .await?;
        for e in &events {
            self.out
                .push_back(sse_event(Some(e.id.get()), e.kind.as_str(), e));
            self.last = Some(e.id);
        }
        if let Some(run) = final_state {
            self.out
                .push_back(sse_event(self.last.map(|l| l.get()), "state", &run));
            self.done = true;
        }
        Ok(())
    }

    async fn next(mut self) -> Option<(Result<Bytes, actix_web::Error>, Self)> {
        loop {
            if let Some(b) = self.out.pop_front() {
                return Some((Ok(b), self));
            }
            if self.done {
                return None;
            }
            match tokio::time::timeout(KEEP_ALIVE, self.rx.recv()).await {
                Err(_) => self.out.push_back(Bytes::from_static(b": keep-alive\n\n")),
                Ok(Ok(Notice::Event { run_id, .. })) if run_id != self.run.get() => {}
                Ok(Ok(Notice::AiTask { .. })) => {}
                Ok(Ok(_)) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {
                    if let Err(e) = self.catch_up().await {
                        tracing::warn!(run = %self.run, error = %e, "run event stream ends on an error");
                        return None;
                    }
                }
                Ok(Err(tokio::sync::broadcast::error::RecvError::Closed)) => return None,
            }
        }
    }
}

/// A run's live progress as server-sent events. A new client first gets `state` (the run as
/// `GET current_run/` shows it, with the latest event id), then every event as it happens
/// (`stage_started`, `stage_progress`, `stage_completed`, `run_paused`, …; `id` is the event id).
/// With `Last-Event-ID` the events after that id are replayed instead of the state. The stream
/// ends after the run's final event with a last `state`.
#[utoipa::path(tag = "automation", security(("bearer" = [])), responses(
    (status = 200, description = "text/event-stream of run events", content_type = "text/event-stream"),
    (status = 404)))]
#[get("/runs/{id}/events/")]
pub async fn run_events(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let run = AutomationRunId(id.into_inner());
    let last_event_id = req
        .headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map(AutomationEventId);
    // Subscribe before reading, so nothing that happens in between is missed.
    let rx = state.events.subscribe();
    let scope = auth.scope;
    let s2 = scope.clone();
    let (view, latest) = db(&state, move |c, _| {
        let view = automation::pipeline::runs::get_run(c, &s2, run)?;
        let latest = automation::pipeline::runs::logs(c, &s2, run, 1)?
            .last()
            .map(|e| e.id);
        Ok((view, latest))
    })
    .await?;
    let mut stream = Stream {
        state: state.clone(),
        scope,
        run,
        last: last_event_id,
        rx,
        out: VecDeque::new(),
        done: false,
    };
    match last_event_id {
        Some(_) => {
            stream.catch_up().await?;
            if !stream.done && !view.status.is_active() {
                // The client saw the final event already: close with the final state.
                stream
                    .out
                    .push_back(sse_event(stream.last.map(|l| l.get()), "state", &view));
                stream.done = true;
            }
        }
        None => {
            stream.last = latest;
            stream
                .out
                .push_back(sse_event(latest.map(|l| l.get()), "state", &view));
            if !view.status.is_active() {
                stream.done = true;
            }
        }
    }
    let body = futures_util::stream::unfold(stream, Stream::next);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/event-stream"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("x-accel-buffering", "no"))
        .streaming(body))
}
