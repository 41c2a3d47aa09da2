//! `/api/v1/auth/`: register, login, refresh, logout, me, password change and reset.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPut, Auth, client_info};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use tenancy::auth::RegisterInput;

/// The header with which the web app asks for the refresh token in a cookie
/// (`X-IGNY8-Session: cookie`): the token then travels only in the cookie, and the body's
/// `refresh` is empty. Clients that do not send it get the JSON contract unchanged.
pub const SESSION_HEADER: &str = "x-igny8-session";
/// The refresh-token cookie (`HttpOnly; Secure; SameSite=Strict`, scoped to [`COOKIE_PATH`]).
pub const REFRESH_COOKIE: &str = "igny8_refresh";
/// The only routes the refresh cookie is sent to.
pub const COOKIE_PATH: &str = "/api/v1/auth/";

/// Whether the web client asked for the cookie session.
fn wants_cookie(req: &HttpRequest) -> bool {
    req.headers()
        .get(SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("cookie"))
}

/// The refresh cookie of a request, if any.
fn refresh_cookie(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get_all(actix_web::http::header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == REFRESH_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn set_cookie(res: &mut HttpResponse, value: &str, max_age: i64) {
    let cookie = format!(
        "{REFRESH_COOKIE}={value}; Path={COOKIE_PATH}; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict"
    );
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&cookie) {
        res.headers_mut()
            .append(actix_web::http::header::SET_COOKIE, v);
    }
}

/// Answers a session: in cookie mode the refresh token moves from the body into the cookie.
fn session_response(
    mut auth: AuthResponse,
    cookie: bool,
    now: chrono::DateTime<chrono::Utc>,
    respond: impl FnOnce(AuthResponse) -> HttpResponse,
) -> HttpResponse {
    if !cookie {
        return respond(auth);
    }
    let token = std::mem::take(&mut auth.refresh);
    let max_age = (auth.refresh_expires_at - now).num_seconds().max(0);
    let mut res = respond(auth);
    set_cookie(&mut res, &token, max_age);
    res
}

/// Creates an account with its owner and returns tokens. A paid `plan_slug` leaves the account
/// `pending_payment`.
#[utoipa::path(tag = "auth", request_body = RegisterBody, responses(
    (status = 201, description = "Account created; `data` is an AuthResponse", body = AuthResponse),
    (status = 400, description = "validation_failed / invalid_json"),
    (status = 409, description = "already_exists: the email is taken"),
))]
#[post("/register/")]
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<RegisterBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let input = RegisterInput {
        email: b.email,
        password: b.password,
        first_name: b.first_name,
        last_name: b.last_name,
        account_name: b.account_name,
        plan_slug: b.plan_slug,
    };
    let (signed, invoice) = db(&state, move |c, st| crate::signup::register(c, st, &input)).await?;
    let mut res = AuthResponse::from(signed);
    if let Some(inv) = invoice {
        // The account exists now: a gateway that does not answer must not fail the sign-up.
        // The invoice stays open; `billing/invoices/{id}/checkout/` opens the session later.
        let action = match crate::routes::billing::invoices::payment_action(&state, inv.clone())
            .await
        {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(invoice = inv.id.get(), error = %e, "sign-up: no checkout session; manual payment offered");
                billing::packages::next_action(&inv)
            }
        };
        res.next_action = Some(action.into());
    }
    Ok(session_response(
        res,
        wants_cookie(&req),
        state.clock.now(),
        envelope::created,
    ))
}

/// Signs in; throttled to 5 attempts a minute per IP and per email.
#[utoipa::path(tag = "auth", request_body = LoginBody, responses(
    (status = 200, description = "`data` is an AuthResponse", body = AuthResponse),
    (status = 401, description = "invalid_credentials"),
    (status = 429, description = "rate_limited, with Retry-After and X-Throttle-* headers"),
))]
#[post("/login/")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<LoginBody>,
) -> ApiResult<HttpResponse> {
    let client = client_info(&req);
    let LoginBody { email, password } = body.0;
    let (signed, admitted) = db(&state, move |c, st| {
        Ok(tenancy::auth::login(
            c,
            &st.auth,
            &email,
            &password,
            &client,
            st.clock.now(),
        )?)
    })
    .await?;
    let mut res = session_response(
        AuthResponse::from(signed),
        wants_cookie(&req),
        state.clock.now(),
        envelope::ok,
    );
    let h = res.headers_mut();
    if let (Ok(l), Ok(r)) = (
        admitted.limit.to_string().parse(),
        admitted.remaining.to_string().parse(),
    ) {
        h.insert(
            actix_web::http::header::HeaderName::from_static("x-throttle-limit"),
            l,
        );
        h.insert(
            actix_web::http::header::HeaderName::from_static("x-throttle-remaining"),
            r,
        );
    }
    Ok(res)
}

