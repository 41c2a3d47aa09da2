//! Invoices: issue with a gap-free number per account and month, list, read, void, render PDF.

use crate::Result;
use crate::model::{BillingContact, BillingCycle, Invoice, InvoiceStatus, InvoiceType, LineItem};
use chrono::{DateTime, Utc};
use db::schema::{accounts, invoice_sequences, invoices};
use diesel::prelude::*;
use kernel::{
    AccountId, CreditPackageId, InvoiceId, Order, Page, PageRequest, PlanId, SubscriptionId,
};
use tenancy::Scope;

/// What a new invoice bills; the number, contact snapshot and totals are added when issued.
#[derive(Debug, Clone)]
pub(crate) struct NewInvoice {
    pub invoice_type: InvoiceType,
    pub subscription_id: Option<SubscriptionId>,
    pub plan_id: Option<PlanId>,
    pub billing_cycle: Option<BillingCycle>,
    pub period_start: Option<DateTime<Utc>>,
    pub period_end: Option<DateTime<Utc>>,
    pub credit_package_id: Option<CreditPackageId>,
    pub credits: i64,
    pub lines: Vec<LineItem>,
    pub currency: String,
}

/// `INV-<account id>-<YYYYMM>-<4-digit sequence>`.
pub fn format_invoice_number(account: AccountId, issued_at: DateTime<Utc>, seq: i32) -> String {
    format!(
        "INV-{}-{}-{:04}",
        account.get(),
        issued_at.format("%Y%m"),
        seq
    )
}

/// Takes the next number of the account's month. The sequence row stays locked until the
/// caller's transaction ends, so concurrent issues wait in line and a rollback leaves no gap.
fn next_number(conn: &mut PgConnection, account: AccountId, now: DateTime<Utc>) -> Result<String> {
    let period = now.format("%Y%m").to_string();
    let seq: i32 = diesel::insert_into(invoice_sequences::table)
        .values((
            invoice_sequences::account_id.eq(account),
            invoice_sequences::period.eq(&period),
            invoice_sequences::last_value.eq(1),
        ))
        .on_conflict((invoice_sequences::account_id, invoice_sequences::period))
        .do_update()
        .set(invoice_sequences::last_value.eq(invoice_sequences::last_value + 1))
        .returning(invoice_sequences::last_value)
        .get_result(conn)?;
    Ok(format_invoice_number(account, now, seq))
}

/// The billing contact of an account as it is now.
pub(crate) fn contact_snapshot(
    conn: &mut PgConnection,
    account: AccountId,
) -> Result<BillingContact> {
    let (account_name, name, email, address, country, tax_id): (
        String,
        String,
        String,
        String,
        String,
        String,
    ) = accounts::table
        .find(account)
        .select((
            accounts::name,
            accounts::billing_name,
            accounts::billing_email,
            accounts::billing_address,
            accounts::billing_country,
            accounts::tax_id,
        ))
        .first(conn)?;
    Ok(BillingContact {
        account_name,
        name,
        email,
        address,
        country,
        tax_id,
    })
}

/// Issues a pending invoice (number, contact snapshot, totals) in the caller's transaction and
/// queues the "invoice issued" e-mail with it.
pub(crate) fn issue(
    conn: &mut PgConnection,
    account: AccountId,
    new: NewInvoice,
    now: DateTime<Utc>,
) -> Result<Invoice> {
    conn.transaction(|c| {
        let number = next_number(c, account, now)?;
        let contact = contact_snapshot(c, account)?;
        let subtotal: i64 = new.lines.iter().map(|l| l.amount_cents).sum();
        let tax = 0;
        let lines = serde_json::to_value(&new.lines).unwrap_or_default();
        let contact = serde_json::to_value(&contact).unwrap_or_default();
        let inv: Invoice = diesel::insert_into(invoices::table)
            .values((
                invoices::account_id.eq(account),
                invoices::invoice_number.eq(&number),
                invoices::invoice_type.eq(new.invoice_type.as_str()),
                invoices::status.eq(InvoiceStatus::Pending.as_str()),
                invoices::subscription_id.eq(new.subscription_id),
                invoices::plan_id.eq(new.plan_id),
                invoices::billing_cycle.eq(new.billing_cycle.map(BillingCycle::as_str)),
                invoices::period_start.eq(new.period_start),
                invoices::period_end.eq(new.period_end),
                invoices::credit_package_id.eq(new.credit_package_id),
                invoices::credits.eq(new.credits),
                invoices::line_items.eq(lines),
                invoices::subtotal_cents.eq(subtotal),
                invoices::tax_cents.eq(tax),
                invoices::total_cents.eq(subtotal + tax),
                invoices::currency.eq(&new.currency),
                invoices::billing_contact.eq(contact),
                invoices::issued_at.eq(now),
                invoices::created_at.eq(now),
                invoices::updated_at.eq(now),
            ))
            .returning(Invoice::as_returning())
            .get_result(c)?;
        crate::mail::invoice_issued(c, &inv, now)?;
        Ok(inv)
    })
}

