//! Stage 4: plan the output — every page to render and every file to copy.
//!
//! The plan is a flat list, so rendering can run it in parallel and `serve` can
//! re-run just the part of it that a change touches.
//!
//! Output paths are unique by construction: the rules refuse a document address or
//! an item page used twice (`index/duplicate-url`, `domain/duplicate-item-url`),
//! and [`plan`] checks it again over every page and copied file, so a clash that
//! slips past them (a hash collision, an attachment named `index.html`) stops the
//! build (`files/output-clash`) instead of silently overwriting a published page.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::urls::{self, attachment_output, doc_path, same_path_key};
use crate::publish::catalogue::{page_count, View};
use crate::publish::site::Site;
use rustc_hash::FxHashMap;

/// What a page shows; the renderer picks the template and context from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// Position in `Site::docs`.
    Document(usize),
    /// Page `page` (1-based) of a catalogue view.
    Catalogue {
        view: View,
        page: usize,
    },
    /// The list of all values of one way of browsing (all topics, all years, ...).
    Index(IndexKind),
    /// A domain's standard item list, by slug.
    Domain(String),
    Guide,
    /// The annual reports by year.
    Reports,
    /// The annual report of a year.
    Report(i32),
    /// How to request information, with the application form.
    Apply,
    NotFound,
    /// The search page; its index files come from `crate::datafiles::search`.
    Search,
    /// 意见征集: the consultations, open and closed.
    Consultations,
    /// 信息公开单位导航: every organ, by kind.
    Organs,
    /// An organ's column (its key): 机构信息 and its four parts.
    Organ(String),
    /// An organ's guide (not the first organ's: that is [`PageKind::Guide`]).
    OrganGuide(String),
    /// An organ's annual reports, and one of them (not the first organ's: those are
    /// [`PageKind::Reports`] and [`PageKind::Report`]).
    OrganReports(String),
    OrganReport(String, i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexKind {
    Domains,
    Topics,
    Publishers,
    Years,
}

impl IndexKind {
    pub const ALL: [IndexKind; 4] = [
        IndexKind::Domains,
        IndexKind::Topics,
        IndexKind::Publishers,
        IndexKind::Years,
    ];

    pub fn path(self) -> &'static str {
        match self {
            IndexKind::Domains => urls::DOMAINS,
            IndexKind::Topics => urls::TOPICS,
            IndexKind::Publishers => urls::PUBLISHERS,
            IndexKind::Years => urls::YEARS,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            IndexKind::Domains => "重点领域",
            IndexKind::Topics => "按主题分类",
            IndexKind::Publishers => "按发布机构",
            IndexKind::Years => "按年份",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output-relative file path, e.g. `docs/x/index.html`.
    pub output: String,
    pub kind: PageKind,
}

/// A file copied as is: an attachment of a published document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Site-relative source path.
    pub source: String,
    /// Output-relative destination.
    pub output: String,
}

pub struct Plan {
    pub pages: Vec<Page>,
    pub copies: Vec<Copy>,
}

/// Every page and copied file of the site; fails if two would share an output path.
pub fn plan(site: &Site) -> Result<Plan, Diagnostics> {
    let mut pages = vec![
        page(urls::HOME, PageKind::Home),
        page(urls::GUIDE, PageKind::Guide),
        Page {
            output: urls::NOT_FOUND.into(),
            kind: PageKind::NotFound,
        },
        page(urls::SEARCH_DIR, PageKind::Search),
    ];
    for kind in IndexKind::ALL {
        pages.push(page(kind.path(), PageKind::Index(kind)));
    }
    pages.push(page(urls::REPORTS, PageKind::Reports));
    for &year in site.reports.keys() {
        pages.push(page(&urls::report_dir(year), PageKind::Report(year)));
    }
    if !site.organs.is_empty() {
        pages.push(page(urls::ORGANS, PageKind::Organs));
    }
    for o in &site.organs {
        pages.push(page(&o.path(), PageKind::Organ(o.key.clone())));
        if o.first {
            continue;
        }
        pages.push(page(&o.guide_path(), PageKind::OrganGuide(o.key.clone())));
        pages.push(page(
            &o.reports_path(),
            PageKind::OrganReports(o.key.clone()),
        ));
        for &year in site.reports_of(Some(&o.key)).keys() {
            pages.push(page(
                &o.report_path(year),
                PageKind::OrganReport(o.key.clone(), year),
            ));
        }
    }
    pages.push(page(urls::APPLY, PageKind::Apply));
    pages.push(page(urls::CONSULTATIONS, PageKind::Consultations));
    for slug in site.domains.keys() {
        pages.push(page(&urls::domain(slug), PageKind::Domain(slug.clone())));
        // the domain's own catalogue view exists even when it is still empty
        if site.members(&View::Domain(slug.clone())).is_empty() {
            pages.push(page(
                &View::Domain(slug.clone()).path(),
                PageKind::Catalogue {
                    view: View::Domain(slug.clone()),
                    page: 1,
                },
            ));
        }
    }
    for (view, members) in &site.views {
        let dir = view.path();
        for n in 1..=page_count(members.len(), site.config.page_size) {
            pages.push(page(
                &urls::numbered_page(&dir, n),
                PageKind::Catalogue {
                    view: view.clone(),
                    page: n,
                },
            ));
        }
    }
    let mut copies = Vec::new();
    for (i, d) in site.docs.iter().enumerate() {
        let dir = doc_path(d);
        pages.push(page(&dir, PageKind::Document(i)));
        for a in &d.attachments {
            copies.push(Copy {
                source: a.source.clone(),
                output: attachment_output(&dir, &a.file),
            });
        }
    }
    let plan = Plan { pages, copies };
    check_unique(site, &plan)?;
    Ok(plan)
}

/// No two pages, and no page and a copied file, share an output path; two copies of one
/// source file to one place (an attachment listed twice) are one file.
fn check_unique(site: &Site, plan: &Plan) -> Result<(), Diagnostics> {
    let mut taken: FxHashMap<String, (&str, Origin)> = FxHashMap::default();
    taken.reserve(plan.pages.len() + plan.copies.len());
    let pages = plan
        .pages
        .iter()
        .map(|p| (p.output.as_str(), Origin::Page(&p.kind)));
    let copies = plan
        .copies
        .iter()
        .map(|c| (c.output.as_str(), Origin::Copy(&c.source)));
    for (output, origin) in pages.chain(copies) {
        match taken.entry(same_path_key(output)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((output, origin));
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let (first_output, first) = o.get();
                if matches!((first, &origin), (Origin::Copy(a), Origin::Copy(b)) if a == b) {
                    continue;
                }
                return Err(clash(site, first_output, first, output, &origin).into());
            }
        }
    }
    Ok(())
}

