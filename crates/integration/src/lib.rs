//! `integration`: publishing to WordPress. Owns `integration_sites`, `sync_events` and
//! `publishing_settings`; drives content's publishing columns through `content::publishing`
//! and the site API key through `tenancy::site_keys`. See README.md.

pub mod error;
pub mod events;
pub mod inbound;
pub mod integrations;
pub mod model;
pub mod publish;
pub mod scheduler;
pub mod wordpress;

pub use error::{Error, RemoteError, RemoteKind, Result};
