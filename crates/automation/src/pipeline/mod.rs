//! The 7-stage automation pipeline per site: config, runs with their stages and position, the
//! worker steps that drive them, the scheduler, and the event log behind the live stream.
//!
//! Stages run strictly in order, each draining its pending items in batches through the same
//! step functions as the manual AI actions ([`crate::steps`]): 1 keywords → clusters,
//! 2 clusters → ideas, 3 ideas → tasks (no AI), 4 tasks → articles, 5 articles → image prompts,
//! 6 prompts → images, 7 review (auto-approve, or hand over for a person's review).

pub mod config;
pub mod engine;
pub mod model;
pub mod runs;
pub mod scheduler;