/// What an output path is made from, for the message when two meet.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Page(&'a PageKind),
    /// An attachment: its site-relative source.
    Copy(&'a str),
}

impl Origin<'_> {
    /// The file the page or copy comes from, and what it is, in Chinese and English.
    fn describe(self, site: &Site) -> (String, String, String) {
        let domain_file = |slug: &str| {
            site.domains.get(slug).map_or_else(
                || crate::layout::CONFIG_FILE.to_string(),
                |d| d.file.clone(),
            )
        };
        match self {
            Origin::Copy(source) => (source.to_string(), "附件".into(), "attachment".into()),
            Origin::Page(PageKind::Document(i)) => (
                site.docs[*i].file.clone(),
                "文件页面".into(),
                "document page".into(),
            ),
            Origin::Page(PageKind::Domain(slug)) => {
                (domain_file(slug), "领域页面".into(), "domain page".into())
            }
            Origin::Page(PageKind::Catalogue { view, .. }) => {
                let file = match view {
                    View::Domain(slug) | View::Item(slug, _) => domain_file(slug),
                    _ => crate::layout::CONFIG_FILE.to_string(),
                };
                let (zh, en) = match view {
                    View::Item(_, id) => (
                        format!("事项“{id}”的页面"),
                        format!("page of item \"{id}\""),
                    ),
                    View::Topic(t) => {
                        (format!("主题“{t}”的页面"), format!("page of topic \"{t}\""))
                    }
                    _ => ("目录页面".into(), "catalogue page".into()),
                };
                (file, zh, en)
            }
            Origin::Page(_) => (
                crate::layout::CONFIG_FILE.to_string(),
                "网站页面".into(),
                "site page".into(),
            ),
        }
    }
}

