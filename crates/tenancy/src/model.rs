//! Diesel rows of the tenancy tables.

use chrono::{DateTime, Utc};
use db::schema::*;
use diesel::prelude::*;
use kernel::*;

/// A tenant account.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = accounts)]
pub struct Account {
    /// Id.
    pub id: AccountId,
    /// Display name.
    pub name: String,
    /// Unique slug.
    pub slug: String,
    /// Stored status (see [`crate::scope::AccountStatus`]).
    pub status: String,
    /// The plan.
    pub plan_id: PlanId,
    /// IANA time zone.
    pub timezone: String,
    /// Billing contact email.
    pub billing_email: String,
    /// Billing contact name.
    pub billing_name: String,
    /// Billing address (free text).
    pub billing_address: String,
    /// Billing country (ISO 3166 alpha-2).
    pub billing_country: String,
    /// Tax id.
    pub tax_id: String,
    /// The platform's own account (staff live here).
    pub is_system: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// A user.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    /// Id.
    pub id: UserId,
    /// Account.
    pub account_id: AccountId,
    /// Email as entered (compared lower-cased).
    pub email: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Stored role name.
    pub role: String,
    /// May log in.
    pub is_active: bool,
    /// Platform staff.
    pub is_staff: bool,
    /// Last successful login.
    pub last_login_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

impl User {
    /// The parsed role (an unknown stored value reads as viewer: fail closed).
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Viewer)
    }
}

/// A site.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sites)]
pub struct Site {
    /// Id.
    pub id: SiteId,
    /// Account.
    pub account_id: AccountId,
    /// Name.
    pub name: String,
    /// Slug, unique per account.
    pub slug: String,
    /// Domain or URL.
    pub domain: String,
    /// Chosen industry.
    pub industry_id: Option<IndustryId>,
    /// Active.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// A site's sector.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sectors)]
pub struct Sector {
    /// Id.
    pub id: SectorId,
    /// Account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// The industry sector template.
    pub industry_sector_id: IndustrySectorId,
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Active.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// A global industry.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = industries)]
pub struct Industry {
    /// Id.
    pub id: IndustryId,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Active.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A global sector template of an industry.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Associations)]
#[diesel(table_name = industry_sectors, belongs_to(Industry))]
pub struct IndustrySector {
    /// Id.
    pub id: IndustrySectorId,
    /// Industry.
    pub industry_id: IndustryId,
    /// Slug, unique within the industry.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Active.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A plan with its limits.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = plans)]
pub struct Plan {
    /// Id.
    pub id: PlanId,
    /// Slug (`free`, `starter`, ...).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Monthly price in cents.
    pub price_cents: i64,
    /// Annual price in cents.
    pub annual_price_cents: i64,
    /// ISO 4217 currency.
    pub currency: String,
    /// Credits granted each period.
    pub included_credits: i64,
    /// Max sites.
    pub max_sites: i32,
    /// Max users.
    pub max_users: i32,
    /// Max keywords.
    pub max_keywords: i32,
    /// Max active sectors per site.
    pub max_sectors_per_site: i32,
    /// Marketing features.
    pub features: serde_json::Value,
    /// Offered.
    pub is_active: bool,
    /// Internal (not offered publicly).
    pub is_internal: bool,
    /// Display order.
    pub sort_order: i32,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A per-site access grant for an editor or viewer.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = site_user_access)]
pub struct SiteAccess {
    /// Id.
    pub id: SiteAccessId,
    /// Account.
    pub account_id: AccountId,
    /// The member.
    pub user_id: UserId,
    /// The site.
    pub site_id: SiteId,
    /// Who granted it.
    pub granted_by: Option<UserId>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A login session (refresh-token family).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = auth_sessions)]
pub struct Session {
    /// Id.
    pub id: SessionId,
    /// Account.
    pub account_id: AccountId,
    /// User.
    pub user_id: UserId,
    /// The only refresh-token id that may be used next.
    pub current_jti: uuid::Uuid,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last refresh.
    pub last_used_at: DateTime<Utc>,
    /// Refresh expiry.
    pub expires_at: DateTime<Utc>,
    /// Revocation time.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why it was revoked.
    pub revoked_reason: Option<String>,
    /// Client user agent.
    pub user_agent: String,
}
