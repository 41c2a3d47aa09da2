//! Turning a model's JSON answer into typed outputs, with errors that say exactly what is
//! wrong (they are sent back to the model in the repair round, and end in `InvalidOutput`).

use crate::offline::{META_DESCRIPTION_MAX, META_TITLE_MAX, count_words, truncate_words};
use crate::types::{
    ClusterIn, ClusterOut, ClusteringOut, ContentIn, ContentOut, ContentStructure, ContentType,
    IdeaOut, ImagePromptIn, ImagePromptOut, ImageType, KeywordIn, Outline, OutlineSection,
};
use crate::validate::WORD_COUNT_RANGE;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The JSON shape of each function, sent in the system message.
pub(crate) const CLUSTERING_SCHEMA: &str =
    r#"{"clusters": [{"name": "string", "description": "string", "keyword_ids": [0]}]}"#;
/// See [`CLUSTERING_SCHEMA`].
pub(crate) const IDEAS_SCHEMA: &str = r#"{"ideas": [{"title": "string", "description": "string", "outline": {"sections": [{"heading": "string", "notes": "string"}]}, "primary_keyword": "string", "keyword_ids": [0], "content_type": "post|page|product|taxonomy", "content_structure": "article|guide|comparison|review|listicle|landing_page|business_page|service_page|general|cluster_hub|product_page|category_archive|tag_archive|attribute_archive", "estimated_word_count": 1500}]}"#;
/// See [`CLUSTERING_SCHEMA`].
pub(crate) const CONTENT_SCHEMA: &str = r#"{"html": "string: the article body in HTML, no <h1>", "meta_title": "string, at most 60 characters", "meta_description": "string, at most 160 characters", "tags": ["string"], "categories": ["string"]}"#;
/// See [`CLUSTERING_SCHEMA`].
pub(crate) const META_SCHEMA: &str = r#"{"meta_title": "string, at most 60 characters", "meta_description": "string, at most 160 characters", "tags": ["string"], "categories": ["string"]}"#;
/// See [`CLUSTERING_SCHEMA`].
pub(crate) const IMAGE_PROMPTS_SCHEMA: &str =
    r#"{"featured": {"prompt": "string"}, "in_article": [{"prompt": "string"}]}"#;

/// Parses a model's message content as one JSON object, tolerating code fences and prose
/// around it (small local models add both even in JSON mode).
pub(crate) fn json_from_content(content: &str) -> Result<Value, String> {
    let trimmed = content.trim();
    if trimmed.is_empty() {
        return Err("the answer was empty".into());
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(v @ Value::Object(_)) => return Ok(v),
        Ok(other) => {
            return Err(format!(
                "the answer is JSON but not an object (it is {})",
                kind(&other)
            ));
        }
        Err(_) => {}
    }
    if let (Some(start), Some(end)) = (trimmed.find('{'), trimmed.rfind('}'))
        && start < end
        && let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(&trimmed[start..=end])
    {
        return Ok(v);
    }
    match serde_json::from_str::<Value>(trimmed) {
        Err(e) => Err(format!("the answer is not valid JSON ({e})")),
        Ok(_) => Err("the answer is not a JSON object".into()),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Deserialises with the failing field's path in the error (`ideas[2].content_type: ...`).
fn typed<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            e.inner().to_string()
        } else {
            format!("{path}: {}", e.inner())
        }
    })
}

/// A keyword reference: an id (number or numeric string) or the keyword's text.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeywordRef {
    Id(i64),
    Text(String),
}

/// Resolves keyword references against the input keywords.
struct Resolver {
    ids: HashSet<i64>,
    by_text: HashMap<String, i64>,
}

impl Resolver {
    fn new(keywords: &[KeywordIn]) -> Resolver {
        Resolver {
            ids: keywords.iter().map(|k| k.id).collect(),
            by_text: keywords
                .iter()
                .map(|k| (k.keyword.trim().to_lowercase(), k.id))
                .collect(),
        }
    }

    fn resolve(&self, r: &KeywordRef) -> Result<i64, String> {
        match r {
            KeywordRef::Id(id) if self.ids.contains(id) => Ok(*id),
            KeywordRef::Id(id) => Err(format!("keyword id {id} is not one of the given keywords")),
            KeywordRef::Text(t) => {
                if let Ok(id) = t.trim().parse::<i64>()
                    && self.ids.contains(&id)
                {
                    return Ok(id);
                }
                self.by_text
                    .get(&t.trim().to_lowercase())
                    .copied()
                    .ok_or_else(|| format!("\"{t}\" is not one of the given keywords"))
            }
        }
    }
}