fn clash(
    site: &Site,
    first_output: &str,
    first: &Origin,
    output: &str,
    second: &Origin,
) -> Diagnostic {
    let (file_a, zh_a, en_a) = first.describe(site);
    let (file_b, zh_b, en_b) = second.describe(site);
    let same = if first_output == output {
        String::new()
    } else {
        format!("（与 {first_output} 只有大小写不同，在 Windows 上是同一个文件）")
    };
    let same_en = if first_output == output {
        String::new()
    } else {
        format!(" (the same file as {first_output} on Windows, where case is ignored)")
    };
    Diagnostic::error("files/output-clash", &file_b)
        .msg(
            format!("{file_b} 的{zh_b}和 {file_a} 的{zh_a}要写到同一个位置 {output}{same}，一个会覆盖另一个，因此不生成网站"),
            format!("the {en_b} of {file_b} and the {en_a} of {file_a} would both be written to {output}{same_en}: one would overwrite the other, so nothing is built"),
        )
        .fix(
            "改动其中一个，使它们的网址不同（文件的 slug 或索引号、事项编号、主题名称、附件文件名）",
            "change one of them so their addresses differ (a document's slug or index number, an item id, a topic name, an attachment's file name)",
        )
}

/// A page that is a folder with `index.html`.
pub fn page(dir: &str, kind: PageKind) -> Page {
    Page {
        output: urls::page(dir),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_of_three() -> Site {
        use crate::rules::testing::{doc, Fixture};
        let f = Fixture::new();
        for (i, name) in ["a", "b", "c"].iter().enumerate() {
            let body = if *name == "c" {
                "[附件](files/x.pdf)"
            } else {
                "正文"
            };
            let extra: &[(&str, &str)] = if *name == "c" {
                &[("attachments", "[{title: 附件, file: files/x.pdf}]")]
            } else {
                &[]
            };
            f.write(
                &format!("content/{name}.md"),
                &doc(i as u32 + 1, extra, body),
            );
        }
        f.write("content/files/x.pdf", "%PDF");
        let (y, m, d) = crate::rules::testing::TODAY;
        let today = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let (loaded, ds) = crate::build::Session::new(f.root(), false)
            .check(today)
            .unwrap();
        assert!(!ds.has_errors(), "{ds:?}");
        let site = crate::publish::publish(loaded, today, false, None);
        assert_eq!(site.docs.len(), 3);
        site
    }

    fn position(site: &Site, file: &str) -> usize {
        site.by_file[file]
    }

    #[test]
    fn two_pages_on_one_path_fail_the_plan_naming_both() {
        let mut site = site_of_three();
        assert!(plan(&site).is_ok());
        let (a, b) = (
            position(&site, "content/a.md"),
            position(&site, "content/b.md"),
        );
        let segment = site.docs[a].url_segment.to_uppercase();
        std::sync::Arc::make_mut(&mut site.docs[b]).url_segment = segment;
        let e = plan(&site).err().expect("a clash");
        assert_eq!(e[0].rule, "files/output-clash");
        for file in ["content/a.md", "content/b.md"] {
            assert!(
                e[0].message_zh.contains(file) && e[0].message_en.contains(file),
                "{e:?}"
            );
        }
    }

    #[test]
    fn a_page_and_a_copied_file_on_one_path_fail_the_plan() {
        let mut site = site_of_three();
        let c = position(&site, "content/c.md");
        let doc = std::sync::Arc::make_mut(&mut site.docs[c]);
        doc.attachments[0].file = "index.html".into();
        let e = plan(&site).err().expect("a clash");
        assert_eq!(e[0].rule, "files/output-clash");
        assert!(
            e[0].message_en.contains("content/c.md") && e[0].message_en.contains("attachment"),
            "{e:?}"
        );

        // The same file listed twice is copied once: no clash.
        let mut site = site_of_three();
        let doc = std::sync::Arc::make_mut(&mut site.docs[c]);
        let again = doc.attachments[0].clone();
        doc.attachments.push(again);
        assert!(plan(&site).is_ok());
    }
}
