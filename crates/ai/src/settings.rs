//! Provider selection: platform settings from `IGNY8_AI_*` variables, per-account overrides
//! merged over them, and [`Providers`], the built providers a worker keeps for its lifetime.

use crate::error::{Error, Result};
use crate::offline::OfflineProvider;
use crate::openai::{OpenAiConfig, OpenAiProvider};
use crate::prompts::{PromptFunction, Prompts};
use crate::provider::{ImageProvider, TextProvider};
use crate::types::ImageFormat;
use crate::validate::{IMAGE_SIDE_RANGE, MAX_IN_ARTICLE_IMAGES};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// Where text functions run.
#[derive(Debug, Clone, PartialEq)]
pub enum ProviderChoice {
    /// Deterministic local algorithms (the default).
    Offline,
    /// An OpenAI-compatible endpoint.
    OpenAi(OpenAiConfig),
}

/// Where images are made.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageProviderChoice {
    /// Rendered locally (the default).
    Offline,
    /// An OpenAI-compatible `images/generations` endpoint.
    OpenAi(OpenAiConfig),
}

/// Which kind of text provider an account wants, without connection details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// See [`ProviderChoice::Offline`].
    Offline,
    /// See [`ProviderChoice::OpenAi`].
    #[serde(rename = "openai")]
    OpenAi,
}

/// Width and height of generated images, written `WxH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSize {
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
}

impl FromStr for ImageSize {
    type Err = String;

    fn from_str(s: &str) -> Result<ImageSize, String> {
        let (w, h) = s
            .trim()
            .split_once(['x', 'X'])
            .ok_or_else(|| format!("image size {s:?} is not WxH"))?;
        let parse = |v: &str| {
            v.trim()
                .parse::<u32>()
                .map_err(|_| format!("image size {s:?} is not WxH"))
        };
        let size = ImageSize {
            width: parse(w)?,
            height: parse(h)?,
        };
        if !IMAGE_SIDE_RANGE.contains(&size.width) || !IMAGE_SIDE_RANGE.contains(&size.height) {
            return Err(format!(
                "image size {s:?} is outside {}–{} pixels per side",
                IMAGE_SIDE_RANGE.start(),
                IMAGE_SIDE_RANGE.end()
            ));
        }
        Ok(size)
    }
}

impl fmt::Display for ImageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// Everything that decides how AI functions run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Text provider.
    pub provider: ProviderChoice,
    /// Image provider.
    pub image_provider: ImageProviderChoice,
    /// In-article images per article (0–8).
    pub n_in_article_images: usize,
    /// Size of generated images.
    pub image_size: ImageSize,
    /// Format of generated images.
    pub image_format: ImageFormat,
    /// Prompt templates in force (built-ins plus overrides).
    pub prompts: Prompts,
}

impl Default for Settings {
    /// Offline text and images, 2 in-article images of 1024×1024 WebP, built-in prompts.
    fn default() -> Settings {
        Settings {
            provider: ProviderChoice::Offline,
            image_provider: ImageProviderChoice::Offline,
            n_in_article_images: 2,
            image_size: ImageSize {
                width: 1024,
                height: 1024,
            },
            image_format: ImageFormat::Webp,
            prompts: Prompts::defaults(),
        }
    }
}

/// The official OpenAI API, which always needs a key.
fn is_openai_cloud(base_url: &str) -> bool {
    base_url.contains("://api.openai.com")
}

fn check_openai(cfg: &OpenAiConfig, key_var: &str) -> Result<()> {
    if cfg.api_key.trim().is_empty() && is_openai_cloud(&cfg.base_url) {
        return Err(Error::Config(format!(
            "{key_var} is required to use {}",
            cfg.base_url
        )));
    }
    Ok(())
}

impl Settings {
    /// Reads the `IGNY8_AI_*` environment variables (see the crate README for the list).
    pub fn from_env() -> Result<Settings> {
        Settings::from_lookup(|k| std::env::var(k).ok())
    }

