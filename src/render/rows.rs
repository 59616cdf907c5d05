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
    /// 有效性 on the day of the build (`Site::status`), and its slug for styling.
    pub validity: &'a str,
    pub status: &'static str,
    /// 联合发文: the document has co-issuers.
    pub joint: bool,
    /// 征集中, 未开始 or 已结束 for a consultation, empty otherwise.
    pub consultation: &'static str,
    /// 登记号, 施行日期, 有效期至, 废止日期: empty when not given.
    pub register_no: &'a str,
    pub effective: &'a str,
    pub valid_until: &'a str,
    pub abolished: &'a str,
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
        validity: site.status[i].zh(),
        status: site.status[i].slug(),
        joint: !d.co_publishers.is_empty(),
        consultation: d.life().consultation.as_ref().map_or("", |c| {
            crate::model::lifecycle::consultation_status(c, site.today).zh()
        }),
        register_no: d.life().register_no.as_deref().unwrap_or(""),
        effective: &listed.effective,
        valid_until: &listed.valid_until,
        abolished: &listed.abolished,
        preview: d.preview,
    }
}

/// A row of a list that shows no 内容概述 (every list but the catalogue's own views):
/// the summary stays out of the page's context, so editing the start of a body
/// re-renders only the pages that show it (`serve`).
pub fn short_row(site: &Site, i: usize) -> DocRow<'_> {
    DocRow {
        summary: "",
        ..row(site, i)
    }
}

pub fn short_rows(site: &Site, range: std::ops::Range<usize>) -> Vec<DocRow<'_>> {
    range.map(|i| short_row(site, i)).collect()
}
