//! The disclosure guide's text, `content/_guide.md`, as the sections the guide page
//! shows: the standard ones, in order, with the office's text where it gives one,
//! then the office's other sections.

use crate::layout::GUIDE_FILE;
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

/// A section of the guide page, before rendering.
pub struct Section {
    pub id: String,
    pub title: String,
    /// The office's text for it from content/_guide.md, and the line it starts on.
    pub custom: Option<(String, usize)>,
}

/// The sections the guide page shows, in order, given the text of content/_guide.md:
/// the standard ones (with the office's text where it gives one), then the office's
/// other sections. What is not here is not on the page.
pub fn sections(guide: Option<&str>) -> Vec<Section> {
    let custom = guide.map(split_sections).unwrap_or_default();
    let mut sections: Vec<Section> = GUIDE_SECTIONS
        .iter()
        .map(|(id, title)| Section {
            id: id.to_string(),
            title: title.to_string(),
            custom: custom
                .iter()
                .find(|(t, _, _)| t == title)
                .map(|(_, b, line)| (b.clone(), *line)),
        })
        .collect();
    for (i, (title, body, line)) in custom.into_iter().enumerate() {
        if !GUIDE_SECTIONS.iter().any(|(_, t)| *t == title) {
            sections.push(Section {
                id: format!("extra-{}", i + 1),
                title,
                custom: Some((body, line)),
            });
        }
    }
    sections
}

/// `## Title` sections of a Markdown text, with their bodies and the line each body
/// starts on; text before the first heading is dropped unless it stands under no
/// heading at all, in which case it becomes a section "概述".
fn split_sections(text: &str) -> Vec<(String, String, usize)> {
    let (body, body_line) = match crate::load::frontmatter::split(text, Path::new(GUIDE_FILE)) {
        Ok(s) => (s.body, s.body_line),
        Err(_) => (text, 1),
    };
    let mut out: Vec<(String, String, usize)> = Vec::new();
    let mut intro = String::new();
    for (i, line) in body.lines().enumerate() {
        if let Some(title) = line.strip_prefix("## ") {
            out.push((title.trim().to_string(), String::new(), body_line + i + 1));
        } else if let Some((_, b, _)) = out.last_mut() {
            b.push_str(line);
            b.push('\n');
        } else {
            intro.push_str(line);
            intro.push('\n');
        }
    }
    if !intro.trim().is_empty() && !out.iter().any(|(t, _, _)| t == "概述") {
        out.insert(0, ("概述".into(), intro, body_line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_know_the_line_their_text_starts_on() {
        let text = "---\ntitle: 指南\n---\n开头\n\n## 本指南的更新\n更新\n\n## 其他\n其他\n\n## 本指南的更新\n重复\n";
        let s = sections(Some(text));
        let custom: Vec<(&str, &str, usize)> = s
            .iter()
            .filter_map(|s| {
                s.custom
                    .as_ref()
                    .map(|(b, l)| (s.title.as_str(), b.trim(), *l))
            })
            .collect();
        // A repeated standard section is not shown: only the first one is.
        assert_eq!(
            custom,
            [
                ("概述", "开头", 4),
                ("本指南的更新", "更新", 7),
                ("其他", "其他", 10)
            ]
        );
    }
}
