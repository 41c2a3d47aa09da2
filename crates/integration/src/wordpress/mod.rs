//! Talking to a WordPress site: one [`Adapter`] interface, two modes.
//!
//! - [`core::Core`]: any stock WordPress 5.6+ through its REST API (`wp/v2`) with an application
//!   password: terms found or created, images uploaded to the media library, the post created or
//!   updated, and what WordPress answers compared with what was sent.
//! - [`bridge::Bridge`]: the IGNY8 bridge plugin (`igny8/v1/publish` with the site key), which
//!   also writes SEO meta and fetches images itself.
//!
//! Every REST call goes through `?rest_route=`, which works whatever the site's permalink
//! settings (with plain permalinks `/wp-json/` is the home page). Errors carry WordPress's own
//! code and message; network errors, timeouts, 5xx and 429 are transient (the worker retries),
//! everything else is permanent.

pub mod bridge;
pub mod core;
pub mod html;

use crate::error::RemoteError;
use chrono::{DateTime, Utc};
use reqwest::blocking::{Client, Response};
use std::sync::Once;
use std::time::Duration;

/// An image to place: the bytes for core mode (uploaded), a URL for bridge mode (fetched by the
/// plugin).
#[derive(Debug, Clone)]
pub struct Media {
    /// 0 for the featured image, 1..N in the article.
    pub position: i32,
    /// The bytes, when we have them.
    pub bytes: Option<Vec<u8>>,
    /// MIME type of the bytes.
    pub mime: String,
    /// Extension for the file name.
    pub extension: String,
    /// SHA-256 of the bytes (hex), for a stable file name.
    pub sha256: String,
    /// Where the plugin can fetch it (bridge mode), or the image's own external URL.
    pub url: Option<String>,
    /// Alternative text.
    pub alt: String,
}

/// How the post should stand on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Live now.
    Publish,
    /// Live at a future time (`future` in WordPress).
    At(DateTime<Utc>),
    /// Not live (unpublish).
    Draft,
}

/// What is sent for one content item.
#[derive(Debug, Clone)]
pub struct Post {
    /// The IGNY8 content id (the bridge plugin's upsert key; a marker in core mode).
    pub content_id: i64,
    /// The IGNY8 task id, if any.
    pub task_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Sanitized HTML.
    pub html: String,
    /// Excerpt.
    pub excerpt: String,
    /// Slug.
    pub slug: String,
    /// Live, scheduled or draft.
    pub target: Target,
    /// Category names.
    pub categories: Vec<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// SEO title.
    pub seo_title: String,
    /// SEO description.
    pub seo_description: String,
    /// Primary keyword.
    pub primary_keyword: String,
    /// Secondary keywords.
    pub secondary_keywords: Vec<String>,
    /// The featured image.
    pub featured: Option<Media>,
    /// In-article images, by position.
    pub in_article: Vec<Media>,
    /// The post this item already has on the site, if any.
    pub external_id: Option<String>,
}

/// Where a post landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The post id.
    pub external_id: String,
    /// Its URL.
    pub url: String,
    /// WordPress's status (`publish`, `future`, `draft`, …).
    pub status: String,
    /// True when a new post was made, false when an existing one was updated.
    pub created: bool,
}

/// A post's state as the site reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostState {
    /// The post exists with this WordPress status and URL.
    Exists {
        /// `publish`, `future`, `draft`, `pending`, `private`, `trash`.
        status: String,
        /// Its URL, when known.
        url: Option<String>,
    },
    /// Not visible without rights: not live (draft, pending or trashed).
    Hidden,
    /// No such post.
    Gone,
}

/// One WordPress site, whichever the mode.
pub trait Adapter {
    /// Checks that the site answers and accepts our credentials; returns a description (the
    /// user name, the plugin version).
    fn check(&self) -> Result<String, RemoteError>;
    /// Creates or updates the post of `post` (never a second post for one content item).
    fn publish(&self, post: &Post) -> Result<Published, RemoteError>;
    /// Takes the post of `post` (which has an `external_id`) off the site: back to draft, so a
    /// later publish brings back the same post.
    fn unpublish(&self, post: &Post) -> Result<Published, RemoteError>;
    /// The state of a post.
    fn post_state(&self, external_id: &str) -> Result<PostState, RemoteError>;
}