    /// Like [`Settings::from_env`], reading variables through `get` (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings> {
        let var = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        fn parse<T: FromStr>(name: &str, v: Option<String>) -> Result<Option<T>> {
            v.map(|s| {
                s.parse::<T>()
                    .map_err(|_| Error::Config(format!("{name}={s:?} is not valid")))
            })
            .transpose()
        }
        let mut s = Settings::default();
        if let Some(n) = parse::<usize>(
            "IGNY8_AI_IN_ARTICLE_IMAGES",
            var("IGNY8_AI_IN_ARTICLE_IMAGES"),
        )? {
            s.n_in_article_images = n;
        }
        if let Some(v) = var("IGNY8_AI_IMAGE_SIZE") {
            s.image_size = v
                .parse()
                .map_err(|e| Error::Config(format!("IGNY8_AI_IMAGE_SIZE: {e}")))?;
        }
        if let Some(v) = var("IGNY8_AI_IMAGE_FORMAT") {
            s.image_format = v
                .parse()
                .map_err(|e| Error::Config(format!("IGNY8_AI_IMAGE_FORMAT: {e}")))?;
        }
        match var("IGNY8_AI_PROVIDER")
            .as_deref()
            .map(str::to_lowercase)
            .as_deref()
        {
            None | Some("offline") => {}
            Some("openai") => {
                let d = OpenAiConfig::default();
                let cfg = OpenAiConfig {
                    base_url: var("IGNY8_AI_BASE_URL").unwrap_or(d.base_url),
                    api_key: var("IGNY8_AI_API_KEY").unwrap_or_default(),
                    text_model: var("IGNY8_AI_TEXT_MODEL").unwrap_or(d.text_model),
                    image_model: var("IGNY8_AI_IMAGE_MODEL").unwrap_or(d.image_model),
                    timeout: parse::<u64>("IGNY8_AI_TIMEOUT_SECS", var("IGNY8_AI_TIMEOUT_SECS"))?
                        .map_or(d.timeout, Duration::from_secs),
                    deadline: parse::<u64>(
                        "IGNY8_AI_DEADLINE_SECS",
                        var("IGNY8_AI_DEADLINE_SECS"),
                    )?
                    .map_or(d.deadline, Duration::from_secs),
                    max_tokens: parse("IGNY8_AI_MAX_TOKENS", var("IGNY8_AI_MAX_TOKENS"))?
                        .unwrap_or(d.max_tokens),
                    temperature: parse("IGNY8_AI_TEMPERATURE", var("IGNY8_AI_TEMPERATURE"))?
                        .unwrap_or(d.temperature),
                    max_retries: parse("IGNY8_AI_MAX_RETRIES", var("IGNY8_AI_MAX_RETRIES"))?
                        .unwrap_or(d.max_retries),
                    max_concurrency: parse(
                        "IGNY8_AI_MAX_CONCURRENCY",
                        var("IGNY8_AI_MAX_CONCURRENCY"),
                    )?
                    .unwrap_or(d.max_concurrency),
                    ..d
                };
                if !(0.0..=2.0).contains(&cfg.temperature) {
                    return Err(Error::Config(format!(
                        "IGNY8_AI_TEMPERATURE={} is outside 0–2",
                        cfg.temperature
                    )));
                }
                if cfg.timeout.is_zero() || cfg.max_concurrency == 0 {
                    return Err(Error::Config(
                        "IGNY8_AI_TIMEOUT_SECS and IGNY8_AI_MAX_CONCURRENCY must be positive"
                            .into(),
                    ));
                }
                check_openai(&cfg, "IGNY8_AI_API_KEY")?;
                if !cfg.image_model.eq_ignore_ascii_case("offline") {
                    s.image_provider = ImageProviderChoice::OpenAi(cfg.clone());
                }
                s.provider = ProviderChoice::OpenAi(cfg);
            }
            Some(other) => {
                return Err(Error::Config(format!(
                    "IGNY8_AI_PROVIDER={other:?}: expected offline or openai"
                )));
            }
        }
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<()> {
        if self.n_in_article_images > MAX_IN_ARTICLE_IMAGES {
            return Err(Error::Config(format!(
                "{} in-article images; the limit is {MAX_IN_ARTICLE_IMAGES}",
                self.n_in_article_images
            )));
        }
        Ok(())
    }

