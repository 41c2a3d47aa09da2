//! Plan limits against what the account uses: sites, users, keywords.

use crate::Result;
use db::schema::{sites, users};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use kernel::AccountId;
use tenancy::Scope;

/// One limited resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitUsage {
    /// How many exist.
    pub used: i64,
    /// The plan's limit.
    pub limit: i64,
}

/// Every limited resource of the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanLimits {
    /// Sites.
    pub sites: LimitUsage,
    /// Users.
    pub users: LimitUsage,
    /// Keywords.
    pub keywords: LimitUsage,
}

/// Usage against the account's plan. Sites and users are enforced by tenancy, keywords by the
/// planner, each where the thing is created.
pub fn plan_limits(conn: &mut PgConnection, scope: &Scope) -> Result<PlanLimits> {
    let (_, plan) = tenancy::accounts::get_account(conn, scope)?;
    let account = scope.account_id();
    let sites_used: i64 = sites::table
        .filter(sites::account_id.eq(account))
        .count()
        .get_result(conn)?;
    let users_used: i64 = users::table
        .filter(users::account_id.eq(account))
        .count()
        .get_result(conn)?;
    Ok(PlanLimits {
        sites: LimitUsage {
            used: sites_used,
            limit: i64::from(plan.max_sites),
        },
        users: LimitUsage {
            used: users_used,
            limit: i64::from(plan.max_users),
        },
        keywords: LimitUsage {
            used: keywords_used(conn, account)?,
            limit: i64::from(plan.max_keywords),
        },
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Keywords the account holds: counts the planner's `keywords` table when it exists, 0 before
/// the planner lands (so this compiles and answers in either state of the schema).
pub fn keywords_used(conn: &mut PgConnection, account: AccountId) -> Result<i64> {
    let exists: bool = diesel::select(diesel::dsl::sql::<Bool>(
        "to_regclass('public.keywords') IS NOT NULL",
    ))
    .get_result(conn)?;
    if !exists {
        return Ok(0);
    }
    let c: Count = diesel::sql_query("SELECT count(*) AS n FROM keywords WHERE account_id = $1")
        .bind::<BigInt, _>(account.get())
        .get_result(conn)?;
    Ok(c.n)
}
