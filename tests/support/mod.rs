//! Shared support for tests that use a browser or talk to servers: real headless
//! Chromium (Debian `chromium`), driven directly or through chromedriver
//! ([`browser`]), a small HTTP client ([`http`]) and the `zwgk serve` process ([`serve`]).
#![allow(dead_code)] // each test binary uses part of it

pub mod browser;
pub mod http;
pub mod search_reference;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The Chromium binary, if installed. On CI (`CI` set) a missing browser is an error,
/// elsewhere the caller skips its test and says so.
pub fn chromium() -> Option<PathBuf> {
    let found = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed (apt-get install chromium)"
        );
        eprintln!("skipped: chromium is not installed");
    }
    found
}

/// The first of `names` found on PATH.
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Loads a local HTML file in a `width`×`height` window, runs its scripts, and returns
/// the DOM as it is then. A page reports what it measured by writing it into the DOM.
pub fn dump_dom(browser: &Path, page: &Path, width: u32, height: u32) -> String {
    dump_dom_url(browser, &file_url(page), width, height, 10_000)
}

/// Like [`dump_dom`] for any URL (`http://127.0.0.1:…` of a [`Server`], `file://…`),
/// waiting up to `budget_ms` of virtual time for the page's timers and loads.
pub fn dump_dom_url(browser: &Path, url: &str, width: u32, height: u32, budget_ms: u32) -> String {
    let profile = tempfile::tempdir().expect("temp dir");
    // A file, not a pipe: a large DOM cannot block the browser.
    let dom = profile.path().join("dom.html");
    let args = [
        "--hide-scrollbars".to_string(),
        "--dump-dom".to_string(),
        // Run the page's timers and messages before the DOM is taken.
        format!("--virtual-time-budget={budget_ms}"),
        format!("--window-size={width},{height}"),
    ];
    let stdout = std::fs::File::create(&dom).expect("DOM file");
    run_headless(browser, profile.path(), &args, url, stdout.into());
    std::fs::read_to_string(&dom).expect("UTF-8 DOM")
}

/// Prints a local HTML file to PDF with Chromium's own print pipeline (the page's
/// `@page` rules choose the paper) and returns the PDF.
pub fn print_to_pdf(browser: &Path, page: &Path) -> Vec<u8> {
    let profile = tempfile::tempdir().expect("temp dir");
    let pdf = profile.path().join("page.pdf");
    let args = [
        "--no-pdf-header-footer".to_string(),
        format!("--print-to-pdf={}", pdf.display()),
    ];
    run_headless(
        browser,
        profile.path(),
        &args,
        &file_url(page),
        std::process::Stdio::null(),
    );
    std::fs::read(&pdf).expect("chromium wrote the PDF")
}

/// The flags every test gives headless Chromium (with a fresh `--user-data-dir`).
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Runs headless Chromium with a fresh profile on `url`, bounded in time: a hung
/// browser fails the test instead of hanging it.
fn run_headless(
    browser: &Path,
    profile: &Path,
    args: &[String],
    url: &str,
    stdout: std::process::Stdio,
) {
    let mut child = Command::new(browser)
        .args(HEADLESS)
        .args(args)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(stdout)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromium");
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("chromium status").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().expect("chromium status");
    assert!(status.success(), "chromium failed: {status:?}");
}

/// A `file://` URL for a path.
pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The text content of the element with `id` in dumped HTML (entities of
/// `&amp; &lt; &gt; &quot;` decoded).
pub fn element_text(html: &str, id: &str) -> Option<String> {
    let open = format!("id=\"{id}\"");
    let start = html.find(&open)?;
    let body_start = start + html[start..].find('>')? + 1;
    let end = body_start + html[body_start..].find("</")?;
    Some(
        html[body_start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

/// Shows `page` in a frame `width` px wide (a phone: the browser window itself cannot be
/// narrower than 500 px) and returns the text the page sends with
/// `parent.postMessage(text, '*')` once loaded.
pub fn message_from_page_at_width(browser: &Path, page: &Path, width: u32, height: u32) -> String {
    let host = page.with_file_name("phone-frame.html");
    let name = page.file_name().unwrap().to_string_lossy();
    std::fs::write(
        &host,
        format!(
            "<!DOCTYPE html><meta charset=\"utf-8\"><body style=\"margin:0\">\
             <iframe src=\"{name}\" width=\"{width}\" height=\"{height}\" style=\"border:0\"></iframe>\
             <script>addEventListener('message', e => {{ const p = document.createElement('pre'); \
             p.id = 'message'; p.textContent = e.data; document.body.append(p); }});</script>"
        ),
    )
    .expect("write the frame page");
    let dom = dump_dom(browser, &host, width + 200, height + 100);
    let start = dom
        .rfind("<pre id=\"message\">")
        .unwrap_or_else(|| panic!("the page sent nothing:\n{dom}"));
    let text = &dom[start + "<pre id=\"message\">".len()..];
    let text = &text[..text.find("</pre>").expect("end of the message")];
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Serves the files of a folder on 127.0.0.1 under a URL prefix, until dropped.
pub struct Server {
    /// e.g. `http://127.0.0.1:41234/xxgk/`
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// `prefix` is the sub-path the site is served under, like `/xxgk/` or `/`.
    pub fn start(dir: &Path, prefix: &str) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind a loopback port");
        let port = listener.local_addr().expect("an address").port();
        let site = Arc::new((dir.to_path_buf(), prefix.to_string()));
        let app = axum::Router::new().fallback(
            |axum::extract::State(site): axum::extract::State<Arc<(PathBuf, String)>>,
             uri: axum::http::Uri| async move {
                respond(&site.0, &site.1, &uri.to_string())
            },
        );
        let app = app.with_state(site);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            runtime
                .block_on(async {
                    axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await
                })
                .expect("serve the folder");
        });
        Server {
            base: format!("http://127.0.0.1:{port}{prefix}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn respond(dir: &Path, prefix: &str, url: &str) -> axum::http::Response<axum::body::Body> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let file = path
        .strip_prefix(prefix)
        .filter(|rel| !rel.split('/').any(|seg| seg == ".."))
        .map(|rel| {
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            }
        })
        .map(|rel| dir.join(percent_decode(&rel)));
    let response = axum::http::Response::builder();
    match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, bytes)) => {
            let kind = match f.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("json") => "application/json",
                Some("xml") | Some("xsl") => "application/xml; charset=utf-8",
                _ => "application/octet-stream",
            };
            response.header("Content-Type", kind).body(bytes.into())
        }
        None => response.status(404).body("not found".into()),
    }
    .expect("a valid response")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub mod portal;
