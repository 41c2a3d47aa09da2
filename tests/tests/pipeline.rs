//! The automation pipeline end to end: the real `api` and `worker` binaries on a fresh
//! database, driven over HTTP like a user — sign-up, a paid plan approved by staff, a site with
//! sectors, a keyword CSV, a run followed live over server-sent events — and a run whose worker
//! is `kill -9`ed in every stage, which must end exactly like an uninterrupted one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

use diesel::sql_types::{BigInt, Bool, Nullable, SmallInt, Text};
use diesel::{PgConnection, QueryableByName, RunQueryDsl};
use harness::{Http, Stack, wait_until};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::thread;
use std::time::{Duration, Instant};

const PASSWORD: &str = "Owner-E2e-Secret-Pass-1";

// ---------------------------------------------------------------------------------------------
// A user's steps

/// A signed-up account with a site and a sector.
struct Tenant {
    token: String,
    account_id: i64,
    site_id: i64,
    sector_id: i64,
}

/// Registers an owner; returns the access token and the account (as the API shows it).
fn sign_up(http: &Http, email: &str, account_name: &str, plan: Option<&str>) -> (String, Value) {
    let mut body = json!({"email": email, "password": PASSWORD, "account_name": account_name});
    if let Some(p) = plan {
        body["plan_slug"] = json!(p);
    }
    let r = http
        .post("/api/v1/auth/register/")
        .json(&body)
        .send()
        .expect_status(201);
    (
        r.data()["access"].as_str().unwrap().to_owned(),
        r.data()["account"].clone(),
    )
}

/// Pays the open subscription invoice by bank transfer; staff approves the payment.
fn pay_subscription(http: &Http, token: &str, staff: &str) {
    let sub = http
        .get("/api/v1/billing/subscription/")
        .bearer(token)
        .send()
        .expect_status(200);
    assert_eq!(sub.data()["status"], "pending", "{}", sub.text);
    let invoice = sub.data()["open_invoice_id"].as_i64().unwrap();
    let pay = http
        .post("/api/v1/billing/payments/manual/")
        .bearer(token)
        .json(&json!({"invoice_id": invoice, "payment_method": "bank_transfer", "transaction_reference": "E2E-TRX-1"}))
        .send()
        .expect_status(201);
    let ok = http
        .post(&format!(
            "/api/v1/admin/payments/{}/approve/",
            pay.data()["id"]
        ))
        .bearer(staff)
        .send()
        .expect_status(200);
    assert_eq!(ok.data()["invoice"]["status"], "paid");
}

/// Creates a site, picks the first industry with two sectors or more and selects two of
/// them; returns the site and its first sector.
fn create_site(http: &Http, token: &str, name: &str, domain: &str) -> (i64, i64) {
    let site = http
        .post("/api/v1/auth/sites/")
        .bearer(token)
        .json(&json!({"name": name, "domain": domain}))
        .send()
        .expect_status(201);
    let site_id = site.data()["id"].as_i64().unwrap();
    let industries = http
        .get("/api/v1/auth/industries/?page_size=200")
        .send()
        .expect_status(200);
    let industry = industries.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["sectors"].as_array().is_some_and(|s| s.len() >= 2))
        .expect("an industry with two sectors")
        .clone();
    let sector_slugs: Vec<&Value> = industry["sectors"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|s| &s["slug"])
        .collect();
    let sel = http
        .post(&format!("/api/v1/auth/sites/{site_id}/select_sectors/"))
        .bearer(token)
        .json(&json!({"industry_slug": industry["slug"], "sector_slugs": sector_slugs}))
        .send()
        .expect_status(200);
    assert_eq!(sel.data().as_array().unwrap().len(), 2, "{}", sel.text);
    let sectors = http
        .get(&format!("/api/v1/auth/sites/{site_id}/sectors/"))
        .bearer(token)
        .send()
        .expect_status(200);
    (site_id, sectors.json["results"][0]["id"].as_i64().unwrap())
}

