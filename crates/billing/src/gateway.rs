//! Card payments through a gateway (Stripe): webhook signatures, events stored once by their
//! id, and the checkout sessions opened for invoices. A paid checkout pays its invoice through
//! [`crate::payments::settle_invoice`], the same exactly-once path as a staff approval.
//!
//! Configured by `IGNY8_STRIPE_SECRET_KEY`, `IGNY8_STRIPE_WEBHOOK_SECRET` and
//! `IGNY8_STRIPE_API_BASE`; with no key the product takes manual payments only.

use crate::model::{Invoice, Payment, PaymentMethod, PaymentStatus};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::{
    gateway_charges, gateway_checkouts, gateway_customers, gateway_events, invoices, payments,
    subscriptions,
};
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use kernel::{AccountId, InvoiceId};
use serde_json::Value;
use sha2::Sha256;
use std::fmt;

/// Stripe's API.
pub const STRIPE_API_BASE: &str = "https://api.stripe.com";
/// How old (or how far in the future) a signed webhook may be, as Stripe's libraries default.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 300;

/// The Stripe settings. Holds secrets: `Debug` never prints them.
#[derive(Clone, PartialEq, Eq)]
pub struct StripeConfig {
    /// `IGNY8_STRIPE_SECRET_KEY` (`sk_…`).
    pub secret_key: String,
    /// `IGNY8_STRIPE_WEBHOOK_SECRET` (`whsec_…`): signs the webhooks.
    pub webhook_secret: String,
    /// `IGNY8_STRIPE_API_BASE` (default [`STRIPE_API_BASE`]).
    pub api_base: String,
}

impl fmt::Debug for StripeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StripeConfig")
            .field("secret_key", &"<redacted>")
            .field("webhook_secret", &"<redacted>")
            .field("api_base", &self.api_base)
            .finish()
    }
}

impl StripeConfig {
    /// Reads the settings from a lookup (the environment); `None` without a secret key.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let get = |n: &str| {
            lookup(n)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let secret_key = get("IGNY8_STRIPE_SECRET_KEY")?;
        Some(Self {
            secret_key,
            webhook_secret: get("IGNY8_STRIPE_WEBHOOK_SECRET").unwrap_or_default(),
            api_base: get("IGNY8_STRIPE_API_BASE")
                .unwrap_or_else(|| STRIPE_API_BASE.to_owned())
                .trim_end_matches('/')
                .to_owned(),
        })
    }
}

/// Stripe's HTTP API, the part the product uses: Checkout Sessions. Blocking (call it from a
/// blocking thread); 10 s to connect, 30 s per call.
pub struct StripeClient {
    config: StripeConfig,
    http: reqwest::blocking::Client,
}

impl fmt::Debug for StripeClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StripeClient")
            .field("config", &self.config)
            .finish()
    }
}

/// A Checkout Session Stripe opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedSession {
    /// `cs_…`.
    pub id: String,
    /// Where the buyer pays.
    pub url: String,
}

