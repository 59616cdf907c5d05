//! The mistakes staff really make: each is reported with file and line, and
//! nothing is written; or it is handled correctly.

mod fixture;
use fixture::{stderr, Site};

/// Builds a site holding one good document and `bad`; expects failure naming `needle`s.
fn refuses(bad: &[u8], needles: &[&str]) -> String {
    let site = Site::new();
    site.doc(
        "content/general/good.md",
        "005283492/2025-00001",
        "好文件",
        "",
        "正文。",
    );
    site.write("content/general/bad.md", bad);
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "build should fail:\n{err}");
    assert!(!site.out().exists(), "nothing may be written");
    for n in needles {
        assert!(err.contains(n), "stderr should contain {n:?}:\n{err}");
    }
    err
}

fn good_doc(extra: &str) -> String {
    fixture::doc_text("005283492/2025-00002", "测试文件", extra, "正文。")
}

#[test]
fn missing_required_key() {
    let text = good_doc("").replace("doc_type: 通知\n", "");
    refuses(
        text.as_bytes(),
        &[
            "content/general/bad.md:2",
            "schema/missing-key",
            "doc_type",
            "文种",
        ],
    );
}

#[test]
fn impossible_date() {
    let text = good_doc("").replace("created: 2025-03-02", "created: 2019-13-45");
    refuses(
        text.as_bytes(),
        &["content/general/bad.md:6", "2019-13-45", "不存在"],
    );
}

#[test]
fn dates_written_the_chinese_way_are_accepted() {
    let site = Site::new();
    let text = good_doc("")
        .replace("created: 2025-03-02", "created: 2025/3/2")
        .replace("published: 2025-03-04", "published: 2025年3月4日");
    site.write("content/general/a.md", text);
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read_out("docs/005283492-2025-00002/index.html");
    assert!(page.contains("2025-03-02") && page.contains("2025-03-04"));
}

#[test]
fn full_width_colon() {
    let text = good_doc("").replace("title: 测试文件", "title：测试文件");
    refuses(text.as_bytes(), &["content/general/bad.md:2:6", "中文冒号"]);
}

#[test]
fn tab_in_yaml() {
    let text = good_doc("").replace("  reviewer:", "\treviewer:");
    refuses(text.as_bytes(), &["content/general/bad.md:11:1", "Tab"]);
}

#[test]
fn no_front_matter() {
    refuses(
        "# 关于某事的通知\n\n正文。\n".as_bytes(),
        &["content/general/bad.md:1", "---"],
    );
}

#[test]
fn empty_file() {
    refuses(b"", &["content/general/bad.md", "空的"]);
}

#[test]
fn bom_and_crlf_are_handled() {
    let site = Site::new();
    let text = format!("\u{feff}{}", good_doc("")).replace('\n', "\r\n");
    site.write("content/general/a.md", text);
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site
        .read_out("docs/005283492-2025-00002/index.html")
        .contains("测试文件"));
}

#[test]
fn gbk_file_is_refused_by_name() {
    let text = good_doc("");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    refuses(&gbk, &["content/general/bad.md:2", "GBK", "UTF-8"]);
}