/// The HTTP client for sites: rustls with ring, 10 s to connect, 60 s per call.
pub fn client() -> Result<Client, RemoteError> {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err: another part of the process installed a provider first, just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("igny8-publisher/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| {
            RemoteError::permanent(None, "client", format!("cannot build the HTTP client: {e}"))
        })
}

/// The URL of a REST route of the site (`route` like `/wp/v2/posts`).
pub(crate) fn rest_url(site_url: &str, route: &str) -> String {
    format!("{}/?rest_route={route}", site_url.trim_end_matches('/'))
}

/// [`rest_url`] with query parameters (encoded).
pub(crate) fn rest_url_with(site_url: &str, route: &str, params: &[(&str, &str)]) -> String {
    let base = rest_url(site_url, route);
    match reqwest::Url::parse(&base) {
        Ok(mut url) => {
            url.query_pairs_mut().extend_pairs(params);
            url.to_string()
        }
        Err(_) => base,
    }
}

/// A network-level failure (no answer): transient.
pub(crate) fn network_error(what: &str, e: &reqwest::Error) -> RemoteError {
    let code = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect_failed"
    } else {
        "network_error"
    };
    // reqwest's message names the URL (never a credential: those go in headers).
    RemoteError::transient(None, code, format!("{what}: the site did not answer ({e})"))
}

/// The JSON body of a successful answer, or the error it stands for.
pub(crate) fn json_or_error(
    what: &str,
    res: Result<Response, reqwest::Error>,
) -> Result<(u16, serde_json::Value), RemoteError> {
    let res = res.map_err(|e| network_error(what, &e))?;
    let status = res.status().as_u16();
    let is_json = res
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    let text = res.text().map_err(|e| network_error(what, &e))?;
    let body: Option<serde_json::Value> = if is_json {
        serde_json::from_str(&text).ok()
    } else {
        None
    };
    if (200..300).contains(&status) {
        return match body {
            Some(b) => Ok((status, b)),
            None => Err(RemoteError::permanent(
                Some(status),
                "not_json",
                format!(
                    "{what}: the site answered {status} without JSON; is the WordPress REST API \
                     enabled at this URL?"
                ),
            )),
        };
    }
    let code = body
        .as_ref()
        .and_then(|b| b.get("code"))
        .and_then(|c| c.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| format!("http_{status}"));
    let message = body
        .as_ref()
        .and_then(|b| b.get("message"))
        .and_then(|c| c.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| text.chars().take(200).collect());
    let message = format!("{what}: WordPress answered {status} {code}: {message}");
    if status >= 500 || status == 429 || status == 408 {
        Err(RemoteError::transient(Some(status), &code, message))
    } else {
        Err(RemoteError::permanent(Some(status), &code, message))
    }
}

/// WordPress's status as ours: what `site_status` a post in that state means.
pub fn remote_status(status: &str) -> content::publishing::RemoteStatus {
    use content::publishing::RemoteStatus;
    match status {
        "publish" | "private" => RemoteStatus::Live,
        "future" => RemoteStatus::Future,
        "deleted" => RemoteStatus::Deleted,
        _ => RemoteStatus::Offline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::publishing::RemoteStatus;

    #[test]
    fn rest_urls_work_with_any_permalink_setting() {
        assert_eq!(
            rest_url("http://wp.test/blog/", "/wp/v2/posts"),
            "http://wp.test/blog/?rest_route=/wp/v2/posts"
        );
    }

    #[test]
    fn wordpress_statuses_map_onto_site_status() {
        assert_eq!(remote_status("publish"), RemoteStatus::Live);
        assert_eq!(remote_status("private"), RemoteStatus::Live);
        assert_eq!(remote_status("future"), RemoteStatus::Future);
        assert_eq!(remote_status("draft"), RemoteStatus::Offline);
        assert_eq!(remote_status("pending"), RemoteStatus::Offline);
        assert_eq!(remote_status("trash"), RemoteStatus::Offline);
        assert_eq!(remote_status("deleted"), RemoteStatus::Deleted);
    }
}
