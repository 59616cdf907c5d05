//! The document page: metadata header, body, attachments, interpretations.

use super::rows::{row, DocRow};
use crate::markdown::urls::md_link;
use crate::markdown::{self, Target};
use crate::model::urls::{self, doc_path};
use crate::publish::site::Site;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
pub(super) struct Link<'a> {
    pub(super) title: &'a str,
    pub(super) path: String,
}

#[derive(Serialize)]
struct AttachmentView<'a> {
    title: &'a str,
    path: String,
    /// The file's own name, shown beside the title (and on paper, where links are lost).
    file_name: &'a str,
    /// What kind of file it is (PDF, Word, Excel, 图片…), from its extension.
    kind: String,
    /// Its size (`356 KB`), read without following links; empty if it cannot be read.
    size: String,
}

/// The kind of an attachment as readers know it, from the file name's extension.
fn file_kind(name: &str) -> String {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "PDF".into(),
        "doc" | "docx" | "wps" => "Word".into(),
        "xls" | "xlsx" | "et" => "Excel".into(),
        "csv" => "CSV".into(),
        "ofd" => "OFD".into(),
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "bmp" | "tif" | "tiff" => "图片".into(),
        "zip" | "rar" | "7z" => "压缩包".into(),
        "txt" => "文本".into(),
        "" => "文件".into(),
        other => other.to_ascii_uppercase(),
    }
}

/// `812 B`, `35.2 KB`, `1.4 MB`.
fn file_size(bytes: u64) -> String {
    const K: f64 = 1024.0;
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if (b as f64) < K * K => format!("{:.1} KB", b as f64 / K),
        b => format!("{:.1} MB", b as f64 / K / K),
    }
}

#[derive(Serialize)]
pub(super) struct DocView<'a> {
    #[serde(flatten)]
    row: DocRow<'a>,
    publisher_key: &'a str,
    /// The folders of the publisher's and the category's lists.
    publisher_path: String,
    category_path: String,
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
    /// The document over time: validity, repeal and amendments, consultation.
    #[serde(flatten)]
    life: super::lifecycle::DocLife<'a>,
    body: std::sync::Arc<str>,
    /// For a preview (`serve --drafts`): why it is not published.
    preview_reason: Option<String>,
}

pub(super) fn doc_view<'a>(
    site: &'a Site,
    i: usize,
    md: &markdown::Options,
    memo: Option<&markdown::Memo>,
) -> Result<DocView<'a>, crate::diagnostics::Diagnostics> {
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
    // A key memo stands for the body by its hash: the body is not read.
    let body = match memo.and_then(|m| m.key_of(&d.file, d.body.hash(), md)) {
        Some(key) => key,
        None => {
            let text = site.body(i)?;
            match memo {
                Some(memo) => memo.render(&d.file, &text, md, &resolve),
                None => markdown::render(&text, md, &resolve).into(),
            }
        }
    };
    Ok(DocView {
        row: row(site, i),
        publisher_key: &d.publisher,
        publisher_path: urls::publisher(&d.publisher),
        category_path: urls::category(d.category.slug()),
        topics: &d.topics,
        category_slug: d.category.slug(),
        domain: domain.map(|dom| Link {
            title: &dom.name,
            path: urls::domain(&dom.slug),
        }),
        item: domain.zip(item).map(|(dom, it)| Link {
            title: &it.name,
            path: urls::item(&dom.slug, &it.id),
        }),
        validity_slug: site.status[i].slug(),
        partial: d.review.as_ref().is_some_and(|r| r.is_partial()),
        audience: d.audience.zh(),
        attachments: d
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: &a.title,
                path: crate::model::urls::href(&crate::model::urls::attachment_output(
                    &dir, &a.file,
                )),
                file_name: a.file.rsplit(['/', '\\']).next().unwrap_or(&a.file),
                kind: file_kind(&a.file),
                size: crate::util::sitefs::open(&site.root, std::path::Path::new(&a.source))
                    .and_then(|f| f.metadata())
                    .map(|m| file_size(m.len()))
                    .unwrap_or_default(),
            })
            .collect(),
        preview_reason: d
            .preview
            .then(|| crate::model::publication::preview_reason(d)),
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
        life: super::lifecycle::doc_life(site, i),
        body,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_say_their_kind_and_size() {
        assert_eq!(file_kind("files/要点.PDF"), "PDF");
        assert_eq!(file_kind("a.docx"), "Word");
        assert_eq!(file_kind("a.xlsx"), "Excel");
        assert_eq!(file_kind("a.ofd"), "OFD");
        assert_eq!(file_kind("a.png"), "图片");
        assert_eq!(file_kind("a.dwg"), "DWG");
        assert_eq!(file_kind("README"), "文件");
        assert_eq!(file_size(812), "812 B");
        assert_eq!(file_size(36_045), "35.2 KB");
        assert_eq!(file_size(1_468_006), "1.4 MB");
    }
}
