//! The planner's side of AI work: what clustering and idea generation read, how their answers
//! are saved, and what the automation pipeline finds pending on a site.
//!
//! Saves run inside the caller's transaction (the orchestrator commits them together with the
//! credit charge); none of them calls a provider.

use crate::model::{Cluster, IdeaStatus, Keyword, MappingStatus};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{clusters, content_ideas, keywords};
use diesel::prelude::*;
use kernel::{ClusterId, IdeaId, KeywordId, SectorId, SiteId};
use tenancy::Scope;

/// Longest cluster name an AI answer may set (longer names are cut).
const MAX_AI_CLUSTER_NAME: usize = 200;
/// Longest cluster description an AI answer may set.
const MAX_AI_CLUSTER_DESCRIPTION: usize = 2000;
/// Most keywords handed to idea generation per cluster (the highest-volume ones).
pub const MAX_IDEA_INPUT_KEYWORDS: i64 = 100;

/// The ids among `ids` of keywords the scope may see (others are dropped), in the given order.
pub fn visible_keyword_ids(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[KeywordId],
) -> Result<Vec<KeywordId>> {
    let mut q = keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::id.eq_any(ids))
        .into_boxed();
    if let Some(sites) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(keywords::site_id.eq_any(sites));
    }
    let found: std::collections::HashSet<KeywordId> =
        q.select(keywords::id).load(conn)?.into_iter().collect();
    Ok(keep_order(ids, &found))
}

/// The ids among `ids` of clusters the scope may see (others are dropped), in the given order.
pub fn visible_cluster_ids(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[ClusterId],
) -> Result<Vec<ClusterId>> {
    let mut q = clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .filter(clusters::id.eq_any(ids))
        .into_boxed();
    if let Some(sites) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(clusters::site_id.eq_any(sites));
    }
    let found: std::collections::HashSet<ClusterId> =
        q.select(clusters::id).load(conn)?.into_iter().collect();
    Ok(keep_order(ids, &found))
}

fn keep_order<T: Copy + Eq + std::hash::Hash>(
    ids: &[T],
    found: &std::collections::HashSet<T>,
) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    ids.iter()
        .copied()
        .filter(|i| found.contains(i) && seen.insert(*i))
        .collect()
}

/// The keywords among `ids` that clustering may take (visible, `new`, enabled, in no cluster),
/// ordered by site, sector and id — one query.
pub fn keywords_to_cluster(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[KeywordId],
) -> Result<Vec<Keyword>> {
    let mut q = keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::id.eq_any(ids))
        .filter(keywords::status.eq(MappingStatus::New))
        .filter(keywords::disabled.eq(false))
        .filter(keywords::cluster_id.is_null())
        .into_boxed();
    if let Some(sites) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(keywords::site_id.eq_any(sites));
    }
    Ok(q.order((
        keywords::site_id.asc(),
        keywords::sector_id.asc(),
        keywords::id.asc(),
    ))
    .select(Keyword::as_select())
    .load(conn)?)
}

/// One cluster of a clustering answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterAssignment {
    /// The cluster's name (a same-named cluster of the sector is reused).
    pub name: String,
    /// Its description.
    pub description: String,
    /// The keywords it takes (already limited to the keywords that were sent).
    pub keyword_ids: Vec<KeywordId>,
}

/// What saving a clustering answer did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedClusters {
    /// Clusters created.
    pub created: usize,
    /// Existing clusters that took keywords.
    pub reused: usize,
    /// Keywords mapped to a cluster.
    pub mapped: usize,
    /// The clusters that took keywords, in answer order.
    pub cluster_ids: Vec<ClusterId>,
}