/// The refresh body as read: in cookie mode the token may come from the cookie instead.
#[derive(serde::Deserialize)]
struct RefreshInput {
    #[serde(default)]
    refresh: Option<String>,
}

async fn do_refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: RefreshInput,
) -> ApiResult<HttpResponse> {
    let cookie_mode = wants_cookie(&req);
    // An empty token is "none" to the web app (which reads its cookie instead); to any other
    // client it is a token like another, answered 401 as before the cookie existed.
    let (token, from_cookie) = match body.refresh.filter(|t| !(cookie_mode && t.is_empty())) {
        Some(t) => (t, false),
        None => match refresh_cookie(&req) {
            Some(t) if cookie_mode => (t, true),
            // The web app cannot see its HttpOnly cookie, so it asks at every start: no cookie
            // is no session, not an error.
            None if cookie_mode => return Ok(HttpResponse::NoContent().finish()),
            // Other clients: the same answer as before the cookie existed (the field is required).
            _ => {
                return Err(crate::extract::parse_json::<RefreshBody>(b"{}")
                    .err()
                    .unwrap_or(ApiError::Validation(kernel::FieldErrors::single(
                        "refresh",
                        "This field is required.",
                    ))));
            }
        },
    };
    let signed = db(&state, move |c, st| {
        Ok(tenancy::auth::refresh(c, &st.auth, &token, st.clock.now())?)
    })
    .await;
    match signed {
        Ok(signed) => Ok(session_response(
            AuthResponse::from(signed),
            cookie_mode,
            state.clock.now(),
            envelope::ok,
        )),
        // A cookie that no longer works is dropped, so the app shows the sign-in page at once.
        Err(e) if from_cookie => {
            let mut res = actix_web::ResponseError::error_response(&e);
            set_cookie(&mut res, "", 0);
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// Exchanges a refresh token for a new pair; the old refresh token stops working, and reusing
/// it revokes the whole session. With `X-IGNY8-Session: cookie` and no `refresh` in the body,
/// the token is read from the `igny8_refresh` cookie, and the new one is set there (204 when
/// there is no cookie: no session).
#[utoipa::path(tag = "auth", request_body = RefreshBody, responses(
    (status = 200, body = AuthResponse),
    (status = 204, description = "`X-IGNY8-Session: cookie`, no `refresh` in the body and no cookie: no session"),
    (status = 401, description = "invalid_token / token_expired")))]
#[post("/token/refresh/")]
pub async fn token_refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<RefreshInput>,
) -> ApiResult<HttpResponse> {
    do_refresh(req, state, body.0).await
}

/// Alias of `token/refresh/`.
#[utoipa::path(tag = "auth", request_body = RefreshBody, responses(
    (status = 200, body = AuthResponse),
    (status = 204, description = "`X-IGNY8-Session: cookie`, no `refresh` in the body and no cookie: no session"),
    (status = 401, description = "invalid_token / token_expired")))]
#[post("/refresh/")]
pub async fn refresh_alias(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<RefreshInput>,
) -> ApiResult<HttpResponse> {
    do_refresh(req, state, body.0).await
}

/// Revokes the current session (its refresh token and access tokens) and clears the web app's
/// refresh cookie.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200), (status = 401)))]
#[post("/logout/")]
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
) -> ApiResult<HttpResponse> {
    let token = auth.token;
    db(&state, move |c, st| {
        Ok(tenancy::auth::logout(c, &st.auth, &token, st.clock.now())?)
    })
    .await?;
    let mut res = envelope::ok_with_message(serde_json::Value::Null, "Logged out.");
    if wants_cookie(&req) || refresh_cookie(&req).is_some() {
        set_cookie(&mut res, "", 0);
    }
    Ok(res)
}

