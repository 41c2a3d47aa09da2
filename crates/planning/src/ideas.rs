//! Content ideas of a site's sector: title, description, an outline of ordered sections, the
//! keywords they target, and how they will be written. Turning ideas into writer tasks belongs
//! to the writer.

use crate::keywords::ClusterFilter;
use crate::model::{ContentStructure, ContentType, Idea, IdeaRow, IdeaStatus, Outline};
use crate::{Error, Result, scope_rules};
use chrono::{DateTime, Utc};
use db::schema::{clusters, content_ideas, idea_keywords, keywords};
use diesel::pg::Pg;
use diesel::prelude::*;
use kernel::{
    ClusterId, FieldErrors, IdeaId, KeywordId, Order, Page, PageRequest, Role, SectorId, SiteId,
};
use std::collections::HashMap;
use tenancy::Scope;
use tenancy::users::escape_like;

/// Most outline sections.
pub const MAX_SECTIONS: usize = 50;
/// Most target keywords per idea.
pub const MAX_IDEA_KEYWORDS: usize = 100;

/// Idea list filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdeaFilter {
    /// Site.
    pub site_id: Option<SiteId>,
    /// Sector.
    pub sector_id: Option<SectorId>,
    /// Cluster (or none).
    pub cluster: Option<ClusterFilter>,
    /// Status.
    pub status: Option<IdeaStatus>,
    /// Content type.
    pub content_type: Option<ContentType>,
    /// Content structure.
    pub content_structure: Option<ContentStructure>,
    /// Substring of the title.
    pub search: Option<String>,
}

/// Sortable idea fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaOrder {
    /// Title.
    IdeaTitle,
    /// Creation.
    CreatedAt,
    /// Planned length.
    EstimatedWordCount,
    /// Status.
    Status,
}

/// The allow-list for `?ordering=`.
pub const IDEA_ORDERING: &[(&str, IdeaOrder)] = &[
    ("idea_title", IdeaOrder::IdeaTitle),
    ("created_at", IdeaOrder::CreatedAt),
    ("estimated_word_count", IdeaOrder::EstimatedWordCount),
    ("status", IdeaOrder::Status),
];

/// Newest first.
pub const DEFAULT_IDEA_ORDER: Order<IdeaOrder> = Order {
    field: IdeaOrder::CreatedAt,
    descending: true,
};

type IdeaQuery<'a> = content_ideas::BoxedQuery<'a, Pg>;

fn visible<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<IdeaQuery<'a>> {
    let mut q = content_ideas::table
        .filter(content_ideas::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(content_ideas::site_id.eq_any(ids));
    }
    Ok(q)
}

fn filtered<'a>(conn: &mut PgConnection, scope: &Scope, f: &IdeaFilter) -> Result<IdeaQuery<'a>> {
    let mut q = visible(conn, scope)?;
    if let Some(s) = f.site_id {
        q = q.filter(content_ideas::site_id.eq(s));
    }
    if let Some(s) = f.sector_id {
        q = q.filter(content_ideas::sector_id.eq(s));
    }
    match f.cluster {
        Some(ClusterFilter::Is(c)) => q = q.filter(content_ideas::cluster_id.eq(c)),
        Some(ClusterFilter::Unclustered) => q = q.filter(content_ideas::cluster_id.is_null()),
        None => {}
    }
    if let Some(s) = f.status {
        q = q.filter(content_ideas::status.eq(s));
    }
    if let Some(t) = f.content_type {
        q = q.filter(content_ideas::content_type.eq(t));
    }
    if let Some(t) = f.content_structure {
        q = q.filter(content_ideas::content_structure.eq(t));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(content_ideas::idea_title.ilike(format!("%{}%", escape_like(s))));
    }
    Ok(q)
}

