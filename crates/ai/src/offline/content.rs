//! Offline article writer: HTML that follows the outline section by section, with sentences
//! from deterministic templates (seeded by a hash of the title) until the target length.

use super::text::{
    Rng, capitalize, core_phrase, count_plain_words, fnv1a, is_modifier, is_stop_word, title_case,
    words,
};
use crate::types::{ContentIn, ContentOut, ContentStructure, OutlineSection};

/// Longest meta title, in characters.
pub(crate) const META_TITLE_MAX: usize = 60;
/// Longest meta description, in characters.
pub(crate) const META_DESCRIPTION_MAX: usize = 160;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Words of visible text in an HTML fragment: tags removed, common entities decoded.
pub fn count_words(html: &str) -> u32 {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                // A tag separates words ("a</p><p>b" is two words).
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    count_plain_words(&text)
}

/// Cuts `s` to at most `max` characters at a word boundary, without trailing punctuation;
/// `ellipsis` appends "…" (counted) when something was cut.
pub(crate) fn truncate_words(s: &str, max: usize, ellipsis: bool) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let budget = if ellipsis { max - 1 } else { max };
    let mut out = String::new();
    for w in s.split_whitespace() {
        let next = if out.is_empty() {
            w.chars().count()
        } else {
            out.chars().count() + 1 + w.chars().count()
        };
        if next > budget {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = s.chars().take(budget).collect();
    }
    while out.ends_with([',', ':', ';', '-', '–', '—', '.', '|']) || out.ends_with(' ') {
        out.pop();
    }
    if ellipsis {
        out.push('…');
    }
    out
}

/// Body sentences; `{topic}` is the primary keyword, `{focus}` the section's subject.
const SENTENCES: &[&str] = &[
    "When it comes to {focus}, the details matter more than most people expect.",
    "A good starting point is to be clear about what you want from {focus} before you spend time or money on it.",
    "Many people looking into {topic} find that {focus} is where the biggest gains are.",
    "It helps to compare a few options side by side rather than settling on the first one you find.",
    "Keep short notes as you go, because small observations about {focus} add up quickly.",
    "Consistency beats intensity here: steady, repeatable habits give better results than one big push.",
    "If you are new to {topic}, start small and build on what works for you.",
    "{Focus} is not complicated once you break it into a handful of smaller decisions.",
    "Think about your budget, your schedule and your goals, and let those three shape every choice.",
    "The most common mistake is rushing this step, and a little patience here saves a lot of rework later.",
    "Look for trustworthy sources and real experiences from other people instead of marketing claims.",
    "For most readers, the simplest option that covers the essentials is the right place to begin.",
    "Revisit your approach to {focus} every few weeks and adjust it based on what the results tell you.",
    "A quick checklist keeps you from overlooking the basics when you are busy.",
    "Quality usually matters more than quantity, so choose fewer things and do them well.",
    "Set one measurable goal for {focus} so you can tell whether a change actually helped.",
    "Small improvements compound, and after a few months the difference is easy to see.",
    "Ask yourself what a good outcome looks like before you decide how to get there.",
    "Experienced people tend to keep things simple and spend their effort where it counts.",
    "Be realistic about the time involved, and plan for a few setbacks along the way.",
    "It is worth reading the fine print, because the total cost is rarely the headline price.",
    "Try one change at a time, so you know which one made the difference.",
    "There is no single right answer for everyone, but there is usually a sensible default.",
    "Write down what you learn about {focus}, because it makes the next decision faster.",
];

/// Sentences that carry a secondary keyword (`{kw}`).
const KEYWORD_SENTENCES: &[&str] = &[
    "This is also where {kw} comes into play, so it deserves a closer look.",
    "People who search for {kw} usually want a practical answer, and the short version is to start with the fundamentals.",
    "If {kw} is on your list, weigh it against the points above before you commit.",
    "A closer look at {kw} shows why the basics covered here matter so much.",
];

/// Opening sentences of the article; the first uses the primary keyword.
const OPENERS: &[&str] = &[
    "If you are researching {topic}, this article walks you through what matters, one step at a time.",
    "{Topic} raises more questions than it first appears, and this article answers the important ones.",
    "Getting {topic} right is easier when you know what to focus on, and that is what this article covers.",
];

/// List items; `{focus}` is the section's subject.
const LIST_ITEMS: &[&str] = &[
    "Set a clear goal for {focus} before you start",
    "Compare at least three options side by side",
    "Check the total cost, not only the upfront price",
    "Test your approach on a small scale first",
    "Ask people who have done it what they would change",
    "Keep a simple record of what works and what does not",
    "Review your results after a few weeks and adjust",
    "Avoid the cheapest option if it skips the essentials",
];

