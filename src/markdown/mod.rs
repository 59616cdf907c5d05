//! Markdown to HTML for document bodies, written the way Chinese official documents are.
//!
//! pulldown-cmark parses (CommonMark with tables, footnotes and strikethrough); then, in
//! order, each pass over its events adds one habit of Chinese documents:
//! [`emphasis`] (bold next to full-width punctuation), [`lines`] (hard-wrapped lines
//! joined without a space; numbering keeps its line), [`lists`] (numbers as written),
//! [`headings`] (body headings below the page's h1), [`anchors`] (heading ids and links), [`tables`] (header cells, sideways scrolling)
//! and [`signoff`] (the 落款 and the 附件 line of an official notice get their classes; summaries skip
//! them, the 主送机关 line and tables).
//! Every pass, and the rules that read bodies, take their events from [`Prepared`]
//! ([`big`]): pulldown-cmark's own events, except that the rows of a big text's big
//! tables are parsed a few hundred at a time, never the whole table at once.
//! Raw HTML is sanitized unless the site opts out. Links and images keep only the
//! schemes of [`urls`] (`javascript:` and the like never reach a page, whatever the
//! site's options). `docs/markdown.md` describes the result for the people who write
//! the documents.

mod anchors;
mod big;
mod cjk;
mod emphasis;
mod headings;
mod lines;
mod lists;
mod memo;
mod signoff;
mod tables;
pub mod urls;

#[doc(hidden)]
pub use big::chunked_is_whole;
pub(crate) use big::Prepared;
pub use memo::Memo;

use pulldown_cmark::{html, CowStr, Event, LinkType, Options as CmarkOptions, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// An event with the source range it comes from.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// A text longer than this is parsed by one thread at a time, and its big tables
/// a few rows at a time ([`big`]). The parser holds the whole tree of a text (about
/// five times its size) while its events are read; a pasted table of megabytes
/// rendered for its page while the search index reads it would hold two (issue 22).
/// Bodies of ordinary documents are far below it.
const BIG: usize = 1 << 20;

static BIG_PARSE: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// Whether this thread holds [`BIG_PARSE`] (a parse within a parse takes it once).
    static HOLDS_BIG: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Held while the parse tree of a big text lives (see [`BIG`]); for a smaller text,
/// nothing. The code that holds it must not wait for other threads' work.
pub(crate) struct BigParse(Option<std::sync::MutexGuard<'static, ()>>);

impl BigParse {
    pub(crate) fn of(src: &str) -> BigParse {
        if src.len() <= BIG || HOLDS_BIG.with(std::cell::Cell::get) {
            return BigParse(None);
        }
        let guard = BIG_PARSE.lock().unwrap_or_else(|e| e.into_inner());
        HOLDS_BIG.with(|h| h.set(true));
        BigParse(Some(guard))
    }
}

impl Drop for BigParse {
    fn drop(&mut self) {
        if self.0.is_some() {
            HOLDS_BIG.with(|h| h.set(false));
            // The tree is freed by now (the guard outlives the parser it guards).
            crate::util::memory::give_back();
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep raw HTML as written (site.toml `[markdown] unsafe_html = true`).
    pub unsafe_html: bool,
}

/// The Markdown dialect of document bodies, shared by rendering and the link check.
pub fn cmark_options() -> CmarkOptions {
    CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
}

/// The parsed body with the Chinese text rules applied; what both HTML and plain text
/// are made from.
/// A stream, never gathered whole: a body of megabytes (a pasted table) costs the
/// parser's own tree and the HTML, not a vector of its events per pass. Line breaks
/// are decided within an inline sequence, where every break and the text on both
/// sides of it are.
fn parse<'a>(text: &'a Prepared) -> impl Iterator<Item = Spanned<'a>> {
    emphasis::cjk_friendly(text.src(), text.events(), lines::soft_breaks)
}

/// Whether a body may have a heading: an ATX heading has a `#`, a setext heading
/// an underline. Only such a body is surveyed ([`surveyed`]).
fn may_have_heading(src: &str) -> bool {
    src.contains('#')
        || src.lines().any(|line| {
            // A setext underline, in a block quote or a list item too.
            let line = line.trim_start_matches([' ', '\t', '>']);
            line.starts_with('=') || line.starts_with('-')
        })
}

/// A body's events after the passes that need no survey, and what the passes after
/// them need to know of all of it before its first event: its highest heading and
/// the ids it takes. A body with a heading is parsed once, its events kept for the
/// survey; a big one ([`BIG`]) is parsed twice instead, to hold no more than one
/// event at a time.
fn surveyed<'a>(
    text: &'a Prepared,
) -> (Box<dyn Iterator<Item = Spanned<'a>> + 'a>, headings::Survey) {
    let src = text.src();
    let mut survey = headings::Survey::default();
    if !may_have_heading(src) {
        return (Box::new(parse(text)), survey);
    }
    if src.len() > SURVEY_KEPT {
        survey = headings::survey(text.events().map(|(event, _)| event));
        return (Box::new(parse(text)), survey);
    }
    let events: Vec<Spanned<'a>> = text.events().collect();
    for (event, _) in &events {
        survey.note(event);
    }
    let passes = emphasis::cjk_friendly(src, events.into_iter(), lines::soft_breaks);
    (Box::new(passes), survey)
}

/// The longest body whose events are kept for its survey (see [`surveyed`]).
const SURVEY_KEPT: usize = 64 * 1024;

/// What a relative link destination becomes on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The destination as written (a file beside the page, an anchor, a web address).
    AsWritten,
    /// Another URL, e.g. the page of the document whose `.md` file is named.
    To(String),
    /// No link at all: only the link's text is shown (a `.md` file that is no
    /// published document: its name must not reach the page).
    Unlinked,
}

