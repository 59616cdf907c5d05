//! The report data file `content/_reports/<year>.yaml`: the figures that do not
//! live in documents. Every key has an English name and a Chinese one.
//!
//! ```yaml
//! 主动公开:
//!   本年废止: {规章: 0, 行政规范性文件: 3}
//!   行政许可: 8342          # 本年处理决定数量
//!   行政处罚: 1205
//!   行政强制: 36
//!   行政事业性收费: 1863.42  # 本年收费金额，万元
//! 依申请公开:               # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他[, 总计]
//!   本年新收: [31, 4, 0, 0, 2, 0]
//!   予以公开: [12, 2, 0, 0, 1, 0]
//! 行政复议和行政诉讼:       # 结果维持, 结果纠正, 其他结果, 尚未审结[, 总计]
//!   行政复议: [2, 0, 1, 0]
//! ```
//!
//! Rows left out count as 0. A row may end with its 总计, which is then checked.

use super::tables::{self, RowDef, APPEAL_ROWS, APPLICATION_ROWS};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::util::yaml::{self, Mapping, Value};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One year's report input, as written by the office.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub year: i32,
    /// Site-relative path of the data file.
    pub file: String,
    pub title: Option<String>,
    /// Key or name of the reporting body in site.toml; the first publisher when absent.
    pub publisher: Option<String>,
    pub published: Option<NaiveDate>,
    pub proactive: ProactiveFigures,
    pub applications: Table,
    pub appeals: Table,
    /// The text sections, from `<year>.md`.
    pub text: Option<super::text::ReportText>,
    /// Line of each top-level key as written, for later diagnostics.
    pub lines: BTreeMap<&'static str, usize>,
}

/// Figures of 第二十条 (一)(五)(六)(八) that documents do not carry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProactiveFigures {
    /// 本年废止件数, as written: an override of the count of documents whose
    /// `abolished` date lies in the year (repeals of documents not on the portal).
    #[serde(default, alias = "本年废止")]
    pub abolished: Abolished,
    /// 行政许可 本年处理决定数量.
    #[serde(alias = "行政许可")]
    pub licensing: u32,
    #[serde(alias = "行政处罚")]
    pub penalties: u32,
    #[serde(alias = "行政强制")]
    pub coercion: u32,
    /// 行政事业性收费 本年收费金额, in 万元.
    #[serde(alias = "行政事业性收费")]
    pub fees: f64,
}

/// 本年废止件数 written in the data file; a figure left out is counted from the documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Abolished {
    #[serde(default, alias = "规章")]
    pub rules: Option<u32>,
    #[serde(default, alias = "行政规范性文件", alias = "规范性文件")]
    pub normative: Option<u32>,
}

impl Abolished {
    /// [规章, 行政规范性文件] as written.
    pub fn written(&self) -> [Option<u32>; 2] {
        [self.rules, self.normative]
    }
}

/// The rows of one table as written; rows not written are all zeros.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// By row id.
    pub rows: BTreeMap<&'static str, Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub values: Vec<u32>,
    /// The 总计 written after the values, if any; checked, never shown.
    pub written_total: Option<u32>,
    pub line: Option<usize>,
}

impl Table {
    /// The row's values, `width` zeros when it was not written.
    pub fn values(&self, id: &str, width: usize) -> Vec<u32> {
        self.rows
            .get(id)
            .map_or_else(|| vec![0; width], |r| r.values.clone())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default, alias = "标题")]
    title: Option<String>,
    #[serde(default, alias = "发布机构")]
    publisher: Option<String>,
    #[serde(default, alias = "发布日期")]
    published: Option<String>,
    #[serde(alias = "主动公开")]
    proactive: ProactiveFigures,
    #[serde(alias = "依申请公开")]
    applications: Mapping,
    #[serde(alias = "行政复议和行政诉讼")]
    appeals: Mapping,
}

