//! Categories and tags of a site, and the links between content and them.
//!
//! A term's slug is unique per (site, type). Content shows its terms by *name*; writing names
//! on content finds the term with the same slug (so `Rust Tips` and `rust tips` are one term)
//! or creates it.

use crate::model::{FilterOption, FilterOptions, Taxonomy, TaxonomyType};
use crate::util::{MAX_LIST, options_in_order};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{content_taxonomies, sites, taxonomies};
use db::sql::lower;
use diesel::pg::Pg;
use diesel::prelude::*;
use kernel::text::slugify;
use kernel::{
    AccountId, ContentId, FieldErrors, Order, Page, PageRequest, Role, SiteId, TaxonomyId,
};
use std::collections::HashMap;
use tenancy::Scope;
use tenancy::sites::{get_site, visible_site_ids};
use tenancy::users::escape_like;

/// Longest term name.
const MAX_NAME: usize = 200;
/// Longest external id.
const MAX_EXTERNAL_ID: usize = 255;

/// A term created by hand.
#[derive(Debug, Clone)]
pub struct NewTaxonomy {
    /// Site.
    pub site_id: SiteId,
    /// Name.
    pub name: String,
    /// Slug; derived from the name when absent.
    pub slug: Option<String>,
    /// Category or tag.
    pub taxonomy_type: TaxonomyType,
    /// Id on the site.
    pub external_id: Option<String>,
}

/// A change to a term; `None` leaves a field.
#[derive(Debug, Clone, Default)]
pub struct TaxonomyChanges {
    /// Name.
    pub name: Option<String>,
    /// Slug.
    pub slug: Option<String>,
    /// Id on the site; `Some(None)` clears it.
    pub external_id: Option<Option<String>>,
}

#[derive(AsChangeset)]
#[diesel(table_name = taxonomies)]
struct TaxonomyPatch {
    name: Option<String>,
    slug: Option<String>,
    external_id: Option<Option<String>>,
    updated_at: DateTime<Utc>,
}

/// The slug a name gives: its slugified form, or for a name with no ASCII letter or digit
/// (`Ünï`, `日本`) `term-` and the hex code points of its first characters, so every name that
/// is not blank has one.
fn slug_of_name(name: &str) -> String {
    let slug = slugify(name);
    if !slug.is_empty() || name.trim().is_empty() {
        return slug;
    }
    let points: Vec<String> = name
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(8)
        .map(|c| format!("{:x}", u32::from(c)))
        .collect();
    format!("term-{}", points.join("-"))
}

fn check_slug(e: &mut FieldErrors, slug: &str) {
    if slug.is_empty() {
        e.add("slug", "This field may not be blank.");
    } else if slugify(slug) != slug {
        e.add(
            "slug",
            "Use lower-case letters, digits and single dashes (e.g. \"my-topic\").",
        );
    }
}

fn map_unique(e: Error) -> Error {
    match &e {
        Error::Db(d) if d.is_unique_violation_on("taxonomies_slug_unique") => {
            Error::AlreadyExists { field: "slug" }
        }
        Error::Db(d) if d.is_unique_violation_on("taxonomies_external_unique") => {
            Error::AlreadyExists {
                field: "external_id",
            }
        }
        _ => e,
    }
}

fn base<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<taxonomies::BoxedQuery<'a, Pg>> {
    let mut q = taxonomies::table
        .filter(taxonomies::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(taxonomies::site_id.eq_any(ids));
    }
    Ok(q)
}

/// A term on a site the scope may see, or `NotFound`.
pub fn get_taxonomy(conn: &mut PgConnection, scope: &Scope, id: TaxonomyId) -> Result<Taxonomy> {
    Ok(base(conn, scope)?
        .filter(taxonomies::id.eq(id))
        .select(Taxonomy::as_select())
        .first(conn)?)
}