impl StripeClient {
    /// A client for the configured API.
    pub fn new(config: &StripeConfig) -> Result<Self> {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // Err: another part of the process installed a provider first, just as good.
            let _ = rustls::crypto::ring::default_provider().install_default();
        });
        let http = reqwest::blocking::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(std::time::Duration::from_secs(30))
            .user_agent(concat!("igny8-billing/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Gateway(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            config: config.clone(),
            http,
        })
    }

    /// Opens a Checkout Session (mode `payment`) for an open invoice: one line with the
    /// invoice's total, the invoice id as `client_reference_id` and in the metadata, and an
    /// idempotency key per invoice, so a retried call answers the same session.
    pub fn create_checkout_session(
        &self,
        inv: &Invoice,
        success_url: &str,
        cancel_url: &str,
    ) -> Result<OpenedSession> {
        let form: Vec<(&str, String)> = vec![
            ("mode", "payment".into()),
            // Save the card for the renewals (charged off-session by the renewal job).
            ("customer_creation", "always".into()),
            (
                "payment_intent_data[setup_future_usage]",
                "off_session".into(),
            ),
            ("success_url", success_url.into()),
            ("cancel_url", cancel_url.into()),
            ("client_reference_id", inv.id.to_string()),
            ("metadata[invoice_id]", inv.id.to_string()),
            ("metadata[invoice_number]", inv.invoice_number.clone()),
            ("line_items[0][quantity]", "1".into()),
            (
                "line_items[0][price_data][currency]",
                inv.currency.to_lowercase(),
            ),
            (
                "line_items[0][price_data][unit_amount]",
                inv.total_cents.to_string(),
            ),
            (
                "line_items[0][price_data][product_data][name]",
                format!("Invoice {}", inv.invoice_number),
            ),
        ];
        let (status, json) = self.post_form(
            "/v1/checkout/sessions",
            &format!("igny8-invoice-{}-checkout", inv.id),
            &form,
        )?;
        if !status.is_success() {
            let msg = json
                .pointer("/error/message")
                .and_then(Value::as_str)
                .unwrap_or("no message");
            return Err(Error::Gateway(format!("Stripe answered {status}: {msg}")));
        }
        match (
            json.get("id").and_then(Value::as_str),
            json.get("url").and_then(Value::as_str),
        ) {
            (Some(id), Some(url)) => Ok(OpenedSession {
                id: id.to_owned(),
                url: url.to_owned(),
            }),
            _ => Err(Error::Gateway(
                "Stripe's checkout session has no id or url".into(),
            )),
        }
    }
}

/// The checkout session already opened for an invoice of the account, if any.
pub fn checkout_of_invoice(
    conn: &mut PgConnection,
    account: AccountId,
    invoice: InvoiceId,
) -> Result<Option<Checkout>> {
    Ok(gateway_checkouts::table
        .filter(gateway_checkouts::provider.eq("stripe"))
        .filter(gateway_checkouts::account_id.eq(account))
        .filter(gateway_checkouts::invoice_id.eq(invoice))
        .order(gateway_checkouts::created_at.desc())
        .select((
            gateway_checkouts::account_id,
            gateway_checkouts::invoice_id,
            gateway_checkouts::session_id,
            gateway_checkouts::url,
        ))
        .first(conn)
        .optional()?)
}

/// How to pay an open invoice by card: the session already opened for it, or a new one (the
/// Stripe call runs outside any transaction; the session is then recorded). A paid or void
/// invoice is refused as it would be by a manual payment.
pub fn checkout_for_invoice(
    conn: &mut PgConnection,
    client: &StripeClient,
    account: AccountId,
    inv: &Invoice,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Checkout> {
    match inv.status.as_str() {
        "pending" => {}
        "paid" => return Err(Error::InvoiceAlreadyPaid),
        other => {
            return Err(Error::InvoiceNotPayable {
                status: other.to_owned(),
            });
        }
    }
    if let Some(existing) = checkout_of_invoice(conn, account, inv.id)? {
        return Ok(existing);
    }
    let base = public_url.trim_end_matches('/');
    let opened = client.create_checkout_session(
        inv,
        &format!("{base}/billing?checkout=success&invoice={}", inv.id),
        &format!("{base}/billing?checkout=cancelled&invoice={}", inv.id),
    )?;
    // Two concurrent requests may both open a session (Stripe's idempotency key makes it the
    // same one): the second insert is a duplicate of the first.
    match record_checkout(conn, account, inv.id, &opened.id, &opened.url, now) {
        Ok(c) => Ok(c),
        Err(Error::Tenancy(tenancy::Error::Db(e)))
            if e.is_unique_violation_on("gateway_checkouts_provider_session_id_key") =>
        {
            checkout_of_invoice(conn, account, inv.id)?.ok_or_else(Error::not_found)
        }
        Err(e) => Err(e),
    }
}

/// Why a webhook's `Stripe-Signature` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The header is missing or has no `t=` and `v1=` parts.
    #[error("the Stripe-Signature header is missing or malformed")]
    Malformed,
    /// The timestamp is outside the tolerance window (a replay, or a clock far off).
    #[error("the webhook's timestamp is outside the tolerance window")]
    Stale,
    /// No `v1` signature matches the body.
    #[error("no signature matches the payload")]
    Mismatch,
    /// No webhook secret is configured.
    #[error("no webhook secret is configured")]
    NotConfigured,
}

