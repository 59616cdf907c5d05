//! The example portal of the repository, checked against its content read
//! independently of zwgk's own loader.

use serde_yaml_ng::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod fixture;

const TODAY: &str = fixture::EXAMPLE_TODAY;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example built once into a temp folder shared by the tests of this file.
fn output() -> &'static Path {
    fixture::example_output()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A document as the contract describes it, read with a plain YAML parser.
#[derive(Debug)]
struct Doc {
    index_no: String,
    category: String,
    domain: Option<String>,
    item: Option<String>,
    publisher: String,
    /// The other organs of a joint document: it is listed by each of them too.
    co_publishers: Vec<String>,
    year: String,
    topics: Vec<String>,
}

const ALIASES: &[(&str, &str)] = &[
    ("标题", "title"),
    ("索引号", "index_no"),
    ("发布机构", "publisher"),
    ("五公开", "category"),
    ("领域", "domain"),
    ("事项", "item"),
    ("公开属性", "disclosure"),
    ("保密审查", "review"),
    ("发布日期", "published"),
    ("成文日期", "created"),
    ("草稿", "draft"),
    ("主题分类", "topics"),
    ("联合发文机构", "co_publishers"),
];

fn front_matter(path: &Path) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = text
        .split("\n---")
        .next()
        .unwrap()
        .trim_start_matches("---");
    let map: BTreeMap<String, Value> = serde_yaml_ng::from_str(yaml).unwrap();
    map.into_iter()
        .map(|(k, v)| {
            (
                ALIASES
                    .iter()
                    .find(|(zh, _)| *zh == k)
                    .map_or(k, |(_, en)| en.to_string()),
                v,
            )
        })
        .collect()
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn published_docs() -> Vec<Doc> {
    let config: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("site.toml")).unwrap()).unwrap();
    let publishers = config["publishers"].as_array().unwrap();
    let key_of = |p: &str| {
        publishers
            .iter()
            .find(|x| x["key"].as_str() == Some(p) || x["name"].as_str() == Some(p))
            .map(|x| x["key"].as_str().unwrap().to_string())
            .unwrap()
    };
    let mut out = Vec::new();
    // `_`-prefixed files and folders (content/_reports/) are not documents.
    let walker = walkdir::WalkDir::new(repo().join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('_'));
    for e in walker {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy();
        if !name.ends_with(".md") || name.starts_with('_') {
            continue;
        }
        let fm = front_matter(e.path());
        let published = text(fm.get("published"));
        let public = text(fm.get("disclosure")).as_deref() == Some("主动公开")
            && fm.get("draft").and_then(Value::as_bool) != Some(true)
            && fm.contains_key("review")
            && published.as_deref().is_some_and(|p| p <= TODAY);
        if !public {
            continue;
        }
        let folder = e
            .path()
            .strip_prefix(repo().join("content"))
            .unwrap()
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let domain = text(fm.get("domain")).or_else(|| {
            repo()
                .join("content")
                .join(&folder)
                .join("_domain.yaml")
                .exists()
                .then_some(folder)
        });
        out.push(Doc {
            index_no: text(fm.get("index_no")).unwrap(),
            category: text(fm.get("category")).unwrap(),
            item: text(fm.get("item")),
            domain,
            publisher: key_of(&text(fm.get("publisher")).unwrap()),
            co_publishers: fm
                .get("co_publishers")
                .and_then(Value::as_sequence)
                .map(|s| {
                    s.iter()
                        .filter_map(|v| text(Some(v)))
                        .map(|p| key_of(&p))
                        .collect()
                })
                .unwrap_or_default(),
            year: text(fm.get("created")).unwrap()[..4].to_string(),
            topics: fm
                .get("topics")
                .and_then(Value::as_sequence)
                .map(|s| s.iter().filter_map(|v| text(Some(v))).collect())
                .unwrap_or_default(),
        });
    }
    out
}

