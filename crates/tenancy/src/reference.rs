//! Global reference data: industries with sectors, and plans.

use crate::Result;
use crate::model::{Industry, IndustrySector, Plan};
use db::schema::{industries, industry_sectors, plans};
use diesel::prelude::*;
use kernel::PlanId;

/// Active industries with their active sectors, ordered by name.
pub fn list_industries(conn: &mut PgConnection) -> Result<Vec<(Industry, Vec<IndustrySector>)>> {
    let inds: Vec<Industry> = industries::table
        .filter(industries::is_active.eq(true))
        .order(industries::name.asc())
        .select(Industry::as_select())
        .load(conn)?;
    let secs: Vec<IndustrySector> = IndustrySector::belonging_to(&inds)
        .filter(industry_sectors::is_active.eq(true))
        .order(industry_sectors::name.asc())
        .select(IndustrySector::as_select())
        .load(conn)?;
    Ok(secs
        .grouped_by(&inds)
        .into_iter()
        .zip(inds)
        .map(|(s, i)| (i, s))
        .collect())
}

/// Public, active plans in display order.
pub fn list_plans(conn: &mut PgConnection) -> Result<Vec<Plan>> {
    Ok(plans::table
        .filter(plans::is_active.eq(true).and(plans::is_internal.eq(false)))
        .order(plans::sort_order.asc())
        .select(Plan::as_select())
        .load(conn)?)
}

/// A plan by id.
pub fn plan(conn: &mut PgConnection, id: PlanId) -> Result<Plan> {
    Ok(plans::table
        .find(id)
        .select(Plan::as_select())
        .first(conn)?)
}

/// An active plan by slug.
pub fn plan_by_slug(conn: &mut PgConnection, slug: &str) -> Result<Option<Plan>> {
    Ok(plans::table
        .filter(plans::slug.eq(slug).and(plans::is_active.eq(true)))
        .select(Plan::as_select())
        .first(conn)
        .optional()?)
}