/// The `v1` signature Stripe computes: hex HMAC-SHA256 of `"<t>.<body>"` under the secret.
pub fn stripe_signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        // HMAC accepts keys of any length.
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a `Stripe-Signature` header (`t=…,v1=…[,v1=…][,v0=…]`) against the raw body: some
/// `v1` must equal [`stripe_signature`] (compared in constant time) and `t` must be within
/// [`SIGNATURE_TOLERANCE_SECS`] of `now`.
pub fn verify_stripe_signature(
    header: Option<&str>,
    body: &[u8],
    secret: &str,
    now: DateTime<Utc>,
) -> std::result::Result<(), SignatureError> {
    if secret.is_empty() {
        return Err(SignatureError::NotConfigured);
    }
    let header = header.ok_or(SignatureError::Malformed)?;
    let mut timestamp: Option<i64> = None;
    let mut signatures: Vec<Vec<u8>> = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse().ok(),
            Some(("v1", v)) => {
                if let Ok(bytes) = hex::decode(v) {
                    signatures.push(bytes);
                }
            }
            _ => {}
        }
    }
    let (Some(t), false) = (timestamp, signatures.is_empty()) else {
        return Err(SignatureError::Malformed);
    };
    if (now.timestamp() - t).abs() > SIGNATURE_TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let mut ok = false;
    for sig in &signatures {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        // `verify_slice` compares in constant time.
        ok |= mac.verify_slice(sig).is_ok();
    }
    if ok {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// What a webhook event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventOutcome {
    /// The event id was seen before: nothing changed.
    Duplicate,
    /// A completed checkout paid its invoice (credits granted, plan activated, receipt queued).
    InvoicePaid {
        /// The paid invoice.
        invoice_id: InvoiceId,
    },
    /// Stored, with no effect (the reason is stored as the event's outcome).
    Recorded {
        /// What happened: `refunded` / `partially_refunded` (a refund recorded on its payment),
        /// or why nothing else did: `ignored`, `unknown_session`, `unknown_payment`, `not_paid`,
        /// `amount_mismatch`, `invoice_already_paid`, `invoice_not_payable`.
        outcome: &'static str,
    },
}

/// The checkout session recorded for an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Checkout {
    /// The account.
    pub account_id: AccountId,
    /// The invoice it pays.
    pub invoice_id: InvoiceId,
    /// The gateway's session id (`cs_…`).
    pub session_id: String,
    /// Where the buyer pays.
    pub url: String,
}

