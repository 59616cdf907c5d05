//! What may be published, and how the output is written.

mod fixture;
use fixture::{doc_text, files, stderr, Site};

const ASCII_MARKER: &str = "ZWGK-SECRET-MARKER";
const CJK_MARKER: &str = "绝密测试标记甲乙丙";

/// A document of each withheld kind, each carrying the markers in title, summary, body and attachment.
fn site_with_withheld_documents() -> Site {
    let site = Site::new();
    site.doc(
        "content/general/public.md",
        "005283492/2025-00001",
        "公开的通知",
        "",
        "公开正文。",
    );
    let kinds = [
        (
            "on-request",
            "disclosure: 依申请公开\nwithheld_reason: 过程性信息\nwithheld_basis: 条例第十六条\n",
        ),
        (
            "not-disclosed",
            "disclosure: 不予公开\nwithheld_reason: 个人隐私\nwithheld_basis: 条例第十五条\n",
        ),
        ("draft", "draft: true\n"),
        ("scheduled", ""),
    ];
    for (n, (kind, extra)) in kinds.iter().enumerate() {
        let index_no = format!("005283492/2025-{:05}", n + 2);
        let marker = format!("{ASCII_MARKER}-{kind} {CJK_MARKER}");
        let mut text = doc_text(
            &index_no,
            &format!("关于{marker}的请示"),
            &format!("summary: 概述{marker}\nattachments:\n  - title: 附件{marker}\n    file: files/{ASCII_MARKER}-{kind}.pdf\n"),
            &format!("正文{marker}。\n\n| 表 |\n|---|\n| {marker} |"),
        );
        if extra.starts_with("disclosure") {
            text = text.replace("disclosure: 主动公开\n", extra);
        } else if extra.is_empty() {
            text = text.replace("published: 2025-03-04", "published: 2027-01-05");
        } else {
            text = text.replace("---\n\n", &format!("{extra}---\n\n"));
        }
        site.write(&format!("content/czyjs/{kind}.md"), text);
        site.write(
            &format!("content/czyjs/files/{ASCII_MARKER}-{kind}.pdf"),
            format!("%PDF-1.4 {marker}"),
        );
    }
    // The annual report counts the withheld documents of its year: counts only.
    site.write(
        "content/_reports/2025.yaml",
        "主动公开: {本年废止: {行政规范性文件: 0}, 行政许可: 0, 行政处罚: 0, 行政强制: 0, 行政事业性收费: 0}\n依申请公开: {}\n行政复议和行政诉讼: {}\n",
    );
    site
}

