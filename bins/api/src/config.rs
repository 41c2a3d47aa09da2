//! Configuration from `IGNY8_*` environment variables, parsed once at start.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// Default CSV upload limit: 20 MiB.
pub const DEFAULT_CSV_MAX_BYTES: usize = 20 * 1024 * 1024;

/// Everything the API process needs from its environment.
#[derive(Clone)]
pub struct Config {
    /// PostgreSQL URL (`IGNY8_DATABASE_URL`).
    pub database_url: String,
    /// Listen address (`IGNY8_BIND`, default `127.0.0.1:8000`).
    pub bind: String,
    /// HS256 signing secret (`IGNY8_JWT_SECRET`).
    pub jwt_secret: Vec<u8>,
    /// Key for encrypting stored secrets (`IGNY8_SECRET_KEY`).
    pub secret_key: Vec<u8>,
    /// Public URL of the SPA, used in emailed links (`IGNY8_PUBLIC_URL`).
    pub public_url: String,
    /// HTTP worker threads (`IGNY8_HTTP_WORKERS`, default 2).
    pub http_workers: usize,
    /// Database pool size (`IGNY8_DB_POOL_SIZE`, default 8).
    pub db_pool_size: u32,
    /// `json` or `pretty` logs (`IGNY8_LOG_FORMAT`).
    pub log_json: bool,
    /// Where development secrets are kept (`IGNY8_DATA_DIR`, default `.data`).
    pub data_dir: PathBuf,
    /// `IGNY8_ENV=production` turns off development conveniences (logging emailed links).
    pub production: bool,
    /// Where image files are kept (`IGNY8_MEDIA_DIR`, default `<data dir>/media`).
    pub media_dir: PathBuf,
    /// Largest accepted CSV upload in bytes (`IGNY8_CSV_MAX_BYTES`, default 20 MiB).
    pub csv_max_bytes: usize,
    /// The built web app served on the API's origin (`IGNY8_WEB_DIR`, default `web/dist`).
    pub web_dir: PathBuf,
    /// Listen address of the Prometheus `/metrics` endpoint (`IGNY8_METRICS_BIND`; unset: no
    /// metrics listener). Keep it off the public interface: tenants must not reach it.
    pub metrics_bind: Option<String>,
    /// Requests a minute per account for AI actions, CSV import/export and other writes
    /// (`IGNY8_RATE_AI_PER_MIN` 60, `IGNY8_RATE_CSV_PER_MIN` 20, `IGNY8_RATE_WRITES_PER_MIN`
    /// 600; 0 = unlimited).
    pub budgets: crate::throttle::Budgets,
    /// Origins a browser may call the API from (`IGNY8_CORS_ORIGINS`, comma-separated
    /// `scheme://host[:port]`; none by default).
    pub cors_origins: Vec<String>,
    /// The card gateway (`IGNY8_STRIPE_SECRET_KEY`, `IGNY8_STRIPE_WEBHOOK_SECRET`,
    /// `IGNY8_STRIPE_API_BASE`); its `Debug` hides the secrets.
    pub stripe: Option<billing::gateway::StripeConfig>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("jwt_secret", &"<redacted>")
            .field("secret_key", &"<redacted>")
            .field("public_url", &self.public_url)
            .field("http_workers", &self.http_workers)
            .field("db_pool_size", &self.db_pool_size)
            .field("media_dir", &self.media_dir)
            .field("web_dir", &self.web_dir)
            .field("metrics_bind", &self.metrics_bind)
            .field("budgets", &self.budgets)
            .field("cors_origins", &self.cors_origins)
            .field("stripe", &self.stripe)
            .finish()
    }
}

/// Hides the password of a database URL for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Reads a secret from the environment, or from (creating if needed) a file in the data
/// directory, warning that a generated development secret is in use.
fn secret(name: &str, data_dir: &Path, file: &str) -> Result<Vec<u8>> {
    if let Some(v) = var(name) {
        if v.len() < 32 {
            bail!("{name} must be at least 32 characters");
        }
        return Ok(v.into_bytes());
    }
    let path = data_dir.join(file);
    let value = automation::dev_secret::development_secret(data_dir, file)
        .with_context(|| format!("read or create {}", path.display()))?;
    tracing::warn!(
        "{name} is not set; using the development secret kept in {}",
        path.display()
    );
    Ok(value.into_bytes())
}

