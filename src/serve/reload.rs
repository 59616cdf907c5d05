//! What `serve` adds to the HTML it serves, and only there (never to `build` output):
//! a script that reloads the page after each rebuild, and, while the last rebuild
//! failed, an overlay listing the problems and the documents hidden until they are
//! fixed (see [`super::hidden`]).

use super::hidden::Hidden;
use crate::diagnostics::Diagnostic;
use crate::render::escape_html;

/// The reserved path prefix of the preview server; no site output lives under it.
pub const PREFIX: &str = "/__zwgk/";
/// Long-poll endpoint: answers with the current version once it differs from `?v=`.
pub const WAIT: &str = "/__zwgk/wait";

/// Element ids, for the overlay's styling and for tests.
pub const SCRIPT_ID: &str = "__zwgk_live";
pub const OVERLAY_ID: &str = "__zwgk_overlay";

/// Inserts the reload script (and the overlay, when there are problems) before `</body>`.
/// `last_good` says the page is from the last successful build (not a placeholder).
/// The page's Content-Security-Policy `<meta>` (themes/default/templates/base.html)
/// is taken out: it would block the inline script and overlay, and a preview on this
/// computer needs none.
pub fn inject(
    html: &[u8],
    version: &str,
    problems: &[Diagnostic],
    hidden: &Hidden,
    last_good: bool,
) -> Vec<u8> {
    let html = &without_csp(html)[..];
    let mut extra = String::new();
    if !problems.is_empty() || !hidden.is_empty() {
        extra.push_str(&overlay(problems, hidden, last_good));
    }
    extra.push_str(&script(version));
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Waits for the server to report a version other than the page's own, then reloads.
/// A failed request (server restarting) is retried each second.
fn script(version: &str) -> String {
    let version = serde_json::to_string(version).expect("a string serialises");
    format!(
        r#"<script id="{SCRIPT_ID}">(function(){{var v={version};function poll(){{fetch("{WAIT}?v="+encodeURIComponent(v),{{cache:"no-store"}}).then(function(r){{return r.json()}}).then(function(s){{if(s.v!==v){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"#
    )
}

/// How many hidden documents the overlay names; the rest are counted.
const HIDDEN_NAMED: usize = 50;

/// A full-page panel: what is wrong, where, and how to fix it, in Chinese and
/// English; then what is hidden until it is fixed.
pub fn overlay(problems: &[Diagnostic], hidden: &Hidden, last_good: bool) -> String {
    let n = problems.len();
    let heading = if last_good {
        format!("站点有 {n} 处错误，页面显示的是上次成功生成的版本<br><small>The site has {n} error(s); you are seeing the last good build</small>")
    } else {
        format!("站点有 {n} 处错误，还没有生成成功<br><small>The site has {n} error(s) and has not been built yet</small>")
    };
    let mut items = String::new();
    for d in problems {
        items.push_str(&format!(
            r#"<li><p><code>{}</code> <small>[{}]</small></p><p lang="zh">{}</p><p lang="en">{}</p>"#,
            escape_html(&d.location()),
            escape_html(d.rule),
            escape_html(&d.message_zh),
            escape_html(&d.message_en),
        ));
        if !d.fix_zh.is_empty() {
            items.push_str(&format!(
                r#"<p class="fix">修改方法：{}<br>How to fix: {}</p>"#,
                escape_html(&d.fix_zh).replace('\n', "<br>"),
                escape_html(&d.fix_en).replace('\n', "<br>"),
            ));
        }
        items.push_str("</li>");
    }
    let hidden = hidden_section(hidden);
    format!(
        r#"<div id="{OVERLAY_ID}" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(30,0,0,.94);color:#fff;font:16px/1.6 system-ui,sans-serif;padding:1.5em 2em">
<h2 style="color:#ffb4b4;margin-top:0">{heading}</h2>
<ol style="padding-left:1.2em">{items}</ol>{hidden}
<p>改正后保存文件，页面会自动刷新。/ Save a fix and this page reloads by itself.</p>
<button type="button" onclick="this.parentNode.remove()" style="font:inherit;padding:.3em 1em">关闭 Close</button>
<style>#{OVERLAY_ID} code{{background:#000;color:#ffd479;padding:.1em .4em}}#{OVERLAY_ID} li{{margin-bottom:1em}}#{OVERLAY_ID} p{{margin:.2em 0}}#{OVERLAY_ID} .fix{{color:#c8e6c9}}</style>
</div>"#
    )
}

/// What the overlay says of hidden documents: each by file, and why.
fn hidden_section(hidden: &Hidden) -> String {
    if hidden.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        r#"<h3 style="color:#ffd479">在改正错误前不显示 / Hidden until the errors are fixed</h3>"#,
    );
    if hidden.everything {
        out.push_str("<p>site.toml 无法读取，无法判断哪些文件可以公开：在改正错误前，所有页面、附件和数据文件都不显示。<br>site.toml cannot be read, so nothing shows which documents may be published: every page, attachment and data file is hidden until the errors are fixed.</p>");
        return out;
    }
    if !hidden.documents.is_empty() {
        out.push_str("<p>下列文件的页面和附件不显示；列出文件的页面（首页、目录、领域、主题、年份、发布机构等）、搜索、订阅和开放数据也都不显示。<br>The pages and attachments of these documents are hidden, and so are the pages that list documents (home, catalogue, domains, topics, years, publishers …), search, feeds and open data.</p><ul>");
        for (file, why) in hidden.documents.iter().take(HIDDEN_NAMED) {
            out.push_str(&format!(
                "<li><code>{}</code> {} / {}</li>",
                escape_html(file),
                escape_html(why.zh()),
                escape_html(why.en())
            ));
        }
        let more = hidden.documents.len().saturating_sub(HIDDEN_NAMED);
        if more > 0 {
            out.push_str(&format!("<li>另有 {more} 个文件 / and {more} more</li>"));
        }
        out.push_str("</ul>");
    } else {
        out.push_str("<p>站点设置、领域清单、公开指南或年度报告有改动：列出文件的页面、搜索、订阅和开放数据在改正错误前不显示。<br>Site settings, domain lists, the guide or the annual reports changed: the pages that list documents, search, feeds and open data are hidden until the errors are fixed.</p>");
    }
    out
}

