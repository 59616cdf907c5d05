//! The search page in headless Chromium, against the example portal served
//! from a sub-path over loopback and opened from disk (file://): the browser
//! must return exactly what the Rust reference searcher returns, for every
//! query the issue's "done when" lists and more.

mod support;

use serde_json::Value;
use support::browser::Browser;
use support::portal::{Portal, PREFIX};
use support::search_reference::Searcher;
use support::{element_text, file_url, Server};

/// Queries beyond the expectations: edge cases of the tokenizer.
const EXTRA: &[&str] = &[
    "审",
    "审查",
    "审查 公开",
    "示政办〔２０２５〕１１号",
    "示政办[2025]11号",
    "11号",
    "ＰＭ",
    "2025年",
    "政务公开工作要点",
    "constructor",
    "toString",
    "__proto__",
    "",
    "   ",
    "，。",
    "𠀀𠀁",
    "公开的",
    "Ａ",
    "005283505",
];

/// A page that runs every query through `zwgkSearch.search` and prints
/// `[[query, terms, [[id, score], ...]], ...]` as JSON.
fn write_runner(portal: &Portal, name: &str, queries: &[String]) {
    let list = serde_json::to_string(queries).unwrap();
    let html = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>runner</title></head><body>
<pre id="out">pending</pre>
<script src="../assets/search.js" data-index="./"></script>
<script>
(async function () {{
  var queries = {list};
  var out = [];
  for (var i = 0; i < queries.length; i++) {{
    var r = await zwgkSearch.search(queries[i]);
    out.push([queries[i], r.terms, r.hits.map(function (h) {{ return [h.id, h.score]; }})]);
  }}
  document.getElementById("out").textContent = JSON.stringify(out);
}})().catch(function (e) {{ document.getElementById("out").textContent = "ERROR " + e; }});
</script></body></html>"#
    );
    std::fs::write(portal.out.join("search").join(name), html).unwrap();
}

/// The runner page has printed its results.
const RUNNER_DONE: &str =
    "var o = document.getElementById('out'); return !!o && o.textContent !== 'pending';";

/// The search page has read its URL and shown a message or its results.
const SEARCH_DONE: &str = "var a = document.getElementById('search-app'); \
    var s = document.getElementById('search-status'); \
    return !!a && !a.hidden && !a.hasAttribute('aria-busy') && s.textContent !== '' && s.textContent !== '正在搜索…';";

/// Per query: its terms and its hits, as the browser returned them.
type Results = std::collections::HashMap<String, (Value, Value)>;

fn run(browser: &Browser, url: &str) -> Results {
    let dom = browser.dom_when_ready(url, RUNNER_DONE);
    let text =
        element_text(&dom, "out").unwrap_or_else(|| panic!("no output element in {url}:\n{dom}"));
    let rows: Vec<(String, Value, Value)> = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("the runner failed on {url}: {text}"));
    rows.into_iter()
        .map(|(q, terms, hits)| (q, (terms, hits)))
        .collect()
}

fn queries(portal: &Portal) -> Vec<String> {
    let mut q: Vec<String> = portal.expectations().into_iter().map(|e| e.query).collect();
    q.extend(portal.markers.iter().cloned());
    q.extend(EXTRA.iter().map(|s| s.to_string()));
    q.sort();
    q.dedup();
    q
}

/// The browser's results equal the reference's, query by query.
fn assert_same_as_reference(searcher: &Searcher, results: &Results, queries: &[String]) {
    let mut differences = Vec::new();
    for q in queries {
        let (terms, hits) = results
            .get(q)
            .unwrap_or_else(|| panic!("no result for {q:?}"));
        let want: Vec<Value> = searcher
            .search(q)
            .unwrap()
            .iter()
            .map(|h| serde_json::json!([h.id, h.score]))
            .collect();
        if *hits != Value::Array(want.clone()) {
            differences.push(format!("{q:?}: browser {hits}\n  reference {want:?}"));
        }
        assert_eq!(
            *terms,
            serde_json::json!(zwgk::datafiles::search::tokenize::query_terms(q)),
            "terms of {q:?}"
        );
    }
    assert!(
        differences.is_empty(),
        "{} of {} queries differ:\n{}",
        differences.len(),
        queries.len(),
        differences.join("\n")
    );
}

