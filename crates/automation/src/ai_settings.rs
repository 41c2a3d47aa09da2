//! An account's AI overrides (provider, endpoint, encrypted key, models, prompt templates),
//! merged by the AI jobs over the platform settings (`IGNY8_AI_*`).
//!
//! The API key is encrypted with [`ai::secrets`] under a key derived from `IGNY8_SECRET_KEY`
//! and is never served: reads show only whether a key is set and its last four characters.

use crate::{Error, Result};
use ai::secrets;
use ai::{ImageFormat, ImageSize, ProviderKind};
use chrono::{DateTime, Utc};
use db::schema::account_ai_settings;
use diesel::prelude::*;
use kernel::{FieldErrors, Role};
use serde::{Deserialize, Serialize};
use tenancy::Scope;

/// Longest accepted base URL, model name or API key, in characters.
const MAX_FIELD_CHARS: usize = 2_000;
/// Keys shorter than this show no last four characters (that would be most of the key).
const MIN_KEY_CHARS_FOR_LAST4: usize = 12;

/// The account's AI settings as served: every `null` means "the platform's". The API key itself
/// is never included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AiSettings {
    /// `offline` or `openai` (any OpenAI-compatible endpoint).
    pub provider: Option<String>,
    /// The account's OpenAI-compatible API root.
    pub base_url: Option<String>,
    /// True when the account stored its own API key.
    pub has_api_key: bool,
    /// The stored key's last four characters (absent for short keys).
    pub api_key_last4: Option<String>,
    /// Chat model.
    pub text_model: Option<String>,
    /// Image model, or `offline` to render images locally.
    pub image_model: Option<String>,
    /// In-article images per article (0–8).
    pub n_in_article_images: Option<i32>,
    /// Size of generated images, `WxH`.
    pub image_size: Option<String>,
    /// `png` or `webp`.
    pub image_format: Option<String>,
    /// Last change (absent when the account never changed its settings).
    pub updated_at: Option<DateTime<Utc>>,
}

/// The body of `PUT ai-settings/`: the whole set of settings. A field that is absent or `null`
/// goes back to the platform's value, except `api_key`: absent or `null` keeps the stored key,
/// `""` removes it, any other value replaces it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AiSettingsUpdate {
    /// `offline` or `openai`.
    #[schema(format = "ai-provider")]
    pub provider: Option<String>,
    /// `http://` or `https://` URL of an OpenAI-compatible API root.
    #[schema(format = "api-root", max_length = 2000)]
    pub base_url: Option<String>,
    /// The account's own key; see the type's documentation.
    #[schema(format = "api-key", max_length = 2000)]
    pub api_key: Option<String>,
    /// Chat model.
    #[schema(format = "model-name")]
    pub text_model: Option<String>,
    /// Image model, or `offline`.
    #[schema(format = "model-name")]
    pub image_model: Option<String>,
    /// In-article images per article (0–8).
    #[schema(minimum = 0, maximum = 8)]
    pub n_in_article_images: Option<i64>,
    /// `WxH`, 64–4096 pixels per side.
    #[schema(format = "image-size")]
    pub image_size: Option<String>,
    /// `png` or `webp`.
    #[schema(format = "image-format")]
    pub image_format: Option<String>,
}

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = account_ai_settings)]
struct Row {
    provider: Option<String>,
    base_url: Option<String>,
    api_key_encrypted: Option<String>,
    api_key_last4: Option<String>,
    text_model: Option<String>,
    image_model: Option<String>,
    n_in_article_images: Option<i32>,
    image_width: Option<i32>,
    image_height: Option<i32>,
    image_format: Option<String>,
    updated_at: DateTime<Utc>,
}

/// The encryption key derived from the configured secret (the raw `IGNY8_SECRET_KEY` bytes).
fn cipher_key(secret_key: &[u8]) -> [u8; 32] {
    secrets::derive_key(&String::from_utf8_lossy(secret_key))
}

fn load(conn: &mut PgConnection, scope: &Scope) -> Result<Option<Row>> {
    Ok(account_ai_settings::table
        .filter(account_ai_settings::account_id.eq(scope.account_id()))
        .select(Row::as_select())
        .first(conn)
        .optional()?)
}

fn view(row: Option<Row>) -> AiSettings {
    match row {
        None => AiSettings {
            provider: None,
            base_url: None,
            has_api_key: false,
            api_key_last4: None,
            text_model: None,
            image_model: None,
            n_in_article_images: None,
            image_size: None,
            image_format: None,
            updated_at: None,
        },
        Some(r) => AiSettings {
            provider: r.provider,
            base_url: r.base_url,
            has_api_key: r.api_key_encrypted.is_some(),
            api_key_last4: r.api_key_last4,
            text_model: r.text_model,
            image_model: r.image_model,
            n_in_article_images: r.n_in_article_images,
            image_size: r
                .image_width
                .zip(r.image_height)
                .map(|(w, h)| format!("{w}x{h}")),
            image_format: r.image_format,
            updated_at: Some(r.updated_at),
        },
    }
}

