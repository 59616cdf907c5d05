//! Headless Chromium driven through chromedriver (WebDriver over HTTP).
//!
//! Needs the Debian packages `chromium` and `chromium-driver` (installed by .ci/run).

use super::http;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium; fails with how to install them if missing.
    pub fn start() -> Browser {
        let driver_bin = super::find_program(&["chromedriver"]).expect(
            "chromedriver not found: install Chromium and its driver (Debian: apt-get install chromium chromium-driver)",
        );
        let chromium = super::find_program(&["chromium", "chromium-browser", "google-chrome"])
            .expect(
                "chromium not found: install it (Debian: apt-get install chromium chromium-driver)",
            );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let profile = tempfile::tempdir().expect("temp dir");
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            _profile: profile,
        };
        browser.wait_ready();
        let mut args: Vec<String> = super::HEADLESS.iter().map(|s| s.to_string()).collect();
        args.push("--disable-dev-shm-usage".into());
        args.push(format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        ));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let reply = browser.call("POST", "/session", Some(caps));
        browser.session = reply["sessionId"]
            .as_str()
            .expect("a WebDriver session id")
            .to_string();
        browser
    }

    fn wait_ready(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Ok(r) = http::get(&format!("{}/status", self.base)) {
                if r.status == 200 {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start within 30 s");
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let reply = http::request(method, &format!("{}{path}", self.base), body.as_deref())
            .expect("talk to chromedriver");
        let value: Value = serde_json::from_slice(&reply.body).expect("chromedriver answers JSON");
        if reply.status != 200 {
            panic!(
                "WebDriver {method} {path} failed ({}): {value}",
                reply.status
            );
        }
        value["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.call(
            "POST",
            &format!("/session/{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    /// Sets the page's viewport to `width` × `height` CSS pixels (through the DevTools
    /// protocol, so the window's own frame does not count), for pages opened after.
    pub fn viewport(&self, width: u32, height: u32) {
        self.call(
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            Some(
                json!({ "cmd": "Emulation.setDeviceMetricsOverride", "params": {
                    "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false
                }}),
            ),
        );
    }

    /// Emulates a phone's touch screen (no hover, a coarse pointer) or not, for pages
    /// opened after.
    pub fn touch(&self, on: bool) {
        self.call(
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            Some(
                json!({ "cmd": "Emulation.setTouchEmulationEnabled", "params": {
                    "enabled": on, "maxTouchPoints": if on { 5 } else { 1 }
                }}),
            ),
        );
        self.call(
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            Some(
                json!({ "cmd": "Emulation.setDeviceMetricsOverride", "params": {
                    "width": 375, "height": 800, "deviceScaleFactor": 2, "mobile": on
                }}),
            ),
        );
    }

    /// Runs `script` (a function body; `return` gives the result) in the page.
    pub fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Opens `url`, waits until `ready` (a function body returning a boolean) holds, and
    /// returns the DOM as HTML. A condition, not Chromium's virtual time, says when a page
    /// that loads its data over HTTP is done.
    pub fn dom_when_ready(&self, url: &str, ready: &str) -> String {
        self.goto(url);
        let ok = self.wait_until(ready, Duration::from_secs(60));
        let dom = self.run("return document.documentElement.outerHTML");
        let dom = dom.as_str().expect("the DOM as a string").to_string();
        assert!(ok, "{url} was not ready within 60 s ({ready}):\n{dom}");
        dom
    }

    /// Runs `script` until it returns true; false after `timeout`. Errors while the page reloads are retried.
    pub fn wait_until(&self, script: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            let body = json!({ "script": script, "args": [] }).to_string();
            let url = format!("{}/session/{}/execute/sync", self.base, self.session);
            if let Ok(r) = http::request("POST", &url, Some(&body)) {
                if r.status == 200
                    && serde_json::from_slice::<Value>(&r.body)
                        .is_ok_and(|v| v["value"] == json!(true))
                {
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http::request(
                "DELETE",
                &format!("{}/session/{}", self.base, self.session),
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