/// Records the checkout session opened at Stripe for an invoice of the account.
pub fn record_checkout(
    conn: &mut PgConnection,
    account: AccountId,
    invoice: InvoiceId,
    session_id: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<Checkout> {
    diesel::insert_into(gateway_checkouts::table)
        .values((
            gateway_checkouts::account_id.eq(account),
            gateway_checkouts::invoice_id.eq(invoice),
            gateway_checkouts::provider.eq("stripe"),
            gateway_checkouts::session_id.eq(session_id),
            gateway_checkouts::url.eq(url),
            gateway_checkouts::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Checkout {
        account_id: account,
        invoice_id: invoice,
        session_id: session_id.to_owned(),
        url: url.to_owned(),
    })
}

fn find_checkout(c: &mut PgConnection, session_id: &str) -> Result<Option<Checkout>> {
    Ok(gateway_checkouts::table
        .filter(gateway_checkouts::provider.eq("stripe"))
        .filter(gateway_checkouts::session_id.eq(session_id))
        .select((
            gateway_checkouts::account_id,
            gateway_checkouts::invoice_id,
            gateway_checkouts::session_id,
            gateway_checkouts::url,
        ))
        .first(c)
        .optional()?)
}

/// Applies a verified Stripe webhook event (the raw body). The event row and its effect commit
/// together, keyed by the event id: a redelivered event, even a concurrent one, finds the row
/// and changes nothing. Malformed JSON or an event without `id`/`type` is a validation error.
pub fn handle_stripe_event(
    conn: &mut PgConnection,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<EventOutcome> {
    let event: Value = serde_json::from_slice(body)
        .map_err(|_| kernel::FieldErrors::single("body", "Not a JSON event."))?;
    let (Some(id), Some(kind)) = (
        event.get("id").and_then(Value::as_str),
        event.get("type").and_then(Value::as_str),
    ) else {
        return Err(kernel::FieldErrors::single("body", "The event has no id or type.").into());
    };
    let object = event
        .pointer("/data/object")
        .cloned()
        .unwrap_or(Value::Null);
    conn.transaction(|c| {
        let inserted = diesel::insert_into(gateway_events::table)
            .values((
                gateway_events::provider.eq("stripe"),
                gateway_events::event_id.eq(id),
                gateway_events::event_type.eq(kind),
                gateway_events::payload.eq(&event),
                gateway_events::outcome.eq("received"),
                gateway_events::received_at.eq(now),
            ))
            .on_conflict_do_nothing()
            .execute(c)?;
        if inserted == 0 {
            return Ok(EventOutcome::Duplicate);
        }
        let outcome = match kind {
            "checkout.session.completed" => checkout_completed(c, &object, now)?,
            "charge.refunded" => charge_refunded(c, &object, now)?,
            _ => EventOutcome::Recorded { outcome: "ignored" },
        };
        let stored = match &outcome {
            EventOutcome::InvoicePaid { .. } => "invoice_paid",
            EventOutcome::Recorded { outcome } => outcome,
            EventOutcome::Duplicate => "duplicate",
        };
        diesel::update(
            gateway_events::table
                .filter(gateway_events::provider.eq("stripe"))
                .filter(gateway_events::event_id.eq(id)),
        )
        .set(gateway_events::outcome.eq(stored))
        .execute(c)?;
        tracing::info!(
            event_id = id,
            event_type = kind,
            outcome = stored,
            "stripe event"
        );
        Ok(outcome)
    })
}

fn checkout_completed(
    c: &mut PgConnection,
    object: &Value,
    now: DateTime<Utc>,
) -> Result<EventOutcome> {
    let recorded = |outcome| Ok(EventOutcome::Recorded { outcome });
    let Some(session_id) = object.get("id").and_then(Value::as_str) else {
        return recorded("unknown_session");
    };
    let Some(checkout) = find_checkout(c, session_id)? else {
        return recorded("unknown_session");
    };
    if object.get("payment_status").and_then(Value::as_str) != Some("paid") {
        return recorded("not_paid");
    }
    let inv: Invoice = invoices::table
        .filter(invoices::account_id.eq(checkout.account_id))
        .filter(invoices::id.eq(checkout.invoice_id))
        .select(Invoice::as_select())
        .first(c)?;
    let amount = object.get("amount_total").and_then(Value::as_i64);
    let currency = object.get("currency").and_then(Value::as_str);
    if amount != Some(inv.total_cents)
        || !currency.is_some_and(|cur| cur.eq_ignore_ascii_case(&inv.currency))
    {
        tracing::error!(
            session_id,
            invoice_id = inv.id.get(),
            ?amount,
            ?currency,
            "checkout amount does not match the invoice"
        );
        return recorded("amount_mismatch");
    }
    // A savepoint, so a refused settlement leaves the event row (and its outcome) in place.
    let settled = c.transaction(|c| {
        crate::payments::settle_invoice(c, checkout.account_id, checkout.invoice_id, now)
    });
    match settled {
        Ok(inv) => {
            let reference = object
                .get("payment_intent")
                .and_then(Value::as_str)
                .unwrap_or(session_id);
            record_card_payment(c, &inv, reference, None, now)?;
            if let (Some(customer), Some(intent)) = (
                object.get("customer").and_then(Value::as_str),
                object.get("payment_intent").and_then(Value::as_str),
            ) {
                save_customer(c, inv.account_id, customer, intent, now)?;
            }
            Ok(EventOutcome::InvoicePaid { invoice_id: inv.id })
        }
        Err(Error::InvoiceAlreadyPaid) => recorded("invoice_already_paid"),
        Err(Error::InvoiceNotPayable { .. }) => recorded("invoice_not_payable"),
        Err(e) => Err(e),
    }
}

/// A refund made at Stripe (`charge.refunded`): the card payment it belongs to (by its payment
/// intent) becomes `refunded` when the whole amount went back; a partial refund is kept in the
/// event with the payment left `succeeded`. Credits already granted stay (a staff adjustment
/// takes them back when the refund was for unused credits).
fn charge_refunded(
    c: &mut PgConnection,
    object: &Value,
    now: DateTime<Utc>,
) -> Result<EventOutcome> {
    let Some(intent) = object.get("payment_intent").and_then(Value::as_str) else {
        return Ok(EventOutcome::Recorded {
            outcome: "unknown_payment",
        });
    };
    let found: Option<Payment> = payments::table
        .filter(payments::payment_method.eq(PaymentMethod::Stripe.as_str()))
        .filter(payments::transaction_reference.eq(intent))
        .filter(payments::status.eq(PaymentStatus::Succeeded.as_str()))
        .select(Payment::as_select())
        .for_update()
        .first(c)
        .optional()?;
    let Some(payment) = found else {
        return Ok(EventOutcome::Recorded {
            outcome: "unknown_payment",
        });
    };
    let amount = object.get("amount").and_then(Value::as_i64).unwrap_or(0);
    let refunded = object
        .get("amount_refunded")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    if refunded < amount || refunded < payment.amount_cents {
        tracing::info!(
            payment_id = payment.id.get(),
            refunded,
            amount,
            "partial card refund"
        );
        return Ok(EventOutcome::Recorded {
            outcome: "partially_refunded",
        });
    }
    diesel::update(payments::table.find(payment.id))
        .set((
            payments::status.eq(PaymentStatus::Refunded.as_str()),
            payments::updated_at.eq(now),
        ))
        .execute(c)?;
    Ok(EventOutcome::Recorded {
        outcome: "refunded",
    })
}

/// A card payment of an invoice: `succeeded`, or `failed` with the gateway's reason.
fn record_card_payment(
    c: &mut PgConnection,
    inv: &Invoice,
    reference: &str,
    failure: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Payment> {
    let status = match failure {
        None => PaymentStatus::Succeeded,
        Some(_) => PaymentStatus::Failed,
    };
    Ok(diesel::insert_into(payments::table)
        .values((
            payments::account_id.eq(inv.account_id),
            payments::invoice_id.eq(inv.id),
            payments::amount_cents.eq(inv.total_cents),
            payments::currency.eq(&inv.currency),
            payments::payment_method.eq(PaymentMethod::Stripe.as_str()),
            payments::status.eq(status.as_str()),
            payments::transaction_reference.eq(reference),
            payments::failure_reason.eq(failure),
            payments::created_at.eq(now),
            payments::updated_at.eq(now),
        ))
        .returning(Payment::as_returning())
        .get_result(c)?)
}

/// Keeps the card a checkout saved (its customer and the payment that saved it).
fn save_customer(
    c: &mut PgConnection,
    account: AccountId,
    customer: &str,
    intent: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    diesel::insert_into(gateway_customers::table)
        .values((
            gateway_customers::account_id.eq(account),
            gateway_customers::provider.eq("stripe"),
            gateway_customers::customer_id.eq(customer),
            gateway_customers::payment_intent_id.eq(intent),
            gateway_customers::updated_at.eq(now),
        ))
        .on_conflict(gateway_customers::account_id)
        .do_update()
        .set((
            gateway_customers::customer_id.eq(customer),
            gateway_customers::payment_intent_id.eq(intent),
            gateway_customers::updated_at.eq(now),
        ))
        .execute(c)?;
    Ok(())
}

/// What an off-session charge came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeResult {
    /// Paid.
    Succeeded {
        /// `pi_…`.
        intent_id: String,
    },
    /// The card was refused (declined, expired, authentication required): not retried.
    Declined {
        /// `pi_…`, when Stripe made one.
        intent_id: Option<String>,
        /// Stripe's message.
        message: String,
    },
}

impl StripeClient {
    /// Sends a request with the secret key; answers the status and the JSON body.
    fn send(&self, req: reqwest::blocking::RequestBuilder) -> Result<(reqwest::StatusCode, Value)> {
        let res = req
            .bearer_auth(&self.config.secret_key)
            .send()
            .map_err(|e| Error::Gateway(format!("Stripe did not answer: {e}")))?;
        let status = res.status();
        let json = res
            .json()
            .map_err(|e| Error::Gateway(format!("Stripe answered {status} without JSON: {e}")))?;
        Ok((status, json))
    }

    fn get(&self, path: &str) -> Result<(reqwest::StatusCode, Value)> {
        self.send(self.http.get(format!("{}{path}", self.config.api_base)))
    }

    /// A form-encoded POST under an idempotency key (a retried call answers the first result).
    fn post_form(
        &self,
        path: &str,
        idempotency_key: &str,
        form: &[(&str, String)],
    ) -> Result<(reqwest::StatusCode, Value)> {
        let body = serde_urlencoded::to_string(form)
            .map_err(|e| Error::Gateway(format!("cannot encode the request: {e}")))?;
        self.send(
            self.http
                .post(format!("{}{path}", self.config.api_base))
                .header("Idempotency-Key", idempotency_key)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body),
        )
    }

    /// The payment method a payment used (the saved card).
    pub fn payment_method_of(&self, intent_id: &str) -> Result<String> {
        let (status, json) = self.get(&format!("/v1/payment_intents/{intent_id}"))?;
        if !status.is_success() {
            return Err(Error::Gateway(format!(
                "Stripe answered {status} for the payment intent"
            )));
        }
        json.get("payment_method")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| Error::Gateway("the payment intent has no payment method".into()))
    }

    /// Charges an invoice's total to a saved card, off-session, under an idempotency key per
    /// invoice (a retried call never charges twice). A refused card is `Declined`; an
    /// unreachable gateway or a 5xx is an error (tried again by the next run).
    pub fn charge_off_session(
        &self,
        inv: &Invoice,
        customer: &str,
        payment_method: &str,
    ) -> Result<ChargeResult> {
        let form: Vec<(&str, String)> = vec![
            ("amount", inv.total_cents.to_string()),
            ("currency", inv.currency.to_lowercase()),
            ("customer", customer.into()),
            ("payment_method", payment_method.into()),
            ("off_session", "true".into()),
            ("confirm", "true".into()),
            ("metadata[invoice_id]", inv.id.to_string()),
            ("description", format!("Invoice {}", inv.invoice_number)),
        ];
        let (status, json) = self.post_form(
            "/v1/payment_intents",
            &format!("igny8-invoice-{}-renewal", inv.id),
            &form,
        )?;
        let intent = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
        if status.is_success() {
            return match json.get("status").and_then(Value::as_str) {
                Some("succeeded") => Ok(ChargeResult::Succeeded {
                    intent_id: intent(&json).unwrap_or_default(),
                }),
                other => Ok(ChargeResult::Declined {
                    intent_id: intent(&json),
                    message: format!("the payment is {}", other.unwrap_or("unknown")),
                }),
            };
        }
        // 402: the card was refused (Stripe's `card_error`).
        if status.as_u16() == 402
            || json.pointer("/error/type").and_then(Value::as_str) == Some("card_error")
        {
            return Ok(ChargeResult::Declined {
                intent_id: json.pointer("/error/payment_intent").and_then(intent),
                message: json
                    .pointer("/error/message")
                    .and_then(Value::as_str)
                    .unwrap_or("the card was declined")
                    .to_owned(),
            });
        }
        let msg = json
            .pointer("/error/message")
            .and_then(Value::as_str)
            .unwrap_or("no message");
        Err(Error::Gateway(format!("Stripe answered {status}: {msg}")))
    }
}

/// What one pass of renewal charges did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChargeReport {
    /// Renewal invoices paid by card.
    pub paid: usize,
    /// Cards refused (the invoice stays open; the grace period runs).
    pub declined: usize,
    /// Gateway errors (tried again by the next run).
    pub errors: usize,
}

