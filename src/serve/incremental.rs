//! Rebuilding for `serve`: the pipeline of `build`, made cheap for one edit.
//!
//! Each rebuild runs every stage on the whole site, so its result is what a full
//! build would produce, but three caches let it skip the costly work:
//! - parsed documents are reused while their file, site.toml and the domain lists
//!   are unchanged;
//! - rendered Markdown bodies are reused while their text and the targets of their
//!   links are unchanged ([`markdown::Memo`]);
//! - a page is re-rendered only when its fingerprint changed: a hash of its whole
//!   context and of the sources of its template and every template that one
//!   extends, includes or imports. Those are all a page is made from.
//! - when nothing but document bodies changed (the usual save: text edited below
//!   the summary), even fingerprinting is skipped: a body is shown only on its own
//!   document's page, so only the pages of re-parsed documents are looked at.
//!
//! Nothing is carried over by path: the served files are assembled anew from this
//! rebuild's plan, so a page that is no longer planned (a document withheld,
//! deleted or renamed) is gone at once.
//!
//! Data files (open data, feeds, the search index) list every published document,
//! and the search index alone takes longer than everything else. When an edit leaves
//! the same documents published, the rebuild serves the previous data files and hands
//! back a [`Later`] job that makes the new ones; when any document was added, removed,
//! withheld or renamed, they are made before the rebuild returns, so a withheld
//! document is never in a served file.

use super::fingerprint::{hash_of, Fingerprint};
use super::hidden::{self, Hidden, LastGood, Source};
use crate::build::{self, BuildError, Timer};
use crate::config::SiteConfig;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::load::{self, LoadedSite};
use crate::markdown;
use crate::plan;
use crate::model::publication::Stats;
use crate::render::{self, RenderError, Renderer};
use crate::publish::site::{self, Site};
use crate::model::taxonomy::Domain;
use crate::render::theme::{StaticSource, Theme};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

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
pub type Files = HashMap<String, Served>;

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
            self.files.extend(data);
        }
    }
}

pub struct Incremental {
    root: PathBuf,
    preview: bool,
    data: Arc<Mutex<DataState>>,
    documents: DocumentCache,
    findings: FindingsMemo,
    bodies: Arc<markdown::Memo>,
    /// Output path → the page rendered there by the last successful rebuild.
    pages: HashMap<String, RenderedPage>,
    /// What pages were made from, bodies aside, by the last successful rebuild.
    last_inputs: Option<u128>,
    /// The theme's templates, compiled, with the hash of their sources.
    templates: Option<(u128, Arc<tera::Tera>)>,
    /// What the last successful rebuild was made from; kept when caches are dropped.
    last_good: Option<LastGood>,
    /// After a failed rebuild: what the current source says, as far as it got.
    failed: Option<Source>,
}

#[derive(Clone)]
struct RenderedPage {
    fingerprint: u128,
    /// For a document's page: the parse of the document it shows (see [`DocumentCache`]).
    parse: Option<u64>,
    html: Arc<[u8]>,
}

/// Whether a planned page could be taken over without computing its fingerprint.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Inputs other than bodies unchanged, and not a re-parsed document's page.
    Kept,
    /// Fingerprint unchanged.
    Unchanged,
    Rendered,
}