/// Maps a link or image destination as written to what the page gets. Called only
/// for destinations whose scheme is allowed ([`urls::is_allowed`]).
pub type Resolve<'a> = dyn Fn(&str) -> Target + Sync + 'a;

/// What a link or image destination becomes: `None` drops the link (its text stays).
fn target<'a>(dest: CowStr<'a>, resolve: &Resolve) -> Option<CowStr<'a>> {
    if !urls::is_allowed(&dest) {
        return None;
    }
    match resolve(&dest) {
        Target::AsWritten => Some(dest),
        Target::To(url) => Some(url.into()),
        Target::Unlinked => None,
    }
}

/// Whether an open link or image is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dropped {
    No,
    /// Its text stays.
    Tag,
    /// Its text goes too: an autolink's text is the address itself.
    WithText,
}

impl Dropped {
    fn of(kept: bool, link_type: LinkType) -> Dropped {
        match (kept, link_type) {
            (true, _) => Dropped::No,
            (false, LinkType::Autolink | LinkType::Email) => Dropped::WithText,
            (false, _) => Dropped::Tag,
        }
    }
}

/// Renders a body. `resolve_link` maps a link destination as written (e.g. a
/// relative `.md` path) to what the page links to.
pub fn render(src: &str, opts: &Options, resolve_link: &Resolve) -> String {
    render_at(src, opts, resolve_link, 2)
}

/// Renders text shown under a heading of level `top_level - 1`: its own highest
/// heading becomes `h<top_level>`.
pub fn render_at(src: &str, opts: &Options, resolve_link: &Resolve, top_level: usize) -> String {
    let _big = BigParse::of(src);
    let text = Prepared::of(src);
    let (events, survey) = surveyed(&text);
    let mut has_raw_html = false;
    let events = events.inspect(|(e, _)| {
        has_raw_html |= matches!(e, Event::Html(_) | Event::InlineHtml(_));
    });
    let events = html_events(src, events, &survey, resolve_link, top_level);
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut out, events);
    if has_raw_html && !opts.unsafe_html {
        out = sanitize_with(&out, resolve_link);
    }
    out
}

/// The passes after parsing, each over the stream of the one before: the events
/// of a body's HTML, none of them held longer than its heading or inline sequence.
fn html_events<'a>(
    src: &'a str,
    events: impl Iterator<Item = Spanned<'a>> + 'a,
    survey: &headings::Survey,
    resolve_link: &'a Resolve,
    top_level: usize,
) -> impl Iterator<Item = Event<'a>> + 'a {
    // Per open link or image: kept, or dropped with or without its text.
    let mut open: Vec<Dropped> = Vec::new();
    let events = lists::keep_numbers(src, events).filter_map(move |event| {
        let hidden = open.contains(&Dropped::WithText);
        // A link's or image's target as the page shows it, or `None` to drop it.
        let mut keep = |dest_url, link_type| {
            let kept = target(dest_url, resolve_link);
            open.push(Dropped::of(kept.is_some(), link_type));
            kept.filter(|_| !hidden)
        };
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Some(Event::Start(Tag::Link {
                dest_url: keep(dest_url, link_type)?,
                link_type,
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Some(Event::Start(Tag::Image {
                dest_url: keep(dest_url, link_type)?,
                link_type,
                title,
                id,
            })),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let dropped = open.pop().is_some_and(|d| d != Dropped::No);
                (!dropped && !hidden).then_some(event)
            }
            _ if hidden => None,
            other => Some(other),
        }
    });
    let events = headings::starting_at(events, survey.top, top_level);
    signoff::mark(tables::wrap(anchors::link_headings(
        events,
        &survey.footnotes,
    )))
}

/// Raw HTML in Markdown is cleaned of scripts, handlers and styles, and of links
/// and images whose scheme is not allowed ([`urls`]).
pub fn sanitize(html: &str) -> String {
    sanitize_with(html, &|_| Target::AsWritten)
}

/// [`sanitize`], with relative URLs of links and images resolved as in Markdown
/// (so `<a href="other.md">` reaches that document's page, or loses its `href`).
fn sanitize_with(html: &str, resolve: &Resolve) -> String {
    ammonia::Builder::default()
        .url_schemes(urls::ALLOWED_SCHEMES.into_iter().collect())
        .attribute_filter(|_element, attribute, value| {
            let is_url = urls::URL_ATTRIBUTES.contains(&attribute);
            (!is_url || urls::is_allowed(value)).then_some(Cow::Borrowed(value))
        })
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Relative(resolve))))
        .add_generic_attributes(["id", "class", "colspan", "rowspan", "align"])
        // What this module writes itself: header cells, scrolling tables, heading links.
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
        .add_tag_attributes("a", ["aria-label"])
        .add_tag_attributes("li", ["value"])
        .clean(html)
        .to_string()
}

