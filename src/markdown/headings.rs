//! Heading levels under the page title.
//!
//! The page's title is its one `h1`, so a body's headings move, keeping their
//! order, until the highest of them is an `h2` (`#` → h2, `##` → h3; a body that
//! starts at `###` moves up to h2). Text shown under a heading of its own (a
//! section of an annual report) starts one level lower: [`starting_at`].

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Moves the headings, keeping their order, until the highest of them is `h<top_level>`.
pub fn starting_at(mut events: Vec<Event<'_>>, top_level: usize) -> Vec<Event<'_>> {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(top) = top.filter(|&t| t != top_level) else {
        return events;
    };
    let moved = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + top_level - top).min(6))
            .unwrap_or(HeadingLevel::H6)
    };
    for e in &mut events {
        match e {
            Event::Start(Tag::Heading { level, .. }) => *level = moved(*level),
            Event::End(TagEnd::Heading(level)) => *level = moved(*level),
            _ => {}
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::super::{render, Options, Target};

    fn levels(src: &str) -> Vec<String> {
        let html = render(src, &Options::default(), &|_| Target::AsWritten);
        html.match_indices("<h")
            .filter_map(|(i, _)| {
                html[i + 1..]
                    .chars()
                    .nth(1)
                    .filter(char::is_ascii_digit)
                    .map(|c| format!("h{c}"))
            })
            .collect()
    }

    #[test]
    fn body_headings_stay_below_the_page_title() {
        assert_eq!(levels("# 要点\n\n## 一、总体要求\n"), ["h2", "h3"]);
        assert_eq!(levels("## 一、总体要求\n"), ["h2"]);
        assert_eq!(levels("### 问一\n\n#### 细节\n"), ["h2", "h3"]);
    }

    #[test]
    fn a_section_text_starts_below_its_heading() {
        let html = super::super::render_at(
            "### （一）主动公开\n\n#### 1.\n",
            &Options::default(),
            &|_| Target::AsWritten,
            3,
        );
        assert!(html.contains("<h3 ") && html.contains("<h4 "), "{html}");
        assert!(!html.contains("<h2"), "{html}");
    }
}
