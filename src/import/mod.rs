//! `zwgk import`: a Word 公文 (.docx) becomes a draft document, its metadata
//! read from the 公文's own layout (docs/import.md).
//!
//! - [`package`]: the zip, read within bounds (no zip bomb, no path outside it);
//! - [`docx`]: its XML parts as paragraphs and tables (what Word shows, no more);
//! - [`gongwen`]: the parts GB/T 9704 lays out (发文字号, 标题, 成文日期, 附注 …);
//! - [`write`]: the body in Markdown;
//! - this module: publishers, index numbers, the front matter, and writing the
//!   files so that a failed file leaves nothing behind and nothing is overwritten.
//!
//! [`convert`] is the pure part (bytes in, draft out): the fuzz target and the
//! property test call it with broken input.

pub mod docx;
pub mod gongwen;
pub mod numbering;
pub mod package;
pub mod write;
pub mod xml;

use crate::config::{Publisher, SiteConfig};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use chrono::{Datelike, NaiveDate};
use docx::{Block, Docx, ReadError, Span};
use gongwen::{Disclosure, Gongwen, Source};
use package::{PackageError, Sniffed};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What the command was asked.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site's root folder (site.toml).
    pub root: PathBuf,
    /// .docx files and folders holding them.
    pub inputs: Vec<PathBuf>,
    /// Publisher key or name, for files whose banner and signature name none.
    pub publisher: Option<String>,
    /// Domain folder slug under content/ (default `general`).
    pub domain: Option<String>,
    /// Folder to write into instead of content/<domain>/.
    pub to: Option<PathBuf>,
    /// A sealed original (PDF, OFD) to attach to the one imported document.
    pub attach_original: Option<PathBuf>,
    pub today: NaiveDate,
}

/// One value the import filled in, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub value: String,
    pub from_zh: String,
    pub from_en: String,
}

/// A file imported.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PathBuf,
    /// The draft, relative to the site root when inside it.
    pub draft: PathBuf,
    /// Images and attachments written beside it.
    pub files: Vec<PathBuf>,
    pub guesses: Vec<Guess>,
}

/// The outcome of one run: what was written, and every problem.
#[derive(Debug, Default)]
pub struct Report {
    pub imported: Vec<Imported>,
    pub diagnostics: Diagnostics,
    /// Input files not imported.
    pub failed: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.failed > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A .docx converted in memory: what `zwgk import` writes, before anything is written.
#[derive(Debug)]
pub struct Draft {
    pub docx: Docx,
    pub gongwen: Gongwen,
    pub body: String,
    pub images: write::Images,
    /// The bytes of each image part the body links.
    pub media: BTreeMap<String, Vec<u8>>,
}

/// Why a file is not imported, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Legacy,
    PdfOrOfd(&'static str),
    NotDocx(String),
    Damaged(String),
    TooLarge(u64),
    Empty,
}

/// Converts the bytes of a .docx; images are linked under `image_dir`.
/// Pure and total: any input gives a draft or a refusal, never a panic.
pub fn convert(bytes: &[u8], image_dir: &str) -> Result<Draft, Refusal> {
    match package::sniff(bytes) {
        Sniffed::Zip => {}
        Sniffed::Ole2 => return Err(Refusal::Legacy),
        Sniffed::Pdf => return Err(Refusal::PdfOrOfd("PDF")),
        Sniffed::Rtf => return Err(Refusal::NotDocx("RTF".into())),
        Sniffed::Empty => return Err(Refusal::Empty),
        Sniffed::Other => return Err(Refusal::NotDocx(String::new())),
    }
    let mut doc = docx::read(bytes).map_err(|e| match e {
        ReadError::OtherKind("ofd") => Refusal::PdfOrOfd("OFD"),
        ReadError::OtherKind(k) => Refusal::NotDocx(k.to_string()),
        ReadError::Package(PackageError::TooLarge { limit, .. }) => Refusal::TooLarge(limit),
        ReadError::Package(PackageError::NotZip(e)) => Refusal::Damaged(e),
        ReadError::Package(PackageError::Damaged(e)) => Refusal::Damaged(e),
        ReadError::Package(PackageError::Missing(p)) => Refusal::Damaged(format!("no {p}")),
        ReadError::Xml { part, error } => Refusal::Damaged(format!("{part}: {error}")),
        ReadError::NoBody => Refusal::Damaged("no document body".into()),
    })?;
    // images that cannot be read are left out (and said so by the caller)
    let mut bad = BTreeSet::new();
    let mut parts = BTreeSet::new();
    for_each_image(&doc.blocks, &mut |part| {
        parts.insert(part.to_string());
    });
    let mut media = BTreeMap::new();
    for part in parts {
        match docx::read_media(bytes, &part) {
            Ok(b) => {
                media.insert(part, b);
            }
            Err(_) => {
                bad.insert(part);
            }
        }
    }
    if !bad.is_empty() {
        drop_images(&mut doc.blocks, &bad);
    }
    let g = gongwen::recognise(&doc);
    let has_text = g.title.is_some()
        || g.body.iter().any(|b| match b {
            Block::Para(p) => p.has_text() || p.images().count() > 0,
            Block::Table(t) => t.paragraphs().iter().any(|p| p.has_text()),
        });
    if !has_text {
        return Err(Refusal::Empty);
    }
    let mut images = write::Images::new(image_dir);
    let body = write::body(&g.body, &doc, &mut images);
    Ok(Draft {
        docx: doc,
        gongwen: g,
        body,
        images,
        media,
    })
}

fn for_each_image(blocks: &[Block], f: &mut impl FnMut(&str)) {
    for b in blocks {
        match b {
            Block::Para(p) => p.images().for_each(|(part, _)| f(part)),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        for_each_image(&c.blocks, f);
                    }
                }
            }
        }
    }
}

fn drop_images(blocks: &mut [Block], bad: &BTreeSet<String>) {
    for b in blocks {
        match b {
            Block::Para(p) => p
                .spans
                .retain(|s| !matches!(s, Span::Image { part, .. } if bad.contains(part))),
            Block::Table(t) => {
                for row in &mut t.rows {
                    for c in row {
                        drop_images(&mut c.blocks, bad);
                    }
                }
            }
        }
    }
}

