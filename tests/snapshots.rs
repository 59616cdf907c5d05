//! Snapshot tests of the rendered pages of a small site: every HTML change is a
//! reviewed diff. The snapshots live in tests/snapshots/; after an intended change,
//! re-bless them with `INSTA_UPDATE=always cargo test --release --test snapshots`
//! and read the diff (`git diff tests/snapshots`) before committing.

mod fixture;

use fixture::Site;

/// One page of each kind, from a site with a publisher, a domain item, an
/// interpretation, an attachment, a guide section and the main catalogue views.
fn site() -> Site {
    let site = Site::new();
    let budget = fixture::doc_text(
        "005283513/2025-00001",
        "测试区2025年财政预算公开",
        "item: \"1.1\"\nattachments:\n  - title: 预算表\n    file: files/budget.pdf\n",
        "## 一、总体情况\n\n2025年全区一般公共预算收入**30.5亿元**。\n\n| 项目 | 金额（亿元） |\n|---|---|\n| 收入 | 30.5 |\n",
    )
    .replace("category: 执行公开", "category: 结果公开");
    site.write("content/czyjs/2025-budget.md", budget);
    site.write("content/czyjs/files/budget.pdf", b"%PDF-1.4 test");
    let rules = fixture::doc_text(
        "005283492/2025-00002",
        "测试区政府信息公开工作办法",
        "doc_no: 测政〔2025〕1号\nvalidity: 有效\nregister_no: 测规-2025-001\neffective: 2025-04-01\nvalid_until: 2030-03-31\namended_by: [005283492/2026-00001]\n",
        "第一条　为规范政府信息公开工作，制定本办法。\n\n第二条　本办法自发布之日起施行。\n",
    )
    .replace("doc_type: 通知", "doc_type: 办法");
    site.write("content/general/2025-rules.md", rules);
    let reading = fixture::doc_text(
        "005283492/2025-00003",
        "《测试区政府信息公开工作办法》政策解读",
        "interprets: 005283492/2025-00002\n",
        "一、制定背景\n\n为落实条例要求。见[办法原文](2025-rules.md)。\n",
    )
    .replace("doc_type: 通知", "doc_type: 解读");
    site.write("content/general/2025-rules-interpretation.md", reading);
    // Documents over time: an amendment issued jointly, and a consultation still open.
    let amendment = fixture::doc_text(
        "005283492/2026-00001",
        "测试区人民政府关于修改《测试区政府信息公开工作办法》的决定",
        "doc_no: 测政〔2026〕2号\neffective: 2026-04-01\nco_publishers: [czj]\n",
        "将第二条修改为：“本办法自2025年4月1日起施行。”\n",
    )
    .replace("doc_type: 通知", "doc_type: 决定");
    site.write("content/general/2026-amendment.md", amendment);
    let consultation = fixture::doc_text(
        "005283492/2026-00002",
        "关于《测试区停车管理办法（征求意见稿）》公开征求意见的公告",
        "consultation:\n  start: 2026-11-10\n  end: 2026-12-09\n  channels: [电子邮件 test@example.gov.cn]\n",
        "现公开征求意见。\n",
    )
    .replace("published: 2026-03-04", "published: 2026-11-10")
    .replace("created: 2026-03-02", "created: 2026-11-09")
    .replace("date: 2026-03-03", "date: 2026-11-09");
    site.write("content/general/2026-consultation.md", consultation);
    site.write(
        "content/_guide.md",
        "## 本指南的更新\n\n本指南每年更新一次。\n",
    );
    site
}

const PAGES: &[&str] = &[
    "index.html",
    "guide/index.html",
    "catalogue/index.html",
    "docs/005283513-2025-00001/index.html",
    "docs/005283492-2025-00002/index.html",
    "docs/005283492-2026-00001/index.html",
    "docs/005283492-2026-00002/index.html",
    "policies/index.html",
    "consultations/index.html",
    "domains/czyjs/index.html",
    "domains/czyjs/items/1-1/index.html",
    "search/index.html",
    "404.html",
];

#[test]
fn rendered_pages() {
    let site = site();
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    for page in PAGES {
        let html = site.read_out(page);
        let name = page
            .trim_end_matches("/index.html")
            .replace(['/', '.'], "_");
        insta::assert_snapshot!(name, html);
    }
}
