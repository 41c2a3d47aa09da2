//! Diesel rows of the billing tables and the vocabularies stored in their text columns.

use chrono::{DateTime, Months, Utc};
use db::schema::*;
use diesel::prelude::*;
use diesel_derive_newtype::DieselNewType;
use kernel::*;
use serde::{Deserialize, Serialize};

/// A text vocabulary: a Rust enum stored as its snake_case name.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        kernel::text_enum_schema!($name, [$($text),+]);

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses a stored name.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(
    /// One of the two credit pools.
    Pool {
        /// Credits of the plan; reset at each paid period, zeroed when a renewal goes unpaid.
        Plan = "plan",
        /// Bought (or granted) credits; never expire.
        Bonus = "bonus",
    }
);

text_enum!(
    /// What a ledger row records.
    TxKind {
        /// Credits added by the platform (or a job).
        Grant = "grant",
        /// Credits spent by an AI call.
        Charge = "charge",
        /// Credits returned for (part of) a charge.
        Refund = "refund",
        /// Credits bought with a credit package.
        Purchase = "purchase",
        /// The plan pool set to the plan's credits at the start of a paid period.
        PlanReset = "plan_reset",
        /// The plan pool zeroed (renewal unpaid, or the subscription ended).
        PlanExpire = "plan_expire",
        /// A manual correction by platform staff.
        Adjustment = "adjustment",
    }
);

text_enum!(
    /// Where a subscription stands.
    SubscriptionStatus {
        /// Waiting for the first payment of a paid plan (sign-up, or re-subscribing).
        Pending = "pending",
        /// On a trial (not used by sign-up today).
        Trialing = "trialing",
        /// Paid (or free) and in its period; a renewal invoice may be open for a day of grace.
        Active = "active",
        /// Renewal unpaid for a day: plan credits are 0.
        PastDue = "past_due",
        /// Cancelled, and its last period is over.
        Cancelled = "cancelled",
        /// Renewal unpaid for 7 days: the account is suspended.
        Expired = "expired",
    }
);

text_enum!(
    /// How often a subscription renews.
    BillingCycle {
        /// Every month.
        Monthly = "monthly",
        /// Every twelve months.
        Annual = "annual",
    }
);

impl BillingCycle {
    /// The end of a period of this cycle that starts at `start`.
    pub fn period_end(self, start: DateTime<Utc>) -> DateTime<Utc> {
        let months = match self {
            BillingCycle::Monthly => 1,
            BillingCycle::Annual => 12,
        };
        start
            .checked_add_months(Months::new(months))
            .unwrap_or(start)
    }
}

text_enum!(
    /// What an invoice bills.
    InvoiceType {
        /// A plan period.
        Subscription = "subscription",
        /// A credit package.
        CreditPackage = "credit_package",
        /// An add-on entitlement.
        Addon = "addon",
        /// Anything else, issued by staff.
        Custom = "custom",
    }
);

text_enum!(
    /// Where an invoice stands.
    InvoiceStatus {
        /// Not issued yet.
        Draft = "draft",
        /// Issued, awaiting payment.
        Pending = "pending",
        /// Paid; its effect was applied.
        Paid = "paid",
        /// Cancelled before payment.
        Void = "void",
        /// Given up on.
        Uncollectible = "uncollectible",
    }
);

text_enum!(
    /// How a payment was made.
    PaymentMethod {
        /// A bank transfer, confirmed by staff.
        BankTransfer = "bank_transfer",
        /// A local wallet transfer, confirmed by staff (credit packages only).
        LocalWallet = "local_wallet",
        /// Any other manual payment, confirmed by staff.
        Manual = "manual",
        /// Card through Stripe (gateway; not configured yet).
        Stripe = "stripe",
        /// PayPal (gateway; not configured yet).
        Paypal = "paypal",
    }
);

