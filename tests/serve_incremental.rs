//! The incremental rebuild of `serve`, in process: it must always equal a full
//! build, and never keep anything of a withheld document.

mod fixture;
mod support;

use fixture::{numbered, numbered_on_request, numbered_path, numbered_url, Site};

use std::collections::BTreeMap;
use zwgk::build::{self, BuildOptions};
use zwgk::serve::incremental::{Files, Incremental, Rebuilt};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A rebuild with its deferred data files made (what is served a moment later).
fn rebuild(inc: &mut Incremental) -> Rebuilt {
    let mut r = rebuild_only(inc);
    r.finish_now();
    r
}

/// A rebuild as served at first: data files may still be the previous ones.
fn rebuild_only(inc: &mut Incremental) -> Rebuilt {
    inc.rebuild(today()).unwrap_or_else(|e| {
        panic!(
            "rebuild failed: {e}: {:?}",
            e.errors().cloned().collect::<Vec<_>>()
        )
    })
}

/// Every served path with its bytes (files read from disk).
fn contents(files: &Files) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.read().expect("served file readable").into_owned(),
            )
        })
        .collect()
}

/// What a cold rebuild, with no cache at all, serves for the site now.
fn from_scratch(site: &Site, preview: bool) -> BTreeMap<String, Vec<u8>> {
    contents(&rebuild(&mut Incremental::new(site.root(), preview)).files)
}

/// Rebuilds incrementally and checks the result against a cold rebuild.
fn rebuild_and_check(inc: &mut Incremental, site: &Site, preview: bool) -> Rebuilt {
    let r = rebuild(inc);
    assert!(
        contents(&r.files) == from_scratch(site, preview),
        "incremental result differs from a full rebuild"
    );
    r
}

fn marked_site() -> Site {
    let site = Site::with_documents(14);
    site.write(
        "content/general/files/秘密附件.pdf",
        "%PDF-1.4 机密附件内容XJ7",
    );
    site.write(
        &numbered_path(15),
        numbered(15, "标记文件XJ7标题", "summary: 标记概述XJ7\nattachments:\n  - title: 标记附件XJ7\n    file: files/秘密附件.pdf\n", "标记正文XJ7内容，另见[文件1](doc1.md)。"),
    );
    // An interpretation of document 15 links to it by title.
    site.write(
        &numbered_path(16),
        numbered(
            16,
            "解读文件",
            "interprets: 005283492/2024-00015\n",
            "解读正文。",
        ),
    );
    site
}

#[test]
fn serve_files_equal_the_build_output() {
    let site = marked_site();
    let out = site.path("public");
    let mut opts = BuildOptions::new(site.root());
    opts.today = today();
    build::build(&opts).expect("build");
    let built: BTreeMap<String, Vec<u8>> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        // The marker of a written output folder is the build's alone.
        .filter(|e| e.file_name() != zwgk::output::MARKER)
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    let served = contents(&rebuild(&mut Incremental::new(site.root(), false)).files);
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        served.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(
            served[path] == *bytes,
            "{path} differs between build and serve"
        );
    }
    assert!(
        built
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains("__zwgk")),
        "no serve script in build output"
    );
}

/// The HTML pages whose bytes differ between two results.
fn changed_pages(before: &Rebuilt, after: &Rebuilt) -> usize {
    let (a, b) = (contents(&before.files), contents(&after.files));
    let pages: std::collections::BTreeSet<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| p.ends_with(".html"))
        .collect();
    pages.into_iter().filter(|p| a.get(*p) != b.get(*p)).count()
}

#[test]
fn an_edit_rerenders_only_the_pages_that_show_it() {
    let site = Site::with_documents(15);
    let mut inc = Incremental::new(site.root(), false);
    let mut last = rebuild(&mut inc);
    assert_eq!(
        last.rendered, last.pages,
        "the first build renders everything"
    );

    let edits = [
        // The oldest document's body: its page and the catalogue pages showing its summary.
        (1, numbered(1, "文件1", "", "改过的正文。")),
        // The newest document's title: also the home page's latest list.
        (15, numbered(15, "新标题十五", "", "正文15。")),
        // A new topic: the document joins the topic's pages.
        (8, numbered(8, "文件8", "topics: [财政]\n", "正文8。")),
    ];
    for (i, text) in edits {
        site.save_atomically(&numbered_path(i), &text);
        let r = rebuild_and_check(&mut inc, &site, false);
        let changed = changed_pages(&last, &r);
        assert_eq!(
            r.rendered, changed,
            "document {i}: exactly the pages that changed are rendered"
        );
        assert!(
            changed >= 1 && changed < r.pages / 2,
            "document {i}: {changed} of {} pages changed",
            r.pages
        );
        last = r;
    }
    let page = format!("{}index.html", numbered_url(1));
    assert!(String::from_utf8_lossy(&last.files[&page].read().unwrap()).contains("改过的正文"));

    // Nothing changed: nothing rendered.
    assert_eq!(rebuild_and_check(&mut inc, &site, false).rendered, 0);
}

