//! Sign-up orchestration across domains: tenancy creates the account, owner and session; other
//! domains (billing) add what a new account needs inside the same transaction.

use crate::error::ApiError;
use crate::state::AppState;
use diesel::{Connection, PgConnection};
use tenancy::auth::{RegisterInput, SignedIn};

/// Registers an account atomically.
pub fn register(
    conn: &mut PgConnection,
    state: &AppState,
    input: &RegisterInput,
) -> Result<SignedIn, ApiError> {
    conn.transaction(|c| {
        let signed = tenancy::auth::register(c, &state.auth, input, state.clock.now())?;
        Ok(signed)
    })
}
