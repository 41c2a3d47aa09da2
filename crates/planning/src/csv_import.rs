//! CSV import of keywords, built for real exports (Semrush, Ahrefs, Google Keyword Planner,
//! Search Console, spreadsheets).
//!
//! - **Encoding**: a UTF-8 or UTF-16 byte-order mark is honoured; BOM-less UTF-16 is recognised
//!   by its zero bytes; text that is not UTF-8 is read as Windows-1252 (legacy Excel). A file
//!   whose first 64 KiB hold NUL bytes or many control characters is binary: `InvalidCsv`.
//! - **Delimiter**: comma, semicolon or tab, whichever splits the first lines most consistently.
//! - **Header**: the first of the first ten rows that names a keyword column (`keyword`,
//!   `query`, `top queries`, `search term`, ...). Preamble lines above it (Keyword Planner) are
//!   skipped; rows are numbered from 1 at the first data row. Blank rows are ignored.
//! - **Values**: thousands separators (`1,200`, `1.200`, `1 200`), suffixes (`1.5K`, `2M`),
//!   ranges (`1K – 10K` → the midpoint), currency signs and `%` are understood.
//!
//! The file is parsed as a stream, row by row, and written with `COPY` into a temporary table
//! in the same transaction; one `INSERT ... SELECT ... ON CONFLICT DO NOTHING` then adds the
//! first occurrence of every keyword that the site's sector does not have yet, in file order,
//! up to the plan's remaining allowance. A file refused as a whole (binary, no keyword column,
//! too large) rolls the transaction back, so nothing is written.

use crate::keywords::{keyword_problem, lock_keyword_quota, normalize_country, normalize_keyword};
use crate::model::Intent;
use crate::{Error, Result, scope_rules};
use chrono::{DateTime, Utc};
use diesel::pg::CopyFormat;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Timestamptz};
use kernel::{FieldErrors, Role, SectorId, SiteId};
use serde::Serialize;
use std::cell::RefCell;
use std::io::{BufWriter, Read, Write};
use tenancy::Scope;

/// Default upload limit: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Row errors reported in full; later ones are only counted in `skipped`.
pub const MAX_REPORTED_ERRORS: usize = 100;
/// How much of the file is inspected to choose encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;
/// Rows above the header that may be a tool's preamble.
const MAX_PREAMBLE_ROWS: usize = 10;

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// 1-based data row (the first row after the header is 1).
    pub row: u64,
    /// What was wrong.
    pub reason: String,
}

/// What an import did. `created + duplicates + skipped == total_rows`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// Keywords added.
    pub created: u64,
    /// Rows whose keyword repeats an earlier row or already exists in the sector.
    pub duplicates: u64,
    /// Rows not imported: invalid, or beyond the plan's keyword limit.
    pub skipped: u64,
    /// The first 100 skipped rows with reasons, by row.
    pub errors: Vec<RowError>,
    /// Data rows read (blank rows excluded).
    pub total_rows: u64,
}

/// Where an import goes and how large it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportTarget {
    /// Site (required).
    pub site_id: Option<SiteId>,
    /// Sector of that site (required).
    pub sector_id: Option<SectorId>,
    /// Largest accepted file in bytes.
    pub max_bytes: u64,
}

// ---------------------------------------------------------------------------------------------
// Reading: size limit, encoding, delimiter

/// Counts bytes and fails once more than `limit` have been read.
struct LimitedReader<R> {
    inner: R,
    read: u64,
    limit: u64,
}

/// Marker carried inside `io::Error` when the size limit is passed.
#[derive(Debug)]
struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("file too large")
    }
}

impl std::error::Error for TooLarge {}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(TooLarge));
        }
        Ok(n)
    }
}

fn is_too_large(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<TooLarge>())
}

/// The text encoding of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// UTF-16 little-endian (Ahrefs, Keyword Planner).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1252, for text that is not valid UTF-8.
    Windows1252,
}

