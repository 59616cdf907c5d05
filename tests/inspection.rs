//! Ready for inspection (issue 19), through the real binary: the inspection in
//! `zwgk check` (`--inspect`, `[inspection]`), its JSON and HTML reports, `--strict`
//! on empty columns, `--links` against a local HTTP server, and publication dates on
//! every listing page of the example portal.

use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

mod fixture;
use fixture::{stderr, Site};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn rules(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Three documents, all 执行公开 by qzf outside the domain: four 五公开 columns, the
/// domain, both its items and the publisher czj are empty (8, over the limit of 5).
fn sparse_site() -> Site {
    Site::with_documents(3)
}

#[test]
fn the_inspection_runs_only_when_asked_and_the_json_only_gains_fields() {
    let site = sparse_site();
    let plain = json(&site.zwgk(&["check", "--format", "json"]));
    assert!(plain.get("inspection").is_none(), "{plain}");
    assert!(
        !rules(&plain).iter().any(|(r, _)| r.starts_with("columns/")),
        "no [inspection] in site.toml, no --inspect: {plain}"
    );

    let out = site.zwgk(&["check", "--format", "json", "--inspect"]);
    assert!(out.status.success(), "warnings only: {}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["version"], 1);
    let found = rules(&report);
    let empty = found.iter().filter(|(r, _)| r == "columns/empty").count();
    assert_eq!(empty, 8, "{found:?}");
    assert!(found.contains(&("columns/empty-count".into(), "warning".into())));
    let inspection = &report["inspection"];
    assert_eq!(inspection["empty_columns"], 8);
    assert_eq!(inspection["published"], 3);
    let columns = inspection["columns"].as_array().unwrap();
    assert!(columns
        .iter()
        .any(|c| c["address"] == "domains/czyjs/items/1-2/" && c["documents"] == 0));

    // With --strict, the limit of empty columns is an error.
    let strict = site.zwgk(&["check", "--format", "json", "--inspect", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(rules(&json(&strict)).contains(&("columns/empty-count".into(), "error".into())));

    // An [inspection] table turns it on, and its exemptions count.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[inspection]\nexempt = [\"catalogue/decision/\", \"catalogue/management/\", \"catalogue/service/\", \"catalogue/result/\"]\n"),
    );
    let report = json(&site.zwgk(&["check", "--format", "json"]));
    assert_eq!(report["inspection"]["empty_columns"], 4);
    assert!(rules(&report).contains(&("columns/empty-count".into(), "info".into())));
}

#[test]
fn the_html_report_is_one_self_contained_page() {
    let site = sparse_site();
    let out = site.zwgk(&["check", "--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = String::from_utf8(out.stdout).unwrap();
    for part in [
        "<!DOCTYPE html>",
        "lang=\"zh-CN\"",
        "一、总体情况",
        "按发布机构",
        "三、栏目建设",
        "四、公开时效",
        "时限 20 个工作日",
        "五、栏目更新情况",
        "六、问题清单",
        "columns/empty-count",
        "@page{size:A4",
        "<svg",
    ] {
        assert!(html.contains(part), "{part} missing");
    }
    for outside in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "{outside}: the page must stand alone"
        );
    }
    // Nothing is written into the site.
    assert!(!site.out().exists());
}

#[test]
fn the_example_shows_its_deliberate_findings_and_no_error() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .args(["-C", root, "check", "--format", "json", "--strict"])
        .env("ZWGK_TODAY", fixture::EXAMPLE_TODAY)
        .output()
        .unwrap();
    let report = json(&out);
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    let warnings: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "warning")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "report/overdue".to_string(),
                "content/_organs/fgj/reports/2025.yaml".to_string()
            ),
            ("columns/stale".into(), "content/ywjy/_domain.yaml".into()),
            (
                "timeliness/late".into(),
                "content/zdjsxm/2026-gym-feasibility-study-reply.md".into()
            ),
            ("columns/empty".into(), "content/zdjsxm/_domain.yaml".into()),
        ],
        "the four deliberate cases of the README"
    );
    assert_eq!(out.status.code(), Some(1), "--strict fails on them");
}

/// A local HTTP server: `/ok` 200, `/missing` 404, `/moved` a redirect to `/ok`,
/// `/hang` never answers. Counts the connections it gets.
fn server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let reply = match path.as_str() {
                    "/ok" => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".to_string(),
                    "/moved" => "HTTP/1.1 301 Moved Permanently\r\nLocation: /ok\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                    "/hang" => {
                        std::thread::sleep(std::time::Duration::from_secs(8));
                        return;
                    }
                    _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                };
                let _ = stream.write_all(reply.as_bytes());
            });
        }
    });
    (base, hits)
}

