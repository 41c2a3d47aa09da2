//! Authentication use cases: register, login, refresh with rotation and reuse detection, logout,
//! authenticate an access token into a [`Scope`], password change and reset.

use crate::model::{Account, Plan, Session, User};
use crate::password::{check_password_rules, dummy_hash, hash_password, verify_password};
use crate::ratelimit;
use crate::scope::AccountStatus;
use crate::token::{AuthConfig, TokenPair, TokenType, issue_pair, verify};
use crate::{Error, Result, Scope};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use db::schema::{accounts, auth_sessions, password_reset_tokens, users};
use db::sql::lower;
use diesel::prelude::*;
use kernel::text::{looks_like_email, normalize_email, slugify};
use kernel::{AccountId, FieldErrors, Role, SessionId, UserId};
use rand::RngExt;
use sha2::{Digest, Sha256};

/// Sign-up input.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    /// Email (unique, case-insensitive).
    pub email: String,
    /// Password.
    pub password: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Account name; defaults to the email's local part.
    pub account_name: Option<String>,
    /// Plan slug; defaults to `free`.
    pub plan_slug: Option<String>,
}

/// A signed-in user with their account and fresh tokens.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The user.
    pub user: User,
    /// The user's account.
    pub account: Account,
    /// The account's plan.
    pub plan: Plan,
    /// The tokens.
    pub tokens: TokenPair,
}

/// Creates an account, its owner and a first session. A paid plan leaves the account
/// `pending_payment` (billing opens the invoice in the same transaction when it wraps this call).
pub fn register(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    input: &RegisterInput,
    now: DateTime<Utc>,
) -> Result<SignedIn> {
    let email = normalize_email(&input.email);
    let mut errors = FieldErrors::new();
    if !looks_like_email(&email) {
        errors.add("email", "Enter a valid email address.");
    }
    check_password_rules(&mut errors, "password", &input.password, &email);
    errors.max_len("first_name", &input.first_name, 150);
    errors.max_len("last_name", &input.last_name, 150);
    if let Some(n) = &input.account_name {
        errors.require_text("account_name", n, 200);
    }
    let plan_slug = input
        .plan_slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("free");
    let plan = crate::reference::plan_by_slug(conn, plan_slug)?;
    if plan.is_none() {
        errors.unknown("plan_slug", format!("Unknown plan '{plan_slug}'."));
    }
    errors.into_result()?;
    let plan = plan.ok_or(Error::NotFound)?;
    // Hash outside the transaction: it takes ~20 ms and needs no lock.
    let hash = hash_password(&input.password)?;
    let account_name = input
        .account_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| email.split('@').next().unwrap_or("account").to_owned());
    let status = if plan.price_cents > 0 {
        AccountStatus::PendingPayment
    } else {
        AccountStatus::Active
    };

    conn.transaction(|c| {
        let taken: i64 = users::table
            .filter(lower(users::email).eq(&email))
            .count()
            .get_result(c)?;
        if taken > 0 {
            return Err(Error::AlreadyExists { field: "email" });
        }
        let slug = unique_account_slug(c, &account_name)?;
        let account: Account = diesel::insert_into(accounts::table)
            .values((
                accounts::name.eq(&account_name),
                accounts::slug.eq(&slug),
                accounts::status.eq(status.as_str()),
                accounts::plan_id.eq(plan.id),
                accounts::billing_email.eq(&email),
            ))
            .returning(Account::as_returning())
            .get_result(c)?;
        let user: User = diesel::insert_into(users::table)
            .values((
                users::account_id.eq(account.id),
                users::email.eq(&email),
                users::password_hash.eq(&hash),
                users::first_name.eq(input.first_name.trim()),
                users::last_name.eq(input.last_name.trim()),
                users::role.eq(Role::Owner.as_str()),
                users::last_login_at.eq(now),
            ))
            .returning(User::as_returning())
            .get_result(c)
            .map_err(|e| match db::DbError::from(e) {
                d if d.is_unique_violation_on("users_email_lower") => {
                    Error::AlreadyExists { field: "email" }
                }
                d => Error::Db(d),
            })?;
        let tokens = start_session(c, cfg, &user, now, "")?;
        Ok(SignedIn {
            user,
            account,
            plan: plan.clone(),
            tokens,
        })
    })
}

