//! The caches a [`super::Session`] holds for `serve`; a build holds none. Each
//! leaves the output as a run without it would make it.
//! - parsed documents ([`DocumentCache`], the load stage's);
//! - the document rules' findings, while the document and everything else those
//!   rules may read are unchanged ([`FindingsMemo`]);
//! - rendered Markdown bodies ([`markdown::Memo`]);
//! - rendered pages by fingerprint (`pages.rs`) and the compiled templates;
//! - the data files: when a run leaves the same documents published, the previous
//!   data files are handed on and a [`Later`] job makes the new ones; when any
//!   document was added, removed, withheld or renamed, they are made first, so a
//!   withheld document is never in a handed-on file.

use super::pages::RenderedPage;
use crate::diagnostics::Diagnostics;
use crate::load::{DocumentCache, LoadedSite};
use crate::markdown;
use crate::model::document::Document;
use crate::plan;
use crate::publish::site::Site;
use crate::util::fingerprint::hash_of;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock};

/// Data files by output path, as handed on.
pub type DataFiles = Vec<(String, Arc<[u8]>)>;

#[derive(Default)]
pub(super) struct Caches {
    pub documents: DocumentCache,
    pub findings: FindingsMemo,
    pub bodies: Arc<markdown::Memo>,
    /// Output path → the page rendered there by the last successful run.
    pub pages: rustc_hash::FxHashMap<String, RenderedPage>,
    /// What pages were made from, bodies aside, by the last successful run.
    pub last_inputs: Option<u128>,
    /// The theme's templates, compiled, with the hash of their sources.
    pub templates: Option<(u128, Arc<tera::Tera>)>,
    pub data: Arc<Mutex<DataState>>,
    /// Each document's search terms, weighed once per change of its text.
    pub terms: Arc<crate::datafiles::TermsMemo>,
}

/// Findings of the document rules by document, reused while the document and
/// everything else those rules may read (the site without other documents'
/// bodies, see `rules::DOCUMENT_RULES`) are unchanged. A document stands
/// for its content by its parse (see [`DocumentCache`]): a re-parsed file counts as changed.
#[derive(Default)]
pub(super) struct FindingsMemo {
    /// Hash of the site without document bodies (config, domains, files, metadata), for this rebuild.
    pub site: u128,
    /// Read by every document of a run at once.
    entries: RwLock<rustc_hash::FxHashMap<String, (u128, Diagnostics)>>,
}

/// The memo, with the parses that identify documents.
pub(super) struct Findings<'a> {
    pub memo: &'a FindingsMemo,
    pub documents: &'a DocumentCache,
}

impl FindingsMemo {
    /// Forgets the documents no longer in `loaded`, when there are more entries than
    /// documents (see [`markdown::Memo::retain`]).
    pub fn keep_only(&self, loaded: &LoadedSite) {
        let mut entries = self.entries.write().expect("memo lock");
        if entries.len() > loaded.documents.len() {
            let files: HashSet<&str> = loaded.documents.iter().map(|d| d.file.as_str()).collect();
            entries.retain(|f, _| files.contains(f.as_str()));
        }
    }
}

impl crate::rules::DocumentMemo for Findings<'_> {
    fn findings(&self, doc: &Document, run: &dyn Fn() -> Diagnostics) -> Diagnostics {
        let Some(parse) = self.documents.parse_of(doc) else {
            return run();
        };
        let mut bytes = [0u8; 24];
        bytes[..16].copy_from_slice(&self.memo.site.to_le_bytes());
        bytes[16..].copy_from_slice(&parse.to_le_bytes());
        let key = xxhash_rust::xxh3::xxh3_128(&bytes);
        let entries = &self.memo.entries;
        if let Some((k, found)) = entries.read().expect("memo lock").get(&doc.file) {
            if *k == key {
                return found.clone();
            }
        }
        let found = run();
        entries
            .write()
            .expect("memo lock")
            .insert(doc.file.clone(), (key, found.clone()));
        found
    }
}

