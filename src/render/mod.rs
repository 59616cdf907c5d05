//! Stage 5: render pages through the theme's Tera templates.
//!
//! Shared data (the site header, counts) is serialised once into `site_value`;
//! each page adds only its own small context, so listing pages do not copy the
//! document list. One submodule per kind of page builds that context.

mod catalogue;
mod document;
mod domain;
mod guide;
mod header;
mod lifecycle;
mod organs;
pub(crate) mod reports;
mod rows;
pub mod theme;

pub use rows::{row, DocRow};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::model::urls::root_prefix;
use crate::plan::{Page, PageKind};
use crate::publish::catalogue::View;
use crate::publish::site::Site;
use crate::render::theme::Theme;
use serde::Serialize;
use std::sync::Arc;
use tera::{Context, Tera};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("模板有误 / template error in {template}: {detail}")]
    Template { template: String, detail: String },
    #[error("渲染 {page} 失败 / rendering {page} failed: {detail}")]
    Page { page: String, detail: String },
    /// The header or footer ([`Chrome`]) could not be made.
    #[error("渲染 {template} 失败 / rendering {template} failed: {detail}")]
    Chrome { template: String, detail: String },
    /// What a page shows could not be read again (a body left in its file,
    /// `publish::site::Site::body`).
    #[error("{0}")]
    Source(Diagnostics),
}

pub struct Renderer {
    tera: Arc<Tera>,
    site_value: tera::Value,
    markdown: markdown::Options,
    memo: Option<Arc<markdown::Memo>>,
    /// A document body's HTML from this long on is set aside while its page is
    /// rendered ([`AsideBody`]); never when `None`.
    aside_from: Option<usize>,
    /// Contexts holding `site` and nothing else, one per thread rendering at once
    /// ([`PageContext`]): the site's value is not copied for every page.
    contexts: std::sync::Mutex<Vec<Context>>,
    /// The folder of the rules' page, if any: its own item of the navigation.
    rules: Option<String>,
    /// The header and footer made so far ([`Chrome`]).
    chrome: std::sync::Mutex<Vec<Arc<Chrome>>>,
}

/// The header and the footer of every page at one place: the same way back to the
/// site root (`root`) and the same item of the main navigation (`nav`). They show
/// the site and that place only, so a build makes them a few dozen times, not once
/// per page (they were a tenth of a build's instructions). Pages get them as
/// `header_html` and `footer_html`.
struct Chrome {
    root: String,
    nav: &'static str,
    parts: Vec<(&'static str, String)>,
}

/// The partials made once per place, and the names pages get them by.
const CHROME: [(&str, &str); 2] = [
    ("partials/header.html", "header_html"),
    ("partials/footer.html", "footer_html"),
];

/// The templates every page is made with besides its own (and what they include):
/// the header and footer ([`Chrome`]).
pub fn chrome_templates() -> impl Iterator<Item = &'static str> {
    CHROME.into_iter().map(|(template, _)| template)
}

/// A body of a megabyte of HTML (a pasted table) would be copied by the template
/// and again into the page while it grows; set aside, it is copied once, into the
/// page. Ordinary bodies are far below it.
pub const ASIDE_FROM: usize = 1 << 20;

impl From<RenderError> for Diagnostics {
    /// A template or page that fails to render, as staff see it.
    fn from(e: RenderError) -> Diagnostics {
        match e {
            RenderError::Template { template, detail } => {
                Diagnostic::error("theme/template", template)
                    .msg(
                        format!("模板有误：{detail}"),
                        format!("template error: {detail}"),
                    )
                    .into()
            }
            RenderError::Page { page, detail } => Diagnostic::error("theme/render", page)
                .msg(
                    format!("生成页面失败：{detail}"),
                    format!("rendering the page failed: {detail}"),
                )
                .into(),
            RenderError::Chrome { template, detail } => {
                Diagnostic::error("theme/render", template)
                    .msg(
                        format!("生成页头或页脚失败：{detail}"),
                        format!("rendering the header or footer failed: {detail}"),
                    )
                    .fix(
                        "页头和页脚对同一层级、同一导航栏目的页面只生成一次，只能使用 site、root 和 nav（当前栏目），不能使用 page_path 等页面自己的值",
                        "the header and footer are made once for all pages at one depth and navigation item: they can use site, root and nav (the current item) only, not page_path or other values of a single page",
                    )
                    .into()
            }
            RenderError::Source(d) => d,
        }
    }
}

