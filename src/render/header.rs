//! The data every page shares: site title, office, categories, domains, publishers.

use crate::site::Site;
use crate::taxonomy::Category;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct SiteHeader<'a> {
    title: &'a str,
    base_url: String,
    language: &'a str,
    office: &'a crate::config::Office,
    categories: Vec<Counted<'a>>,
    domains: Vec<Counted<'a>>,
    publishers: Vec<Counted<'a>>,
    stats: &'a crate::publish::Stats,
    document_count: usize,
}

#[derive(Serialize)]
struct Counted<'a> {
    slug: &'a str,
    name: &'a str,
    path: String,
    count: usize,
}

pub(super) fn site_header(site: &Site) -> SiteHeader<'_> {
    let mut by_domain = std::collections::HashMap::<&str, usize>::new();
    let mut by_publisher = std::collections::HashMap::<&str, usize>::new();
    for d in &site.docs {
        if let Some(s) = &d.domain {
            *by_domain.entry(s).or_default() += 1;
        }
        *by_publisher.entry(&d.publisher).or_default() += 1;
    }
    SiteHeader {
        title: &site.config.title,
        base_url: site.config.base_url(),
        language: &site.config.language,
        office: &site.config.office,
        categories: Category::ALL
            .iter()
            .map(|c| Counted {
                slug: c.slug(),
                name: c.zh(),
                path: format!("catalogue/{}/", c.slug()),
                count: site.count_in_category(*c),
            })
            .collect(),
        domains: site
            .domains
            .values()
            .map(|d| Counted {
                slug: &d.slug,
                name: &d.name,
                path: format!("domains/{}/", d.slug),
                count: by_domain.get(d.slug.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        publishers: site
            .config
            .publishers
            .iter()
            .map(|p| Counted {
                slug: &p.key,
                name: &p.name,
                path: format!("publishers/{}/", p.key),
                count: by_publisher.get(p.key.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        stats: &site.stats,
        document_count: site.docs.len(),
    }
}
