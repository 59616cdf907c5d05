//! The default theme's structure, checked on every page of the built example
//! portal: language, landmarks, skip link, headings, labels, table headers, no
//! external assets, no inline handlers. And the site.toml settings that reach
//! the pages (colours, names, footer). Browser behaviour (axe-core, the reading
//! aids) is checked in headless Chromium by tests/a11y/, run from .ci/run.

use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

mod fixture;

fn example() -> &'static Path {
    fixture::example_output()
}

/// Every HTML page of the example, parsed, with its output-relative path.
fn pages() -> &'static [(String, String)] {
    static PAGES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let pages: Vec<(String, String)> = fixture::files(example())
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| {
                let text = std::fs::read_to_string(example().join(&p)).unwrap();
                (p.to_string_lossy().replace('\\', "/"), text)
            })
            .collect();
        assert!(pages.len() > 50, "the example has many pages");
        pages
    })
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn each_page(mut check: impl FnMut(&str, &Html)) {
    for (path, text) in pages() {
        check(path, &Html::parse_document(text));
    }
}

fn text_of(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

#[test]
fn every_page_declares_chinese_and_has_the_landmarks() {
    each_page(|path, doc| {
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.attr("lang"), Some("zh-CN"), "{path}");
        for (landmark, n) in [
            ("main#main", 1),
            ("header.site-header", 1),
            ("footer", 1),
            ("nav[aria-label]", 1),
        ] {
            assert!(
                doc.select(&sel(landmark)).count() >= n,
                "{path}: no {landmark}"
            );
        }
        assert_eq!(doc.select(&sel("main")).count(), 1, "{path}: one main");
        let skip = doc.select(&sel("body > a.skip-link")).next();
        let skip = skip.unwrap_or_else(|| panic!("{path}: no skip link"));
        let target = skip.attr("href").unwrap().trim_start_matches('#');
        assert!(
            doc.select(&sel(&format!("[id=\"{target}\"]"))).count() == 1,
            "{path}: the skip link's target #{target} is missing"
        );
        // the skip link is the first thing a keyboard reaches
        let first = doc.select(&sel("body a, body button, body input")).next();
        assert_eq!(first.map(|e| e.id()), Some(skip.id()), "{path}");
    });
}

#[test]
fn one_h1_per_page_and_headings_in_order() {
    let headings = sel("h1, h2, h3, h4, h5, h6");
    each_page(|path, doc| {
        let levels: Vec<usize> = doc
            .select(&headings)
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        assert_eq!(
            levels.iter().filter(|&&l| l == 1).count(),
            1,
            "{path}: {levels:?}"
        );
        assert_eq!(levels.first(), Some(&1), "{path}: starts with h1");
        for w in levels.windows(2) {
            assert!(w[1] <= w[0] + 1, "{path}: h{} after h{}", w[1], w[0]);
        }
        for h in doc.select(&headings) {
            assert!(!text_of(h).is_empty(), "{path}: empty heading");
        }
    });
}

#[test]
fn every_form_control_and_button_has_a_name() {
    let controls = sel("input:not([type=hidden]), select, textarea, button");
    each_page(|path, doc| {
        for c in doc.select(&controls) {
            let id = c.attr("id");
            let named = c.attr("aria-label").is_some_and(|l| !l.trim().is_empty())
                || c.attr("aria-labelledby").is_some()
                || c.attr("title").is_some()
                || (c.value().name() == "button" && !text_of(c).is_empty())
                || id.is_some_and(|id| {
                    doc.select(&sel(&format!("label[for=\"{id}\"]")))
                        .next()
                        .is_some()
                })
                || c.ancestors()
                    .any(|a| ElementRef::wrap(a).is_some_and(|a| a.value().name() == "label"));
            assert!(named, "{path}: unlabelled {}", c.html());
            if c.value().name() == "button" {
                assert!(c.attr("type").is_some(), "{path}: button without type");
            }
        }
        // every reference to an id points at an element of the page
        for e in doc.select(&sel("[aria-labelledby], [aria-describedby], label[for]")) {
            for attr in ["aria-labelledby", "aria-describedby", "for"] {
                for id in e.attr(attr).unwrap_or("").split_whitespace() {
                    assert!(
                        doc.select(&sel(&format!("[id=\"{id}\"]"))).next().is_some(),
                        "{path}: {attr}=\"{id}\" points nowhere"
                    );
                }
            }
        }
    });
}

