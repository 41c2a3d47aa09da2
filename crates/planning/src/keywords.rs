//! Keywords of a site's sector: list (filters, search, ordering, paging, filter options),
//! create/read/update/delete, bulk actions, the plan's keyword limit, and CSV export.

use crate::model::{Intent, Keyword, MappingStatus};
use crate::{Error, Result, scope_rules};
use chrono::{DateTime, Utc};
use db::schema::{clusters, keywords};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use kernel::{ClusterId, FieldErrors, KeywordId, Order, Page, PageRequest, Role, SectorId, SiteId};
use tenancy::Scope;
use tenancy::users::escape_like;

/// Most ids a bulk action accepts.
pub const MAX_BULK_IDS: usize = 1000;
/// Longest keyword, in characters.
pub const MAX_KEYWORD_CHARS: usize = 255;

/// The account's keyword allowance: the plan's `max_keywords` and the keywords it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeywordQuota {
    /// The plan's `max_keywords`.
    pub limit: i64,
    /// Keywords the account has across all sites.
    pub used: i64,
}

impl KeywordQuota {
    /// How many more keywords may be created (never negative).
    pub fn remaining(&self) -> i64 {
        (self.limit - self.used).max(0)
    }
}

/// The one place the keyword limit is read: locks the account row (so concurrent creates and
/// imports of one account are serialized) and returns the plan's limit with current usage.
/// Call it inside the transaction that inserts.
pub fn lock_keyword_quota(conn: &mut PgConnection, scope: &Scope) -> Result<KeywordQuota> {
    let plan = tenancy::accounts::lock_account_plan(conn, scope)?;
    let used: i64 = keywords::table
        .filter(keywords::account_id.eq(scope.account_id()))
        .count()
        .get_result(conn)?;
    Ok(KeywordQuota {
        limit: i64::from(plan.max_keywords),
        used,
    })
}

/// Which cluster a keyword list is limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterFilter {
    /// Keywords of this cluster.
    Is(ClusterId),
    /// Keywords without a cluster.
    Unclustered,
}

/// Keyword list filters; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeywordFilter {
    /// Site.
    pub site_id: Option<SiteId>,
    /// Sector.
    pub sector_id: Option<SectorId>,
    /// Status.
    pub status: Option<MappingStatus>,
    /// Intent.
    pub intent: Option<Intent>,
    /// Cluster (or none).
    pub cluster: Option<ClusterFilter>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Smallest volume.
    pub volume_min: Option<i32>,
    /// Largest volume.
    pub volume_max: Option<i32>,
    /// Smallest difficulty.
    pub difficulty_min: Option<i16>,
    /// Largest difficulty.
    pub difficulty_max: Option<i16>,
    /// Country code.
    pub country: Option<String>,
    /// Case-insensitive substring of the keyword.
    pub search: Option<String>,
}

/// Sortable keyword fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordOrder {
    /// By keyword text.
    Keyword,
    /// By volume.
    Volume,
    /// By difficulty (unknown last).
    Difficulty,
    /// By creation.
    CreatedAt,
}

/// The allow-list for `?ordering=`.
pub const KEYWORD_ORDERING: &[(&str, KeywordOrder)] = &[
    ("keyword", KeywordOrder::Keyword),
    ("volume", KeywordOrder::Volume),
    ("difficulty", KeywordOrder::Difficulty),
    ("created_at", KeywordOrder::CreatedAt),
];

/// Newest first; backed by the `keywords_list` and `keywords_account_created` indexes.
pub const DEFAULT_KEYWORD_ORDER: Order<KeywordOrder> = Order {
    field: KeywordOrder::CreatedAt,
    descending: true,
};

type KeywordQuery<'a> = keywords::BoxedQuery<'a, Pg>;

/// The sites the caller may see (`None`: all of the account's), read once per use case and
/// applied to every statement it builds.
struct VisibleSites(Option<Vec<SiteId>>);

impl VisibleSites {
    fn of(conn: &mut PgConnection, scope: &Scope) -> Result<Self> {
        Ok(Self(tenancy::sites::visible_site_ids(conn, scope)?))
    }

