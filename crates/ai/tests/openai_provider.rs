//! The OpenAI-compatible provider against a real local HTTP server (`test_support::openai_server`):
//! the requests we send, retries, timeouts, repair of malformed output, images and the
//! concurrency limit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ai::openai::{OpenAiConfig, OpenAiProvider};
use ai::{
    ClusterIn, ContentIn, ContentStructure, ContentType, Error, ImageFormat, ImagePromptIn,
    ImageProvider, ImageType, Intent, KeywordIn, PromptFunction, Prompts, TextProvider,
};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::openai_server::{CHAT, IMAGES, OpenAiServer, Reply};

fn config(server: &OpenAiServer) -> OpenAiConfig {
    OpenAiConfig {
        base_url: server.base_url(),
        api_key: "sk-test-123".into(),
        text_model: "gpt-test".into(),
        image_model: "img-test".into(),
        timeout: Duration::from_secs(5),
        max_retries: 3,
        max_concurrency: 4,
        temperature: 0.2,
        backoff_base: Duration::from_millis(10),
        max_backoff: Duration::from_secs(2),
        ..OpenAiConfig::default()
    }
}

fn provider(server: &OpenAiServer) -> OpenAiProvider {
    OpenAiProvider::new(config(server)).unwrap()
}

fn keywords() -> Vec<KeywordIn> {
    [
        ("running shoes", 50000),
        ("best running shoes", 20000),
        ("coffee maker", 40000),
        ("drip coffee maker", 5000),
    ]
    .iter()
    .enumerate()
    .map(|(i, (k, v))| KeywordIn {
        id: 10 + i as i64,
        keyword: (*k).into(),
        volume: *v,
        difficulty: 40,
        intent: Intent::Commercial,
    })
    .collect()
}

fn clusters_json() -> Value {
    json!({"clusters": [
        {"name": "Running Shoes", "description": "Shoes for running.", "keyword_ids": [10, 11]},
        {"name": "Coffee Makers", "description": "Machines.", "keyword_ids": [12, 13]}
    ]})
}

fn messages(body: &Value) -> Vec<(String, String)> {
    body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["role"].as_str().unwrap().to_owned(),
                m["content"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn clustering_sends_json_mode_chat_and_parses_the_answer() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 120, 40));
    let out = provider(&server).cluster_keywords(&keywords()).unwrap();

    assert_eq!(out.output.clusters.len(), 2);
    assert_eq!(out.output.clusters[0].name, "Running Shoes");
    assert_eq!(out.output.clusters[1].keyword_ids, vec![12, 13]);
    assert_eq!(
        out.usage.model, "test-model-2025",
        "the model the server reports"
    );
    assert_eq!((out.usage.tokens_in, out.usage.tokens_out), (120, 40));
    assert_eq!(out.usage.provider, "openai");

    let reqs = server.requests_to(CHAT);
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.header("authorization"), Some("Bearer sk-test-123"));
    assert!(
        req.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let body = req.json();
    assert_eq!(body["model"], "gpt-test");
    assert_eq!(body["response_format"]["type"], "json_schema");
    let js = &body["response_format"]["json_schema"];
    assert_eq!(
        (js["name"].as_str(), js["strict"].as_bool()),
        (Some("keyword_clusters"), Some(true))
    );
    assert_eq!(
        js["schema"]["properties"]["clusters"]["items"]["properties"]["keyword_ids"]["items"]["enum"],
        json!([10, 11, 12, 13]),
        "only the input's keyword ids are allowed"
    );
    assert_eq!(
        body["max_tokens"],
        200 + 16 * 4,
        "bounded by what four keywords need"
    );
    assert!((body["temperature"].as_f64().unwrap() - 0.2).abs() < 1e-6);
    let msgs = messages(body);
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0].0, "system");
    assert!(
        msgs[0].1.contains(r#"{"clusters": [{"name": "string""#),
        "schema in the system message: {}",
        msgs[0].1
    );
    assert_eq!(msgs[1].0, "user");
    assert!(
        msgs[1].1.contains("Group the following 4 search keywords"),
        "{}",
        msgs[1].1
    );
    assert!(
        msgs[1]
            .1
            .contains("10 | running shoes | 50000 | 40 | commercial"),
        "{}",
        msgs[1].1
    );
}