struct Writer<'a> {
    rng: Rng,
    topic: &'a str,
    html: String,
    words: u32,
}

impl Writer<'_> {
    fn fill(&self, template: &str, focus: &str, kw: &str) -> String {
        template
            .replace("{topic}", self.topic)
            .replace("{Topic}", &capitalize(self.topic))
            .replace("{focus}", focus)
            .replace("{Focus}", &capitalize(focus))
            .replace("{kw}", kw)
    }

    fn push(&mut self, tag: &str, text: &str) {
        self.words += count_plain_words(text);
        self.html
            .push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
    }

    /// One paragraph of up to `max_words`, at least two sentences, optionally with a keyword.
    fn paragraph(
        &mut self,
        focus: &str,
        max_words: u32,
        keyword: Option<&str>,
        opener: Option<String>,
    ) {
        let target = 50 + self.rng.below(31) as u32; // 50–80 words
        let target = target.min(max_words.max(20));
        let mut sentences: Vec<String> = Vec::new();
        let mut n = 0;
        if let Some(o) = opener {
            n += count_plain_words(&o);
            sentences.push(o);
        }
        if let Some(kw) = keyword {
            let t = *self.rng.pick(KEYWORD_SENTENCES);
            let s = self.fill(t, focus, kw);
            n += count_plain_words(&s);
            sentences.push(s);
        }
        let mut last = usize::MAX;
        while n < target || sentences.len() < 2 {
            let mut i = self.rng.below(SENTENCES.len());
            if i == last {
                i = (i + 1) % SENTENCES.len();
            }
            last = i;
            let s = self.fill(SENTENCES[i], focus, "");
            n += count_plain_words(&s);
            sentences.push(s);
        }
        // Keep the keyword sentence second, not first, so paragraphs open on the subject.
        let text = sentences.join(" ");
        self.push("p", &text);
    }

    fn list(&mut self, focus: &str, ordered: bool) {
        let count = 4 + self.rng.below(2);
        let start = self.rng.below(LIST_ITEMS.len());
        let items: Vec<String> = (0..count)
            .map(|i| self.fill(LIST_ITEMS[(start + i) % LIST_ITEMS.len()], focus, ""))
            .collect();
        let tag = if ordered { "ol" } else { "ul" };
        self.html.push_str(&format!("<{tag}>\n"));
        for item in items {
            self.words += count_plain_words(&item);
            self.html.push_str(&format!("<li>{}</li>\n", escape(&item)));
        }
        self.html.push_str(&format!("</{tag}>\n"));
    }

    fn table(&mut self) {
        let rows = [
            ("Cost", "Upfront price plus running costs over a year"),
            ("Effort", "Time to set up and to keep going"),
            ("Best for", "The kind of reader each option suits"),
            ("Watch out for", "Limits and hidden trade-offs"),
        ];
        self.html
            .push_str("<table>\n<tr><th>Factor</th><th>What to check</th></tr>\n");
        for (a, b) in rows {
            self.words += count_plain_words(a) + count_plain_words(b);
            self.html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                escape(a),
                escape(b)
            ));
        }
        self.html.push_str("</table>\n");
    }
}

/// The quoted phrase in section notes (the keyword the section answers), if any.
fn quoted(notes: &str) -> Option<&str> {
    let start = notes.find('"')? + 1;
    let len = notes[start..].find('"')?;
    let q = notes[start..start + len].trim();
    (!q.is_empty()).then_some(q)
}

/// Default outline when the caller gives none.
fn default_outline(topic: &str) -> Vec<OutlineSection> {
    let t = title_case(topic);
    [
        format!("{t}: The Basics"),
        format!("How {t} Works"),
        "Benefits and Drawbacks".to_owned(),
        "Common Mistakes to Avoid".to_owned(),
        "Tips and Best Practices".to_owned(),
        "Final Thoughts".to_owned(),
    ]
    .into_iter()
    .map(|heading| OutlineSection {
        heading,
        notes: String::new(),
    })
    .collect()
}

fn is_closing(heading: &str) -> bool {
    let h = heading.to_lowercase();
    [
        "conclusion",
        "final thoughts",
        "summary",
        "wrap",
        "verdict",
        "bottom line",
    ]
    .iter()
    .any(|w| h.contains(w))
}

