//! Pool construction and migrations.

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, ManageConnection, Pool, PooledConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The r2d2 pool type of the API and the worker's jobs.
pub type DbPool = Pool<Manager>;
/// A pooled connection.
pub type DbConn = PooledConnection<Manager>;
/// The pool type fang's blocking queue takes (it names diesel's manager).
pub type QueuePool = Pool<ConnectionManager<PgConnection>>;

/// How long after a lost connection the pool tests connections before handing them out.
pub const SUSPECT_WINDOW: Duration = Duration::from_secs(60);

/// Until when (ms since the epoch) checkouts are tested: set by [`connection_lost`].
static SUSPECT_UNTIL_MS: AtomicU64 = AtomicU64::new(0);

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Records that a connection to PostgreSQL was found dead (or none could be made): for the
/// next [`SUSPECT_WINDOW`], every checkout is tested and dead connections are replaced. A
/// restarted server thus costs the requests that were in flight and at most one failed
/// statement per pooled connection, not a minute of errors.
pub fn connection_lost() {
    let until = now_ms().saturating_add(u64::try_from(SUSPECT_WINDOW.as_millis()).unwrap_or(0));
    SUSPECT_UNTIL_MS.fetch_max(until, Ordering::Relaxed);
}

fn suspect() -> bool {
    now_ms() < SUSPECT_UNTIL_MS.load(Ordering::Relaxed)
}

/// diesel's connection manager, testing connections on checkout only while a connection loss
/// is recent (a `SELECT 1` per checkout otherwise costs a round trip on every request).
#[derive(Debug)]
pub struct Manager(ConnectionManager<PgConnection>);

impl Manager {
    /// A manager for `url`.
    pub fn new(url: &str) -> Self {
        Self(ConnectionManager::new(url))
    }
}

impl ManageConnection for Manager {
    type Connection = PgConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<PgConnection, Self::Error> {
        self.0.connect()
    }

    fn is_valid(&self, conn: &mut PgConnection) -> Result<(), Self::Error> {
        if suspect() {
            self.0.is_valid(conn)
        } else {
            Ok(())
        }
    }

    fn has_broken(&self, conn: &mut PgConnection) -> bool {
        self.0.has_broken(conn)
    }
}

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
/// clean-up at process exit and segfaults (see docs/ARCHITECTURE.md). Checkouts are tested
/// only after a connection loss (see [`Manager`]).
pub fn build_pool(url: &str, opts: &PoolOptions) -> Result<DbPool, r2d2::Error> {
    Pool::builder()
        .max_size(opts.max_size)
        .min_idle(Some(0))
        .connection_timeout(opts.connection_timeout)
        .test_on_check_out(true)
        .build(Manager::new(url))
}

/// Builds the pool of fang's queue (fetch, retry, remove): every checkout is tested, which
/// costs one round trip per fetch and lets the worker resume by itself after a database
/// restart.
pub fn build_queue_pool(url: &str, opts: &PoolOptions) -> Result<QueuePool, r2d2::Error> {
    Pool::builder()
        .max_size(opts.max_size)
        .min_idle(Some(0))
        .connection_timeout(opts.connection_timeout)
        .test_on_check_out(true)
        .build(ConnectionManager::<PgConnection>::new(url))
}

/// Applies pending migrations; returns the versions applied.
pub fn run_migrations(conn: &mut PgConnection) -> Result<Vec<String>, String> {
    conn.run_pending_migrations(MIGRATIONS)
        .map(|v| v.iter().map(|m| m.to_string()).collect())
        .map_err(|e| e.to_string())
}

/// True when the database lacks migrations this binary embeds (the schema is behind the code).
pub fn has_pending_migrations(conn: &mut PgConnection) -> Result<bool, String> {
    conn.has_pending_migration(MIGRATIONS)
        .map_err(|e| e.to_string())
}
