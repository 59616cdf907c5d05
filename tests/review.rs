//! The confidentiality review (保密审查) decides what is published: its conclusion is a
//! closed choice, 部分公开 needs a statement of what was removed, and an unfilled record
//! on a document that would be published is an error (issue 14, items 1 and 2).
//!
//! Withholding is proved twice: `check` and `build` stop on the error, and the
//! publishing stage itself (run past that gate, through every page and data file)
//! lets no byte of the document out.

mod fixture;
use fixture::{doc_text, files, stderr, Site};

const TODAY: &str = "2026-11-22";
const MARKER: &str = "ZWGK-REVIEW-MARKER";

/// Refusals, pending reviews, near misses and typos: none of them approves.
const REFUSING: &[&str] = &[
    "不同意公开",
    "拒绝公开",
    "免予公开",
    "免于公开",
    "暂缓公开",
    "不予公开",
    "限制公开",
    "不公开",
    "涉密",
    "待审查",
    "须报审",
    "同意",
    "通过",
    "审查通过",
    "同意公开，删除附件",
    "同意公开。",
    "同意 公开",
    "同衣公开",
    "\"\"",
];

fn today() -> chrono::NaiveDate {
    zwgk::util::dates::parse_date(TODAY).ok().unwrap()
}

fn marker(n: usize) -> String {
    format!("{MARKER}-{n:02}")
}

/// Document `n` (index number 005283492/2025-000nn) carrying its marker in title,
/// summary, body and an attachment, with `conclusion` and `review_extra` lines
/// (indented, under review) in its review record.
fn write_doc(site: &Site, n: usize, conclusion: &str, review_extra: &str) -> String {
    let m = marker(n);
    let rel = format!("content/general/doc{n:02}.md");
    let text = doc_text(
        &format!("005283492/2025-{n:05}"),
        &format!("关于{m}的通知"),
        &format!("summary: 概述{m}\nattachments:\n  - title: 附件{m}\n    file: files/{m}.pdf\n"),
        &format!("正文{m}。"),
    )
    .replace(
        "  conclusion: 同意公开\n",
        &format!("  conclusion: {conclusion}\n{review_extra}"),
    );
    site.write(&rel, text);
    site.write(
        &format!("content/general/files/{m}.pdf"),
        format!("%PDF-1.4 {m}"),
    );
    rel
}

/// Every finding of `check`, as `(file, rule, message_zh + fix_zh, message_en + fix_en)`.
/// The problems `check` finds (the notes naming what is held back aside: see
/// `build_and_check_name_what_is_held_back_and_why`).
fn findings(site: &Site) -> Vec<(String, String, String, String)> {
    zwgk::check::check(site.root(), today(), &zwgk::check::CheckOptions::default())
        .diagnostics
        .iter()
        .filter(|d| d.rule != "disclosure/held-back")
        .map(|d| {
            (
                d.file.clone(),
                d.rule.to_string(),
                format!("{} {}", d.message_zh, d.fix_zh),
                format!("{} {}", d.message_en, d.fix_en),
            )
        })
        .collect()
}

fn output_past_the_gate(site: &Site) -> Vec<(String, Vec<u8>)> {
    let (loaded, _) = zwgk::build::Session::new(site.root(), false)
        .check(today())
        .expect("loads");
    fixture::output_past_the_gate(loaded, today())
}

/// Which of `markers` appear in any output path or byte.
fn leaked(output: &[(String, Vec<u8>)], markers: &[String]) -> Vec<String> {
    markers
        .iter()
        .filter(|m| {
            output.iter().any(|(path, bytes)| {
                path.contains(*m) || String::from_utf8_lossy(bytes).contains(*m)
            })
        })
        .cloned()
        .collect()
}

fn assert_build_writes_nothing(site: &Site) {
    let out = site.zwgk(&["build"]);
    assert!(!out.status.success(), "build must refuse: {}", stderr(&out));
    assert!(
        !site.out().exists() || files(&site.out()).is_empty(),
        "a refused build writes nothing"
    );
}

