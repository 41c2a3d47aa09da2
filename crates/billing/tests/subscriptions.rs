//! Subscriptions on real PostgreSQL: sign-up, renewal rules with a controllable clock, plan
//! changes and cancellation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use billing::Error;
use billing::model::{BillingCycle, InvoiceStatus, PaymentMethod, SubscriptionStatus};
use billing::payments::{ManualPayment, approve_payment, submit_manual_payment};
use billing::subscriptions::{RenewalReport, cancel, change_plan, get_subscription, run_renewals};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use common::*;
use db::schema::accounts;
use diesel::prelude::*;
use kernel::{Clock, InvoiceId};
use tenancy::Scope;

fn account_status(c: &mut PgConnection, a: kernel::AccountId) -> String {
    accounts::table
        .find(a)
        .select(accounts::status)
        .first(c)
        .unwrap()
}

/// Moves the clock to just past `t` (Clock::advance counts whole seconds).
fn advance_to(clock: &Clock, t: DateTime<Utc>) {
    clock.advance(t - clock.now() + Duration::seconds(1));
    assert!(clock.now() >= t);
}

fn pay(c: &mut PgConnection, scope: &Scope, staff: &Scope, invoice: InvoiceId, now: DateTime<Utc>) {
    let p = submit_manual_payment(
        c,
        scope,
        &ManualPayment {
            invoice_id: invoice,
            payment_method: PaymentMethod::BankTransfer,
            transaction_reference: format!("TX-{}", invoice.get()),
        },
        now,
    )
    .unwrap();
    approve_payment(c, staff, p.id, now).unwrap();
}

/// A starter account whose sign-up invoice was paid at `clock.now()`.
fn paid_starter(c: &mut PgConnection, name: &str, staff: &Scope, clock: &Clock) -> Signed {
    let a = signup(c, name, "starter", clock.now());
    assert_eq!(account_status(c, a.account), "pending_payment");
    assert_eq!(a.signup.subscription.status, "pending");
    assert_eq!(balance(c, a.account).total(), 0);
    pay(
        c,
        &a.scope,
        staff,
        a.signup.invoice.as_ref().unwrap().id,
        clock.now(),
    );
    a
}

