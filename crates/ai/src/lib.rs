//! IGNY8's AI provider layer: the five AI functions (keyword clustering, article ideas, article
//! writing, image prompts, images) behind two traits, with two backends.
//!
//! - [`offline::OfflineProvider`] (the default): deterministic algorithms, no network.
//! - [`openai::OpenAiProvider`]: any OpenAI-compatible endpoint (OpenAI, OpenRouter, Ollama,
//!   vLLM, llama.cpp server) over `reqwest::blocking`, with retries, a concurrency limit and one
//!   repair round for malformed JSON.
//!
//! The crate is pure: typed inputs in, typed outputs out. It knows nothing of the database,
//! tenants or credits; callers charge credits from the returned [`Usage`].
//!
//! ```
//! use ai::{Intent, KeywordIn, Settings, TextProvider};
//!
//! let text = Settings::default().text_provider().unwrap();
//! let keywords = vec![
//!     KeywordIn { id: 1, keyword: "running shoes".into(), volume: 50000, difficulty: 60, intent: Intent::Commercial },
//!     KeywordIn { id: 2, keyword: "best running shoes".into(), volume: 20000, difficulty: 55, intent: Intent::Commercial },
//! ];
//! let clusters = text.cluster_keywords(&keywords).unwrap();
//! assert_eq!(clusters.output.clusters[0].keyword_ids, vec![1, 2]);
//! assert_eq!(clusters.usage.provider, "offline");
//! ```

pub mod error;
pub mod observe;
pub mod offline;
pub mod openai;
mod parse;
pub mod prompts;
pub mod provider;
mod schema;
pub mod secrets;
pub mod settings;
pub mod types;
pub mod validate;

pub use error::{Error, Result};
pub use observe::{RetryNotice, with_retry_observer};
pub use offline::{OfflineProvider, count_words};
pub use openai::{OpenAiConfig, OpenAiProvider, OutputMode};
pub use prompts::{PromptFunction, Prompts, check_template, render};
pub use provider::{ImageProvider, TextProvider};
pub use settings::{
    AccountOverrides, ImageProviderChoice, ImageSize, ProviderChoice, ProviderKind, Providers,
    Settings,
};
pub use types::*;
