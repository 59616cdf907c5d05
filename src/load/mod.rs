//! Stage 1: load the site — `site.toml`, the domain item lists, every document.
//!
//! Files are read and parsed in parallel; problems are collected, never fatal
//! one by one, so a run reports all of them.

pub mod cache;
pub mod document;
pub mod frontmatter;
pub mod guide;
pub mod organs;
pub mod reports;
pub mod source;
pub mod texts;

pub use cache::DocumentCache;

use crate::config::SiteConfig;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::layout::{is_ignored, CONTENT_DIR, DOMAIN_FILE};
use crate::model::document::Document;
use crate::model::taxonomy::Domain;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything read from disk, before any site-wide check.
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub domains: BTreeMap<String, Domain>,
    /// In file-path order; shared with `serve`'s cache of parsed files.
    pub documents: Vec<Arc<Document>>,
    /// Markdown files whose name starts with `_` (e.g. `_guide.md`), by site-relative path.
    pub special_pages: BTreeMap<String, String>,
    /// Every other file under content/, site-relative: candidates for attachments.
    pub assets: Vec<String>,
    /// Annual reports by year, from content/_reports/ (the first organ's).
    pub reports: BTreeMap<i32, crate::load::reports::ReportData>,
    /// Each organ's own files, from content/_organs/<key>/, by key.
    pub organs: BTreeMap<String, organs::OrganFiles>,
    pub diagnostics: Diagnostics,
    /// Number of Markdown documents found, including those that failed to load.
    pub documents_found: usize,
    /// Documents that failed to load though their front matter says `draft: true`
    /// (site-relative): `build` skips them with a warning, `check` reports their errors.
    pub broken_drafts: Vec<String>,
}

/// Loads the site whose configuration is `config`. Content problems go to
/// `diagnostics`, all of them. With a
/// `cache` (`serve`), files that did not change are not parsed again.
pub fn load(root: &Path, config: SiteConfig, cache: Option<&DocumentCache>) -> LoadedSite {
    let mut diagnostics = Diagnostics::default();
    let files = match cache {
        Some(c) => c.listing(|| walk_content(root)),
        None => Arc::new(walk_content(root)),
    };
    for rel in &files.symlinks {
        diagnostics.push(symlink_diagnostic(rel));
    }
    let domains = load_domains(root, &files.domain_files, cache, &mut diagnostics);
    if let Some(c) = cache {
        c.begin(&config, &domains);
    }

    let load_all = || -> Vec<Result<Arc<Document>, Diagnostics>> {
        files
            .documents
            .par_iter()
            .map(|rel| {
                let parse = || load_document(root, rel, &config, &domains).map(Arc::new);
                match cache {
                    Some(c) => c.document(root, rel, parse),
                    None => parse(),
                }
            })
            .collect()
    };
    let results = match reading_pool() {
        Some(pool) => pool.install(load_all),
        None => load_all(),
    };
    if let Some(c) = cache {
        c.end();
    }
    let documents_found = results.len();
    let mut documents = Vec::with_capacity(documents_found);
    let mut broken_drafts = Vec::new();
    for (r, rel) in results.into_iter().zip(&files.documents) {
        match r {
            Ok(d) => documents.push(d),
            Err(ds) => {
                if read_text(root, rel).is_ok_and(|t| declares_draft(&t)) {
                    broken_drafts.push(display_path(rel));
                }
                diagnostics.extend(ds);
            }
        }
    }

    let mut special_pages = BTreeMap::new();
    for rel in &files.special {
        match read_text(root, rel) {
            Ok(text) => {
                special_pages.insert(display_path(rel), text);
            }
            Err(d) => diagnostics.extend(d),
        }
    }

    let mut read_all = |rels: &[PathBuf]| -> Vec<(PathBuf, String)> {
        rels.iter()
            .filter_map(|rel| match read_text(root, rel) {
                Ok(text) => Some((rel.clone(), text)),
                Err(d) => {
                    diagnostics.extend(d);
                    None
                }
            })
            .collect()
    };
    let report_files = read_all(&files.reports);
    let organ_files = read_all(&files.organs);
    let reports =
        crate::load::reports::load(crate::layout::REPORTS_DIR, report_files, &mut diagnostics);
    let organs = organs::load(organ_files, &config, &mut diagnostics);

    LoadedSite {
        root: root.to_path_buf(),
        config,
        domains,
        documents,
        special_pages,
        assets: files.assets.iter().map(|p| display_path(p)).collect(),
        reports,
        organs,
        diagnostics,
        documents_found,
        broken_drafts,
    }
}

