//! Response and request bodies of the planner routes.
#![allow(missing_docs)] // field names are the contract; see spec/API.md

use crate::error::ApiError;
use chrono::{DateTime, Utc};
use kernel::{
    ClusterId, FieldErrors, IdeaId, IndustryId, IndustrySectorId, KeywordId, SectorId,
    SeedKeywordId, SiteId,
};
use planning::keywords::ClusterFilter;
use planning::model::{
    ClusterWithStats, ContentStructure, ContentType, Idea, IdeaStatus, Intent, Keyword,
    MappingStatus, Outline,
};
use planning::seeds::SeedKeywordView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use super::super::tenancy::dto::FilterOption;

/// A keyword.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeywordDto {
    pub id: KeywordId,
    pub site_id: SiteId,
    pub sector_id: SectorId,
    pub keyword: String,
    /// Monthly search volume; null when unknown (an import without a volume column).
    pub volume: Option<i32>,
    pub difficulty: Option<i16>,
    pub intent: Option<Intent>,
    pub cpc_cents: Option<i32>,
    pub country: Option<String>,
    pub status: MappingStatus,
    pub disabled: bool,
    pub cluster_id: Option<ClusterId>,
    pub seed_keyword_id: Option<SeedKeywordId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Keyword> for KeywordDto {
    fn from(k: Keyword) -> Self {
        Self {
            id: k.id,
            site_id: k.site_id,
            sector_id: k.sector_id,
            keyword: k.keyword,
            volume: k.volume,
            difficulty: k.difficulty,
            intent: k.intent,
            cpc_cents: k.cpc_cents,
            country: k.country,
            status: k.status,
            disabled: k.disabled,
            cluster_id: k.cluster_id,
            seed_keyword_id: k.seed_keyword_id,
            created_at: k.created_at,
            updated_at: k.updated_at,
        }
    }
}

/// A cluster with its aggregates.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClusterDto {
    pub id: ClusterId,
    pub site_id: SiteId,
    pub sector_id: SectorId,
    pub name: String,
    pub description: String,
    pub status: MappingStatus,
    pub disabled: bool,
    pub keywords_count: i64,
    pub volume: i64,
    pub difficulty: Option<i32>,
    pub ideas_count: i64,
    pub content_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ClusterWithStats> for ClusterDto {
    fn from(c: ClusterWithStats) -> Self {
        let (k, s) = (c.cluster, c.stats);
        Self {
            id: k.id,
            site_id: k.site_id,
            sector_id: k.sector_id,
            name: k.name,
            description: k.description,
            status: k.status,
            disabled: k.disabled,
            keywords_count: s.keywords_count,
            volume: s.volume,
            difficulty: s.difficulty,
            ideas_count: s.ideas_count,
            content_count: s.content_count,
            created_at: k.created_at,
            updated_at: k.updated_at,
        }
    }
}

/// A content idea.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaDto {
    pub id: IdeaId,
    pub site_id: SiteId,
    pub sector_id: SectorId,
    pub cluster_id: Option<ClusterId>,
    pub idea_title: String,
    pub description: String,
    pub outline: Outline,
    pub keyword_ids: Vec<KeywordId>,
    pub content_type: ContentType,
    pub content_structure: ContentStructure,
    pub estimated_word_count: i32,
    pub status: IdeaStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Idea> for IdeaDto {
    fn from(i: Idea) -> Self {
        let r = i.row;
        Self {
            id: r.id,
            site_id: r.site_id,
            sector_id: r.sector_id,
            cluster_id: r.cluster_id,
            idea_title: r.idea_title,
            description: r.description,
            outline: i.outline,
            keyword_ids: i.keyword_ids,
            content_type: r.content_type,
            content_structure: r.content_structure,
            estimated_word_count: r.estimated_word_count,
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A seed keyword of the library.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeedKeywordDto {
    pub id: SeedKeywordId,
    pub keyword: String,
    pub volume: i32,
    pub difficulty: i16,
    pub intent: Intent,
    pub country: String,
    pub industry_id: IndustryId,
    pub industry_name: String,
    /// The industry sector (global), not a site's sector.
    pub sector_id: IndustrySectorId,
    pub sector_name: String,
}

impl From<SeedKeywordView> for SeedKeywordDto {
    fn from(v: SeedKeywordView) -> Self {
        Self {
            id: v.seed.id,
            keyword: v.seed.keyword,
            volume: v.seed.volume,
            difficulty: v.seed.difficulty,
            intent: v.seed.intent,
            country: v.seed.country,
            industry_id: v.industry_id,
            industry_name: v.industry_name,
            sector_id: v.seed.industry_sector_id,
            sector_name: v.sector_name,
        }
    }
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
pub fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// New keyword.
#[derive(Debug, Deserialize, ToSchema)]
pub struct KeywordBody {
    /// Required.
    #[schema(value_type = i64, required = true)]
    pub site_id: Option<SiteId>,
    /// Required; a sector of the site.
    #[schema(value_type = i64, required = true)]
    pub sector_id: Option<SectorId>,
    #[schema(format = "keyword", max_length = 255)]
    pub keyword: String,
    #[schema(minimum = 0)]
    pub volume: Option<i32>,
    #[schema(minimum = 0, maximum = 100)]
    pub difficulty: Option<i16>,
    pub intent: Option<Intent>,
    #[schema(minimum = 0)]
    pub cpc_cents: Option<i32>,
    #[schema(format = "country")]
    pub country: Option<String>,
    pub status: Option<MappingStatus>,
    pub disabled: Option<bool>,
    pub cluster_id: Option<ClusterId>,
}

/// Keyword changes; `null` clears a nullable field.
#[derive(Debug, Deserialize, ToSchema)]
pub struct KeywordPatch {
    #[schema(format = "keyword", max_length = 255)]
    pub keyword: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i32>, minimum = 0)]
    pub volume: Option<Option<i32>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i16>, minimum = 0, maximum = 100)]
    pub difficulty: Option<Option<i16>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Intent>)]
    pub intent: Option<Option<Intent>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i32>, minimum = 0)]
    pub cpc_cents: Option<Option<i32>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = "country")]
    pub country: Option<Option<String>>,
    pub status: Option<MappingStatus>,
    pub disabled: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub cluster_id: Option<Option<ClusterId>>,
}

