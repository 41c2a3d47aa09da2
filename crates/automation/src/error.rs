//! Errors of the orchestration layer.

/// Why a stored secret failed to encrypt or decrypt (part of [`Error`]'s variants).
pub use ai::secrets::SecretError;

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
    /// The account's stored AI API key does not decrypt with the configured secret key: the
    /// secret (`IGNY8_SECRET_KEY`) changed since the key was saved, or the row was altered. An
    /// admin must enter the key again.
    #[error(
        "the account's stored AI API key cannot be decrypted ({0}); IGNY8_SECRET_KEY has probably changed since it was saved: an admin must enter the key again in the AI settings"
    )]
    ApiKeyUnreadable(SecretError),
    /// The site has a running or paused automation run already.
    #[error("automation run {run_id} is still in progress on this site")]
    RunInProgress {
        /// The active run.
        run_id: kernel::AutomationRunId,
    },
    /// The balance does not cover 1.2 × the run's estimate.
    #[error("not enough credits for the run: {} needed, {} available", .0.required_credits, .0.balance)]
    InsufficientCreditsForRun(Box<crate::pipeline::runs::RunEstimate>),
    /// The run's status does not allow the action.
    #[error("cannot {action} a {status} run")]
    InvalidRunState {
        /// The run's status.
        status: crate::pipeline::model::RunStatus,
        /// The action refused (`pause`, `resume`, `cancel`).
        action: &'static str,
    },
    /// The API key could not be encrypted for storage.
    #[error("the AI API key cannot be encrypted: {0}")]
    ApiKeyEncryption(SecretError),
    /// A stored AI setting does not parse (the table's CHECK constraints should prevent it).
    #[error("stored AI setting {field} is invalid: {message}")]
    InvalidStoredSetting {
        /// The column.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
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
