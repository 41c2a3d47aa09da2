//! Shared setup of the api's HTTP tests: a fresh database per test and the real `App` on it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use actix_web::dev::{Service, ServiceResponse};
use api::state::AppState;
use kernel::Clock;
#[allow(unused_imports)]
pub use test_support::http::{Resp, delete, get, patch, post, put};
pub use test_support::{TenantFixture, TestDb};

/// A test database, the app's state on it, and two ready tenants.
pub struct Ctx {
    pub db: TestDb,
    pub state: AppState,
    pub a: TenantFixture,
    pub b: TenantFixture,
}

/// The app state on a test database.
pub fn state(db: &TestDb) -> AppState {
    AppState {
        pool: db.pool(),
        auth: test_support::fixtures::auth_config(),
        clock: Clock::system(),
        csv_max_bytes: api::config::DEFAULT_CSV_MAX_BYTES,
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
