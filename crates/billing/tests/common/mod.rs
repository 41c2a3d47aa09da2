//! Helpers of billing's service tests: accounts signed up through tenancy and billing, staff.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use billing::model::{CreditBalance, CreditTransaction, Pool};
use chrono::{DateTime, Utc};
use db::schema::{credit_balances, credit_transactions};
use diesel::prelude::*;
use kernel::{AccountId, Role};
use tenancy::Scope;
use tenancy::auth::{ClientInfo, RegisterInput};
use test_support::fixtures::auth_config;

pub use test_support::TestDb;

/// An account signed up like the API does it (tenancy + billing in one transaction).
pub struct Signed {
    pub account: AccountId,
    pub scope: Scope,
    pub signup: billing::subscriptions::SignupBilling,
}

pub fn signup(conn: &mut PgConnection, name: &str, plan: &str, now: DateTime<Utc>) -> Signed {
    conn.transaction::<_, billing::Error, _>(|c| {
        let s = tenancy::auth::register(
            c,
            &auth_config(),
            &RegisterInput {
                email: format!("{name}@example.com"),
                password: format!("{name}-Secret-Pass-1"),
                account_name: Some(format!("{name} inc")),
                plan_slug: Some(plan.into()),
                ..Default::default()
            },
            now,
        )?;
        let b = billing::on_signup(c, &s.account, &s.plan, now)?;
        Ok(Signed {
            account: s.account.id,
            scope: Scope::for_tests(s.account.id, Some(s.user.id), Role::Owner),
            signup: b,
        })
    })
    .expect("signup")
}

/// A staff scope, authenticated through a real staff login.
pub fn staff(conn: &mut PgConnection, name: &str) -> Scope {
    let email = format!("{name}@staff.example.com");
    let pw = "Staff-Secret-Pass-1";
    tenancy::auth::create_staff(conn, &email, pw).expect("create staff");
    let (signed, _) = tenancy::auth::login(
        conn,
        &auth_config(),
        &email,
        pw,
        &ClientInfo {
            ip: format!("staff-{name}"),
            user_agent: String::new(),
        },
        Utc::now(),
    )
    .expect("staff login");
    let scope =
        tenancy::auth::authenticate(conn, &auth_config(), &signed.tokens.access, Utc::now())
            .expect("staff scope");
    assert!(scope.is_staff());
    scope
}

pub fn balance(conn: &mut PgConnection, account: AccountId) -> CreditBalance {
    credit_balances::table
        .find(account)
        .select(CreditBalance::as_select())
        .first(conn)
        .expect("balance row")
}

pub fn ledger(conn: &mut PgConnection, account: AccountId) -> Vec<CreditTransaction> {
    credit_transactions::table
        .filter(credit_transactions::account_id.eq(account))
        .order(credit_transactions::id.asc())
        .select(CreditTransaction::as_select())
        .load(conn)
        .unwrap()
}

/// Pools equal the sums of their ledger rows, neither is negative, and each row's
/// balance_after is the running sum of its pool.
pub fn assert_ledger_consistent(conn: &mut PgConnection, account: AccountId) {
    let b = balance(conn, account);
    let rows = ledger(conn, account);
    let (mut plan, mut bonus) = (0i64, 0i64);
    for r in &rows {
        let run = if r.pool == Pool::Plan.as_str() {
            &mut plan
        } else {
            &mut bonus
        };
        *run += r.amount;
        assert_eq!(
            r.balance_after, *run,
            "balance_after of row {} ({} {})",
            r.id, r.kind, r.amount
        );
        assert!(*run >= 0, "pool went negative at row {}", r.id);
    }
    assert_eq!(
        (b.plan_credits, b.bonus_credits),
        (plan, bonus),
        "pools equal the ledger sums"
    );
    assert!(b.plan_credits >= 0 && b.bonus_credits >= 0);
}

/// Sets an account's plan pool and bonus pool through grants (a test starting point).
pub fn fund(conn: &mut PgConnection, scope: &Scope, pool: Pool, amount: i64, key: &str) {
    billing::credits::grant(
        conn,
        scope,
        &billing::credits::GrantRequest {
            pool,
            amount,
            idempotency_key: key,
            reference: "test",
            description: "test funds",
        },
        Utc::now(),
    )
    .expect("grant");
}
