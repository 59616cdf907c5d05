//! The figures of one year's report, computed from the published documents, the
//! withheld counts of the pipeline and the data file. Totals are always computed
//! here; totals written in the data file are only checked against them.
//!
//! What counts as what (the portal knows each document's 文种, 发布日期 and
//! current 有效性, nothing more):
//! - 规章: 文种 规章 or 令; 行政规范性文件: 文种 行政规范性文件, 规范性文件, and the
//!   policy 文种 of the interpretation rules: 办法, 规定, 细则, 规则, 意见 ([`policy_kind`]).
//! - 本年制发件数: such documents with 发布日期 in the year.
//! - 本年废止件数: from the data file (when a document was abolished is not recorded).
//! - 现行有效件数: such documents published by 31 December of the year and 有效 today.
//! - new in the year: published in the year; total: published by 31 December.
//! - 依申请公开 and 不予公开 documents: counted by the year of their 成文日期.

use super::data::ReportData;
use super::tables::{self, RowDef, APPEAL_ROWS, APPLICATION_ROWS};
use crate::document::Document;
use crate::publish::{Stats, WithheldCounts};
use crate::rules::interpretation::POLICY_DOC_TYPES;
use crate::taxonomy::{Category, Validity};
use chrono::Datelike;
use std::collections::BTreeMap;

/// 第二十条第（一）项 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// 规章
    Rules,
    /// 行政规范性文件
    Normative,
}

const RULE_TYPES: &[&str] = &["规章", "令"];
/// 文种 naming a normative document outright; the other normative 文种 are the
/// policy 文种 of the interpretation rules, so both count the same documents.
const NORMATIVE_NAMES: &[&str] = &["行政规范性文件", "规范性文件"];

pub fn policy_kind(doc_type: &str) -> Option<PolicyKind> {
    let t = doc_type.trim();
    if RULE_TYPES.contains(&t) {
        Some(PolicyKind::Rules)
    } else if NORMATIVE_NAMES.contains(&t) || POLICY_DOC_TYPES.contains(&t) {
        Some(PolicyKind::Normative)
    } else {
        None
    }
}

/// Documents of the year and up to its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    pub new: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// [规章, 行政规范性文件] × [本年制发件数, 本年废止件数, 现行有效件数].
    pub policies: [[u32; 3]; 2],
    pub licensing: u32,
    pub penalties: u32,
    pub coercion: u32,
    /// 万元.
    pub fees: f64,
    /// Every category, in the order of the five disclosures.
    pub by_category: Vec<(Category, Count)>,
    /// Every 文种 with a document by the year's end: most new first, then most in total, then name.
    pub by_type: Vec<(String, Count)>,
    pub all: Count,
    /// Documents formed in the year and not published (依申请公开, 不予公开).
    pub withheld: WithheldCounts,
    /// Every row of the applications table: the six applicant columns, then 总计.
    pub applications: Vec<(&'static RowDef, Vec<u32>)>,
    /// The three groups: the four result columns, then 总计.
    pub appeals: Vec<(&'static RowDef, Vec<u32>)>,
}

impl Figures {
    /// 一、本年新收政府信息公开申请数量, 总计.
    pub fn requests_received(&self) -> u32 {
        self.applications
            .iter()
            .find(|(r, _)| r.id == tables::NEW_ROW)
            .and_then(|(_, cells)| cells.last().copied())
            .unwrap_or(0)
    }
}

/// `docs` are the published documents (previews left out).
pub fn compute<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    stats: &Stats,
    data: &ReportData,
) -> Figures {
    let year = data.year;
    let mut policies = [[0u32; 3]; 2];
    let mut by_category: BTreeMap<Category, Count> = BTreeMap::new();
    let mut by_type: BTreeMap<&str, Count> = BTreeMap::new();
    let mut all = Count::default();
    for d in docs {
        let Some(published) = d.published.map(|p| p.year()) else {
            continue;
        };
        if published > year {
            continue;
        }
        let new = published == year;
        for count in [
            &mut all,
            by_category.entry(d.category).or_default(),
            by_type.entry(d.doc_type.as_str()).or_default(),
        ] {
            count.total += 1;
            count.new += usize::from(new);
        }
        if let Some(kind) = policy_kind(&d.doc_type) {
            let row = &mut policies[kind as usize];
            row[0] += u32::from(new);
            row[2] += u32::from(d.validity == Validity::Valid);
        }
    }
    let p = &data.proactive;
    policies[PolicyKind::Rules as usize][1] = p.abolished.rules;
    policies[PolicyKind::Normative as usize][1] = p.abolished.normative;
    let mut by_type: Vec<(String, Count)> = by_type
        .into_iter()
        .map(|(t, c)| (t.to_string(), c))
        .collect();
    by_type.sort_by(|(a, ca), (b, cb)| (cb.new, cb.total, a).cmp(&(ca.new, ca.total, b)));
    Figures {
        policies,
        licensing: p.licensing,
        penalties: p.penalties,
        coercion: p.coercion,
        fees: p.fees,
        by_category: Category::ALL
            .iter()
            .map(|c| (*c, by_category.get(c).copied().unwrap_or_default()))
            .collect(),
        by_type,
        all,
        withheld: stats
            .withheld_by_year
            .get(&year)
            .copied()
            .unwrap_or_default(),
        applications: application_rows(data),
        appeals: appeal_rows(data),
    }
}

/// The applications table with 三(七)总计 and the 总计 column computed.
pub fn application_rows(data: &ReportData) -> Vec<(&'static RowDef, Vec<u32>)> {
    let width = tables::APPLICANT_COLUMNS.len();
    let outcome_sum = column_sums(
        APPLICATION_ROWS
            .iter()
            .filter(|r| r.is_outcome())
            .map(|r| data.applications.values(r.id, width)),
        width,
    );
    APPLICATION_ROWS
        .iter()
        .map(|r| {
            let values = if r.id == tables::TOTAL_ROW {
                outcome_sum.clone()
            } else {
                data.applications.values(r.id, width)
            };
            (r, with_total(values))
        })
        .collect()
}

fn appeal_rows(data: &ReportData) -> Vec<(&'static RowDef, Vec<u32>)> {
    APPEAL_ROWS
        .iter()
        .map(|r| {
            let values = data.appeals.values(r.id, tables::APPEAL_COLUMNS.len());
            (r, with_total(values))
        })
        .collect()
}

fn column_sums(rows: impl Iterator<Item = Vec<u32>>, width: usize) -> Vec<u32> {
    let mut sums = vec![0u32; width];
    for row in rows {
        for (s, v) in sums.iter_mut().zip(row) {
            *s = s.saturating_add(v);
        }
    }
    sums
}

pub fn sum(values: &[u32]) -> u32 {
    values.iter().fold(0u32, |a, v| a.saturating_add(*v))
}

fn with_total(mut values: Vec<u32>) -> Vec<u32> {
    values.push(sum(&values));
    values
}

/// 万元 as written: the shortest decimal that reads back as the same number.
pub fn format_fees(fees: f64) -> String {
    format!("{fees}")
}
