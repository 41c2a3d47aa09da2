//! The OpenAI-compatible provider: OpenAI, OpenRouter, Ollama, vLLM, llama.cpp server, ...
//!
//! - Text: `POST {base_url}/chat/completions` with structured output: the function's JSON
//!   Schema (built for the call's input, see `schema`) as a strict `response_format` of type
//!   `json_schema`; an endpoint that refuses one is asked in JSON mode with the schema in the
//!   prompt from then on (remembered per endpoint and model). Every answer is checked against
//!   the schema and the input; an unusable one (not JSON, the wrong shape, cut off at
//!   `max_tokens`) gets one repair round, then [`Error::InvalidOutput`] with the tokens spent.
//! - Bounded generation: `max_tokens` per call from what is asked (keywords, ideas, words),
//!   under a ceiling; a long article is written section by section from its outline when one
//!   answer cannot hold it, and keywords are clustered in chunks that fit.
//! - Images: `POST {base_url}/images/generations` asking for `b64_json`; a `url` answer is
//!   downloaded (without our API key). The image is converted to the requested format and size.
//! - Every request: bearer auth when a key is set, a per-request timeout, and retries on 429,
//!   5xx, timeouts and dropped connections with jittered exponential backoff (honouring
//!   `Retry-After`) under a total deadline; a provider that cannot be reached at all (refused,
//!   unknown host, TLS) fails after one short retry. Retries are reported to the thread's
//!   observer (`crate::observe`). A counting semaphore, shared by clones, limits requests in
//!   flight.

use crate::error::{Error, Result};
use crate::observe::{RetryNotice, retrying};
use crate::offline::text::estimate_tokens;
use crate::parse;
use crate::prompts::{PromptFunction, Prompts};
use crate::provider::{ImageProvider, TextProvider};
use crate::schema::{self, Schema};
use crate::types::{
    ClusterIn, ClusteringOut, ContentIn, ContentOut, Generated, IdeaOut, ImageFormat, ImageOut,
    ImagePromptIn, ImagePromptOut, KeywordIn, OutlineSection, Usage,
};
use crate::validate;
use base64::Engine;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Condvar, LazyLock, Mutex, Once};
use std::time::{Duration, Instant};

/// Provider name reported in [`Usage::provider`].
pub const PROVIDER: &str = "openai";
/// Longest part of an error body kept in [`Error::Upstream`].
const SNIPPET_CHARS: usize = 300;
/// The wait before the one retry of a provider that could not be reached.
const UNREACHABLE_RETRY: Duration = Duration::from_millis(250);

/// Connection and behaviour of an OpenAI-compatible endpoint.
#[derive(Clone, PartialEq)]
pub struct OpenAiConfig {
    /// API root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1` (Ollama).
    pub base_url: String,
    /// Bearer token; empty sends no `Authorization` header (local servers). Never logged.
    pub api_key: String,
    /// Chat model, e.g. `gpt-4o-mini`, `llama3.1:8b`.
    pub text_model: String,
    /// Image model, e.g. `dall-e-3`.
    pub image_model: String,
    /// Per-request timeout (connect + response).
    pub timeout: Duration,
    /// Total time one call may take with its retries (an attempt always gets `timeout` once).
    pub deadline: Duration,
    /// Retries after the first attempt on 429, 5xx, timeouts and dropped connections.
    pub max_retries: u32,
    /// Most requests in flight at once across all clones of the provider.
    pub max_concurrency: usize,
    /// Sampling temperature.
    pub temperature: f32,
    /// Ceiling of `max_tokens` on any chat request; each call asks for what its output needs.
    pub max_tokens: u32,
    /// First backoff delay; doubles per retry, plus up to the same again of jitter.
    pub backoff_base: Duration,
    /// Cap on any single wait, including an honoured `Retry-After`.
    pub max_backoff: Duration,
}

impl Default for OpenAiConfig {
    fn default() -> OpenAiConfig {
        OpenAiConfig {
            base_url: "https://api.openai.com/v1".into(),
            api_key: String::new(),
            text_model: "gpt-4o-mini".into(),
            image_model: "dall-e-3".into(),
            timeout: Duration::from_secs(60),
            deadline: Duration::from_secs(45),
            max_retries: 3,
            max_concurrency: 4,
            temperature: 0.7,
            max_tokens: 4096,
            backoff_base: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl fmt::Debug for OpenAiConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenAiConfig")
            .field("base_url", &self.base_url)
            .field(
                "api_key",
                &if self.api_key.is_empty() {
                    "<none>"
                } else {
                    "<redacted>"
                },
            )
            .field("text_model", &self.text_model)
            .field("image_model", &self.image_model)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_retries", &self.max_retries)
            .field("max_concurrency", &self.max_concurrency)
            .field("temperature", &self.temperature)
            .field("max_tokens", &self.max_tokens)
            .field("backoff_base", &self.backoff_base)
            .field("max_backoff", &self.max_backoff)
            .finish()
    }
}

/// A counting semaphore limiting requests in flight; clones share the count.
#[derive(Clone)]
struct Limiter {
    state: Arc<(Mutex<usize>, Condvar)>,
    max: usize,
}

/// One slot of a [`Limiter`], released on drop.
struct Permit<'a>(&'a Limiter);

impl Limiter {
    fn new(max: usize) -> Limiter {
        Limiter {
            state: Arc::new((Mutex::new(0), Condvar::new())),
            max: max.max(1),
        }
    }

