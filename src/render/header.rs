//! The data every page shares: site title, office, categories, domains, publishers.

use crate::model::taxonomy::Category;
use crate::publish::site::Site;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct SiteHeader<'a> {
    title: &'a str,
    /// `[appearance] short_name`, or the title.
    short_name: &'a str,
    /// The logo's output-relative path, when the site has one.
    logo: Option<&'a str>,
    /// The site's colours as CSS custom properties, for a `<style>` in the head.
    theme_css: String,
    base_url: String,
    /// The host of `base_url`, for the SiteDomain page metadata.
    domain: &'a str,
    language: &'a str,
    office: &'a crate::config::Office,
    /// The government (行政机关) the portal and its guide are credited to: the first
    /// publisher (an organ of kind 人民政府 by default), or the office when there is none.
    /// The office is its 工作机构.
    government: &'a str,
    footer: &'a crate::config::appearance::Footer,
    /// The footer's links set in site.toml (网站地图, 联系我们, 找错), in that order.
    footer_links: Vec<FooterLink<'a>>,
    /// 党政机关网站标识: its image under static/ and where it links.
    footer_mark: Option<FooterMark<'a>>,
    categories: Vec<Counted<'a>>,
    domains: Vec<Counted<'a>>,
    publishers: Vec<Counted<'a>>,
    /// The portal-wide counts (not the per-year and per-organ tables of the annual
    /// reports: every page carries this header, so it stays small).
    stats: Counts,
    document_count: usize,
    /// `[markdown] unsafe_html`: raw HTML (scripts too) is kept, so `base.html`
    /// leaves out its Content-Security-Policy, which would block it.
    unsafe_html: bool,
    /// Every fixed address of the portal (`model::urls`).
    urls: crate::model::urls::Fixed,
    /// Whether the site has organs, each with its column under `/organs/`.
    organs: bool,
    /// 政府信息公开制度 of the portal's owner: the first organ's 制度, or (without
    /// organs) the topic's list when a document has it.
    rules: Option<String>,
}

/// The scalar counts of [`crate::model::publication::Stats`].
#[derive(Serialize)]
struct Counts {
    found: usize,
    published: usize,
    on_request: usize,
    not_disclosed: usize,
    unreviewed: usize,
    drafts: usize,
    scheduled: usize,
    invalid: usize,
}

impl Counts {
    fn of(s: &crate::model::publication::Stats) -> Counts {
        Counts {
            found: s.found,
            published: s.published,
            on_request: s.on_request,
            not_disclosed: s.not_disclosed,
            unreviewed: s.unreviewed,
            drafts: s.drafts,
            scheduled: s.scheduled,
            invalid: s.invalid,
        }
    }
}

#[derive(Serialize)]
struct FooterLink<'a> {
    title: &'static str,
    href: &'a str,
    /// A path inside the portal, written after `{{ root }}`; else an address as is.
    internal: bool,
}

#[derive(Serialize)]
struct FooterMark<'a> {
    src: &'a str,
    href: Option<&'a str>,
}

fn footer_links(f: &crate::config::appearance::Footer) -> Vec<FooterLink<'_>> {
    [
        ("网站地图", &f.sitemap),
        ("联系我们", &f.contact),
        ("我为政府网站找错", &f.report_error),
    ]
    .into_iter()
    .filter_map(|(title, v)| {
        let href = v.as_ref()?.get_ref().trim();
        let lower = href.to_ascii_lowercase();
        let internal = !(lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:"));
        Some(FooterLink {
            title,
            href,
            internal,
        })
    })
    .collect()
}

#[derive(Serialize)]
struct Counted<'a> {
    slug: &'a str,
    name: &'a str,
    path: String,
    count: usize,
}

pub(super) fn site_header(site: &Site) -> SiteHeader<'_> {
    // Every document counted on every build and every save of `serve`: a fast hash.
    let mut by_domain = rustc_hash::FxHashMap::<&str, usize>::default();
    let mut by_publisher = rustc_hash::FxHashMap::<&str, usize>::default();
    for d in &site.docs {
        if let Some(s) = &d.domain {
            *by_domain.entry(s).or_default() += 1;
        }
        // A joint document is in each of its organs' lists.
        for p in std::iter::once(&d.publisher).chain(&d.co_publishers) {
            *by_publisher.entry(p).or_default() += 1;
        }
    }
    let config = &site.config;
    let appearance = &config.appearance;
    SiteHeader {
        title: &config.title,
        short_name: match appearance.short_name.trim() {
            "" => &config.title,
            short => short,
        },
        logo: appearance.logo.as_ref().map(|l| l.get_ref().as_str()),
        theme_css: appearance.css_variables(),
        base_url: config.base_url(),
        domain: host(&config.base_url),
        language: &config.language,
        office: &config.office,
        government: config
            .publishers
            .first()
            .map_or(config.office.name.as_str(), |p| p.name.as_str()),
        footer: &config.footer,
        footer_links: footer_links(&config.footer),
        footer_mark: config.footer.mark.as_ref().map(|m| FooterMark {
            src: m.get_ref().as_str(),
            href: config
                .footer
                .mark_url
                .as_ref()
                .map(|u| u.get_ref().as_str()),
        }),
        categories: Category::ALL
            .iter()
            .map(|c| Counted {
                slug: c.slug(),
                name: c.zh(),
                path: crate::model::urls::category(c.slug()),
                count: site.count_in_category(*c),
            })
            .collect(),
        domains: site
            .domains
            .values()
            .map(|d| Counted {
                slug: &d.slug,
                name: &d.name,
                path: crate::model::urls::domain(&d.slug),
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
                path: crate::model::urls::publisher(&p.key),
                count: by_publisher.get(p.key.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        stats: Counts::of(&site.stats),
        document_count: site.docs.len(),
        unsafe_html: config.markdown.unsafe_html,
        urls: crate::model::urls::fixed(),
        organs: !site.organs.is_empty(),
        rules: rules_path(site),
    }
}

pub(super) fn rules_path(site: &Site) -> Option<String> {
    use crate::publish::catalogue::View;
    match site.organs.first() {
        Some(o) => Some(View::OrganRules(o.key.clone()).path()),
        None => {
            let topic = View::Topic(crate::model::document::RULES_TOPIC.to_string());
            site.views.contains_key(&topic).then(|| topic.path())
        }
    }
}

/// `www.example.gov.cn` of `https://www.example.gov.cn/xxgk/`.
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    #[test]
    fn host_of_base_url() {
        assert_eq!(super::host("https://www.x.gov.cn/xxgk/"), "www.x.gov.cn");
        assert_eq!(super::host("http://x.gov.cn:8080"), "x.gov.cn:8080");
    }
}
