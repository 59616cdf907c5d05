//! Links on the portal: only web, mail and phone addresses and relative links are
//! published, and the office's texts outside documents (the guide, the reports'
//! texts) and raw HTML follow the link rules of document bodies.

mod fixture;
use fixture::{doc_text, files, stderr, Site};
use std::path::Path;

/// Every kind of link a hostile or careless committer could write with a scheme
/// that runs script or opens other content, one per line from line 16 of the file.
const BAD_BODY: &str = "[查看附件](javascript:alert('xqz1'))

[参考资料][ref]

![图片](data:image/png;base64,WldHSzI=)

<vbscript:msgbox('xqz3')>

[大小写](<JaVa\tScRiPt:alert('xqz4')>)

[实体](&#106;avascript&#58;alert('xqz5'))

<a href=\"&#106;avascript&colon;alert('xqz6')\">原始链接</a>

段落<img src=\" data:text/html;base64,WldHSzc=\" alt=\"图\">结束。

[文件](file:///etc/passwd)

[ref]: VBScript:msgbox('xqz2')";

/// Where each bad link starts: (line, column).
const BAD_AT: [(usize, usize); 9] = [
    (16, 1),
    (18, 1),
    (20, 1),
    (22, 1),
    (24, 1),
    (26, 1),
    (28, 4),
    (30, 8),
    (32, 1),
];

/// Lower-case pieces of the bad links that must be in no output byte.
const BAD_PIECES: [&str; 8] = [
    "javascript:",
    "vbscript:",
    "data:image",
    "data:text",
    "file:///",
    "xqz",
    "wldhsz", // the base64 payloads
    "/etc/passwd",
];

fn site_with_bad_links() -> Site {
    let site = Site::new();
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "附件链接的通知",
        "",
        BAD_BODY,
    );
    site
}

#[test]
fn links_with_other_schemes_stop_the_build_at_their_place() {
    let site = site_with_bad_links();
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for (line, column) in BAD_AT {
        let place = format!("content/general/a.md:{line}:{column}");
        let finding = err
            .lines()
            .find(|l| l.contains(&place))
            .unwrap_or_else(|| panic!("nothing at {place}:\n{err}"));
        assert!(finding.contains("links/scheme"), "{finding}");
    }
    assert_eq!(err.matches("links/scheme").count(), BAD_AT.len(), "{err}");
    assert!(
        err.contains("https://"),
        "the fix names what is allowed: {err}"
    );
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn web_mail_phone_and_relative_links_pass_and_are_published() {
    let site = Site::new();
    site.write("content/general/files/表.pdf", "%PDF-1.4");
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "链接的通知",
        "attachments:\n  - title: 表\n    file: files/表.pdf\n",
        "[国务院](https://www.gov.cn/) [旧站](http://www.gov.cn/) [邮件](mailto:gk@example.gov.cn) \
         [电话](tel:0371-12345678) <https://www.gov.cn/zhengce/> <gk@example.gov.cn> [本节](#一) \
         [附件](files/表.pdf) <a href=\"https://www.gov.cn/\">国</a> <a href=\"files/表.pdf\">表</a>",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read_out("docs/005283492-2025-00001/index.html");
    for href in [
        "href=\"https://www.gov.cn/\"",
        "href=\"http://www.gov.cn/\"",
        "href=\"mailto:gk@example.gov.cn\"",
        "href=\"tel:0371-12345678\"",
        "href=\"https://www.gov.cn/zhengce/\"",
        "href=\"files/%E8%A1%A8.pdf\"",
    ] {
        assert!(page.contains(href), "{href}");
    }
}

/// The whole output the site would have if the link rules were skipped: what the
/// renderer alone lets through (as `serve` may show while a site has errors).
fn output_without_checks(root: &Path) -> Vec<(String, Vec<u8>)> {
    let config = zwgk::config::SiteConfig::load(root).expect("site.toml loads");
    let loaded = zwgk::load::load(root, config, None);
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    fixture::output_past_the_gate(loaded, today)
}

fn assert_nowhere(output: &[(String, Vec<u8>)], pieces: &[&str]) {
    assert!(output.len() > 10, "pages were rendered");
    for (path, bytes) in output {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for p in pieces {
            assert!(
                !path.to_lowercase().contains(p) && !text.contains(&p.to_lowercase()),
                "{p} in {path}"
            );
        }
    }
}

#[test]
fn the_renderer_alone_never_writes_other_schemes() {
    let site = site_with_bad_links();
    let output = output_without_checks(site.root());
    assert_nowhere(&output, &BAD_PIECES);
    let page = &output
        .iter()
        .find(|(p, _)| p == "docs/005283492-2025-00001/index.html")
        .expect("the document's page")
        .1;
    let page = String::from_utf8_lossy(page);
    assert!(
        page.contains("查看附件") && page.contains("原始链接"),
        "the text stays"
    );
}

const MARKER: &str = "zwgkwithheldmarker";

/// A published document, and a withheld one whose file name and slug hold the marker.
fn site_with_withheld_target() -> Site {
    let site = Site::new();
    site.doc(
        "content/general/public.md",
        "005283492/2025-00001",
        "公开的通知",
        "",
        "公开正文。",
    );
    let withheld = doc_text(
        "005283492/2025-00002",
        "不公开的请示",
        &format!(
            "slug: {MARKER}-slug\nwithheld_reason: 过程性信息\nwithheld_basis: 条例第十六条\n"
        ),
        "内部正文。",
    )
    .replace("disclosure: 主动公开", "disclosure: 依申请公开");
    site.write(&format!("content/general/{MARKER}.md"), withheld);
    site
}

const REPORT_DATA: &str = "主动公开: {本年废止: {行政规范性文件: 0}, 行政许可: 0, 行政处罚: 0, 行政强制: 0, 行政事业性收费: 0}\n依申请公开: {}\n行政复议和行政诉讼: {}\n";

#[test]
fn a_guide_link_to_a_withheld_document_stops_the_build() {
    let site = site_with_withheld_target();
    site.write(
        "content/_guide.md",
        format!(
            "## 本指南的更新\n\n见[通知](general/public.md)。\n\n## 其他事项\n\n另见[请示](general/{MARKER}.md)和<a href=\"general/{MARKER}.md\">请示</a>。\n"
        ),
    );
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/_guide.md:7:3") && err.contains("content/_guide.md:7:42"),
        "{err}"
    );
    assert_eq!(err.matches("links/withheld-document").count(), 2, "{err}");
    assert!(!site.out().exists());
    // Unchecked, the renderer still keeps the name off the page.
    assert_nowhere(&output_without_checks(site.root()), &[MARKER]);
    let output = output_without_checks(site.root());
    let guide = String::from_utf8_lossy(
        &output
            .iter()
            .find(|(p, _)| p == "guide/index.html")
            .expect("guide page")
            .1,
    )
    .into_owned();
    assert!(
        guide.contains("<a href=\"../docs/005283492-2025-00001/index.html\">通知</a>"),
        "a .md link of the guide reaches the document's page from guide/"
    );
}

#[test]
fn a_report_text_link_to_a_withheld_or_missing_document_stops_the_build() {
    let site = site_with_withheld_target();
    site.write("content/_reports/2025.yaml", REPORT_DATA);
    site.write(
        "content/_reports/2025.md",
        format!(
            "本报告依据条例编制，见[通知](../general/public.md)。\n\n## 一、总体情况\n\n全年公开，另有[请示](../general/{MARKER}.md)。\n\n见[缺失](../general/none.md)和[脚本](javascript:alert(1))。\n"
        ),
    );
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for (place, rule) in [
        ("content/_reports/2025.md:5:8", "links/withheld-document"),
        ("content/_reports/2025.md:7:2", "links/missing-document"),
        ("content/_reports/2025.md:7:27", "links/scheme"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(place))
            .unwrap_or_else(|| panic!("nothing at {place}:\n{err}"));
        assert!(line.contains(rule), "{line}");
    }
    let output = output_without_checks(site.root());
    assert_nowhere(&output, &[MARKER, "javascript:"]);
    let report = String::from_utf8_lossy(
        &output
            .iter()
            .find(|(p, _)| p == "reports/2025/index.html")
            .expect("report page")
            .1,
    )
    .into_owned();
    assert!(
        report.contains("<a href=\"../../docs/005283492-2025-00001/index.html\">通知</a>"),
        "{report}"
    );
}

#[test]
fn raw_html_links_follow_the_link_rules() {
    let site = site_with_withheld_target();
    site.write("content/general/files/other.pdf", "%PDF-1.4");
    site.doc(
        "content/general/a.md",
        "005283492/2025-00003",
        "原始链接的通知",
        "",
        &format!(
            "<p>见<a href=\"public.md\">通知</a>。</p>\n\n<p>又见<a href=\"{MARKER}.md#一\">请示</a>、\n<img src=\"files/other.pdf\" alt=\"表\">和<a href=none.md>缺失</a>。</p>"
        ),
    );
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for (place, rule) in [
        ("content/general/a.md:18:9", "links/withheld-document"),
        ("content/general/a.md:19:6", "links/file-not-attached"),
        ("content/general/a.md:19:40", "links/missing-document"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(place))
            .unwrap_or_else(|| panic!("nothing at {place}:\n{err}"));
        assert!(line.contains(rule), "{line}");
    }
    assert_eq!(err.matches("content/general/a.md:").count(), 3, "{err}");
    let output = output_without_checks(site.root());
    assert_nowhere(&output, &[MARKER]);
    let page = String::from_utf8_lossy(
        &output
            .iter()
            .find(|(p, _)| p == "docs/005283492-2025-00003/index.html")
            .expect("page")
            .1,
    )
    .into_owned();
    assert!(
        page.contains("href=\"../../docs/005283492-2025-00001/index.html\""),
        "raw HTML .md links reach the document's page: {page}"
    );
    assert!(files(&site.root().join("content")).len() > 3);
}

/// Attachment names with `#`, `?`, `%` or a space are reached by their link:
/// the href is percent-encoded, the copied file keeps its name.
#[test]
fn attachment_hrefs_are_percent_encoded() {
    let site = Site::new();
    site.write("content/general/files/第1#号 ?50%.pdf", "%PDF-1.4");
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "附件名的通知",
        "attachments:\n  - title: 表\n    file: \"files/第1#号 ?50%.pdf\"\n",
        "正文。",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read_out("docs/005283492-2025-00001/index.html");
    assert!(
        page.contains("files/%E7%AC%AC1%23%E5%8F%B7%20%3F50%25.pdf\""),
        "{page}"
    );
    assert!(site
        .out()
        .join("docs/005283492-2025-00001/files/第1#号 ?50%.pdf")
        .is_file());
    let json = site.read_out("catalogue.json");
    assert!(
        json.contains("files/%E7%AC%AC1%23%E5%8F%B7%20%3F50%25.pdf"),
        "{json}"
    );
}
