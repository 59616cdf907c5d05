//! The annual reports (/reports/) and the request page (/apply/), built from a
//! fixture with known documents and report files; every table cell is checked.

mod fixture;
use fixture::{stderr, Site};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;

/// A published document with the given 文种, 五公开 and 发布日期; `extra` adds front-matter lines.
fn doc(
    site: &Site,
    name: &str,
    index_no: &str,
    doc_type: &str,
    category: &str,
    published: &str,
    extra: &str,
) {
    let publisher = if index_no.starts_with("005283513") {
        "czj"
    } else {
        "qzf"
    };
    site.write(
        &format!("content/general/{name}.md"),
        format!(
            "---\ntitle: 文件{name}\nindex_no: {index_no}\npublisher: {publisher}\ndoc_type: {doc_type}\ncreated: {published}\npublished: {published}\ncategory: {category}\ndisclosure: 主动公开\nreview:\n  reviewer: 王明\n  date: {published}\n  conclusion: 同意公开\n{extra}---\n\n正文{name}。\n"
        ),
    );
}

/// A document kept off the portal, formed on `created`.
fn withheld(site: &Site, name: &str, index_no: &str, disclosure: &str, created: &str) {
    site.write(
        &format!("content/general/{name}.md"),
        format!(
            "---\ntitle: 不公开的文件{name}ZWGK-WITHHELD\nindex_no: {index_no}\npublisher: qzf\ndoc_type: 函\ncreated: {created}\ncategory: 执行公开\ndisclosure: {disclosure}\nwithheld_reason: 过程性信息\nwithheld_basis: 条例第十六条\n---\n\n正文ZWGK-WITHHELD。\n"
        ),
    );
}

const REPORT_2025: &str = "\
标题: 测试区人民政府2025年政府信息公开工作年度报告
发布日期: 2026-01-20
主动公开:
  本年废止: {规章: 0, 行政规范性文件: 2}
  行政许可: 120
  行政处罚: 45
  行政强制: 3
  行政事业性收费: 56.78
依申请公开:
  本年新收: [10, 3, 1, 0, 2, 1, 17]
  上年结转: [1, 0, 0, 0, 0, 0]
  予以公开: [4, 1, 0, 0, 1, 0]
  partly_granted: [1, 0, 0, 0, 0, 0, 1]
  属于国家秘密: [0, 0, 0, 0, 0, 0]
  危及“三安全一稳定”: [1, 0, 0, 0, 0, 0]
  保护第三方合法权益: [0, 1, 0, 0, 0, 0]
  属于行政查询事项: [0, 0, 1, 0, 0, 0]
  本机关不掌握相关政府信息: [2, 0, 0, 0, 1, 0]
  补正后申请内容仍不明确: [0, 0, 0, 0, 0, 1]
  重复申请: [1, 0, 0, 0, 0, 0]
  逾期未缴费: [0, 1, 0, 0, 0, 0]
  other: [1, 0, 0, 0, 0, 0]
  总计: [10, 3, 1, 0, 2, 1, 17]
  结转下年度继续办理: [1, 0, 0, 0, 0, 0]
行政复议和行政诉讼:
  行政复议: [1, 2, 0, 1, 4]
  lawsuit: [0, 1, 0, 0]
  复议后起诉: [0, 0, 1, 1]
";

const TEXT_2025: &str = "\
本报告依据条例编制。

## 一、总体情况

全年工作总体情况，见[管理办法](../general/c.md)。

### （一）主动公开

主动公开情况。

## 三、收到和处理政府信息公开申请情况

申请数量与上年持平。

## 存在的主要问题及改进情况

问题和改进。
";

const REPORT_2024: &str = "\
主动公开:
  本年废止: {行政规范性文件: 0}
  行政许可: 1
  行政处罚: 0
  行政强制: 0
  行政事业性收费: 0
依申请公开:
  本年新收: [1, 0, 0, 0, 0, 0]
  予以公开: [0, 0, 0, 0, 0, 0]
  结转下年度继续办理: [1, 0, 0, 0, 0, 0]
行政复议和行政诉讼: {}
";

