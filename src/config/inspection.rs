//! `[inspection]` and `[wording]` in site.toml: how `zwgk check` judges the portal as a
//! government-website inspection would (国办秘函〔2019〕19号 and the provincial 普查
//! tables), and the office's own wording list. Every value is checked here, so a bad
//! one is a `config/invalid` error at its line.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// Empty columns at or above this count fail an inspection outright (单项否决).
pub const DEFAULT_EMPTY_LIMIT: usize = 5;
/// The home page's newest document may be at most this many days old.
pub const DEFAULT_HOME_DAYS: u32 = 14;
/// Every other column's newest document may be at most this many months old.
pub const DEFAULT_COLUMN_MONTHS: u32 = 6;
/// `check --links`: seconds before a link that does not answer counts as dead.
pub const DEFAULT_LINK_TIMEOUT: u32 = 10;
/// `check --links`: requests at the same time.
pub const DEFAULT_LINK_PARALLEL: u32 = 8;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// 空白栏目: this many or more fail `check --strict` as an error.
    #[serde(default = "empty_limit")]
    pub empty_limit: Spanned<usize>,
    /// Days the home page may go without a new document.
    #[serde(default = "home_days")]
    pub home_days: Spanned<u32>,
    /// Months any other column may go without a new document.
    #[serde(default = "column_months")]
    pub column_months: Spanned<u32>,
    /// Columns, by address (`domains/czyjs/items/2-3/`), that may stay empty and are
    /// never judged stale: items published only on request, say.
    #[serde(default)]
    pub exempt: Vec<Spanned<String>>,
    /// A column's own limit, by address: `{ days = 30 }` or `{ months = 13 }`.
    #[serde(default)]
    pub columns: BTreeMap<String, Spanned<Freshness>>,
    /// `check --links`: seconds to wait for an answer.
    #[serde(default = "link_timeout")]
    pub link_timeout: Spanned<u32>,
    /// `check --links`: requests at the same time.
    #[serde(default = "link_parallel")]
    pub link_parallel: Spanned<u32>,
    /// Every address named above with its line in site.toml ([`Inspection::locate`]).
    #[serde(skip)]
    pub addresses: Vec<(String, usize)>,
    /// site.toml has an `[inspection]` table: `zwgk check` runs the inspection rules.
    #[serde(skip)]
    pub enabled: bool,
}

impl Default for Inspection {
    fn default() -> Self {
        Inspection {
            empty_limit: empty_limit(),
            home_days: home_days(),
            column_months: column_months(),
            exempt: Vec::new(),
            columns: BTreeMap::new(),
            link_timeout: link_timeout(),
            link_parallel: link_parallel(),
            addresses: Vec::new(),
            enabled: false,
        }
    }
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}
fn empty_limit() -> Spanned<usize> {
    spanned(DEFAULT_EMPTY_LIMIT)
}
fn home_days() -> Spanned<u32> {
    spanned(DEFAULT_HOME_DAYS)
}
fn column_months() -> Spanned<u32> {
    spanned(DEFAULT_COLUMN_MONTHS)
}
fn link_timeout() -> Spanned<u32> {
    spanned(DEFAULT_LINK_TIMEOUT)
}
fn link_parallel() -> Spanned<u32> {
    spanned(DEFAULT_LINK_PARALLEL)
}

/// How long a column may go without a new document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Freshness {
    #[serde(default)]
    pub days: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
}

/// A column's limit, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MaxAge {
    Days(u32),
    Months(u32),
}

impl MaxAge {
    pub fn zh(self) -> String {
        match self {
            MaxAge::Days(n) => format!("{n} 天"),
            MaxAge::Months(n) => format!("{n} 个月"),
        }
    }

    pub fn en(self) -> String {
        match self {
            MaxAge::Days(n) => format!("{n} day(s)"),
            MaxAge::Months(n) => format!("{n} month(s)"),
        }
    }

    /// The first day on which a column whose newest document is of `newest` is stale.
    pub fn stale_from(self, newest: chrono::NaiveDate) -> chrono::NaiveDate {
        let last = match self {
            MaxAge::Days(n) => newest.checked_add_days(chrono::Days::new(u64::from(n))),
            MaxAge::Months(n) => newest.checked_add_months(chrono::Months::new(n)),
        };
        last.and_then(|d| d.succ_opt())
            .unwrap_or(chrono::NaiveDate::MAX)
    }
}

