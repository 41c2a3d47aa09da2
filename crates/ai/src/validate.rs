//! Input checks shared by every provider, so both reject the same inputs the same way.

use crate::error::{Error, Result};
use crate::types::{ClusterIn, ContentIn, ImagePromptIn, KeywordIn};
use std::collections::HashSet;

/// Most keywords one clustering call accepts.
pub const MAX_CLUSTER_KEYWORDS: usize = 2000;
/// Accepted article lengths, in words.
pub const WORD_COUNT_RANGE: std::ops::RangeInclusive<u32> = 300..=6000;
/// Most in-article images per article.
pub const MAX_IN_ARTICLE_IMAGES: usize = 8;
/// Accepted image sides, in pixels.
pub const IMAGE_SIDE_RANGE: std::ops::RangeInclusive<u32> = 64..=4096;

fn unique_ids(keywords: &[KeywordIn]) -> Result<()> {
    let mut seen = HashSet::new();
    for k in keywords {
        if k.keyword.trim().is_empty() {
            return Err(Error::InvalidInput(format!(
                "keyword {} has empty text",
                k.id
            )));
        }
        if !seen.insert(k.id) {
            return Err(Error::InvalidInput(format!(
                "keyword id {} appears twice",
                k.id
            )));
        }
    }
    Ok(())
}

/// Keywords to cluster: distinct ids, non-empty text, at most [`MAX_CLUSTER_KEYWORDS`].
pub fn keywords(keywords: &[KeywordIn]) -> Result<()> {
    if keywords.len() > MAX_CLUSTER_KEYWORDS {
        return Err(Error::InvalidInput(format!(
            "{} keywords in one clustering call; the limit is {MAX_CLUSTER_KEYWORDS}",
            keywords.len()
        )));
    }
    unique_ids(keywords)
}

/// A cluster for ideas: a name and at least one keyword.
pub fn cluster(cluster: &ClusterIn) -> Result<()> {
    if cluster.name.trim().is_empty() {
        return Err(Error::InvalidInput("the cluster has no name".into()));
    }
    if cluster.keywords.is_empty() {
        return Err(Error::InvalidInput(format!(
            "cluster \"{}\" has no keywords",
            cluster.name.trim()
        )));
    }
    unique_ids(&cluster.keywords)
}

/// What to write: a title and a target length in [`WORD_COUNT_RANGE`].
pub fn content(input: &ContentIn) -> Result<()> {
    if input.title.trim().is_empty() {
        return Err(Error::InvalidInput("the article has no title".into()));
    }
    if !WORD_COUNT_RANGE.contains(&input.target_word_count) {
        return Err(Error::InvalidInput(format!(
            "target word count {} is outside {}–{}",
            input.target_word_count,
            WORD_COUNT_RANGE.start(),
            WORD_COUNT_RANGE.end()
        )));
    }
    if input.outline.iter().any(|s| s.heading.trim().is_empty()) {
        return Err(Error::InvalidInput(
            "an outline section has an empty heading".into(),
        ));
    }
    Ok(())
}

/// Image prompt input: a title and at most [`MAX_IN_ARTICLE_IMAGES`] in-article images.
pub fn image_prompts(input: &ImagePromptIn) -> Result<()> {
    if input.title.trim().is_empty() {
        return Err(Error::InvalidInput("the article has no title".into()));
    }
    if input.n_in_article > MAX_IN_ARTICLE_IMAGES {
        return Err(Error::InvalidInput(format!(
            "{} in-article images requested; the limit is {MAX_IN_ARTICLE_IMAGES}",
            input.n_in_article
        )));
    }
    Ok(())
}

/// An image request: a prompt and both sides in [`IMAGE_SIDE_RANGE`].
pub fn image(prompt: &str, width: u32, height: u32) -> Result<()> {
    if prompt.trim().is_empty() {
        return Err(Error::InvalidInput("the image prompt is empty".into()));
    }
    if !IMAGE_SIDE_RANGE.contains(&width) || !IMAGE_SIDE_RANGE.contains(&height) {
        return Err(Error::InvalidInput(format!(
            "image size {width}x{height} is outside {}–{} pixels per side",
            IMAGE_SIDE_RANGE.start(),
            IMAGE_SIDE_RANGE.end()
        )));
    }
    Ok(())
}
