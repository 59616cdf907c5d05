//! `site.toml`: the site's settings, its disclosure office and its publishing bodies.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const CONFIG_FILE: &str = "site.toml";

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
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Short ASCII key used in front matter and URLs (`/publishers/<key>/`).
    pub key: String,
    pub name: String,
    /// Organisation code; prefixes the publisher's index numbers.
    pub code: String,
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
    pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
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
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: SiteConfig = toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
        let problems = config.check();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn check(&self) -> Vec<Diagnostic> {
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
        out
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

/// ASCII lower-case letters, digits, `-` and `_`: safe as one URL and path segment.
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
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
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n中文x", 9), (2, 3));
    }
}
