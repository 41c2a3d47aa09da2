//! Content items: sanitized HTML with its word count, SEO fields, tags and categories, and the
//! editorial status machine (see [`ContentStatus::can_become`]).
//!
//! - Every write of `content_html` goes through [`crate::sanitize::sanitize_html`] and
//!   recomputes `word_count` from the sanitized text.
//! - Editing an `approved` (or `published`) item's title, body, SEO fields, type, structure,
//!   tags or categories sends it back to `draft`; writing the same values again does not.
//! - `site_status`, `scheduled_publish_at`, `external_id`, `external_url` and `source` are
//!   read-only here: publishing and the WordPress sync own them.

use crate::model::{
    Content, ContentItem, ContentSource, ContentStatus, ContentStructure, ContentType,
    FilterOptions, SiteStatus, StringList, TaxonomyType,
};
use crate::sanitize::{sanitize_html, word_count};
use crate::tasks::get_task;
use crate::taxonomies::{ensure_terms, set_content_terms, terms_of};
use crate::util::{
    MAX_KEYWORD, MAX_TITLE, check_bulk_ids, clean_list, options_in_order, planner_ref_error,
};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::content;
use db::sql::lower;
use diesel::pg::Pg;
use diesel::prelude::*;
use kernel::{
    ClusterId, ContentId, FieldErrors, IdeaId, Order, Page, PageRequest, Role, SectorId, SiteId,
    TaskId,
};
use tenancy::Scope;
use tenancy::sites::{require_site_sector, visible_site_ids};
use tenancy::users::escape_like;

/// Hard maximum of `meta_title` (60 characters or fewer is what search engines show).
pub const MAX_META_TITLE: usize = 255;
/// Hard maximum of `meta_description` (about 160 is what search engines show).
pub const MAX_META_DESCRIPTION: usize = 1000;
/// Largest `content_html` accepted, in bytes, before sanitizing.
pub const MAX_HTML_BYTES: usize = 900 * 1024;

/// The editable fields of a content item; `None` leaves a field (or takes its default).
#[derive(Debug, Clone, Default)]
pub struct ContentFields {
    /// Planner cluster; `Some(None)` clears it.
    pub cluster_id: Option<Option<ClusterId>>,
    /// Title (required on create).
    pub title: Option<String>,
    /// HTML body; sanitized before it is stored.
    pub content_html: Option<String>,
    /// SEO title (≤ 60 characters recommended, 255 at most).
    pub meta_title: Option<String>,
    /// SEO description.
    pub meta_description: Option<String>,
    /// Primary keyword.
    pub primary_keyword: Option<String>,
    /// Secondary keywords.
    pub secondary_keywords: Option<Vec<String>>,
    /// Tag names; missing tags of the site are created.
    pub tags: Option<Vec<String>>,
    /// Category names; missing categories of the site are created.
    pub categories: Option<Vec<String>>,
    /// Content type.
    pub content_type: Option<ContentType>,
    /// Content structure.
    pub content_structure: Option<ContentStructure>,
}

/// A content item created by hand (or by the AI engine). It starts as a `draft`.
#[derive(Debug, Clone)]
pub struct NewContent {
    /// Site.
    pub site_id: SiteId,
    /// Sector of the site.
    pub sector_id: SectorId,
    /// The task it is written for: must be on the same site and sector; its cluster, idea,
    /// type and structure are the defaults.
    pub task_id: Option<TaskId>,
    /// The fields; `title` is required.
    pub fields: ContentFields,
}

/// A change to a content item: fields and/or an editorial status move.
#[derive(Debug, Clone, Default)]
pub struct ContentChanges {
    /// Field changes.
    pub fields: ContentFields,
    /// New editorial status, applied after the field changes (which may have sent an approved
    /// item back to draft). Naming the current status is a no-op.
    pub status: Option<ContentStatus>,
}