    /// The caller's keywords on these sites.
    fn keywords<'a>(&self, scope: &Scope) -> KeywordQuery<'a> {
        let q = keywords::table
            .filter(keywords::account_id.eq(scope.account_id()))
            .into_boxed();
        match &self.0 {
            Some(ids) => q.filter(keywords::site_id.eq_any(ids.clone())),
            None => q,
        }
    }
}

/// The caller's keywords on visible sites.
fn visible<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<KeywordQuery<'a>> {
    Ok(VisibleSites::of(conn, scope)?.keywords(scope))
}

fn filtered<'a>(sites: &VisibleSites, scope: &Scope, f: &KeywordFilter) -> KeywordQuery<'a> {
    let mut q = sites.keywords(scope);
    if let Some(s) = f.site_id {
        q = q.filter(keywords::site_id.eq(s));
    }
    if let Some(s) = f.sector_id {
        q = q.filter(keywords::sector_id.eq(s));
    }
    if let Some(s) = f.status {
        q = q.filter(keywords::status.eq(s));
    }
    if let Some(i) = f.intent {
        q = q.filter(keywords::intent.eq(i));
    }
    match f.cluster {
        Some(ClusterFilter::Is(c)) => q = q.filter(keywords::cluster_id.eq(c)),
        Some(ClusterFilter::Unclustered) => q = q.filter(keywords::cluster_id.is_null()),
        None => {}
    }
    if let Some(d) = f.disabled {
        q = q.filter(keywords::disabled.eq(d));
    }
    if let Some(v) = f.volume_min {
        q = q.filter(keywords::volume.ge(v));
    }
    if let Some(v) = f.volume_max {
        q = q.filter(keywords::volume.le(v));
    }
    if let Some(v) = f.difficulty_min {
        q = q.filter(keywords::difficulty.ge(v));
    }
    if let Some(v) = f.difficulty_max {
        q = q.filter(keywords::difficulty.le(v));
    }
    if let Some(c) = f
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        q = q.filter(keywords::country.eq(c.to_ascii_uppercase()));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(keywords::keyword.ilike(format!("%{}%", escape_like(s))));
    }
    q
}

fn ordered(q: KeywordQuery<'_>, order: Order<KeywordOrder>) -> KeywordQuery<'_> {
    let q = match (order.field, order.descending) {
        (KeywordOrder::Keyword, false) => q.order(keywords::keyword.asc()),
        (KeywordOrder::Keyword, true) => q.order(keywords::keyword.desc()),
        (KeywordOrder::Volume, false) => q.order(keywords::volume.asc().nulls_last()),
        (KeywordOrder::Volume, true) => q.order(keywords::volume.desc().nulls_last()),
        (KeywordOrder::Difficulty, false) => q.order(keywords::difficulty.asc().nulls_last()),
        (KeywordOrder::Difficulty, true) => q.order(keywords::difficulty.desc().nulls_last()),
        (KeywordOrder::CreatedAt, false) => q.order(keywords::created_at.asc()),
        (KeywordOrder::CreatedAt, true) => q.order(keywords::created_at.desc()),
    };
    // The id tie-breaker follows the direction, so `(created_at DESC, id DESC)` is one index scan.
    if order.descending {
        q.then_order_by(keywords::id.desc())
    } else {
        q.then_order_by(keywords::id.asc())
    }
}

fn page_query<'a>(
    sites: &VisibleSites,
    scope: &Scope,
    f: &KeywordFilter,
    order: Order<KeywordOrder>,
    page: PageRequest,
) -> Result<KeywordQuery<'a>> {
    Ok(ordered(filtered(sites, scope, f), order)
        .limit(page.limit())
        .offset(page.offset()))
}

