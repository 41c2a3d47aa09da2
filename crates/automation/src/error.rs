//! Errors of the orchestration layer.

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What an orchestration call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A tenancy failure (not found, permission, validation, database).
    #[error(transparent)]
    Tenancy(#[from] tenancy::Error),
    /// A billing failure (insufficient credits, cost table, ledger).
    #[error(transparent)]
    Billing(#[from] billing::Error),
    /// A planner failure.
    #[error(transparent)]
    Planning(#[from] planning::Error),
    /// A writer failure.
    #[error(transparent)]
    Content(#[from] content::Error),
    /// The AI provider failed or its configuration is unusable.
    #[error(transparent)]
    Ai(#[from] ai::Error),
    /// A run stopped on purpose half-way (a test failpoint), or the job cannot run here.
    #[error("interrupted: {0}")]
    Interrupted(String),
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        Error::Tenancy(e.into())
    }
}

impl From<db::DbError> for Error {
    fn from(e: db::DbError) -> Self {
        Error::Tenancy(tenancy::Error::Db(e))
    }
}
