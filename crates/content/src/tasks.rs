//! Writer tasks: what to write for a site and sector, with a small status machine
//! (see [`TaskStatus::can_become`]).

use crate::model::{
    ContentStructure, ContentType, FilterOption, FilterOptions, StringList, Task, TaskStatus,
};
use crate::util::{
    MAX_KEYWORD, MAX_TITLE, check_bulk_ids, clean_list, options_in_order, planner_ref_error,
};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::tasks;
use db::sql::lower;
use diesel::pg::Pg;
use diesel::prelude::*;
use kernel::{
    ClusterId, FieldErrors, IdeaId, Order, Page, PageRequest, Role, SectorId, SiteId, TaskId,
};
use std::collections::BTreeSet;
use tenancy::Scope;
use tenancy::sites::{require_site_sector, visible_site_ids};
use tenancy::users::escape_like;

/// Longest task description.
const MAX_DESCRIPTION: usize = 20_000;
/// Longest comma-separated keyword text.
const MAX_KEYWORDS_TEXT: usize = 5_000;
/// Largest target word count.
const MAX_WORD_COUNT: i32 = 100_000;

/// The editable fields of a task; `None` leaves a field as it is (or at its default on create).
#[derive(Debug, Clone, Default)]
pub struct TaskFields {
    /// Planner cluster; `Some(None)` clears it.
    pub cluster_id: Option<Option<ClusterId>>,
    /// Working title (required on create).
    pub title: Option<String>,
    /// Brief.
    pub description: Option<String>,
    /// Outline (a JSON object); `Some(None)` clears it.
    pub outline: Option<Option<serde_json::Value>>,
    /// Comma-separated keywords.
    pub keywords: Option<String>,
    /// Primary keyword.
    pub primary_keyword: Option<String>,
    /// Secondary keywords.
    pub secondary_keywords: Option<Vec<String>>,
    /// Content type (default `post`).
    pub content_type: Option<ContentType>,
    /// Content structure (default `article`).
    pub content_structure: Option<ContentStructure>,
    /// Target word count (default 0 = no target).
    pub word_count: Option<i32>,
}

/// A task created by hand. It starts `queued`.
#[derive(Debug, Clone)]
pub struct NewTask {
    /// Site.
    pub site_id: SiteId,
    /// Sector of that site.
    pub sector_id: SectorId,
    /// The fields; `title` is required.
    pub fields: TaskFields,
}

/// A change to a task: fields and/or a status move.
#[derive(Debug, Clone, Default)]
pub struct TaskChanges {
    /// Field changes.
    pub fields: TaskFields,
    /// New status, checked against [`TaskStatus::can_become`].
    pub status: Option<TaskStatus>,
}

/// What a bulk update may set on many tasks at once.
#[derive(Debug, Clone, Default)]
pub struct TaskBulkChanges {
    /// New status for every task (each must be allowed to make the move, or nothing changes).
    pub status: Option<TaskStatus>,
    /// New cluster; `Some(None)` clears it.
    pub cluster_id: Option<Option<ClusterId>>,
    /// New content type.
    pub content_type: Option<ContentType>,
    /// New content structure.
    pub content_structure: Option<ContentStructure>,
}

/// One idea turned into a task by the planner's `ideas/create_tasks/`.
#[derive(Debug, Clone)]
pub struct NewTaskFromIdea {
    /// The idea (at most one task per idea).
    pub idea_id: IdeaId,
    /// The idea's site.
    pub site_id: SiteId,
    /// The idea's sector.
    pub sector_id: SectorId,
    /// The idea's cluster.
    pub cluster_id: Option<ClusterId>,
    /// The idea's title.
    pub title: String,
    /// The idea's description.
    pub description: String,
    /// The idea's outline (`{"sections": [...]}`).
    pub outline: Option<serde_json::Value>,
    /// Comma-separated keywords.
    pub keywords: String,
    /// Primary keyword.
    pub primary_keyword: String,
    /// Secondary keywords.
    pub secondary_keywords: Vec<String>,
    /// Content type.
    pub content_type: ContentType,
    /// Content structure.
    pub content_structure: ContentStructure,
    /// Estimated word count.
    pub word_count: i32,
}