/// The top-level keys with their Chinese names, for locating them in the text.
const TOP_KEYS: [(&str, &str); 6] = [
    ("title", "标题"),
    ("publisher", "发布机构"),
    ("published", "发布日期"),
    ("proactive", "主动公开"),
    ("applications", "依申请公开"),
    ("appeals", "行政复议和行政诉讼"),
];

const FIX_FORMAT: (&str, &str) = (
    "对照 README 中“年度报告”一节的示例修改；键名可用中文或英文",
    "compare with the annual-report example in the README; keys may be Chinese or English",
);

/// Parses a data file; `rel` is its site-relative path.
pub fn parse(text: &str, year: i32, rel: &Path) -> Result<ReportData, Diagnostics> {
    let raw: RawFile = yaml::from_str(text).map_err(|e| vec![syntax_error(text, rel, &e)])?;
    let lines: BTreeMap<&'static str, usize> = TOP_KEYS
        .iter()
        .filter_map(|(en, zh)| Some((*en, top_key_line(text, &[en, zh])?)))
        .collect();
    let mut problems = Diagnostics::default();
    let fees = raw.proactive.fees;
    if !fees.is_finite() || fees < 0.0 {
        problems.push(
            Diagnostic::error("report/invalid-figure", rel)
                .at(line_in(
                    text,
                    lines.get("proactive"),
                    &["fees", "行政事业性收费"],
                ))
                .msg(
                    format!("行政事业性收费金额“{fees}”无效：应为不小于 0 的数（单位：万元）"),
                    format!("fees \"{fees}\" is invalid: give a number ≥ 0, in 万元"),
                )
                .fix("例如 行政事业性收费: 1863.42", "for example fees: 1863.42"),
        );
    }
    let published = match raw.published.as_deref().map(crate::util::dates::parse_date) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            problems.push(
                Diagnostic::error("report/invalid-date", rel)
                    .at(lines.get("published").copied())
                    .msg(
                        format!(
                            "发布日期“{}”不是有效日期",
                            raw.published.unwrap_or_default()
                        ),
                        "published is not a valid date",
                    )
                    .fix(
                        "写成 YYYY-MM-DD，例如 2026-01-20",
                        "write YYYY-MM-DD, e.g. 2026-01-20",
                    ),
            );
            None
        }
    };
    let cx = TableCx {
        text,
        rel,
        lines: &lines,
    };
    let applications = cx.table(
        &raw.applications,
        "applications",
        tables::APPLICATION_ROWS,
        &tables::APPLICANT_COLUMNS,
        &mut problems,
    );
    let appeals = cx.table(
        &raw.appeals,
        "appeals",
        tables::APPEAL_ROWS,
        &tables::APPEAL_COLUMNS,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ReportData {
        year,
        file: crate::diagnostics::display_path(rel),
        title: raw.title.filter(|t| !t.trim().is_empty()),
        publisher: raw.publisher.filter(|p| !p.trim().is_empty()),
        published,
        proactive: raw.proactive,
        applications,
        appeals,
        text: None,
        lines,
    })
}

struct TableCx<'a> {
    text: &'a str,
    rel: &'a Path,
    lines: &'a BTreeMap<&'static str, usize>,
}

