//! The one driver: load → rules → publish → plan → render (+ data files) → output.
//!
//! Every command runs it over a [`Session`]: `zwgk build` once, with no caches,
//! writing through a staging folder ([`write::Writer`]); `check` runs its first
//! half ([`Session::check`]); `serve` runs it on every save over a session whose
//! caches ([`cache`]) make one edit cheap, keeping the output in memory. What a run
//! makes goes to a [`Sink`]; the caches never change what it is.

mod cache;
pub mod inspect;
mod manifest;
mod pages;
pub mod write;

pub use cache::Later;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadedSite};
use crate::model::publication::Stats;
use crate::plan::{self, Plan};
use crate::publish::{self, site::Site};
use crate::render::theme::{StaticSource, Theme};
use crate::render::{self, Renderer};
use crate::rules;
use crate::util::fingerprint::hash_of;
use crate::util::sitefs::SiteFile;
use cache::Caches;
use chrono::NaiveDate;
use pages::{Outcome, SharedInputs};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; defaults to site.toml's `output_dir` under the root.
    pub output: Option<PathBuf>,
    /// The date publication is judged against (documents dated later wait).
    pub today: NaiveDate,
    /// Include drafts and unreviewed documents as marked previews (serve only).
    pub preview: bool,
    /// Show a progress bar.
    pub progress: bool,
    /// Published bodies held in memory while pages are made, in bytes in all;
    /// above it each is read again from its file when needed
    /// (`Site::leave_bodies_in_files`). [`BODIES_IN_MEMORY`] unless a test says.
    pub bodies_in_memory: usize,
}

/// Published bodies `build` keeps in memory, in bytes in all: those of ten thousand
/// typical documents. A bigger site's bodies are read again from their files, one per
/// thread at a time: a hundred thousand documents then need a few hundred megabytes
/// less (bench/RESULTS.md).
pub const BODIES_IN_MEMORY: usize = 64 << 20;

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            today: today(),
            preview: false,
            progress: false,
            bodies_in_memory: BODIES_IN_MEMORY,
        }
    }
}

/// Today's date, or `ZWGK_TODAY` (YYYY-MM-DD) when set, for reproducible runs.
pub fn today() -> NaiveDate {
    std::env::var("ZWGK_TODAY")
        .ok()
        .and_then(|s| crate::util::dates::parse_date(&s).ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub stats: Stats,
    pub pages: usize,
    /// Pages rendered; the others were kept as the previous build left them (its
    /// page manifest said they would come out the same).
    pub rendered: usize,
    /// Data files made; the others were kept (see [`Run::data_made`]).
    pub data_made: usize,
    /// Published bodies left in their files and read again when needed
    /// ([`BuildOptions::bodies_in_memory`]); 0 when all were held in memory.
    pub bodies_in_files: usize,
    pub files_copied: usize,
    pub warnings: Diagnostics,
    pub output: PathBuf,
    /// Output files written (new or changed) and left as they were.
    pub changes: crate::output::Changes,
    /// Wall time per stage, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    pub fn total_time(&self) -> Duration {
        self.timings.iter().map(|(_, d)| *d).sum()
    }
}

/// Bytes of an output file: made for this run, or shared with a cache.
pub enum Bytes {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl Bytes {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Shared(a) => a,
        }
    }

    pub fn into_shared(self) -> Arc<[u8]> {
        match self {
            Bytes::Owned(v) => v.into(),
            Bytes::Shared(a) => a,
        }
    }
}

