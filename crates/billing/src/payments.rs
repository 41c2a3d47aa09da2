//! Payments: manual payments submitted by a tenant admin, reviewed by platform staff. Approval
//! pays the invoice and applies its effect exactly once (subscription: activate account and
//! subscription, reset the plan pool; credit package: add bonus credits).

use crate::model::{Invoice, InvoiceStatus, InvoiceType, Payment, PaymentMethod, PaymentStatus};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{invoices, payments};
use diesel::prelude::*;
use kernel::{FieldErrors, InvoiceId, Page, PageRequest, PaymentId, Role};
use tenancy::Scope;

/// A manual payment as the payer reports it.
#[derive(Debug, Clone)]
pub struct ManualPayment {
    /// The invoice paid.
    pub invoice_id: InvoiceId,
    /// `bank_transfer`, `local_wallet` or `manual`.
    pub payment_method: PaymentMethod,
    /// The transfer's reference, for staff to match against the statement.
    pub transaction_reference: String,
}

/// Records a manual payment of a pending invoice (admin+); it waits for staff approval.
pub fn submit_manual_payment(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &ManualPayment,
    now: DateTime<Utc>,
) -> Result<Payment> {
    scope.require(Role::Admin)?;
    let mut e = FieldErrors::new();
    e.require_text("transaction_reference", &input.transaction_reference, 200);
    if !input.payment_method.is_manual() {
        e.add("payment_method", "Card and PayPal payments go through checkout; use bank_transfer, local_wallet or manual here.");
    }
    e.into_result()?;
    let account = scope.account_id();
    conn.transaction(|c| {
        let inv = crate::invoices::lock_invoice(c, account, input.invoice_id)?;
        payable(&inv)?;
        if input.payment_method == PaymentMethod::LocalWallet
            && inv.invoice_type() != InvoiceType::CreditPackage
        {
            return Err(FieldErrors::single(
                "payment_method",
                "Local wallets pay credit packages only.",
            )
            .into());
        }
        let pending: i64 = payments::table
            .filter(payments::account_id.eq(account))
            .filter(payments::invoice_id.eq(inv.id))
            .filter(payments::status.eq(PaymentStatus::PendingApproval.as_str()))
            .count()
            .get_result(c)?;
        if pending > 0 {
            return Err(Error::PaymentAlreadyPending);
        }
        diesel::insert_into(payments::table)
            .values((
                payments::account_id.eq(account),
                payments::invoice_id.eq(inv.id),
                payments::amount_cents.eq(inv.total_cents),
                payments::currency.eq(&inv.currency),
                payments::payment_method.eq(input.payment_method.as_str()),
                payments::status.eq(PaymentStatus::PendingApproval.as_str()),
                payments::transaction_reference.eq(input.transaction_reference.trim()),
                payments::submitted_by.eq(scope.user_id()),
                payments::created_at.eq(now),
                payments::updated_at.eq(now),
            ))
            .returning(Payment::as_returning())
            .get_result(c)
            .map_err(|e| match db::DbError::from(e) {
                d if d.is_unique_violation_on("payments_one_pending_per_invoice") => {
                    Error::PaymentAlreadyPending
                }
                d => d.into(),
            })
    })
}

fn payable(inv: &Invoice) -> Result<()> {
    match inv.status() {
        InvoiceStatus::Pending => Ok(()),
        InvoiceStatus::Paid => Err(Error::InvoiceAlreadyPaid),
        other => Err(Error::InvoiceNotPayable {
            status: other.as_str().to_owned(),
        }),
    }
}

/// Payment list filter.
#[derive(Debug, Clone, Default)]
pub struct PaymentFilter {
    /// Only this status.
    pub status: Option<PaymentStatus>,
    /// Only payments of this invoice.
    pub invoice_id: Option<InvoiceId>,
}

/// Whose payments a query may see: one account's, or every account's for platform staff.
#[derive(Clone, Copy)]
enum Audience {
    Account(kernel::AccountId),
    Staff,
}

fn filtered<'a>(f: &PaymentFilter, who: Audience) -> payments::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = payments::table.into_boxed();
    if let Audience::Account(a) = who {
        q = q.filter(payments::account_id.eq(a));
    }
    if let Some(s) = f.status {
        q = q.filter(payments::status.eq(s.as_str()));
    }
    if let Some(i) = f.invoice_id {
        q = q.filter(payments::invoice_id.eq(i));
    }
    q
}

