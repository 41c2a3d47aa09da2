//! Billing's e-mails (templates in `crates/billing/templates/mail/`), queued through
//! `tenancy::mail` inside the transaction of the event: invoice issued, payment received (the
//! invoice PDF attached as the receipt), payment rejected, renewal reminder.
//!
//! Mail goes to the account's billing e-mail, or its owner when none is set; an account with
//! neither gets none.

use crate::Result;
use crate::invoices::format_money;
use crate::model::{Invoice, LineItem, Payment, Subscription};
use chrono::{DateTime, Utc};
use diesel::PgConnection;
use serde_json::json;
use tenancy::mail::{Attachment, NewEmail, Template, enqueue, render};
use tenancy::model::Plan;

macro_rules! template {
    ($name:literal) => {
        Template {
            name: $name,
            subject: include_str!(concat!("../templates/mail/", $name, ".subject.txt")),
            text: include_str!(concat!("../templates/mail/", $name, ".txt")),
            html: include_str!(concat!("../templates/mail/", $name, ".html")),
        }
    };
}

/// A new invoice: number, lines, total.
pub const INVOICE_ISSUED: Template = template!("invoice_issued");
/// A paid invoice: the receipt, with the invoice PDF attached.
pub const PAYMENT_RECEIVED: Template = template!("payment_received");
/// A manual payment staff rejected, with their reason.
pub const PAYMENT_REJECTED: Template = template!("payment_rejected");
/// Three days before a paid plan's period ends.
pub const RENEWAL_REMINDER: Template = template!("renewal_reminder");

/// How long before the period end the renewal reminder goes out.
pub const REMINDER_LEAD: chrono::Duration = chrono::Duration::days(3);

fn account_name(inv: &Invoice) -> String {
    inv.billing_contact
        .get("account_name")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn send(
    c: &mut PgConnection,
    inv_account: kernel::AccountId,
    template: &Template,
    ctx: serde_json::Value,
    dedupe_key: Option<&str>,
    attachments: Vec<Attachment>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(to) = tenancy::mail::account_recipient(c, inv_account)? else {
        return Ok(false);
    };
    let message = render(template, ctx)?;
    let queued = enqueue(
        c,
        &NewEmail {
            account_id: inv_account,
            to: &to,
            message,
            dedupe_key,
            attachments,
        },
        now,
    )?;
    Ok(queued.is_some())
}

/// Queues "invoice issued" (once per invoice).
pub(crate) fn invoice_issued(
    c: &mut PgConnection,
    inv: &Invoice,
    now: DateTime<Utc>,
) -> Result<()> {
    let lines: Vec<LineItem> = serde_json::from_value(inv.line_items.clone()).unwrap_or_default();
    let lines: Vec<_> = lines
        .iter()
        .map(|l| json!({"description": l.description, "amount": format_money(l.amount_cents, &inv.currency)}))
        .collect();
    send(
        c,
        inv.account_id,
        &INVOICE_ISSUED,
        json!({
            "account_name": account_name(inv),
            "invoice_number": inv.invoice_number,
            "issued_on": inv.issued_at.format("%Y-%m-%d").to_string(),
            "lines": lines,
            "total": format_money(inv.total_cents, &inv.currency),
        }),
        Some(&format!("invoice_issued:{}", inv.id)),
        Vec::new(),
        now,
    )
    .map(|_| ())
}

/// Queues the receipt of a paid invoice with its PDF (once per invoice).
pub(crate) fn payment_received(
    c: &mut PgConnection,
    inv: &Invoice,
    now: DateTime<Utc>,
) -> Result<()> {
    let pdf = crate::pdf::render_invoice(inv, &crate::pdf::Seller::default())?;
    send(
        c,
        inv.account_id,
        &PAYMENT_RECEIVED,
        json!({
            "account_name": account_name(inv),
            "invoice_number": inv.invoice_number,
            "total": format_money(inv.total_cents, &inv.currency),
            "paid_on": inv.paid_at.unwrap_or(now).format("%Y-%m-%d").to_string(),
            "credits": inv.credits,
        }),
        Some(&format!("payment_received:{}", inv.id)),
        vec![Attachment {
            filename: format!("{}.pdf", inv.invoice_number),
            content_type: "application/pdf".into(),
            content: pdf,
        }],
        now,
    )
    .map(|_| ())
}

/// Queues "payment rejected" with the staff's reason (once per payment).
pub(crate) fn payment_rejected(
    c: &mut PgConnection,
    p: &Payment,
    inv: &Invoice,
    now: DateTime<Utc>,
) -> Result<()> {
    send(
        c,
        p.account_id,
        &PAYMENT_REJECTED,
        json!({
            "account_name": account_name(inv),
            "invoice_number": inv.invoice_number,
            "amount": format_money(p.amount_cents, &p.currency),
            "reference": p.transaction_reference,
            "reason": p.failure_reason.clone().unwrap_or_default(),
        }),
        Some(&format!("payment_rejected:{}", p.id)),
        Vec::new(),
        now,
    )
    .map(|_| ())
}

/// Queues the renewal reminder of a subscription's current period (once per period); true when
/// it was queued now.
pub(crate) fn renewal_reminder(
    c: &mut PgConnection,
    sub: &Subscription,
    plan: &Plan,
    account_name: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(end) = sub.current_period_end else {
        return Ok(false);
    };
    let cycle = sub.cycle();
    send(
        c,
        sub.account_id,
        &RENEWAL_REMINDER,
        json!({
            "account_name": account_name,
            "plan_name": plan.name,
            "cycle": cycle.as_str(),
            "renews_on": end.format("%Y-%m-%d").to_string(),
            "price": format_money(crate::subscriptions::plan_price(plan, cycle), &plan.currency),
        }),
        Some(&format!("renewal_reminder:{}:{}", sub.id, end.timestamp())),
        Vec::new(),
        now,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn every_template_renders() {
        let r = render(
            &INVOICE_ISSUED,
            json!({"account_name": "Acme <Co>", "invoice_number": "INV-1-202612-0001", "issued_on": "2026-12-03",
                   "lines": [{"description": "Growth plan, monthly", "amount": "USD 200.00"}], "total": "USD 200.00"}),
        )
        .unwrap();
        assert_eq!(
            r.subject,
            "Invoice INV-1-202612-0001 from IGNY8: USD 200.00"
        );
        assert!(r.text.contains("Growth plan, monthly: USD 200.00"));
        assert!(r.html.contains("Acme &lt;Co&gt;"));
        let r = render(
            &PAYMENT_RECEIVED,
            json!({"account_name": "A", "invoice_number": "INV-1", "total": "USD 1.00", "paid_on": "2026-12-03", "credits": 500}),
        )
        .unwrap();
        assert!(r.text.contains("500 credits were added"));
        let r = render(
            &PAYMENT_REJECTED,
            json!({"account_name": "A", "invoice_number": "INV-1", "amount": "USD 1.00", "reference": "TX-1", "reason": "No such transfer"}),
        )
        .unwrap();
        assert!(r.text.contains("No such transfer") && r.subject.contains("INV-1"));
        let r = render(
            &RENEWAL_REMINDER,
            json!({"account_name": "A", "plan_name": "Growth", "cycle": "monthly", "renews_on": "2027-01-03", "price": "USD 200.00"}),
        )
        .unwrap();
        assert_eq!(r.subject, "Your IGNY8 Growth plan renews on 2027-01-03");
    }
}
