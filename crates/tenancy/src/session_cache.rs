//! What authenticating a session found (user, role, account status), kept in memory so a
//! request with a valid access token needs no database round trip.
//!
//! Correctness rests on invalidation, not on expiry:
//! - The database notifies channel [`CHANNEL`] whenever something that changes the result
//!   commits: a session revoked or deleted, a user's role, activity, staff flag, account or
//!   password changed, an account's status changed (triggers of migration 000070, so a change
//!   made by any process or by hand in SQL counts). The process's listener hands each payload
//!   to [`SessionCache::invalidate`].
//! - While the listener is not connected, notifications could be missed, so the cache is
//!   empty and bypassed ([`SessionCache::set_live`]): every request reads the database.
//! - A result read from the database is stored only if no invalidation arrived since the read
//!   began ([`SessionCache::ticket`]), so a read racing a revocation cannot store the old state.
//! - The process's own writes evict at once ([`SessionCache::evict_account`],
//!   [`SessionCache::clear`]), so a client sees its own logout on its next request.
//!
//! Entries also expire after [`ENTRY_TTL`], which bounds memory, not staleness.

use crate::Scope;
use kernel::{AccountId, SessionId, UserId};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The notification channel the invalidation triggers write to.
pub const CHANNEL: &str = "igny8_auth";

/// How long an entry is used before the database is read again.
pub const ENTRY_TTL: Duration = Duration::from_secs(60);

/// Entries kept at most; past it the cache starts over (an attack with many valid sessions
/// cannot grow the process).
pub const CAPACITY: usize = 50_000;

struct Entry {
    user_id: UserId,
    scope: Scope,
    stored: Instant,
}

/// The entries, and the sessions of each account: evicting an account (after every accepted
/// write) touches only its own sessions, not every entry.
#[derive(Default)]
struct Entries {
    by_session: HashMap<SessionId, Entry>,
    by_account: HashMap<AccountId, HashSet<SessionId>>,
}

impl Entries {
    fn len(&self) -> usize {
        self.by_session.len()
    }

    fn clear(&mut self) {
        self.by_session.clear();
        self.by_account.clear();
    }

    fn insert(&mut self, session: SessionId, entry: Entry) {
        let account = entry.scope.account_id();
        if let Some(old) = self.by_session.insert(session, entry) {
            self.unindex(old.scope.account_id(), session);
        }
        self.by_account.entry(account).or_default().insert(session);
    }

    fn unindex(&mut self, account: AccountId, session: SessionId) {
        if let Some(sessions) = self.by_account.get_mut(&account) {
            sessions.remove(&session);
            if sessions.is_empty() {
                self.by_account.remove(&account);
            }
        }
    }

    fn remove(&mut self, session: SessionId) {
        if let Some(old) = self.by_session.remove(&session) {
            self.unindex(old.scope.account_id(), session);
        }
    }

    fn remove_user(&mut self, user: UserId) {
        let sessions: Vec<SessionId> = self
            .by_session
            .iter()
            .filter(|(_, e)| e.user_id == user)
            .map(|(s, _)| *s)
            .collect();
        for s in sessions {
            self.remove(s);
        }
    }

    fn remove_account(&mut self, account: AccountId) {
        for s in self.by_account.remove(&account).unwrap_or_default() {
            self.by_session.remove(&s);
        }
    }
}

/// The cache; one per process, shared by every HTTP worker.
#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<Entries>,
    /// Bumped by every invalidation; a read stores its result only if unchanged.
    generation: AtomicU64,
    /// True while the listener is connected (the cache is bypassed otherwise).
    live: AtomicBool,
}

/// What a notification names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalidation {
    /// `s:<id>`: a session.
    Session(SessionId),
    /// `u:<id>`: a user.
    User(UserId),
    /// `a:<id>`: an account.
    Account(AccountId),
    /// Anything else: drop everything.
    All,
}

impl Invalidation {
    /// Parses a notification payload; an unreadable one means [`Invalidation::All`].
    pub fn parse(payload: &str) -> Self {
        let Some((kind, id)) = payload.split_once(':') else {
            return Invalidation::All;
        };
        let Ok(id) = id.parse::<i64>() else {
            return Invalidation::All;
        };
        match kind {
            "s" => Invalidation::Session(SessionId(id)),
            "u" => Invalidation::User(UserId(id)),
            "a" => Invalidation::Account(AccountId(id)),
            _ => Invalidation::All,
        }
    }
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock leaves a map that is still consistent.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The scope stored for `session`, if the cache is live, the entry fresh and its user the
    /// token's.
    pub fn get(&self, session: SessionId, user: UserId) -> Option<Scope> {
        if !self.live.load(Ordering::Acquire) {
            return None;
        }
        let map = self.lock();
        let e = map.by_session.get(&session)?;
        (e.user_id == user && e.stored.elapsed() < ENTRY_TTL).then(|| e.scope.clone())
    }

