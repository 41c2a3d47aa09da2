//! Reference data shipped in `data/`: industries with their sectors, and plans. Loading is an
//! idempotent upsert, so `api seed` can run at every start.

use crate::Result;
use db::schema::{industries, industry_sectors, plans};
use diesel::prelude::*;
use diesel::upsert::excluded;
use serde::Deserialize;

const INDUSTRIES_JSON: &str = include_str!("../../../data/industries.json");
const PLANS_JSON: &str = include_str!("../../../data/plans.json");

#[derive(Deserialize)]
struct IndustryData {
    slug: String,
    name: String,
    description: String,
    sectors: Vec<SectorData>,
}

#[derive(Deserialize)]
struct SectorData {
    slug: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
struct PlanData {
    slug: String,
    name: String,
    price_cents: i64,
    annual_price_cents: i64,
    included_credits: i64,
    max_sites: i32,
    max_users: i32,
    max_keywords: i32,
    max_sectors_per_site: i32,
    features: serde_json::Value,
    sort_order: i32,
}

/// Counts of what a seed run upserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    /// Industries upserted.
    pub industries: usize,
    /// Industry sectors upserted.
    pub sectors: usize,
    /// Plans upserted.
    pub plans: usize,
}

/// Upserts the shipped industries, sectors and plans in one transaction.
pub fn seed_reference_data(conn: &mut PgConnection) -> Result<SeedReport> {
    let inds: Vec<IndustryData> = serde_json::from_str(INDUSTRIES_JSON)
        .map_err(|e| crate::Error::Conflict(format!("data/industries.json is invalid: {e}")))?;
    let plan_rows: Vec<PlanData> = serde_json::from_str(PLANS_JSON)
        .map_err(|e| crate::Error::Conflict(format!("data/plans.json is invalid: {e}")))?;
    conn.transaction(|c| {
        let mut sectors = 0;
        for ind in &inds {
            let id: i64 = diesel::insert_into(industries::table)
                .values((
                    industries::slug.eq(&ind.slug),
                    industries::name.eq(&ind.name),
                    industries::description.eq(&ind.description),
                ))
                .on_conflict(industries::slug)
                .do_update()
                .set((
                    industries::name.eq(excluded(industries::name)),
                    industries::description.eq(excluded(industries::description)),
                ))
                .returning(industries::id)
                .get_result(c)?;
            let rows: Vec<_> = ind
                .sectors
                .iter()
                .map(|s| {
                    (
                        industry_sectors::industry_id.eq(id),
                        industry_sectors::slug.eq(&s.slug),
                        industry_sectors::name.eq(&s.name),
                        industry_sectors::description.eq(&s.description),
                    )
                })
                .collect();
            sectors += diesel::insert_into(industry_sectors::table)
                .values(rows)
                .on_conflict((industry_sectors::industry_id, industry_sectors::slug))
                .do_update()
                .set((
                    industry_sectors::name.eq(excluded(industry_sectors::name)),
                    industry_sectors::description.eq(excluded(industry_sectors::description)),
                ))
                .execute(c)?;
        }
        for p in &plan_rows {
            diesel::insert_into(plans::table)
                .values((
                    plans::slug.eq(&p.slug),
                    plans::name.eq(&p.name),
                    plans::price_cents.eq(p.price_cents),
                    plans::annual_price_cents.eq(p.annual_price_cents),
                    plans::included_credits.eq(p.included_credits),
                    plans::max_sites.eq(p.max_sites),
                    plans::max_users.eq(p.max_users),
                    plans::max_keywords.eq(p.max_keywords),
                    plans::max_sectors_per_site.eq(p.max_sectors_per_site),
                    plans::features.eq(&p.features),
                    plans::sort_order.eq(p.sort_order),
                ))
                .on_conflict(plans::slug)
                .do_update()
                .set((
                    plans::name.eq(excluded(plans::name)),
                    plans::price_cents.eq(excluded(plans::price_cents)),
                    plans::annual_price_cents.eq(excluded(plans::annual_price_cents)),
                    plans::included_credits.eq(excluded(plans::included_credits)),
                    plans::max_sites.eq(excluded(plans::max_sites)),
                    plans::max_users.eq(excluded(plans::max_users)),
                    plans::max_keywords.eq(excluded(plans::max_keywords)),
                    plans::max_sectors_per_site.eq(excluded(plans::max_sectors_per_site)),
                    plans::features.eq(excluded(plans::features)),
                    plans::sort_order.eq(excluded(plans::sort_order)),
                ))
                .execute(c)?;
        }
        Ok(SeedReport {
            industries: inds.len(),
            sectors,
            plans: plan_rows.len(),
        })
    })
}