#[test]
fn documents_added_deleted_and_moved_are_followed() {
    let site = Site::with_documents(3);
    let mut inc = Incremental::new(site.root(), false);
    rebuild(&mut inc);
    site.write(
        "content/新栏目/sub/doc4.md",
        numbered(4, "文件4", "", "正文4。"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert!(r
        .files
        .contains_key(&format!("{}index.html", numbered_url(4))));
    std::fs::remove_file(site.path(&numbered_path(2))).unwrap();
    let r = rebuild_and_check(&mut inc, &site, false);
    assert!(!r
        .files
        .contains_key(&format!("{}index.html", numbered_url(2))));
    // Back, with new text: its page is made anew, not the one it had before.
    site.write(
        &numbered_path(2),
        numbered(2, "文件2", "", "重新发布的正文2。"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert!(served_text(&r, &format!("{}index.html", numbered_url(2))).contains("重新发布的正文2"));
    std::fs::rename(site.path("content/general"), site.path("content/moved")).unwrap();
    inc.invalidate(&[site.path("content/general"), site.path("content/moved")]);
    let r = rebuild_and_check(&mut inc, &site, false);
    assert!(r
        .files
        .contains_key(&format!("{}index.html", numbered_url(1))));
}

#[test]
fn with_a_watcher_trusted_a_missed_change_is_caught_after_the_rebuild() {
    let site = Site::with_documents(3);
    let mut inc = Incremental::new(site.root(), false);
    rebuild(&mut inc);
    inc.trust_events();
    assert!(inc.stale().is_empty(), "nothing changed");
    let page = format!("{}index.html", numbered_url(1));
    let shows = |r: &Rebuilt, text: &str| {
        String::from_utf8_lossy(&r.files[&page].read().unwrap()).contains(text)
    };

    // Reported by the watcher: rebuilt at once.
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "", "报告过的正文。"),
    );
    inc.invalidate(&[site.path(&numbered_path(1))]);
    assert!(shows(
        &rebuild_and_check(&mut inc, &site, false),
        "报告过的正文"
    ));

    // Not reported: the rebuild does not look at the file, `stale` names it, and
    // the rebuild serve then makes equals a full one.
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "", "没有报告的正文，长一些。"),
    );
    assert!(!shows(&rebuild(&mut inc), "没有报告的正文"));
    let stale = inc.stale();
    assert_eq!(stale, [site.path(&numbered_path(1))]);
    inc.invalidate(&stale);
    assert!(shows(
        &rebuild_and_check(&mut inc, &site, false),
        "没有报告的正文"
    ));
    assert!(inc.stale().is_empty());

    // A document withheld without a report is caught the same way.
    site.write(
        &numbered_path(2),
        numbered_on_request(2, "标记文件XJ9标题", "标记正文XJ9内容。"),
    );
    let stale = inc.stale();
    assert_eq!(stale, [site.path(&numbered_path(2))]);
    inc.invalidate(&stale);
    let r = rebuild_and_check(&mut inc, &site, false);
    assert!(!contents(&r.files)
        .values()
        .any(|v| String::from_utf8_lossy(v).contains("XJ9")));

    // Dropping every cache keeps the trust.
    inc.forget_everything();
    rebuild(&mut inc);
    site.write(
        &numbered_path(3),
        numbered(3, "文件3", "", "再一次没有报告的正文。"),
    );
    assert_eq!(inc.stale(), [site.path(&numbered_path(3))]);
}

#[test]
fn a_data_job_superseded_by_a_newer_save_gives_up() {
    let site = Site::with_documents(3);
    let mut inc = Incremental::new(site.root(), false);
    rebuild(&mut inc);
    site.write(&numbered_path(1), numbered(1, "文件1", "", "改过一次。"));
    let mut first = rebuild_only(&mut inc);
    let later = first
        .later
        .take()
        .expect("the same documents: data files follow");
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "", "改过两次，长一些。"),
    );
    let mut second = rebuild_only(&mut inc);
    assert!(later.make().is_none(), "a newer run's job makes the files");
    let data = second.later.take().expect("data files follow").make();
    assert!(data.is_some_and(|d| !d.is_empty()));
}