impl PaymentMethod {
    /// True for the methods a person submits with a transaction reference for staff review.
    pub fn is_manual(self) -> bool {
        matches!(
            self,
            PaymentMethod::BankTransfer | PaymentMethod::LocalWallet | PaymentMethod::Manual
        )
    }
}

text_enum!(
    /// Where a payment stands.
    PaymentStatus {
        /// Submitted by hand; staff have not reviewed it yet.
        PendingApproval = "pending_approval",
        /// Confirmed; the invoice is paid.
        Succeeded = "succeeded",
        /// Rejected or declined.
        Failed = "failed",
        /// Paid back.
        Refunded = "refunded",
        /// Withdrawn.
        Cancelled = "cancelled",
    }
);

/// Id of a usage-log row.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    DieselNewType,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(transparent)]
#[schema(value_type = i64)]
pub struct UsageLogId(pub i64);

/// The two pools of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = credit_balances)]
pub struct CreditBalance {
    /// Account.
    pub account_id: AccountId,
    /// Plan pool.
    pub plan_credits: i64,
    /// Bonus pool.
    pub bonus_credits: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl CreditBalance {
    /// Both pools together.
    pub fn total(&self) -> i64 {
        self.plan_credits + self.bonus_credits
    }

    /// One pool's balance.
    pub fn pool(&self, pool: Pool) -> i64 {
        match pool {
            Pool::Plan => self.plan_credits,
            Pool::Bonus => self.bonus_credits,
        }
    }
}

/// One immutable ledger row: a change of one pool.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = credit_transactions)]
pub struct CreditTransaction {
    /// Id.
    pub id: CreditTransactionId,
    /// Account.
    pub account_id: AccountId,
    /// Stored [`TxKind`].
    pub kind: String,
    /// Stored [`Pool`].
    pub pool: String,
    /// Signed change of the pool.
    pub amount: i64,
    /// The pool's balance after this row.
    pub balance_after: i64,
    /// What caused it (`invoice:12`, `task:9`, ...).
    pub reference: String,
    /// Human description.
    pub description: String,
    /// The AI operation of a charge or refund.
    pub operation: Option<String>,
    /// The caller's idempotency key (first row of a change only).
    pub idempotency_key: Option<String>,
    /// The first row of the same change, for a change's second pool.
    pub parent_id: Option<CreditTransactionId>,
    /// The charge row a refund row gives back.
    pub refund_of_id: Option<CreditTransactionId>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// One AI call: charged (with its ledger row), or failed (zero credits, with the reason).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = credit_usage_logs)]
pub struct UsageLog {
    /// Id.
    pub id: UsageLogId,
    /// Account.
    pub account_id: AccountId,
    /// The charge's first ledger row; none for a failed call.
    pub transaction_id: Option<CreditTransactionId>,
    /// Operation (`clustering`, `content`, ...).
    pub operation: String,
    /// Credits charged.
    pub credits: i64,
    /// Model used.
    pub model: String,
    /// Input tokens.
    pub tokens_in: i64,
    /// Output tokens.
    pub tokens_out: i64,
    /// Provider cost in millionths of a US dollar.
    pub cost_usd_micros: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Why the call failed (its answer could not be used); none for a charged call.
    pub error: Option<String>,
}

/// What an AI operation costs.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = credit_operation_costs)]
pub struct OperationCost {
    /// Id.
    pub id: i64,
    /// Operation name.
    pub operation: String,
    /// Display name.
    pub name: String,
    /// `text` or `image`.
    pub kind: String,
    /// Floor of a non-empty call.
    pub min_credits: i64,
    /// Tokens one item (keyword, cluster, article) is estimated to take.
    pub est_tokens_per_item: i64,
    /// Offered.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// An AI model's credit conversion and provider prices.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = credit_model_rates)]
pub struct ModelRate {
    /// Id.
    pub id: i64,
    /// Model id (`gpt-5.1`, `dall-e-3`).
    pub model: String,
    /// Display name.
    pub name: String,
    /// `text` or `image`.
    pub kind: String,
    /// Tokens per credit (text models).
    pub tokens_per_credit: Option<i64>,
    /// Credits per image (image models).
    pub credits_per_image: Option<i64>,
    /// `basic`, `quality` or `premium` (image models).
    pub quality_tier: Option<String>,
    /// Provider price of a million input tokens, in USD micros.
    pub input_usd_micros_per_mtok: i64,
    /// Provider price of a million output tokens, in USD micros.
    pub output_usd_micros_per_mtok: i64,
    /// Provider price of one image, in USD micros.
    pub usd_micros_per_image: i64,
    /// The default model of its kind.
    pub is_default: bool,
    /// Usable.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A credit package on sale.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = credit_packages)]
pub struct CreditPackage {
    /// Id.
    pub id: CreditPackageId,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Credits added to the bonus pool.
    pub credits: i64,
    /// Price in minor units.
    pub price_cents: i64,
    /// ISO 4217 currency.
    pub currency: String,
    /// On sale.
    pub is_active: bool,
    /// Display order.
    pub sort_order: i32,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// An account's subscription.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = subscriptions)]
pub struct Subscription {
    /// Id.
    pub id: SubscriptionId,
    /// Account.
    pub account_id: AccountId,
    /// The plan paid for (or being paid for while `pending`).
    pub plan_id: PlanId,
    /// Stored [`BillingCycle`].
    pub billing_cycle: String,
    /// Stored [`SubscriptionStatus`].
    pub status: String,
    /// Start of the current period (none before the first payment).
    pub current_period_start: Option<DateTime<Utc>>,
    /// End of the current period.
    pub current_period_end: Option<DateTime<Utc>>,
    /// Renews at the period end; false once cancelled.
    pub auto_renew: bool,
    /// When the cancellation was asked for.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The unpaid subscription invoice the subscription waits for.
    pub open_invoice_id: Option<InvoiceId>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

impl Subscription {
    /// The parsed status (an unknown stored value reads as expired: fail closed).
    pub fn status(&self) -> SubscriptionStatus {
        SubscriptionStatus::parse(&self.status).unwrap_or(SubscriptionStatus::Expired)
    }

