//! HTTP tests of `/api/v1/system/prompts/` and `/api/v1/system/ai-settings/`: contract shapes,
//! validation errors, roles, another tenant, and the API key never leaving the server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use diesel::prelude::*;
use kernel::Role;
use serde_json::{Value, json};

const S: &str = "/api/v1/system";
const CONTENT: &str = "Write {title} from {outline} in {word_count} words.";
const KEY: &str = "sk-http-test-1234567890-LAST";

fn errors(v: &Value, field: &str) -> Vec<String> {
    v["errors"][field]
        .as_array()
        .unwrap_or_else(|| panic!("no errors.{field} in {v}"))
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn save_list_by_type_reset_round_trip() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;

    let r = get(&format!("{S}/prompts/")).bearer(tok).send(&app).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    let body = r.json();
    assert_eq!(body["count"], 5);
    let results = body["results"].as_array().unwrap();
    let types: Vec<&str> = results
        .iter()
        .map(|p| p["prompt_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["clustering", "ideas", "content", "image_prompts", "image"]
    );
    let content = &results[2];
    assert_eq!(content["is_custom"], false);
    assert_eq!(content["prompt_value"], content["default_value"]);
    let default = content["default_value"].as_str().unwrap().to_owned();
    assert!(default.contains("{title}") && default.contains("{outline}"));
    assert_eq!(
        content["variables"][0],
        json!({"name": "title", "required": true, "description": "the article title"})
    );

    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(tok)
        .json(&json!({"prompt_type": "content", "prompt_value": CONTENT}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    let d = r.data();
    assert_eq!(
        (&d["prompt_type"], &d["prompt_value"], &d["is_custom"]),
        (&json!("content"), &json!(CONTENT), &json!(true))
    );
    assert!(d["updated_at"].is_string());

    let r = get(&format!("{S}/prompts/by_type/?type=content"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let d = r.data();
    assert_eq!(d["prompt_value"], CONTENT);
    assert_eq!(d["is_custom"], true);
    assert_eq!(d["default_value"], default.as_str());
    let list = get(&format!("{S}/prompts/"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    let custom: Vec<&str> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["is_custom"] == true)
        .map(|p| p["prompt_type"].as_str().unwrap())
        .collect();
    assert_eq!(custom, ["content"]);

    for _ in 0..2 {
        // Twice: a reset of an unchanged template succeeds too.
        let r = post(&format!("{S}/prompts/reset_prompt/"))
            .bearer(tok)
            .json(&json!({"prompt_type": "content"}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
        assert_eq!(r.data()["is_custom"], false);
        assert_eq!(r.data()["prompt_value"], default.as_str());
    }
    let d = get(&format!("{S}/prompts/by_type/?type=content"))
        .bearer(tok)
        .send(&app)
        .await
        .data();
    assert_eq!(d["is_custom"], false);
}

#[actix_web::test]
async fn bad_templates_and_unknown_types_are_400_naming_the_problem() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;

    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(tok)
        .json(&json!({"prompt_type": "content", "prompt_value": "About {topic}: {outline}"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.code(), "validation_failed");
    let msgs = errors(&r.json(), "prompt_value");
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("unknown variable {topic}")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("must use {title}")),
        "{msgs:?}"
    );

    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(tok)
        .json(&json!({"prompt_type": "image", "prompt_value": "a picture"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(errors(&r.json(), "prompt_value")[0].contains("must use {prompt}"));

    for (path, body) in [
        (
            "save_prompt/",
            json!({"prompt_type": "headline", "prompt_value": "{title}"}),
        ),
        ("reset_prompt/", json!({"prompt_type": "headline"})),
    ] {
        let r = post(&format!("{S}/prompts/{path}"))
            .bearer(tok)
            .json(&body)
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            errors(&r.json(), "prompt_type")[0].contains("\"headline\""),
            "{path}"
        );
    }
    let r = get(&format!("{S}/prompts/by_type/?type=headline"))
        .bearer(tok)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(errors(&r.json(), "type")[0].contains("unknown prompt type"));

    // Nothing was stored.
    let list = get(&format!("{S}/prompts/"))
        .bearer(tok)
        .send(&app)
        .await
        .json();
    assert!(
        list["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["is_custom"] == false)
    );
}

#[actix_web::test]
async fn viewers_read_but_cannot_change_prompts_or_settings() {
    let c = ctx();
    let app = app(&c.state).await;
    let (_, viewer) = c.a.add_member(&mut c.db.conn(), "vera", Role::Viewer);
    let (_, editor) = c.a.add_member(&mut c.db.conn(), "eddie", Role::Editor);

    let r = get(&format!("{S}/prompts/"))
        .bearer(&viewer)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = get(&format!("{S}/prompts/by_type/?type=ideas"))
        .bearer(&viewer)
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(&viewer)
        .json(&json!({"prompt_type": "content", "prompt_value": CONTENT}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.code(), "permission_denied");

    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(&editor)
        .json(&json!({"prompt_type": "content", "prompt_value": CONTENT}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = post(&format!("{S}/prompts/reset_prompt/"))
        .bearer(&viewer)
        .json(&json!({"prompt_type": "content"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let d = get(&format!("{S}/prompts/by_type/?type=content"))
        .bearer(&viewer)
        .send(&app)
        .await
        .data();
    assert_eq!(
        d["prompt_value"], CONTENT,
        "the viewer's reset changed nothing"
    );

    for tok in [&viewer, &editor] {
        let r = put(&format!("{S}/ai-settings/"))
            .bearer(tok)
            .json(&json!({"text_model": "gpt-4o"}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.code(), "permission_denied");
        let r = get(&format!("{S}/ai-settings/"))
            .bearer(tok)
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.data()["text_model"], Value::Null);
    }
    let r = get(&format!("{S}/prompts/")).send(&app).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn another_tenant_never_sees_the_overrides() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(&c.a.access)
        .json(&json!({"prompt_type": "content", "prompt_value": CONTENT}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = put(&format!("{S}/ai-settings/"))
        .bearer(&c.a.access)
        .json(&json!({"provider": "openai", "api_key": KEY, "text_model": "gpt-4o"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);

    let list = get(&format!("{S}/prompts/"))
        .bearer(&c.b.access)
        .send(&app)
        .await
        .json();
    assert!(
        list["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["is_custom"] == false && p["prompt_value"] != CONTENT)
    );
    let d = get(&format!("{S}/prompts/by_type/?type=content"))
        .bearer(&c.b.access)
        .send(&app)
        .await
        .data();
    assert_eq!(d["is_custom"], false);
    let d = get(&format!("{S}/ai-settings/"))
        .bearer(&c.b.access)
        .send(&app)
        .await
        .data();
    assert_eq!(
        (&d["has_api_key"], &d["provider"], &d["text_model"]),
        (&json!(false), &Value::Null, &Value::Null)
    );
    // B's reset leaves A's template alone.
    let r = post(&format!("{S}/prompts/reset_prompt/"))
        .bearer(&c.b.access)
        .json(&json!({"prompt_type": "content"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let d = get(&format!("{S}/prompts/by_type/?type=content"))
        .bearer(&c.a.access)
        .send(&app)
        .await
        .data();
    assert_eq!(d["prompt_value"], CONTENT);
}

#[actix_web::test]
async fn ai_settings_never_expose_the_key_and_the_jobs_get_it_decrypted() {
    let c = ctx();
    let app = app(&c.state).await;
    let tok = &c.a.access;

    let d = get(&format!("{S}/ai-settings/"))
        .bearer(tok)
        .send(&app)
        .await
        .data();
    assert_eq!(
        d,
        json!({"provider": null, "base_url": null, "has_api_key": false, "api_key_last4": null,
               "text_model": null, "image_model": null, "n_in_article_images": null,
               "image_size": null, "image_format": null, "updated_at": null})
    );

    let r = put(&format!("{S}/ai-settings/"))
        .bearer(tok)
        .json(
            &json!({"provider": "openai", "base_url": "https://openrouter.ai/api/v1/",
                      "api_key": KEY, "text_model": "openai/gpt-4o-mini", "image_model": "offline",
                      "n_in_article_images": 3, "image_size": "1024x768", "image_format": "png"}),
        )
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.json());
    let raw = String::from_utf8(r.body.clone()).unwrap();
    assert!(!raw.contains(KEY) && !raw.contains("sk-http"), "{raw}");
    let r = get(&format!("{S}/ai-settings/"))
        .bearer(tok)
        .send(&app)
        .await;
    let raw = String::from_utf8(r.body.clone()).unwrap();
    assert!(!raw.contains(KEY) && !raw.contains("sk-http"), "{raw}");
    let mut d = r.data();
    assert!(d["updated_at"].is_string());
    d["updated_at"] = Value::Null;
    assert_eq!(
        d,
        json!({"provider": "openai", "base_url": "https://openrouter.ai/api/v1",
               "has_api_key": true, "api_key_last4": "LAST",
               "text_model": "openai/gpt-4o-mini", "image_model": "offline",
               "n_in_article_images": 3, "image_size": "1024x768", "image_format": "png",
               "updated_at": null})
    );

    // The row holds ciphertext, not the key.
    let mut conn = c.db.conn();
    let enc: Option<String> = db::schema::account_ai_settings::table
        .filter(db::schema::account_ai_settings::account_id.eq(c.a.account_id))
        .select(db::schema::account_ai_settings::api_key_encrypted)
        .first(&mut conn)
        .unwrap();
    let enc = enc.unwrap();
    assert!(!enc.contains(KEY) && !enc.contains("sk-http"), "{enc}");

    // The AI jobs get the key back with the app's secret, and the prompts with it.
    let r = post(&format!("{S}/prompts/save_prompt/"))
        .bearer(tok)
        .json(&json!({"prompt_type": "content", "prompt_value": CONTENT}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let scope = c.a.scope();
    let o =
        automation::ai_settings::account_overrides(&mut conn, &scope, &c.state.secret_key).unwrap();
    assert_eq!(o.api_key.as_deref(), Some(KEY));
    assert_eq!(o.text_model.as_deref(), Some("openai/gpt-4o-mini"));
    let prompts: Vec<(String, &str)> = o
        .prompts
        .iter()
        .map(|(f, t)| (f.to_string(), t.as_str()))
        .collect();
    assert_eq!(prompts, [("content".to_owned(), CONTENT)]);
    // After a rotation of IGNY8_SECRET_KEY the stored key is a clear error.
    let e = automation::ai_settings::account_overrides(
        &mut conn,
        &scope,
        b"a-rotated-secret-key-that-differs-0000000",
    )
    .unwrap_err();
    assert!(matches!(e, automation::Error::ApiKeyUnreadable(_)), "{e:?}");
    assert!(e.to_string().contains("IGNY8_SECRET_KEY"), "{e}");

    // Absent key keeps it; "" clears it.
    let r = put(&format!("{S}/ai-settings/"))
        .bearer(tok)
        .json(&json!({"text_model": "gpt-4o"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        (&r.data()["has_api_key"], &r.data()["provider"]),
        (&json!(true), &Value::Null)
    );
    let r = put(&format!("{S}/ai-settings/"))
        .bearer(tok)
        .json(&json!({"api_key": ""}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        (&r.data()["has_api_key"], &r.data()["api_key_last4"]),
        (&json!(false), &Value::Null)
    );
}

#[actix_web::test]
async fn invalid_ai_settings_are_400_by_field() {
    let c = ctx();
    let app = app(&c.state).await;
    let r = put(&format!("{S}/ai-settings/"))
        .bearer(&c.a.access)
        .json(
            &json!({"provider": "claude", "base_url": "file:///etc/passwd",
                      "n_in_article_images": 12, "image_size": "big", "image_format": "gif"}),
        )
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.code(), "validation_failed");
    let body = r.json();
    for f in [
        "provider",
        "base_url",
        "n_in_article_images",
        "image_size",
        "image_format",
    ] {
        assert_eq!(errors(&body, f).len(), 1, "{f}: {body}");
    }
    assert!(errors(&body, "base_url")[0].contains("http:// or https://"));
    // An unknown field is refused rather than silently ignored.
    let r = put(&format!("{S}/ai-settings/"))
        .bearer(&c.a.access)
        .json(&json!({"apikey": KEY}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{:?}", r.json());
    let d = get(&format!("{S}/ai-settings/"))
        .bearer(&c.a.access)
        .send(&app)
        .await
        .data();
    assert_eq!(d["updated_at"], Value::Null, "nothing was stored");
}

#[test]
fn openapi_lists_the_prompt_and_ai_settings_routes() {
    let doc = serde_json::to_value(api::openapi()).unwrap();
    let paths = &doc["paths"];
    for (path, method) in [
        ("/prompts/", "get"),
        ("/prompts/by_type/", "get"),
        ("/prompts/save_prompt/", "post"),
        ("/prompts/reset_prompt/", "post"),
        ("/ai-settings/", "get"),
        ("/ai-settings/", "put"),
    ] {
        let p = &paths[format!("{S}{path}")];
        assert!(p[method].is_object(), "{method} {path} missing: {p}");
    }
    let params = &paths[format!("{S}/prompts/by_type/")]["get"]["parameters"];
    assert_eq!(params[0]["name"], "type", "{params}");
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["AiSettings"]["properties"]["api_key"].is_null(),
        "the served settings have no key field"
    );
    assert!(schemas["AiSettingsUpdate"]["properties"]["api_key"].is_object());
}
