//! The catalogue as open data: `catalogue.json` and `catalogue.csv`.
//!
//! The JSON schema is versioned and documented in docs/open-data.md; fields are
//! only ever added, never renamed, within a version.

use crate::datafiles::DataFile;
use crate::model::document::DocRef;
use crate::model::urls::{self, doc_path};
use crate::publish::site::Site;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Catalogue<'a> {
    schema_version: u32,
    site: SiteInfo<'a>,
    document_count: usize,
    documents: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    base_url: String,
}

#[derive(Serialize)]
struct Named<'a> {
    key: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Entry<'a> {
    index_no: &'a str,
    title: &'a str,
    summary: &'a str,
    created: String,
    published: String,
    publisher: Named<'a>,
    doc_type: &'a str,
    doc_no: Option<&'a str>,
    topics: &'a [String],
    category: Named<'a>,
    domain: Option<Named<'a>>,
    item: Option<Named<'a>>,
    /// On the day of the build (`Site::status`).
    validity: &'a str,
    audience: &'a str,
    interprets: Option<&'a str>,
    url: String,
    attachments: Vec<Attachment<'a>>,
    /// The other organs of a joint document (联合发文).
    co_publishers: Vec<Named<'a>>,
    register_no: Option<&'a str>,
    effective: Option<String>,
    valid_until: Option<String>,
    abolished: Option<String>,
    /// Index numbers of published documents, or names of documents outside the portal.
    abolished_by: Option<&'a str>,
    amended_by: Vec<&'a str>,
    updated: Option<String>,
    update_note: Option<&'a str>,
    consultation: Option<ConsultationEntry<'a>>,
    /// Index numbers of published documents only.
    feedback_for: Option<&'a str>,
    consulted: Option<&'a str>,
}

#[derive(Serialize)]
struct ConsultationEntry<'a> {
    start: String,
    end: String,
    channels: &'a [String],
    /// 征集中, 未开始 or 已结束 on the day of the build.
    status: &'static str,
}

#[derive(Serialize)]
struct Attachment<'a> {
    title: &'a str,
    url: String,
}

pub fn files(site: &Site) -> Vec<DataFile> {
    let base = site.config.base_url();
    let entries: Vec<Entry> = (0..site.docs.len())
        .map(|i| entry(site, i, &base))
        .collect();
    let csv = csv_bytes(&entries);
    // Each organ's catalogue, its joint documents included.
    let organ_csvs: Vec<DataFile> = site
        .organs
        .iter()
        .map(|o| DataFile {
            path: urls::organ_catalogue_csv(&o.key),
            bytes: csv_bytes(
                entries
                    .iter()
                    .zip(&site.docs)
                    .filter(|(_, d)| d.issued_by(&o.key))
                    .map(|(e, _)| e),
            ),
        })
        .collect();
    let catalogue = Catalogue {
        schema_version: SCHEMA_VERSION,
        site: SiteInfo {
            title: &site.config.title,
            base_url: base.clone(),
        },
        document_count: entries.len(),
        documents: entries,
    };
    let mut json = Vec::with_capacity(csv.len() * 3);
    serde_json::to_writer_pretty(crate::datafiles::EscapeMarkup(&mut json), &catalogue)
        .expect("catalogue serialises");
    let mut files = vec![
        DataFile {
            path: urls::CATALOGUE_JSON.into(),
            bytes: json,
        },
        DataFile {
            path: urls::CATALOGUE_CSV.into(),
            bytes: csv,
        },
    ];
    files.extend(organ_csvs);
    files
}

