//! The catalogue (政府信息公开目录) and its views: by 五公开, domain, item, topic,
//! publisher and year. Each view is an ordered list of document positions,
//! newest first, computed once per build.

use crate::model::document::Document;
use crate::model::taxonomy::Category;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum View {
    All,
    Category(Category),
    Domain(String),
    /// Domain slug and item id.
    Item(String, String),
    Topic(String),
    Publisher(String),
    Year(i32),
}

impl View {
    /// The view's folder in the output.
    pub fn path(&self) -> String {
        match self {
            View::All => "catalogue/".into(),
            View::Category(c) => crate::model::urls::category_dir(c.slug()),
            View::Domain(s) => format!("{}catalogue/", crate::model::urls::domain_dir(s)),
            View::Item(s, id) => crate::model::urls::item_dir(s, id),
            View::Topic(t) => format!("topics/{}/", topic_slug(t)),
            View::Publisher(k) => crate::model::urls::publisher_dir(k),
            View::Year(y) => format!("years/{y}/"),
        }
    }

    /// Folder of page `n` (1-based) of the view.
    pub fn page_path(&self, n: usize) -> String {
        if n <= 1 {
            self.path()
        } else {
            format!("{}page/{n}/", self.path())
        }
    }
}

/// A topic's URL segment: the gov.cn slug when the topic is a standard one,
/// otherwise a stable hash, so any name (even one with `/`) gives a safe path.
pub fn topic_slug(name: &str) -> String {
    match crate::model::builtin::topic_slug(name) {
        Some(s) => s.to_string(),
        None => format!("t{:08x}", fnv1a(name.as_bytes()) as u32),
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Every non-empty view with its members, plus every category view (even when empty).
pub fn views(docs: &[Arc<Document>]) -> BTreeMap<View, Vec<usize>> {
    // Grouped under borrowed keys first: one owned `View` per view, not per document.
    #[derive(PartialEq, Eq, Hash)]
    enum Key<'a> {
        Category(Category),
        Domain(&'a str),
        Item(&'a str, &'a str),
        Topic(&'a str),
        Publisher(&'a str),
        Year(i32),
    }
    let mut groups: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for (i, d) in docs.iter().enumerate() {
        let mut add = |k| groups.entry(k).or_default().push(i);
        add(Key::Category(d.category));
        if let Some(dom) = &d.domain {
            add(Key::Domain(dom));
            if let Some(item) = &d.item {
                add(Key::Item(dom, item));
            }
        }
        for t in &d.topics {
            add(Key::Topic(t));
        }
        add(Key::Publisher(&d.publisher));
        add(Key::Year(d.year()));
    }
    let mut out: BTreeMap<View, Vec<usize>> = BTreeMap::new();
    out.insert(View::All, (0..docs.len()).collect());
    for c in Category::ALL {
        out.insert(View::Category(c), Vec::new());
    }
    for (key, members) in groups {
        let view = match key {
            Key::Category(c) => View::Category(c),
            Key::Domain(d) => View::Domain(d.to_string()),
            Key::Item(d, item) => View::Item(d.to_string(), item.to_string()),
            Key::Topic(t) => View::Topic(t.to_string()),
            Key::Publisher(p) => View::Publisher(p.to_string()),
            Key::Year(y) => View::Year(y),
        };
        out.insert(view, members);
    }
    out
}

/// Pages needed to show `n` rows, `size` per page (at least one page, even when empty).
pub fn page_count(n: usize, size: usize) -> usize {
    n.div_ceil(size.max(1)).max(1)
}

/// One link of a pagination bar; `None` number means an ellipsis.
#[derive(Debug, serde::Serialize, PartialEq, Eq)]
pub struct PageLink {
    pub number: Option<usize>,
    pub path: String,
    pub current: bool,
}

/// Page numbers around `current`, with the first and last always shown.
pub fn page_links(view: &View, current: usize, total: usize) -> Vec<PageLink> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        let near = n.abs_diff(current) <= 2;
        if n == 1 || n == total || near {
            if n > last + 1 {
                out.push(PageLink {
                    number: None,
                    path: String::new(),
                    current: false,
                });
            }
            out.push(PageLink {
                number: Some(n),
                path: view.page_path(n),
                current: n == current,
            });
            last = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_views_and_pages() {
        assert_eq!(View::All.page_path(1), "catalogue/");
        assert_eq!(View::All.page_path(3), "catalogue/page/3/");
        assert_eq!(
            View::Category(Category::Service).path(),
            "catalogue/service/"
        );
        assert_eq!(
            View::Item("czyjs".into(), "1.2".into()).path(),
            "domains/czyjs/items/1-2/"
        );
        assert_eq!(View::Topic("综合政务".into()).path(), "topics/zhzw/");
        let custom = View::Topic("../../etc".into()).path();
        assert!(
            custom.starts_with("topics/t") && !custom.contains(".."),
            "{custom}"
        );
    }

    #[test]
    fn page_count_never_zero() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
    }

    #[test]
    fn page_links_elide_the_middle() {
        let nums: Vec<_> = page_links(&View::All, 6, 12)
            .iter()
            .map(|l| l.number)
            .collect();
        assert_eq!(
            nums,
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(12)
            ]
        );
    }
}