/// The theme's templates, parsed and checked.
pub fn compile(theme: &Theme) -> Result<Arc<Tera>, RenderError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .map_err(|e| RenderError::Template {
        template: template_of(&e),
        detail: error_chain(&e),
    })?;
    Ok(Arc::new(tera))
}

impl Renderer {
    /// A renderer of `site`'s pages with the theme's templates, compiled ([`compile`];
    /// `serve` compiles them again only when one changed). With a `memo` (`serve`),
    /// rendered Markdown bodies are remembered across rebuilds.
    pub fn new(tera: Arc<Tera>, site: &Site, memo: Option<Arc<markdown::Memo>>) -> Renderer {
        let site_value = tera::to_value(header::site_header(site)).expect("site header serialises");
        Renderer {
            tera,
            site_value,
            markdown: markdown::Options {
                unsafe_html: site.config.markdown.unsafe_html,
            },
            memo,
            aside_from: None,
            contexts: std::sync::Mutex::new(Vec::new()),
            rules: header::rules_path(site),
            chrome: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Where a page is: its way back to the site root and its item of the navigation.
    fn place(&self, site: &Site, page: &Page) -> (String, &'static str) {
        let root = match page.kind {
            // The 404 page is served for any missing URL, at any depth: it needs absolute links.
            PageKind::NotFound => base_path(&site.config.base_url),
            _ => root_prefix(&page.output),
        };
        let page_path = crate::model::urls::dir_of(&page.output).unwrap_or(&page.output);
        (
            root,
            crate::model::urls::nav(page_path, self.rules.as_deref()),
        )
    }

    /// The header and footer at `root` and `nav`, made on first use.
    fn chrome(&self, root: &str, nav: &'static str) -> Result<Arc<Chrome>, RenderError> {
        let made = |c: &&Arc<Chrome>| c.root == root && c.nav == nav;
        if let Some(c) = self
            .chrome
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(made)
        {
            return Ok(c.clone());
        }
        let mut data = tera::Map::new();
        data.insert("site".to_string(), self.site_value.clone());
        data.insert("root".to_string(), root.into());
        data.insert("nav".to_string(), nav.into());
        let cx = Context::from_value(tera::Value::Object(data)).expect("an object");
        let mut parts = Vec::new();
        for (template, name) in CHROME {
            if !self.tera.get_template_names().any(|t| t == template) {
                continue;
            }
            let html = self
                .tera
                .render(template, &cx)
                .map_err(|e| RenderError::Chrome {
                    template: template.to_string(),
                    detail: error_chain(&e),
                })?;
            parts.push((name, html));
        }
        let chrome = Arc::new(Chrome {
            root: root.to_string(),
            nav,
            parts,
        });
        self.chrome
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(chrome.clone());
        Ok(chrome)
    }

    /// Sets aside document bodies from `bytes` long on ([`AsideBody`]): only with
    /// the built-in templates ([`Theme::has_default_templates`]), which show the body
    /// once, as it is; a theme's own might pass it through a filter.
    pub fn set_aside_bodies_from(mut self, bytes: Option<usize>) -> Renderer {
        self.aside_from = bytes;
        self
    }

    /// The page's HTML. Bytes, not a `String`: Tera would check the whole page is UTF-8
    /// once more to make one, and the bytes go to a file or over HTTP anyway.
    pub fn render(&self, site: &Site, page: &Page) -> Result<Vec<u8>, RenderError> {
        let pooled = self
            .contexts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop();
        let mut cx = PageContext {
            context: pooled.unwrap_or_else(|| {
                // A clone of the site's value, not `insert`, which would serialise it again.
                let mut data = tera::Map::new();
                data.insert("site".to_string(), self.site_value.clone());
                Context::from_value(tera::Value::Object(data)).expect("an object")
            }),
            keys: Vec::new(),
        };
        let html = self.render_in(site, page, &mut cx);
        if let Some(context) = cx.only_site() {
            self.contexts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(context);
        }
        html
    }

    fn render_in(
        &self,
        site: &Site,
        page: &Page,
        cx: &mut PageContext,
    ) -> Result<Vec<u8>, RenderError> {
        let template = self.context(site, page, cx)?;
        // Not part of the page's own context (nor of its fingerprint in `serve`): made
        // from `site`, `root` and `nav`, which are.
        let (root, nav) = self.place(site, page);
        for (name, html) in &self.chrome(&root, nav)?.parts {
            cx.insert(name, html);
        }
        let cx = &mut cx.context;
        let aside = match page.kind {
            PageKind::Document(_) => self.aside_from.and_then(|from| AsideBody::take(cx, from)),
            _ => None,
        };
        let html = self.render_to(template, cx, page)?;
        match aside {
            None => Ok(html),
            Some(aside) => match aside.splice(&html) {
                Some(html) => Ok(html),
                // A template that does not show the body once, as it is: made as usual.
                None => {
                    aside.put_back(cx);
                    self.render_to(template, cx, page)
                }
            },
        }
    }

    fn render_to(&self, template: &str, cx: &Context, page: &Page) -> Result<Vec<u8>, RenderError> {
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, cx, &mut html)
            .map_err(|e| RenderError::Page {
                page: page.output.clone(),
                detail: error_chain(&e),
            })?;
        Ok(html)
    }

    /// Puts the page's own context into `cx` and returns its template. Everything
    /// a page shows must come from these and [`Renderer::site_value`] (no Tera
    /// function may read the site on its own): `serve` hashes them to re-render a
    /// page only when one of them changed.
    pub fn context(
        &self,
        site: &Site,
        page: &Page,
        cx: &mut impl ContextSink,
    ) -> Result<&'static str, RenderError> {
        let (root, nav) = self.place(site, page);
        cx.insert("root", &root);
        cx.insert("nav", nav);
        let page_path = crate::model::urls::dir_of(&page.output).unwrap_or(&page.output);
        cx.insert("page_path", page_path);
        let template = match &page.kind {
            PageKind::Home => {
                let n = site.docs.len().min(HOME_LATEST);
                cx.insert("latest", &rows::short_rows(site, 0..n));
                cx.insert("coverage", &domain::coverage(site));
                let open: Vec<_> = lifecycle::consultations(site)
                    .into_iter()
                    .filter(|c| c.is_open())
                    .take(HOME_LATEST)
                    .collect();
                cx.insert("consultations", &open);
                "index.html"
            }
            PageKind::Document(i) => {
                let view = document::doc_view(site, *i, &self.markdown, self.memo.as_deref())
                    .map_err(RenderError::Source)?;
                cx.insert(
                    "breadcrumbs",
                    &vec![
                        Crumb::new("政府信息公开目录", "catalogue/"),
                        Crumb::new(
                            site.docs[*i].category.zh(),
                            &View::Category(site.docs[*i].category).path(),
                        ),
                    ],
                );
                cx.insert("doc", &view);
                "document.html"
            }
            PageKind::Catalogue { view, page } => {
                catalogue::context(site, view, *page, cx);
                "catalogue.html"
            }
            PageKind::Index(kind) => {
                cx.insert("index_title", kind.title());
                cx.insert("entries", &catalogue::index_entries(site, *kind));
                cx.insert(
                    "breadcrumbs",
                    &vec![Crumb::new("政府信息公开目录", "catalogue/")],
                );
                "index_list.html"
            }
            PageKind::Domain(slug) => {
                cx.insert("domain", &domain::view(site, slug));
                cx.insert("breadcrumbs", &vec![Crumb::new("重点领域", "domains/")]);
                "domain.html"
            }
            PageKind::Guide => {
                cx.insert("guide", &guide::view(site, None, &self.markdown, &root));
                cx.insert("coverage", &domain::coverage(site));
                cx.insert("breadcrumbs", &Vec::<Crumb>::new());
                "guide.html"
            }
            PageKind::Reports => {
                let first = site.organs.first();
                cx.insert("reports", &reports::index(site, first));
                cx.insert("organ", &first);
                cx.insert("breadcrumbs", &Vec::<Crumb>::new());
                "reports.html"
            }
            PageKind::Report(year) => {
                let first = site.organs.first();
                let view = reports::view(site, first, *year, &self.markdown, &root);
                cx.insert("report", &view);
                cx.insert("breadcrumbs", &vec![Crumb::new("年度报告", "reports/")]);
                "report.html"
            }
            PageKind::Organs => {
                cx.insert("groups", &organs::groups(site));
                cx.insert("breadcrumbs", &Vec::<Crumb>::new());
                "organs.html"
            }
            PageKind::Organ(key)
            | PageKind::OrganGuide(key)
            | PageKind::OrganReports(key)
            | PageKind::OrganReport(key, _) => match site.organ(key) {
                Some(o) => self.organ_page(site, o, &page.kind, &root, cx),
                None => "404.html",
            },
            PageKind::Apply => {
                cx.insert(
                    "breadcrumbs",
                    &vec![Crumb::new("政府信息公开指南", "guide/")],
                );
                "apply.html"
            }
            PageKind::Consultations => {
                cx.insert("consultations", &lifecycle::consultations(site));
                cx.insert(
                    "breadcrumbs",
                    &vec![Crumb::new(
                        crate::model::taxonomy::Category::Decision.zh(),
                        &View::Category(crate::model::taxonomy::Category::Decision).path(),
                    )],
                );
                "consultations.html"
            }
            PageKind::NotFound => "404.html",
            PageKind::Search => "search.html",
        };
        Ok(template)
    }

