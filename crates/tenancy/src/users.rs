//! Team management (admin+): list, add, change role, remove. The last owner stays.

use crate::model::User;
use crate::password::{check_password_rules, hash_password};
use crate::{Error, Result, Scope};
use chrono::{DateTime, Utc};
use db::schema::{auth_sessions, users};
use db::sql::lower;
use diesel::prelude::*;
use kernel::text::{looks_like_email, normalize_email};
use kernel::{FieldErrors, Order, Page, PageRequest, Role, UserId};

/// List filters for the team.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Only this role.
    pub role: Option<Role>,
    /// Only active or inactive members.
    pub is_active: Option<bool>,
    /// Case-insensitive substring of email or names.
    pub search: Option<String>,
}

/// Sortable fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserOrder {
    /// By email.
    Email,
    /// By creation.
    CreatedAt,
    /// By role name.
    Role,
}

/// The allow-list for `?ordering=`.
pub const USER_ORDERING: &[(&str, UserOrder)] = &[
    ("email", UserOrder::Email),
    ("created_at", UserOrder::CreatedAt),
    ("role", UserOrder::Role),
];

/// A new member.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// Email.
    pub email: String,
    /// Initial password.
    pub password: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Role.
    pub role: Role,
}

/// Changes to a member.
#[derive(Debug, Clone, Default)]
pub struct MemberChanges {
    /// New role.
    pub role: Option<Role>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Active flag.
    pub is_active: Option<bool>,
}

