//! `columns/listing-date`: every list of documents shows when each was published.
//! An inspection counts an item without a visible publication date as not updated,
//! so a theme or a site's own template that drops the 发布日期 column costs the
//! whole column.
//!
//! `zwgk check` (with `[inspection]`, `--inspect` or the HTML report) renders the
//! listing pages (home, catalogue and its views, domains) as `build` would, and hands
//! each here: every link to a document page must have the document's publication
//! date beside it, in the same table row or list item (or the link's own parent).
//! Dates count as written `2025-03-12`, `2025/03/12`, `2025.03.12` or `2025年3月12日`.

use crate::diagnostics::Diagnostic;
use chrono::{Datelike, NaiveDate};
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;

/// A rendered listing page as `check` hands it over.
pub struct Listing<'a> {
    /// Output path, e.g. `catalogue/page/2/index.html`.
    pub output: &'a str,
    /// The template the page is made from, e.g. `catalogue.html`.
    pub template: &'a str,
    pub html: &'a [u8],
}

/// The container of a listed document: its row, list item or card.
const ITEM: &[&str] = &["tr", "li", "article", "dd"];

/// The forms a publication date may be written in.
fn date_forms(d: NaiveDate) -> [String; 5] {
    [
        d.format("%Y-%m-%d").to_string(),
        d.format("%Y/%m/%d").to_string(),
        d.format("%Y.%m.%d").to_string(),
        format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        d.format("%Y年%m月%d日").to_string(),
    ]
}

/// `docs/x/index.html` as linked from the page at `output` by `href`, if it stays in the portal.
fn resolve(output: &str, href: &str) -> Option<String> {
    if href.contains("://") || href.starts_with(['#', '/']) || href.starts_with("mailto:") {
        return None;
    }
    let href = href.split(['#', '?']).next()?;
    let mut parts: Vec<&str> = output.split('/').collect();
    parts.pop(); // the page's file name
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || href.ends_with('/') {
        path.push_str(if path.is_empty() {
            "index.html"
        } else {
            "/index.html"
        });
    }
    Some(path.replace("//", "/"))
}

/// The pages (`docs/x/index.html`) of the documents linked on `listing` without
/// their publication date beside them. `published` maps a document page (`docs/x/index.html`)
/// to its publication date.
pub fn undated(listing: &Listing, published: &HashMap<String, NaiveDate>) -> Vec<String> {
    let html = Html::parse_document(&String::from_utf8_lossy(listing.html));
    let links = Selector::parse("a[href]").expect("selector");
    let mut missing = Vec::new();
    for a in html.select(&links) {
        let Some(target) = a
            .value()
            .attr("href")
            .and_then(|h| resolve(listing.output, h))
        else {
            continue;
        };
        let Some(date) = published.get(&target) else {
            continue;
        };
        let container = a
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| ITEM.contains(&e.value().name()))
            .or_else(|| a.parent().and_then(ElementRef::wrap));
        let text: String = container.map(|c| c.text().collect()).unwrap_or_default();
        if !date_forms(*date).iter().any(|f| text.contains(f.as_str())) {
            missing.push(target);
        }
    }
    missing.sort();
    missing.dedup();
    missing
}

/// One finding per listing page that shows documents without their publication date.
pub fn dates_shown(
    listing: &Listing,
    published: &HashMap<String, NaiveDate>,
    titles: &HashMap<String, String>,
) -> Option<Diagnostic> {
    let missing = undated(listing, published);
    let first = missing.first()?;
    let title = titles.get(first).map_or(first.as_str(), String::as_str);
    let n = missing.len();
    let template = listing.template;
    Some(
        Diagnostic::warning("columns/listing-date", format!("templates/{template}"))
            .msg(
                format!(
                    "列表页面 {} 上有 {n} 条文件没有显示发布日期（如“{title}”）：检查时没有可见发布日期的条目算作未更新",
                    listing.output
                ),
                format!(
                    "the listing {} shows {n} document(s) without their publication date (e.g. \"{title}\"): inspections count an item without a visible date as not updated",
                    listing.output
                ),
            )
            .fix(
                format!("在模板 {template}（或它引用的 partials/doc_table.html、partials/doc_list.html）中，每个文件的链接旁显示发布日期 {{{{ d.published }}}}；网站自己的 templates/ 下的同名文件优先"),
                format!("show each document's publication date ({{{{ d.published }}}}) beside its link in the template {template} (or the partials/doc_table.html or partials/doc_list.html it includes); a file of that name under the site's templates/ overrides the theme's"),
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates() -> HashMap<String, NaiveDate> {
        HashMap::from([
            (
                "docs/a/index.html".to_string(),
                NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
            ),
            (
                "docs/b/index.html".to_string(),
                NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
            ),
        ])
    }

    fn check(html: &str) -> Vec<String> {
        let listing = Listing {
            output: "catalogue/page/2/index.html",
            template: "catalogue.html",
            html: html.as_bytes(),
        };
        undated(&listing, &dates())
    }

    #[test]
    fn links_resolve_from_the_page() {
        assert_eq!(
            resolve("catalogue/page/2/index.html", "../../../docs/a/index.html").as_deref(),
            Some("docs/a/index.html")
        );
        assert_eq!(
            resolve("index.html", "docs/a/").as_deref(),
            Some("docs/a/index.html")
        );
        assert_eq!(resolve("index.html", "https://x/docs/a/"), None);
        assert_eq!(resolve("index.html", "../../x"), None);
    }

    #[test]
    fn a_date_in_the_row_counts_in_any_usual_form() {
        let rows = r#"<table><tr><td><a href="../../../docs/a/index.html">甲</a></td><td>2025-03-12</td></tr>
            <tr><td><a href="../../../docs/b/index.html">乙</a></td><td>2025年4月1日</td></tr></table>"#;
        assert_eq!(check(rows), Vec::<String>::new());
        let list = r#"<ul><li><a href="../../../docs/a/index.html">甲</a> <span>2025/03/12</span></li></ul>"#;
        assert_eq!(check(list), Vec::<String>::new());
    }

    #[test]
    fn a_row_without_its_date_is_found() {
        // The date of another row does not count, nor the formation date.
        let rows = r#"<table><tr><td><a href="../../../docs/a/index.html">甲</a></td><td>2025-03-10</td></tr>
            <tr><td><a href="../../../docs/b/index.html">乙</a></td><td>2025-03-12</td></tr></table>"#;
        assert_eq!(check(rows), ["docs/a/index.html", "docs/b/index.html"]);
        let listing = Listing {
            output: "catalogue/page/2/index.html",
            template: "catalogue.html",
            html: rows.as_bytes(),
        };
        let titles = HashMap::from([("docs/a/index.html".to_string(), "甲".to_string())]);
        let d = dates_shown(&listing, &dates(), &titles).expect("a finding");
        assert_eq!(
            (d.rule, d.file.as_str()),
            ("columns/listing-date", "templates/catalogue.html")
        );
        assert!(
            d.message_zh.contains("2 条") && d.message_zh.contains("“甲”"),
            "{}",
            d.message_zh
        );
    }
}
