//! The five AI functions end to end over HTTP: 202 + ai_task, the queued jobs run in-process
//! (as the worker runs them), results in the database, files in the media directory, credits
//! charged per the cost table once, notifications; crash safety; 402/404/403 before any work.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use automation::ai_functions::{AiEnv, MAX_RETRIES, RunAiTask, run_ai_task};
use common::*;
use db::DbPool;
use db::jobs::fang::{self, Queueable};
use db::schema::{
    ai_tasks, clusters, content as content_t, content_ideas, credit_transactions,
    credit_usage_logs, idea_keywords, images, keywords, notifications, tasks,
};
use diesel::prelude::*;
use kernel::{AccountId, Clock, IdeaId, Role};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Settings of the offline provider with small images (fast to render in a debug build).
fn offline_settings() -> ai::Settings {
    ai::Settings {
        image_size: ai::ImageSize {
            width: 256,
            height: 192,
        },
        ..ai::Settings::default()
    }
}

/// Runs every queued `ai` task like the worker does (success removes the row; an error is
/// retried at once until `MAX_RETRIES`), on a plain thread: providers use blocking HTTP.
fn drain(c: &Ctx, settings: &ai::Settings, fail_save: Option<Arc<AtomicBool>>) -> usize {
    drain_in_background(c, settings, fail_save).join().unwrap()
}

/// [`drain`] without waiting for it.
fn drain_in_background(
    c: &Ctx,
    settings: &ai::Settings,
    fail_save: Option<Arc<AtomicBool>>,
) -> std::thread::JoinHandle<usize> {
    let pool: DbPool = c.state.pool.clone();
    let queue_pool = c.db.queue_pool();
    let media = c.state.media.clone();
    let settings = settings.clone();
    std::thread::spawn(move || {
        let providers = ai::Providers::new(settings).unwrap();
        let queue = fang::Queue::builder().connection_pool(queue_pool).build();
        let clock = Clock::system();
        let mut runs = 0;
        while let Some(task) = queue.fetch_and_touch_task("ai".into()).unwrap() {
            assert_eq!(task.metadata["type"], "ai.run_task");
            let job: RunAiTask = serde_json::from_value(task.metadata.clone()).unwrap();
            let env = AiEnv::new(&pool, &clock, &providers, media.as_ref(), &[7u8; 32]);
            let env = match &fail_save {
                Some(f) => env.with_save_failure(f),
                None => env,
            };
            match run_ai_task(&env, &job) {
                Ok(()) => {
                    queue.remove_task(&task.id).unwrap();
                }
                Err(e) if task.retries < MAX_RETRIES => {
                    queue.schedule_retry(&task, 0, &e.to_string()).unwrap();
                }
                Err(e) => {
                    queue.fail_task(&task, &e.to_string()).unwrap();
                }
            }
            runs += 1;
            assert!(runs < 200, "the queue does not drain");
        }
        runs
    })
}

fn grant(c: &Ctx, account: &TenantFixture, amount: i64) {
    billing::credits::grant(
        &mut c.db.conn(),
        &account.scope(),
        &billing::credits::GrantRequest {
            pool: billing::model::Pool::Bonus,
            amount,
            idempotency_key: "test-grant",
            reference: "test",
            description: "test credits",
        },
        chrono::Utc::now(),
    )
    .unwrap();
}

/// 200 distinct keywords over 20 topics, as a CSV file.
fn keywords_csv() -> String {
    let topics = [
        "running shoes",
        "yoga mat",
        "espresso machine",
        "standing desk",
        "noise cancelling headphones",
        "electric bike",
        "air fryer",
        "hiking boots",
        "mechanical keyboard",
        "robot vacuum",
        "camping tent",
        "gaming chair",
        "water filter",
        "baby stroller",
        "dog food",
        "protein powder",
        "office chair",
        "rain jacket",
        "smart watch",
        "coffee grinder",
    ];
    let mods = [
        "best",
        "cheap",
        "review",
        "for beginners",
        "vs",
        "how to choose",
        "under 100",
        "for women",
        "sale",
        "guide",
    ];
    let mut s = String::from("Keyword,Volume,Keyword Difficulty,Intent\n");
    for (i, t) in topics.iter().enumerate() {
        for (j, m) in mods.iter().enumerate() {
            let kw = if ["best", "cheap", "how to choose"].contains(m) {
                format!("{m} {t}")
            } else {
                format!("{t} {m}")
            };
            s.push_str(&format!(
                "{kw},{},{},Commercial\n",
                1000 * (20 - i) + 10 * (10 - j),
                20 + j
            ));
        }
    }
    s
}

async fn start_ai<S, B>(app: &S, token: &str, path: &str, body: Value) -> i64
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let r = post(path).bearer(token).json(&body).send(app).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{path}: {:?}", r.json());
    r.data()["task_id"].as_i64().unwrap()
}

async fn ai_task<S, B>(app: &S, token: &str, id: i64) -> Value
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let r = get(&format!("/api/v1/system/ai-tasks/{id}/"))
        .bearer(token)
        .send(app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    r.data()
}

fn keyword_ids(c: &Ctx, account: AccountId) -> Vec<i64> {
    keywords::table
        .filter(keywords::account_id.eq(account))
        .order(keywords::id.asc())
        .select(keywords::id)
        .load::<kernel::KeywordId>(&mut c.db.conn())
        .unwrap()
        .into_iter()
        .map(|k| k.get())
        .collect()
}

/// Credits the cost table asks for one logged call (offline models price as the defaults:
/// GPT-5.1 at 1,000 tokens per credit, DALL-E 3 at 5 credits per image).
fn expected_credits(operation: &str, tokens: i64) -> i64 {
    let min = match operation {
        "clustering" => 2,
        "content" => 3,
        "ideas" | "image_prompts" => 1,
        "images" => return 5,
        other => panic!("unknown operation {other}"),
    };
    ((tokens + 999) / 1000).max(min)
}

/// Every charged usage row is priced per the table (a failed call's row is free), the ledger's
/// charges equal the usage rows and the balance equals the grant minus the charges. Returns the
/// credits spent.
fn check_ledger(c: &Ctx, account: AccountId, granted: i64) -> i64 {
    let mut conn = c.db.conn();
    let failed_credits: Vec<i64> = credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(account))
        .filter(credit_usage_logs::transaction_id.is_null())
        .select(credit_usage_logs::credits)
        .load(&mut conn)
        .unwrap();
    assert!(failed_credits.iter().all(|&c| c == 0), "{failed_credits:?}");
    let usage: Vec<(String, i64, i64, i64)> = credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(account))
        .filter(credit_usage_logs::transaction_id.is_not_null())
        .select((
            credit_usage_logs::operation,
            credit_usage_logs::credits,
            credit_usage_logs::tokens_in,
            credit_usage_logs::tokens_out,
        ))
        .load(&mut conn)
        .unwrap();
    for (op, credits, tin, tout) in &usage {
        assert_eq!(
            *credits,
            expected_credits(op, tin + tout),
            "{op}: {tin}+{tout} tokens"
        );
    }
    let spent: i64 = usage.iter().map(|u| u.1).sum();
    let charges: i64 = credit_transactions::table
        .filter(credit_transactions::account_id.eq(account))
        .filter(credit_transactions::kind.eq("charge"))
        .select(credit_transactions::amount)
        .load::<i64>(&mut conn)
        .unwrap()
        .iter()
        .sum();
    assert_eq!(-charges, spent, "ledger charges match the usage log");
    let b = billing::credits::balance(&mut conn, &tenancy::Scope::for_job(account)).unwrap();
    assert_eq!(b.plan_credits + b.bonus_credits, granted - spent);
    spent
}

