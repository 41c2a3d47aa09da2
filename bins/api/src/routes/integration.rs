//! Publishing to WordPress: `/api/v1/integration/` (integrations, the site key, connection
//! checks, sync, the plugin's routes) and `/api/v1/publisher/` (publish, scheduler settings).
//!
//! The plugin's routes (`integrations/test-connection/`, `integrations/{id}/update_site_structure/`,
//! `webhooks/wordpress/status/`, `media/{id}/`) authenticate with the site key
//! (`X-IGNY8-API-KEY` or `Authorization: Bearer`), scoped to that one site.

// DTO fields are self-describing; the OpenAPI document carries their types and rules.
#![allow(missing_docs)]

use crate::blocking::{db, remote};
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams, SiteKey};
use crate::routes::content::dto::ContentDto;
use crate::state::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use integration::inbound::{CheckOutcome, PluginHello, StatusApplied, SyncReport};
use integration::model::{
    ConnectionStatus, Integration, Mode, Platform, PublishingSettings, SyncAction, SyncEvent,
    SyncStatus,
};
use kernel::{ContentId, ImageId, IntegrationId, SiteId, SyncEventId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// ---------------------------------------------------------------------------------- DTOs

/// A site's WordPress integration. The application password is never returned.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntegrationDto {
    pub id: IntegrationId,
    pub site_id: SiteId,
    pub platform: Platform,
    pub site_url: String,
    pub mode: Mode,
    /// Core mode: the WordPress user of the application password.
    pub username: String,
    /// True when an application password is stored (it is never shown).
    pub has_app_password: bool,
    pub is_active: bool,
    pub sync_enabled: bool,
    pub connection_status: ConnectionStatus,
    pub sync_status: SyncStatus,
    pub last_checked_at: Option<DateTime<Utc>>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// Post types and taxonomies the plugin pushed.
    #[schema(value_type = Object)]
    pub site_structure: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Integration> for IntegrationDto {
    fn from(i: Integration) -> Self {
        Self {
            has_app_password: i.has_credentials(),
            id: i.id,
            site_id: i.site_id,
            platform: i.platform,
            site_url: i.site_url,
            mode: i.mode,
            username: i.username,
            is_active: i.is_active,
            sync_enabled: i.sync_enabled,
            connection_status: i.connection_status,
            sync_status: i.sync_status,
            last_checked_at: i.last_checked_at,
            last_sync_at: i.last_sync_at,
            last_error: i.last_error,
            site_structure: i.site_structure,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

/// A new integration. Core mode (the default) needs `username` and an application password
/// (WordPress → Users → Profile → Application Passwords); bridge mode needs the IGNY8 plugin
/// with the site key.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IntegrationBody {
    pub site_id: i64,
    /// The WordPress site's address (http or https, no query or credentials).
    #[schema(format = "site-url", max_length = 2000)]
    pub site_url: String,
    /// `core` (default) or `bridge`.
    pub mode: Option<Mode>,
    #[schema(format = "not-blank", max_length = 60)]
    pub username: Option<String>,
    /// Stored encrypted; never returned.
    #[schema(format = "not-blank", max_length = 200)]
    pub app_password: Option<String>,
    pub is_active: Option<bool>,
    pub sync_enabled: Option<bool>,
}

/// Changes to an integration. Switching to core mode without a stored password needs one
/// (422 `invalid_state` otherwise).
#[derive(Debug, Deserialize, ToSchema)]
pub struct IntegrationPatchBody {
    #[schema(format = "site-url", max_length = 2000)]
    pub site_url: Option<String>,
    pub mode: Option<Mode>,
    #[schema(format = "not-blank", max_length = 60)]
    pub username: Option<String>,
    #[schema(format = "not-blank", max_length = 200)]
    pub app_password: Option<String>,
    pub is_active: Option<bool>,
    pub sync_enabled: Option<bool>,
}

/// Integration list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntegrationQuery {
    /// Only this site.
    #[serde(default, deserialize_with = "crate::routes::content::dto::empty_none")]
    pub site_id: Option<i64>,
}

crate::list_params!(IntegrationList, vec!["-created_at".to_owned()]);
crate::list_params!(EventList, vec!["-id".to_owned()]);

/// Sync event list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Only this content item.
    #[serde(default, deserialize_with = "crate::routes::content::dto::empty_none")]
    pub content_id: Option<i64>,
}

/// One attempt to talk to the site.
#[derive(Debug, Serialize, ToSchema)]
pub struct SyncEventDto {
    pub id: SyncEventId,
    pub integration_id: IntegrationId,
    pub content_id: Option<ContentId>,
    pub action: SyncAction,
    pub success: bool,
    pub attempt: i32,
    pub duration_ms: i32,
    pub http_status: Option<i32>,
    /// WordPress's error code (or ours).
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub external_id: Option<String>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

impl From<SyncEvent> for SyncEventDto {
    fn from(e: SyncEvent) -> Self {
        Self {
            id: e.id,
            integration_id: e.integration_id,
            content_id: e.content_id,
            action: e.action,
            success: e.success,
            attempt: e.attempt,
            duration_ms: e.duration_ms,
            http_status: e.http_status,
            error_code: e.error_code,
            error_message: e.error_message,
            external_id: e.external_id,
            details: e.details,
            created_at: e.created_at,
        }
    }
}

/// Which site's key to make.
#[derive(Debug, Deserialize, ToSchema)]
pub struct GenerateKeyBody {
    pub site_id: i64,
}

/// A new site key: shown this once. Paste it into the IGNY8 plugin's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteKeyDto {
    pub site_id: SiteId,
    pub api_key: String,
    /// The key's last four characters (what later views show).
    pub key_suffix: String,
}

/// The plugin checks its key; a site with no integration yet gets a bridge one for `site_url`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PluginHelloBody {
    #[schema(format = "site-url", max_length = 2000)]
    pub site_url: Option<String>,
}

