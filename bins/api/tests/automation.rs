//! The automation pipeline over HTTP: config, estimate, run_now, the stage jobs run in-process
//! as the worker runs them, per-stage results that add up to the rows and the ledger, pause,
//! resume, cancel, 409 for a second run, 402 with the estimate, a mid-run short balance that
//! pauses, crash equivalence, the SSE stream, the scheduler, another tenant (404) and a viewer
//! (403) on every route.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use automation::ai_functions::AiEnv;
use automation::pipeline::engine::{MAX_STEP_ATTEMPTS, RunStep, advance};
use common::*;
use db::DbPool;
use db::jobs::fang::{self, Queueable};
use db::schema::{
    automation_configs, automation_runs, clusters, content as content_t, content_ideas,
    credit_transactions, images, keywords, notifications, tasks,
};
use diesel::prelude::*;
use kernel::{AccountId, Clock, Role};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

fn offline_settings() -> ai::Settings {
    ai::Settings {
        image_size: ai::ImageSize {
            width: 64,
            height: 64,
        },
        n_in_article_images: 1,
        ..ai::Settings::default()
    }
}

/// Runs queued `automation` steps like the worker (an error is retried at once), until the
/// queue is empty or `max_steps` ran. `fail_save` makes the next item SAVE fail while set.
fn drain_steps(c: &Ctx, max_steps: usize, fail_save: Option<Arc<AtomicBool>>) -> usize {
    drain_pool(
        c.state.pool.clone(),
        c.db.queue_pool(),
        c.state.media.clone(),
        max_steps,
        fail_save,
    )
}

fn drain_pool(
    pool: DbPool,
    queue_pool: db::QueuePool,
    media: Arc<dyn content::storage::MediaStore>,
    max_steps: usize,
    fail_save: Option<Arc<AtomicBool>>,
) -> usize {
    std::thread::spawn(move || {
        let providers = ai::Providers::new(offline_settings()).unwrap();
        let queue = fang::Queue::builder().connection_pool(queue_pool).build();
        let clock = Clock::system();
        let mut runs = 0;
        while runs < max_steps {
            // Delays are 0 in these tests; a retried step is due at once.
            let Some(task) = queue.fetch_and_touch_task("automation".into()).unwrap() else {
                break;
            };
            assert_eq!(task.metadata["type"], "automation.run_step");
            let job: RunStep = serde_json::from_value(task.metadata.clone()).unwrap();
            let env = AiEnv::new(&pool, &clock, &providers, media.as_ref(), &[7u8; 32]);
            let env = match &fail_save {
                Some(f) => env.with_save_failure(f),
                None => env,
            };
            match advance(&env, &job) {
                Ok(()) => {
                    queue.remove_task(&task.id).unwrap();
                }
                Err(e) if task.retries < MAX_STEP_ATTEMPTS => {
                    queue.schedule_retry(&task, 0, &e.to_string()).unwrap();
                }
                Err(e) => {
                    queue.fail_task(&task, &e.to_string()).unwrap();
                }
            };
            runs += 1;
            assert!(runs < 5000, "the queue does not drain");
        }
        runs
    })
    .join()
    .unwrap()
}

fn grant(c: &Ctx, account: &TenantFixture, amount: i64, key: &str) {
    billing::credits::grant(
        &mut c.db.conn(),
        &account.scope(),
        &billing::credits::GrantRequest {
            pool: billing::model::Pool::Bonus,
            amount,
            idempotency_key: key,
            reference: "test",
            description: "test credits",
        },
        chrono::Utc::now(),
    )
    .unwrap();
}

/// Takes `amount` credits from the account (as spending on something else would).
fn spend(c: &Ctx, account: &TenantFixture, amount: i64) {
    if amount <= 0 {
        return;
    }
    billing::credits::charge(
        &mut c.db.conn(),
        &account.scope(),
        &billing::credits::ChargeRequest {
            operation: "clustering",
            amount,
            idempotency_key: &format!("test-spend-{amount}-{}", uuid_like()),
            reference: "test",
            description: "spent elsewhere",
            usage: Default::default(),
        },
        chrono::Utc::now(),
    )
    .unwrap();
}

fn uuid_like() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn balance(c: &Ctx, account: &TenantFixture) -> i64 {
    billing::credits::balance(&mut c.db.conn(), &account.scope())
        .unwrap()
        .total()
}

/// `n` keywords over a handful of topics, as CSV.
fn keywords_csv(n: usize) -> String {
    let topics = [
        "running shoes",
        "yoga mat",
        "espresso machine",
        "standing desk",
        "air fryer",
        "hiking boots",
    ];
    let mods = [
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
    'outer: for m in mods {
        for t in topics {
            if i == n {
                break 'outer;
            }
            out.push_str(&format!("{m} {t},{},{}\n", 100 + i * 7, 10 + i % 80));
            i += 1;
        }
    }
    assert_eq!(i, n, "not enough keyword combinations");
    out
}

async fn import<S, B>(app: &S, c: &Ctx, t: &TenantFixture, n: usize)
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let _ = c;
    let url = format!(
        "/api/v1/planner/keywords/import_csv/?site_id={}&sector_id={}",
        t.site_id, t.sector_ids[0]
    );
    let r = post(&url)
        .bearer(&t.access)
        .raw("text/csv", keywords_csv(n))
        .send(app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["created"], n);
}

/// Zero delays, small batches so every stage takes several batches.
fn fast_config() -> Value {
    json!({
        "within_stage_delay_secs": 0,
        "between_stage_delay_secs": 0,
        "stage_1_batch_size": 10,
        "stage_2_batch_size": 2,
        "stage_3_batch_size": 5,
        "stage_4_batch_size": 3,
        "stage_5_batch_size": 4,
        "stage_6_batch_size": 5,
    })
}

/// Grants `credits`, imports `n` keywords and sets the fast config on `t`'s site.
async fn configured<S, B>(app: &S, c: &Ctx, t: &TenantFixture, credits: i64, n: usize)
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    grant(c, t, credits, "g");
    import(app, c, t, n).await;
    let r = put(&format!(
        "/api/v1/automation/update_config/?site_id={}",
        t.site_id
    ))
    .bearer(&t.access)
    .json(&fast_config())
    .send(app)
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
}