impl Incremental {
    /// `preview` shows drafts, unreviewed and scheduled documents, marked (`serve --drafts`).
    pub fn new(root: &Path, preview: bool) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            preview,
            data: Arc::default(),
            documents: DocumentCache::default(),
            findings: FindingsMemo::default(),
            bodies: Arc::default(),
            pages: HashMap::new(),
            last_inputs: None,
            templates: None,
            last_good: None,
            failed: None,
        }
    }

    /// Tells the caches which files changed on disk (from the watcher). Caches also
    /// check file sizes and times, so this only makes sure an edit is never missed.
    pub fn invalidate(&mut self, changed: &[PathBuf]) {
        for path in changed {
            let rel = display_path(path.strip_prefix(&self.root).unwrap_or(path));
            if rel == crate::layout::CONFIG_FILE || rel.is_empty() {
                // site.toml: everything is rebuilt from scratch.
                return self.forget_everything();
            }
            self.documents.forget(&rel);
        }
    }

    /// Drops every cache: the next rebuild is a full one.
    pub fn forget_everything(&mut self) {
        let last_good = self.last_good.take();
        *self = Incremental::new(&self.root, self.preview);
        self.last_good = last_good;
    }

    /// After a failed rebuild: what of the last good build, whose files are
    /// `served`, must no longer be served (see [`super::hidden`]). Nothing after a
    /// successful one.
    pub fn hidden(&self, served: &Files) -> Hidden {
        match (&self.last_good, &self.failed) {
            (Some(last), Some(now)) => {
                let loads = |file: &str| self.documents.loads(file);
                hidden::hidden(last, now, &loads, served)
            }
            _ => Hidden::default(),
        }
    }

    pub fn rebuild(&mut self, today: NaiveDate) -> Result<Rebuilt, BuildError> {
        // Until the current source is known, a failure knows nothing of it.
        self.failed = Some(Source::Unknown);
        let result = self.try_rebuild(today);
        if result.is_ok() {
            self.failed = None;
        }
        result
    }

    fn try_rebuild(&mut self, today: NaiveDate) -> Result<Rebuilt, BuildError> {
        let mut timer = Timer::start();
        let config = SiteConfig::load(&self.root).map_err(BuildError::Config)?;
        let loaded = self
            .documents
            .load(&self.root, config)
            .map_err(BuildError::Config)?;
        timer.lap("load");
        // Documents without their bodies: a body edit leaves other documents' findings valid.
        self.findings.site = all_but_bodies(&loaded, today, self.preview);
        let findings = Findings {
            memo: &self.findings,
            documents: &self.documents,
        };
        let (loaded, diagnostics) = build::validate_loaded(loaded, today, Some(&findings));
        self.findings.keep_only(&document_files(&loaded));
        if diagnostics.has_errors() {
            // What the current source publishes, by the publishing rule itself.
            let (kept, _) =
                crate::publish::select(loaded.documents.clone(), 0, today, self.preview);
            let others = hidden::others_key(
                &loaded.config,
                &loaded.domains,
                &loaded.special_pages,
                &loaded.reports,
            );
            self.failed = Some(Source::Loaded { kept, others });
            return Err(BuildError::Content(diagnostics));
        }
        let site = Arc::new(build::publish_with(loaded, today, self.preview, &|d| {
            self.documents.summary(d)
        }));
        self.failed = Some(Source::Published(site.clone()));
        self.bodies.retain(|file| site.by_file.contains_key(file));
        timer.lap("validate+publish");

        let theme = Theme::load(&site.root, &site.config.theme)
            .map_err(|d| BuildError::Theme(Box::new(d)))?;
        let sources = hash_of(&theme.templates);
        let tera = match &self.templates {
            Some((hash, tera)) if *hash == sources => tera.clone(),
            _ => render::compile(&theme)?,
        };
        self.templates = Some((sources, tera.clone()));
        let renderer = Renderer::with_templates(tera, &site).with_memo(self.bodies.clone());
        let plan = plan::plan(&site).map_err(build::plan_error)?;
        timer.lap("plan");

        let shared = SharedInputs {
            site: hash_of(renderer.site_value()),
            templates: template_hashes(&theme.templates),
        };
        // What the pages are made from, bodies aside: summaries are the start of bodies.
        let inputs = hash_of(&(self.findings.site, &site.summaries, shared.site, sources));
        let only_bodies_changed = self.last_inputs == Some(inputs);
        let parses = self.documents.parses();
        let pages = self.render_changed(
            &site,
            &renderer,
            &plan,
            &shared,
            &parses,
            only_bodies_changed,
        )?;
        let rendered = pages
            .iter()
            .filter(|(_, _, o)| *o == Outcome::Rendered)
            .count();
        let fingerprinted = pages.iter().filter(|(_, _, o)| *o != Outcome::Kept).count();
        timer.lap("render");

        let mut files = Files::with_capacity(pages.len() + 64);
        for (output, page, _) in &pages {
            files.insert(output.clone(), Served::Bytes(page.html.clone()));
        }
        let copied = build::copied_files(&site, &theme, &plan);
        let pages_planned = plan.pages.len();
        let stats = site.stats.clone();
        let published = published_key(&site);
        let (data, later) = {
            let mut state = self.data.lock().expect("data lock");
            state.generation += 1;
            if state.published == Some(published) {
                let later = Later {
                    site: site.clone(),
                    plan,
                    generation: state.generation,
                    state: self.data.clone(),
                };
                (state.files.clone(), Some(later))
            } else {
                let made = served_data_files(&site, &plan)?;
                state.published = Some(published);
                state.files = made.clone();
                (made, None)
            }
        };
        files.extend(data);
        timer.lap("data files");
        for (output, source) in copied {
            let served = match source {
                StaticSource::Embedded(bytes) => Served::Embedded(bytes),
                StaticSource::Disk(file) => Served::File(file),
            };
            files.insert(output, served);
        }

        self.pages = pages
            .into_iter()
            .map(|(output, page, _)| (output, page))
            .collect();
        self.last_inputs = Some(inputs);
        self.last_good = Some(LastGood {
            site,
            statics: theme.static_files.into_keys().collect(),
        });
        Ok(Rebuilt {
            files,
            later,
            warnings: diagnostics,
            stats,
            pages: pages_planned,
            rendered,
            fingerprinted,
            timings: timer.laps,
        })
    }

    /// Every planned page, rendered anew only where its fingerprint changed. With
    /// `only_bodies_changed`, a page is taken over unless it shows a re-parsed document.
    fn render_changed(
        &self,
        site: &Site,
        renderer: &Renderer,
        plan: &plan::Plan,
        shared: &SharedInputs,
        parses: &HashMap<String, u64>,
        only_bodies_changed: bool,
    ) -> Result<Vec<(String, RenderedPage, Outcome)>, RenderError> {
        plan.pages
            .par_iter()
            .map(|page| {
                // A document's page shows its body; no other page shows any body.
                let (parse, shows_body) = match page.kind {
                    plan::PageKind::Document(i) => (parses.get(&site.docs[i].file).copied(), true),
                    _ => (None, false),
                };
                let last = self.pages.get(&page.output);
                let body_unchanged = !shows_body || parse.is_some();
                if let Some(last) =
                    last.filter(|l| only_bodies_changed && body_unchanged && l.parse == parse)
                {
                    return Ok((page.output.clone(), last.clone(), Outcome::Kept));
                }
                let mut fp = Fingerprint::default();
                let template = renderer.context(site, page, &mut fp);
                fp.add(shared.site);
                // A template missing from the theme fails to render anyway.
                fp.add(shared.templates.get(template).copied().unwrap_or_default());
                let fingerprint = fp.finish();
                if let Some(last) = last.filter(|p| p.fingerprint == fingerprint) {
                    let page_now = RenderedPage {
                        parse,
                        ..last.clone()
                    };
                    return Ok((page.output.clone(), page_now, Outcome::Unchanged));
                }
                let html = renderer.render(site, page)?;
                let rendered = RenderedPage {
                    fingerprint,
                    parse,
                    html: html.into(),
                };
                Ok((page.output.clone(), rendered, Outcome::Rendered))
            })
            .collect()
    }
}

