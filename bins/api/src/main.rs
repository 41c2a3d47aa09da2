//! `api`: serve the HTTP API, or run a maintenance command.
//!
//! ```text
//! api [serve]                    migrate, seed, then serve on IGNY8_BIND (migrations, seeds and
//!                                the OpenAPI document are made by child processes: `api seed`,
//!                                `api openapi`)
//! api migrate                    apply pending migrations and exit
//! api seed                       load reference data (idempotent) and exit
//! api create-staff --email E     create a platform staff user; password read from stdin
//! api openapi                    print the OpenAPI document (no database needed) and exit
//! ```

use anyhow::{Context, Result, bail};
use api::config::Config;
use api::state::AppState;
use kernel::Clock;
use std::io::BufRead;
use tenancy::token::AuthConfig;

fn init_tracing(json: bool) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let b = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if json {
        b.json().init();
    } else {
        b.init();
    }
}

fn pool(cfg: &Config) -> Result<db::DbPool> {
    pool_of(&cfg.database_url, cfg.db_pool_size)
}

fn pool_of(url: &str, max_size: u32) -> Result<db::DbPool> {
    db::build_pool(
        url,
        &db::PoolOptions {
            max_size,
            ..Default::default()
        },
    )
    .with_context(|| format!("cannot connect to {}", api::config::redact_url(url)))
}

/// The pool of `migrate` and `seed`: they need the database only (no secrets, no other setting).
fn maintenance_pool() -> Result<db::DbPool> {
    let url = std::env::var("IGNY8_DATABASE_URL")
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .context("IGNY8_DATABASE_URL is not set (use `make run`, which starts a local PostgreSQL and sets it)")?;
    pool_of(&url, 2)
}

fn migrate_and_seed(pool: &db::DbPool, seed: bool) -> Result<()> {
    let mut conn = pool
        .get()
        .context("cannot connect to the database (IGNY8_DATABASE_URL)")?;
    let applied = db::run_migrations(&mut conn)
        .map_err(anyhow::Error::msg)
        .context("migrations failed")?;
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "applied migrations");
    }
    if seed {
        let r = tenancy::seed::seed_reference_data(&mut conn)
            .context("seeding reference data failed")?;
        tracing::info!(
            industries = r.industries,
            sectors = r.sectors,
            plans = r.plans,
            "reference data loaded"
        );
        let b = billing::seed::seed_billing_data(&mut conn)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("seeding billing data failed")?;
        tracing::info!(
            packages = b.packages,
            operations = b.operations,
            models = b.models,
            "billing data loaded"
        );
        let n = planning::seeds::load_seed_keywords(&mut conn)
            .context("seeding the keyword library failed")?;
        tracing::info!(seed_keywords = n, "keyword library loaded");
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("serve");
    let json_logs = std::env::var("IGNY8_LOG_FORMAT").is_ok_and(|v| v == "json");
    init_tracing(json_logs);
    match cmd {
        "serve" => serve(),
        "migrate" => {
            migrate_and_seed(&maintenance_pool()?, false)?;
            println!("migrations applied");
            Ok(())
        }
        "seed" => {
            migrate_and_seed(&maintenance_pool()?, true)?;
            println!("reference data loaded");
            Ok(())
        }
        "openapi" => {
            println!("{:#}", api::openapi());
            Ok(())
        }
        "create-staff" => {
            let email = match (args.get(1).map(String::as_str), args.get(2)) {
                (Some("--email"), Some(e)) => e.clone(),
                _ => bail!("usage: api create-staff --email EMAIL   (password is read from stdin)"),
            };
            let cfg = Config::from_env()?;
            let pool = pool(&cfg)?;
            migrate_and_seed(&pool, true)?;
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("read password from stdin")?;
            let password = password.trim_end_matches(['\r', '\n']);
            let mut conn = pool.get()?;
            let user = tenancy::auth::create_staff(&mut conn, &email, password)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("staff user {} (id {}) ready", user.email, user.id);
            Ok(())
        }
        "-h" | "--help" | "help" => {
            println!("usage: api [serve|migrate|seed|openapi|create-staff --email EMAIL]");
            Ok(())
        }
        other => bail!("unknown command '{other}'; try `api help`"),
    }
}

