//! Who owns a table (STYLE.md): every table is queried only by the crate whose migration created
//! it, unless docs/ARCHITECTURE.md lists the access under "Cross-domain table access (checked)".
//! Also checks the check: planted sideways queries are caught, documented ones accepted, crate
//! paths and variables are not mistaken for tables, and every table has an owner.
//! No database needed: `cargo test -p test-support --test table_ownership`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use test_support::table_owners::{
    CheckError, PREFIX_OWNERS, TABLE_OWNERS, TableRef, Violation, check_workspace,
    migration_tables, owner_of, parse_exceptions, scan_source, schema_tables,
};
use test_support::workspace_root;

// ---- the real tree ----------------------------------------------------------------------------

#[test]
fn no_crate_queries_a_table_another_crate_owns() {
    let report = check_workspace(&workspace_root()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.violations.is_empty(),
        "\n{}",
        report.violations_message()
    );
}

#[test]
fn every_documented_exception_is_still_used() {
    let report = check_workspace(&workspace_root()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.unused_exceptions.is_empty(),
        "\n{}",
        report.unused_exceptions_message()
    );
}

#[test]
fn every_table_has_exactly_one_owner() {
    let root = workspace_root();
    let created = migration_tables(&root).unwrap();
    assert!(
        created.len() >= TABLE_OWNERS.len(),
        "found only {} CREATE TABLE statements",
        created.len()
    );
    let unowned: Vec<String> = created
        .iter()
        .filter(|(t, _, _)| owner_of(t).is_none())
        .map(|(t, file, line)| format!("  {file}:{line}: {t}"))
        .collect();
    assert!(
        unowned.is_empty(),
        "tables without an owner; add them to test_support::table_owners::TABLE_OWNERS:\n{}",
        unowned.join("\n")
    );

    let in_schema: Vec<String> = schema_tables(&root)
        .unwrap()
        .into_iter()
        .filter(|t| owner_of(t).is_none())
        .collect();
    assert!(
        in_schema.is_empty(),
        "db::schema tables without an owner: {in_schema:?}"
    );

    let created_names: BTreeSet<&str> = created.iter().map(|(t, _, _)| t.as_str()).collect();
    let stale: Vec<&str> = TABLE_OWNERS
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| !created_names.contains(t))
        .collect();
    assert!(
        stale.is_empty(),
        "TABLE_OWNERS names tables no migration creates: {stale:?}"
    );

    let mut seen = BTreeSet::new();
    for (t, _) in TABLE_OWNERS {
        assert!(seen.insert(*t), "`{t}` is listed twice in TABLE_OWNERS");
        assert!(
            !PREFIX_OWNERS.iter().any(|(p, _)| t.starts_with(p)),
            "`{t}` is owned by name and by prefix"
        );
    }
}

#[test]
fn tables_being_added_by_automation_are_owned_by_it() {
    for t in [
        "automation_configs",
        "automation_runs",
        "automation_run_items",
        "automation_events",
    ] {
        assert_eq!(owner_of(t), Some("automation"), "{t}");
    }
}

// ---- the check itself, on small fake workspaces ----------------------------------------------

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A workspace with two planted sideways queries (content → planning's `keywords` through
/// diesel, automation → billing's `credit_transactions` through raw SQL), one in a bin, and the
/// owners' own legitimate queries.
fn planted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "crates/db/src/lib.rs", "pub mod schema;\n");
    write(
        root,
        "crates/planning/src/keywords.rs",
        "use db::schema::keywords;\n\
         pub fn count(c: &mut PgConnection) -> i64 {\n\
             keywords::table.count().get_result(c).unwrap_or(0)\n\
         }\n",
    );
    write(
        root,
        "crates/content/src/sideways.rs",
        "//! Reads the planner's keywords directly.\n\
         use db::schema::keywords;\n\
         use diesel::prelude::*;\n\
         \n\
         pub fn names(c: &mut PgConnection, account: i64) -> Vec<String> {\n\
             keywords::table\n\
                 .filter(keywords::account_id.eq(account))\n\
                 .select(keywords::keyword)\n\
                 .load(c)\n\
                 .unwrap_or_default()\n\
         }\n",
    );
    write(
        root,
        "crates/automation/src/charge.rs",
        "pub fn charged(c: &mut PgConnection, key: &str) -> bool {\n\
             diesel::sql_query(\n\
                 \"SELECT id FROM credit_transactions WHERE idempotency_key = $1\",\n\
             )\n\
             .bind::<Text, _>(key)\n\
             .execute(c)\n\
             .map(|n| n > 0)\n\
             .unwrap_or(false)\n\
         }\n",
    );
    write(
        root,
        "bins/worker/src/housekeeping.rs",
        "pub fn beat(c: &mut PgConnection) {\n\
             let _ = diesel::sql_query(\"UPDATE fang_tasks SET updated_at = now()\").execute(c);\n\
         }\n",
    );
    // Tests and test-support are not scanned.
    write(
        root,
        "crates/content/tests/fixtures.rs",
        "use db::schema::keywords;\nfn f() { keywords::table; }\n",
    );
    write(
        root,
        "crates/test-support/src/lib.rs",
        "fn f() { db::schema::plans::table; }\n",
    );
    dir
}

