//! Stage 2: the compliance rules over the loaded site, run by `build` and `check`.
//! One module per rule family; docs/rules.md lists every rule id with its severity
//! and meaning.
//!
//! Per-field problems were reported while loading (`schema/*`, most of
//! `disclosure/*`); here are the rules that need the whole site, the calendar or
//! a document's text.
//!
//! Rules about metadata (index numbers, dates, disclosure) look at every loaded
//! document. Rules about what readers will see (personal data, links, time limit,
//! interpretations) look only at documents that will be published: 主动公开 and not
//! a draft. Withheld documents never reach the portal, and a draft still being
//! written must not stop everyone else's build.

pub mod calendar;
pub mod columns;
pub mod consultation;
pub mod dates;
pub mod disclosure;
pub mod index_no;
pub mod interpretation;
pub mod links;
pub mod listings;
pub mod organs;
pub mod pii;
pub mod reports;
pub mod timeliness;
pub mod validity;
pub mod withheld;
pub mod wording;

#[cfg(test)]
pub(crate) mod testing;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::LoadedSite;
use crate::model::document::Document;
use crate::model::publication;
use crate::model::taxonomy::Disclosure;
use calendar::Calendar;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// What every rule may look at.
pub struct RuleContext<'a> {
    pub site: &'a LoadedSite,
    pub today: NaiveDate,
    /// Working days: built-in holiday calendars plus site.toml's `[holidays]`.
    pub calendar: Calendar,
    /// Every loaded document by index number (the first, when duplicated).
    pub by_index: rustc_hash::FxHashMap<&'a str, &'a Document>,
    /// Every loaded document by site-relative path.
    pub by_file: rustc_hash::FxHashMap<&'a str, &'a Document>,
    /// Every loaded document by its page's folder as file systems compare it
    /// ([`crate::model::urls::same_path_key`]), the first in file order.
    pub by_url: HashMap<String, &'a Document>,
}

impl<'a> RuleContext<'a> {
    pub fn new(site: &'a LoadedSite, today: NaiveDate) -> Self {
        let docs = &site.documents;
        // Three maps over every document, made side by side (`serve` makes them on every save).
        let (by_url, (by_index, by_file)) = rayon::join(
            || {
                let keys: Vec<String> = docs
                    .par_iter()
                    .map(|d| crate::model::urls::same_path_key(&crate::model::urls::doc_path(d)))
                    .collect();
                let mut by_url = HashMap::with_capacity(docs.len());
                for (key, d) in keys.into_iter().zip(docs) {
                    by_url.entry(key).or_insert(&**d);
                }
                by_url
            },
            || {
                let mut by_index = rustc_hash::FxHashMap::default();
                by_index.reserve(docs.len());
                for d in docs {
                    by_index.entry(d.index_no.as_str()).or_insert(&**d);
                }
                let by_file = docs.iter().map(|d| (d.file.as_str(), &**d)).collect();
                (by_index, by_file)
            },
        );
        RuleContext {
            site,
            today,
            calendar: Calendar::for_site(&site.config),
            by_index,
            by_file,
            by_url,
        }
    }

    /// 主动公开 and not a draft: the documents readers will see, now or on their date.
    pub fn will_publish(doc: &Document) -> bool {
        doc.disclosure == Disclosure::Proactive && !doc.draft
    }

    /// Whether `target` is on the portal by the time `from` is (or today, if later),
    /// so that a link or an interpretation from `from` to it works.
    pub fn published_for(&self, target: &Document, from: &Document) -> bool {
        Self::published_by(target, self.publication_day(from))
    }

    /// The day `doc` is on the portal: its publication date, or today if later.
    pub fn publication_day(&self, doc: &Document) -> NaiveDate {
        doc.published.map_or(self.today, |p| p.max(self.today))
    }

    /// Whether `target` is on the portal on the day `when`.
    pub fn published_by(target: &Document, when: NaiveDate) -> bool {
        publication::withheld_because(target, when).is_none()
    }
}

/// A rule over the whole site, e.g. uniqueness.
type SiteRule = fn(&RuleContext, &mut Diagnostics);
/// A rule over one document at a time; these run in parallel.
type DocumentRule = fn(&RuleContext, &Document, &mut Diagnostics);

