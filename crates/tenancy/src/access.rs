//! Per-site access grants for editors and viewers (admin+ manages them).

use crate::model::SiteAccess;
use crate::{Error, Result, Scope};
use chrono::{DateTime, Utc};
use db::schema::{site_user_access, sites, users};
use diesel::prelude::*;
use kernel::{FieldErrors, Page, PageRequest, Role, SiteAccessId, SiteId, UserId};

/// Grant list filters.
#[derive(Debug, Clone, Default)]
pub struct AccessFilter {
    /// Only this member.
    pub user_id: Option<UserId>,
    /// Only this site.
    pub site_id: Option<SiteId>,
}

fn filtered<'a>(
    scope: &Scope,
    f: &AccessFilter,
) -> site_user_access::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = site_user_access::table
        .filter(site_user_access::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(u) = f.user_id {
        q = q.filter(site_user_access::user_id.eq(u));
    }
    if let Some(s) = f.site_id {
        q = q.filter(site_user_access::site_id.eq(s));
    }
    q
}

/// Lists grants of the account.
pub fn list_access(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &AccessFilter,
    page: PageRequest,
) -> Result<Page<SiteAccess>> {
    scope.require(Role::Admin)?;
    let count = filtered(scope, f).count().get_result(conn)?;
    let items = filtered(scope, f)
        .order(site_user_access::id.asc())
        .limit(page.limit())
        .offset(page.offset())
        .select(SiteAccess::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Grants a member access to a site; granting twice returns the existing grant.
pub fn grant_access(
    conn: &mut PgConnection,
    scope: &Scope,
    user: UserId,
    site: SiteId,
    now: DateTime<Utc>,
) -> Result<SiteAccess> {
    scope.require(Role::Admin)?;
    let mut e = FieldErrors::new();
    let user_ok: i64 = users::table
        .filter(users::account_id.eq(scope.account_id()))
        .filter(users::id.eq(user))
        .count()
        .get_result(conn)?;
    if user_ok == 0 {
        e.unknown("user_id", "Unknown user.");
    }
    let site_ok: i64 = sites::table
        .filter(sites::account_id.eq(scope.account_id()))
        .filter(sites::id.eq(site))
        .count()
        .get_result(conn)?;
    if site_ok == 0 {
        e.unknown("site_id", "Unknown site.");
    }
    e.into_result()?;
    diesel::insert_into(site_user_access::table)
        .values((
            site_user_access::account_id.eq(scope.account_id()),
            site_user_access::user_id.eq(user),
            site_user_access::site_id.eq(site),
            site_user_access::granted_by.eq(scope.user_id()),
            site_user_access::created_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(filtered(
        scope,
        &AccessFilter {
            user_id: Some(user),
            site_id: Some(site),
        },
    )
    .select(SiteAccess::as_select())
    .first(conn)?)
}

/// Revokes a grant.
pub fn revoke_access(conn: &mut PgConnection, scope: &Scope, id: SiteAccessId) -> Result<()> {
    scope.require(Role::Admin)?;
    let n = diesel::delete(
        site_user_access::table
            .filter(site_user_access::account_id.eq(scope.account_id()))
            .filter(site_user_access::id.eq(id)),
    )
    .execute(conn)?;
    if n == 0 { Err(Error::NotFound) } else { Ok(()) }
}
