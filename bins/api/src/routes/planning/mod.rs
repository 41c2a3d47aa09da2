//! Planner routes under `/api/v1/planner/` and the keyword library under
//! `/api/v1/keywords-library/`.

pub mod clusters;
pub mod dto;
pub mod ideas;
pub mod keywords;
pub mod library;

use super::Routes;

/// Registers the planner routes. Fixed paths (`filter_options/`, `bulk_delete/`, ...) come
/// before `{id}/` so they are not taken for an id.
pub fn configure<R: Routes>(cfg: &mut R) {
    cfg.service(crate::routes::ai_actions::auto_cluster)
        .service(crate::routes::ai_actions::generate_ideas)
        .service(keywords::filter_options)
        .service(keywords::bulk_delete)
        .service(keywords::bulk_update)
        .service(keywords::import_csv)
        .service(keywords::export_csv)
        .service(keywords::bulk_add_from_seed)
        .service(keywords::list)
        .service(keywords::create)
        .service(keywords::get)
        .service(keywords::update)
        .service(keywords::update_put)
        .service(keywords::delete)
        .service(clusters::filter_options)
        .service(clusters::bulk_delete)
        .service(clusters::list)
        .service(clusters::create)
        .service(clusters::get)
        .service(clusters::update)
        .service(clusters::update_put)
        .service(clusters::delete)
        .service(ideas::filter_options)
        .service(ideas::bulk_delete)
        .service(ideas::create_tasks)
        .service(ideas::list)
        .service(ideas::create)
        .service(ideas::get)
        .service(ideas::update)
        .service(ideas::update_put)
        .service(ideas::delete);
}

/// Registers the keyword library routes.
pub fn configure_library<R: Routes>(cfg: &mut R) {
    cfg.service(library::sector_stats).service(library::list);
}
