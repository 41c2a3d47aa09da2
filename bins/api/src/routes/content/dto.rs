//! Response and request bodies of the writer routes.
#![allow(missing_docs)] // field names are the contract; see spec/API.md

use chrono::{DateTime, Utc};
use content::model::{
    ContentItem, ContentSource, ContentStatus, ContentStructure, ContentType, Image, ImageFormat,
    ImageStatus, ImageType, SiteStatus, Task, TaskStatus, Taxonomy, TaxonomyType,
};
use kernel::{ClusterId, ContentId, IdeaId, ImageId, SectorId, SiteId, TaskId, TaxonomyId};
use serde::{Deserialize, Deserializer, Serialize};
use std::str::FromStr;
use utoipa::ToSchema;

/// `Some(value)` for a present key, so a PATCH can tell "absent" from `null` (which clears).
pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A query value where an empty string (the "All" filter option) means "no filter".
pub fn empty_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|e| serde::de::Error::custom(format!("invalid value {s:?}: {e}"))),
    }
}

/// `{"ids": [...]}` of a bulk action (at most 1,000).
#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkIdsBody {
    #[schema(min_items = 1, max_items = 1000)]
    pub ids: Vec<i64>,
}

/// `{"affected": N}` of a bulk action.
#[derive(Debug, Serialize, ToSchema)]
pub struct AffectedDto {
    pub affected: usize,
}

// ------------------------------------------------------------------------------------ tasks

/// A writer task.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskDto {
    pub id: TaskId,
    pub site_id: SiteId,
    pub sector_id: SectorId,
    pub cluster_id: Option<ClusterId>,
    pub idea_id: Option<IdeaId>,
    pub title: String,
    pub description: String,
    /// `{"sections": [{"heading": "...", "notes": "..."}]}` carried over from the idea.
    #[schema(value_type = Option<Object>)]
    pub outline: Option<serde_json::Value>,
    /// Comma-separated keywords.
    pub keywords: String,
    pub primary_keyword: String,
    pub secondary_keywords: Vec<String>,
    pub content_type: ContentType,
    pub content_structure: ContentStructure,
    /// Target word count (0 = none).
    pub word_count: i32,
    pub status: TaskStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Task> for TaskDto {
    fn from(t: Task) -> Self {
        Self {
            id: t.id,
            site_id: t.site_id,
            sector_id: t.sector_id,
            cluster_id: t.cluster_id,
            idea_id: t.idea_id,
            title: t.title,
            description: t.description,
            outline: t.outline,
            keywords: t.keywords,
            primary_keyword: t.primary_keyword,
            secondary_keywords: t.secondary_keywords.0,
            content_type: t.content_type,
            content_structure: t.content_structure,
            word_count: t.word_count,
            status: t.status,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

/// A task to create; it starts `queued`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskCreateBody {
    pub site_id: i64,
    pub sector_id: i64,
    #[schema(format = "not-blank", max_length = 500)]
    pub title: String,
    pub cluster_id: Option<i64>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    /// `{"sections": [{"heading", "notes"}]}`, as an idea's.
    pub outline: Option<planning::model::Outline>,
    #[schema(max_length = 5000)]
    pub keywords: Option<String>,
    #[schema(max_length = 255)]
    pub primary_keyword: Option<String>,
    pub secondary_keywords: Option<Vec<String>>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
    #[schema(minimum = 0, maximum = 100000)]
    pub word_count: Option<i32>,
}

/// A change to a task; absent keys stay, `null` clears `cluster_id`/`outline`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TaskPatchBody {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub cluster_id: Option<Option<i64>>,
    #[schema(format = "not-blank", max_length = 500)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    /// `{"sections": [{"heading", "notes"}]}`, as an idea's; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<planning::model::Outline>)]
    pub outline: Option<Option<planning::model::Outline>>,
    #[schema(max_length = 5000)]
    pub keywords: Option<String>,
    #[schema(max_length = 255)]
    pub primary_keyword: Option<String>,
    pub secondary_keywords: Option<Vec<String>>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
    #[schema(minimum = 0, maximum = 100000)]
    pub word_count: Option<i32>,
    /// queued → in_progress | failed; in_progress → completed | failed | queued;
    /// failed → queued; completed → queued. Others: 422 `invalid_state`.
    pub status: Option<TaskStatus>,
}

/// The same change for many tasks.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskBulkUpdateBody {
    #[schema(min_items = 1, max_items = 1000)]
    pub ids: Vec<i64>,
    pub status: Option<TaskStatus>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub cluster_id: Option<Option<i64>>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
}

// ---------------------------------------------------------------------------------- content

