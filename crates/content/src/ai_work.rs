//! The writer's side of AI work: what article, image-prompt and image generation read, how
//! their answers are saved, and what the automation pipeline finds pending on a site.
//!
//! Saves run inside the caller's transaction (the orchestrator commits them together with the
//! credit charge); none of them calls a provider.

use crate::content::{ContentFields, NewContent};
use crate::images::{ImagePrompt, ImageUpload};
use crate::model::{Content, ContentStatus, Image, ImageStatus, Task, TaskStatus};
use crate::storage::MediaStore;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{content, images, tasks};
use diesel::prelude::*;
use kernel::{ContentId, ImageId, SiteId, TaskId};
use std::collections::HashSet;
use tenancy::Scope;
use tenancy::sites::visible_site_ids;

fn keep_order<T: Copy + Eq + std::hash::Hash>(ids: &[T], found: &HashSet<T>) -> Vec<T> {
    let mut seen = HashSet::new();
    ids.iter()
        .copied()
        .filter(|i| found.contains(i) && seen.insert(*i))
        .collect()
}

macro_rules! visible_ids_fn {
    ($(#[$doc:meta])* $name:ident, $table:ident, $id:ty) => {
        $(#[$doc])*
        pub fn $name(conn: &mut PgConnection, scope: &Scope, ids: &[$id]) -> Result<Vec<$id>> {
            let mut q = $table::table
                .filter($table::account_id.eq(scope.account_id()))
                .filter($table::id.eq_any(ids))
                .into_boxed();
            if let Some(sites) = visible_site_ids(conn, scope)? {
                q = q.filter($table::site_id.eq_any(sites));
            }
            let found: HashSet<$id> = q.select($table::id).load(conn)?.into_iter().collect();
            Ok(keep_order(ids, &found))
        }
    };
}

visible_ids_fn!(
    /// The ids among `ids` of writer tasks the scope may see, in the given order.
    visible_task_ids,
    tasks,
    TaskId
);
visible_ids_fn!(
    /// The ids among `ids` of content items the scope may see, in the given order.
    visible_content_ids,
    content,
    ContentId
);
visible_ids_fn!(
    /// The ids among `ids` of images the scope may see, in the given order.
    visible_image_ids,
    images,
    ImageId
);

fn not_found_is_none<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::NotFound | Error::Tenancy(tenancy::Error::NotFound)) => Ok(None),
        Err(e) => Err(e),
    }
}

fn has_content(conn: &mut PgConnection, scope: &Scope, task: TaskId) -> Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::task_id.eq(task)),
    ))
    .get_result(conn)?)
}

/// What article generation does with a task.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskToWrite {
    /// Write it.
    Write(Box<Task>),
    /// It has an article already (at most one per task).
    AlreadyWritten,
    /// Missing or not visible.
    Missing,
}

/// The task an article is to be written for.
pub fn task_to_write(conn: &mut PgConnection, scope: &Scope, id: TaskId) -> Result<TaskToWrite> {
    let Some(task) = not_found_is_none(crate::tasks::get_task(conn, scope, id))? else {
        return Ok(TaskToWrite::Missing);
    };
    if has_content(conn, scope, id)? {
        return Ok(TaskToWrite::AlreadyWritten);
    }
    Ok(TaskToWrite::Write(Box::new(task)))
}

/// Saves a generated article for a task: the task row is locked (two runs writing for the same
/// task serialize), a task that has an article meanwhile (or is gone) gets none (`None`),
/// otherwise a `draft` content item is created and the task moves to `completed`. Runs in the
/// caller's transaction.
pub fn save_generated_article(
    conn: &mut PgConnection,
    scope: &Scope,
    task: &Task,
    fields: &ContentFields,
    now: DateTime<Utc>,
) -> Result<Option<ContentId>> {
    let status: Option<TaskStatus> = tasks::table
        .filter(tasks::account_id.eq(scope.account_id()))
        .filter(tasks::id.eq(task.id))
        .select(tasks::status)
        .for_update()
        .first(conn)
        .optional()?;
    let Some(status) = status else {
        return Ok(None);
    };
    if has_content(conn, scope, task.id)? {
        return Ok(None);
    }
    let item = crate::content::create_content(
        conn,
        scope,
        &NewContent {
            site_id: task.site_id,
            sector_id: task.sector_id,
            task_id: Some(task.id),
            fields: fields.clone(),
        },
        now,
    )?;
    let path: &[TaskStatus] = match status {
        TaskStatus::Completed => &[],
        TaskStatus::InProgress => &[TaskStatus::Completed],
        TaskStatus::Queued => &[TaskStatus::InProgress, TaskStatus::Completed],
        TaskStatus::Failed => &[
            TaskStatus::Queued,
            TaskStatus::InProgress,
            TaskStatus::Completed,
        ],
    };
    for s in path {
        crate::tasks::set_task_status(conn, scope, task.id, *s, now)?;
    }
    Ok(Some(item.content.id))
}

