//! Themes: Tera templates and static assets.
//!
//! The default theme is compiled into the binary, so an installed `zwgk` works
//! anywhere. A site may ship its own theme under `themes/<name>/`, and may
//! override single templates by placing a file of the same name in `templates/`.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{STATIC_DIR, TEMPLATES_DIR};
use crate::util::sitefs::{self, SiteFile};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    /// Read when copied or served, following no symbolic link (see [`sitefs`]).
    Disk(SiteFile),
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
    /// Reads the theme `name` and the site's own templates/ and static/. A symbolic
    /// link anywhere in them is an error (`theme/symlink`): zwgk follows none.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            static_files: BTreeMap::new(),
            watched: Vec::new(),
        };
        let site: Arc<Path> = Arc::from(root);
        // A theme is a folder right under themes/: a name that climbs out is no theme.
        let plain = Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let theme_rel = Path::new("themes").join(name);
        let theme_dir = root.join(&theme_rel);
        if plain && (theme_dir.is_dir() || sitefs::symlink_in(root, &theme_rel).is_some()) {
            theme.add_disk_dir(&site, &theme_rel.join(TEMPLATES_DIR), Layer::Templates)?;
            theme.add_disk_dir(&site, &theme_rel.join(STATIC_DIR), Layer::Static)?;
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
                )
                .into());
        }
        theme.add_disk_dir(&site, Path::new(TEMPLATES_DIR), Layer::Templates)?;
        theme.add_disk_dir(&site, Path::new(STATIC_DIR), Layer::Static)?;
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

    /// Whether the templates are the built-in theme's, as it is (none replaced by
    /// the site's own).
    pub fn has_default_templates(&self) -> bool {
        let mut default = Theme {
            templates: BTreeMap::new(),
            static_files: BTreeMap::new(),
            watched: Vec::new(),
        };
        default.add_embedded();
        self.templates == default.templates
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

    /// Adds the files of `rel_dir` (site-relative). Refuses symbolic links: the
    /// folder itself, any folder on its way, and any file or folder inside it.
    fn add_disk_dir(
        &mut self,
        root: &Arc<Path>,
        rel_dir: &Path,
        layer: Layer,
    ) -> Result<(), Diagnostics> {
        if let Some(link) = sitefs::symlink_in(root, rel_dir) {
            return Err(symlink_diagnostic(&link).into());
        }
        let dir = root.join(rel_dir);
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .follow_root_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if crate::layout::is_ignored(&name) && entry.depth() > 0 {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let site_rel = rel_dir.join(rel);
            if entry.path_is_symlink() {
                return Err(symlink_diagnostic(&site_rel).into());
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let key = rel.to_string_lossy().replace('\\', "/");
            match layer {
                Layer::Templates => {
                    let text = sitefs::read(root, &site_rel)
                        .and_then(|b| {
                            String::from_utf8(b).map_err(|e| {
                                std::io::Error::new(std::io::ErrorKind::InvalidData, e)
                            })
                        })
                        .map_err(|e| {
                            Diagnostic::error("theme/unreadable", &site_rel).msg(
                                format!("无法读取模板：{e}"),
                                format!("cannot read template: {e}"),
                            )
                        })?;
                    self.templates.insert(key, text);
                }
                Layer::Static => {
                    self.static_files
                        .insert(key, StaticSource::Disk(SiteFile::new(root, site_rel)));
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

/// A symbolic link in static/, templates/ or a theme (`rel`, site-relative).
fn symlink_diagnostic(rel: &Path) -> Diagnostic {
    let shown = crate::diagnostics::display_path(rel);
    Diagnostic::error("theme/symlink", rel)
        .msg(
            format!("“{shown}”是符号链接（快捷方式）。为防止把站点以外的文件发布出去，zwgk 不跟随符号链接"),
            format!("\"{shown}\" is a symbolic link. zwgk follows no links, so that no file from outside the site can be published"),
        )
        .fix(
            "删除这个链接，把要发布的文件本身复制到这里",
            "delete the link and copy the file itself into its place",
        )
}

#[derive(Clone, Copy)]
enum Layer {
    Templates,
    Static,
}
