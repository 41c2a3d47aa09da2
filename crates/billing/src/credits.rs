//! The credit ledger: two pools per account (plan, bonus) and an immutable row for every change.
//!
//! Every change locks the account's balance row (`SELECT ... FOR UPDATE`), looks up its
//! idempotency key, and writes the new balances and the ledger rows in one transaction. A key
//! seen before returns the rows it first wrote and changes nothing. Spending takes plan credits
//! first, then bonus credits; a pool never goes below zero (the lock decides, a CHECK backs it).
//!
//! This is the API every AI call uses: [`check`] before the call, [`charge`] after it (with the
//! usage to log), [`refund`] when the work is undone. [`grant`] adds credits for the platform.

use crate::model::{CreditBalance, CreditTransaction, Pool, TxKind, UsageLog};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{credit_balances, credit_transactions, credit_usage_logs, subscriptions};
use diesel::prelude::*;
use kernel::{AccountId, CreditTransactionId, FieldErrors, Order, Page, PageRequest};
use tenancy::Scope;

/// Longest idempotency key, reference or description accepted.
pub const MAX_KEY_LEN: usize = 200;

/// The rows one change wrote, and whether they were written by an earlier call with the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    /// The change's ledger rows, first row first.
    pub transactions: Vec<CreditTransaction>,
    /// True when the key had been used before: nothing was changed this time.
    pub replayed: bool,
}

impl Posted {
    /// The signed change over both pools.
    pub fn amount(&self) -> i64 {
        self.transactions.iter().map(|t| t.amount).sum()
    }

    /// The signed change of one pool.
    pub fn pool_amount(&self, pool: Pool) -> i64 {
        self.transactions
            .iter()
            .filter(|t| t.pool == pool.as_str())
            .map(|t| t.amount)
            .sum()
    }

    /// The first row's id (the one holding the idempotency key).
    pub fn id(&self) -> Option<CreditTransactionId> {
        self.transactions.first().map(|t| t.id)
    }
}

/// The usage of one AI call, logged with its charge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageRecord {
    /// Model used.
    pub model: String,
    /// Input tokens.
    pub tokens_in: i64,
    /// Output tokens.
    pub tokens_out: i64,
    /// Provider cost in USD micros (see [`crate::costs::cost_usd_micros`]).
    pub cost_usd_micros: i64,
}

/// A charge for one AI call.
#[derive(Debug, Clone)]
pub struct ChargeRequest<'a> {
    /// Operation from the cost table (`clustering`, `ideas`, `content`, `image_prompts`, `images`).
    pub operation: &'a str,
    /// Credits to take (see [`crate::costs::estimate`]).
    pub amount: i64,
    /// Unique per account: a retry with the same key charges nothing and returns the first result.
    pub idempotency_key: &'a str,
    /// What caused it (`task:12`).
    pub reference: &'a str,
    /// Human description.
    pub description: &'a str,
    /// The call's usage, logged in the same transaction.
    pub usage: UsageRecord,
}

/// Credits added for the platform.
#[derive(Debug, Clone)]
pub struct GrantRequest<'a> {
    /// The pool credited.
    pub pool: Pool,
    /// Credits (> 0).
    pub amount: i64,
    /// Unique per account.
    pub idempotency_key: &'a str,
    /// What caused it.
    pub reference: &'a str,
    /// Human description.
    pub description: &'a str,
}

/// Credits given back for a charge.
#[derive(Debug, Clone)]
pub struct RefundRequest<'a> {
    /// The idempotency key of the charge refunded.
    pub charge_key: &'a str,
    /// Credits to give back; `None` gives back everything not refunded yet.
    pub amount: Option<i64>,
    /// Unique per account.
    pub idempotency_key: &'a str,
    /// Why.
    pub description: &'a str,
}

/// One signed change of one pool, before it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Leg {
    pub pool: Pool,
    pub amount: i64,
    pub refund_of: Option<CreditTransactionId>,
}

impl Leg {
    pub(crate) fn new(pool: Pool, amount: i64) -> Self {
        Self {
            pool,
            amount,
            refund_of: None,
        }
    }
}

