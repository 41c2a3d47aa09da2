//! Field-level validation errors shared by every domain crate.

use std::collections::{BTreeMap, BTreeSet};

/// Validation messages keyed by field name (or `row_N` for file rows), in a stable order.
///
/// A field whose only fault is naming an object that does not exist (or is another account's)
/// is marked with [`FieldErrors::unknown`]: when every fault is of that kind the API answers
/// 404 `not_found` (the input was well formed; what it names is missing), otherwise 400.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>, BTreeSet<String>);

impl serde::Serialize for FieldErrors {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl FieldErrors {
    /// An empty set of errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// A set holding one message for one field.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = Self::new();
        e.add(field, message);
        e
    }

    /// Adds a message for a field.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        self.1.remove(&field);
        self.0.entry(field).or_default().push(message.into());
    }

    /// Adds a message for a field that names an object that does not exist (or that the
    /// caller's account cannot see).
    pub fn unknown(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        let fresh = !self.0.contains_key(&field);
        self.0
            .entry(field.clone())
            .or_default()
            .push(message.into());
        if fresh {
            self.1.insert(field);
        }
    }

    /// A set holding one unknown-object message (see [`FieldErrors::unknown`]).
    pub fn single_unknown(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = Self::new();
        e.unknown(field, message);
        e
    }

    /// Adds every message of `other`, keeping which fields only name missing objects.
    pub fn merge(&mut self, other: FieldErrors) {
        for (field, msgs) in other.0 {
            let unknown = other.1.contains(&field);
            for m in msgs {
                if unknown {
                    self.unknown(field.clone(), m);
                } else {
                    self.add(field.clone(), m);
                }
            }
        }
    }

    /// True when there are errors and each only says that a named object does not exist.
    pub fn only_unknown_objects(&self) -> bool {
        !self.0.is_empty() && self.0.keys().all(|k| self.1.contains(k))
    }

    /// True when no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The messages by field.
    pub fn fields(&self) -> &BTreeMap<String, Vec<String>> {
        &self.0
    }

    /// `Ok(())` when empty, otherwise `Err(self)`; ends a validation function.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Checks a required trimmed string is non-empty and at most `max` characters.
    pub fn require_text(&mut self, field: &str, value: &str, max: usize) {
        let v = value.trim();
        if v.is_empty() {
            self.add(field, "This field may not be blank.");
        } else if v.chars().count() > max {
            self.add(
                field,
                format!("Ensure this field has no more than {max} characters."),
            );
        }
    }

    /// Checks an optional string is at most `max` characters.
    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(
                field,
                format!("Ensure this field has no more than {max} characters."),
            );
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for (k, msgs) in &self.0 {
            for m in msgs {
                if !first {
                    f.write_str("; ")?;
                }
                first = false;
                write!(f, "{k}: {m}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_objects_alone_are_told_apart_from_bad_input() {
        let mut e = FieldErrors::single_unknown("user_id", "Unknown user.");
        assert!(e.only_unknown_objects());
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"user_id": ["Unknown user."]})
        );
        e.add("email", "Enter a valid email address.");
        assert!(!e.only_unknown_objects());
        let mut e = FieldErrors::single_unknown("site_id", "Unknown site.");
        e.add("site_id", "Also bad.");
        assert!(!e.only_unknown_objects());
        assert!(!FieldErrors::new().only_unknown_objects());
    }
}
