//! Shared application state.

use content::storage::MediaStore;
use db::DbPool;
use kernel::Clock;
use std::sync::Arc;
use tenancy::token::AuthConfig;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub pool: DbPool,
    /// JWT settings.
    pub auth: AuthConfig,
    /// The clock (controllable in tests).
    pub clock: Clock,
    /// Where image files are kept (`IGNY8_MEDIA_DIR`).
    pub media: Arc<dyn MediaStore>,
    /// Largest accepted CSV upload in bytes.
    pub csv_max_bytes: usize,
    /// The raw `IGNY8_SECRET_KEY`: stored secrets (accounts' AI API keys) are encrypted under a
    /// key derived from it.
    pub secret_key: Arc<[u8]>,
    /// Images each generated article gets (featured + in-article), for automation estimates.
    pub images_per_article: i64,
    /// Live run events (one `LISTEN` per process) for the SSE streams.
    pub events: crate::live::EventHub,
    /// Prometheus metrics of this process.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Rate limits per route group and account.
    pub throttle: Arc<crate::throttle::Throttle>,
    /// Origins browsers may call the API from (CORS).
    pub cors_origins: Arc<[String]>,
    /// The built web app (`IGNY8_WEB_DIR`) served for every GET outside `/api/` and `/metrics`.
    pub web_dir: Arc<std::path::Path>,
    /// The card gateway (`IGNY8_STRIPE_*`); `None`: manual payments only, webhooks refused.
    pub stripe: Option<Arc<billing::gateway::StripeConfig>>,
}
