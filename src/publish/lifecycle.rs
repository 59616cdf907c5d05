//! Documents over time, among the published documents: each one's validity on the
//! day of the build, and the links between them — what repealed or amended a
//! document and what it repealed or amended, a consultation's feedback and final
//! decision and the way back to the draft.
//!
//! Built from `Site::docs` only, so every link points at a published document: a
//! withheld document can be named in front matter (the rules `validity/*` and
//! `consultation/target` stop such a build), but it is never here, so no page
//! shows its title, and it never turns another document's status either.

use crate::model::document::{DocRef, Document};
use crate::model::lifecycle::status;
use crate::model::taxonomy::Validity;
use chrono::NaiveDate;
use std::sync::Arc;

/// The published documents a document is linked with, by position in `Site::docs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    /// The document that repealed this one.
    pub abolished_by: Option<usize>,
    /// The documents that amended this one, in the order written.
    pub amended_by: Vec<usize>,
    /// What this document repealed, oldest first.
    pub repeals: Vec<usize>,
    /// What this document amended, oldest first.
    pub amends: Vec<usize>,
    /// The consultation this document reports the feedback of.
    pub feedback_for: Option<usize>,
    /// The consultation this decision was put out for comment as.
    pub consulted: Option<usize>,
    /// For a consultation: the feedback on its comments, oldest first.
    pub feedback: Vec<usize>,
    /// For a consultation: the decisions made after it, oldest first.
    pub decisions: Vec<usize>,
}

impl Relations {
    fn is_empty(&self) -> bool {
        *self == Relations::default()
    }
}

/// Every published document's validity on `today` and the links among them.
pub struct Lifecycles {
    /// Per document, its validity on the day of the build.
    pub status: Vec<Validity>,
    /// Documents with any link, by position.
    pub relations: rustc_hash::FxHashMap<usize, Relations>,
}

pub fn compute(
    docs: &[Arc<Document>],
    by_index: &rustc_hash::FxHashMap<String, usize>,
    today: NaiveDate,
) -> Lifecycles {
    let mut relations: rustc_hash::FxHashMap<usize, Relations> = Default::default();
    let find = |r: &DocRef| r.index_no().and_then(|i| by_index.get(i)).copied();
    let find_no = |i: &Option<String>| i.as_ref().and_then(|i| by_index.get(i)).copied();
    // Docs are newest first: walking them oldest first lists reverse links oldest first.
    for (i, d) in docs.iter().enumerate().rev() {
        let Some(life) = d.lifecycle.as_deref() else {
            continue;
        };
        let mut own = relations.remove(&i).unwrap_or_default();
        if let Some(j) = life
            .abolished_by
            .as_ref()
            .and_then(find)
            .filter(|&j| j != i)
        {
            own.abolished_by = Some(j);
            relations.entry(j).or_default().repeals.push(i);
        }
        for j in life.amended_by.iter().filter_map(find).filter(|&j| j != i) {
            if !own.amended_by.contains(&j) {
                own.amended_by.push(j);
                relations.entry(j).or_default().amends.push(i);
            }
        }
        if let Some(j) = find_no(&life.feedback_for).filter(|&j| j != i) {
            own.feedback_for = Some(j);
            relations.entry(j).or_default().feedback.push(i);
        }
        if let Some(j) = find_no(&life.consulted).filter(|&j| j != i) {
            own.consulted = Some(j);
            relations.entry(j).or_default().decisions.push(i);
        }
        relations.insert(i, own);
    }
    relations.retain(|_, r| !r.is_empty());
    let status = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let amended_by_published = relations.get(&i).is_some_and(|r| !r.amended_by.is_empty());
            let amended_outside = d
                .life()
                .amended_by
                .iter()
                .any(|r| matches!(r, DocRef::Named(_)));
            status(d, today, amended_by_published || amended_outside)
        })
        .collect();
    Lifecycles { status, relations }
}
