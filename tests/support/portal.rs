//! The example portal of the repository, built into a temporary folder, and
//! the search expectations derived from its content (the "done when").

use std::path::{Path, PathBuf};
use zwgk::build::{self, BuildOptions};

pub const TODAY: &str = "2026-11-22";
/// Sub-path the portal is served under in browser tests.
pub const PREFIX: &str = "/xxgk/";

pub struct Portal {
    _dir: tempfile::TempDir,
    /// The built site (the folder served as `PREFIX`).
    pub out: PathBuf,
    /// Published documents: (index_no, title, doc_no).
    pub docs: Vec<(String, String, Option<String>)>,
    /// Titles of documents that were not published.
    pub withheld_titles: Vec<String>,
    /// Every `WITHHELD-MARKER-n` and `DRAFT-MARKER-n` string in the content.
    pub markers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The document is among the first three results.
    Top3,
    /// The document is among the results.
    Found,
}

/// A query and the document (index_no) it must find.
#[derive(Debug, Clone)]
pub struct Expectation {
    pub query: String,
    pub index_no: String,
    pub want: Want,
}

impl Expectation {
    /// `None` if `found` (index numbers, best first) meets the expectation, else why not.
    pub fn check(&self, found: &[String]) -> Option<String> {
        let ok = match self.want {
            Want::Top3 => found.iter().take(3).any(|i| *i == self.index_no),
            Want::Found => found.contains(&self.index_no),
        };
        (!ok).then(|| {
            let first = &found[..found.len().min(5)];
            format!(
                "{:?} {:?} should find {} (got {first:?})",
                self.want, self.query, self.index_no
            )
        })
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Portal {
    pub fn build() -> Portal {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("xxgk");
        let today = zwgk::util::dates::parse_date(TODAY).ok().expect("a date");
        let mut opts = BuildOptions::new(repo());
        opts.output = Some(out.clone());
        opts.today = today;
        build::build(&opts).unwrap_or_else(|e| panic!("the example portal builds: {e}"));

        let (loaded, _) = build::Session::new(&repo(), false)
            .check(today)
            .expect("the example loads");
        let all: Vec<(String, String)> = loaded
            .documents
            .iter()
            .map(|d| (d.index_no.clone(), d.title.clone()))
            .collect();
        let site = zwgk::publish::publish(loaded, today, false, None);
        let docs: Vec<(String, String, Option<String>)> = site
            .docs
            .iter()
            .map(|d| (d.index_no.clone(), d.title.clone(), d.doc_no.clone()))
            .collect();
        let withheld_titles = all
            .into_iter()
            .filter(|(i, _)| !docs.iter().any(|d| &d.0 == i))
            .map(|(_, t)| t)
            .collect();
        Portal {
            _dir: dir,
            out,
            docs,
            withheld_titles,
            markers: markers(&repo().join("content")),
        }
    }

    /// For every published document: its full title (top 3), every pair of
    /// adjacent ideographs of its title, its doc_no, its index_no and the
    /// number part of its doc_no (found).
    pub fn expectations(&self) -> Vec<Expectation> {
        let mut out = Vec::new();
        for (index_no, title, doc_no) in &self.docs {
            let mut push = |query: String, want: Want| {
                out.push(Expectation {
                    query,
                    index_no: index_no.clone(),
                    want,
                })
            };
            push(title.clone(), Want::Top3);
            for word in title_words(title) {
                push(word, Want::Found);
            }
            push(index_no.clone(), Want::Found);
            if let Some(no) = doc_no {
                push(no.clone(), Want::Found);
                if let Some(number) = number_part(no) {
                    push(number, Want::Found);
                }
            }
        }
        out
    }

    /// Every search file, with its output-relative path.
    pub fn search_files(&self) -> Vec<(String, Vec<u8>)> {
        walkdir::WalkDir::new(self.out.join("search"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "js"))
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(&self.out)
                        .unwrap()
                        .display()
                        .to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }
}

/// Each pair of adjacent ideographs within the title's runs of ideographs.
pub fn title_words(title: &str) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    chars
        .windows(2)
        .filter(|w| {
            w.iter()
                .all(|&c| zwgk::datafiles::search::tokenize::is_cjk(c))
        })
        .map(|w| w.iter().collect())
        .collect()
}

/// `12号` of `上政办〔2018〕12号`: the digits before the final 号.
pub fn number_part(doc_no: &str) -> Option<String> {
    let head = doc_no.strip_suffix('号')?;
    let digits: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (!digits.is_empty()).then(|| format!("{}号", digits.chars().rev().collect::<String>()))
}

/// Every `WITHHELD-MARKER-n` and `DRAFT-MARKER-n` string in the files under `content`.
pub fn markers(content: &Path) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        for kind in ["WITHHELD-MARKER-", "DRAFT-MARKER-"] {
            for (at, _) in text.match_indices(kind) {
                let digits: String = text[at + kind.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if !digits.is_empty() {
                    found.insert(format!("{kind}{digits}"));
                }
            }
        }
    }
    found.into_iter().collect()
}
