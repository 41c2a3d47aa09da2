//! The worker's configuration, parsed once from `IGNY8_*` environment variables.

use std::fmt;
use std::time::Duration;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line (for log shippers).
    Json,
    /// Human-readable lines (development).
    Pretty,
}

/// Everything the worker reads from the environment.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// `IGNY8_DATABASE_URL`; may hold a password, so `Debug` never prints it.
    pub database_url: String,
    /// `IGNY8_WORKER_CONCURRENCY`: threads per task type (default 2).
    pub concurrency: u32,
    /// `IGNY8_JOB_STALE_SECS`: an `in_progress` task without a heartbeat for this long is
    /// orphaned (default 900 s).
    pub stale_after: Duration,
    /// `IGNY8_WORKER_POLL_MS`: how long an idle thread waits between fetches (default 250 ms,
    /// at most 1 s).
    pub poll_interval: Duration,
    /// `IGNY8_LOG_FORMAT`: `json` or `pretty` (default).
    pub log_format: LogFormat,
    /// `RUST_LOG`: the tracing filter (default `info`).
    pub log_filter: String,
    /// `IGNY8_SMTP_URL`, `IGNY8_MAIL_FROM`, `IGNY8_MAIL_DIR` (default `<IGNY8_DATA_DIR>/mail`):
    /// where the outbox is delivered. Its `Debug` hides the SMTP URL.
    pub mail: tenancy::mail::delivery::MailConfig,
    /// `IGNY8_API_URL`: the API's address as WordPress sites reach it (the bridge plugin
    /// downloads images from it). Unset: bridge posts carry only images with an external URL.
    pub api_url: Option<String>,
    /// `IGNY8_STRIPE_*`: the card gateway the renewal job charges saved cards through (unset:
    /// renewals are paid by transfer or a new checkout). Its `Debug` hides the secrets.
    pub stripe: Option<billing::gateway::StripeConfig>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &"<redacted>")
            .field("concurrency", &self.concurrency)
            .field("stale_after", &self.stale_after)
            .field("poll_interval", &self.poll_interval)
            .field("log_format", &self.log_format)
            .field("log_filter", &self.log_filter)
            .field("mail", &self.mail)
            .field("api_url", &self.api_url)
            .field("stripe", &self.stripe)
            .finish()
    }
}

/// A variable is missing or malformed; the message names it and says what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// `IGNY8_DATABASE_URL` is not set.
    #[error(
        "IGNY8_DATABASE_URL is not set: start the worker with `make run`, which sets it, or export it yourself (for the local cluster: `export IGNY8_DATABASE_URL=$(scripts/db.sh url)`)"
    )]
    MissingDatabaseUrl,
    /// A variable holds a value outside what it accepts.
    #[error("{name}={value:?} is invalid: expected {expected}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// What it held.
        value: String,
        /// What it accepts.
        expected: &'static str,
    },
    /// The mail settings are unusable (the message never contains the SMTP URL).
    #[error("{0}")]
    Mail(String),
}

impl From<tenancy::mail::delivery::MailConfigError> for ConfigError {
    fn from(e: tenancy::mail::delivery::MailConfigError) -> Self {
        ConfigError::Mail(e.to_string())
    }
}

/// Default threads per task type.
pub const DEFAULT_CONCURRENCY: u32 = 2;
/// Default orphan threshold in seconds.
pub const DEFAULT_STALE_SECS: u64 = 900;
/// Default idle poll interval in milliseconds.
pub const DEFAULT_POLL_MS: u64 = 250;

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Parses from any lookup (the environment, or a map in tests). Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let database_url = get("IGNY8_DATABASE_URL").ok_or(ConfigError::MissingDatabaseUrl)?;
        let concurrency = parse_in(
            "IGNY8_WORKER_CONCURRENCY",
            get("IGNY8_WORKER_CONCURRENCY"),
            DEFAULT_CONCURRENCY.into(),
            1,
            64,
            "an integer from 1 to 64",
        )?;
        let stale_secs = parse_in(
            "IGNY8_JOB_STALE_SECS",
            get("IGNY8_JOB_STALE_SECS"),
            DEFAULT_STALE_SECS,
            1,
            7 * 24 * 3600,
            "seconds, from 1 to 604800",
        )?;
        let poll_ms = parse_in(
            "IGNY8_WORKER_POLL_MS",
            get("IGNY8_WORKER_POLL_MS"),
            DEFAULT_POLL_MS,
            10,
            1000,
            "milliseconds, from 10 to 1000",
        )?;
        let log_format = match get("IGNY8_LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "IGNY8_LOG_FORMAT",
                    value: other.to_owned(),
                    expected: "`json` or `pretty`",
                });
            }
        };
        let data_dir = get("IGNY8_DATA_DIR").unwrap_or_else(|| ".data".to_owned());
        let mail = tenancy::mail::delivery::MailConfig {
            smtp_url: get("IGNY8_SMTP_URL"),
            from: get("IGNY8_MAIL_FROM")
                .unwrap_or_else(|| tenancy::mail::delivery::DEFAULT_FROM.to_owned()),
            dir: get("IGNY8_MAIL_DIR")
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| std::path::Path::new(&data_dir).join("mail")),
        };
        let api_url =
            match get("IGNY8_API_URL") {
                None => None,
                Some(u) => Some(integration::integrations::normalize_site_url(&u).map_err(
                    |_| ConfigError::Invalid {
                        name: "IGNY8_API_URL",
                        value: u.clone(),
                        expected: "an http(s) URL such as http://127.0.0.1:8080",
                    },
                )?),
            };
        // Refuse an unusable SMTP URL or sender at start, not at the first message.
        tenancy::mail::delivery::Mailer::from_config(&mail)?;
        Ok(Self {
            database_url,
            // In range 1..=64 by construction.
            concurrency: u32::try_from(concurrency).unwrap_or(DEFAULT_CONCURRENCY),
            stale_after: Duration::from_secs(stale_secs),
            poll_interval: Duration::from_millis(poll_ms),
            log_format,
            log_filter: get("RUST_LOG").unwrap_or_else(|| "info".to_owned()),
            mail,
            api_url,
            stripe: billing::gateway::StripeConfig::from_lookup(get),
        })
    }

    /// How often the housekeeper heartbeats running tasks and reaps orphans:
    /// a quarter of the stale threshold, at most a minute.
    pub fn housekeeping_interval(&self) -> Duration {
        (self.stale_after / 4).min(Duration::from_secs(60))
    }
}

