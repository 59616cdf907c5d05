//! Documents over time (issue 18): validity turning over on its day, repeals and
//! amendments linked both ways, consultations opening and closing with their
//! feedback and decision, joint documents, the 现行有效 filters — each built on both
//! sides of its date. And the safety side: a link over time to a withheld document
//! is an error, and no page, listing, search file or data file shows any of it.

mod fixture;
use fixture::{doc_text, files, stderr, Site};
mod support;
use support::search_reference::Searcher;

const MARKER: &str = "ZWGK-LIFECYCLE-MARKER";

/// A published document of `index_no` (publisher from its code) formed on
/// `published` less two days, reviewed the day before, with `extra` lines.
fn dated(index_no: &str, title: &str, published: &str, extra: &str) -> String {
    let year = &index_no[index_no.find('/').unwrap() + 1..][..4];
    let day = |offset: i64| {
        (zwgk::util::dates::parse_date(published).ok().unwrap() - chrono::Duration::days(offset))
            .to_string()
    };
    doc_text(index_no, title, extra, &format!("正文：{title}。"))
        .replace(
            &format!("created: {year}-03-02"),
            &format!("created: {}", day(2)),
        )
        .replace(
            &format!("published: {year}-03-04"),
            &format!("published: {published}"),
        )
        .replace(&format!("date: {year}-03-03"), &format!("date: {}", day(1)))
}

fn policy(index_no: &str, title: &str, published: &str, extra: &str) -> String {
    dated(index_no, title, published, extra).replace("doc_type: 通知", "doc_type: 办法")
}

/// Builds the site as if today were `today`.
fn build_on(site: &Site, today: &str) {
    let out = site.zwgk_on(today, &["build"]);
    assert!(out.status.success(), "build on {today}: {}", stderr(&out));
}

fn page(site: &Site, index_no: &str) -> String {
    site.read_out(&format!("docs/{}/index.html", index_no.replace('/', "-")))
}

fn json(site: &Site) -> serde_json::Value {
    serde_json::from_str(&site.read_out("catalogue.json")).unwrap()
}

