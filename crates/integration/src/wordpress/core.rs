//! Core mode: a stock WordPress through its own REST API with an application password.

use super::html::{Placed, decode_entities, has_marker, place_images};
use super::{Adapter, Media, Post, PostState, Published, Target, json_or_error, rest_url_with};
use crate::error::RemoteError;
use reqwest::blocking::{Client, RequestBuilder};
use serde_json::{Value, json};

/// A WordPress site reached with an application password.
pub struct Core<'a> {
    http: &'a Client,
    site_url: String,
    user: String,
    password: String,
}

impl std::fmt::Debug for Core<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("site_url", &self.site_url)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

fn ids_of(v: &Value, field: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = v
        .get(field)
        .and_then(|a| a.as_array())
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    ids.sort_unstable();
    ids
}

/// Where a post stands, from WordPress's reply about it.
fn landed(reply: &Value, external_id: String, created: bool) -> Published {
    let text = |field: &str| {
        reply
            .get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Published {
        external_id,
        url: text("link"),
        status: text("status"),
        created,
    }
}

fn id_of(v: &Value, what: &str) -> Result<i64, RemoteError> {
    v.get("id").and_then(Value::as_i64).ok_or_else(|| {
        RemoteError::permanent(None, "bad_reply", format!("{what}: the reply has no id"))
    })
}

impl<'a> Core<'a> {
    /// A site at `site_url` with `user`'s application password.
    pub fn new(http: &'a Client, site_url: &str, user: &str, password: &str) -> Self {
        Self {
            http,
            site_url: site_url.trim_end_matches('/').to_owned(),
            user: user.to_owned(),
            password: password.to_owned(),
        }
    }

    fn req(&self, method: reqwest::Method, route: &str, params: &[(&str, &str)]) -> RequestBuilder {
        self.http
            .request(method, rest_url_with(&self.site_url, route, params))
            .basic_auth(&self.user, Some(&self.password))
    }

    fn get(&self, route: &str, params: &[(&str, &str)]) -> RequestBuilder {
        self.req(reqwest::Method::GET, route, params)
    }

    fn post(&self, route: &str, params: &[(&str, &str)]) -> RequestBuilder {
        self.req(reqwest::Method::POST, route, params)
    }

    /// The id of the term `name` in `taxonomy` (`categories` or `tags`), created when missing.
    fn term_id(&self, taxonomy: &str, name: &str) -> Result<i64, RemoteError> {
        let what = format!("finding the {taxonomy} term '{name}'");
        let (_, found) = json_or_error(
            &what,
            self.get(
                &format!("/wp/v2/{taxonomy}"),
                &[("search", name), ("per_page", "100"), ("context", "edit")],
            )
            .send(),
        )?;
        if let Some(id) = found.as_array().and_then(|terms| {
            terms.iter().find_map(|t| {
                let n = t.get("name").and_then(Value::as_str)?;
                (decode_entities(n).trim().to_lowercase() == name.trim().to_lowercase())
                    .then(|| t.get("id").and_then(Value::as_i64))
                    .flatten()
            })
        }) {
            return Ok(id);
        }
        let what = format!("creating the {taxonomy} term '{name}'");
        match json_or_error(
            &what,
            self.post(&format!("/wp/v2/{taxonomy}"), &[])
                .json(&json!({ "name": name }))
                .send(),
        ) {
            Ok((_, created)) => id_of(&created, &what),
            // Made by someone else between our search and our create (or a name the search
            // missed): find the existing term by its slug.
            Err(e) if e.code == "term_exists" => self.existing_term(taxonomy, name).ok_or(e),
            Err(e) => Err(e),
        }
    }

    fn existing_term(&self, taxonomy: &str, name: &str) -> Option<i64> {
        let (_, found) = json_or_error(
            "finding an existing term",
            self.get(
                &format!("/wp/v2/{taxonomy}"),
                &[("slug", kernel::text::slugify(name).as_str())],
            )
            .send(),
        )
        .ok()?;
        found.as_array()?.first()?.get("id")?.as_i64()
    }

    /// Uploads an image (or finds the copy an earlier publish uploaded); returns its id and URL.
    fn upload(&self, content_id: i64, m: &Media) -> Result<(i64, String), RemoteError> {
        let stem = format!(
            "igny8-{content_id}-{}-{}",
            m.position,
            &m.sha256[..m.sha256.len().min(12)]
        );
        let what = format!("uploading image {}", m.position);
        let (_, found) = json_or_error(
            &what,
            self.get(
                "/wp/v2/media",
                &[("slug", stem.as_str()), ("context", "edit")],
            )
            .send(),
        )?;
        if let Some(existing) = found.as_array().and_then(|a| a.first()) {
            let id = id_of(existing, &what)?;
            let url = existing
                .get("source_url")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            return Ok((id, url));
        }
        let Some(bytes) = &m.bytes else {
            return Err(RemoteError::permanent(
                None,
                "image_missing",
                format!("{what}: the image file is not available"),
            ));
        };
        let (_, created) = json_or_error(
            &what,
            self.post("/wp/v2/media", &[])
                .header(reqwest::header::CONTENT_TYPE, &m.mime)
                .header(
                    reqwest::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{stem}.{}\"", m.extension),
                )
                .body(bytes.clone())
                .send(),
        )?;
        let id = id_of(&created, &what)?;
        let url = created
            .get("source_url")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if !m.alt.is_empty() {
            json_or_error(
                &what,
                self.post(&format!("/wp/v2/media/{id}"), &[])
                    .json(&json!({ "alt_text": m.alt }))
                    .send(),
            )?;
        }
        Ok((id, url))
    }

    /// A post an interrupted earlier attempt made for this item: same slug, our marker.
    fn orphan(&self, post: &Post) -> Result<Option<i64>, RemoteError> {
        let (_, found) = json_or_error(
            "looking for an earlier attempt's post",
            self.get(
                "/wp/v2/posts",
                &[
                    ("slug", post.slug.as_str()),
                    ("status", "publish,future,draft,pending,private"),
                    ("context", "edit"),
                ],
            )
            .send(),
        )?;
        Ok(found.as_array().and_then(|posts| {
            posts.iter().find_map(|p| {
                let raw = p.pointer("/content/raw").and_then(Value::as_str)?;
                has_marker(raw, post.content_id)
                    .then(|| p.get("id").and_then(Value::as_i64))
                    .flatten()
            })
        }))
    }
}

