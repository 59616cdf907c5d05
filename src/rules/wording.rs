//! `wording/*`: wrong spellings in what readers will see (易错表述). A misspelt
//! country name, leader's title or body name is a serious misstatement that fails a
//! government website outright (国办秘函〔2019〕19号); common wrong characters in set
//! phrases cost points. The built-in list is `data/wording.yaml` (with its sources);
//! site.toml's `[wording]` adds the office's own (`words`) and names the phrases in
//! which a listed spelling is right (`allow`: a quoted title, a name).
//!
//! Scanned: the title, the summary and the body of documents that will be published.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::rules::RuleContext;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct Builtin {
    words: Vec<Entry>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Entry {
    pub wrong: String,
    pub right: String,
    /// A source id of data/wording.yaml; empty for the site's own.
    #[serde(default)]
    pub source: String,
}

/// The built-in list (data/wording.yaml).
pub fn builtin() -> &'static [Entry] {
    static LIST: OnceLock<Vec<Entry>> = OnceLock::new();
    LIST.get_or_init(|| {
        let b: Builtin = crate::util::yaml::from_str(include_str!("../../data/wording.yaml"))
            .expect("data/wording.yaml is valid (tested)");
        b.words
    })
}

/// The built-in list with site.toml's words added (a site's entry replaces a built-in one).
fn entries(cx: &RuleContext) -> Vec<Entry> {
    let own = &cx.site.config.wording.words;
    let mut out: Vec<Entry> = builtin()
        .iter()
        .filter(|e| !own.contains_key(&e.wrong))
        .cloned()
        .collect();
    out.extend(own.iter().map(|(wrong, right)| Entry {
        wrong: wrong.clone(),
        right: right.get_ref().clone(),
        source: String::new(),
    }));
    out
}

/// Byte ranges of `text` covered by an allowed phrase.
fn allowed_ranges(text: &str, allow: &[String]) -> Vec<std::ops::Range<usize>> {
    allow
        .iter()
        .filter(|a| !a.is_empty())
        .flat_map(|a| text.match_indices(a.as_str()).map(|(i, m)| i..i + m.len()))
        .collect()
}

/// Every wrong spelling of a list, found in one pass over a text (Aho-Corasick):
/// a document's body is read once, not once per entry.
struct Scanner {
    entries: Vec<Entry>,
    /// The distinct non-empty wrong spellings, and the entries of each.
    automaton: aho_corasick::AhoCorasick,
    of_pattern: Vec<Vec<usize>>,
    /// Entries with an empty wrong spelling, searched as [`str::match_indices`] does.
    empty: Vec<usize>,
}

impl Scanner {
    fn new(entries: Vec<Entry>) -> Scanner {
        let mut patterns: Vec<&str> = Vec::new();
        let mut of_pattern: Vec<Vec<usize>> = Vec::new();
        let mut empty = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.wrong.is_empty() {
                empty.push(i);
                continue;
            }
            let p = *index.entry(e.wrong.as_str()).or_insert_with(|| {
                patterns.push(e.wrong.as_str());
                of_pattern.push(Vec::new());
                patterns.len() - 1
            });
            of_pattern[p].push(i);
        }
        // A DFA: the fastest for an overlapping search, and small for a word list.
        let automaton = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("a list of words builds");
        Scanner {
            automaton,
            of_pattern,
            empty,
            entries,
        }
    }

    /// Every (byte offset, entry) of a wrong spelling in `text`, outside allowed
    /// phrases, by offset then by the entry's place in the list. For each entry, as
    /// [`str::match_indices`] finds them: from the left, not overlapping one another.
    fn scan(&self, text: &str, allow: &[String]) -> Vec<(usize, &Entry)> {
        let allowed = allowed_ranges(text, allow);
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut next_from = vec![0; self.of_pattern.len()];
        for m in self.automaton.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            // Matches of one pattern come by increasing offset: a match that overlaps
            // the last one taken is not one `match_indices` finds.
            if m.start() < next_from[p] {
                continue;
            }
            next_from[p] = m.end();
            if allowed
                .iter()
                .any(|r| r.start <= m.start() && m.end() <= r.end)
            {
                continue;
            }
            found.extend(self.of_pattern[p].iter().map(|&e| (m.start(), e)));
        }
        for &e in &self.empty {
            found.extend(
                text.match_indices("")
                    .map(|(i, _)| (i, e))
                    .filter(|(i, _)| !allowed.iter().any(|r| r.start <= *i && *i <= r.end)),
            );
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(i, e)| (i, &self.entries[e]))
            .collect()
    }
}

/// The scanner of the built-in list with `own` words added (see [`entries`]), made
/// once per list of own words: the rule runs once per document.
fn scanner(cx: &RuleContext) -> std::sync::Arc<Scanner> {
    type Made = (Vec<(String, String)>, std::sync::Arc<Scanner>);
    static LAST: std::sync::Mutex<Option<Made>> = std::sync::Mutex::new(None);
    let own: Vec<(String, String)> = cx
        .site
        .config
        .wording
        .words
        .iter()
        .map(|(w, r)| (w.clone(), r.get_ref().clone()))
        .collect();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    match &*last {
        Some((words, scanner)) if *words == own => scanner.clone(),
        _ => {
            let scanner = std::sync::Arc::new(Scanner::new(entries(cx)));
            *last = Some((own, scanner.clone()));
            scanner
        }
    }
}

