//! The one error type of the AI layer.

use crate::types::Usage;
use std::time::Duration;

/// Why an AI call failed. The messages name the cause in words a person can act on
/// ("connection refused at http://…", "timed out after 30 s", "HTTP 401 from the AI
/// provider", "the answer did not match the schema: /clusters/0/keyword_ids/1: …").
///
/// The variants say what happened upstream, not how to present it: the job that called the
/// provider decides whether to give up on one item, on the whole task, or to retry later.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// No answer within the per-request timeout; retried until the deadline ran out.
    #[error("the AI provider timed out after {} s ({attempts} {} in {} s)", after.as_secs(), if *attempts == 1 { "attempt" } else { "attempts" }, elapsed.as_secs())]
    Timeout {
        /// The per-request timeout that expired.
        after: Duration,
        /// Requests sent.
        attempts: u32,
        /// Time spent on the call, waits included.
        elapsed: Duration,
    },
    /// The provider could not be reached at all (connection refused, DNS, TLS): nothing was
    /// sent, so the call fails at once (after one short retry).
    #[error("cannot reach the AI provider: {reason} at {url}")]
    Unreachable {
        /// The URL that was tried.
        url: String,
        /// "connection refused", "host not found", "TLS handshake failed", ...
        reason: String,
    },
    /// The provider kept answering 429 until the deadline; `retry_after` is its last hint.
    #[error("the AI provider is rate limiting us (HTTP 429{})", retry_after.map(|d| format!(", retry after {} s", d.as_secs())).unwrap_or_default())]
    RateLimited {
        /// The last `Retry-After` the provider sent, if any.
        retry_after: Option<Duration>,
    },
    /// The provider answered with an error status (or a body that is not its API's shape).
    #[error("HTTP {status} from the AI provider: {body_snippet}")]
    Upstream {
        /// HTTP status code.
        status: u16,
        /// The first few hundred characters of the response body.
        body_snippet: String,
    },
    /// The model's answer could not be used, even after one repair round. `usage` holds the
    /// tokens every call of the attempt burned (logged with zero credits).
    #[error("the AI model's answer was unusable: {reason}")]
    InvalidOutput {
        /// What was wrong ("the answer did not match the schema: /ideas: …", "cut off at 512
        /// tokens", ...).
        reason: String,
        /// Tokens spent on the unusable answers, when the provider reported them.
        usage: Option<Usage>,
    },
    /// The configuration is unusable (missing key, bad template, bad endpoint, ...).
    #[error("AI configuration error: {0}")]
    Config(String),
    /// One item's input is unusable (no title, a word count out of range, ...).
    #[error("the input cannot be used: {0}")]
    InvalidInput(String),
    /// The request was sent but its answer could not be read (connection reset, ...).
    #[error("transport error talking to the AI provider: {0}")]
    Transport(String),
}

impl Error {
    /// An [`Error::InvalidOutput`] without usage (checks before or without a provider call).
    pub fn invalid(reason: impl Into<String>) -> Error {
        Error::InvalidOutput {
            reason: reason.into(),
            usage: None,
        }
    }

    /// Tokens the failed call burned, when known.
    pub fn usage(&self) -> Option<&Usage> {
        match self {
            Error::InvalidOutput { usage, .. } => usage.as_ref(),
            _ => None,
        }
    }

    /// True when the failure concerns the provider as a whole (unreachable, refusing our key,
    /// unknown model, bad configuration), so the next item would fail the same way; false when
    /// it concerns one item's call (an unusable answer, a timeout, a 5xx).
    pub fn is_provider_wide(&self) -> bool {
        match self {
            Error::Unreachable { .. } | Error::Config(_) | Error::RateLimited { .. } => true,
            Error::Upstream { status, .. } => matches!(status, 401 | 403 | 404),
            Error::Timeout { .. }
            | Error::InvalidOutput { .. }
            | Error::InvalidInput(_)
            | Error::Transport(_) => false,
        }
    }
}

/// Result alias of the AI layer.
pub type Result<T, E = Error> = std::result::Result<T, E>;
