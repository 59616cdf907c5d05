//! Search over the example portal and small fixture sites, through the Rust
//! reference searcher (the browser is held to the same results in
//! tests/search_browser.rs).

mod fixture;
mod support;

use support::portal::Portal;
use support::search_reference::Searcher;

/// Builds a fixture site and opens its search index.
fn build_and_open(site: &fixture::Site) -> Searcher {
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    Searcher::open(&site.out()).expect("the index opens")
}

fn index_nos(searcher: &Searcher, query: &str) -> Vec<String> {
    let hits = searcher
        .search(query)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    hits.iter()
        .map(|h| searcher.row(h.id).expect("a row").index_no)
        .collect()
}

#[test]
fn every_published_document_is_found_by_what_people_type() {
    let portal = Portal::build();
    let searcher = Searcher::open(&portal.out).expect("the index opens");
    assert_eq!(searcher.meta.docs as usize, portal.docs.len());
    let failures: Vec<String> = portal
        .expectations()
        .iter()
        .filter_map(|e| e.check(&index_nos(&searcher, &e.query)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn nothing_withheld_is_searchable_or_in_any_search_file() {
    let portal = Portal::build();
    assert!(
        portal.markers.len() >= 4,
        "the example has withheld and draft markers: {:?}",
        portal.markers
    );
    let searcher = Searcher::open(&portal.out).expect("the index opens");
    for m in &portal.markers {
        assert!(
            searcher.search(m).unwrap().is_empty(),
            "{m} finds something"
        );
    }
    let files = portal.search_files();
    assert!(files.len() > 3);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains("marker"), "{path} holds a marker");
        for t in &portal.withheld_titles {
            assert!(
                !text.contains(&t.to_lowercase()),
                "{path} holds the withheld title {t}"
            );
        }
    }
}

const SECRET_BODY: &str = "龘靐齉爩 zqxjkv7781 机密内容";

fn assert_no_secret_in_search_files(out: &std::path::Path) {
    for f in fixture::files(&out.join("search")) {
        let text = std::fs::read_to_string(out.join("search").join(&f)).unwrap();
        for secret in ["龘", "靐", "齉", "爩", "zqxjkv7781", "机密"] {
            assert!(!text.contains(secret), "{} holds {secret}", f.display());
        }
    }
}

#[test]
fn withheld_and_draft_documents_leave_no_trace_even_in_previews() {
    let site = fixture::Site::new();
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "关于公开事项的通知",
        "",
        "公开的正文。",
    );
    site.write(
        "content/b.md",
        fixture::doc_text("005283492/2025-00002", "依申请公开龘靐", "", SECRET_BODY).replace(
            "disclosure: 主动公开\n",
            "disclosure: 依申请公开\nwithheld_reason: 内部事务\nwithheld_basis: 条例第十六条\n",
        ),
    );
    site.doc(
        "content/c.md",
        "005283492/2025-00003",
        "草稿齉爩",
        "draft: true\n",
        SECRET_BODY,
    );
    let searcher = build_and_open(&site);
    assert_eq!(searcher.meta.docs, 1);
    for q in ["龘靐", "齉爩", "zqxjkv7781", "机密", "依申请公开龘靐", "龘"] {
        assert!(
            searcher.search(q).unwrap().is_empty(),
            "{q} finds something"
        );
    }
    assert_eq!(searcher.search("公开").unwrap().len(), 1);
    assert_no_secret_in_search_files(&site.out());

    // `serve --drafts` renders the draft as a preview page, but never indexes it.
    let preview_out = site.root().join("preview");
    let mut opts = zwgk::build::BuildOptions::new(site.root());
    opts.output = Some(preview_out.clone());
    opts.today = zwgk::util::dates::parse_date("2026-11-22").ok().unwrap();
    opts.preview = true;
    zwgk::build::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        preview_out
            .join("docs/005283492-2025-00003/index.html")
            .is_file(),
        "the draft is previewed"
    );
    assert_eq!(Searcher::open(&preview_out).unwrap().meta.docs, 1);
    assert_no_secret_in_search_files(&preview_out);
}

