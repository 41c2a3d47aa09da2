//! Resilience of the HTTP API: a PostgreSQL restart under load, NUL characters in every kind
//! of text input, security headers, and the readiness probe.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use diesel::RunQueryDsl;
use diesel::prelude::*;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::pg_cluster::PgCluster;

const KW: &str = "/api/v1/planner/keywords/";

/// The error envelope of a NUL refusal names the field.
fn assert_nul_refused(r: &Resp, field: &str) {
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed"),
        "{:?}",
        r.json()
    );
    assert_eq!(
        r.json()["errors"][field][0],
        "Must not contain NUL (U+0000) characters.",
        "{:?}",
        r.json()
    );
}

#[actix_web::test]
async fn nul_characters_answer_400_for_json_fields_query_parameters_and_paths() {
    let c = ctx();
    let app = app(&c.state).await;
    let (site, sector) = (c.a.site_id.get(), c.a.sector_ids[0].get());

    // A JSON string field.
    let r = post("/api/v1/planner/clusters/")
        .bearer(&c.a.access)
        .json(&json!({"site_id": site, "sector_id": sector, "name": "a\u{0}b"}))
        .send(&app)
        .await;
    assert_nul_refused(&r, "name");
    // Nested in an array of objects.
    let r = post("/api/v1/planner/ideas/")
        .bearer(&c.a.access)
        .json(
            &json!({"site_id": site, "sector_id": sector, "idea_title": "Fine",
                      "outline": {"sections": [{"heading": "ok"}, {"heading": "x\u{0}"}]}}),
        )
        .send(&app)
        .await;
    assert_nul_refused(&r, "outline.sections[1].heading");
    // In a list of strings.
    let r = post(&format!("/api/v1/auth/sites/{site}/select_sectors/"))
        .bearer(&c.a.access)
        .json(&json!({"industry_slug": "technology", "sector_slugs": ["software-and-saas", "b\u{0}ad"]}))
        .send(&app)
        .await;
    assert_nul_refused(&r, "sector_slugs[1]");
    // A query parameter, percent-encoded, on a list and on a search.
    let r = get(&format!("{KW}?search=%00"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_nul_refused(&r, "search");
    let r = get(&format!(
        "{KW}?site_id={site}&search=ab%00cd&ordering=-volume"
    ))
    .bearer(&c.a.access)
    .send(&app)
    .await;
    assert_nul_refused(&r, "search");
    // Before authentication: nothing reaches a handler.
    let r = get(&format!("{KW}?search=%00")).send(&app).await;
    assert_nul_refused(&r, "search");
    // A path segment.
    let r = get("/api/v1/planner/keywords/1%00/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_nul_refused(&r, "path");
    // An escaped percent sign is text, not a NUL.
    let r = get(&format!("{KW}?search=%2500"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());

    // Nothing was written by the refused requests.
    let mut conn = c.db.conn();
    let clusters: i64 = db::schema::clusters::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    let ideas: i64 = db::schema::content_ideas::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    let keywords: i64 = db::schema::keywords::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!((clusters, ideas, keywords), (0, 0, 0));
}

fn multipart(fields: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "XyZnulBoundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        if *name == "file" {
            body.extend_from_slice(
                b"Content-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\n",
            );
        } else {
            body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[actix_web::test]
async fn nul_characters_in_csv_cells_and_multipart_fields_are_refused_without_losing_the_rest() {
    let c = ctx();
    let app = app(&c.state).await;
    let (site, sector) = (c.a.site_id.get(), c.a.sector_ids[0].get());
    // A NUL in a multipart field.
    let (ct, body) = multipart(&[
        ("site_id", b"1\x002"),
        ("sector_id", sector.to_string().as_bytes()),
        ("file", b"keyword,volume\nalpha,10\n"),
    ]);
    let r = post(&format!("{KW}import_csv/"))
        .bearer(&c.a.access)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed"),
        "{:?}",
        r.json()
    );
    assert!(r.json()["errors"]["site_id"].is_array(), "{:?}", r.json());

    // A NUL near the top of the file: the file is refused as binary, nothing is imported.
    let r = post(&format!(
        "{KW}import_csv/?site_id={site}&sector_id={sector}"
    ))
    .bearer(&c.a.access)
    .raw(
        "text/csv",
        b"keyword,volume\nalpha,10\nbe\x00ta,20\n".to_vec(),
    )
    .send(&app)
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{:?}", r.json());

    // A NUL in a cell past the first 64 KiB: that row is reported and skipped, the others land.
    let mut csv = String::from("keyword,volume\n");
    let filler = 1500; // within the plan's 2,000 keywords
    for i in 0..filler {
        csv.push_str(&format!(
            "filler keyword number {i:05} padded out to fill the sample,{i}\n"
        ));
    }
    assert!(csv.len() > 64 * 1024);
    csv.push_str("bad\u{0}keyword,5\nlast keyword,7\n");
    let r = post(&format!(
        "{KW}import_csv/?site_id={site}&sector_id={sector}"
    ))
    .bearer(&c.a.access)
    .raw("text/csv", csv.into_bytes())
    .send(&app)
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    let d = r.data();
    assert_eq!(d["created"], filler + 1, "{d}");
    assert_eq!(d["skipped"], 1, "{d}");
    assert_eq!(
        d["errors"],
        json!([{"row": filler + 1, "reason": "The row contains a NUL (U+0000) character."}])
    );
}

#[actix_web::test]
async fn responses_carry_security_headers_and_the_docs_page_a_strict_offline_policy() {
    let c = ctx();
    let app = app(&c.state).await;
    let ok = get(KW).bearer(&c.a.access).send(&app).await;
    let err = get(KW).send(&app).await;
    let missing = get("/api/v1/nothing-here/").send(&app).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(err.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    for r in [&ok, &err, &missing] {
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"));
        assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));
        assert_eq!(
            r.header("content-security-policy").as_deref(),
            Some(api::API_CSP)
        );
    }
    let docs = get("/api/docs/").send(&app).await;
    assert_eq!(docs.status, StatusCode::OK);
    let csp = docs.header("content-security-policy").unwrap();
    assert_eq!(csp, api::DOCS_CSP);
    assert!(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe"));
    assert!(csp.contains("frame-ancestors 'none'"));
    // Offline: the page loads its scripts and styles from this server only, with no inline
    // script the policy would block.
    let html = String::from_utf8(docs.body.clone()).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    let inline_scripts = html
        .split("<script")
        .skip(1)
        .filter(|tag| !tag.split('>').next().unwrap_or("").contains("src="))
        .count();
    assert_eq!(inline_scripts, 0, "{html}");
    for asset in [
        "swagger-ui-bundle.js",
        "swagger-initializer.js",
        "swagger-ui.css",
    ] {
        assert!(html.contains(asset), "{asset} in {html}");
        let r = get(&format!("/api/docs/{asset}")).send(&app).await;
        assert_eq!(r.status, StatusCode::OK, "{asset}");
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
    }
}

#[actix_web::test]
async fn ready_answers_200_when_the_schema_is_current_and_503_when_a_migration_is_pending() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = get("/api/ready/").send(&app).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["status"], "ready");
    assert_eq!(r.data()["migrations"], "current");
    // Forget the newest migration: the binary now embeds one the database lacks.
    diesel::sql_query(
        "DELETE FROM __diesel_schema_migrations WHERE version = (SELECT max(version) FROM __diesel_schema_migrations)",
    )
    .execute(&mut c.db.conn())
    .unwrap();
    let r = get("/api/ready/").send(&app).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
        "{:?}",
        r.json()
    );
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    // Liveness is not readiness: ping still answers.
    let r = get("/api/ping/").send(&app).await;
    assert_eq!(r.status, StatusCode::OK);
}

/// What one request of the read loop saw.
struct Seen {
    at: Instant,
    status: StatusCode,
    code: String,
    retry_after: Option<String>,
}

#[actix_web::test]
async fn a_database_restart_costs_503s_with_retry_after_and_heals_at_once() {
    let cluster = PgCluster::start();
    let url = cluster.url();
    let pool_size = 4;
    let pool = db::build_pool(
        &url,
        &db::PoolOptions {
            max_size: pool_size,
            connection_timeout: Duration::from_millis(500),
        },
    )
    .unwrap();
    let tenant = {
        let mut conn = pool.get().unwrap();
        test_support::migrate_and_seed(&mut conn);
        test_support::TenantFixture::create(&mut conn, "alice")
    };
    let state = state_on(pool, &url);
    let app = app(&state).await;
    let read = || get(KW).bearer(&tenant.access);
    // Warm the pool: every connection is open before the restart.
    let mut warm = Vec::new();
    for _ in 0..pool_size * 2 {
        warm.push(read().send(&app));
    }
    for r in futures_util::future::join_all(warm).await {
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    }

    let mut restart = Some(std::thread::spawn(move || {
        let took = cluster.restart();
        (cluster, took, Instant::now())
    }));
    let mut seen: Vec<Seen> = Vec::new();
    let mut back_at: Option<Instant> = None;
    let mut restarted = None;
    loop {
        let r = read().send(&app).await;
        seen.push(Seen {
            at: Instant::now(),
            status: r.status,
            code: r.code(),
            retry_after: r.header("retry-after"),
        });
        if restart.as_ref().is_some_and(|h| h.is_finished()) {
            let (cluster, took, at) = restart.take().unwrap().join().unwrap();
            back_at = Some(at);
            restarted = Some((cluster, took));
        }
        if let Some(b) = back_at
            && b.elapsed() > Duration::from_secs(3)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let back_at = back_at.unwrap();
    // Never a 500: every failure is 503 `unavailable` with Retry-After.
    for s in &seen {
        assert!(
            s.status == StatusCode::OK
                || (s.status == StatusCode::SERVICE_UNAVAILABLE
                    && s.code == "unavailable"
                    && s.retry_after.as_deref() == Some("1")),
            "{} {} {:?}",
            s.status,
            s.code,
            s.retry_after
        );
    }
    // Once the database is back, at most one failure per pooled connection, and the API serves
    // again within 2 s (the old pool kept handing out dead connections for 75 s).
    let after: Vec<&Seen> = seen.iter().filter(|s| s.at >= back_at).collect();
    let failed_after = after.iter().filter(|s| s.status != StatusCode::OK).count();
    assert!(
        failed_after <= pool_size as usize,
        "{failed_after} failures after the restart"
    );
    let healed = after
        .iter()
        .find(|s| s.status == StatusCode::OK)
        .map(|s| s.at.duration_since(back_at))
        .expect("a success after the restart");
    assert!(healed < Duration::from_secs(2), "healed after {healed:?}");
    assert!(
        after
            .iter()
            .filter(|s| s.at.duration_since(back_at) > Duration::from_secs(2))
            .all(|s| s.status == StatusCode::OK),
        "failures more than 2 s after the restart"
    );
    let (_cluster, took) = restarted.unwrap();
    eprintln!(
        "restart took {took:?}; {} requests, {} failed during, {failed_after} after; healed {healed:?} after the database was back",
        seen.len(),
        seen.iter()
            .filter(|s| s.status != StatusCode::OK && s.at < back_at)
            .count()
    );
}

/// The value of the sample `name{labels}` in a Prometheus text exposition.
fn sample(text: &str, name_and_labels: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name_and_labels)?.trim().parse().ok())
}

