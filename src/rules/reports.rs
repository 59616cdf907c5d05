//! Consistency of the report data files: written totals against computed ones,
//! and the format's identity 一 + 二 = 三(七) + 四 for every applicant column.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::reports::data::{application_rows, sum, ReportData, Row, Table};
use crate::load::reports::tables::{
    RowDef, APPEAL_ROWS, APPLICANT_COLUMNS, APPLICATION_ROWS, CARRIED_FORWARD_ROW,
    CARRIED_OVER_ROW, NEW_ROW, REQUIRED_TEXT, SECTIONS, TOTAL_ROW,
};
use crate::rules::RuleContext;
use chrono::Datelike;
use std::collections::BTreeMap;

/// The validation rule: every report of the site (and of each organ), and the years
/// whose report is overdue.
pub fn check_reports(cx: &RuleContext, out: &mut Diagnostics) {
    let site = cx.site;
    let organ_reports = site.organs.values().flat_map(|o| o.reports.values());
    for report in site.reports.values().chain(organ_reports) {
        check_report(report, cx, out);
    }
    let config = &site.config;
    if config.has_organs() {
        for (i, p) in config.publishers.iter().enumerate() {
            let first = i == 0;
            let reports =
                crate::load::organs::reports_of(first, &p.key, &site.reports, &site.organs);
            let dir = crate::layout::organ_reports_dir(&p.key, first);
            overdue(cx, reports, &dir, Some(p), out);
        }
    } else {
        overdue(cx, &site.reports, crate::layout::REPORTS_DIR, None, out);
    }
}

/// Once an organ keeps reports, each later year needs one by its due date (its
/// `report_due`, by default 31 March of the next year for a government and 31 January
/// for the others). On a site with organs (`organ`), every organ needs the report of
/// the last year that is due, even before it keeps any.
fn overdue(
    cx: &RuleContext,
    reports: &BTreeMap<i32, ReportData>,
    dir: &str,
    organ: Option<&crate::config::Publisher>,
    out: &mut Diagnostics,
) {
    let config = &cx.site.config;
    let publisher = organ.or(config.publishers.first());
    let (month, day) = publisher.map_or((1, 31), |p| config.report_due(p));
    let today = cx.today;
    let last_due = if (today.month(), today.day()) > (month, day) {
        today.year() - 1
    } else {
        today.year() - 2
    };
    let first = match (reports.keys().next(), organ) {
        (Some(&first), _) => first,
        (None, Some(_)) => last_due,
        (None, None) => return,
    };
    let name = publisher.map_or(config.title.as_str(), |p| p.name.as_str());
    for year in first..=last_due {
        if reports.contains_key(&year) {
            continue;
        }
        let file = format!("{dir}/{year}.yaml");
        out.push(
            Diagnostic::warning("report/overdue", &file)
                .msg(
                    format!(
                        "{name}没有 {year} 年度报告：应于 {} 年 {month} 月 {day} 日前公布",
                        year + 1
                    ),
                    format!(
                        "{name} has no {year} annual report: it was due by {}-{month:02}-{day:02}",
                        year + 1
                    ),
                )
                .fix(
                    format!("添加 {file}（可复制上一年的文件修改数字）；公布期限不同的，在 site.toml 中为该发布机构写 report_due"),
                    format!("add {file} (copy last year's file and change the figures); if its due date differs, set report_due for the publisher in site.toml"),
                ),
        );
    }
}