/// What the plugin pushes: the site's post types and taxonomies with counts.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct SiteStructureBody {
    #[schema(value_type = Option<Vec<Object>>, max_items = 500)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_types: Option<Vec<serde_json::Value>>,
    #[schema(value_type = Option<Vec<Object>>, max_items = 500)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomies: Option<Vec<serde_json::Value>>,
    #[schema(value_type = Option<Object>)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugins: Option<serde_json::Value>,
    #[schema(format = "no-space", max_length = 50)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wp_version: Option<String>,
    #[schema(format = "no-space", max_length = 50)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugin_version: Option<String>,
    #[schema(format = "no-space", max_length = 2000)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
}

/// A post's WordPress status.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum WpStatus {
    Publish,
    Future,
    Draft,
    Pending,
    Private,
    Trash,
    Inherit,
    Deleted,
}

impl WpStatus {
    fn as_str(self) -> &'static str {
        match self {
            WpStatus::Publish => "publish",
            WpStatus::Future => "future",
            WpStatus::Draft => "draft",
            WpStatus::Pending => "pending",
            WpStatus::Private => "private",
            WpStatus::Trash => "trash",
            WpStatus::Inherit => "inherit",
            WpStatus::Deleted => "deleted",
        }
    }
}

/// A post's status changed in WordPress.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusWebhookBody {
    #[schema(minimum = 1)]
    pub post_id: i64,
    pub content_id: i64,
    pub post_status: WpStatus,
    #[schema(format = "no-space", max_length = 2000)]
    pub post_url: Option<String>,
}

/// Publish a content item now, or on the site at a future time (`future` in WordPress).
#[derive(Debug, Deserialize, ToSchema)]
pub struct PublishBody {
    pub content_id: i64,
    /// A future time (RFC 3339): the post is scheduled on the site (`site_status`
    /// `scheduled`). Absent or past: live now.
    #[schema(format = "rfc3339", value_type = Option<String>)]
    pub publish_at: Option<String>,
}

/// A site's publishing scheduler settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishingSettingsDto {
    pub site_id: SiteId,
    pub auto_publish_enabled: bool,
    pub daily_limit: i32,
    pub weekly_limit: i32,
    /// ISO weekdays (1 = Monday).
    pub publish_days: Vec<i16>,
    /// Local times (`HH:MM`, the account's time zone).
    pub time_slots: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

impl From<PublishingSettings> for PublishingSettingsDto {
    fn from(s: PublishingSettings) -> Self {
        Self {
            site_id: s.site_id,
            auto_publish_enabled: s.auto_publish_enabled,
            daily_limit: s.daily_limit,
            weekly_limit: s.weekly_limit,
            publish_days: s.publish_days,
            time_slots: s.time_slots,
            updated_at: s.updated_at,
        }
    }
}

