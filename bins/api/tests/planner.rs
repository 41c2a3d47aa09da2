//! HTTP tests of the planner: every route, another tenant (404, absent, ids ignored), a viewer
//! (403), CSV import by multipart and raw body, streaming export, and the OpenAPI document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use kernel::Role;
use serde_json::{Value, json};

const KW: &str = "/api/v1/planner/keywords/";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../crates/planning/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn multipart(site: i64, sector: i64, file: &[u8]) -> (String, Vec<u8>) {
    let b = "XBOUNDARYx42";
    let mut body = Vec::new();
    for (name, value) in [
        ("site_id", site.to_string()),
        ("sector_id", sector.to_string()),
    ] {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend(file);
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

fn kw_body(c: &Ctx, text: &str, volume: i64) -> Value {
    json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "keyword": text, "volume": volume, "difficulty": 30, "intent": "commercial"})
}

#[actix_web::test]
async fn keyword_crud_filters_and_isolation() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "best crm", 900))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let d = r.data();
    assert_eq!(
        (
            d["keyword"].as_str(),
            d["status"].as_str(),
            d["intent"].as_str(),
            d["cluster_id"].clone()
        ),
        (
            Some("best crm"),
            Some("new"),
            Some("commercial"),
            Value::Null
        )
    );
    let id = d["id"].as_i64().unwrap();
    let r = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "BEST CRM ", 1))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );
    let r = post(KW)
        .bearer(&c.a.access)
        .json(&json!({"keyword": "x"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["errors"]["site_id"].is_array() && r.json()["errors"]["sector_id"].is_array());
    post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "free crm", 50))
        .send(&app)
        .await;
    let r = get(&format!("{KW}?search=CRM&ordering=-volume&volume_min=10"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.json()["count"].as_i64()),
        (StatusCode::OK, Some(2))
    );
    assert_eq!(r.json()["results"][0]["keyword"], "best crm");
    let r = get(&format!("{KW}?ordering=password"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let r = get(&format!(
        "{KW}?cluster_id=null&intent=commercial&status=new"
    ))
    .bearer(&c.a.access)
    .send(&app)
    .await;
    assert_eq!(r.json()["count"], 2);
    let r = get(&format!("{KW}filter_options/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        r.data()["status"],
        json!([{"value": "", "label": "All"}, {"value": "new", "label": "New"}])
    );
    assert_eq!(
        r.data()["intent"][1],
        json!({"value": "commercial", "label": "Commercial"})
    );
    let r = patch(&format!("{KW}{id}/"))
        .bearer(&c.a.access)
        .json(&json!({"volume": 1000, "difficulty": null}))
        .send(&app)
        .await;
    assert_eq!(
        (
            r.status,
            r.data()["volume"].as_i64(),
            r.data()["difficulty"].clone()
        ),
        (StatusCode::OK, Some(1000), Value::Null)
    );
    // Tenant B: 404 on A's keyword, nothing in lists, ids ignored by bulk actions.
    for req in [
        get(&format!("{KW}{id}/")),
        patch(&format!("{KW}{id}/")).json(&json!({"volume": 1})),
        delete(&format!("{KW}{id}/")),
    ] {
        let r = req.bearer(&c.b.access).send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::NOT_FOUND, "not_found")
        );
    }
    assert_eq!(
        get(KW).bearer(&c.b.access).send(&app).await.json()["count"],
        0
    );
    let r = post(&format!("{KW}bulk_delete/"))
        .bearer(&c.b.access)
        .json(&json!({"ids": [id]}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 0}));
    let r = post(&format!("{KW}bulk_update/"))
        .bearer(&c.b.access)
        .json(&json!({"ids": [id], "disabled": true}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 0}));
    let r = post(KW)
        .bearer(&c.b.access)
        .json(&kw_body(&c, "into A's site", 1))
        .send(&app)
        .await;
    // A site that is not the caller's is a missing object: 404, the field named.
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another tenant's site is unknown"
    );
    assert!(r.json()["errors"]["site_id"].is_array(), "{:?}", r.json());
    // A's own bulk actions.
    let r = post(&format!("{KW}bulk_update/"))
        .bearer(&c.a.access)
        .json(&json!({"ids": [id], "disabled": true}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 1}));
    let r = post(&format!("{KW}bulk_update/"))
        .bearer(&c.a.access)
        .json(&json!({"ids": []}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let many: Vec<i64> = (1..=1001).collect();
    let r = post(&format!("{KW}bulk_delete/"))
        .bearer(&c.a.access)
        .json(&json!({"ids": many}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let r = delete(&format!("{KW}{id}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = post(&format!("{KW}bulk_delete/"))
        .bearer(&c.a.access)
        .json(&json!({"ids": [id]}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 0}));
}

#[actix_web::test]
async fn viewers_read_but_get_403_on_every_write() {
    let c = ctx();
    let app = app(&c.state).await;
    let (viewer_id, viewer) = {
        let mut conn = c.db.conn();
        let (vid, tok) = c.a.add_member(&mut conn, "vera", Role::Viewer);
        tenancy::access::grant_access(
            &mut conn,
            &c.a.scope(),
            vid,
            c.a.site_id,
            chrono::Utc::now(),
        )
        .unwrap();
        (vid, tok)
    };
    let _ = viewer_id;
    let id = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "seen by viewer", 1))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let r = get(KW).bearer(&viewer).send(&app).await;
    assert_eq!(r.result_ids(), vec![id], "a viewer with access reads");
    let (ct, body) = multipart(c.a.site_id.get(), c.a.sector_ids[0].get(), b"keyword\nx\n");
    let writes = [
        post(KW).json(&kw_body(&c, "nope", 1)),
        patch(&format!("{KW}{id}/")).json(&json!({"volume": 2})),
        delete(&format!("{KW}{id}/")),
        post(&format!("{KW}bulk_delete/")).json(&json!({"ids": [id]})),
        post(&format!("{KW}bulk_update/")).json(&json!({"ids": [id], "disabled": true})),
        post(&format!("{KW}import_csv/")).raw(&ct, body),
        post(&format!("{KW}bulk_add_from_seed/")).json(&json!({"seed_keyword_ids": [1], "site_id": c.a.site_id, "sector_id": c.a.sector_ids[0]})),
        post("/api/v1/planner/clusters/").json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "name": "c"})),
        post("/api/v1/planner/clusters/bulk_delete/").json(&json!({"ids": [1]})),
        post("/api/v1/planner/ideas/").json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "idea_title": "t"})),
        post("/api/v1/planner/ideas/bulk_delete/").json(&json!({"ids": [1]})),
    ];
    for req in writes {
        let r = req.bearer(&viewer).send(&app).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::FORBIDDEN, "permission_denied"),
            "{:?}",
            r.json()
        );
    }
    // Without a grant, an editor sees none of the account's keywords.
    let (_, editor) = c.a.add_member(&mut c.db.conn(), "eddie", Role::Editor);
    assert_eq!(get(KW).bearer(&editor).send(&app).await.json()["count"], 0);
    let r = get(&format!("{KW}{id}/")).bearer(&editor).send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn csv_import_by_multipart_and_raw_body() {
    let c = ctx();
    let app = app(&c.state).await;
    let (ct, body) = multipart(
        c.a.site_id.get(),
        c.a.sector_ids[0].get(),
        &fixture("semrush.csv"),
    );
    let r = post(&format!("{KW}import_csv/"))
        .bearer(&c.a.access)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(
        r.data(),
        json!({"created": 9, "duplicates": 1, "skipped": 0, "errors": [], "total_rows": 10})
    );
    let url = format!(
        "{KW}import_csv/?site_id={}&sector_id={}",
        c.a.site_id, c.a.sector_ids[1]
    );
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", fixture("google_keyword_planner.csv"))
        .send(&app)
        .await;
    assert_eq!(
        (
            r.data()["created"].as_i64(),
            r.data()["total_rows"].as_i64()
        ),
        (Some(6), Some(6)),
        "{:?}",
        r.json()
    );
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", fixture("bad_rows.csv"))
        .send(&app)
        .await;
    assert_eq!(
        r.data()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["row"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        vec![2, 3, 4, 6]
    );
    assert_eq!(r.data()["created"], 3);
    assert_eq!(
        get(KW).bearer(&c.a.access).send(&app).await.json()["count"],
        18
    );
    // Refusals write nothing.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend([0u8, 1, 2, 3, 250, 251].repeat(500));
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", png.clone())
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_csv")
    );
    let (ct, body) = multipart(c.a.site_id.get(), c.a.sector_ids[0].get(), &png);
    let r = post(&format!("{KW}import_csv/"))
        .bearer(&c.a.access)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_csv")
    );
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", "name,clicks\nfoo,1\n")
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_csv")
    );
    let r = post(&format!("{KW}import_csv/"))
        .bearer(&c.a.access)
        .raw("text/csv", "keyword\nx\n")
        .send(&app)
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "site and sector are required"
    );
    let other = format!(
        "{KW}import_csv/?site_id={}&sector_id={}",
        c.b.site_id, c.b.sector_ids[0]
    );
    let r = post(&other)
        .bearer(&c.a.access)
        .raw("text/csv", "keyword\nx\n")
        .send(&app)
        .await;
    // A site that is not the caller's is a missing object: 404, the field named.
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another tenant's site is unknown"
    );
    assert!(r.json()["errors"]["site_id"].is_array(), "{:?}", r.json());
    assert_eq!(
        get(KW).bearer(&c.a.access).send(&app).await.json()["count"],
        18
    );
    assert_eq!(
        get(KW).bearer(&c.b.access).send(&app).await.json()["count"],
        0
    );
}

