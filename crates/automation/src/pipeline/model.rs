//! Rows and value types of the pipeline tables.

use chrono::{DateTime, Utc};
use db::schema::{automation_configs, automation_events, automation_runs};
use diesel::prelude::*;
use kernel::{AccountId, AutomationConfigId, AutomationEventId, AutomationRunId, SiteId};
use serde::{Deserialize, Serialize};

kernel::text_enum!(
    /// How often a site's scheduled run starts.
    Frequency {
        /// Every day at the scheduled hour.
        Daily = "daily",
        /// Every week on the scheduled weekday.
        Weekly = "weekly",
        /// Every month on the scheduled day.
        Monthly = "monthly",
    }
);

kernel::text_enum!(
    /// What started a run.
    Trigger {
        /// `run_now/`.
        Manual = "manual",
        /// The scheduler.
        Scheduled = "scheduled",
    }
);

kernel::text_enum!(
    /// Where a run is in its life.
    RunStatus {
        /// Working through its stages.
        Running = "running",
        /// Stopped after an item; `resume/` continues from the saved stage and position.
        Paused = "paused",
        /// Stopped for good by a user.
        Cancelled = "cancelled",
        /// Every stage finished.
        Completed = "completed",
        /// Stopped by an error; `error` says why.
        Failed = "failed",
    }
);

impl RunStatus {
    /// Running or paused: the site's one active run.
    pub fn is_active(self) -> bool {
        matches!(self, RunStatus::Running | RunStatus::Paused)
    }
}

kernel::text_enum!(
    /// What a run event records.
    EventKind {
        /// The run started.
        RunStarted = "run_started",
        /// A stage started.
        StageStarted = "stage_started",
        /// A batch of a stage finished.
        StageProgress = "stage_progress",
        /// A stage finished.
        StageCompleted = "stage_completed",
        /// The run paused.
        RunPaused = "run_paused",
        /// The run resumed.
        RunResumed = "run_resumed",
        /// The run was cancelled.
        RunCancelled = "run_cancelled",
        /// The run completed.
        RunCompleted = "run_completed",
        /// The run failed.
        RunFailed = "run_failed",
        /// An item or a step failed (the run goes on or retries).
        Error = "error",
    }
);

impl EventKind {
    /// True for the events that end a run's stream.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            EventKind::RunCancelled | EventKind::RunCompleted | EventKind::RunFailed
        )
    }
}

kernel::text_enum!(
    /// What became of one item of a run.
    Outcome {
        /// Saved (rows written, credits charged).
        Saved = "saved",
        /// Nothing to do.
        Skipped = "skipped",
        /// The provider or its answer failed; the run went on without it.
        Failed = "failed",
    }
);

/// The seven stages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "i16", try_from = "i16")]
pub enum Stage {
    /// Keywords → clusters (AI).
    Clustering = 1,
    /// Clusters → ideas (AI).
    Ideas = 2,
    /// Ideas → writer tasks (no AI).
    Tasks = 3,
    /// Tasks → articles (AI).
    Content = 4,
    /// Articles → image prompts (AI).
    ImagePrompts = 5,
    /// Image prompts → images (AI).
    Images = 6,
    /// Review: auto-approve, or hand over for a person's review.
    Review = 7,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 7] = [
        Stage::Clustering,
        Stage::Ideas,
        Stage::Tasks,
        Stage::Content,
        Stage::ImagePrompts,
        Stage::Images,
        Stage::Review,
    ];

    /// The stage's number (1–7).
    pub fn number(self) -> i16 {
        self as i16
    }

    /// The stage of a number.
    pub fn from_number(n: i16) -> Option<Stage> {
        Stage::ALL
            .get(usize::try_from(n).ok()?.checked_sub(1)?)
            .copied()
    }

    /// The next stage, `None` after review.
    pub fn next(self) -> Option<Stage> {
        Stage::from_number(self.number() + 1)
    }

    /// Its name in the UI.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Clustering => "Keywords → Clusters",
            Stage::Ideas => "Clusters → Ideas",
            Stage::Tasks => "Ideas → Tasks",
            Stage::Content => "Tasks → Content",
            Stage::ImagePrompts => "Content → Image prompts",
            Stage::Images => "Image prompts → Images",
            Stage::Review => "Review",
        }
    }
}

impl From<Stage> for i16 {
    fn from(s: Stage) -> i16 {
        s.number()
    }
}

impl TryFrom<i16> for Stage {
    type Error = String;
    fn try_from(n: i16) -> Result<Stage, String> {
        Stage::from_number(n).ok_or_else(|| format!("no stage {n}"))
    }
}

