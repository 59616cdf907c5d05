//! The report's text, `content/_reports/<year>.md`: one `## ` section per standard
//! section title (numbering such as “一、” is optional); text before the first
//! heading opens the report.

use super::tables::SECTIONS;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

/// Markdown sources of the report's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportText {
    /// Text before the first section heading.
    pub preamble: String,
    /// By position in [`SECTIONS`].
    pub sections: [Option<String>; 6],
    /// The line of the file each text starts on: the preamble, then each section.
    pub lines: [usize; 7],
    /// Site-relative path of the Markdown file.
    pub file: String,
}

pub fn parse(text: &str, rel: &Path) -> Result<ReportText, Diagnostics> {
    let mut out = ReportText {
        file: crate::diagnostics::display_path(rel),
        lines: [1; 7],
        ..ReportText::default()
    };
    let mut problems = Vec::new();
    // The section being read: Some(index), or None for an unknown heading (its text is skipped).
    let mut current: Option<Option<usize>> = None;
    let mut in_fence = false;
    for (i, line) in text.lines().enumerate() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        in_fence ^= fence;
        if let Some(heading) = line.strip_prefix("## ").filter(|_| !in_fence) {
            let found = section_index(heading);
            match found {
                Some(s) if out.sections[s].is_some() => problems.push(
                    Diagnostic::error("report/duplicate-section", rel)
                        .at(Some(i + 1))
                        .msg(
                            format!("“{}”一节出现了两次", SECTIONS[s].1),
                            format!("section \"{}\" appears twice", SECTIONS[s].1),
                        )
                        .fix("把两处内容合并到一节", "merge the two into one section"),
                ),
                Some(s) => {
                    out.sections[s] = Some(String::new());
                    out.lines[s + 1] = i + 2;
                }
                None => problems.push(unknown_section(rel, i + 1, heading)),
            }
            current = Some(found);
            continue;
        }
        let target = match current {
            None => Some(&mut out.preamble),
            Some(Some(s)) => out.sections[s].as_mut(),
            Some(None) => None,
        };
        if let Some(t) = target {
            t.push_str(line);
            t.push('\n');
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.into())
    }
}

impl ReportText {
    /// The texts the report page shows (the preamble, then each section given),
    /// with the line of the file each starts on.
    pub fn pieces(&self) -> impl Iterator<Item = (&str, usize)> {
        std::iter::once(Some(self.preamble.as_str()))
            .chain(self.sections.iter().map(Option::as_deref))
            .zip(self.lines)
            .filter_map(|(text, line)| text.map(|t| (t, line)))
    }
}

/// The standard section a heading names, with or without its number.
fn section_index(heading: &str) -> Option<usize> {
    let title = strip_number(heading);
    SECTIONS.iter().position(|(_, t)| *t == title)
}

/// `一、总体情况` → `总体情况`; `1. 总体情况` → `总体情况`.
fn strip_number(heading: &str) -> String {
    let h: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    let rest =
        h.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit());
    if rest.len() < h.len() {
        if let Some(r) = rest.strip_prefix(['、', '.', '．']) {
            return r.to_string();
        }
    }
    h
}

fn unknown_section(rel: &Path, line: usize, heading: &str) -> Diagnostic {
    let title = strip_number(heading);
    let nearest = SECTIONS
        .iter()
        .max_by(|(_, a), (_, b)| {
            strsim::sorensen_dice(&title, a).total_cmp(&strsim::sorensen_dice(&title, b))
        })
        .map(|(n, t)| format!("{n}、{t}"))
        .unwrap_or_default();
    Diagnostic::error("report/unknown-section", rel)
        .at(Some(line))
        .msg(
            format!(
                "“{}”不是年度报告的标准章节，最接近的是“{nearest}”",
                heading.trim()
            ),
            format!(
                "\"{}\" is not a section of the annual report; nearest: {nearest}",
                heading.trim()
            ),
        )
        .fix(
            format!(
                "二级标题（## ）只能用这六个：{}；小标题请用 ### ",
                SECTIONS
                    .iter()
                    .map(|(n, t)| format!("{n}、{t}"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            "use the six standard section titles for `## ` headings; use `### ` for sub-headings",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel() -> &'static Path {
        Path::new("content/_reports/2025.md")
    }

    #[test]
    fn splits_by_standard_section_with_or_without_number() {
        let t = parse(
            "本报告依据条例编制。\n\n## 一、总体情况\n\n全年主动公开。\n\n### （一）主动公开\n\n细节\n## 存在的主要问题及改进情况\n问题\n",
            rel(),
        )
        .unwrap();
        assert_eq!(t.preamble.trim(), "本报告依据条例编制。");
        assert_eq!(
            t.sections[0].as_deref().unwrap().trim(),
            "全年主动公开。\n\n### （一）主动公开\n\n细节"
        );
        assert_eq!(t.sections[4].as_deref().unwrap().trim(), "问题");
        assert_eq!(t.sections[5], None);
        let lines: Vec<usize> = t.pieces().map(|(_, line)| line).collect();
        assert_eq!(lines, [1, 4, 11]);
    }

    #[test]
    fn unknown_and_repeated_sections_are_errors_with_lines() {
        let errs = parse("## 总体情况\nx\n## 四、存在问题\ny\n## 总体情况\n", rel()).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].rule, "report/unknown-section");
        assert_eq!(errs[0].line, Some(3));
        assert!(
            errs[0].message_zh.contains("存在的主要问题及改进情况"),
            "{}",
            errs[0].message_zh
        );
        assert_eq!(errs[1].rule, "report/duplicate-section");
        assert_eq!(errs[1].line, Some(5));
    }

    #[test]
    fn headings_inside_code_blocks_are_text() {
        let t = parse("## 总体情况\n```\n## 不是标题\n```\n", rel()).unwrap();
        assert!(t.sections[0].as_deref().unwrap().contains("## 不是标题"));
    }
}