/// The diagnostic for a refused file.
pub fn refusal_diagnostic(r: &Refusal, file: &Path) -> Diagnostic {
    let name = display_path(file);
    match r {
        Refusal::Legacy => Diagnostic::error("import/legacy-format", file)
            .msg(
                format!("“{name}”是旧版 Word（.doc）或 WPS（.wps）文件，或设置了打开密码的文件，无法导入"),
                format!("\"{name}\" is a legacy Word (.doc) or WPS (.wps) file, or a password-protected one, which cannot be imported"),
            )
            .fix(
                "请在 WPS/Word 中另存为 .docx（如设有打开密码，先取消密码），再导入 .docx 文件",
                "save it as .docx in WPS or Word (remove any password first), then import the .docx",
            ),
        Refusal::PdfOrOfd(kind) => Diagnostic::error("import/pdf-or-ofd", file)
            .msg(
                format!("“{name}”是 {kind} 文件：盖章的版式文件是原件，其中的文字不可靠，不能导入为正文"),
                format!("\"{name}\" is a {kind} file: sealed fixed-layout files are originals whose text is not reliable, so they are not imported as a body"),
            )
            .fix(
                format!("导入同一公文的 .docx，并用 --attach-original {name} 把它作为原件附上"),
                format!("import the .docx of the same document with --attach-original {name} to attach it as the original"),
            ),
        Refusal::NotDocx(kind) => {
            let what = match kind.as_str() {
                "xlsx" => "Excel 表格 / an Excel workbook",
                "pptx" => "PowerPoint 演示文稿 / a PowerPoint presentation",
                "odf" => "OpenDocument 文件 / an OpenDocument file",
                "RTF" => "RTF 文件 / an RTF file",
                _ => "不是 Word 文档 / not a Word document",
            };
            let (zh, en) = what.split_once(" / ").unwrap_or((what, what));
            Diagnostic::error("import/not-docx", file)
                .msg(
                    format!("“{name}”不是 .docx 文件（{zh}）"),
                    format!("\"{name}\" is not a .docx file ({en})"),
                )
                .fix(
                    "在 WPS/Word 中打开公文，另存为 .docx 后导入",
                    "open the document in WPS or Word, save it as .docx and import that",
                )
        }
        Refusal::Damaged(detail) => Diagnostic::error("import/damaged", file)
            .msg(
                format!("“{name}”已损坏或不完整，无法读取（{detail}）"),
                format!("\"{name}\" is damaged or incomplete and cannot be read ({detail})"),
            )
            .fix(
                "在 WPS/Word 中打开它；能打开时另存为新的 .docx 再导入，打不开时向起草人要一份完整的文件",
                "open it in WPS or Word: if it opens, save it as a new .docx and import that; otherwise ask its author for a complete copy",
            ),
        Refusal::TooLarge(limit) => Diagnostic::error("import/too-large", file)
            .msg(
                format!("“{name}”或其中的某一部分超过 {} MB，不予读取", limit / 1024 / 1024),
                format!("\"{name}\" or a part of it is larger than {} MB and is not read", limit / 1024 / 1024),
            )
            .fix(
                "在 WPS/Word 中压缩图片（文件 → 压缩图片）后另存，再导入",
                "compress the pictures in WPS or Word and save again, then import",
            ),
        Refusal::Empty => Diagnostic::error("import/empty", file)
            .msg(
                format!("“{name}”中没有文字"),
                format!("\"{name}\" holds no text"),
            )
            .fix(
                "确认选对了文件；扫描件请导入其 .docx 文稿",
                "check that this is the right file; for a scan, import the document's .docx",
            ),
    }
}

/// Runs the import. `Err` when nothing can be done at all (site.toml, options).
pub fn run(opts: &ImportOptions) -> Result<Report, Diagnostics> {
    let config = SiteConfig::load(&opts.root)?;
    let default_publisher = match &opts.publisher {
        Some(p) => Some(
            config
                .publisher_by_key_or_name(p)
                .ok_or_else(|| vec![unknown_publisher(&config, p)])?
                .clone(),
        ),
        None => None,
    };
    let content = opts.root.join(crate::layout::CONTENT_DIR);
    let folder = match (&opts.to, &opts.domain) {
        (Some(to), _) => to.clone(),
        (None, d) => {
            let slug = d.as_deref().unwrap_or("general");
            if !crate::config::is_slug(slug) {
                return Err(vec![Diagnostic::error("import/bad-target", "--domain")
                    .msg(
                        format!("领域代码“{slug}”无效：只能用小写字母、数字和连字符"),
                        format!("the domain slug \"{slug}\" is not valid: lower-case letters, digits and hyphens only"),
                    )
                    .fix(
                        "写 content/ 下领域文件夹的名称，例如 --domain czyjs",
                        "give the name of a domain folder under content/, e.g. --domain czyjs",
                    )].into());
            }
            content.join(slug)
        }
    };
    if folder.exists() && !folder.is_dir() {
        return Err(vec![Diagnostic::error("import/bad-target", &folder)
            .msg(
                format!("“{}”是文件，不是文件夹", display_path(&folder)),
                format!("\"{}\" is a file, not a folder", display_path(&folder)),
            )
            .fix("用 --to 指定一个文件夹", "give a folder with --to")]
        .into());
    }
    let mut report = Report::default();
    let inside_content = absolute(&folder).starts_with(absolute(&content));
    if !inside_content {
        report.diagnostics.push(
            Diagnostic::warning("import/outside-content", &folder)
                .msg(
                    format!("“{}”不在 content/ 下：zwgk check 和 build 不会读取导入的草稿", display_path(&folder)),
                    format!("\"{}\" is not under content/: zwgk check and build will not read the drafts", display_path(&folder)),
                )
                .fix(
                    "核对后把草稿移到 content/ 下的文件夹中（连同同名的 .files 文件夹）",
                    "once checked, move the drafts into a folder under content/ (with their .files folders)",
                ),
        );
    }

    // what to import
    let mut jobs: Vec<Job> = Vec::new();
    for input in &opts.inputs {
        collect(input, &mut jobs, &mut report);
    }
    let docx_jobs = jobs.iter().filter(|j| j.kind == JobKind::Docx).count();
    if let Some(orig) = &opts.attach_original {
        let problem = if docx_jobs != 1 {
            Some((
                "--attach-original 只能和一个 .docx 文件一起使用".to_string(),
                "--attach-original goes with exactly one .docx file".to_string(),
            ))
        } else if !orig.is_file() {
            Some((
                format!("找不到原件“{}”", display_path(orig)),
                format!("the original \"{}\" does not exist", display_path(orig)),
            ))
        } else {
            None
        };
        if let Some((zh, en)) = problem {
            return Err(vec![Diagnostic::error("import/attach-original", orig)
                .msg(zh, en)
                .fix(
                    "每次导入一个 .docx，用 --attach-original 附上它的原件；或把同名的 PDF/OFD 与 .docx 放在同一文件夹中导入该文件夹",
                    "import one .docx at a time with its original; or put the PDF/OFD with the same name beside the .docx and import the folder",
                )].into());
        }
    }

    let existing = Existing::scan(&content, (!inside_content).then_some(folder.as_path()));
    let mut reserved: BTreeMap<(String, i32), u32> = BTreeMap::new();
    let mut used_companions: BTreeSet<PathBuf> = BTreeSet::new();
    for job in jobs.iter().filter(|j| j.kind == JobKind::Docx) {
        let ctx = FileCtx {
            opts,
            config: &config,
            default_publisher: default_publisher.as_ref(),
            folder: &folder,
            existing: &existing,
            companions: &job.companions,
        };
        match import_one(&ctx, &job.path, &mut reserved) {
            Ok((imported, used, warnings)) => {
                used_companions.extend(used);
                report.diagnostics.extend(warnings);
                report.imported.push(imported);
            }
            Err(ds) => {
                report.failed += 1;
                report.diagnostics.extend(ds);
            }
        }
    }
    for job in &jobs {
        match &job.kind {
            JobKind::Docx => {}
            JobKind::Refused(r) => {
                if used_companions.contains(&job.path) {
                    continue;
                }
                report.failed += 1;
                report.diagnostics.push(refusal_diagnostic(r, &job.path));
            }
        }
    }
    Ok(report)
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // lexical: the folder may not exist yet
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    fs::canonicalize(&out).unwrap_or(out)
}