impl TextEncoding {
    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// Chooses the encoding of a file from its first bytes; returns it with the BOM length.
pub fn detect_encoding(head: &[u8]) -> (TextEncoding, usize) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(head) {
        let e = if enc == encoding_rs::UTF_16LE {
            TextEncoding::Utf16Le
        } else if enc == encoding_rs::UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf8
        };
        return (e, bom);
    }
    // BOM-less UTF-16 of mostly-ASCII text: every other byte is zero.
    let sample = &head[..head.len().min(4096) & !1];
    if sample.len() >= 4 {
        let pairs = sample.len() / 2;
        let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
        let odd_zero = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        if odd_zero * 10 >= pairs * 9 && even_zero * 10 <= pairs {
            return (TextEncoding::Utf16Le, 0);
        }
        if even_zero * 10 >= pairs * 9 && odd_zero * 10 <= pairs {
            return (TextEncoding::Utf16Be, 0);
        }
    }
    match std::str::from_utf8(head) {
        Ok(_) => (TextEncoding::Utf8, 0),
        // Only an incomplete character at the very end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => (TextEncoding::Utf8, 0),
        Err(_) => (TextEncoding::Windows1252, 0),
    }
}

/// True when decoded text looks binary: a NUL, or more than 2% control or undecodable chars.
pub fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}' {
            bad += 1;
        }
    }
    total > 0 && bad * 50 > total
}

/// Decodes a byte stream to UTF-8 as it is read.
struct DecodeReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    output: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    fn new(inner: R, enc: TextEncoding) -> Self {
        Self {
            inner,
            decoder: enc.encoding().new_decoder_without_bom_handling(),
            input: vec![0; 32 * 1024],
            in_pos: 0,
            in_len: 0,
            output: vec![0; 96 * 1024 + 16],
            out_pos: 0,
            out_len: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.out_pos < self.out_len {
                let n = buf.len().min(self.out_len - self.out_pos);
                buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.in_pos == self.in_len && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.in_pos = 0;
                self.in_len = n;
                self.eof = n == 0;
            }
            let (res, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_pos..self.in_len],
                &mut self.output,
                self.eof,
            );
            self.in_pos += read;
            self.out_pos = 0;
            self.out_len = written;
            if self.eof && res == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
            }
        }
    }
}

/// Counts `delim` outside double quotes in one line.
fn count_outside_quotes(line: &str, delim: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delim && !quoted {
            n += 1;
        }
    }
    n
}

/// Picks the delimiter (tab, semicolon or comma) that splits the most of the first lines into
/// the same number of fields; a single-column file gets a comma.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (0usize, 0usize, b',');
    for delim in ['\t', ';', ','] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delim))
            .collect();
        let mut freq: std::collections::BTreeMap<usize, usize> = Default::default();
        for c in counts.iter().filter(|c| **c > 0) {
            *freq.entry(*c).or_default() += 1;
        }
        // The most frequent non-zero count; ties go to the larger count.
        let Some((mode, support)) = freq
            .into_iter()
            .max_by_key(|(count, lines)| (*lines, *count))
        else {
            continue;
        };
        if (support, mode) > (best.0, best.1) {
            best = (support, mode, delim as u8);
        }
    }
    best.2
}

// ---------------------------------------------------------------------------------------------
// Header and values

/// Column positions of the fields we import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    /// The keyword column.
    pub keyword: usize,
    /// Volume.
    pub volume: Option<usize>,
    /// Difficulty.
    pub difficulty: Option<usize>,
    /// Cost per click.
    pub cpc: Option<usize>,
    /// Intent.
    pub intent: Option<usize>,
    /// Country.
    pub country: Option<usize>,
}

const KEYWORD_HEADERS: &[&str] = &[
    "keyword",
    "keywords",
    "query",
    "queries",
    "top queries",
    "top query",
    "search term",
    "search terms",
    "search query",
    "search queries",
    "keyword text",
    "keyword phrase",
];
const VOLUME_HEADERS: &[&str] = &[
    "volume",
    "search volume",
    "avg. monthly searches",
    "avg monthly searches",
    "average monthly searches",
    "monthly searches",
    "monthly volume",
    "monthly search volume",
    "sv",
    "global volume",
];
const DIFFICULTY_HEADERS: &[&str] = &[
    "kd",
    "keyword difficulty",
    "difficulty",
    "seo difficulty",
    "kw difficulty",
    "keyword difficulty index",
];
const CPC_HEADERS: &[&str] = &[
    "cpc",
    "avg. cpc",
    "avg cpc",
    "average cpc",
    "cost per click",
    "top of page bid (high range)",
];
const INTENT_HEADERS: &[&str] = &["intent", "intents", "search intent", "keyword intent"];
const COUNTRY_HEADERS: &[&str] = &["country", "country code", "location", "database", "market"];

