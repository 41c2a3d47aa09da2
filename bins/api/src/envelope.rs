//! Success envelopes: `{success, data, message?, request_id}` for objects and
//! `{success, count, next, previous, results, request_id}` for lists.

use crate::request_id;
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use kernel::Page;
use serde::Serialize;

/// `{success, data, message?, request_id}`.
#[derive(Serialize)]
struct One<'a, T> {
    success: bool,
    data: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    request_id: String,
}

/// `{success, count, next, previous, results, request_id}`.
#[derive(Serialize)]
struct List<T> {
    success: bool,
    count: i64,
    next: Option<String>,
    previous: Option<String>,
    results: Vec<T>,
    request_id: String,
}

/// Serializes the body straight to bytes (no intermediate `serde_json::Value`).
fn respond(status: StatusCode, body: &impl Serialize) -> HttpResponse {
    match serde_json::to_vec(body) {
        Ok(bytes) => HttpResponse::build(status)
            .insert_header((CONTENT_TYPE, "application/json; charset=utf-8"))
            .body(bytes),
        Err(e) => crate::error::ApiError::Internal(format!("cannot serialize a response: {e}"))
            .error_response(),
    }
}

fn one<T: Serialize>(status: StatusCode, data: T, message: Option<&str>) -> HttpResponse {
    respond(
        status,
        &One {
            success: true,
            data,
            message,
            request_id: request_id::current(),
        },
    )
}

/// 200 with `data`.
pub fn ok<T: Serialize>(data: T) -> HttpResponse {
    one(StatusCode::OK, data, None)
}

/// 200 with `data` and a message.
pub fn ok_with_message<T: Serialize>(data: T, message: &str) -> HttpResponse {
    one(StatusCode::OK, data, Some(message))
}

/// 201 with `data`.
pub fn created<T: Serialize>(data: T) -> HttpResponse {
    one(StatusCode::CREATED, data, None)
}

/// 202 with `data` (an accepted background task).
pub fn accepted<T: Serialize>(data: T) -> HttpResponse {
    one(StatusCode::ACCEPTED, data, None)
}

/// 204 with no body.
pub fn no_content() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

/// A page as a list envelope, with absolute `next`/`previous` links built from the request.
pub fn list<T: Serialize>(req: &HttpRequest, page: Page<T>) -> HttpResponse {
    let next = page
        .has_next()
        .then(|| page_url(req, page.request.page() + 1));
    let previous = page
        .has_previous()
        .then(|| page_url(req, page.request.page() - 1));
    respond(
        StatusCode::OK,
        &List {
            success: true,
            count: page.count,
            next,
            previous,
            results: page.items,
            request_id: request_id::current(),
        },
    )
}

/// The request's absolute URL with `page` set to `n` (other parameters kept).
pub fn page_url(req: &HttpRequest, n: i64) -> String {
    let info = req.connection_info();
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| k != "page")
            .collect();
    pairs.push(("page".into(), n.to_string()));
    let qs = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}://{}{}?{}", info.scheme(), info.host(), req.path(), qs)
}
