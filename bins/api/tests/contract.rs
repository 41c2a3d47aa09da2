//! The contract as a class, walked through the OpenAPI document so that a new route cannot
//! regress: every CRUD resource accepts PUT, every list answers the list envelope, every error
//! code is documented, and an unsupported method on a known path answers 405 with `Allow`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Creates one object of each CRUD resource for tenant `a`; answers the concrete path of every
/// PUT route of the document.
async fn put_targets<S, B>(c: &Ctx, app: &S) -> Vec<(String, String)>
where
    S: TestApp<B>,
    B: actix_web::body::MessageBody,
{
    let (site, sector) = (c.a.site_id.get(), c.a.sector_ids[0].get());
    let create = |path: &'static str, body: Value| {
        let token = c.a.access.clone();
        async move {
            let r = post(path).bearer(&token).json(&body).send(app).await;
            assert_eq!(r.status, StatusCode::CREATED, "{path}: {:?}", r.json());
            r.data()["id"].as_i64().unwrap()
        }
    };
    let kw = create(
        "/api/v1/planner/keywords/",
        json!({"site_id": site, "sector_id": sector, "keyword": "put target"}),
    )
    .await;
    let cl = create(
        "/api/v1/planner/clusters/",
        json!({"site_id": site, "sector_id": sector, "name": "Put cluster"}),
    )
    .await;
    let idea = create(
        "/api/v1/planner/ideas/",
        json!({"site_id": site, "sector_id": sector, "idea_title": "Put idea"}),
    )
    .await;
    let task = create(
        "/api/v1/writer/tasks/",
        json!({"site_id": site, "sector_id": sector, "title": "Put task"}),
    )
    .await;
    let content = create(
        "/api/v1/writer/content/",
        json!({"site_id": site, "sector_id": sector, "title": "Put content"}),
    )
    .await;
    let term = create(
        "/api/v1/writer/taxonomies/",
        json!({"site_id": site, "name": "Put term", "taxonomy_type": "tag"}),
    )
    .await;
    let integration = create(
        "/api/v1/integration/integrations/",
        json!({"site_id": site, "site_url": "https://blog.example.com", "mode": "bridge"}),
    )
    .await;
    let ids = [
        ("/api/v1/integration/integrations/{id}/", integration),
        ("/api/v1/planner/keywords/{id}/", kw),
        ("/api/v1/planner/clusters/{id}/", cl),
        ("/api/v1/planner/ideas/{id}/", idea),
        ("/api/v1/writer/tasks/{id}/", task),
        ("/api/v1/writer/content/{id}/", content),
        ("/api/v1/writer/taxonomies/{id}/", term),
        ("/api/v1/auth/sites/{id}/", site),
        ("/api/v1/auth/sectors/{id}/", sector),
        ("/api/v1/auth/users/{id}/", c.a.owner_id.get()),
    ];
    let doc = api::openapi();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if item.get("put").is_none() || item.get("patch").is_none() {
            continue;
        }
        let concrete = if path.contains("{id}") {
            let (_, id) = ids
                .iter()
                .find(|(p, _)| p == path)
                .unwrap_or_else(|| panic!("no object for the PUT route {path}: add one above"));
            path.replace("{id}", &id.to_string())
        } else if path.contains("{site_id}") {
            path.replace("{site_id}", &site.to_string())
        } else {
            path.clone()
        };
        out.push((path.clone(), concrete));
    }
    out
}

