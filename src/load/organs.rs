//! The organs' own files, `content/_organs/<key>/`: the profile (机构信息), the
//! organ's guide sections and its annual reports (the content model's section
//! "Organs"). The first organ's reports stay in `content/_reports/`.

use crate::config::SiteConfig;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::layout::{organ_reports_dir, ORGANS_DIR, ORGAN_GUIDE, ORGAN_PROFILE, ORGAN_REPORTS};
use crate::load::reports::ReportData;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One organ's files, as read.
#[derive(Debug, Clone, Default)]
pub struct OrganFiles {
    /// 机构信息, from `profile.md`.
    pub profile: Option<OrganText>,
    /// The organ's guide sections, from `guide.md`.
    pub guide: Option<OrganText>,
    /// Its annual reports by year, from `reports/` (the first organ's are the
    /// site's reports, from `content/_reports/`).
    pub reports: BTreeMap<i32, ReportData>,
}

/// A Markdown file of an organ, and where it lies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct OrganText {
    /// Site-relative path.
    pub file: String,
    pub text: String,
}

/// The reports of an organ: the site's (`content/_reports/`) for the first, its
/// own folder's for the others.
pub fn reports_of<'a>(
    first: bool,
    key: &str,
    site_reports: &'a BTreeMap<i32, ReportData>,
    organs: &'a BTreeMap<String, OrganFiles>,
) -> &'a BTreeMap<i32, ReportData> {
    static NONE: BTreeMap<i32, ReportData> = BTreeMap::new();
    if first {
        site_reports
    } else {
        organs.get(key).map_or(&NONE, |f| &f.reports)
    }
}

