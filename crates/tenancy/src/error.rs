//! Errors of the tenancy domain.

use kernel::FieldErrors;

/// Result alias for tenancy services.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a tenancy service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The object does not exist or belongs to another account.
    #[error("not found")]
    NotFound,
    /// Input failed validation.
    #[error("validation failed: {0}")]
    Validation(FieldErrors),
    /// The caller's role is too low.
    #[error("permission denied")]
    PermissionDenied,
    /// The account is suspended, cancelled or pending payment and may not write.
    #[error("account is {status}")]
    AccountInactive {
        /// The account's status.
        status: String,
    },
    /// A plan limit would be exceeded.
    #[error("plan limit reached: at most {limit} {resource}")]
    PlanLimitReached {
        /// What is limited (`sites`, `users`, `sectors`).
        resource: &'static str,
        /// The plan's limit.
        limit: i64,
    },
    /// A value that must be unique is taken.
    #[error("{field} already exists")]
    AlreadyExists {
        /// The field that collides.
        field: &'static str,
    },
    /// The change conflicts with the current state (e.g. removing the last owner).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Email or password is wrong.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// A token is malformed, has a bad signature, was revoked or is of the wrong type.
    #[error("invalid token")]
    InvalidToken,
    /// A token's lifetime is over.
    #[error("token expired")]
    TokenExpired,
    /// Too many attempts.
    #[error("rate limited, retry in {retry_after_secs}s")]
    RateLimited {
        /// Seconds until the next attempt is admitted.
        retry_after_secs: i64,
        /// Attempts allowed per window.
        limit: i64,
        /// Unix time the window frees a slot.
        reset_at: i64,
    },
    /// Hashing failed (out of memory or a corrupt stored hash).
    #[error("password hashing failed: {0}")]
    Hashing(String),
    /// An e-mail template failed to render (a defect: templates are compiled in and tested).
    #[error("e-mail template {template}: {message}")]
    MailTemplate {
        /// The template's name.
        template: &'static str,
        /// What went wrong.
        message: String,
    },
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