/// A content item. `tags` and `categories` are lists of term names.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContentDto {
    pub id: ContentId,
    pub site_id: SiteId,
    pub sector_id: SectorId,
    pub cluster_id: Option<ClusterId>,
    pub idea_id: Option<IdeaId>,
    pub task_id: Option<TaskId>,
    pub title: String,
    /// Sanitized HTML.
    pub content_html: String,
    /// Words in the text of `content_html`.
    pub word_count: i32,
    pub meta_title: String,
    pub meta_description: String,
    pub primary_keyword: String,
    pub secondary_keywords: Vec<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub content_type: ContentType,
    pub content_structure: ContentStructure,
    pub status: ContentStatus,
    pub site_status: SiteStatus,
    pub scheduled_publish_at: Option<DateTime<Utc>>,
    pub external_id: Option<String>,
    pub external_url: Option<String>,
    /// When it last went live on its site.
    pub published_at: Option<DateTime<Utc>>,
    pub source: ContentSource,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ContentItem> for ContentDto {
    fn from(i: ContentItem) -> Self {
        let c = i.content;
        Self {
            id: c.id,
            site_id: c.site_id,
            sector_id: c.sector_id,
            cluster_id: c.cluster_id,
            idea_id: c.idea_id,
            task_id: c.task_id,
            title: c.title,
            content_html: c.content_html,
            word_count: c.word_count,
            meta_title: c.meta_title,
            meta_description: c.meta_description,
            primary_keyword: c.primary_keyword,
            secondary_keywords: c.secondary_keywords.0,
            tags: i.tags,
            categories: i.categories,
            content_type: c.content_type,
            content_structure: c.content_structure,
            status: c.status,
            site_status: c.site_status,
            scheduled_publish_at: c.scheduled_publish_at,
            external_id: c.external_id,
            external_url: c.external_url,
            published_at: c.published_at,
            source: c.source,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A content item to create; it starts as a `draft`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ContentCreateBody {
    pub site_id: i64,
    pub sector_id: i64,
    /// The task it is written for (same site and sector).
    pub task_id: Option<i64>,
    pub cluster_id: Option<i64>,
    #[schema(format = "not-blank", max_length = 500)]
    pub title: String,
    /// HTML; sanitized before it is stored.
    pub content_html: Option<String>,
    /// ≤ 60 characters recommended, 255 at most.
    #[schema(max_length = 255)]
    pub meta_title: Option<String>,
    #[schema(max_length = 1000)]
    pub meta_description: Option<String>,
    #[schema(max_length = 255)]
    pub primary_keyword: Option<String>,
    pub secondary_keywords: Option<Vec<String>>,
    /// Tag names; missing tags of the site are created.
    pub tags: Option<Vec<String>>,
    /// Category names; missing categories of the site are created.
    pub categories: Option<Vec<String>>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
}

/// A change to a content item. Editing an approved item sends it back to `draft`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ContentPatchBody {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub cluster_id: Option<Option<i64>>,
    #[schema(format = "not-blank", max_length = 500)]
    pub title: Option<String>,
    pub content_html: Option<String>,
    #[schema(max_length = 255)]
    pub meta_title: Option<String>,
    #[schema(max_length = 1000)]
    pub meta_description: Option<String>,
    #[schema(max_length = 255)]
    pub primary_keyword: Option<String>,
    pub secondary_keywords: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
    /// draft → review; review → approved | draft; approved → draft. Others: 422.
    pub status: Option<ContentStatus>,
}

// ------------------------------------------------------------------------------- taxonomies

/// A category or tag of a site.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaxonomyDto {
    pub id: TaxonomyId,
    pub site_id: SiteId,
    pub name: String,
    pub slug: String,
    pub taxonomy_type: TaxonomyType,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Taxonomy> for TaxonomyDto {
    fn from(t: Taxonomy) -> Self {
        Self {
            id: t.id,
            site_id: t.site_id,
            name: t.name,
            slug: t.slug,
            taxonomy_type: t.taxonomy_type,
            external_id: t.external_id,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

/// A term to create; the slug defaults to one derived from the name.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TaxonomyCreateBody {
    pub site_id: i64,
    #[schema(format = "not-blank", max_length = 200)]
    pub name: String,
    #[schema(format = "slug")]
    pub slug: Option<String>,
    pub taxonomy_type: TaxonomyType,
    #[schema(max_length = 255)]
    pub external_id: Option<String>,
}

/// A change to a term.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TaxonomyPatchBody {
    #[schema(format = "not-blank", max_length = 200)]
    pub name: Option<String>,
    #[schema(format = "slug")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 255)]
    pub external_id: Option<Option<String>>,
}

// ----------------------------------------------------------------------------------- images

/// An image of a content item. `url` is the file route for stored files.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImageDto {
    pub id: ImageId,
    pub content_id: ContentId,
    pub image_type: ImageType,
    pub position: i32,
    pub prompt: String,
    pub status: ImageStatus,
    pub url: Option<String>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub format: Option<ImageFormat>,
    pub byte_size: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Image> for ImageDto {
    fn from(i: Image) -> Self {
        let url = if i.has_stored_file() {
            Some(format!("/api/v1/writer/images/{}/file/", i.id))
        } else {
            i.url
        };
        Self {
            id: i.id,
            content_id: i.content_id,
            image_type: i.image_type,
            position: i.position,
            prompt: i.prompt,
            status: i.status,
            url,
            width: i.width,
            height: i.height,
            format: i.format,
            byte_size: i.byte_size,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

/// The multipart form of `POST images/` (documentation only: the handler streams it).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ImageUploadForm {
    pub content_id: i64,
    /// `featured` or `in_article`.
    pub image_type: ImageType,
    /// 0 for featured (the default), 1..N for in-article.
    #[schema(value_type = i32)]
    pub position: Option<i32>,
    /// PNG, JPEG or WebP (checked by its bytes), at most 10 MiB.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}