/// Sorts the files under `content/_organs/` (site-relative, with their decoded
/// text) to their organs. A folder not named by a publisher's key, and a file the
/// portal does not use, are warnings: their contents are not published.
pub fn load(
    files: Vec<(PathBuf, String)>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, OrganFiles> {
    let mut organs: BTreeMap<String, OrganFiles> = BTreeMap::new();
    let mut reports: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    let mut unknown: Vec<String> = Vec::new();
    let first = config.publishers.first().map(|p| p.key.as_str());
    for (rel, text) in files {
        let Some((key, rest)) = split(&rel) else {
            diagnostics.push(unused(
                &rel,
                "不在任何单位的文件夹中",
                "is in no organ's folder",
            ));
            continue;
        };
        if config.publisher(&key).is_none() {
            if !unknown.contains(&key) {
                diagnostics.push(unknown_organ(&key, config));
                unknown.push(key);
            }
            continue;
        }
        let shown = display_path(&rel);
        let organ = organs.entry(key.clone()).or_default();
        match rest.as_str() {
            ORGAN_PROFILE => organ.profile = Some(OrganText { file: shown, text }),
            ORGAN_GUIDE => organ.guide = Some(OrganText { file: shown, text }),
            _ if rest.starts_with(&format!("{ORGAN_REPORTS}/")) => {
                if Some(key.as_str()) == first {
                    diagnostics.push(unused(
                        &rel,
                        "第一个发布机构（本网站的主办机关）的年度报告放在 content/_reports/ 中",
                        "the first publisher's (the portal owner's) annual reports are kept in content/_reports/",
                    ));
                } else {
                    reports.entry(key).or_default().push((rel, text));
                }
            }
            _ => diagnostics.push(unused(
                &rel,
                "单位文件夹中只使用 profile.md、guide.md 和 reports/ 中的年度报告",
                "an organ's folder holds only profile.md, guide.md and the annual reports in reports/",
            )),
        }
    }
    for (key, files) in reports {
        let dir = organ_reports_dir(&key, false);
        let loaded = crate::load::reports::load(&dir, files, diagnostics);
        organs.entry(key).or_default().reports = loaded;
    }
    organs
}

/// The Markdown of a profile without its front matter, if it has one, and the line
/// the body starts on.
pub fn body(text: &str) -> (&str, usize) {
    match crate::load::frontmatter::split(text, Path::new(ORGANS_DIR)) {
        Ok(s) => (s.body, s.body_line),
        Err(_) => (text, 1),
    }
}

/// `content/_organs/<key>/<rest>` → (key, rest with `/`).
fn split(rel: &Path) -> Option<(String, String)> {
    let inner = rel.strip_prefix(ORGANS_DIR).ok()?;
    let mut parts = inner.components();
    let key = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let rest: Vec<String> = parts
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if rest.is_empty() {
        return None;
    }
    Some((key, rest.join("/")))
}

fn unused(rel: &Path, zh: &str, en: &str) -> Diagnostic {
    Diagnostic::warning("organ/file-name", rel)
        .msg(
            format!("这个文件不会被使用：{zh}"),
            format!("this file is not used: {en}"),
        )
        .fix(
            format!("把内容移到 {ORGANS_DIR}/<单位 key>/{ORGAN_PROFILE}、{ORGAN_GUIDE} 或 {ORGAN_REPORTS}/<年份>.yaml，或删除这个文件"),
            format!("move it to {ORGANS_DIR}/<organ key>/{ORGAN_PROFILE}, {ORGAN_GUIDE} or {ORGAN_REPORTS}/<year>.yaml, or delete it"),
        )
}

fn unknown_organ(key: &str, config: &SiteConfig) -> Diagnostic {
    let keys: Vec<&str> = config.publishers.iter().map(|p| p.key.as_str()).collect();
    Diagnostic::warning("organ/unknown-folder", format!("{ORGANS_DIR}/{key}"))
        .msg(
            format!("文件夹“{key}”不是 site.toml 中任何发布机构的 key，其中的文件不会被使用"),
            format!("the folder \"{key}\" is not the key of any publisher in site.toml: its files are not used"),
        )
        .fix(
            format!("把文件夹改名为发布机构的 key（{}），或在 site.toml 中添加这个发布机构", keys.join("、")),
            format!("rename the folder to a publisher's key ({}), or add the publisher to site.toml", keys.join(", ")),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse(
            "title = \"t\"\nbase_url = \"https://x/\"\n[[publishers]]\nkey = \"qzf\"\nname = \"区政府\"\ncode = \"005283492\"\n[[publishers]]\nkey = \"mzj\"\nname = \"民政局\"\ncode = \"005283548\"\nkind = \"部门\"\n",
        )
        .unwrap()
    }

    fn file(rel: &str, text: &str) -> (PathBuf, String) {
        (PathBuf::from(rel), text.to_string())
    }

    #[test]
    fn files_go_to_their_organs() {
        let mut ds = Diagnostics::default();
        let organs = load(
            vec![
                file("content/_organs/mzj/profile.md", "## 机构职能\n民政"),
                file("content/_organs/mzj/guide.md", "## 概述\n本局"),
                file(
                    "content/_organs/mzj/reports/2025.yaml",
                    "主动公开: {行政许可: 0, 行政处罚: 0, 行政强制: 0, 行政事业性收费: 0}\n依申请公开: {本年新收: [1, 0, 0, 0, 0, 0]}\n行政复议和行政诉讼: {行政复议: [0, 0, 0, 0]}\n",
                ),
            ],
            &config(),
            &mut ds,
        );
        assert!(ds.is_empty(), "{ds:?}");
        let mzj = &organs["mzj"];
        assert_eq!(
            mzj.profile.as_ref().unwrap().file,
            "content/_organs/mzj/profile.md"
        );
        assert!(mzj.guide.as_ref().unwrap().text.contains("本局"));
        assert_eq!(mzj.reports.keys().copied().collect::<Vec<_>>(), [2025]);
        assert_eq!(
            mzj.reports[&2025].file,
            "content/_organs/mzj/reports/2025.yaml"
        );
    }

    #[test]
    fn unknown_folders_and_unused_files_are_warned_about_and_not_used() {
        let mut ds = Diagnostics::default();
        let organs = load(
            vec![
                file("content/_organs/xyz/profile.md", "x"),
                file("content/_organs/xyz/guide.md", "x"),
                file("content/_organs/mzj/notes.md", "x"),
                file("content/_organs/qzf/reports/2025.yaml", "x"),
                file("content/_organs/readme.md", "x"),
            ],
            &config(),
            &mut ds,
        );
        let rules: Vec<&str> = ds.iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [
                "organ/unknown-folder",
                "organ/file-name",
                "organ/file-name",
                "organ/file-name"
            ],
            "{ds:?}"
        );
        assert!(!organs.contains_key("xyz"));
        assert!(organs.get("qzf").is_none_or(|o| o.reports.is_empty()));
        assert!(organs.get("mzj").is_none_or(|o| o.profile.is_none()));
    }
}
