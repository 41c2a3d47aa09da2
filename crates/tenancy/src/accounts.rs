//! The caller's account: read and update settings (admin+).

use crate::model::{Account, Plan};
use crate::{Error, Result, Scope};
use chrono::{DateTime, Utc};
use db::schema::accounts;
use diesel::prelude::*;
use kernel::{FieldErrors, Role};

/// Changes to account settings; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct AccountChanges {
    /// Name.
    pub name: Option<String>,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub timezone: Option<String>,
    /// Billing contact email.
    pub billing_email: Option<String>,
    /// Billing contact name.
    pub billing_name: Option<String>,
    /// Billing address.
    pub billing_address: Option<String>,
    /// Billing country (ISO 3166 alpha-2).
    pub billing_country: Option<String>,
    /// Tax id.
    pub tax_id: Option<String>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = accounts)]
struct AccountChangeset {
    name: Option<String>,
    timezone: Option<String>,
    billing_email: Option<String>,
    billing_name: Option<String>,
    billing_address: Option<String>,
    billing_country: Option<String>,
    tax_id: Option<String>,
    updated_at: Option<DateTime<Utc>>,
}

/// The caller's account and plan.
pub fn get_account(conn: &mut PgConnection, scope: &Scope) -> Result<(Account, Plan)> {
    crate::auth::account_with_plan(conn, scope.account_id())
}

/// Updates settings; admin or owner only.
pub fn update_account(
    conn: &mut PgConnection,
    scope: &Scope,
    ch: AccountChanges,
    now: DateTime<Utc>,
) -> Result<(Account, Plan)> {
    scope.require(Role::Admin)?;
    let mut e = FieldErrors::new();
    if let Some(n) = &ch.name {
        e.require_text("name", n, 200);
    }
    if let Some(tz) = &ch.timezone
        && tz.parse::<chrono_tz::Tz>().is_err()
    {
        e.add("timezone", format!("'{tz}' is not a known IANA time zone."));
    }
    if let Some(m) = &ch.billing_email
        && !m.trim().is_empty()
        && !kernel::text::looks_like_email(m)
    {
        e.add("billing_email", "Enter a valid email address.");
    }
    if let Some(c) = &ch.billing_country {
        let c = c.trim();
        if !c.is_empty() && (c.len() != 2 || !c.chars().all(|x| x.is_ascii_alphabetic())) {
            e.add("billing_country", "Use a two-letter ISO 3166 country code.");
        }
    }
    for (field, v, max) in [
        ("billing_name", &ch.billing_name, 200),
        ("billing_address", &ch.billing_address, 1000),
        ("tax_id", &ch.tax_id, 64),
    ] {
        if let Some(v) = v {
            e.max_len(field, v, max);
        }
    }
    e.into_result()?;
    let set = AccountChangeset {
        name: ch.name.map(|s| s.trim().to_owned()),
        timezone: ch.timezone,
        billing_email: ch.billing_email.map(|s| s.trim().to_owned()),
        billing_name: ch.billing_name,
        billing_address: ch.billing_address,
        billing_country: ch.billing_country.map(|s| s.trim().to_uppercase()),
        tax_id: ch.tax_id,
        updated_at: Some(now),
    };
    let n = diesel::update(accounts::table.find(scope.account_id()))
        .set(&set)
        .execute(conn)?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    get_account(conn, scope)
}

/// Locks the account row (serializing limit checks of concurrent creates) and returns its plan.
/// Call inside the transaction that counts and inserts.
pub fn lock_account_plan(conn: &mut PgConnection, scope: &Scope) -> Result<Plan> {
    let plan_id: kernel::PlanId = accounts::table
        .find(scope.account_id())
        .select(accounts::plan_id)
        .for_update()
        .first(conn)?;
    crate::reference::plan(conn, plan_id)
}
