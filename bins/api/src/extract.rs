//! Extractors that answer in the contract's error envelope: JSON bodies (1 MiB, `invalid_json`,
//! field-level `validation_failed`), query strings, list parameters, and authentication.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use kernel::{FieldErrors, Order, PageRequest};
use serde::de::DeserializeOwned;
use std::future::{Ready, ready};
use tenancy::Scope;

/// The JSON body limit.
pub const JSON_LIMIT: usize = 1024 * 1024;

/// Reads the whole body up to `limit` bytes, refusing larger ones up front when the length is
/// declared and as soon as the limit is passed otherwise.
pub async fn read_body(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> Result<web::BytesMut, ApiError> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::InvalidJson(format!("could not read the body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Parses JSON bytes: syntax errors are `invalid_json`; type errors become field errors keyed
/// by the failing path (`site_id`, `sector_slugs[2]`).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    from_json_value(parse_value(bytes)?)
}

/// The JSON syntax of a body, with integral numbers written as floats (`3.0`, `1e2`) read as the
/// integers they are: JSON Schema (and JavaScript) make no difference between them.
fn parse_value(bytes: &[u8]) -> Result<serde_json::Value, ApiError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ApiError::InvalidJson(e.to_string()))?;
    integral_floats_as_integers(&mut value);
    Ok(value)
}

fn integral_floats_as_integers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            // The bounds are the f64 values nearest i64's range that round-trip exactly.
            // i64::MIN itself is left out: a float that rounds to it may be out of range.
            const MIN: f64 = -9_223_372_036_854_775_808.0;
            const MAX: f64 = 9_223_372_036_854_774_784.0;
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f > MIN
                && f <= MAX
            {
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *v = serde_json::Value::from(i);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        serde_json::Value::Object(map) => map.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(p: &serde_ignored::Path<'_>) -> Vec<Step> {
    use serde_ignored::Path;
    match p {
        Path::Root => Vec::new(),
        Path::Seq { parent, index } => {
            let mut v = steps(parent);
            v.push(Step::Index(*index));
            v
        }
        Path::Map { parent, key } => {
            let mut v = steps(parent);
            v.push(Step::Key(key.clone()));
            v
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => steps(parent),
    }
}

/// Deserializes a JSON value; type errors become field errors keyed by the failing path. Keys
/// the target type does not read are ignored, as DRF ignores unknown fields, whatever they hold;
/// a NUL in any text the type does read is refused.
fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    let mut ignored: Vec<Vec<Step>> = Vec::new();
    let mut note = |p: serde_ignored::Path<'_>| ignored.push(steps(&p));
    let out = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(&value, &mut note))
        .map_err(|e| type_error(e, "non_field_errors"))?;
    if let Some(path) = nul_path(&value, &mut Vec::new(), &ignored) {
        return Err(ApiError::Validation(FieldErrors::single(path, NUL_MESSAGE)));
    }
    Ok(out)
}

/// What a text input with a NUL character is told (PostgreSQL cannot store U+0000 in text).
pub const NUL_MESSAGE: &str = "Must not contain NUL (U+0000) characters.";

fn display_path(at: &[Step]) -> String {
    let mut out = String::new();
    for step in at {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "non_field_errors".to_owned()
    } else {
        out
    }
}

/// The path (`name`, `sections[2].heading`) of the first string or key holding a NUL, if any,
/// outside the `ignored` parts of the value.
fn nul_path(v: &serde_json::Value, at: &mut Vec<Step>, ignored: &[Vec<Step>]) -> Option<String> {
    if ignored.iter().any(|i| i == at) {
        return None;
    }
    match v {
        serde_json::Value::String(s) if s.contains('\0') => Some(display_path(at)),
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            at.push(Step::Index(i));
            let found = nul_path(item, at, ignored);
            at.pop();
            found
        }),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, item)| {
            at.push(Step::Key(k.clone()));
            let found = if ignored.iter().any(|i| i == at) {
                None
            } else if k.contains('\0') {
                at.pop();
                let here = display_path(at);
                at.push(Step::Key(k.clone()));
                Some(here)
            } else {
                nul_path(item, at, ignored)
            };
            at.pop();
            found
        }),
        _ => None,
    }
}

