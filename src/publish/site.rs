//! The published site: what planning and rendering work from.
//!
//! Built from the documents that passed `publish::select`; nothing withheld is
//! here, only the counts in `stats`.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::model::document::{body_hash, Body, Document};
use crate::model::publication::Stats;
use crate::model::taxonomy::Validity;
use crate::model::taxonomy::{Category, Domain};
use crate::publish::catalogue::{self, View};
use crate::publish::lifecycle::Relations;
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub domains: BTreeMap<String, Domain>,
    /// Published documents, newest first.
    pub docs: Vec<Arc<Document>>,
    /// Summary shown in listings, per document (front matter or start of body);
    /// shared with `serve`'s cache of parsed documents, not copied on every save.
    pub summaries: Vec<Arc<str>>,
    /// Per document, the text of its listing row that is computed: made once here,
    /// borrowed by every listing that shows it.
    pub listed: Vec<Listed>,
    pub stats: Stats,
    pub special_pages: BTreeMap<String, String>,
    /// index_no → position in `docs`.
    pub by_index: FxHashMap<String, usize>,
    /// Site-relative source path → position in `docs`, for Markdown links between documents.
    pub by_file: FxHashMap<String, usize>,
    /// Policy position → positions of its interpretations, oldest first.
    pub interpretations: FxHashMap<usize, Vec<usize>>,
    /// The day the site is built for: statuses are computed for it.
    pub today: NaiveDate,
    /// Per document, its validity on `today` (`model::lifecycle::status`).
    pub status: Vec<Validity>,
    /// Links between published documents over time (repeals, amendments,
    /// consultations), for the documents that have any.
    pub relations: FxHashMap<usize, Relations>,
    /// Catalogue views and their members, newest first.
    pub views: BTreeMap<View, Vec<usize>>,
    /// Annual reports by year (their figures only; documents are counted at render time).
    pub reports: BTreeMap<i32, crate::load::reports::ReportData>,
    /// The organs, each with its own column; none when site.toml describes none.
    pub organs: Vec<crate::publish::organs::Organ>,
    /// Each organ's own files (profile, guide, reports), by key.
    pub organ_files: BTreeMap<String, crate::load::organs::OrganFiles>,
}

impl Site {
    /// The site of the published `docs`; `summary` gives each document's listing
    /// summary (`serve` passes one that remembers them between rebuilds); statuses
    /// are computed for `today`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: PathBuf,
        config: SiteConfig,
        domains: BTreeMap<String, Domain>,
        docs: Vec<Arc<Document>>,
        stats: Stats,
        special_pages: BTreeMap<String, String>,
        summaries: Vec<Arc<str>>,
        today: NaiveDate,
    ) -> Site {
        let organs = crate::publish::organs::Organ::all(&config);
        let keys: Vec<&str> = organs.iter().map(|o| o.key.as_str()).collect();
        // Independent of one another: made side by side.
        let ((listed, by_file), (by_index, lifecycles, views)) = rayon::join(
            || {
                let listed = docs.par_iter().map(|d| Listed::of(d)).collect();
                let by_file: FxHashMap<String, usize> = docs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.file.clone(), i))
                    .collect();
                (listed, by_file)
            },
            || {
                let by_index: FxHashMap<String, usize> = docs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.index_no.clone(), i))
                    .collect();
                let lifecycles = crate::publish::lifecycle::compute(&docs, &by_index, today);
                let views = catalogue::views(&docs, &lifecycles.status, &keys);
                (by_index, lifecycles, views)
            },
        );
        let mut site = Site {
            root,
            config,
            domains,
            docs,
            summaries,
            listed,
            stats,
            special_pages,
            by_index,
            by_file,
            interpretations: FxHashMap::default(),
            today,
            status: lifecycles.status,
            relations: lifecycles.relations,
            views,
            reports: BTreeMap::new(),
            organs,
            organ_files: BTreeMap::new(),
        };
        site.link_interpretations();
        site
    }

    fn link_interpretations(&mut self) {
        let mut map: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (i, d) in self.docs.iter().enumerate() {
            if let Some(&target) = d.interprets.as_ref().and_then(|t| self.by_index.get(t)) {
                map.entry(target).or_default().push(i);
            }
        }
        for v in map.values_mut() {
            v.sort_by(|a, b| b.cmp(a)); // docs are newest first; list oldest first
        }
        self.interpretations = map;
    }

    /// The body of document `i`: in memory, or read again from its file when
    /// [`Site::leave_bodies_in_files`] left it there (`source/changed-during-build` if
    /// the file no longer holds the text that was loaded).
    pub fn body(&self, i: usize) -> Result<Cow<'_, str>, Diagnostics> {
        let d = &self.docs[i];
        match &d.body {
            Body::Text(text) => Ok(Cow::Borrowed(text)),
            Body::InFile { hash } => {
                crate::load::read_body(&self.root, Path::new(&d.file), *hash).map(Cow::Owned)
            }
        }
    }

    /// Leaves every body in its file when all of them together are larger than
    /// `limit` bytes (see [`Body`]): memory then holds one body per thread at a time,
    /// not every body of the site. Only `build` does it, whose documents are its own;
    /// a document shared with a cache (`serve`) keeps its body. Returns how many
    /// bodies are in their files.
    pub fn leave_bodies_in_files(&mut self, limit: usize) -> usize {
        let total: usize = self.docs.iter().map(|d| d.body.as_str().len()).sum();
        if total <= limit {
            return 0;
        }
        self.docs
            .par_iter_mut()
            .filter_map(|d| {
                let d = Arc::get_mut(d)?;
                if let Body::Text(text) = &d.body {
                    d.body = Body::InFile {
                        hash: body_hash(text),
                    };
                }
                Some(())
            })
            .count()
    }

    /// The document's folder in the output, e.g. `docs/005283492-2024-00001/`.
    pub fn doc_path(&self, i: usize) -> &str {
        &self.listed[i].path
    }

    pub fn publisher_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.config.publisher(key).map_or(key, |p| p.name.as_str())
    }

    /// The document's links over time (none for most documents).
    pub fn relations(&self, i: usize) -> &Relations {
        static NONE: Relations = Relations {
            abolished_by: None,
            amended_by: Vec::new(),
            repeals: Vec::new(),
            amends: Vec::new(),
            feedback_for: None,
            consulted: None,
            feedback: Vec::new(),
            decisions: Vec::new(),
        };
        self.relations.get(&i).unwrap_or(&NONE)
    }

    /// The organ whose key is `key`.
    pub fn organ(&self, key: &str) -> Option<&crate::publish::organs::Organ> {
        self.organs.iter().find(|o| o.key == key)
    }

    /// The annual reports of the organ `key` (`None`: the portal's, that is the
    /// first organ's).
    pub fn reports_of(
        &self,
        key: Option<&str>,
    ) -> &BTreeMap<i32, crate::load::reports::ReportData> {
        match key.and_then(|k| self.organ(k)) {
            Some(o) => {
                crate::load::organs::reports_of(o.first, &o.key, &self.reports, &self.organ_files)
            }
            None => &self.reports,
        }
    }

    /// The organ's own files (profile, guide), if it has any.
    pub fn organ_files(&self, key: &str) -> Option<&crate::load::organs::OrganFiles> {
        self.organ_files.get(key)
    }

    pub fn count_in_category(&self, c: Category) -> usize {
        self.members(&View::Category(c)).len()
    }

    /// Documents of a view, newest first (empty for a view with none).
    pub fn members(&self, view: &View) -> &[usize] {
        self.views.get(view).map_or(&[], Vec::as_slice)
    }
}