fn unknown_publisher(config: &SiteConfig, p: &str) -> Diagnostic {
    let known: Vec<String> = config
        .publishers
        .iter()
        .map(|p| format!("{}（{}）", p.key, p.name))
        .collect();
    Diagnostic::error("import/unknown-publisher", "--publisher")
        .msg(
            format!("site.toml 中没有发布机构“{p}”"),
            format!("site.toml has no publisher \"{p}\""),
        )
        .fix(
            format!(
                "--publisher 写 site.toml 中发布机构的 key 或名称：{}",
                known.join("、")
            ),
            "give --publisher the key or name of a publisher in site.toml",
        )
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum JobKind {
    Docx,
    Refused(Refusal),
}

#[derive(Debug)]
struct Job {
    path: PathBuf,
    kind: JobKind,
    /// Files beside it that may be its attachments or original.
    companions: Vec<PathBuf>,
}

fn ext_of(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_lock_file(p: &Path) -> bool {
    p.file_name().is_some_and(|n| {
        n.to_string_lossy().starts_with("~$") || n.to_string_lossy().starts_with('.')
    })
}

/// Regular files in `dir` (no links followed), sorted by name.
fn files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        if e.file_type()?.is_file() {
            out.push(e.path());
        }
    }
    out.sort();
    Ok(out)
}

fn collect(input: &Path, jobs: &mut Vec<Job>, report: &mut Report) {
    let meta = match fs::metadata(input) {
        Ok(m) => m,
        Err(e) => {
            report.failed += 1;
            report.diagnostics.push(unreadable(input, &e));
            return;
        }
    };
    if meta.is_dir() {
        let files = match files_in(input) {
            Ok(f) => f,
            Err(e) => {
                report.failed += 1;
                report.diagnostics.push(unreadable(input, &e));
                return;
            }
        };
        let companions: Vec<PathBuf> = files.iter().filter(|f| !is_lock_file(f)).cloned().collect();
        let mut skipped = 0;
        for f in &files {
            if is_lock_file(f) {
                continue;
            }
            let name = f
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            match ext_of(f).as_str() {
                // a .docx named 附件… is another document's attachment
                "docx" | "docm" if !name.starts_with("附件") => jobs.push(Job {
                    path: f.clone(),
                    kind: JobKind::Docx,
                    companions: companions.clone(),
                }),
                "doc" | "wps" | "wpt" | "dot" => jobs.push(Job {
                    path: f.clone(),
                    kind: JobKind::Refused(Refusal::Legacy),
                    companions: Vec::new(),
                }),
                "pdf" | "ofd" => jobs.push(Job {
                    path: f.clone(),
                    kind: JobKind::Refused(Refusal::PdfOrOfd(if ext_of(f) == "pdf" {
                        "PDF"
                    } else {
                        "OFD"
                    })),
                    companions: Vec::new(),
                }),
                _ => skipped += 1,
            }
        }
        if skipped > 0 {
            report.diagnostics.push(
                Diagnostic::info("import/skipped", input)
                    .msg(
                        format!("“{}”中有 {skipped} 个其他文件未导入（只导入 .docx；附件按附件说明配对）", display_path(input)),
                        format!("{skipped} other file(s) in \"{}\" not imported (only .docx files are; attachments are paired by the list of attachments)", display_path(input)),
                    ),
            );
        }
        return;
    }
    let companions = input
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .and_then(|d| files_in(d).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !is_lock_file(f))
        .collect();
    // a named file is read whatever its extension: its content decides
    let kind = match ext_of(input).as_str() {
        "pdf" => JobKind::Refused(Refusal::PdfOrOfd("PDF")),
        "ofd" => JobKind::Refused(Refusal::PdfOrOfd("OFD")),
        _ => JobKind::Docx,
    };
    jobs.push(Job {
        path: input.to_path_buf(),
        kind,
        companions,
    });
}

fn unreadable(file: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::error("import/unreadable", file)
        .msg(
            format!("无法读取“{}”：{e}", display_path(file)),
            format!("cannot read \"{}\": {e}", display_path(file)),
        )
        .fix(
            "检查文件名和路径是否正确、文件是否在其他程序中打开",
            "check the name and path, and that no other program holds the file",
        )
}

/// What the site already holds: the highest sequence per (code, year), and the 文号s.
struct Existing {
    sequences: BTreeMap<(String, i32), u32>,
    doc_nos: BTreeMap<String, PathBuf>,
}

