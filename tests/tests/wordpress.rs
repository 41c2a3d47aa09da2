//! Publishing to a real WordPress (Debian's package on loopback, started by
//! `scripts/wordpress/wp.sh` with our bridge plugin active), through the real `api` and
//! `worker` binaries: core mode (application password) with terms, images, updates and a
//! scheduled post; bridge mode (our plugin) with SEO meta and the status webhook when a post is
//! trashed in WordPress; failures (a wrong password fails once, a stopped WordPress is retried
//! until it is back, nothing published twice); isolation between tenants and sites; and neither
//! the site key nor the application password in any log line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // the harness serves several test files; this one uses a part
mod harness;

use harness::{Http, Stack, free_port, wait_until};
use reqwest::blocking::Client;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

const PASSWORD: &str = "Wordpress-E2e-Pass-42";
/// Long enough for the worker's retries with backoff (5 s, 10 s, 20 s).
const PUBLISHED_WITHIN: Duration = Duration::from_secs(90);

// ------------------------------------------------------------------------ a real WordPress

/// A WordPress instance of this test, stopped and deleted on drop.
struct Wp {
    env: HashMap<String, String>,
    dir: tempfile::TempDir,
    http: Client,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/wordpress/wp.sh")
}

impl Wp {
    fn up() -> Wp {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("wp");
        let mut last = String::new();
        for _ in 0..3 {
            let port = free_port();
            let out = Command::new(script())
                .args(["up", &port.to_string(), data.to_str().unwrap()])
                // The instance stops itself if this test process dies without dropping it.
                .env("WP_OWNER_PID", std::process::id().to_string())
                .output()
                .expect("run scripts/wordpress/wp.sh");
            if out.status.success() {
                let env = String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .filter_map(|l| l.split_once('='))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                // reqwest is built with `rustls-no-provider`: a client needs one installed.
                let _ = rustls::crypto::ring::default_provider().install_default();
                let http = Client::builder()
                    .timeout(Duration::from_secs(30))
                    .build()
                    .unwrap();
                return Wp { env, dir, http };
            }
            last = format!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let _ = Command::new(script())
                .args(["down", data.to_str().unwrap(), "--purge"])
                .output();
        }
        panic!("wp.sh up failed three times:\n{last}");
    }

    fn url(&self) -> &str {
        &self.env["WP_URL"]
    }

    fn app_password(&self) -> &str {
        &self.env["WP_APP_PASSWORD"]
    }

    fn data_dir(&self) -> String {
        self.dir.path().join("wp").to_string_lossy().into_owned()
    }

    fn rest(&self, route: &str) -> String {
        format!(
            "{}{}",
            self.env["WP_REST_URL"],
            route.trim_start_matches('/')
        )
    }