    /// The parsed cycle.
    pub fn cycle(&self) -> BillingCycle {
        BillingCycle::parse(&self.billing_cycle).unwrap_or(BillingCycle::Monthly)
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LineItem {
    /// What is billed.
    pub description: String,
    /// How many.
    pub quantity: i64,
    /// Price of one, in minor units.
    pub unit_price_cents: i64,
    /// quantity × unit price.
    pub amount_cents: i64,
}

/// The customer's billing contact as it was when the invoice was issued.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BillingContact {
    /// Account name.
    pub account_name: String,
    /// Billing contact name.
    pub name: String,
    /// Billing email.
    pub email: String,
    /// Postal address.
    pub address: String,
    /// ISO 3166 alpha-2 country.
    pub country: String,
    /// Tax id.
    pub tax_id: String,
}

/// An invoice. Immutable once issued, apart from its status (a database trigger enforces it).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = invoices)]
pub struct Invoice {
    /// Id.
    pub id: InvoiceId,
    /// Account.
    pub account_id: AccountId,
    /// `INV-<account id>-<YYYYMM>-<4-digit sequence>`.
    pub invoice_number: String,
    /// Stored [`InvoiceType`].
    pub invoice_type: String,
    /// Stored [`InvoiceStatus`].
    pub status: String,
    /// The subscription billed (subscription invoices).
    pub subscription_id: Option<SubscriptionId>,
    /// The plan billed (subscription invoices).
    pub plan_id: Option<PlanId>,
    /// The cycle billed (subscription invoices).
    pub billing_cycle: Option<String>,
    /// Start of the billed period (renewals; a first or changed plan starts when paid).
    pub period_start: Option<DateTime<Utc>>,
    /// End of the billed period.
    pub period_end: Option<DateTime<Utc>>,
    /// The package bought (credit-package invoices).
    pub credit_package_id: Option<CreditPackageId>,
    /// Credits the package adds.
    pub credits: i64,
    /// Lines (a JSON array of [`LineItem`]).
    pub line_items: serde_json::Value,
    /// Sum of the lines.
    pub subtotal_cents: i64,
    /// Tax.
    pub tax_cents: i64,
    /// Subtotal plus tax.
    pub total_cents: i64,
    /// ISO 4217 currency.
    pub currency: String,
    /// The billing contact snapshot (a [`BillingContact`]).
    pub billing_contact: serde_json::Value,
    /// Issued.
    pub issued_at: DateTime<Utc>,
    /// Paid.
    pub paid_at: Option<DateTime<Utc>>,
    /// Voided.
    pub voided_at: Option<DateTime<Utc>>,
    /// Why it was voided.
    pub void_reason: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

impl Invoice {
    /// The parsed status (unknown reads as void: fail closed).
    pub fn status(&self) -> InvoiceStatus {
        InvoiceStatus::parse(&self.status).unwrap_or(InvoiceStatus::Void)
    }

