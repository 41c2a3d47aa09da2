//! The one error type of the AI layer.

use std::time::Duration;

/// Why an AI call failed.
///
/// The variants say what happened upstream, not how to present it: the job that called the
/// provider decides whether to retry later, mark the task failed, or refund credits.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// The provider did not answer within the configured timeout (after all retries).
    #[error("the AI provider did not answer in time")]
    Timeout,
    /// The provider kept answering 429 after all retries; `retry_after` is its last hint.
    #[error("the AI provider is rate limiting us (retry after {retry_after:?})")]
    RateLimited {
        /// The last `Retry-After` the provider sent, if any.
        retry_after: Option<Duration>,
    },
    /// The provider answered with an error status (or a body that is not its API's shape).
    #[error("the AI provider answered {status}: {body_snippet}")]
    Upstream {
        /// HTTP status code.
        status: u16,
        /// The first few hundred characters of the response body.
        body_snippet: String,
    },
    /// The model's answer could not be used, even after one repair attempt.
    #[error("the AI model returned unusable output: {0}")]
    InvalidOutput(String),
    /// The configuration or the input is unusable (missing key, bad template, bad size, ...).
    #[error("AI configuration error: {0}")]
    Config(String),
    /// The request could not be sent or its answer not read (connection refused, reset, ...).
    #[error("transport error talking to the AI provider: {0}")]
    Transport(String),
}

/// Result alias of the AI layer.
pub type Result<T, E = Error> = std::result::Result<T, E>;