impl Freshness {
    fn max_age(self) -> Option<MaxAge> {
        match (self.days, self.months) {
            (Some(d), None) if d > 0 => Some(MaxAge::Days(d)),
            (None, Some(m)) if m > 0 => Some(MaxAge::Months(m)),
            _ => None,
        }
    }
}

/// A column address as written in site.toml, as the findings print it: no leading
/// `/`, one trailing `/` (the home page is `/`).
pub fn column_key(address: &str) -> String {
    let a = address.trim().trim_start_matches('/');
    let a = a.strip_suffix("index.html").unwrap_or(a);
    if a.is_empty() {
        String::new()
    } else {
        format!("{}/", a.trim_end_matches('/'))
    }
}

impl Inspection {
    /// The limit site.toml sets for the column at `address`, if any.
    pub fn column_limit(&self, address: &str) -> Option<MaxAge> {
        let key = column_key(address);
        self.columns
            .iter()
            .find(|(k, _)| column_key(k) == key)
            .and_then(|(_, f)| f.get_ref().max_age())
    }

    pub fn is_exempt(&self, address: &str) -> bool {
        let key = column_key(address);
        self.exempt.iter().any(|e| column_key(e.get_ref()) == key)
    }

    /// Notes every address site.toml names (exempt and per-column limits) with its
    /// line, for the rule that says when one names no column (`columns/unknown`).
    pub fn locate(&mut self, text: &str) {
        self.enabled =
            toml::from_str::<toml::Table>(text).is_ok_and(|t| t.contains_key("inspection"));
        let line = |span: std::ops::Range<usize>| crate::util::text::line_col(text, span.start).0;
        let mut out: Vec<(String, usize)> = self
            .exempt
            .iter()
            .map(|e| (e.get_ref().clone(), line(e.span())))
            .collect();
        out.extend(
            self.columns
                .iter()
                .map(|(k, f)| (k.clone(), line(f.span()))),
        );
        self.addresses = out;
    }

    /// Problems with the values, each at its line in `text` (the site.toml source).
    pub fn check(&self, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at =
            |span: std::ops::Range<usize>, zh: String, en: String, fix_zh: &str, fix_en: &str| {
                let (line, column) = crate::util::text::line_col(text, span.start);
                Diagnostic::error("config/invalid", crate::layout::CONFIG_FILE)
                    .at_column(line, column)
                    .msg(zh, en)
                    .fix(fix_zh, fix_en)
            };
        if *self.empty_limit.get_ref() == 0 {
            out.push(at(
                self.empty_limit.span(),
                "[inspection] empty_limit 必须至少为 1".into(),
                "[inspection] empty_limit must be at least 1".into(),
                "普查标准是 5 个空白栏目即单项否决：empty_limit = 5",
                "inspections fail a site with 5 empty columns: empty_limit = 5",
            ));
        }
        for (key, value) in [
            ("home_days", &self.home_days),
            ("column_months", &self.column_months),
        ] {
            if *value.get_ref() == 0 {
                out.push(at(
                    value.span(),
                    format!("[inspection] {key} 必须至少为 1"),
                    format!("[inspection] {key} must be at least 1"),
                    "首页 14 天（home_days = 14），其他栏目 6 个月（column_months = 6）",
                    "the home page 14 days (home_days = 14), other columns 6 months (column_months = 6)",
                ));
            }
        }
        if !(1..=120).contains(self.link_timeout.get_ref()) {
            out.push(at(
                self.link_timeout.span(),
                "[inspection] link_timeout 应为 1 到 120 秒".into(),
                "[inspection] link_timeout must be 1 to 120 seconds".into(),
                "例如 link_timeout = 10",
                "for example link_timeout = 10",
            ));
        }
        if !(1..=32).contains(self.link_parallel.get_ref()) {
            out.push(at(
                self.link_parallel.span(),
                "[inspection] link_parallel 应为 1 到 32".into(),
                "[inspection] link_parallel must be 1 to 32".into(),
                "例如 link_parallel = 8",
                "for example link_parallel = 8",
            ));
        }
        for (address, f) in &self.columns {
            if f.get_ref().max_age().is_none() {
                out.push(at(
                    f.span(),
                    format!("[inspection.columns] “{address}”要写 days 或 months 之一，且至少为 1"),
                    format!("[inspection.columns] \"{address}\" needs either days or months, at least 1"),
                    "例如 \"domains/czyjs/\" = { months = 12 } 或 \"\" = { days = 7 }",
                    "for example \"domains/czyjs/\" = { months = 12 }",
                ));
            }
        }
        for e in &self.exempt {
            if e.get_ref().trim().is_empty() || e.get_ref().contains("..") {
                out.push(at(
                    e.span(),
                    format!("[inspection] exempt 中的“{}”不是栏目地址", e.get_ref()),
                    format!("[inspection] exempt: \"{}\" is not a column address", e.get_ref()),
                    "写 zwgk check 报告中的栏目地址，例如 \"domains/czyjs/items/2-3/\"",
                    "write the column's address as zwgk check prints it, e.g. \"domains/czyjs/items/2-3/\"",
                ));
            }
        }
        out
    }
}

