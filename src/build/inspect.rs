//! The listing pages for `zwgk check`'s inspection: the driver runs publish, plan
//! and render for the pages that list documents (home, catalogue and its views,
//! domains), in memory, so the rule `columns/listing-date` can read them as a reader
//! (or an inspector) would. Nothing is written.

use crate::diagnostics::Diagnostics;
use crate::load::LoadedSite;
use crate::plan::{self, PageKind};
use crate::publish;
use crate::render::theme::Theme;
use crate::render::{self, Renderer};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// A rendered listing page.
pub struct ListingPage {
    pub output: String,
    /// The template it is made from.
    pub template: &'static str,
    pub html: Vec<u8>,
}

/// What the listing pages of `loaded` on `today` show, and the published documents'
/// pages (`docs/x/index.html`) with their publication dates and titles.
pub struct Listings {
    pub pages: Vec<ListingPage>,
    pub published: HashMap<String, NaiveDate>,
    pub titles: HashMap<String, String>,
}

/// Publishes `loaded` as `build` would on `today` and renders its listing pages.
pub fn listing_pages(loaded: LoadedSite, today: NaiveDate) -> Result<Listings, Diagnostics> {
    let site = publish::publish(loaded, today, false, None);
    let theme = Theme::load(&site.root, &site.config.theme)?;
    let renderer = Renderer::new(render::compile(&theme)?, &site, None);
    let plan = plan::plan(&site)?;
    let pages = plan
        .pages
        .par_iter()
        .filter_map(|p| {
            let template = match p.kind {
                PageKind::Home => "index.html",
                PageKind::Catalogue { .. } => "catalogue.html",
                PageKind::Domain(_) => "domain.html",
                _ => return None,
            };
            Some(renderer.render(&site, p).map(|html| ListingPage {
                output: p.output.clone(),
                template,
                html,
            }))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut published = HashMap::new();
    let mut titles = HashMap::new();
    for (i, d) in site.docs.iter().enumerate() {
        let page = format!("{}index.html", site.doc_path(i));
        if let Some(p) = d.published {
            published.insert(page.clone(), p);
        }
        titles.insert(page, d.title.clone());
    }
    Ok(Listings {
        pages,
        published,
        titles,
    })
}