impl Existing {
    fn scan(content: &Path, extra: Option<&Path>) -> Existing {
        let mut e = Existing {
            sequences: BTreeMap::new(),
            doc_nos: BTreeMap::new(),
        };
        for dir in std::iter::once(content).chain(extra) {
            for entry in walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file()
                    || !entry.file_name().to_string_lossy().ends_with(".md")
                {
                    continue;
                }
                let Ok(bytes) = fs::read(entry.path()) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes);
                e.read(&text, entry.path());
            }
        }
        e
    }

    fn read(&mut self, text: &str, path: &Path) {
        // index numbers anywhere (as `zwgk new` counts, so a broken file still reserves its number)
        for (pos, _) in text.match_indices('/') {
            let before: String = text[..pos]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after = &text[pos + 1..];
            let year: String = after.chars().take_while(char::is_ascii_digit).collect();
            if before.is_empty() || year.len() < 4 {
                continue;
            }
            let rest = &after[year.len()..];
            let Some(rest) = rest.strip_prefix('-') else {
                continue;
            };
            let seq: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let (Ok(y), Ok(n)) = (year[..4].parse::<i32>(), seq.parse::<u32>()) else {
                continue;
            };
            let m = self.sequences.entry((before, y)).or_default();
            *m = (*m).max(n);
        }
        // 文号 in the front matter
        let mut lines = text.lines();
        if lines.next().map(str::trim_end) != Some("---") {
            return;
        }
        for l in lines {
            if l.trim_end() == "---" {
                break;
            }
            let v = l
                .strip_prefix("doc_no:")
                .or_else(|| l.strip_prefix("文号:"));
            if let Some(v) = v {
                let v = gongwen::compact(v.split(" #").next().unwrap_or_default())
                    .trim_matches(['"', '\''])
                    .to_string();
                if !v.is_empty() {
                    self.doc_nos.entry(v).or_insert_with(|| path.to_path_buf());
                }
            }
        }
    }

    fn next(&self, reserved: &BTreeMap<(String, i32), u32>, code: &str, year: i32) -> u32 {
        let key = (code.to_string(), year);
        let a = self.sequences.get(&key).copied().unwrap_or(0);
        let b = reserved.get(&key).copied().unwrap_or(0);
        a.max(b) + 1
    }
}

struct FileCtx<'a> {
    opts: &'a ImportOptions,
    config: &'a SiteConfig,
    default_publisher: Option<&'a Publisher>,
    folder: &'a Path,
    existing: &'a Existing,
    companions: &'a [PathBuf],
}

