//! Builds the inverted index of the published documents, in one pass.
//!
//! Documents get search ids in the order (year, newest first; 五公开; domain; in
//! force first; publication order), so each (year, category, domain, 现行有效)
//! group is one range of ids and the browser filters and counts without a
//! per-document table.
//! Each document's terms are weighed in parallel; postings are appended in id
//! order straight into their final encoding (see `encode`), so memory stays
//! close to the size of the written index.

use super::encode::{push_varint, ALPHABET, LEVELS};
use super::tokenize::{fold_into, terms, Mode};
use crate::diagnostics::Diagnostics;
use crate::model::taxonomy::Category;
use crate::publish::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::Arc;

/// The indexed fields, their boost and whether single ideographs are terms.
pub const FIELDS: [(&str, f64, Mode); 7] = [
    ("title", 10.0, Mode::WithUnigrams),
    ("doc_no", 8.0, Mode::WithUnigrams),
    ("index_no", 8.0, Mode::Plain),
    ("publisher", 3.0, Mode::WithUnigrams),
    ("topics", 3.0, Mode::WithUnigrams),
    ("summary", 2.0, Mode::Plain),
    ("body", 1.0, Mode::Plain),
];

/// Weight of level 0; each level is 1.2 times the one below.
const MIN_WEIGHT: f64 = 0.01;
const LEVEL_RATIO: f64 = 1.2;

/// Documents weighed per parallel batch before their postings are merged.
const BATCH: usize = 256;

/// One (year, category, domain, in force, publisher) range of search ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub year: i32,
    /// Position in `Category::ALL`.
    pub category: usize,
    /// Position in `Site::domains`, if the documents have a domain.
    pub domain: Option<usize>,
    /// 现行有效 on the day of the build (`Site::status`).
    pub in_force: bool,
    /// Position of the lead publisher's name in [`Index::publishers`].
    pub publisher: usize,
    pub count: u32,
}

/// A term's postings, already encoded: `(id gap, weight level)` pairs.
pub struct Postings {
    pub df: u32,
    next_id: u32,
    pub bytes: Vec<u8>,
}

impl Postings {
    pub(crate) fn new() -> Postings {
        Postings {
            df: 0,
            next_id: 0,
            bytes: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, id: u32, level: u8) {
        push_varint(&mut self.bytes, id - self.next_id);
        self.bytes.push(ALPHABET[level as usize]);
        self.next_id = id + 1;
        self.df += 1;
    }
}

pub struct Index<'a> {
    /// Positions in `Site::docs`, by search id.
    pub order: Vec<usize>,
    pub groups: Vec<Group>,
    /// Lead publishers' names, sorted: result rows and groups name them by position.
    pub publishers: Vec<&'a str>,
    /// Every term with its postings, in no particular order.
    pub terms: Vec<(String, Postings)>,
}

/// A term as a map key. Nearly all terms (ideograph pairs, short numbers)
/// have at most 8 bytes and are packed into an integer: no allocation, and
/// hashing and comparing are cheap. UTF-8 of a term never holds a 0 byte,
/// so the zero padding is unambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Short(u64),
    Long(&'a str),
}

fn key(term: &str) -> Key<'_> {
    if term.len() <= 8 {
        let mut b = [0u8; 8];
        b[..term.len()].copy_from_slice(term.as_bytes());
        Key::Short(u64::from_le_bytes(b))
    } else {
        Key::Long(term)
    }
}

fn unpack(short: u64) -> String {
    let b = short.to_le_bytes();
    let len = b.iter().position(|&x| x == 0).unwrap_or(8);
    String::from_utf8_lossy(&b[..len]).into_owned()
}

/// Short terms are merged in parallel, each thread owning the terms of some parts.
const PARTS: usize = 16;

