//! The annual report on disclosure work (政府信息公开工作年度报告), in the format of
//! 国办公开办函〔2021〕30号.
//!
//! Per year an office keeps `content/_reports/<year>.yaml`, the figures that do not
//! live in documents (requests and how they were answered, reconsideration and
//! litigation, licensing and penalty decisions, fees), and optionally
//! `content/_reports/<year>.md`, the report's text by section. The proactive
//! disclosure figures are computed from the published documents
//! (`publish::figures`). Loading reports syntax problems; `rules::reports` checks the
//! sums; rendering lives in `render::reports`.

pub mod data;
pub mod tables;
mod text;

pub use data::{appeal_rows, application_rows, ReportData};
pub use tables::{RowDef, APPEAL_COLUMNS, APPLICANT_COLUMNS, SECTIONS};

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(PartialEq)]
enum FileKind {
    Data,
    Text,
}

/// `2025.yaml` → (2025, Data); anything else is not a report file of the folder `dir`.
fn classify(rel: &Path, dir: &str) -> Option<(i32, FileKind)> {
    if rel.parent() != Some(Path::new(dir)) {
        return None;
    }
    let stem = rel.file_stem()?.to_str()?;
    let ext = rel.extension()?.to_str()?.to_ascii_lowercase();
    let kind = match ext.as_str() {
        "yaml" | "yml" => FileKind::Data,
        "md" => FileKind::Text,
        _ => return None,
    };
    if stem.len() != 4 || !stem.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((stem.parse().ok()?, kind))
}

/// Builds the reports from the files of the reports folder `dir` (site-relative:
/// `content/_reports`, or an organ's `content/_organs/<key>/reports`), given as
/// (site-relative path, decoded text). Problems go to `diagnostics`; a year with
/// problems has no report.
pub fn load(
    dir: &str,
    files: Vec<(PathBuf, String)>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<i32, ReportData> {
    let mut data: BTreeMap<i32, (PathBuf, String)> = BTreeMap::new();
    let mut texts: BTreeMap<i32, (PathBuf, String)> = BTreeMap::new();
    for (rel, text) in files {
        match classify(&rel, dir) {
            Some((year, kind)) => {
                let slot = if kind == FileKind::Data { &mut data } else { &mut texts };
                if let Some((first, _)) = slot.get(&year) {
                    diagnostics.push(
                        Diagnostic::error("report/duplicate-file", &rel)
                            .msg(
                                format!("{year} 年已有 {}，同一年只能有一个", display_path(first)),
                                format!("{year} already has {}", display_path(first)),
                            )
                            .fix("删除其中一个文件", "delete one of the files"),
                    );
                    continue;
                }
                slot.insert(year, (rel, text));
            }
            None => diagnostics.push(
                Diagnostic::warning("report/file-name", &rel)
                    .msg(
                        "年度报告文件夹中的这个文件不会被使用：文件名应为年份，如 2025.yaml（数据）和 2025.md（文字）",
                        "this file of the reports folder is not used: name files by year, e.g. 2025.yaml (figures) and 2025.md (text)",
                    )
                    .fix(format!("改名，或把它移出 {dir}/"), format!("rename it or move it out of {dir}/")),
            ),
        }
    }
    for (year, (rel, _)) in &texts {
        if !data.contains_key(year) {
            diagnostics.push(
                Diagnostic::error("report/missing-data", rel)
                    .msg(
                        format!("有 {year} 年度报告的文字，但没有数据文件 {dir}/{year}.yaml"),
                        format!("the {year} report has text but no data file {dir}/{year}.yaml"),
                    )
                    .fix(
                        format!("添加 {dir}/{year}.yaml（依申请公开、复议诉讼等数字）"),
                        format!("add {dir}/{year}.yaml with the report's figures"),
                    ),
            );
        }
    }
    let mut reports = BTreeMap::new();
    for (year, (rel, source)) in data {
        let parsed = data::parse(&source, year, &rel);
        let text = texts
            .remove(&year)
            .map(|(rel, t)| text::parse(&t, &rel))
            .transpose();
        match (parsed, text) {
            (Ok(mut report), Ok(text)) => {
                report.text = text;
                reports.insert(year, report);
            }
            (parsed, text) => {
                diagnostics.extend(parsed.err().into_iter().flatten());
                diagnostics.extend(text.err().into_iter().flatten());
            }
        }
    }
    reports
}