fn violation(krate: &str, file: &str, line: usize, table: &str, owner: &str) -> Violation {
    Violation {
        crate_name: krate.into(),
        file: file.into(),
        line,
        table: table.into(),
        owner: owner.into(),
    }
}

#[test]
fn planted_cross_domain_queries_are_caught_with_file_and_line() {
    let ws = planted();
    let report = check_workspace(ws.path()).unwrap();
    assert_eq!(
        report.violations,
        vec![
            violation(
                "automation",
                "crates/automation/src/charge.rs",
                3,
                "credit_transactions",
                "billing"
            ),
            violation(
                "content",
                "crates/content/src/sideways.rs",
                2,
                "keywords",
                "planning"
            ),
            violation(
                "content",
                "crates/content/src/sideways.rs",
                6,
                "keywords",
                "planning"
            ),
            violation(
                "content",
                "crates/content/src/sideways.rs",
                7,
                "keywords",
                "planning"
            ),
            violation(
                "content",
                "crates/content/src/sideways.rs",
                8,
                "keywords",
                "planning"
            ),
            violation(
                "worker",
                "bins/worker/src/housekeeping.rs",
                2,
                "fang_tasks",
                "db"
            ),
        ]
    );
    // The owner's own query is a reference, not a violation.
    assert!(report.references.contains(&TableRef {
        crate_name: "planning".into(),
        file: "crates/planning/src/keywords.rs".into(),
        line: 3,
        table: "keywords".into(),
    }));
    let msg = report.violations_message();
    for needle in [
        "content → keywords (owned by planning)",
        "crates/content/src/sideways.rs:2",
        "automation → credit_transactions (owned by billing)",
        "crates/automation/src/charge.rs:3",
        "Cross-domain table access (checked)",
    ] {
        assert!(msg.contains(needle), "{needle:?} missing from:\n{msg}");
    }
}

#[test]
fn a_documented_exception_is_accepted_and_an_undocumented_one_is_not() {
    let ws = planted();
    write(
        ws.path(),
        "docs/ARCHITECTURE.md",
        "# Architecture\n\n\
         Prose that mentions content → keywords: is not an exception.\n\n\
         ### Cross-domain table access (checked)\n\n\
         - content → keywords: shows keyword names next to a task\n\
         - worker → `fang_tasks`: the housekeeper's heartbeat\n\
         - content → clusters: no code does this any more\n\n\
         ## Next section\n\n\
         - automation → credit_transactions: outside the section, so not an exception\n",
    );
    let report = check_workspace(ws.path()).unwrap();
    assert_eq!(
        report.violations,
        vec![violation(
            "automation",
            "crates/automation/src/charge.rs",
            3,
            "credit_transactions",
            "billing"
        )]
    );
    let unused: Vec<(String, String, usize)> = report
        .unused_exceptions
        .iter()
        .map(|e| (e.crate_name.clone(), e.table.clone(), e.line))
        .collect();
    assert_eq!(unused, vec![("content".into(), "clusters".into(), 9)]);
}

#[test]
fn a_malformed_or_meaningless_exception_fails_the_check() {
    let cases = [
        (
            "- content keywords: no arrow",
            "expected `- <crate> → <table>",
        ),
        ("- content → keywords", "expected `- <crate> → <table>"),
        ("- planning → keywords: its own table", "owns `keywords`"),
        ("- content → keyword_typo: unknown", "not a known table"),
        ("- contnet → keywords: unknown crate", "not a crate"),
    ];
    for (line, expected) in cases {
        let ws = planted();
        write(
            ws.path(),
            "docs/ARCHITECTURE.md",
            &format!("### Cross-domain table access (checked)\n\n{line}\n"),
        );
        match check_workspace(ws.path()) {
            Err(e @ CheckError::Exceptions(_)) => {
                let msg = e.to_string();
                assert!(
                    msg.contains(expected) && msg.contains("docs/ARCHITECTURE.md:3"),
                    "{line}: {msg}"
                );
            }
            other => panic!("{line}: expected an exceptions error, got {other:?}"),
        }
    }
}

