//! The disclosure guide (政府信息公开指南): generated sections, which an office may
//! replace or extend with its own text: `content/_guide.md` for the portal,
//! `content/_organs/<key>/guide.md` for an organ. Each guide shows its own organ's
//! office, counts and application channel.

use crate::config::Office;
use crate::layout::GUIDE_FILE;
use crate::load::guide::sections;
use crate::markdown;
use crate::model::taxonomy::Category;
use crate::model::urls;
use crate::publish::catalogue::View;
use crate::publish::organs::Organ;
use crate::publish::site::Site;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct GuideSection {
    id: String,
    title: String,
    /// The office's own text for this section, replacing the generated one.
    custom: Option<String>,
}

#[derive(Serialize)]
pub(super) struct CategoryCount {
    slug: &'static str,
    name: &'static str,
    path: String,
    count: usize,
}

#[derive(Serialize)]
pub(super) struct GuideView<'a> {
    /// The organ whose guide it is (the portal's: the first publisher, the government).
    name: &'a str,
    /// Its disclosure office: where requests go.
    office: &'a Office,
    /// Its organisation code, the prefix of its index numbers.
    code: &'a str,
    /// Its own published documents by the five disclosures.
    categories: Vec<CategoryCount>,
    /// Its catalogue, its reports, its catalogue as open data.
    catalogue: String,
    reports: String,
    csv: String,
    /// An organ's guide (not the portal's): the portal-wide parts are left out.
    organ: bool,
    sections: Vec<GuideSection>,
}

/// The guide page of `organ` (`None`: the portal's); `root` is its way back to the
/// site root.
pub(super) fn view<'a>(
    site: &'a Site,
    organ: Option<&'a Organ>,
    md: &markdown::Options,
    root: &str,
) -> GuideView<'a> {
    let text = match organ {
        Some(o) => site
            .organ_files(&o.key)
            .and_then(|f| f.guide.as_ref())
            .map(|g| (g.file.as_str(), g.text.as_str())),
        None => site
            .special_pages
            .get(GUIDE_FILE)
            .map(|t| (GUIDE_FILE, t.as_str())),
    };
    let resolve = super::text_resolver(site, text.map_or(GUIDE_FILE, |(f, _)| f), root);
    let sections = sections(text.map(|(_, t)| t))
        .into_iter()
        .map(|s| GuideSection {
            id: s.id,
            title: s.title,
            custom: s
                .custom
                .map(|(body, _)| markdown::render(&body, md, &resolve)),
        })
        .collect();
    let config = &site.config;
    match organ {
        Some(o) => GuideView {
            name: &o.name,
            office: o.office(config).unwrap_or(&NO_OFFICE),
            code: config.publisher(&o.key).map_or("", |p| p.code.as_str()),
            categories: Category::ALL
                .iter()
                .map(|c| {
                    let v = View::Organ(o.key.clone(), Some(*c));
                    CategoryCount {
                        slug: c.slug(),
                        name: c.zh(),
                        count: site.members(&v).len(),
                        path: v.path(),
                    }
                })
                .collect(),
            catalogue: View::Organ(o.key.clone(), None).path(),
            reports: o.reports_path(),
            csv: urls::organ_catalogue_csv(&o.key),
            organ: true,
            sections,
        },
        None => {
            // The portal's guide is its first organ's: that organ's office when it
            // has one of its own, else `[office]`.
            let office = site
                .organs
                .first()
                .and_then(|o| o.office(config))
                .unwrap_or(&config.office);
            GuideView {
                // Credited to the government (the 行政机关), not to its office.
                name: config
                    .publishers
                    .first()
                    .map_or(config.title.as_str(), |p| p.name.as_str()),
                office,
                code: config.publishers.first().map_or("", |p| p.code.as_str()),
                categories: Category::ALL
                    .iter()
                    .map(|c| CategoryCount {
                        slug: c.slug(),
                        name: c.zh(),
                        path: View::Category(*c).path(),
                        count: site.count_in_category(*c),
                    })
                    .collect(),
                catalogue: urls::catalogue(),
                reports: urls::REPORTS.into(),
                csv: urls::CATALOGUE_CSV.into(),
                organ: false,
                sections,
            }
        }
    }
}

static NO_OFFICE: Office = Office {
    name: String::new(),
    address: String::new(),
    postcode: String::new(),
    hours: String::new(),
    phone: String::new(),
    fax: String::new(),
    email: String::new(),
    apply_url: String::new(),
};
