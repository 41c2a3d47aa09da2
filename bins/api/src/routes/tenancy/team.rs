//! `/api/v1/auth/account/`, `users/` (team) and `site-access/`.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use kernel::{Order, Role, SiteAccessId, SiteId, UserId};
use serde::Deserialize;
use std::collections::BTreeMap;
use tenancy::users::{MemberChanges, NewMember, USER_ORDERING, UserFilter, UserOrder};

/// The caller's account with its plan.
#[utoipa::path(tag = "account", security(("bearer" = [])), responses((status = 200, body = AccountDto)))]
#[get("/account/")]
pub async fn get_account(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let (a, p) = db(&state, move |c, _| {
        Ok(tenancy::accounts::get_account(c, &scope)?)
    })
    .await?;
    Ok(envelope::ok(AccountDto::new(a, p)))
}

/// Updates name, time zone and billing contact (admin+).
#[utoipa::path(tag = "account", security(("bearer" = [])), request_body = AccountBody, responses(
    (status = 200, body = AccountDto), (status = 400), (status = 403, description = "permission_denied")))]
#[patch("/account/")]
pub async fn update_account(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<AccountBody>,
) -> ApiResult<HttpResponse> {
    update_account_changes(state, auth, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "account", security(("bearer" = [])), request_body = AccountBody, responses(
    (status = 200, body = AccountDto), (status = 400), (status = 403, description = "permission_denied")))]
#[put("/account/")]
pub async fn update_account_put(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiPut<AccountBody>,
) -> ApiResult<HttpResponse> {
    update_account_changes(state, auth, ApiJson(body.0)).await
}

async fn update_account_changes(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<AccountBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let ch = tenancy::accounts::AccountChanges {
        name: b.name,
        timezone: b.timezone,
        billing_email: b.billing_email,
        billing_name: b.billing_name,
        billing_address: b.billing_address,
        billing_country: b.billing_country,
        tax_id: b.tax_id,
    };
    let (a, p) = db(&state, move |c, st| {
        Ok(tenancy::accounts::update_account(
            c,
            &scope,
            ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(AccountDto::new(a, p)))
}

/// Team list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Role.
    pub role: Option<Role>,
    /// Active flag.
    pub is_active: Option<bool>,
    /// Substring of email or names.
    pub search: Option<String>,
}

impl UserQuery {
    fn filter(self) -> UserFilter {
        UserFilter {
            role: self.role,
            is_active: self.is_active,
            search: self.search,
        }
    }
}

crate::list_params!(
    UserList,
    crate::contract::ordering_values(tenancy::users::USER_ORDERING)
);

/// Lists the team (admin+). Ordering: `email`, `created_at`, `role`.
#[utoipa::path(tag = "team", security(("bearer" = [])), params(UserQuery, UserList), responses((status = 200, body = [UserDto])))]
#[get("/users/")]
pub async fn list_users(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<UserQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(
        USER_ORDERING,
        Order {
            field: UserOrder::CreatedAt,
            descending: false,
        },
    )?;
    let page = lp.page();
    let scope = auth.scope;
    let f = q.0.filter();
    let p = db(&state, move |c, _| {
        Ok(tenancy::users::list_users(c, &scope, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(UserDto::from)))
}

/// Distinct `role` and `is_active` values among members matching the other filters.
#[utoipa::path(tag = "team", security(("bearer" = [])), params(UserQuery), responses((status = 200)))]
#[get("/users/filter_options/")]
pub async fn user_filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<UserQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let f = q.0.filter();
    let (roles, active) = db(&state, move |c, _| {
        Ok(tenancy::users::user_filter_options(c, &scope, &f)?)
    })
    .await?;
    let mut out: BTreeMap<&str, Vec<FilterOption>> = BTreeMap::new();
    out.insert(
        "role",
        std::iter::once(FilterOption::all())
            .chain(roles.into_iter().map(|r| FilterOption {
                label: capitalize(&r),
                value: r,
            }))
            .collect(),
    );
    out.insert("is_active", bool_options(active));
    Ok(envelope::ok(out))
}

/// `[All, Active, Inactive]` limited to the values present.
pub fn bool_options(values: Vec<bool>) -> Vec<FilterOption> {
    std::iter::once(FilterOption::all())
        .chain(values.into_iter().map(|b| FilterOption {
            value: b.to_string(),
            label: if b {
                "Active".into()
            } else {
                "Inactive".into()
            },
        }))
        .collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Adds a member who can log in at once (admin+; plan `max_users` enforced).
#[utoipa::path(tag = "team", security(("bearer" = [])), request_body = NewUserBody, responses(
    (status = 201, body = UserDto), (status = 403, description = "permission_denied / plan_limit_reached"), (status = 409)))]
#[post("/users/")]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<NewUserBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let m = NewMember {
        email: b.email,
        password: b.password,
        first_name: b.first_name,
        last_name: b.last_name,
        role: b.role,
    };
    let u = db(&state, move |c, st| {
        Ok(tenancy::users::create_user(c, &scope, &m, st.clock.now())?)
    })
    .await?;
    Ok(envelope::created(UserDto::from(u)))
}

