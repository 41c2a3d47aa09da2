//! Keywords, clusters, ideas and the seed library on real PostgreSQL, with two tenants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use db::schema::{keywords, sectors, seed_keywords};
use diesel::prelude::*;
use kernel::{PageRequest, Role, SeedKeywordId};
use planning::Error;
use planning::clusters::{self, ClusterChanges, NewCluster};
use planning::ideas::{self, IdeaChanges, NewIdea};
use planning::keywords::{
    self as kw, BulkKeywordChanges, KeywordChanges, KeywordFilter, NewKeyword,
};
use planning::model::{MappingStatus, Outline, OutlineSection};
use test_support::{TenantFixture, TestDb};

fn new_kw(t: &TenantFixture, text: &str, volume: i32, difficulty: i16) -> NewKeyword {
    NewKeyword {
        site_id: Some(t.site_id),
        sector_id: Some(t.sector_ids[0]),
        keyword: text.into(),
        volume: Some(volume),
        difficulty: Some(difficulty),
        ..Default::default()
    }
}

#[test]
fn keyword_crud_uniqueness_and_tenant_isolation() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "ka");
    let b = TenantFixture::create(&mut c, "kb");
    let now = Utc::now();
    let k = kw::create_keyword(
        &mut c,
        &a.scope(),
        &new_kw(&a, "  Best   CRM ", 100, 40),
        now,
    )
    .unwrap();
    assert_eq!(k.keyword, "Best CRM");
    let dup =
        kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "best crm", 1, 1), now).unwrap_err();
    assert!(
        matches!(dup, Error::AlreadyExists { field: "keyword" }),
        "{dup:?}"
    );
    // Sector of another site (tenant B's) is refused.
    let mut cross = new_kw(&a, "x", 1, 1);
    cross.sector_id = Some(b.sector_ids[0]);
    let err = kw::create_keyword(&mut c, &a.scope(), &cross, now).unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f.fields().contains_key("sector_id")),
        "{err:?}"
    );
    // Tenant B sees nothing of A.
    assert!(matches!(
        kw::get_keyword(&mut c, &b.scope(), k.id),
        Err(Error::NotFound)
    ));
    let page = kw::list_keywords(
        &mut c,
        &b.scope(),
        &KeywordFilter::default(),
        kw::DEFAULT_KEYWORD_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(page.count, 0);
    let ch = KeywordChanges {
        volume: Some(Some(5)),
        ..Default::default()
    };
    assert!(matches!(
        kw::update_keyword(&mut c, &b.scope(), k.id, &ch, now),
        Err(Error::NotFound)
    ));
    assert!(matches!(
        kw::delete_keyword(&mut c, &b.scope(), k.id),
        Err(Error::NotFound)
    ));
    assert_eq!(
        kw::bulk_delete_keywords(&mut c, &b.scope(), &[k.id]).unwrap(),
        0
    );
    assert_eq!(
        kw::get_keyword(&mut c, &a.scope(), k.id).unwrap().volume,
        Some(100)
    );
    // Viewers read but do not write.
    let viewer = tenancy::Scope::for_tests(a.account_id, None, Role::Viewer);
    assert!(matches!(
        kw::delete_keyword(&mut c, &viewer, k.id),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    let updated = kw::update_keyword(
        &mut c,
        &a.scope(),
        k.id,
        &KeywordChanges {
            difficulty: Some(None),
            country: Some(Some("gb".into())),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    assert_eq!(
        (updated.difficulty, updated.country.as_deref()),
        (None, Some("GB"))
    );
    kw::delete_keyword(&mut c, &a.scope(), k.id).unwrap();
    assert!(matches!(
        kw::get_keyword(&mut c, &a.scope(), k.id),
        Err(Error::NotFound)
    ));
}

#[test]
fn keyword_filters_search_and_ordering() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "kf");
    let now = Utc::now();
    for (t, v, d) in [
        ("alpha seo", 10, 10),
        ("beta seo", 300, 80),
        ("gamma", 50, 50),
        ("delta 100%_x", 5, 5),
    ] {
        kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, t, v, d), now).unwrap();
    }
    let list = |c: &mut PgConnection, f: KeywordFilter, o: &str| {
        let order =
            kernel::Order::parse(Some(o), kw::KEYWORD_ORDERING, kw::DEFAULT_KEYWORD_ORDER).unwrap();
        kw::list_keywords(c, &a.scope(), &f, order, PageRequest::default())
            .unwrap()
            .items
            .into_iter()
            .map(|k| k.keyword)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        list(
            &mut c,
            KeywordFilter {
                search: Some("SEO".into()),
                ..Default::default()
            },
            "keyword"
        ),
        ["alpha seo", "beta seo"]
    );
    assert_eq!(
        list(
            &mut c,
            KeywordFilter {
                search: Some("%_".into()),
                ..Default::default()
            },
            "keyword"
        ),
        ["delta 100%_x"]
    );
    assert_eq!(
        list(
            &mut c,
            KeywordFilter {
                volume_min: Some(10),
                volume_max: Some(100),
                ..Default::default()
            },
            "-volume"
        ),
        ["gamma", "alpha seo"]
    );
    assert_eq!(
        list(
            &mut c,
            KeywordFilter {
                difficulty_min: Some(50),
                ..Default::default()
            },
            "difficulty"
        ),
        ["gamma", "beta seo"]
    );
    assert_eq!(
        list(&mut c, KeywordFilter::default(), "-volume")[0],
        "beta seo"
    );
    let opts = kw::keyword_filter_options(&mut c, &a.scope(), &KeywordFilter::default()).unwrap();
    assert_eq!(opts.status, vec![MappingStatus::New]);
    assert!(opts.has_unclustered && opts.clusters.is_empty());
}

