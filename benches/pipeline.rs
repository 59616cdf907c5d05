//! Hot functions of the pipeline, on the example site at the repository root.
//! Run with `cargo bench`; whole builds against Hugo are measured by `bench/run.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;
use zwgk::load::{self, LoadedSite};
use zwgk::markdown;
use zwgk::model::document::SUMMARY_CHARS;
use zwgk::plan::{self, PageKind};
use zwgk::render::theme::Theme;
use zwgk::render::Renderer;

/// A long, realistic document of the example site: tables, lists, headings.
const DOCUMENT: &str = "content/general/2025/2025-annual-report-2024.md";

fn example_site() -> LoadedSite {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = zwgk::config::SiteConfig::load(root).unwrap_or_else(|_| panic!("site.toml loads"));
    load::load(root, config, None)
}

fn front_matter(c: &mut Criterion) {
    let site = example_site();
    let text = std::fs::read_to_string(site.root.join(DOCUMENT)).unwrap();
    c.bench_function("parse_document (front matter + fields)", |b| {
        b.iter(|| {
            load::parse_document(
                black_box(&text),
                Path::new(DOCUMENT),
                &site.config,
                &site.domains,
            )
        })
    });
}

/// The first 3000 characters of the document's body, cut at a line end.
fn body_3000_chars() -> String {
    let site = example_site();
    let doc = site
        .documents
        .iter()
        .find(|d| d.file == DOCUMENT)
        .expect("document loaded");
    let body = doc.body.as_str();
    let end = body.char_indices().nth(3000).map_or(body.len(), |(i, _)| i);
    let end = body[..end].rfind('\n').unwrap_or(end);
    body[..end].to_string()
}

fn markdown_render(c: &mut Criterion) {
    let body = body_3000_chars();
    let opts = markdown::Options::default();
    c.bench_function("markdown::render (3000 chars)", |b| {
        b.iter(|| markdown::render(black_box(&body), &opts, &|_| markdown::Target::AsWritten))
    });
    c.bench_function("markdown::summarize", |b| {
        b.iter(|| markdown::summarize(black_box(&body), SUMMARY_CHARS))
    });
}

fn document_page(c: &mut Criterion) {
    let loaded = example_site();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let site = zwgk::publish::publish(loaded, today, false, None);
    let theme =
        Theme::load(&site.root, &site.config.theme).unwrap_or_else(|_| panic!("theme loads"));
    let renderer = Renderer::new(zwgk::render::compile(&theme).unwrap(), &site, None);
    let plan = plan::plan(&site).expect("output paths are unique");
    let i = site
        .docs
        .iter()
        .position(|d| d.file == DOCUMENT)
        .expect("document published");
    let page = plan
        .pages
        .iter()
        .find(|p| p.kind == PageKind::Document(i))
        .unwrap();
    c.bench_function("Renderer::render (document page)", |b| {
        b.iter(|| renderer.render(&site, black_box(page)))
    });
}

/// The whole search index of the example site (every published document's terms
/// weighed, merged and encoded).
fn search_index(c: &mut Criterion) {
    let loaded = example_site();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let site = zwgk::publish::publish(loaded, today, false, None);
    c.bench_function("datafiles::search::files (example site)", |b| {
        b.iter(|| zwgk::datafiles::search::files(black_box(&site), None))
    });
}

criterion_group!(
    benches,
    front_matter,
    markdown_render,
    document_page,
    search_index
);
criterion_main!(benches);
