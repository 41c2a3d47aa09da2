//! `/api/v1/system/ai-settings/`: the account's AI provider settings. Any member reads (the API
//! key is never served); admins and owners change them.

use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, Auth};
use crate::state::AppState;
use actix_web::{HttpResponse, get, put, web};
use automation::ai_settings::{self, AiSettings, AiSettingsUpdate};

/// The account's AI settings; `null` fields use the platform's. Only `has_api_key` and
/// `api_key_last4` tell about the key.
#[utoipa::path(tag = "system", security(("bearer" = [])), responses((status = 200, body = AiSettings)))]
#[get("/ai-settings/")]
pub async fn get_settings(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let s = db(&state, move |c, _| {
        Ok(ai_settings::get_ai_settings(c, &scope)?)
    })
    .await?;
    Ok(envelope::ok(s))
}

/// Replaces the account's AI settings (admin or above). Absent or `null` fields go back to the
/// platform's; `api_key` absent keeps the stored key, `""` removes it, a value replaces it
/// (stored encrypted).
#[utoipa::path(tag = "system", security(("bearer" = [])), request_body = AiSettingsUpdate, responses(
    (status = 200, body = AiSettings),
    (status = 400, description = "validation_failed: errors by field"),
    (status = 403, description = "permission_denied: admins and owners only")))]
#[put("/ai-settings/")]
pub async fn update_settings(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<AiSettingsUpdate>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let update = body.0;
    let s = db(&state, move |c, st| {
        Ok(ai_settings::update_ai_settings(
            c,
            &scope,
            &update,
            &st.secret_key,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(s))
}