#[derive(Insertable)]
#[diesel(table_name = content)]
struct ContentRow {
    account_id: kernel::AccountId,
    site_id: SiteId,
    sector_id: SectorId,
    cluster_id: Option<ClusterId>,
    idea_id: Option<IdeaId>,
    task_id: Option<TaskId>,
    title: String,
    content_html: String,
    word_count: i32,
    meta_title: String,
    meta_description: String,
    primary_keyword: String,
    secondary_keywords: StringList,
    content_type: ContentType,
    content_structure: ContentStructure,
    status: ContentStatus,
    site_status: SiteStatus,
    source: ContentSource,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(AsChangeset, Default, Clone)]
#[diesel(table_name = content)]
struct ContentPatch {
    cluster_id: Option<Option<ClusterId>>,
    title: Option<String>,
    content_html: Option<String>,
    word_count: Option<i32>,
    meta_title: Option<String>,
    meta_description: Option<String>,
    primary_keyword: Option<String>,
    secondary_keywords: Option<StringList>,
    content_type: Option<ContentType>,
    content_structure: Option<ContentStructure>,
    status: Option<ContentStatus>,
    updated_at: Option<DateTime<Utc>>,
}

/// Validated fields: the row patch plus cleaned term names.
struct Checked {
    patch: ContentPatch,
    tags: Option<Vec<String>>,
    categories: Option<Vec<String>>,
}

fn validate_fields(f: &ContentFields, creating: bool) -> Result<Checked> {
    let mut e = FieldErrors::new();
    match &f.title {
        Some(t) => e.require_text("title", t, MAX_TITLE),
        None if creating => e.add("title", "This field is required."),
        None => {}
    }
    if let Some(m) = &f.meta_title {
        e.max_len("meta_title", m.trim(), MAX_META_TITLE);
    }
    if let Some(m) = &f.meta_description {
        e.max_len("meta_description", m.trim(), MAX_META_DESCRIPTION);
    }
    if let Some(p) = &f.primary_keyword {
        e.max_len("primary_keyword", p.trim(), MAX_KEYWORD);
    }
    if let Some(h) = &f.content_html
        && h.len() > MAX_HTML_BYTES
    {
        e.add(
            "content_html",
            format!("Ensure this field has no more than {MAX_HTML_BYTES} bytes."),
        );
    }
    let secondary = f
        .secondary_keywords
        .as_ref()
        .map(|l| StringList(clean_list(&mut e, "secondary_keywords", l)));
    let tags = f.tags.as_ref().map(|l| clean_list(&mut e, "tags", l));
    let categories = f
        .categories
        .as_ref()
        .map(|l| clean_list(&mut e, "categories", l));
    e.into_result()?;
    let html = f.content_html.as_deref().map(sanitize_html);
    Ok(Checked {
        patch: ContentPatch {
            cluster_id: f.cluster_id,
            title: f.title.as_ref().map(|t| t.trim().to_owned()),
            word_count: html.as_deref().map(word_count),
            content_html: html,
            meta_title: f.meta_title.as_ref().map(|m| m.trim().to_owned()),
            meta_description: f.meta_description.as_ref().map(|m| m.trim().to_owned()),
            primary_keyword: f.primary_keyword.as_ref().map(|p| p.trim().to_owned()),
            secondary_keywords: secondary,
            content_type: f.content_type,
            content_structure: f.content_structure,
            status: None,
            updated_at: None,
        },
        tags,
        categories,
    })
}

fn base<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<content::BoxedQuery<'a, Pg>> {
    let mut q = content::table
        .filter(content::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(content::site_id.eq_any(ids));
    }
    Ok(q)
}

/// A content row the scope may see, without its terms.
pub fn get_content_row(conn: &mut PgConnection, scope: &Scope, id: ContentId) -> Result<Content> {
    Ok(base(conn, scope)?
        .filter(content::id.eq(id))
        .select(Content::as_select())
        .first(conn)?)
}