/// Charges the open renewal invoice of every subscription whose account saved a card, once
/// per invoice (`gateway_charges`): paid → the same settlement as any payment; refused → a
/// failed payment, a notification, the invoice left open for the grace period. Each Stripe call
/// runs outside any transaction; the cross-account scan is the renewal job's.
pub fn charge_renewals(
    conn: &mut PgConnection,
    client: &StripeClient,
    now: DateTime<Utc>,
) -> Result<ChargeReport> {
    let due: Vec<(AccountId, InvoiceId, String, String)> = subscriptions::table
        .inner_join(
            invoices::table.on(invoices::id
                .nullable()
                .eq(subscriptions::open_invoice_id)
                .and(invoices::account_id.eq(subscriptions::account_id))),
        )
        .inner_join(
            gateway_customers::table
                .on(gateway_customers::account_id.eq(subscriptions::account_id)),
        )
        .filter(subscriptions::status.eq_any(["active", "trialing", "past_due"]))
        .filter(invoices::status.eq("pending"))
        .filter(invoices::period_start.is_not_null())
        .filter(invoices::period_start.eq(subscriptions::current_period_start))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            gateway_charges::table
                .filter(gateway_charges::account_id.eq(invoices::account_id))
                .filter(gateway_charges::invoice_id.eq(invoices::id)),
        )))
        .order(invoices::id.asc())
        .select((
            invoices::account_id,
            invoices::id,
            gateway_customers::customer_id,
            gateway_customers::payment_intent_id,
        ))
        .load(conn)?;
    let mut report = ChargeReport::default();
    for (account, invoice_id, customer, saved_by) in due {
        let inv: Invoice = invoices::table
            .filter(invoices::account_id.eq(account))
            .filter(invoices::id.eq(invoice_id))
            .select(Invoice::as_select())
            .first(conn)?;
        let result = client
            .payment_method_of(&saved_by)
            .and_then(|pm| client.charge_off_session(&inv, &customer, &pm));
        let result = match result {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(invoice_id = invoice_id.get(), error = %e, "renewal charge: gateway error; tried again next run");
                report.errors += 1;
                continue;
            }
        };
        let saved = conn.transaction(|c| -> Result<()> {
            let (status, intent, error) = match &result {
                ChargeResult::Succeeded { intent_id } => ("succeeded", Some(intent_id.clone()), None),
                ChargeResult::Declined { intent_id, message } => {
                    ("failed", intent_id.clone(), Some(message.clone()))
                }
            };
            diesel::insert_into(gateway_charges::table)
                .values((
                    gateway_charges::account_id.eq(account),
                    gateway_charges::invoice_id.eq(invoice_id),
                    gateway_charges::provider.eq("stripe"),
                    gateway_charges::intent_id.eq(&intent),
                    gateway_charges::status.eq(status),
                    gateway_charges::error.eq(&error),
                    gateway_charges::created_at.eq(now),
                ))
                .execute(c)?;
            let reference = intent.clone().unwrap_or_else(|| format!("renewal-{invoice_id}"));
            match &result {
                ChargeResult::Succeeded { .. } => {
                    let paid = crate::payments::settle_invoice(c, account, invoice_id, now)?;
                    record_card_payment(c, &paid, &reference, None, now)?;
                }
                ChargeResult::Declined { message, .. } => {
                    record_card_payment(c, &inv, &reference, Some(message), now)?;
                    tenancy::notifications::notify(
                        c,
                        &tenancy::Scope::for_job(account),
                        &tenancy::notifications::NewNotification {
                            kind: "card_declined",
                            level: tenancy::notifications::Level::Error,
                            title: "Card payment failed",
                            message: &format!(
                                "The renewal of invoice {} could not be charged to your card ({message}). Pay it before the grace period ends to keep your plan.",
                                inv.invoice_number
                            ),
                            data: serde_json::json!({ "invoice_id": invoice_id }),
                            dedupe_key: Some(&format!("card_declined:{invoice_id}")),
                        },
                        now,
                    )?;
                }
            }
            Ok(())
        });
        match (saved, &result) {
            (Ok(()), ChargeResult::Succeeded { .. }) => report.paid += 1,
            (Ok(()), ChargeResult::Declined { .. }) => report.declined += 1,
            (Err(e), _) => {
                // Charged (or refused) at Stripe but not recorded: the idempotency key makes the
                // next run's call answer the same result without charging again.
                tracing::error!(invoice_id = invoice_id.get(), error = %e, "renewal charge: not recorded; tried again next run");
                report.errors += 1;
            }
        }
    }
    Ok(report)
}

