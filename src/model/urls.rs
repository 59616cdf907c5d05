//! Every address of the portal: each page's folder, each copied file's place and
//! each data file's name come from here, for plan, render, the catalogue views,
//! search, feeds, the sitemap, open data and serve alike. Folders end in `/`; a page
//! is the folder's `index.html`. Links between pages are relative ([`root_prefix`]).

use crate::model::document::Document;

/// How two output paths are compared: as the file systems offices use would (Windows
/// and macOS ignore case) and with empty segments (`a//b`) dropped, as every file system does.
pub fn same_path_key(output: &str) -> String {
    // The usual path: ASCII, no empty segment.
    if output.is_ascii() && !output.starts_with('/') && !output.contains("//") {
        return output.trim_end_matches('/').to_ascii_lowercase();
    }
    let mut key = String::with_capacity(output.len());
    for part in output.split('/').filter(|s| !s.is_empty()) {
        if !key.is_empty() {
            key.push('/');
        }
        key.extend(part.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Where an attachment is copied: beside its document's page.
pub fn attachment_output(doc_dir: &str, file: &str) -> String {
    let file = file.trim_start_matches("./");
    format!("{doc_dir}{file}")
}

/// Characters a path segment of an href may not hold as they are: controls,
/// space, the delimiters of a URL (`#`, `?`, `%`) and what HTML or a
/// spreadsheet would misread. `/` is kept: it separates the segments.
const HREF_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'\'');

/// An output path written as a relative URL: a file named `a#1?%.pdf` is
/// reached as `a%231%3F%25.pdf`, not cut at the `#`. Non-ASCII (Chinese file
/// names) is encoded too, as UTF-8.
pub fn href(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, HREF_SEGMENT).to_string()
}

/// `../` once per folder between the page and the site root.
pub fn root_prefix(output: &str) -> String {
    "../".repeat(output.matches('/').count())
}

/// A page: its folder's `index.html`.
pub fn page(dir: &str) -> String {
    [dir, "index.html"].concat()
}

/// The folder of a page's `index.html` (`""` for the home page); `None` for a
/// file that is not a folder's page (`404.html`).
pub fn dir_of(page: &str) -> Option<&str> {
    page.strip_suffix("index.html")
        .filter(|dir| dir.is_empty() || dir.ends_with('/'))
}

/// The site's own pages.
pub const HOME: &str = "";
pub const GUIDE: &str = "guide/";
pub const APPLY: &str = "apply/";
pub const REPORTS: &str = "reports/";
pub const NOT_FOUND: &str = "404.html";
/// Output folder of the search page and its index files.
pub const SEARCH_DIR: &str = "search/";

/// 现行有效的规章和规范性文件 (the library of policies in force), and those no longer in force.
pub const POLICIES: &str = "policies/";
pub const POLICIES_ARCHIVE: &str = "policies/archive/";
/// 意见征集: the consultations, open and closed.
pub const CONSULTATIONS: &str = "consultations/";

/// The lists of domains, topics, publishers and years.
pub const DOMAINS: &str = "domains/";
pub const TOPICS: &str = "topics/";
pub const PUBLISHERS: &str = "publishers/";
pub const YEARS: &str = "years/";

/// 信息公开单位导航: every organ, grouped by kind.
pub const ORGANS: &str = "organs/";

/// Data files.
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const CATALOGUE_JSON: &str = "catalogue.json";
pub const CATALOGUE_CSV: &str = "catalogue.csv";

/// The site's fixed addresses, as templates read them (`site.urls.guide` …): a
/// theme links with `{{ root }}{{ site.urls.guide }}index.html` and never spells a path.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Fixed {
    pub catalogue: String,
    pub in_force: String,
    pub policies: &'static str,
    pub policies_archive: &'static str,
    pub consultations: &'static str,
    pub guide: &'static str,
    pub apply: &'static str,
    pub reports: &'static str,
    pub search: &'static str,
    pub domains: &'static str,
    pub topics: &'static str,
    pub publishers: &'static str,
    pub years: &'static str,
    pub organs: &'static str,
    pub feed: &'static str,
    pub catalogue_json: &'static str,
    pub catalogue_csv: &'static str,
}

pub fn fixed() -> Fixed {
    Fixed {
        catalogue: catalogue(),
        in_force: catalogue_in_force(),
        policies: POLICIES,
        policies_archive: POLICIES_ARCHIVE,
        consultations: CONSULTATIONS,
        guide: GUIDE,
        apply: APPLY,
        reports: REPORTS,
        search: SEARCH_DIR,
        domains: DOMAINS,
        topics: TOPICS,
        publishers: PUBLISHERS,
        years: YEARS,
        organs: ORGANS,
        feed: FEED,
        catalogue_json: CATALOGUE_JSON,
        catalogue_csv: CATALOGUE_CSV,
    }
}