    fn acquire(&self) -> Permit<'_> {
        let (lock, cvar) = &*self.state;
        // A poisoned lock only means another thread panicked while holding a plain counter.
        let mut in_flight = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *in_flight >= self.max {
            in_flight = cvar.wait(in_flight).unwrap_or_else(|e| e.into_inner());
        }
        *in_flight += 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let (lock, cvar) = &*self.0.state;
        let mut in_flight = lock.lock().unwrap_or_else(|e| e.into_inner());
        *in_flight = in_flight.saturating_sub(1);
        cvar.notify_one();
    }
}

/// reqwest is built with `rustls-no-provider`: install ring once, before the first client.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err means another part of the process installed one first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// How an endpoint is asked for structured output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    /// `response_format: {"type": "json_schema", "json_schema": {"strict": true, ...}}`.
    JsonSchema,
    /// `response_format: {"type": "json_object"}` with the schema in the system message.
    JsonObject,
}

/// What each endpoint (base URL and model) was found to accept, for the life of the process.
static MODES: LazyLock<Mutex<HashMap<String, OutputMode>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The OpenAI-compatible provider. Clones share the HTTP connection pool and the concurrency
/// limit; [`OpenAiProvider::with_prompts`] gives a clone with an account's prompt overrides.
#[derive(Clone)]
pub struct OpenAiProvider {
    config: Arc<OpenAiConfig>,
    client: reqwest::blocking::Client,
    limiter: Limiter,
    prompts: Prompts,
}

impl fmt::Debug for OpenAiProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenAiProvider")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What a failed attempt means for the retry loop.
enum Attempt {
    /// Worth another attempt after the backoff (or `Retry-After`).
    Retry(Error, Option<Duration>),
    /// The provider could not be reached: one short retry, then give up.
    Unreachable(Error),
    /// Retrying will not help.
    Fail(Error),
}

fn snippet(body: &str) -> String {
    let s: String = body.chars().take(SNIPPET_CHARS).collect();
    if body.chars().count() > SNIPPET_CHARS {
        format!("{s}…")
    } else {
        s
    }
}

/// Why a connection could not be made, in words, from reqwest's error chain.
fn unreachable_reason(e: &reqwest::Error) -> String {
    let mut chain = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let all = chain.join(" | ").to_lowercase();
    if e.is_timeout() || all.contains("timed out") {
        "the connection timed out".into()
    } else if all.contains("refused") {
        "connection refused".into()
    } else if all.contains("dns")
        || all.contains("lookup")
        || all.contains("name or service not known")
        || all.contains("no address")
    {
        "the host name could not be resolved".into()
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        format!(
            "the TLS handshake failed ({})",
            chain.last().cloned().unwrap_or_default()
        )
    } else {
        chain.last().cloned().unwrap_or_else(|| e.to_string())
    }
}

/// One chat answer.
struct Answer {
    content: String,
    usage: Usage,
    /// The model stopped at `max_tokens` (`finish_reason: "length"`).
    cut_off: bool,
}

/// Output tokens a call asks for; see [`OpenAiProvider::budget`].
mod tokens {
    /// Per keyword in a clustering answer (its id, punctuation, a share of a cluster name).
    pub const PER_KEYWORD: u32 = 16;
    /// Fixed part of a clustering answer.
    pub const CLUSTERING_BASE: u32 = 200;
    /// One idea with its outline.
    pub const PER_IDEA: u32 = 450;
    /// Tokens a section's paragraph may take beyond one per character (quotes, commas and
    /// the spaces JSON allows between items). A section's budget is one token per character of
    /// its longest paragraphs plus this: no answer its schema allows can be cut off, whatever
    /// the model writes (escapes and digits run at a character a token).
    pub const PER_PARAGRAPH: u32 = 25;
    /// Characters per token a whole article's budget assumes (good models write HTML at ~4);
    /// an article cut off anyway is written again by sections, whose budgets hold any answer.
    pub const ARTICLE_CHARS_PER_TOKEN: u32 = 3;
    /// Fixed part of an article answer (meta fields, tags, categories).
    pub const ARTICLE_BASE: u32 = 300;
    /// Fixed part of a section answer.
    pub const SECTION_BASE: u32 = 60;
    /// Meta fields of an article written by sections.
    pub const META: u32 = 300;
}

impl OpenAiProvider {
    /// Builds the provider and its HTTP client. Must not be called inside an async runtime
    /// (reqwest's blocking client owns one).
    pub fn new(config: OpenAiConfig) -> Result<OpenAiProvider> {
        if config.base_url.trim().is_empty() {
            return Err(Error::Config("the AI base URL is empty".into()));
        }
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(Error::Config(format!(
                "the AI base URL {:?} is not http(s)",
                config.base_url
            )));
        }
        if config.text_model.trim().is_empty() {
            return Err(Error::Config("the text model is empty".into()));
        }
        if config.timeout.is_zero() {
            return Err(Error::Config("the AI timeout must be positive".into()));
        }
        if config.max_tokens < 256 {
            return Err(Error::Config(format!(
                "max_tokens {} is too small to answer anything; use at least 256",
                config.max_tokens
            )));
        }
        install_crypto_provider();
        let client = reqwest::blocking::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("igny8-ai/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        let limiter = Limiter::new(config.max_concurrency);
        Ok(OpenAiProvider {
            config: Arc::new(config),
            client,
            limiter,
            prompts: Prompts::defaults(),
        })
    }