    /// Taken before reading the database; [`SessionCache::insert`] needs it.
    pub fn ticket(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Stores what the database said about `session`, unless an invalidation arrived since
    /// `ticket` was taken or the cache is not live.
    pub fn insert(&self, ticket: u64, session: SessionId, scope: &Scope) {
        let Some(user_id) = scope.user_id() else {
            return;
        };
        let mut map = self.lock();
        // Checked under the lock: invalidations bump the generation under it too.
        if !self.live.load(Ordering::Acquire) || self.generation.load(Ordering::Acquire) != ticket {
            return;
        }
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(
            session,
            Entry {
                user_id,
                scope: scope.clone(),
                stored: Instant::now(),
            },
        );
    }

    /// Applies a notification.
    pub fn invalidate(&self, what: Invalidation) {
        let mut map = self.lock();
        self.generation.fetch_add(1, Ordering::AcqRel);
        match what {
            Invalidation::Session(s) => map.remove(s),
            Invalidation::User(u) => map.remove_user(u),
            Invalidation::Account(a) => map.remove_account(a),
            Invalidation::All => map.clear(),
        }
    }

    /// Drops the entries of one account (after this process wrote on its behalf).
    pub fn evict_account(&self, account: AccountId) {
        self.invalidate(Invalidation::Account(account));
    }

    /// Drops everything.
    pub fn clear(&self) {
        self.invalidate(Invalidation::All);
    }

    /// Whether the listener is connected; turning it either way empties the cache (while it
    /// was not connected, notifications may have been missed).
    pub fn set_live(&self, live: bool) {
        let mut map = self.lock();
        self.generation.fetch_add(1, Ordering::AcqRel);
        map.clear();
        self.live.store(live, Ordering::Release);
    }

    /// True while the listener is connected.
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }

    /// Entries held (for tests and metrics).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scope::AccountStatus;
    use kernel::Role;

    fn scope(account: i64, user: i64) -> Scope {
        Scope::for_user(
            AccountId(account),
            UserId(user),
            Role::Owner,
            AccountStatus::Active,
            false,
        )
    }

    fn live() -> SessionCache {
        let c = SessionCache::default();
        c.set_live(true);
        c
    }

    #[test]
    fn payloads_parse() {
        assert_eq!(
            Invalidation::parse("s:12"),
            Invalidation::Session(SessionId(12))
        );
        assert_eq!(Invalidation::parse("u:3"), Invalidation::User(UserId(3)));
        assert_eq!(
            Invalidation::parse("a:9"),
            Invalidation::Account(AccountId(9))
        );
        assert_eq!(Invalidation::parse("x:9"), Invalidation::All);
        assert_eq!(Invalidation::parse("s:nine"), Invalidation::All);
        assert_eq!(Invalidation::parse(""), Invalidation::All);
    }

    #[test]
    fn stores_and_answers_only_for_the_tokens_user() {
        let c = live();
        let t = c.ticket();
        c.insert(t, SessionId(1), &scope(10, 100));
        assert!(c.get(SessionId(1), UserId(100)).is_some());
        assert!(c.get(SessionId(1), UserId(101)).is_none());
        assert!(c.get(SessionId(2), UserId(100)).is_none());
    }

    #[test]
    fn a_read_that_raced_an_invalidation_is_not_stored() {
        let c = live();
        let t = c.ticket();
        c.invalidate(Invalidation::Session(SessionId(7)));
        c.insert(t, SessionId(1), &scope(10, 100));
        assert!(c.get(SessionId(1), UserId(100)).is_none());
        assert!(c.is_empty());
    }

    #[test]
    fn invalidations_drop_what_they_name() {
        let c = live();
        let t = c.ticket();
        c.insert(t, SessionId(1), &scope(10, 100));
        c.insert(t, SessionId(2), &scope(10, 101));
        c.insert(t, SessionId(3), &scope(11, 102));
        c.insert(t, SessionId(4), &scope(11, 102));
        c.invalidate(Invalidation::Session(SessionId(1)));
        assert!(c.get(SessionId(1), UserId(100)).is_none());
        assert_eq!(c.len(), 3);
        c.invalidate(Invalidation::User(UserId(102)));
        assert_eq!(c.len(), 1);
        let t = c.ticket();
        c.insert(t, SessionId(3), &scope(11, 102));
        c.invalidate(Invalidation::Account(AccountId(10)));
        assert!(c.get(SessionId(2), UserId(101)).is_none());
        assert!(c.get(SessionId(3), UserId(102)).is_some());
        c.clear();
        assert!(c.is_empty());
    }

    #[test]
    fn the_account_index_follows_every_removal() {
        let c = live();
        let t = c.ticket();
        c.insert(t, SessionId(1), &scope(10, 100));
        c.insert(t, SessionId(2), &scope(10, 101));
        c.insert(t, SessionId(3), &scope(11, 102));
        // A session stored again under another account leaves the first account's index.
        c.insert(t, SessionId(2), &scope(11, 101));
        c.evict_account(AccountId(10));
        assert!(c.get(SessionId(1), UserId(100)).is_none());
        assert!(c.get(SessionId(2), UserId(101)).is_some());
        assert!(c.get(SessionId(3), UserId(102)).is_some());
        // Removed by session and by user, then the account: nothing stale is left indexed.
        let t = c.ticket();
        c.insert(t, SessionId(4), &scope(12, 103));
        c.insert(t, SessionId(5), &scope(12, 104));
        c.invalidate(Invalidation::Session(SessionId(4)));
        c.invalidate(Invalidation::User(UserId(104)));
        let map = c.lock();
        assert!(!map.by_account.contains_key(&AccountId(12)));
        assert!(!map.by_account.contains_key(&AccountId(10)));
        assert_eq!(
            map.by_account.get(&AccountId(11)).map(HashSet::len),
            Some(2)
        );
        assert_eq!(map.len(), 2);
        drop(map);
        c.evict_account(AccountId(11));
        assert!(c.is_empty());
        assert!(c.lock().by_account.is_empty());
    }

    #[test]
    fn not_live_means_bypassed_and_emptied() {
        let c = SessionCache::default();
        let t = c.ticket();
        c.insert(t, SessionId(1), &scope(10, 100));
        assert!(
            c.is_empty(),
            "nothing is stored before the listener is connected"
        );
        c.set_live(true);
        let t = c.ticket();
        c.insert(t, SessionId(1), &scope(10, 100));
        assert!(c.get(SessionId(1), UserId(100)).is_some());
        c.set_live(false);
        assert!(c.get(SessionId(1), UserId(100)).is_none());
        assert!(c.is_empty());
    }
}