/// Changes to the scheduler settings.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PublishingSettingsBody {
    pub auto_publish_enabled: Option<bool>,
    #[schema(minimum = 1, maximum = 100)]
    pub daily_limit: Option<i32>,
    #[schema(minimum = 1, maximum = 700)]
    pub weekly_limit: Option<i32>,
    #[schema(min_items = 1, max_items = 7)]
    pub publish_days: Option<Vec<IsoDay>>,
    #[schema(min_items = 1, max_items = 24)]
    pub time_slots: Option<Vec<TimeSlot>>,
}

/// An ISO weekday: 1 = Monday … 7 = Sunday.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct IsoDay(pub i16);

impl utoipa::PartialSchema for IsoDay {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(1))
            .maximum(Some(7))
            .description(Some("ISO weekday: 1 = Monday … 7 = Sunday."))
            .into()
    }
}
impl ToSchema for IsoDay {}

/// A local time of day, `HH:MM`.
#[derive(Debug, Clone, Deserialize)]
pub struct TimeSlot(pub String);

impl utoipa::PartialSchema for TimeSlot {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::Custom("hh-mm".into())))
            .description(Some("A local time of day, HH:MM."))
            .into()
    }
}
impl ToSchema for TimeSlot {}

/// The publishing runtime of a request that talks to a site. Built on the blocking pool: a
/// blocking HTTP client may not be made or dropped on the async runtime.
fn runtime(state: &AppState) -> Result<integration::publish::Runtime, integration::Error> {
    Ok(integration::publish::Runtime {
        media: state.media.clone(),
        secret_key: state.secret_key.to_vec(),
        api_url: None,
        http: integration::wordpress::client()?,
    })
}

// ---------------------------------------------------------------------------- integrations

/// The integrations of the sites the caller sees, newest first.
#[utoipa::path(tag = "integration", security(("bearer" = [])), params(IntegrationQuery, IntegrationList),
    responses((status = 200, body = [IntegrationDto])))]
#[get("/integrations/")]
pub async fn list_integrations(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<IntegrationQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("-created_at"))?;
    let (scope, page, site) = (auth.scope, lp.page(), q.0.site_id.map(SiteId));
    let p = db(&state, move |c, _| {
        Ok(integration::integrations::list(c, &scope, site, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(IntegrationDto::from)))
}

/// Connects a site (editor+); one integration per site (409 `already_exists`).
#[utoipa::path(tag = "integration", security(("bearer" = [])), request_body = IntegrationBody, responses(
    (status = 201, body = IntegrationDto), (status = 404), (status = 409, description = "already_exists")))]
#[post("/integrations/")]
pub async fn create_integration(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<IntegrationBody>,
) -> ApiResult<HttpResponse> {
    let (scope, b) = (auth.scope, body.0);
    let new = integration::integrations::NewIntegration {
        site_id: Some(SiteId(b.site_id)),
        site_url: Some(b.site_url),
        mode: b.mode,
        username: b.username,
        app_password: b.app_password,
        is_active: b.is_active,
        sync_enabled: b.sync_enabled,
    };
    let i = db(&state, move |c, st| {
        Ok(integration::integrations::create(
            c,
            &scope,
            &st.secret_key,
            &new,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(IntegrationDto::from(i)))
}

/// One integration.
#[utoipa::path(tag = "integration", security(("bearer" = [])), responses(
    (status = 200, body = IntegrationDto), (status = 404)))]
#[get("/integrations/{id}/")]
pub async fn get_integration(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (auth.scope, IntegrationId(id.into_inner()));
    let i = db(&state, move |c, _| {
        Ok(integration::integrations::get(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(IntegrationDto::from(i)))
}

/// Changes an integration (editor+). A new URL, mode, user or password resets
/// `connection_status` to `unknown`.
#[utoipa::path(tag = "integration", security(("bearer" = [])), request_body = IntegrationPatchBody, responses(
    (status = 200, body = IntegrationDto), (status = 404), (status = 422, description = "invalid_state")))]
#[patch("/integrations/{id}/")]
pub async fn update_integration(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<IntegrationPatchBody>,
) -> ApiResult<HttpResponse> {
    update_integration_changes(state, auth, id, body.0).await
}

/// Full update (PUT): `site_url` must be present; others keep their values when absent.
#[utoipa::path(tag = "integration", security(("bearer" = [])), request_body = IntegrationPatchBody, responses(
    (status = 200, body = IntegrationDto), (status = 404), (status = 422, description = "invalid_state")))]
