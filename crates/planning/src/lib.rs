#![doc = include_str!("../README.md")]

pub mod ai_work;
pub mod clusters;
pub mod csv_import;
pub mod error;
pub mod ideas;
pub mod keywords;
pub mod model;
mod scope_rules;
pub mod seeds;

pub use error::{Error, Result};
