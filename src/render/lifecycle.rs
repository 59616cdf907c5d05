//! What pages show of documents over time: a document's validity and its dates,
//! the notice of its repeal or amendment with links, its history, its
//! consultation; and the list of consultations (`/consultations/`).
//!
//! Every link comes from `Site::relations`, built from the published documents
//! only: a document named in front matter but not published is never shown, not
//! even its title. Documents outside the portal (`abolished_by: 《……》`) are shown
//! as written, without a link.

use super::document::Link;
use crate::model::document::{DocRef, Document};
use crate::model::lifecycle::{consultation_status, ConsultationStatus};
use crate::model::taxonomy::Validity;
use crate::model::urls::{self, doc_path};
use crate::publish::site::Site;
use chrono::NaiveDate;
use serde::Serialize;

/// Another document as a page names it: `《title》（文号）`, linked when it is a
/// published document of the site.
#[derive(Serialize)]
pub(super) struct Ref<'a> {
    /// `《title》` of a published document, or the name as written for one outside.
    text: String,
    doc_no: &'a str,
    /// Its page's folder; `None` for a document outside the portal.
    path: Option<String>,
    /// When it acted on this document (its 施行日期, else its 发布日期); empty if unknown.
    date: String,
}

fn doc_ref(site: &Site, j: usize) -> Ref<'_> {
    let d = &site.docs[j];
    Ref {
        text: format!("《{}》", d.title),
        doc_no: d.doc_no.as_deref().unwrap_or(""),
        path: Some(doc_path(d)),
        date: acting_day(d).map(|d| d.to_string()).unwrap_or_default(),
    }
}

fn named_ref(name: &str) -> Ref<'_> {
    Ref {
        text: name.to_string(),
        doc_no: "",
        path: None,
        date: String::new(),
    }
}

/// The day a decision acts: when it takes effect, else when it is published.
fn acting_day(d: &Document) -> Option<NaiveDate> {
    d.life().effective.or(d.published)
}

/// A label and value of the metadata header.
#[derive(Serialize)]
struct Cell {
    label: &'static str,
    value: String,
}

/// The repeal of a document: in effect, or announced for a day to come.
#[derive(Serialize)]
struct Repeal<'a> {
    /// 废止日期; empty when the file gives none.
    date: String,
    /// What repealed it, when that is a published document or one outside the portal.
    by: Option<Ref<'a>>,
    /// The date is still to come: the page says 将于…起废止.
    upcoming: bool,
}

#[derive(Serialize)]
struct Update<'a> {
    date: String,
    note: &'a str,
}

#[derive(Serialize)]
struct Event<'a> {
    date: String,
    /// What happened, e.g. 发布, 施行, 被修改.
    text: &'static str,
    /// The document that did it, if any.
    by: Option<Ref<'a>>,
    note: &'a str,
    /// After the day of the build.
    future: bool,
}

#[derive(Serialize)]
pub(super) struct ConsultationView<'a> {
    start: String,
    end: String,
    days: i64,
    status: &'static str,
    status_slug: &'static str,
    /// Days left to comment, the last day counted (when open).
    days_left: i64,
    channels: &'a [String],
    short_reason: Option<&'a str>,
    feedback: Vec<Link<'a>>,
    decisions: Vec<Link<'a>>,
}

/// The parts of the document page about the document over time.
#[derive(Serialize)]
pub(super) struct DocLife<'a> {
    /// 有效性 on the day of the build, and its slug.
    status: &'static str,
    status_slug: &'static str,
    co_publishers: Vec<Link<'a>>,
    /// Rows of two cells each for the metadata header: 施行日期, 有效期至, 登记号 ….
    meta_rows: Vec<Vec<Cell>>,
    repeal: Option<Repeal<'a>>,
    /// 有效期至 of a document past its term (empty when it was declared 失效 without one).
    expired: Option<String>,
    /// Amendments (published ones and those outside the portal).
    amendments: Vec<Ref<'a>>,
    update: Option<Update<'a>>,
    /// What this document repealed and amended.
    repeals: Vec<Ref<'a>>,
    amends: Vec<Ref<'a>>,
    consultation: Option<ConsultationView<'a>>,
    /// For feedback: the consultation it reports on. For a decision: its consultation draft.
    feedback_for: Option<Link<'a>>,
    consulted: Option<Link<'a>>,
    /// Dated events, oldest first; empty when the document has no history beyond
    /// its formation and publication.
    history: Vec<Event<'a>>,
}

