//! The one mapping from every domain error to an HTTP status, a stable code and the error
//! envelope. Matches are exhaustive: a new domain variant does not compile until it is mapped.

use crate::request_id;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use kernel::FieldErrors;
use serde_json::{Value, json};

/// An error answered to the client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A tenancy error.
    #[error(transparent)]
    Tenancy(#[from] tenancy::Error),
    /// A planner error.
    #[error(transparent)]
    Planning(#[from] planning::Error),
    /// An orchestration error.
    #[error(transparent)]
    Automation(#[from] automation::Error),
    /// A billing error.
    #[error(transparent)]
    Billing(#[from] billing::Error),
    /// A writer error.
    #[error(transparent)]
    Content(#[from] content::Error),
    /// A publishing error.
    #[error(transparent)]
    Integration(#[from] integration::Error),
    /// The body is not JSON.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// Input failed validation in the shell (types, query parameters).
    #[error("validation failed")]
    Validation(FieldErrors),
    /// The body is larger than allowed.
    #[error("payload too large")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The content type is not accepted here.
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    /// No credentials were sent.
    #[error("authentication required")]
    AuthenticationRequired,
    /// Unknown route or object.
    #[error("not found")]
    NotFound,
    /// The route exists with other methods.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The account used up a route group's budget.
    #[error("rate limited")]
    RateLimited(crate::throttle::Refused),
    /// The database pool is exhausted or the database is down.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected failure; the cause is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<db::DbError> for ApiError {
    fn from(e: db::DbError) -> Self {
        ApiError::Tenancy(tenancy::Error::Db(e))
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        ApiError::Tenancy(e.into())
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Validation(e)
    }
}

/// Every `code` an error answer can carry: the contract's table (spec/API.md, docs/API.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// `validation_failed`
    ValidationFailed,
    /// `invalid_json`
    InvalidJson,
    /// `invalid_csv`
    InvalidCsv,
    /// `authentication_required`
    AuthenticationRequired,
    /// `invalid_token`
    InvalidToken,
    /// `token_expired`
    TokenExpired,
    /// `invalid_credentials`
    InvalidCredentials,
    /// `insufficient_credits`
    InsufficientCredits,
    /// `permission_denied`
    PermissionDenied,
    /// `account_inactive`
    AccountInactive,
    /// `plan_limit_reached`
    PlanLimitReached,
    /// `not_found`
    NotFound,
    /// `method_not_allowed`
    MethodNotAllowed,
    /// `conflict`
    Conflict,
    /// `already_exists`
    AlreadyExists,
    /// `run_in_progress`
    RunInProgress,
    /// `payload_too_large`
    PayloadTooLarge,
    /// `unsupported_media_type`
    UnsupportedMediaType,
    /// `invalid_state`
    InvalidState,
    /// `invalid_signature`
    InvalidSignature,
    /// `remote_error`
    RemoteError,
    /// `rate_limited`
    RateLimited,
    /// `internal_error`
    InternalError,
    /// `unavailable`
    Unavailable,
}

impl Code {
    /// Every code, in the table's order.
    pub const ALL: &'static [Code] = &[
        Code::ValidationFailed,
        Code::InvalidJson,
        Code::InvalidCsv,
        Code::AuthenticationRequired,
        Code::InvalidToken,
        Code::TokenExpired,
        Code::InvalidCredentials,
        Code::InsufficientCredits,
        Code::PermissionDenied,
        Code::AccountInactive,
        Code::PlanLimitReached,
        Code::NotFound,
        Code::MethodNotAllowed,
        Code::Conflict,
        Code::AlreadyExists,
        Code::RunInProgress,
        Code::PayloadTooLarge,
        Code::UnsupportedMediaType,
        Code::InvalidState,
        Code::InvalidSignature,
        Code::RemoteError,
        Code::RateLimited,
        Code::InternalError,
        Code::Unavailable,
    ];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ValidationFailed => "validation_failed",
            Code::InvalidJson => "invalid_json",
            Code::InvalidCsv => "invalid_csv",
            Code::AuthenticationRequired => "authentication_required",
            Code::InvalidToken => "invalid_token",
            Code::TokenExpired => "token_expired",
            Code::InvalidCredentials => "invalid_credentials",
            Code::InsufficientCredits => "insufficient_credits",
            Code::PermissionDenied => "permission_denied",
            Code::AccountInactive => "account_inactive",
            Code::PlanLimitReached => "plan_limit_reached",
            Code::NotFound => "not_found",
            Code::MethodNotAllowed => "method_not_allowed",
            Code::Conflict => "conflict",
            Code::AlreadyExists => "already_exists",
            Code::RunInProgress => "run_in_progress",
            Code::PayloadTooLarge => "payload_too_large",
            Code::UnsupportedMediaType => "unsupported_media_type",
            Code::InvalidState => "invalid_state",
            Code::InvalidSignature => "invalid_signature",
            Code::RemoteError => "remote_error",
            Code::RateLimited => "rate_limited",
            Code::InternalError => "internal_error",
            Code::Unavailable => "unavailable",
        }
    }
}

/// `Retry-After` of a 503 while the database is unreachable or the pool is busy: the pool
/// replaces dead connections within about a second of the database being back.
pub const RETRY_AFTER_SECS: u64 = 1;

/// Status, code, message, field errors and extra headers of an error.
struct Parts {
    status: StatusCode,
    code: Code,
    message: String,
    errors: Option<Value>,
    headers: Vec<(&'static str, String)>,
}

impl Parts {
    fn new(status: StatusCode, code: Code, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            errors: None,
            headers: vec![],
        }
    }

    fn retry_after(mut self, secs: u64) -> Self {
        self.headers.push(("Retry-After", secs.to_string()));
        self
    }

    fn with_errors(mut self, e: &FieldErrors) -> Self {
        self.errors = serde_json::to_value(e).ok();
        self
    }
}

fn db_parts(e: &db::DbError) -> Parts {
    match e {
        db::DbError::PoolExhausted(_) => Parts::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Code::Unavailable,
            "The service is busy. Try again shortly.",
        )
        .retry_after(RETRY_AFTER_SECS),
        db::DbError::Unavailable(_) => Parts::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Code::Unavailable,
            "The database is unavailable. Try again shortly.",
        )
        .retry_after(RETRY_AFTER_SECS),
        db::DbError::UniqueViolation { .. } => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            "The change conflicts with existing data.",
        ),
        db::DbError::Conflict => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            "A concurrent change conflicted with this one. Retry.",
        ),
        db::DbError::ForeignKeyViolation { .. } | db::DbError::Other(_) | db::DbError::Queue(_) => {
            internal()
        }
    }
}