/// Lists keywords on the sites the caller may see.
pub fn list_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &KeywordFilter,
    order: Order<KeywordOrder>,
    page: PageRequest,
) -> Result<Page<Keyword>> {
    // Rows and count in one statement: one round trip, and both read the same snapshot (with
    // two statements a concurrent import could make the count disagree with the rows).
    let sites = VisibleSites::of(conn, scope)?;
    let total = filtered(&sites, scope, f).count().single_value();
    let rows: Vec<(Keyword, Option<i64>)> = page_query(&sites, scope, f, order, page)?
        .select((Keyword::as_select(), total))
        .load(conn)?;
    let count = match rows.first() {
        Some((_, n)) => n.unwrap_or_default(),
        // No row to carry the count: nothing matches, or the page is past the end.
        None if page.offset() == 0 => 0,
        None => filtered(&sites, scope, f).count().get_result(conn)?,
    };
    Ok(Page {
        items: rows.into_iter().map(|(k, _)| k).collect(),
        count,
        request: page,
    })
}

/// The SQL (with `$n` placeholders) that [`list_keywords`] runs for the page, for `EXPLAIN`
/// checks: bind order is account, then the active filters, then limit and offset.
pub fn list_keywords_sql(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &KeywordFilter,
    order: Order<KeywordOrder>,
    page: PageRequest,
) -> Result<String> {
    let sites = VisibleSites::of(conn, scope)?;
    let q = page_query(&sites, scope, f, order, page)?.select(Keyword::as_select());
    let text = diesel::debug_query::<Pg, _>(&q).to_string();
    Ok(text
        .split(" -- binds:")
        .next()
        .unwrap_or_default()
        .to_owned())
}

/// Distinct values of each filterable field among keywords matching the *other* filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeywordFilterOptions {
    /// Statuses present.
    pub status: Vec<MappingStatus>,
    /// Intents present.
    pub intent: Vec<Intent>,
    /// Clusters present, with names, by name.
    pub clusters: Vec<(ClusterId, String)>,
    /// True when some matching keyword has no cluster.
    pub has_unclustered: bool,
    /// Disabled flags present.
    pub disabled: Vec<bool>,
    /// Countries present.
    pub country: Vec<String>,
}

/// Computes [`KeywordFilterOptions`] (one grouped query per field).
pub fn keyword_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &KeywordFilter,
) -> Result<KeywordFilterOptions> {
    let sites = VisibleSites::of(conn, scope)?;
    let mut status: Vec<MappingStatus> = filtered(
        &sites,
        scope,
        &KeywordFilter {
            status: None,
            ..f.clone()
        },
    )
    .select(keywords::status)
    .distinct()
    .load(conn)?;
    status.sort();
    let mut intent: Vec<Intent> = filtered(
        &sites,
        scope,
        &KeywordFilter {
            intent: None,
            ..f.clone()
        },
    )
    .filter(keywords::intent.is_not_null())
    .select(keywords::intent.assume_not_null())
    .distinct()
    .load(conn)?;
    intent.sort();
    let cluster_ids: Vec<Option<ClusterId>> = filtered(
        &sites,
        scope,
        &KeywordFilter {
            cluster: None,
            ..f.clone()
        },
    )
    .select(keywords::cluster_id)
    .distinct()
    .load(conn)?;
    let has_unclustered = cluster_ids.iter().any(Option::is_none);
    let ids: Vec<ClusterId> = cluster_ids.into_iter().flatten().collect();
    let clusters = clusters::table
        .filter(clusters::account_id.eq(scope.account_id()))
        .filter(clusters::id.eq_any(ids))
        .order((clusters::name.asc(), clusters::id.asc()))
        .select((clusters::id, clusters::name))
        .load(conn)?;
    let mut disabled: Vec<bool> = filtered(
        &sites,
        scope,
        &KeywordFilter {
            disabled: None,
            ..f.clone()
        },
    )
    .select(keywords::disabled)
    .distinct()
    .load(conn)?;
    disabled.sort();
    let country: Vec<String> = filtered(
        &sites,
        scope,
        &KeywordFilter {
            country: None,
            ..f.clone()
        },
    )
    .filter(keywords::country.is_not_null())
    .select(keywords::country.assume_not_null())
    .distinct()
    .order(keywords::country.assume_not_null().asc())
    .load(conn)?;
    Ok(KeywordFilterOptions {
        status,
        intent,
        clusters,
        has_unclustered,
        disabled,
        country,
    })
}

