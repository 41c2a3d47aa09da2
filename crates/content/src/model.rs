//! Diesel rows of the writer tables and the value lists their text columns hold.

use chrono::{DateTime, Utc};
use db::schema::{content, images, tasks, taxonomies};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::prelude::*;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Jsonb, Text};
use kernel::{
    AccountId, ClusterId, ContentId, IdeaId, ImageId, SectorId, SiteId, TaskId, TaxonomyId,
};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// Declares a closed list of values stored as text: `as_str`, `parse`, a human `label`, `ALL`,
/// serde and OpenAPI under the stored names, and diesel `Text` conversions.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal / $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow,
            Serialize, Deserialize,
        )]
        #[diesel(sql_type = Text)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $s)] $variant),+
        }

        kernel::text_enum_schema!($name, [$($s),+]);

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored (and JSON) name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }

            /// A human label for filter options.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            /// Parses a stored name.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                $name::parse(s).ok_or_else(|| format!("expected one of {}", [$($s),+].join(", ")))
            }
        }

        impl From<$name> for FilterOption {
            fn from(v: $name) -> Self {
                FilterOption {
                    value: v.as_str().to_owned(),
                    label: v.label().to_owned(),
                }
            }
        }

        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                out.write_all(self.as_str().as_bytes())?;
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
                let s = std::str::from_utf8(bytes.as_bytes())?;
                $name::parse(s)
                    .ok_or_else(|| format!("unknown {} value {s:?}", stringify!($name)).into())
            }
        }
    };
}

text_enum!(
    /// Where a writer task is in its life.
    TaskStatus {
        /// Waiting to be written.
        Queued = "queued" / "Queued",
        /// Being written (by the AI engine or a person).
        InProgress = "in_progress" / "In progress",
        /// Its content exists.
        Completed = "completed" / "Completed",
        /// Writing failed; may be queued again.
        Failed = "failed" / "Failed",
    }
);

impl TaskStatus {
    /// True when a task may move from `self` to `to`. Staying put is always allowed.
    ///
    /// queued → in_progress | failed; in_progress → completed | failed | queued;
    /// failed → queued; completed → queued (to write it again).
    pub fn can_become(self, to: TaskStatus) -> bool {
        use TaskStatus::*;
        self == to
            || matches!(
                (self, to),
                (Queued, InProgress)
                    | (Queued, Failed)
                    | (InProgress, Completed)
                    | (InProgress, Failed)
                    | (InProgress, Queued)
                    | (Failed, Queued)
                    | (Completed, Queued)
            )
    }
}

text_enum!(
    /// Editorial status of a content item.
    ContentStatus {
        /// Being written or edited.
        Draft = "draft" / "Draft",
        /// Submitted for review.
        Review = "review" / "Review",
        /// Approved for publishing.
        Approved = "approved" / "Approved",
        /// Published (legacy; set by publishing, never by hand).
        Published = "published" / "Published",
    }
);

impl ContentStatus {
    /// True when a person may move content from `self` to `to` by the editorial API.
    ///
    /// draft → review; review → approved | draft; approved → draft. `published` is reached and
    /// left only by publishing. Staying put is not a transition and answers false.
    pub fn can_become(self, to: ContentStatus) -> bool {
        use ContentStatus::*;
        matches!(
            (self, to),
            (Draft, Review) | (Review, Approved) | (Review, Draft) | (Approved, Draft)
        )
    }
}

text_enum!(
    /// Publishing status of a content item on its site.
    SiteStatus {
        /// Not on the site.
        NotPublished = "not_published" / "Not published",
        /// Queued for a publish time.
        Scheduled = "scheduled" / "Scheduled",
        /// Being sent to the site.
        Publishing = "publishing" / "Publishing",
        /// Live on the site.
        Published = "published" / "Published",
        /// The last publish attempt failed.
        Failed = "failed" / "Failed",
    }
);

text_enum!(
    /// Where a content item was made.
    ContentSource {
        /// Written here.
        Igny8 = "igny8" / "IGNY8",
        /// Imported from WordPress.
        Wordpress = "wordpress" / "WordPress",
    }
);