/// `n` distinct keywords, as CSV: topic by topic, ten modifiers each, so that a clustering
/// batch of a multiple of ten sees whole topics.
fn keywords_csv(n: usize) -> String {
    const TOPICS: [&str; 30] = [
        "running shoes",
        "yoga mat",
        "espresso machine",
        "standing desk",
        "air fryer",
        "hiking boots",
        "robot vacuum",
        "electric bike",
        "gaming chair",
        "noise cancelling headphones",
        "mechanical keyboard",
        "camping tent",
        "water filter",
        "baby stroller",
        "dash cam",
        "smart thermostat",
        "pressure cooker",
        "road bike helmet",
        "trail running vest",
        "sleeping bag",
        "portable charger",
        "office monitor",
        "kayak paddle",
        "rice cooker",
        "stand mixer",
        "ski goggles",
        "fitness tracker",
        "dog harness",
        "air purifier",
        "cordless drill",
    ];
    const MODIFIERS: [&str; 10] = [
        "best",
        "cheap",
        "review",
        "for beginners",
        "vs",
        "how to choose",
        "under 100",
        "2026",
        "guide",
        "deals",
    ];
    let mut out = String::from("keyword,volume,difficulty\n");
    let mut i = 0;
    'all: for t in TOPICS {
        for m in MODIFIERS {
            if i == n {
                break 'all;
            }
            out.push_str(&format!("{m} {t},{},{}\n", 100 + i * 7, 10 + i % 80));
            i += 1;
        }
    }
    assert_eq!(i, n, "not enough keyword combinations");
    out
}

fn import_keywords(http: &Http, t: &Tenant, csv: String, n: usize) {
    let r = http
        .post(&format!(
            "/api/v1/planner/keywords/import_csv/?site_id={}&sector_id={}",
            t.site_id, t.sector_id
        ))
        .bearer(&t.token)
        .body("text/csv", csv)
        .send()
        .expect_status(200);
    assert_eq!(r.data()["created"], n, "{}", r.text);
}

fn configure(http: &Http, t: &Tenant, batch_sizes: [i32; 6]) {
    let r = http
        .put(&format!(
            "/api/v1/automation/update_config/?site_id={}",
            t.site_id
        ))
        .bearer(&t.token)
        .json(&json!({
            "within_stage_delay_secs": 0,
            "between_stage_delay_secs": 0,
            "stage_1_batch_size": batch_sizes[0],
            "stage_2_batch_size": batch_sizes[1],
            "stage_3_batch_size": batch_sizes[2],
            "stage_4_batch_size": batch_sizes[3],
            "stage_5_batch_size": batch_sizes[4],
            "stage_6_batch_size": batch_sizes[5],
            "auto_approve": true,
        }))
        .send()
        .expect_status(200);
    assert_eq!(r.data()["stage_1_batch_size"], batch_sizes[0]);
    assert_eq!(r.data()["within_stage_delay_secs"], 0);
}

/// The run estimate of the tenant's site.
fn estimate(http: &Http, t: &Tenant) -> Value {
    http.get(&format!(
        "/api/v1/automation/estimate/?site_id={}",
        t.site_id
    ))
    .bearer(&t.token)
    .send()
    .expect_status(200)
    .data()
    .clone()
}

/// Staff adds `amount` bonus credits to the tenant's account.
fn add_credits(http: &Http, staff: &str, t: &Tenant, amount: i64) {
    http.post(&format!(
        "/api/v1/admin/accounts/{}/adjust_credits/",
        t.account_id
    ))
    .bearer(staff)
    .json(&json!({"amount": amount, "reason": "e2e: automation budget", "idempotency_key": format!("e2e-topup-{}", t.account_id)}))
    .send()
    .expect_status(200);
}

fn balance(http: &Http, t: &Tenant) -> i64 {
    http.get("/api/v1/billing/credits/balance/")
        .bearer(&t.token)
        .send()
        .expect_status(200)
        .data()["total"]
        .as_i64()
        .unwrap()
}

fn run_now(http: &Http, t: &Tenant) -> i64 {
    let r = http
        .post(&format!(
            "/api/v1/automation/run_now/?site_id={}",
            t.site_id
        ))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    assert_eq!(r.data()["status"], "running", "{}", r.text);
    assert_eq!(r.data()["trigger"], "manual");
    r.data()["id"].as_i64().unwrap()
}

/// The site's latest run, as `history/` shows it.
fn latest_run(http: &Http, t: &Tenant) -> Value {
    let r = http
        .get(&format!(
            "/api/v1/automation/history/?site_id={}",
            t.site_id
        ))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    r.json["results"][0].clone()
}

/// Polls the run until it is neither running nor paused.
fn wait_for_run_end(http: &Http, t: &Tenant, run_id: i64, within: Duration) -> Value {
    let mut run = Value::Null;
    let ended = wait_until(within, || {
        run = latest_run(http, t);
        assert_eq!(run["id"], run_id);
        !matches!(run["status"].as_str(), Some("running" | "paused"))
    });
    assert!(ended, "run {run_id} did not end within {within:?}: {run:#}");
    run
}