/// A site's automation config.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = automation_configs, check_for_backend(diesel::pg::Pg))]
pub struct AutomationConfig {
    /// Id.
    pub id: AutomationConfigId,
    /// Account.
    #[serde(skip)]
    pub account_id: AccountId,
    /// The site.
    pub site_id: SiteId,
    /// Scheduled runs on.
    pub enabled: bool,
    /// How often scheduled runs start.
    pub frequency: Frequency,
    /// Hour of the day (0–23) in the account's time zone.
    pub scheduled_hour: i16,
    /// Weekly runs: ISO weekday, 1 = Monday … 7 = Sunday.
    pub scheduled_weekday: i16,
    /// Monthly runs: day of the month (1–28).
    pub scheduled_day_of_month: i16,
    /// Keywords per clustering batch.
    pub stage_1_batch_size: i32,
    /// Clusters per idea batch.
    pub stage_2_batch_size: i32,
    /// Ideas per task batch.
    pub stage_3_batch_size: i32,
    /// Tasks per writing batch.
    pub stage_4_batch_size: i32,
    /// Articles per image-prompt batch.
    pub stage_5_batch_size: i32,
    /// Images per generation batch.
    pub stage_6_batch_size: i32,
    /// Seconds between batches of a stage (0 allowed).
    pub within_stage_delay_secs: i32,
    /// Seconds between stages (0 allowed).
    pub between_stage_delay_secs: i32,
    /// Most keywords clustered per run (null: no cap).
    pub max_keywords_per_run: Option<i32>,
    /// Most clusters given ideas per run.
    pub max_clusters_per_run: Option<i32>,
    /// Most ideas turned into tasks per run.
    pub max_ideas_per_run: Option<i32>,
    /// Most tasks written per run.
    pub max_tasks_per_run: Option<i32>,
    /// Most articles given image prompts per run.
    pub max_content_per_run: Option<i32>,
    /// Most images generated per run.
    pub max_images_per_run: Option<i32>,
    /// Most credits a run may spend.
    pub max_credits_per_run: Option<i64>,
    /// Review stage approves content itself (otherwise it waits for a person).
    pub auto_approve: bool,
    /// When the last scheduled or manual run started.
    pub last_run_at: Option<DateTime<Utc>>,
    /// When the next scheduled run is due (null while disabled).
    pub next_run_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// The config a run works with, frozen when it starts (a config change applies to later runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RunSettings {
    /// Batch size of stages 1–6 (index 0 = stage 1).
    pub batch_sizes: [i32; 6],
    /// Seconds between batches.
    pub within_stage_delay_secs: i32,
    /// Seconds between stages.
    pub between_stage_delay_secs: i32,
    /// Per-stage item caps (index 0 = stage 1; stage 7 has none).
    pub caps: [Option<i32>; 6],
    /// Credit cap of the run.
    pub max_credits: Option<i64>,
    /// Review approves by itself.
    pub auto_approve: bool,
}

impl RunSettings {
    /// The settings of a config.
    pub fn of(c: &AutomationConfig) -> RunSettings {
        RunSettings {
            batch_sizes: [
                c.stage_1_batch_size,
                c.stage_2_batch_size,
                c.stage_3_batch_size,
                c.stage_4_batch_size,
                c.stage_5_batch_size,
                c.stage_6_batch_size,
            ],
            within_stage_delay_secs: c.within_stage_delay_secs,
            between_stage_delay_secs: c.between_stage_delay_secs,
            caps: [
                c.max_keywords_per_run,
                c.max_clusters_per_run,
                c.max_ideas_per_run,
                c.max_tasks_per_run,
                c.max_content_per_run,
                c.max_images_per_run,
            ],
            max_credits: c.max_credits_per_run,
            auto_approve: c.auto_approve,
        }
    }

    /// Items per batch of a stage (review takes 50 at a time).
    pub fn batch_size(&self, stage: Stage) -> i64 {
        match stage {
            Stage::Review => 50,
            s => i64::from(self.batch_sizes[usize::try_from(s.number() - 1).unwrap_or(0)]),
        }
    }

    /// Item cap of a stage, if any.
    pub fn cap(&self, stage: Stage) -> Option<i64> {
        match stage {
            Stage::Review => None,
            s => self.caps[usize::try_from(s.number() - 1).unwrap_or(0)].map(i64::from),
        }
    }
}

/// Pending items per stage when a run started (or now, for the overview).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Backlog {
    /// Keywords waiting for clustering.
    pub keywords: i64,
    /// Clusters waiting for ideas.
    pub clusters: i64,
    /// Ideas waiting for a task.
    pub ideas: i64,
    /// Tasks waiting for an article.
    pub tasks: i64,
    /// Articles waiting for image prompts.
    pub content: i64,
    /// Images waiting for generation.
    pub images: i64,
    /// Content ready for review.
    pub review: i64,
}