text_enum!(
    /// What kind of page the content becomes.
    ContentType {
        /// A blog post.
        Post = "post" / "Post",
        /// A page.
        Page = "page" / "Page",
        /// A product.
        Product = "product" / "Product",
        /// A taxonomy (category/tag) archive.
        Taxonomy = "taxonomy" / "Taxonomy",
    }
);

text_enum!(
    /// The shape of the text (the same list on ideas, tasks and content).
    ContentStructure {
        /// Article.
        Article = "article" / "Article",
        /// Guide.
        Guide = "guide" / "Guide",
        /// Comparison.
        Comparison = "comparison" / "Comparison",
        /// Review.
        Review = "review" / "Review",
        /// Listicle.
        Listicle = "listicle" / "Listicle",
        /// Landing page.
        LandingPage = "landing_page" / "Landing page",
        /// Business page.
        BusinessPage = "business_page" / "Business page",
        /// Service page.
        ServicePage = "service_page" / "Service page",
        /// General.
        General = "general" / "General",
        /// Cluster hub.
        ClusterHub = "cluster_hub" / "Cluster hub",
        /// Product page.
        ProductPage = "product_page" / "Product page",
        /// Category archive.
        CategoryArchive = "category_archive" / "Category archive",
        /// Tag archive.
        TagArchive = "tag_archive" / "Tag archive",
        /// Attribute archive.
        AttributeArchive = "attribute_archive" / "Attribute archive",
    }
);

text_enum!(
    /// Kind of taxonomy term.
    TaxonomyType {
        /// A category.
        Category = "category" / "Category",
        /// A tag.
        Tag = "tag" / "Tag",
    }
);

text_enum!(
    /// Role of an image in its content.
    ImageType {
        /// The featured image (position 0).
        Featured = "featured" / "Featured",
        /// An image inside the article (positions 1..N).
        InArticle = "in_article" / "In article",
    }
);

text_enum!(
    /// Where an image is in its life.
    ImageStatus {
        /// Has a prompt, no file yet.
        Pending = "pending" / "Pending",
        /// Being generated.
        Generating = "generating" / "Generating",
        /// Has a file.
        Generated = "generated" / "Generated",
        /// Generation failed.
        Failed = "failed" / "Failed",
    }
);

text_enum!(
    /// A stored image's format, as read from its bytes.
    ImageFormat {
        /// PNG.
        Png = "png" / "PNG",
        /// JPEG.
        Jpeg = "jpeg" / "JPEG",
        /// WebP.
        Webp = "webp" / "WebP",
    }
);

impl ImageFormat {
    /// The MIME type served for it.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
        }
    }

    /// The file extension of stored files.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Webp => "webp",
        }
    }
}

/// A list of strings stored as a JSON array (`secondary_keywords`).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, AsExpression, FromSqlRow, Serialize, Deserialize,
)]
#[diesel(sql_type = Jsonb)]
#[serde(transparent)]
pub struct StringList(pub Vec<String>);

impl ToSql<Jsonb, Pg> for StringList {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        // jsonb's binary format: a version byte, then the JSON text
        out.write_all(&[1])?;
        serde_json::to_writer(out, &self.0)?;
        Ok(IsNull::No)
    }
}

impl FromSql<Jsonb, Pg> for StringList {
    fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
        let v = <serde_json::Value as FromSql<Jsonb, Pg>>::from_sql(bytes)?;
        Ok(StringList(serde_json::from_value(v)?))
    }
}