fn required_of_put(doc: &Value, path: &str) -> Vec<String> {
    doc["paths"][path]["put"]["requestBody"]["content"]["application/json"]["schema"]["required"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

fn value_for(field: &str) -> Value {
    match field {
        "role" => json!("owner"),
        "keyword" => json!("put keyword replaced"),
        "site_url" => json!("https://replaced.example.com"),
        _ => json!(format!("Replaced {field}")),
    }
}

#[actix_web::test]
async fn every_crud_resource_accepts_put_as_a_full_update() {
    let c = ctx();
    let app = app(&c.state).await;
    let doc = api::openapi();
    // Every resource with PATCH has PUT (sites, users, sectors, keywords, clusters, ideas, tasks,
    // content, taxonomies, account, me).
    let patch_only: Vec<&String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, i)| i.get("patch").is_some() && i.get("put").is_none())
        .map(|(p, _)| p)
        .collect();
    assert!(patch_only.is_empty(), "PATCH without PUT: {patch_only:?}");

    let targets = put_targets(&c, &app).await;
    assert!(targets.len() >= 11, "{targets:?}");
    for (template, path) in &targets {
        let required = required_of_put(&doc, template);
        // Missing required fields: 400 naming each of them, and nothing changes.
        if !required.is_empty() {
            let r = put(path)
                .bearer(&c.a.access)
                .json(&json!({}))
                .send(&app)
                .await;
            assert_eq!(
                (r.status, r.code().as_str()),
                (StatusCode::BAD_REQUEST, "validation_failed"),
                "{path}: {:?}",
                r.json()
            );
            for f in &required {
                assert_eq!(
                    r.json()["errors"][f][0],
                    "This field is required.",
                    "{path}: {:?}",
                    r.json()
                );
            }
            // null is not a value for a required field either.
            let nulls: serde_json::Map<String, Value> =
                required.iter().map(|f| (f.clone(), Value::Null)).collect();
            let r = put(path)
                .bearer(&c.a.access)
                .json(&Value::Object(nulls))
                .send(&app)
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {:?}", r.json());
        }
        // The full body: 200, and the values are stored.
        let body: serde_json::Map<String, Value> =
            required.iter().map(|f| (f.clone(), value_for(f))).collect();
        let r = put(path)
            .bearer(&c.a.access)
            .json(&Value::Object(body.clone()))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {:?}", r.json());
        for (f, v) in &body {
            assert_eq!(&r.data()[f], v, "{path}: {f}");
        }
        // The same validation as create: a blank required text is refused.
        if let Some(f) = required.iter().find(|f| *f != "role") {
            let r = put(path)
                .bearer(&c.a.access)
                .json(&json!({ f: "   " }))
                .send(&app)
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {:?}", r.json());
            assert!(r.json()["errors"][f].is_array(), "{path}: {:?}", r.json());
        }
        // Another tenant's object is 404.
        if template.contains("{id}") || template.contains("{site_id}") {
            let r = put(path)
                .bearer(&c.b.access)
                .json(&Value::Object(body))
                .send(&app)
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {:?}", r.json());
        }
    }
}

#[actix_web::test]
async fn every_list_answers_the_list_envelope_with_pagination() {
    let c = ctx();
    let app = app(&c.state).await;
    let doc = api::openapi();
    let site = c.a.site_id.get();
    let mut lists = Vec::new();
    let mut bare = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(op) = item.get("get") else { continue };
        if path.contains("/events/") || path.contains("export_csv") || !path.starts_with("/api/v1/")
        {
            continue;
        }
        let documented_list = op["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["name"] == "page_size"));
        let concrete = path
            .replace("{id}", &site.to_string())
            .replace("{industry_id}", "1");
        let token = if path.contains("/admin/") {
            // Staff lists: a staff token would be needed; the document must still say list.
            if documented_list {
                lists.push(path.clone());
            }
            continue;
        } else {
            &c.a.access
        };
        let r = get(&format!(
            "{concrete}?site_id={site}&page_size=1&run_id=0&type=clustering"
        ))
        .bearer(token)
        .send(&app)
        .await;
        if r.status != StatusCode::OK {
            continue;
        }
        let body = r.json();
        if body["data"].is_array() {
            bare.push(path.clone());
        }
        if documented_list {
            lists.push(path.clone());
            for k in ["count", "next", "previous", "results", "request_id"] {
                assert!(body.get(k).is_some(), "{path}: no `{k}`: {body}");
            }
            assert!(
                body["results"].as_array().unwrap().len() <= 1,
                "{path}: page_size=1 ignored"
            );
            let count = body["count"].as_i64().unwrap();
            assert_eq!(
                body["next"].is_string(),
                count > 1,
                "{path}: next with count {count}"
            );
        } else {
            assert!(
                body.get("results").is_none(),
                "{path} answers a list the document does not declare"
            );
        }
    }
    assert!(
        bare.is_empty(),
        "lists answered as a bare array in `data`: {bare:?}"
    );
    for must in [
        "/api/v1/billing/credit-packages/",
        "/api/v1/billing/plans/",
        "/api/v1/auth/plans/",
        "/api/v1/auth/industries/",
        "/api/v1/auth/sites/{id}/sectors/",
        "/api/v1/planner/keywords/",
        "/api/v1/admin/payments/",
    ] {
        assert!(
            lists.contains(&must.to_owned()),
            "{must} is not a list: {lists:?}"
        );
    }
}

