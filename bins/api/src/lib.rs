//! The IGNY8 HTTP API: a thin actix-web shell that wires the domain crates into handlers,
//! renders the contract's envelopes and errors, and serves the OpenAPI document.

pub mod blocking;
pub mod config;
pub mod contract;
pub mod docs;
pub mod envelope;
pub mod error;
pub mod extract;
pub mod live;
pub mod memory;
pub mod metrics;
pub mod request_id;
pub mod routes;
pub mod signup;
pub mod spa;
pub mod state;
pub mod throttle;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Uri;
use actix_web::http::uri::PathAndQuery;
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, ResponseError, web};
use error::ApiError;
use state::AppState;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

/// The OpenAPI document served at `/api/schema/`: generated from the handlers' registrations,
/// then shaped by [`contract::shape`] to describe the envelopes and errors the API answers.
pub fn openapi() -> serde_json::Value {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(docs::ApiDoc::openapi())
        .configure(|c| routes::configure(c))
        .split_for_parts();
    contract::shape(serde_json::to_value(api).unwrap_or_default())
}

/// Route templates of the document with their methods, to tell 405 (known path, other method,
/// with `Allow`) from 404.
struct KnownPaths(Vec<(Template, String)>);

/// A route template of the document (`/api/v1/planner/keywords/{id}/`), matched segment by
/// segment: a `{parameter}` segment matches any one non-empty segment, any other only itself.
struct Template(Vec<Option<String>>);

impl Template {
    fn new(pattern: &str) -> Self {
        Template(
            pattern
                .split('/')
                .map(|seg| (!(seg.starts_with('{') && seg.ends_with('}'))).then(|| seg.to_owned()))
                .collect(),
        )
    }

    fn has_parameters(&self) -> bool {
        self.0.iter().any(Option::is_none)
    }

    fn is_match(&self, path: &str) -> bool {
        let mut segs = path.split('/');
        self.0.iter().all(|t| match (t, segs.next()) {
            (Some(lit), Some(seg)) => lit == seg,
            (None, Some(seg)) => !seg.is_empty(),
            (_, None) => false,
        }) && segs.next().is_none()
    }
}

/// The document, rendered once.
struct Schema(String);

/// The shaped OpenAPI document and the route table derived from it: made once per process and
/// shared by every HTTP worker.
#[derive(Clone)]
pub struct Document {
    schema: web::Data<Schema>,
    known: web::Data<KnownPaths>,
}

impl Document {
    /// Generates the document in this process ([`openapi`]).
    pub fn generate() -> Self {
        Self::from_value(&openapi())
    }

    /// Reads the document `api openapi` printed.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        Ok(Self::from_value(&serde_json::from_str(text)?))
    }

    fn from_value(doc: &serde_json::Value) -> Self {
        Document {
            schema: web::Data::new(Schema(doc.to_string())),
            known: web::Data::new(known_paths(doc)),
        }
    }

    /// This process's document, generated on first use.
    fn shared() -> Self {
        static DOC: std::sync::OnceLock<Document> = std::sync::OnceLock::new();
        DOC.get_or_init(Self::generate).clone()
    }
}

/// Builds the application around a state, with this process's document (generated on first
/// use: tests and tools; the server passes the one its child process rendered, see
/// [`build_app_with`]).
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    build_app_with(state, Document::shared())
}