impl Adapter for Core<'_> {
    fn check(&self) -> Result<String, RemoteError> {
        let what = "checking the application password";
        match json_or_error(
            what,
            self.get("/wp/v2/users/me", &[("context", "edit")]).send(),
        ) {
            Ok((_, me)) => Ok(me
                .get("username")
                .or_else(|| me.get("name"))
                .and_then(Value::as_str)
                .unwrap_or(&self.user)
                .to_owned()),
            // WordPress 6.1 treats a wrong application password as anonymous; newer versions
            // say `incorrect_password`. Either way: say what to fix.
            Err(e) if matches!(e.http_status, Some(401 | 403)) => Err(RemoteError::permanent(
                e.http_status,
                &e.code,
                format!(
                    "WordPress did not accept the application password of user '{}' ({}). \
                     Create a new application password in the user's profile and save it here.",
                    self.user, e.code
                ),
            )),
            Err(e) => Err(e),
        }
    }

    fn publish(&self, post: &Post) -> Result<Published, RemoteError> {
        self.check()?;
        let mut categories = Vec::new();
        for name in &post.categories {
            categories.push(self.term_id("categories", name)?);
        }
        let mut tags = Vec::new();
        for name in &post.tags {
            tags.push(self.term_id("tags", name)?);
        }
        categories.sort_unstable();
        categories.dedup();
        tags.sort_unstable();
        tags.dedup();
        let featured = match &post.featured {
            Some(m) => self.upload(post.content_id, m)?.0,
            None => 0,
        };
        let mut placed = Vec::new();
        for m in &post.in_article {
            let (_, url) = self.upload(post.content_id, m)?;
            placed.push(Placed {
                position: m.position,
                url,
                alt: m.alt.clone(),
            });
        }
        let html = place_images(&post.html, &placed, post.content_id);
        let mut body = json!({
            "title": post.title,
            "content": html,
            "excerpt": post.excerpt,
            "slug": post.slug,
            "categories": categories,
            "tags": tags,
            "featured_media": featured,
        });
        match post.target {
            Target::Publish => body["status"] = json!("publish"),
            Target::Draft => body["status"] = json!("draft"),
            Target::At(at) => {
                body["status"] = json!("future");
                body["date_gmt"] = json!(at.format("%Y-%m-%dT%H:%M:%S").to_string());
            }
        }
        let mut existing: Option<i64> = post.external_id.as_deref().and_then(|x| x.parse().ok());
        if existing.is_none() {
            existing = self.orphan(post)?;
        }
        let (created, reply) = loop {
            match existing {
                Some(id) => {
                    match json_or_error(
                        "updating the post",
                        self.post(&format!("/wp/v2/posts/{id}"), &[("context", "edit")])
                            .json(&body)
                            .send(),
                    ) {
                        Ok((_, reply)) => break (false, reply),
                        // Deleted on the site: make a new one.
                        Err(e) if e.code == "rest_post_invalid_id" => existing = None,
                        Err(e) => return Err(e),
                    }
                }
                None => {
                    let (_, reply) = json_or_error(
                        "creating the post",
                        self.post("/wp/v2/posts", &[("context", "edit")])
                            .json(&body)
                            .send(),
                    )?;
                    break (true, reply);
                }
            }
        };
        // WordPress silently drops term and media ids it does not know: compare.
        let (got_cats, got_tags) = (ids_of(&reply, "categories"), ids_of(&reply, "tags"));
        let got_featured = reply
            .get("featured_media")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if got_cats != categories || got_tags != tags || got_featured != featured {
            return Err(RemoteError::permanent(
                None,
                "terms_dropped",
                format!(
                    "WordPress saved the post without some of what was sent (categories \
                     {categories:?} → {got_cats:?}, tags {tags:?} → {got_tags:?}, featured image \
                     {featured} → {got_featured})"
                ),
            ));
        }
        let id = id_of(&reply, "the post")?;
        Ok(landed(&reply, id.to_string(), created))
    }

    fn unpublish(&self, post: &Post) -> Result<Published, RemoteError> {
        let id = post.external_id.as_deref().unwrap_or_default();
        let (_, reply) = json_or_error(
            "taking the post off the site",
            self.post(&format!("/wp/v2/posts/{id}"), &[])
                .json(&json!({ "status": "draft" }))
                .send(),
        )?;
        Ok(landed(&reply, id.to_owned(), false))
    }

    fn post_state(&self, external_id: &str) -> Result<PostState, RemoteError> {
        match json_or_error(
            "reading the post",
            self.get(
                &format!("/wp/v2/posts/{external_id}"),
                &[("context", "edit")],
            )
            .send(),
        ) {
            Ok((_, p)) => Ok(PostState::Exists {
                status: p
                    .get("status")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                url: p.get("link").and_then(Value::as_str).map(str::to_owned),
            }),
            Err(e) if e.code == "rest_post_invalid_id" || e.http_status == Some(404) => {
                Ok(PostState::Gone)
            }
            Err(e) => Err(e),
        }
    }
}
