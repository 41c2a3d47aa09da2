//! The allow-list HTML sanitizer every `content_html` write goes through, and the word count of
//! its text.
//!
//! Kept: headings, paragraphs, line breaks, rules, lists, tables, links (`http`, `https`,
//! `mailto` and relative URLs; `rel="noopener noreferrer"` is forced), images (`http`/`https`
//! or relative `src`), emphasis, blockquote, code/pre, figures. Dropped: every other tag and
//! attribute — scripts and their text, event handlers, `style`, iframes, objects, forms, SVG —
//! and every other URL scheme (`javascript:`, `data:`, `vbscript:`, ...), whatever its case.

use ammonia::{Builder, UrlRelative};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "a",
    "img",
    "figure",
    "figcaption",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "blockquote",
    "q",
    "cite",
    "code",
    "pre",
    "span",
];

/// Tags removed together with everything inside them (not just unwrapped).
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "noembed", "noframes", "template", "svg", "math", "textarea", "select", "title",
];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::empty();
    let attrs: HashMap<&str, HashSet<&str>> = [
        ("a", &["href", "title"][..]),
        ("img", &["src", "alt", "title", "width", "height"][..]),
        ("th", &["colspan", "rowspan", "scope"][..]),
        ("td", &["colspan", "rowspan"][..]),
        ("ol", &["start", "reversed"][..]),
        ("blockquote", &["cite"][..]),
        ("q", &["cite"][..]),
    ]
    .into_iter()
    .map(|(t, a)| (t, a.iter().copied().collect()))
    .collect();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(attrs)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true);
    b
});

