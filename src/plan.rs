//! Stage 4: plan the output — every page to render and every file to copy.
//!
//! The plan is a flat list, so rendering can run it in parallel and `serve` can
//! re-run just the part of it that a change touches.

use crate::catalogue::{page_count, View};
use crate::site::{doc_path, Site};

/// What a page shows; the renderer picks the template and context from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// Position in `Site::docs`.
    Document(usize),
    /// Page `page` (1-based) of a catalogue view.
    Catalogue {
        view: View,
        page: usize,
    },
    /// The list of all values of one way of browsing (all topics, all years, ...).
    Index(IndexKind),
    /// A domain's standard item list, by slug.
    Domain(String),
    Guide,
    /// The annual reports by year.
    Reports,
    /// The annual report of a year.
    Report(i32),
    /// How to request information, with the application form.
    Apply,
    NotFound,
    /// The search page; its index files come from `crate::search`.
    Search,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexKind {
    Domains,
    Topics,
    Publishers,
    Years,
}

impl IndexKind {
    pub const ALL: [IndexKind; 4] = [
        IndexKind::Domains,
        IndexKind::Topics,
        IndexKind::Publishers,
        IndexKind::Years,
    ];

    pub fn path(self) -> &'static str {
        match self {
            IndexKind::Domains => "domains/",
            IndexKind::Topics => "topics/",
            IndexKind::Publishers => "publishers/",
            IndexKind::Years => "years/",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            IndexKind::Domains => "重点领域",
            IndexKind::Topics => "按主题分类",
            IndexKind::Publishers => "按发布机构",
            IndexKind::Years => "按年份",
        }
    }
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
        page("guide/", PageKind::Guide),
        Page {
            output: "404.html".into(),
            kind: PageKind::NotFound,
        },
        page(crate::search::DIR, PageKind::Search),
    ];
    for kind in IndexKind::ALL {
        pages.push(page(kind.path(), PageKind::Index(kind)));
    }
    pages.push(page("reports/", PageKind::Reports));
    for &year in site.reports.keys() {
        pages.push(page(
            &crate::reports::page_path(year),
            PageKind::Report(year),
        ));
    }
    pages.push(page("apply/", PageKind::Apply));
    for slug in site.domains.keys() {
        pages.push(page(
            &format!("domains/{slug}/"),
            PageKind::Domain(slug.clone()),
        ));
        // the domain's own catalogue view exists even when it is still empty
        if site.members(&View::Domain(slug.clone())).is_empty() {
            pages.push(page(
                &View::Domain(slug.clone()).path(),
                PageKind::Catalogue {
                    view: View::Domain(slug.clone()),
                    page: 1,
                },
            ));
        }
    }
    for (view, members) in &site.views {
        for n in 1..=page_count(members.len(), site.config.page_size) {
            pages.push(page(
                &view.page_path(n),
                PageKind::Catalogue {
                    view: view.clone(),
                    page: n,
                },
            ));
        }
    }
    let mut copies = Vec::new();
    for (i, d) in site.docs.iter().enumerate() {
        let dir = doc_path(d);
        pages.push(page(&dir, PageKind::Document(i)));
        for a in &d.attachments {
            copies.push(Copy {
                source: a.source.clone(),
                output: attachment_output(&dir, &a.file),
            });
        }
    }
    Plan { pages, copies }
}

/// A page that is a folder with `index.html`.
pub fn page(dir: &str, kind: PageKind) -> Page {
    Page {
        output: format!("{dir}index.html"),
        kind,
    }
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
