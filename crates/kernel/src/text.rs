//! Small text helpers shared by domains.

/// Lower-case, ASCII-only slug: letters and digits joined by single dashes, at most 100 chars.
pub fn slugify(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut dash = false;
    for c in input.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
        if out.len() >= 100 {
            break;
        }
    }
    out
}

/// Normalizes an email for comparison and storage: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A light structural email check: one `@`, non-empty local part, a dotted domain, no spaces.
pub fn looks_like_email(email: &str) -> bool {
    let e = email.trim();
    if e.chars().count() > 254 || e.chars().any(char::is_whitespace) {
        return false;
    }
    match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("  My Shop — Café & Bar!! "), "my-shop-caf-bar");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("A1 b2"), "a1-b2");
    }

    #[test]
    fn emails() {
        assert!(looks_like_email("a@b.co"));
        assert!(!looks_like_email("a@b"));
        assert!(!looks_like_email("a b@c.de"));
        assert!(!looks_like_email("@c.de"));
        assert!(!looks_like_email("a@@c.de"));
        assert_eq!(normalize_email("  Foo@Bar.COM "), "foo@bar.com");
    }
}