fn link(site: &Site, j: usize) -> Link<'_> {
    Link {
        title: &site.docs[j].title,
        path: doc_path(&site.docs[j]),
    }
}

pub(super) fn consultation_view<'a>(site: &'a Site, i: usize) -> Option<ConsultationView<'a>> {
    let c = site.docs[i].life().consultation.as_ref()?;
    let rel = site.relations(i);
    let status = consultation_status(c, site.today);
    Some(ConsultationView {
        start: c.start.to_string(),
        end: c.end.to_string(),
        days: c.days(),
        status: status.zh(),
        status_slug: status.slug(),
        days_left: (c.end - site.today).num_days() + 1,
        channels: &c.channels,
        short_reason: c.short_reason.as_deref(),
        feedback: rel.feedback.iter().map(|&j| link(site, j)).collect(),
        decisions: rel.decisions.iter().map(|&j| link(site, j)).collect(),
    })
}

pub(super) fn doc_life(site: &Site, i: usize) -> DocLife<'_> {
    let d = &site.docs[i];
    let life = d.life();
    let rel = site.relations(i);
    let status = site.status[i];
    let today = site.today;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());

    let mut cells = Vec::new();
    let mut cell = |label, value: Option<String>| {
        if let Some(value) = value {
            cells.push(Cell { label, value });
        }
    };
    cell("登记号", life.register_no.clone());
    cell("施行日期", date(life.effective));
    cell("有效期至", date(life.valid_until));
    cell("废止日期", date(life.abolished));
    cell("变更日期", date(life.updated));
    let mut meta_rows = Vec::new();
    let mut cells = cells.into_iter().peekable();
    while cells.peek().is_some() {
        meta_rows.push(cells.by_ref().take(2).collect());
    }

    // What repealed it: a published document, or one outside the portal.
    let repealed_by = || match (&life.abolished_by, rel.abolished_by) {
        (_, Some(j)) => Some(doc_ref(site, j)),
        (Some(DocRef::Named(name)), _) => Some(named_ref(name)),
        _ => None,
    };
    let repeal = if status == Validity::Abolished {
        Some(Repeal {
            date: date(life.abolished).unwrap_or_default(),
            by: repealed_by(),
            upcoming: false,
        })
    } else {
        life.abolished.filter(|a| *a > today).map(|a| Repeal {
            date: a.to_string(),
            by: repealed_by(),
            upcoming: true,
        })
    };
    let expired = (status == Validity::Expired).then(|| date(life.valid_until).unwrap_or_default());
    let amendments = || {
        rel.amended_by
            .iter()
            .map(|&j| doc_ref(site, j))
            .chain(life.amended_by.iter().filter_map(|r| match r {
                DocRef::Named(name) => Some(named_ref(name)),
                DocRef::Index(_) => None,
            }))
            .collect::<Vec<_>>()
    };

    let mut events: Vec<(NaiveDate, &'static str, Option<Ref>, &str)> = Vec::new();
    if let Some(c) = &life.consultation {
        events.push((c.start, "公开征求意见", None, ""));
        events.push((c.end, "意见征集截止", None, ""));
    }
    for &j in &rel.feedback {
        if let Some(p) = site.docs[j].published {
            events.push((p, "公布意见采纳情况", Some(doc_ref(site, j)), ""));
        }
    }
    for &j in &rel.decisions {
        if let Some(p) = site.docs[j].published {
            events.push((p, "作出决定", Some(doc_ref(site, j)), ""));
        }
    }
    if let Some(e) = life.effective {
        events.push((e, "施行", None, ""));
    }
    for &j in &rel.amended_by {
        if let Some(on) = acting_day(&site.docs[j]) {
            events.push((on, "被修改", Some(doc_ref(site, j)), ""));
        }
    }
    if let Some(u) = life.updated {
        events.push((u, "变更", None, life.update_note.as_deref().unwrap_or("")));
    }
    // A term that a repeal cut short never ends on its own.
    if let Some(until) = life
        .valid_until
        .filter(|u| life.abolished.is_none_or(|a| a > *u))
    {
        events.push((until, "有效期届满", None, ""));
    }
    if let Some(a) = life.abolished {
        events.push((a, "废止", repealed_by(), ""));
    }
    if !events.is_empty() {
        let mut first = vec![(d.created, "成文", None, "")];
        if let Some(p) = d.published {
            first.push((p, "发布", None, ""));
        }
        events.splice(0..0, first);
    }
    // Stable: events of one day keep the order above (成文 and 发布 before the rest).
    events.sort_by_key(|e| e.0);
    let history = events
        .into_iter()
        .map(|(on, text, by, note)| {
            // A term and a consultation run to the end of their last day.
            let future =
                on > today || (on == today && matches!(text, "有效期届满" | "意见征集截止"));
            Event {
                date: on.to_string(),
                text: if future { future_tense(text) } else { text },
                by,
                note,
                future,
            }
        })
        .collect();

    DocLife {
        status: status.zh(),
        status_slug: status.slug(),
        co_publishers: d
            .co_publishers
            .iter()
            .map(|k| Link {
                title: site.publisher_name(k),
                path: urls::publisher(k),
            })
            .collect(),
        meta_rows,
        repeal,
        expired,
        amendments: amendments(),
        update: life.updated.map(|u| Update {
            date: u.to_string(),
            note: life.update_note.as_deref().unwrap_or(""),
        }),
        repeals: rel
            .repeals
            .iter()
            .map(|&j| Ref {
                date: date(site.docs[j].life().abolished).unwrap_or_default(),
                ..doc_ref(site, j)
            })
            .collect(),
        amends: rel.amends.iter().map(|&j| doc_ref(site, j)).collect(),
        consultation: consultation_view(site, i),
        feedback_for: rel.feedback_for.map(|j| link(site, j)),
        consulted: rel.consulted.map(|j| link(site, j)),
        history,
    }
}

