//! A document body of a megabyte of HTML is set aside while its page is rendered
//! and put where the template shows it (render::AsideBody, issue 22): the pages
//! are the same as when the body goes through the template.

mod fixture;

use fixture::Site;
use std::path::Path;

/// Every document page of the site at `root`, rendered with bodies set aside from
/// `aside_from` bytes on.
fn document_pages(root: &Path, aside_from: Option<usize>) -> Vec<(String, Vec<u8>)> {
    let (site, tera) = fixture::published(root);
    let renderer = zwgk::render::Renderer::new(tera, &site, None).set_aside_bodies_from(aside_from);
    let plan = zwgk::plan::plan(&site).expect("output paths are unique");
    plan.pages
        .iter()
        .filter(|p| matches!(p.kind, zwgk::plan::PageKind::Document(_)))
        .map(|p| {
            (
                p.output.clone(),
                renderer.render(&site, p).expect("renders"),
            )
        })
        .collect()
}

#[test]
fn the_example_portal_is_the_same_with_every_body_set_aside() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let through = document_pages(root, None);
    let aside = document_pages(root, Some(0));
    assert!(through.len() > 20, "{} document pages", through.len());
    assert_eq!(through.len(), aside.len());
    for ((path, a), (_, b)) in through.iter().zip(&aside) {
        assert!(a == b, "{path} differs when its body is set aside");
    }
}

/// A site whose document template shows the body as `show` does.
fn site_showing_body(show: &str) -> Site {
    let site = Site::new();
    site.doc(
        "content/a.md",
        "005283492/2024-00001",
        "正文很长的文件",
        "",
        "第一段，<有尖括号>。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n",
    );
    site.write(
        "templates/document.html",
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<article>{show}</article>{{% endblock content %}}"
        ),
    );
    site
}

#[test]
fn a_template_that_does_not_show_the_body_once_as_it_is_gets_it_as_ever() {
    for show in [
        "{{ doc.body | safe }}",
        "{{ doc.body }}",
        "{{ doc.body | safe }}<hr>{{ doc.body | safe }}",
        "{{ doc.title }}",
        "{{ doc.body | length }}",
        "{{ doc.body | upper | safe }}",
    ] {
        let site = site_showing_body(show);
        let through = document_pages(site.root(), None);
        let aside = document_pages(site.root(), Some(0));
        assert_eq!(through.len(), 1);
        assert!(through == aside, "{show}");
    }
}

/// A theme of its own may pass the body through a filter that leaves a mark as it
/// is: `build` sets bodies aside only with the built-in templates.
#[test]
fn a_long_body_reaches_a_page_through_the_sites_own_template() {
    let site =
        site_showing_body(r#"{{ doc.body | replace(from="<td>", to="<td class=cell>") | safe }}"#);
    let row = "| 一二三四五六七八九十 | 十一十二十三十四十五 |\n";
    let body = format!(
        "| 甲 | 乙 |\n|---|---|\n{}",
        row.repeat(zwgk::render::ASIDE_FROM / row.len() + 1)
    );
    site.doc("content/a.md", "005283492/2024-00001", "大表格", "", &body);
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    let page = std::fs::read_dir(site.out().join("docs"))
        .unwrap()
        .map(|d| d.unwrap().path().join("index.html"))
        .find(|p| p.exists())
        .expect("the document's page");
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.len() > zwgk::render::ASIDE_FROM, "{}", page.len());
    assert!(!page.contains("<td>"), "the template's filter was skipped");
    assert!(page.contains("<td class=cell>一二三四五六七八九十</td>"));
}
