//! An account's prompt templates: the built-in template of every AI function, replaced by the
//! account's own where it saved one (`ai_prompt_overrides`). Overrides are checked with
//! [`ai::check_template`] before they are stored, so the AI jobs only ever see valid templates.

use crate::Result;
use ai::PromptFunction;
use chrono::{DateTime, Utc};
use db::schema::ai_prompt_overrides;
use diesel::prelude::*;
use kernel::{FieldErrors, Role};
use serde::Serialize;
use std::collections::BTreeMap;
use tenancy::Scope;

/// One variable a template may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PromptVariable {
    /// Name as written between braces.
    pub name: String,
    /// Whether every template of the function must use it.
    pub required: bool,
    /// What the value holds.
    pub description: String,
}

/// The template in force for one AI function of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Prompt {
    /// `clustering`, `ideas`, `content`, `image_prompts` or `image`.
    pub prompt_type: String,
    /// The account's override, or the built-in template.
    pub prompt_value: String,
    /// The built-in template.
    pub default_value: String,
    /// True when the account saved its own template.
    pub is_custom: bool,
    /// The variables a template of this function may use.
    pub variables: Vec<PromptVariable>,
    /// When the override was last saved (absent for a built-in template).
    pub updated_at: Option<DateTime<Utc>>,
}

/// A stored override.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ai_prompt_overrides)]
struct Override {
    prompt_type: String,
    prompt_value: String,
    updated_at: DateTime<Utc>,
}

fn view(function: PromptFunction, stored: Option<&Override>) -> Prompt {
    Prompt {
        prompt_type: function.as_str().to_owned(),
        prompt_value: stored.map_or_else(
            || function.default_template().to_owned(),
            |o| o.prompt_value.clone(),
        ),
        default_value: function.default_template().to_owned(),
        is_custom: stored.is_some(),
        variables: function
            .variables()
            .iter()
            .map(|v| PromptVariable {
                name: v.name.to_owned(),
                required: v.required,
                description: v.description.to_owned(),
            })
            .collect(),
        updated_at: stored.map(|o| o.updated_at),
    }
}

/// Parses a prompt type named in a request; an unknown one is a validation error on `field`.
pub fn parse_prompt_type(field: &str, name: &str) -> Result<PromptFunction> {
    PromptFunction::parse(name.trim()).ok_or_else(|| {
        let known: Vec<&str> = PromptFunction::ALL.iter().map(|f| f.as_str()).collect();
        tenancy::Error::Validation(FieldErrors::single(
            field,
            format!(
                "unknown prompt type {name:?}; expected one of: {}",
                known.join(", ")
            ),
        ))
        .into()
    })
}

fn overrides(conn: &mut PgConnection, scope: &Scope) -> Result<Vec<Override>> {
    Ok(ai_prompt_overrides::table
        .filter(ai_prompt_overrides::account_id.eq(scope.account_id()))
        .select(Override::as_select())
        .load(conn)?)
}

fn one_override(
    conn: &mut PgConnection,
    scope: &Scope,
    function: PromptFunction,
) -> Result<Option<Override>> {
    Ok(ai_prompt_overrides::table
        .filter(ai_prompt_overrides::account_id.eq(scope.account_id()))
        .filter(ai_prompt_overrides::prompt_type.eq(function.as_str()))
        .select(Override::as_select())
        .first(conn)
        .optional()?)
}

/// The account's overrides by function, for the AI jobs. Rows whose type this build does not
/// know are skipped (the CHECK constraint keeps them out).
pub(crate) fn override_map(
    conn: &mut PgConnection,
    scope: &Scope,
) -> Result<BTreeMap<PromptFunction, String>> {
    Ok(overrides(conn, scope)?
        .into_iter()
        .filter_map(|o| PromptFunction::parse(&o.prompt_type).map(|f| (f, o.prompt_value)))
        .collect())
}

/// Every AI function's template in force for the account, in a fixed order. Any member may read.
pub fn list_prompts(conn: &mut PgConnection, scope: &Scope) -> Result<Vec<Prompt>> {
    let stored = overrides(conn, scope)?;
    Ok(PromptFunction::ALL
        .iter()
        .map(|f| view(*f, stored.iter().find(|o| o.prompt_type == f.as_str())))
        .collect())
}

/// One function's template in force for the account. Any member may read.
pub fn get_prompt(
    conn: &mut PgConnection,
    scope: &Scope,
    function: PromptFunction,
) -> Result<Prompt> {
    let stored = one_override(conn, scope, function)?;
    Ok(view(function, stored.as_ref()))
}

/// Saves the account's own template for `function` (editor or above). Every problem found by
/// [`ai::check_template`] (unknown variable, missing required one, empty, too long) is reported
/// on `prompt_value`.
pub fn save_prompt(
    conn: &mut PgConnection,
    scope: &Scope,
    function: PromptFunction,
    prompt_value: &str,
    now: DateTime<Utc>,
) -> Result<Prompt> {
    scope.require(Role::Editor)?;
    if let Err(problems) = ai::check_template(function, prompt_value) {
        let mut errors = FieldErrors::new();
        for p in problems {
            errors.add("prompt_value", p);
        }
        return Err(tenancy::Error::Validation(errors).into());
    }
    let updated_by = scope.user_id().map(|u| u.get());
    let saved = diesel::insert_into(ai_prompt_overrides::table)
        .values((
            ai_prompt_overrides::account_id.eq(scope.account_id()),
            ai_prompt_overrides::prompt_type.eq(function.as_str()),
            ai_prompt_overrides::prompt_value.eq(prompt_value),
            ai_prompt_overrides::updated_by.eq(updated_by),
            ai_prompt_overrides::updated_at.eq(now),
        ))
        .on_conflict((
            ai_prompt_overrides::account_id,
            ai_prompt_overrides::prompt_type,
        ))
        .do_update()
        .set((
            ai_prompt_overrides::prompt_value.eq(prompt_value),
            ai_prompt_overrides::updated_by.eq(updated_by),
            ai_prompt_overrides::updated_at.eq(now),
        ))
        .returning(Override::as_returning())
        .get_result(conn)?;
    Ok(view(function, Some(&saved)))
}

/// Drops the account's template for `function`, back to the built-in one (editor or above).
/// Resetting a template that was never changed succeeds and changes nothing.
pub fn reset_prompt(
    conn: &mut PgConnection,
    scope: &Scope,
    function: PromptFunction,
) -> Result<Prompt> {
    scope.require(Role::Editor)?;
    diesel::delete(
        ai_prompt_overrides::table
            .filter(ai_prompt_overrides::account_id.eq(scope.account_id()))
            .filter(ai_prompt_overrides::prompt_type.eq(function.as_str())),
    )
    .execute(conn)?;
    Ok(view(function, None))
}