fn unique_account_slug(conn: &mut PgConnection, name: &str) -> Result<String> {
    let base = match slugify(name) {
        s if s.is_empty() => "account".to_owned(),
        s => s,
    };
    let existing: Vec<String> = accounts::table
        .filter(
            accounts::slug
                .eq(&base)
                .or(accounts::slug.like(format!("{base}-%"))),
        )
        .select(accounts::slug)
        .load(conn)?;
    Ok(first_free_slug(&base, &existing))
}

/// `base`, or `base-2`, `base-3`, ... whichever is not in `taken`.
pub fn first_free_slug(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|s| s == base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or_else(|| base.to_owned())
}

fn start_session(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    user: &User,
    now: DateTime<Utc>,
    user_agent: &str,
) -> Result<TokenPair> {
    let placeholder = uuid::Uuid::nil();
    let sid: SessionId = diesel::insert_into(auth_sessions::table)
        .values((
            auth_sessions::account_id.eq(user.account_id),
            auth_sessions::user_id.eq(user.id),
            auth_sessions::current_jti.eq(placeholder),
            auth_sessions::created_at.eq(now),
            auth_sessions::last_used_at.eq(now),
            auth_sessions::expires_at.eq(now + cfg.refresh_ttl),
            auth_sessions::user_agent.eq(&user_agent.chars().take(300).collect::<String>()),
        ))
        .returning(auth_sessions::id)
        .get_result(conn)?;
    let pair = issue_pair(cfg, now, user.id, user.account_id, user.role(), sid)?;
    diesel::update(auth_sessions::table.find(sid))
        .set(auth_sessions::current_jti.eq(pair.refresh_jti))
        .execute(conn)?;
    Ok(pair)
}

/// Where a login attempt comes from, for throttling.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    /// Client IP as the server saw it.
    pub ip: String,
    /// User agent.
    pub user_agent: String,
}