fn clean_serde_message(m: &str) -> String {
    // serde_json messages end with " at line X column Y", meaningless after Value conversion.
    let m = m.split(" at line ").next().unwrap_or(m);
    if let Some(field) = m.strip_prefix("missing field ") {
        return format!("This field is required ({}).", field.trim_matches('`'));
    }
    let mut s = m.to_owned();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    format!("{s}.")
}

/// A JSON body deserialized with contract errors.
pub struct ApiJson<T>(pub T);

/// The bytes of a JSON body: the media type checked, the size limited; an empty body reads as
/// `{}` (as DRF reads a PATCH without a body).
async fn json_body(req: HttpRequest, mut payload: Payload) -> Result<web::BytesMut, ApiError> {
    if let Some(ct) = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(ApiError::UnsupportedMediaType(format!(
                "Unsupported media type \"{essence}\"; send application/json."
            )));
        }
    }
    let body = read_body(&req, &mut payload, JSON_LIMIT).await?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(web::BytesMut::from(&b"{}"[..]));
    }
    Ok(body)
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = json_body(req.clone(), payload.take());
        Box::pin(async move {
            let value = parse_value(&body.await?)?;
            expect_object(&value)?;
            from_json_value(value).map(ApiJson)
        })
    }
}

/// Every request body is a JSON object (a list would otherwise fill a struct's fields by
/// position).
fn expect_object(value: &serde_json::Value) -> Result<(), ApiError> {
    let got = match value {
        serde_json::Value::Object(_) => return Ok(()),
        serde_json::Value::Array(_) => "list",
        serde_json::Value::String(_) => "str",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Null => "null",
    };
    Err(ApiError::Validation(FieldErrors::single(
        "non_field_errors",
        format!("Invalid data. Expected a dictionary, but got {got}."),
    )))
}

/// The body of a PUT: a full update. The fields a create requires ([`PutBody::REQUIRED`]) must
/// be present and not null (400 `validation_failed` naming every missing one); the others keep
/// their values when absent, as in DRF. Then it is read like the PATCH body of the same resource.
pub struct ApiPut<T>(pub T);

/// A resource's update body that PUT also accepts.
pub trait PutBody: DeserializeOwned + utoipa::ToSchema {
    /// Fields a PUT must carry (those a create requires, less the ones fixed at creation).
    const REQUIRED: &'static [&'static str];
}

impl<T: PutBody + 'static> FromRequest for ApiPut<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = json_body(req.clone(), payload.take());
        Box::pin(async move {
            let value = parse_value(&body.await?)?;
            expect_object(&value)?;
            let mut missing = FieldErrors::default();
            for field in T::REQUIRED {
                if value.get(field).is_none_or(serde_json::Value::is_null) {
                    missing.add(*field, "This field is required.");
                }
            }
            if !missing.is_empty() {
                return Err(ApiError::Validation(missing));
            }
            from_json_value(value).map(ApiPut)
        })
    }
}

/// A query string deserialized with contract errors.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse_query(req.query_string()).map(ApiQuery))
    }
}

/// Parses a query string; type errors name the parameter.
pub fn parse_query<T: DeserializeOwned>(qs: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(qs));
    serde_path_to_error::deserialize(de).map_err(|e| type_error(e, "query"))
}

/// A type error as a field error keyed by its path (`whole` when the input as a whole failed).
fn type_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>, whole: &str) -> ApiError {
    let path = e.path().to_string();
    let field = if path == "." || path.is_empty() {
        whole.to_owned()
    } else {
        path
    };
    ApiError::Validation(FieldErrors::single(
        field,
        clean_serde_message(&e.into_inner().to_string()),
    ))
}

fn form_urlencoded_parse(qs: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(qs.as_bytes())
}

/// Paging, search and ordering parameters of every list.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListParams {
    /// 1-based page.
    pub page: Option<i64>,
    /// Page size (clamped to 200).
    pub page_size: Option<i64>,
    /// Case-insensitive substring.
    pub search: Option<String>,
    /// `field` or `-field`.
    pub ordering: Option<String>,
}

impl ListParams {
    /// The page request.
    pub fn page(&self) -> PageRequest {
        PageRequest::new(self.page, self.page_size)
    }