/// Bad input is 400 `validation_failed`; input whose only fault is naming objects that do not
/// exist (or are another account's) is 404 `not_found`, with the same `errors`.
fn validation_parts(f: &FieldErrors) -> Parts {
    if f.only_unknown_objects() {
        Parts::new(
            StatusCode::NOT_FOUND,
            Code::NotFound,
            "A referenced object was not found.",
        )
        .with_errors(f)
    } else {
        Parts::new(
            StatusCode::BAD_REQUEST,
            Code::ValidationFailed,
            "Validation failed.",
        )
        .with_errors(f)
    }
}

fn internal() -> Parts {
    Parts::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        Code::InternalError,
        "An internal error occurred. Quote the request id when reporting it.",
    )
}

fn tenancy_parts(e: &tenancy::Error) -> Parts {
    use tenancy::Error as E;
    match e {
        E::NotFound => Parts::new(StatusCode::NOT_FOUND, Code::NotFound, "Resource not found."),
        E::Validation(f) => validation_parts(f),
        E::PermissionDenied => Parts::new(
            StatusCode::FORBIDDEN,
            Code::PermissionDenied,
            "You do not have permission to perform this action.",
        ),
        E::AccountInactive { status } => Parts::new(
            StatusCode::FORBIDDEN,
            Code::AccountInactive,
            format!(
                "The account is {status}; only reads and billing are allowed until it is active."
            ),
        ),
        E::PlanLimitReached { resource, limit } => Parts::new(
            StatusCode::FORBIDDEN,
            Code::PlanLimitReached,
            format!("Your plan allows at most {limit} {resource}. Upgrade the plan to add more."),
        ),
        E::AlreadyExists { field } => Parts::new(
            StatusCode::CONFLICT,
            Code::AlreadyExists,
            format!("A record with this {field} already exists."),
        )
        .with_errors(&FieldErrors::single(
            *field,
            format!("A record with this {field} already exists."),
        )),
        E::Conflict(m) => Parts::new(StatusCode::CONFLICT, Code::Conflict, m.clone()),
        E::InvalidCredentials => Parts::new(
            StatusCode::UNAUTHORIZED,
            Code::InvalidCredentials,
            "Invalid email or password.",
        ),
        E::InvalidToken => Parts::new(
            StatusCode::UNAUTHORIZED,
            Code::InvalidToken,
            "The token is invalid or has been revoked.",
        ),
        E::TokenExpired => Parts::new(
            StatusCode::UNAUTHORIZED,
            Code::TokenExpired,
            "The token has expired.",
        ),
        E::RateLimited {
            retry_after_secs,
            limit,
            reset_at,
        } => {
            let mut p = Parts::new(
                StatusCode::TOO_MANY_REQUESTS,
                Code::RateLimited,
                format!("Too many attempts. Try again in {retry_after_secs} seconds."),
            );
            p.headers = vec![
                ("retry-after", retry_after_secs.to_string()),
                ("x-throttle-limit", limit.to_string()),
                ("x-throttle-remaining", "0".into()),
                ("x-throttle-reset", reset_at.to_string()),
            ];
            p
        }
        E::Hashing(_) | E::MailTemplate { .. } => internal(),
        E::Db(d) => db_parts(d),
    }
}

