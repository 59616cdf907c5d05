//! The default theme's Content-Security-Policy in a real browser: the theme's own
//! scripts and styles (reading aids, search, the site's colours) work over HTTP and
//! from a folder on disk, and a script written into a page does not run.

mod fixture;
mod support;

use fixture::{stderr, Site};
use support::{dump_dom, dump_dom_url, file_url, Server};

/// Writes whether inline script ran, and what the theme's script and style did.
const CHECK: &str = "<script>document.documentElement.setAttribute('data-inline', 'ran')</script>";

fn built_site() -> Site {
    let site = Site::new();
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "关于审查工作的通知",
        "",
        "各单位要做好审查工作。\n\n<b>原文</b>[国务院](https://www.gov.cn/)",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.out().join("docs/005283492-2025-00001/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("http-equiv=\"Content-Security-Policy\""),
        "the page carries the policy"
    );
    std::fs::write(&page, html.replace("</body>", &format!("{CHECK}</body>"))).unwrap();
    site
}

/// The `<html>` start tag of a dumped DOM.
fn html_tag(dom: &str) -> &str {
    let start = dom.find("<html").expect("an html element");
    &dom[start..start + dom[start..].find('>').unwrap()]
}

#[test]
fn theme_scripts_run_and_written_scripts_do_not() {
    let Some(browser) = support::chromium() else {
        return;
    };
    let site = built_site();
    let server = Server::start(&site.out(), "/xxgk/");
    let page = "docs/005283492-2025-00001/index.html";
    for dom in [
        dump_dom(&browser, &site.out().join(page), 1280, 800),
        dump_dom_url(
            &browser,
            &format!("{}{page}", server.base),
            1280,
            800,
            10_000,
        ),
    ] {
        let html = html_tag(&dom);
        assert!(html.contains("class=\"js"), "theme.js ran: {html}");
        assert!(
            !html.contains("data-inline"),
            "an inline script ran: {html}"
        );
    }
    // Search loads its script and index files from the site, from disk and over HTTP.
    let query = "search/index.html?q=%E5%AE%A1%E6%9F%A5";
    for url in [
        format!(
            "{}?q=%E5%AE%A1%E6%9F%A5",
            file_url(&site.out().join("search/index.html"))
        ),
        format!("{}{query}", server.base),
    ] {
        let dom = dump_dom_url(&browser, &url, 1280, 800, 10_000);
        assert!(dom.contains("找到 1 条结果"), "{url}:\n{dom}");
        assert!(dom.contains("<mark>审查</mark>"), "{url}");
    }
}
