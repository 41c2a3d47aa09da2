//! The OpenAI-compatible provider: OpenAI, OpenRouter, Ollama, vLLM, llama.cpp server, ...
//!
//! - Text: `POST {base_url}/chat/completions` in JSON mode; the answer's
//!   `choices[0].message.content` is parsed into the typed output. Malformed output (not JSON,
//!   or JSON of the wrong shape) gets one repair round, then [`Error::InvalidOutput`].
//! - Images: `POST {base_url}/images/generations` asking for `b64_json`; a `url` answer is
//!   downloaded (without our API key). The image is converted to the requested format and size.
//! - Every request: bearer auth when a key is set, a timeout, retries with exponential backoff
//!   and jitter on 429, 5xx, timeouts and transport errors (honouring `Retry-After` seconds, up
//!   to a cap), and a counting semaphore, shared by clones, on requests in flight.

use crate::error::{Error, Result};
use crate::offline::text::estimate_tokens;
use crate::parse;
use crate::prompts::{PromptFunction, Prompts};
use crate::provider::{ImageProvider, TextProvider};
use crate::types::{
    ClusterIn, ClusteringOut, ContentIn, ContentOut, Generated, IdeaOut, ImageFormat, ImageOut,
    ImagePromptIn, ImagePromptOut, KeywordIn, Usage,
};
use crate::validate;
use base64::Engine;
use serde_json::{Value, json};
use std::fmt;
use std::sync::{Arc, Condvar, Mutex, Once};
use std::time::Duration;

/// Provider name reported in [`Usage::provider`].
pub const PROVIDER: &str = "openai";
/// Longest part of an error body kept in [`Error::Upstream`].
const SNIPPET_CHARS: usize = 300;

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
    /// Retries after the first attempt on 429, 5xx, timeouts and transport errors.
    pub max_retries: u32,
    /// Most requests in flight at once across all clones of the provider.
    pub max_concurrency: usize,
    /// Sampling temperature.
    pub temperature: f32,
    /// `max_tokens` sent with chat requests, if set.
    pub max_tokens: Option<u32>,
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
            max_retries: 3,
            max_concurrency: 4,
            temperature: 0.7,
            max_tokens: None,
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
    Retry(Error, Option<Duration>),
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

