//! Sites and their sectors. Admins and owners see every site of the account; editors and
//! viewers see the sites granted to them (`site_user_access`).

use crate::model::{IndustrySector, Sector, Site};
use crate::users::escape_like;
use crate::{Error, Result, Scope};
use chrono::{DateTime, Utc};
use db::schema::{accounts, industries, industry_sectors, plans, sectors, site_user_access, sites};
use db::sql::lower;
use diesel::prelude::*;
use kernel::text::slugify;
use kernel::{FieldErrors, IndustryId, Order, Page, PageRequest, Role, SectorId, SiteId};

/// The ids of the sites the scope may see, or `None` when it sees all of the account's sites.
pub fn visible_site_ids(conn: &mut PgConnection, scope: &Scope) -> Result<Option<Vec<SiteId>>> {
    if let Some(site) = scope.site_restriction() {
        return Ok(Some(vec![site]));
    }
    if scope.sees_all_sites() {
        return Ok(None);
    }
    let Some(uid) = scope.user_id() else {
        return Ok(Some(vec![]));
    };
    Ok(Some(
        site_user_access::table
            .filter(site_user_access::account_id.eq(scope.account_id()))
            .filter(site_user_access::user_id.eq(uid))
            .select(site_user_access::site_id)
            .load(conn)?,
    ))
}

fn base_query<'a>(
    conn: &mut PgConnection,
    scope: &Scope,
) -> Result<sites::BoxedQuery<'a, diesel::pg::Pg>> {
    let mut q = sites::table
        .filter(sites::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(sites::id.eq_any(ids));
    }
    Ok(q)
}

/// A visible site, or `NotFound`.
pub fn get_site(conn: &mut PgConnection, scope: &Scope, id: SiteId) -> Result<Site> {
    Ok(base_query(conn, scope)?
        .filter(sites::id.eq(id))
        .select(Site::as_select())
        .first(conn)?)
}

/// Checks that the site is visible and the sector belongs to it; returns both. Planner and
/// writer use this before creating site+sector scoped rows.
pub fn require_site_sector(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    sector: SectorId,
) -> Result<(Site, Sector)> {
    let site = get_site(conn, scope, site)?;
    let sector: Option<Sector> = sectors::table
        .filter(sectors::account_id.eq(scope.account_id()))
        .filter(sectors::site_id.eq(site.id))
        .filter(sectors::id.eq(sector))
        .select(Sector::as_select())
        .first(conn)
        .optional()?;
    match sector {
        Some(s) => Ok((site, s)),
        None => Err(Error::Validation(FieldErrors::single_unknown(
            "sector_id",
            "This sector does not belong to the site.",
        ))),
    }
}

/// List filters for sites.
#[derive(Debug, Clone, Default)]
pub struct SiteFilter {
    /// Active flag.
    pub is_active: Option<bool>,
    /// Industry.
    pub industry_id: Option<IndustryId>,
    /// Substring of the name or domain.
    pub search: Option<String>,
}

/// Sortable site fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteOrder {
    /// By name.
    Name,
    /// By creation.
    CreatedAt,
}

/// The allow-list for `?ordering=`.
pub const SITE_ORDERING: &[(&str, SiteOrder)] = &[
    ("name", SiteOrder::Name),
    ("created_at", SiteOrder::CreatedAt),
];

fn filtered<'a>(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &'a SiteFilter,
) -> Result<sites::BoxedQuery<'a, diesel::pg::Pg>> {
    let mut q = base_query(conn, scope)?;
    if let Some(a) = f.is_active {
        q = q.filter(sites::is_active.eq(a));
    }
    if let Some(i) = f.industry_id {
        q = q.filter(sites::industry_id.eq(i));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pat = format!("%{}%", escape_like(s));
        q = q.filter(sites::name.ilike(pat.clone()).or(sites::domain.ilike(pat)));
    }
    Ok(q)
}