#[test]
fn clusters_aggregate_map_and_unmap_keywords() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "ca");
    let b = TenantFixture::create(&mut c, "cb");
    let now = Utc::now();
    let nc = |t: &TenantFixture, name: &str| NewCluster {
        site_id: Some(t.site_id),
        sector_id: Some(t.sector_ids[0]),
        name: name.into(),
        ..Default::default()
    };
    let cl = clusters::create_cluster(&mut c, &a.scope(), &nc(&a, "CRM tools"), now).unwrap();
    assert!(matches!(
        clusters::create_cluster(&mut c, &a.scope(), &nc(&a, "crm TOOLS"), now),
        Err(Error::AlreadyExists { field: "name" })
    ));
    let k1 = kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "crm one", 100, 20), now).unwrap();
    let k2 = kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "crm two", 300, 41), now).unwrap();
    let ch = BulkKeywordChanges {
        cluster_id: Some(Some(cl.cluster.id)),
        ..Default::default()
    };
    assert_eq!(
        kw::bulk_update_keywords(&mut c, &a.scope(), &[k1.id, k2.id], &ch, now).unwrap(),
        2
    );
    // B's bulk update on A's ids touches nothing.
    let bch = BulkKeywordChanges {
        disabled: Some(true),
        ..Default::default()
    };
    assert_eq!(
        kw::bulk_update_keywords(&mut c, &b.scope(), &[k1.id, k2.id], &bch, now).unwrap(),
        0
    );
    assert_eq!(
        kw::get_keyword(&mut c, &a.scope(), k1.id).unwrap().status,
        MappingStatus::Mapped
    );
    let idea = ideas::create_idea(
        &mut c,
        &a.scope(),
        &NewIdea {
            site_id: Some(a.site_id),
            sector_id: Some(a.sector_ids[0]),
            cluster_id: Some(cl.cluster.id),
            idea_title: "CRM guide".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let got = clusters::get_cluster(&mut c, &a.scope(), cl.cluster.id).unwrap();
    assert_eq!(
        (
            got.stats.keywords_count,
            got.stats.volume,
            got.stats.difficulty,
            got.stats.ideas_count,
            got.stats.content_count
        ),
        (2, 400, Some(31), 1, 0)
    );
    let page = clusters::list_clusters(
        &mut c,
        &a.scope(),
        &Default::default(),
        clusters::DEFAULT_CLUSTER_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(page.items[0].stats, got.stats);
    assert!(matches!(
        clusters::get_cluster(&mut c, &b.scope(), cl.cluster.id),
        Err(Error::NotFound)
    ));
    assert_eq!(
        clusters::bulk_delete_clusters(&mut c, &b.scope(), &[cl.cluster.id], now).unwrap(),
        0
    );
    // A keyword of the other sector cannot join the cluster.
    let mut other = new_kw(&a, "other sector", 1, 1);
    other.sector_id = Some(a.sector_ids[1]);
    let k3 = kw::create_keyword(&mut c, &a.scope(), &other, now).unwrap();
    let err = kw::bulk_update_keywords(&mut c, &a.scope(), &[k3.id], &ch, now).unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f.fields().contains_key("ids")),
        "{err:?}"
    );
    let upd = clusters::update_cluster(
        &mut c,
        &a.scope(),
        cl.cluster.id,
        &ClusterChanges {
            name: Some("CRM software".into()),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    assert_eq!(upd.cluster.name, "CRM software");
    clusters::delete_cluster(&mut c, &a.scope(), cl.cluster.id, now).unwrap();
    let k = kw::get_keyword(&mut c, &a.scope(), k1.id).unwrap();
    assert_eq!((k.cluster_id, k.status), (None, MappingStatus::New));
    assert_eq!(
        ideas::get_idea(&mut c, &a.scope(), idea.row.id)
            .unwrap()
            .row
            .cluster_id,
        None
    );
}

#[test]
fn ideas_keep_outline_and_keywords_in_order() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "ia");
    let b = TenantFixture::create(&mut c, "ib");
    let now = Utc::now();
    let k1 = kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "one", 1, 1), now).unwrap();
    let k2 = kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "two", 1, 1), now).unwrap();
    let kb = kw::create_keyword(&mut c, &b.scope(), &new_kw(&b, "b's", 1, 1), now).unwrap();
    let outline = Outline {
        sections: vec![
            OutlineSection {
                heading: "Intro".into(),
                notes: "why".into(),
            },
            OutlineSection {
                heading: "How".into(),
                notes: String::new(),
            },
        ],
    };
    let base = NewIdea {
        site_id: Some(a.site_id),
        sector_id: Some(a.sector_ids[0]),
        idea_title: "Guide".into(),
        outline: Some(outline.clone()),
        keyword_ids: vec![k2.id, k1.id],
        ..Default::default()
    };
    let i = ideas::create_idea(&mut c, &a.scope(), &base, now).unwrap();
    assert_eq!(i.keyword_ids, vec![k2.id, k1.id]);
    assert_eq!(i.outline, outline);
    let err = ideas::create_idea(
        &mut c,
        &a.scope(),
        &NewIdea {
            keyword_ids: vec![kb.id],
            ..base.clone()
        },
        now,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f.fields().contains_key("keyword_ids")),
        "{err:?}"
    );
    let bad = Outline {
        sections: vec![OutlineSection {
            heading: " ".into(),
            notes: String::new(),
        }],
    };
    let err = ideas::create_idea(
        &mut c,
        &a.scope(),
        &NewIdea {
            outline: Some(bad),
            ..base.clone()
        },
        now,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f.fields().contains_key("outline.sections[0].heading")),
        "{err:?}"
    );
    let u = ideas::update_idea(
        &mut c,
        &a.scope(),
        i.row.id,
        &IdeaChanges {
            keyword_ids: Some(vec![k1.id]),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    assert_eq!(u.keyword_ids, vec![k1.id]);
    assert!(matches!(
        ideas::get_idea(&mut c, &b.scope(), i.row.id),
        Err(Error::NotFound)
    ));
    assert_eq!(
        ideas::bulk_delete_ideas(&mut c, &b.scope(), &[i.row.id]).unwrap(),
        0
    );
    assert_eq!(
        ideas::bulk_delete_ideas(&mut c, &a.scope(), &[i.row.id]).unwrap(),
        1
    );
}

#[test]
fn seed_library_is_loaded_and_adds_to_a_sector_within_the_plan() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "sa");
    // Every shipped sector has at least 20 seed keywords.
    let stats = planning::seeds::sector_stats(&mut c, None).unwrap();
    assert!(
        stats.len() >= 70 && stats.iter().all(|s| s.keywords_count >= 20),
        "{stats:?}"
    );
    // Loading again is idempotent.
    let before: i64 = seed_keywords::table.count().get_result(&mut c).unwrap();
    planning::seeds::load_seed_keywords(&mut c).unwrap();
    assert_eq!(
        seed_keywords::table
            .count()
            .get_result::<i64>(&mut c)
            .unwrap(),
        before
    );
    let template: kernel::IndustrySectorId = sectors::table
        .find(a.sector_ids[0])
        .select(sectors::industry_sector_id)
        .first(&mut c)
        .unwrap();
    let f = planning::seeds::SeedFilter {
        sector_ids: vec![template],
        ..Default::default()
    };
    let lib = planning::seeds::list_seed_keywords(
        &mut c,
        &f,
        planning::seeds::DEFAULT_SEED_ORDER,
        PageRequest::new(None, Some(5)),
    )
    .unwrap();
    assert!(lib.count >= 20);
    assert!(
        lib.items
            .windows(2)
            .all(|w| w[0].seed.volume >= w[1].seed.volume)
    );
    let ids: Vec<SeedKeywordId> = lib.items.iter().map(|s| s.seed.id).collect();
    let now = Utc::now();
    let r = planning::seeds::bulk_add_from_seed(
        &mut c,
        &a.scope(),
        &ids,
        Some(a.site_id),
        Some(a.sector_ids[0]),
        now,
    )
    .unwrap();
    assert_eq!((r.created, r.duplicates), (5, 0));
    let r = planning::seeds::bulk_add_from_seed(
        &mut c,
        &a.scope(),
        &ids,
        Some(a.site_id),
        Some(a.sector_ids[0]),
        now,
    )
    .unwrap();
    assert_eq!((r.created, r.duplicates), (0, 5));
    // A seed of another sector is refused.
    let err = planning::seeds::bulk_add_from_seed(
        &mut c,
        &a.scope(),
        &ids,
        Some(a.site_id),
        Some(a.sector_ids[1]),
        now,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f.fields().contains_key("seed_keyword_ids")),
        "{err:?}"
    );
    let linked: i64 = keywords::table
        .filter(keywords::seed_keyword_id.is_not_null())
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(linked, 5);
}

