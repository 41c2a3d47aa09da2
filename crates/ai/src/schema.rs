//! The JSON Schema of each function's answer, built for the call's input (the keyword ids a
//! clustering may use, the number of ideas or prompts asked for, the length of an article).
//!
//! The same schema is sent as a strict `response_format` to providers that accept one (the
//! server then constrains the model's output) and checked against every answer, whichever way
//! it was asked for; the typed parsers in `parse` then check what a schema cannot say (no
//! keyword in two clusters, exactly one featured prompt, ...).

use crate::types::{ClusterIn, ContentIn, ContentStructure, ContentType, ImagePromptIn, KeywordIn};
use crate::validate::WORD_COUNT_RANGE;
use serde_json::{Value, json};

/// A schema with its name (as `response_format.json_schema.name` wants one).
#[derive(Debug, Clone)]
pub(crate) struct Schema {
    /// `[a-z_]+`.
    pub name: &'static str,
    /// The JSON Schema (draft 2020-12 subset that strict structured output accepts).
    pub schema: Value,
}

/// An object whose every property is required and no other is allowed (what strict structured
/// output asks for).
fn object(properties: Value) -> Value {
    let required: Vec<String> = properties
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn string(min: usize, max: usize) -> Value {
    json!({"type": "string", "minLength": min, "maxLength": max})
}

fn strings<T: AsRef<str>>(all: &[T]) -> Value {
    json!({"type": "string", "enum": all.iter().map(AsRef::as_ref).collect::<Vec<_>>()})
}

/// Clusters of the given keywords: ids are restricted to the input's.
pub(crate) fn clustering(keywords: &[KeywordIn]) -> Schema {
    let ids: Vec<i64> = keywords.iter().map(|k| k.id).collect();
    Schema {
        name: "keyword_clusters",
        schema: object(json!({
            // Bounds a grammar-constrained model needs: without them small models repeat ids
            // until `max_tokens` runs out.
            "clusters": {
                "type": "array",
                "minItems": 1,
                "maxItems": ids.len().max(1),
                "items": object(json!({
                    "name": string(1, 160),
                    "description": string(0, 600),
                    "keyword_ids": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": ids.len().max(1),
                        "items": {"type": "integer", "enum": ids},
                    },
                })),
            },
        })),
    }
}

/// Exactly `n` ideas for the cluster; keyword ids restricted to the cluster's.
pub(crate) fn ideas(cluster: &ClusterIn, n: usize) -> Schema {
    let ids: Vec<i64> = cluster.keywords.iter().map(|k| k.id).collect();
    let types: Vec<&str> = ContentType::ALL.iter().map(|t| t.as_str()).collect();
    let structures: Vec<&str> = ContentStructure::ALL.iter().map(|s| s.as_str()).collect();
    Schema {
        name: "article_ideas",
        schema: object(json!({
            "ideas": {
                "type": "array",
                "minItems": 1,
                "maxItems": n,
                "items": object(json!({
                    "title": string(1, 200),
                    "description": string(0, 400),
                    "outline": object(json!({
                        "sections": {
                            "type": "array",
                            "minItems": 3,
                            "maxItems": 12,
                            "items": object(json!({
                                "heading": string(1, 160),
                                "notes": string(0, 400),
                            })),
                        },
                    })),
                    "primary_keyword": string(1, 200),
                    "keyword_ids": {
                        "type": "array",
                        "maxItems": ids.len().max(1),
                        "items": {"type": "integer", "enum": ids},
                    },
                    "content_type": strings(&types),
                    "content_structure": strings(&structures),
                    "estimated_word_count": {
                        "type": "integer",
                        "minimum": *WORD_COUNT_RANGE.start(),
                        "maximum": *WORD_COUNT_RANGE.end(),
                    },
                })),
            },
        })),
    }
}

/// Characters per word an article is held to: at least about a quarter of what such a text has
/// (what the article checks accept), at most about one and a quarter times it. Both bounds
/// matter to grammar-constrained models: with no floor a small model stops after a sentence,
/// with no ceiling it may never close the string.
pub(crate) const ARTICLE_CHARS_PER_10_WORDS: (usize, usize) = (15, 70);

fn html_string(words: u32) -> Value {
    let words = words as usize;
    let (min, max) = ARTICLE_CHARS_PER_10_WORDS;
    json!({"type": "string", "minLength": words * min / 10, "maxLength": words * max / 10})
}

/// Paragraphs a section of `words` words is asked for (about 40 words each).
pub(crate) fn section_paragraphs(words: u32) -> usize {
    (words as usize).div_ceil(40).clamp(1, 12)
}

/// Shortest and longest paragraph of a section, in characters (about 17 and 65 words: web
/// paragraphs are short).
pub(crate) const PARAGRAPH_CHARS: (usize, usize) = (100, 400);

fn meta_properties() -> serde_json::Map<String, Value> {
    let Value::Object(m) = json!({
        "meta_title": string(0, 200),
        "meta_description": string(0, 400),
        "tags": {"type": "array", "maxItems": 10, "items": string(1, 60)},
        "categories": {"type": "array", "maxItems": 5, "items": string(1, 60)},
    }) else {
        unreachable!("a JSON object literal")
    };
    m
}

