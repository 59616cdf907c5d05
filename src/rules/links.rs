//! `links/*` and `files/*`: every link and attachment of a published document,
//! and of the office's own texts on the portal's pages (the guide, the reports'
//! texts: [`crate::load::texts`]), reaches something that is on the portal, and nothing
//! else.
//!
//! Rendering turns a relative link to another document's `.md` file into that
//! document's page, and copies a document's attachments beside its page. So a
//! `.md` link must name a document that is published no later than the page
//! that links to it (a link to a withheld document would be broken, and would tell
//! readers it exists), and a link to any other relative file must name one of the
//! document's own attachments (pages other than documents have none). Links may
//! use only the schemes `http:`, `https:`, `mailto:` and `tel:`
//! ([`crate::markdown::urls`]); those, site-absolute links (`/…`) and anchors
//! (`#…`) are not checked further. Markdown links, reference links, autolinks,
//! images and the URL attributes of raw HTML (`<a href>`, `<img src>`, …) are all
//! checked the same way.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::urls;
use crate::markdown::urls::{md_link, normalize};
use crate::model::document::{Attachment, Document};
use crate::rules::RuleContext;
use crate::util::text::is_inside;
use chrono::NaiveDate;
use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::path::Path;

pub fn attachments_exist(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    for a in &doc.attachments {
        // No symbolic link is followed (see `sitefs`): not the file, not a folder on its way.
        if let Some(link) = crate::util::sitefs::symlink_in(&cx.site.root, Path::new(&a.source)) {
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
        } else if cx.site.root.join(&a.source).is_dir() {
            out.push(
                Diagnostic::error("files/attachment-missing", &doc.file)
                    .at(doc.line_of("attachments"))
                    .msg(
                        format!("附件“{}”是一个文件夹，不是文件（{}）", a.file, a.source),
                        format!("attachment \"{}\" is a folder, not a file ({})", a.file, a.source),
                    )
                    .fix(
                        "在 file 中写出文件夹里具体文件的路径，例如 files/表.pdf；多个文件各写一个附件",
                        "name a file inside the folder, e.g. files/table.pdf; list each file as its own attachment",
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

/// A link or image in a Markdown text: its destination as written (character
/// references decoded) and the byte offset in the text where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    pub offset: usize,
}

/// Every link and image destination of a Markdown text, in order: Markdown links,
/// reference links, autolinks and images, and the URL attributes of raw HTML
/// (blocks and inline tags).
pub fn body_links(body: &str) -> Vec<BodyLink> {
    // Links, images, autolinks and HTML all start with `[` or `<`; most bodies have neither.
    if !body.contains(['[', '<']) {
        return Vec::new();
    }
    let _big = crate::markdown::BigParse::of(body);
    let text = crate::markdown::Prepared::of(body);
    let mut out = Vec::new();
    // The HTML block being read: its pieces, each with its offset in the body.
    let mut block: Vec<(pulldown_cmark::CowStr, usize)> = Vec::new();
    for (event, range) in text.events() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => out.push(BodyLink {
                dest: dest_url.into_string(),
                offset: range.start,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => out.push(BodyLink {
                dest: dest_url.into_string(),
                offset: range.start,
            }),
            Event::Html(html) => block.push((html, range.start)),
            Event::End(TagEnd::HtmlBlock) => {
                raw_links(body, &std::mem::take(&mut block), &mut out);
            }
            Event::InlineHtml(html) => raw_links(body, &[(html, range.start)], &mut out),
            _ => {}
        }
    }
    raw_links(body, &block, &mut out);
    out.sort_by_key(|l| l.offset);
    out
}

/// The links of raw HTML given in pieces (the lines of an HTML block, or one inline
/// tag), each with its offset in `body`.
fn raw_links(body: &str, pieces: &[(pulldown_cmark::CowStr, usize)], out: &mut Vec<BodyLink>) {
    if pieces.is_empty() {
        return;
    }
    let html: String = pieces.iter().map(|(p, _)| p.as_ref()).collect();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut at = 0;
    for (p, _) in pieces {
        starts.push(at);
        at += p.len();
    }
    for link in urls::raw_html_links(&html) {
        let i = starts.partition_point(|&s| s <= link.offset) - 1;
        let (piece, offset) = (&pieces[i].0, pieces[i].1);
        // A piece is normally the body's own text; if not, point at its start.
        let same = body.get(offset..offset + piece.len()) == Some(piece.as_ref());
        out.push(BodyLink {
            dest: link.url,
            offset: if same {
                offset + link.offset - starts[i]
            } else {
                offset
            },
        });
    }
}

/// Where links are written: what a link may reach depends on it.
struct LinkSource<'a> {
    /// Site-relative path of the Markdown file.
    file: &'a str,
    /// The files copied beside the page (a document's attachments).
    attachments: &'a [Attachment],
    /// The day the page is on the portal: linked documents must be by then.
    when: NaiveDate,
    /// A document's body (messages say “this document”), or a page's text.
    is_document: bool,
}

impl LinkSource<'_> {
    fn dir(&self) -> &Path {
        Path::new(self.file).parent().unwrap_or(Path::new(""))
    }

    /// Checks the links of `text`; `position` gives the line and column in the file
    /// of a byte offset in `text`.
    fn check(
        &self,
        cx: &RuleContext,
        text: &str,
        position: &dyn Fn(usize) -> (usize, usize),
        out: &mut Diagnostics,
    ) {
        for link in body_links(text) {
            let Some(problem) = check_link(cx, self, &link.dest) else {
                continue;
            };
            let (line, column) = position(link.offset);
            out.push(problem.diagnostic(self, &link.dest).at_column(line, column));
        }
    }
}

pub fn markdown_links(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let source = LinkSource {
        file: &doc.file,
        attachments: &doc.attachments,
        when: cx.publication_day(doc),
        is_document: true,
    };
    source.check(
        cx,
        doc.body.as_str(),
        &|offset| doc.body_position(offset),
        out,
    );
}

/// The site rule for the office's texts outside documents ([`crate::load::texts`]): the
/// same link rules as a document's body, for a page published today without
/// attachments.
pub fn texts(cx: &RuleContext, out: &mut crate::diagnostics::Diagnostics) {
    let mut found = Diagnostics::default();
    for text in crate::load::texts::texts(&cx.site.special_pages, &cx.site.reports, &cx.site.organs)
    {
        let source = LinkSource {
            file: &text.file,
            attachments: &[],
            when: cx.today,
            is_document: false,
        };
        for piece in &text.pieces {
            source.check(
                cx,
                &piece.text,
                &|offset| piece.position(offset),
                &mut found,
            );
        }
    }
    out.extend(found);
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Scheme(String),
    MissingDocument,
    WithheldDocument,
    MissingFile,
    FileNotAttached,
}

fn check_link(cx: &RuleContext, from: &LinkSource, dest: &str) -> Option<Problem> {
    if let Some(scheme) = urls::scheme(dest) {
        return (!urls::is_allowed(dest)).then_some(Problem::Scheme(scheme));
    }
    if let Some((target, _)) = md_link(from.dir(), dest) {
        // Rendering resolves the path exactly so; this check agrees with it.
        return match target.and_then(|t| cx.by_file.get(t.as_str()).copied()) {
            None => Some(Problem::MissingDocument),
            Some(t) if !RuleContext::published_by(t, from.when) => Some(Problem::WithheldDocument),
            Some(_) => None,
        };
    }
    if dest.starts_with(['#', '/']) {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    // Browsers decode %XX before asking the server, so `files/%E9%99%84.pdf` is `files/附.pdf`.
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let Some(target) = normalize(&from.dir().join(decoded.as_ref())) else {
        return Some(Problem::MissingFile);
    };
    if !cx.site.root.join(&target).is_file() {
        return Some(Problem::MissingFile);
    }
    let attached = is_inside(&decoded)
        && from
            .attachments
            .iter()
            .any(|a| normalize(Path::new(&a.source)).as_deref() == Some(target.as_str()));
    (!attached).then_some(Problem::FileNotAttached)
}

/// An external link (`http:` or `https:`) in the body of a document published on
/// the day of the check, for `zwgk check --links`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub url: String,
}

/// Every external link of the documents published on `cx.today`, in file order.
pub fn external_links(cx: &RuleContext) -> Vec<ExternalLink> {
    let mut out = Vec::new();
    for doc in &cx.site.documents {
        if !RuleContext::published_by(doc, cx.today) {
            continue;
        }
        for link in body_links(doc.body.as_str()) {
            let lower = link.dest.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                let (line, column) = doc.body_position(link.offset);
                out.push(ExternalLink {
                    file: doc.file.clone(),
                    line,
                    column,
                    url: link.dest,
                });
            }
        }
    }
    out
}

/// `links/external-dead`: what `check --links` found at `link` (`why`: the status
/// or the failure, in Chinese and English).
pub fn dead_external(link: &ExternalLink, why_zh: &str, why_en: &str) -> Diagnostic {
    let url = shorten(&link.url, 80);
    Diagnostic::warning("links/external-dead", &link.file)
        .at_column(link.line, link.column)
        .msg(
            format!("外部链接 {url} 打不开：{why_zh}"),
            format!("the external link {url} does not work: {why_en}"),
        )
        .fix(
            "在浏览器中打开核对；网址已变的改为新网址，已撤下的删去链接或改为文字说明",
            "open it in a browser; update a moved address, remove a link to a page that is gone",
        )
}

/// At most `max` characters of a link for a message (a `data:` URL can be long).
fn shorten(dest: &str, max: usize) -> String {
    match dest.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &dest[..i]),
        None => dest.to_string(),
    }
}

