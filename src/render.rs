//! Stage 5: render pages through the theme's Tera templates.
//!
//! Shared data (the site header, navigation, counts) is serialised once into
//! `site_value`; each page adds only its own small context, so listing pages do
//! not copy the document list.

use crate::markdown;
use crate::plan::{root_prefix, Page, PageKind};
use crate::site::{doc_path, Site};
use crate::taxonomy::Category;
use crate::theme::Theme;
use serde::Serialize;
use std::path::Path;
use tera::{Context, Tera};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("模板有误 / template error in {template}: {detail}")]
    Template { template: String, detail: String },
    #[error("渲染 {page} 失败 / rendering {page} failed: {detail}")]
    Page { page: String, detail: String },
}

pub struct Renderer {
    tera: Tera,
    site_value: tera::Value,
    markdown: markdown::Options,
}

/// One row of a catalogue listing.
#[derive(Serialize)]
pub struct DocRow<'a> {
    pub title: &'a str,
    /// Site-relative folder, e.g. `docs/x/`.
    pub path: String,
    pub index_no: &'a str,
    pub summary: &'a str,
    pub created: String,
    pub published: String,
    pub publisher: &'a str,
    pub doc_no: &'a str,
    pub doc_type: &'a str,
    pub category: &'a str,
    pub validity: &'a str,
    pub preview: bool,
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    path: String,
}

#[derive(Serialize)]
struct AttachmentView<'a> {
    title: &'a str,
    path: String,
}

#[derive(Serialize)]
struct DocView<'a> {
    #[serde(flatten)]
    row: DocRow<'a>,
    publisher_key: &'a str,
    topics: &'a [String],
    category_slug: &'static str,
    domain: Option<Link<'a>>,
    item: Option<Link<'a>>,
    validity_slug: &'static str,
    audience: &'static str,
    attachments: Vec<AttachmentView<'a>>,
    interpretations: Vec<Link<'a>>,
    interprets: Option<Link<'a>>,
    body: String,
}

impl Renderer {
    pub fn new(theme: &Theme, site: &Site) -> Result<Renderer, RenderError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(theme.templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|e| RenderError::Template { template: template_of(&e), detail: error_chain(&e) })?;
        let site_value = tera::to_value(site_header(site)).expect("site header serialises");
        Ok(Renderer { tera, site_value, markdown: markdown::Options { unsafe_html: site.config.markdown.unsafe_html } })
    }

    pub fn render(&self, site: &Site, page: &Page) -> Result<String, RenderError> {
        let mut cx = Context::new();
        cx.insert("site", &self.site_value);
        cx.insert("root", &root_prefix(&page.output));
        cx.insert("page_path", &page.output.trim_end_matches("index.html"));
        let template = match &page.kind {
            PageKind::Home => {
                let n = site.docs.len().min(HOME_LATEST);
                cx.insert("latest", &rows(site, 0..n));
                "index.html"
            }
            PageKind::Document(i) => {
                cx.insert("doc", &self.doc_view(site, *i));
                "document.html"
            }
            PageKind::NotFound => "404.html",
            PageKind::Search => "search.html",
        };
        self.tera.render(template, &cx).map_err(|e| RenderError::Page {
            page: page.output.clone(),
            detail: error_chain(&e),
        })
    }

    fn doc_view<'a>(&self, site: &'a Site, i: usize) -> DocView<'a> {
        let d = &site.docs[i];
        let dir = doc_path(d);
        let domain = d.domain.as_ref().and_then(|s| site.domains.get(s));
        let item = domain.zip(d.item.as_ref()).and_then(|(dom, id)| dom.find_item(id));
        let link = |j: usize| Link { title: &site.docs[j].title, path: doc_path(&site.docs[j]) };
        let doc_dir = Path::new(&d.file).parent().unwrap_or(Path::new("")).to_path_buf();
        let resolve = |dest: &str| resolve_doc_link(site, &doc_dir, dest);
        DocView {
            row: row(site, i),
            publisher_key: &d.publisher,
            topics: &d.topics,
            category_slug: d.category.slug(),
            domain: domain.map(|dom| Link { title: &dom.name, path: format!("domains/{}/", dom.slug) }),
            item: domain.zip(item).map(|(dom, it)| Link {
                title: &it.name,
                path: format!("domains/{}/items/{}/", dom.slug, item_slug(&it.id)),
            }),
            validity_slug: match d.validity {
                crate::taxonomy::Validity::Valid => "valid",
                crate::taxonomy::Validity::Expired => "expired",
                crate::taxonomy::Validity::Abolished => "abolished",
            },
            audience: d.audience.zh(),
            attachments: d
                .attachments
                .iter()
                .map(|a| AttachmentView { title: &a.title, path: crate::plan::attachment_output(&dir, &a.file) })
                .collect(),
            interpretations: site.interpretations.get(&i).map(|v| v.iter().map(|&j| link(j)).collect()).unwrap_or_default(),
            interprets: d.interprets.as_ref().and_then(|t| site.by_index.get(t)).map(|&j| link(j)),
            body: markdown::render(&d.body, &self.markdown, &resolve),
        }
    }
}

