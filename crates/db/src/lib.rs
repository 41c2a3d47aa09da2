//! Database plumbing shared by every crate: the diesel schema, the r2d2 pool builder, embedded
//! migrations, the `DbError` type and transactional job enqueueing.

pub mod error;
pub mod jobs;
pub mod pool;
pub mod schema;

pub use diesel;
pub use error::DbError;
pub use pool::{
    DbConn, DbPool, PoolOptions, QueuePool, build_pool, build_queue_pool, has_pending_migrations,
    run_migrations,
};

/// Result alias for database calls.
pub type DbResult<T> = Result<T, DbError>;

/// SQL functions used across crates.
pub mod sql {
    use diesel::sql_types::Text;

    diesel::define_sql_function! {
        /// SQL `lower(text)`.
        fn lower(x: Text) -> Text;
    }
    diesel::define_sql_function! {
        /// SQL `btrim(text)`.
        fn btrim(x: Text) -> Text;
    }
}