#[test]
fn links_are_requested_only_with_the_flag_and_dead_ones_are_listed() {
    let (base, hits) = server();
    let site = Site::new();
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[inspection]\nlink_timeout = 1\nlink_parallel = 2\n"),
    );
    site.doc(
        "content/general/links.md",
        "005283492/2025-00001",
        "链接",
        "",
        &format!("[好]({base}/ok)\n\n[没了]({base}/missing)\n\n[搬了]({base}/moved)\n\n[不答]({base}/hang)\n\n[又没了]({base}/missing)"),
    );
    // A withheld document's links are never requested.
    site.write(
        "content/general/withheld.md",
        fixture::numbered_on_request(9, "依申请", &format!("[秘]({base}/secret)")),
    );

    let plain = site.zwgk(&["check", "--format", "json"]);
    assert!(!rules(&json(&plain))
        .iter()
        .any(|(r, _)| r == "links/external-dead"));
    assert_eq!(hits.load(Ordering::SeqCst), 0, "no network without --links");

    let started = std::time::Instant::now();
    let out = site.zwgk(&["check", "--format", "json", "--links"]);
    assert!(
        started.elapsed().as_secs() < 8,
        "the timeout bounds the hang"
    );
    let report = json(&out);
    let dead: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "links/external-dead")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message_en"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(dead.len(), 3, "{dead:#?}");
    assert_eq!(dead[0].1, 18, "{dead:#?}");
    assert!(
        dead[0].2.contains("/missing") && dead[0].2.contains("404"),
        "{dead:#?}"
    );
    assert!(
        dead[1].2.contains("/hang") && dead[1].2.contains("no answer within 1 s"),
        "{dead:#?}"
    );
    assert!(dead[2].2.contains("/missing"), "{dead:#?}");
    // Each address once: ok, missing, moved (+ ok again), hang; never the withheld one.
    let n = hits.load(Ordering::SeqCst);
    assert!((4..=6).contains(&n), "{n} connections");
}

#[test]
fn every_listing_page_of_the_example_shows_publication_dates() {
    let out = fixture::example_output();
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("catalogue.json")).unwrap())
            .unwrap();
    let base = "https://www.sfq.example.gov.cn/xxgk/";
    let published: HashMap<String, chrono::NaiveDate> = data["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let url = d["url"].as_str().unwrap();
            let page = format!("{}index.html", url.strip_prefix(base).unwrap());
            let date = d["published"].as_str().unwrap().parse().unwrap();
            (page, date)
        })
        .collect();
    assert!(published.len() > 50);
    let mut listings = 0;
    for rel in fixture::files(out) {
        let rel = rel.to_string_lossy().replace('\\', "/");
        let listing = rel == "index.html"
            || ["catalogue/", "domains/", "topics/", "publishers/", "years/"]
                .iter()
                .any(|p| rel.starts_with(p));
        if !listing || !rel.ends_with(".html") {
            continue;
        }
        listings += 1;
        let html = std::fs::read(out.join(&rel)).unwrap();
        let page = zwgk::rules::listings::Listing {
            output: &rel,
            template: "",
            html: &html,
        };
        let missing = zwgk::rules::listings::undated(&page, &published);
        assert!(
            missing.is_empty(),
            "{rel} lists without 发布日期: {missing:?}"
        );
    }
    assert!(listings > 30, "{listings} listing pages");
}

#[test]
fn a_site_template_that_hides_the_dates_is_found() {
    let site = sparse_site();
    // The site's own tables: title and summary only (the catalogue's, and the other
    // lists', the home page's among them).
    for partial in ["doc_table", "doc_list"] {
        site.write(
            &format!("templates/partials/{partial}.html"),
            "<table>{% for d in docs %}<tr><td><a href=\"{{ root }}{{ d.path }}index.html\">{{ d.title }}</a></td><td>{{ d.summary }}</td></tr>{% endfor %}</table>",
        );
    }
    let report = json(&site.zwgk(&["check", "--format", "json", "--inspect"]));
    let listing: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "columns/listing-date")
        .collect();
    let files: Vec<&str> = listing
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["templates/catalogue.html", "templates/index.html"],
        "{listing:#?}"
    );
    assert!(listing[0]["message_zh"]
        .as_str()
        .unwrap()
        .contains("没有显示发布日期"));
}
