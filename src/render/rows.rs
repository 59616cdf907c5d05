//! Rows of catalogue listings: the few fields a table shows per document.

use crate::publish::site::Site;
use serde::Serialize;

#[derive(Serialize)]
pub struct DocRow<'a> {
    pub title: &'a str,
    /// Site-relative folder, e.g. `docs/x/`.
    pub path: &'a str,
    pub index_no: &'a str,
    pub summary: &'a str,
    pub created: &'a str,
    pub published: &'a str,
    pub publisher: &'a str,
    pub doc_no: &'a str,
    pub doc_type: &'a str,
    pub category: &'a str,
    pub validity: &'a str,
    pub preview: bool,
}

pub fn row(site: &Site, i: usize) -> DocRow<'_> {
    let d = &site.docs[i];
    let listed = &site.listed[i];
    DocRow {
        title: &d.title,
        path: &listed.path,
        index_no: &d.index_no,
        summary: &site.summaries[i],
        created: &listed.created,
        published: &listed.published,
        publisher: site.publisher_name(&d.publisher),
        doc_no: d.doc_no.as_deref().unwrap_or(""),
        doc_type: &d.doc_type,
        category: d.category.zh(),
        validity: d.validity.zh(),
        preview: d.preview,
    }
}

pub fn rows(site: &Site, range: std::ops::Range<usize>) -> Vec<DocRow<'_>> {
    range.map(|i| row(site, i)).collect()
}
