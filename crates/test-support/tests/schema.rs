//! The database enforces tenant ownership on every tenant table.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::RunQueryDsl;
use test_support::TestDb;
use test_support::schema_check::tenant_table_violations;

#[test]
fn every_tenant_table_has_account_id_fk_and_index() {
    let db = TestDb::new();
    let v = tenant_table_violations(&mut db.conn());
    assert!(
        v.is_empty(),
        "tenant tables breaking the isolation rule:\n{}",
        v.join("\n")
    );
}

#[test]
fn the_check_catches_each_kind_of_violation() {
    let db = TestDb::new();
    let mut c = db.conn();
    diesel::sql_query("CREATE TABLE no_account (id bigint PRIMARY KEY)")
        .execute(&mut c)
        .unwrap();
    diesel::sql_query("CREATE TABLE no_fk (id bigint PRIMARY KEY, account_id bigint NOT NULL)")
        .execute(&mut c)
        .unwrap();
    diesel::sql_query("CREATE INDEX no_fk_acc ON no_fk (account_id)")
        .execute(&mut c)
        .unwrap();
    diesel::sql_query("CREATE TABLE no_index (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id))").execute(&mut c).unwrap();
    diesel::sql_query(
        "CREATE TABLE cross_ref (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id), \
         site_id bigint REFERENCES sites (id))",
    )
    .execute(&mut c)
    .unwrap();
    diesel::sql_query("CREATE INDEX cross_ref_acc ON cross_ref (account_id)")
        .execute(&mut c)
        .unwrap();
    let v = tenant_table_violations(&mut c).join("\n");
    assert!(v.contains("no_account: no `account_id NOT NULL`"), "{v}");
    assert!(v.contains("no_fk: no foreign key"), "{v}");
    assert!(v.contains("no_index: no index"), "{v}");
    assert!(
        v.contains("cross_ref: foreign key") && v.contains("sites"),
        "{v}"
    );
    assert!(
        !v.contains("users:") && !v.contains("sectors:"),
        "real tables pass: {v}"
    );
}
