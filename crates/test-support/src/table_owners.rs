//! Who owns a table (STYLE.md, "Who owns a table"), checked against the code.
//!
//! Every table belongs to the one crate whose migration created it ([`TABLE_OWNERS`],
//! [`PREFIX_OWNERS`]); only that crate queries it. A deliberate exception is a line in the
//! [`EXCEPTIONS_HEADING`] section of `docs/ARCHITECTURE.md`:
//!
//! ```text
//! - billing → accounts: writes plan_id and status when an invoice is paid
//! ```
//!
//! [`check_workspace`] reads every `.rs` file under `crates/<crate>/src` and `bins/<bin>/src`
//! (not `tests/`, not `crates/test-support`) and finds the tables it references:
//!
//! - diesel: paths into `db::schema` (`use db::schema::{a, b as c}`, `use db::schema::x::dsl`,
//!   `db::schema::x::table`, `use db::schema::*` with `x::column` or
//!   `#[diesel(table_name = x)]`), then every `x::…` path of a name imported from there (aliases
//!   followed), and any `x::table` / `x::dsl` of a mapped table;
//! - raw SQL in string literals: a mapped table name after `FROM`, `JOIN`, `INTO`, `UPDATE`,
//!   `TABLE` or `TRUNCATE` (case-insensitive, whole words, `FROM a, b` lists followed), in a
//!   literal that is SQL rather than prose (an upper-case SQL keyword, or a statement verb
//!   first); when such a literal takes its table name at run time (`FROM {table}`), the
//!   literals that are exactly a mapped table name in the initializer of `table` (or in the
//!   whole file for a positional `{}` or a name defined elsewhere).
//!
//! Comments are skipped, and a path counts only when it resolves into `db::schema`:
//! `content::tasks::get_task(…)` is a crate path and a variable named `images` is a variable.
//! Unit-test modules inside `src` are scanned like the rest of the file.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// Every table created by `migrations/*/up.sql`, with the crate that owns it. A new migration
/// adds its tables here (a test fails on a `CREATE TABLE` that has no owner).
pub const TABLE_OWNERS: &[(&str, &str)] = &[
    // db: fang's job queue
    ("fang_tasks", "db"),
    ("job_outcomes", "db"),
    // tenancy
    ("industries", "tenancy"),
    ("industry_sectors", "tenancy"),
    ("plans", "tenancy"),
    ("rate_limit_hits", "tenancy"),
    ("accounts", "tenancy"),
    ("users", "tenancy"),
    ("sites", "tenancy"),
    ("sectors", "tenancy"),
    ("site_user_access", "tenancy"),
    ("auth_sessions", "tenancy"),
    ("password_reset_tokens", "tenancy"),
    ("email_outbox", "tenancy"),
    ("email_attachments", "tenancy"),
    ("notifications", "tenancy"),
    ("site_api_keys", "tenancy"),
    // billing
    ("credit_operation_costs", "billing"),
    ("credit_model_rates", "billing"),
    ("credit_packages", "billing"),
    ("gateway_checkouts", "billing"),
    ("gateway_events", "billing"),
    ("gateway_customers", "billing"),
    ("gateway_charges", "billing"),
    ("credit_balances", "billing"),
    ("credit_transactions", "billing"),
    ("credit_usage_logs", "billing"),
    ("credit_holds", "billing"),
    ("subscriptions", "billing"),
    ("invoice_sequences", "billing"),
    ("invoices", "billing"),
    ("payments", "billing"),
    // planning
    ("seed_keywords", "planning"),
    ("clusters", "planning"),
    ("keywords", "planning"),
    ("content_ideas", "planning"),
    ("idea_keywords", "planning"),
    // content (the writer)
    ("tasks", "content"),
    ("content", "content"),
    ("taxonomies", "content"),
    ("content_taxonomies", "content"),
    ("images", "content"),
    // automation (plus every `automation_*` table, see PREFIX_OWNERS)
    ("ai_tasks", "automation"),
    ("ai_prompt_overrides", "automation"),
    ("account_ai_settings", "automation"),
];

/// Name prefixes that assign a whole family of tables to a crate, so tables added later
/// (`automation_runs`, `integration_sites`, …) are owned without another edit here.
pub const PREFIX_OWNERS: &[(&str, &str)] = &[
    ("automation_", "automation"),
    ("integration_", "integration"),
    ("publishing_", "integration"),
    ("sync_", "integration"),
];

/// The heading of the list of deliberate cross-crate table accesses in `docs/ARCHITECTURE.md`.
pub const EXCEPTIONS_HEADING: &str = "### Cross-domain table access (checked)";

