//! A pilot domain's page: its standard item list as a table, with documents per item.

use super::rows::{short_row, DocRow};
use crate::model::taxonomy::{Domain, Item};
use crate::publish::catalogue::View;
use crate::publish::site::Site;
use serde::Serialize;
use std::collections::HashMap;

/// Documents shown under each item on a domain page; the item's own page has them all.
const ITEM_LATEST: usize = 5;

#[derive(Serialize)]
pub(super) struct Coverage<'a> {
    pub slug: &'a str,
    /// The domain page's folder.
    pub path: String,
    pub name: &'a str,
    pub items: usize,
    pub items_with_documents: usize,
    pub documents: usize,
}

/// Per domain: leaf items, leaf items with at least one published document, documents.
pub(super) fn coverage(site: &Site) -> Vec<Coverage<'_>> {
    site.domains
        .values()
        .map(|d| {
            let leaves = d.leaf_items();
            Coverage {
                slug: &d.slug,
                path: crate::model::urls::domain(&d.slug),
                name: &d.name,
                items: leaves.len(),
                items_with_documents: leaves
                    .iter()
                    .filter(|i| {
                        !site
                            .members(&View::Item(d.slug.clone(), i.id.clone()))
                            .is_empty()
                    })
                    .count(),
                documents: site.members(&View::Domain(d.slug.clone())).len(),
            }
        })
        .collect()
}

/// One row of a domain's standard table: a leaf item with its ancestry and documents.
#[derive(Serialize)]
pub(super) struct ItemRow<'a> {
    id: &'a str,
    /// Names from the top-level item down to this one.
    path: Vec<&'a str>,
    name: &'a str,
    content: &'a str,
    basis: &'a str,
    time_limit: &'a str,
    body: &'a str,
    channels: &'a [String],
    audience: &'a str,
    mode: &'a str,
    level: &'a [String],
    count: usize,
    /// The item's page, when it has documents.
    page: Option<String>,
    docs: Vec<DocRow<'a>>,
}

pub(super) fn item_row<'a>(
    site: &'a Site,
    d: &'a Domain,
    it: &'a Item,
    path: Vec<&'a str>,
) -> ItemRow<'a> {
    let view = View::Item(d.slug.clone(), it.id.clone());
    let members = site.members(&view);
    ItemRow {
        id: &it.id,
        path,
        name: &it.name,
        content: &it.content,
        basis: &it.basis,
        time_limit: &it.time_limit,
        body: &it.body,
        channels: &it.channels,
        audience: &it.audience,
        mode: &it.mode,
        level: &it.level,
        count: members.len(),
        page: (!members.is_empty()).then(|| view.path()),
        docs: members
            .iter()
            .take(ITEM_LATEST)
            .map(|&i| short_row(site, i))
            .collect(),
    }
}

/// Item id → names of the item's ancestors and itself.
pub(super) fn item_paths(d: &Domain) -> HashMap<&str, Vec<&str>> {
    fn walk<'a>(items: &'a [Item], above: &[&'a str], out: &mut HashMap<&'a str, Vec<&'a str>>) {
        for it in items {
            let mut path = above.to_vec();
            path.push(&it.name);
            walk(&it.children, &path, out);
            out.insert(&it.id, path);
        }
    }
    let mut out = HashMap::new();
    walk(&d.items, &[], &mut out);
    out
}

#[derive(Serialize)]
pub(super) struct DomainView<'a> {
    slug: &'a str,
    name: &'a str,
    coverage: Coverage<'a>,
    /// Leaf rows grouped by their top-level item, for a table with merged 一级 cells.
    groups: Vec<ItemGroup<'a>>,
    /// Documents of the domain not filed under any item.
    unfiled: Vec<DocRow<'a>>,
    catalogue: String,
}

#[derive(Serialize)]
struct ItemGroup<'a> {
    name: &'a str,
    rows: Vec<ItemRow<'a>>,
}

pub(super) fn view<'a>(site: &'a Site, slug: &str) -> DomainView<'a> {
    let d = &site.domains[slug];
    let paths = item_paths(d);
    let mut groups: Vec<ItemGroup> = Vec::new();
    for top in &d.items {
        let mut rows = Vec::new();
        let mut leaves = Vec::new();
        collect_leaves(top, &mut leaves);
        for leaf in leaves {
            rows.push(item_row(
                site,
                d,
                leaf,
                paths.get(leaf.id.as_str()).cloned().unwrap_or_default(),
            ));
        }
        groups.push(ItemGroup {
            name: &top.name,
            rows,
        });
    }
    let unfiled = site
        .members(&View::Domain(d.slug.clone()))
        .iter()
        .filter(|&&i| site.docs[i].item.is_none())
        .map(|&i| short_row(site, i))
        .collect();
    DomainView {
        slug: &d.slug,
        name: &d.name,
        coverage: coverage(site)
            .into_iter()
            .find(|c| c.slug == slug)
            .expect("domain is in coverage"),
        groups,
        unfiled,
        catalogue: View::Domain(d.slug.clone()).path(),
    }
}

fn collect_leaves<'a>(item: &'a Item, out: &mut Vec<&'a Item>) {
    if item.children.is_empty() {
        out.push(item);
    }
    for c in &item.children {
        collect_leaves(c, out);
    }
}
