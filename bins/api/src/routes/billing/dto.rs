//! Response and request bodies of the billing routes.
#![allow(missing_docs)] // field names are the contract; see spec/API.md

use billing::model::{
    BillingContact, CreditPackage, CreditTransaction, Invoice, LineItem, Payment, Subscription,
    UsageLog,
};
use chrono::{DateTime, Utc};
use kernel::{
    AccountId, CreditPackageId, CreditTransactionId, InvoiceId, PaymentId, SubscriptionId, UserId,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::routes::tenancy::dto::PlanDto;

/// Both pools, the plan's credits per period and the period end.
#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceDto {
    pub plan_credits: i64,
    pub bonus_credits: i64,
    pub total: i64,
    pub plan_credits_per_month: i64,
    pub period_end: Option<DateTime<Utc>>,
}

impl From<billing::credits::BalanceSummary> for BalanceDto {
    fn from(b: billing::credits::BalanceSummary) -> Self {
        Self {
            plan_credits: b.plan_credits,
            bonus_credits: b.bonus_credits,
            total: b.total,
            plan_credits_per_month: b.plan_credits_per_month,
            period_end: b.period_end,
        }
    }
}

/// One ledger row.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionDto {
    pub id: CreditTransactionId,
    /// grant, charge, refund, purchase, plan_reset, plan_expire, adjustment
    pub kind: String,
    /// plan or bonus
    pub pool: String,
    /// Signed change of the pool.
    pub amount: i64,
    pub balance_after: i64,
    pub reference: String,
    pub description: String,
    pub operation: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<CreditTransaction> for TransactionDto {
    fn from(t: CreditTransaction) -> Self {
        Self {
            id: t.id,
            kind: t.kind,
            pool: t.pool,
            amount: t.amount,
            balance_after: t.balance_after,
            reference: t.reference,
            description: t.description,
            operation: t.operation,
            created_at: t.created_at,
        }
    }
}

/// One AI call: charged, or failed (zero credits, no transaction, `error` says why).
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageDto {
    pub id: i64,
    pub operation_type: String,
    pub credits_used: i64,
    pub model_used: String,
    pub tokens_input: i64,
    pub tokens_output: i64,
    /// Provider cost in millionths of a US dollar.
    pub cost_usd_micros: i64,
    pub transaction_id: Option<CreditTransactionId>,
    pub created_at: DateTime<Utc>,
    /// Why the call failed; null for a charged call.
    pub error: Option<String>,
}

impl From<UsageLog> for UsageDto {
    fn from(u: UsageLog) -> Self {
        Self {
            id: u.id.0,
            operation_type: u.operation,
            credits_used: u.credits,
            model_used: u.model,
            tokens_input: u.tokens_in,
            tokens_output: u.tokens_out,
            cost_usd_micros: u.cost_usd_micros,
            transaction_id: u.transaction_id,
            created_at: u.created_at,
            error: u.error,
        }
    }
}

/// Used against the plan's limit.
#[derive(Debug, Serialize, ToSchema)]
pub struct LimitDto {
    pub used: i64,
    pub limit: i64,
}

/// Sites, users and keywords used against the plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct LimitsDto {
    pub sites: LimitDto,
    pub users: LimitDto,
    pub keywords: LimitDto,
}

impl From<billing::limits::PlanLimits> for LimitsDto {
    fn from(l: billing::limits::PlanLimits) -> Self {
        let d = |u: billing::limits::LimitUsage| LimitDto {
            used: u.used,
            limit: u.limit,
        };
        Self {
            sites: d(l.sites),
            users: d(l.users),
            keywords: d(l.keywords),
        }
    }
}

/// The account's subscription.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionDto {
    pub id: SubscriptionId,
    pub plan: PlanDto,
    /// pending (paid plan, first invoice unpaid), trialing, active, past_due, cancelled, expired
    pub status: String,
    /// monthly or annual
    pub billing_cycle: String,
    pub current_period_start: Option<DateTime<Utc>>,
    pub current_period_end: Option<DateTime<Utc>>,
    pub auto_renew: bool,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The unpaid subscription invoice, if any.
    pub open_invoice_id: Option<InvoiceId>,
}

impl SubscriptionDto {
    pub fn new(s: Subscription, plan: tenancy::model::Plan) -> Self {
        Self {
            id: s.id,
            plan: plan.into(),
            status: s.status,
            billing_cycle: s.billing_cycle,
            current_period_start: s.current_period_start,
            current_period_end: s.current_period_end,
            auto_renew: s.auto_renew,
            cancelled_at: s.cancelled_at,
            open_invoice_id: s.open_invoice_id,
        }
    }
}

/// A credit package on sale.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreditPackageDto {
    pub id: CreditPackageId,
    pub slug: String,
    pub name: String,
    pub credits: i64,
    pub price_cents: i64,
    pub currency: String,
}

impl From<CreditPackage> for CreditPackageDto {
    fn from(p: CreditPackage) -> Self {
        Self {
            id: p.id,
            slug: p.slug,
            name: p.name,
            credits: p.credits,
            price_cents: p.price_cents,
            currency: p.currency,
        }
    }
}

