#![doc = include_str!("../README.md")]

pub mod ai_functions;
pub mod ai_settings;
pub mod ai_tasks;
pub mod dev_secret;
pub mod error;
pub mod ideas_to_tasks;
pub mod pipeline;
pub mod prompts;
pub mod steps;

pub use error::{Error, Result};