    /// These settings with an account's overrides applied (account values win).
    ///
    /// An account that points at its own base URL never inherits the platform's API key: the
    /// platform key is only ever sent to the platform's endpoint.
    pub fn merged(&self, o: &AccountOverrides) -> Result<Settings> {
        let mut s = self.clone();
        let platform_cfg = match &self.provider {
            ProviderChoice::OpenAi(c) => Some(c.clone()),
            ProviderChoice::Offline => None,
        };
        let wants_openai = match o.provider {
            Some(ProviderKind::OpenAi) => true,
            Some(ProviderKind::Offline) => false,
            None => platform_cfg.is_some(),
        };
        let mut cfg = platform_cfg.clone().unwrap_or_default();
        if let Some(url) = &o.base_url
            && url.trim_end_matches('/') != cfg.base_url.trim_end_matches('/')
        {
            cfg.base_url = url.trim().to_owned();
            cfg.api_key.clear();
        }
        if platform_cfg.is_none() {
            // Offline platforms have no key to inherit.
            cfg.api_key.clear();
        }
        if let Some(key) = &o.api_key {
            cfg.api_key = key.trim().to_owned();
        }
        if let Some(m) = &o.text_model {
            cfg.text_model = m.trim().to_owned();
        }
        if wants_openai {
            check_openai(&cfg, "the account's API key")?;
            s.provider = ProviderChoice::OpenAi(cfg.clone());
        } else {
            s.provider = ProviderChoice::Offline;
        }
        if let Some(m) = &o.image_model {
            if m.trim().eq_ignore_ascii_case("offline") {
                s.image_provider = ImageProviderChoice::Offline;
            } else {
                let img_cfg = OpenAiConfig {
                    image_model: m.trim().to_owned(),
                    ..cfg
                };
                check_openai(&img_cfg, "the account's API key")?;
                s.image_provider = ImageProviderChoice::OpenAi(img_cfg);
            }
        }
        if let Some(n) = o.n_in_article_images {
            s.n_in_article_images = n;
        }
        if let Some(size) = o.image_size {
            s.image_size = size;
        }
        if let Some(f) = o.image_format {
            s.image_format = f;
        }
        let mut problems = Vec::new();
        for (f, template) in &o.prompts {
            if let Err(p) = s.prompts.set(*f, template) {
                problems.push(format!("{f} prompt: {}", p.join("; ")));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Config(problems.join(" | ")));
        }
        s.check()?;
        Ok(s)
    }
}

/// An account's AI settings, each `None` meaning "use the platform's". Stored by the caller;
/// `api_key` is the decrypted key (see [`crate::secrets`]) and is never serialised or printed.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountOverrides {
    /// Offline or OpenAI-compatible.
    pub provider: Option<ProviderKind>,
    /// The account's own endpoint.
    pub base_url: Option<String>,
    /// The account's own key, decrypted. Not serialised: store it encrypted, separately.
    #[serde(skip)]
    pub api_key: Option<String>,
    /// Chat model.
    pub text_model: Option<String>,
    /// Image model, or `offline` to render images locally.
    pub image_model: Option<String>,
    /// In-article images per article.
    pub n_in_article_images: Option<usize>,
    /// Size of generated images.
    pub image_size: Option<ImageSize>,
    /// Format of generated images.
    pub image_format: Option<ImageFormat>,
    /// Prompt templates replacing the platform's, checked by [`crate::check_template`].
    pub prompts: BTreeMap<PromptFunction, String>,
}

impl fmt::Debug for AccountOverrides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountOverrides")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("text_model", &self.text_model)
            .field("image_model", &self.image_model)
            .field("n_in_article_images", &self.n_in_article_images)
            .field("image_size", &self.image_size)
            .field("image_format", &self.image_format)
            .field("prompts", &self.prompts.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Built providers for one set of settings. Build it once per process from the platform
/// settings and derive accounts from it with [`Providers::for_account`], so that accounts on
/// the platform endpoint share one HTTP pool and one concurrency limit.
#[derive(Clone)]
pub struct Providers {
    settings: Settings,
    text: Arc<dyn TextProvider>,
    image: Arc<dyn ImageProvider>,
    openai_text: Option<OpenAiProvider>,
    openai_image: Option<OpenAiProvider>,
}

impl fmt::Debug for Providers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Providers")
            .field("text", &self.text.name())
            .field("image", &self.image.name())
            .field("settings", &self.settings)
            .finish()
    }
}