/// Builds the application around a state and the document it serves. The routes are registered
/// with actix alone (no OpenAPI description per worker: the document is `doc`).
pub fn build_app_with(
    state: AppState,
    doc: Document,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let cors = cors(&state.cors_origins);
    App::new()
        .configure(routes::configure)
        .app_data(web::Data::new(state))
        .app_data(doc.known)
        .app_data(doc.schema)
        // A path parameter that does not parse (`DELETE images/filter_options/` reaching
        // `images/{id}/`) is a fixed route with other methods (405), or no object (404).
        .app_data(web::PathConfig::default().error_handler(|_, req| {
            let res = match req.app_data::<web::Data<KnownPaths>>() {
                Some(known) => unknown_route(req, known, false),
                None => ApiError::NotFound.error_response(),
            };
            actix_web::error::InternalError::from_response("path", res).into()
        }))
        .app_data(web::QueryConfig::default().error_handler(|e, _| {
            ApiError::Validation(kernel::FieldErrors::single("query", e.to_string())).into()
        }))
        .app_data(web::JsonConfig::default().limit(extract::JSON_LIMIT))
        .service(web::resource("/api/schema/").get(serve_schema))
        .service(
            SwaggerUi::new("/api/docs/{_:.*}")
                .config(utoipa_swagger_ui::Config::from("/api/schema/")),
        )
        .default_service(web::to(fallback))
        .wrap(from_fn(evict_after_writes))
        .wrap(from_fn(refuse_nul))
        .wrap(from_fn(trailing_slash))
        .wrap(from_fn(security_headers))
        .wrap(from_fn(throttle_headers))
        .wrap(from_fn(track))
        .wrap(from_fn(access_log))
        .wrap(from_fn(request_id::middleware))
        .wrap(cors)
}

/// Every path of the document with the methods it serves (for 404 versus 405 with `Allow`).
fn known_paths(doc: &serde_json::Value) -> KnownPaths {
    let Some(paths) = doc["paths"].as_object() else {
        return KnownPaths(Vec::new());
    };
    KnownPaths(
        paths
            .iter()
            .map(|(p, item)| {
                let methods: Vec<&str> = ["GET", "POST", "PUT", "PATCH", "DELETE"]
                    .into_iter()
                    .filter(|m| item.get(m.to_ascii_lowercase()).is_some())
                    .collect();
                (Template::new(p), methods.join(", "))
            })
            .collect(),
    )
}

/// CORS for the web app on its own origin: the configured origins only (none by default), the
/// API's methods and headers, credentials, and the headers a client must read exposed. Requests
/// from other origins are served as if no CORS were configured (no `Access-Control-*` headers, so
/// browsers refuse them); their preflights are refused.
fn cors(origins: &[String]) -> actix_cors::Cors {
    use actix_web::http::header;
    let mut c = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("x-igny8-api-key"),
            header::HeaderName::from_static(routes::tenancy::auth::SESSION_HEADER),
        ])
        .expose_headers([
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("x-throttle-limit"),
            header::HeaderName::from_static("x-throttle-remaining"),
            header::HeaderName::from_static("x-throttle-reset"),
            header::RETRY_AFTER,
            header::CONTENT_DISPOSITION,
        ])
        .supports_credentials()
        .max_age(3600);
    for o in origins {
        c = c.allowed_origin(o);
    }
    c
}

/// `GET /api/schema/`: the shaped OpenAPI document.
async fn serve_schema(schema: web::Data<Schema>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(schema.0.clone())
}

/// A GET outside `/api/` and `/metrics` is the web app's ([`web::serve`]). Otherwise an unknown
/// route: 405 when the path exists with other methods, 404 otherwise, both as JSON.
async fn fallback(
    req: HttpRequest,
    known: web::Data<KnownPaths>,
    state: web::Data<AppState>,
) -> HttpResponse {
    if crate::spa::is_web_request(&req) {
        return crate::spa::serve(req, state).await;
    }
    unknown_route(&req, &known, true)
}

/// 405 with `Allow` when the path is a route of the document (any route, or with `templated`
/// false only one without parameters), else 404.
fn unknown_route(req: &HttpRequest, known: &KnownPaths, templated: bool) -> HttpResponse {
    let found = known
        .0
        .iter()
        .filter(|(d, _)| templated || !d.has_parameters())
        .find(|(d, _)| d.is_match(req.path()));
    match found {
        Some((_, allow)) => {
            let mut res = ApiError::MethodNotAllowed.error_response();
            if let Ok(v) = actix_web::http::header::HeaderValue::from_str(allow) {
                res.headers_mut().insert(actix_web::http::header::ALLOW, v);
            }
            res
        }
        None => ApiError::NotFound.error_response(),
    }
}