/// A header cell in two forms: lower-cased with whitespace collapsed (`cpc (usd)`), and the
/// same without a trailing parenthesis, `%` or `#` (`cpc`).
fn header_forms(cell: &str) -> (String, String) {
    let full = cell
        .trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .to_lowercase();
    let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
    let base = match full.find(" (") {
        Some(i) if full.ends_with(')') => &full[..i],
        _ => full.as_str(),
    };
    let base = base.replace(['%', '#'], "");
    (full.clone(), base.trim().to_owned())
}

fn find_column(forms: &[(String, String)], aliases: &[&str]) -> Option<usize> {
    aliases
        .iter()
        .find_map(|a| forms.iter().position(|(full, base)| full == a || base == a))
}

/// Reads a header row; `None` when it names no keyword column.
pub fn header_columns(cells: &[&str]) -> Option<Columns> {
    let forms: Vec<(String, String)> = cells.iter().map(|c| header_forms(c)).collect();
    Some(Columns {
        keyword: find_column(&forms, KEYWORD_HEADERS)?,
        volume: find_column(&forms, VOLUME_HEADERS),
        difficulty: find_column(&forms, DIFFICULTY_HEADERS),
        cpc: find_column(&forms, CPC_HEADERS),
        intent: find_column(&forms, INTENT_HEADERS),
        country: find_column(&forms, COUNTRY_HEADERS),
    })
}

fn is_blank_value(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "" | "-" | "–" | "—" | "n/a" | "na" | "null" | "none" | "unknown"
    )
}

/// Parses one number of an export: signs of currency and `%`, `K`/`M`/`B` suffixes, and
/// thousands separators. `integer` says a single `,` or `.` followed by three digits groups
/// thousands (`1.200` volume) rather than decimals (`1,25` CPC).
fn parse_single(raw: &str, integer: bool) -> Option<f64> {
    let mut s: String = raw
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\'' | '$' | '€' | '£' | '¥' | '%' | '<' | '>' | '~' | '≈' | '+'
                )
        })
        .collect();
    for code in ["usd", "eur", "gbp", "inr", "cad", "aud"] {
        if s.to_ascii_lowercase().starts_with(code) {
            s = s[3..].to_owned();
        } else if s.to_ascii_lowercase().ends_with(code) {
            s.truncate(s.len() - 3);
        }
    }
    let mult = match s.chars().last() {
        Some('k' | 'K') => 1e3,
        Some('m' | 'M') => 1e6,
        Some('b' | 'B') => 1e9,
        _ => 1.0,
    };
    if mult != 1.0 {
        s.pop();
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let digits_after = |sep: char| {
        s.rsplit(sep)
            .next()
            .map(|t| t.chars().all(|c| c.is_ascii_digit()) && t.len() == 3)
            .unwrap_or(false)
    };
    let normalized = match (commas, dots) {
        (0, 0) => s.clone(),
        (_, 0) if commas > 1 || (integer && mult == 1.0 && digits_after(',')) => s.replace(',', ""),
        (_, 0) => s.replace(',', "."),
        (0, _) if dots > 1 || (integer && mult == 1.0 && digits_after('.')) => s.replace('.', ""),
        (0, _) => s.clone(),
        _ => {
            // Both: the later one is the decimal point.
            if s.rfind(',') > s.rfind('.') {
                s.replace('.', "").replace(',', ".")
            } else {
                s.replace(',', "")
            }
        }
    };
    let v: f64 = normalized.parse().ok()?;
    let v = v * mult;
    v.is_finite().then_some(v)
}

