//! Themes: Tera templates and static assets.
//!
//! The default theme is compiled into the binary, so an installed `zwgk` works
//! anywhere. A site may ship its own theme under `themes/<name>/`, and may
//! override single templates by placing a file of the same name in `templates/`.

use crate::diagnostics::Diagnostic;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

pub struct Theme {
    /// Template name (path under templates/, `/`-separated) → source.
    pub templates: BTreeMap<String, String>,
    /// Output-relative path → bytes. The site's static/ is layered on top.
    pub static_files: BTreeMap<String, StaticSource>,
    /// Site-relative files the theme was read from, for `serve` to watch.
    pub watched: Vec<PathBuf>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            static_files: BTreeMap::new(),
            watched: Vec::new(),
        };
        let theme_dir = root.join("themes").join(name);
        if theme_dir.is_dir() {
            theme.add_disk_dir(&theme_dir.join(TEMPLATES_DIR), Layer::Templates)?;
            theme.add_disk_dir(&theme_dir.join(STATIC_DIR), Layer::Static)?;
            theme.watched.push(theme_dir);
        } else if name == "default" {
            theme.add_embedded();
        } else {
            return Err(Diagnostic::error("theme/missing", "site.toml")
                .msg(
                    format!("找不到主题“{name}”（应在 themes/{name}/）"),
                    format!("theme \"{name}\" not found (expected themes/{name}/)"),
                )
                .fix(
                    "把 theme 改为 \"default\"，或把主题放到 themes/ 文件夹",
                    "set theme = \"default\" or add the theme under themes/",
                ));
        }
        theme.add_disk_dir(&root.join(TEMPLATES_DIR), Layer::Templates)?;
        theme.add_disk_dir(&root.join(STATIC_DIR), Layer::Static)?;
        theme.watched.push(root.join(TEMPLATES_DIR));
        theme.watched.push(root.join(STATIC_DIR));
        Ok(theme)
    }

    /// The embedded default theme alone (for `init` and tests).
    pub fn embedded() -> Theme {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            static_files: BTreeMap::new(),
            watched: Vec::new(),
        };
        theme.add_embedded();
        theme
    }

    fn add_embedded(&mut self) {
        fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
            for f in dir.files() {
                out.push(f);
            }
            for d in dir.dirs() {
                walk(d, out);
            }
        }
        let mut files = Vec::new();
        walk(&DEFAULT_THEME, &mut files);
        for f in files {
            let path = f.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(f.contents()).into_owned();
                self.templates.insert(name.to_string(), text);
            } else if let Some(rel) = path.strip_prefix("static/") {
                self.static_files
                    .insert(rel.to_string(), StaticSource::Embedded(f.contents()));
            }
        }
    }

    fn add_disk_dir(&mut self, dir: &Path, layer: Layer) -> Result<(), Diagnostic> {
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::load::is_ignored(&name) {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let key = rel.to_string_lossy().replace('\\', "/");
            match layer {
                Layer::Templates => {
                    let text = std::fs::read_to_string(entry.path()).map_err(|e| {
                        Diagnostic::error("theme/unreadable", entry.path()).msg(
                            format!("无法读取模板：{e}"),
                            format!("cannot read template: {e}"),
                        )
                    })?;
                    self.templates.insert(key, text);
                }
                Layer::Static => {
                    self.static_files
                        .insert(key, StaticSource::Disk(entry.path().to_path_buf()));
                }
            }
        }
        Ok(())
    }

    /// Writes the default theme into `dir` (for `zwgk init --theme`-style ejection).
    pub fn default_theme_files() -> Vec<(String, &'static [u8])> {
        fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
            for f in dir.files() {
                out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
            }
            for d in dir.dirs() {
                walk(d, out);
            }
        }
        let mut out = Vec::new();
        walk(&DEFAULT_THEME, &mut out);
        out.sort();
        out
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Templates,
    Static,
}
