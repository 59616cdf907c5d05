//! `site.toml`: the site's settings, its disclosure office and its publishing bodies.

pub mod appearance;
pub mod inspection;
pub mod organs;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::CONFIG_FILE;
use crate::util::text::line_col;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// Where the portal is hosted; may carry a sub-path. Used only for absolute
    /// URLs (feed, sitemap, canonical links): pages link to each other relatively.
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Documents per catalogue page.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// Output folder, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    #[serde(default)]
    pub office: Office,
    #[serde(default)]
    pub publishers: Vec<Publisher>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Holiday calendars added to or replacing the built-in ones, by year
    /// (`[holidays.2027]`), for the 20-working-day time limit.
    #[serde(default)]
    pub holidays: BTreeMap<String, HolidayYear>,
    /// Short name, logo and colours of the default theme.
    #[serde(default)]
    pub appearance: crate::config::appearance::Appearance,
    /// 主办单位, 网站标识码, 备案号 and other lines at the foot of every page.
    #[serde(default)]
    pub footer: crate::config::appearance::Footer,
    /// How `zwgk check` judges the portal as an inspection would: empty and stale
    /// columns, `check --links`.
    #[serde(default)]
    pub inspection: crate::config::inspection::Inspection,
    /// The office's own list of wrong spellings (易错表述) and its exceptions.
    #[serde(default)]
    pub wording: crate::config::inspection::Wording,
    /// Documents over time: consultations' feedback and the re-review of withheld documents.
    #[serde(default)]
    pub lifecycle: LifecycleConfig,
}

/// `[lifecycle]`: the deadlines `check` holds documents over time to.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LifecycleConfig {
    /// Days after a consultation ends within which its feedback (意见采纳情况) is
    /// expected on the portal (`consultation/no-feedback`).
    #[serde(default = "default_feedback_days")]
    pub feedback_days: u32,
    /// Months after its formation that a withheld document without `review_again`
    /// is due for review again (`withheld/review-due`); 0 (the default): only
    /// documents with `review_again` are.
    #[serde(default)]
    pub review_months: u32,
}

impl Default for LifecycleConfig {
    fn default() -> Self {
        LifecycleConfig {
            feedback_days: default_feedback_days(),
            review_months: 0,
        }
    }
}

fn default_feedback_days() -> u32 {
    30
}

/// One year of the State Council's holiday arrangement (部分节假日安排).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    /// Where the arrangement was published, for the reader of site.toml.
    #[serde(default)]
    pub source: String,
    /// Public holidays (放假日).
    #[serde(default)]
    pub off_days: Vec<CalendarDate>,
    /// Official make-up working days on a weekend (调休上班日).
    #[serde(default)]
    pub work_days: Vec<CalendarDate>,
}

/// A date in site.toml, written as a TOML date (`2027-01-01`) or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CalendarDate(pub NaiveDate);

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = match toml::Value::deserialize(d)? {
            toml::Value::Datetime(dt) if dt.time.is_none() => dt.to_string(),
            toml::Value::String(s) => s,
            other => {
                return Err(D::Error::custom(format!(
                    "expected a date such as 2027-01-01, found {other}"
                )))
            }
        };
        crate::util::dates::parse_date(&text)
            .map(CalendarDate)
            .map_err(|_| D::Error::custom(format!("\"{text}\" is not a date such as 2027-01-01")))
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub fax: String,
    #[serde(default)]
    pub email: String,
    /// Its online application channel, if it has one.
    #[serde(default)]
    pub apply_url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Short ASCII key used in front matter and URLs (`/publishers/<key>/`).
    pub key: String,
    pub name: String,
    /// Organisation code; prefixes the publisher's index numbers.
    pub code: String,
    /// The organ's kind: 人民政府, 部门, 乡镇, 街道 or 其他 (see [`organs`]).
    #[serde(default)]
    pub kind: Option<String>,
    /// The key of the organ it belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// `MM-DD` of the next year by which its annual report is due.
    #[serde(default)]
    pub report_due: Option<String>,
    /// Its own disclosure office (`[publishers.office]`).
    #[serde(default)]
    pub office: Option<Office>,
    /// The line of its `key` in site.toml, for messages about the organ.
    #[serde(skip)]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Keep raw HTML in Markdown as written. Off by default: raw HTML is sanitized.
    #[serde(default)]
    pub unsafe_html: bool,
}

