//! Validation and query helpers shared by the writer services.

use crate::model::FilterOption;
use crate::{Error, Result};
use kernel::FieldErrors;

/// Most ids a bulk action takes.
pub const MAX_BULK_IDS: usize = 1000;

/// Longest title of a task or content item.
pub const MAX_TITLE: usize = 500;
/// Longest keyword.
pub const MAX_KEYWORD: usize = 255;
/// Most secondary keywords, tags or categories on one row.
pub const MAX_LIST: usize = 50;

/// Checks a bulk id list: not empty, at most [`MAX_BULK_IDS`].
pub(crate) fn check_bulk_ids<T>(ids: &[T]) -> Result<()> {
    if ids.is_empty() {
        return Err(FieldErrors::single("ids", "This list may not be empty.").into());
    }
    if ids.len() > MAX_BULK_IDS {
        return Err(FieldErrors::single(
            "ids",
            format!("Ensure this list has at most {MAX_BULK_IDS} ids."),
        )
        .into());
    }
    Ok(())
}

/// Trims a list of short strings, drops blanks and case-insensitive duplicates (first spelling
/// wins) and checks its size and each length.
pub(crate) fn clean_list(e: &mut FieldErrors, field: &str, items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in items.iter().enumerate() {
        let v = raw.trim();
        if v.is_empty() {
            continue;
        }
        if v.chars().count() > MAX_KEYWORD {
            e.add(
                format!("{field}[{i}]"),
                format!("Ensure this value has no more than {MAX_KEYWORD} characters."),
            );
            continue;
        }
        if !out.iter().any(|o| o.to_lowercase() == v.to_lowercase()) {
            out.push(v.to_owned());
        }
    }
    if out.len() > MAX_LIST {
        e.add(
            field,
            format!("Ensure this list has at most {MAX_LIST} items."),
        );
    }
    out
}

/// The options of a value list present in `present`, in the list's documented order.
pub(crate) fn options_in_order<T: Copy + Eq + Into<FilterOption>>(
    all: &[T],
    present: &[T],
) -> Vec<FilterOption> {
    all.iter()
        .filter(|v| present.contains(v))
        .map(|v| (*v).into())
        .collect()
}

/// Turns a foreign-key failure on a planner reference into a field error. The planner's
/// composite keys (added when the planner merges) are named after the column they guard.
pub(crate) fn planner_ref_error(e: Error) -> Error {
    if let Error::Db(db::DbError::ForeignKeyViolation {
        constraint: Some(c),
    }) = &e
    {
        for field in ["cluster_id", "idea_id", "task_id"] {
            if c.contains(field.trim_end_matches("_id")) {
                return FieldErrors::single_unknown(field, "Unknown or inaccessible object.")
                    .into();
            }
        }
    }
    e
}
