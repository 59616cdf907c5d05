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
    /// The same, per organ (the document's `publisher`), for each organ's report.
    pub withheld_by_organ: BTreeMap<String, BTreeMap<i32, WithheldCounts>>,
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

    /// Counts a 依申请公开 (`on_request`) or 不予公开 document in its year, for the
    /// portal and for its organ.
    pub(crate) fn count_withheld(&mut self, doc: &Document, on_request: bool) {
        let year = doc.created.year();
        let organ = self
            .withheld_by_organ
            .entry(doc.publisher.clone())
            .or_default();
        for counts in [
            organ.entry(year).or_default(),
            self.withheld_by_year.entry(year).or_default(),
        ] {
            if on_request {
                counts.on_request += 1;
            } else {
                counts.not_disclosed += 1;
            }
        }
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

/// Why a preview (`serve --drafts`: a document shown though not published) is not
/// published, in words for its banner. Only drafts, unreviewed and scheduled
/// documents are previews, so this needs no date: what is neither a draft nor
/// unreviewed waits for its publication date.
pub fn preview_reason(doc: &Document) -> String {
    let reviewed = doc.review.as_ref().is_some_and(|r| r.approves());
    match (doc.draft, reviewed, doc.published) {
        (true, _, _) => "草稿（draft: true）".into(),
        (false, false, _) => match &doc.review {
            None => "没有保密审查记录".into(),
            Some(r) => format!(
                "保密审查未同意公开或记录不完整（审查结论：{}）",
                r.conclusion.trim()
            ),
        },
        (false, true, None) => "没有发布日期".into(),
        (false, true, Some(date)) => format!("发布日期 {date} 还没到"),
    }
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