fn transport(e: &reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(e.to_string())
    }
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
    fn post_json(&self, path: &str, body: &Value) -> Result<Value> {
        let url = self.url(path);
        let mut attempt = 0;
        loop {
            let outcome = {
                let _permit = self.limiter.acquire();
                self.try_post(&url, body)
            };
            let (err, retry_after) = match outcome {
                Ok(v) => return Ok(v),
                Err(Attempt::Fail(e)) => return Err(e),
                Err(Attempt::Retry(e, ra)) => (e, ra),
            };
            if attempt >= self.config.max_retries {
                return Err(err);
            }
            let wait = self.backoff(attempt, retry_after);
            tracing::warn!(path, attempt = attempt + 1, wait_ms = wait.as_millis() as u64, error = %err, "AI request failed; retrying");
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    fn try_post(&self, url: &str, body: &Value) -> Result<Value, Attempt> {
        let mut req = self.client.post(url).json(body);
        if !self.config.api_key.is_empty() {
            req = req.bearer_auth(&self.config.api_key);
        }
        let resp = req
            .send()
            .map_err(|e| Attempt::Retry(transport(&e), None))?;
        let status = resp.status();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = resp
            .text()
            .map_err(|e| Attempt::Retry(transport(&e), None))?;
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

    /// One chat completion in JSON mode: the message content and the usage.
    fn chat(&self, messages: &[Value]) -> Result<(String, Usage)> {
        let mut body = json!({
            "model": self.config.text_model,
            "messages": messages,
            "response_format": {"type": "json_object"},
            "temperature": self.config.temperature,
        });
        if let Some(max) = self.config.max_tokens {
            body["max_tokens"] = json!(max);
        }
        let resp = self.post_json("chat/completions", &body)?;
        let content = resp
            .pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Upstream {
                status: 200,
                body_snippet: snippet(&format!("no choices[0].message.content in {resp}")),
            })?
            .to_owned();
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
        Ok((content, usage))
    }

    /// Asks for JSON, parses it with `parse`; one repair round on malformed output.
    fn complete<T>(
        &self,
        function: PromptFunction,
        schema: &str,
        vars: &[(&str, &str)],
        parse: impl Fn(&Value) -> Result<T, String>,
    ) -> Result<Generated<T>> {
        let system = format!(
            "You are an expert SEO strategist and writer. Answer with one JSON object only, with no prose \
             and no code fences, in exactly this shape:\n{schema}"
        );
        let user = self.prompts.render(function, vars)?;
        let mut messages = vec![
            json!({"role": "system", "content": system}),
            json!({"role": "user", "content": user}),
        ];
        let (content, mut usage) = self.chat(&messages)?;
        let first_error = match parse::json_from_content(&content).and_then(|v| parse(&v)) {
            Ok(output) => return Ok(Generated { output, usage }),
            Err(e) => e,
        };
        tracing::warn!(function = %function, error = %first_error, "AI output invalid; asking for a repair");
        messages.push(json!({"role": "assistant", "content": content}));
        messages.push(json!({
            "role": "user",
            "content": format!(
                "Your previous answer was not valid JSON matching the schema: {first_error}. Answer again with only the JSON."
            ),
        }));
        let (content, repair_usage) = self.chat(&messages)?;
        usage.add(&repair_usage);
        match parse::json_from_content(&content).and_then(|v| parse(&v)) {
            Ok(output) => Ok(Generated { output, usage }),
            Err(e) => Err(Error::InvalidOutput(format!(
                "{function}: {e} (after one repair attempt; the first answer had: {first_error})"
            ))),
        }
    }

    /// Downloads an image URL returned by the provider. No `Authorization` header: the URL may
    /// point at a third-party CDN that must never see our key.
    fn download(&self, url: &str) -> Result<Vec<u8>> {
        let _permit = self.limiter.acquire();
        let resp = self.client.get(url).send().map_err(|e| transport(&e))?;
        let status = resp.status();
        if !status.is_success() {
            let body = resp.text().unwrap_or_default();
            return Err(Error::Upstream {
                status: status.as_u16(),
                body_snippet: snippet(&body),
            });
        }
        Ok(resp.bytes().map_err(|e| transport(&e))?.to_vec())
    }
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
        if keywords.is_empty() {
            return Ok(Generated {
                output: ClusteringOut {
                    clusters: Vec::new(),
                },
                usage: Usage {
                    model: self.config.text_model.clone(),
                    tokens_in: 0,
                    tokens_out: 0,
                    provider: PROVIDER.into(),
                },
            });
        }
        let lines = keyword_lines(keywords);
        let count = keywords.len().to_string();
        self.complete(
            PromptFunction::Clustering,
            parse::CLUSTERING_SCHEMA,
            &[("keywords", &lines), ("keyword_count", &count)],
            |v| parse::clustering(v, keywords),
        )
    }

    fn generate_ideas(&self, cluster: &ClusterIn, n: usize) -> Result<Generated<Vec<IdeaOut>>> {
        validate::cluster(cluster)?;
        let n = n.clamp(3, 7);
        let lines = keyword_lines(&cluster.keywords);
        let n_text = n.to_string();
        self.complete(
            PromptFunction::Ideas,
            parse::IDEAS_SCHEMA,
            &[
                ("cluster_name", cluster.name.trim()),
                ("cluster_description", cluster.description.trim()),
                ("keywords", &lines),
                ("n_ideas", &n_text),
            ],
            |v| parse::ideas(v, cluster, n),
        )
    }

    fn generate_content(&self, input: &ContentIn) -> Result<Generated<ContentOut>> {
        validate::content(input)?;
        let outline = input
            .outline
            .iter()
            .map(|s| {
                if s.notes.trim().is_empty() {
                    format!("## {}", s.heading.trim())
                } else {
                    format!("## {}: {}", s.heading.trim(), s.notes.trim())
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let secondary = input.secondary_keywords.join(", ");
        let words = input.target_word_count.to_string();
        self.complete(
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
            |v| parse::content(v, input),
        )
    }

    fn image_prompts(&self, input: &ImagePromptIn) -> Result<Generated<Vec<ImagePromptOut>>> {
        validate::image_prompts(input)?;
        let sections = input
            .section_headings
            .iter()
            .map(|h| format!("- {}", h.trim()))
            .collect::<Vec<_>>()
            .join("\n");
        let n = input.n_in_article.to_string();
        self.complete(
            PromptFunction::ImagePrompts,
            parse::IMAGE_PROMPTS_SCHEMA,
            &[
                ("title", input.title.trim()),
                ("sections", &sections),
                ("n_in_article", &n),
            ],
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
                .map_err(|e| Error::InvalidOutput(format!("data[0].b64_json is not base64: {e}")))?
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
    let source_format = image::guess_format(bytes).map_err(|e| {
        Error::InvalidOutput(format!("the image data is not a known image format: {e}"))
    })?;
    let img = image::load_from_memory_with_format(bytes, source_format)
        .map_err(|e| Error::InvalidOutput(format!("the image cannot be decoded: {e}")))?;
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
            Err(Error::InvalidOutput(_))
        ));
    }
}