fn filtered<'a>(scope: &Scope, f: &'a UserFilter) -> users::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = users::table
        .filter(users::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(r) = f.role {
        q = q.filter(users::role.eq(r.as_str()));
    }
    if let Some(a) = f.is_active {
        q = q.filter(users::is_active.eq(a));
    }
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pat = format!("%{}%", escape_like(s));
        q = q.filter(
            users::email
                .ilike(pat.clone())
                .or(users::first_name.ilike(pat.clone()))
                .or(users::last_name.ilike(pat)),
        );
    }
    q
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Lists members of the caller's account.
pub fn list_users(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &UserFilter,
    order: Order<UserOrder>,
    page: PageRequest,
) -> Result<Page<User>> {
    scope.require(Role::Admin)?;
    let count = filtered(scope, f).count().get_result(conn)?;
    let mut q = filtered(scope, f);
    q = match (order.field, order.descending) {
        (UserOrder::Email, false) => q.order(users::email.asc()),
        (UserOrder::Email, true) => q.order(users::email.desc()),
        (UserOrder::CreatedAt, false) => q.order(users::created_at.asc()),
        (UserOrder::CreatedAt, true) => q.order(users::created_at.desc()),
        (UserOrder::Role, false) => q.order(users::role.asc()),
        (UserOrder::Role, true) => q.order(users::role.desc()),
    };
    let items = q
        .then_order_by(users::id.asc())
        .limit(page.limit())
        .offset(page.offset())
        .select(User::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// Distinct roles and active flags among members matching the other filters.
pub fn user_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &UserFilter,
) -> Result<(Vec<String>, Vec<bool>)> {
    scope.require(Role::Admin)?;
    let roles = filtered(
        scope,
        &UserFilter {
            role: None,
            ..f.clone()
        },
    )
    .select(users::role)
    .distinct()
    .order(users::role.asc())
    .load(conn)?;
    let active = filtered(
        scope,
        &UserFilter {
            is_active: None,
            ..f.clone()
        },
    )
    .select(users::is_active)
    .distinct()
    .order(users::is_active.desc())
    .load(conn)?;
    Ok((roles, active))
}

/// One member.
pub fn get_user(conn: &mut PgConnection, scope: &Scope, id: UserId) -> Result<User> {
    scope.require(Role::Admin)?;
    Ok(users::table
        .find(id)
        .filter(users::account_id.eq(scope.account_id()))
        .select(User::as_select())
        .first(conn)?)
}

/// Adds a member who can log in at once; enforces the plan's `max_users`.
pub fn create_user(
    conn: &mut PgConnection,
    scope: &Scope,
    m: &NewMember,
    now: DateTime<Utc>,
) -> Result<User> {
    scope.require(Role::Admin)?;
    if m.role == Role::Owner {
        scope.require(Role::Owner)?;
    }
    let email = normalize_email(&m.email);
    let mut e = FieldErrors::new();
    if !looks_like_email(&email) {
        e.add("email", "Enter a valid email address.");
    }
    check_password_rules(&mut e, "password", &m.password, &email);
    e.max_len("first_name", &m.first_name, 150);
    e.max_len("last_name", &m.last_name, 150);
    e.into_result()?;
    let hash = hash_password(&m.password)?;
    conn.transaction(|c| {
        // Lock the account row: concurrent adds cannot both take the last seat.
        let max_users: i32 = crate::accounts::lock_account_plan(c, scope)?.max_users;
        let used: i64 = users::table
            .filter(users::account_id.eq(scope.account_id()))
            .count()
            .get_result(c)?;
        if used >= i64::from(max_users) {
            return Err(Error::PlanLimitReached {
                resource: "users",
                limit: i64::from(max_users),
            });
        }
        let taken: i64 = users::table
            .filter(lower(users::email).eq(&email))
            .count()
            .get_result(c)?;
        if taken > 0 {
            return Err(Error::AlreadyExists { field: "email" });
        }
        diesel::insert_into(users::table)
            .values((
                users::account_id.eq(scope.account_id()),
                users::email.eq(&email),
                users::password_hash.eq(&hash),
                users::first_name.eq(m.first_name.trim()),
                users::last_name.eq(m.last_name.trim()),
                users::role.eq(m.role.as_str()),
                users::created_at.eq(now),
                users::updated_at.eq(now),
            ))
            .returning(User::as_returning())
            .get_result(c)
            .map_err(|e| match db::DbError::from(e) {
                d if d.is_unique_violation_on("users_email_lower") => {
                    Error::AlreadyExists { field: "email" }
                }
                d => Error::Db(d),
            })
    })
}

/// Locks the account's owners and fails with `Conflict` if `target` is the only active one.
fn guard_last_owner(conn: &mut PgConnection, scope: &Scope, target: &User) -> Result<()> {
    if target.role() != Role::Owner {
        return Ok(());
    }
    let owners: Vec<UserId> = users::table
        .filter(users::account_id.eq(scope.account_id()))
        .filter(users::role.eq(Role::Owner.as_str()))
        .filter(users::is_active.eq(true))
        .select(users::id)
        .for_update()
        .load(conn)?;
    if owners.iter().all(|id| *id == target.id) {
        return Err(Error::Conflict(
            "The account must keep at least one active owner.".into(),
        ));
    }
    Ok(())
}

/// Changes a member's role, names or active flag.
pub fn update_user(
    conn: &mut PgConnection,
    scope: &Scope,
    id: UserId,
    ch: &MemberChanges,
    now: DateTime<Utc>,
) -> Result<User> {
    scope.require(Role::Admin)?;
    let mut e = FieldErrors::new();
    if let Some(f) = &ch.first_name {
        e.max_len("first_name", f, 150);
    }
    if let Some(l) = &ch.last_name {
        e.max_len("last_name", l, 150);
    }
    e.into_result()?;
    conn.transaction(|c| {
        let target: User = users::table
            .find(id)
            .filter(users::account_id.eq(scope.account_id()))
            .select(User::as_select())
            .for_update()
            .first(c)?;
        let touches_owner = target.role() == Role::Owner || ch.role == Some(Role::Owner);
        if touches_owner
            && (ch.role.is_some_and(|r| r != target.role()) || ch.is_active == Some(false))
        {
            scope.require(Role::Owner)?;
        }
        let demotes = ch.role.is_some_and(|r| r != Role::Owner) || ch.is_active == Some(false);
        if demotes {
            guard_last_owner(c, scope, &target)?;
        }
        if ch.is_active == Some(false) {
            revoke_all_sessions(c, id, "deactivated", now)?;
        }
        Ok(diesel::update(
            users::table
                .find(id)
                .filter(users::account_id.eq(scope.account_id())),
        )
        .set(&UserChangeset {
            role: ch.role.map(Role::as_str),
            first_name: ch.first_name.as_deref().map(str::trim),
            last_name: ch.last_name.as_deref().map(str::trim),
            is_active: ch.is_active,
            updated_at: now,
        })
        .returning(User::as_returning())
        .get_result(c)?)
    })
}

/// One UPDATE for every changed member field (`None` leaves a column alone).
#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct UserChangeset<'a> {
    role: Option<&'a str>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    is_active: Option<bool>,
    updated_at: DateTime<Utc>,
}

fn revoke_all_sessions(
    conn: &mut PgConnection,
    id: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::update(
        auth_sessions::table
            .filter(auth_sessions::user_id.eq(id))
            .filter(auth_sessions::revoked_at.is_null()),
    )
    .set((
        auth_sessions::revoked_at.eq(now),
        auth_sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(())
}

/// Removes a member (and their sessions and site grants).
pub fn delete_user(conn: &mut PgConnection, scope: &Scope, id: UserId) -> Result<()> {
    scope.require(Role::Admin)?;
    conn.transaction(|c| {
        let target: User = users::table
            .find(id)
            .filter(users::account_id.eq(scope.account_id()))
            .select(User::as_select())
            .for_update()
            .first(c)?;
        if target.role() == Role::Owner {
            scope.require(Role::Owner)?;
        }
        guard_last_owner(c, scope, &target)?;
        diesel::delete(
            users::table
                .find(id)
                .filter(users::account_id.eq(scope.account_id())),
        )
        .execute(c)?;
        Ok(())
    })
}
