//! HTTP tests of what the web app needs from the API: the built app served on the API's origin
//! (`IGNY8_WEB_DIR`) under its content security policy, and the refresh-token cookie the web
//! client asks for with `X-IGNY8-Session: cookie`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::http::StatusCode;
use common::*;
use serde_json::json;

const AUTH: &str = "/api/v1/auth";
const INDEX: &str = "<!doctype html><title>IGNY8</title><div id=\"root\"></div>";

/// The app state with a small build of the web app in its web directory.
fn with_build(ctx: &Ctx) -> api::state::AppState {
    let dir = ctx.state.media_dir.path().join("dist");
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("assets/app-1a2b.js"), "console.log(1)").unwrap();
    std::fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();
    let mut st = ctx.state.app.clone();
    st.web_dir = dir.as_path().into();
    st
}

// ---------------------------------------------------------------- the web app's files

#[actix_web::test]
async fn app_routes_answer_index_html_under_the_web_csp() {
    let ctx = ctx();
    let st = with_build(&ctx);
    let app = app(&st).await;
    for path in [
        "/",
        "/keywords",
        "/sites/3/sectors",
        "/login?next=%2Fbilling",
    ] {
        let r = get(path).send(&app).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(String::from_utf8_lossy(&r.body), INDEX, "{path}");
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
        let csp = r.header("content-security-policy").unwrap();
        assert_eq!(csp, api::spa::WEB_CSP);
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"));
    }
}

#[actix_web::test]
async fn build_files_are_served_with_their_type_and_missing_ones_are_404() {
    let ctx = ctx();
    let st = with_build(&ctx);
    let app = app(&st).await;
    let r = get("/assets/app-1a2b.js").send(&app).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, b"console.log(1)");
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    let r = get("/favicon.svg").send(&app).await;
    assert_eq!(r.header("content-type").as_deref(), Some("image/svg+xml"));
    // A missing script is not answered with the page (a stale tab would run HTML as script).
    let r = get("/assets/gone-9z.js").send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    // Nothing outside the build is reachable.
    for path in ["/../Cargo.toml", "/assets/..%2F..%2Findex.html", "/.env"] {
        let r = get(path).send(&app).await;
        assert_ne!(r.body, b"console.log(1)", "{path}");
        assert!(
            r.status == StatusCode::NOT_FOUND || r.body == INDEX.as_bytes(),
            "{path}: {}",
            r.status
        );
    }
}

#[actix_web::test]
async fn api_paths_keep_their_json_answers_next_to_the_app() {
    let ctx = ctx();
    let st = with_build(&ctx);
    let app = app(&st).await;
    let r = get("/api/v1/no-such-thing/").send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.code(), "not_found");
    assert_eq!(
        r.header("content-security-policy").as_deref(),
        Some(api::API_CSP)
    );
    let r = get("/api/nope").send(&app).await;
    assert_eq!(r.code(), "not_found");
    let r = get("/metrics").send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.code(), "not_found");
    // Other methods outside the API are not the app's.
    let r = post("/keywords").json(&json!({})).send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.code(), "not_found");
    let r = get("/api/ping/").send(&app).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[actix_web::test]
async fn without_a_build_the_app_paths_answer_a_plain_hint() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let r = get("/keywords").send(&app).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    let text = String::from_utf8_lossy(&r.body);
    assert!(text.contains("not built"), "{text}");
    assert!(text.contains("IGNY8_WEB_DIR"), "{text}");
    let r = get("/api/v1/no-such-thing/").send(&app).await;
    assert_eq!(r.code(), "not_found");
}

// ---------------------------------------------------------------- the refresh cookie

/// The `igny8_refresh` value and attributes of a `Set-Cookie` header.
fn refresh_cookie(r: &Resp) -> Option<(String, String)> {
    r.headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("igny8_refresh="))
        .map(|rest| {
            let (value, attrs) = rest.split_once(';').unwrap_or((rest, ""));
            (value.to_owned(), attrs.to_owned())
        })
}

fn assert_cookie_attrs(attrs: &str) {
    for a in [
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/api/v1/auth/",
    ] {
        assert!(attrs.contains(a), "{a} missing in {attrs}");
    }
}

async fn cookie_login(
    app: &impl actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
    >,
    ctx: &Ctx,
) -> Resp {
    post(&format!("{AUTH}/login/"))
        .header("x-igny8-session", "cookie")
        .json(&json!({"email": ctx.a.email, "password": ctx.a.password}))
        .send(app)
        .await
}