fn stage(run: &Value, n: usize) -> &Value {
    &run["stages"][n - 1]
}

fn int(v: &Value) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{v} is not an integer"))
}

fn str_of(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is not a string"))
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// The database side of a run (what the API does not show)

#[derive(QueryableByName, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Charge {
    #[diesel(sql_type = Nullable<Text>)]
    operation: Option<String>,
    #[diesel(sql_type = Text)]
    key: String,
    /// Signed sum of the change's rows (a charge spanning both pools has a second row).
    #[diesel(sql_type = BigInt)]
    amount: i64,
}

/// The run's charges: ledger changes whose idempotency key starts with
/// `automation_run:<id>:`, each with its second-pool row added in.
fn run_charges(conn: &mut PgConnection, account_id: i64, run_id: i64) -> Vec<Charge> {
    diesel::sql_query(
        "SELECT t.operation, t.idempotency_key AS key,
                (t.amount + COALESCE((SELECT sum(c.amount) FROM credit_transactions c
                                       WHERE c.parent_id = t.id), 0))::bigint AS amount
           FROM credit_transactions t
          WHERE t.account_id = $1 AND t.idempotency_key LIKE $2
          ORDER BY t.id",
    )
    .bind::<BigInt, _>(account_id)
    .bind::<Text, _>(format!("automation_run:{run_id}:%"))
    .load(conn)
    .unwrap()
}

#[derive(QueryableByName, Debug, Clone)]
struct RunRow {
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = SmallInt)]
    current_stage: i16,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    stage_batch: i32,
    /// The current stage's first step has begun (it wrote `stage_started`).
    #[diesel(sql_type = Bool)]
    stage_started: bool,
    /// Items of the current stage saved so far.
    #[diesel(sql_type = BigInt)]
    saved: i64,
}

fn run_row(conn: &mut PgConnection, run_id: i64) -> RunRow {
    diesel::sql_query(
        "SELECT r.status, r.current_stage, r.stage_batch,
                (r.stage_times -> r.current_stage::text ->> 'started_at') IS NOT NULL AS stage_started,
                (SELECT count(*) FROM automation_run_items i
                  WHERE i.run_id = r.id AND i.stage = r.current_stage AND i.outcome = 'saved') AS saved
           FROM automation_runs r WHERE r.id = $1",
    )
    .bind::<BigInt, _>(run_id)
    .get_result(conn)
    .unwrap()
}

#[derive(QueryableByName)]
struct TaskId {
    #[diesel(sql_type = Text)]
    id: String,
}