/// Whether the front matter of `text` has a top-level line `draft: true` (or
/// `草稿: 是`), read line by line: for a document the YAML parser cannot read.
pub fn declares_draft(text: &str) -> bool {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    lines
        .take_while(|l| !matches!(l.trim_end(), "---" | "..."))
        .filter(|l| !l.starts_with([' ', '\t']))
        .filter_map(|l| l.split_once([':', '：']))
        .any(|(k, v)| {
            matches!(k.trim(), "draft" | "草稿")
                && matches!(
                    v.split('#')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches(['"', '\'']),
                    "true" | "True" | "TRUE" | "yes" | "是"
                )
        })
}

#[derive(Default)]
pub(crate) struct ContentFiles {
    documents: Vec<PathBuf>,
    domain_files: Vec<PathBuf>,
    special: Vec<PathBuf>,
    assets: Vec<PathBuf>,
    reports: Vec<PathBuf>,
    /// Files under content/_organs/.
    organs: Vec<PathBuf>,
    /// Symbolic links skipped: content/ itself, folders, and Markdown files.
    symlinks: Vec<PathBuf>,
    /// Every folder listed, with its modification time (which changes when an entry
    /// is added, removed or renamed in it), and when the walk began: `serve` uses
    /// the listing again while these are unchanged (see [`DocumentCache::listing`]).
    folders: Vec<(PathBuf, Option<std::time::SystemTime>)>,
    started: Option<std::time::SystemTime>,
}

impl ContentFiles {
    /// Whether `rel` (site-relative, `/`-separated) is a file of this listing.
    fn lists(&self, rel: &str) -> bool {
        [
            &self.documents,
            &self.domain_files,
            &self.special,
            &self.assets,
            &self.reports,
            &self.organs,
        ]
        .iter()
        .any(|files| files.iter().any(|f| f == Path::new(rel)))
    }
}