/// The account's payments, newest first.
pub fn list_payments(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &PaymentFilter,
    page: PageRequest,
) -> Result<Page<Payment>> {
    let who = Audience::Account(scope.account_id());
    let count = filtered(f, who).count().get_result(conn)?;
    let items = filtered(f, who)
        .order((payments::created_at.desc(), payments::id.desc()))
        .limit(page.limit())
        .offset(page.offset())
        .select(Payment::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Every account's payments (staff), oldest first so the review queue reads in order.
pub fn admin_list_payments(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &PaymentFilter,
    page: PageRequest,
) -> Result<Page<Payment>> {
    scope.require_staff()?;
    let count = filtered(f, Audience::Staff).count().get_result(conn)?;
    let items = filtered(f, Audience::Staff)
        .order((payments::created_at.asc(), payments::id.asc()))
        .limit(page.limit())
        .offset(page.offset())
        .select(Payment::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

fn lock_pending(c: &mut PgConnection, id: PaymentId) -> Result<Payment> {
    let p: Payment = payments::table
        .find(id)
        .select(Payment::as_select())
        .for_update()
        .first(c)?;
    if p.status() != PaymentStatus::PendingApproval {
        return Err(Error::PaymentNotPending {
            status: p.status.clone(),
        });
    }
    Ok(p)
}

/// Approves a pending payment (staff): the payment succeeds, its invoice is paid and the invoice's
/// effect applied, and the receipt (with the invoice PDF) queued, all in one transaction. A second approval (also a concurrent one) finds the
/// payment no longer pending and changes nothing.
pub fn approve_payment(
    conn: &mut PgConnection,
    scope: &Scope,
    id: PaymentId,
    now: DateTime<Utc>,
) -> Result<(Payment, Invoice)> {
    scope.require_staff()?;
    conn.transaction(|c| {
        let p = lock_pending(c, id)?;
        let inv = settle_invoice(c, p.account_id, p.invoice_id, now)?;
        let p: Payment = diesel::update(payments::table.find(p.id))
            .set((
                payments::status.eq(PaymentStatus::Succeeded.as_str()),
                payments::reviewed_by.eq(scope.user_id()),
                payments::reviewed_at.eq(Some(now)),
                payments::updated_at.eq(now),
            ))
            .returning(Payment::as_returning())
            .get_result(c)?;
        Ok((p, inv))
    })
}

/// The one path that pays an invoice, for a staff approval and a gateway's confirmation alike:
/// locks subscription then invoice (lock order: payment, subscription, invoice, balance,
/// account), refuses an invoice that is not pending, marks it paid, applies its effect (keyed by
/// the invoice, so it applies once) and queues the receipt. Call inside a transaction.
pub(crate) fn settle_invoice(
    c: &mut PgConnection,
    account: kernel::AccountId,
    invoice: InvoiceId,
    now: DateTime<Utc>,
) -> Result<Invoice> {
    let sub: Option<kernel::SubscriptionId> = invoices::table
        .filter(invoices::account_id.eq(account))
        .filter(invoices::id.eq(invoice))
        .select(invoices::subscription_id)
        .first(c)?;
    if let Some(sid) = sub {
        crate::subscriptions::lock_subscription(c, account, sid)?;
    }
    let inv = crate::invoices::lock_invoice(c, account, invoice)?;
    payable(&inv)?;
    let inv: Invoice = diesel::update(invoices::table.find(inv.id))
        .set((
            invoices::status.eq(InvoiceStatus::Paid.as_str()),
            invoices::paid_at.eq(Some(now)),
            invoices::updated_at.eq(now),
        ))
        .returning(Invoice::as_returning())
        .get_result(c)?;
    match inv.invoice_type() {
        InvoiceType::Subscription => crate::subscriptions::apply_paid_invoice(c, &inv, now)?,
        InvoiceType::CreditPackage => {
            crate::credits::add_purchased(
                c,
                inv.account_id,
                inv.credits,
                &format!("invoice:{}", inv.id),
                &format!("invoice:{}", inv.invoice_number),
                &format!("{} credits bought", inv.credits),
                now,
            )?;
        }
        InvoiceType::Addon | InvoiceType::Custom => {}
    }
    crate::mail::payment_received(c, &inv, now)?;
    Ok(inv)
}

/// Rejects a pending payment with a reason (staff); the invoice stays open and the account is
/// told why by e-mail.
pub fn reject_payment(
    conn: &mut PgConnection,
    scope: &Scope,
    id: PaymentId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Payment> {
    scope.require_staff()?;
    let mut e = FieldErrors::new();
    e.require_text("reason", reason, 500);
    e.into_result()?;
    conn.transaction(|c| {
        let p = lock_pending(c, id)?;
        let p: Payment = diesel::update(payments::table.find(p.id))
            .set((
                payments::status.eq(PaymentStatus::Failed.as_str()),
                payments::failure_reason.eq(Some(reason.trim())),
                payments::reviewed_by.eq(scope.user_id()),
                payments::reviewed_at.eq(Some(now)),
                payments::updated_at.eq(now),
            ))
            .returning(Payment::as_returning())
            .get_result(c)?;
        let inv: Invoice = invoices::table
            .filter(invoices::account_id.eq(p.account_id))
            .filter(invoices::id.eq(p.invoice_id))
            .select(Invoice::as_select())
            .first(c)?;
        crate::mail::payment_rejected(c, &p, &inv, now)?;
        Ok(p)
    })
}
