//! The JSON Schema of each function's answer, built for the call's input (the keyword ids a
//! clustering may use, the number of ideas or prompts asked for, the length of an article).
//!
//! The same schema is sent as a strict `response_format` to providers that accept one (the
//! server then constrains the model's output) and checked against every answer, whichever way
//! it was asked for; the typed parsers in `parse` then check what a schema cannot say (no
//! keyword in two clusters, exactly one featured prompt, ...).

use crate::types::{
    ClusterIn, ContentIn, ContentStructure, ContentType, ImagePromptIn, ImageType, KeywordIn,
};
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
            "clusters": {
                "type": "array",
                "minItems": 1,
                "items": object(json!({
                    "name": string(1, 160),
                    "description": string(0, 600),
                    "keyword_ids": {
                        "type": "array",
                        "minItems": 1,
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

/// Characters an article (or section) of `words` words must at least have: about a third of
/// what such a text has (a little more than the quarter the article checks accept), so a model
/// that stops far too early is refused without cutting a terse one.
fn min_chars(words: u32) -> usize {
    (words as usize) * 2
}

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
    props.insert(
        "html".into(),
        json!({"type": "string", "minLength": min_chars(input.target_word_count)}),
    );
    Schema {
        name: "article",
        schema: object(Value::Object(props)),
    }
}

/// One section's body (the heading is ours).
pub(crate) fn section(words: u32) -> Schema {
    Schema {
        name: "article_section",
        schema: object(json!({
            "html": {"type": "string", "minLength": min_chars(words)},
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

/// One featured and `n_in_article` in-article prompts.
pub(crate) fn image_prompts(input: &ImagePromptIn) -> Schema {
    let n = input.n_in_article + 1;
    let types: Vec<&str> = ImageType::ALL.iter().map(|t| t.as_str()).collect();
    Schema {
        name: "image_prompts",
        schema: object(json!({
            "prompts": {
                "type": "array",
                "minItems": n,
                "maxItems": n,
                "items": object(json!({
                    "image_type": strings(&types),
                    "position": {"type": "integer", "minimum": 0, "maximum": input.n_in_article},
                    "prompt": string(1, 1000),
                })),
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
            let message = shorten(&e.to_string(), 160);
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
            section(100),
            meta(),
            image_prompts(&prompts_in),
        ] {
            jsonschema::validator_for(&s.schema).unwrap();
            walk(&s.schema, s.name);
        }
    }
}