/// Saves a clustering answer for one site and sector (the keywords' own, read through the
/// caller's scope): each cluster reuses a same-named cluster of the sector (case- and
/// space-insensitively; the unique index decides) or is created, and its keywords are mapped to it
/// (only keywords of that site and sector that are still unmapped: a keyword is never moved from
/// one cluster to another by AI; a keyword two clusters name goes to the first) — four statements
/// whatever the answer's size. Runs in the caller's transaction.
pub fn save_cluster_assignments(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    sector: SectorId,
    groups: &[ClusterAssignment],
    now: DateTime<Utc>,
) -> Result<SavedClusters> {
    scope.require(kernel::Role::Editor)?;
    let mut saved = SavedClusters::default();
    if groups.is_empty() {
        return Ok(saved);
    }
    let names: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let name: String = crate::keywords::normalize_keyword(&g.name)
                .chars()
                .take(MAX_AI_CLUSTER_NAME)
                .collect();
            if name.is_empty() {
                format!("Cluster {}", i + 1)
            } else {
                name
            }
        })
        .collect();
    // Find-or-create in two statements: one multi-row INSERT (the unique index on the
    // normalized name decides; of several same-named groups only the first inserts), then one
    // lookup of every name that did not insert, answer order kept.
    let rows: Vec<_> = groups
        .iter()
        .zip(&names)
        .map(|(g, name)| {
            (
                clusters::account_id.eq(scope.account_id()),
                clusters::site_id.eq(site),
                clusters::sector_id.eq(sector),
                clusters::name.eq(name),
                clusters::description.eq(g
                    .description
                    .trim()
                    .chars()
                    .take(MAX_AI_CLUSTER_DESCRIPTION)
                    .collect::<String>()),
                clusters::status.eq(MappingStatus::New),
                clusters::disabled.eq(false),
                clusters::created_at.eq(now),
                clusters::updated_at.eq(now),
            )
        })
        .collect();
    let inserted: Vec<(ClusterId, String)> = diesel::insert_into(clusters::table)
        .values(rows)
        .on_conflict_do_nothing()
        .returning((clusters::id, clusters::name))
        .get_results(conn)?;
    let mut created: std::collections::HashMap<String, ClusterId> =
        inserted.into_iter().map(|(id, n)| (n, id)).collect();
    let mut ids: Vec<Option<ClusterId>> = names
        .iter()
        .map(|n| {
            // The first group of a name created it; a later same-named group reuses it.
            created.remove(n).inspect(|_| saved.created += 1)
        })
        .collect();
    let missing: Vec<String> = names
        .iter()
        .zip(&ids)
        .filter(|(_, id)| id.is_none())
        .map(|(n, _)| n.clone())
        .collect();
    if !missing.is_empty() {
        #[derive(QueryableByName)]
        struct Found {
            #[diesel(sql_type = diesel::sql_types::Text)]
            name: String,
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            id: i64,
        }
        let found: Vec<Found> = diesel::sql_query(
            "SELECT n.name, c.id FROM unnest($4::text[]) AS n(name) \
               JOIN clusters c ON c.account_id = $1 AND c.site_id = $2 AND c.sector_id = $3 \
                AND lower(btrim(c.name)) = lower(btrim(n.name))",
        )
        .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
        .bind::<diesel::sql_types::BigInt, _>(site.get())
        .bind::<diesel::sql_types::BigInt, _>(sector.get())
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&missing)
        .load(conn)?;
        let found: std::collections::HashMap<String, ClusterId> = found
            .into_iter()
            .map(|f| (f.name, ClusterId(f.id)))
            .collect();
        for (id, n) in ids.iter_mut().zip(&names) {
            if id.is_none() {
                *id = Some(*found.get(n).ok_or(Error::NotFound)?);
                saved.reused += 1;
            }
        }
    }
    let ids: Vec<ClusterId> = ids.into_iter().flatten().collect();
    // Every keyword goes to the first cluster that names it, in one statement; only keywords
    // of this site and sector that are still unmapped (AI never moves a keyword).
    let mut seen = std::collections::HashSet::new();
    let (kw, cl): (Vec<i64>, Vec<i64>) = groups
        .iter()
        .zip(&ids)
        .flat_map(|(g, id)| g.keyword_ids.iter().map(move |k| (k.get(), id.get())))
        .filter(|(k, _)| seen.insert(*k))
        .unzip();
    saved.mapped = diesel::sql_query(
        "UPDATE keywords k SET cluster_id = m.cluster_id, status = $6, updated_at = $7 \
           FROM unnest($4::bigint[], $5::bigint[]) AS m(keyword_id, cluster_id) \
          WHERE k.account_id = $1 AND k.site_id = $2 AND k.sector_id = $3 \
            AND k.id = m.keyword_id AND k.cluster_id IS NULL",
    )
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::BigInt, _>(site.get())
    .bind::<diesel::sql_types::BigInt, _>(sector.get())
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&kw)
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&cl)
    .bind::<diesel::sql_types::Text, _>(MappingStatus::Mapped.as_str())
    .bind::<diesel::sql_types::Timestamptz, _>(now)
    .execute(conn)?;
    saved.cluster_ids = ids;
    Ok(saved)
}

/// What idea generation reads for one cluster: the cluster and its enabled keywords, highest
/// volume first (at most [`MAX_IDEA_INPUT_KEYWORDS`]).
#[derive(Debug, Clone, PartialEq)]
pub struct IdeaSource {
    /// The cluster.
    pub cluster: Cluster,
    /// Its keywords.
    pub keywords: Vec<Keyword>,
}