#[derive(Debug, Deserialize)]
struct RawClustering {
    clusters: Vec<RawCluster>,
}

#[derive(Debug, Deserialize)]
struct RawCluster {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    keyword_ids: Vec<KeywordRef>,
    #[serde(default)]
    keywords: Vec<KeywordRef>,
}

/// `{"clusters": [{"name", "description", "keyword_ids" | "keywords"}]}`; ids must be input ids
/// (or keyword texts, matched case-insensitively). A keyword named by two clusters stays in the
/// first, a cluster left with no keyword is dropped, and input keywords placed nowhere are
/// reported as `unclustered`; an answer that places no keyword at all is refused.
pub(crate) fn clustering(v: &Value, input: &[KeywordIn]) -> Result<ClusteringOut, String> {
    let raw: RawClustering = typed(v)?;
    let resolver = Resolver::new(input);
    let mut placed: HashSet<i64> = HashSet::new();
    let mut clusters: Vec<ClusterOut> = Vec::new();
    for (i, c) in raw.clusters.into_iter().enumerate() {
        let name = c.name.trim().to_owned();
        if name.is_empty() {
            return Err(format!("clusters[{i}] has an empty name"));
        }
        let mut ids = Vec::new();
        for r in c.keyword_ids.iter().chain(c.keywords.iter()) {
            let id = resolver
                .resolve(r)
                .map_err(|e| format!("cluster \"{name}\": {e}"))?;
            if placed.insert(id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            continue;
        }
        ids.sort_unstable();
        match clusters
            .iter_mut()
            .find(|o| o.name.eq_ignore_ascii_case(&name))
        {
            Some(same) => {
                same.keyword_ids.extend(ids);
                same.keyword_ids.sort_unstable();
            }
            None => clusters.push(ClusterOut {
                name,
                description: c.description.trim().to_owned(),
                keyword_ids: ids,
            }),
        }
    }
    if clusters.is_empty() && !input.is_empty() {
        return Err("no keyword was placed in a cluster".into());
    }
    let mut unclustered: Vec<i64> = input
        .iter()
        .map(|k| k.id)
        .filter(|id| !placed.contains(id))
        .collect();
    unclustered.sort_unstable();
    Ok(ClusteringOut {
        clusters,
        unclustered,
    })
}

#[derive(Debug, Deserialize)]
struct RawIdeas {
    ideas: Vec<RawIdea>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawOutline {
    Wrapped { sections: Vec<OutlineSection> },
    List(Vec<OutlineSection>),
}

#[derive(Debug, Deserialize)]
struct RawIdea {
    title: String,
    #[serde(default, alias = "brief")]
    description: String,
    outline: RawOutline,
    primary_keyword: String,
    #[serde(default)]
    keyword_ids: Vec<KeywordRef>,
    content_type: String,
    content_structure: String,
    #[serde(default)]
    estimated_word_count: Option<u32>,
}

/// `{"ideas": [...]}` (see [`IDEAS_SCHEMA`]); at most `n` are kept.
pub(crate) fn ideas(v: &Value, cluster: &ClusterIn, n: usize) -> Result<Vec<IdeaOut>, String> {
    let raw: RawIdeas = typed(v)?;
    if raw.ideas.is_empty() {
        return Err("\"ideas\" is empty".into());
    }
    let resolver = Resolver::new(&cluster.keywords);
    let mut out = Vec::new();
    for (i, idea) in raw.ideas.into_iter().take(n).enumerate() {
        let at = |field: &str| format!("ideas[{i}].{field}");
        let title = idea.title.trim().to_owned();
        if title.is_empty() {
            return Err(format!("{} is empty", at("title")));
        }
        let sections = match idea.outline {
            RawOutline::Wrapped { sections } | RawOutline::List(sections) => sections,
        };
        if sections.len() < 3 {
            return Err(format!(
                "{} has {} sections; at least 6 are expected",
                at("outline.sections"),
                sections.len()
            ));
        }
        if let Some(j) = sections.iter().position(|s| s.heading.trim().is_empty()) {
            return Err(format!(
                "{} has an empty heading",
                at(&format!("outline.sections[{j}]"))
            ));
        }
        let content_type: ContentType = idea
            .content_type
            .parse()
            .map_err(|e| format!("{}: {e}", at("content_type")))?;
        let content_structure: ContentStructure = idea
            .content_structure
            .parse()
            .map_err(|e| format!("{}: {e}", at("content_structure")))?;
        let primary_keyword = idea.primary_keyword.trim().to_owned();
        if primary_keyword.is_empty() {
            return Err(format!("{} is empty", at("primary_keyword")));
        }
        let mut keyword_ids = Vec::new();
        for r in &idea.keyword_ids {
            keyword_ids.push(
                resolver
                    .resolve(r)
                    .map_err(|e| format!("{}: {e}", at("keyword_ids")))?,
            );
        }
        if let Ok(id) = resolver.resolve(&KeywordRef::Text(primary_keyword.clone())) {
            keyword_ids.push(id);
        }
        keyword_ids.sort_unstable();
        keyword_ids.dedup();
        let estimated_word_count = idea
            .estimated_word_count
            .unwrap_or_else(|| content_structure.default_word_count())
            .clamp(*WORD_COUNT_RANGE.start(), *WORD_COUNT_RANGE.end());
        out.push(IdeaOut {
            title,
            description: idea.description.trim().to_owned(),
            outline: Outline {
                sections: sections
                    .into_iter()
                    .map(|s| OutlineSection {
                        heading: s.heading.trim().to_owned(),
                        notes: s.notes.trim().to_owned(),
                    })
                    .collect(),
            },
            primary_keyword,
            keyword_ids,
            content_type,
            content_structure,
            estimated_word_count,
        });
    }
    Ok(out)
}

#[derive(Debug, Deserialize)]
struct RawContent {
    #[serde(alias = "content_html", alias = "body")]
    html: String,
    #[serde(default)]
    meta_title: String,
    #[serde(default)]
    meta_description: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
}

fn clean_list(items: Vec<String>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in items {
        let t = t.trim().to_owned();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) && out.len() < max {
            out.push(t);
        }
    }
    out
}

/// `{"html", "meta_title", "meta_description", "tags", "categories"}`. Over-long meta fields are
/// cut at a word boundary rather than rejected; an article far shorter than asked is rejected.
pub(crate) fn content(v: &Value, input: &ContentIn) -> Result<ContentOut, String> {
    let raw: RawContent = typed(v)?;
    let html = as_html(raw.html.trim());
    if html.is_empty() {
        return Err("\"html\" is empty".into());
    }
    if html.to_lowercase().contains("<script") {
        return Err("\"html\" contains a <script> element; scripts are not allowed".into());
    }
    let word_count = count_words(&html);
    let min_words = input.target_word_count / 4;
    if word_count < min_words {
        return Err(format!(
            "the article has {word_count} words; about {} were asked for",
            input.target_word_count
        ));
    }
    let meta_title = if raw.meta_title.trim().is_empty() {
        input.title.clone()
    } else {
        raw.meta_title
    };
    let mut tags = clean_list(raw.tags, 6);
    if tags.is_empty() {
        tags = clean_list(
            std::iter::once(input.primary_keyword.clone())
                .chain(input.secondary_keywords.iter().cloned())
                .collect(),
            6,
        );
    }
    Ok(ContentOut {
        html,
        meta_title: truncate_words(&meta_title, META_TITLE_MAX, false),
        meta_description: truncate_words(&raw.meta_description, META_DESCRIPTION_MAX, true),
        tags,
        categories: clean_list(raw.categories, 2),
        word_count,
    })
}

/// One section's body: `{"paragraphs": ["...", ...]}`, each a `<p>` (text escaped; a paragraph
/// that is HTML already is kept as it is).
pub(crate) fn section_html(v: &Value) -> Result<String, String> {
    #[derive(Deserialize)]
    struct RawSection {
        paragraphs: Vec<String>,
    }
    let raw: RawSection = typed(v)?;
    let html: Vec<String> = raw
        .paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.starts_with('<') {
                p.to_owned()
            } else {
                as_html(p)
            }
        })
        .collect();
    let html = html.join("\n");
    if html.is_empty() {
        return Err("\"paragraphs\" is empty".into());
    }
    if html.to_lowercase().contains("<script") {
        return Err("a paragraph contains a <script> element; scripts are not allowed".into());
    }
    Ok(html)
}

