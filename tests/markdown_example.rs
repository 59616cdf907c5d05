//! The example portal's documents, written as Chinese official documents are (bold
//! lead-ins ending in full-width punctuation, hard-wrapped lines, 一、/（一） numbering,
//! pasted pipe tables), come out as their authors wrote them.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use zwgk::build::{self, BuildOptions};

struct Built {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    /// Published documents: (source body, output page).
    docs: Vec<(String, String)>,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The example built once into a temp folder, with its published documents' sources.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let opts = BuildOptions {
            output: Some(out.clone()),
            today: today(),
            ..BuildOptions::new(repo())
        };
        build::build(&opts).unwrap_or_else(|e| panic!("the example builds: {e}"));
        let (loaded, _) = build::Session::new(&repo(), false).check(today()).unwrap();
        let site = zwgk::publish::publish(loaded, today(), false, None);
        let docs = (0..site.docs.len())
            .map(|i| {
                (
                    site.docs[i].body.as_str().to_string(),
                    format!("{}index.html", site.doc_path(i)),
                )
            })
            .collect();
        Built {
            _tmp: tmp,
            out,
            docs,
        }
    })
}

fn page(rel: &str) -> String {
    std::fs::read_to_string(built().out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The rendered body of a document page.
fn body(page: &str) -> &str {
    let start = page
        .find("<div class=\"doc-body\">")
        .expect("a document body")
        + "<div class=\"doc-body\">".len();
    let len = page[start..]
        .find("\n  </div>")
        .expect("the end of the body");
    &page[start..start + len]
}

/// The page of the published document whose source contains `marker`.
fn page_with_source(marker: &str) -> String {
    let (_, rel) = built()
        .docs
        .iter()
        .find(|(src, _)| src.contains(marker))
        .unwrap_or_else(|| panic!("no published document has {marker:?}"));
    page(rel)
}

fn all_bodies() -> impl Iterator<Item = (&'static str, &'static str, String)> {
    built()
        .docs
        .iter()
        .map(|(src, rel)| (src.as_str(), rel.as_str(), page(rel)))
}

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

#[test]
fn the_example_publishes_documents_that_use_these_habits() {
    let sources: Vec<&str> = built().docs.iter().map(|(src, _)| src.as_str()).collect();
    assert!(sources.len() > 20, "{}", sources.len());
    for habit in ["。**", "：**", "**“", "（一）", "一、", "| |"] {
        assert!(
            sources.iter().any(|s| s.contains(habit)),
            "no published document has {habit:?}"
        );
    }
}

#[test]
fn bold_lead_ins_come_out_bold() {
    let mut checked = 0;
    for (src, rel, page) in all_bodies() {
        let body = body(&page);
        for line in src.lines().filter(|l| !l.starts_with('|')) {
            for bold in line.split("**").skip(1).step_by(2) {
                if line.matches("**").count() % 2 == 1
                    || bold.contains(['[', '`', '\\', '*', '_', '<', '&'])
                {
                    continue;
                }
                assert!(
                    body.contains(&format!("<strong>{bold}</strong>")),
                    "{rel}: **{bold}** is not bold in\n{body}"
                );
                checked += 1;
            }
        }
        // Outside table cells (masked ID numbers like 410105********1234), no `**` is left.
        for (i, _) in body.match_indices("**") {
            let before = &body[..i];
            let in_cell = before.rfind("<td").unwrap_or(0) > before.rfind("</td>").unwrap_or(0);
            assert!(in_cell, "{rel}: literal ** in\n{body}");
        }
    }
    assert!(checked > 40, "only {checked} bold lead-ins checked");
}

#[test]
fn the_two_examples_of_the_issue_render_bold() {
    let points = page_with_source("把**“五公开”**要求");
    assert!(body(&points).contains("各单位要把<strong>“五公开”</strong>要求落实到公文办理全过程"));
    let notice = page_with_source("**二、管制措施。**施工期间");
    assert!(body(&notice).contains("<p><strong>二、管制措施。</strong>施工期间，管制路段禁止货车"));
    let budget = page_with_source("**财政拨款收入：**指");
    assert!(
        body(&budget).contains("<p><strong>财政拨款收入：</strong>指区级财政当年拨付的资金。</p>")
    );
}

#[test]
fn hard_wrapped_chinese_lines_join_without_a_space() {
    let points = page_with_source("高质量发展，\n重点做好以下工作");
    assert!(body(&points).contains("以高质量公开助力高质量发展，重点做好以下工作。"));
    for (_, rel, page) in all_bodies() {
        let body = body(&page);
        let chars: Vec<char> = body.chars().collect();
        for w in chars.windows(3) {
            assert!(
                w[1] != '\n' || !(is_chinese(w[0]) && is_chinese(w[2])),
                "{rel}: {:?} in\n{body}",
                w.iter().collect::<String>()
            );
        }
    }
}

#[test]
fn chinese_numbering_renders_as_written() {
    for (src, rel, page) in all_bodies() {
        let body = body(&page);
        for line in src.lines() {
            let numbered = [
                "一、",
                "二、",
                "三、",
                "（一）",
                "（二）",
                "（1）",
                "（2）",
                "第一条",
                "第二条",
            ]
            .iter()
            .any(|m| line.starts_with(m));
            if numbered {
                assert!(
                    body.contains(&format!("<p>{}", line.split(['*', '[']).next().unwrap())),
                    "{rel}: {line:?} is not a paragraph as written in\n{body}"
                );
            }
        }
        assert!(
            !body.contains("<li>一、") && !body.contains("<li>（一）"),
            "{rel}: numbering turned into a list"
        );
    }
    // A real Markdown list keeps its numbers.
    let guide = body(&page_with_source("1. 《最低生活保障申请书》")).to_string();
    assert!(
        guide.contains("<ol>\n<li>《最低生活保障申请书》"),
        "{guide}"
    );
    assert!(
        guide.contains("<li>残疾人证、病历等其他证明材料（根据家庭情况提供）。</li>\n</ol>"),
        "{guide}"
    );
}

#[test]
fn pasted_tables_have_column_headers_and_scroll_on_phones() {
    let mut tables = 0;
    let mut empty_cells = 0;
    for (_, rel, page) in all_bodies() {
        let body = body(&page);
        let count = body.matches("<table>").count();
        tables += count;
        assert_eq!(body.matches("<div class=\"table-wrap md-table\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n<table>").count(), count, "{rel}");
        assert!(
            !body.contains("<th>") && !body.contains("<th style"),
            "{rel}: a header cell without scope"
        );
        empty_cells += body.matches("<td></td>").count() + body.matches("\"></td>").count();
    }
    assert!(tables >= 10, "{tables} tables");
    assert!(empty_cells > 0);
    let interpretation = body(&page_with_source("| 超过12倍 | “一事一议” | |")).to_string();
    assert!(
        interpretation.contains("<th scope=\"col\">困难程度</th><th scope=\"col\">救助倍数</th>"),
        "{interpretation}"
    );
    assert!(
        interpretation.contains("<tr><td>超过12倍</td><td>“一事一议”</td><td></td></tr>"),
        "{interpretation}"
    );
    let css = std::fs::read_to_string(built().out.join("assets/style.css")).unwrap();
    assert!(
        css.contains(".table-wrap"),
        "the stylesheet styles the scrolling box"
    );
}

#[test]
fn headings_have_readable_unique_ids_and_links() {
    let points = body(&page_with_source("## 一、聚焦重大决策，深化决策公开")).to_string();
    assert!(
        points
            .contains("<h3 id=\"一聚焦重大决策深化决策公开\">一、聚焦重大决策，深化决策公开</h3>"),
        "{points}"
    );
    assert!(points.contains("href=\"#一聚焦重大决策深化决策公开\" aria-label=\"本节链接：一、聚焦重大决策，深化决策公开\""), "{points}");
    for (_, rel, page) in all_bodies() {
        let body = body(&page);
        for level in 1..=6 {
            let open = format!("<h{level}");
            assert_eq!(
                body.matches(&open).count(),
                body.matches(&format!("{open} id=\"")).count(),
                "{rel}: a heading without id"
            );
        }
        let mut ids = HashSet::new();
        for part in page.split(" id=\"").skip(1) {
            let id = &part[..part.find('"').unwrap()];
            assert!(ids.insert(id), "{rel}: id {id:?} twice on the page");
        }
    }
}
