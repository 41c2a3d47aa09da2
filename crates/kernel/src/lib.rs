//! Shared vocabulary of every IGNY8 crate: typed ids, roles, paging, field errors and the clock.
//!
//! This crate does no I/O. Everything here is small, pure and used across domain boundaries.

pub mod clock;
pub mod errors;
pub mod ids;
pub mod paging;
pub mod role;
pub mod secrets;
pub mod text;
pub mod text_enum;

pub use clock::Clock;
pub use errors::FieldErrors;
pub use ids::*;
pub use paging::{Order, Page, PageRequest};
pub use role::Role;