fn read_input(path: &Path) -> Result<Vec<u8>, Diagnostics> {
    let file = fs::File::open(path).map_err(|e| unreadable(path, &e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > package::MAX_FILE {
        return Err(refusal_diagnostic(&Refusal::TooLarge(package::MAX_FILE), path).into());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(package::MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > package::MAX_FILE {
        return Err(refusal_diagnostic(&Refusal::TooLarge(package::MAX_FILE), path).into());
    }
    Ok(bytes)
}

type Outcome = (Imported, Vec<PathBuf>, Diagnostics);

fn import_one(
    ctx: &FileCtx,
    path: &Path,
    reserved: &mut BTreeMap<(String, i32), u32>,
) -> Result<Outcome, Diagnostics> {
    let bytes = read_input(path)?;
    // the image folder's name depends on the index number, known only after
    // reading: convert with a placeholder, then name it
    const PLACEHOLDER: &str = "\u{1}images\u{1}";
    let draft = match std::panic::catch_unwind(|| convert(&bytes, PLACEHOLDER)) {
        Ok(Ok(d)) => d,
        Ok(Err(r)) => return Err(vec![refusal_diagnostic(&r, path)].into()),
        Err(_) => {
            return Err(vec![refusal_diagnostic(
                &Refusal::Damaged("unexpected structure".into()),
                path,
            )]
            .into())
        }
    };
    let g = &draft.gongwen;
    let mut warnings = Diagnostics::default();
    let mut guesses = Vec::new();
    let guess = |label_zh, label_en, value: String, src: &Source| {
        let (from_zh, from_en) = src.describe();
        Guess {
            label_zh,
            label_en,
            value,
            from_zh,
            from_en,
        }
    };

    // publisher
    let matched = match_publisher(ctx.config, g);
    let publisher = match (&matched, ctx.default_publisher) {
        (Some((p, _)), _) => (*p).clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => {
            let seen = g
                .banner
                .as_ref()
                .map(|b| b.value.clone())
                .or_else(|| g.signature.as_ref().map(|s| s.value.clone()))
                .unwrap_or_default();
            let known: Vec<String> = ctx
                .config
                .publishers
                .iter()
                .map(|p| format!("{}（{}）", p.key, p.name))
                .collect();
            let (zh, en) = if seen.is_empty() {
                (
                    "文件中没有找到发文机关标志和署名，无法确定发布机构".to_string(),
                    "no issuing organ's banner or signature was found, so the publisher is unknown"
                        .to_string(),
                )
            } else {
                (
                    format!("发文机关“{seen}”与 site.toml 中的发布机构都不相符"),
                    format!("the issuing organ \"{seen}\" matches no publisher in site.toml"),
                )
            };
            return Err(vec![Diagnostic::error("import/no-publisher", path)
                .msg(
                    format!("{zh}；文件未导入"),
                    format!("{en}; the file was not imported"),
                )
                .fix(
                    format!("用 --publisher 指定发布机构：{}", known.join("、")),
                    "name the publisher with --publisher KEY",
                )]
            .into());
        }
    };
    match &matched {
        Some((p, src)) => {
            guesses.push(guess(
                "发布机构",
                "publisher",
                format!("{}（{}）", p.key, p.name),
                src,
            ));
            if let Some(d) = ctx.default_publisher {
                if d.key != p.key {
                    warnings.push(
                        Diagnostic::info("import/publisher-differs", path)
                            .msg(
                                format!("文件的发文机关是“{}”，不是 --publisher 指定的“{}”：按文件填写", p.name, d.name),
                                format!("the file is issued by \"{}\", not \"{}\" given with --publisher: the file's organ is used", p.name, d.name),
                            )
                            .fix("如需更改，在草稿中改 publisher 和索引号", "to change it, edit publisher and index_no in the draft"),
                    );
                }
            }
        }
        None => guesses.push(Guess {
            label_zh: "发布机构",
            label_en: "publisher",
            value: format!("{}（{}）", publisher.key, publisher.name),
            from_zh: "--publisher（文件中的发文机关未能与 site.toml 相符）".into(),
            from_en: "--publisher (the file's organ matches no publisher)".into(),
        }),
    }

    // 文号 imported before?
    if let Some(no) = &g.doc_no {
        if let Some(prev) = ctx.existing.doc_nos.get(&no.value) {
            let prev =
                display_path(crate::diagnostics::relative_to(prev, &ctx.opts.root).as_path());
            return Err(vec![Diagnostic::error("import/already-imported", path)
                .msg(
                    format!("文号 {} 已在 {prev} 中使用：这份公文已经导入过，未再导入", no.value),
                    format!("the document number {} is already used in {prev}: this document was imported before, so it was not imported again", no.value),
                )
                .fix(
                    format!("要重新导入，先删除 {prev}（及其 .files 文件夹）"),
                    format!("to import it again, delete {prev} (and its .files folder) first"),
                )].into());
        }
    }

    // the values
    let title = match &g.title {
        Some(t) => {
            guesses.push(guess("标题", "title", t.value.clone(), &t.source));
            t.value.clone()
        }
        None => match &draft.docx.core_title {
            Some(t) => {
                guesses.push(Guess {
                    label_zh: "标题",
                    label_en: "title",
                    value: t.clone(),
                    from_zh: "文件属性中的标题（正文中没有居中的标题）".into(),
                    from_en: "the document properties (no centred title in the text)".into(),
                });
                t.clone()
            }
            None => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                guesses.push(Guess {
                    label_zh: "标题",
                    label_en: "title",
                    value: stem.clone(),
                    from_zh: "文件名（正文中没有居中的标题）".into(),
                    from_en: "the file name (no centred title in the text)".into(),
                });
                stem
            }
        },
    };
    let doc_type = gongwen::doc_type(&title);
    if let Some(t) = doc_type {
        guesses.push(Guess {
            label_zh: "文种",
            label_en: "doc_type",
            value: t.to_string(),
            from_zh: "标题末尾".into(),
            from_en: "the end of the title".into(),
        });
    }
    if let Some(no) = &g.doc_no {
        let mut gs = guess("文号", "doc_no", no.value.clone(), &no.source);
        if let Some(w) = &g.doc_no_written {
            gs.from_zh
                .push_str(&format!("；原文写作“{w}”，括号改为〔〕"));
            gs.from_en
                .push_str(&format!("; written \"{w}\", brackets made 〔〕"));
        }
        guesses.push(gs);
    }
    let created = g.date.as_ref().map(|d| d.value);
    if let Some(d) = &g.date {
        guesses.push(guess("成文日期", "created", d.value.to_string(), &d.source));
    }
    let (disclosure, disclosure_from) = match (&g.secrecy, &g.disclosure) {
        (Some(s), _) => (Disclosure::NotDisclosed, Some(s.source.clone())),
        (None, Some(d)) => (d.value, Some(d.source.clone())),
        (None, None) => (Disclosure::Active, None),
    };
    match &disclosure_from {
        Some(src) => guesses.push(guess("公开属性", "disclosure", disclosure.zh().to_string(), src)),
        None => guesses.push(Guess {
            label_zh: "公开属性",
            label_en: "disclosure",
            value: disclosure.zh().to_string(),
            from_zh: "文件中没有附注（此件公开发布）等，按主动公开填写，保密审查时确认".into(),
            from_en: "no note such as （此件公开发布） in the file: 主动公开 assumed, to be confirmed by the review".into(),
        }),
    }
    if let Some(r) = &g.recipients {
        guesses.push(guess("主送机关", "addressees", r.value.clone(), &r.source));
    }
    guesses.push(Guess {
        label_zh: "五公开",
        label_en: "category",
        value: "执行公开".into(),
        from_zh: "文件中没有，按 zwgk new 的默认值填写，请核对".into(),
        from_en: "not in the file: zwgk new's default, check it".into(),
    });

    // index number and paths
    let year = created.map_or(ctx.opts.today.year(), |d| d.year());
    let seq = ctx.existing.next(reserved, &publisher.code, year);
    let index_no = format!("{}/{}-{:05}", publisher.code, year, seq);
    guesses.insert(
        0,
        Guess {
            label_zh: "索引号",
            label_en: "index_no",
            value: index_no.clone(),
            from_zh: format!("{}在 {year} 年的下一个空号", publisher.name),
            from_en: format!("the next free number of {} in {year}", publisher.key),
        },
    );
    let stem = index_no.replace('/', "-");
    let md_path = ctx.folder.join(format!("{stem}.md"));
    let files_dir_name = format!("{stem}.files");
    let files_dir = ctx.folder.join(&files_dir_name);
    let body = draft.body.replace(PLACEHOLDER, &files_dir_name);

    // files beside the draft: images, attachments, the original
    let mut copies: Vec<(String, Vec<u8>)> = Vec::new();
    let mut attachments: Vec<(String, String)> = Vec::new();
    let mut used = Vec::new();
    for (part, name) in &draft.images.files {
        match draft.media.get(part).cloned() {
            Some(b) => {
                if name.ends_with(".emf") || name.ends_with(".wmf") {
                    warnings.push(
                        Diagnostic::warning("import/image-format", path)
                            .msg(
                                format!("图片 {name} 是 EMF/WMF 格式，浏览器无法显示"),
                                format!("the picture {name} is EMF/WMF, which browsers cannot show"),
                            )
                            .fix(
                                "在 WPS/Word 中把图片另存为 PNG，替换草稿旁的文件并改正链接",
                                "save the picture as PNG in WPS or Word, replace the file and correct the link",
                            ),
                    );
                }
                copies.push((name.clone(), b));
                let alt = draft.images.alts.get(name).filter(|a| !a.is_empty());
                attachments.push((
                    alt.cloned()
                        .unwrap_or_else(|| format!("正文图片{}", copies.len())),
                    format!("{files_dir_name}/{name}"),
                ));
            }
            None => {
                return Err(vec![refusal_diagnostic(
                    &Refusal::Damaged(format!("{part} cannot be read")),
                    path,
                )]
                .into())
            }
        }
    }
    for a in &g.attachments {
        match find_companion(ctx.companions, path, &a.value) {
            Some(f) => {
                let name = f
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                let b = read_input(&f)?;
                let name = unique_name(&copies, &name);
                copies.push((name.clone(), b));
                attachments.push((a.value.clone(), format!("{files_dir_name}/{name}")));
                guesses.push(guess(
                    "附件",
                    "attachment",
                    format!("{} ← {}", a.value, display_path(&f)),
                    &a.source,
                ));
                used.push(f);
            }
            None => {
                guesses.push(guess(
                    "附件",
                    "attachment",
                    format!("{}（未找到文件）", a.value),
                    &a.source,
                ));
                warnings.push(
                    Diagnostic::warning("import/attachment-not-found", path)
                        .msg(
                            format!("附件说明列出的“{}”没有找到对应的文件，未加入附件", a.value),
                            format!("the attachment \"{}\" in the list of attachments has no file beside the .docx, so it was not attached", a.value),
                        )
                        .fix(
                            format!("把文件以附件名称命名（如“{}.pdf”）放在 .docx 旁边后重新导入，或在草稿的 attachments 中手工加入", a.value),
                            "put the file, named after the attachment, beside the .docx and import again, or add it to attachments in the draft by hand",
                        ),
                );
            }
        }
    }
    let original = match &ctx.opts.attach_original {
        Some(o) => Some(o.clone()),
        None => same_stem_original(ctx.companions, path),
    };
    if let Some(o) = original {
        let b = read_input(&o)?;
        let name = o
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let name = unique_name(&copies, &name);
        copies.push((name.clone(), b));
        attachments.push((
            format!("{title}（原件）"),
            format!("{files_dir_name}/{name}"),
        ));
        guesses.push(Guess {
            label_zh: "原件",
            label_en: "original",
            value: display_path(&o),
            from_zh: if ctx.opts.attach_original.is_some() {
                "--attach-original".into()
            } else {
                "与 .docx 同名的 PDF/OFD".into()
            },
            from_en: if ctx.opts.attach_original.is_some() {
                "--attach-original".into()
            } else {
                "the PDF/OFD with the .docx's name".into()
            },
        });
        used.push(o);
    }

    // notes on what was left out
    notes_on_omissions(&draft, path, &mut warnings);

    let fm = FrontMatter {
        source: path,
        title: &title,
        index_no: &index_no,
        publisher: &publisher.key,
        doc_type,
        doc_no: g.doc_no.as_ref().map(|d| d.value.as_str()),
        created,
        disclosure,
        secrecy: g.secrecy.as_ref().map(|s| s.value.as_str()),
        domain: ctx.opts.to.as_ref().and(ctx.opts.domain.as_deref()),
        attachments: &attachments,
    };
    let (front, lines) = fm.render();
    let text = format!("{front}\n{body}");

    // write: nothing overwritten; nothing left behind on failure
    let shown = crate::diagnostics::relative_to(&md_path, &ctx.opts.root);
    let written = write_draft(&md_path, &files_dir, &text, &copies).map_err(|e| {
        vec![Diagnostic::error(
            if e.kind() == io::ErrorKind::AlreadyExists { "import/exists" } else { "import/write-failed" },
            path,
        )
        .msg(
            format!("无法写出 {}：{e}；未留下任何文件", display_path(&shown)),
            format!("cannot write {}: {e}; nothing was left behind", display_path(&shown)),
        )
        .fix(
            "检查目标文件夹是否可写、是否已有同名文件（导入从不覆盖文件）",
            "check that the folder is writable and holds no file of that name (import never overwrites)",
        )]
    })?;
    reserved.insert((publisher.code.clone(), year), seq);

    // fields not found: said on the draft's line
    let missing: [(&str, bool, &str, &str, &str, &str); 2] = [
        (
            "created",
            created.is_none(),
            "没有找到成文日期（如“2025年3月10日”），created 留空，zwgk check 会报错",
            "no 成文日期 (e.g. 2025年3月10日) was found: created is left empty and zwgk check reports it",
            "在 created 后填写成文日期（公文落款的日期），如 2025-03-10",
            "fill in created with the date under the signature, e.g. 2025-03-10",
        ),
        (
            "doc_type",
            doc_type.is_none(),
            "标题末尾不是已知的文种（通知、意见、办法、函……），doc_type 留空，zwgk check 会报错",
            "the title does not end with a known document type (通知, 意见, 办法, 函 …): doc_type is left empty and zwgk check reports it",
            "在 doc_type 后填写文种，如 通知",
            "fill in doc_type, e.g. 通知",
        ),
    ];
    for (key, is_missing, mzh, men, fzh, fen) in missing {
        if is_missing {
            warnings.push(
                Diagnostic::warning("import/missing-field", &shown)
                    .at(lines.get(key).copied())
                    .msg(mzh, men)
                    .fix(fzh, fen),
            );
        }
    }
    if g.doc_no.is_none() {
        warnings.push(
            Diagnostic::info("import/missing-field", &shown)
                .at(lines.get("doc_no").copied())
                .msg(
                    "没有找到发文字号（如“示政〔2025〕3号”）；没有文号的文件无需填写",
                    "no document number (e.g. 示政〔2025〕3号) was found; documents without one need none",
                )
                .fix("如有文号，填在 doc_no 后", "if it has one, fill in doc_no"),
        );
    }
    if disclosure != Disclosure::Active && g.secrecy.is_none() {
        warnings.push(
            Diagnostic::warning("import/withheld", &shown)
                .at(lines.get("withheld_reason").copied())
                .msg(
                    format!("附注为{}：不会发布；不公开理由和依据须由经办人填写，填写前 zwgk check 会报错", disclosure.zh()),
                    format!("the note says {}: never published; the reason and legal basis must be written by a person, and zwgk check reports them until then", disclosure.zh()),
                )
                .fix(
                    "填写 withheld_reason（不公开理由）和 withheld_basis（不公开依据）",
                    "fill in withheld_reason and withheld_basis",
                ),
        );
    }
    if let Some(s) = &g.secrecy {
        warnings.push(
            Diagnostic::warning("import/secret", path)
                .msg(
                    format!("文件标有密级“{}”：按不予公开导入，绝不会发布。涉密文件不得在非涉密计算机上处理，请按保密规定处理本文件和草稿", s.value),
                    format!("the file is marked \"{}\" (a state secret): imported as 不予公开, never published. Classified files must not be handled on unclassified computers: deal with the file and the draft as the secrecy rules say", s.value),
                )
                .fix(
                    "确认密级；如已解密，改正公开属性并删除不公开理由和依据",
                    "confirm the classification; if it was declassified, correct disclosure and remove the reason and basis",
                ),
        );
    }

    let mut files: Vec<PathBuf> = written
        .iter()
        .map(|p| crate::diagnostics::relative_to(p, &ctx.opts.root))
        .collect();
    files.retain(|f| f != &shown);
    Ok((
        Imported {
            source: path.to_path_buf(),
            draft: shown,
            files,
            guesses,
        },
        used,
        warnings,
    ))
}

fn notes_on_omissions(draft: &Draft, path: &Path, warnings: &mut Diagnostics) {
    let o = &draft.docx.omitted;
    let g = &draft.gongwen;
    if o.revisions {
        warnings.push(
            Diagnostic::warning("import/revisions", path)
                .msg(
                    "文件中有未处理的修订：删除的文字未导入，插入的文字已导入",
                    "the file has tracked changes: deleted text was left out, inserted text taken in",
                )
                .fix(
                    "在 WPS/Word 中接受或拒绝所有修订后重新导入，或核对草稿正文",
                    "accept or reject all changes in WPS or Word and import again, or check the draft's text",
                ),
        );
    }
    if o.comments {
        warnings.push(Diagnostic::info("import/comments", path).msg(
            "文件中的批注未导入",
            "the file's comments were not imported",
        ));
    }
    if o.hidden {
        warnings.push(Diagnostic::info("import/hidden-text", path).msg(
            "文件中设为隐藏的文字未导入",
            "text formatted as hidden was not imported",
        ));
    }
    if g.dropped_images > 0 {
        warnings.push(Diagnostic::info("import/images-left-out", path).msg(
            format!(
                "版头或落款处的 {} 张图片（发文机关标志、印章）未导入",
                g.dropped_images
            ),
            format!(
                "{} picture(s) in the banner or at the signature (banner, seal) were not imported",
                g.dropped_images
            ),
        ));
    }
}

fn unique_name(copies: &[(String, Vec<u8>)], name: &str) -> String {
    let taken = |n: &str| copies.iter().any(|(c, _)| c.eq_ignore_ascii_case(n));
    if !taken(name) {
        return name.to_string();
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|i| {
            if ext.is_empty() {
                format!("{stem}-{i}")
            } else {
                format!("{stem}-{i}.{ext}")
            }
        })
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// Text compared for pairing files with attachment titles.
fn key(s: &str) -> String {
    gongwen::compact(s)
        .chars()
        .filter(|c| !matches!(c, '《' | '》' | '“' | '”' | '"' | '\''))
        .collect()
}

/// A file beside the .docx named after an attachment: `附件1：名单.pdf`, `名单.xlsx`.
fn find_companion(companions: &[PathBuf], docx: &Path, title: &str) -> Option<PathBuf> {
    let want = key(title);
    if want.is_empty() {
        return None;
    }
    let mut fallback = None;
    for f in companions {
        if same_file(f, docx) {
            continue;
        }
        let stem = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let mut s = key(&stem);
        if let Some(rest) = s.strip_prefix("附件") {
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            s = rest
                .trim_start_matches(['：', ':', '.', '．', '、', '-', '_', '—'])
                .to_string();
        }
        if s == want {
            return Some(f.clone());
        }
        if fallback.is_none() && want.chars().count() >= 4 && s.contains(&want) {
            fallback = Some(f.clone());
        }
    }
    fallback
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || a.file_name() == b.file_name() && absolute(a) == absolute(b)
}

/// `通知.pdf` or `通知.ofd` beside `通知.docx`.
fn same_stem_original(companions: &[PathBuf], docx: &Path) -> Option<PathBuf> {
    let stem = docx.file_stem()?;
    companions
        .iter()
        .find(|f| f.file_stem() == Some(stem) && matches!(ext_of(f).as_str(), "pdf" | "ofd"))
        .cloned()
}

fn match_publisher<'c>(config: &'c SiteConfig, g: &Gongwen) -> Option<(&'c Publisher, Source)> {
    let mut candidates: Vec<(String, Source)> = Vec::new();
    if let Some(b) = &g.banner {
        let text = b.value.trim_end_matches("文件").to_string();
        candidates.push((text, b.source.clone()));
    }
    if let Some(s) = &g.signature {
        candidates.push((gongwen::compact(&s.value), s.source.clone()));
    }
    for (text, src) in candidates {
        // the organ named first (joint documents list the lead organ first), the
        // longest name at that place (…人民政府办公室 before …人民政府)
        let best = config
            .publishers
            .iter()
            .filter_map(|p| {
                let name = gongwen::compact(&p.name);
                text.find(&name)
                    .map(|pos| (pos, std::cmp::Reverse(name.len()), p))
            })
            .min_by_key(|(pos, len, _)| (*pos, *len));
        if let Some((_, _, p)) = best {
            let mut src = src;
            src.how_zh = format!("{}“{}”", src.how_zh, text);
            src.how_en = format!("{} \"{}\"", src.how_en, text);
            return Some((p, src));
        }
    }
    None
}

struct FrontMatter<'a> {
    source: &'a Path,
    title: &'a str,
    index_no: &'a str,
    publisher: &'a str,
    doc_type: Option<&'a str>,
    doc_no: Option<&'a str>,
    created: Option<NaiveDate>,
    disclosure: Disclosure,
    secrecy: Option<&'a str>,
    domain: Option<&'a str>,
    attachments: &'a [(String, String)],
}

impl FrontMatter<'_> {
    /// The text and the line of each key.
    fn render(&self) -> (String, BTreeMap<&'static str, usize>) {
        let mut lines: Vec<String> = vec!["---".into()];
        let mut at = BTreeMap::new();
        let source = self
            .source
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        lines.push(format!(
            "# 由 zwgk import 从 {} 导入：逐项核对，保密审查后填写 review，再删去 draft 一行",
            source.replace('\n', " ")
        ));
        lines.push("# imported by zwgk import: check every value; after the review fill in review, then delete the draft line".into());
        let mut push = |lines: &mut Vec<String>, key: &'static str, line: String| {
            lines.push(line);
            at.insert(key, lines.len());
        };
        push(
            &mut lines,
            "title",
            format!("title: {}", yaml_str(self.title)),
        );
        push(
            &mut lines,
            "index_no",
            format!("index_no: {}", self.index_no),
        );
        push(
            &mut lines,
            "publisher",
            format!("publisher: {}", self.publisher),
        );
        push(
            &mut lines,
            "doc_type",
            format!("doc_type: {}", self.doc_type.unwrap_or_default()),
        );
        push(
            &mut lines,
            "doc_no",
            format!("doc_no: {}", self.doc_no.map(yaml_str).unwrap_or_default()),
        );
        push(
            &mut lines,
            "created",
            format!(
                "created: {}",
                self.created.map(|d| d.to_string()).unwrap_or_default()
            ),
        );
        if self.disclosure == Disclosure::Active {
            push(
                &mut lines,
                "published",
                "published:            # 发布日期：发布时填写 / fill in when publishing".into(),
            );
        }
        push(
            &mut lines,
            "category",
            "category: 执行公开     # 五公开：文件中没有，请核对 / not in the file: check it"
                .into(),
        );
        if let Some(d) = self.domain {
            push(&mut lines, "domain", format!("domain: {d}"));
        }
        push(
            &mut lines,
            "disclosure",
            format!("disclosure: {}", self.disclosure.zh()),
        );
        match (self.disclosure, self.secrecy) {
            (Disclosure::Active, _) => {
                push(&mut lines, "review", "review:".into());
                lines.push("  reviewer: ".into());
                lines.push("  date: ".into());
                lines.push("  conclusion: ".into());
            }
            (_, Some(mark)) => {
                push(
                    &mut lines,
                    "withheld_reason",
                    format!(
                        "withheld_reason: {}",
                        yaml_str(&format!("文件标有密级“{mark}”，属于国家秘密"))
                    ),
                );
                push(
                    &mut lines,
                    "withheld_basis",
                    "withheld_basis: 《中华人民共和国政府信息公开条例》第十四条".into(),
                );
            }
            (_, None) => {
                push(
                    &mut lines,
                    "withheld_reason",
                    "withheld_reason:       # 不公开理由：请填写 / the reason: fill it in".into(),
                );
                push(
                    &mut lines,
                    "withheld_basis",
                    "withheld_basis:        # 不公开依据：请填写 / the legal basis: fill it in"
                        .into(),
                );
            }
        }
        if !self.attachments.is_empty() {
            push(&mut lines, "attachments", "attachments:".into());
            for (title, file) in self.attachments {
                lines.push(format!("  - title: {}", yaml_str(title)));
                lines.push(format!("    file: {}", yaml_str(file)));
            }
        }
        push(&mut lines, "draft", "draft: true".into());
        lines.push("---".into());
        let mut s = lines.join("\n");
        s.push('\n');
        (s, at)
    }
}

