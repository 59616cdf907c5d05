//! Parsed documents kept between runs (`serve`): a file is parsed again only when
//! its size or modification time, site.toml or a domain list changed; once `serve`'s
//! watcher runs, only when the watcher named it (and `stale` catches what it missed).
//! The listing of content/ and the parsed domain lists are kept too. A build runs
//! without one.

use super::ContentFiles;
use crate::config::SiteConfig;
use crate::diagnostics::{display_path, Diagnostics};
use crate::model::document::Document;
use crate::model::taxonomy::Domain;
use crate::util::fingerprint::hash_of;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

/// A parsed domain item list, or why it could not be.
type DomainResult = Result<Domain, Diagnostics>;

/// Parsed documents by site-relative path.
#[derive(Default)]
pub struct DocumentCache {
    /// Read by every document of a load at once: a lock that lets them read together.
    entries: RwLock<FxHashMap<String, Arc<CachedDocument>>>,
    /// Counts loads; an entry not used by the current load is forgotten after it.
    generation: AtomicU64,
    /// Counts parses: each parse of a file has its own number.
    parses: AtomicU64,
    /// Hash of site.toml and the domain lists of the current load, which parsing also reads.
    context: RwLock<u128>,
    /// Parsed domain item lists (`_domain.yaml`) by path, with the stamp they were read at.
    domains: Mutex<HashMap<std::path::PathBuf, (Stamp, DomainResult)>>,
    /// Whether a watcher reports every change ([`DocumentCache::trust_events`]).
    trusted: std::sync::atomic::AtomicBool,
    /// The last listing of content/ (see [`DocumentCache::listing`]).
    listing: Mutex<Option<Arc<ContentFiles>>>,
}

struct CachedDocument {
    stamp: Stamp,
    context: u128,
    /// The last load that used this entry.
    generation: AtomicU64,
    /// Different for every parse: stands for the document's whole content.
    parse: u64,
    result: Result<Arc<Document>, Diagnostics>,
    summary: Option<Arc<str>>,
    /// Hash of the document without its body (its serialised fields), made once per parse.
    metadata: u128,
}

/// Size and modification time: a file whose stamp is unchanged is not read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok()?,
        })
    }
}

impl DocumentCache {
    /// The files under content/: the last listing while no folder of it changed
    /// (an entry added, removed or renamed changes its folder's modification time),
    /// else listed anew by `walk`. A listing is not used again when a folder of it
    /// changed in the two seconds before its walk began, as a change in the same
    /// tick of the file system's clock would not show.
    pub(super) fn listing(&self, walk: impl FnOnce() -> ContentFiles) -> Arc<ContentFiles> {
        let mut last = self.listing.lock().expect("cache lock");
        if let Some(files) = last.as_ref().filter(|f| still_holds(f)) {
            return files.clone();
        }
        let files = Arc::new(walk());
        *last = Some(files.clone());
        files
    }

    /// The domain item list of the file `rel`: remembered while its size and
    /// modification time are unchanged, or parsed by `parse`.
    pub(super) fn domain(
        &self,
        root: &Path,
        rel: &Path,
        parse: impl FnOnce() -> Result<Domain, Diagnostics>,
    ) -> Result<Domain, Diagnostics> {
        let stamp = Stamp::of(&root.join(rel));
        let mut domains = self.domains.lock().expect("cache lock");
        if let (Some(stamp), Some((then, result))) = (stamp, domains.get(rel)) {
            if stamp == *then {
                return result.clone();
            }
        }
        let result = parse();
        match stamp {
            Some(stamp) => {
                domains.insert(rel.to_path_buf(), (stamp, result.clone()));
            }
            None => {
                domains.remove(rel);
            }
        }
        result
    }

    /// From now on, a file is looked at (its size and modification time) only when
    /// the watcher named it ([`DocumentCache::forget`]): `serve` runs a watcher that
    /// reports every change, and after each rebuild is served it looks for files
    /// changed without a report ([`DocumentCache::stale`]) and rebuilds again if any.
    pub fn trust_events(&self) {
        self.trusted.store(true, Ordering::Relaxed);
    }