impl TableCx<'_> {
    /// Reads a mapping of row name → list of numbers (one per column, then optionally 总计).
    fn table(
        &self,
        map: &Mapping,
        section: &'static str,
        defs: &'static [RowDef],
        columns: &[&str],
        problems: &mut Diagnostics,
    ) -> Table {
        let section_line = self.lines.get(section);
        let mut table = Table::default();
        for (key, value) in map {
            let written = crate::util::yaml::scalar_text(key);
            let line = line_in(self.text, section_line, &[&written]);
            let Some(def) = tables::find_row(defs, &written) else {
                problems.push(unknown_row(self.rel, line, &written, defs));
                continue;
            };
            match numbers(value, columns.len()) {
                Ok((values, written_total)) => {
                    let row = Row {
                        values,
                        written_total,
                        line,
                    };
                    if let Some(prev) = table.rows.insert(def.id, row) {
                        problems.push(
                            Diagnostic::error("report/duplicate-row", self.rel)
                                .at(line)
                                .msg(
                                    format!("“{}”一行写了两次（另一处在第 {} 行）", def.label, prev.line.unwrap_or(0)),
                                    format!("row \"{}\" is given twice", def.key),
                                )
                                .fix("删除其中一行", "delete one of them"),
                        );
                    }
                }
                Err(()) => problems.push(
                    Diagnostic::error("report/row-format", self.rel)
                        .at(line)
                        .msg(
                            format!(
                                "“{}”一行应为 {} 个不小于 0 的整数（{}），最后可再加总计",
                                def.label,
                                columns.len(),
                                columns.join("、")
                            ),
                            format!(
                                "row \"{}\" must be a list of {} whole numbers ≥ 0 ({}), optionally followed by the total",
                                def.key,
                                columns.len(),
                                columns.join(", ")
                            ),
                        )
                        .fix(
                            format!("例如 {}: [{}]", def.names[0], vec!["0"; columns.len()].join(", ")),
                            format!("for example {}: [{}]", def.key, vec!["0"; columns.len()].join(", ")),
                        ),
                ),
            }
        }
        table
    }
}

/// `width` counts, or `width` counts and their total.
fn numbers(value: &Value, width: usize) -> Result<(Vec<u32>, Option<u32>), ()> {
    let Value::Sequence(items) = value else {
        return Err(());
    };
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        let n = v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or(())?;
        out.push(n);
    }
    match out.len() {
        n if n == width => Ok((out, None)),
        n if n == width + 1 => {
            let total = out.pop();
            Ok((out, total))
        }
        _ => Err(()),
    }
}

