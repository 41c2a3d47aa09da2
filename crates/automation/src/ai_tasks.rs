//! AI task rows: created with the request (in the transaction that enqueues the job), advanced
//! by the job through its phases, read by `GET /api/v1/system/ai-tasks/{id}/`.

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::ai_tasks;
use diesel::prelude::*;
use kernel::{AccountId, AiTaskId};
use serde::Serialize;
use tenancy::Scope;

/// PostgreSQL channel on which a change of what [`get`] shows is announced (the task's id), by a
/// trigger on `ai_tasks`, when the change commits.
pub const EVENTS_CHANNEL: &str = "ai_task_events";

kernel::text_enum!(
    /// The AI functions.
    Function {
        /// Group keywords into clusters.
        AutoCluster = "auto_cluster",
        /// Ideas for clusters.
        GenerateIdeas = "generate_ideas",
        /// Articles for writer tasks.
        GenerateContent = "generate_content",
        /// Image prompts for content.
        GenerateImagePrompts = "generate_image_prompts",
        /// Images from prompts.
        GenerateImages = "generate_images",
    }
);

impl Function {
    /// What a notification calls the function.
    pub fn label(self) -> &'static str {
        match self {
            Function::AutoCluster => "Keyword clustering",
            Function::GenerateIdeas => "Idea generation",
            Function::GenerateContent => "Content generation",
            Function::GenerateImagePrompts => "Image prompt generation",
            Function::GenerateImages => "Image generation",
        }
    }

    /// The request field holding the ids.
    pub fn ids_field(self) -> &'static str {
        match self {
            Function::AutoCluster => "keyword_ids",
            Function::GenerateIdeas => "cluster_ids",
            Function::GenerateContent
            | Function::GenerateImagePrompts
            | Function::GenerateImages => "ids",
        }
    }
}

kernel::text_enum!(
    /// Where an AI task is in its life.
    Status {
        /// Waiting for the worker.
        Queued = "queued",
        /// Running (or waiting for a retry).
        Running = "running",
        /// Finished; `result` says what was made.
        Completed = "completed",
        /// Gave up; `error` says why.
        Failed = "failed",
    }
);

impl Status {
    /// True once the task will not change any more.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Completed | Status::Failed)
    }
}

kernel::text_enum!(
    /// Phases, in order.
    Phase {
        /// Created, not started.
        Init = "INIT",
        /// Loading inputs.
        Prep = "PREP",
        /// Talking to the provider.
        AiCall = "AI_CALL",
        /// Validating output.
        Parse = "PARSE",
        /// Writing results and charging credits.
        Save = "SAVE",
        /// Finished.
        Done = "DONE",
    }
);

/// What an AI task was asked to do: the ids of its items and the credits estimated when it was
/// accepted. Stored as `{"<ids field>": [...], "estimated_credits": n}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AiTaskInput {
    /// The function's items (keywords, clusters, tasks, content or images).
    pub ids: Vec<i64>,
    /// Credits estimated at request time.
    pub estimated_credits: i64,
}

impl AiTaskInput {
    /// The stored JSON of the input for `function`.
    pub fn to_json(&self, function: Function) -> serde_json::Value {
        serde_json::json!({ function.ids_field(): self.ids, "estimated_credits": self.estimated_credits })
    }

    /// Reads the stored JSON of the input for `function` (missing parts read as empty).
    pub fn from_json(function: Function, v: &serde_json::Value) -> Self {
        AiTaskInput {
            ids: v[function.ids_field()]
                .as_array()
                .map(|a| a.iter().filter_map(serde_json::Value::as_i64).collect())
                .unwrap_or_default(),
            estimated_credits: v["estimated_credits"].as_i64().unwrap_or(0),
        }
    }
}