impl Problem {
    fn diagnostic(&self, from: &LinkSource, dest: &str) -> Diagnostic {
        let d = |rule| Diagnostic::error(rule, from.file);
        let dest = shorten(dest, 60);
        let (this_zh, this_en) = if from.is_document {
            ("本文档", "this document")
        } else {
            ("本页", "this page")
        };
        match self {
            Problem::Scheme(scheme) => d("links/scheme")
                .msg(
                    format!("链接“{dest}”以“{scheme}:”开头：这种链接点开后会运行脚本或打开别处的内容，网站不会发布它"),
                    format!("link \"{dest}\" uses \"{scheme}:\": such a link runs a script or opens content from elsewhere when clicked, so the portal does not publish it"),
                )
                .fix(
                    "只用 http://、https://、mailto:（电子邮件）、tel:（电话）开头的地址，或相对路径（例如 ../2024/xxx.md、files/附件.pdf）；图片和文件请放在本文档的文件夹中，列入 attachments 后用相对路径引用",
                    "use only addresses starting with http://, https://, mailto: or tel:, or relative paths (../2024/x.md, files/a.pdf); put images and files in the document's folder, list them under attachments and link them by relative path",
                ),
            Problem::MissingDocument => d("links/missing-document")
                .msg(
                    format!("链接“{dest}”指向的文档不存在"),
                    format!("link \"{dest}\" points to no document"),
                )
                .fix(
                    format!("改正链接路径（相对于{this_zh}所在的文件夹，例如 ../2024/xxx.md），或删去链接"),
                    format!("correct the path (relative to the folder of {this_en}) or remove the link"),
                ),
            Problem::WithheldDocument => d("links/withheld-document")
                .msg(
                    format!("链接“{dest}”指向的文档不会与{this_zh}一同公开（依申请公开、不予公开、草稿、未审查或发布日期更晚），网页上会是断链"),
                    format!("link \"{dest}\" points to a document that is not published with {this_en} (withheld, draft, unreviewed or published later): it would be a broken link"),
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
                    format!("把文件放到该位置并列入附件，或改正链接路径（相对于{this_zh}所在的文件夹）"),
                    "put the file there and list it under attachments, or correct the path".to_string(),
                ),
            Problem::FileNotAttached if from.is_document => d("links/file-not-attached")
                .msg(
                    format!("链接“{dest}”指向的文件不是本文档的附件，不会复制到网站上，网页上会是断链"),
                    format!("link \"{dest}\" points to a file that is not one of this document's attachments, so it is not copied to the portal"),
                )
                .fix(
                    "在 attachments 中加入这个文件（文件放在本文档所在文件夹或其子文件夹中），链接写同一路径",
                    "list the file under attachments (in this document's folder or below) and link to that same path",
                ),
            Problem::FileNotAttached => d("links/file-not-attached")
                .msg(
                    format!("链接“{dest}”指向的文件不会复制到网站上（本页没有附件），网页上会是断链"),
                    format!("link \"{dest}\" points to a file that is not copied to the portal (this page has no attachments)"),
                )
                .fix(
                    "把文件作为某个文档的附件公开，在这里链接那个文档（写它的 .md 文件路径）",
                    "publish the file as an attachment of a document, and link to that document's .md file here",
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
    fn links_with_other_schemes_are_errors_where_they_are_written() {
        let f = Fixture::new();
        let body =
            "[附件](javascript:void(0))\n\n[参考][1]\n\n![图](data:image/png;base64,AAAA)\n\n\
                    <vbscript:msgbox(1)>\n\n[混合](<JaVa\tScRiPt:x()>)\n\n\
                    见<a href=\"&#106;avascript&colon;x()\">原始</a>\n\n\
                    <div>\n<img\n  src=\" data:text/html,x\">\n</div>\n\n[1]: file:///etc/passwd";
        f.write("content/a.md", &doc(1, &[], body));
        let ds = f.check();
        let found: Vec<_> = ds
            .iter()
            .map(|d| (d.rule, d.line.unwrap(), d.column.unwrap()))
            .collect();
        // The body starts on line 13.
        assert_eq!(
            found,
            [
                ("links/scheme", 13, 1),
                ("links/scheme", 15, 1),
                ("links/scheme", 17, 1),
                ("links/scheme", 19, 1),
                ("links/scheme", 21, 1),
                ("links/scheme", 23, 5),
                ("links/scheme", 27, 3),
            ]
        );
        let d = &ds.iter().next().unwrap();
        assert!(
            d.message_zh.contains("javascript:") && d.fix_zh.contains("https://"),
            "{d:?}"
        );
    }

    #[test]
    fn web_mail_phone_and_relative_links_are_no_finding() {
        let f = Fixture::new();
        let body = "[甲](https://www.gov.cn/) [乙](HTTP://x.cn) <https://www.gov.cn/> <gk@example.gov.cn> \
                    [邮件](mailto:gk@example.gov.cn) [电话](tel:0371-12345678) [本节](#一) [查询](?q=1) \
                    <a href=\"https://www.gov.cn/\">国</a><a href=\"#一\">节</a><img src=\"https://www.gov.cn/a.png\">";
        f.write("content/a.md", &doc(1, &[], body));
        assert_eq!(f.findings(), Vec::<String>::new());
    }

    #[test]
    fn raw_html_links_are_checked_like_markdown_links() {
        let f = Fixture::new();
        f.write("content/policy.md", &doc(1, &[], "正文"));
        f.write("content/withheld.md", &doc(2, &WITHHELD, "不公开"));
        f.write("content/files/x.pdf", "%PDF");
        let body = "<p><a href=\"policy.md\">通知</a> <a href=\"withheld.md\">请示</a></p>\n\n\
                    正文<a href='missing.md#一'>缺失</a>和<img src=files/x.pdf>。";
        f.write("content/a.md", &doc(10, &[], body));
        let ds = f.check();
        let found: Vec<_> = ds
            .iter()
            .map(|d| (d.rule, d.line.unwrap(), d.column.unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("links/withheld-document", 13, 34),
                ("links/missing-document", 15, 6),
                ("links/file-not-attached", 15, 38),
            ]
        );
    }

    #[test]
    fn the_guide_and_report_texts_follow_the_link_rules() {
        let f = Fixture::new();
        f.write("content/2025/policy.md", &doc(1, &[], "正文"));
        f.write("content/2025/withheld.md", &doc(2, &WITHHELD, "不公开"));
        f.write(
            "content/_guide.md",
            "## 概述\n\n见[通知](2025/policy.md)。\n\n## 其他\n\n[请示](2025/withheld.md) [脚本](javascript:x) [表](2025/policy.md.pdf)\n\n## 其他\n\n[缺失](none.md)\n",
        );
        f.write(
            "content/_reports/2025.yaml",
            "主动公开: {本年废止: {行政规范性文件: 0}, 行政许可: 0, 行政处罚: 0, 行政强制: 0, 行政事业性收费: 0}\n依申请公开: {}\n行政复议和行政诉讼: {}\n",
        );
        f.write(
            "content/_reports/2025.md",
            "见[通知](../2025/policy.md)。\n\n## 一、总体情况\n\n另见<a href=\"../2025/withheld.md\">请示</a>。\n",
        );
        let found: Vec<_> = f
            .check()
            .iter()
            .filter(|d| d.rule.starts_with("links/"))
            .map(|d| (d.file.clone(), d.rule, d.line.unwrap(), d.column.unwrap()))
            .collect();
        let guide = "content/_guide.md".to_string();
        assert_eq!(
            found,
            [
                (guide.clone(), "links/withheld-document", 7, 1),
                (guide.clone(), "links/scheme", 7, 24),
                (guide.clone(), "links/missing-file", 7, 43),
                (guide, "links/missing-document", 11, 1),
                (
                    "content/_reports/2025.md".to_string(),
                    "links/withheld-document",
                    5,
                    6
                ),
            ]
        );
    }

    #[test]
    fn texts_without_links_or_guide_are_no_finding() {
        let f = Fixture::new();
        f.write("content/_guide.md", "## 概述\n\n本机关依法公开政府信息。\n");
        f.write("content/_other.md", "[缺失](none.md)\n");
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
        assert_eq!(
            dests("<div>\n<a\n href=\"d.md\">甲</a>\n</div>\n\n见<img src=e.png>和[f](f.md)"),
            ["d.md", "e.png", "f.md"]
        );
        assert!(dests("没有链接的正文，2025年（第3号）。").is_empty());
    }
}
