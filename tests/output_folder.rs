//! The output folder never destroys what the office has (issue 14, items 7 and 8):
//! a folder that is, contains or lies inside the site's sources, a file, or a folder
//! zwgk did not write is refused before any work, and the site is left as it was.

mod fixture;
use fixture::{files, stderr, Site, SITE_TOML};
mod support;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::search_reference::Searcher;

const MARKER: &str = ".zwgk-output";

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// A site with a document, a theme of its own, a template and a static file.
fn full_site() -> Site {
    let site = Site::with_documents(2);
    site.write("themes/spare/templates/base.html", "<p>备用主题</p>");
    site.write("templates/.keep", "");
    site.write("static/site.css", "body{}");
    site
}

fn zwgk_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .args(args)
        .current_dir(dir)
        .env("ZWGK_TODAY", "2026-11-22")
        .output()
        .unwrap()
}

/// Runs `build args` and asserts it is refused with `rule`, the site unchanged.
fn assert_refused(site: &Site, dir: &Path, args: &[&str], rule: &str) -> String {
    let before = snapshot(site.root());
    let out = zwgk_in(dir, args);
    let err = stderr(&out);
    assert!(!out.status.success(), "{args:?} was not refused: {err}");
    assert!(err.contains(rule), "{args:?}: {err}");
    assert_eq!(
        snapshot(site.root()),
        before,
        "{args:?} changed the site's files"
    );
    err
}

#[test]
fn an_output_in_the_site_sources_is_refused() {
    let site = full_site();
    let root = site.root();
    for o in [
        "content",
        "content/general",
        "themes",
        "static",
        "templates",
        "content/new",
    ] {
        assert_refused(&site, root, &["build", "-o", o], "output/overlaps-sources");
    }
    let err = assert_refused(
        &site,
        root,
        &["build", "-o", "."],
        "output/overlaps-sources",
    );
    assert!(err.contains("-o"), "the fix names -o: {err}");
    // A folder that contains the site: run from inside a folder of the site.
    let inner = root.join("content/general");
    assert_refused(
        &site,
        &inner,
        &["-C", "../..", "build", "-o", "../../.."],
        "output/overlaps-sources",
    );
    assert!(!site.out().exists());
}

#[test]
fn an_output_dir_in_the_sources_or_on_a_file_is_refused_and_check_says_so() {
    let site = full_site();
    for (value, rule) in [
        ("themes", "output/overlaps-sources"),
        ("content", "output/overlaps-sources"),
        (".", "output/overlaps-sources"),
        ("site.toml", "output/not-a-folder"),
    ] {
        site.write(
            "site.toml",
            format!("output_dir = \"{value}\"\n{SITE_TOML}"),
        );
        let err = assert_refused(&site, site.root(), &["build"], rule);
        assert!(
            err.contains("output_dir 改为 \"public\""),
            "the fix names output_dir: {err}"
        );
        assert!(site.path("site.toml").is_file());
        let check = site.zwgk(&["check"]);
        let text = String::from_utf8_lossy(&check.stdout);
        assert!(!check.status.success(), "{value}: {text}");
        assert!(
            text.contains(&format!("error[{rule}]: site.toml")),
            "{text}"
        );
    }
}

#[test]
fn a_file_or_a_foreign_folder_as_the_target_is_refused() {
    let site = full_site();
    site.write("notes/plan.txt", "办公室的文件");
    site.write("report.docx", "PK");
    let root = site.root();
    let err = assert_refused(
        &site,
        root,
        &["build", "-o", "notes"],
        "output/foreign-folder",
    );
    assert!(err.contains(MARKER), "{err}");
    assert_refused(
        &site,
        root,
        &["build", "-o", "report.docx"],
        "output/not-a-folder",
    );
    // A .git folder is someone's too.
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    assert_refused(
        &site,
        root,
        &["build", "-o", ".git"],
        "output/foreign-folder",
    );
}