impl Backlog {
    /// The pending count of a stage.
    pub fn of(&self, stage: Stage) -> i64 {
        match stage {
            Stage::Clustering => self.keywords,
            Stage::Ideas => self.clusters,
            Stage::Tasks => self.ideas,
            Stage::Content => self.tasks,
            Stage::ImagePrompts => self.content,
            Stage::Images => self.images,
            Stage::Review => self.review,
        }
    }
}

/// A run row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = automation_runs, check_for_backend(diesel::pg::Pg))]
pub struct RunRow {
    /// Id.
    pub id: AutomationRunId,
    /// Account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// What started it.
    pub trigger: Trigger,
    /// Status.
    pub status: RunStatus,
    /// The stage it is in (1–7).
    pub current_stage: i16,
    /// Batches done in the current stage.
    pub stage_batch: i32,
    /// Incremented with every step job enqueued; a job with an older number is stale.
    pub step_seq: i32,
    /// Runs of the current step job so far (reset when the next step is enqueued).
    pub step_attempts: i32,
    /// `{"1": {"started_at": …, "finished_at": …}, …}`.
    pub stage_times: serde_json::Value,
    /// Credits the run spent (the sum of its items).
    pub total_credits: i64,
    /// Pending items per stage at start ([`Backlog`]).
    pub initial_snapshot: serde_json::Value,
    /// [`RunSettings`] frozen at start.
    pub settings: serde_json::Value,
    /// Why it paused (`insufficient_credits`, `user`).
    pub pause_reason: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// Who started it (null for the scheduler).
    pub created_by: Option<i64>,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Last paused.
    pub paused_at: Option<DateTime<Utc>>,
    /// Cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Completed, cancelled or failed.
    pub completed_at: Option<DateTime<Utc>>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
    /// Input units of the current stage's saved items (for the stage's cap).
    pub stage_consumed: i64,
    /// The highest item id a batch of the current stage took (0: none yet).
    pub stage_cursor: i64,
}

/// One stage's results, computed from the run's item records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StageResult {
    /// 1–7.
    pub stage: i16,
    /// Its name.
    pub name: String,
    /// `pending`, `running` or `done`.
    pub state: String,
    /// Items saved.
    pub processed: i64,
    /// Rows created.
    pub created: i64,
    /// Items skipped (nothing to do).
    pub skipped: i64,
    /// Items that failed.
    pub failed: i64,
    /// Why items were skipped or failed (the latest 20).
    pub reasons: Vec<ItemReason>,
    /// Credits spent.
    pub credits: i64,
    /// Milliseconds inside provider calls.
    pub provider_ms: f64,
    /// Milliseconds from the stage's start to its end (or now).
    pub duration_ms: Option<i64>,
    /// Started.
    pub started_at: Option<DateTime<Utc>>,
    /// Finished.
    pub finished_at: Option<DateTime<Utc>>,
}

/// Why one item was skipped or failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ItemReason {
    /// The item's id.
    pub item_id: i64,
    /// `skipped` or `failed`.
    pub outcome: Outcome,
    /// Why.
    pub reason: String,
}

/// A run as served.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Run {
    /// Id.
    pub id: AutomationRunId,
    /// `run_YYYYMMDD_HHMMSS_<trigger>`.
    pub run_name: String,
    /// Site.
    pub site_id: SiteId,
    /// What started it.
    pub trigger: Trigger,
    /// Status.
    pub status: RunStatus,
    /// The stage it is in (1–7).
    pub current_stage: i16,
    /// Batches done in the current stage.
    pub stage_position: i32,
    /// Per-stage results.
    pub stages: Vec<StageResult>,
    /// Credits spent.
    pub total_credits: i64,
    /// Pending items per stage at start.
    pub initial_snapshot: Backlog,
    /// The settings it runs with.
    pub settings: RunSettings,
    /// Why it paused.
    pub pause_reason: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Last paused.
    pub paused_at: Option<DateTime<Utc>>,
    /// Cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Ended.
    pub completed_at: Option<DateTime<Utc>>,
}

/// One event of a run (the log and the SSE stream).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = automation_events, check_for_backend(diesel::pg::Pg))]
pub struct RunEvent {
    /// Id (the SSE event id; increasing).
    pub id: AutomationEventId,
    /// Account.
    #[serde(skip)]
    pub account_id: AccountId,
    /// The run.
    pub run_id: AutomationRunId,
    /// What happened.
    pub kind: EventKind,
    /// The stage it concerns.
    pub stage: Option<i16>,
    /// In words.
    pub message: String,
    /// Details (counts, credits, reasons).
    pub data: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}
