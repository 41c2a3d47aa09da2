//! The tenant-isolation rule of the schema, checked against the live catalog:
//! every table outside [`GLOBAL_TABLES`] has `account_id NOT NULL`, a foreign key from
//! `account_id` to `accounts`, an index whose first column is `account_id`, and every foreign key
//! it has to another tenant table is composite and starts with `account_id` (so a row cannot
//! point across tenants).

use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Text};

/// Tables that hold no tenant data (reference data, queue, throttling) or are the tenant root.
pub const GLOBAL_TABLES: &[&str] = &[
    "__diesel_schema_migrations",
    "accounts",
    "fang_tasks",
    "job_outcomes",
    "industries",
    "industry_sectors",
    "plans",
    "rate_limit_hits",
    // billing reference data
    "credit_operation_costs",
    "credit_model_rates",
    "credit_packages",
    // webhook events of card gateways, before they are matched to an account
    "gateway_events",
    "seed_keywords",
];

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Flag {
    #[diesel(sql_type = Bool)]
    ok: bool,
}

#[derive(QueryableByName)]
struct Fk {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    target: String,
    #[diesel(sql_type = Integer)]
    first_is_account: i32,
}

fn flag(conn: &mut PgConnection, sql: &str, table: &str) -> bool {
    diesel::sql_query(sql)
        .bind::<Text, _>(table)
        .get_result::<Flag>(conn)
        .map(|f| f.ok)
        .unwrap_or(false)
}

/// Lists every violation of the rule in the connected database (empty when it holds).
pub fn tenant_table_violations(conn: &mut PgConnection) -> Vec<String> {
    let tables: Vec<String> = diesel::sql_query(
        "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1",
    )
    .load::<Name>(conn)
    .unwrap_or_default()
    .into_iter()
    .map(|n| n.name)
    .collect();
    let mut out = Vec::new();
    for t in tables
        .iter()
        .filter(|t| !GLOBAL_TABLES.contains(&t.as_str()))
    {
        let has_col = flag(
            conn,
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' \
             AND table_name = $1 AND column_name = 'account_id' AND is_nullable = 'NO') AS ok",
            t,
        );
        if !has_col {
            out.push(format!("{t}: no `account_id NOT NULL` column"));
            continue;
        }
        let has_fk = flag(
            conn,
            "SELECT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid \
             AND a.attnum = k.conkey[1] WHERE k.contype = 'f' AND k.conrelid = $1::regclass \
             AND k.confrelid = 'accounts'::regclass AND a.attname = 'account_id' AND array_length(k.conkey, 1) = 1) AS ok",
            t,
        );
        if !has_fk {
            out.push(format!("{t}: no foreign key account_id -> accounts(id)"));
        }
        let has_index = flag(
            conn,
            "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid \
             AND a.attnum = i.indkey[0] WHERE i.indrelid = $1::regclass AND a.attname = 'account_id') AS ok",
            t,
        );
        if !has_index {
            out.push(format!("{t}: no index starting with account_id"));
        }
        let fks: Vec<Fk> = diesel::sql_query(
            "SELECT k.conname::text AS name, k.confrelid::regclass::text AS target, \
             (SELECT CASE WHEN a.attname = 'account_id' THEN 1 ELSE 0 END FROM pg_attribute a \
              WHERE a.attrelid = k.conrelid AND a.attnum = k.conkey[1]) AS first_is_account \
             FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid = $1::regclass",
        )
        .bind::<Text, _>(t)
        .load(conn)
        .unwrap_or_default();
        for fk in fks {
            let target = fk.target.trim_matches('"');
            if target == "accounts" || GLOBAL_TABLES.contains(&target) {
                continue;
            }
            if fk.first_is_account != 1 {
                out.push(format!(
                    "{t}: foreign key {} to tenant table {target} does not start with account_id",
                    fk.name
                ));
            }
        }
    }
    out
}
