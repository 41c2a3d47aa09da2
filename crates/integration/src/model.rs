//! Rows and value lists of the integration tables.

use chrono::{DateTime, Utc};
use db::schema::{integration_sites, publishing_settings, sync_events};
use diesel::pg::Pg;
use diesel::prelude::*;
use kernel::{AccountId, ContentId, IntegrationId, SiteId, SyncEventId};

kernel::text_enum!(
    /// The publishing platform (WordPress only for now).
    Platform {
        /// WordPress.
        Wordpress = "wordpress",
    }
);

kernel::text_enum!(
    /// How we talk to the WordPress site.
    Mode {
        /// Stock WordPress REST API with an application password.
        Core = "core",
        /// The IGNY8 bridge plugin (`igny8/v1/publish`, site key), which also writes SEO meta.
        Bridge = "bridge",
    }
);

kernel::text_enum!(
    /// Result of the last connection check or publish.
    ConnectionStatus {
        /// Not checked yet.
        Unknown = "unknown",
        /// The last call succeeded.
        Connected = "connected",
        /// The last call failed (see `last_error`).
        Error = "error",
    }
);

kernel::text_enum!(
    /// State of the last status sync.
    SyncStatus {
        /// Never synced.
        Pending = "pending",
        /// Sync in progress.
        Syncing = "syncing",
        /// The last sync finished.
        Completed = "completed",
        /// The last sync failed.
        Error = "error",
    }
);

kernel::text_enum!(
    /// What a sync event records.
    SyncAction {
        /// A first publish (a new post).
        Publish = "publish",
        /// A publish that updated an existing post.
        Update = "update",
        /// Taking a post off the site.
        Unpublish = "unpublish",
        /// A connection check.
        TestConnection = "test_connection",
        /// A pull of post statuses.
        Sync = "sync",
        /// A site-structure push from the plugin.
        SiteStructure = "site_structure",
        /// A status webhook from the plugin.
        StatusWebhook = "status_webhook",
    }
);

/// A site's publishing destination. `credentials_enc` never leaves this crate.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = integration_sites, check_for_backend(Pg))]
pub struct Integration {
    /// Id.
    pub id: IntegrationId,
    /// Owner account.
    pub account_id: AccountId,
    /// The IGNY8 site.
    pub site_id: SiteId,
    /// Platform.
    pub platform: Platform,
    /// The WordPress site's URL (home).
    pub site_url: String,
    /// Core or bridge.
    pub mode: Mode,
    /// Core mode: the WordPress user name of the application password.
    pub username: String,
    /// Core mode: the encrypted application password.
    pub(crate) credentials_enc: Option<String>,
    /// Publishing through it is allowed.
    pub is_active: bool,
    /// Status sync (webhook and pull) is applied.
    pub sync_enabled: bool,
    /// Result of the last call.
    pub connection_status: ConnectionStatus,
    /// State of the last sync.
    pub sync_status: SyncStatus,
    /// When the connection was last checked.
    pub last_checked_at: Option<DateTime<Utc>>,
    /// When statuses were last synced.
    pub last_sync_at: Option<DateTime<Utc>>,
    /// The last error, for the user.
    pub last_error: Option<String>,
    /// Post types and taxonomies the plugin pushed.
    pub site_structure: serde_json::Value,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

impl Integration {
    /// True when core-mode credentials are stored.
    pub fn has_credentials(&self) -> bool {
        self.credentials_enc.is_some()
    }
}

/// One recorded attempt.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sync_events, check_for_backend(Pg))]
pub struct SyncEvent {
    /// Id.
    pub id: SyncEventId,
    /// Owner account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Integration.
    pub integration_id: IntegrationId,
    /// The content item, if any.
    pub content_id: Option<ContentId>,
    /// What was attempted.
    pub action: SyncAction,
    /// Whether it worked.
    pub success: bool,
    /// Attempt number (1 for the first).
    pub attempt: i32,
    /// How long the remote call took.
    pub duration_ms: i32,
    /// HTTP status of the answer, if any.
    pub http_status: Option<i32>,
    /// Error code (WordPress's or ours).
    pub error_code: Option<String>,
    /// Error message.
    pub error_message: Option<String>,
    /// The post id on the site.
    pub external_id: Option<String>,
    /// Extra facts (URL, status).
    pub details: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A site's publishing-scheduler settings.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = publishing_settings, check_for_backend(Pg))]
pub struct PublishingSettings {
    /// Owner account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Approved content is scheduled and published automatically.
    pub auto_publish_enabled: bool,
    /// At most this many posts per local day.
    pub daily_limit: i32,
    /// At most this many posts per ISO week (Monday to Sunday, local time).
    pub weekly_limit: i32,
    /// ISO weekdays (1 = Monday) on which posts go out.
    pub publish_days: Vec<i16>,
    /// Local times `HH:MM`, sorted.
    pub time_slots: Vec<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}
