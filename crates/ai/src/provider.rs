//! The two provider traits every backend implements.

use crate::error::Result;
use crate::types::{
    ClusterIn, ClusteringOut, ContentIn, ContentOut, Generated, IdeaOut, ImageFormat, ImageOut,
    ImagePromptIn, ImagePromptOut, KeywordIn,
};

/// Text functions: each validates its input, calls the backend and returns a typed, validated
/// output with the tokens it cost. Implementations are synchronous (jobs run in fang threads)
/// and shareable between threads.
pub trait TextProvider: Send + Sync {
    /// Provider name, as in [`crate::Usage::provider`].
    fn name(&self) -> &'static str;

    /// Groups keywords into topic clusters; no keyword ends in two clusters.
    fn cluster_keywords(&self, keywords: &[KeywordIn]) -> Result<Generated<ClusteringOut>>;

    /// Article ideas for one cluster; `n` is clamped to 3–7.
    fn generate_ideas(&self, cluster: &ClusterIn, n: usize) -> Result<Generated<Vec<IdeaOut>>>;

    /// A full article in HTML with its meta fields.
    fn generate_content(&self, input: &ContentIn) -> Result<Generated<ContentOut>>;

    /// One featured and `n_in_article` in-article image prompts.
    fn image_prompts(&self, input: &ImagePromptIn) -> Result<Generated<Vec<ImagePromptOut>>>;
}

/// Image generation.
pub trait ImageProvider: Send + Sync {
    /// Provider name, as in [`ImageOut::provider`].
    fn name(&self) -> &'static str;

    /// Renders `prompt` as an image of exactly `width` × `height` in `format`.
    fn generate_image(
        &self,
        prompt: &str,
        width: u32,
        height: u32,
        format: ImageFormat,
    ) -> Result<ImageOut>;
}
