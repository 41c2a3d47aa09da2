//! Billing data shipped in `data/`: credit packages (`credit_packages.json`) and the AI cost
//! table (`credit_costs.json`). Loading is an idempotent upsert, so `api seed` runs it at start.

use crate::Result;
use db::schema::{credit_model_rates, credit_operation_costs, credit_packages};
use diesel::prelude::*;
use diesel::upsert::excluded;
use kernel::FieldErrors;
use serde::Deserialize;

const PACKAGES_JSON: &str = include_str!("../../../data/credit_packages.json");
const COSTS_JSON: &str = include_str!("../../../data/credit_costs.json");

#[derive(Deserialize)]
struct PackageData {
    slug: String,
    name: String,
    credits: i64,
    price_cents: i64,
    currency: String,
    sort_order: i32,
}

#[derive(Deserialize)]
struct CostData {
    operations: Vec<OperationData>,
    models: Vec<ModelData>,
}

#[derive(Deserialize)]
struct OperationData {
    operation: String,
    name: String,
    kind: String,
    min_credits: i64,
    est_tokens_per_item: i64,
}

#[derive(Deserialize)]
struct ModelData {
    model: String,
    name: String,
    kind: String,
    #[serde(default)]
    tokens_per_credit: Option<i64>,
    #[serde(default)]
    credits_per_image: Option<i64>,
    #[serde(default)]
    quality_tier: Option<String>,
    #[serde(default)]
    input_usd_micros_per_mtok: i64,
    #[serde(default)]
    output_usd_micros_per_mtok: i64,
    #[serde(default)]
    usd_micros_per_image: i64,
    #[serde(default)]
    is_default: bool,
    #[serde(default = "yes")]
    is_active: bool,
}

fn yes() -> bool {
    true
}

/// Counts of what a seed run upserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingSeedReport {
    /// Credit packages.
    pub packages: usize,
    /// Operation costs.
    pub operations: usize,
    /// Model rates.
    pub models: usize,
}

fn invalid(file: &str, e: impl std::fmt::Display) -> crate::Error {
    FieldErrors::single(file, format!("{file} is invalid: {e}")).into()
}

/// Upserts the shipped credit packages and cost table in one transaction.
pub fn seed_billing_data(conn: &mut PgConnection) -> Result<BillingSeedReport> {
    let packages: Vec<PackageData> =
        serde_json::from_str(PACKAGES_JSON).map_err(|e| invalid("data/credit_packages.json", e))?;
    let costs: CostData =
        serde_json::from_str(COSTS_JSON).map_err(|e| invalid("data/credit_costs.json", e))?;
    conn.transaction(|c| {
        for p in &packages {
            diesel::insert_into(credit_packages::table)
                .values((
                    credit_packages::slug.eq(&p.slug),
                    credit_packages::name.eq(&p.name),
                    credit_packages::credits.eq(p.credits),
                    credit_packages::price_cents.eq(p.price_cents),
                    credit_packages::currency.eq(&p.currency),
                    credit_packages::sort_order.eq(p.sort_order),
                ))
                .on_conflict(credit_packages::slug)
                .do_update()
                .set((
                    credit_packages::name.eq(excluded(credit_packages::name)),
                    credit_packages::credits.eq(excluded(credit_packages::credits)),
                    credit_packages::price_cents.eq(excluded(credit_packages::price_cents)),
                    credit_packages::currency.eq(excluded(credit_packages::currency)),
                    credit_packages::sort_order.eq(excluded(credit_packages::sort_order)),
                ))
                .execute(c)?;
        }
        for o in &costs.operations {
            diesel::insert_into(credit_operation_costs::table)
                .values((
                    credit_operation_costs::operation.eq(&o.operation),
                    credit_operation_costs::name.eq(&o.name),
                    credit_operation_costs::kind.eq(&o.kind),
                    credit_operation_costs::min_credits.eq(o.min_credits),
                    credit_operation_costs::est_tokens_per_item.eq(o.est_tokens_per_item),
                ))
                .on_conflict(credit_operation_costs::operation)
                .do_update()
                .set((
                    credit_operation_costs::name.eq(excluded(credit_operation_costs::name)),
                    credit_operation_costs::kind.eq(excluded(credit_operation_costs::kind)),
                    credit_operation_costs::min_credits
                        .eq(excluded(credit_operation_costs::min_credits)),
                    credit_operation_costs::est_tokens_per_item
                        .eq(excluded(credit_operation_costs::est_tokens_per_item)),
                ))
                .execute(c)?;
        }
        // Defaults move between models: clear them first so the one-default index never trips.
        diesel::update(credit_model_rates::table)
            .set(credit_model_rates::is_default.eq(false))
            .execute(c)?;
        for m in &costs.models {
            diesel::insert_into(credit_model_rates::table)
                .values((
                    credit_model_rates::model.eq(&m.model),
                    credit_model_rates::name.eq(&m.name),
                    credit_model_rates::kind.eq(&m.kind),
                    credit_model_rates::tokens_per_credit.eq(m.tokens_per_credit),
                    credit_model_rates::credits_per_image.eq(m.credits_per_image),
                    credit_model_rates::quality_tier.eq(&m.quality_tier),
                    credit_model_rates::input_usd_micros_per_mtok.eq(m.input_usd_micros_per_mtok),
                    credit_model_rates::output_usd_micros_per_mtok.eq(m.output_usd_micros_per_mtok),
                    credit_model_rates::usd_micros_per_image.eq(m.usd_micros_per_image),
                    credit_model_rates::is_default.eq(m.is_default),
                    credit_model_rates::is_active.eq(m.is_active),
                ))
                .on_conflict(credit_model_rates::model)
                .do_update()
                .set((
                    credit_model_rates::name.eq(excluded(credit_model_rates::name)),
                    credit_model_rates::kind.eq(excluded(credit_model_rates::kind)),
                    credit_model_rates::tokens_per_credit
                        .eq(excluded(credit_model_rates::tokens_per_credit)),
                    credit_model_rates::credits_per_image
                        .eq(excluded(credit_model_rates::credits_per_image)),
                    credit_model_rates::quality_tier.eq(excluded(credit_model_rates::quality_tier)),
                    credit_model_rates::input_usd_micros_per_mtok
                        .eq(excluded(credit_model_rates::input_usd_micros_per_mtok)),
                    credit_model_rates::output_usd_micros_per_mtok
                        .eq(excluded(credit_model_rates::output_usd_micros_per_mtok)),
                    credit_model_rates::usd_micros_per_image
                        .eq(excluded(credit_model_rates::usd_micros_per_image)),
                    credit_model_rates::is_default.eq(excluded(credit_model_rates::is_default)),
                    credit_model_rates::is_active.eq(excluded(credit_model_rates::is_active)),
                ))
                .execute(c)?;
        }
        Ok(BillingSeedReport {
            packages: packages.len(),
            operations: costs.operations.len(),
            models: costs.models.len(),
        })
    })
}
