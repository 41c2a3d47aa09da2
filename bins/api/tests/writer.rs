//! HTTP tests of the writer: tasks, content, taxonomies, images — contract shapes, status
//! machines, uploads, another tenant and a viewer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use diesel::prelude::*;
use kernel::Role;
use serde_json::{Value, json};

const W: &str = "/api/v1/writer";

fn count(db: &TestDb, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct C {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<C>(&mut db.conn())
        .unwrap()
        .n
}

/// A PNG signature and IHDR chunk declaring `w`×`h`.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend_from_slice(&[0, 0, 0, 13]);
    b.extend_from_slice(b"IHDR");
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    b.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    b
}

/// A multipart/form-data body: text fields, then an optional file part `file`.
fn form(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "igny8-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((filename, ct, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: {ct}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn task_body(t: &TenantFixture, title: &str) -> Value {
    json!({"site_id": t.site_id, "sector_id": t.sector_ids[0], "title": title})
}

fn content_body(t: &TenantFixture, title: &str) -> Value {
    json!({"site_id": t.site_id, "sector_id": t.sector_ids[0], "title": title,
           "content_html": "<p>Hello world</p>"})
}

/// Grants the tenant's site to a new member; returns the member's token.
fn member_with_site(c: &Ctx, name: &str, role: Role) -> String {
    let mut conn = c.db.conn();
    let (uid, tok) = c.a.add_member(&mut conn, name, role);
    tenancy::access::grant_access(
        &mut conn,
        &c.a.scope(),
        uid,
        c.a.site_id,
        chrono::Utc::now(),
    )
    .unwrap();
    tok
}

// ---------------------------------------------------------------------------------- openapi

#[test]
fn openapi_lists_every_writer_route() {
    let doc = serde_json::to_value(api::openapi()).unwrap();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/tasks/", &["get", "post"][..]),
        ("/tasks/filter_options/", &["get"]),
        ("/tasks/bulk_delete/", &["post"]),
        ("/tasks/bulk_update/", &["post"]),
        ("/tasks/{id}/", &["get", "patch", "delete"]),
        ("/content/", &["get", "post"]),
        ("/content/filter_options/", &["get"]),
        ("/content/bulk_delete/", &["post"]),
        ("/content/{id}/", &["get", "patch", "delete"]),
        ("/content/{id}/approve/", &["post"]),
        ("/content/{id}/submit_for_review/", &["post"]),
        ("/taxonomies/", &["get", "post"]),
        ("/taxonomies/filter_options/", &["get"]),
        ("/taxonomies/{id}/", &["get", "patch", "delete"]),
        ("/images/", &["get", "post"]),
        ("/images/filter_options/", &["get"]),
        ("/images/{id}/", &["get", "delete"]),
        ("/images/{id}/file/", &["get"]),
    ] {
        let p = &paths[format!("{W}{path}")];
        assert!(p.is_object(), "{path} missing from the OpenAPI document");
        for m in methods {
            assert!(p[m].is_object(), "{m} {path} missing");
        }
    }
    let upload = &paths[format!("{W}/images/")]["post"]["requestBody"]["content"];
    assert!(upload["multipart/form-data"].is_object(), "{upload}");
}

// ------------------------------------------------------------------------------------ tasks

