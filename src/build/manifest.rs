//! The page manifest (issue 20): what `zwgk build` remembers between runs so that a
//! rebuild renders only the pages whose inputs changed.
//!
//! Beside the output folder (`.<target>.zwgk-pages`, never inside it: it is not
//! published) it records, for every page of the output, the fingerprint of what the
//! page was made from (its whole context, the site-wide data and its templates, as
//! `serve` hashes them: `pages.rs`, except that a document's body stands in it by a
//! key of all it is rendered from, [`crate::markdown::Memo::keys`], so that the
//! fingerprint costs no Markdown) and the [`Stamp`] of the file written for it. A
//! rebuild whose shared key matches (zwgk's version and binary, site.toml, every
//! template, preview or not) takes a page over without rendering it only when its
//! fingerprint is the same and the output still holds that very file (same size,
//! modification time, device and inode); anything else renders it. A page no longer
//! planned (a document withheld or removed) is not produced, so the output loses it as
//! before (`output::Staging`).
//!
//! It also records the data files (search index, feeds, open data: `datafiles`) with
//! the [`data_key`] of everything they are made from and the [`Stamp`] of each. When
//! a rebuild's data key is the same and the output still holds every one of those
//! files as stamped, they are all kept without being made; else they are all made.
//!
//! The manifest is removed before the swap and written after it, so it never
//! describes an output other than the one in place; a manifest that is missing,
//! unreadable, cut short or of another key means a full render.

use crate::output::Stamp;
use crate::plan::Plan;
use crate::publish::site::Site;
use crate::util::fingerprint::{hash_of, hash_of_text};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

const HEADER: &str = "zwgk-pages 2";

/// Pages of an output by output path: the fingerprint each was made from, and its file.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Manifest {
    /// [`shared_key`] of the build that made them.
    pub shared: u128,
    pub pages: HashMap<String, (u128, Stamp)>,
    /// The data files, all of them, with the [`data_key`] they were made from.
    pub data: Option<DataFiles>,
}

/// Every data file of an output and what they were made from.
#[derive(Debug, Default, PartialEq)]
pub(super) struct DataFiles {
    /// [`data_key`] of the build that made them.
    pub key: u128,
    pub files: HashMap<String, Stamp>,
}

/// What every page is made from besides its own fingerprint, and what a page's bytes
/// may depend on beyond it: zwgk itself (its version, and its binary, so that a
/// rebuilt zwgk renders everything), site.toml, every template's source, preview.
/// `None` when zwgk's binary cannot be identified: then nothing is taken over.
pub(super) fn shared_key(site: &Site, templates: u128, preview: bool) -> Option<u128> {
    Some(hash_of(&(
        zwgk_itself()?,
        // Not the site's folder: `-C site` and `-C /abs/site` make the same pages.
        &site.config,
        templates,
        preview,
    )))
}

/// zwgk's version and its binary (size, modification time); `None` when the binary
/// cannot be identified.
fn zwgk_itself() -> Option<(&'static str, &'static str, u64, std::time::SystemTime)> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    Some((
        HEADER,
        env!("CARGO_PKG_VERSION"),
        exe.len(),
        exe.modified().ok()?,
    ))
}

