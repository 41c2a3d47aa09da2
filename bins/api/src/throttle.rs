//! Rate limits per route group and account, so one tenant cannot starve the others: AI actions,
//! CSV import/export and other writes each have their own budget per account and minute
//! (`IGNY8_RATE_AI_PER_MIN`, `IGNY8_RATE_CSV_PER_MIN`, `IGNY8_RATE_WRITES_PER_MIN`; 0 turns a
//! group's limit off). Reads are not limited here.
//!
//! GCRA buckets from `governor`, kept in the API process: with several API processes behind a
//! balancer each enforces the budget on its share (the login throttle, which guards
//! credentials, is the one kept in PostgreSQL). Every limited response carries
//! `X-Throttle-Limit`, `X-Throttle-Remaining` and `X-Throttle-Reset` (Unix time the bucket is
//! full again); a refusal is 429 `rate_limited` with `Retry-After`.

use actix_web::http::Method;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use kernel::AccountId;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A group of routes sharing one budget per account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// AI actions and automation runs (they spend credits and provider time).
    Ai,
    /// CSV import and export (large bodies, long queries).
    Csv,
    /// Every other write (POST, PUT, PATCH, DELETE).
    Writes,
}

impl Group {
    /// The group's name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Ai => "AI",
            Group::Csv => "CSV import/export",
            Group::Writes => "write",
        }
    }
}

/// Route suffixes of the AI actions (all POST).
const AI_ROUTES: &[&str] = &[
    "/planner/keywords/auto_cluster/",
    "/planner/clusters/generate_ideas/",
    "/writer/tasks/auto_generate_content/",
    "/writer/content/generate_image_prompts/",
    "/writer/images/generate_images/",
    "/automation/run_now/",
];

/// The group a request counts against, if any.
pub fn group_of(method: &Method, path: &str) -> Option<Group> {
    let read = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    if path.ends_with("/import_csv/") || path.ends_with("/export_csv/") {
        return Some(Group::Csv);
    }
    if read {
        return None;
    }
    if AI_ROUTES.iter().any(|r| path.ends_with(r)) {
        return Some(Group::Ai);
    }
    Some(Group::Writes)
}

/// Requests a minute per account and group; 0 means unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budgets {
    /// AI actions.
    pub ai_per_min: u32,
    /// CSV imports and exports.
    pub csv_per_min: u32,
    /// Other writes.
    pub writes_per_min: u32,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            ai_per_min: 60,
            csv_per_min: 20,
            writes_per_min: 600,
        }
    }
}

impl Budgets {
    /// No limits (tests of other behaviour).
    pub fn unlimited() -> Self {
        Self {
            ai_per_min: 0,
            csv_per_min: 0,
            writes_per_min: 0,
        }
    }
}

type Limiter = RateLimiter<
    AccountId,
    DefaultKeyedStateStore<AccountId>,
    DefaultClock,
    StateInformationMiddleware,
>;

/// What a limited request was told (added to the response as `X-Throttle-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleInfo {
    /// Requests a minute.
    pub limit: u32,
    /// Requests left right now.
    pub remaining: u32,
    /// Unix time the bucket is full again.
    pub reset_at: u64,
}

/// A refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// The group.
    pub group: Group,
    /// Requests a minute.
    pub limit: u32,
    /// Seconds until the next request is admitted.
    pub retry_after_secs: u64,
    /// Unix time of that.
    pub reset_at: u64,
}

/// The process's buckets.
pub struct Throttle {
    ai: Option<(u32, Limiter)>,
    csv: Option<(u32, Limiter)>,
    writes: Option<(u32, Limiter)>,
    clock: DefaultClock,
    checks: AtomicU64,
}

impl std::fmt::Debug for Throttle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Throttle")
            .field("ai", &self.ai.as_ref().map(|l| l.0))
            .field("csv", &self.csv.as_ref().map(|l| l.0))
            .field("writes", &self.writes.as_ref().map(|l| l.0))
            .finish()
    }
}

