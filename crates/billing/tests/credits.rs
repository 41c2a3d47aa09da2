//! The credit ledger on real PostgreSQL: pools, ordering, idempotency, refunds, concurrency and
//! the ledger invariant.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use billing::Error;
use billing::costs::{Quantity, estimate};
use billing::credits::{
    self, ChargeRequest, GrantRequest, RefundRequest, TransactionFilter, TransactionOrder,
    UsageRecord,
};
use billing::model::{Pool, TxKind};
use chrono::{Duration, Utc};
use common::*;
use db::schema::credit_usage_logs;
use diesel::prelude::*;
use kernel::{Order, PageRequest};
use rand::{RngExt, SeedableRng};
use std::sync::{Arc, Barrier};
use tenancy::Scope;

fn charge(
    conn: &mut PgConnection,
    scope: &Scope,
    amount: i64,
    key: &str,
) -> billing::Result<credits::Posted> {
    credits::charge(
        conn,
        scope,
        &ChargeRequest {
            operation: "content",
            amount,
            idempotency_key: key,
            reference: "task:1",
            description: "Article",
            usage: UsageRecord {
                model: "gpt-5.1".into(),
                tokens_in: 1000,
                tokens_out: 3000,
                cost_usd_micros: 31_250,
            },
        },
        Utc::now(),
    )
}

fn refund(
    conn: &mut PgConnection,
    scope: &Scope,
    charge_key: &str,
    amount: Option<i64>,
    key: &str,
) -> billing::Result<credits::Posted> {
    credits::refund(
        conn,
        scope,
        &RefundRequest {
            charge_key,
            amount,
            idempotency_key: key,
            description: "failed",
        },
        Utc::now(),
    )
}

fn usage_count(conn: &mut PgConnection, scope: &Scope) -> i64 {
    credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(scope.account_id()))
        .count()
        .get_result(conn)
        .unwrap()
}

#[test]
fn free_signup_grants_the_plan_credits_through_the_ledger() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "free1", "free", Utc::now());
    assert_eq!(a.signup.subscription.status, "active");
    assert!(a.signup.invoice.is_none());
    let b = balance(&mut c, a.account);
    assert_eq!((b.plan_credits, b.bonus_credits), (100, 0));
    let rows = ledger(&mut c, a.account);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].kind.as_str(),
            rows[0].pool.as_str(),
            rows[0].amount,
            rows[0].balance_after
        ),
        ("plan_reset", "plan", 100, 100)
    );
    let s = credits::balance_summary(&mut c, &a.scope).unwrap();
    assert_eq!((s.total, s.plan_credits_per_month), (100, 100));
    assert!(s.period_end.is_some());
}

