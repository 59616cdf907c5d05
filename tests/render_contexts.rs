//! A renderer keeps a Tera context holding `site` per thread and reuses it from page
//! to page (render::PageContext): no page may see a key another page put there.

mod fixture;

use fixture::Site;
use std::path::Path;

/// Every page of the site at `root`, in plan order and then in reverse, each made
/// by one renderer for all (reusing its contexts) and by a new renderer of its own.
fn pages_both_ways(root: &Path) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let (site, tera) = fixture::published(root);
    let shared = zwgk::render::Renderer::new(tera.clone(), &site, None);
    let plan = zwgk::plan::plan(&site).expect("output paths are unique");
    plan.pages
        .iter()
        .chain(plan.pages.iter().rev())
        .map(|p| {
            let alone = zwgk::render::Renderer::new(tera.clone(), &site, None);
            (
                p.output.clone(),
                shared.render(&site, p).expect("renders"),
                alone.render(&site, p).expect("renders"),
            )
        })
        .collect()
}

/// Pages that print their whole context: a key left by an earlier page would show.
#[test]
fn a_reused_context_holds_only_the_pages_own_keys() {
    let site = Site::new();
    for (seq, title) in [(1, "关于开展检查的通知"), (2, "关于公布结果的公告")] {
        site.doc(
            &format!("content/d{seq}.md"),
            &format!("005283492/2024-0000{seq}"),
            title,
            "",
            "正文。\n",
        );
    }
    site.write("templates/base.html", "{{ __tera_context }}");
    let pages = pages_both_ways(site.root());
    assert!(pages.len() > 20, "{} pages", pages.len());
    let kinds: std::collections::BTreeSet<&str> = pages
        .iter()
        .map(|(path, _, _)| path.split('/').next().unwrap_or(""))
        .collect();
    assert!(
        kinds.contains("docs") && kinds.contains("catalogue"),
        "{kinds:?}"
    );
    for (path, shared, alone) in &pages {
        let text = String::from_utf8_lossy(shared);
        assert!(text.contains("\"site\""), "{path}: {text}");
        assert!(
            shared == alone,
            "{path} differs when its context was used before"
        );
    }
}

#[test]
fn the_example_portal_is_the_same_with_contexts_reused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = pages_both_ways(root);
    assert!(pages.len() > 100, "{} pages", pages.len());
    for (path, shared, alone) in &pages {
        assert!(
            shared == alone,
            "{path} differs when its context was used before"
        );
    }
}
