//! The application form prints on one A4 page, in real headless Chromium.

mod fixture;
mod support;
use fixture::{stderr, Site};

/// The page count of a PDF: the `/Count` of its page tree root.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let pages = text.find("/Type /Pages").expect("a page tree");
    let count = &text[pages..][text[pages..].find("/Count ").expect("a page count") + 7..];
    count[..count.find(|c: char| !c.is_ascii_digit()).unwrap()]
        .parse()
        .unwrap()
}

/// The first page's size in PDF points, from its MediaBox.
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
    let Some(browser) = support::chromium() else {
        return;
    };
    let site = Site::new();
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = support::print_to_pdf(&browser, &site.out().join("apply/index.html"));
    assert_eq!(page_count(&pdf), 1, "the form alone, on one sheet");
    let (w, h) = first_page_size(&pdf);
    assert!(
        (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
        "A4, got {w} x {h}"
    );
}