    /// The parsed type.
    pub fn invoice_type(&self) -> InvoiceType {
        InvoiceType::parse(&self.invoice_type).unwrap_or(InvoiceType::Custom)
    }

    /// The lines.
    pub fn lines(&self) -> Vec<LineItem> {
        serde_json::from_value(self.line_items.clone()).unwrap_or_default()
    }

    /// The billing contact snapshot.
    pub fn contact(&self) -> BillingContact {
        serde_json::from_value(self.billing_contact.clone()).unwrap_or_default()
    }
}

/// A payment of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = payments)]
pub struct Payment {
    /// Id.
    pub id: PaymentId,
    /// Account.
    pub account_id: AccountId,
    /// The invoice paid.
    pub invoice_id: InvoiceId,
    /// Amount in minor units (the invoice total).
    pub amount_cents: i64,
    /// ISO 4217 currency.
    pub currency: String,
    /// Stored [`PaymentMethod`].
    pub payment_method: String,
    /// Stored [`PaymentStatus`].
    pub status: String,
    /// The payer's transfer reference.
    pub transaction_reference: String,
    /// The member who submitted it.
    pub submitted_by: Option<UserId>,
    /// The staff user who reviewed it.
    pub reviewed_by: Option<UserId>,
    /// When it was reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Why it was rejected.
    pub failure_reason: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

impl Payment {
    /// The parsed status (unknown reads as failed).
    pub fn status(&self) -> PaymentStatus {
        PaymentStatus::parse(&self.status).unwrap_or(PaymentStatus::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn vocabularies_round_trip() {
        for p in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::parse(p.as_str()), Some(*p));
            assert_eq!(
                serde_json::to_value(p).ok(),
                Some(serde_json::Value::String(p.as_str().into()))
            );
        }
        for k in TxKind::ALL {
            assert_eq!(TxKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(
            SubscriptionStatus::parse("past_due"),
            Some(SubscriptionStatus::PastDue)
        );
        assert_eq!(InvoiceType::parse("bogus"), None);
        assert!(PaymentMethod::BankTransfer.is_manual());
        assert!(!PaymentMethod::Stripe.is_manual());
    }

    #[test]
    fn periods() {
        let jan31 = Utc
            .with_ymd_and_hms(2026, 1, 31, 10, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(
            BillingCycle::Monthly.period_end(jan31),
            Utc.with_ymd_and_hms(2026, 2, 28, 10, 0, 0)
                .single()
                .unwrap_or_default()
        );
        assert_eq!(
            BillingCycle::Annual.period_end(jan31),
            Utc.with_ymd_and_hms(2027, 1, 31, 10, 0, 0)
                .single()
                .unwrap_or_default()
        );
    }
}