fn entry<'a>(site: &'a Site, i: usize, base: &str) -> Entry<'a> {
    let d = &site.docs[i];
    let life = d.life();
    let rel = site.relations(i);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    // Only published documents are named by index number; names of documents
    // outside the portal as written.
    let index_of = |j: usize| site.docs[j].index_no.as_str();
    let named = |r: &'a DocRef| match r {
        DocRef::Named(n) => Some(n.as_str()),
        DocRef::Index(_) => None,
    };
    let domain = d.domain.as_ref().and_then(|s| site.domains.get(s));
    let url = format!("{base}{}", doc_path(d));
    Entry {
        index_no: &d.index_no,
        title: &d.title,
        summary: &site.summaries[i],
        created: d.created.to_string(),
        published: d.published.map(|p| p.to_string()).unwrap_or_default(),
        publisher: Named {
            key: &d.publisher,
            name: site.publisher_name(&d.publisher),
        },
        doc_type: &d.doc_type,
        doc_no: d.doc_no.as_deref(),
        topics: &d.topics,
        category: Named {
            key: d.category.slug(),
            name: d.category.zh(),
        },
        domain: domain.map(|dom| Named {
            key: &dom.slug,
            name: &dom.name,
        }),
        item: domain
            .zip(d.item.as_ref())
            .and_then(|(dom, id)| dom.find_item(id))
            .map(|it| Named {
                key: &it.id,
                name: &it.name,
            }),
        validity: site.status[i].zh(),
        audience: d.audience.zh(),
        interprets: d.interprets.as_deref(),
        attachments: d
            .attachments
            .iter()
            .map(|a| Attachment {
                title: &a.title,
                url: format!(
                    "{url}{}",
                    crate::model::urls::href(a.file.trim_start_matches("./"))
                ),
            })
            .collect(),
        url,
        co_publishers: d
            .co_publishers
            .iter()
            .map(|k| Named {
                key: k,
                name: site.publisher_name(k),
            })
            .collect(),
        register_no: life.register_no.as_deref(),
        effective: date(life.effective),
        valid_until: date(life.valid_until),
        abolished: date(life.abolished),
        abolished_by: rel
            .abolished_by
            .map(index_of)
            .or_else(|| life.abolished_by.as_ref().and_then(named)),
        amended_by: rel
            .amended_by
            .iter()
            .map(|&j| index_of(j))
            .chain(life.amended_by.iter().filter_map(named))
            .collect(),
        updated: date(life.updated),
        update_note: life.update_note.as_deref(),
        consultation: life.consultation.as_ref().map(|c| ConsultationEntry {
            start: c.start.to_string(),
            end: c.end.to_string(),
            channels: &c.channels,
            status: crate::model::lifecycle::consultation_status(c, site.today).zh(),
        }),
        feedback_for: rel.feedback_for.map(index_of),
        consulted: rel.consulted.map(index_of),
    }
}

/// UTF-8 with a byte-order mark and CRLF rows: Excel then opens the Chinese text
/// correctly, and every CSV reader still parses it.
fn csv_bytes<'e, 'a: 'e>(entries: impl IntoIterator<Item = &'e Entry<'a>>) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let header = [
            "索引号",
            "名称",
            "内容概述",
            "生成日期",
            "发布日期",
            "发布机构",
            "文号",
            "文种",
            "主题分类",
            "五公开",
            "领域",
            "事项",
            "有效性",
            "网址",
            "联合发文机构",
            "登记号",
            "施行日期",
            "有效期至",
            "废止日期",
        ];
        w.write_record(header).expect("write to memory");
        for e in entries {
            let cells = [
                e.index_no,
                e.title,
                e.summary,
                &e.created,
                &e.published,
                e.publisher.name,
                e.doc_no.unwrap_or(""),
                e.doc_type,
                &e.topics.join("；"),
                e.category.name,
                e.domain.as_ref().map_or("", |d| d.name),
                e.item.as_ref().map_or("", |i| i.name),
                e.validity,
                &e.url,
                &e.co_publishers
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join("；"),
                e.register_no.unwrap_or(""),
                e.effective.as_deref().unwrap_or(""),
                e.valid_until.as_deref().unwrap_or(""),
                e.abolished.as_deref().unwrap_or(""),
            ];
            let cells = cells.map(neutralise_formula);
            w.write_record(cells.iter().map(|c| c.as_bytes()))
                .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}

/// A cell Excel or LibreOffice would run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises
/// against CSV injection: the spreadsheet then shows the text, and runs nothing.
/// docs/open-data.md says so for those who read the file by program.
fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for cell in ["=1+1", "+86 10", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
        for cell in ["关于=的通知", "2025-03-04", "", "https://x/"] {
            assert_eq!(neutralise_formula(cell), cell);
        }
    }

    #[test]
    fn json_escaping_keeps_the_value() {
        let json = serde_json::to_string(&"<script>&").unwrap();
        let escaped = crate::datafiles::escape_markup_in_json(&json);
        assert_eq!(escaped, r#""\u003cscript\u003e\u0026""#);
        assert_eq!(
            serde_json::from_str::<String>(&escaped).unwrap(),
            "<script>&"
        );
    }
}