/// Parses a number, a range (`1K – 10K`, `100-1,000` → midpoint) or a blank (`None`).
pub fn parse_number(raw: &str, integer: bool) -> std::result::Result<Option<f64>, String> {
    let t = raw.trim();
    if is_blank_value(t) {
        return Ok(None);
    }
    let bad = || format!("'{t}' is not a number");
    // A range separator: an en/em dash anywhere, " to ", or a hyphen after the first character.
    let split = t
        .find(['–', '—'])
        .map(|i| (i, t[i..].chars().next().map_or(1, char::len_utf8)))
        .or_else(|| t.find(" to ").map(|i| (i, 4)))
        .or_else(|| {
            t.char_indices()
                .skip(1)
                .find(|(_, c)| *c == '-')
                .map(|(i, _)| (i, 1))
        });
    if let Some((i, len)) = split {
        let (a, b) = (
            parse_single(&t[..i], integer),
            parse_single(&t[i + len..], integer),
        );
        return match (a, b) {
            (Some(a), Some(b)) => Ok(Some((a + b) / 2.0)),
            _ => Err(bad()),
        };
    }
    parse_single(t, integer).map(Some).ok_or_else(bad)
}

/// Reads an intent: full names or Semrush's letters; with several (`Commercial, Transactional`)
/// the first recognised one wins; anything else is unknown.
pub fn parse_intent(raw: &str) -> Option<Intent> {
    raw.split([',', ';', '/', '|', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .find_map(|t| {
            let t = t.to_ascii_lowercase();
            match t.as_str() {
                "i" | "info" => Some(Intent::Informational),
                "n" | "nav" => Some(Intent::Navigational),
                "c" => Some(Intent::Commercial),
                "t" => Some(Intent::Transactional),
                other => Intent::parse(other),
            }
        })
}

/// Reads a country: a two-letter code or a common English name.
pub fn parse_country(raw: &str) -> std::result::Result<Option<String>, String> {
    let t = raw.trim();
    if is_blank_value(t) {
        return Ok(None);
    }
    if let Some(c) = normalize_country(t) {
        return Ok(Some(if c == "UK" { "GB".into() } else { c }));
    }
    let code = match t.to_lowercase().as_str() {
        "united states" | "united states of america" | "usa" => "US",
        "united kingdom" | "great britain" => "GB",
        "canada" => "CA",
        "australia" => "AU",
        "germany" => "DE",
        "france" => "FR",
        "spain" => "ES",
        "italy" => "IT",
        "india" => "IN",
        "netherlands" => "NL",
        "brazil" => "BR",
        "mexico" => "MX",
        "ireland" => "IE",
        "new zealand" => "NZ",
        "pakistan" => "PK",
        "united arab emirates" => "AE",
        "south africa" => "ZA",
        "singapore" => "SG",
        "japan" => "JP",
        _ => return Err(format!("unknown country '{t}'")),
    };
    Ok(Some(code.into()))
}

/// A data row ready to copy.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    /// Normalized keyword.
    pub keyword: String,
    /// Volume, when the file gives one.
    pub volume: Option<i32>,
    /// Difficulty 0–100.
    pub difficulty: Option<i16>,
    /// Intent.
    pub intent: Option<Intent>,
    /// CPC in cents.
    pub cpc_cents: Option<i32>,
    /// Country code.
    pub country: Option<String>,
}

/// Validates one data row against the header's columns.
pub fn parse_row(cells: &[&str], cols: &Columns) -> std::result::Result<ParsedRow, String> {
    let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).copied().unwrap_or("");
    let mut raw_kw = cell(Some(cols.keyword)).trim();
    // Undo the spreadsheet-formula guard of our own export (`'=foo` → `=foo`).
    if let Some(rest) = raw_kw.strip_prefix('\'')
        && rest.starts_with(['=', '+', '-', '@'])
    {
        raw_kw = rest;
    }
    let keyword = normalize_keyword(raw_kw);
    if let Some(p) = keyword_problem(&keyword) {
        return Err(p);
    }
    let volume = match parse_number(cell(cols.volume), true).map_err(|e| format!("volume: {e}"))? {
        None => None,
        Some(v) if v < 0.0 => return Err("volume: must not be negative".into()),
        Some(v) if v > f64::from(i32::MAX) => return Err("volume: too large".into()),
        Some(v) => Some(v.round() as i32),
    };
    let difficulty =
        match parse_number(cell(cols.difficulty), false).map_err(|e| format!("difficulty: {e}"))? {
            None => None,
            Some(d) if (0.0..=100.0).contains(&d.round()) => Some(d.round() as i16),
            Some(d) => return Err(format!("difficulty: {d} is not between 0 and 100")),
        };
    let cpc_cents = match parse_number(cell(cols.cpc), false).map_err(|e| format!("cpc: {e}"))? {
        None => None,
        Some(c) if c < 0.0 => return Err("cpc: must not be negative".into()),
        Some(c) if c * 100.0 > f64::from(i32::MAX) => return Err("cpc: too large".into()),
        Some(c) => Some((c * 100.0).round() as i32),
    };
    let intent = parse_intent(cell(cols.intent));
    let country = parse_country(cell(cols.country)).map_err(|e| format!("country: {e}"))?;
    Ok(ParsedRow {
        keyword,
        volume,
        difficulty,
        intent,
        cpc_cents,
        country,
    })
}

