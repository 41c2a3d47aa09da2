//! Delivery of the outbox: claim due messages, send each over SMTP (lettre's blocking
//! transport) or write it as an `.eml` file, and record the outcome.
//!
//! Guarantee: **at least once**. A message is claimed by one statement that counts the attempt
//! and moves `next_attempt_at` a lease ahead (`FOR UPDATE SKIP LOCKED`, so concurrent workers
//! never claim the same row); after the SMTP server accepted it the row is marked `sent` and is
//! never claimed again. A worker that dies between the server's acceptance and that mark leaves
//! the row pending, and it is sent again when the lease ends. Every copy carries the same
//! `Message-ID` (`<outbox-<id>@<sender domain>>`), so a receiving system can drop the duplicate.
//! A failed attempt is retried with exponential backoff (1, 2, 4 … minutes, at most an hour
//! apart) up to [`MAX_ATTEMPTS`]; a permanent refusal (an SMTP 5xx, an invalid address) marks
//! the row `failed` at once.

use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use db::schema::{email_attachments, email_outbox};
use diesel::prelude::*;
use kernel::{AccountId, EmailId};
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::{Message, SmtpTransport, Transport};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Attempts before a message is given up (`failed`).
pub const MAX_ATTEMPTS: i32 = 10;
/// How long a claimed message is reserved for the worker that claimed it.
pub const LEASE: Duration = Duration::minutes(10);
/// Messages claimed per statement.
const BATCH: i64 = 20;
/// Messages one delivery run handles at most (the rest wait for the next run).
const MAX_PER_RUN: usize = 500;
/// Longest stored error text.
const MAX_ERROR_LEN: usize = 500;

/// The delay before attempt `attempts + 1`: one minute doubled per attempt, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 7) - 1;
    Duration::minutes((1i64 << exp).min(60))
}

/// Where and how mail is delivered, from `IGNY8_SMTP_URL`, `IGNY8_MAIL_FROM`, `IGNY8_MAIL_DIR`.
#[derive(Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `smtp://user:pass@host:port` (lettre's URL format: `smtps://` for TLS on connect,
    /// `?tls=required` for STARTTLS). Holds a password: `Debug` never prints it.
    pub smtp_url: Option<String>,
    /// The sender, `Name <address>` or a bare address.
    pub from: String,
    /// Where messages are written as `.eml` files when no SMTP URL is set.
    pub dir: PathBuf,
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<redacted>"))
            .field("from", &self.from)
            .field("dir", &self.dir)
            .finish()
    }
}

/// The default sender.
pub const DEFAULT_FROM: &str = "IGNY8 <no-reply@localhost>";

/// Why a mail configuration is unusable. Never contains the SMTP URL (it may hold a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailConfigError {
    /// The SMTP URL does not parse (the message says why, without the URL).
    #[error(
        "IGNY8_SMTP_URL is not a valid SMTP URL (smtp://user:pass@host:port, smtps://…, ?tls=required): {0}"
    )]
    SmtpUrl(String),
    /// The sender is not an address.
    #[error(
        "IGNY8_MAIL_FROM is not an address (`Name <addr@example.com>` or `addr@example.com`): {0}"
    )]
    From(String),
}

/// What the transport is.
enum Sink {
    Smtp(Box<SmtpTransport>),
    Files(PathBuf),
}

/// A configured sender of outbox messages.
pub struct Mailer {
    sink: Sink,
    from: Mailbox,
    /// Right-hand side of Message-IDs (the sender's domain).
    domain: String,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("target", &self.describe())
            .finish()
    }
}

