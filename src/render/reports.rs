//! The annual reports: the list by year and each year's report with its tables.
//! The figures come from `publish::figures::compute`; this only lays them out.

use crate::layout::report_text_path;
use crate::load::reports::{ReportData, RowDef, APPEAL_COLUMNS, APPLICANT_COLUMNS, SECTIONS};
use crate::markdown;
use crate::model::publication::WithheldCounts;
use crate::model::urls::report_dir;
use crate::publish::catalogue::View;
use crate::publish::figures::{self, Count, Figures};
use crate::publish::organs::{counts_for, withheld_of, Organ};
use crate::publish::site::Site;
use serde::Serialize;

/// The label columns to the left of the applications table's figures.
const LABEL_COLUMNS: usize = 3;

#[derive(Serialize)]
pub(super) struct ReportEntry {
    year: i32,
    title: String,
    path: String,
    published: Option<String>,
    documents_new: usize,
    requests_new: u32,
}

/// Every report of `organ` (`None`: a site without organs), newest year first.
pub(super) fn index(site: &Site, organ: Option<&Organ>) -> Vec<ReportEntry> {
    site.reports_of(organ.map(|o| o.key.as_str()))
        .values()
        .rev()
        .map(|r| {
            let figures = figures(site, organ, r);
            ReportEntry {
                year: r.year,
                title: title(site, organ, r),
                path: organ.map_or_else(|| report_dir(r.year), |o| o.report_path(r.year)),
                published: r.published.map(|d| d.to_string()),
                documents_new: figures.all.new,
                requests_new: figures.requests_received(),
            }
        })
        .collect()
}

/// The figures of a report of `organ`: from its own published documents and its own
/// withheld counts only; without organs, from the whole portal's.
fn figures(site: &Site, organ: Option<&Organ>, r: &ReportData) -> Figures {
    let published = site.docs.iter().map(|d| &**d).filter(|d| !d.preview);
    match organ {
        Some(o) => figures::compute(
            published.filter(|d| counts_for(d, &o.key)),
            withheld_of(&site.stats, &o.key),
            r,
        ),
        None => figures::compute(published, &site.stats.withheld_by_year, r),
    }
}

/// The reporting body: the organ; without organs, the data file's publisher, else
/// the first in site.toml.
fn body_name<'a>(site: &'a Site, organ: Option<&'a Organ>, r: &'a ReportData) -> &'a str {
    if let Some(o) = organ {
        return &o.name;
    }
    let config = &site.config;
    r.publisher
        .as_deref()
        .and_then(|p| config.publisher_by_key_or_name(p))
        .or(config.publishers.first())
        .map_or(&config.title, |p| &p.name)
}

/// A report's title as its page shows it: of `organ`, or (`None`) of a site
/// without organs.
pub(crate) fn title(site: &Site, organ: Option<&Organ>, r: &ReportData) -> String {
    r.title.clone().unwrap_or_else(|| {
        format!(
            "{}{}年政府信息公开工作年度报告",
            body_name(site, organ, r),
            r.year
        )
    })
}

