//! What `serve` stops showing when a rebuild fails.
//!
//! A failed rebuild leaves the last good build on the screen, under the list of
//! problems. That build may hold what the current source no longer publishes: a
//! document switched to 依申请公开, a draft again, a file whose front matter no
//! longer parses, a deleted file, or a passage just removed from a body. So a
//! failed rebuild compares the last good build with the current source, and from
//! then until the next good build serves only what provably shows nothing the
//! current source withholds. The rule, the simplest that cannot leak:
//!
//! 1. A document of the last good build is **hidden** (its page and its
//!    attachments) unless the current source still publishes it, unchanged: the
//!    same front matter and body, kept by `publish::select` (the publishing rule
//!    itself, on the current load, even though validation failed). So a document
//!    that is withheld, unreadable (its front matter fails to parse: known by its
//!    source path, which the last good build maps to its pages), deleted, renamed
//!    or edited is hidden.
//! 2. A document page that shows anything of a hidden document is hidden too: a
//!    document page shows other documents only as links (interpretations both
//!    ways, Markdown links), and every such link holds the other page's folder
//!    `docs/<segment>/`, so a page whose bytes hold a hidden document's folder, or
//!    whose interpretation partner is hidden, is hidden.
//! 3. Every other page (home, catalogue and its views, domains, topics, years,
//!    publishers, the guide, reports, search, 404) and every data file (feeds,
//!    sitemap, open data, the search index) lists documents: all of them are hidden
//!    as soon as one document is hidden, or when anything else they are made from
//!    (site.toml, the domain lists, `_guide.md`, the annual reports) changed.
//! 4. When site.toml cannot be read, nothing is known of the current source: only
//!    the theme's static files are served.
//! 5. The theme's static files (and the site's `static/`) are always served: they
//!    are no document's.
//!
//! A hidden path is answered with an explanation page, and the error overlay
//! names the hidden documents by file and says why. The next good build serves
//! everything again. What a rebuild could not compare is hidden, never shown:
//! publishing nothing is recoverable, a leak is not.

use super::incremental::Files;
use crate::config::SiteConfig;
use crate::model::document::Document;
use crate::model::taxonomy::Domain;
use crate::model::urls::{self, doc_path};
use crate::publish::site::Site;
use crate::util::fingerprint::hash_of;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Why a document of the last good build is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Because {
    /// The current source withholds it (依申请公开, 不予公开, draft, unreviewed, scheduled …).
    Withheld,
    /// Its file no longer loads (front matter that does not parse, a bad value …).
    Unreadable,
    /// Its file is gone (deleted or renamed).
    Deleted,
    /// Still published, but edited: the edit shows once the errors are fixed.
    Changed,
    /// Unchanged, but its page links to a hidden document.
    LinksToHidden,
}

impl Because {
    pub fn zh(self) -> &'static str {
        match self {
            Because::Withheld => "现在不公开（依申请公开、不予公开、草稿或未通过审查等）",
            Because::Unreadable => "文件有错误，无法读取",
            Because::Deleted => "文件已删除或改名",
            Because::Changed => "文件已修改，新内容在改正错误后显示",
            Because::LinksToHidden => "页面链接到上面不显示的文件",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Because::Withheld => "now withheld (on request, not disclosed, draft, unreviewed …)",
            Because::Unreadable => "the file has errors and cannot be read",
            Because::Deleted => "the file was deleted or renamed",
            Because::Changed => "edited: the new version shows once the errors are fixed",
            Because::LinksToHidden => "its page links to a hidden document",
        }
    }
}

/// What of the last good build is no longer served after a failed rebuild.
#[derive(Debug, Clone, Default)]
pub struct Hidden {
    /// Nothing of the current source could be read (site.toml): only static files are served.
    pub everything: bool,
    /// Hidden documents by source file, with why, in file order.
    pub documents: Vec<(String, Because)>,
    /// Every page that is not a document's own, and every data file, is hidden.
    pub listings: bool,
    /// Output path → source file of the document it belongs to (its page, its attachments).
    owner: Arc<HashMap<String, String>>,
    /// Output paths of the theme's static files that are no document's.
    statics: Arc<HashSet<String>>,
    hidden_files: HashSet<String>,
}