    /// A page of an organ's column: the column itself, its guide, its reports.
    fn organ_page(
        &self,
        site: &Site,
        o: &crate::publish::organs::Organ,
        kind: &PageKind,
        root: &str,
        cx: &mut impl ContextSink,
    ) -> &'static str {
        let mut crumbs = catalogue::organ_crumbs(site, &o.key);
        let template = match kind {
            PageKind::OrganGuide(_) => {
                cx.insert("guide", &guide::view(site, Some(o), &self.markdown, root));
                cx.insert("coverage", &Vec::<()>::new());
                "guide.html"
            }
            PageKind::OrganReports(_) => {
                cx.insert("reports", &reports::index(site, Some(o)));
                cx.insert("organ", o);
                "reports.html"
            }
            PageKind::OrganReport(_, year) => {
                let view = reports::view(site, Some(o), *year, &self.markdown, root);
                cx.insert("report", &view);
                crumbs.push(Crumb::new("政府信息公开年报", &o.reports_path()));
                "report.html"
            }
            _ => {
                // The column itself: its crumbs end at the organs' list.
                crumbs.pop();
                cx.insert("organ", &organs::view(site, o, &self.markdown, root));
                "organ.html"
            }
        };
        cx.insert("breadcrumbs", &crumbs);
        template
    }

    /// The data every page shows (`site` in templates).
    pub fn site_value(&self) -> &tera::Value {
        &self.site_value
    }
}

