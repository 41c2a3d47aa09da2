//! Pure parsing rules of the importer (no database).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use planning::csv_import::*;
use planning::model::Intent;

#[test]
fn numbers_with_separators_suffixes_and_ranges() {
    let n = |s: &str| parse_number(s, true).unwrap();
    assert_eq!(n("1,200"), Some(1200.0));
    assert_eq!(n("1.200"), Some(1200.0));
    assert_eq!(n("1 200 000"), Some(1_200_000.0));
    assert_eq!(n("1.5K"), Some(1500.0));
    assert_eq!(n("2M"), Some(2_000_000.0));
    assert_eq!(n("1K – 10K"), Some(5500.0));
    assert_eq!(n("100-1,000"), Some(550.0));
    assert_eq!(n(""), None);
    assert_eq!(n("n/a"), None);
    assert_eq!(parse_number("1,25", false).unwrap(), Some(1.25));
    assert_eq!(parse_number("$4.75", false).unwrap(), Some(4.75));
    assert_eq!(parse_number("1.234,50", false).unwrap(), Some(1234.5));
    assert_eq!(parse_number("3.2%", false).unwrap(), Some(3.2));
    assert!(parse_number("abc", true).is_err());
    assert!(parse_number("1K-zz", true).is_err());
}

#[test]
fn delimiters_encodings_and_binary() {
    assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
    assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
    assert_eq!(
        detect_delimiter("Keyword,SERP\n\"x\",\"a; b; c; d\"\n"),
        b','
    );
    assert_eq!(
        detect_delimiter("Title line\nKeyword\tVolume\nx\t1\n"),
        b'\t'
    );
    assert_eq!(detect_delimiter("keyword\nfoo\n"), b',');
    assert_eq!(detect_encoding(b"\xff\xfek\0"), (TextEncoding::Utf16Le, 2));
    assert_eq!(
        detect_encoding(b"\xef\xbb\xbfkeyword"),
        (TextEncoding::Utf8, 3)
    );
    assert_eq!(detect_encoding(b"k\0e\0y\0w\0"), (TextEncoding::Utf16Le, 0));
    assert_eq!(
        detect_encoding(b"caf\xe9,1\n"),
        (TextEncoding::Windows1252, 0)
    );
    assert!(looks_binary("abc\0def"));
    assert!(!looks_binary("keyword,volume\nfoo,1\n"));
}

#[test]
fn headers_of_common_tools_are_recognised() {
    let c = header_columns(&[
        "Keyword",
        "Intent",
        "Volume",
        "Keyword Difficulty",
        "CPC (USD)",
    ])
    .unwrap();
    assert_eq!(
        (c.keyword, c.intent, c.volume, c.difficulty, c.cpc),
        (0, Some(1), Some(2), Some(3), Some(4))
    );
    let c = header_columns(&["#", "Keyword", "Global volume", "Volume", "KD %"]).unwrap();
    assert_eq!((c.keyword, c.volume, c.difficulty), (1, Some(3), Some(4)));
    let c = header_columns(&["Top queries", "Clicks", "Impressions"]).unwrap();
    assert_eq!((c.keyword, c.volume), (0, None));
    let c = header_columns(&[
        "Search term",
        "Avg. monthly searches",
        "Top of page bid (low range)",
        "Top of page bid (high range)",
    ])
    .unwrap();
    assert_eq!((c.keyword, c.volume, c.cpc), (0, Some(1), Some(3)));
    assert!(header_columns(&["name", "volume"]).is_none());
}

#[test]
fn intents_and_countries() {
    assert_eq!(
        parse_intent("Commercial, Transactional"),
        Some(Intent::Commercial)
    );
    assert_eq!(parse_intent("T"), Some(Intent::Transactional));
    assert_eq!(parse_intent("whatever"), None);
    assert_eq!(parse_country("us").unwrap().as_deref(), Some("US"));
    assert_eq!(parse_country("UK").unwrap().as_deref(), Some("GB"));
    assert_eq!(
        parse_country("United States").unwrap().as_deref(),
        Some("US")
    );
    assert!(parse_country("Narnia").is_err());
}
