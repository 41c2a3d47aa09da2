//! Charging AI work: one call prices a provider call from the cost table, takes the credits under
//! an idempotency key and logs the usage, inside the caller's transaction (so the domain rows the
//! call produced and their charge commit together); another answers whether a key was charged.
//!
//! The idempotency key doubles as the "this item was saved" marker of AI steps: the writes and
//! the charge commit together, so a charged key means the item is done.

use crate::Result;
use crate::costs::{self, Quantity};
use crate::credits::{self, ChargeRequest, UsageRecord};
use chrono::{DateTime, Utc};
use db::schema::credit_transactions;
use diesel::prelude::*;
use tenancy::Scope;

/// The operations of the cost table that AI work charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AiOperation {
    /// Keyword clustering.
    Clustering,
    /// Content ideas.
    Ideas,
    /// Article writing.
    Content,
    /// Image prompts.
    ImagePrompts,
    /// Image generation.
    Images,
}

impl AiOperation {
    /// The cost table's name of the operation.
    pub fn as_str(self) -> &'static str {
        match self {
            AiOperation::Clustering => "clustering",
            AiOperation::Ideas => "ideas",
            AiOperation::Content => "content",
            AiOperation::ImagePrompts => "image_prompts",
            AiOperation::Images => "images",
        }
    }

    /// What the ledger says the charge was for.
    pub fn description(self) -> &'static str {
        match self {
            AiOperation::Clustering => "Keyword clustering",
            AiOperation::Ideas => "Content ideas",
            AiOperation::Content => "Article writing",
            AiOperation::ImagePrompts => "Image prompts",
            AiOperation::Images => "Image generation",
        }
    }
}

/// What one provider call used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderUsage<'a> {
    /// The model the provider reported (logged as is).
    pub model: &'a str,
    /// The model that was asked for, when one was configured.
    pub requested_model: Option<&'a str>,
    /// Input tokens.
    pub tokens_in: u64,
    /// Output tokens.
    pub tokens_out: u64,
    /// Images generated.
    pub images: i64,
}

/// One charge for AI work.
#[derive(Debug, Clone)]
pub struct UsageCharge<'a> {
    /// The operation.
    pub operation: AiOperation,
    /// What the call used.
    pub usage: ProviderUsage<'a>,
    /// Unique per account: a retry with the same key charges nothing.
    pub idempotency_key: &'a str,
    /// What caused it (`task:12`, `automation_run:3`).
    pub reference: &'a str,
    /// The hold of the work it is for (`ai_task:7`, `automation_run:3`), if any: the charge may
    /// use it, and draws it down.
    pub hold: Option<&'a str>,
}

/// The credits and usage record of a provider call, from the cost table. The rate is the model
/// the provider reported, else the model asked for (providers report dated snapshots such as
/// `gpt-4o-mini-2024-07-18`), else — for a model missing from the table (the offline algorithms,
/// a self-hosted model) — the default model of the kind, so offline runs cost what a real run
/// would. Every charged item costs at least the operation's minimum and at least 1 credit: the
/// ledger row is also the item's "saved" marker.
pub fn price_usage(
    conn: &mut PgConnection,
    operation: AiOperation,
    usage: &ProviderUsage<'_>,
) -> Result<(i64, UsageRecord)> {
    let op = costs::operation_cost(conn, operation.as_str())?;
    let rate = match costs::model_rate(conn, &op.kind, Some(usage.model)) {
        Ok(r) => r,
        Err(_) => match usage
            .requested_model
            .map(|m| costs::model_rate(conn, &op.kind, Some(m)))
        {
            Some(Ok(r)) => r,
            _ => costs::model_rate(conn, &op.kind, None)?,
        },
    };
    let tin = i64::try_from(usage.tokens_in).unwrap_or(i64::MAX);
    let tout = i64::try_from(usage.tokens_out).unwrap_or(i64::MAX);
    let quantity = if op.kind == "image" {
        Quantity::Images(usage.images)
    } else {
        Quantity::Tokens(tin.saturating_add(tout))
    };
    let est = costs::price(&op, &rate, quantity)?;
    let credits = est.credits.max(op.min_credits).max(1);
    Ok((
        credits,
        UsageRecord {
            model: usage.model.to_owned(),
            tokens_in: tin,
            tokens_out: tout,
            cost_usd_micros: costs::cost_usd_micros(&rate, tin, tout, usage.images),
        },
    ))
}

/// Prices the call, takes the credits (plan pool first) under the idempotency key and logs the
/// usage; returns the credits charged. Call it inside the transaction that saves the work. A key
/// charged before charges nothing again and returns what it charged then.
pub fn charge_usage(
    conn: &mut PgConnection,
    scope: &Scope,
    charge: &UsageCharge<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (credits, usage) = price_usage(conn, charge.operation, &charge.usage)?;
    let posted = credits::charge_held(
        conn,
        scope,
        &ChargeRequest {
            operation: charge.operation.as_str(),
            amount: credits,
            idempotency_key: charge.idempotency_key,
            reference: charge.reference,
            description: charge.operation.description(),
            usage,
        },
        charge.hold,
        now,
    )?;
    Ok(-posted.amount())
}

/// True when the account's ledger already holds `key`: the work charged under it was saved.
pub fn is_charged(conn: &mut PgConnection, scope: &Scope, key: &str) -> Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        credit_transactions::table
            .filter(credit_transactions::account_id.eq(scope.account_id()))
            .filter(credit_transactions::idempotency_key.eq(key)),
    ))
    .get_result(conn)?)
}

/// Credits an estimate of `items` units of work costs with the default models (items are
/// keywords, clusters, articles, image-prompt sets or images).
pub fn estimate_items(conn: &mut PgConnection, operation: AiOperation, items: i64) -> Result<i64> {
    let quantity = match operation {
        AiOperation::Images => Quantity::Images(items),
        _ => Quantity::Items(items),
    };
    Ok(costs::estimate(conn, operation.as_str(), quantity, None)?.credits)
}