#[derive(Serialize)]
pub(super) struct ReportView {
    year: i32,
    title: String,
    body: String,
    /// The list of the organ's reports.
    reports_path: String,
    published: Option<String>,
    preamble: Option<String>,
    sections: Vec<SectionView>,
    policies: Vec<PolicyRow>,
    licensing: u32,
    penalties: u32,
    coercion: u32,
    fees: String,
    by_category: Vec<CountRow>,
    by_type: Vec<CountRow>,
    all: Count,
    withheld: WithheldCounts,
    applicant_columns: [&'static str; 6],
    applications: Vec<ApplicationRow>,
    appeal_columns: [&'static str; 4],
    /// The 15 figures of the review and litigation table, in column order.
    appeals: Vec<u32>,
}

#[derive(Serialize)]
struct SectionView {
    id: String,
    number: &'static str,
    title: &'static str,
    html: Option<String>,
}

#[derive(Serialize)]
struct PolicyRow {
    name: &'static str,
    issued: u32,
    abolished: u32,
    valid: u32,
}

#[derive(Serialize)]
struct CountRow {
    name: String,
    /// Catalogue view of the row, when there is one.
    path: Option<String>,
    new: usize,
    total: usize,
}

/// A row of the applications table: its header cells (group labels start where
/// their group starts and span it), then its seven figures.
#[derive(Serialize)]
struct ApplicationRow {
    id: &'static str,
    heads: Vec<Head>,
    cells: Vec<u32>,
}

#[derive(Serialize)]
struct Head {
    text: &'static str,
    rowspan: usize,
    colspan: usize,
    /// `rowgroup` for a group label, `row` for the row's own label.
    scope: &'static str,
}

pub(super) fn view(
    site: &Site,
    organ: Option<&Organ>,
    year: i32,
    md: &markdown::Options,
    root: &str,
) -> ReportView {
    let r = &site.reports_of(organ.map(|o| o.key.as_str()))[&year];
    let f = figures(site, organ, r);
    let resolve = super::text_resolver(site, &report_text_path(&r.file), root);
    // Section texts stand under the sections' h2; the opening text under the h1.
    let section_html = |body: &str| markdown::render_at(body, md, &resolve, 3);
    let html = |body: &str| markdown::render(body, md, &resolve);
    let text = r.text.as_ref();
    let sections = SECTIONS
        .iter()
        .enumerate()
        .map(|(i, (number, title))| SectionView {
            id: format!("s{}", i + 1),
            number,
            title,
            html: text
                .and_then(|t| t.sections[i].as_deref())
                .filter(|s| !s.trim().is_empty())
                .map(section_html),
        })
        .collect();
    let names = ["规章", "行政规范性文件"];
    ReportView {
        year,
        title: title(site, organ, r),
        body: body_name(site, organ, r).to_string(),
        reports_path: organ.map_or_else(
            || crate::model::urls::REPORTS.to_string(),
            |o| o.reports_path(),
        ),
        published: r.published.map(|d| d.to_string()),
        preamble: text
            .map(|t| t.preamble.as_str())
            .filter(|p| !p.trim().is_empty())
            .map(html),
        sections,
        policies: names
            .iter()
            .zip(f.policies)
            .map(|(name, [issued, abolished, valid])| PolicyRow {
                name,
                issued,
                abolished,
                valid,
            })
            .collect(),
        licensing: f.licensing,
        penalties: f.penalties,
        coercion: f.coercion,
        fees: figures::format_fees(f.fees),
        by_category: f
            .by_category
            .iter()
            .map(|(c, n)| CountRow {
                name: c.zh().to_string(),
                path: Some(match organ {
                    Some(o) => View::Organ(o.key.clone(), Some(*c)).path(),
                    None => View::Category(*c).path(),
                }),
                new: n.new,
                total: n.total,
            })
            .collect(),
        by_type: f
            .by_type
            .iter()
            .map(|(t, n)| CountRow {
                name: t.clone(),
                path: None,
                new: n.new,
                total: n.total,
            })
            .collect(),
        all: f.all,
        withheld: f.withheld,
        applicant_columns: APPLICANT_COLUMNS,
        applications: application_rows(&f.applications),
        appeal_columns: APPEAL_COLUMNS,
        appeals: f
            .appeals
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .collect(),
    }
}

fn application_rows(rows: &[(&'static RowDef, Vec<u32>)]) -> Vec<ApplicationRow> {
    let mut out = Vec::with_capacity(rows.len());
    for (i, (def, cells)) in rows.iter().enumerate() {
        let groups = def.groups();
        let mut heads: Vec<Head> = groups
            .iter()
            .filter(|(prefix, _)| i == 0 || !rows[i - 1].0.in_group(prefix))
            .map(|(prefix, label)| Head {
                text: label,
                rowspan: rows.iter().filter(|(d, _)| d.in_group(prefix)).count(),
                colspan: 1,
                scope: "rowgroup",
            })
            .collect();
        heads.push(Head {
            text: def.label,
            rowspan: 1,
            colspan: LABEL_COLUMNS - groups.len(),
            scope: "row",
        });
        out.push(ApplicationRow {
            id: def.id,
            heads,
            cells: cells.clone(),
        });
    }
    out
}
