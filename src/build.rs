//! The pipeline, end to end: load → validate → publish → plan → render → write.
//!
//! `build` runs all of it; `check` stops after validation; `serve` keeps the
//! loaded state and re-runs the later stages for what changed.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadedSite};
use crate::output::{self, Staging};
use crate::plan::{self, Plan};
use crate::model::publication::Stats;
use crate::publish;
use crate::render::{RenderError, Renderer};
use crate::publish::site::Site;
use crate::util::sitefs::SiteFile;
use crate::render::theme::{StaticSource, Theme};
use crate::rules;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            today: today(),
            preview: false,
            progress: false,
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

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// site.toml is missing or wrong.
    #[error("site.toml 有误 / site.toml has errors")]
    Config(Vec<Diagnostic>),
    /// Content has errors; every finding of the run is included, warnings too.
    #[error("内容有 {} 处错误 / content has {} error(s)", .0.error_count(), .0.error_count())]
    Content(Diagnostics),
    #[error("{0}")]
    Theme(Box<Diagnostic>),
    /// The output folder is refused (before any work), or could not be swapped in.
    #[error("{0}")]
    Target(Box<Diagnostic>),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("写入 {path} 失败 / cannot write {path}: {source}")]
    Output {
        path: String,
        source: std::io::Error,
    },
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub stats: Stats,
    pub pages: usize,
    pub files_copied: usize,
    pub warnings: Diagnostics,
    pub output: PathBuf,
    /// Wall time per stage, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    pub fn total_time(&self) -> Duration {
        self.timings.iter().map(|(_, d)| *d).sum()
    }
}

/// Loads and validates; what `check` runs. Errors and warnings are in the diagnostics.
pub fn load_and_validate(
    root: &Path,
    today: NaiveDate,
) -> Result<(LoadedSite, Diagnostics), BuildError> {
    let site = load::load(root).map_err(BuildError::Config)?;
    Ok(validate_loaded(site, today, None))
}

/// Runs the rules; the result holds the loading problems too. `memo` (`serve`)
/// supplies remembered findings of documents that did not change.
pub fn validate_loaded(
    mut site: LoadedSite,
    today: NaiveDate,
    memo: Option<&dyn rules::DocumentMemo>,
) -> (LoadedSite, Diagnostics) {
    let mut diagnostics = std::mem::take(&mut site.diagnostics);
    diagnostics.extend(rules::validate_with(&site, today, memo));
    diagnostics.sort();
    (site, diagnostics)
}

/// Turns a validated site into the published model: withheld documents are dropped here.
pub fn publish(loaded: LoadedSite, today: NaiveDate, preview: bool) -> Site {
    publish_with(loaded, today, preview, &crate::publish::site::summary_of)
}

/// [`publish`], with `summary` giving each document's listing summary (see [`Site::with_summaries`]).
pub fn publish_with(
    loaded: LoadedSite,
    today: NaiveDate,
    preview: bool,
    summary: &(dyn Fn(&crate::model::document::Document) -> String + Sync),
) -> Site {
    let invalid = loaded.documents_found - loaded.documents.len();
    let (docs, stats) = publish::select(loaded.documents, invalid, today, preview);
    let mut site = Site::with_summaries(
        loaded.root,
        loaded.config,
        loaded.domains,
        docs,
        stats,
        loaded.special_pages,
        summary,
    );
    site.reports = loaded.reports;
    site
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timer = Timer::start();
    let config = SiteConfig::load(&opts.root).map_err(BuildError::Config)?;
    // Before any work: an output folder that would destroy something is refused.
    let (output, origin) = match &opts.output {
        Some(o) => (o.clone(), output::Origin::Flag),
        None => (
            opts.root.join(&config.output_dir),
            output::Origin::OutputDir(config.output_dir.clone()),
        ),
    };
    let target = output::check_target(&opts.root, &output, &origin)
        .map_err(|d| BuildError::Target(Box::new(d)))?;
    let loaded = load::load_with(&opts.root, config).map_err(BuildError::Config)?;
    let (loaded, mut diagnostics) = validate_loaded(loaded, opts.today, None);
    timer.lap("load+validate");
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics));
    }
    let site = publish(loaded, opts.today, opts.preview);
    timer.lap("publish");

    let theme =
        Theme::load(&site.root, &site.config.theme).map_err(|d| BuildError::Theme(Box::new(d)))?;
    let renderer = Renderer::new(&theme, &site)?;
    let plan = plan::plan(&site).map_err(plan_error)?;
    timer.lap("plan");

    let staging = Staging::begin(&target).map_err(|e| io_error(&output, e))?;
    // Together: the search index has stretches that use one core, which rendering fills.
    let (pages, data_files) = rayon::join(
        || render_all(&site, &renderer, &plan, &staging, opts.progress),
        || write_data_files(&site, &plan, &staging),
    );
    let (pages, data_files) = (pages?, data_files?);
    timer.lap("render+write");
    let files_copied = copy_files(&site, &theme, &plan, &staging)?;
    let left = staging
        .commit()
        .map_err(|d| BuildError::Target(Box::new(d)))?;
    diagnostics.extend(left);
    timer.lap("copy+commit");

    Ok(BuildReport {
        stats: site.stats.clone(),
        pages: pages + data_files,
        files_copied,
        warnings: diagnostics,
        output,
        timings: timer.laps,
    })
}

/// Renders every planned page in parallel, writing each as soon as it is ready.
pub fn render_all(
    site: &Site,
    renderer: &Renderer,
    plan: &Plan,
    staging: &Staging,
    progress: bool,
) -> Result<usize, BuildError> {
    let bar = progress_bar(plan.pages.len(), progress);
    plan.pages.par_iter().try_for_each(|page| {
        let html = renderer.render(site, page)?;
        staging
            .write(&page.output, &html)
            .map_err(|e| io_error(Path::new(&page.output), e))?;
        if let Some(b) = &bar {
            b.inc(1);
        }
        Ok::<(), BuildError>(())
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(plan.pages.len())
}

/// Generates the data files (open data, feeds, search) and writes them; returns how many.
fn write_data_files(site: &Site, plan: &Plan, staging: &Staging) -> Result<usize, BuildError> {
    let data = crate::datafiles::data_files(site, plan);
    data.par_iter().try_for_each(|f| {
        staging
            .write(&f.path, &f.bytes)
            .map_err(|e| io_error(Path::new(&f.path), e))
    })?;
    Ok(data.len())
}

fn copy_files(
    site: &Site,
    theme: &Theme,
    plan: &Plan,
    staging: &Staging,
) -> Result<usize, BuildError> {
    let files = copied_files(site, theme, plan);
    files.par_iter().try_for_each(|(rel, source)| {
        let result = match source {
            StaticSource::Embedded(bytes) => staging.write(rel, bytes),
            StaticSource::Disk(file) => staging.copy(file, rel),
        };
        result.map_err(|e| io_error(Path::new(rel), e))
    })?;
    Ok(files.len())
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

/// Two outputs on one path (see [`plan::plan`]): reported like a content error.
pub fn plan_error(d: Diagnostic) -> BuildError {
    let mut ds = Diagnostics::default();
    ds.push(d);
    BuildError::Content(ds)
}

fn io_error(path: &Path, source: std::io::Error) -> BuildError {
    BuildError::Output {
        path: path.display().to_string(),
        source,
    }
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