// ---------------------------------------------------------------------------------------------
// Import

mod temp {
    #![allow(missing_docs)]
    diesel::table! {
        /// Rows of the file being imported (a temporary table, dropped at commit).
        planner_import (row_no) {
            row_no -> Int4,
            keyword -> Text,
            volume -> Nullable<Int4>,
            difficulty -> Nullable<Int2>,
            intent -> Nullable<Text>,
            cpc_cents -> Nullable<Int4>,
            country -> Nullable<Text>,
        }
    }
}
use temp::planner_import;

/// Writes a value in COPY text format (backslash, tab, newline and CR escaped).
fn copy_text(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    if !s.contains(['\\', '\t', '\n', '\r']) {
        return out.write_all(s.as_bytes());
    }
    for c in s.chars() {
        match c {
            '\\' => out.write_all(b"\\\\")?,
            '\t' => out.write_all(b"\\t")?,
            '\n' => out.write_all(b"\\n")?,
            '\r' => out.write_all(b"\\r")?,
            c => out.write_all(c.encode_utf8(&mut [0; 4]).as_bytes())?,
        }
    }
    Ok(())
}

fn copy_line(out: &mut impl Write, row_no: u64, r: &ParsedRow) -> std::io::Result<()> {
    write!(out, "{row_no}\t")?;
    copy_text(out, &r.keyword)?;
    out.write_all(b"\t")?;
    match r.volume {
        Some(v) => write!(out, "{v}")?,
        None => out.write_all(b"\\N")?,
    }
    out.write_all(b"\t")?;
    match r.difficulty {
        Some(d) => write!(out, "{d}")?,
        None => out.write_all(b"\\N")?,
    }
    out.write_all(b"\t")?;
    out.write_all(r.intent.map(|i| i.as_str()).unwrap_or("\\N").as_bytes())?;
    out.write_all(b"\t")?;
    match r.cpc_cents {
        Some(c) => write!(out, "{c}")?,
        None => out.write_all(b"\\N")?,
    }
    out.write_all(b"\t")?;
    out.write_all(r.country.as_deref().unwrap_or("\\N").as_bytes())?;
    out.write_all(b"\n")
}

/// Parser state shared with diesel's COPY callback (which is `Fn`).
struct Feed<R> {
    reader: csv::Reader<R>,
    columns: Columns,
    rows: u64,
    valid: u64,
    invalid: u64,
    errors: Vec<RowError>,
    fatal: Option<Error>,
}

fn read_error(e: csv::Error, limit: u64) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) if is_too_large(&io) => Error::PayloadTooLarge { limit },
        csv::ErrorKind::Io(io) => Error::InvalidCsv(format!("the file could not be read: {io}")),
        other => Error::InvalidCsv(format!("{other:?}")),
    }
}