/// Voids a pending invoice (no-op for any other status).
pub(crate) fn void_invoice(
    conn: &mut PgConnection,
    account: AccountId,
    id: InvoiceId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        invoices::table
            .filter(invoices::account_id.eq(account))
            .filter(invoices::id.eq(id))
            .filter(invoices::status.eq(InvoiceStatus::Pending.as_str())),
    )
    .set((
        invoices::status.eq(InvoiceStatus::Void.as_str()),
        invoices::voided_at.eq(now),
        invoices::void_reason.eq(reason),
        invoices::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Locks an invoice of an account.
pub(crate) fn lock_invoice(
    conn: &mut PgConnection,
    account: AccountId,
    id: InvoiceId,
) -> Result<Invoice> {
    Ok(invoices::table
        .filter(invoices::account_id.eq(account))
        .filter(invoices::id.eq(id))
        .select(Invoice::as_select())
        .for_update()
        .first(conn)?)
}

/// Invoice list filters.
#[derive(Debug, Clone, Default)]
pub struct InvoiceFilter {
    /// Only this status.
    pub status: Option<InvoiceStatus>,
    /// Only this type.
    pub invoice_type: Option<InvoiceType>,
    /// Substring of the invoice number.
    pub search: Option<String>,
}

/// Sortable invoice fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceOrder {
    /// By issue time.
    IssuedAt,
    /// By total.
    Total,
}

/// The allow-list for `?ordering=` on invoices.
pub const INVOICE_ORDERING: &[(&str, InvoiceOrder)] = &[
    ("issued_at", InvoiceOrder::IssuedAt),
    ("total_cents", InvoiceOrder::Total),
];

fn filtered<'a>(scope: &Scope, f: &'a InvoiceFilter) -> invoices::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = invoices::table
        .filter(invoices::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(s) = f.status {
        q = q.filter(invoices::status.eq(s.as_str()));
    }
    if let Some(t) = f.invoice_type {
        q = q.filter(invoices::invoice_type.eq(t.as_str()));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            invoices::invoice_number.ilike(format!("%{}%", tenancy::users::escape_like(s))),
        );
    }
    q
}

/// The account's invoices, newest first by default.
pub fn list_invoices(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &InvoiceFilter,
    order: Order<InvoiceOrder>,
    page: PageRequest,
) -> Result<Page<Invoice>> {
    let count = filtered(scope, f).count().get_result(conn)?;
    let q = filtered(scope, f);
    let q = match (order.field, order.descending) {
        (InvoiceOrder::IssuedAt, false) => q.order((invoices::issued_at.asc(), invoices::id.asc())),
        (InvoiceOrder::IssuedAt, true) => {
            q.order((invoices::issued_at.desc(), invoices::id.desc()))
        }
        (InvoiceOrder::Total, false) => q.order((invoices::total_cents.asc(), invoices::id.asc())),
        (InvoiceOrder::Total, true) => q.order((invoices::total_cents.desc(), invoices::id.desc())),
    };
    let items = q
        .limit(page.limit())
        .offset(page.offset())
        .select(Invoice::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// One invoice of the account (another account's answers `NotFound`).
pub fn get_invoice(conn: &mut PgConnection, scope: &Scope, id: InvoiceId) -> Result<Invoice> {
    Ok(invoices::table
        .filter(invoices::account_id.eq(scope.account_id()))
        .filter(invoices::id.eq(id))
        .select(Invoice::as_select())
        .first(conn)?)
}

/// The invoice and its PDF.
pub fn invoice_pdf(
    conn: &mut PgConnection,
    scope: &Scope,
    id: InvoiceId,
) -> Result<(Invoice, Vec<u8>)> {
    let inv = get_invoice(conn, scope, id)?;
    let bytes = crate::pdf::render_invoice(&inv, &crate::pdf::Seller::default())?;
    Ok((inv, bytes))
}

/// Formats minor units: `12345, "USD"` → `USD 123.45`.
pub fn format_money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let units = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{currency} {sign}{grouped}.{:02}", c % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn numbers_and_money() {
        let t = Utc
            .with_ymd_and_hms(2025, 12, 9, 0, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(
            format_invoice_number(AccountId(89), t, 1),
            "INV-89-202512-0001"
        );
        assert_eq!(
            format_invoice_number(AccountId(7), t, 12345),
            "INV-7-202512-12345"
        );
        assert_eq!(format_money(20000, "USD"), "USD 200.00");
        assert_eq!(format_money(123456789, "EUR"), "EUR 1,234,567.89");
        assert_eq!(format_money(5, "USD"), "USD 0.05");
    }
}
