//! Sliding-window throttling backed by PostgreSQL, so the limit holds across API processes.

use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use db::schema::rate_limit_hits::dsl as h;
use diesel::prelude::*;

/// A limit: at most `max` admitted attempts per rolling `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Attempts admitted per window.
    pub max: i64,
    /// Window length.
    pub window: Duration,
}

/// Login: 5 attempts per minute, per IP and per email.
pub const LOGIN: Limit = Limit {
    max: 5,
    window: Duration::minutes(1),
};
/// Password-reset requests: 5 per minute per IP and per email.
pub const PASSWORD_RESET: Limit = Limit {
    max: 5,
    window: Duration::minutes(1),
};

/// What a caller may tell the client after an admitted attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admitted {
    /// Attempts allowed per window.
    pub limit: i64,
    /// Attempts left in the window after this one (over all keys, the smallest).
    pub remaining: i64,
}

/// Admits one attempt for every key, or refuses with `RateLimited` (and records nothing) when
/// any key has used its window. Attempts refused are not counted, so a blocked client is let
/// back in exactly when its oldest admitted attempt leaves the window.
pub fn hit(
    conn: &mut PgConnection,
    keys: &[String],
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Admitted> {
    conn.transaction(|c| {
        let since = now - limit.window;
        let mut remaining = limit.max;
        for key in keys {
            // Serialize attempts on the same key so two concurrent requests cannot both take the
            // last slot.
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind::<diesel::sql_types::Text, _>(key)
                .execute(c)?;
            let (count, oldest): (i64, Option<DateTime<Utc>>) = h::rate_limit_hits
                .filter(h::key.eq(key))
                .filter(h::hit_at.gt(since))
                .select((diesel::dsl::count_star(), diesel::dsl::min(h::hit_at)))
                .first(c)?;
            if count >= limit.max {
                let reset = oldest.unwrap_or(now) + limit.window;
                let retry = (reset - now).num_seconds().max(1);
                return Err(Error::RateLimited {
                    retry_after_secs: retry,
                    limit: limit.max,
                    reset_at: reset.timestamp(),
                });
            }
            remaining = remaining.min(limit.max - count - 1);
        }
        let rows: Vec<_> = keys
            .iter()
            .map(|k| (h::key.eq(k), h::hit_at.eq(now)))
            .collect();
        diesel::insert_into(h::rate_limit_hits)
            .values(rows)
            .execute(c)?;
        Ok(Admitted {
            limit: limit.max,
            remaining,
        })
    })
}

/// Deletes hits older than a day; returns how many.
pub fn purge_old(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize> {
    Ok(
        diesel::delete(h::rate_limit_hits.filter(h::hit_at.lt(now - Duration::days(1))))
            .execute(conn)?,
    )
}
