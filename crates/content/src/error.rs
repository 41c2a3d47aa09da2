//! Errors of the writer domain.

use kernel::FieldErrors;

/// Result alias for writer services.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a writer service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The object does not exist, belongs to another account, or is on a site the caller may
    /// not see.
    #[error("not found")]
    NotFound,
    /// Input failed validation.
    #[error("validation failed: {0}")]
    Validation(FieldErrors),
    /// The status change is not allowed from the current status.
    #[error("cannot move from {from} to {to}")]
    InvalidState {
        /// The current status.
        from: String,
        /// The requested status.
        to: String,
    },
    /// The uploaded bytes are not a PNG, JPEG or WebP image (or their header is unreadable).
    #[error("unsupported image: {0}")]
    UnsupportedImage(String),
    /// The uploaded file is larger than allowed.
    #[error("image larger than {limit} bytes")]
    ImageTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A value that must be unique is taken.
    #[error("{field} already exists")]
    AlreadyExists {
        /// The field that collides.
        field: &'static str,
    },
    /// A tenancy rule refused the call (role, site visibility, sector of another site).
    #[error(transparent)]
    Tenancy(#[from] tenancy::Error),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// The media store failed (disk full, permissions, a corrupt key).
    #[error("media storage failed: {0}")]
    Storage(String),
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
