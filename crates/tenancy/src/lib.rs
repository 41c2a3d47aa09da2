//! Tenancy: accounts, users and roles, sites and sectors, per-site access, authentication
//! (argon2 passwords, JWT sessions with rotating refresh tokens, password reset, login
//! throttling) and the [`Scope`] every tenant query is filtered by.
//!
//! Services are synchronous and take `&mut PgConnection`; they own their transactions.

pub mod access;
pub mod accounts;
pub mod auth;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod model;
pub mod notifications;
pub mod password;
pub mod ratelimit;
pub mod reference;
pub mod scope;
pub mod seed;
pub mod session_cache;
pub mod site_keys;
pub mod sites;
pub mod token;
pub mod users;

pub use error::{Error, Result};
pub use scope::Scope;
