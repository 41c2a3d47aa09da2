//! A local HTTP server that speaks the part of Stripe's API the product uses, and sends webhooks
//! the way Stripe does.
//!
//! - `POST /v1/checkout/sessions` (form-encoded, `Authorization: Bearer <secret key>`, an
//!   optional `Idempotency-Key`): opens a session (`cs_test_<n>`, `url` on this server) with the
//!   line's amount and currency, `client_reference_id` and `metadata[…]`; a wrong key answers 401
//!   with Stripe's error shape, a missing required parameter 400. The same idempotency key
//!   answers the same session, as Stripe does.
//! - `GET /v1/checkout/sessions/<id>`: the session.
//! - `GET /v1/payment_intents/<id>`: a payment (its `payment_method` is the card it used).
//! - `POST /v1/payment_intents` (`customer`, `payment_method`, `confirm`, `off_session`, amount,
//!   currency): charges a saved card: `succeeded`, or 402 `card_error` / `card_declined` for a
//!   customer marked with [`StripeServer::decline`]; the same idempotency key answers the same
//!   result (a retried request never charges twice).
//! - [`StripeServer::complete`] marks a session paid and builds its
//!   `checkout.session.completed` event; [`sign`] signs a payload as Stripe does (`Stripe-Signature:
//!   t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`), computed here independently of the code
//!   under test; [`deliver`] POSTs it to a webhook URL.

use crate::openai_server::RecordedRequest;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

#[derive(Default)]
struct State {
    secret_key: String,
    sessions: Mutex<HashMap<String, Value>>,
    intents: Mutex<HashMap<String, Value>>,
    declining: Mutex<Vec<String>>,
    idempotency: Mutex<HashMap<String, String>>,
    replies: Mutex<HashMap<String, (u16, Value)>>,
    requests: Mutex<Vec<RecordedRequest>>,
    next: AtomicU64,
}

/// The running server; stopped on drop.
pub struct StripeServer {
    addr: SocketAddr,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl StripeServer {
    /// Serves on a free loopback port; requests must carry `secret_key`.
    pub fn start(secret_key: &str) -> StripeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(State {
            secret_key: secret_key.to_owned(),
            ..State::default()
        });
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = conn else { continue };
                    let state = Arc::clone(&state);
                    std::thread::spawn(move || handle(stream, &state));
                }
            })
        };
        StripeServer {
            addr,
            state,
            stop,
            accept: Some(accept),
        }
    }

    /// The value for `IGNY8_STRIPE_API_BASE`.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests.lock().expect("lock").clone()
    }

    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<Value> {
        self.state.sessions.lock().expect("lock").get(id).cloned()
    }

    /// The session whose `url` is `url`.
    pub fn session_by_url(&self, url: &str) -> Option<Value> {
        self.state
            .sessions
            .lock()
            .expect("lock")
            .values()
            .find(|s| s["url"] == url)
            .cloned()
    }

    /// The buyer pays: the session becomes `complete` / `paid`; answers its
    /// `checkout.session.completed` event (as JSON text, the exact bytes to sign and send).
    pub fn complete(&self, session_id: &str) -> String {
        let mut sessions = self.state.sessions.lock().expect("lock");
        let s = sessions
            .get_mut(session_id)
            .expect("a session of this server");
        let n = self.state.next.fetch_add(1, Ordering::SeqCst);
        s["status"] = json!("complete");
        s["payment_status"] = json!("paid");
        let (pi, customer) = (format!("pi_test_{n}"), format!("cus_test_{n}"));
        s["payment_intent"] = json!(pi);
        s["customer"] = json!(customer);
        self.state.intents.lock().expect("lock").insert(
            pi.clone(),
            json!({"id": pi, "object": "payment_intent", "status": "succeeded",
                   "customer": customer, "payment_method": format!("pm_test_{n}"),
                   "amount": s["amount_total"], "currency": s["currency"]}),
        );
        json!({
            "id": format!("evt_test_{n}"),
            "object": "event",
            "api_version": "2024-06-20",
            "created": chrono::Utc::now().timestamp(),
            "type": "checkout.session.completed",
            "livemode": false,
            "data": {"object": s.clone()},
        })
        .to_string()
    }
}

impl StripeServer {
    /// From now on the customer's card is declined.
    pub fn decline(&self, customer: &str) {
        self.state
            .declining
            .lock()
            .expect("lock")
            .push(customer.to_owned());
    }

    /// The payments (`pi_…`) made so far, by id.
    pub fn intents(&self) -> HashMap<String, Value> {
        self.state.intents.lock().expect("lock").clone()
    }
}

impl Drop for StripeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

