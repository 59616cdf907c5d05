//! Syndication and crawler files: the Atom feed, the sitemap and robots.txt.

use crate::datafiles::DataFile;
use crate::model::urls::{self, doc_path};
use crate::plan::Plan;
use crate::publish::site::Site;
use crate::render::escape_html;
use std::fmt::Write;

/// Entries in the Atom feed.
pub const FEED_ENTRIES: usize = 20;

/// The theme's XSLT stylesheet that shows the feed to a browser as a page that
/// explains it (订阅更新), relative to the feed (same origin: browsers load no other).
const FEED_STYLE: &str = "assets/feed.xsl";

pub fn files(site: &Site, plan: &Plan) -> Vec<DataFile> {
    vec![
        DataFile {
            path: urls::FEED.into(),
            bytes: feed(site).into_bytes(),
        },
        DataFile {
            path: urls::SITEMAP.into(),
            bytes: sitemap(site, plan).into_bytes(),
        },
        DataFile {
            path: urls::ROBOTS.into(),
            bytes: robots(site).into_bytes(),
        },
    ]
}

/// Text for XML: escaped, and without the characters XML 1.0 forbids. The loader
/// refuses them in documents (`source/control-char`); site.toml may still spell
/// one as an escape, and a feed that does not parse is lost to every reader.
fn esc(text: &str) -> String {
    if text.contains(crate::util::text::is_forbidden_control) {
        escape_html(&text.replace(crate::util::text::is_forbidden_control, ""))
    } else {
        escape_html(text)
    }
}

/// Dates are calendar dates; the feed states them as midnight Beijing time.
fn timestamp(date: chrono::NaiveDate) -> String {
    format!("{date}T00:00:00+08:00")
}

fn feed(site: &Site) -> String {
    let base = site.config.base_url();
    let latest = &site.docs[..site.docs.len().min(FEED_ENTRIES)];
    let updated = latest
        .iter()
        .filter_map(|d| d.published)
        .max()
        .map(timestamp)
        .unwrap_or_else(|| "1970-01-01T00:00:00+08:00".into());
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"{FEED_STYLE}\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{title}</title>\n<id>{base}</id>\n<link href=\"{base}\"/>\n<link rel=\"self\" href=\"{base}feed.xml\"/>\n<updated>{updated}</updated>\n<author><name>{author}</name></author>\n",
        lang = esc(&site.config.language),
        title = esc(&site.config.title),
        base = esc(&base),
        author = esc(if site.config.office.name.is_empty() { &site.config.title } else { &site.config.office.name }),
    );
    for (i, d) in latest.iter().enumerate() {
        let url = format!("{base}{}", doc_path(d));
        let date = timestamp(d.published.unwrap_or(d.created));
        let _ = write!(
            out,
            "<entry>\n<title>{title}</title>\n<id>{url}</id>\n<link href=\"{url}\"/>\n<updated>{date}</updated>\n<published>{date}</published>\n<author><name>{publisher}</name></author>\n<summary>{summary}</summary>\n</entry>\n",
            title = esc(&d.title),
            url = esc(&url),
            publisher = esc(site.publisher_name(&d.publisher)),
            summary = esc(&site.summaries[i]),
        );
    }
    out.push_str("</feed>\n");
    out
}

fn sitemap(site: &Site, plan: &Plan) -> String {
    let base = site.config.base_url();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut locs: Vec<(String, Option<String>)> = plan
        .pages
        .iter()
        .filter_map(|p| {
            let dir = urls::dir_of(&p.output)?;
            let lastmod = match p.kind {
                crate::plan::PageKind::Document(i) => site.docs[i].published.map(|d| d.to_string()),
                _ => None,
            };
            Some((dir.to_string(), lastmod))
        })
        .collect();
    locs.sort();
    for (path, lastmod) in locs {
        let path = percent_encoding::utf8_percent_encode(&path, URL_PATH);
        let _ = write!(out, "<url><loc>{}</loc>", esc(&format!("{base}{path}")));
        if let Some(m) = lastmod {
            let _ = write!(out, "<lastmod>{m}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// What a sitemap URL's path escapes besides non-ASCII (item pages such as
/// `domains/x/items/甲/`): the sitemap protocol wants URLs as a server reads them.
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'%');

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        site.config.base_url()
    )
}
