//! Typed ids: one newtype per table so an `AccountId` can never be passed where a `SiteId` belongs.

use diesel_derive_newtype::DieselNewType;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, DieselNewType,
            Serialize, Deserialize, utoipa::ToSchema,
        )]
        #[serde(transparent)]
        #[schema(value_type = i64)]
        pub struct $name(pub i64);

        impl $name {
            /// The raw integer, for URLs and logs.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

id_type!(
    /// Id of a tenant account.
    AccountId,
    /// Id of a user.
    UserId,
    /// Id of a site.
    SiteId,
    /// Id of a site's sector (a site-level selection of an industry sector).
    SectorId,
    /// Id of a global industry.
    IndustryId,
    /// Id of a global industry sector template.
    IndustrySectorId,
    /// Id of a plan.
    PlanId,
    /// Id of a login session (a refresh-token family).
    SessionId,
    /// Id of a site-access grant.
    SiteAccessId,
    /// Id of an outbox email.
    EmailId,
    /// Id of a keyword.
    KeywordId,
    /// Id of a global seed keyword.
    SeedKeywordId,
    /// Id of a cluster.
    ClusterId,
    /// Id of a content idea.
    IdeaId,
    /// Id of a writer task.
    TaskId,
    /// Id of a content item.
    ContentId,
    /// Id of an image.
    ImageId,
    /// Id of a taxonomy term.
    TaxonomyId,
    /// Id of a subscription.
    SubscriptionId,
    /// Id of a credit package.
    CreditPackageId,
    /// Id of an invoice.
    InvoiceId,
    /// Id of a payment.
    PaymentId,
    /// Id of a credit ledger row.
    CreditTransactionId,
    /// Id of an AI task.
    AiTaskId,
    /// Id of a notification.
    NotificationId,
    /// Id of an automation config (one per site).
    AutomationConfigId,
    /// Id of an automation run.
    AutomationRunId,
    /// Id of an automation run event.
    AutomationEventId,
    /// Id of a site's publishing integration (`integration_sites`).
    IntegrationId,
    /// Id of a sync event (one publishing or sync attempt).
    SyncEventId,
);
