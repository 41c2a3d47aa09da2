//! The one way handlers reach the database: a closure on actix's blocking pool that takes the
//! pooled connection inside, keeps the tracing span, and maps pool exhaustion to 503.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use diesel::PgConnection;

/// Runs `f` with a pooled connection on the blocking pool.
pub async fn db<F, T>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut PgConnection, &AppState) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let state = state.clone();
    let span = tracing::Span::current();
    web::block(move || {
        let _g = span.enter();
        let mut conn = state
            .pool
            .get()
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        f(&mut conn, &state)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
}

/// Runs `f` on the blocking pool without a connection: for work that waits on another server
/// (a WordPress site) and takes pooled connections only for its own short database steps, so
/// no connection is held while the remote call runs.
pub async fn remote<F, T>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let state = state.clone();
    let span = tracing::Span::current();
    web::block(move || {
        let _g = span.enter();
        f(&state)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
}
