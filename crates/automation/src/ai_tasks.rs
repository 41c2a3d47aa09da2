//! AI task rows: created with the request (in the transaction that enqueues the job), advanced
//! by the job through its phases, read by `GET /api/v1/system/ai-tasks/{id}/`.

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::ai_tasks;
use diesel::prelude::*;
use kernel::{AccountId, AiTaskId};
use serde::Serialize;
use tenancy::Scope;

/// The AI functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Function {
    /// Group keywords into clusters.
    AutoCluster,
    /// Ideas for clusters.
    GenerateIdeas,
    /// Articles for writer tasks.
    GenerateContent,
    /// Image prompts for content.
    GenerateImagePrompts,
    /// Images from prompts.
    GenerateImages,
}

impl Function {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Function::AutoCluster => "auto_cluster",
            Function::GenerateIdeas => "generate_ideas",
            Function::GenerateContent => "generate_content",
            Function::GenerateImagePrompts => "generate_image_prompts",
            Function::GenerateImages => "generate_images",
        }
    }
}

/// Phases, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Created, not started.
    Init,
    /// Loading inputs.
    Prep,
    /// Talking to the provider.
    AiCall,
    /// Validating output.
    Parse,
    /// Writing results and charging credits.
    Save,
    /// Finished.
    Done,
}

impl Phase {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Init => "INIT",
            Phase::Prep => "PREP",
            Phase::AiCall => "AI_CALL",
            Phase::Parse => "PARSE",
            Phase::Save => "SAVE",
            Phase::Done => "DONE",
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
    /// Function name.
    pub function: String,
    /// queued | running | completed | failed.
    pub status: String,
    /// INIT | PREP | AI_CALL | PARSE | SAVE | DONE.
    pub phase: String,
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
}

/// Creates a queued task for the scope's account.
pub fn create(
    conn: &mut PgConnection,
    scope: &Scope,
    function: Function,
    input: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<AiTask> {
    Ok(diesel::insert_into(ai_tasks::table)
        .values((
            ai_tasks::account_id.eq(scope.account_id()),
            ai_tasks::function.eq(function.as_str()),
            ai_tasks::input.eq(input),
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

/// Marks a run started (status running, attempts + 1, phase PREP unless already further).
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
        ai_tasks::status.eq("running"),
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
        ai_tasks::phase.eq(phase.as_str()),
        ai_tasks::progress.eq(progress.clamp(0, 100)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Marks the task completed with its result (phase DONE, progress 100).
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
        ai_tasks::status.eq("completed"),
        ai_tasks::phase.eq(Phase::Done.as_str()),
        ai_tasks::progress.eq(100),
        ai_tasks::result.eq(result),
        ai_tasks::error.eq(None::<String>),
        ai_tasks::finished_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Marks the task failed with a message (the phase stays where it failed).
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
        ai_tasks::status.eq("failed"),
        ai_tasks::error.eq(error),
        ai_tasks::finished_at.eq(now),
    ))
    .execute(conn)?;
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
            serde_json::json!({"keyword_ids": [1, 2]}),
            now,
        )
        .unwrap();
        assert_eq!(
            (t.status.as_str(), t.phase.as_str(), t.progress),
            ("queued", "INIT", 0)
        );
        assert!(matches!(
            get(&mut c, &b.scope(), t.id),
            Err(Error::Tenancy(tenancy::Error::NotFound))
        ));
        let s = start(&mut c, &a.scope(), t.id, now).unwrap();
        assert_eq!((s.status.as_str(), s.attempts), ("running", 1));
        advance(&mut c, &a.scope(), t.id, Phase::AiCall, 40).unwrap();
        // another tenant's scope changes nothing
        advance(&mut c, &b.scope(), t.id, Phase::Done, 100).unwrap();
        fail(&mut c, &b.scope(), t.id, "nope", now).unwrap();
        let mid = get(&mut c, &a.scope(), t.id).unwrap();
        assert_eq!(
            (mid.phase.as_str(), mid.progress, mid.status.as_str()),
            ("AI_CALL", 40, "running")
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
            (done.status.as_str(), done.phase.as_str(), done.progress),
            ("completed", "DONE", 100)
        );
        assert_eq!(done.result.unwrap()["clusters"], 3);
        let _ = Role::Owner;
    }
}