/// `[wording]`: the office's own list of wrong spellings, and the phrases in which a
/// listed spelling is right (a quoted title, a name).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// Wrong → right, added to the built-in list (or replacing an entry of it).
    #[serde(default)]
    pub words: BTreeMap<String, Spanned<String>>,
    /// Phrases in which a flagged spelling is right: text inside them is not flagged.
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
}

impl Wording {
    pub fn check(&self, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |span: std::ops::Range<usize>, zh: String, en: String| {
            let (line, column) = crate::util::text::line_col(text, span.start);
            Diagnostic::error("config/invalid", crate::layout::CONFIG_FILE)
                .at_column(line, column)
                .msg(zh, en)
                .fix(
                    "写成 words = { \"错误写法\" = \"正确写法\" }，allow = [\"允许的原文\"]",
                    "write words = { \"wrong\" = \"right\" } and allow = [\"phrase where it is right\"]",
                )
        };
        for (wrong, right) in &self.words {
            if wrong.trim().is_empty() || wrong == right.get_ref() {
                out.push(at(
                    right.span(),
                    format!("[wording] “{wrong}”的写法有误：错误写法不能为空，也不能和正确写法相同"),
                    format!("[wording] \"{wrong}\": the wrong spelling must not be empty nor equal to the right one"),
                ));
            }
        }
        for a in &self.allow {
            if a.get_ref().trim().is_empty() {
                out.push(at(
                    a.span(),
                    "[wording] allow 中有空字符串".into(),
                    "[wording] allow has an empty phrase".into(),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::config::SiteConfig;

    const MINIMAL: &str = "title = \"t\"\nbase_url = \"https://x/\"\n";

    #[test]
    fn defaults_when_absent() {
        let c = SiteConfig::parse(MINIMAL).unwrap();
        assert_eq!(*c.inspection.empty_limit.get_ref(), 5);
        assert_eq!(*c.inspection.home_days.get_ref(), 14);
        assert_eq!(*c.inspection.column_months.get_ref(), 6);
        assert!(!c.inspection.enabled);
        let c = SiteConfig::parse(&format!("{MINIMAL}[inspection]\n")).unwrap();
        assert!(c.inspection.enabled);
    }

    #[test]
    fn columns_and_exemptions_are_read_by_address() {
        let c = SiteConfig::parse(&format!(
            "{MINIMAL}[inspection]\nexempt = [\"/domains/x/items/1-2\"]\n[inspection.columns]\n\"domains/x/\" = {{ months = 12 }}\n\"\" = {{ days = 7 }}\n"
        ))
        .unwrap();
        assert!(c.inspection.is_exempt("domains/x/items/1-2/"));
        assert_eq!(
            c.inspection.column_limit("domains/x/"),
            Some(super::MaxAge::Months(12))
        );
        assert_eq!(c.inspection.column_limit(""), Some(super::MaxAge::Days(7)));
        assert_eq!(c.inspection.column_limit("catalogue/"), None);
    }

    #[test]
    fn bad_values_are_errors_at_their_line() {
        for (bad, line) in [
            ("[inspection]\nempty_limit = 0", 5),
            ("[inspection]\nhome_days = 0", 5),
            ("[inspection]\nlink_timeout = 0", 5),
            (
                "[inspection.columns]\n\"domains/x/\" = { days = 3, months = 1 }",
                5,
            ),
            ("[inspection.columns]\n\"domains/x/\" = { }", 5),
            ("[inspection]\nexempt = [\"../x\"]", 5),
            ("[wording]\nwords = { \"示范县\" = \"示范县\" }", 5),
        ] {
            let err = SiteConfig::parse(&format!("{MINIMAL}\n{bad}\n")).unwrap_err();
            assert_eq!(err[0].rule, "config/invalid", "{bad}");
            assert_eq!(err[0].line, Some(line), "{bad}: {:?}", err[0]);
        }
        let err = SiteConfig::parse(&format!("{MINIMAL}[inspection]\nempty = 3\n")).unwrap_err();
        assert_eq!(err[0].rule, "config/syntax");
    }
}
