//! `zwgk serve` as staff use it: the real binary on a loopback port, edited on disk.

mod fixture;
mod support;

use fixture::{numbered, numbered_on_request, numbered_path, numbered_url, Site};

use support::serve::Serve;

const SCRIPT: &str = "__zwgk_live";
const OVERLAY: &str = "__zwgk_overlay";

#[test]
fn an_edit_is_served_at_once() {
    let site = Site::with_documents(3);
    let serve = Serve::start(site.root(), &[]);
    let page = numbered_url(1);
    let first = serve.get(&page);
    assert_eq!(first.status, 200);
    assert!(first.text().contains("正文1") && first.text().contains(SCRIPT));

    // Saved through a temp file and a rename, as many editors do.
    site.save_atomically(
        &numbered_path(1),
        &numbered(1, "文件1", "", "第一次修改后的正文。"),
    );
    serve.wait_for(&page, "the first edit", |r| {
        r.text().contains("第一次修改后的正文")
    });

    // Written in place.
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "", "第二次修改后的正文。"),
    );
    serve.wait_for(&page, "the second edit", |r| {
        r.text().contains("第二次修改后的正文")
    });

    // A new folder with a new document; a deleted document.
    site.write(
        "content/新栏目/doc4.md",
        numbered(4, "新文件四", "", "正文4。"),
    );
    serve.wait_for(&numbered_url(4), "the new document", |r| {
        r.status == 200 && r.text().contains("新文件四")
    });
    std::fs::remove_file(site.path(&numbered_path(2))).unwrap();
    serve.wait_for(&numbered_url(2), "the deleted document to go", |r| {
        r.status == 404
    });
    // A renamed folder is still watched: an edit inside it shows.
    std::fs::rename(site.path("content/general"), site.path("content/renamed")).unwrap();
    site.write(
        "content/renamed/doc1.md",
        numbered(1, "文件1", "", "改名后的文件夹里的修改。"),
    );
    serve.wait_for(&numbered_url(1), "the edit in the renamed folder", |r| {
        r.text().contains("改名后的文件夹里的修改")
    });
    serve.wait_for_log("重新生成"); // the terminal says what was rebuilt
}

#[test]
fn a_broken_document_shows_the_overlay_until_it_is_fixed() {
    let site = Site::with_documents(2);
    let serve = Serve::start(site.root(), &[]);
    let page = numbered_url(1);
    assert!(!serve.get(&page).text().contains(OVERLAY));

    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "titel: 错字\n", "正文1。"),
    );
    let broken = serve.wait_for(&page, "the error overlay", |r| r.text().contains(OVERLAY));
    let text = broken.text();
    // The broken file's own page is hidden until it loads again (what it holds now is unknown).
    assert_eq!(broken.status, 503, "the broken document's page is hidden");
    assert!(!text.contains("正文1"), "its last good page is not shown");
    assert!(
        text.contains("content/general/doc1.md:"),
        "file and line in the overlay:\n{text}"
    );
    assert!(text.contains("titel"), "the message names the key");
    // Another document's last good page is still served, under the overlay.
    let other = serve.get(&numbered_url(2));
    assert_eq!(other.status, 200, "the last good build is still served");
    assert!(other.text().contains("正文2") && other.text().contains(OVERLAY));
    serve.wait_for_log("titel"); // the terminal prints the error too

    // Bad YAML, then the fix.
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "topics: [未闭合\n", "正文1。"),
    );
    serve.wait_for(&page, "the YAML error", |r| {
        r.text().contains(OVERLAY) && !r.text().contains("titel")
    });
    site.write(&numbered_path(1), numbered(1, "文件1", "", "修好了。"));
    let fixed = serve.wait_for(&page, "the fixed page", |r| r.text().contains("修好了"));
    assert!(!fixed.text().contains(OVERLAY));
}