fn entry(site: &Site, index_no: &str) -> serde_json::Value {
    json(site)["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["index_no"] == index_no)
        .unwrap_or_else(|| panic!("{index_no} in catalogue.json"))
        .clone()
}

const A: &str = "005283492/2025-00001";
const X: &str = "005283492/2026-00001";

#[test]
fn a_term_ends_on_its_day_with_no_edit() {
    let site = Site::new();
    site.write(
        "content/general/a.md",
        policy(
            A,
            "测试区限期办法",
            "2025-03-04",
            "register_no: CSD-2025-0001\neffective: 2025-04-01\nvalid_until: 2026-11-21\n",
        ),
    );

    build_on(&site, "2026-11-21");
    let a = page(&site, A);
    assert!(!a.contains("已失效"), "in force on its last day");
    assert!(
        a.contains("<th scope=\"row\">登记号</th><td>CSD-2025-0001</td>"),
        "{a}"
    );
    assert!(
        a.contains("<th scope=\"row\">有效期至</th><td colspan=\"3\">2026-11-21</td>"),
        "{a}"
    );
    assert!(
        a.contains("有效期至此日"),
        "the end of term ahead in the history"
    );
    let policies = site.read_out("policies/index.html");
    assert!(policies.contains("测试区限期办法") && policies.contains("CSD-2025-0001"));
    assert!(!site
        .read_out("policies/archive/index.html")
        .contains("测试区限期办法"));
    assert!(site
        .read_out("catalogue/in-force/index.html")
        .contains("测试区限期办法"));
    assert_eq!(entry(&site, A)["validity"], "有效");
    assert_eq!(entry(&site, A)["valid_until"], "2026-11-21");

    build_on(&site, "2026-11-22");
    let a = page(&site, A);
    assert!(a.contains("本文件有效期至2026-11-21，已失效"), "{a}");
    assert!(a.contains("<th scope=\"row\">有效性</th><td>失效</td>"));
    assert!(!site
        .read_out("policies/index.html")
        .contains("测试区限期办法"));
    assert!(site
        .read_out("policies/archive/index.html")
        .contains("测试区限期办法"));
    assert!(!site
        .read_out("catalogue/in-force/index.html")
        .contains("测试区限期办法"));
    assert!(site
        .read_out("catalogue/index.html")
        .contains("badge-expired"));
    assert_eq!(entry(&site, A)["validity"], "失效");
    let searcher = Searcher::open(&site.out()).expect("the index opens");
    let hits = searcher.search("限期办法").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(searcher.group(hits[0].id).unwrap()[4], 0, "not in force");
}

#[test]
fn a_repeal_is_announced_then_in_effect_with_links_both_ways() {
    let site = Site::new();
    site.write(
        "content/general/x.md",
        dated(
            X,
            "测试区人民政府关于废止部分规范性文件的决定",
            "2026-11-01",
            "doc_no: 测政〔2026〕9号\n",
        )
        .replace("doc_type: 通知", "doc_type: 决定"),
    );
    site.write(
        "content/general/a.md",
        policy(
            A,
            "测试区旧办法",
            "2025-03-04",
            &format!("abolished: 2026-12-01\nabolished_by: {X}\n"),
        ),
    );
    let x_link = format!("../../docs/{}/index.html", X.replace('/', "-"));
    let a_link = format!("../../docs/{}/index.html", A.replace('/', "-"));

    build_on(&site, "2026-11-30");
    let a = page(&site, A);
    assert!(a.contains("本文件将于2026-12-01起废止"), "{a}");
    assert!(a.contains(&x_link), "the coming repeal names its decision");
    assert!(a.contains("<th scope=\"row\">有效性</th><td>有效</td>"));
    assert!(site
        .read_out("policies/index.html")
        .contains("测试区旧办法"));
    let x = page(&site, X);
    assert!(x.contains("本文件废止的文件") && x.contains(&a_link), "{x}");
    assert!(x.contains("2026-12-01 起废止"));

    build_on(&site, "2026-12-01");
    let a = page(&site, A);
    assert!(
        a.contains(&format!(
            "本文件已于2026-12-01被<a href=\"{x_link}\">《测试区人民政府关于废止部分规范性文件的决定》</a>（测政〔2026〕9号）废止"
        )),
        "{a}"
    );
    assert!(a.contains("历史沿革"));
    assert!(!site
        .read_out("policies/index.html")
        .contains("测试区旧办法"));
    assert!(site
        .read_out("policies/archive/index.html")
        .contains("测试区旧办法"));
    let e = entry(&site, A);
    assert_eq!(
        (e["validity"].as_str(), e["abolished_by"].as_str()),
        (Some("废止"), Some(X))
    );
}

#[test]
fn an_amendment_marks_the_document_and_both_pages_link() {
    let site = Site::new();
    site.write(
        "content/general/x.md",
        dated(
            X,
            "测试区关于修改旧办法的决定",
            "2026-05-04",
            "effective: 2026-06-01\n",
        )
        .replace("doc_type: 通知", "doc_type: 决定"),
    );
    site.write(
        "content/general/a.md",
        policy(
            A,
            "测试区旧办法",
            "2025-03-04",
            &format!("amended_by: [{X}, 《市政府令第5号》]\n"),
        ),
    );
    build_on(&site, "2026-11-22");
    let a = page(&site, A);
    let x_link = format!("../../docs/{}/index.html", X.replace('/', "-"));
    assert!(
        a.contains(&format!(
            "本文件已被<a href=\"{x_link}\">《测试区关于修改旧办法的决定》</a>、《市政府令第5号》修改"
        )),
        "{a}"
    );
    assert!(
        a.contains("2026-06-01</time> <span class=\"event\">被修改："),
        "{a}"
    );
    let x = page(&site, X);
    assert!(x.contains("本文件修改的文件"));
    assert!(x.contains(&format!("../../docs/{}/index.html", A.replace('/', "-"))));
    assert!(
        site.read_out("policies/index.html").contains("已修改"),
        "still in force"
    );
    assert_eq!(entry(&site, A)["validity"], "已修改");
    assert_eq!(
        entry(&site, A)["amended_by"],
        serde_json::json!([X, "《市政府令第5号》"])
    );
}

#[test]
fn a_consultation_opens_closes_and_links_its_feedback_and_decision() {
    let site = Site::new();
    let draft = "005283492/2026-00010";
    let feedback = "005283492/2026-00011";
    let decision = "005283492/2026-00012";
    site.write(
        "content/general/draft.md",
        dated(
            draft,
            "关于测试区停车办法（征求意见稿）征求意见的公告",
            "2026-03-04",
            "consultation:\n  start: 2026-03-04\n  end: 2026-04-03\n  channels: [电子邮件 a@example.gov.cn, 信函]\n",
        ),
    );
    site.write(
        "content/general/feedback.md",
        dated(
            feedback,
            "测试区停车办法意见采纳情况",
            "2026-04-20",
            &format!("feedback_for: {draft}\n"),
        ),
    );
    site.write(
        "content/general/decision.md",
        policy(
            decision,
            "测试区停车办法",
            "2026-05-04",
            &format!("consulted: {draft}\n"),
        ),
    );
    let link = |i: &str| format!("../../docs/{}/index.html", i.replace('/', "-"));

    build_on(&site, "2026-03-20");
    let d = page(&site, draft);
    assert!(
        d.contains("正在公开征求意见") && d.contains("还有 15 天截止"),
        "{d}"
    );
    assert!(d.contains("<li>电子邮件 a@example.gov.cn</li>"));
    let list = site.read_out("consultations/index.html");
    assert!(
        list.contains("停车办法（征求意见稿）") && list.contains("征集中"),
        "{list}"
    );
    let home = site.read_out("index.html");
    assert!(home.contains("正在征求意见") && home.contains("停车办法（征求意见稿）"));

    build_on(&site, "2026-04-04");
    let d = page(&site, draft);
    assert!(
        d.contains("意见征集已结束") && d.contains("尚未公布"),
        "{d}"
    );
    assert!(!d.contains(&link(feedback)), "feedback not published yet");
    assert!(site.read_out("consultations/index.html").contains("已结束"));
    assert!(!site.read_out("index.html").contains("正在征求意见"));

    build_on(&site, "2026-06-01");
    let d = page(&site, draft);
    assert!(
        d.contains(&link(feedback)) && d.contains(&link(decision)),
        "{d}"
    );
    assert!(d.contains("公布意见采纳情况") && d.contains("作出决定"));
    assert!(page(&site, feedback).contains(&link(draft)));
    assert!(page(&site, feedback).contains("的意见采纳情况"));
    let dec = page(&site, decision);
    assert!(dec.contains("本文件起草时曾公开征求意见") && dec.contains(&link(draft)));
    assert!(site
        .read_out("consultations/index.html")
        .contains(&link(feedback).replace("../../", "../")));
    let e = entry(&site, draft);
    assert_eq!(e["consultation"]["status"], "已结束");
    assert_eq!(entry(&site, feedback)["feedback_for"], draft);
    let check = site.zwgk_on("2026-06-01", &["check"]);
    assert!(
        !stderr(&check).contains("consultation/"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn a_joint_document_is_listed_by_each_organ_and_counted_once() {
    let site = Site::new();
    site.write(
        "content/general/joint.md",
        policy(
            A,
            "测试区联合印发的办法",
            "2025-03-04",
            "co_publishers: [测试区财政局]\n",
        ),
    );
    build_on(&site, "2026-11-22");
    for p in ["publishers/qzf/index.html", "publishers/czj/index.html"] {
        let list = site.read_out(p);
        assert!(
            list.contains("测试区联合印发的办法") && list.contains("联合发文"),
            "{p}"
        );
    }
    let a = page(&site, A);
    assert!(a.contains("<th scope=\"row\">联合发文</th>"), "{a}");
    assert!(a.contains(
        "测试区人民政府</a>（牵头）、<a href=\"../../publishers/czj/index.html\">测试区财政局</a>"
    ));
    let j = json(&site);
    assert_eq!(j["document_count"], 1, "counted once");
    assert_eq!(j["documents"][0]["co_publishers"][0]["key"], "czj");
    assert!(site.read_out("catalogue/index.html").contains("共 1 条"));
}

// ---- safety ----

fn marker(n: usize) -> String {
    format!("{MARKER}-{n:02}")
}

/// A 依申请公开 document `n` carrying its marker in title, summary and body.
fn withheld(index_no: &str, n: usize, extra: &str) -> String {
    let m = marker(n);
    doc_text(
        index_no,
        &format!("关于{m}的决定"),
        &format!(
            "summary: 概述{m}\nwithheld_reason: 过程性信息\nwithheld_basis: 条例第十六条\n{extra}"
        ),
        &format!("正文{m}。"),
    )
    .replace("disclosure: 主动公开", "disclosure: 依申请公开")
}

#[test]
fn links_over_time_never_reveal_a_withheld_document() {
    let site = Site::new();
    let w = |seq: u32| format!("005283492/2025-{seq:05}");
    let p = |seq: u32| format!("005283492/2026-{seq:05}");
    let cons = "consultation:\n  start: 2026-03-04\n  end: 2026-04-03\n";
    // Withheld documents named by published ones …
    site.write("content/w/w1.md", withheld(&w(1), 1, ""));
    site.write("content/w/w2.md", withheld(&w(2), 2, ""));
    site.write("content/w/w3.md", withheld(&w(3), 3, cons));
    site.write("content/w/w4.md", withheld(&w(4), 4, cons));
    // … withheld documents naming published ones (the reverse links) …
    site.write(
        "content/w/w5.md",
        withheld(&w(5), 5, &format!("abolished_by: {}\n", p(5))),
    );
    site.write(
        "content/w/w6.md",
        withheld(&w(6), 6, &format!("amended_by: [{}]\n", p(5))),
    );
    site.write(
        "content/w/w7.md",
        withheld(&w(7), 7, &format!("feedback_for: {}\n", p(6))),
    );
    site.write(
        "content/w/w8.md",
        withheld(&w(8), 8, &format!("consulted: {}\n", p(6))),
    );
    site.write("content/w/w9.md", withheld(&w(9), 9, cons));
    site.write(
        "content/w/w10.md",
        withheld(&w(10), 10, "co_publishers: [czj]\n"),
    );
    // … a scheduled and a draft document named by published ones.
    let m11 = marker(11);
    site.write(
        "content/w/s11.md",
        dated(
            &p(11),
            &format!("关于{m11}的决定"),
            "2026-12-31",
            &format!("summary: {m11}\n"),
        ),
    );
    let m12 = marker(12);
    site.write(
        "content/w/d12.md",
        dated(
            &p(12),
            &format!("关于{m12}的决定"),
            "2026-03-04",
            &format!("draft: true\nsummary: {m12}\n"),
        ),
    );
    // The published documents.
    let published = [
        (
            1,
            format!("abolished: 2026-06-01\nabolished_by: {}\n", w(1)),
        ),
        (2, format!("amended_by: [{}]\n", w(2))),
        (3, format!("feedback_for: {}\n", w(3))),
        (4, format!("consulted: {}\n", w(4))),
        (5, String::new()),
        (6, cons.to_string()),
        (7, format!("amended_by: [{}]\n", p(11))),
        (8, format!("abolished_by: {}\n", p(12))),
    ];
    for (seq, extra) in &published {
        site.write(
            &format!("content/p/p{seq}.md"),
            policy(&p(*seq), &format!("公开的文件{seq}"), "2026-03-04", extra),
        );
    }

    // `check` names each link, on the published document's line.
    let check = zwgk::check::check(
        site.root(),
        zwgk::util::dates::parse_date("2026-11-22").ok().unwrap(),
        &zwgk::check::CheckOptions::default(),
    );
    let mut errors: Vec<(String, String)> = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == zwgk::diagnostics::Severity::Error)
        .map(|d| (d.file.clone(), d.rule.to_string()))
        .collect();
    errors.sort();
    let expected: Vec<(String, String)> = [
        ("content/p/p1.md", "validity/abolished-by"),
        ("content/p/p2.md", "validity/amended-by"),
        ("content/p/p3.md", "consultation/target"),
        ("content/p/p4.md", "consultation/target"),
        ("content/p/p7.md", "validity/amended-by"),
        ("content/p/p8.md", "validity/abolished-by"),
    ]
    .iter()
    .map(|(f, r)| (f.to_string(), r.to_string()))
    .collect();
    assert_eq!(errors, expected);
    let build = site.zwgk(&["build"]);
    assert!(!build.status.success(), "build must refuse");
    assert!(
        !site.out().exists() || files(&site.out()).is_empty(),
        "a refused build writes nothing"
    );

    // Past the gate: no byte of any of them, on any page or in any file.
    let today = zwgk::util::dates::parse_date("2026-11-22").ok().unwrap();
    let (loaded, _) = zwgk::build::Session::new(site.root(), false)
        .check(today)
        .expect("loads");
    let output = fixture::output_past_the_gate(loaded, today);
    assert!(output.iter().any(|(p, _)| p == "consultations/index.html"));
    assert!(output.iter().any(|(p, _)| p == "policies/index.html"));
    let leaked: Vec<String> = (1..=12)
        .map(marker)
        .filter(|m| {
            output
                .iter()
                .any(|(path, bytes)| path.contains(m) || String::from_utf8_lossy(bytes).contains(m))
        })
        .collect();
    assert_eq!(leaked, Vec::<String>::new());
    // Nor their index numbers, which would say that they exist.
    for seq in 1..=10 {
        let shown: Vec<&str> = output
            .iter()
            .filter(|(_, b)| String::from_utf8_lossy(b).contains(&w(seq)))
            .map(|(p, _)| p.as_str())
            .collect();
        assert_eq!(shown, Vec::<&str>::new(), "{}", w(seq));
    }
    // A withheld amendment does not turn a published document's status.
    let page_of = |seq: u32| {
        let path = format!("docs/{}/index.html", p(seq).replace('/', "-"));
        let bytes = &output.iter().find(|(p, _)| *p == path).unwrap().1;
        String::from_utf8_lossy(bytes).into_owned()
    };
    assert!(page_of(2).contains("<th scope=\"row\">有效性</th><td>有效</td>"));
    assert!(!page_of(2).contains("修改"));
    assert!(!page_of(7).contains("修改"));
    assert!(!page_of(5).contains("本文件废止的文件") && !page_of(5).contains("本文件修改的文件"));
    assert!(!page_of(6).contains("意见采纳情况</dt><dd><a"));
}
