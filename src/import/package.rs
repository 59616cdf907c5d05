//! The .docx package: a zip of XML parts, read within fixed bounds.
//!
//! Nothing here trusts the file: the archive's entry count, each entry's size
//! after decompression and the total decompressed are bounded (a zip bomb stops
//! at the bound, whatever sizes the headers claim), parts are found by name
//! inside the archive only, and every failure is an [`PackageError`] instead of
//! a panic.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Largest .docx accepted, in bytes (a 公文 with photographs is a few MB).
pub const MAX_FILE: u64 = 200 * 1024 * 1024;
/// Largest XML part after decompression.
pub const MAX_XML_PART: u64 = 32 * 1024 * 1024;
/// Largest image after decompression.
pub const MAX_MEDIA: u64 = 50 * 1024 * 1024;
/// Most bytes decompressed from one file altogether.
pub const MAX_TOTAL: u64 = 400 * 1024 * 1024;
/// Most entries in the archive.
pub const MAX_ENTRIES: usize = 20_000;

/// What kind of file the bytes are, by their content (not their name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip: possibly a .docx (decided when its parts are read).
    Zip,
    /// OLE2 compound file: .doc, .wps, .et, or a password-protected .docx.
    Ole2,
    Pdf,
    Rtf,
    Empty,
    Other,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        Sniffed::Empty
    } else if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Sniffed::Ole2
    } else if bytes.starts_with(b"%PDF") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        Sniffed::Rtf
    } else {
        Sniffed::Other
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// Not a zip archive at all, or one whose directory cannot be read.
    NotZip(String),
    /// A zip, but an entry is damaged, encrypted or compressed in a way not supported.
    Damaged(String),
    /// An entry, or all of them together, over the bounds.
    TooLarge { part: String, limit: u64 },
    /// A zip without the part asked for.
    Missing(String),
}

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackageError::NotZip(e) => write!(f, "not a zip archive: {e}"),
            PackageError::Damaged(e) => write!(f, "damaged: {e}"),
            PackageError::TooLarge { part, limit } => {
                write!(f, "{part} is larger than {} MB", limit / 1024 / 1024)
            }
            PackageError::Missing(p) => write!(f, "no part {p}"),
        }
    }
}

/// An opened archive: entries by lower-case name, read on demand within the bounds.
pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name (OOXML part names ignore case) → entry index.
    names: BTreeMap<String, usize>,
    /// Bytes decompressed so far.
    spent: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, PackageError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| PackageError::NotZip(e.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(PackageError::TooLarge {
                part: format!("{} entries", archive.len()),
                limit: MAX_ENTRIES as u64,
            });
        }
        let mut names = BTreeMap::new();
        for (i, raw) in archive.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(raw).to_lowercase();
            let name = name.trim_start_matches('/').to_string();
            names.entry(name).or_insert(i);
        }
        Ok(Package {
            archive,
            names,
            spent: 0,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// The names of the entries, lower-cased.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// The bytes of one entry, at most `limit` of them.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Vec<u8>, PackageError> {
        let Some(&index) = self.names.get(&name.to_lowercase()) else {
            return Err(PackageError::Missing(name.to_string()));
        };
        let left = MAX_TOTAL.saturating_sub(self.spent);
        let limit = limit.min(left);
        let mut file = self
            .archive
            .by_index(index)
            .map_err(|e| PackageError::Damaged(format!("{name}: {e}")))?;
        if file.is_dir() {
            return Err(PackageError::Missing(name.to_string()));
        }
        let too_large = || PackageError::TooLarge {
            part: name.to_string(),
            limit,
        };
        if file.size() > limit {
            return Err(too_large());
        }
        let mut buf = Vec::with_capacity(file.size().min(limit).min(1 << 24) as usize);
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| PackageError::Damaged(format!("{name}: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(too_large());
        }
        self.spent += buf.len() as u64;
        Ok(buf)
    }

    /// An XML part as text (UTF-8, without a byte-order mark).
    pub fn read_xml(&mut self, name: &str) -> Result<String, PackageError> {
        let bytes = self.read(name, MAX_XML_PART)?;
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                // UTF-16 parts are allowed by the standard though no suite writes them.
                let b = e.into_bytes();
                match encoding_rs::Encoding::for_bom(&b) {
                    Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
                        let (s, _, bad) = enc.decode(&b[bom..]);
                        if bad {
                            return Err(PackageError::Damaged(format!("{name}: not UTF-8")));
                        }
                        s.into_owned()
                    }
                    _ => return Err(PackageError::Damaged(format!("{name}: not UTF-8"))),
                }
            }
        };
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }

    /// An XML part when it exists; `None` when it does not.
    pub fn read_xml_opt(&mut self, name: &str) -> Result<Option<String>, PackageError> {
        match self.read_xml(name) {
            Ok(t) => Ok(Some(t)),
            Err(PackageError::Missing(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Resolves a relationship target against the folder of its source part, inside
/// the package: `media/a.png` from `word/document.xml` is `word/media/a.png`;
/// `/word/x` is absolute; `..` never climbs above the package root.
pub fn resolve_target(source_part: &str, target: &str) -> Option<String> {
    let target = percent_decode(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        let dir = source_part.rsplit_once('/').map_or("", |(d, _)| d);
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}

fn percent_decode(s: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_stay_in_the_package() {
        assert_eq!(
            resolve_target("word/document.xml", "media/image1.png").as_deref(),
            Some("word/media/image1.png")
        );
        assert_eq!(
            resolve_target("word/document.xml", "../customXml/item1.xml").as_deref(),
            Some("customXml/item1.xml")
        );
        assert_eq!(
            resolve_target("word/document.xml", "/word/media/a.png").as_deref(),
            Some("word/media/a.png")
        );
        assert_eq!(
            resolve_target("word/document.xml", "../../../etc/passwd"),
            None
        );
        assert_eq!(
            resolve_target("word/document.xml", "media/%E5%9B%BE.png").as_deref(),
            Some("word/media/图.png")
        );
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]), Sniffed::Ole2);
        assert_eq!(sniff(b"%PDF-1.7"), Sniffed::Pdf);
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b"hello"), Sniffed::Other);
    }

    #[test]
    fn garbage_is_not_a_zip() {
        assert!(matches!(
            Package::open(b"PK\x03\x04 truncated"),
            Err(PackageError::NotZip(_))
        ));
    }
}