#[test]
fn a_document_switched_to_on_request_disappears_everywhere() {
    let site = Site::with_documents(2);
    site.write(
        &numbered_path(3),
        numbered(3, "标记QK5文件", "", "标记QK5正文。"),
    );
    let serve = Serve::start(site.root(), &[]);
    assert!(
        serve.get("").text().contains("QK5"),
        "listed on the home page at first"
    );

    site.write(
        &numbered_path(3),
        numbered_on_request(3, "标记QK5文件", "标记QK5正文。"),
    );
    serve.wait_for(&numbered_url(3), "the page to go", |r| r.status == 404);
    for path in ["", "404.html", &numbered_url(1), &numbered_url(2)] {
        assert!(
            !serve.get(path).text().contains("QK5"),
            "/{path} still shows the withheld document"
        );
    }
}

#[test]
fn files_are_served_with_their_content_types() {
    let site = Site::with_documents(1);
    for (name, _) in TYPES {
        site.write(&format!("static/files/{name}"), "x");
    }
    let serve = Serve::start(site.root(), &[]);
    for (name, ty) in TYPES {
        let encoded =
            percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
        let r = serve.get(&format!("files/{encoded}"));
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(*ty)),
            "{name}"
        );
    }
    let missing = serve.get("no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("页面不存在"), "the site's 404 page");
    let folder = serve.get(numbered_url(1).trim_end_matches('/'));
    assert_eq!(
        (folder.status, folder.header("location")),
        (301, Some(format!("/{}", numbered_url(1)).as_str()))
    );
}

const TYPES: &[(&str, &str)] = &[
    ("data.json", "application/json; charset=utf-8"),
    ("data.csv", "text/csv; charset=utf-8"),
    ("feed.xml", "text/xml; charset=utf-8"),
    ("font.woff2", "font/woff2"),
    ("报告.pdf", "application/pdf"),
    ("style.css", "text/css; charset=utf-8"),
];

#[test]
fn drafts_show_only_with_the_flag_and_never_in_build_output() {
    let site = Site::with_documents(1);
    site.write(
        &numbered_path(2),
        numbered(2, "草稿DR4", "draft: true\n", "草稿正文DR4。"),
    );
    {
        let serve = Serve::start(site.root(), &[]);
        assert_eq!(serve.get(&numbered_url(2)).status, 404);
    }
    let serve = Serve::start(site.root(), &["--drafts"]);
    let page = serve.get(&numbered_url(2));
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("草稿正文DR4") && page.text().contains("预览"),
        "marked as not published"
    );
    drop(serve);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .arg("-C")
        .arg(site.root())
        .arg("build")
        .env("ZWGK_TODAY", "2026-11-22")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in fixture::files(&site.out()) {
        let text =
            String::from_utf8_lossy(&std::fs::read(site.out().join(&f)).unwrap()).into_owned();
        assert!(!text.contains("DR4"), "{f:?} leaks the draft");
        assert!(!text.contains("__zwgk"), "{f:?} carries the serve script");
    }
}

#[test]
fn a_taken_port_is_said_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::with_documents(1);
    let serve = Serve::start_on(site.root(), port, &[]);
    assert!(!serve.url.ends_with(&format!(":{port}/")), "{}", serve.url);
    serve.wait_for_log(&format!("port {port} is in use"));
    assert_eq!(serve.get("").status, 200);
}

#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_files() {
    let site = Site::with_documents(2);
    let before = fixture::files(site.root());
    let serve = Serve::start(site.root(), &[]);
    site.write(&numbered_path(1), numbered(1, "文件1", "", "改。"));
    serve.wait_for(&numbered_url(1), "the edit", |r| r.text().contains("改。"));
    let status = serve.interrupt();
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(
        fixture::files(site.root()),
        before,
        "serve wrote nothing into the site"
    );
}

