//! CSV import against real PostgreSQL: tool exports, bad rows, dedupe, limits, refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use db::schema::keywords;
use diesel::prelude::*;
use planning::Error;
use planning::csv_import::{DEFAULT_MAX_BYTES, ImportReport, ImportTarget, import_keywords_csv};
use planning::model::{Intent, Keyword};
use test_support::{TenantFixture, TestDb};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn target(t: &TenantFixture, sector: usize) -> ImportTarget {
    ImportTarget {
        site_id: Some(t.site_id),
        sector_id: Some(t.sector_ids[sector]),
        max_bytes: DEFAULT_MAX_BYTES,
    }
}

fn import(conn: &mut PgConnection, t: &TenantFixture, bytes: &[u8]) -> Result<ImportReport, Error> {
    import_keywords_csv(
        conn,
        &t.scope(),
        target(t, 0),
        &mut std::io::Cursor::new(bytes),
        Utc::now(),
    )
}

fn stored(conn: &mut PgConnection, t: &TenantFixture) -> Vec<Keyword> {
    keywords::table
        .filter(keywords::account_id.eq(t.account_id))
        .order(keywords::id.asc())
        .select(Keyword::as_select())
        .load(conn)
        .unwrap()
}

fn by_text<'a>(rows: &'a [Keyword], k: &str) -> &'a Keyword {
    rows.iter()
        .find(|r| r.keyword == k)
        .unwrap_or_else(|| panic!("{k} not imported"))
}

#[test]
fn semrush_export_imports_with_duplicate_counted() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "sem");
    let r = import(&mut c, &t, &fixture("semrush.csv")).unwrap();
    assert_eq!(
        (r.created, r.duplicates, r.skipped, r.total_rows),
        (9, 1, 0, 10),
        "{r:?}"
    );
    assert!(r.errors.is_empty());
    let rows = stored(&mut c, &t);
    let k = by_text(&rows, "plumber near me");
    assert_eq!(
        (k.volume, k.difficulty, k.cpc_cents, k.intent),
        (
            Some(246_000),
            Some(72),
            Some(1245),
            Some(Intent::Commercial)
        )
    );
    assert_eq!(
        by_text(&rows, "roto rooter").intent,
        Some(Intent::Navigational)
    );
    assert_eq!(k.site_id, t.site_id);
    assert_eq!(k.sector_id, t.sector_ids[0]);
}

#[test]
fn ahrefs_utf16_tab_export_imports() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "ahr");
    let r = import(&mut c, &t, &fixture("ahrefs.csv")).unwrap();
    assert_eq!(
        (r.created, r.duplicates, r.skipped, r.total_rows),
        (8, 0, 0, 8),
        "{r:?}"
    );
    let rows = stored(&mut c, &t);
    let k = by_text(&rows, "best crm software");
    // "Volume", not "Global volume"; CPC in dollars becomes cents.
    assert_eq!(
        (k.volume, k.difficulty, k.cpc_cents, k.country.as_deref()),
        (Some(27_000), Some(74), Some(1850), Some("US"))
    );
    assert_eq!(
        by_text(&rows, "crm software comparison").country.as_deref(),
        Some("GB")
    );
    let blank = by_text(&rows, "crm pricing");
    assert_eq!((blank.difficulty, blank.cpc_cents), (None, None));
}

#[test]
fn keyword_planner_utf16_with_preamble_and_ranges_imports() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "gkp");
    let r = import(&mut c, &t, &fixture("google_keyword_planner.csv")).unwrap();
    assert_eq!(
        (r.created, r.duplicates, r.skipped, r.total_rows),
        (6, 0, 0, 6),
        "{r:?}"
    );
    let rows = stored(&mut c, &t);
    // "10K – 100K" is the midpoint; the bid's high range is the CPC.
    assert_eq!(
        (
            by_text(&rows, "yoga classes").volume,
            by_text(&rows, "yoga classes").cpc_cents
        ),
        (Some(55_000), Some(385))
    );
    assert_eq!(by_text(&rows, "yoga for beginners").volume, Some(550_000));
    assert_eq!(by_text(&rows, "prenatal yoga").volume, Some(5_500));
}

