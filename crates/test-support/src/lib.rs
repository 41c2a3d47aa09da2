//! Test harness shared by every crate's tests.
//!
//! - [`TestDb`]: a fresh database per test, cloned (`CREATE DATABASE … TEMPLATE`) from a template
//!   that is migrated and seeded once per migration set, so tests run in parallel and never share
//!   rows.
//! - [`TenantFixture`]: a registered account with its owner, a site and sectors; call it twice for
//!   the ready-made second tenant.
//! - [`http`]: a small client that drives a real actix `App` in-process.
//! - [`openai_server`]: a scripted OpenAI-compatible HTTP server for AI provider tests.
//! - [`schema_check`]: the tenant-isolation rule of the schema, checked on the live catalog.
//! - [`table_owners`]: which crate owns which table, checked against every crate's source
//!   (`make check`; exceptions are listed in `docs/ARCHITECTURE.md`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod fixtures;
pub mod http;
pub mod openai_server;
pub mod pg_cluster;
pub mod schema_check;
pub mod smtp_server;
pub mod stripe_server;
pub mod table_owners;

pub use fixtures::TenantFixture;

use db::{DbPool, PoolOptions, build_pool};
use diesel::prelude::*;
use diesel::{Connection, PgConnection, RunQueryDsl};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// The server URL tests use: `IGNY8_DATABASE_URL` (as `make test` sets it), otherwise the
/// project-local cluster started by `scripts/db.sh`.
pub fn server_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(u) = std::env::var("IGNY8_DATABASE_URL")
            && !u.trim().is_empty()
        {
            return u;
        }
        let script = workspace_root().join("scripts/db.sh");
        let out = std::process::Command::new("bash")
            .arg(&script)
            .arg("url")
            .output()
            .expect("run scripts/db.sh");
        assert!(
            out.status.success(),
            "scripts/db.sh url failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    })
    .clone()
}

/// The workspace root directory.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Replaces the database name of a URL (the path component).
pub fn url_with_db(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..path_start], db);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

fn template_name() -> String {
    // The template is keyed by the content of every migration and seed data file, so a changed
    // migration gets a fresh template and stale ones are never reused.
    let mut h = Sha256::new();
    let root = workspace_root();
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["migrations", "data"] {
        collect_files(&root.join(dir), &mut files);
    }
    files.sort();
    for f in files {
        h.update(
            f.strip_prefix(&root)
                .unwrap_or(&f)
                .to_string_lossy()
                .as_bytes(),
        );
        h.update(std::fs::read(&f).unwrap_or_default());
    }
    format!("igny8_tmpl_{}", &hex::encode(h.finalize())[..16])
}

fn collect_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Registers extra seed steps (e.g. seed keywords, cost tables) that domain crates add to the
/// template. Called once, before the first `TestDb`.
pub type SeedFn = fn(&mut PgConnection);

fn ensure_template() -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let name = template_name();
            let admin_url = url_with_db(&server_url(), "postgres");
            let mut admin =
                PgConnection::establish(&admin_url).expect("connect to the postgres database");
            // Serialize template creation across parallel test binaries.
            diesel::sql_query("SELECT pg_advisory_lock(774411)")
                .execute(&mut admin)
                .unwrap();
            let exists: i64 = diesel::sql_query(format!(
                "SELECT 1 AS one FROM pg_database WHERE datname = '{name}'"
            ))
            .load::<One>(&mut admin)
            .unwrap()
            .len() as i64;
            if exists == 0 {
                let building = format!("{name}_building");
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
                    .execute(&mut admin)
                    .unwrap();
                diesel::sql_query(format!("CREATE DATABASE {building}"))
                    .execute(&mut admin)
                    .unwrap();
                {
                    let mut c =
                        PgConnection::establish(&url_with_db(&server_url(), &building)).unwrap();
                    migrate_and_seed(&mut c);
                }
                diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
                    .execute(&mut admin)
                    .unwrap();
                diesel::sql_query(format!("ALTER DATABASE {name} WITH IS_TEMPLATE true"))
                    .execute(&mut admin)
                    .unwrap();
            }
            diesel::sql_query("SELECT pg_advisory_unlock(774411)")
                .execute(&mut admin)
                .unwrap();
            name
        })
        .clone()
}