/// Creates a term (editor+). A taken slug is `AlreadyExists`.
pub fn create_taxonomy(
    conn: &mut PgConnection,
    scope: &Scope,
    input: &NewTaxonomy,
    now: DateTime<Utc>,
) -> Result<Taxonomy> {
    scope.require(Role::Editor)?;
    let mut e = FieldErrors::new();
    e.require_text("name", &input.name, MAX_NAME);
    let slug = match &input.slug {
        Some(s) => s.trim().to_owned(),
        None => slug_of_name(&input.name),
    };
    if input.slug.is_some() || !input.name.trim().is_empty() {
        check_slug(&mut e, &slug);
    }
    let external = input
        .external_id
        .as_deref()
        .map(str::trim)
        .filter(|x| !x.is_empty());
    if let Some(x) = external {
        e.max_len("external_id", x, MAX_EXTERNAL_ID);
    }
    e.into_result()?;
    get_site(conn, scope, input.site_id)?;
    diesel::insert_into(taxonomies::table)
        .values((
            taxonomies::account_id.eq(scope.account_id()),
            taxonomies::site_id.eq(input.site_id),
            taxonomies::name.eq(input.name.trim()),
            taxonomies::slug.eq(&slug),
            taxonomies::taxonomy_type.eq(input.taxonomy_type),
            taxonomies::external_id.eq(external),
            taxonomies::created_at.eq(now),
            taxonomies::updated_at.eq(now),
        ))
        .returning(Taxonomy::as_returning())
        .get_result(conn)
        .map_err(|e| map_unique(e.into()))
}

/// Renames a term, changes its slug or external id (editor+).
pub fn update_taxonomy(
    conn: &mut PgConnection,
    scope: &Scope,
    id: TaxonomyId,
    changes: &TaxonomyChanges,
    now: DateTime<Utc>,
) -> Result<Taxonomy> {
    scope.require(Role::Editor)?;
    get_taxonomy(conn, scope, id)?;
    let mut e = FieldErrors::new();
    if let Some(n) = &changes.name {
        e.require_text("name", n, MAX_NAME);
    }
    let slug = changes.slug.as_ref().map(|s| s.trim().to_owned());
    if let Some(s) = &slug {
        check_slug(&mut e, s);
    }
    let external = changes.external_id.as_ref().map(|x| {
        x.as_deref()
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
    });
    if let Some(Some(x)) = &external {
        e.max_len("external_id", x, MAX_EXTERNAL_ID);
    }
    e.into_result()?;
    diesel::update(
        taxonomies::table
            .filter(taxonomies::account_id.eq(scope.account_id()))
            .filter(taxonomies::id.eq(id)),
    )
    .set(&TaxonomyPatch {
        name: changes.name.as_ref().map(|n| n.trim().to_owned()),
        slug,
        external_id: external,
        updated_at: now,
    })
    .returning(Taxonomy::as_returning())
    .get_result(conn)
    .map_err(|e| map_unique(e.into()))
}