fn unknown_row(rel: &Path, line: Option<usize>, written: &str, defs: &[RowDef]) -> Diagnostic {
    let d = Diagnostic::error("report/unknown-row", rel).at(line);
    match tables::nearest_row(defs, written) {
        Some(r) => d
            .msg(
                format!("未知的行“{written}”，是否想写“{}”？", r.names[0]),
                format!("unknown row \"{written}\"; did you mean \"{}\"?", r.key),
            )
            .fix(
                format!("改为“{}”（或英文 {}）", r.names[0], r.key),
                format!("write \"{}\" (or {})", r.key, r.names[0]),
            ),
        None => d
            .msg(
                format!("未知的行“{written}”"),
                format!("unknown row \"{written}\""),
            )
            .fix(
                format!(
                    "可用的行：{}",
                    defs.iter()
                        .map(|r| r.names[0])
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                format!(
                    "known rows: {}",
                    defs.iter().map(|r| r.key).collect::<Vec<_>>().join(", ")
                ),
            ),
    }
}

fn syntax_error(text: &str, rel: &Path, e: &yaml::Error) -> Diagnostic {
    yaml::locate_error(Diagnostic::error("report/syntax", rel), text, e)
        .msg(
            format!("年度报告数据文件格式有误：{e}"),
            format!("the annual-report data file is malformed: {e}"),
        )
        .fix(FIX_FORMAT.0, FIX_FORMAT.1)
}

/// Line of a top-level (unindented) key written under any of `names`.
fn top_key_line(text: &str, names: &[&str]) -> Option<usize> {
    text.lines()
        .position(|l| {
            !l.starts_with([' ', '\t']) && yaml::key_of_line(l).is_some_and(|k| names.contains(&k))
        })
        .map(|i| i + 1)
}

/// Line of an indented key under the block starting at `section` (1-based), or the block's line.
fn line_in(text: &str, section: Option<&usize>, names: &[&str]) -> Option<usize> {
    let start = *section?;
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| l.trim().is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| yaml::key_of_line(l).is_some_and(|k| names.contains(&k)))
        .map_or(Some(start), |(i, _)| Some(i + 1))
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

pub fn appeal_rows(data: &ReportData) -> Vec<(&'static RowDef, Vec<u32>)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "content/_reports/2025.yaml";

    const VALID: &str = "\
标题: 测试区2025年政府信息公开工作年度报告
主动公开:
  本年废止: {行政规范性文件: 3}
  行政许可: 8342
  行政处罚: 1205
  行政强制: 36
  行政事业性收费: 1863.42
依申请公开:
  本年新收: [31, 4, 0, 0, 2, 0]
  carried_over: [2, 0, 0, 0, 0, 0, 2]
  危及“三安全一稳定”: [1, 0, 0, 0, 0, 0]
行政复议和行政诉讼:
  行政复议: [2, 0, 1, 0, 3]
";

    fn parse_ok(text: &str) -> ReportData {
        parse(text, 2025, Path::new(FILE)).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn parse_err(text: &str) -> Diagnostics {
        parse(text, 2025, Path::new(FILE)).unwrap_err()
    }

    #[test]
    fn reads_figures_with_chinese_or_english_keys() {
        let r = parse_ok(VALID);
        assert_eq!(
            r.title.as_deref(),
            Some("测试区2025年政府信息公开工作年度报告")
        );
        assert_eq!(r.proactive.abolished.rules, None);
        assert_eq!(r.proactive.abolished.normative, Some(3));
        assert_eq!(r.proactive.licensing, 8342);
        assert_eq!(r.proactive.fees, 1863.42);
        assert_eq!(r.applications.values("1", 6), [31, 4, 0, 0, 2, 0]);
        let carried = &r.applications.rows["2"];
        assert_eq!(carried.written_total, Some(2));
        assert_eq!(carried.line, Some(10));
        assert_eq!(r.applications.values("3.3.3", 6), [1, 0, 0, 0, 0, 0]);
        assert_eq!(
            r.applications.values("3.1", 6),
            [0; 6],
            "rows left out are zero"
        );
        assert_eq!(r.appeals.values("1", 4), [2, 0, 1, 0]);
        assert_eq!(r.lines["applications"], 8);
    }

    #[test]
    fn unknown_row_names_the_line_and_the_nearest_row() {
        let text = VALID.replace("本年新收:", "本年新增:");
        let errs = parse_err(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].rule, "report/unknown-row");
        assert_eq!(errs[0].line, Some(9));
        assert!(
            errs[0].message_zh.contains("本年新收"),
            "{}",
            errs[0].message_zh
        );
    }

    #[test]
    fn wrong_number_of_columns_is_refused() {
        let text = VALID.replace("[31, 4, 0, 0, 2, 0]", "[31, 4, 0, 2, 0]");
        let errs = parse_err(&text);
        assert_eq!(errs[0].rule, "report/row-format");
        assert_eq!(errs[0].line, Some(9));
        let text = VALID.replace("[31, 4, 0, 0, 2, 0]", "[31, -4, 0, 0, 2, 0]");
        assert_eq!(parse_err(&text)[0].rule, "report/row-format");
    }

    #[test]
    fn unknown_key_and_missing_section_are_syntax_errors_with_a_line() {
        let text = VALID.replace("行政处罚:", "行政处法:");
        let errs = parse_err(&text);
        assert_eq!(errs[0].rule, "report/syntax");
        assert_eq!(errs[0].line, Some(5), "{errs:?}");
        let text = VALID.replace("行政复议和行政诉讼:\n  行政复议: [2, 0, 1, 0, 3]\n", "");
        let errs = parse_err(&text);
        assert_eq!(errs[0].rule, "report/syntax");
        assert!(errs[0].message_en.contains("appeals"), "{errs:?}");
    }

    #[test]
    fn the_same_row_twice_is_refused() {
        let text = VALID.replace(
            "  carried_over:",
            "  new: [1, 0, 0, 0, 0, 0]\n  carried_over:",
        );
        let errs = parse_err(&text);
        assert!(
            errs.iter().any(|e| e.rule == "report/duplicate-row"),
            "{errs:?}"
        );
    }

    #[test]
    fn negative_fees_are_refused() {
        let errs = parse_err(&VALID.replace("1863.42", "-3"));
        assert_eq!(errs[0].rule, "report/invalid-figure");
        assert_eq!(errs[0].line, Some(7));
    }
}
