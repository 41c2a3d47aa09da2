//! Route registration. One list of routes ([`configure`]) feeds two sinks through [`Routes`]:
//! `utoipa_actix_web`'s config, which registers each handler and collects its OpenAPI
//! description (the document is generated from the very registrations that serve requests), and
//! actix's plain config, which only registers: the server's workers serve with it and get the
//! document from `api openapi` (see `main.rs`), so describing ~190 routes is not done once per
//! worker and its code and memory stay out of the serving process.

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

use actix_web::dev::HttpServiceFactory;
use utoipa_actix_web::OpenApiFactory;

/// Where routes are registered: actix's `web::ServiceConfig` (routes only) or
/// `utoipa_actix_web`'s `ServiceConfig` (routes and their OpenAPI description).
pub trait Routes {
    /// The config of a scope's routes.
    type Scoped<'b>: Routes;

    /// Registers one handler.
    fn service<F>(&mut self, handler: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static;

    /// Registers the routes `add` adds under the path prefix `path`.
    fn scope(
        &mut self,
        path: &'static str,
        add: impl for<'b> FnOnce(&mut Self::Scoped<'b>),
    ) -> &mut Self;
}

impl Routes for actix_web::web::ServiceConfig {
    type Scoped<'b> = actix_web::web::ServiceConfig;

    fn service<F>(&mut self, handler: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        actix_web::web::ServiceConfig::service(self, handler)
    }

    fn scope(
        &mut self,
        path: &'static str,
        add: impl for<'b> FnOnce(&mut Self::Scoped<'b>),
    ) -> &mut Self {
        actix_web::web::ServiceConfig::service(self, actix_web::web::scope(path).configure(add))
    }
}

impl<'s> Routes for utoipa_actix_web::service_config::ServiceConfig<'s> {
    type Scoped<'b> = utoipa_actix_web::service_config::ServiceConfig<'b>;

    fn service<F>(&mut self, handler: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        utoipa_actix_web::service_config::ServiceConfig::service(self, handler)
    }

    fn scope(
        &mut self,
        path: &'static str,
        add: impl for<'b> FnOnce(&mut Self::Scoped<'b>),
    ) -> &mut Self {
        utoipa_actix_web::service_config::ServiceConfig::service(
            self,
            utoipa_actix_web::scope::scope(path).configure(add),
        )
    }
}

/// Registers every API route.
pub fn configure<R: Routes>(cfg: &mut R) {
    // No bare "/api" scope: actix scopes match by prefix and would swallow /api/v1 and /api/docs.
    cfg.service(system::ping)
        .service(system::ready)
        .scope("/api/v1/auth", |c| tenancy::configure(c))
        .scope("/api/v1/planner", |c| planning::configure(c))
        .scope("/api/v1/keywords-library", |c| {
            planning::configure_library(c)
        })
        .scope("/api/v1/notifications", |c| {
            c.service(notifications::list)
                .service(notifications::read_all)
                .service(notifications::read);
        })
        .scope("/api/v1/system", |c| {
            c.service(ai_tasks::get_ai_task)
                .service(ai_tasks::ai_task_events)
                .service(ai_tasks::jobs)
                .service(prompts::list)
                .service(prompts::by_type)
                .service(prompts::save_prompt)
                .service(prompts::reset_prompt)
                .service(ai_settings::get_settings)
                .service(ai_settings::update_settings);
        })
        .scope("/api/v1/billing", |c| billing::configure(c));
    billing::configure_admin(cfg);
    cfg.scope("/api/v1/writer", |c| content::configure(c))
        .scope("/api/v1/integration", |c| {
            c.service(integration::generate_api_key)
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
                .service(integration::media_file);
        })
        .scope("/api/v1/publisher", |c| {
            c.service(integration::publish)
                .service(integration::get_settings)
                .service(integration::update_settings)
                .service(integration::update_settings_put);
        })
        .scope("/api/v1/automation", |c| {
            c.service(automation::config)
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
                .service(automation::run_events);
        });
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