/// The descriptive part of a change.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub kind: TxKind,
    pub key: &'a str,
    pub reference: &'a str,
    pub description: &'a str,
    pub operation: Option<&'a str>,
}

pub(crate) fn check_key(e: &mut FieldErrors, field: &str, key: &str) {
    if key.trim().is_empty() {
        e.add(field, "This field may not be blank.");
    } else if key.chars().count() > MAX_KEY_LEN {
        e.add(
            field,
            format!("Ensure this field has no more than {MAX_KEY_LEN} characters."),
        );
    }
}

/// Locks the account's balance row for the rest of the transaction, creating it first if it is
/// missing (one round trip once the row exists).
pub(crate) fn lock_balance(conn: &mut PgConnection, account: AccountId) -> Result<CreditBalance> {
    let locked = |conn: &mut PgConnection| {
        credit_balances::table
            .find(account)
            .select(CreditBalance::as_select())
            .for_update()
            .first(conn)
            .optional()
    };
    if let Some(b) = locked(conn)? {
        return Ok(b);
    }
    diesel::insert_into(credit_balances::table)
        .values(credit_balances::account_id.eq(account))
        .on_conflict_do_nothing()
        .execute(conn)?;
    locked(conn)?.ok_or_else(Error::not_found)
}

/// Runs `f` in the caller's transaction when there is one, else in a new one. Used by changes
/// that check everything before their first write, so that inside a caller's transaction they
/// need no savepoint: a failed check has written nothing, and a failed write aborts the whole
/// transaction anyway.
pub(crate) fn in_transaction<T>(
    conn: &mut PgConnection,
    f: impl FnOnce(&mut PgConnection) -> Result<T>,
) -> Result<T> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let depth = AnsiTransactionManager::transaction_manager_status_mut(conn).transaction_depth()?;
    match depth {
        Some(_) => f(conn),
        None => conn.transaction(f),
    }
}

/// The rows of the change recorded under `key`, first row first.
pub(crate) fn find_posting(
    conn: &mut PgConnection,
    account: AccountId,
    key: &str,
) -> Result<Option<Vec<CreditTransaction>>> {
    let first: Option<CreditTransaction> = credit_transactions::table
        .filter(credit_transactions::account_id.eq(account))
        .filter(credit_transactions::idempotency_key.eq(key))
        .select(CreditTransaction::as_select())
        .first(conn)
        .optional()?;
    let Some(first) = first else { return Ok(None) };
    let mut rows = vec![first.clone()];
    rows.extend(
        credit_transactions::table
            .filter(credit_transactions::account_id.eq(account))
            .filter(credit_transactions::parent_id.eq(first.id))
            .order(credit_transactions::id.asc())
            .select(CreditTransaction::as_select())
            .load(conn)?,
    );
    Ok(Some(rows))
}

/// A replay of `key` if it exists: the first result when it recorded the same kind, an error
/// when it recorded another kind.
fn replay(
    conn: &mut PgConnection,
    account: AccountId,
    key: &str,
    kind: TxKind,
) -> Result<Option<Posted>> {
    match find_posting(conn, account, key)? {
        Some(rows) if rows.first().is_some_and(|r| r.kind == kind.as_str()) => Ok(Some(Posted {
            transactions: rows,
            replayed: true,
        })),
        Some(rows) => Err(Error::IdempotencyKeyReused {
            key: key.to_owned(),
            kind: rows.first().map(|r| r.kind.clone()).unwrap_or_default(),
        }),
        None => Ok(None),
    }
}

