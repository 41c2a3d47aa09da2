//! Offline image prompts: one featured image from the title, in-article images from section
//! headings spread evenly through the article.

use super::text::{Rng, core_phrase, fnv1a};
use crate::types::{ImagePromptIn, ImagePromptOut, ImageType};

/// Title words that say how an article is written, not what it shows.
const FILLER: &[&str] = &[
    "complete",
    "ultimate",
    "everything",
    "explained",
    "picks",
    "tested",
    "compared",
    "choose",
    "should",
    "actually",
    "work",
    "right",
    "step",
    "steps",
    "worth",
    "verdict",
    "pros",
    "cons",
    "faq",
    "questions",
    "answered",
    "common",
    "mistakes",
    "avoid",
    "really",
    "expect",
    "pay",
    "walkthrough",
    "practical",
    "honest",
    "look",
    "start",
    "getting",
    "started",
];

const SHOTS: &[&str] = &[
    "A realistic editorial photograph",
    "A wide-angle realistic photograph",
    "A close-up realistic photograph",
    "An overhead flat-lay photograph",
];
const LIGHT: &[&str] = &[
    "soft morning light",
    "warm golden-hour light",
    "bright natural daylight",
    "diffused window light",
];

/// The concrete subject words of a title or heading.
fn subject(s: &str) -> String {
    core_phrase(s, FILLER)
}

fn is_structural(heading: &str) -> bool {
    let h = heading.to_lowercase();
    [
        "question",
        "faq",
        "final thoughts",
        "conclusion",
        "verdict",
        "how we chose",
        "summary",
    ]
    .iter()
    .any(|w| h.contains(w))
}

/// One featured prompt (position 0) and `n_in_article` in-article prompts (positions 1..).
pub(crate) fn prompts(input: &ImagePromptIn) -> Vec<ImagePromptOut> {
    let mut rng = Rng::new(fnv1a(&input.title));
    let topic = {
        let s = subject(&input.title);
        if s.is_empty() {
            input.title.trim().to_lowercase()
        } else {
            s
        }
    };
    let mut out = vec![ImagePromptOut {
        image_type: ImageType::Featured,
        position: 0,
        prompt: format!(
            "{} of {topic}, a well-composed scene that captures the subject of the article \"{}\", {}, shallow depth of field, no text or logos",
            rng.pick(SHOTS),
            input.title.trim(),
            rng.pick(LIGHT)
        ),
    }];
    let usable: Vec<&String> = {
        let content: Vec<&String> = input
            .section_headings
            .iter()
            .filter(|h| !is_structural(h))
            .collect();
        if content.is_empty() {
            input.section_headings.iter().collect()
        } else {
            content
        }
    };
    let n = input.n_in_article;
    for i in 0..n {
        let prompt = if usable.is_empty() {
            format!(
                "{} showing a detail of {topic} in use, {}, natural colours, no text or logos",
                rng.pick(SHOTS),
                rng.pick(LIGHT)
            )
        } else {
            // Evenly spread: image i takes the middle of the i-th of n equal stretches.
            let idx = ((2 * i + 1) * usable.len() / (2 * n)).min(usable.len() - 1);
            let heading = usable[idx].trim();
            // A heading about the article's frame ("Tips and Best Practices") says nothing
            // visual on its own: anchor it to the topic.
            let focus = subject(heading);
            let shares_topic = focus
                .split(' ')
                .any(|w| w.len() > 2 && topic.split(' ').any(|t| t == w));
            let focus = if focus.is_empty() || !shares_topic {
                format!("{topic}, {}", heading.to_lowercase())
            } else {
                focus
            };
            format!(
                "{} of {focus} illustrating the section \"{heading}\" of an article about {topic}, {}, realistic detail, no text or logos",
                rng.pick(SHOTS),
                rng.pick(LIGHT)
            )
        };
        out.push(ImagePromptOut {
            image_type: ImageType::InArticle,
            position: i as u32 + 1,
            prompt,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: usize) -> ImagePromptIn {
        ImagePromptIn {
            title: "The Complete Guide to Trail Running Shoes".into(),
            section_headings: vec![
                "How We Chose".into(),
                "Grip on Wet Rock".into(),
                "Cushioning for Long Runs".into(),
                "Waterproof Uppers".into(),
                "Frequently Asked Questions".into(),
                "Final Thoughts".into(),
            ],
            n_in_article: n,
        }
    }

    #[test]
    fn one_featured_and_n_in_article_from_distinct_sections() {
        let out = prompts(&input(2));
        assert_eq!(out.len(), 3);
        assert_eq!(
            (out[0].image_type, out[0].position),
            (ImageType::Featured, 0)
        );
        assert!(
            out[0].prompt.contains("trail running shoes") && out[0].prompt.contains("no text"),
            "{}",
            out[0].prompt
        );
        assert!(
            !out[0].prompt.contains(" of complete guide"),
            "{}",
            out[0].prompt
        );
        // Headings without the topic are anchored to it.
        assert!(
            out[1]
                .prompt
                .contains("of trail running shoes, grip on wet rock"),
            "{}",
            out[1].prompt
        );
        assert_eq!(
            (out[1].image_type, out[1].position),
            (ImageType::InArticle, 1)
        );
        assert_eq!(out[2].position, 2);
        assert!(
            out[1].prompt.contains("\"Grip on Wet Rock\""),
            "{}",
            out[1].prompt
        );
        assert!(
            out[2].prompt.contains("\"Waterproof Uppers\""),
            "{}",
            out[2].prompt
        );
        assert!(out.iter().all(|p| !p.prompt.contains("Frequently")));
    }

    #[test]
    fn zero_and_more_images_than_sections() {
        assert_eq!(prompts(&input(0)).len(), 1);
        let many = prompts(&input(5));
        assert_eq!(many.len(), 6);
        assert_eq!(
            many.iter().map(|p| p.position).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4, 5]
        );
        let bare = ImagePromptIn {
            title: "Kayaks".into(),
            section_headings: vec![],
            n_in_article: 2,
        };
        assert!(prompts(&bare).iter().all(|p| p.prompt.contains("kayaks")));
        assert_eq!(prompts(&input(2)), prompts(&input(2)));
    }
}