/// Attaches outlines and keyword ids to rows with one query for all of them.
fn hydrate(conn: &mut PgConnection, scope: &Scope, rows: Vec<IdeaRow>) -> Result<Vec<Idea>> {
    let ids: Vec<IdeaId> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(IdeaId, KeywordId)> = idea_keywords::table
        .filter(idea_keywords::account_id.eq(scope.account_id()))
        .filter(idea_keywords::idea_id.eq_any(ids))
        .order((idea_keywords::idea_id.asc(), idea_keywords::position.asc()))
        .select((idea_keywords::idea_id, idea_keywords::keyword_id))
        .load(conn)?;
    let mut by_idea: HashMap<IdeaId, Vec<KeywordId>> = HashMap::new();
    for (i, k) in links {
        by_idea.entry(i).or_default().push(k);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            // The column only ever holds what `validate_outline` accepted; tolerate old shapes.
            let outline = serde_json::from_value(row.outline.clone()).unwrap_or_default();
            let keyword_ids = by_idea.remove(&row.id).unwrap_or_default();
            Idea {
                row,
                outline,
                keyword_ids,
            }
        })
        .collect())
}

/// Lists ideas (two statements for the page: rows, then their keyword links).
pub fn list_ideas(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &IdeaFilter,
    order: Order<IdeaOrder>,
    page: PageRequest,
) -> Result<Page<Idea>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let d = order.descending;
    let q = match order.field {
        IdeaOrder::IdeaTitle if d => q.order(content_ideas::idea_title.desc()),
        IdeaOrder::IdeaTitle => q.order(content_ideas::idea_title.asc()),
        IdeaOrder::CreatedAt if d => q.order(content_ideas::created_at.desc()),
        IdeaOrder::CreatedAt => q.order(content_ideas::created_at.asc()),
        IdeaOrder::EstimatedWordCount if d => q.order(content_ideas::estimated_word_count.desc()),
        IdeaOrder::EstimatedWordCount => q.order(content_ideas::estimated_word_count.asc()),
        IdeaOrder::Status if d => q.order(content_ideas::status.desc()),
        IdeaOrder::Status => q.order(content_ideas::status.asc()),
    };
    let q = if d {
        q.then_order_by(content_ideas::id.desc())
    } else {
        q.then_order_by(content_ideas::id.asc())
    };
    let rows = q
        .limit(page.limit())
        .offset(page.offset())
        .select(IdeaRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: hydrate(conn, scope, rows)?,
        count,
        request: page,
    })
}

/// One visible idea.
pub fn get_idea(conn: &mut PgConnection, scope: &Scope, id: IdeaId) -> Result<Idea> {
    let row = visible(conn, scope)?
        .filter(content_ideas::id.eq(id))
        .select(IdeaRow::as_select())
        .first(conn)?;
    hydrate(conn, scope, vec![row])?
        .pop()
        .ok_or(Error::NotFound)
}

/// Distinct values of the filterable idea fields among ideas matching the other filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdeaFilterOptions {
    /// Statuses.
    pub status: Vec<IdeaStatus>,
    /// Content types.
    pub content_type: Vec<ContentType>,
    /// Content structures.
    pub content_structure: Vec<ContentStructure>,
    /// Clusters with names.
    pub clusters: Vec<(ClusterId, String)>,
    /// True when some matching idea has no cluster.
    pub has_unclustered: bool,
}

/// Computes [`IdeaFilterOptions`].
pub fn idea_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &IdeaFilter,
) -> Result<IdeaFilterOptions> {
    let mut status: Vec<IdeaStatus> = filtered(
        conn,
        scope,
        &IdeaFilter {
            status: None,
            ..f.clone()
        },
    )?
    .select(content_ideas::status)
    .distinct()
    .load(conn)?;
    status.sort();
    let mut content_type: Vec<ContentType> = filtered(
        conn,
        scope,
        &IdeaFilter {
            content_type: None,
            ..f.clone()
        },
    )?
    .select(content_ideas::content_type)
    .distinct()
    .load(conn)?;
    content_type.sort();
    let mut content_structure: Vec<ContentStructure> = filtered(
        conn,
        scope,
        &IdeaFilter {
            content_structure: None,
            ..f.clone()
        },
    )?
    .select(content_ideas::content_structure)
    .distinct()
    .load(conn)?;
    content_structure.sort();
    let cluster_ids: Vec<Option<ClusterId>> = filtered(
        conn,
        scope,
        &IdeaFilter {
            cluster: None,
            ..f.clone()
        },
    )?
    .select(content_ideas::cluster_id)
    .distinct()
    .load(conn)?;
    let has_unclustered = cluster_ids.iter().any(Option::is_none);
    let clusters = clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .filter(clusters::id.eq_any(cluster_ids.into_iter().flatten().collect::<Vec<_>>()))
        .order((clusters::name.asc(), clusters::id.asc()))
        .select((clusters::id, clusters::name))
        .load(conn)?;
    Ok(IdeaFilterOptions {
        status,
        content_type,
        content_structure,
        clusters,
        has_unclustered,
    })
}

