//! How the real `api` binary starts: migrations and seeds run in a child `api seed`, the OpenAPI
//! document is rendered by a child `api openapi`, and the server serves exactly that document;
//! a child that fails stops the start with a message that says which and why. The maintenance
//! commands need the database only (no secrets).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // the harness serves several test files; this one uses a part
mod harness;

use harness::{Stack, binary, free_port};
use serde_json::Value;
use std::process::Command;

/// The binary with no inherited `IGNY8_*` or `RUST_LOG` setting.
fn api() -> Command {
    let mut cmd = Command::new(binary("api"));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("IGNY8_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd
}

#[test]
fn the_server_serves_the_document_its_child_rendered_after_the_child_seeded() {
    let stack = Stack::start();
    let served = stack
        .http
        .get("/api/schema/")
        .send()
        .expect_status(200)
        .json;
    let out = api().arg("openapi").output().unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(served, printed);
    // the seed child's log is the server's: it ran, before the server listened
    let log = stack.api_lines().join("\n");
    let seeded = log.find("keyword library loaded").expect(&log);
    let listening = log.find("IGNY8 API listening").expect(&log);
    assert!(seeded < listening, "{log}");
    // and it did its work
    let plans = stack
        .http
        .get("/api/v1/auth/plans/")
        .send()
        .expect_status(200);
    assert!(
        !plans.json["results"].as_array().unwrap().is_empty(),
        "{}",
        plans.text
    );
}

#[test]
fn a_server_that_cannot_reach_its_database_stops_and_says_the_seed_step_failed() {
    let dir = tempfile::tempdir().unwrap();
    let dead = format!("postgres://postgres@127.0.0.1:{}/igny8", free_port());
    let out = api()
        .arg("serve")
        .current_dir(dir.path())
        .env("IGNY8_DATABASE_URL", &dead)
        .env("IGNY8_DATA_DIR", dir.path().join("data"))
        .env("IGNY8_BIND", format!("127.0.0.1:{}", free_port()))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("cannot connect to the database"), "{all}");
    assert!(all.contains("`api seed` failed"), "{all}");
}

#[test]
fn migrate_needs_the_database_only_and_says_when_it_is_not_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = api()
        .arg("migrate")
        .current_dir(dir.path())
        .env("IGNY8_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("IGNY8_DATABASE_URL is not set"), "{err}");

    let db = test_support::TestDb::new();
    let out = api()
        .arg("migrate")
        .current_dir(dir.path())
        .env("IGNY8_DATABASE_URL", db.url())
        .env("IGNY8_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("migrations applied"));
    assert!(
        !dir.path().join("data").exists(),
        "no development secret was made: migrate needs none"
    );
}
