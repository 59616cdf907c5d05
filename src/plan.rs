//! Stage 4: plan the output — every page to render and every file to copy.
//!
//! The plan is a flat list, so rendering can run it in parallel and `serve` can
//! re-run just the part of it that a change touches.

use crate::site::{doc_path, Site};

/// What a page shows; the renderer picks the template and context from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// Position in `Site::docs`.
    Document(usize),
    NotFound,
    /// The search page; its index files come from `crate::search`.
    Search,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output-relative file path, e.g. `docs/x/index.html`.
    pub output: String,
    pub kind: PageKind,
}

/// A file copied as is: an attachment of a published document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Site-relative source path.
    pub source: String,
    /// Output-relative destination.
    pub output: String,
}

pub struct Plan {
    pub pages: Vec<Page>,
    pub copies: Vec<Copy>,
}

pub fn plan(site: &Site) -> Plan {
    let mut pages = vec![
        page("", PageKind::Home),
        Page { output: "404.html".into(), kind: PageKind::NotFound },
        page(crate::search::DIR, PageKind::Search),
    ];
    let mut copies = Vec::new();
    for (i, d) in site.docs.iter().enumerate() {
        let dir = doc_path(d);
        pages.push(page(&dir, PageKind::Document(i)));
        for a in &d.attachments {
            copies.push(Copy { source: a.source.clone(), output: attachment_output(&dir, &a.file) });
        }
    }
    Plan { pages, copies }
}

/// A page that is a folder with `index.html`.
pub fn page(dir: &str, kind: PageKind) -> Page {
    Page { output: format!("{dir}index.html"), kind }
}

pub fn attachment_output(doc_dir: &str, file: &str) -> String {
    let file = file.trim_start_matches("./");
    format!("{doc_dir}{file}")
}

/// `../` once per folder between the page and the site root.
pub fn root_prefix(output: &str) -> String {
    "../".repeat(output.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("docs/x/index.html"), "../../");
    }
}
