//! Errors of the billing domain.

use kernel::FieldErrors;

/// Result alias for billing services.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a billing service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not found, permission denied, validation and database failures, as tenancy states them.
    #[error(transparent)]
    Tenancy(#[from] tenancy::Error),
    /// The account's pools hold fewer credits than the action needs.
    #[error("insufficient credits: {needed} needed, {available} available")]
    InsufficientCredits {
        /// Credits the action needs.
        needed: i64,
        /// Credits in both pools.
        available: i64,
    },
    /// The invoice is paid; it takes no further payment.
    #[error("the invoice is already paid")]
    InvoiceAlreadyPaid,
    /// The invoice is void, uncollectible or a draft and cannot be paid.
    #[error("the invoice is {status} and cannot be paid")]
    InvoiceNotPayable {
        /// The invoice's status.
        status: String,
    },
    /// A payment of this invoice is already waiting for review.
    #[error("a payment of this invoice is already awaiting approval")]
    PaymentAlreadyPending,
    /// Only a payment awaiting approval can be approved or rejected.
    #[error("the payment is {status}; only a pending_approval payment can be reviewed")]
    PaymentNotPending {
        /// The payment's status.
        status: String,
    },
    /// A plan change to the plan and cycle the subscription already has.
    #[error("the subscription is already on this plan and cycle")]
    AlreadyOnPlan,
    /// The subscription's status does not allow the action.
    #[error("the subscription is {status}; cannot {action}")]
    SubscriptionState {
        /// The subscription's status.
        status: String,
        /// What was attempted.
        action: &'static str,
    },
    /// An idempotency key was first used for another kind of change.
    #[error("idempotency key '{key}' was already used for a {kind}")]
    IdempotencyKeyReused {
        /// The key.
        key: String,
        /// The kind of change it recorded.
        kind: String,
    },
    /// A refund asked for more than remains refundable of its charge.
    #[error("cannot refund {requested} credits: {refundable} remain refundable")]
    RefundExceedsCharge {
        /// Credits asked for.
        requested: i64,
        /// Credits of the charge not yet refunded.
        refundable: i64,
    },
    /// The invoice PDF could not be rendered.
    #[error("PDF rendering failed: {0}")]
    Pdf(String),
    /// A gateway webhook's signature is missing, wrong or stale (nothing was changed).
    #[error("webhook signature refused: {0}")]
    WebhookSignature(crate::gateway::SignatureError),
    /// The card gateway could not be reached or refused the call (never holds a secret).
    #[error("the card gateway failed: {0}")]
    Gateway(String),
}

impl Error {
    /// The object does not exist or belongs to another account.
    pub fn not_found() -> Self {
        Error::Tenancy(tenancy::Error::NotFound)
    }
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

impl From<FieldErrors> for Error {
    fn from(e: FieldErrors) -> Self {
        Error::Tenancy(tenancy::Error::Validation(e))
    }
}
