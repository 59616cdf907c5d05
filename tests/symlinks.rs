//! No file from outside the site is ever read into the output (issue 14, item 3):
//! zwgk follows no symbolic link below the site root — not in attachments, not in
//! static/ or themes, not for documents — in `check`, `build` and `serve`.
#![cfg(unix)]

mod fixture;
mod support;

use fixture::{files, numbered, stderr, Site};
use std::os::unix::fs::symlink;
use std::path::Path;
use support::serve::Serve;

const MARKER: &str = "ZWGK-OUTSIDE-SECRET-7f3a";

/// A folder outside the site holding a file with the marker (and a document with it).
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("shadow"), format!("root:{MARKER}:19000::")).unwrap();
    std::fs::write(dir.path().join("secret.pdf"), format!("%PDF {MARKER}")).unwrap();
    std::fs::write(
        dir.path().join("outside.md"),
        numbered(
            9,
            &format!("站外文档{MARKER}"),
            "",
            &format!("正文{MARKER}"),
        ),
    )
    .unwrap();
    dir
}

/// Fails the test if the marker is in any file under `dir`, or in a file's name.
fn assert_no_marker_under(dir: &Path) {
    for rel in files(dir) {
        assert!(!rel.to_string_lossy().contains(MARKER), "{}", rel.display());
        let bytes = std::fs::read(dir.join(&rel)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(MARKER),
            "the outside file leaked into {}",
            rel.display()
        );
    }
}

fn with_attachment(file: &str) -> String {
    numbered(
        1,
        "带附件的通知",
        &format!("attachments:\n  - title: 附件\n    file: {file}\n"),
        "见附件。",
    )
}

#[test]
fn a_symlinked_attachment_file_or_folder_is_refused_and_never_copied() {
    let out = outside();
    let site = Site::new();
    site.write("content/general/doc1.md", with_attachment("files/x.pdf"));
    site.write(
        "content/general/doc2.md",
        numbered(
            2,
            "附件在链接的文件夹中",
            "attachments:\n  - title: 附件\n    file: linked/secret.pdf\n",
            "",
        ),
    );
    site.write("content/general/files/.keep", "");
    symlink(
        out.path().join("shadow"),
        site.path("content/general/files/x.pdf"),
    )
    .unwrap();
    symlink(out.path(), site.path("content/general/linked")).unwrap();

    let check = site.zwgk(&["check"]);
    assert!(!check.status.success());
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        text.matches("error[files/attachment-symlink]").count(),
        2,
        "{text}"
    );
    assert!(text.contains("content/general/doc1.md:"), "{text}");
    assert!(text.contains("content/general/linked"), "{text}");
    assert!(!text.contains(MARKER), "{text}");

    let build = site.zwgk(&["build"]);
    assert!(!build.status.success());
    assert!(stderr(&build).contains("files/attachment-symlink"));
    assert!(!site.out().exists(), "nothing written");
    assert!(!stderr(&build).contains(MARKER));
}