#[actix_web::test]
async fn offline_flow_from_keywords_to_images() {
    let c = ctx();
    let app = app(&c.state).await;
    let settings = offline_settings();
    let tok = c.a.access.clone();
    let acct = c.a.account_id;
    grant(&c, &c.a, 100_000);

    // import 200 keywords
    let url = format!(
        "/api/v1/planner/keywords/import_csv/?site_id={}&sector_id={}",
        c.a.site_id, c.a.sector_ids[0]
    );
    let r = post(&url)
        .bearer(&tok)
        .raw("text/csv", keywords_csv())
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["created"], 200);
    let kw_ids = keyword_ids(&c, acct);
    assert_eq!(kw_ids.len(), 200);

    // auto_cluster
    let t = start_ai(
        &app,
        &tok,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw_ids}),
    )
    .await;
    assert_eq!(ai_task(&app, &tok, t).await["status"], "queued");
    assert_eq!(drain(&c, &settings, None), 1);
    let d = ai_task(&app, &tok, t).await;
    assert_eq!(
        (
            d["status"].as_str(),
            d["phase"].as_str(),
            d["progress"].as_i64()
        ),
        (Some("completed"), Some("DONE"), Some(100)),
        "{d}"
    );
    let mut conn = c.db.conn();
    let unmapped: i64 = keywords::table
        .filter(keywords::account_id.eq(acct))
        .filter(
            keywords::cluster_id
                .is_null()
                .or(keywords::status.ne("mapped")),
        )
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(unmapped, 0, "every keyword is clustered and mapped");
    let cluster_ids: Vec<kernel::ClusterId> = clusters::table
        .filter(clusters::account_id.eq(acct))
        .order(clusters::id.asc())
        .select(clusters::id)
        .load(&mut conn)
        .unwrap();
    assert!(cluster_ids.len() >= 15, "{} clusters", cluster_ids.len());
    assert_eq!(
        d["result"]["clusters_created"].as_u64(),
        Some(cluster_ids.len() as u64)
    );
    assert_eq!(d["result"]["keywords_mapped"], 200);

    // generate_ideas for three clusters
    let chosen: Vec<i64> = cluster_ids.iter().take(3).map(|c| c.get()).collect();
    let t = start_ai(
        &app,
        &tok,
        "/api/v1/planner/clusters/generate_ideas/",
        json!({"cluster_ids": chosen}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &tok, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    let ideas: Vec<(IdeaId, Option<kernel::ClusterId>, Value)> = content_ideas::table
        .filter(content_ideas::account_id.eq(acct))
        .order(content_ideas::id.asc())
        .select((
            content_ideas::id,
            content_ideas::cluster_id,
            content_ideas::outline,
        ))
        .load(&mut conn)
        .unwrap();
    for cid in &chosen {
        let n = ideas
            .iter()
            .filter(|i| i.1.map(|x| x.get()) == Some(*cid))
            .count();
        assert!((3..=7).contains(&n), "cluster {cid} got {n} ideas");
    }
    assert_eq!(
        d["result"]["ideas_created"].as_u64(),
        Some(ideas.len() as u64)
    );
    for (_, _, outline) in &ideas {
        assert!(
            outline["sections"].as_array().unwrap().len() >= 3,
            "{outline}"
        );
    }
    let links: i64 = idea_keywords::table
        .filter(idea_keywords::account_id.eq(acct))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(links >= ideas.len() as i64, "every idea links its keywords");

    // tasks from two ideas, through the planner's create_tasks route
    let two: Vec<i64> = ideas.iter().take(2).map(|(id, _, _)| id.get()).collect();
    let r = post("/api/v1/planner/ideas/create_tasks/")
        .bearer(&tok)
        .json(&json!({"ids": two}))
        .send(&app)
        .await;
    assert_eq!(r.status, actix_web::http::StatusCode::OK, "{:?}", r.json());
    let task_ids: Vec<i64> = r.data()["task_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(task_ids.len(), 2);

    // auto_generate_content
    let t = start_ai(
        &app,
        &tok,
        "/api/v1/writer/tasks/auto_generate_content/",
        json!({"ids": task_ids}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &tok, t).await;
    assert_eq!(
        (d["status"].as_str(), d["result"]["count"].as_i64()),
        (Some("completed"), Some(2)),
        "{d}"
    );
    let items: Vec<(kernel::ContentId, Option<kernel::TaskId>, String, String)> = content_t::table
        .filter(content_t::account_id.eq(acct))
        .order(content_t::id.asc())
        .select((
            content_t::id,
            content_t::task_id,
            content_t::status,
            content_t::content_html,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(items.len(), 2);
    for (_, task, status, html) in &items {
        assert!(task_ids.contains(&task.unwrap().get()));
        assert_eq!(status, "draft");
        let idea_of_task: Option<kernel::IdeaId> = tasks::table
            .filter(tasks::account_id.eq(acct))
            .filter(tasks::id.eq(task.unwrap()))
            .select(tasks::idea_id)
            .first(&mut conn)
            .unwrap();
        let outline = &ideas
            .iter()
            .find(|(id, _, _)| Some(*id) == idea_of_task)
            .unwrap()
            .2;
        let first = outline["sections"][0]["heading"].as_str().unwrap();
        let escaped = first.replace('&', "&amp;");
        assert!(
            html.contains(first) || html.contains(&escaped),
            "the article follows the idea's outline: {first}"
        );
    }
    let statuses: Vec<String> = tasks::table
        .filter(tasks::account_id.eq(acct))
        .select(tasks::status)
        .load(&mut conn)
        .unwrap();
    assert_eq!(statuses, vec!["completed", "completed"]);

    // generate_image_prompts
    let content_ids: Vec<i64> = items.iter().map(|i| i.0.get()).collect();
    let t = start_ai(
        &app,
        &tok,
        "/api/v1/writer/content/generate_image_prompts/",
        json!({"ids": content_ids}),
    )
    .await;
    drain(&c, &settings, None);
    assert_eq!(ai_task(&app, &tok, t).await["status"], "completed");
    let rows: Vec<(kernel::ImageId, String, i32, String, String)> = images::table
        .filter(images::account_id.eq(acct))
        .order(images::id.asc())
        .select((
            images::id,
            images::image_type,
            images::position,
            images::prompt,
            images::status,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(rows.len(), 2 * (1 + settings.n_in_article_images));
    for (_, ty, pos, prompt, status) in &rows {
        assert_eq!(status, "pending");
        assert!(!prompt.is_empty());
        assert_eq!(ty == "featured", *pos == 0);
    }

    // generate_images
    let image_ids: Vec<i64> = rows.iter().map(|r| r.0.get()).collect();
    let t = start_ai(
        &app,
        &tok,
        "/api/v1/writer/images/generate_images/",
        json!({"ids": image_ids}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &tok, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    let n = rows.len() as i64;
    assert_eq!(
        (
            d["result"]["count"].as_i64(),
            d["result"]["images_generated"].as_i64(),
            d["result"]["images_failed"].as_i64(),
            d["result"]["total_images"].as_i64(),
            d["result"]["errors"].clone()
        ),
        (Some(n), Some(n), Some(0), Some(n), json!([]))
    );
    let stored: Vec<(
        String,
        Option<String>,
        Option<i32>,
        Option<i32>,
        Option<String>,
    )> = images::table
        .filter(images::account_id.eq(acct))
        .select((
            images::status,
            images::storage_key,
            images::width,
            images::height,
            images::format,
        ))
        .load(&mut conn)
        .unwrap();
    let files = c.state.media_files();
    for (status, key, w, h, f) in &stored {
        assert_eq!(
            (status.as_str(), *w, *h, f.as_deref()),
            ("generated", Some(256), Some(192), Some("webp"))
        );
        assert!(
            files.contains(key.as_ref().unwrap()),
            "{key:?} in {files:?}"
        );
    }

    // credits per the cost table, ledger = balance, one charge per item
    let spent = check_ledger(&c, acct, 100_000);
    assert!(spent > 0);
    let ops: Vec<String> = credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(acct))
        .order(credit_usage_logs::id.asc())
        .select(credit_usage_logs::operation)
        .load(&mut conn)
        .unwrap();
    let count = |op: &str| ops.iter().filter(|o| *o == op).count();
    assert_eq!(
        (
            count("clustering"),
            count("ideas"),
            count("content"),
            count("image_prompts"),
            count("images")
        ),
        (1, 3, 2, 2, rows.len())
    );
    // one success notification per task
    let notes: Vec<(String, Option<String>)> = notifications::table
        .filter(notifications::account_id.eq(acct))
        .filter(notifications::kind.eq("ai_task"))
        .select((notifications::level, notifications::dedupe_key))
        .load(&mut conn)
        .unwrap();
    assert_eq!(notes.len(), 5);
    assert!(
        notes
            .iter()
            .all(|(l, k)| l == "success" && k.as_deref().unwrap().starts_with("ai_task:"))
    );
    // tenant B saw nothing of it
    let b_task = get(&format!("/api/v1/system/ai-tasks/{t}/"))
        .bearer(&c.b.access)
        .send(&app)
        .await;
    assert_eq!(b_task.status, StatusCode::NOT_FOUND);
}

/// Keywords of tenant A's first sector, imported over HTTP.
async fn seed_keywords<S, B>(c: &Ctx, app: &S, n: usize) -> Vec<i64>
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let csv: String = keywords_csv()
        .lines()
        .take(n + 1)
        .collect::<Vec<_>>()
        .join("\n");
    let url = format!(
        "/api/v1/planner/keywords/import_csv/?site_id={}&sector_id={}",
        c.a.site_id, c.a.sector_ids[0]
    );
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", csv)
        .send(app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    keyword_ids(c, c.a.account_id)
}

fn counts(c: &Ctx, acct: AccountId) -> (i64, i64, i64) {
    let mut conn = c.db.conn();
    let cl = clusters::table
        .filter(clusters::account_id.eq(acct))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let ct = content_t::table
        .filter(content_t::account_id.eq(acct))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let charges = credit_transactions::table
        .filter(credit_transactions::account_id.eq(acct))
        .filter(credit_transactions::kind.eq("charge"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    (cl, ct, charges)
}

fn rerun(c: &Ctx, task: i64, settings: &ai::Settings) {
    // as if the worker died after SAVE and before completing: the task is running again
    diesel::update(ai_tasks::table.filter(ai_tasks::id.eq(kernel::AiTaskId(task))))
        .set(ai_tasks::status.eq("running"))
        .execute(&mut c.db.conn())
        .unwrap();
    db::jobs::enqueue(
        &mut c.db.conn(),
        &RunAiTask {
            ai_task_id: kernel::AiTaskId(task),
            account_id: c.a.account_id,
        },
    )
    .unwrap();
    assert_eq!(drain(c, settings, None), 1);
}

#[actix_web::test]
async fn crash_half_way_and_reruns_charge_once() {
    let c = ctx();
    let app = app(&c.state).await;
    let settings = offline_settings();
    let acct = c.a.account_id;
    grant(&c, &c.a, 10_000);
    let kw = seed_keywords(&c, &app, 40).await;
    assert_eq!(kw.len(), 40);

    // the first SAVE fails after its writes and charge, before commit; the retry succeeds
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    let fail = Arc::new(AtomicBool::new(true));
    assert_eq!(drain(&c, &settings, Some(fail.clone())), 2);
    assert!(!fail.load(Ordering::SeqCst), "the failpoint fired");
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(
        (d["status"].as_str(), d["attempts"].as_i64()),
        (Some("completed"), Some(2)),
        "{d}"
    );
    let after_first = counts(&c, acct);
    assert_eq!(after_first.2, 1, "one clustering charge");
    assert_eq!(
        d["result"]["clusters_created"].as_i64(),
        Some(after_first.0)
    );

    // a second run of the same task changes nothing
    rerun(&c, t, &settings);
    assert_eq!(counts(&c, acct), after_first);
    assert_eq!(ai_task(&app, &c.a.access, t).await["status"], "completed");
    // a completed task's duplicate job returns at once
    db::jobs::enqueue(
        &mut c.db.conn(),
        &RunAiTask {
            ai_task_id: kernel::AiTaskId(t),
            account_id: acct,
        },
    )
    .unwrap();
    assert_eq!(drain(&c, &settings, None), 1);
    assert_eq!(counts(&c, acct), after_first);

    // content: crash mid-SAVE, retry, then a full re-run
    let mut conn = c.db.conn();
    let cluster = clusters::table
        .filter(clusters::account_id.eq(acct))
        .select(clusters::id)
        .first::<kernel::ClusterId>(&mut conn)
        .unwrap();
    let task_ids: Vec<i64> = (0..3)
        .map(|i| {
            content::tasks::create_task(
                &mut conn,
                &c.a.scope(),
                &content::tasks::NewTask {
                    site_id: c.a.site_id,
                    sector_id: c.a.sector_ids[0],
                    fields: content::tasks::TaskFields {
                        cluster_id: Some(Some(cluster)),
                        title: Some(format!("Article number {i}")),
                        word_count: Some(500),
                        ..Default::default()
                    },
                },
                chrono::Utc::now(),
            )
            .unwrap()
            .id
            .get()
        })
        .collect();
    drop(conn);
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/tasks/auto_generate_content/",
        json!({"ids": task_ids}),
    )
    .await;
    let fail = Arc::new(AtomicBool::new(true));
    assert_eq!(drain(&c, &settings, Some(fail)), 2);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    let after = counts(&c, acct);
    assert_eq!(
        (after.1, after.2),
        (3, 1 + 3),
        "one content and one charge per task"
    );
    rerun(&c, t, &settings);
    assert_eq!(counts(&c, acct), after);
    check_ledger(&c, acct, 10_000);
}

#[actix_web::test]
async fn short_credits_other_tenants_and_viewers_are_refused_before_any_work() {
    let c = ctx();
    let app = app(&c.state).await;
    let kw = seed_keywords(&c, &app, 20).await;
    let path = "/api/v1/planner/keywords/auto_cluster/";
    let no_work = |c: &Ctx| {
        let mut conn = c.db.conn();
        let t: i64 = ai_tasks::table.count().get_result(&mut conn).unwrap();
        let j: i64 = db::jobs::queue_stats(&mut conn)
            .unwrap()
            .task_types
            .iter()
            .map(|t| t.new + t.retried + t.in_progress + t.failed)
            .sum();
        (t, j)
    };

    // zero credits: 402 with needed/available, no ai_task, no job
    let r = post(path)
        .bearer(&c.a.access)
        .json(&json!({"keyword_ids": kw}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::PAYMENT_REQUIRED, "insufficient_credits"),
        "{:?}",
        r.json()
    );
    // 20 keywords × 200 estimated tokens at 1,000 tokens per credit
    assert_eq!(r.json()["errors"], json!({"needed": 4, "available": 0}));
    assert_eq!(no_work(&c), (0, 0));

    grant(&c, &c.a, 1_000);
    grant(&c, &c.b, 1_000);
    // B names only A's ids: 404, nothing created
    let r = post(path)
        .bearer(&c.b.access)
        .json(&json!({"keyword_ids": kw}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{:?}", r.json());
    assert_eq!(no_work(&c), (0, 0));
    // a viewer may not start AI work
    let (_, viewer) = c.a.add_member(&mut c.db.conn(), "vera", Role::Viewer);
    let r = post(path)
        .bearer(&viewer)
        .json(&json!({"keyword_ids": kw}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::FORBIDDEN, "permission_denied")
    );
    // more than 10 writer tasks: 400
    let r = post("/api/v1/writer/tasks/auto_generate_content/")
        .bearer(&c.a.access)
        .json(&json!({"ids": (1..=11).collect::<Vec<i64>>()}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    // an empty list: 400
    let r = post(path)
        .bearer(&c.a.access)
        .json(&json!({"keyword_ids": []}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_work(&c), (0, 0));

    // A names its own ids plus ids that are not its own: only its own are kept
    let t = start_ai(
        &app,
        &c.a.access,
        path,
        json!({"keyword_ids": [kw[0], kw[1], 999_999]}),
    )
    .await;
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["input"]["keyword_ids"], json!([kw[0], kw[1]]));
    assert_eq!(no_work(&c), (1, 1));
}

#[actix_web::test]
async fn openai_compatible_provider_requests_and_token_credits() {
    use ai::ImageProvider;
    use test_support::openai_server::{CHAT, IMAGES, OpenAiServer, Reply};

    let c = ctx();
    let app = app(&c.state).await;
    let acct = c.a.account_id;
    grant(&c, &c.a, 1_000);
    let kw = seed_keywords(&c, &app, 4).await;
    let server = OpenAiServer::start();
    let settings = ai::Settings::from_lookup(|k| match k {
        "IGNY8_AI_PROVIDER" => Some("openai".to_owned()),
        "IGNY8_AI_BASE_URL" => Some(server.base_url()),
        "IGNY8_AI_API_KEY" => Some("sk-test".to_owned()),
        "IGNY8_AI_TEXT_MODEL" => Some("gpt-4o-mini".to_owned()),
        "IGNY8_AI_IMAGE_MODEL" => Some("dall-e-3".to_owned()),
        "IGNY8_AI_IMAGE_SIZE" => Some("128x96".to_owned()),
        "IGNY8_AI_IMAGE_FORMAT" => Some("png".to_owned()),
        "IGNY8_AI_MAX_RETRIES" => Some("0".to_owned()),
        _ => None,
    })
    .unwrap();

    // clustering: one call; 30,000 + 25,000 tokens at 10,000 per credit = 6 credits
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [
                {"name": "Running Shoes", "description": "Shoes for runners.", "keyword_ids": [kw[0], kw[1]]},
                {"name": "Running Deals", "description": "Cheap shoes.", "keyword_ids": [kw[2], kw[3]]}
            ]}),
            30_000,
            25_000,
        ),
    );
    // the account's own clustering prompt (saved through the prompts route) is what we send
    let saved = post("/api/v1/system/prompts/save_prompt/")
        .bearer(&c.a.access)
        .json(&json!({"prompt_type": "clustering",
            "prompt_value": "ACME HOUSE STYLE. Cluster these {keyword_count} keywords:\n{keywords}"}))
        .send(&app)
        .await;
    assert_eq!(
        saved.status,
        actix_web::http::StatusCode::OK,
        "{:?}",
        saved.json()
    );
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    assert_eq!(d["result"]["clusters_created"], 2);
    assert_eq!(d["result"]["credits"], 6);
    let reqs = server.requests_to(CHAT);
    assert_eq!(reqs.len(), 1);
    let body = reqs[0].json();
    assert_eq!(body["model"], "gpt-4o-mini");
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(reqs[0].header("authorization"), Some("Bearer sk-test"));
    let prompt = body["messages"].to_string();
    assert!(
        prompt.contains("best running shoes") && prompt.contains("running shoes for beginners"),
        "{prompt}"
    );
    assert!(
        prompt.contains("ACME HOUSE STYLE"),
        "the account override is used: {prompt}"
    );

    // content: 1,000 + 500 tokens is under the operation's minimum of 3 credits
    let mut conn = c.db.conn();
    let cluster = clusters::table
        .filter(clusters::account_id.eq(acct))
        .select(clusters::id)
        .first::<kernel::ClusterId>(&mut conn)
        .unwrap();
    let wt = content::tasks::create_task(
        &mut conn,
        &c.a.scope(),
        &content::tasks::NewTask {
            site_id: c.a.site_id,
            sector_id: c.a.sector_ids[0],
            fields: content::tasks::TaskFields {
                cluster_id: Some(Some(cluster)),
                title: Some("How to pick running shoes".into()),
                primary_keyword: Some("running shoes".into()),
                outline: Some(Some(
                    json!({"sections": [{"heading": "Fit first", "notes": "n"}]}),
                )),
                word_count: Some(300),
                ..Default::default()
            },
        },
        chrono::Utc::now(),
    )
    .unwrap();
    drop(conn);
    let html = format!(
        "<h2>Fit first</h2><p>{}</p>",
        "Running shoes must fit well. ".repeat(30)
    );
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"html": html, "meta_title": "Pick running shoes", "meta_description": "How to pick them.", "tags": ["running"], "categories": ["Shoes"]}),
            1_000,
            500,
        ),
    );
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/tasks/auto_generate_content/",
        json!({"ids": [wt.id.get()]}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(
        (d["status"].as_str(), d["result"]["credits"].as_i64()),
        (Some("completed"), Some(3)),
        "{d}"
    );
    let reqs = server.requests_to(CHAT);
    let prompt = reqs[1].json()["messages"].to_string();
    assert!(
        prompt.contains("How to pick running shoes") && prompt.contains("Fit first"),
        "{prompt}"
    );

    // images: one succeeds (5 credits, DALL-E 3), one fails at the provider (no charge)
    let mut conn = c.db.conn();
    let item = content_t::table
        .filter(content_t::account_id.eq(acct))
        .select(content_t::id)
        .first::<kernel::ContentId>(&mut conn)
        .unwrap();
    let rows = content::images::add_image_prompts(
        &mut conn,
        &c.a.scope(),
        item,
        &[
            content::images::ImagePrompt {
                image_type: content::model::ImageType::Featured,
                position: 0,
                prompt: "a running shoe on a track".into(),
            },
            content::images::ImagePrompt {
                image_type: content::model::ImageType::InArticle,
                position: 1,
                prompt: "a foot being measured".into(),
            },
        ],
        chrono::Utc::now(),
    )
    .unwrap();
    drop(conn);
    let png = std::thread::spawn(|| {
        ai::OfflineProvider::new()
            .generate_image("x", 128, 96, ai::ImageFormat::Png)
            .unwrap()
            .bytes
    })
    .join()
    .unwrap();
    server.enqueue(IMAGES, Reply::image_b64(&png));
    server.enqueue(
        IMAGES,
        Reply::status(400, "{\"error\": {\"message\": \"content policy\"}}"),
    );
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/images/generate_images/",
        json!({"ids": ids}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    let r = &d["result"];
    assert_eq!(
        (
            r["images_generated"].as_i64(),
            r["images_failed"].as_i64(),
            r["total_images"].as_i64(),
            r["credits"].as_i64(),
            r["errors"][0]["image_id"].as_i64()
        ),
        (Some(1), Some(1), Some(2), Some(5), Some(ids[1]))
    );
    let img_reqs = server.requests_to(IMAGES);
    assert_eq!(img_reqs[0].json()["model"], "dall-e-3");
    assert_eq!(img_reqs[0].json()["size"], "128x96");
    let statuses: Vec<String> = images::table
        .filter(images::account_id.eq(acct))
        .order(images::position.asc())
        .select(images::status)
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(statuses, vec!["generated", "failed"]);
    assert_eq!(c.state.media_files().len(), 1);
    // 6 + 3 + 5 credits; the usage log carries the provider's tokens and model
    let usage: Vec<(String, String, i64, i64, i64)> = credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(acct))
        .order(credit_usage_logs::id.asc())
        .select((
            credit_usage_logs::operation,
            credit_usage_logs::model,
            credit_usage_logs::tokens_in,
            credit_usage_logs::tokens_out,
            credit_usage_logs::credits,
        ))
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(
        usage,
        vec![
            // the provider's reported snapshot is logged; the requested model prices it
            (
                "clustering".into(),
                "test-model-2025".into(),
                30_000,
                25_000,
                6
            ),
            ("content".into(), "test-model-2025".into(), 1_000, 500, 3),
            ("images".into(), "dall-e-3".into(), 0, 0, 5),
        ]
    );
    let b = billing::credits::balance(&mut c.db.conn(), &c.a.scope()).unwrap();
    assert_eq!(b.plan_credits + b.bonus_credits, 1_000 - 14);
}

#[actix_web::test]
async fn credits_short_at_charge_time_fail_the_task_at_once_and_notify() {
    use test_support::openai_server::{CHAT, OpenAiServer, Reply};

    let c = ctx();
    let app = app(&c.state).await;
    let acct = c.a.account_id;
    let kw = seed_keywords(&c, &app, 4).await;
    grant(&c, &c.a, 2); // the estimate (2) passes; the real call costs 6
    let server = OpenAiServer::start();
    let settings = ai::Settings::from_lookup(|k| match k {
        "IGNY8_AI_PROVIDER" => Some("openai".to_owned()),
        "IGNY8_AI_BASE_URL" => Some(server.base_url()),
        "IGNY8_AI_TEXT_MODEL" => Some("gpt-4o-mini".to_owned()),
        "IGNY8_AI_IMAGE_MODEL" => Some("offline".to_owned()),
        _ => None,
    })
    .unwrap();
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [{"name": "Running Shoes", "description": "d", "keyword_ids": kw}]}),
            30_000,
            25_000,
        ),
    );
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    // one run only: insufficient credits is not retried
    assert_eq!(drain(&c, &settings, None), 1);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(
        (
            d["status"].as_str(),
            d["attempts"].as_i64(),
            d["error"].as_str()
        ),
        (
            Some("failed"),
            Some(1),
            Some("Not enough credits: 6 needed, 2 available.")
        ),
        "{d}"
    );
    assert_eq!(
        counts(&c, acct),
        (0, 0, 0),
        "nothing saved, nothing charged"
    );
    let notes: Vec<(String, Option<String>)> = notifications::table
        .filter(notifications::account_id.eq(acct))
        .filter(notifications::kind.eq("ai_task"))
        .select((notifications::level, notifications::dedupe_key))
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(
        notes,
        vec![("error".to_owned(), Some(format!("ai_task:{t}")))]
    );
}

#[actix_web::test]
async fn an_account_key_that_no_longer_decrypts_fails_the_task_with_a_clear_error() {
    let c = ctx();
    let app = app(&c.state).await;
    let acct = c.a.account_id;
    let kw = seed_keywords(&c, &app, 4).await;
    grant(&c, &c.a, 100);
    // saved through the API, encrypted under the API's secret…
    let saved = put("/api/v1/system/ai-settings/")
        .bearer(&c.a.access)
        .json(&json!({"api_key": "sk-account-own-key-0123456789"}))
        .send(&app)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.json());
    assert_eq!(saved.data()["has_api_key"], true);
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    // …and read by a worker whose secret differs (as after rotating IGNY8_SECRET_KEY):
    // permanent, so one run only.
    assert_eq!(drain(&c, &offline_settings(), None), 1);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(
        (d["status"].as_str(), d["attempts"].as_i64()),
        (Some("failed"), Some(1)),
        "{d}"
    );
    let error = d["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("IGNY8_SECRET_KEY") && error.contains("enter the key again"),
        "{error}"
    );
    assert_eq!(
        counts(&c, acct),
        (0, 0, 0),
        "nothing saved, nothing charged"
    );
    let levels: Vec<String> = notifications::table
        .filter(notifications::account_id.eq(acct))
        .filter(notifications::kind.eq("ai_task"))
        .select(notifications::level)
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(levels, ["error"]);
}

#[actix_web::test]
async fn concurrent_requests_hold_credits_so_accepted_work_can_be_paid_for() {
    let c = ctx();
    // Credits, not the per-minute AI budget, decide here.
    let mut state = c.state.app.clone();
    state.throttle = Arc::new(api::throttle::Throttle::new(
        api::throttle::Budgets::unlimited(),
    ));
    let app = app(&state).await;
    let acct = c.a.account_id;
    let kw = seed_keywords(&c, &app, 64).await;
    assert_eq!(kw.len(), 64);
    let per_request = automation::ai_functions::estimate_credits(
        &mut c.db.conn(),
        automation::ai_tasks::Function::AutoCluster,
        1,
    )
    .unwrap();
    let granted = 20 * per_request;
    grant(&c, &c.a, granted);

    // 64 requests at once, one keyword each: the balance covers 20 estimates.
    let requests = kw.iter().map(|&k| {
        post("/api/v1/planner/keywords/auto_cluster/")
            .bearer(&c.a.access)
            .json(&json!({"keyword_ids": [k]}))
            .send(&app)
    });
    let answers = futures_util::future::join_all(requests).await;
    let accepted: Vec<i64> = answers
        .iter()
        .filter(|r| r.status == StatusCode::ACCEPTED)
        .map(|r| r.data()["task_id"].as_i64().unwrap())
        .collect();
    let refused: Vec<&Resp> = answers
        .iter()
        .filter(|r| r.status == StatusCode::PAYMENT_REQUIRED)
        .collect();
    assert_eq!((accepted.len(), refused.len()), (20, 44));
    for r in &refused {
        assert_eq!(r.code(), "insufficient_credits", "{:?}", r.json());
        assert_eq!(r.json()["errors"]["needed"], per_request);
        assert_eq!(r.json()["errors"]["available"], 0);
    }
    // A refused request left no task; the accepted ones hold their estimates.
    let tasks: i64 = ai_tasks::table
        .filter(ai_tasks::account_id.eq(acct))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(tasks, 20);
    let scope = tenancy::Scope::for_job(acct);
    assert_eq!(
        billing::holds::held(&mut c.db.conn(), &scope).unwrap(),
        granted
    );
    // Nothing is charged yet: the balance is what the ledger says.
    check_ledger(&c, acct, granted);

    drain(&c, &offline_settings(), None);
    let mut completed = 0;
    for t in &accepted {
        let d = ai_task(&app, &c.a.access, *t).await;
        match d["status"].as_str() {
            Some("completed") => completed += 1,
            // Work whose real cost outgrows its estimate cannot spend other work's holds.
            Some("failed") => assert!(
                d["error"]
                    .as_str()
                    .unwrap()
                    .starts_with("Not enough credits"),
                "{d}"
            ),
            other => panic!("task {t} ended {other:?}: {d}"),
        }
    }
    assert!(completed > 0);
    // Every hold was released; the ledger is exact and the balance never went below zero.
    assert_eq!(billing::holds::held(&mut c.db.conn(), &scope).unwrap(), 0);
    let spent = check_ledger(&c, acct, granted);
    assert!(spent <= granted, "{spent} > {granted}");
    let negative: i64 = credit_transactions::table
        .filter(credit_transactions::account_id.eq(acct))
        .filter(credit_transactions::balance_after.lt(0))
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(negative, 0);
    eprintln!("{completed} of 20 accepted tasks completed; {spent} of {granted} credits spent");
}

/// Settings of an OpenAI-compatible provider at `base_url` with short limits.
fn openai_settings(base_url: &str, extra: &[(&str, &str)]) -> ai::Settings {
    let mut vars: std::collections::HashMap<String, String> = [
        ("IGNY8_AI_PROVIDER", "openai"),
        ("IGNY8_AI_BASE_URL", base_url),
        ("IGNY8_AI_TEXT_MODEL", "gpt-4o-mini"),
        ("IGNY8_AI_IMAGE_MODEL", "dall-e-3"),
        ("IGNY8_AI_IMAGE_SIZE", "128x96"),
        ("IGNY8_AI_IMAGE_FORMAT", "png"),
        ("IGNY8_AI_MAX_RETRIES", "0"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (k, v) in extra {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    ai::Settings::from_lookup(|k| vars.get(k).cloned()).unwrap()
}

/// A writer task with a one-section outline, 300 words.
fn writer_task(c: &Ctx, title: &str) -> i64 {
    let mut conn = c.db.conn();
    content::tasks::create_task(
        &mut conn,
        &c.a.scope(),
        &content::tasks::NewTask {
            site_id: c.a.site_id,
            sector_id: c.a.sector_ids[0],
            fields: content::tasks::TaskFields {
                title: Some(title.into()),
                primary_keyword: Some("running shoes".into()),
                outline: Some(Some(
                    json!({"sections": [{"heading": "Fit first", "notes": "n"}]}),
                )),
                word_count: Some(300),
                ..Default::default()
            },
        },
        chrono::Utc::now(),
    )
    .unwrap()
    .id
    .get()
}

fn task_status(c: &Ctx, id: i64) -> String {
    tasks::table
        .filter(tasks::id.eq(id))
        .select(tasks::status)
        .first(&mut c.db.conn())
        .unwrap()
}

fn article_json() -> Value {
    let html = format!("<p>{}</p>", "Running shoes must fit well. ".repeat(30));
    json!({"html": html, "meta_title": "Pick running shoes", "meta_description": "How.", "tags": ["running"], "categories": ["Shoes"]})
}

#[actix_web::test]
async fn one_bad_article_fails_alone_its_tokens_are_logged_and_a_retry_requeues_it() {
    use test_support::openai_server::{CHAT, OpenAiServer, Reply};
    let c = ctx();
    let app = app(&c.state).await;
    let acct = c.a.account_id;
    grant(&c, &c.a, 1_000);
    let server = OpenAiServer::start();
    let settings = openai_settings(&server.base_url(), &[]);
    let ids = [
        writer_task(&c, "First article"),
        writer_task(&c, "Second article"),
        writer_task(&c, "Third article"),
    ];
    // The first answer is of the wrong shape, and so is its repair; the other two are fine.
    let wrong = json!({"article": "no html field"});
    server.enqueue(CHAT, Reply::chat_json(&wrong, 700, 90));
    server.enqueue(CHAT, Reply::chat_json(&wrong, 800, 95));
    server.enqueue(CHAT, Reply::chat_json(&article_json(), 1_000, 500));
    server.enqueue(CHAT, Reply::chat_json(&article_json(), 1_000, 500));
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/tasks/auto_generate_content/",
        json!({"ids": ids}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "a mixed batch completes: {d}");
    let r = &d["result"];
    assert_eq!(
        (r["count"].as_i64(), r["failed"].as_i64()),
        (Some(2), Some(1)),
        "{d}"
    );
    assert_eq!(r["errors"][0]["task_id"], ids[0]);
    let reason = r["errors"][0]["error"].as_str().unwrap();
    assert!(
        reason.contains("the answer did not match the schema")
            && reason.contains("\"html\" is a required property"),
        "{reason}"
    );
    assert_eq!(
        [
            task_status(&c, ids[0]),
            task_status(&c, ids[1]),
            task_status(&c, ids[2])
        ],
        [
            "failed".to_owned(),
            "completed".to_owned(),
            "completed".to_owned()
        ]
    );
    // The failed call's tokens are logged with zero credits, no ledger row and the reason.
    let failed: Vec<(i64, i64, i64, Option<i64>, Option<String>)> = credit_usage_logs::table
        .filter(credit_usage_logs::account_id.eq(acct))
        .filter(credit_usage_logs::error.is_not_null())
        .select((
            credit_usage_logs::tokens_in,
            credit_usage_logs::tokens_out,
            credit_usage_logs::credits,
            credit_usage_logs::transaction_id,
            credit_usage_logs::error,
        ))
        .load(&mut c.db.conn())
        .unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(
        (failed[0].0, failed[0].1, failed[0].2, failed[0].3),
        (1_500, 185, 0, None)
    );
    assert!(
        failed[0]
            .4
            .as_deref()
            .unwrap()
            .contains("did not match the schema")
    );
    // The usage route shows it too, with its error.
    let usage = get("/api/v1/billing/credits/usage/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(usage.status, StatusCode::OK);
    let rows = usage.json()["results"].as_array().cloned().unwrap();
    assert!(
        rows.iter().any(|u| u["credits_used"] == 0
            && u["error"].is_string()
            && u["transaction_id"].is_null()),
        "{rows:?}"
    );
    check_ledger(&c, acct, 1_000);

    // Asking again puts the failed task back in the queue, then writes it.
    server.enqueue(CHAT, Reply::chat_json(&article_json(), 1_000, 500));
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/tasks/auto_generate_content/",
        json!({"ids": [ids[0]]}),
    )
    .await;
    assert_eq!(task_status(&c, ids[0]), "queued");
    drain(&c, &settings, None);
    assert_eq!(ai_task(&app, &c.a.access, t).await["status"], "completed");
    assert_eq!(task_status(&c, ids[0]), "completed");
}

#[actix_web::test]
async fn a_batch_where_every_item_fails_is_failed_with_the_reasons() {
    use test_support::openai_server::{CHAT, IMAGES, OpenAiServer, Reply};
    let c = ctx();
    let app = app(&c.state).await;
    grant(&c, &c.a, 1_000);
    let server = OpenAiServer::start();
    let settings = openai_settings(&server.base_url(), &[]);
    // Ideas: both clusters' answers are unusable (cut off twice each).
    let kw = seed_keywords(&c, &app, 4).await;
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [
                {"name": "Running Shoes", "description": "", "keyword_ids": [kw[0], kw[1]]},
                {"name": "Trail Shoes", "description": "", "keyword_ids": [kw[2], kw[3]]}
            ]}),
            10,
            10,
        ),
    );
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    let cluster_ids: Vec<i64> = d["result"]["cluster_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    for _ in 0..4 {
        server.enqueue(
            CHAT,
            Reply::chat_cut_off("{\"ideas\": [{\"title\": \"Best", 100, 1800),
        );
    }
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/clusters/generate_ideas/",
        json!({"cluster_ids": cluster_ids}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "failed", "{d}");
    let error = d["error"].as_str().unwrap();
    assert!(
        error.starts_with("All 2 clusters failed: ") && error.contains("cut off at the limit of"),
        "{error}"
    );
    assert_eq!(d["result"]["clusters_failed"], 2, "{d}");
    assert_eq!(
        server.requests_to(CHAT).len(),
        1 + 4,
        "one repair per cluster, the second cluster still tried"
    );

    // Images against a server with no image endpoint: every image fails, the task too.
    let mut conn = c.db.conn();
    let item = content::content::create_content(
        &mut conn,
        &c.a.scope(),
        &content::content::NewContent {
            site_id: c.a.site_id,
            sector_id: c.a.sector_ids[0],
            task_id: None,
            fields: content::content::ContentFields {
                title: Some("Shoes".into()),
                content_html: Some("<p>x</p>".into()),
                ..Default::default()
            },
        },
        chrono::Utc::now(),
    )
    .unwrap();
    let rows = content::images::add_image_prompts(
        &mut conn,
        &c.a.scope(),
        item.content.id,
        &[
            content::images::ImagePrompt {
                image_type: content::model::ImageType::Featured,
                position: 0,
                prompt: "a shoe".into(),
            },
            content::images::ImagePrompt {
                image_type: content::model::ImageType::InArticle,
                position: 1,
                prompt: "a track".into(),
            },
        ],
        chrono::Utc::now(),
    )
    .unwrap();
    drop(conn);
    for _ in 0..2 {
        server.enqueue(IMAGES, Reply::status(404, "File Not Found"));
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/images/generate_images/",
        json!({"ids": ids}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "failed", "{d}");
    assert_eq!(d["result"]["images_failed"], 2);
    assert!(
        d["error"]
            .as_str()
            .unwrap()
            .contains("HTTP 404 from the AI provider"),
        "{d}"
    );
}

#[actix_web::test]
async fn an_unreachable_provider_fails_the_task_in_seconds_and_says_why() {
    let c = ctx();
    let app = app(&c.state).await;
    grant(&c, &c.a, 1_000);
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/v1");
    let settings = openai_settings(&url, &[("IGNY8_AI_MAX_RETRIES", "3")]);
    let kw = seed_keywords(&c, &app, 4).await;
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    let started = std::time::Instant::now();
    let runs = drain(&c, &settings, None);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(runs, 1, "no job-level retry of a provider failure");
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "failed", "{d}");
    assert_eq!(
        d["error"],
        format!(
            "The AI provider failed: cannot reach the AI provider: connection refused at {url}/chat/completions."
        )
    );
}