impl Providers {
    /// Builds the providers `settings` name.
    pub fn new(settings: Settings) -> Result<Providers> {
        Providers::build(settings, None, None)
    }

    fn build(
        settings: Settings,
        reuse_text: Option<&OpenAiProvider>,
        reuse_image: Option<&OpenAiProvider>,
    ) -> Result<Providers> {
        let reuse = |cfg: &OpenAiConfig,
                     existing: Option<&OpenAiProvider>|
         -> Result<OpenAiProvider> {
            match existing {
                Some(p) if p.config() == cfg => Ok(p.with_prompts(settings.prompts.clone())),
                _ => Ok(OpenAiProvider::new(cfg.clone())?.with_prompts(settings.prompts.clone())),
            }
        };
        let (text, openai_text): (Arc<dyn TextProvider>, _) = match &settings.provider {
            ProviderChoice::Offline => (Arc::new(OfflineProvider::new()), None),
            ProviderChoice::OpenAi(cfg) => {
                let p = reuse(cfg, reuse_text)?;
                (Arc::new(p.clone()), Some(p))
            }
        };
        let (image, openai_image): (Arc<dyn ImageProvider>, _) = match &settings.image_provider {
            ImageProviderChoice::Offline => (Arc::new(OfflineProvider::new()), None),
            ImageProviderChoice::OpenAi(cfg) => {
                // Text and images on the same endpoint share one provider (and its limit).
                let p = match &openai_text {
                    Some(t) if t.config() == cfg => t.clone(),
                    _ => reuse(cfg, reuse_image)?,
                };
                (Arc::new(p.clone()), Some(p))
            }
        };
        Ok(Providers {
            settings,
            text,
            image,
            openai_text,
            openai_image,
        })
    }

    /// The providers for an account: its overrides merged over these settings. Accounts whose
    /// endpoint, key and models match the platform's reuse the platform's providers.
    pub fn for_account(&self, overrides: &AccountOverrides) -> Result<Providers> {
        let settings = self.settings.merged(overrides)?;
        Providers::build(
            settings,
            self.openai_text.as_ref(),
            self.openai_image.as_ref(),
        )
    }

    /// The text provider.
    pub fn text(&self) -> Arc<dyn TextProvider> {
        Arc::clone(&self.text)
    }

    /// The image provider.
    pub fn image(&self) -> Arc<dyn ImageProvider> {
        Arc::clone(&self.image)
    }

    /// The settings these providers were built from.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

impl Settings {
    /// Builds a text provider for these settings (prefer [`Providers`] in long-lived processes).
    pub fn text_provider(&self) -> Result<Arc<dyn TextProvider>> {
        Ok(Providers::new(self.clone())?.text())
    }

    /// Builds an image provider for these settings (prefer [`Providers`] in long-lived processes).
    pub fn image_provider(&self) -> Result<Arc<dyn ImageProvider>> {
        Ok(Providers::new(self.clone())?.image())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn openai(s: &Settings) -> &OpenAiConfig {
        match &s.provider {
            ProviderChoice::OpenAi(c) => c,
            ProviderChoice::Offline => panic!("expected openai, got offline"),
        }
    }

    #[test]
    fn defaults_to_offline() {
        let s = Settings::from_lookup(env(&[])).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.provider, ProviderChoice::Offline);
        assert_eq!(s.image_size.to_string(), "1024x1024");
        let p = Providers::new(s).unwrap();
        assert_eq!((p.text().name(), p.image().name()), ("offline", "offline"));
    }

