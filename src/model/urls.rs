//! Every address of the portal: each page's folder, each copied file's place and
//! each data file's name come from here, for plan, render, the catalogue views,
//! search, feeds, the sitemap, open data and serve alike. Folders end in `/`; a page
//! is the folder's `index.html`. Links between pages are relative ([`root_prefix`]).

use crate::model::document::Document;

/// How two output paths are compared: as the file systems offices use would (Windows
/// and macOS ignore case) and with empty segments (`a//b`) dropped, as every file system does.
pub fn same_path_key(output: &str) -> String {
    output
        .split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase()
}

/// Where an attachment is copied: beside its document's page.
pub fn attachment_output(doc_dir: &str, file: &str) -> String {
    let file = file.trim_start_matches("./");
    format!("{doc_dir}{file}")
}

/// `../` once per folder between the page and the site root.
pub fn root_prefix(output: &str) -> String {
    "../".repeat(output.matches('/').count())
}

/// The folder of a document's page.
pub fn doc_path(d: &Document) -> String {
    format!("docs/{}/", d.url_segment)
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

/// The home page's folder: the output root.
pub const HOME: &str = "";

/// A 五公开 view of the catalogue, by the category's slug (`catalogue/decision/`).
pub fn category_dir(slug: &str) -> String {
    format!("catalogue/{slug}/")
}

/// A pilot domain's page: its standard item list.
pub fn domain_dir(domain: &str) -> String {
    format!("domains/{domain}/")
}

/// The page of one item of a domain's list (see [`item_slug`]).
pub fn item_dir(domain: &str, id: &str) -> String {
    format!("domains/{domain}/items/{}/", item_slug(id))
}

/// A publishing body's documents.
pub fn publisher_dir(key: &str) -> String {
    format!("publishers/{key}/")
}

/// A page's address on the live portal: `base_url` and the page's folder, for links
/// from outside the portal (the inspection report of `zwgk check --format html`).
pub fn on_portal(base_url: &str, dir: &str) -> String {
    format!("{}/{dir}", base_url.trim_end_matches('/'))
}

/// Output folder of the search page and its index files.
pub const SEARCH_DIR: &str = "search/";

/// The output folder of a year's report.
pub fn report_dir(year: i32) -> String {
    format!("reports/{year}/")
}

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
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("docs/x/index.html"), "../../");
    }
}
