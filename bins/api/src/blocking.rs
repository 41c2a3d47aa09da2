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

/// Blocking threads per HTTP worker: the pool's connections shared among the workers (at
/// least one), so every blocking task finds a free connection at once and waiting happens in
/// the blocking pool's queue, first come first served.
pub fn threads_per_worker(pool_size: u32, workers: usize) -> usize {
    (usize::try_from(pool_size).unwrap_or(usize::MAX) / workers.max(1)).max(1)
}

/// Runs `f` on a thread of its own, without a connection: for work that waits on another
/// server (a WordPress site) and takes pooled connections only for its own short database
/// steps. It does not occupy one of the blocking threads sized to the pool (see
/// [`threads_per_worker`]), so a slow remote site cannot hold up database work.
pub async fn remote<F, T>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let state = state.clone();
    let span = tracing::Span::current();
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("remote-call".into())
        .spawn(move || {
            let _g = span.enter();
            // The receiver is gone only when the client went away.
            let _ = tx.send(f(&state));
        })
        .map_err(|e| ApiError::Internal(format!("cannot start a thread: {e}")))?;
    rx.await
        .map_err(|_| ApiError::Internal("the remote call ended without an answer".into()))?
}

#[cfg(test)]
mod tests {
    use super::threads_per_worker;

    #[test]
    fn blocking_threads_share_the_pool() {
        assert_eq!(threads_per_worker(8, 2), 4);
        assert_eq!(threads_per_worker(8, 3), 2);
        assert_eq!(threads_per_worker(1, 4), 1);
        assert_eq!(threads_per_worker(8, 0), 8);
    }
}
