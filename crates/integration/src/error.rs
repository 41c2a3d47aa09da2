//! Errors of the integration domain.

use kernel::FieldErrors;

/// Result alias for integration services.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything an integration service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The object does not exist, belongs to another account, or is on a site the caller may
    /// not see.
    #[error("not found")]
    NotFound,
    /// Input failed validation.
    #[error("validation failed: {0}")]
    Validation(FieldErrors),
    /// The site already has an integration for this platform.
    #[error("the site already has a {platform} integration")]
    AlreadyExists {
        /// The platform.
        platform: String,
    },
    /// The operation does not fit the current state (no integration, inactive, not published).
    #[error("{0}")]
    InvalidState(String),
    /// The site answered with an error or could not be reached.
    #[error(transparent)]
    Remote(#[from] RemoteError),
    /// A stored credential cannot be decrypted (the secret key changed) or encrypted.
    #[error("stored credentials are unreadable: {0}")]
    Secret(#[from] kernel::secrets::SecretError),
    /// The writer refused (not found, not approved, already publishing).
    #[error(transparent)]
    Content(#[from] content::Error),
    /// A tenancy rule refused the call (role, site visibility, account status).
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

/// Whether a failed call to a site is worth another attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteKind {
    /// Network error, timeout, 5xx, 429: retried with backoff.
    Transient,
    /// A 4xx or a reply that cannot be right (wrong credentials, refused data): fails at once.
    Permanent,
}

/// A failed call to a site: WordPress's own error code and message when it sent one. Never
/// holds a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RemoteError {
    /// Retry or not.
    pub kind: RemoteKind,
    /// The HTTP status, when there was an answer.
    pub http_status: Option<u16>,
    /// WordPress's error code (`rest_cannot_create`, …) or ours (`connect_failed`, …).
    pub code: String,
    /// What happened, for the user.
    pub message: String,
}

impl RemoteError {
    /// A permanent error.
    pub fn permanent(http_status: Option<u16>, code: &str, message: impl Into<String>) -> Self {
        Self {
            kind: RemoteKind::Permanent,
            http_status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// A transient error.
    pub fn transient(http_status: Option<u16>, code: &str, message: impl Into<String>) -> Self {
        Self {
            kind: RemoteKind::Transient,
            http_status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// True when another attempt may succeed.
    pub fn is_transient(&self) -> bool {
        self.kind == RemoteKind::Transient
    }
}