fn fixture() -> Site {
    let site = Site::new();
    doc(
        &site,
        "a",
        "005283492/2024-00001",
        "办法",
        "决策公开",
        "2024-03-04",
        "validity: 废止\n",
    );
    doc(
        &site,
        "b",
        "005283492/2024-00002",
        "通知",
        "执行公开",
        "2024-05-06",
        "",
    );
    doc(
        &site,
        "c",
        "005283492/2025-00001",
        "办法",
        "决策公开",
        "2025-02-03",
        "",
    );
    doc(
        &site,
        "d",
        "005283492/2025-00002",
        "意见",
        "管理公开",
        "2025-04-01",
        "",
    );
    doc(
        &site,
        "e",
        "005283492/2025-00003",
        "令",
        "决策公开",
        "2025-06-30",
        "",
    );
    doc(
        &site,
        "f",
        "005283513/2025-00001",
        "通知",
        "结果公开",
        "2025-12-31",
        "",
    );
    doc(
        &site,
        "g",
        "005283492/2025-00004",
        "解读",
        "决策公开",
        "2025-02-03",
        "interprets: 005283492/2025-00001\n",
    );
    doc(
        &site,
        "h",
        "005283492/2025-00005",
        "办法",
        "决策公开",
        "2025-07-01",
        "draft: true\n",
    );
    doc(
        &site,
        "i",
        "005283492/2026-00001",
        "办法",
        "服务公开",
        "2026-01-05",
        "",
    );
    withheld(
        &site,
        "w1",
        "005283492/2025-00006",
        "依申请公开",
        "2025-08-01",
    );
    withheld(
        &site,
        "w2",
        "005283492/2025-00007",
        "不予公开",
        "2025-09-01",
    );
    withheld(
        &site,
        "w3",
        "005283492/2024-00003",
        "依申请公开",
        "2024-09-01",
    );
    site.write("content/_reports/2025.yaml", REPORT_2025);
    site.write("content/_reports/2025.md", TEXT_2025);
    site.write("content/_reports/2024.yml", REPORT_2024);
    site
}

fn built() -> Site {
    let site = fixture();
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The tables of a page by id: each row's cells as text, with `|r<n>` / `|c<n>` for spans.
fn tables(html: &str) -> BTreeMap<String, Vec<Vec<String>>> {
    let doc = Html::parse_document(html);
    doc.select(&sel("table[id]"))
        .map(|t| (t.attr("id").unwrap().to_string(), rows(t)))
        .collect()
}

fn rows(table: ElementRef) -> Vec<Vec<String>> {
    table
        .select(&sel("tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| {
                    let mut cell = c.text().collect::<String>().trim().to_string();
                    for (name, short) in [("rowspan", "r"), ("colspan", "c")] {
                        if let Some(v) = c.attr(name) {
                            cell.push_str(&format!("|{short}{v}"));
                        }
                    }
                    cell
                })
                .collect()
        })
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn numbers(label: &[&str], n: &[u32]) -> Vec<String> {
    let mut r = row(label);
    r.extend(n.iter().map(u32::to_string));
    r
}