#[test]
fn ids_are_unique_on_each_page() {
    each_page(|path, doc| {
        let mut seen = BTreeSet::new();
        for e in doc.select(&sel("[id]")) {
            let id = e.attr("id").unwrap();
            assert!(seen.insert(id.to_string()), "{path}: id {id} twice");
        }
    });
}

#[test]
fn every_table_has_header_cells() {
    let mut tables = 0;
    each_page(|path, doc| {
        for t in doc.select(&sel("table")) {
            tables += 1;
            assert!(
                t.select(&sel("th")).next().is_some(),
                "{path}: table without th: {}",
                &t.html()[..t.html().len().min(200)]
            );
            // (tables in a document's body are written by its authors)
            let in_body = t.ancestors().filter_map(ElementRef::wrap).any(|a| {
                a.value()
                    .has_class("doc-body", scraper::CaseSensitivity::CaseSensitive)
            });
            for th in t.select(&sel("th")).filter(|_| !in_body) {
                assert!(!text_of(th).is_empty(), "{path}: empty th");
            }
        }
    });
    assert!(tables > 50);
}

/// Stacked on phones, the listing tables name each cell's column in data-label.
#[test]
fn listing_cells_carry_their_column_names_for_phones() {
    each_page(|path, doc| {
        for t in doc.select(&sel("table.stack")) {
            let columns = t.select(&sel("thead th")).count();
            for row in t.select(&sel("tbody tr")) {
                let cells: Vec<_> = row.select(&sel("td")).collect();
                assert!(cells.len() + 1 >= columns, "{path}: short row");
                for td in cells {
                    assert!(
                        td.attr("data-label").is_some_and(|l| !l.is_empty()),
                        "{path}: td without data-label: {}",
                        td.html()
                    );
                }
            }
        }
    });
}

#[test]
fn pages_load_nothing_from_other_sites_and_have_no_inline_handlers() {
    let assets = sel("script[src], link[href], img[src], iframe, embed, object, source, video, audio, input[src]");
    let external = |u: &str| {
        let u = u.trim().to_ascii_lowercase();
        u.starts_with("http:") || u.starts_with("https:") || u.starts_with("//")
    };
    each_page(|path, doc| {
        for e in doc.select(&assets) {
            for attr in ["src", "href", "data", "srcset", "poster"] {
                if let Some(u) = e.attr(attr) {
                    assert!(!external(u), "{path}: {} loads {u}", e.value().name());
                }
            }
        }
        for e in doc.select(&sel("*")) {
            for (name, value) in e.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{path}: inline handler {name} on {}",
                    e.value().name()
                );
                assert!(
                    !value.trim().to_ascii_lowercase().starts_with("javascript:"),
                    "{path}: javascript: URL"
                );
            }
        }
        for s in doc.select(&sel("style")) {
            let css = text_of(s);
            assert!(
                !css.contains("url(") && !css.contains("@import"),
                "{path}: {css}"
            );
        }
        let inline = doc.select(&sel("script:not([src])")).next();
        assert!(
            inline.is_none(),
            "{path}: inline script {}",
            inline.unwrap().html()
        );
    });
    let css = std::fs::read_to_string(example().join("assets/style.css")).unwrap();
    assert!(
        !css.contains("@import") && !css.contains("url("),
        "style.css loads a file"
    );
    let js = std::fs::read_to_string(example().join("assets/theme.js")).unwrap();
    for call in ["fetch(", "XMLHttpRequest", "import(", "http:", "https:"] {
        assert!(
            !js.contains(call),
            "theme.js must not request anything: {call}"
        );
    }
}