#[put("/integrations/{id}/")]
pub async fn update_integration_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<IntegrationPatchBody>,
) -> ApiResult<HttpResponse> {
    update_integration_changes(state, auth, id, body.0).await
}

async fn update_integration_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    b: IntegrationPatchBody,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (auth.scope, IntegrationId(id.into_inner()));
    let ch = integration::integrations::IntegrationChanges {
        site_url: b.site_url,
        mode: b.mode,
        username: b.username,
        app_password: b.app_password,
        is_active: b.is_active,
        sync_enabled: b.sync_enabled,
    };
    let i = db(&state, move |c, st| {
        Ok(integration::integrations::update(
            c,
            &scope,
            &st.secret_key,
            id,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(IntegrationDto::from(i)))
}

/// Disconnects a site (editor+); its sync events go too, content keeps its links.
#[utoipa::path(tag = "integration", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/integrations/{id}/")]
pub async fn delete_integration(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (auth.scope, IntegrationId(id.into_inner()));
    db(&state, move |c, _| {
        Ok(integration::integrations::delete(c, &scope, id)?)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every attempt to talk to the site (publishes, checks, syncs, webhooks), newest first.
#[utoipa::path(tag = "integration", security(("bearer" = [])), params(EventQuery, EventList), responses(
    (status = 200, body = [SyncEventDto]), (status = 404)))]
#[get("/integrations/{id}/events/")]
pub async fn list_events(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    lp: ListParams,
    q: ApiQuery<EventQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("-id"))?;
    let (scope, id, page) = (auth.scope, IntegrationId(id.into_inner()), lp.page());
    let content = q.0.content_id.map(ContentId);
    let p = db(&state, move |c, _| {
        Ok(integration::events::list(c, &scope, id, content, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(SyncEventDto::from)))
}

/// Makes (or replaces) a site's API key (editor+). The key is in this answer only; the plugin
/// authenticates with it. A replaced key stops working at once.
#[utoipa::path(tag = "integration", security(("bearer" = [])), request_body = GenerateKeyBody, responses(
    (status = 201, body = SiteKeyDto), (status = 404)))]
#[post("/integrations/generate-api-key/")]
pub async fn generate_api_key(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<GenerateKeyBody>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, SiteId(body.0.site_id));
    let key = db(&state, move |c, st| {
        Ok(tenancy::site_keys::generate(
            c,
            &scope,
            site,
            &st.secret_key,
            st.clock.now(),
        )?)
    })
    .await?;
    let key_suffix = key[key.len().saturating_sub(4)..].to_owned();
    Ok(envelope::created(SiteKeyDto {
        site_id: site,
        api_key: key,
        key_suffix,
    }))
}

/// Checks the connection from our side (editor+): the site answers and accepts the credentials
/// (core: the application password, through `users/me`; bridge: the plugin, with the site
/// key). The outcome is stored on the integration and as a sync event.
#[utoipa::path(tag = "integration", security(("bearer" = [])), responses(
    (status = 200, body = CheckOutcome), (status = 404)))]
#[post("/integrations/{id}/test_connection/")]
pub async fn test_connection(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (auth.scope, IntegrationId(id.into_inner()));
    let out = remote(&state, move |st| {
        let rt = runtime(st)?;
        let clock = st.clock.clone();
        Ok(integration::inbound::test_connection(
            &rt,
            &st.pool,
            &scope,
            id,
            move || clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(out))
}

/// Pulls the status of every post the site's content is linked to (editor+) and applies it
/// like the webhook; answers what it found (a site that cannot be read is reported in the
/// answer and the sync event).
#[utoipa::path(tag = "integration", security(("bearer" = [])), responses(
    (status = 200, body = SyncReport), (status = 404), (status = 422, description = "invalid_state: sync disabled")))]
#[post("/integrations/{id}/sync/")]
pub async fn sync(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (auth.scope, IntegrationId(id.into_inner()));
    let out = remote(&state, move |st| {
        let rt = runtime(st)?;
        let clock = st.clock.clone();
        Ok(integration::inbound::sync(
            &rt,
            &st.pool,
            &scope,
            id,
            move || clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(out))
}

// ------------------------------------------------------------------------- plugin (site key)

/// The plugin checks its site key. Answers the key's site; a site with no integration gets a
/// bridge-mode one for `site_url` (422 `invalid_state` without it).
#[utoipa::path(tag = "integration", security(("site_key" = [])), request_body = PluginHelloBody, responses(
    (status = 200, body = PluginHello), (status = 401), (status = 422, description = "invalid_state")))]
