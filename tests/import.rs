//! `zwgk import`: a Word 公文 becomes a draft (docs/import.md). Each test builds
//! its .docx (tests/docx) or uses one an office suite wrote (tests/fixtures/import),
//! imports it through the binary and checks the draft exactly.

mod docx;
mod fixture;
use docx::{gongwen, run, Docx, PNG};
use fixture::{stderr, Site};
use std::path::Path;

fn import(site: &Site, args: &[&str]) -> std::process::Output {
    let mut a = vec!["import"];
    a.extend_from_slice(args);
    site.zwgk(&a)
}

/// Imports `rel` (written from `d`), expects success; returns (draft path, text, stderr).
fn import_ok(site: &Site, rel: &str, d: &Docx, extra: &[&str]) -> (String, String, String) {
    site.write(rel, d.bytes());
    let mut args = vec![rel];
    args.extend_from_slice(extra);
    let out = import(site, &args);
    let err = stderr(&out);
    assert!(out.status.success(), "import failed:\n{err}");
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let text = std::fs::read_to_string(site.path(&path)).unwrap();
    (path, text, err)
}

fn front(text: &str) -> &str {
    let end = text[4..].find("\n---\n").unwrap() + 4;
    &text[..end + 5]
}

fn body(text: &str) -> &str {
    &text[front(text).len()..]
}

fn check(site: &Site) -> (bool, String) {
    let out = site.zwgk(&["check"]);
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out)),
    )
}

const HEADER: &str = "---\n# 由 zwgk import 从 通知.docx 导入：逐项核对，保密审查后填写 review，再删去 draft 一行\n# imported by zwgk import: check every value; after the review fill in review, then delete the draft line\n";

#[test]
fn a_gongwen_becomes_a_draft_with_its_metadata() {
    let site = Site::new();
    let d = gongwen(|d| {
        d.text("为深入贯彻《中华人民共和国政府信息公开条例》，现就有关事项通知如下。")
            .text("一、总体要求")
            .text("（一）工作目标。坚持以公开为常态、不公开为例外。")
            .text("1. 加强组织领导。")
            .text("（1）明确责任分工；")
            .text("— 2 —")
    });
    let (path, text, err) = import_ok(&site, "in/通知.docx", &d, &[]);
    assert_eq!(path, "content/general/005283492-2025-00001.md");
    assert_eq!(
        front(&text),
        format!(
            "{HEADER}title: 测试区人民政府关于做好2025年政务公开工作的通知\nindex_no: 005283492/2025-00001\npublisher: qzf\ndoc_type: 通知\ndoc_no: 测政〔2025〕7号\ncreated: 2025-03-10\npublished:            # 发布日期：发布时填写 / fill in when publishing\ncategory: 执行公开     # 五公开：文件中没有，请核对 / not in the file: check it\ndisclosure: 主动公开\nreview:\n  reviewer: \n  date: \n  conclusion: \ndraft: true\n---\n"
        )
    );
    // the 版头, the 版记 and the page number are gone; the levels follow docs/markdown.md
    assert_eq!(
        body(&text),
        "\n各街道办事处，区政府各部门：\n\n为深入贯彻《中华人民共和国政府信息公开条例》，现就有关事项通知如下。\n\n## 一、总体要求\n\n**（一）工作目标。**坚持以公开为常态、不公开为例外。\n\n1.加强组织领导。\n\n（1）明确责任分工；\n\n测试区人民政府\n\n2025年3月10日\n\n（此件公开发布）\n"
    );
    // every guess is said, with where it came from
    for line in [
        "已导入 imported in/通知.docx → content/general/005283492-2025-00001.md",
        "索引号 index_no: 005283492/2025-00001",
        "发布机构 publisher: qzf（测试区人民政府）  ← 第3段，发文机关标志“测试区人民政府”",
        "标题 title: 测试区人民政府关于做好2025年政务公开工作的通知  ← 第5–6段，居中，22磅",
        "文种 doc_type: 通知  ← 标题末尾",
        "文号 doc_no: 测政〔2025〕7号  ← 第4段，居中",
        "成文日期 created: 2025-03-10  ← 第15段，“2025年3月10日”，居右",
        "公开属性 disclosure: 主动公开  ← 第16段，附注“（此件公开发布）”",
        "主送机关 addressees: 各街道办事处，区政府各部门：",
        "五公开 category: 执行公开  ← 文件中没有",
    ] {
        assert!(err.contains(line), "stderr should say {line:?}:\n{err}");
    }
    let (ok, report) = check(&site);
    assert!(ok, "{report}");
    assert!(report.contains("0 处错误，0 处警告"), "{report}");
}