#[actix_web::test]
async fn a_task_waiting_to_retry_says_so() {
    use test_support::openai_server::{CHAT, OpenAiServer, Reply};
    let c = ctx();
    let app = app(&c.state).await;
    grant(&c, &c.a, 1_000);
    let server = OpenAiServer::start();
    let settings = openai_settings(
        &server.base_url(),
        &[
            ("IGNY8_AI_MAX_RETRIES", "2"),
            ("IGNY8_AI_TIMEOUT_SECS", "1"),
            ("IGNY8_AI_DEADLINE_SECS", "10"),
        ],
    );
    let kw = seed_keywords(&c, &app, 4).await;
    // A 503 with Retry-After: 3 s of waiting, visible on the task, then an answer.
    server.enqueue(
        CHAT,
        test_support::openai_server::Reply::Raw {
            status: 503,
            headers: vec![("Retry-After".into(), "3".into())],
            body: b"overloaded".to_vec(),
        },
    );
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [
                {"name": "Running Shoes", "description": "", "keyword_ids": kw}
            ]}),
            10,
            10,
        ),
    );
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": kw}),
    )
    .await;
    let worker = drain_in_background(&c, &settings, None);
    let mut seen = None;
    for _ in 0..60 {
        let d = ai_task(&app, &c.a.access, t).await;
        if let Some(m) = d["message"].as_str() {
            seen = Some((d["status"].clone(), d["phase"].clone(), m.to_owned()));
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    worker.join().unwrap();
    let (status, phase, message) = seen.expect("the retry was shown on the task");
    assert_eq!(
        (status.as_str(), phase.as_str()),
        (Some("running"), Some("AI_CALL"))
    );
    assert_eq!(
        message,
        "retrying (attempt 2 of 3): HTTP 503 from the AI provider: overloaded"
    );
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(
        (d["status"].as_str(), d["message"].is_null()),
        (Some("completed"), true),
        "{d}"
    );
}

#[actix_web::test]
async fn a_bad_clustering_group_or_image_prompt_set_fails_alone() {
    use test_support::openai_server::{CHAT, OpenAiServer, Reply};
    let c = ctx();
    let app = app(&c.state).await;
    grant(&c, &c.a, 1_000);
    let server = OpenAiServer::start();
    let settings = openai_settings(&server.base_url(), &[]);
    // Keywords in two sectors: one clustering call (group) per sector.
    let mut conn = c.db.conn();
    let mut by_sector: Vec<Vec<i64>> = Vec::new();
    for (s, words) in [
        ["vpn for business", "business vpn"],
        ["cloud backup", "cloud storage"],
    ]
    .iter()
    .enumerate()
    {
        by_sector.push(
            words
                .iter()
                .map(|w| {
                    planning::keywords::create_keyword(
                        &mut conn,
                        &c.a.scope(),
                        &planning::keywords::NewKeyword {
                            site_id: Some(c.a.site_id),
                            sector_id: Some(c.a.sector_ids[s]),
                            keyword: (*w).into(),
                            ..Default::default()
                        },
                        chrono::Utc::now(),
                    )
                    .unwrap()
                    .id
                    .get()
                })
                .collect(),
        );
    }
    drop(conn);
    // Groups are worked in sector id order: the first one's answer is unusable twice, the
    // second one's is fine.
    let (bad, ok) = if c.a.sector_ids[0] < c.a.sector_ids[1] {
        (0, 1)
    } else {
        (1, 0)
    };
    let unusable =
        json!({"clusters": [{"name": "X", "description": "", "keyword_ids": [999_999]}]});
    server.enqueue(CHAT, Reply::chat_json(&unusable, 10, 10));
    server.enqueue(CHAT, Reply::chat_json(&unusable, 10, 10));
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [{"name": "Cloud Storage", "description": "", "keyword_ids": by_sector[ok]}]}),
            10,
            10,
        ),
    );
    let all: Vec<i64> = by_sector.concat();
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": all}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    let r = &d["result"];
    assert_eq!(
        (
            r["clusters_created"].as_i64(),
            r["keywords_mapped"].as_i64(),
            r["keywords_failed"].as_i64()
        ),
        (Some(1), Some(2), Some(2)),
        "{d}"
    );
    let failed: Vec<i64> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["keyword_id"].as_i64().unwrap())
        .collect();
    assert_eq!(failed, by_sector[bad]);
    assert!(
        r["errors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("/clusters/0/keyword_ids/0"),
        "{d}"
    );
    let unclustered: i64 = keywords::table
        .filter(keywords::id.eq_any(&by_sector[bad]))
        .filter(keywords::cluster_id.is_null())
        .count()
        .get_result(&mut c.db.conn())
        .unwrap();
    assert_eq!(
        unclustered, 2,
        "the failed group's keywords stay as they were"
    );

    // Image prompts for two articles: the first answer unusable twice, the second fine.
    let mut conn = c.db.conn();
    let items: Vec<i64> = ["One", "Two"]
        .iter()
        .map(|title| {
            content::content::create_content(
                &mut conn,
                &c.a.scope(),
                &content::content::NewContent {
                    site_id: c.a.site_id,
                    sector_id: c.a.sector_ids[0],
                    task_id: None,
                    fields: content::content::ContentFields {
                        title: Some((*title).into()),
                        content_html: Some("<h2>Part</h2><p>x</p>".into()),
                        ..Default::default()
                    },
                },
                chrono::Utc::now(),
            )
            .unwrap()
            .content
            .id
            .get()
        })
        .collect();
    drop(conn);
    let two_featured = json!({"featured": {"prompt": ""}, "in_article": []});
    server.enqueue(CHAT, Reply::chat_json(&two_featured, 10, 10));
    server.enqueue(CHAT, Reply::chat_json(&two_featured, 10, 10));
    let in_article: Vec<Value> = (0..2)
        .map(|i| json!({"prompt": format!("scene {i}")}))
        .collect();
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"featured": {"prompt": "a hero"}, "in_article": in_article}),
            10,
            10,
        ),
    );
    let t = start_ai(
        &app,
        &c.a.access,
        "/api/v1/writer/content/generate_image_prompts/",
        json!({"ids": items}),
    )
    .await;
    drain(&c, &settings, None);
    let d = ai_task(&app, &c.a.access, t).await;
    assert_eq!(d["status"], "completed", "{d}");
    assert_eq!(
        (
            d["result"]["count"].as_i64(),
            d["result"]["failed"].as_i64()
        ),
        (Some(1), Some(1)),
        "{d}"
    );
    assert_eq!(d["result"]["errors"][0]["content_id"], items[0]);
    let rows: Vec<(i64, String)> = images::table
        .filter(images::account_id.eq(c.a.account_id))
        .select((images::content_id, images::prompt))
        .order(images::position.asc())
        .load(&mut c.db.conn())
        .unwrap();
    assert!(rows.iter().all(|(cid, _)| *cid == items[1]), "{rows:?}");
    assert_eq!(
        rows.len(),
        3,
        "featured + the configured in-article prompts: {rows:?}"
    );
    check_ledger(&c, c.a.account_id, 1_000);
}