#[test]
fn withheld_documents_leave_no_trace_in_the_output() {
    let site = site_with_withheld_documents();
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("依申请公开 1，不予公开 1"), "{err}");
    assert!(err.contains("草稿 1，未到发布日期 1"), "{err}");
    let forms = fixture::marker_forms(ASCII_MARKER, CJK_MARKER);
    let all = files(&site.out());
    assert!(all.len() > 10, "the build wrote pages");
    for rel in &all {
        let name = rel.to_string_lossy();
        assert!(
            !name.contains(ASCII_MARKER),
            "withheld attachment copied: {name}"
        );
        let bytes = std::fs::read(site.out().join(rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for f in &forms {
            assert!(!text.contains(&f.to_lowercase()), "{f} leaked into {name}");
        }
    }
    assert!(site.read_out("index.html").contains("公开的通知"));
    let report = site.read_out("reports/2025/index.html");
    assert!(
        report.contains("另有依申请公开 1 件、不予公开 1 件"),
        "counted, not shown"
    );
}

#[test]
fn an_unreviewed_document_stops_the_build() {
    let site = Site::new();
    let text = doc_text("005283492/2025-00001", "未审查的通知", "", "正文。");
    let start = text.find("review:").unwrap();
    let end = text.find("---\n\n").unwrap();
    site.write(
        "content/a.md",
        format!("{}{}", &text[..start], &text[end..]),
    );
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("disclosure/review-missing"),
        "{}",
        stderr(&out)
    );
    assert!(!site.out().exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = site_with_withheld_documents();
    for i in 0..5 {
        site.doc(
            &format!("content/czyjs/d{i}.md"),
            &format!("005283513/2025-{:05}", i + 1),
            &format!("预算文件{i}"),
            "item: \"1.1\"\n",
            "正文。",
        );
    }
    assert!(site.zwgk(&["build", "-o", "one"]).status.success());
    assert!(site.zwgk(&["build", "-o", "two"]).status.success());
    let (one, two) = (site.root().join("one"), site.root().join("two"));
    assert_eq!(files(&one), files(&two));
    for rel in files(&one) {
        assert_eq!(
            std::fs::read(one.join(&rel)).unwrap(),
            std::fs::read(two.join(&rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new();
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "第一版",
        "",
        "正文。",
    );
    assert!(site.zwgk(&["build"]).status.success());
    let before = files(&site.out());
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "第二版",
        "",
        "正文。",
    );
    site.write("content/b.md", "---\ntitle: [broken\n---\n");
    assert!(!site.zwgk(&["build"]).status.success());
    assert_eq!(files(&site.out()), before);
    assert!(site
        .read_out("docs/005283492-2025-00001/index.html")
        .contains("第一版"));
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("zwgk-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn init_creates_a_site_that_builds_with_the_binary_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str], dir: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap()
    };
    let init = run(&["init", "portal"], tmp.path());
    assert!(init.status.success());
    assert!(
        stderr(&init).contains("docs/使用说明.md"),
        "init points to the operator's guide: {}",
        stderr(&init)
    );
    let site = tmp.path().join("portal");
    assert!(std::fs::read_to_string(site.join("site.toml"))
        .unwrap()
        .contains("docs/使用说明.md"));
    let out = run(&["build"], &site);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("public/index.html").is_file());
    assert!(
        site.join("public/assets/style.css").is_file(),
        "the embedded theme ships its assets"
    );
    assert!(
        !run(&["init", "portal"], tmp.path()).status.success(),
        "init refuses to overwrite a site"
    );

    let new = run(
        &["new", "关于做好防汛工作的通知", "--publisher", "qzf"],
        &site,
    );
    assert!(new.status.success(), "{}", stderr(&new));
    let path = String::from_utf8(new.stdout).unwrap();
    let text = std::fs::read_to_string(site.join(path.trim())).unwrap();
    assert!(text.contains("title: 关于做好防汛工作的通知"), "{text}");
    assert!(
        text.contains("\nsummary: \n"),
        "a summary line to fill in: {text}"
    );
    assert!(
        text.contains("/2026-00003") || text.contains("-00003"),
        "next free sequence after the two samples: {text}"
    );
    let out = run(&["build"], &site);
    assert!(
        out.status.success(),
        "a new draft does not break the build: {}",
        stderr(&out)
    );
}

#[test]
fn init_scaffolds_national_pilot_domains() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap()
    };
    assert!(
        run(&["init", "a", "--domain", "社会救助", "--domain", "ywjy"])
            .status
            .success()
    );
    let yaml = std::fs::read_to_string(tmp.path().join("a/content/shjz/_domain.yaml")).unwrap();
    assert!(
        yaml.contains("name: 社会救助") && yaml.contains("最低生活保障"),
        "{yaml}"
    );
    assert!(tmp.path().join("a/content/ywjy/_domain.yaml").is_file());
    assert!(run(&["-C", "a", "build"]).status.success());
    assert!(tmp
        .path()
        .join("a/public/domains/shjz/index.html")
        .is_file());
    let bad = run(&["init", "b", "--domain", "不存在的领域"]);
    assert!(!bad.status.success() && stderr(&bad).contains("不是国家试点领域"));
    assert!(!tmp.path().join("b/site.toml").exists());
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = Site::new();
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "覆盖模板",
        "",
        "正文。",
    );
    site.write("templates/document.html", "<p>自定义：{{ doc.title }}</p>");
    assert!(site.zwgk(&["build"]).status.success());
    assert_eq!(
        site.read_out("docs/005283492-2025-00001/index.html"),
        "<p>自定义：覆盖模板</p>"
    );
}

/// The inspection reports of `zwgk check` (HTML for the office, JSON with its
/// `inspection` block) are made from published documents and counts: the withheld
/// documents' titles, summaries, bodies and attachments appear in neither.
#[test]
fn withheld_documents_never_reach_the_inspection_reports() {
    let site = site_with_withheld_documents();
    let forms = fixture::marker_forms(ASCII_MARKER, CJK_MARKER);
    for args in [
        &["check", "--format", "html"][..],
        &["check", "--format", "json", "--inspect"][..],
        &["check", "--inspect"][..],
    ] {
        let out = site.zwgk(args);
        let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
        assert!(text.len() > 500, "{args:?} reported: {text}");
        for f in &forms {
            assert!(
                !text.contains(&f.to_lowercase()),
                "{f} leaked into {args:?}"
            );
        }
    }
    let html = String::from_utf8(site.zwgk(&["check", "--format", "html"]).stdout).unwrap();
    assert!(html.contains("件未公开（只计数）"), "counted");
}

/// A document that becomes withheld loses its page in the same rebuild, and no
/// byte of it stays anywhere beside the output either (the tree a rebuild keeps
/// for the next one holds only files the new output shares).
#[test]
fn a_document_withheld_since_the_last_build_loses_its_page_in_the_rebuild() {
    let site = Site::with_documents(3);
    let marker = format!("{ASCII_MARKER} {CJK_MARKER}");
    site.write(
        &fixture::numbered_path(2),
        fixture::numbered(2, &format!("通知{marker}"), "", &format!("正文{marker}。")),
    );
    for _ in 0..2 {
        let out = site.zwgk(&["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let page = format!("{}index.html", fixture::numbered_url(2));
    assert!(site.read_out(&page).contains(CJK_MARKER), "published first");
    site.write(
        &fixture::numbered_path(2),
        fixture::numbered_on_request(2, &format!("通知{marker}"), &format!("正文{marker}。")),
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.out().join(&page).exists(), "the old page is gone");
    // Everything zwgk keeps in the site's folder: the output and what lies beside it.
    let mut checked = 0;
    for rel in files(site.root()) {
        if rel.starts_with("content") {
            continue;
        }
        let text =
            String::from_utf8_lossy(&std::fs::read(site.root().join(&rel)).unwrap()).to_lowercase();
        for f in [ASCII_MARKER, CJK_MARKER] {
            assert!(!text.contains(&f.to_lowercase()), "{f} left in {rel:?}");
        }
        checked += 1;
    }
    assert!(checked > 10);
}
