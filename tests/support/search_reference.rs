//! The reference searcher (a test oracle, not part of the product): reads the written index files and answers queries
//! exactly as `assets/search.js` does (same tokenizer, same integer scores,
//! same order). Tests hold the browser to it.
//!
//! A query matches the documents that hold every one of its terms, in any
//! field. A document's score is the sum over the terms of
//! `idf(term) × level_value(weight level of the term in the document)`;
//! results are ordered by score, highest first, then by search id.

use serde::Deserialize;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use zwgk::datafiles::search::encode::{
    block_key, decode_postings, large_term_key, level_values, path_of, shard_key, term_hash,
    unwrap_script, TermPostings, LEVELS, META_KEY,
};
use zwgk::datafiles::search::tokenize::query_terms;

#[derive(Debug, Deserialize)]
pub struct Meta {
    pub format: u32,
    pub version: String,
    pub docs: u32,
    pub shards: u32,
    pub block: u32,
    pub publishers: Vec<String>,
    pub categories: Vec<String>,
    pub domains: Vec<String>,
    /// `[year, category, domain or -1, count, in force (1) or not (0), publisher]`,
    /// in id order; the publisher is a position in `publishers`.
    pub groups: Vec<[i64; 6]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: u32,
    pub score: u64,
}

/// What a result row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub title: String,
    /// Site-relative folder of the document's page.
    pub path: String,
    pub index_no: String,
    pub publisher: Option<usize>,
    pub date: String,
    pub doc_no: String,
    pub snippet: String,
    /// 失效 or 废止 when no longer in force, empty otherwise.
    pub validity: String,
}

pub struct Searcher {
    /// The built site's output folder.
    root: PathBuf,
    pub meta: Meta,
    shards: RefCell<HashMap<u32, HashMap<String, Value>>>,
    blocks: RefCell<HashMap<u32, Value>>,
    /// Every file read so far, with its size: what a browser would fetch.
    fetched: RefCell<BTreeMap<String, usize>>,
    levels: [u64; LEVELS as usize],
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0} is not a valid index file")]
    Format(String),
}

impl Searcher {
    /// Opens the index of the site built into `root`.
    pub fn open(root: &Path) -> Result<Searcher, Error> {
        let fetched = RefCell::default();
        let meta_value = read(root, META_KEY, &fetched)?;
        let meta: Meta =
            serde_json::from_value(meta_value).map_err(|_| Error::Format(path_of(META_KEY)))?;
        if meta.format != zwgk::datafiles::search::FORMAT {
            return Err(Error::Format(path_of(META_KEY)));
        }
        Ok(Searcher {
            root: root.to_path_buf(),
            meta,
            shards: RefCell::default(),
            blocks: RefCell::default(),
            fetched,
            levels: level_values(),
        })
    }

    /// Bytes of the files read since the searcher was opened.
    pub fn bytes_fetched(&self) -> usize {
        self.fetched.borrow().values().sum()
    }

    /// Forgets what was fetched, except the meta, as a fresh page would.
    pub fn forget(&self) {
        self.shards.borrow_mut().clear();
        self.blocks.borrow_mut().clear();
        self.fetched.borrow_mut().retain(|k, _| k == META_KEY);
    }

    fn read(&self, key: &str) -> Result<Value, Error> {
        read(&self.root, key, &self.fetched)
    }

    /// The documents matching `query`, best first.
    pub fn search(&self, query: &str) -> Result<Vec<Hit>, Error> {
        let terms = query_terms(query);
        let mut lists = Vec::with_capacity(terms.len());
        for t in &terms {
            match self.postings(t)? {
                Some(p) => lists.push(p),
                None => return Ok(Vec::new()),
            }
        }
        let Some(driver) = (0..lists.len()).min_by_key(|&i| lists[i].postings.len()) else {
            return Ok(Vec::new());
        };
        let mut hits: Vec<Hit> = Vec::new();
        'docs: for &(id, level) in &lists[driver].postings {
            let mut score = lists[driver].idf as u64 * self.levels[level as usize];
            for (i, list) in lists.iter().enumerate() {
                if i == driver {
                    continue;
                }
                match list.postings.binary_search_by_key(&id, |&(d, _)| d) {
                    Ok(k) => score += list.idf as u64 * self.levels[list.postings[k].1 as usize],
                    Err(_) => continue 'docs,
                }
            }
            hits.push(Hit { id, score });
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        Ok(hits)
    }

    /// The postings of one term, `None` if no document holds it.
    pub fn postings(&self, term: &str) -> Result<Option<TermPostings>, Error> {
        let k = term_hash(term) % self.meta.shards;
        if !self.shards.borrow().contains_key(&k) {
            let key = shard_key(k);
            let shard = match self.read(&key)? {
                Value::Object(m) => m.into_iter().collect(),
                _ => return Err(Error::Format(path_of(&key))),
            };
            self.shards.borrow_mut().insert(k, shard);
        }
        let entry = self.shards.borrow()[&k].get(term).cloned();
        let encoded = match entry {
            None => return Ok(None),
            Some(Value::String(s)) => s,
            Some(Value::Number(j)) => {
                let key = large_term_key(k, j.as_u64().unwrap_or(u64::MAX) as u32);
                match self.read(&key)? {
                    Value::String(s) => s,
                    _ => return Err(Error::Format(path_of(&key))),
                }
            }
            Some(_) => return Err(Error::Format(path_of(&shard_key(k)))),
        };
        decode_postings(encoded.as_bytes())
            .map(Some)
            .ok_or_else(|| Error::Format(path_of(&shard_key(k))))
    }

    /// The result row of search id `id`.
    pub fn row(&self, id: u32) -> Result<Row, Error> {
        let b = id / self.meta.block;
        let key = block_key(b);
        if !self.blocks.borrow().contains_key(&b) {
            let block = self.read(&key)?;
            self.blocks.borrow_mut().insert(b, block);
        }
        let row = self.blocks.borrow()[&b]
            .get((id % self.meta.block) as usize)
            .cloned();
        let row = row.ok_or_else(|| Error::Format(path_of(&key)))?;
        let fields: (
            String,
            String,
            String,
            Option<usize>,
            String,
            String,
            String,
            String,
        ) = serde_json::from_value(row).map_err(|_| Error::Format(path_of(&key)))?;
        let (title, path, index_no, publisher, date, doc_no, snippet, validity) = fields;
        Ok(Row {
            title,
            path,
            index_no,
            publisher,
            date,
            doc_no,
            snippet,
            validity,
        })
    }

    /// The (year, category, domain, in force, publisher) group of search id `id`.
    pub fn group(&self, id: u32) -> Option<&[i64; 6]> {
        let mut start = 0i64;
        self.meta.groups.iter().find(|g| {
            start += g[3];
            (id as i64) < start
        })
    }
}

fn read(
    root: &Path,
    key: &str,
    fetched: &RefCell<BTreeMap<String, usize>>,
) -> Result<Value, Error> {
    let path = path_of(key);
    let bytes = std::fs::read(root.join(&path)).map_err(|e| Error::Io(path.clone(), e))?;
    fetched.borrow_mut().insert(key.to_string(), bytes.len());
    let json = unwrap_script(&bytes, key).ok_or_else(|| Error::Format(path.clone()))?;
    serde_json::from_slice(json).map_err(|_| Error::Format(path))
}