/// The idea source of a visible cluster, or `None` when it is missing or not visible.
pub fn idea_source(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ClusterId,
) -> Result<Option<IdeaSource>> {
    let cluster = match crate::scope_rules::get_visible_cluster(conn, scope, id) {
        Ok(c) => c,
        Err(Error::NotFound | Error::Tenancy(tenancy::Error::NotFound)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let keywords = keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::cluster_id.eq(cluster.id))
        .filter(keywords::disabled.eq(false))
        .order((keywords::volume.desc(), keywords::id.asc()))
        .limit(MAX_IDEA_INPUT_KEYWORDS)
        .select(Keyword::as_select())
        .load(conn)?;
    Ok(Some(IdeaSource { cluster, keywords }))
}

/// [`idea_source`] for many clusters in two queries: the visible ones among `ids`, by id
/// (missing or invisible clusters are absent), each with its enabled keywords, highest volume
/// first (at most [`MAX_IDEA_INPUT_KEYWORDS`] each).
pub fn idea_sources(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[ClusterId],
) -> Result<std::collections::HashMap<ClusterId, IdeaSource>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut q = clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .filter(clusters::id.eq_any(ids))
        .into_boxed();
    if let Some(sites) = tenancy::sites::visible_site_ids(conn, scope)? {
        q = q.filter(clusters::site_id.eq_any(sites));
    }
    let found: Vec<Cluster> = q.select(Cluster::as_select()).load(conn)?;
    if found.is_empty() {
        return Ok(Default::default());
    }
    let found_ids: Vec<ClusterId> = found.iter().map(|c| c.id).collect();
    // The first MAX_IDEA_INPUT_KEYWORDS keywords of each cluster, in idea_source's order: one
    // index-ordered LIMIT per cluster.
    let kws: Vec<Keyword> = diesel::sql_query(
        "SELECT k.* FROM unnest($2::bigint[]) AS c(id) CROSS JOIN LATERAL \
           (SELECT * FROM keywords \
             WHERE account_id = $1 AND cluster_id = c.id AND NOT disabled \
             ORDER BY volume DESC, id ASC LIMIT $3) k",
    )
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(
        found_ids.iter().map(|c| c.get()).collect::<Vec<i64>>(),
    )
    .bind::<diesel::sql_types::BigInt, _>(MAX_IDEA_INPUT_KEYWORDS)
    .load(conn)?;
    let mut out: std::collections::HashMap<ClusterId, IdeaSource> = found
        .into_iter()
        .map(|cluster| {
            (
                cluster.id,
                IdeaSource {
                    cluster,
                    keywords: Vec::new(),
                },
            )
        })
        .collect();
    for k in kws {
        if let Some(s) = k.cluster_id.and_then(|c| out.get_mut(&c)) {
            s.keywords.push(k);
        }
    }
    Ok(out)
}