static STRIPE: std::sync::OnceLock<StripeConfig> = std::sync::OnceLock::new();

/// Installs the card gateway for the worker's jobs (once, at start).
pub fn install(config: StripeConfig) {
    let _ = STRIPE.set(config);
}

/// The installed gateway, if any.
pub fn installed() -> Option<&'static StripeConfig> {
    STRIPE.get()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";

    #[test]
    fn a_signature_made_as_stripe_makes_it_verifies() {
        let now = Utc::now();
        let body = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;
        let t = now.timestamp();
        let header = format!("t={t},v1={},v0=ignored", stripe_signature(SECRET, t, body));
        assert_eq!(
            verify_stripe_signature(Some(&header), body, SECRET, now),
            Ok(())
        );
        // A second v1 (secret rotation) may match instead.
        let rotated = format!(
            "t={t},v1={},v1={}",
            "00".repeat(32),
            stripe_signature(SECRET, t, body)
        );
        assert_eq!(
            verify_stripe_signature(Some(&rotated), body, SECRET, now),
            Ok(())
        );
    }

    #[test]
    fn tampering_staleness_and_malformed_headers_are_refused() {
        let now = Utc::now();
        let body = br#"{"id":"evt_1"}"#;
        let t = now.timestamp();
        let sig = stripe_signature(SECRET, t, body);
        let ok = format!("t={t},v1={sig}");
        assert_eq!(
            verify_stripe_signature(Some(&ok), br#"{"id":"evt_2"}"#, SECRET, now),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_stripe_signature(Some(&ok), body, "whsec_other", now),
            Err(SignatureError::Mismatch)
        );
        let old = t - SIGNATURE_TOLERANCE_SECS - 1;
        let stale = format!("t={old},v1={}", stripe_signature(SECRET, old, body));
        assert_eq!(
            verify_stripe_signature(Some(&stale), body, SECRET, now),
            Err(SignatureError::Stale)
        );
        for bad in ["", "t=abc,v1=00", &format!("v1={sig}"), &format!("t={t}")] {
            assert_eq!(
                verify_stripe_signature(Some(bad), body, SECRET, now),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
        assert_eq!(
            verify_stripe_signature(None, body, SECRET, now),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify_stripe_signature(Some(&ok), body, "", now),
            Err(SignatureError::NotConfigured)
        );
    }

    #[test]
    fn the_config_hides_its_secrets() {
        let c = StripeConfig::from_lookup(|k| match k {
            "IGNY8_STRIPE_SECRET_KEY" => Some("sk_test_Hidden1".into()),
            "IGNY8_STRIPE_WEBHOOK_SECRET" => Some("whsec_Hidden2".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.api_base, STRIPE_API_BASE);
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("Hidden1") && !shown.contains("Hidden2"),
            "{shown}"
        );
        assert_eq!(StripeConfig::from_lookup(|_| None), None);
    }
}