#[test]
fn a_withheld_document_leaves_no_byte_behind() {
    let site = marked_site();
    let mut inc = Incremental::new(site.root(), false);
    let before = rebuild(&mut inc);
    let all = |r: &Rebuilt| {
        contents(&r.files)
            .into_iter()
            .map(|(k, v)| (k, String::from_utf8_lossy(&v).into_owned()))
    };
    assert!(
        all(&before).any(|(_, text)| text.contains("XJ7")),
        "the marker is published at first"
    );

    for withheld in [
        numbered_on_request(
            15,
            "标记文件XJ7标题",
            "标记正文XJ7内容，另见[文件1](doc1.md)。",
        ),
        numbered_on_request(
            15,
            "标记文件XJ7标题",
            "标记正文XJ7内容，另见[文件1](doc1.md)。",
        )
        .replace("依申请公开", "不予公开"),
    ] {
        site.write(&numbered_path(15), &withheld);
        // The interpretation must now point elsewhere, or validation stops the rebuild.
        site.write(
            &numbered_path(16),
            numbered(16, "解读文件", "", "解读正文。"),
        );
        let after = rebuild_and_check(&mut inc, &site, false);
        for (path, text) in all(&after) {
            assert!(
                !text.contains("XJ7"),
                "{path} still holds the withheld document's marker"
            );
            assert!(
                !path.contains("00015") && !path.contains("秘密附件"),
                "{path} is served"
            );
        }
        // Published again, then withheld again by the next round.
        site.write(
            &numbered_path(15),
            numbered(15, "标记文件XJ7标题", "", "标记正文XJ7内容。"),
        );
        let again = rebuild_and_check(&mut inc, &site, false);
        assert!(all(&again).any(|(_, text)| text.contains("XJ7")));
    }
}

#[test]
fn drafts_are_previews_only() {
    let site = Site::with_documents(2);
    site.write(
        &numbered_path(3),
        numbered(3, "草稿文件DR9", "draft: true\n", "草稿正文DR9。"),
    );
    let page = format!("{}index.html", numbered_url(3));

    let public = rebuild(&mut Incremental::new(site.root(), false));
    assert!(!public.files.contains_key(&page));

    let mut inc = Incremental::new(site.root(), true);
    let preview = rebuild_and_check(&mut inc, &site, true);
    let html = String::from_utf8_lossy(&preview.files[&page].read().unwrap()).into_owned();
    assert!(
        html.contains("草稿正文DR9") && html.contains("预览"),
        "marked as a preview:\n{html}"
    );
    assert!(
        html.contains("尚未发布（草稿（draft: true））") && !html.contains("未到发布日期"),
        "the banner names the actual reason:\n{html}"
    );

    let mut opts = BuildOptions::new(site.root());
    opts.today = today();
    build::build(&opts).unwrap();
    for f in fixture::files(&site.out()) {
        let text =
            String::from_utf8_lossy(&std::fs::read(site.out().join(&f)).unwrap()).into_owned();
        assert!(!text.contains("DR9"), "{f:?} leaks the draft");
    }
}

