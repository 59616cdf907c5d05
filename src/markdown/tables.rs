//! Tables as office documents have them, readable on a phone: header cells say they
//! head a column, and the table sits in a box that scrolls sideways when it is wider
//! than the screen (instead of being cut off or squeezed to a character per line).

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// A focusable region, so keyboard users can scroll it too.
const WRAP_OPEN: &str =
    "<div class=\"table-wrap md-table\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n";
const WRAP_CLOSE: &str = "</div>\n";

pub(super) fn wrap(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    for event in events {
        match event {
            Event::Start(Tag::Table(ref a)) => {
                alignments = a.clone();
                out.push(Event::Html(CowStr::Borrowed(WRAP_OPEN)));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(CowStr::Borrowed(WRAP_CLOSE)));
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                out.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push(event);
            }
            Event::Start(Tag::TableCell) if in_head => {
                out.push(Event::Html(CowStr::Borrowed(header_cell(
                    alignments.get(column),
                ))));
            }
            Event::End(TagEnd::TableCell) if in_head => {
                column += 1;
                out.push(Event::Html(CowStr::Borrowed("</th>")));
            }
            _ => out.push(event),
        }
    }
    out
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