#[derive(Insertable)]
#[diesel(table_name = tasks)]
struct TaskRow {
    account_id: kernel::AccountId,
    site_id: SiteId,
    sector_id: SectorId,
    cluster_id: Option<ClusterId>,
    idea_id: Option<IdeaId>,
    title: String,
    description: String,
    outline: Option<serde_json::Value>,
    keywords: String,
    primary_keyword: String,
    secondary_keywords: StringList,
    content_type: ContentType,
    content_structure: ContentStructure,
    word_count: i32,
    status: TaskStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = tasks)]
struct TaskPatch {
    cluster_id: Option<Option<ClusterId>>,
    title: Option<String>,
    description: Option<String>,
    outline: Option<Option<serde_json::Value>>,
    keywords: Option<String>,
    primary_keyword: Option<String>,
    secondary_keywords: Option<StringList>,
    content_type: Option<ContentType>,
    content_structure: Option<ContentStructure>,
    word_count: Option<i32>,
    status: Option<TaskStatus>,
    updated_at: Option<DateTime<Utc>>,
}

/// Checks and normalises the fields into a patch (trimmed text, cleaned keyword list).
fn validate_fields(f: &TaskFields, creating: bool) -> Result<TaskPatch> {
    let mut e = FieldErrors::new();
    match &f.title {
        Some(t) => e.require_text("title", t, MAX_TITLE),
        None if creating => e.add("title", "This field is required."),
        None => {}
    }
    if let Some(d) = &f.description {
        e.max_len("description", d, MAX_DESCRIPTION);
    }
    if let Some(k) = &f.keywords {
        e.max_len("keywords", k, MAX_KEYWORDS_TEXT);
    }
    if let Some(p) = &f.primary_keyword {
        e.max_len("primary_keyword", p.trim(), MAX_KEYWORD);
    }
    if let Some(Some(o)) = &f.outline
        && !o.is_object()
    {
        e.add(
            "outline",
            "Must be an object such as {\"sections\": [{\"heading\": \"...\", \"notes\": \"...\"}]}.",
        );
    }
    if let Some(w) = f.word_count
        && !(0..=MAX_WORD_COUNT).contains(&w)
    {
        e.add(
            "word_count",
            format!("Must be between 0 and {MAX_WORD_COUNT}."),
        );
    }
    let secondary = f
        .secondary_keywords
        .as_ref()
        .map(|l| StringList(clean_list(&mut e, "secondary_keywords", l)));
    e.into_result()?;
    Ok(TaskPatch {
        cluster_id: f.cluster_id,
        title: f.title.as_ref().map(|t| t.trim().to_owned()),
        description: f.description.as_ref().map(|d| d.trim().to_owned()),
        outline: f.outline.clone(),
        keywords: f.keywords.as_ref().map(|k| k.trim().to_owned()),
        primary_keyword: f.primary_keyword.as_ref().map(|p| p.trim().to_owned()),
        secondary_keywords: secondary,
        content_type: f.content_type,
        content_structure: f.content_structure,
        word_count: f.word_count,
        status: None,
        updated_at: None,
    })
}

fn base<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<tasks::BoxedQuery<'a, Pg>> {
    let mut q = tasks::table
        .filter(tasks::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(tasks::site_id.eq_any(ids));
    }
    Ok(q)
}

/// A task the scope may see, or `NotFound`.
pub fn get_task(conn: &mut PgConnection, scope: &Scope, id: TaskId) -> Result<Task> {
    Ok(base(conn, scope)?
        .filter(tasks::id.eq(id))
        .select(Task::as_select())
        .first(conn)?)
}