/// Starts a run on `t`'s site; its id.
async fn run_now<S, B>(app: &S, t: &TenantFixture) -> i64
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let r = post(&format!(
        "/api/v1/automation/run_now/?site_id={}",
        t.site_id
    ))
    .bearer(&t.access)
    .send(app)
    .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{:?}", r.json());
    r.data()["id"].as_i64().unwrap()
}

fn count(c: &Ctx, acct: AccountId, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM {table} WHERE account_id = $1"
    ))
    .bind::<diesel::sql_types::BigInt, _>(acct.get())
    .get_result::<N>(&mut c.db.conn())
    .unwrap()
    .n
}

fn stage(run: &Value, n: usize) -> &Value {
    &run["stages"][n - 1]
}

#[actix_web::test]
async fn a_run_goes_through_the_seven_stages_and_its_results_add_up() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    grant(&c, t, 200_000, "g1");
    import(&app, &c, t, 40).await;
    let site = t.site_id;

    // config is created lazily from the defaults
    let r = get(&format!("/api/v1/automation/config/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["stage_1_batch_size"], 20);
    assert_eq!(r.data()["enabled"], false);
    let r = put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&fast_config())
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["stage_1_batch_size"], 10);

    // overview and estimate before the run
    let r = get(&format!(
        "/api/v1/automation/pipeline_overview/?site_id={site}"
    ))
    .bearer(&t.access)
    .send(&app)
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.data()["stages"][0]["pending"], 40);
    assert_eq!(r.data()["stages"].as_array().unwrap().len(), 7);
    assert!(r.data()["current_run"].is_null());
    let r = get(&format!("/api/v1/automation/estimate/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let est = r.data();
    assert_eq!(est["stages"][0]["items"], 40);
    let total: i64 = est["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["credits"].as_i64().unwrap())
        .sum();
    assert_eq!(est["total_credits"], total);
    assert!(total > 0);
    assert_eq!(est["sufficient"], true);
    assert_eq!(
        est["required_credits"].as_i64().unwrap(),
        (total * 120 + 99) / 100
    );

    let before = balance(&c, t);
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{:?}", r.json());
    let run_id = r.data()["id"].as_i64().unwrap();
    assert_eq!(r.data()["status"], "running");
    assert_eq!(r.data()["trigger"], "manual");
    assert_eq!(r.data()["initial_snapshot"]["keywords"], 40);
    assert!(r.data()["run_name"].as_str().unwrap().starts_with("run_"));

    let steps = drain_steps(&c, 1000, None);
    assert!(steps > 7, "every stage took at least one step: {steps}");

    let r = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["count"], 1);
    let run = r.json()["results"][0].clone();
    assert_eq!(run["id"], run_id);
    assert_eq!(run["status"], "completed", "{run:#}");
    for s in 1..=7 {
        assert_eq!(stage(&run, s)["state"], "done", "stage {s}: {run:#}");
        assert_eq!(stage(&run, s)["failed"], 0, "stage {s}: {}", stage(&run, s));
    }

    // rows made == stage results
    let kw_mapped: i64 = keywords::table
        .filter(keywords::account_id.eq(acct))
        .filter(keywords::cluster_id.is_not_null())
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(kw_mapped, 40, "every keyword is clustered");
    assert_eq!(count(&c, acct, "clusters"), stage(&run, 1)["created"]);
    assert_eq!(count(&c, acct, "content_ideas"), stage(&run, 2)["created"]);
    assert_eq!(count(&c, acct, "tasks"), stage(&run, 3)["created"]);
    assert_eq!(count(&c, acct, "content"), stage(&run, 4)["created"]);
    assert_eq!(count(&c, acct, "images"), stage(&run, 5)["created"]);
    assert_eq!(stage(&run, 6)["created"], stage(&run, 5)["created"]);
    assert_eq!(stage(&run, 7)["processed"], stage(&run, 4)["created"]);
    assert_eq!(stage(&run, 7)["created"], stage(&run, 4)["created"]);
    let generated: i64 = images::table
        .filter(images::account_id.eq(acct))
        .filter(images::status.eq("generated"))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(generated, count(&c, acct, "images"));
    let approved: i64 = content_t::table
        .filter(content_t::account_id.eq(acct))
        .filter(content_t::status.eq("approved"))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(approved, count(&c, acct, "content"));
    let ideas_done: i64 = content_ideas::table
        .filter(content_ideas::account_id.eq(acct))
        .filter(content_ideas::status.eq("completed"))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(ideas_done, count(&c, acct, "content_ideas"));
    let tasks_done: i64 = tasks::table
        .filter(tasks::account_id.eq(acct))
        .filter(tasks::status.eq("completed"))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(tasks_done, count(&c, acct, "tasks"));

    // ledger == run credits == sum of stages == balance change
    let charged: Vec<i64> =
        credit_transactions::table
            .filter(credit_transactions::account_id.eq(acct))
            .filter(
                credit_transactions::reference
                    .like(format!("automation_run:{run_id}%"))
                    .or(credit_transactions::idempotency_key
                        .like(format!("automation_run:{run_id}:%"))),
            )
            .select(credit_transactions::amount)
            .load(&mut c.db.conn())
            .unwrap();
    let ledger: i64 = -charged.iter().sum::<i64>();
    let stages_sum: i64 = (1..=7)
        .map(|s| stage(&run, s)["credits"].as_i64().unwrap())
        .sum();
    assert_eq!(run["total_credits"], ledger);
    assert_eq!(stages_sum, ledger);
    assert_eq!(before - balance(&c, t), ledger);
    assert!(ledger > 0);

    // the logs tell the story in order
    let r = get(&format!(
        "/api/v1/automation/logs/?run_id={run_id}&lines=1000"
    ))
    .bearer(&t.access)
    .send(&app)
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let kinds: Vec<String> = r.data()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds.first().unwrap(), "run_started");
    assert_eq!(kinds.last().unwrap(), "run_completed");
    let starts: Vec<i64> = r.data()["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "stage_started")
        .map(|e| e["stage"].as_i64().unwrap())
        .collect();
    assert_eq!(starts, vec![1, 2, 3, 4, 5, 6, 7]);
    let r = get(&format!("/api/v1/automation/logs/?run_id={run_id}&lines=2"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.data()["events"].as_array().unwrap().len(), 2);
    assert_eq!(r.data()["events"][1]["kind"], "run_completed");

    // a completion notification, once
    let n: i64 = notifications::table
        .filter(notifications::account_id.eq(acct))
        .filter(notifications::kind.eq("automation_run"))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(n, 1);

    // nothing pending any more; a second run finds nothing to do and completes with 0 credits
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{:?}", r.json());
    drain_steps(&c, 100, None);
    let r = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.json()["count"], 2);
    assert_eq!(r.json()["results"][0]["status"], "completed");
    assert_eq!(r.json()["results"][0]["total_credits"], 0);
}

#[actix_web::test]
async fn a_second_run_now_is_409_and_short_credits_are_402_with_the_estimate() {
    let c = ctx();
    let app = app(&c.state).await;
    let t = &c.a;
    let site = t.site_id;
    import(&app, &c, t, 20).await;

    // no credits: 402 with the estimate
    let have = balance(&c, t);
    let r = get(&format!("/api/v1/automation/estimate/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let needed = r.data()["required_credits"].as_i64().unwrap();
    if have >= needed {
        spend(&c, t, have - needed + 1);
    }
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::PAYMENT_REQUIRED, "{:?}", r.json());
    assert_eq!(r.code(), "insufficient_credits");
    assert_eq!(r.json()["errors"]["needed"], needed);
    assert_eq!(r.json()["errors"]["available"], have.min(needed - 1));
    assert_eq!(r.json()["errors"]["estimate"]["sufficient"], false);
    assert_eq!(
        r.json()["errors"]["estimate"]["stages"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
    let runs: i64 = automation_runs::table
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(runs, 0, "a refused run leaves no row");

    grant(&c, t, 100_000, "g");
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let run_id = r.data()["id"].as_i64().unwrap();
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{:?}", r.json());
    assert_eq!(r.code(), "run_in_progress");
    assert_eq!(r.json()["errors"]["run_id"], run_id);
    // paused counts as in progress too
    let r = post(&format!("/api/v1/automation/pause/?run_id={run_id}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.code(), "run_in_progress");
    // the database refuses a second active run even past the service check
    let second = diesel::sql_query(
        "INSERT INTO automation_runs (account_id, site_id, trigger, status, initial_snapshot, settings, started_at, updated_at)
         VALUES ($1, $2, 'manual', 'running', '{}', '{}', now(), now())",
    )
    .bind::<diesel::sql_types::BigInt, _>(t.account_id.get())
    .bind::<diesel::sql_types::BigInt, _>(site.get())
    .execute(&mut c.db.conn());
    assert!(second.is_err(), "the unique index allows one active run");
}

#[actix_web::test]
async fn pause_resume_and_cancel_take_effect_between_items() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    let site = t.site_id;
    configured(&app, &c, t, 200_000, 30).await;
    let run_id = run_now(&app, t).await;

    // one batch, then pause
    assert_eq!(drain_steps(&c, 1, None), 1);
    let r = post(&format!("/api/v1/automation/pause/?run_id={run_id}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["status"], "paused");
    assert_eq!(r.data()["pause_reason"], "user");
    let mapped_at_pause: i64 = keywords::table
        .filter(keywords::account_id.eq(acct))
        .filter(keywords::cluster_id.is_not_null())
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert!(mapped_at_pause > 0 && mapped_at_pause < 30);
    // the queued step finds the run paused and does nothing
    drain_steps(&c, 100, None);
    let mapped_after: i64 = keywords::table
        .filter(keywords::account_id.eq(acct))
        .filter(keywords::cluster_id.is_not_null())
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(mapped_after, mapped_at_pause);
    let r = get(&format!("/api/v1/automation/current_run/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.data()["status"], "paused");
    assert_eq!(r.data()["current_stage"], 1);
    assert_eq!(r.data()["stage_position"], 1);

    // resume continues from the saved stage and position
    let r = post(&format!("/api/v1/automation/resume/?run_id={run_id}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.data()["status"], "running");
    drain_steps(&c, 1000, None);
    let r = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run = r.json()["results"][0].clone();
    assert_eq!(run["status"], "completed");
    assert!(stage(&run, 1)["processed"].as_i64().unwrap() > 0);
    assert_eq!(count(&c, acct, "content"), stage(&run, 4)["created"]);
    let held = |c: &Ctx| billing::holds::held(&mut c.db.conn(), &t.scope()).unwrap();
    assert_eq!(held(&c), 0, "a completed run releases its credit hold");
    // an ended run cannot be paused, resumed or cancelled: 422
    for action in ["pause", "resume", "cancel"] {
        let r = post(&format!("/api/v1/automation/{action}/?run_id={run_id}"))
            .bearer(&t.access)
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{action}");
        assert_eq!(r.code(), "invalid_state");
    }

    // cancel: a new run on fresh keywords stops after the current batch
    let url = format!(
        "/api/v1/planner/keywords/import_csv/?site_id={}&sector_id={}",
        t.site_id, t.sector_ids[1]
    );
    post(&url)
        .bearer(&t.access)
        .raw("text/csv", keywords_csv(30))
        .send(&app)
        .await;
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run2 = r.data()["id"].as_i64().unwrap();
    assert!(held(&c) > 0, "a started run holds its estimate");
    drain_steps(&c, 1, None);
    let r = post(&format!("/api/v1/automation/cancel/?run_id={run2}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.data()["status"], "cancelled");
    assert_eq!(held(&c), 0, "a cancelled run releases its credit hold");
    assert!(r.data()["cancelled_at"].is_string());
    let content_before = count(&c, acct, "content");
    drain_steps(&c, 100, None);
    assert_eq!(count(&c, acct, "content"), content_before);
    let r = get(&format!("/api/v1/automation/current_run/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert!(r.data().is_null());
}

#[actix_web::test]
async fn a_short_balance_mid_run_pauses_with_a_reason_and_resumes_after_a_top_up() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    let site = t.site_id;
    grant(&c, t, 100_000, "g");
    import(&app, &c, t, 20).await;
    put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&fast_config())
        .send(&app)
        .await;
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run_id = r.data()["id"].as_i64().unwrap();
    // The run holds its estimate: spending elsewhere cannot take those credits.
    let have = balance(&c, t);
    let held = billing::holds::held(&mut c.db.conn(), &t.scope()).unwrap();
    assert!(held > 0 && held <= have, "{held} of {have}");
    let e = billing::credits::charge(
        &mut c.db.conn(),
        &t.scope(),
        &billing::credits::ChargeRequest {
            operation: "clustering",
            amount: have,
            idempotency_key: "test-spend-all",
            reference: "test",
            description: "spent elsewhere",
            usage: Default::default(),
        },
        chrono::Utc::now(),
    )
    .unwrap_err();
    assert!(
        matches!(e, billing::Error::InsufficientCredits { available, .. } if available == have - held),
        "{e:?}"
    );
    // What is not held is spent elsewhere, and the run's own work uses up its hold (its real
    // cost outgrew the estimate): the balance is at zero mid-run.
    spend(&c, t, have - held);
    billing::credits::charge_held(
        &mut c.db.conn(),
        &t.scope(),
        &billing::credits::ChargeRequest {
            operation: "clustering",
            amount: held,
            idempotency_key: "test-run-overrun",
            reference: "test",
            description: "the run's earlier work",
            usage: Default::default(),
        },
        Some(&format!("automation_run:{run_id}")),
        chrono::Utc::now(),
    )
    .unwrap();
    assert_eq!(balance(&c, t), 0);
    drain_steps(&c, 100, None);
    let r = get(&format!("/api/v1/automation/current_run/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.data()["status"], "paused", "{:?}", r.data());
    assert_eq!(r.data()["pause_reason"], "insufficient_credits");
    assert_eq!(balance(&c, t), 0, "never negative");
    assert_eq!(count(&c, acct, "clusters"), 0, "nothing half-written");
    let warned: i64 = notifications::table
        .filter(notifications::account_id.eq(acct))
        .filter(notifications::kind.eq("automation_run"))
        .filter(notifications::level.eq("warning"))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(warned, 1);

    grant(&c, t, 100_000, "top-up");
    let r = post(&format!("/api/v1/automation/resume/?run_id={run_id}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    drain_steps(&c, 1000, None);
    let r = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.json()["results"][0]["status"], "completed");
    assert!(count(&c, acct, "content") > 0);
}

/// What a run left behind, comparable across accounts: names and titles of the rows it made
/// and the ledger's (operation, amount) entries, sorted.
fn fingerprint(c: &Ctx, acct: AccountId) -> Value {
    let mut conn = c.db.conn();
    let mut cl: Vec<String> = clusters::table
        .filter(clusters::account_id.eq(acct))
        .select(clusters::name)
        .load(&mut conn)
        .unwrap();
    cl.sort();
    let mut ideas: Vec<String> = content_ideas::table
        .filter(content_ideas::account_id.eq(acct))
        .select(content_ideas::idea_title)
        .load(&mut conn)
        .unwrap();
    ideas.sort();
    let mut content: Vec<(String, String)> = content_t::table
        .filter(content_t::account_id.eq(acct))
        .select((content_t::title, content_t::status))
        .load(&mut conn)
        .unwrap();
    content.sort();
    let mut imgs: Vec<(String, String, i32)> = images::table
        .filter(images::account_id.eq(acct))
        .select((images::status, images::image_type, images::position))
        .load(&mut conn)
        .unwrap();
    imgs.sort();
    let mut ledger: Vec<(Option<String>, i64)> = credit_transactions::table
        .filter(credit_transactions::account_id.eq(acct))
        .filter(credit_transactions::kind.eq("charge"))
        .select((credit_transactions::operation, credit_transactions::amount))
        .load(&mut conn)
        .unwrap();
    ledger.sort();
    json!({"clusters": cl, "ideas": ideas, "content": content, "images": imgs, "ledger": ledger,
           "tasks": count(c, acct, "tasks")})
}

#[actix_web::test]
async fn saves_interrupted_at_every_stage_end_with_the_rows_and_charges_of_an_uninterrupted_run() {
    let c = ctx();
    let app = app(&c.state).await;
    for (t, key) in [(&c.a, "ga"), (&c.b, "gb")] {
        grant(&c, t, 200_000, key);
        import(&app, &c, t, 24).await;
        put(&format!(
            "/api/v1/automation/update_config/?site_id={}",
            t.site_id
        ))
        .bearer(&t.access)
        .json(&fast_config())
        .send(&app)
        .await;
    }
    // A: uninterrupted
    post(&format!(
        "/api/v1/automation/run_now/?site_id={}",
        c.a.site_id
    ))
    .bearer(&c.a.access)
    .send(&app)
    .await;
    drain_steps(&c, 1000, None);
    // B: a SAVE fails (after its writes and charge, before commit) again and again: at the
    // first item of every batch, retried each time
    post(&format!(
        "/api/v1/automation/run_now/?site_id={}",
        c.b.site_id
    ))
    .bearer(&c.b.access)
    .send(&app)
    .await;
    // each step's first item SAVE fails once; its retry then runs clean
    let flag = Arc::new(AtomicBool::new(false));
    let mut interruptions = 0;
    loop {
        flag.store(true, Ordering::SeqCst);
        let ran = drain_steps(&c, 1, Some(flag.clone()));
        if ran == 0 {
            break;
        }
        if !flag.load(Ordering::SeqCst) {
            interruptions += 1;
            drain_steps(&c, 1, None);
        }
        assert!(interruptions < 2000);
    }
    assert!(
        interruptions >= 6,
        "saves were interrupted in several stages: {interruptions}"
    );
    let run_b: (String, i64) = automation_runs::table
        .filter(automation_runs::account_id.eq(c.b.account_id))
        .select((automation_runs::status, automation_runs::total_credits))
        .first(&mut c.db.conn())
        .unwrap();
    let run_a: (String, i64) = automation_runs::table
        .filter(automation_runs::account_id.eq(c.a.account_id))
        .select((automation_runs::status, automation_runs::total_credits))
        .first(&mut c.db.conn())
        .unwrap();
    assert_eq!(run_b.0, "completed");
    assert_eq!(run_a, run_b);
    assert_eq!(
        fingerprint(&c, c.a.account_id),
        fingerprint(&c, c.b.account_id)
    );
}

#[actix_web::test]
async fn another_tenant_gets_404_and_a_viewer_403_on_every_route() {
    let c = ctx();
    let app = app(&c.state).await;
    let t = &c.a;
    grant(&c, t, 100_000, "g");
    import(&app, &c, t, 10).await;
    let site = t.site_id;
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run = r.data()["id"].as_i64().unwrap();

    let reads = [
        format!("/api/v1/automation/config/?site_id={site}"),
        format!("/api/v1/automation/estimate/?site_id={site}"),
        format!("/api/v1/automation/current_run/?site_id={site}"),
        format!("/api/v1/automation/history/?site_id={site}"),
        format!("/api/v1/automation/pipeline_overview/?site_id={site}"),
        format!("/api/v1/automation/logs/?run_id={run}"),
        format!("/api/v1/automation/runs/{run}/events/"),
    ];
    let writes: Vec<(&str, String)> = vec![
        (
            "PUT",
            format!("/api/v1/automation/update_config/?site_id={site}"),
        ),
        (
            "POST",
            format!("/api/v1/automation/run_now/?site_id={site}"),
        ),
        ("POST", format!("/api/v1/automation/pause/?run_id={run}")),
        ("POST", format!("/api/v1/automation/resume/?run_id={run}")),
        ("POST", format!("/api/v1/automation/cancel/?run_id={run}")),
    ];
    // tenant B: every route answers 404 for A's site and run
    for path in &reads {
        let r = get(path).bearer(&c.b.access).send(&app).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.code(), "not_found");
    }
    for (method, path) in &writes {
        let req = if *method == "PUT" {
            put(path).json(&json!({}))
        } else {
            post(path)
        };
        let r = req.bearer(&c.b.access).send(&app).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // a viewer of A reads everything, writes nothing
    let (_, viewer) = t.add_member(&mut c.db.conn(), "vera", Role::Viewer);
    {
        use db::schema::site_user_access;
        let uid: i64 = db::schema::users::table
            .filter(db::schema::users::email.eq("vera@example.com"))
            .select(db::schema::users::id)
            .first(&mut c.db.conn())
            .unwrap();
        diesel::insert_into(site_user_access::table)
            .values((
                site_user_access::account_id.eq(t.account_id),
                site_user_access::user_id.eq(uid),
                site_user_access::site_id.eq(site),
            ))
            .execute(&mut c.db.conn())
            .unwrap();
    }
    for path in &reads[..6] {
        let r = get(path).bearer(&viewer).send(&app).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {:?}", r.json());
    }
    for (method, path) in &writes {
        let req = if *method == "PUT" {
            put(path).json(&json!({}))
        } else {
            post(path)
        };
        let r = req.bearer(&viewer).send(&app).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path}");
        assert_eq!(r.code(), "permission_denied");
    }
    // no token: 401
    let r = get(&reads[0]).send(&app).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // missing parameters: 400 naming them
    let r = get("/api/v1/automation/config/")
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["errors"]["site_id"].is_array());
    let r = post("/api/v1/automation/pause/")
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["errors"]["run_id"].is_array());
    // an unknown run: 404
    let r = get("/api/v1/automation/logs/?run_id=999999")
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn update_config_reports_every_bad_field_and_changes_nothing() {
    let c = ctx();
    let app = app(&c.state).await;
    let t = &c.a;
    let site = t.site_id;
    let r = put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&json!({
            "frequency": "hourly", "scheduled_hour": 24, "stage_1_batch_size": 0,
            "within_stage_delay_secs": -1, "max_keywords_per_run": -5, "enabled": true
        }))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{:?}", r.json());
    assert_eq!(r.code(), "validation_failed");
    let errors = r.json()["errors"].clone();
    for f in [
        "frequency",
        "scheduled_hour",
        "stage_1_batch_size",
        "within_stage_delay_secs",
        "max_keywords_per_run",
    ] {
        assert!(errors[f].is_array(), "{f} missing in {errors}");
    }
    let r = get(&format!("/api/v1/automation/config/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert_eq!(r.data()["enabled"], false);
    assert_eq!(r.data()["stage_1_batch_size"], 20);
    // an unknown field is refused too
    let r = put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&json!({"stage_9_batch_size": 3}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // enabling schedules the next run; caps of 0 clear
    let r = put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(
            &json!({"enabled": true, "frequency": "weekly", "scheduled_hour": 5,
                       "scheduled_weekday": 3, "max_keywords_per_run": 50}),
        )
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["max_keywords_per_run"], 50);
    let next: chrono::DateTime<chrono::Utc> =
        r.data()["next_run_at"].as_str().unwrap().parse().unwrap();
    assert!(next > chrono::Utc::now());
    use chrono::{Datelike, Timelike};
    assert_eq!(next.weekday().number_from_monday(), 3);
    assert_eq!(next.hour(), 5);
    let r = put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&json!({"max_keywords_per_run": 0, "enabled": false}))
        .send(&app)
        .await;
    assert!(r.data()["max_keywords_per_run"].is_null());
    assert!(r.data()["next_run_at"].is_null());
}

#[actix_web::test]
async fn per_run_caps_limit_each_stage() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    let site = t.site_id;
    grant(&c, t, 200_000, "g");
    import(&app, &c, t, 30).await;
    let mut cfg = fast_config();
    cfg["max_keywords_per_run"] = json!(12);
    cfg["max_tasks_per_run"] = json!(2);
    put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&cfg)
        .send(&app)
        .await;
    post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    drain_steps(&c, 1000, None);
    let mapped: i64 = keywords::table
        .filter(keywords::account_id.eq(acct))
        .filter(keywords::cluster_id.is_not_null())
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    // the cap counts keywords: a batch of 10, then the 2 the cap leaves
    assert_eq!(mapped, 12);
    assert_eq!(count(&c, acct, "content"), 2);
}

/// The run row's counters (credits, the stage's consumed units, its cursor) against the item
/// records they stand for.
fn run_counters(c: &Ctx, acct: AccountId) -> (i64, i64, i64, i64, i64, i16) {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        total_credits: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        item_credits: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        stage_consumed: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        item_inputs: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        stage_cursor: i64,
        #[diesel(sql_type = diesel::sql_types::SmallInt)]
        current_stage: i16,
    }
    let r: Row = diesel::sql_query(
        "SELECT r.total_credits, r.stage_consumed, r.stage_cursor, r.current_stage,
                (SELECT COALESCE(SUM(credits), 0)::bigint FROM automation_run_items i
                  WHERE i.account_id = r.account_id AND i.run_id = r.id) AS item_credits,
                (SELECT COALESCE(SUM(inputs), 0)::bigint FROM automation_run_items i
                  WHERE i.account_id = r.account_id AND i.run_id = r.id
                    AND i.stage = r.current_stage AND i.outcome = 'saved') AS item_inputs
           FROM automation_runs r WHERE r.account_id = $1",
    )
    .bind::<diesel::sql_types::BigInt, _>(acct.get())
    .get_result(&mut c.db.conn())
    .unwrap();
    (
        r.total_credits,
        r.item_credits,
        r.stage_consumed,
        r.item_inputs,
        r.stage_cursor,
        r.current_stage,
    )
}

/// The status of the account's run.
fn run_status(c: &Ctx, acct: AccountId) -> String {
    automation_runs::table
        .filter(automation_runs::account_id.eq(acct))
        .select(automation_runs::status)
        .first(&mut c.db.conn())
        .unwrap()
}

/// Item records of the account's runs that charged credits.
fn item_count(c: &Ctx, acct: AccountId) -> i64 {
    use db::schema::automation_run_items as items;
    items::table
        .filter(items::account_id.eq(acct))
        .filter(items::credits.gt(0))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap()
}

#[actix_web::test]
async fn batches_read_past_a_cursor_and_sweep_items_that_became_pending_behind_it() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    configured(&app, &c, t, 200_000, 30).await;
    run_now(&app, t).await;
    // two batches of 10 keywords: the cursor is the 20th keyword, the counters are the items'
    assert_eq!(drain_steps(&c, 2, None), 2);
    let ids: Vec<i64> = keywords::table
        .filter(keywords::account_id.eq(acct))
        .order(keywords::id.asc())
        .select(keywords::id)
        .load(&mut c.db.conn())
        .unwrap();
    let (credits, item_credits, consumed, inputs, cursor, stage) = run_counters(&c, acct);
    assert_eq!(stage, 1);
    assert!(credits > 0);
    assert_eq!(credits, item_credits);
    assert_eq!((consumed, inputs), (20, 20));
    assert_eq!(cursor, ids[19]);
    // a person takes the first keyword out of its cluster: pending again, behind the cursor
    let r = patch(&format!("/api/v1/planner/keywords/{}/", ids[0]))
        .bearer(&t.access)
        .json(&json!({"cluster_id": null}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    // the next batch reads past the cursor (the last 10), then a sweep finds the first again
    assert_eq!(drain_steps(&c, 1, None), 1);
    let pending = |c: &Ctx| -> Vec<i64> {
        keywords::table
            .filter(keywords::account_id.eq(acct))
            .filter(keywords::cluster_id.is_null())
            .select(keywords::id)
            .load(&mut c.db.conn())
            .unwrap()
    };
    assert_eq!(pending(&c), vec![ids[0]]);
    let (credits, item_credits, consumed, inputs, cursor, _) = run_counters(&c, acct);
    assert_eq!((credits, consumed, cursor), (item_credits, inputs, ids[29]));
    assert_eq!(consumed, 30);
    assert_eq!(drain_steps(&c, 1, None), 1);
    // a keyword group is named by exactly its keywords: the one put back is new work
    assert!(
        pending(&c).is_empty(),
        "the sweep clustered the keyword again"
    );
    let (_, _, consumed, _, cursor, stage) = run_counters(&c, acct);
    assert_eq!((consumed, cursor, stage), (31, ids[29], 1));
    // the run ends; the next stage started from a fresh cursor and its counters held throughout
    drain_steps(&c, 1000, None);
    let (credits, item_credits, ..) = run_counters(&c, acct);
    assert_eq!(credits, item_credits);
    // the run's credits are the ledger's charges (the grant is the only other row)
    let ledger: Vec<i64> = credit_transactions::table
        .filter(credit_transactions::account_id.eq(acct))
        .select(credit_transactions::amount)
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(
        ledger.len(),
        1 + usize::try_from(item_count(&c, acct)).unwrap()
    );
    assert_eq!(credits, 200_000 - ledger.iter().sum::<i64>());
    assert_eq!(run_status(&c, acct), "completed");
}

#[actix_web::test]
async fn an_item_worked_earlier_in_the_run_that_becomes_pending_again_is_skipped_once() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    let site = t.site_id;
    configured(&app, &c, t, 200_000, 12).await;
    run_now(&app, t).await;
    // up to the first batch of images
    let stage_batch = |c: &Ctx| -> (i16, i32) {
        automation_runs::table
            .filter(automation_runs::account_id.eq(acct))
            .select((automation_runs::current_stage, automation_runs::stage_batch))
            .first(&mut c.db.conn())
            .unwrap()
    };
    while stage_batch(&c) < (6, 1) {
        assert_eq!(
            drain_steps(&c, 1, None),
            1,
            "the run ended before its images"
        );
    }
    // an image it generated is put back to pending (as a person undoing it would)
    let image: i64 = images::table
        .filter(images::account_id.eq(acct))
        .filter(images::status.eq("generated"))
        .order(images::id.asc())
        .select(images::id)
        .first(&mut c.db.conn())
        .unwrap();
    diesel::update(images::table.filter(images::id.eq(image)))
        .set(images::status.eq("pending"))
        .execute(&mut c.db.conn())
        .unwrap();
    let steps = drain_steps(&c, 1000, None);
    assert!(
        steps < 100,
        "the run met the item again and again: {steps} steps"
    );
    assert_eq!(run_status(&c, acct), "completed");
    // skipped once, with the reason, and charged once
    use db::schema::automation_run_items as items;
    let again: Vec<(String, String, Option<String>)> = items::table
        .filter(items::account_id.eq(acct))
        .filter(items::item_id.eq(image))
        .filter(items::stage.eq(6))
        .order(items::item_key.asc())
        .select((items::item_key, items::outcome, items::reason))
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(again.len(), 2, "{again:?}");
    assert_eq!(again[0].0, format!("image:{image}"));
    assert_eq!(again[0].1, "saved");
    assert_eq!(again[1].0, format!("image:{image}:again"));
    assert_eq!(again[1].1, "skipped");
    assert!(
        again[1]
            .2
            .as_deref()
            .unwrap()
            .contains("earlier in this run")
    );
    let charges: i64 = credit_transactions::table
        .filter(credit_transactions::account_id.eq(acct))
        .filter(credit_transactions::idempotency_key.like(format!("%:image:{image}")))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(charges, 1);
    let run = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await
        .json();
    let stage6 = &run["results"][0]["stages"][5];
    assert_eq!(stage6["skipped"], 1, "{stage6}");
}

#[actix_web::test]
async fn the_scheduler_starts_due_runs_once_however_many_hours_were_missed() {
    let c = ctx();
    let app = app(&c.state).await;
    let t = &c.a;
    let site = t.site_id;
    grant(&c, t, 100_000, "g");
    import(&app, &c, t, 10).await;
    let r = put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(
            &json!({"enabled": true, "frequency": "daily", "scheduled_hour": 3,
                       "within_stage_delay_secs": 0, "between_stage_delay_secs": 0}),
        )
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let next: chrono::DateTime<chrono::Utc> =
        r.data()["next_run_at"].as_str().unwrap().parse().unwrap();
    let mut conn = c.db.conn();
    // before it is due: nothing
    let rep = automation::pipeline::scheduler::start_due_runs(
        &mut conn,
        3,
        next - chrono::Duration::minutes(1),
    )
    .unwrap();
    assert!(rep.started.is_empty());
    // three days of missed hours later: one run, and the schedule moves past now
    let late = next + chrono::Duration::days(3) + chrono::Duration::hours(2);
    let rep = automation::pipeline::scheduler::start_due_runs(&mut conn, 3, late).unwrap();
    assert_eq!(rep.started.len(), 1);
    let rep = automation::pipeline::scheduler::start_due_runs(&mut conn, 3, late).unwrap();
    assert!(rep.started.is_empty(), "not once per missed hour");
    let cfg_next: Option<chrono::DateTime<chrono::Utc>> = automation_configs::table
        .filter(automation_configs::site_id.eq(site))
        .select(automation_configs::next_run_at)
        .first(&mut conn)
        .unwrap();
    let cfg_next = cfg_next.unwrap();
    assert!(cfg_next > late && cfg_next <= late + chrono::Duration::days(1));
    let trig: String = automation_runs::table
        .filter(automation_runs::site_id.eq(site))
        .select(automation_runs::trigger)
        .first(&mut conn)
        .unwrap();
    assert_eq!(trig, "scheduled");
    // due again while that run is still active: not started again, the schedule moves on
    let rep = automation::pipeline::scheduler::start_due_runs(
        &mut conn,
        3,
        cfg_next + chrono::Duration::minutes(1),
    )
    .unwrap();
    assert!(rep.started.is_empty());
    assert_eq!(rep.busy, 1);
    let runs: i64 = automation_runs::table
        .filter(automation_runs::site_id.eq(site))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(runs, 1);
    // a short balance skips with a notification
    drop(conn);
    drain_steps(&c, 1000, None);
    let have = balance(&c, t);
    spend(&c, t, have);
    let url = format!(
        "/api/v1/planner/keywords/import_csv/?site_id={}&sector_id={}",
        t.site_id, t.sector_ids[1]
    );
    let r = post(&url)
        .bearer(&t.access)
        .raw("text/csv", keywords_csv(5))
        .send(&app)
        .await;
    assert_eq!(r.data()["created"], 5);
    let mut conn = c.db.conn();
    let due: chrono::DateTime<chrono::Utc> = automation_configs::table
        .filter(automation_configs::site_id.eq(site))
        .select(automation_configs::next_run_at)
        .first::<Option<_>>(&mut conn)
        .unwrap()
        .unwrap();
    let rep = automation::pipeline::scheduler::start_due_runs(
        &mut conn,
        3,
        due + chrono::Duration::minutes(1),
    )
    .unwrap();
    assert_eq!(rep.short_of_credits, 1);
    let skipped: i64 = notifications::table
        .filter(notifications::account_id.eq(t.account_id))
        .filter(notifications::title.eq("Scheduled automation skipped"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(skipped, 1);
    // a suspended account gets no scheduled run, whatever its balance
    drop(conn);
    grant(&c, t, 100_000, "g2");
    test_support::fixtures::set_account_status(&mut c.db.conn(), t.account_id, "suspended");
    let mut conn = c.db.conn();
    let due: chrono::DateTime<chrono::Utc> = automation_configs::table
        .filter(automation_configs::site_id.eq(site))
        .select(automation_configs::next_run_at)
        .first::<Option<_>>(&mut conn)
        .unwrap()
        .unwrap();
    let rep = automation::pipeline::scheduler::start_due_runs(
        &mut conn,
        3,
        due + chrono::Duration::minutes(1),
    )
    .unwrap();
    assert_eq!((rep.started.len(), rep.inactive), (0, 1));
}

/// Reads an SSE body into (event, id, data) triples.
fn sse_events(body: &str) -> Vec<(String, Option<i64>, Value)> {
    body.split("\n\n")
        .filter(|b| !b.trim().is_empty() && !b.starts_with(':'))
        .map(|block| {
            let mut ev = String::new();
            let mut id = None;
            let mut data = Value::Null;
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event: ") {
                    ev = v.to_owned();
                } else if let Some(v) = line.strip_prefix("id: ") {
                    id = v.parse().ok();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = serde_json::from_str(v).unwrap();
                }
            }
            (ev, id, data)
        })
        .collect()
}

#[actix_web::test]
async fn the_event_stream_sends_the_state_first_then_each_change_in_order_until_the_end() {
    let c = ctx();
    let app = app(&c.state).await;
    let t = &c.a;
    configured(&app, &c, t, 100_000, 12).await;
    let run = run_now(&app, t).await;

    // live: connect, then let the worker run the whole pipeline on another thread
    let req = actix_web::test::TestRequest::get()
        .uri(&format!("/api/v1/automation/runs/{run}/events/"))
        .insert_header(("Authorization", format!("Bearer {}", t.access)))
        .to_request();
    let resp = actix_web::test::call_service(&app, req).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let pool = c.state.pool.clone();
    let queue_pool = c.db.queue_pool();
    let media = c.state.media.clone();
    let worker = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        drain_pool(pool, queue_pool, media, 1000, None)
    });
    let body = actix_web::test::read_body(resp).await;
    worker.join().unwrap();
    let events = sse_events(std::str::from_utf8(&body).unwrap());
    assert_eq!(events[0].0, "state", "the state comes first");
    assert_eq!(events[0].2["status"], "running");
    let last = events.last().unwrap();
    assert_eq!(last.0, "state", "the stream ends with the final state");
    assert_eq!(last.2["status"], "completed");
    let kinds: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(kinds[kinds.len() - 2], "run_completed");
    let starts: Vec<i64> = events
        .iter()
        .filter(|e| e.0 == "stage_started")
        .map(|e| e.2["stage"].as_i64().unwrap())
        .collect();
    assert_eq!(
        starts,
        vec![1, 2, 3, 4, 5, 6, 7],
        "stage transitions in order"
    );
    let ids: Vec<i64> = events
        .iter()
        .filter(|e| e.0 != "state")
        .filter_map(|e| e.1)
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids increase: {ids:?}");

    // a late client gets the current (final) state at once and the stream ends
    let r = get(&format!("/api/v1/automation/runs/{run}/events/"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let late = sse_events(std::str::from_utf8(&r.body).unwrap());
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].0, "state");
    assert_eq!(late[0].2["status"], "completed");
    // Last-Event-ID resumes after that event: the rest, then the final state
    let mid = ids[ids.len() / 2];
    let r = get(&format!("/api/v1/automation/runs/{run}/events/"))
        .bearer(&t.access)
        .header("Last-Event-ID", &mid.to_string())
        .send(&app)
        .await;
    let resumed = sse_events(std::str::from_utf8(&r.body).unwrap());
    let resumed_ids: Vec<i64> = resumed
        .iter()
        .filter(|e| e.0 != "state")
        .filter_map(|e| e.1)
        .collect();
    assert_eq!(
        resumed_ids,
        ids.iter().copied().filter(|i| *i > mid).collect::<Vec<_>>()
    );
    assert_eq!(resumed.last().unwrap().0, "state");
}

#[actix_web::test]
async fn a_permanent_error_fails_the_run_once_with_a_clear_reason_and_a_notification() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    let site = t.site_id;
    configured(&app, &c, t, 100_000, 10).await;
    // an account AI key saved under the API's secret, read by a worker whose secret differs (as
    // after rotating IGNY8_SECRET_KEY): permanent, nothing to retry
    let saved = put("/api/v1/system/ai-settings/")
        .bearer(&t.access)
        .json(&json!({"api_key": "sk-account-own-key-0123456789"}))
        .send(&app)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.json());
    let r = post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run_id = r.data()["id"].as_i64().unwrap();
    assert_eq!(drain_steps(&c, 100, None), 1, "one step, no retry");
    let r = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run = r.json()["results"][0].clone();
    assert_eq!(run["id"], run_id);
    assert_eq!(run["status"], "failed", "{run:#}");
    let error = run["error"].as_str().unwrap_or_default();
    assert!(error.contains("IGNY8_SECRET_KEY"), "{error}");
    assert!(run["completed_at"].is_string());
    assert_eq!(run["total_credits"], 0);
    assert_eq!(count(&c, acct, "clusters"), 0);
    assert_eq!(
        billing::holds::held(&mut c.db.conn(), &c.a.scope()).unwrap(),
        0,
        "a failed run releases its credit hold"
    );
    let failed: Vec<String> = notifications::table
        .filter(notifications::account_id.eq(acct))
        .filter(notifications::kind.eq("automation_run"))
        .select(notifications::level)
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(failed, vec!["error".to_owned()]);
    // and one e-mail to the owner, saying why
    let mails: Vec<(String, String, String)> = db::schema::email_outbox::table
        .filter(db::schema::email_outbox::account_id.eq(acct))
        .filter(db::schema::email_outbox::kind.eq("automation_run_failed"))
        .select((
            db::schema::email_outbox::to_email,
            db::schema::email_outbox::subject,
            db::schema::email_outbox::body_text,
        ))
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, t.email);
    assert!(
        mails[0].1.starts_with("Automation run on "),
        "{}",
        mails[0].1
    );
    assert!(mails[0].2.contains("IGNY8_SECRET_KEY"), "{}", mails[0].2);
    let r = get(&format!("/api/v1/automation/logs/?run_id={run_id}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let last = r.data()["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "run_failed");
    // the site is free for a new run
    let r = get(&format!("/api/v1/automation/current_run/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    assert!(r.data().is_null());
}

#[actix_web::test]
async fn the_credit_cap_ends_the_run_after_the_batch_that_reaches_it() {
    let c = ctx();
    let app = app(&c.state).await;
    let (t, acct) = (&c.a, c.a.account_id);
    let site = t.site_id;
    grant(&c, t, 100_000, "g");
    import(&app, &c, t, 30).await;
    let mut cfg = fast_config();
    cfg["max_credits_per_run"] = json!(1);
    put(&format!("/api/v1/automation/update_config/?site_id={site}"))
        .bearer(&t.access)
        .json(&cfg)
        .send(&app)
        .await;
    let before = balance(&c, t);
    post(&format!("/api/v1/automation/run_now/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    drain_steps(&c, 100, None);
    let r = get(&format!("/api/v1/automation/history/?site_id={site}"))
        .bearer(&t.access)
        .send(&app)
        .await;
    let run = r.json()["results"][0].clone();
    assert_eq!(run["status"], "completed", "{run:#}");
    // one batch of 10 keywords ran, then the cap ended the run: no later stage started
    assert_eq!(stage(&run, 1)["state"], "done");
    for s in 2..=7 {
        assert_eq!(stage(&run, s)["state"], "pending", "stage {s}");
    }
    let mapped: i64 = keywords::table
        .filter(keywords::account_id.eq(acct))
        .filter(keywords::cluster_id.is_not_null())
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(mapped, 10);
    let spent = run["total_credits"].as_i64().unwrap();
    assert!(spent >= 1);
    assert_eq!(before - balance(&c, t), spent);
    assert_eq!(count(&c, acct, "content_ideas"), 0);
}