#[actix_web::test]
async fn every_error_code_is_in_the_documented_table_and_the_schema() {
    let codes: BTreeSet<&str> = api::error::Code::ALL.iter().map(|c| c.as_str()).collect();
    let doc_md =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/API.md")).unwrap();
    let table = doc_md
        .split("## Error codes")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let documented: BTreeSet<&str> = table
        .lines()
        .filter(|l| l.starts_with("| ") && l.as_bytes().get(2).is_some_and(u8::is_ascii_digit))
        .filter_map(|l| l.split('|').nth(2))
        .filter_map(|cell| cell.trim().strip_prefix('`')?.strip_suffix('`'))
        .collect();
    assert_eq!(
        codes, documented,
        "docs/API.md's error table and api::error::Code disagree"
    );
    let schema: BTreeSet<String> =
        api::openapi()["components"]["schemas"]["Error"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
    assert_eq!(
        schema,
        codes.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>()
    );
    // Every error answer of the document is the error envelope.
    let doc = api::openapi();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(responses) = op.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, resp) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        resp["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/Error",
                        "{method} {path} {status}"
                    );
                }
            }
            if op
                .get("security")
                .is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty()))
            {
                assert!(responses.contains_key("401"), "{method} {path}: no 401");
            }
        }
    }
}

#[actix_web::test]
async fn an_answer_matches_the_envelope_its_operation_documents() {
    let c = ctx();
    let app = app(&c.state).await;
    let doc = api::openapi();
    // An object, a list and an error, as the document describes them.
    let r = get(&format!("/api/v1/auth/sites/{}/", c.a.site_id.get()))
        .bearer(&c.a.access)
        .send(&app)
        .await;
    let schema = &doc["paths"]["/api/v1/auth/sites/{id}/"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    for k in schema["required"].as_array().unwrap() {
        assert!(r.json().get(k.as_str().unwrap()).is_some(), "{k}");
    }
    assert_eq!(
        schema["properties"]["data"]["$ref"],
        "#/components/schemas/SiteDto"
    );
    let r = get("/api/v1/planner/keywords/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    let schema = &doc["paths"]["/api/v1/planner/keywords/"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    assert_eq!(
        schema["properties"]["results"]["items"]["$ref"],
        "#/components/schemas/KeywordDto"
    );
    for k in schema["required"].as_array().unwrap() {
        assert!(r.json().get(k.as_str().unwrap()).is_some(), "{k}");
    }
    // The ordering parameter lists exactly what the list accepts.
    let ordering = doc["paths"]["/api/v1/planner/keywords/"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "ordering")
        .unwrap()["schema"]["enum"]
        .clone();
    for v in ordering.as_array().unwrap() {
        let r = get(&format!(
            "/api/v1/planner/keywords/?ordering={}",
            v.as_str().unwrap()
        ))
        .bearer(&c.a.access)
        .send(&app)
        .await;
        assert_eq!(r.status, StatusCode::OK, "ordering={v}");
    }
    // Enum values in the document are the wire spellings.
    assert_eq!(
        doc["components"]["schemas"]["ContentStructure"]["enum"][0],
        "article"
    );
    assert_eq!(
        doc["components"]["schemas"]["BillingCycle"]["enum"][1],
        "annual"
    );
}

#[actix_web::test]
async fn an_unsupported_method_on_a_known_path_is_405_with_allow() {
    let c = ctx();
    let app = app(&c.state).await;
    // A fixed route that a templated one would otherwise swallow (`images/{id}/`).
    let r = delete("/api/v1/writer/images/filter_options/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{:?}", r.json());
    assert_eq!(r.header("allow").as_deref(), Some("GET"));
    let r = post("/api/v1/planner/keywords/1/")
        .bearer(&c.a.access)
        .json(&json!({}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        r.header("allow").as_deref(),
        Some("GET, PUT, PATCH, DELETE")
    );
    assert_eq!(r.code(), "method_not_allowed");
    // An id that is not a number on a route without a fixed sibling is still 404.
    let r = get("/api/v1/planner/keywords/abc/")
        .bearer(&c.a.access)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[test]
fn parameters_are_where_the_handlers_read_them() {
    // A path parameter is in the path's template and required; a query parameter is optional
    // unless the handler refuses its absence, and never `null` (a query string has none).
    let doc = api::openapi();
    let mut query_params = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                match p["in"].as_str().unwrap() {
                    "path" => {
                        assert!(
                            path.contains(&format!("{{{name}}}")),
                            "{method} {path}: `{name}` is declared in the path but is not in it"
                        );
                        assert_eq!(p["required"], true, "{method} {path}: {name}");
                    }
                    "query" => {
                        query_params += 1;
                        let ty = &p["schema"]["type"];
                        assert!(
                            !ty.as_array().is_some_and(|t| t.iter().any(|t| t == "null")),
                            "{method} {path}: query parameter `{name}` is nullable"
                        );
                    }
                    // Headers a route reads besides the standard ones (Stripe-Signature).
                    "header" => {}
                    other => panic!("{method} {path}: `{name}` in {other}"),
                }
            }
        }
    }
    assert!(query_params > 50, "{query_params}");
}