/// Where a run's output goes: a staging folder swapped in at the end
/// ([`write::Writer`], `zwgk build`), or memory (`serve`). The driver calls, in order:
/// `prepare`, then `refused` or `published`, then `begin`, and `file` and `copy` for
/// every output file (from several threads). The caller finishes the output.
pub trait Sink: Sync {
    /// Before any work, with the site's configuration: `build` refuses an output
    /// folder that would destroy something here.
    fn prepare(&mut self, _root: &Path, _config: &SiteConfig) -> Result<(), Diagnostics> {
        Ok(())
    }
    /// The rules found errors in `loaded`: nothing is published.
    fn refused(&mut self, _loaded: &LoadedSite) {}
    /// The site is published and planned; output follows.
    fn published(&mut self, _site: &Arc<Site>) {}
    /// Before the first output file; `pages` of them are pages.
    fn begin(&mut self, _pages: usize) -> Result<(), Diagnostics> {
        Ok(())
    }
    /// A page or a data file, at its output path.
    fn file(&self, output: &str, bytes: Bytes) -> Result<(), Diagnostics>;
    /// A file copied as it is (a theme's static file, an attachment).
    fn copy(&self, output: &str, source: &StaticSource) -> Result<(), Diagnostics>;
    /// After `begin`, in a run without caches: whether the sink remembers pages by the
    /// fingerprint of what they were made from (`build`'s page manifest), given the
    /// key of what every page is made from ([`manifest::shared_key`]).
    fn remember_pages(&mut self, _shared: u128) -> Remembered {
        Remembered::No
    }
    /// Keeps the page an earlier run left at `output` if it was made from
    /// `fingerprint` and is still there as that run left it; `false`: render it.
    fn keep_page(&self, _output: &str, _fingerprint: u128) -> Result<bool, Diagnostics> {
        Ok(false)
    }
    /// After `remember_pages`: keeps every data file an earlier run left, when they
    /// were made from `key` ([`manifest::data_key`]) and are all still there as that
    /// run left them. `Some(count)` of the files kept; `None`: make them all.
    fn keep_data(&self, _key: u128) -> Result<Option<usize>, Diagnostics> {
        Ok(None)
    }
    /// A data file made from what `key` stands for (see `keep_data`).
    fn data(&self, output: &str, bytes: Bytes, _key: u128) -> Result<(), Diagnostics> {
        self.file(output, bytes)
    }
    /// A page rendered from what `fingerprint` stands for (see `remember_pages`).
    fn page(&self, output: &str, html: Bytes, _fingerprint: u128) -> Result<(), Diagnostics> {
        self.file(output, html)
    }
}

/// What a sink remembers of the pages of earlier runs (see [`Sink::remember_pages`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remembered {
    /// Nothing: pages are only rendered.
    No,
    /// Nothing yet: every page is rendered, with its fingerprint.
    Nothing,
    /// Pages whose fingerprint did not change may be kept (see [`Sink::keep_page`]).
    Earlier,
}

/// What a successful run made.
pub struct Run {
    pub site: Arc<Site>,
    pub stats: Stats,
    pub warnings: Diagnostics,
    /// Pages planned, and how many of them had to be rendered (the rest were
    /// unchanged: by `serve`'s caches, or by `build`'s page manifest).
    pub pages: usize,
    pub rendered: usize,
    /// How many pages had their fingerprint computed (none without caches; all of
    /// them unless only bodies changed).
    pub fingerprinted: usize,
    pub data_files: usize,
    /// Data files made by this run; the others were kept as the previous build
    /// left them (its manifest said they would come out the same).
    pub data_made: usize,
    /// See [`BuildReport::bodies_in_files`].
    pub bodies_in_files: usize,
    pub files_copied: usize,
    /// Output paths of the theme's static files.
    pub statics: Vec<String>,
    /// The new data files, when the ones handed to the sink are the previous run's.
    pub later: Option<Later>,
    /// Wall time per stage, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// One site, run once (`build`, `check`) or again on every save (`serve`, with caches).
pub struct Session {
    root: PathBuf,
    /// Drafts, unreviewed and scheduled documents shown, marked (`serve --drafts`).
    preview: bool,
    caches: Option<Caches>,
    /// A watcher reports every change (see [`Session::trust_events`]).
    trusted: bool,
    /// See [`BuildOptions::bodies_in_memory`]; a session with caches keeps every body.
    bodies_in_memory: usize,
}

impl Session {
    /// A session without caches: every run does all the work.
    pub fn new(root: &Path, preview: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            preview,
            caches: None,
            trusted: false,
            bodies_in_memory: BODIES_IN_MEMORY,
        }
    }