/// An AI task as stored and served.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = ai_tasks)]
pub struct AiTask {
    /// Id.
    pub id: AiTaskId,
    /// Account.
    #[serde(skip)]
    pub account_id: AccountId,
    /// The function.
    pub function: Function,
    /// Where it is in its life.
    pub status: Status,
    /// Its phase.
    pub phase: Phase,
    /// 0–100.
    pub progress: i32,
    /// The request (ids only).
    pub input: serde_json::Value,
    /// What was produced (counts, ids).
    pub result: Option<serde_json::Value>,
    /// Why it failed.
    pub error: Option<String>,
    /// Runs so far (a retried job counts again).
    pub attempts: i32,
    /// Who started it.
    #[serde(skip)]
    pub created_by: Option<i64>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// First started.
    pub started_at: Option<DateTime<Utc>>,
    /// Completed or failed.
    pub finished_at: Option<DateTime<Utc>>,
    /// What it is doing right now, when that is worth saying (`retrying (attempt 2 of 3):
    /// the AI provider timed out after 30 s ...`); cleared as it moves on.
    pub message: Option<String>,
}

/// Creates a queued task for the scope's account.
pub fn create(
    conn: &mut PgConnection,
    scope: &Scope,
    function: Function,
    input: &AiTaskInput,
    now: DateTime<Utc>,
) -> Result<AiTask> {
    Ok(diesel::insert_into(ai_tasks::table)
        .values((
            ai_tasks::account_id.eq(scope.account_id()),
            ai_tasks::function.eq(function),
            ai_tasks::input.eq(input.to_json(function)),
            ai_tasks::created_by.eq(scope.user_id().map(|u| u.get())),
            ai_tasks::created_at.eq(now),
        ))
        .returning(AiTask::as_returning())
        .get_result(conn)?)
}

/// One task of the scope's account.
pub fn get(conn: &mut PgConnection, scope: &Scope, id: AiTaskId) -> Result<AiTask> {
    ai_tasks::table
        .filter(ai_tasks::account_id.eq(scope.account_id()))
        .filter(ai_tasks::id.eq(id))
        .select(AiTask::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::Tenancy(tenancy::Error::NotFound))
}

/// Marks a run started: status running, attempts + 1, `started_at` kept from the first attempt.
pub fn start(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AiTaskId,
    now: DateTime<Utc>,
) -> Result<AiTask> {
    let t = get(conn, scope, id)?;
    Ok(diesel::update(
        ai_tasks::table
            .filter(ai_tasks::account_id.eq(scope.account_id()))
            .filter(ai_tasks::id.eq(id)),
    )
    .set((
        ai_tasks::status.eq(Status::Running),
        ai_tasks::attempts.eq(t.attempts + 1),
        ai_tasks::started_at.eq(t.started_at.unwrap_or(now)),
    ))
    .returning(AiTask::as_returning())
    .get_result(conn)?)
}