#[actix_web::test]
async fn metrics_are_scraped_on_their_own_listener_after_traffic() {
    let c = ctx();
    let app = app(&c.state).await;
    for _ in 0..3 {
        let r = get(KW).bearer(&c.a.access).send(&app).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = get(&format!("{KW}999999/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Not on the public application.
    assert_eq!(
        get("/metrics").send(&app).await.status,
        StatusCode::NOT_FOUND
    );
    {
        let mut conn = c.db.conn();
        db::jobs::enqueue(&mut conn, &tenancy::jobs::PurgeExpiredAuth {}).unwrap();
        db::jobs::count_outcome(
            &mut conn,
            "planning.example",
            db::jobs::JobOutcome::Retried,
            0,
        )
        .unwrap();
        db::jobs::count_outcome(
            &mut conn,
            "planning.example",
            db::jobs::JobOutcome::Retried,
            0,
        )
        .unwrap();
    }

    let metrics = actix_web::test::init_service(api::build_metrics_app(c.state.app.clone())).await;
    let r = get("/metrics").send(&metrics).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = String::from_utf8(r.body.clone()).unwrap();
    // By route template (ids do not make series) and status.
    assert_eq!(
        sample(
            &text,
            "igny8_http_requests_total{method=\"GET\",route=\"/api/v1/planner/keywords/\",status=\"200\"}"
        ),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "igny8_http_requests_total{method=\"GET\",route=\"/api/v1/planner/keywords/{id}/\",status=\"404\"}"
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "igny8_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/planner/keywords/\"}"
        ),
        Some(3.0),
        "{text}"
    );
    assert!(text.contains("igny8_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/planner/keywords/\",le=\"0.001\"}"));
    // Pool, queue depth and job outcomes, read at scrape time.
    assert!(
        sample(&text, "igny8_db_pool_connections{state=\"idle\"}").is_some(),
        "{text}"
    );
    assert!(
        sample(&text, "igny8_db_pool_connections{state=\"in_use\"}").is_some(),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "igny8_jobs_queued{state=\"new\",task_type=\"maintenance\"}"
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "igny8_jobs_finished_total{job=\"planning.example\",outcome=\"retried\"}"
        ),
        Some(2.0),
        "{text}"
    );
}

#[actix_web::test]
async fn route_groups_have_their_own_budget_per_account() {
    let c = ctx();
    let mut state = c.state.app.clone();
    state.throttle = Arc::new(api::throttle::Throttle::new(api::throttle::Budgets {
        ai_per_min: 2,
        csv_per_min: 1,
        writes_per_min: 3,
    }));
    let app = app(&state).await;
    let (site, sector) = (c.a.site_id.get(), c.a.sector_ids[0].get());
    let throttled = |r: &Resp, group: &str, limit: &str| {
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            "{:?}",
            r.json()
        );
        let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry), "{retry}");
        assert_eq!(r.header("x-throttle-limit").as_deref(), Some(limit));
        assert_eq!(r.header("x-throttle-remaining").as_deref(), Some("0"));
        assert!(r.header("x-throttle-reset").is_some());
        assert!(
            r.json()["error"].as_str().unwrap().contains(group),
            "{:?}",
            r.json()
        );
    };

    // Writes: three admitted, counting down, then 429; nothing was written by the refusal.
    for (i, remaining) in ["2", "1", "0"].iter().enumerate() {
        let r = post("/api/v1/planner/clusters/")
            .bearer(&c.a.access)
            .json(&json!({"site_id": site, "sector_id": sector, "name": format!("c{i}")}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
        assert_eq!(r.header("x-throttle-limit").as_deref(), Some("3"));
        assert_eq!(
            r.header("x-throttle-remaining").as_deref(),
            Some(*remaining)
        );
    }
    let r = post("/api/v1/planner/clusters/")
        .bearer(&c.a.access)
        .json(&json!({"site_id": site, "sector_id": sector, "name": "c3"}))
        .send(&app)
        .await;
    throttled(&r, "write", "3");
    let clusters: i64 = db::schema::clusters::table
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(clusters, 3);

    // Reads are not limited and carry no throttle headers.
    for _ in 0..10 {
        let r = get(KW).bearer(&c.a.access).send(&app).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("x-throttle-limit"), None);
    }

    // AI actions have their own budget (the write budget is spent, these still pass).
    for _ in 0..2 {
        let r = post(&format!("{KW}auto_cluster/"))
            .bearer(&c.a.access)
            .json(&json!({"ids": [1]}))
            .send(&app)
            .await;
        assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS, "{:?}", r.json());
        assert_eq!(r.header("x-throttle-limit").as_deref(), Some("2"));
    }
    let r = post(&format!("{KW}auto_cluster/"))
        .bearer(&c.a.access)
        .json(&json!({"ids": [1]}))
        .send(&app)
        .await;
    throttled(&r, "AI", "2");

    // CSV export: one a minute here.
    let export = format!("{KW}export_csv/?site_id={site}");
    let r = get(&export).bearer(&c.a.access).send(&app).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("x-throttle-remaining").as_deref(), Some("0"));
    let r = get(&export).bearer(&c.a.access).send(&app).await;
    throttled(&r, "CSV", "1");

    // Another tenant is not starved: its buckets are its own.
    let r = post("/api/v1/planner/clusters/")
        .bearer(&c.b.access)
        .json(&json!({"site_id": c.b.site_id.get(), "sector_id": c.b.sector_ids[0].get(), "name": "b0"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    assert_eq!(r.header("x-throttle-remaining").as_deref(), Some("2"));
    let r = get(&format!("{KW}export_csv/?site_id={}", c.b.site_id.get()))
        .bearer(&c.b.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[actix_web::test]
async fn cors_admits_the_configured_origin_and_no_other() {
    let c = ctx();
    let mut state = c.state.app.clone();
    state.cors_origins = Arc::from(vec!["https://app.example.com".to_owned()]);
    let allowed_app = app(&state).await;
    let default_app = app(&c.state).await;
    let app = allowed_app;
    let preflight = |origin: &str| {
        test_support::http::Req::new(actix_web::http::Method::OPTIONS, KW)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
    };

    // The SPA's origin: the preflight passes with credentials, and every answer (an error too)
    // carries the headers a browser needs to let the SPA read it.
    let r = preflight("https://app.example.com").send(&app).await;
    assert!(r.status.is_success(), "{}", r.status);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        r.header("access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        assert!(methods.contains(m), "{methods}");
    }
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    assert!(
        allowed.contains("authorization") && allowed.contains("content-type"),
        "{allowed}"
    );
    for req in [get(KW).bearer(&c.a.access), get(KW)] {
        let r = req
            .header("origin", "https://app.example.com")
            .send(&app)
            .await;
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("https://app.example.com"),
            "{}",
            r.status
        );
        let exposed = r
            .header("access-control-expose-headers")
            .unwrap()
            .to_lowercase();
        for h in ["x-request-id", "x-throttle-remaining", "retry-after"] {
            assert!(exposed.contains(h), "{exposed}");
        }
    }

    // Another origin: the preflight is refused and answers carry no Access-Control-* header,
    // so a browser keeps the page from reading them.
    let r = preflight("https://evil.example.com").send(&app).await;
    assert!(!r.status.is_success(), "{}", r.status);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = get(KW)
        .bearer(&c.a.access)
        .header("origin", "https://evil.example.com")
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "non-browser clients are served");
    assert_eq!(r.header("access-control-allow-origin"), None);

    // No origins configured (the default): nothing is admitted.
    let r = preflight("https://app.example.com")
        .send(&default_app)
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[actix_web::test]
async fn every_list_refuses_an_unknown_ordering() {
    let c = ctx();
    let app = app(&c.state).await;
    let doc = api::openapi();
    let site = c.a.site_id.get();
    let mut lists = Vec::new();
    let mut accepted = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if item.get("get").is_none() || path.contains('{') || !path.starts_with("/api/v1/") {
            continue;
        }
        if path.contains("/admin/") || path.contains("export_csv") || path.contains("/events/") {
            continue;
        }
        let r = get(&format!("{path}?site_id={site}"))
            .bearer(&c.a.access)
            .send(&app)
            .await;
        if r.status != StatusCode::OK || r.json().get("results").is_none() {
            continue;
        }
        lists.push(path.clone());
        let r = get(&format!("{path}?site_id={site}&ordering=zzz_not_a_field"))
            .bearer(&c.a.access)
            .send(&app)
            .await;
        if (r.status, r.code().as_str()) != (StatusCode::BAD_REQUEST, "validation_failed") {
            accepted.push(format!("{path}: {}", r.status));
        }
    }
    assert!(lists.len() > 10, "{lists:?}");
    assert!(
        accepted.is_empty(),
        "lists that accept an unknown ordering: {accepted:#?}"
    );
    // A list with one fixed order accepts that order spelled out, and says which it is.
    for (path, order) in [
        ("/api/v1/notifications/", "-created_at"),
        ("/api/v1/auth/sectors/", "name"),
        ("/api/v1/billing/payments/", "-created_at"),
    ] {
        let r = get(&format!("{path}?ordering={order}"))
            .bearer(&c.a.access)
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {:?}", r.json());
        let r = get(&format!("{path}?ordering=id"))
            .bearer(&c.a.access)
            .send(&app)
            .await;
        assert_eq!(
            r.json()["errors"]["ordering"][0],
            format!("This list is always ordered by `{order}`."),
            "{path}"
        );
    }
}
