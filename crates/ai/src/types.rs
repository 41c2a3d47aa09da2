//! Typed inputs and outputs of the five AI functions.
//!
//! Enum values serialize to the same snake_case strings the API and the database use
//! (`informational`, `post`, `landing_page`, `in_article`, `webp`, ...).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declares a string-valued enum with serde, `as_str`, `ALL`, `Display` and `FromStr`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire and database spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let all: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!("unknown {} `{}`, expected one of: {}", stringify!($name), s, all.join(", "))
                    })
            }
        }
    };
}

string_enum! {
    /// Search intent of a keyword.
    Intent {
        /// The searcher wants to learn something.
        Informational => "informational",
        /// The searcher wants a specific site or page.
        Navigational => "navigational",
        /// The searcher compares options before buying.
        Commercial => "commercial",
        /// The searcher wants to buy or act now.
        Transactional => "transactional",
    }
}

string_enum! {
    /// What kind of WordPress object a piece of content becomes.
    ContentType {
        /// A blog post.
        Post => "post",
        /// A static page.
        Page => "page",
        /// A product.
        Product => "product",
        /// A taxonomy (category, tag) page.
        Taxonomy => "taxonomy",
    }
}

string_enum! {
    /// How a piece of content is organised.
    ContentStructure {
        /// A plain article.
        Article => "article",
        /// A long how-to or reference guide.
        Guide => "guide",
        /// X versus Y.
        Comparison => "comparison",
        /// A review of one product or service.
        Review => "review",
        /// A numbered list ("7 best ...").
        Listicle => "listicle",
        /// A landing page.
        LandingPage => "landing_page",
        /// A page about the business.
        BusinessPage => "business_page",
        /// A page selling a service.
        ServicePage => "service_page",
        /// Anything else.
        General => "general",
        /// A hub page linking a cluster's articles.
        ClusterHub => "cluster_hub",
        /// A product page.
        ProductPage => "product_page",
        /// A category archive.
        CategoryArchive => "category_archive",
        /// A tag archive.
        TagArchive => "tag_archive",
        /// A product attribute archive.
        AttributeArchive => "attribute_archive",
    }
}

impl ContentStructure {
    /// The usual length of an article of this structure, in words.
    pub fn default_word_count(self) -> u32 {
        match self {
            ContentStructure::Guide | ContentStructure::ClusterHub => 2000,
            ContentStructure::Comparison => 1800,
            ContentStructure::Review => 1600,
            ContentStructure::Listicle => 1500,
            ContentStructure::Article | ContentStructure::General => 1200,
            ContentStructure::LandingPage
            | ContentStructure::BusinessPage
            | ContentStructure::ServicePage => 1000,
            ContentStructure::ProductPage => 900,
            ContentStructure::CategoryArchive
            | ContentStructure::TagArchive
            | ContentStructure::AttributeArchive => 600,
        }
    }
}

string_enum! {
    /// Where an image goes in an article.
    ImageType {
        /// The post's featured image.
        Featured => "featured",
        /// An image inside the body.
        InArticle => "in_article",
    }
}

string_enum! {
    /// Encoded image format.
    ImageFormat {
        /// PNG.
        Png => "png",
        /// WebP (lossless when rendered offline).
        Webp => "webp",
    }
}

impl ImageFormat {
    /// The MIME type of this format.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Webp => "image/webp",
        }
    }
}

/// Tokens and model of one provider call, for cost tracking and credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Model name as the provider reported it (or the offline algorithm's name).
    pub model: String,
    /// Prompt tokens (estimated as words × 1.33 offline).
    pub tokens_in: u64,
    /// Completion tokens (estimated as words × 1.33 offline).
    pub tokens_out: u64,
    /// Provider name: `offline` or `openai`.
    pub provider: String,
}

impl Usage {
    /// Adds another call's tokens to this one (a repaired answer costs both calls).
    pub fn add(&mut self, other: &Usage) {
        self.tokens_in += other.tokens_in;
        self.tokens_out += other.tokens_out;
    }

    /// Total tokens in and out.
    pub fn total_tokens(&self) -> u64 {
        self.tokens_in + self.tokens_out
    }
}

/// A function's typed output together with what producing it cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generated<T> {
    /// The typed, validated output.
    pub output: T,
    /// Tokens and model used.
    pub usage: Usage,
}

/// One keyword to cluster or to write about. `id` is the caller's keyword id, echoed back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeywordIn {
    /// The caller's keyword id, returned in `keyword_ids`.
    pub id: i64,
    /// The keyword text.
    pub keyword: String,
    /// Monthly search volume.
    pub volume: i32,
    /// Ranking difficulty, 0–100.
    pub difficulty: i16,
    /// Search intent.
    pub intent: Intent,
}

/// One topic cluster found by `cluster_keywords`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterOut {
    /// Short title-cased name.
    pub name: String,
    /// One sentence about the cluster.
    pub description: String,
    /// Ids of the input keywords in this cluster; no id is in two clusters.
    pub keyword_ids: Vec<i64>,
}