    /// The files (site-relative) whose size or modification time is no longer the
    /// one they were parsed at: changed, or gone, without the watcher saying so.
    pub fn stale(&self, root: &Path) -> Vec<String> {
        use rayon::prelude::*;
        let entries: Vec<(String, Stamp)> = self
            .entries
            .read()
            .expect("cache lock")
            .iter()
            .map(|(file, c)| (file.clone(), c.stamp))
            .collect();
        let mut stale: Vec<String> = entries
            .into_par_iter()
            .filter(|(file, stamp)| Stamp::of(&root.join(file)) != Some(*stamp))
            .map(|(file, _)| file)
            .collect();
        stale.sort();
        stale
    }

    /// Starts a load over `config` and `domains`.
    pub(super) fn begin(&self, config: &SiteConfig, domains: &BTreeMap<String, Domain>) {
        self.generation.fetch_add(1, Ordering::Relaxed);
        *self.context.write().expect("cache lock") = hash_of(&(config, domains));
    }

    /// The document of the file `rel`: remembered, or parsed by `parse` and remembered.
    pub(super) fn document(
        &self,
        root: &Path,
        rel: &Path,
        parse: impl FnOnce() -> Result<Arc<Document>, Diagnostics>,
    ) -> Result<Arc<Document>, Diagnostics> {
        let generation = self.generation.load(Ordering::Relaxed);
        let context = *self.context.read().expect("cache lock");
        let key = display_path(rel);
        let cached = self.entries.read().expect("cache lock").get(&key).cloned();
        // A file the watcher named was forgotten: an entry left stands for the file
        // as it is, without a look at it (checked after serving, see `stale`).
        if self.trusted.load(Ordering::Relaxed) {
            if let Some(c) = cached.as_ref().filter(|c| c.context == context) {
                c.generation.store(generation, Ordering::Relaxed);
                return c.result.clone();
            }
        }
        let stamp = Stamp::of(&root.join(rel));
        if let Some(c) = cached.filter(|c| Some(c.stamp) == stamp && c.context == context) {
            c.generation.store(generation, Ordering::Relaxed);
            return c.result.clone();
        }
        let result = parse();
        if let Some(stamp) = stamp {
            let entry = CachedDocument {
                stamp,
                context,
                generation: AtomicU64::new(generation),
                parse: self.parses.fetch_add(1, Ordering::Relaxed),
                result: result.clone(),
                summary: result
                    .as_ref()
                    .ok()
                    .map(|d| crate::model::document::summary_of(d).into()),
                metadata: result.as_ref().map_or(0, |d| hash_of(&**d)),
            };
            self.entries
                .write()
                .expect("cache lock")
                .insert(key, Arc::new(entry));
        }
        result
    }

    /// Ends the load: files gone from content/ are forgotten.
    pub(super) fn end(&self) {
        let generation = self.generation.load(Ordering::Relaxed);
        self.entries
            .write()
            .expect("cache lock")
            .retain(|_, c| c.generation.load(Ordering::Relaxed) == generation);
    }

    /// Which parse each of `documents` comes from (`None` if it was not cached), in one look.
    pub fn parses(&self, documents: &[Arc<Document>]) -> Vec<Option<u64>> {
        let entries = self.entries.read().expect("cache lock");
        documents
            .iter()
            .map(|d| entries.get(&d.file).map(|c| c.parse))
            .collect()
    }

    /// Whether the file is in the last load and loaded (`Some(true)`), failed to
    /// load (`Some(false)`), or is not there (`None`).
    pub fn loads(&self, file: &str) -> Option<bool> {
        self.entries
            .read()
            .expect("cache lock")
            .get(file)
            .map(|c| c.result.is_ok())
    }

    /// Which parse of its file `d` comes from (`None` if it was not cached).
    pub fn parse_of(&self, d: &Document) -> Option<u64> {
        self.entries
            .read()
            .expect("cache lock")
            .get(&d.file)
            .map(|c| c.parse)
    }

    /// For each document, the hash of its metadata (everything but its body) made
    /// when it was parsed; `hash_of` it when it was not cached.
    pub fn metadata(&self, documents: &[Arc<Document>]) -> Vec<u128> {
        let entries = self.entries.read().expect("cache lock");
        documents
            .iter()
            .map(|d| match entries.get(&d.file) {
                Some(c) if c.result.as_ref().is_ok_and(|r| Arc::ptr_eq(r, d)) => c.metadata,
                _ => hash_of(&**d),
            })
            .collect()
    }

