//! Billing's tables follow the tenancy rules: every tenant table has `account_id NOT NULL`, a
//! foreign key to accounts and an index that starts with `account_id`; only the global data
//! tables are exempt.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use test_support::TestDb;

/// Global data, allow-listed in the workspace schema test too.
const GLOBAL: &[&str] = &[
    "credit_operation_costs",
    "credit_model_rates",
    "credit_packages",
];
const TENANT: &[&str] = &[
    "credit_balances",
    "credit_transactions",
    "credit_usage_logs",
    "subscriptions",
    "invoice_sequences",
    "invoices",
    "payments",
];

#[derive(QueryableByName)]
struct Flag {
    #[diesel(sql_type = Bool)]
    ok: bool,
}

fn flag(c: &mut PgConnection, sql: &str, table: &str) -> bool {
    diesel::sql_query(sql)
        .bind::<Text, _>(table)
        .get_result::<Flag>(c)
        .unwrap()
        .ok
}

#[test]
fn tenant_tables_are_keyed_by_account() {
    let db = TestDb::new();
    let mut c = db.conn();
    for t in TENANT {
        assert!(
            flag(
                &mut c,
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'account_id' AND is_nullable = 'NO') AS ok",
                t
            ),
            "{t}.account_id NOT NULL"
        );
        assert!(
            flag(
                &mut c,
                "SELECT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] \
                 WHERE k.conrelid = $1::regclass AND k.contype = 'f' AND k.confrelid = 'accounts'::regclass AND a.attname = 'account_id' AND array_length(k.conkey, 1) = 1) AS ok",
                t
            ),
            "{t} has a foreign key account_id → accounts"
        );
        assert!(
            flag(
                &mut c,
                "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] \
                 WHERE i.indrelid = $1::regclass AND a.attname = 'account_id') AS ok",
                t
            ),
            "{t} has an index starting with account_id"
        );
    }
    for t in GLOBAL {
        assert!(
            !flag(
                &mut c,
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'account_id') AS ok",
                t
            ),
            "{t} is global data"
        );
    }
    // children point at parents through (account_id, parent) keys
    for (child, parent) in [
        ("credit_usage_logs", "credit_transactions"),
        ("invoices", "subscriptions"),
        ("payments", "invoices"),
        ("subscriptions", "invoices"),
    ] {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = $1::regclass AND k.contype = 'f' AND k.confrelid = '{parent}'::regclass AND array_length(k.conkey, 1) = 2) AS ok"
        );
        assert!(
            flag(&mut c, &sql, child),
            "{child} → {parent} is a composite (account_id, id) key"
        );
    }
}