/// Lists visible sites.
pub fn list_sites(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &SiteFilter,
    order: Order<SiteOrder>,
    page: PageRequest,
) -> Result<Page<Site>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let q = match (order.field, order.descending) {
        (SiteOrder::Name, false) => q.order(lower(sites::name).asc()),
        (SiteOrder::Name, true) => q.order(lower(sites::name).desc()),
        (SiteOrder::CreatedAt, false) => q.order(sites::created_at.asc()),
        (SiteOrder::CreatedAt, true) => q.order(sites::created_at.desc()),
    };
    let items = q
        .then_order_by(sites::id.asc())
        .limit(page.limit())
        .offset(page.offset())
        .select(Site::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Distinct active flags and industries among visible sites matching the other filters.
pub fn site_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &SiteFilter,
) -> Result<(Vec<bool>, Vec<(IndustryId, String)>)> {
    let g = SiteFilter {
        is_active: None,
        ..f.clone()
    };
    let active = filtered(conn, scope, &g)?
        .select(sites::is_active)
        .distinct()
        .load(conn)?;
    let g = SiteFilter {
        industry_id: None,
        ..f.clone()
    };
    let ids: Vec<Option<IndustryId>> = filtered(conn, scope, &g)?
        .select(sites::industry_id)
        .distinct()
        .load(conn)?;
    let ids: Vec<IndustryId> = ids.into_iter().flatten().collect();
    let inds = industries::table
        .filter(industries::id.eq_any(ids))
        .order(industries::name.asc())
        .select((industries::id, industries::name))
        .load(conn)?;
    Ok((active, inds))
}

/// Input of a site create/update.
#[derive(Debug, Clone, Default)]
pub struct SiteInput {
    /// Name (required on create).
    pub name: Option<String>,
    /// Domain or URL.
    pub domain: Option<String>,
    /// Industry; `Some(None)` clears it.
    pub industry_id: Option<Option<IndustryId>>,
    /// Active flag.
    pub is_active: Option<bool>,
}

fn validate_site(conn: &mut PgConnection, input: &SiteInput, creating: bool) -> Result<()> {
    let mut e = FieldErrors::new();
    match &input.name {
        Some(n) => e.require_text("name", n, 200),
        None if creating => e.add("name", "This field is required."),
        None => {}
    }
    if let Some(d) = &input.domain {
        e.max_len("domain", d, 255);
        if d.chars().any(char::is_whitespace) {
            e.add("domain", "Enter a valid domain or URL.");
        }
    }
    if let Some(Some(i)) = input.industry_id {
        let exists: i64 = industries::table
            .filter(industries::id.eq(i))
            .count()
            .get_result(conn)?;
        if exists == 0 {
            e.unknown("industry_id", format!("Unknown industry {i}."));
        }
    }
    Ok(e.into_result()?)
}

