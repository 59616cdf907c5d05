//! Stage 3: the publishing rules of the contract.
//!
//! The decision itself is `model::publication::withheld_because`, a function of a
//! document and a day, which the rules ask too; this stage applies it. Withheld
//! documents (依申请公开, 不予公开, unreviewed, drafts, scheduled) are dropped
//! here, whole: later stages never see their title, body or files, only counts.

pub mod catalogue;
pub mod figures;
pub mod lifecycle;
pub mod organs;
pub mod site;

use crate::load::{DocumentCache, LoadedSite};
use crate::model::document::{summary_of, Document};
use crate::model::publication::{withheld_because, Stats, Withheld};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::sync::Arc;

/// The published site: the publishable documents of `loaded` with their listings,
/// views and counts. With a `cache` (`serve`), summaries computed when a document was
/// parsed are reused.
pub fn publish(
    loaded: LoadedSite,
    today: NaiveDate,
    preview: bool,
    cache: Option<&DocumentCache>,
) -> site::Site {
    let invalid = loaded.documents_found - loaded.documents.len();
    let (docs, stats) = select(loaded.documents, invalid, today, preview);
    // Summaries computed when the documents were parsed (`serve`), else now.
    let remembered = cache.map(|c| c.summaries(&docs)).unwrap_or_default();
    let summaries = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| match remembered.get(i) {
            Some(Some(s)) => s.clone(),
            _ => summary_of(d).into(),
        })
        .collect();
    let mut site = site::Site::new(
        loaded.root,
        loaded.config,
        loaded.domains,
        docs,
        stats,
        loaded.special_pages,
        summaries,
        today,
    );
    site.reports = loaded.reports;
    site.organ_files = loaded.organs;
    site
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
                stats.count_withheld(&doc, true);
            }
            Some(Withheld::NotDisclosed) => {
                stats.not_disclosed += 1;
                stats.count_withheld(&doc, false);
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
