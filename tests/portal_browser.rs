//! The example portal as citizens and inspectors see it (issue 21), in headless
//! Chromium at a phone's width (375 px) and a desktop's (1366 px): compact lists
//! with 发布日期 and validity tags, the document title on the first screen, the
//! search button in high contrast, the domain table uncut, search ranking and tags.

mod support;

use serde_json::Value;
use std::time::Duration;
use support::browser::Browser;
use support::portal::{Portal, PREFIX};
use support::Server;

struct Fixture {
    browser: Browser,
    _portal: Portal,
    server: Server,
}

fn start() -> Option<Fixture> {
    support::chromium()?;
    let browser = Browser::start();
    let portal = Portal::build();
    let server = Server::start(&portal.out, PREFIX);
    Some(Fixture {
        browser,
        _portal: portal,
        server,
    })
}

impl Fixture {
    /// Opens `path` at `width` × `height` with the reading aids in `prefs`
    /// (localStorage key, value), then runs `script` and returns its value.
    fn probe(
        &self,
        path: &str,
        width: u32,
        height: u32,
        prefs: &[(&str, &str)],
        script: &str,
    ) -> Value {
        self.browser.viewport(width, height);
        self.browser
            .goto(&format!("{}index.html", self.server.base));
        let mut set = String::from("localStorage.clear();");
        for (k, v) in prefs {
            set.push_str(&format!("localStorage.setItem('{k}', '{v}');"));
        }
        self.browser.run(&set);
        self.browser.goto(&format!("{}{path}", self.server.base));
        assert!(
            self.browser.wait_until(
                "return document.readyState === 'complete'",
                Duration::from_secs(30)
            ),
            "{path} loads"
        );
        self.browser.run(script)
    }
}

/// Every list row: its height, its line height, whether it shows a date in the
/// 发布日期 cell; and the validity tags on the page.
const LIST_ROWS: &str = r#"
const rows = [...document.querySelectorAll('table.catalogue tbody tr')];
const heads = [...document.querySelectorAll('table.catalogue thead th')].map(th => th.textContent);
return {
  heads,
  rows: rows.map(tr => {
    const title = tr.querySelector('.title a');
    const date = tr.querySelector('td[data-label="发布日期"]');
    return {
      height: tr.getBoundingClientRect().height,
      line: parseFloat(getComputedStyle(title).lineHeight),
      date: date ? date.textContent.trim() : null,
    };
  }),
  tags: [...document.querySelectorAll('table.catalogue .badge-expired, table.catalogue .badge-abolished')].map(b => b.textContent),
  overflow: document.documentElement.scrollWidth > innerWidth,
};
"#;

#[test]
fn every_list_shows_the_publication_date_and_rows_are_one_or_two_lines_on_a_desktop() {
    let Some(f) = start() else { return };
    let compact = [
        "index.html",
        "topics/zhzw/index.html",
        "years/2024/index.html",
        "publishers/mzj/index.html",
        "domains/shjz/items/2-1/index.html",
    ];
    let mut tags = 0;
    for path in compact
        .iter()
        .chain(&["catalogue/index.html", "catalogue/decision/index.html"])
    {
        let m = f.probe(path, 1366, 900, &[], LIST_ROWS);
        let heads: Vec<&str> = m["heads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        assert!(heads.contains(&"发布日期"), "{path}: {heads:?}");
        assert!(!heads.contains(&"生成日期"), "{path}: {heads:?}");
        let rows = m["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "{path} lists documents");
        for r in rows {
            let date = r["date"].as_str().unwrap_or("");
            assert!(
                date.len() == 10 && date.starts_with("20"),
                "{path}: every row shows its 发布日期: {r}"
            );
            if compact.contains(path) {
                let (h, line) = (r["height"].as_f64().unwrap(), r["line"].as_f64().unwrap());
                assert!(
                    h <= 2.0 * line + 16.0,
                    "{path}: a row is one or two lines at 1366 px ({h} px, line {line} px)"
                );
            }
        }
        assert_eq!(m["overflow"], false, "{path} fits the screen");
        tags += m["tags"].as_array().unwrap().len();
        if compact.contains(path) {
            assert!(
                !heads.contains(&"内容概述"),
                "{path}: only the catalogue carries 内容概述"
            );
        } else {
            assert!(heads.contains(&"内容概述"), "{path}: {heads:?}");
        }
    }
    let m = f.probe("years/2024/index.html", 1366, 900, &[], LIST_ROWS);
    assert!(
        m["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "失效" || t == "废止"),
        "a 失效 or 废止 tag in a list that is not the catalogue: {m}"
    );
    assert!(tags > 0);
}

const TITLE_TOP: &str = r#"
const h1 = document.querySelector('h1.doc-title');
const header = document.querySelector('.site-header');
return {
  top: h1.getBoundingClientRect().top,
  header: header.getBoundingClientRect().height,
  screen: innerHeight,
  meta_rows: document.querySelectorAll('.doc-meta tr').length,
};
"#;

#[test]
fn the_document_title_is_on_the_first_screen_of_a_phone() {
    let Some(f) = start() else { return };
    let path = "docs/005283548-2024-00020/index.html";
    for prefs in [
        &[][..],
        &[("zwgk-font-size", "l")][..],
        &[("zwgk-font-size", "l"), ("zwgk-contrast", "high")][..],
    ] {
        let m = f.probe(path, 375, 667, prefs, TITLE_TOP);
        assert!(m["meta_rows"].as_u64().unwrap() >= 5, "{m}");
        let (top, screen) = (m["top"].as_f64().unwrap(), m["screen"].as_f64().unwrap());
        // At the default size in the upper half; at 大 (and 长辈模式) with room for
        // its first lines on the first screen.
        let limit = if prefs.is_empty() {
            0.5 * screen
        } else {
            screen - 150.0
        };
        assert!(
            top < limit,
            "the title starts on the first screen of a 375 × 667 phone ({prefs:?}): {m}"
        );
    }
    let m = f.probe(path, 375, 667, &[], TITLE_TOP);
    assert!(
        m["header"].as_f64().unwrap() <= 200.0,
        "a compact header on a phone: {m}"
    );
}

/// WCAG contrast of the header's search button against what is behind it.
const SEARCH_BUTTON: &str = r#"
const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 4).map(Number);
const lum = ([r, g, b]) => {
  const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const b = document.querySelector('.site-search button');
const s = getComputedStyle(b);
const [l1, l2] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))].sort((x, y) => y - x);
return { hc: document.documentElement.classList.contains('hc'), color: s.color, background: s.backgroundColor, ratio: (l1 + 0.05) / (l2 + 0.05) };
"#;

