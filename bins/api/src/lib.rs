//! The IGNY8 HTTP API: a thin actix-web shell that wires the domain crates into handlers,
//! renders the contract's envelopes and errors, and serves the OpenAPI document.

pub mod blocking;
pub mod config;
pub mod docs;
pub mod envelope;
pub mod error;
pub mod extract;
pub mod live;
pub mod request_id;
pub mod routes;
pub mod signup;
pub mod state;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Uri;
use actix_web::http::uri::PathAndQuery;
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use error::ApiError;
use state::AppState;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

/// The generated OpenAPI document (for tests and tooling).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(docs::ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    api
}

/// Route templates of the document, to tell 405 (known path, other method) from 404.
struct KnownPaths(Vec<actix_web::dev::ResourceDef>);

/// Builds the application around a state.
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
    let (app, api) = App::new()
        .into_utoipa_app()
        .openapi(docs::ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    let known = KnownPaths(
        api.paths
            .paths
            .keys()
            .map(|p| actix_web::dev::ResourceDef::new(p.as_str()))
            .collect(),
    );
    app.app_data(web::Data::new(state))
        .app_data(web::Data::new(known))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
        .app_data(web::QueryConfig::default().error_handler(|e, _| {
            ApiError::Validation(kernel::FieldErrors::single("query", e.to_string())).into()
        }))
        .app_data(web::JsonConfig::default().limit(extract::JSON_LIMIT))
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/schema/", api))
        .default_service(web::to(fallback))
        .wrap(from_fn(trailing_slash))
        .wrap(from_fn(access_log))
        .wrap(from_fn(request_id::middleware))
}

/// Unknown route: 405 when the path exists with other methods, 404 otherwise, both as JSON.
async fn fallback(
    req: HttpRequest,
    known: web::Data<KnownPaths>,
) -> Result<HttpResponse, ApiError> {
    if known.0.iter().any(|d| d.is_match(req.path())) {
        Err(ApiError::MethodNotAllowed)
    } else {
        Err(ApiError::NotFound)
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