#[test]
fn title_matches_rank_above_body_matches_and_ties_go_to_the_newer() {
    let site = fixture::Site::new();
    site.doc(
        "content/a.md",
        "005283492/2024-00001",
        "关于农田水利工程的通知",
        "",
        "正文提到保密审查一次。",
    );
    site.doc(
        "content/b.md",
        "005283492/2025-00002",
        "关于保密审查工作的通知",
        "",
        "正文。",
    );
    site.doc(
        "content/c.md",
        "005283492/2025-00003",
        "关于道路养护的通知",
        "",
        "正文提到保密审查一次。",
    );
    let searcher = build_and_open(&site);
    assert_eq!(
        index_nos(&searcher, "保密审查"),
        [
            "005283492/2025-00002",
            "005283492/2025-00003",
            "005283492/2024-00001"
        ]
    );
    assert_eq!(index_nos(&searcher, "审查 道路"), ["005283492/2025-00003"]);
}

#[test]
fn queries_match_across_widths_brackets_and_case() {
    let site = fixture::Site::new();
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "关于印发PM2.5监测办法的通知",
        "doc_no: 测政办〔2025〕12号\n",
        "正文。",
    );
    site.doc(
        "content/b.md",
        "005283492/2025-00002",
        "关于道路的通知",
        "doc_no: 测政办〔2025〕3号\n",
        "正文。",
    );
    let searcher = build_and_open(&site);
    let a = ["005283492/2025-00001"];
    for q in [
        "测政办〔2025〕12号",
        "测政办[2025]12号",
        "测政办(2025)12号",
        "测政办〔２０２５〕１２号",
        "１２号",
        "12号",
        "pm2",
        "ＰＭ２",
        "PM2.5",
        "005283492/2025-00001",
    ] {
        assert_eq!(index_nos(&searcher, q), a, "{q}");
    }
    assert_eq!(index_nos(&searcher, "3号"), ["005283492/2025-00002"]);
    assert_eq!(
        searcher.search("测").unwrap().len(),
        2,
        "one ideograph finds titles and doc numbers"
    );
}

#[test]
fn search_files_are_deterministic() {
    let site = fixture::Site::new();
    for i in 1..=30 {
        site.doc(
            &format!("content/d{i}.md"),
            &format!("005283492/2025-{i:05}"),
            &format!("第{i}号公告关于政务公开"),
            "",
            "政务公开标准化规范化。",
        );
    }
    let read = |site: &fixture::Site| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        fixture::files(&site.out().join("search"))
            .into_iter()
            .map(|f| {
                let b = std::fs::read(site.out().join("search").join(&f)).unwrap();
                (f, b)
            })
            .collect()
    };
    assert!(site.zwgk(&["build"]).status.success());
    let first = read(&site);
    assert!(site.zwgk(&["build"]).status.success());
    assert_eq!(first, read(&site));
}

#[test]
fn every_page_has_a_search_box_leading_to_the_search_page() {
    let site = fixture::Site::new();
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "关于公开事项的通知",
        "",
        "正文。",
    );
    assert!(site.zwgk(&["build"]).status.success());
    for (page, root) in [
        ("index.html", ""),
        ("docs/005283492-2025-00001/index.html", "../../"),
        ("catalogue/index.html", "../"),
    ] {
        let html = site.read_out(page);
        assert!(
            html.contains(&format!("action=\"{root}search/index.html\"")),
            "{page}"
        );
        assert!(html.contains("name=\"q\""), "{page}");
    }
    let search = site.read_out("search/index.html");
    assert!(search.contains("<noscript>"));
    assert!(
        search.contains("src=\"../assets/search.js\" data-root=\"../\" data-index=\"../search/\"")
    );
    assert!(
        !search.contains("site-search-q"),
        "the search page has its own box"
    );
    assert!(site.out().join("assets/search.js").is_file());
}