#[test]
fn rate_limit_is_retried_after_the_retry_after_delay() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::rate_limited(1));
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    let started = Instant::now();
    let out = provider(&server).cluster_keywords(&keywords()).unwrap();
    let waited = started.elapsed();
    assert_eq!(out.output.clusters.len(), 2);
    assert_eq!(server.requests_to(CHAT).len(), 2);
    // Base backoff is 10 ms: only the honoured Retry-After explains a wait of a second.
    assert!(
        waited >= Duration::from_secs(1) && waited < Duration::from_secs(2),
        "waited {waited:?}"
    );
}

#[test]
fn retry_after_is_capped_and_persistent_429_is_rate_limited() {
    let server = OpenAiServer::start();
    for _ in 0..2 {
        server.enqueue(CHAT, Reply::rate_limited(30));
    }
    let p = OpenAiProvider::new(OpenAiConfig {
        max_retries: 1,
        max_backoff: Duration::from_millis(200),
        ..config(&server)
    })
    .unwrap();
    let started = Instant::now();
    let err = p.cluster_keywords(&keywords()).unwrap_err();
    assert_eq!(
        err,
        Error::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "a 30 s Retry-After is capped at 200 ms"
    );
    assert_eq!(
        server.requests_to(CHAT).len(),
        2,
        "first try plus one retry"
    );
}

#[test]
fn server_errors_are_retried_then_reported() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::status(500, "boom"));
    server.enqueue(CHAT, Reply::status(503, "busy"));
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    assert!(provider(&server).cluster_keywords(&keywords()).is_ok());
    assert_eq!(server.requests_to(CHAT).len(), 3);

    let server = OpenAiServer::start();
    for _ in 0..3 {
        server.enqueue(
            CHAT,
            Reply::status(500, &format!("internal error {}", "x".repeat(1000))),
        );
    }
    let p = OpenAiProvider::new(OpenAiConfig {
        max_retries: 2,
        ..config(&server)
    })
    .unwrap();
    match p.cluster_keywords(&keywords()).unwrap_err() {
        Error::Upstream {
            status,
            body_snippet,
        } => {
            assert_eq!(status, 500);
            assert!(
                body_snippet.starts_with("internal error xxx")
                    && body_snippet.chars().count() <= 301,
                "{body_snippet}"
            );
        }
        other => panic!("expected Upstream, got {other:?}"),
    }
    assert_eq!(server.requests_to(CHAT).len(), 3);
}

#[test]
fn client_errors_are_not_retried() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::status(401, "invalid api key"));
    let err = provider(&server).cluster_keywords(&keywords()).unwrap_err();
    assert_eq!(
        err,
        Error::Upstream {
            status: 401,
            body_snippet: "invalid api key".into()
        }
    );
    assert_eq!(server.requests_to(CHAT).len(), 1);
}

#[test]
fn invalid_json_gets_one_repair_round() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::chat_text("Here are your clusters: running shoes, coffee", 100, 10),
    );
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 150, 30));
    let out = provider(&server).cluster_keywords(&keywords()).unwrap();
    assert_eq!(out.output.clusters.len(), 2);
    assert_eq!(
        (out.usage.tokens_in, out.usage.tokens_out),
        (250, 40),
        "both calls are paid for"
    );

    let reqs = server.requests_to(CHAT);
    assert_eq!(reqs.len(), 2);
    let msgs = messages(reqs[1].json());
    assert_eq!(msgs.len(), 4);
    assert_eq!(
        msgs[2],
        (
            "assistant".to_owned(),
            "Here are your clusters: running shoes, coffee".to_owned()
        )
    );
    assert_eq!(msgs[3].0, "user");
    assert!(
        msgs[3]
            .1
            .starts_with("Your previous answer could not be used: the answer is not valid JSON"),
        "{}",
        msgs[3].1
    );
    assert!(
        msgs[3].1.ends_with("Answer again with only the JSON."),
        "{}",
        msgs[3].1
    );
}

