//! An account's AI overrides (provider, endpoint, encrypted key, models, prompt templates),
//! merged by the AI jobs over the platform settings (`IGNY8_AI_*`).

use crate::Result;
use diesel::PgConnection;
use tenancy::Scope;

/// The account's overrides, with the API key decrypted using `secret_key`
/// (`IGNY8_SECRET_KEY`). An account with no overrides gets `AccountOverrides::default()`, which
/// means "use the platform's settings and the built-in prompts".
pub fn account_overrides(
    conn: &mut PgConnection,
    scope: &Scope,
    secret_key: &[u8],
) -> Result<ai::AccountOverrides> {
    // Storage of overrides (prompt templates, endpoint, encrypted key) lands with the prompts
    // routes; until then every account uses the platform settings.
    let _ = (conn, scope, secret_key);
    Ok(ai::AccountOverrides::default())
}