#[test]
fn every_cell_of_the_report_is_computed_from_content_and_data() {
    let site = built();
    let page = site.read_out("reports/2025/index.html");
    let t = tables(&page);
    assert_eq!(
        t.keys().collect::<Vec<_>>(),
        [
            "appeals",
            "applications",
            "by-category",
            "by-type",
            "proactive-1",
            "proactive-5",
            "proactive-6",
            "proactive-8"
        ]
    );

    // 第二十条第（一）项: 规章 = 文种 令; 行政规范性文件 = 办法 and 意见. The draft (h), the
    // 2026 document (i) and the abolished 2024 办法 (a) are not current; 废止 comes from the file.
    assert_eq!(
        t["proactive-1"],
        [
            row(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            row(&["规章", "1", "0", "1"]),
            row(&["行政规范性文件", "2", "2", "2"]),
        ]
    );
    assert_eq!(
        t["proactive-5"],
        [
            row(&["信息内容", "本年处理决定数量"]),
            row(&["行政许可", "120"])
        ]
    );
    assert_eq!(
        t["proactive-6"],
        [
            row(&["信息内容", "本年处理决定数量"]),
            row(&["行政处罚", "45"]),
            row(&["行政强制", "3"])
        ]
    );
    assert_eq!(
        t["proactive-8"],
        [
            row(&["信息内容", "本年收费金额（单位：万元）"]),
            row(&["行政事业性收费", "56.78"])
        ]
    );

    // Published in 2025 (new) and by its end (total): a, b from 2024; c, d, e, f, g in 2025.
    assert_eq!(
        t["by-category"],
        [
            row(&["类别", "本年新增", "累计"]),
            row(&["决策公开", "3", "4"]),
            row(&["执行公开", "0", "1"]),
            row(&["管理公开", "1", "1"]),
            row(&["服务公开", "0", "0"]),
            row(&["结果公开", "1", "1"]),
            row(&["合计", "5", "7"]),
        ]
    );
    assert_eq!(
        t["by-type"],
        [
            row(&["文种", "本年新增", "累计"]),
            row(&["办法", "1", "2"]),
            row(&["通知", "1", "2"]),
            row(&["令", "1", "1"]),
            row(&["意见", "1", "1"]),
            row(&["解读", "1", "1"]),
            row(&["合计", "5", "7"]),
        ]
    );
    assert!(
        page.contains("2025年形成的政府信息中，另有依申请公开 1 件、不予公开 1 件"),
        "withheld counts"
    );

    let g = "三、本年度办理结果|r22";
    assert_eq!(
        t["applications"],
        [
            row(&[
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|r3|c3",
                "申请人情况|c7"
            ]),
            row(&["自然人|r2", "法人或其他组织|c5", "总计|r2"]),
            row(&[
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他"
            ]),
            numbers(
                &["一、本年新收政府信息公开申请数量|c3"],
                &[10, 3, 1, 0, 2, 1, 17]
            ),
            numbers(
                &["二、上年结转政府信息公开申请数量|c3"],
                &[1, 0, 0, 0, 0, 0, 1]
            ),
            numbers(&[g, "（一）予以公开|c2"], &[4, 1, 0, 0, 1, 0, 6]),
            numbers(
                &["（二）部分公开（区分处理的，只计这一情形，不计其他情形）|c2"],
                &[1, 0, 0, 0, 0, 0, 1]
            ),
            numbers(
                &["（三）不予公开|r8", "1.属于国家秘密"],
                &[0, 0, 0, 0, 0, 0, 0]
            ),
            numbers(&["2.其他法律行政法规禁止公开"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(&["3.危及“三安全一稳定”"], &[1, 0, 0, 0, 0, 0, 1]),
            numbers(&["4.保护第三方合法权益"], &[0, 1, 0, 0, 0, 0, 1]),
            numbers(&["5.属于三类内部事务信息"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(&["6.属于四类过程性信息"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(&["7.属于行政执法案卷"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(&["8.属于行政查询事项"], &[0, 0, 1, 0, 0, 0, 1]),
            numbers(
                &["（四）无法提供|r3", "1.本机关不掌握相关政府信息"],
                &[2, 0, 0, 0, 1, 0, 3]
            ),
            numbers(&["2.没有现成信息需要另行制作"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(&["3.补正后申请内容仍不明确"], &[0, 0, 0, 0, 0, 1, 1]),
            numbers(
                &["（五）不予处理|r5", "1.信访举报投诉类申请"],
                &[0, 0, 0, 0, 0, 0, 0]
            ),
            numbers(&["2.重复申请"], &[1, 0, 0, 0, 0, 0, 1]),
            numbers(&["3.要求提供公开出版物"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(&["4.无正当理由大量反复申请"], &[0, 0, 0, 0, 0, 0, 0]),
            numbers(
                &["5.要求行政机关确认或重新出具已获取信息"],
                &[0, 0, 0, 0, 0, 0, 0]
            ),
            numbers(
                &[
                    "（六）其他处理|r3",
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
                ],
                &[0, 0, 0, 0, 0, 0, 0]
            ),
            numbers(
                &["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
                &[0, 1, 0, 0, 0, 0, 1]
            ),
            numbers(&["3.其他"], &[1, 0, 0, 0, 0, 0, 1]),
            numbers(&["（七）总计|c2"], &[10, 3, 1, 0, 2, 1, 17]),
            numbers(&["四、结转下年度继续办理|c3"], &[1, 0, 0, 0, 0, 0, 1]),
        ]
    );

    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut third_header = row(&results);
    third_header.extend(row(&results));
    assert_eq!(
        t["appeals"],
        [
            row(&["行政复议|c5", "行政诉讼|c10"]),
            row(&[
                "结果维持|r2",
                "结果纠正|r2",
                "其他结果|r2",
                "尚未审结|r2",
                "总计|r2",
                "未经复议直接起诉|c5",
                "复议后起诉|c5",
            ]),
            third_header,
            numbers(&[], &[1, 2, 0, 1, 4, 0, 1, 0, 0, 1, 0, 0, 1, 1, 2]),
        ]
    );
}

#[test]
fn the_report_carries_its_text_and_says_what_is_missing() {
    let site = built();
    let page = site.read_out("reports/2025/index.html");
    assert!(
        page.contains("<h1 class=\"doc-title\">测试区人民政府2025年政府信息公开工作年度报告</h1>")
    );
    assert!(page.contains("发布日期：2026-01-20"));
    for text in [
        "本报告依据条例编制。",
        "全年工作总体情况，见<a href=\"../../docs/005283492-2025-00001/index.html\">管理办法</a>。",
        "申请数量与上年持平。",
        "问题和改进。",
    ] {
        assert!(page.contains(&format!("<p>{text}</p>")), "{text}");
    }
    let sub = Html::parse_document(&page);
    let sub = sub
        .select(&sel("#s1 h3"))
        .next()
        .expect("a sub-heading under the section's h2");
    assert_eq!(sub.text().collect::<String>(), "（一）主动公开");
    let section_six = &page[page.find("id=\"s6\"").unwrap()..];
    assert!(section_six.contains("<p class=\"empty\">无。</p>"));
    assert!(
        !page.contains("ZWGK-WITHHELD"),
        "withheld documents are only counted"
    );

    // 2024 has no text: the default title names the first publisher, and the build warns.
    let page = site.read_out("reports/2024/index.html");
    assert!(page.contains("测试区人民政府2024年政府信息公开工作年度报告"));
    assert!(page.contains("本节内容尚未提供。"));
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(
        err.contains("警告 warning[report/missing-text]: content/_reports/2024.md"),
        "{err}"
    );
    assert!(err.contains("总体情况"), "{err}");
}

#[test]
fn the_reports_index_lists_every_year_newest_first() {
    let site = built();
    let index = Html::parse_document(&site.read_out("reports/index.html"));
    let list = rows(index.select(&sel("table.report-list")).next().unwrap());
    assert_eq!(
        list,
        [
            row(&["年度", "报告", "发布日期", "本年主动公开", "本年新收申请"]),
            row(&[
                "2025",
                "测试区人民政府2025年政府信息公开工作年度报告",
                "2026-01-20",
                "5 件",
                "17 件"
            ]),
            row(&[
                "2024",
                "测试区人民政府2024年政府信息公开工作年度报告",
                "",
                "2 件",
                "1 件"
            ]),
        ]
    );
    let sitemap = site.read_out("sitemap.xml");
    for path in ["reports/", "reports/2024/", "reports/2025/", "apply/"] {
        assert!(sitemap.contains(&format!("xxgk/{path}</loc>")), "{path}");
    }
}

#[test]
fn an_inconsistent_data_file_fails_check_and_build_naming_the_row_and_column() {
    let site = fixture();
    // 自然人: 10 + 1 received, but 4 + 1 + 1 + 2 + 1 + 1 = 10 answered + 2 carried forward.
    site.write(
        "content/_reports/2025.yaml",
        REPORT_2025
            .replace("结转下年度继续办理: [1, 0,", "结转下年度继续办理: [2, 0,")
            .replace(
                "予以公开: [4, 1, 0, 0, 1, 0]",
                "予以公开: [4, 1, 0, 0, 1, 0, 7]",
            ),
    );
    for command in ["check", "build"] {
        let out = site.zwgk(&[command]);
        let err = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(!out.status.success(), "{command}: {err}");
        assert!(
            err.contains("错误 error[report/sum-mismatch]: content/_reports/2025.yaml:24"),
            "{command}: {err}"
        );
        assert!(
            err.contains(
                "“自然人”列：一、二两行之和为 10 + 1 = 11，三（七）与四两行之和为 10 + 2 = 12"
            ),
            "{err}"
        );
        assert!(err.contains("四、结转下年度继续办理"), "{err}");
        assert!(
            err.contains("错误 error[report/total-mismatch]: content/_reports/2025.yaml:12"),
            "{command}: {err}"
        );
        assert!(
            err.contains("“三、本年度办理结果（一）予以公开”一行的总计写为 7，但各列之和是 6"),
            "{err}"
        );
    }
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn a_wrong_total_row_names_the_row_and_columns() {
    let site = fixture();
    site.write(
        "content/_reports/2025.yaml",
        REPORT_2025.replace(
            "总计: [10, 3, 1, 0, 2, 1, 17]",
            "总计: [10, 2, 1, 0, 2, 1, 16]",
        ),
    );
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("error[report/total-mismatch]: content/_reports/2025.yaml:23"),
        "{err}"
    );
    assert!(err.contains("“三、本年度办理结果（七）总计”与（一）至（六）各行之和不符：“商业企业”列写为 2，应为 3"), "{err}");
}

#[test]
fn malformed_report_files_are_reported_with_their_line() {
    let site = fixture();
    site.write(
        "content/_reports/2025.yaml",
        REPORT_2025.replace("重复申请:", "重复的申请:"),
    );
    site.write(
        "content/_reports/2025.md",
        TEXT_2025.replace("## 一、总体情况", "## 一、总体概况"),
    );
    site.write("content/_reports/2023.md", "## 总体情况\n\n只有文字。\n");
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("error[report/unknown-row]: content/_reports/2025.yaml:20"),
        "{err}"
    );
    assert!(err.contains("是否想写“重复申请”"), "{err}");
    assert!(
        err.contains("error[report/unknown-section]: content/_reports/2025.md:3"),
        "{err}"
    );
    assert!(
        err.contains("error[report/missing-data]: content/_reports/2023.md"),
        "{err}"
    );
}

#[test]
fn a_report_for_a_year_not_yet_over_is_refused() {
    let site = fixture();
    site.write("content/_reports/2027.yaml", REPORT_2024);
    let err = stderr(&site.zwgk(&["build"]));
    assert!(
        err.contains("error[report/future-year]: content/_reports/2027.yaml"),
        "{err}"
    );
}

#[test]
fn the_guide_links_to_the_request_page_and_the_reports() {
    let site = built();
    let guide = site.read_out("guide/index.html");
    let on_request = &guide[guide.find("id=\"on-request\"").unwrap()..];
    let on_request = &on_request[..on_request.find("</section>").unwrap()];
    assert!(
        on_request.contains("href=\"../apply/index.html\""),
        "{on_request}"
    );
    assert!(guide.contains("href=\"../reports/index.html\""));
}

/// The application form has the fields the regulation requires (条例第二十九条):
/// the applicant's name, proof of identity and contact; a description of the
/// information; the form and route of delivery. (That every control of every page
/// is labelled is checked in tests/theme.rs.)
#[test]
fn the_application_form_has_the_required_fields() {
    let site = built();
    let page = Html::parse_document(&site.read_out("apply/index.html"));
    let form = page.select(&sel("#form")).next().expect("the form section");
    let labels: Vec<String> = form
        .select(&sel("th"))
        .map(|th| th.text().collect::<String>().trim().to_string())
        .collect();
    for label in [
        "姓名或名称",
        "身份证明名称",
        "证件号码",
        "联系电话",
        "电子邮箱",
        "通信地址",
        "信息名称",
        "文号",
        "其他特征性描述",
        "提供形式",
        "获取途径",
        "申请人签名（盖章）",
        "申请日期",
    ] {
        assert!(labels.iter().any(|l| l == label), "{label} in {labels:?}");
    }
    let choices: Vec<&str> = form
        .select(&sel("input[type=checkbox], input[type=radio]"))
        .filter_map(|i| i.attr("value"))
        .collect();
    assert_eq!(
        choices,
        [
            "公民",
            "法人或者其他组织",
            "纸质",
            "电子文件",
            "邮寄",
            "电子邮件",
            "传真",
            "当面领取",
            "现场查阅"
        ]
    );
    assert!(
        form.select(&sel("form, [onsubmit], [onclick]"))
            .next()
            .is_none(),
        "nothing is submitted anywhere: the form is printed"
    );
    let text = page.root_element().text().collect::<String>();
    for office in [
        "测试区人民政府办公室",
        "0371-12345678",
        "20 个工作日",
        "国办函〔2020〕109号",
    ] {
        assert!(text.contains(office), "{office}");
    }
}

#[test]
fn a_missing_year_between_reports_is_overdue() {
    let site = fixture();
    site.write("content/_reports/2022.yaml", REPORT_2024);
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "a warning only: {err}");
    assert!(
        err.contains("警告 warning[report/overdue]: content/_reports/2023.yaml"),
        "{err}"
    );
    assert!(
        !err.contains("report/overdue]: content/_reports/2026"),
        "2026 is not over: {err}"
    );
    assert_eq!(err.matches("report/overdue").count(), 1, "{err}");
}

/// 本年废止件数 is counted from the documents' `abolished` dates, and 现行有效件数 from
/// their validity on 31 December; a figure written in the data file overrides the
/// count, and `check` notes the difference (issue 18).
#[test]
fn abolished_and_in_force_are_counted_from_the_dates_unless_written() {
    let site = fixture();
    let repealed = "abolished_by: 《市人民政府关于废止部分规范性文件的决定》\n";
    doc(
        &site,
        "j",
        "005283492/2024-00010",
        "办法",
        "决策公开",
        "2024-05-06",
        &format!("abolished: 2025-06-01\n{repealed}"),
    );
    doc(
        &site,
        "k",
        "005283492/2024-00011",
        "令",
        "决策公开",
        "2024-07-01",
        &format!("abolished: 2025-03-01\n{repealed}"),
    );
    doc(
        &site,
        "l",
        "005283492/2025-00010",
        "意见",
        "决策公开",
        "2025-05-05",
        "valid_until: 2025-12-30\n",
    );
    let without = REPORT_2025.replace("  本年废止: {规章: 0, 行政规范性文件: 2}\n", "");
    site.write("content/_reports/2025.yaml", &without);
    let out = site.zwgk(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("report/abolished-differs"));
    let counted = tables(&site.read_out("reports/2025/index.html"));
    assert_eq!(
        counted["proactive-1"][1..],
        [
            row(&["规章", "1", "1", "1"]),
            row(&["行政规范性文件", "3", "1", "2"]),
        ]
    );

    let written = REPORT_2025.replace(
        "本年废止: {规章: 0, 行政规范性文件: 2}",
        "本年废止: {行政规范性文件: 4}",
    );
    site.write("content/_reports/2025.yaml", &written);
    let out = site.zwgk(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "a note only: {err}");
    assert!(
        err.contains("提示 info[report/abolished-differs]: content/_reports/2025.yaml"),
        "{err}"
    );
    assert!(
        err.contains("写为 4 件") && err.contains("计算是 1 件"),
        "{err}"
    );
    assert_eq!(
        err.matches("report/abolished-differs").count(),
        1,
        "规章 not written: {err}"
    );
    let overridden = tables(&site.read_out("reports/2025/index.html"));
    assert_eq!(
        overridden["proactive-1"][1..],
        [
            row(&["规章", "1", "1", "1"]),
            row(&["行政规范性文件", "3", "4", "2"]),
        ]
    );
}