/// A one-line YAML string: plain when that reads back as the same text, else quoted.
pub fn yaml_str(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let plain = !s.is_empty()
        && !s.contains([
            ':', '#', '"', '\'', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
            '\\',
        ])
        && !s.starts_with(['-', '?', ' ', '~'])
        && !s.ends_with(' ')
        && !s.chars().all(|c| {
            c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'
        })
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        )
        && !s.chars().any(|c| c.is_control());
    if plain {
        s
    } else {
        serde_json::to_string(&s).unwrap_or_default()
    }
}

/// Writes the files of one draft: the folder beside it first, the draft last,
/// each created new (never over an existing file). On any failure, removes what
/// it created. Returns the paths written.
fn write_draft(
    md: &Path,
    files_dir: &Path,
    text: &str,
    copies: &[(String, Vec<u8>)],
) -> io::Result<Vec<PathBuf>> {
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut created_files: Vec<PathBuf> = Vec::new();
    let result = (|| -> io::Result<()> {
        if md.exists() || fs::symlink_metadata(md).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the file exists",
            ));
        }
        if !copies.is_empty() && fs::symlink_metadata(files_dir).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists", display_path(files_dir)),
            ));
        }
        // the folder and any missing parents
        if let Some(parent) = md.parent() {
            let mut missing = Vec::new();
            let mut p = parent.to_path_buf();
            while !p.as_os_str().is_empty() && fs::symlink_metadata(&p).is_err() {
                missing.push(p.clone());
                if !p.pop() {
                    break;
                }
            }
            for d in missing.into_iter().rev() {
                fs::create_dir(&d)?;
                created_dirs.push(d);
            }
        }
        if !copies.is_empty() {
            fs::create_dir(files_dir)?;
            created_dirs.push(files_dir.to_path_buf());
            for (name, bytes) in copies {
                let p = files_dir.join(name);
                let mut f = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&p)?;
                created_files.push(p);
                f.write_all(bytes)?;
                f.sync_all()?;
            }
        }
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(md)?;
        created_files.push(md.to_path_buf());
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        Ok(())
    })();
    match result {
        Ok(()) => Ok(created_files),
        Err(e) => {
            for f in created_files.iter().rev() {
                let _ = fs::remove_file(f);
            }
            for d in created_dirs.iter().rev() {
                let _ = fs::remove_dir(d);
            }
            Err(e)
        }
    }
}

