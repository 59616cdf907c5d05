//! The application form prints on one A4 page, in real headless Chromium
//! (Debian packages `chromium`, installed by .ci/run).

mod fixture;
use fixture::{stderr, Site};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
        .expect("chromium not found: install it (Debian: apt-get install chromium)")
}

/// Prints `page` to a PDF with Chromium's own print pipeline (A4 from the page's @page rule).
fn print_to_pdf(page: &Path) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let pdf = profile.path().join("out.pdf");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish printing within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read(&pdf).expect("chromium wrote the PDF")
}

/// The page count of a PDF: the `/Count` of its page tree root.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let pages = text.find("/Type /Pages").expect("a page tree");
    let count = &text[pages..][text[pages..].find("/Count ").expect("a page count") + 7..];
    count[..count.find(|c: char| !c.is_ascii_digit()).unwrap()]
        .parse()
        .unwrap()
}

/// A4 in PDF points, from the first page's MediaBox.
fn first_page_size(pdf: &[u8]) -> (f64, f64) {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/MediaBox [").expect("a media box") + "/MediaBox [".len();
    let nums: Vec<f64> = text[at..at + text[at..].find(']').unwrap()]
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[2] - nums[0], nums[3] - nums[1])
}

#[test]
fn the_application_form_prints_on_one_a4_page() {
    let site = Site::new();
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = print_to_pdf(&site.out().join("apply/index.html"));
    assert_eq!(page_count(&pdf), 1, "the form alone, on one sheet");
    let (w, h) = first_page_size(&pdf);
    assert!(
        (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
        "A4, got {w} x {h}"
    );
}