/// The reading aids' script is on every page, in the head (so saved settings
/// apply before the first paint); the read-aloud button only on document pages.
#[test]
fn theme_script_everywhere_read_aloud_only_on_documents() {
    each_page(|path, doc| {
        let scripts: Vec<_> = doc
            .select(&sel("head script[src]"))
            .filter_map(|s| s.attr("src"))
            .filter(|s| s.ends_with("assets/theme.js"))
            .collect();
        assert_eq!(scripts.len(), 1, "{path}: theme.js in head");
        let read_aloud = doc.select(&sel("button[data-read-aloud]")).next();
        let is_doc = path.starts_with("docs/");
        assert_eq!(read_aloud.is_some(), is_doc, "{path}");
        if let Some(b) = read_aloud {
            assert!(b.attr("hidden").is_some(), "{path}: hidden until supported");
        }
        let sizes: Vec<_> = doc
            .select(&sel(".tools button[data-font-size]"))
            .map(text_of)
            .collect();
        assert_eq!(sizes, ["大", "中", "小"], "{path}");
        assert!(doc
            .select(&sel(".tools button[data-contrast][aria-pressed]"))
            .next()
            .is_some());
    });
    // relative script paths resolve from every depth
    for (path, text) in pages() {
        if path == "404.html" {
            continue;
        }
        let depth = path.matches('/').count();
        assert!(
            text.contains(&format!("src=\"{}assets/theme.js\"", "../".repeat(depth))),
            "{path}"
        );
    }
}

#[test]
fn document_pages_carry_the_required_metadata() {
    let mut docs = 0;
    each_page(|path, doc| {
        let meta = |name: &str| {
            doc.select(&sel(&format!("meta[name=\"{name}\"]")))
                .next()
                .and_then(|m| m.attr("content"))
                .map(str::to_string)
        };
        assert_eq!(meta("SiteName").as_deref(), Some("示范区人民政府信息公开"));
        assert_eq!(
            meta("SiteDomain").as_deref(),
            Some("www.sfq.example.gov.cn")
        );
        assert_eq!(meta("SiteIDCode").as_deref(), Some("4190000001"));
        if path.starts_with("docs/") {
            docs += 1;
            let title = text_of(doc.select(&sel("h1")).next().unwrap());
            assert_eq!(meta("ArticleTitle"), Some(title), "{path}");
            assert!(meta("PubDate").is_some_and(|d| d.len() == 10), "{path}");
            assert!(meta("ContentSource").is_some_and(|s| !s.is_empty()));
            assert!(meta("ColumnName").is_some_and(|s| s.ends_with("公开")));
            assert!(meta("Url")
                .is_some_and(|u| u.starts_with("https://www.sfq.example.gov.cn/xxgk/docs/")));
        }
    });
    assert!(docs > 10);
}

#[test]
fn the_footer_shows_the_site_identification() {
    let home = std::fs::read_to_string(example().join("index.html")).unwrap();
    let doc = Html::parse_document(&home);
    let footer = text_of(doc.select(&sel("footer")).next().unwrap());
    for part in [
        "主办单位：示范区人民政府办公室",
        "网站标识码：4190000001",
        "豫ICP备00000000号",
    ] {
        assert!(footer.contains(part), "{part} in {footer}");
    }
}

// ---- site.toml settings, on small fixture sites

/// The fixture's site.toml without its footer: the footer is the test's own (or
/// none, as `init` writes it).
fn base_toml() -> String {
    fixture::SITE_TOML.replace("\n[footer]\nsite_code = \"4190000099\"\n", "")
}

fn site_with(extra_toml: &str) -> fixture::Site {
    let site = fixture::Site::new();
    let base = base_toml();
    site.write("site.toml", format!("{base}\n{extra_toml}"));
    site.doc(
        "content/general/a.md",
        "005283492/2026-00001",
        "关于测试的通知",
        "",
        "正文。",
    );
    site
}