/// One visible keyword, or `NotFound`.
pub fn get_keyword(conn: &mut PgConnection, scope: &Scope, id: KeywordId) -> Result<Keyword> {
    Ok(visible(conn, scope)?
        .filter(keywords::id.eq(id))
        .select(Keyword::as_select())
        .first(conn)?)
}

/// Trims a keyword and collapses inner runs of whitespace to one space.
pub fn normalize_keyword(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a normalized keyword; returns the message for a bad one.
pub fn keyword_problem(k: &str) -> Option<String> {
    if k.is_empty() {
        Some("The keyword is empty.".into())
    } else if k.chars().count() > MAX_KEYWORD_CHARS {
        Some(format!(
            "The keyword is longer than {MAX_KEYWORD_CHARS} characters."
        ))
    } else if k.chars().any(char::is_control) {
        Some("The keyword contains control characters.".into())
    } else {
        None
    }
}

/// Normalizes a two-letter country code (`us` → `US`); `None` for anything else.
pub fn normalize_country(raw: &str) -> Option<String> {
    let c = raw.trim();
    (c.len() == 2 && c.chars().all(|x| x.is_ascii_alphabetic())).then(|| c.to_ascii_uppercase())
}

/// A new keyword.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewKeyword {
    /// Site (required).
    pub site_id: Option<SiteId>,
    /// Sector of that site (required).
    pub sector_id: Option<SectorId>,
    /// The keyword.
    pub keyword: String,
    /// Monthly volume (null when unknown).
    pub volume: Option<i32>,
    /// Difficulty 0–100.
    pub difficulty: Option<i16>,
    /// Intent.
    pub intent: Option<Intent>,
    /// Cost per click in cents.
    pub cpc_cents: Option<i32>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// Status (default `new`, `mapped` when a cluster is given).
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Cluster of the same site and sector.
    pub cluster_id: Option<ClusterId>,
}

/// Changes to a keyword; `None` leaves a field alone, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeywordChanges {
    /// New text.
    pub keyword: Option<String>,
    /// Volume (`Some(None)`: unknown).
    pub volume: Option<Option<i32>>,
    /// Difficulty.
    pub difficulty: Option<Option<i16>>,
    /// Intent.
    pub intent: Option<Option<Intent>>,
    /// CPC in cents.
    pub cpc_cents: Option<Option<i32>>,
    /// Country.
    pub country: Option<Option<String>>,
    /// Status.
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Cluster; assigning sets `mapped`, clearing sets `new`.
    pub cluster_id: Option<Option<ClusterId>>,
}

fn check_metrics(
    e: &mut FieldErrors,
    volume: Option<i32>,
    difficulty: Option<i16>,
    cpc: Option<i32>,
    country: Option<&str>,
) {
    if volume.is_some_and(|v| v < 0) {
        e.add("volume", "Ensure this value is greater than or equal to 0.");
    }
    if difficulty.is_some_and(|d| !(0..=100).contains(&d)) {
        e.add("difficulty", "Ensure this value is between 0 and 100.");
    }
    if cpc.is_some_and(|c| c < 0) {
        e.add(
            "cpc_cents",
            "Ensure this value is greater than or equal to 0.",
        );
    }
    if let Some(c) = country
        && normalize_country(c).is_none()
    {
        e.add("country", "Use a two-letter ISO 3166 country code.");
    }
}

fn unique_violation(e: diesel::result::Error) -> Error {
    match db::DbError::from(e) {
        d if d.is_unique_violation_on("keywords_unique_text") => {
            Error::AlreadyExists { field: "keyword" }
        }
        d => Error::Db(d),
    }
}