#[test]
fn the_draft_is_published_once_reviewed() {
    let site = Site::new();
    let d = gongwen(|d| d.text("各单位要按照标准目录及时公开政府信息。"));
    let (path, text, _) = import_ok(&site, "in/通知.docx", &d, &[]);
    let reviewed = text
        .replace(
            "published:            # 发布日期：发布时填写 / fill in when publishing",
            "published: 2025-03-14",
        )
        .replace(
            "  reviewer: \n  date: \n  conclusion: \n",
            "  reviewer: 王明\n  date: 2025-03-12\n  conclusion: 同意公开\n",
        )
        .replace("draft: true\n", "");
    site.write(&path, reviewed);
    let (ok, report) = check(&site);
    assert!(ok, "{report}");
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read_out("docs/005283492-2025-00001/index.html");
    for s in [
        "测试区人民政府关于做好2025年政务公开工作的通知",
        "测政〔2025〕7号",
        "2025-03-10",
        "005283492/2025-00001",
        "各单位要按照标准目录及时公开政府信息。",
    ] {
        assert!(page.contains(s), "the page should show {s}");
    }
    assert!(!page.contains("抄送"), "the 版记 is not published");
}

#[test]
fn word_numbering_is_written_out() {
    let site = Site::new();
    let d = gongwen(|d| {
        d.numbered(1, 0, "总体要求")
            .numbered(1, 1, "工作目标")
            .numbered(1, 1, "基本原则。坚持依法公开。")
            .numbered(1, 2, "加强领导。")
            .numbered(1, 3, "明确分工；")
            .numbered(1, 4, "第一项")
            .numbered(1, 0, "工作任务")
            .numbered(1, 1, "推进公开")
    })
    .numbering_xml(&[
        ("chineseCounting", "%1、"),
        ("chineseCountingThousand", "（%2）"),
        ("decimal", "%3."),
        ("decimal", "（%4）"),
        ("decimalEnclosedCircle", "%5"),
    ]);
    let (_, text, _) = import_ok(&site, "in/通知.docx", &d, &[]);
    assert!(
        body(&text).contains("## 一、总体要求\n\n### （一）工作目标\n\n**（二）基本原则。**坚持依法公开。\n\n1.加强领导。\n\n（1）明确分工；\n\n①第一项\n\n## 二、工作任务\n\n### （一）推进公开\n"),
        "{text}"
    );
}

#[test]
fn tables_images_footnotes_and_emphasis() {
    let site = Site::new();
    let cell = |t: &str, tcpr: &str| {
        format!(
            "<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p>{}</w:p></w:tc>",
            run(t, "")
        )
    };
    let merged = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        cell("类别", ""),
        cell("金额", r#"<w:gridSpan w:val="2"/>"#),
        cell("一般公共预算", r#"<w:vMerge w:val="restart"/>"#),
        cell("收入", ""),
        cell("1000", ""),
        cell("", "<w:vMerge/>"),
        cell("支出", ""),
        cell("980", ""),
    );
    let plain = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("项目", ""),
        cell("金额（万元）", ""),
        cell("基本支出", ""),
        cell("2215.70", ""),
    );
    let d = gongwen(|d| {
        d.p(
            "",
            &[
                run("要把", ""),
                run("“五公开”", "<w:b/>"),
                run("要求落实到", ""),
                run("公文办理", "<w:i/>"),
                run("全过程。", ""),
                run("隐藏的批注文字", "<w:vanish/>"),
            ]
            .concat(),
        )
        .raw(&plain)
        .raw(&merged)
        .image("image1.png", PNG, "示范区位置图")
        .with_footnote(
            "依据条例第十九条",
            2,
            "《中华人民共和国政府信息公开条例》第十九条。",
        )
    });
    let (path, text, err) = import_ok(&site, "in/通知.docx", &d, &[]);
    let b = body(&text);
    assert!(
        b.contains("要把**“五公开”**要求落实到*公文办理*全过程。\n"),
        "{b}"
    );
    assert!(
        !text.contains("隐藏的批注文字"),
        "hidden text is not imported"
    );
    assert!(err.contains("import/hidden-text"), "{err}");
    assert!(
        b.contains("| 项目 | 金额（万元） |\n|---|---|\n| 基本支出 | 2215.70 |\n"),
        "{b}"
    );
    assert!(
        b.contains("<table>\n<tr><th>类别</th><th colspan=\"2\">金额</th></tr>\n<tr><td rowspan=\"2\">一般公共预算</td><td>收入</td><td>1000</td></tr>\n<tr><td>支出</td><td>980</td></tr>\n</table>\n"),
        "{b}"
    );
    assert!(
        b.contains("![示范区位置图](005283492-2025-00001.files/image1.png)"),
        "{b}"
    );
    assert!(b.contains("依据条例第十九条[^1]"), "{b}");
    assert!(
        b.ends_with("[^1]: 《中华人民共和国政府信息公开条例》第十九条。\n"),
        "{b}"
    );
    // the picture is a file beside the draft, listed so that it is published with it
    assert!(front(&text).contains(
        "attachments:\n  - title: 示范区位置图\n    file: 005283492-2025-00001.files/image1.png\n"
    ));
    let image = site
        .path(&path)
        .with_file_name("005283492-2025-00001.files/image1.png");
    assert_eq!(std::fs::read(image).unwrap(), PNG);
    let (ok, report) = check(&site);
    assert!(ok, "{report}");
}

