//! Heading levels under the page title.
//!
//! The page's title is its one `h1`, so a body's headings move, keeping their
//! order, until the highest of them is an `h2` (`#` → h2, `##` → h3; a body that
//! starts at `###` moves up to h2). Text shown under a heading of its own (a
//! section of an annual report) starts one level lower: [`starting_at`].

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// What the passes over a body's events need to know of all of it first.
#[derive(Debug, Default)]
pub(super) struct Survey {
    /// The highest heading level (1 for `#`), if there is a heading.
    pub top: Option<usize>,
    /// Footnote labels: pulldown-cmark gives a footnote definition its label as id.
    pub footnotes: Vec<String>,
}

pub(super) fn survey<'a>(events: impl Iterator<Item = Event<'a>>) -> Survey {
    let mut survey = Survey::default();
    for e in events {
        survey.note(&e);
    }
    survey
}

impl Survey {
    /// Takes in one event of the body, in order.
    pub(super) fn note(&mut self, e: &Event) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as usize;
                self.top = Some(self.top.map_or(level, |t| t.min(level)));
            }
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes.push(label.to_string());
            }
            _ => {}
        }
    }
}

/// Moves the headings, keeping their order, until the highest of them (`top`, from
/// the [`Survey`]) is `h<top_level>`.
pub(super) fn starting_at<'a>(
    events: impl Iterator<Item = Event<'a>>,
    top: Option<usize>,
    top_level: usize,
) -> impl Iterator<Item = Event<'a>> {
    let shift = top.filter(|&t| t != top_level);
    let moved = move |level: HeadingLevel| match shift {
        Some(top) => HeadingLevel::try_from((level as usize + top_level - top).min(6))
            .unwrap_or(HeadingLevel::H6),
        None => level,
    };
    events.map(move |mut e| {
        match &mut e {
            Event::Start(Tag::Heading { level, .. }) => *level = moved(*level),
            Event::End(TagEnd::Heading(level)) => *level = moved(*level),
            _ => {}
        }
        e
    })
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