/// Checks credentials and opens a session. Throttled per IP and per email (5/min); an unknown
/// email costs the same argon2 verify as a known one.
pub fn login(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    email: &str,
    password: &str,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<(SignedIn, ratelimit::Admitted)> {
    let email = normalize_email(email);
    let admitted = ratelimit::hit(
        conn,
        &[
            format!("login:ip:{}", client.ip),
            format!("login:email:{email}"),
        ],
        ratelimit::LOGIN,
        now,
    )?;
    let found: Option<User> = users::table
        .filter(lower(users::email).eq(&email))
        .select(User::as_select())
        .first(conn)
        .optional()?;
    let Some(user) = found else {
        let _ = verify_password(password, dummy_hash());
        return Err(Error::InvalidCredentials);
    };
    if !verify_password(password, &user.password_hash) || !user.is_active {
        return Err(Error::InvalidCredentials);
    }
    let (account, plan) = account_with_plan(conn, user.account_id)?;
    let tokens = conn.transaction(|c| {
        diesel::update(users::table.find(user.id))
            .set(users::last_login_at.eq(now))
            .execute(c)?;
        start_session(c, cfg, &user, now, &client.user_agent)
    })?;
    Ok((
        SignedIn {
            user,
            account,
            plan,
            tokens,
        },
        admitted,
    ))
}

/// The account and its plan.
pub fn account_with_plan(conn: &mut PgConnection, id: AccountId) -> Result<(Account, Plan)> {
    Ok(accounts::table
        .inner_join(db::schema::plans::table)
        .filter(accounts::id.eq(id))
        .select((Account::as_select(), Plan::as_select()))
        .first(conn)?)
}

/// Exchanges a refresh token for a new pair. The presented token must be the session's current
/// one; an older token (a replay) revokes the whole session.
pub fn refresh(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    refresh_token: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn> {
    let claims = verify(cfg, refresh_token, TokenType::Refresh, now)?;
    let uid = claims.user_id()?;
    let outcome = conn.transaction::<_, Error, _>(|c| {
        let session: Option<Session> = auth_sessions::table
            .find(SessionId(claims.sid))
            .filter(auth_sessions::user_id.eq(uid))
            .select(Session::as_select())
            .for_update()
            .first(c)
            .optional()?;
        let Some(session) = session else {
            return Ok(Err(Error::InvalidToken));
        };
        if session.revoked_at.is_some() || session.expires_at <= now {
            return Ok(Err(Error::InvalidToken));
        }
        if session.current_jti != claims.jti {
            revoke_session(c, session.id, "refresh_token_reuse", now)?;
            tracing::warn!(
                session_id = session.id.get(),
                user_id = uid.get(),
                "refresh token reuse detected; session revoked"
            );
            return Ok(Err(Error::InvalidToken));
        }
        let user: User = users::table.find(uid).select(User::as_select()).first(c)?;
        if !user.is_active {
            return Ok(Err(Error::InvalidToken));
        }
        let pair = issue_pair(cfg, now, user.id, user.account_id, user.role(), session.id)?;
        diesel::update(auth_sessions::table.find(session.id))
            .set((
                auth_sessions::current_jti.eq(pair.refresh_jti),
                auth_sessions::last_used_at.eq(now),
                auth_sessions::expires_at.eq(pair.refresh_expires_at),
            ))
            .execute(c)?;
        let (account, plan) = account_with_plan(c, user.account_id)?;
        Ok(Ok(SignedIn {
            user,
            account,
            plan,
            tokens: pair,
        }))
    });
    // The reuse revocation above must commit even though the caller gets an error.
    outcome?
}

fn revoke_session(
    conn: &mut PgConnection,
    id: SessionId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        auth_sessions::table
            .find(id)
            .filter(auth_sessions::revoked_at.is_null()),
    )
    .set((
        auth_sessions::revoked_at.eq(now),
        auth_sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(())
}

/// Turns an access token into a [`Scope`], re-reading user, role, account status and session
/// validity so that a revoked session, a deactivated user or a role change takes effect at once.
pub fn authenticate(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    access_token: &str,
    now: DateTime<Utc>,
) -> Result<Scope> {
    let claims = verify(cfg, access_token, TokenType::Access, now)?;
    principal(conn, &claims)
}

/// The [`Scope`] of verified access-token claims: re-reads user, role, account status and
/// session validity (what [`crate::session_cache`] keeps between requests).
pub fn principal(conn: &mut PgConnection, claims: &crate::token::Claims) -> Result<Scope> {
    let uid = claims.user_id()?;
    let row: Option<(User, String, Option<DateTime<Utc>>)> = users::table
        .inner_join(accounts::table)
        .inner_join(auth_sessions::table.on(auth_sessions::user_id.eq(users::id)))
        .filter(users::id.eq(uid))
        .filter(auth_sessions::id.eq(claims.sid))
        .select((
            User::as_select(),
            accounts::status,
            auth_sessions::revoked_at,
        ))
        .first(conn)
        .optional()?;
    match row {
        Some((user, status, None)) if user.is_active => Ok(Scope::for_user(
            user.account_id,
            user.id,
            user.role(),
            AccountStatus::parse(&status),
            user.is_staff,
        )),
        _ => Err(Error::InvalidToken),
    }
}

/// Revokes the session an access token belongs to.
pub fn logout(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    access_token: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let claims = verify(cfg, access_token, TokenType::Access, now)?;
    let uid = claims.user_id()?;
    let n = diesel::update(
        auth_sessions::table
            .filter(auth_sessions::id.eq(claims.sid))
            .filter(auth_sessions::user_id.eq(uid))
            .filter(auth_sessions::revoked_at.is_null()),
    )
    .set((
        auth_sessions::revoked_at.eq(now),
        auth_sessions::revoked_reason.eq("logout"),
    ))
    .execute(conn)?;
    if n == 0 {
        Err(Error::InvalidToken)
    } else {
        Ok(())
    }
}

/// Changes the caller's password after checking the old one; every other session is revoked.
pub fn change_password(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    access_token: &str,
    old: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let claims = verify(cfg, access_token, TokenType::Access, now)?;
    let uid = claims.user_id()?;
    let user: User = users::table
        .find(uid)
        .select(User::as_select())
        .first(conn)
        .map_err(|_| Error::InvalidToken)?;
    let mut errors = FieldErrors::new();
    if !verify_password(old, &user.password_hash) {
        errors.add("old_password", "The old password is incorrect.");
    }
    check_password_rules(&mut errors, "new_password", new, &user.email);
    if old == new {
        errors.add(
            "new_password",
            "The new password must differ from the old one.",
        );
    }
    errors.into_result()?;
    let hash = hash_password(new)?;
    conn.transaction(|c| {
        diesel::update(users::table.find(uid))
            .set((users::password_hash.eq(&hash), users::updated_at.eq(now)))
            .execute(c)?;
        diesel::update(
            auth_sessions::table
                .filter(auth_sessions::user_id.eq(uid))
                .filter(auth_sessions::id.ne(claims.sid))
                .filter(auth_sessions::revoked_at.is_null()),
        )
        .set((
            auth_sessions::revoked_at.eq(now),
            auth_sessions::revoked_reason.eq("password_change"),
        ))
        .execute(c)?;
        Ok(())
    })
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Lifetime of a password-reset token.
pub const RESET_TTL: Duration = Duration::hours(1);

/// Starts a password reset: when the email belongs to an active user, stores a hashed,
/// single-use, one-hour token and queues an email with the link. Answers the same whether or not
/// the email exists. Returns the link for development logging (None when nothing was sent).
pub fn request_password_reset(
    conn: &mut PgConnection,
    cfg: &AuthConfig,
    email: &str,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let email = normalize_email(email);
    if !looks_like_email(&email) {
        return Err(FieldErrors::single("email", "Enter a valid email address.").into());
    }
    ratelimit::hit(
        conn,
        &[
            format!("reset:ip:{}", client.ip),
            format!("reset:email:{email}"),
        ],
        ratelimit::PASSWORD_RESET,
        now,
    )?;
    let user: Option<User> = users::table
        .filter(lower(users::email).eq(&email))
        .filter(users::is_active.eq(true))
        .select(User::as_select())
        .first(conn)
        .optional()?;
    let Some(user) = user else { return Ok(None) };
    let mut raw = [0u8; 32];
    rand::rng().fill(&mut raw);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let link = format!(
        "{}/reset-password?token={token}",
        cfg.public_url.trim_end_matches('/')
    );
    conn.transaction(|c| {
        diesel::insert_into(password_reset_tokens::table)
            .values((
                password_reset_tokens::account_id.eq(user.account_id),
                password_reset_tokens::user_id.eq(user.id),
                password_reset_tokens::token_hash.eq(hash_token(&token)),
                password_reset_tokens::expires_at.eq(now + RESET_TTL),
                password_reset_tokens::created_at.eq(now),
            ))
            .execute(c)?;
        let message = crate::mail::render(
            &crate::mail::PASSWORD_RESET,
            serde_json::json!({"link": &link, "ttl_minutes": RESET_TTL.num_minutes()}),
        )?;
        crate::mail::enqueue(
            c,
            &crate::mail::NewEmail {
                account_id: user.account_id,
                to: &user.email,
                message,
                dedupe_key: None,
                attachments: Vec::new(),
            },
            now,
        )?;
        Ok::<_, Error>(())
    })?;
    Ok(Some(link))
}

/// Completes a reset: the token must be unused and unexpired; it is consumed, the password set
/// and every session of the user revoked.
pub fn confirm_password_reset(
    conn: &mut PgConnection,
    token: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let hash = hash_token(token.trim());
    conn.transaction(|c| {
        let row: Option<(i64, UserId, Option<DateTime<Utc>>, DateTime<Utc>)> =
            password_reset_tokens::table
                .filter(password_reset_tokens::token_hash.eq(&hash))
                .select((
                    password_reset_tokens::id,
                    password_reset_tokens::user_id,
                    password_reset_tokens::used_at,
                    password_reset_tokens::expires_at,
                ))
                .for_update()
                .first(c)
                .optional()?;
        let Some((id, uid, used, expires)) = row else {
            return Err(Error::InvalidToken);
        };
        if used.is_some() {
            return Err(Error::InvalidToken);
        }
        if expires <= now {
            return Err(Error::TokenExpired);
        }
        let user: User = users::table.find(uid).select(User::as_select()).first(c)?;
        let mut errors = FieldErrors::new();
        check_password_rules(&mut errors, "new_password", new_password, &user.email);
        errors.into_result()?;
        let pw = hash_password(new_password)?;
        diesel::update(password_reset_tokens::table.find(id))
            .set(password_reset_tokens::used_at.eq(now))
            .execute(c)?;
        diesel::update(users::table.find(uid))
            .set((users::password_hash.eq(&pw), users::updated_at.eq(now)))
            .execute(c)?;
        diesel::update(
            auth_sessions::table
                .filter(auth_sessions::user_id.eq(uid))
                .filter(auth_sessions::revoked_at.is_null()),
        )
        .set((
            auth_sessions::revoked_at.eq(now),
            auth_sessions::revoked_reason.eq("password_reset"),
        ))
        .execute(c)?;
        Ok(())
    })
}

/// The caller's user, account and plan.
pub fn me(conn: &mut PgConnection, scope: &Scope) -> Result<(User, Account, Plan)> {
    let uid = scope.user_id().ok_or(Error::NotFound)?;
    let user: User = users::table
        .find(uid)
        .filter(users::account_id.eq(scope.account_id()))
        .select(User::as_select())
        .first(conn)?;
    let (account, plan) = account_with_plan(conn, scope.account_id())?;
    Ok((user, account, plan))
}

/// Updates the caller's names.
pub fn update_me(
    conn: &mut PgConnection,
    scope: &Scope,
    first_name: Option<&str>,
    last_name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<User> {
    let uid = scope.user_id().ok_or(Error::NotFound)?;
    let mut errors = FieldErrors::new();
    if let Some(f) = first_name {
        errors.max_len("first_name", f, 150);
    }
    if let Some(l) = last_name {
        errors.max_len("last_name", l, 150);
    }
    errors.into_result()?;
    Ok(diesel::update(
        users::table
            .find(uid)
            .filter(users::account_id.eq(scope.account_id())),
    )
    .set((
        first_name.map(|f| users::first_name.eq(f.trim())),
        last_name.map(|l| users::last_name.eq(l.trim())),
        users::updated_at.eq(now),
    ))
    .returning(User::as_returning())
    .get_result(conn)?)
}

/// Creates (or promotes) a platform staff user in the system account. Idempotent on email.
pub fn create_staff(conn: &mut PgConnection, email: &str, password: &str) -> Result<User> {
    let email = normalize_email(email);
    let mut errors = FieldErrors::new();
    if !looks_like_email(&email) {
        errors.add("email", "Enter a valid email address.");
    }
    check_password_rules(&mut errors, "password", password, &email);
    errors.into_result()?;
    let hash = hash_password(password)?;
    conn.transaction(|c| {
        let free = crate::reference::plan_by_slug(c, "free")?.ok_or_else(|| {
            Error::Conflict("reference data missing: run `api seed` first".into())
        })?;
        let sys: Option<AccountId> = accounts::table
            .filter(accounts::is_system.eq(true))
            .select(accounts::id)
            .first(c)
            .optional()?;
        let sys = match sys {
            Some(id) => id,
            None => diesel::insert_into(accounts::table)
                .values((
                    accounts::name.eq("IGNY8 Platform"),
                    accounts::slug.eq("igny8-platform"),
                    accounts::plan_id.eq(free.id),
                    accounts::is_system.eq(true),
                ))
                .returning(accounts::id)
                .get_result(c)?,
        };
        let existing: Option<User> = users::table
            .filter(lower(users::email).eq(&email))
            .select(User::as_select())
            .first(c)
            .optional()?;
        match existing {
            Some(u) if u.account_id == sys => Ok(diesel::update(users::table.find(u.id))
                .set((
                    users::password_hash.eq(&hash),
                    users::is_staff.eq(true),
                    users::is_active.eq(true),
                ))
                .returning(User::as_returning())
                .get_result(c)?),
            Some(_) => Err(Error::AlreadyExists { field: "email" }),
            None => Ok(diesel::insert_into(users::table)
                .values((
                    users::account_id.eq(sys),
                    users::email.eq(&email),
                    users::password_hash.eq(&hash),
                    users::role.eq(Role::Owner.as_str()),
                    users::is_staff.eq(true),
                ))
                .returning(User::as_returning())
                .get_result(c)?),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::first_free_slug;

    #[test]
    fn free_slugs() {
        assert_eq!(first_free_slug("acme", &[]), "acme");
        assert_eq!(first_free_slug("acme", &["acme".into()]), "acme-2");
        assert_eq!(
            first_free_slug("acme", &["acme".into(), "acme-2".into(), "acme-4".into()]),
            "acme-3"
        );
    }
}
