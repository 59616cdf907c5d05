//! The document page: metadata header, body, attachments, interpretations.

use super::rows::{item_slug, row, DocRow};
use crate::markdown;
use crate::site::{doc_path, Site};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    path: String,
}

#[derive(Serialize)]
struct AttachmentView<'a> {
    title: &'a str,
    path: String,
    /// The file's own name, shown beside the title (and on paper, where links are lost).
    file_name: &'a str,
}

#[derive(Serialize)]
pub(super) struct DocView<'a> {
    #[serde(flatten)]
    row: DocRow<'a>,
    publisher_key: &'a str,
    topics: &'a [String],
    category_slug: &'static str,
    domain: Option<Link<'a>>,
    item: Option<Link<'a>>,
    validity_slug: &'static str,
    /// Approved as 部分公开: the page says part was removed (never what).
    partial: bool,
    audience: &'static str,
    attachments: Vec<AttachmentView<'a>>,
    interpretations: Vec<Link<'a>>,
    interprets: Option<Link<'a>>,
    body: std::sync::Arc<str>,
}

pub(super) fn doc_view<'a>(
    site: &'a Site,
    i: usize,
    md: &markdown::Options,
    memo: Option<&markdown::Memo>,
) -> DocView<'a> {
    let d = &site.docs[i];
    let dir = doc_path(d);
    let domain = d.domain.as_ref().and_then(|s| site.domains.get(s));
    let item = domain
        .zip(d.item.as_ref())
        .and_then(|(dom, id)| dom.find_item(id));
    let link = |j: usize| Link {
        title: &site.docs[j].title,
        path: doc_path(&site.docs[j]),
    };
    let doc_dir = Path::new(&d.file)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let resolve = |dest: &str| resolve_doc_link(site, &doc_dir, dest);
    DocView {
        row: row(site, i),
        publisher_key: &d.publisher,
        topics: &d.topics,
        category_slug: d.category.slug(),
        domain: domain.map(|dom| Link {
            title: &dom.name,
            path: format!("domains/{}/", dom.slug),
        }),
        item: domain.zip(item).map(|(dom, it)| Link {
            title: &it.name,
            path: format!("domains/{}/items/{}/", dom.slug, item_slug(&it.id)),
        }),
        validity_slug: match d.validity {
            crate::taxonomy::Validity::Valid => "valid",
            crate::taxonomy::Validity::Expired => "expired",
            crate::taxonomy::Validity::Abolished => "abolished",
        },
        partial: d.review.as_ref().is_some_and(|r| r.is_partial()),
        audience: d.audience.zh(),
        attachments: d
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: &a.title,
                path: crate::plan::attachment_output(&dir, &a.file),
                file_name: a.file.rsplit(['/', '\\']).next().unwrap_or(&a.file),
            })
            .collect(),
        interpretations: site
            .interpretations
            .get(&i)
            .map(|v| v.iter().map(|&j| link(j)).collect())
            .unwrap_or_default(),
        interprets: d
            .interprets
            .as_ref()
            .and_then(|t| site.by_index.get(t))
            .map(|&j| link(j)),
        body: match memo {
            Some(memo) => memo.render(&d.file, &d.body, md, &resolve),
            None => markdown::render(&d.body, md, &resolve).into(),
        },
    }
}

/// Turns a Markdown link to another document's `.md` file into that document's page.
/// Document pages sit two folders deep (`docs/<seg>/`), so `../../` reaches the root;
/// so do annual reports (`reports/<yyyy>/`), which use this too.
pub(super) fn resolve_doc_link(site: &Site, doc_dir: &Path, dest: &str) -> Option<String> {
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
    Some(format!(
        "../../{}index.html{anchor}",
        doc_path(&site.docs[j])
    ))
}

/// Resolves `.` and `..` lexically; `None` if the path climbs above the site.
/// The link check (rules/links.rs) resolves links with it too, to agree with rendering.
pub(crate) fn normalize(p: &Path) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(
            normalize(Path::new("content/a/../b/x.md")).as_deref(),
            Some("content/b/x.md")
        );
        assert_eq!(normalize(Path::new("../../x.md")), None);
    }
}