/// Every (byte offset, entry) of a wrong spelling in `text`, outside allowed phrases
/// (one search per entry: the reference [`Scanner::scan`] is tested against).
#[cfg(test)]
fn scan<'e>(text: &str, entries: &'e [Entry], allow: &[String]) -> Vec<(usize, &'e Entry)> {
    let allowed = allowed_ranges(text, allow);
    let mut out: Vec<(usize, &Entry)> = Vec::new();
    for e in entries {
        for (i, m) in text.match_indices(e.wrong.as_str()) {
            let end = i + m.len();
            if allowed.iter().any(|r| r.start <= i && end <= r.end) {
                continue;
            }
            out.push((i, e));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

pub fn misspellings(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let scanner = scanner(cx);
    let allow: Vec<String> = cx
        .site
        .config
        .wording
        .allow
        .iter()
        .map(|a| a.get_ref().clone())
        .collect();
    let mut found = |line: Option<usize>, column: Option<usize>, e: &Entry| {
        let d = Diagnostic::warning("wording/misspelling", &doc.file);
        let d = match (line, column) {
            (Some(l), Some(c)) => d.at_column(l, c),
            (l, _) => d.at(l),
        };
        out.push(
            d.msg(
                format!("“{}”写法有误，应为“{}”", e.wrong, e.right),
                format!("\"{}\" is misspelt: write \"{}\"", e.wrong, e.right),
            )
            .fix(
                format!("改为“{}”；如果原文确实如此（如引用的标题），在 site.toml 的 [wording] allow 中加入包含它的原文", e.right),
                format!("write \"{}\"; where the text is right as it is (a quoted title, say), add the phrase to [wording] allow in site.toml", e.right),
            ),
        );
    };
    for (key, text) in [
        ("title", Some(&doc.title)),
        ("summary", doc.summary.as_ref()),
    ] {
        if let Some(text) = text {
            for (_, e) in scanner.scan(text, &allow) {
                found(doc.line_of(key), None, e);
            }
        }
    }
    for (offset, e) in scanner.scan(doc.body.as_str(), &allow) {
        let (line, column) = doc.body_position(offset);
        found(Some(line), Some(column), e);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture};

    #[test]
    fn the_builtin_list_is_valid_and_sourced() {
        let list = super::builtin();
        assert!(list.len() > 30);
        for e in list {
            assert_ne!(e.wrong, e.right, "{e:?}");
            assert!(!e.source.is_empty(), "{e:?}");
            assert!(
                !e.right.contains(&e.wrong),
                "a right form containing the wrong one would flag itself: {e:?}"
            );
        }
    }

    #[test]
    fn one_pass_finds_what_a_search_per_entry_finds() {
        let entry = |wrong: &str| super::Entry {
            wrong: wrong.into(),
            right: "对".into(),
            source: String::new(),
        };
        let mut entries: Vec<super::Entry> = super::builtin().to_vec();
        // Overlapping, repeated, nested and self-overlapping spellings.
        for w in ["啊啊", "啊", "啊啊", "人名共", "名共和", "aa", "a"] {
            entries.push(entry(w));
        }
        let scanner = super::Scanner::new(entries.clone());
        let allow = ["《啊啊啊》".to_string(), String::new()];
        for text in [
            "",
            "啊啊啊啊啊",
            "aaaaa",
            "《啊啊啊》啊啊，中华人名共和国，截止目前。aaa",
            "根据《中华人名共和国政府信息公开条例》，截止目前已公开。人名共和名共和",
        ] {
            let one: Vec<(usize, &str)> = scanner
                .scan(text, &allow)
                .into_iter()
                .map(|(i, e)| (i, e.wrong.as_str()))
                .collect();
            let each: Vec<(usize, &str)> = super::scan(text, &entries, &allow)
                .into_iter()
                .map(|(i, e)| (i, e.wrong.as_str()))
                .collect();
            assert_eq!(one, each, "{text}");
        }
    }

    #[test]
    fn a_misspelling_is_found_at_its_line_and_column() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[],
                "第一段。\n\n根据《中华人名共和国政府信息公开条例》，截止目前已公开。",
            ),
        );
        let found = f.check().into_vec();
        let spots: Vec<String> = found
            .iter()
            .map(|d| format!("{} {}", d.location(), d.rule))
            .collect();
        assert_eq!(
            spots,
            [
                "content/a.md:15:4 wording/misspelling",
                "content/a.md:15:21 wording/misspelling"
            ]
        );
        assert!(
            found[0].message_zh.contains("应为“中华人民共和国”"),
            "{}",
            found[0].message_zh
        );
    }

    #[test]
    fn right_text_withheld_documents_and_allowed_phrases_are_not_flagged() {
        let f = Fixture::with_config(
            "0371-12345678",
            "[wording]\nwords = { \"示范县\" = \"示范区\" }\nallow = [\"《关于示范县的历史沿革》\"]\n",
        );
        f.write(
            "content/a.md",
            &doc(
                1,
                &[],
                "《中华人民共和国政府信息公开条例》。参见《关于示范县的历史沿革》。",
            ),
        );
        let withheld: Vec<(&str, &str)> = crate::rules::testing::WITHHELD.to_vec();
        f.write("content/b.md", &doc(2, &withheld, "中华人名共和国"));
        assert_eq!(f.findings(), Vec::<String>::new());
        f.write(
            "content/c.md",
            &doc(3, &[("title", "示范县关于某事的通知")], ""),
        );
        assert_eq!(f.findings(), ["content/c.md wording/misspelling (warning)"]);
    }
}