/// An invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceDto {
    pub id: InvoiceId,
    pub invoice_number: String,
    /// subscription, credit_package, addon, custom
    pub invoice_type: String,
    /// draft, pending, paid, void, uncollectible
    pub status: String,
    pub line_items: Vec<LineItem>,
    pub subtotal_cents: i64,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub currency: String,
    /// The billing contact as it was when the invoice was issued.
    pub billing_contact: BillingContact,
    pub billing_cycle: Option<String>,
    pub period_start: Option<DateTime<Utc>>,
    pub period_end: Option<DateTime<Utc>>,
    /// Credits a credit-package invoice adds when paid.
    pub credits: i64,
    pub issued_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
}

impl From<Invoice> for InvoiceDto {
    fn from(i: Invoice) -> Self {
        Self {
            line_items: i.lines(),
            billing_contact: i.contact(),
            id: i.id,
            invoice_number: i.invoice_number,
            invoice_type: i.invoice_type,
            status: i.status,
            subtotal_cents: i.subtotal_cents,
            tax_cents: i.tax_cents,
            total_cents: i.total_cents,
            currency: i.currency,
            billing_cycle: i.billing_cycle,
            period_start: i.period_start,
            period_end: i.period_end,
            credits: i.credits,
            issued_at: i.issued_at,
            paid_at: i.paid_at,
            voided_at: i.voided_at,
            void_reason: i.void_reason,
        }
    }
}

/// What to do next to pay: `{"type": "manual_payment", "instructions": ...}` or
/// `{"type": "checkout", "url": ...}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NextActionDto {
    ManualPayment { instructions: String },
    Checkout { url: String },
}

impl From<billing::packages::NextAction> for NextActionDto {
    fn from(n: billing::packages::NextAction) -> Self {
        match n {
            billing::packages::NextAction::ManualPayment { instructions } => {
                NextActionDto::ManualPayment { instructions }
            }
            billing::packages::NextAction::Checkout { url } => NextActionDto::Checkout { url },
        }
    }
}

/// An invoice to pay and how to pay it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseDto {
    pub invoice: InvoiceDto,
    pub next_action: NextActionDto,
}

/// The subscription after a plan change, and the invoice to pay for a paid plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanChangeDto {
    pub subscription: SubscriptionDto,
    pub invoice: Option<InvoiceDto>,
    pub next_action: Option<NextActionDto>,
}

/// A payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentDto {
    pub id: PaymentId,
    pub invoice_id: InvoiceId,
    pub amount_cents: i64,
    pub currency: String,
    /// bank_transfer, local_wallet, manual, stripe, paypal
    pub payment_method: String,
    /// pending_approval, succeeded, failed, refunded, cancelled
    pub status: String,
    pub transaction_reference: String,
    pub failure_reason: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Payment> for PaymentDto {
    fn from(p: Payment) -> Self {
        Self {
            id: p.id,
            invoice_id: p.invoice_id,
            amount_cents: p.amount_cents,
            currency: p.currency,
            payment_method: p.payment_method,
            status: p.status,
            transaction_reference: p.transaction_reference,
            failure_reason: p.failure_reason,
            reviewed_at: p.reviewed_at,
            created_at: p.created_at,
        }
    }
}

/// A payment in the staff review queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminPaymentDto {
    pub account_id: AccountId,
    pub submitted_by: Option<UserId>,
    pub reviewed_by: Option<UserId>,
    #[serde(flatten)]
    pub payment: PaymentDto,
}

impl From<Payment> for AdminPaymentDto {
    fn from(p: Payment) -> Self {
        Self {
            account_id: p.account_id,
            submitted_by: p.submitted_by,
            reviewed_by: p.reviewed_by,
            payment: p.into(),
        }
    }
}

/// A reviewed payment with its invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprovedDto {
    pub payment: AdminPaymentDto,
    pub invoice: InvoiceDto,
}

/// `POST subscription/change_plan/`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePlanBody {
    pub plan_slug: String,
    /// monthly (default: the current cycle) or annual
    pub billing_cycle: Option<billing::model::BillingCycle>,
}

/// `POST payments/manual/`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ManualPaymentBody {
    pub invoice_id: InvoiceId,
    /// bank_transfer, local_wallet (credit packages only) or manual
    #[schema(schema_with = manual_method_schema)]
    pub payment_method: billing::model::PaymentMethod,
    #[schema(format = "not-blank", max_length = 200)]
    pub transaction_reference: String,
}

/// The payment methods a manual payment may name (card and PayPal go through checkout).
fn manual_method_schema() -> utoipa::openapi::Schema {
    let names: Vec<&str> = billing::model::PaymentMethod::ALL
        .iter()
        .filter(|m| m.is_manual())
        .map(|m| m.as_str())
        .collect();
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(names))
        .into()
}

/// `POST admin/payments/{id}/reject/`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RejectBody {
    #[schema(format = "not-blank", max_length = 500)]
    pub reason: String,
}

/// `POST admin/accounts/{id}/adjust_credits/`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AdjustCreditsBody {
    /// Positive: added to the bonus pool; negative: taken like spending (plan pool first).
    #[schema(format = "non-zero")]
    pub amount: i64,
    #[schema(format = "not-blank", max_length = 500)]
    pub reason: String,
    /// Makes a retried request safe; a fresh key is generated when absent.
    pub idempotency_key: Option<String>,
}

/// The adjustment's ledger rows and the balance after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdjustedDto {
    pub transactions: Vec<TransactionDto>,
    pub plan_credits: i64,
    pub bonus_credits: i64,
    pub total: i64,
}