impl<R: Read> Feed<R> {
    /// Parses every remaining row, copying the valid ones; stops at a fatal error.
    fn pump(&mut self, out: &mut dyn Write, limit: u64) {
        let mut out = BufWriter::with_capacity(256 * 1024, out);
        let mut record = csv::ByteRecord::new();
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    self.fatal = Some(read_error(e, limit));
                    return;
                }
            }
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            self.rows += 1;
            let parsed = match record
                .iter()
                .map(std::str::from_utf8)
                .collect::<std::result::Result<Vec<&str>, _>>()
            {
                Ok(cells) if cells.iter().any(|c| c.contains('\0')) => {
                    Err("The row contains a NUL (U+0000) character.".into())
                }
                Ok(cells) => parse_row(&cells, &self.columns),
                Err(_) => Err("The row is not valid UTF-8 text.".into()),
            };
            match parsed {
                Ok(row) => {
                    self.valid += 1;
                    if let Err(e) = copy_line(&mut out, self.rows, &row) {
                        self.fatal = Some(Error::Db(db::DbError::Other(
                            diesel::result::Error::SerializationError(Box::new(e)),
                        )));
                        return;
                    }
                }
                Err(reason) => {
                    self.invalid += 1;
                    if self.errors.len() < MAX_REPORTED_ERRORS {
                        self.errors.push(RowError {
                            row: self.rows,
                            reason,
                        });
                    }
                }
            }
        }
        if let Err(e) = out.flush() {
            self.fatal = Some(Error::Db(db::DbError::Other(
                diesel::result::Error::SerializationError(Box::new(e)),
            )));
        }
    }
}

#[derive(QueryableByName)]
struct RowNo {
    #[diesel(sql_type = Integer)]
    row_no: i32,
}

/// Opens the file: checks size, encoding and binary content, picks the delimiter, and reads up
/// to the header. Returns a CSV reader positioned at the first data row.
fn open<'a>(
    input: &'a mut dyn Read,
    max_bytes: u64,
) -> Result<(csv::Reader<Box<dyn Read + 'a>>, Columns)> {
    let mut limited = LimitedReader {
        inner: input,
        read: 0,
        limit: max_bytes,
    };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut limited)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| {
            if is_too_large(&e) {
                Error::PayloadTooLarge { limit: max_bytes }
            } else {
                Error::InvalidCsv(format!("the file could not be read: {e}"))
            }
        })?;
    if head.is_empty() {
        return Err(Error::InvalidCsv("The file is empty.".into()));
    }
    let (enc, bom) = detect_encoding(&head);
    let head = head.split_off(bom);
    let (sample, _) = enc.encoding().decode_without_bom_handling(&head);
    if looks_binary(&sample) {
        return Err(Error::InvalidCsv(
            "The file is binary, not CSV text.".into(),
        ));
    }
    let delimiter = detect_delimiter(&sample);
    let stream = std::io::Cursor::new(head).chain(limited);
    let source: Box<dyn Read + 'a> = match enc {
        TextEncoding::Utf8 => Box::new(stream),
        other => Box::new(DecodeReader::new(stream, other)),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(source);
    let mut record = csv::ByteRecord::new();
    for _ in 0..MAX_PREAMBLE_ROWS {
        if !reader
            .read_byte_record(&mut record)
            .map_err(|e| read_error(e, max_bytes))?
        {
            break;
        }
        let cells: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if let Some(cols) = header_columns(&cells) {
            return Ok((reader, cols));
        }
    }
    Err(Error::InvalidCsv(
        "No keyword column: the header must name one (keyword, query, top queries, search term, ...).".into(),
    ))
}

