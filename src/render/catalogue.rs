//! Catalogue views (paginated tables) and the index pages that list the views.

use super::domain::{self, ItemRow};
use super::rows::{row, short_row, DocRow};
use super::Crumb;
use crate::model::taxonomy::Category;
use crate::plan::IndexKind;
use crate::publish::catalogue::{page_count, page_links, PageLink, View};
use crate::publish::site::Site;
use serde::Serialize;

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
}

#[derive(Serialize)]
struct ViewHeader<'a> {
    title: String,
    kind: &'static str,
    path: String,
    count: usize,
    /// The item's standard columns, on an item's page.
    item: Option<ItemRow<'a>>,
    /// Sibling views to switch between (the five disclosures).
    tabs: Vec<Tab>,
    /// The same list filtered by validity: all or 现行有效; in force or no longer.
    filters: Vec<Tab>,
}

#[derive(Serialize)]
struct Tab {
    title: &'static str,
    path: String,
    count: usize,
    current: bool,
}

pub(super) fn context(site: &Site, view: &View, page: usize, cx: &mut impl super::ContextSink) {
    let members = site.members(view);
    let size = site.config.page_size;
    let total = page_count(members.len(), size);
    let start = ((page - 1) * size).min(members.len());
    let end = (start + size).min(members.len());
    // Only the catalogue's own views, the portal's and each organ's 法定主动公开内容,
    // show 内容概述 (partials/doc_table.html).
    let full = matches!(
        view,
        View::All | View::Category(_) | View::InForce | View::Organ(..)
    );
    let docs: Vec<DocRow> = members[start..end]
        .iter()
        .map(|&i| {
            if full {
                row(site, i)
            } else {
                short_row(site, i)
            }
        })
        .collect();
    let (title, kind, mut crumbs) = view_title(site, view);
    let item = match view {
        View::Item(slug, id) => site.domains.get(slug).and_then(|d| {
            let path = domain::item_paths(d);
            d.find_item(id).map(|it| {
                domain::item_row(
                    site,
                    d,
                    it,
                    path.get(id.as_str()).cloned().unwrap_or_default(),
                )
            })
        }),
        _ => None,
    };
    let tabs = match view {
        View::All | View::Category(_) => std::iter::once(Tab {
            title: "全部",
            path: View::All.path(),
            count: site.docs.len(),
            current: *view == View::All,
        })
        .chain(Category::ALL.iter().map(|c| Tab {
            title: c.zh(),
            path: View::Category(*c).path(),
            count: site.count_in_category(*c),
            current: *view == View::Category(*c),
        }))
        .collect(),
        View::Organ(key, current) => std::iter::once(None)
            .chain(Category::ALL.iter().map(|c| Some(*c)))
            .map(|c| {
                let v = View::Organ(key.clone(), c);
                Tab {
                    title: c.map_or("全部", |c| c.zh()),
                    count: site.members(&v).len(),
                    path: v.path(),
                    current: *current == c,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let filter = |title: &'static str, v: View| Tab {
        title,
        count: site.members(&v).len(),
        path: v.path(),
        current: *view == v,
    };
    let filters = match view {
        View::All | View::InForce => {
            vec![filter("全部", View::All), filter("现行有效", View::InForce)]
        }
        View::Policies(_) => vec![
            filter("现行有效", View::Policies(true)),
            filter("已失效、废止", View::Policies(false)),
        ],
        _ => Vec::new(),
    };
    if page > 1 {
        crumbs.push(Crumb::new(&title, &view.path()));
    }
    cx.insert(
        "view",
        &ViewHeader {
            title,
            kind,
            path: view.path(),
            count: members.len(),
            item,
            tabs,
            filters,
        },
    );
    cx.insert("docs", &docs);
    cx.insert("first_row", &(start + 1));
    cx.insert("last_row", &end);
    cx.insert(
        "pagination",
        &Pagination {
            current: page,
            total,
            prev: (page > 1).then(|| view.page_path(page - 1)),
            next: (page < total).then(|| view.page_path(page + 1)),
            links: page_links(view, page, total),
        },
    );
    cx.insert("breadcrumbs", &crumbs);
}

/// A view's title, its kind (for styling) and the breadcrumbs above it.
fn view_title(site: &Site, view: &View) -> (String, &'static str, Vec<Crumb>) {
    let catalogue = Crumb::new("政府信息公开目录", "catalogue/");
    match view {
        View::All => ("政府信息公开目录".into(), "all", vec![]),
        View::Category(c) => (c.zh().into(), "category", vec![catalogue]),
        View::InForce => ("现行有效的政府信息".into(), "in-force", vec![catalogue]),
        View::Policies(true) => ("现行有效的规章和规范性文件".into(), "policies", vec![]),
        View::Policies(false) => (
            "已失效、废止的规章和规范性文件".into(),
            "policies",
            vec![Crumb::new(
                "现行有效的规章和规范性文件",
                crate::model::urls::POLICIES,
            )],
        ),
        View::Domain(s) => {
            let name = site.domains.get(s).map_or(s.as_str(), |d| d.name.as_str());
            (
                format!("{name}：全部文件"),
                "domain",
                vec![
                    Crumb::new("重点领域", "domains/"),
                    Crumb::new(name, &crate::model::urls::domain(s)),
                ],
            )
        }
        View::Item(s, id) => {
            let d = site.domains.get(s);
            let name = d.map_or(s.as_str(), |d| d.name.as_str());
            let item = d
                .and_then(|d| d.find_item(id))
                .map_or(id.as_str(), |i| i.name.as_str());
            (
                item.to_string(),
                "item",
                vec![
                    Crumb::new("重点领域", "domains/"),
                    Crumb::new(name, &crate::model::urls::domain(s)),
                ],
            )
        }
        View::Topic(t) => (
            format!("主题：{t}"),
            "topic",
            vec![Crumb::new("按主题分类", "topics/")],
        ),
        View::Publisher(k) => (
            site.publisher_name(k).to_string(),
            "publisher",
            vec![Crumb::new("按发布机构", "publishers/")],
        ),
        View::Year(y) => (
            format!("{y}年"),
            "year",
            vec![Crumb::new("按年份", "years/")],
        ),
        View::Organ(k, c) => {
            let name = site.publisher_name(k);
            let mut crumbs = organ_crumbs(site, k);
            if c.is_some() {
                crumbs.push(Crumb::new(
                    "法定主动公开内容",
                    &View::Organ(k.clone(), None).path(),
                ));
            }
            let part = c.map_or("法定主动公开内容".to_string(), |c| {
                format!("法定主动公开内容：{}", c.zh())
            });
            (format!("{name}{part}"), "organ", crumbs)
        }
        View::OrganRules(k) => (
            format!("{}政府信息公开制度", site.publisher_name(k)),
            "organ-rules",
            organ_crumbs(site, k),
        ),
    }
}

/// The breadcrumbs above a page of an organ's column: the organs, then the organ.
pub(super) fn organ_crumbs(site: &Site, key: &str) -> Vec<Crumb> {
    vec![
        Crumb::new("信息公开单位", crate::model::urls::ORGANS),
        Crumb::new(site.publisher_name(key), &crate::model::urls::organ(key)),
    ]
}

#[derive(Serialize)]
pub(super) struct IndexEntry {
    title: String,
    path: String,
    count: usize,
    note: String,
}

pub(super) fn index_entries(site: &Site, kind: IndexKind) -> Vec<IndexEntry> {
    let entry = |title: String, view: View, note: String| IndexEntry {
        count: site.members(&view).len(),
        path: view.path(),
        title,
        note,
    };
    match kind {
        IndexKind::Domains => domain::coverage(site)
            .into_iter()
            .map(|c| IndexEntry {
                title: c.name.to_string(),
                path: crate::model::urls::domain(c.slug),
                count: c.documents,
                note: format!("事项 {}/{} 已公开", c.items_with_documents, c.items),
            })
            .collect(),
        IndexKind::Topics => {
            let mut topics: Vec<&String> = site
                .views
                .keys()
                .filter_map(|v| match v {
                    View::Topic(t) => Some(t),
                    _ => None,
                })
                .collect();
            topics.sort();
            topics
                .into_iter()
                .map(|t| entry(t.clone(), View::Topic(t.clone()), String::new()))
                .collect()
        }
        IndexKind::Publishers => site
            .config
            .publishers
            .iter()
            .filter(|p| !site.members(&View::Publisher(p.key.clone())).is_empty())
            .map(|p| {
                entry(
                    p.name.clone(),
                    View::Publisher(p.key.clone()),
                    String::new(),
                )
            })
            .collect(),
        IndexKind::Years => site
            .views
            .keys()
            .rev()
            .filter_map(|v| match v {
                View::Year(y) => Some(entry(format!("{y}年"), View::Year(*y), String::new())),
                _ => None,
            })
            .collect(),
    }
}
