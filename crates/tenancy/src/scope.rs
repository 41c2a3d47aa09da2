//! The request scope: which account (and user, role, site) a call acts for.
//!
//! A `Scope` can only be built by authentication (JWT or site API key), by
//! [`Scope::for_job`] in the worker, or by the test-only constructor. Handlers never take an
//! account id from the path, query or body.

use crate::{Error, Result};
use kernel::{AccountId, Role, SiteId, UserId};

/// Account status, as stored.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Paying or free, in good standing.
    Active,
    /// On trial.
    Trial,
    /// Signed up for a paid plan, payment not yet confirmed.
    PendingPayment,
    /// Suspended (e.g. unpaid renewal).
    Suspended,
    /// Cancelled.
    Cancelled,
}

impl AccountStatus {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Trial => "trial",
            AccountStatus::PendingPayment => "pending_payment",
            AccountStatus::Suspended => "suspended",
            AccountStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a stored name; unknown values read as suspended (fail closed).
    pub fn parse(s: &str) -> AccountStatus {
        match s {
            "active" => AccountStatus::Active,
            "trial" => AccountStatus::Trial,
            "pending_payment" => AccountStatus::PendingPayment,
            "cancelled" => AccountStatus::Cancelled,
            _ => AccountStatus::Suspended,
        }
    }

    /// `active` and `trial` may write; the others may only read and use billing.
    pub fn may_write(self) -> bool {
        matches!(self, AccountStatus::Active | AccountStatus::Trial)
    }
}

/// Who is acting, for which account. Fields are private on purpose.
#[derive(Debug, Clone)]
pub struct Scope {
    account_id: AccountId,
    user_id: Option<UserId>,
    role: Role,
    status: AccountStatus,
    staff: bool,
    site: Option<SiteId>,
}

impl Scope {
    pub(crate) fn for_user(
        account_id: AccountId,
        user_id: UserId,
        role: Role,
        status: AccountStatus,
        staff: bool,
    ) -> Self {
        Self {
            account_id,
            user_id: Some(user_id),
            role,
            status,
            staff,
            site: None,
        }
    }

    /// The scope a background job runs in: the whole account, with owner rights.
    pub fn for_job(account_id: AccountId) -> Self {
        Self {
            account_id,
            user_id: None,
            role: Role::Owner,
            status: AccountStatus::Active,
            staff: false,
            site: None,
        }
    }

    /// The scope of a site API key: that one site, editor rights (see `site_keys`).
    pub(crate) fn for_site_key(
        account_id: AccountId,
        site_id: SiteId,
        status: AccountStatus,
    ) -> Self {
        Self {
            account_id,
            user_id: None,
            role: Role::Editor,
            status,
            staff: false,
            site: Some(site_id),
        }
    }

    /// A scope for tests; never compiled into a binary.
    #[cfg(feature = "test-util")]
    pub fn for_tests(account_id: AccountId, user_id: Option<UserId>, role: Role) -> Self {
        Self {
            account_id,
            user_id,
            role,
            status: AccountStatus::Active,
            staff: false,
            site: None,
        }
    }

    /// The account every query is filtered by.
    pub fn account_id(&self) -> AccountId {
        self.account_id
    }

    /// The acting user, if a person is acting.
    pub fn user_id(&self) -> Option<UserId> {
        self.user_id
    }

    /// The acting role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The account's status at authentication time.
    pub fn status(&self) -> AccountStatus {
        self.status
    }

    /// True for platform staff.
    pub fn is_staff(&self) -> bool {
        self.staff
    }

    /// The one site a site API key is limited to.
    pub fn site_restriction(&self) -> Option<SiteId> {
        self.site
    }

    /// True when the scope sees every site of the account (admin and owner, jobs).
    pub fn sees_all_sites(&self) -> bool {
        self.site.is_none() && self.role.at_least(Role::Admin)
    }

    /// Fails with `PermissionDenied` unless the role is at least `min`.
    pub fn require(&self, min: Role) -> Result<()> {
        if self.role.at_least(min) {
            Ok(())
        } else {
            Err(Error::PermissionDenied)
        }
    }

    /// Fails with `PermissionDenied` unless the caller is platform staff.
    pub fn require_staff(&self) -> Result<()> {
        if self.staff {
            Ok(())
        } else {
            Err(Error::PermissionDenied)
        }
    }

    /// Fails with `AccountInactive` unless the account may write.
    pub fn require_writable_account(&self) -> Result<()> {
        if self.status.may_write() {
            Ok(())
        } else {
            Err(Error::AccountInactive {
                status: self.status.as_str().to_owned(),
            })
        }
    }
}