/// The folder holding every document's page.
pub const DOCS: &str = "docs/";

/// The item of the main navigation a page belongs to (`nav` in templates): `home`,
/// `guide`, `rules` (the rules' page `rules`, where there is one), `catalogue` (also
/// the lists by topic, publisher and year, and the documents), `reports`, `apply`,
/// `domains`, `organs`, `search` (the search page, which has no item but shows no
/// header search box), or `""`. `page_path` is the page's folder ([`dir_of`]).
pub fn nav(page_path: &str, rules: Option<&str>) -> &'static str {
    if page_path == HOME {
        return "home";
    }
    if rules == Some(page_path) {
        return "rules";
    }
    if page_path == SEARCH_DIR {
        return "search";
    }
    let first = page_path.split('/').next().unwrap_or_default();
    let is = |dir: &str| dir.strip_suffix('/') == Some(first);
    if is(GUIDE) {
        "guide"
    } else if is(&catalogue()) || is(TOPICS) || is(PUBLISHERS) || is(YEARS) || is(DOCS) {
        "catalogue"
    } else if is(REPORTS) {
        "reports"
    } else if is(APPLY) {
        "apply"
    } else if is(DOMAINS) {
        "domains"
    } else if is(ORGANS) {
        "organs"
    } else {
        ""
    }
}

/// The folder of a document's page.
pub fn doc_path(d: &Document) -> String {
    [DOCS, &d.url_segment, "/"].concat()
}

/// The whole catalogue (政府信息公开目录).
pub fn catalogue() -> String {
    "catalogue/".into()
}

/// The catalogue of the documents in force (现行有效).
pub fn catalogue_in_force() -> String {
    "catalogue/in-force/".into()
}

/// The catalogue of one of the five disclosures (its slug, see `Category::slug`).
pub fn category(slug: &str) -> String {
    format!("catalogue/{slug}/")
}

/// A pilot domain's page.
pub fn domain(slug: &str) -> String {
    format!("{DOMAINS}{slug}/")
}

/// A pilot domain's catalogue of documents.
pub fn domain_catalogue(slug: &str) -> String {
    format!("{DOMAINS}{slug}/catalogue/")
}

/// An item of a domain's standard list.
pub fn item(domain: &str, id: &str) -> String {
    format!("{DOMAINS}{domain}/items/{}/", item_slug(id))
}

pub fn topic(name: &str) -> String {
    format!("{TOPICS}{}/", topic_slug(name))
}

pub fn publisher(key: &str) -> String {
    format!("{PUBLISHERS}{key}/")
}

pub fn year(year: i32) -> String {
    format!("{YEARS}{year}/")
}

/// An organ's column: its 机构信息 and the links to its four parts.
pub fn organ(key: &str) -> String {
    format!("{ORGANS}{key}/")
}

/// An organ's guide; the first organ's (`first`, the portal's owner) is the portal's.
pub fn organ_guide(key: &str, first: bool) -> String {
    if first {
        GUIDE.into()
    } else {
        format!("{ORGANS}{key}/guide/")
    }
}

/// An organ's 政府信息公开制度: its documents with that topic.
pub fn organ_rules(key: &str) -> String {
    format!("{ORGANS}{key}/rules/")
}

/// An organ's 法定主动公开内容: its catalogue, and by one of the five disclosures.
pub fn organ_catalogue(key: &str, category: Option<&str>) -> String {
    match category {
        None => format!("{ORGANS}{key}/catalogue/"),
        Some(slug) => format!("{ORGANS}{key}/catalogue/{slug}/"),
    }
}

/// An organ's catalogue as open data.
pub fn organ_catalogue_csv(key: &str) -> String {
    format!("{ORGANS}{key}/{CATALOGUE_CSV}")
}

/// An organ's annual reports; the first organ's are the portal's.
pub fn organ_reports(key: &str, first: bool) -> String {
    if first {
        REPORTS.into()
    } else {
        format!("{ORGANS}{key}/reports/")
    }
}

/// An organ's report of a year; the first organ's are the portal's.
pub fn organ_report(key: &str, first: bool, year: i32) -> String {
    format!("{}{year}/", organ_reports(key, first))
}

/// Page `n` (1-based) of a list whose first page is at `dir`.
pub fn numbered_page(dir: &str, n: usize) -> String {
    if n <= 1 {
        dir.to_string()
    } else {
        [dir, "page/", &n.to_string(), "/"].concat()
    }
}

/// The output folder of a year's report.
pub fn report_dir(year: i32) -> String {
    format!("{REPORTS}{year}/")
}

/// A file of the search index.
pub fn search_file(key: &str) -> String {
    format!("{SEARCH_DIR}{key}.js")
}