fn with_terms(
    conn: &mut PgConnection,
    scope: &Scope,
    rows: Vec<Content>,
) -> Result<Vec<ContentItem>> {
    let ids: Vec<ContentId> = rows.iter().map(|c| c.id).collect();
    let mut terms = terms_of(conn, scope.account_id(), &ids)?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let (tags, categories) = terms.remove(&c.id).unwrap_or_default();
            ContentItem {
                content: c,
                tags,
                categories,
            }
        })
        .collect())
}

/// A content item the scope may see, with its terms.
pub fn get_content(conn: &mut PgConnection, scope: &Scope, id: ContentId) -> Result<ContentItem> {
    let row = get_content_row(conn, scope, id)?;
    with_terms(conn, scope, vec![row])?
        .pop()
        .ok_or(Error::NotFound)
}

fn write_terms(
    conn: &mut PgConnection,
    c: &Content,
    checked: &Checked,
    now: DateTime<Utc>,
) -> Result<()> {
    for (ty, field, names) in [
        (TaxonomyType::Tag, "tags", &checked.tags),
        (TaxonomyType::Category, "categories", &checked.categories),
    ] {
        if let Some(names) = names {
            let ids = ensure_terms(conn, c.account_id, c.site_id, ty, field, names, now)?;
            set_content_terms(conn, c.account_id, c.site_id, c.id, ty, &ids)?;
        }
    }
    Ok(())
}

/// Creates a content item as a `draft` (editor+); manual writing needs no AI.
pub fn create_content(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &NewContent,
    now: DateTime<Utc>,
) -> Result<ContentItem> {
    scope.require(Role::Editor)?;
    let checked = validate_fields(&input.fields, true)?;
    require_site_sector(conn, scope, input.site_id, input.sector_id)?;
    let task = match input.task_id {
        Some(t) => {
            let task = get_task(conn, scope, t).map_err(|e| match e {
                Error::NotFound => {
                    Error::Validation(FieldErrors::single_unknown("task_id", "Unknown task."))
                }
                other => other,
            })?;
            if task.site_id != input.site_id || task.sector_id != input.sector_id {
                return Err(FieldErrors::single(
                    "task_id",
                    "The task belongs to another site or sector.",
                )
                .into());
            }
            Some(task)
        }
        None => None,
    };
    let p = checked.patch.clone();
    let html = p.content_html.unwrap_or_default();
    let row = ContentRow {
        account_id: scope.account_id(),
        site_id: input.site_id,
        sector_id: input.sector_id,
        cluster_id: p
            .cluster_id
            .unwrap_or_else(|| task.as_ref().and_then(|t| t.cluster_id)),
        idea_id: task.as_ref().and_then(|t| t.idea_id),
        task_id: task.as_ref().map(|t| t.id),
        title: p.title.unwrap_or_default(),
        word_count: word_count(&html),
        content_html: html,
        meta_title: p.meta_title.unwrap_or_default(),
        meta_description: p.meta_description.unwrap_or_default(),
        primary_keyword: p
            .primary_keyword
            .or_else(|| task.as_ref().map(|t| t.primary_keyword.clone()))
            .unwrap_or_default(),
        secondary_keywords: p
            .secondary_keywords
            .or_else(|| task.as_ref().map(|t| t.secondary_keywords.clone()))
            .unwrap_or_default(),
        content_type: p
            .content_type
            .or_else(|| task.as_ref().map(|t| t.content_type))
            .unwrap_or(ContentType::Post),
        content_structure: p
            .content_structure
            .or_else(|| task.as_ref().map(|t| t.content_structure))
            .unwrap_or(ContentStructure::Article),
        status: ContentStatus::Draft,
        site_status: SiteStatus::NotPublished,
        source: ContentSource::Igny8,
        created_at: now,
        updated_at: now,
    };
    let created = conn.transaction(|c| {
        let created: Content = diesel::insert_into(content::table)
            .values(&row)
            .returning(Content::as_returning())
            .get_result(c)
            .map_err(|e| planner_ref_error(e.into()))?;
        write_terms(c, &created, &checked, now)?;
        Ok::<_, Error>(created)
    })?;
    get_content(conn, scope, created.id)
}