#[test]
fn paying_the_signup_invoice_activates_account_subscription_and_credits() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "s1");
    let clock = Clock::system();
    let a = paid_starter(&mut c, "starter1", &staff, &clock);
    assert_eq!(account_status(&mut c, a.account), "active");
    let (sub, plan) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(
        (sub.status(), plan.slug.as_str(), sub.open_invoice_id),
        (SubscriptionStatus::Active, "starter", None)
    );
    let (start, end) = (
        sub.current_period_start.unwrap(),
        sub.current_period_end.unwrap(),
    );
    assert_eq!(end, BillingCycle::Monthly.period_end(start));
    assert_eq!(balance(&mut c, a.account).plan_credits, 1000);
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn a_paid_renewal_resets_the_plan_pool() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "s2");
    let clock = Clock::system();
    let a = paid_starter(&mut c, "renewpaid", &staff, &clock);
    common::fund(&mut c, &a.scope, billing::model::Pool::Bonus, 40, "bonus");
    billing::credits::charge(
        &mut c,
        &a.scope,
        &billing::credits::ChargeRequest {
            operation: "ideas",
            amount: 700,
            idempotency_key: "spend",
            reference: "",
            description: "",
            usage: Default::default(),
        },
        clock.now(),
    )
    .unwrap();
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    let end = sub.current_period_end.unwrap();

    // nothing is due before the period end
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default()
    );
    advance_to(&clock, end + Duration::minutes(5));
    let r = run_renewals(&mut c, clock.now()).unwrap();
    assert_eq!(
        r,
        RenewalReport {
            invoiced: 1,
            ..Default::default()
        }
    );
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default(),
        "a second run changes nothing"
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.current_period_start, Some(end));
    let inv =
        billing::invoices::get_invoice(&mut c, &a.scope, sub.open_invoice_id.unwrap()).unwrap();
    assert_eq!(
        (
            inv.invoice_type.as_str(),
            inv.status(),
            inv.total_cents,
            inv.period_start
        ),
        ("subscription", InvoiceStatus::Pending, 10000, Some(end))
    );
    assert_eq!(
        balance(&mut c, a.account).plan_credits,
        300,
        "credits kept during the day of grace"
    );

    clock.advance(Duration::hours(3));
    pay(&mut c, &a.scope, &staff, inv.id, clock.now());
    let (sub2, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(
        (
            sub2.status(),
            sub2.open_invoice_id,
            sub2.current_period_start
        ),
        (SubscriptionStatus::Active, None, Some(end)),
        "a paid renewal keeps its period"
    );
    let b = balance(&mut c, a.account);
    assert_eq!(
        (b.plan_credits, b.bonus_credits),
        (1000, 40),
        "plan pool reset, bonus untouched"
    );
    clock.advance(Duration::days(2));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default()
    );
    assert_eq!(account_status(&mut c, a.account), "active");
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn an_unpaid_renewal_zeroes_the_plan_pool_after_a_day_and_expires_after_seven() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "s3");
    let clock = Clock::system();
    let a = paid_starter(&mut c, "unpaid", &staff, &clock);
    common::fund(&mut c, &a.scope, billing::model::Pool::Bonus, 25, "bonus");
    let end = get_subscription(&mut c, &a.scope)
        .unwrap()
        .0
        .current_period_end
        .unwrap();
    advance_to(&clock, end);
    assert_eq!(run_renewals(&mut c, clock.now()).unwrap().invoiced, 1);
    advance_to(&clock, end + Duration::hours(23));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default(),
        "still in the day of grace"
    );
    assert_eq!(balance(&mut c, a.account).plan_credits, 1000);

    advance_to(&clock, end + Duration::days(1));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport {
            past_due: 1,
            ..Default::default()
        }
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.status(), SubscriptionStatus::PastDue);
    let b = balance(&mut c, a.account);
    assert_eq!(
        (b.plan_credits, b.bonus_credits),
        (0, 25),
        "plan pool 0, bonus credits never expire"
    );
    assert_eq!(
        account_status(&mut c, a.account),
        "active",
        "past due still works on bonus credits"
    );
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default()
    );

    advance_to(&clock, end + Duration::days(7) - Duration::minutes(1));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default()
    );
    advance_to(&clock, end + Duration::days(7));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport {
            expired: 1,
            ..Default::default()
        }
    );
    assert_eq!(
        get_subscription(&mut c, &a.scope).unwrap().0.status(),
        SubscriptionStatus::Expired
    );
    assert_eq!(account_status(&mut c, a.account), "suspended");
    assert_eq!(
        run_renewals(&mut c, clock.now() + Duration::days(60)).unwrap(),
        RenewalReport::default(),
        "an expired subscription stays put"
    );

    // paying the renewal invoice late brings everything back with a new period
    clock.advance(Duration::days(3));
    let paid_at = clock.now().trunc_subsecs(6);
    pay(
        &mut c,
        &a.scope,
        &staff,
        sub.open_invoice_id.unwrap(),
        paid_at,
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(
        (sub.status(), sub.current_period_start),
        (SubscriptionStatus::Active, Some(paid_at))
    );
    assert_eq!(account_status(&mut c, a.account), "active");
    assert_eq!(balance(&mut c, a.account).plan_credits, 1000);
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn a_late_run_catches_up_in_order() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "s4");
    let clock = Clock::system();
    let a = paid_starter(&mut c, "late", &staff, &clock);
    let end = get_subscription(&mut c, &a.scope)
        .unwrap()
        .0
        .current_period_end
        .unwrap();
    let r = run_renewals(&mut c, end + Duration::days(10)).unwrap();
    assert_eq!(
        r,
        RenewalReport {
            invoiced: 1,
            past_due: 1,
            expired: 1,
            ..Default::default()
        }
    );
    assert_eq!(account_status(&mut c, a.account), "suspended");
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn a_free_plan_renews_without_an_invoice() {
    let db = TestDb::new();
    let mut c = db.conn();
    let clock = Clock::system();
    let a = signup(&mut c, "freerenew", "free", clock.now());
    billing::credits::charge(
        &mut c,
        &a.scope,
        &billing::credits::ChargeRequest {
            operation: "clustering",
            amount: 60,
            idempotency_key: "k",
            reference: "",
            description: "",
            usage: Default::default(),
        },
        clock.now(),
    )
    .unwrap();
    let end = a.signup.subscription.current_period_end.unwrap();
    advance_to(&clock, end + Duration::days(40));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport {
            renewed: 1,
            ..Default::default()
        }
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert!(
        sub.current_period_start.unwrap() <= clock.now()
            && clock.now() < sub.current_period_end.unwrap(),
        "moved to the period containing now"
    );
    assert_eq!(
        (sub.status(), sub.open_invoice_id),
        (SubscriptionStatus::Active, None)
    );
    assert_eq!(balance(&mut c, a.account).plan_credits, 100);
    assert_eq!(
        billing::invoices::list_invoices(
            &mut c,
            &a.scope,
            &Default::default(),
            kernel::Order {
                field: billing::invoices::InvoiceOrder::IssuedAt,
                descending: true
            },
            Default::default()
        )
        .unwrap()
        .count,
        0
    );
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default()
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn a_cancelled_subscription_ends_at_its_period_end() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "s5");
    let clock = Clock::system();
    let a = paid_starter(&mut c, "quitter", &staff, &clock);
    let sub = cancel(&mut c, &a.scope, clock.now()).unwrap();
    assert_eq!(
        (sub.status(), sub.auto_renew, sub.cancelled_at.is_some()),
        (SubscriptionStatus::Active, false, true)
    );
    assert!(
        matches!(
            cancel(&mut c, &a.scope, clock.now()),
            Err(Error::SubscriptionState { .. })
        ),
        "cancelling twice"
    );
    let end = sub.current_period_end.unwrap();
    advance_to(&clock, end - Duration::minutes(1));
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport::default()
    );
    assert_eq!(balance(&mut c, a.account).plan_credits, 1000);
    advance_to(&clock, end);
    assert_eq!(
        run_renewals(&mut c, clock.now()).unwrap(),
        RenewalReport {
            ended: 1,
            ..Default::default()
        }
    );
    let (sub, _) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(sub.status(), SubscriptionStatus::Cancelled);
    assert_eq!(balance(&mut c, a.account).plan_credits, 0);
    assert_eq!(account_status(&mut c, a.account), "cancelled");
    // no renewal invoice was issued
    let f = billing::invoices::InvoiceFilter {
        status: Some(InvoiceStatus::Pending),
        ..Default::default()
    };
    assert_eq!(
        billing::invoices::list_invoices(
            &mut c,
            &a.scope,
            &f,
            kernel::Order {
                field: billing::invoices::InvoiceOrder::IssuedAt,
                descending: true
            },
            Default::default()
        )
        .unwrap()
        .count,
        0
    );
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn cancelling_a_pending_signup_voids_its_invoice() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = signup(&mut c, "pendingquit", "growth", Utc::now());
    let inv = a.signup.invoice.clone().unwrap();
    let sub = cancel(&mut c, &a.scope, Utc::now()).unwrap();
    assert_eq!(sub.status(), SubscriptionStatus::Cancelled);
    assert_eq!(
        billing::invoices::get_invoice(&mut c, &a.scope, inv.id)
            .unwrap()
            .status(),
        InvoiceStatus::Void
    );
    let r = submit_manual_payment(
        &mut c,
        &a.scope,
        &ManualPayment {
            invoice_id: inv.id,
            payment_method: PaymentMethod::BankTransfer,
            transaction_reference: "x".into(),
        },
        Utc::now(),
    );
    assert!(matches!(r, Err(Error::InvoiceNotPayable { ref status }) if status == "void"));
}

