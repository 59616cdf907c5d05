//! Pages of the portal on small fixtures: guide, views, pagination, feeds.

mod fixture;
use fixture::{stderr, Site};

fn site_with(n: usize) -> Site {
    let site = Site::new();
    for i in 0..n {
        site.doc(
            &format!("content/czyjs/d{i}.md"),
            &format!("005283513/2025-{:05}", i + 1),
            &format!("预算文件{i}"),
            "item: \"1.1\"\ntopics: [综合政务, 自定义/主题]\n",
            "正文。",
        );
    }
    site
}

#[test]
fn guide_shows_the_office_and_takes_the_offices_own_sections() {
    let site = site_with(1);
    site.write(
        "content/_guide.md",
        "## 依申请公开\n\n请到一楼窗口**当面**申请。\n\n## 其他事项\n\n本机关不设收费。\n",
    );
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let guide = site.read_out("guide/index.html");
    assert!(
        guide.contains("测试区人民政府办公室") && guide.contains("0371-12345678"),
        "office from site.toml"
    );
    assert!(
        guide.contains("请到一楼窗口<strong>当面</strong>申请"),
        "replaced section"
    );
    assert!(
        !guide.contains("申请人可以当面提交、邮寄信函"),
        "generated text of the replaced section is gone"
    );
    assert!(
        guide.contains("其他事项") && guide.contains("本机关不设收费"),
        "added section"
    );
    assert!(
        guide.contains("监督和救济"),
        "other generated sections stay"
    );
}

#[test]
fn views_paginate_with_working_links() {
    let site = site_with(5); // page_size = 2 → 3 pages
    assert!(site.zwgk(&["build"]).status.success());
    let p2 = site.read_out("catalogue/page/2/index.html");
    assert!(
        p2.contains("href=\"../../../catalogue/index.html\" rel=\"prev\""),
        "{p2}"
    );
    assert!(p2.contains("href=\"../../../catalogue/page/3/index.html\" rel=\"next\""));
    assert!(p2.contains("第 2 / 3 页"));
    assert!(site
        .out()
        .join("domains/czyjs/items/1-1/page/3/index.html")
        .is_file());
    assert!(site.out().join("topics/zhzw/index.html").is_file());
    // a topic name with a slash gets a safe folder of its own
    let topics = site.read_out("topics/index.html");
    assert!(topics.contains("自定义/主题"));
    assert!(
        std::fs::read_dir(site.out().join("topics"))
            .unwrap()
            .count()
            == 3
    );
    let domain = site.read_out("domains/czyjs/index.html");
    assert!(
        domain.contains("1 / 2 个事项已有公开文件，共 5 件文件"),
        "{domain}"
    );
    assert!(domain.contains("全部 5 件"));
}

#[test]
fn empty_site_builds_every_page() {
    let site = Site::new();
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site
        .read_out("catalogue/index.html")
        .contains("暂无已公开的文件"));
    assert!(site
        .read_out("domains/czyjs/index.html")
        .contains("0 / 2 个事项"));
    assert!(site.read_out("feed.xml").contains("<feed"));
}

#[test]
fn feed_and_sitemap_use_absolute_urls() {
    let site = site_with(3);
    assert!(site.zwgk(&["build"]).status.success());
    let feed = site.read_out("feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(
        feed.contains("<?xml-stylesheet type=\"text/xsl\" href=\"assets/feed.xsl\"?>")
            && site.out().join("assets/feed.xsl").is_file(),
        "a browser shows the feed through the theme's stylesheet"
    );
    assert!(
        feed.contains("<id>https://www.test.example.gov.cn/xxgk/docs/005283513-2025-00001/</id>")
    );
    let sitemap = site.read_out("sitemap.xml");
    assert!(sitemap.contains("<loc>https://www.test.example.gov.cn/xxgk/guide/</loc>"));
    assert!(sitemap.contains("<lastmod>2025-03-04</lastmod>"));
    assert!(site
        .read_out("robots.txt")
        .contains("Sitemap: https://www.test.example.gov.cn/xxgk/sitemap.xml"));
}
