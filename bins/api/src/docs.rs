//! The OpenAPI document's root: info, security scheme, tags.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Root document; paths and schemas are collected from the registered handlers.
#[derive(OpenApi)]
#[openapi(
    info(title = "IGNY8 API", description = "Keyword research to published articles. Envelope, errors, paging and auth follow spec/API.md."),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-up, sessions and passwords"),
        (name = "account", description = "The caller's account"),
        (name = "team", description = "Members and per-site access"),
        (name = "sites", description = "Sites and sectors"),
        (name = "reference", description = "Industries and plans"),
        (name = "notifications", description = "Account notifications"),
        (name = "billing", description = "Credits, subscription, credit packages, invoices and payments"),
        (name = "admin", description = "Platform staff only"),
        (name = "tasks", description = "Writer tasks"),
        (name = "content", description = "Content items, sanitized HTML, editorial status"),
        (name = "taxonomies", description = "Categories and tags per site"),
        (name = "images", description = "Content images, uploads and files"),
        (name = "planner", description = "Keywords, CSV import/export, keyword library, clusters and ideas"),
        (name = "system", description = "Health and operations"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        // The WordPress plugin's site key (also accepted as `Authorization: Bearer <key>`).
        components.add_security_scheme(
            "site_key",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Header(
                utoipa::openapi::security::ApiKeyValue::new("X-IGNY8-API-KEY"),
            )),
        );
    }
}
