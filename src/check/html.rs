//! `zwgk check --format html`: one self-contained page for the office and its
//! leaders. Inline CSS and SVG, no script and nothing from elsewhere, so it opens from
//! `file://`, can be mailed as one file, and prints on A4. What it shows is made
//! only from the documents published on the day of the check (and counts of the
//! others) and from the findings, which name files but never quote a withheld
//! document. How to read it: docs/inspection.md.

use super::{CheckReport, Inspection};
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::escape_html as esc;
use crate::rules::columns::{Column, ColumnKind};
use std::collections::BTreeMap;
use std::fmt::Write;

const CSS: &str = r#"
:root{--ink:#1d2129;--soft:#5b6270;--line:#d8dce3;--bg:#f6f7f9;--err:#b3261e;--warn:#8a5300;--info:#0a4ea8;--ok:#1e6b34;--bar:#0a4ea8;--bar2:#c9d6ea}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:20px;border-bottom:3px solid #b0191e}
h1{font-size:1.6rem;margin:.2em 0}
h2{font-size:1.3rem;margin:1.6em 0 .6em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.2em 0 .4em}
.meta{color:var(--soft);margin:.2em 0 .8em}
.verdict{display:inline-block;font-weight:bold;padding:.2em .8em;border-radius:4px;color:#fff;margin-bottom:12px}
.verdict.pass{background:var(--ok)}.verdict.fail{background:var(--err)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--bg)}
.cards .n{display:block;font-size:1.7rem;font-weight:bold;line-height:1.2}
.cards .err .n{color:var(--err)}.cards .warn .n{color:var(--warn)}.cards .info .n{color:var(--info)}
.note{color:var(--soft);font-size:.95rem}
.alert{border-left:4px solid var(--err);background:#fdf0ef;padding:8px 12px}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}
td.num,th.num{text-align:right;white-space:nowrap}
.bars{list-style:none;padding:0;margin:0}
.bars li{display:grid;grid-template-columns:minmax(7em,14em) 1fr auto;gap:8px;align-items:center;margin:4px 0}
.bars .label small{color:var(--soft);margin-left:.4em}
.bars svg{width:100%;height:16px;display:block}
.bars .value{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.hist{max-width:560px;width:100%;height:auto;display:block}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-size:.85rem;white-space:nowrap}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
.status-stale{color:var(--err);font-weight:bold}.status-empty{color:var(--warn);font-weight:bold}.status-ok{color:var(--ok)}.status-exempt{color:var(--soft)}
.finding{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0;break-inside:avoid}
.finding p{margin:.2em 0}
.finding .where{font-family:ui-monospace,Consolas,monospace;font-size:.9rem;word-break:break-all}
.finding .en{color:var(--soft);font-size:.9rem}
a{color:#0a4ea8}
footer{margin-top:2em;padding:12px 16px 24px;color:var(--soft);font-size:.9rem;border-top:1px solid var(--line)}
@media (max-width:600px){.bars li{grid-template-columns:1fr auto}.bars li .label{grid-column:1 / -1}}
@page{size:A4;margin:15mm 12mm}
@media print{body{font-size:10.5pt}header,main,footer{max-width:none;padding:0}section,.finding,tr,.bars li{break-inside:avoid}h2,h3{break-after:avoid}.table-wrap{overflow:visible}a{color:inherit;text-decoration:none}}
"#;

/// The family of a rule id, in words for the table of findings by rule.
fn family(rule: &str) -> &'static str {
    match rule.split('/').next().unwrap_or("") {
        "columns" => "栏目建设",
        "timeliness" => "公开时效",
        "wording" => "易错表述",
        "links" | "files" => "链接和附件",
        "pii" => "个人信息",
        "disclosure" => "公开属性和保密审查",
        "index" => "索引号",
        "schema" => "元数据",
        "dates" => "日期",
        "interpretation" => "政策解读",
        "report" => "年度报告",
        "domain" => "重点领域目录",
        "config" => "站点设置",
        "source" => "文件编码和格式",
        "theme" | "build" | "output" => "模板和生成",
        _ => "其他",
    }
}

fn counts(ds: &[&Diagnostic]) -> [usize; 3] {
    let mut c = [0; 3];
    for d in ds {
        c[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    c
}

/// A horizontal bar, `value` of `max`, as a small inline SVG with its meaning as text.
fn bar(value: usize, max: usize, label: &str) -> String {
    let pct = if max == 0 {
        0.0
    } else {
        100.0 * value as f64 / max as f64
    };
    format!(
        "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\"><rect width=\"100\" height=\"10\" fill=\"var(--bar2)\"/><rect width=\"{pct:.1}\" height=\"10\" fill=\"var(--bar)\"/></svg>",
        esc(label)
    )
}

/// The page. `strict` only changes the verdict's words.
pub fn report(report: &CheckReport, strict: bool) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let s = report.summary();
    let title = report
        .inspection
        .as_ref()
        .map_or("", |i| i.site_title.as_str());
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>政务公开检查报告 - {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(title)
    );
    let passes = report.passes(strict);
    let _ = write!(
        h,
        "<header>\n<h1>政务公开检查报告</h1>\n<p class=\"meta\">{}{}</p>\n<p class=\"verdict {}\">{}</p>\n</header>\n<main>\n",
        esc(title),
        report
            .inspection
            .as_ref()
            .map(|i| format!(" · 检查日期 {}", i.today))
            .unwrap_or_default(),
        if passes { "pass" } else { "fail" },
        if passes {
            "检查通过"
        } else if strict {
            "未通过（--strict：警告也不通过）"
        } else {
            "未通过：有错误"
        }
    );
    // 一、总体情况
    h.push_str(
        "<section aria-labelledby=\"s1\">\n<h2 id=\"s1\">一、总体情况</h2>\n<ul class=\"cards\">\n",
    );
    let card = |h: &mut String, class: &str, n: String, what: &str| {
        let _ = writeln!(
            h,
            "<li class=\"{class}\"><span class=\"n\">{n}</span>{what}</li>"
        );
    };
    card(
        &mut h,
        "err",
        s.errors.to_string(),
        "处错误（必须改正，否则不能生成网站）",
    );
    card(
        &mut h,
        "warn",
        s.warnings.to_string(),
        "处警告（检查时会扣分，应当改正）",
    );
    card(&mut h, "info", s.infos.to_string(), "条提示");
    card(&mut h, "", s.documents.to_string(), "个文档文件");
    if let Some(i) = &report.inspection {
        card(&mut h, "", i.published.to_string(), "件已公开");
        card(&mut h, "", i.withheld.to_string(), "件未公开（只计数）");
        card(
            &mut h,
            if i.empty_columns >= i.empty_limit {
                "err"
            } else if i.empty_columns > 0 {
                "warn"
            } else {
                ""
            },
            format!("{} / {}", i.empty_columns, i.empty_limit),
            "个空白栏目（达到上限即单项否决）",
        );
        card(
            &mut h,
            if i.stale_columns > 0 { "warn" } else { "" },
            i.stale_columns.to_string(),
            "个栏目未按时更新",
        );
    }
    h.push_str("</ul>\n");
    if let Some(i) = &report.inspection {
        if i.empty_columns >= i.empty_limit {
            let _ = writeln!(
                h,
                "<p class=\"alert\">空白栏目已有 {} 个，达到 {} 个：按《政府网站与政务新媒体检查指标》即判为不合格（单项否决）。</p>",
                i.empty_columns, i.empty_limit
            );
        }
    }
    h.push_str("</section>\n");

    // 二、问题分布
    let all: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    h.push_str("<section aria-labelledby=\"s2\">\n<h2 id=\"s2\">二、问题分布</h2>\n");
    if all.is_empty() {
        h.push_str("<p>没有发现问题。</p>\n");
    } else {
        let mut by_rule: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in &all {
            by_rule.entry(d.rule).or_default().push(d);
        }
        h.push_str("<h3>按规则</h3>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"按规则统计的问题\" tabindex=\"0\">\n<table>\n<thead><tr><th scope=\"col\">规则</th><th scope=\"col\" class=\"num\">错误</th><th scope=\"col\" class=\"num\">警告</th><th scope=\"col\" class=\"num\">提示</th></tr></thead>\n<tbody>\n");
        for (rule, ds) in &by_rule {
            let [e, w, n] = counts(ds);
            let _ = writeln!(
                h,
                "<tr><td>{}<br><a href=\"#f-{}\"><code>{}</code></a></td><td class=\"num\">{e}</td><td class=\"num\">{w}</td><td class=\"num\">{n}</td></tr>",
                family(rule),
                anchor(rule),
                esc(rule)
            );
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
        if let Some(i) = &report.inspection {
            let mut by_organ: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
            for d in &all {
                let organ = i
                    .organ_of
                    .get(&d.file)
                    .map_or("全站设置和目录", String::as_str);
                by_organ.entry(organ).or_default().push(d);
            }
            h.push_str("<h3>按发布机构</h3>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"按发布机构统计的问题\" tabindex=\"0\">\n<table>\n<thead><tr><th scope=\"col\">发布机构</th><th scope=\"col\" class=\"num\">错误</th><th scope=\"col\" class=\"num\">警告</th><th scope=\"col\" class=\"num\">提示</th></tr></thead>\n<tbody>\n");
            for (organ, ds) in &by_organ {
                let [e, w, n] = counts(ds);
                let _ = writeln!(
                    h,
                    "<tr><th scope=\"row\">{}</th><td class=\"num\">{e}</td><td class=\"num\">{w}</td><td class=\"num\">{n}</td></tr>",
                    esc(organ)
                );
            }
            h.push_str("</tbody>\n</table>\n</div>\n");
        }
    }
    h.push_str("</section>\n");

    if let Some(i) = &report.inspection {
        coverage(&mut h, i);
        timeliness(&mut h, i);
        freshness(&mut h, i);
    }
    findings(&mut h, &all);
    h.push_str("</main>\n<footer>\n<p>本报告由 zwgk check 生成，只依据检查当日已公开的文件和未公开文件的数量，不含未公开文件的任何内容。各项检查和规则的含义见 docs/inspection.md 和 docs/rules.md。</p>\n<p>Generated by zwgk check from the documents published on the day of the check; withheld documents are counted only.</p>\n</footer>\n</body>\n</html>\n");
    h
}

fn anchor(rule: &str) -> String {
    rule.replace('/', "-")
}

/// 三、栏目建设: each domain's items, each organ's 五公开 columns.
fn coverage(h: &mut String, i: &Inspection) {
    h.push_str("<section aria-labelledby=\"s3\">\n<h2 id=\"s3\">三、栏目建设</h2>\n");
    let domains: Vec<&Column> = i.columns_of(ColumnKind::Domain).collect();
    if !domains.is_empty() {
        h.push_str("<h3>重点领域标准目录：已有公开文件的事项</h3>\n<ul class=\"bars\">\n");
        for d in &domains {
            let items: Vec<&Column> = i
                .columns_of(ColumnKind::Item)
                .filter(|c| c.address.starts_with(&d.address))
                .collect();
            let judged: Vec<&&Column> = items.iter().filter(|c| !c.exempt).collect();
            let covered = judged.iter().filter(|c| c.documents > 0).count();
            let exempt = items.len() - judged.len();
            let label = format!("{}：{} 个事项中 {covered} 个已有文件", d.name, judged.len());
            let _ = writeln!(
                h,
                "<li><span class=\"label\">{}{}</span>{}<span class=\"value\">{covered} / {}</span></li>",
                esc(&d.name),
                if exempt > 0 { format!("<small>另 {exempt} 项免检</small>") } else { String::new() },
                bar(covered, judged.len(), &label),
                judged.len(),
            );
        }
        h.push_str("</ul>\n<p class=\"note\">依申请公开的事项和 site.toml 中列为免检（exempt）的事项不计入。</p>\n");
    }
    if !i.organs.is_empty() {
        h.push_str("<h3>各发布机构：有公开文件的五公开栏目</h3>\n<ul class=\"bars\">\n");
        let n = crate::model::taxonomy::Category::ALL.len();
        for o in &i.organs {
            let filled = o.categories.iter().filter(|c| **c > 0).count();
            let total: usize = o.categories.iter().sum();
            let label = format!(
                "{}：五公开 {n} 个栏目中 {filled} 个有文件，共 {total} 件",
                o.name
            );
            let _ = writeln!(
                h,
                "<li><span class=\"label\">{}</span>{}<span class=\"value\">{filled} / {n}，{total} 件</span></li>",
                esc(&o.name),
                bar(filled, n, &label)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// 四、公开时效: a histogram of working days from 成文日期 to 发布日期.
fn timeliness(h: &mut String, i: &Inspection) {
    const BINS: [(u32, u32, &str); 8] = [
        (0, 2, "0–2"),
        (3, 5, "3–5"),
        (6, 10, "6–10"),
        (11, 15, "11–15"),
        (16, 20, "16–20"),
        (21, 30, "21–30"),
        (31, 40, "31–40"),
        (41, u32::MAX, "41+"),
    ];
    let counts: Vec<usize> = BINS
        .iter()
        .map(|(lo, hi, _)| i.delays.iter().filter(|d| (*lo..=*hi).contains(*d)).count())
        .collect();
    let late = i.delays.iter().filter(|d| **d > i.limit_days).count();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    h.push_str("<section aria-labelledby=\"s4\">\n<h2 id=\"s4\">四、公开时效</h2>\n");
    let _ = writeln!(
        h,
        "<p>已公开的 {} 件文件中，{} 件在成文后 {} 个工作日内发布，{late} 件超过；{} 件所在年份没有节假日安排，未计算。按事项的公开时限（如 7 个工作日）判断的逾期见“问题清单”中的 timeliness/late。</p>",
        i.published,
        i.delays.len() - late,
        i.limit_days,
        i.delays_unknown
    );
    let (w, hgt, left, bottom, top) = (400.0, 230.0, 34.0, 40.0, 16.0);
    let plot_w = w - left - 8.0;
    let plot_h = hgt - bottom - top;
    let bw = plot_w / BINS.len() as f64;
    let desc = BINS
        .iter()
        .zip(&counts)
        .map(|((_, _, l), c)| format!("{l} 个工作日 {c} 件"))
        .collect::<Vec<_>>()
        .join("，");
    let _ = write!(
        h,
        "<svg class=\"hist\" viewBox=\"0 0 {w} {hgt}\" role=\"img\" aria-labelledby=\"hist-t hist-d\"><title id=\"hist-t\">成文日期到发布日期的工作日数分布，红线为 {} 个工作日的时限</title><desc id=\"hist-d\">{desc}</desc>",
        i.limit_days
    );
    let _ = write!(
        h,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#5b6270\"/>",
        top + plot_h,
        left + plot_w,
        top + plot_h
    );
    for (k, ((_, hi, label), c)) in BINS.iter().zip(&counts).enumerate() {
        let x = left + k as f64 * bw;
        let bh = plot_h * *c as f64 / max as f64;
        let over = *hi > i.limit_days;
        let _ = write!(
            h,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"/>",
            x + 3.0,
            top + plot_h - bh,
            bw - 6.0,
            if over { "#b3261e" } else { "#0a4ea8" }
        );
        if *c > 0 {
            let _ = write!(
                h,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1d2129\">{c}</text>",
                x + bw / 2.0,
                top + plot_h - bh - 3.0
            );
        }
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2129\">{label}</text>",
            x + bw / 2.0,
            top + plot_h + 15.0
        );
    }
    let limit_x = left + 5.0 * bw;
    let _ = writeln!(
        h,
        "<line x1=\"{limit_x:.1}\" y1=\"{top}\" x2=\"{limit_x:.1}\" y2=\"{}\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"12\" fill=\"#b3261e\">时限 {} 个工作日</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2129\">成文后第几个工作日发布</text></svg>",
        top + plot_h,
        limit_x + 4.0,
        top + 10.0,
        i.limit_days,
        left + plot_w / 2.0,
        hgt - 6.0
    );
    h.push_str("</section>\n");
}

/// 五、栏目更新情况: every column with its newest document and its limit.
fn freshness(h: &mut String, i: &Inspection) {
    h.push_str("<section aria-labelledby=\"s5\">\n<h2 id=\"s5\">五、栏目更新情况</h2>\n<p class=\"note\">首页 14 天、其他栏目 6 个月内应有新文件（可在 site.toml 的 [inspection] 中按栏目设置）。地址链接到正式网站上的栏目页面。</p>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"栏目更新情况\" tabindex=\"0\">\n<table>\n<thead><tr><th scope=\"col\">栏目</th><th scope=\"col\">类型</th><th scope=\"col\" class=\"num\">文件</th><th scope=\"col\">最近发布</th><th scope=\"col\">更新时限</th><th scope=\"col\">状态</th></tr></thead>\n<tbody>\n");
    for c in &i.columns {
        let (class, status) = if c.exempt {
            ("exempt", "免检".to_string())
        } else if c.is_empty() {
            ("empty", "空白栏目".to_string())
        } else if c.is_stale(i.today) {
            (
                "stale",
                format!(
                    "{} 天未更新",
                    c.newest.map_or(0, |n| (i.today - n).num_days())
                ),
            )
        } else {
            ("ok", "正常".to_string())
        };
        let link = crate::model::urls::on_portal(&i.base_url, &c.address);
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"status-{class}\">{status}</td></tr>",
            esc(&link),
            esc(&c.name),
            c.kind.zh(),
            c.documents,
            c.newest.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            c.max_age.map(|m| m.zh()).unwrap_or_else(|| "—".into()),
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// 六、问题清单: every finding, grouped by rule.
fn findings(h: &mut String, all: &[&Diagnostic]) {
    h.push_str("<section aria-labelledby=\"s6\">\n<h2 id=\"s6\">六、问题清单</h2>\n");
    if all.is_empty() {
        h.push_str("<p>没有发现问题。</p>\n</section>\n");
        return;
    }
    let mut by_rule: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in all {
        by_rule.entry(d.rule).or_default().push(d);
    }
    for (rule, ds) in by_rule {
        let _ = writeln!(
            h,
            "<h3 id=\"f-{}\">{} <code>{}</code>（{} 处）</h3>",
            anchor(rule),
            family(rule),
            esc(rule),
            ds.len()
        );
        for d in ds {
            let (class, label) = match d.severity {
                Severity::Error => ("error", "错误"),
                Severity::Warning => ("warning", "警告"),
                Severity::Info => ("info", "提示"),
            };
            let _ = writeln!(
                h,
                "<div class=\"finding\"><p><span class=\"badge {class}\">{label}</span> <span class=\"where\">{}</span></p><p>{}</p><p class=\"en\" lang=\"en\">{}</p>{}</div>",
                esc(&d.location()),
                esc(&d.message_zh),
                esc(&d.message_en),
                if d.fix_zh.is_empty() {
                    String::new()
                } else {
                    format!("<p><strong>修改方法：</strong>{}</p>", esc(&d.fix_zh))
                }
            );
        }
    }
    h.push_str("</section>\n");
}