#[test]
fn an_attachment_replaced_by_a_link_after_a_good_build_is_not_copied() {
    let out = outside();
    let site = Site::new();
    site.write("content/general/doc1.md", with_attachment("files/x.pdf"));
    site.write("content/general/files/x.pdf", "%PDF real");
    let first = site.zwgk(&["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = files(&site.out());
    std::fs::remove_file(site.path("content/general/files/x.pdf")).unwrap();
    symlink(
        out.path().join("secret.pdf"),
        site.path("content/general/files/x.pdf"),
    )
    .unwrap();
    assert!(!site.zwgk(&["build"]).status.success());
    assert_eq!(files(&site.out()), before, "the previous output stays");
    assert_no_marker_under(&site.out());
}

#[test]
fn a_symlink_in_static_or_a_theme_is_an_error() {
    let out = outside();
    let site = Site::with_documents(1);
    site.write("static/site.css", "body{}");
    symlink(out.path().join("shadow"), site.path("static/leak.txt")).unwrap();
    let check = site.zwgk(&["check"]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(!check.status.success(), "{text}");
    assert!(
        text.contains("error[theme/symlink]: static/leak.txt"),
        "{text}"
    );
    let build = site.zwgk(&["build"]);
    assert!(!build.status.success());
    assert!(stderr(&build).contains("theme/symlink"));
    assert!(!site.out().exists());

    // A linked folder in static/, and a theme whose static/ is a link.
    std::fs::remove_file(site.path("static/leak.txt")).unwrap();
    symlink(out.path(), site.path("static/docs")).unwrap();
    assert!(!site.zwgk(&["build"]).status.success());
    std::fs::remove_file(site.path("static/docs")).unwrap();
    site.write("themes/own/templates/.keep", "");
    symlink(out.path(), site.path("themes/own/static")).unwrap();
    site.write(
        "site.toml",
        format!("theme = \"own\"\n{}", fixture::SITE_TOML),
    );
    let build = site.zwgk(&["build"]);
    assert!(
        stderr(&build).contains("error[theme/symlink]: themes/own/static"),
        "{}",
        stderr(&build)
    );
    assert!(!site.out().exists());
}

#[test]
fn symlinked_documents_and_folders_are_skipped_with_a_warning() {
    let out = outside();
    let site = Site::with_documents(1);
    symlink(
        out.path().join("outside.md"),
        site.path("content/general/doc9.md"),
    )
    .unwrap();
    symlink(out.path(), site.path("content/linked")).unwrap();
    let build = site.zwgk(&["build"]);
    let err = stderr(&build);
    assert!(build.status.success(), "{err}");
    assert!(
        err.contains("warning[source/symlink]: content/general/doc9.md"),
        "{err}"
    );
    assert!(
        err.contains("warning[source/symlink]: content/linked"),
        "{err}"
    );
    assert!(err.contains("发布 1"), "only the real document: {err}");
    assert_no_marker_under(&site.out());
}

#[test]
fn a_symlinked_content_folder_is_an_error() {
    let out = outside();
    let site = Site::new();
    std::fs::remove_dir_all(site.path("content")).unwrap();
    symlink(out.path(), site.path("content")).unwrap();
    let build = site.zwgk(&["build"]);
    assert!(!build.status.success());
    assert!(
        stderr(&build).contains("source/content-symlink"),
        "{}",
        stderr(&build)
    );
    assert!(!site.out().exists());
}

#[test]
fn serve_never_answers_with_a_file_from_outside() {
    let out = outside();
    let site = Site::new();
    site.write("content/general/doc1.md", with_attachment("files/x.pdf"));
    site.write("content/general/files/x.pdf", "%PDF real");
    site.write("static/site.css", "body{}");
    let serve = Serve::start(site.root(), &[]);
    let attachment = format!("{}files/x.pdf", fixture::numbered_url(1));
    assert_eq!(serve.get(&attachment).text(), "%PDF real");
    assert_eq!(serve.get("site.css").text(), "body{}");

    // Both files become links to the outside: the rebuild fails, and the last good
    // build, which still lists them, must not read through the links.
    std::fs::remove_file(site.path("content/general/files/x.pdf")).unwrap();
    symlink(
        out.path().join("secret.pdf"),
        site.path("content/general/files/x.pdf"),
    )
    .unwrap();
    std::fs::remove_file(site.path("static/site.css")).unwrap();
    symlink(out.path().join("shadow"), site.path("static/site.css")).unwrap();
    // Wait for the rebuild, whatever it concluded.
    let start = std::time::Instant::now();
    while !serve.log().contains("symlink") && !serve.log().contains("重新生成") {
        assert!(
            start.elapsed() < support::serve::PATIENCE,
            "no rebuild: {}",
            serve.log()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for path in [attachment.as_str(), "site.css"] {
        let reply = serve.get(path);
        assert!(
            !reply.text().contains(MARKER),
            "/{path} answered the outside file"
        );
    }
    assert!(!serve.log().contains(MARKER));
}

#[test]
fn serve_of_a_site_with_a_symlinked_attachment_shows_the_error_not_the_file() {
    let out = outside();
    let site = Site::new();
    site.write("content/general/doc1.md", with_attachment("files/x.pdf"));
    site.write("content/general/files/.keep", "");
    symlink(
        out.path().join("secret.pdf"),
        site.path("content/general/files/x.pdf"),
    )
    .unwrap();
    let serve = Serve::start(site.root(), &[]);
    let attachment = format!("{}files/x.pdf", fixture::numbered_url(1));
    for path in [attachment.as_str(), "", fixture::numbered_url(1).as_str()] {
        assert!(!serve.get(path).text().contains(MARKER), "/{path}");
    }
    serve.wait_for_log("files/attachment-symlink");
}
