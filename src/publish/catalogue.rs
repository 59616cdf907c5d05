//! The catalogue (政府信息公开目录) and its views: by 五公开, domain, item, topic,
//! publisher and year. Each view is an ordered list of document positions,
//! newest first, computed once per build.

use crate::model::document::Document;
use crate::model::taxonomy::{policy_kind, Category, Validity};
use crate::model::urls;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum View {
    All,
    Category(Category),
    /// 现行有效: the documents in force on the day of the build.
    InForce,
    /// The 规章 and 行政规范性文件: those in force (`true`, the library
    /// `/policies/`) or those no longer in force (`false`).
    Policies(bool),
    Domain(String),
    /// Domain slug and item id.
    Item(String, String),
    Topic(String),
    Publisher(String),
    Year(i32),
    /// An organ's 法定主动公开内容 (its key), all or of one of the five disclosures.
    Organ(String, Option<Category>),
    /// An organ's 政府信息公开制度.
    OrganRules(String),
}

impl View {
    /// The view's folder in the output.
    pub fn path(&self) -> String {
        match self {
            View::All => urls::catalogue(),
            View::Category(c) => urls::category(c.slug()),
            View::InForce => urls::catalogue_in_force(),
            View::Policies(true) => urls::POLICIES.into(),
            View::Policies(false) => urls::POLICIES_ARCHIVE.into(),
            View::Domain(s) => urls::domain_catalogue(s),
            View::Item(s, id) => urls::item(s, id),
            View::Topic(t) => urls::topic(t),
            View::Publisher(k) => urls::publisher(k),
            View::Year(y) => urls::year(*y),
            View::Organ(k, c) => urls::organ_catalogue(k, c.map(|c| c.slug())),
            View::OrganRules(k) => urls::organ_rules(k),
        }
    }

    /// Folder of page `n` (1-based) of the view.
    pub fn page_path(&self, n: usize) -> String {
        urls::numbered_page(&self.path(), n)
    }
}

/// Every non-empty view with its members, plus every category view, the catalogue
/// in force and the two policy lists (even when empty), and for each of `organs`
/// (keys; none when the site describes no organs) its catalogue and its 制度. A joint
/// document (联合发文) is in the views of its lead organ and of each co-issuer.
/// `status` is each document's validity on the day of the build.
pub fn views(
    docs: &[Arc<Document>],
    status: &[Validity],
    organs: &[&str],
) -> BTreeMap<View, Vec<usize>> {
    // Grouped under borrowed keys first: one owned `View` per view, not per document.
    #[derive(PartialEq, Eq, Hash)]
    enum Key<'a> {
        Category(Category),
        Domain(&'a str),
        Item(&'a str, &'a str),
        Topic(&'a str),
        Publisher(&'a str),
        Year(i32),
        Organ(&'a str, Option<Category>),
        OrganRules(&'a str),
    }
    // In parallel over stretches of documents (reading ten thousand documents is
    // mostly waiting for memory), merged in order: each view lists its documents
    // in the order of `docs`.
    fn add_document<'a>(
        organs: &[&str],
        mut groups: FxHashMap<Key<'a>, Vec<usize>>,
        (i, d): (usize, &'a Arc<Document>),
    ) -> FxHashMap<Key<'a>, Vec<usize>> {
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
        let rule = d.is_disclosure_rules();
        for p in std::iter::once(&d.publisher).chain(&d.co_publishers) {
            add(Key::Publisher(p));
            if organs.contains(&p.as_str()) {
                add(Key::Organ(p, None));
                add(Key::Organ(p, Some(d.category)));
                if rule {
                    add(Key::OrganRules(p));
                }
            }
        }
        add(Key::Year(d.year()));
        groups
    }
    let groups = docs
        .par_iter()
        .enumerate()
        .with_min_len(1024)
        .fold(FxHashMap::default, |groups, doc| {
            add_document(organs, groups, doc)
        })
        .reduce(FxHashMap::default, |mut earlier, later| {
            for (key, mut members) in later {
                earlier.entry(key).or_default().append(&mut members);
            }
            earlier
        });
    let mut out: BTreeMap<View, Vec<usize>> = BTreeMap::new();
    out.insert(View::All, (0..docs.len()).collect());
    for c in Category::ALL {
        out.insert(View::Category(c), Vec::new());
    }
    let in_force = |i: &usize| status.get(*i).is_some_and(|s| s.in_force());
    out.insert(View::InForce, (0..docs.len()).filter(in_force).collect());
    let (policies, archive): (Vec<usize>, Vec<usize>) = (0..docs.len())
        .filter(|&i| policy_kind(&docs[i].doc_type).is_some())
        .partition(in_force);
    out.insert(View::Policies(true), policies);
    out.insert(View::Policies(false), archive);
    // An organ's catalogue, by each of the five disclosures, and its 制度 are
    // pages even when empty: its column links to them.
    for key in organs {
        out.insert(View::Organ(key.to_string(), None), Vec::new());
        for c in Category::ALL {
            out.insert(View::Organ(key.to_string(), Some(c)), Vec::new());
        }
        out.insert(View::OrganRules(key.to_string()), Vec::new());
    }
    for (key, members) in groups {
        let view = match key {
            Key::Category(c) => View::Category(c),
            Key::Domain(d) => View::Domain(d.to_string()),
            Key::Item(d, item) => View::Item(d.to_string(), item.to_string()),
            Key::Topic(t) => View::Topic(t.to_string()),
            Key::Publisher(p) => View::Publisher(p.to_string()),
            Key::Year(y) => View::Year(y),
            Key::Organ(k, c) => View::Organ(k.to_string(), c),
            Key::OrganRules(k) => View::OrganRules(k.to_string()),
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

    /// Views made from stretches of documents in parallel list each view's documents
    /// in the order of `docs`, as grouping them one after another does.
    #[test]
    fn views_of_many_documents_keep_the_documents_order() {
        let site = crate::rules::testing::Fixture::new();
        site.write(
            "content/a.md",
            &crate::rules::testing::doc(1, &[("doc_type", "办法")], ""),
        );
        let config = crate::config::SiteConfig::load(site.root()).unwrap();
        let one = crate::load::load(site.root(), config, None).documents[0].clone();
        let topics = ["综合政务", "财政", "教育", "民政", "交通", "卫生"];
        let docs: Vec<Arc<Document>> = (0..5000)
            .map(|i| {
                let mut d = (*one).clone();
                d.topics = vec![
                    topics[i % 3].to_string(),
                    topics[3 + (i / 7) % 3].to_string(),
                ];
                d.publisher = format!("p{}", i % 3);
                d.category = Category::ALL[i % Category::ALL.len()];
                Arc::new(d)
            })
            .collect();
        let status = vec![Validity::Valid; docs.len()];
        let views = views(&docs, &status, &["p1"]);
        let topic = |t: &str| &views[&View::Topic(t.to_string())];
        for t in topics {
            let expected: Vec<usize> = (0..docs.len())
                .filter(|&i| docs[i].topics.iter().any(|x| x == t))
                .collect();
            assert!(topic(t) == &expected, "{t}: not the documents' order");
        }
        let organ = &views[&View::Organ("p1".into(), None)];
        assert!(organ == &(0..docs.len()).filter(|i| i % 3 == 1).collect::<Vec<_>>());
        let all_members: usize = Category::ALL
            .iter()
            .map(|&c| views[&View::Category(c)].len())
            .sum();
        assert_eq!(all_members, docs.len());
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