/// The run's step tasks left `in_progress` by a killed worker: the step it was running, and
/// possibly an earlier one whose work was done but whose task was not yet removed (still
/// waiting for the reaper; it is stale by then and does nothing when it runs again).
fn steps_in_progress(conn: &mut PgConnection, run_id: i64) -> Vec<String> {
    diesel::sql_query(
        "SELECT id::text AS id FROM fang_tasks
          WHERE metadata->>'type' = 'automation.run_step'
            AND (metadata->>'run_id')::bigint = $1 AND state = 'in_progress'",
    )
    .bind::<BigInt, _>(run_id)
    .load::<TaskId>(conn)
    .unwrap()
    .into_iter()
    .map(|t| t.id)
    .collect()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Jobs kept as `failed` (retries exhausted, or a payload nobody could read).
fn failed_tasks(conn: &mut PgConnection) -> i64 {
    diesel::sql_query("SELECT count(*) AS n FROM fang_tasks WHERE state = 'failed'")
        .get_result::<Count>(conn)
        .unwrap()
        .n
}

// ---------------------------------------------------------------------------------------------
// 1. The whole story

#[test]
fn a_user_automates_a_site_end_to_end() {
    const KEYWORDS: usize = 300;
    let mut stack = Stack::start();
    let http = stack.http.clone();
    let staff = stack.staff_token();

    // Sign up for the starter plan (room for 300 keywords) and pay for it; staff approves.
    let (token, account) = sign_up(&http, "owner@shop.example.com", "Shop", Some("starter"));
    assert_eq!(account["status"], "pending_payment");
    pay_subscription(&http, &token, &staff);
    let (site_id, sector_id) = create_site(&http, &token, "Shop blog", "blog.shop.example.com");
    let t = Tenant {
        token,
        account_id: int(&account["id"]),
        site_id,
        sector_id,
    };
    import_keywords(&http, &t, keywords_csv(KEYWORDS), KEYWORDS);
    configure(&http, &t, [50, 10, 50, 20, 20, 25]);

    // The estimate covers every stage; staff tops the account up to twice what is required.
    let est = estimate(&http, &t);
    assert_eq!(est["stages"][0]["items"], KEYWORDS, "{est:#}");
    let required = int(&est["required_credits"]);
    assert!(required > 0, "{est:#}");
    let have = balance(&http, &t);
    add_credits(&http, &staff, &t, (2 * required - have).max(1));
    assert_eq!(estimate(&http, &t)["sufficient"], true);
    let before = balance(&http, &t);

    // Run now, with the stream open before the worker starts, so it sees every stage.
    let run_id = run_now(&http, &t);
    let stream = http.events(
        &format!("/api/v1/automation/runs/{run_id}/events/"),
        &t.token,
        Duration::from_secs(240),
    );
    stack.start_worker();
    let events = stream.read_to_end();

    let kinds: Vec<&str> = events.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        kinds[0], "state",
        "the stream starts with the state: {kinds:?}"
    );
    assert_eq!(events[0].data["id"], run_id);
    assert_eq!(events[0].data["status"], "running");
    assert_eq!(events[0].data["current_stage"], 1);
    let starts: Vec<i64> = events
        .iter()
        .filter(|e| e.event == "stage_started")
        .map(|e| int(&e.data["stage"]))
        .collect();
    assert_eq!(starts, [1, 2, 3, 4, 5, 6, 7], "stages in order: {kinds:?}");
    let completed: Vec<i64> = events
        .iter()
        .filter(|e| e.event == "stage_completed")
        .map(|e| int(&e.data["stage"]))
        .collect();
    assert_eq!(completed, [1, 2, 3, 4, 5, 6, 7], "{kinds:?}");
    assert!(
        !kinds
            .iter()
            .any(|k| matches!(*k, "error" | "run_failed" | "run_paused")),
        "{kinds:?}"
    );
    let n = events.len();
    assert_eq!(&kinds[n - 2..], ["run_completed", "state"], "{kinds:?}");
    let last = &events[n - 1].data;
    assert_eq!(last["status"], "completed", "{last:#}");
    let ids: Vec<i64> = events[1..n - 1].iter().map(|e| e.id.unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids increase: {ids:?}");
    assert_eq!(events[n - 1].id, ids.last().copied());

    // The run as history shows it: every stage done, nothing failed or skipped.
    let run = latest_run(&http, &t);
    assert_eq!(run["id"], run_id);
    assert_eq!(run["status"], "completed", "{run:#}");
    assert_eq!(
        &run["stages"], &last["stages"],
        "the final state is the run"
    );
    for s in 1..=7 {
        let st = stage(&run, s);
        assert_eq!(st["state"], "done", "stage {s}: {run:#}");
        assert_eq!(
            (int(&st["failed"]), int(&st["skipped"])),
            (0, 0),
            "stage {s}: {st:#}"
        );
        assert!(int(&st["processed"]) > 0, "stage {s} did nothing: {st:#}");
    }

    let current = http
        .get(&format!(
            "/api/v1/automation/current_run/?site_id={site_id}"
        ))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert!(current.data().is_null(), "no active run: {}", current.text);
    let notes = http.list_all("/api/v1/notifications/?is_read=false", &t.token);
    let done: Vec<&Value> = notes
        .iter()
        .filter(|n| n["title"] == "Automation completed")
        .collect();
    assert_eq!(done.len(), 1, "one completion notification: {notes:#?}");
    assert_eq!(failed_tasks(&mut stack.db.conn()), 0, "no job ended failed");

    // Every keyword is clustered; clusters, ideas, tasks, articles and images add up to the
    // per-stage results.
    let q = format!("?site_id={site_id}");
    let keywords = http.list_all(&format!("/api/v1/planner/keywords/{q}"), &t.token);
    assert_eq!(keywords.len(), KEYWORDS);
    let unclustered: Vec<&Value> = keywords
        .iter()
        .filter(|k| k["cluster_id"].is_null())
        .collect();
    assert!(unclustered.is_empty(), "{unclustered:#?}");
    let clusters = http.list_all(&format!("/api/v1/planner/clusters/{q}"), &t.token);
    assert_eq!(clusters.len() as i64, int(&stage(&run, 1)["created"]));
    assert_eq!(
        clusters
            .iter()
            .map(|c| int(&c["keywords_count"]))
            .sum::<i64>(),
        KEYWORDS as i64
    );
    let ideas = http.list_all(&format!("/api/v1/planner/ideas/{q}"), &t.token);
    assert_eq!(ideas.len() as i64, int(&stage(&run, 2)["created"]));
    assert!(ideas.iter().all(|i| i["status"] == "completed"));
    let tasks = http.list_all(&format!("/api/v1/writer/tasks/{q}"), &t.token);
    assert_eq!(tasks.len() as i64, int(&stage(&run, 3)["created"]));
    assert_eq!(tasks.len(), ideas.len(), "one task per idea");
    assert!(tasks.iter().all(|t| t["status"] == "completed"));
    let content = http.list_all(&format!("/api/v1/writer/content/{q}"), &t.token);
    assert_eq!(content.len() as i64, int(&stage(&run, 4)["created"]));
    assert_eq!(content.len(), tasks.len(), "one article per task");
    for c in &content {
        assert_eq!(c["status"], "approved", "auto-approved: {}", c["title"]);
        assert!(int(&c["word_count"]) > 0);
    }
    assert_eq!(int(&stage(&run, 7)["created"]), content.len() as i64);
    let images = http.list_all(&format!("/api/v1/writer/images/{q}"), &t.token);
    assert_eq!(images.len() as i64, int(&stage(&run, 5)["created"]));
    let generated: Vec<&Value> = images
        .iter()
        .filter(|i| i["status"] == "generated")
        .collect();
    assert_eq!(generated.len(), images.len(), "every image is generated");
    assert_eq!(generated.len() as i64, int(&stage(&run, 6)["created"]));
    // One featured and one in-article image (IGNY8_AI_IN_ARTICLE_IMAGES=1) per article, of
    // the configured size (IGNY8_AI_IMAGE_SIZE=64x64).
    let mut per_content: BTreeMap<i64, Vec<(String, i64)>> = BTreeMap::new();
    for i in &images {
        assert_eq!((int(&i["width"]), int(&i["height"])), (64, 64), "{i:#}");
        per_content
            .entry(int(&i["content_id"]))
            .or_default()
            .push((str_of(&i["image_type"]), int(&i["position"])));
    }
    assert_eq!(per_content.len(), content.len());
    for (c, mut kinds) in per_content {
        kinds.sort();
        assert_eq!(
            kinds,
            [("featured".to_owned(), 0), ("in_article".to_owned(), 1)],
            "images of content {c}"
        );
    }
    let file = http
        .get(&str_of(&images[0]["url"]))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert_eq!(file.bytes.len() as i64, int(&images[0]["byte_size"]));
    let stored = std::fs::read_dir(stack.dir.path().join("media"))
        .expect("the worker stores images in IGNY8_MEDIA_DIR")
        .count();
    assert!(
        stored > 0 && stored <= images.len(),
        "{stored} files for {} images",
        images.len()
    );

    // Credits: the stages' credits, the run's total, the ledger and the balance agree.
    let total = int(&run["total_credits"]);
    assert!(total > 0);
    assert_eq!(
        (1..=7)
            .map(|s| int(&stage(&run, s)["credits"]))
            .sum::<i64>(),
        total
    );
    let charges = run_charges(&mut stack.db.conn(), t.account_id, run_id);
    assert_eq!(charges.iter().map(|c| c.amount).sum::<i64>(), -total);
    let by_operation = |op: &str| -> (i64, i64) {
        let of: Vec<&Charge> = charges
            .iter()
            .filter(|c| c.operation.as_deref() == Some(op))
            .collect();
        (of.len() as i64, -of.iter().map(|c| c.amount).sum::<i64>())
    };
    for (s, op) in [
        (1, "clustering"),
        (2, "ideas"),
        (4, "content"),
        (5, "image_prompts"),
        (6, "images"),
    ] {
        let st = stage(&run, s);
        assert_eq!(
            by_operation(op),
            (int(&st["processed"]), int(&st["credits"])),
            "stage {s} ({op}): one charge per item, summing to the stage's credits"
        );
    }
    // The account spent credits on nothing else, so every charge the user sees is the run's
    // (items are referenced by what they made, `task:7`, `image:9`, so the sum is compared).
    let ledger = http.list_all("/api/v1/billing/transactions/?kind=charge", &t.token);
    assert_eq!(
        ledger.iter().map(|tx| int(&tx["amount"])).sum::<i64>(),
        -total,
        "the charges the user sees"
    );
    assert_eq!(before - balance(&http, &t), total, "the balance change");
}

// ---------------------------------------------------------------------------------------------
// 2. kill -9 in every stage

/// A tiny deterministic generator (xorshift64*), for kill delays that vary but repeat.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// When a kill is aimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// A seeded 0–40 ms after the stage's first step began.
    StageStart,
    /// As soon as an item of the stage's second batch or later is seen saved.
    AfterASave,
}