/// The account's AI settings (any member). The API key is never part of the answer.
pub fn get_ai_settings(conn: &mut PgConnection, scope: &Scope) -> Result<AiSettings> {
    Ok(view(load(conn, scope)?))
}

/// Trims a text field; empty means "not set".
fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Checks a model name: one token of printable characters.
fn check_model(errors: &mut FieldErrors, field: &str, v: &Option<String>) -> Option<String> {
    let v = text(v)?;
    if v.chars().count() > 200 {
        errors.add(field, "the model name is longer than 200 characters");
    } else if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.add(
            field,
            "the model name must not contain spaces or control characters",
        );
    }
    Some(v)
}

/// Checks a base URL: `http(s)://host[:port][/path]`, no spaces, query or fragment. The trailing
/// slash is dropped, as the provider appends `/chat/completions`.
fn check_base_url(errors: &mut FieldErrors, v: &Option<String>) -> Option<String> {
    let v = text(v)?;
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', ':']).next().unwrap_or_default());
    if v.chars().count() > MAX_FIELD_CHARS {
        errors.add("base_url", "the URL is too long");
    } else if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.add("base_url", "the URL must not contain spaces");
    } else if host.is_none_or(str::is_empty) {
        errors.add(
            "base_url",
            "must be an http:// or https:// URL with a host, such as https://api.openai.com/v1",
        );
    } else if v.contains(['?', '#', '@']) {
        errors.add(
            "base_url",
            "must be the API root only: no query, fragment or credentials",
        );
    }
    Some(v.trim_end_matches('/').to_owned())
}

/// The validated new row values, before encryption.
struct Validated {
    provider: Option<ProviderKind>,
    base_url: Option<String>,
    text_model: Option<String>,
    image_model: Option<String>,
    n_in_article_images: Option<i32>,
    image_size: Option<ImageSize>,
    image_format: Option<ImageFormat>,
}

fn validate(u: &AiSettingsUpdate) -> Result<Validated> {
    let mut errors = FieldErrors::new();
    let provider = match text(&u.provider).as_deref() {
        None => None,
        Some("offline") => Some(ProviderKind::Offline),
        Some("openai") => Some(ProviderKind::OpenAi),
        Some(other) => {
            errors.add(
                "provider",
                format!("unknown provider {other:?}; expected offline or openai"),
            );
            None
        }
    };
    let base_url = check_base_url(&mut errors, &u.base_url);
    let text_model = check_model(&mut errors, "text_model", &u.text_model);
    let image_model = check_model(&mut errors, "image_model", &u.image_model);
    let limit = ai::validate::MAX_IN_ARTICLE_IMAGES;
    let n_in_article_images = match u.n_in_article_images {
        None => None,
        Some(n) => match usize::try_from(n) {
            Ok(k) if k <= limit => i32::try_from(k).ok(),
            _ => {
                errors.add(
                    "n_in_article_images",
                    format!("must be between 0 and {limit}"),
                );
                None
            }
        },
    };
    let image_size = match text(&u.image_size) {
        None => None,
        Some(s) => match s.parse::<ImageSize>() {
            Ok(size) => Some(size),
            Err(m) => {
                errors.add("image_size", m);
                None
            }
        },
    };
    let image_format = match text(&u.image_format) {
        None => None,
        Some(s) => match s.parse::<ImageFormat>() {
            Ok(f) => Some(f),
            Err(_) => {
                errors.add(
                    "image_format",
                    format!("unknown image format {s:?}; expected png or webp"),
                );
                None
            }
        },
    };
    if let Some(k) = &u.api_key {
        if k.chars().count() > MAX_FIELD_CHARS {
            errors.add("api_key", "the key is too long");
        } else if k.trim() != k || k.chars().any(char::is_control) {
            errors.add(
                "api_key",
                "the key must not have surrounding spaces or control characters",
            );
        }
    }
    errors.into_result().map_err(tenancy::Error::Validation)?;
    Ok(Validated {
        provider,
        base_url,
        text_model,
        image_model,
        n_in_article_images,
        image_size,
        image_format,
    })
}

