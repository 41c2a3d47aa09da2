//! Response and request bodies of the tenancy routes.
#![allow(missing_docs)] // field names are the contract; see spec/API.md

use chrono::{DateTime, Utc};
use kernel::{IndustryId, IndustrySectorId, Role, SectorId, SiteAccessId, SiteId, UserId};
use serde::{Deserialize, Serialize};
use tenancy::model::{Account, Industry, IndustrySector, Plan, Sector, Site, SiteAccess, User};
use utoipa::ToSchema;

/// A user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub is_active: bool,
    pub is_staff: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserDto {
    fn from(u: User) -> Self {
        Self {
            role: u.role(),
            id: u.id,
            email: u.email,
            first_name: u.first_name,
            last_name: u.last_name,
            is_active: u.is_active,
            is_staff: u.is_staff,
            last_login_at: u.last_login_at,
            created_at: u.created_at,
        }
    }
}

/// A plan with its limits.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDto {
    pub id: kernel::PlanId,
    pub slug: String,
    pub name: String,
    pub price_cents: i64,
    pub annual_price_cents: i64,
    pub currency: String,
    pub included_credits: i64,
    pub max_sites: i32,
    pub max_users: i32,
    pub max_keywords: i32,
    pub max_sectors_per_site: i32,
    pub features: serde_json::Value,
}

impl From<Plan> for PlanDto {
    fn from(p: Plan) -> Self {
        Self {
            id: p.id,
            slug: p.slug,
            name: p.name,
            price_cents: p.price_cents,
            annual_price_cents: p.annual_price_cents,
            currency: p.currency,
            included_credits: p.included_credits,
            max_sites: p.max_sites,
            max_users: p.max_users,
            max_keywords: p.max_keywords,
            max_sectors_per_site: p.max_sectors_per_site,
            features: p.features,
        }
    }
}

/// An account with its plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountDto {
    pub id: kernel::AccountId,
    pub name: String,
    pub slug: String,
    pub status: String,
    pub timezone: String,
    pub billing_email: String,
    pub billing_name: String,
    pub billing_address: String,
    pub billing_country: String,
    pub tax_id: String,
    pub plan: PlanDto,
    pub created_at: DateTime<Utc>,
}

impl AccountDto {
    /// Builds from the account and its plan.
    pub fn new(a: Account, p: Plan) -> Self {
        Self {
            id: a.id,
            name: a.name,
            slug: a.slug,
            status: a.status,
            timezone: a.timezone,
            billing_email: a.billing_email,
            billing_name: a.billing_name,
            billing_address: a.billing_address,
            billing_country: a.billing_country,
            tax_id: a.tax_id,
            plan: p.into(),
            created_at: a.created_at,
        }
    }
}

/// The account summary embedded in a login user.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountSummary {
    pub id: kernel::AccountId,
    pub name: String,
    pub slug: String,
    pub status: String,
}

/// The user of a login response.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginUser {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub account: AccountSummary,
}

/// Tokens and the signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthResponse {
    pub user: LoginUser,
    pub account: AccountDto,
    pub access: String,
    pub refresh: String,
    pub access_expires_at: DateTime<Utc>,
    pub refresh_expires_at: DateTime<Utc>,
    /// Sign-up to a paid plan: how to pay the first invoice (a checkout URL when a card
    /// gateway is configured).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_action: Option<crate::routes::billing::dto::NextActionDto>,
}

impl From<tenancy::auth::SignedIn> for AuthResponse {
    fn from(s: tenancy::auth::SignedIn) -> Self {
        Self {
            user: LoginUser {
                role: s.user.role(),
                id: s.user.id,
                email: s.user.email,
                first_name: s.user.first_name,
                last_name: s.user.last_name,
                account: AccountSummary {
                    id: s.account.id,
                    name: s.account.name.clone(),
                    slug: s.account.slug.clone(),
                    status: s.account.status.clone(),
                },
            },
            account: AccountDto::new(s.account, s.plan),
            access: s.tokens.access,
            refresh: s.tokens.refresh,
            access_expires_at: s.tokens.access_expires_at,
            refresh_expires_at: s.tokens.refresh_expires_at,
            next_action: None,
        }
    }
}

