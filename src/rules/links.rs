//! `links/*` and `files/*`: every link and attachment of a published document
//! reaches something that is on the portal.
//!
//! Rendering turns a relative link to another document's `.md` file into that
//! document's page, and copies a document's attachments beside its page. So a
//! `.md` link must name a document that is published no later than this one (a
//! link to a withheld document would be broken, and would tell readers it
//! exists), and a link to any other relative file must name one of the
//! document's own attachments. Links with a scheme (`https:`, `mailto:`),
//! site-absolute links (`/…`) and anchors (`#…`) are not checked.

use crate::diagnostics::Diagnostic;
use crate::document::{is_inside, Document};
use crate::markdown::cmark_options;
use crate::render::normalize;
use crate::validate::RuleContext;
use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use std::path::Path;

pub fn attachments_exist(cx: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    for a in &doc.attachments {
        // No symbolic link is followed (see `sitefs`): not the file, not a folder on its way.
        if let Some(link) = crate::sitefs::symlink_in(&cx.site.root, Path::new(&a.source)) {
            let link = crate::diagnostics::display_path(&link);
            out.push(
                Diagnostic::error("files/attachment-symlink", &doc.file)
                    .at(doc.line_of("attachments"))
                    .msg(
                        format!("附件“{}”经过符号链接（快捷方式）{link}。为防止把站点以外的文件发布出去，zwgk 不跟随符号链接，不会复制这个附件", a.file),
                        format!("attachment \"{}\" goes through the symbolic link {link}. zwgk follows no links, so that no file from outside the site is published, and does not copy it", a.file),
                    )
                    .fix(
                        format!("删除链接 {link}，把附件文件本身复制到那里"),
                        format!("delete the link {link} and copy the attachment file itself into its place"),
                    ),
            );
        } else if !cx.site.root.join(&a.source).is_file() {
            out.push(
                Diagnostic::error("files/attachment-missing", &doc.file)
                    .at(doc.line_of("attachments"))
                    .msg(
                        format!("附件文件“{}”不存在（应在 {}）", a.file, a.source),
                        format!("attachment \"{}\" does not exist (looked for {})", a.file, a.source),
                    )
                    .fix(
                        "把文件放到该位置，或改正 file 路径（相对于本文档所在文件夹）",
                        "put the file there, or correct the path (relative to the document's folder)",
                    ),
            );
        }
    }
}

/// A link or image in a document body: its destination as written and where it starts.
pub struct BodyLink {
    pub dest: String,
    pub offset: usize,
}