#[post("/integrations/test-connection/")]
pub async fn plugin_test_connection(
    state: web::Data<AppState>,
    key: SiteKey,
    body: ApiJson<PluginHelloBody>,
) -> ApiResult<HttpResponse> {
    let scope = key.scope;
    let url = body.0.site_url;
    let out = db(&state, move |c, st| {
        Ok(integration::inbound::plugin_test_connection(
            c,
            &scope,
            url.as_deref(),
            &st.secret_key,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(out))
}

/// The plugin pushes the site's post types and taxonomies (site key; only its own site's
/// integration, another is 404).
#[utoipa::path(tag = "integration", security(("site_key" = [])), request_body = SiteStructureBody, responses(
    (status = 200, body = IntegrationDto), (status = 401), (status = 404)))]
#[post("/integrations/{id}/update_site_structure/")]
pub async fn update_site_structure(
    state: web::Data<AppState>,
    key: SiteKey,
    id: web::Path<i64>,
    body: ApiJson<SiteStructureBody>,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (key.scope, IntegrationId(id.into_inner()));
    let structure = serde_json::to_value(&body.0).unwrap_or_default();
    let i = db(&state, move |c, st| {
        Ok(integration::inbound::update_site_structure(
            c,
            &scope,
            id,
            &structure,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(IntegrationDto::from(i)))
}

/// The plugin reports a post's status change (site key). `publish`/`private` → `published`,
/// `future` → `scheduled`, `draft`/`pending`/`trash` → `not_published`, `deleted` → unlinked.
/// Idempotent; content of another site, or a post that is not the content's, is 404.
#[utoipa::path(tag = "integration", security(("site_key" = [])), request_body = StatusWebhookBody, responses(
    (status = 200, body = StatusApplied), (status = 401), (status = 404)))]
#[post("/webhooks/wordpress/status/")]
pub async fn status_webhook(
    state: web::Data<AppState>,
    key: SiteKey,
    body: ApiJson<StatusWebhookBody>,
) -> ApiResult<HttpResponse> {
    let scope = key.scope;
    let b = body.0;
    let change = integration::inbound::StatusChange {
        post_id: b.post_id,
        content_id: ContentId(b.content_id),
        post_status: b.post_status.as_str().to_owned(),
        post_url: b.post_url,
    };
    let out = db(&state, move |c, st| {
        Ok(integration::inbound::status_webhook(
            c,
            &scope,
            &change,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(out))
}

/// An image file of the key's site, for the plugin to download while publishing (site key).
#[utoipa::path(tag = "integration", security(("site_key" = [])), responses(
    (status = 200, description = "the file", content_type = "image/*"), (status = 401), (status = 404)))]
#[get("/media/{id}/")]
pub async fn media_file(
    state: web::Data<AppState>,
    key: SiteKey,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (scope, id) = (key.scope, ImageId(id.into_inner()));
    let f = db(&state, move |c, st| {
        Ok(content::images::image_file(
            c,
            &scope,
            st.media.as_ref(),
            id,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, f.format.mime()))
        .insert_header((CACHE_CONTROL, "private, max-age=3600"))
        .body(f.bytes))
}

// -------------------------------------------------------------------------------- publisher

async fn publish_content(
    state: web::Data<AppState>,
    auth: Auth,
    id: ContentId,
    at: Option<DateTime<Utc>>,
    unpublish: bool,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let item = db(&state, move |c, st| {
        let now = st.clock.now();
        if unpublish {
            integration::publish::request_unpublish(c, &scope, id, now)?;
        } else {
            integration::publish::request_publish(c, &scope, id, at, now)?;
        }
        Ok(content::content::get_content(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::accepted(ContentDto::from(item)))
}

/// Publishes a content item to its site's WordPress (editor+): approved content only; answers
/// 202 with the item `publishing` while the worker sends it (an item on the site is updated,
/// never duplicated). `publish_at` in the future schedules the post on the site.
#[utoipa::path(tag = "publisher", security(("bearer" = [])), request_body = PublishBody, responses(
    (status = 202, body = ContentDto), (status = 404),
    (status = 422, description = "invalid_state: not approved, already publishing, or no active integration")))]
#[post("/publish/")]
pub async fn publish(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<PublishBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let at = b
        .publish_at
        .as_deref()
        .map(|t| {
            DateTime::parse_from_rfc3339(t.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    kernel::FieldErrors::single(
                        "publish_at",
                        "Enter a date and time like 2031-05-06T07:08:00Z.",
                    )
                })
        })
        .transpose()?;
    publish_content(state, auth, ContentId(b.content_id), at, false).await
}