fn automation_parts(e: &automation::Error) -> Parts {
    match e {
        automation::Error::Tenancy(t) => tenancy_parts(t),
        automation::Error::Planning(p) => planning_parts(p),
        automation::Error::Content(c) => content_parts(c),
        automation::Error::ApiKeyUnreadable(_) => {
            let m = "The account's stored AI API key can no longer be decrypted (the server's secret key has changed). An admin must enter the key again in the AI settings.";
            Parts::new(StatusCode::CONFLICT, Code::Conflict, m)
                .with_errors(&FieldErrors::single("api_key", m))
        }
        automation::Error::ApiKeyEncryption(_) | automation::Error::InvalidStoredSetting { .. } => {
            internal()
        }
        automation::Error::Billing(b) => billing_parts(b),
        // Provider failures happen inside jobs; reaching a client means a bug or an outage.
        automation::Error::Ai(_) => Parts::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Code::Unavailable,
            "The AI provider failed. Try again later.",
        )
        .retry_after(30),
        automation::Error::Interrupted(_) => internal(),
        automation::Error::RunInProgress { run_id } => {
            let mut p = Parts::new(
                StatusCode::CONFLICT,
                Code::RunInProgress,
                format!(
                    "Automation run {run_id} is still running or paused on this site: resume or cancel it first."
                ),
            );
            p.errors = Some(json!({"run_id": run_id}));
            p
        }
        automation::Error::InsufficientCreditsForRun(est) => {
            let mut p = Parts::new(
                StatusCode::PAYMENT_REQUIRED,
                Code::InsufficientCredits,
                format!(
                    "Not enough credits for this run: it needs {} (1.2 × its estimate of {}), the balance is {}.",
                    est.required_credits, est.total_credits, est.balance
                ),
            );
            p.errors = Some(
                json!({"needed": est.required_credits, "available": est.balance, "estimate": est}),
            );
            p
        }
        automation::Error::InvalidRunState { status, action } => Parts::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidState,
            format!("Cannot {action} a {status} run."),
        ),
    }
}

fn billing_parts(e: &billing::Error) -> Parts {
    use billing::Error as E;
    match e {
        E::Tenancy(t) => tenancy_parts(t),
        E::InsufficientCredits { needed, available } => {
            let mut p = Parts::new(
                StatusCode::PAYMENT_REQUIRED,
                Code::InsufficientCredits,
                format!("Not enough credits: {needed} needed, {available} available."),
            );
            p.errors = Some(json!({"needed": needed, "available": available}));
            p
        }
        E::InvoiceAlreadyPaid => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            "The invoice is already paid.",
        ),
        E::InvoiceNotPayable { status } => Parts::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidState,
            format!("The invoice is {status} and cannot be paid."),
        ),
        E::PaymentAlreadyPending => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            "A payment of this invoice is already awaiting approval.",
        ),
        E::PaymentNotPending { status } => Parts::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidState,
            format!("The payment is {status}; only a payment awaiting approval can be reviewed."),
        ),
        E::AlreadyOnPlan => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            "The subscription is already on this plan and cycle.",
        )
        .with_errors(&FieldErrors::single(
            "plan_slug",
            "The subscription is already on this plan and cycle.",
        )),
        E::SubscriptionState { status, action } => Parts::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidState,
            format!("The subscription is {status}; cannot {action}."),
        ),
        E::IdempotencyKeyReused { kind, .. } => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            format!("This idempotency key was already used for a {kind}."),
        ),
        E::RefundExceedsCharge {
            requested,
            refundable,
        } => Parts::new(
            StatusCode::CONFLICT,
            Code::Conflict,
            format!("Cannot refund {requested} credits: {refundable} remain refundable."),
        ),
        E::Pdf(_) => internal(),
        E::WebhookSignature(s) => Parts::new(
            StatusCode::BAD_REQUEST,
            Code::InvalidSignature,
            format!("The webhook was refused: {s}."),
        ),
        // The cause is logged; the invoice stays open and can be paid later or by transfer.
        E::Gateway(_) => Parts::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Code::Unavailable,
            "The card gateway is not answering; try again shortly (the invoice stays open).",
        )
        .retry_after(30),
    }
}