#[test]
fn keyword_limit_is_enforced_on_create_and_seed_add() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create_on_plan(&mut c, "lm", "free");
    let now = Utc::now();
    let mut csv = String::from("keyword\n");
    for i in 0..99 {
        csv.push_str(&format!("k{i}\n"));
    }
    let t = planning::csv_import::ImportTarget {
        site_id: Some(a.site_id),
        sector_id: Some(a.sector_ids[0]),
        max_bytes: 1 << 20,
    };
    planning::csv_import::import_keywords_csv(&mut c, &a.scope(), t, &mut csv.as_bytes(), now)
        .unwrap();
    kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "the hundredth", 1, 1), now).unwrap();
    let err =
        kw::create_keyword(&mut c, &a.scope(), &new_kw(&a, "one too many", 1, 1), now).unwrap_err();
    assert!(
        matches!(err, Error::PlanLimitReached { limit: 100 }),
        "{err:?}"
    );
    let template: kernel::IndustrySectorId = sectors::table
        .find(a.sector_ids[0])
        .select(sectors::industry_sector_id)
        .first(&mut c)
        .unwrap();
    let seed: SeedKeywordId = seed_keywords::table
        .filter(seed_keywords::industry_sector_id.eq(template))
        .select(seed_keywords::id)
        .first(&mut c)
        .unwrap();
    let err = planning::seeds::bulk_add_from_seed(
        &mut c,
        &a.scope(),
        &[seed],
        Some(a.site_id),
        Some(a.sector_ids[0]),
        now,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::PlanLimitReached { limit: 100 }),
        "{err:?}"
    );
    assert_eq!(
        kw::lock_keyword_quota(&mut c, &a.scope()).unwrap(),
        kw::KeywordQuota {
            limit: 100,
            used: 100
        }
    );
}