/// `state` events of a text/event-stream body (keep-alive comments skipped).
fn state_events(body: &[u8]) -> Vec<Value> {
    std::str::from_utf8(body)
        .unwrap()
        .split("\n\n")
        .filter(|b| !b.trim().is_empty() && !b.starts_with(':'))
        .map(|block| {
            let mut lines = block.lines();
            assert_eq!(lines.next(), Some("event: state"), "{block}");
            let data = lines.next().unwrap().strip_prefix("data: ").unwrap();
            serde_json::from_str(data).unwrap()
        })
        .collect()
}

/// The next chunk a streaming body yields (`None` at its end).
async fn next_chunk<B: actix_web::body::MessageBody>(
    body: &mut std::pin::Pin<Box<B>>,
) -> Option<actix_web::web::Bytes> {
    std::future::poll_fn(|cx| body.as_mut().poll_next(cx))
        .await
        .map(|chunk| chunk.map_err(Into::into).expect("the stream fails"))
}

/// Reads `body` until a `state` event arrives; returns it.
async fn next_state<B: actix_web::body::MessageBody>(body: &mut std::pin::Pin<Box<B>>) -> Value {
    loop {
        let chunk = next_chunk(body).await.expect("the stream ended early");
        if let Some(state) = state_events(&chunk).pop() {
            return state;
        }
    }
}

