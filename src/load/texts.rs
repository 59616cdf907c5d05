//! The office's own Markdown outside documents: the disclosure guide
//! (`content/_guide.md`) and the texts of the annual reports
//! (`content/_reports/<year>.md`).
//!
//! Their pages render them with the links of documents ([`crate::render`]'s
//! `text_resolver`: `.md` files become document pages), and the link rules check them
//! as they check a document's body (`rules::links::texts`). The organs' profiles,
//! guides and reports are here too. A new kind of page with the office's own text is
//! added to [`texts`] and renders through `text_resolver`: the rules then cover it
//! with no other change.

use crate::load::organs::OrganFiles;
use crate::load::reports::ReportData;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One file of the office's own Markdown, as the portal shows it.
pub struct Text<'a> {
    /// Site-relative path of the file.
    pub file: Cow<'a, str>,
    /// The pieces of the file a page shows, each rendered on its own.
    pub pieces: Vec<Piece<'a>>,
}

/// A piece of Markdown rendered on a page, and the 1-based line of its file it
/// starts on (its lines are the file's lines, in order).
pub struct Piece<'a> {
    pub text: Cow<'a, str>,
    pub line: usize,
}

impl Piece<'_> {
    /// Line and column in the file of a byte offset in the piece.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = crate::util::text::line_col(&self.text, offset);
        (self.line + line - 1, column)
    }
}

/// Every text outside documents that the portal shows: the guide, the reports'
/// texts by year, then each organ's profile, guide and reports' texts.
/// `special_pages`, `reports` and `organs` are the loaded site's.
pub fn texts<'a>(
    special_pages: &'a BTreeMap<String, String>,
    reports: &'a BTreeMap<i32, ReportData>,
    organs: &'a BTreeMap<String, OrganFiles>,
) -> Vec<Text<'a>> {
    let mut out = Vec::new();
    if let Some(guide) = special_pages.get(crate::layout::GUIDE_FILE) {
        out.push(guide_text(crate::layout::GUIDE_FILE, guide));
    }
    for organ in organs.values() {
        if let Some(p) = &organ.profile {
            let (body, line) = super::organs::body(&p.text);
            out.push(Text {
                file: Cow::Borrowed(&p.file),
                pieces: vec![Piece {
                    text: Cow::Borrowed(body),
                    line,
                }],
            });
        }
        if let Some(g) = &organ.guide {
            out.push(guide_text(&g.file, &g.text));
        }
    }
    let organ_reports = organs.values().flat_map(|o| o.reports.values());
    for text in reports
        .values()
        .chain(organ_reports)
        .filter_map(|r| r.text.as_ref())
    {
        out.push(Text {
            file: Cow::Borrowed(&text.file),
            pieces: text
                .pieces()
                .map(|(text, line)| Piece {
                    text: Cow::Borrowed(text),
                    line,
                })
                .collect(),
        });
    }
    out
}

/// A guide's text (the portal's or an organ's): the sections the office wrote.
fn guide_text<'a>(file: &'a str, text: &str) -> Text<'a> {
    Text {
        file: Cow::Borrowed(file),
        pieces: super::guide::sections(Some(text))
            .into_iter()
            .filter_map(|s| s.custom)
            .map(|(text, line)| Piece {
                text: Cow::Owned(text),
                line,
            })
            .collect(),
    }
}