/// How links of the office's own Markdown file `file` (site-relative; a document,
/// the guide, a report's text) are resolved on a page whose way back to the site
/// root is `root`: the one way every page with such text renders its links
/// (`.md` files become document pages; see [`document::resolve_link`]).
pub(crate) fn text_resolver<'a>(
    site: &'a Site,
    file: &str,
    root: &'a str,
) -> impl Fn(&str) -> markdown::Target + Sync + 'a {
    let dir = std::path::Path::new(file)
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .to_path_buf();
    move |dest: &str| document::resolve_link(site, &dir, root, dest)
}

/// A document's body HTML taken out of the page's context while the page is
/// rendered, a mark in its place, then put into the page where the mark is (issue
/// 22: the body is copied once, not into Tera's values and again into a growing
/// page). `build` does it with the built-in templates only. Should the page not show
/// the mark exactly once and as it is (`{{ doc.body | safe }}`; the mark starts with
/// `<`, which escaping changes), the page is made again with the body in the
/// context, as ever.
struct AsideBody {
    body: String,
    mark: String,
}

impl AsideBody {
    /// The body of the page's `doc`, if it is `from` bytes or longer.
    fn take(cx: &mut Context, from: usize) -> Option<AsideBody> {
        let long = |doc: &tera::Value| {
            doc.get("body")
                .and_then(tera::Value::as_str)
                .is_some_and(|b| b.len() >= from)
        };
        if !cx.get("doc").is_some_and(long) {
            return None;
        }
        let mut doc = cx.remove("doc")?;
        let body = match doc.get_mut("body") {
            Some(tera::Value::String(body)) => std::mem::take(body),
            _ => unreachable!("checked above"),
        };
        // Not a mark any text of the page can hold by chance: the body's own hash.
        let mark = format!(
            "<zwgk-body-{:032x}>",
            xxhash_rust::xxh3::xxh3_128(body.as_bytes())
        );
        doc["body"] = tera::Value::String(mark.clone());
        put(cx, doc);
        Some(AsideBody { body, mark })
    }

