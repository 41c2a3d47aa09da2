//! The offline provider, the default: real, deterministic algorithms with no network.
//!
//! - clustering: IDF-weighted cosine over stemmed terms, head-first grouping, reassignment
//!   ([`cluster`](self::ClusterParams) has the details);
//! - ideas: title patterns by intent and keyword modifiers, outlines from sub-topics;
//! - content: HTML following the outline, from templates seeded by the title;
//! - image prompts: featured + in-article from the title and headings;
//! - images: a hash-seeded landscape composition rendered with the `image` crate.
//!
//! Tokens are estimated as words × 1.33 so that credits can be charged the same way as for a
//! real model.

mod cluster;
mod content;
mod ideas;
mod image_prompts;
mod render;
pub(crate) mod text;

pub use cluster::Params as ClusterParams;
pub use content::count_words;
pub(crate) use content::{META_DESCRIPTION_MAX, META_TITLE_MAX, truncate_words};
pub(crate) use render::encode as encode_rgb;

use crate::error::Result;
use crate::provider::{ImageProvider, TextProvider};
use crate::types::{
    ClusterIn, ClusteringOut, ContentIn, ContentOut, Generated, IdeaOut, ImageFormat, ImageOut,
    ImagePromptIn, ImagePromptOut, KeywordIn, Usage,
};
use crate::validate;
use text::estimate_tokens;

/// Provider name of everything offline.
pub const PROVIDER: &str = "offline";
/// Model names reported in [`Usage::model`].
pub const CLUSTER_MODEL: &str = "offline-clusterer-v1";
/// See [`CLUSTER_MODEL`].
pub const IDEAS_MODEL: &str = "offline-planner-v1";
/// See [`CLUSTER_MODEL`].
pub const WRITER_MODEL: &str = "offline-writer-v1";
/// See [`CLUSTER_MODEL`].
pub const IMAGE_PROMPTS_MODEL: &str = "offline-prompter-v1";
/// See [`CLUSTER_MODEL`].
pub const IMAGE_MODEL: &str = render::MODEL;

/// The offline provider. Cheap to build and to clone.
#[derive(Debug, Clone, Default)]
pub struct OfflineProvider {
    params: ClusterParams,
}

impl OfflineProvider {
    /// With default clustering parameters.
    pub fn new() -> OfflineProvider {
        OfflineProvider::default()
    }

    /// With custom clustering parameters.
    pub fn with_cluster_params(params: ClusterParams) -> OfflineProvider {
        OfflineProvider { params }
    }
}

fn usage(model: &str, input: &str, output: &str) -> Usage {
    Usage {
        model: model.to_owned(),
        tokens_in: estimate_tokens(input),
        tokens_out: estimate_tokens(output),
        provider: PROVIDER.to_owned(),
    }
}

fn json_text<T: serde::Serialize>(v: &T) -> String {
    // Serialising plain data structs cannot fail; an empty string only skews a token estimate.
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace(['{', '}', '[', ']', '"', ',', ':'], " ")
}

impl TextProvider for OfflineProvider {
    fn name(&self) -> &'static str {
        PROVIDER
    }

    fn cluster_keywords(&self, keywords: &[KeywordIn]) -> Result<Generated<ClusteringOut>> {
        validate::keywords(keywords)?;
        let output = cluster::cluster(keywords, &self.params);
        let input_text: String = keywords
            .iter()
            .map(|k| format!("{} {} ", k.id, k.keyword))
            .collect();
        Ok(Generated {
            usage: usage(CLUSTER_MODEL, &input_text, &json_text(&output)),
            output,
        })
    }

    fn generate_ideas(&self, cluster: &ClusterIn, n: usize) -> Result<Generated<Vec<IdeaOut>>> {
        validate::cluster(cluster)?;
        let output = ideas::ideas(cluster, n);
        Ok(Generated {
            usage: usage(IDEAS_MODEL, &json_text(cluster), &json_text(&output)),
            output,
        })
    }

    fn generate_content(&self, input: &ContentIn) -> Result<Generated<ContentOut>> {
        validate::content(input)?;
        let output = content::write(input);
        let out_text = format!(
            "{} {} {} {}",
            output.meta_title,
            output.meta_description,
            output.tags.join(" "),
            output.categories.join(" ")
        );
        let mut usage = usage(WRITER_MODEL, &json_text(input), &out_text);
        usage.tokens_out += (u64::from(output.word_count) * 133).div_ceil(100);
        Ok(Generated { output, usage })
    }

    fn image_prompts(&self, input: &ImagePromptIn) -> Result<Generated<Vec<ImagePromptOut>>> {
        validate::image_prompts(input)?;
        let output = image_prompts::prompts(input);
        Ok(Generated {
            usage: usage(IMAGE_PROMPTS_MODEL, &json_text(input), &json_text(&output)),
            output,
        })
    }
}