    #[test]
    fn reads_openai_settings() {
        let s = Settings::from_lookup(env(&[
            ("IGNY8_AI_PROVIDER", "OpenAI"),
            ("IGNY8_AI_API_KEY", "sk-test"),
            ("IGNY8_AI_TIMEOUT_SECS", "5"),
            ("IGNY8_AI_MAX_CONCURRENCY", "2"),
            ("IGNY8_AI_MAX_RETRIES", "1"),
            ("IGNY8_AI_IN_ARTICLE_IMAGES", "4"),
            ("IGNY8_AI_IMAGE_SIZE", "1792x1024"),
            ("IGNY8_AI_IMAGE_FORMAT", "png"),
        ]))
        .unwrap();
        let c = openai(&s);
        assert_eq!(c.base_url, "https://api.openai.com/v1");
        assert_eq!(
            (c.text_model.as_str(), c.image_model.as_str()),
            ("gpt-4o-mini", "dall-e-3")
        );
        assert_eq!(
            (c.timeout, c.max_concurrency, c.max_retries),
            (Duration::from_secs(5), 2, 1)
        );
        assert_eq!(s.image_provider, ImageProviderChoice::OpenAi(c.clone()));
        assert_eq!(
            (s.n_in_article_images, s.image_size, s.image_format),
            (
                4,
                ImageSize {
                    width: 1792,
                    height: 1024
                },
                ImageFormat::Png
            )
        );
    }

    #[test]
    fn local_endpoints_need_no_key_and_images_can_stay_offline() {
        let s = Settings::from_lookup(env(&[
            ("IGNY8_AI_PROVIDER", "openai"),
            ("IGNY8_AI_BASE_URL", "http://localhost:11434/v1"),
            ("IGNY8_AI_TEXT_MODEL", "llama3.1:8b"),
            ("IGNY8_AI_IMAGE_MODEL", "offline"),
        ]))
        .unwrap();
        assert_eq!(openai(&s).text_model, "llama3.1:8b");
        assert_eq!(s.image_provider, ImageProviderChoice::Offline);
        let p = Providers::new(s).unwrap();
        assert_eq!((p.text().name(), p.image().name()), ("openai", "offline"));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = |pairs: &[(&str, &str)]| match Settings::from_lookup(env(pairs)) {
            Err(Error::Config(m)) => m,
            other => panic!("expected a config error, got {other:?}"),
        };
        assert!(err(&[("IGNY8_AI_PROVIDER", "claude")]).contains("IGNY8_AI_PROVIDER"));
        assert!(
            err(&[
                ("IGNY8_AI_PROVIDER", "openai"),
                ("IGNY8_AI_BASE_URL", "http://h/v1"),
                ("IGNY8_AI_TEMPERATURE", "3")
            ])
            .contains("IGNY8_AI_TEMPERATURE=3 is outside 0–2")
        );
        assert!(err(&[("IGNY8_AI_PROVIDER", "openai")]).contains("IGNY8_AI_API_KEY is required"));
        assert!(
            err(&[
                ("IGNY8_AI_PROVIDER", "openai"),
                ("IGNY8_AI_API_KEY", "k"),
                ("IGNY8_AI_TIMEOUT_SECS", "soon")
            ])
            .contains("IGNY8_AI_TIMEOUT_SECS")
        );
        assert!(
            err(&[
                ("IGNY8_AI_PROVIDER", "openai"),
                ("IGNY8_AI_API_KEY", "k"),
                ("IGNY8_AI_MAX_CONCURRENCY", "0")
            ])
            .contains("must be positive")
        );
        assert!(err(&[("IGNY8_AI_IMAGE_SIZE", "big")]).contains("not WxH"));
        assert!(err(&[("IGNY8_AI_IMAGE_SIZE", "10x10")]).contains("outside"));
        assert!(err(&[("IGNY8_AI_IN_ARTICLE_IMAGES", "9")]).contains("limit is 8"));
        assert!(err(&[("IGNY8_AI_IMAGE_FORMAT", "gif")]).contains("IGNY8_AI_IMAGE_FORMAT"));
    }

    fn platform() -> Settings {
        Settings::from_lookup(env(&[
            ("IGNY8_AI_PROVIDER", "openai"),
            ("IGNY8_AI_API_KEY", "sk-platform"),
        ]))
        .unwrap()
    }

    #[test]
    fn account_overrides_win_and_keep_the_rest() {
        let o = AccountOverrides {
            text_model: Some("gpt-4o".into()),
            n_in_article_images: Some(3),
            image_format: Some(ImageFormat::Png),
            ..AccountOverrides::default()
        };
        let s = platform().merged(&o).unwrap();
        assert_eq!(openai(&s).text_model, "gpt-4o");
        assert_eq!(
            openai(&s).api_key,
            "sk-platform",
            "same endpoint keeps the platform key"
        );
        assert_eq!(
            (s.n_in_article_images, s.image_format),
            (3, ImageFormat::Png)
        );
        assert_eq!(s.image_size, platform().image_size);
        assert_eq!(
            platform().merged(&AccountOverrides::default()).unwrap(),
            platform()
        );
    }

