//! Organs (issue 16): each organ's column under /organs/, its guide, its reports
//! counted from its own documents only, and nothing withheld on any of its pages.

mod fixture;
mod support;

use fixture::{doc_text, files, stderr, Site};
use support::serve::Serve;

/// The fixture's two publishers as organs: the government (falling back to
/// `[office]`, phone 0371-12345678) and a department with its own office.
const ORGANS: &str = r#"
[[publishers]]
key = "qzf"
name = "测试区人民政府"
code = "005283492"
kind = "人民政府"

[[publishers]]
key = "czj"
name = "测试区财政局"
code = "005283513"
kind = "部门"
parent = "qzf"

[publishers.office]
name = "测试区财政局办公室"
address = "测试区中心路2号"
phone = "0371-88880000"
"#;

const REPORT: &str = "主动公开: {行政许可: 0, 行政处罚: 0, 行政强制: 0, 行政事业性收费: 0}\n依申请公开: {}\n行政复议和行政诉讼: {}\n";

const ASCII_MARKER: &str = "ZWGK-ORGAN-SECRET";
const CJK_MARKER: &str = "机关绝密标记丁戊己";

/// A site with organs: three 2025 documents of the government, two of the
/// department, and one withheld document of each.
fn organ_site() -> Site {
    let site = Site::new();
    let toml = fixture::SITE_TOML;
    let start = toml.find("[[publishers]]").unwrap();
    let end = toml.find("[footer]").unwrap();
    site.write(
        "site.toml",
        format!("{}{ORGANS}\n{}", &toml[..start], &toml[end..]),
    );
    for i in 1..=3 {
        site.doc(
            &format!("content/general/qzf{i}.md"),
            &format!("005283492/2025-{i:05}"),
            &format!("区政府通知{i}"),
            "",
            "正文。",
        );
    }
    for i in 1..=2 {
        site.doc(
            &format!("content/general/czj{i}.md"),
            &format!("005283513/2025-{i:05}"),
            &format!("财政局通知{i}"),
            "",
            "正文。",
        );
    }
    for (file, index_no, disclosure) in [
        ("qzf-withheld", "005283492/2025-00009", "不予公开"),
        ("czj-withheld", "005283513/2025-00009", "依申请公开"),
    ] {
        let marker = format!("{ASCII_MARKER}-{file} {CJK_MARKER}");
        let text = doc_text(
            index_no,
            &format!("关于{marker}的报告"),
            &format!("summary: 概述{marker}\ntopics: [政府信息公开制度]\nwithheld_reason: 过程性信息\nwithheld_basis: 条例第十六条\n"),
            &format!("正文{marker}。"),
        )
        .replace("disclosure: 主动公开", &format!("disclosure: {disclosure}"));
        site.write(&format!("content/general/{file}.md"), text);
    }
    site.write("content/_reports/2025.yaml", REPORT);
    site.write("content/_organs/czj/reports/2025.yaml", REPORT);
    site.write(
        "content/_organs/czj/profile.md",
        "## 机构职能\n\n负责全区财政工作。\n",
    );
    site
}

