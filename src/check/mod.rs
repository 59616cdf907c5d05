//! `zwgk check`: runs every rule and reports, as text for people, as JSON for CI, or
//! as one HTML page for the office and its leaders (`html.rs`).
//!
//! With `[inspection]` in site.toml, `--inspect` or `--format html`, it also judges the
//! portal as a government-website inspection would (`rules::columns`, the listing
//! pages rendered in memory, docs/inspection.md); with `--links` it requests every
//! external link of the published documents (`links.rs`). Without `--links` no
//! network is touched.
//!
//! The JSON format is stable (documented in README.md, "Checking before you
//! commit"); a change that is not backward compatible raises [`JSON_VERSION`].

pub mod html;
pub mod links;

use crate::build;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::LoadedSite;
use crate::model::taxonomy::Category;
use crate::render::theme::Theme;
use crate::rules::columns::{Column, ColumnKind};
use crate::rules::RuleContext;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const JSON_VERSION: u32 = 1;

/// What a check does besides the rules `build` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// `--strict`: 5 or more empty columns are an error (warnings fail anyway).
    pub strict: bool,
    /// `--inspect`: the inspection rules even without `[inspection]` in site.toml.
    pub inspect: bool,
    /// `--links`: request every external link of the published documents.
    pub links: bool,
}

/// Everything a check found.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    /// Markdown documents found under content/, loaded or not.
    pub documents: usize,
    /// What the inspection looked at, when it ran.
    pub inspection: Option<Inspection>,
}

/// The portal as the inspection saw it on `today`, for the reports. Made only from
/// the documents published that day, and counts of the others.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    pub today: NaiveDate,
    pub site_title: String,
    pub base_url: String,
    /// Documents published on `today`, and those held back (依申请公开, 不予公开,
    /// drafts, unreviewed, scheduled), counted only.
    pub published: usize,
    pub withheld: usize,
    pub columns: Vec<Column>,
    pub empty_columns: usize,
    pub stale_columns: usize,
    pub empty_limit: usize,
    /// Working days from 成文日期 to 发布日期 of each published document (where the
    /// holiday calendar knows the years), and how many could not be counted.
    pub delays: Vec<u32>,
    pub delays_unknown: usize,
    /// The general time limit, in working days, marked on the histogram.
    pub limit_days: u32,
    /// Each publishing body: its name, and its published documents per 五公开.
    pub organs: Vec<Organ>,
    /// Site-relative file → publishing body's name, to group findings by organ.
    #[serde(skip)]
    pub organ_of: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organ {
    pub key: String,
    pub name: String,
    /// Published documents per 五公开, in [`Category::ALL`] order.
    pub categories: Vec<usize>,
}

impl Inspection {
    fn of(cx: &RuleContext) -> Inspection {
        let site = cx.site;
        let columns = crate::rules::columns::columns(cx);
        let mut delays = Vec::new();
        let mut delays_unknown = 0;
        let mut published = 0;
        let mut per_organ: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for doc in &site.documents {
            if !RuleContext::published_by(doc, cx.today) {
                continue;
            }
            published += 1;
            let counts = per_organ
                .entry(doc.publisher.as_str())
                .or_insert_with(|| vec![0; Category::ALL.len()]);
            if let Some(i) = Category::ALL.iter().position(|c| *c == doc.category) {
                counts[i] += 1;
            }
            match doc
                .published
                .and_then(|p| cx.calendar.working_days_after(doc.created, p))
            {
                Some(n) => delays.push(n),
                None => delays_unknown += 1,
            }
        }
        let organs = site
            .config
            .publishers
            .iter()
            .map(|p| Organ {
                key: p.key.clone(),
                name: p.name.clone(),
                categories: per_organ
                    .get(p.key.as_str())
                    .cloned()
                    .unwrap_or_else(|| vec![0; Category::ALL.len()]),
            })
            .collect();
        let organ_of = site
            .documents
            .iter()
            .map(|d| {
                (
                    d.file.clone(),
                    site.config
                        .publisher(&d.publisher)
                        .map_or_else(|| d.publisher.clone(), |p| p.name.clone()),
                )
            })
            .collect();
        Inspection {
            today: cx.today,
            site_title: site.config.title.clone(),
            base_url: site.config.base_url(),
            published,
            withheld: site.documents_found - published,
            empty_columns: columns.iter().filter(|c| c.is_empty()).count(),
            stale_columns: columns.iter().filter(|c| c.is_stale(cx.today)).count(),
            empty_limit: *site.config.inspection.empty_limit.get_ref(),
            columns,
            delays,
            delays_unknown,
            limit_days: crate::rules::timeliness::TIME_LIMIT_WORKING_DAYS,
            organs,
            organ_of,
        }
    }

