//! Built-in prompt templates, their variables, rendering and validation of account overrides.
//!
//! A template is plain text with `{name}` placeholders. `{{` and `}}` stand for literal braces;
//! any other brace that does not enclose a variable name (for example the `{"` of a JSON
//! example) is kept as written. The JSON shape each function must answer with is sent
//! separately, in the system message, so an account's override cannot break parsing.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Longest template accepted, in characters.
pub const MAX_TEMPLATE_CHARS: usize = 20_000;

/// The AI functions that have a prompt template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromptFunction {
    /// Keyword clustering.
    Clustering,
    /// Article ideas for a cluster.
    Ideas,
    /// Article writing.
    Content,
    /// Image prompts for an article.
    ImagePrompts,
    /// The wrapper around an image prompt sent to the image model.
    Image,
}

/// One placeholder a template may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable {
    /// Name as written between braces.
    pub name: &'static str,
    /// Whether every template of the function must contain it.
    pub required: bool,
    /// What the value holds.
    pub description: &'static str,
}

const fn var(name: &'static str, required: bool, description: &'static str) -> Variable {
    Variable {
        name,
        required,
        description,
    }
}

const CLUSTERING_VARS: &[Variable] = &[
    var(
        "keywords",
        true,
        "one keyword per line: id | keyword | volume | difficulty | intent",
    ),
    var("keyword_count", false, "how many keywords there are"),
];
const IDEAS_VARS: &[Variable] = &[
    var("cluster_name", true, "the cluster's name"),
    var(
        "keywords",
        true,
        "the cluster's keywords, one per line: id | keyword | volume | difficulty | intent",
    ),
    var("cluster_description", false, "the cluster's description"),
    var("n_ideas", false, "how many ideas to write"),
];
const CONTENT_VARS: &[Variable] = &[
    var("title", true, "the article title"),
    var(
        "outline",
        true,
        "the outline, one `## heading: notes` line per section",
    ),
    var("primary_keyword", false, "the primary keyword"),
    var(
        "secondary_keywords",
        false,
        "secondary keywords, comma separated",
    ),
    var("word_count", false, "target length in words"),
    var("content_type", false, "post, page, product or taxonomy"),
    var(
        "content_structure",
        false,
        "article, guide, comparison, review, listicle, ...",
    ),
];
const IMAGE_PROMPTS_VARS: &[Variable] = &[
    var("title", true, "the article title"),
    var("sections", false, "the article's H2 headings, one per line"),
    var("n_in_article", false, "how many in-article images"),
];
const IMAGE_VARS: &[Variable] = &[var("prompt", true, "the image prompt")];

const CLUSTERING_TEMPLATE: &str = "\
Group the following {keyword_count} search keywords into topic clusters for an SEO content plan.

Rules:
- A cluster holds 3 to 10 closely related keywords that one article, or a few articles on one topic, can target together.
- Group by shared topic first, then by search intent, use case, audience and context.
- Every keyword belongs to at most one cluster. Leave a keyword out rather than force it into an unrelated cluster.
- Name each cluster after its main topic in two to five words, in title case, and describe it in one sentence.
- Refer to keywords by their id.

Keywords (id | keyword | monthly volume | difficulty | intent):
{keywords}";

const IDEAS_TEMPLATE: &str = "\
Write {n_ideas} article ideas for the keyword cluster \"{cluster_name}\".
Cluster description: {cluster_description}

Keywords in the cluster (id | keyword | monthly volume | difficulty | intent):
{keywords}

