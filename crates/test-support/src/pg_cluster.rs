//! A private PostgreSQL cluster for tests that stop or restart the server (resilience tests):
//! `initdb` into a temporary directory, the server on a free port with its Unix socket in that
//! directory, stopped and removed when dropped. Uses the same PostgreSQL binaries as
//! `scripts/db.sh` (installed by it when missing), run as the `postgres` user when we are root.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A running (or stopped) private cluster.
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_root: bool,
}

fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort();
    if let Some(b) = found.pop() {
        return b;
    }
    // Let scripts/db.sh install the packages (it does when missing), then look again.
    let _ = Command::new("bash")
        .arg(crate::workspace_root().join("scripts/db.sh"))
        .arg("url")
        .output();
    let out = Command::new("sh")
        .args(["-c", "dirname \"$(command -v initdb)\""])
        .output()
        .expect("look for initdb");
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(
        dir.join("initdb").exists(),
        "PostgreSQL server binaries (initdb, pg_ctl) are needed for this test"
    );
    dir
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

impl PgCluster {
    /// Initialises and starts a cluster (about a second).
    pub fn start() -> Self {
        let bin = bin_dir();
        let as_root = is_root();
        let dir = tempfile::Builder::new()
            .prefix("igny8-pg-")
            .tempdir()
            .expect("cluster temp dir");
        if as_root {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown the cluster directory");
            assert!(ok.success(), "chown of the cluster directory failed");
        }
        let c = Self {
            dir,
            bin,
            port: free_port(),
            as_root,
        };
        let data = c.data_dir();
        c.run(
            "initdb",
            &[
                "-D",
                data.to_str().expect("utf-8 path"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ],
        );
        c.pg_ctl(&["start"]);
        let out = Command::new(c.bin.join("psql"))
            .args(["-h", c.socket_dir().to_str().expect("utf-8 path")])
            .args([
                "-p",
                &c.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
            ])
            .args(["-qc", "CREATE DATABASE igny8"])
            .output()
            .expect("run psql");
        assert!(
            out.status.success(),
            "CREATE DATABASE failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        c
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The URL of its `igny8` database (through the Unix socket).
    pub fn url(&self) -> String {
        let host = self
            .socket_dir()
            .to_str()
            .expect("utf-8 path")
            .replace('/', "%2F");
        format!("postgres://postgres@{host}:{}/igny8", self.port)
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        let out = cmd
            .args(args)
            .current_dir("/")
            .output()
            .unwrap_or_else(|e| panic!("run {tool}: {e}"));
        assert!(
            out.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn pg_ctl(&self, action: &[&str]) {
        let data = self.data_dir();
        let log = self.dir.path().join("server.log");
        let opts = format!(
            "-c listen_addresses='' -p {} -c unix_socket_directories={} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            self.port,
            self.socket_dir().display()
        );
        let mut args = vec![
            "-D",
            data.to_str().expect("utf-8 path"),
            "-l",
            log.to_str().expect("utf-8 path"),
            "-w",
            "-t",
            "60",
            "-o",
            &opts,
        ];
        args.extend_from_slice(action);
        self.run("pg_ctl", &args);
    }

    /// Stops the server (fast shutdown: sessions are terminated) and waits for it.
    pub fn stop(&self) {
        self.pg_ctl(&["-m", "fast", "stop"]);
    }

    /// Starts the stopped server and waits until it accepts connections.
    pub fn resume(&self) {
        self.pg_ctl(&["start"]);
    }

    /// Restarts the server (fast shutdown, then start); returns how long it took.
    pub fn restart(&self) -> Duration {
        let t = Instant::now();
        self.pg_ctl(&["-m", "fast", "restart"]);
        t.elapsed()
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let exe = self.bin.join("pg_ctl");
        let mut cmd = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        let _ = cmd
            .args([
                "-D",
                data.to_str().unwrap_or_default(),
                "-m",
                "immediate",
                "stop",
            ])
            .current_dir("/")
            .output();
    }
}