fn content_parts(e: &content::Error) -> Parts {
    use content::Error as E;
    match e {
        E::NotFound => Parts::new(StatusCode::NOT_FOUND, Code::NotFound, "Resource not found."),
        E::Validation(f) => validation_parts(f),
        E::InvalidState { from, to } => Parts::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidState,
            format!("The status cannot change from {from} to {to}."),
        ),
        // RFC 9110 §15.5.16: the content's format, found by inspecting the data, is not one the
        // resource takes.
        E::UnsupportedImage(m) => Parts::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::UnsupportedMediaType,
            m.clone(),
        )
        .with_errors(&FieldErrors::single("file", m.clone())),
        E::ImageTooLarge { limit } => Parts::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Code::PayloadTooLarge,
            format!("The image is larger than {} MiB.", limit / (1024 * 1024)),
        ),
        E::AlreadyExists { field } => Parts::new(
            StatusCode::CONFLICT,
            Code::AlreadyExists,
            format!("A record with this {field} already exists."),
        )
        .with_errors(&FieldErrors::single(
            *field,
            format!("A record with this {field} already exists."),
        )),
        E::Tenancy(t) => tenancy_parts(t),
        E::Db(d) => db_parts(d),
        E::Storage(_) => internal(),
    }
}

fn integration_parts(e: &integration::Error) -> Parts {
    use integration::Error as E;
    match e {
        E::NotFound => Parts::new(StatusCode::NOT_FOUND, Code::NotFound, "Resource not found."),
        E::Validation(f) => validation_parts(f),
        E::AlreadyExists { platform } => Parts::new(
            StatusCode::CONFLICT,
            Code::AlreadyExists,
            format!("The site already has a {platform} integration."),
        )
        .with_errors(&FieldErrors::single(
            "site_id",
            format!("The site already has a {platform} integration."),
        )),
        E::InvalidState(m) => Parts::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidState,
            m.clone(),
        ),
        // The site's own answer (never a credential): what the user has to fix there.
        E::Remote(r) => Parts::new(
            StatusCode::BAD_GATEWAY,
            Code::RemoteError,
            r.message.clone(),
        ),
        E::Secret(_) => internal(),
        E::Content(c) => content_parts(c),
        E::Tenancy(t) => tenancy_parts(t),
        E::Db(d) => db_parts(d),
    }
}

fn planning_parts(e: &planning::Error) -> Parts {
    use planning::Error as E;
    match e {
        E::NotFound => Parts::new(StatusCode::NOT_FOUND, Code::NotFound, "Resource not found."),
        E::Validation(f) => validation_parts(f),
        E::InvalidCsv(m) => Parts::new(
            StatusCode::BAD_REQUEST,
            Code::InvalidCsv,
            format!("The file is not a CSV we can import: {m}"),
        ),
        E::PayloadTooLarge { limit } => Parts::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Code::PayloadTooLarge,
            format!("The file is larger than {} KiB.", limit / 1024),
        ),
        E::PlanLimitReached { limit } => Parts::new(
            StatusCode::FORBIDDEN,
            Code::PlanLimitReached,
            format!("Your plan allows at most {limit} keywords. Upgrade the plan to add more."),
        ),
        E::AlreadyExists { field } => Parts::new(
            StatusCode::CONFLICT,
            Code::AlreadyExists,
            format!("A record with this {field} already exists in this site and sector."),
        )
        .with_errors(&FieldErrors::single(
            *field,
            format!("A record with this {field} already exists in this site and sector."),
        )),
        E::Output(_) => internal(),
        E::Tenancy(t) => tenancy_parts(t),
        E::Db(d) => db_parts(d),
    }
}

