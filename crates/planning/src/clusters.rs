//! Keyword clusters of a site's sector, with `keywords_count`, `volume`, `difficulty`,
//! `ideas_count` and `content_count` computed in the same SQL statement as the rows.

use crate::model::{Cluster, ClusterStats, ClusterWithStats, MappingStatus};
use crate::{Error, Result, scope_rules};
use chrono::{DateTime, Utc};
use db::schema::{clusters, content_ideas, keywords};
use diesel::dsl::sql;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable};
use kernel::{ClusterId, FieldErrors, Order, Page, PageRequest, Role, SectorId, SiteId};
use tenancy::Scope;
use tenancy::users::escape_like;

/// Keywords in the cluster (index `keywords_cluster`).
const KEYWORDS_COUNT_SQL: &str = "(SELECT count(*) FROM keywords k WHERE k.account_id = clusters.account_id AND k.cluster_id = clusters.id)";
/// Summed volume of the cluster's keywords.
const VOLUME_SQL: &str = "(SELECT coalesce(sum(k.volume), 0)::bigint FROM keywords k WHERE k.account_id = clusters.account_id AND k.cluster_id = clusters.id)";
/// Rounded average of the known difficulties of the cluster's keywords.
const DIFFICULTY_SQL: &str = "(SELECT round(avg(k.difficulty))::int FROM keywords k WHERE k.account_id = clusters.account_id AND k.cluster_id = clusters.id)";
/// Ideas of the cluster (index `content_ideas_cluster`).
const IDEAS_COUNT_SQL: &str = "(SELECT count(*) FROM content_ideas i WHERE i.account_id = clusters.account_id AND i.cluster_id = clusters.id)";
/// Writer content of the cluster (index `content_account_cluster`).
pub const CONTENT_COUNT_SQL: &str = "(SELECT count(*) FROM content c WHERE c.account_id = clusters.account_id AND c.cluster_id = clusters.id)";

type StatsColumns = (
    diesel::expression::SqlLiteral<BigInt>,
    diesel::expression::SqlLiteral<BigInt>,
    diesel::expression::SqlLiteral<Nullable<Integer>>,
    diesel::expression::SqlLiteral<BigInt>,
    diesel::expression::SqlLiteral<BigInt>,
);

fn stats_columns() -> StatsColumns {
    (
        sql(KEYWORDS_COUNT_SQL),
        sql(VOLUME_SQL),
        sql(DIFFICULTY_SQL),
        sql(IDEAS_COUNT_SQL),
        sql(CONTENT_COUNT_SQL),
    )
}

type Row = (Cluster, i64, i64, Option<i32>, i64, i64);

fn with_stats(
    (cluster, keywords_count, volume, difficulty, ideas_count, content_count): Row,
) -> ClusterWithStats {
    ClusterWithStats {
        cluster,
        stats: ClusterStats {
            keywords_count,
            volume,
            difficulty,
            ideas_count,
            content_count,
        },
    }
}

/// Cluster list filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterFilter {
    /// Site.
    pub site_id: Option<SiteId>,
    /// Sector.
    pub sector_id: Option<SectorId>,
    /// Status.
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Substring of the name.
    pub search: Option<String>,
}

/// Sortable cluster fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterOrder {
    /// Name.
    Name,
    /// Creation.
    CreatedAt,
    /// Keyword count.
    KeywordsCount,
    /// Summed volume.
    Volume,
    /// Average difficulty.
    Difficulty,
    /// Idea count.
    IdeasCount,
}

/// The allow-list for `?ordering=`.
pub const CLUSTER_ORDERING: &[(&str, ClusterOrder)] = &[
    ("name", ClusterOrder::Name),
    ("created_at", ClusterOrder::CreatedAt),
    ("keywords_count", ClusterOrder::KeywordsCount),
    ("volume", ClusterOrder::Volume),
    ("difficulty", ClusterOrder::Difficulty),
    ("ideas_count", ClusterOrder::IdeasCount),
];

/// Newest first.
pub const DEFAULT_CLUSTER_ORDER: Order<ClusterOrder> = Order {
    field: ClusterOrder::CreatedAt,
    descending: true,
};

type ClusterQuery<'a> = clusters::BoxedQuery<'a, Pg>;

fn visible<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<ClusterQuery<'a>> {
    let mut q = clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(clusters::site_id.eq_any(ids));
    }
    Ok(q)
}