const HOME_LATEST: usize = 10;

/// Turns a Markdown link to another document's `.md` file into that document's page.
/// Document pages sit two folders deep (`docs/<seg>/`), so `../../` reaches the root.
fn resolve_doc_link(site: &Site, doc_dir: &Path, dest: &str) -> Option<String> {
    if dest.contains("://") || dest.starts_with('#') || dest.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (dest, String::new()),
    };
    if !path.ends_with(".md") {
        return None;
    }
    let target = normalize(&doc_dir.join(path))?;
    let &j = site.by_file.get(&target)?;
    Some(format!("../../{}index.html{anchor}", doc_path(&site.docs[j])))
}

/// Resolves `.` and `..` lexically; `None` if the path climbs above the site.
fn normalize(p: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Item ids like `1.2` become URL segments like `1-2`.
pub fn item_slug(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect()
}

pub fn row(site: &Site, i: usize) -> DocRow<'_> {
    let d = &site.docs[i];
    DocRow {
        title: &d.title,
        path: doc_path(d),
        index_no: &d.index_no,
        summary: &site.summaries[i],
        created: d.created.to_string(),
        published: d.published.map(|p| p.to_string()).unwrap_or_default(),
        publisher: site.publisher_name(&d.publisher),
        doc_no: d.doc_no.as_deref().unwrap_or(""),
        doc_type: &d.doc_type,
        category: d.category.zh(),
        validity: d.validity.zh(),
        preview: d.preview,
    }
}

pub fn rows(site: &Site, range: std::ops::Range<usize>) -> Vec<DocRow<'_>> {
    range.map(|i| row(site, i)).collect()
}

#[derive(Serialize)]
struct SiteHeader<'a> {
    title: &'a str,
    base_url: String,
    language: &'a str,
    office: &'a crate::config::Office,
    categories: Vec<Counted<'a>>,
    domains: Vec<Counted<'a>>,
    publishers: Vec<Counted<'a>>,
    stats: &'a crate::publish::Stats,
    document_count: usize,
}

#[derive(Serialize)]
struct Counted<'a> {
    slug: &'a str,
    name: &'a str,
    path: String,
    count: usize,
}

fn site_header(site: &Site) -> SiteHeader<'_> {
    let mut by_domain = std::collections::HashMap::<&str, usize>::new();
    let mut by_publisher = std::collections::HashMap::<&str, usize>::new();
    for d in &site.docs {
        if let Some(s) = &d.domain {
            *by_domain.entry(s).or_default() += 1;
        }
        *by_publisher.entry(&d.publisher).or_default() += 1;
    }
    SiteHeader {
        title: &site.config.title,
        base_url: site.config.base_url(),
        language: &site.config.language,
        office: &site.config.office,
        categories: Category::ALL
            .iter()
            .map(|c| Counted {
                slug: c.slug(),
                name: c.zh(),
                path: format!("catalogue/{}/", c.slug()),
                count: site.count_in_category(*c),
            })
            .collect(),
        domains: site
            .domains
            .values()
            .map(|d| Counted {
                slug: &d.slug,
                name: &d.name,
                path: format!("domains/{}/", d.slug),
                count: by_domain.get(d.slug.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        publishers: site
            .config
            .publishers
            .iter()
            .map(|p| Counted {
                slug: &p.key,
                name: &p.name,
                path: format!("publishers/{}/", p.key),
                count: by_publisher.get(p.key.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        stats: &site.stats,
        document_count: site.docs.len(),
    }
}

fn template_of(e: &tera::Error) -> String {
    match &e.kind {
        tera::ErrorKind::Msg(m) => m.split('\'').nth(1).unwrap_or("?").to_string(),
        _ => "?".into(),
    }
}

/// Escapes the five characters that matter in HTML and XML text and attributes.
/// (Tera's default also escapes `/`, which bloats every URL for nothing.)
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Tera nests the useful message in the error's sources.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        out.push_str(": ");
        out.push_str(&s.to_string());
        src = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(normalize(Path::new("content/a/../b/x.md")).as_deref(), Some("content/b/x.md"));
        assert_eq!(normalize(Path::new("../../x.md")), None);
    }

    #[test]
    fn item_ids_become_url_segments() {
        assert_eq!(item_slug("1.2"), "1-2");
    }
}