/// Relative URLs of raw HTML, resolved like Markdown links (`None` drops the attribute).
struct Relative<'a, 'r>(&'a Resolve<'r>);

impl<'a, 'r: 'a> ammonia::UrlRelativeEvaluate<'a> for Relative<'a, 'r> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        match (self.0)(url) {
            Target::AsWritten => Some(Cow::Borrowed(url)),
            Target::To(to) => Some(Cow::Owned(to)),
            Target::Unlinked => None,
        }
    }
}

/// The text of a body, without markup, whitespace collapsed.
pub fn plain_text(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    text_pieces(src, |piece| out.push_str(piece));
    collapse_whitespace(&out)
}

/// Calls `piece` with the text of a body in order, without markup, and with a
/// space where a line, paragraph, heading, list item or table cell ends. Together
/// the pieces are [`plain_text`] before its whitespace is collapsed.
pub fn text_pieces(src: &str, mut piece: impl FnMut(&str)) {
    let _big = BigParse::of(src);
    // Text between inline <script>/<style> tags is code, not prose.
    let mut in_raw_code = false;
    // Inside an autolink that pages do not show (see [`Dropped`]).
    let mut in_dropped_autolink = false;
    let text = Prepared::of(src);
    for (event, _) in parse(&text) {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url,
                ..
            }) => in_dropped_autolink = !urls::is_allowed(&dest_url),
            Event::End(TagEnd::Link) => in_dropped_autolink = false,
            Event::Text(_) if in_dropped_autolink => {}
            Event::InlineHtml(tag) => {
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    in_raw_code = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    in_raw_code = false;
                }
            }
            Event::Text(_) | Event::Code(_) if in_raw_code => {}
            Event::Text(t) | Event::Code(t) => piece(&t),
            Event::SoftBreak | Event::HardBreak => piece(" "),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => piece(" "),
            _ => {}
        }
    }
}

/// The start of a body's text as a summary of about `chars` characters.
pub fn summarize(src: &str, chars: usize) -> String {
    // Not the 主送机关 line, tables, the 附件 line or the 落款 (signoff.rs). A long
    // body is read from its start only (a table or two fit in it); its 落款 is far
    // beyond the summary anyway. Should that start hold no text, the whole body is read.
    let cleaned = signoff::summary_source(prefix(src, chars * 40));
    let cleaned = if cleaned.trim().is_empty() {
        // The start is tables (or only what a summary skips): the text after them,
        // its start only, so that a pasted table of megabytes is read once, as a stream.
        signoff::summary_source(prefix(&without_tables(src), chars * 40))
    } else {
        cleaned
    };
    // Only the start is needed: parse a prefix, cut between paragraphs so no
    // inline markup (bold across a hard-wrapped line, say) is split.
    let text = plain_text(prefix(&cleaned, chars * 12));
    truncate_chars(&text, chars)
}

/// The start of `src`, about `bytes` long, cut between paragraphs where it can be.
fn prefix(src: &str, bytes: usize) -> &str {
    let mut end = src.len().min(bytes);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    if end < src.len() {
        // Between paragraphs; without a blank line, all of a body of ordinary size.
        end = match src[..end].rfind("\n\n").filter(|&i| i > 0) {
            Some(i) => i,
            None if src.len() <= PREFIX_LIMIT => src.len(),
            // A pasted table has no blank line for megabytes: cut between lines.
            None => {
                let mut limit = PREFIX_LIMIT;
                while !src.is_char_boundary(limit) {
                    limit -= 1;
                }
                src[..limit]
                    .rfind("\n\n")
                    .or_else(|| src[..limit].rfind('\n'))
                    .filter(|&i| i > 0)
                    .unwrap_or(limit)
            }
        };
    }
    &src[..end]
}

/// The most of a body [`prefix`] takes when it finds no paragraph break sooner.
const PREFIX_LIMIT: usize = 64 * 1024;