#[test]
fn default_keyword_list_is_index_backed_at_100k_rows() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "ex");
    let b = TenantFixture::create(&mut c, "ey");
    for (t, sector, n) in [(&a, 0, 60_000), (&a, 1, 20_000), (&b, 0, 20_000)] {
        diesel::sql_query(format!(
            "INSERT INTO keywords (account_id, site_id, sector_id, keyword, volume, created_at) \
             SELECT {}, {}, {}, 'kw ' || g, g % 5000, now() - g * interval '1 second' FROM generate_series(1, {n}) g",
            t.account_id, t.site_id, t.sector_ids[sector]
        ))
        .execute(&mut c)
        .unwrap();
    }
    diesel::sql_query("ANALYZE keywords")
        .execute(&mut c)
        .unwrap();
    let page = PageRequest::default();
    let cases = [
        (KeywordFilter::default(), format!("{}, 25, 0", a.account_id)),
        (
            KeywordFilter {
                site_id: Some(a.site_id),
                sector_id: Some(a.sector_ids[0]),
                ..Default::default()
            },
            format!(
                "{}, {}, {}, 25, 0",
                a.account_id, a.site_id, a.sector_ids[0]
            ),
        ),
    ];
    for (i, (f, params)) in cases.iter().enumerate() {
        let sql =
            kw::list_keywords_sql(&mut c, &a.scope(), f, kw::DEFAULT_KEYWORD_ORDER, page).unwrap();
        diesel::sql_query(format!("PREPARE list_{i} AS {sql}"))
            .execute(&mut c)
            .unwrap();
        #[derive(QueryableByName)]
        struct Line {
            #[diesel(sql_type = diesel::sql_types::Text, column_name = "QUERY PLAN")]
            line: String,
        }
        let plan: Vec<Line> = diesel::sql_query(format!("EXPLAIN EXECUTE list_{i}({params})"))
            .load(&mut c)
            .unwrap();
        let plan: Vec<String> = plan.into_iter().map(|l| l.line).collect();
        let text = plan.join("\n");
        assert!(
            !text.contains("Seq Scan"),
            "sequential scan in the default list query:\n{sql}\n{text}"
        );
        assert!(
            text.contains("keywords_list") || text.contains("keywords_account_created"),
            "{text}"
        );
    }
    // The SPA's default view (one sector, highest volume first) reads the page from
    // `keywords_list_volume` in order: no sort of the sector's rows, in a generic plan too.
    let order = kernel::Order {
        field: kw::KeywordOrder::Volume,
        descending: true,
    };
    let f = KeywordFilter {
        site_id: Some(a.site_id),
        sector_id: Some(a.sector_ids[0]),
        ..Default::default()
    };
    let sql = kw::list_keywords_sql(
        &mut c,
        &a.scope(),
        &f,
        order,
        PageRequest::new(Some(3), Some(50)),
    )
    .unwrap();
    diesel::sql_query(format!("PREPARE by_volume AS {sql}"))
        .execute(&mut c)
        .unwrap();
    diesel::sql_query("SET plan_cache_mode = force_generic_plan")
        .execute(&mut c)
        .unwrap();
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let plan: Vec<Line> = diesel::sql_query(format!(
        "EXPLAIN EXECUTE by_volume({}, {}, {}, 50, 100)",
        a.account_id, a.site_id, a.sector_ids[0]
    ))
    .load(&mut c)
    .unwrap();
    let text: String = plan.into_iter().map(|l| l.line + "\n").collect();
    assert!(text.contains("keywords_list_volume"), "{sql}\n{text}");
    assert!(!text.contains("Sort"), "{sql}\n{text}");
}

