//! Markdown to HTML for document bodies (pulldown-cmark), with raw HTML sanitized.

use pulldown_cmark::{html, CowStr, Event, Options as CmarkOptions, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Keep raw HTML as written (site.toml `[markdown] unsafe_html = true`).
    pub unsafe_html: bool,
}

fn cmark_options() -> CmarkOptions {
    CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
}

/// Renders a body. `resolve_link` maps a link destination as written (e.g. a
/// relative `.md` path) to the URL it should point to; `None` keeps it.
pub fn render(src: &str, opts: &Options, resolve_link: &dyn Fn(&str) -> Option<String>) -> String {
    let mut has_raw_html = false;
    let events = Parser::new_ext(src, cmark_options()).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve_link(&dest_url)
                .map(CowStr::from)
                .unwrap_or(dest_url);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Html(_) | Event::InlineHtml(_) => {
            has_raw_html = true;
            event
        }
        other => other,
    });
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut out, events);
    if has_raw_html && !opts.unsafe_html {
        out = sanitize(&out);
    }
    out
}

/// Raw HTML in Markdown is cleaned of scripts, handlers and styles.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class", "colspan", "rowspan", "align"])
        .clean(html)
        .to_string()
}

/// The text of a body, without markup, whitespace collapsed.
pub fn plain_text(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    // Text between inline <script>/<style> tags is code, not prose.
    let mut in_raw_code = false;
    for event in Parser::new_ext(src, cmark_options()) {
        match event {
            Event::InlineHtml(tag) => {
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    in_raw_code = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    in_raw_code = false;
                }
            }
            Event::Text(_) | Event::Code(_) if in_raw_code => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&out)
}

/// The start of a body as a summary of about `chars` characters.
pub fn summarize(src: &str, chars: usize) -> String {
    // Only the start is needed: parse a prefix, cut at a line end so no block is split mid-line.
    let limit = src.len().min(chars * 12);
    let mut end = limit;
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    if end < src.len() {
        end = src[..end].rfind('\n').filter(|&i| i > 0).unwrap_or(end);
    }
    let text = plain_text(&src[..end]);
    truncate_chars(&text, chars)
}

pub fn truncate_chars(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        render(s, &Options::default(), &|_| None)
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let html = r("| 序号 | 名称 |\n|---|---|\n| 1 | 甲 |\n\n~~删除~~ 注[^1]\n\n[^1]: 脚注\n");
        assert!(html.contains("<th>序号</th>"));
        assert!(html.contains("<del>删除</del>"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn raw_html_is_sanitized_unless_opted_out() {
        let src = "正文<script>alert(1)</script><b onclick=\"x()\">粗</b>\n";
        let safe = r(src);
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("onclick"), "{safe}");
        let raw = render(src, &Options { unsafe_html: true }, &|_| None);
        assert!(raw.contains("<script>"));
    }

    #[test]
    fn links_are_resolved() {
        let html = render("[政策](../a.md)", &Options::default(), &|d| {
            (d == "../a.md").then(|| "../../docs/x/index.html".into())
        });
        assert!(html.contains("href=\"../../docs/x/index.html\""));
    }

    #[test]
    fn plain_text_leaves_out_inline_scripts() {
        assert_eq!(plain_text("正文<script>bad()</script>结束"), "正文结束");
    }

    #[test]
    fn summary_takes_the_start_of_the_text() {
        let s = summarize("## 一、总体要求\n\n各单位要**加强**管理。\n\n第二段。", 10);
        assert_eq!(s, "一、总体要求 各单位…");
    }
}
