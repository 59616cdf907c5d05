//! The organs (行政机关) of the portal, each with its own column: its guide, its
//! 制度, its catalogue and its annual reports (the content model's section
//! "Organs"). Built only when site.toml describes organs; what an organ's pages
//! show comes from the published site, so nothing withheld reaches them.
//!
//! The first organ is the portal's owner: its guide is the portal's `/guide/` and
//! its reports are the portal's `/reports/` (from `content/_reports/`); every
//! other organ's are under `/organs/<key>/`.

use crate::config::organs::OrganKind;
use crate::config::{Office, SiteConfig};
use crate::model::document::Document;
use crate::model::publication::WithheldCounts;
use crate::model::urls;
use std::collections::BTreeMap;

/// One organ, as the navigation and its column show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organ {
    pub key: String,
    pub name: String,
    pub kind: OrganKind,
    /// The organ it belongs to, by key.
    pub parent: Option<String>,
    /// The portal's owner (the first publisher).
    pub first: bool,
}

impl Organ {
    /// The organs of the site, in site.toml's order; none when it describes no organs.
    pub fn all(config: &SiteConfig) -> Vec<Organ> {
        if !config.has_organs() {
            return Vec::new();
        }
        config
            .publishers
            .iter()
            .enumerate()
            .map(|(i, p)| Organ {
                key: p.key.clone(),
                name: p.name.clone(),
                kind: config.organ_kind(p),
                parent: config.parent_of(p).map(|q| q.key.clone()),
                first: i == 0,
            })
            .collect()
    }

    /// The organ's column.
    pub fn path(&self) -> String {
        urls::organ(&self.key)
    }

    /// Its guide: the portal's for the first organ.
    pub fn guide_path(&self) -> String {
        urls::organ_guide(&self.key, self.first)
    }

    /// Its annual reports: the portal's for the first organ.
    pub fn reports_path(&self) -> String {
        urls::organ_reports(&self.key, self.first)
    }

    pub fn report_path(&self, year: i32) -> String {
        urls::organ_report(&self.key, self.first, year)
    }

    /// Its office: its own, or for the first organ the portal's `[office]`.
    pub fn office<'a>(&self, config: &'a SiteConfig) -> Option<&'a Office> {
        config
            .publisher(&self.key)
            .and_then(|p| config.organ_office(p))
    }
}

/// Whether an organ's report counts the document: it is the document's lead organ.
/// A joint document (联合发文) is counted once, by the organ that led it.
pub fn counts_for(d: &Document, key: &str) -> bool {
    d.publisher == key
}

/// The withheld counts an organ's report sees: its own.
pub fn withheld_of<'a>(
    stats: &'a crate::model::publication::Stats,
    key: &str,
) -> &'a BTreeMap<i32, WithheldCounts> {
    static NONE: BTreeMap<i32, WithheldCounts> = BTreeMap::new();
    stats.withheld_by_organ.get(key).unwrap_or(&NONE)
}