#[test]
fn a_template_change_rerenders_the_pages_that_use_it() {
    let site = Site::with_documents(5);
    let mut inc = Incremental::new(site.root(), false);
    let first = rebuild(&mut inc);

    let index = zwgk::render::theme::Theme::embedded().templates["index.html"].clone();
    site.write(
        "templates/index.html",
        index.replace("最新信息", "最近发布"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!(r.rendered, 1, "only the home page uses index.html");

    let footer = zwgk::render::theme::Theme::embedded().templates["partials/footer.html"].clone();
    site.write(
        "templates/partials/footer.html",
        footer.replace("地址", "办公地址"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!(r.rendered, first.pages, "every page includes the footer");
}

#[test]
fn a_site_toml_change_rebuilds_everything() {
    let site = Site::with_documents(3);
    let mut inc = Incremental::new(site.root(), false);
    let first = rebuild(&mut inc);
    site.write(
        "site.toml",
        fixture::SITE_TOML.replace("测试区人民政府信息公开", "新标题信息公开"),
    );
    inc.invalidate(&[site.path("site.toml")]);
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!(r.rendered, first.pages);
}

#[test]
fn a_broken_document_fails_the_rebuild_with_its_file_and_line() {
    let site = Site::with_documents(2);
    let mut inc = Incremental::new(site.root(), false);
    rebuild(&mut inc);
    site.write(
        &numbered_path(2),
        numbered(2, "文件2", "titel: 错字\n", "正文2。"),
    );
    let err = inc
        .rebuild(today())
        .err()
        .expect("an unknown key fails the rebuild");
    let problems = err.errors().cloned().collect::<Vec<_>>();
    assert!(
        problems.iter().any(|d| d.file == numbered_path(2)
            && d.line.is_some()
            && d.message_en.contains("titel")),
        "{problems:?}"
    );
    site.write(&numbered_path(2), numbered(2, "文件2", "", "正文2改。"));
    rebuild_and_check(&mut inc, &site, false);
}

/// Every finding of a rebuild, failed or not.
fn findings(
    result: &Result<Rebuilt, zwgk::diagnostics::Diagnostics>,
) -> Vec<zwgk::diagnostics::Diagnostic> {
    match result {
        Ok(r) => r.warnings.iter().cloned().collect(),
        Err(ds) => ds.iter().cloned().collect(),
    }
}

#[test]
fn remembered_findings_equal_a_fresh_check() {
    let site = Site::with_documents(3);
    site.write(
        &numbered_path(1),
        numbered(1, "文件1", "", "见[文件3](doc3.md)。"),
    );
    let mut inc = Incremental::new(site.root(), false);
    let check = |inc: &mut Incremental| {
        let incremental = findings(&inc.rebuild(today()));
        let fresh = findings(&Incremental::new(site.root(), false).rebuild(today()));
        assert_eq!(incremental, fresh, "findings differ from a fresh check");
        incremental
    };
    assert!(check(&mut inc).is_empty());
    // A body edit that brings a personal mobile number: a finding for that document.
    site.write(
        &numbered_path(2),
        numbered(2, "文件2", "", "联系人手机13812345678。"),
    );
    assert!(check(&mut inc).iter().any(|d| d.file == numbered_path(2)));
    // Document 3 withheld: document 1, unchanged, now links to a withheld document.
    site.write(
        &numbered_path(3),
        numbered_on_request(3, "文件3", "正文3。"),
    );
    assert!(check(&mut inc).iter().any(|d| d.file == numbered_path(1)));
    // Both fixed.
    site.write(&numbered_path(3), numbered(3, "文件3", "", "正文3。"));
    site.write(&numbered_path(2), numbered(2, "文件2", "", "正文2。"));
    assert!(check(&mut inc).is_empty());
}

fn served_text(r: &Rebuilt, path: &str) -> String {
    String::from_utf8(r.files[path].read().unwrap().into_owned()).unwrap()
}

#[test]
fn data_files_follow_an_edit_after_the_pages_and_at_once_when_a_document_goes() {
    let site = marked_site();
    let mut inc = Incremental::new(site.root(), false);
    rebuild(&mut inc);

    // An edit that keeps the same documents published: the pages are new at once,
    // the data files a moment later.
    site.write(
        &numbered_path(1),
        numbered(1, "改过的标题QZ3", "", "正文1。"),
    );
    let mut r = rebuild_only(&mut inc);
    assert!(r.later.is_some(), "the data files are deferred");
    let page = format!("{}index.html", numbered_url(1));
    assert!(served_text(&r, &page).contains("改过的标题QZ3"));
    assert!(
        !served_text(&r, "catalogue.json").contains("QZ3"),
        "still the previous data files"
    );
    r.finish_now();
    assert!(served_text(&r, "catalogue.json").contains("改过的标题QZ3"));
    assert!(contents(&r.files) == from_scratch(&site, false));

    // A deferred job overtaken by a newer rebuild makes nothing.
    site.write(&numbered_path(2), numbered(2, "第二次QZ4", "", "正文2。"));
    let stale = rebuild_only(&mut inc).later.expect("deferred");
    site.write(&numbered_path(2), numbered(2, "第三次QZ5", "", "正文2。"));
    let newer = rebuild_only(&mut inc);
    assert!(
        stale.make().is_none(),
        "an older rebuild's data files are dropped"
    );
    drop(newer);

    // Withheld: no deferral, nothing of it in any data file of this very rebuild.
    site.write(
        &numbered_path(15),
        numbered_on_request(15, "标记文件XJ7标题", "标记正文XJ7内容。"),
    );
    site.write(
        &numbered_path(16),
        numbered(16, "解读文件", "", "解读正文。"),
    );
    let r = rebuild_only(&mut inc);
    assert!(
        r.later.is_none(),
        "a document withheld: data files made before serving"
    );
    for (path, bytes) in contents(&r.files) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("XJ7"),
            "{path} still holds the withheld document"
        );
    }
}

#[test]
fn a_body_edit_below_the_summary_looks_only_at_its_own_page() {
    let site = Site::with_documents(12);
    let with_summary = |body: &str| numbered(5, "文件5", "summary: 固定的概述。\n", body);
    site.save_atomically(&numbered_path(5), &with_summary("第一版正文。"));
    let mut inc = Incremental::new(site.root(), false);
    let first = rebuild(&mut inc);
    assert_eq!(
        first.fingerprinted, first.pages,
        "a first build looks at every page"
    );

    site.save_atomically(&numbered_path(5), &with_summary("第二版正文。"));
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!(
        (r.fingerprinted, r.rendered),
        (1, 1),
        "only the document's page"
    );
    let page = format!("{}index.html", numbered_url(5));
    assert!(served_text(&r, &page).contains("第二版正文"));

    // A body whose start is the summary: its catalogue rows change too.
    site.save_atomically(
        &numbered_path(7),
        &numbered(7, "文件7", "", "改过开头的正文。"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!(
        r.fingerprinted, r.pages,
        "the summary changed: every page is looked at"
    );
    assert!(r.rendered > 1);

    // The same text saved again: the page is looked at, not rendered.
    site.save_atomically(
        &numbered_path(7),
        &numbered(7, "文件7", "", "改过开头的正文。"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!((r.fingerprinted, r.rendered), (1, 0));

    // Withholding a document changes its metadata: no shortcut.
    site.save_atomically(
        &numbered_path(5),
        &numbered_on_request(5, "文件5", "正文。"),
    );
    let r = rebuild_and_check(&mut inc, &site, false);
    assert_eq!(r.fingerprinted, r.pages);
    assert!(
        !r.files.contains_key(&page),
        "the withheld document's page is gone"
    );
}

/// Every served path whose name or bytes hold the marker (any case: the search
/// index may lower-case it).
fn holding(files: &Files, marker: &str) -> Vec<String> {
    let marker = marker.to_lowercase();
    contents(files)
        .into_iter()
        .filter(|(path, bytes)| {
            path.to_lowercase().contains(&marker)
                || String::from_utf8_lossy(bytes)
                    .to_lowercase()
                    .contains(&marker)
        })
        .map(|(path, _)| path)
        .collect()
}

/// In one save: an unrelated error in document 2 (a link to no document), and
/// document 15 (marked XJ7, with an attachment, interpreted by document 16)
/// withheld, broken or deleted. The rebuild fails; what stays served holds nothing
/// of document 15, and the overlay names it. Fixed, everything is back.
#[test]
fn a_failed_rebuild_hides_what_the_current_source_no_longer_publishes() {
    use zwgk::serve::hidden::Because;
    let site = marked_site();
    let published = numbered(
        15,
        "标记文件XJ7标题",
        "summary: 标记概述XJ7\nattachments:\n  - title: 标记附件XJ7\n    file: files/秘密附件.pdf\n",
        "标记正文XJ7内容，另见[文件1](doc1.md)。",
    );
    let attachment = format!("{}files/秘密附件.pdf", numbered_url(15));
    // Document 17 links to document 15 in its body.
    site.write(
        &numbered_path(17),
        numbered(17, "引用文件", "", "依据[标记文件](doc15.md)办理。"),
    );
    let mut inc = Incremental::new(site.root(), false);
    let mut good = rebuild(&mut inc);
    assert!(good.files.contains_key(&attachment));
    assert!(holding(&good.files, "XJ7").len() > 5, "published at first");

    let cases: [(&str, Option<String>, Because); 4] = [
        (
            "依申请公开",
            Some(numbered_on_request(
                15,
                "标记文件XJ7标题",
                "标记正文XJ7内容。",
            )),
            Because::Withheld,
        ),
        (
            "draft",
            Some(published.replace("---\n\n", "draft: true\n---\n\n")),
            Because::Withheld,
        ),
        (
            "front matter that does not parse",
            Some(published.replace("title: 标记文件XJ7标题", "title: [标记文件XJ7标题")),
            Because::Unreadable,
        ),
        ("deleted", None, Because::Deleted),
    ];
    for (what, doc15, because) in cases {
        site.write(
            &numbered_path(2),
            numbered(2, "文件2", "", "见[不存在的文件](nothing.md)。"),
        );
        match &doc15 {
            Some(text) => site.write(&numbered_path(15), text),
            None => std::fs::remove_file(site.path(&numbered_path(15))).unwrap(),
        }
        let err = inc
            .rebuild(today())
            .err()
            .unwrap_or_else(|| panic!("{what}: the rebuild fails"));
        let problems = err.errors().cloned().collect::<Vec<_>>();
        assert!(
            problems.iter().any(|d| d.file == numbered_path(2)),
            "{what}: {problems:?}"
        );

        let hidden = inc.hidden(&good.files);
        let served = hidden.apply(&good.files);
        assert_eq!(
            holding(&served, "XJ7"),
            Vec::<String>::new(),
            "{what}: the marker is served"
        );
        // Nor its address (index number), which links on other pages hold.
        assert_eq!(
            holding(&served, "2024-00015"),
            Vec::<String>::new(),
            "{what}: its address is served"
        );
        for path in served.keys() {
            assert!(
                !path.contains("00015") && !path.contains("秘密附件"),
                "{what}: {path} is served"
            );
        }
        assert!(
            hidden.documents.contains(&(numbered_path(15), because)),
            "{what}: {:?}",
            hidden.documents
        );
        // Document 16 interprets 15; document 2 changed: both hidden too.
        assert!(
            hidden
                .documents
                .contains(&(numbered_path(16), Because::LinksToHidden)),
            "{what}"
        );
        assert!(
            hidden
                .documents
                .contains(&(numbered_path(17), Because::LinksToHidden)),
            "{what}"
        );
        assert!(
            hidden
                .documents
                .contains(&(numbered_path(2), Because::Changed)),
            "{what}"
        );
        // Listings and data files go; an untouched document that links to none stays,
        // and so do the theme's files.
        for gone in [
            "index.html",
            "catalogue/index.html",
            "catalogue.json",
            "feed.xml",
            "sitemap.xml",
            "404.html",
        ] {
            assert!(!served.contains_key(gone), "{what}: {gone} is served");
        }
        assert!(
            !served.keys().any(|p| p.starts_with("search/")),
            "{what}: search files"
        );
        assert!(
            served.contains_key(&format!("{}index.html", numbered_url(3))),
            "{what}"
        );
        assert!(served.contains_key("assets/style.css"), "{what}");

        let overlay = zwgk::serve::reload::overlay(&problems, &hidden, true);
        assert!(
            overlay.contains(&numbered_path(15)),
            "{what}: the overlay names the file"
        );
        assert!(
            overlay.contains(because.en()) && overlay.contains("Hidden until the errors are fixed")
        );

        // Fixed: everything is back, as a full rebuild makes it.
        site.write(&numbered_path(2), numbered(2, "文件2", "", "正文2。"));
        site.write(&numbered_path(15), &published);
        good = rebuild_and_check(&mut inc, &site, false);
        assert!(inc.hidden(&good.files).is_empty());
        assert!(good.files.contains_key(&attachment), "{what}: back");
        assert!(holding(&good.files, "XJ7").len() > 5, "{what}: back");
    }
}

/// Caches dropped (site.toml saved) keep what the last good build was; a site.toml
/// that cannot be read leaves only the theme's files.
#[test]
fn an_unreadable_site_toml_hides_every_page() {
    let site = marked_site();
    let mut inc = Incremental::new(site.root(), false);
    let good = rebuild(&mut inc);
    site.write("site.toml", "title = [\n");
    inc.forget_everything();
    assert!(inc.rebuild(today()).is_err());
    let hidden = inc.hidden(&good.files);
    assert!(hidden.everything);
    let served = hidden.apply(&good.files);
    assert!(!served.is_empty());
    assert!(
        served.keys().all(|p| p.starts_with("assets/")),
        "{:?}",
        served.keys()
    );
}

/// A failed rebuild that changes no document hides nothing.
#[test]
fn an_error_that_touches_no_published_document_hides_nothing() {
    let site = marked_site();
    let mut inc = Incremental::new(site.root(), false);
    let good = rebuild(&mut inc);
    // A new document with an error: it was never served.
    site.write(
        "content/general/new.md",
        numbered(30, "新文件", "titel: 错字\n", "正文。"),
    );
    assert!(inc.rebuild(today()).is_err());
    let hidden = inc.hidden(&good.files);
    assert!(hidden.is_empty(), "{:?}", hidden.documents);
    assert_eq!(hidden.apply(&good.files).len(), good.files.len());
}