/// A new idea.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewIdea {
    /// Site (required).
    pub site_id: Option<SiteId>,
    /// Sector of that site (required).
    pub sector_id: Option<SectorId>,
    /// Cluster of the same sector.
    pub cluster_id: Option<ClusterId>,
    /// Title.
    pub idea_title: String,
    /// Description.
    pub description: Option<String>,
    /// Outline.
    pub outline: Option<Outline>,
    /// Target keywords of the same sector, in order.
    pub keyword_ids: Vec<KeywordId>,
    /// Content type (default `post`).
    pub content_type: Option<ContentType>,
    /// Content structure (default `article`).
    pub content_structure: Option<ContentStructure>,
    /// Planned length (default 1500).
    pub estimated_word_count: Option<i32>,
    /// Status (default `new`).
    pub status: Option<IdeaStatus>,
}

/// Changes to an idea; `keyword_ids` replaces the whole list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdeaChanges {
    /// Cluster; `Some(None)` clears it.
    pub cluster_id: Option<Option<ClusterId>>,
    /// Title.
    pub idea_title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Outline.
    pub outline: Option<Outline>,
    /// Target keywords.
    pub keyword_ids: Option<Vec<KeywordId>>,
    /// Content type.
    pub content_type: Option<ContentType>,
    /// Content structure.
    pub content_structure: Option<ContentStructure>,
    /// Planned length.
    pub estimated_word_count: Option<i32>,
    /// Status.
    pub status: Option<IdeaStatus>,
}

/// Checks an outline: at most [`MAX_SECTIONS`] sections, each with a heading (≤ 300 chars)
/// and notes (≤ 5000 chars). Returns it with texts trimmed.
pub fn validate_outline(e: &mut FieldErrors, o: &Outline) -> Outline {
    if o.sections.len() > MAX_SECTIONS {
        e.add(
            "outline",
            format!("Ensure the outline has at most {MAX_SECTIONS} sections."),
        );
    }
    for (i, s) in o.sections.iter().enumerate() {
        e.require_text(&format!("outline.sections[{i}].heading"), &s.heading, 300);
        e.max_len(&format!("outline.sections[{i}].notes"), &s.notes, 5000);
    }
    Outline {
        sections: o
            .sections
            .iter()
            .map(|s| crate::model::OutlineSection {
                heading: s.heading.trim().to_owned(),
                notes: s.notes.trim().to_owned(),
            })
            .collect(),
    }
}

/// The text and outline rules of a new idea (hand-made or generated); returns the outline to
/// store.
fn check_new_idea(e: &mut FieldErrors, input: &NewIdea) -> Outline {
    check_text(
        e,
        Some(&input.idea_title),
        input.description.as_deref(),
        input.estimated_word_count,
    );
    validate_outline(e, input.outline.as_ref().unwrap_or(&Outline::default()))
}

fn check_text(
    e: &mut FieldErrors,
    title: Option<&str>,
    description: Option<&str>,
    words: Option<i32>,
) {
    if let Some(t) = title {
        e.require_text("idea_title", t, 255);
    }
    if let Some(d) = description {
        e.max_len("description", d, 10_000);
    }
    if words.is_some_and(|w| !(0..=100_000).contains(&w)) {
        e.add(
            "estimated_word_count",
            "Ensure this value is between 0 and 100000.",
        );
    }
}

/// Checks that every keyword id is a visible keyword of the site and sector; returns them
/// without repeats, in the order given.
fn check_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[KeywordId],
    site: SiteId,
    sector: SectorId,
) -> Result<Vec<KeywordId>> {
    let mut seen = std::collections::HashSet::new();
    let ordered: Vec<KeywordId> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
    if ordered.len() > MAX_IDEA_KEYWORDS {
        return Err(FieldErrors::single(
            "keyword_ids",
            format!("Ensure this list has at most {MAX_IDEA_KEYWORDS} ids."),
        )
        .into());
    }
    if ordered.is_empty() {
        return Ok(ordered);
    }
    let found: Vec<KeywordId> = keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::site_id.eq(site))
        .filter(keywords::sector_id.eq(sector))
        .filter(keywords::id.eq_any(&ordered))
        .select(keywords::id)
        .load(conn)?;
    let missing: Vec<String> = ordered
        .iter()
        .filter(|id| !found.contains(id))
        .map(|id| id.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(FieldErrors::single_unknown(
            "keyword_ids",
            format!(
                "Keywords {} are unknown or not in this site and sector.",
                missing.join(", ")
            ),
        )
        .into());
    }
    Ok(ordered)
}

