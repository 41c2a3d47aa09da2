//! Subscriptions: one per account. Sign-up, plan changes, cancellation, what a paid subscription
//! invoice does, and the renewal rules the worker applies at period end.
//!
//! Renewal of a paid plan at period end `T`: a renewal invoice for `[T, T + cycle)` is issued and
//! the period moves on; the plan pool keeps its credits for a day of grace. Paid → the pool is
//! reset to the plan's credits. Unpaid at `T + 1 day` → pool 0, `past_due`. Unpaid at
//! `T + 7 days` → `expired`, account `suspended`. A free plan renews without an invoice. A
//! cancelled subscription does not renew: at its period end it becomes `cancelled`, its pool 0
//! and the account `cancelled`.

use crate::credits::{expire_plan_pool, lock_balance, reset_plan_pool};
use crate::invoices::{NewInvoice, issue, void_invoice};
use crate::model::{
    BillingCycle, Invoice, InvoiceStatus, InvoiceType, LineItem, Subscription, SubscriptionStatus,
};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use db::schema::{accounts, invoices, subscriptions};
use diesel::prelude::*;
use kernel::{AccountId, FieldErrors, PlanId, Role, SubscriptionId};
use tenancy::Scope;
use tenancy::model::{Account, Plan};
use tenancy::scope::AccountStatus;

/// How long a renewal may stay unpaid before the plan pool is zeroed.
pub const GRACE: Duration = Duration::days(1);
/// How long a renewal may stay unpaid before the subscription expires.
pub const EXPIRY: Duration = Duration::days(7);

/// The price of a plan for a cycle, in minor units.
pub fn plan_price(plan: &Plan, cycle: BillingCycle) -> i64 {
    match cycle {
        BillingCycle::Monthly => plan.price_cents,
        BillingCycle::Annual => plan.annual_price_cents,
    }
}

/// What sign-up created in billing.
#[derive(Debug, Clone)]
pub struct SignupBilling {
    /// The new subscription (`active` on a free plan, `pending` on a paid one).
    pub subscription: Subscription,
    /// The open subscription invoice of a paid plan.
    pub invoice: Option<Invoice>,
}

