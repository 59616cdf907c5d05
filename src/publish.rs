//! Stage 3: the publishing rules of the contract.
//!
//! This is the only place that decides what may appear in the output. Withheld
//! documents (依申请公开, 不予公开, unreviewed, drafts, scheduled) are dropped
//! here, whole: later stages never see their title, body or files, only counts.

use crate::document::Document;
use crate::taxonomy::Disclosure;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Counts of what was found and what was kept out, for the build summary and statistics.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub found: usize,
    pub published: usize,
    pub on_request: usize,
    pub not_disclosed: usize,
    pub unreviewed: usize,
    pub drafts: usize,
    pub scheduled: usize,
    /// Documents that failed to load.
    pub invalid: usize,
    /// 依申请公开 and 不予公开 documents by the year of their 成文日期 (annual report).
    pub withheld_by_year: BTreeMap<i32, WithheldCounts>,
}

/// Counts of documents kept off the portal by their disclosure attribute.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct WithheldCounts {
    pub on_request: usize,
    pub not_disclosed: usize,
}

impl Stats {
    pub fn withheld(&self) -> usize {
        self.on_request + self.not_disclosed + self.unreviewed + self.drafts + self.scheduled
    }

    fn year_of(&mut self, doc: &Document) -> &mut WithheldCounts {
        self.withheld_by_year.entry(doc.created.year()).or_default()
    }
}

/// Why a document is not published, if it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    OnRequest,
    NotDisclosed,
    Draft,
    Unreviewed,
    Scheduled,
}

pub fn withheld_because(doc: &Document, today: NaiveDate) -> Option<Withheld> {
    match doc.disclosure {
        Disclosure::OnRequest => return Some(Withheld::OnRequest),
        Disclosure::NotDisclosed => return Some(Withheld::NotDisclosed),
        Disclosure::Proactive => {}
    }
    if doc.draft {
        return Some(Withheld::Draft);
    }
    if !doc.review.as_ref().is_some_and(|r| r.approves()) {
        return Some(Withheld::Unreviewed);
    }
    match doc.published {
        Some(p) if p <= today => None,
        Some(_) => Some(Withheld::Scheduled),
        None => Some(Withheld::Unreviewed),
    }
}

/// Keeps the publishable documents, newest first; counts the rest.
///
/// `preview` (serve --drafts) also keeps drafts and unreviewed or scheduled
/// documents, marked as previews. 依申请公开 and 不予公开 are dropped always.
pub fn select(
    docs: Vec<Arc<Document>>,
    invalid: usize,
    today: NaiveDate,
    preview: bool,
) -> (Vec<Arc<Document>>, Stats) {
    let mut stats = Stats {
        found: docs.len() + invalid,
        invalid,
        ..Stats::default()
    };
    let mut kept = Vec::with_capacity(docs.len());
    for mut doc in docs {
        let why = withheld_because(&doc, today);
        match why {
            None => {}
            Some(Withheld::OnRequest) => {
                stats.on_request += 1;
                stats.year_of(&doc).on_request += 1;
            }
            Some(Withheld::NotDisclosed) => {
                stats.not_disclosed += 1;
                stats.year_of(&doc).not_disclosed += 1;
            }
            Some(Withheld::Draft) => stats.drafts += 1,
            Some(Withheld::Unreviewed) => stats.unreviewed += 1,
            Some(Withheld::Scheduled) => stats.scheduled += 1,
        }
        let keep = match why {
            None => true,
            Some(Withheld::Draft | Withheld::Unreviewed | Withheld::Scheduled) => preview,
            Some(Withheld::OnRequest | Withheld::NotDisclosed) => false,
        };
        if keep {
            if doc.preview != why.is_some() {
                Arc::make_mut(&mut doc).preview = why.is_some();
            }
            kept.push(doc);
        }
    }
    stats.published = kept.iter().filter(|d| !d.preview).count();
    sort_newest_first(&mut kept);
    (kept, stats)
}

/// Newest publication first; the index number breaks ties, so the order is total.
pub fn sort_newest_first(docs: &mut [Arc<Document>]) {
    docs.sort_by(|a, b| {
        (b.published, b.created, &b.index_no).cmp(&(a.published, a.created, &a.index_no))
    });
}