fn limiter(per_min: u32) -> Option<(u32, Limiter)> {
    let n = NonZeroU32::new(per_min)?;
    Some((
        per_min,
        RateLimiter::keyed(Quota::per_minute(n)).with_middleware::<StateInformationMiddleware>(),
    ))
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Checks between two sweeps of idle accounts' buckets.
const SWEEP_EVERY: u64 = 4096;

impl Throttle {
    /// Buckets for `budgets`.
    pub fn new(budgets: Budgets) -> Self {
        Self {
            ai: limiter(budgets.ai_per_min),
            csv: limiter(budgets.csv_per_min),
            writes: limiter(budgets.writes_per_min),
            clock: DefaultClock::default(),
            checks: AtomicU64::new(0),
        }
    }

    fn bucket(&self, group: Group) -> Option<&(u32, Limiter)> {
        match group {
            Group::Ai => self.ai.as_ref(),
            Group::Csv => self.csv.as_ref(),
            Group::Writes => self.writes.as_ref(),
        }
    }

    /// Takes one request of `account` from `group`'s budget: `Ok(None)` when the group is
    /// unlimited, `Ok(Some(info))` when admitted, `Err` when over budget.
    pub fn check(&self, group: Group, account: AccountId) -> Result<Option<ThrottleInfo>, Refused> {
        let Some((limit, l)) = self.bucket(group) else {
            return Ok(None);
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            for (_, l) in [&self.ai, &self.csv, &self.writes].into_iter().flatten() {
                l.retain_recent();
            }
        }
        let now = unix_now();
        match l.check_key(&account) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                let per_cell = snapshot.quota().replenish_interval();
                let to_full = per_cell.saturating_mul(limit.saturating_sub(remaining));
                Ok(Some(ThrottleInfo {
                    limit: *limit,
                    remaining,
                    reset_at: now + to_full.as_secs_f64().ceil() as u64,
                }))
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.clock.now());
                let secs = (wait.as_secs_f64().ceil() as u64).max(1);
                Err(Refused {
                    group,
                    limit: *limit,
                    retry_after_secs: secs,
                    reset_at: now + secs,
                })
            }
        }
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new(Budgets::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_fall_into_groups() {
        let p = Method::POST;
        assert_eq!(
            group_of(&p, "/api/v1/planner/keywords/auto_cluster/"),
            Some(Group::Ai)
        );
        assert_eq!(group_of(&p, "/api/v1/automation/run_now/"), Some(Group::Ai));
        assert_eq!(
            group_of(&p, "/api/v1/planner/keywords/import_csv/"),
            Some(Group::Csv)
        );
        assert_eq!(
            group_of(&Method::GET, "/api/v1/planner/keywords/export_csv/"),
            Some(Group::Csv)
        );
        assert_eq!(
            group_of(&Method::DELETE, "/api/v1/planner/keywords/5/"),
            Some(Group::Writes)
        );
        assert_eq!(group_of(&Method::GET, "/api/v1/planner/keywords/"), None);
    }

    #[test]
    fn a_budget_admits_its_limit_then_refuses_per_account() {
        let t = Throttle::new(Budgets {
            ai_per_min: 2,
            ..Budgets::unlimited()
        });
        let (a, b) = (AccountId(1), AccountId(2));
        let first = t.check(Group::Ai, a).unwrap().unwrap();
        assert_eq!((first.limit, first.remaining), (2, 1));
        assert_eq!(t.check(Group::Ai, a).unwrap().unwrap().remaining, 0);
        let refused = t.check(Group::Ai, a).unwrap_err();
        assert_eq!(refused.limit, 2);
        assert!((1..=30).contains(&refused.retry_after_secs), "{refused:?}");
        // Another account has its own bucket; an unlimited group answers None.
        assert_eq!(t.check(Group::Ai, b).unwrap().unwrap().remaining, 1);
        assert_eq!(t.check(Group::Writes, a).unwrap(), None);
    }
}
