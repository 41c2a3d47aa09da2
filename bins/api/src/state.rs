//! Shared application state.

use db::DbPool;
use kernel::Clock;
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
    /// Largest accepted CSV upload in bytes.
    pub csv_max_bytes: usize,
}
