//! The real `zwgk serve` binary on a free loopback port.

use super::http::{self, Reply};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for a rebuild to show before it fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Serve {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    log: Arc<Mutex<String>>,
}

impl Serve {
    /// Starts `zwgk -C site serve --port 0 ARGS` and waits until it serves.
    pub fn start(site: &Path, args: &[&str]) -> Serve {
        Serve::start_on(site, 0, args)
    }

    pub fn start_on(site: &Path, port: u16, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .arg("-C")
            .arg(site)
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .env("ZWGK_TODAY", "2026-11-22")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start zwgk serve");
        let log = Arc::new(Mutex::new(String::new()));
        {
            let (stderr, log) = (child.stderr.take().unwrap(), log.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(i) = line.find("http://") {
                    let _ = tx.send(line[i..].trim().to_string());
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => Serve { child, url, log },
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "zwgk serve did not start; its log:\n{}",
                    log.lock().unwrap()
                );
            }
        }
    }

    /// What the server printed to stderr so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the server has printed `needle` to stderr; returns the log.
    pub fn wait_for_log(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.contains(needle) {
                return log;
            }
            if start.elapsed() > PATIENCE {
                panic!("waited {PATIENCE:?} for the server to print {needle:?}; log:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        http::get(&format!("{}{}", self.url, path.trim_start_matches('/')))
            .expect("GET from zwgk serve")
    }

    /// Polls `path` until `done` holds; fails the test with the server's log after [`PATIENCE`].
    pub fn wait_for(&self, path: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let reply = self.get(path);
            if done(&reply) {
                return reply;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "waited {PATIENCE:?} for {what} at /{path}; last status {} body:\n{}\nserver log:\n{}",
                    reply.status,
                    reply.text(),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends Ctrl-C (SIGINT) and waits for the process to end.
    pub fn interrupt(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -INT failed");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for zwgk serve") {
                return status;
            }
            if start.elapsed() > PATIENCE {
                panic!("zwgk serve did not stop after Ctrl-C; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
