//! A real SMTP server on loopback for mail tests (`mailin-embedded`), keeping what it received,
//! and a MIME reader (`mail-parser`) for the messages.
//!
//! "Server down" is a reserved port nothing listens on yet ([`SmtpServer::reserve`]); starting
//! the server on it later ([`ReservedPort::start`]) is "server back".

use mailin_embedded::{Handler, Response, Server, response};
use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One message as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// `MAIL FROM` address.
    pub from: String,
    /// `RCPT TO` addresses.
    pub to: Vec<String>,
    /// The message as sent (headers and body).
    pub data: Vec<u8>,
}

/// A parsed message's parts that tests look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMail {
    /// Subject.
    pub subject: String,
    /// `Message-ID` without angle brackets.
    pub message_id: String,
    /// From address.
    pub from: String,
    /// To addresses.
    pub to: Vec<String>,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// Attachments: file name and bytes.
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// Parses a message (an SMTP server's DATA or an `.eml` file); panics when it is not MIME.
pub fn parse_mail(data: &[u8]) -> ParsedMail {
    use mail_parser::{MessageParser, MimeHeaders};
    let m = MessageParser::default()
        .parse(data)
        .expect("a parseable MIME message");
    let addresses = |a: Option<&mail_parser::Address<'_>>| -> Vec<String> {
        a.map(|a| {
            a.iter()
                .filter_map(|x| x.address().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
    };
    ParsedMail {
        subject: m.subject().unwrap_or_default().to_owned(),
        message_id: m.message_id().unwrap_or_default().to_owned(),
        from: addresses(m.from()).into_iter().next().unwrap_or_default(),
        to: addresses(m.to()),
        text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        attachments: m
            .attachments()
            .map(|a| {
                (
                    a.attachment_name().unwrap_or_default().to_owned(),
                    a.contents().to_vec(),
                )
            })
            .collect(),
    }
}

#[derive(Clone)]
struct Collect {
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    from: String,
    to: Vec<String>,
    buf: Vec<u8>,
}

impl Handler for Collect {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.buf.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.received.lock().unwrap().push(ReceivedMail {
            from: std::mem::take(&mut self.from),
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.buf),
        });
        response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }
}

/// A running SMTP server on 127.0.0.1 (no TLS, no AUTH). Its thread lives as long as the test
/// process.
pub struct SmtpServer {
    port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
}

/// A loopback port with no server behind it yet: connections are refused.
pub struct ReservedPort {
    port: u16,
}

impl ReservedPort {
    /// The URL a mailer would use; it fails to connect until [`ReservedPort::start`].
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts the server on this port.
    pub fn start(self) -> SmtpServer {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("bind the reserved port");
        SmtpServer::serve(listener)
    }
}

impl SmtpServer {
    /// Starts a server on a free loopback port.
    pub fn start() -> Self {
        Self::serve(TcpListener::bind("127.0.0.1:0").expect("bind a loopback port"))
    }

    /// A free port to start a server on later.
    pub fn reserve() -> ReservedPort {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = l.local_addr().unwrap().port();
        drop(l);
        ReservedPort { port }
    }

    fn serve(listener: TcpListener) -> Self {
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler = Collect {
            received: received.clone(),
            from: String::new(),
            to: Vec::new(),
            buf: Vec::new(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("smtp.test")
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::Builder::new()
            .name(format!("smtp-{port}"))
            .spawn(move || {
                let _ = server.serve();
            })
            .unwrap();
        Self { port, received }
    }

    /// `smtp://127.0.0.1:<port>` (plain SMTP, lettre's URL format).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages arrived (panics after `timeout`).
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                start.elapsed() < timeout,
                "expected {n} messages, got {}",
                got.len()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