/// Creates a keyword (editor+). Site and sector are required and must agree; the text is unique
/// per site and sector case-insensitively; the plan's keyword limit is enforced.
pub fn create_keyword(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &NewKeyword,
    now: DateTime<Utc>,
) -> Result<Keyword> {
    scope.require(Role::Editor)?;
    let keyword = normalize_keyword(&input.keyword);
    let mut e = FieldErrors::new();
    if let Some(m) = keyword_problem(&keyword) {
        e.add("keyword", m);
    }
    check_metrics(
        &mut e,
        input.volume,
        input.difficulty,
        input.cpc_cents,
        input.country.as_deref(),
    );
    let (site_id, sector_id) =
        scope_rules::require_site_sector(conn, scope, input.site_id, input.sector_id, &mut e)?;
    e.into_result()?;
    let (site_id, sector_id) = (
        site_id.ok_or(Error::NotFound)?,
        sector_id.ok_or(Error::NotFound)?,
    );
    if let Some(c) = input.cluster_id {
        scope_rules::require_cluster_in(conn, scope, c, site_id, sector_id)?;
    }
    let status = if input.cluster_id.is_some() {
        MappingStatus::Mapped
    } else {
        input.status.unwrap_or(MappingStatus::New)
    };
    conn.transaction(|c| {
        let quota = lock_keyword_quota(c, scope)?;
        if quota.remaining() < 1 {
            return Err(Error::PlanLimitReached { limit: quota.limit });
        }
        diesel::insert_into(keywords::table)
            .values((
                keywords::account_id.eq(scope.account_id()),
                keywords::site_id.eq(site_id),
                keywords::sector_id.eq(sector_id),
                keywords::keyword.eq(&keyword),
                keywords::volume.eq(input.volume),
                keywords::difficulty.eq(input.difficulty),
                keywords::intent.eq(input.intent),
                keywords::cpc_cents.eq(input.cpc_cents),
                keywords::country.eq(input.country.as_deref().and_then(normalize_country)),
                keywords::status.eq(status),
                keywords::disabled.eq(input.disabled.unwrap_or(false)),
                keywords::cluster_id.eq(input.cluster_id),
                keywords::created_at.eq(now),
                keywords::updated_at.eq(now),
            ))
            .returning(Keyword::as_returning())
            .get_result(c)
            .map_err(unique_violation)
    })
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = keywords)]
struct KeywordChangeset {
    keyword: Option<String>,
    volume: Option<Option<i32>>,
    difficulty: Option<Option<i16>>,
    intent: Option<Option<Intent>>,
    cpc_cents: Option<Option<i32>>,
    country: Option<Option<String>>,
    status: Option<MappingStatus>,
    disabled: Option<bool>,
    cluster_id: Option<Option<ClusterId>>,
    updated_at: Option<DateTime<Utc>>,
}

/// Updates a keyword (editor+). Site and sector stay; a cluster must be of the same sector.
pub fn update_keyword(
    conn: &mut PgConnection,
    scope: &Scope,
    id: KeywordId,
    ch: &KeywordChanges,
    now: DateTime<Utc>,
) -> Result<Keyword> {
    scope.require(Role::Editor)?;
    let current = get_keyword(conn, scope, id)?;
    let keyword = ch.keyword.as_deref().map(normalize_keyword);
    let mut e = FieldErrors::new();
    if let Some(m) = keyword.as_deref().and_then(keyword_problem) {
        e.add("keyword", m);
    }
    check_metrics(
        &mut e,
        ch.volume.flatten(),
        ch.difficulty.flatten(),
        ch.cpc_cents.flatten(),
        ch.country.as_ref().and_then(|c| c.as_deref()),
    );
    e.into_result()?;
    if let Some(Some(c)) = ch.cluster_id {
        scope_rules::require_cluster_in(conn, scope, c, current.site_id, current.sector_id)?;
    }
    let status = match ch.cluster_id {
        Some(Some(_)) => Some(MappingStatus::Mapped),
        Some(None) => Some(MappingStatus::New),
        None => ch.status,
    };
    let set = KeywordChangeset {
        keyword,
        volume: ch.volume,
        difficulty: ch.difficulty,
        intent: ch.intent,
        cpc_cents: ch.cpc_cents,
        country: ch
            .country
            .clone()
            .map(|c| c.as_deref().and_then(normalize_country)),
        status,
        disabled: ch.disabled,
        cluster_id: ch.cluster_id,
        updated_at: Some(now),
    };
    diesel::update(
        keywords::table
            .find(id)
            .filter(keywords::account_id.eq(scope.account_id())),
    )
    .set(&set)
    .returning(Keyword::as_returning())
    .get_result(conn)
    .map_err(unique_violation)
}

