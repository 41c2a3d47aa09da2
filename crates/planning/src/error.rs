//! Errors of the planner domain.

use kernel::FieldErrors;

/// Result alias for planner services.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a planner service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The object does not exist, belongs to another account, or sits on a site the caller
    /// may not see.
    #[error("not found")]
    NotFound,
    /// Input failed validation.
    #[error("validation failed: {0}")]
    Validation(FieldErrors),
    /// An uploaded file is not a CSV we can read (binary, no keyword column, undecodable).
    #[error("invalid CSV: {0}")]
    InvalidCsv(String),
    /// An uploaded file is larger than the configured limit.
    #[error("file larger than {limit} bytes")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The account's plan allows no more keywords.
    #[error("plan limit reached: at most {limit} keywords")]
    PlanLimitReached {
        /// The plan's `max_keywords`.
        limit: i64,
    },
    /// A value that must be unique in its site and sector is taken.
    #[error("{field} already exists")]
    AlreadyExists {
        /// The field that collides (`keyword`, `name`).
        field: &'static str,
    },
    /// Writing an export to its destination failed (e.g. the client went away).
    #[error("writing the export failed: {0}")]
    Output(String),
    /// A tenancy rule refused the call (permission, inactive account, unknown site).
    #[error(transparent)]
    Tenancy(#[from] tenancy::Error),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] db::DbError),
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Error::NotFound,
            other => Error::Db(other.into()),
        }
    }
}

impl From<FieldErrors> for Error {
    fn from(e: FieldErrors) -> Self {
        Error::Validation(e)
    }
}

impl Error {
    /// Maps tenancy's `NotFound` (an invisible site) to ours, keeping everything else.
    pub(crate) fn from_tenancy(e: tenancy::Error) -> Self {
        match e {
            tenancy::Error::NotFound => Error::NotFound,
            other => Error::Tenancy(other),
        }
    }
}