fn part(short: u64) -> usize {
    (short.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize
}

/// The search ids: published documents only, grouped for the facets; and the
/// publishers' names the groups point to, sorted.
pub fn order(site: &Site) -> (Vec<usize>, Vec<Group>, Vec<&str>) {
    let publishers: Vec<&str> = site
        .docs
        .iter()
        .filter(|d| !d.preview)
        .map(|d| site.publisher_name(&d.publisher))
        .collect::<std::collections::BTreeSet<&str>>()
        .into_iter()
        .collect();
    let publisher_pos: HashMap<&str, usize> = publishers
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, i))
        .collect();
    let domain_pos: HashMap<&str, usize> = site
        .domains
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let group_of = |i: usize| {
        let d = &site.docs[i];
        Group {
            year: d.year(),
            category: Category::ALL
                .iter()
                .position(|c| *c == d.category)
                .unwrap_or(0),
            domain: d.domain.as_deref().and_then(|s| domain_pos.get(s).copied()),
            in_force: site.status[i].in_force(),
            publisher: publisher_pos
                .get(site.publisher_name(&d.publisher))
                .copied()
                .unwrap_or(0),
            count: 1,
        }
    };
    let sort_key = |g: &Group| {
        (
            std::cmp::Reverse(g.year),
            g.category,
            g.domain.map_or(usize::MAX, |p| p),
            !g.in_force,
            g.publisher,
        )
    };
    // A stable sort keeps the site's newest-first order within a group.
    let mut order: Vec<usize> = (0..site.docs.len())
        .filter(|&i| !site.docs[i].preview)
        .collect();
    order.sort_by_cached_key(|&i| sort_key(&group_of(i)));
    let mut groups: Vec<Group> = Vec::new();
    for &i in &order {
        let g = group_of(i);
        match groups.last_mut() {
            Some(last)
                if (
                    last.year,
                    last.category,
                    last.domain,
                    last.in_force,
                    last.publisher,
                ) == (g.year, g.category, g.domain, g.in_force, g.publisher) =>
            {
                last.count += 1
            }
            _ => groups.push(g),
        }
    }
    (order, groups, publishers)
}

/// The text of each field of document `i`, in the order of [`FIELDS`].
/// Puts the folded text of each field of document `i` into `folded`. The body's
/// text goes in straight from the Markdown parser: its whitespace need not be
/// collapsed first, as any whitespace only separates terms.
fn fold_fields(site: &Site, i: usize, folded: &mut [String; 7]) -> Result<(), Diagnostics> {
    let d = &site.docs[i];
    let push = fold_into;
    for f in folded.iter_mut() {
        f.clear();
    }
    push(&mut folded[0], &d.title);
    push(&mut folded[1], d.doc_no.as_deref().unwrap_or(""));
    push(&mut folded[2], &d.index_no);
    push(&mut folded[3], site.publisher_name(&d.publisher));
    push(&mut folded[4], &d.topics.join(" "));
    push(&mut folded[5], &site.summaries[i]);
    let body = &mut folded[6];
    crate::markdown::text_pieces(&site.body(i)?, |piece| push(body, piece));
    Ok(())
}

/// A document's distinct terms with their weight levels: short terms
/// sorted by part, and long ones.
pub struct DocTerms {
    short: Vec<(u64, u8)>,
    /// Where each part's terms start in `short`.
    parts: [u32; PARTS + 1],
    long: Vec<(String, u8)>,
}

/// Buffers reused from one document to the next by a thread.
#[derive(Default)]
struct Scratch {
    folded: [String; 7],
    short: FxHashMap<u64, [u32; 7]>,
    long: FxHashMap<String, [u32; 7]>,
}

/// Weighs each distinct term of a document as elasticlunr does: per field,
/// boost × √(occurrences) / √(terms in the field), summed over the fields;
/// then quantized to a level.
fn weigh(site: &Site, i: usize, scratch: &mut Scratch) -> Result<DocTerms, Diagnostics> {
    let Scratch {
        folded,
        short,
        long,
    } = scratch;
    fold_fields(site, i, folded)?;
    let mut lengths = [0u32; 7];
    for (f, (folded, (_, _, mode))) in folded.iter().zip(FIELDS).enumerate() {
        terms(folded, mode, |t| {
            lengths[f] += 1;
            let counts = match key(t) {
                Key::Short(s) => short.entry(s).or_default(),
                Key::Long(t) => match long.get_mut(t) {
                    Some(c) => c,
                    None => long.entry(t.to_string()).or_default(),
                },
            };
            counts[f] += 1;
        });
    }
    let norms: Vec<f64> = FIELDS
        .iter()
        .zip(lengths)
        .map(|((_, boost, _), len)| boost / (len.max(1) as f64).sqrt())
        .collect();
    let weight = |c: &[u32; 7]| {
        level(
            c.iter()
                .zip(&norms)
                .map(|(&c, n)| n * (c as f64).sqrt())
                .sum(),
        )
    };
    // Most terms occur a few times in the body only: their level depends on that
    // count alone, worked out once per document (the same sum: the other fields add 0).
    const FEW: usize = 32;
    let mut body_only = [0u8; FEW];
    for (n, l) in body_only.iter_mut().enumerate().skip(1) {
        let mut c = [0u32; 7];
        c[6] = n as u32;
        *l = weight(&c);
    }
    let level_of = |c: &[u32; 7]| match c {
        [0, 0, 0, 0, 0, 0, n] if (*n as usize) < FEW => body_only[*n as usize],
        _ => weight(c),
    };
    // Short terms grouped by part (a counting sort: parts are few).
    let mut out = DocTerms {
        short: vec![(0, 0); short.len()],
        parts: [0; PARTS + 1],
        long: Vec::new(),
    };
    for &s in short.keys() {
        out.parts[part(s) + 1] += 1;
    }
    for p in 0..PARTS {
        out.parts[p + 1] += out.parts[p];
    }
    let mut next = out.parts;
    for (s, c) in short.drain() {
        let at = &mut next[part(s)];
        out.short[*at as usize] = (s, level_of(&c));
        *at += 1;
    }
    out.long
        .extend(long.drain().map(|(t, c)| (t, level_of(&c))));
    Ok(out)
}

