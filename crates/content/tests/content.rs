//! Content items on real PostgreSQL: sanitizing on write, word count, terms by name, the
//! editorial status machine, task links and tenancy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Utc;
use common::*;
use content::Error;
use content::content::*;
use content::model::{ContentSource, ContentStatus, ContentStructure, SiteStatus};
use kernel::{ContentId, Order, PageRequest, Role};

fn patch(
    c: &mut diesel::PgConnection,
    t: &TenantFixture,
    id: ContentId,
    fields: ContentFields,
    status: Option<ContentStatus>,
) -> Result<content::model::ContentItem, Error> {
    update_content(
        c,
        &t.scope(),
        id,
        &ContentChanges { fields, status },
        Utc::now(),
    )
}

#[test]
fn html_is_sanitized_and_counted_on_every_write() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let created = item(
        c,
        &a,
        "Hostile",
        "<h2 onclick=\"x()\">Safe heading</h2><script>alert(1)</script>\
         <p style=\"color:red\">Two words <a href=\"javascript:alert(1)\">click</a></p>\
         <img src=x onerror=alert(1)><iframe src=\"https://evil.example\"></iframe>",
    );
    let row = &created.content;
    assert_eq!(
        row.content_html,
        "<h2>Safe heading</h2><p>Two words <a rel=\"noopener noreferrer\">click</a></p><img src=\"x\">"
    );
    assert_eq!(row.word_count, 5);
    assert_eq!(row.status, ContentStatus::Draft);
    assert_eq!(row.site_status, SiteStatus::NotPublished);
    assert_eq!(row.source, ContentSource::Igny8);
    assert_eq!(
        (
            row.external_id.as_deref(),
            row.external_url.as_deref(),
            row.scheduled_publish_at
        ),
        (None, None, None)
    );

    let updated = patch(
        c,
        &a,
        row.id,
        ContentFields {
            content_html: Some(
                "<p>one two three</p><svg onload=alert(1)><circle r=\"1\"/></svg>".into(),
            ),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(updated.content.content_html, "<p>one two three</p>");
    assert_eq!(updated.content.word_count, 3);
}

#[test]
fn validation() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let r = create_content(
        c,
        &a.scope(),
        &NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            task_id: None,
            fields: ContentFields {
                title: Some("".into()),
                meta_title: Some("m".repeat(256)),
                tags: Some(vec!["!!!".into()]),
                ..Default::default()
            },
        },
        Utc::now(),
    );
    let Err(Error::Validation(e)) = r else {
        panic!("{r:?}")
    };
    assert!(e.fields().contains_key("title"), "{e:?}");
    assert!(e.fields().contains_key("meta_title"), "{e:?}");
    assert_eq!(count(c, "content"), 0);
    // a tag name over the limit refuses the whole item; nothing is stored (a name without ASCII
    // letters or digits is fine: it gets a `term-...` slug)
    let r = create_content(
        c,
        &a.scope(),
        &NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            task_id: None,
            fields: ContentFields {
                title: Some("t".into()),
                tags: Some(vec!["ok".into(), "x".repeat(201)]),
                ..Default::default()
            },
        },
        Utc::now(),
    );
    let Err(Error::Validation(e)) = r else {
        panic!("{r:?}")
    };
    assert!(e.fields().contains_key("tags[1]"), "{e:?}");
    assert_eq!(count(c, "content"), 0);
    assert_eq!(count(c, "taxonomies"), 0);
    // a meta title at the hard limit is fine
    let ok = create_content(
        c,
        &a.scope(),
        &NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            task_id: None,
            fields: ContentFields {
                title: Some("t".into()),
                meta_title: Some("m".repeat(255)),
                ..Default::default()
            },
        },
        Utc::now(),
    );
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn tags_and_categories_by_name() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    let created = create_content(
        c,
        &s,
        &NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            task_id: None,
            fields: ContentFields {
                title: Some("Tagged".into()),
                tags: Some(vec!["Rust Tips".into(), "seo".into(), "rust tips".into()]),
                categories: Some(vec!["Guides".into()]),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(created.tags, ["Rust Tips", "seo"]);
    assert_eq!(created.categories, ["Guides"]);
    assert_eq!(count(c, "taxonomies"), 3);

    // another item reuses the terms by slug ("rust-tips") and creates the missing one
    let other = create_content(
        c,
        &s,
        &NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[1],
            task_id: None,
            fields: ContentFields {
                title: Some("Other".into()),
                tags: Some(vec!["RUST-TIPS".into(), "new".into()]),
                categories: Some(vec!["guides".into()]),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(other.tags, ["new", "Rust Tips"], "existing names are kept");
    assert_eq!(other.categories, ["Guides"]);
    assert_eq!(count(c, "taxonomies"), 4);

    // replacing the tags leaves the categories; an empty list clears
    let u = patch(
        c,
        &a,
        created.content.id,
        ContentFields {
            tags: Some(vec!["seo".into()]),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(
        (u.tags, u.categories),
        (vec!["seo".to_owned()], vec!["Guides".to_owned()])
    );
    let u = patch(
        c,
        &a,
        created.content.id,
        ContentFields {
            categories: Some(vec![]),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert!(u.categories.is_empty());
    assert_eq!(u.tags, ["seo"]);

    // the list shows terms too
    let page = list_content(
        c,
        &s,
        &ContentFilter::default(),
        Order {
            field: ContentOrder::Title,
            descending: false,
        },
        PageRequest::default(),
    )
    .unwrap();
    let tags: Vec<Vec<String>> = page.items.iter().map(|i| i.tags.clone()).collect();
    assert_eq!(
        tags,
        vec![
            vec!["new".to_owned(), "Rust Tips".into()],
            vec!["seo".into()]
        ]
    );

    // deleting a term unlinks it
    let rust = content::taxonomies::list_taxonomies(
        c,
        &s,
        &content::taxonomies::TaxonomyFilter {
            search: Some("rust".into()),
            ..Default::default()
        },
        content::taxonomies::TAXONOMY_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap()
    .items
    .remove(0);
    content::taxonomies::delete_taxonomy(c, &s, rust.id).unwrap();
    assert_eq!(get_content(c, &s, other.content.id).unwrap().tags, ["new"]);
}

#[test]
fn editorial_status_machine() {
    use ContentStatus::*;
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    cluster_row(c, &a, a.sector_ids[0], 4);
    let id = item(c, &a, "Flow", "<p>text</p>").content.id;

    // approve needs review
    let r = approve_content(c, &s, id, Utc::now());
    assert!(
        matches!(&r, Err(Error::InvalidState { from, to }) if from == "draft" && to == "approved"),
        "{r:?}"
    );
    assert_eq!(
        submit_for_review(c, &s, id, Utc::now())
            .unwrap()
            .content
            .status,
        Review
    );
    assert!(matches!(
        submit_for_review(c, &s, id, Utc::now()),
        Err(Error::InvalidState { .. })
    ));
    assert_eq!(
        approve_content(c, &s, id, Utc::now())
            .unwrap()
            .content
            .status,
        Approved
    );
    assert!(matches!(
        approve_content(c, &s, id, Utc::now()),
        Err(Error::InvalidState { .. })
    ));

    // writing the same values keeps the approval
    let same = patch(
        c,
        &a,
        id,
        ContentFields {
            title: Some("Flow".into()),
            content_html: Some("<p>text</p>".into()),
            tags: Some(vec![]),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(same.content.status, Approved);
    // a cluster change is not an editorial edit
    let same = patch(
        c,
        &a,
        id,
        ContentFields {
            cluster_id: Some(Some(kernel::ClusterId(4))),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(same.content.status, Approved);

    // a real edit sends it back to draft
    let edited = patch(
        c,
        &a,
        id,
        ContentFields {
            content_html: Some("<p>text, revised</p>".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(edited.content.status, Draft);
    // ... and so do tags
    submit_for_review(c, &s, id, Utc::now()).unwrap();
    approve_content(c, &s, id, Utc::now()).unwrap();
    let tagged = patch(
        c,
        &a,
        id,
        ContentFields {
            tags: Some(vec!["late tag".into()]),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(tagged.content.status, Draft);

    // status by PATCH follows the same table; published is never set by hand
    assert_eq!(
        patch(c, &a, id, ContentFields::default(), Some(Review))
            .unwrap()
            .content
            .status,
        Review
    );
    assert_eq!(
        patch(c, &a, id, ContentFields::default(), Some(Review))
            .unwrap()
            .content
            .status,
        Review,
        "naming the current status is a no-op"
    );
    assert_eq!(
        patch(c, &a, id, ContentFields::default(), Some(Draft))
            .unwrap()
            .content
            .status,
        Draft
    );
    for to in [Approved, Published] {
        let r = patch(c, &a, id, ContentFields::default(), Some(to));
        assert!(
            matches!(r, Err(Error::InvalidState { .. })),
            "draft -> {to}: {r:?}"
        );
    }
    // editing an approved item while asking to keep it approved is refused, and nothing sticks
    submit_for_review(c, &s, id, Utc::now()).unwrap();
    approve_content(c, &s, id, Utc::now()).unwrap();
    let r = patch(
        c,
        &a,
        id,
        ContentFields {
            title: Some("Sneaky".into()),
            ..Default::default()
        },
        Some(Approved),
    );
    assert!(matches!(r, Err(Error::InvalidState { .. })), "{r:?}");
    let now = get_content(c, &s, id).unwrap();
    assert_eq!(
        (now.content.title.as_str(), now.content.status),
        ("Flow", Approved)
    );

    let allowed = [
        (Draft, Review),
        (Review, Approved),
        (Review, Draft),
        (Approved, Draft),
    ];
    for &from in ContentStatus::ALL {
        for &to in ContentStatus::ALL {
            assert_eq!(
                from.can_become(to),
                allowed.contains(&(from, to)),
                "{from} -> {to}"
            );
        }
    }
}

#[test]
fn content_from_a_task_inherits_and_must_match_its_sector() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    cluster_row(c, &a, a.sector_ids[0], 8);
    let brief = task(c, &a, "brief").id;
    let t = content::tasks::update_task(
        c,
        &s,
        brief,
        &content::tasks::TaskChanges {
            fields: content::tasks::TaskFields {
                cluster_id: Some(Some(kernel::ClusterId(8))),
                primary_keyword: Some("rust seo".into()),
                content_structure: Some(ContentStructure::Guide),
                ..Default::default()
            },
            status: None,
        },
        Utc::now(),
    )
    .unwrap();
    let new = |sector, task_id| NewContent {
        site_id: a.site_id,
        sector_id: sector,
        task_id: Some(task_id),
        fields: ContentFields {
            title: Some("From task".into()),
            ..Default::default()
        },
    };
    let made = create_content(c, &s, &new(a.sector_ids[0], t.id), Utc::now()).unwrap();
    assert_eq!(made.content.task_id, Some(t.id));
    assert_eq!(made.content.cluster_id, Some(kernel::ClusterId(8)));
    assert_eq!(made.content.primary_keyword, "rust seo");
    assert_eq!(made.content.content_structure, ContentStructure::Guide);

    let r = create_content(c, &s, &new(a.sector_ids[1], t.id), Utc::now());
    assert!(
        matches!(&r, Err(Error::Validation(e)) if e.fields().contains_key("task_id")),
        "{r:?}"
    );
    // another tenant's task is unknown
    let theirs = task(c, &b, "theirs");
    let r = create_content(c, &s, &new(a.sector_ids[0], theirs.id), Utc::now());
    assert!(
        matches!(&r, Err(Error::Validation(e)) if e.fields().contains_key("task_id")),
        "{r:?}"
    );
    assert_eq!(count(c, "content"), 1);
}

#[test]
fn tenant_b_cannot_read_change_or_delete_a_content() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let id = item(c, &a, "Private", "<p>x</p>").content.id;
    let bs = b.scope();
    assert!(matches!(get_content(c, &bs, id), Err(Error::NotFound)));
    assert!(matches!(
        update_content(
            c,
            &bs,
            id,
            &ContentChanges {
                fields: ContentFields {
                    title: Some("pwned".into()),
                    ..Default::default()
                },
                status: None
            },
            Utc::now()
        ),
        Err(Error::NotFound)
    ));
    assert!(matches!(
        approve_content(c, &bs, id, Utc::now()),
        Err(Error::NotFound)
    ));
    assert!(matches!(
        submit_for_review(c, &bs, id, Utc::now()),
        Err(Error::NotFound)
    ));
    assert!(matches!(delete_content(c, &bs, id), Err(Error::NotFound)));
    assert_eq!(bulk_delete_content(c, &bs, &[id]).unwrap(), 0);
    assert_eq!(
        list_content(
            c,
            &bs,
            &ContentFilter::default(),
            CONTENT_DEFAULT_ORDER,
            PageRequest::default()
        )
        .unwrap()
        .count,
        0
    );
    assert_eq!(
        get_content(c, &a.scope(), id).unwrap().content.title,
        "Private"
    );

    // viewers read (granted site) but never write
    let viewer = member(c, &a, "vee", Role::Viewer, true);
    assert!(get_content(c, &viewer, id).is_ok());
    assert!(matches!(
        submit_for_review(c, &viewer, id, Utc::now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        bulk_delete_content(c, &viewer, &[id]),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert_eq!(
        bulk_delete_content(c, &a.scope(), &[id, ContentId(123_456)]).unwrap(),
        1
    );
    assert_eq!(count(c, "content"), 0);
}

#[test]
fn filters_and_options() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    let one = item(c, &a, "One", "<p>a b c</p>").content.id;
    let _two = item(c, &a, "Two", "<p>a</p>").content.id;
    submit_for_review(c, &s, one, Utc::now()).unwrap();
    let review = ContentFilter {
        status: Some(ContentStatus::Review),
        ..Default::default()
    };
    let page = list_content(
        c,
        &s,
        &review,
        CONTENT_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(
        page.items.iter().map(|i| i.content.id).collect::<Vec<_>>(),
        [one]
    );
    let by_words = list_content(
        c,
        &s,
        &ContentFilter::default(),
        Order {
            field: ContentOrder::WordCount,
            descending: true,
        },
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(by_words.items[0].content.word_count, 3);
    let opts = content_filter_options(c, &s, &review).unwrap();
    let values = |name: &str| -> Vec<String> {
        opts.iter()
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
            .iter()
            .map(|o| o.value.clone())
            .collect()
    };
    assert_eq!(values("status"), ["draft", "review"]);
    assert_eq!(values("site_status"), ["not_published"]);
    assert_eq!(values("source"), ["igny8"]);
    let search = ContentFilter {
        search: Some("tw".into()),
        ..Default::default()
    };
    assert_eq!(
        list_content(
            c,
            &s,
            &search,
            CONTENT_DEFAULT_ORDER,
            PageRequest::default()
        )
        .unwrap()
        .count,
        1
    );
}

#[test]
fn deleting_a_site_removes_its_writer_rows() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    let t = task(c, &a, "task");
    let made = create_content(
        c,
        &s,
        &NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            task_id: Some(t.id),
            fields: ContentFields {
                title: Some("with everything".into()),
                tags: Some(vec!["t".into()]),
                categories: Some(vec!["c".into()]),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = content::storage::LocalMediaStore::new(dir.path());
    content::images::upload_image(
        c,
        &s,
        &store,
        &content::images::ImageUpload {
            content_id: made.content.id,
            image_type: content::model::ImageType::Featured,
            position: 0,
            bytes: png(2, 2),
        },
        Utc::now(),
    )
    .unwrap();
    item(c, &b, "B keeps this", "");
    tenancy::sites::delete_site(c, &s, a.site_id).unwrap();
    for table in [
        "tasks",
        "content",
        "taxonomies",
        "content_taxonomies",
        "images",
    ] {
        let left = count(c, table);
        let expected = i64::from(table == "content");
        assert_eq!(left, expected, "{table}");
    }
}
