//! Small sites on disk for the rules' tests.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use chrono::NaiveDate;
use std::path::Path;

/// The date the fixtures are checked on.
pub const TODAY: (i32, u32, u32) = (2025, 11, 30);

pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with one publisher `qzf` (code 005283492) and the office phone 0371-12345678.
    pub fn new() -> Fixture {
        Fixture::with_config("0371-12345678", "")
    }

    /// `extra` is appended to site.toml (e.g. a `[holidays.2027]` table).
    pub fn with_config(office_phone: &str, extra: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let toml = format!(
            "title = \"测试区\"\nbase_url = \"https://example.gov.cn/\"\n\
             [office]\nphone = \"{office_phone}\"\nfax = \"0371-12345679\"\n\
             [footer]\nsite_code = \"4190000097\"\n\
             [[publishers]]\nkey = \"qzf\"\nname = \"测试区人民政府\"\ncode = \"005283492\"\n\
             [[publishers]]\nkey = \"czj\"\nname = \"测试区财政局\"\ncode = \"005283513\"\n{extra}\n"
        );
        std::fs::write(dir.path().join("site.toml"), toml).expect("write site.toml");
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn check_on(&self, today: NaiveDate) -> Diagnostics {
        let config = crate::config::SiteConfig::load(self.root())
            .unwrap_or_else(|e| panic!("site.toml of the fixture is invalid: {e:?}"));
        let mut site = crate::load::load(self.root(), config, None);
        let mut found = std::mem::take(&mut site.diagnostics);
        found.extend(super::validate(&site, today, None));
        found.sort();
        found
    }

    /// The findings of the inspection rules alone (`columns/*`), sorted.
    pub fn inspect_on(&self, today: NaiveDate) -> Diagnostics {
        let config = crate::config::SiteConfig::load(self.root())
            .unwrap_or_else(|e| panic!("site.toml of the fixture is invalid: {e:?}"));
        let site = crate::load::load(self.root(), config, None);
        let mut found = super::inspect(&site, today);
        found.sort();
        found
    }

    pub fn check(&self) -> Diagnostics {
        let (y, m, d) = TODAY;
        self.check_on(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    /// The one finding of the site, to look at its message.
    pub fn single_finding(&self) -> Diagnostic {
        let ds = self.check().into_vec();
        assert_eq!(ds.len(), 1, "{ds:#?}");
        ds.into_iter().next().expect("one")
    }

    /// `"<file> <rule>"` for every finding in report order, with ` (warning)` or
    /// ` (info)` after those that are not errors.
    pub fn findings(&self) -> Vec<String> {
        self.check()
            .iter()
            .map(|d| match d.severity {
                Severity::Error => format!("{} {}", d.file, d.rule),
                Severity::Warning => format!("{} {} (warning)", d.file, d.rule),
                Severity::Info => format!("{} {} (info)", d.file, d.rule),
            })
            .collect()
    }
}

/// Front matter that makes a document 不予公开, with its reason and basis.
pub const WITHHELD: [(&str, &str); 3] = [
    ("disclosure", "不予公开"),
    ("withheld_reason", "属于内部事务信息"),
    (
        "withheld_basis",
        "《中华人民共和国政府信息公开条例》第十六条",
    ),
];

/// A valid, publishable document numbered `seq`, with `overrides` applied: a key
/// given replaces the default, an empty value removes it, a new key is added.
pub fn doc(seq: u32, overrides: &[(&str, &str)], body: &str) -> String {
    let index_no = format!("005283492/2025-{seq:05}");
    let title = format!("测试区关于第{seq}项工作的通知");
    let mut fields: Vec<(String, String)> = [
        ("title", title.as_str()),
        ("index_no", index_no.as_str()),
        ("publisher", "qzf"),
        ("doc_type", "通知"),
        ("created", "2025-03-10"),
        ("published", "2025-03-12"),
        ("category", "决策公开"),
        ("disclosure", "主动公开"),
        (
            "review",
            "{reviewer: 王明, date: 2025-03-11, conclusion: 同意公开}",
        ),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in overrides {
        match fields.iter().position(|(key, _)| key == k) {
            Some(i) if v.is_empty() => {
                fields.remove(i);
            }
            Some(i) => fields[i].1 = v.to_string(),
            None => fields.push((k.to_string(), v.to_string())),
        }
    }
    let mut text = String::from("---\n");
    for (k, v) in fields {
        text.push_str(&format!("{k}: {v}\n"));
    }
    text.push_str("---\n\n");
    text.push_str(body);
    text.push('\n');
    text
}
