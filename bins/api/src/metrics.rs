//! Prometheus metrics: HTTP requests and latency by route template and status (recorded by a
//! middleware), and at scrape time the database pool, the job queue's depth and the worker's
//! job outcomes (counted in `job_outcomes` by the worker, so one scrape covers the product).
//!
//! Served at `/metrics` on its own listener (`IGNY8_METRICS_BIND`), never on the public port.

use crate::state::AppState;
use actix_web::{HttpResponse, web};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// The metric families of one process.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool: IntGaugeVec,
    queue: IntGaugeVec,
    jobs: IntGaugeVec,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

/// Latency buckets in seconds: 1 ms to 10 s.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

impl Metrics {
    /// Fresh metric families, registered.
    // The names, help texts and labels are constants: an error here is a programming error that
    // every test that builds an `AppState` would hit, not a condition to handle at run time.
    #[allow(clippy::expect_used)]
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "igny8_http_requests_total",
                "HTTP requests by method, route template and status.",
            ),
            &["method", "route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "igny8_http_request_duration_seconds",
                "HTTP request latency by method and route template.",
            )
            .buckets(BUCKETS.to_vec()),
            &["method", "route"],
        )
        .expect("valid metric");
        let pool = IntGaugeVec::new(
            Opts::new(
                "igny8_db_pool_connections",
                "Database pool connections of the API by state (in_use, idle).",
            ),
            &["state"],
        )
        .expect("valid metric");
        let queue = IntGaugeVec::new(
            Opts::new(
                "igny8_jobs_queued",
                "Jobs in the queue by type and state (new, in_progress, retried, failed).",
            ),
            &["task_type", "state"],
        )
        .expect("valid metric");
        let jobs = IntGaugeVec::new(
            Opts::new(
                "igny8_jobs_finished_total",
                "Jobs the workers finished, by job name and outcome (succeeded, retried, failed); \
                 kept in the database, so it survives worker restarts.",
            ),
            &["job", "outcome"],
        )
        .expect("valid metric");
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(pool.clone()),
            Box::new(queue.clone()),
            Box::new(jobs.clone()),
        ] {
            registry.register(c).expect("unique metric names");
        }
        Self {
            registry,
            requests,
            latency,
            pool,
            queue,
            jobs,
        }
    }

    /// Records one request. `route` is the matched template (`/api/v1/planner/keywords/{id}/`),
    /// never the raw path, so ids do not multiply the series.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(seconds);
    }

    /// The text exposition, with the pool, queue and job figures read now.
    pub fn render(&self, state: &AppState) -> String {
        let pool = state.pool.state();
        let idle = i64::from(pool.idle_connections);
        self.pool
            .with_label_values(&["in_use"])
            .set(i64::from(pool.connections) - idle);
        self.pool.with_label_values(&["idle"]).set(idle);
        match state.pool.get() {
            Ok(mut conn) => {
                match db::jobs::queue_stats(&mut conn) {
                    Ok(stats) => {
                        self.queue.reset();
                        for t in stats.task_types {
                            for (state, n) in [
                                ("new", t.new),
                                ("retried", t.retried),
                                ("in_progress", t.in_progress),
                                ("failed", t.failed),
                            ] {
                                self.queue.with_label_values(&[&t.task_type, state]).set(n);
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "metrics: cannot read the queue depth"),
                }
                match db::jobs::job_outcomes(&mut conn) {
                    Ok(rows) => {
                        for r in rows {
                            self.jobs
                                .with_label_values(&[&r.job, &r.outcome])
                                .set(r.count);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "metrics: cannot read job outcomes"),
                }
            }
            Err(e) => tracing::warn!(error = %e, "metrics: no database connection"),
        }
        let mut out = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::error!(error = %e, "metrics: cannot encode");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// `GET /metrics` of the metrics listener.
async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    let body = web::block(move || state.metrics.render(&state))
        .await
        .unwrap_or_default();
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}

/// The metrics listener's application: `/metrics` only.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(scrape));
}