/// How the history says an event still to come.
fn future_tense(text: &'static str) -> &'static str {
    match text {
        "施行" => "将施行",
        "废止" => "将废止",
        "有效期届满" => "有效期至此日",
        "意见征集截止" => "意见征集将截止",
        "公开征求意见" => "将公开征求意见",
        other => other,
    }
}

/// A row of the list of consultations.
#[derive(Serialize)]
pub(super) struct ConsultationRow<'a> {
    title: &'a str,
    path: &'a str,
    publisher: &'a str,
    published: &'a str,
    #[serde(flatten)]
    consultation: ConsultationView<'a>,
}

impl ConsultationRow<'_> {
    pub(super) fn is_open(&self) -> bool {
        self.consultation.status_slug == ConsultationStatus::Open.slug()
    }
}

/// `/consultations/`: open ones first (closing soonest first), then those to
/// come, then closed ones (latest first).
pub(super) fn consultations(site: &Site) -> Vec<ConsultationRow<'_>> {
    let mut rows: Vec<(ConsultationStatus, NaiveDate, usize)> = site
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.preview)
        .filter_map(|(i, d)| {
            let c = d.life().consultation.as_ref()?;
            Some((consultation_status(c, site.today), c.end, i))
        })
        .collect();
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0).then(match a.0 {
            ConsultationStatus::Closed => b.1.cmp(&a.1),
            _ => a.1.cmp(&b.1),
        })
    });
    rows.into_iter()
        .filter_map(|(_, _, i)| {
            Some(ConsultationRow {
                title: &site.docs[i].title,
                path: &site.listed[i].path,
                publisher: site.publisher_name(&site.docs[i].publisher),
                published: &site.listed[i].published,
                consultation: consultation_view(site, i)?,
            })
        })
        .collect()
}