#[actix_web::test]
async fn tasks_crud_filters_status_and_bulk() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    // a real cluster of the task's sector (writer rows reference planner rows by composite key)
    let cluster = post("/api/v1/planner/clusters/")
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[1], "name": "Zeta"}))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();

    let r = post(&format!("{W}/tasks/"))
        .bearer(tok)
        .json(
            &json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[1], "title": "Zeta guide",
                      "keywords": "zeta, guide", "primary_keyword": "zeta",
                      "secondary_keywords": ["guide"], "content_structure": "guide",
                      "word_count": 1200, "cluster_id": cluster,
                      "outline": {"sections": [{"heading": "Intro", "notes": "n"}]}}),
        )
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let t = r.data();
    for (k, v) in [
        ("title", json!("Zeta guide")),
        ("sector_id", json!(c.a.sector_ids[1])),
        ("status", json!("queued")),
        ("content_type", json!("post")),
        ("content_structure", json!("guide")),
        ("keywords", json!("zeta, guide")),
        ("secondary_keywords", json!(["guide"])),
        ("word_count", json!(1200)),
        ("cluster_id", json!(cluster)),
        ("idea_id", Value::Null),
    ] {
        assert_eq!(t[k], v, "{k}");
    }
    assert_eq!(t["outline"]["sections"][0]["heading"], "Intro");
    let id = t["id"].as_i64().unwrap();
    let other = post(&format!("{W}/tasks/"))
        .bearer(tok)
        .json(&task_body(&c.a, "alpha post"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();

    // bad input
    let r = post(&format!("{W}/tasks/"))
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "title": "x", "content_type": "novel"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    assert!(
        r.json()["errors"]["content_type"].is_array(),
        "{:?}",
        r.json()
    );
    let r = post(&format!("{W}/tasks/"))
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "title": "  "}))
        .send(&app)
        .await;
    assert!(r.json()["errors"]["title"].is_array(), "{:?}", r.json());

    // list: default newest first, ordering, search, filters, "All" = empty value
    let r = get(&format!("{W}/tasks/")).bearer(tok).send(&app).await;
    assert_eq!(r.result_ids(), [other, id]);
    assert_eq!(r.json()["count"], 2);
    let r = get(&format!("{W}/tasks/?ordering=title"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [other, id]);
    let r = get(&format!("{W}/tasks/?ordering=-title"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [id, other]);
    let r = get(&format!("{W}/tasks/?ordering=secret"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let r = get(&format!("{W}/tasks/?search=ZETA"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [id]);
    let r = get(&format!(
        "{W}/tasks/?content_structure=guide&status=&cluster_id={cluster}"
    ))
    .bearer(tok)
    .send(&app)
    .await;
    assert_eq!(r.result_ids(), [id], "{:?}", r.json());
    let r = get(&format!("{W}/tasks/?sector_id={}", c.a.sector_ids[0]))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [other]);
    let r = get(&format!("{W}/tasks/?status=bogus"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = get(&format!("{W}/tasks/?page_size=1&page=2"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [id]);
    assert!(r.json()["previous"].as_str().unwrap().contains("page=1"));

    // filter_options: "All" first, values present under the other filters
    let r = get(&format!(
        "{W}/tasks/filter_options/?content_structure=guide"
    ))
    .bearer(tok)
    .send(&app)
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let d = r.data();
    assert_eq!(
        d["status"],
        json!([{"value": "", "label": "All"}, {"value": "queued", "label": "Queued"}])
    );
    assert_eq!(
        d["content_structure"],
        json!([{"value": "", "label": "All"}, {"value": "article", "label": "Article"},
               {"value": "guide", "label": "Guide"}])
    );
    assert_eq!(d["cluster_id"][1]["value"], cluster.to_string());
    assert_eq!(
        d["cluster_id"][1]["label"], "Zeta",
        "clusters are labelled by name"
    );

    // detail and patch, no trailing slash
    let r = get(&format!("{W}/tasks/{id}")).bearer(tok).send(&app).await;
    assert_eq!(
        (r.status, r.data()["id"].as_i64()),
        (StatusCode::OK, Some(id))
    );
    let r = patch(&format!("{W}/tasks/{id}/"))
        .bearer(tok)
        .json(&json!({"title": "Zeta guide v2", "cluster_id": null, "status": "in_progress"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(
        (
            r.data()["title"].clone(),
            r.data()["cluster_id"].clone(),
            r.data()["status"].clone()
        ),
        (json!("Zeta guide v2"), Value::Null, json!("in_progress"))
    );
    // status machine over HTTP
    let r = patch(&format!("{W}/tasks/{other}/"))
        .bearer(tok)
        .json(&json!({"status": "completed"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_state")
    );
    assert!(
        r.json()["error"].as_str().unwrap().contains("queued"),
        "{:?}",
        r.json()
    );

    // bulk update: all or nothing, then counted
    let r = post(&format!("{W}/tasks/bulk_update/"))
        .bearer(tok)
        .json(&json!({"ids": [id, other], "status": "completed"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_state")
    );
    let r = get(&format!("{W}/tasks/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.data()["status"], "in_progress", "nothing changed");
    let r = post(&format!("{W}/tasks/bulk_update/"))
        .bearer(tok)
        .json(&json!({"ids": [id, other, 999_999], "status": "failed", "content_type": "page"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.data()),
        (StatusCode::OK, json!({"affected": 2})),
        "{:?}",
        r.json()
    );
    let r = post(&format!("{W}/tasks/bulk_update/"))
        .bearer(tok)
        .json(&json!({"ids": [id]}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(&format!("{W}/tasks/bulk_delete/"))
        .bearer(tok)
        .json(&json!({"ids": []}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let many: Vec<i64> = (1..=1001).collect();
    let r = post(&format!("{W}/tasks/bulk_delete/"))
        .bearer(tok)
        .json(&json!({"ids": many}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // delete one, bulk delete the other
    let r = delete(&format!("{W}/tasks/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
    let r = get(&format!("{W}/tasks/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let r = post(&format!("{W}/tasks/bulk_delete/"))
        .bearer(tok)
        .json(&json!({"ids": [id, other]}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 1}));
    assert_eq!(count(&c.db, "tasks"), 0);
}

// ---------------------------------------------------------------------------------- content

#[actix_web::test]
async fn content_is_sanitized_and_moves_through_review() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    let task = post(&format!("{W}/tasks/"))
        .bearer(tok)
        .json(&task_body(&c.a, "brief"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();

    let r = post(&format!("{W}/content/"))
        .bearer(tok)
        .json(&json!({
            "site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "task_id": task,
            "title": "Hand written",
            "content_html": "<h2>Intro</h2><p onmouseover=\"steal()\">Three plain words</p><script>alert(1)</script><a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "meta_title": "Hand written | Blog", "meta_description": "About it",
            "primary_keyword": "hand", "secondary_keywords": ["written"],
            "tags": ["Rust", "SEO"], "categories": ["Guides"], "content_structure": "review"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let d = r.data();
    assert_eq!(
        d["content_html"],
        "<h2>Intro</h2><p>Three plain words</p><a rel=\"noopener noreferrer\">x</a>"
    );
    for (k, v) in [
        ("word_count", json!(5)),
        ("status", json!("draft")),
        ("site_status", json!("not_published")),
        ("source", json!("igny8")),
        ("task_id", json!(task)),
        ("tags", json!(["Rust", "SEO"])),
        ("categories", json!(["Guides"])),
        ("secondary_keywords", json!(["written"])),
        ("meta_title", json!("Hand written | Blog")),
        ("content_structure", json!("review")),
        ("external_id", Value::Null),
        ("external_url", Value::Null),
        ("scheduled_publish_at", Value::Null),
    ] {
        assert_eq!(d[k], v, "{k}");
    }
    let id = d["id"].as_i64().unwrap();
    // the terms exist as taxonomies of the site
    let r = get(&format!("{W}/taxonomies/?taxonomy_type=tag"))
        .bearer(tok)
        .send(&app)
        .await;
    let names: Vec<String> = r.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Rust", "SEO"]);

    // meta_title has a hard maximum
    let r = patch(&format!("{W}/content/{id}/"))
        .bearer(tok)
        .json(&json!({"meta_title": "m".repeat(256)}))
        .send(&app)
        .await;
    assert!(
        r.json()["errors"]["meta_title"].is_array(),
        "{:?}",
        r.json()
    );

    // approve needs review
    let r = post(&format!("{W}/content/{id}/approve/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_state")
    );
    let r = post(&format!("{W}/content/{id}/submit_for_review/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.data()["status"].clone()),
        (StatusCode::OK, json!("review"))
    );
    let r = post(&format!("{W}/content/{id}/submit_for_review"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.code(), "invalid_state");
    let r = post(&format!("{W}/content/{id}/approve/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.data()["status"].clone()),
        (StatusCode::OK, json!("approved"))
    );
    // publishing is not a manual status
    let r = patch(&format!("{W}/content/{id}/"))
        .bearer(tok)
        .json(&json!({"status": "published"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_state")
    );
    // an edit after approval goes back to draft and is sanitized again
    let r = patch(&format!("{W}/content/{id}/"))
        .bearer(tok)
        .json(&json!({"content_html": "<p>New <b>text</b> here</p><iframe src=\"https://x\"></iframe>", "tags": ["Rust"]}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    let d = r.data();
    assert_eq!(
        (
            d["status"].clone(),
            d["content_html"].clone(),
            d["word_count"].clone(),
            d["tags"].clone()
        ),
        (
            json!("draft"),
            json!("<p>New <b>text</b> here</p>"),
            json!(3),
            json!(["Rust"])
        )
    );

    // list, filters, options
    let second = post(&format!("{W}/content/"))
        .bearer(tok)
        .json(&content_body(&c.a, "Second"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    post(&format!("{W}/content/{second}/submit_for_review/"))
        .bearer(tok)
        .send(&app)
        .await;
    let r = get(&format!("{W}/content/?status=review"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [second]);
    let r = get(&format!("{W}/content/?task_id={task}"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [id]);
    assert_eq!(r.json()["results"][0]["tags"], json!(["Rust"]));
    let r = get(&format!("{W}/content/?ordering=-word_count&search=e"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [id, second]);
    let r = get(&format!("{W}/content/filter_options/?status=review"))
        .bearer(tok)
        .send(&app)
        .await;
    let d = r.data();
    assert_eq!(
        d["status"],
        json!([{"value": "", "label": "All"}, {"value": "draft", "label": "Draft"}, {"value": "review", "label": "Review"}])
    );
    assert_eq!(
        d["content_structure"],
        json!([{"value": "", "label": "All"}, {"value": "article", "label": "Article"}])
    );
    for k in ["site_status", "content_type", "source", "cluster_id"] {
        assert_eq!(d[k][0], json!({"value": "", "label": "All"}), "{k}");
    }

    // delete and bulk delete
    let r = delete(&format!("{W}/content/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = post(&format!("{W}/content/bulk_delete/"))
        .bearer(tok)
        .json(&json!({"ids": [id, second]}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 1}));
    assert_eq!(count(&c.db, "content"), 0);
    assert_eq!(count(&c.db, "tasks"), 1, "the task stays");
}

// ------------------------------------------------------------------------------- taxonomies

#[actix_web::test]
async fn taxonomies_crud() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    let r = post(&format!("{W}/taxonomies/"))
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "name": "How To", "taxonomy_type": "category", "external_id": "12"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let d = r.data();
    assert_eq!(
        (
            d["slug"].clone(),
            d["taxonomy_type"].clone(),
            d["external_id"].clone(),
            d["site_id"].clone()
        ),
        (
            json!("how-to"),
            json!("category"),
            json!("12"),
            json!(c.a.site_id)
        )
    );
    let id = d["id"].as_i64().unwrap();
    let r = post(&format!("{W}/taxonomies/"))
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "name": "how to", "taxonomy_type": "category"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );
    assert!(r.json()["errors"]["slug"].is_array());
    let r = post(&format!("{W}/taxonomies/"))
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "name": "how to", "taxonomy_type": "tag"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = post(&format!("{W}/taxonomies/"))
        .bearer(tok)
        .json(&json!({"site_id": c.a.site_id, "name": "x", "taxonomy_type": "product_cat"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = get(&format!("{W}/taxonomies/filter_options/?taxonomy_type=tag"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        r.data(),
        json!({
            "taxonomy_type": [{"value": "", "label": "All"}, {"value": "category", "label": "Category"},
                              {"value": "tag", "label": "Tag"}],
            "site_id": [{"value": "", "label": "All"}, {"value": c.a.site_id.to_string(), "label": "alice site"}],
        })
    );
    let r = get(&format!(
        "{W}/taxonomies/?taxonomy_type=category&site_id={}",
        c.a.site_id
    ))
    .bearer(tok)
    .send(&app)
    .await;
    assert_eq!(r.result_ids(), [id]);
    let r = patch(&format!("{W}/taxonomies/{id}/"))
        .bearer(tok)
        .json(&json!({"name": "How-to guides", "slug": "how-to-guides", "external_id": null}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(
        (r.data()["slug"].clone(), r.data()["external_id"].clone()),
        (json!("how-to-guides"), Value::Null)
    );
    let r = get(&format!("{W}/taxonomies/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.data()["name"], "How-to guides");
    let r = delete(&format!("{W}/taxonomies/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = get(&format!("{W}/taxonomies/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

// ----------------------------------------------------------------------------------- images

#[actix_web::test]
async fn a_png_named_exe_is_stored_as_png_and_served_with_cache_headers() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    let cid = post(&format!("{W}/content/"))
        .bearer(tok)
        .json(&content_body(&c.a, "Illustrated"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let bytes = png(800, 600);
    let (ct, body) = form(
        &[("content_id", &cid.to_string()), ("image_type", "featured")],
        Some(("setup.exe", "application/x-msdownload", &bytes)),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let d = r.data();
    let id = d["id"].as_i64().unwrap();
    for (k, v) in [
        ("content_id", json!(cid)),
        ("image_type", json!("featured")),
        ("position", json!(0)),
        ("status", json!("generated")),
        ("format", json!("png")),
        ("width", json!(800)),
        ("height", json!(600)),
        ("byte_size", json!(bytes.len())),
        ("url", json!(format!("{W}/images/{id}/file/"))),
    ] {
        assert_eq!(d[k], v, "{k}");
    }
    let sha = content::storage::sha256_hex(&bytes);
    assert_eq!(c.state.media_files(), [format!("{sha}.png")]);

    let r = get(&format!("{W}/images/{id}/file/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, bytes);
    assert_eq!(r.header("content-type").as_deref(), Some("image/png"));
    assert_eq!(r.header("content-length"), Some(bytes.len().to_string()));
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("private, max-age=31536000, immutable")
    );
    let etag = format!("\"{sha}\"");
    assert_eq!(r.header("etag"), Some(etag.clone()));
    let r = get(&format!("{W}/images/{id}/file"))
        .bearer(tok)
        .header("if-none-match", &etag)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);
    assert!(r.body.is_empty());
    let r = get(&format!("{W}/images/{id}/file/")).send(&app).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "the file needs credentials"
    );

    // an in-article image, then list and detail
    let (ct, body) = form(
        &[
            ("content_id", &cid.to_string()),
            ("image_type", "in_article"),
            ("position", "1"),
        ],
        Some(("a.png", "image/png", &png(10, 10))),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let inline = r.data()["id"].as_i64().unwrap();
    // uploading into a taken slot replaces its file: 200, same row
    let (ct, body) = form(
        &[
            ("content_id", &cid.to_string()),
            ("image_type", "in_article"),
            ("position", "1"),
        ],
        Some(("b.png", "image/png", &png(20, 10))),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.data()["id"].as_i64()),
        (StatusCode::OK, Some(inline))
    );
    assert_eq!(r.data()["width"], 20);
    let r = get(&format!("{W}/images/?content_id={cid}"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [id, inline]);
    let r = get(&format!(
        "{W}/images/?image_type=in_article&status=generated"
    ))
    .bearer(tok)
    .send(&app)
    .await;
    assert_eq!(r.result_ids(), [inline]);
    let r = get(&format!("{W}/images/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.data()["format"], "png");
    let r = get(&format!("{W}/images/filter_options/?image_type=featured"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(
        r.data(),
        json!({
            "image_type": [{"value": "", "label": "All"}, {"value": "featured", "label": "Featured"},
                           {"value": "in_article", "label": "In article"}],
            "status": [{"value": "", "label": "All"}, {"value": "generated", "label": "Generated"}],
        })
    );

    // deleting an image row: its file route is gone, the file stays on disk
    let r = delete(&format!("{W}/images/{id}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = get(&format!("{W}/images/{id}/file/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(c.state.media_files().contains(&format!("{sha}.png")));

    // deleting the content deletes its image rows
    let r = delete(&format!("{W}/content/{cid}/"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(count(&c.db, "images"), 0);
    assert_eq!(
        c.state.media_files().len(),
        3,
        "files are shared by hash and kept"
    );
}

#[actix_web::test]
async fn refused_uploads_store_nothing() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;
    let cid = post(&format!("{W}/content/"))
        .bearer(tok)
        .json(&content_body(&c.a, "Illustrated"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let featured = [("content_id", cid.as_str()), ("image_type", "featured")];

    // a text file named .png: 415 (its bytes were inspected) with a message about the content
    let (ct, body) = form(
        &featured,
        Some(("photo.png", "image/png", b"I am not a picture")),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    let msg = r.json()["errors"]["file"][0].as_str().unwrap().to_owned();
    assert!(msg.contains("not a PNG, JPEG or WebP"), "{msg}");
    assert_eq!(r.json()["error"], msg);

    // 11 MiB: refused by its declared length
    let mut big = png(1, 1);
    big.resize(11 * 1024 * 1024, 0);
    let (ct, body) = form(&featured, Some(("big.png", "image/png", &big)));
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
    // one byte over 10 MiB: under the declared-length guard, stopped while streaming
    big.truncate(10 * 1024 * 1024 + 1);
    let (ct, body) = form(&featured, Some(("big.png", "image/png", &big)));
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );

    // form mistakes
    let (ct, body) = form(
        &[("image_type", "in_article")],
        Some(("a.png", "image/png", &png(1, 1))),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let e = &r.json()["errors"];
    assert!(
        e["content_id"].is_array() && e["position"].is_array(),
        "{e}"
    );
    let (ct, body) = form(
        &[
            ("content_id", cid.as_str()),
            ("image_type", "featured"),
            ("position", "3"),
        ],
        Some(("a.png", "image/png", &png(1, 1))),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert!(r.json()["errors"]["position"].is_array(), "{:?}", r.json());
    let (ct, body) = form(&featured, None);
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert!(r.json()["errors"]["file"].is_array(), "{:?}", r.json());
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .json(&json!({"content_id": cid}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    // unknown content
    let (ct, body) = form(
        &[("content_id", "999999"), ("image_type", "featured")],
        Some(("a.png", "image/png", &png(1, 1))),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(tok)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    assert!(
        c.state.media_files().is_empty(),
        "{:?}",
        c.state.media_files()
    );
    assert_eq!(count(&c.db, "images"), 0);
}

// --------------------------------------------------------------------- another tenant, viewer

#[actix_web::test]
async fn another_tenant_sees_and_changes_nothing() {
    let c = ctx();
    let app = app(&c.state).await;
    let (a, b) = (&c.a.access, &c.b.access);
    let task = post(&format!("{W}/tasks/"))
        .bearer(a)
        .json(&task_body(&c.a, "A task"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let item = post(&format!("{W}/content/"))
        .bearer(a)
        .json(&content_body(&c.a, "A content"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let term = post(&format!("{W}/taxonomies/"))
        .bearer(a)
        .json(&json!({"site_id": c.a.site_id, "name": "A term", "taxonomy_type": "tag"}))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let (ct, body) = form(
        &[
            ("content_id", &item.to_string()),
            ("image_type", "featured"),
        ],
        Some(("a.png", "image/png", &png(5, 5))),
    );
    let image = post(&format!("{W}/images/"))
        .bearer(a)
        .raw(&ct, body)
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();

    // B's lists are empty
    for list in ["tasks", "content", "taxonomies", "images"] {
        let r = get(&format!("{W}/{list}/")).bearer(b).send(&app).await;
        assert_eq!(
            (r.status, r.json()["count"].clone()),
            (StatusCode::OK, json!(0)),
            "{list}"
        );
    }
    for list in ["tasks", "content", "taxonomies", "images"] {
        let r = get(&format!("{W}/{list}/filter_options/"))
            .bearer(b)
            .send(&app)
            .await;
        let d = r.data();
        assert!(!d.as_object().unwrap().is_empty(), "{list}");
        for (field, opts) in d.as_object().unwrap() {
            assert_eq!(
                opts,
                &json!([{"value": "", "label": "All"}]),
                "{list} {field}"
            );
        }
    }

    // every object route answers 404
    let not_found = [
        get(&format!("{W}/tasks/{task}/")),
        patch(&format!("{W}/tasks/{task}/")).json(&json!({"title": "x"})),
        delete(&format!("{W}/tasks/{task}/")),
        get(&format!("{W}/content/{item}/")),
        patch(&format!("{W}/content/{item}/")).json(&json!({"title": "x"})),
        delete(&format!("{W}/content/{item}/")),
        post(&format!("{W}/content/{item}/approve/")),
        post(&format!("{W}/content/{item}/submit_for_review/")),
        get(&format!("{W}/taxonomies/{term}/")),
        patch(&format!("{W}/taxonomies/{term}/")).json(&json!({"name": "x"})),
        delete(&format!("{W}/taxonomies/{term}/")),
        get(&format!("{W}/images/{image}/")),
        get(&format!("{W}/images/{image}/file/")),
        delete(&format!("{W}/images/{image}/")),
        // creating on A's site
        post(&format!("{W}/tasks/")).json(&task_body(&c.a, "sneaky")),
        post(&format!("{W}/content/")).json(&content_body(&c.a, "sneaky")),
        post(&format!("{W}/taxonomies/"))
            .json(&json!({"site_id": c.a.site_id, "name": "s", "taxonomy_type": "tag"})),
    ];
    for req in not_found {
        let r = req.bearer(b).send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::NOT_FOUND, "not_found"),
            "{:?}",
            r.json()
        );
    }
    // uploading to A's content: 404 and nothing stored
    let files_before = c.state.media_files();
    let (ct, body) = form(
        &[
            ("content_id", &item.to_string()),
            ("image_type", "in_article"),
            ("position", "2"),
        ],
        Some(("b.png", "image/png", &png(7, 7))),
    );
    let r = post(&format!("{W}/images/"))
        .bearer(b)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(c.state.media_files(), files_before);

    // bulk ids of A are ignored
    let r = post(&format!("{W}/tasks/bulk_delete/"))
        .bearer(b)
        .json(&json!({"ids": [task]}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 0}));
    let r = post(&format!("{W}/tasks/bulk_update/"))
        .bearer(b)
        .json(&json!({"ids": [task], "status": "in_progress"}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 0}));
    let r = post(&format!("{W}/content/bulk_delete/"))
        .bearer(b)
        .json(&json!({"ids": [item]}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 0}));

    // A's rows are intact
    let r = get(&format!("{W}/tasks/{task}/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(
        (r.data()["title"].clone(), r.data()["status"].clone()),
        (json!("A task"), json!("queued"))
    );
    let r = get(&format!("{W}/content/{item}/"))
        .bearer(a)
        .send(&app)
        .await;
    assert_eq!(
        (r.data()["title"].clone(), r.data()["status"].clone()),
        (json!("A content"), json!("draft"))
    );
    assert_eq!(
        get(&format!("{W}/taxonomies/{term}/"))
            .bearer(a)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        get(&format!("{W}/images/{image}/file/"))
            .bearer(a)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(count(&c.db, "images"), 1);
}

#[actix_web::test]
async fn a_viewer_reads_but_cannot_write() {
    let c = ctx();
    let app = app(&c.state).await;
    let a = &c.a.access;
    let viewer = member_with_site(&c, "vivian", Role::Viewer);
    let task = post(&format!("{W}/tasks/"))
        .bearer(a)
        .json(&task_body(&c.a, "A task"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let item = post(&format!("{W}/content/"))
        .bearer(a)
        .json(&content_body(&c.a, "A content"))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let term = post(&format!("{W}/taxonomies/"))
        .bearer(a)
        .json(&json!({"site_id": c.a.site_id, "name": "A term", "taxonomy_type": "tag"}))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let (ct, body) = form(
        &[
            ("content_id", &item.to_string()),
            ("image_type", "featured"),
        ],
        Some(("a.png", "image/png", &png(5, 5))),
    );
    let image = post(&format!("{W}/images/"))
        .bearer(a)
        .raw(&ct, body)
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();

    for path in [
        format!("{W}/tasks/"),
        format!("{W}/tasks/{task}/"),
        format!("{W}/tasks/filter_options/"),
        format!("{W}/content/"),
        format!("{W}/content/{item}/"),
        format!("{W}/content/filter_options/"),
        format!("{W}/taxonomies/"),
        format!("{W}/taxonomies/{term}/"),
        format!("{W}/taxonomies/filter_options/"),
        format!("{W}/images/"),
        format!("{W}/images/filter_options/"),
        format!("{W}/images/{image}/"),
        format!("{W}/images/{image}/file/"),
    ] {
        let r = get(&path).bearer(&viewer).send(&app).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
    }
    let r = get(&format!("{W}/content/"))
        .bearer(&viewer)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), [item]);

    let (ct, upload) = form(
        &[
            ("content_id", &item.to_string()),
            ("image_type", "in_article"),
            ("position", "1"),
        ],
        Some(("b.png", "image/png", &png(9, 9))),
    );
    let forbidden = [
        post(&format!("{W}/tasks/")).json(&task_body(&c.a, "v")),
        patch(&format!("{W}/tasks/{task}/")).json(&json!({"status": "in_progress"})),
        delete(&format!("{W}/tasks/{task}/")),
        post(&format!("{W}/tasks/bulk_delete/")).json(&json!({"ids": [task]})),
        post(&format!("{W}/tasks/bulk_update/"))
            .json(&json!({"ids": [task], "status": "in_progress"})),
        post(&format!("{W}/content/")).json(&content_body(&c.a, "v")),
        patch(&format!("{W}/content/{item}/")).json(&json!({"title": "v"})),
        delete(&format!("{W}/content/{item}/")),
        post(&format!("{W}/content/bulk_delete/")).json(&json!({"ids": [item]})),
        post(&format!("{W}/content/{item}/submit_for_review/")),
        post(&format!("{W}/content/{item}/approve/")),
        post(&format!("{W}/taxonomies/"))
            .json(&json!({"site_id": c.a.site_id, "name": "v", "taxonomy_type": "tag"})),
        patch(&format!("{W}/taxonomies/{term}/")).json(&json!({"name": "v"})),
        delete(&format!("{W}/taxonomies/{term}/")),
        delete(&format!("{W}/images/{image}/")),
        post(&format!("{W}/images/")).raw(&ct, upload),
    ];
    for req in forbidden {
        let r = req.bearer(&viewer).send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::FORBIDDEN, "permission_denied"),
            "{:?}",
            r.json()
        );
    }
    assert_eq!(count(&c.db, "tasks"), 1);
    assert_eq!(count(&c.db, "content"), 1);
    assert_eq!(count(&c.db, "taxonomies"), 1);
    assert_eq!(count(&c.db, "images"), 1);
    assert_eq!(
        c.state.media_files().len(),
        1,
        "the viewer's upload stored nothing"
    );

    // an editor may write
    let editor = member_with_site(&c, "eddie", Role::Editor);
    let r = post(&format!("{W}/content/{item}/submit_for_review/"))
        .bearer(&editor)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