/// Migrates a database and loads the reference data every test database starts with.
pub fn migrate_and_seed(c: &mut PgConnection) {
    db::run_migrations(c).expect("migrate");
    tenancy::seed::seed_reference_data(c).expect("seed reference data");
    for f in extra_seeds() {
        f(c);
    }
}

/// Seed steps of domain crates, applied to the template after tenancy's reference data.
fn extra_seeds() -> Vec<SeedFn> {
    vec![seed_billing, seed_keyword_library]
}

fn seed_billing(conn: &mut PgConnection) {
    billing::seed::seed_billing_data(conn).expect("seed billing data");
}

fn seed_keyword_library(conn: &mut PgConnection) {
    planning::seeds::load_seed_keywords(conn).expect("seed keyword library");
}

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = diesel::sql_types::Int4)]
    #[allow(dead_code)]
    one: i32,
}

/// A database of one's own, dropped when the value is dropped.
pub struct TestDb {
    name: String,
    url: String,
    pool: DbPool,
}

impl TestDb {
    /// Clones the migrated, seeded template into a fresh database.
    pub fn new() -> Self {
        let template = ensure_template();
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin_url = url_with_db(&server_url(), "postgres");
        let mut admin =
            PgConnection::establish(&admin_url).expect("connect to the postgres database");
        let mut tries = 0;
        loop {
            match diesel::sql_query(format!(
                "CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY"
            ))
            .execute(&mut admin)
            {
                Ok(_) => break,
                // Another session may be copying the same template at this instant.
                Err(e) if tries < 50 && e.to_string().contains("being accessed by other users") => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => panic!("create test database: {e}"),
            }
        }
        let url = url_with_db(&server_url(), &name);
        let pool = build_pool(
            &url,
            &PoolOptions {
                max_size: 8,
                connection_timeout: Duration::from_secs(10),
            },
        )
        .expect("pool");
        Self { name, url, pool }
    }

    /// The database URL (for spawning binaries against it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A pool on this database.
    pub fn pool(&self) -> DbPool {
        self.pool.clone()
    }

    /// A pool for fang's queue on this database (what the worker builds).
    pub fn queue_pool(&self) -> db::QueuePool {
        db::build_queue_pool(
            &self.url,
            &PoolOptions {
                max_size: 2,
                ..PoolOptions::default()
            },
        )
        .expect("queue pool")
    }

    /// A connection from the pool.
    pub fn conn(&self) -> db::DbConn {
        self.pool.get().expect("test db connection")
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin_url = url_with_db(&server_url(), "postgres");
        if let Ok(mut admin) = PgConnection::establish(&admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_rewrite() {
        assert_eq!(
            url_with_db("postgres://u@h:5/igny8", "x"),
            "postgres://u@h:5/x"
        );
        assert_eq!(url_with_db("postgres://u@h:5", "x"), "postgres://u@h:5/x");
        assert_eq!(
            url_with_db("postgres://u@h/igny8?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }

    #[test]
    fn databases_are_isolated() {
        let a = TestDb::new();
        let b = TestDb::new();
        diesel::sql_query("CREATE TABLE only_in_a (x int)")
            .execute(&mut a.conn())
            .unwrap();
        assert!(
            diesel::sql_query("SELECT * FROM only_in_a")
                .execute(&mut b.conn())
                .is_err()
        );
        let plans: i64 = db::schema::plans::table
            .count()
            .get_result(&mut b.conn())
            .unwrap();
        assert_eq!(plans, 4, "template carries the seeded plans");
    }
}
