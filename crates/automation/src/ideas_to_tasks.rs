//! Planner → writer: turn content ideas into writer tasks. One task per idea, carrying the
//! idea's title, description, outline, keywords, type, structure and word count; the idea
//! becomes `queued`. Idempotent: an idea that already has a task makes no second one.

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use content::tasks::NewTaskFromIdea;
use diesel::{Connection, PgConnection};
use kernel::{IdeaId, TaskId};
use planning::model::IdeaStatus;
use tenancy::Scope;

/// What a "create tasks" call did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CreatedTasks {
    /// Tasks created now.
    pub created: usize,
    /// Ideas that already had a task (nothing new made for them).
    pub already_queued: usize,
    /// The new tasks' ids.
    pub task_ids: Vec<TaskId>,
}

fn convert<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

/// Creates one task per visible idea among `ids` (others are ignored; none visible → not found)
/// and marks those ideas queued, all in one transaction.
pub fn create_tasks(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[IdeaId],
    now: DateTime<Utc>,
) -> Result<CreatedTasks> {
    scope.require(kernel::Role::Editor)?;
    conn.transaction(|c| {
        let ideas = planning::ideas::lock_ideas(c, scope, ids).map_err(Error::Planning)?;
        if ideas.is_empty() {
            return Err(Error::Tenancy(tenancy::Error::NotFound));
        }
        let all_keywords: Vec<_> = ideas
            .iter()
            .flat_map(|i| i.keyword_ids.iter().copied())
            .collect();
        let texts =
            planning::ideas::keyword_texts(c, scope, &all_keywords).map_err(Error::Planning)?;
        let mut new = Vec::with_capacity(ideas.len());
        for idea in &ideas {
            let words: Vec<String> = idea
                .keyword_ids
                .iter()
                .filter_map(|k| texts.get(k).cloned())
                .collect();
            let primary = words.first().cloned().unwrap_or_default();
            new.push(NewTaskFromIdea {
                idea_id: idea.row.id,
                site_id: idea.row.site_id,
                sector_id: idea.row.sector_id,
                cluster_id: idea.row.cluster_id,
                title: idea.row.idea_title.clone(),
                description: idea.row.description.clone(),
                outline: Some(idea.row.outline.clone()),
                keywords: words.join(", "),
                primary_keyword: primary,
                secondary_keywords: words.iter().skip(1).cloned().collect(),
                content_type: convert(idea.row.content_type.as_str())
                    .unwrap_or(content::model::ContentType::Post),
                content_structure: convert(idea.row.content_structure.as_str())
                    .unwrap_or(content::model::ContentStructure::Article),
                word_count: idea.row.estimated_word_count,
            });
        }
        let made =
            content::tasks::create_tasks_from_ideas(c, scope, &new, now).map_err(Error::Content)?;
        let idea_ids: Vec<IdeaId> = ideas.iter().map(|i| i.row.id).collect();
        planning::ideas::set_ideas_status(c, scope, &idea_ids, IdeaStatus::Queued, now)
            .map_err(Error::Planning)?;
        Ok(CreatedTasks {
            created: made.len(),
            already_queued: ideas.len() - made.len(),
            task_ids: made.iter().map(|t| t.id).collect(),
        })
    })
}