/// "共 N 条" on a catalogue page.
fn listed_count(rel: &str) -> usize {
    let page = read(rel);
    let at = page
        .find("共 ")
        .unwrap_or_else(|| panic!("no count in {rel}"));
    page[at + "共 ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn open_data_lists_exactly_the_published_documents() {
    let expected: BTreeSet<String> = published_docs().into_iter().map(|d| d.index_no).collect();
    assert!(
        expected.len() >= 40,
        "the example has at least 40 published documents"
    );
    let json: serde_json::Value = serde_json::from_str(&read("catalogue.json")).unwrap();
    let got: BTreeSet<String> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["index_no"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        json["document_count"].as_u64().unwrap() as usize,
        expected.len()
    );

    let bytes = std::fs::read(output().join("catalogue.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "索引号");
    let rows: BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn catalogue_counts_match_the_content() {
    let docs = published_docs();
    assert_eq!(listed_count("catalogue/index.html"), docs.len());
    for (slug, zh) in [
        ("decision", "决策公开"),
        ("execution", "执行公开"),
        ("management", "管理公开"),
        ("service", "服务公开"),
        ("result", "结果公开"),
    ] {
        let n = docs
            .iter()
            .filter(|d| d.category == zh || d.category == slug)
            .count();
        assert!(n > 0, "the example covers {zh}");
        assert_eq!(
            listed_count(&format!("catalogue/{slug}/index.html")),
            n,
            "{zh}"
        );
    }
    let mut by_publisher: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_year: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &docs {
        *by_publisher.entry(&d.publisher).or_default() += 1;
        for co in &d.co_publishers {
            *by_publisher.entry(co).or_default() += 1;
        }
        *by_year.entry(&d.year).or_default() += 1;
    }
    assert!(by_publisher.len() >= 2);
    for (p, n) in by_publisher {
        assert_eq!(
            listed_count(&format!("publishers/{p}/index.html")),
            n,
            "{p}"
        );
    }
    for (y, n) in by_year {
        assert_eq!(listed_count(&format!("years/{y}/index.html")), n, "{y}");
    }
    let topics = read("topics/index.html");
    let all_topics: BTreeSet<&String> = docs.iter().flat_map(|d| &d.topics).collect();
    for t in all_topics {
        let n = docs.iter().filter(|d| d.topics.contains(t)).count();
        assert!(
            topics.contains(&format!("{t}</a> <span class=\"count\">{n} 件")),
            "topic {t}: {n}"
        );
    }
}

#[test]
fn pagination_covers_every_document_once() {
    let docs = published_docs();
    let pages = docs.len().div_ceil(20);
    let mut seen = BTreeSet::new();
    for n in 1..=pages {
        let rel = if n == 1 {
            "catalogue/index.html".to_string()
        } else {
            format!("catalogue/page/{n}/index.html")
        };
        let page = read(&rel);
        for d in &docs {
            if page.contains(&format!(">{}</td>", d.index_no)) {
                assert!(
                    seen.insert(d.index_no.clone()),
                    "{} listed twice",
                    d.index_no
                );
            }
        }
        assert_eq!(page.contains("rel=\"next\""), n < pages, "{rel}");
        assert_eq!(page.contains("rel=\"prev\""), n > 1, "{rel}");
    }
    assert_eq!(seen.len(), docs.len());
    assert!(!output()
        .join(format!("catalogue/page/{}/index.html", pages + 1))
        .exists());
}

#[test]
fn domain_coverage_matches_the_item_lists() {
    let docs = published_docs();
    let mut domains = 0;
    for e in std::fs::read_dir(repo().join("content")).unwrap() {
        let dir = e.unwrap().path();
        let yaml = dir.join("_domain.yaml");
        if !yaml.exists() {
            continue;
        }
        domains += 1;
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let list: Value =
            serde_yaml_ng::from_str(&std::fs::read_to_string(&yaml).unwrap()).unwrap();
        let mut leaves: Vec<(String, String)> = Vec::new();
        fn walk(items: &Value, out: &mut Vec<(String, String)>) {
            for it in items.as_sequence().into_iter().flatten() {
                match it.get("children") {
                    Some(c) => walk(c, out),
                    None => out.push((text(it.get("id")).unwrap(), text(it.get("name")).unwrap())),
                }
            }
        }
        walk(&list["items"], &mut leaves);
        let in_domain: Vec<&Doc> = docs
            .iter()
            .filter(|d| d.domain.as_deref() == Some(&slug))
            .collect();
        let covered = leaves
            .iter()
            .filter(|(id, name)| {
                in_domain
                    .iter()
                    .any(|d| d.item.as_deref() == Some(id) || d.item.as_deref() == Some(name))
            })
            .count();
        assert!(
            covered < leaves.len(),
            "{slug}: the example leaves some items empty"
        );
        let page = read(&format!("domains/{slug}/index.html"));
        let line = format!(
            "{covered} / {} 个事项已有公开文件，共 {} 件文件",
            leaves.len(),
            in_domain.len()
        );
        assert!(page.contains(&line), "{slug}: expected {line}");
        assert_eq!(
            page.matches("暂无公开文件").count(),
            leaves.len() - covered,
            "{slug}: empty items marked"
        );
    }
    assert!(domains >= 4);
}

#[test]
fn documents_link_to_their_interpretations_both_ways() {
    let json: serde_json::Value = serde_json::from_str(&read("catalogue.json")).unwrap();
    let docs = json["documents"].as_array().unwrap();
    let path_of = |index_no: &str| format!("docs/{}/index.html", index_no.replace('/', "-"));
    let mut pairs = 0;
    for d in docs {
        let Some(target) = d["interprets"].as_str() else {
            continue;
        };
        pairs += 1;
        let me = d["index_no"].as_str().unwrap();
        assert!(
            read(&path_of(me)).contains(&format!("../../{}", path_of(target))),
            "{me} links to {target}"
        );
        assert!(
            read(&path_of(target)).contains(&format!("../../{}", path_of(me))),
            "{target} links back to {me}"
        );
    }
    assert!(pairs >= 6);
    let abolished = docs
        .iter()
        .find(|d| d["validity"] == "废止")
        .expect("an abolished policy");
    let page = read(&path_of(abolished["index_no"].as_str().unwrap()));
    assert!(
        page.contains("本文件已于") && page.contains("废止</strong>"),
        "{page}"
    );
}

/// The example shows documents over time (issue 18): a repealed normative document
/// and what repealed it, an amended one, one past its term, an open and a closed
/// consultation with its feedback and decision, a joint document.
#[test]
fn the_example_shows_documents_over_time() {
    let json: serde_json::Value = serde_json::from_str(&read("catalogue.json")).unwrap();
    let docs = json["documents"].as_array().unwrap();
    let path_of = |index_no: &str| format!("docs/{}/index.html", index_no.replace('/', "-"));
    let find = |what: &str, f: &dyn Fn(&serde_json::Value) -> bool| {
        docs.iter()
            .find(|d| f(d))
            .unwrap_or_else(|| panic!("the example has {what}"))
            .clone()
    };
    let index = |d: &serde_json::Value| d["index_no"].as_str().unwrap().to_string();

    let repealed = find("a repealed document with its repealer", &|d| {
        d["validity"] == "废止" && d["abolished_by"].is_string()
    });
    let by = repealed["abolished_by"].as_str().unwrap();
    assert!(read(&path_of(&index(&repealed))).contains(&path_of(by)));
    assert!(read(&path_of(by)).contains(&path_of(&index(&repealed))));
    assert!(read("policies/archive/index.html").contains(repealed["title"].as_str().unwrap()));

    let amended = find("an amended document", &|d| d["validity"] == "已修改");
    let by = amended["amended_by"][0].as_str().unwrap();
    assert!(read(&path_of(&index(&amended))).contains(&path_of(by)));
    assert!(read(&path_of(by)).contains("本文件修改的文件"));

    let expired = find("a document past its term", &|d| {
        d["validity"] == "失效" && d["valid_until"].as_str().is_some_and(|u| u < TODAY)
    });
    assert!(read(&path_of(&index(&expired))).contains("已失效"));

    let consultations = read("consultations/index.html");
    assert!(consultations.contains("征集中") && consultations.contains("已结束"));
    let feedback = find("feedback on a consultation", &|d| {
        d["feedback_for"].is_string()
    });
    let draft = feedback["feedback_for"].as_str().unwrap();
    assert!(read(&path_of(draft)).contains(&path_of(&index(&feedback))));
    let decision = find("a decision after a consultation", &|d| {
        d["consulted"].is_string()
    });
    assert!(read(&path_of(decision["consulted"].as_str().unwrap())).contains("最终决定"));

    let joint = find("a joint document", &|d| {
        d["co_publishers"].as_array().is_some_and(|a| !a.is_empty())
    });
    let co = joint["co_publishers"][0]["key"].as_str().unwrap();
    assert!(read(&format!("publishers/{co}/index.html")).contains(joint["title"].as_str().unwrap()));
    assert!(read("policies/index.html").contains("联合发文"));
}

/// Every relative link and resource of every page points to a file of the output.
#[test]
fn all_internal_links_resolve() {
    let mut checked = 0;
    for rel in fixture::files(output()) {
        if rel.extension().is_none_or(|e| e != "html") || rel == Path::new("404.html") {
            continue;
        }
        let page = std::fs::read_to_string(output().join(&rel)).unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in page.split(attr).skip(1) {
                let link = &part[..part.find('"').unwrap()];
                if link.contains("://")
                    || link.starts_with("mailto:")
                    || link.starts_with('#')
                    || link.starts_with("data:")
                {
                    continue;
                }
                let path = link.split(['#', '?']).next().unwrap();
                // As a browser reads it: `%E8%A1%A8` is `表`, `%23` a `#` in the name.
                let path = percent_encoding::percent_decode_str(path)
                    .decode_utf8()
                    .unwrap()
                    .into_owned();
                let target: PathBuf = rel.parent().unwrap().join(path);
                let target = normalize(&target);
                assert!(
                    output().join(&target).is_file(),
                    "{} links to missing {link}",
                    rel.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "checked {checked} links");
}

/// The site-relative pages and files `rel` links to inside the portal.
fn internal_links(rel: &Path, page: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in page.split(attr).skip(1) {
            let link = &part[..part.find('"').unwrap()];
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            let path = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap()
                .into_owned();
            out.push(normalize(&rel.parent().unwrap().join(path)));
        }
    }
    out
}

/// Issue 16: from the organs' navigation, links reach every organ's column and its
/// four parts (guide, 制度, catalogue, reports), each a page that exists.
#[test]
fn every_organs_four_parts_are_reachable_from_the_organs_page() {
    let start = PathBuf::from("organs/index.html");
    let mut seen = std::collections::BTreeSet::from([start.clone()]);
    let mut queue = vec![start];
    // Two steps: the navigation, then each organ's column.
    for _ in 0..2 {
        let mut next = Vec::new();
        for rel in queue.drain(..) {
            let page = read(rel.to_str().unwrap());
            for target in internal_links(&rel, &page) {
                if target.extension().is_some_and(|e| e == "html") && seen.insert(target.clone()) {
                    assert!(
                        output().join(&target).is_file(),
                        "{} links to missing {}",
                        rel.display(),
                        target.display()
                    );
                    next.push(target);
                }
            }
        }
        queue = next;
    }
    let config = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    let keys: Vec<&str> = config
        .lines()
        .filter_map(|l| l.strip_prefix("key = \""))
        .map(|k| k.trim_end_matches('"'))
        .collect();
    assert!(keys.len() >= 5, "{keys:?}");
    for (i, key) in keys.iter().enumerate() {
        let (guide, reports) = if i == 0 {
            (
                "guide/index.html".to_string(),
                "reports/index.html".to_string(),
            )
        } else {
            (
                format!("organs/{key}/guide/index.html"),
                format!("organs/{key}/reports/index.html"),
            )
        };
        for part in [
            format!("organs/{key}/index.html"),
            guide,
            format!("organs/{key}/rules/index.html"),
            format!("organs/{key}/catalogue/index.html"),
            reports,
        ] {
            assert!(
                seen.contains(Path::new(&part)),
                "{part} is not reached from organs/"
            );
        }
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "link climbs above the site: {}", p.display());
            }
            std::path::Component::Normal(s) => out.push(s),
            _ => {}
        }
    }
    out
}

#[test]
fn the_404_page_links_absolutely_under_the_base_path() {
    let page = read("404.html");
    assert!(page.contains("href=\"/xxgk/index.html\""), "{page}");
}

#[test]
fn withheld_example_documents_are_absent() {
    for rel in fixture::files(output()) {
        let bytes = std::fs::read(output().join(&rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("WITHHELD-MARKER") && !text.contains("DRAFT-MARKER"),
            "{}",
            rel.display()
        );
        assert!(!rel.to_string_lossy().contains("MARKER"));
    }
}

/// The example's one 部分公开 document is published with a note saying so; the
/// review's statement of what was removed is a record, never in the output.
#[test]
fn the_partly_public_example_says_so_but_not_what_was_removed() {
    let fm =
        front_matter(&repo().join("content/zdjsxm/2025-water-supply-preliminary-design-reply.md"));
    let review = fm["review"].as_mapping().unwrap();
    assert_eq!(text(review.get("conclusion")).as_deref(), Some("部分公开"));
    let statement: String = text(review.get("redacted"))
        .unwrap()
        .chars()
        .take(12)
        .collect();
    let page = read("docs/005283556-2025-00017/index.html");
    assert!(page.contains("<strong>部分公开</strong>"), "{page}");
    for rel in fixture::files(output()) {
        let bytes = std::fs::read(output().join(&rel)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&statement),
            "{}",
            rel.display()
        );
    }
}

/// The example has annual reports for at least two years; each shows the figures of
/// its data file, and its applications table adds up as the format requires.
#[test]
fn the_example_reports_show_their_data_and_add_up() {
    let mut years = Vec::new();
    for e in std::fs::read_dir(repo().join("content/_reports")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "yaml") {
            years.push(path);
        }
    }
    years.sort();
    assert!(years.len() >= 2, "{years:?}");
    let index = read("reports/index.html");
    for path in years {
        let year = path.file_stem().unwrap().to_str().unwrap().to_string();
        assert!(
            index.contains(&format!("href=\"../reports/{year}/index.html\"")),
            "{year} listed"
        );
        let data: Value =
            serde_yaml_ng::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let page = read(&format!("reports/{year}/index.html"));
        let table = &page[page.find("id=\"applications\"").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        let rows: Vec<Vec<u64>> = table
            .split("<tr")
            .skip(4) // the three header rows and the text before them
            .map(|tr| {
                tr.split("<td>")
                    .skip(1)
                    .map(|c| c[..c.find("</td>").unwrap()].parse().unwrap())
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), 25, "{year}: every row of the format");
        let new: Vec<u64> = data["依申请公开"]["本年新收"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(
            rows[0][..6],
            new[..6],
            "{year}: 本年新收 as in the data file"
        );
        for c in 0..7 {
            assert_eq!(
                rows[0][c] + rows[1][c],
                rows[23][c] + rows[24][c],
                "{year}, column {c}"
            );
            assert_eq!(
                rows[23][c],
                rows[2..23].iter().map(|r| r[c]).sum::<u64>(),
                "{year}: 总计 is the sum"
            );
        }
    }
}