/// Result of `cluster_keywords`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusteringOut {
    /// The clusters, biggest volume first.
    pub clusters: Vec<ClusterOut>,
    /// Input keywords the answer placed in no cluster (ascending ids).
    #[serde(default)]
    pub unclustered: Vec<i64>,
}

/// A cluster to generate article ideas for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterIn {
    /// Cluster name.
    pub name: String,
    /// Cluster description (may be empty).
    pub description: String,
    /// The cluster's keywords (at least one).
    pub keywords: Vec<KeywordIn>,
}

/// One H2 section of an outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineSection {
    /// The section heading.
    pub heading: String,
    /// What the section covers.
    pub notes: String,
}

/// An article outline, stored as `{"sections": [{"heading", "notes"}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Outline {
    /// The sections in order.
    pub sections: Vec<OutlineSection>,
}

/// One article idea from `generate_ideas`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaOut {
    /// Working title.
    pub title: String,
    /// Two or three sentences on the angle and the reader.
    pub description: String,
    /// Six to ten H2 sections.
    pub outline: Outline,
    /// The keyword the article targets first.
    pub primary_keyword: String,
    /// Ids of the cluster keywords the idea covers (the primary one included).
    pub keyword_ids: Vec<i64>,
    /// What the content becomes in WordPress.
    pub content_type: ContentType,
    /// How the content is organised.
    pub content_structure: ContentStructure,
    /// Target length in words.
    pub estimated_word_count: u32,
}

/// What to write for `generate_content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentIn {
    /// Article title.
    pub title: String,
    /// The outline to follow section by section.
    pub outline: Vec<OutlineSection>,
    /// Keyword for the first paragraph and some headings.
    pub primary_keyword: String,
    /// Keywords to spread through the body.
    pub secondary_keywords: Vec<String>,
    /// What the content becomes in WordPress.
    pub content_type: ContentType,
    /// How the content is organised.
    pub content_structure: ContentStructure,
    /// Wanted length in words.
    pub target_word_count: u32,
}

/// A written article from `generate_content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentOut {
    /// Body HTML: `h2`, `h3`, `p`, `ul`/`ol`/`li`, `table`, `strong`/`em`; no `h1`, no scripts.
    pub html: String,
    /// At most 60 characters.
    pub meta_title: String,
    /// At most 160 characters.
    pub meta_description: String,
    /// Three to six tags.
    pub tags: Vec<String>,
    /// One or two categories.
    pub categories: Vec<String>,
    /// Words of text in `html`, counted by [`crate::count_words`].
    pub word_count: u32,
}

/// What to make image prompts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImagePromptIn {
    /// Article title.
    pub title: String,
    /// The article's H2 headings in order.
    pub section_headings: Vec<String>,
    /// How many in-article images besides the featured one.
    pub n_in_article: usize,
}

/// One image prompt from `image_prompts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImagePromptOut {
    /// Featured or in-article.
    pub image_type: ImageType,
    /// 0 for the featured image; 1.. for in-article images in reading order.
    pub position: u32,
    /// The prompt to send to the image model.
    pub prompt: String,
}

/// An encoded image from `generate_image`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageOut {
    /// The encoded file.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The model that made it (`offline-image-v1` offline), for per-image credits.
    pub model: String,
    /// Provider name: `offline` or `openai`.
    pub provider: String,
}

impl fmt::Debug for ImageOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never dump megabytes of image bytes into a log line.
        f.debug_struct("ImageOut")
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("format", &self.format)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("model", &self.model)
            .field("provider", &self.provider)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_their_wire_names() {
        for s in ContentStructure::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(s.as_str().parse::<ContentStructure>().unwrap(), *s);
        }
        assert_eq!(
            "Landing_Page".parse::<ContentStructure>().unwrap(),
            ContentStructure::LandingPage
        );
        assert_eq!(
            serde_json::to_string(&ImageType::InArticle).unwrap(),
            "\"in_article\""
        );
        let err = "blog".parse::<ContentType>().unwrap_err();
        assert!(err.contains("post, page, product, taxonomy"), "{err}");
    }

    #[test]
    fn usage_adds_tokens() {
        let mut a = Usage {
            model: "m".into(),
            tokens_in: 10,
            tokens_out: 5,
            provider: "p".into(),
        };
        a.add(&Usage {
            model: "m".into(),
            tokens_in: 1,
            tokens_out: 2,
            provider: "p".into(),
        });
        assert_eq!((a.tokens_in, a.tokens_out, a.total_tokens()), (11, 7, 18));
    }

    #[test]
    fn image_debug_hides_bytes() {
        let img = ImageOut {
            bytes: vec![7; 5000],
            format: ImageFormat::Png,
            width: 1,
            height: 1,
            model: "m".into(),
            provider: "offline".into(),
        };
        let s = format!("{img:?}");
        assert!(s.contains("<5000 bytes>") && !s.contains("7, 7"), "{s}");
    }
}