    /// A session that remembers what it made, for runs over a changing site (`serve`).
    pub fn cached(root: &Path, preview: bool) -> Session {
        Session {
            caches: Some(Caches::default()),
            ..Session::new(root, preview)
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Parsed documents kept between runs, if this session keeps them.
    pub fn documents(&self) -> Option<&load::DocumentCache> {
        self.caches.as_ref().map(|c| &c.documents)
    }

    /// Tells the caches which files changed on disk (from the watcher). Caches also
    /// check file sizes and times, so this only makes sure an edit is never missed.
    pub fn invalidate(&mut self, changed: &[PathBuf]) {
        let Some(caches) = &self.caches else { return };
        for path in changed {
            let rel =
                crate::diagnostics::display_path(path.strip_prefix(&self.root).unwrap_or(path));
            if rel == crate::layout::CONFIG_FILE || rel.is_empty() {
                // site.toml: everything is made again.
                return self.forget_everything();
            }
            caches.documents.forget(&rel);
        }
    }

    /// Drops every cache: the next run does all the work.
    pub fn forget_everything(&mut self) {
        if self.caches.is_some() {
            self.caches = Some(Caches::default());
            if self.trusted {
                self.trust_events();
            }
        }
    }

    /// A watcher now reports every change to [`Session::invalidate`]: a run looks
    /// only at the files it named (`serve`'s save-to-page time is then not a look at
    /// every file). The caller asks [`Session::stale`] after each run, which catches
    /// a change the watcher missed.
    pub fn trust_events(&mut self) {
        self.trusted = true;
        if let Some(c) = &self.caches {
            c.documents.trust_events();
        }
    }

    /// Files changed on disk since they were loaded, without [`Session::invalidate`]
    /// naming them (see [`load::DocumentCache::stale`]).
    pub fn stale(&self) -> Vec<PathBuf> {
        match &self.caches {
            Some(c) => c
                .documents
                .stale(&self.root)
                .into_iter()
                .map(|rel| self.root.join(rel))
                .collect(),
            None => Vec::new(),
        }
    }

    /// Stages 1 and 2: loads the site and runs every rule. Fails only when site.toml
    /// cannot be used; every finding, loading problems included, is in the diagnostics.
    pub fn check(&mut self, today: NaiveDate) -> Result<(LoadedSite, Diagnostics), Diagnostics> {
        let config = SiteConfig::load(&self.root)?;
        Ok(self.load_and_check(config, today, &mut Timer::start()))
    }

    fn load_and_check(
        &mut self,
        config: SiteConfig,
        today: NaiveDate,
        timer: &mut Timer,
    ) -> (LoadedSite, Diagnostics) {
        let caches = self.caches.as_mut();
        let mut site = load::load(&self.root, config, caches.as_ref().map(|c| &c.documents));
        let mut diagnostics = std::mem::take(&mut site.diagnostics);
        timer.lap("load");
        match caches {
            None => diagnostics.extend(rules::validate(&site, today, None)),
            Some(c) => {
                // Documents without their bodies: a body edit leaves other documents' findings valid.
                c.findings.site = cache::all_but_bodies(&site, &c.documents, today, self.preview);
                let memo = cache::Findings {
                    memo: &c.findings,
                    documents: &c.documents,
                };
                diagnostics.extend(rules::validate(&site, today, Some(&memo)));
                c.findings.keep_only(&site);
            }
        }
        let held_back = rules::held_back(&site, today, &diagnostics);
        diagnostics.extend(held_back);
        let toml = std::fs::read_to_string(self.root.join(crate::layout::CONFIG_FILE));
        diagnostics.extend(site.config.placeholders(&toml.unwrap_or_default()));
        diagnostics.sort();
        (site, diagnostics)
    }

    /// The whole pipeline, its output handed to `sink`.
    /// A draft that does not load is skipped with a warning (see [`skip_broken_drafts`]).
    pub fn run(&mut self, today: NaiveDate, sink: &mut dyn Sink) -> Result<Run, Diagnostics> {
        let mut timer = Timer::start();
        let config = SiteConfig::load(&self.root)?;
        sink.prepare(&self.root, &config)?;
        // The theme and its templates, compiled unless unchanged since the last run,
        // side by side with loading and checking (they need only site.toml); their
        // errors come after the content's, as if made after them.
        let cached = self.caches.as_ref().and_then(|c| c.templates.clone());
        let (root, theme_name) = (self.root.clone(), config.theme.clone());
        let ((loaded, mut warnings), theme) = rayon::join(
            || self.load_and_check(config, today, &mut timer),
            || -> Result<_, Diagnostics> {
                let theme = Theme::load(&root, &theme_name)?;
                let sources = hash_of(&theme.templates);
                let tera = match cached {
                    Some((hash, tera)) if hash == sources => tera,
                    _ => render::compile(&theme)?,
                };
                Ok((theme, sources, tera))
            },
        );
        timer.lap("validate");
        skip_broken_drafts(&loaded, &mut warnings);
        if warnings.has_errors() {
            sink.refused(&loaded);
            return Err(warnings);
        }
        let documents = self.caches.as_ref().map(|c| &c.documents);
        let mut site = publish::publish(loaded, today, self.preview, documents);
        let bodies_in_files = match self.caches {
            None => site.leave_bodies_in_files(self.bodies_in_memory),
            Some(_) => 0,
        };
        let site = Arc::new(site);
        if let Some(c) = &self.caches {
            c.bodies
                .retain(site.docs.len(), |file| site.by_file.contains_key(file));
        }
        timer.lap("publish");

        let (theme, sources, tera) = theme?;
        let memo = self.caches.as_ref().map(|c| c.bodies.clone());
        let renderer = Renderer::new(tera.clone(), &site, memo)
            .set_aside_bodies_from(theme.has_default_templates().then_some(render::ASIDE_FROM));
        let plan = plan::plan(&site)?;
        sink.published(&site);
        timer.lap("plan");

        let pages = plan.pages.len();
        sink.begin(pages)?;
        let remembered = match (
            &self.caches,
            manifest::shared_key(&site, sources, self.preview),
        ) {
            (None, Some(key)) => sink.remember_pages(key),
            _ => Remembered::No,
        };
        let sink: &dyn Sink = sink;
        let copied = copied_files(&site, &theme, &plan);
        let data_made;
        let (rendered, fingerprinted, data_files, later) = match &mut self.caches {
            None => {
                let render = || match remembered {
                    Remembered::No => render_all(&site, &renderer, &plan, sink),
                    _ => {
                        let shared = SharedInputs {
                            site: hash_of(renderer.site_value()),
                            templates: pages::template_hashes(&theme.templates),
                        };
                        let links = manifest::links_key(&site);
                        let memo = Some(Arc::new(crate::markdown::Memo::keys(links)));
                        let keys = Renderer::new(tera.clone(), &site, memo);
                        let earlier = remembered == Remembered::Earlier;
                        pages::render_remembered(
                            &site, &renderer, &keys, &plan, &shared, earlier, sink,
                        )
                    }
                };
                // Together: the search index has stretches that use one core, which rendering fills.
                let (rendered, data) = rayon::join(render, || {
                    let key = match remembered {
                        Remembered::No => None,
                        _ => manifest::data_key(&site, &plan),
                    };
                    if let Some(key) = key {
                        if let Some(kept) = sink.keep_data(key)? {
                            return Ok::<_, Diagnostics>((kept, 0));
                        }
                    }
                    let mut made = 0;
                    crate::datafiles::each_group(&site, &plan, None, |group| {
                        made += group.len();
                        group.into_par_iter().try_for_each(|f| match key {
                            Some(key) => sink.data(&f.path, Bytes::Owned(f.bytes), key),
                            None => sink.file(&f.path, Bytes::Owned(f.bytes)),
                        })
                    })?;
                    Ok((made, made))
                });
                let (data, made) = data?;
                data_made = made;
                (rendered?, 0, data, None)
            }
            Some(c) => {
                let shared = SharedInputs {
                    site: hash_of(renderer.site_value()),
                    templates: pages::template_hashes(&theme.templates),
                };
                // What the pages are made from, bodies aside: summaries are the start of bodies.
                let inputs = hash_of(&(c.findings.site, &site.summaries, shared.site, sources));
                let only_bodies_changed = c.last_inputs == Some(inputs);
                let parses = c.documents.parses(&site.docs);
                let changed = pages::render_changed(
                    &c.pages,
                    &site,
                    &renderer,
                    &plan,
                    &shared,
                    &parses,
                    only_bodies_changed,
                    sink,
                )?;
                let rendered = changed
                    .iter()
                    .filter(|(_, _, o)| *o == Outcome::Rendered)
                    .count();
                let fingerprinted = changed.len();
                // Every planned page is in `c.pages` now (kept ones were there already):
                // any more are pages of the last run no longer planned.
                for (output, page, _) in changed {
                    c.pages.insert(output, page);
                }
                if c.pages.len() != plan.pages.len() {
                    let planned: std::collections::HashSet<&str> =
                        plan.pages.iter().map(|p| p.output.as_str()).collect();
                    c.pages
                        .retain(|output, _| planned.contains(output.as_str()));
                }
                c.last_inputs = Some(inputs);
                c.templates = Some((sources, tera));
                let (data, later) = cache::data_files(&c.data, &c.terms, &site, plan)?;
                let count = data.len();
                data_made = count;
                for (path, bytes) in data {
                    sink.file(&path, Bytes::Shared(bytes))?;
                }
                (rendered, fingerprinted, count, later)
            }
        };
        timer.lap("render+write");

        copied
            .par_iter()
            .try_for_each(|(output, source)| sink.copy(output, source))?;
        timer.lap("copy");
        Ok(Run {
            stats: site.stats.clone(),
            site,
            warnings: std::mem::take(&mut warnings),
            pages,
            rendered,
            fingerprinted,
            data_files,
            data_made,
            bodies_in_files,
            files_copied: copied.len(),
            statics: theme.static_files.into_keys().collect(),
            later,
            timings: timer.laps,
        })
    }
}

/// `zwgk build`: the whole pipeline, written to the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let mut writer = write::Writer::new(opts.output.clone(), opts.progress);
    let mut session = Session::new(&opts.root, opts.preview);
    session.bodies_in_memory = opts.bodies_in_memory;
    let run = session.run(opts.today, &mut writer)?;
    let mut timings = run.timings;
    let start = Instant::now();
    let mut warnings = run.warnings;
    let changes = writer.changes();
    warnings.extend(writer.commit()?);
    timings.push(("commit", start.elapsed()));
    Ok(BuildReport {
        stats: run.stats,
        pages: run.pages + run.data_files,
        rendered: run.rendered,
        data_made: run.data_made,
        bodies_in_files: run.bodies_in_files,
        files_copied: run.files_copied,
        warnings,
        output: writer.output().to_path_buf(),
        changes,
        timings,
    })
}

/// Renders every planned page in parallel, handing each to `sink` as soon as it is ready.
fn render_all(
    site: &Site,
    renderer: &Renderer,
    plan: &Plan,
    sink: &dyn Sink,
) -> Result<usize, Diagnostics> {
    plan.pages.par_iter().try_for_each(|page| {
        let html = renderer.render(site, page)?;
        sink.file(&page.output, Bytes::Owned(html))
    })?;
    Ok(plan.pages.len())
}

/// Files copied as they are, by output path: the theme's static files (the site's
/// static/ layered on top), then the attachments of published documents, which win.
pub fn copied_files(site: &Site, theme: &Theme, plan: &Plan) -> BTreeMap<String, StaticSource> {
    let mut files = theme.static_files.clone();
    let root: std::sync::Arc<Path> = std::sync::Arc::from(site.root.as_path());
    for c in &plan.copies {
        files.insert(
            c.output.clone(),
            StaticSource::Disk(SiteFile::new(&root, &c.source)),
        );
    }
    files
}

fn progress_bar(len: usize, enabled: bool) -> Option<indicatif::ProgressBar> {
    if !enabled || len < 2000 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 页 pages {elapsed}")
            .expect("valid template"),
    );
    Some(bar)
}