fn default_language() -> String {
    "zh-CN".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_page_size() -> usize {
    20
}
fn default_output_dir() -> String {
    "public".into()
}

impl SiteConfig {
    /// Reads and checks `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::error("config/unreadable", CONFIG_FILE)
                .msg(
                    format!("无法读取站点配置文件 site.toml：{e}"),
                    format!("cannot read site.toml: {e}"),
                )
                .fix(
                    "在站点根目录运行 zwgk，或用 zwgk init 新建站点",
                    "run zwgk in the site's root folder, or create a site with `zwgk init`",
                )]
        })?;
        Self::parse_in(&text, Some(root))
    }

    pub fn parse(text: &str) -> Result<SiteConfig, Diagnostics> {
        Self::parse_in(text, None)
    }

    /// Parses and checks; with `root`, also checks that files named in it exist.
    fn parse_in(text: &str, root: Option<&Path>) -> Result<SiteConfig, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: SiteConfig =
            toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
        config.inspection.locate(text);
        for p in &mut config.publishers {
            p.line = organs::line_of_publisher(text, &p.key);
        }
        let mut problems = config.check();
        problems.extend(config.check_base_url_and_theme(text));
        problems.extend(config.appearance.check(text, root));
        problems.extend(config.footer.check(text, root));
        problems.extend(organs::check(&config, text));
        problems.extend(config.inspection.check(text));
        problems.extend(config.wording.check(text));
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn check(&self) -> Diagnostics {
        let mut out = Vec::new();
        let bad = |zh: String, en: String, fix_zh: &str, fix_en: &str| {
            Diagnostic::error("config/invalid", CONFIG_FILE)
                .msg(zh, en)
                .fix(fix_zh, fix_en)
        };
        if self.page_size == 0 {
            out.push(bad(
                "page_size 必须大于 0".into(),
                "page_size must be greater than 0".into(),
                "例如 page_size = 20",
                "for example page_size = 20",
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for p in &self.publishers {
            if !is_slug(&p.key) {
                out.push(bad(
                    format!("发布机构的 key “{}” 只能包含小写字母、数字和连字符", p.key),
                    format!(
                        "publisher key \"{}\" may contain only a-z, 0-9 and '-'",
                        p.key
                    ),
                    "例如 key = \"czj\"",
                    "for example key = \"czj\"",
                ));
            }
            if !seen.insert(p.key.as_str()) {
                out.push(bad(
                    format!("发布机构的 key “{}” 重复", p.key),
                    format!("publisher key \"{}\" is used twice", p.key),
                    "每个发布机构使用不同的 key",
                    "give every publisher its own key",
                ));
            }
        }
        for (year, days) in &self.holidays {
            out.extend(check_holiday_year(year, days));
        }
        if self.output_dir.is_empty()
            || Path::new(&self.output_dir).is_absolute()
            || self.output_dir.split(['/', '\\']).any(|s| s == "..")
        {
            out.push(bad(
                format!("output_dir “{}” 必须是站点内的相对路径", self.output_dir),
                format!(
                    "output_dir \"{}\" must be a relative path inside the site",
                    self.output_dir
                ),
                "例如 output_dir = \"public\"",
                "for example output_dir = \"public\"",
            ));
        }
        out.into()
    }

    /// `base_url` must be an http(s) address (it starts every link of the feed,
    /// the sitemap and the open data), and `theme` a folder name under themes/.
    fn check_base_url_and_theme(&self, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !is_http_url(&self.base_url) {
            out.push(
                Diagnostic::error("config/base-url", CONFIG_FILE)
                    .at(top_level_line(text, "base_url"))
                    .msg(
                        format!("base_url “{}” 不是网站地址，应以 https:// 或 http:// 开头", self.base_url),
                        format!("base_url \"{}\" is not a web address; it must start with https:// or http://", self.base_url),
                    )
                    .fix(
                        "写上门户对外发布的完整地址，例如 base_url = \"https://www.example.gov.cn/xxgk/\"",
                        "write the portal's public address, for example base_url = \"https://www.example.gov.cn/xxgk/\"",
                    ),
            );
        }
        if !is_slug(&self.theme) {
            out.push(
                Diagnostic::error("config/theme", CONFIG_FILE)
                    .at(top_level_line(text, "theme"))
                    .msg(
                        format!("theme “{}” 应是 themes 文件夹下一个主题文件夹的名字（小写字母、数字、连字符），不能是路径", self.theme),
                        format!("theme \"{}\" must be the name of a folder in themes/ (a-z, 0-9, '-'), not a path", self.theme),
                    )
                    .fix(
                        "写主题文件夹的名字，例如 theme = \"default\"",
                        "write the theme folder's name, for example theme = \"default\"",
                    ),
            );
        }
        out
    }

    /// Warnings for what `zwgk init` wrote for the office to replace (`XX区`, the
    /// code 000000000, the phone 0000-00000000…: `config/placeholder`), and for a
    /// missing 网站标识码 (`config/no-site-code`). `text` is site.toml, for lines.
    pub fn placeholders(&self, text: &str) -> Diagnostics {
        let mut out = Vec::new();
        let mut fields: Vec<(String, &str)> = vec![
            ("title".into(), self.title.as_str()),
            ("[office] name".into(), self.office.name.as_str()),
            ("[office] address".into(), self.office.address.as_str()),
            ("[office] postcode".into(), self.office.postcode.as_str()),
            ("[office] phone".into(), self.office.phone.as_str()),
            ("[office] fax".into(), self.office.fax.as_str()),
            ("[footer] sponsor".into(), self.footer.sponsor.as_str()),
            ("[footer] site_code".into(), self.footer.site_code.as_str()),
        ];
        for p in &self.publishers {
            fields.push((format!("[[publishers]] {} name", p.key), p.name.as_str()));
            fields.push((format!("[[publishers]] {} code", p.key), p.code.as_str()));
        }
        for (key, value) in fields {
            if !is_placeholder(value) {
                continue;
            }
            let line = text
                .lines()
                .position(|l| {
                    l.contains(&format!("\"{value}\"")) && !l.trim_start().starts_with('#')
                })
                .map(|i| i + 1);
            out.push(
                Diagnostic::warning("config/placeholder", CONFIG_FILE)
                    .at(line)
                    .msg(
                        format!("{key} 还是 zwgk init 填的示例值“{value}”，会原样显示在门户上"),
                        format!("{key} is still the example value \"{value}\" written by zwgk init, and would show on the portal as it is"),
                    )
                    .fix(
                        "改为本单位的真实信息（XX 换成地名，0000 换成真实号码或代码）",
                        "replace it with the office's real details (XX with the place name, the zeros with the real number or code)",
                    ),
            );
        }
        if self.footer.site_code.trim().is_empty() {
            out.push(
                Diagnostic::warning("config/no-site-code", CONFIG_FILE)
                    .msg(
                        "site.toml 没有填写网站标识码（[footer] site_code）：政府网站须在页面底部公示",
                        "site.toml has no 网站标识码 ([footer] site_code): a government site must show it at the foot of its pages",
                    )
                    .fix(
                        "在 site.toml 中写 [footer] 一节，填上 site_code = \"本网站的网站标识码\"（以及 sponsor 主办单位、icp 备案号）",
                        "add a [footer] table to site.toml with site_code = \"<the site's identification code>\" (and sponsor, icp)",
                    ),
            );
        }
        out.into()
    }

    pub fn publisher_by_key_or_name(&self, value: &str) -> Option<&Publisher> {
        self.publishers
            .iter()
            .find(|p| p.key == value || p.name == value)
    }

    pub fn publisher(&self, key: &str) -> Option<&Publisher> {
        self.publishers.iter().find(|p| p.key == key)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

/// A `[holidays.<year>]` table: a real year, its dates in that year, no date both off and on.
fn check_holiday_year(year: &str, days: &HolidayYear) -> Diagnostics {
    let bad = |zh: String, en: String| {
        Diagnostic::error("config/invalid", CONFIG_FILE).msg(zh, en).fix(
            "对照国务院办公厅当年的节假日安排通知改正：[holidays.2027] 下写 off_days = [放假日期] 和 work_days = [调休上班日期]",
            "copy the State Council's notice for the year: off_days = [holidays], work_days = [make-up working days]",
        )
    };
    let Some(y) = year
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y) && year.len() == 4)
    else {
        return vec![bad(
            format!("[holidays.{year}]：“{year}”不是年份"),
            format!("[holidays.{year}]: \"{year}\" is not a year"),
        )]
        .into();
    };
    let mut out = Vec::new();
    for d in days
        .off_days
        .iter()
        .chain(&days.work_days)
        .filter(|d| d.0.year() != y)
    {
        out.push(bad(
            format!("[holidays.{year}] 中的日期 {} 不在 {year} 年", d.0),
            format!("[holidays.{year}] lists {}, which is not in {year}", d.0),
        ));
    }
    for d in days.off_days.iter().filter(|d| days.work_days.contains(d)) {
        out.push(bad(
            format!(
                "[holidays.{year}] 中的 {} 同时写在 off_days 和 work_days 中",
                d.0
            ),
            format!(
                "[holidays.{year}] lists {} both as off_days and as work_days",
                d.0
            ),
        ));
    }
    out.into()
}

/// ASCII lower-case letters, digits, `-` and `_`: safe as one URL and path segment.
/// A value `zwgk init` writes for the office to replace: `XX` in a name, or a
/// number of zeros only (`000000000`, `0000-00000000`).
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.contains("XX") || (v.contains('0') && v.chars().all(|c| c == '0' || c == '-' || c == ' '))
}

/// `http://` or `https://`, a host, and nothing blank or invisible.
fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

/// The line of a top-level `key = …` in site.toml (before the first table).
fn top_level_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| l.split('=').next().map(str::trim) == Some(key))
        .map(|i| i + 1)
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
    let detail = e.message().to_string();
    Diagnostic::error("config/syntax", CONFIG_FILE)
        .at_column(line, column)
        .msg(
            format!("site.toml 第 {line} 行有误：{detail}"),
            format!("site.toml line {line}: {detail}"),
        )
        .fix(
            "对照 README 中的 site.toml 示例修改这一行（键名用英文，字符串用英文双引号）",
            "compare the line with the site.toml example in the README",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
title = "测试"
base_url = "https://example.gov.cn/xxgk/"
[[publishers]]
key = "qzf"
name = "测试区人民政府"
code = "005283492"
"#;

    #[test]
    fn parses_minimal_config_with_defaults() {
        let c = SiteConfig::parse(MINIMAL).unwrap();
        assert_eq!(c.page_size, 20);
        assert_eq!(c.theme, "default");
        assert!(c.check_base_url_and_theme("").is_empty());
        assert_eq!(c.base_url(), "https://example.gov.cn/xxgk/");
        assert_eq!(
            c.publisher_by_key_or_name("测试区人民政府").unwrap().key,
            "qzf"
        );
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let text = format!("{MINIMAL}\n[office]\nnmae = \"x\"\n");
        let err = SiteConfig::parse(&text).unwrap_err();
        assert_eq!(err[0].rule, "config/syntax");
        assert_eq!(err[0].line, Some(10));
        assert!(err[0].message_en.contains("nmae"), "{}", err[0].message_en);
    }

    #[test]
    fn rejects_output_dir_outside_site() {
        let text = format!("output_dir = \"../x\"\n{MINIMAL}");
        assert!(SiteConfig::parse(&text).is_err());
    }

    #[test]
    fn holiday_years_accept_toml_dates_and_strings() {
        let text = format!("{MINIMAL}\n[holidays.2027]\noff_days = [2027-01-01, \"2027-02-06\"]\nwork_days = [2027-01-30]\n");
        let c = SiteConfig::parse(&text).unwrap();
        let y = &c.holidays["2027"];
        assert_eq!(
            y.off_days[1].0,
            NaiveDate::from_ymd_opt(2027, 2, 6).unwrap()
        );
        assert_eq!(y.work_days.len(), 1);
    }

    #[test]
    fn holiday_years_are_checked() {
        for bad in [
            "[holidays.27]\noff_days = [2027-01-01]",
            "[holidays.2027]\noff_days = [2028-01-01]",
            "[holidays.2027]\noff_days = [2027-01-01]\nwork_days = [2027-01-01]",
        ] {
            let err = SiteConfig::parse(&format!("{MINIMAL}\n{bad}\n")).unwrap_err();
            assert_eq!(err[0].rule, "config/invalid", "{bad}");
        }
        let err = SiteConfig::parse(&format!(
            "{MINIMAL}\n[holidays.2027]\noff_days = [2027-01-01T10:00:00]\n"
        ))
        .unwrap_err();
        assert_eq!(err[0].rule, "config/syntax");
        assert_eq!(err[0].line, Some(10));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n中文x", 9), (2, 3));
    }

    #[test]
    fn base_url_must_be_http_and_theme_a_slug() {
        for (url, ok) in [
            ("https://x.gov.cn/", true),
            ("HTTP://x.gov.cn", true),
            ("javascript:alert(1)", false),
            ("", false),
            ("https://", false),
            ("https:///path", false),
            ("www.x.gov.cn", false),
            ("https://x.gov.cn/a b", false),
        ] {
            let text = format!("title = \"t\"\nbase_url = \"{url}\"\n");
            let r = SiteConfig::parse(&text);
            assert_eq!(r.is_ok(), ok, "{url}");
            if let Err(e) = r {
                assert_eq!((e[0].rule, e[0].line), ("config/base-url", Some(2)));
            }
        }
        for (theme, ok) in [
            ("default", true),
            ("gov-blue", true),
            ("/etc", false),
            ("../x", false),
            ("a/b", false),
        ] {
            let text = format!("title = \"t\"\nbase_url = \"https://x/\"\ntheme = \"{theme}\"\n");
            let r = SiteConfig::parse(&text);
            assert_eq!(r.is_ok(), ok, "{theme}");
            if let Err(e) = r {
                assert_eq!((e[0].rule, e[0].line), ("config/theme", Some(3)));
            }
        }
    }

    #[test]
    fn init_placeholders_are_warned_and_real_values_are_not() {
        let text = crate::scaffold::site_toml_for_tests();
        let c = SiteConfig::parse(text).unwrap();
        let found = c.placeholders(text);
        let rules: Vec<_> = found.iter().map(|d| d.rule).collect();
        assert!(rules.contains(&"config/no-site-code"), "{rules:?}");
        let placeholders = found
            .iter()
            .filter(|d| d.rule == "config/placeholder")
            .count();
        assert!(placeholders >= 5, "{found:#?}");
        let title = found
            .iter()
            .find(|d| d.message_zh.starts_with("title"))
            .unwrap();
        assert!(title.line.is_some());

        let real = "title = \"示范区人民政府信息公开\"\nbase_url = \"https://x.gov.cn/\"\n[office]\nphone = \"0371-12345678\"\n[footer]\nsite_code = \"4190000001\"\n";
        assert!(SiteConfig::parse(real)
            .unwrap()
            .placeholders(real)
            .is_empty());
    }
}