#[test]
fn the_browser_finds_what_the_reference_finds_over_http_and_from_disk() {
    if support::chromium().is_none() {
        return;
    }
    let browser = Browser::start();
    let portal = Portal::build();
    let searcher = Searcher::open(&portal.out).expect("the index opens");
    let queries = queries(&portal);
    write_runner(&portal, "runner.html", &queries);

    let server = Server::start(&portal.out, PREFIX);
    let results = run(&browser, &format!("{}search/runner.html", server.base));
    assert_same_as_reference(&searcher, &results, &queries);

    // The issue's "done when", checked on what the browser returned.
    let index_no_of = |id: &Value| {
        searcher
            .row(id[0].as_u64().unwrap() as u32)
            .unwrap()
            .index_no
    };
    let failures: Vec<String> = portal
        .expectations()
        .iter()
        .filter_map(|e| {
            let hits = results[&e.query].1.as_array().unwrap();
            e.check(&hits.iter().map(index_no_of).collect::<Vec<_>>())
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for m in &portal.markers {
        assert_eq!(results[m].1, serde_json::json!([]), "{m}");
    }

    // From disk: the same files, loaded with <script> from file://.
    let sample: Vec<String> = queries.iter().step_by(7).cloned().collect();
    write_runner(&portal, "runner-disk.html", &sample);
    let results = run(
        &browser,
        &file_url(&portal.out.join("search/runner-disk.html")),
    );
    assert_same_as_reference(&searcher, &results, &sample);
}

#[test]
fn the_search_page_shows_marked_results_counts_filters_and_messages() {
    if support::chromium().is_none() {
        return;
    }
    let browser = Browser::start();
    let portal = Portal::build();
    let searcher = Searcher::open(&portal.out).expect("the index opens");
    let server = Server::start(&portal.out, PREFIX);
    let page = |query: &str| {
        browser.dom_when_ready(
            &format!("{}search/index.html?{query}", server.base),
            SEARCH_DONE,
        )
    };

    let total = searcher.search("审查").unwrap().len();
    assert!(total > 10, "the example has more than a page of 审查");
    let dom = page("q=%E5%AE%A1%E6%9F%A5");
    assert!(dom.contains(&format!("找到 {total} 条结果")), "{dom}");
    assert!(dom.contains("<mark>审查</mark>"));
    assert_eq!(
        dom.matches("class=\"search-hit\"").count(),
        10,
        "the first page shows ten results"
    );
    assert!(dom.contains("id=\"search-more\""));
    assert!(
        !dom.contains("id=\"search-more\" class=\"search-more\" type=\"button\" hidden"),
        "more results can be shown"
    );
    assert!(
        dom.contains("<title>审查 - 搜索"),
        "the query is read from the URL"
    );
    let first = searcher
        .row(searcher.search("审查").unwrap()[0].id)
        .unwrap();
    assert!(
        dom.contains(&format!("href=\"../{}index.html\"", first.path)),
        "links are relative to the page"
    );
    for label in ["发布机构：", "发布日期：", "索引号："] {
        assert!(dom.contains(label), "{label}");
    }
    assert!(
        dom.contains("全部（") && dom.contains("决策公开（"),
        "filters with counts"
    );

    // A filter from the URL narrows the list and says so.
    let in_2024 = searcher
        .search("审查")
        .unwrap()
        .iter()
        .filter(|h| searcher.group(h.id).unwrap()[0] == 2024)
        .count();
    let dom = page("q=%E5%AE%A1%E6%9F%A5&year=2024");
    assert!(
        dom.contains(&format!("找到 {total} 条结果，筛选后 {in_2024} 条")),
        "{dom}"
    );

    // And by 有效性: the documents no longer in force on the day of the build.
    let not_in_force = searcher
        .search("审查")
        .unwrap()
        .iter()
        .filter(|h| searcher.group(h.id).unwrap()[4] == 0)
        .count();
    assert!(
        not_in_force > 0,
        "the example has a repealed policy on 审查"
    );
    let dom = page("q=%E5%AE%A1%E6%9F%A5&valid=0");
    assert!(
        dom.contains(&format!("找到 {total} 条结果，筛选后 {not_in_force} 条")),
        "{dom}"
    );
    assert!(
        dom.contains("现行有效（") && dom.contains("已失效、废止（"),
        "{dom}"
    );

    // And by 发布机构 (the lead organ), with counts, from the result ids alone.
    let hits = searcher.search("审查").unwrap();
    let organ_of = |id: u32| searcher.group(id).unwrap()[5];
    let organ = organ_of(hits[0].id);
    let of_organ = hits.iter().filter(|h| organ_of(h.id) == organ).count();
    assert!(
        of_organ < total,
        "the example's 审查 documents come from several organs"
    );
    let name = &searcher.meta.publishers[organ as usize];
    let dom = page(&format!("q=%E5%AE%A1%E6%9F%A5&pub={organ}"));
    assert!(
        dom.contains(&format!("找到 {total} 条结果，筛选后 {of_organ} 条")),
        "{dom}"
    );
    assert!(dom.contains(&format!("{name}（{of_organ}）")), "{dom}");
    for row in dom.split("class=\"search-hit-meta\"").skip(1) {
        let publisher = row.split("发布机构：").nth(1).unwrap_or("");
        assert!(publisher.starts_with(name.as_str()), "only {name}: {row}");
    }

    let dom = page("q=WITHHELD-MARKER-1");
    assert!(
        dom.contains("没有找到与“WITHHELD-MARKER-1”相关的信息"),
        "{dom}"
    );

    let dom = page("");
    assert!(dom.contains("请输入要查找的"), "{dom}");

    // From disk, a document number leads to its document.
    let (index_no, _, doc_no) = portal.docs.iter().find(|d| d.2.is_some()).unwrap();
    let url = format!(
        "{}?q={}",
        file_url(&portal.out.join("search/index.html")),
        percent_encode(doc_no.as_deref().unwrap())
    );
    let dom = browser.dom_when_ready(&url, SEARCH_DONE);
    let first = searcher
        .row(searcher.search(doc_no.as_deref().unwrap()).unwrap()[0].id)
        .unwrap();
    assert_eq!(&first.index_no, index_no);
    assert!(
        dom.contains(&format!("href=\"../{}index.html\"", first.path)),
        "{dom}"
    );
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