#[actix_web::test]
async fn login_sets_the_cookie_only_when_the_web_client_asks() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    // Other clients: the contract as it was, the refresh token in the body and no cookie.
    let plain = post(&format!("{AUTH}/login/"))
        .json(&json!({"email": ctx.a.email, "password": ctx.a.password}))
        .send(&app)
        .await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers.get("set-cookie").is_none());
    assert!(!plain.data()["refresh"].as_str().unwrap().is_empty());

    let web = cookie_login(&app, &ctx).await;
    assert_eq!(web.status, StatusCode::OK);
    let (value, attrs) = refresh_cookie(&web).expect("a refresh cookie");
    assert_cookie_attrs(&attrs);
    assert!(attrs.contains("Max-Age=60"), "about 7 days: {attrs}");
    assert!(!value.is_empty());
    // The token is not readable by scripts: the body carries none.
    assert_eq!(web.data()["refresh"], "");
    assert!(!web.data()["access"].as_str().unwrap().is_empty());
}

#[actix_web::test]
async fn register_in_cookie_mode_sets_the_cookie() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let r = post(&format!("{AUTH}/register/"))
        .header("x-igny8-session", "cookie")
        .json(&json!({"email": "new@example.com", "password": "a long passphrase 1", "account_name": "New"}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json());
    let (value, attrs) = refresh_cookie(&r).expect("a refresh cookie");
    assert_cookie_attrs(&attrs);
    assert!(!value.is_empty());
    assert_eq!(r.data()["refresh"], "");
}

#[actix_web::test]
async fn refresh_reads_and_rotates_the_cookie_and_a_reused_one_is_cleared() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let (first, _) = refresh_cookie(&cookie_login(&app, &ctx).await).unwrap();

    for path in ["token/refresh", "refresh"] {
        // A cookie without the header is not read: the body's field is required, as before.
        let r = post(&format!("{AUTH}/{path}/"))
            .header("cookie", &format!("igny8_refresh={first}"))
            .json(&json!({}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(r.code(), "validation_failed");
        assert!(
            r.json()["errors"].to_string().contains("refresh"),
            "{}",
            r.json()
        );
    }

    let r = post(&format!("{AUTH}/token/refresh/"))
        .header("x-igny8-session", "cookie")
        .header("cookie", &format!("other=1; igny8_refresh={first}"))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json());
    let (second, attrs) = refresh_cookie(&r).expect("a new cookie");
    assert_cookie_attrs(&attrs);
    assert_ne!(second, first);
    assert_eq!(r.data()["refresh"], "");
    let access = r.data()["access"].as_str().unwrap().to_owned();
    let me = get(&format!("{AUTH}/me/")).bearer(&access).send(&app).await;
    assert_eq!(me.status, StatusCode::OK);

    // The old cookie again: refused (and the session family revoked), and the cookie cleared.
    let r = post(&format!("{AUTH}/refresh/"))
        .header("x-igny8-session", "cookie")
        .header("cookie", &format!("igny8_refresh={first}"))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let (value, attrs) = refresh_cookie(&r).expect("a clearing cookie");
    assert_eq!(value, "");
    assert!(attrs.contains("Max-Age=0"), "{attrs}");

    // The web app without a cookie (signed out): no session, and nothing set.
    let r = post(&format!("{AUTH}/token/refresh/"))
        .header("x-igny8-session", "cookie")
        .json(&json!({}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
    assert!(refresh_cookie(&r).is_none());
    // Other clients without a token: the same 400 as before.
    let r = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.code(), "validation_failed");
    assert!(
        r.json()["errors"].to_string().contains("refresh"),
        "{}",
        r.json()
    );
}

#[actix_web::test]
async fn a_body_token_still_works_and_answers_in_the_body() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let r = post(&format!("{AUTH}/token/refresh/"))
        .json(&json!({"refresh": ctx.a.refresh}))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(refresh_cookie(&r).is_none());
    assert!(!r.data()["refresh"].as_str().unwrap().is_empty());
    // Without the web client's header an empty token is a bad token (401), as it always was;
    // a missing one is a validation error.
    for path in ["token/refresh/", "refresh/"] {
        let r = post(&format!("{AUTH}/{path}"))
            .json(&json!({"refresh": ""}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}: {:?}", r.json());
        let r = post(&format!("{AUTH}/{path}"))
            .json(&json!({}))
            .send(&app)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {:?}", r.json());
    }
}

#[actix_web::test]
async fn logout_clears_the_cookie_and_ends_the_session() {
    let ctx = ctx();
    let app = app(&ctx.state).await;
    let login = cookie_login(&app, &ctx).await;
    let (cookie, _) = refresh_cookie(&login).unwrap();
    let access = login.data()["access"].as_str().unwrap().to_owned();
    let r = post(&format!("{AUTH}/logout/"))
        .bearer(&access)
        .header("x-igny8-session", "cookie")
        .header("cookie", &format!("igny8_refresh={cookie}"))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let (value, attrs) = refresh_cookie(&r).expect("a clearing cookie");
    assert_eq!(value, "");
    assert!(attrs.contains("Max-Age=0"));
    assert_cookie_attrs(&attrs);
    // The session is over: its cookie no longer refreshes.
    let r = post(&format!("{AUTH}/token/refresh/"))
        .header("x-igny8-session", "cookie")
        .header("cookie", &format!("igny8_refresh={cookie}"))
        .send(&app)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
