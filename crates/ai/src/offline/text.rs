//! Text helpers of the offline provider: normalisation, stop-words, stemming, hashing.

use rust_stemmers::{Algorithm, Stemmer};

/// English stop-words: function words that say nothing about a keyword's topic.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most",
    "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
    "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "without", "would", "you", "your", "yours",
    "yourself", "s", "t", "vs", "versus", "get", "use", "using", "much", "many", "way", "ways",
];

/// Generic search modifiers: they shape the angle of a query ("best", "cheap", "review") but not
/// its topic, so they count for little when grouping and a lot when choosing idea titles.
pub(crate) const MODIFIERS: &[&str] = &[
    "best",
    "top",
    "cheap",
    "cheapest",
    "affordable",
    "budget",
    "review",
    "reviews",
    "buy",
    "price",
    "prices",
    "pricing",
    "cost",
    "costs",
    "near",
    "free",
    "online",
    "guide",
    "tips",
    "ideas",
    "examples",
    "example",
    "template",
    "templates",
    "list",
    "beginner",
    "beginners",
    "easy",
    "simple",
    "good",
    "new",
    "things",
    "time",
    "make",
    "need",
    "know",
    "checklist",
    "tutorial",
    "calculator",
    "generator",
    "checker",
    "tool",
    "tools",
    "app",
    "apps",
    "software",
    "pdf",
    "printable",
];

/// Lower-cases and replaces every character that is not a letter or digit by a space; collapses
/// spaces. `"Best Running-Shoes (2024)!"` → `"best running shoes 2024"`.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of a normalised string.
pub(crate) fn words(s: &str) -> Vec<String> {
    normalize(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a (normalised) word is a stop-word.
pub(crate) fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.contains(&w)
}

/// Whether a (normalised) word is a generic modifier; numbers (years, "5k", "16") count too.
pub(crate) fn is_modifier(w: &str) -> bool {
    MODIFIERS.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
}

/// A word after analysis: its stem and whether it is a generic modifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub stem: String,
    pub modifier: bool,
}

/// English Snowball stemming with stop-word removal.
pub(crate) struct Analyzer {
    stemmer: Stemmer,
}

impl Analyzer {
    pub(crate) fn new() -> Analyzer {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The distinct terms of `s` in order of first appearance, stop-words dropped.
    pub(crate) fn terms(&self, s: &str) -> Vec<Term> {
        let mut out: Vec<Term> = Vec::new();
        for w in words(s) {
            if is_stop_word(&w) {
                continue;
            }
            let stem = self.stemmer.stem(&w).into_owned();
            if !out.iter().any(|t| t.stem == stem) {
                out.push(Term {
                    stem,
                    modifier: is_modifier(&w),
                });
            }
        }
        out
    }
}

/// The words of `s` without modifiers or any of `drop`, and without stop-words at either end:
/// `"the best running shoes for women 2025"` → `"running shoes for women"`.
pub(crate) fn core_phrase(s: &str, drop: &[&str]) -> String {
    let mut ws: Vec<String> = words(s)
        .into_iter()
        .filter(|w| !is_modifier(w) && !drop.contains(&w.as_str()))
        .collect();
    while ws.last().is_some_and(|w| is_stop_word(w)) {
        ws.pop();
    }
    while ws.first().is_some_and(|w| is_stop_word(w)) {
        ws.remove(0);
    }
    ws.join(" ")
}

/// Title case: first letter of every word upper-cased, except short joining words inside.
pub(crate) fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "vs", "with",
    ];
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w.to_lowercase().as_str()) {
                w.to_lowercase()
            } else {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Upper-cases the first character.
pub(crate) fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// 64-bit FNV-1a: a stable hash (unlike `DefaultHasher`, it never changes between Rust releases).
pub(crate) fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// SplitMix64: a tiny deterministic generator, seeded from a hash, for repeatable choices.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words of plain text (whitespace separated, at least one letter or digit).
pub(crate) fn count_plain_words(text: &str) -> u32 {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u32
}

/// Rough token estimate for billing offline work: words × 1.33, rounded up.
pub(crate) fn estimate_tokens(text: &str) -> u64 {
    (u64::from(count_plain_words(text)) * 133).div_ceil(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_punctuation_and_case() {
        assert_eq!(
            normalize("  Best Running-Shoes (2024)!  "),
            "best running shoes 2024"
        );
        assert_eq!(normalize("Café & Crème"), "café crème");
        assert_eq!(normalize("!!!"), "");
    }

    #[test]
    fn terms_drop_stop_words_stem_and_flag_modifiers() {
        let a = Analyzer::new();
        let t = a.terms("How to choose the best running shoes for running");
        let stems: Vec<&str> = t.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(stems, ["choos", "best", "run", "shoe"]);
        assert!(t[1].modifier && !t[2].modifier);
        assert!(a.terms("2024").iter().all(|t| t.modifier));
        assert!(a.terms("how to do it").is_empty());
    }

    #[test]
    fn core_phrase_keeps_inner_stop_words() {
        assert_eq!(
            core_phrase("The best running shoes for women 2025", &[]),
            "running shoes for women"
        );
        assert_eq!(core_phrase("Tips and Best Practices", &["practices"]), "");
        assert_eq!(core_phrase("how to", &[]), "");
    }

    #[test]
    fn title_case_keeps_small_words_low() {
        assert_eq!(
            title_case("best running shoes for women"),
            "Best Running Shoes for Women"
        );
        assert_eq!(title_case("the art of war"), "The Art of War");
    }

    #[test]
    fn hash_and_rng_are_stable() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        let mut r1 = Rng::new(42);
        let mut r2 = Rng::new(42);
        let a: Vec<u64> = (0..5).map(|_| r1.next_u64()).collect();
        let b: Vec<u64> = (0..5).map(|_| r2.next_u64()).collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
        assert!((0..100).all(|_| r1.below(7) < 7 && (0.0..1.0).contains(&r1.unit())));
    }

    #[test]
    fn token_estimate_is_words_times_1_33() {
        assert_eq!(count_plain_words("one two  three — four"), 4);
        assert_eq!(estimate_tokens(&"word ".repeat(300)), 399);
    }
}