/// An item's URL segment (its page is `domains/<domain>/items/<segment>/`): ASCII
/// letters, digits and `-` are kept, so ids like `1.2` become `1-2`; other letters
/// and digits (Chinese characters such as 甲 and 乙) are kept too, so they get pages
/// of their own; every other character becomes `-`. Ids that still meet on one
/// segment (`9.1` and `9-1`) are an error (`domain/duplicate-item-url`).
pub fn item_slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric()) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A topic's URL segment: the gov.cn slug when the topic is a standard one,
/// otherwise `t-` and the name's UTF-8 bytes in lowercase hex. That is one-to-one
/// (two names never share a page, even on a file system that ignores case) and
/// safe for any name, even one with `/`. A name longer than [`TOPIC_HEX_BYTES`]
/// bytes (a file name has at most 255) keeps that much in hex and adds the
/// 128-bit xxh3 of the whole; should two such names ever meet, the plan refuses
/// the clash (`files/output-clash`) rather than merge them.
pub fn topic_slug(name: &str) -> String {
    if let Some(s) = crate::model::builtin::topic_slug(name) {
        return s.to_string();
    }
    let bytes = name.as_bytes();
    let hex = |b: &[u8]| b.iter().map(|b| format!("{b:02x}")).collect::<String>();
    if bytes.len() <= TOPIC_HEX_BYTES {
        format!("t-{}", hex(bytes))
    } else {
        format!(
            "t-{}-{:032x}",
            hex(&bytes[..TOPIC_HEX_BYTES]),
            xxhash_rust::xxh3::xxh3_128(bytes)
        )
    }
}

/// A page's address on the live portal: `base_url` and the page's folder, for links
/// from outside the portal (the inspection report of `zwgk check --format html`).
pub fn on_portal(base_url: &str, dir: &str) -> String {
    format!("{}/{dir}", base_url.trim_end_matches('/'))
}

/// Bytes of a topic name spelt out in its URL segment (see [`topic_slug`]).
pub const TOPIC_HEX_BYTES: usize = 90;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_compare_as_file_systems_do() {
        assert_eq!(same_path_key("docs/ABC/index.html"), "docs/abc/index.html");
        assert_eq!(
            same_path_key("domains/x/items//index.html"),
            "domains/x/items/index.html"
        );
        // The ASCII shortcut and the general way agree: trailing slashes do not count.
        assert_eq!(same_path_key("docs/ABC/"), "docs/abc");
        assert_eq!(same_path_key("docs/\u{212A}/"), same_path_key("docs/k/"));
        assert_eq!(same_path_key("/docs/Ä/"), "docs/ä");
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("docs/x/index.html"), "../../");
    }

    #[test]
    fn hrefs_are_percent_encoded() {
        assert_eq!(
            super::href("docs/a/files/a#1 ?%.pdf"),
            "docs/a/files/a%231%20%3F%25.pdf"
        );
        assert_eq!(super::href("docs/a/表.pdf"), "docs/a/%E8%A1%A8.pdf");
        assert_eq!(super::href("docs/a/b-c_d.pdf"), "docs/a/b-c_d.pdf");
    }

    #[test]
    fn each_page_has_its_navigation_item() {
        let rules = Some("organs/gov/rules/");
        for (page, item) in [
            ("", "home"),
            ("guide/", "guide"),
            ("organs/gov/rules/", "rules"),
            ("organs/gov/", "organs"),
            ("organs/", "organs"),
            ("catalogue/page/2/", "catalogue"),
            ("topics/zhzw/", "catalogue"),
            ("publishers/p01/", "catalogue"),
            ("years/2025/", "catalogue"),
            ("docs/a/", "catalogue"),
            ("reports/2025/", "reports"),
            ("apply/", "apply"),
            ("domains/x/", "domains"),
            ("search/", "search"),
            ("policies/", ""),
            ("consultations/", ""),
            ("404.html", ""),
            // A folder that only starts like an item's is not in it.
            ("guidelines/", ""),
        ] {
            assert_eq!(nav(page, rules), item, "{page}");
        }
        // Without organs the rules are a topic's list: the rules' item, not the catalogue's.
        assert_eq!(nav("topics/zd/", Some("topics/zd/")), "rules");
        assert_eq!(nav("topics/zd/", None), "catalogue");
    }

    #[test]
    fn topic_slugs_are_one_to_one() {
        assert_eq!(topic_slug("综合政务"), "zhzw");
        assert_eq!(topic_slug("乡村振兴"), "t-e4b9a1e69d91e68cafe585b4");
        assert_ne!(topic_slug("a"), topic_slug("A"));
        assert_ne!(topic_slug("ab"), topic_slug("a/b"));
        let long_a = "长".repeat(40) + "甲";
        let long_b = "长".repeat(40) + "乙";
        let (a, b) = (topic_slug(&long_a), topic_slug(&long_b));
        assert_ne!(a, b);
        assert!(a.len() < 255 && a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));
    }
}
