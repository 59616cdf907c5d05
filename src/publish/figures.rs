//! The figures of one year's report, computed from the published documents, the
//! withheld counts of the pipeline and the data file. Totals are always computed
//! here; totals written in the data file are only checked against them.
//!
//! What counts as what (the portal knows each document's 文种, 发布日期 and
//! current 有效性, nothing more):
//! - 规章: 文种 规章 or 令; 行政规范性文件: 文种 行政规范性文件, 规范性文件, and the
//!   policy 文种 of the interpretation rules: 办法, 规定, 细则, 规则, 意见 ([`policy_kind`]).
//! - 本年制发件数: such documents with 发布日期 in the year.
//! - 本年废止件数: such documents whose `abolished` date lies in the year
//!   ([`crate::model::lifecycle::abolished_in_year`]); a figure written in the data
//!   file overrides it (`check` notes when the two differ: `report/abolished-differs`).
//! - 现行有效件数: such documents published by 31 December of the year and in force on
//!   that day (有效 or 已修改: not past `valid_until`, not abolished by then).
//! - new in the year: published in the year; total: published by 31 December.
//! - 依申请公开 and 不予公开 documents: counted by the year of their 成文日期.

use crate::load::reports::{appeal_rows, application_rows, ReportData, RowDef};
use crate::model::document::Document;
use crate::model::lifecycle::{abolished_in_year, in_force_on};
use crate::model::publication::WithheldCounts;
use crate::model::taxonomy::{policy_kind, Category, PolicyKind};
use chrono::Datelike;
use std::collections::BTreeMap;

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
            .find(|(r, _)| r.id == crate::load::reports::tables::NEW_ROW)
            .and_then(|(_, cells)| cells.last().copied())
            .unwrap_or(0)
    }
}

/// `docs` are the published documents the report counts (previews left out: the
/// portal's, or one organ's), `withheld` the counts of its withheld documents by year.
pub fn compute<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    withheld: &BTreeMap<i32, WithheldCounts>,
    data: &ReportData,
) -> Figures {
    let year = data.year;
    let mut policies = [[0u32; 3]; 2];
    let mut by_category: BTreeMap<Category, Count> = BTreeMap::new();
    let mut by_type: BTreeMap<&str, Count> = BTreeMap::new();
    let mut all = Count::default();
    let year_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(chrono::NaiveDate::MAX);
    let docs: Vec<&Document> = docs.into_iter().collect();
    for &d in &docs {
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
            row[2] += u32::from(in_force_on(d, year_end));
        }
    }
    let p = &data.proactive;
    let counted = abolished_in_year(docs.iter().copied(), year);
    for (kind, written) in [PolicyKind::Rules, PolicyKind::Normative]
        .into_iter()
        .zip(p.abolished.written())
    {
        policies[kind as usize][1] = written.unwrap_or(counted[kind as usize]);
    }
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
        withheld: withheld.get(&year).copied().unwrap_or_default(),
        applications: application_rows(data),
        appeals: appeal_rows(data),
    }
}

/// 万元 as written: the shortest decimal that reads back as the same number.
pub fn format_fees(fees: f64) -> String {
    format!("{fees}")
}