#[test]
fn a_note_other_than_public_keeps_the_document_off_the_portal() {
    let site = Site::new();
    let d = Docx::new()
        .centered("测试区财政局关于调整资金的复函", 44)
        .text("区教育局：")
        .text("你局来函收悉。经研究，同意调整。")
        .right("测试区财政局")
        .right("二〇二五年三月十日")
        .text("（此件依申请公开）");
    let (_, text, err) = import_ok(&site, "in/通知.docx", &d, &[]);
    let fm = front(&text);
    for line in [
        "publisher: czj\n",
        "index_no: 005283513/2025-00001\n",
        "doc_type: 函\n",
        "doc_no: \n",
        "created: 2025-03-10\n",
        "disclosure: 依申请公开\n",
        "withheld_reason:       # 不公开理由：请填写 / the reason: fill it in\n",
        "withheld_basis:        # 不公开依据：请填写 / the legal basis: fill it in\n",
    ] {
        assert!(fm.contains(line), "{line:?} in\n{fm}");
    }
    assert!(
        !fm.contains("published:") && !fm.contains("review:"),
        "{fm}"
    );
    assert!(
        err.contains(
            "发布机构 publisher: czj（测试区财政局）  ← 第4段，成文日期上方的署名“测试区财政局”"
        ),
        "{err}"
    );
    assert!(err.contains("import/withheld"), "{err}");
    // the reason and the basis are a person's to write: check says so, on their lines
    let (ok, report) = check(&site);
    assert!(!ok);
    assert!(
        report.contains("disclosure/withheld-reason")
            && report.contains("disclosure/withheld-basis"),
        "{report}"
    );
    assert_eq!(report.matches("错误 error[").count(), 2, "{report}");
}

#[test]
fn a_classified_document_is_imported_as_not_disclosed() {
    let site = Site::new();
    let d = gongwen(|d| d.text("SECRET-MARKER 涉及国家秘密的内容。")).clone();
    // 密级 in the 版头
    let mut d = d;
    d.body = d.body.replacen("000123", "机密★1年", 1);
    let (_, text, err) = import_ok(&site, "in/通知.docx", &d, &[]);
    let fm = front(&text);
    assert!(fm.contains("disclosure: 不予公开\nwithheld_reason: 文件标有密级“机密★1年”，属于国家秘密\nwithheld_basis: 《中华人民共和国政府信息公开条例》第十四条\n"), "{fm}");
    assert!(err.contains("import/secret"), "{err}");
    let (ok, report) = check(&site);
    assert!(ok, "{report}");
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in fixture::files(&site.out()) {
        let bytes = std::fs::read(site.out().join(&f)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-MARKER"),
            "{} holds the classified text",
            f.display()
        );
    }
}