/// A hash of everything loaded except document bodies: the site, the documents'
/// metadata, and what the rebuild is for. Every field is named, so a field added to
/// [`LoadedSite`] must be considered here.
fn all_but_bodies(loaded: &LoadedSite, today: NaiveDate, preview: bool) -> u128 {
    let LoadedSite {
        root,
        config,
        domains,
        documents,
        special_pages,
        assets,
        reports,
        // Problems stop the rebuild or are printed; no page shows them.
        diagnostics: _,
        documents_found,
    } = loaded;
    // Report data is not `Serialize`; its debug text shows every value.
    let reports = format!("{reports:?}");
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
struct DataState {
    /// [`published_key`] of the site they were made from.
    published: Option<u128>,
    files: Vec<(String, Served)>,
    /// Counts rebuilds: only the newest rebuild's [`Later`] may replace `files`.
    generation: u64,
}

/// Which documents the site lists and how: changes whenever a document is added,
/// removed, withheld, renamed or shown as a preview.
fn published_key(site: &Site) -> u128 {
    let docs: Vec<(&str, &str, bool)> = site
        .docs
        .iter()
        .map(|d| (d.file.as_str(), d.index_no.as_str(), d.preview))
        .collect();
    hash_of(&docs)
}

fn served_data_files(site: &Site, plan: &plan::Plan) -> Result<Vec<(String, Served)>, BuildError> {
    Ok(crate::datafiles::data_files(site, plan)
        .into_iter()
        .map(|f| (f.path, Served::Bytes(f.bytes.into())))
        .collect())
}

/// The data files of a rebuild that served the previous ones, to be made after it.
pub struct Later {
    site: Arc<Site>,
    plan: plan::Plan,
    generation: u64,
    state: Arc<Mutex<DataState>>,
}

impl Later {
    /// Makes the data files. `None` if a newer rebuild started meanwhile (its own
    /// files, or its own `Later`, supersede these) or making them failed (said on
    /// the terminal; the previous data files stay served).
    pub fn make(self) -> Option<Vec<(String, Served)>> {
        let made = match served_data_files(&self.site, &self.plan) {
            Ok(made) => made,
            Err(e) => {
                eprintln!("生成数据文件失败（仍使用上一版）/ making the data files failed, the previous ones stay: {e}");
                return None;
            }
        };
        let mut state = self.state.lock().expect("data lock");
        if state.generation != self.generation {
            return None;
        }
        state.files = made.clone();
        Some(made)
    }
}

/// Hashes of what every page is rendered from besides its own context.
struct SharedInputs {
    /// The site-wide data (`site` in templates).
    site: u128,
    /// Per template, see [`template_hashes`].
    templates: HashMap<String, u128>,
}

/// Per template, a hash of its source and of the sources of every template it
/// extends, includes or imports, transitively.
fn template_hashes(templates: &BTreeMap<String, String>) -> HashMap<String, u128> {
    templates
        .keys()
        .map(|name| {
            let mut used = BTreeSet::new();
            let mut todo = vec![name.as_str()];
            while let Some(t) = todo.pop() {
                if used.insert(t) {
                    todo.extend(
                        templates
                            .get(t)
                            .map(|src| referenced_templates(src))
                            .unwrap_or_default(),
                    );
                }
            }
            let sources: Vec<(&str, Option<&String>)> =
                used.into_iter().map(|t| (t, templates.get(t))).collect();
            (name.clone(), hash_of(&sources))
        })
        .collect()
}

/// The names in a template's `extends`, `include` and `import` tags. Every quoted
/// string in such a tag counts: finding too many only re-renders more.
fn referenced_templates(src: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = src;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches('-').trim_start();
        if ["extends", "include", "import"]
            .iter()
            .any(|kw| tag.starts_with(kw))
        {
            names.extend(quoted(tag));
        }
        rest = &after[end..];
    }
    names
}

