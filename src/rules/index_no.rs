//! `index/*`: index numbers (索引号) — `<publisher code>/<year>-<sequence>`, unique
//! across the site. The form itself is checked while loading (`index/malformed`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::{index_no_parts, Document};
use crate::rules::RuleContext;

/// Reported on every document but the first (in file order) with the number.
pub fn unique(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
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

/// A document's page (`docs/<slug or index number>/`) is its own: reported on every
/// document but the first (in file order) whose page folder is another's, as file
/// systems compare folders (Windows ignores case). Two documents with one index
/// number and no slug are `index/duplicate` already.
pub fn unique_url(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let dir = crate::model::urls::doc_path(doc);
    let first = cx.by_url[crate::model::urls::same_path_key(&dir).as_str()];
    if std::ptr::eq(first, doc)
        || (first.index_no == doc.index_no && !has_slug(first) && !has_slug(doc))
    {
        return;
    }
    let line = if has_slug(doc) {
        doc.line_of("slug")
    } else {
        doc.line_of("index_no")
    };
    out.push(
        Diagnostic::error("index/duplicate-url", &doc.file)
            .at(line)
            .msg(
                format!(
                    "本文件的网页地址 {dir} 与 {} 的相同（slug 或索引号），发布后一个会覆盖另一个",
                    first.file
                ),
                format!(
                    "this document's page {dir} is also the page of {} (by slug or index number): one would overwrite the other",
                    first.file
                ),
            )
            .fix(
                format!(
                    "给两个文件中的一个改用不同的 slug（只用小写字母、数字、- 和 _），或删去 slug 以使用索引号；地址不区分大小写。另一个文件：{}",
                    first.file
                ),
                format!(
                    "give one of the two a different slug (a-z, 0-9, - and _), or delete its slug to use the index number; case does not count. The other file: {}",
                    first.file
                ),
            ),
    );
}

/// Whether the page folder comes from `slug` rather than the index number.
fn has_slug(doc: &Document) -> bool {
    doc.url_segment != doc.index_no.replace('/', "-")
}

/// The code part names the publisher (error); the year part is the formation
/// year (warning: a document formed on 31 December may be numbered in January).
pub fn matches_publisher_and_year(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
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

/// `index/doc-no-brackets`: a 文号 whose year is in `[]`, `（）`, `()` or `【】`
/// instead of the 六角括号 `〔〕` GB/T 9704 prescribes (a common finding of the
/// inspections). A warning: the document is still published.
pub fn doc_no_brackets(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some(no) = &doc.doc_no else { return };
    let Some(fixed) = doc_no_with_hexagonal_brackets(no) else {
        return;
    };
    out.push(
        Diagnostic::warning("index/doc-no-brackets", &doc.file)
            .at(doc.line_of("doc_no"))
            .msg(
                format!("文号“{no}”的年份没有用六角括号“〔〕”"),
                format!("the year in the document number \"{no}\" is not in the hexagonal brackets 〔〕"),
            )
            .fix(
                format!("按 GB/T 9704 写成“{fixed}”"),
                format!("write it as GB/T 9704 prescribes: \"{fixed}\""),
            ),
    );
}

/// `no` with its bracketed year written `〔2025〕`, if it was bracketed otherwise.
fn doc_no_with_hexagonal_brackets(no: &str) -> Option<String> {
    let chars: Vec<char> = no.chars().collect();
    for (i, &open) in chars.iter().enumerate() {
        let close = match open {
            '[' => ']',
            '（' => '）',
            '(' => ')',
            '【' => '】',
            '［' => '］',
            _ => continue,
        };
        let year = chars.get(i + 1..i + 5)?;
        if year.iter().all(|c| c.is_ascii_digit()) && chars.get(i + 5) == Some(&close) {
            let mut fixed: String = chars[..i].iter().collect();
            fixed.push('〔');
            fixed.extend(year);
            fixed.push('〕');
            fixed.extend(&chars[i + 6..]);
            return Some(fixed);
        }
    }
    None
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
    fn a_page_address_used_twice_is_an_error_naming_both() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[("slug", "budget")], ""));
        f.write("content/b.md", &doc(2, &[("slug", "budget")], ""));
        // A slug that is another document's index-number address (case aside).
        f.write("content/c.md", &doc(3, &[], ""));
        f.write(
            "content/d.md",
            &doc(4, &[("slug", "005283492-2025-00003")], ""),
        );
        f.write("content/e.md", &doc(5, &[("slug", "other")], ""));
        assert_eq!(
            f.findings(),
            [
                "content/b.md index/duplicate-url",
                "content/d.md index/duplicate-url"
            ]
        );
        let b = f
            .check()
            .into_vec()
            .into_iter()
            .find(|d| d.file == "content/b.md")
            .unwrap();
        assert!(b.message_zh.contains("content/a.md") && b.message_en.contains("content/a.md"));
        assert!(b.message_en.contains("docs/budget/"), "{b:?}");
        assert_eq!(b.line, Some(11), "points at the slug");
    }

    #[test]
    fn one_index_number_twice_is_reported_once() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[], ""));
        f.write("content/b.md", &doc(1, &[], ""));
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

    #[test]
    fn doc_numbers_with_other_brackets_are_warned_with_the_right_form() {
        use super::doc_no_with_hexagonal_brackets as fix;
        assert_eq!(fix("测政[2025]1号").as_deref(), Some("测政〔2025〕1号"));
        assert_eq!(fix("测政（2025）12号").as_deref(), Some("测政〔2025〕12号"));
        assert_eq!(fix("测政(2025)1号").as_deref(), Some("测政〔2025〕1号"));
        assert_eq!(fix("测政〔2025〕1号"), None);
        assert_eq!(fix("测政（试行）1号"), None);
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[("doc_no", "测政[2025]1号")], ""));
        f.write(
            "content/b.md",
            &doc(2, &[("doc_no", "测政〔2025〕2号")], ""),
        );
        assert_eq!(
            f.findings(),
            ["content/a.md index/doc-no-brackets (warning)"]
        );
    }
}