/// Deletes a keyword (editor+).
pub fn delete_keyword(conn: &mut PgConnection, scope: &Scope, id: KeywordId) -> Result<()> {
    scope.require(Role::Editor)?;
    get_keyword(conn, scope, id)?;
    diesel::delete(
        keywords::table
            .find(id)
            .filter(keywords::account_id.eq(scope.account_id())),
    )
    .execute(conn)?;
    Ok(())
}

/// Validates the `ids` of a bulk action: 1 to [`MAX_BULK_IDS`], duplicates dropped.
pub fn check_bulk_ids<T: Copy + Ord>(ids: &[T]) -> Result<Vec<T>> {
    if ids.is_empty() {
        return Err(FieldErrors::single("ids", "This list may not be empty.").into());
    }
    if ids.len() > MAX_BULK_IDS {
        return Err(FieldErrors::single(
            "ids",
            format!("Ensure this list has at most {MAX_BULK_IDS} ids."),
        )
        .into());
    }
    let mut v = ids.to_vec();
    v.sort();
    v.dedup();
    Ok(v)
}

/// Deletes the caller's visible keywords among `ids` (editor+); others are ignored. Returns
/// how many were deleted.
pub fn bulk_delete_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[KeywordId],
) -> Result<usize> {
    scope.require(Role::Editor)?;
    let ids = check_bulk_ids(ids)?;
    let targets: Vec<KeywordId> = visible(conn, scope)?
        .filter(keywords::id.eq_any(&ids))
        .select(keywords::id)
        .load(conn)?;
    Ok(diesel::delete(
        keywords::table
            .filter(keywords::account_id.eq(scope.account_id()))
            .filter(keywords::id.eq_any(targets)),
    )
    .execute(conn)?)
}

/// What `bulk_update/` may change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkKeywordChanges {
    /// Status.
    pub status: Option<MappingStatus>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Cluster; `Some(None)` unassigns.
    pub cluster_id: Option<Option<ClusterId>>,
}

/// Updates the caller's visible keywords among `ids` (editor+); others are ignored. Assigning a
/// cluster needs every targeted keyword in the cluster's site and sector. Returns the count.
pub fn bulk_update_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    ids: &[KeywordId],
    ch: &BulkKeywordChanges,
    now: DateTime<Utc>,
) -> Result<usize> {
    scope.require(Role::Editor)?;
    let ids = check_bulk_ids(ids)?;
    if ch.status.is_none() && ch.disabled.is_none() && ch.cluster_id.is_none() {
        return Err(FieldErrors::single(
            "non_field_errors",
            "Give at least one of status, disabled, cluster_id.",
        )
        .into());
    }
    let targets: Vec<(KeywordId, SiteId, SectorId)> = visible(conn, scope)?
        .filter(keywords::id.eq_any(&ids))
        .select((keywords::id, keywords::site_id, keywords::sector_id))
        .load(conn)?;
    if let Some(Some(cluster)) = ch.cluster_id {
        let c = scope_rules::get_visible_cluster(conn, scope, cluster).map_err(|_| {
            Error::Validation(FieldErrors::single_unknown(
                "cluster_id",
                "Unknown cluster.",
            ))
        })?;
        let foreign: Vec<String> = targets
            .iter()
            .filter(|(_, s, t)| *s != c.site_id || *t != c.sector_id)
            .map(|(id, _, _)| id.to_string())
            .collect();
        if !foreign.is_empty() {
            return Err(FieldErrors::single(
                "ids",
                format!(
                    "Keywords {} are not in the cluster's site and sector.",
                    foreign.join(", ")
                ),
            )
            .into());
        }
    }
    let status = match ch.cluster_id {
        Some(Some(_)) => Some(MappingStatus::Mapped),
        Some(None) => Some(MappingStatus::New),
        None => ch.status,
    };
    let set = KeywordChangeset {
        status,
        disabled: ch.disabled,
        cluster_id: ch.cluster_id,
        updated_at: Some(now),
        ..Default::default()
    };
    let ids: Vec<KeywordId> = targets.into_iter().map(|(id, _, _)| id).collect();
    Ok(diesel::update(
        keywords::table
            .filter(keywords::account_id.eq(scope.account_id()))
            .filter(keywords::id.eq_any(ids)),
    )
    .set(&set)
    .execute(conn)?)
}

