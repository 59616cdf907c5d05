//! Tables as office documents have them, readable on a phone: header cells say they
//! head a column, and the table sits in a box that scrolls sideways when it is wider
//! than the screen (instead of being cut off or squeezed to a character per line).

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// A focusable region, so keyboard users can scroll it too.
const WRAP_OPEN: &str =
    "<div class=\"table-wrap md-table\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n";
const WRAP_CLOSE: &str = "</div>\n";

/// Over a stream of events; each gives one or two.
pub(super) fn wrap<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    events.flat_map(move |event| {
        let html = |s: &'static str| Event::Html(CowStr::Borrowed(s));
        let (first, second) = match event {
            Event::Start(Tag::Table(ref a)) => {
                alignments = a.clone();
                (html(WRAP_OPEN), Some(event))
            }
            Event::End(TagEnd::Table) => (event, Some(html(WRAP_CLOSE))),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                (event, None)
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                (event, None)
            }
            Event::Start(Tag::TableCell) if in_head => {
                (html(header_cell(alignments.get(column))), None)
            }
            Event::End(TagEnd::TableCell) if in_head => {
                column += 1;
                (html("</th>"), None)
            }
            _ => (event, None),
        };
        std::iter::once(first).chain(second)
    })
}

/// The alignment as pulldown-cmark writes it for body cells.
fn header_cell(alignment: Option<&Alignment>) -> &'static str {
    match alignment {
        Some(Alignment::Left) => "<th scope=\"col\" style=\"text-align: left\">",
        Some(Alignment::Center) => "<th scope=\"col\" style=\"text-align: center\">",
        Some(Alignment::Right) => "<th scope=\"col\" style=\"text-align: right\">",
        _ => "<th scope=\"col\">",
    }
}
