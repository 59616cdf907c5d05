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
//! The manifest is removed before the swap and written after it, so it never
//! describes an output other than the one in place; a manifest that is missing,
//! unreadable, cut short or of another key means a full render.

use crate::output::Stamp;
use crate::publish::site::Site;
use crate::util::fingerprint::hash_of;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

const HEADER: &str = "zwgk-pages 1";

/// Pages of an output by output path: the fingerprint each was made from, and its file.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Manifest {
    /// [`shared_key`] of the build that made them.
    pub shared: u128,
    pub pages: HashMap<String, (u128, Stamp)>,
}

/// What every page is made from besides its own fingerprint, and what a page's bytes
/// may depend on beyond it: zwgk itself (its version, and its binary, so that a
/// rebuilt zwgk renders everything), site.toml, every template's source, preview.
/// `None` when zwgk's binary cannot be identified: then nothing is taken over.
pub(super) fn shared_key(site: &Site, templates: u128, preview: bool) -> Option<u128> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let exe = (exe.len(), exe.modified().ok()?);
    Some(hash_of(&(
        HEADER,
        env!("CARGO_PKG_VERSION"),
        exe,
        // Not the site's folder: `-C site` and `-C /abs/site` make the same pages.
        &site.config,
        templates,
        preview,
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
    for line in lines {
        if let Some(count) = line.strip_prefix("end ") {
            // Written last: a manifest cut short has no end line.
            return (count.parse::<usize>().ok()? == pages.len())
                .then_some(Manifest { shared, pages });
        }
        let mut f = line.splitn(6, ' ');
        let fingerprint = u128::from_str_radix(f.next()?, 16).ok()?;
        let stamp = Stamp {
            len: f.next()?.parse().ok()?,
            mtime_ns: f.next()?.parse().ok()?,
            dev: f.next()?.parse().ok()?,
            ino: f.next()?.parse().ok()?,
        };
        let output = f.next()?;
        if output.is_empty()
            || pages
                .insert(output.to_string(), (fingerprint, stamp))
                .is_some()
        {
            return None;
        }
    }
    None
}

fn text(manifest: &Manifest) -> String {
    let mut out = format!("{HEADER} {:032x}\n", manifest.shared);
    let mut pages: Vec<_> = manifest.pages.iter().collect();
    pages.sort_by(|a, b| a.0.cmp(b.0));
    for (output, (fingerprint, s)) in &pages {
        let _ = writeln!(
            out,
            "{fingerprint:032x} {} {} {} {} {output}",
            s.len, s.mtime_ns, s.dev, s.ino
        );
    }
    let _ = write!(out, "end {}", pages.len());
    out
}

/// Writes the manifest at `path` whole or not at all (a new file renamed over it).
/// Output paths with a line break are left out (such a page is rendered next time).
/// `tmp` is where it is written first.
pub(super) fn write(path: &Path, tmp: &Path, mut manifest: Manifest) -> io::Result<()> {
    manifest
        .pages
        .retain(|output, _| !output.contains(['\n', '\r']));
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
        Manifest {
            shared: u128::MAX - 3,
            pages,
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.zwgk-pages");
        write(&path, &tmp.path().join("scratch"), sample()).unwrap();
        assert_eq!(read(&path), Some(sample()));
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
            ("zwgk-pages 1", "zwgk-pages 2"),
            ("end 2", "end 3"),
            (" 1001 ", " x "),
            ("index.html\n", "index.html\nrubbish\n"),
        ] {
            assert_eq!(parse(&whole.replacen(from, to, 1)), None, "{from} → {to}");
        }
        assert_eq!(parse(""), None);
        assert_eq!(parse("\u{0}\u{1}garbage"), None);
    }
}
