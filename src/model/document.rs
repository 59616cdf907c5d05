//! The typed document of the content model: what a document is once its front
//! matter has been read (`load::document` builds it and reports every problem).

use crate::model::taxonomy::{Audience, Category, Disclosure, Validity};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Review conclusions that approve publication in full, compared after trimming
/// whitespace. 公开 is the opinion the confidentiality-review rules themselves name
/// (忻府区试点领域信息公开保密审查制度第十一条: “公开”、“不予公开”、“须报审”).
pub const APPROVING_CONCLUSIONS: [&str; 3] = ["同意公开", "可以公开", "公开"];

/// The conclusion that approves publication of what is left after removing what may
/// not be published (区分处理); it needs `redacted`, the statement of what was removed.
pub const PARTIAL_CONCLUSION: &str = "部分公开";

/// The allowed conclusions, as messages name them.
pub const ALLOWED_CONCLUSIONS_ZH: &str =
    "同意公开、可以公开、公开，或部分公开并写明删除内容说明（redacted）";
pub const ALLOWED_CONCLUSIONS_EN: &str =
    "同意公开, 可以公开, 公开, or 部分公开 together with a statement `redacted` (删除内容说明) of what was removed";

/// 保密审查: who reviewed the document, when, and what they concluded.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub reviewer: String,
    pub date: NaiveDate,
    pub conclusion: String,
    /// 删除内容说明: for 部分公开, what was removed from the published text (and why).
    /// A record for the office; never shown on the portal.
    pub redacted: Option<String>,
}

/// What a review conclusion says, read as a closed choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One of [`APPROVING_CONCLUSIONS`].
    Approve,
    /// [`PARTIAL_CONCLUSION`].
    Partial,
    /// Anything else: a refusal (不同意公开, 不予公开, 涉密 …), a pending review
    /// (待审查, 须报审), a typo, or nothing.
    Other,
}

impl Review {
    pub fn verdict(&self) -> Verdict {
        let c = self.conclusion.trim();
        if APPROVING_CONCLUSIONS.contains(&c) {
            Verdict::Approve
        } else if c == PARTIAL_CONCLUSION {
            Verdict::Partial
        } else {
            Verdict::Other
        }
    }

    /// Whether the record allows publication: the one decision `publish` and the
    /// rules share. 同意公开 and its synonyms approve when nothing is said to be
    /// removed; 部分公开 approves only with its statement of what was removed; every
    /// other conclusion withholds.
    pub fn approves(&self) -> bool {
        match self.verdict() {
            Verdict::Approve => self.redacted.is_none(),
            Verdict::Partial => self.redacted.is_some(),
            Verdict::Other => false,
        }
    }

    /// Approved as 部分公开: the page says that part was removed.
    pub fn is_partial(&self) -> bool {
        self.verdict() == Verdict::Partial && self.approves()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    pub title: String,
    /// As written, relative to the document's folder.
    pub file: String,
    /// Site-relative source path of the file.
    pub source: String,
}

/// Another document named in front matter (`abolished_by`, `amended_by`): a document
/// of the site by its index number, or one outside the portal by its name as written
/// (e.g. a city government's decision: `《江州市人民政府关于……的决定》（江政〔2025〕3号）`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DocRef {
    /// An index number of the site: it must be a published document.
    Index(String),
    /// Anything that is not an index number: shown as written, never linked.
    Named(String),
}

impl DocRef {
    /// A well-formed index number is a document of the site; any other text names one outside.
    pub fn parse(s: &str) -> DocRef {
        let s = s.trim();
        if index_no_is_well_formed(s) {
            DocRef::Index(s.to_string())
        } else {
            DocRef::Named(s.to_string())
        }
    }

    pub fn index_no(&self) -> Option<&str> {
        match self {
            DocRef::Index(i) => Some(i),
            DocRef::Named(_) => None,
        }
    }
}

/// 意见征集: a draft put out for public comment (决策公开).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consultation {
    /// 开始日期 and 截止日期, both days included.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// 反馈渠道: how to send comments (e-mail, post, online), as written.
    pub channels: Vec<String>,
    /// 期限较短的理由: why the window is shorter than 30 days.
    pub short_reason: Option<String>,
}