/// True when the patch (or the term lists) would change what an approver saw.
fn edits_editorial_fields(current: &ContentItem, ch: &Checked) -> bool {
    let c = &current.content;
    let p = &ch.patch;
    let differs = |new: &Option<String>, old: &str| new.as_deref().is_some_and(|n| n != old);
    let names_differ = |new: &Option<Vec<String>>, old: &[String]| {
        new.as_ref().is_some_and(|n| {
            let mut a: Vec<String> = n.iter().map(|s| s.to_lowercase()).collect();
            let mut b: Vec<String> = old.iter().map(|s| s.to_lowercase()).collect();
            a.sort();
            b.sort();
            a != b
        })
    };
    differs(&p.title, &c.title)
        || differs(&p.content_html, &c.content_html)
        || differs(&p.meta_title, &c.meta_title)
        || differs(&p.meta_description, &c.meta_description)
        || differs(&p.primary_keyword, &c.primary_keyword)
        || p.secondary_keywords
            .as_ref()
            .is_some_and(|s| *s != c.secondary_keywords)
        || p.content_type.is_some_and(|t| t != c.content_type)
        || p.content_structure
            .is_some_and(|t| t != c.content_structure)
        || names_differ(&ch.tags, &current.tags)
        || names_differ(&ch.categories, &current.categories)
}

/// Updates a content item (editor+). See the module docs for the status rules; an illegal
/// status move is `InvalidState` and changes nothing.
pub fn update_content(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    changes: &ContentChanges,
    now: DateTime<Utc>,
) -> Result<ContentItem> {
    scope.require(Role::Editor)?;
    get_content_row(conn, scope, id)?;
    let checked = validate_fields(&changes.fields, false)?;
    conn.transaction(|c| {
        let row: Content = content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id))
            .select(Content::as_select())
            .for_update()
            .first(c)?;
        let current = with_terms(c, scope, vec![row])?
            .pop()
            .ok_or(Error::NotFound)?;
        let mut status = current.content.status;
        if matches!(status, ContentStatus::Approved | ContentStatus::Published)
            && edits_editorial_fields(&current, &checked)
        {
            status = ContentStatus::Draft;
        }
        if let Some(to) = changes.status
            && to != status
        {
            if !status.can_become(to) {
                return Err(Error::InvalidState {
                    from: status.to_string(),
                    to: to.to_string(),
                });
            }
            status = to;
        }
        let mut patch = checked.patch.clone();
        patch.status = Some(status);
        patch.updated_at = Some(now);
        let updated: Content = diesel::update(
            content::table
                .filter(content::account_id.eq(scope.account_id()))
                .filter(content::id.eq(id)),
        )
        .set(&patch)
        .returning(Content::as_returning())
        .get_result(c)
        .map_err(|e| planner_ref_error(e.into()))?;
        write_terms(c, &updated, &checked, now)?;
        Ok::<_, Error>(())
    })?;
    get_content(conn, scope, id)
}

/// Moves a content item from exactly `from` to `to` (editor+), or answers `InvalidState`.
fn transition(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    from: ContentStatus,
    to: ContentStatus,
    now: DateTime<Utc>,
) -> Result<ContentItem> {
    scope.require(Role::Editor)?;
    get_content_row(conn, scope, id)?;
    conn.transaction(|c| {
        let current: ContentStatus = content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id))
            .select(content::status)
            .for_update()
            .first(c)?;
        if current != from {
            return Err(Error::InvalidState {
                from: current.to_string(),
                to: to.to_string(),
            });
        }
        diesel::update(
            content::table
                .filter(content::account_id.eq(scope.account_id()))
                .filter(content::id.eq(id)),
        )
        .set((content::status.eq(to), content::updated_at.eq(now)))
        .execute(c)?;
        Ok::<_, Error>(())
    })?;
    get_content(conn, scope, id)
}