    /// For a list with one fixed order: `ordering` may be absent or spell that order (`order`,
    /// e.g. `-created_at`); anything else is 400 `validation_failed` rather than silently
    /// ignored. `None`: the list's order is not a field (no `ordering` accepted).
    pub fn fixed_order(&self, order: Option<&str>) -> Result<(), ApiError> {
        match (self.ordering.as_deref().map(str::trim), order) {
            (None | Some(""), _) => Ok(()),
            (Some(o), Some(fixed)) if o == fixed => Ok(()),
            (Some(_), Some(fixed)) => Err(ApiError::Validation(FieldErrors::single(
                "ordering",
                format!("This list is always ordered by `{fixed}`."),
            ))),
            (Some(_), None) => Err(ApiError::Validation(FieldErrors::single(
                "ordering",
                "This list has a fixed order; `ordering` is not supported.",
            ))),
        }
    }

    /// Validated ordering.
    pub fn order<F: Copy>(
        &self,
        allowed: &[(&str, F)],
        default: Order<F>,
    ) -> Result<Order<F>, ApiError> {
        Order::parse(self.ordering.as_deref(), allowed, default).map_err(ApiError::Validation)
    }
}

impl FromRequest for ListParams {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse_query(req.query_string()))
    }
}

/// The bearer token of a request, if any (`Authorization: Bearer <token>`).
pub fn bearer_token(req: &HttpRequest) -> Option<String> {
    let h = req.headers().get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = h.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// Writes that an account which is not active may still make (auth housekeeping, billing).
fn allowed_while_inactive(path: &str) -> bool {
    [
        "/api/v1/auth/logout",
        "/api/v1/auth/password/",
        "/api/v1/auth/token/refresh",
        "/api/v1/auth/refresh",
        "/api/v1/billing/",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// An authenticated caller. Building it is the one place that enforces the account-status rule:
/// a suspended, cancelled or pending-payment account may read and use billing, and every other
/// write answers 403 `account_inactive`.
pub struct Auth {
    /// The caller's scope.
    pub scope: Scope,
    /// The raw access token (for logout and password change).
    pub token: String,
}

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token = bearer_token(&req).ok_or(ApiError::AuthenticationRequired)?;
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal("app state missing".into()))?
                .clone();
            let scope = authenticate(&state, &token).await?;
            req.extensions_mut().insert(WroteAs(scope.clone()));
            let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
            if !safe && !allowed_while_inactive(req.path()) {
                scope.require_writable_account()?;
            }
            if let Some(group) = crate::throttle::group_of(req.method(), req.path()) {
                match state.throttle.check(group, scope.account_id()) {
                    Ok(Some(info)) => {
                        req.extensions_mut().insert(info);
                    }
                    Ok(None) => {}
                    Err(refused) => return Err(ApiError::RateLimited(refused)),
                }
            }
            Ok(Auth { scope, token })
        })
    }
}

/// Checks an access token: its signature and expiry here, then what the session cache holds
/// for its session, or (on a miss) the database on the blocking pool, storing the answer.
async fn authenticate(state: &web::Data<AppState>, token: &str) -> Result<Scope, ApiError> {
    let claims = tenancy::token::verify(
        &state.auth,
        token,
        tenancy::token::TokenType::Access,
        state.clock.now(),
    )?;
    let user = claims.user_id()?;
    let session = kernel::SessionId(claims.sid);
    let cache = state.events.sessions();
    if let Some(scope) = cache.get(session, user) {
        return Ok(scope);
    }
    let ticket = cache.ticket();
    let scope =
        crate::blocking::db(state, move |c, _| Ok(tenancy::auth::principal(c, &claims)?)).await?;
    cache.insert(ticket, session, &scope);
    Ok(scope)
}

/// Who a request acted as, kept in its extensions: after a write, the session cache drops
/// what it holds for that account (see `crate::evict_after_writes`).
#[derive(Clone)]
pub struct WroteAs(pub Scope);

/// The WordPress plugin's site key (`X-IGNY8-API-KEY`, or `Authorization: Bearer <key>`): a
/// scope limited to the key's site with editor rights. A missing key is 401
/// `authentication_required`, an unknown one 401 `invalid_token`. The key is never logged.
#[derive(Debug)]
pub struct SiteKey {
    /// The key's scope (`site_restriction()` is its site).
    pub scope: Scope,
}

impl FromRequest for SiteKey {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let key = req
                .headers()
                .get("x-igny8-api-key")
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .or_else(|| bearer_token(&req))
                .ok_or(ApiError::AuthenticationRequired)?;
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal("app state missing".into()))?
                .clone();
            let scope = crate::blocking::db(&state, move |c, _| {
                Ok(tenancy::site_keys::authenticate(c, &key)?)
            })
            .await?;
            req.extensions_mut().insert(WroteAs(scope.clone()));
            let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
            if !safe {
                scope.require_writable_account()?;
            }
            Ok(SiteKey { scope })
        })
    }
}