impl Consultation {
    /// Days in the window, both ends counted.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// A document over time: its validity dates, the documents that amend or repeal it,
/// a consultation and its links, and when a withheld document is reviewed again.
/// Front-matter keys most documents leave out, so kept apart ([`Document::life`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Lifecycle {
    /// 施行日期.
    pub effective: Option<NaiveDate>,
    /// 有效期至: the last day in force; from the day after, the document is 失效.
    pub valid_until: Option<NaiveDate>,
    /// 登记号 / 统一编号 of a normative document (规范性文件登记号).
    pub register_no: Option<String>,
    /// 废止日期: from this day on the document is 废止.
    pub abolished: Option<NaiveDate>,
    /// 废止文件: the document that repealed it.
    pub abolished_by: Option<DocRef>,
    /// 修改文件: the documents that amended it.
    pub amended_by: Vec<DocRef>,
    /// 变更日期: a change to a published document; the time limit counts from it.
    pub updated: Option<NaiveDate>,
    /// 变更说明: what was changed.
    pub update_note: Option<String>,
    pub consultation: Option<Consultation>,
    /// 意见采纳情况: this document reports the feedback of the consultation with this index number.
    pub feedback_for: Option<String>,
    /// 征求意见稿: this decision was put out for comment as the document with this index number.
    pub consulted: Option<String>,
    /// 复审日期: when a withheld document is reviewed again (条例第十八条, 动态调整).
    pub review_again: Option<NaiveDate>,
}

static NO_LIFECYCLE: Lifecycle = Lifecycle {
    effective: None,
    valid_until: None,
    register_no: None,
    abolished: None,
    abolished_by: None,
    amended_by: Vec::new(),
    updated: None,
    update_note: None,
    consultation: None,
    feedback_for: None,
    consulted: None,
    review_again: None,
};

/// One government document (政府信息) with its catalogue metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Site-relative path of the Markdown file.
    pub file: String,
    pub title: String,
    pub index_no: String,
    /// Key of the publisher in site.toml.
    pub publisher: String,
    pub doc_type: String,
    pub doc_no: Option<String>,
    pub topics: Vec<String>,
    pub created: NaiveDate,
    pub published: Option<NaiveDate>,
    /// 批准日期: when what the document publishes was approved (a budget by the
    /// people's congress, say); items whose limit counts `from: approval` need it.
    pub approved: Option<NaiveDate>,
    pub category: Category,
    /// Slug of the domain.
    pub domain: Option<String>,
    /// Id of the item in the domain's list.
    pub item: Option<String>,
    pub disclosure: Disclosure,
    pub withheld_reason: Option<String>,
    pub withheld_basis: Option<String>,
    pub review: Option<Review>,
    /// As written in front matter; `None` means "the start of the body".
    pub summary: Option<String>,
    pub validity: Validity,
    pub interprets: Option<String>,
    pub audience: Audience,
    pub attachments: Vec<Attachment>,
    /// 联合发文: the other organs (publisher keys) of a joint document; `publisher`
    /// is the lead organ, which publishes it (条例第十条第三款).
    pub co_publishers: Vec<String>,
    /// Validity dates, amendments, repeals, consultations, re-review: `None` when
    /// the front matter has none of them (see [`Document::life`]).
    pub lifecycle: Option<Box<Lifecycle>>,
    /// The legal basis for publishing personal data in full (e.g. a sanction that
    /// must be made public with names); turns `pii/*` findings into notes.
    pub pii_basis: Option<String>,
    pub draft: bool,
    /// Shown by `serve --drafts` although not publishable; never set in `build`.
    pub preview: bool,
    /// URL segment under `docs/`: the slug, or the index number with `/` as `-`.
    pub url_segment: String,
    #[serde(skip)]
    pub body: Body,
    #[serde(skip)]
    pub body_line: usize,
    /// Line of each key as written, for diagnostics of later stages.
    /// A list, not a map: a few hundred bytes less per document, which counts at 100k.
    #[serde(skip)]
    pub lines: Box<[(&'static str, usize)]>,
}

/// A document's Markdown body. Loading, the rules and publication see every body
/// in memory. After publication, a big site's `build` leaves each published body in
/// its file and reads it again for its page and its search terms
/// (`publish::site::Site::body`), so that a hundred thousand bodies are not all held
/// at once; the hash makes sure the text read again is the text the rules checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    /// Left in the file: the [`body_hash`] of its text.
    InFile {
        hash: u128,
    },
}

impl Body {
    /// The text in memory: empty for a body left in its file, which happens only
    /// after publication (see [`Body`]); later stages ask `Site::body`.
    pub fn as_str(&self) -> &str {
        match self {
            Body::Text(t) => t,
            Body::InFile { .. } => "",
        }
    }

    /// The [`body_hash`] of the text, in memory or not.
    pub fn hash(&self) -> u128 {
        match self {
            Body::Text(t) => body_hash(t),
            Body::InFile { hash } => *hash,
        }
    }
}

/// What identifies a body's text (xxh3, 128 bits).
pub fn body_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// The topic that puts a document in its organs' 政府信息公开制度.
pub const RULES_TOPIC: &str = "政府信息公开制度";

impl Document {
    /// Whether it is in its organs' 政府信息公开制度 (its topics include that one).
    pub fn is_disclosure_rules(&self) -> bool {
        self.topics.iter().any(|t| t == RULES_TOPIC)
    }