fn filtered<'a>(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ClusterFilter,
) -> Result<ClusterQuery<'a>> {
    let mut q = visible(conn, scope)?;
    if let Some(s) = f.site_id {
        q = q.filter(clusters::site_id.eq(s));
    }
    if let Some(s) = f.sector_id {
        q = q.filter(clusters::sector_id.eq(s));
    }
    if let Some(s) = f.status {
        q = q.filter(clusters::status.eq(s));
    }
    if let Some(d) = f.disabled {
        q = q.filter(clusters::disabled.eq(d));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(clusters::name.ilike(format!("%{}%", escape_like(s))));
    }
    Ok(q)
}

/// Lists clusters with their aggregates (one statement for the page, one for the count).
pub fn list_clusters(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ClusterFilter,
    order: Order<ClusterOrder>,
    page: PageRequest,
) -> Result<Page<ClusterWithStats>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let d = order.descending;
    let q = match order.field {
        ClusterOrder::Name if d => q.order(clusters::name.desc()),
        ClusterOrder::Name => q.order(clusters::name.asc()),
        ClusterOrder::CreatedAt if d => q.order(clusters::created_at.desc()),
        ClusterOrder::CreatedAt => q.order(clusters::created_at.asc()),
        ClusterOrder::KeywordsCount if d => q.order(sql::<BigInt>(KEYWORDS_COUNT_SQL).desc()),
        ClusterOrder::KeywordsCount => q.order(sql::<BigInt>(KEYWORDS_COUNT_SQL).asc()),
        ClusterOrder::Volume if d => q.order(sql::<BigInt>(VOLUME_SQL).desc()),
        ClusterOrder::Volume => q.order(sql::<BigInt>(VOLUME_SQL).asc()),
        ClusterOrder::Difficulty if d => {
            q.order(sql::<Nullable<Integer>>(DIFFICULTY_SQL).desc().nulls_last())
        }
        ClusterOrder::Difficulty => {
            q.order(sql::<Nullable<Integer>>(DIFFICULTY_SQL).asc().nulls_last())
        }
        ClusterOrder::IdeasCount if d => q.order(sql::<BigInt>(IDEAS_COUNT_SQL).desc()),
        ClusterOrder::IdeasCount => q.order(sql::<BigInt>(IDEAS_COUNT_SQL).asc()),
    };
    let q = if d {
        q.then_order_by(clusters::id.desc())
    } else {
        q.then_order_by(clusters::id.asc())
    };
    let items = q
        .limit(page.limit())
        .offset(page.offset())
        .select((Cluster::as_select(), stats_columns()))
        .load::<(Cluster, (i64, i64, Option<i32>, i64, i64))>(conn)?
        .into_iter()
        .map(|(c, (a, b, x, y, z))| with_stats((c, a, b, x, y, z)))
        .collect();
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// One visible cluster with its aggregates.
pub fn get_cluster(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ClusterId,
) -> Result<ClusterWithStats> {
    let (c, (a, b, x, y, z)) = visible(conn, scope)?
        .filter(clusters::id.eq(id))
        .select((Cluster::as_select(), stats_columns()))
        .first::<(Cluster, (i64, i64, Option<i32>, i64, i64))>(conn)?;
    Ok(with_stats((c, a, b, x, y, z)))
}

/// Distinct statuses and disabled flags among clusters matching the other filters.
pub fn cluster_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ClusterFilter,
) -> Result<(Vec<MappingStatus>, Vec<bool>)> {
    let mut status: Vec<MappingStatus> = filtered(
        conn,
        scope,
        &ClusterFilter {
            status: None,
            ..f.clone()
        },
    )?
    .select(clusters::status)
    .distinct()
    .load(conn)?;
    status.sort();
    let mut disabled: Vec<bool> = filtered(
        conn,
        scope,
        &ClusterFilter {
            disabled: None,
            ..f.clone()
        },
    )?
    .select(clusters::disabled)
    .distinct()
    .load(conn)?;
    disabled.sort();
    Ok((status, disabled))
}

/// A new cluster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewCluster {
    /// Site (required).
    pub site_id: Option<SiteId>,
    /// Sector of that site (required).
    pub sector_id: Option<SectorId>,
    /// Name, unique in the sector.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Status (default `new`).
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
}

/// Changes to a cluster.
#[derive(Debug, Clone, Default, PartialEq, AsChangeset)]
#[diesel(table_name = clusters)]
pub struct ClusterChanges {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Status.
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
}

const MAX_DESCRIPTION: usize = 5000;

fn clean_name(e: &mut FieldErrors, raw: &str) -> String {
    let name = crate::keywords::normalize_keyword(raw);
    e.require_text("name", &name, 255);
    name
}