#[test]
fn wrong_shape_is_repaired_with_the_exact_problem() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [{"name": "X", "description": "", "keyword_ids": [99]}]}),
            1,
            1,
        ),
    );
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    provider(&server).cluster_keywords(&keywords()).unwrap();
    let repair = messages(server.requests_to(CHAT)[1].json())
        .pop()
        .unwrap()
        .1;
    assert!(
        repair.contains(
            "the answer did not match the schema: /clusters/0/keyword_ids/0: 99 is not one of"
        ),
        "{repair}"
    );
}

#[test]
fn output_still_invalid_after_repair_is_invalid_output() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::chat_text("not json", 1, 1));
    server.enqueue(CHAT, Reply::chat_json(&json!({"groups": []}), 1, 1));
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    match provider(&server).cluster_keywords(&keywords()).unwrap_err() {
        Error::InvalidOutput { reason: msg, usage } => {
            assert!(
                msg.starts_with("clustering: the answer did not match the schema: ")
                    && msg.contains("\"clusters\" is a required property"),
                "{msg}"
            );
            assert_eq!(
                usage.unwrap().total_tokens(),
                4,
                "both calls' tokens are reported"
            );
            assert!(
                msg.contains("the first answer had: the answer is not valid JSON"),
                "{msg}"
            );
        }
        other => panic!("expected InvalidOutput, got {other:?}"),
    }
    assert_eq!(
        server.requests_to(CHAT).len(),
        2,
        "exactly one repair, no third call"
    );
    assert_eq!(server.pending(CHAT), 1);
}

#[test]
fn slow_answers_time_out_and_are_retried() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::slow(
            Duration::from_millis(1500),
            Reply::chat_json(&clusters_json(), 1, 1),
        ),
    );
    let p = OpenAiProvider::new(OpenAiConfig {
        timeout: Duration::from_millis(300),
        max_retries: 0,
        ..config(&server)
    })
    .unwrap();
    let started = Instant::now();
    let err = p.cluster_keywords(&keywords()).unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1, .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("the AI provider timed out after 0 s (1 attempt"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "gave up at the timeout: {:?}",
        started.elapsed()
    );

    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::slow(
            Duration::from_millis(1500),
            Reply::chat_json(&clusters_json(), 1, 1),
        ),
    );
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    let p = OpenAiProvider::new(OpenAiConfig {
        timeout: Duration::from_millis(300),
        max_retries: 1,
        ..config(&server)
    })
    .unwrap();
    assert_eq!(
        p.cluster_keywords(&keywords())
            .unwrap()
            .output
            .clusters
            .len(),
        2
    );
    assert_eq!(server.requests_to(CHAT).len(), 2);
}

#[test]
fn connection_refused_fails_fast_and_says_so() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let p = OpenAiProvider::new(OpenAiConfig {
        base_url: format!("http://127.0.0.1:{port}/v1"),
        max_retries: 1,
        backoff_base: Duration::from_millis(5),
        ..OpenAiConfig::default()
    })
    .unwrap();
    let started = Instant::now();
    let err = p.cluster_keywords(&keywords()).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        err.to_string(),
        format!(
            "cannot reach the AI provider: connection refused at http://127.0.0.1:{port}/v1/chat/completions"
        )
    );
    assert!(err.is_provider_wide());
}

#[test]
fn no_key_means_no_authorization_header() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    let p = OpenAiProvider::new(OpenAiConfig {
        api_key: String::new(),
        ..config(&server)
    })
    .unwrap();
    p.cluster_keywords(&keywords()).unwrap();
    assert_eq!(server.requests_to(CHAT)[0].header("authorization"), None);
}