/// Runs this binary as `api <command>` in a child process with the same environment. Start-up
/// work the server does not need afterwards (migrations, seeds, describing every route for the
/// OpenAPI document) runs this way, so the code and memory it touches never become part of the
/// serving process. With `capture` the child's standard output is returned (its log limited to
/// errors); otherwise its output is the server's own.
fn child(command: &str, capture: bool) -> Result<String> {
    let exe = std::env::current_exe().context("cannot find the api binary")?;
    let mut cmd = std::process::Command::new(&exe);
    cmd.arg(command).stderr(std::process::Stdio::inherit());
    let out = if capture {
        cmd.env("RUST_LOG", "error").output()
    } else {
        cmd.status().map(|status| std::process::Output {
            status,
            stdout: Vec::new(),
            stderr: Vec::new(),
        })
    }
    .with_context(|| format!("cannot run `api {command}`"))?;
    if !out.status.success() {
        bail!("`api {command}` failed ({})", out.status);
    }
    String::from_utf8(out.stdout).with_context(|| format!("`api {command}` printed non-UTF-8"))
}

fn serve() -> Result<()> {
    let cfg = Config::from_env()?;
    child("seed", false)?;
    let document = api::Document::from_json(&child("openapi", true)?)
        .context("`api openapi` printed no JSON document")?;
    let pool = pool(&cfg)?;
    let mut auth = AuthConfig::new(cfg.jwt_secret.clone(), cfg.public_url.clone());
    auth.log_links = !cfg.production;
    // The same AI settings the worker reads; the API needs only how many images an article gets.
    let ai_settings =
        ai::Settings::from_lookup(|k| std::env::var(k).ok()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let state = AppState {
        images_per_article: i64::try_from(ai_settings.n_in_article_images).unwrap_or(0) + 1,
        events: api::live::EventHub::new(cfg.database_url.clone()),
        pool,
        auth,
        clock: Clock::system(),
        media: std::sync::Arc::new(content::storage::LocalMediaStore::new(&cfg.media_dir)),
        csv_max_bytes: cfg.csv_max_bytes,
        secret_key: cfg.secret_key.clone().into(),
        metrics: Default::default(),
        throttle: std::sync::Arc::new(api::throttle::Throttle::new(cfg.budgets)),
        cors_origins: cfg.cors_origins.clone().into(),
        stripe: cfg.stripe.clone().map(std::sync::Arc::new),
        web_dir: cfg.web_dir.clone().into(),
    };
    // The listener feeds the session cache: connect it now, not on the first request.
    state.events.start();
    tracing::info!(bind = %cfg.bind, workers = cfg.http_workers, "IGNY8 API listening; docs at /api/docs/");
    actix_web::rt::System::new().block_on(async move {
        let metrics_server = match &cfg.metrics_bind {
            Some(bind) => {
                let state = state.clone();
                tracing::info!(%bind, "metrics at /metrics");
                Some(
                    actix_web::HttpServer::new(move || api::build_metrics_app(state.clone()))
                        .workers(1)
                        .worker_max_blocking_threads(2)
                        .bind(bind)
                        .with_context(|| format!("cannot listen on {bind} (IGNY8_METRICS_BIND)"))?
                        .run(),
                )
            }
            None => None,
        };
        // Each blocking task takes one pooled connection: as many blocking threads as
        // connections, so requests queue in order on the blocking pool instead of racing for
        // the pool's connections (an unfair wait that made the latency tail).
        // Once every worker has built its app, give back what building them freed.
        let workers = cfg.http_workers;
        let built = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let api_server = actix_web::HttpServer::new(move || {
            let app = api::build_app_with(state.clone(), document.clone());
            if built.fetch_add(1, std::sync::atomic::Ordering::AcqRel) + 1 == workers {
                // Off the event loop: glibc locks and walks every arena.
                actix_web::rt::task::spawn_blocking(|| {
                    let released = api::memory::release_free_memory();
                    tracing::debug!(released, "start-up memory returned to the system");
                });
            }
            app
        })
        .workers(cfg.http_workers)
        .worker_max_blocking_threads(api::blocking::threads_per_worker(
            cfg.db_pool_size,
            cfg.http_workers,
        ))
        .shutdown_timeout(30)
        .bind(&cfg.bind)
        .with_context(|| format!("cannot listen on {}", cfg.bind))?
        .run();
        match metrics_server {
            Some(m) => {
                let m_handle = m.handle();
                let out = tokio::select! {
                    r = api_server => r,
                    r = m => r,
                };
                m_handle.stop(true).await;
                out.context("server error")
            }
            None => api_server.await.context("server error"),
        }
    })
}
