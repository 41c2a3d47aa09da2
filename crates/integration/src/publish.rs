//! Publishing a content item: the request (checks, `publishing`, the job, in one transaction)
//! and the job (`integration.publish`, task type `publish`) that talks to the site.
//!
//! The job builds the post from the content's owner (`content::publishing`), calls the site
//! outside any transaction, then records the outcome (content link and `site_status`, a sync
//! event, the integration's connection status) in one transaction. Network errors, timeouts and
//! 5xx are retried with backoff ([`MAX_ATTEMPTS`] in all); a 4xx or an impossible reply fails at
//! once with WordPress's code and message, and notifies the account. Every attempt is a sync
//! event. A publish of an item that has a post updates that post; core mode also finds the post
//! an interrupted attempt made (by slug and the marker in its HTML), so a retry never makes a
//! second post.

use crate::error::RemoteError;
use crate::events::{self, NewEvent};
use crate::integrations::{self, app_password, record_connection};
use crate::model::{Integration, Mode, SyncAction};
use crate::wordpress::{self, Adapter, Media, Post, Published, Target};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use content::model::{Content, Image, SiteStatus};
use content::publishing::{self as cp, Landed, PublishSource};
use content::storage::MediaStore;
use db::jobs::{context, job_error};
use db::{DbPool, jobs};
use diesel::prelude::*;
use fang::typetag;
use fang::{FangError, Queueable, Runnable};
use kernel::{AccountId, Clock, ContentId};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};
use std::time::Instant;
use tenancy::Scope;
use tenancy::notifications::{Level, NewNotification, notify};

/// fang task type of publishing jobs (their own worker group: slow sites do not hold up AI).
pub const PUBLISH_TASK_TYPE: &str = "publish";
/// Attempts of one publish before it fails (the first plus retries).
pub const MAX_ATTEMPTS: i64 = 6;
/// Largest image fetched from an external URL for upload.
const MAX_REMOTE_IMAGE: u64 = 20 * 1024 * 1024;

/// What a publish job needs beyond the database.
#[derive(Debug, Clone)]
pub struct Runtime {
    /// Where image files are.
    pub media: Arc<dyn MediaStore>,
    /// `IGNY8_SECRET_KEY` (decrypts application passwords and site keys).
    pub secret_key: Vec<u8>,
    /// The API's public URL (`IGNY8_API_URL`): the bridge plugin fetches images from
    /// `<api>/api/v1/integration/media/<id>/`. Without it bridge posts carry only images that
    /// have an external URL.
    pub api_url: Option<String>,
    /// The HTTP client for sites.
    pub http: reqwest::blocking::Client,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Installs the process-wide runtime (the worker, once at start).
pub fn install_runtime(rt: Runtime) {
    let _ = RUNTIME.set(rt);
}

/// Publish now (or at a time), or take off the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishAction {
    /// Create or update the post.
    Publish,
    /// Back to draft on the site.
    Unpublish,
}

/// The publish job. The payload carries ids only (and when it was asked for: attempts are the
/// failed sync events since then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishContent {
    /// Account.
    pub account_id: AccountId,
    /// Content item.
    pub content_id: ContentId,
    /// Publish or unpublish.
    pub action: PublishAction,
    /// Publish for this future time (`future` in WordPress).
    pub at: Option<DateTime<Utc>>,
    /// When the publish was requested.
    pub requested_at: DateTime<Utc>,
}

#[typetag::serde(name = "integration.publish")]
impl Runnable for PublishContent {
    fn run(&self, _q: &dyn Queueable) -> Result<(), FangError> {
        let ctx = context()?;
        let rt = RUNTIME
            .get()
            .ok_or_else(|| job_error("the publishing runtime is not installed"))?;
        run_job(rt, &ctx.pool, &ctx.clock, self).map_err(job_error)
    }

    fn task_type(&self) -> String {
        PUBLISH_TASK_TYPE.into()
    }

    fn max_retries(&self) -> i32 {
        // The job decides when to stop (it counts attempts in sync events); this is a backstop.
        MAX_ATTEMPTS as i32 + 2
    }

    fn backoff(&self, attempt: u32) -> u32 {
        // 5 s, 10 s, 20 s, 40 s, 80 s: a restarting site is back before the last one.
        5u32.saturating_mul(1 << attempt.min(6))
    }
}