fn quoted(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        let q = rest[open..].chars().next().expect("found a quote");
        let inner = &rest[open + 1..];
        let Some(close) = inner.find(q) else { break };
        out.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
    out
}

/// Findings of the document rules by document, reused while the document and
/// everything else those rules may read (the site without other documents'
/// bodies, see `rules::DOCUMENT_RULES`) are unchanged. A document stands
/// for its content by its parse (see [`DocumentCache`]): a re-parsed file counts as changed.
#[derive(Default)]
struct FindingsMemo {
    /// Hash of the site without document bodies (config, domains, files, metadata), for this rebuild.
    site: u128,
    entries: Mutex<HashMap<String, (u128, Vec<Diagnostic>)>>,
}

/// The memo, with the parses that identify documents.
struct Findings<'a> {
    memo: &'a FindingsMemo,
    documents: &'a DocumentCache,
}

impl FindingsMemo {
    fn keep_only(&self, files: &HashSet<&str>) {
        self.entries
            .lock()
            .expect("memo lock")
            .retain(|f, _| files.contains(f.as_str()));
    }
}

impl crate::rules::DocumentMemo for Findings<'_> {
    fn findings(&self, doc: &Document, run: &dyn Fn() -> Vec<Diagnostic>) -> Vec<Diagnostic> {
        let Some(parse) = self.documents.parse_of(doc) else {
            return run();
        };
        let key = hash_of(&(self.memo.site, parse));
        let entries = &self.memo.entries;
        if let Some((k, found)) = entries.lock().expect("memo lock").get(&doc.file) {
            if *k == key {
                return found.clone();
            }
        }
        let found = run();
        entries
            .lock()
            .expect("memo lock")
            .insert(doc.file.clone(), (key, found.clone()));
        found
    }
}

fn document_files(loaded: &LoadedSite) -> HashSet<&str> {
    loaded.documents.iter().map(|d| d.file.as_str()).collect()
}

/// Parsed documents by site-relative path, reused while nothing they were parsed from changed.
#[derive(Default)]
struct DocumentCache {
    entries: Mutex<HashMap<String, Arc<CachedDocument>>>,
    generation: AtomicU64,
    parses: AtomicU64,
}

