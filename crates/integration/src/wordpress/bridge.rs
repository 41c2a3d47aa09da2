//! Bridge mode: the IGNY8 bridge plugin (`crates/integration/wordpress-plugin/igny8-bridge`),
//! authenticated with the site key in `X-IGNY8-API-KEY`. The plugin upserts the post by
//! `content_id`, writes SEO meta (ours, Yoast's and Rank Math's keys) and fetches the images
//! from the URLs we send.

use super::{Adapter, Post, PostState, Published, Target, json_or_error, rest_url};
use crate::error::RemoteError;
use reqwest::blocking::{Client, RequestBuilder};
use serde_json::{Value, json};

/// A WordPress site with the IGNY8 bridge plugin.
pub struct Bridge<'a> {
    http: &'a Client,
    site_url: String,
    key: String,
}

impl std::fmt::Debug for Bridge<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bridge")
            .field("site_url", &self.site_url)
            .field("key", &"<redacted>")
            .finish()
    }
}

impl<'a> Bridge<'a> {
    /// A site at `site_url` whose plugin holds `key`.
    pub fn new(http: &'a Client, site_url: &str, key: &str) -> Self {
        Self {
            http,
            site_url: site_url.trim_end_matches('/').to_owned(),
            key: key.to_owned(),
        }
    }

    fn req(&self, method: reqwest::Method, route: &str) -> RequestBuilder {
        self.http
            .request(method, rest_url(&self.site_url, route))
            .header("X-IGNY8-API-KEY", &self.key)
    }
}

/// The plugin's publish payload for a post.
pub fn payload(post: &Post) -> Value {
    let (status, published_at) = match post.target {
        Target::Publish => ("publish", None),
        Target::Draft => ("draft", None),
        Target::At(at) => ("future", Some(at.to_rfc3339())),
    };
    let image = |m: &super::Media| json!({ "url": m.url, "alt": m.alt });
    json!({
        "content_id": post.content_id,
        "task_id": post.task_id,
        "title": post.title,
        "content_html": post.html,
        "excerpt": post.excerpt,
        "slug": post.slug,
        "status": status,
        "published_at": published_at,
        "seo_title": post.seo_title,
        "seo_description": post.seo_description,
        "primary_keyword": post.primary_keyword,
        "secondary_keywords": post.secondary_keywords,
        "categories": post.categories,
        "tags": post.tags,
        "featured_image_url": post.featured.as_ref().and_then(|m| m.url.clone()),
        "images": post.in_article.iter().filter(|m| m.url.is_some()).map(image).collect::<Vec<_>>(),
    })
}

impl Adapter for Bridge<'_> {
    fn check(&self) -> Result<String, RemoteError> {
        let (_, meta) = json_or_error(
            "checking the IGNY8 plugin",
            self.req(reqwest::Method::GET, "/igny8/v1/site-metadata")
                .send(),
        )
        .map_err(|e| {
            if e.code == "rest_no_route" {
                RemoteError::permanent(
                    e.http_status,
                    &e.code,
                    "The IGNY8 bridge plugin is not active on the site (no igny8/v1 routes).",
                )
            } else {
                e
            }
        })?;
        Ok(format!(
            "IGNY8 bridge {}",
            meta.get("plugin_version")
                .and_then(Value::as_str)
                .unwrap_or("?")
        ))
    }

    fn publish(&self, post: &Post) -> Result<Published, RemoteError> {
        let (status, reply) = json_or_error(
            "publishing through the IGNY8 plugin",
            self.req(reqwest::Method::POST, "/igny8/v1/publish")
                .json(&payload(post))
                .send(),
        )?;
        let id = reply
            .get("post_id")
            .and_then(Value::as_i64)
            .ok_or_else(|| {
                RemoteError::permanent(
                    Some(status),
                    "bad_reply",
                    "the plugin's reply has no post_id",
                )
            })?;
        Ok(Published {
            external_id: id.to_string(),
            url: reply
                .get("post_url")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            status: reply
                .get("post_status")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            created: status == 201,
        })
    }

    fn unpublish(&self, post: &Post) -> Result<Published, RemoteError> {
        let draft = Post {
            target: Target::Draft,
            ..post.clone()
        };
        self.publish(&draft)
    }

    fn post_state(&self, external_id: &str) -> Result<PostState, RemoteError> {
        // Without an application password only live posts are readable: anything else is
        // hidden (draft, pending, trash) or gone.
        match json_or_error(
            "reading the post",
            self.http
                .get(rest_url(
                    &self.site_url,
                    &format!("/wp/v2/posts/{external_id}"),
                ))
                .send(),
        ) {
            Ok((_, p)) => Ok(PostState::Exists {
                status: p
                    .get("status")
                    .and_then(Value::as_str)
                    .unwrap_or("publish")
                    .to_owned(),
                url: p.get("link").and_then(Value::as_str).map(str::to_owned),
            }),
            Err(e) if e.code == "rest_post_invalid_id" => Ok(PostState::Gone),
            Err(e) if matches!(e.http_status, Some(401 | 403)) => Ok(PostState::Hidden),
            Err(e) => Err(e),
        }
    }
}
