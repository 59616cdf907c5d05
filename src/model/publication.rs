//! What may be published: the one publishing decision ([`withheld_because`]) and the
//! counts of what was kept out. A pure function of a document and a day, so the
//! rules (stage 2) and the publishing stage (stage 3) ask the same question.

use crate::model::document::Document;
use crate::model::taxonomy::Disclosure;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

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

    pub(crate) fn year_of(&mut self, doc: &Document) -> &mut WithheldCounts {
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
