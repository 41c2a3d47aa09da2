//! `/api/v1/system/prompts/`: the account's AI prompt templates. Any member reads; editors and
//! above save and reset.

use crate::blocking::db;
use crate::envelope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use automation::prompts::{self, Prompt};
use kernel::Page;
use serde::Deserialize;

/// `by_type/` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ByTypeQuery {
    /// `clustering`, `ideas`, `content`, `image_prompts` or `image`.
    #[serde(rename = "type")]
    #[param(rename = "type", required = true, value_type = PromptType)]
    pub prompt_type: String,
}

/// The prompt types, as the document names them (`ai::prompts::PromptFunction`'s wire names).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // documentation only
pub enum PromptType {
    /// `clustering`.
    Clustering,
    /// `ideas`.
    Ideas,
    /// `content`.
    Content,
    /// `image_prompts`.
    ImagePrompts,
    /// `image`.
    Image,
}

/// `save_prompt/` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SavePrompt {
    /// `clustering`, `ideas`, `content`, `image_prompts` or `image`.
    #[schema(value_type = PromptType)]
    pub prompt_type: String,
    /// The template, with `{variable}` placeholders (see `variables` of the list).
    pub prompt_value: String,
}

/// `reset_prompt/` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPrompt {
    /// `clustering`, `ideas`, `content`, `image_prompts` or `image`.
    #[schema(value_type = PromptType)]
    pub prompt_type: String,
}

crate::list_params!(PromptList, vec![]);

/// Every AI function's template in force for the account (its own or the built-in one), with
/// the variables each may use. One page holds them all.
#[utoipa::path(params(PromptList), tag = "system", security(("bearer" = [])), responses((status = 200, body = [Prompt])))]
#[get("/prompts/")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: crate::extract::ListParams,
) -> ApiResult<HttpResponse> {
    // The pipeline's order (clustering, ideas, content, image prompts, image), not a field.
    lp.fixed_order(None)?;
    let scope = auth.scope;
    let items = db(&state, move |c, _| Ok(prompts::list_prompts(c, &scope)?)).await?;
    Ok(envelope::list(&req, Page::slice(items, lp.page())))
}

/// One AI function's template in force for the account.
#[utoipa::path(tag = "system", security(("bearer" = [])), params(ByTypeQuery), responses(
    (status = 200, body = Prompt),
    (status = 400, description = "validation_failed: unknown `type`")))]
#[get("/prompts/by_type/")]
pub async fn by_type(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<ByTypeQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let function = prompts::parse_prompt_type("type", &q.0.prompt_type)?;
    let p = db(&state, move |c, _| {
        Ok(prompts::get_prompt(c, &scope, function)?)
    })
    .await?;
    Ok(envelope::ok(p))
}

/// Saves the account's own template for one AI function (editor or above).
#[utoipa::path(tag = "system", security(("bearer" = [])), request_body = SavePrompt, responses(
    (status = 200, body = Prompt),
    (status = 400, description = "validation_failed: `errors.prompt_type` (unknown type) or `errors.prompt_value` (every problem: unknown or missing variables, empty, too long)"),
    (status = 403, description = "permission_denied: viewers cannot change prompts")))]
#[post("/prompts/save_prompt/")]
pub async fn save_prompt(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<SavePrompt>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let SavePrompt {
        prompt_type,
        prompt_value,
    } = body.0;
    let p = db(&state, move |c, st| {
        let function = prompts::parse_prompt_type("prompt_type", &prompt_type)?;
        Ok(prompts::save_prompt(
            c,
            &scope,
            function,
            &prompt_value,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(p))
}

/// Drops the account's template for one AI function, back to the built-in one (editor or
/// above). Resetting an unchanged template succeeds.
#[utoipa::path(tag = "system", security(("bearer" = [])), request_body = ResetPrompt, responses(
    (status = 200, body = Prompt),
    (status = 400, description = "validation_failed: unknown `prompt_type`"),
    (status = 403, description = "permission_denied: viewers cannot change prompts")))]
#[post("/prompts/reset_prompt/")]
pub async fn reset_prompt(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<ResetPrompt>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let prompt_type = body.0.prompt_type;
    let p = db(&state, move |c, _| {
        let function = prompts::parse_prompt_type("prompt_type", &prompt_type)?;
        Ok(prompts::reset_prompt(c, &scope, function)?)
    })
    .await?;
    Ok(envelope::ok(p))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_documented_prompt_types_are_the_functions() {
        let doc = crate::openapi();
        let names: Vec<&str> = ai::prompts::PromptFunction::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(
            doc["components"]["schemas"]["PromptType"]["enum"],
            serde_json::json!(names)
        );
    }
}