    /// A clone using `prompts` (e.g. an account's overrides merged over the platform's),
    /// sharing this provider's client and concurrency limit.
    pub fn with_prompts(&self, prompts: Prompts) -> OpenAiProvider {
        OpenAiProvider {
            prompts,
            ..self.clone()
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &OpenAiConfig {
        &self.config
    }

    /// Whether `other` counts its requests against the same concurrency limit as `self`.
    pub fn shares_limiter_with(&self, other: &OpenAiProvider) -> bool {
        Arc::ptr_eq(&self.limiter.state, &other.limiter.state)
    }

    fn mode_key(&self) -> String {
        format!(
            "{}\n{}",
            self.config.base_url.trim_end_matches('/'),
            self.config.text_model
        )
    }

    /// How this endpoint is asked for structured output: a JSON Schema until it refuses one.
    pub fn output_mode(&self) -> OutputMode {
        MODES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&self.mode_key())
            .copied()
            .unwrap_or(OutputMode::JsonSchema)
    }

    fn set_output_mode(&self, mode: OutputMode) {
        MODES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(self.mode_key(), mode);
    }

    /// `wanted` output tokens, under the configured ceiling.
    fn budget(&self, wanted: u32) -> u32 {
        wanted.clamp(64, self.config.max_tokens)
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.config.base_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }

    /// The wait before retry number `attempt` (0-based): `Retry-After` when given, else
    /// exponential backoff with jitter; capped at `max_backoff` either way.
    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let cap = self.config.max_backoff;
        if let Some(d) = retry_after {
            return d.min(cap);
        }
        let base = self.config.backoff_base;
        let exp = base.saturating_mul(1u32 << attempt.min(16));
        let jitter_ms = base.as_millis().min(u128::from(u64::MAX)) as u64;
        let jitter = Duration::from_millis(if jitter_ms == 0 {
            0
        } else {
            rand::random_range(0..=jitter_ms)
        });
        (exp + jitter).min(cap)
    }

