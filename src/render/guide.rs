//! The disclosure guide (政府信息公开指南): generated sections, which an office may
//! replace or extend with content/_guide.md.

use crate::layout::GUIDE_FILE;
use crate::load::guide::sections;
use crate::markdown;
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
pub(super) struct GuideView {
    sections: Vec<GuideSection>,
}

/// The guide page; `root` is its way back to the site root.
pub(super) fn view(site: &Site, md: &markdown::Options, root: &str) -> GuideView {
    let guide = site.special_pages.get(GUIDE_FILE).map(String::as_str);
    let resolve = super::text_resolver(site, GUIDE_FILE, root);
    GuideView {
        sections: sections(guide)
            .into_iter()
            .map(|s| GuideSection {
                id: s.id,
                title: s.title,
                custom: s
                    .custom
                    .map(|(body, _)| markdown::render(&body, md, &resolve)),
            })
            .collect(),
    }
}