#[test]
fn charges_take_plan_credits_first_then_bonus_and_log_usage() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "spender", "free", Utc::now());
    fund(&mut c, &a.scope, Pool::Bonus, 50, "bonus-1");
    let p = charge(&mut c, &a.scope, 120, "call-1").unwrap();
    assert!(!p.replayed);
    assert_eq!(
        (
            p.pool_amount(Pool::Plan),
            p.pool_amount(Pool::Bonus),
            p.amount()
        ),
        (-100, -20, -120)
    );
    assert_eq!(p.transactions.len(), 2);
    assert_eq!(p.transactions[0].idempotency_key.as_deref(), Some("call-1"));
    assert_eq!(p.transactions[1].parent_id, Some(p.transactions[0].id));
    assert_eq!(p.transactions[1].idempotency_key, None);
    let b = balance(&mut c, a.account);
    assert_eq!((b.plan_credits, b.bonus_credits), (0, 30));
    let logs = credits::list_usage(
        &mut c,
        &a.scope,
        &Default::default(),
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(logs.count, 1);
    let l = &logs.items[0];
    assert_eq!(
        (
            l.operation.as_str(),
            l.credits,
            l.model.as_str(),
            l.tokens_in,
            l.tokens_out,
            l.cost_usd_micros
        ),
        ("content", 120, "gpt-5.1", 1000, 3000, 31_250)
    );
    assert_eq!(l.transaction_id, Some(p.transactions[0].id));
    // usage filters
    let f = credits::UsageFilter {
        operation: Some("images".into()),
        ..Default::default()
    };
    assert_eq!(
        credits::list_usage(&mut c, &a.scope, &f, PageRequest::default())
            .unwrap()
            .count,
        0
    );
    let f = credits::UsageFilter {
        from: Some(Utc::now() + Duration::hours(1)),
        ..Default::default()
    };
    assert_eq!(
        credits::list_usage(&mut c, &a.scope, &f, PageRequest::default())
            .unwrap()
            .count,
        0
    );
    let f = credits::UsageFilter {
        from: Some(Utc::now() - Duration::hours(1)),
        until: Some(Utc::now() + Duration::hours(1)),
        operation: Some("content".into()),
    };
    assert_eq!(
        credits::list_usage(&mut c, &a.scope, &f, PageRequest::default())
            .unwrap()
            .count,
        1
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn a_charge_beyond_the_balance_is_refused_and_writes_nothing() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "poor", "free", Utc::now());
    let before = ledger(&mut c, a.account).len();
    match charge(&mut c, &a.scope, 101, "too-much") {
        Err(Error::InsufficientCredits { needed, available }) => {
            assert_eq!((needed, available), (101, 100))
        }
        other => panic!("expected InsufficientCredits, got {other:?}"),
    }
    assert_eq!(ledger(&mut c, a.account).len(), before);
    assert_eq!(usage_count(&mut c, &a.scope), 0);
    assert!(matches!(
        credits::check(&mut c, &a.scope, 101),
        Err(Error::InsufficientCredits {
            needed: 101,
            available: 100
        })
    ));
    assert_eq!(credits::check(&mut c, &a.scope, 100).unwrap().total(), 100);
    // the failed key is free to use once the balance allows it
    charge(&mut c, &a.scope, 100, "too-much").unwrap();
    assert_eq!(balance(&mut c, a.account).total(), 0);
    // validation
    assert!(matches!(
        charge(&mut c, &a.scope, -1, "neg"),
        Err(Error::Tenancy(tenancy::Error::Validation(_)))
    ));
    assert!(matches!(
        charge(&mut c, &a.scope, 1, " "),
        Err(Error::Tenancy(tenancy::Error::Validation(_)))
    ));
    let bad_op = credits::charge(
        &mut c,
        &a.scope,
        &ChargeRequest {
            operation: "mining",
            amount: 0,
            idempotency_key: "op",
            reference: "",
            description: "",
            usage: UsageRecord::default(),
        },
        Utc::now(),
    );
    assert!(
        matches!(bad_op, Err(Error::Tenancy(tenancy::Error::Validation(ref e))) if e.fields().contains_key("operation"))
    );
}

