//! Ordered lists show the numbers as written.
//!
//! An HTML list counts on from its first number, so `1. 3. 4.` would show as 1, 2, 3
//! and `2) ` as `2.`. In an official document the number is part of the text that was
//! issued: an item whose written number differs from the count gets it as its `value`,
//! and a list written with `)` is marked so the stylesheet shows `1)`.

use super::Spanned;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Over a stream of events, one for one.
pub(super) fn keep_numbers<'a>(
    src: &'a str,
    events: impl Iterator<Item = Spanned<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    // Per open list: the number the next item gets if it says nothing (None: bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    events.map(move |(event, range)| match event {
        Event::Start(Tag::List(start)) => {
            lists.push(start);
            match start.filter(|_| marker(&src[range.start..]).is_some_and(|(_, d)| d == ')')) {
                Some(start) => Event::Html(ordered_list_open(start).into()),
                None => event,
            }
        }
        Event::End(TagEnd::List(_)) => {
            lists.pop();
            event
        }
        Event::Start(Tag::Item) => {
            let written = marker(&src[range.start..]).map(|(n, _)| n);
            match (lists.last_mut(), written) {
                (Some(Some(next)), Some(n)) if n != *next => {
                    *next = n + 1;
                    Event::Html(CowStr::from(format!("<li value=\"{n}\">")))
                }
                (Some(Some(next)), _) => {
                    *next += 1;
                    event
                }
                _ => event,
            }
        }
        _ => event,
    })
}

/// `<ol>` for a list numbered `1)`, `2)`.
fn ordered_list_open(start: u64) -> String {
    if start == 1 {
        "<ol class=\"paren\">\n".to_string()
    } else {
        format!("<ol class=\"paren\" start=\"{start}\">\n")
    }
}

/// The number and delimiter of an ordered list item's marker (`12.` → (12, '.')).
fn marker(item: &str) -> Option<(u64, char)> {
    let item = item.trim_start_matches([' ', '\t']);
    let digits = item.bytes().take_while(u8::is_ascii_digit).count();
    let number = item[..digits].parse().ok()?;
    let delimiter = item[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, '.' | ')'))?;
    Some((number, delimiter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker("12. 申请书"), Some((12, '.')));
        assert_eq!(marker("  3) 材料"), Some((3, ')')));
        assert_eq!(marker("- 材料"), None);
        assert_eq!(marker("一、总体"), None);
    }
}