/// `draft` → `review` (editor+).
pub fn submit_for_review(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<ContentItem> {
    transition(
        conn,
        scope,
        id,
        ContentStatus::Draft,
        ContentStatus::Review,
        now,
    )
}

/// `review` → `approved` (editor+).
pub fn approve_content(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    now: DateTime<Utc>,
) -> Result<ContentItem> {
    transition(
        conn,
        scope,
        id,
        ContentStatus::Review,
        ContentStatus::Approved,
        now,
    )
}

/// Deletes a content item with its image rows and term links (editor+). Image files stay in
/// the media store: they are content-addressed and may be shared.
pub fn delete_content(conn: &mut PgConnection, scope: &Scope, id: ContentId) -> Result<()> {
    scope.require(Role::Editor)?;
    get_content_row(conn, scope, id)?;
    diesel::delete(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes the visible content among `ids` (editor+); others are ignored. Returns how many.
pub fn bulk_delete_content(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[ContentId],
) -> Result<usize> {
    scope.require(Role::Editor)?;
    check_bulk_ids(ids)?;
    let targets: Vec<ContentId> = base(conn, scope)?
        .filter(content::id.eq_any(ids))
        .select(content::id)
        .load(conn)?;
    Ok(diesel::delete(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::id.eq_any(targets)),
    )
    .execute(conn)?)
}

/// Content list filters.
#[derive(Debug, Clone, Default)]
pub struct ContentFilter {
    /// Only this site.
    pub site_id: Option<SiteId>,
    /// Only this sector.
    pub sector_id: Option<SectorId>,
    /// Editorial status.
    pub status: Option<ContentStatus>,
    /// Publishing status.
    pub site_status: Option<SiteStatus>,
    /// Content type.
    pub content_type: Option<ContentType>,
    /// Content structure.
    pub content_structure: Option<ContentStructure>,
    /// Source.
    pub source: Option<ContentSource>,
    /// Cluster.
    pub cluster_id: Option<ClusterId>,
    /// Task.
    pub task_id: Option<TaskId>,
    /// Case-insensitive substring of the title or primary keyword.
    pub search: Option<String>,
}

/// Sortable content fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentOrder {
    /// Title (case-insensitive).
    Title,
    /// Creation time.
    CreatedAt,
    /// Last change.
    UpdatedAt,
    /// Word count.
    WordCount,
    /// Editorial status name.
    Status,
}

/// The allow-list for `?ordering=`.
pub const CONTENT_ORDERING: &[(&str, ContentOrder)] = &[
    ("title", ContentOrder::Title),
    ("created_at", ContentOrder::CreatedAt),
    ("updated_at", ContentOrder::UpdatedAt),
    ("word_count", ContentOrder::WordCount),
    ("status", ContentOrder::Status),
];

/// The default list order: newest first.
pub const CONTENT_DEFAULT_ORDER: Order<ContentOrder> = Order {
    field: ContentOrder::CreatedAt,
    descending: true,
};

fn filtered<'a>(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ContentFilter,
) -> Result<content::BoxedQuery<'a, Pg>> {
    let mut q = base(conn, scope)?;
    if let Some(s) = f.site_id {
        q = q.filter(content::site_id.eq(s));
    }
    if let Some(s) = f.sector_id {
        q = q.filter(content::sector_id.eq(s));
    }
    if let Some(s) = f.status {
        q = q.filter(content::status.eq(s));
    }
    if let Some(s) = f.site_status {
        q = q.filter(content::site_status.eq(s));
    }
    if let Some(t) = f.content_type {
        q = q.filter(content::content_type.eq(t));
    }
    if let Some(t) = f.content_structure {
        q = q.filter(content::content_structure.eq(t));
    }
    if let Some(s) = f.source {
        q = q.filter(content::source.eq(s));
    }
    if let Some(c) = f.cluster_id {
        q = q.filter(content::cluster_id.eq(c));
    }
    if let Some(t) = f.task_id {
        q = q.filter(content::task_id.eq(t));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pat = format!("%{}%", escape_like(s));
        q = q.filter(
            content::title
                .ilike(pat.clone())
                .or(content::primary_keyword.ilike(pat)),
        );
    }
    Ok(q)
}