#[test]
fn changing_plans() {
    let db = TestDb::new();
    let mut c = db.conn();
    let staff = staff(&mut c, "s6");
    let clock = Clock::system();
    let a = paid_starter(&mut c, "mover", &staff, &clock);
    // same plan and cycle: a conflict with the subscription as it is
    assert!(matches!(
        change_plan(&mut c, &a.scope, "starter", None, clock.now()),
        Err(Error::AlreadyOnPlan)
    ));
    // an unknown plan names the field as a missing object
    assert!(matches!(
        change_plan(&mut c, &a.scope, "platinum", None, clock.now()),
        Err(Error::Tenancy(tenancy::Error::Validation(ref e))) if e.only_unknown_objects()
    ));
    // upgrade: an invoice; the plan moves when it is paid
    let ch = change_plan(
        &mut c,
        &a.scope,
        "growth",
        Some(BillingCycle::Annual),
        clock.now(),
    )
    .unwrap();
    let inv = ch.invoice.unwrap();
    assert_eq!(
        (inv.total_cents, inv.billing_cycle.as_deref()),
        (200_000, Some("annual"))
    );
    assert_eq!(
        ch.plan.slug, "starter",
        "still on the paid plan until the invoice is paid"
    );
    clock.advance(Duration::days(3));
    let paid_at = clock.now().trunc_subsecs(6);
    pay(&mut c, &a.scope, &staff, inv.id, paid_at);
    let (sub, plan) = get_subscription(&mut c, &a.scope).unwrap();
    assert_eq!(
        (plan.slug.as_str(), sub.cycle(), sub.current_period_start),
        ("growth", BillingCycle::Annual, Some(paid_at))
    );
    assert_eq!(
        sub.current_period_end,
        Some(BillingCycle::Annual.period_end(paid_at))
    );
    assert_eq!(balance(&mut c, a.account).plan_credits, 2000);
    let (acc, p) = tenancy::accounts::get_account(&mut c, &a.scope).unwrap();
    assert_eq!((acc.status.as_str(), p.slug.as_str()), ("active", "growth"));
    // a second change voids the first unpaid one
    let first = change_plan(&mut c, &a.scope, "scale", None, clock.now())
        .unwrap()
        .invoice
        .unwrap();
    let second = change_plan(
        &mut c,
        &a.scope,
        "scale",
        Some(BillingCycle::Monthly),
        clock.now(),
    )
    .unwrap()
    .invoice
    .unwrap();
    assert_eq!(
        billing::invoices::get_invoice(&mut c, &a.scope, first.id)
            .unwrap()
            .status(),
        InvoiceStatus::Void
    );
    assert_eq!(second.total_cents, 50_000);
    // down to free: at once, with the free credits
    let ch = change_plan(&mut c, &a.scope, "free", None, clock.now()).unwrap();
    assert!(ch.invoice.is_none());
    assert_eq!(ch.plan.slug, "free");
    assert_eq!(
        billing::invoices::get_invoice(&mut c, &a.scope, second.id)
            .unwrap()
            .status(),
        InvoiceStatus::Void
    );
    assert_eq!(balance(&mut c, a.account).plan_credits, 100);
    assert_eq!(
        tenancy::accounts::get_account(&mut c, &a.scope)
            .unwrap()
            .1
            .slug,
        "free"
    );
    // viewers may not change plans
    let viewer = Scope::for_tests(a.account, None, kernel::Role::Viewer);
    assert!(matches!(
        change_plan(&mut c, &viewer, "starter", None, clock.now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        cancel(&mut c, &viewer, clock.now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert_ledger_consistent(&mut c, a.account);
}

#[test]
fn the_renewal_job_is_a_unique_maintenance_cron_task() {
    use fang::Runnable;
    let job = billing::jobs::RenewSubscriptions {};
    assert_eq!(job.task_type(), "maintenance");
    assert!(job.uniq());
    assert!(
        matches!(job.cron(), Some(fang::Scheduled::CronPattern(ref p)) if p == "0 */10 * * * *")
    );
    let db = TestDb::new();
    let mut c = db.conn();
    billing::jobs::schedule_cron_jobs(&mut c).unwrap();
    billing::jobs::schedule_cron_jobs(&mut c).unwrap();
    let n: i64 = diesel::sql_query(
        "SELECT 1 FROM fang_tasks WHERE metadata->>'type' = 'billing.renew_subscriptions'",
    )
    .execute(&mut c)
    .unwrap() as i64;
    assert_eq!(n, 1, "scheduling twice keeps one pending task");
}