/// Billing's part of sign-up, inside the sign-up transaction: a free plan gets an active
/// subscription and its credits through the ledger; a paid plan gets a `pending` subscription and
/// an open invoice (tenancy already made the account `pending_payment`).
pub fn on_signup(
    conn: &mut PgConnection,
    account: &Account,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<SignupBilling> {
    conn.transaction(|c| {
        lock_balance(c, account.id)?;
        if let Some(existing) = find_subscription(c, account.id, true)? {
            let invoice = existing
                .open_invoice_id
                .map(|id| crate::invoices::lock_invoice(c, account.id, id))
                .transpose()?;
            return Ok(SignupBilling {
                subscription: existing,
                invoice,
            });
        }
        let cycle = BillingCycle::Monthly;
        if plan_price(plan, cycle) == 0 {
            let sub = insert_subscription(
                c,
                account.id,
                plan.id,
                cycle,
                SubscriptionStatus::Active,
                Some(now),
                now,
            )?;
            reset_plan_pool(
                c,
                account.id,
                plan.included_credits,
                "signup:plan_credits",
                &format!("subscription:{}", sub.id),
                &format!("{} plan credits", plan.name),
                now,
            )?;
            Ok(SignupBilling {
                subscription: sub,
                invoice: None,
            })
        } else {
            let sub = insert_subscription(
                c,
                account.id,
                plan.id,
                cycle,
                SubscriptionStatus::Pending,
                None,
                now,
            )?;
            let inv = subscription_invoice(c, &sub, plan, cycle, None, now)?;
            let sub = set_open_invoice(c, &sub, Some(&inv), now)?;
            Ok(SignupBilling {
                subscription: sub,
                invoice: Some(inv),
            })
        }
    })
}

fn insert_subscription(
    c: &mut PgConnection,
    account: AccountId,
    plan: PlanId,
    cycle: BillingCycle,
    status: SubscriptionStatus,
    start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Subscription> {
    Ok(diesel::insert_into(subscriptions::table)
        .values((
            subscriptions::account_id.eq(account),
            subscriptions::plan_id.eq(plan),
            subscriptions::billing_cycle.eq(cycle.as_str()),
            subscriptions::status.eq(status.as_str()),
            subscriptions::current_period_start.eq(start),
            subscriptions::current_period_end.eq(start.map(|s| cycle.period_end(s))),
            subscriptions::created_at.eq(now),
            subscriptions::updated_at.eq(now),
        ))
        .returning(Subscription::as_returning())
        .get_result(c)?)
}

fn set_open_invoice(
    c: &mut PgConnection,
    sub: &Subscription,
    inv: Option<&Invoice>,
    now: DateTime<Utc>,
) -> Result<Subscription> {
    Ok(diesel::update(subscriptions::table.find(sub.id))
        .set((
            subscriptions::open_invoice_id.eq(inv.map(|i| i.id)),
            subscriptions::updated_at.eq(now),
        ))
        .returning(Subscription::as_returning())
        .get_result(c)?)
}

/// Issues a subscription invoice; `period` is set for renewals (a first or changed plan starts
/// when it is paid).
fn subscription_invoice(
    c: &mut PgConnection,
    sub: &Subscription,
    plan: &Plan,
    cycle: BillingCycle,
    period: Option<(DateTime<Utc>, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> Result<Invoice> {
    let price = plan_price(plan, cycle);
    let mut description = format!("{} plan, {}", plan.name, cycle.as_str());
    if let Some((s, e)) = period {
        description.push_str(&format!(
            " ({} to {})",
            s.format("%Y-%m-%d"),
            e.format("%Y-%m-%d")
        ));
    }
    issue(
        c,
        sub.account_id,
        NewInvoice {
            invoice_type: InvoiceType::Subscription,
            subscription_id: Some(sub.id),
            plan_id: Some(plan.id),
            billing_cycle: Some(cycle),
            period_start: period.map(|p| p.0),
            period_end: period.map(|p| p.1),
            credit_package_id: None,
            credits: 0,
            lines: vec![LineItem {
                description,
                quantity: 1,
                unit_price_cents: price,
                amount_cents: price,
            }],
            currency: plan.currency.clone(),
        },
        now,
    )
}

fn find_subscription(
    c: &mut PgConnection,
    account: AccountId,
    lock: bool,
) -> Result<Option<Subscription>> {
    let q = subscriptions::table
        .filter(subscriptions::account_id.eq(account))
        .select(Subscription::as_select());
    Ok(if lock {
        q.for_update().first(c).optional()?
    } else {
        q.first(c).optional()?
    })
}

pub(crate) fn lock_subscription(
    c: &mut PgConnection,
    account: AccountId,
    id: SubscriptionId,
) -> Result<Subscription> {
    Ok(subscriptions::table
        .filter(subscriptions::account_id.eq(account))
        .filter(subscriptions::id.eq(id))
        .select(Subscription::as_select())
        .for_update()
        .first(c)?)
}

fn set_account(
    c: &mut PgConnection,
    account: AccountId,
    plan: Option<PlanId>,
    status: Option<AccountStatus>,
    now: DateTime<Utc>,
) -> Result<()> {
    let q = accounts::table.find(account);
    if let Some(p) = plan {
        diesel::update(q).set(accounts::plan_id.eq(p)).execute(c)?;
    }
    if let Some(s) = status {
        diesel::update(q)
            .set(accounts::status.eq(s.as_str()))
            .execute(c)?;
    }
    diesel::update(q)
        .set(accounts::updated_at.eq(now))
        .execute(c)?;
    Ok(())
}

/// The account's subscription and its plan.
pub fn get_subscription(conn: &mut PgConnection, scope: &Scope) -> Result<(Subscription, Plan)> {
    let sub = find_subscription(conn, scope.account_id(), false)?.ok_or_else(Error::not_found)?;
    let plan = tenancy::reference::plan(conn, sub.plan_id)?;
    Ok((sub, plan))
}

/// The outcome of a plan change.
#[derive(Debug, Clone)]
pub struct PlanChange {
    /// The subscription after the change.
    pub subscription: Subscription,
    /// Its plan (the new one for a free plan; until the invoice is paid, the old one otherwise).
    pub plan: Plan,
    /// The invoice to pay for a paid plan.
    pub invoice: Option<Invoice>,
}

/// Moves to another plan or cycle (admin+). A free plan takes effect at once (a new monthly
/// period with its credits). A paid plan issues a subscription invoice and takes effect when it
/// is paid, with a new period from the payment; any other open subscription invoice is voided.
pub fn change_plan(
    conn: &mut PgConnection,
    scope: &Scope,
    plan_slug: &str,
    cycle: Option<BillingCycle>,
    now: DateTime<Utc>,
) -> Result<PlanChange> {
    scope.require(Role::Admin)?;
    let target = tenancy::reference::plan_by_slug(conn, plan_slug.trim())?
        .filter(|p| !p.is_internal)
        .ok_or_else(|| {
            Error::from(FieldErrors::single_unknown(
                "plan_slug",
                format!("Unknown plan '{}'.", plan_slug.trim()),
            ))
        })?;
    let account = scope.account_id();
    conn.transaction(|c| {
        let existing = find_subscription(c, account, true)?;
        let cycle = cycle
            .or(existing.as_ref().map(Subscription::cycle))
            .unwrap_or(BillingCycle::Monthly);
        if let Some(sub) = &existing {
            let same = sub.plan_id == target.id && sub.cycle() == cycle;
            match sub.status() {
                SubscriptionStatus::Active
                | SubscriptionStatus::Trialing
                | SubscriptionStatus::PastDue
                    if same && sub.open_invoice_id.is_none() =>
                {
                    return Err(Error::AlreadyOnPlan);
                }
                SubscriptionStatus::Pending if same => {
                    let invoice = sub
                        .open_invoice_id
                        .map(|id| crate::invoices::lock_invoice(c, account, id))
                        .transpose()?;
                    return Ok(PlanChange {
                        subscription: sub.clone(),
                        plan: target.clone(),
                        invoice,
                    });
                }
                _ => {}
            }
            if let Some(open) = sub.open_invoice_id {
                void_invoice(c, account, open, "replaced by a plan change", now)?;
            }
        }
        if plan_price(&target, cycle) == 0 {
            let cycle = BillingCycle::Monthly;
            let sub = match existing {
                Some(sub) => diesel::update(subscriptions::table.find(sub.id))
                    .set((
                        subscriptions::plan_id.eq(target.id),
                        subscriptions::billing_cycle.eq(cycle.as_str()),
                        subscriptions::status.eq(SubscriptionStatus::Active.as_str()),
                        subscriptions::current_period_start.eq(Some(now)),
                        subscriptions::current_period_end.eq(Some(cycle.period_end(now))),
                        subscriptions::auto_renew.eq(true),
                        subscriptions::cancelled_at.eq(None::<DateTime<Utc>>),
                        subscriptions::open_invoice_id.eq(None::<kernel::InvoiceId>),
                        subscriptions::updated_at.eq(now),
                    ))
                    .returning(Subscription::as_returning())
                    .get_result(c)?,
                None => insert_subscription(
                    c,
                    account,
                    target.id,
                    cycle,
                    SubscriptionStatus::Active,
                    Some(now),
                    now,
                )?,
            };
            set_account(
                c,
                account,
                Some(target.id),
                Some(AccountStatus::Active),
                now,
            )?;
            reset_plan_pool(
                c,
                account,
                target.included_credits,
                &format!("plan_change:{}:{}", sub.id, now.timestamp_micros()),
                &format!("subscription:{}", sub.id),
                &format!("{} plan credits", target.name),
                now,
            )?;
            return Ok(PlanChange {
                subscription: sub,
                plan: target,
                invoice: None,
            });
        }
        let sub = match existing {
            // Nothing is paid for: the subscription (and the account's plan) move at once and
            // wait for the invoice.
            Some(sub)
                if matches!(
                    sub.status(),
                    SubscriptionStatus::Pending
                        | SubscriptionStatus::Cancelled
                        | SubscriptionStatus::Expired
                ) =>
            {
                set_account(c, account, Some(target.id), None, now)?;
                diesel::update(subscriptions::table.find(sub.id))
                    .set((
                        subscriptions::plan_id.eq(target.id),
                        subscriptions::billing_cycle.eq(cycle.as_str()),
                        subscriptions::status.eq(SubscriptionStatus::Pending.as_str()),
                        subscriptions::updated_at.eq(now),
                    ))
                    .returning(Subscription::as_returning())
                    .get_result(c)?
            }
            Some(sub) => sub,
            None => {
                set_account(c, account, Some(target.id), None, now)?;
                insert_subscription(
                    c,
                    account,
                    target.id,
                    cycle,
                    SubscriptionStatus::Pending,
                    None,
                    now,
                )?
            }
        };
        let inv = subscription_invoice(c, &sub, &target, cycle, None, now)?;
        let sub = set_open_invoice(c, &sub, Some(&inv), now)?;
        let plan = tenancy::reference::plan(c, sub.plan_id)?;
        Ok(PlanChange {
            subscription: sub,
            plan,
            invoice: Some(inv),
        })
    })
}

/// Cancels (admin+): the subscription does not renew and ends at its period end. A subscription
/// with nothing paid for its current period (still `pending`, or a renewal unpaid) ends at once,
/// and its open invoice is voided.
pub fn cancel(conn: &mut PgConnection, scope: &Scope, now: DateTime<Utc>) -> Result<Subscription> {
    scope.require(Role::Admin)?;
    let account = scope.account_id();
    conn.transaction(|c| {
        let sub = find_subscription(c, account, true)?.ok_or_else(Error::not_found)?;
        let open = open_invoice(c, &sub)?;
        let unpaid_period = sub.status() == SubscriptionStatus::Pending
            || open.as_ref().is_some_and(|i| is_renewal_of(i, &sub));
        match sub.status() {
            SubscriptionStatus::Pending
            | SubscriptionStatus::Active
            | SubscriptionStatus::Trialing
            | SubscriptionStatus::PastDue
                if sub.auto_renew || sub.status() == SubscriptionStatus::Pending =>
            {
                if unpaid_period {
                    end_subscription(c, &sub, now)?;
                } else {
                    if let Some(i) = &open {
                        void_invoice(c, account, i.id, "subscription cancelled", now)?;
                    }
                    diesel::update(subscriptions::table.find(sub.id))
                        .set((
                            subscriptions::auto_renew.eq(false),
                            subscriptions::cancelled_at.eq(Some(now)),
                            subscriptions::open_invoice_id.eq(None::<kernel::InvoiceId>),
                            subscriptions::updated_at.eq(now),
                        ))
                        .execute(c)?;
                }
                diesel::update(subscriptions::table.find(sub.id))
                    .set(subscriptions::cancelled_at.eq(Some(now)))
                    .execute(c)?;
                Ok(subscriptions::table
                    .find(sub.id)
                    .select(Subscription::as_select())
                    .first(c)?)
            }
            other => Err(Error::SubscriptionState {
                status: other.as_str().to_owned(),
                action: "cancel",
            }),
        }
    })
}

fn open_invoice(c: &mut PgConnection, sub: &Subscription) -> Result<Option<Invoice>> {
    let Some(id) = sub.open_invoice_id else {
        return Ok(None);
    };
    Ok(invoices::table
        .filter(invoices::account_id.eq(sub.account_id))
        .filter(invoices::id.eq(id))
        .filter(invoices::status.eq(InvoiceStatus::Pending.as_str()))
        .select(Invoice::as_select())
        .first(c)
        .optional()?)
}

/// True when `inv` bills the subscription's current period (a renewal not paid yet).
fn is_renewal_of(inv: &Invoice, sub: &Subscription) -> bool {
    inv.period_start.is_some() && inv.period_start == sub.current_period_start
}

/// Ends a subscription now: open invoice voided, plan pool 0, subscription and account cancelled.
fn end_subscription(c: &mut PgConnection, sub: &Subscription, now: DateTime<Utc>) -> Result<()> {
    if let Some(id) = sub.open_invoice_id {
        void_invoice(c, sub.account_id, id, "subscription ended", now)?;
    }
    diesel::update(subscriptions::table.find(sub.id))
        .set((
            subscriptions::status.eq(SubscriptionStatus::Cancelled.as_str()),
            subscriptions::auto_renew.eq(false),
            subscriptions::open_invoice_id.eq(None::<kernel::InvoiceId>),
            subscriptions::updated_at.eq(now),
        ))
        .execute(c)?;
    let marker = sub.current_period_end.unwrap_or(now).timestamp();
    expire_plan_pool(
        c,
        sub.account_id,
        &format!("ended:{}:{marker}", sub.id),
        &format!("subscription:{}", sub.id),
        "Subscription ended",
        now,
    )?;
    set_account(c, sub.account_id, None, Some(AccountStatus::Cancelled), now)
}

/// What a paid subscription invoice does: the subscription becomes active on the invoice's plan
/// and cycle (a renewal keeps its period; anything else starts a period now), the account becomes
/// active on that plan, and the plan pool is reset to the plan's credits. Call with the
/// subscription locked, inside the payment's transaction; keyed by the invoice, so it applies once.
pub(crate) fn apply_paid_invoice(
    c: &mut PgConnection,
    inv: &Invoice,
    now: DateTime<Utc>,
) -> Result<()> {
    let (Some(sid), Some(plan_id)) = (inv.subscription_id, inv.plan_id) else {
        return Ok(());
    };
    let sub = lock_subscription(c, inv.account_id, sid)?;
    let plan = tenancy::reference::plan(c, plan_id)?;
    let cycle = inv
        .billing_cycle
        .as_deref()
        .and_then(BillingCycle::parse)
        .unwrap_or(BillingCycle::Monthly);
    let renewal = is_renewal_of(inv, &sub)
        && matches!(
            sub.status(),
            SubscriptionStatus::Active | SubscriptionStatus::PastDue | SubscriptionStatus::Trialing
        );
    let (start, end) = match (renewal, sub.current_period_start, sub.current_period_end) {
        (true, Some(s), Some(e)) => (s, e),
        _ => (now, cycle.period_end(now)),
    };
    let open = if sub.open_invoice_id == Some(inv.id) {
        None
    } else {
        sub.open_invoice_id
    };
    diesel::update(subscriptions::table.find(sub.id))
        .set((
            subscriptions::plan_id.eq(plan.id),
            subscriptions::billing_cycle.eq(cycle.as_str()),
            subscriptions::status.eq(SubscriptionStatus::Active.as_str()),
            subscriptions::current_period_start.eq(Some(start)),
            subscriptions::current_period_end.eq(Some(end)),
            subscriptions::open_invoice_id.eq(open),
            subscriptions::auto_renew.eq(if renewal { sub.auto_renew } else { true }),
            subscriptions::cancelled_at.eq(if renewal { sub.cancelled_at } else { None }),
            subscriptions::updated_at.eq(now),
        ))
        .execute(c)?;
    set_account(
        c,
        inv.account_id,
        Some(plan.id),
        Some(AccountStatus::Active),
        now,
    )?;
    reset_plan_pool(
        c,
        inv.account_id,
        plan.included_credits,
        &format!("invoice:{}", inv.id),
        &format!("invoice:{}", inv.invoice_number),
        &format!("{} plan credits", plan.name),
        now,
    )?;
    Ok(())
}

/// What one renewal run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenewalReport {
    /// Free subscriptions renewed (plan pool reset).
    pub renewed: usize,
    /// Paid subscriptions that got a renewal invoice.
    pub invoiced: usize,
    /// Renewals unpaid for a day: pool zeroed, `past_due`.
    pub past_due: usize,
    /// Renewals unpaid for 7 days: `expired`, account suspended.
    pub expired: usize,
    /// Cancelled subscriptions whose last period ended.
    pub ended: usize,
    /// Subscriptions whose processing failed (logged; retried next run).
    pub failed: usize,
    /// Renewal reminders queued (paid plans whose period ends within three days; once per
    /// period).
    pub reminded: usize,
}

/// Applies the renewal rules to every subscription that is due at `now`. Each subscription is
/// handled in its own transaction with its row locked; running it again at the same `now`
/// changes nothing.
pub fn run_renewals(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<RenewalReport> {
    let due: Vec<(SubscriptionId, AccountId)> = subscriptions::table
        .filter(subscriptions::status.eq_any([
            SubscriptionStatus::Active.as_str(),
            SubscriptionStatus::Trialing.as_str(),
            SubscriptionStatus::PastDue.as_str(),
        ]))
        .filter(
            subscriptions::current_period_end
                .le(now)
                .or(subscriptions::open_invoice_id.is_not_null())
                .or(subscriptions::status.eq(SubscriptionStatus::PastDue.as_str())),
        )
        .order(subscriptions::id.asc())
        .select((subscriptions::id, subscriptions::account_id))
        .load(conn)?;
    let mut report = RenewalReport::default();
    for (sid, account) in due {
        let mut step = RenewalReport::default();
        match conn.transaction(|c| process_subscription(c, account, sid, now, &mut step)) {
            Ok(()) => {
                report.renewed += step.renewed;
                report.invoiced += step.invoiced;
                report.past_due += step.past_due;
                report.expired += step.expired;
                report.ended += step.ended;
            }
            Err(e) => {
                tracing::error!(subscription_id = sid.get(), account_id = account.get(), error = %e, "renewal failed");
                report.failed += 1;
            }
        }
    }
    report.reminded = send_renewal_reminders(conn, now)?;
    Ok(report)
}

/// Queues the renewal reminder of every auto-renewing paid subscription whose period ends
/// within [`crate::mail::REMINDER_LEAD`]; the outbox's dedupe key keeps it to one per period.
fn send_renewal_reminders(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize> {
    let due: Vec<Subscription> = subscriptions::table
        .filter(subscriptions::status.eq_any([
            SubscriptionStatus::Active.as_str(),
            SubscriptionStatus::Trialing.as_str(),
        ]))
        .filter(subscriptions::auto_renew.eq(true))
        .filter(subscriptions::current_period_end.gt(now))
        .filter(subscriptions::current_period_end.le(now + crate::mail::REMINDER_LEAD))
        .order(subscriptions::id.asc())
        .select(Subscription::as_select())
        .load(conn)?;
    let mut sent = 0;
    for sub in due {
        let res = conn.transaction(|c| {
            let plan = tenancy::reference::plan(c, sub.plan_id)?;
            if plan_price(&plan, sub.cycle()) == 0 {
                return Ok(false);
            }
            let name = crate::invoices::contact_snapshot(c, sub.account_id)?.account_name;
            crate::mail::renewal_reminder(c, &sub, &plan, &name, now)
        });
        match res {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(subscription_id = sub.id.get(), error = %e, "renewal reminder failed");
            }
        }
    }
    Ok(sent)
}

fn process_subscription(
    c: &mut PgConnection,
    account: AccountId,
    sid: SubscriptionId,
    now: DateTime<Utc>,
    report: &mut RenewalReport,
) -> Result<()> {
    // Each pass applies at most one rule; a late run catches up (renew, then past due, then
    // expire) in order. The bound only guards against a rule that failed to change the state.
    for _ in 0..8 {
        let sub = lock_subscription(c, account, sid)?;
        let (Some(start), Some(end)) = (sub.current_period_start, sub.current_period_end) else {
            return Ok(());
        };
        let open = open_invoice(c, &sub)?;
        let open_renewal = open.as_ref().filter(|i| is_renewal_of(i, &sub));
        match sub.status() {
            SubscriptionStatus::Active | SubscriptionStatus::Trialing
                if end <= now && !sub.auto_renew =>
            {
                end_subscription(c, &sub, now)?;
                report.ended += 1;
                return Ok(());
            }
            SubscriptionStatus::Active | SubscriptionStatus::Trialing
                if end <= now && open_renewal.is_none() =>
            {
                renew(c, &sub, open.as_ref(), now, report)?;
            }
            SubscriptionStatus::Active | SubscriptionStatus::Trialing
                if open_renewal.is_some() && start + GRACE <= now =>
            {
                diesel::update(subscriptions::table.find(sub.id))
                    .set((
                        subscriptions::status.eq(SubscriptionStatus::PastDue.as_str()),
                        subscriptions::updated_at.eq(now),
                    ))
                    .execute(c)?;
                expire_plan_pool(
                    c,
                    account,
                    &format!("past_due:{}:{}", sub.id, start.timestamp()),
                    &format!("subscription:{}", sub.id),
                    "Renewal unpaid: plan credits withheld",
                    now,
                )?;
                report.past_due += 1;
            }
            SubscriptionStatus::PastDue if start + EXPIRY <= now => {
                diesel::update(subscriptions::table.find(sub.id))
                    .set((
                        subscriptions::status.eq(SubscriptionStatus::Expired.as_str()),
                        subscriptions::updated_at.eq(now),
                    ))
                    .execute(c)?;
                set_account(c, account, None, Some(AccountStatus::Suspended), now)?;
                report.expired += 1;
                return Ok(());
            }
            _ => return Ok(()),
        }
    }
    Ok(())
}

fn renew(
    c: &mut PgConnection,
    sub: &Subscription,
    open: Option<&Invoice>,
    now: DateTime<Utc>,
    report: &mut RenewalReport,
) -> Result<()> {
    let (Some(old_end), cycle) = (sub.current_period_end, sub.cycle()) else {
        return Ok(());
    };
    let plan = tenancy::reference::plan(c, sub.plan_id)?;
    let mut start = old_end;
    let mut end = cycle.period_end(start);
    if plan_price(&plan, cycle) == 0 {
        // Nothing to pay: move to the period that contains now and refill the pool.
        let mut guard = 0;
        while end <= now && guard < 1200 {
            start = end;
            end = cycle.period_end(start);
            guard += 1;
        }
        diesel::update(subscriptions::table.find(sub.id))
            .set((
                subscriptions::current_period_start.eq(Some(start)),
                subscriptions::current_period_end.eq(Some(end)),
                subscriptions::updated_at.eq(now),
            ))
            .execute(c)?;
        reset_plan_pool(
            c,
            sub.account_id,
            plan.included_credits,
            &format!("renewal:{}:{}", sub.id, start.timestamp()),
            &format!("subscription:{}", sub.id),
            &format!("{} plan credits", plan.name),
            now,
        )?;
        report.renewed += 1;
        return Ok(());
    }
    if let Some(i) = open {
        void_invoice(
            c,
            sub.account_id,
            i.id,
            "superseded by the renewal invoice",
            now,
        )?;
    }
    let inv = subscription_invoice(c, sub, &plan, cycle, Some((start, end)), now)?;
    diesel::update(subscriptions::table.find(sub.id))
        .set((
            subscriptions::current_period_start.eq(Some(start)),
            subscriptions::current_period_end.eq(Some(end)),
            subscriptions::open_invoice_id.eq(Some(inv.id)),
            subscriptions::updated_at.eq(now),
        ))
        .execute(c)?;
    report.invoiced += 1;
    Ok(())
}
