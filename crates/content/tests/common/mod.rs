//! Fixtures of the writer's service tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use content::content::{ContentFields, NewContent};
use content::model::{ContentItem, Task};
use content::tasks::{NewTask, TaskFields};
use diesel::PgConnection;
use diesel::prelude::*;
use kernel::{Role, SiteId, UserId};
use tenancy::Scope;
pub use test_support::{TenantFixture, TestDb};

/// A fresh database with tenants A and B.
pub fn setup() -> (TestDb, TenantFixture, TenantFixture) {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "alice");
    let b = TenantFixture::create(&mut c, "bob");
    drop(c);
    (db, a, b)
}

/// A member of `t` with `role`, optionally granted the tenant's site; returns the scope.
pub fn member(
    c: &mut PgConnection,
    t: &TenantFixture,
    name: &str,
    role: Role,
    granted: bool,
) -> Scope {
    let (uid, _) = t.add_member(c, name, role);
    if granted {
        tenancy::access::grant_access(c, &t.scope(), uid, t.site_id, Utc::now()).unwrap();
    }
    scope_of(t, uid, role)
}

/// A scope for a user of `t`.
pub fn scope_of(t: &TenantFixture, uid: UserId, role: Role) -> Scope {
    Scope::for_tests(t.account_id, Some(uid), role)
}

/// A task on the tenant's site and first sector.
pub fn task(c: &mut PgConnection, t: &TenantFixture, title: &str) -> Task {
    content::tasks::create_task(
        c,
        &t.scope(),
        &NewTask {
            site_id: t.site_id,
            sector_id: t.sector_ids[0],
            fields: TaskFields {
                title: Some(title.into()),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap()
}

/// A content item on the tenant's site and first sector.
pub fn item(c: &mut PgConnection, t: &TenantFixture, title: &str, html: &str) -> ContentItem {
    content::content::create_content(
        c,
        &t.scope(),
        &NewContent {
            site_id: t.site_id,
            sector_id: t.sector_ids[0],
            task_id: None,
            fields: ContentFields {
                title: Some(title.into()),
                content_html: Some(html.into()),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap()
}

/// A second site of the tenant (growth plan allows it).
pub fn second_site(c: &mut PgConnection, t: &TenantFixture) -> SiteId {
    tenancy::sites::create_site(
        c,
        &t.scope(),
        &tenancy::sites::SiteInput {
            name: Some("second site".into()),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap()
    .id
}

/// Rows in a table.
pub fn count(c: &mut PgConnection, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<N>(c)
        .unwrap()
        .n
}

/// A PNG signature and IHDR chunk declaring `w`×`h` (enough for type and size detection).
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend_from_slice(&[0, 0, 0, 13]);
    b.extend_from_slice(b"IHDR");
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    b.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    b
}

/// Real planner rows with fixed ids (writer rows reference clusters and ideas of their own
/// site and sector through composite keys): a cluster `id` in `sector`.
pub fn cluster_row(
    c: &mut PgConnection,
    t: &TenantFixture,
    sector: kernel::SectorId,
    id: i64,
) -> kernel::ClusterId {
    diesel::sql_query(
        "INSERT INTO clusters (id, account_id, site_id, sector_id, name) OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5)",
    )
    .bind::<diesel::sql_types::BigInt, _>(id)
    .bind::<diesel::sql_types::BigInt, _>(t.account_id.get())
    .bind::<diesel::sql_types::BigInt, _>(t.site_id.get())
    .bind::<diesel::sql_types::BigInt, _>(sector.get())
    .bind::<diesel::sql_types::Text, _>(format!("Cluster {id}"))
    .execute(c)
    .unwrap();
    kernel::ClusterId(id)
}

/// An idea `id` in `sector` (optionally in a cluster).
pub fn idea_row(
    c: &mut PgConnection,
    t: &TenantFixture,
    sector: kernel::SectorId,
    cluster: Option<i64>,
    id: i64,
) {
    diesel::sql_query(
        "INSERT INTO content_ideas (id, account_id, site_id, sector_id, cluster_id, idea_title) OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind::<diesel::sql_types::BigInt, _>(id)
    .bind::<diesel::sql_types::BigInt, _>(t.account_id.get())
    .bind::<diesel::sql_types::BigInt, _>(t.site_id.get())
    .bind::<diesel::sql_types::BigInt, _>(sector.get())
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>, _>(cluster)
    .bind::<diesel::sql_types::Text, _>(format!("Idea {id}"))
    .execute(c)
    .unwrap();
}
