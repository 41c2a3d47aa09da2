//! The publishing side of content, owned here and driven by the `integration` crate: what a
//! publish sends, the `site_status` machine, the link to the post on the site, and the
//! scheduler's reads and writes.
//!
//! `site_status`: not_published | failed → (scheduled →) publishing → published | scheduled
//! (a post WordPress holds as `future`) | failed. A publish of an item that is already on its
//! site updates the post (the `external_id` stays). WordPress's own changes come back through
//! [`apply_remote_status`].

use crate::content::{get_content, get_content_row};
use crate::model::{Content, ContentStatus, Image, ImageStatus, SiteStatus};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{content, images};
use diesel::prelude::*;
use kernel::{AccountId, ContentId, Role, SiteId};
use tenancy::Scope;

/// Everything a publish sends: the row, its terms, and its images with a file or URL.
#[derive(Debug, Clone)]
pub struct PublishSource {
    /// The content row.
    pub content: Content,
    /// Category names.
    pub categories: Vec<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// The featured image, when it has a file or URL.
    pub featured: Option<Image>,
    /// In-article images with a file or URL, by position.
    pub in_article: Vec<Image>,
}

/// What a publish needs, for a content item the scope may see.
pub fn publish_source(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
) -> Result<PublishSource> {
    let item = get_content(conn, scope, id)?;
    let imgs: Vec<Image> = images::table
        .filter(images::account_id.eq(scope.account_id()))
        .filter(images::content_id.eq(id))
        .filter(images::status.eq(ImageStatus::Generated))
        .order((images::position.asc(), images::id.asc()))
        .select(Image::as_select())
        .load(conn)?;
    let mut featured = None;
    let mut in_article = Vec::new();
    for img in imgs {
        if img.storage_key.is_none() && img.url.is_none() {
            continue;
        }
        if img.position == 0 {
            featured.get_or_insert(img);
        } else {
            in_article.push(img);
        }
    }
    Ok(PublishSource {
        content: item.content,
        categories: item.categories,
        tags: item.tags,
        featured,
        in_article,
    })
}

/// Checks that an item may be published and marks it `publishing` (editor+). Only approved
/// content is published (an item already on its site may be published again: that updates the
/// post). An item already `publishing` is refused with `InvalidState`, so two clicks enqueue one
/// job.
pub fn begin_publish(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<Content> {
    scope.require(Role::Editor)?;
    let c = lock(conn, scope, id)?;
    if !matches!(c.status, ContentStatus::Approved | ContentStatus::Published) {
        return Err(Error::InvalidState {
            from: c.status.as_str().into(),
            to: "publishing (approve the content first)".into(),
        });
    }
    if c.site_status == SiteStatus::Publishing {
        return Err(Error::InvalidState {
            from: c.site_status.as_str().into(),
            to: SiteStatus::Publishing.as_str().into(),
        });
    }
    set_site_status(conn, scope, id, SiteStatus::Publishing, now)?;
    get_content_row(conn, scope, id)
}

/// Checks that an item is on its site and may be taken off it (editor+).
pub fn check_unpublish(conn: &mut PgConnection, scope: &Scope, id: ContentId) -> Result<Content> {
    scope.require(Role::Editor)?;
    let c = get_content_row(conn, scope, id)?;
    if c.external_id.is_none() {
        return Err(Error::InvalidState {
            from: c.site_status.as_str().into(),
            to: "not_published (the content is not on its site)".into(),
        });
    }
    Ok(c)
}

fn lock(conn: &mut PgConnection, scope: &Scope, id: ContentId) -> Result<Content> {
    // Visibility first (site restriction), then the row lock.
    get_content_row(conn, scope, id)?;
    Ok(content::table
        .filter(content::account_id.eq(scope.account_id()))
        .filter(content::id.eq(id))
        .select(Content::as_select())
        .for_update()
        .first(conn)?)
}

fn set_site_status(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    status: SiteStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id)),
    )
    .set((content::site_status.eq(status), content::updated_at.eq(now)))
    .execute(conn)?;
    Ok(())
}

/// Where a publish landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landed {
    /// The post's id on the site.
    pub external_id: String,
    /// The post's URL.
    pub external_url: String,
    /// `published`, or `scheduled` when the site holds it for a future date.
    pub site_status: SiteStatus,
    /// The date the site holds it for, when scheduled there.
    pub scheduled_at: Option<DateTime<Utc>>,
}