fn link_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    idea: IdeaId,
    site: SiteId,
    sector: SectorId,
    ids: &[KeywordId],
) -> Result<()> {
    diesel::delete(
        idea_keywords::table
            .filter(idea_keywords::account_id.eq(scope.account_id()))
            .filter(idea_keywords::idea_id.eq(idea)),
    )
    .execute(conn)?;
    let rows: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(pos, k)| {
            (
                idea_keywords::account_id.eq(scope.account_id()),
                idea_keywords::site_id.eq(site),
                idea_keywords::sector_id.eq(sector),
                idea_keywords::idea_id.eq(idea),
                idea_keywords::keyword_id.eq(*k),
                idea_keywords::position.eq(pos as i32),
            )
        })
        .collect();
    if !rows.is_empty() {
        diesel::insert_into(idea_keywords::table)
            .values(rows)
            .execute(conn)?;
    }
    Ok(())
}

fn outline_json(o: &Outline) -> Result<serde_json::Value> {
    serde_json::to_value(o)
        .map_err(|e| Error::Validation(FieldErrors::single("outline", e.to_string())))
}

/// Inserts one checked idea row and its keyword links.
#[allow(clippy::too_many_arguments)]
fn insert_row(
    c: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    sector: SectorId,
    input: &NewIdea,
    outline: &serde_json::Value,
    kw: &[KeywordId],
    now: DateTime<Utc>,
) -> Result<IdeaId> {
    let id: IdeaId = diesel::insert_into(content_ideas::table)
        .values((
            content_ideas::account_id.eq(scope.account_id()),
            content_ideas::site_id.eq(site),
            content_ideas::sector_id.eq(sector),
            content_ideas::cluster_id.eq(input.cluster_id),
            content_ideas::idea_title.eq(input.idea_title.trim()),
            content_ideas::description.eq(input.description.as_deref().unwrap_or("").trim()),
            content_ideas::outline.eq(outline),
            content_ideas::content_type.eq(input.content_type.unwrap_or(ContentType::Post)),
            content_ideas::content_structure
                .eq(input.content_structure.unwrap_or(ContentStructure::Article)),
            content_ideas::estimated_word_count.eq(input.estimated_word_count.unwrap_or(1500)),
            content_ideas::status.eq(input.status.unwrap_or(IdeaStatus::New)),
            content_ideas::created_at.eq(now),
            content_ideas::updated_at.eq(now),
        ))
        .returning(content_ideas::id)
        .get_result(c)?;
    link_keywords(c, scope, id, site, sector, kw)?;
    Ok(id)
}

