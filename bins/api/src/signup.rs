//! Sign-up orchestration across domains: tenancy creates the account, owner and session; billing
//! adds the subscription, the balance and either the free plan's credits or the open invoice of a
//! paid plan, inside the same transaction.

use crate::error::ApiError;
use crate::state::AppState;
use diesel::{Connection, PgConnection};
use tenancy::auth::{RegisterInput, SignedIn};

/// Registers an account atomically; answers the signed-in owner and, for a paid plan, the
/// open invoice of its first period.
pub fn register(
    conn: &mut PgConnection,
    state: &AppState,
    input: &RegisterInput,
) -> Result<(SignedIn, Option<billing::model::Invoice>), ApiError> {
    conn.transaction(|c| {
        let now = state.clock.now();
        let signed = tenancy::auth::register(c, &state.auth, input, now)?;
        let billing = billing::on_signup(c, &signed.account, &signed.plan, now)?;
        Ok((signed, billing.invoice))
    })
}
