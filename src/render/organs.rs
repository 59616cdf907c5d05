//! The organs' pages: the navigation of every organ by kind (`/organs/`) and each
//! organ's column (`/organs/<key>/`): its 机构信息 and its four parts.

use super::rows::{short_row, DocRow};
use crate::config::organs::OrganKind;
use crate::config::Office;
use crate::markdown;
use crate::model::urls;
use crate::publish::catalogue::View;
use crate::publish::organs::Organ;
use crate::publish::site::Site;
use serde::Serialize;

/// Latest documents shown in an organ's column.
const LATEST: usize = 5;

#[derive(Serialize)]
pub(super) struct OrganGroup<'a> {
    kind: &'static str,
    organs: Vec<OrganEntry<'a>>,
}

#[derive(Serialize)]
pub(super) struct OrganEntry<'a> {
    name: &'a str,
    path: String,
    /// The organ it belongs to, by name.
    parent: Option<&'a str>,
    /// Its published documents (joint ones included).
    documents: usize,
}

/// Every organ, grouped by kind in the order 人民政府, 部门, 乡镇, 街道, 其他; an
/// organ under a parent of the same group follows it.
pub(super) fn groups(site: &Site) -> Vec<OrganGroup<'_>> {
    OrganKind::ALL
        .iter()
        .filter_map(|&kind| {
            let organs: Vec<OrganEntry> = site
                .organs
                .iter()
                .filter(|o| o.kind == kind)
                .map(|o| entry(site, o))
                .collect();
            (!organs.is_empty()).then_some(OrganGroup {
                kind: kind.zh(),
                organs,
            })
        })
        .collect()
}

fn entry<'a>(site: &'a Site, o: &'a Organ) -> OrganEntry<'a> {
    OrganEntry {
        name: &o.name,
        path: o.path(),
        parent: o.parent.as_deref().map(|p| site.publisher_name(p)),
        documents: site.members(&View::Organ(o.key.clone(), None)).len(),
    }
}

#[derive(Serialize)]
pub(super) struct Part {
    title: &'static str,
    path: String,
    /// What the part holds, in a few words.
    note: String,
}

#[derive(Serialize)]
pub(super) struct Link<'a> {
    name: &'a str,
    path: String,
}

#[derive(Serialize)]
pub(super) struct OrganView<'a> {
    key: &'a str,
    name: &'a str,
    kind: &'static str,
    parent: Option<Link<'a>>,
    /// The organs that belong to it.
    children: Vec<Link<'a>>,
    office: Option<&'a Office>,
    /// 机构信息 from its profile, rendered.
    profile: Option<String>,
    /// 政府信息公开指南, 政府信息公开制度, 法定主动公开内容, 政府信息公开年报.
    parts: Vec<Part>,
    /// Its catalogue as open data.
    csv: String,
    latest: Vec<DocRow<'a>>,
}

/// An organ's column; `root` is its way back to the site root.
pub(super) fn view<'a>(
    site: &'a Site,
    o: &'a Organ,
    md: &markdown::Options,
    root: &str,
) -> OrganView<'a> {
    let profile = site.organ_files(&o.key).and_then(|f| f.profile.as_ref());
    let profile = profile.map(|p| {
        let resolve = super::text_resolver(site, &p.file, root);
        let (body, _) = crate::load::organs::body(&p.text);
        markdown::render_at(body, md, &resolve, 3)
    });
    let catalogue = View::Organ(o.key.clone(), None);
    let rules = View::OrganRules(o.key.clone());
    let reports = site.reports_of(Some(&o.key));
    let parts = vec![
        Part {
            title: "政府信息公开指南",
            path: o.guide_path(),
            note: "公开范围、申请渠道、工作机构和联系方式".into(),
        },
        Part {
            title: "政府信息公开制度",
            path: rules.path(),
            note: format!("{} 件", site.members(&rules).len()),
        },
        Part {
            title: "法定主动公开内容",
            path: catalogue.path(),
            note: format!("{} 件，按“五公开”分类", site.members(&catalogue).len()),
        },
        Part {
            title: "政府信息公开年报",
            path: o.reports_path(),
            note: match reports.keys().next_back() {
                Some(y) => format!("{} 份，最新为 {y} 年度", reports.len()),
                None => "暂无".into(),
            },
        },
    ];
    OrganView {
        key: &o.key,
        name: &o.name,
        kind: o.kind.zh(),
        parent: o
            .parent
            .as_deref()
            .and_then(|p| site.organ(p))
            .map(|p| Link {
                name: &p.name,
                path: p.path(),
            }),
        children: site
            .organs
            .iter()
            .filter(|c| c.parent.as_deref() == Some(o.key.as_str()))
            .map(|c| Link {
                name: &c.name,
                path: c.path(),
            })
            .collect(),
        office: o.office(&site.config),
        profile,
        parts,
        csv: urls::organ_catalogue_csv(&o.key),
        latest: site
            .members(&catalogue)
            .iter()
            .take(LATEST)
            .map(|&i| short_row(site, i))
            .collect(),
    }
}