    /// The page with the body where its mark is, if the mark is there exactly once.
    fn splice(&self, html: &[u8]) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(html).ok()?;
        let mut marks = text.match_indices(&self.mark);
        let (at, _) = marks.next()?;
        if marks.next().is_some() {
            return None;
        }
        let mut page = Vec::with_capacity(html.len() - self.mark.len() + self.body.len());
        page.extend_from_slice(&html[..at]);
        page.extend_from_slice(self.body.as_bytes());
        page.extend_from_slice(&html[at + self.mark.len()..]);
        Some(page)
    }

    /// The context as it was before [`AsideBody::take`].
    fn put_back(self, cx: &mut Context) {
        let mut doc = cx.remove("doc").expect("the page's doc");
        doc["body"] = tera::Value::String(self.body);
        put(cx, doc);
    }
}

/// `doc` into the context, moved, not serialised again.
fn put(cx: &mut Context, doc: tera::Value) {
    let mut data = tera::Map::new();
    data.insert("doc".to_string(), doc);
    cx.extend(Context::from_value(tera::Value::Object(data)).expect("an object"));
}

/// Where a page's context goes: a Tera context to render it, or (in `serve`) a
/// hash that says whether the page changed, without building Tera values.
pub trait ContextSink {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T);
}

/// A context that holds `site` (from [`Renderer::contexts`]) and the page's own keys,
/// which are taken out again once the page is made: the next page sees `site` and
/// its own keys only, as in a new context.
struct PageContext {
    context: Context,
    keys: Vec<String>,
}

impl PageContext {
    /// The context with the page's keys taken out, unless the page replaced `site`.
    fn only_site(mut self) -> Option<Context> {
        if self.keys.iter().any(|k| k == "site") {
            return None;
        }
        for key in &self.keys {
            self.context.remove(key);
        }
        Some(self.context)
    }
}

impl ContextSink for PageContext {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.context.insert(key, value);
        self.keys.push(key.to_string());
    }
}

/// A page's fingerprint (`serve` re-renders a page only when it changed).
impl ContextSink for crate::util::fingerprint::Fingerprint {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        crate::util::fingerprint::Fingerprint::insert(self, key, value);
    }
}

const HOME_LATEST: usize = 10;

#[derive(Serialize)]
pub(crate) struct Crumb {
    title: String,
    path: String,
}

impl Crumb {
    pub(crate) fn new(title: &str, path: &str) -> Crumb {
        Crumb {
            title: title.to_string(),
            path: path.to_string(),
        }
    }
}

/// The path part of base_url (`/xxgk/`), for pages that need absolute links.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = match after_scheme.find('/') {
        Some(i) if base_url.contains("://") => &after_scheme[i..],
        Some(_) => after_scheme,
        None => "/",
    };
    format!("{}/", path.trim_end_matches('/'))
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
    // The escaped characters are ASCII: the text between them is copied as it is.
    let mut copied = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&input[copied..]);
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
    fn base_path_of_base_url() {
        assert_eq!(base_path("https://example.gov.cn/xxgk/"), "/xxgk/");
        assert_eq!(base_path("https://example.gov.cn"), "/");
        assert_eq!(base_path("/"), "/");
    }

    #[test]
    fn escapes_markup_but_not_slashes() {
        assert_eq!(
            escape_html("<a href='x/y'>&\"</a>"),
            "&lt;a href=&#39;x/y&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(
            escape_html("关于《通知》的\"解读\"&说明<br>"),
            "关于《通知》的&quot;解读&quot;&amp;说明&lt;br&gt;"
        );
        assert_eq!(escape_html("政务公开"), "政务公开");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
    }
}