/// Publishes a content item now (editor+); as `publisher/publish/`.
#[utoipa::path(tag = "content", security(("bearer" = [])), responses(
    (status = 202, body = ContentDto), (status = 404),
    (status = 422, description = "invalid_state: not approved, already publishing, or no active integration")))]
#[post("/content/{id}/publish/")]
pub async fn publish_item(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    publish_content(state, auth, ContentId(id.into_inner()), None, false).await
}

/// Takes a published item off its site (back to draft in WordPress; editor+): 202, then
/// `site_status` `not_published`. A later publish brings back the same post.
#[utoipa::path(tag = "content", security(("bearer" = [])), responses(
    (status = 202, body = ContentDto), (status = 404),
    (status = 422, description = "invalid_state: not on its site, or no active integration")))]
#[post("/content/{id}/unpublish/")]
pub async fn unpublish_item(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    publish_content(state, auth, ContentId(id.into_inner()), None, true).await
}

/// A site's publishing scheduler settings (created from the defaults on first read).
#[utoipa::path(tag = "publisher", security(("bearer" = [])), responses(
    (status = 200, body = PublishingSettingsDto), (status = 404)))]
#[get("/settings/{site_id}/")]
pub async fn get_settings(
    state: web::Data<AppState>,
    auth: Auth,
    site: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, SiteId(site.into_inner()));
    let s = db(&state, move |c, st| {
        Ok(integration::scheduler::get_settings(
            c,
            &scope,
            site,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(PublishingSettingsDto::from(s)))
}

/// Changes a site's scheduler settings (editor+).
#[utoipa::path(tag = "publisher", security(("bearer" = [])), request_body = PublishingSettingsBody, responses(
    (status = 200, body = PublishingSettingsDto), (status = 404)))]
#[patch("/settings/{site_id}/")]
pub async fn update_settings(
    state: web::Data<AppState>,
    auth: Auth,
    site: web::Path<i64>,
    body: ApiJson<PublishingSettingsBody>,
) -> ApiResult<HttpResponse> {
    update_settings_changes(state, auth, site, body.0).await
}

/// Full update (PUT) of the scheduler settings: absent fields keep their values.
#[utoipa::path(tag = "publisher", security(("bearer" = [])), request_body = PublishingSettingsBody, responses(
    (status = 200, body = PublishingSettingsDto), (status = 404)))]
#[put("/settings/{site_id}/")]
pub async fn update_settings_put(
    state: web::Data<AppState>,
    auth: Auth,
    site: web::Path<i64>,
    body: ApiPut<PublishingSettingsBody>,
) -> ApiResult<HttpResponse> {
    update_settings_changes(state, auth, site, body.0).await
}

async fn update_settings_changes(
    state: web::Data<AppState>,
    auth: Auth,
    site: web::Path<i64>,
    b: PublishingSettingsBody,
) -> ApiResult<HttpResponse> {
    let (scope, site) = (auth.scope, SiteId(site.into_inner()));
    let ch = integration::scheduler::SettingsChanges {
        auto_publish_enabled: b.auto_publish_enabled,
        daily_limit: b.daily_limit,
        weekly_limit: b.weekly_limit,
        publish_days: b.publish_days.map(|d| d.into_iter().map(|x| x.0).collect()),
        time_slots: b.time_slots.map(|t| t.into_iter().map(|x| x.0).collect()),
    };
    let s = db(&state, move |c, st| {
        Ok(integration::scheduler::update_settings(
            c,
            &scope,
            site,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(PublishingSettingsDto::from(s)))
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    #[test]
    fn what_the_publish_at_rule_allows_parses() {
        for t in [
            "2031-05-06T07:08:00Z",
            "2028-02-29T23:59:59.123456789+23:59",
            "2000-02-29T00:00:00-00:00",
            "0000-01-31T00:00:00Z",
            "9999-12-31T23:59:59.5-12:30",
        ] {
            assert!(DateTime::parse_from_rfc3339(t).is_ok(), "{t}");
        }
    }
}
