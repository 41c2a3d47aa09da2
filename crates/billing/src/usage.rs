//! Charging AI work: one call prices a provider call from the cost table, takes the credits under
//! an idempotency key and logs the usage, inside the caller's transaction (so the domain rows the
//! call produced and their charge commit together); another answers whether a key was charged.
//!
//! The idempotency key doubles as the "this item was saved" marker of AI steps: the writes and
//! the charge commit together, so a charged key means the item is done.

use crate::Result;
use crate::costs::{self, CostTable, Quantity};
use crate::credits::{self, ChargeRequest, UsageRecord};
use chrono::{DateTime, Utc};
use db::schema::{credit_transactions, credit_usage_logs};
use diesel::prelude::*;
use kernel::FieldErrors;
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
    price_usage_in(&CostTable::load(conn)?, operation, usage)
}

/// [`price_usage`] on a cost table read before (once for a batch of work).
pub fn price_usage_in(
    table: &CostTable,
    operation: AiOperation,
    usage: &ProviderUsage<'_>,
) -> Result<(i64, UsageRecord)> {
    let op = table.operation(operation.as_str())?;
    let rate = match table.model_rate(&op.kind, Some(usage.model)) {
        Ok(r) => r,
        Err(_) => match usage
            .requested_model
            .map(|m| table.model_rate(&op.kind, Some(m)))
        {
            Some(Ok(r)) => r,
            _ => table.model_rate(&op.kind, None)?,
        },
    };
    let tin = i64::try_from(usage.tokens_in).unwrap_or(i64::MAX);
    let tout = i64::try_from(usage.tokens_out).unwrap_or(i64::MAX);
    let quantity = if op.kind == "image" {
        Quantity::Images(usage.images)
    } else {
        Quantity::Tokens(tin.saturating_add(tout))
    };
    let est = costs::price(op, rate, quantity)?;
    let credits = est.credits.max(op.min_credits).max(1);
    Ok((
        credits,
        UsageRecord {
            model: usage.model.to_owned(),
            tokens_in: tin,
            tokens_out: tout,
            cost_usd_micros: costs::cost_usd_micros(rate, tin, tout, usage.images),
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

/// Logs a provider call whose answer could not be used: its tokens and provider cost, zero
/// credits, no ledger row, and `error` (cut to 500 characters). Nothing is charged for it.
pub fn log_failed_usage(
    conn: &mut PgConnection,
    scope: &Scope,
    operation: AiOperation,
    usage: &ProviderUsage<'_>,
    error: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (_, record) = price_usage(conn, operation, usage)?;
    let error: String = error.chars().take(500).collect();
    diesel::insert_into(credit_usage_logs::table)
        .values((
            credit_usage_logs::account_id.eq(scope.account_id()),
            credit_usage_logs::operation.eq(operation.as_str()),
            credit_usage_logs::credits.eq(0_i64),
            credit_usage_logs::model.eq(&record.model),
            credit_usage_logs::tokens_in.eq(record.tokens_in),
            credit_usage_logs::tokens_out.eq(record.tokens_out),
            credit_usage_logs::cost_usd_micros.eq(record.cost_usd_micros),
            credit_usage_logs::created_at.eq(now),
            credit_usage_logs::error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Charges for several items of AI work, priced from one read of the cost table as they are
/// added, and posted together by [`post_charges`] in the transaction that saves the items.
#[derive(Debug)]
pub struct UsageCharges<'t> {
    table: &'t CostTable,
    hold: Option<String>,
    items: Vec<PricedCharge>,
}

#[derive(Debug)]
struct PricedCharge {
    operation: AiOperation,
    key: String,
    reference: String,
    credits: i64,
    usage: UsageRecord,
}

impl<'t> UsageCharges<'t> {
    /// An empty group priced from `table`, for the work holding `hold` (if any).
    pub fn new(table: &'t CostTable, hold: Option<&str>) -> Self {
        Self {
            table,
            hold: hold.map(str::to_owned),
            items: Vec::new(),
        }
    }

    /// Prices a charge (as [`price_usage`]) and adds it to the group; returns its credits.
    /// Its `hold` must be the group's.
    pub fn add(&mut self, charge: &UsageCharge<'_>) -> Result<i64> {
        let mut e = FieldErrors::new();
        credits::check_key(&mut e, "idempotency_key", charge.idempotency_key);
        e.max_len("reference", charge.reference, credits::MAX_KEY_LEN);
        if charge.hold != self.hold.as_deref() {
            e.add("hold", "Every charge of a group is for the same hold.");
        }
        e.into_result()?;
        let (credits, usage) = price_usage_in(self.table, charge.operation, &charge.usage)?;
        self.items.push(PricedCharge {
            operation: charge.operation,
            key: charge.idempotency_key.to_owned(),
            reference: charge.reference.to_owned(),
            credits,
            usage,
        });
        Ok(credits)
    }

    /// Charges added.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when no charge was added.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Posts a group of charges inside the transaction that saves their work (or in its own): the
/// balance is locked once and the balance less the other work's holds must cover every charge
/// in order (`InsufficientCredits` for the first that does not fit, nothing written). Then each
/// charge gets the ledger rows and usage log [`charge_usage`] would write, the balance is
/// updated once and the group's hold drawn down once. Returns the credits. Unlike
/// [`charge_usage`], a key charged before is no replay: it fails on the ledger's unique key and
/// takes the whole transaction with it, so callers skip charged items before working them
/// ([`charged_keys`]) and a concurrent duplicate rolls back.
pub fn post_charges(
    conn: &mut PgConnection,
    scope: &Scope,
    charges: &UsageCharges<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let group: Vec<credits::GroupCharge<'_>> = charges
        .items
        .iter()
        .map(|c| credits::GroupCharge {
            operation: c.operation.as_str(),
            amount: c.credits,
            key: &c.key,
            reference: &c.reference,
            description: c.operation.description(),
            usage: &c.usage,
        })
        .collect();
    credits::charge_group(
        conn,
        scope.account_id(),
        &group,
        charges.hold.as_deref(),
        now,
    )
}

/// The keys among `keys` the account's ledger already holds (their work was saved), in one
/// query.
pub fn charged_keys(
    conn: &mut PgConnection,
    scope: &Scope,
    keys: &[String],
) -> Result<std::collections::HashSet<String>> {
    if keys.is_empty() {
        return Ok(Default::default());
    }
    #[derive(QueryableByName)]
    struct Key {
        #[diesel(sql_type = diesel::sql_types::Text)]
        key: String,
    }
    // One probe of the (account, key) unique index per key, whatever the planner believes
    // about the ledger's size.
    let found: Vec<Key> = diesel::sql_query(
        "SELECT k.key FROM unnest($2::text[]) AS k(key) \
          WHERE EXISTS (SELECT 1 FROM credit_transactions t \
                         WHERE t.account_id = $1 AND t.idempotency_key = k.key)",
    )
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(keys)
    .load(conn)?;
    Ok(found.into_iter().map(|k| k.key).collect())
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