/// Where the exceptions are written, relative to the workspace root.
pub const EXCEPTIONS_DOC: &str = "docs/ARCHITECTURE.md";

/// The crate that owns `table` (by [`TABLE_OWNERS`], then [`PREFIX_OWNERS`]), if any.
pub fn owner_of(table: &str) -> Option<&'static str> {
    TABLE_OWNERS
        .iter()
        .find(|(t, _)| *t == table)
        .or_else(|| {
            PREFIX_OWNERS
                .iter()
                .find(|(p, _)| table.len() > p.len() && table.starts_with(p))
        })
        .map(|(_, owner)| *owner)
}

/// One place where a crate's source refers to a table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TableRef {
    /// The crate (directory name under `crates/` or `bins/`).
    pub crate_name: String,
    /// The file, relative to the workspace root, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The table.
    pub table: String,
}

/// A reference to a table another crate owns that no exception covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The crate that queries the table.
    pub crate_name: String,
    /// The file, relative to the workspace root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The table.
    pub table: String,
    /// The crate that owns it.
    pub owner: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: crate `{}` uses table `{}`, owned by `{}`",
            self.file, self.line, self.crate_name, self.table, self.owner
        )
    }
}

/// A documented, deliberate access of `crate_name` to `table` (one table per value; a line of
/// the list may name several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The crate allowed to use the table.
    pub crate_name: String,
    /// The table.
    pub table: String,
    /// Why, as written.
    pub reason: String,
    /// 1-based line in the document.
    pub line: usize,
}

/// What [`check_workspace`] found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every table reference of every scanned crate (own tables included).
    pub references: Vec<TableRef>,
    /// References to another crate's table that no exception covers.
    pub violations: Vec<Violation>,
    /// Documented exceptions no code uses any more (the document should lose them).
    pub unused_exceptions: Vec<Exception>,
}

impl Report {
    /// A readable list of the violations, grouped by crate and table, with what to do about
    /// them; empty when there are none.
    pub fn violations_message(&self) -> String {
        if self.violations.is_empty() {
            return String::new();
        }
        let mut groups: BTreeMap<(&str, &str, &str), Vec<&Violation>> = BTreeMap::new();
        for v in &self.violations {
            groups
                .entry((&v.crate_name, &v.table, &v.owner))
                .or_default()
                .push(v);
        }
        let mut out = format!(
            "{} reference(s) to tables another crate owns (STYLE.md, \"Who owns a table\"):\n",
            self.violations.len()
        );
        for ((krate, table, owner), vs) in groups {
            out.push_str(&format!("\n  {krate} → {table} (owned by {owner}):\n"));
            for v in vs {
                out.push_str(&format!("    {}:{}\n", v.file, v.line));
            }
        }
        out.push_str(&format!(
            "\nAsk the owner crate through its service instead (e.g. `planning::clusters::…`, \
             `billing::credits::charge_usage`). If the access is deliberate, write it down under \
             \"{EXCEPTIONS_HEADING}\" in {EXCEPTIONS_DOC}:\n    - <crate> → <table>: <why>\n"
        ));
        out
    }

    /// A readable list of the documented exceptions no code uses; empty when there are none.
    pub fn unused_exceptions_message(&self) -> String {
        if self.unused_exceptions.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "{} documented table exception(s) no code uses any more; remove them from \
             \"{EXCEPTIONS_HEADING}\":\n",
            self.unused_exceptions.len()
        );
        for e in &self.unused_exceptions {
            out.push_str(&format!(
                "    {EXCEPTIONS_DOC}:{}: {} → {}\n",
                e.line, e.crate_name, e.table
            ));
        }
        out
    }
}

/// Why the check could not run.
#[derive(Debug)]
pub enum CheckError {
    /// A file or directory could not be read.
    Io {
        /// What was read.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The exceptions list has lines that do not parse or make no sense.
    Exceptions(Vec<String>),
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::Io { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            CheckError::Exceptions(errors) => write!(
                f,
                "bad lines in \"{EXCEPTIONS_HEADING}\" of {EXCEPTIONS_DOC}:\n{}",
                errors.join("\n")
            ),
        }
    }
}