/// Everything the data files (`datafiles::data_files`) may be made from: zwgk itself,
/// every field of the published site (every published document's metadata and body,
/// site.toml, the day the site is built for, on which validity and statuses depend,
/// and all that is derived from them) and the plan (the sitemap lists its pages). A
/// document withheld, added, edited or renamed, or a day that changes a status,
/// changes it. Every field of [`Site`] is named, so a field added to it must be
/// considered here. `None` when zwgk's binary cannot be identified: then the data
/// files are always made.
pub(super) fn data_key(site: &Site, plan: &Plan) -> Option<u128> {
    let Site {
        // Data files show paths inside the site only; `-C` may name it either way.
        root: _,
        config,
        domains,
        docs,
        summaries,
        listed,
        stats,
        special_pages,
        by_index,
        by_file,
        interpretations,
        today,
        status,
        relations,
        views,
        reports,
        organs,
        organ_files,
    } = site;
    // Bodies are not serialised with their documents (nor the lines, which only
    // diagnostics use): hashed beside them.
    let bodies: Vec<u128> = docs.iter().map(|d| d.body.hash()).collect();
    // What is not `Serialize` by its debug text, which shows every value; maps
    // with no order sorted first.
    let by_index: BTreeMap<_, _> = by_index.iter().collect();
    let by_file: BTreeMap<_, _> = by_file.iter().collect();
    let interpretations: BTreeMap<_, _> = interpretations.iter().collect();
    let relations: BTreeMap<_, _> = relations.iter().collect();
    // Hashed as it is written: as one string, hundreds of megabytes at 100k documents.
    let derived = hash_of_text(format_args!(
        "{listed:?}{by_index:?}{by_file:?}{interpretations:?}{relations:?}{views:?}\
         {reports:?}{organ_files:?}{:?}{:?}",
        plan.pages, plan.copies
    ));
    Some(hash_of(&(
        zwgk_itself()?,
        config,
        domains,
        docs,
        bodies,
        summaries,
        stats,
        special_pages,
        today,
        status,
        organs,
        derived,
    )))
}

/// Where the links of a document's body may lead: every published document's file
/// and page (`render::document::resolve_link` reads no more of the site).
pub(super) fn links_key(site: &Site) -> u128 {
    let pages: Vec<(&str, String)> = site
        .docs
        .iter()
        .map(|d| (d.file.as_str(), crate::model::urls::doc_path(d)))
        .collect();
    hash_of(&pages)
}

/// The manifest at `path`; `None` when it is missing or not wholly readable.
pub(super) fn read(path: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(path).ok()?;
    parse(&text)
}

fn parse(text: &str) -> Option<Manifest> {
    let mut lines = text.split('\n');
    let shared = lines.next()?.strip_prefix(HEADER)?.strip_prefix(' ')?;
    let shared = u128::from_str_radix(shared, 16).ok()?;
    let mut pages = HashMap::new();
    // The data key's line comes right after the header, if any.
    let mut data: Option<DataFiles> = None;
    for line in lines {
        if let Some(count) = line.strip_prefix("end ") {
            // Written last: a manifest cut short has no end line.
            let files = data.as_ref().map_or(0, |d| d.files.len());
            return (count.parse::<usize>().ok()? == pages.len() + files).then_some(Manifest {
                shared,
                pages,
                data,
            });
        }
        if let Some(key) = line.strip_prefix("data ") {
            if data.is_some() || !pages.is_empty() {
                return None;
            }
            data = Some(DataFiles {
                key: u128::from_str_radix(key, 16).ok()?,
                files: HashMap::new(),
            });
            continue;
        }
        let is_data = line.starts_with("d ");
        let mut f = line.splitn(6, ' ');
        let fingerprint = f.next()?;
        let stamp = Stamp {
            len: f.next()?.parse().ok()?,
            mtime_ns: f.next()?.parse().ok()?,
            dev: f.next()?.parse().ok()?,
            ino: f.next()?.parse().ok()?,
        };
        let output = f.next()?;
        if output.is_empty() || pages.contains_key(output) {
            return None;
        }
        if is_data {
            let files = &mut data.as_mut()?.files;
            if files.insert(output.to_string(), stamp).is_some() {
                return None;
            }
        } else {
            let fingerprint = u128::from_str_radix(fingerprint, 16).ok()?;
            if data.as_ref().is_some_and(|d| d.files.contains_key(output)) {
                return None;
            }
            pages.insert(output.to_string(), (fingerprint, stamp));
        }
    }
    None
}