#[test]
fn ideas_content_and_image_prompts_round_trip() {
    let server = OpenAiServer::start();
    let sections = json!({"sections": [
        {"heading": "What to Look For", "notes": "Fit, cushioning, drop."},
        {"heading": "Our Picks", "notes": "Five shoes."},
        {"heading": "FAQ", "notes": "Common questions."}
    ]});
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"ideas": [{
                "title": "The 7 Best Running Shoes of the Year",
                "description": "A tested list.",
                "outline": sections,
                "primary_keyword": "best running shoes",
                "keyword_ids": [10],
                "content_type": "post",
                "content_structure": "listicle",
                "estimated_word_count": 1700
            }]}),
            300,
            400,
        ),
    );
    let body = format!(
        "<h2>What to Look For</h2><p>{}</p>",
        "Running shoes matter. ".repeat(120)
    );
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({
                "html": body,
                "meta_title": "The 7 Best Running Shoes",
                "meta_description": "We tested them.",
                "tags": ["running shoes", "Running Shoes", "reviews"],
                "categories": ["Running", "Gear", "Extra"]
            }),
            500,
            900,
        ),
    );
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"featured": {"prompt": "a runner on a trail at dawn"},
                    "in_article": [{"prompt": "close-up of a shoe sole"}]}),
            80,
            60,
        ),
    );

    let p = provider(&server);
    let cluster = ClusterIn {
        name: "Running Shoes".into(),
        description: "Shoes for running.".into(),
        keywords: keywords()[..2].to_vec(),
    };
    let ideas = p.generate_ideas(&cluster, 3).unwrap();
    let idea = &ideas.output[0];
    assert_eq!(idea.keyword_ids, vec![10, 11]);
    assert_eq!(
        (idea.content_structure, idea.estimated_word_count),
        (ContentStructure::Listicle, 1700)
    );
    assert_eq!(idea.outline.sections[1].heading, "Our Picks");

    let content = p
        .generate_content(&ContentIn {
            title: idea.title.clone(),
            outline: idea.outline.sections.clone(),
            primary_keyword: idea.primary_keyword.clone(),
            secondary_keywords: vec!["running shoes".into()],
            content_type: ContentType::Post,
            content_structure: idea.content_structure,
            target_word_count: 1200,
        })
        .unwrap();
    assert_eq!(content.output.word_count, 364);
    assert_eq!(
        content.output.tags,
        vec!["running shoes".to_owned(), "reviews".to_owned()]
    );
    assert_eq!(
        content.output.categories,
        vec!["Running".to_owned(), "Gear".to_owned()]
    );
    assert_eq!(
        (content.usage.tokens_in, content.usage.tokens_out),
        (500, 900)
    );

    let prompts = p
        .image_prompts(&ImagePromptIn {
            title: idea.title.clone(),
            section_headings: vec!["Our Picks".into()],
            n_in_article: 1,
        })
        .unwrap();
    assert_eq!(prompts.output[1].image_type, ImageType::InArticle);
    assert_eq!(prompts.output[1].position, 1);

    let reqs = server.requests_to(CHAT);
    let user = |i: usize| messages(reqs[i].json())[1].1.clone();
    assert!(
        user(0).contains("Write 3 article ideas for the keyword cluster \"Running Shoes\""),
        "{}",
        user(0)
    );
    assert!(
        user(0).contains("Cluster description: Shoes for running."),
        "{}",
        user(0)
    );
    assert!(
        user(1).contains("## What to Look For: Fit, cushioning, drop."),
        "{}",
        user(1)
    );
    assert!(user(1).contains("Length: about 1200 words."), "{}", user(1));
    assert!(user(1).contains("structure: listicle"), "{}", user(1));
    assert!(
        user(2).contains("one featured image and 1 in-article images")
            && user(2).contains("- Our Picks"),
        "{}",
        user(2)
    );
}