#[test]
fn colours_names_and_footer_from_site_toml_reach_every_page() {
    let site = site_with(
        "[appearance]\nshort_name = \"测试公开\"\nprimary_color = \"#1A4B8C\"\naccent_color = \"#006633\"\n\n[footer]\nsite_code = \"4100000099\"\nicp = \"测ICP备1号\"\nlines = [\"第一行说明\"]\n",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    for page in [
        "index.html",
        "guide/index.html",
        "docs/005283492-2026-00001/index.html",
    ] {
        let html = site.read_out(page);
        let doc = Html::parse_document(&html);
        let style = text_of(doc.select(&sel("head style")).next().unwrap());
        assert!(style.contains("--primary:#1a4b8c"), "{page}: {style}");
        assert!(style.contains("--accent:#006633"), "{page}: {style}");
        // the inline style comes after the stylesheet, so it wins
        assert!(html.find("assets/style.css").unwrap() < html.find("<style>").unwrap());
        assert!(
            html.contains("<span class=\"name-short\">测试公开</span>"),
            "{page}"
        );
        assert!(html.contains("<meta name=\"SiteIDCode\" content=\"4100000099\">"));
        let footer = text_of(doc.select(&sel("footer")).next().unwrap());
        assert!(
            footer.contains("测ICP备1号") && footer.contains("第一行说明"),
            "{footer}"
        );
    }
    // the stylesheet reads the colours from the custom properties
    let css = site.read_out("assets/style.css");
    assert!(css.contains("background: var(--primary)"));
}

#[test]
fn default_colours_when_site_toml_sets_none() {
    let site = site_with("");
    assert!(site.zwgk(&["build"]).status.success());
    let home = site.read_out("index.html");
    assert!(home.contains("--primary:#b0191e"), "{home}");
    assert!(!home.contains("SiteIDCode"), "no empty metadata");
    assert!(!home.contains("name-short"), "no short name unless set");
}

/// The build's error output for a site with `extra_toml`; the build must fail.
fn refused(extra_toml: &str) -> String {
    let out = site_with(extra_toml).zwgk(&["build"]);
    assert!(!out.status.success(), "{extra_toml} was accepted");
    fixture::stderr(&out)
}

#[test]
fn a_bad_colour_is_a_config_error_with_line_and_fix() {
    let err = refused("[appearance]\nprimary_color = \"red\"\n");
    let line = base_toml().lines().count() + 3;
    assert!(err.contains(&format!("site.toml:{line}:")), "{err}");
    assert!(
        err.contains("config/color") && err.contains("#b0191e"),
        "{err}"
    );
}

#[test]
fn a_colour_too_light_to_read_is_refused_with_a_darker_suggestion() {
    let err = refused("[appearance]\naccent_color = \"#ffcc00\"\n");
    assert!(err.contains("config/color-contrast"), "{err}");
    assert!(err.contains("4.5:1"), "{err}");
}

#[test]
fn a_logo_must_be_a_local_file() {
    let err = refused("[appearance]\nlogo = \"https://cdn.example.com/logo.png\"\n");
    assert!(err.contains("config/logo"), "{err}");
    let err = refused("[appearance]\nlogo = \"img/logo.png\"\n");
    assert!(err.contains("static/img/logo.png"), "{err}");

    let site = site_with("[appearance]\nlogo = \"img/logo.png\"\n");
    site.write("static/img/logo.png", b"\x89PNG\r\n\x1a\n");
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    let doc = site.read_out("docs/005283492-2026-00001/index.html");
    assert!(
        doc.contains("<img class=\"logo\" src=\"../../img/logo.png\" alt=\"\">"),
        "{doc}"
    );
    assert!(site.out().join("img/logo.png").is_file());
}

#[test]
fn a_site_can_override_any_template() {
    let site = site_with("");
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>本站自定义页脚</p></footer>\n",
    );
    assert!(site.zwgk(&["build"]).status.success());
    let home = site.read_out("index.html");
    assert!(home.contains("本站自定义页脚"));
    assert!(
        home.contains("data-font-size"),
        "the rest of the theme stays"
    );
}