For each idea give:
- a specific, compelling title;
- a brief of two or three sentences: the angle and who it is for;
- an outline of 6 to 10 H2 sections, each a heading plus notes on what the section covers;
- the primary keyword, and the ids of the 2 to 4 cluster keywords it covers (the primary keyword's id included);
- the content type, the content structure and an estimated word count between 1,000 and 2,500.
Give the ideas different angles and intents so that they do not compete for the same search.";

const CONTENT_TEMPLATE: &str = "\
Write a complete, original SEO article in HTML.

Title: {title}
Primary keyword: {primary_keyword}
Secondary keywords: {secondary_keywords}
Content type: {content_type}; structure: {content_structure}
Length: about {word_count} words.

Follow this outline section by section; each section is an <h2> followed by its content:
{outline}

Rules:
- Use the primary keyword in the first paragraph and in at least one heading; spread the secondary keywords naturally.
- Use only <h2>, <h3>, <p>, <ul>, <ol>, <li>, <table>, <strong> and <em>. No <h1>, no scripts, no inline styles.
- Paragraphs of 50 to 80 words; concrete advice, no filler.
- Also write a meta title of at most 60 characters, a meta description of at most 160 characters, 3 to 6 tags and 1 or 2 categories.";

const IMAGE_PROMPTS_TEMPLATE: &str = "\
Write image-generation prompts for the article \"{title}\": one featured image and {n_in_article} in-article images.

Article sections:
{sections}

Each prompt describes a realistic, well-composed scene (subject, setting, lighting, composition) that illustrates the article, or for in-article images the section it sits in.
No text, letters, logos or watermarks in any image.
Number in-article images by position from 1 in reading order, each illustrating a different section.";

const IMAGE_TEMPLATE: &str = "\
{prompt}. Realistic and well composed, natural light, high detail. No text, letters, logos or watermarks.";

impl PromptFunction {
    /// Every function, in pipeline order.
    pub const ALL: &'static [PromptFunction] = &[
        PromptFunction::Clustering,
        PromptFunction::Ideas,
        PromptFunction::Content,
        PromptFunction::ImagePrompts,
        PromptFunction::Image,
    ];

    /// The stable name used for stored overrides (`clustering`, `ideas`, `content`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            PromptFunction::Clustering => "clustering",
            PromptFunction::Ideas => "ideas",
            PromptFunction::Content => "content",
            PromptFunction::ImagePrompts => "image_prompts",
            PromptFunction::Image => "image",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<PromptFunction> {
        PromptFunction::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == name)
    }

    /// The built-in template.
    pub fn default_template(self) -> &'static str {
        match self {
            PromptFunction::Clustering => CLUSTERING_TEMPLATE,
            PromptFunction::Ideas => IDEAS_TEMPLATE,
            PromptFunction::Content => CONTENT_TEMPLATE,
            PromptFunction::ImagePrompts => IMAGE_PROMPTS_TEMPLATE,
            PromptFunction::Image => IMAGE_TEMPLATE,
        }
    }

    /// The variables a template of this function may use.
    pub fn variables(self) -> &'static [Variable] {
        match self {
            PromptFunction::Clustering => CLUSTERING_VARS,
            PromptFunction::Ideas => IDEAS_VARS,
            PromptFunction::Content => CONTENT_VARS,
            PromptFunction::ImagePrompts => IMAGE_PROMPTS_VARS,
            PromptFunction::Image => IMAGE_VARS,
        }
    }
}

impl fmt::Display for PromptFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A piece of a parsed template.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

/// Splits a template into literal text and `{name}` placeholders.
fn parse(template: &str) -> Vec<Piece<'_>> {
    let bytes = template.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                pieces.push(Piece::Text(&template[start..i + 1]));
                i += 2;
                start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                pieces.push(Piece::Text(&template[start..i + 1]));
                i += 2;
                start = i;
            }
            b'{' => {
                let name_len = bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                let first_ok = bytes
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
                if first_ok && bytes.get(i + 1 + name_len) == Some(&b'}') {
                    pieces.push(Piece::Text(&template[start..i]));
                    pieces.push(Piece::Var(&template[i + 1..i + 1 + name_len]));
                    i += name_len + 2;
                    start = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    pieces.push(Piece::Text(&template[start..]));
    pieces.retain(|p| *p != Piece::Text(""));
    pieces
}

/// The placeholder names a template uses, in order of first use.
pub fn variables_in(template: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for p in parse(template) {
        if let Piece::Var(name) = p
            && !seen.iter().any(|s| s == name)
        {
            seen.push(name.to_owned());
        }
    }
    seen
}

/// Fills a template's placeholders from `vars` (name, value).
///
/// Fails with [`Error::Config`] naming the first placeholder that has no value. Values are
/// inserted verbatim: braces inside a value are not interpreted.
pub fn render(template: &str, vars: &[(&str, &str)]) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 256);
    for p in parse(template) {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name) => match vars.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => out.push_str(v),
                None => {
                    return Err(Error::Config(format!(
                        "prompt variable {{{name}}} has no value"
                    )));
                }
            },
        }
    }
    Ok(out)
}