/// Creates a site (admin+); the slug comes from the name, unique in the account; the plan's
/// `max_sites` is enforced under a lock on the account.
pub fn create_site(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<Site> {
    scope.require(Role::Admin)?;
    validate_site(conn, input, true)?;
    let name = input.name.as_deref().unwrap_or_default().trim().to_owned();
    conn.transaction(|c| {
        let max_sites: i32 = crate::accounts::lock_account_plan(c, scope)?.max_sites;
        let used: i64 = sites::table
            .filter(sites::account_id.eq(scope.account_id()))
            .count()
            .get_result(c)?;
        if used >= i64::from(max_sites) {
            return Err(Error::PlanLimitReached {
                resource: "sites",
                limit: i64::from(max_sites),
            });
        }
        let base = match slugify(&name) {
            s if s.is_empty() => "site".to_owned(),
            s => s,
        };
        let taken: Vec<String> = sites::table
            .filter(sites::account_id.eq(scope.account_id()))
            .filter(
                sites::slug
                    .eq(&base)
                    .or(sites::slug.like(format!("{base}-%"))),
            )
            .select(sites::slug)
            .load(c)?;
        let slug = crate::auth::first_free_slug(&base, &taken);
        Ok(diesel::insert_into(sites::table)
            .values((
                sites::account_id.eq(scope.account_id()),
                sites::name.eq(&name),
                sites::slug.eq(&slug),
                sites::domain.eq(input.domain.as_deref().unwrap_or("").trim()),
                sites::industry_id.eq(input.industry_id.flatten()),
                sites::is_active.eq(input.is_active.unwrap_or(true)),
                sites::created_at.eq(now),
                sites::updated_at.eq(now),
            ))
            .returning(Site::as_returning())
            .get_result(c)?)
    })
}

/// Updates a site (admin+). The slug stays stable when the name changes.
pub fn update_site(
    conn: &mut PgConnection,
    scope: &Scope,
    id: SiteId,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<Site> {
    scope.require(Role::Admin)?;
    get_site(conn, scope, id)?;
    validate_site(conn, input, false)?;
    Ok(diesel::update(
        sites::table
            .find(id)
            .filter(sites::account_id.eq(scope.account_id())),
    )
    .set(&SiteChangeset {
        name: input.name.as_deref().map(str::trim),
        domain: input.domain.as_deref().map(str::trim),
        industry_id: input.industry_id,
        is_active: input.is_active,
        updated_at: now,
    })
    .returning(Site::as_returning())
    .get_result(conn)?)
}

/// One UPDATE for every changed site field (`None` leaves a column alone; `Some(None)` clears
/// the industry).
#[derive(AsChangeset)]
#[diesel(table_name = sites)]
struct SiteChangeset<'a> {
    name: Option<&'a str>,
    domain: Option<&'a str>,
    industry_id: Option<Option<IndustryId>>,
    is_active: Option<bool>,
    updated_at: DateTime<Utc>,
}

/// Deletes a site and everything scoped to it (admin+).
pub fn delete_site(conn: &mut PgConnection, scope: &Scope, id: SiteId) -> Result<()> {
    scope.require(Role::Admin)?;
    get_site(conn, scope, id)?;
    diesel::delete(
        sites::table
            .find(id)
            .filter(sites::account_id.eq(scope.account_id())),
    )
    .execute(conn)?;
    Ok(())
}

/// Picks an industry and up to the plan's sector limit (default 5) for a site; listed sectors
/// are created or re-activated, unlisted ones deactivated. Returns the site's active sectors.
pub fn select_sectors(
    conn: &mut PgConnection,
    scope: &Scope,
    id: SiteId,
    industry_slug: &str,
    sector_slugs: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<Sector>> {
    scope.require(Role::Admin)?;
    let site = get_site(conn, scope, id)?;
    let mut e = FieldErrors::new();
    let industry: Option<(IndustryId, bool)> = industries::table
        .filter(industries::slug.eq(industry_slug.trim()))
        .select((industries::id, industries::is_active))
        .first(conn)
        .optional()?;
    let industry = match industry {
        Some((i, true)) => Some(i),
        _ => {
            e.unknown(
                "industry_slug",
                format!("Unknown industry '{}'.", industry_slug.trim()),
            );
            None
        }
    };
    let mut wanted: Vec<String> = sector_slugs.iter().map(|s| s.trim().to_owned()).collect();
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        e.add("sector_slugs", "Select at least one sector.");
    }
    let max: i32 = accounts::table
        .inner_join(plans::table)
        .filter(accounts::id.eq(scope.account_id()))
        .select(plans::max_sectors_per_site)
        .first(conn)?;
    let found: Vec<IndustrySector> = match industry {
        Some(i) => industry_sectors::table
            .filter(industry_sectors::industry_id.eq(i))
            .filter(industry_sectors::slug.eq_any(&wanted))
            .filter(industry_sectors::is_active.eq(true))
            .select(IndustrySector::as_select())
            .load(conn)?,
        None => vec![],
    };
    if industry.is_some() {
        for w in &wanted {
            if !found.iter().any(|s| &s.slug == w) {
                e.unknown(
                    "sector_slugs",
                    format!("'{w}' is not a sector of '{}'.", industry_slug.trim()),
                );
            }
        }
    }
    e.into_result()?;
    if wanted.len() > max as usize {
        return Err(Error::PlanLimitReached {
            resource: "sectors per site",
            limit: i64::from(max),
        });
    }
    let industry = industry.ok_or(Error::NotFound)?;
    conn.transaction(|c| {
        diesel::update(
            sites::table
                .find(site.id)
                .filter(sites::account_id.eq(scope.account_id())),
        )
        .set((sites::industry_id.eq(industry), sites::updated_at.eq(now)))
        .execute(c)?;
        let rows: Vec<_> = found
            .iter()
            .map(|s| {
                (
                    sectors::account_id.eq(scope.account_id()),
                    sectors::site_id.eq(site.id),
                    sectors::industry_sector_id.eq(s.id),
                    sectors::name.eq(&s.name),
                    sectors::slug.eq(&s.slug),
                    sectors::is_active.eq(true),
                )
            })
            .collect();
        diesel::insert_into(sectors::table)
            .values(rows)
            .on_conflict((
                sectors::account_id,
                sectors::site_id,
                sectors::industry_sector_id,
            ))
            .do_update()
            .set((sectors::is_active.eq(true), sectors::updated_at.eq(now)))
            .execute(c)?;
        let keep: Vec<_> = found.iter().map(|s| s.id).collect();
        diesel::update(
            sectors::table
                .filter(sectors::account_id.eq(scope.account_id()))
                .filter(sectors::site_id.eq(site.id))
                .filter(sectors::industry_sector_id.ne_all(keep)),
        )
        .set((sectors::is_active.eq(false), sectors::updated_at.eq(now)))
        .execute(c)?;
        Ok::<_, Error>(())
    })?;
    site_sectors(conn, scope, site.id, Some(true))
}

/// The sectors of a visible site, optionally only active/inactive ones.
pub fn site_sectors(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    active: Option<bool>,
) -> Result<Vec<Sector>> {
    get_site(conn, scope, site)?;
    let mut q = sectors::table
        .filter(sectors::account_id.eq(scope.account_id()))
        .filter(sectors::site_id.eq(site))
        .into_boxed();
    if let Some(a) = active {
        q = q.filter(sectors::is_active.eq(a));
    }
    Ok(q.order(sectors::name.asc())
        .select(Sector::as_select())
        .load(conn)?)
}

/// Sector list filters.
#[derive(Debug, Clone, Default)]
pub struct SectorFilter {
    /// Only this site.
    pub site_id: Option<SiteId>,
    /// Active flag.
    pub is_active: Option<bool>,
    /// Substring of the name.
    pub search: Option<String>,
}

fn sectors_filtered<'a>(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &'a SectorFilter,
) -> Result<sectors::BoxedQuery<'a, diesel::pg::Pg>> {
    let mut q = sectors::table
        .filter(sectors::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(sectors::site_id.eq_any(ids));
    }
    if let Some(s) = f.site_id {
        q = q.filter(sectors::site_id.eq(s));
    }
    if let Some(a) = f.is_active {
        q = q.filter(sectors::is_active.eq(a));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(sectors::name.ilike(format!("%{}%", escape_like(s))));
    }
    Ok(q)
}