struct CachedDocument {
    stamp: Stamp,
    /// Hash of site.toml and the domain lists, which parsing also reads.
    context: u128,
    /// The last load that used this entry.
    generation: AtomicU64,
    /// Different for every parse: stands for the document's whole content.
    parse: u64,
    result: Result<Arc<Document>, Vec<Diagnostic>>,
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
    fn load(&self, root: &Path, config: SiteConfig) -> Result<LoadedSite, Vec<Diagnostic>> {
        let generation = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        let context = OnceLock::new();
        let loader = |rel: &Path, config: &SiteConfig, domains: &BTreeMap<String, Domain>| {
            let context = *context.get_or_init(|| hash_of(&(config, domains)));
            let key = display_path(rel);
            let stamp = Stamp::of(&root.join(rel));
            let cached = self.entries.lock().expect("cache lock").get(&key).cloned();
            if let Some(c) = cached.filter(|c| Some(c.stamp) == stamp && c.context == context) {
                c.generation.store(generation, Ordering::Relaxed);
                return c.result.clone();
            }
            let result = load::load_document(root, rel, config, domains).map(Arc::new);
            if let Some(stamp) = stamp {
                let summary = result.as_ref().ok().map(|d| site::summary_of(d));
                let generation = AtomicU64::new(generation);
                let parse = self.parses.fetch_add(1, Ordering::Relaxed);
                let entry = CachedDocument {
                    stamp,
                    context,
                    generation,
                    parse,
                    result: result.clone(),
                    summary,
                };
                self.entries
                    .lock()
                    .expect("cache lock")
                    .insert(key, Arc::new(entry));
            }
            result
        };
        let loaded = load::load_using(root, config, &loader)?;
        // Files gone from content/ are forgotten.
        self.entries
            .lock()
            .expect("cache lock")
            .retain(|_, c| c.generation.load(Ordering::Relaxed) == generation);
        Ok(loaded)
    }

    /// Which parse each cached file comes from.
    fn parses(&self) -> HashMap<String, u64> {
        self.entries
            .lock()
            .expect("cache lock")
            .iter()
            .map(|(file, c)| (file.clone(), c.parse))
            .collect()
    }

    /// Whether the file is in the last load and loaded (`Some(true)`), failed to
    /// load (`Some(false)`), or is not there (`None`).
    fn loads(&self, file: &str) -> Option<bool> {
        self.entries
            .lock()
            .expect("cache lock")
            .get(file)
            .map(|c| c.result.is_ok())
    }

    /// Which parse of its file `d` comes from (`None` if it was not cached).
    fn parse_of(&self, d: &Document) -> Option<u64> {
        self.entries
            .lock()
            .expect("cache lock")
            .get(&d.file)
            .map(|c| c.parse)
    }

    /// The summary computed when the document was parsed.
    fn summary(&self, d: &Document) -> String {
        let cached = self
            .entries
            .lock()
            .expect("cache lock")
            .get(&d.file)
            .and_then(|c| c.summary.clone());
        cached.unwrap_or_else(|| site::summary_of(d))
    }

    /// Drops the file, or every file under the folder, at `rel`.
    fn forget(&self, rel: &str) {
        let folder = format!("{rel}/");
        self.entries
            .lock()
            .expect("cache lock")
            .retain(|k, _| k != rel && !k.starts_with(&folder));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_templates_a_template_uses() {
        let src = r#"{% extends "base.html" %}{%- include "partials/a.html" -%}
            {% import 'macros.html' as m %}{% include ["x.html", "y.html"] ignore missing %}
            {{ "not.html" }}{% if a %}{% endif %}"#;
        assert_eq!(
            referenced_templates(src),
            [
                "base.html",
                "partials/a.html",
                "macros.html",
                "x.html",
                "y.html"
            ]
        );
    }

    #[test]
    fn a_template_hash_covers_what_it_extends_and_includes() {
        let mut t = BTreeMap::new();
        t.insert(
            "base.html".to_string(),
            r#"{% include "p.html" %}"#.to_string(),
        );
        t.insert("p.html".to_string(), "p".to_string());
        t.insert(
            "doc.html".to_string(),
            r#"{% extends "base.html" %}"#.to_string(),
        );
        t.insert("other.html".to_string(), "o".to_string());
        let before = template_hashes(&t);
        t.insert("p.html".to_string(), "p2".to_string());
        let after = template_hashes(&t);
        assert_ne!(before["doc.html"], after["doc.html"]);
        assert_ne!(before["base.html"], after["base.html"]);
        assert_eq!(before["other.html"], after["other.html"]);
    }
}