impl std::error::Error for CheckError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CheckError::Io { source, .. } => Some(source),
            CheckError::Exceptions(_) => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> CheckError + '_ {
    move |source| CheckError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Scans the workspace at `root`, reads the exceptions from [`EXCEPTIONS_DOC`] (none when the
/// file or its section is missing) and reports every undocumented cross-crate table reference.
/// Fails when the exceptions list has a line that does not parse, names an unknown table or
/// crate, or lets a crate use its own table.
pub fn check_workspace(root: &Path) -> Result<Report, CheckError> {
    let references = scan_workspace(root)?;
    let doc = root.join(EXCEPTIONS_DOC);
    let exceptions = match std::fs::read_to_string(&doc) {
        Ok(text) => parse_exceptions(&text).map_err(CheckError::Exceptions)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_err(&doc)(e)),
    };
    let crates = crate_dirs(root)?
        .into_iter()
        .map(|(name, _)| name)
        .collect::<Vec<_>>();
    let mut errors = Vec::new();
    for e in &exceptions {
        let at = format!("{EXCEPTIONS_DOC}:{}", e.line);
        match owner_of(&e.table) {
            None => errors.push(format!("{at}: `{}` is not a known table", e.table)),
            Some(owner) if owner == e.crate_name => errors.push(format!(
                "{at}: `{}` owns `{}`; an exception is for another crate's table",
                e.crate_name, e.table
            )),
            Some(_) => {}
        }
        if !crates.contains(&e.crate_name) {
            errors.push(format!("{at}: `{}` is not a crate", e.crate_name));
        }
    }
    if !errors.is_empty() {
        return Err(CheckError::Exceptions(errors));
    }
    let (violations, unused_exceptions) = judge(&references, &exceptions);
    Ok(Report {
        references,
        violations,
        unused_exceptions,
    })
}

/// Splits references into violations (another crate's table, no exception) and returns the
/// exceptions that no reference used.
pub fn judge(refs: &[TableRef], exceptions: &[Exception]) -> (Vec<Violation>, Vec<Exception>) {
    let mut used = vec![false; exceptions.len()];
    let mut violations = Vec::new();
    for r in refs {
        let Some(owner) = owner_of(&r.table) else {
            continue;
        };
        if owner == r.crate_name {
            continue;
        }
        let mut excused = false;
        for (e, u) in exceptions.iter().zip(used.iter_mut()) {
            if e.crate_name == r.crate_name && e.table == r.table {
                *u = true;
                excused = true;
            }
        }
        if !excused {
            violations.push(Violation {
                crate_name: r.crate_name.clone(),
                file: r.file.clone(),
                line: r.line,
                table: r.table.clone(),
                owner: owner.to_owned(),
            });
        }
    }
    violations.sort();
    let unused = exceptions
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(e, _)| e.clone())
        .collect();
    (violations, unused)
}