fn check_report(r: &ReportData, cx: &RuleContext, out: &mut Diagnostics) {
    if r.year > cx.today.year() {
        out.push(
            Diagnostic::error("report/future-year", &r.file)
                .msg(
                    format!("{} 年还没有到，不能有该年度的年度报告", r.year),
                    format!(
                        "{} has not come yet: there can be no annual report for it",
                        r.year
                    ),
                )
                .fix("检查文件名中的年份", "check the year in the file name"),
        );
    }
    if let Some(p) = &r.publisher {
        if cx.site.config.publisher_by_key_or_name(p).is_none() {
            out.push(
                Diagnostic::error("report/unknown-publisher", &r.file)
                    .at(r.lines.get("publisher").copied())
                    .msg(
                        format!("发布机构“{p}”不在 site.toml 的 publishers 中"),
                        format!("publisher \"{p}\" is not among site.toml's publishers"),
                    )
                    .fix(
                        "填写 site.toml 中某个发布机构的 key 或名称",
                        "give the key or name of a publisher from site.toml",
                    ),
            );
        }
    }
    abolished_differs(r, cx, out);
    written_totals(r, &r.applications, APPLICATION_ROWS, out);
    written_totals(r, &r.appeals, APPEAL_ROWS, out);
    let rows = application_rows(r);
    total_row(r, &rows, out);
    balance(r, &rows, out);
    missing_text(r, out);
}

/// 本年废止 written in the data file overrides the count of the documents whose
/// `abolished` date lies in the year; a note says when the two differ (repeals of
/// documents that are not on the portal are a reason, a figure not updated another).
fn abolished_differs(r: &ReportData, cx: &RuleContext, out: &mut Diagnostics) {
    let published = cx
        .site
        .documents
        .iter()
        .filter(|d| RuleContext::published_by(d, cx.today))
        .map(|d| &**d);
    let counted = crate::model::lifecycle::abolished_in_year(published, r.year);
    let names = [("规章", "规章"), ("行政规范性文件", "行政规范性文件")];
    for ((written, counted), (zh, en)) in r
        .proactive
        .abolished
        .written()
        .into_iter()
        .zip(counted)
        .zip(names)
    {
        let Some(written) = written.filter(|w| *w != counted) else {
            continue;
        };
        out.push(
            Diagnostic::info("report/abolished-differs", &r.file)
                .at(r.lines.get("proactive").copied())
                .msg(
                    format!("本年废止的{zh}写为 {written} 件，按本网站文件的废止日期（abolished）计算是 {counted} 件；年度报告使用所写的 {written}"),
                    format!("本年废止 {en}: the file says {written}, the documents with an `abolished` date in {} count {counted}; the report shows {written}", r.year),
                )
                .fix(
                    "如有未在本网站发布的文件被废止，保留所写数字即可；否则删去这一项，由 zwgk 按废止日期计算，或给被废止的文件写上 abolished 日期",
                    "keep the figure if documents not on this portal were repealed; otherwise delete it and let zwgk count, or give the repealed documents their `abolished` date",
                ),
        );
    }
}

/// A 总计 written at the end of a row must be the sum of the row.
fn written_totals(r: &ReportData, table: &Table, defs: &[RowDef], out: &mut Diagnostics) {
    for def in defs {
        let Some(Row {
            values,
            written_total: Some(written),
            line,
        }) = table.rows.get(def.id)
        else {
            continue;
        };
        let computed = sum(values);
        if *written != computed {
            out.push(
                Diagnostic::error("report/total-mismatch", &r.file)
                    .at(*line)
                    .msg(
                        format!(
                            "“{}”一行的总计写为 {written}，但各列之和是 {computed}",
                            def.full_label()
                        ),
                        format!(
                            "row \"{}\": the total is given as {written}, but its columns add up to {computed}",
                            def.key
                        ),
                    )
                    .fix(
                        "改正该行的数字；总计可以不写，由 zwgk 计算",
                        "correct the row's figures; the total may be left out, zwgk computes it",
                    ),
            );
        }
    }
}

/// A written 三(七)总计 row must be the sum of the outcome rows, column by column.
fn total_row(r: &ReportData, rows: &[(&RowDef, Vec<u32>)], out: &mut Diagnostics) {
    let Some(written) = r.applications.rows.get(TOTAL_ROW) else {
        return;
    };
    let (def, computed) = rows
        .iter()
        .find(|(d, _)| d.id == TOTAL_ROW)
        .expect("the total row");
    let wrong = mismatches(&written.values, computed);
    if !wrong.is_empty() {
        out.push(
            Diagnostic::error("report/total-mismatch", &r.file)
                .at(written.line)
                .msg(
                    format!(
                        "“{}”与（一）至（六）各行之和不符：{}",
                        def.full_label(),
                        wrong.join("；")
                    ),
                    format!(
                        "row \"total\" differs from the sum of the outcome rows: {}",
                        wrong.join("; ")
                    ),
                )
                .fix(
                    "核对各办理结果行；总计行可以不写，由 zwgk 计算",
                    "check the outcome rows; the total row may be left out, zwgk computes it",
                ),
        );
    }
}