/// Every page of a list read in one statement: walking the pages with many equal volumes
/// gives each keyword exactly once in (volume, id) order, in both directions; the count is
/// exact on every page, past the last page, and after inserts and deletes.
#[test]
fn keyword_pages_are_stable_and_counts_exact() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "pa");
    let b = TenantFixture::create(&mut c, "pb");
    let now = Utc::now();
    let mut made = Vec::new();
    for i in 0..120 {
        // five distinct volumes: long runs of ties that only the id tie-breaker orders
        let k = kw::create_keyword(
            &mut c,
            &a.scope(),
            &new_kw(&a, &format!("kw {i}"), (i % 5) * 10, 1),
            now,
        )
        .unwrap();
        made.push((k.volume, k.id));
    }
    // Another tenant's and another sector's keywords are not counted.
    kw::create_keyword(&mut c, &b.scope(), &new_kw(&b, "other tenant", 10, 1), now).unwrap();
    let mut other_sector = new_kw(&a, "other sector", 10, 1);
    other_sector.sector_id = Some(a.sector_ids[1]);
    kw::create_keyword(&mut c, &a.scope(), &other_sector, now).unwrap();
    let f = KeywordFilter {
        site_id: Some(a.site_id),
        sector_id: Some(a.sector_ids[0]),
        ..Default::default()
    };
    let walk = |c: &mut PgConnection, descending: bool, expected_count: i64| {
        let order = kernel::Order {
            field: kw::KeywordOrder::Volume,
            descending,
        };
        let mut seen = Vec::new();
        for p in 1..=6 {
            let page = kw::list_keywords(
                c,
                &a.scope(),
                &f,
                order,
                PageRequest::new(Some(p), Some(25)),
            )
            .unwrap();
            assert_eq!(page.count, expected_count, "count on page {p}");
            seen.extend(page.items.iter().map(|k| (k.volume, k.id)));
        }
        seen
    };
    let mut expected = made.clone();
    expected.sort_by(|x, y| y.cmp(x));
    assert_eq!(
        walk(&mut c, true, 120),
        expected,
        "highest volume first, ties by id"
    );
    expected.reverse();
    assert_eq!(
        walk(&mut c, false, 120),
        expected,
        "lowest volume first, ties by id"
    );

    // Past the last page: no rows, the count still exact.
    let past = kw::list_keywords(
        &mut c,
        &a.scope(),
        &f,
        kw::DEFAULT_KEYWORD_ORDER,
        PageRequest::new(Some(9), Some(25)),
    )
    .unwrap();
    assert!(past.items.is_empty());
    assert_eq!(past.count, 120);
    assert!(!past.has_next());

    // Deletes and inserts: the count follows exactly.
    for (_, id) in made.iter().take(7) {
        kw::delete_keyword(&mut c, &a.scope(), *id).unwrap();
    }
    for i in 0..3 {
        kw::create_keyword(
            &mut c,
            &a.scope(),
            &new_kw(&a, &format!("late {i}"), 999, 1),
            now,
        )
        .unwrap();
    }
    let first = kw::list_keywords(
        &mut c,
        &a.scope(),
        &f,
        kw::DEFAULT_KEYWORD_ORDER,
        PageRequest::new(Some(1), Some(25)),
    )
    .unwrap();
    assert_eq!(first.count, 116);
    let last = kw::list_keywords(
        &mut c,
        &a.scope(),
        &f,
        kw::DEFAULT_KEYWORD_ORDER,
        PageRequest::new(Some(5), Some(25)),
    )
    .unwrap();
    assert_eq!((last.count, last.items.len()), (116, 16));
    assert_eq!(walk(&mut c, true, 116).len(), 116);

    // Nothing matches: count 0 on the first page and past it.
    let none = KeywordFilter {
        volume_min: Some(100_000),
        ..f.clone()
    };
    for p in [1, 3] {
        let page = kw::list_keywords(
            &mut c,
            &a.scope(),
            &none,
            kw::DEFAULT_KEYWORD_ORDER,
            PageRequest::new(Some(p), Some(25)),
        )
        .unwrap();
        assert_eq!((page.count, page.items.len()), (0, 0));
    }
}
