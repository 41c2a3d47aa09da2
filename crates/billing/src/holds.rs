//! Credit holds: credits reserved for accepted work until it ends, so that accepted work is work
//! that can be paid for. Placing a hold locks the account's balance row (the same lock every
//! ledger change takes), so concurrent requests see each other's holds: of 64 requests on a
//! balance that covers 20, 20 are accepted and 44 answer 402 at once.
//!
//! A hold is not a ledger entry; the balance stays what the ledger says. What a charge may spend
//! is the balance minus the other work's open holds ([`crate::credits::charge_held`]); a charge
//! for the held work draws its own hold down. Ending the work releases what is left. Placing
//! and releasing are idempotent (one hold per reference).

use crate::credits::lock_balance;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::credit_holds;
use diesel::prelude::*;
use kernel::AccountId;
use tenancy::Scope;

/// Credits held by open holds of `account`, leaving out the hold `except` (the work a charge
/// is for).
pub(crate) fn held_by_others(
    conn: &mut PgConnection,
    account: AccountId,
    except: Option<&str>,
) -> Result<i64> {
    #[derive(QueryableByName)]
    struct Held {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        held: i64,
    }
    let r: Held = diesel::sql_query(
        "SELECT COALESCE(SUM(remaining), 0)::bigint AS held FROM credit_holds
          WHERE account_id = $1 AND released_at IS NULL AND reference IS DISTINCT FROM $2",
    )
    .bind::<diesel::sql_types::BigInt, _>(account.get())
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::Text>, _>(except)
    .get_result(conn)?;
    Ok(r.held)
}

/// Draws the open hold `reference` down by `spent` credits (not below zero).
pub(crate) fn draw_down(
    conn: &mut PgConnection,
    account: AccountId,
    reference: &str,
    spent: i64,
) -> Result<()> {
    diesel::sql_query(
        "UPDATE credit_holds SET remaining = GREATEST(remaining - $3, 0)
          WHERE account_id = $1 AND reference = $2 AND released_at IS NULL",
    )
    .bind::<diesel::sql_types::BigInt, _>(account.get())
    .bind::<diesel::sql_types::Text, _>(reference)
    .bind::<diesel::sql_types::BigInt, _>(spent)
    .execute(conn)?;
    Ok(())
}

/// Holds `amount` credits for the work `reference` (in the caller's transaction, or its own):
/// `InsufficientCredits` when the balance minus the open holds does not cover it. A second
/// call for the same reference holds nothing more.
pub fn place(
    conn: &mut PgConnection,
    scope: &Scope,
    reference: &str,
    amount: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let account = scope.account_id();
    conn.transaction(|c| {
        let balance = lock_balance(c, account)?;
        let exists: bool = diesel::select(diesel::dsl::exists(
            credit_holds::table
                .filter(credit_holds::account_id.eq(account))
                .filter(credit_holds::reference.eq(reference)),
        ))
        .get_result(c)?;
        if exists {
            return Ok(());
        }
        let available = balance.total() - held_by_others(c, account, None)?;
        let amount = amount.max(0);
        if amount > available {
            return Err(Error::InsufficientCredits {
                needed: amount,
                available: available.max(0),
            });
        }
        diesel::insert_into(credit_holds::table)
            .values((
                credit_holds::account_id.eq(account),
                credit_holds::reference.eq(reference),
                credit_holds::held.eq(amount),
                credit_holds::remaining.eq(amount),
                credit_holds::created_at.eq(now),
            ))
            .execute(c)?;
        Ok(())
    })
}

/// Releases what is left of the hold `reference` (the work ended, whatever its outcome).
pub fn release(
    conn: &mut PgConnection,
    scope: &Scope,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        credit_holds::table
            .filter(credit_holds::account_id.eq(scope.account_id()))
            .filter(credit_holds::reference.eq(reference))
            .filter(credit_holds::released_at.is_null()),
    )
    .set((
        credit_holds::remaining.eq(0),
        credit_holds::released_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Credits the account's open holds reserve.
pub fn held(conn: &mut PgConnection, scope: &Scope) -> Result<i64> {
    held_by_others(conn, scope.account_id(), None)
}