/// The caller with account and plan.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = UserDto), (status = 401)))]
#[get("/me/")]
pub async fn me(state: web::Data<AppState>, auth: Auth) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let (user, account, plan) = db(&state, move |c, _| Ok(tenancy::auth::me(c, &scope)?)).await?;
    let mut v =
        serde_json::to_value(UserDto::from(user)).map_err(|e| ApiError::Internal(e.to_string()))?;
    v["account"] = serde_json::to_value(AccountDto::new(account, plan))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(envelope::ok(v))
}

/// Updates the caller's names.
#[utoipa::path(tag = "auth", security(("bearer" = [])), request_body = MeBody, responses((status = 200, body = UserDto)))]
#[patch("/me/")]
pub async fn update_me(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<MeBody>,
) -> ApiResult<HttpResponse> {
    update_me_changes(state, auth, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "auth", security(("bearer" = [])), request_body = MeBody, responses((status = 200, body = UserDto)))]
#[put("/me/")]
pub async fn update_me_put(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiPut<MeBody>,
) -> ApiResult<HttpResponse> {
    update_me_changes(state, auth, ApiJson(body.0)).await
}

async fn update_me_changes(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<MeBody>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let b = body.0;
    let user = db(&state, move |c, st| {
        Ok(tenancy::auth::update_me(
            c,
            &scope,
            b.first_name.as_deref(),
            b.last_name.as_deref(),
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(UserDto::from(user)))
}

/// Changes the password; every other session of the user is revoked.
#[utoipa::path(tag = "auth", security(("bearer" = [])), request_body = PasswordChangeBody, responses(
    (status = 200), (status = 400, description = "validation_failed (old_password wrong, weak new_password)")))]
#[post("/password/change/")]
pub async fn password_change(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<PasswordChangeBody>,
) -> ApiResult<HttpResponse> {
    let token = auth.token;
    let b = body.0;
    db(&state, move |c, st| {
        Ok(tenancy::auth::change_password(
            c,
            &st.auth,
            &token,
            &b.old_password,
            &b.new_password,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok_with_message(
        serde_json::Value::Null,
        "Password changed; other sessions were signed out.",
    ))
}

/// Emails a single-use reset link valid for one hour. Answers the same whether or not the email
/// is registered.
#[utoipa::path(tag = "auth", request_body = PasswordResetBody, responses((status = 200), (status = 429)))]
#[post("/password/reset/")]
pub async fn password_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<PasswordResetBody>,
) -> ApiResult<HttpResponse> {
    let client = client_info(&req);
    let email = body.0.email;
    let link = db(&state, move |c, st| {
        Ok(tenancy::auth::request_password_reset(
            c,
            &st.auth,
            &email,
            &client,
            st.clock.now(),
        )?)
    })
    .await?;
    if let Some(link) = link.filter(|_| state.auth.log_links) {
        // No mail transport is configured yet: the outbox keeps the email, and outside
        // production the link is logged so a developer can follow it.
        tracing::info!(%link, "password reset link (development: email delivery goes through the outbox)");
    }
    Ok(envelope::ok_with_message(
        serde_json::Value::Null,
        "If the email is registered, a reset link has been sent.",
    ))
}

/// Sets a new password with a reset token; the token is consumed and every session revoked.
#[utoipa::path(tag = "auth", request_body = PasswordResetConfirmBody, responses(
    (status = 200), (status = 401, description = "invalid_token (unknown or used) / token_expired"), (status = 400)))]
#[post("/password/reset/confirm/")]
pub async fn password_reset_confirm(
    state: web::Data<AppState>,
    body: ApiJson<PasswordResetConfirmBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    db(&state, move |c, st| {
        Ok(tenancy::auth::confirm_password_reset(
            c,
            &b.token,
            &b.new_password,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok_with_message(
        serde_json::Value::Null,
        "Password has been reset. Sign in with the new password.",
    ))
}