fn io_error(path: &Path, source: std::io::Error) -> Diagnostics {
    Diagnostic::error("build/failed", path)
        .msg(
            format!("写入失败：{source}"),
            format!("cannot write the file: {source}"),
        )
        .fix(
            "检查磁盘空间和输出文件夹的写入权限，然后重新生成",
            "check the free disk space and that the output folder can be written, then build again",
        )
        .into()
}

/// Wall time per pipeline stage.
pub(crate) struct Timer {
    last: Instant,
    pub laps: Vec<(&'static str, Duration)>,
}

impl Timer {
    pub fn start() -> Timer {
        Timer {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// A colleague's broken draft must not stop the daily build: the errors of a file
/// that failed to load though it says `draft: true` become one warning naming it
/// (`source/broken-draft`). Nothing of it is published: it did not load. `check`
/// keeps the errors.
fn skip_broken_drafts(loaded: &crate::load::LoadedSite, found: &mut Diagnostics) {
    if loaded.broken_drafts.is_empty() {
        return;
    }
    let broken: std::collections::BTreeSet<&str> =
        loaded.broken_drafts.iter().map(String::as_str).collect();
    let mut kept = Diagnostics::default();
    let mut first: std::collections::BTreeMap<&str, Diagnostic> = Default::default();
    for d in std::mem::take(found).into_vec() {
        if d.severity == crate::diagnostics::Severity::Error && broken.contains(d.file.as_str()) {
            let file = *broken.get(d.file.as_str()).expect("in the set");
            first.entry(file).or_insert(d);
        } else {
            kept.push(d);
        }
    }
    for (file, d) in first {
        let line = d.line.map(|l| format!("第 {l} 行：")).unwrap_or_default();
        let line_en = d.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        kept.push(
            Diagnostic::warning("source/broken-draft", file)
                .at(d.line)
                .msg(
                    format!("草稿“{file}”有错误，已跳过（不发布）。{line}{}", d.message_zh),
                    format!("the draft \"{file}\" has errors and was skipped (not published). {line_en}{}", d.message_en),
                )
                .fix(
                    format!("{}（zwgk check 列出这个草稿的全部错误）", d.fix_zh),
                    format!("{} (zwgk check lists every error of this draft)", d.fix_en),
                ),
        );
    }
    kept.sort();
    *found = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, Fixture};
    use std::sync::Mutex;

    /// Saves `text` into `file` once the site is published, as an editor might
    /// in the middle of a build; keeps every output it is handed.
    struct SavesDuringTheBuild {
        file: PathBuf,
        text: String,
        outputs: Mutex<Vec<(String, Vec<u8>)>>,
    }

    impl Sink for SavesDuringTheBuild {
        fn published(&mut self, _site: &Arc<Site>) {
            std::fs::write(&self.file, &self.text).unwrap();
        }
        fn file(&self, output: &str, bytes: Bytes) -> Result<(), Diagnostics> {
            let entry = (output.to_string(), bytes.as_slice().to_vec());
            self.outputs.lock().unwrap().push(entry);
            Ok(())
        }
        fn copy(&self, _output: &str, _source: &StaticSource) -> Result<(), Diagnostics> {
            Ok(())
        }
    }

    fn run(f: &Fixture, text: &str, bodies_in_memory: usize) -> (Result<Run, Diagnostics>, String) {
        let mut sink = SavesDuringTheBuild {
            file: f.root().join("content/d1.md"),
            text: text.to_string(),
            outputs: Mutex::default(),
        };
        let mut session = Session::new(f.root(), false);
        session.bodies_in_memory = bodies_in_memory;
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let run = session.run(today, &mut sink);
        let outputs = sink.outputs.into_inner().unwrap();
        let all = outputs
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        (run, all)
    }

    /// A body left in its file and saved after the rules checked it stops the run
    /// (`source/changed-during-build`): its new text reaches no page and no search
    /// file. Saved with the same text, or with every body in memory, the run goes on.
    #[test]
    fn a_document_saved_during_the_build_stops_it() {
        let f = Fixture::new();
        let checked = doc(1, &[], "检查过的正文。");
        f.write("content/d1.md", &checked);
        f.write("content/d2.md", &doc(2, &[], "另一篇正文。"));
        let unchecked = doc(1, &[], "没有检查过的正文UNCHECKED-MARKER。");

        let (result, outputs) = run(&f, &unchecked, 0);
        let err = result.err().expect("the run stops");
        assert!(!err.is_empty());
        assert!(
            err.iter().all(|d| d.rule == "source/changed-during-build"),
            "{err}"
        );
        assert!(!outputs.contains("UNCHECKED-MARKER"));

        f.write("content/d1.md", &checked);
        let (result, outputs) = run(&f, &checked, 0);
        assert!(result.is_ok());
        assert!(outputs.contains("检查过的正文"));

        let (result, outputs) = run(&f, &unchecked, usize::MAX);
        assert!(result.is_ok(), "bodies in memory are the ones checked");
        assert!(!outputs.contains("UNCHECKED-MARKER"));
    }
}