/// Saves the generated ideas of one or more clusters and marks those clusters `mapped` (they
/// have ideas now), in a few statements whatever their number. Runs in the caller's
/// transaction; each idea passes the text and outline rules of a hand-made one, on its
/// cluster's site and sector. Returns each cluster's new ideas, in order.
pub fn save_generated_ideas_many(
    conn: &mut PgConnection,
    scope: &Scope,
    groups: &[(&Cluster, &[crate::ideas::NewIdea])],
    now: DateTime<Utc>,
) -> Result<Vec<Vec<IdeaId>>> {
    let made = crate::ideas::insert_generated_many(conn, scope, groups, now)?;
    let ids: Vec<ClusterId> = groups.iter().map(|(c, _)| c.id).collect();
    diesel::update(
        clusters::table
            .filter(clusters::account_id.eq(scope.account_id()))
            .filter(clusters::id.eq_any(&ids))
            .filter(clusters::status.ne(MappingStatus::Mapped)),
    )
    .set((
        clusters::status.eq(MappingStatus::Mapped),
        clusters::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(made)
}

/// Marks an idea `completed` (its article was written); a missing idea is no error.
pub fn complete_idea(
    conn: &mut PgConnection,
    scope: &Scope,
    id: IdeaId,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        content_ideas::table
            .filter(content_ideas::account_id.eq(scope.account_id()))
            .filter(content_ideas::id.eq(id))
            .filter(content_ideas::status.ne(IdeaStatus::Completed)),
    )
    .set((
        content_ideas::status.eq(IdeaStatus::Completed),
        content_ideas::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Keywords of `site` waiting for clustering (`new`, enabled, in no cluster), oldest first, at
/// most `limit`, with ids above `after` (`KeywordId(0)`: all), leaving out `exclude` (items a
/// run already gave up on).
pub fn pending_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: KeywordId,
    exclude: &[KeywordId],
) -> Result<Vec<KeywordId>> {
    Ok(keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::site_id.eq(site))
        .filter(status_is("keywords", MappingStatus::New.as_str()))
        .filter(diesel::dsl::not(keywords::disabled))
        .filter(keywords::cluster_id.is_null())
        .filter(keywords::id.gt(after))
        .filter(keywords::id.ne_all(exclude))
        .order(keywords::id.asc())
        .limit(limit)
        .select(keywords::id)
        .load(conn)?)
}

/// Clusters of `site` waiting for ideas (`new`, enabled, with keywords, no idea yet), oldest
/// first, at most `limit`, with ids above `after` (`ClusterId(0)`: all), leaving out `exclude`.
pub fn pending_clusters(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: ClusterId,
    exclude: &[ClusterId],
) -> Result<Vec<ClusterId>> {
    pending_clusters_query(scope, site)
        .filter(clusters::id.gt(after))
        .filter(clusters::id.ne_all(exclude))
        .order(clusters::id.asc())
        .limit(limit)
        .select(clusters::id)
        .load(conn)
        .map_err(Error::from)
}

/// `<table>.status = '<status>'` written as a literal, not a bound parameter: the pending reads
/// run as cached prepared statements, and PostgreSQL's generic plan for those can only use the
/// partial `*_pending` indexes when their predicate is visible in the SQL text.
fn status_is(table: &str, status: &str) -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql(&format!("{table}.status = '{status}'"))
}

fn pending_clusters_query<'a>(
    scope: &Scope,
    site: SiteId,
) -> clusters::BoxedQuery<'a, diesel::pg::Pg> {
    let with_keywords = diesel::dsl::exists(
        keywords::table
            .filter(keywords::account_id.eq(scope.account_id()))
            .filter(keywords::cluster_id.eq(clusters::id.nullable()))
            .filter(keywords::disabled.eq(false)),
    );
    let with_ideas = diesel::dsl::exists(
        content_ideas::table
            .filter(content_ideas::account_id.eq(scope.account_id()))
            .filter(content_ideas::cluster_id.eq(clusters::id.nullable())),
    );
    clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .filter(clusters::site_id.eq(site))
        .filter(status_is("clusters", MappingStatus::New.as_str()))
        .filter(diesel::dsl::not(clusters::disabled))
        .filter(with_keywords)
        .filter(diesel::dsl::not(with_ideas))
        .into_boxed()
}

/// Ideas of `site` waiting for a writer task (`new`), oldest first, at most `limit`, with ids
/// above `after` (`IdeaId(0)`: all), leaving out `exclude`.
pub fn pending_ideas(
    conn: &mut PgConnection,
    scope: &Scope,
    site: SiteId,
    limit: i64,
    after: IdeaId,
    exclude: &[IdeaId],
) -> Result<Vec<IdeaId>> {
    Ok(content_ideas::table
        .filter(content_ideas::account_id.eq(scope.account_id()))
        .filter(content_ideas::site_id.eq(site))
        .filter(status_is("content_ideas", IdeaStatus::New.as_str()))
        .filter(content_ideas::id.gt(after))
        .filter(content_ideas::id.ne_all(exclude))
        .order(content_ideas::id.asc())
        .limit(limit)
        .select(content_ideas::id)
        .load(conn)?)
}

/// How much planner work waits on a site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlannerBacklog {
    /// Keywords waiting for clustering.
    pub keywords: i64,
    /// Clusters waiting for ideas.
    pub clusters: i64,
    /// Ideas waiting for a task.
    pub ideas: i64,
}

/// The planner backlog of a site (three counts).
pub fn backlog(conn: &mut PgConnection, scope: &Scope, site: SiteId) -> Result<PlannerBacklog> {
    let keywords = keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .filter(keywords::site_id.eq(site))
        .filter(keywords::status.eq(MappingStatus::New))
        .filter(keywords::disabled.eq(false))
        .filter(keywords::cluster_id.is_null())
        .count()
        .get_result(conn)?;
    let clusters = pending_clusters_query(scope, site)
        .count()
        .get_result(conn)?;
    let ideas = content_ideas::table
        .filter(content_ideas::account_id.eq(scope.account_id()))
        .filter(content_ideas::site_id.eq(site))
        .filter(content_ideas::status.eq(IdeaStatus::New))
        .count()
        .get_result(conn)?;
    Ok(PlannerBacklog {
        keywords,
        clusters,
        ideas,
    })
}