/// Checks a template for `function`: no unknown variables, every required one present, not empty
/// and not too long. Returns every problem found, one sentence each.
pub fn check_template(function: PromptFunction, template: &str) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    if template.trim().is_empty() {
        problems.push("the template is empty".to_owned());
    }
    let chars = template.chars().count();
    if chars > MAX_TEMPLATE_CHARS {
        problems.push(format!(
            "the template has {chars} characters; the limit is {MAX_TEMPLATE_CHARS}"
        ));
    }
    let allowed = function.variables();
    let used = variables_in(template);
    for name in &used {
        if !allowed.iter().any(|v| v.name == name) {
            let names: Vec<String> = allowed.iter().map(|v| format!("{{{}}}", v.name)).collect();
            problems.push(format!(
                "unknown variable {{{name}}} for the {function} prompt (allowed: {})",
                names.join(", ")
            ));
        }
    }
    for v in allowed.iter().filter(|v| v.required) {
        if !used.iter().any(|u| u == v.name) {
            problems.push(format!(
                "the {function} prompt must use {{{}}} ({})",
                v.name, v.description
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The templates in force: the built-in ones, with per-function overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompts {
    overrides: BTreeMap<PromptFunction, String>,
}

impl Prompts {
    /// The built-in templates only.
    pub fn defaults() -> Prompts {
        Prompts::default()
    }

    /// The template in force for `function`.
    pub fn template(&self, function: PromptFunction) -> &str {
        self.overrides
            .get(&function)
            .map_or_else(|| function.default_template(), String::as_str)
    }

    /// Replaces `function`'s template after [`check_template`] accepts it.
    pub fn set(&mut self, function: PromptFunction, template: &str) -> Result<(), Vec<String>> {
        check_template(function, template)?;
        self.overrides.insert(function, template.to_owned());
        Ok(())
    }

    /// Goes back to the built-in template for `function`.
    pub fn reset(&mut self, function: PromptFunction) {
        self.overrides.remove(&function);
    }

    /// Applies every override of `other` over these (later layers win).
    pub fn merge(&mut self, other: &Prompts) {
        for (f, t) in &other.overrides {
            self.overrides.insert(*f, t.clone());
        }
    }

    /// Renders `function`'s template in force with `vars`.
    pub fn render(&self, function: PromptFunction, vars: &[(&str, &str)]) -> Result<String> {
        render(self.template(function), vars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_template_passes_its_own_check() {
        for f in PromptFunction::ALL {
            assert_eq!(check_template(*f, f.default_template()), Ok(()), "{f}");
            assert_eq!(PromptFunction::parse(f.as_str()), Some(*f));
            // Every declared variable is used by the default, so defaults show the whole menu.
            let used = variables_in(f.default_template());
            for v in f.variables() {
                assert!(
                    used.iter().any(|u| u == v.name),
                    "{f} default does not use {{{}}}",
                    v.name
                );
            }
        }
    }

    #[test]
    fn render_fills_variables_and_keeps_other_braces() {
        let out = render(
            "Hi {name}, {{literal}} and {\"json\": 1} and { spaced } {name}",
            &[("name", "Ann {x}")],
        )
        .unwrap();
        assert_eq!(
            out,
            "Hi Ann {x}, {literal} and {\"json\": 1} and { spaced } Ann {x}"
        );
    }

    #[test]
    fn render_names_a_missing_variable() {
        let err = render("a {title} b {outline}", &[("title", "T")]).unwrap_err();
        assert_eq!(
            err,
            Error::Config("prompt variable {outline} has no value".into())
        );
    }

    #[test]
    fn check_rejects_unknown_and_missing_variables() {
        let problems =
            check_template(PromptFunction::Content, "Write {title} please {colour}").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("unknown variable {colour}") && problems[0].contains("{outline}"),
            "{problems:?}"
        );
        assert!(problems[1].contains("must use {outline}"), "{problems:?}");

        let problems = check_template(PromptFunction::Image, "  ").unwrap_err();
        assert!(
            problems.iter().any(|p| p == "the template is empty"),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("must use {prompt}")),
            "{problems:?}"
        );

        let long = format!("{{prompt}} {}", "x".repeat(MAX_TEMPLATE_CHARS));
        let problems = check_template(PromptFunction::Image, &long).unwrap_err();
        assert!(problems[0].contains("limit is 20000"), "{problems:?}");

        // Escaped braces are not variables.
        assert_eq!(
            check_template(PromptFunction::Image, "{prompt} {{colour}}"),
            Ok(())
        );
    }

    #[test]
    fn prompts_overrides_are_checked_and_merged() {
        let mut p = Prompts::defaults();
        assert!(p.set(PromptFunction::Clustering, "cluster {nope}").is_err());
        assert_eq!(p.template(PromptFunction::Clustering), CLUSTERING_TEMPLATE);
        p.set(PromptFunction::Clustering, "Cluster these:\n{keywords}")
            .unwrap();
        assert_eq!(
            p.render(PromptFunction::Clustering, &[("keywords", "a\nb")])
                .unwrap(),
            "Cluster these:\na\nb"
        );

        let mut platform = Prompts::defaults();
        platform
            .set(PromptFunction::Image, "Photo: {prompt}")
            .unwrap();
        platform.merge(&p);
        assert_eq!(platform.template(PromptFunction::Image), "Photo: {prompt}");
        assert_eq!(
            platform.template(PromptFunction::Clustering),
            "Cluster these:\n{keywords}"
        );
        platform.reset(PromptFunction::Image);
        assert_eq!(platform.template(PromptFunction::Image), IMAGE_TEMPLATE);
    }
}