    /// An authenticated REST call (the admin's application password).
    fn call(&self, method: reqwest::Method, route: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, self.rest(route))
            .basic_auth(&self.env["WP_ADMIN_USER"], Some(self.app_password()));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().expect("WordPress answers");
        let status = res.status().as_u16();
        (status, res.json().unwrap_or(Value::Null))
    }

    fn get(&self, route: &str) -> Value {
        let (status, body) = self.call(reqwest::Method::GET, route, None);
        assert_eq!(status, 200, "GET {route}: {body}");
        body
    }

    /// Every post carrying the marker of `content_id`, in any status but trash.
    fn posts_of(&self, content_id: i64) -> Vec<Value> {
        let all = self.get(
            "wp/v2/posts?status=publish,future,draft,pending,private&context=edit&per_page=100",
        );
        all.as_array()
            .unwrap()
            .iter()
            .filter(|p| {
                p["content"]["raw"]
                    .as_str()
                    .is_some_and(|h| h.contains(&format!("<!-- igny8:content:{content_id} -->")))
            })
            .cloned()
            .collect()
    }

    /// Runs `wp.sh <verb> DATA_DIR` on this instance (`stop-web`, `start-web`).
    fn run_script(&self, verb: &str) {
        let out = Command::new(script())
            .args([verb, &self.data_dir()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "wp.sh {verb}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Stops only the web server (the database and content stay).
    fn stop_web(&self) {
        self.run_script("stop-web");
    }

    /// Starts the web server again; returns once the site answers.
    fn start_web(&self) {
        self.run_script("start-web");
    }
}

impl Drop for Wp {
    fn drop(&mut self) {
        let _ = Command::new(script())
            .args(["down", &self.data_dir(), "--purge"])
            .output();
    }
}

// ------------------------------------------------------------------------------ our side

/// An owner with a site, a sector and a token.
struct Tenant {
    token: String,
    site_id: i64,
    sector_id: i64,
}

fn tenant(http: &Http, name: &str) -> Tenant {
    let r = http
        .post("/api/v1/auth/register/")
        .json(&json!({"email": format!("{name}@wp.example.com"), "password": PASSWORD, "account_name": name}))
        .send()
        .expect_status(201);
    let token = r.data()["access"].as_str().unwrap().to_owned();
    let site = http
        .post("/api/v1/auth/sites/")
        .bearer(&token)
        .json(&json!({"name": format!("{name} blog"), "domain": format!("{name}.example.com")}))
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
        .find(|i| i["sectors"].as_array().is_some_and(|s| !s.is_empty()))
        .unwrap()
        .clone();
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
    Tenant {
        token,
        site_id,
        sector_id: sectors.json["results"][0]["id"].as_i64().unwrap(),
    }
}

fn png(rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(32, 24, image::Rgb(rgb));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn upload_image(
    http: &Http,
    t: &Tenant,
    content_id: i64,
    image_type: &str,
    position: i32,
    bytes: Vec<u8>,
) -> i64 {
    let boundary = "igny8-e2e-boundary";
    let mut body = Vec::new();
    for (name, value) in [
        ("content_id", content_id.to_string()),
        ("image_type", image_type.to_owned()),
        ("position", position.to_string()),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"i.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    http.post("/api/v1/writer/images/")
        .bearer(&t.token)
        .bytes(&format!("multipart/form-data; boundary={boundary}"), body)
        .send()
        .expect_status(201)
        .data()["id"]
        .as_i64()
        .unwrap()
}

/// An approved article with three sections, terms, SEO fields and (optionally) images.
fn approved_article(http: &Http, t: &Tenant, title: &str, images: bool) -> i64 {
    let r = http
        .post("/api/v1/writer/content/")
        .bearer(&t.token)
        .json(&json!({
            "site_id": t.site_id, "sector_id": t.sector_id, "title": title,
            "content_html": "<p>Intro.</p><h2>First</h2><p>One.</p><h2>Second</h2><p>Two.</p><h2>Third</h2><p>Three.</p>",
            "meta_title": format!("{title} | SEO"),
            "meta_description": format!("All about {title}."),
            "primary_keyword": "trail running",
            "secondary_keywords": ["trail shoes"],
            "tags": ["Running"], "categories": ["Guides & Tips"]
        }))
        .send()
        .expect_status(201);
    let id = r.data()["id"].as_i64().unwrap();
    if images {
        upload_image(http, t, id, "featured", 0, png([200, 40, 40]));
        upload_image(http, t, id, "in_article", 1, png([40, 200, 40]));
    }
    approve(http, t, id);
    id
}

fn approve(http: &Http, t: &Tenant, id: i64) {
    http.post(&format!("/api/v1/writer/content/{id}/submit_for_review/"))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    http.post(&format!("/api/v1/writer/content/{id}/approve/"))
        .bearer(&t.token)
        .send()
        .expect_status(200);
}

fn content(http: &Http, t: &Tenant, id: i64) -> Value {
    http.get(&format!("/api/v1/writer/content/{id}/"))
        .bearer(&t.token)
        .send()
        .expect_status(200)
        .data()
        .clone()
}

/// Waits until the content's `site_status` is `status`; returns the content.
fn wait_status(stack: &Stack, t: &Tenant, id: i64, status: &str) -> Value {
    let mut last = Value::Null;
    let ok = wait_until(PUBLISHED_WITHIN, || {
        last = content(&stack.http, t, id);
        last["site_status"] == status
    });
    assert!(
        ok,
        "content {id} never became {status}: {last}\n{}",
        stack.logs()
    );
    last
}

/// The integration's sync events (one page: the tests make a few). Not `list_all`: the tests
/// poll this while the worker adds events, and a page's `count` and its rows are read by two
/// statements, so they may differ by a row written in between.
fn events(http: &Http, t: &Tenant, integration: i64) -> Vec<Value> {
    let r = http
        .get(&format!(
            "/api/v1/integration/integrations/{integration}/events/?page_size=200"
        ))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert!(r.json["next"].is_null(), "more than 200 events: {}", r.text);
    r.json["results"].as_array().unwrap().clone()
}

fn core_integration(http: &Http, t: &Tenant, wp: &Wp, password: &str) -> i64 {
    let r = http
        .post("/api/v1/integration/integrations/")
        .bearer(&t.token)
        .json(
            &json!({"site_id": t.site_id, "site_url": wp.url(), "mode": "core",
                      "username": "admin", "app_password": password}),
        )
        .send()
        .expect_status(201);
    assert_eq!(r.data()["has_app_password"], true);
    assert!(
        !r.text.contains(password),
        "the password is never returned: {}",
        r.text
    );
    r.data()["id"].as_i64().unwrap()
}

fn stack_with_worker() -> Stack {
    let mut stack = Stack::start_with(&[("RUST_LOG", "debug")]);
    let api = stack.http.base().to_owned();
    stack.start_worker_with(&[("IGNY8_API_URL", &api), ("RUST_LOG", "debug")]);
    stack
}

fn assert_not_logged(stack: &Stack, secret: &str) {
    let lines: Vec<String> = stack
        .api_lines()
        .into_iter()
        .chain(stack.worker_lines())
        .filter(|l| l.contains(secret))
        .collect();
    assert!(lines.is_empty(), "a secret reached the logs: {lines:?}");
}

// -------------------------------------------------------------------------------- tests

#[test]
fn core_mode_publishes_terms_and_images_updates_the_same_post_and_schedules() {
    let wp = Wp::up();
    let stack = stack_with_worker();
    let http = &stack.http;
    let t = tenant(http, "corey");
    let integration = core_integration(http, &t, &wp, wp.app_password());
    let check = http
        .post(&format!(
            "/api/v1/integration/integrations/{integration}/test_connection/"
        ))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert_eq!(check.data()["success"], true, "{}", check.text);

    // Publish: 202, `publishing`, then `published` with the post's id and URL.
    let id = approved_article(http, &t, "Trail Running Basics", true);
    let r = http
        .post(&format!("/api/v1/writer/content/{id}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    assert_eq!(r.data()["site_status"], "publishing");
    // A second click while it is in flight enqueues nothing.
    http.post(&format!("/api/v1/writer/content/{id}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(422);
    let c = wait_status(&stack, &t, id, "published");
    let post_id = c["external_id"].as_str().unwrap().to_owned();
    assert!(
        c["external_url"].as_str().unwrap().starts_with(wp.url()),
        "{c}"
    );
    assert!(c["published_at"].is_string());

    let post = wp.get(&format!("wp/v2/posts/{post_id}?context=edit"));
    assert_eq!(post["status"], "publish");
    assert_eq!(post["title"]["raw"], "Trail Running Basics");
    assert_eq!(post["excerpt"]["raw"], "All about Trail Running Basics.");
    // Categories and tags by name (tags include the keywords).
    let cats = wp.get(&format!(
        "wp/v2/categories?include={}",
        join(&post["categories"])
    ));
    let cat_names: Vec<&str> = cats
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(cat_names, vec!["Guides &amp; Tips"], "{cats}");
    let tags = wp.get(&format!(
        "wp/v2/tags?include={}&per_page=100",
        join(&post["tags"])
    ));
    let mut tag_names: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    tag_names.sort_unstable();
    assert_eq!(tag_names, vec!["Running", "trail running", "trail shoes"]);
    // The featured image is in the media library; the in-article one sits after the first section.
    let featured = post["featured_media"].as_i64().unwrap();
    assert!(featured > 0, "{post}");
    let media = wp.get(&format!("wp/v2/media/{featured}"));
    assert_eq!(media["mime_type"], "image/png");
    let html = post["content"]["raw"].as_str().unwrap();
    let first = html.find("<h2>First</h2>").unwrap();
    let second = html.find("<h2>Second</h2>").unwrap();
    let img = html
        .find("<img src=\"")
        .expect("the in-article image is in the HTML");
    assert!(first < img && img < second, "{html}");
    assert!(
        html[img..].starts_with(&format!("<img src=\"{}/wp-content/uploads/", wp.url())),
        "{html}"
    );
    assert_eq!(
        wp.get("wp/v2/media?per_page=100").as_array().unwrap().len(),
        2
    );

    // Edit, approve again, publish again: the same post is updated, no new post or media.
    http.patch(&format!("/api/v1/writer/content/{id}/"))
        .bearer(&t.token)
        .json(&json!({"title": "Trail Running Basics, Revised"}))
        .send()
        .expect_status(200);
    approve(http, &t, id);
    http.post(&format!("/api/v1/writer/content/{id}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    let c = wait_status(&stack, &t, id, "published");
    assert_eq!(c["external_id"], post_id.as_str());
    let post = wp.get(&format!("wp/v2/posts/{post_id}?context=edit"));
    assert_eq!(post["title"]["raw"], "Trail Running Basics, Revised");
    assert_eq!(wp.posts_of(id).len(), 1);
    assert_eq!(
        wp.get("wp/v2/media?per_page=100").as_array().unwrap().len(),
        2
    );

    // A future time: the post waits in WordPress as `future` at that date.
    let later = approved_article(http, &t, "Winter Trail Gear", false);
    let at = "2031-05-06T07:08:00Z";
    http.post("/api/v1/publisher/publish/")
        .bearer(&t.token)
        .json(&json!({"content_id": later, "publish_at": at}))
        .send()
        .expect_status(202);
    let c = wait_status(&stack, &t, later, "scheduled");
    assert_eq!(c["scheduled_publish_at"], at);
    let post = wp.get(&format!(
        "wp/v2/posts/{}?context=edit",
        c["external_id"].as_str().unwrap()
    ));
    assert_eq!(post["status"], "future");
    assert_eq!(post["date_gmt"], "2031-05-06T07:08:00");

    // A post an earlier attempt made but never recorded (a worker killed after WordPress
    // answered) is found by its slug and marker and updated, not duplicated.
    let orphan_of = approved_article(http, &t, "Orphaned Attempt", false);
    let (status, orphan) = wp.call(
        reqwest::Method::POST,
        "wp/v2/posts",
        Some(
            json!({"title": "Orphaned Attempt", "slug": "orphaned-attempt", "status": "publish",
                    "content": format!("<p>Half.</p><!-- igny8:content:{orphan_of} -->")}),
        ),
    );
    assert_eq!(status, 201, "{orphan}");
    http.post(&format!("/api/v1/writer/content/{orphan_of}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    let c = wait_status(&stack, &t, orphan_of, "published");
    assert_eq!(c["external_id"], orphan["id"].to_string().as_str());
    assert_eq!(wp.posts_of(orphan_of).len(), 1);

    // Changes made in WordPress come back with a sync: the scheduled post trashed there.
    let (status, _) = wp.call(
        reqwest::Method::DELETE,
        &format!(
            "wp/v2/posts/{}",
            content(http, &t, later)["external_id"].as_str().unwrap()
        ),
        None,
    );
    assert_eq!(status, 200);
    let report = http
        .post(&format!(
            "/api/v1/integration/integrations/{integration}/sync/"
        ))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert_eq!(report.data()["checked"], 3, "{}", report.text);
    assert_eq!(report.data()["changed"], 1, "{}", report.text);
    assert_eq!(report.data()["errors"], 0, "{}", report.text);
    assert_eq!(content(http, &t, later)["site_status"], "not_published");

    // Unpublish: back to draft in WordPress, `not_published` here, the link kept.
    http.post(&format!("/api/v1/writer/content/{id}/unpublish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    wait_status(&stack, &t, id, "not_published");
    assert_eq!(
        wp.get(&format!("wp/v2/posts/{post_id}?context=edit"))["status"],
        "draft"
    );

    // Every attempt is recorded.
    let ev = events(http, &t, integration);
    let kinds: Vec<(&str, bool)> = ev
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["success"].as_bool().unwrap(),
            )
        })
        .collect();
    for want in [
        ("test_connection", true),
        ("publish", true),
        ("update", true),
        ("unpublish", true),
    ] {
        assert!(kinds.contains(&want), "{want:?} missing from {kinds:?}");
    }
    assert!(kinds.iter().all(|(_, ok)| *ok), "{ev:?}");
    assert_not_logged(&stack, wp.app_password());
}

fn join(ids: &Value) -> String {
    ids.as_array()
        .unwrap()
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn bridge_mode_writes_seo_meta_and_follows_a_trashed_post() {
    let wp = Wp::up();
    let stack = stack_with_worker();
    let http = &stack.http;
    let t = tenant(http, "bridget");
    let key = http
        .post("/api/v1/integration/integrations/generate-api-key/")
        .bearer(&t.token)
        .json(&json!({"site_id": t.site_id}))
        .send()
        .expect_status(201);
    let key = key.data()["api_key"].as_str().unwrap().to_owned();

    // The site's admin pastes the key into the plugin, which checks it with us: the site gets
    // a bridge integration.
    let (status, body) = wp.call(
        reqwest::Method::POST,
        "igny8/v1/settings",
        Some(json!({"api_base": http.base(), "api_key": key})),
    );
    assert_eq!(status, 200, "{body}");
    let (status, hello) = wp.call(reqwest::Method::POST, "igny8/v1/test-connection", None);
    assert_eq!(status, 200, "{hello}");
    assert_eq!(hello["platform_status"], 200, "{hello}");
    let integration = hello["platform_body"]["data"]["integration_id"]
        .as_i64()
        .unwrap();
    let i = http
        .get(&format!("/api/v1/integration/integrations/{integration}/"))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert_eq!(i.data()["mode"], "bridge");
    assert_eq!(i.data()["connection_status"], "connected");
    assert!(!i.text.contains(&key), "the key is never shown again");
    let (status, _) = wp.call(
        reqwest::Method::POST,
        "igny8/v1/settings",
        Some(json!({"integration_id": integration})),
    );
    assert_eq!(status, 200);

    // The structure push lands on the integration.
    let pushed = wp
        .http
        .post(wp.rest("igny8/v1/push-structure"))
        .header("X-IGNY8-API-KEY", &key)
        .send()
        .unwrap();
    let pushed: Value = pushed.json().unwrap();
    assert_eq!(pushed["platform_status"], 200, "{pushed}");
    let i = http
        .get(&format!("/api/v1/integration/integrations/{integration}/"))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    let types = i.data()["site_structure"]["post_types"].as_array().unwrap();
    assert!(types.iter().any(|p| p["name"] == "post"), "{}", i.text);

    // Publish through the plugin: SEO meta and the featured image land.
    let id = approved_article(http, &t, "Bridge Running Guide", true);
    http.post("/api/v1/publisher/publish/")
        .bearer(&t.token)
        .json(&json!({"content_id": id}))
        .send()
        .expect_status(202);
    let c = wait_status(&stack, &t, id, "published");
    let post_id = c["external_id"].as_str().unwrap().to_owned();
    let post = wp.get(&format!("wp/v2/posts/{post_id}?context=edit"));
    assert_eq!(
        post["meta"]["_igny8_meta_title"], "Bridge Running Guide | SEO",
        "{post}"
    );
    assert_eq!(
        post["meta"]["_igny8_meta_description"],
        "All about Bridge Running Guide."
    );
    assert_eq!(post["meta"]["_igny8_primary_keyword"], "trail running");
    assert_eq!(post["meta"]["_igny8_content_id"], id);
    assert!(post["featured_media"].as_i64().unwrap() > 0, "{post}");

    // Published again: the plugin updates the same post.
    http.post(&format!("/api/v1/writer/content/{id}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    let c = wait_status(&stack, &t, id, "published");
    assert_eq!(c["external_id"], post_id.as_str());

    // Trashed in WordPress: the plugin's webhook brings `site_status` back.
    let (status, trashed) = wp.call(
        reqwest::Method::DELETE,
        &format!("wp/v2/posts/{post_id}"),
        None,
    );
    assert_eq!(status, 200, "{trashed}");
    assert_eq!(trashed["status"], "trash");
    let c = wait_status(&stack, &t, id, "not_published");
    assert_eq!(c["external_id"], post_id.as_str(), "trash keeps the link");
    // The same webhook again changes nothing; an unknown post or content is 404.
    let hook = |body: Value, key: &str| {
        http.post("/api/v1/integration/webhooks/wordpress/status/")
            .header("X-IGNY8-API-KEY", key)
            .json(&body)
            .send()
    };
    let again = hook(json!({"post_id": post_id.parse::<i64>().unwrap(), "content_id": id, "post_status": "trash"}), &key).expect_status(200);
    assert_eq!(again.data()["changed"], false);
    hook(
        json!({"post_id": 999_999, "content_id": id, "post_status": "publish"}),
        &key,
    )
    .expect_status(404);
    hook(json!({"post_id": post_id.parse::<i64>().unwrap(), "content_id": 999_999, "post_status": "publish"}), &key).expect_status(404);
    hook(
        json!({"post_id": 1, "content_id": id, "post_status": "publish"}),
        "igny8_sk_not-a-key",
    )
    .expect_status(401);
    let ev = events(http, &t, integration);
    assert!(
        ev.iter()
            .any(|e| e["action"] == "status_webhook" && e["details"]["post_status"] == "trash"),
        "{ev:?}"
    );
    assert_not_logged(&stack, &key);
}

#[test]
fn a_wrong_password_fails_once_and_a_stopped_wordpress_is_retried_until_it_is_back() {
    let wp = Wp::up();
    let stack = stack_with_worker();
    let http = &stack.http;
    let t = tenant(http, "fay");
    let integration = core_integration(http, &t, &wp, "wrong wrong wrong wrong wrong");
    let check = http
        .post(&format!(
            "/api/v1/integration/integrations/{integration}/test_connection/"
        ))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert_eq!(check.data()["success"], false, "{}", check.text);
    assert!(
        check.data()["message"]
            .as_str()
            .unwrap()
            .contains("application password"),
        "{}",
        check.text
    );
    let id = approved_article(http, &t, "Never Twice", false);
    http.post(&format!("/api/v1/writer/content/{id}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    wait_status(&stack, &t, id, "failed");
    // One attempt, WordPress's answer in the record, a notification; no retry storm.
    std::thread::sleep(Duration::from_secs(6));
    let ev: Vec<Value> = events(http, &t, integration)
        .into_iter()
        .filter(|e| e["action"] == "publish")
        .collect();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["success"], false);
    assert_eq!(ev[0]["http_status"], 401);
    assert!(
        ev[0]["error_message"]
            .as_str()
            .unwrap()
            .contains("application password"),
        "{ev:?}"
    );
    let notes = http
        .get("/api/v1/notifications/")
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert!(notes.text.contains("Publishing failed"), "{}", notes.text);
    let i = http
        .get(&format!("/api/v1/integration/integrations/{integration}/"))
        .bearer(&t.token)
        .send()
        .expect_status(200);
    assert_eq!(i.data()["connection_status"], "error");
    assert!(wp.posts_of(id).is_empty());

    // The right password, then WordPress goes down: attempts fail and are retried; once it is
    // back the post is published, once.
    http.put(&format!("/api/v1/integration/integrations/{integration}/"))
        .bearer(&t.token)
        .json(&json!({"site_url": wp.url(), "app_password": wp.app_password()}))
        .send()
        .expect_status(200);
    wp.stop_web();
    http.post(&format!("/api/v1/writer/content/{id}/publish/"))
        .bearer(&t.token)
        .send()
        .expect_status(202);
    let retried = wait_until(Duration::from_secs(30), || {
        events(http, &t, integration)
            .iter()
            .filter(|e| e["success"] == false && e["details"]["will_retry"] == true)
            .count()
            >= 2
    });
    assert!(
        retried,
        "no retried attempts: {:?}\n{}",
        events(http, &t, integration),
        stack.logs()
    );
    assert_eq!(content(http, &t, id)["site_status"], "publishing");
    wp.start_web();
    let c = wait_status(&stack, &t, id, "published");
    assert_eq!(wp.posts_of(id).len(), 1, "published exactly once");
    assert_eq!(
        wp.get(&format!(
            "wp/v2/posts/{}",
            c["external_id"].as_str().unwrap()
        ))["status"],
        "publish"
    );
    assert_not_logged(&stack, wp.app_password());
}

#[test]
fn another_tenant_or_site_cannot_reach_an_integration() {
    let stack = Stack::start();
    let http = &stack.http;
    let a = tenant(http, "alma");
    let b = tenant(http, "boris");
    let r = http
        .post("/api/v1/integration/integrations/")
        .bearer(&a.token)
        .json(&json!({"site_id": a.site_id, "site_url": "http://127.0.0.1:9", "username": "admin", "app_password": "pass word pass word"}))
        .send()
        .expect_status(201);
    let ia = r.data()["id"].as_i64().unwrap();
    let content_a = approved_article(http, &a, "Alma's Article", false);
    // Tenant B: everything about A's integration is 404.
    for (method, path, body) in [
        (
            "GET",
            format!("/api/v1/integration/integrations/{ia}/"),
            None,
        ),
        (
            "PUT",
            format!("/api/v1/integration/integrations/{ia}/"),
            Some(json!({"site_url": "http://evil.example.com"})),
        ),
        (
            "POST",
            format!("/api/v1/integration/integrations/{ia}/test_connection/"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/integration/integrations/{ia}/sync/"),
            None,
        ),
        (
            "GET",
            format!("/api/v1/integration/integrations/{ia}/events/"),
            None,
        ),
        (
            "POST",
            "/api/v1/integration/integrations/generate-api-key/".to_owned(),
            Some(json!({"site_id": a.site_id})),
        ),
        (
            "POST",
            "/api/v1/publisher/publish/".to_owned(),
            Some(json!({"content_id": content_a})),
        ),
        (
            "POST",
            format!("/api/v1/writer/content/{content_a}/publish/"),
            None,
        ),
        (
            "GET",
            format!("/api/v1/publisher/settings/{}/", a.site_id),
            None,
        ),
    ] {
        let call = match method {
            "GET" => http.get(&path),
            "PUT" => http.put(&path),
            _ => http.post(&path),
        };
        let call = call.bearer(&b.token);
        let call = match body {
            Some(b) => call.json(&b),
            None => call,
        };
        call.send().expect_status(404);
    }
    let list = http
        .get("/api/v1/integration/integrations/")
        .bearer(&b.token)
        .send()
        .expect_status(200);
    assert_eq!(list.json["count"], 0);
    // B's own site with an integration, and a key for each site.
    let rb = http
        .post("/api/v1/integration/integrations/")
        .bearer(&b.token)
        .json(&json!({"site_id": b.site_id, "site_url": "http://127.0.0.1:9", "mode": "bridge"}))
        .send()
        .expect_status(201);
    let ib = rb.data()["id"].as_i64().unwrap();
    let key_of = |t: &Tenant| {
        http.post("/api/v1/integration/integrations/generate-api-key/")
            .bearer(&t.token)
            .json(&json!({"site_id": t.site_id}))
            .send()
            .expect_status(201)
            .data()["api_key"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (key_a, key_b) = (key_of(&a), key_of(&b));
    // One site's key cannot touch the other site.
    http.post(&format!(
        "/api/v1/integration/integrations/{ib}/update_site_structure/"
    ))
    .header("X-IGNY8-API-KEY", &key_a)
    .json(&json!({"post_types": []}))
    .send()
    .expect_status(404);
    http.post(&format!(
        "/api/v1/integration/integrations/{ia}/update_site_structure/"
    ))
    .header("Authorization", &format!("Bearer {key_a}"))
    .json(&json!({"post_types": [{"name": "post", "label": "Posts", "count": 1}]}))
    .send()
    .expect_status(200);
    http.post("/api/v1/integration/webhooks/wordpress/status/")
        .header("X-IGNY8-API-KEY", &key_b)
        .json(&json!({"post_id": 5, "content_id": content_a, "post_status": "trash"}))
        .send()
        .expect_status(404);
    // The plugin downloads its site's images with its key; another site's key finds nothing.
    let png_a = png([10, 20, 30]);
    let image = upload_image(http, &a, content_a, "featured", 0, png_a.clone());
    let media = format!("/api/v1/integration/media/{image}/");
    let r = http
        .get(&media)
        .header("X-IGNY8-API-KEY", &key_a)
        .send()
        .expect_status(200);
    assert_eq!(r.bytes, png_a);
    http.get(&media)
        .header("X-IGNY8-API-KEY", &key_b)
        .send()
        .expect_status(404);
    http.get(&media).send().expect_status(401);
    // A site key is not a user token, and the plugin routes want a key.
    http.get("/api/v1/integration/integrations/")
        .bearer(&key_a)
        .send()
        .expect_status(401);
    http.post("/api/v1/integration/webhooks/wordpress/status/")
        .json(&json!({"post_id": 5, "content_id": content_a, "post_status": "trash"}))
        .send()
        .expect_status(401);
    // A new key replaces the old one at once.
    let key_a2 = key_of(&a);
    assert_ne!(key_a, key_a2);
    http.post(&format!(
        "/api/v1/integration/integrations/{ia}/update_site_structure/"
    ))
    .header("X-IGNY8-API-KEY", &key_a)
    .json(&json!({}))
    .send()
    .expect_status(401);
    // Publishing without approval, or with no integration, is refused clearly.
    let draft = http
        .post("/api/v1/writer/content/")
        .bearer(&a.token)
        .json(&json!({"site_id": a.site_id, "sector_id": a.sector_id, "title": "Draft only"}))
        .send()
        .expect_status(201);
    let r = http
        .post(&format!(
            "/api/v1/writer/content/{}/publish/",
            draft.data()["id"]
        ))
        .bearer(&a.token)
        .send()
        .expect_status(422);
    assert!(r.text.contains("approve"), "{}", r.text);
    http.delete(&format!("/api/v1/integration/integrations/{ia}/"))
        .bearer(&a.token)
        .send()
        .expect_status(204);
    let r = http
        .post(&format!("/api/v1/writer/content/{content_a}/publish/"))
        .bearer(&a.token)
        .send()
        .expect_status(422);
    assert!(r.text.contains("no WordPress integration"), "{}", r.text);
    // The plugin connects a site with no integration only when it says where it is.
    let hello = |body: Value| {
        http.post("/api/v1/integration/integrations/test-connection/")
            .header("X-IGNY8-API-KEY", &key_a2)
            .json(&body)
            .send()
    };
    hello(json!({})).expect_status(422);
    let r = hello(json!({"site_url": "http://127.0.0.1:9/blog"})).expect_status(200);
    assert_eq!(r.data()["site_id"], a.site_id);
    assert_ne!(r.data()["integration_id"], ia);
    assert_not_logged(&stack, &key_a);
    assert_not_logged(&stack, &key_b);
    assert_not_logged(&stack, "pass word pass word");
}