/// The header and footer are made once per depth and navigation item: each page
/// still marks its own item, and only the search page has no header search box.
#[test]
fn each_page_marks_its_own_navigation_item() {
    let current = sel(".site-nav a[aria-current=page]");
    let search_box = sel("form.site-search");
    let mut seen = BTreeSet::new();
    each_page(|path, html| {
        let items: Vec<String> = html.select(&current).map(text_of).collect();
        let expected = match path {
            "index.html" => Some("首页"),
            "404.html" | "search/index.html" => None,
            p if p.starts_with("guide/") => Some("公开指南"),
            // The portal's rules are the first organ's (the district government's).
            "organs/qzf/rules/index.html" => Some("公开制度"),
            p if p.starts_with("organs/") => Some("信息公开单位"),
            p if ["catalogue/", "topics/", "publishers/", "years/", "docs/"]
                .iter()
                .any(|s| p.starts_with(s)) =>
            {
                Some("法定主动公开内容")
            }
            p if p.starts_with("reports/") => Some("公开年报"),
            p if p.starts_with("apply/") => Some("依申请公开"),
            p if p.starts_with("domains/") => Some("重点领域"),
            _ => None,
        };
        assert_eq!(items, Vec::from_iter(expected.map(String::from)), "{path}");
        seen.extend(expected);
        let boxes = html.select(&search_box).count();
        assert_eq!(boxes, usize::from(path != "search/index.html"), "{path}");
    });
    assert_eq!(seen.len(), 8, "every item is some page's: {seen:?}");
}

/// The test site with its own `partials/header.html`, built.
fn built_with_header(header: &str) -> (fixture::Site, std::process::Output) {
    let site = site_with("");
    site.write("templates/partials/header.html", header);
    let out = site.zwgk(&["build"]);
    (site, out)
}

#[test]
fn an_overridden_header_gets_each_page_its_own_way_back() {
    let (site, out) = built_with_header(
        "<header><a href=\"{{ root }}index.html\" data-nav=\"{{ nav }}\">本站自定义页头</a></header>\n",
    );
    assert!(out.status.success(), "{}", fixture::stderr(&out));
    let home = site.read_out("index.html");
    assert!(
        home.contains(r#"<a href="index.html" data-nav="home">本站自定义页头</a>"#),
        "{home}"
    );
    let doc = site.read_out("docs/005283492-2026-00001/index.html");
    assert!(
        doc.contains(r#"<a href="../../index.html" data-nav="catalogue">本站自定义页头</a>"#),
        "{doc}"
    );
    let guide = site.read_out("guide/index.html");
    assert!(
        guide.contains(r#"<a href="../index.html" data-nav="guide">"#),
        "{guide}"
    );
}

#[test]
fn a_header_that_reads_a_page_s_own_values_is_refused_with_the_fix() {
    let (_site, out) = built_with_header("<header>{{ page_path }}</header>\n");
    assert!(!out.status.success());
    let err = fixture::stderr(&out);
    assert!(err.contains("theme/render"), "{err}");
    assert!(err.contains("partials/header.html"), "{err}");
    assert!(err.contains("page_path"), "{err}");
    assert!(err.contains("they can use site, root and nav"), "{err}");
    assert!(err.contains("只能使用 site、root 和 nav"), "{err}");
}

/// What every page loads stays small: phones on slow networks, old computers.
#[test]
fn css_and_js_stay_within_their_budget() {
    let size = |f: &str| std::fs::metadata(example().join(f)).unwrap().len();
    let total = size("assets/style.css") + size("assets/theme.js");
    // 28 KiB since issue 21 (compact header, 长辈模式, folded metadata, 落款, lists).
    assert!(total < 28 * 1024, "style.css + theme.js = {total} bytes");
}