    /// Whether the organ `key` issued it, as lead or co-issuer (联合发文).
    pub fn issued_by(&self, key: &str) -> bool {
        self.publisher == key || self.co_publishers.iter().any(|c| c == key)
    }

    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, line)| *line)
    }

    /// The document's lifecycle keys (all empty when it has none).
    pub fn life(&self) -> &Lifecycle {
        self.lifecycle.as_deref().unwrap_or(&NO_LIFECYCLE)
    }

    /// Whether `key` was written in the front matter.
    pub fn has_key(&self, key: &str) -> bool {
        self.line_of(key).is_some()
    }

    pub fn year(&self) -> i32 {
        self.created.year()
    }

    /// File line and column (in characters) of a byte offset into the body.
    pub fn body_position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = crate::util::text::line_col(self.body.as_str(), offset);
        (self.body_line + line - 1, column)
    }
}

/// What the conversion needs to know about the site.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexNoParts<'a> {
    /// The publishing body's organisation code, as written (may hold one `-`).
    pub code: &'a str,
    /// The year, from `YYYY` or `YYYYMM`.
    pub year: i32,
    pub sequence: &'a str,
}

/// Splits an index number in the forms of data.yaml's index_number_formats.
pub fn index_no_parts(s: &str) -> Option<IndexNoParts<'_>> {
    let (code, rest) = s.split_once('/')?;
    let (year, sequence) = rest.split_once('-')?;
    let plain: String = code.chars().filter(|&c| c != '-').collect();
    // 9 or 18 characters; older 8-character codes are seen too, e.g. 0142768-8.
    let code_ok = matches!(plain.len(), 8 | 9 | 18)
        && plain
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && code.matches('-').count() <= 1;
    let year_ok = (year.len() == 4 || year.len() == 6) && year.bytes().all(|b| b.is_ascii_digit());
    let seq_ok =
        !sequence.is_empty() && sequence.len() <= 6 && sequence.bytes().all(|b| b.is_ascii_digit());
    (code_ok && year_ok && seq_ok).then(|| IndexNoParts {
        code,
        year: year[..4].parse().unwrap_or_default(),
        sequence,
    })
}

pub fn index_no_is_well_formed(s: &str) -> bool {
    index_no_parts(s).is_some()
}

/// How many characters of a body a listing shows when no summary is written.
pub const SUMMARY_CHARS: usize = 60;

/// The summary shown in listings: as written in front matter, or the start of the body.
pub fn summary_of(d: &Document) -> String {
    match &d.summary {
        Some(s) => s.clone(),
        None => crate::markdown::summarize(d.body.as_str(), SUMMARY_CHARS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_numbers() {
        assert!(index_no_is_well_formed("005283492/2018-00084"));
        assert!(index_no_is_well_formed("11341702486344515H/202110-00013"));
        assert!(index_no_is_well_formed("0142768-8/2022-00185"));
        assert!(!index_no_is_well_formed("../../etc/passwd"));
        assert!(!index_no_is_well_formed("005283492/2018/00084"));
        assert!(!index_no_is_well_formed("abc"));
        let p = index_no_parts("11341702486344515H/202110-00013").unwrap();
        assert_eq!(
            (p.code, p.year, p.sequence),
            ("11341702486344515H", 2021, "00013")
        );
    }

    #[test]
    fn review_conclusions() {
        let r = |c: &str, redacted: Option<&str>| Review {
            reviewer: "a".into(),
            date: NaiveDate::MIN,
            conclusion: c.into(),
            redacted: redacted.map(String::from),
        };
        for c in ["同意公开", "可以公开", "公开", " 同意公开\u{3000}"] {
            assert!(r(c, None).approves(), "{c}");
            assert!(!r(c, None).is_partial(), "{c}");
            assert!(!r(c, Some("删除了附件")).approves(), "{c} with a statement");
        }
        for c in [
            "不同意公开",
            "拒绝公开",
            "免予公开",
            "暂缓公开",
            "限制公开",
            "不予公开",
            "涉密",
            "待审查",
            "须报审",
            "同意",
            "通过",
            "审查通过",
            "同意公开。",
            "同意 公开",
            "",
        ] {
            assert!(!r(c, None).approves(), "{c}");
            assert!(!r(c, Some("删除了附件")).approves(), "{c} with a statement");
        }
        assert!(!r("部分公开", None).approves());
        assert!(r("部分公开", Some("删除了附件")).approves());
        assert!(r("部分公开", Some("删除了附件")).is_partial());
    }

    #[test]
    fn the_allowed_conclusions_are_named_in_the_messages() {
        for c in APPROVING_CONCLUSIONS.iter().chain([&PARTIAL_CONCLUSION]) {
            assert!(ALLOWED_CONCLUSIONS_ZH.contains(c), "{c}");
            assert!(ALLOWED_CONCLUSIONS_EN.contains(c), "{c}");
        }
    }
}
