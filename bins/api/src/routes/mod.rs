//! Route registration. Every handler is registered through `utoipa_actix_web`, so the OpenAPI
//! document is generated from the same registrations that serve requests.

pub mod ai_actions;
pub mod ai_settings;
pub mod ai_tasks;
pub mod automation;
pub mod billing;
pub mod content;
pub mod integration;
pub mod notifications;
pub mod planning;
pub mod prompts;
pub mod system;
pub mod tenancy;

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every API route.
pub fn configure(cfg: &mut ServiceConfig) {
    // No bare "/api" scope: actix scopes match by prefix and would swallow /api/v1 and /api/docs.
    cfg.service(system::ping)
        .service(system::ready)
        .service(scope::scope("/api/v1/auth").configure(tenancy::configure))
        .service(scope::scope("/api/v1/planner").configure(planning::configure))
        .service(scope::scope("/api/v1/keywords-library").configure(planning::configure_library))
        .service(
            scope::scope("/api/v1/notifications")
                .service(notifications::list)
                .service(notifications::read_all)
                .service(notifications::read),
        )
        .service(
            scope::scope("/api/v1/system")
                .service(ai_tasks::get_ai_task)
                .service(ai_tasks::ai_task_events)
                .service(ai_tasks::jobs)
                .service(prompts::list)
                .service(prompts::by_type)
                .service(prompts::save_prompt)
                .service(prompts::reset_prompt)
                .service(ai_settings::get_settings)
                .service(ai_settings::update_settings),
        )
        .service(scope::scope("/api/v1/billing").configure(billing::configure))
        .configure(billing::configure_admin)
        .service(scope::scope("/api/v1/writer").configure(content::configure))
        .service(
            scope::scope("/api/v1/integration")
                .service(integration::generate_api_key)
                .service(integration::plugin_test_connection)
                .service(integration::list_integrations)
                .service(integration::create_integration)
                .service(integration::get_integration)
                .service(integration::update_integration)
                .service(integration::update_integration_put)
                .service(integration::delete_integration)
                .service(integration::list_events)
                .service(integration::test_connection)
                .service(integration::sync)
                .service(integration::update_site_structure)
                .service(integration::status_webhook)
                .service(integration::media_file),
        )
        .service(
            scope::scope("/api/v1/publisher")
                .service(integration::publish)
                .service(integration::get_settings)
                .service(integration::update_settings)
                .service(integration::update_settings_put),
        )
        .service(
            scope::scope("/api/v1/automation")
                .service(automation::config)
                .service(automation::update_config)
                .service(automation::estimate)
                .service(automation::run_now)
                .service(automation::current_run)
                .service(automation::history)
                .service(automation::logs)
                .service(automation::pipeline_overview)
                .service(automation::pause)
                .service(automation::resume)
                .service(automation::cancel)
                .service(automation::run_events),
        );
}

/// Update bodies that PUT accepts, with the fields a full update must carry (those a create
/// requires, less the ones fixed at creation such as `site_id`).
mod put_bodies {
    use crate::extract::PutBody;

    macro_rules! put_body {
        ($($t:path => [$($f:literal),*];)+) => {
            $(impl PutBody for $t {
                const REQUIRED: &'static [&'static str] = &[$($f),*];
            })+

            /// `(schema name, required fields)` of every PUT body, for the OpenAPI document.
            pub fn all() -> Vec<(String, &'static [&'static str])> {
                vec![$((<$t as utoipa::ToSchema>::name().into_owned(), <$t as PutBody>::REQUIRED)),+]
            }
        };
    }

    put_body! {
        super::planning::dto::KeywordPatch => ["keyword"];
        super::planning::dto::ClusterPatch => ["name"];
        super::planning::dto::IdeaPatch => ["idea_title"];
        super::tenancy::dto::SiteBody => ["name"];
        super::tenancy::dto::SectorBody => ["name"];
        super::tenancy::dto::MeBody => [];
        super::tenancy::dto::AccountBody => ["name"];
        super::tenancy::dto::UserChangesBody => ["role"];
        super::content::dto::TaskPatchBody => ["title"];
        super::content::dto::ContentPatchBody => ["title"];
        super::content::dto::TaxonomyPatchBody => ["name"];
        super::integration::IntegrationPatchBody => ["site_url"];
        super::integration::PublishingSettingsBody => [];
    }
}

pub use put_bodies::all as put_bodies;