/// Inserts the ideas generated for one or more clusters (editor+), in the caller's transaction:
/// the text and outline rules of [`create_idea`]; site, sector and cluster are the cluster's (it
/// was read through the caller's scope), and the keywords must be the cluster's sector's (the
/// composite foreign key of `idea_keywords` refuses any other). One statement for all the ideas
/// and one for all their keywords; no per-idea re-read. Returns each cluster's ideas, in order.
pub(crate) fn insert_generated_many(
    conn: &mut PgConnection,
    scope: &Scope,
    groups: &[(&crate::model::Cluster, &[NewIdea])],
    now: DateTime<Utc>,
) -> Result<Vec<Vec<IdeaId>>> {
    scope.require(Role::Editor)?;
    let mut rows = Vec::new();
    for (cluster, ideas) in groups {
        for input in *ideas {
            let mut e = FieldErrors::new();
            let outline = check_new_idea(&mut e, input);
            e.into_result()?;
            rows.push((
                content_ideas::account_id.eq(scope.account_id()),
                content_ideas::site_id.eq(cluster.site_id),
                content_ideas::sector_id.eq(cluster.sector_id),
                content_ideas::cluster_id.eq(Some(cluster.id)),
                content_ideas::idea_title.eq(input.idea_title.trim().to_owned()),
                content_ideas::description.eq(input
                    .description
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .to_owned()),
                content_ideas::outline.eq(outline_json(&outline)?),
                content_ideas::content_type.eq(input.content_type.unwrap_or(ContentType::Post)),
                content_ideas::content_structure
                    .eq(input.content_structure.unwrap_or(ContentStructure::Article)),
                content_ideas::estimated_word_count.eq(input.estimated_word_count.unwrap_or(1500)),
                content_ideas::status.eq(input.status.unwrap_or(IdeaStatus::New)),
                content_ideas::created_at.eq(now),
                content_ideas::updated_at.eq(now),
            ));
        }
    }
    if rows.is_empty() {
        return Ok(groups.iter().map(|_| Vec::new()).collect());
    }
    // One statement for the ideas, one for all their keywords. A multi-row INSERT returns its
    // rows in VALUES order (what Django's bulk_create relies on as well).
    let made: Vec<IdeaId> = diesel::insert_into(content_ideas::table)
        .values(rows)
        .returning(content_ideas::id)
        .get_results(conn)?;
    let mut made = made.into_iter();
    let mut out = Vec::with_capacity(groups.len());
    let mut links = Vec::new();
    for (cluster, ideas) in groups {
        let ids: Vec<IdeaId> = made.by_ref().take(ideas.len()).collect();
        for (&idea, input) in ids.iter().zip(*ideas) {
            for (pos, k) in input.keyword_ids.iter().enumerate() {
                links.push((
                    idea_keywords::account_id.eq(scope.account_id()),
                    idea_keywords::site_id.eq(cluster.site_id),
                    idea_keywords::sector_id.eq(cluster.sector_id),
                    idea_keywords::idea_id.eq(idea),
                    idea_keywords::keyword_id.eq(*k),
                    idea_keywords::position.eq(i32::try_from(pos).unwrap_or(i32::MAX)),
                ));
            }
        }
        out.push(ids);
    }
    if !links.is_empty() {
        diesel::insert_into(idea_keywords::table)
            .values(links)
            .execute(conn)?;
    }
    Ok(out)
}

/// Creates an idea (editor+).
pub fn create_idea(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &NewIdea,
    now: DateTime<Utc>,
) -> Result<Idea> {
    scope.require(Role::Editor)?;
    let mut e = FieldErrors::new();
    let outline = check_new_idea(&mut e, input);
    let (site, sector) =
        scope_rules::require_site_sector(conn, scope, input.site_id, input.sector_id, &mut e)?;
    e.into_result()?;
    let (site, sector) = (site.ok_or(Error::NotFound)?, sector.ok_or(Error::NotFound)?);
    if let Some(c) = input.cluster_id {
        scope_rules::require_cluster_in(conn, scope, c, site, sector)?;
    }
    let kw = check_keywords(conn, scope, &input.keyword_ids, site, sector)?;
    let outline = outline_json(&outline)?;
    let id = conn.transaction(|c| insert_row(c, scope, site, sector, input, &outline, &kw, now))?;
    get_idea(conn, scope, id)
}

#[derive(AsChangeset)]
#[diesel(table_name = content_ideas)]
struct IdeaChangeset {
    cluster_id: Option<Option<ClusterId>>,
    idea_title: Option<String>,
    description: Option<String>,
    outline: Option<serde_json::Value>,
    content_type: Option<ContentType>,
    content_structure: Option<ContentStructure>,
    estimated_word_count: Option<i32>,
    status: Option<IdeaStatus>,
    updated_at: DateTime<Utc>,
}

