//! `index/*`: index numbers (索引号) — `<publisher code>/<year>-<sequence>`, unique
//! across the site. The form itself is checked while loading (`index/malformed`).

use crate::diagnostics::Diagnostic;
use crate::document::{index_no_parts, Document};
use crate::validate::RuleContext;

/// Reported on every document but the first (in file order) with the number.
pub fn unique(cx: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    let first = cx.by_index[doc.index_no.as_str()];
    if std::ptr::eq(first, doc) {
        return;
    }
    out.push(
        Diagnostic::error("index/duplicate", &doc.file)
            .at(doc.line_of("index_no"))
            .msg(
                format!(
                    "索引号“{}”已被 {} 使用，索引号必须唯一",
                    doc.index_no, first.file
                ),
                format!(
                    "index number \"{}\" is already used by {}",
                    doc.index_no, first.file
                ),
            )
            .fix(
                "改用该发布机构当年下一个未用的序号（zwgk new 会自动给出）",
                "use the publisher's next free sequence number for the year (`zwgk new` picks it)",
            ),
    );
}

/// The code part names the publisher (error); the year part is the formation
/// year (warning: a document formed on 31 December may be numbered in January).
pub fn matches_publisher_and_year(cx: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(parts) = index_no_parts(&doc.index_no) else {
        return;
    };
    let Some(publisher) = cx.site.config.publisher(&doc.publisher) else {
        return;
    };
    if without_hyphens(parts.code) != without_hyphens(&publisher.code) {
        out.push(
            Diagnostic::error("index/publisher-code", &doc.file)
                .at(doc.line_of("index_no"))
                .msg(
                    format!(
                        "索引号“{}”的机构代码“{}”与发布机构“{}”的代码“{}”不一致",
                        doc.index_no, parts.code, publisher.name, publisher.code
                    ),
                    format!(
                        "index number \"{}\" starts with code \"{}\", but publisher \"{}\" has code \"{}\" in site.toml",
                        doc.index_no, parts.code, publisher.key, publisher.code
                    ),
                )
                .fix(
                    format!("索引号以发布机构的代码开头：{}/年份-序号；或改正发布机构", publisher.code),
                    format!("start the index number with {}/, or correct the publisher", publisher.code),
                ),
        );
    }
    let year = doc.year();
    if parts.year != year {
        out.push(
            Diagnostic::warning("index/year", &doc.file)
                .at(doc.line_of("index_no"))
                .msg(
                    format!("索引号“{}”中的年份 {} 与成文日期 {} 的年份不一致", doc.index_no, parts.year, doc.created),
                    format!("index number \"{}\" has year {}, but the document was formed on {}", doc.index_no, parts.year, doc.created),
                )
                .fix(
                    format!("索引号的年份用成文年份 {year}，或核对成文日期"),
                    format!("use the formation year {year} in the index number, or check the formation date"),
                ),
        );
    }
}

fn without_hyphens(code: &str) -> String {
    code.chars().filter(|&c| c != '-').collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture};

    #[test]
    fn duplicates_are_errors_on_the_later_file() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[], ""));
        f.write("content/b.md", &doc(1, &[], ""));
        f.write("content/c.md", &doc(2, &[], ""));
        assert_eq!(f.findings(), ["content/b.md index/duplicate"]);
    }

    #[test]
    fn code_must_be_the_publishers() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[("publisher", "czj")], ""));
        f.write(
            "content/b.md",
            &doc(
                2,
                &[("publisher", "czj"), ("index_no", "005283513/2025-00002")],
                "",
            ),
        );
        f.write(
            "content/c.md",
            &doc(
                3,
                &[
                    ("publisher", "测试区财政局"),
                    ("index_no", "00528351-3/2025-00003"),
                ],
                "",
            ),
        );
        assert_eq!(f.findings(), ["content/a.md index/publisher-code"]);
    }

    #[test]
    fn year_must_be_the_formation_year() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(1, &[("index_no", "005283492/2024-00001")], ""),
        );
        f.write(
            "content/b.md",
            &doc(2, &[("index_no", "005283492/202503-00002")], ""),
        );
        assert_eq!(f.findings(), ["content/a.md index/year (warning)"]);
    }

    #[test]
    fn malformed_numbers_are_errors() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(1, &[("index_no", "005283492-2025-00001")], ""),
        );
        f.write(
            "content/b.md",
            &doc(2, &[("index_no", "5283492/2025-00002")], ""),
        );
        f.write(
            "content/c.md",
            &doc(3, &[("index_no", "005283492/2025-00003")], ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md index/malformed",
                "content/b.md index/malformed"
            ]
        );
    }
}