/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Mailer {
    /// Builds the mailer: SMTP when a URL is set, otherwise `.eml` files in `dir`.
    pub fn from_config(cfg: &MailConfig) -> std::result::Result<Self, MailConfigError> {
        let from: Mailbox = cfg
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?;
        let domain = from.email.domain().to_owned();
        let sink = match cfg.smtp_url.as_deref() {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    // lettre's URL errors name the part that is wrong, never the URL itself.
                    .map_err(|e| MailConfigError::SmtpUrl(e.to_string()))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Sink::Smtp(Box::new(transport))
            }
            None => Sink::Files(cfg.dir.clone()),
        };
        Ok(Self { sink, from, domain })
    }

    /// Where mail goes, for the start-up log: `smtp` or the directory (never credentials).
    pub fn describe(&self) -> String {
        match &self.sink {
            Sink::Smtp(_) => "smtp".to_owned(),
            Sink::Files(d) => format!("files in {}", d.display()),
        }
    }

    /// The Message-ID of an outbox row: the same for every attempt, so duplicates can be
    /// recognised.
    pub fn message_id(&self, id: EmailId) -> String {
        format!("<outbox-{id}@{}>", self.domain)
    }

    fn build(
        &self,
        m: &Claimed,
        attachments: &[&StoredAttachment],
    ) -> std::result::Result<Message, SendError> {
        let to: Mailbox = m
            .to_email
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                SendError::permanent(format!("invalid recipient address: {e}"))
            })?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(self.message_id(m.id)))
            .date(m.created_at.into());
        let text = SinglePart::plain(m.body_text.clone());
        let body = match &m.body_html {
            Some(html) => MultiPart::alternative()
                .singlepart(text)
                .singlepart(SinglePart::html(html.clone())),
            None => MultiPart::mixed().singlepart(text),
        };
        let body = if attachments.is_empty() {
            body
        } else {
            let mut mixed = MultiPart::mixed().multipart(body);
            for a in attachments {
                let ct = ContentType::parse(&a.content_type)
                    .map_err(|e| SendError::permanent(format!("attachment content type: {e}")))?;
                mixed = mixed.singlepart(
                    MimeAttachment::new(a.filename.clone()).body(a.content.clone(), ct),
                );
            }
            mixed
        };
        builder
            .multipart(body)
            .map_err(|e| SendError::permanent(format!("cannot build the message: {e}")))
    }

    fn send(
        &self,
        m: &Claimed,
        attachments: &[&StoredAttachment],
    ) -> std::result::Result<(), SendError> {
        let message = self.build(m, attachments)?;
        match &self.sink {
            Sink::Smtp(t) => t.send(&message).map(|_| ()).map_err(|e| SendError {
                permanent: e.is_permanent(),
                message: e.to_string(),
            }),
            Sink::Files(dir) => write_eml(dir, m.id, &message.formatted())
                .map_err(|e| SendError::transient(format!("cannot write the .eml file: {e}"))),
        }
    }
}

/// Writes `<dir>/<id>.eml` through a temporary file, so a reader never sees half a message and
/// a retry overwrites the same file.
fn write_eml(dir: &Path, id: EmailId, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{id}.eml.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(format!("{id}.eml")))
}

#[derive(Debug)]
struct SendError {
    permanent: bool,
    message: String,
}

impl SendError {
    fn permanent(message: String) -> Self {
        Self {
            permanent: true,
            message,
        }
    }

    fn transient(message: String) -> Self {
        Self {
            permanent: false,
            message,
        }
    }
}

static MAILER: OnceLock<Mailer> = OnceLock::new();

/// Installs the process's mailer; the first call wins (the worker calls it once at start).
pub fn install_mailer(mailer: Mailer) {
    let _ = MAILER.set(mailer);
}

/// The installed mailer, if any.
pub fn installed_mailer() -> Option<&'static Mailer> {
    MAILER.get()
}

/// A claimed outbox row.
#[derive(Debug, Clone, QueryableByName)]
struct Claimed {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: EmailId,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    account_id: AccountId,
    #[diesel(sql_type = diesel::sql_types::Text)]
    to_email: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    subject: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    body_text: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    body_html: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable)]
struct StoredAttachment {
    email_id: EmailId,
    filename: String,
    content_type: String,
    content: Vec<u8>,
}

/// What one delivery run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Messages accepted by the SMTP server (or written as files).
    pub sent: usize,
    /// Messages that failed and will be tried again.
    pub retried: usize,
    /// Messages given up (permanent refusal or out of attempts).
    pub failed: usize,
}

