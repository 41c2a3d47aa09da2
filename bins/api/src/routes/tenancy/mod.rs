//! Tenancy routes under `/api/v1/auth/`.

pub mod auth;
pub mod dto;
pub mod sites;
pub mod team;

use super::Routes;

/// Registers every tenancy route.
pub fn configure<R: Routes>(cfg: &mut R) {
    cfg.service(auth::register)
        .service(auth::login)
        .service(auth::token_refresh)
        .service(auth::refresh_alias)
        .service(auth::logout)
        .service(auth::me)
        .service(auth::update_me)
        .service(auth::update_me_put)
        .service(auth::password_change)
        .service(auth::password_reset)
        .service(auth::password_reset_confirm)
        .service(team::get_account)
        .service(team::update_account)
        .service(team::update_account_put)
        .service(team::user_filter_options)
        .service(team::list_users)
        .service(team::create_user)
        .service(team::get_user)
        .service(team::update_user)
        .service(team::update_user_put)
        .service(team::delete_user)
        .service(team::list_access)
        .service(team::grant_access)
        .service(team::revoke_access)
        .service(sites::site_filter_options)
        .service(sites::list_sites)
        .service(sites::create_site)
        .service(sites::get_site)
        .service(sites::update_site)
        .service(sites::update_site_put)
        .service(sites::delete_site)
        .service(sites::set_active)
        .service(sites::select_sectors)
        .service(sites::site_sectors)
        .service(sites::list_sectors)
        .service(sites::get_sector)
        .service(sites::update_sector)
        .service(sites::update_sector_put)
        .service(sites::industries)
        .service(sites::plans);
}