/// Marks a writer task `failed` after its article could not be generated (a task already
/// written, completed or gone is left alone). Runs in the caller's transaction or its own.
pub fn mark_task_failed(
    conn: &mut PgConnection,
    scope: &Scope,
    id: TaskId,
    now: DateTime<Utc>,
) -> Result<()> {
    let status: Option<TaskStatus> = tasks::table
        .filter(tasks::account_id.eq(scope.account_id()))
        .filter(tasks::id.eq(id))
        .select(tasks::status)
        .first(conn)
        .optional()?;
    match status {
        Some(s) if s != TaskStatus::Failed && s.can_become(TaskStatus::Failed) => {
            if !has_content(conn, scope, id)? {
                crate::tasks::set_task_status(conn, scope, id, TaskStatus::Failed, now)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Puts the `failed` tasks among `ids` back to `queued`: their article is being asked for
/// again. Returns how many moved.
pub fn requeue_failed_tasks(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[TaskId],
    now: DateTime<Utc>,
) -> Result<usize> {
    let failed: Vec<TaskId> = tasks::table
        .filter(tasks::account_id.eq(scope.account_id()))
        .filter(tasks::id.eq_any(ids))
        .filter(tasks::status.eq(TaskStatus::Failed))
        .select(tasks::id)
        .load(conn)?;
    for id in &failed {
        crate::tasks::set_task_status(conn, scope, *id, TaskStatus::Queued, now)?;
    }
    Ok(failed.len())
}

/// A visible content item whose image prompts are to be written, or `None`.
pub fn content_for_image_prompts(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
) -> Result<Option<Content>> {
    not_found_is_none(crate::content::get_content_row(conn, scope, id))
}

/// Saves generated image prompts as `pending` image rows (an occupied slot keeps its row).
/// Runs in the caller's transaction.
pub fn save_image_prompts(
    conn: &mut PgConnection,
    scope: &Scope,
    content_id: ContentId,
    prompts: &[ImagePrompt],
    now: DateTime<Utc>,
) -> Result<Vec<Image>> {
    crate::images::add_image_prompts(conn, scope, content_id, prompts, now)
}

/// A visible image row to generate, or `None` when it is missing.
pub fn image_to_generate(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ImageId,
) -> Result<Option<Image>> {
    not_found_is_none(crate::images::get_image(conn, scope, id))
}

/// Saves a generated image into its slot (the row becomes `generated`, keeping its prompt).
/// Runs in the caller's transaction; the file is written to the media store first.
pub fn save_generated_image(
    conn: &mut PgConnection,
    scope: &Scope,
    store: &dyn MediaStore,
    image: &Image,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<Image> {
    Ok(crate::images::upload_image(
        conn,
        scope,
        store,
        &ImageUpload {
            content_id: image.content_id,
            image_type: image.image_type,
            position: image.position,
            bytes,
        },
        now,
    )?
    .0)
}

/// Writer tasks of `site` waiting for an article (`queued`, no article yet), oldest first, at
/// most `limit`, with ids above `after` (`TaskId(0)`: all), leaving out `exclude` (items a run
/// already gave up on).
pub fn pending_tasks(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: TaskId,
    exclude: &[TaskId],
) -> Result<Vec<TaskId>> {
    Ok(pending_tasks_query(scope, site)
        .filter(tasks::id.gt(after))
        .filter(tasks::id.ne_all(exclude))
        .order(tasks::id.asc())
        .limit(limit)
        .select(tasks::id)
        .load(conn)?)
}

/// `<table>.status IN ('<status>', ...)` written as literals, not bound parameters: the pending
/// reads run as cached prepared statements, and PostgreSQL's generic plan for those can only use
/// the partial pending indexes when their predicate is visible in the SQL text.
fn status_in(
    table: &str,
    statuses: &[&str],
) -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    let list: Vec<String> = statuses.iter().map(|s| format!("'{s}'")).collect();
    diesel::dsl::sql(&format!("{table}.status IN ({})", list.join(", ")))
}

fn pending_tasks_query<'a>(scope: &Scope, site: SiteId) -> tasks::BoxedQuery<'a, diesel::pg::Pg> {
    let written = diesel::dsl::exists(
        content::table
            .filter(content::account_id.eq(scope.account_id()))
            .filter(content::task_id.eq(tasks::id.nullable())),
    );
    tasks::table
        .filter(tasks::account_id.eq(scope.account_id()))
        .filter(tasks::site_id.eq(site))
        .filter(status_in("tasks", &[TaskStatus::Queued.as_str()]))
        .filter(diesel::dsl::not(written))
        .into_boxed()
}

/// Draft content of `site` with no image rows yet (waiting for image prompts), oldest first,
/// with ids above `after` (`ContentId(0)`: all).
pub fn pending_image_prompts(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: ContentId,
    exclude: &[ContentId],
) -> Result<Vec<ContentId>> {
    Ok(pending_prompts_query(scope, site)
        .filter(content::id.gt(after))
        .filter(content::id.ne_all(exclude))
        .order(content::id.asc())
        .limit(limit)
        .select(content::id)
        .load(conn)?)
}

fn pending_prompts_query<'a>(
    scope: &Scope,
    site: SiteId,
) -> content::BoxedQuery<'a, diesel::pg::Pg> {
    let with_images = diesel::dsl::exists(
        images::table
            .filter(images::account_id.eq(scope.account_id()))
            .filter(images::content_id.eq(content::id)),
    );
    content::table
        .filter(content::account_id.eq(scope.account_id()))
        .filter(content::site_id.eq(site))
        .filter(status_in("content", &[ContentStatus::Draft.as_str()]))
        .filter(diesel::dsl::not(with_images))
        .into_boxed()
}

/// Image rows of `site` waiting for generation (`pending`), oldest first, with ids above `after`
/// (`ImageId(0)`: all).
pub fn pending_images(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: ImageId,
    exclude: &[ImageId],
) -> Result<Vec<ImageId>> {
    Ok(images::table
        .filter(images::account_id.eq(scope.account_id()))
        .filter(images::site_id.eq(site))
        .filter(status_in("images", &[ImageStatus::Pending.as_str()]))
        .filter(images::id.gt(after))
        .filter(images::id.ne_all(exclude))
        .order(images::id.asc())
        .limit(limit)
        .select(images::id)
        .load(conn)?)
}

fn review_query<'a>(scope: &Scope, site: SiteId) -> content::BoxedQuery<'a, diesel::pg::Pg> {
    let unfinished_images = diesel::dsl::exists(
        images::table
            .filter(images::account_id.eq(scope.account_id()))
            .filter(images::content_id.eq(content::id))
            .filter(images::status.eq_any([ImageStatus::Pending, ImageStatus::Generating])),
    );
    content::table
        .filter(content::account_id.eq(scope.account_id()))
        .filter(content::site_id.eq(site))
        .filter(status_in(
            "content",
            &[
                ContentStatus::Draft.as_str(),
                ContentStatus::Review.as_str(),
            ],
        ))
        .filter(diesel::dsl::not(unfinished_images))
        .into_boxed()
}

/// Draft and in-review content of `site` whose images are all finished (ready for the review
/// stage), oldest first, with ids above `after` (`ContentId(0)`: all).
pub fn pending_review(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: ContentId,
    exclude: &[ContentId],
) -> Result<Vec<ContentId>> {
    Ok(review_query(scope, site)
        .filter(content::id.gt(after))
        .filter(content::id.ne_all(exclude))
        .order(content::id.asc())
        .limit(limit)
        .select(content::id)
        .load(conn)?)
}

/// Draft content of `site` that waits for a person's review, oldest first (what a review stage
/// without auto-approval hands over), with ids above `after` (`ContentId(0)`: all).
pub fn drafts_ready_for_review(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: ContentId,
) -> Result<Vec<ContentId>> {
    Ok(review_query(scope, site)
        .filter(content::id.gt(after))
        .filter(content::status.eq(ContentStatus::Draft))
        .order(content::id.asc())
        .limit(limit)
        .select(content::id)
        .load(conn)?)
}

/// What the review stage did with one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    /// Now `approved`.
    Approved,
    /// Now `review`, waiting for a person.
    AwaitingReview,
    /// Missing, or in another status meanwhile.
    Skipped,
}

/// Moves a content item along the review flow: `draft` → `review`, then, with `approve`,
/// → `approved`. Runs in the caller's transaction.
pub fn review_content(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ContentId,
    approve: bool,
    now: DateTime<Utc>,
) -> Result<Reviewed> {
    let Some(item) = not_found_is_none(crate::content::get_content_row(conn, scope, id))? else {
        return Ok(Reviewed::Skipped);
    };
    match item.status {
        ContentStatus::Draft => {
            crate::content::submit_for_review(conn, scope, id, now)?;
        }
        ContentStatus::Review => {}
        ContentStatus::Approved | ContentStatus::Published => return Ok(Reviewed::Skipped),
    }
    if !approve {
        return Ok(Reviewed::AwaitingReview);
    }
    crate::content::approve_content(conn, scope, id, now)?;
    Ok(Reviewed::Approved)
}

/// How much writer work waits on a site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriterBacklog {
    /// Tasks waiting for an article.
    pub tasks: i64,
    /// Drafts waiting for image prompts.
    pub image_prompts: i64,
    /// Images waiting for generation.
    pub images: i64,
    /// Content ready for review.
    pub review: i64,
}

/// The writer backlog of a site (four counts).
pub fn backlog(conn: &mut PgConnection, scope: &Scope, site: SiteId) -> Result<WriterBacklog> {
    let tasks = pending_tasks_query(scope, site).count().get_result(conn)?;
    let image_prompts = pending_prompts_query(scope, site)
        .count()
        .get_result(conn)?;
    let images = images::table
        .filter(images::account_id.eq(scope.account_id()))
        .filter(images::site_id.eq(site))
        .filter(images::status.eq(ImageStatus::Pending))
        .count()
        .get_result(conn)?;
    let review = review_query(scope, site).count().get_result(conn)?;
    Ok(WriterBacklog {
        tasks,
        image_prompts,
        images,
        review,
    })
}