/// Records a successful publish or update: the post's id and URL, `published_at`.
pub fn finish_publish(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    landed: &Landed,
    now: DateTime<Utc>,
) -> Result<()> {
    let c = get_content_row(conn, scope, id)?;
    diesel::update(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id)),
    )
    .set((
        content::site_status.eq(landed.site_status),
        content::external_id.eq(&landed.external_id),
        content::external_url.eq(&landed.external_url),
        content::published_at.eq(c.published_at.unwrap_or(now)),
        content::scheduled_publish_at.eq(landed.scheduled_at.or(c.scheduled_publish_at)),
        content::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records a failed publish (`failed`; the link to an earlier post stays).
pub fn fail_publish(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<()> {
    get_content_row(conn, scope, id)?;
    set_site_status(conn, scope, id, SiteStatus::Failed, now)
}

/// Records that the post was taken off the site (`not_published`; the link stays, so a later
/// publish brings back the same post).
pub fn finish_unpublish(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<()> {
    get_content_row(conn, scope, id)?;
    set_site_status(conn, scope, id, SiteStatus::NotPublished, now)
}

/// A post's status as its site reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteStatus {
    /// Live (`publish`, `private`).
    Live,
    /// Held for a future date (`future`).
    Future,
    /// Not live (`draft`, `pending`, `trash`).
    Offline,
    /// Deleted for good: the link is dropped, a later publish makes a new post.
    Deleted,
}

/// Applies the site's view of a post to the content item it belongs to (the webhook and the
/// sync). `external_id` must match the item's link, else `NotFound`. Returns whether anything
/// changed (applying the same status twice changes nothing).
pub fn apply_remote_status(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    external_id: &str,
    remote: RemoteStatus,
    url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let c = lock(conn, scope, id)?;
    if c.external_id.as_deref() != Some(external_id) {
        return Err(Error::NotFound);
    }
    if c.site_status == SiteStatus::Publishing {
        // A publish of ours is in flight; its result is the newer truth.
        return Ok(false);
    }
    let status = match remote {
        RemoteStatus::Live => SiteStatus::Published,
        RemoteStatus::Future => SiteStatus::Scheduled,
        RemoteStatus::Offline | RemoteStatus::Deleted => SiteStatus::NotPublished,
    };
    let new_url = match remote {
        RemoteStatus::Deleted => None,
        _ => url.map(str::to_owned).or(c.external_url.clone()),
    };
    let new_external = match remote {
        RemoteStatus::Deleted => None,
        _ => c.external_id.clone(),
    };
    if status == c.site_status && new_url == c.external_url && new_external == c.external_id {
        return Ok(false);
    }
    diesel::update(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id)),
    )
    .set((
        content::site_status.eq(status),
        content::external_id.eq(new_external),
        content::external_url.eq(new_url),
        content::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(true)
}

/// The site's items that are linked to a post (for a status sync), at most `limit`.
pub fn linked_items(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
) -> Result<Vec<(ContentId, String)>> {
    tenancy::sites::get_site(conn, scope, site)?;
    let rows: Vec<(ContentId, Option<String>)> = content::table
        .filter(content::account_id.eq(scope.account_id()))
        .filter(content::site_id.eq(site))
        .filter(content::external_id.is_not_null())
        .order(content::id.asc())
        .limit(limit)
        .select((content::id, content::external_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, ext)| ext.map(|e| (id, e)))
        .collect())
}

/// Approved items of a site that are not on it and not scheduled, oldest first.
pub fn approved_unscheduled(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
) -> Result<Vec<ContentId>> {
    Ok(content::table
        .filter(content::account_id.eq(scope.account_id()))
        .filter(content::site_id.eq(site))
        .filter(content::status.eq(ContentStatus::Approved))
        .filter(content::site_status.eq(SiteStatus::NotPublished))
        .order(content::id.asc())
        .limit(limit)
        .select(content::id)
        .load(conn)?)
}

/// The times already taken on a site between `from` and `to`: scheduled items by their
/// scheduled time, published ones by when they went live.
pub fn taken_times(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>> {
    let rows: Vec<(SiteStatus, Option<DateTime<Utc>>, Option<DateTime<Utc>>)> = content::table
        .filter(content::account_id.eq(scope.account_id()))
        .filter(content::site_id.eq(site))
        .filter(content::site_status.eq_any([
            SiteStatus::Scheduled,
            SiteStatus::Publishing,
            SiteStatus::Published,
        ]))
        .filter(
            content::scheduled_publish_at
                .between(from, to)
                .or(content::published_at.between(from, to)),
        )
        .select((
            content::site_status,
            content::scheduled_publish_at,
            content::published_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(status, scheduled, published)| match status {
            SiteStatus::Published => published.or(scheduled),
            _ => scheduled.or(published),
        })
        .filter(|t| *t >= from && *t <= to)
        .collect())
}

/// Gives an approved, unpublished item a publish time (`scheduled`). An item that changed in
/// the meantime is left alone (returns false).
pub fn schedule(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = diesel::update(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id))
            .filter(content::status.eq(ContentStatus::Approved))
            .filter(content::site_status.eq(SiteStatus::NotPublished)),
    )
    .set((
        content::site_status.eq(SiteStatus::Scheduled),
        content::scheduled_publish_at.eq(at),
        content::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Scheduled items whose time has come, across accounts (the scheduler's one cross-account
/// read): `(account, site, content)`, oldest first, at most `limit`.
pub fn due_for_publishing(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(AccountId, SiteId, ContentId)>> {
    Ok(content::table
        .filter(content::site_status.eq(SiteStatus::Scheduled))
        .filter(content::scheduled_publish_at.le(now))
        .order(content::scheduled_publish_at.asc())
        .limit(limit)
        .select((content::account_id, content::site_id, content::id))
        .load(conn)?)
}

/// Moves a due scheduled item to `publishing` (false when it is no longer scheduled).
pub fn claim_due(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = diesel::update(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id))
            .filter(content::site_status.eq(SiteStatus::Scheduled)),
    )
    .set((
        content::site_status.eq(SiteStatus::Publishing),
        content::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