#[test]
fn a_folder_without_a_site_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .arg("-C")
        .arg(dir.path())
        .args(["serve", "--port", "0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("site.toml"));
}

/// A browser keeps its connections open and opens several new ones at once (a page
/// and its scripts). Every request must be answered promptly however many stay open:
/// tiny_http's thread pool could lose one in a burst until another connection closed.
#[test]
fn bursts_of_new_connections_are_all_answered_while_others_stay_open() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    let site = Site::with_documents(1);
    let serve = Serve::start(site.root(), &[]);
    let addr = serve
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    // One keep-alive request; the connection is returned open, or the request's error.
    let ask = |addr: String| -> Result<TcpStream, String> {
        let mut s = TcpStream::connect(&addr).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: keep-alive\r\n\r\n"
        )
        .unwrap();
        let mut first = [0u8; 12];
        s.read_exact(&mut first)
            .map_err(|e| format!("no answer within 10 s: {e}"))?;
        Ok(s)
    };
    let mut open = Vec::new();
    for round in 0..8 {
        let burst: Vec<_> = (0..6)
            .map(|_| {
                let addr = addr.clone();
                std::thread::spawn(move || ask(addr))
            })
            .collect();
        for request in burst {
            let conn = request.join().unwrap();
            open.push(conn.unwrap_or_else(|e| panic!("round {round}: {e}")));
        }
        if round % 2 == 1 {
            open.clear(); // the browser closes its idle connections
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// After a failed rebuild, nothing the server answers, at any path the last good
/// build served, holds a document the current source withholds; the overlay names it.
#[test]
fn a_failed_rebuild_never_serves_a_withheld_document() {
    let site = Site::with_documents(3);
    site.write("content/general/files/附件XK8.pdf", "%PDF-1.4 附件内容XK8");
    let marked = numbered(
        4,
        "标记XK8文件",
        "summary: 标记XK8概述\nattachments:\n  - title: 标记XK8附件\n    file: files/附件XK8.pdf\n",
        "标记XK8正文。",
    );
    site.write(&numbered_path(4), &marked);
    // Every path the last good build serves, as the server will have them.
    let mut paths: Vec<String> = {
        let mut inc = zwgk::serve::incremental::Incremental::new(site.root(), false);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let r = inc.rebuild(today).expect("builds");
        r.files.into_keys().collect()
    };
    paths.sort();
    let serve = Serve::start(site.root(), &[]);
    let page = numbered_url(4);
    assert!(serve.get(&page).text().contains("XK8"));

    // One save: an unrelated error in document 1, and document 4 withheld.
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "titel: 错字\n", "正文1。"),
    );
    site.write(
        &numbered_path(4),
        numbered_on_request(4, "标记XK8文件", "标记XK8正文。"),
    );
    let hidden = serve.wait_for(&page, "the page to be hidden", |r| {
        !r.text().contains("XK8")
    });
    let text = hidden.text();
    assert!(
        text.contains(OVERLAY) && text.contains(&numbered_path(4)),
        "the overlay names the file:\n{text}"
    );
    assert!(text.contains("Hidden until the errors are fixed"), "{text}");
    for path in &paths {
        let encoded: String = path
            .split('/')
            .map(|s| {
                percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("/");
        let r = serve.get(&encoded);
        assert!(
            !r.text().to_lowercase().contains("xk8"),
            "/{path} still serves the withheld document ({})",
            r.status
        );
    }
    assert_eq!(
        serve.get("assets/style.css").status,
        200,
        "the theme's files stay"
    );
    assert_eq!(
        serve.get(&numbered_url(2)).status,
        200,
        "an untouched document stays"
    );
    serve.wait_for_log("hidden until the errors are fixed");

    // Both fixed, with document 4 published again: it is back.
    site.write(&numbered_path(1), numbered(1, "文件1", "", "正文1。"));
    site.write(&numbered_path(4), &marked);
    let back = serve.wait_for(&page, "the page to come back", |r| {
        r.status == 200 && r.text().contains("XK8")
    });
    assert!(!back.text().contains(OVERLAY));
    assert!(
        serve.get("").text().contains("XK8"),
        "listed on the home page again"
    );
}
