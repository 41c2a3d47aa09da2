//! Route registration. Every handler is registered through `utoipa_actix_web`, so the OpenAPI
//! document is generated from the same registrations that serve requests.

pub mod content;
pub mod system;
pub mod tenancy;

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every API route.
pub fn configure(cfg: &mut ServiceConfig) {
    // No bare "/api" scope: actix scopes match by prefix and would swallow /api/v1 and /api/docs.
    cfg.service(system::ping)
        .service(scope::scope("/api/v1/auth").configure(tenancy::configure))
        .service(scope::scope("/api/v1/writer").configure(content::configure));
}