#[test]
fn a_repeated_idempotency_key_returns_the_first_result_and_charges_nothing() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "retry", "free", Utc::now());
    let first = charge(&mut c, &a.scope, 30, "job-7").unwrap();
    let again = charge(&mut c, &a.scope, 30, "job-7").unwrap();
    assert!(again.replayed);
    assert_eq!(again.transactions, first.transactions);
    // even with another amount, the key answers with the first result
    let other = charge(&mut c, &a.scope, 99, "job-7").unwrap();
    assert_eq!(other.transactions, first.transactions);
    assert_eq!(balance(&mut c, a.account).plan_credits, 70);
    assert_eq!(usage_count(&mut c, &a.scope), 1);
    // the same key for another kind of change is refused
    let g = credits::grant(
        &mut c,
        &a.scope,
        &GrantRequest {
            pool: Pool::Bonus,
            amount: 5,
            idempotency_key: "job-7",
            reference: "",
            description: "",
        },
        Utc::now(),
    );
    assert!(matches!(g, Err(Error::IdempotencyKeyReused { ref kind, .. }) if kind == "charge"));
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn refunds_return_credits_to_their_pools_and_never_exceed_the_charge() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "refunds", "free", Utc::now());
    fund(&mut c, &a.scope, Pool::Bonus, 50, "bonus");
    charge(&mut c, &a.scope, 120, "c1").unwrap(); // plan 100 + bonus 20
    let r1 = refund(&mut c, &a.scope, "c1", Some(30), "r1").unwrap();
    // bonus first (taken last), then plan
    assert_eq!(
        (r1.pool_amount(Pool::Bonus), r1.pool_amount(Pool::Plan)),
        (20, 10)
    );
    assert!(r1.transactions.iter().all(|t| t.kind == "refund"
        && t.refund_of_id.is_some()
        && t.operation.as_deref() == Some("content")));
    let replay = refund(&mut c, &a.scope, "c1", Some(30), "r1").unwrap();
    assert!(replay.replayed);
    let r2 = refund(&mut c, &a.scope, "c1", None, "r2").unwrap();
    assert_eq!(
        (r2.pool_amount(Pool::Plan), r2.pool_amount(Pool::Bonus)),
        (90, 0)
    );
    let b = balance(&mut c, a.account);
    assert_eq!((b.plan_credits, b.bonus_credits), (100, 50));
    assert!(matches!(
        refund(&mut c, &a.scope, "c1", Some(1), "r3"),
        Err(Error::RefundExceedsCharge {
            requested: 1,
            refundable: 0
        })
    ));
    assert!(matches!(
        refund(&mut c, &a.scope, "nope", None, "r4"),
        Err(Error::Tenancy(tenancy::Error::Validation(_)))
    ));
    // a refund key cannot point at a grant
    assert!(matches!(
        refund(&mut c, &a.scope, "bonus", None, "r5"),
        Err(Error::Tenancy(tenancy::Error::Validation(_)))
    ));
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn estimates_come_from_the_cost_table() {
    let db = TestDb::new();
    let mut c = db.conn();
    let e = estimate(&mut c, "content", Quantity::Tokens(4200), None).unwrap();
    assert_eq!((e.model.as_str(), e.credits), ("gpt-5.1", 5));
    assert_eq!(
        estimate(&mut c, "content", Quantity::Tokens(10), None)
            .unwrap()
            .credits,
        3,
        "per-operation minimum"
    );
    assert_eq!(
        estimate(&mut c, "clustering", Quantity::Items(50), None)
            .unwrap()
            .credits,
        10
    );
    assert_eq!(
        estimate(
            &mut c,
            "content",
            Quantity::Tokens(25_000),
            Some("gpt-4o-mini")
        )
        .unwrap()
        .credits,
        3
    );
    assert_eq!(
        estimate(&mut c, "images", Quantity::Images(2), None)
            .unwrap()
            .credits,
        10,
        "default dall-e-3 is the quality tier"
    );
    assert_eq!(
        estimate(&mut c, "images", Quantity::Images(2), Some("basic"))
            .unwrap()
            .credits,
        2
    );
    assert_eq!(
        estimate(&mut c, "images", Quantity::Images(2), Some("premium"))
            .unwrap()
            .credits,
        30
    );
    assert!(
        estimate(&mut c, "content", Quantity::Tokens(1), Some("gpt-4o")).is_err(),
        "inactive model"
    );
    assert!(
        estimate(&mut c, "content", Quantity::Tokens(1), Some("dall-e-3")).is_err(),
        "image model for text"
    );
    assert!(estimate(&mut c, "mining", Quantity::Tokens(1), None).is_err());
    let m = billing::costs::model_rate(&mut c, "text", Some("gpt-5.1")).unwrap();
    assert_eq!(billing::costs::cost_usd_micros(&m, 1000, 500, 0), 6250);
}

#[test]
fn tenants_do_not_see_or_touch_each_others_ledger() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "ta", "free", Utc::now());
    let b = signup(&mut c, "tb", "free", Utc::now());
    charge(&mut c, &a.scope, 10, "same-key").unwrap();
    // the same key is independent per account
    let pb = charge(&mut c, &b.scope, 20, "same-key").unwrap();
    assert!(!pb.replayed);
    let la = credits::list_transactions(
        &mut c,
        &a.scope,
        &TransactionFilter::default(),
        Order {
            field: TransactionOrder::CreatedAt,
            descending: true,
        },
        PageRequest::default(),
    )
    .unwrap();
    assert!(la.items.iter().all(|t| t.account_id == a.account));
    assert_eq!(la.count, 2);
    let f = TransactionFilter {
        kind: Some(TxKind::Charge),
        ..Default::default()
    };
    let lb = credits::list_transactions(
        &mut c,
        &b.scope,
        &f,
        Order {
            field: TransactionOrder::Amount,
            descending: false,
        },
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(
        lb.items.iter().map(|t| t.amount).collect::<Vec<_>>(),
        vec![-20]
    );
    // B cannot refund A's charge by its key
    assert!(
        refund(&mut c, &b.scope, "same-key", Some(10), "steal").is_ok(),
        "B refunds its own charge of the same key"
    );
    assert_eq!(balance(&mut c, a.account).plan_credits, 90);
    assert_eq!(balance(&mut c, b.account).plan_credits, 90);
    assert_eq!(
        credits::list_usage(
            &mut c,
            &b.scope,
            &Default::default(),
            PageRequest::default()
        )
        .unwrap()
        .items[0]
            .credits,
        20
    );
}