#[test]
fn account_prompt_overrides_are_sent() {
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    let mut prompts = Prompts::defaults();
    prompts
        .set(
            PromptFunction::Clustering,
            "Cluster for a bakery site:\n{keywords}",
        )
        .unwrap();
    let p = provider(&server).with_prompts(prompts);
    p.cluster_keywords(&keywords()).unwrap();
    let user = messages(server.requests_to(CHAT)[0].json())[1].1.clone();
    assert!(
        user.starts_with("Cluster for a bakery site:\n10 | running shoes"),
        "{user}"
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    ai::OfflineProvider::new()
        .generate_image("source", width, height, ImageFormat::Png)
        .unwrap()
        .bytes
}

#[test]
fn images_from_b64_are_converted_to_the_requested_format_and_size() {
    let server = OpenAiServer::start();
    server.enqueue(IMAGES, Reply::image_b64(&png(128, 128)));
    let img = provider(&server)
        .generate_image("a kayak on a lake", 96, 64, ImageFormat::Webp)
        .unwrap();
    assert_eq!(
        (img.width, img.height, img.format),
        (96, 64, ImageFormat::Webp)
    );
    assert_eq!(
        (img.model.as_str(), img.provider.as_str()),
        ("img-test", "openai")
    );
    let decoded =
        image::load_from_memory_with_format(&img.bytes, image::ImageFormat::WebP).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (96, 64));

    let req = &server.requests_to(IMAGES)[0];
    assert_eq!(req.header("authorization"), Some("Bearer sk-test-123"));
    let body = req.json();
    assert_eq!(body["model"], "img-test");
    assert_eq!(body["size"], "96x64");
    assert_eq!(body["response_format"], "b64_json");
    let prompt = body["prompt"].as_str().unwrap();
    assert!(
        prompt.starts_with("a kayak on a lake. Realistic") && prompt.contains("No text"),
        "{prompt}"
    );
}

#[test]
fn images_by_url_are_downloaded_without_our_key() {
    let server = OpenAiServer::start();
    let bytes = png(64, 64);
    server.enqueue(IMAGES, Reply::image_url(&server.url("/files/abc.png")));
    server.enqueue("/files/abc.png", Reply::bytes("image/png", &bytes));
    let img = provider(&server)
        .generate_image("a kayak", 64, 64, ImageFormat::Png)
        .unwrap();
    assert_eq!(
        img.bytes, bytes,
        "already the right size and format: passed through"
    );
    let get = &server.requests_to("/files/abc.png")[0];
    assert_eq!(get.method, "GET");
    assert_eq!(get.header("authorization"), None);
}

#[test]
fn image_answers_without_data_or_with_junk_fail_clearly() {
    let server = OpenAiServer::start();
    server.enqueue(IMAGES, Reply::json(200, &json!({"data": []})));
    server.enqueue(IMAGES, Reply::image_b64(b"definitely not an image"));
    let p = provider(&server);
    assert!(matches!(
        p.generate_image("x", 64, 64, ImageFormat::Png),
        Err(Error::Upstream { status: 200, .. })
    ));
    assert!(
        matches!(p.generate_image("x", 64, 64, ImageFormat::Png), Err(Error::InvalidOutput { reason: m, .. }) if m.contains("not a known image format"))
    );
}

#[test]
fn concurrency_limit_holds_across_clones() {
    let server = Arc::new(OpenAiServer::start());
    for _ in 0..6 {
        server.enqueue(
            CHAT,
            Reply::slow(
                Duration::from_millis(200),
                Reply::chat_json(&clusters_json(), 1, 1),
            ),
        );
    }
    let p = OpenAiProvider::new(OpenAiConfig {
        max_concurrency: 2,
        ..config(&server)
    })
    .unwrap();
    let started = Instant::now();
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let p = p.clone();
            std::thread::spawn(move || {
                p.cluster_keywords(&keywords())
                    .map(|g| g.output.clusters.len())
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap().unwrap(), 2);
    }
    assert_eq!(server.requests_to(CHAT).len(), 6);
    assert_eq!(
        server.max_in_flight(),
        2,
        "never more than 2 at once, and the 2 slots were used"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "6 calls of 200 ms through 2 slots take 3 rounds"
    );
}

/// A base URL no other test uses (the remembered output mode is per endpoint and model).
fn fresh_model(server: &OpenAiServer, model: &str) -> OpenAiProvider {
    OpenAiProvider::new(OpenAiConfig {
        text_model: model.into(),
        ..config(server)
    })
    .unwrap()
}