#[test]
fn the_search_button_is_readable_in_high_contrast() {
    let Some(f) = start() else { return };
    for prefs in [&[][..], &[("zwgk-contrast", "high")][..]] {
        let m = f.probe("index.html", 375, 800, prefs, SEARCH_BUTTON);
        assert!(
            m["ratio"].as_f64().unwrap() >= 4.5,
            "search button contrast {prefs:?}: {m}"
        );
    }
}

const DOMAIN_TABLE: &str = r#"
const t = document.querySelector('table.standard-items');
const wrap = t.closest('.table-wrap');
const docs = [...t.querySelectorAll('td.item-docs')].map(td => td.getBoundingClientRect().right);
return { table: t.scrollWidth, wrap: wrap.clientWidth, docs_right: Math.max(...docs), wrap_right: wrap.getBoundingClientRect().right };
"#;

#[test]
fn the_domain_table_is_not_cut_off_at_1366_px() {
    let Some(f) = start() else { return };
    for slug in ["czyjs", "shjz", "ywjy", "zdjsxm"] {
        let m = f.probe(
            &format!("domains/{slug}/index.html"),
            1366,
            900,
            &[],
            DOMAIN_TABLE,
        );
        assert!(
            m["table"].as_f64().unwrap() <= m["wrap"].as_f64().unwrap() + 1.0,
            "{slug}: the item table fits, no column cut off: {m}"
        );
        assert!(
            m["docs_right"].as_f64().unwrap() <= m["wrap_right"].as_f64().unwrap() + 1.0,
            "{slug}: {m}"
        );
    }
}

const RESULTS: &str = r#"
return [...document.querySelectorAll('#search-results .search-hit')].map(li => ({
  title: li.querySelector('h2 a').textContent,
  tag: (li.querySelector('h2 .badge') || {}).textContent || '',
}));
"#;

#[test]
fn search_ranks_documents_in_force_first_and_tags_the_others() {
    let Some(f) = start() else { return };
    let url = format!(
        "{}search/index.html?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C%E6%A0%87%E5%87%86",
        f.server.base
    );
    f.browser.viewport(1366, 900);
    f.browser.dom_when_ready(
        &url,
        "return !!document.querySelector('#search-status') && /找到/.test(document.querySelector('#search-status').textContent)",
    );
    let hits = f.browser.run(RESULTS);
    let hits = hits.as_array().unwrap();
    let tagged: Vec<usize> = (0..hits.len()).filter(|&i| hits[i]["tag"] != "").collect();
    assert!(
        hits.iter().any(|h| h["tag"] == "失效"
            && h["title"]
                .as_str()
                .unwrap()
                .contains("2024年城乡居民最低生活保障标准")),
        "the expired 2024 standard is tagged 失效: {hits:?}"
    );
    let first_tagged = tagged[0];
    assert!(
        tagged.iter().all(|&i| i >= first_tagged)
            && (first_tagged..hits.len()).all(|i| hits[i]["tag"] != ""),
        "documents in force come first: {hits:?}"
    );
    assert!(first_tagged > 0, "{hits:?}");
}