#[test]
fn sixty_four_concurrent_charges_never_overdraw() {
    let db = TestDb::new();
    let a = {
        let mut c = db.conn();
        let a = signup(&mut c, "race", "free", Utc::now());
        fund(&mut c, &a.scope, Pool::Bonus, 28, "bonus");
        a
    };
    // 128 credits; 64 charges of 3 → exactly 42 fit.
    let pool = db::build_pool(
        db.url(),
        &db::PoolOptions {
            max_size: 16,
            connection_timeout: std::time::Duration::from_secs(30),
        },
    )
    .unwrap();
    let barrier = Arc::new(Barrier::new(65));
    let handles: Vec<_> = (0..64)
        .map(|i| {
            let (pool, barrier, scope) = (pool.clone(), barrier.clone(), a.scope.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut c = pool.get().unwrap();
                charge(&mut c, &scope, 3, &format!("par-{i}"))
            })
        })
        .collect();
    barrier.wait();
    let started = std::time::Instant::now();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    eprintln!(
        "64 concurrent charges on one account: {:?}",
        started.elapsed()
    );
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let short = results
        .iter()
        .filter(|r| matches!(r, Err(Error::InsufficientCredits { .. })))
        .count();
    assert_eq!(
        (ok, short),
        (42, 22),
        "{:?}",
        results
            .iter()
            .find(|r| r.is_err() && !matches!(r, Err(Error::InsufficientCredits { .. })))
    );
    let mut c = db.conn();
    let b = balance(&mut c, a.account);
    assert_eq!((b.plan_credits, b.bonus_credits), (0, 2));
    assert_eq!(usage_count(&mut c, &a.scope), 42);
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn concurrent_retries_of_one_key_charge_once() {
    let db = TestDb::new();
    let a = signup(&mut db.conn(), "dupes", "free", Utc::now());
    let pool = db::build_pool(
        db.url(),
        &db::PoolOptions {
            max_size: 16,
            connection_timeout: std::time::Duration::from_secs(30),
        },
    )
    .unwrap();
    let barrier = Arc::new(Barrier::new(32));
    let handles: Vec<_> = (0..32)
        .map(|_| {
            let (pool, barrier, scope) = (pool.clone(), barrier.clone(), a.scope.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut c = pool.get().unwrap();
                charge(&mut c, &scope, 7, "one-key").unwrap()
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results.iter().filter(|p| !p.replayed).count(), 1);
    assert!(
        results
            .iter()
            .all(|p| p.transactions == results[0].transactions)
    );
    let mut c = db.conn();
    assert_eq!(balance(&mut c, a.account).plan_credits, 93);
    assert_eq!(usage_count(&mut c, &a.scope), 1);
}

/// Random grants, charges, refunds, renewals (with paid and unpaid renewal invoices) and replays
/// on two accounts, then 64 concurrent charges: the pools always equal the ledger sums, nothing
/// goes negative, and replaying every key used changes nothing.
#[test]
fn ledger_invariant_under_a_random_sequence() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "ledger");
    let start = Utc::now();
    let free = signup(&mut c, "rfree", "free", start);
    let paid = signup(&mut c, "rpaid", "starter", start);
    // activate the paid account by paying its sign-up invoice
    let inv = paid.signup.invoice.clone().unwrap();
    let pay = billing::payments::submit_manual_payment(
        &mut c,
        &paid.scope,
        &billing::payments::ManualPayment {
            invoice_id: inv.id,
            payment_method: billing::model::PaymentMethod::BankTransfer,
            transaction_reference: "TX-0".into(),
        },
        start,
    )
    .unwrap();
    billing::payments::approve_payment(&mut c, &staff, pay.id, start).unwrap();

    let accounts = [&free, &paid];
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x01c4_ed17);
    let mut now = start;
    let mut keys: Vec<(usize, String, &'static str)> = Vec::new();
    let mut charges: Vec<(usize, String)> = Vec::new();
    for step in 0..240 {
        let i = rng.random_range(0..2usize);
        let s = &accounts[i].scope;
        match rng.random_range(0..10u32) {
            0 | 1 => {
                let key = format!("g{step}");
                let pool = if rng.random_range(0..2u32) == 0 {
                    Pool::Plan
                } else {
                    Pool::Bonus
                };
                credits::grant(
                    &mut c,
                    s,
                    &GrantRequest {
                        pool,
                        amount: rng.random_range(1..200i64),
                        idempotency_key: &key,
                        reference: "",
                        description: "",
                    },
                    now,
                )
                .unwrap();
                keys.push((i, key, "grant"));
            }
            2..=5 => {
                let key = format!("c{step}");
                match charge(&mut c, s, rng.random_range(0..120i64), &key) {
                    Ok(_) => {
                        keys.push((i, key.clone(), "charge"));
                        charges.push((i, key));
                    }
                    Err(Error::InsufficientCredits { .. }) => {}
                    Err(e) => panic!("charge: {e}"),
                }
            }
            6 if !charges.is_empty() => {
                let (ci, ck) = charges[rng.random_range(0..charges.len())].clone();
                let key = format!("r{step}");
                let amount = if rng.random_range(0..2u32) == 0 {
                    None
                } else {
                    Some(rng.random_range(1..40i64))
                };
                match refund(&mut c, &accounts[ci].scope, &ck, amount, &key) {
                    Ok(_) => keys.push((ci, key, "refund")),
                    Err(Error::RefundExceedsCharge { .. }) => {}
                    Err(e) => panic!("refund: {e}"),
                }
            }
            7 => {
                now += Duration::days(rng.random_range(1..20i64));
                billing::subscriptions::run_renewals(&mut c, now).unwrap();
            }
            8 => {
                // pay the paid account's open renewal invoice, when there is one
                let (sub, _) =
                    billing::subscriptions::get_subscription(&mut c, &paid.scope).unwrap();
                if let Some(inv) = sub.open_invoice_id {
                    let p = billing::payments::submit_manual_payment(
                        &mut c,
                        &paid.scope,
                        &billing::payments::ManualPayment {
                            invoice_id: inv,
                            payment_method: billing::model::PaymentMethod::Manual,
                            transaction_reference: format!("TX-{step}"),
                        },
                        now,
                    )
                    .unwrap();
                    billing::payments::approve_payment(&mut c, &staff, p.id, now).unwrap();
                }
            }
            _ => {
                if let Some((ki, key, kind)) =
                    keys.get(rng.random_range(0..keys.len().max(1))).cloned()
                {
                    let before = (
                        balance(&mut c, accounts[ki].account),
                        ledger(&mut c, accounts[ki].account).len(),
                    );
                    let s = &accounts[ki].scope;
                    let r = match kind {
                        "grant" => credits::grant(
                            &mut c,
                            s,
                            &GrantRequest {
                                pool: Pool::Bonus,
                                amount: 1,
                                idempotency_key: &key,
                                reference: "",
                                description: "",
                            },
                            now,
                        ),
                        "charge" => charge(&mut c, s, 1, &key),
                        _ => refund(&mut c, s, "whatever", Some(1), &key),
                    };
                    assert!(r.unwrap().replayed);
                    assert_eq!(
                        before,
                        (
                            balance(&mut c, accounts[ki].account),
                            ledger(&mut c, accounts[ki].account).len()
                        )
                    );
                }
            }
        }
        for a in accounts {
            assert_ledger_consistent(&mut c, a.account);
        }
    }
    let kinds: std::collections::BTreeSet<String> = accounts
        .iter()
        .flat_map(|a| ledger(&mut c, a.account))
        .map(|t| t.kind)
        .collect();
    for k in ["grant", "charge", "refund", "plan_reset", "plan_expire"] {
        assert!(
            kinds.contains(k),
            "the random sequence exercised {k}: {kinds:?}"
        );
    }

    // 64 concurrent charges on top
    fund(&mut c, &free.scope, Pool::Bonus, 64, "final-bonus");
    let pool = db::build_pool(
        db.url(),
        &db::PoolOptions {
            max_size: 16,
            connection_timeout: std::time::Duration::from_secs(30),
        },
    )
    .unwrap();
    let barrier = Arc::new(Barrier::new(64));
    let hs: Vec<_> = (0..64)
        .map(|i| {
            let (pool, barrier, scope) =
                (pool.clone(), barrier.clone(), accounts[i % 2].scope.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut c = pool.get().unwrap();
                charge(&mut c, &scope, 5, &format!("final-{i}"))
                    .map(|_| ())
                    .or_else(|e| {
                        if matches!(e, Error::InsufficientCredits { .. }) {
                            Ok(())
                        } else {
                            Err(e)
                        }
                    })
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap().unwrap();
    }
    for a in accounts {
        assert_ledger_consistent(&mut c, a.account);
    }
    // every key replays without changing anything
    for (ki, key, kind) in keys {
        let before = (
            balance(&mut c, accounts[ki].account),
            ledger(&mut c, accounts[ki].account).len(),
        );
        let s = &accounts[ki].scope;
        let r = match kind {
            "grant" => credits::grant(
                &mut c,
                s,
                &GrantRequest {
                    pool: Pool::Plan,
                    amount: 999,
                    idempotency_key: &key,
                    reference: "",
                    description: "",
                },
                now,
            ),
            "charge" => charge(&mut c, s, 999, &key),
            _ => refund(&mut c, s, "whatever", None, &key),
        };
        assert!(r.unwrap().replayed, "{key}");
        assert_eq!(
            before,
            (
                balance(&mut c, accounts[ki].account),
                ledger(&mut c, accounts[ki].account).len()
            ),
            "{key}"
        );
    }
}

#[test]
fn ledger_rows_are_immutable() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "immut", "free", Utc::now());
    let err = diesel::sql_query("UPDATE credit_transactions SET amount = 1000")
        .execute(&mut c)
        .unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    let err = diesel::sql_query("DELETE FROM credit_transactions")
        .execute(&mut c)
        .unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    assert_eq!(balance(&mut c, a.account).plan_credits, 100);
}