/// Lists the content the scope may see, with terms.
pub fn list_content(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ContentFilter,
    order: Order<ContentOrder>,
    page: PageRequest,
) -> Result<Page<ContentItem>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let q = match (order.field, order.descending) {
        (ContentOrder::Title, false) => q.order(lower(content::title).asc()),
        (ContentOrder::Title, true) => q.order(lower(content::title).desc()),
        (ContentOrder::CreatedAt, false) => q.order(content::created_at.asc()),
        (ContentOrder::CreatedAt, true) => q.order(content::created_at.desc()),
        (ContentOrder::UpdatedAt, false) => q.order(content::updated_at.asc()),
        (ContentOrder::UpdatedAt, true) => q.order(content::updated_at.desc()),
        (ContentOrder::WordCount, false) => q.order(content::word_count.asc()),
        (ContentOrder::WordCount, true) => q.order(content::word_count.desc()),
        (ContentOrder::Status, false) => q.order(content::status.asc()),
        (ContentOrder::Status, true) => q.order(content::status.desc()),
    };
    let q = if order.descending {
        q.then_order_by(content::id.desc())
    } else {
        q.then_order_by(content::id.asc())
    };
    let rows = q
        .limit(page.limit())
        .offset(page.offset())
        .select(Content::as_select())
        .load(conn)?;
    let items = with_terms(conn, scope, rows)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// For `status`, `site_status`, `content_type`, `content_structure`, `source` and
/// `cluster_id`: the values present among visible content matching the *other* filters.
pub fn content_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ContentFilter,
) -> Result<FilterOptions> {
    let statuses: Vec<ContentStatus> = filtered(
        conn,
        scope,
        &ContentFilter {
            status: None,
            ..f.clone()
        },
    )?
    .select(content::status)
    .distinct()
    .load(conn)?;
    let site_statuses: Vec<SiteStatus> = filtered(
        conn,
        scope,
        &ContentFilter {
            site_status: None,
            ..f.clone()
        },
    )?
    .select(content::site_status)
    .distinct()
    .load(conn)?;
    let types: Vec<ContentType> = filtered(
        conn,
        scope,
        &ContentFilter {
            content_type: None,
            ..f.clone()
        },
    )?
    .select(content::content_type)
    .distinct()
    .load(conn)?;
    let structures: Vec<ContentStructure> = filtered(
        conn,
        scope,
        &ContentFilter {
            content_structure: None,
            ..f.clone()
        },
    )?
    .select(content::content_structure)
    .distinct()
    .load(conn)?;
    let sources: Vec<ContentSource> = filtered(
        conn,
        scope,
        &ContentFilter {
            source: None,
            ..f.clone()
        },
    )?
    .select(content::source)
    .distinct()
    .load(conn)?;
    let clusters: Vec<Option<ClusterId>> = filtered(
        conn,
        scope,
        &ContentFilter {
            cluster_id: None,
            ..f.clone()
        },
    )?
    .select(content::cluster_id)
    .distinct()
    .load(conn)?;
    Ok(vec![
        ("status", options_in_order(ContentStatus::ALL, &statuses)),
        (
            "site_status",
            options_in_order(SiteStatus::ALL, &site_statuses),
        ),
        ("content_type", options_in_order(ContentType::ALL, &types)),
        (
            "content_structure",
            options_in_order(ContentStructure::ALL, &structures),
        ),
        ("source", options_in_order(ContentSource::ALL, &sources)),
        (
            "cluster_id",
            crate::tasks::cluster_options(conn, scope, clusters)?,
        ),
    ])
}