impl Hidden {
    /// Nothing is hidden: the last good build is served whole.
    pub fn is_empty(&self) -> bool {
        !self.everything && !self.listings && self.documents.is_empty()
    }

    /// Whether the output path may still be served.
    pub fn keeps(&self, output: &str) -> bool {
        if self.is_empty() {
            return true;
        }
        match self.owner.get(output) {
            Some(file) => !self.everything && !self.hidden_files.contains(file),
            None if self.statics.contains(output) => true,
            None => !self.everything && !self.listings,
        }
    }

    /// The files of the last good build that may still be served.
    pub fn apply(&self, files: &Files) -> Files {
        files
            .iter()
            .filter(|(k, _)| self.keeps(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

#[cfg(test)]
impl Hidden {
    /// Hides `documents` (source files) whose outputs are given by `owner`; `statics` stay.
    pub(crate) fn hiding(
        owner: &[(&str, &str)],
        statics: &[&str],
        documents: &[(&str, Because)],
    ) -> Hidden {
        Hidden {
            everything: false,
            listings: !documents.is_empty(),
            documents: documents.iter().map(|(f, w)| (f.to_string(), *w)).collect(),
            owner: Arc::new(
                owner
                    .iter()
                    .map(|(o, f)| (o.to_string(), f.to_string()))
                    .collect(),
            ),
            statics: Arc::new(statics.iter().map(|s| s.to_string()).collect()),
            hidden_files: documents.iter().map(|(f, _)| f.to_string()).collect(),
        }
    }
}

/// What the last good build was made from.
pub(super) struct LastGood {
    pub site: Arc<Site>,
    /// Output paths of the theme's static files (attachments aside).
    pub statics: Vec<String>,
}

/// What the current source says, as far as a failed rebuild got.
pub(super) enum Source {
    /// site.toml could not be read: nothing is known.
    Unknown,
    /// Validation failed: the documents `publish::select` keeps from the current
    /// load, and the hash of everything else pages are made from.
    Loaded {
        kept: Vec<Arc<Document>>,
        others: u128,
    },
    /// Validation passed and the site was published; a later stage failed.
    Published(Arc<Site>),
}

/// A hash of what pages are made from besides the documents.
pub(super) fn others_key(
    config: &SiteConfig,
    domains: &BTreeMap<String, Domain>,
    special_pages: &BTreeMap<String, String>,
    reports: &BTreeMap<i32, crate::load::reports::ReportData>,
    organs: &BTreeMap<String, crate::load::organs::OrganFiles>,
) -> u128 {
    // Report data is not `Serialize`; its debug text shows every value.
    hash_of(&(
        config,
        domains,
        special_pages,
        format!("{reports:?}{organs:?}"),
    ))
}

fn others_of_site(site: &Site) -> u128 {
    others_key(
        &site.config,
        &site.domains,
        &site.special_pages,
        &site.reports,
        &site.organ_files,
    )
}

/// Compares the last good build with the current source. `loads` says, for a
/// source file, whether it is in the current source and loads (`Some(true)`),
/// fails to load (`Some(false)`), or is gone (`None`). `served` is what the last
/// good build serves (its document pages are read for links).
pub(super) fn hidden(
    last: &LastGood,
    now: &Source,
    loads: &dyn Fn(&str) -> Option<bool>,
    served: &Files,
) -> Hidden {
    let site = &last.site;
    let mut owner = HashMap::new();
    for d in &site.docs {
        let dir = doc_path(d);
        owner.insert(urls::page(&dir), d.file.clone());
        for a in &d.attachments {
            owner.insert(
                crate::model::urls::attachment_output(&dir, &a.file),
                d.file.clone(),
            );
        }
    }
    let statics = last
        .statics
        .iter()
        .filter(|s| !owner.contains_key(*s))
        .cloned()
        .collect();
    let mut hidden = Hidden {
        owner: Arc::new(owner),
        statics: Arc::new(statics),
        ..Hidden::default()
    };
    let (kept, others): (HashMap<&str, &Arc<Document>>, u128) = match now {
        Source::Unknown => {
            hidden.everything = true;
            hidden.listings = true;
            hidden.hidden_files = site.docs.iter().map(|d| d.file.clone()).collect();
            return hidden;
        }
        Source::Loaded { kept, others } => {
            (kept.iter().map(|d| (d.file.as_str(), d)).collect(), *others)
        }
        Source::Published(now) => (
            now.docs.iter().map(|d| (d.file.as_str(), d)).collect(),
            others_of_site(now),
        ),
    };

    // 1. Documents no longer published as they were.
    let mut found: BTreeMap<&str, Because> = BTreeMap::new();
    for d in &site.docs {
        let why = match kept.get(d.file.as_str()) {
            Some(current) if same_document(d, current) => continue,
            Some(_) => Because::Changed,
            None => match loads(&d.file) {
                Some(true) => Because::Withheld,
                Some(false) => Because::Unreadable,
                None => Because::Deleted,
            },
        };
        found.insert(&d.file, why);
    }

    // 2. Pages that show something of a hidden document.
    if !found.is_empty() {
        let hidden_dirs: HashSet<String> = site
            .docs
            .iter()
            .filter(|d| found.contains_key(d.file.as_str()))
            .map(|d| doc_path(d))
            .collect();
        let mut linking = Vec::new();
        for (i, d) in site.docs.iter().enumerate() {
            if found.contains_key(d.file.as_str()) {
                continue;
            }
            let partner_hidden = interpretation_partners(site, i)
                .any(|j| found.contains_key(site.docs[j].file.as_str()));
            let page = served.get(&urls::page(&doc_path(d)));
            let links_hidden = match page.map(|p| p.read()) {
                Some(Ok(bytes)) => mentions_any(&bytes, &hidden_dirs),
                // Not there to read: nothing shows it is safe.
                _ => true,
            };
            if partner_hidden || links_hidden {
                linking.push(d.file.as_str());
            }
        }
        for f in linking {
            found.insert(f, Because::LinksToHidden);
        }
    }

    hidden.listings = !found.is_empty() || others != others_of_site(site);
    hidden.hidden_files = found.keys().map(|f| f.to_string()).collect();
    hidden.documents = found.into_iter().map(|(f, w)| (f.to_string(), w)).collect();
    hidden
}

/// Same front matter and body (line numbers aside).
fn same_document(a: &Arc<Document>, b: &Arc<Document>) -> bool {
    Arc::ptr_eq(a, b) || (a.body == b.body && hash_of(&**a) == hash_of(&**b))
}

/// The documents a document's page links to as interpretations, or is interpreted by.
fn interpretation_partners(site: &Site, i: usize) -> impl Iterator<Item = usize> + '_ {
    let interpreted_by = site.interpretations.get(&i).into_iter().flatten().copied();
    let interprets = site.docs[i]
        .interprets
        .as_ref()
        .and_then(|t| site.by_index.get(t))
        .copied();
    interpreted_by.chain(interprets)
}

/// Whether the page holds one of the folders `docs/<segment>/`.
fn mentions_any(page: &[u8], dirs: &HashSet<String>) -> bool {
    let text = String::from_utf8_lossy(page);
    text.match_indices(urls::DOCS).any(|(at, _)| {
        let rest = &text[at + urls::DOCS.len()..];
        rest.find(['/', '"', '\'', '<', '>', ' ', '#', '?'])
            .filter(|&end| rest[end..].starts_with('/'))
            .is_some_and(|end| dirs.contains(&text[at..at + urls::DOCS.len() + end + 1]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_folders_of_hidden_documents_in_links() {
        let dirs: HashSet<String> = ["docs/a-1/".to_string()].into();
        assert!(mentions_any(
            br#"<a href="../../docs/a-1/index.html">"#,
            &dirs
        ));
        assert!(mentions_any(br#"<a href="../../docs/a-1/#x">"#, &dirs));
        assert!(!mentions_any(
            br#"<a href="../../docs/a-12/index.html">"#,
            &dirs
        ));
        assert!(!mentions_any(
            br#"<a href="../../docs/b/a-1/index.html">"#,
            &dirs
        ));
        assert!(!mentions_any(b"docs/a-1", &dirs));
    }
}