/// Applies legs to a locked balance and writes the rows. Zero legs are skipped, but a change
/// always writes at least one row so that its key is recorded. Call with the balance locked and
/// the key checked.
pub(crate) fn write_posting(
    conn: &mut PgConnection,
    balance: &mut CreditBalance,
    entry: Entry<'_>,
    legs: &[Leg],
    now: DateTime<Utc>,
) -> Result<Posted> {
    let first_pool = legs.first().map(|l| l.pool).unwrap_or(Pool::Plan);
    let mut legs: Vec<Leg> = legs.iter().copied().filter(|l| l.amount != 0).collect();
    if legs.is_empty() {
        legs.push(Leg::new(first_pool, 0));
    }
    let mut plan = balance.plan_credits;
    let mut bonus = balance.bonus_credits;
    let mut rows = Vec::with_capacity(legs.len());
    let mut parent: Option<CreditTransactionId> = None;
    for leg in &legs {
        let after = match leg.pool {
            Pool::Plan => {
                plan += leg.amount;
                plan
            }
            Pool::Bonus => {
                bonus += leg.amount;
                bonus
            }
        };
        if after < 0 {
            return Err(Error::InsufficientCredits {
                needed: -leg.amount,
                available: balance.total(),
            });
        }
        let row: CreditTransaction = diesel::insert_into(credit_transactions::table)
            .values((
                credit_transactions::account_id.eq(balance.account_id),
                credit_transactions::kind.eq(entry.kind.as_str()),
                credit_transactions::pool.eq(leg.pool.as_str()),
                credit_transactions::amount.eq(leg.amount),
                credit_transactions::balance_after.eq(after),
                credit_transactions::reference.eq(entry.reference),
                credit_transactions::description.eq(entry.description),
                credit_transactions::operation.eq(entry.operation),
                credit_transactions::idempotency_key.eq(if parent.is_none() {
                    Some(entry.key)
                } else {
                    None
                }),
                credit_transactions::parent_id.eq(parent),
                credit_transactions::refund_of_id.eq(leg.refund_of),
                credit_transactions::created_at.eq(now),
            ))
            .returning(CreditTransaction::as_returning())
            .get_result(conn)?;
        parent = parent.or(Some(row.id));
        rows.push(row);
    }
    *balance = diesel::update(credit_balances::table.find(balance.account_id))
        .set((
            credit_balances::plan_credits.eq(plan),
            credit_balances::bonus_credits.eq(bonus),
            credit_balances::updated_at.eq(now),
        ))
        .returning(CreditBalance::as_returning())
        .get_result(conn)?;
    Ok(Posted {
        transactions: rows,
        replayed: false,
    })
}

/// Runs one keyed change in a transaction: lock, replay check, then `legs` computes the legs
/// from the locked balance.
pub(crate) fn post(
    conn: &mut PgConnection,
    account: AccountId,
    entry: Entry<'_>,
    now: DateTime<Utc>,
    legs: impl FnOnce(&mut PgConnection, &CreditBalance) -> Result<Vec<Leg>>,
) -> Result<Posted> {
    conn.transaction(|c| {
        let mut balance = lock_balance(c, account)?;
        if let Some(p) = replay(c, account, entry.key, entry.kind)? {
            return Ok(p);
        }
        let legs = legs(c, &balance)?;
        write_posting(c, &mut balance, entry, &legs, now)
    })
}

/// Plan pool first, then bonus: the legs that spend `amount`, or `InsufficientCredits`.
pub(crate) fn spend_legs(balance: &CreditBalance, amount: i64) -> Result<Vec<Leg>> {
    if amount > balance.total() {
        return Err(Error::InsufficientCredits {
            needed: amount,
            available: balance.total(),
        });
    }
    let from_plan = amount.min(balance.plan_credits);
    Ok(vec![
        Leg::new(Pool::Plan, -from_plan),
        Leg::new(Pool::Bonus, -(amount - from_plan)),
    ])
}