    /// The listing summaries computed when the documents were parsed, in one look.
    pub fn summaries(&self, documents: &[Arc<Document>]) -> Vec<Option<Arc<str>>> {
        let entries = self.entries.read().expect("cache lock");
        documents
            .iter()
            .map(|d| entries.get(&d.file).and_then(|c| c.summary.clone()))
            .collect()
    }

    /// Drops the file, or every file under the folder, at `rel`; and the listing of
    /// content/, unless `rel` is one of its files.
    pub fn forget(&self, rel: &str) {
        let mut listing = self.listing.lock().expect("cache lock");
        if !listing.as_ref().is_some_and(|l| l.lists(rel)) {
            *listing = None;
        }
        drop(listing);
        let folder = format!("{rel}/");
        self.entries
            .write()
            .expect("cache lock")
            .retain(|k, _| k != rel && !k.starts_with(&folder));
    }
}

/// Whether every folder of `files` has the modification time it had when listed,
/// and none had changed shortly before the walk (see [`DocumentCache::listing`]).
fn still_holds(files: &ContentFiles) -> bool {
    let Some(started) = files.started else {
        return false;
    };
    let settled = |t: SystemTime| {
        started
            .duration_since(t)
            .is_ok_and(|d| d >= std::time::Duration::from_secs(2))
    };
    !files.folders.is_empty()
        && files.folders.iter().all(|(dir, then)| {
            let now = std::fs::symlink_metadata(dir)
                .ok()
                .filter(|m| m.is_dir())
                .and_then(|m| m.modified().ok());
            then.is_some_and(settled) && now == *then
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::time::Duration;

    /// Sets the modification time of `path` (a file or folder) to `ago` before now.
    fn age(path: &Path, ago: Duration) {
        let f = std::fs::File::open(path).unwrap();
        f.set_modified(SystemTime::now() - ago).unwrap();
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/a")).unwrap();
        std::fs::write(dir.path().join("content/a/x.md"), "x").unwrap();
        for f in ["content/a", "content"] {
            age(&dir.path().join(f), Duration::from_secs(60));
        }
        dir
    }

    /// The listing of `root` through `cache`, counting the walks it takes.
    fn counted(cache: &DocumentCache, root: &Path, walks: &Cell<usize>) -> Arc<ContentFiles> {
        cache.listing(|| {
            walks.set(walks.get() + 1);
            super::super::walk_content(root)
        })
    }

    #[test]
    fn a_listing_is_used_again_until_a_folder_changes() {
        let dir = site();
        let root = dir.path();
        let cache = DocumentCache::default();
        let walks = Cell::new(0);
        let list = || counted(&cache, root, &walks);
        assert_eq!(list().documents.len(), 1);
        assert_eq!(list().documents.len(), 1);
        assert_eq!(walks.get(), 1, "nothing changed: listed once");

        // A new file changes its folder's time: listed again, with it.
        std::fs::write(root.join("content/a/y.md"), "y").unwrap();
        assert_eq!(list().documents.len(), 2);
        assert_eq!(walks.get(), 2);
        // The folder changed just before that walk: not trusted yet.
        list();
        assert_eq!(walks.get(), 3);
        age(&root.join("content/a"), Duration::from_secs(60));
        list();
        list();
        assert_eq!(walks.get(), 4, "settled again: listed once more, then kept");

        // A file removed.
        std::fs::remove_file(root.join("content/a/x.md")).unwrap();
        assert_eq!(list().documents.len(), 1);
        assert_eq!(walks.get(), 5);
    }

    #[test]
    fn the_watcher_naming_an_unlisted_file_drops_the_listing() {
        let dir = site();
        let root = dir.path();
        let cache = DocumentCache::default();
        let walks = Cell::new(0);
        let list = || counted(&cache, root, &walks);
        list();
        cache.forget("content/a/x.md");
        list();
        assert_eq!(walks.get(), 1, "an edit of a listed file keeps the listing");
        cache.forget("content/a/new.md");
        list();
        assert_eq!(walks.get(), 2);
    }
}
