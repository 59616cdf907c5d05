//! Parsed documents kept between runs (`serve`): a file is parsed again only when
//! its size or modification time, site.toml or a domain list changed. A build runs
//! without one.

use crate::config::SiteConfig;
use crate::diagnostics::{display_path, Diagnostics};
use crate::model::document::Document;
use crate::model::taxonomy::Domain;
use crate::util::fingerprint::hash_of;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Parsed documents by site-relative path.
#[derive(Default)]
pub struct DocumentCache {
    entries: Mutex<HashMap<String, Arc<CachedDocument>>>,
    /// Counts loads; an entry not used by the current load is forgotten after it.
    generation: AtomicU64,
    /// Counts parses: each parse of a file has its own number.
    parses: AtomicU64,
    /// Hash of site.toml and the domain lists of the current load, which parsing also reads.
    context: Mutex<u128>,
}

struct CachedDocument {
    stamp: Stamp,
    context: u128,
    /// The last load that used this entry.
    generation: AtomicU64,
    /// Different for every parse: stands for the document's whole content.
    parse: u64,
    result: Result<Arc<Document>, Diagnostics>,
    summary: Option<String>,
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
    /// Starts a load over `config` and `domains`.
    pub(super) fn begin(&self, config: &SiteConfig, domains: &BTreeMap<String, Domain>) {
        self.generation.fetch_add(1, Ordering::Relaxed);
        *self.context.lock().expect("cache lock") = hash_of(&(config, domains));
    }

    /// The document of the file `rel`: remembered, or parsed by `parse` and remembered.
    pub(super) fn document(
        &self,
        root: &Path,
        rel: &Path,
        parse: impl FnOnce() -> Result<Arc<Document>, Diagnostics>,
    ) -> Result<Arc<Document>, Diagnostics> {
        let generation = self.generation.load(Ordering::Relaxed);
        let context = *self.context.lock().expect("cache lock");
        let key = display_path(rel);
        let stamp = Stamp::of(&root.join(rel));
        let cached = self.entries.lock().expect("cache lock").get(&key).cloned();
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
                    .map(|d| crate::model::document::summary_of(d)),
            };
            self.entries
                .lock()
                .expect("cache lock")
                .insert(key, Arc::new(entry));
        }
        result
    }

    /// Ends the load: files gone from content/ are forgotten.
    pub(super) fn end(&self) {
        let generation = self.generation.load(Ordering::Relaxed);
        self.entries
            .lock()
            .expect("cache lock")
            .retain(|_, c| c.generation.load(Ordering::Relaxed) == generation);
    }

    /// Which parse each cached file comes from.
    pub fn parses(&self) -> HashMap<String, u64> {
        self.entries
            .lock()
            .expect("cache lock")
            .iter()
            .map(|(file, c)| (file.clone(), c.parse))
            .collect()
    }

    /// Whether the file is in the last load and loaded (`Some(true)`), failed to
    /// load (`Some(false)`), or is not there (`None`).
    pub fn loads(&self, file: &str) -> Option<bool> {
        self.entries
            .lock()
            .expect("cache lock")
            .get(file)
            .map(|c| c.result.is_ok())
    }

    /// Which parse of its file `d` comes from (`None` if it was not cached).
    pub fn parse_of(&self, d: &Document) -> Option<u64> {
        self.entries
            .lock()
            .expect("cache lock")
            .get(&d.file)
            .map(|c| c.parse)
    }

    /// The listing summary computed when the document was parsed.
    pub fn summary(&self, d: &Document) -> Option<String> {
        self.entries
            .lock()
            .expect("cache lock")
            .get(&d.file)
            .and_then(|c| c.summary.clone())
    }

    /// Drops the file, or every file under the folder, at `rel`.
    pub fn forget(&self, rel: &str) {
        let folder = format!("{rel}/");
        self.entries
            .lock()
            .expect("cache lock")
            .retain(|k, _| k != rel && !k.starts_with(&folder));
    }
}