#[test]
fn crate_paths_variables_and_prose_are_not_table_references() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "crates/automation/src/steps.rs",
        "use content::images::{self, ImageInput};\n\
         use planning::keywords as kw;\n\
         \n\
         /// Loads the task, then FROM content … (doc comments are not SQL).\n\
         pub fn step(conn: &mut PgConnection, scope: &Scope, id: TaskId) -> Result<()> {\n\
             let task = content::tasks::get_task(conn, scope, id)?;\n\
             let images: Vec<ImageInput> = Vec::new();\n\
             let keywords = kw::list_keywords(conn, scope, &Default::default())?;\n\
             let tasks = vec![task];\n\
             let clusters = planning::clusters::list(conn, scope)?;\n\
             images::create_many(conn, scope, &images)?;\n\
             tracing::info!(\"saved {} images from content into tasks\", images.len());\n\
             let msg = format!(\"Update content for {}\", keywords.len() + tasks.len() + clusters.len());\n\
             let content = msg;\n\
             let _ = content.len();\n\
             Ok(())\n\
         }\n",
    );
    write(
        root,
        "bins/api/src/routes/dto.rs",
        "#[derive(utoipa::ToSchema)]\n\
         pub struct Dto {\n\
             #[schema(value_type = i64, example = \"keywords\")]\n\
             pub content: i64,\n\
         }\n",
    );
    let report = check_workspace(root).unwrap();
    assert_eq!(report.references, vec![]);
}

// ---- the matcher, on single files ------------------------------------------------------------

fn tables(src: &str, krate: &str) -> Vec<(usize, String)> {
    scan_source(src, krate)
}

fn t(line: usize, name: &str) -> (usize, String) {
    (line, name.to_owned())
}

#[test]
fn owners_by_name_and_prefix() {
    assert_eq!(owner_of("keywords"), Some("planning"));
    assert_eq!(owner_of("automation_runs"), Some("automation"));
    assert_eq!(owner_of("sync_jobs"), Some("integration"));
    assert_eq!(owner_of("automation_"), None);
    assert_eq!(owner_of("keyword"), None);
}

#[test]
fn use_groups_aliases_and_paths() {
    let src = "use db::schema::{clusters, content as content_t, keywords::dsl as k};\n\
               fn f() {\n\
               let a = clusters::table;\n\
               let b = content_t::table.filter(content_t::id.eq(1));\n\
               let c = k::keywords.select(k::id);\n\
               }\n";
    assert_eq!(
        tables(src, "automation"),
        vec![
            t(1, "clusters"),
            t(1, "content"),
            t(1, "keywords"),
            t(3, "clusters"),
            t(4, "content"),
            t(5, "keywords"),
        ]
    );
}

#[test]
fn full_paths_globs_and_table_name() {
    let src = "fn f() { db::schema::accounts::table.find(1); }\n\
               use db::schema::*;\n\
               #[diesel(table_name = invoices)]\n\
               struct I;\n\
               fn g() { payments::table; }\n";
    assert_eq!(
        tables(src, "x"),
        vec![t(1, "accounts"), t(3, "invoices"), t(5, "payments")]
    );
}

#[test]
fn schema_module_import_and_nested_use() {
    let src = "use db::{DbError, schema::{self, users}};\n\
               use schema::sites as s;\n\
               fn f() { schema::plans::table; s::id; }\n";
    assert_eq!(
        tables(src, "x"),
        vec![t(1, "users"), t(2, "sites"), t(3, "plans"), t(3, "sites")]
    );
}

#[test]
fn crate_paths_variables_and_comments_are_not_tables() {
    let src = "use content::tasks;\n\
               // db::schema::keywords::table and FROM keywords in a comment\n\
               /* SELECT * FROM clusters */\n\
               fn f(images: Vec<u8>, keywords: &[String]) {\n\
               let t = content::tasks::get_task(conn, scope, id);\n\
               let x = tasks::list(conn);\n\
               let n = images.len() + keywords.len();\n\
               let m = format!(\"{} images from content\", n);\n\
               let s: &'static str = \"keywords\";\n\
               let c = '\"';\n\
               }\n";
    assert_eq!(tables(src, "automation"), vec![]);
}