#[test]
fn every_refusing_conclusion_withholds_and_is_an_error_naming_the_allowed_values() {
    let site = Site::new();
    let refusing: Vec<(String, String)> = REFUSING
        .iter()
        .enumerate()
        .map(|(i, c)| (write_doc(&site, i + 1, c, ""), c.to_string()))
        .collect();
    let found = findings(&site);
    for (file, conclusion) in &refusing {
        let mine: Vec<_> = found.iter().filter(|f| &f.0 == file).collect();
        assert_eq!(mine.len(), 1, "{conclusion}: {found:#?}");
        let (_, rule, zh, en) = mine[0];
        // An empty conclusion is a review without its conclusion.
        let expected = if conclusion == "\"\"" {
            "disclosure/review-incomplete"
        } else {
            "disclosure/review-not-approved"
        };
        assert_eq!(rule, expected, "{conclusion}");
        assert!(
            zh.contains("同意公开、可以公开、公开"),
            "{conclusion}: {zh}"
        );
        assert!(zh.contains("部分公开"), "{conclusion}: {zh}");
        assert!(
            en.contains("同意公开, 可以公开, 公开"),
            "{conclusion}: {en}"
        );
    }
    assert_eq!(found.len(), refusing.len(), "{found:#?}");

    let check = site.zwgk(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_build_writes_nothing(&site);

    let markers: Vec<String> = (1..=REFUSING.len()).map(marker).collect();
    let output = output_past_the_gate(&site);
    assert!(output.len() > 10, "pages were made");
    assert_eq!(leaked(&output, &markers), Vec::<String>::new());
}

#[test]
fn approving_conclusions_publish() {
    let site = Site::new();
    for (i, c) in [
        "同意公开",
        "可以公开",
        "公开",
        " 同意公开 ",
        "\"可以公开　\"",
    ]
    .iter()
    .enumerate()
    {
        write_doc(&site, i + 1, c, "");
    }
    assert_eq!(findings(&site), Vec::new());
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("发布 5，"), "{}", stderr(&out));
    for i in 1..=5 {
        let page = site.read_out(&format!("docs/005283492-2025-{i:05}/index.html"));
        assert!(page.contains(&format!("正文{}。", marker(i))), "{page}");
        assert!(!page.contains("部分公开"), "published in full");
    }
}

#[test]
fn partly_public_needs_a_statement_of_what_was_removed() {
    let site = Site::new();
    let without = write_doc(&site, 1, "部分公开", "");
    let blank = write_doc(&site, 2, "部分公开", "  redacted: \n");
    let contradicting = write_doc(
        &site,
        3,
        "同意公开",
        "  redacted: 删除了第二部分的供水设施点位\n",
    );
    let found = findings(&site);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(
        rules,
        [
            (without.as_str(), "disclosure/review-redaction"),
            (blank.as_str(), "disclosure/review-redaction"),
            (contradicting.as_str(), "disclosure/review-redaction"),
        ]
    );
    assert!(
        found[0].2.contains("redacted（删除内容说明）"),
        "{}",
        found[0].2
    );
    assert!(found[2].2.contains("部分公开"), "{}", found[2].2);
    assert_build_writes_nothing(&site);
    let markers: Vec<String> = (1..=3).map(marker).collect();
    assert_eq!(
        leaked(&output_past_the_gate(&site), &markers),
        Vec::<String>::new()
    );
}

#[test]
fn partly_public_with_its_statement_publishes_without_the_statement() {
    const STATEMENT: &str = "删除了第三部分所列ZWGK-STATEMENT-MARKER的具体点位";
    let site = Site::new();
    write_doc(&site, 1, "部分公开", &format!("  redacted: {STATEMENT}\n"));
    // The Chinese alias works too.
    write_doc(
        &site,
        2,
        "部分公开",
        "  删除内容说明: 删除了附件二中的个人信息\n",
    );
    assert_eq!(findings(&site), Vec::new());
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read_out("docs/005283492-2025-00001/index.html");
    assert!(page.contains(&format!("正文{}。", marker(1))), "published");
    assert!(page.contains("部分公开"), "the page says part was removed");
    for rel in files(&site.out()) {
        let bytes = std::fs::read(site.out().join(&rel)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("ZWGK-STATEMENT-MARKER"),
            "the statement is a record, not published: {}",
            rel.display()
        );
    }
}