/// Reads the exceptions from the [`EXCEPTIONS_HEADING`] section of a markdown document (up to the
/// next heading): every bullet `- <crate> → <table>[, <table>…]: <why>` (`->` works too,
/// backticks are ignored). Other lines are prose. A bullet that does not have this shape is an
/// error, so a typo cannot drop an exception silently.
pub fn parse_exceptions(markdown: &str) -> Result<Vec<Exception>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut inside = false;
    for (idx, raw) in markdown.lines().enumerate() {
        let line_no = idx + 1;
        let line = raw.trim();
        if line.starts_with('#') {
            inside = line == EXCEPTIONS_HEADING;
            continue;
        }
        if !inside {
            continue;
        }
        let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) else {
            continue;
        };
        match parse_exception_item(item) {
            Some((krate, tables, reason)) => {
                for table in tables {
                    out.push(Exception {
                        crate_name: krate.clone(),
                        table,
                        reason: reason.clone(),
                        line: line_no,
                    });
                }
            }
            None => errors.push(format!(
                "{EXCEPTIONS_DOC}:{line_no}: expected `- <crate> → <table>[, <table>…]: <why>`, \
                 found `{line}`"
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn parse_exception_item(item: &str) -> Option<(String, Vec<String>, String)> {
    let (head, reason) = item.split_once(':')?;
    let reason = reason.trim();
    let (krate, tables) = head.split_once('→').or_else(|| head.split_once("->"))?;
    let name = |s: &str| {
        let s = s.trim().trim_matches('`').trim();
        let ok = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        ok.then(|| s.to_owned())
    };
    let krate = name(krate)?;
    let tables = tables.split(',').map(name).collect::<Option<Vec<_>>>()?;
    if reason.is_empty() || tables.is_empty() {
        return None;
    }
    Some((krate, tables, reason.to_owned()))
}

/// The scanned crates: `(name, src directory)` for every `crates/<name>/src` (but
/// `test-support`) and `bins/<name>/src`, sorted by name.
pub fn crate_dirs(root: &Path) -> Result<Vec<(String, PathBuf)>, CheckError> {
    let mut out = Vec::new();
    for parent in ["crates", "bins"] {
        let dir = root.join(parent);
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_err(&dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io_err(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let src = entry.path().join("src");
            if name == "test-support" || !src.is_dir() {
                continue;
            }
            out.push((name, src));
        }
    }
    out.sort();
    Ok(out)
}

/// Every table reference in the scanned crates of the workspace at `root` (see the module
/// documentation for what counts), sorted by file and line.
pub fn scan_workspace(root: &Path) -> Result<Vec<TableRef>, CheckError> {
    let mut refs = Vec::new();
    for (krate, src) in crate_dirs(root)? {
        let mut files = Vec::new();
        rust_files(&src, &mut files)?;
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(io_err(&file))?;
            let rel = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            for (line, table) in scan_source(&text, &krate) {
                refs.push(TableRef {
                    crate_name: krate.clone(),
                    file: rel.clone(),
                    line,
                    table,
                });
            }
        }
    }
    refs.sort();
    Ok(refs)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CheckError> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        let path = entry.map_err(io_err(dir))?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The tables one Rust source file of crate `crate_name` refers to, as `(line, table)` pairs,
/// sorted and without duplicates. Only mapped tables ([`owner_of`]) are reported.
pub fn scan_source(source: &str, crate_name: &str) -> Vec<(usize, String)> {
    let toks = lex(source);
    let mut found: Vec<(usize, String)> = Vec::new();

    // 1. `use` trees: bindings (name → full path), globs, and the positions they cover.
    let mut items: Vec<UseItem> = Vec::new();
    let mut in_use = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if toks[i].is_ident("use") {
            let start = i;
            i += 1;
            parse_use_tree(&toks, &mut i, &[], &mut items, 0);
            while i < toks.len() && !toks[i].is_punct(';') {
                i += 1;
            }
            for flag in in_use.iter_mut().take((i + 1).min(toks.len())).skip(start) {
                *flag = true;
            }
        }
        i += 1;
    }
    let mut bindings: HashMap<String, Vec<String>> = HashMap::new();
    for item in items.iter().filter(|it| !it.glob) {
        if let Some(name) = item.binding()
            && name != "_"
        {
            bindings.insert(name, item.segments());
        }
    }
    let resolve = |path: &[String]| -> Vec<String> {
        let mut p = path.to_vec();
        for _ in 0..4 {
            let Some(first) = p.first() else { break };
            if first == "crate" {
                // An absolute path: no further resolution.
                p[0] = crate_name.to_owned();
                break;
            }
            match bindings.get(first) {
                Some(b) if b.len() > 1 || b[0] != *first => {
                    let mut np = b.clone();
                    np.extend_from_slice(&p[1..]);
                    p = np;
                }
                _ => break,
            }
        }
        p
    };
    let schema_table = |p: &[String]| -> Option<String> {
        (p.len() >= 3 && p[0] == "db" && p[1] == "schema" && owner_of(&p[2]).is_some())
            .then(|| p[2].clone())
    };
    let schema_glob = items
        .iter()
        .filter(|it| it.glob)
        .any(|it| resolve(&it.segments()) == ["db", "schema"]);
    for item in &items {
        let segs = item.segments();
        let resolved = resolve(&segs);
        if let Some(t) = schema_table(&resolved) {
            // The line of the table's own segment when it is written out, else the path's end.
            let line = item
                .path
                .iter()
                .find(|(s, _)| *s == t)
                .or(item.path.last())
                .map_or(0, |(_, l)| *l);
            found.push((line, t));
        }
    }

    // 2. Paths in the code.
    let mut i = 0;
    while i < toks.len() {
        if in_use[i] || !matches!(toks[i].kind, Kind::Ident(_)) || !path_start(&toks, i) {
            i += 1;
            continue;
        }
        let line = toks[i].line;
        let mut segs = Vec::new();
        let mut j = i;
        while let Some(name) = toks.get(j).and_then(Token::ident) {
            segs.push(name.to_owned());
            if toks.get(j + 1).is_some_and(|t| t.kind == Kind::PathSep)
                && toks.get(j + 2).and_then(Token::ident).is_some()
            {
                j += 2;
            } else {
                break;
            }
        }
        let after_table_name =
            i >= 2 && toks[i - 1].is_punct('=') && toks[i - 2].is_ident("table_name");
        let resolved = resolve(&segs);
        let bound = bindings.contains_key(&segs[0]);
        let hit = if segs.len() >= 2 || after_table_name {
            schema_table(&resolved)
                .or_else(|| {
                    (schema_glob && !bound && owner_of(&segs[0]).is_some()).then(|| segs[0].clone())
                })
                .or_else(|| {
                    (!bound
                        && segs.len() >= 2
                        && (segs[1] == "table" || segs[1] == "dsl")
                        && owner_of(&segs[0]).is_some())
                    .then(|| segs[0].clone())
                })
        } else {
            None
        };
        if let Some(t) = hit {
            found.push((line, t));
        }
        i = j + 1;
    }

    // 3. SQL in string literals.
    let mut placeholders: Vec<String> = Vec::new();
    for t in &toks {
        if let Kind::Str(text) = &t.kind {
            sql_tables(text, t.line, &mut found, &mut placeholders);
        }
    }
    found.extend(runtime_table_literals(&toks, &placeholders));

    found.sort();
    found.dedup();
    found
}

/// Whether the identifier at `i` begins a path (not `a::b` continued, not `x.field`).
fn path_start(toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    match &toks[i - 1].kind {
        // `::x` is a path start only when nothing path-like precedes the `::`.
        Kind::PathSep => i < 2 || !matches!(toks[i - 2].kind, Kind::Ident(_)),
        Kind::Punct('.') => false,
        _ => true,
    }
}

/// Finds mapped tables after SQL keywords in one literal; returns whether the literal names a
/// table at run time (`FROM {table}`): the placeholder's name goes to `placeholders` (an empty
/// name for a positional `{}`).
fn sql_tables(
    text: &str,
    first_line: usize,
    found: &mut Vec<(usize, String)>,
    placeholders: &mut Vec<String>,
) {
    let words = sql_words(text, first_line);
    if !looks_like_sql(&words) {
        return;
    }
    let upper = |k: usize| words.get(k).map(|(w, _)| w.to_ascii_uppercase());
    let is = |k: usize, s: &str| words.get(k).is_some_and(|(w, _)| w == s);
    for k in 0..words.len() {
        let Some(kw) = upper(k) else { continue };
        if !matches!(
            kw.as_str(),
            "FROM" | "JOIN" | "INTO" | "UPDATE" | "TABLE" | "TRUNCATE"
        ) {
            continue;
        }
        if kw == "FROM" && k > 0 && upper(k - 1).as_deref() == Some("DISTINCT") {
            continue;
        }
        let mut j = k + 1;
        loop {
            while matches!(
                upper(j).as_deref(),
                Some("ONLY" | "IF" | "NOT" | "EXISTS" | "TABLE")
            ) {
                j += 1;
            }
            if is(j, "\"") {
                j += 1;
            }
            // schema-qualified: public.x / "public"."x"
            if is(j + 1, ".") || (is(j + 1, "\"") && is(j + 2, ".")) {
                j += if is(j + 1, ".") { 2 } else { 3 };
                if is(j, "\"") {
                    j += 1;
                }
            }
            if is(j, "{") {
                let named = words
                    .get(j + 1)
                    .filter(|(w, _)| is_word(w) && !w.starts_with(|c: char| c.is_ascii_digit()))
                    .filter(|_| is(j + 2, "}") || is(j + 2, ":"));
                placeholders.push(named.map(|(w, _)| w.clone()).unwrap_or_default());
                break;
            }
            let Some((word, line)) = words.get(j) else {
                break;
            };
            let name = word.to_ascii_lowercase();
            if owner_of(&name).is_none() {
                break;
            }
            found.push((*line, name));
            if kw != "FROM" {
                break;
            }
            // `FROM a x, b y`: follow the list.
            j += 1;
            if is(j, "\"") {
                j += 1;
            }
            if upper(j).as_deref() == Some("AS") {
                j += 1;
            }
            if words.get(j).is_some_and(|(w, _)| is_word(w)) && !is_clause(upper(j).as_deref()) {
                j += 1;
            }
            if is(j, ",") {
                j += 1;
            } else {
                break;
            }
        }
    }
}

/// Bare literals that are exactly a mapped table name and feed a run-time table name: for a
/// named placeholder (`FROM {table}`), the literals in the initializer of `table` (`let table =
/// match f { A => "keywords", … };`, `const TABLE: &str = "…";`, `format!(…, table = "…")`);
/// for a positional one, or a name with no such definition in the file, every such literal of
/// the file.
fn runtime_table_literals(toks: &[Token], placeholders: &[String]) -> Vec<(usize, String)> {
    let bare = |t: &Token| match &t.kind {
        Kind::Str(text) if is_word(text.trim()) && owner_of(text.trim()).is_some() => {
            Some((t.line, text.trim().to_owned()))
        }
        _ => None,
    };
    let mut out = Vec::new();
    let mut whole_file = false;
    for name in placeholders {
        if name.is_empty() {
            whole_file = true;
            continue;
        }
        let mut defined = false;
        for p in 0..toks.len() {
            if !toks[p].is_ident(name) {
                continue;
            }
            let declared = p > 0
                && toks[p - 1]
                    .ident()
                    .is_some_and(|k| matches!(k, "let" | "mut" | "const" | "static"));
            let assigned = toks.get(p + 1).is_some_and(|t| t.is_punct('='))
                && !toks
                    .get(p + 2)
                    .is_some_and(|t| t.is_punct('=') || t.is_punct('>'));
            if !declared && !assigned {
                continue;
            }
            // Find the `=` of this statement, then take its initializer.
            let mut q = p + 1;
            while q < toks.len() && !toks[q].is_punct(';') && !toks[q].is_punct('=') {
                q += 1;
            }
            if !toks.get(q).is_some_and(|t| t.is_punct('=')) {
                continue;
            }
            defined = true;
            let mut depth = 0usize;
            for t in &toks[q + 1..] {
                match t.kind {
                    Kind::Punct('(' | '[' | '{') => depth += 1,
                    Kind::Punct(')' | ']' | '}') if depth == 0 => break,
                    Kind::Punct(')' | ']' | '}') => depth -= 1,
                    Kind::Punct(';') if depth == 0 => break,
                    Kind::Punct(',') if depth == 0 => break,
                    _ => {}
                }
                out.extend(bare(t));
            }
        }
        whole_file |= !defined;
    }
    if whole_file {
        out.extend(toks.iter().filter_map(bare));
    }
    out
}

/// SQL, not prose: an upper-case SQL keyword somewhere (`SELECT`, `FROM`, …, the way this code
/// base writes SQL), or a lower-case statement verb first (`select …`). So "images from
/// content" in a message is not a query.
fn looks_like_sql(words: &[(String, usize)]) -> bool {
    const MARKERS: &[&str] = &[
        "SELECT",
        "INSERT",
        "UPDATE",
        "DELETE",
        "FROM",
        "JOIN",
        "INTO",
        "TABLE",
        "TRUNCATE",
        "WHERE",
        "VALUES",
        "RETURNING",
    ];
    const VERBS: &[&str] = &[
        "select", "insert", "update", "delete", "with", "create", "alter", "drop", "truncate",
        "lock", "copy", "explain",
    ];
    words.iter().any(|(w, _)| MARKERS.contains(&w.as_str()))
        || words
            .iter()
            .find(|(w, _)| is_word(w))
            .is_some_and(|(w, _)| VERBS.contains(&w.as_str()))
}

fn is_word(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_clause(w: Option<&str>) -> bool {
    matches!(
        w,
        Some(
            "WHERE"
                | "JOIN"
                | "INNER"
                | "LEFT"
                | "RIGHT"
                | "FULL"
                | "CROSS"
                | "ON"
                | "USING"
                | "GROUP"
                | "ORDER"
                | "LIMIT"
                | "OFFSET"
                | "FOR"
                | "SET"
                | "WINDOW"
                | "UNION"
                | "RETURNING"
                | "HAVING"
        )
    )
}

/// Words (`[A-Za-z0-9_]+`) and single punctuation characters of a literal, with their lines.
fn sql_words(text: &str, first_line: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push((std::mem::take(&mut cur), line));
        }
        if c == '\n' {
            line += 1;
        } else if !c.is_whitespace() {
            out.push((c.to_string(), line));
        }
    }
    if !cur.is_empty() {
        out.push((cur, line));
    }
    out
}

/// The tables created by `migrations/*/up.sql` (`CREATE [UNLOGGED] TABLE [IF NOT EXISTS] x`),
/// as `(table, file, line)`.
pub fn migration_tables(root: &Path) -> Result<Vec<(String, String, usize)>, CheckError> {
    let dir = root.join("migrations");
    let mut ups = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io_err(&dir))? {
        let up = entry.map_err(io_err(&dir))?.path().join("up.sql");
        if up.is_file() {
            ups.push(up);
        }
    }
    ups.sort();
    let mut out = Vec::new();
    for up in ups {
        let text = std::fs::read_to_string(&up).map_err(io_err(&up))?;
        let no_comments = text
            .lines()
            .map(|l| l.split_once("--").map_or(l, |(code, _)| code))
            .collect::<Vec<_>>()
            .join("\n");
        let words = sql_words(&no_comments, 1);
        let rel = up
            .strip_prefix(root)
            .unwrap_or(&up)
            .to_string_lossy()
            .into_owned();
        for k in 0..words.len() {
            if !words[k].0.eq_ignore_ascii_case("CREATE") {
                continue;
            }
            let mut j = k + 1;
            while words.get(j).is_some_and(|(w, _)| {
                ["UNLOGGED", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL"]
                    .iter()
                    .any(|m| w.eq_ignore_ascii_case(m))
            }) {
                j += 1;
            }
            if !words
                .get(j)
                .is_some_and(|(w, _)| w.eq_ignore_ascii_case("TABLE"))
            {
                continue;
            }
            j += 1;
            if words
                .get(j)
                .is_some_and(|(w, _)| w.eq_ignore_ascii_case("IF"))
            {
                j += 3;
            }
            if words.get(j + 1).is_some_and(|(w, _)| w == ".") {
                j += 2;
            }
            if words.get(j).is_some_and(|(w, _)| w == "\"") {
                j += 1;
            }
            if let Some((name, line)) = words.get(j) {
                out.push((name.to_ascii_lowercase(), rel.clone(), *line));
            }
        }
    }
    Ok(out)
}

/// The tables declared with `diesel::table!` in `crates/db/src/schema.rs`.
pub fn schema_tables(root: &Path) -> Result<Vec<String>, CheckError> {
    let path = root.join("crates/db/src/schema.rs");
    let text = std::fs::read_to_string(&path).map_err(io_err(&path))?;
    let toks = lex(&text);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.is_ident("table")
            && toks.get(i + 1).is_some_and(|t| t.is_punct('!'))
            && toks.get(i + 2).is_some_and(|t| t.is_punct('{'))
        {
            // `schema.table (id) {` or `table (id) {`
            let mut j = i + 3;
            if toks.get(j + 1).is_some_and(|t| t.is_punct('.')) {
                j += 2;
            }
            if let Some(name) = toks.get(j).and_then(Token::ident) {
                out.push(name.to_owned());
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// A small Rust lexer: identifiers, `::`, punctuation and string literals (escapes blanked, real
// newlines kept so lines can be counted inside them); comments, numbers, chars and lifetimes
// dropped.

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Ident(String),
    PathSep,
    Punct(char),
    Str(String),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    line: usize,
}

impl Token {
    fn ident(&self) -> Option<&str> {
        match &self.kind {
            Kind::Ident(s) => Some(s),
            _ => None,
        }
    }
    fn is_ident(&self, s: &str) -> bool {
        self.ident() == Some(s)
    }
    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn lex(src: &str) -> Vec<Token> {
    let s: Vec<char> = src.chars().collect();
    let n = s.len();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let mut toks = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < n {
        let c = s[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < n && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 1;
            i += 2;
            while i < n && depth > 0 {
                if s[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                } else {
                    if s[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            let start = line;
            let text = lex_str(&s, &mut i, &mut line, 1);
            toks.push(Token {
                kind: Kind::Str(text),
                line: start,
            });
        } else if let Some(skip) = raw_str_prefix(&s, i) {
            let start = line;
            let hashes = skip.1;
            i += skip.0;
            let text = lex_raw_str(&s, &mut i, &mut line, hashes);
            toks.push(Token {
                kind: Kind::Str(text),
                line: start,
            });
        } else if (c == 'b' || c == 'c') && at(i + 1) == '"' {
            let start = line;
            i += 1;
            let text = lex_str(&s, &mut i, &mut line, 1);
            toks.push(Token {
                kind: Kind::Str(text),
                line: start,
            });
        } else if c == 'b' && at(i + 1) == '\'' {
            i += 1;
            skip_char_or_lifetime(&s, &mut i);
        } else if c == '\'' {
            skip_char_or_lifetime(&s, &mut i);
        } else if c == 'r' && at(i + 1) == '#' && is_ident_start(at(i + 2)) {
            // raw identifier r#name
            let st = i + 2;
            i = st;
            while i < n && is_ident_char(s[i]) {
                i += 1;
            }
            toks.push(Token {
                kind: Kind::Ident(s[st..i].iter().collect()),
                line,
            });
        } else if is_ident_start(c) {
            let st = i;
            while i < n && is_ident_char(s[i]) {
                i += 1;
            }
            toks.push(Token {
                kind: Kind::Ident(s[st..i].iter().collect()),
                line,
            });
        } else if c.is_ascii_digit() {
            while i < n && is_ident_char(s[i]) {
                i += 1;
            }
        } else if c == ':' && at(i + 1) == ':' {
            toks.push(Token {
                kind: Kind::PathSep,
                line,
            });
            i += 2;
        } else {
            toks.push(Token {
                kind: Kind::Punct(c),
                line,
            });
            i += 1;
        }
    }
    toks
}

/// `r"`, `r#"`, `br##"`, `cr"` …: `(length of the prefix including the quote, hashes)`.
fn raw_str_prefix(s: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if matches!(s.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if s.get(j) != Some(&'r') {
        return None;
    }
    // Not the tail of an identifier such as `for` or `bar`.
    if i > 0 && is_ident_char(s[i - 1]) {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while s.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (s.get(j) == Some(&'"')).then_some((j + 1 - i, hashes))
}

/// A normal string literal from its opening quote at `*i`; escapes become a space, a
/// line-continuation backslash a newline.
fn lex_str(s: &[char], i: &mut usize, line: &mut usize, open: usize) -> String {
    let mut out = String::new();
    *i += open;
    while *i < s.len() {
        let c = s[*i];
        if c == '\\' {
            let next = s.get(*i + 1).copied().unwrap_or(' ');
            if next == '\n' {
                *line += 1;
                out.push('\n');
                *i += 2;
            } else if next == 'u' {
                while *i < s.len() && s[*i] != '}' {
                    *i += 1;
                }
                *i += 1;
                out.push(' ');
            } else {
                out.push(' ');
                *i += 2;
            }
        } else if c == '"' {
            *i += 1;
            break;
        } else {
            if c == '\n' {
                *line += 1;
            }
            out.push(c);
            *i += 1;
        }
    }
    out
}

fn lex_raw_str(s: &[char], i: &mut usize, line: &mut usize, hashes: usize) -> String {
    let mut out = String::new();
    while *i < s.len() {
        let c = s[*i];
        if c == '"' && (1..=hashes).all(|k| s.get(*i + k) == Some(&'#')) {
            *i += 1 + hashes;
            break;
        }
        if c == '\n' {
            *line += 1;
        }
        out.push(c);
        *i += 1;
    }
    out
}

/// At a `'`: skips a char literal (`'x'`, `'\n'`, `'\u{1F600}'`) or a lifetime (`'a`).
fn skip_char_or_lifetime(s: &[char], i: &mut usize) {
    let at = |k: usize| s.get(k).copied().unwrap_or('\0');
    if at(*i + 1) == '\\' {
        *i += 2;
        let limit = (*i + 12).min(s.len());
        while *i < limit && s[*i] != '\'' {
            *i += 1;
        }
        *i += 1;
    } else if at(*i + 2) == '\'' {
        *i += 3;
    } else {
        *i += 1;
        while *i < s.len() && is_ident_char(s[*i]) {
            *i += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `use` trees

#[derive(Debug, Clone)]
struct UseItem {
    /// Segments with their lines (`self` already dropped).
    path: Vec<(String, usize)>,
    alias: Option<String>,
    glob: bool,
}

impl UseItem {
    fn segments(&self) -> Vec<String> {
        self.path.iter().map(|(s, _)| s.clone()).collect()
    }
    fn binding(&self) -> Option<String> {
        self.alias
            .clone()
            .or_else(|| self.path.last().map(|(s, _)| s.clone()))
    }
}

fn parse_use_tree(
    toks: &[Token],
    i: &mut usize,
    prefix: &[(String, usize)],
    out: &mut Vec<UseItem>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let mut path = prefix.to_vec();
    if toks.get(*i).is_some_and(|t| t.kind == Kind::PathSep) {
        *i += 1;
    }
    loop {
        let Some(t) = toks.get(*i) else { return };
        match &t.kind {
            Kind::Ident(name) => {
                if name == "self" && !path.is_empty() {
                    // `{self, …}` binds the prefix itself
                } else {
                    path.push((name.clone(), t.line));
                }
                *i += 1;
                if toks.get(*i).is_some_and(|t| t.kind == Kind::PathSep) {
                    *i += 1;
                    continue;
                }
                let mut alias = None;
                if toks.get(*i).is_some_and(|t| t.is_ident("as")) {
                    alias = toks.get(*i + 1).and_then(Token::ident).map(str::to_owned);
                    *i += 2;
                }
                out.push(UseItem {
                    path,
                    alias,
                    glob: false,
                });
                return;
            }
            Kind::Punct('*') => {
                *i += 1;
                out.push(UseItem {
                    path,
                    alias: None,
                    glob: true,
                });
                return;
            }
            Kind::Punct('{') => {
                *i += 1;
                loop {
                    match toks.get(*i) {
                        None => return,
                        Some(t) if t.is_punct('}') => {
                            *i += 1;
                            return;
                        }
                        Some(t) if t.is_punct(',') => *i += 1,
                        Some(t) if t.is_punct(';') => return,
                        Some(_) => {
                            let before = *i;
                            parse_use_tree(toks, i, &path, out, depth + 1);
                            if *i == before {
                                *i += 1;
                            }
                        }
                    }
                }
            }
            _ => return,
        }
    }
}
