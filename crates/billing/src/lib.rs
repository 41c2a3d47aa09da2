//! Billing: plans and subscriptions, the two-pool credit ledger with its usage log and AI cost
//! table, credit packages, invoices (numbered per account and month, rendered as PDF) and manual
//! payments reviewed by platform staff.
//!
//! Services are synchronous, take `&mut PgConnection` and a [`tenancy::Scope`] (plus `now` from
//! the caller's clock) and own their transactions. See `README.md` for the rules.

pub mod costs;
pub mod credits;
pub mod error;
pub mod gateway;
pub mod holds;
pub mod invoices;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod model;
pub mod packages;
pub mod payments;
pub mod pdf;
pub mod seed;
pub mod subscriptions;
pub mod usage;

pub use error::{Error, Result};
pub use subscriptions::on_signup;
