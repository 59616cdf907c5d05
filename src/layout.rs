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

/// Where the text of a year's report is kept.
pub fn report_text_path(year: i32) -> String {
    format!("{REPORTS_DIR}/{year}.md")
}