/// Routes are declared with a trailing slash; a request without it is served the same (no
/// redirect). Static documentation assets (a dot in the last segment) are left alone.
async fn trailing_slash(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    let last = path.rsplit('/').next().unwrap_or("");
    if path.starts_with("/api") && !path.ends_with('/') && !last.contains('.') {
        let new_path = format!("{path}/");
        let pq = match req.uri().query() {
            Some(q) => format!("{new_path}?{q}"),
            None => new_path,
        };
        let mut parts = req.head().uri.clone().into_parts();
        if let Ok(pq) = pq.parse::<PathAndQuery>() {
            parts.path_and_query = Some(pq);
            if let Ok(uri) = Uri::from_parts(parts) {
                req.match_info_mut().get_mut().update(&uri);
                req.head_mut().uri = uri;
            }
        }
    }
    next.call(req).await
}

/// The metrics listener's application (`IGNY8_METRICS_BIND`): `GET /metrics` only.
pub fn build_metrics_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(state))
        .configure(metrics::configure)
}

/// Adds the `X-Throttle-*` headers of a request the route-group budget admitted (the `Auth`
/// extractor checks the budget and leaves what it found in the request's extensions).
async fn throttle_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::HttpMessage;
    use actix_web::http::header::{HeaderName, HeaderValue};
    let mut res = next.call(req).await?;
    let info = res
        .request()
        .extensions()
        .get::<throttle::ThrottleInfo>()
        .copied();
    if let Some(info) = info {
        let h = res.headers_mut();
        for (name, value) in [
            ("x-throttle-limit", info.limit.to_string()),
            ("x-throttle-remaining", info.remaining.to_string()),
            ("x-throttle-reset", info.reset_at.to_string()),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(HeaderName::from_static(name), v);
            }
        }
    }
    Ok(res)
}

/// Counts every request by method, matched route template and status, with its latency.
async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = std::time::Instant::now();
    let method = req.method().as_str().to_owned();
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let res = next.call(req).await?;
    if let Some(m) = metrics {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".to_owned());
        m.observe(
            &method,
            &route,
            res.status().as_u16(),
            start.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}

/// Content security policy of API responses: nothing may load, nothing may frame them.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// Content security policy of the documentation page: its own (vendored, offline) scripts,
/// styles and images only, calls back to this origin for the schema and "try it out".
pub const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
    base-uri 'none'; form-action 'self'";

/// Security headers on every response: no MIME sniffing, no framing, no referrer, and a
/// content security policy (a stricter one for the API than for the documentation page and the
/// web app).
/// After a write, the session cache forgets what this process's write may have changed, before
/// the response leaves: the account the caller acted for (staff: every account), or everything
/// for an unauthenticated write that can change sessions (a password reset, a payment
/// webhook). Other processes' writes reach the cache through `igny8_auth` notifications.
async fn evict_after_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::HttpMessage;
    use actix_web::http::Method;
    let write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let res = next.call(req).await?;
    // A refused write (401, 404, a validation error...) changed nothing: it keeps the cache, so
    // a stream of bad requests cannot empty it. A 5xx may follow a commit: it evicts.
    if write && !res.status().is_client_error() {
        let state = res.request().app_data::<web::Data<AppState>>().cloned();
        let acted_as = res
            .request()
            .extensions()
            .get::<extract::WroteAs>()
            .cloned();
        if let Some(state) = state {
            let cache = state.events.sessions();
            match acted_as {
                Some(extract::WroteAs(scope)) if !scope.is_staff() => {
                    cache.evict_account(scope.account_id())
                }
                Some(_) => cache.clear(),
                None if creates_sessions_only(res.request().path()) => {}
                None => cache.clear(),
            }
        }
    }
    Ok(res)
}

