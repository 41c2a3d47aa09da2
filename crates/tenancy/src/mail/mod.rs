//! Outgoing e-mail: messages rendered from templates kept in the repository, queued in
//! `email_outbox` inside the transaction that decided to send them, and delivered by the worker
//! ([`delivery`], job [`crate::jobs::DeliverMail`]).
//!
//! Every domain that sends mail keeps its own templates (a [`Template`] of `include_str!`s) and
//! calls [`enqueue`]; only this module touches the outbox tables. Templates are minijinja: the
//! subject and the plain-text part are rendered as text, the HTML part with HTML escaping and
//! may extend `layout.html` (the common frame).

pub mod delivery;

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{email_attachments, email_outbox, users};
use diesel::prelude::*;
use kernel::{AccountId, EmailId};
use serde::Serialize;

/// A message kind's three templates (subject, plain text, HTML), compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable name, stored as the outbox row's `kind` (`password_reset`, `invoice_issued`).
    pub name: &'static str,
    /// One line of text.
    pub subject: &'static str,
    /// The plain-text part.
    pub text: &'static str,
    /// The HTML part; may `{% extends "layout.html" %}`.
    pub html: &'static str,
}

/// The shared HTML frame templates may extend (blocks `title` and `content`).
const LAYOUT: &str = include_str!("../../templates/mail/layout.html");

/// The password-reset message: `link` (the SPA's reset page with the token), `ttl_minutes`.
pub const PASSWORD_RESET: Template = Template {
    name: "password_reset",
    subject: include_str!("../../templates/mail/password_reset.subject.txt"),
    text: include_str!("../../templates/mail/password_reset.txt"),
    html: include_str!("../../templates/mail/password_reset.html"),
};

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The template's name.
    pub kind: &'static str,
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
}

/// Renders a template with `ctx` (any serializable value; missing variables are errors).
pub fn render(template: &Template, ctx: impl Serialize) -> Result<Rendered> {
    let fail = |e: minijinja::Error| Error::MailTemplate {
        template: template.name,
        message: e.to_string(),
    };
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // HTML escaping of the five markup characters only (minijinja's default also escapes `/`,
    // which would spell every URL in the HTML part as `https:&#x2f;&#x2f;…`).
    env.set_formatter(|out, state, value| {
        if matches!(state.auto_escape(), minijinja::AutoEscape::Html)
            && !value.is_safe()
            && !value.is_none()
            && !value.is_undefined()
        {
            let mut escaped = String::new();
            for ch in value.to_string().chars() {
                match ch {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped).map_err(minijinja::Error::from)
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env.add_template("layout.html", LAYOUT).map_err(fail)?;
    env.add_template("subject.txt", template.subject)
        .map_err(fail)?;
    env.add_template("body.txt", template.text).map_err(fail)?;
    // The `.html` name turns on HTML auto-escaping.
    env.add_template("body.html", template.html).map_err(fail)?;
    let ctx = minijinja::Value::from(minijinja::value::Serde(&ctx));
    let get = |name: &str| -> Result<String> {
        env.get_template(name)
            .and_then(|t| t.render(&ctx))
            .map_err(fail)
    };
    let subject = get("subject.txt")?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Rendered {
        kind: template.name,
        subject,
        text: get("body.txt")?,
        html: get("body.html")?,
    })
}

/// A file sent with a message (a receipt's invoice PDF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name shown to the recipient.
    pub filename: String,
    /// MIME type (`application/pdf`).
    pub content_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewEmail<'a> {
    /// The account the message is about (the outbox row is the account's).
    pub account_id: AccountId,
    /// Recipient address.
    pub to: &'a str,
    /// The rendered message.
    pub message: Rendered,
    /// Queues the message at most once per account and key (a reminder per period); `None`
    /// always queues.
    pub dedupe_key: Option<&'a str>,
    /// Files to attach.
    pub attachments: Vec<Attachment>,
}

/// Queues a message on the caller's connection, so it is sent only if the caller's transaction
/// commits, due at `now`, and asks the worker to deliver soon. Returns `None` when a message
/// with the same dedupe key was already queued for the account.
pub fn enqueue(
    conn: &mut PgConnection,
    email: &NewEmail<'_>,
    now: DateTime<Utc>,
) -> Result<Option<EmailId>> {
    conn.transaction(|c| {
        let id: Option<EmailId> = diesel::insert_into(email_outbox::table)
            .values((
                email_outbox::account_id.eq(email.account_id),
                email_outbox::to_email.eq(email.to.trim()),
                email_outbox::subject.eq(&email.message.subject),
                email_outbox::body_text.eq(&email.message.text),
                email_outbox::body_html.eq(&email.message.html),
                email_outbox::kind.eq(email.message.kind),
                email_outbox::dedupe_key.eq(email.dedupe_key),
                email_outbox::created_at.eq(now),
                email_outbox::next_attempt_at.eq(now),
            ))
            .on_conflict_do_nothing()
            .returning(email_outbox::id)
            .get_result(c)
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        if !email.attachments.is_empty() {
            let rows: Vec<_> = email
                .attachments
                .iter()
                .map(|a| {
                    (
                        email_attachments::account_id.eq(email.account_id),
                        email_attachments::email_id.eq(id),
                        email_attachments::filename.eq(&a.filename),
                        email_attachments::content_type.eq(&a.content_type),
                        email_attachments::content.eq(&a.content),
                    )
                })
                .collect();
            diesel::insert_into(email_attachments::table)
                .values(rows)
                .execute(c)?;
        }
        crate::jobs::request_mail_delivery(c)?;
        Ok(Some(id))
    })
}

/// Where account mail goes: the billing contact's address when set, else the first active
/// owner's. `None` when the account has neither (nothing is sent).
pub fn account_recipient(conn: &mut PgConnection, account: AccountId) -> Result<Option<String>> {
    let billing: Option<String> = db::schema::accounts::table
        .find(account)
        .select(db::schema::accounts::billing_email)
        .first(conn)
        .optional()?;
    if let Some(b) = billing.filter(|b| !b.trim().is_empty()) {
        return Ok(Some(b.trim().to_owned()));
    }
    Ok(users::table
        .filter(users::account_id.eq(account))
        .filter(users::role.eq(kernel::Role::Owner.as_str()))
        .filter(users::is_active.eq(true))
        .order(users::id.asc())
        .select(users::email)
        .first(conn)
        .optional()?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reset_template_renders_text_and_escaped_html() {
        let r = render(
            &PASSWORD_RESET,
            json!({"link": "https://app.example/reset-password?token=a&b=<x>", "ttl_minutes": 60}),
        )
        .unwrap();
        assert_eq!(r.kind, "password_reset");
        assert_eq!(r.subject, "Reset your IGNY8 password");
        assert!(
            r.text
                .contains("https://app.example/reset-password?token=a&b=<x>")
        );
        assert!(r.html.contains("token=a&amp;b=&lt;x&gt;"), "{}", r.html);
        assert!(r.html.contains("<html"), "extends the layout");
    }

    #[test]
    fn a_missing_variable_is_an_error() {
        let e = render(&PASSWORD_RESET, json!({"ttl_minutes": 60})).unwrap_err();
        assert!(matches!(
            e,
            Error::MailTemplate {
                template: "password_reset",
                ..
            }
        ));
    }
}