/// Lists sectors of visible sites, by name.
pub fn list_sectors(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &SectorFilter,
    page: PageRequest,
) -> Result<Page<Sector>> {
    let count = sectors_filtered(conn, scope, f)?.count().get_result(conn)?;
    let items = sectors_filtered(conn, scope, f)?
        .order((sectors::name.asc(), sectors::id.asc()))
        .limit(page.limit())
        .offset(page.offset())
        .select(Sector::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// One sector of a visible site.
pub fn get_sector(conn: &mut PgConnection, scope: &Scope, id: SectorId) -> Result<Sector> {
    Ok(sectors_filtered(conn, scope, &SectorFilter::default())?
        .filter(sectors::id.eq(id))
        .select(Sector::as_select())
        .first(conn)?)
}

/// Renames or (de)activates a sector (admin+). Activating respects the plan's sector limit.
pub fn update_sector(
    conn: &mut PgConnection,
    scope: &Scope,
    id: SectorId,
    name: Option<&str>,
    is_active: Option<bool>,
    now: DateTime<Utc>,
) -> Result<Sector> {
    scope.require(Role::Admin)?;
    let sector = get_sector(conn, scope, id)?;
    let mut e = FieldErrors::new();
    if let Some(n) = name {
        e.require_text("name", n, 200);
    }
    e.into_result()?;
    conn.transaction(|c| {
        if is_active == Some(true) && !sector.is_active {
            let max: i32 = crate::accounts::lock_account_plan(c, scope)?.max_sectors_per_site;
            let active: i64 = sectors::table
                .filter(sectors::account_id.eq(scope.account_id()))
                .filter(sectors::site_id.eq(sector.site_id))
                .filter(sectors::is_active.eq(true))
                .count()
                .get_result(c)?;
            if active >= i64::from(max) {
                return Err(Error::PlanLimitReached {
                    resource: "sectors per site",
                    limit: i64::from(max),
                });
            }
        }
        Ok(diesel::update(
            sectors::table
                .find(id)
                .filter(sectors::account_id.eq(scope.account_id())),
        )
        .set(&SectorChangeset {
            name: name.map(str::trim),
            is_active,
            updated_at: now,
        })
        .returning(Sector::as_returning())
        .get_result(c)?)
    })
}

/// One UPDATE for a sector's changed fields.
#[derive(AsChangeset)]
#[diesel(table_name = sectors)]
struct SectorChangeset<'a> {
    name: Option<&'a str>,
    is_active: Option<bool>,
    updated_at: DateTime<Utc>,
}