const SITE_RULES: &[SiteRule] = &[
    timeliness::unknown_calendar_years,
    interpretation::policies_without_interpretation,
    crate::rules::reports::check_reports,
    organs::organ_columns,
    links::texts,
    consultation::feedback_published,
];

/// A document rule may read the document (its body too) and the rest of the site
/// except other documents' bodies: `serve` reuses a document's findings while
/// neither changed (see [`DocumentMemo`]).
const DOCUMENT_RULES: &[DocumentRule] = &[
    index_no::unique,
    index_no::unique_url,
    index_no::matches_publisher_and_year,
    index_no::doc_no_brackets,
    disclosure::review_before_publication,
    disclosure::review_approves,
    dates::created_before_published,
    dates::future_publication,
    timeliness::time_limit,
    interpretation::target_is_published,
    interpretation::interpretation_has_target,
    links::attachments_exist,
    links::markdown_links,
    pii::personal_information,
    wording::misspellings,
    validity::linked_documents,
    validity::abolished_incomplete,
    validity::still_says_valid,
    validity::expiring,
    validity::dates_in_order,
    consultation::short_window,
    consultation::targets,
    withheld::review_due_now,
];

/// The inspection rules: the portal's columns as a government-website inspection
/// judges them. `zwgk check` runs them when site.toml has `[inspection]`, with
/// `--inspect`, and for the HTML report; `build` and `serve` do not.
const INSPECTION_RULES: &[SiteRule] = &[
    columns::empty_columns,
    columns::stale_columns,
    columns::unknown_addresses,
];

/// Runs the inspection rules ([`INSPECTION_RULES`]).
pub fn inspect(site: &LoadedSite, today: NaiveDate) -> Diagnostics {
    let cx = RuleContext::new(site, today);
    let mut out = Diagnostics::default();
    for rule in INSPECTION_RULES {
        rule(&cx, &mut out);
    }
    out
}

/// `disclosure/held-back` notes: every document kept off the portal for a reason
/// staff can fix, unless `found` already has an error in its file (that error says
/// more). Not a document rule, so that the rules' own findings stay as they are.
pub fn held_back(site: &LoadedSite, today: NaiveDate, found: &Diagnostics) -> Diagnostics {
    let with_errors: std::collections::HashSet<&str> =
        found.errors().map(|d| d.file.as_str()).collect();
    let mut out = Diagnostics::default();
    for doc in &site.documents {
        if !with_errors.contains(doc.file.as_str()) {
            disclosure::held_back(today, doc, &mut out);
        }
    }
    out
}

/// Remembers the findings of the document rules between runs (`serve`).
pub trait DocumentMemo: Sync {
    /// The findings for `doc`: remembered, or from `run`.
    fn findings(&self, doc: &Document, run: &dyn Fn() -> Diagnostics) -> Diagnostics;
}

/// Runs every rule. With a `memo` (`serve`), the document rules' findings are taken
/// from it where it has them.
pub fn validate(
    site: &LoadedSite,
    today: NaiveDate,
    memo: Option<&dyn DocumentMemo>,
) -> Diagnostics {
    let cx = RuleContext::new(site, today);
    // The site's rules side by side with one another and with the documents' own;
    // their findings in the order of the lists, as when they ran one by one.
    let (site_found, per_document) = rayon::join(
        || {
            SITE_RULES
                .par_iter()
                .map(|rule| {
                    let mut found = Diagnostics::default();
                    rule(&cx, &mut found);
                    found
                })
                .collect::<Vec<Diagnostics>>()
        },
        || {
            site.documents
                .par_iter()
                .flat_map_iter(|doc| {
                    let run = || {
                        let mut found = Diagnostics::default();
                        for rule in DOCUMENT_RULES {
                            rule(&cx, doc, &mut found);
                        }
                        found
                    };
                    match memo {
                        Some(m) => m.findings(doc, &run),
                        None => run(),
                    }
                })
                .collect::<Vec<Diagnostic>>()
        },
    );
    let mut out = Diagnostics::default();
    for found in site_found {
        out.extend(found);
    }
    out.extend(per_document);
    out
}