/// A site.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteDto {
    pub id: SiteId,
    pub name: String,
    pub slug: String,
    pub domain: String,
    pub industry_id: Option<IndustryId>,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Site> for SiteDto {
    fn from(s: Site) -> Self {
        Self {
            id: s.id,
            name: s.name,
            slug: s.slug,
            domain: s.domain,
            industry_id: s.industry_id,
            is_active: s.is_active,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// A site's sector.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectorDto {
    pub id: SectorId,
    pub site_id: SiteId,
    pub industry_sector_id: IndustrySectorId,
    pub name: String,
    pub slug: String,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Sector> for SectorDto {
    fn from(s: Sector) -> Self {
        Self {
            id: s.id,
            site_id: s.site_id,
            industry_sector_id: s.industry_sector_id,
            name: s.name,
            slug: s.slug,
            is_active: s.is_active,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// A sector template of an industry.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndustrySectorDto {
    pub id: IndustrySectorId,
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// An industry with its sectors.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndustryDto {
    pub id: IndustryId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub sectors: Vec<IndustrySectorDto>,
}

impl IndustryDto {
    /// Builds from an industry and its sectors.
    pub fn new(i: Industry, s: Vec<IndustrySector>) -> Self {
        Self {
            id: i.id,
            slug: i.slug,
            name: i.name,
            description: i.description,
            sectors: s
                .into_iter()
                .map(|s| IndustrySectorDto {
                    id: s.id,
                    slug: s.slug,
                    name: s.name,
                    description: s.description,
                })
                .collect(),
        }
    }
}

/// A site-access grant.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteAccessDto {
    pub id: SiteAccessId,
    pub user_id: UserId,
    pub site_id: SiteId,
    pub granted_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

impl From<SiteAccess> for SiteAccessDto {
    fn from(a: SiteAccess) -> Self {
        Self {
            id: a.id,
            user_id: a.user_id,
            site_id: a.site_id,
            granted_by: a.granted_by,
            created_at: a.created_at,
        }
    }
}

/// One option of a `filter_options` field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

impl FilterOption {
    /// The leading "All" option.
    pub fn all() -> Self {
        Self {
            value: String::new(),
            label: "All".into(),
        }
    }
}

/// Sign-up body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterBody {
    #[schema(format = "email")]
    pub email: String,
    /// 8 to 128 characters, not only digits, not the e-mail.
    #[schema(format = "password")]
    pub password: String,
    #[serde(default)]
    #[schema(max_length = 150)]
    pub first_name: String,
    #[serde(default)]
    #[schema(max_length = 150)]
    pub last_name: String,
    #[schema(format = "not-blank", max_length = 200)]
    pub account_name: Option<String>,
    /// A plan's slug (blank: the free plan); an unknown one is 404.
    pub plan_slug: Option<String>,
}

/// Login body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

/// Refresh body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshBody {
    pub refresh: String,
}

/// Password change body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChangeBody {
    pub old_password: String,
    #[schema(format = "password")]
    pub new_password: String,
}

/// Password reset request body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetBody {
    #[schema(format = "email")]
    pub email: String,
}

/// Password reset confirmation body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetConfirmBody {
    pub token: String,
    #[schema(format = "password")]
    pub new_password: String,
}

/// `me/` update body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MeBody {
    #[schema(max_length = 150)]
    pub first_name: Option<String>,
    #[schema(max_length = 150)]
    pub last_name: Option<String>,
}

/// Account update body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AccountBody {
    #[schema(format = "not-blank", max_length = 200)]
    pub name: Option<String>,
    /// An IANA time zone name.
    #[schema(format = "time-zone")]
    pub timezone: Option<String>,
    #[schema(format = "email-or-blank")]
    pub billing_email: Option<String>,
    #[schema(max_length = 200)]
    pub billing_name: Option<String>,
    #[schema(max_length = 1000)]
    pub billing_address: Option<String>,
    /// ISO 3166 alpha-2, or blank.
    #[schema(format = "country-or-blank")]
    pub billing_country: Option<String>,
    #[schema(max_length = 64)]
    pub tax_id: Option<String>,
}

/// New team member.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    #[schema(format = "email")]
    pub email: String,
    #[schema(format = "password")]
    pub password: String,
    #[serde(default)]
    #[schema(max_length = 150)]
    pub first_name: String,
    #[serde(default)]
    #[schema(max_length = 150)]
    pub last_name: String,
    pub role: Role,
}

/// Member update.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UserChangesBody {
    pub role: Option<Role>,
    #[schema(max_length = 150)]
    pub first_name: Option<String>,
    #[schema(max_length = 150)]
    pub last_name: Option<String>,
    pub is_active: Option<bool>,
}

/// Site create/update body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SiteBody {
    #[schema(format = "not-blank", max_length = 200)]
    pub name: Option<String>,
    /// A domain or URL (no white space).
    #[schema(format = "no-space", max_length = 255)]
    pub domain: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub industry_id: Option<Option<IndustryId>>,
    pub is_active: Option<bool>,
}

/// A new site: as [`SiteBody`], with the name required.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SiteCreateBody {
    #[schema(format = "not-blank", max_length = 200)]
    pub name: String,
    /// A domain or URL (no white space).
    #[schema(format = "no-space", max_length = 255)]
    pub domain: Option<String>,
    /// An industry's id; an unknown one is 404.
    pub industry_id: Option<IndustryId>,
    pub is_active: Option<bool>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// `set_active/` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SetActiveBody {
    pub is_active: Option<bool>,
}

/// `select_sectors/` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SelectSectorsBody {
    /// An industry's slug; an unknown one is 404.
    pub industry_slug: String,
    /// Slugs of that industry's sectors; one that is not is 404.
    #[schema(min_items = 1)]
    pub sector_slugs: Vec<String>,
}

/// Sector update body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SectorBody {
    #[schema(format = "not-blank", max_length = 200)]
    pub name: Option<String>,
    pub is_active: Option<bool>,
}

/// Site-access grant body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct GrantBody {
    pub user_id: UserId,
    pub site_id: SiteId,
}
