//! Output paths are unique: no page or file of the portal is ever written over
//! another. A clash is an error naming both sides, and nothing is built.

mod fixture;
use fixture::{stderr, Site};

/// `zwgk build` fails naming every needle, and writes nothing.
fn refused(site: &Site, needles: &[&str]) {
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "the build must fail:\n{err}");
    assert!(!site.out().exists(), "nothing may be written");
    for n in needles {
        assert!(err.contains(n), "stderr should contain {n:?}:\n{err}");
    }
}

#[test]
fn two_documents_with_one_slug() {
    let site = Site::new();
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "甲文件",
        "slug: budget\n",
        "正文甲。",
    );
    site.doc(
        "content/general/b.md",
        "005283492/2025-00002",
        "乙文件",
        "slug: budget\n",
        "正文乙。",
    );
    refused(
        &site,
        &[
            "index/duplicate-url",
            "content/general/a.md",
            "content/general/b.md",
            "docs/budget/",
        ],
    );
}

#[test]
fn a_slug_that_is_another_documents_address() {
    let site = Site::new();
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "甲文件",
        "",
        "正文甲。",
    );
    site.doc(
        "content/general/b.md",
        "005283492/2025-00002",
        "乙文件",
        "slug: 005283492-2025-00001\n",
        "正文乙。",
    );
    refused(
        &site,
        &[
            "index/duplicate-url",
            "content/general/a.md",
            "content/general/b.md:",
        ],
    );
}

const ITEMS: &str =
    "name: 财政预决算\nitems:\n  - id: \"9.1\"\n    name: 预算\n  - id: \"9-1\"\n    name: 决算\n";

#[test]
fn two_item_ids_on_one_item_page() {
    let site = Site::new();
    site.write("content/czyjs/_domain.yaml", ITEMS);
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "甲文件",
        "",
        "正文甲。",
    );
    refused(
        &site,
        &[
            "domain/duplicate-item-url",
            "content/czyjs/_domain.yaml",
            "\"9.1\"",
            "\"9-1\"",
        ],
    );
}

#[test]
fn chinese_item_ids_get_pages_of_their_own() {
    let site = Site::new();
    site.write(
        "content/czyjs/_domain.yaml",
        "name: 财政预决算\nitems:\n  - id: 甲\n    name: 预算事项\n  - id: 乙\n    name: 决算事项\n",
    );
    site.doc(
        "content/czyjs/a.md",
        "005283492/2025-00001",
        "甲事项文件",
        "item: 甲\n",
        "正文。",
    );
    site.doc(
        "content/czyjs/b.md",
        "005283492/2025-00002",
        "乙事项文件",
        "item: 乙\n",
        "正文。",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = site.read_out("domains/czyjs/items/甲/index.html");
    let second = site.read_out("domains/czyjs/items/乙/index.html");
    assert!(
        first.contains("甲事项文件") && !first.contains("乙事项文件"),
        "{first}"
    );
    assert!(
        second.contains("乙事项文件") && !second.contains("甲事项文件"),
        "{second}"
    );
    let doc = site.read_out("docs/005283492-2025-00001/index.html");
    assert!(
        doc.contains("domains/czyjs/items/甲/"),
        "the document links to its item"
    );
    let sitemap = site.read_out("sitemap.xml");
    assert!(
        sitemap.contains("domains/czyjs/items/%E7%94%B2/"),
        "{sitemap}"
    );
}
