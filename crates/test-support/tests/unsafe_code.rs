//! `unsafe` lives in one place: the workspace denies `unsafe_code`, and the only file allowed to
//! lift that is bins/api/src/memory.rs (glibc's `malloc_trim`). This test fails when another
//! file writes `unsafe` or allows `unsafe_code`, and checks the check on planted sources.
//! No database needed: `cargo test -p test-support --test unsafe_code`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use test_support::workspace_root;

/// The one file that may use `unsafe`.
const ALLOWED: &str = "bins/api/src/memory.rs";

/// A line without its string literals and its `//` comment.
fn code_of(line: &str) -> String {
    let mut code = String::new();
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '/' && chars.peek() == Some(&'/') {
            break;
        } else {
            code.push(c);
        }
    }
    code
}

/// Lines of `source` that use or allow unsafe code (comments and string literals excluded).
fn unsafe_lines(source: &str) -> Vec<usize> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = code_of(line);
            code.contains("unsafe_code")
                || code
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|word| word == "unsafe")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target"
                && name != "node_modules"
                && !name.to_string_lossy().starts_with('.')
            {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_allocator_call_uses_unsafe() {
    let root = workspace_root();
    let mut files = Vec::new();
    for top in ["crates", "bins", "tests"] {
        rust_files(&root.join(top), &mut files);
    }
    assert!(files.len() > 50, "found only {} Rust files", files.len());
    // This file names the word in its own checks.
    let this = Path::new(file!()).file_name().unwrap();
    let mut found = Vec::new();
    let mut allowed_uses = 0;
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if file.file_name() == Some(this) {
            continue;
        }
        let lines = unsafe_lines(&std::fs::read_to_string(&file).unwrap());
        if rel == ALLOWED {
            allowed_uses = lines.len();
        } else {
            found.extend(lines.into_iter().map(|n| format!("  {rel}:{n}")));
        }
    }
    assert!(
        found.is_empty(),
        "unsafe code outside {ALLOWED}:\n{}",
        found.join("\n")
    );
    assert!(
        allowed_uses > 0,
        "{ALLOWED} no longer uses unsafe: drop the exception"
    );
}

#[test]
fn the_check_finds_unsafe_blocks_functions_and_allows_but_not_comments_strings_or_words() {
    assert_eq!(unsafe_lines("fn f() {\n    unsafe { g() }\n}"), vec![2]);
    assert_eq!(unsafe_lines("pub unsafe fn f() {}"), vec![1]);
    assert_eq!(unsafe_lines("unsafe impl Send for X {}"), vec![1]);
    assert_eq!(unsafe_lines("#[allow(unsafe_code)]\nfn f() {}"), vec![1]);
    assert_eq!(unsafe_lines("#![expect(unsafe_code)]"), vec![1]);
    assert!(unsafe_lines("// unsafe { is only a comment here }").is_empty());
    assert!(unsafe_lines("let unsafe_ish = 1; let not_unsafe = 2;").is_empty());
    assert!(unsafe_lines(r#"let csp = "style-src 'unsafe-inline'"; // unsafe"#).is_empty());
    assert_eq!(
        unsafe_lines(r#"let s = "a \" b"; unsafe { f(s) }"#),
        vec![1]
    );
}