impl ApiError {
    fn parts(&self) -> Parts {
        match self {
            ApiError::Tenancy(e) => tenancy_parts(e),
            ApiError::Planning(e) => planning_parts(e),
            ApiError::Billing(e) => billing_parts(e),
            ApiError::Content(e) => content_parts(e),
            ApiError::Integration(e) => integration_parts(e),
            ApiError::InvalidJson(m) => Parts::new(
                StatusCode::BAD_REQUEST,
                Code::InvalidJson,
                format!("Malformed JSON: {m}"),
            ),
            ApiError::Validation(f) => validation_parts(f),
            ApiError::Automation(e) => automation_parts(e),
            ApiError::PayloadTooLarge { limit } => Parts::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                Code::PayloadTooLarge,
                format!("The request body is larger than {} KiB.", limit / 1024),
            ),
            ApiError::UnsupportedMediaType(m) => Parts::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Code::UnsupportedMediaType,
                m.clone(),
            ),
            ApiError::AuthenticationRequired => Parts::new(
                StatusCode::UNAUTHORIZED,
                Code::AuthenticationRequired,
                "Authentication credentials were not provided.",
            ),
            ApiError::NotFound => {
                Parts::new(StatusCode::NOT_FOUND, Code::NotFound, "Resource not found.")
            }
            ApiError::MethodNotAllowed => Parts::new(
                StatusCode::METHOD_NOT_ALLOWED,
                Code::MethodNotAllowed,
                "Method not allowed on this route.",
            ),
            ApiError::RateLimited(r) => {
                let mut p = Parts::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    Code::RateLimited,
                    format!(
                        "Too many {} requests for this account ({} a minute). Try again in {} seconds.",
                        r.group.as_str(),
                        r.limit,
                        r.retry_after_secs
                    ),
                );
                p.headers = vec![
                    ("retry-after", r.retry_after_secs.to_string()),
                    ("x-throttle-limit", r.limit.to_string()),
                    ("x-throttle-remaining", "0".into()),
                    ("x-throttle-reset", r.reset_at.to_string()),
                ];
                p
            }
            ApiError::Unavailable(_) => Parts::new(
                StatusCode::SERVICE_UNAVAILABLE,
                Code::Unavailable,
                "The service is temporarily unavailable.",
            )
            .retry_after(RETRY_AFTER_SECS),
            ApiError::Internal(_) => internal(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().status
    }

    fn error_response(&self) -> HttpResponse {
        let p = self.parts();
        let rid = request_id::current();
        if p.status.is_server_error() {
            // The cause goes to the log once, with the request id; the client gets a generic text.
            tracing::error!(request_id = %rid, error = %self, "request failed");
        }
        let mut body = json!({"success": false, "error": p.message, "code": p.code.as_str(), "request_id": rid});
        if let Some(e) = p.errors {
            body["errors"] = e;
        }
        let mut res = HttpResponse::build(p.status);
        for (k, v) in p.headers {
            res.insert_header((k, v));
        }
        res.insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        ));
        res.body(body.to_string())
    }
}

/// Result alias for handlers.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_account_key_is_a_conflict_that_says_what_to_do() {
        let e = ApiError::Automation(automation::Error::ApiKeyUnreadable(
            automation::error::SecretError::Decrypt,
        ));
        let p = e.parts();
        assert_eq!((p.status, p.code), (StatusCode::CONFLICT, Code::Conflict));
        assert!(p.message.contains("enter the key again"), "{}", p.message);
        let e = ApiError::Automation(automation::Error::InvalidStoredSetting {
            field: "provider",
            message: "x".into(),
        });
        assert_eq!(e.parts().status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            e.parts().message,
            internal().message,
            "the cause is not sent"
        );
    }

    #[test]
    fn a_provider_failure_reaching_a_client_is_503_with_retry_after_and_no_cause() {
        let e = ApiError::Automation(automation::Error::Ai(ai::Error::RateLimited {
            retry_after: None,
        }));
        let p = e.parts();
        assert_eq!(
            (p.status, p.code),
            (StatusCode::SERVICE_UNAVAILABLE, Code::Unavailable)
        );
        assert_eq!(p.headers, vec![("Retry-After", "30".to_owned())]);
        assert!(!p.message.contains("in time"), "{}", p.message);
    }

    #[test]
    fn every_code_is_listed_once_and_spelled_in_snake_case() {
        let names: std::collections::BTreeSet<&str> =
            Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
    }
}