/// Where one `kill -9` landed.
#[derive(Debug)]
#[allow(dead_code)] // read through Debug in failure messages
struct Kill {
    moment: Moment,
    /// The stage the kill was aimed at.
    aimed_at: i16,
    /// The run's stage, finished batches of it, its saved items and the run's status as the
    /// worker died.
    stage: i16,
    batch: i32,
    saved: i64,
    status: String,
    /// Part of a batch was saved but the batch not yet recorded.
    partial_batch: bool,
    /// Step tasks left `in_progress`.
    orphans: Vec<String>,
}

/// Everything a run produced for a tenant, in a form two tenants can be compared by.
#[derive(Debug, PartialEq)]
struct Outcome {
    clusters: Vec<(String, i64)>,
    keywords: Vec<(String, String, String)>,
    ideas: Vec<(String, String, String)>,
    tasks: Vec<(String, String)>,
    content: Vec<(String, String, i64, String)>,
    images: Vec<(String, String, i64, String, String, i64)>,
    charges: Vec<(String, i64)>,
    total_credits: i64,
    stages: Vec<(i64, i64, i64, i64, i64, i64)>,
    balance: i64,
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

fn outcome(stack: &Stack, t: &Tenant, run_id: i64) -> Outcome {
    let http = &stack.http;
    let q = format!("?site_id={}", t.site_id);
    let clusters = http.list_all(&format!("/api/v1/planner/clusters/{q}"), &t.token);
    let cluster_name: BTreeMap<i64, String> = clusters
        .iter()
        .map(|c| (int(&c["id"]), str_of(&c["name"])))
        .collect();
    let name_of = |v: &Value| -> String {
        v.as_i64()
            .map(|id| cluster_name[&id].clone())
            .unwrap_or_default()
    };
    let content = http.list_all(&format!("/api/v1/writer/content/{q}"), &t.token);
    let title_of: BTreeMap<i64, String> = content
        .iter()
        .map(|c| (int(&c["id"]), str_of(&c["title"])))
        .collect();
    let run = latest_run(http, t);
    assert_eq!(run["id"], run_id);
    Outcome {
        clusters: sorted(
            clusters
                .iter()
                .map(|c| (str_of(&c["name"]), int(&c["keywords_count"])))
                .collect(),
        ),
        keywords: sorted(
            http.list_all(&format!("/api/v1/planner/keywords/{q}"), &t.token)
                .iter()
                .map(|k| {
                    (
                        str_of(&k["keyword"]),
                        str_of(&k["status"]),
                        name_of(&k["cluster_id"]),
                    )
                })
                .collect(),
        ),
        ideas: sorted(
            http.list_all(&format!("/api/v1/planner/ideas/{q}"), &t.token)
                .iter()
                .map(|i| {
                    (
                        str_of(&i["idea_title"]),
                        str_of(&i["status"]),
                        name_of(&i["cluster_id"]),
                    )
                })
                .collect(),
        ),
        tasks: sorted(
            http.list_all(&format!("/api/v1/writer/tasks/{q}"), &t.token)
                .iter()
                .map(|t| (str_of(&t["title"]), str_of(&t["status"])))
                .collect(),
        ),
        content: sorted(
            content
                .iter()
                .map(|c| {
                    (
                        str_of(&c["title"]),
                        str_of(&c["status"]),
                        int(&c["word_count"]),
                        str_of(&c["content_html"]),
                    )
                })
                .collect(),
        ),
        images: sorted(
            http.list_all(&format!("/api/v1/writer/images/{q}"), &t.token)
                .iter()
                .map(|i| {
                    (
                        title_of[&int(&i["content_id"])].clone(),
                        str_of(&i["image_type"]),
                        int(&i["position"]),
                        str_of(&i["status"]),
                        str_of(&i["prompt"]),
                        i["byte_size"].as_i64().unwrap_or(-1),
                    )
                })
                .collect(),
        ),
        charges: sorted(
            run_charges(&mut stack.db.conn(), t.account_id, run_id)
                .into_iter()
                .map(|c| (c.operation.unwrap_or_default(), c.amount))
                .collect(),
        ),
        total_credits: int(&run["total_credits"]),
        stages: (1..=7)
            .map(|s| {
                let st = stage(&run, s);
                (
                    int(&st["stage"]),
                    int(&st["processed"]),
                    int(&st["created"]),
                    int(&st["skipped"]),
                    int(&st["failed"]),
                    int(&st["credits"]),
                )
            })
            .collect(),
        balance: balance(http, t),
    }
}

#[test]
fn killing_the_worker_during_each_stage_changes_nothing() {
    const KEYWORDS: usize = 60;
    // Several batches in every stage.
    const BATCHES: [i32; 6] = [10, 2, 5, 3, 4, 5];
    let mut stack = Stack::start();
    stack.start_worker();
    let http = stack.http.clone();
    let staff = stack.staff_token();

    // Two free accounts with the same keywords, config and credits.
    let tenant = |email: &str, name: &str| {
        let (token, account) = sign_up(&http, email, name, None);
        let (site_id, sector_id) = create_site(
            &http,
            &token,
            &format!("{name} blog"),
            &format!("blog.{}.example.com", name.to_lowercase()),
        );
        let t = Tenant {
            token,
            account_id: int(&account["id"]),
            site_id,
            sector_id,
        };
        import_keywords(&http, &t, keywords_csv(KEYWORDS), KEYWORDS);
        configure(&http, &t, BATCHES);
        t
    };
    let a = tenant("alpha@example.com", "Alpha");
    let b = tenant("beta@example.com", "Beta");
    let est = estimate(&http, &a);
    let mut est_b = estimate(&http, &b);
    est_b["site_id"] = est["site_id"].clone();
    assert_eq!(est, est_b, "identical inputs, identical estimates");
    let topup = 2 * int(&est["required_credits"]);
    add_credits(&http, &staff, &a, topup);
    add_credits(&http, &staff, &b, topup);
    assert_eq!(balance(&http, &a), balance(&http, &b));

    // A runs uninterrupted.
    let run_a = run_now(&http, &a);
    let ended = wait_for_run_end(&http, &a, run_a, Duration::from_secs(90));
    assert_eq!(ended["status"], "completed", "{ended:#}");

    // B: kill -9 the worker twice in every stage — a seeded moment after the stage's first
    // step began, then right after an item of a later batch was saved — and start a new one at
    // once each time (the orphaned step is re-queued after IGNY8_JOB_STALE_SECS).
    let seed: u64 = std::env::var("E2E_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_1697);
    let mut rng = Rng(seed | 1);
    let run_b = run_now(&http, &b);
    let mut conn = stack.db.conn();
    let mut kills: Vec<Kill> = Vec::new();
    // Per stage: the next moment to kill at, and the saved items when it was armed.
    let mut plan: BTreeMap<i16, (Option<Moment>, Option<i64>)> = BTreeMap::new();
    let deadline = Instant::now() + Duration::from_secs(150);
    loop {
        let row = run_row(&mut conn, run_b);
        if row.status != "running" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "run {run_b} still running: {row:?}; kills: {kills:#?}"
        );
        let (next, armed_at) = plan
            .entry(row.current_stage)
            .or_insert((Some(Moment::StageStart), None));
        let fire = match *next {
            Some(Moment::StageStart) if row.stage_started => {
                thread::sleep(Duration::from_millis(rng.below(40)));
                true
            }
            Some(Moment::AfterASave) if row.stage_batch >= 1 => match *armed_at {
                None => {
                    *armed_at = Some(row.saved);
                    false
                }
                Some(saved) => row.saved > saved,
            },
            _ => false,
        };
        if fire {
            let moment = next.take().unwrap();
            if moment == Moment::StageStart {
                *next = Some(Moment::AfterASave);
            }
            stack.kill_worker();
            let after = run_row(&mut conn, run_b);
            let batch_size = match after.current_stage {
                7 => 50,
                s => i64::from(BATCHES[s as usize - 1]),
            };
            kills.push(Kill {
                moment,
                aimed_at: row.current_stage,
                stage: after.current_stage,
                batch: after.stage_batch,
                saved: after.saved,
                status: after.status.clone(),
                partial_batch: after.saved > i64::from(after.stage_batch) * batch_size,
                orphans: steps_in_progress(&mut conn, run_b),
            });
            stack.start_worker();
        }
        thread::sleep(Duration::from_millis(2));
    }
    eprintln!("seed {seed}; kills: {kills:#?}");
    let ended_b = wait_for_run_end(&http, &b, run_b, Duration::from_secs(30));
    assert_eq!(
        ended_b["status"], "completed",
        "{ended_b:#}\nkills: {kills:#?}"
    );

    // The kills were real: mid-step in every stage, some of them with part of a batch saved
    // but not recorded, and every orphaned step was reaped by a later worker.
    let mid_step: BTreeSet<i16> = kills
        .iter()
        .filter(|k| !k.orphans.is_empty() && k.status == "running")
        .map(|k| k.stage)
        .collect();
    assert!(
        mid_step.len() >= 4 && [1, 2, 4, 5, 6].iter().all(|s| mid_step.contains(s)),
        "stages interrupted mid-step: {mid_step:?}; kills: {kills:#?}"
    );
    let partial = kills.iter().filter(|k| k.partial_batch).count();
    assert!(
        partial >= 2,
        "only {partial} kills left a batch partly saved: {kills:#?}"
    );
    // A kill can orphan a step whose work was already done; the reaper may get to it after
    // the run ended.
    assert!(
        wait_until(Duration::from_secs(10), || steps_in_progress(
            &mut conn, run_b
        )
        .is_empty()),
        "steps of run {run_b} stay in progress: {:?}",
        steps_in_progress(&mut conn, run_b)
    );
    assert_eq!(failed_tasks(&mut conn), 0, "no job ended failed");
    let worker_lines = stack.worker_lines();
    for orphan in kills.iter().flat_map(|k| &k.orphans) {
        assert!(
            worker_lines
                .iter()
                .any(|l| l.contains("reaped orphaned tasks") && l.contains(orphan.as_str())),
            "step task {orphan} was never reaped; kills: {kills:#?}"
        );
    }

    // The kills cost nothing visible in B's log: no failed step, each stage started once.
    let log = http
        .get(&format!(
            "/api/v1/automation/logs/?run_id={run_b}&lines=1000"
        ))
        .bearer(&b.token)
        .send()
        .expect_status(200);
    let events = log.data()["events"].as_array().unwrap();
    let errors: Vec<&Value> = events.iter().filter(|e| e["kind"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let starts: Vec<i64> = events
        .iter()
        .filter(|e| e["kind"] == "stage_started")
        .map(|e| int(&e["stage"]))
        .collect();
    assert_eq!(starts, [1, 2, 3, 4, 5, 6, 7]);

    // B ends exactly like A, field by field.
    let oa = outcome(&stack, &a, run_a);
    let ob = outcome(&stack, &b, run_b);
    assert!(
        !oa.clusters.is_empty()
            && !oa.ideas.is_empty()
            && !oa.tasks.is_empty()
            && !oa.content.is_empty()
            && !oa.images.is_empty()
            && !oa.charges.is_empty()
            && oa.total_credits > 0,
        "A made nothing to compare: {oa:#?}"
    );
    assert_eq!(oa.keywords.len(), KEYWORDS);
    assert!(
        oa.keywords.iter().all(|k| !k.2.is_empty()),
        "every keyword is clustered"
    );
    let kills_seen = format!("{kills:#?}");
    assert_eq!(oa.clusters, ob.clusters, "clusters; kills: {kills_seen}");
    assert_eq!(oa.keywords, ob.keywords, "keywords; kills: {kills_seen}");
    assert_eq!(oa.ideas, ob.ideas, "ideas; kills: {kills_seen}");
    assert_eq!(oa.tasks, ob.tasks, "tasks; kills: {kills_seen}");
    assert_eq!(oa.content, ob.content, "content; kills: {kills_seen}");
    assert_eq!(oa.images, ob.images, "images; kills: {kills_seen}");
    assert_eq!(oa.charges, ob.charges, "charges; kills: {kills_seen}");
    assert_eq!(oa.total_credits, ob.total_credits, "total credits");
    assert_eq!(
        oa.stages, ob.stages,
        "per-stage results; kills: {kills_seen}"
    );
    assert_eq!(oa.balance, ob.balance, "balances");
    assert_eq!(oa, ob);
}