#[test]
fn an_endpoint_refusing_json_schema_gets_json_mode_with_the_schema_and_is_remembered() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::json(
            400,
            &json!({"error": {"message": "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."}}),
        ),
    );
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 1, 1));
    let p = fresh_model(&server, "no-schema-model");
    assert_eq!(p.output_mode(), ai::OutputMode::JsonSchema);
    p.cluster_keywords(&keywords()).unwrap();
    assert_eq!(p.output_mode(), ai::OutputMode::JsonObject);
    // A second call (another clone of the endpoint, too) goes straight to JSON mode.
    fresh_model(&server, "no-schema-model")
        .cluster_keywords(&keywords())
        .unwrap();
    let reqs = server.requests_to(CHAT);
    assert_eq!(reqs.len(), 3, "one refused request, then one per call");
    assert_eq!(reqs[0].json()["response_format"]["type"], "json_schema");
    for r in &reqs[1..] {
        assert_eq!(r.json()["response_format"], json!({"type": "json_object"}));
        let system = &messages(r.json())[0].1;
        assert!(
            system.contains("must validate against this JSON Schema")
                && system.contains("\"keyword_ids\""),
            "{system}"
        );
    }
    // Another 400 is not taken for a refusal of the schema.
    let server = OpenAiServer::start();
    server.enqueue(CHAT, Reply::status(400, "model overloaded, bad request"));
    let err = fresh_model(&server, "schema-model-400")
        .cluster_keywords(&keywords())
        .unwrap_err();
    assert!(
        matches!(err, Error::Upstream { status: 400, .. }),
        "{err:?}"
    );
}

#[test]
fn a_cut_off_answer_is_repaired_by_asking_for_a_shorter_one() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::chat_cut_off(r#"{"clusters": [{"name": "Running Shoes", "descr"#, 50, 264),
    );
    server.enqueue(CHAT, Reply::chat_json(&clusters_json(), 60, 40));
    let out = provider(&server).cluster_keywords(&keywords()).unwrap();
    assert_eq!(out.output.clusters.len(), 2);
    assert_eq!((out.usage.tokens_in, out.usage.tokens_out), (110, 304));
    let repair = messages(server.requests_to(CHAT)[1].json())
        .pop()
        .unwrap()
        .1;
    assert!(
        repair.starts_with("Your previous answer was cut off at the limit of 264 tokens"),
        "{repair}"
    );

    // Cut off twice: unusable, with every token reported.
    let server = OpenAiServer::start();
    for _ in 0..2 {
        server.enqueue(CHAT, Reply::chat_cut_off(r#"{"clusters": ["#, 50, 264));
    }
    match provider(&server).cluster_keywords(&keywords()).unwrap_err() {
        Error::InvalidOutput { reason, usage } => {
            assert!(
                reason.contains("cut off at the limit of 264 tokens"),
                "{reason}"
            );
            assert_eq!(usage.unwrap().tokens_out, 528);
        }
        other => panic!("expected InvalidOutput, got {other:?}"),
    }
}

#[test]
fn wrong_shapes_are_refused_with_their_path() {
    // Valid JSON of the wrong shape, as small models answer: placeholder names, unknown ids,
    // a missing field. Each is refused with the path of the problem and repaired once.
    let cases = [
        (
            json!({"clusters": [{"name": "string", "description": "", "keyword_ids": [0]}]}),
            "/clusters/0/keyword_ids/0",
        ),
        (json!({"ideas": []}), "\"clusters\" is a required property"),
        (
            json!({"clusters": [{"name": "A", "description": "", "keyword_ids": "10,11"}]}),
            "/clusters/0/keyword_ids",
        ),
    ];
    for (answer, expected) in cases {
        let server = OpenAiServer::start();
        server.enqueue(CHAT, Reply::chat_json(&answer, 1, 1));
        server.enqueue(CHAT, Reply::chat_json(&answer, 1, 1));
        let err = provider(&server).cluster_keywords(&keywords()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("the answer did not match the schema") && text.contains(expected),
            "{answer}: {text}"
        );
    }
}

#[test]
fn keywords_are_placed_or_reported_unclustered() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [{"name": "Running Shoes", "description": "", "keyword_ids": [10, 11]}]}),
            1,
            1,
        ),
    );
    let out = provider(&server).cluster_keywords(&keywords()).unwrap();
    assert_eq!(out.output.clusters.len(), 1);
    assert_eq!(out.output.unclustered, vec![12, 13]);
}

