//! A scripted OpenAI-compatible HTTP/1.1 server on 127.0.0.1 for provider tests.
//!
//! It speaks the subset the `ai` crate uses: every request is recorded (method, path, headers,
//! body, parsed JSON) and answered from a queue of scripted [`Reply`]s per path: a chat
//! completion with given content and usage, any status with headers (429 with `Retry-After`,
//! 500, ...), a delayed reply (to trip client timeouts), an image as `b64_json` or `url`, or raw
//! bytes (to serve that url). A path with an empty queue answers 418, which no client retries,
//! so an unexpected request fails fast and visibly. The server also tracks the most requests it
//! held at once, for concurrency-limit tests.
//!
//! ```no_run
//! use test_support::openai_server::{OpenAiServer, Reply, CHAT};
//! let server = OpenAiServer::start();
//! server.enqueue(CHAT, Reply::rate_limited(1));
//! server.enqueue(CHAT, Reply::chat_json(&serde_json::json!({"clusters": []}), 10, 5));
//! // point the client at server.base_url() ...
//! ```

use base64::Engine;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Path of chat completions under [`OpenAiServer::base_url`].
pub const CHAT: &str = "/v1/chat/completions";
/// Path of image generations under [`OpenAiServer::base_url`].
pub const IMAGES: &str = "/v1/images/generations";

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path with query, e.g. `/v1/chat/completions`.
    pub path: String,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    /// Raw body.
    pub body: Vec<u8>,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
}