/// Unauthenticated writes that only create sessions (nothing cached can be affected).
fn creates_sessions_only(path: &str) -> bool {
    [
        "/api/v1/auth/login",
        "/api/v1/auth/register",
        "/api/v1/auth/token/refresh",
        "/api/v1/auth/refresh",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::http::header::{self, HeaderValue};
    let csp = if req.path().starts_with("/api/docs") {
        DOCS_CSP
    } else if crate::spa::is_web_path(req.path()) {
        crate::spa::WEB_CSP
    } else {
        API_CSP
    };
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    Ok(res)
}

/// A NUL character (`%00`) in the path or a query parameter answers 400 `validation_failed`
/// naming the parameter, for every route at once (PostgreSQL cannot store U+0000 in text, and
/// no identifier, slug or search term holds one). JSON bodies are checked by the JSON
/// extractor, CSV rows by the importer.
async fn refuse_nul(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<actix_web::body::EitherBody<impl MessageBody>>, actix_web::Error> {
    let field = if req.path().contains("%00") {
        Some("path".to_owned())
    } else {
        req.query_string()
            .split('&')
            .find(|pair| pair.contains("%00"))
            .map(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                form_urlencoded::parse(name.as_bytes())
                    .next()
                    .map(|(k, _)| k.replace('\0', ""))
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| "query".to_owned())
            })
    };
    match field {
        Some(field) => {
            let err =
                ApiError::Validation(kernel::FieldErrors::single(field, extract::NUL_MESSAGE));
            let (req, _) = req.into_parts();
            Ok(
                ServiceResponse::new(req, actix_web::ResponseError::error_response(&err))
                    .map_into_right_body(),
            )
        }
        None => Ok(next.call(req).await?.map_into_left_body()),
    }
}

/// One log line per request with status and latency (inside the request-id span).
async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = std::time::Instant::now();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let res = next.call(req).await?;
    tracing::info!(%method, %path, status = res.status().as_u16(), elapsed_ms = start.elapsed().as_secs_f64() * 1000.0, "request");
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_one_non_empty_segment_per_parameter() {
        let t = Template::new("/api/v1/planner/keywords/{id}/");
        assert!(t.has_parameters());
        assert!(t.is_match("/api/v1/planner/keywords/12/"));
        assert!(t.is_match("/api/v1/planner/keywords/filter_options/"));
        assert!(!t.is_match("/api/v1/planner/keywords//"));
        assert!(!t.is_match("/api/v1/planner/keywords/12"));
        assert!(!t.is_match("/api/v1/planner/keywords/12/x/"));
        assert!(!t.is_match("/api/v1/planner/clusters/12/"));
        let fixed = Template::new("/api/v1/auth/login/");
        assert!(!fixed.has_parameters());
        assert!(fixed.is_match("/api/v1/auth/login/"));
        assert!(!fixed.is_match("/api/v1/auth/login/x/"));
    }

    #[test]
    fn the_route_table_lists_each_path_with_its_methods_in_order() {
        let doc = Document::from_json(
            r#"{"paths": {"/a/{id}/": {"delete": {}, "get": {}, "patch": {}, "parameters": []},
                          "/b/": {"post": {}}}}"#,
        )
        .unwrap();
        let table: Vec<(bool, &str)> = doc
            .known
            .0
            .iter()
            .map(|(t, m)| (t.has_parameters(), m.as_str()))
            .collect();
        assert_eq!(table, vec![(true, "GET, PATCH, DELETE"), (false, "POST")]);
        assert!(Document::from_json("not json").is_err());
    }

    #[test]
    fn the_generated_document_describes_every_route_the_app_serves() {
        let doc = Document::generate();
        let known = &doc.known.0;
        assert!(known.len() > 100, "only {} paths", known.len());
        assert!(
            known
                .iter()
                .any(|(t, m)| t.is_match("/api/v1/system/ai-tasks/7/events/") && m == "GET")
        );
        let served: serde_json::Value = serde_json::from_str(&doc.schema.0).unwrap();
        assert_eq!(
            served,
            openapi(),
            "the schema served is the generated document"
        );
    }
}
