//! Document bodies in a real browser at a phone's width (375 px): wide tables scroll
//! sideways inside their box and keep their cells readable; heading links show on focus
//! (and only then on touch screens).

mod fixture;
mod support;

use fixture::{stderr, Site};

const BODY: &str = "## 一、公示名单

公示期：2025年9月23日至2025年9月29日。

| 序号 | 街道 | 村（社区） | 申请人 | 身份证号码 | 保障人数 | 月保障金额（元） | 类别 |
|---|---|---|---|---|--:|--:|---|
| 1 | 东城街道 | 锦绣社区 | 张*明 | 410105********1234 | 3 | 1260 | 城市 |
| 2 | 北岭街道 | 岭上村 | 周* | 410122********6652 | 1 | | 农村 |

## 二、监督电话

| 项目 | 电话 |
|---|---|
| 区民政局 | 0371-63516210 |
";

/// Measures the page as a reader's phone shows it and tells the page around it.
const PROBE: &str = r#"
const px = (el) => el.getBoundingClientRect();
const lines = (el) => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; };
const em = (el) => parseFloat(getComputedStyle(el).fontSize);
const wraps = [...document.querySelectorAll('.doc-body .md-table')];
const anchor = document.querySelector('.heading-anchor');
const hidden = getComputedStyle(anchor).opacity;
anchor.focus();
const result = {
  viewport: innerWidth,
  body_overflows: document.querySelector('.doc-body').scrollWidth > document.querySelector('.doc-body').clientWidth,
  tables: wraps.map(w => ({
    right: px(w).right,
    overflow_x: getComputedStyle(w).overflowX,
    scrolls: w.scrollWidth > w.clientWidth,
    header_lines: Math.max(...[...w.querySelectorAll('th')].map(lines)),
    narrowest_cell_em: Math.min(...[...w.querySelectorAll('td')].map(td => px(td).width / em(td))),
  })),
  anchor_hidden_opacity: hidden,
  hover: matchMedia('(hover: hover)').matches,
  anchor_focused_opacity: getComputedStyle(anchor).opacity,
  anchor_label: anchor.getAttribute('aria-label'),
};
parent.postMessage(JSON.stringify(result), '*');
"#;

#[test]
fn wide_tables_scroll_inside_their_box_on_a_phone() {
    let Some(browser) = support::chromium() else {
        return;
    };
    let site = Site::new();
    site.doc(
        "content/a.md",
        "005283492/2025-00001",
        "示范区2025年第三季度最低生活保障初审对象公示",
        "",
        BODY,
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.out().join("docs/005283492-2025-00001/index.html");
    // A file beside the page: the page's Content-Security-Policy runs no inline script.
    std::fs::write(page.with_file_name("probe.js"), PROBE).unwrap();
    let html = std::fs::read_to_string(&page)
        .unwrap()
        .replace("</body>", "<script src=\"probe.js\"></script></body>");
    std::fs::write(&page, html).unwrap();

    let json = support::message_from_page_at_width(&browser, &page, 375, 800);
    let m: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(m["viewport"], 375, "{m}");
    assert_eq!(
        m["body_overflows"], false,
        "the body itself never scrolls sideways: {m}"
    );
    let tables = m["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2, "{m}");
    for t in tables {
        assert!(
            t["right"].as_f64().unwrap() <= 375.0,
            "a table box reaches past the screen: {m}"
        );
        assert_eq!(t["overflow_x"], "auto", "{m}");
        assert_eq!(t["header_lines"], 1, "header cells stay on one line: {m}");
        assert!(
            t["narrowest_cell_em"].as_f64().unwrap() >= 3.9,
            "cells are not squeezed: {m}"
        );
    }
    assert_eq!(
        tables[0]["scrolls"], true,
        "the 8-column table scrolls sideways: {m}"
    );
    assert_eq!(
        tables[1]["scrolls"], false,
        "a narrow table needs no scrolling: {m}"
    );
    // Hidden until hovered or focused, on touch screens too (no stray grey `#` there).
    assert_eq!(m["anchor_hidden_opacity"], "0", "{m}");
    assert_eq!(
        m["anchor_focused_opacity"], "1",
        "the heading link shows on keyboard focus: {m}"
    );
    assert_eq!(m["anchor_label"], "本节链接：一、公示名单", "{m}");
}
