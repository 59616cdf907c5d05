//! Shared support for browser tests: real headless Chromium (Debian `chromium`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The Chromium binary, if installed. On CI (`CI` set) a missing browser is an error,
/// elsewhere the caller skips its test and says so.
pub fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed (apt-get install chromium)"
        );
        eprintln!("skipped: chromium is not installed");
    }
    found
}

/// Loads a local HTML file in a `width`×`height` window, runs its scripts, and returns
/// the DOM as it is then. A page reports what it measured by writing it into the DOM.
pub fn dump_dom(browser: &Path, page: &Path, width: u32, height: u32) -> String {
    let profile = tempfile::tempdir().expect("temp dir");
    // A file, not a pipe: a large DOM cannot block the browser.
    let dom = profile.path().join("dom.html");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--dump-dom",
            // Run the page's timers and messages before the DOM is taken.
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&dom).expect("DOM file"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromium");
    // Bounded: a hung browser fails the test instead of hanging it.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("chromium status").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().expect("chromium status");
    assert!(status.success(), "chromium failed: {status:?}");
    std::fs::read_to_string(&dom).expect("UTF-8 DOM")
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