/// The record as `zwgk new` writes it.
const UNFILLED: &str = "review:\n  reviewer: \n  date: \n  conclusion: \n";

fn with_review(n: usize, review: &str, extra: &str) -> String {
    let m = marker(n);
    let text = doc_text(
        &format!("005283492/2025-{n:05}"),
        &format!("关于{m}的通知"),
        extra,
        &format!("正文{m}。"),
    );
    let start = text.find("review:").unwrap();
    let end = text.find("  conclusion: 同意公开\n").unwrap() + "  conclusion: 同意公开\n".len();
    format!("{}{review}{}", &text[..start], &text[end..])
}

#[test]
fn an_unfilled_review_on_a_document_to_be_published_is_an_error() {
    let site = Site::new();
    let cases = [
        ("content/a.md", UNFILLED.to_string()),
        ("content/b.md", "review:\n".to_string()),
        (
            "content/c.md",
            "保密审查:\n  审查人:\n  审查日期:\n  审查结论:\n".to_string(),
        ),
        ("content/d.md", String::new()),
        (
            "content/e.md",
            "review:\n  reviewer: 王明\n  date: \n  conclusion: 同意公开\n".to_string(),
        ),
        (
            "content/f.md",
            "review:\n  reviewer: \n  date: 2025-03-03\n  conclusion: 同意公开\n".to_string(),
        ),
    ];
    for (n, (rel, review)) in cases.iter().enumerate() {
        site.write(rel, with_review(n + 1, review, ""));
    }
    let found = findings(&site);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("content/a.md", "disclosure/review-missing"),
            ("content/b.md", "disclosure/review-missing"),
            ("content/c.md", "disclosure/review-missing"),
            ("content/d.md", "disclosure/review-missing"),
            ("content/e.md", "disclosure/review-incomplete"),
            ("content/f.md", "disclosure/review-incomplete"),
        ]
    );
    let (_, _, zh, en) = &found[0];
    for field in [
        "审查人",
        "审查日期",
        "审查结论",
        "reviewer",
        "date",
        "conclusion",
        "同意公开",
    ] {
        assert!(zh.contains(field), "{field}: {zh}");
    }
    assert!(
        en.contains("reviewer") && en.contains("draft: true"),
        "{en}"
    );
    assert!(
        found[4].2.contains("date"),
        "names the field: {}",
        found[4].2
    );
    assert!(
        found[5].2.contains("reviewer"),
        "names the field: {}",
        found[5].2
    );
    let strict = site.zwgk(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_build_writes_nothing(&site);
    let markers: Vec<String> = (1..=cases.len()).map(marker).collect();
    assert_eq!(
        leaked(&output_past_the_gate(&site), &markers),
        Vec::<String>::new()
    );
}

#[test]
fn drafts_and_withheld_documents_need_no_review() {
    let site = Site::new();
    site.write("content/a.md", with_review(1, UNFILLED, "draft: true\n"));
    site.write("content/b.md", with_review(2, "", "draft: true\n"));
    // A draft may carry the conclusion it is waiting for.
    site.write(
        "content/c.md",
        with_review(
            3,
            "review:\n  reviewer: 王明\n  date: 2025-03-03\n  conclusion: 待审查\n",
            "draft: true\n",
        ),
    );
    let on_request = |n, review| {
        with_review(n, review, "withheld_reason: 涉及第三方合法权益\nwithheld_basis: 《中华人民共和国政府信息公开条例》第十五条\n")
            .replace("disclosure: 主动公开", "disclosure: 依申请公开")
    };
    site.write("content/d.md", on_request(4, ""));
    site.write("content/e.md", on_request(5, UNFILLED));
    site.write(
        "content/f.md",
        on_request(
            6,
            "review:\n  reviewer: 王明\n  date: 2025-03-03\n  conclusion: 不同意公开\n",
        )
        .replace("依申请公开", "不予公开"),
    );
    assert_eq!(findings(&site), Vec::new());
    let strict = site.zwgk(&["check", "--strict"]);
    assert!(
        strict.status.success(),
        "{}",
        String::from_utf8_lossy(&strict.stdout)
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("依申请公开 2，不予公开 1"), "{err}");
    assert!(err.contains("草稿 3"), "{err}");
    let output: Vec<(String, Vec<u8>)> = files(&site.out())
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(site.out().join(&rel)).unwrap();
            (rel.display().to_string(), bytes)
        })
        .collect();
    let markers: Vec<String> = (1..=6).map(marker).collect();
    assert_eq!(leaked(&output, &markers), Vec::<String>::new());
}