/// Writes the article. The input has been validated (non-empty title, sane word count).
pub(crate) fn write(input: &ContentIn) -> ContentOut {
    let topic = {
        let p = input.primary_keyword.trim();
        if p.is_empty() {
            input.title.trim().to_lowercase()
        } else {
            p.to_lowercase()
        }
    };
    let mut sections: Vec<OutlineSection> = if input.outline.is_empty() {
        default_outline(&topic)
    } else {
        input.outline.clone()
    };
    // The primary keyword appears in at least one heading: the closing one if there is one.
    let lower_topic = topic.to_lowercase();
    if !sections
        .iter()
        .any(|s| s.heading.to_lowercase().contains(&lower_topic))
    {
        let closing = format!("Final Thoughts on {}", title_case(&topic));
        match sections.iter_mut().rev().find(|s| is_closing(&s.heading)) {
            Some(s) => s.heading = closing,
            None => sections.push(OutlineSection {
                heading: closing,
                notes: String::new(),
            }),
        }
    }

    let mut w = Writer {
        rng: Rng::new(fnv1a(&input.title)),
        topic: &topic,
        html: String::new(),
        words: 0,
    };
    let target = input.target_word_count;
    let secondary: Vec<&str> = input
        .secondary_keywords
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();

    // Introduction: no heading, primary keyword in the first sentence.
    let intro_budget = (target / 12).clamp(40, 150);
    let t = *w.rng.pick(OPENERS);
    let opener = w.fill(t, &topic, "");
    w.paragraph(&topic, intro_budget, None, Some(opener));

    let n = sections.len() as u32;
    for (i, section) in sections.iter().enumerate() {
        w.push("h2", section.heading.trim());
        let focus = quoted(&section.notes)
            .map(str::to_lowercase)
            .unwrap_or_else(|| section.heading.trim().to_lowercase());
        // Secondary keywords are dealt round-robin over the sections.
        let kws: Vec<&str> = secondary
            .iter()
            .enumerate()
            .filter(|(k, _)| *k as u32 % n == i as u32)
            .map(|(_, s)| *s)
            .collect();
        let remaining_sections = n - i as u32;
        let budget = target.saturating_sub(w.words) / remaining_sections;
        let section_start = w.words;
        let spent = |w: &Writer<'_>| w.words - section_start;
        let heading_l = section.heading.to_lowercase();
        let steps = heading_l.contains("step") || heading_l.starts_with("how to");
        let compare = heading_l.contains("difference")
            || heading_l.contains(" vs ")
            || heading_l.contains("compar");
        let mut kw_iter = kws.into_iter();
        let mut first = true;
        let mut subhead = false;
        loop {
            let left = budget.saturating_sub(spent(&w));
            if !first && left < 25 {
                break;
            }
            let kw = kw_iter.next();
            w.paragraph(&focus, left, kw, None);
            if first {
                first = false;
                let left = budget.saturating_sub(spent(&w));
                if compare && input.content_structure == ContentStructure::Comparison && left > 40 {
                    w.table();
                } else if (steps || i % 3 == 1) && left > 60 {
                    w.list(&focus, steps);
                }
                // Long sections get an h3 half-way, as real articles do.
                if budget >= 260 && !subhead {
                    subhead = true;
                    let h3 = if steps {
                        "Putting It into Practice".to_owned()
                    } else {
                        format!("More on {}", title_case(&focus))
                    };
                    w.push("h3", &h3);
                }
            }
        }
        // Keywords that did not fit a paragraph of their own still appear once.
        for kw in kw_iter {
            let t = *w.rng.pick(KEYWORD_SENTENCES);
            let s = w.fill(t, &focus, kw);
            w.push("p", &s);
        }
    }

    let word_count = count_words(&w.html);
    ContentOut {
        meta_title: truncate_words(&input.title, META_TITLE_MAX, false),
        meta_description: meta_description(input, &topic, &sections),
        tags: tags(input, &topic),
        categories: categories(input, &topic),
        word_count,
        html: w.html,
    }
}

fn meta_description(input: &ContentIn, topic: &str, sections: &[OutlineSection]) -> String {
    // The sections that name sub-topics, not the article's frame ("The Basics", "FAQ", ...).
    let frame = [
        "question",
        "basics",
        "at a glance",
        "how we chose",
        "why ",
        "final thoughts",
    ];
    let subjects: Vec<String> = sections
        .iter()
        .map(|s| s.heading.trim().trim_end_matches('?').to_lowercase())
        .filter(|h| !is_closing(h) && !frame.iter().any(|f| h.contains(f)))
        .take(3)
        .collect();
    let subjects = match subjects.len() {
        0 => String::new(),
        1 => format!(": {}", subjects[0]),
        n => format!(": {} and {}", subjects[..n - 1].join(", "), subjects[n - 1]),
    };
    let kind = match input.content_structure {
        ContentStructure::Guide => "A step-by-step guide",
        ContentStructure::Listicle => "A quick list",
        ContentStructure::Comparison => "A side-by-side comparison",
        ContentStructure::Review => "An honest review",
        _ => "A practical article",
    };
    let text = format!("{kind} on {topic}{subjects}.");
    truncate_words(&text, META_DESCRIPTION_MAX, true)
}

