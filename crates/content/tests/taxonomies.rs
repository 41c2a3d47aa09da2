//! Categories and tags on real PostgreSQL: slugs, uniqueness per (site, type), tenancy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Utc;
use common::*;
use content::Error;
use content::model::TaxonomyType;
use content::taxonomies::*;
use kernel::{PageRequest, Role};

fn new(site: kernel::SiteId, name: &str, ty: TaxonomyType) -> NewTaxonomy {
    NewTaxonomy {
        site_id: site,
        name: name.into(),
        slug: None,
        taxonomy_type: ty,
        external_id: None,
    }
}

#[test]
fn slugs_are_unique_per_site_and_type() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    let t = create_taxonomy(
        c,
        &s,
        &new(a.site_id, " How To Guides ", TaxonomyType::Category),
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        (t.name.as_str(), t.slug.as_str()),
        ("How To Guides", "how-to-guides")
    );
    let dup = create_taxonomy(
        c,
        &s,
        &new(a.site_id, "how to guides", TaxonomyType::Category),
        Utc::now(),
    );
    assert!(
        matches!(dup, Err(Error::AlreadyExists { field: "slug" })),
        "{dup:?}"
    );
    // the same slug as a tag, or on another site, is another term
    create_taxonomy(
        c,
        &s,
        &new(a.site_id, "How to guides", TaxonomyType::Tag),
        Utc::now(),
    )
    .unwrap();
    let other_site = second_site(c, &a);
    create_taxonomy(
        c,
        &s,
        &new(other_site, "How to guides", TaxonomyType::Category),
        Utc::now(),
    )
    .unwrap();

    // an explicit slug must already be a slug
    let mut bad = new(a.site_id, "X", TaxonomyType::Tag);
    bad.slug = Some("Not A Slug".into());
    let r = create_taxonomy(c, &s, &bad, Utc::now());
    assert!(
        matches!(&r, Err(Error::Validation(e)) if e.fields().contains_key("slug")),
        "{r:?}"
    );

    // external ids are unique per (site, type) too
    let mut ext = new(a.site_id, "Ext", TaxonomyType::Tag);
    ext.external_id = Some("42".into());
    create_taxonomy(c, &s, &ext, Utc::now()).unwrap();
    ext.name = "Ext 2".into();
    let r = create_taxonomy(c, &s, &ext, Utc::now());
    assert!(
        matches!(
            r,
            Err(Error::AlreadyExists {
                field: "external_id"
            })
        ),
        "{r:?}"
    );

    // renaming onto a taken slug is refused; clearing the external id works
    let ext_row = list_taxonomies(
        c,
        &s,
        &TaxonomyFilter {
            search: Some("ext".into()),
            ..Default::default()
        },
        TAXONOMY_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap()
    .items
    .remove(0);
    let r = update_taxonomy(
        c,
        &s,
        ext_row.id,
        &TaxonomyChanges {
            slug: Some("how-to-guides".into()),
            ..Default::default()
        },
        Utc::now(),
    );
    assert!(
        matches!(r, Err(Error::AlreadyExists { field: "slug" })),
        "{r:?}"
    );
    let u = update_taxonomy(
        c,
        &s,
        ext_row.id,
        &TaxonomyChanges {
            name: Some("Renamed".into()),
            external_id: Some(None),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        (u.name.as_str(), u.slug.as_str(), u.external_id),
        ("Renamed", "ext", None)
    );

    let tags = list_taxonomies(
        c,
        &s,
        &TaxonomyFilter {
            taxonomy_type: Some(TaxonomyType::Tag),
            site_id: Some(a.site_id),
            ..Default::default()
        },
        TAXONOMY_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(
        tags.items
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["How to guides", "Renamed"]
    );
}

#[test]
fn tenant_b_cannot_see_or_touch_a_terms() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let t = create_taxonomy(
        c,
        &a.scope(),
        &new(a.site_id, "Mine", TaxonomyType::Tag),
        Utc::now(),
    )
    .unwrap();
    let bs = b.scope();
    assert!(matches!(get_taxonomy(c, &bs, t.id), Err(Error::NotFound)));
    assert!(matches!(
        update_taxonomy(
            c,
            &bs,
            t.id,
            &TaxonomyChanges {
                name: Some("x".into()),
                ..Default::default()
            },
            Utc::now()
        ),
        Err(Error::NotFound)
    ));
    assert!(matches!(
        delete_taxonomy(c, &bs, t.id),
        Err(Error::NotFound)
    ));
    assert_eq!(
        list_taxonomies(
            c,
            &bs,
            &TaxonomyFilter::default(),
            TAXONOMY_DEFAULT_ORDER,
            PageRequest::default()
        )
        .unwrap()
        .count,
        0
    );
    // B cannot create terms on A's site
    assert!(matches!(
        create_taxonomy(
            c,
            &bs,
            &new(a.site_id, "Sneaky", TaxonomyType::Tag),
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::NotFound))
    ));
    // a viewer of A reads but cannot write
    let viewer = member(c, &a, "vi", Role::Viewer, true);
    assert_eq!(get_taxonomy(c, &viewer, t.id).unwrap().name, "Mine");
    assert!(matches!(
        delete_taxonomy(c, &viewer, t.id),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        create_taxonomy(
            c,
            &viewer,
            &new(a.site_id, "v", TaxonomyType::Tag),
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    delete_taxonomy(c, &a.scope(), t.id).unwrap();
    assert_eq!(count(c, "taxonomies"), 0);
}

#[test]
fn the_database_refuses_a_link_across_sites() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let other_site = second_site(c, &a);
    let term = create_taxonomy(
        c,
        &a.scope(),
        &new(other_site, "Elsewhere", TaxonomyType::Tag),
        Utc::now(),
    )
    .unwrap();
    let it = item(c, &a, "Here", "");
    use db::schema::content_taxonomies as ct;
    use diesel::prelude::*;
    let r = diesel::insert_into(ct::table)
        .values((
            ct::account_id.eq(a.account_id),
            ct::site_id.eq(a.site_id),
            ct::content_id.eq(it.content.id),
            ct::taxonomy_id.eq(term.id),
        ))
        .execute(c);
    assert!(r.is_err(), "a term of another site must not attach");
}