/// The lines `zwgk import` prints for one imported file.
pub fn describe(i: &Imported) -> String {
    let mut s = format!(
        "已导入 imported {} → {}\n",
        display_path(&i.source),
        display_path(&i.draft)
    );
    for g in &i.guesses {
        s.push_str(&format!(
            "  {} {}: {}  ← {} / {}\n",
            g.label_zh, g.label_en, g.value, g.from_zh, g.from_en
        ));
    }
    for f in &i.files {
        s.push_str(&format!("  写出 wrote {}\n", display_path(f)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_read_back() {
        assert_eq!(yaml_str("关于做好工作的通知"), "关于做好工作的通知");
        assert_eq!(yaml_str("a: b"), "\"a: b\"");
        assert_eq!(yaml_str("2025"), "\"2025\"");
        assert_eq!(yaml_str("yes"), "\"yes\"");
        assert_eq!(yaml_str("示政〔2025〕3号"), "示政〔2025〕3号");
        assert_eq!(yaml_str("-x"), "\"-x\"");
    }

    #[test]
    fn existing_numbers_and_doc_nos() {
        let mut e = Existing {
            sequences: BTreeMap::new(),
            doc_nos: BTreeMap::new(),
        };
        e.read(
            "---\ntitle: x\nindex_no: 005283492/2025-00012\ndoc_no: 示政〔2025〕3号\n---\n见 005283492/2025-00040。\n",
            Path::new("a.md"),
        );
        assert_eq!(e.next(&BTreeMap::new(), "005283492", 2025), 41);
        assert_eq!(e.next(&BTreeMap::new(), "005283492", 2026), 1);
        assert!(e.doc_nos.contains_key("示政〔2025〕3号"));
        let mut reserved = BTreeMap::new();
        reserved.insert(("005283492".to_string(), 2025), 41);
        assert_eq!(e.next(&reserved, "005283492", 2025), 42);
    }

    #[test]
    fn refusals_of_other_kinds() {
        assert_eq!(convert(b"", "x").unwrap_err(), Refusal::Empty);
        assert_eq!(
            convert(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2], "x").unwrap_err(),
            Refusal::Legacy
        );
        assert_eq!(
            convert(b"%PDF-1.4", "x").unwrap_err(),
            Refusal::PdfOrOfd("PDF")
        );
        assert!(matches!(
            convert(b"PK\x03\x04junk", "x").unwrap_err(),
            Refusal::Damaged(_)
        ));
        assert!(matches!(
            convert(b"hello", "x").unwrap_err(),
            Refusal::NotDocx(_)
        ));
    }
}