/// A whole article in one answer.
pub(crate) fn content(input: &ContentIn) -> Schema {
    let mut props = meta_properties();
    props.insert("html".into(), html_string(input.target_word_count));
    Schema {
        name: "article",
        schema: object(Value::Object(props)),
    }
}

/// One section's body as paragraphs (the heading and the `<p>` tags are ours): a count of
/// short strings keeps a grammar-constrained model writing, and closing each one, where one long
/// string would let it stop early or run on.
pub(crate) fn section(paragraphs: usize) -> Schema {
    let n = paragraphs.max(1);
    Schema {
        name: "article_section",
        schema: object(json!({
            "paragraphs": {
                "type": "array",
                "minItems": n,
                "maxItems": n,
                "items": string(PARAGRAPH_CHARS.0, PARAGRAPH_CHARS.1),
            },
        })),
    }
}

/// An article's meta fields, asked for once its sections are written.
pub(crate) fn meta() -> Schema {
    Schema {
        name: "article_meta",
        schema: object(Value::Object(meta_properties())),
    }
}

/// Longest image prompt, in characters (about 50 words).
pub(crate) const PROMPT_CHARS: usize = 300;

/// One featured and `n_in_article` in-article prompts, as two fields: a list of typed items
/// would let a model mark two prompts featured.
pub(crate) fn image_prompts(input: &ImagePromptIn) -> Schema {
    let prompt = || object(json!({"prompt": string(1, PROMPT_CHARS)}));
    Schema {
        name: "image_prompts",
        schema: object(json!({
            "featured": prompt(),
            "in_article": {
                "type": "array",
                "minItems": input.n_in_article,
                "maxItems": input.n_in_article,
                "items": prompt(),
            },
        })),
    }
}

/// Checks `answer` against `schema`: `Err` lists the first few violations, each with its JSON
/// path (`/clusters/0/keyword_ids/2: 99 is not one of [...]`).
pub(crate) fn check(schema: &Schema, answer: &Value) -> Result<(), String> {
    let validator = jsonschema::validator_for(&schema.schema)
        .map_err(|e| format!("the {} schema is invalid: {e}", schema.name))?;
    let problems: Vec<String> = validator
        .iter_errors(answer)
        .take(3)
        .map(|e| {
            let path = e.instance_path().to_string();
            // The message starts with the offending value, which may be a whole array: keep
            // its beginning only.
            let full = e.to_string();
            let value = e.instance().to_string();
            let message = match full.strip_prefix(&value) {
                Some(rest) if value.chars().count() > 60 => {
                    format!("{}{rest}", shorten(&value, 60))
                }
                _ => shorten(&full, 300),
            };
            if path.is_empty() {
                message
            } else {
                format!("{path}: {message}")
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the answer did not match the schema: {}",
            problems.join("; ")
        ))
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Intent;

    fn kw(id: i64) -> KeywordIn {
        KeywordIn {
            id,
            keyword: format!("keyword {id}"),
            volume: 10,
            difficulty: 10,
            intent: Intent::Informational,
        }
    }

    #[test]
    fn clustering_schema_accepts_input_ids_only() {
        let s = clustering(&[kw(1), kw(2)]);
        let ok = json!({"clusters": [{"name": "A", "description": "", "keyword_ids": [1, 2]}]});
        assert_eq!(check(&s, &ok), Ok(()));
        let bad = json!({"clusters": [{"name": "A", "description": "", "keyword_ids": [1, 99]}]});
        let err = check(&s, &bad).unwrap_err();
        assert!(err.contains("/clusters/0/keyword_ids/1"), "{err}");
        let missing = json!({"clusters": [{"name": "A", "keyword_ids": [1]}]});
        assert!(
            check(&s, &missing)
                .unwrap_err()
                .contains("\"description\" is a required property"),
            "{:?}",
            check(&s, &missing)
        );
    }

    #[test]
    fn every_schema_is_strict() {
        fn walk(v: &Value, path: &str) {
            if v["type"] == "object" {
                assert_eq!(v["additionalProperties"], false, "{path}");
                let props: Vec<&String> = v["properties"].as_object().unwrap().keys().collect();
                let required: Vec<&str> = v["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap())
                    .collect();
                assert_eq!(props.len(), required.len(), "{path}");
                for (k, p) in v["properties"].as_object().unwrap() {
                    walk(p, &format!("{path}.{k}"));
                }
            }
            if v["type"] == "array" {
                walk(&v["items"], &format!("{path}[]"));
            }
        }
        let cluster = ClusterIn {
            name: "c".into(),
            description: String::new(),
            keywords: vec![kw(1)],
        };
        let content_in = ContentIn {
            title: "t".into(),
            outline: vec![],
            primary_keyword: "k".into(),
            secondary_keywords: vec![],
            content_type: ContentType::Post,
            content_structure: ContentStructure::Article,
            target_word_count: 300,
        };
        let prompts_in = ImagePromptIn {
            title: "t".into(),
            section_headings: vec![],
            n_in_article: 2,
        };
        for s in [
            clustering(&[kw(1)]),
            ideas(&cluster, 3),
            content(&content_in),
            section(3),
            meta(),
            image_prompts(&prompts_in),
        ] {
            jsonschema::validator_for(&s.schema).unwrap();
            walk(&s.schema, s.name);
        }
    }
}
