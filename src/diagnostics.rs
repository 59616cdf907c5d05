//! Findings about a site's content: what is wrong, where, and how to fix it.
//!
//! Every stage that looks at content reports through [`Diagnostic`], so `build`,
//! `check` and `serve` print the same messages. Messages are bilingual: staff read
//! the Chinese, the English stands beside it for developers and CI logs.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops `build`; `check` exits 1.
    Error,
    /// Printed; `check --strict` exits 1.
    Warning,
    /// A note for the reviewer that is no problem, e.g. personal data published
    /// under a stated legal basis. Never changes an exit code.
    Info,
}

impl Severity {
    /// The label staff read, Chinese first.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误 error",
            Severity::Warning => "警告 warning",
            Severity::Info => "提示 info",
        }
    }
}

/// One finding, anchored to a file and (where known) a line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Stable rule id, e.g. `schema/unknown-key`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    pub fix_zh: String,
    pub fix_en: String,
}

impl Diagnostic {
    pub fn error(rule: &'static str, file: impl AsRef<Path>) -> Self {
        Self::new(rule, Severity::Error, file)
    }

    pub fn warning(rule: &'static str, file: impl AsRef<Path>) -> Self {
        Self::new(rule, Severity::Warning, file)
    }

    pub fn info(rule: &'static str, file: impl AsRef<Path>) -> Self {
        Self::new(rule, Severity::Info, file)
    }

    fn new(rule: &'static str, severity: Severity, file: impl AsRef<Path>) -> Self {
        Diagnostic {
            file: display_path(file.as_ref()),
            line: None,
            column: None,
            rule,
            severity,
            message_zh: String::new(),
            message_en: String::new(),
            fix_zh: String::new(),
            fix_en: String::new(),
        }
    }

    pub fn at(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn at_column(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn msg(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.message_zh = zh.into();
        self.message_en = en.into();
        self
    }

    pub fn fix(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.fix_zh = zh.into();
        self.fix_en = en.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `content/a.md:12:3`, the form editors and terminals turn into links.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.file, l, c),
            (Some(l), None) => format!("{}:{}", self.file, l),
            _ => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}[{}]: {}",
            self.severity.label(),
            self.rule,
            self.location()
        )?;
        writeln!(f, "  {}", self.message_zh)?;
        write!(f, "  {}", self.message_en)?;
        if !self.fix_zh.is_empty() {
            write!(f, "\n  修改方法：{}", self.fix_zh)?;
            if !self.fix_en.is_empty() {
                write!(f, "\n  how to fix: {}", self.fix_en)?;
            }
        }
        Ok(())
    }
}

/// All findings of a run, in a stable order (file, line, rule).
#[derive(Debug, Default, Clone, Serialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.rule, &a.message_en).cmp(&(
                &b.file,
                b.line,
                b.column,
                b.rule,
                &b.message_en,
            ))
        });
        self.items.dedup();
    }

    /// Findings of `rule` with severity `from` get severity `to` (`check --strict`).
    pub fn escalate(&mut self, rule: &str, from: Severity, to: Severity) {
        for d in &mut self.items {
            if d.rule == rule && d.severity == from {
                d.severity = to;
            }
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics { items: vec![d] }
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics { items }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl std::fmt::Display for Diagnostics {
    /// Every finding, as [`report`] prints them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&report(self.iter()))
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.items
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Findings as staff read them on a terminal, one block each: what `build`,
/// `check` and `serve` all print.
pub fn report<'a>(findings: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    let mut out = String::new();
    for d in findings {
        out.push_str(&format!("{d}\n\n"));
    }
    out
}

/// A path as staff see it in messages: relative, forward slashes.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_rule_and_both_languages() {
        let d = Diagnostic::error("schema/missing-key", "content/a.md")
            .at(Some(3))
            .msg("缺少必填项 “title”", "missing required key \"title\"")
            .fix("在第 3 行添加 title", "add title");
        let text = d.to_string();
        assert!(text.contains("error[schema/missing-key]: content/a.md:3"));
        assert!(text.contains("缺少必填项"));
        assert!(text.contains("missing required key"));
        assert!(text.contains("修改方法"));
    }

    #[test]
    fn sort_orders_by_file_then_line() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::error("r", "b.md").at(Some(1)));
        ds.push(Diagnostic::warning("r", "a.md").at(Some(9)));
        ds.push(Diagnostic::error("r", "a.md").at(Some(2)));
        ds.sort();
        let order: Vec<_> = ds.iter().map(|d| d.location()).collect();
        assert_eq!(order, ["a.md:2", "a.md:9", "b.md:1"]);
        assert_eq!(ds.error_count(), 2);
        assert_eq!(ds.warning_count(), 1);
        ds.push(Diagnostic::info("r", "c.md"));
        assert_eq!(
            (
                ds.error_count(),
                ds.warning_count(),
                ds.count(Severity::Info)
            ),
            (2, 1, 1)
        );
    }
}