#[test]
fn an_output_from_an_earlier_build_is_replaced() {
    let site = full_site();
    for _ in 0..2 {
        let out = site.zwgk(&["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(site.out().join(MARKER).is_file());
    assert!(site.read_out(MARKER).contains("zwgk"));
    assert!(site.read_out("index.html").contains("文件2"));
    // An empty folder is fine too, and so is one outside the site.
    std::fs::create_dir_all(site.path("empty")).unwrap();
    assert!(site.zwgk(&["build", "-o", "empty"]).status.success());
    let elsewhere = tempfile::tempdir().unwrap();
    let srv = elsewhere.path().join("srv/xxgk");
    let out = site.zwgk(&["build", "-o", srv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(srv.join("index.html").is_file());
}

#[test]
fn leftover_staging_folders_of_killed_builds_are_removed() {
    let site = full_site();
    assert!(site.zwgk(&["build"]).status.success());
    // A process that has ended stands for a killed build.
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let leftovers = [
        format!(".public.zwgk-tmp-{dead}"),
        format!(".public.zwgk-tmp-{dead}.old"),
    ];
    for name in &leftovers {
        site.write(&format!("{name}/docs/index.html"), "half written");
    }
    // A page manifest being written (issue 20).
    let manifest = format!(".public.zwgk-tmp-{dead}.pages");
    site.write(&manifest, "zwgk-pages 1");
    // Not zwgk's naming, or not this output's: left alone.
    site.write(".public.zwgk-tmp-mine/a.txt", "keep");
    site.write(&format!(".other.zwgk-tmp-{dead}/a.txt"), "keep");
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in &leftovers {
        assert!(!site.path(name).exists(), "{name} is still there");
    }
    assert!(!site.path(&manifest).exists());
    assert!(site.path(".public.zwgk-tmp-mine/a.txt").exists());
    assert!(site.path(&format!(".other.zwgk-tmp-{dead}/a.txt")).exists());
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    // The tree and the page manifest kept for the next rebuild (issue 20), and the one not zwgk's.
    assert_eq!(
        names,
        [
            ".public.zwgk-pages",
            ".public.zwgk-prev",
            ".public.zwgk-tmp-mine"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_linked_output_folder_is_judged_by_where_it_leads() {
    let site = full_site();
    std::os::unix::fs::symlink(site.path("content"), site.path("public")).unwrap();
    assert_refused(&site, site.root(), &["build"], "output/overlaps-sources");
    assert!(site.path("content/general/doc1.md").is_file());
}

/// What identifies a file's version for sync tools: inode and modification time.
#[cfg(unix)]
fn stamps(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    files(dir)
        .into_iter()
        .map(|rel| {
            let m = std::fs::metadata(dir.join(&rel)).unwrap();
            (rel, (m.ino(), m.modified().unwrap()))
        })
        .collect()
}

/// Issue 20: a rebuild over an existing output writes only what changed, so rsync
/// and its kind transfer only that. Unchanged files keep inode and modification time.
#[cfg(unix)]
#[test]
fn a_rebuild_rewrites_exactly_the_changed_files() {
    let site = Site::with_documents(30);
    let build = || {
        let out = site.zwgk(&["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    build();
    let first = stamps(&site.out());
    let first_bytes = snapshot(&site.out());
    assert!(first.len() > 60, "{}", first.len());
    // Nothing changed: nothing rewritten, twice (the second reuses the kept tree).
    for _ in 0..2 {
        let err = build();
        assert!(err.contains(" 0 output files new or changed"), "{err}");
        assert_eq!(stamps(&site.out()), first);
    }
    // One body edit.
    site.write(
        &fixture::numbered_path(7),
        fixture::numbered(7, "文件7", "", "正文7，已修改。"),
    );
    build();
    let now = stamps(&site.out());
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        first.keys().collect::<Vec<_>>()
    );
    let changed: Vec<String> = now
        .iter()
        .filter(|(rel, stamp)| first[*rel] != **stamp)
        .map(|(rel, _)| rel.to_string_lossy().into_owned())
        .collect();
    // Exactly the files whose bytes changed were rewritten.
    let now_bytes = snapshot(&site.out());
    let differ: Vec<String> = now_bytes
        .iter()
        .filter(|(rel, bytes)| first_bytes[*rel] != **bytes)
        .map(|(rel, _)| rel.to_string_lossy().into_owned())
        .collect();
    assert_eq!(changed, differ);
    assert_eq!(changed, EXPECTED_AFTER_ONE_EDIT, "{changed:#?}");
}

/// The files a body edit of document 7 changes: its page, the catalogue pages that
/// show its summary (taken from the body; the other lists show no summary), the
/// search shards and the open data that carry its text. Not the other pages.
#[cfg(unix)]
const EXPECTED_AFTER_ONE_EDIT: &[&str] = &[
    "catalogue/execution/page/12/index.html",
    "catalogue/in-force/page/12/index.html",
    "catalogue/page/12/index.html",
    "catalogue.csv",
    "catalogue.json",
    "docs/005283492-2024-00007/index.html",
    "search/d/2.js",
    "search/meta.js",
    "search/t/0.js",
];

/// Issue 20: a build killed at any moment leaves the previous or the new output,
/// complete, never a mix (here: never the old page of a document withheld since),
/// and the next build cleans up after it.
#[cfg(unix)]
#[test]
fn a_killed_rebuild_leaves_the_old_or_the_new_output() {
    let site = Site::with_documents(150);
    let build = || {
        let out = site.zwgk(&["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    build();
    build(); // a tree is kept: the next builds reconcile it
    let old = snapshot(&site.out());
    site.write(
        &fixture::numbered_path(9),
        fixture::numbered_on_request(9, "文件9", "正文9。"),
    );
    let new_out = site.zwgk(&["build", "-o", "new"]);
    assert!(new_out.status.success(), "{}", stderr(&new_out));
    let new = snapshot(&site.path("new"));
    assert_ne!(old, new);
    let withheld = format!("{}index.html", fixture::numbered_url(9));
    assert!(!new.contains_key(Path::new(&withheld)));
    // Kills spread over the time a rebuild takes, and a little after.
    let start = std::time::Instant::now();
    let timed = site.zwgk(&["build", "-o", "timed"]);
    assert!(timed.status.success());
    let took = start.elapsed().as_millis() as u64;
    let (mut saw_old, mut saw_new) = (0, 0);
    eprintln!("a rebuild takes {took} ms");
    for delay_ms in (0..24).map(|i| took * i / 20).chain([took * 3]) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .arg("build")
            .current_dir(site.root())
            .env("ZWGK_TODAY", "2026-11-22")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let now = snapshot(&site.out());
        if now == old {
            saw_old += 1;
        } else {
            assert!(now == new, "after {delay_ms} ms: a mix of old and new");
            saw_new += 1;
            // The next round starts from the old output again.
            site.write(
                &fixture::numbered_path(9),
                fixture::numbered(9, "文件9", "", "正文9。"),
            );
            build();
            assert_eq!(snapshot(&site.out()), old);
            site.write(
                &fixture::numbered_path(9),
                fixture::numbered_on_request(9, "文件9", "正文9。"),
            );
        }
    }
    eprintln!("killed builds: {saw_old} left the old output, {saw_new} the new");
    assert!(saw_old > 0);
    build();
    assert_eq!(snapshot(&site.out()), new);
    let mut beside: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".public.zwgk-pages", ".public.zwgk-prev"],
        "leftovers cleaned"
    );
    for rel in files(&site.path(".public.zwgk-prev")) {
        assert!(new.contains_key(&rel), "{rel:?} kept beside the output");
    }
}

/// How many pages a build rendered (the others it kept without rendering them).
fn pages_rendered(err: &str) -> usize {
    let before = err
        .split(" pages rendered")
        .next()
        .filter(|b| b.len() < err.len())
        .unwrap_or_else(|| panic!("no count in {err}"));
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

fn built(site: &Site, args: &[&str]) -> String {
    let out = site.zwgk(args);
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
}

/// Issue 20: a rebuild renders only the pages whose inputs changed (the page
/// manifest beside the output), and its output is byte for byte a cold build's.
#[cfg(unix)]
#[test]
fn a_rebuild_renders_only_pages_whose_inputs_changed() {
    let site = Site::with_documents(30);
    let all = pages_rendered(&built(&site, &["build"]));
    assert!(all > 60, "{all}");
    assert!(site.path(".public.zwgk-pages").is_file());
    // Nothing changed: nothing rendered.
    assert_eq!(pages_rendered(&built(&site, &["build"])), 0);
    let same_as_cold = |what: &str| {
        let _ = std::fs::remove_dir_all(site.path("cold"));
        built(&site, &["build", "-o", "cold"]);
        assert_eq!(
            snapshot(&site.out()),
            snapshot(&site.path("cold")),
            "{what}"
        );
    };
    same_as_cold("nothing changed");

    // One title edit: the document's page and the pages that list it, no other.
    let before = snapshot(&site.out());
    site.write(
        &fixture::numbered_path(7),
        fixture::numbered(7, "文件7（修订）", "", "正文7。"),
    );
    let rendered = pages_rendered(&built(&site, &["build"]));
    same_as_cold("one edit");
    let after = snapshot(&site.out());
    let changed_pages = after
        .iter()
        .filter(|(rel, bytes)| {
            rel.extension().is_some_and(|e| e == "html") && before.get(*rel) != Some(bytes)
        })
        .count();
    let page = format!("{}index.html", fixture::numbered_url(7));
    assert_ne!(before[Path::new(&page)], after[Path::new(&page)]);
    assert!(rendered < all / 3, "{rendered} of {all}");
    assert_eq!(
        rendered, changed_pages,
        "rendered exactly the pages that changed"
    );

    // A document's link to another whose page moved (its index number changed):
    // the linking page is rendered again, though its own text is the same.
    site.write(
        &fixture::numbered_path(3),
        fixture::numbered(3, "文件3", "", "见[文件5](doc5.md)。"),
    );
    built(&site, &["build"]);
    let linking = format!("{}index.html", fixture::numbered_url(3));
    assert!(site.read_out(&linking).contains("005283492-2024-00005/"));
    site.write(
        &fixture::numbered_path(5),
        fixture::numbered(5, "文件5", "", "正文5。").replace("2024-00005", "2024-00055"),
    );
    built(&site, &["build"]);
    assert!(site.read_out(&linking).contains("005283492-2024-00055/"));
    same_as_cold("a link's target moved");

    // A document withheld since: its page is gone, though nothing else changed.
    site.write(
        &fixture::numbered_path(9),
        fixture::numbered_on_request(9, "文件9", "正文9。"),
    );
    // (Every page shows the number of published documents: all are rendered.)
    built(&site, &["build"]);
    assert!(!site.out().join(fixture::numbered_url(9)).exists());
    same_as_cold("one withheld");

    // A template of the site's own, or site.toml: every page again.
    site.write("templates/404.html", "<p>找不到页面</p>");
    assert_eq!(pages_rendered(&built(&site, &["build"])), all - 1);
    same_as_cold("a template");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        toml.replace("page_size = 2", "page_size = 2\n"),
    );
    assert_eq!(
        pages_rendered(&built(&site, &["build"])),
        0,
        "same settings"
    );
    site.write(
        "site.toml",
        toml.replace("测试区人民政府办公室", "测试区政府办公室"),
    );
    assert_eq!(pages_rendered(&built(&site, &["build"])), all - 1);
    same_as_cold("site.toml");
}

/// A page manifest that is missing or damaged, or an output file changed behind
/// zwgk's back, means rendering: never keeping a page on a guess.
#[cfg(unix)]
#[test]
fn a_missing_or_damaged_manifest_or_a_touched_page_is_rendered_again() {
    let site = Site::with_documents(12);
    let all = pages_rendered(&built(&site, &["build"]));
    let manifest = site.path(".public.zwgk-pages");
    std::fs::remove_file(&manifest).unwrap();
    assert_eq!(pages_rendered(&built(&site, &["build"])), all);
    let text = std::fs::read_to_string(&manifest).unwrap();
    for damaged in [
        text[..text.len() / 2].to_string(),
        text.replacen(' ', "  ", 3),
        "\u{0}garbage".to_string(),
        String::new(),
    ] {
        std::fs::write(&manifest, damaged).unwrap();
        assert_eq!(pages_rendered(&built(&site, &["build"])), all);
    }
    assert_eq!(pages_rendered(&built(&site, &["build"])), 0);
    // A page edited in the output by hand, in place, its size the same.
    let index = site.out().join("index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(10));
    std::fs::write(&index, html.replacen("<html", "<HTML", 1)).unwrap();
    // Replaced by another file (another inode), as an editor saves.
    let guide = site.out().join("guide/index.html");
    let guide_html = std::fs::read(&guide).unwrap();
    std::fs::remove_file(&guide).unwrap();
    std::fs::write(&guide, &guide_html).unwrap();
    assert_eq!(pages_rendered(&built(&site, &["build"])), 2);
    assert_eq!(std::fs::read_to_string(&index).unwrap(), html);
    // The page's file deleted: rendered again.
    std::fs::remove_file(&index).unwrap();
    assert_eq!(pages_rendered(&built(&site, &["build"])), 1);
    assert_eq!(std::fs::read_to_string(&index).unwrap(), html);
}

/// How many data files a build made (`--timings`); the others it kept.
fn data_made(site: &Site, today: &str) -> u64 {
    let out = site.zwgk_on(today, &["build", "--timings"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let last = err.trim().lines().last().unwrap();
    let json: serde_json::Value = serde_json::from_str(last).unwrap();
    json["data_made"].as_u64().unwrap()
}

fn search_hits(site: &Site, word: &str) -> usize {
    let searcher = Searcher::open(&site.out()).expect("the index opens");
    searcher.search(word).unwrap().len()
}

/// Issue 20: a rebuild keeps the data files (search index, feeds, open data) as the
/// previous build left them when nothing they are made from changed (the data key
/// in the page manifest), and makes them all again when anything did: a body, the
/// day (a term that ends), a document withheld, a data file touched in the output.
#[cfg(unix)]
#[test]
fn a_rebuild_makes_the_data_files_only_when_their_inputs_changed() {
    let site = Site::with_documents(6);
    let limited = fixture::numbered(
        2,
        "限期办法",
        "register_no: CSD-2024-0001\neffective: 2024-04-01\nvalid_until: 2026-11-21\n",
        "正文2。",
    )
    .replace("doc_type: 通知", "doc_type: 办法");
    site.write(&fixture::numbered_path(2), limited);
    let all = data_made(&site, "2026-11-21");
    assert!(all >= 5, "{all}");
    let data = |site: &Site| {
        snapshot(&site.out())
            .into_iter()
            .filter(|(rel, _)| rel.extension().is_none_or(|e| e != "html"))
            .collect::<BTreeMap<_, _>>()
    };
    let before = data(&site);
    assert_eq!(data_made(&site, "2026-11-21"), 0, "nothing changed");
    assert_eq!(data(&site), before);
    let cold_data = |what: &str| {
        let _ = std::fs::remove_dir_all(site.path("cold"));
        let out = site.zwgk_on("2026-11-22", &["build", "-o", "cold"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            snapshot(&site.out()),
            snapshot(&site.path("cold")),
            "{what}"
        );
    };

    // The day the term ends: the validity in the data files changes with no edit.
    let entry = |site: &Site| {
        let json: serde_json::Value =
            serde_json::from_str(&site.read_out("catalogue.json")).unwrap();
        json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["index_no"] == "005283492/2024-00002")
            .unwrap()["validity"]
            .clone()
    };
    assert_eq!(entry(&site), "有效");
    assert_eq!(data_made(&site, "2026-11-22"), all);
    assert_eq!(entry(&site), "失效");
    assert_eq!(data_made(&site, "2026-11-22"), 0);
    cold_data("the day after");

    // A body edit below the summary: the search index finds the new word.
    assert_eq!(search_hits(&site, "独角兽"), 0);
    site.write(
        &fixture::numbered_path(4),
        fixture::numbered(4, "文件4", "summary: 摘要4\n", "正文4。独角兽出没。"),
    );
    assert_eq!(data_made(&site, "2026-11-22"), all);
    assert_eq!(search_hits(&site, "独角兽"), 1);
    cold_data("a body edit");

    // Withheld since: out of every data file.
    site.write(
        &fixture::numbered_path(4),
        fixture::numbered_on_request(4, "文件4", "正文4。独角兽出没。"),
    );
    assert_eq!(data_made(&site, "2026-11-22"), all);
    assert_eq!(search_hits(&site, "独角兽"), 0);
    for (rel, bytes) in data(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("2024-00004"),
            "{rel:?} lists the withheld document"
        );
    }
    cold_data("withheld");

    // A data file changed in the output behind zwgk's back: all are made again.
    assert_eq!(data_made(&site, "2026-11-22"), 0);
    let feed = site.out().join("feed.xml");
    let xml = std::fs::read(&feed).unwrap();
    std::fs::remove_file(&feed).unwrap();
    std::fs::write(&feed, b"<rss/>").unwrap();
    assert!(data_made(&site, "2026-11-22") > 0);
    assert_eq!(std::fs::read(&feed).unwrap(), xml);
    // The manifest damaged or gone: the same.
    std::fs::remove_file(site.path(".public.zwgk-pages")).unwrap();
    assert!(data_made(&site, "2026-11-22") > 0);
    assert_eq!(data_made(&site, "2026-11-22"), 0);
    cold_data("after all");
}

/// A big site's bodies are read again from their files after publication
/// (`BuildOptions::bodies_in_memory`): the example portal built that way is the
/// portal built with every body in memory, byte for byte, withheld markers absent.
#[test]
fn bodies_read_again_from_their_files_give_the_same_portal() {
    let dir = tempfile::tempdir().unwrap();
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let build = |name: &str, bodies_in_memory: usize| {
        let mut opts = zwgk::build::BuildOptions::new(&repo);
        opts.output = Some(dir.path().join(name));
        opts.today = zwgk::util::dates::parse_date(fixture::EXAMPLE_TODAY)
            .ok()
            .unwrap();
        opts.bodies_in_memory = bodies_in_memory;
        let report = zwgk::build::build(&opts).unwrap_or_else(|e| panic!("{e}"));
        (dir.path().join(name), report)
    };
    let ((held, all_held), (read_again, read)) =
        (build("held", usize::MAX), build("read-again", 0));
    assert_eq!(all_held.bodies_in_files, 0);
    assert_eq!(read.bodies_in_files, read.stats.published);
    assert!(read.bodies_in_files > 20);
    assert_eq!(files(&held), files(&read_again));
    let markers = support::portal::markers(&repo.join("content"));
    assert!(!markers.is_empty());
    for rel in files(&held) {
        let bytes = std::fs::read(read_again.join(&rel)).unwrap();
        assert_eq!(
            std::fs::read(held.join(&rel)).unwrap(),
            bytes,
            "{}",
            rel.display()
        );
        let text = String::from_utf8_lossy(&bytes);
        for m in &markers {
            assert!(!text.contains(m.as_str()), "{m} in {}", rel.display());
        }
    }
}