impl ImageProvider for OfflineProvider {
    fn name(&self) -> &'static str {
        PROVIDER
    }

    fn generate_image(
        &self,
        prompt: &str,
        width: u32,
        height: u32,
        format: ImageFormat,
    ) -> Result<ImageOut> {
        validate::image(prompt, width, height)?;
        let bytes = render::render(prompt, width, height, format)?;
        Ok(ImageOut {
            bytes,
            format,
            width,
            height,
            model: IMAGE_MODEL.to_owned(),
            provider: PROVIDER.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::types::{ContentStructure, ContentType, Intent};

    fn kw(id: i64, keyword: &str) -> KeywordIn {
        KeywordIn {
            id,
            keyword: keyword.into(),
            volume: 100,
            difficulty: 10,
            intent: Intent::Informational,
        }
    }

    #[test]
    fn usage_is_reported_with_offline_models() {
        let p = OfflineProvider::new();
        let g = p
            .cluster_keywords(&[kw(1, "running shoes"), kw(2, "best running shoes")])
            .unwrap();
        assert_eq!(
            (g.usage.model.as_str(), g.usage.provider.as_str()),
            (CLUSTER_MODEL, "offline")
        );
        assert!(g.usage.tokens_in > 0 && g.usage.tokens_out > 0);

        let input = ContentIn {
            title: "Kayaks".into(),
            outline: vec![],
            primary_keyword: "kayak".into(),
            secondary_keywords: vec![],
            content_type: ContentType::Post,
            content_structure: ContentStructure::Article,
            target_word_count: 900,
        };
        let g = p.generate_content(&input).unwrap();
        assert_eq!(g.usage.model, "offline-writer-v1");
        // ~ words × 1.33.
        let words = u64::from(g.output.word_count);
        assert!(
            g.usage.tokens_out >= words * 133 / 100 && g.usage.tokens_out < words * 150 / 100,
            "{g:?}"
        );
    }

    #[test]
    fn invalid_inputs_are_input_errors() {
        let p = OfflineProvider::new();
        assert!(
            matches!(p.cluster_keywords(&[kw(1, "a"), kw(1, "b")]), Err(Error::InvalidInput(m)) if m.contains("appears twice"))
        );
        assert!(matches!(
            p.cluster_keywords(&[kw(1, " ")]),
            Err(Error::InvalidInput(_))
        ));
        let empty = ClusterIn {
            name: "x".into(),
            description: String::new(),
            keywords: vec![],
        };
        assert!(
            matches!(p.generate_ideas(&empty, 3), Err(Error::InvalidInput(m)) if m.contains("no keywords"))
        );
        let input = ContentIn {
            title: "T".into(),
            outline: vec![],
            primary_keyword: "t".into(),
            secondary_keywords: vec![],
            content_type: ContentType::Post,
            content_structure: ContentStructure::Article,
            target_word_count: 50,
        };
        assert!(
            matches!(p.generate_content(&input), Err(Error::InvalidInput(m)) if m.contains("target word count 50"))
        );
        let ip = ImagePromptIn {
            title: "t".into(),
            section_headings: vec![],
            n_in_article: 9,
        };
        assert!(matches!(p.image_prompts(&ip), Err(Error::InvalidInput(_))));
        assert!(
            matches!(p.generate_image("x", 10, 10, ImageFormat::Png), Err(Error::InvalidInput(m)) if m.contains("10x10"))
        );
        assert!(matches!(
            p.generate_image(" ", 100, 100, ImageFormat::Png),
            Err(Error::InvalidInput(_))
        ));
        assert_eq!(p.cluster_keywords(&[]).unwrap().output.clusters, vec![]);
    }

    #[test]
    fn generates_an_image_of_the_requested_size() {
        let img = OfflineProvider::new()
            .generate_image("a kayak on a calm lake", 120, 80, ImageFormat::Webp)
            .unwrap();
        assert_eq!(
            (img.width, img.height, img.format),
            (120, 80, ImageFormat::Webp)
        );
        assert_eq!(img.model, "offline-image-v1");
        let decoded = ::image::load_from_memory(&img.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (120, 80));
    }
}
