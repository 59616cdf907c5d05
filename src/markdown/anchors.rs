//! Heading ids that read as the heading does, and a link to each heading.
//!
//! The id is the heading's text with punctuation dropped and spaces turned into `-`
//! (`一、总体要求` → `一总体要求`, `（二）扩大公众参与` → `二扩大公众参与`,
//! `Annual Report 2024` → `annual-report-2024`). It depends on the text alone, so it
//! stays the same from build to build; a second heading with the same text gets `-1`,
//! then `-2`. Other documents link to a section as `other.md#一总体要求`.
//!
//! Each heading is followed by a small `#` link to itself, shown on hover and on
//! keyboard focus. It sits beside the heading, not inside it, so a screen reader reads
//! the heading as written and the link by its label (“本节链接：…”).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::collections::{HashMap, HashSet};

/// Ids the default theme's document page uses around the body.
const PAGE_IDS: [&str; 3] = ["main", "att-h", "interp-h"];

/// Over a stream of events: only a heading's own events are held at a time.
/// `footnotes` are the body's footnote labels (ids the page has already).
pub(super) fn link_headings<'a>(
    events: impl Iterator<Item = Event<'a>>,
    footnotes: &[String],
) -> impl Iterator<Item = Event<'a>> {
    let mut taken: HashSet<String> = PAGE_IDS.iter().map(|s| s.to_string()).collect();
    taken.extend(footnotes.iter().cloned());
    LinkHeadings {
        events,
        ids: Ids {
            taken,
            next: HashMap::new(),
        },
        pending: Vec::new().into_iter(),
    }
}

struct LinkHeadings<'a, I> {
    events: I,
    ids: Ids,
    /// The rest of the heading last linked.
    pending: std::vec::IntoIter<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for LinkHeadings<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.next() {
            return Some(event);
        }
        let event = self.events.next()?;
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            return Some(event);
        };
        let content: Vec<Event> = self
            .events
            .by_ref()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .collect();
        let text = heading_text(&content);
        let id = unique(
            &mut self.ids,
            id.map(|id| id.to_string()).unwrap_or_else(|| slug(&text)),
        );
        let anchor = anchor_html(&id, &text);
        let mut out = Vec::with_capacity(content.len() + 3);
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        }));
        out.extend(content);
        out.push(Event::End(TagEnd::Heading(level)));
        out.push(Event::Html(anchor.into()));
        self.pending = out.into_iter();
        Some(Event::Html(CowStr::Borrowed("<div class=\"heading\">")))
    }
}

fn heading_text(content: &[Event]) -> String {
    let mut text = String::new();
    for event in content {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Letters and digits of any script, lower-cased; runs of spaces, `-` and `_` become one
/// `-`; other punctuation is dropped.
fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            gap = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// The ids given so far, and for each id given, the suffix to try next: so
/// 10,000 headings of the same text take 10,000 steps, not 50 million.
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

/// `id`, or `id-1`, `id-2`… the first not yet taken. A suffix once found taken
/// stays taken, so the search for `id` goes on where it last stopped.
fn unique(ids: &mut Ids, id: String) -> String {
    let id = if ids.taken.contains(&id) {
        let start = ids.next.get(&id).copied().unwrap_or(1);
        let (n, candidate) = (start..)
            .map(|n| (n, format!("{id}-{n}")))
            .find(|(_, c)| !ids.taken.contains(c))
            .unwrap();
        ids.next.insert(id, n + 1);
        candidate
    } else {
        id
    };
    ids.taken.insert(id.clone());
    id
}

fn anchor_html(id: &str, text: &str) -> String {
    let mut html = String::from("<a class=\"heading-anchor\" href=\"#");
    // Letters, digits and `-` only: readable as written, no percent-encoding needed.
    escape_html(&mut html, id).expect("writing to a String");
    html.push_str("\" aria-label=\"本节链接：");
    escape_html(&mut html, text).expect("writing to a String");
    html.push_str("\">#</a></div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_chinese_and_drop_punctuation() {
        assert_eq!(slug("一、总体要求"), "一总体要求");
        assert_eq!(slug("（二）扩大公众参与。"), "二扩大公众参与");
        assert_eq!(
            slug("2024年示范区政务公开工作要点"),
            "2024年示范区政务公开工作要点"
        );
        assert_eq!(slug("第一条　总则"), "第一条-总则");
        assert_eq!(slug("Annual Report 2024"), "annual-report-2024");
        assert_eq!(slug("  附件 1：申请表 "), "附件-1申请表");
        assert_eq!(slug("……"), "section");
    }

    #[test]
    fn ten_thousand_equal_headings_take_linear_time() {
        let mut ids = Ids {
            taken: HashSet::new(),
            next: HashMap::new(),
        };
        let started = std::time::Instant::now();
        for _ in 0..50_000 {
            unique(&mut ids, "附件".into());
        }
        assert!(ids.taken.contains("附件-49999"));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        let md = "# 附件\n\n".repeat(20_000);
        let started = std::time::Instant::now();
        let html = crate::markdown::render(&md, &Default::default(), &|_| {
            crate::markdown::Target::AsWritten
        });
        assert!(html.contains("id=\"附件-19999\""));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let mut ids = Ids {
            taken: HashSet::new(),
            next: HashMap::new(),
        };
        assert_eq!(unique(&mut ids, "附件".into()), "附件");
        assert_eq!(unique(&mut ids, "附件".into()), "附件-1");
        assert_eq!(unique(&mut ids, "附件".into()), "附件-2");
        assert_eq!(unique(&mut ids, "附件-1".into()), "附件-1-1");
    }
}
