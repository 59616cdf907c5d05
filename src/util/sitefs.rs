//! Reading the site's own files, and nothing else.
//!
//! The contract: **no symbolic link below the site root is followed.** A link in
//! content/, static/, templates/ or a theme (the file itself or any folder on its
//! way down from the root) is never read into the output, whatever it points to,
//! inside the site or out of it. The site root itself may be reached through links
//! (`-C` names it). Checks report such links (`files/attachment-symlink`,
//! `theme/symlink`, `source/symlink`); the readers here refuse them again when the
//! bytes are read, so a link that appears after the check (or a rule that was
//! skipped) is still never followed.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The first path along `rel` (site-relative) that is a symbolic link, as a
/// site-relative path. A path that climbs out (`..`, absolute) counts as one, since
/// it leaves the site. Stops at the first part that does not exist.
pub fn symlink_in(root: &Path, rel: &Path) -> Option<PathBuf> {
    let mut here = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::CurDir => continue,
            Component::Normal(part) => here.push(part),
            _ => return Some(rel.to_path_buf()),
        }
        match fs::symlink_metadata(root.join(&here)) {
            Ok(m) if m.file_type().is_symlink() => return Some(here),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// An error saying that `rel` is (or lies under) a symbolic link, which is not followed.
pub fn symlink_error(link: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} 是符号链接，不读取 / is a symbolic link, which zwgk never follows",
            link.display()
        ),
    )
}

/// Opens a file that must not be a symbolic link itself (the folders on its way
/// are the caller's business). On Unix the kernel refuses the link (`O_NOFOLLOW`),
/// so nothing can swap one in between a check and the read.
pub fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: a named pipe must not hang the build; regular files ignore it.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(symlink_error(path));
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return symlink_error(path);
        }
        e
    })?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} 不是普通文件 / is not a regular file", path.display()),
        ));
    }
    Ok(file)
}

/// Reads a file of the site's own content, following no links anywhere below `root`.
pub fn read(root: &Path, rel: &Path) -> io::Result<Vec<u8>> {
    let mut file = open(root, rel)?;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}

/// Opens `root/rel` for reading, following no links anywhere below `root`.
pub fn open(root: &Path, rel: &Path) -> io::Result<fs::File> {
    if let Some(link) = symlink_in(root, rel) {
        return Err(symlink_error(&link));
    }
    open_no_follow(&root.join(rel))
}

/// A file of the site (a static file or an attachment), read only when needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    root: Arc<Path>,
    rel: PathBuf,
}

impl SiteFile {
    /// `rel` is site-relative.
    pub fn new(root: &Arc<Path>, rel: impl Into<PathBuf>) -> SiteFile {
        SiteFile {
            root: root.clone(),
            rel: rel.into(),
        }
    }

    /// Where it is on disk.
    pub fn path(&self) -> PathBuf {
        self.root.join(&self.rel)
    }

    /// Site-relative.
    pub fn rel(&self) -> &Path {
        &self.rel
    }

    pub fn read(&self) -> io::Result<Vec<u8>> {
        read(&self.root, &self.rel)
    }

    /// Copies the file to `to` (a new file), refusing links as [`read`] does.
    pub fn copy_to(&self, to: &Path) -> io::Result<()> {
        let mut from = open(&self.root, &self.rel)?;
        let mut file = fs::File::create(to)?;
        io::copy(&mut from, &mut file)?;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_anywhere_below_the_root_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("secret"), "SECRET").unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content/files")).unwrap();
        fs::write(root.join("content/files/a.pdf"), "ok").unwrap();
        symlink(outside.join("secret"), root.join("content/files/b.pdf")).unwrap();
        symlink(&outside, root.join("content/linked")).unwrap();
        // a link that stays inside the site is refused too
        symlink(
            root.join("content/files/a.pdf"),
            root.join("content/files/c.pdf"),
        )
        .unwrap();

        assert_eq!(
            read(&root, Path::new("content/files/a.pdf")).unwrap(),
            b"ok"
        );
        for rel in [
            "content/files/b.pdf",
            "content/linked/secret",
            "content/files/c.pdf",
        ] {
            let err = read(&root, Path::new(rel)).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{rel}: {err}");
        }
        assert_eq!(
            symlink_in(&root, Path::new("content/linked/secret")),
            Some(PathBuf::from("content/linked"))
        );
        assert_eq!(symlink_in(&root, Path::new("content/files/a.pdf")), None);
        assert_eq!(symlink_in(&root, Path::new("content/none/x")), None);
        assert!(symlink_in(&root, Path::new("../outside/secret")).is_some());
        assert!(open_no_follow(&root.join("content/files/b.pdf")).is_err());
    }

    #[test]
    fn the_root_itself_may_be_reached_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        fs::create_dir_all(real.join("static")).unwrap();
        fs::write(real.join("static/a.css"), "a").unwrap();
        symlink(&real, tmp.path().join("site")).unwrap();
        let root: Arc<Path> = Arc::from(tmp.path().join("site").as_path());
        let f = SiteFile::new(&root, "static/a.css");
        assert_eq!(f.read().unwrap(), b"a");
        let to = tmp.path().join("copy.css");
        f.copy_to(&to).unwrap();
        assert_eq!(fs::read(to).unwrap(), b"a");
    }

    #[test]
    fn folders_and_devices_are_not_read_as_files() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("d")).unwrap();
        assert!(read(tmp.path(), Path::new("d")).is_err());
    }
}