/// Each document's weighed terms, kept between runs (`serve`) while the text they
/// are made from is unchanged, so that a save weighs only the saved document's
/// terms. Weights depend on one document's fields only; the index made with the
/// memo is the index made without it (`a_remembered_document_weighs_the_same`).
#[derive(Default)]
pub struct TermsMemo {
    /// By file: the hash of the document's indexed text, and its terms.
    entries: std::sync::RwLock<HashMap<String, (u128, Arc<DocTerms>)>>,
    /// Documents weighed so far (not taken from the memo).
    weighed: std::sync::atomic::AtomicUsize,
}

impl TermsMemo {
    fn terms(
        &self,
        site: &Site,
        i: usize,
        weigh: impl FnOnce() -> Result<DocTerms, Diagnostics>,
    ) -> Result<Arc<DocTerms>, Diagnostics> {
        let d = &site.docs[i];
        let key = text_key(site, i);
        if let Some((k, terms)) = self.entries.read().expect("memo lock").get(&d.file) {
            if *k == key {
                return Ok(terms.clone());
            }
        }
        let terms = Arc::new(weigh()?);
        self.weighed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.entries
            .write()
            .expect("memo lock")
            .insert(d.file.clone(), (key, terms.clone()));
        Ok(terms)
    }

    /// How many documents were weighed, not taken from the memo, so far.
    pub fn weighed(&self) -> usize {
        self.weighed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Forgets the documents no longer in `site`.
    fn keep_only(&self, site: &Site) {
        self.entries
            .write()
            .expect("memo lock")
            .retain(|file, _| site.by_file.contains_key(file));
    }
}

/// A hash of every text [`fold_fields`] reads for document `i`, each with its length.
fn text_key(site: &Site, i: usize) -> u128 {
    let d = &site.docs[i];
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let topics = d.topics.join(" ");
    for text in [
        d.title.as_str(),
        d.doc_no.as_deref().unwrap_or(""),
        &d.index_no,
        site.publisher_name(&d.publisher),
        &topics,
        &site.summaries[i],
    ] {
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.update(&d.body.hash().to_le_bytes());
    h.digest128()
}

/// The level whose weight is nearest to `w` on a log scale.
pub fn level(w: f64) -> u8 {
    let l = ((w / MIN_WEIGHT).ln() / LEVEL_RATIO.ln()).round();
    l.clamp(0.0, (LEVELS - 1) as f64) as u8
}

/// Builds the index of the published documents of `site`, with the terms of
/// unchanged documents from `memo` when there is one.
pub fn build<'a>(site: &'a Site, memo: Option<&TermsMemo>) -> Result<Index<'a>, Diagnostics> {
    let (order, groups, publishers) = order(site);
    let mut parts: Vec<FxHashMap<u64, Postings>> =
        (0..PARTS).map(|_| FxHashMap::default()).collect();
    let mut long: FxHashMap<String, Postings> = FxHashMap::default();
    for (b, batch) in order.chunks(BATCH).enumerate() {
        let weighed: Vec<Arc<DocTerms>> = batch
            .par_iter()
            .map_init(Scratch::default, |scratch, &i| match memo {
                Some(m) => m.terms(site, i, || weigh(site, i, scratch)),
                None => weigh(site, i, scratch).map(Arc::new),
            })
            .collect::<Result<_, _>>()?;
        let first = (b * BATCH) as u32;
        parts.par_iter_mut().enumerate().for_each(|(p, map)| {
            for (k, doc) in weighed.iter().enumerate() {
                for &(s, level) in &doc.short[doc.parts[p] as usize..doc.parts[p + 1] as usize] {
                    map.entry(s)
                        .or_insert_with(Postings::new)
                        .push(first + k as u32, level);
                }
            }
        });
        for (k, doc) in weighed.iter().enumerate() {
            for (t, level) in &doc.long {
                match long.get_mut(t.as_str()) {
                    Some(p) => p,
                    None => long.entry(t.clone()).or_insert_with(Postings::new),
                }
                .push(first + k as u32, *level);
            }
        }
    }
    if let Some(m) = memo {
        m.keep_only(site);
    }
    let mut terms: Vec<(String, Postings)> = long.into_iter().collect();
    terms.extend(parts.into_iter().flatten().map(|(s, p)| (unpack(s), p)));
    Ok(Index {
        order,
        groups,
        publishers,
        terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_of(f: &crate::rules::testing::Fixture) -> Site {
        let config = crate::config::SiteConfig::load(f.root()).unwrap();
        let loaded = crate::load::load(f.root(), config, None);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        crate::publish::publish(loaded, today, false, None)
    }

    fn bytes(
        files: Result<Vec<crate::datafiles::DataFile>, Diagnostics>,
    ) -> Vec<(String, Vec<u8>)> {
        files
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect()
    }

    /// The search files made with the memo are the files made without it, and a
    /// run weighs only the documents whose text changed.
    #[test]
    fn a_remembered_document_weighs_the_same() {
        use crate::datafiles::search::files;
        use crate::rules::testing::{doc, Fixture};
        let f = Fixture::new();
        for seq in 1..=3 {
            f.write(
                &format!("content/d{seq}.md"),
                &doc(seq, &[], &format!("第{seq}号文件的正文，保密审查。")),
            );
        }
        let memo = TermsMemo::default();
        let site = site_of(&f);
        assert_eq!(site.docs.len(), 3);
        let fresh = bytes(files(&site, None));
        assert_eq!(bytes(files(&site, Some(&memo))), fresh);
        assert_eq!(memo.weighed(), 3);
        assert_eq!(bytes(files(&site, Some(&memo))), fresh);
        assert_eq!(memo.weighed(), 3, "nothing changed: nothing weighed");

        f.write(
            "content/d2.md",
            &doc(2, &[], "改过的正文：政务公开标准化。"),
        );
        let site = site_of(&f);
        assert_eq!(bytes(files(&site, Some(&memo))), bytes(files(&site, None)));
        assert_eq!(memo.weighed(), 4, "only the edited document is weighed");
    }

    /// The body is folded from the parser's pieces, whitespace not collapsed: the
    /// terms must be those of the collapsed plain text.
    #[test]
    fn body_pieces_give_the_terms_of_the_plain_text() {
        for body in [
            "**一、总体要求。**各单位要加强\n管理。",
            "# 标题\n\n第一段  有　全角空格。\n\n- 项目一\n- 项目二\n\n| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n",
            "正文<script>bad()</script>结束 `代码` ＡＢＣ１２３",
        ] {
            let mut pieces = String::new();
            crate::markdown::text_pieces(body, |p| crate::datafiles::search::tokenize::fold_into(&mut pieces, p));
            let collect = |text: &str| {
                let mut out = Vec::new();
                terms(text, Mode::Plain, |t| out.push(t.to_string()));
                out
            };
            let plain = crate::datafiles::search::tokenize::fold(&crate::markdown::plain_text(body));
            assert_eq!(collect(&pieces), collect(&plain), "{body}");
        }
    }

    #[test]
    fn short_terms_pack_and_unpack() {
        for t in ["审", "审查", "2018年", "12号", "a", "20381年"] {
            let Key::Short(s) = key(t) else {
                panic!("{t} is short")
            };
            assert_eq!(unpack(s), t);
        }
        assert_eq!(key("481823792"), Key::Long("481823792"));
    }

    #[test]
    fn levels_follow_weights() {
        assert_eq!(level(0.0), 0);
        assert_eq!(level(MIN_WEIGHT), 0);
        assert_eq!(level(MIN_WEIGHT * 1.2), 1);
        assert_eq!(level(1e9), LEVELS - 1);
        assert!(level(2.0) > level(0.05));
    }
}