#[test]
fn binary_file_named_md() {
    refuses(
        b"PK\x03\x04\x00\x00binary\x00\x00",
        &["content/general/bad.md", "不是文本文件"],
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let text = good_doc("summray: 概述\n");
    refuses(
        text.as_bytes(),
        &["content/general/bad.md:14", "summray", "summary"],
    );
}

#[test]
fn unknown_publisher() {
    let text = good_doc("").replace("publisher: qzf", "publisher: 测试区财政厅");
    refuses(
        text.as_bytes(),
        &["content/general/bad.md:4", "测试区财政厅", "测试区财政局"],
    );
}

#[test]
fn duplicate_index_no_names_both_files() {
    let text = fixture::doc_text("005283492/2025-00001", "重复", "", "正文。");
    // Reported on whichever of the two comes second in file order, naming the other.
    refuses(
        text.as_bytes(),
        &[
            "content/general/good.md:3",
            "content/general/bad.md",
            "index/duplicate",
        ],
    );
}

#[test]
fn attachment_outside_the_site() {
    let text = good_doc("attachments:\n  - title: 密码\n    file: ../../etc/passwd\n");
    refuses(
        text.as_bytes(),
        &["content/general/bad.md:14", "../../etc/passwd", "站点之外"],
    );
}

#[test]
fn slug_outside_the_site() {
    let text = good_doc("slug: ../../etc\n");
    refuses(text.as_bytes(), &["content/general/bad.md:14", "../../etc"]);
}

#[test]
fn every_error_of_a_run_is_reported() {
    let site = Site::new();
    site.write(
        "content/a.md",
        good_doc("").replace("title: 测试文件", "titel: 测试文件"),
    );
    site.write("content/b.md", "");
    site.write(
        "content/c.md",
        good_doc("")
            .replace("created: 2025-03-02", "created: 2025-02-30")
            .replace("2025-00002", "2025-00003"),
    );
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    for f in ["content/a.md:2", "content/b.md", "content/c.md:6"] {
        assert!(err.contains(f), "{f} missing:\n{err}");
    }
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn a_20_mb_document_builds() {
    let site = Site::new();
    let para =
        "各单位要高度重视政务公开工作，明确分管领导和具体经办人员，确保各项工作落到实处。\n\n";
    let body = para.repeat(20 * 1024 * 1024 / para.len());
    site.write(
        "content/general/big.md",
        good_doc("").replace("正文。", &body),
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::metadata(site.out().join("docs/005283492-2025-00002/index.html")).unwrap();
    assert!(page.len() > 20 * 1024 * 1024);
}

#[test]
fn script_in_a_title_is_escaped_everywhere() {
    let site = Site::new();
    let payload = "<script>alert(\"zwgk\")</script>";
    site.write(
        "content/general/a.md",
        good_doc("").replace(
            "title: 测试文件",
            &format!("title: '{payload}关于测试的通知'"),
        ),
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut seen_title = 0;
    for rel in fixture::files(&site.out()) {
        let bytes = std::fs::read(site.out().join(&rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if text.contains("关于测试的通知") {
            seen_title += 1;
        }
        if rel.extension().is_some_and(|e| e == "csv") {
            continue; // CSV is data for spreadsheets, not markup: the title stays as written
        }
        assert!(
            !text.contains("<script>alert"),
            "raw script in {}",
            rel.display()
        );
    }
    assert!(
        seen_title >= 4,
        "the title should appear in pages, feed and open data"
    );
}

#[test]
fn raw_html_in_the_body_is_sanitized_unless_the_site_opts_out() {
    let site = Site::new();
    site.write(
        "content/general/a.md",
        good_doc("").replace(
            "正文。",
            // (A relative `src` would have to be an attachment: raw HTML links are checked.)
            "正文<img src=https://www.gov.cn/x.png onerror=\"alert(1)\"><script>bad()</script>",
        ),
    );
    assert!(site.zwgk(&["build"]).status.success());
    let page = site.read_out("docs/005283492-2025-00002/index.html");
    assert!(
        !page.contains("onerror") && !page.contains("bad()"),
        "{page}"
    );

    site.write(
        "site.toml",
        format!("{}\n[markdown]\nunsafe_html = true\n", fixture::SITE_TOML),
    );
    assert!(site.zwgk(&["build"]).status.success());
    assert!(site
        .read_out("docs/005283492-2025-00002/index.html")
        .contains("<script>bad()</script>"));
}

/// The rule id a corpus file's name stands for: `schema__tab--x.md` → `schema/tab`.
fn corpus_rule(name: &str) -> String {
    name.split("--").next().unwrap().replace("__", "/")
}

/// `site.toml` of the fixture with the top-level `key = value` lines of `lines`.
fn site_toml_with(lines: &str) -> String {
    let mut toml = fixture::SITE_TOML.to_string();
    for line in lines.lines().filter(|l| l.contains('=')) {
        let key = line.split('=').next().unwrap().trim();
        let old = toml
            .lines()
            .find(|l| l.split('=').next().map(str::trim) == Some(key))
            .map(str::to_owned);
        toml = match old {
            Some(old) => toml.replacen(&old, line, 1),
            None => format!("{line}\n{toml}"),
        };
    }
    toml
}

/// tests/bad_input/: every input there is refused with the rule its name gives
/// (see tests/bad_input/README.md).
#[test]
fn the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input");
    let mut seen = 0;
    for kind in ["documents", "sites"] {
        for entry in std::fs::read_dir(dir.join(kind)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let rule = corpus_rule(&name);
            let site = Site::new();
            site.doc(
                "content/general/good.md",
                "005283492/2025-00001",
                "好文件",
                "",
                "正文。",
            );
            let bytes = std::fs::read(&path).unwrap();
            let file = if kind == "documents" {
                site.write("content/general/bad.md", &bytes);
                "content/general/bad.md"
            } else {
                site.write(
                    "site.toml",
                    site_toml_with(&String::from_utf8(bytes).unwrap()),
                );
                "site.toml"
            };
            let out = site.zwgk(&["check"]);
            let err = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
            assert!(!out.status.success(), "{name}: check should fail:\n{err}");
            assert!(
                err.contains(&rule) && err.contains(file),
                "{name}: expected {rule} in {file}:\n{err}"
            );
            seen += 1;
        }
    }
    assert!(seen >= 10, "the corpus holds {seen} inputs");
}

/// A title with a control character from site.toml (spelt as a TOML escape)
/// still leaves feed.xml well-formed XML.
#[test]
fn feed_stays_valid_xml_with_a_control_character_in_site_toml() {
    let site = Site::new();
    site.write(
        "site.toml",
        fixture::SITE_TOML.replace("测试区人民政府信息公开", "测试区\\u000B政府"),
    );
    site.doc(
        "content/general/a.md",
        "005283492/2025-00001",
        "好文件",
        "",
        "正文。",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let feed = site.read_out("feed.xml");
    assert!(feed.contains("<title>测试区政府</title>"), "{feed}");
    assert!(!feed.contains('\u{b}'));
}

/// A colleague's broken draft does not stop the build: it is skipped with a
/// warning naming it; `check` still reports it; a broken non-draft stops the build.
#[test]
fn a_broken_draft_is_skipped_by_build_but_not_by_check() {
    let site = Site::new();
    site.doc(
        "content/general/good.md",
        "005283492/2025-00001",
        "好文件",
        "",
        "正文。",
    );
    let broken = good_doc("draft: true\n").replace("title: 测试文件", "title：测试文件BD7");
    site.write("content/general/draft.md", &broken);
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("source/broken-draft") && err.contains("content/general/draft.md"),
        "{err}"
    );
    for f in fixture::files(&site.out()) {
        let text =
            String::from_utf8_lossy(&std::fs::read(site.out().join(&f)).unwrap()).into_owned();
        assert!(!text.contains("BD7"), "{f:?} holds the broken draft");
    }
    let out = site.zwgk(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(text.contains("schema/full-width-colon"), "{text}");

    site.write(
        "content/general/draft.md",
        broken.replace("draft: true\n", ""),
    );
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success(), "a broken non-draft stops the build");
}

/// An attachment path with `..` that stays inside the site is not said to leave
/// it, and its fix names the file; a folder is not said to be missing.
#[test]
fn attachment_paths_inside_the_site_and_folders_are_named_as_they_are() {
    let site = Site::new();
    site.write("content/czyjs/files/x.pdf", "%PDF-1.4");
    let text = good_doc("attachments:\n  - title: 表\n    file: ../czyjs/files/x.pdf\n");
    site.write("content/general/bad.md", &text);
    let out = site.zwgk(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(text.contains("content/czyjs/files/x.pdf"), "{text}");
    assert!(
        !text.contains("站点之外") && !text.contains("outside the site"),
        "{text}"
    );
    assert!(text.contains("file: files/x.pdf"), "{text}");

    site.write("content/general/files/dir/a.pdf", "%PDF-1.4");
    let text = good_doc("attachments:\n  - title: 表\n    file: files/dir\n");
    site.write("content/general/bad.md", &text);
    let out = site.zwgk(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("是一个文件夹") && !text.contains("不存在"),
        "{text}"
    );
}