#[actix_web::test]
async fn csv_over_the_configured_limit_gets_413_and_writes_nothing() {
    let c = ctx();
    let mut state = c.state.clone();
    state.csv_max_bytes = 4096;
    let app = app(&state).await;
    let mut csv = String::from("keyword\n");
    for i in 0..1000 {
        csv.push_str(&format!("keyword {i}\n"));
    }
    let url = format!(
        "{KW}import_csv/?site_id={}&sector_id={}",
        c.a.site_id, c.a.sector_ids[0]
    );
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", csv.clone())
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
    let (ct, body) = multipart(c.a.site_id.get(), c.a.sector_ids[0].get(), csv.as_bytes());
    let r = post(&format!("{KW}import_csv/"))
        .bearer(&c.a.access)
        .raw(&ct, body)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        get(KW).bearer(&c.a.access).send(&app).await.json()["count"],
        0
    );
}

#[actix_web::test]
async fn export_streams_the_filtered_list_as_csv() {
    let c = ctx();
    let app = app(&c.state).await;
    for (k, v) in [("alpha", 10), ("beta", 30), ("=cmd", 20)] {
        post(KW)
            .bearer(&c.a.access)
            .json(&kw_body(&c, k, v))
            .send(&app)
            .await;
    }
    let r = get(&format!("{KW}export_csv/?ordering=-volume&volume_min=15"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    let text = String::from_utf8(r.body.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].starts_with("beta,30,30,commercial,"), "{text}");
    assert!(lines[2].starts_with("'=cmd,20,"), "formula guard: {text}");
    let r = get(&format!("{KW}export_csv/"))
        .bearer(&c.b.access)
        .send(&app)
        .await;
    assert_eq!(
        String::from_utf8(r.body).unwrap().lines().count(),
        1,
        "B exports only a header"
    );
    let r = get(&format!("{KW}export_csv/?ordering=nope"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn clusters_crud_with_aggregates_and_unmapping() {
    let c = ctx();
    let app = app(&c.state).await;
    const CL: &str = "/api/v1/planner/clusters/";
    let body = json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "name": "CRM", "description": "crm topics"});
    let r = post(CL).bearer(&c.a.access).json(&body).send(&app).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let cid = r.data()["id"].as_i64().unwrap();
    assert_eq!(
        post(CL)
            .bearer(&c.a.access)
            .json(&body)
            .send(&app)
            .await
            .code(),
        "already_exists"
    );
    let k1 = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "crm a", 100))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let k2 = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "crm b", 50))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let r = post(&format!("{KW}bulk_update/"))
        .bearer(&c.a.access)
        .json(&json!({"ids": [k1, k2], "cluster_id": cid}))
        .send(&app)
        .await;
    assert_eq!(r.data(), json!({"affected": 2}));
    let d = get(&format!("{CL}{cid}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await
        .data();
    assert_eq!(
        (
            d["keywords_count"].as_i64(),
            d["volume"].as_i64(),
            d["difficulty"].as_i64(),
            d["ideas_count"].as_i64(),
            d["content_count"].as_i64()
        ),
        (Some(2), Some(150), Some(30), Some(0), Some(0))
    );
    let r = get(&format!(
        "{CL}?ordering=-keywords_count&site_id={}",
        c.a.site_id
    ))
    .bearer(&c.a.access)
    .send(&app)
    .await;
    assert_eq!(
        (r.result_ids(), r.json()["results"][0]["volume"].as_i64()),
        (vec![cid], Some(150))
    );
    let r = get(&format!("{CL}filter_options/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.data()["disabled"][1]["label"], "Enabled");
    let r = get(&format!("{KW}filter_options/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        r.data()["cluster_id"][1],
        json!({"value": cid.to_string(), "label": "CRM"})
    );
    assert_eq!(
        get(&format!("{KW}?cluster_id={cid}&status=mapped"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .json()["count"],
        2
    );
    let r = patch(&format!("{CL}{cid}/"))
        .bearer(&c.a.access)
        .json(&json!({"name": "CRM software", "status": "mapped"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.data()["name"].as_str(), r.data()["status"].as_str()),
        (Some("CRM software"), Some("mapped"))
    );
    for req in [
        get(&format!("{CL}{cid}/")),
        patch(&format!("{CL}{cid}/")).json(&json!({"name": "x"})),
        delete(&format!("{CL}{cid}/")),
    ] {
        assert_eq!(
            req.bearer(&c.b.access).send(&app).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        get(CL).bearer(&c.b.access).send(&app).await.json()["count"],
        0
    );
    assert_eq!(
        post(&format!("{CL}bulk_delete/"))
            .bearer(&c.b.access)
            .json(&json!({"ids": [cid]}))
            .send(&app)
            .await
            .data(),
        json!({"affected": 0})
    );
    assert_eq!(
        delete(&format!("{CL}{cid}/"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let k = get(&format!("{KW}{k1}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await
        .data();
    assert_eq!(
        (k["cluster_id"].clone(), k["status"].as_str()),
        (Value::Null, Some("new"))
    );
    let cid2 = post(CL)
        .bearer(&c.a.access)
        .json(&body)
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        post(&format!("{CL}bulk_delete/"))
            .bearer(&c.a.access)
            .json(&json!({"ids": [cid2]}))
            .send(&app)
            .await
            .data(),
        json!({"affected": 1})
    );
}

#[actix_web::test]
async fn ideas_crud_with_outline_and_keywords() {
    let c = ctx();
    let app = app(&c.state).await;
    const ID: &str = "/api/v1/planner/ideas/";
    let k1 = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "crm a", 100))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let outline = json!({"sections": [{"heading": "What is a CRM", "notes": "define"}, {"heading": "Top picks", "notes": ""}]});
    let body = json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "idea_title": "CRM guide", "outline": outline,
        "keyword_ids": [k1], "content_type": "post", "content_structure": "guide", "estimated_word_count": 2200});
    let r = post(ID).bearer(&c.a.access).json(&body).send(&app).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json());
    let d = r.data();
    assert_eq!(
        (
            d["outline"].clone(),
            d["keyword_ids"].clone(),
            d["status"].as_str(),
            d["content_structure"].as_str()
        ),
        (outline, json!([k1]), Some("new"), Some("guide"))
    );
    let id = d["id"].as_i64().unwrap();
    let r = post(ID).bearer(&c.a.access).json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "idea_title": "x", "content_structure": "essay"})).send(&app).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown structure");
    let r = patch(&format!("{ID}{id}/"))
        .bearer(&c.a.access)
        .json(&json!({"keyword_ids": [], "status": "completed"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.data()["keyword_ids"].clone(), r.data()["status"].as_str()),
        (json!([]), Some("completed"))
    );
    let r = get(&format!("{ID}?status=completed&content_type=post"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.result_ids(), vec![id]);
    let r = get(&format!("{ID}filter_options/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(
        r.data()["content_structure"][1],
        json!({"value": "guide", "label": "Guide"})
    );
    for req in [
        get(&format!("{ID}{id}/")),
        patch(&format!("{ID}{id}/")).json(&json!({"idea_title": "x"})),
        delete(&format!("{ID}{id}/")),
    ] {
        assert_eq!(
            req.bearer(&c.b.access).send(&app).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        get(ID).bearer(&c.b.access).send(&app).await.json()["count"],
        0
    );
    assert_eq!(
        post(&format!("{ID}bulk_delete/"))
            .bearer(&c.b.access)
            .json(&json!({"ids": [id]}))
            .send(&app)
            .await
            .data(),
        json!({"affected": 0})
    );
    assert_eq!(
        delete(&format!("{ID}{id}/"))
            .bearer(&c.a.access)
            .send(&app)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let id2 = post(ID)
        .bearer(&c.a.access)
        .json(&body)
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        post(&format!("{ID}bulk_delete/"))
            .bearer(&c.a.access)
            .json(&json!({"ids": [id2]}))
            .send(&app)
            .await
            .data(),
        json!({"affected": 1})
    );
}

#[actix_web::test]
async fn keyword_library_sector_stats_and_adding_from_seed() {
    let c = ctx();
    let app = app(&c.state).await;
    let stats = get("/api/v1/keywords-library/sector_stats/?page_size=200")
        .bearer(&c.a.access)
        .send(&app)
        .await
        .json()["results"]
        .clone();
    let cloud = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sector_slug"] == "cloud-computing")
        .unwrap()
        .clone();
    assert!(cloud["keywords_count"].as_i64().unwrap() >= 20);
    let sector = cloud["sector_id"].as_i64().unwrap();
    let r = get(&format!(
        "/api/v1/keywords-library/?sector_id={sector}&page_size=3"
    ))
    .bearer(&c.a.access)
    .send(&app)
    .await;
    assert_eq!(r.json()["count"], cloud["keywords_count"]);
    let ids = r.result_ids();
    assert_eq!(ids.len(), 3);
    let r = get(&format!(
        "/api/v1/keywords-library/?industry_id={}&intent=navigational&search=login",
        cloud["industry_id"]
    ))
    .bearer(&c.a.access)
    .send(&app)
    .await;
    let found = r.json()["results"].as_array().unwrap().clone();
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|s| s["intent"] == "navigational"
                && s["keyword"].as_str().unwrap().contains("login"))
    );
    assert_eq!(
        get("/api/v1/keywords-library/").send(&app).await.status,
        StatusCode::UNAUTHORIZED
    );
    // The fixture's first sector (by name) is cloud computing.
    let body =
        json!({"seed_keyword_ids": ids, "site_id": c.a.site_id, "sector_id": c.a.sector_ids[0]});
    let r = post(&format!("{KW}bulk_add_from_seed/"))
        .bearer(&c.a.access)
        .json(&body)
        .send(&app)
        .await;
    assert_eq!(
        (
            r.status,
            r.data()["created"].as_i64(),
            r.data()["duplicates"].as_i64()
        ),
        (StatusCode::CREATED, Some(3), Some(0)),
        "{:?}",
        r.json()
    );
    let r = get(&format!("{KW}?sector_id={}", c.a.sector_ids[0]))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert!(
        r.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k["seed_keyword_id"].is_i64())
    );
    let body =
        json!({"seed_keyword_ids": ids, "site_id": c.b.site_id, "sector_id": c.b.sector_ids[0]});
    assert_eq!(
        post(&format!("{KW}bulk_add_from_seed/"))
            .bearer(&c.a.access)
            .json(&body)
            .send(&app)
            .await
            .status,
        StatusCode::NOT_FOUND,
        "another tenant's site is a missing object"
    );
}

#[actix_web::test]
async fn keyword_plan_limit_answers_403() {
    let c = ctx();
    {
        use diesel::prelude::*;
        let mut conn = c.db.conn();
        diesel::sql_query("INSERT INTO plans (slug, name, price_cents, annual_price_cents, included_credits, max_sites, max_users, max_keywords) VALUES ('tiny', 'Tiny', 0, 0, 0, 1, 1, 1)").execute(&mut conn).unwrap();
        diesel::sql_query(format!("UPDATE accounts SET plan_id = (SELECT id FROM plans WHERE slug = 'tiny') WHERE id = {}", c.a.account_id)).execute(&mut conn).unwrap();
    }
    let app = app(&c.state).await;
    assert_eq!(
        post(KW)
            .bearer(&c.a.access)
            .json(&kw_body(&c, "one", 1))
            .send(&app)
            .await
            .status,
        StatusCode::CREATED
    );
    let r = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "two", 1))
        .send(&app)
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::FORBIDDEN, "plan_limit_reached")
    );
    let url = format!(
        "{KW}import_csv/?site_id={}&sector_id={}",
        c.a.site_id, c.a.sector_ids[0]
    );
    let r = post(&url)
        .bearer(&c.a.access)
        .raw("text/csv", "keyword\ntwo\nthree\n")
        .send(&app)
        .await;
    assert_eq!(
        (r.data()["created"].as_i64(), r.data()["skipped"].as_i64()),
        (Some(0), Some(2))
    );
}

#[actix_web::test]
async fn openapi_lists_every_planner_route() {
    let c = ctx();
    let app = app(&c.state).await;
    let doc = get("/api/schema/").send(&app).await.json();
    let paths = doc["paths"].as_object().unwrap();
    let expected: &[(&str, &[&str])] = &[
        ("/api/v1/planner/keywords/", &["get", "post"]),
        (
            "/api/v1/planner/keywords/{id}/",
            &["get", "patch", "delete"],
        ),
        ("/api/v1/planner/keywords/filter_options/", &["get"]),
        ("/api/v1/planner/keywords/bulk_delete/", &["post"]),
        ("/api/v1/planner/keywords/bulk_update/", &["post"]),
        ("/api/v1/planner/keywords/import_csv/", &["post"]),
        ("/api/v1/planner/keywords/export_csv/", &["get"]),
        ("/api/v1/planner/keywords/bulk_add_from_seed/", &["post"]),
        ("/api/v1/planner/clusters/", &["get", "post"]),
        (
            "/api/v1/planner/clusters/{id}/",
            &["get", "patch", "delete"],
        ),
        ("/api/v1/planner/clusters/filter_options/", &["get"]),
        ("/api/v1/planner/clusters/bulk_delete/", &["post"]),
        ("/api/v1/planner/ideas/", &["get", "post"]),
        ("/api/v1/planner/ideas/{id}/", &["get", "patch", "delete"]),
        ("/api/v1/planner/ideas/filter_options/", &["get"]),
        ("/api/v1/planner/ideas/bulk_delete/", &["post"]),
        ("/api/v1/planner/ideas/create_tasks/", &["post"]),
        ("/api/v1/keywords-library/", &["get"]),
        ("/api/v1/keywords-library/sector_stats/", &["get"]),
    ];
    for (path, methods) in expected {
        let item = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} missing from the OpenAPI document"));
        for m in *methods {
            assert!(item.get(*m).is_some(), "{m} {path} missing");
        }
    }
    // The form is the documented body (its schema can require the site and sector); a raw
    // text/csv body with them in the query is read too, and the description says so.
    let body = &paths["/api/v1/planner/keywords/import_csv/"]["post"]["requestBody"];
    let import = &body["content"];
    assert!(
        import.get("multipart/form-data").is_some()
            && body["description"].as_str().unwrap().contains("text/csv"),
        "{import}"
    );
    // Routes without the trailing slash work too.
    assert_eq!(
        get("/api/v1/planner/keywords")
            .bearer(&c.a.access)
            .send(&app)
            .await
            .status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn ideas_become_writer_tasks_once() {
    let c = ctx();
    let app = app(&c.state).await;
    let mut conn = c.db.conn();
    let (_, viewer) = c.a.add_member(&mut conn, "vince", kernel::Role::Viewer);
    drop(conn);
    let k1 = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "crm for startups", 900))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let k2 = post(KW)
        .bearer(&c.a.access)
        .json(&kw_body(&c, "cheap crm", 300))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let cl = post("/api/v1/planner/clusters/")
        .bearer(&c.a.access)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "name": "CRM"}))
        .send(&app)
        .await
        .data()["id"]
        .as_i64()
        .unwrap();
    let outline = json!({"sections": [{"heading": "Why a CRM", "notes": "pain points"}, {"heading": "Picks", "notes": "five tools"}]});
    let idea = post("/api/v1/planner/ideas/")
        .bearer(&c.a.access)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "cluster_id": cl, "idea_title": "Best CRM for startups",
            "description": "A buyer's guide", "outline": outline, "keyword_ids": [k1, k2], "content_type": "post",
            "content_structure": "listicle", "estimated_word_count": 1500}))
        .send(&app)
        .await;
    assert_eq!(idea.status, StatusCode::CREATED, "{:?}", idea.json());
    let idea = idea.data()["id"].as_i64().unwrap();
    const CT: &str = "/api/v1/planner/ideas/create_tasks/";

    let r = post(CT)
        .bearer(&viewer)
        .json(&json!({"ids": [idea]}))
        .send(&app)
        .await;
    assert_eq!(r.code(), "permission_denied");
    let r = post(CT)
        .bearer(&c.b.access)
        .json(&json!({"ids": [idea]}))
        .send(&app)
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another tenant's ideas are ignored; none left"
    );
    let r = post(CT)
        .bearer(&c.a.access)
        .json(&json!({"ids": []}))
        .send(&app)
        .await;
    assert_eq!(r.code(), "validation_failed");

    let r = post(CT)
        .bearer(&c.a.access)
        .json(&json!({"ids": [idea, 999_999]}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(
        (
            r.data()["created"].as_i64(),
            r.data()["already_queued"].as_i64()
        ),
        (Some(1), Some(0))
    );
    let task_id = r.data()["task_ids"][0].as_i64().unwrap();
    let again = post(CT)
        .bearer(&c.a.access)
        .json(&json!({"ids": [idea]}))
        .send(&app)
        .await;
    assert_eq!(
        (
            again.data()["created"].as_i64(),
            again.data()["already_queued"].as_i64()
        ),
        (Some(0), Some(1))
    );

    let t = get(&format!("/api/v1/writer/tasks/{task_id}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(t.status, StatusCode::OK, "{:?}", t.json());
    let t = t.data();
    assert_eq!(t["title"], "Best CRM for startups");
    assert_eq!(t["idea_id"], idea);
    assert_eq!(t["cluster_id"], cl);
    assert_eq!(t["primary_keyword"], "crm for startups");
    assert_eq!(t["secondary_keywords"], json!(["cheap crm"]));
    assert_eq!(t["content_structure"], "listicle");
    assert_eq!(t["word_count"], 1500);
    assert_eq!(t["status"], "queued");
    let i = get(&format!("/api/v1/planner/ideas/{idea}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await
        .data();
    assert_eq!(i["status"], "queued");
    assert_eq!(
        get("/api/v1/writer/tasks/")
            .bearer(&c.a.access)
            .send(&app)
            .await
            .json()["count"],
        1
    );

    // content written for the cluster counts on the cluster
    let content = post("/api/v1/writer/content/")
        .bearer(&c.a.access)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[0], "cluster_id": cl, "title": "Draft", "content_html": "<p>hi</p>"}))
        .send(&app)
        .await;
    assert_eq!(content.status, StatusCode::CREATED, "{:?}", content.json());
    let cluster = get(&format!("/api/v1/planner/clusters/{cl}/"))
        .bearer(&c.a.access)
        .send(&app)
        .await
        .data();
    assert_eq!(
        (
            cluster["ideas_count"].as_i64(),
            cluster["content_count"].as_i64()
        ),
        (Some(1), Some(1))
    );
    // a task cannot point at a cluster of another sector
    let r = post("/api/v1/writer/tasks/")
        .bearer(&c.a.access)
        .json(&json!({"site_id": c.a.site_id, "sector_id": c.a.sector_ids[1], "cluster_id": cl, "title": "wrong sector"}))
        .send(&app)
        .await;
    // No such cluster in that sector: a missing object, named.
    assert_eq!(r.code(), "not_found", "{:?}", r.json());
    assert!(
        r.json()["errors"]["cluster_id"].is_array(),
        "{:?}",
        r.json()
    );
}

#[actix_web::test]
async fn metrics_a_file_does_not_give_are_null_not_zero() {
    let c = ctx();
    let app = app(&c.state).await;
    let (site, sector) = (c.a.site_id.get(), c.a.sector_ids[0].get());
    // A Search Console export: no volume, difficulty or CPC column; and a row with an empty
    // volume cell in a file that has the column.
    let r = post(&format!(
        "{KW}import_csv/?site_id={site}&sector_id={sector}"
    ))
    .bearer(&c.a.access)
    .raw(
        "text/csv",
        "query,clicks\nnull volume one,12\nnull volume two,3\n",
    )
    .send(&app)
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["created"], 2);
    let r = post(&format!(
        "{KW}import_csv/?site_id={site}&sector_id={sector}"
    ))
    .bearer(&c.a.access)
    .raw(
        "text/csv",
        "keyword,volume,difficulty\nknown volume,250,40\nempty volume,,\n",
    )
    .send(&app)
    .await;
    assert_eq!(r.data()["created"], 2, "{:?}", r.json());

    let r = get(&format!("{KW}?site_id={site}&ordering=-volume"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    let rows = r.json()["results"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 4);
    // Known volumes first, unknown ones last (not as the smallest numbers).
    assert_eq!(rows[0]["keyword"], "known volume");
    assert_eq!(rows[0]["volume"], 250);
    for row in &rows[1..] {
        assert!(row["volume"].is_null(), "{row}");
        assert!(row["difficulty"].is_null(), "{row}");
        assert!(row["cpc_cents"].is_null(), "{row}");
    }
    // A volume filter does not count unknown volumes as 0.
    let r = get(&format!("{KW}?site_id={site}&volume_max=10"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.json()["count"], 0, "{:?}", r.json());
    // The export leaves the cell empty; PATCH can set a volume and clear it again.
    let id = rows[1]["id"].as_i64().unwrap();
    let r = patch(&format!("{KW}{id}/"))
        .bearer(&c.a.access)
        .json(&json!({"volume": 90}))
        .send(&app)
        .await;
    assert_eq!(r.data()["volume"], 90);
    let r = patch(&format!("{KW}{id}/"))
        .bearer(&c.a.access)
        .json(&json!({"volume": null}))
        .send(&app)
        .await;
    assert!(r.data()["volume"].is_null(), "{:?}", r.json());
    let r = get(&format!("{KW}export_csv/?site_id={site}&ordering=keyword"))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    let csv = String::from_utf8(r.body.to_vec()).unwrap();
    let line = csv.lines().find(|l| l.starts_with("empty volume")).unwrap();
    assert!(line.starts_with("empty volume,,"), "{line}");
}