    /// Sends one request with the retry policy; returns the response body as JSON.
    ///
    /// The call ends by its deadline (`deadline`, or `timeout` when longer): a retry starts
    /// only when its wait ends before the deadline, and its timeout is what is left.
    fn post_json(&self, path: &str, body: &Value) -> Result<Value> {
        let url = self.url(path);
        let started = Instant::now();
        let deadline = self.config.deadline.max(self.config.timeout);
        let max_attempts = self.config.max_retries + 1;
        let mut attempt: u32 = 1;
        let mut unreachable_retried = false;
        loop {
            let timeout = self
                .config
                .timeout
                .min(deadline.saturating_sub(started.elapsed()))
                .max(Duration::from_millis(50));
            let outcome = {
                let _permit = self.limiter.acquire();
                self.try_post(&url, body, timeout)
            };
            let (err, wait) = match outcome {
                Ok(v) => return Ok(v),
                Err(Attempt::Fail(e)) => return Err(e),
                Err(Attempt::Unreachable(e)) => {
                    if unreachable_retried {
                        return Err(e);
                    }
                    unreachable_retried = true;
                    (e, UNREACHABLE_RETRY)
                }
                Err(Attempt::Retry(e, retry_after)) => {
                    let e = match e {
                        Error::Timeout { after, .. } => Error::Timeout {
                            after,
                            attempts: attempt,
                            elapsed: started.elapsed(),
                        },
                        other => other,
                    };
                    (e, self.backoff(attempt - 1, retry_after))
                }
            };
            if attempt >= max_attempts || started.elapsed() + wait >= deadline {
                return Err(err);
            }
            let notice = RetryNotice {
                attempt: attempt + 1,
                max_attempts,
                reason: err.to_string(),
                wait,
            };
            tracing::warn!(path, attempt, wait_ms = wait.as_millis() as u64, error = %err, "AI request failed; retrying");
            retrying(&notice);
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    fn try_post(&self, url: &str, body: &Value, timeout: Duration) -> Result<Value, Attempt> {
        let mut req = self.client.post(url).json(body).timeout(timeout);
        if !self.config.api_key.is_empty() {
            req = req.bearer_auth(&self.config.api_key);
        }
        let timed_out = || Error::Timeout {
            after: timeout,
            attempts: 1,
            elapsed: timeout,
        };
        let resp = req.send().map_err(|e| {
            if e.is_connect() {
                Attempt::Unreachable(Error::Unreachable {
                    url: url.to_owned(),
                    reason: unreachable_reason(&e),
                })
            } else if e.is_timeout() {
                Attempt::Retry(timed_out(), None)
            } else {
                Attempt::Retry(Error::Transport(e.to_string()), None)
            }
        })?;
        let status = resp.status();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = resp.text().map_err(|e| {
            if e.is_timeout() {
                Attempt::Retry(timed_out(), None)
            } else {
                Attempt::Retry(Error::Transport(e.to_string()), None)
            }
        })?;
        if status.as_u16() == 429 {
            return Err(Attempt::Retry(
                Error::RateLimited { retry_after },
                retry_after,
            ));
        }
        let upstream = || Error::Upstream {
            status: status.as_u16(),
            body_snippet: snippet(&text),
        };
        if status.is_server_error() {
            return Err(Attempt::Retry(upstream(), retry_after));
        }
        if !status.is_success() {
            return Err(Attempt::Fail(upstream()));
        }
        serde_json::from_str(&text).map_err(|_| Attempt::Fail(upstream()))
    }

    /// One chat completion asking for `schema`'s shape with at most `max_tokens` output
    /// tokens. An endpoint that refuses `json_schema` (a 400 naming it) is asked again in JSON
    /// mode at once, and remembered.
    fn chat(&self, messages: &[Value], schema: &Schema, max_tokens: u32) -> Result<Answer> {
        let mut mode = self.output_mode();
        let resp = loop {
            let response_format = match mode {
                OutputMode::JsonSchema => json!({
                    "type": "json_schema",
                    "json_schema": {"name": schema.name, "strict": true, "schema": schema.schema},
                }),
                OutputMode::JsonObject => json!({"type": "json_object"}),
            };
            let sent: Vec<Value> = match mode {
                OutputMode::JsonSchema => messages.to_vec(),
                OutputMode::JsonObject => with_schema_in_prompt(messages, schema),
            };
            let body = json!({
                "model": self.config.text_model,
                "messages": sent,
                "response_format": response_format,
                "temperature": self.config.temperature,
                "max_tokens": max_tokens,
            });
            match self.post_json("chat/completions", &body) {
                Ok(resp) => {
                    if mode == OutputMode::JsonSchema {
                        self.set_output_mode(mode);
                    }
                    break resp;
                }
                Err(Error::Upstream {
                    status: 400 | 422,
                    body_snippet,
                }) if mode == OutputMode::JsonSchema && refuses_schema(&body_snippet) => {
                    tracing::info!(base_url = %self.config.base_url, model = %self.config.text_model, "the endpoint refuses json_schema output; using JSON mode with the schema in the prompt");
                    mode = OutputMode::JsonObject;
                    self.set_output_mode(mode);
                }
                Err(e) => return Err(e),
            }
        };
        let content = resp
            .pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Upstream {
                status: 200,
                body_snippet: snippet(&format!("no choices[0].message.content in {resp}")),
            })?
            .to_owned();
        let cut_off = resp
            .pointer("/choices/0/finish_reason")
            .and_then(Value::as_str)
            == Some("length");
        let prompt_text: String = messages
            .iter()
            .filter_map(|m| m["content"].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let usage = Usage {
            model: resp["model"]
                .as_str()
                .unwrap_or(&self.config.text_model)
                .to_owned(),
            tokens_in: resp
                .pointer("/usage/prompt_tokens")
                .and_then(Value::as_u64)
                .unwrap_or_else(|| estimate_tokens(&prompt_text)),
            tokens_out: resp
                .pointer("/usage/completion_tokens")
                .and_then(Value::as_u64)
                .unwrap_or_else(|| estimate_tokens(&content)),
            provider: PROVIDER.to_owned(),
        };
        Ok(Answer {
            content,
            usage,
            cut_off,
        })
    }

    /// The system message: the role and the answer's shape (JSON mode adds the whole schema,
    /// see [`with_schema_in_prompt`]).
    fn system_message(&self, shape: &str) -> String {
        format!(
            "You are an expert SEO strategist and writer. Answer with one JSON object only, with no prose \
             and no code fences, in exactly this shape:\n{shape}"
        )
    }

    /// Asks for `schema`'s shape and turns the answer into `T` (schema check, then `parse`'s
    /// checks against the input); one repair round on an unusable answer.
    fn complete<T>(
        &self,
        label: &str,
        messages: Vec<Value>,
        schema: &Schema,
        max_tokens: u32,
        parse: impl Fn(&Value) -> Result<T, String>,
    ) -> Result<Generated<T>> {
        let mut messages = messages;
        let answer = self.chat(&messages, schema, max_tokens)?;
        let mut usage = answer.usage.clone();
        let first_error = match usable(&answer, schema, max_tokens, &parse) {
            Ok(output) => return Ok(Generated { output, usage }),
            Err(e) => e,
        };
        tracing::warn!(function = label, error = %first_error, "AI output unusable; asking for a repair");
        let repair = if answer.cut_off {
            format!(
                "Your previous answer was cut off at the limit of {max_tokens} tokens. Answer again, \
                 more briefly, with only the JSON."
            )
        } else {
            format!(
                "Your previous answer could not be used: {first_error}. Answer again with only the JSON."
            )
        };
        messages.push(json!({"role": "assistant", "content": answer.content}));
        messages.push(json!({"role": "user", "content": repair}));
        let answer = match self.chat(&messages, schema, max_tokens) {
            Ok(a) => a,
            Err(e) => {
                return Err(match e {
                    // The repair call itself failed at the protocol level: report the first
                    // problem with what it cost.
                    Error::Timeout { .. } | Error::Transport(_) | Error::Upstream { .. } => {
                        Error::InvalidOutput {
                            reason: format!(
                                "{label}: {first_error} (and the repair request failed: {e})"
                            ),
                            usage: Some(usage),
                        }
                    }
                    other => other,
                });
            }
        };
        usage.add(&answer.usage);
        match usable(&answer, schema, max_tokens, &parse) {
            Ok(output) => Ok(Generated { output, usage }),
            Err(e) => Err(Error::InvalidOutput {
                reason: format!(
                    "{label}: {e} (after one repair round; the first answer had: {first_error})"
                ),
                usage: Some(usage),
            }),
        }
    }

    /// The system and user messages of a templated function.
    fn messages(
        &self,
        function: PromptFunction,
        shape: &str,
        vars: &[(&str, &str)],
    ) -> Result<Vec<Value>> {
        let user = self.prompts.render(function, vars)?;
        Ok(vec![
            json!({"role": "system", "content": self.system_message(shape)}),
            json!({"role": "user", "content": user}),
        ])
    }

    /// Downloads an image URL returned by the provider. No `Authorization` header: the URL may
    /// point at a third-party CDN that must never see our key.
    fn download(&self, url: &str) -> Result<Vec<u8>> {
        let _permit = self.limiter.acquire();
        let resp = self.client.get(url).send().map_err(|e| {
            if e.is_timeout() {
                Error::Timeout {
                    after: self.config.timeout,
                    attempts: 1,
                    elapsed: self.config.timeout,
                }
            } else {
                Error::Transport(e.to_string())
            }
        })?;
        let status = resp.status();
        if !status.is_success() {
            let body = resp.text().unwrap_or_default();
            return Err(Error::Upstream {
                status: status.as_u16(),
                body_snippet: snippet(&body),
            });
        }
        Ok(resp
            .bytes()
            .map_err(|e| Error::Transport(e.to_string()))?
            .to_vec())
    }

    /// Clusters one chunk of keywords (small enough for one answer).
    fn cluster_chunk(&self, keywords: &[KeywordIn]) -> Result<Generated<ClusteringOut>> {
        let schema = schema::clustering(keywords);
        let lines = keyword_lines(keywords);
        let count = keywords.len().to_string();
        let messages = self.messages(
            PromptFunction::Clustering,
            parse::CLUSTERING_SCHEMA,
            &[("keywords", &lines), ("keyword_count", &count)],
        )?;
        let wanted = tokens::CLUSTERING_BASE
            + tokens::PER_KEYWORD * u32::try_from(keywords.len()).unwrap_or(u32::MAX / 32);
        self.complete("clustering", messages, &schema, self.budget(wanted), |v| {
            parse::clustering(v, keywords)
        })
    }

    /// Most keywords one clustering answer can hold under the token ceiling.
    fn keywords_per_call(&self) -> usize {
        let room = self
            .config
            .max_tokens
            .saturating_sub(tokens::CLUSTERING_BASE);
        usize::try_from(room / tokens::PER_KEYWORD)
            .unwrap_or(1)
            .max(1)
    }

    /// Writes the whole article in one answer.
    fn content_whole(&self, input: &ContentIn) -> Result<Generated<ContentOut>> {
        let schema = schema::content(input);
        let outline = outline_text(&input.outline);
        let secondary = input.secondary_keywords.join(", ");
        let words = input.target_word_count.to_string();
        let messages = self.messages(
            PromptFunction::Content,
            parse::CONTENT_SCHEMA,
            &[
                ("title", input.title.trim()),
                ("outline", &outline),
                ("primary_keyword", input.primary_keyword.trim()),
                ("secondary_keywords", &secondary),
                ("word_count", &words),
                ("content_type", input.content_type.as_str()),
                ("content_structure", input.content_structure.as_str()),
            ],
        )?;
        self.complete(
            "content",
            messages,
            &schema,
            self.budget(article_tokens(input.target_word_count)),
            |v| parse::content(v, input),
        )
    }

    /// Writes the article section by section from its outline (each answer fits the token
    /// ceiling), then its meta fields; the sections' HTML is joined under `<h2>` headings.
    fn content_by_sections(&self, input: &ContentIn) -> Result<Generated<ContentOut>> {
        let sections: Vec<OutlineSection> = if input.outline.is_empty() {
            default_outline(input)
        } else {
            input.outline.clone()
        };
        let n = u32::try_from(sections.len()).unwrap_or(1).max(1);
        let words_each = (input.target_word_count / n).max(60);
        // A compact brief: the whole-article prompt asks for HTML and meta fields, which
        // misleads a model asked for one section's paragraphs.
        let headings: Vec<&str> = sections.iter().map(|s| s.heading.trim()).collect();
        let mut brief = format!(
            "Article: \"{}\" (a {}; structure: {}), about {}.",
            input.title.trim(),
            input.content_type.as_str(),
            input.content_structure.as_str(),
            input.primary_keyword.trim()
        );
        if !input.secondary_keywords.is_empty() {
            brief.push_str(&format!(
                " Also mention: {}.",
                input.secondary_keywords.join(", ")
            ));
        }
        brief.push_str(&format!("\nSections: {}.", headings.join("; ")));
        let paragraphs =
            schema::section_paragraphs(words_each).min(paragraphs_under(self.config.max_tokens));
        let section_schema = schema::section(paragraphs);
        let mut usage: Option<Usage> = None;
        let add = |usage: &mut Option<Usage>, u: &Usage| match usage {
            Some(total) => total.add(u),
            None => *usage = Some(u.clone()),
        };
        let with_usage = |e: Error, usage: &Option<Usage>| match e {
            Error::InvalidOutput { reason, usage: u } => {
                let mut total = usage.clone();
                if let Some(u) = u {
                    add(&mut total, &u);
                }
                Error::InvalidOutput {
                    reason,
                    usage: total,
                }
            }
            other => other,
        };
        let mut html = String::new();
        for (i, s) in sections.iter().enumerate() {
            let notes = if s.notes.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", s.notes.trim())
            };
            let ask = format!(
                "Write section {} of {}, \"{}\"{notes}: about {words_each} words of plain text in \
                 {paragraphs} paragraphs, concrete advice, no headings.",
                i + 1,
                sections.len(),
                s.heading.trim(),
            );
            let messages = vec![
                json!({"role": "system", "content": self.system_message(r#"{"paragraphs": ["First paragraph.", "Second paragraph."]}"#)}),
                json!({"role": "user", "content": format!("{brief}\n\n{ask}")}),
            ];
            let label = format!("content section {} of {}", i + 1, sections.len());
            let part = self
                .complete(
                    &label,
                    messages,
                    &section_schema,
                    self.budget(section_tokens(paragraphs)),
                    parse::section_html,
                )
                .map_err(|e| with_usage(e, &usage))?;
            add(&mut usage, &part.usage);
            html.push_str(&format!(
                "<h2>{}</h2>\n{}\n",
                escape_text(s.heading.trim()),
                part.output
            ));
        }
        let meta_schema = schema::meta();
        let messages = vec![
            json!({"role": "system", "content": self.system_message(parse::META_SCHEMA)}),
            json!({"role": "user", "content": format!(
                "Write the meta title (at most 60 characters), meta description (at most 160 \
                 characters), up to 6 tags and up to 2 categories for the article \"{}\" about \
                 \"{}\", whose sections are:\n{}",
                input.title.trim(),
                input.primary_keyword.trim(),
                outline_text(&sections)
            )}),
        ];
        let meta = self
            .complete(
                "content meta",
                messages,
                &meta_schema,
                self.budget(tokens::META),
                |v| Ok(v.clone()),
            )
            .map_err(|e| with_usage(e, &usage))?;
        add(&mut usage, &meta.usage);
        let mut whole = meta.output;
        whole["html"] = Value::String(html);
        let usage = usage.unwrap_or_else(|| meta.usage.clone());
        match parse::content(&whole, input) {
            Ok(output) => Ok(Generated { output, usage }),
            Err(reason) => Err(Error::InvalidOutput {
                reason: format!("content: {reason}"),
                usage: Some(usage),
            }),
        }
    }
}

/// `messages` with the schema appended to the system message, for endpoints in JSON mode
/// (which constrain the output to JSON, not to our shape).
fn with_schema_in_prompt(messages: &[Value], schema: &Schema) -> Vec<Value> {
    let mut out = messages.to_vec();
    if let Some(system) = out.iter_mut().find(|m| m["role"] == "system")
        && let Some(text) = system["content"].as_str()
    {
        system["content"] = Value::String(format!(
            "{text}\nThe answer must validate against this JSON Schema:\n{}",
            schema.schema
        ));
    }
    out
}

/// True when a 400's body says the `json_schema` response format is what it refuses.
fn refuses_schema(body: &str) -> bool {
    let b = body.to_lowercase();
    b.contains("response_format") || b.contains("json_schema") || b.contains("schema")
}

/// Checks one answer: not cut off, JSON, matching the schema, and `parse`'s input checks.
fn usable<T>(
    answer: &Answer,
    schema: &Schema,
    max_tokens: u32,
    parse: &impl Fn(&Value) -> Result<T, String>,
) -> Result<T, String> {
    if answer.cut_off {
        return Err(format!(
            "the answer was cut off at the limit of {max_tokens} tokens"
        ));
    }
    let v = parse::json_from_content(&answer.content)?;
    schema::check(schema, &v)?;
    parse(&v)
}

/// Output tokens a whole article of `words` words needs.
fn article_tokens(words: u32) -> u32 {
    let longest = u32::try_from(schema::ARTICLE_CHARS_PER_10_WORDS.1).unwrap_or(u32::MAX);
    tokens::ARTICLE_BASE + words.saturating_mul(longest) / 10 / tokens::ARTICLE_CHARS_PER_TOKEN
}

/// Output tokens a section of `paragraphs` paragraphs may take at most (each at its longest, a
/// character a token).
fn section_tokens(paragraphs: usize) -> u32 {
    let per = u32::try_from(schema::PARAGRAPH_CHARS.1).unwrap_or(u32::MAX) + tokens::PER_PARAGRAPH;
    tokens::SECTION_BASE
        + u32::try_from(paragraphs)
            .unwrap_or(u32::MAX)
            .saturating_mul(per)
}

/// Most paragraphs one section answer may hold under a `ceiling` of output tokens.
fn paragraphs_under(ceiling: u32) -> usize {
    let per = u32::try_from(schema::PARAGRAPH_CHARS.1).unwrap_or(u32::MAX) + tokens::PER_PARAGRAPH;
    usize::try_from(ceiling.saturating_sub(tokens::SECTION_BASE) / per)
        .unwrap_or(1)
        .max(1)
}

/// `## heading: notes`, one line per section.
fn outline_text(outline: &[OutlineSection]) -> String {
    outline
        .iter()
        .map(|s| {
            if s.notes.trim().is_empty() {
                format!("## {}", s.heading.trim())
            } else {
                format!("## {}: {}", s.heading.trim(), s.notes.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An outline for an article that came without one.
fn default_outline(input: &ContentIn) -> Vec<OutlineSection> {
    let kw = input.primary_keyword.trim();
    [
        format!("What to know about {kw}"),
        format!("How {kw} works"),
        format!("Choosing {kw}"),
        "Common mistakes".to_owned(),
        "Conclusion".to_owned(),
    ]
    .into_iter()
    .map(|heading| OutlineSection {
        heading,
        notes: String::new(),
    })
    .collect()
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `id | keyword | volume | difficulty | intent`, one line per keyword.
fn keyword_lines(keywords: &[KeywordIn]) -> String {
    keywords
        .iter()
        .map(|k| {
            format!(
                "{} | {} | {} | {} | {}",
                k.id,
                k.keyword.trim(),
                k.volume,
                k.difficulty,
                k.intent
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl TextProvider for OpenAiProvider {
    fn name(&self) -> &'static str {
        PROVIDER
    }

    fn cluster_keywords(&self, keywords: &[KeywordIn]) -> Result<Generated<ClusteringOut>> {
        validate::keywords(keywords)?;
        let mut out = Generated {
            output: ClusteringOut {
                clusters: Vec::new(),
                unclustered: Vec::new(),
            },
            usage: Usage {
                model: self.config.text_model.clone(),
                tokens_in: 0,
                tokens_out: 0,
                provider: PROVIDER.into(),
            },
        };
        // More keywords than one answer can hold are clustered in chunks: sorted by text, so
        // similar keywords share a chunk, and same-named clusters of different chunks merged.
        let per_call = self.keywords_per_call();
        let mut sorted: Vec<KeywordIn> = keywords.to_vec();
        if sorted.len() > per_call {
            sorted.sort_by_key(|k| k.keyword.to_lowercase());
        }
        for chunk in sorted.chunks(per_call) {
            let part = self.cluster_chunk(chunk).map_err(|e| match e {
                Error::InvalidOutput { reason, usage } => Error::InvalidOutput {
                    reason,
                    usage: match (usage, out.usage.total_tokens()) {
                        (Some(mut u), _) => {
                            u.add(&out.usage);
                            Some(u)
                        }
                        (None, 0) => None,
                        (None, _) => Some(out.usage.clone()),
                    },
                },
                other => other,
            })?;
            out.usage.model = part.usage.model.clone();
            out.usage.add(&part.usage);
            for c in part.output.clusters {
                match out
                    .output
                    .clusters
                    .iter_mut()
                    .find(|o| o.name.eq_ignore_ascii_case(&c.name))
                {
                    Some(o) => {
                        o.keyword_ids.extend(c.keyword_ids);
                        o.keyword_ids.sort_unstable();
                    }
                    None => out.output.clusters.push(c),
                }
            }
            out.output.unclustered.extend(part.output.unclustered);
        }
        out.output.unclustered.sort_unstable();
        Ok(out)
    }

    fn generate_ideas(&self, cluster: &ClusterIn, n: usize) -> Result<Generated<Vec<IdeaOut>>> {
        validate::cluster(cluster)?;
        let n = n.clamp(3, 7);
        let schema = schema::ideas(cluster, n);
        let lines = keyword_lines(&cluster.keywords);
        let n_text = n.to_string();
        let messages = self.messages(
            PromptFunction::Ideas,
            parse::IDEAS_SCHEMA,
            &[
                ("cluster_name", cluster.name.trim()),
                ("cluster_description", cluster.description.trim()),
                ("keywords", &lines),
                ("n_ideas", &n_text),
            ],
        )?;
        let wanted = tokens::PER_IDEA * u32::try_from(n).unwrap_or(7);
        self.complete("ideas", messages, &schema, self.budget(wanted), |v| {
            parse::ideas(v, cluster, n)
        })
    }

    fn generate_content(&self, input: &ContentIn) -> Result<Generated<ContentOut>> {
        validate::content(input)?;
        if article_tokens(input.target_word_count) > self.config.max_tokens {
            return self.content_by_sections(input);
        }
        match self.content_whole(input) {
            // One answer could not hold it after all: write it by sections, counting the
            // tokens already spent.
            Err(Error::InvalidOutput { reason, usage }) if reason.contains("cut off") => {
                let mut out = self.content_by_sections(input).map_err(|e| match e {
                    Error::InvalidOutput {
                        reason,
                        usage: Some(mut u),
                    } => {
                        if let Some(before) = &usage {
                            u.add(before);
                        }
                        Error::InvalidOutput {
                            reason,
                            usage: Some(u),
                        }
                    }
                    other => other,
                })?;
                if let Some(before) = &usage {
                    out.usage.add(before);
                }
                Ok(out)
            }
            other => other,
        }
    }

    fn image_prompts(&self, input: &ImagePromptIn) -> Result<Generated<Vec<ImagePromptOut>>> {
        validate::image_prompts(input)?;
        let schema = schema::image_prompts(input);
        let sections = input
            .section_headings
            .iter()
            .map(|h| format!("- {}", h.trim()))
            .collect::<Vec<_>>()
            .join("\n");
        let n = input.n_in_article.to_string();
        let messages = self.messages(
            PromptFunction::ImagePrompts,
            parse::IMAGE_PROMPTS_SCHEMA,
            &[
                ("title", input.title.trim()),
                ("sections", &sections),
                ("n_in_article", &n),
            ],
        )?;
        // Each prompt at its longest, a character a token: no answer the schema allows is cut off.
        let per = u32::try_from(schema::PROMPT_CHARS).unwrap_or(300) + tokens::PER_PARAGRAPH;
        let wanted = 60 + per * u32::try_from(input.n_in_article + 1).unwrap_or(9);
        self.complete(
            "image prompts",
            messages,
            &schema,
            self.budget(wanted),
            |v| parse::image_prompts(v, input),
        )
    }
}

impl ImageProvider for OpenAiProvider {
    fn name(&self) -> &'static str {
        PROVIDER
    }

    fn generate_image(
        &self,
        prompt: &str,
        width: u32,
        height: u32,
        format: ImageFormat,
    ) -> Result<ImageOut> {
        validate::image(prompt, width, height)?;
        if self.config.image_model.trim().is_empty() {
            return Err(Error::Config("the image model is empty".into()));
        }
        let full_prompt = self
            .prompts
            .render(PromptFunction::Image, &[("prompt", prompt.trim())])?;
        let body = json!({
            "model": self.config.image_model,
            "prompt": full_prompt,
            "size": format!("{width}x{height}"),
            "response_format": "b64_json",
            "n": 1,
        });
        let resp = self.post_json("images/generations", &body)?;
        let bytes = if let Some(b64) = resp.pointer("/data/0/b64_json").and_then(Value::as_str) {
            base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|e| Error::invalid(format!("data[0].b64_json is not base64: {e}")))?
        } else if let Some(url) = resp.pointer("/data/0/url").and_then(Value::as_str) {
            self.download(url)?
        } else {
            return Err(Error::Upstream {
                status: 200,
                body_snippet: snippet(&format!("no data[0].b64_json or data[0].url in {resp}")),
            });
        };
        let bytes = conform_image(&bytes, width, height, format)?;
        Ok(ImageOut {
            bytes,
            format,
            width,
            height,
            model: self.config.image_model.clone(),
            provider: PROVIDER.to_owned(),
        })
    }
}

/// Makes provider bytes exactly `width` × `height` in `format`: decoded, scaled to cover and
/// centre-cropped when the size differs, re-encoded when the format differs. Bytes already
/// right are returned untouched.
pub(crate) fn conform_image(
    bytes: &[u8],
    width: u32,
    height: u32,
    format: ImageFormat,
) -> Result<Vec<u8>> {
    let source_format = image::guess_format(bytes)
        .map_err(|e| Error::invalid(format!("the image data is not a known image format: {e}")))?;
    let img = image::load_from_memory_with_format(bytes, source_format)
        .map_err(|e| Error::invalid(format!("the image cannot be decoded: {e}")))?;
    let same_format = matches!(
        (source_format, format),
        (image::ImageFormat::Png, ImageFormat::Png) | (image::ImageFormat::WebP, ImageFormat::Webp)
    );
    if same_format && img.width() == width && img.height() == height {
        return Ok(bytes.to_vec());
    }
    let img = if img.width() == width && img.height() == height {
        img
    } else {
        img.resize_to_fill(width, height, image::imageops::FilterType::Triangle)
    };
    crate::offline::encode_rgb(&img.to_rgb8(), format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_api_key() {
        let cfg = OpenAiConfig {
            api_key: "sk-very-secret".into(),
            ..OpenAiConfig::default()
        };
        let s = format!("{cfg:?}");
        assert!(
            !s.contains("sk-very-secret") && s.contains("<redacted>"),
            "{s}"
        );
        let p = OpenAiProvider::new(cfg).unwrap();
        assert!(!format!("{p:?}").contains("sk-very-secret"));
        assert!(format!("{:?}", OpenAiConfig::default()).contains("<none>"));
    }

    #[test]
    fn bad_config_is_rejected() {
        let bad = |c: OpenAiConfig| matches!(OpenAiProvider::new(c), Err(Error::Config(_)));
        assert!(bad(OpenAiConfig {
            base_url: "".into(),
            ..OpenAiConfig::default()
        }));
        assert!(bad(OpenAiConfig {
            base_url: "ftp://x".into(),
            ..OpenAiConfig::default()
        }));
        assert!(bad(OpenAiConfig {
            text_model: " ".into(),
            ..OpenAiConfig::default()
        }));
        assert!(bad(OpenAiConfig {
            timeout: Duration::ZERO,
            ..OpenAiConfig::default()
        }));
        assert!(bad(OpenAiConfig {
            max_tokens: 255,
            ..OpenAiConfig::default()
        }));
        assert!(!bad(OpenAiConfig {
            max_tokens: 256,
            ..OpenAiConfig::default()
        }));
    }

    #[test]
    fn backoff_grows_honours_retry_after_and_is_capped() {
        let p = OpenAiProvider::new(OpenAiConfig {
            backoff_base: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            ..OpenAiConfig::default()
        })
        .unwrap();
        for attempt in 0..3 {
            let d = p.backoff(attempt, None);
            let floor = Duration::from_millis(100 * (1 << attempt));
            assert!(
                d >= floor && d <= floor + Duration::from_millis(100),
                "attempt {attempt}: {d:?}"
            );
        }
        assert_eq!(p.backoff(10, None), Duration::from_secs(2));
        assert_eq!(
            p.backoff(0, Some(Duration::from_secs(1))),
            Duration::from_secs(1)
        );
        assert_eq!(
            p.backoff(0, Some(Duration::from_secs(120))),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn url_joins_without_double_slashes() {
        let p = OpenAiProvider::new(OpenAiConfig {
            base_url: "http://h:1/v1/".into(),
            ..OpenAiConfig::default()
        })
        .unwrap();
        assert_eq!(p.url("chat/completions"), "http://h:1/v1/chat/completions");
        assert_eq!(
            p.url("/images/generations"),
            "http://h:1/v1/images/generations"
        );
    }

    #[test]
    fn limiter_counts_across_clones() {
        let l = Limiter::new(2);
        let c = l.clone();
        let a = l.acquire();
        let b = c.acquire();
        assert_eq!(*l.state.0.lock().unwrap(), 2);
        drop(a);
        assert_eq!(*c.state.0.lock().unwrap(), 1);
        drop(b);
        assert_eq!(*l.state.0.lock().unwrap(), 0);
    }

    #[test]
    fn conform_converts_format_and_size() {
        let png = crate::offline::OfflineProvider::new()
            .generate_image("sea", 100, 100, ImageFormat::Png)
            .unwrap()
            .bytes;
        assert_eq!(
            conform_image(&png, 100, 100, ImageFormat::Png).unwrap(),
            png,
            "untouched when already right"
        );
        let webp = conform_image(&png, 80, 40, ImageFormat::Webp).unwrap();
        assert_eq!(
            image::guess_format(&webp).unwrap(),
            image::ImageFormat::WebP
        );
        let img = image::load_from_memory(&webp).unwrap();
        assert_eq!((img.width(), img.height()), (80, 40));
        assert!(matches!(
            conform_image(b"not an image", 10, 10, ImageFormat::Png),
            Err(Error::InvalidOutput { .. })
        ));
    }
}