/// Sanitizes HTML against the allow-list; the result is safe to render as is.
pub fn sanitize_html(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Inline tags: their boundaries do not separate words (`he<b>ll</b>o` is one word).
const INLINE: &[&str] = &[
    "a", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "q",
    "cite", "code", "span",
];

/// The text of (sanitized) HTML: tags removed, block boundaries turned into spaces, the common
/// entities decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                // read the tag up to its closing '>', honouring quoted attribute values
                let mut tag = String::new();
                let mut quote: Option<char> = None;
                for t in chars.by_ref() {
                    match (quote, t) {
                        (None, '>') => break,
                        (None, '"' | '\'') => quote = Some(t),
                        (Some(q), t) if t == q => quote = None,
                        _ => {}
                    }
                    tag.push(t);
                }
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if !INLINE.contains(&name.as_str()) {
                    out.push(' ');
                }
            }
            '&' => {
                let mut entity = String::new();
                while let Some(&n) = chars.peek() {
                    if n == ';' || entity.len() > 10 || n.is_whitespace() || n == '<' {
                        break;
                    }
                    entity.push(n);
                    chars.next();
                }
                if chars.peek() == Some(&';') {
                    chars.next();
                    out.push_str(&decode_entity(&entity));
                } else {
                    out.push('&');
                    out.push_str(&entity);
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn decode_entity(e: &str) -> String {
    let named = match e {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => None,
    };
    let numeric = || {
        let n = e.strip_prefix('#')?;
        let code = match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => n.parse().ok()?,
        };
        char::from_u32(code)
    };
    match named.or_else(numeric) {
        Some(c) => c.to_string(),
        None => format!("&{e};"),
    }
}

/// Words in the text of HTML: whitespace-separated runs holding at least one letter or digit.
pub fn word_count(html: &str) -> i32 {
    let n = html_text(html)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every tag of the output with its attribute names.
    fn tags_of(out: &str) -> Vec<(String, Vec<String>)> {
        let mut tags = Vec::new();
        let mut rest = out;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let mut quote = None;
            let mut end = rest.len();
            for (j, c) in rest.char_indices() {
                match (quote, c) {
                    (None, '>') => {
                        end = j;
                        break;
                    }
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
            }
            let inner = &rest[..end];
            let name: String = inner
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let mut attrs = Vec::new();
            let mut q = None;
            let mut word = String::new();
            for c in inner.chars().skip(name.len()) {
                match (q, c) {
                    (None, '"' | '\'') => q = Some(c),
                    (Some(x), c) if c == x => q = None,
                    (None, '=') => attrs.push(std::mem::take(&mut word)),
                    (None, c) if c.is_whitespace() => word.clear(),
                    (None, c) => word.push(c),
                    _ => {}
                }
            }
            tags.push((name.to_ascii_lowercase(), attrs));
            rest = &rest[end.min(rest.len())..];
        }
        tags
    }

    /// The output has only allowed tags and attributes and no script URL: whatever text
    /// survives (e.g. `alert(1)`) is inert, escaped text.
    fn assert_clean(out: &str) {
        let allowed_attrs = [
            "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "scope",
            "start", "reversed", "cite", "rel",
        ];
        for (tag, attrs) in tags_of(out) {
            assert!(
                TAGS.contains(&tag.as_str()),
                "tag {tag:?} survived in {out:?}"
            );
            for a in attrs {
                assert!(
                    allowed_attrs.contains(&a.as_str()),
                    "attribute {a:?} survived in {out:?}"
                );
            }
        }
        let lower = out.to_ascii_lowercase();
        for bad in [
            "javascript:",
            "data:",
            "vbscript:",
            "<script",
            "onerror=",
            "onload=",
        ] {
            assert!(!lower.contains(bad), "{bad:?} survived in {out:?}");
        }
    }

    #[test]
    fn keeps_allowed_structure() {
        let html = "<h2>Title</h2><p>Some <strong>bold</strong> and <em>em</em> text.</p>\
            <ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>three</li></ol>\
            <table><thead><tr><th colspan=\"2\">h</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>\
            <blockquote>q</blockquote><pre><code>let x = 1;</code></pre>\
            <p><a href=\"https://example.com/x\" title=\"t\">link</a> <img src=\"https://cdn.example.com/a.png\" alt=\"A\"></p>";
        let out = sanitize_html(html);
        for keep in [
            "<h2>Title</h2>",
            "<strong>bold</strong>",
            "<em>em</em>",
            "<ul><li>one</li><li>two</li></ul>",
            "<ol start=\"3\">",
            "<th colspan=\"2\">h</th>",
            "<td>a</td>",
            "<blockquote>q</blockquote>",
            "<pre><code>let x = 1;</code></pre>",
            "<img src=\"https://cdn.example.com/a.png\" alt=\"A\">",
        ] {
            assert!(out.contains(keep), "{keep:?} missing from {out}");
        }
        assert!(
            out.contains(
                "<a href=\"https://example.com/x\" title=\"t\" rel=\"noopener noreferrer\">link</a>"
            ),
            "{out}"
        );
        assert_clean(&out);
    }

    #[test]
    fn links_get_rel_even_when_they_bring_their_own() {
        let out = sanitize_html("<a href=\"/about\" rel=\"opener\" target=\"_blank\">about</a>");
        assert_eq!(
            out,
            "<a href=\"/about\" rel=\"noopener noreferrer\">about</a>"
        );
    }

    #[test]
    fn drops_scripts_with_their_text() {
        let out = sanitize_html("<p>a</p><script>alert('x')</script><p>b</p>");
        assert_eq!(out, "<p>a</p><p>b</p>");
    }

    #[test]
    fn drops_event_handlers_and_style() {
        let out = sanitize_html(
            "<p onclick=\"alert(1)\" style=\"color:red\" class=\"x\">hi</p><img src=x onerror=alert(1)>",
        );
        assert_eq!(out, "<p>hi</p><img src=\"x\">");
    }

    #[test]
    fn drops_javascript_urls_in_any_case() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "&#106;avascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        ] {
            let out = sanitize_html(&format!("<a href=\"{href}\">x</a>"));
            assert_eq!(out, "<a rel=\"noopener noreferrer\">x</a>", "href {href:?}");
        }
        let out = sanitize_html("<img src=\"data:image/png;base64,AAAA\" alt=\"d\">");
        assert_eq!(out, "<img alt=\"d\">");
    }

    #[test]
    fn nested_and_broken_tricks() {
        for hostile in [
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<<script>script>alert(1)<</script>/script>",
            "<svg onload=alert(1)><circle r=\"1\"/></svg>",
            "<svg><script>alert(1)</script></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<form action=\"javascript:alert(1)\"><input type=\"submit\" onfocus=alert(1) autofocus><button formaction=javascript:alert(1)>go</button></form>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<!--<script>alert(1)</script>-->",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<img src=\"x\" onerror=\"alert(1)\"//>",
            "<p style=\"background-image:url(javascript:alert(1))\">p</p>",
            "<body onload=alert(1)>",
            "<div><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript></div>",
        ] {
            let out = sanitize_html(hostile);
            assert_clean(&out);
        }
        // the pieces of a split tag survive only as escaped text
        assert_eq!(
            sanitize_html("<scr<script>ipt>alert(1)</scr</script>ipt>"),
            "ipt&gt;alert(1)ipt&gt;"
        );
        // the checker itself notices a surviving handler or tag
        let caught = std::panic::catch_unwind(|| assert_clean("<p onclick=\"x\">a</p>"));
        assert!(caught.is_err());
        let caught = std::panic::catch_unwind(|| assert_clean("<iframe></iframe>"));
        assert!(caught.is_err());
    }

    #[test]
    fn form_text_survives_without_the_form() {
        let out = sanitize_html("<form action=\"/x\"><p>Join us</p><input name=\"e\"></form>");
        assert_eq!(out, "<p>Join us</p>");
    }

    #[test]
    fn counts_words_of_the_text() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("<p>One two three.</p>"), 3);
        assert_eq!(
            word_count("<p>one</p><p>two</p>"),
            2,
            "blocks separate words"
        );
        assert_eq!(
            word_count("<p>he<b>ll</b>o world</p>"),
            2,
            "inline tags do not"
        );
        // counted on sanitized HTML, where named entities are already characters
        assert_eq!(
            word_count(&sanitize_html("<p>Tom &amp; Jerry &mdash; 2 cats</p>")),
            4
        );
        assert_eq!(word_count("<img alt=\"a > b c\" src=\"x\"><p>word</p>"), 1);
        assert_eq!(
            word_count(&sanitize_html("<ul><li>a</li><li>b</li></ul>caf&eacute;s")),
            3
        );
        assert_eq!(word_count("line<br>break"), 2);
    }

    #[test]
    fn text_decodes_entities() {
        assert_eq!(
            html_text("<p>a &lt;b&gt; &#65;&#x42; &unknown; &amp</p>").trim(),
            "a <b> AB &unknown; &amp"
        );
    }
}