fn text(manifest: &Manifest) -> String {
    let mut out = format!("{HEADER} {:032x}\n", manifest.shared);
    let mut files = 0;
    if let Some(data) = &manifest.data {
        let _ = writeln!(out, "data {:032x}", data.key);
        let mut sorted: Vec<_> = data.files.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (output, s) in sorted {
            let _ = writeln!(
                out,
                "d {} {} {} {} {output}",
                s.len, s.mtime_ns, s.dev, s.ino
            );
        }
        files = data.files.len();
    }
    let mut pages: Vec<_> = manifest.pages.iter().collect();
    pages.sort_by(|a, b| a.0.cmp(b.0));
    for (output, (fingerprint, s)) in &pages {
        let _ = writeln!(
            out,
            "{fingerprint:032x} {} {} {} {} {output}",
            s.len, s.mtime_ns, s.dev, s.ino
        );
    }
    let _ = write!(out, "end {}", pages.len() + files);
    out
}

/// Writes the manifest at `path` whole or not at all (a new file renamed over it).
/// Output paths with a line break are left out (such a page is rendered next time;
/// with such a data file, the data files are all made next time). `tmp` is where it
/// is written first.
pub(super) fn write(path: &Path, tmp: &Path, mut manifest: Manifest) -> io::Result<()> {
    let broken = |output: &String| output.contains(['\n', '\r']);
    manifest.pages.retain(|output, _| !broken(output));
    if let Some(data) = &manifest.data {
        if data.files.keys().any(broken) {
            manifest.data = None;
        }
    }
    std::fs::write(tmp, text(&manifest))?;
    std::fs::rename(tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(tmp);
    })
}

/// Removes the manifest at `path`, if any: done before the output is swapped.
pub(super) fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let stamp = |n| Stamp {
            len: n,
            mtime_ns: 1_700_000_000_123_456_789,
            dev: 2049,
            ino: 1000 + n,
        };
        let mut pages = HashMap::new();
        pages.insert("index.html".to_string(), (7u128 << 100, stamp(1)));
        pages.insert("docs/a b/index.html".to_string(), (42, stamp(2)));
        let mut files = HashMap::new();
        files.insert("search/index.json".to_string(), stamp(3));
        files.insert("open data/a.csv".to_string(), stamp(4));
        Manifest {
            shared: u128::MAX - 3,
            pages,
            data: Some(DataFiles { key: 99, files }),
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.zwgk-pages");
        write(&path, &tmp.path().join("scratch"), sample()).unwrap();
        assert_eq!(read(&path), Some(sample()));
        let without_data = Manifest {
            data: None,
            ..sample()
        };
        write(&path, &tmp.path().join("scratch"), without_data).unwrap();
        assert_eq!(read(&path).unwrap().data, None);
        // A data file that cannot be listed: no data file is listed.
        let mut odd = sample();
        let data = odd.data.as_mut().unwrap();
        data.files
            .insert("a\nb".into(), data.files["search/index.json"]);
        write(&path, &tmp.path().join("scratch"), odd).unwrap();
        assert_eq!(read(&path).unwrap().data, None);
        remove(&path).unwrap();
        assert_eq!(read(&path), None);
        remove(&path).unwrap();
    }

    #[test]
    fn a_damaged_manifest_is_no_manifest() {
        let whole = text(&sample());
        assert!(parse(&whole).is_some());
        // Cut short anywhere, or any line spoilt: not read at all.
        for cut in 0..whole.len() {
            if whole.is_char_boundary(cut) {
                assert_eq!(parse(&whole[..cut]), None, "cut at {cut}");
            }
        }
        for (from, to) in [
            ("zwgk-pages 2", "zwgk-pages 1"),
            ("end 4", "end 3"),
            ("end 4", "end 2"),
            ("data 000", "data x00"),
            ("d 3 ", "d x "),
            (" 1001 ", " x "),
            ("index.html\n", "index.html\nrubbish\n"),
        ] {
            assert_eq!(parse(&whole.replacen(from, to, 1)), None, "{from} → {to}");
        }
        assert_eq!(parse(""), None);
        assert_eq!(parse("\u{0}\u{1}garbage"), None);
    }
}
