//! Client-side search: the index files written at build time under `search/`,
//! read by `assets/search.js` in the browser and, in tests, by the reference searcher
//! tests/support/search_reference.rs.
//! The design, its file format and its measurements: docs/search.md.
//!
//! - `search/meta.js`: document count, shard count, facet names and the
//!   (year, 五公开, domain, 现行有效, 发布机构) id ranges.
//! - `search/t/<k>.js`: shard `k`, the terms whose hash is `k` modulo the
//!   shard count, each with its postings, or with the number `j` of the file
//!   `t/<k>-<j>.js` holding the postings of a large term.
//! - `search/d/<b>.js`: what result rows show, for ids `b*BLOCK..`.
//!
//! Only `Site::docs` that are not previews are indexed: nothing withheld is in
//! the site model, so nothing withheld can reach a search file.

pub mod encode;
pub mod index;
pub mod tokenize;

use crate::datafiles::DataFile;
use crate::diagnostics::Diagnostics;
use crate::markdown::truncate_chars;
use crate::model::taxonomy::Category;
use crate::model::urls::doc_path;
use crate::publish::site::Site;
use encode::{
    block_key, large_term_key, path_of, push_varint, script, shard_key, term_hash, META_KEY,
};
use index::{Group, Index, Postings};
use serde_json::json;

/// Documents per store block.
pub const BLOCK: usize = 8;
/// Average size aimed at for a shard.
const SHARD_BYTES: usize = 16 * 1024;
/// Postings longer than this go to a file of their own.
const LARGE_TERM_BYTES: usize = 4 * 1024;
/// Characters of the summary shown under a result.
const SNIPPET_CHARS: usize = 80;
/// Version of the file format, checked by the browser.
pub const FORMAT: u32 = 1;

/// Every search file of the site; with a `memo` (`serve`), unchanged documents'
/// terms are not weighed again.
/// Fails only when a body left in its file cannot be read again (`Site::body`).
pub fn files(site: &Site, memo: Option<&index::TermsMemo>) -> Result<Vec<DataFile>, Diagnostics> {
    let Index {
        order,
        groups,
        publishers,
        terms,
    } = index::build(site, memo)?;
    let mut files = Vec::new();
    let shards = write_terms(terms, order.len(), &mut files);
    write_store(site, &order, &publishers, &mut files);
    let pages = pages(site, &order);
    files.push(meta(
        site,
        &groups,
        &publishers,
        &pages,
        shards,
        version(&files),
    ));
    Ok(files)
}

/// The portal's pages that are not documents, found by search beside them: the
/// guide, the request page and the annual reports, as `[title, folder, words, id]`:
/// the words a query is matched against (from site.toml and the published reports
/// only), and the search id of a published document that is a copy of the same
/// annual report (-1 if none), which the page then stands for, so the report is not
/// listed twice.
fn pages(site: &Site, order: &[usize]) -> Vec<serde_json::Value> {
    let office = &site.config.office;
    let office_words = [
        office.name.as_str(),
        &office.address,
        &office.hours,
        &office.phone,
        &office.email,
    ]
    .join(" ");
    let mut out = vec![
        json!([
            "政府信息公开指南",
            crate::model::urls::GUIDE,
            format!("公开指南 信息公开指南 主动公开 依申请公开 申请 受理 答复期限 收费 监督和救济 行政复议 行政诉讼 工作机构 办公地址 办公时间 联系电话 {office_words}"),
            -1
        ]),
        json!([
            "依申请公开",
            crate::model::urls::APPLY,
            format!("申请政府信息公开 申请表 政府信息公开申请表 依申请公开 提出申请 当面 邮寄 传真 电子邮件 答复期限 信息处理费 {office_words}"),
            -1
        ]),
    ];
    if !site.reports.is_empty() {
        out.push(json!([
            "政府信息公开工作年度报告",
            crate::model::urls::REPORTS,
            "年度报告 年报 工作年度报告 历年年度报告",
            -1
        ]));
    }
    // The reports of the portal, or with organs of each organ (the first organ's
    // are the portal's), and each other organ's guide.
    let organs: Vec<Option<&crate::publish::organs::Organ>> = if site.organs.is_empty() {
        vec![None]
    } else {
        site.organs.iter().map(Some).collect()
    };
    for organ in organs {
        if let Some(o) = organ.filter(|o| !o.first) {
            out.push(json!([
                format!("{}政府信息公开指南", o.name),
                o.guide_path(),
                format!(
                    "{} 公开指南 信息公开指南 依申请公开 工作机构 联系电话",
                    o.name
                ),
                -1
            ]));
        }
        let reports = site.reports_of(organ.map(|o| o.key.as_str()));
        for (year, r) in reports.iter().rev() {
            let title = crate::render::reports::title(site, organ, r);
            let copy_of = format!("{year}年政府信息公开工作年度报告");
            let copy = order
                .iter()
                .position(|&i| {
                    let d = &site.docs[i];
                    d.title == title
                        || (d.title.contains(&copy_of)
                            && organ.is_none_or(|o| d.publisher == o.key))
                })
                .map_or(-1, |id| id as i64);
            let name = organ.map_or("", |o| o.name.as_str());
            out.push(json!([
                title,
                organ.map_or_else(
                    || crate::model::urls::report_dir(*year),
                    |o| o.report_path(*year)
                ),
                format!("{name} {year}年 {year}年度 年度报告 年报 工作年度报告"),
                copy
            ]));
        }
    }
    out
}