/// Asks for a publish (editor+): the site must have an active integration, the content must be
/// approved (or already on its site) and not already publishing. Marks it `publishing` and
/// enqueues the job in the same transaction. `at` in the future schedules the post on the site.
pub fn request_publish(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Content> {
    scope.require_writable_account()?;
    conn.transaction(|c| {
        let row = content::content::get_content_row(c, scope, id)?;
        integrations::publishing_target(c, scope, row.site_id)?;
        let row = cp::begin_publish(c, scope, id, now)?;
        jobs::enqueue(
            c,
            &PublishContent {
                account_id: scope.account_id(),
                content_id: id,
                action: PublishAction::Publish,
                at: at.filter(|t| *t > now),
                requested_at: now,
            },
        )?;
        Ok(row)
    })
}

/// Asks for an unpublish (editor+): the content must have a post on its site.
pub fn request_unpublish(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<Content> {
    scope.require_writable_account()?;
    conn.transaction(|c| {
        let row = cp::check_unpublish(c, scope, id)?;
        integrations::publishing_target(c, scope, row.site_id)?;
        jobs::enqueue(
            c,
            &PublishContent {
                account_id: scope.account_id(),
                content_id: id,
                action: PublishAction::Unpublish,
                at: None,
                requested_at: now,
            },
        )?;
        Ok(row)
    })
}

/// A pooled connection, its failure as a database error (503 when the pool is busy).
pub(crate) fn conn(pool: &DbPool) -> Result<db::DbConn> {
    pool.get().map_err(|e| Error::Db(e.into()))
}

/// Runs one publish job. `Err` means "retry" (a transient failure before the last attempt);
/// everything else ends with `Ok` (published, failed for good, or nothing left to do).
pub fn run_job(rt: &Runtime, pool: &DbPool, clock: &Clock, job: &PublishContent) -> Result<()> {
    let scope = Scope::for_job(job.account_id);
    let (integration, source, attempt) = {
        let mut c = conn(pool)?;
        let source = match cp::publish_source(&mut c, &scope, job.content_id) {
            Ok(s) => s,
            // Deleted meanwhile: nothing to do.
            Err(content::Error::NotFound) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let row = &source.content;
        let stale = match job.action {
            PublishAction::Publish => row.site_status != SiteStatus::Publishing,
            PublishAction::Unpublish => row.external_id.is_none(),
        };
        if stale {
            return Ok(());
        }
        let integration = match integrations::of_site(&mut c, &scope, row.site_id)? {
            Some(i) if i.is_active => i,
            _ => {
                let msg = "The site has no active WordPress integration.";
                c.transaction(|c| fail(c, &scope, &source.content, job, None, msg, clock.now()))?;
                return Ok(());
            }
        };
        let attempt =
            events::failed_attempts_since(&mut c, &integration, job.content_id, job.requested_at)?
                + 1;
        (integration, source, attempt)
    };
    let action = match (job.action, &source.content.external_id) {
        (PublishAction::Unpublish, _) => SyncAction::Unpublish,
        (PublishAction::Publish, Some(_)) => SyncAction::Update,
        (PublishAction::Publish, None) => SyncAction::Publish,
    };
    let started = Instant::now();
    let result = call_site(rt, pool, &scope, &integration, &source, job, clock.now());
    let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    let now = clock.now();
    let mut c = conn(pool)?;
    match result {
        Ok(published) => {
            let action = if published.created {
                SyncAction::Publish
            } else {
                action
            };
            c.transaction(|c| {
                record_success(
                    c,
                    &scope,
                    &integration,
                    &source,
                    job,
                    action,
                    attempt,
                    duration_ms,
                    &published,
                    now,
                )
            })?;
            tracing::info!(content = %job.content_id, post = %published.external_id, status = %published.status, attempt, "published");
            Ok(())
        }
        Err(e) => {
            let last = !e.is_transient() || attempt >= MAX_ATTEMPTS;
            c.transaction(|c| -> Result<()> {
                events::record(
                    c,
                    &integration,
                    &NewEvent {
                        action,
                        content_id: Some(job.content_id),
                        success: false,
                        attempt: i32::try_from(attempt).unwrap_or(i32::MAX),
                        duration_ms,
                        http_status: e.http_status,
                        error_code: Some(&e.code),
                        error_message: Some(&e.message),
                        external_id: source.content.external_id.as_deref(),
                        details: serde_json::json!({ "will_retry": !last }),
                    },
                    now,
                )?;
                record_connection(c, &scope, integration.id, Some(&e.message), now)?;
                if last {
                    fail(
                        c,
                        &scope,
                        &source.content,
                        job,
                        Some(&integration),
                        &e.message,
                        now,
                    )?;
                }
                Ok(())
            })?;
            if last {
                tracing::warn!(content = %job.content_id, attempt, code = %e.code, error = %e.message, "publishing failed");
                Ok(())
            } else {
                tracing::info!(content = %job.content_id, attempt, code = %e.code, error = %e.message, "publishing attempt failed; will retry");
                Err(Error::Remote(e))
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn record_success(
    c: &mut PgConnection,
    scope: &Scope,
    integration: &Integration,
    source: &PublishSource,
    job: &PublishContent,
    action: SyncAction,
    attempt: i64,
    duration_ms: i32,
    published: &Published,
    now: DateTime<Utc>,
) -> Result<()> {
    match job.action {
        PublishAction::Publish => {
            let future = published.status == "future";
            cp::finish_publish(
                c,
                scope,
                job.content_id,
                &Landed {
                    external_id: published.external_id.clone(),
                    external_url: published.url.clone(),
                    site_status: if future {
                        SiteStatus::Scheduled
                    } else {
                        SiteStatus::Published
                    },
                    scheduled_at: if future { job.at } else { None },
                },
                now,
            )?;
        }
        PublishAction::Unpublish => cp::finish_unpublish(c, scope, job.content_id, now)?,
    }
    events::record(
        c,
        integration,
        &NewEvent {
            action,
            content_id: Some(source.content.id),
            success: true,
            attempt: i32::try_from(attempt).unwrap_or(i32::MAX),
            duration_ms,
            http_status: None,
            error_code: None,
            error_message: None,
            external_id: Some(&published.external_id),
            details: serde_json::json!({ "url": published.url, "status": published.status }),
        },
        now,
    )?;
    record_connection(c, scope, integration.id, None, now)
}

fn fail(
    c: &mut PgConnection,
    scope: &Scope,
    row: &Content,
    job: &PublishContent,
    integration: Option<&Integration>,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if job.action == PublishAction::Publish {
        cp::fail_publish(c, scope, row.id, now)?;
    }
    let verb = match job.action {
        PublishAction::Publish => "published",
        PublishAction::Unpublish => "taken off the site",
    };
    let site = integration
        .map(|i| i.site_url.as_str())
        .unwrap_or("its site");
    let text = format!("'{}' could not be {verb} ({site}): {message}", row.title);
    let key = format!("publish:{}:{}", row.id, job.requested_at.timestamp_micros());
    notify(
        c,
        scope,
        &NewNotification {
            kind: "publish_failed",
            level: Level::Error,
            title: "Publishing failed",
            message: &text,
            data: serde_json::json!({ "content_id": row.id, "site_id": row.site_id }),
            dedupe_key: Some(&key),
        },
        now,
    )?;
    Ok(())
}

/// Builds the post and calls the site (no connection held during the call).
fn call_site(
    rt: &Runtime,
    pool: &DbPool,
    scope: &Scope,
    integration: &Integration,
    source: &PublishSource,
    job: &PublishContent,
    now: DateTime<Utc>,
) -> std::result::Result<Published, RemoteError> {
    let internal = |e: Error| RemoteError::permanent(None, "internal", e.to_string());
    let post = build_post(rt, integration.mode, source, job, now)?;
    match integration.mode {
        Mode::Core => {
            let password = app_password(integration, &rt.secret_key).map_err(internal)?;
            let site = wordpress::core::Core::new(
                &rt.http,
                &integration.site_url,
                &integration.username,
                &password,
            );
            run_adapter(&site, job, &post)
        }
        Mode::Bridge => {
            let key = {
                let mut c = conn(pool).map_err(internal)?;
                tenancy::site_keys::outbound_key(&mut c, scope, integration.site_id, &rt.secret_key)
                    .map_err(|e| internal(e.into()))?
            };
            let Some(key) = key else {
                return Err(RemoteError::permanent(
                    None,
                    "no_site_key",
                    "The site has no API key: generate one and paste it into the IGNY8 plugin.",
                ));
            };
            let site = wordpress::bridge::Bridge::new(&rt.http, &integration.site_url, &key);
            run_adapter(&site, job, &post)
        }
    }
}

fn run_adapter(
    site: &dyn Adapter,
    job: &PublishContent,
    post: &Post,
) -> std::result::Result<Published, RemoteError> {
    match job.action {
        PublishAction::Publish => site.publish(post),
        PublishAction::Unpublish => site.unpublish(post),
    }
}

fn build_post(
    rt: &Runtime,
    mode: Mode,
    source: &PublishSource,
    job: &PublishContent,
    now: DateTime<Utc>,
) -> std::result::Result<Post, RemoteError> {
    let c = &source.content;
    let target = match (job.action, job.at) {
        (PublishAction::Unpublish, _) => Target::Draft,
        (PublishAction::Publish, Some(at)) if at > now => Target::At(at),
        (PublishAction::Publish, _) => Target::Publish,
    };
    let slug = {
        let s = kernel::text::slugify(&c.title);
        if s.is_empty() {
            format!("post-{}", c.id)
        } else {
            s
        }
    };
    let alt_base = if c.primary_keyword.is_empty() {
        c.title.clone()
    } else {
        c.primary_keyword.clone()
    };
    let featured = source
        .featured
        .as_ref()
        .map(|img| media(rt, mode, img, c.title.clone()))
        .transpose()?
        .flatten();
    let mut in_article = Vec::new();
    for img in &source.in_article {
        if let Some(m) = media(rt, mode, img, format!("{alt_base} ({})", img.position))? {
            in_article.push(m);
        }
    }
    let mut tags = source.tags.clone();
    for k in std::iter::once(&c.primary_keyword).chain(c.secondary_keywords.0.iter()) {
        let k = k.trim();
        if !k.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(k)) {
            tags.push(k.to_owned());
        }
    }
    Ok(Post {
        content_id: c.id.get(),
        task_id: c.task_id.map(|t| t.get()),
        title: c.title.clone(),
        html: c.content_html.clone(),
        excerpt: c.meta_description.clone(),
        slug,
        target,
        categories: source.categories.clone(),
        tags,
        seo_title: c.meta_title.clone(),
        seo_description: c.meta_description.clone(),
        primary_keyword: c.primary_keyword.clone(),
        secondary_keywords: c.secondary_keywords.0.clone(),
        featured,
        in_article,
        external_id: c.external_id.clone(),
    })
}

/// An image as the mode needs it: bytes for core (from the media store, or fetched from its
/// external URL), a URL for bridge. `None` when bridge mode has no URL to give.
fn media(
    rt: &Runtime,
    mode: Mode,
    img: &Image,
    alt: String,
) -> std::result::Result<Option<Media>, RemoteError> {
    let fmt = img.format;
    match mode {
        Mode::Bridge => {
            let url = match (&img.storage_key, &rt.api_url, &img.url) {
                (Some(_), Some(api), _) => Some(format!(
                    "{}/api/v1/integration/media/{}/",
                    api.trim_end_matches('/'),
                    img.id
                )),
                (_, _, Some(u)) => Some(u.clone()),
                _ => None,
            };
            Ok(url.map(|url| Media {
                position: img.position,
                bytes: None,
                mime: fmt.map(|f| f.mime()).unwrap_or("image/png").into(),
                extension: fmt.map(|f| f.extension()).unwrap_or("png").into(),
                sha256: img.sha256.clone().unwrap_or_default(),
                url: Some(url),
                alt,
            }))
        }
        Mode::Core => {
            let bytes = match (&img.storage_key, &img.url) {
                (Some(key), _) => rt.media.get(key).map_err(|e| {
                    RemoteError::transient(
                        None,
                        "media_store",
                        format!("reading image {}: {e}", img.id),
                    )
                })?,
                (None, Some(url)) => fetch(rt, url)?,
                (None, None) => return Ok(None),
            };
            let info = content::images::sniff_image(&bytes).map_err(|e| {
                RemoteError::permanent(None, "bad_image", format!("image {}: {e}", img.id))
            })?;
            Ok(Some(Media {
                position: img.position,
                sha256: content::storage::sha256_hex(&bytes),
                bytes: Some(bytes),
                mime: info.format.mime().into(),
                extension: info.format.extension().into(),
                url: img.url.clone(),
                alt,
            }))
        }
    }
}

fn fetch(rt: &Runtime, url: &str) -> std::result::Result<Vec<u8>, RemoteError> {
    let what = format!("fetching image {url}");
    let res = rt
        .http
        .get(url)
        .send()
        .map_err(|e| wordpress::network_error(&what, &e))?;
    let status = res.status();
    if !status.is_success() {
        let msg = format!("{what}: answered {status}");
        return Err(if status.is_server_error() {
            RemoteError::transient(Some(status.as_u16()), "image_fetch", msg)
        } else {
            RemoteError::permanent(Some(status.as_u16()), "image_fetch", msg)
        });
    }
    if res.content_length().is_some_and(|n| n > MAX_REMOTE_IMAGE) {
        return Err(RemoteError::permanent(None, "image_too_large", what));
    }
    let bytes = res
        .bytes()
        .map_err(|e| wordpress::network_error(&what, &e))?;
    Ok(bytes.to_vec())
}