/// Records a phase and progress.
pub fn advance(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AiTaskId,
    phase: Phase,
    progress: i32,
) -> Result<()> {
    diesel::update(
        ai_tasks::table
            .filter(ai_tasks::account_id.eq(scope.account_id()))
            .filter(ai_tasks::id.eq(id)),
    )
    .set((
        ai_tasks::phase.eq(phase),
        ai_tasks::progress.eq(progress.clamp(0, 100)),
        ai_tasks::message.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(())
}

/// Stores what a task produced (a failed task's per-item errors, too).
pub fn record_result(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AiTaskId,
    result: serde_json::Value,
) -> Result<()> {
    diesel::update(
        ai_tasks::table
            .filter(ai_tasks::account_id.eq(scope.account_id()))
            .filter(ai_tasks::id.eq(id)),
    )
    .set(ai_tasks::result.eq(Some(result)))
    .execute(conn)?;
    Ok(())
}

/// Says what the task is doing right now (a retry it waits for), until it next moves on.
pub fn set_message(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AiTaskId,
    message: &str,
) -> Result<()> {
    diesel::update(
        ai_tasks::table
            .filter(ai_tasks::account_id.eq(scope.account_id()))
            .filter(ai_tasks::id.eq(id)),
    )
    .set(ai_tasks::message.eq(message))
    .execute(conn)?;
    Ok(())
}

/// The task's credit hold and the prefix of its charges' idempotency keys (`ai_task:7`).
pub fn hold_reference(id: AiTaskId) -> String {
    format!("ai_task:{id}")
}

/// Marks the task completed with its result (phase DONE, progress 100) and releases what is
/// left of its credit hold.
pub fn complete(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AiTaskId,
    result: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        ai_tasks::table
            .filter(ai_tasks::account_id.eq(scope.account_id()))
            .filter(ai_tasks::id.eq(id)),
    )
    .set((
        ai_tasks::status.eq(Status::Completed),
        ai_tasks::phase.eq(Phase::Done),
        ai_tasks::progress.eq(100),
        ai_tasks::result.eq(result),
        ai_tasks::error.eq(None::<String>),
        ai_tasks::message.eq(None::<String>),
        ai_tasks::finished_at.eq(now),
    ))
    .execute(conn)?;
    billing::holds::release(conn, scope, &hold_reference(id), now)?;
    Ok(())
}

/// Marks the task failed with a message (the phase stays where it failed) and releases its
/// credit hold.
pub fn fail(
    conn: &mut PgConnection,
    scope: &Scope,
    id: AiTaskId,
    error: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        ai_tasks::table
            .filter(ai_tasks::account_id.eq(scope.account_id()))
            .filter(ai_tasks::id.eq(id)),
    )
    .set((
        ai_tasks::status.eq(Status::Failed),
        ai_tasks::error.eq(error),
        ai_tasks::message.eq(None::<String>),
        ai_tasks::finished_at.eq(now),
    ))
    .execute(conn)?;
    billing::holds::release(conn, scope, &hold_reference(id), now)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kernel::Role;
    use test_support::{TenantFixture, TestDb};

    #[test]
    fn lifecycle_and_isolation() {
        let db = TestDb::new();
        let mut c = db.conn();
        let a = TenantFixture::create(&mut c, "ann");
        let b = TenantFixture::create(&mut c, "ben");
        let now = Utc::now();
        let t = create(
            &mut c,
            &a.scope(),
            Function::AutoCluster,
            &AiTaskInput {
                ids: vec![1, 2],
                estimated_credits: 3,
            },
            now,
        )
        .unwrap();
        assert_eq!(
            (t.status, t.phase, t.progress),
            (Status::Queued, Phase::Init, 0)
        );
        assert_eq!(
            AiTaskInput::from_json(t.function, &t.input),
            AiTaskInput {
                ids: vec![1, 2],
                estimated_credits: 3
            }
        );
        assert_eq!(t.input["keyword_ids"], serde_json::json!([1, 2]));
        assert!(matches!(
            get(&mut c, &b.scope(), t.id),
            Err(Error::Tenancy(tenancy::Error::NotFound))
        ));
        let s = start(&mut c, &a.scope(), t.id, now).unwrap();
        assert_eq!((s.status, s.attempts), (Status::Running, 1));
        advance(&mut c, &a.scope(), t.id, Phase::AiCall, 40).unwrap();
        // another tenant's scope changes nothing
        advance(&mut c, &b.scope(), t.id, Phase::Done, 100).unwrap();
        fail(&mut c, &b.scope(), t.id, "nope", now).unwrap();
        let mid = get(&mut c, &a.scope(), t.id).unwrap();
        assert_eq!(
            (mid.phase, mid.progress, mid.status),
            (Phase::AiCall, 40, Status::Running)
        );
        complete(
            &mut c,
            &a.scope(),
            t.id,
            serde_json::json!({"clusters": 3}),
            now,
        )
        .unwrap();
        let done = get(&mut c, &a.scope(), t.id).unwrap();
        assert_eq!(
            (done.status, done.phase, done.progress),
            (Status::Completed, Phase::Done, 100)
        );
        assert_eq!(done.result.unwrap()["clusters"], 3);
        let _ = Role::Owner;
    }
}
