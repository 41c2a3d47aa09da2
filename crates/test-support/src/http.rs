//! Drive a real actix `App` in-process and read responses as JSON.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header::HeaderMap};
use actix_web::test::{TestRequest, call_service, read_body};
use serde_json::Value;

/// An app under test, as `actix_web::test::init_service` returns it: what helpers that drive
/// one take (`S: TestApp<B>, B: MessageBody`).
pub trait TestApp<B>:
    Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>
{
}

impl<S, B> TestApp<B> for S where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>
{
}

/// A response with its body read.
#[derive(Debug)]
pub struct Resp {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Raw body.
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as JSON (`Value::Null` when empty or not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// `data` of a success envelope.
    pub fn data(&self) -> Value {
        self.json()["data"].clone()
    }

    /// The error `code` of an error envelope.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }

    /// A header as a string.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The ids in `results` of a list envelope.
    pub fn result_ids(&self) -> Vec<i64> {
        self.json()["results"]
            .as_array()
            .map(|a| a.iter().filter_map(|r| r["id"].as_i64()).collect())
            .unwrap_or_default()
    }
}

/// Builds requests with an optional bearer token.
pub struct Req {
    inner: TestRequest,
}

impl Req {
    /// A request with method and path.
    pub fn new(method: Method, path: &str) -> Self {
        Self {
            inner: TestRequest::default()
                .method(method)
                .uri(path)
                .peer_addr("127.0.0.1:40000".parse().unwrap()),
        }
    }

    /// Adds `Authorization: Bearer <token>`.
    pub fn bearer(mut self, token: &str) -> Self {
        self.inner = self
            .inner
            .insert_header(("Authorization", format!("Bearer {token}")));
        self
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: &Value) -> Self {
        self.inner = self
            .inner
            .insert_header(("Content-Type", "application/json"))
            .set_payload(body.to_string());
        self
    }

    /// Sets a raw body with a content type.
    pub fn raw(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.inner = self
            .inner
            .insert_header(("Content-Type", content_type.to_owned()))
            .set_payload(body.into());
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.inner = self.inner.insert_header((name, value.to_owned()));
        self
    }

    /// Sets the peer address (for per-IP throttling tests).
    pub fn peer(mut self, addr: &str) -> Self {
        self.inner = self.inner.peer_addr(addr.parse().unwrap());
        self
    }

    /// Sends through the service.
    pub async fn send<S, B>(self, svc: &S) -> Resp
    where
        S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
        B: MessageBody,
    {
        let resp = call_service(svc, self.inner.to_request()).await;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = read_body(resp).await.to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }
}

/// GET helper.
pub fn get(path: &str) -> Req {
    Req::new(Method::GET, path)
}

/// POST helper.
pub fn post(path: &str) -> Req {
    Req::new(Method::POST, path)
}

/// PATCH helper.
pub fn patch(path: &str) -> Req {
    Req::new(Method::PATCH, path)
}

/// PUT helper.
pub fn put(path: &str) -> Req {
    Req::new(Method::PUT, path)
}

/// DELETE helper.
pub fn delete(path: &str) -> Req {
    Req::new(Method::DELETE, path)
}