/// `{"ids": [...]}` of a bulk action (at most 1,000).
#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkIds {
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000, required = true)]
    pub ids: Vec<i64>,
}

/// `{"affected": N}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Affected {
    pub affected: usize,
}

/// `keywords/bulk_update/` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct KeywordBulkUpdate {
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000, required = true)]
    pub ids: Vec<KeywordId>,
    pub status: Option<MappingStatus>,
    pub disabled: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub cluster_id: Option<Option<ClusterId>>,
}

/// `keywords/bulk_add_from_seed/` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AddFromSeedBody {
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000, required = true)]
    pub seed_keyword_ids: Vec<SeedKeywordId>,
    /// Required.
    #[schema(value_type = i64, required = true)]
    pub site_id: Option<SiteId>,
    /// Required; a sector of the site.
    #[schema(value_type = i64, required = true)]
    pub sector_id: Option<SectorId>,
}

/// `keywords/import_csv/` as multipart/form-data.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // documents the form; the handler reads the parts as a stream
pub struct ImportForm {
    /// The CSV file (comma, semicolon or tab; UTF-8 or UTF-16).
    #[schema(value_type = String, format = Binary, content_media_type = "text/csv")]
    pub file: Vec<u8>,
    pub site_id: i64,
    pub sector_id: i64,
}

/// New cluster.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ClusterBody {
    /// Required.
    #[schema(value_type = i64, required = true)]
    pub site_id: Option<SiteId>,
    /// Required; a sector of the site.
    #[schema(value_type = i64, required = true)]
    pub sector_id: Option<SectorId>,
    #[serde(default)]
    #[schema(format = "not-blank", max_length = 255, required = true)]
    pub name: String,
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    pub status: Option<MappingStatus>,
    pub disabled: Option<bool>,
}

/// Cluster changes.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ClusterPatch {
    #[schema(format = "not-blank", max_length = 255)]
    pub name: Option<String>,
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    pub status: Option<MappingStatus>,
    pub disabled: Option<bool>,
}

/// New idea.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdeaBody {
    /// Required.
    #[schema(value_type = i64, required = true)]
    pub site_id: Option<SiteId>,
    /// Required; a sector of the site.
    #[schema(value_type = i64, required = true)]
    pub sector_id: Option<SectorId>,
    pub cluster_id: Option<ClusterId>,
    #[serde(default)]
    #[schema(format = "not-blank", max_length = 255, required = true)]
    pub idea_title: String,
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    pub outline: Option<Outline>,
    #[serde(default)]
    pub keyword_ids: Vec<KeywordId>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
    #[schema(minimum = 0, maximum = 100000)]
    pub estimated_word_count: Option<i32>,
    pub status: Option<IdeaStatus>,
}

/// Idea changes; `keyword_ids` replaces the list.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdeaPatch {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub cluster_id: Option<Option<ClusterId>>,
    #[schema(format = "not-blank", max_length = 255)]
    pub idea_title: Option<String>,
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    pub outline: Option<Outline>,
    pub keyword_ids: Option<Vec<KeywordId>>,
    pub content_type: Option<ContentType>,
    pub content_structure: Option<ContentStructure>,
    #[schema(minimum = 0, maximum = 100000)]
    pub estimated_word_count: Option<i32>,
    pub status: Option<IdeaStatus>,
}

/// Parses a `cluster_id` filter: a number, or `null`/`none` for "no cluster".
pub fn cluster_filter(raw: Option<&str>) -> Result<Option<ClusterFilter>, ApiError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) if s.eq_ignore_ascii_case("null") || s.eq_ignore_ascii_case("none") => {
            Ok(Some(ClusterFilter::Unclustered))
        }
        Some(s) => s
            .parse::<i64>()
            .map(|id| Some(ClusterFilter::Is(ClusterId(id))))
            .map_err(|_| {
                ApiError::Validation(FieldErrors::single(
                    "cluster_id",
                    "Give a cluster id, or null for keywords without a cluster.",
                ))
            }),
    }
}

/// `[All, ...values]` for a `filter_options` field.
pub fn options<I: IntoIterator<Item = (String, String)>>(values: I) -> Vec<FilterOption> {
    std::iter::once(FilterOption::all())
        .chain(
            values
                .into_iter()
                .map(|(value, label)| FilterOption { value, label }),
        )
        .collect()
}

/// Options of a `disabled` flag.
pub fn disabled_options(values: Vec<bool>) -> Vec<FilterOption> {
    options(values.into_iter().map(|b| {
        (
            b.to_string(),
            if b { "Disabled" } else { "Enabled" }.to_owned(),
        )
    }))
}

/// Options of a cluster field (plus "No cluster" when some rows have none).
pub fn cluster_options(clusters: Vec<(ClusterId, String)>, unclustered: bool) -> Vec<FilterOption> {
    let mut v = options(clusters.into_iter().map(|(id, n)| (id.to_string(), n)));
    if unclustered {
        v.push(FilterOption {
            value: "null".into(),
            label: "No cluster".into(),
        });
    }
    v
}