#[test]
fn the_annual_report_contents_are_numbered_once() {
    let Some(f) = start() else { return };
    let m = f.probe(
        "reports/2025/index.html",
        375,
        800,
        &[],
        r#"const ol = document.querySelector('.toc ol');
           const first = ol.querySelector('a');
           return { style: getComputedStyle(ol).listStyleType, text: first.textContent,
                    left: first.getBoundingClientRect().left, box: document.querySelector('.toc').getBoundingClientRect().left };"#,
    );
    assert_eq!(m["style"], "none", "{m}");
    assert!(m["text"].as_str().unwrap().starts_with("一、"), "{m}");
    assert!(
        m["left"].as_f64().unwrap() - m["box"].as_f64().unwrap() < 30.0,
        "aligned with its box: {m}"
    );
}

#[test]
fn the_feed_opens_as_a_page_that_explains_it() {
    let Some(f) = start() else { return };
    f.browser.viewport(375, 800);
    f.browser.goto(&format!("{}feed.xml", f.server.base));
    assert!(
        f.browser.wait_until(
            "return !!document.querySelector('h1') && document.querySelectorAll('.entry-list li').length > 0",
            Duration::from_secs(30)
        ),
        "feed.xml shows as a page"
    );
    let m = f.browser.run(
        "return { h1: document.querySelector('h1').textContent, note: document.querySelector('.banner').textContent, \
         entries: document.querySelectorAll('.entry-list li').length, \
         wide: document.documentElement.scrollWidth > innerWidth };",
    );
    assert_eq!(m["h1"], "订阅更新", "{m}");
    assert!(m["note"].as_str().unwrap().contains("阅读器"), "{m}");
    assert_eq!(m["entries"], 20, "{m}");
    assert_eq!(m["wide"], false, "{m}");
}

const PAGES_AND_HITS: &str = r#"
return {
  pages: [...document.querySelectorAll('#search-pages:not([hidden]) li a')].map(a => [a.textContent, a.getAttribute('href')]),
  hits: [...document.querySelectorAll('#search-results .search-hit h2 a')].map(a => a.textContent),
  status: document.querySelector('#search-status').textContent,
};
"#;

#[test]
fn search_finds_the_guide_the_request_page_and_each_report_once() {
    let Some(f) = start() else { return };
    f.browser.viewport(1366, 900);
    let search = |q: &str| {
        f.browser.dom_when_ready(
            &format!("{}search/index.html?q={q}", f.server.base),
            "return /找到|没有找到/.test(document.querySelector('#search-status').textContent)",
        );
        f.browser.run(PAGES_AND_HITS)
    };
    // 年度报告: the generated 2024 report, and not its document copy beside it
    let m = search("2024%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A");
    let pages = m["pages"].as_array().unwrap();
    assert!(
        pages.iter().any(|p| p[1] == "../reports/2024/index.html"),
        "{m}"
    );
    assert!(
        !m["hits"].as_array().unwrap().iter().any(|t| t
            .as_str()
            .unwrap()
            .contains("2024年政府信息公开工作年度报告")),
        "the report is listed once: {m}"
    );
    // 申请表: the request page
    let m = search("%E7%94%B3%E8%AF%B7%E8%A1%A8");
    assert!(
        m["pages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p[1] == "../apply/index.html"),
        "{m}"
    );
    // 公开指南: the guide
    let m = search("%E5%85%AC%E5%BC%80%E6%8C%87%E5%8D%97");
    assert!(
        m["pages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p[1] == "../guide/index.html"),
        "{m}"
    );
}

#[test]
fn headings_show_no_grey_hash_on_a_touch_screen() {
    let Some(f) = start() else { return };
    f.browser.touch(true);
    f.browser.goto(&format!(
        "{}docs/005283513-2025-00003/index.html",
        f.server.base
    ));
    assert!(f.browser.wait_until(
        "return document.readyState === 'complete'",
        Duration::from_secs(30)
    ));
    let m = f.browser.run(
        "const a = document.querySelector('.doc-body .heading-anchor'); \
         return { touch: matchMedia('(hover: none)').matches, opacity: getComputedStyle(a).opacity };",
    );
    f.browser.touch(false);
    assert_eq!(m["touch"], true, "the page sees a touch screen: {m}");
    assert_eq!(m["opacity"], "0", "no grey # beside headings: {m}");
}