/// HTML as is; plain text (no tag at all) as `<p>` paragraphs split on blank lines, escaped.
fn as_html(text: &str) -> String {
    if text.contains('<') && text.contains('>') {
        return text.to_owned();
    }
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            format!(
                "<p>{}</p>",
                p.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Debug, Deserialize)]
struct RawPrompt {
    prompt: String,
}

#[derive(Debug, Deserialize)]
struct RawPrompts {
    featured: RawPrompt,
    #[serde(default)]
    in_article: Vec<RawPrompt>,
}

/// `{"featured": {"prompt"}, "in_article": [{"prompt"}, ...]}`: one featured prompt and at least
/// `n_in_article` in-article prompts (extra ones are dropped), numbered 1.. in order.
pub(crate) fn image_prompts(
    v: &Value,
    input: &ImagePromptIn,
) -> Result<Vec<ImagePromptOut>, String> {
    let raw: RawPrompts = typed(v)?;
    let featured = raw.featured.prompt.trim().to_owned();
    if featured.is_empty() {
        return Err("featured.prompt is empty".into());
    }
    let mut in_article = Vec::new();
    for (i, p) in raw.in_article.into_iter().enumerate() {
        let prompt = p.prompt.trim().to_owned();
        if prompt.is_empty() {
            return Err(format!("in_article[{i}].prompt is empty"));
        }
        in_article.push(prompt);
    }
    if in_article.len() < input.n_in_article {
        return Err(format!(
            "expected {} in_article prompts, got {}",
            input.n_in_article,
            in_article.len()
        ));
    }
    let mut out = vec![ImagePromptOut {
        image_type: ImageType::Featured,
        position: 0,
        prompt: featured,
    }];
    out.extend(
        in_article
            .into_iter()
            .take(input.n_in_article)
            .enumerate()
            .map(|(i, prompt)| ImagePromptOut {
                image_type: ImageType::InArticle,
                position: i as u32 + 1,
                prompt,
            }),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Intent;
    use serde_json::json;

    fn kws() -> Vec<KeywordIn> {
        [
            "running shoes",
            "best running shoes",
            "coffee maker",
            "drip coffee maker",
        ]
        .iter()
        .enumerate()
        .map(|(i, k)| KeywordIn {
            id: i as i64 + 10,
            keyword: (*k).into(),
            volume: 100,
            difficulty: 1,
            intent: Intent::Commercial,
        })
        .collect()
    }

    #[test]
    fn json_is_found_in_fences_and_prose() {
        assert_eq!(
            json_from_content("```json\n{\"a\": 1}\n```").unwrap(),
            json!({"a": 1})
        );
        assert_eq!(
            json_from_content("Sure! {\"a\": {\"b\": 2}} Hope this helps").unwrap(),
            json!({"a": {"b": 2}})
        );
        assert!(json_from_content("  ").unwrap_err().contains("empty"));
        assert!(
            json_from_content("[1, 2]")
                .unwrap_err()
                .contains("not an object (it is an array)")
        );
        assert!(
            json_from_content("nope")
                .unwrap_err()
                .starts_with("the answer is not valid JSON")
        );
    }

    #[test]
    fn clustering_resolves_ids_and_texts_and_reports_unclustered() {
        let v = json!({"clusters": [
            {"name": "Shoes", "description": "d", "keyword_ids": [10, "11"]},
            {"name": "Coffee", "keywords": ["Coffee Maker", "drip coffee maker"]}
        ]});
        let out = clustering(&v, &kws()).unwrap();
        assert_eq!(out.clusters[0].keyword_ids, vec![10, 11]);
        assert_eq!(out.clusters[1].keyword_ids, vec![12, 13]);

        // A keyword named twice stays in its first cluster; a cluster left empty is dropped;
        // keywords placed nowhere are reported.
        let dup = json!({"clusters": [{"name": "A", "keyword_ids": [10]}, {"name": "B", "keyword_ids": [10]}, {"name": "C", "keyword_ids": [11, 10]}]});
        let out = clustering(&dup, &kws()).unwrap();
        assert_eq!(out.clusters.len(), 2, "{out:?}");
        assert_eq!(
            (
                out.clusters[0].name.as_str(),
                out.clusters[0].keyword_ids.as_slice()
            ),
            ("A", &[10][..])
        );
        assert_eq!(
            (
                out.clusters[1].name.as_str(),
                out.clusters[1].keyword_ids.as_slice()
            ),
            ("C", &[11][..])
        );
        assert_eq!(out.unclustered, vec![12, 13]);
        let none = json!({"clusters": [{"name": "A", "keyword_ids": []}]});
        assert_eq!(
            clustering(&none, &kws()).unwrap_err(),
            "no keyword was placed in a cluster"
        );
        let unknown = json!({"clusters": [{"name": "A", "keyword_ids": [99]}]});
        assert_eq!(
            clustering(&unknown, &kws()).unwrap_err(),
            "cluster \"A\": keyword id 99 is not one of the given keywords"
        );
        let wrong_type = json!({"clusters": [{"name": 5, "keyword_ids": [10]}]});
        let err = clustering(&wrong_type, &kws()).unwrap_err();
        assert!(
            err.starts_with("clusters[0].name: invalid type: integer `5`"),
            "{err}"
        );
        let missing = json!({"groups": []});
        assert_eq!(
            clustering(&missing, &kws()).unwrap_err(),
            "missing field `clusters`"
        );
    }

    fn idea_json(content_type: &str) -> Value {
        json!({"ideas": [{
            "title": "Best Running Shoes",
            "description": "A list.",
            "outline": {"sections": [
                {"heading": "A", "notes": "a"}, {"heading": "B", "notes": "b"}, {"heading": "C", "notes": "c"}
            ]},
            "primary_keyword": "Best Running Shoes",
            "keyword_ids": [10],
            "content_type": content_type,
            "content_structure": "listicle",
        }]})
    }

    #[test]
    fn ideas_are_typed_and_validated() {
        let cluster = ClusterIn {
            name: "Shoes".into(),
            description: String::new(),
            keywords: kws(),
        };
        let out = ideas(&idea_json("Post"), &cluster, 5).unwrap();
        assert_eq!(out[0].content_type, ContentType::Post);
        assert_eq!(
            out[0].keyword_ids,
            vec![10, 11],
            "primary keyword's id is added"
        );
        assert_eq!(out[0].estimated_word_count, 1500, "default for listicle");
        let err = ideas(&idea_json("blog"), &cluster, 5).unwrap_err();
        assert!(
            err.starts_with("ideas[0].content_type: unknown ContentType `blog`"),
            "{err}"
        );
        let mut short = idea_json("post");
        short["ideas"][0]["outline"] = json!([{"heading": "A", "notes": ""}]);
        assert!(
            ideas(&short, &cluster, 5)
                .unwrap_err()
                .contains("has 1 sections")
        );
    }

    #[test]
    fn content_is_checked_and_meta_fields_cut() {
        let input = ContentIn {
            title: "Title".into(),
            outline: vec![],
            primary_keyword: "running shoes".into(),
            secondary_keywords: vec!["trail shoes".into()],
            content_type: ContentType::Post,
            content_structure: ContentStructure::Article,
            target_word_count: 400,
        };
        let body = format!("<h2>Intro</h2><p>{}</p>", "word ".repeat(150));
        let v = json!({"content_html": body, "meta_title": "x ".repeat(40), "meta_description": "y ".repeat(100)});
        let out = content(&v, &input).unwrap();
        assert_eq!(out.word_count, 151);
        assert!(
            out.meta_title.chars().count() <= 60 && out.meta_description.chars().count() <= 160
        );
        assert_eq!(
            out.tags,
            vec!["running shoes".to_owned(), "trail shoes".to_owned()]
        );
        let short = json!({"html": "<p>too short</p>"});
        assert_eq!(
            content(&short, &input).unwrap_err(),
            "the article has 2 words; about 400 were asked for"
        );
        let script = json!({"html": format!("{body}<SCRIPT>x</SCRIPT>")});
        assert!(content(&script, &input).unwrap_err().contains("<script>"));
    }

    #[test]
    fn image_prompts_need_one_featured_and_enough_in_article() {
        let input = ImagePromptIn {
            title: "T".into(),
            section_headings: vec![],
            n_in_article: 2,
        };
        let v = json!({"featured": {"prompt": " hero "}, "in_article": [
            {"prompt": "first"}, {"prompt": "second"}, {"prompt": "extra"}
        ]});
        let out = image_prompts(&v, &input).unwrap();
        let got: Vec<(ImageType, u32, &str)> = out
            .iter()
            .map(|p| (p.image_type, p.position, p.prompt.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (ImageType::Featured, 0, "hero"),
                (ImageType::InArticle, 1, "first"),
                (ImageType::InArticle, 2, "second")
            ]
        );
        let blank = json!({"featured": {"prompt": " "}, "in_article": []});
        assert_eq!(
            image_prompts(&blank, &input).unwrap_err(),
            "featured.prompt is empty"
        );
        let few = json!({"featured": {"prompt": "a"}, "in_article": [{"prompt": "b"}]});
        assert_eq!(
            image_prompts(&few, &input).unwrap_err(),
            "expected 2 in_article prompts, got 1"
        );
    }
}
