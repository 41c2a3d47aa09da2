//! The one error type for database access.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// A failure talking to PostgreSQL.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The pool had no free connection within its timeout (maps to 503).
    #[error("database connection pool exhausted: {0}")]
    PoolExhausted(String),
    /// A unique constraint was violated; carries the constraint name when known.
    #[error("unique violation on {constraint:?}")]
    UniqueViolation {
        /// The violated constraint or index, when PostgreSQL names it.
        constraint: Option<String>,
    },
    /// A foreign key was violated; carries the constraint name when known.
    #[error("foreign key violation on {constraint:?}")]
    ForeignKeyViolation {
        /// The violated constraint, when PostgreSQL names it.
        constraint: Option<String>,
    },
    /// The connection to PostgreSQL is gone (server restarting or down, network): maps to 503
    /// with `Retry-After`; the pool tests its connections for a while after one (see
    /// [`crate::pool`]) so the dead ones are replaced, not handed out again.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Two transactions conflicted (serialization failure or deadlock); safe to retry.
    #[error("transaction conflict, retry")]
    Conflict,
    /// Any other database error.
    #[error("database error: {0}")]
    Other(#[source] DieselError),
    /// Job queue error.
    #[error("job queue error: {0}")]
    Queue(String),
}

impl From<DieselError> for DbError {
    fn from(e: DieselError) -> Self {
        match &e {
            DieselError::DatabaseError(kind, info) => {
                let constraint = info.constraint_name().map(str::to_owned);
                match kind {
                    DatabaseErrorKind::UniqueViolation => DbError::UniqueViolation { constraint },
                    DatabaseErrorKind::ForeignKeyViolation => {
                        DbError::ForeignKeyViolation { constraint }
                    }
                    DatabaseErrorKind::SerializationFailure => DbError::Conflict,
                    DatabaseErrorKind::ClosedConnection
                    | DatabaseErrorKind::UnableToSendCommand => {
                        crate::pool::connection_lost();
                        DbError::Unavailable(info.message().to_owned())
                    }
                    _ => DbError::Other(e),
                }
            }
            _ => DbError::Other(e),
        }
    }
}

impl From<r2d2::Error> for DbError {
    fn from(e: r2d2::Error) -> Self {
        crate::pool::connection_lost();
        DbError::PoolExhausted(e.to_string())
    }
}

impl From<fang::QueueError> for DbError {
    fn from(e: fang::QueueError) -> Self {
        match e {
            fang::QueueError::DieselError(d) => d.into(),
            other => DbError::Queue(other.to_string()),
        }
    }
}

impl DbError {
    /// True when the database could not be reached (pool timeout or lost connection): the
    /// request may succeed if retried shortly.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DbError::Unavailable(_) | DbError::PoolExhausted(_))
    }

    /// True for a unique violation on the named constraint or index.
    pub fn is_unique_violation_on(&self, name: &str) -> bool {
        matches!(self, DbError::UniqueViolation { constraint: Some(c) } if c == name)
    }
}