#[test]
fn search_console_and_european_exports_import() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "gsc");
    let r = import(&mut c, &t, &fixture("search_console.csv")).unwrap();
    assert_eq!((r.created, r.total_rows), (5, 5), "{r:?}");
    let rows = stored(&mut c, &t);
    assert_eq!(
        by_text(&rows, "running shoes").volume,
        None,
        "Search Console has no volume"
    );
    let r = import(&mut c, &t, &fixture("european_semicolon.csv")).unwrap();
    assert_eq!((r.created, r.skipped), (3, 0), "{r:?}");
    let rows = stored(&mut c, &t);
    let k = by_text(&rows, "zahnarzt notdienst");
    assert_eq!(
        (k.volume, k.cpc_cents, k.country.as_deref()),
        (Some(1200), Some(125), Some("DE"))
    );
    assert_eq!(by_text(&rows, "implantate kosten").volume, Some(12_100));
    assert_eq!(
        by_text(&rows, "zahnreinigung preis").country.as_deref(),
        Some("DE")
    );
}

#[test]
fn bad_rows_are_reported_by_row_and_good_rows_imported() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "bad");
    let r = import(&mut c, &t, &fixture("bad_rows.csv")).unwrap();
    assert_eq!(
        (r.created, r.duplicates, r.skipped, r.total_rows),
        (3, 0, 4, 7),
        "{r:?}"
    );
    let rows: Vec<u64> = r.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![2, 3, 4, 6], "{r:?}");
    assert!(r.errors[0].reason.contains("empty"), "{r:?}");
    assert!(r.errors[1].reason.contains("volume"), "{r:?}");
    assert!(r.errors[2].reason.contains("difficulty"), "{r:?}");
    assert!(r.errors[3].reason.contains("country"), "{r:?}");
    let stored = stored(&mut c, &t);
    assert_eq!(stored.len(), 3);
    assert_eq!(
        by_text(&stored, "link building services").volume,
        Some(5_500)
    );
}

#[test]
fn duplicates_against_existing_rows_and_case_are_counted_not_inserted() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "dup");
    import(&mut c, &t, b"keyword\nalpha\nbeta\n").unwrap();
    let r = import(&mut c, &t, b"keyword\n  ALPHA \ngamma\ngamma\nBeta\n").unwrap();
    assert_eq!(
        (r.created, r.duplicates, r.skipped, r.total_rows),
        (1, 3, 0, 4),
        "{r:?}"
    );
    assert_eq!(stored(&mut c, &t).len(), 3);
    // Another sector of the same site is a separate namespace.
    let other = ImportTarget {
        sector_id: Some(t.sector_ids[1]),
        ..target(&t, 0)
    };
    let r = import_keywords_csv(
        &mut c,
        &t.scope(),
        other,
        &mut &b"keyword\nalpha\n"[..],
        Utc::now(),
    )
    .unwrap();
    assert_eq!(r.created, 1);
}

#[test]
fn plan_limit_imports_up_to_the_limit_and_reports_the_rest() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create_on_plan(&mut c, "lim", "free"); // 100 keywords
    let mut csv = String::from("keyword,volume\n");
    for i in 0..120 {
        csv.push_str(&format!("kw {i},{i}\n"));
    }
    let r = import(&mut c, &t, csv.as_bytes()).unwrap();
    assert_eq!(
        (r.created, r.duplicates, r.skipped, r.total_rows),
        (100, 0, 20, 120),
        "{r:?}"
    );
    assert_eq!(r.errors.len(), 20);
    assert_eq!(r.errors[0].row, 101, "file order decides who gets in");
    assert!(r.errors[0].reason.contains("100"), "{r:?}");
    assert_eq!(stored(&mut c, &t).len(), 100);
}