/// Sets the plan pool to `target` (a paid period starts) with one `plan_reset` row.
pub(crate) fn reset_plan_pool(
    conn: &mut PgConnection,
    account: AccountId,
    target: i64,
    key: &str,
    reference: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<Posted> {
    let entry = Entry {
        kind: TxKind::PlanReset,
        key,
        reference,
        description,
        operation: None,
    };
    post(conn, account, entry, now, |_, b| {
        Ok(vec![Leg::new(Pool::Plan, target - b.plan_credits)])
    })
}

/// Zeroes the plan pool (renewal unpaid, or the subscription ended) with one `plan_expire` row.
pub(crate) fn expire_plan_pool(
    conn: &mut PgConnection,
    account: AccountId,
    key: &str,
    reference: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<Posted> {
    let entry = Entry {
        kind: TxKind::PlanExpire,
        key,
        reference,
        description,
        operation: None,
    };
    post(conn, account, entry, now, |_, b| {
        Ok(vec![Leg::new(Pool::Plan, -b.plan_credits)])
    })
}

/// Adds bought credits to the bonus pool.
pub(crate) fn add_purchased(
    conn: &mut PgConnection,
    account: AccountId,
    credits: i64,
    key: &str,
    reference: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<Posted> {
    let entry = Entry {
        kind: TxKind::Purchase,
        key,
        reference,
        description,
        operation: None,
    };
    post(conn, account, entry, now, |_, _| {
        Ok(vec![Leg::new(Pool::Bonus, credits)])
    })
}

/// The account's pools (zeros before the first change).
pub fn balance(conn: &mut PgConnection, scope: &Scope) -> Result<CreditBalance> {
    account_balance(conn, scope.account_id())
}

pub(crate) fn account_balance(
    conn: &mut PgConnection,
    account: AccountId,
) -> Result<CreditBalance> {
    let b: Option<CreditBalance> = credit_balances::table
        .find(account)
        .select(CreditBalance::as_select())
        .first(conn)
        .optional()?;
    Ok(b.unwrap_or(CreditBalance {
        account_id: account,
        plan_credits: 0,
        bonus_credits: 0,
        updated_at: Utc::now(),
    }))
}

/// The balance as the billing page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceSummary {
    /// Plan pool.
    pub plan_credits: i64,
    /// Bonus pool.
    pub bonus_credits: i64,
    /// Both pools.
    pub total: i64,
    /// Credits the plan grants each period.
    pub plan_credits_per_month: i64,
    /// End of the current period, when there is one.
    pub period_end: Option<DateTime<Utc>>,
}

/// Pools, the plan's credits per period and the period end.
pub fn balance_summary(conn: &mut PgConnection, scope: &Scope) -> Result<BalanceSummary> {
    let b = balance(conn, scope)?;
    let (_, plan) = tenancy::accounts::get_account(conn, scope)?;
    let period_end: Option<DateTime<Utc>> = subscriptions::table
        .filter(subscriptions::account_id.eq(scope.account_id()))
        .select(subscriptions::current_period_end)
        .first::<Option<DateTime<Utc>>>(conn)
        .optional()?
        .flatten();
    Ok(BalanceSummary {
        plan_credits: b.plan_credits,
        bonus_credits: b.bonus_credits,
        total: b.total(),
        plan_credits_per_month: plan.included_credits,
        period_end,
    })
}

/// Fails with `InsufficientCredits` unless both pools together, less the open holds, cover
/// `needed` credits. A quick check without a lock; [`crate::holds::place`] and [`charge`]
/// decide under the balance lock.
pub fn check(conn: &mut PgConnection, scope: &Scope, needed: i64) -> Result<CreditBalance> {
    let b = balance(conn, scope)?;
    let available = b.total() - crate::holds::held(conn, scope)?;
    if available < needed {
        return Err(Error::InsufficientCredits {
            needed,
            available: available.max(0),
        });
    }
    Ok(b)
}

/// Takes credits for one AI call (plan pool first) and logs its usage, in one transaction.
/// A repeated `idempotency_key` returns the first result and charges nothing.
pub fn charge(
    conn: &mut PgConnection,
    scope: &Scope,
    req: &ChargeRequest<'_>,
    now: DateTime<Utc>,
) -> Result<Posted> {
    charge_held(conn, scope, req, None, now)
}

/// [`charge`] for work that holds credits ([`crate::holds`]): it may spend the balance minus the
/// other work's open holds, and it draws its own hold `hold` down by what it takes.
pub fn charge_held(
    conn: &mut PgConnection,
    scope: &Scope,
    req: &ChargeRequest<'_>,
    hold: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Posted> {
    let mut e = FieldErrors::new();
    check_key(&mut e, "idempotency_key", req.idempotency_key);
    if req.amount < 0 {
        e.add("amount", "Must be zero or more.");
    }
    for (f, v) in [
        ("reference", req.reference),
        ("description", req.description),
    ] {
        e.max_len(f, v, MAX_KEY_LEN);
    }
    if req.usage.tokens_in < 0 || req.usage.tokens_out < 0 || req.usage.cost_usd_micros < 0 {
        e.add("usage", "Tokens and cost must be zero or more.");
    }
    e.into_result()?;
    let account = scope.account_id();
    in_transaction(conn, |c| {
        let op = crate::costs::operation_cost(c, req.operation)?;
        let entry = Entry {
            kind: TxKind::Charge,
            key: req.idempotency_key,
            reference: req.reference,
            description: req.description,
            operation: Some(&op.operation),
        };
        let mut balance = lock_balance(c, account)?;
        if let Some(p) = replay(c, account, entry.key, entry.kind)? {
            return Ok(p);
        }
        let reserved = crate::holds::held_by_others(c, account, hold)?;
        let spendable = balance.total() - reserved;
        if req.amount > spendable {
            return Err(Error::InsufficientCredits {
                needed: req.amount,
                available: spendable.max(0),
            });
        }
        let legs = spend_legs(&balance, req.amount)?;
        let posted = write_posting(c, &mut balance, entry, &legs, now)?;
        if let Some(h) = hold {
            crate::holds::draw_down(c, account, h, req.amount)?;
        }
        // write_posting always writes at least one row; the usage log hangs off the first.
        if let Some(tx) = posted.id() {
            diesel::insert_into(credit_usage_logs::table)
                .values((
                    credit_usage_logs::account_id.eq(account),
                    credit_usage_logs::transaction_id.eq(tx),
                    credit_usage_logs::operation.eq(&op.operation),
                    credit_usage_logs::credits.eq(req.amount),
                    credit_usage_logs::model.eq(&req.usage.model),
                    credit_usage_logs::tokens_in.eq(req.usage.tokens_in),
                    credit_usage_logs::tokens_out.eq(req.usage.tokens_out),
                    credit_usage_logs::cost_usd_micros.eq(req.usage.cost_usd_micros),
                    credit_usage_logs::created_at.eq(now),
                ))
                .execute(c)?;
        }
        Ok(posted)
    })
}

/// One charge of a group posted by [`charge_group`].
pub(crate) struct GroupCharge<'a> {
    pub operation: &'a str,
    pub amount: i64,
    pub key: &'a str,
    pub reference: &'a str,
    pub description: &'a str,
    pub usage: &'a UsageRecord,
}

/// One ledger row of a group, before it is written.
struct GroupRow {
    charge: usize,
    pool: Pool,
    amount: i64,
    after: i64,
}

/// Takes credits for several charges in the caller's transaction (or its own), in order, with
/// one balance lock, one balance update and one draw-down of `hold`. Nothing is written unless
/// the balance less the other work's holds covers every charge; the rows are those
/// [`charge_held`] would write one after another. A key used before fails the insert on the
/// ledger's unique key (and so the whole transaction): callers skip charged work first.
pub(crate) fn charge_group(
    conn: &mut PgConnection,
    account: AccountId,
    charges: &[GroupCharge<'_>],
    hold: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64> {
    if charges.is_empty() {
        return Ok(0);
    }
    in_transaction(conn, |c| {
        let balance = lock_balance(c, account)?;
        let mut spendable = balance.total() - crate::holds::held_by_others(c, account, hold)?;
        let (mut plan, mut bonus) = (balance.plan_credits, balance.bonus_credits);
        let mut rows: Vec<GroupRow> = Vec::with_capacity(charges.len());
        for (i, g) in charges.iter().enumerate() {
            if g.amount > spendable {
                return Err(Error::InsufficientCredits {
                    needed: g.amount,
                    available: spendable.max(0),
                });
            }
            spendable -= g.amount;
            let from_plan = g.amount.min(plan);
            let from_bonus = g.amount - from_plan;
            let first = rows.len();
            if from_plan != 0 {
                plan -= from_plan;
                rows.push(GroupRow {
                    charge: i,
                    pool: Pool::Plan,
                    amount: -from_plan,
                    after: plan,
                });
            }
            if from_bonus != 0 {
                bonus -= from_bonus;
                rows.push(GroupRow {
                    charge: i,
                    pool: Pool::Bonus,
                    amount: -from_bonus,
                    after: bonus,
                });
            }
            if rows.len() == first {
                // A change always writes a row, so that its key is recorded.
                rows.push(GroupRow {
                    charge: i,
                    pool: Pool::Plan,
                    amount: 0,
                    after: plan,
                });
            }
        }
        // Rows go in order; a run of single-row charges is one multi-row INSERT (which returns
        // its ids in VALUES order), a charge over both pools two (the second names the first).
        let insert = |c: &mut PgConnection,
                      rows: &[&GroupRow],
                      parent: Option<CreditTransactionId>|
         -> Result<Vec<CreditTransactionId>> {
            let values: Vec<_> = rows
                .iter()
                .map(|r| {
                    let g = &charges[r.charge];
                    (
                        credit_transactions::account_id.eq(account),
                        credit_transactions::kind.eq(TxKind::Charge.as_str()),
                        credit_transactions::pool.eq(r.pool.as_str()),
                        credit_transactions::amount.eq(r.amount),
                        credit_transactions::balance_after.eq(r.after),
                        credit_transactions::reference.eq(g.reference),
                        credit_transactions::description.eq(g.description),
                        credit_transactions::operation.eq(Some(g.operation)),
                        credit_transactions::idempotency_key.eq(match parent {
                            None => Some(g.key),
                            Some(_) => None,
                        }),
                        credit_transactions::parent_id.eq(parent),
                        credit_transactions::created_at.eq(now),
                    )
                })
                .collect();
            Ok(diesel::insert_into(credit_transactions::table)
                .values(values)
                .returning(credit_transactions::id)
                .get_results(c)?)
        };
        let mut first_ids: Vec<CreditTransactionId> = Vec::with_capacity(charges.len());
        let mut run: Vec<&GroupRow> = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let two = rows.get(i + 1).is_some_and(|n| n.charge == rows[i].charge);
            if !two {
                run.push(&rows[i]);
                i += 1;
                continue;
            }
            if !run.is_empty() {
                first_ids.extend(insert(c, &run, None)?);
                run.clear();
            }
            let first = insert(c, &[&rows[i]], None)?;
            let parent = first.first().copied();
            insert(c, &[&rows[i + 1]], parent)?;
            first_ids.extend(first);
            i += 2;
        }
        if !run.is_empty() {
            first_ids.extend(insert(c, &run, None)?);
        }
        let logs: Vec<_> = charges
            .iter()
            .zip(&first_ids)
            .map(|(g, tx)| {
                (
                    credit_usage_logs::account_id.eq(account),
                    credit_usage_logs::transaction_id.eq(*tx),
                    credit_usage_logs::operation.eq(g.operation),
                    credit_usage_logs::credits.eq(g.amount),
                    credit_usage_logs::model.eq(&g.usage.model),
                    credit_usage_logs::tokens_in.eq(g.usage.tokens_in),
                    credit_usage_logs::tokens_out.eq(g.usage.tokens_out),
                    credit_usage_logs::cost_usd_micros.eq(g.usage.cost_usd_micros),
                    credit_usage_logs::created_at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(credit_usage_logs::table)
            .values(logs)
            .execute(c)?;
        diesel::update(credit_balances::table.find(account))
            .set((
                credit_balances::plan_credits.eq(plan),
                credit_balances::bonus_credits.eq(bonus),
                credit_balances::updated_at.eq(now),
            ))
            .execute(c)?;
        let total: i64 = charges.iter().map(|g| g.amount).sum();
        if let Some(h) = hold {
            crate::holds::draw_down(c, account, h, total)?;
        }
        Ok(total)
    })
}

/// Adds credits to one pool for the platform (promotions, compensation, jobs). Not reachable by
/// tenants: no route calls it with a tenant's scope.
pub fn grant(
    conn: &mut PgConnection,
    scope: &Scope,
    req: &GrantRequest<'_>,
    now: DateTime<Utc>,
) -> Result<Posted> {
    let mut e = FieldErrors::new();
    check_key(&mut e, "idempotency_key", req.idempotency_key);
    if req.amount <= 0 {
        e.add("amount", "Must be greater than zero.");
    }
    e.max_len("reference", req.reference, MAX_KEY_LEN);
    e.max_len("description", req.description, MAX_KEY_LEN);
    e.into_result()?;
    let entry = Entry {
        kind: TxKind::Grant,
        key: req.idempotency_key,
        reference: req.reference,
        description: req.description,
        operation: None,
    };
    post(conn, scope.account_id(), entry, now, |_, _| {
        Ok(vec![Leg::new(req.pool, req.amount)])
    })
}

/// Gives back credits of a charge to the pools they came from (bonus first, as the charge took
/// them last). The total refunded never exceeds the charge.
pub fn refund(
    conn: &mut PgConnection,
    scope: &Scope,
    req: &RefundRequest<'_>,
    now: DateTime<Utc>,
) -> Result<Posted> {
    let mut e = FieldErrors::new();
    check_key(&mut e, "idempotency_key", req.idempotency_key);
    check_key(&mut e, "charge_key", req.charge_key);
    if req.amount.is_some_and(|a| a <= 0) {
        e.add("amount", "Must be greater than zero.");
    }
    e.max_len("description", req.description, MAX_KEY_LEN);
    e.into_result()?;
    let account = scope.account_id();
    conn.transaction(|c| {
        let mut balance = lock_balance(c, account)?;
        if let Some(p) = replay(c, account, req.idempotency_key, TxKind::Refund)? {
            return Ok(p);
        }
        let charge = match find_posting(c, account, req.charge_key)? {
            Some(rows)
                if rows
                    .first()
                    .is_some_and(|r| r.kind == TxKind::Charge.as_str()) =>
            {
                rows
            }
            _ => {
                return Err(FieldErrors::single(
                    "charge_key",
                    "No charge was recorded with this key.",
                )
                .into());
            }
        };
        // Refundable per charge row: what it took minus what refunds already gave back.
        let mut refundable: Vec<(Pool, CreditTransactionId, i64)> = Vec::new();
        for row in charge.iter().rev() {
            let given: i64 = credit_transactions::table
                .filter(credit_transactions::account_id.eq(account))
                .filter(credit_transactions::refund_of_id.eq(row.id))
                .select(credit_transactions::amount)
                .load::<i64>(c)?
                .into_iter()
                .sum();
            let pool = Pool::parse(&row.pool).unwrap_or(Pool::Plan);
            refundable.push((pool, row.id, (-row.amount - given).max(0)));
        }
        let available: i64 = refundable.iter().map(|r| r.2).sum();
        let wanted = req.amount.unwrap_or(available);
        if wanted > available || wanted == 0 {
            return Err(Error::RefundExceedsCharge {
                requested: wanted,
                refundable: available,
            });
        }
        let mut left = wanted;
        let mut legs = Vec::new();
        for (pool, id, can) in refundable {
            let take = left.min(can);
            if take > 0 {
                legs.push(Leg {
                    pool,
                    amount: take,
                    refund_of: Some(id),
                });
                left -= take;
            }
        }
        let entry = Entry {
            kind: TxKind::Refund,
            key: req.idempotency_key,
            reference: req.charge_key,
            description: req.description,
            operation: charge.first().and_then(|r| r.operation.as_deref()),
        };
        write_posting(c, &mut balance, entry, &legs, now)
    })
}

/// Staff correction of an account's credits: a positive amount goes to the bonus pool, a negative
/// one is taken like spending (plan first). Recorded as `adjustment`.
pub fn adjust_credits(
    conn: &mut PgConnection,
    scope: &Scope,
    account: AccountId,
    amount: i64,
    reason: &str,
    idempotency_key: &str,
    now: DateTime<Utc>,
) -> Result<(Posted, CreditBalance)> {
    scope.require_staff()?;
    let mut e = FieldErrors::new();
    if amount == 0 {
        e.add("amount", "Must not be zero.");
    }
    e.require_text("reason", reason, 500);
    check_key(&mut e, "idempotency_key", idempotency_key);
    e.into_result()?;
    let exists: i64 = db::schema::accounts::table
        .find(account)
        .count()
        .get_result(conn)?;
    if exists == 0 {
        return Err(Error::not_found());
    }
    let reference = format!(
        "staff:{}",
        scope.user_id().map(|u| u.get()).unwrap_or_default()
    );
    let entry = Entry {
        kind: TxKind::Adjustment,
        key: idempotency_key,
        reference: &reference,
        description: reason.trim(),
        operation: None,
    };
    let posted = post(conn, account, entry, now, |_, b| {
        if amount > 0 {
            Ok(vec![Leg::new(Pool::Bonus, amount)])
        } else {
            spend_legs(b, -amount)
        }
    })?;
    let b = account_balance(conn, account)?;
    Ok((posted, b))
}

/// Ledger list filters.
#[derive(Debug, Clone, Default)]
pub struct TransactionFilter {
    /// Only this kind.
    pub kind: Option<TxKind>,
    /// Only this pool.
    pub pool: Option<Pool>,
    /// Substring of the description or reference.
    pub search: Option<String>,
}

/// Sortable ledger fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionOrder {
    /// By time (then id).
    CreatedAt,
    /// By signed amount.
    Amount,
}

/// The allow-list for `?ordering=` on the ledger.
pub const TRANSACTION_ORDERING: &[(&str, TransactionOrder)] = &[
    ("created_at", TransactionOrder::CreatedAt),
    ("amount", TransactionOrder::Amount),
];

fn tx_filtered<'a>(
    scope: &Scope,
    f: &'a TransactionFilter,
) -> credit_transactions::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = credit_transactions::table
        .filter(credit_transactions::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(k) = f.kind {
        q = q.filter(credit_transactions::kind.eq(k.as_str()));
    }
    if let Some(p) = f.pool {
        q = q.filter(credit_transactions::pool.eq(p.as_str()));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pat = format!("%{}%", tenancy::users::escape_like(s));
        q = q.filter(
            credit_transactions::description
                .ilike(pat.clone())
                .or(credit_transactions::reference.ilike(pat)),
        );
    }
    q
}

/// The account's ledger, newest first by default.
pub fn list_transactions(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TransactionFilter,
    order: Order<TransactionOrder>,
    page: PageRequest,
) -> Result<Page<CreditTransaction>> {
    let count = tx_filtered(scope, f).count().get_result(conn)?;
    let q = tx_filtered(scope, f);
    let q = match (order.field, order.descending) {
        (TransactionOrder::CreatedAt, false) => q.order((
            credit_transactions::created_at.asc(),
            credit_transactions::id.asc(),
        )),
        (TransactionOrder::CreatedAt, true) => q.order((
            credit_transactions::created_at.desc(),
            credit_transactions::id.desc(),
        )),
        (TransactionOrder::Amount, false) => q.order((
            credit_transactions::amount.asc(),
            credit_transactions::id.asc(),
        )),
        (TransactionOrder::Amount, true) => q.order((
            credit_transactions::amount.desc(),
            credit_transactions::id.desc(),
        )),
    };
    let items = q
        .limit(page.limit())
        .offset(page.offset())
        .select(CreditTransaction::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Usage list filters.
#[derive(Debug, Clone, Default)]
pub struct UsageFilter {
    /// Only this operation.
    pub operation: Option<String>,
    /// From this instant (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Before this instant (exclusive).
    pub until: Option<DateTime<Utc>>,
}

fn usage_filtered<'a>(
    scope: &Scope,
    f: &'a UsageFilter,
) -> credit_usage_logs::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(o) = f
        .operation
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(credit_usage_logs::operation.eq(o));
    }
    if let Some(t) = f.from {
        q = q.filter(credit_usage_logs::created_at.ge(t));
    }
    if let Some(t) = f.until {
        q = q.filter(credit_usage_logs::created_at.lt(t));
    }
    q
}

/// The account's AI usage log, newest first.
pub fn list_usage(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &UsageFilter,
    page: PageRequest,
) -> Result<Page<UsageLog>> {
    let count = usage_filtered(scope, f).count().get_result(conn)?;
    let items = usage_filtered(scope, f)
        .order((
            credit_usage_logs::created_at.desc(),
            credit_usage_logs::id.desc(),
        ))
        .limit(page.limit())
        .offset(page.offset())
        .select(UsageLog::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}
