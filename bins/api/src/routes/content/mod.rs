//! Writer routes under `/api/v1/writer/`: tasks, content, taxonomies, images.
//!
//! The AI actions (`auto_generate_content/`, `generate_image_prompts/`, `generate_images/`)
//! belong to the AI engine, `publish/`/`unpublish/` to publishing.

pub mod dto;
pub mod images;
pub mod items;
pub mod tasks;
pub mod taxonomies;

use super::Routes;
use crate::routes::tenancy::dto::FilterOption;
use std::collections::BTreeMap;

/// Registers every writer route. Fixed paths (`filter_options/`, `bulk_*`) come before the
/// `{id}` routes they would otherwise be captured by.
pub fn configure<R: Routes>(cfg: &mut R) {
    cfg.service(crate::routes::ai_actions::auto_generate_content)
        .service(crate::routes::ai_actions::generate_image_prompts)
        .service(crate::routes::ai_actions::generate_images)
        .service(tasks::task_filter_options)
        .service(tasks::bulk_delete_tasks)
        .service(tasks::bulk_update_tasks)
        .service(tasks::list_tasks)
        .service(tasks::create_task)
        .service(tasks::get_task)
        .service(tasks::update_task)
        .service(tasks::update_task_put)
        .service(tasks::delete_task)
        .service(items::content_filter_options)
        .service(items::bulk_delete_content)
        .service(items::list_content)
        .service(items::create_content)
        .service(items::get_content)
        .service(items::update_content)
        .service(items::update_content_put)
        .service(items::delete_content)
        .service(items::submit_for_review)
        .service(items::approve_content)
        .service(crate::routes::integration::publish_item)
        .service(crate::routes::integration::unpublish_item)
        .service(taxonomies::taxonomy_filter_options)
        .service(taxonomies::list_taxonomies)
        .service(taxonomies::create_taxonomy)
        .service(taxonomies::get_taxonomy)
        .service(taxonomies::update_taxonomy)
        .service(taxonomies::update_taxonomy_put)
        .service(taxonomies::delete_taxonomy)
        .service(images::image_filter_options)
        .service(images::list_images)
        .service(images::upload_image)
        .service(images::get_image)
        .service(images::image_file)
        .service(images::delete_image);
}

/// The `filter_options` body: each field's options after a leading "All".
pub fn filter_options_body(
    fields: ::content::model::FilterOptions,
) -> BTreeMap<&'static str, Vec<FilterOption>> {
    fields
        .into_iter()
        .map(|(field, opts)| {
            (
                field,
                std::iter::once(FilterOption::all())
                    .chain(opts.into_iter().map(|o| FilterOption {
                        value: o.value,
                        label: o.label,
                    }))
                    .collect(),
            )
        })
        .collect()
}
