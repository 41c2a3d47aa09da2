//! Builders for accounts, users and sites.

use chrono::Utc;
use diesel::PgConnection;
use kernel::{AccountId, Role, SectorId, SiteId, UserId};
use tenancy::Scope;
use tenancy::auth::{RegisterInput, register};
use tenancy::token::AuthConfig;

/// The JWT config tests use.
pub fn auth_config() -> AuthConfig {
    AuthConfig::new(
        b"test-jwt-secret-0123456789abcdef-0123456789".to_vec(),
        "http://localhost:5173",
    )
}

/// A registered tenant: account, owner, one site with two sectors.
#[derive(Debug, Clone)]
pub struct TenantFixture {
    /// The account.
    pub account_id: AccountId,
    /// The owner.
    pub owner_id: UserId,
    /// Owner's email.
    pub email: String,
    /// Owner's password.
    pub password: String,
    /// Owner's access token.
    pub access: String,
    /// Owner's refresh token.
    pub refresh: String,
    /// A site.
    pub site_id: SiteId,
    /// Two active sectors of that site.
    pub sector_ids: Vec<SectorId>,
}

impl TenantFixture {
    /// Registers `<name>@example.com` on `plan` (free by default: 1 site) with a site
    /// (`<name> site`, industry `technology`, sectors `cybersecurity` and `cloud-computing`).
    pub fn create(conn: &mut PgConnection, name: &str) -> Self {
        Self::create_on_plan(conn, name, "growth")
    }

    /// Like [`TenantFixture::create`] on the given plan; the account is made active.
    pub fn create_on_plan(conn: &mut PgConnection, name: &str, plan: &str) -> Self {
        let now = Utc::now();
        let password = format!("{name}-Secret-Pass-1");
        let email = format!("{name}@example.com");
        let signed = register(
            conn,
            &auth_config(),
            &RegisterInput {
                email: email.clone(),
                password: password.clone(),
                first_name: name.to_owned(),
                last_name: "Tester".into(),
                account_name: Some(format!("{name} inc")),
                plan_slug: Some(plan.to_owned()),
            },
            now,
        )
        .expect("register fixture tenant");
        set_account_status(conn, signed.account.id, "active");
        let scope = Scope::for_tests(signed.account.id, Some(signed.user.id), Role::Owner);
        let site = tenancy::sites::create_site(
            conn,
            &scope,
            &tenancy::sites::SiteInput {
                name: Some(format!("{name} site")),
                domain: Some(format!("{name}.example.com")),
                ..Default::default()
            },
            now,
        )
        .expect("fixture site");
        let sectors = tenancy::sites::select_sectors(
            conn,
            &scope,
            site.id,
            "technology",
            &["cybersecurity".into(), "cloud-computing".into()],
            now,
        )
        .expect("fixture sectors");
        Self {
            account_id: signed.account.id,
            owner_id: signed.user.id,
            email,
            password,
            access: signed.tokens.access,
            refresh: signed.tokens.refresh,
            site_id: site.id,
            sector_ids: sectors.iter().map(|s| s.id).collect(),
        }
    }

    /// The owner's scope.
    pub fn scope(&self) -> Scope {
        Scope::for_tests(self.account_id, Some(self.owner_id), Role::Owner)
    }

    /// Adds a member with `role`; returns (user id, access token).
    pub fn add_member(&self, conn: &mut PgConnection, name: &str, role: Role) -> (UserId, String) {
        let now = Utc::now();
        let email = format!("{name}@example.com");
        let password = format!("{name}-Secret-Pass-1");
        let user = tenancy::users::create_user(
            conn,
            &self.scope(),
            &tenancy::users::NewMember {
                email: email.clone(),
                password: password.clone(),
                first_name: name.into(),
                last_name: String::new(),
                role,
            },
            now,
        )
        .expect("fixture member");
        let (signed, _) = tenancy::auth::login(
            conn,
            &auth_config(),
            &email,
            &password,
            &tenancy::auth::ClientInfo {
                ip: format!("fixture-{name}"),
                user_agent: String::new(),
            },
            now,
        )
        .expect("fixture member login");
        (user.id, signed.tokens.access)
    }
}

/// Sets an account's status directly (fixtures only).
pub fn set_account_status(conn: &mut PgConnection, id: AccountId, status: &str) {
    use db::schema::accounts;
    use diesel::prelude::*;
    diesel::update(accounts::table.find(id))
        .set(accounts::status.eq(status))
        .execute(conn)
        .expect("set status");
}