/// The words of a keyword that name its topic (no stop-words, no modifiers).
fn topic_words(s: &str) -> Vec<String> {
    words(s)
        .into_iter()
        .filter(|w| !is_stop_word(w) && !is_modifier(w))
        .collect()
}

fn tags(input: &ContentIn, topic: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let add = |t: String, tags: &mut Vec<String>| {
        let t = t.trim().to_lowercase();
        if !t.is_empty() && t.chars().count() <= 60 && !tags.contains(&t) && tags.len() < 6 {
            tags.push(t);
        }
    };
    add(topic.to_owned(), &mut tags);
    for k in &input.secondary_keywords {
        add(words(k).join(" "), &mut tags);
    }
    for w in topic_words(topic)
        .into_iter()
        .chain(topic_words(&input.title))
    {
        if tags.len() >= 3 {
            break;
        }
        add(w, &mut tags);
    }
    for fallback in [
        input.content_structure.as_str().replace('_', " "),
        "tips".to_owned(),
        "how-to".to_owned(),
    ] {
        if tags.len() >= 3 {
            break;
        }
        add(fallback, &mut tags);
    }
    tags
}

fn categories(input: &ContentIn, topic: &str) -> Vec<String> {
    // Broad: "running shoes for women" files under "Running Shoes".
    let core = core_phrase(topic, &[]);
    let core = [" for ", " vs ", " versus ", " with ", " without ", " in "]
        .iter()
        .fold(core, |c, sep| {
            c.split(sep).next().unwrap_or_default().to_owned()
        });
    let mut out = vec![title_case(if core.is_empty() { topic } else { &core })];
    let kind = match input.content_structure {
        ContentStructure::Guide => Some("Guides"),
        ContentStructure::Listicle => Some("Lists"),
        ContentStructure::Comparison => Some("Comparisons"),
        ContentStructure::Review => Some("Reviews"),
        _ => None,
    };
    if let Some(k) = kind
        && out[0] != k
    {
        out.push(k.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ContentType;

    fn section(h: &str, n: &str) -> OutlineSection {
        OutlineSection {
            heading: h.into(),
            notes: n.into(),
        }
    }

    fn input(target: u32) -> ContentIn {
        ContentIn {
            title:
                "The Complete Guide to Running Shoes: How to Pick the Right Pair for Your Stride"
                    .into(),
            outline: vec![
                section("Running Shoes: The Basics", "Define running shoes plainly."),
                section(
                    "Running Shoes for Women",
                    "Answer the search \"running shoes for women\" (9000 searches a month).",
                ),
                section(
                    "Trail Running Shoes Review",
                    "Answer the search \"trail running shoes review\".",
                ),
                section(
                    "Step-by-Step: Getting Started",
                    "A numbered sequence of steps.",
                ),
                section("Nike vs Adidas: Key Differences", "A side-by-side table."),
                section("Common Mistakes to Avoid", "Errors people make."),
                section("Frequently Asked Questions", "Short answers."),
                section("Final Thoughts", "Sum up."),
            ],
            primary_keyword: "running shoes".into(),
            secondary_keywords: vec![
                "running shoes for women".into(),
                "trail running shoes".into(),
                "cheap running shoes".into(),
            ],
            content_type: ContentType::Post,
            content_structure: ContentStructure::Guide,
            target_word_count: target,
        }
    }

    #[test]
    fn word_count_is_within_15_percent_of_target() {
        for target in [300, 600, 1200, 1500, 2000, 3000] {
            let out = write(&input(target));
            let ratio = f64::from(out.word_count) / f64::from(target);
            assert!(
                (0.85..=1.15).contains(&ratio),
                "target {target}: got {} words",
                out.word_count
            );
            assert_eq!(out.word_count, count_words(&out.html));
        }
    }

    #[test]
    fn html_follows_the_outline_and_uses_keywords() {
        let inp = input(1200);
        let out = write(&inp);
        let html = &out.html;
        assert!(!html.contains("<h1") && !html.contains("<script"), "{html}");
        // Every outline heading appears as an h2, in order.
        let mut pos = 0;
        for s in &inp.outline[..7] {
            let tag = format!("<h2>{}</h2>", escape(&s.heading));
            let at = html[pos..]
                .find(&tag)
                .unwrap_or_else(|| panic!("missing or out of order: {tag}"));
            pos += at + tag.len();
        }
        // The closing heading now carries the primary keyword.
        assert!(
            html.contains("<h2>Final Thoughts on Running Shoes</h2>")
                || html.contains("<h2>Running Shoes: The Basics</h2>")
        );
        // Primary keyword in the first paragraph.
        let first_p = &html[html.find("<p>").unwrap()..html.find("</p>").unwrap()];
        assert!(
            first_p.to_lowercase().contains("running shoes"),
            "{first_p}"
        );
        assert!(
            html.find("<p>").unwrap() < html.find("<h2>").unwrap(),
            "introduction comes before the first h2"
        );
        for kw in &inp.secondary_keywords {
            assert!(html.contains(kw.as_str()), "secondary keyword {kw} missing");
        }
        assert!(html.contains("<ol>"), "a step section gets an ordered list");
        assert!(!html.contains("<h3>"), "short sections need no h3");
        assert!(
            write(&input(3000)).html.contains("<h3>"),
            "long sections get an h3"
        );
    }

    #[test]
    fn comparison_sections_get_a_table() {
        let mut inp = input(1800);
        inp.content_structure = ContentStructure::Comparison;
        assert!(write(&inp).html.contains("<table>"));
    }

    #[test]
    fn meta_fields_respect_limits() {
        let out = write(&input(1200));
        assert!(
            out.meta_title.chars().count() <= META_TITLE_MAX,
            "{}",
            out.meta_title
        );
        assert_eq!(
            out.meta_title,
            "The Complete Guide to Running Shoes: How to Pick the Right"
        );
        assert!(
            out.meta_description.chars().count() <= META_DESCRIPTION_MAX,
            "{}",
            out.meta_description
        );
        assert!(
            out.meta_description.starts_with("A step-by-step guide on running shoes: running shoes for women, trail running shoes review and"),
            "{}",
            out.meta_description
        );
        assert!((3..=6).contains(&out.tags.len()), "{:?}", out.tags);
        assert_eq!(out.tags[0], "running shoes");
        assert_eq!(
            out.categories,
            vec!["Running Shoes".to_owned(), "Guides".to_owned()]
        );
    }

    #[test]
    fn sparse_input_still_gets_three_tags_and_an_outline() {
        let inp = ContentIn {
            title: "Kayaks".into(),
            outline: vec![],
            primary_keyword: "kayak".into(),
            secondary_keywords: vec![],
            content_type: ContentType::Post,
            content_structure: ContentStructure::Article,
            target_word_count: 600,
        };
        let out = write(&inp);
        assert_eq!(out.tags.len(), 3, "{:?}", out.tags);
        assert_eq!(out.categories, vec!["Kayak".to_owned()]);
        let mut inp = inp;
        inp.primary_keyword = "best kayaks for beginners".into();
        inp.content_structure = ContentStructure::Review;
        assert_eq!(
            write(&inp).categories,
            vec!["Kayaks".to_owned(), "Reviews".to_owned()]
        );
        assert!(out.html.matches("<h2>").count() >= 6);
        assert!(
            out.html.contains("<h2>Kayak: The Basics</h2>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn text_is_escaped_and_deterministic() {
        let mut inp = input(600);
        inp.outline[0].heading = "Shoes <script>alert(1)</script> & Socks".into();
        let a = write(&inp);
        assert!(
            !a.html.contains("<script>")
                && a.html.contains("&lt;script&gt;")
                && a.html.contains("&amp; Socks")
        );
        assert_eq!(a, write(&inp));
        inp.title.push('!');
        assert_ne!(a.html, write(&inp).html, "seeded by the title");
    }

    #[test]
    fn count_words_ignores_tags_and_entities() {
        // A lone "&" has no letter or digit, so it is not a word.
        assert_eq!(
            count_words("<h2>Two words</h2><p>three&nbsp;more &amp; words</p>"),
            5
        );
        assert_eq!(count_words("a</p><p>b"), 2);
    }

    #[test]
    fn truncate_cuts_at_word_boundaries() {
        assert_eq!(truncate_words("short", 60, false), "short");
        assert_eq!(
            truncate_words("alpha beta gamma: delta", 17, false),
            "alpha beta gamma"
        );
        assert_eq!(
            truncate_words("alpha beta gamma delta", 12, true),
            "alpha beta…"
        );
        assert_eq!(truncate_words(&"x".repeat(30), 10, false), "x".repeat(10));
    }
}
