//! The end-to-end harness: a fresh database, the real `api` and `worker` binaries started on it
//! as child processes (files in a temporary directory), a blocking HTTP client, and the
//! processes' log lines kept in memory for failure messages.

use reqwest::blocking::{Client, RequestBuilder};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Once};
use std::thread;
use std::time::{Duration, Instant};
use test_support::TestDb;

/// Signs the API's tokens (at least 32 characters).
pub const JWT_SECRET: &str = "e2e-jwt-secret-0123456789abcdef-0123456789";
/// Encrypts stored secrets; the API and the worker must agree on it.
pub const SECRET_KEY: &str = "e2e-secret-key-0123456789abcdef-0123456789";
/// How long a process may take to become ready.
const READY_WITHIN: Duration = Duration::from_secs(30);
/// Log lines shown per process in a failure message.
const LOG_TAIL: usize = 150;

/// Where cargo put this test's binary: `<target>/<profile>/deps/<test>-<hash>`.
fn profile_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.to_path_buf())
}

/// The path of a workspace binary, built by `cargo test --workspace` before any test runs.
pub fn binary(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let candidates: Vec<PathBuf> = profile_dir()
        .into_iter()
        .chain([target.join("debug")])
        .map(|d| d.join(name))
        .collect();
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "the `{name}` binary is missing (looked at {candidates:?}); build them first: \
                 cargo build --workspace --bins --features worker/test-jobs"
            )
        })
}

/// A free loopback port (there is a small window in which another process could take it).
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    l.local_addr().expect("local address").port()
}

/// The shared log lines of one process.
type Lines = Arc<Mutex<Vec<String>>>;

fn collect(stream: impl Read + Send + 'static, sink: Lines) {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
}

/// A child process whose stdout and stderr lines are kept; killed (SIGKILL) when dropped.
pub struct Process {
    name: String,
    child: Child,
    lines: Lines,
}

impl Process {
    fn spawn(name: String, mut cmd: Command) -> Process {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawn {name}: {e}"));
        let lines: Lines = Arc::default();
        collect(child.stdout.take().unwrap(), lines.clone());
        collect(child.stderr.take().unwrap(), lines.clone());
        Process { name, child, lines }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// True while the process runs.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Every line logged so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    fn has_line(&self, needle: &str) -> bool {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains(needle))
    }

    /// The last `n` lines, headed by the process name.
    pub fn tail(&self, n: usize) -> String {
        let lines = self.lines.lock().unwrap();
        let skip = lines.len().saturating_sub(n);
        format!(
            "----- {} (pid {}, last {} of {} lines) -----\n{}",
            self.name,
            self.child.id(),
            lines.len() - skip,
            lines.len(),
            lines[skip..].join("\n")
        )
    }