/// `round(100 × (1 + ln(n / (df + 1))))`, elasticlunr's idf in integers.
pub fn idf(df: u32, n: usize) -> u32 {
    (100.0 * (1.0 + (n as f64 / (df as f64 + 1.0)).ln()))
        .round()
        .max(1.0) as u32
}

/// A term's postings as a JSON string: idf, df, then the postings.
fn value(p: &Postings, n: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(p.bytes.len() + 8);
    push_value(&mut v, p, n);
    v
}

/// [`value`], appended to `out`.
fn push_value(out: &mut Vec<u8>, p: &Postings, n: usize) {
    out.push(b'"');
    push_varint(out, idf(p.df, n));
    push_varint(out, p.df);
    out.extend_from_slice(&p.bytes);
    out.push(b'"');
}

/// Writes the shards and the large-term files; returns the shard count.
/// Consumes the postings so that memory holds them or their files, not both.
fn write_terms(terms: Vec<(String, Postings)>, n: usize, files: &mut Vec<DataFile>) -> u32 {
    let large = |p: &Postings| p.bytes.len() > LARGE_TERM_BYTES;
    let small: usize = terms
        .iter()
        .map(|(t, p)| t.len() + 8 + if large(p) { 0 } else { p.bytes.len() })
        .sum();
    let shards = small.div_ceil(SHARD_BYTES).max(1) as u32;
    let mut by_shard: Vec<Vec<(String, Postings)>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, p) in terms {
        by_shard[(term_hash(&term) % shards) as usize].push((term, p));
    }
    for (k, mut entries) in by_shard.into_iter().enumerate() {
        let k = k as u32;
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut json = Vec::with_capacity(SHARD_BYTES * 2);
        json.push(b'{');
        let mut large_files = 0u32;
        for (i, (term, p)) in entries.into_iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            serde_json::to_writer(&mut json, &term).expect("a string serialises");
            json.push(b':');
            if large(&p) {
                json.extend_from_slice(large_files.to_string().as_bytes());
                files.push(data_file(&large_term_key(k, large_files), &value(&p, n)));
                large_files += 1;
            } else {
                push_value(&mut json, &p, n);
            }
        }
        json.push(b'}');
        files.push(data_file(&shard_key(k), &json));
    }
    shards
}

fn data_file(key: &str, json: &[u8]) -> DataFile {
    DataFile {
        path: path_of(key),
        bytes: script(key, json),
    }
}