    /// The columns of `kind`.
    pub fn columns_of(&self, kind: ColumnKind) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(move |c| c.kind == kind)
    }
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
            #[serde(skip_serializing_if = "Option::is_none")]
            inspection: Option<&'a Inspection>,
        }
        let json = Json {
            version: JSON_VERSION,
            summary: self.summary(),
            findings: self.diagnostics.iter().collect(),
            inspection: self.inspection.as_ref(),
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
pub fn check(root: &Path, today: NaiveDate, opts: &CheckOptions) -> CheckReport {
    match build::Session::new(root, false).check(today) {
        Ok((site, mut diagnostics)) => {
            // `build` needs the theme too; a missing one should not wait for the deploy.
            let theme = Theme::load(&site.root, &site.config.theme);
            if let Err(ds) = &theme {
                diagnostics.extend(ds.iter().cloned());
            }
            // An output_dir that would replace the site's sources, or a file.
            let output_dir = &site.config.output_dir;
            let origin = crate::output::Origin::OutputDir(output_dir.clone());
            if let Err(d) =
                crate::output::check_place(&site.root, &site.root.join(output_dir), &origin)
            {
                diagnostics.extend(d);
            }
            let documents = site.documents_found;
            let mut inspection = None;
            if opts.links {
                diagnostics.extend(links::check_external(&site, today));
            }
            if opts.inspect || site.config.inspection.enabled {
                diagnostics.extend(crate::rules::inspect(&site, today));
                inspection = Some(Inspection::of(&RuleContext::new(&site, today)));
                if theme.is_ok() {
                    diagnostics.extend(listing_dates(site, today));
                }
            }
            if opts.strict {
                crate::rules::columns::strict(&mut diagnostics);
            }
            diagnostics.sort();
            CheckReport {
                diagnostics,
                documents,
                inspection,
            }
        }
        Err(diagnostics) => CheckReport {
            diagnostics,
            documents: 0,
            inspection: None,
        },
    }
}

/// `columns/listing-date` over the listing pages, rendered as `build` would.
fn listing_dates(site: LoadedSite, today: NaiveDate) -> Vec<Diagnostic> {
    let listings = match build::inspect::listing_pages(site, today) {
        Ok(l) => l,
        Err(e) => return e.errors().cloned().collect(),
    };
    let mut out: Vec<Diagnostic> = listings
        .pages
        .iter()
        .filter_map(|p| {
            let listing = crate::rules::listings::Listing {
                output: &p.output,
                template: p.template,
                html: &p.html,
            };
            crate::rules::listings::dates_shown(&listing, &listings.published, &listings.titles)
        })
        .collect();
    // One finding per template is enough to act on; the message names a page.
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out.dedup_by(|a, b| a.file == b.file);
    out
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
        let report = check(f.root(), today(), &CheckOptions::default());
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
        let report = check(f.root(), today(), &CheckOptions::default());
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
        let report = check(f.root(), today(), &CheckOptions::default());
        assert_eq!(rules(&report), ["theme/missing"]);
    }

    #[test]
    fn a_broken_site_toml_is_reported_as_findings() {
        let f = Fixture::with_config("0371-1", "nonsense = 1");
        let report = check(f.root(), today(), &CheckOptions::default());
        assert_eq!(rules(&report), ["config/syntax"]);
        assert!(!report.passes(false));
    }
}