/// Claims up to `limit` due messages: counts the attempt and reserves each for [`LEASE`].
fn claim(conn: &mut PgConnection, now: DateTime<Utc>, limit: i64) -> Result<Vec<Claimed>> {
    Ok(diesel::sql_query(
        "UPDATE email_outbox o
            SET attempts = o.attempts + 1, next_attempt_at = $2
          WHERE o.id IN (SELECT id FROM email_outbox
                          WHERE status = 'pending' AND next_attempt_at <= $1
                          ORDER BY next_attempt_at, id
                          LIMIT $3
                          FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.account_id, o.to_email, o.subject, o.body_text, o.body_html, o.attempts,
                o.created_at",
    )
    .bind::<diesel::sql_types::Timestamptz, _>(now)
    .bind::<diesel::sql_types::Timestamptz, _>(now + LEASE)
    .bind::<diesel::sql_types::BigInt, _>(limit)
    .load(conn)?)
}

/// Sends every due message (at most a few hundred per call) with `mailer`, outside any
/// transaction, and records each outcome. Safe to run concurrently: each message is claimed by
/// one caller.
pub fn deliver_due(
    conn: &mut PgConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<DeliveryReport> {
    let mut report = DeliveryReport::default();
    let mut handled = 0;
    while handled < MAX_PER_RUN {
        let batch = claim(conn, now, BATCH)?;
        if batch.is_empty() {
            break;
        }
        handled += batch.len();
        let ids: Vec<EmailId> = batch.iter().map(|m| m.id).collect();
        let accounts: Vec<AccountId> = batch.iter().map(|m| m.account_id).collect();
        let attachments: Vec<StoredAttachment> = email_attachments::table
            .filter(email_attachments::account_id.eq_any(&accounts))
            .filter(email_attachments::email_id.eq_any(&ids))
            .order(email_attachments::id.asc())
            .select((
                email_attachments::email_id,
                email_attachments::filename,
                email_attachments::content_type,
                email_attachments::content,
            ))
            .load(conn)?;
        for m in &batch {
            let files: Vec<&StoredAttachment> =
                attachments.iter().filter(|a| a.email_id == m.id).collect();
            match mailer.send(m, &files) {
                Ok(()) => {
                    diesel::update(
                        email_outbox::table
                            .find(m.id)
                            .filter(email_outbox::status.eq("pending")),
                    )
                    .set((
                        email_outbox::status.eq("sent"),
                        email_outbox::sent_at.eq(Some(now)),
                        email_outbox::last_error.eq(None::<String>),
                    ))
                    .execute(conn)?;
                    tracing::info!(email_id = m.id.get(), attempts = m.attempts, "e-mail sent");
                    report.sent += 1;
                }
                Err(e) => {
                    let give_up = e.permanent || m.attempts >= MAX_ATTEMPTS;
                    let message: String = e.message.chars().take(MAX_ERROR_LEN).collect();
                    diesel::update(
                        email_outbox::table
                            .find(m.id)
                            .filter(email_outbox::status.eq("pending")),
                    )
                    .set((
                        email_outbox::status.eq(if give_up { "failed" } else { "pending" }),
                        email_outbox::last_error.eq(Some(&message)),
                        email_outbox::next_attempt_at.eq(now + backoff(m.attempts)),
                    ))
                    .execute(conn)?;
                    if give_up {
                        tracing::error!(email_id = m.id.get(), attempts = m.attempts, error = %message, "e-mail failed for good");
                        report.failed += 1;
                    } else {
                        tracing::warn!(email_id = m.id.get(), attempts = m.attempts, error = %message, "e-mail not sent; will retry");
                        report.retried += 1;
                    }
                }
            }
        }
    }
    Ok(report)
}

/// The state of one outbox message, for tests and operators.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct OutboxStatus {
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: i32,
    /// The last error, if the last attempt failed.
    pub last_error: Option<String>,
    /// When the next attempt is due (pending messages).
    pub next_attempt_at: DateTime<Utc>,
}

/// The delivery state of a message.
pub fn outbox_status(conn: &mut PgConnection, id: EmailId) -> Result<OutboxStatus> {
    email_outbox::table
        .find(id)
        .select((
            email_outbox::status,
            email_outbox::attempts,
            email_outbox::last_error,
            email_outbox::next_attempt_at,
        ))
        .first(conn)
        .map_err(Error::from)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let mins: Vec<i64> = (1..=9).map(|a| backoff(a).num_minutes()).collect();
        assert_eq!(mins, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn config_debug_hides_the_smtp_url() {
        let c = MailConfig {
            smtp_url: Some("smtp://me:hunter2-secret@mail.example:587".into()),
            from: DEFAULT_FROM.into(),
            dir: ".data/mail".into(),
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        let m = Mailer::from_config(&c).unwrap();
        assert!(!format!("{m:?}").contains("hunter2"));
        assert_eq!(m.describe(), "smtp");
        assert_eq!(m.message_id(EmailId(42)), "<outbox-42@localhost>");
    }

    #[test]
    fn bad_settings_are_refused_without_echoing_the_url() {
        let bad = MailConfig {
            smtp_url: Some("ftp://me:hunter2-secret@mail.example".into()),
            from: DEFAULT_FROM.into(),
            dir: ".data/mail".into(),
        };
        let e = Mailer::from_config(&bad).unwrap_err();
        assert!(matches!(e, MailConfigError::SmtpUrl(_)));
        assert!(!e.to_string().contains("hunter2"), "{e}");
        let bad_from = MailConfig {
            smtp_url: None,
            from: "not an address".into(),
            dir: ".data/mail".into(),
        };
        assert!(matches!(
            Mailer::from_config(&bad_from).unwrap_err(),
            MailConfigError::From(_)
        ));
    }
}
