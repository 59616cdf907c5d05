//! Watching the site for changes (notify, debounced).
//!
//! Watched: site.toml, content/, themes/, templates/ and static/ — not the output
//! folder or anything else in the site's root. Editors that save through a temp
//! file and a rename, deletions, renames and new folders all end up as changed
//! paths; the rebuild itself re-reads the folders, so it never depends on an event
//! being complete.

use crate::diagnostics::display_path;
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Quiet time after the last event before a rebuild starts: long enough to see an
/// editor's write-and-rename as one save, short enough not to be noticed.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// The site's top-level folders whose changes matter.
const WATCHED_DIRS: &[&str] = &[
    crate::layout::CONTENT_DIR,
    "themes",
    crate::layout::TEMPLATES_DIR,
    crate::layout::STATIC_DIR,
];

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// What changed, from one batch of events.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub paths: Vec<PathBuf>,
    /// Events were lost (or the watcher failed): assume anything changed.
    pub everything: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.everything
    }
}

impl Watcher {
    /// Watches `root` (an absolute path); each batch of events goes to `on_events`.
    pub fn start(
        root: &Path,
        on_events: impl FnMut(DebounceEventResult) + Send + 'static,
    ) -> notify::Result<Watcher> {
        let debouncer = new_debouncer(DEBOUNCE, None, on_events)?;
        let mut w = Watcher {
            root: root.to_path_buf(),
            debouncer,
        };
        w.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            w.watch_dir(&root.join(dir))?;
        }
        Ok(w)
    }

    fn watch_dir(&mut self, dir: &Path) -> notify::Result<()> {
        if dir.is_dir() {
            let _ = self.debouncer.unwatch(dir);
            self.debouncer.watch(dir, RecursiveMode::Recursive)?;
        }
        Ok(())
    }

    /// The changes that matter in a batch of events. A watched folder created
    /// (or re-created) after the start is watched from now on.
    pub fn changes(&mut self, result: DebounceEventResult) -> Changes {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!("警告 warning: 监视文件出错 / file watching failed: {e}");
                }
                return Changes {
                    paths: Vec::new(),
                    everything: true,
                };
            }
        };
        let mut changes = Changes::default();
        for event in events {
            if event.need_rescan() {
                changes.everything = true;
            }
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if let Some(top) = relevant(&self.root, path) {
                    if WATCHED_DIRS.contains(&top.as_str())
                        && path.parent() == Some(self.root.as_path())
                    {
                        if let Err(e) = self.watch_dir(path) {
                            eprintln!(
                                "警告 warning: 无法监视 {} / cannot watch it: {e}",
                                path.display()
                            );
                        }
                    }
                    if !changes.paths.contains(path) {
                        changes.paths.push(path.clone());
                    }
                }
            }
        }
        changes
    }
}

/// The top-level name under `root` if `path` is one the site is built from:
/// site.toml, or a file in a watched folder that is not an editor's temp file.
fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let top = display_path(Path::new(rel.components().next()?.as_os_str()));
    let name = path.file_name()?.to_string_lossy();
    let wanted = if rel.components().count() == 1 {
        top == crate::layout::CONFIG_FILE || WATCHED_DIRS.contains(&top.as_str())
    } else {
        WATCHED_DIRS.contains(&top.as_str()) && !crate::layout::is_ignored(&name)
    };
    wanted.then_some(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_sources_are_relevant() {
        let root = Path::new("/site");
        let yes = [
            "/site/site.toml",
            "/site/content/a/b.md",
            "/site/content",
            "/site/static/x.pdf",
            "/site/themes/t/templates/base.html",
            "/site/templates/document.html",
        ];
        for p in yes {
            assert!(relevant(root, Path::new(p)).is_some(), "{p}");
        }
        let no = [
            "/site/public/index.html",
            "/site/README.md",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/.git/index",
            "/elsewhere/site.toml",
        ];
        for p in no {
            assert!(relevant(root, Path::new(p)).is_none(), "{p}");
        }
    }
}