#[test]
fn more_keywords_than_one_answer_holds_are_clustered_in_chunks() {
    let server = OpenAiServer::start();
    // Ceiling 256 tokens: (256 - 200) / 16 = 3 keywords per call, so 4 keywords take 2 calls.
    let p = OpenAiProvider::new(OpenAiConfig {
        max_tokens: 256,
        text_model: "chunked".into(),
        ..config(&server)
    })
    .unwrap();
    // Sorted by text: best running shoes (11), coffee maker (12), drip coffee maker (13) | running shoes (10).
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [
                {"name": "Running Shoes", "description": "", "keyword_ids": [11]},
                {"name": "Coffee", "description": "", "keyword_ids": [12, 13]}
            ]}),
            10,
            5,
        ),
    );
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"clusters": [{"name": "running shoes", "description": "", "keyword_ids": [10]}]}),
            10,
            5,
        ),
    );
    let out = p.cluster_keywords(&keywords()).unwrap();
    assert_eq!(server.requests_to(CHAT).len(), 2);
    assert_eq!(
        out.output.clusters.len(),
        2,
        "same-named clusters merged: {out:?}"
    );
    assert_eq!(out.output.clusters[0].keyword_ids, vec![10, 11]);
    assert_eq!((out.usage.tokens_in, out.usage.tokens_out), (20, 10));
    for r in server.requests_to(CHAT) {
        assert!(r.json()["max_tokens"].as_u64().unwrap() <= 256);
    }
}

fn long_article_input(words: u32) -> ContentIn {
    ContentIn {
        title: "A Complete Guide to Trail Running".into(),
        outline: ["Why trails", "Gear", "Technique", "Safety"]
            .iter()
            .map(|h| ai::OutlineSection {
                heading: (*h).into(),
                notes: String::new(),
            })
            .collect(),
        primary_keyword: "trail running".into(),
        secondary_keywords: vec![],
        content_type: ContentType::Post,
        content_structure: ContentStructure::Guide,
        target_word_count: words,
    }
}

#[test]
fn a_long_article_is_written_section_by_section_under_the_ceiling() {
    let server = OpenAiServer::start();
    let p = OpenAiProvider::new(OpenAiConfig {
        max_tokens: 1024,
        text_model: "small-context".into(),
        ..config(&server)
    })
    .unwrap();
    // 1,500 words need more than the 1,024-token ceiling: four sections, then the meta fields.
    for i in 0..4 {
        // Under a 1,024-token ceiling a section holds two paragraphs (of at most 400
        // characters, a token each at worst): about 60 words each here.
        let text = format!("Section {i} text about trail running. ").repeat(10);
        server.enqueue(
            CHAT,
            Reply::chat_json(&json!({"paragraphs": vec![text; 2]}), 100, 500),
        );
    }
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"meta_title": "Trail Running Guide", "meta_description": "Everything about trail running.", "tags": ["trail running"], "categories": ["Running"]}),
            80,
            40,
        ),
    );
    let out = p.generate_content(&long_article_input(1500)).unwrap();
    let reqs = server.requests_to(CHAT);
    assert_eq!(reqs.len(), 5);
    for r in &reqs {
        assert!(
            r.json()["max_tokens"].as_u64().unwrap() <= 1024,
            "{}",
            r.json()["max_tokens"]
        );
    }
    assert_eq!(
        reqs[0].json()["response_format"]["json_schema"]["name"],
        "article_section"
    );
    assert!(
        messages(reqs[1].json())[1].1.contains(
            "Write section 2 of 4, \"Gear\": about 375 words of plain text in 2 paragraphs"
        )
    );
    assert_eq!(
        reqs[4].json()["response_format"]["json_schema"]["name"],
        "article_meta"
    );
    let html = &out.output.html;
    assert_eq!(html.matches("<h2>").count(), 4);
    assert!(
        html.starts_with("<h2>Why trails</h2>\n<p>Section 0 text"),
        "{html}"
    );
    assert_eq!(out.output.meta_title, "Trail Running Guide");
    assert_eq!((out.usage.tokens_in, out.usage.tokens_out), (480, 2040));
}