/// Deletes a term and its links to content (editor+).
pub fn delete_taxonomy(conn: &mut PgConnection, scope: &Scope, id: TaxonomyId) -> Result<()> {
    scope.require(Role::Editor)?;
    get_taxonomy(conn, scope, id)?;
    diesel::delete(
        taxonomies::table
            .filter(taxonomies::account_id.eq(scope.account_id()))
            .filter(taxonomies::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Term list filters.
#[derive(Debug, Clone, Default)]
pub struct TaxonomyFilter {
    /// Only this site.
    pub site_id: Option<SiteId>,
    /// Category or tag.
    pub taxonomy_type: Option<TaxonomyType>,
    /// Case-insensitive substring of the name or slug.
    pub search: Option<String>,
}

/// Sortable term fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyOrder {
    /// Name (case-insensitive).
    Name,
    /// Slug.
    Slug,
    /// Creation time.
    CreatedAt,
}

/// The allow-list for `?ordering=`.
pub const TAXONOMY_ORDERING: &[(&str, TaxonomyOrder)] = &[
    ("name", TaxonomyOrder::Name),
    ("slug", TaxonomyOrder::Slug),
    ("created_at", TaxonomyOrder::CreatedAt),
];

/// The default list order: by name.
pub const TAXONOMY_DEFAULT_ORDER: Order<TaxonomyOrder> = Order {
    field: TaxonomyOrder::Name,
    descending: false,
};

fn filtered(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TaxonomyFilter,
) -> Result<taxonomies::BoxedQuery<'static, Pg>> {
    let mut q = base(conn, scope)?;
    if let Some(s) = f.site_id {
        q = q.filter(taxonomies::site_id.eq(s));
    }
    if let Some(t) = f.taxonomy_type {
        q = q.filter(taxonomies::taxonomy_type.eq(t));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pat = format!("%{}%", escape_like(s));
        q = q.filter(
            taxonomies::name
                .ilike(pat.clone())
                .or(taxonomies::slug.ilike(pat)),
        );
    }
    Ok(q)
}

/// Lists the terms of the sites the scope may see.
pub fn list_taxonomies(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TaxonomyFilter,
    order: Order<TaxonomyOrder>,
    page: PageRequest,
) -> Result<Page<Taxonomy>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let q = match (order.field, order.descending) {
        (TaxonomyOrder::Name, false) => q.order(lower(taxonomies::name).asc()),
        (TaxonomyOrder::Name, true) => q.order(lower(taxonomies::name).desc()),
        (TaxonomyOrder::Slug, false) => q.order(taxonomies::slug.asc()),
        (TaxonomyOrder::Slug, true) => q.order(taxonomies::slug.desc()),
        (TaxonomyOrder::CreatedAt, false) => q.order(taxonomies::created_at.asc()),
        (TaxonomyOrder::CreatedAt, true) => q.order(taxonomies::created_at.desc()),
    };
    let items = q
        .then_order_by(taxonomies::id.asc())
        .limit(page.limit())
        .offset(page.offset())
        .select(Taxonomy::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// For `taxonomy_type` and `site_id` (labelled by site name): the values present among
/// visible terms matching the *other* filters.
pub fn taxonomy_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &TaxonomyFilter,
) -> Result<FilterOptions> {
    let types: Vec<TaxonomyType> = filtered(
        conn,
        scope,
        &TaxonomyFilter {
            taxonomy_type: None,
            ..f.clone()
        },
    )?
    .select(taxonomies::taxonomy_type)
    .distinct()
    .load(conn)?;
    let site_ids: Vec<SiteId> = filtered(
        conn,
        scope,
        &TaxonomyFilter {
            site_id: None,
            ..f.clone()
        },
    )?
    .select(taxonomies::site_id)
    .distinct()
    .load(conn)?;
    let named: Vec<(SiteId, String)> = sites::table
        .filter(sites::account_id.eq(scope.account_id()))
        .filter(sites::id.eq_any(site_ids))
        .order((lower(sites::name).asc(), sites::id.asc()))
        .select((sites::id, sites::name))
        .load(conn)?;
    Ok(vec![
        ("taxonomy_type", options_in_order(TaxonomyType::ALL, &types)),
        (
            "site_id",
            named
                .into_iter()
                .map(|(id, name)| FilterOption {
                    value: id.to_string(),
                    label: name,
                })
                .collect(),
        ),
    ])
}

/// Finds or creates the site's terms of one type with these names (already cleaned), by slug.
/// Returns their ids. A name without ASCII letters or digits gets the slug [`slug_of_name`] gives.
pub(crate) fn ensure_terms(
    conn: &mut PgConnection,
    account: AccountId,
    site: SiteId,
    ty: TaxonomyType,
    field: &str,
    names: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<TaxonomyId>> {
    let mut e = FieldErrors::new();
    let mut by_slug: Vec<(String, &str)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let slug = slug_of_name(n);
        if slug.is_empty() {
            e.add(format!("{field}[{i}]"), "This field may not be blank.");
        } else if n.chars().count() > MAX_NAME {
            e.add(
                format!("{field}[{i}]"),
                format!("Ensure this value has no more than {MAX_NAME} characters."),
            );
        } else if !by_slug.iter().any(|(s, _)| *s == slug) {
            by_slug.push((slug, n.as_str()));
        }
    }
    if by_slug.len() > MAX_LIST {
        e.add(
            field,
            format!("Ensure this list has at most {MAX_LIST} items."),
        );
    }
    e.into_result()?;
    if by_slug.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<_> = by_slug
        .iter()
        .map(|(slug, name)| {
            (
                taxonomies::account_id.eq(account),
                taxonomies::site_id.eq(site),
                taxonomies::name.eq(*name),
                taxonomies::slug.eq(slug.as_str()),
                taxonomies::taxonomy_type.eq(ty),
                taxonomies::created_at.eq(now),
                taxonomies::updated_at.eq(now),
            )
        })
        .collect();
    diesel::insert_into(taxonomies::table)
        .values(rows)
        .on_conflict_do_nothing()
        .execute(conn)?;
    let slugs: Vec<&str> = by_slug.iter().map(|(s, _)| s.as_str()).collect();
    Ok(taxonomies::table
        .filter(taxonomies::account_id.eq(account))
        .filter(taxonomies::site_id.eq(site))
        .filter(taxonomies::taxonomy_type.eq(ty))
        .filter(taxonomies::slug.eq_any(slugs))
        .select(taxonomies::id)
        .load(conn)?)
}

/// Replaces the terms of one type on a content item.
pub(crate) fn set_content_terms(
    conn: &mut PgConnection,
    account: AccountId,
    site: SiteId,
    content: ContentId,
    ty: TaxonomyType,
    terms: &[TaxonomyId],
) -> Result<()> {
    let of_type = taxonomies::table
        .filter(taxonomies::account_id.eq(account))
        .filter(taxonomies::taxonomy_type.eq(ty))
        .select(taxonomies::id);
    diesel::delete(
        content_taxonomies::table
            .filter(content_taxonomies::account_id.eq(account))
            .filter(content_taxonomies::content_id.eq(content))
            .filter(content_taxonomies::taxonomy_id.eq_any(of_type)),
    )
    .execute(conn)?;
    let rows: Vec<_> = terms
        .iter()
        .map(|t| {
            (
                content_taxonomies::account_id.eq(account),
                content_taxonomies::site_id.eq(site),
                content_taxonomies::content_id.eq(content),
                content_taxonomies::taxonomy_id.eq(*t),
            )
        })
        .collect();
    if !rows.is_empty() {
        diesel::insert_into(content_taxonomies::table)
            .values(rows)
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    Ok(())
}

/// Tag and category names of each content item, sorted case-insensitively.
pub(crate) fn terms_of(
    conn: &mut PgConnection,
    account: AccountId,
    ids: &[ContentId],
) -> Result<HashMap<ContentId, (Vec<String>, Vec<String>)>> {
    let rows: Vec<(ContentId, TaxonomyType, String)> = content_taxonomies::table
        .inner_join(
            taxonomies::table.on(taxonomies::id
                .eq(content_taxonomies::taxonomy_id)
                .and(taxonomies::account_id.eq(content_taxonomies::account_id))),
        )
        .filter(content_taxonomies::account_id.eq(account))
        .filter(content_taxonomies::content_id.eq_any(ids))
        .order((lower(taxonomies::name).asc(), taxonomies::id.asc()))
        .select((
            content_taxonomies::content_id,
            taxonomies::taxonomy_type,
            taxonomies::name,
        ))
        .load(conn)?;
    let mut out: HashMap<ContentId, (Vec<String>, Vec<String>)> = HashMap::new();
    for (c, ty, name) in rows {
        let entry = out.entry(c).or_default();
        match ty {
            TaxonomyType::Tag => entry.0.push(name),
            TaxonomyType::Category => entry.1.push(name),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_that_is_not_blank_has_a_slug() {
        assert_eq!(slug_of_name("My Topic"), "my-topic");
        assert_eq!(slug_of_name("ü"), "term-fc");
        assert_eq!(slug_of_name(" 日本 "), "term-65e5-672c");
        assert_eq!(slug_of_name("   "), "");
        let mut e = FieldErrors::new();
        check_slug(&mut e, &slug_of_name("ü"));
        assert!(e.is_empty(), "{e:?}");
    }
}
