//! Billing routes under `/api/v1/billing/` and the staff routes under `/api/v1/admin/`.

pub mod admin;
pub mod credits;
pub mod dto;
pub mod invoices;
pub mod subscription;
pub mod webhooks;

use super::Routes;

/// Registers the tenant billing routes (mounted at `/api/v1/billing`).
pub fn configure<R: Routes>(cfg: &mut R) {
    cfg.service(credits::balance)
        .service(credits::usage)
        .service(credits::limits)
        .service(credits::transactions)
        .service(subscription::plans)
        .service(subscription::get_subscription)
        .service(subscription::change_plan)
        .service(subscription::cancel)
        .service(invoices::packages)
        .service(invoices::purchase)
        .service(invoices::list_invoices)
        .service(invoices::get_invoice)
        .service(invoices::download_pdf)
        .service(invoices::checkout)
        .service(invoices::list_payments)
        .service(invoices::manual_payment)
        .service(webhooks::stripe);
}

/// Registers the staff billing routes (full `/api/v1/admin/...` paths, no scope).
pub fn configure_admin<R: Routes>(cfg: &mut R) {
    cfg.service(admin::list_payments)
        .service(admin::approve)
        .service(admin::reject)
        .service(admin::adjust_credits);
}