#[test]
fn every_text_the_document_declares_states_its_rule() {
    // A string with no pattern, enum, const or format would let a client send what the API
    // refuses (a NUL, a blank name, ...): the shaping gives each one its rule.
    fn walk(at: &str, v: &Value, bare: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                let is_string = match o.get("type") {
                    Some(Value::String(t)) => t == "string",
                    Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                    _ => false,
                };
                if is_string
                    && !["pattern", "enum", "const", "format"]
                        .iter()
                        .any(|k| o.contains_key(*k))
                {
                    bare.push(at.to_owned());
                }
                for (k, x) in o {
                    walk(&format!("{at}/{k}"), x, bare);
                }
            }
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| walk(&format!("{at}/{i}"), x, bare)),
            _ => {}
        }
    }
    let doc = api::openapi();
    let mut bare = Vec::new();
    walk(
        "#/components/schemas",
        &doc["components"]["schemas"],
        &mut bare,
    );
    bare.retain(|p| !p.starts_with("#/components/schemas/Error/"));
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            walk(&format!("{method} {path}"), &op["parameters"], &mut bare);
            walk(&format!("{method} {path}"), &op["requestBody"], &mut bare);
        }
    }
    assert!(bare.is_empty(), "strings without a rule: {bare:#?}");
    // A name that must not be blank says so in a way a client can check.
    let name = &doc["components"]["schemas"]["SiteCreateBody"]["properties"]["name"];
    let re = name["pattern"].as_str().unwrap();
    assert!(re.contains("\\u3000") && name["maxLength"] == 200, "{name}");
}

#[actix_web::test]
async fn a_body_is_an_object_and_keys_a_route_does_not_read_are_ignored() {
    let c = ctx();
    let app = app(&c.state).await;
    let site = format!("/api/v1/auth/sites/{}/", c.a.site_id.get());
    // A list would otherwise fill the struct's fields by position.
    let r = patch(&site)
        .bearer(&c.a.access)
        .json(&json!(["renamed", "x.example"]))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()["errors"]["non_field_errors"][0]
            .as_str()
            .unwrap()
            .contains("Expected a dictionary, but got list"),
        "{:?}",
        r.json()
    );
    // Unknown keys, even holding a NUL, change nothing and refuse nothing; a NUL in a field the
    // route reads is refused, naming it.
    let r = patch(&site)
        .bearer(&c.a.access)
        .json(&json!({"name": "Renamed", "extra\u{0}": {"x": "\u{0}"}}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    assert_eq!(r.data()["name"], "Renamed");
    let r = patch(&site)
        .bearer(&c.a.access)
        .json(&json!({"name": "Re\u{0}named"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["errors"]["name"].is_array(), "{:?}", r.json());
}
