//! `serve`'s rebuilds: the driver's [`Session`] with its caches, its output kept in
//! memory. Each rebuild runs every stage on the whole site, so what is served is
//! what a build would write (tests/serve_incremental.rs compares them); the caches
//! of the session make one edit cheap (see `build::cache`).
//!
//! Nothing is carried over by path: the served files are assembled anew from each
//! rebuild's plan, so a page that is no longer planned (a document withheld,
//! deleted or renamed) is gone at once. After a failed rebuild, what the current
//! source no longer publishes is hidden ([`super::hidden`]).

use super::hidden::{self, Hidden, LastGood, Source};
use crate::build::{Bytes, Later, Session, Sink};
use crate::diagnostics::Diagnostics;
use crate::load::LoadedSite;
use crate::model::publication::Stats;
use crate::publish::site::Site;
use crate::render::theme::StaticSource;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What is served at one output path.
#[derive(Debug, Clone)]
pub enum Served {
    /// A rendered page or a generated data file.
    Bytes(Arc<[u8]>),
    /// A static file of the built-in theme.
    Embedded(&'static [u8]),
    /// A static file or an attachment, read from the site when requested
    /// (following no symbolic link, see `sitefs`).
    File(crate::util::sitefs::SiteFile),
}

impl Served {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Served::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Served::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Served::File(f) => f.read().map(std::borrow::Cow::Owned),
        }
    }
}

/// Output path (`/`-separated, as in `public/`) → what is served there.
pub type Files = rustc_hash::FxHashMap<String, Served>;

/// A successful rebuild.
pub struct Rebuilt {
    pub files: Files,
    /// The new data files, when the served ones are the previous rebuild's.
    pub later: Option<Later>,
    pub warnings: Diagnostics,
    pub stats: Stats,
    /// Pages planned, and how many of them had to be rendered (the rest were unchanged).
    pub pages: usize,
    pub rendered: usize,
    /// How many pages had their fingerprint computed (all of them, unless only bodies changed).
    pub fingerprinted: usize,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Rebuilt {
    pub fn total_time(&self) -> Duration {
        self.timings.iter().map(|(_, d)| *d).sum()
    }

    /// Makes the deferred data files now, as `serve` does right after publishing, so
    /// that `files` is what is served once they are ready.
    pub fn finish_now(&mut self) {
        if let Some(data) = self.later.take().and_then(Later::make) {
            self.files.extend(served(data));
        }
    }
}

/// Deferred data files as served.
pub fn served(data: Vec<(String, Arc<[u8]>)>) -> impl Iterator<Item = (String, Served)> {
    data.into_iter()
        .map(|(path, bytes)| (path, Served::Bytes(bytes)))
}

pub struct Incremental {
    session: Session,
    preview: bool,
    /// What the last successful rebuild was made from; kept when caches are dropped.
    last_good: Option<LastGood>,
    /// After a failed rebuild: what the current source says, as far as it got.
    failed: Option<Source>,
}

impl Incremental {
    /// `preview` shows drafts, unreviewed and scheduled documents, marked (`serve --drafts`).
    pub fn new(root: &Path, preview: bool) -> Incremental {
        Incremental {
            session: Session::cached(root, preview),
            preview,
            last_good: None,
            failed: None,
        }
    }

    /// Tells the caches which files changed on disk (from the watcher).
    pub fn invalidate(&mut self, changed: &[PathBuf]) {
        self.session.invalidate(changed);
    }

    /// The watcher reports every change from now on (see [`Session::trust_events`]).
    pub fn trust_events(&mut self) {
        self.session.trust_events();
    }

    /// Files changed without the watcher saying so (see [`Session::stale`]).
    pub fn stale(&self) -> Vec<PathBuf> {
        self.session.stale()
    }

    /// Drops every cache: the next rebuild is a full one.
    pub fn forget_everything(&mut self) {
        self.session.forget_everything();
    }

    /// After a failed rebuild: what of the last good build, whose files are
    /// `served`, must no longer be served (see [`super::hidden`]). Nothing after a
    /// successful one.
    pub fn hidden(&self, served: &Files) -> Hidden {
        match (&self.last_good, &self.failed, self.session.documents()) {
            (Some(last), Some(now), Some(documents)) => {
                let loads = |file: &str| documents.loads(file);
                hidden::hidden(last, now, &loads, served)
            }
            _ => Hidden::default(),
        }
    }

    pub fn rebuild(&mut self, today: NaiveDate) -> Result<Rebuilt, Diagnostics> {
        let mut sink = Memory {
            files: Mutex::new(Files::with_capacity_and_hasher(1024, Default::default())),
            // Until the current source is known, a failure knows nothing of it.
            source: Source::Unknown,
            today,
            preview: self.preview,
        };
        let run = self.session.run(today, &mut sink);
        let run = match run {
            Ok(run) => run,
            Err(e) => {
                self.failed = Some(sink.source);
                return Err(e);
            }
        };
        self.failed = None;
        let previous = self.last_good.replace(LastGood {
            site: run.site,
            statics: run.statics,
        });
        // The previous site (ten thousand documents' listings) is freed beside the
        // serving of this one, not before it.
        super::free_elsewhere(previous);
        Ok(Rebuilt {
            files: sink.files.into_inner().expect("files lock"),
            later: run.later,
            warnings: run.warnings,
            stats: run.stats,
            pages: run.pages,
            rendered: run.rendered,
            fingerprinted: run.fingerprinted,
            timings: run.timings,
        })
    }
}

/// The served files of one rebuild, and how far it got in the current source.
struct Memory {
    files: Mutex<Files>,
    source: Source,
    today: NaiveDate,
    preview: bool,
}

impl Sink for Memory {
    fn refused(&mut self, loaded: &LoadedSite) {
        // What the current source publishes, by the publishing rule itself.
        let (kept, _) =
            crate::publish::select(loaded.documents.clone(), 0, self.today, self.preview);
        let others = hidden::others_key(
            &loaded.config,
            &loaded.domains,
            &loaded.special_pages,
            &loaded.reports,
            &loaded.organs,
        );
        self.source = Source::Loaded { kept, others };
    }

    fn published(&mut self, site: &Arc<Site>) {
        self.source = Source::Published(site.clone());
    }

    fn begin(&mut self, pages: usize) -> Result<(), Diagnostics> {
        // Pages, data files and static files: no rehashing while they come in.
        let files = self.files.get_mut().expect("files lock");
        files.reserve(pages + pages / 4 + 64);
        Ok(())
    }

    fn file(&self, output: &str, bytes: Bytes) -> Result<(), Diagnostics> {
        let served = Served::Bytes(bytes.into_shared());
        self.files
            .lock()
            .expect("files lock")
            .insert(output.to_string(), served);
        Ok(())
    }

    fn copy(&self, output: &str, source: &StaticSource) -> Result<(), Diagnostics> {
        let served = match source {
            StaticSource::Embedded(bytes) => Served::Embedded(bytes),
            StaticSource::Disk(file) => Served::File(file.clone()),
        };
        self.files
            .lock()
            .expect("files lock")
            .insert(output.to_string(), served);
        Ok(())
    }
}