/// The rows shown for results: title, page, 索引号, publisher (position in
/// the meta's list), 发布日期, 文号, snippet, and the validity when the document is
/// no longer in force (失效, 废止; empty otherwise), shown as a tag.
fn write_store(site: &Site, order: &[usize], publishers: &[&str], files: &mut Vec<DataFile>) {
    for (b, ids) in order.chunks(BLOCK).enumerate() {
        let rows: Vec<serde_json::Value> = ids
            .iter()
            .map(|&i| {
                let d = &site.docs[i];
                let publisher = publishers
                    .iter()
                    .position(|&p| p == site.publisher_name(&d.publisher));
                json!([
                    d.title,
                    doc_path(d),
                    d.index_no,
                    publisher,
                    d.published.unwrap_or(d.created).to_string(),
                    d.doc_no.as_deref().unwrap_or(""),
                    truncate_chars(&site.summaries[i], SNIPPET_CHARS),
                    if site.status[i].in_force() {
                        ""
                    } else {
                        site.status[i].zh()
                    },
                ])
            })
            .collect();
        let json = escape_markup(serde_json::to_string(&rows).expect("rows serialise"));
        files.push(data_file(&block_key(b as u32), json.as_bytes()));
    }
}

/// Text written by staff (titles, names) reaches the row store and the meta:
/// `<`, `>` and `&` become JSON escapes, so no file holds markup, even as data.
fn escape_markup(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    crate::datafiles::escape_markup_in_json(&json)
}

/// A content hash of the index files, so a browser never mixes files of two builds.
fn version(files: &[DataFile]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        for &b in f.path.as_bytes().iter().chain(&f.bytes) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn meta(
    site: &Site,
    groups: &[Group],
    publishers: &[&str],
    pages: &[serde_json::Value],
    shards: u32,
    version: String,
) -> DataFile {
    let docs: u32 = groups.iter().map(|g| g.count).sum();
    let groups: Vec<serde_json::Value> = groups
        .iter()
        .map(|g| {
            json!([
                g.year,
                g.category,
                g.domain.map_or(-1, |d| d as i64),
                g.count,
                u8::from(g.in_force),
                g.publisher
            ])
        })
        .collect();
    let value = json!({
        "format": FORMAT,
        "version": version,
        "docs": docs,
        "shards": shards,
        "block": BLOCK,
        "publishers": publishers,
        "categories": Category::ALL.iter().map(|c| c.zh()).collect::<Vec<_>>(),
        "domains": site.domains.values().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        "groups": groups,
        "pages": pages,
    });
    data_file(META_KEY, escape_markup(value.to_string()).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encode::decode_postings;
    use encode::unwrap_script;

    fn json_of(files: &[DataFile], key: &str) -> serde_json::Value {
        let f = files
            .iter()
            .find(|f| f.path == path_of(key))
            .unwrap_or_else(|| panic!("no file {key}"));
        serde_json::from_slice(unwrap_script(&f.bytes, key).expect("an index file")).expect("JSON")
    }

    #[test]
    fn large_terms_get_a_file_of_their_own() {
        let mut large = Postings::new();
        for id in 0..3000 {
            large.push(id * 2, (id % 46) as u8);
        }
        let mut small = Postings::new();
        small.push(7, 3);
        let mut files = Vec::new();
        let shards = write_terms(
            vec![("公开".into(), large), ("审查".into(), small)],
            6000,
            &mut files,
        );
        assert_eq!(shards, 1, "one small term fills no more than one shard");
        let shard = json_of(&files, &shard_key(0));
        assert_eq!(shard["公开"], 0, "the large term points to its file");
        let small = decode_postings(shard["审查"].as_str().unwrap().as_bytes()).unwrap();
        assert_eq!(small.postings, [(7, 3)]);
        assert_eq!(small.idf, idf(1, 6000));
        let large = json_of(&files, &large_term_key(0, 0));
        let large = decode_postings(large.as_str().unwrap().as_bytes()).unwrap();
        assert_eq!(large.postings.len(), 3000);
        assert_eq!(large.postings[2999], (5998, (2999 % 46) as u8));
    }

    #[test]
    fn markup_in_staff_text_is_escaped_in_json() {
        let json = escape_markup(serde_json::to_string(&["<b>A&B</b>"]).unwrap());
        assert_eq!(json, r#"["\u003cb\u003eA\u0026B\u003c/b\u003e"]"#);
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&json).unwrap(),
            ["<b>A&B</b>"]
        );
    }

    #[test]
    fn idf_falls_with_document_frequency() {
        assert!(idf(1, 1000) > idf(10, 1000));
        assert!(idf(1000, 1000) >= 1);
        assert_eq!(idf(0, 1), 100);
    }
}
