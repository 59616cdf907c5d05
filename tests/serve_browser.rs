//! In real headless Chromium: a page open in the browser reloads by itself after
//! an edit, shows the error overlay when a document breaks, and clears it when fixed.

mod fixture;
mod support;

use fixture::{numbered, numbered_path, numbered_url, Site};

use std::time::Duration;
use support::browser::Browser;
use support::serve::{Serve, PATIENCE};

const RELOAD_WAIT: Duration = PATIENCE;

#[test]
fn the_open_page_reloads_by_itself() {
    let site = Site::with_documents(2);
    let serve = Serve::start(site.root(), &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}{}", serve.url, numbered_url(1)));
    assert_eq!(
        browser.run("return document.body.innerText.includes('正文1')"),
        true
    );

    // A mark that lives only as long as this page does: a reload clears it.
    browser.run("window.__notReloaded = true; return true");
    site.save_atomically(
        &numbered_path(1),
        &numbered(1, "文件1", "", "浏览器里看到的新正文。"),
    );
    let reloaded = browser.wait_until(
        "return window.__notReloaded === undefined && document.body.innerText.includes('浏览器里看到的新正文')",
        RELOAD_WAIT,
    );
    assert!(
        reloaded,
        "the page did not reload with the new text; server log:\n{}",
        serve.log()
    );

    // Break the document: the overlay appears (over an explanation: the broken
    // document's own page is hidden until it loads again).
    browser.run("window.__notReloaded = true; return true");
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "titel: 错字\n", "浏览器里看到的新正文。"),
    );
    let overlay = browser.wait_until(
        "var o = document.getElementById('__zwgk_overlay'); \
         return window.__notReloaded === undefined && !!o && o.innerText.includes('content/general/doc1.md')",
        RELOAD_WAIT,
    );
    assert!(
        overlay,
        "no error overlay appeared; server log:\n{}",
        serve.log()
    );

    // Fix it: the overlay goes away by itself.
    site.write(&numbered_path(1), numbered(1, "文件1", "", "改好了。"));
    let cleared = browser.wait_until(
        "return !document.getElementById('__zwgk_overlay') && document.body.innerText.includes('改好了')",
        RELOAD_WAIT,
    );
    assert!(
        cleared,
        "the overlay did not clear; server log:\n{}",
        serve.log()
    );
}