impl RecordedRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The JSON body, panicking with the raw body when it is not JSON.
    pub fn json(&self) -> &Value {
        self.json
            .as_ref()
            .unwrap_or_else(|| panic!("body is not JSON: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// A scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Any status, headers and body.
    Raw {
        /// HTTP status.
        status: u16,
        /// Extra headers.
        headers: Vec<(String, String)>,
        /// Body bytes.
        body: Vec<u8>,
    },
    /// Waits, then sends the inner reply (longer than a client timeout makes it time out).
    Delay(Duration, Box<Reply>),
}

impl Reply {
    /// A JSON response with `status`.
    pub fn json(status: u16, body: &Value) -> Reply {
        Reply::Raw {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    /// A chat completion whose `choices[0].message.content` is `content` (any text, valid JSON
    /// or not), with `usage.prompt_tokens` / `completion_tokens`.
    pub fn chat_text(content: &str, prompt_tokens: u64, completion_tokens: u64) -> Reply {
        Reply::chat(content, prompt_tokens, completion_tokens, "stop")
    }

    /// A chat completion the model stopped at `max_tokens` (`finish_reason: "length"`): its
    /// content is whatever was produced by then, usually cut-off JSON.
    pub fn chat_cut_off(content: &str, prompt_tokens: u64, completion_tokens: u64) -> Reply {
        Reply::chat(content, prompt_tokens, completion_tokens, "length")
    }

    fn chat(content: &str, prompt_tokens: u64, completion_tokens: u64, finish: &str) -> Reply {
        Reply::json(
            200,
            &json!({
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": "test-model-2025",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
                "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens},
            }),
        )
    }

    /// A chat completion whose content is `content` serialised as JSON.
    pub fn chat_json(content: &Value, prompt_tokens: u64, completion_tokens: u64) -> Reply {
        Reply::chat_text(&content.to_string(), prompt_tokens, completion_tokens)
    }

    /// 429 with `Retry-After: <secs>`.
    pub fn rate_limited(retry_after_secs: u64) -> Reply {
        Reply::Raw {
            status: 429,
            headers: vec![
                ("Retry-After".into(), retry_after_secs.to_string()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: br#"{"error":{"message":"Rate limit reached","type":"rate_limit_exceeded"}}"#
                .to_vec(),
        }
    }

    /// A bare status with a text body (e.g. 500, 401).
    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Raw {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// `inner`, after `delay`.
    pub fn slow(delay: Duration, inner: Reply) -> Reply {
        Reply::Delay(delay, Box::new(inner))
    }

    /// An image generation answer with `data[0].b64_json` holding `image`.
    pub fn image_b64(image: &[u8]) -> Reply {
        Reply::json(
            200,
            &json!({"created": 1, "data": [{"b64_json": base64::engine::general_purpose::STANDARD.encode(image)}]}),
        )
    }

    /// An image generation answer with `data[0].url`.
    pub fn image_url(url: &str) -> Reply {
        Reply::json(200, &json!({"created": 1, "data": [{"url": url}]}))
    }

    /// Raw bytes with a content type (to serve an image URL).
    pub fn bytes(content_type: &str, body: &[u8]) -> Reply {
        Reply::Raw {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.to_vec(),
        }
    }
}

#[derive(Default)]
struct State {
    requests: Mutex<Vec<RecordedRequest>>,
    scripts: Mutex<HashMap<String, VecDeque<Reply>>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// The running server; stops accepting when dropped.
pub struct OpenAiServer {
    addr: SocketAddr,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl OpenAiServer {
    /// Binds 127.0.0.1 on a free port and starts serving.
    pub fn start() -> OpenAiServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State::default());
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
        OpenAiServer {
            addr,
            state,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT/v1`, the value for the client's base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Queues `reply` as the next answer to requests for `path`.
    pub fn enqueue(&self, path: &str, reply: Reply) {
        self.state
            .scripts
            .lock()
            .unwrap()
            .entry(path.to_owned())
            .or_default()
            .push_back(reply);
    }

    /// Scripted replies for `path` not used yet.
    pub fn pending(&self, path: &str) -> usize {
        self.state
            .scripts
            .lock()
            .unwrap()
            .get(path)
            .map_or(0, VecDeque::len)
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests.lock().unwrap().clone()
    }

    /// The requests received for `path`.
    pub fn requests_to(&self, path: &str) -> Vec<RecordedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// The most requests the server was holding (read, not yet answered) at one time.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for OpenAiServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

pub(crate) fn read_request(stream: &TcpStream) -> Option<RecordedRequest> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let len = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    let json = serde_json::from_slice(&body).ok();
    Some(RecordedRequest {
        method,
        path,
        headers,
        body,
        json,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        418 => "I'm a teapot",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn handle(mut stream: TcpStream, state: &State) {
    let Some(req) = read_request(&stream) else {
        return;
    };
    let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let key = req.path.clone();
    let method = req.method.clone();
    state.requests.lock().unwrap().push(req);
    let reply = state
        .scripts
        .lock()
        .unwrap()
        .get_mut(&key)
        .and_then(VecDeque::pop_front);
    let mut reply = reply
        .unwrap_or_else(|| Reply::status(418, &format!("no scripted reply for {method} {key}")));
    while let Reply::Delay(d, inner) = reply {
        std::thread::sleep(d);
        reply = *inner;
    }
    // Leave the in-flight count before answering, so a client that reacts to this answer with
    // a new request can never be counted together with this one.
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    if let Reply::Raw {
        status,
        headers,
        body,
    } = reply
    {
        let mut head = format!(
            "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            reason(status),
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        // The client may have timed out and gone; nothing to do about a failed write.
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.write_all(&body))
            .and_then(|_| stream.flush());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn raw_post(server: &OpenAiServer, path: &str, body: &str) -> String {
        let mut s = TcpStream::connect(server.addr).unwrap();
        write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn records_requests_and_plays_scripts_in_order() {
        let server = OpenAiServer::start();
        server.enqueue(CHAT, Reply::rate_limited(7));
        server.enqueue(CHAT, Reply::chat_json(&json!({"a": 1}), 3, 4));
        let first = raw_post(&server, CHAT, r#"{"model":"m"}"#);
        assert!(
            first.starts_with("HTTP/1.1 429") && first.contains("Retry-After: 7"),
            "{first}"
        );
        let second = raw_post(&server, CHAT, "{}");
        assert!(
            second.starts_with("HTTP/1.1 200") && second.contains(r#"\"a\":1"#),
            "{second}"
        );
        assert!(second.contains(r#""prompt_tokens":3"#), "{second}");
        let third = raw_post(&server, CHAT, "{}");
        assert!(
            third.starts_with("HTTP/1.1 418")
                && third.contains("no scripted reply for POST /v1/chat/completions")
        );
        let reqs = server.requests_to(CHAT);
        assert_eq!(reqs.len(), 3);
        assert_eq!(reqs[0].method, "POST");
        assert_eq!(reqs[0].header("authorization"), Some("Bearer k"));
        assert_eq!(reqs[0].json()["model"], "m");
        assert_eq!(server.pending(CHAT), 0);
        assert_eq!(server.max_in_flight(), 1);
    }

    #[test]
    fn delayed_replies_overlap_and_are_counted() {
        let server = Arc::new(OpenAiServer::start());
        for _ in 0..3 {
            server.enqueue(
                IMAGES,
                Reply::slow(Duration::from_millis(300), Reply::image_b64(b"png")),
            );
        }
        let threads: Vec<_> = (0..3)
            .map(|_| {
                let s = Arc::clone(&server);
                std::thread::spawn(move || raw_post(&s, IMAGES, "{}"))
            })
            .collect();
        for t in threads {
            let out = t.join().unwrap();
            assert!(out.contains(r#""b64_json":"cG5n""#), "{out}");
        }
        assert_eq!(server.max_in_flight(), 3);
    }
}
