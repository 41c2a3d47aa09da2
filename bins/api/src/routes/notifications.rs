//! `/api/v1/notifications/`: list, mark one read, mark all read. Every member may read and mark.

use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use kernel::NotificationId;
use serde::Deserialize;
use tenancy::notifications::Notification;

/// Notification list filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only read (true) or unread (false) ones.
    pub is_read: Option<bool>,
}

crate::list_params!(NotificationList, vec!["-created_at".to_owned()]);

/// The account's notifications, newest first.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), params(NotificationQuery, NotificationList), responses((status = 200, body = [Notification])))]
#[get("/")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<NotificationQuery>,
) -> ApiResult<HttpResponse> {
    lp.fixed_order(Some("-created_at"))?;
    let scope = auth.scope;
    let page = lp.page();
    let is_read = q.0.is_read;
    let p = db(&state, move |c, _| {
        Ok(tenancy::notifications::list(c, &scope, is_read, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p))
}

/// Marks one notification read.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), responses((status = 200, body = Notification), (status = 404)))]
#[post("/{id}/read/")]
pub async fn read(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = NotificationId(id.into_inner());
    let n = db(&state, move |c, st| {
        Ok(tenancy::notifications::mark_read(
            c,
            &scope,
            id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(n))
}

/// Marks every notification read; answers `{"affected": N}`.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), responses((status = 200)))]
#[post("/read_all/")]
pub async fn read_all(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let n = db(&state, move |c, st| {
        Ok(tenancy::notifications::mark_all_read(
            c,
            &scope,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(serde_json::json!({"affected": n})))
}
