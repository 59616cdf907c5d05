//! The document page: metadata header, body, attachments, interpretations.

use super::rows::{item_slug, row, DocRow};
use crate::markdown::{self, Target};
use crate::publish::site::{doc_path, Site};
use percent_encoding::percent_decode_str;
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
    // Document pages sit two folders deep (`docs/<seg>/`).
    let resolve = super::text_resolver(site, &d.file, "../../");
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
            crate::model::taxonomy::Validity::Valid => "valid",
            crate::model::taxonomy::Validity::Expired => "expired",
            crate::model::taxonomy::Validity::Abolished => "abolished",
        },
        partial: d.review.as_ref().is_some_and(|r| r.is_partial()),
        audience: d.audience.zh(),
        attachments: d
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: &a.title,
                path: crate::model::urls::attachment_output(&dir, &a.file),
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

/// What a link written in a Markdown file of the folder `dir` (site-relative)
/// becomes on a page whose way back to the site root is `root` (`../../` for a
/// document page): a `.md` file of a published document becomes that document's
/// page; a `.md` file that is no published document loses its link, so that its
/// name never reaches the page (the check `links/*` stops the build before).
pub(crate) fn resolve_link(site: &Site, dir: &Path, root: &str, dest: &str) -> Target {
    let Some((file, anchor)) = md_link(dir, dest) else {
        return Target::AsWritten;
    };
    match file.and_then(|f| site.by_file.get(&f)) {
        Some(&j) => Target::To(format!(
            "{root}{}index.html{anchor}",
            doc_path(&site.docs[j])
        )),
        None => Target::Unlinked,
    }
}

/// The document file a relative link to a `.md` file names: `Some((file, anchor))`
/// with the site-relative path of the file (`None` if the path climbs above the
/// site or starts at `/`) and the `#anchor` written after it (`""` if none). `None`
/// when the link names no `.md` file: a web address, an anchor, another file.
/// Rendering and the link check (rules/links.rs) both read links with it.
pub(crate) fn md_link<'d>(dir: &Path, dest: &'d str) -> Option<(Option<String>, &'d str)> {
    if crate::markdown::urls::scheme(dest).is_some() {
        return None;
    }
    let end = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(end);
    // Browsers decode %XX before asking the server: `a%2Emd` is `a.md`.
    let path = percent_decode_str(path).decode_utf8_lossy();
    let is_md = path.len() > 3
        && path.is_char_boundary(path.len() - 3)
        && path[path.len() - 3..].eq_ignore_ascii_case(".md");
    if !is_md {
        return None;
    }
    let anchor = rest.find('#').map_or("", |i| &rest[i..]);
    let file = if path.starts_with(['/', '\\']) {
        None
    } else {
        normalize(&dir.join(path.as_ref()))
    };
    Some((file, anchor))
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

    #[test]
    fn md_links_name_files_relative_to_their_folder() {
        let dir = Path::new("content/2025");
        let md = |d| md_link(dir, d);
        assert_eq!(md("a.md"), Some((Some("content/2025/a.md".into()), "")));
        assert_eq!(
            md("../2024/b.MD?x=1#第一条"),
            Some((Some("content/2024/b.MD".into()), "#第一条"))
        );
        assert_eq!(md("a%2Emd"), Some((Some("content/2025/a.md".into()), "")));
        assert_eq!(md("../../../x.md"), Some((None, "")));
        assert_eq!(md("/content/2025/a.md"), Some((None, "")));
        for other in [
            "https://x/a.md",
            "#a.md",
            "files/a.pdf",
            "a.md.pdf",
            ".md",
            "",
        ] {
            assert_eq!(md(other), None, "{other}");
        }
    }
}
