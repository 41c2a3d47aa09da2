//! The writer: tasks (what to write), content items (sanitized HTML with SEO fields, tags,
//! categories and an editorial status), taxonomies (categories and tags per site) and images
//! (rows per content slot, files in a content-addressed [`storage::MediaStore`]).
//!
//! Services are synchronous, take `&mut PgConnection` and a [`tenancy::Scope`], filter by the
//! scope's account and visible sites, and own their transactions. Writes need the editor role.
//! The rules are summarised in the crate's README.md.

pub mod ai_work;
pub mod content;
pub mod error;
pub mod images;
pub mod model;
pub mod publishing;
pub mod sanitize;
pub mod storage;
pub mod tasks;
pub mod taxonomies;
pub mod util;

pub use error::{Error, Result};