    #[test]
    fn the_platform_key_never_goes_to_an_account_endpoint() {
        let o = AccountOverrides {
            base_url: Some("https://openrouter.ai/api/v1".into()),
            ..AccountOverrides::default()
        };
        let s = platform().merged(&o).unwrap();
        assert_eq!(openai(&s).base_url, "https://openrouter.ai/api/v1");
        assert_eq!(openai(&s).api_key, "", "platform key dropped");
        let o = AccountOverrides {
            api_key: Some("sk-or-account".into()),
            ..o
        };
        assert_eq!(
            openai(&platform().merged(&o).unwrap()).api_key,
            "sk-or-account"
        );
    }

    #[test]
    fn an_offline_platform_account_can_bring_its_own_openai_key() {
        let o = AccountOverrides {
            provider: Some(ProviderKind::OpenAi),
            ..AccountOverrides::default()
        };
        assert!(
            matches!(Settings::default().merged(&o), Err(Error::Config(m)) if m.contains("account's API key"))
        );
        let o = AccountOverrides {
            api_key: Some("sk-acct".into()),
            image_model: Some("dall-e-3".into()),
            ..o
        };
        let s = Settings::default().merged(&o).unwrap();
        assert_eq!(openai(&s).api_key, "sk-acct");
        assert!(
            matches!(&s.image_provider, ImageProviderChoice::OpenAi(c) if c.image_model == "dall-e-3" && c.api_key == "sk-acct")
        );
        // And an OpenAI platform account can opt out entirely.
        let o = AccountOverrides {
            provider: Some(ProviderKind::Offline),
            image_model: Some("offline".into()),
            ..AccountOverrides::default()
        };
        let s = platform().merged(&o).unwrap();
        assert_eq!(
            (s.provider, s.image_provider),
            (ProviderChoice::Offline, ImageProviderChoice::Offline)
        );
    }

    #[test]
    fn prompt_overrides_are_checked_on_merge() {
        let mut o = AccountOverrides::default();
        o.prompts.insert(
            PromptFunction::Content,
            "Write {title} from {outline}".into(),
        );
        let s = platform().merged(&o).unwrap();
        assert_eq!(
            s.prompts.template(PromptFunction::Content),
            "Write {title} from {outline}"
        );
        o.prompts
            .insert(PromptFunction::Image, "a {picture}".into());
        match platform().merged(&o) {
            Err(Error::Config(m)) => assert!(
                m.starts_with("image prompt: unknown variable {picture}"),
                "{m}"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn overrides_debug_and_json_never_show_the_key() {
        let o = AccountOverrides {
            api_key: Some("sk-secret".into()),
            text_model: Some("m".into()),
            ..AccountOverrides::default()
        };
        assert!(!format!("{o:?}").contains("sk-secret"));
        let json = serde_json::to_string(&o).unwrap();
        assert!(!json.contains("sk-secret"), "{json}");
        let back: AccountOverrides = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (back.api_key, back.text_model.as_deref()),
            (None, Some("m"))
        );
    }

    #[test]
    fn accounts_on_the_platform_endpoint_reuse_its_provider() {
        let p = Providers::new(platform()).unwrap();
        let same = p.for_account(&AccountOverrides::default()).unwrap();
        let other = p
            .for_account(&AccountOverrides {
                text_model: Some("gpt-4o".into()),
                ..AccountOverrides::default()
            })
            .unwrap();
        let (a, b, c) = (
            p.openai_text.as_ref().unwrap(),
            same.openai_text.as_ref().unwrap(),
            other.openai_text.as_ref().unwrap(),
        );
        assert!(
            a.shares_limiter_with(b),
            "same endpoint shares the concurrency limit"
        );
        assert!(
            !a.shares_limiter_with(c),
            "a different model gets its own provider"
        );
        assert!(
            a.shares_limiter_with(p.openai_image.as_ref().unwrap()),
            "text and images share when the config matches"
        );
    }
}
