//! Orchestration above the domain crates: AI functions run as worker jobs whose progress is
//! tracked in `ai_tasks` (INIT → PREP → AI_CALL → PARSE → SAVE → DONE).

pub mod ai_functions;
pub mod ai_settings;
pub mod ai_tasks;
pub mod dev_secret;
pub mod error;
pub mod ideas_to_tasks;
pub mod prompts;

pub use error::{Error, Result};
