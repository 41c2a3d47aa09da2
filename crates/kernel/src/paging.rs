//! List conventions: page requests, pages and ordering.

use crate::FieldErrors;

/// Default page size of every list.
pub const DEFAULT_PAGE_SIZE: i64 = 25;
/// Largest page size; larger requests are clamped.
pub const MAX_PAGE_SIZE: i64 = 200;

/// A 1-based page request with a clamped page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: i64,
    page_size: i64,
}

impl PageRequest {
    /// Builds a request; `page` below 1 becomes 1, `page_size` is clamped to 1..=200.
    pub fn new(page: Option<i64>, page_size: Option<i64>) -> Self {
        Self {
            page: page.unwrap_or(1).max(1),
            page_size: page_size
                .unwrap_or(DEFAULT_PAGE_SIZE)
                .clamp(1, MAX_PAGE_SIZE),
        }
    }

    /// The 1-based page number.
    pub fn page(&self) -> i64 {
        self.page
    }

    /// Rows per page.
    pub fn page_size(&self) -> i64 {
        self.page_size
    }

    /// SQL offset.
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.page_size)
    }

    /// SQL limit.
    pub fn limit(&self) -> i64 {
        self.page_size
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(None, None)
    }
}

/// One page of results plus the total count of matching rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// Rows of this page.
    pub items: Vec<T>,
    /// Number of rows matching the filters across all pages.
    pub count: i64,
    /// The request that produced this page.
    pub request: PageRequest,
}

impl<T> Page<T> {
    /// The requested page of a complete collection held in memory (small reference lists).
    pub fn slice(all: Vec<T>, request: PageRequest) -> Self {
        let count = i64::try_from(all.len()).unwrap_or(i64::MAX);
        let skip = usize::try_from(request.offset()).unwrap_or(usize::MAX);
        let take = usize::try_from(request.limit()).unwrap_or(usize::MAX);
        Page {
            items: all.into_iter().skip(skip).take(take).collect(),
            count,
            request,
        }
    }

    /// Maps the rows, keeping count and request.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            count: self.count,
            request: self.request,
        }
    }

    /// True when a later page exists.
    pub fn has_next(&self) -> bool {
        self.request.offset() + (self.items.len() as i64) < self.count
    }

    /// True when an earlier page exists.
    pub fn has_previous(&self) -> bool {
        self.request.page() > 1
    }
}

/// A validated ordering: one of the resource's allowed fields and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order<F> {
    /// The field to sort by.
    pub field: F,
    /// True for descending (`-field`).
    pub descending: bool,
}

impl<F: Copy> Order<F> {
    /// Parses `field` or `-field` against an allow-list; unknown names are a validation error.
    pub fn parse(
        raw: Option<&str>,
        allowed: &[(&str, F)],
        default: Order<F>,
    ) -> Result<Self, FieldErrors> {
        let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(default);
        };
        let (descending, name) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        allowed
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| Order {
                field: *f,
                descending,
            })
            .ok_or_else(|| {
                let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
                FieldErrors::single(
                    "ordering",
                    format!(
                        "Unknown ordering field '{name}'. Allowed: {}.",
                        names.join(", ")
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_request_clamps() {
        let p = PageRequest::new(Some(0), Some(10_000));
        assert_eq!((p.page(), p.page_size(), p.offset()), (1, 200, 0));
        let p = PageRequest::new(Some(3), Some(0));
        assert_eq!((p.page(), p.page_size(), p.offset()), (3, 1, 2));
        assert_eq!(PageRequest::default().page_size(), 25);
    }

    #[test]
    fn page_next_previous() {
        let req = PageRequest::new(Some(2), Some(10));
        let page = Page {
            items: vec![1; 10],
            count: 25,
            request: req,
        };
        assert!(page.has_next());
        assert!(page.has_previous());
        let last = Page {
            items: vec![1; 5],
            count: 25,
            request: PageRequest::new(Some(3), Some(10)),
        };
        assert!(!last.has_next());
    }

    #[test]
    fn order_parses_allow_list() {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum F {
            Name,
            Created,
        }
        let allowed = [("name", F::Name), ("created_at", F::Created)];
        let def = Order {
            field: F::Created,
            descending: true,
        };
        assert_eq!(Order::parse(None, &allowed, def), Ok(def));
        assert_eq!(
            Order::parse(Some("-name"), &allowed, def),
            Ok(Order {
                field: F::Name,
                descending: true
            })
        );
        assert_eq!(
            Order::parse(Some("name"), &allowed, def),
            Ok(Order {
                field: F::Name,
                descending: false
            })
        );
        let err = Order::parse(Some("password"), &allowed, def).unwrap_err();
        assert!(err.fields().contains_key("ordering"));
    }
}