#[test]
fn staff_adjust_credits() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "adj", "free", Utc::now());
    let st = staff(&mut c, "adjuster");
    let (p, b) =
        credits::adjust_credits(&mut c, &st, a.account, 250, "goodwill", "adj-1", Utc::now())
            .unwrap();
    assert_eq!((p.pool_amount(Pool::Bonus), b.bonus_credits), (250, 250));
    let (_, b) = credits::adjust_credits(
        &mut c,
        &st,
        a.account,
        -300,
        "correction",
        "adj-2",
        Utc::now(),
    )
    .unwrap();
    assert_eq!((b.plan_credits, b.bonus_credits), (0, 50));
    assert!(matches!(
        credits::adjust_credits(&mut c, &st, a.account, -51, "too much", "adj-3", Utc::now()),
        Err(Error::InsufficientCredits {
            needed: 51,
            available: 50
        })
    ));
    assert!(matches!(
        credits::adjust_credits(
            &mut c,
            &a.scope,
            a.account,
            5,
            "self-service",
            "adj-4",
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        credits::adjust_credits(
            &mut c,
            &st,
            kernel::AccountId(999_999),
            5,
            "ghost",
            "adj-5",
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
    assert!(matches!(
        credits::adjust_credits(&mut c, &st, a.account, 5, " ", "adj-6", Utc::now()),
        Err(Error::Tenancy(tenancy::Error::Validation(_)))
    ));
    assert!(
        ledger(&mut c, a.account)
            .iter()
            .any(|t| t.kind == "adjustment" && t.description == "goodwill")
    );
    assert_ledger_consistent(&mut c, a.account);
}

fn charge_for(
    conn: &mut PgConnection,
    scope: &Scope,
    amount: i64,
    key: &str,
    hold: Option<&str>,
) -> billing::Result<credits::Posted> {
    credits::charge_held(
        conn,
        scope,
        &ChargeRequest {
            operation: "content",
            amount,
            idempotency_key: key,
            reference: "task:1",
            description: "Article",
            usage: UsageRecord {
                model: "gpt-5.1".into(),
                tokens_in: 1,
                tokens_out: 1,
                cost_usd_micros: 0,
            },
        },
        hold,
        Utc::now(),
    )
}

#[test]
fn holds_reserve_credits_for_their_work_and_release_what_is_left() {
    use billing::holds;
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "hold1", "free", Utc::now()); // 100 plan credits
    let now = Utc::now();
    holds::place(&mut c, &a.scope, "ai_task:1", 60, now).unwrap();
    // Placing the same hold again holds nothing more.
    holds::place(&mut c, &a.scope, "ai_task:1", 60, now).unwrap();
    assert_eq!(holds::held(&mut c, &a.scope).unwrap(), 60);
    // Another piece of work can hold only what is left.
    let e = holds::place(&mut c, &a.scope, "ai_task:2", 41, now).unwrap_err();
    assert!(
        matches!(
            e,
            Error::InsufficientCredits {
                needed: 41,
                available: 40
            }
        ),
        "{e:?}"
    );
    holds::place(&mut c, &a.scope, "ai_task:2", 40, now).unwrap();
    // The quick check sees the holds too.
    assert!(matches!(
        credits::check(&mut c, &a.scope, 1),
        Err(Error::InsufficientCredits {
            needed: 1,
            available: 0
        })
    ));
    // A charge without a hold cannot spend held credits.
    assert!(matches!(
        charge_for(&mut c, &a.scope, 1, "free-spend", None),
        Err(Error::InsufficientCredits {
            needed: 1,
            available: 0
        })
    ));
    // Work 1 spends its hold and may not reach into work 2's.
    charge_for(&mut c, &a.scope, 50, "w1-a", Some("ai_task:1")).unwrap();
    assert_eq!(holds::held(&mut c, &a.scope).unwrap(), 10 + 40);
    assert!(matches!(
        charge_for(&mut c, &a.scope, 11, "w1-b", Some("ai_task:1")),
        Err(Error::InsufficientCredits {
            needed: 11,
            available: 10
        })
    ));
    charge_for(&mut c, &a.scope, 10, "w1-b", Some("ai_task:1")).unwrap();
    // A retried charge (same key) neither charges nor draws again.
    charge_for(&mut c, &a.scope, 10, "w1-b", Some("ai_task:1")).unwrap();
    assert_eq!(holds::held(&mut c, &a.scope).unwrap(), 40);
    // Work 2 ends having spent 15 of its 40: the other 25 are free again.
    charge_for(&mut c, &a.scope, 15, "w2-a", Some("ai_task:2")).unwrap();
    holds::release(&mut c, &a.scope, "ai_task:2", now).unwrap();
    holds::release(&mut c, &a.scope, "ai_task:2", now).unwrap();
    holds::release(&mut c, &a.scope, "ai_task:1", now).unwrap();
    assert_eq!(holds::held(&mut c, &a.scope).unwrap(), 0);
    assert_eq!(balance(&mut c, a.account).plan_credits, 100 - 60 - 15);
    charge_for(&mut c, &a.scope, 25, "free-spend", None).unwrap();
    assert_ledger_consistent(&mut c, a.account);
    // Another tenant's holds are its own.
    let b = signup(&mut c, "hold2", "free", Utc::now());
    holds::place(&mut c, &b.scope, "ai_task:1", 100, now).unwrap();
    assert_eq!(holds::held(&mut c, &a.scope).unwrap(), 0);
}

/// A group of usage charges ([`billing::usage::post_charges`]) writes the ledger rows, usage
/// logs, balance and hold a run of single charges would, crossing from the plan pool into the
/// bonus pool in the same place.
#[test]
fn a_group_of_charges_writes_what_single_charges_would() {
    use billing::holds;
    use billing::usage::{
        self, AiOperation, ProviderUsage, UsageCharge, UsageCharges, charge_usage,
    };
    let db = TestDb::new();
    let mut c = db.conn();
    let now = Utc::now();
    let single = signup(&mut c, "group-single", "free", now); // 100 plan credits
    let grouped = signup(&mut c, "group-posted", "free", now);
    for a in [&single, &grouped] {
        credits::grant(
            &mut c,
            &a.scope,
            &GrantRequest {
                pool: Pool::Bonus,
                amount: 500,
                idempotency_key: "bonus",
                reference: "test",
                description: "bonus",
            },
            now,
        )
        .unwrap();
        holds::place(&mut c, &a.scope, "work:1", 300, now).unwrap();
    }
    let usage_of = |tokens: u64| ProviderUsage {
        model: "offline-test",
        requested_model: None,
        tokens_in: tokens,
        tokens_out: tokens,
        images: 0,
    };
    let keys: Vec<String> = (0..6).map(|i| format!("work:1:item:{i}")).collect();
    let charge_of = |i: usize, u| UsageCharge {
        operation: AiOperation::Content,
        usage: u,
        idempotency_key: &keys[i],
        reference: "task:1",
        hold: Some("work:1"),
    };
    let tokens = [20_000u64, 30_000, 25_000, 40_000, 1, 15_000];
    let mut single_credits = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        single_credits
            .push(charge_usage(&mut c, &single.scope, &charge_of(i, usage_of(*t)), now).unwrap());
    }
    let table = billing::costs::CostTable::load(&mut c).unwrap();
    let mut group = UsageCharges::new(&table, Some("work:1"));
    let group_credits: Vec<i64> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| group.add(&charge_of(i, usage_of(*t))).unwrap())
        .collect();
    assert_eq!(group_credits, single_credits);
    assert!(
        single_credits.iter().sum::<i64>() > 100,
        "the charges cross into the bonus pool"
    );
    let total = c
        .transaction::<_, billing::Error, _>(|tx| {
            usage::post_charges(tx, &grouped.scope, &group, now)
        })
        .unwrap();
    assert_eq!(total, single_credits.iter().sum::<i64>());

    let rows = |c: &mut PgConnection, a: &Signed| {
        ledger(c, a.account)
            .into_iter()
            .map(|t| {
                (
                    t.kind,
                    t.pool,
                    t.amount,
                    t.balance_after,
                    t.idempotency_key,
                    t.parent_id.is_some(),
                    t.operation,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&mut c, &single), rows(&mut c, &grouped));
    let logs = |c: &mut PgConnection, a: &Signed| {
        credit_usage_logs::table
            .filter(credit_usage_logs::account_id.eq(a.account))
            .order(credit_usage_logs::id.asc())
            .select((
                credit_usage_logs::operation,
                credit_usage_logs::credits,
                credit_usage_logs::model,
                credit_usage_logs::tokens_in,
                credit_usage_logs::cost_usd_micros,
            ))
            .load::<(String, i64, String, i64, i64)>(c)
            .unwrap()
    };
    assert_eq!(logs(&mut c, &single), logs(&mut c, &grouped));
    assert_eq!(
        holds::held(&mut c, &single.scope).unwrap(),
        holds::held(&mut c, &grouped.scope).unwrap()
    );
    assert_ledger_consistent(&mut c, single.account);
    assert_ledger_consistent(&mut c, grouped.account);
    assert_eq!(
        usage::charged_keys(&mut c, &grouped.scope, &[keys[0].clone(), "other".into()]).unwrap(),
        [keys[0].clone()].into_iter().collect()
    );

    // A key charged before fails the whole group; a group the balance cannot cover writes
    // nothing and names the first charge that does not fit.
    let before = ledger(&mut c, grouped.account).len();
    let mut again = UsageCharges::new(&table, Some("work:1"));
    let fresh = "work:1:item:fresh".to_owned();
    again
        .add(&UsageCharge {
            idempotency_key: &fresh,
            ..charge_of(0, usage_of(10))
        })
        .unwrap();
    again.add(&charge_of(1, usage_of(10))).unwrap();
    assert!(usage::post_charges(&mut c, &grouped.scope, &again, now).is_err());
    assert_eq!(ledger(&mut c, grouped.account).len(), before);
    let mut too_much = UsageCharges::new(&table, Some("work:1"));
    too_much
        .add(&UsageCharge {
            idempotency_key: &fresh,
            ..charge_of(0, usage_of(10))
        })
        .unwrap();
    let big = "work:1:item:big".to_owned();
    too_much
        .add(&UsageCharge {
            idempotency_key: &big,
            ..charge_of(0, usage_of(100_000_000))
        })
        .unwrap();
    let e = usage::post_charges(&mut c, &grouped.scope, &too_much, now).unwrap_err();
    assert!(matches!(e, Error::InsufficientCredits { .. }), "{e:?}");
    assert_eq!(ledger(&mut c, grouped.account).len(), before);
    // Every charge of a group is for the group's hold.
    let e = UsageCharges::new(&table, None)
        .add(&charge_of(0, usage_of(1)))
        .unwrap_err();
    assert!(
        matches!(e, Error::Tenancy(tenancy::Error::Validation(_))),
        "{e:?}"
    );
}
