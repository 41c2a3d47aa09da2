//! Diesel rows and value types of the planner tables.

use chrono::{DateTime, Utc};
use db::schema::{clusters, content_ideas, keywords, seed_keywords};
use diesel::prelude::*;
use kernel::{
    AccountId, ClusterId, IdeaId, IndustrySectorId, KeywordId, SectorId, SeedKeywordId, SiteId,
};
use serde::{Deserialize, Serialize};

/// Declares a closed set of values stored as `text` (guarded by a CHECK constraint), with
/// serde, OpenAPI and diesel support.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored (and JSON) name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }

            /// Parses a stored name.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// A display label (`landing_page` → `Landing page`).
            pub fn label(self) -> String {
                crate::model::label_of(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg>>::from_sql(bytes)?;
                $name::parse(&s).ok_or_else(|| format!("unknown {} value '{s}'", stringify!($name)).into())
            }
        }
    };
}

pub(crate) fn label_of(s: &str) -> String {
    let s = s.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

text_enum!(
    /// Search intent of a keyword.
    Intent {
        /// Looking for information.
        Informational = "informational",
        /// Looking for a specific site or brand.
        Navigational = "navigational",
        /// Researching before a purchase.
        Commercial = "commercial",
        /// Ready to act or buy.
        Transactional = "transactional",
    }
);

text_enum!(
    /// Whether a keyword (or cluster) is mapped.
    MappingStatus {
        /// Not yet assigned.
        New = "new",
        /// Assigned (a keyword to a cluster; a cluster to content).
        Mapped = "mapped",
    }
);

text_enum!(
    /// Life cycle of a content idea.
    IdeaStatus {
        /// Not yet turned into a writer task.
        New = "new",
        /// A writer task exists for it.
        Queued = "queued",
        /// The content was written.
        Completed = "completed",
    }
);

text_enum!(
    /// What kind of WordPress object an idea becomes.
    ContentType {
        /// A blog post.
        Post = "post",
        /// A page.
        Page = "page",
        /// A product.
        Product = "product",
        /// A taxonomy (category/tag) archive.
        Taxonomy = "taxonomy",
    }
);

text_enum!(
    /// The structure of the content an idea describes.
    ContentStructure {
        /// Article.
        Article = "article",
        /// Guide.
        Guide = "guide",
        /// Comparison.
        Comparison = "comparison",
        /// Review.
        Review = "review",
        /// Listicle.
        Listicle = "listicle",
        /// Landing page.
        LandingPage = "landing_page",
        /// Business page.
        BusinessPage = "business_page",
        /// Service page.
        ServicePage = "service_page",
        /// General.
        General = "general",
        /// Cluster hub.
        ClusterHub = "cluster_hub",
        /// Product page.
        ProductPage = "product_page",
        /// Category archive.
        CategoryArchive = "category_archive",
        /// Tag archive.
        TagArchive = "tag_archive",
        /// Attribute archive.
        AttributeArchive = "attribute_archive",
    }
);

/// A keyword of a site's sector.
#[derive(Debug, Clone, PartialEq, Queryable, QueryableByName, Selectable, Identifiable)]
#[diesel(table_name = keywords, check_for_backend(diesel::pg::Pg))]
pub struct Keyword {
    /// Id.
    pub id: KeywordId,
    /// Owning account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Sector of the site.
    pub sector_id: SectorId,
    /// The keyword, trimmed; unique per site and sector case-insensitively.
    pub keyword: String,
    /// Monthly search volume, when known (null is "unknown", not "no searches").
    pub volume: Option<i32>,
    /// Ranking difficulty 0–100, when known.
    pub difficulty: Option<i16>,
    /// Search intent, when known.
    pub intent: Option<Intent>,
    /// Cost per click in cents, when known.
    pub cpc_cents: Option<i32>,
    /// ISO 3166 alpha-2 country the metrics are for.
    pub country: Option<String>,
    /// `mapped` once assigned to a cluster.
    pub status: MappingStatus,
    /// Excluded from clustering and generation.
    pub disabled: bool,
    /// The cluster it belongs to.
    pub cluster_id: Option<ClusterId>,
    /// The library keyword it was added from.
    pub seed_keyword_id: Option<SeedKeywordId>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// A keyword cluster of a site's sector (the aggregates live in [`ClusterWithStats`]).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = clusters, check_for_backend(diesel::pg::Pg))]
pub struct Cluster {
    /// Id.
    pub id: ClusterId,
    /// Owning account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Sector of the site.
    pub sector_id: SectorId,
    /// Name, unique per site and sector case-insensitively.
    pub name: String,
    /// Description.
    pub description: String,
    /// `new` or `mapped`.
    pub status: MappingStatus,
    /// Excluded from generation.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// Aggregates of a cluster, computed in SQL with the cluster row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClusterStats {
    /// Keywords in the cluster.
    pub keywords_count: i64,
    /// Sum of their volumes.
    pub volume: i64,
    /// Rounded average of their known difficulties.
    pub difficulty: Option<i32>,
    /// Ideas of the cluster.
    pub ideas_count: i64,
    /// Writer content of the cluster (0 until the writer's content table exists).
    pub content_count: i64,
}

/// A cluster with its aggregates.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterWithStats {
    /// The cluster.
    pub cluster: Cluster,
    /// Its aggregates.
    pub stats: ClusterStats,
}

/// One section of an idea's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OutlineSection {
    /// The section heading (an H2).
    #[schema(format = "not-blank", max_length = 300)]
    pub heading: String,
    /// What the section covers.
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub notes: String,
}

/// An idea's outline: ordered sections.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outline {
    /// Sections in reading order.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub sections: Vec<OutlineSection>,
}

/// A content idea row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = content_ideas, check_for_backend(diesel::pg::Pg))]
pub struct IdeaRow {
    /// Id.
    pub id: IdeaId,
    /// Owning account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Sector of the site.
    pub sector_id: SectorId,
    /// Cluster, if any.
    pub cluster_id: Option<ClusterId>,
    /// Title.
    pub idea_title: String,
    /// Description.
    pub description: String,
    /// Outline as stored (`{"sections": [...]}`).
    pub outline: serde_json::Value,
    /// Content type.
    pub content_type: ContentType,
    /// Content structure.
    pub content_structure: ContentStructure,
    /// Planned length.
    pub estimated_word_count: i32,
    /// Status.
    pub status: IdeaStatus,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// A content idea with its outline and target keywords.
#[derive(Debug, Clone, PartialEq)]
pub struct Idea {
    /// The row.
    pub row: IdeaRow,
    /// The parsed outline.
    pub outline: Outline,
    /// Target keywords, in the order given.
    pub keyword_ids: Vec<KeywordId>,
}

/// A global seed keyword of the library.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = seed_keywords, check_for_backend(diesel::pg::Pg))]
pub struct SeedKeyword {
    /// Id.
    pub id: SeedKeywordId,
    /// The industry sector it belongs to.
    pub industry_sector_id: IndustrySectorId,
    /// The keyword.
    pub keyword: String,
    /// Monthly search volume.
    pub volume: i32,
    /// Difficulty 0–100.
    pub difficulty: i16,
    /// Search intent.
    pub intent: Intent,
    /// Country of the metrics.
    pub country: String,
    /// Offered in the library.
    pub is_active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}