#[test]
fn a_whole_article_cut_off_is_written_again_by_sections() {
    let server = OpenAiServer::start();
    let p = fresh_model(&server, "cuts-off");
    server.enqueue(CHAT, Reply::chat_cut_off(r#"{"html": "<p>Trail"#, 100, 800));
    server.enqueue(CHAT, Reply::chat_cut_off(r#"{"html": "<p>Trail"#, 100, 800));
    for _ in 0..4 {
        let text = "Trail running is running on trails. ".repeat(10);
        server.enqueue(
            CHAT,
            Reply::chat_json(
                &json!({"paragraphs": [text.clone(), text.clone(), text.clone(), text]}),
                10,
                100,
            ),
        );
    }
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"meta_title": "T", "meta_description": "", "tags": [], "categories": []}),
            10,
            10,
        ),
    );
    let out = p.generate_content(&long_article_input(600)).unwrap();
    assert_eq!(server.requests_to(CHAT).len(), 7);
    assert_eq!(
        out.usage.tokens_out,
        1600 + 400 + 10,
        "the cut-off answers are paid for too"
    );
}

#[test]
fn timeouts_are_retried_under_the_deadline_and_each_retry_is_reported() {
    let server = OpenAiServer::start();
    for _ in 0..10 {
        server.enqueue(
            CHAT,
            Reply::slow(
                Duration::from_secs(3),
                Reply::chat_json(&clusters_json(), 1, 1),
            ),
        );
    }
    let p = OpenAiProvider::new(OpenAiConfig {
        timeout: Duration::from_millis(400),
        deadline: Duration::from_millis(1500),
        max_retries: 10,
        backoff_base: Duration::from_millis(100),
        ..config(&server)
    })
    .unwrap();
    let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let h = heard.clone();
    let started = Instant::now();
    let err = ai::with_retry_observer(
        std::rc::Rc::new(move |n: &ai::RetryNotice| h.borrow_mut().push(n.to_string())),
        || p.cluster_keywords(&keywords()).unwrap_err(),
    );
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(2000),
        "the deadline holds: {took:?}"
    );
    let Error::Timeout { attempts, .. } = err else {
        panic!("expected a timeout, got {err:?}")
    };
    assert!(
        (2..=4).contains(&attempts),
        "{attempts} attempts in {took:?}"
    );
    let heard = heard.borrow();
    assert_eq!(heard.len() as u32, attempts - 1, "{heard:?}");
    assert_eq!(
        heard[0],
        "retrying (attempt 2 of 11): the AI provider timed out after 0 s (1 attempt in 0 s)"
    );
}

#[test]
fn max_tokens_follows_what_is_asked() {
    let server = OpenAiServer::start();
    server.enqueue(
        CHAT,
        Reply::chat_json(
            &json!({"featured": {"prompt": "a runner"},
                    "in_article": [{"prompt": "a shoe"}, {"prompt": "a trail"}]}),
            1,
            1,
        ),
    );
    provider(&server)
        .image_prompts(&ImagePromptIn {
            title: "Shoes".into(),
            section_headings: vec![],
            n_in_article: 2,
        })
        .unwrap();
    let body = server.requests_to(CHAT)[0].json().clone();
    assert_eq!(
        body["max_tokens"],
        60 + (300 + 25) * 3,
        "three prompts at their longest"
    );
    assert_eq!(
        body["response_format"]["json_schema"]["schema"]["properties"]["in_article"]["minItems"],
        2
    );
}