/// `DECLARE <name> NO SCROLL CURSOR FOR <query>`, keeping the query's bind parameters.
struct DeclareCursor<Q> {
    name: &'static str,
    query: Q,
}

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for DeclareCursor<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.unsafe_to_cache_prepared();
        out.push_sql("DECLARE ");
        out.push_identifier(self.name)?;
        out.push_sql(" NO SCROLL CURSOR FOR ");
        self.query.walk_ast(out.reborrow())
    }
}

impl<Q> QueryId for DeclareCursor<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> RunQueryDsl<PgConnection> for DeclareCursor<Q> {}

/// Rows fetched from the export cursor per round trip.
const EXPORT_BATCH: usize = 2000;

/// Prefixes cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) with `'`.
pub fn spreadsheet_safe(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// Streams the filtered, ordered keyword list as CSV into `out` (header first) through a
/// server-side cursor, so memory stays at one batch whatever the size. Returns the rows written.
/// The header names are ones [`crate::csv_import`] recognizes, so an export imports back.
pub fn export_keywords(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &KeywordFilter,
    order: Order<KeywordOrder>,
    out: &mut dyn std::io::Write,
) -> Result<u64> {
    let sites = VisibleSites::of(conn, scope)?;
    let query = ordered(filtered(&sites, scope, f), order).select(Keyword::as_select());
    conn.build_transaction().read_only().run(|c| {
        DeclareCursor {
            name: "keyword_export",
            query,
        }
        .execute(c)?;
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| Error::Output(e.to_string());
        w.write_record([
            "keyword",
            "volume",
            "difficulty",
            "intent",
            "cpc",
            "country",
            "status",
            "disabled",
            "cluster",
            "created_at",
        ])
        .map_err(io)?;
        let mut written = 0u64;
        loop {
            let rows: Vec<Keyword> =
                diesel::sql_query(format!("FETCH FORWARD {EXPORT_BATCH} FROM keyword_export"))
                    .load(c)?;
            let ids: Vec<ClusterId> = rows.iter().filter_map(|k| k.cluster_id).collect();
            let names: std::collections::HashMap<ClusterId, String> = if ids.is_empty() {
                Default::default()
            } else {
                clusters::table
                    .filter(clusters::account_id.eq(scope.account_id()))
                    .filter(clusters::id.eq_any(ids))
                    .select((clusters::id, clusters::name))
                    .load::<(ClusterId, String)>(c)?
                    .into_iter()
                    .collect()
            };
            for k in &rows {
                let cluster = k
                    .cluster_id
                    .and_then(|id| names.get(&id))
                    .map(|n| spreadsheet_safe(n).into_owned())
                    .unwrap_or_default();
                w.write_record([
                    spreadsheet_safe(&k.keyword).into_owned(),
                    k.volume.map(|v| v.to_string()).unwrap_or_default(),
                    k.difficulty.map(|d| d.to_string()).unwrap_or_default(),
                    k.intent.map(|i| i.as_str().to_owned()).unwrap_or_default(),
                    k.cpc_cents
                        .map(|c| format!("{}.{:02}", c / 100, c % 100))
                        .unwrap_or_default(),
                    k.country.clone().unwrap_or_default(),
                    k.status.as_str().to_owned(),
                    k.disabled.to_string(),
                    cluster,
                    k.created_at.to_rfc3339(),
                ])
                .map_err(io)?;
            }
            written += rows.len() as u64;
            if rows.len() < EXPORT_BATCH {
                break;
            }
        }
        w.flush().map_err(|e| io(e.into()))?;
        Ok(written)
    })
}