/// One member (admin+).
#[utoipa::path(tag = "team", security(("bearer" = [])), responses((status = 200, body = UserDto), (status = 404)))]
#[get("/users/{id}/")]
pub async fn get_user(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = UserId(id.into_inner());
    let u = db(&state, move |c, _| {
        Ok(tenancy::users::get_user(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(UserDto::from(u)))
}

/// Changes role, names or active flag (admin+; owners only by owners; the last owner stays).
#[utoipa::path(tag = "team", security(("bearer" = [])), request_body = UserChangesBody, responses(
    (status = 200, body = UserDto), (status = 409, description = "conflict: last owner")))]
#[patch("/users/{id}/")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<UserChangesBody>,
) -> ApiResult<HttpResponse> {
    update_user_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "team", security(("bearer" = [])), request_body = UserChangesBody, responses(
    (status = 200, body = UserDto), (status = 409, description = "conflict: last owner")))]
#[put("/users/{id}/")]
pub async fn update_user_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<UserChangesBody>,
) -> ApiResult<HttpResponse> {
    update_user_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_user_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<UserChangesBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = UserId(id.into_inner());
    let b = body.0;
    let ch = MemberChanges {
        role: b.role,
        first_name: b.first_name,
        last_name: b.last_name,
        is_active: b.is_active,
    };
    let u = db(&state, move |c, st| {
        Ok(tenancy::users::update_user(
            c,
            &scope,
            id,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(UserDto::from(u)))
}

/// Removes a member (admin+; the last owner stays).
#[utoipa::path(tag = "team", security(("bearer" = [])), responses((status = 204), (status = 404), (status = 409)))]
#[delete("/users/{id}/")]
pub async fn delete_user(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = UserId(id.into_inner());
    db(&state, move |c, _| {
        Ok(tenancy::users::delete_user(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Grant list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccessQuery {
    /// Member.
    pub user_id: Option<i64>,
    /// Site.
    pub site_id: Option<i64>,
}

crate::list_params!(AccessList, vec!["id".to_owned()]);

/// Lists site-access grants (admin+).
#[utoipa::path(tag = "team", security(("bearer" = [])), params(AccessQuery, AccessList), responses((status = 200, body = [SiteAccessDto])))]
#[get("/site-access/")]
pub async fn list_access(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<AccessQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("id"))?;
    let scope = auth.scope;
    let f = tenancy::access::AccessFilter {
        user_id: q.0.user_id.map(UserId),
        site_id: q.0.site_id.map(SiteId),
    };
    let page = lp.page();
    let p = db(&state, move |c, _| {
        Ok(tenancy::access::list_access(c, &scope, &f, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(SiteAccessDto::from)))
}

/// Grants a member access to a site (admin+).
#[utoipa::path(tag = "team", security(("bearer" = [])), request_body = GrantBody, responses((status = 201, body = SiteAccessDto), (status = 400)))]
#[post("/site-access/")]
pub async fn grant_access(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<GrantBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let g = db(&state, move |c, st| {
        Ok(tenancy::access::grant_access(
            c,
            &scope,
            b.user_id,
            b.site_id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(SiteAccessDto::from(g)))
}

/// Revokes a grant (admin+).
#[utoipa::path(tag = "team", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/site-access/{id}/")]
pub async fn revoke_access(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = SiteAccessId(id.into_inner());
    db(&state, move |c, _| {
        Ok(tenancy::access::revoke_access(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}