/// `Stripe-Signature` for `payload` signed at `timestamp` with the endpoint's secret.
pub fn sign(webhook_secret: &str, timestamp: i64, payload: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(webhook_secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{timestamp}.{payload}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// POSTs `payload` to `url` with `signature` as Stripe does; answers the HTTP status.
pub fn deliver(url: &str, payload: &str, signature: &str) -> u16 {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::new()
        .post(url)
        .header("Content-Type", "application/json; charset=utf-8")
        .header(
            "User-Agent",
            "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        )
        .header("Stripe-Signature", signature)
        .body(payload.to_owned())
        .send()
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

fn reply(stream: &mut TcpStream, status: u16, body: &Value) {
    let body = body.to_string();
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        _ => "Not Found",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

fn error(stream: &mut TcpStream, status: u16, kind: &str, message: &str) {
    reply(
        stream,
        status,
        &json!({"error": {"type": kind, "message": message}}),
    );
}

/// An off-session charge of a saved card.
fn payment_intent(stream: &mut TcpStream, state: &State, req: &RecordedRequest) {
    let key = req.header("idempotency-key").map(str::to_owned);
    if let Some(k) = &key
        && let Some((status, body)) = state.replies.lock().expect("lock").get(k).cloned()
    {
        return reply(stream, status, &body);
    }
    let form: HashMap<String, String> = serde_urlencoded::from_bytes(&req.body).unwrap_or_default();
    for required in ["amount", "currency", "customer", "payment_method"] {
        if !form.contains_key(required) {
            return error(
                stream,
                400,
                "invalid_request_error",
                &format!("Missing required param: {required}."),
            );
        }
    }
    let n = state.next.fetch_add(1, Ordering::SeqCst);
    let id = format!("pi_test_{n}");
    let declined = state
        .declining
        .lock()
        .expect("lock")
        .contains(&form["customer"]);
    let intent = json!({
        "id": id, "object": "payment_intent",
        "status": if declined { "requires_payment_method" } else { "succeeded" },
        "amount": form["amount"].parse::<i64>().unwrap_or(0),
        "currency": form["currency"], "customer": form["customer"],
        "payment_method": form["payment_method"],
        "metadata": {"invoice_id": form.get("metadata[invoice_id]")},
    });
    state
        .intents
        .lock()
        .expect("lock")
        .insert(id.clone(), intent.clone());
    let (status, body) = if declined {
        (
            402,
            json!({"error": {"type": "card_error", "code": "card_declined",
                             "decline_code": "generic_decline",
                             "message": "Your card was declined.", "payment_intent": intent}}),
        )
    } else {
        (200, intent)
    };
    if let Some(k) = key {
        state
            .replies
            .lock()
            .expect("lock")
            .insert(k, (status, body.clone()));
    }
    reply(stream, status, &body)
}

fn handle(mut stream: TcpStream, state: &State) {
    let Some(req) = crate::openai_server::read_request(&stream) else {
        return;
    };
    state.requests.lock().expect("lock").push(req.clone());
    if req.header("authorization") != Some(&format!("Bearer {}", state.secret_key)) {
        return error(
            &mut stream,
            401,
            "invalid_request_error",
            "Invalid API Key provided.",
        );
    }
    if req.method == "GET"
        && let Some(id) = req.path.strip_prefix("/v1/checkout/sessions/")
    {
        return match state.sessions.lock().expect("lock").get(id) {
            Some(s) => reply(&mut stream, 200, s),
            None => error(
                &mut stream,
                404,
                "invalid_request_error",
                "No such checkout.session",
            ),
        };
    }
    if req.method == "GET"
        && let Some(id) = req.path.strip_prefix("/v1/payment_intents/")
    {
        return match state.intents.lock().expect("lock").get(id) {
            Some(pi) => reply(&mut stream, 200, pi),
            None => error(
                &mut stream,
                404,
                "invalid_request_error",
                "No such payment_intent",
            ),
        };
    }
    if req.method == "POST" && req.path == "/v1/payment_intents" {
        return payment_intent(&mut stream, state, &req);
    }
    if req.method != "POST" || req.path != "/v1/checkout/sessions" {
        return error(
            &mut stream,
            404,
            "invalid_request_error",
            "Unrecognized request URL.",
        );
    }
    let form: HashMap<String, String> = serde_urlencoded::from_bytes(&req.body).unwrap_or_default();
    for required in [
        "mode",
        "success_url",
        "line_items[0][price_data][currency]",
        "line_items[0][price_data][unit_amount]",
    ] {
        if !form.contains_key(required) {
            return error(
                &mut stream,
                400,
                "invalid_request_error",
                &format!("Missing required param: {required}."),
            );
        }
    }
    if let Some(key) = req.header("idempotency-key") {
        let known = state.idempotency.lock().expect("lock").get(key).cloned();
        if let Some(id) = known {
            let s = state.sessions.lock().expect("lock").get(&id).cloned();
            return reply(&mut stream, 200, &s.unwrap_or(Value::Null));
        }
    }
    let n = state.next.fetch_add(1, Ordering::SeqCst);
    let id = format!("cs_test_{n}");
    let metadata: serde_json::Map<String, Value> = form
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("metadata[")
                .and_then(|k| k.strip_suffix(']'))
                .map(|k| (k.to_owned(), json!(v)))
        })
        .collect();
    let local = stream
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let amount: i64 = form["line_items[0][price_data][unit_amount]"]
        .parse()
        .unwrap_or(0);
    let quantity: i64 = form
        .get("line_items[0][quantity]")
        .and_then(|q| q.parse().ok())
        .unwrap_or(1);
    let session = json!({
        "id": id,
        "object": "checkout.session",
        "mode": form["mode"],
        "status": "open",
        "payment_status": "unpaid",
        "amount_total": amount * quantity,
        "currency": form["line_items[0][price_data][currency]"],
        "client_reference_id": form.get("client_reference_id"),
        "metadata": metadata,
        "success_url": form["success_url"],
        "url": format!("http://{local}/c/pay/{id}"),
        "payment_intent": null,
    });
    state
        .sessions
        .lock()
        .expect("lock")
        .insert(id.clone(), session.clone());
    if let Some(key) = req.header("idempotency-key") {
        state
            .idempotency
            .lock()
            .expect("lock")
            .insert(key.to_owned(), id);
    }
    reply(&mut stream, 200, &session)
}
