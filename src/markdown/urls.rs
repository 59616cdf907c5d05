//! Which link destinations may reach a page, and where raw HTML keeps its links.
//!
//! One rule for every link of the portal's text, whoever looks: rendering drops a
//! link or image whose scheme is not allowed (Markdown links here, raw HTML through
//! ammonia), and the check `links/scheme` tells the author. Allowed are `http:`,
//! `https:`, `mailto:`, `tel:` and relative URLs (paths, `#fragment`, `?query`).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use percent_encoding::percent_decode_str;
use std::cell::RefCell;
use std::path::Path;

/// The schemes a link or image on the portal may use.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Attributes that hold a URL a browser follows or loads, in any element.
pub const URL_ATTRIBUTES: [&str; 11] = [
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "ping",
    "background",
    "longdesc",
];

/// The scheme of a URL as a browser reads it, in lower case; `None` for a relative URL.
///
/// Browsers (the WHATWG URL standard) first drop leading and trailing spaces and
/// control characters and every tab and line break, so ` JaVa\tScript:` is
/// `javascript:`. HTML character references must be decoded before (Markdown and
/// HTML parsers do).
pub fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => scheme.push(c),
            _ => return None,
        }
    }
    None
}

/// Whether a link or image may point at `url`: relative, or with an allowed scheme.
pub fn is_allowed(url: &str) -> bool {
    scheme(url).is_none_or(|s| ALLOWED_SCHEMES.contains(&s.as_str()))
}

/// A URL in raw HTML: the attribute's value (character references decoded) and
/// the byte offset in the HTML where the attribute (or its tag) starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub url: String,
    pub offset: usize,
}

/// Every URL attribute ([`URL_ATTRIBUTES`]) of every start tag in a piece of HTML,
/// read with html5ever's tokenizer (the HTML standard's), in order.
pub fn raw_html_links(html: &str) -> Vec<RawLink> {
    if !html.contains('<') {
        return Vec::new();
    }
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let found = tokenizer.sink.found.take();
    // The tokenizer gives values, not places: find each tag and attribute in the
    // text, in order, to point at them.
    let lower = html.to_ascii_lowercase();
    let mut cursor = 0;
    let mut out = Vec::with_capacity(found.len());
    for (tag, attrs) in found {
        if let Some(at) = lower[cursor..].find(&format!("<{tag}")) {
            cursor += at;
        }
        for (name, url) in attrs {
            let offset = find_attribute(&lower, cursor, &name).unwrap_or(cursor);
            cursor = offset;
            out.push(RawLink { url, offset });
        }
    }
    out
}

/// Where `name=` (spaces allowed around `=`) is written at or after `from`.
fn find_attribute(lower: &str, from: usize, name: &str) -> Option<usize> {
    let mut start = from;
    while let Some(i) = lower[start..].find(name) {
        let at = start + i;
        let after = lower[at + name.len()..].trim_start();
        let before_ok = lower[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || c == '"' || c == '\'' || c == '/');
        if before_ok && after.starts_with('=') {
            return Some(at);
        }
        start = at + name.len();
    }
    None
}

/// Start tags with their URL attributes: (tag name, [(attribute, value)]).
type Found = Vec<(String, Vec<(String, String)>)>;

#[derive(Default)]
struct Sink {
    found: RefCell<Found>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if tag.kind == TagKind::StartTag {
                let urls: Vec<(String, String)> = tag
                    .attrs
                    .iter()
                    .filter_map(|a| {
                        let name = attribute_name(&a.name);
                        URL_ATTRIBUTES
                            .contains(&name.as_str())
                            .then(|| (name, a.value.to_string()))
                    })
                    .collect();
                if !urls.is_empty() {
                    self.found.borrow_mut().push((tag.name.to_string(), urls));
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// `xlink:href` keeps its prefix; other names are their local name.
fn attribute_name(name: &html5ever::QualName) -> String {
    match &name.prefix {
        Some(p) => format!("{}:{}", &**p, &*name.local),
        None => name.local.to_string(),
    }
}

/// The document file a relative link to a `.md` file names: `Some((file, anchor))`
/// with the site-relative path of the file (`None` if the path climbs above the
/// site or starts at `/`) and the `#anchor` written after it (`""` if none). `None`
/// when the link names no `.md` file: a web address, an anchor, another file.
/// Rendering and the link check (rules/links.rs) both read links with it.
pub fn md_link<'d>(dir: &Path, dest: &'d str) -> Option<(Option<String>, &'d str)> {
    if scheme(dest).is_some() {
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
pub fn normalize(p: &Path) -> Option<String> {
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
    fn schemes_are_read_as_browsers_read_them() {
        for (url, s) in [
            ("https://www.gov.cn/", Some("https")),
            ("HTTP://x", Some("http")),
            ("mailto:a@b.cn", Some("mailto")),
            ("tel:12345", Some("tel")),
            ("javascript:alert(1)", Some("javascript")),
            ("JaVaScRiPt:alert(1)", Some("javascript")),
            (" \u{1}javascript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("java\nscript:alert(1)", Some("javascript")),
            ("vbscript:msgbox", Some("vbscript")),
            ("data:text/html;base64,PHNjcmlwdD4=", Some("data")),
            ("file:///etc/passwd", Some("file")),
            ("c:\\secret.doc", Some("c")),
            ("view-source:x", Some("view-source")),
            ("../2025/a.md", None),
            ("files/附件.pdf", None),
            ("#第一条", None),
            ("?q=1", None),
            ("/guide/", None),
            ("//cdn.example/x", None),
            ("a.md#x:y", None),
            ("1x:y", None),
            ("java%73cript:alert(1)", None),
            ("javascript：alert(1)", None),
            ("", None),
        ] {
            assert_eq!(scheme(url).as_deref(), s, "{url:?}");
        }
        assert!(is_allowed("https://x") && is_allowed("a.md") && is_allowed("tel:1"));
        assert!(!is_allowed("javascript:x") && !is_allowed("data:,x") && !is_allowed("ftp://x"));
    }

    #[test]
    fn raw_html_links_are_read_with_entities_decoded_and_placed() {
        let html = "<p>见 <a title=\"x\" href=\"a.md\">通知</a></p>\n<IMG\n  SRC='&#106;avascript&colon;alert(1)'><a href=b.pdf>乙</a>";
        let links = raw_html_links(html);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["a.md", "javascript:alert(1)", "b.pdf"]);
        assert_eq!(&html[links[0].offset..][..4], "href");
        assert_eq!(&html[links[1].offset..][..3], "SRC");
        assert_eq!(&html[links[2].offset..][..4], "href");
        assert!(raw_html_links("没有标签 a href=x").is_empty());
        assert!(raw_html_links("<b>粗</b>").is_empty());
    }

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
