//! Shared checks of site, sector and cluster references in planner input.

use crate::model::Cluster;
use crate::{Error, Result};
use db::schema::clusters;
use diesel::prelude::*;
use kernel::{ClusterId, FieldErrors, SectorId, SiteId};
use tenancy::Scope;

/// Checks that `site_id` and `sector_id` are given, the site is visible and the sector belongs
/// to it. Problems are added to `e` (a create answers them all at once); an invisible or
/// foreign site reads as unknown, never as "another tenant's".
pub(crate) fn require_site_sector(
    conn: &mut PgConnection,
    scope: &Scope,
    site_id: Option<SiteId>,
    sector_id: Option<SectorId>,
    e: &mut FieldErrors,
) -> Result<(Option<SiteId>, Option<SectorId>)> {
    let (Some(site), Some(sector)) = (site_id, sector_id) else {
        if site_id.is_none() {
            e.add("site_id", "This field is required.");
        }
        if sector_id.is_none() {
            e.add("sector_id", "This field is required.");
        }
        return Ok((None, None));
    };
    match tenancy::sites::require_site_sector(conn, scope, site, sector) {
        Ok((site, sector)) => Ok((Some(site.id), Some(sector.id))),
        Err(tenancy::Error::NotFound) => {
            e.unknown("site_id", "Unknown site.");
            Ok((None, None))
        }
        Err(tenancy::Error::Validation(v)) => {
            e.merge(v);
            Ok((None, None))
        }
        Err(other) => Err(Error::from_tenancy(other)),
    }
}

/// A cluster of the caller's account on a visible site.
pub(crate) fn get_visible_cluster(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ClusterId,
) -> Result<Cluster> {
    let mut q = clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .filter(clusters::id.eq(id))
        .into_boxed();
    if let Some(ids) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(clusters::site_id.eq_any(ids));
    }
    Ok(q.select(Cluster::as_select()).first(conn)?)
}

/// Fails with a `cluster_id` validation error unless the cluster is visible and in the given
/// site and sector.
pub(crate) fn require_cluster_in(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ClusterId,
    site: SiteId,
    sector: SectorId,
) -> Result<Cluster> {
    match get_visible_cluster(conn, scope, id) {
        Ok(c) if c.site_id == site && c.sector_id == sector => Ok(c),
        Ok(_) => Err(FieldErrors::single(
            "cluster_id",
            "The cluster belongs to another site or sector.",
        )
        .into()),
        Err(Error::NotFound) => {
            Err(FieldErrors::single_unknown("cluster_id", "Unknown cluster.").into())
        }
        Err(e) => Err(e),
    }
}