fn parse_in(
    name: &'static str,
    raw: Option<String>,
    default: u64,
    min: u64,
    max: u64,
    expected: &'static str,
) -> Result<u64, ConfigError> {
    let Some(raw) = raw else { return Ok(default) };
    match raw.parse::<u64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(ConfigError::Invalid {
            name,
            value: raw,
            expected,
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = parse(&[("IGNY8_DATABASE_URL", "postgres://u:pw@h/db")]).unwrap();
        assert_eq!(c.concurrency, 2);
        assert_eq!(c.stale_after, Duration::from_secs(900));
        assert_eq!(c.poll_interval, Duration::from_millis(250));
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.log_filter, "info");
        assert_eq!(c.housekeeping_interval(), Duration::from_secs(60));
    }

    #[test]
    fn explicit_values() {
        let c = parse(&[
            ("IGNY8_DATABASE_URL", "postgres://h/db"),
            ("IGNY8_WORKER_CONCURRENCY", "4"),
            ("IGNY8_JOB_STALE_SECS", "2"),
            ("IGNY8_WORKER_POLL_MS", "50"),
            ("IGNY8_LOG_FORMAT", "json"),
            ("RUST_LOG", "worker=debug"),
        ])
        .unwrap();
        assert_eq!(c.concurrency, 4);
        assert_eq!(c.stale_after, Duration::from_secs(2));
        assert_eq!(c.poll_interval, Duration::from_millis(50));
        assert_eq!(c.log_format, LogFormat::Json);
        assert_eq!(c.log_filter, "worker=debug");
        assert_eq!(c.housekeeping_interval(), Duration::from_millis(500));
    }

    #[test]
    fn missing_url_says_how_to_start() {
        let e = parse(&[("IGNY8_DATABASE_URL", "  ")]).unwrap_err();
        assert_eq!(e, ConfigError::MissingDatabaseUrl);
        assert!(e.to_string().contains("make run"));
    }

    #[test]
    fn rejects_out_of_range_values() {
        let url = ("IGNY8_DATABASE_URL", "postgres://h/db");
        for (name, value) in [
            ("IGNY8_WORKER_CONCURRENCY", "0"),
            ("IGNY8_WORKER_CONCURRENCY", "two"),
            ("IGNY8_JOB_STALE_SECS", "0"),
            ("IGNY8_WORKER_POLL_MS", "1001"),
            ("IGNY8_LOG_FORMAT", "xml"),
        ] {
            let e = parse(&[url, (name, value)]).unwrap_err();
            assert!(
                matches!(&e, ConfigError::Invalid { name: n, .. } if *n == name),
                "{name}={value}: {e}"
            );
        }
    }

    #[test]
    fn debug_hides_the_url() {
        let c = parse(&[("IGNY8_DATABASE_URL", "postgres://u:hunter2@h/db")]).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn mail_settings_default_to_files_and_hide_the_smtp_password() {
        let c = parse(&[
            ("IGNY8_DATABASE_URL", "postgres://h/db"),
            ("IGNY8_DATA_DIR", "/var/lib/igny8"),
        ])
        .unwrap();
        assert_eq!(c.mail.smtp_url, None);
        assert_eq!(c.mail.dir, std::path::PathBuf::from("/var/lib/igny8/mail"));
        assert_eq!(c.mail.from, "IGNY8 <no-reply@localhost>");
        let c = parse(&[
            ("IGNY8_DATABASE_URL", "postgres://h/db"),
            (
                "IGNY8_SMTP_URL",
                "smtps://me:Hidden-Pass-77@smtp.example.com:465",
            ),
            ("IGNY8_MAIL_FROM", "Ops <ops@example.com>"),
            ("IGNY8_MAIL_DIR", "/tmp/m"),
        ])
        .unwrap();
        assert_eq!(c.mail.dir, std::path::PathBuf::from("/tmp/m"));
        assert!(!format!("{c:?}").contains("Hidden-Pass-77"));
        let e = parse(&[
            ("IGNY8_DATABASE_URL", "postgres://h/db"),
            (
                "IGNY8_SMTP_URL",
                "http://me:Hidden-Pass-77@smtp.example.com",
            ),
        ])
        .unwrap_err();
        assert!(e.to_string().starts_with("IGNY8_SMTP_URL"), "{e}");
        assert!(!e.to_string().contains("Hidden-Pass-77"), "{e}");
        let e = parse(&[
            ("IGNY8_DATABASE_URL", "postgres://h/db"),
            ("IGNY8_MAIL_FROM", "nobody"),
        ])
        .unwrap_err();
        assert!(e.to_string().starts_with("IGNY8_MAIL_FROM"), "{e}");
    }
}
