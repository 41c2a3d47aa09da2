//! `api`: serve the HTTP API, or run a maintenance command.
//!
//! ```text
//! api [serve]                    migrate, seed, then serve on IGNY8_BIND
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
    db::build_pool(
        &cfg.database_url,
        &db::PoolOptions {
            max_size: cfg.db_pool_size,
            ..Default::default()
        },
    )
    .with_context(|| {
        format!(
            "cannot connect to {}",
            api::config::redact_url(&cfg.database_url)
        )
    })
}

fn migrate_and_seed(pool: &db::DbPool, seed: bool) -> Result<()> {
    let mut conn = pool.get().context("database connection")?;
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
            let cfg = Config::from_env()?;
            migrate_and_seed(&pool(&cfg)?, false)?;
            println!("migrations applied");
            Ok(())
        }
        "seed" => {
            let cfg = Config::from_env()?;
            migrate_and_seed(&pool(&cfg)?, true)?;
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

fn serve() -> Result<()> {
    let cfg = Config::from_env()?;
    let pool = pool(&cfg)?;
    migrate_and_seed(&pool, true)?;
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
            let app = api::build_app(state.clone());
            if built.fetch_add(1, std::sync::atomic::Ordering::AcqRel) + 1 == workers {
                actix_web::rt::spawn(async {
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