#[actix_web::test]
async fn the_ai_task_stream_sends_each_change_as_it_commits_and_ends_with_the_final_state() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = c.a.access.clone();
    grant(&c, &c.a, 100_000);
    let ids = seed_keywords(&c, &app, 30).await;
    let t = start_ai(
        &app,
        &tok,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": ids}),
    )
    .await;
    let events = format!("/api/v1/system/ai-tasks/{t}/events/");

    // another tenant's task does not exist; no token, no stream
    let r = get(&events).bearer(&c.b.access).send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.code(), "not_found");
    let r = get(&events).send(&app).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // live: connect while queued
    let req = actix_web::test::TestRequest::get()
        .uri(&events)
        .insert_header(("Authorization", format!("Bearer {tok}")))
        .to_request();
    let resp = actix_web::test::call_service(&app, req).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let mut body = Box::pin(resp.into_body());
    let first = next_state(&mut body).await;
    assert_eq!(first["status"], "queued", "the current state comes first");
    assert_eq!(first["id"], t);

    // the task starts (as the job's first step does): the stream sends it when it commits
    automation::ai_tasks::start(
        &mut c.db.conn(),
        &c.a.scope(),
        kernel::AiTaskId(t),
        chrono::Utc::now(),
    )
    .unwrap();
    let running = next_state(&mut body).await;
    assert_eq!(
        (running["status"].as_str(), running["attempts"].as_i64()),
        (Some("running"), Some(1))
    );
    // and each phase it reaches
    automation::ai_tasks::advance(
        &mut c.db.conn(),
        &c.a.scope(),
        kernel::AiTaskId(t),
        automation::ai_tasks::Phase::Prep,
        5, // what the job records first: progress never goes back
    )
    .unwrap();
    let prep = next_state(&mut body).await;
    assert_eq!(
        (prep["phase"].as_str(), prep["progress"].as_i64()),
        (Some("PREP"), Some(5))
    );

    // the worker runs the job to its end on another thread; the stream follows and ends
    let worker = {
        let (pool, queue_pool, media) = (
            c.state.pool.clone(),
            c.db.queue_pool(),
            c.state.media.clone(),
        );
        std::thread::spawn(move || {
            let providers = ai::Providers::new(offline_settings()).unwrap();
            let queue = fang::Queue::builder().connection_pool(queue_pool).build();
            let clock = Clock::system();
            let task = queue.fetch_and_touch_task("ai".into()).unwrap().unwrap();
            let job: RunAiTask = serde_json::from_value(task.metadata.clone()).unwrap();
            run_ai_task(
                &AiEnv::new(&pool, &clock, &providers, media.as_ref(), &[7u8; 32]),
                &job,
            )
            .unwrap();
            queue.remove_task(&task.id).unwrap();
        })
    };
    let mut states = vec![first, running, prep];
    while let Some(chunk) = next_chunk(&mut body).await {
        states.extend(state_events(&chunk));
    }
    worker.join().unwrap();
    let last = states.last().unwrap();
    assert_eq!(
        (
            last["status"].as_str(),
            last["phase"].as_str(),
            last["progress"].as_i64()
        ),
        (Some("completed"), Some("DONE"), Some(100)),
        "the stream ends with the final state"
    );
    assert_eq!(
        last,
        &ai_task(&app, &tok, t).await,
        "the final state is what GET shows"
    );
    let progress: Vec<i64> = states
        .iter()
        .map(|s| s["progress"].as_i64().unwrap())
        .collect();
    assert!(
        progress.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back: {progress:?}"
    );
    assert!(
        states.windows(2).all(|w| w[0] != w[1]),
        "no state is sent twice in a row"
    );

    // a late client gets the final state at once and the stream ends
    let r = get(&events).bearer(&tok).send(&app).await;
    assert_eq!(r.status, StatusCode::OK);
    let late = state_events(&r.body);
    assert_eq!(late.len(), 1);
    assert_eq!(&late[0], last);
}
