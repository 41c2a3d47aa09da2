//! Live run events and AI task progress: one PostgreSQL `LISTEN` per API process, fanned out to
//! the SSE streams.
//!
//! The worker writes each run event and `pg_notify`s `automation_events` with `<run>:<event>`
//! in the same transaction; a trigger on `ai_tasks` notifies `ai_task_events` with the task's id
//! whenever its progress changes. A dedicated thread holds a connection that listens on the channel
//! (started on the first subscription, stopped when the hub is dropped), reads notifications as
//! they arrive and broadcasts them. A stream that hears about its run reads the new events from
//! the table (so it never misses one, whatever the notification said); after a reconnect every
//! stream is told to re-read.
//!
//! The same connection listens on `igny8_auth` for the session cache
//! ([`tenancy::session_cache`]): each payload evicts what it names; the cache is live only
//! while the connection is (it is emptied and bypassed while reconnecting).

use diesel::{Connection, PgConnection, RunQueryDsl};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;
use tokio::sync::broadcast;

/// What the listener tells the streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A run has a new event.
    Event {
        /// The run.
        run_id: i64,
        /// The event.
        event_id: i64,
    },
    /// An AI task's progress changed.
    AiTask {
        /// The task.
        task_id: i64,
    },
    /// The listener (re)connected: notifications may have been missed, re-read.
    Resync,
}

/// A comment line is sent on an idle stream this often, so proxies keep it open and a dead
/// client is noticed.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One server-sent event: optional `id`, `event` and `data` as JSON.
pub fn sse_event(
    id: Option<i64>,
    event: &str,
    data: &impl serde::Serialize,
) -> actix_web::web::Bytes {
    let data = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(data.len() + 48);
    if let Some(id) = id {
        out.push_str(&format!("id: {id}\n"));
    }
    out.push_str(&format!("event: {event}\ndata: {data}\n\n"));
    actix_web::web::Bytes::from(out)
}

/// How often the listener thread looks for arrived notifications (no query is sent: it reads
/// what the server already pushed onto the connection).
const READ_INTERVAL: Duration = Duration::from_millis(25);

struct Inner {
    url: String,
    tx: broadcast::Sender<Notice>,
    sessions: tenancy::session_cache::SessionCache,
    started: OnceLock<()>,
}

/// The process's listener; cheap to clone.
#[derive(Clone)]
pub struct EventHub {
    inner: Arc<Inner>,
}

impl EventHub {
    /// A hub for the database at `url`; nothing connects until the first subscription.
    pub fn new(url: impl Into<String>) -> Self {
        let (tx, _) = broadcast::channel(1024);
        EventHub {
            inner: Arc::new(Inner {
                url: url.into(),
                tx,
                sessions: Default::default(),
                started: OnceLock::new(),
            }),
        }
    }

    /// A receiver of every notice from now on (starts the listener thread on first use).
    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        let rx = self.inner.tx.subscribe();
        self.start();
        rx
    }

    /// The session cache, fed by this hub's listener (started on first use).
    pub fn sessions(&self) -> &tenancy::session_cache::SessionCache {
        self.start();
        &self.inner.sessions
    }

    /// Starts the listener thread unless it runs.
    pub fn start(&self) {
        self.inner.started.get_or_init(|| {
            let weak = Arc::downgrade(&self.inner);
            let spawned = std::thread::Builder::new()
                .name("pg-listen".into())
                .spawn(move || listen(weak));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start the run-event listener");
            }
        });
    }
}

fn listen(hub: Weak<Inner>) {
    let mut backoff = Duration::from_millis(200);
    loop {
        let Some(inner) = hub.upgrade() else {
            return;
        };
        let url = inner.url.clone();
        drop(inner);
        let conn = PgConnection::establish(&url).and_then(|mut c| {
            for channel in [
                automation::pipeline::runs::EVENTS_CHANNEL,
                automation::ai_tasks::EVENTS_CHANNEL,
                tenancy::session_cache::CHANNEL,
            ] {
                diesel::sql_query(format!("LISTEN {channel}"))
                    .execute(&mut c)
                    .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
            }
            Ok(c)
        });
        let mut conn = match conn {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "run-event listener cannot connect; retrying");
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        backoff = Duration::from_millis(200);
        match hub.upgrade() {
            Some(inner) => {
                inner.sessions.set_live(true);
                let _ = inner.tx.send(Notice::Resync);
            }
            None => return,
        }
        'read: loop {
            let Some(inner) = hub.upgrade() else {
                return;
            };
            for n in conn.notifications_iter() {
                match n {
                    Ok(n) if n.channel == tenancy::session_cache::CHANNEL => {
                        inner
                            .sessions
                            .invalidate(tenancy::session_cache::Invalidation::parse(&n.payload));
                    }
                    Ok(n) => {
                        if let Some(notice) = parse(&n.channel, &n.payload) {
                            // No receiver is fine: nobody is streaming right now.
                            let _ = inner.tx.send(notice);
                        }
                    }
                    Err(e) => {
                        inner.sessions.set_live(false);
                        tracing::warn!(error = %e, "run-event listener lost its connection; reconnecting");
                        break 'read;
                    }
                }
            }
            drop(inner);
            std::thread::sleep(READ_INTERVAL);
        }
    }
}

fn parse(channel: &str, payload: &str) -> Option<Notice> {
    if channel == automation::ai_tasks::EVENTS_CHANNEL {
        return Some(Notice::AiTask {
            task_id: payload.parse().ok()?,
        });
    }
    let (run, event) = payload.split_once(':')?;
    Some(Notice::Event {
        run_id: run.parse().ok()?,
        event_id: event.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_parse() {
        let runs = automation::pipeline::runs::EVENTS_CHANNEL;
        let ai = automation::ai_tasks::EVENTS_CHANNEL;
        assert_eq!(
            parse(runs, "12:345"),
            Some(Notice::Event {
                run_id: 12,
                event_id: 345
            })
        );
        assert_eq!(parse(runs, "12"), None);
        assert_eq!(parse(runs, "x:1"), None);
        assert_eq!(parse(ai, "77"), Some(Notice::AiTask { task_id: 77 }));
        assert_eq!(parse(ai, "77:1"), None);
    }
}