/// The ids among `ids` of tasks the scope may see.
fn visible_ids(conn: &mut PgConnection, scope: &Scope, ids: &[TaskId]) -> Result<Vec<TaskId>> {
    Ok(base(conn, scope)?
        .filter(tasks::id.eq_any(ids))
        .select(tasks::id)
        .load(conn)?)
}

/// Creates a task by hand (editor+). It starts `queued`.
pub fn create_task(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &NewTask,
    now: DateTime<Utc>,
) -> Result<Task> {
    scope.require(Role::Editor)?;
    let p = validate_fields(&input.fields, true)?;
    require_site_sector(conn, scope, input.site_id, input.sector_id)?;
    let row = TaskRow {
        account_id: scope.account_id(),
        site_id: input.site_id,
        sector_id: input.sector_id,
        cluster_id: p.cluster_id.flatten(),
        idea_id: None,
        title: p.title.unwrap_or_default(),
        description: p.description.unwrap_or_default(),
        outline: p.outline.flatten(),
        keywords: p.keywords.unwrap_or_default(),
        primary_keyword: p.primary_keyword.unwrap_or_default(),
        secondary_keywords: p.secondary_keywords.unwrap_or_default(),
        content_type: p.content_type.unwrap_or(ContentType::Post),
        content_structure: p.content_structure.unwrap_or(ContentStructure::Article),
        word_count: p.word_count.unwrap_or(0),
        status: TaskStatus::Queued,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(tasks::table)
        .values(&row)
        .returning(Task::as_returning())
        .get_result(conn)
        .map_err(|e| planner_ref_error(e.into()))
}

/// Updates a task's fields and/or status (editor+). An illegal status move is `InvalidState`
/// and changes nothing.
pub fn update_task(
    conn: &mut PgConnection,
    scope: &Scope,
    id: TaskId,
    changes: &TaskChanges,
    now: DateTime<Utc>,
) -> Result<Task> {
    scope.require(Role::Editor)?;
    get_task(conn, scope, id)?;
    let mut patch = validate_fields(&changes.fields, false)?;
    patch.updated_at = Some(now);
    conn.transaction(|c| {
        let current: TaskStatus = tasks::table
            .filter(tasks::account_id.eq(scope.account_id()))
            .filter(tasks::id.eq(id))
            .select(tasks::status)
            .for_update()
            .first(c)?;
        if let Some(to) = changes.status {
            if !current.can_become(to) {
                return Err(Error::InvalidState {
                    from: current.to_string(),
                    to: to.to_string(),
                });
            }
            patch.status = Some(to);
        }
        diesel::update(
            tasks::table
                .filter(tasks::account_id.eq(scope.account_id()))
                .filter(tasks::id.eq(id)),
        )
        .set(&patch)
        .returning(Task::as_returning())
        .get_result(c)
        .map_err(|e| planner_ref_error(e.into()))
    })
}

/// Moves one task to a status (editor+; the AI engine uses it with a job scope).
pub fn set_task_status(
    conn: &mut PgConnection,
    scope: &Scope,
    id: TaskId,
    status: TaskStatus,
    now: DateTime<Utc>,
) -> Result<Task> {
    update_task(
        conn,
        scope,
        id,
        &TaskChanges {
            status: Some(status),
            ..Default::default()
        },
        now,
    )
}

/// Deletes a task (editor+). Content written for it stays, with `task_id` cleared.
pub fn delete_task(conn: &mut PgConnection, scope: &Scope, id: TaskId) -> Result<()> {
    scope.require(Role::Editor)?;
    get_task(conn, scope, id)?;
    diesel::delete(
        tasks::table
            .filter(tasks::account_id.eq(scope.account_id()))
            .filter(tasks::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes the visible tasks among `ids` (editor+); others are ignored. Returns how many.
pub fn bulk_delete_tasks(conn: &mut PgConnection, scope: &Scope, ids: &[TaskId]) -> Result<usize> {
    scope.require(Role::Editor)?;
    check_bulk_ids(ids)?;
    let targets = visible_ids(conn, scope, ids)?;
    Ok(diesel::delete(
        tasks::table
            .filter(tasks::account_id.eq(scope.account_id()))
            .filter(tasks::id.eq_any(targets)),
    )
    .execute(conn)?)
}

/// Applies the same change to the visible tasks among `ids` (editor+); others are ignored.
/// With a status, every targeted task must be allowed the move, otherwise nothing changes and
/// the first offending status is reported as `InvalidState`. Returns how many tasks changed.
pub fn bulk_update_tasks(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[TaskId],
    changes: &TaskBulkChanges,
    now: DateTime<Utc>,
) -> Result<usize> {
    scope.require(Role::Editor)?;
    check_bulk_ids(ids)?;
    if changes.status.is_none()
        && changes.cluster_id.is_none()
        && changes.content_type.is_none()
        && changes.content_structure.is_none()
    {
        return Err(FieldErrors::single(
            "non_field_errors",
            "Give at least one of status, cluster_id, content_type, content_structure.",
        )
        .into());
    }
    let targets = visible_ids(conn, scope, ids)?;
    conn.transaction(|c| {
        let current: Vec<TaskStatus> = tasks::table
            .filter(tasks::account_id.eq(scope.account_id()))
            .filter(tasks::id.eq_any(&targets))
            .select(tasks::status)
            .for_update()
            .load(c)?;
        if let Some(to) = changes.status
            && let Some(from) = current.iter().find(|s| !s.can_become(to))
        {
            return Err(Error::InvalidState {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        let patch = TaskPatch {
            cluster_id: changes.cluster_id,
            content_type: changes.content_type,
            content_structure: changes.content_structure,
            status: changes.status,
            updated_at: Some(now),
            ..Default::default()
        };
        diesel::update(
            tasks::table
                .filter(tasks::account_id.eq(scope.account_id()))
                .filter(tasks::id.eq_any(&targets)),
        )
        .set(&patch)
        .execute(c)
        .map_err(|e| planner_ref_error(e.into()))
    })
}

/// Task list filters.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Only this site.
    pub site_id: Option<SiteId>,
    /// Only this sector.
    pub sector_id: Option<SectorId>,
    /// Status.
    pub status: Option<TaskStatus>,
    /// Cluster.
    pub cluster_id: Option<ClusterId>,
    /// Idea.
    pub idea_id: Option<IdeaId>,
    /// Content type.
    pub content_type: Option<ContentType>,
    /// Content structure.
    pub content_structure: Option<ContentStructure>,
    /// Case-insensitive substring of the title or keywords.
    pub search: Option<String>,
}

/// Sortable task fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskOrder {
    /// Title (case-insensitive).
    Title,
    /// Creation time.
    CreatedAt,
    /// Last change.
    UpdatedAt,
    /// Status name.
    Status,
    /// Target word count.
    WordCount,
}

/// The allow-list for `?ordering=`.
pub const TASK_ORDERING: &[(&str, TaskOrder)] = &[
    ("title", TaskOrder::Title),
    ("created_at", TaskOrder::CreatedAt),
    ("updated_at", TaskOrder::UpdatedAt),
    ("status", TaskOrder::Status),
    ("word_count", TaskOrder::WordCount),
];

/// The default list order: newest first.
pub const TASK_DEFAULT_ORDER: Order<TaskOrder> = Order {
    field: TaskOrder::CreatedAt,
    descending: true,
};

fn filtered<'a>(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TaskFilter,
) -> Result<tasks::BoxedQuery<'a, Pg>> {
    let mut q = base(conn, scope)?;
    if let Some(s) = f.site_id {
        q = q.filter(tasks::site_id.eq(s));
    }
    if let Some(s) = f.sector_id {
        q = q.filter(tasks::sector_id.eq(s));
    }
    if let Some(s) = f.status {
        q = q.filter(tasks::status.eq(s));
    }
    if let Some(c) = f.cluster_id {
        q = q.filter(tasks::cluster_id.eq(c));
    }
    if let Some(i) = f.idea_id {
        q = q.filter(tasks::idea_id.eq(i));
    }
    if let Some(t) = f.content_type {
        q = q.filter(tasks::content_type.eq(t));
    }
    if let Some(t) = f.content_structure {
        q = q.filter(tasks::content_structure.eq(t));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pat = format!("%{}%", escape_like(s));
        q = q.filter(
            tasks::title
                .ilike(pat.clone())
                .or(tasks::keywords.ilike(pat.clone()))
                .or(tasks::primary_keyword.ilike(pat)),
        );
    }
    Ok(q)
}

/// Lists the tasks the scope may see.
pub fn list_tasks(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TaskFilter,
    order: Order<TaskOrder>,
    page: PageRequest,
) -> Result<Page<Task>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let q = match (order.field, order.descending) {
        (TaskOrder::Title, false) => q.order(lower(tasks::title).asc()),
        (TaskOrder::Title, true) => q.order(lower(tasks::title).desc()),
        (TaskOrder::CreatedAt, false) => q.order(tasks::created_at.asc()),
        (TaskOrder::CreatedAt, true) => q.order(tasks::created_at.desc()),
        (TaskOrder::UpdatedAt, false) => q.order(tasks::updated_at.asc()),
        (TaskOrder::UpdatedAt, true) => q.order(tasks::updated_at.desc()),
        (TaskOrder::Status, false) => q.order(tasks::status.asc()),
        (TaskOrder::Status, true) => q.order(tasks::status.desc()),
        (TaskOrder::WordCount, false) => q.order(tasks::word_count.asc()),
        (TaskOrder::WordCount, true) => q.order(tasks::word_count.desc()),
    };
    let q = if order.descending {
        q.then_order_by(tasks::id.desc())
    } else {
        q.then_order_by(tasks::id.asc())
    };
    let items = q
        .limit(page.limit())
        .offset(page.offset())
        .select(Task::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// For `status`, `content_type`, `content_structure` and `cluster_id`: the values present
/// among visible tasks matching the *other* filters.
pub fn task_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TaskFilter,
) -> Result<FilterOptions> {
    let statuses: Vec<TaskStatus> = filtered(
        conn,
        scope,
        &TaskFilter {
            status: None,
            ..f.clone()
        },
    )?
    .select(tasks::status)
    .distinct()
    .load(conn)?;
    let types: Vec<ContentType> = filtered(
        conn,
        scope,
        &TaskFilter {
            content_type: None,
            ..f.clone()
        },
    )?
    .select(tasks::content_type)
    .distinct()
    .load(conn)?;
    let structures: Vec<ContentStructure> = filtered(
        conn,
        scope,
        &TaskFilter {
            content_structure: None,
            ..f.clone()
        },
    )?
    .select(tasks::content_structure)
    .distinct()
    .load(conn)?;
    let clusters: Vec<Option<ClusterId>> = filtered(
        conn,
        scope,
        &TaskFilter {
            cluster_id: None,
            ..f.clone()
        },
    )?
    .select(tasks::cluster_id)
    .distinct()
    .load(conn)?;
    Ok(vec![
        ("status", options_in_order(TaskStatus::ALL, &statuses)),
        ("content_type", options_in_order(ContentType::ALL, &types)),
        (
            "content_structure",
            options_in_order(ContentStructure::ALL, &structures),
        ),
        ("cluster_id", cluster_options(conn, scope, clusters)?),
    ])
}

/// Cluster options labelled by the planner's cluster names (one query for all of them).
pub(crate) fn cluster_options(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: Vec<Option<ClusterId>>,
) -> Result<Vec<FilterOption>> {
    let ids: BTreeSet<ClusterId> = ids.into_iter().flatten().collect();
    let names: std::collections::HashMap<ClusterId, String> = db::schema::clusters::table
        .filter(db::schema::clusters::account_id.eq(scope.account_id()))
        .filter(db::schema::clusters::id.eq_any(ids.iter().copied().collect::<Vec<_>>()))
        .select((db::schema::clusters::id, db::schema::clusters::name))
        .load::<(ClusterId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(ids
        .into_iter()
        .map(|c| FilterOption {
            value: c.to_string(),
            label: names
                .get(&c)
                .cloned()
                .unwrap_or_else(|| format!("Cluster {c}")),
        })
        .collect())
}

/// Turns planner ideas into queued tasks (editor+), at most one task per idea: an idea that
/// already has a task (from an earlier call, or repeated in `ideas`) makes no second one.
/// Returns the tasks this call created, in input order. Every idea's site and sector must be
/// visible to the scope and belong together, or nothing is created.
pub fn create_tasks_from_ideas(
    conn: &mut PgConnection,
    scope: &Scope,
    ideas: &[NewTaskFromIdea],
    now: DateTime<Utc>,
) -> Result<Vec<Task>> {
    scope.require(Role::Editor)?;
    let mut e = FieldErrors::new();
    let mut rows: Vec<TaskRow> = Vec::with_capacity(ideas.len());
    let mut seen: BTreeSet<IdeaId> = BTreeSet::new();
    let mut pairs: BTreeSet<(SiteId, SectorId)> = BTreeSet::new();
    for (i, idea) in ideas.iter().enumerate() {
        if !seen.insert(idea.idea_id) {
            continue;
        }
        let fields = TaskFields {
            cluster_id: Some(idea.cluster_id),
            title: Some(idea.title.clone()),
            description: Some(idea.description.clone()),
            outline: Some(idea.outline.clone()),
            keywords: Some(idea.keywords.clone()),
            primary_keyword: Some(idea.primary_keyword.clone()),
            secondary_keywords: Some(idea.secondary_keywords.clone()),
            content_type: Some(idea.content_type),
            content_structure: Some(idea.content_structure),
            word_count: Some(idea.word_count),
        };
        let p = match validate_fields(&fields, true) {
            Ok(p) => p,
            Err(Error::Validation(fe)) => {
                for (field, msgs) in fe.fields() {
                    for m in msgs {
                        e.add(format!("ideas[{i}].{field}"), m.clone());
                    }
                }
                continue;
            }
            Err(other) => return Err(other),
        };
        pairs.insert((idea.site_id, idea.sector_id));
        rows.push(TaskRow {
            account_id: scope.account_id(),
            site_id: idea.site_id,
            sector_id: idea.sector_id,
            cluster_id: idea.cluster_id,
            idea_id: Some(idea.idea_id),
            title: p.title.unwrap_or_default(),
            description: p.description.unwrap_or_default(),
            outline: p.outline.flatten(),
            keywords: p.keywords.unwrap_or_default(),
            primary_keyword: p.primary_keyword.unwrap_or_default(),
            secondary_keywords: p.secondary_keywords.unwrap_or_default(),
            content_type: idea.content_type,
            content_structure: idea.content_structure,
            word_count: idea.word_count,
            status: TaskStatus::Queued,
            created_at: now,
            updated_at: now,
        });
    }
    e.into_result()?;
    if rows.is_empty() {
        return Ok(vec![]);
    }
    for (site, sector) in pairs {
        require_site_sector(conn, scope, site, sector)?;
    }
    // The partial unique index on (account_id, idea_id) makes this idempotent, also against a
    // concurrent call: a conflicting row is skipped, not an error.
    let created: Vec<Task> = diesel::insert_into(tasks::table)
        .values(&rows)
        .on_conflict_do_nothing()
        .returning(Task::as_returning())
        .get_results(conn)
        .map_err(|e| planner_ref_error(e.into()))?;
    let mut ordered = Vec::with_capacity(created.len());
    for r in &rows {
        if let Some(t) = created.iter().find(|t| t.idea_id == r.idea_id) {
            ordered.push(t.clone());
        }
    }
    Ok(ordered)
}