/// A writer task: what to write, for which site and sector.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tasks, check_for_backend(Pg))]
pub struct Task {
    /// Id.
    pub id: TaskId,
    /// Owner account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Sector of the site.
    pub sector_id: SectorId,
    /// Planner cluster, if any.
    pub cluster_id: Option<ClusterId>,
    /// The idea the task was made from, if any (one task per idea).
    pub idea_id: Option<IdeaId>,
    /// Working title.
    pub title: String,
    /// Brief.
    pub description: String,
    /// Outline carried over from the idea (`{"sections": [...]}`).
    pub outline: Option<serde_json::Value>,
    /// Target keywords, comma-separated.
    pub keywords: String,
    /// Primary keyword.
    pub primary_keyword: String,
    /// Secondary keywords.
    pub secondary_keywords: StringList,
    /// Content type.
    pub content_type: ContentType,
    /// Content structure.
    pub content_structure: ContentStructure,
    /// Target word count.
    pub word_count: i32,
    /// Status.
    pub status: TaskStatus,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// A content item's row (its tags and categories live in `content_taxonomies`).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = content, check_for_backend(Pg))]
pub struct Content {
    /// Id.
    pub id: ContentId,
    /// Owner account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Sector of the site.
    pub sector_id: SectorId,
    /// Planner cluster, if any.
    pub cluster_id: Option<ClusterId>,
    /// Planner idea, if any.
    pub idea_id: Option<IdeaId>,
    /// The task it was written for, if any.
    pub task_id: Option<TaskId>,
    /// Title.
    pub title: String,
    /// Sanitized HTML body.
    pub content_html: String,
    /// Words in the body's text.
    pub word_count: i32,
    /// SEO title.
    pub meta_title: String,
    /// SEO description.
    pub meta_description: String,
    /// Primary keyword.
    pub primary_keyword: String,
    /// Secondary keywords.
    pub secondary_keywords: StringList,
    /// Content type.
    pub content_type: ContentType,
    /// Content structure.
    pub content_structure: ContentStructure,
    /// Editorial status.
    pub status: ContentStatus,
    /// Publishing status on the site.
    pub site_status: SiteStatus,
    /// When publishing is scheduled.
    pub scheduled_publish_at: Option<DateTime<Utc>>,
    /// Id on the site (e.g. the WordPress post id).
    pub external_id: Option<String>,
    /// URL on the site.
    pub external_url: Option<String>,
    /// Where it was made.
    pub source: ContentSource,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
    /// When it last went live on its site.
    pub published_at: Option<DateTime<Utc>>,
}

/// A content item with its terms, as the API shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentItem {
    /// The row.
    pub content: Content,
    /// Names of its tags, by name.
    pub tags: Vec<String>,
    /// Names of its categories, by name.
    pub categories: Vec<String>,
}

/// A category or tag of a site.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = taxonomies, check_for_backend(Pg))]
pub struct Taxonomy {
    /// Id.
    pub id: TaxonomyId,
    /// Owner account.
    pub account_id: AccountId,
    /// Site.
    pub site_id: SiteId,
    /// Display name.
    pub name: String,
    /// Slug, unique per (site, type).
    pub slug: String,
    /// Category or tag.
    pub taxonomy_type: TaxonomyType,
    /// Id on the site (e.g. the WordPress term id).
    pub external_id: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

/// An image of a content item.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = images, check_for_backend(Pg))]
pub struct Image {
    /// Id.
    pub id: ImageId,
    /// Owner account.
    pub account_id: AccountId,
    /// Site (the content's).
    pub site_id: SiteId,
    /// The content item.
    pub content_id: ContentId,
    /// Featured or in-article.
    pub image_type: ImageType,
    /// 0 for featured, 1..N in the article.
    pub position: i32,
    /// Generation prompt.
    pub prompt: String,
    /// Status.
    pub status: ImageStatus,
    /// External URL, when the file is not stored here.
    pub url: Option<String>,
    /// Content-addressed key in the media store, when stored here.
    pub storage_key: Option<String>,
    /// SHA-256 of the stored bytes (hex).
    pub sha256: Option<String>,
    /// Width in pixels.
    pub width: Option<i32>,
    /// Height in pixels.
    pub height: Option<i32>,
    /// Format read from the bytes.
    pub format: Option<ImageFormat>,
    /// Size of the stored file.
    pub byte_size: Option<i64>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Updated.
    pub updated_at: DateTime<Utc>,
}

impl Image {
    /// True when the file is kept in the media store (served by `images/{id}/file/`).
    pub fn has_stored_file(&self) -> bool {
        self.storage_key.is_some()
    }
}

/// One value of a `filter_options` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterOption {
    /// The query value.
    pub value: String,
    /// What the UI shows.
    pub label: String,
}

/// A field's options, without the leading "All" (the API adds it).
pub type FilterOptions = Vec<(&'static str, Vec<FilterOption>)>;