fn unique_name(e: diesel::result::Error) -> Error {
    match db::DbError::from(e) {
        d if d.is_unique_violation_on("clusters_unique_name") => {
            Error::AlreadyExists { field: "name" }
        }
        d => Error::Db(d),
    }
}

/// Creates a cluster (editor+); the name is unique per site and sector case-insensitively.
pub fn create_cluster(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &NewCluster,
    now: DateTime<Utc>,
) -> Result<ClusterWithStats> {
    scope.require(Role::Editor)?;
    let mut e = FieldErrors::new();
    let name = clean_name(&mut e, &input.name);
    if let Some(d) = &input.description {
        e.max_len("description", d, MAX_DESCRIPTION);
    }
    let (site, sector) =
        scope_rules::require_site_sector(conn, scope, input.site_id, input.sector_id, &mut e)?;
    e.into_result()?;
    let id: ClusterId = diesel::insert_into(clusters::table)
        .values((
            clusters::account_id.eq(scope.account_id()),
            clusters::site_id.eq(site.ok_or(Error::NotFound)?),
            clusters::sector_id.eq(sector.ok_or(Error::NotFound)?),
            clusters::name.eq(&name),
            clusters::description.eq(input.description.as_deref().unwrap_or("").trim()),
            clusters::status.eq(input.status.unwrap_or(MappingStatus::New)),
            clusters::disabled.eq(input.disabled.unwrap_or(false)),
            clusters::created_at.eq(now),
            clusters::updated_at.eq(now),
        ))
        .returning(clusters::id)
        .get_result(conn)
        .map_err(unique_name)?;
    get_cluster(conn, scope, id)
}

/// Updates a cluster (editor+).
pub fn update_cluster(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ClusterId,
    ch: &ClusterChanges,
    now: DateTime<Utc>,
) -> Result<ClusterWithStats> {
    scope.require(Role::Editor)?;
    get_cluster(conn, scope, id)?;
    let mut e = FieldErrors::new();
    let name = ch.name.as_deref().map(|n| clean_name(&mut e, n));
    if let Some(d) = &ch.description {
        e.max_len("description", d, MAX_DESCRIPTION);
    }
    e.into_result()?;
    let set = ClusterChanges {
        name,
        description: ch.description.as_deref().map(|d| d.trim().to_owned()),
        ..ch.clone()
    };
    diesel::update(
        clusters::table
            .find(id)
            .filter(clusters::account_id.eq(scope.account_id())),
    )
    .set((&set, clusters::updated_at.eq(now)))
    .execute(conn)
    .map_err(unique_name)?;
    get_cluster(conn, scope, id)
}

/// Unmaps the clusters' keywords (`cluster_id` null, status `new`) and ideas, then deletes them.
fn delete_many(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[ClusterId],
    now: DateTime<Utc>,
) -> Result<usize> {
    conn.transaction(|c| {
        diesel::update(
            keywords::table
                .filter(keywords::account_id.eq(scope.account_id()))
                .filter(keywords::cluster_id.eq_any(ids)),
        )
        .set((
            keywords::cluster_id.eq(None::<ClusterId>),
            keywords::status.eq(MappingStatus::New),
            keywords::updated_at.eq(now),
        ))
        .execute(c)?;
        diesel::update(
            content_ideas::table
                .filter(content_ideas::account_id.eq(scope.account_id()))
                .filter(content_ideas::cluster_id.eq_any(ids)),
        )
        .set((
            content_ideas::cluster_id.eq(None::<ClusterId>),
            content_ideas::updated_at.eq(now),
        ))
        .execute(c)?;
        Ok(diesel::delete(
            clusters::table
                .filter(clusters::account_id.eq(scope.account_id()))
                .filter(clusters::id.eq_any(ids)),
        )
        .execute(c)?)
    })
}

/// Deletes a cluster (editor+); its keywords become unclustered and `new`.
pub fn delete_cluster(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ClusterId,
    now: DateTime<Utc>,
) -> Result<()> {
    scope.require(Role::Editor)?;
    get_cluster(conn, scope, id)?;
    delete_many(conn, scope, &[id], now)?;
    Ok(())
}

/// Deletes the caller's visible clusters among `ids` (editor+); others are ignored.
pub fn bulk_delete_clusters(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[ClusterId],
    now: DateTime<Utc>,
) -> Result<usize> {
    scope.require(Role::Editor)?;
    let ids = crate::keywords::check_bulk_ids(ids)?;
    let targets: Vec<ClusterId> = visible(conn, scope)?
        .filter(clusters::id.eq_any(&ids))
        .select(clusters::id)
        .load(conn)?;
    if targets.is_empty() {
        return Ok(0);
    }
    delete_many(conn, scope, &targets, now)
}
