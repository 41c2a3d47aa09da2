//! Credit packages: list them, and buy one (an invoice to pay; credits arrive when it is paid).

use crate::invoices::{NewInvoice, format_money, issue};
use crate::model::{CreditPackage, Invoice, InvoiceType, LineItem};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::credit_packages;
use diesel::prelude::*;
use kernel::{CreditPackageId, Role};
use tenancy::Scope;

/// Packages on sale, in display order.
pub fn list_packages(conn: &mut PgConnection) -> Result<Vec<CreditPackage>> {
    Ok(credit_packages::table
        .filter(credit_packages::is_active.eq(true))
        .order((credit_packages::sort_order.asc(), credit_packages::id.asc()))
        .select(CreditPackage::as_select())
        .load(conn)?)
}

/// What the buyer does next to pay an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextAction {
    /// Pay by hand and report the transfer (`payments/manual/`).
    ManualPayment {
        /// What to transfer, where, and how to report it.
        instructions: String,
    },
    /// Pay at a gateway's checkout page (when a gateway is configured).
    Checkout {
        /// The checkout URL.
        url: String,
    },
}

/// How to pay an invoice by hand (bank transfer, then report it); the way when no card gateway
/// is configured (with one, the API opens a checkout session: `gateway::checkout_for_invoice`).
pub fn next_action(inv: &Invoice) -> NextAction {
    NextAction::ManualPayment {
        instructions: format!(
            "Transfer {} by bank transfer quoting {} as the reference, then submit the transfer's reference with POST /api/v1/billing/payments/manual/ (invoice_id {}). Credits or plan changes apply once staff confirm the payment.",
            format_money(inv.total_cents, &inv.currency),
            inv.invoice_number,
            inv.id.get(),
        ),
    }
}

/// A purchase: the invoice to pay and how to pay it.
#[derive(Debug, Clone)]
pub struct Purchase {
    /// The credit-package invoice.
    pub invoice: Invoice,
    /// How to pay it.
    pub next_action: NextAction,
}

/// Buys a package (admin+): issues a credit-package invoice; its credits go to the bonus pool
/// when it is paid.
pub fn purchase_package(
    conn: &mut PgConnection,
    scope: &Scope,
    id: CreditPackageId,
    now: DateTime<Utc>,
) -> Result<Purchase> {
    scope.require(Role::Admin)?;
    let pkg: CreditPackage = credit_packages::table
        .find(id)
        .filter(credit_packages::is_active.eq(true))
        .select(CreditPackage::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(Error::not_found)?;
    let invoice = issue(
        conn,
        scope.account_id(),
        NewInvoice {
            invoice_type: InvoiceType::CreditPackage,
            subscription_id: None,
            plan_id: None,
            billing_cycle: None,
            period_start: None,
            period_end: None,
            credit_package_id: Some(pkg.id),
            credits: pkg.credits,
            lines: vec![LineItem {
                description: format!("Credit package: {}", pkg.name),
                quantity: 1,
                unit_price_cents: pkg.price_cents,
                amount_cents: pkg.price_cents,
            }],
            currency: pkg.currency.clone(),
        },
        now,
    )?;
    let next_action = next_action(&invoice);
    Ok(Purchase {
        invoice,
        next_action,
    })
}