#[test]
fn binary_files_empty_files_and_files_without_keyword_column_are_refused_and_write_nothing() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "bin");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    assert!(matches!(
        import(&mut c, &t, &png),
        Err(Error::InvalidCsv(_))
    ));
    assert!(matches!(import(&mut c, &t, b""), Err(Error::InvalidCsv(_))));
    let err = import(&mut c, &t, b"name,volume\nfoo,10\n").unwrap_err();
    assert!(
        matches!(&err, Error::InvalidCsv(m) if m.contains("keyword column")),
        "{err:?}"
    );
    assert!(stored(&mut c, &t).is_empty());
}

#[test]
fn a_file_over_the_limit_is_refused_after_rows_were_copied_and_writes_nothing() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "big");
    let mut csv = String::from("keyword\n");
    for i in 0..20_000 {
        csv.push_str(&format!("keyword number {i}\n"));
    }
    let small = ImportTarget {
        max_bytes: 100_000,
        ..target(&t, 0)
    };
    let err = import_keywords_csv(&mut c, &t.scope(), small, &mut csv.as_bytes(), Utc::now())
        .unwrap_err();
    assert!(
        matches!(err, Error::PayloadTooLarge { limit: 100_000 }),
        "{err:?}"
    );
    assert!(stored(&mut c, &t).is_empty());
}

#[test]
fn viewers_cannot_import_and_other_tenants_sites_are_unknown() {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "va");
    let b = TenantFixture::create(&mut c, "vb");
    let viewer = tenancy::Scope::for_tests(a.account_id, None, kernel::Role::Viewer);
    let err = import_keywords_csv(
        &mut c,
        &viewer,
        target(&a, 0),
        &mut &b"keyword\nx\n"[..],
        Utc::now(),
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::Tenancy(tenancy::Error::PermissionDenied)),
        "{err:?}"
    );
    let err = import_keywords_csv(
        &mut c,
        &a.scope(),
        target(&b, 0),
        &mut &b"keyword\nx\n"[..],
        Utc::now(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f.fields().contains_key("site_id")),
        "{err:?}"
    );
    assert!(stored(&mut c, &b).is_empty());
}

#[test]
fn an_export_imports_back_with_the_same_values() {
    let db = TestDb::new();
    let mut c = db.conn();
    let t = TenantFixture::create(&mut c, "rt");
    import(&mut c, &t, &fixture("semrush.csv")).unwrap();
    let mut out = Vec::new();
    let f = planning::keywords::KeywordFilter {
        sector_id: Some(t.sector_ids[0]),
        ..Default::default()
    };
    let n = planning::keywords::export_keywords(
        &mut c,
        &t.scope(),
        &f,
        planning::keywords::DEFAULT_KEYWORD_ORDER,
        &mut out,
    )
    .unwrap();
    assert_eq!(n, 9);
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        text.starts_with(
            "keyword,volume,difficulty,intent,cpc,country,status,disabled,cluster,created_at\n"
        ),
        "{text}"
    );
    let other = ImportTarget {
        sector_id: Some(t.sector_ids[1]),
        ..target(&t, 0)
    };
    let r =
        import_keywords_csv(&mut c, &t.scope(), other, &mut out.as_slice(), Utc::now()).unwrap();
    assert_eq!((r.created, r.skipped), (9, 0), "{r:?}");
    let rows = stored(&mut c, &t);
    let copies: Vec<&Keyword> = rows
        .iter()
        .filter(|k| k.sector_id == t.sector_ids[1])
        .collect();
    let k = copies
        .iter()
        .find(|k| k.keyword == "plumber near me")
        .unwrap();
    assert_eq!(
        (k.volume, k.difficulty, k.cpc_cents, k.intent),
        (
            Some(246_000),
            Some(72),
            Some(1245),
            Some(Intent::Commercial)
        )
    );
}