fn build(site: &Site) {
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_report_counts_only_its_own_organs_documents() {
    let site = organ_site();
    build(&site);
    let czj = site.read_out("organs/czj/reports/2025/index.html");
    assert!(
        czj.contains("测试区财政局2025年政府信息公开工作年度报告"),
        "{czj}"
    );
    assert!(
        czj.contains("<tfoot><tr><th scope=\"row\">合计</th><td>2</td><td>2</td></tr></tfoot>"),
        "two of its own documents, none of the government's: {czj}"
    );
    assert!(
        czj.contains("另有依申请公开 1 件、不予公开 0 件"),
        "its own withheld count only"
    );
    let qzf = site.read_out("reports/2025/index.html");
    assert!(
        qzf.contains("<tfoot><tr><th scope=\"row\">合计</th><td>3</td><td>3</td></tr></tfoot>"),
        "the government's report counts its three, not the department's: {qzf}"
    );
    assert!(qzf.contains("另有依申请公开 0 件、不予公开 1 件"));
    // The portal-wide catalogue still lists every organ's documents.
    let all = site.read_out("catalogue/index.html");
    assert!(all.contains("共 5 条"), "{all}");
}

#[test]
fn each_organs_guide_shows_its_own_office() {
    let site = organ_site();
    build(&site);
    let czj = site.read_out("organs/czj/guide/index.html");
    assert!(czj.contains("测试区财政局政府信息公开指南"));
    // The guide's own text, without the portal's footer.
    let guide =
        |page: &str| page[page.find("<main").unwrap()..page.find("</main>").unwrap()].to_string();
    let own = guide(&czj);
    assert!(
        own.contains("0371-88880000") && own.contains("测试区中心路2号"),
        "{own}"
    );
    assert!(
        !own.contains("0371-12345678"),
        "not the portal's phone: {own}"
    );
    let portal = guide(&site.read_out("guide/index.html"));
    assert!(portal.contains("0371-12345678") && !portal.contains("0371-88880000"));
    // Its own counts: two documents under 执行公开.
    assert!(czj.contains("<td>2 件</td>"), "{czj}");
}

#[test]
fn the_organ_pages_link_their_four_parts_and_the_navigation_links_the_organs() {
    let site = organ_site();
    build(&site);
    let organs = site.read_out("organs/index.html");
    for part in [
        "人民政府",
        "部门",
        "organs/qzf/index.html",
        "organs/czj/index.html",
    ] {
        assert!(organs.contains(part), "{part}: {organs}");
    }
    let czj = site.read_out("organs/czj/index.html");
    for href in [
        "guide/index.html",
        "rules/index.html",
        "catalogue/index.html",
        "reports/index.html",
        "catalogue.csv",
    ] {
        assert!(
            czj.contains(&format!("href=\"../../organs/czj/{href}\"")),
            "{href}: {czj}"
        );
    }
    assert!(czj.contains("负责全区财政工作"), "its profile");
    // The first organ's guide and reports are the portal's.
    let qzf = site.read_out("organs/qzf/index.html");
    assert!(qzf.contains("href=\"../../guide/index.html\""));
    assert!(qzf.contains("href=\"../../reports/index.html\""));
    assert!(!site.out().join("organs/qzf/guide").exists());
    let home = site.read_out("index.html");
    assert!(
        home.contains("href=\"organs/index.html\""),
        "home links the organs"
    );
    // Its catalogue by 五公开, and its catalogue as open data.
    let catalogue = site.read_out("organs/czj/catalogue/index.html");
    assert!(catalogue.contains("财政局通知1") && !catalogue.contains("区政府通知1"));
    assert!(site
        .out()
        .join("organs/czj/catalogue/execution/index.html")
        .is_file());
    let csv = site.read_out("organs/czj/catalogue.csv");
    assert_eq!(csv.matches("005283513/2025-").count(), 2, "{csv}");
    assert!(!csv.contains("005283492/"), "{csv}");
}

#[test]
fn withheld_documents_of_every_organ_leave_no_trace() {
    let site = organ_site();
    build(&site);
    let forms = fixture::marker_forms(ASCII_MARKER, CJK_MARKER);
    let all = files(&site.out());
    assert!(
        all.iter().any(|f| f.starts_with("organs/czj")),
        "organ pages built"
    );
    for rel in &all {
        let bytes = std::fs::read(site.out().join(rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for f in &forms {
            assert!(
                !text.contains(&f.to_lowercase()),
                "{f} leaked into {}",
                rel.display()
            );
        }
    }
    // Past the error gate too: every byte the publishing stage would let through.
    let config = zwgk::config::SiteConfig::load(site.root()).unwrap();
    let loaded = zwgk::load::load(site.root(), config, None);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    for (path, bytes) in fixture::output_past_the_gate(loaded, today) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for f in &forms {
            assert!(!text.contains(&f.to_lowercase()), "{f} leaked into {path}");
        }
    }
    // The 制度 topic of a withheld document does not fill an organ's 制度.
    let rules = site.read_out("organs/czj/rules/index.html");
    assert!(rules.contains("暂无已公开的文件"), "{rules}");
}

#[test]
fn a_site_without_organs_has_no_organ_pages() {
    let site = Site::with_documents(2);
    build(&site);
    assert!(!site.out().join("organs").exists());
    assert!(!site.read_out("index.html").contains("信息公开单位"));
}

#[test]
fn check_names_the_organs_gaps() {
    let site = organ_site();
    let out = site.zwgk(&["check"]);
    let err = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    // qzf has no profile; neither has a published 制度 document.
    assert!(
        err.contains("warning[organ/no-profile]: site.toml:"),
        "{err}"
    );
    assert_eq!(err.matches("[organ/no-profile]").count(), 1, "{err}");
    assert_eq!(err.matches("[organ/no-rules]").count(), 2, "{err}");
    // The fixture's [office] has no address: the government's office is named.
    assert!(
        err.contains("“测试区人民政府”的政府信息公开工作机构没有办公地址"),
        "{err}"
    );
    // 1 February: the department's 2025 report is there; the government's is not
    // late before 31 March.
    let check_on = |day: &str| {
        let out = site.zwgk_on(day, &["check"]);
        String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out)
    };
    let feb = check_on("2026-02-01");
    assert!(!feb.contains("report/overdue"), "{feb}");
    std::fs::remove_file(site.path("content/_organs/czj/reports/2025.yaml")).unwrap();
    // The government keeps its 2024 report, and not yet its 2025 one.
    std::fs::rename(
        site.path("content/_reports/2025.yaml"),
        site.path("content/_reports/2024.yaml"),
    )
    .unwrap();
    let err = check_on("2026-02-01");
    assert!(
        err.contains("warning[report/overdue]: content/_organs/czj/reports/2025.yaml"),
        "{err}"
    );
    assert_eq!(
        err.matches("[report/overdue]").count(),
        1,
        "the government's is not late: {err}"
    );
    let april = check_on("2026-04-01");
    assert!(
        april.contains("warning[report/overdue]: content/_reports/2025.yaml"),
        "{april}"
    );
    assert_eq!(april.matches("[report/overdue]").count(), 2, "{april}");
}

#[test]
fn a_document_moved_to_another_organ_leaves_the_first_organs_pages_at_once_in_serve() {
    let site = organ_site();
    let serve = Serve::start(site.root(), &[]);
    let czj = "organs/czj/catalogue/index.html";
    let qzf = "organs/qzf/catalogue/index.html";
    serve.wait_for(czj, "the department's document", |r| {
        r.text().contains("财政局通知2")
    });
    let moved = doc_text("005283492/2025-00007", "财政局通知2", "", "正文。");
    site.save_atomically("content/general/czj2.md", &moved);
    serve.wait_for(czj, "the document gone from the department", |r| {
        !r.text().contains("财政局通知2")
    });
    let now = serve.get(qzf);
    assert!(now.text().contains("财政局通知2"), "{}", now.text());
    let csv = serve.get("organs/czj/catalogue.csv");
    assert!(!csv.text().contains("财政局通知2"), "{}", csv.text());
    // An organ's own files are served as soon as they are saved.
    site.save_atomically(
        "content/_organs/czj/profile.md",
        "## 机构职能\n\n负责全区财政和国有资产工作。\n",
    );
    serve.wait_for("organs/czj/index.html", "the new profile", |r| {
        r.text().contains("负责全区财政和国有资产工作")
    });
    site.write(
        "content/_organs/czj/guide.md",
        "## 依申请公开\n\n请到财政局一楼窗口提交申请。\n",
    );
    serve.wait_for(
        "organs/czj/guide/index.html",
        "the organ's guide section",
        |r| r.text().contains("请到财政局一楼窗口提交申请"),
    );
}
