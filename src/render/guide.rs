//! The disclosure guide (政府信息公开指南): generated sections, which an office may
//! replace or extend with content/_guide.md.

use crate::markdown;
use crate::site::Site;
use serde::Serialize;
use std::path::Path;

/// The sections of the disclosure guide, in order. An office replaces one by giving
/// a `## <title>` section of the same title in content/_guide.md; other sections
/// there are added after these.
pub const GUIDE_SECTIONS: [(&str, &str); 6] = [
    ("overview", "概述"),
    ("proactive", "主动公开"),
    ("on-request", "依申请公开"),
    ("office", "政府信息公开工作机构"),
    ("remedy", "监督和救济"),
    ("updates", "本指南的更新"),
];

pub const GUIDE_FILE: &str = "content/_guide.md";

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

pub(super) fn view(site: &Site, md: &markdown::Options) -> GuideView {
    let custom = site
        .special_pages
        .get(GUIDE_FILE)
        .map(|text| split_sections(text))
        .unwrap_or_default();
    let html = |body: &str| markdown::render(body, md, &|_| None);
    let mut sections: Vec<GuideSection> = GUIDE_SECTIONS
        .iter()
        .map(|(id, title)| GuideSection {
            id: id.to_string(),
            title: title.to_string(),
            custom: custom
                .iter()
                .find(|(t, _)| t == title)
                .map(|(_, b)| html(b)),
        })
        .collect();
    for (i, (title, body)) in custom.iter().enumerate() {
        if !GUIDE_SECTIONS.iter().any(|(_, t)| t == title) {
            sections.push(GuideSection {
                id: format!("extra-{}", i + 1),
                title: title.clone(),
                custom: Some(html(body)),
            });
        }
    }
    GuideView { sections }
}

/// `## Title` sections of a Markdown text, with their bodies; text before the first heading is dropped
/// unless it stands under no heading at all, in which case it becomes a section "概述".
fn split_sections(text: &str) -> Vec<(String, String)> {
    let body = match crate::frontmatter::split(text, Path::new(GUIDE_FILE)) {
        Ok(s) => s.body,
        Err(_) => text,
    };
    let mut out: Vec<(String, String)> = Vec::new();
    let mut intro = String::new();
    for line in body.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            out.push((title.trim().to_string(), String::new()));
        } else if let Some((_, b)) = out.last_mut() {
            b.push_str(line);
            b.push('\n');
        } else {
            intro.push_str(line);
            intro.push('\n');
        }
    }
    if !intro.trim().is_empty() && !out.iter().any(|(t, _)| t == "概述") {
        out.insert(0, ("概述".into(), intro));
    }
    out
}