/// What a hidden path shows (with the overlay over it).
pub fn hidden_page() -> Vec<u8> {
    r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>zwgk serve</title></head><body><p>站点有错误：此页面在改正错误前不显示。/ The site has errors: this page is hidden until they are fixed.</p></body></html>"#.as_bytes().to_vec()
}

/// The page shown before any build has succeeded.
pub fn no_build_page() -> Vec<u8> {
    r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>zwgk serve</title></head><body><p>站点尚未成功生成。/ The site has not been built successfully yet.</p></body></html>"#.as_bytes().to_vec()
}

/// `html` without its `<meta http-equiv="Content-Security-Policy" …>` tags.
fn without_csp(html: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    const NAME: &[u8] = b"content-security-policy";
    let mut out = std::borrow::Cow::Borrowed(html);
    let mut from = 0;
    while let Some(at) = find_ascii_case_insensitive(&out[from..], NAME).map(|i| from + i) {
        let start = rfind_ascii_case_insensitive(&out[..at], b"<meta");
        let end = out[at..]
            .iter()
            .position(|&b| b == b'>')
            .map(|i| at + i + 1);
        match (start, end) {
            // Only a `<meta` tag that holds the name (no `>` between them).
            (Some(start), Some(end)) if !out[start..at].contains(&b'>') => {
                out.to_mut().drain(start..end);
                from = start;
            }
            _ => from = at + NAME.len(),
        }
    }
    out
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></BODY></html>",
            "1-2",
            &[],
            &Hidden::default(),
            true,
        ))
        .unwrap();
        assert!(
            out.starts_with("<html><body><p>x</p><script id=\"__zwgk_live\">"),
            "{out}"
        );
        assert!(out.ends_with("</script></BODY></html>"), "{out}");
        assert!(out.contains(r#"var v="1-2""#));
        assert!(!out.contains(OVERLAY_ID));
    }

    #[test]
    fn overlay_names_file_line_and_both_messages_escaped() {
        let d = Diagnostic::error("schema/unknown-key", "content/a.md")
            .at(Some(4))
            .msg("未知的元数据项“titel”<b>", "unknown key \"titel\"")
            .fix("改为 title", "use title");
        let out = String::from_utf8(inject(
            b"<body></body>",
            "v",
            std::slice::from_ref(&d),
            &Hidden::default(),
            true,
        ))
        .unwrap();
        assert!(out.contains("content/a.md:4"));
        assert!(out.contains("未知的元数据项“titel”&lt;b&gt;"));
        assert!(out.contains("unknown key &quot;titel&quot;"));
        assert!(out.contains("修改方法：改为 title"));
        assert!(out.find(OVERLAY_ID).unwrap() < out.find(SCRIPT_ID).unwrap());
        assert!(out.contains("last good build"));
        let first = String::from_utf8(inject(
            b"<body></body>",
            "v",
            &[d],
            &Hidden::default(),
            false,
        ))
        .unwrap();
        assert!(first.contains("not been built yet") && !first.contains("last good build"));
    }

    #[test]
    fn the_pages_content_security_policy_is_left_out() {
        let page = b"<head><meta charset=\"utf-8\">\n<META HTTP-EQUIV=\"Content-Security-Policy\" content=\"script-src 'self'\">\n<title>x</title></head><body><p>content-security-policy</p></body>";
        let out = String::from_utf8(inject(page, "v", &[], &Hidden::default(), true)).unwrap();
        assert!(
            out.starts_with("<head><meta charset=\"utf-8\">\n\n<title>x</title></head><body><p>content-security-policy</p><script"),
            "{out}"
        );
    }

    #[test]
    fn pages_without_body_get_the_script_at_the_end() {
        let out =
            String::from_utf8(inject(b"<p>x</p>", "v", &[], &Hidden::default(), true)).unwrap();
        assert!(out.starts_with("<p>x</p><script"));
    }
}