/// Lists content/ in a stable order, skipping hidden files and editors' temp files.
/// Follows no symbolic link (see `sitefs`): a linked file or folder is skipped, and
/// a linked Markdown file or folder is listed in `symlinks` to be warned about.
fn walk_content(root: &Path) -> ContentFiles {
    let mut out = ContentFiles {
        started: Some(std::time::SystemTime::now()),
        ..ContentFiles::default()
    };
    let content = root.join(CONTENT_DIR);
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker.filter_map(Result::ok) {
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let name = entry.file_name().to_string_lossy();
        let is_md = name.to_ascii_lowercase().ends_with(".md");
        if entry.path_is_symlink() {
            // Other linked files are no documents; one named as an attachment is an
            // error of its document (files/attachment-symlink).
            let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            if is_md || is_dir || entry.depth() == 0 {
                out.symlinks.push(rel);
            }
            continue;
        }
        if entry.file_type().is_dir() {
            let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
            out.folders.push((entry.path().to_path_buf(), modified));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if crate::layout::is_report_file(&rel) {
            out.reports.push(rel);
        } else if crate::layout::is_organ_file(&rel) {
            out.organs.push(rel);
        } else if name == DOMAIN_FILE {
            out.domain_files.push(rel);
        } else if is_md && name.starts_with('_') {
            out.special.push(rel);
        } else if is_md {
            out.documents.push(rel);
        } else {
            out.assets.push(rel);
        }
    }
    out
}

fn load_domains(
    root: &Path,
    files: &[PathBuf],
    cache: Option<&DocumentCache>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, Domain> {
    let mut domains = BTreeMap::new();
    for rel in files {
        // content/<slug>/_domain.yaml: the slug is the folder right under content/.
        let slug = rel
            .parent()
            .and_then(|p| p.file_name())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if rel.components().count() != 3 || !crate::config::is_slug(&slug) {
            diagnostics.push(
                Diagnostic::error("domain/location", rel)
                    .msg(
                        "_domain.yaml 必须直接放在 content/<领域代码>/ 文件夹中，文件夹名只用小写字母、数字和连字符",
                        "_domain.yaml must lie directly in content/<slug>/, with a lower-case ASCII folder name",
                    )
                    .fix("例如 content/czyjs/_domain.yaml", "for example content/czyjs/_domain.yaml"),
            );
            continue;
        }
        let parse = || read_text(root, rel).and_then(|text| Domain::parse(&text, &slug, rel));
        let result = match cache {
            Some(c) => c.domain(root, rel, parse),
            None => parse(),
        };
        match result {
            Ok(d) => {
                domains.insert(slug, d);
            }
            Err(d) => diagnostics.extend(d),
        }
    }
    domains
}

/// Reads and parses one document; `rel` is its site-relative path.
pub fn load_document(
    root: &Path,
    rel: &Path,
    config: &SiteConfig,
    domains: &BTreeMap<String, Domain>,
) -> Result<Document, Diagnostics> {
    let text = read_text(root, rel)?;
    parse_document(&text, rel, config, domains)
}

/// Reads again the body of the document at `rel` that a big site's `build` left in
/// its file after publication ([`crate::model::document::Body`]). It must be the text
/// that was loaded, `hash` its [`body_hash`](crate::model::document::body_hash): a file
/// saved during the build is refused (`source/changed-during-build`), so no page shows
/// text the rules did not check.
pub fn read_body(root: &Path, rel: &Path, hash: u128) -> Result<String, Diagnostics> {
    let mut text = read_text(root, rel)?;
    let split = frontmatter::split(&text, rel)?;
    let start = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + split.body.len();
    if crate::model::document::body_hash(split.body) != hash {
        return Err(changed_during_build(rel).into());
    }
    text.truncate(end);
    text.drain(..start);
    Ok(text)
}

fn changed_during_build(rel: &Path) -> Diagnostic {
    let shown = display_path(rel);
    Diagnostic::error("source/changed-during-build", rel)
        .msg(
            format!("“{shown}”在生成网站的过程中被修改，这次没有生成网站，原有的输出文件夹保持不变"),
            format!("\"{shown}\" changed while the portal was being built: nothing was published and the previous output is as it was"),
        )
        .fix(
            "保存完成后重新运行 zwgk build",
            "run zwgk build again once the file is saved",
        )
}

/// Parses one document's text; `rel` is its site-relative path.
pub fn parse_document(
    text: &str,
    rel: &Path,
    config: &SiteConfig,
    domains: &BTreeMap<String, Domain>,
) -> Result<Document, Diagnostics> {
    let split = frontmatter::split(text, rel)?;
    let fm = frontmatter::parse(&split, rel, document::KEYS)?;
    let folder = folder_domain(rel);
    let cx = document::Context {
        config,
        domains,
        rel,
        folder_domain: folder.as_deref().filter(|f| domains.contains_key(*f)),
    };
    document::build(fm, split.body, split.body_line, &cx)
}

/// The folder right under content/ that a file lies in.
fn folder_domain(rel: &Path) -> Option<String> {
    let mut parts = rel.components();
    parts.next()?; // content
    let first = parts.next()?;
    parts.next()?; // the file itself must be below the folder
    Some(first.as_os_str().to_string_lossy().into_owned())
}

/// Threads that read and parse the documents: more than the cores, so that while
/// some wait for the disk (sources not in the page cache: a daily build, a runner
/// that kept its workspace) the others parse. Made once per process (`serve` loads
/// on every save). None if the threads cannot be made: then the global pool reads.
fn reading_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let threads = rayon::current_num_threads().max(1) * READERS_PER_CORE;
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("zwgk-load-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// See [`reading_pool`].
const READERS_PER_CORE: usize = 4;

/// A content file's text, decoded (see [`source::decode`]). The file itself must not
/// be a symbolic link (the walk followed none to find it).
fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostics> {
    let mut bytes = Vec::new();
    crate::util::sitefs::open_no_follow(&root.join(rel))
        .and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut bytes))
        .map_err(|e| io_diagnostic(rel, &e))?;
    source::decode(&bytes, rel)
}

/// A symbolic link in content/: skipped (a warning), or all of content/ (an error).
fn symlink_diagnostic(rel: &Path) -> Diagnostic {
    let shown = display_path(rel);
    if rel == Path::new(CONTENT_DIR) {
        return Diagnostic::error("source/content-symlink", rel)
            .msg(
                "content/ 文件夹是符号链接（快捷方式）。为防止把站点以外的文件发布出去，zwgk 不跟随符号链接，因此读不到任何文档",
                "the content/ folder is a symbolic link. zwgk follows no links, so that no file from outside the site is published, and so finds no document",
            )
            .fix(
                "把 content/ 换成真正的文件夹（把文档复制或移动到站点中）",
                "make content/ a real folder: copy or move the documents into the site",
            );
    }
    Diagnostic::warning("source/symlink", rel)
        .msg(
            format!("“{shown}”是符号链接（快捷方式），已跳过，不会发布。为防止把站点以外的文件发布出去，zwgk 不跟随符号链接"),
            format!("\"{shown}\" is a symbolic link and was skipped: it is not published. zwgk follows no links, so that no file from outside the site is published"),
        )
        .fix(
            "删除这个链接，把文档或文件夹本身复制到这里",
            "delete the link and copy the document or folder itself into its place",
        )
}

fn io_diagnostic(rel: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("source/unreadable", rel).msg(
        format!("无法读取文件：{e}"),
        format!("cannot read the file: {e}"),
    )
}

#[cfg(test)]
mod draft_tests {
    #[test]
    fn a_full_width_comma_in_a_topic_list_separates_topics() {
        let config = crate::config::SiteConfig::parse(
            "title = \"t\"\nbase_url = \"https://x/\"\n[[publishers]]\nkey = \"qzf\"\nname = \"区政府\"\ncode = \"005283492\"\n",
        )
        .unwrap();
        let text = "---\ntitle: 通知\nindex_no: 005283492/2025-00001\npublisher: qzf\ndoc_type: 通知\ncreated: 2025-03-02\npublished: 2025-03-04\ncategory: 执行公开\ndisclosure: 主动公开\nreview:\n  reviewer: 王明\n  date: 2025-03-03\n  conclusion: 同意公开\ntopics: [综合政务，财政、金融、审计]\n---\n正文\n";
        let doc = super::parse_document(
            text,
            std::path::Path::new("content/general/a.md"),
            &config,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(doc.topics, ["综合政务", "财政、金融、审计"]);
    }

    #[test]
    fn drafts_are_recognised_in_broken_front_matter() {
        assert!(super::declares_draft("---\ntitle:x:\ndraft: true\n---\n"));
        assert!(super::declares_draft("---\n草稿：是\n---\n"));
        assert!(!super::declares_draft("---\ndraft: false\n---\n"));
        assert!(!super::declares_draft("---\ntitle: a\n---\ndraft: true\n"));
        assert!(!super::declares_draft("---\nreview:\n  draft: true\n---\n"));
    }
}