/// 一、本年新收 + 二、上年结转 = 三(七)总计 + 四、结转下年度, in every applicant column.
fn balance(r: &ReportData, rows: &[(&RowDef, Vec<u32>)], out: &mut Diagnostics) {
    let new = row(rows, NEW_ROW);
    let carried_over = row(rows, CARRIED_OVER_ROW);
    let answered = row(rows, TOTAL_ROW);
    let carried_forward = row(rows, CARRIED_FORWARD_ROW);
    let mut wrong_zh = Vec::new();
    let mut wrong_en = Vec::new();
    for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
        let received = u64::from(new[c]) + u64::from(carried_over[c]);
        let handled = u64::from(answered[c]) + u64::from(carried_forward[c]);
        if received != handled {
            wrong_zh.push(format!(
                "“{column}”列：一、二两行之和为 {} + {} = {received}，三（七）与四两行之和为 {} + {} = {handled}",
                new[c], carried_over[c], answered[c], carried_forward[c]
            ));
            wrong_en.push(format!(
                "column {column}: new + carried over = {received}, answered + carried forward = {handled}"
            ));
        }
    }
    if wrong_zh.is_empty() {
        return;
    }
    let line = [CARRIED_FORWARD_ROW, NEW_ROW]
        .iter()
        .find_map(|id| r.applications.rows.get(id).and_then(|row| row.line))
        .or_else(|| r.lines.get("applications").copied());
    out.push(
        Diagnostic::error("report/sum-mismatch", &r.file)
            .at(line)
            .msg(
                format!(
                    "依申请公开表的数字对不上：“一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开申请数量”应等于“三、本年度办理结果（七）总计”加“四、结转下年度继续办理”。{}",
                    wrong_zh.join("；")
                ),
                format!(
                    "the applications table does not add up (new + carried over must equal answered + carried forward): {}",
                    wrong_en.join("; ")
                ),
            )
            .fix(
                "核对该列的收到、办理结果和结转数字：每件申请要么有办理结果，要么结转下年度",
                "check the column's figures: every request is either answered or carried forward",
            ),
    );
}

fn missing_text(r: &ReportData, out: &mut Diagnostics) {
    for i in REQUIRED_TEXT {
        let has = r
            .text
            .as_ref()
            .and_then(|t| t.sections[i].as_deref())
            .is_some_and(|s| !s.trim().is_empty());
        if has {
            continue;
        }
        let (n, title) = SECTIONS[i];
        let md = crate::layout::report_text_path(&r.file);
        out.push(
            Diagnostic::warning(
                "report/missing-text",
                r.text.as_ref().map_or(&md, |t| &t.file),
            )
            .msg(
                format!("{} 年度报告缺少“{n}、{title}”一节的文字", r.year),
                format!(
                    "the {} annual report has no text for section \"{title}\"",
                    r.year
                ),
            )
            .fix(
                format!("在 {md} 中添加“## {n}、{title}”及其内容"),
                format!("add a section \"## {n}、{title}\" to {md}"),
            ),
        );
    }
}

fn row<'a>(rows: &'a [(&RowDef, Vec<u32>)], id: &str) -> &'a [u32] {
    rows.iter()
        .find(|(def, _)| def.id == id)
        .map(|(_, v)| v.as_slice())
        .expect("a row of the format")
}

fn mismatches(written: &[u32], computed: &[u32]) -> Vec<String> {
    APPLICANT_COLUMNS
        .iter()
        .zip(written.iter().zip(computed))
        .filter(|(_, (w, c))| w != c)
        .map(|(col, (w, c))| format!("“{col}”列写为 {w}，应为 {c}"))
        .collect()
}