#[test]
fn a_new_document_whose_draft_line_is_deleted_unreviewed_stops_check_and_build() {
    let site = Site::new();
    let new = site.zwgk(&["new", "关于做好防汛工作的通知", "--publisher", "qzf"]);
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(stderr(&new).contains("审查结论"), "{}", stderr(&new));
    let rel = String::from_utf8(new.stdout).unwrap().trim().to_string();
    let text = std::fs::read_to_string(site.path(&rel)).unwrap();
    assert!(text.contains("同意公开、可以公开、公开"), "{text}");
    assert!(
        site.zwgk(&["check", "--strict"]).status.success(),
        "a draft passes"
    );

    site.write(&rel, text.replace("draft: true\n", ""));
    let check = site.zwgk(&["check", "--strict"]);
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("disclosure/review-missing"), "{report}");
    assert!(report.contains("审查人（reviewer）"), "{report}");
    assert_build_writes_nothing(&site);
}

#[test]
fn a_review_key_written_twice_is_an_error() {
    let site = Site::new();
    write_doc(&site, 1, "不同意公开", "  审查结论: 同意公开\n");
    let found = findings(&site);
    let rules: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(rules, ["schema/duplicate-key"], "{found:#?}");
    assert_build_writes_nothing(&site);
}

/// Like an unfilled review, a blank `published:` would withhold silently.
#[test]
fn a_blank_publication_date_is_missing() {
    let site = Site::new();
    let text = doc_text("005283492/2025-00001", "通知", "", "正文。");
    site.write(
        "content/a.md",
        text.replace("published: 2025-03-04\n", "published: \n"),
    );
    site.write(
        "content/b.md",
        doc_text("005283492/2025-00002", "草稿", "draft: true\n", "正文。")
            .replace("published: 2025-03-04\n", "published: \n"),
    );
    let found = findings(&site);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(rules, [("content/a.md", "schema/missing-key")]);
}

/// `build` and `check` name every document held back for a reason staff can fix,
/// with the reason (and the date of one not yet due); 依申请公开 is only counted.
#[test]
fn build_and_check_name_what_is_held_back_and_why() {
    let site = fixture::Site::new();
    site.write(
        "content/general/1.md",
        fixture::numbered(1, "已发布", "", "正文。"),
    );
    site.write(
        "content/general/2.md",
        fixture::numbered(2, "草稿", "draft: true\n", "正文。"),
    );
    let scheduled = fixture::numbered(3, "定时", "", "正文。")
        .replace("published: 2024-03-04", "published: 2027-01-05");
    site.write("content/general/3.md", scheduled);
    site.write(
        "content/general/4.md",
        fixture::numbered_on_request(4, "依申请", "正文。"),
    );
    let out = site.zwgk(&["build"]);
    let err = fixture::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/general/2.md") && err.contains("草稿"),
        "{err}"
    );
    assert!(
        err.contains("content/general/3.md") && err.contains("2027-01-05"),
        "{err}"
    );
    assert!(err.contains("disclosure/held-back"), "{err}");
    assert!(!err.contains("content/general/4.md"), "{err}");
    assert!(!err.contains("content/general/1.md"), "{err}");
    let out = site.zwgk(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("content/general/2.md") && text.contains("content/general/3.md"),
        "{text}"
    );
    assert!(!text.contains("content/general/4.md"), "{text}");
}