#[test]
fn crate_relative_paths_are_not_schema_paths() {
    // `crate::images::…` in the content crate is the crate's module even though the file
    // imports the `content` table.
    let src = "use db::schema::content;\n\
               use crate::{Error, model::TaskStatus};\n\
               fn f() {\n\
               let _ = crate::images::get_image(conn, scope, id);\n\
               let _ = Error::NotFound;\n\
               let _ = TaskStatus::Queued;\n\
               let _ = content::table.filter(content::id.eq(1));\n\
               }\n";
    assert_eq!(
        tables(src, "content"),
        vec![t(1, "content"), t(7, "content")]
    );
    // Inside db, `crate::schema::x` is `db::schema::x`.
    assert_eq!(
        tables("fn f() { crate::schema::users::table; }", "db"),
        vec![t(1, "users")]
    );
}

#[test]
fn utoipa_schema_attributes_are_not_db_schema() {
    let src = "#[schema(value_type = i64)]\nstruct A { #[schema(example = \"x\")] content: i64 }\n";
    assert_eq!(tables(src, "api"), vec![]);
}

#[test]
fn sql_in_strings() {
    let src = "fn f() {\n\
               sql_query(\"SELECT id FROM credit_transactions WHERE x\");\n\
               sql_query(\n    \"UPDATE fang_tasks AS t\n        SET a = 1\n       FROM unnest($1) AS f(id)\",\n);\n\
               sql_query(r#\"select * from public.\"keywords\" k, clusters c join Content ct on 1=1\"#);\n\
               sql_query(\"INSERT INTO \\\n  ai_tasks (a) VALUES (1) ON CONFLICT DO UPDATE SET a = 2\");\n\
               sql_query(\"SELECT 1 FROM x WHERE a IS DISTINCT FROM content FOR UPDATE SKIP LOCKED\");\n\
               }\n";
    assert_eq!(
        tables(src, "x"),
        vec![
            t(2, "credit_transactions"),
            t(4, "fang_tasks"),
            t(8, "clusters"),
            t(8, "content"),
            t(8, "keywords"),
            t(10, "ai_tasks"),
        ]
    );
}

#[test]
fn runtime_table_names() {
    let src = "fn f(k: u8) {\n\
               let table = match k { 0 => \"keywords\", _ => \"images\" };\n\
               let label = \"content\";\n\
               sql_query(format!(\"SELECT id FROM {table} WHERE a = $1\"));\n\
               }\n";
    // The literals that make up `table`; not the label.
    assert_eq!(
        tables(src, "automation"),
        vec![t(2, "images"), t(2, "keywords")]
    );
    // A const, and a format argument.
    let src = "const TABLE: &str = \"clusters\";\n\
               fn f() { sql_query(format!(\"DELETE FROM {TABLE} WHERE x\")); }\n\
               fn g() { sql_query(format!(\"SELECT 1 FROM {t}\", t = \"tasks\")); let o = \"images\"; }\n";
    assert_eq!(tables(src, "x"), vec![t(1, "clusters"), t(3, "tasks")]);
    // Positional, or defined elsewhere: every bare table-name literal of the file.
    let src = "fn f(table: &str) { sql_query(format!(\"SELECT 1 FROM {table}\")); }\n\
               fn g() { f(\"keywords\"); }\n";
    assert_eq!(tables(src, "x"), vec![t(2, "keywords")]);
    let src = "fn f() { sql_query(format!(\"SELECT 1 FROM {}\", \"clusters\")); }\n";
    assert_eq!(tables(src, "x"), vec![t(1, "clusters")]);
    // Without a run-time table name a bare literal is just a word.
    assert_eq!(tables("fn f() { let a = \"keywords\"; }", "x"), vec![]);
}

#[test]
fn exceptions_parse_and_reject_malformed_bullets() {
    let doc = "# A\n- not → here: outside\n### Cross-domain table access (checked)\n\
               Prose line.\n\
               - billing → accounts: writes `plan_id`: and status\n\
               - `worker` -> `fang_tasks`, `plans`: housekeeping\n\
               ## Next\n- x → y: after\n";
    let e = parse_exceptions(doc).unwrap();
    let pairs: Vec<(String, String, usize)> = e
        .iter()
        .map(|e| (e.crate_name.clone(), e.table.clone(), e.line))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("billing".into(), "accounts".into(), 5),
            ("worker".into(), "fang_tasks".into(), 6),
            ("worker".into(), "plans".into(), 6),
        ]
    );
    assert_eq!(e[0].reason, "writes `plan_id`: and status");
    let bad = "### Cross-domain table access (checked)\n- billing accounts: no arrow\n\
               - billing → accounts\n";
    assert_eq!(parse_exceptions(bad).unwrap_err().len(), 2);
}
