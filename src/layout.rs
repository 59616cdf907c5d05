//! The layout of a site's files: where the configuration, the content, the guide,
//! the annual reports and a theme's parts are kept, and which files are not the
//! office's (editor leftovers). Every stage that looks at the site's folders asks here.

use std::path::Path;

/// The site's configuration file, at the site root.
pub const CONFIG_FILE: &str = "site.toml";
/// The documents' folder.
pub const CONTENT_DIR: &str = "content";
/// A pilot domain's own item list, in the domain's folder.
pub const DOMAIN_FILE: &str = "_domain.yaml";
/// The disclosure guide's text.
pub const GUIDE_FILE: &str = "content/_guide.md";
/// A theme's Tera templates, and its files copied as they are.
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// Hidden files, and the temp and backup files editors leave beside the real one.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
}

/// The folder of the report files, site-relative.
pub const REPORTS_DIR: &str = "content/_reports";

/// Whether a site-relative path lies in the reports folder.
pub fn is_report_file(rel: &Path) -> bool {
    rel.starts_with(REPORTS_DIR)
}

/// Where the text of a report is kept: beside its data file `data_file`
/// (`content/_reports/2025.yaml` → `content/_reports/2025.md`).
pub fn report_text_path(data_file: &str) -> String {
    match data_file.rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.md"),
        None => format!("{data_file}.md"),
    }
}

/// The organs' own files: `content/_organs/<key>/` holds an organ's profile
/// ([`ORGAN_PROFILE`]), its guide sections ([`ORGAN_GUIDE`]) and its annual
/// reports ([`ORGAN_REPORTS`]`/<year>.yaml` and `.md`).
pub const ORGANS_DIR: &str = "content/_organs";
/// 机构信息 (functions, internal bodies, heads), in an organ's folder.
pub const ORGAN_PROFILE: &str = "profile.md";
/// The organ's own guide sections, as `content/_guide.md` is for the portal.
pub const ORGAN_GUIDE: &str = "guide.md";
/// The folder of the organ's annual reports, in its folder.
pub const ORGAN_REPORTS: &str = "reports";

/// Whether a site-relative path lies in the organs' folder.
pub fn is_organ_file(rel: &Path) -> bool {
    rel.starts_with(ORGANS_DIR)
}

/// An organ's folder, site-relative.
pub fn organ_dir(key: &str) -> String {
    format!("{ORGANS_DIR}/{key}")
}

/// The folder of an organ's annual reports: `content/_reports` for the first organ
/// (`first`), `content/_organs/<key>/reports` for the others.
pub fn organ_reports_dir(key: &str, first: bool) -> String {
    if first {
        REPORTS_DIR.to_string()
    } else {
        format!("{ORGANS_DIR}/{key}/{ORGAN_REPORTS}")
    }
}
