//! Telling the caller, while a provider call waits to retry, what went wrong and which attempt
//! comes next. Provider calls are synchronous, so the observer is set for the current thread
//! around the call ([`with_retry_observer`]); the provider reports through [`retrying`].

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// A retry about to happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryNotice {
    /// The attempt that comes next (2 for the first retry).
    pub attempt: u32,
    /// Most attempts the call may make.
    pub max_attempts: u32,
    /// Why the previous attempt failed, in words.
    pub reason: String,
    /// How long the call waits before the next attempt.
    pub wait: Duration,
}

impl std::fmt::Display for RetryNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "retrying (attempt {} of {}): {}",
            self.attempt, self.max_attempts, self.reason
        )
    }
}

/// Hears the retries of the provider calls of one thread.
pub type Observer = Rc<dyn Fn(&RetryNotice)>;

thread_local! {
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

/// Runs `body` with `observer` hearing about every retry the provider calls of this thread make.
pub fn with_retry_observer<R>(observer: Observer, body: impl FnOnce() -> R) -> R {
    struct Restore(Option<Observer>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            OBSERVER.with(|o| *o.borrow_mut() = previous);
        }
    }
    let _restore = Restore(OBSERVER.with(|o| o.borrow_mut().replace(observer)));
    body()
}

/// Reports a retry to the current thread's observer, if any.
pub(crate) fn retrying(notice: &RetryNotice) {
    let observer = OBSERVER.with(|o| o.borrow().clone());
    if let Some(observer) = observer {
        observer(notice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_observer_hears_retries_only_inside_its_body() {
        let notice = RetryNotice {
            attempt: 2,
            max_attempts: 3,
            reason: "timed out".into(),
            wait: Duration::ZERO,
        };
        let heard = Rc::new(Cell::new(0));
        retrying(&notice);
        let h = heard.clone();
        let observer: Observer = Rc::new(move |n: &RetryNotice| {
            assert_eq!(n.to_string(), "retrying (attempt 2 of 3): timed out");
            h.set(h.get() + 1);
        });
        with_retry_observer(observer, || {
            retrying(&notice);
            retrying(&notice);
        });
        retrying(&notice);
        assert_eq!(heard.get(), 2);
    }
}