/// The body without its tables (top-level ones, each cut at its source lines),
/// read as a stream: for a summary of a body that starts with tables.
fn without_tables(src: &str) -> String {
    let _big = BigParse::of(src);
    let mut out = String::new();
    let mut depth = 0usize;
    let mut kept_from = 0;
    for (event, range) in Prepared::of(src).events() {
        match event {
            Event::Start(Tag::Table(_)) if depth == 0 => {
                out.push_str(&src[kept_from..range.start]);
                out.push_str("\n\n");
                kept_from = range.end.max(kept_from);
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out.push_str(&src[kept_from.min(src.len())..]);
    out
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
        render(s, &Options::default(), &|_| Target::AsWritten)
    }

    /// Issue 22: a pasted table of megabytes peaked at 789 MB, every pass collecting
    /// the body's events into a vector of its own. Every pass now streams: the first
    /// HTML events of a big table come out after a handful of the parser's events,
    /// and so do its last ones (no pass holds what went before).
    #[test]
    fn big_texts_are_parsed_one_at_a_time() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let big = "表".repeat(BIG);
        let inside = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    let _held = BigParse::of(&big);
                    // A parse within the parse, on the same thread: no deadlock.
                    let _again = BigParse::of(&big);
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    inside.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
        // A small text waits for nobody, even while a big one is parsed elsewhere.
        let _held = BigParse::of(&big);
        std::thread::scope(|s| {
            s.spawn(|| assert!(BigParse::of("小").0.is_none()))
                .join()
                .unwrap();
        });
        // Rendering a big text works as before, the lock taken once.
        assert!(r(&"大表格 ".repeat(BIG / 8)).starts_with("<p>"));
    }

    #[test]
    fn every_pass_streams_a_big_table() {
        let row = "| 一二三四 | 五六七八 | **九十** | [链接](a.md) |\n";
        let src = format!(
            "# 标题\n\n| 甲 | 乙 | 丙 | 丁 |\n|---|---|---|---|\n{}\n## 结尾\n\n第一段\n第二段。\n",
            row.repeat(5000)
        );
        // Parsed whole, and with its rows parsed in chunks (as a bigger text's are).
        let chunked = big::Limits {
            big: 0,
            ..big::Limits::DEFAULT
        };
        for limits in [big::Limits::DEFAULT, chunked] {
            let text = Prepared::with(&src, limits);
            assert_eq!(text.is_chunked(), limits.big == 0);
            let pulled = std::cell::Cell::new(0usize);
            let events = text.events().inspect(|_| pulled.set(pulled.get() + 1));
            let events = emphasis::cjk_friendly(&src, events, lines::soft_breaks);
            let survey = headings::survey(text.events().map(|(e, _)| e));
            let resolve = |_: &str| Target::AsWritten;
            let mut out = html_events(&src, events, &survey, &resolve, 2);
            // The heading, and the table's start: read only that far.
            let mut seen = 0;
            while pulled.get() < 40 {
                out.next().unwrap();
                seen += 1;
            }
            assert!(seen >= 20, "{seen} events out for 40 in");
            // Each event out, till the end: never more than a row's worth pulled ahead.
            let mut total = seen;
            for _ in out.by_ref() {
                total += 1;
                assert!(
                    pulled.get() <= total + 40,
                    "{} in, {total} out",
                    pulled.get()
                );
            }
            assert!(total > 5000 * 15, "{total}");
        }
        // The same HTML as ever.
        let html = r(&src);
        assert!(html.contains("<h2 id=\"标题\""), "{}", &html[..300]);
        assert!(html.contains("<th scope=\"col\">甲</th>"));
        assert_eq!(html.matches("<strong>九十</strong>").count(), 5000);
        assert!(html.contains("<h3 id=\"结尾\""));
        assert!(
            html.contains("<p>第一段<br />\n第二段。</p>")
                || html.contains("<p>第一段第二段。</p>")
        );
    }

    /// The two examples of the issue, then bold and italic next to every kind of
    /// full-width punctuation that official documents use.
    const CJK_EMPHASIS: &[(&str, &str)] = &[
        (
            "**一、总体要求。**各单位要加强。",
            "<p><strong>一、总体要求。</strong>各单位要加强。</p>\n",
        ),
        ("**“五公开”**要求", "<p><strong>“五公开”</strong>要求</p>\n"),
        (
            "各单位要把**“五公开”**要求落实到位。",
            "<p>各单位要把<strong>“五公开”</strong>要求落实到位。</p>\n",
        ),
        (
            "**财政拨款收入：**指区财政当年拨付的资金。",
            "<p><strong>财政拨款收入：</strong>指区财政当年拨付的资金。</p>\n",
        ),
        (
            "**（一）严格落实决策预公开制度。**凡涉及",
            "<p><strong>（一）严格落实决策预公开制度。</strong>凡涉及</p>\n",
        ),
        (
            "**注意，**请按时报送。",
            "<p><strong>注意，</strong>请按时报送。</p>\n",
        ),
        ("**甲、乙、**丙", "<p><strong>甲、乙、</strong>丙</p>\n"),
        (
            "**申请材料；**以及",
            "<p><strong>申请材料；</strong>以及</p>\n",
        ),
        (
            "**是否需要审查？**需要。",
            "<p><strong>是否需要审查？</strong>需要。</p>\n",
        ),
        (
            "**不得延误！**违者追责。",
            "<p><strong>不得延误！</strong>违者追责。</p>\n",
        ),
        (
            "依据**《条例》**第十条",
            "<p>依据<strong>《条例》</strong>第十条</p>\n",
        ),
        (
            "**【重要】**请注意",
            "<p><strong>【重要】</strong>请注意</p>\n",
        ),
        (
            "示政办**〔2024〕**8号",
            "<p>示政办<strong>〔2024〕</strong>8号</p>\n",
        ),
        ("**（试行）**办法", "<p><strong>（试行）</strong>办法</p>\n"),
        ("**等等……**其他", "<p><strong>等等……</strong>其他</p>\n"),
        (
            "**主要任务——**推进改革",
            "<p><strong>主要任务——</strong>推进改革</p>\n",
        ),
        ("他说**‘可以’**了", "<p>他说<strong>‘可以’</strong>了</p>\n"),
        ("这是*强调。*后文", "<p>这是<em>强调。</em>后文</p>\n"),
        ("*（试行）*办法", "<p><em>（试行）</em>办法</p>\n"),
        (
            "***重点。***后文",
            "<p><em><strong>重点。</strong></em>后文</p>\n",
        ),
        (
            "**一、**甲；**二、**乙。",
            "<p><strong>一、</strong>甲；<strong>二、</strong>乙。</p>\n",
        ),
        ("（**一**）", "<p>（<strong>一</strong>）</p>\n"),
        (
            "**一、总体要求（*试行*）。**各单位",
            "<p><strong>一、总体要求（<em>试行</em>）。</strong>各单位</p>\n",
        ),
        (
            "**详见[《通知》](a.md)。**请",
            "<p><strong>详见<a href=\"a.md\">《通知》</a>。</strong>请</p>\n",
        ),
        (
            "**运行`zwgk build`。**完成",
            "<p><strong>运行<code>zwgk build</code>。</strong>完成</p>\n",
        ),
        (
            "[**一、总体要求。**全文](a.md)",
            "<p><a href=\"a.md\"><strong>一、总体要求。</strong>全文</a></p>\n",
        ),
        (
            "\u{3000}\u{3000}**一、总体要求。**各单位",
            "<p>\u{3000}\u{3000}<strong>一、总体要求。</strong>各单位</p>\n",
        ),
        ("~~已废止。~~现行", "<p><del>已废止。</del>现行</p>\n"),
        // Japanese and Korean follow the same amendment.
        (
            "**このアスタリスクは強調記号です。**この文",
            "<p><strong>このアスタリスクは強調記号です。</strong>この文</p>\n",
        ),
        (
            "**\"npm publish\"**를 실행",
            "<p><strong>\"npm publish\"</strong>를 실행</p>\n",
        ),
    ];

    /// What must stay as written: escapes, entities, code, unpaired and `_` runs.
    const CJK_LITERAL: &[(&str, &str)] = &[
        (
            "\\*\\*一、总体要求。\\*\\*各单位",
            "<p>**一、总体要求。**各单位</p>\n",
        ),
        (
            "&ast;&ast;一、总体要求。&ast;&ast;各单位",
            "<p>**一、总体要求。**各单位</p>\n",
        ),
        (
            "`**一、总体要求。**各单位`",
            "<p><code>**一、总体要求。**各单位</code></p>\n",
        ),
        ("**一、总体要求。各单位", "<p>**一、总体要求。各单位</p>\n"),
        // `_` never works inside a word, CJK or not (the amendment keeps that).
        (
            "__一、总体要求。__各单位",
            "<p>__一、总体要求。__各单位</p>\n",
        ),
        ("张*明*华", "<p>张<em>明</em>华</p>\n"),
    ];

    #[test]
    fn emphasis_next_to_chinese_punctuation() {
        assert!(CJK_EMPHASIS.len() >= 22);
        for (md, html) in CJK_EMPHASIS.iter().chain(CJK_LITERAL) {
            assert_eq!(r(md), *html, "{md}");
        }
    }

    #[test]
    fn emphasis_in_headings_cells_and_list_items() {
        assert!(r("## **一、总体要求。**（试行）")
            .contains("<strong>一、总体要求。</strong>（试行）</h2>"));
        assert!(r("| 项目 |\n|---|\n| **合计：**100万元 |")
            .contains("<td><strong>合计：</strong>100万元</td>"));
        assert!(r("- **一、总体要求。**各单位\n- 二")
            .contains("<li><strong>一、总体要求。</strong>各单位</li>"));
        assert!(r("> **注意：**本文件").contains("<p><strong>注意：</strong>本文件</p>"));
    }

    #[test]
    fn a_line_break_between_chinese_characters_adds_no_space() {
        assert_eq!(
            r("以高质量公开助力高质量发展，\n重点做好以下工作。"),
            "<p>以高质量公开助力高质量发展，重点做好以下工作。</p>\n"
        );
        assert_eq!(
            r("各部门要建立健全\n列席会议制度"),
            "<p>各部门要建立健全列席会议制度</p>\n"
        );
        assert_eq!(r("于\n2026年5月15日前"), "<p>于2026年5月15日前</p>\n");
        assert_eq!(
            r("**加强领导**\n各单位"),
            "<p><strong>加强领导</strong>各单位</p>\n"
        );
        // Latin text keeps CommonMark's space.
        assert_eq!(
            r("English words\nwrap here"),
            "<p>English words\nwrap here</p>\n"
        );
        assert_eq!(r("본문\n다음"), "<p>본문\n다음</p>\n");
    }

    #[test]
    fn a_line_starting_with_numbering_keeps_its_own_line() {
        assert_eq!(
            r("（一）无劳动能力；\n（二）无生活来源；"),
            "<p>（一）无劳动能力；<br />\n（二）无生活来源；</p>\n"
        );
        assert!(r("申请材料：\n2. 身份证").contains("申请材料：<br />\n2. 身份证"));
        assert!(r("**一、加强领导。**甲\n**二、强化督查。**乙").contains("甲<br />\n<strong>二、"));
        assert!(r("第一条 为规范工作。\n第二条 本办法").contains("。<br />\n第二条"));
        // A reference to an article is text, not a new article.
        assert!(r("依照本办法\n第三条规定").contains("依照本办法第三条规定"));
    }

    #[test]
    fn plain_text_and_summaries_follow_the_same_rules() {
        assert_eq!(
            plain_text("**一、总体要求。**各单位要加强\n管理。"),
            "一、总体要求。各单位要加强管理。"
        );
        assert_eq!(plain_text("English\nwords"), "English words");
        assert_eq!(
            plain_text("（一）甲；\n（二）乙。"),
            "（一）甲； （二）乙。"
        );
        let s = summarize(
            "## 一、总体要求\n\n**（一）加强领导。**各单位要**加强**\n管理。\n\n第二段。",
            17,
        );
        assert_eq!(s, "一、总体要求 （一）加强领导。各单…");
    }

    #[test]
    fn chinese_numbering_is_text_not_a_list() {
        for (md, first) in [
            ("一、总体要求\n\n二、主要任务", "<p>一、总体要求</p>"),
            ("（一）严格落实\n\n（二）扩大参与", "<p>（一）严格落实</p>"),
            ("1.加强领导\n\n2.强化督查", "<p>1.加强领导</p>"),
            ("1．加强领导\n\n2．强化督查", "<p>1．加强领导</p>"),
            ("（1）一般情形\n\n（2）较重情形", "<p>（1）一般情形</p>"),
            (
                "第一条 为规范工作\n\n第二条 本办法",
                "<p>第一条 为规范工作</p>",
            ),
        ] {
            let html = r(md);
            assert!(html.starts_with(first), "{html}");
            assert!(!html.contains("<ol") && !html.contains("<li"), "{html}");
        }
    }

    #[test]
    fn numbered_lists_keep_the_numbers_written() {
        assert_eq!(
            r("3. 申请书\n4. 身份证"),
            "<ol start=\"3\">\n<li>申请书</li>\n<li>身份证</li>\n</ol>\n"
        );
        let html = r("1. 甲\n1. 乙\n5. 丙\n6. 丁");
        assert!(
            html.contains(
                "<li>甲</li>\n<li value=\"1\">乙</li>\n<li value=\"5\">丙</li>\n<li>丁</li>"
            ),
            "{html}"
        );
        assert!(r("1) 甲\n2) 乙").starts_with("<ol class=\"paren\">\n<li>甲</li>"));
        assert!(r("- 甲\n- 乙").starts_with("<ul>\n<li>甲</li>"));
    }

    #[test]
    fn tables_have_column_headers_and_scroll_sideways() {
        let html = r("| 项目 | 金额（万元） | 备注 |\n|---|--:|---|\n| 基本支出 | 120.5 | |\n| 项目支出 | | 无 |\n");
        assert!(html.starts_with("<div class=\"table-wrap md-table\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n<table>"), "{html}");
        assert!(html.contains("<thead><tr><th scope=\"col\">项目</th><th scope=\"col\" style=\"text-align: right\">金额（万元）</th><th scope=\"col\">备注</th></tr></thead>"), "{html}");
        assert!(
            html.contains(
                "<tr><td>基本支出</td><td style=\"text-align: right\">120.5</td><td></td></tr>"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<tr><td>项目支出</td><td style=\"text-align: right\"></td><td>无</td></tr>"
            ),
            "{html}"
        );
        assert!(html.ends_with("</tbody></table>\n</div>\n"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let html = r("| 序号 | 名称 |\n|---|---|\n| 1 | 甲 |\n\n~~删除~~ 注[^1]\n\n[^1]: 脚注\n");
        assert!(html.contains("<th scope=\"col\">序号</th>"));
        assert!(html.contains("<del>删除</del>"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn headings_get_readable_unique_ids_and_a_link() {
        let html = r("## 一、总体要求\n\n### （一）加强领导\n\n## 附件\n\n## 附件\n");
        assert!(html.contains(
            "<div class=\"heading\">\n<h2 id=\"一总体要求\">一、总体要求</h2>\n<a class=\"heading-anchor\" href=\"#一总体要求\" aria-label=\"本节链接：一、总体要求\">#</a></div>"
        ), "{html}");
        assert!(
            html.contains("<h3 id=\"一加强领导\">（一）加强领导</h3>"),
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"附件\">") && html.contains("<h2 id=\"附件-1\">"),
            "{html}"
        );
        // Ids the page around the body uses, and footnote ids, are not taken.
        let html = r("# Main\n\n注[^1]\n\n## 1\n\n[^1]: 脚注");
        assert!(
            html.contains("<h2 id=\"main-1\">") && html.contains("<h3 id=\"1-1\">"),
            "{html}"
        );
        // Stable: the same text gives the same ids every time.
        assert_eq!(r("## 一、总体要求"), r("## 一、总体要求"));
    }

    #[test]
    fn generated_markup_survives_sanitizing() {
        let html = r("<b>原文</b>\n\n## 一、总体要求\n\n| 项目 |\n|---|\n| 甲 |\n\n3. 丙\n1. 丁\n");
        assert!(html.contains("<b>原文</b>"), "{html}");
        assert!(html.contains("<h2 id=\"一总体要求\">"), "{html}");
        assert!(
            html.contains("aria-label=\"本节链接：一、总体要求\""),
            "{html}"
        );
        assert!(
            html.contains(
                "<div class=\"table-wrap md-table\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">"
            ),
            "{html}"
        );
        assert!(html.contains("<th scope=\"col\">项目</th>"), "{html}");
        assert!(html.contains("<li value=\"1\">丁</li>"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitized_unless_opted_out() {
        let src = "正文<script>alert(1)</script><b onclick=\"x()\">粗</b>\n";
        let safe = r(src);
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("onclick"), "{safe}");
        let raw = render(src, &Options { unsafe_html: true }, &|_| Target::AsWritten);
        assert!(raw.contains("<script>"));
    }

    /// Links and images with schemes that run script or open other content, as
    /// Markdown links, reference links, autolinks, images and raw HTML, plainly and
    /// obfuscated.
    const BAD_LINKS: &str = "[附件](javascript:alert('a'))\n\n\
        [参考][1]\n\n\
        ![图](data:image/png;base64,QUFBQQ==)\n\n\
        <vbscript:msgbox('c')>\n\n\
        [混合](<JaVa\tScRiPt:alert('d')>)\n\n\
        [实体](&#106;avascript&#58;alert('e'))\n\n\
        [前导](< \u{1}javascript:alert('f')>)\n\n\
        [文件](file:///etc/passwd)\n\n\
        [1]: VBScript:msgbox('b')\n";

    const RAW_BAD_LINKS: &str = "<a href=\"&#106;avascript&colon;alert('g')\">原始</a>\n\n\
        <p><img src=\" data:text/html,QkJC\" alt=\"图\"><a href=\"java&#x09;script:alert('h')\">乙</a></p>\n\n\
        段落<a href='VBSCRIPT:msgbox(\"i\")'>丙</a>和<IMG SRC=\"jav&#x0A;ascript:alert('j')\">。\n";

    fn assert_no_bad_scheme(html: &str) {
        let lower = html.to_ascii_lowercase();
        for bad in [
            "javascript",
            "vbscript",
            "data:",
            "file:",
            "alert(",
            "msgbox",
            "qkjc",
            "qufbqq",
        ] {
            assert!(!lower.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn links_with_other_schemes_are_never_written() {
        for opts in [Options::default(), Options { unsafe_html: true }] {
            let html = render(BAD_LINKS, &opts, &|_| Target::AsWritten);
            assert_no_bad_scheme(&html);
            // The link's text stays, as text.
            assert!(
                html.contains("<p>附件</p>") && html.contains("<p>参考</p>"),
                "{html}"
            );
            assert!(html.contains("<p>图</p>"), "{html}");
            assert!(!html.contains("<a") && !html.contains("<img"), "{html}");
        }
        // Raw HTML beside them: ammonia filters with the same rule.
        let html = r(&format!("{BAD_LINKS}\n{RAW_BAD_LINKS}"));
        assert_no_bad_scheme(&html);
        let no_href = |text: &str| format!("<a rel=\"noopener noreferrer\">{text}</a>");
        assert!(
            html.contains(&no_href("原始")) && html.contains(&no_href("丙")),
            "{html}"
        );
        assert!(!html.contains("src="), "{html}");
        // No text left of an autolink's address, in pages nor in search text.
        assert_no_bad_scheme(&plain_text(BAD_LINKS));
    }

    #[test]
    fn web_mail_phone_and_relative_links_stay() {
        let src = "[甲](https://www.gov.cn/a) [乙](http://x.cn/) [邮件](mailto:a@b.cn) [电话](tel:0371-1) \
                   <https://www.gov.cn/> <a@b.cn> [锚](#第一条) [查询](?q=1) [上级](../a/b.pdf) ![图](files/a.png)";
        let expected = [
            "href=\"https://www.gov.cn/a\"",
            "href=\"http://x.cn/\"",
            "href=\"mailto:a@b.cn\"",
            "href=\"tel:0371-1\"",
            "href=\"https://www.gov.cn/\"",
            "href=\"#%E7%AC%AC%E4%B8%80%E6%9D%A1\"",
            "href=\"?q=1\"",
            "href=\"../a/b.pdf\"",
            "src=\"files/a.png\"",
        ];
        for html in [r(src), r(&format!("{src}\n\n<b>原文</b>"))] {
            for e in expected {
                assert!(html.contains(e), "{e} in {html}");
            }
            assert!(html.contains(">a@b.cn</a>"), "{html}");
        }
        let raw = r("<a href=\"https://www.gov.cn/\">国</a><a href=\"tel:12345\">电</a><img src=\"files/a.png\" alt=\"图\">");
        assert!(
            raw.contains("href=\"https://www.gov.cn/\"") && raw.contains("href=\"tel:12345\""),
            "{raw}"
        );
        assert!(raw.contains("src=\"files/a.png\""), "{raw}");
    }

    #[test]
    fn unlinked_targets_keep_only_their_text_in_markdown_and_raw_html() {
        let resolve = |d: &str| match d {
            "a.md" => Target::To("../../docs/a/index.html".into()),
            "withheld.md" => Target::Unlinked,
            _ => Target::AsWritten,
        };
        let src = "[甲](a.md) [乙](withheld.md) ![丙](withheld.md)";
        for html in [
            render(src, &Options::default(), &resolve),
            render(
                &format!("{src} <a href=\"withheld.md\">丁</a><a href=\"a.md\">戊</a>"),
                &Options::default(),
                &resolve,
            ),
        ] {
            assert!(!html.contains("withheld"), "{html}");
            assert!(
                html.contains("<a href=\"../../docs/a/index.html\"")
                    && html.contains(">甲</a> 乙 丙"),
                "{html}"
            );
        }
        let html = render(
            "<a href=\"withheld.md\">丁</a><a href=\"a.md\">戊</a>",
            &Options::default(),
            &resolve,
        );
        assert!(
            html.contains("<a rel=\"noopener noreferrer\">丁</a><a href=\"../../docs/a/index.html\" rel=\"noopener noreferrer\">戊</a>"),
            "{html}"
        );
    }

    #[test]
    fn links_are_resolved() {
        let html = render("[政策](../a.md)", &Options::default(), &|d| {
            if d == "../a.md" {
                Target::To("../../docs/x/index.html".into())
            } else {
                Target::AsWritten
            }
        });
        assert!(html.contains("href=\"../../docs/x/index.html\""));
    }

    #[test]
    fn plain_text_leaves_out_inline_scripts() {
        assert_eq!(plain_text("正文<script>bad()</script>结束"), "正文结束");
    }

    #[test]
    fn summary_never_cuts_markup_in_half() {
        // bold opens before the prefix limit and closes after it, across a hard wrap
        let long = format!(
            "{}**加粗的\n{}开头**后文。",
            "前言。".repeat(20),
            "很".repeat(1000)
        );
        let summary = summarize(&long, 120);
        assert!(
            summary.starts_with("前言。") && !summary.contains("**"),
            "{summary}"
        );
        let src = format!(
            "**一、总体要求。**各单位要加强\n管理{}。\n\n第二段",
            "很".repeat(2000)
        );
        assert!(summarize(&src, 120).starts_with("一、总体要求。各单位要加强管理很"));
    }

    #[test]
    fn a_body_that_starts_with_a_big_table_is_summarised_from_the_text_after_it() {
        let table = format!(
            "| 甲 | 乙 |\n|---|---|\n{}",
            "| 一二 | 三四 |\n".repeat(60_000)
        );
        assert!(table.len() > BIG);
        let src = format!("{table}\n正文在表格之后。\n\n第二段。");
        assert_eq!(summarize(&src, 12), "正文在表格之后。 第二段…");
        assert_eq!(summarize(&table, 10), "");
        // The start read for a summary stays small however long the first block is.
        assert!(prefix(&table, 2400).len() <= PREFIX_LIMIT);
        let line = "很".repeat(BIG);
        assert!(prefix(&line, 2400).len() <= PREFIX_LIMIT);
    }

    #[test]
    fn summary_takes_the_start_of_the_text() {
        let s = summarize("## 一、总体要求\n\n各单位要**加强**管理。\n\n第二段。", 10);
        assert_eq!(s, "一、总体要求 各单位…");
    }
}