impl Config {
    /// Parses the environment.
    pub fn from_env() -> Result<Self> {
        let data_dir = PathBuf::from(var("IGNY8_DATA_DIR").unwrap_or_else(|| ".data".into()));
        let database_url = var("IGNY8_DATABASE_URL")
            .context("IGNY8_DATABASE_URL is not set (use `make run`, which starts a local PostgreSQL and sets it)")?;
        let http_workers = match var("IGNY8_HTTP_WORKERS") {
            Some(v) => v.parse().context("IGNY8_HTTP_WORKERS must be a number")?,
            None => 2,
        };
        let db_pool_size = match var("IGNY8_DB_POOL_SIZE") {
            Some(v) => v.parse().context("IGNY8_DB_POOL_SIZE must be a number")?,
            None => 8,
        };
        let csv_max_bytes = match var("IGNY8_CSV_MAX_BYTES") {
            Some(v) => v
                .parse()
                .context("IGNY8_CSV_MAX_BYTES must be a number of bytes")?,
            None => DEFAULT_CSV_MAX_BYTES,
        };
        let defaults = crate::throttle::Budgets::default();
        let per_min = |name: &str, default: u32| -> Result<u32> {
            match var(name) {
                Some(v) => v.parse().with_context(|| {
                    format!("{name} must be a number of requests a minute (0 = unlimited)")
                }),
                None => Ok(default),
            }
        };
        let budgets = crate::throttle::Budgets {
            ai_per_min: per_min("IGNY8_RATE_AI_PER_MIN", defaults.ai_per_min)?,
            csv_per_min: per_min("IGNY8_RATE_CSV_PER_MIN", defaults.csv_per_min)?,
            writes_per_min: per_min("IGNY8_RATE_WRITES_PER_MIN", defaults.writes_per_min)?,
        };
        Ok(Self {
            database_url,
            bind: var("IGNY8_BIND").unwrap_or_else(|| "127.0.0.1:8000".into()),
            jwt_secret: secret("IGNY8_JWT_SECRET", &data_dir, "jwt_secret")?,
            secret_key: secret("IGNY8_SECRET_KEY", &data_dir, "secret_key")?,
            public_url: var("IGNY8_PUBLIC_URL").unwrap_or_else(|| "http://localhost:8000".into()),
            http_workers,
            db_pool_size,
            log_json: var("IGNY8_LOG_FORMAT").is_some_and(|f| f == "json"),
            media_dir: var("IGNY8_MEDIA_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("media")),
            web_dir: var("IGNY8_WEB_DIR")
                .filter(|v| !v.trim().is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("web/dist")),
            data_dir,
            production: var("IGNY8_ENV").is_some_and(|v| v == "production"),
            csv_max_bytes,
            metrics_bind: var("IGNY8_METRICS_BIND").filter(|v| !v.trim().is_empty()),
            budgets,
            cors_origins: parse_origins(var("IGNY8_CORS_ORIGINS").as_deref().unwrap_or(""))?,
            stripe: billing::gateway::StripeConfig::from_lookup(var),
        })
    }
}

/// Parses `IGNY8_CORS_ORIGINS`: comma-separated origins, each `http(s)://host[:port]` with no path.
pub fn parse_origins(v: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for o in v.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        let rest = o
            .strip_prefix("https://")
            .or_else(|| o.strip_prefix("http://"))
            .with_context(|| {
                format!("IGNY8_CORS_ORIGINS: {o:?} must start with http:// or https://")
            })?;
        if rest.is_empty() || rest.contains('/') || rest.contains('?') || rest.contains('#') {
            bail!(
                "IGNY8_CORS_ORIGINS: {o:?} must be an origin (scheme://host[:port]) with no path"
            );
        }
        out.push(o.to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{parse_origins, redact_url};

    #[test]
    fn cors_origins_are_checked() {
        assert_eq!(
            parse_origins(" http://localhost:5173 , https://app.example.com").unwrap(),
            vec!["http://localhost:5173", "https://app.example.com"]
        );
        assert!(parse_origins("").unwrap().is_empty());
        for bad in [
            "localhost:5173",
            "https://app.example.com/",
            "ftp://x",
            "https://a/b",
        ] {
            assert!(parse_origins(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redacts_password() {
        assert_eq!(
            redact_url("postgres://u:secret@h:5/db"),
            "postgres://u:***@h:5/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
    }
}
