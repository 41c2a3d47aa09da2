//! Shared setup of the api's HTTP tests: a fresh database per test and the real `App` on it.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::expect_used)]

use actix_web::dev::{Service, ServiceResponse};
use api::state::AppState;
use content::storage::LocalMediaStore;
use kernel::Clock;
use std::sync::Arc;
#[allow(unused_imports)]
pub use test_support::http::{Resp, TestApp, delete, get, patch, post, put};
pub use test_support::{TenantFixture, TestDb};

/// A test database, the app's state on it, and two ready tenants.
pub struct Ctx {
    pub db: TestDb,
    pub state: TestState,
    pub a: TenantFixture,
    pub b: TenantFixture,
}

/// The app state plus the test's own media directory (removed when the test ends); derefs to
/// the `AppState`.
pub struct TestState {
    pub app: AppState,
    pub media_dir: tempfile::TempDir,
}

impl TestState {
    /// The files in the media directory (none until something is stored).
    pub fn media_files(&self) -> Vec<String> {
        let root = self.media_dir.path().join("media");
        let mut names: Vec<String> = std::fs::read_dir(root)
            .into_iter()
            .flatten()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl std::ops::Deref for TestState {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.app
    }
}

/// The `IGNY8_SECRET_KEY` of the test app.
pub const TEST_SECRET_KEY: &str = "test-secret-key-0123456789abcdef-0123456789";

/// The app state on a test database, with a media directory of its own (tests run in parallel).
pub fn state(db: &TestDb) -> TestState {
    state_on(db.pool(), db.url())
}

/// The app state on any pool (e.g. a private cluster's) whose database is at `url`.
pub fn state_on(pool: db::DbPool, url: &str) -> TestState {
    let media_dir = tempfile::tempdir().expect("media temp dir");
    TestState {
        app: AppState {
            pool,
            auth: test_support::fixtures::auth_config(),
            clock: Clock::system(),
            media: Arc::new(LocalMediaStore::new(media_dir.path().join("media"))),
            csv_max_bytes: api::config::DEFAULT_CSV_MAX_BYTES,
            secret_key: TEST_SECRET_KEY.as_bytes().into(),
            images_per_article: 3,
            events: api::live::EventHub::new(url),
            metrics: Default::default(),
            throttle: Default::default(),
            cors_origins: Arc::from(Vec::new()),
            stripe: None,
            web_dir: Arc::from(media_dir.path().join("web").as_path()),
        },
        media_dir,
    }
}

/// A fresh database with tenants A and B (growth plan, one site with two sectors each).
pub fn ctx() -> Ctx {
    let db = TestDb::new();
    let mut conn = db.conn();
    let a = TenantFixture::create(&mut conn, "alice");
    let b = TenantFixture::create(&mut conn, "bob");
    drop(conn);
    let state = state(&db);
    Ctx { db, state, a, b }
}

/// The real application service.
pub async fn app(
    state: &AppState,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl actix_web::body::MessageBody>,
    Error = actix_web::Error,
> {
    actix_web::test::init_service(api::build_app(state.clone())).await
}
