//! `zwgk check`: runs every rule and reports, as text for people or as JSON for CI.
//!
//! The JSON format is stable (documented in README.md, "Checking before you
//! commit"); a change that is not backward compatible raises [`JSON_VERSION`].

use crate::build;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::render::theme::Theme;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

pub const JSON_VERSION: u32 = 1;

/// Everything a check found.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    /// Markdown documents found under content/, loaded or not.
    pub documents: usize,
}

impl CheckReport {
    /// Errors fail; warnings fail only when `strict`; notes never do.
    pub fn passes(&self, strict: bool) -> bool {
        let failing_warnings = strict && self.diagnostics.warning_count() > 0;
        !(self.diagnostics.has_errors() || failing_warnings)
    }

    pub fn summary(&self) -> Summary {
        Summary {
            errors: self.diagnostics.error_count(),
            warnings: self.diagnostics.warning_count(),
            infos: self.diagnostics.count(Severity::Info),
            documents: self.documents,
        }
    }

    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            version: u32,
            summary: Summary,
            findings: Vec<&'a Diagnostic>,
        }
        let json = Json {
            version: JSON_VERSION,
            summary: self.summary(),
            findings: self.diagnostics.iter().collect(),
        };
        serde_json::to_string_pretty(&json).expect("findings serialize") + "\n"
    }

    pub fn to_text(&self, strict: bool) -> String {
        let mut out = crate::diagnostics::report(self.diagnostics.iter());
        let s = self.summary();
        let verdict_zh = if self.passes(strict) {
            "通过"
        } else {
            "未通过"
        };
        let verdict_en = if self.passes(strict) {
            "passed"
        } else {
            "failed"
        };
        out.push_str(&format!(
            "检查{verdict_zh}：{} 个文档，{} 处错误，{} 处警告，{} 条提示{}\n",
            s.documents,
            s.errors,
            s.warnings,
            s.infos,
            if strict {
                "（--strict：警告也不通过）"
            } else {
                ""
            }
        ));
        out.push_str(&format!(
            "check {verdict_en}: {} documents, {} error(s), {} warning(s), {} note(s){}\n",
            s.documents,
            s.errors,
            s.warnings,
            s.infos,
            if strict {
                " (--strict: warnings fail too)"
            } else {
                ""
            }
        ));
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub documents: usize,
}

/// Loads the site as `build` does and runs every rule; writes nothing.
pub fn check(root: &Path, today: NaiveDate) -> CheckReport {
    match build::Session::new(root, false).check(today) {
        Ok((site, mut diagnostics)) => {
            // `build` needs the theme too; a missing one should not wait for the deploy.
            if let Err(ds) = Theme::load(&site.root, &site.config.theme) {
                diagnostics.extend(ds);
            }
            // An output_dir that would replace the site's sources, or a file.
            let output_dir = &site.config.output_dir;
            let origin = crate::output::Origin::OutputDir(output_dir.clone());
            if let Err(d) =
                crate::output::check_place(&site.root, &site.root.join(output_dir), &origin)
            {
                diagnostics.extend(d);
            }
            CheckReport {
                diagnostics,
                documents: site.documents_found,
            }
        }
        Err(diagnostics) => CheckReport {
            diagnostics,
            documents: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, Fixture};

    /// A site whose one document is scheduled: a warning on 2025-11-30.
    fn scheduled() -> Fixture {
        let f = Fixture::new();
        let dates = [("created", "2025-12-31"), ("published", "2026-01-01")];
        f.write("content/a.md", &doc(1, &dates, ""));
        f
    }

    fn rules(report: &CheckReport) -> Vec<&'static str> {
        report.diagnostics.iter().map(|d| d.rule).collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, 30).unwrap()
    }

    #[test]
    fn json_has_the_documented_shape() {
        let f = scheduled();
        f.write("content/b.md", &doc(1, &[], ""));
        let report = check(f.root(), today());
        let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(
            v["summary"],
            serde_json::json!({"errors": 1, "warnings": 1, "infos": 1, "documents": 2})
        );
        let first = &v["findings"][0];
        let keys: Vec<&str> = first
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys, // sorted by serde_json::Value
            [
                "column",
                "file",
                "fix_en",
                "fix_zh",
                "line",
                "message_en",
                "message_zh",
                "rule",
                "severity"
            ]
        );
        assert_eq!(first["file"], "content/a.md");
        assert_eq!(first["rule"], "dates/future-publication");
        assert_eq!(first["severity"], "warning");
        assert_eq!(first["column"], serde_json::Value::Null);
        assert_eq!(v["findings"][1]["rule"], "disclosure/held-back");
        assert_eq!(v["findings"][1]["severity"], "info");
        assert_eq!(v["findings"][2]["severity"], "error");
    }

    #[test]
    fn warnings_fail_only_when_strict() {
        let f = scheduled();
        let report = check(f.root(), today());
        assert!(report.passes(false));
        assert!(!report.passes(true));
        assert!(report
            .to_text(true)
            .contains("check failed: 1 documents, 0 error(s), 1 warning(s)"));
    }

    #[test]
    fn a_missing_theme_is_reported() {
        let f = Fixture::new();
        let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
        f.write("site.toml", &format!("theme = \"gone\"\n{toml}"));
        let report = check(f.root(), today());
        assert_eq!(rules(&report), ["theme/missing"]);
    }

    #[test]
    fn a_broken_site_toml_is_reported_as_findings() {
        let f = Fixture::with_config("0371-1", "nonsense = 1");
        let report = check(f.root(), today());
        assert_eq!(rules(&report), ["config/syntax"]);
        assert!(!report.passes(false));
    }
}