/// Client address for throttling: the TCP peer (proxies are not trusted by default).
pub fn client_info(req: &HttpRequest) -> tenancy::auth::ClientInfo {
    tenancy::auth::ClientInfo {
        ip: req
            .peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into()),
        user_agent: req
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(300)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        site_id: i64,
        tags: Option<Vec<String>>,
    }

    #[test]
    fn json_errors_name_fields() {
        assert!(matches!(
            parse_json::<Body>(b"{not json"),
            Err(ApiError::InvalidJson(_))
        ));
        let Err(ApiError::Validation(e)) =
            parse_json::<Body>(br#"{"name": "x", "site_id": "abc"}"#)
        else {
            panic!()
        };
        assert!(e.fields().contains_key("site_id"), "{e:?}");
        let Err(ApiError::Validation(e)) =
            parse_json::<Body>(br#"{"name": "x", "site_id": 1, "tags": ["a", 2]}"#)
        else {
            panic!()
        };
        assert!(e.fields().contains_key("tags[1]"), "{e:?}");
        let Err(ApiError::Validation(e)) = parse_json::<Body>(br#"{"site_id": 1}"#) else {
            panic!()
        };
        assert!(
            e.fields().contains_key("non_field_errors") || e.fields().contains_key("name"),
            "{e:?}"
        );
        assert!(parse_json::<Body>(br#"{"name": "x", "site_id": 1}"#).is_ok());
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct WithDoc {
        name: Option<String>,
        outline: Option<serde_json::Value>,
        ids: Option<Vec<i64>>,
    }

    fn nul_field<T: DeserializeOwned + std::fmt::Debug>(body: &str) -> Option<String> {
        match parse_json::<T>(body.as_bytes()) {
            Err(ApiError::Validation(e)) => {
                let (field, msgs) = e.fields().iter().next().unwrap();
                assert_eq!(msgs[0], NUL_MESSAGE, "{e:?}");
                Some(field.clone())
            }
            Ok(_) => None,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn a_nul_is_refused_where_it_would_be_stored_and_ignored_where_it_would_not() {
        // Read fields: the string, a key or string inside a stored document, a list item.
        assert_eq!(
            nul_field::<WithDoc>(r#"{"name": "a\u0000"}"#).as_deref(),
            Some("name")
        );
        assert_eq!(
            nul_field::<WithDoc>(r#"{"outline": {"sections": [{"h": "x\u0000"}]}}"#).as_deref(),
            Some("outline.sections[0].h")
        );
        assert_eq!(
            nul_field::<WithDoc>(r#"{"outline": {"k\u0000": 1}}"#).as_deref(),
            Some("outline")
        );
        // Keys the type does not read are ignored whatever they hold, as DRF ignores them.
        assert_eq!(
            nul_field::<WithDoc>(r#"{"x\u0000": "y\u0000", "name": "ok"}"#),
            None
        );
        assert_eq!(
            nul_field::<WithDoc>(r#"{"extra": {"a": ["\u0000"]}}"#),
            None
        );
        assert_eq!(
            nul_field::<Body>(r#"{"name": "n", "site_id": 1, "z": "\u0000"}"#),
            None
        );
    }

    #[test]
    fn integral_numbers_written_as_floats_are_integers() {
        let b: WithDoc = parse_json(br#"{"ids": [3.0, -1025.0, 1e2]}"#).unwrap();
        assert_eq!(b.ids, Some(vec![3, -1025, 100]));
        let Err(ApiError::Validation(e)) = parse_json::<WithDoc>(br#"{"ids": [1.5]}"#) else {
            panic!()
        };
        assert!(e.fields().contains_key("ids[0]"), "{e:?}");
        assert!(parse_json::<WithDoc>(br#"{"ids": [1e30]}"#).is_err());
    }

    #[test]
    fn query_errors_name_fields() {
        let Err(ApiError::Validation(e)) = parse_query::<ListParams>("page=abc") else {
            panic!()
        };
        assert!(e.fields().contains_key("page"), "{e:?}");
        let p: ListParams = parse_query("page=2&page_size=500&search=x").unwrap();
        assert_eq!(p.page().page_size(), 200);
    }
}