/// A hash of everything loaded except document bodies: the site, the documents'
/// metadata, and what the rebuild is for. Every field is named, so a field added to
/// [`LoadedSite`] must be considered here.
pub(super) fn all_but_bodies(
    loaded: &LoadedSite,
    documents_cache: &DocumentCache,
    today: NaiveDate,
    preview: bool,
) -> u128 {
    let LoadedSite {
        root,
        config,
        domains,
        documents,
        special_pages,
        assets,
        reports,
        organs,
        // Problems stop the rebuild or are printed; no page shows them.
        diagnostics: _,
        // Files that did not load: no page shows them.
        broken_drafts: _,
        documents_found,
    } = loaded;
    // Report data is not `Serialize`; its debug text shows every value.
    let reports = format!("{reports:?}{organs:?}");
    // Each document's metadata was hashed once, when it was parsed.
    let documents = documents_cache.metadata(documents);
    hash_of(&(
        today,
        preview,
        root,
        config,
        domains,
        documents,
        special_pages,
        assets,
        reports,
        documents_found,
    ))
}

/// The data files last made, and which documents they list.
#[derive(Default)]
pub(super) struct DataState {
    /// [`published_key`] of the site they were made from.
    pub published: Option<u128>,
    pub files: DataFiles,
    /// Counts rebuilds: only the newest rebuild's [`Later`] may replace `files`.
    pub generation: u64,
}

/// Which documents the site lists and how: changes whenever a document is added,
/// removed, withheld, renamed or shown as a preview.
pub(super) fn published_key(site: &Site) -> u128 {
    let docs: Vec<(&str, &str, bool)> = site
        .docs
        .iter()
        .map(|d| (d.file.as_str(), d.index_no.as_str(), d.preview))
        .collect();
    hash_of(&docs)
}

/// The data files a run hands on, and the job that makes new ones when those are
/// the previous run's (see the module's doc).
pub(super) fn data_files(
    state: &Arc<Mutex<DataState>>,
    terms: &Arc<crate::datafiles::TermsMemo>,
    site: &Arc<Site>,
    plan: plan::Plan,
) -> Result<(DataFiles, Option<Later>), Diagnostics> {
    let published = published_key(site);
    let mut guard = state.lock().expect("data lock");
    guard.generation += 1;
    if guard.published == Some(published) {
        let later = Later {
            site: site.clone(),
            plan,
            generation: guard.generation,
            state: state.clone(),
            terms: terms.clone(),
        };
        Ok((guard.files.clone(), Some(later)))
    } else {
        let made = made_data_files(site, &plan, terms)?;
        guard.published = Some(published);
        guard.files = made.clone();
        Ok((made, None))
    }
}

/// The data files of `site`, made now.
pub(super) fn made_data_files(
    site: &Site,
    plan: &plan::Plan,
    terms: &crate::datafiles::TermsMemo,
) -> Result<DataFiles, Diagnostics> {
    Ok(crate::datafiles::data_files(site, plan, Some(terms))?
        .into_iter()
        .map(|f| (f.path, f.bytes.into()))
        .collect())
}

/// The data files of a rebuild that served the previous ones, to be made after it.
pub struct Later {
    pub(super) site: Arc<Site>,
    pub(super) plan: plan::Plan,
    pub(super) generation: u64,
    pub(super) state: Arc<Mutex<DataState>>,
    pub(super) terms: Arc<crate::datafiles::TermsMemo>,
}

impl Later {
    /// Makes the data files. `None` if a newer run started meanwhile (its own
    /// files, or its own `Later`, supersede these), or if they could not be made,
    /// which a session with caches never meets: its bodies stay in memory
    /// (`Site::body` cannot fail).
    pub fn make(self) -> Option<DataFiles> {
        // Given up between groups as soon as a newer run started: its own job follows.
        let current = || self.state.lock().expect("data lock").generation == self.generation;
        let mut made = DataFiles::new();
        crate::datafiles::each_group(&self.site, &self.plan, Some(&self.terms), |group| {
            made.extend(group.into_iter().map(|f| (f.path, f.bytes.into())));
            if current() {
                Ok(())
            } else {
                Err(Diagnostics::default())
            }
        })
        .ok()?;
        let mut state = self.state.lock().expect("data lock");
        if state.generation != self.generation {
            return None;
        }
        state.files = made.clone();
        Some(made)
    }
}