#[test]
fn the_publisher_comes_from_the_file_or_the_option() {
    let site = Site::new();
    let d = Docx::new()
        .centered("关于开展检查的通知", 44)
        .text("各单位：")
        .text("定于下月开展检查。")
        .right("某某委员会")
        .right("2025年3月10日");
    site.write("in/通知.docx", d.bytes());
    let out = import(&site, &["in/通知.docx"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("import/no-publisher")
            && err.contains("某某委员会")
            && err.contains("--publisher"),
        "{err}"
    );
    assert!(!site.path("content/general").exists(), "nothing is written");
    let out = import(&site, &["in/通知.docx", "--publisher", "czj"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "content/general/005283513-2025-00001.md"
    );
    assert!(stderr(&out).contains("--publisher（文件中的发文机关未能与 site.toml 相符）"));
    let out = import(&site, &["in/通知.docx", "--publisher", "nobody"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("import/unknown-publisher"));
}

#[test]
fn a_folder_imports_in_order_and_a_bad_file_leaves_nothing() {
    let site = Site::new();
    site.doc(
        "content/general/old.md",
        "005283492/2025-00007",
        "旧文件",
        "",
        "正文。",
    );
    let doc = |title: &str, no: &str| {
        let mut d = gongwen(|d| d.text("正文。"));
        d.body = d
            .body
            .replace("测政〔2025〕7号", no)
            .replace("测试区人民政府关于做好2025年", title)
            .replace("政务公开工作的通知", "的通知");
        d
    };
    site.write("in/a.docx", doc("关于甲", "测政〔2025〕8号").bytes());
    site.write("in/b.docx", doc("关于乙", "测政〔2025〕9号").bytes());
    let good = doc("关于丙", "测政〔2025〕10号").bytes();
    site.write("in/c.docx", &good[..good.len() / 2]);
    site.write("in/d.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    site.write("in/e.pdf", b"%PDF-1.7\n");
    site.write("in/~$a.docx", b"owner file of Word");
    site.write("in/readme.txt", b"x");
    let out = import(&site, &["in"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/general/005283492-2025-00008.md\ncontent/general/005283492-2025-00009.md\n"
    );
    for needle in [
        "import/damaged]: in/c.docx",
        "import/legacy-format]: in/d.doc",
        "请在 WPS/Word 中另存为 .docx",
        "import/pdf-or-ofd]: in/e.pdf",
        "--attach-original",
        "导入 2 个，未导入 3 个",
    ] {
        assert!(err.contains(needle), "{needle:?} in:\n{err}");
    }
    assert!(
        !err.contains("~$a.docx"),
        "Word's owner files are skipped quietly"
    );
    assert_eq!(
        fixture::files(&site.path("content/general")),
        [
            Path::new("005283492-2025-00008.md"),
            Path::new("005283492-2025-00009.md"),
            Path::new("old.md")
        ]
    );
}

#[test]
fn nothing_is_overwritten_and_nothing_imported_twice() {
    let site = Site::new();
    let d = gongwen(|d| d.image("image1.png", PNG, ""));
    // a folder of the same name is there already: refused, nothing written
    site.write(
        "content/general/005283492-2025-00001.files/keep.txt",
        b"office file",
    );
    site.write("in/通知.docx", d.bytes());
    let out = import(&site, &["in/通知.docx"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("import/exists"), "{}", stderr(&out));
    assert_eq!(
        fixture::files(&site.path("content/general")),
        [Path::new("005283492-2025-00001.files/keep.txt")]
    );
    std::fs::remove_dir_all(site.path("content/general")).unwrap();
    let out = import(&site, &["in/通知.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = import(&site, &["in/通知.docx"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("import/already-imported")
            && err.contains("content/general/005283492-2025-00001.md"),
        "{err}"
    );
}

#[test]
fn attachments_named_in_the_list_and_the_original_are_attached() {
    let site = Site::new();
    let d = gongwen(|d| {
        d.text("现将有关名单印发给你们。")
            .text("附件：1.2025年政务公开重点任务分工")
            .text("2.联系人名单")
    });
    site.write("in/附件1：2025年政务公开重点任务分工.xlsx", b"xlsx bytes");
    site.write("in/通知.pdf", b"%PDF-1.7 sealed");
    let (path, text, err) = import_ok(
        &site,
        "in/通知.docx",
        &d,
        &["--attach-original", "in/通知.pdf"],
    );
    assert!(front(&text).contains(
        "attachments:\n  - title: 2025年政务公开重点任务分工\n    file: 005283492-2025-00001.files/附件1：2025年政务公开重点任务分工.xlsx\n  - title: 测试区人民政府关于做好2025年政务公开工作的通知（原件）\n    file: 005283492-2025-00001.files/通知.pdf\n"
    ), "{text}");
    assert!(
        err.contains("import/attachment-not-found") && err.contains("联系人名单"),
        "{err}"
    );
    let dir = site
        .path(&path)
        .with_file_name("005283492-2025-00001.files");
    assert_eq!(
        std::fs::read(dir.join("通知.pdf")).unwrap(),
        b"%PDF-1.7 sealed"
    );
    let (ok, report) = check(&site);
    assert!(ok, "{report}");
}

#[test]
fn to_and_domain_choose_the_folder() {
    let site = Site::new();
    let d = gongwen(|d| d.text("正文。"));
    let (path, _, _) = import_ok(&site, "in/通知.docx", &d, &["--domain", "czyjs"]);
    assert_eq!(path, "content/czyjs/005283492-2025-00001.md");
    let out = import(&site, &["in/通知.docx", "--to", "review"]);
    // the 文号 is in content/ already
    assert!(stderr(&out).contains("import/already-imported"));
    std::fs::remove_file(site.path(&path)).unwrap();
    let out = import(&site, &["in/通知.docx", "--to", "review"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("import/outside-content"));
    assert!(site.path("review/005283492-2025-00001.md").is_file());
}

/// The bad-input corpus: each is refused with its file's name and a rule id,
/// never a panic, and nothing is written.
#[test]
fn broken_files_are_refused_with_their_name() {
    let site = Site::new();
    let good = gongwen(|d| d.text("正文。"));
    let mut no_doc = good.clone();
    no_doc.no_document = true;
    let mut bad_xml = good.clone();
    bad_xml.document_override = Some(b"<w:document><w:body><w:p></w:body>".to_vec());
    let mut not_utf8 = good.clone();
    not_utf8.document_override = Some(vec![0xFF, 0xFE, 0x00, 0xD8]);
    let empty = Docx::new().empty().empty();
    let mut huge = good.clone();
    // 40 MB of zeros: a few kB in the zip, over the bound when inflated
    huge.document_override = Some({
        let mut x = good.document_xml().into_bytes();
        x.extend(std::iter::repeat_n(b' ', 40 * 1024 * 1024));
        x
    });
    let bytes = good.bytes();
    let mut xlsx = Docx::new();
    xlsx.no_document = true;
    xlsx.extra
        .push(("xl/workbook.xml".into(), b"<workbook/>".to_vec()));
    let mut ofd = Docx::new();
    ofd.no_document = true;
    ofd.extra.push(("OFD.xml".into(), b"<ofd:OFD/>".to_vec()));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not-a-zip.docx",
            b"just some text".to_vec(),
            "import/not-docx",
        ),
        (
            "truncated.docx",
            bytes[..bytes.len() - 40].to_vec(),
            "import/damaged",
        ),
        ("no-document.docx", no_doc.bytes(), "import/damaged"),
        ("bad-xml.docx", bad_xml.bytes(), "import/damaged"),
        ("not-utf8.docx", not_utf8.bytes(), "import/damaged"),
        ("empty.docx", empty.bytes(), "import/empty"),
        ("zero-bytes.docx", Vec::new(), "import/empty"),
        ("huge.docx", huge.bytes(), "import/too-large"),
        (
            "old.doc",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
            "import/legacy-format",
        ),
        (
            "renamed-doc.docx",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
            "import/legacy-format",
        ),
        ("scan.pdf", b"%PDF-1.4".to_vec(), "import/pdf-or-ofd"),
        (
            "renamed-pdf.docx",
            b"%PDF-1.4".to_vec(),
            "import/pdf-or-ofd",
        ),
        ("sealed.docx", ofd.bytes(), "import/pdf-or-ofd"),
        ("table.docx", xlsx.bytes(), "import/not-docx"),
    ];
    assert!(huge.bytes().len() < 1024 * 1024, "the bomb is small");
    for (name, data, rule) in cases {
        let rel = format!("in/{name}");
        site.write(&rel, &data);
        let out = import(&site, &[&rel]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{name}: {err}");
        assert!(
            err.contains(&format!("{rule}]: {rel}")),
            "{name}: expected {rule}:\n{err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(
            !site.path("content/general").exists(),
            "{name}: nothing written"
        );
    }
    let out = import(&site, &["in/missing.docx"]);
    assert!(stderr(&out).contains("import/unreadable]: in/missing.docx"));
}

/// Two files written by LibreOffice from Debian (`soffice --headless
/// --convert-to docx`), sources in tests/fixtures/import/.
#[test]
fn files_written_by_an_office_suite() {
    let site = Site::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["notice.docx", "measures.docx"] {
        site.write(
            &format!("in/{name}"),
            std::fs::read(fixtures.join(name)).unwrap(),
        );
    }
    let out = import(&site, &["in/notice.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text =
        std::fs::read_to_string(site.path("content/general/005283492-2025-00001.md")).unwrap();
    let fm = front(&text);
    for line in [
        "title: 测试区人民政府关于做好2025年政务公开工作的通知\n",
        "index_no: 005283492/2025-00001\n",
        "publisher: qzf\n",
        "doc_type: 通知\n",
        "doc_no: 测政〔2025〕7号\n",
        "created: 2025-03-10\n",
        "disclosure: 主动公开\n",
    ] {
        assert!(fm.contains(line), "notice: {line:?} in\n{fm}");
    }
    let b = body(&text);
    for part in [
        "\n各街道办事处，区政府各部门：\n\n",
        "## 一、总体要求\n\n",
        "**（一）工作目标。**",
        "（此件公开发布）\n",
    ] {
        assert!(b.contains(part), "notice: {part:?} in\n{b}");
    }
    assert!(!b.contains("抄送") && !b.contains("印发"), "{b}");

    let out = import(&site, &["in/measures.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text =
        std::fs::read_to_string(site.path("content/general/005283513-2025-00001.md")).unwrap();
    let fm = front(&text);
    for line in [
        "title: 测试区财政资金管理办法（试行）\n",
        "publisher: czj\n",
        "doc_type: 办法\n",
        "doc_no: 测财〔2025〕3号\n",
        "created: 2025-06-18\n",
    ] {
        assert!(fm.contains(line), "measures: {line:?} in\n{fm}");
    }
    let b = body(&text);
    for part in [
        "## 第一章 总则\n\n",
        "第一条",
        "<table>",
        "colspan=\"2\"",
        "[^1]",
    ] {
        assert!(b.contains(part), "measures: {part:?} in\n{b}");
    }
    let (ok, report) = check(&site);
    assert!(ok, "{report}");
}

/// The sample in examples/import imports into the example portal (README).
#[test]
fn the_example_sample_imports_into_the_example_portal() {
    let root = env!("CARGO_MANIFEST_DIR");
    let to = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .args(["-C", root, "import"])
        .arg(Path::new(root).join("examples/import/open-day-notice.docx"))
        .arg("--to")
        .arg(to.path())
        .env("ZWGK_TODAY", fixture::EXAMPLE_TODAY)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let draft = fixture::files(to.path());
    assert_eq!(draft.len(), 1, "{draft:?}");
    let text = std::fs::read_to_string(to.path().join(&draft[0])).unwrap();
    for line in [
        "title: 示范区人民政府办公室关于举办2026年“政府开放日”活动的通知\n",
        "publisher: qzfb\n",
        "doc_no: 示政办〔2026〕30号\n",
        "created: 2026-05-08\n",
        "index_no: 005283505/2026-",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert!(
        body(&text).contains("## 一、活动安排\n\n**（一）活动时间。**"),
        "{text}"
    );
}

/// Without a 版头, a title in large type is the title, not a banner.
#[test]
fn a_large_title_without_a_banner_is_the_title() {
    let site = Site::new();
    let d = Docx::new()
        .centered("测试区财政局关于开展", 72)
        .centered("资金检查的通知", 72)
        .text("各单位：")
        .text("定于下月开展检查。")
        .right("测试区财政局")
        .right("2025年4月1日");
    let (_, text, _) = import_ok(&site, "in/通知.docx", &d, &[]);
    assert!(
        front(&text).contains("title: 测试区财政局关于开展资金检查的通知\n"),
        "{text}"
    );
    assert!(front(&text).contains("publisher: czj\n"), "{text}");
}

/// In a folder, the PDF with the .docx's name is its sealed original, not a refusal.
#[test]
fn in_a_folder_the_pdf_of_the_same_name_is_the_original() {
    let site = Site::new();
    site.write("in/通知.docx", gongwen(|d| d.text("正文。")).bytes());
    site.write("in/通知.pdf", b"%PDF-1.7 sealed");
    let out = import(&site, &["in"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("import/pdf-or-ofd"), "{err}");
    let text =
        std::fs::read_to_string(site.path("content/general/005283492-2025-00001.md")).unwrap();
    assert!(
        front(&text).contains("    file: 005283492-2025-00001.files/通知.pdf\n"),
        "{text}"
    );
}
