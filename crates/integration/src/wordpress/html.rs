//! The HTML a post carries: in-article images placed between sections, and the marker that
//! lets a retried publish find the post an interrupted attempt already made.

/// The marker comment for a content item (kept by WordPress's kses for every role).
pub fn marker(content_id: i64) -> String {
    format!("<!-- igny8:content:{content_id} -->")
}

/// True when `html` carries the marker of `content_id`.
pub fn has_marker(html: &str, content_id: i64) -> bool {
    html.contains(&marker(content_id))
}

/// An image to place: its URL on the site and its alternative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// 1..N.
    pub position: i32,
    /// The URL.
    pub url: String,
    /// Alternative text.
    pub alt: String,
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Places in-article image N before the (N+1)-th `<h2` of the article (at the end of its N-th
/// section), or at the end when the article has fewer sections, and appends the marker.
pub fn place_images(html: &str, images: &[Placed], content_id: i64) -> String {
    let mut starts: Vec<usize> = html.match_indices("<h2").map(|(i, _)| i).collect();
    starts.sort_unstable();
    let mut inserts: Vec<(usize, String)> = images
        .iter()
        .map(|img| {
            let figure = format!(
                "<figure class=\"igny8-image igny8-image-{}\"><img src=\"{}\" alt=\"{}\"></figure>",
                img.position,
                escape_attr(&img.url),
                escape_attr(&img.alt)
            );
            let at = usize::try_from(img.position)
                .ok()
                .and_then(|n| starts.get(n))
                .copied()
                .unwrap_or(html.len());
            (at, figure)
        })
        .collect();
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(html.len() + 200 * images.len() + 40);
    let mut last = 0;
    for (at, figure) in inserts {
        out.push_str(&html[last..at]);
        out.push_str(&figure);
        last = at;
    }
    out.push_str(&html[last..]);
    out.push_str(&marker(content_id));
    out
}

/// Decodes the few entities WordPress puts in term names (`&amp;`, `&#038;`, quotes, `<`, `>`).
pub fn decode_entities(s: &str) -> String {
    s.replace("&#038;", "&")
        .replace("&#8217;", "\u{2019}")
        .replace("&#039;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(position: i32) -> Placed {
        Placed {
            position,
            url: format!("http://wp.test/{position}.png"),
            alt: "A \"b\" & c".into(),
        }
    }

    #[test]
    fn images_go_at_the_end_of_their_section_and_the_marker_last() {
        let html = "<p>intro</p><h2>One</h2><p>1</p><h2>Two</h2><p>2</p><h2>Three</h2><p>3</p>";
        let out = place_images(html, &[img(2), img(1)], 7);
        assert_eq!(
            out,
            "<p>intro</p><h2>One</h2><p>1</p>\
             <figure class=\"igny8-image igny8-image-1\"><img src=\"http://wp.test/1.png\" alt=\"A &quot;b&quot; &amp; c\"></figure>\
             <h2>Two</h2><p>2</p>\
             <figure class=\"igny8-image igny8-image-2\"><img src=\"http://wp.test/2.png\" alt=\"A &quot;b&quot; &amp; c\"></figure>\
             <h2>Three</h2><p>3</p><!-- igny8:content:7 -->"
        );
        assert!(has_marker(&out, 7));
        assert!(!has_marker(&out, 70));
    }

    #[test]
    fn images_beyond_the_sections_go_at_the_end() {
        let out = place_images("<p>only</p>", &[img(1), img(3)], 1);
        assert!(out.starts_with("<p>only</p><figure class=\"igny8-image igny8-image-1\">"));
        assert!(out.ends_with("igny8-image-3\"><img src=\"http://wp.test/3.png\" alt=\"A &quot;b&quot; &amp; c\"></figure><!-- igny8:content:1 -->"));
        assert_eq!(place_images("", &[], 5), "<!-- igny8:content:5 -->");
    }

    #[test]
    fn term_names_are_decoded() {
        assert_eq!(decode_entities("Tips &amp; Tricks"), "Tips & Tricks");
        assert_eq!(decode_entities("A &#038; B"), "A & B");
        assert_eq!(decode_entities("&lt;x&gt;"), "<x>");
    }
}