/// A document's folder and dates as listings print them.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: String,
    pub created: String,
    /// Empty when not (yet) published: drafts shown by `serve --drafts`.
    pub published: String,
    /// 施行日期, 有效期至 and 废止日期, empty when not given (the policy lists show them).
    pub effective: String,
    pub valid_until: String,
    pub abolished: String,
}

impl Listed {
    fn of(d: &Document) -> Listed {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let life = d.life();
        Listed {
            path: crate::model::urls::doc_path(d),
            created: d.created.to_string(),
            published: date(d.published),
            effective: date(life.effective),
            valid_until: date(life.valid_until),
            abolished: date(life.abolished),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, Fixture};

    fn site_of(f: &Fixture) -> Site {
        let config = crate::config::SiteConfig::load(f.root()).unwrap();
        let loaded = crate::load::load(f.root(), config, None);
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        crate::publish::publish(loaded, today, false, None)
    }

    /// Bodies left in their files are read again as they were loaded, whatever the
    /// file's line ends or byte-order mark; under the limit they stay in memory.
    #[test]
    fn a_body_left_in_its_file_is_read_again_as_it_was_loaded() {
        let f = Fixture::new();
        f.write("content/d1.md", &doc(1, &[], "正文第一段。\n\n第二段。\n"));
        let crlf = format!(
            "\u{feff}{}",
            doc(2, &[], "Windows 的正文。\n\n第二段。").replace('\n', "\r\n")
        );
        f.write("content/d2.md", &crlf);
        let mut site = site_of(&f);
        assert_eq!(site.docs.len(), 2);
        let loaded: Vec<String> = (0..2).map(|i| site.body(i).unwrap().into_owned()).collect();
        assert!(loaded.iter().all(|b| b.contains("第二段")));

        assert_eq!(site.leave_bodies_in_files(usize::MAX), 0);
        assert!(site.docs.iter().all(|d| matches!(d.body, Body::Text(_))));
        assert_eq!(site.leave_bodies_in_files(0), 2);
        assert!(site
            .docs
            .iter()
            .all(|d| matches!(d.body, Body::InFile { .. })));
        for (i, text) in loaded.iter().enumerate() {
            assert_eq!(site.body(i).unwrap(), text.as_str());
        }
    }

    /// A file saved or removed after it was loaded gives an error, never its new text.
    #[test]
    fn a_body_changed_after_loading_is_refused() {
        let f = Fixture::new();
        f.write("content/d1.md", &doc(1, &[], "检查过的正文。"));
        f.write("content/d2.md", &doc(2, &[], "另一篇正文。"));
        let mut site = site_of(&f);
        site.leave_bodies_in_files(0);
        let i = site.by_file["content/d1.md"];
        f.write(
            "content/d1.md",
            &doc(1, &[], "没有检查过的正文：身份证号码。"),
        );
        let err = site.body(i).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(
            err.iter().next().unwrap().rule,
            "source/changed-during-build"
        );
        assert!(!err.to_string().contains("身份证"));

        let j = site.by_file["content/d2.md"];
        std::fs::remove_file(f.root().join("content/d2.md")).unwrap();
        let err = site.body(j).unwrap_err();
        assert_eq!(err.iter().next().unwrap().rule, "source/unreadable");
    }
}