/// Updates an idea (editor+).
pub fn update_idea(
    conn: &mut PgConnection,
    scope: &Scope,
    id: IdeaId,
    ch: &IdeaChanges,
    now: DateTime<Utc>,
) -> Result<Idea> {
    scope.require(Role::Editor)?;
    let current = get_idea(conn, scope, id)?;
    let (site, sector) = (current.row.site_id, current.row.sector_id);
    let mut e = FieldErrors::new();
    check_text(
        &mut e,
        ch.idea_title.as_deref(),
        ch.description.as_deref(),
        ch.estimated_word_count,
    );
    let outline = ch.outline.as_ref().map(|o| validate_outline(&mut e, o));
    e.into_result()?;
    if let Some(Some(c)) = ch.cluster_id {
        scope_rules::require_cluster_in(conn, scope, c, site, sector)?;
    }
    let kw = match &ch.keyword_ids {
        Some(ids) => Some(check_keywords(conn, scope, ids, site, sector)?),
        None => None,
    };
    let set = IdeaChangeset {
        cluster_id: ch.cluster_id,
        idea_title: ch.idea_title.as_deref().map(|t| t.trim().to_owned()),
        description: ch.description.as_deref().map(|d| d.trim().to_owned()),
        outline: outline.as_ref().map(outline_json).transpose()?,
        content_type: ch.content_type,
        content_structure: ch.content_structure,
        estimated_word_count: ch.estimated_word_count,
        status: ch.status,
        updated_at: now,
    };
    conn.transaction(|c| {
        diesel::update(
            content_ideas::table
                .find(id)
                .filter(content_ideas::account_id.eq(scope.account_id())),
        )
        .set(&set)
        .execute(c)?;
        if let Some(kw) = &kw {
            link_keywords(c, scope, id, site, sector, kw)?;
        }
        Ok::<_, Error>(())
    })?;
    get_idea(conn, scope, id)
}

/// Deletes an idea (editor+).
pub fn delete_idea(conn: &mut PgConnection, scope: &Scope, id: IdeaId) -> Result<()> {
    scope.require(Role::Editor)?;
    get_idea(conn, scope, id)?;
    diesel::delete(
        content_ideas::table
            .find(id)
            .filter(content_ideas::account_id.eq(scope.account_id())),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes the caller's visible ideas among `ids` (editor+); others are ignored.
pub fn bulk_delete_ideas(conn: &mut PgConnection, scope: &Scope, ids: &[IdeaId]) -> Result<usize> {
    scope.require(Role::Editor)?;
    let ids = crate::keywords::check_bulk_ids(ids)?;
    let targets: Vec<IdeaId> = visible(conn, scope)?
        .filter(content_ideas::id.eq_any(&ids))
        .select(content_ideas::id)
        .load(conn)?;
    Ok(diesel::delete(
        content_ideas::table
            .filter(content_ideas::account_id.eq(scope.account_id()))
            .filter(content_ideas::id.eq_any(targets)),
    )
    .execute(conn)?)
}

/// The visible ideas among `ids` (others are ignored), locked until the end of the caller's
/// transaction so that two concurrent "create tasks" calls serialize on them.
pub fn lock_ideas(conn: &mut PgConnection, scope: &Scope, ids: &[IdeaId]) -> Result<Vec<Idea>> {
    let visible_ids: Vec<IdeaId> = visible(conn, scope)?
        .filter(content_ideas::id.eq_any(ids))
        .select(content_ideas::id)
        .load(conn)?;
    let rows = content_ideas::table
        .filter(content_ideas::account_id.eq(scope.account_id()))
        .filter(content_ideas::id.eq_any(visible_ids))
        .order(content_ideas::id.asc())
        .select(IdeaRow::as_select())
        .for_update()
        .load(conn)?;
    hydrate(conn, scope, rows)
}

/// Sets the status of the visible ideas among `ids`; returns how many changed.
pub fn set_ideas_status(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[IdeaId],
    status: IdeaStatus,
    now: DateTime<Utc>,
) -> Result<usize> {
    scope.require(kernel::Role::Editor)?;
    let visible_ids: Vec<IdeaId> = visible(conn, scope)?
        .filter(content_ideas::id.eq_any(ids))
        .select(content_ideas::id)
        .load(conn)?;
    Ok(diesel::update(
        content_ideas::table
            .filter(content_ideas::account_id.eq(scope.account_id()))
            .filter(content_ideas::id.eq_any(visible_ids))
            .filter(content_ideas::status.ne(status)),
    )
    .set((
        content_ideas::status.eq(status),
        content_ideas::updated_at.eq(now),
    ))
    .execute(conn)?)
}

/// The texts of the account's keywords among `ids` (one query), for labelling tasks.
pub fn keyword_texts(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[KeywordId],
) -> Result<HashMap<KeywordId, String>> {
    Ok(keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::id.eq_any(ids))
        .select((keywords::id, keywords::keyword))
        .load::<(KeywordId, String)>(conn)?
        .into_iter()
        .collect())
}
