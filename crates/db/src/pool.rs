//! Pool construction and migrations.

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::Duration;

/// The r2d2 pool type shared by the API, the worker and fang.
pub type DbPool = Pool<ConnectionManager<PgConnection>>;
/// A pooled connection.
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

/// Every migration in `migrations/`, embedded in the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Maximum open connections.
    pub max_size: u32,
    /// How long `get()` waits before reporting exhaustion.
    pub connection_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 8,
            connection_timeout: Duration::from_secs(3),
        }
    }
}

/// Builds a pool. `min_idle` is 0 on purpose: a partly idle r2d2 pool races libpq's OpenSSL
/// clean-up at process exit and segfaults (see docs/ARCHITECTURE.md).
pub fn build_pool(url: &str, opts: &PoolOptions) -> Result<DbPool, r2d2::Error> {
    Pool::builder()
        .max_size(opts.max_size)
        .min_idle(Some(0))
        .connection_timeout(opts.connection_timeout)
        .test_on_check_out(false)
        .build(ConnectionManager::<PgConnection>::new(url))
}

/// Applies pending migrations; returns the versions applied.
pub fn run_migrations(conn: &mut PgConnection) -> Result<Vec<String>, String> {
    conn.run_pending_migrations(MIGRATIONS)
        .map(|v| v.iter().map(|m| m.to_string()).collect())
        .map_err(|e| e.to_string())
}