/// Replaces the account's AI settings (admin or above) and returns them as served.
///
/// `secret_key` is the raw `IGNY8_SECRET_KEY`; a new API key is stored encrypted under it, with
/// its last four characters (for keys of 12+ characters) in the clear for recognition.
pub fn update_ai_settings(
    conn: &mut PgConnection,
    scope: &Scope,
    update: &AiSettingsUpdate,
    secret_key: &[u8],
    now: DateTime<Utc>,
) -> Result<AiSettings> {
    scope.require(Role::Admin)?;
    let v = validate(update)?;
    // (encrypted, last4): `None` keeps what is stored, `Some((None, None))` removes it.
    let key: Option<(Option<String>, Option<String>)> = match update.api_key.as_deref() {
        None => None,
        Some("") => Some((None, None)),
        Some(k) => {
            let enc =
                secrets::encrypt(&cipher_key(secret_key), k).map_err(Error::ApiKeyEncryption)?;
            let chars: Vec<char> = k.chars().collect();
            let last4 = (chars.len() >= MIN_KEY_CHARS_FOR_LAST4)
                .then(|| chars[chars.len() - 4..].iter().collect::<String>());
            Some((Some(enc), last4))
        }
    };
    let updated_by = scope.user_id().map(|u| u.get());
    let values = (
        account_ai_settings::provider.eq(v.provider.map(|p| match p {
            ProviderKind::Offline => "offline",
            ProviderKind::OpenAi => "openai",
        })),
        account_ai_settings::base_url.eq(v.base_url),
        account_ai_settings::text_model.eq(v.text_model),
        account_ai_settings::image_model.eq(v.image_model),
        account_ai_settings::n_in_article_images.eq(v.n_in_article_images),
        account_ai_settings::image_width.eq(v.image_size.map(|s| s.width as i32)),
        account_ai_settings::image_height.eq(v.image_size.map(|s| s.height as i32)),
        account_ai_settings::image_format.eq(v.image_format.map(|f| f.as_str())),
        account_ai_settings::updated_by.eq(updated_by),
        account_ai_settings::updated_at.eq(now),
    );
    conn.transaction::<_, Error, _>(|conn| {
        diesel::insert_into(account_ai_settings::table)
            .values((
                account_ai_settings::account_id.eq(scope.account_id()),
                values.clone(),
            ))
            .on_conflict(account_ai_settings::account_id)
            .do_update()
            .set(values)
            .execute(conn)?;
        if let Some((enc, last4)) = key {
            diesel::update(
                account_ai_settings::table
                    .filter(account_ai_settings::account_id.eq(scope.account_id())),
            )
            .set((
                account_ai_settings::api_key_encrypted.eq(enc),
                account_ai_settings::api_key_last4.eq(last4),
            ))
            .execute(conn)?;
        }
        Ok(())
    })?;
    get_ai_settings(conn, scope)
}

fn stored<T: std::str::FromStr>(field: &'static str, v: Option<String>) -> Result<Option<T>> {
    v.map(|s| {
        s.parse::<T>().map_err(|_| Error::InvalidStoredSetting {
            field,
            message: format!("{s:?} does not parse"),
        })
    })
    .transpose()
}

/// The account's overrides, with the API key decrypted using `secret_key`
/// (`IGNY8_SECRET_KEY`, raw bytes as configured). An account with no overrides gets
/// `AccountOverrides::default()`, which means "use the platform's settings and the built-in
/// prompts".
///
/// A stored key that no longer decrypts (the secret key was rotated) is
/// [`Error::ApiKeyUnreadable`], never a silent fallback to the platform key.
pub fn account_overrides(
    conn: &mut PgConnection,
    scope: &Scope,
    secret_key: &[u8],
) -> Result<ai::AccountOverrides> {
    let prompts = crate::prompts::override_map(conn, scope)?;
    let Some(r) = load(conn, scope)? else {
        return Ok(ai::AccountOverrides {
            prompts,
            ..ai::AccountOverrides::default()
        });
    };
    let api_key = r
        .api_key_encrypted
        .as_deref()
        .map(|enc| secrets::decrypt(&cipher_key(secret_key), enc))
        .transpose()
        .map_err(Error::ApiKeyUnreadable)?;
    let image_size = match (r.image_width, r.image_height) {
        (Some(w), Some(h)) => stored::<ImageSize>("image_size", Some(format!("{w}x{h}")))?,
        _ => None,
    };
    Ok(ai::AccountOverrides {
        provider: stored::<ProviderKindName>("provider", r.provider)?.map(|p| p.0),
        base_url: r.base_url,
        api_key,
        text_model: r.text_model,
        image_model: r.image_model,
        n_in_article_images: r
            .n_in_article_images
            .map(|n| {
                usize::try_from(n).map_err(|_| Error::InvalidStoredSetting {
                    field: "n_in_article_images",
                    message: format!("{n} is negative"),
                })
            })
            .transpose()?,
        image_size,
        image_format: stored::<ImageFormat>("image_format", r.image_format)?,
        prompts,
    })
}

/// `ProviderKind` by its stored name (`ai` gives it serde names only).
struct ProviderKindName(ProviderKind);

impl std::str::FromStr for ProviderKindName {
    type Err = ();

    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        match s {
            "offline" => Ok(ProviderKindName(ProviderKind::Offline)),
            "openai" => Ok(ProviderKindName(ProviderKind::OpenAi)),
            _ => Err(()),
        }
    }
}