/// Every link and image destination of a Markdown body, in order.
pub fn body_links(body: &str) -> Vec<BodyLink> {
    // Links, images and autolinks all start with `[` or `<`; most bodies have neither.
    if !body.contains(['[', '<']) {
        return Vec::new();
    }
    Parser::new_ext(body, cmark_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => Some(BodyLink {
                dest: dest_url.into_string(),
                offset: range.start,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => Some(BodyLink {
                dest: dest_url.into_string(),
                offset: range.start,
            }),
            _ => None,
        })
        .collect()
}

pub fn markdown_links(cx: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let doc_dir = Path::new(&doc.file).parent().unwrap_or(Path::new(""));
    for link in body_links(&doc.body) {
        let Some(problem) = check_link(cx, doc, doc_dir, &link.dest) else {
            continue;
        };
        let (line, column) = doc.body_position(link.offset);
        out.push(problem.diagnostic(doc, &link.dest).at_column(line, column));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    MissingDocument,
    WithheldDocument,
    MissingFile,
    FileNotAttached,
}

fn check_link(cx: &RuleContext, doc: &Document, doc_dir: &Path, dest: &str) -> Option<Problem> {
    if is_elsewhere(dest) {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    if path.ends_with(".md") {
        // Rendering resolves the path exactly as written; so does this check.
        let target =
            normalize(&doc_dir.join(path)).and_then(|t| cx.by_file.get(t.as_str()).copied());
        return match target {
            None => Some(Problem::MissingDocument),
            Some(t) if !cx.published_for(t, doc) => Some(Problem::WithheldDocument),
            Some(_) => None,
        };
    }
    // Browsers decode %XX before asking the server, so `files/%E9%99%84.pdf` is `files/附.pdf`.
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let Some(target) = normalize(&doc_dir.join(decoded.as_ref())) else {
        return Some(Problem::MissingFile);
    };
    if !cx.site.root.join(&target).is_file() {
        return Some(Problem::MissingFile);
    }
    let attached = is_inside(&decoded)
        && doc
            .attachments
            .iter()
            .any(|a| normalize(Path::new(&a.source)).as_deref() == Some(target.as_str()));
    (!attached).then_some(Problem::FileNotAttached)
}

/// Anchors, site-absolute paths and anything with a scheme (`https:`, `tel:`).
fn is_elsewhere(dest: &str) -> bool {
    let has_scheme = dest.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    dest.starts_with(['#', '/']) || has_scheme
}

impl Problem {
    fn diagnostic(self, doc: &Document, dest: &str) -> Diagnostic {
        let d = |rule| Diagnostic::error(rule, &doc.file);
        match self {
            Problem::MissingDocument => d("links/missing-document")
                .msg(
                    format!("链接“{dest}”指向的文档不存在"),
                    format!("link \"{dest}\" points to no document"),
                )
                .fix(
                    "改正链接路径（相对于本文档所在的文件夹，例如 ../2024/xxx.md），或删去链接",
                    "correct the path (relative to this document's folder) or remove the link",
                ),
            Problem::WithheldDocument => d("links/withheld-document")
                .msg(
                    format!("链接“{dest}”指向的文档不会与本文档一同公开（依申请公开、不予公开、草稿、未审查或发布日期更晚），网页上会是断链"),
                    format!("link \"{dest}\" points to a document that is not published with this one (withheld, draft, unreviewed or published later): it would be a broken link"),
                )
                .fix(
                    "删去这个链接，或待该文档公开后再加上",
                    "remove the link, or add it once that document is published",
                ),
            Problem::MissingFile => d("links/missing-file")
                .msg(
                    format!("链接“{dest}”指向的文件不存在"),
                    format!("link \"{dest}\" points to a file that does not exist"),
                )
                .fix(
                    "把文件放到该位置并列入附件，或改正链接路径（相对于本文档所在的文件夹）",
                    "put the file there and list it under attachments, or correct the path",
                ),
            Problem::FileNotAttached => d("links/file-not-attached")
                .msg(
                    format!("链接“{dest}”指向的文件不是本文档的附件，不会复制到网站上，网页上会是断链"),
                    format!("link \"{dest}\" points to a file that is not one of this document's attachments, so it is not copied to the portal"),
                )
                .fix(
                    "在 attachments 中加入这个文件（文件放在本文档所在文件夹或其子文件夹中），链接写同一路径",
                    "list the file under attachments (in this document's folder or below) and link to that same path",
                ),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture, WITHHELD};

    #[test]
    fn links_to_documents_must_reach_published_ones() {
        let f = Fixture::new();
        f.write("content/2025/policy.md", &doc(1, &[], "正文"));
        f.write(
            "content/2025/draft.md",
            &doc(2, &[("draft", "true")], "草稿"),
        );
        f.write("content/2025/withheld.md", &doc(3, &WITHHELD, "不公开"));
        let body = "见[政策](policy.md)、[上级](../2025/policy.md#第一条)和[外部](https://www.gov.cn/a.md)。\n\n\
                    [缺失](missing.md)\n\n[草稿](draft.md)\n\n[不公开](withheld.md)\n\n[越界](../../../x.md)";
        f.write("content/2025/a.md", &doc(10, &[], body));
        assert_eq!(
            f.findings(),
            [
                "content/2025/a.md links/missing-document",
                "content/2025/a.md links/withheld-document",
                "content/2025/a.md links/withheld-document",
                "content/2025/a.md links/missing-document",
            ]
        );
        let ds = f.check();
        let lines: Vec<_> = ds.iter().map(|d| (d.line, d.column)).collect();
        // The body starts on line 13 (11 front-matter lines and a blank line).
        assert_eq!(
            lines,
            [
                (Some(15), Some(1)),
                (Some(17), Some(1)),
                (Some(19), Some(1)),
                (Some(21), Some(1))
            ]
        );
    }

    #[test]
    fn links_to_files_must_name_attachments() {
        let f = Fixture::new();
        f.write("content/files/表.pdf", "%PDF");
        f.write("content/files/other.pdf", "%PDF");
        let attachments = "[{title: 表, file: files/表.pdf}]";
        let body = "[附件](files/表.pdf) [编码](files/%E8%A1%A8.pdf) ![图](files/other.pdf) [无](files/none.pdf) \
                    [邮件](mailto:a@b.cn) [电话](tel:12345) [锚点](#top) [站内](/guide/)";
        f.write(
            "content/a.md",
            &doc(1, &[("attachments", attachments)], body),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md links/file-not-attached",
                "content/a.md links/missing-file"
            ]
        );
    }

    #[test]
    fn missing_attachment_is_an_error_only_when_published() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[("attachments", "[{title: 表, file: files/none.pdf}]")],
                "",
            ),
        );
        f.write(
            "content/b.md",
            &doc(
                2,
                &[
                    ("attachments", "[{title: 表, file: files/none.pdf}]"),
                    ("draft", "true"),
                ],
                "",
            ),
        );
        assert_eq!(f.findings(), ["content/a.md files/attachment-missing"]);
    }

    #[cfg(unix)]
    #[test]
    fn attachments_through_symbolic_links_are_refused() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.pdf"), "SECRET").unwrap();
        let f = Fixture::new();
        f.write("content/files/real.pdf", "%PDF");
        f.write("content/linked/.keep", "");
        let root = f.root();
        symlink(
            outside.path().join("secret.pdf"),
            root.join("content/files/a.pdf"),
        )
        .unwrap();
        symlink(outside.path(), root.join("content/folder")).unwrap();
        // A link that stays inside the site is refused as well: one rule, no exceptions.
        symlink(
            root.join("content/files/real.pdf"),
            root.join("content/files/b.pdf"),
        )
        .unwrap();
        let list = |files: &[&str]| {
            let items: Vec<String> = files
                .iter()
                .map(|f| format!("{{title: 表, file: {f}}}"))
                .collect();
            format!("[{}]", items.join(", "))
        };
        f.write(
            "content/a.md",
            &doc(1, &[("attachments", &list(&["files/a.pdf"]))], ""),
        );
        f.write(
            "content/b.md",
            &doc(2, &[("attachments", &list(&["folder/secret.pdf"]))], ""),
        );
        f.write(
            "content/c.md",
            &doc(3, &[("attachments", &list(&["files/b.pdf"]))], ""),
        );
        f.write(
            "content/d.md",
            &doc(4, &[("attachments", &list(&["files/real.pdf"]))], ""),
        );
        // Not published: not checked, and never copied.
        f.write(
            "content/e.md",
            &doc(
                5,
                &[("attachments", &list(&["files/a.pdf"])), ("draft", "true")],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md files/attachment-symlink",
                "content/b.md files/attachment-symlink",
                "content/c.md files/attachment-symlink",
                "content/folder source/symlink (warning)",
            ]
        );
        let d = &f.check().into_vec()[1];
        assert_eq!(d.line, Some(11), "at the attachments line");
        assert!(d.message_zh.contains("content/folder"), "{}", d.message_zh);
        assert!(
            d.fix_en.contains("copy the attachment file itself"),
            "{}",
            d.fix_en
        );
    }

    #[test]
    fn withheld_documents_links_are_not_checked() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &WITHHELD, "[缺失](missing.md)"));
        assert_eq!(f.findings(), Vec::<String>::new());
    }

    #[test]
    fn links_images_and_autolinks_are_found_and_plain_text_has_none() {
        let dests = |body: &str| -> Vec<String> {
            super::body_links(body)
                .into_iter()
                .map(|l| l.dest)
                .collect()
        };
        assert_eq!(
            dests("见[通知](a.md)、![图](b.png)和<https://www.gov.cn/>。"),
            ["a.md", "b.png", "https://www.gov.cn/"]
        );
        assert_eq!(dests("[参考][1]\n\n[1]: c.pdf"), ["c.pdf"]);
        assert!(dests("没有链接的正文，2025年（第3号）。").is_empty());
    }
}