    /// `kill -9`, then reaps the process.
    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// Environment both binaries get. Inherited `IGNY8_*` and `RUST_LOG` variables are removed
/// first, so a developer's shell (say `IGNY8_AI_PROVIDER=openai`) cannot change the test.
fn base_command(bin: &str, db: &TestDb, dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::new(binary(bin));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("IGNY8_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.current_dir(dir.path())
        .env("IGNY8_DATABASE_URL", db.url())
        .env("IGNY8_SECRET_KEY", SECRET_KEY)
        .env("IGNY8_DATA_DIR", dir.path().join("data"))
        .env("IGNY8_MEDIA_DIR", dir.path().join("media"))
        .env("IGNY8_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        // The smallest images (64 px per side at least) and one in-article image per article
        // keep the pipeline fast.
        .env("IGNY8_AI_PROVIDER", "offline")
        .env("IGNY8_AI_IMAGE_SIZE", "64x64")
        .env("IGNY8_AI_IN_ARTICLE_IMAGES", "1");
    cmd
}

/// Polls `cond` every 20 ms until it holds (true) or `within` passes (false).
pub fn wait_until(within: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if cond() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// A database with the API serving it and, once started, a worker; everything is killed and
/// the database dropped when the value is dropped.
pub struct Stack {
    /// The test's own database.
    pub db: TestDb,
    /// Data and media directories of both processes.
    pub dir: tempfile::TempDir,
    /// HTTP client on the API.
    pub http: Http,
    api: Process,
    worker: Option<Process>,
    /// Killed workers, kept for their logs.
    dead_workers: Vec<Process>,
}

impl Stack {
    /// A fresh database and the API serving it (ready: `GET /api/ping/` answered 200).
    pub fn start() -> Stack {
        Self::start_with(&[])
    }

    /// Like [`Stack::start`], with extra environment for the API (`IGNY8_ENV`, `RUST_LOG`).
    pub fn start_with(env: &[(&str, &str)]) -> Stack {
        let db = TestDb::new();
        let dir = tempfile::tempdir().expect("temporary directory");
        let http = Http::new();
        // A port taken between `free_port` and the bind makes the API exit: try another.
        for attempt in 1..=3 {
            let port = free_port();
            let mut cmd = base_command("api", &db, &dir);
            cmd.arg("serve")
                .env("IGNY8_BIND", format!("127.0.0.1:{port}"))
                .env("IGNY8_JWT_SECRET", JWT_SECRET)
                .env("IGNY8_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
                .env("IGNY8_HTTP_WORKERS", "2");
            for (k, v) in env {
                cmd.env(k, v);
            }
            let mut api = Process::spawn("api".into(), cmd);
            let base = format!("http://127.0.0.1:{port}");
            let ready = wait_until(READY_WITHIN, || {
                api.running() && http.get_url(&format!("{base}/api/ping/")).status == 200
                    || !api.running()
            });
            if ready && api.running() {
                return Stack {
                    db,
                    dir,
                    http: http.with_base(&base),
                    api,
                    worker: None,
                    dead_workers: Vec::new(),
                };
            }
            let bind_lost = api.has_line("cannot listen on");
            assert!(
                bind_lost && attempt < 3,
                "the API {}\n{}",
                match api.running() {
                    true => format!("did not answer /api/ping/ within {READY_WITHIN:?}"),
                    false => "exited before it was ready".to_owned(),
                },
                api.tail(LOG_TAIL)
            );
        }
        unreachable!("the loop returns or panics")
    }

    /// Every log line the API wrote so far.
    #[allow(dead_code)] // not every test file reads the whole log
    pub fn api_lines(&self) -> Vec<String> {
        self.api.lines()
    }

    /// Starts a worker (fast polling, orphans re-queued after 3 s) and waits for its
    /// `worker started` line.
    pub fn start_worker(&mut self) {
        self.start_worker_with(&[]);
    }

    /// Like [`Stack::start_worker`], with extra environment (`IGNY8_SMTP_URL`, `RUST_LOG`).
    pub fn start_worker_with(&mut self, env: &[(&str, &str)]) {
        assert!(self.worker.is_none(), "a worker is running already");
        let mut cmd = base_command("worker", &self.db, &self.dir);
        cmd.env("IGNY8_WORKER_POLL_MS", "50")
            .env("IGNY8_JOB_STALE_SECS", "3")
            .env("IGNY8_WORKER_CONCURRENCY", "2");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let n = self.dead_workers.len() + 1;
        let mut w = Process::spawn(format!("worker #{n}"), cmd);
        let started = wait_until(READY_WITHIN, || {
            w.has_line("\"worker started\"") || !w.running()
        });
        assert!(
            started && w.running(),
            "the worker did not log `worker started`\n{}",
            w.tail(LOG_TAIL)
        );
        self.worker = Some(w);
    }

    /// `kill -9` the worker; returns its pid.
    pub fn kill_worker(&mut self) -> u32 {
        let mut w = self.worker.take().expect("a running worker");
        let pid = w.pid();
        w.kill9();
        self.dead_workers.push(w);
        pid
    }

    /// Lines of every worker so far, oldest process first.
    pub fn worker_lines(&self) -> Vec<String> {
        self.dead_workers
            .iter()
            .chain(self.worker.iter())
            .flat_map(Process::lines)
            .collect()
    }

    /// The tails of every process's log (shorter for killed workers).
    pub fn logs(&self) -> String {
        std::iter::once(self.api.tail(LOG_TAIL))
            .chain(self.dead_workers.iter().map(|w| w.tail(LOG_TAIL / 5)))
            .chain(self.worker.iter().map(|w| w.tail(LOG_TAIL)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Creates a platform staff user with the binary's own command (`api create-staff`,
    /// password on stdin) and signs in; returns the access token.
    pub fn staff_token(&self) -> String {
        let (email, password) = ("ops@e2e.example.com", "Staff-E2e-Secret-Pass-1");
        let mut cmd = base_command("api", &self.db, &self.dir);
        cmd.args(["create-staff", "--email", email])
            .env("IGNY8_JWT_SECRET", JWT_SECRET)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn api create-staff");
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            writeln!(stdin, "{password}").unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "api create-staff failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let r = self
            .http
            .post("/api/v1/auth/login/")
            .json(&json!({"email": email, "password": password}))
            .send()
            .expect_status(200);
        r.data()["access"].as_str().unwrap().to_owned()
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if thread::panicking() {
            // The test harness shows this with the failure.
            eprintln!("{}", self.logs());
        }
        if let Some(w) = self.worker.as_mut() {
            w.kill9();
        }
        self.api.kill9();
    }
}

static CRYPTO: Once = Once::new();

/// A blocking JSON client on one base URL.
#[derive(Clone)]
pub struct Http {
    client: Client,
    base: String,
}

impl Http {
    pub fn new() -> Http {
        // reqwest is built with `rustls-no-provider`: install ring once, before the first
        // client (plain http needs no TLS, but building a client needs a provider).
        CRYPTO.call_once(|| {
            let _ = rustls::crypto::ring::default_provider().install_default();
        });
        let client = Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTP client");
        Http {
            client,
            base: String::new(),
        }
    }

    fn with_base(mut self, base: &str) -> Http {
        base.clone_into(&mut self.base);
        self
    }

    pub fn get_url(&self, url: &str) -> Resp {
        Call(self.client.get(url), url.to_owned()).send()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The API's base URL (`http://127.0.0.1:PORT`).
    #[allow(dead_code)] // not every test file needs it
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Call {
        Call(self.client.get(self.url(path)), format!("GET {path}"))
    }

    /// `POST path`.
    pub fn post(&self, path: &str) -> Call {
        Call(self.client.post(self.url(path)), format!("POST {path}"))
    }

    /// `PUT path`.
    pub fn put(&self, path: &str) -> Call {
        Call(self.client.put(self.url(path)), format!("PUT {path}"))
    }

    /// `PATCH path`.
    #[allow(dead_code)] // not every test file needs it
    pub fn patch(&self, path: &str) -> Call {
        Call(self.client.patch(self.url(path)), format!("PATCH {path}"))
    }

    /// `DELETE path`.
    #[allow(dead_code)] // not every test file needs it
    pub fn delete(&self, path: &str) -> Call {
        Call(self.client.delete(self.url(path)), format!("DELETE {path}"))
    }

    /// Every item of a list endpoint (`path` has a query string), 200 per page.
    pub fn list_all(&self, path: &str, token: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for page in 1.. {
            let r = self
                .get(&format!("{path}&page_size=200&page={page}"))
                .bearer(token)
                .send()
                .expect_status(200);
            out.extend(r.json["results"].as_array().unwrap().iter().cloned());
            if r.json["next"].is_null() {
                assert_eq!(
                    r.json["count"],
                    out.len(),
                    "{path}: count and items disagree"
                );
                return out;
            }
        }
        unreachable!()
    }

    /// Opens a server-sent event stream (the status and headers are checked); read it with
    /// [`EventStream::read_to_end`]. The whole stream must end within `within`.
    pub fn events(&self, path: &str, token: &str, within: Duration) -> EventStream {
        let resp = self
            .client
            .get(self.url(path))
            .bearer_auth(token)
            .timeout(within)
            .send()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert_eq!(resp.status().as_u16(), 200, "GET {path}");
        assert_eq!(
            resp.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/event-stream")
        );
        EventStream {
            path: path.to_owned(),
            within,
            body: BufReader::new(resp),
        }
    }
}

/// An open event stream.
pub struct EventStream {
    path: String,
    within: Duration,
    body: BufReader<reqwest::blocking::Response>,
}

impl EventStream {
    /// Reads events until the server ends the stream; panics when the deadline passes first.
    pub fn read_to_end(self) -> Vec<SseEvent> {
        let EventStream { path, within, body } = self;
        let mut events = Vec::new();
        let mut current = SseEvent::default();
        let mut has_field = false;
        for line in body.lines() {
            let line = line.unwrap_or_else(|e| {
                panic!(
                    "the event stream {path} did not end within {within:?} ({e}); events so far: {:?}",
                    events.iter().map(|e: &SseEvent| &e.event).collect::<Vec<_>>()
                )
            });
            if line.is_empty() {
                if has_field {
                    events.push(std::mem::take(&mut current));
                    has_field = false;
                }
            } else if line.starts_with(':') {
                // a keep-alive comment
            } else if let Some(v) = line.strip_prefix("event: ") {
                current.event = v.to_owned();
                has_field = true;
            } else if let Some(v) = line.strip_prefix("id: ") {
                current.id = Some(v.parse().expect("numeric event id"));
                has_field = true;
            } else if let Some(v) = line.strip_prefix("data: ") {
                current.data = serde_json::from_str(v).expect("JSON event data");
                has_field = true;
            } else {
                panic!("unexpected event stream line {line:?}");
            }
        }
        assert!(!has_field, "the stream ended inside an event");
        events
    }
}

/// One server-sent event.
#[derive(Debug, Default, Clone)]
pub struct SseEvent {
    /// `event:`.
    pub event: String,
    /// `id:`.
    pub id: Option<i64>,
    /// `data:`, parsed.
    pub data: Value,
}

/// A request being built.
pub struct Call(RequestBuilder, String);

impl Call {
    /// `Authorization: Bearer <token>`.
    pub fn bearer(self, token: &str) -> Call {
        Call(self.0.bearer_auth(token), self.1)
    }

    /// A JSON body.
    pub fn json(self, body: &Value) -> Call {
        Call(self.0.json(body), self.1)
    }

    /// A raw body with its content type.
    pub fn body(self, content_type: &str, body: String) -> Call {
        Call(
            self.0.header("content-type", content_type).body(body),
            self.1,
        )
    }

    /// A header.
    #[allow(dead_code)] // not every test file needs it
    pub fn header(self, name: &str, value: &str) -> Call {
        Call(self.0.header(name, value), self.1)
    }

    /// A raw binary body with its content type.
    #[allow(dead_code)] // not every test file needs it
    pub fn bytes(self, content_type: &str, body: Vec<u8>) -> Call {
        Call(
            self.0.header("content-type", content_type).body(body),
            self.1,
        )
    }

    /// Sends it; a transport error is a test failure.
    pub fn send(self) -> Resp {
        let Call(req, what) = self;
        match req.send() {
            Ok(r) => {
                let status = r.status().as_u16();
                let bytes = r.bytes().map(|b| b.to_vec()).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let json = serde_json::from_str(&text).unwrap_or(Value::Null);
                Resp {
                    what,
                    status,
                    bytes,
                    text,
                    json,
                }
            }
            // The readiness probe sends before the API listens.
            Err(e) if e.is_connect() => Resp {
                what,
                status: 0,
                bytes: Vec::new(),
                text: e.to_string(),
                json: Value::Null,
            },
            Err(e) => panic!("{what}: {e}"),
        }
    }
}

/// A response, its body read.
#[derive(Debug)]
pub struct Resp {
    /// `METHOD path` of the request.
    pub what: String,
    /// HTTP status (0: could not connect).
    pub status: u16,
    /// The raw body.
    pub bytes: Vec<u8>,
    /// The body.
    pub text: String,
    /// The body as JSON (`null` when it is not).
    pub json: Value,
}

impl Resp {
    /// Panics, showing the body, unless the status is `status`.
    pub fn expect_status(self, status: u16) -> Resp {
        assert_eq!(
            self.status, status,
            "{} answered {}: {}",
            self.what, self.status, self.text
        );
        self
    }

    /// The envelope's `data`.
    pub fn data(&self) -> &Value {
        &self.json["data"]
    }
}