/// Imports keywords from a CSV stream into a site's sector (editor+). See the module docs.
pub fn import_keywords_csv(
    conn: &mut PgConnection,
    scope: &Scope,
    target: ImportTarget,
    input: &mut dyn Read,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    scope.require(Role::Editor)?;
    let mut e = FieldErrors::new();
    let (site, sector) =
        scope_rules::require_site_sector(conn, scope, target.site_id, target.sector_id, &mut e)?;
    e.into_result()?;
    let (site, sector) = (site.ok_or(Error::NotFound)?, sector.ok_or(Error::NotFound)?);
    let (reader, columns) = open(input, target.max_bytes)?;
    let feed = RefCell::new(Feed {
        reader,
        columns,
        rows: 0,
        valid: 0,
        invalid: 0,
        errors: vec![],
        fatal: None,
    });
    let report = conn.transaction(|c| {
        diesel::sql_query(
            "CREATE TEMP TABLE planner_import (row_no integer NOT NULL, keyword text NOT NULL, volume integer, \
             difficulty smallint, intent text, cpc_cents integer, country text) ON COMMIT DROP",
        )
        .execute(c)?;
        diesel::sql_query("CREATE TEMP TABLE planner_import_fresh (LIKE planner_import) ON COMMIT DROP").execute(c)?;
        diesel::copy_from(planner_import::table)
            .from_raw_data(planner_import::table, |out| {
                feed.borrow_mut().pump(out, target.max_bytes);
                diesel::QueryResult::Ok(())
            })
            .with_format(CopyFormat::Text)
            .execute(c)?;
        if let Some(fatal) = feed.borrow_mut().fatal.take() {
            return Err(fatal);
        }
        diesel::sql_query("ANALYZE planner_import").execute(c)?;
        // First occurrence of each keyword the sector does not have yet.
        let fresh = diesel::sql_query(
            "INSERT INTO planner_import_fresh \
             SELECT DISTINCT ON (lower(r.keyword)) r.* FROM planner_import r \
             WHERE NOT EXISTS (SELECT 1 FROM keywords k WHERE k.account_id = $1 AND k.site_id = $2 AND k.sector_id = $3 \
                               AND lower(btrim(k.keyword)) = lower(r.keyword)) \
             ORDER BY lower(r.keyword), r.row_no",
        )
        .bind::<BigInt, _>(scope.account_id())
        .bind::<BigInt, _>(site)
        .bind::<BigInt, _>(sector)
        .execute(c)? as i64;
        let quota = lock_keyword_quota(c, scope)?;
        let allowed = quota.remaining().min(fresh);
        let created = diesel::sql_query(
            "INSERT INTO keywords (account_id, site_id, sector_id, keyword, volume, difficulty, intent, cpc_cents, country, \
                                   status, disabled, created_at, updated_at) \
             SELECT $1, $2, $3, f.keyword, f.volume, f.difficulty, f.intent, f.cpc_cents, f.country, 'new', false, $4, $4 \
             FROM planner_import_fresh f ORDER BY f.row_no LIMIT $5 \
             ON CONFLICT DO NOTHING",
        )
        .bind::<BigInt, _>(scope.account_id())
        .bind::<BigInt, _>(site)
        .bind::<BigInt, _>(sector)
        .bind::<Timestamptz, _>(now)
        .bind::<BigInt, _>(allowed)
        .execute(c)? as i64;
        let over_limit = fresh - allowed;
        let mut f = feed.borrow_mut();
        let mut errors = std::mem::take(&mut f.errors);
        if over_limit > 0 {
            let rows: Vec<RowNo> = diesel::sql_query("SELECT row_no FROM planner_import_fresh ORDER BY row_no OFFSET $1 LIMIT $2")
                .bind::<BigInt, _>(allowed)
                .bind::<BigInt, _>(MAX_REPORTED_ERRORS as i64)
                .load(c)?;
            let reason = format!("The plan allows {} keywords; this one would exceed it.", quota.limit);
            errors.extend(rows.into_iter().map(|r| RowError { row: u64::try_from(r.row_no).unwrap_or(0), reason: reason.clone() }));
            errors.sort_by_key(|e| e.row);
            errors.truncate(MAX_REPORTED_ERRORS);
        }
        let created = created as u64;
        let skipped = f.invalid + over_limit as u64;
        Ok(ImportReport { created, duplicates: f.rows - created - skipped, skipped, errors, total_rows: f.rows })
    })?;
    if report.created >= ANALYZE_AFTER_ROWS {
        // Fresh statistics now rather than at autovacuum's next pass: right after a big import
        // the planner would otherwise take the table for small and scan a whole sector to
        // update a handful of keywords by id (what clustering does next).
        if let Err(e) = diesel::sql_query("ANALYZE keywords").execute(conn) {
            tracing::warn!(error = %e, "ANALYZE keywords after an import failed");
        }
    }
    Ok(report)
}

/// Imports of at least this many new keywords refresh the table's statistics.
const ANALYZE_AFTER_ROWS: u64 = 1000;
