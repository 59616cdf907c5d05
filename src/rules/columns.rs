//! `columns/*`: the portal's columns (栏目) as a government-website inspection judges
//! them (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》 and the provincial 普查
//! tables): a column with no published document is a 空白栏目, and five of them fail
//! a site outright; a column that goes too long without a new document is not
//! updated (不更新栏目): six months for ordinary columns, two weeks for the home page.
//!
//! The columns are the listings an inspector opens from the navigation: the home
//! page, the five 五公开 views, each pilot domain and each item of its standard list,
//! and each publishing body's page. Topics and years are ways of browsing, not
//! columns: they exist only when they have documents, and a year is an archive.
//! Items published only on request (`mode: 依申请`) may stay empty. A column counts
//! what is published on the day of the check: withheld, draft and scheduled documents
//! do not fill a column.
//!
//! These rules run in `zwgk check` when site.toml has an `[inspection]` table, with
//! `check --inspect`, and for the HTML report; `build` does not run them.

use crate::config::inspection::{column_key, MaxAge};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::layout::CONFIG_FILE;
use crate::model::taxonomy::Category;
use crate::model::urls;
use crate::rules::RuleContext;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    Home,
    Category,
    Domain,
    Item,
    Publisher,
}

impl ColumnKind {
    pub fn zh(self) -> &'static str {
        match self {
            ColumnKind::Home => "首页",
            ColumnKind::Category => "五公开",
            ColumnKind::Domain => "重点领域",
            ColumnKind::Item => "标准目录事项",
            ColumnKind::Publisher => "发布机构",
        }
    }
}

/// One column of the portal, as published on the day of the check.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub kind: ColumnKind,
    /// As readers see it: `决策公开`, `财政预决算 › 部门预算`.
    pub name: String,
    /// Its page's folder (the home page is ``), as site.toml's `[inspection]` names it.
    pub address: String,
    /// Where the column is defined, for findings: a `_domain.yaml` or site.toml.
    pub file: String,
    pub line: Option<usize>,
    /// Published documents in it.
    pub documents: usize,
    /// The newest publication date among them.
    pub newest: Option<NaiveDate>,
    /// How long it may go without a new document; `None` when it is exempt.
    pub max_age: Option<MaxAge>,
    /// Listed in `[inspection] exempt`, or an item published only on request.
    pub exempt: bool,
    /// For items: the domain's slug (the report groups items by domain).
    pub domain: Option<String>,
}

impl Column {
    pub fn is_empty(&self) -> bool {
        self.documents == 0 && !self.exempt && self.kind != ColumnKind::Home
    }

    /// The first day the column counts as not updated, if it has documents and a limit.
    pub fn stale_from(&self) -> Option<NaiveDate> {
        Some(self.max_age?.stale_from(self.newest?))
    }

    pub fn is_stale(&self, today: NaiveDate) -> bool {
        self.stale_from().is_some_and(|d| today >= d)
    }

    /// `决策公开（catalogue/decision/）`
    fn label(&self) -> String {
        let address = if self.address.is_empty() {
            "首页 /".to_string()
        } else {
            self.address.clone()
        };
        format!("“{}”（{address}）", self.name)
    }

    fn label_en(&self) -> String {
        let address = if self.address.is_empty() {
            "/"
        } else {
            &self.address
        };
        format!("\"{}\" ({address})", self.name)
    }
}

/// Every column of the site, in navigation order: home, 五公开, each domain followed
/// by its items, publishers.
pub fn columns(cx: &RuleContext) -> Vec<Column> {
    let site = cx.site;
    let inspection = &site.config.inspection;
    let mut stats: HashMap<String, (usize, Option<NaiveDate>)> = HashMap::new();
    let mut add = |address: String, date: Option<NaiveDate>| {
        let entry = stats.entry(address).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(date);
    };
    for doc in &site.documents {
        if !RuleContext::published_by(doc, cx.today) {
            continue;
        }
        let date = doc.published;
        add(urls::HOME.to_string(), date);
        add(urls::category(doc.category.slug()), date);
        if let Some(domain) = &doc.domain {
            add(urls::domain(domain), date);
            if let Some(item) = &doc.item {
                add(urls::item(domain, item), date);
            }
        }
        add(urls::publisher(&doc.publisher), date);
    }
    let column_months = MaxAge::Months(*inspection.column_months.get_ref());
    let make = |kind, name: String, address: String, file: &str, line, exempt: bool| {
        let (documents, newest) = stats.get(&address).copied().unwrap_or_default();
        let exempt = exempt || inspection.is_exempt(&address);
        let default = if kind == ColumnKind::Home {
            MaxAge::Days(*inspection.home_days.get_ref())
        } else {
            column_months
        };
        // Items are published as events happen (a budget once a year): their
        // documents are judged by the item's time limit, and the item itself only
        // when site.toml gives it a limit of its own.
        let max_age = match inspection.column_limit(&address) {
            Some(own) => Some(own),
            None if kind == ColumnKind::Item => None,
            None => Some(default),
        };
        Column {
            kind,
            max_age: if exempt { None } else { max_age },
            name,
            address,
            file: file.to_string(),
            line,
            documents,
            newest,
            exempt,
            domain: None,
        }
    };
    let mut out = vec![make(
        ColumnKind::Home,
        "首页".into(),
        urls::HOME.into(),
        CONFIG_FILE,
        None,
        false,
    )];
    for c in Category::ALL {
        out.push(make(
            ColumnKind::Category,
            c.zh().into(),
            urls::category(c.slug()),
            CONFIG_FILE,
            None,
            false,
        ));
    }
    for (slug, domain) in &site.domains {
        out.push(make(
            ColumnKind::Domain,
            domain.name.clone(),
            urls::domain(slug),
            &domain.file,
            Some(1),
            false,
        ));
        for item in domain.leaf_items() {
            let on_request = item.mode.contains("依申请");
            let mut column = make(
                ColumnKind::Item,
                format!("{} › {} {}", domain.name, item.id, item.name),
                urls::item(slug, &item.id),
                &domain.file,
                item.line,
                on_request,
            );
            column.domain = Some(slug.clone());
            out.push(column);
        }
    }
    for p in &site.config.publishers {
        out.push(make(
            ColumnKind::Publisher,
            p.name.clone(),
            urls::publisher(&p.key),
            CONFIG_FILE,
            None,
            false,
        ));
    }
    out
}

/// `columns/empty` for each empty column, and `columns/empty-count` for their number.
pub fn empty_columns(cx: &RuleContext, out: &mut Diagnostics) {
    let columns = columns(cx);
    let empty: Vec<&Column> = columns.iter().filter(|c| c.is_empty()).collect();
    for c in &empty {
        let fix_zh = match c.kind {
            ColumnKind::Item => format!(
                "发布该事项的文件（在文件中写 item: \"{}\"）；确实无须公开的，在 site.toml 的 [inspection] exempt 中加入 \"{}\"",
                c.name.rsplit(" › ").next().unwrap_or("").split(' ').next().unwrap_or(""),
                c.address
            ),
            _ => format!(
                "发布属于该栏目的文件；确实不需要的栏目，在 site.toml 的 [inspection] exempt 中加入 \"{}\"",
                c.address
            ),
        };
        out.push(
            Diagnostic::warning("columns/empty", &c.file)
                .at(c.line)
                .msg(
                    format!("{}栏目{}没有已公开的文件，检查时算作空白栏目", c.kind.zh(), c.label()),
                    format!("the {} column {} has no published document: inspections count it as an empty column", kind_en(c.kind), c.label_en()),
                )
                .fix(
                    fix_zh,
                    format!("publish its documents; if it need not have any, add \"{}\" to [inspection] exempt in site.toml", c.address),
                ),
        );
    }
    if empty.is_empty() {
        return;
    }
    let limit = *cx.site.config.inspection.empty_limit.get_ref();
    let n = empty.len();
    let names = empty
        .iter()
        .take(8)
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    let more = if n > 8 { "……" } else { "" };
    let d = if n >= limit {
        Diagnostic::warning("columns/empty-count", CONFIG_FILE)
    } else {
        Diagnostic::info("columns/empty-count", CONFIG_FILE)
    };
    out.push(
        d.msg(
            format!("共有 {n} 个空白栏目（{names}{more}）；空白栏目达到 {limit} 个，网站检查即判为不合格"),
            format!("{n} empty column(s) ({names}{more}); {limit} or more fail a website inspection outright"),
        )
        .fix(
            "逐个处理上面的空白栏目；check --strict 在达到上限时报错",
            "deal with each empty column above; check --strict fails at the limit",
        ),
    );
}

/// With `check --strict`, 5 or more empty columns (the limit) are an error, as an
/// inspection's 单项否决 is.
pub fn strict(findings: &mut Diagnostics) {
    findings.escalate("columns/empty-count", Severity::Warning, Severity::Error);
}

fn kind_en(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Home => "home",
        ColumnKind::Category => "五公开",
        ColumnKind::Domain => "domain",
        ColumnKind::Item => "item",
        ColumnKind::Publisher => "publisher",
    }
}

/// `columns/stale`: a column whose newest document is older than its limit.
pub fn stale_columns(cx: &RuleContext, out: &mut Diagnostics) {
    for c in columns(cx) {
        if !c.is_stale(cx.today) {
            continue;
        }
        let (Some(newest), Some(max_age)) = (c.newest, c.max_age) else {
            continue;
        };
        let days = (cx.today - newest).num_days();
        out.push(
            Diagnostic::warning("columns/stale", &c.file)
                .at(c.line)
                .msg(
                    format!(
                        "{}栏目{}最新的文件发布于 {newest}，已 {days} 天未更新，超过 {}：检查时算作不更新栏目",
                        c.kind.zh(),
                        c.label(),
                        max_age.zh()
                    ),
                    format!(
                        "the {} column {} was last updated {newest}, {days} days ago, more than {}: inspections count it as not updated",
                        kind_en(c.kind),
                        c.label_en(),
                        max_age.en()
                    ),
                )
                .fix(
                    format!(
                        "及时发布该栏目的新文件；更新周期较长的栏目（如年度预决算），在 site.toml 的 [inspection.columns] 中写 \"{}\" = {{ months = 13 }}",
                        c.address
                    ),
                    format!(
                        "publish its new documents; for a column updated less often (yearly budgets, say) set \"{}\" = {{ months = 13 }} under [inspection.columns] in site.toml",
                        c.address
                    ),
                ),
        );
    }
}

/// `columns/unknown`: site.toml's `[inspection]` names an address that is no column.
pub fn unknown_addresses(cx: &RuleContext, out: &mut Diagnostics) {
    let columns = columns(cx);
    for (address, line) in &cx.site.config.inspection.addresses {
        let key = column_key(address);
        if columns.iter().any(|c| c.address == key) {
            continue;
        }
        out.push(
            Diagnostic::warning("columns/unknown", CONFIG_FILE)
                .at(Some(*line))
                .msg(
                    format!("[inspection] 中的“{address}”不是本网站的栏目地址，这一行不起作用"),
                    format!("[inspection] names \"{address}\", which is no column of this portal: the line has no effect"),
                )
                .fix(
                    "照 zwgk check 报告中的栏目地址写，例如 \"catalogue/decision/\"、\"domains/czyjs/items/2-3/\"、\"publishers/czj/\"，首页写 \"\"",
                    "write a column's address as zwgk check prints it, e.g. \"catalogue/decision/\", \"domains/czyjs/items/2-3/\", \"publishers/czj/\"; the home page is \"\"",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Severity;
    use crate::rules::testing::{doc, Fixture};
    use chrono::NaiveDate;

    const DOMAIN: &str = "name: 社会救助\nitems:\n  - id: \"1\"\n    name: 综合业务\n    children:\n      - id: \"1.1\"\n        name: 政策法规文件\n      - id: \"1.2\"\n        name: 审核信息\n        mode: 依申请\n      - id: \"1.3\"\n        name: 监督检查\n";

    fn on(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Findings of the inspection rules only, as `"<file>:<line> <rule> <severity>"`.
    fn inspect(f: &Fixture, today: NaiveDate) -> Vec<String> {
        f.inspect_on(today)
            .iter()
            .map(|d| format!("{} {} {:?}", d.location(), d.rule, d.severity))
            .collect()
    }

    /// A site with every 五公开 and both publishers used, and one domain.
    fn full(f: &Fixture) {
        f.write("content/shjz/_domain.yaml", DOMAIN);
        for (i, (category, publisher)) in [
            ("决策公开", "qzf"),
            ("执行公开", "czj"),
            ("管理公开", "qzf"),
            ("服务公开", "qzf"),
            ("结果公开", "qzf"),
        ]
        .iter()
        .enumerate()
        {
            let seq = i as u32 + 1;
            let index = if *publisher == "czj" {
                format!("005283513/2025-{seq:05}")
            } else {
                format!("005283492/2025-{seq:05}")
            };
            let mut extra = vec![
                ("category", *category),
                ("publisher", *publisher),
                ("index_no", index.as_str()),
                ("published", "2025-11-20"),
                ("created", "2025-11-18"),
                (
                    "review",
                    "{reviewer: 王明, date: 2025-11-19, conclusion: 同意公开}",
                ),
            ];
            let path = if seq <= 2 {
                extra.push(("item", if seq == 1 { "1.1" } else { "1.3" }));
                format!("content/shjz/d{seq}.md")
            } else {
                format!("content/general/d{seq}.md")
            };
            f.write(&path, &doc(seq, &extra, ""));
        }
    }

    #[test]
    fn a_site_with_every_column_filled_has_no_finding() {
        let f = Fixture::with_config("0371-12345678", "[inspection]\n");
        full(&f);
        assert_eq!(inspect(&f, on(2025, 11, 30)), Vec::<String>::new());
    }

    #[test]
    fn empty_columns_are_named_with_their_address_and_counted() {
        let f = Fixture::with_config("0371-12345678", "[inspection]\nempty_limit = 3\n");
        f.write("content/shjz/_domain.yaml", DOMAIN);
        f.write("content/shjz/a.md", &doc(1, &[("item", "1.1")], ""));
        // Withheld documents fill no column.
        let withheld: Vec<(&str, &str)> = crate::rules::testing::WITHHELD
            .iter()
            .copied()
            .chain([("item", "1.3"), ("category", "执行公开")])
            .collect();
        f.write("content/shjz/b.md", &doc(2, &withheld, ""));
        let found = inspect(&f, on(2025, 3, 20));
        assert_eq!(
            found,
            [
                "content/shjz/_domain.yaml:11 columns/empty Warning",
                "site.toml columns/empty Warning",
                "site.toml columns/empty Warning",
                "site.toml columns/empty Warning",
                "site.toml columns/empty Warning",
                "site.toml columns/empty Warning",
                "site.toml columns/empty-count Warning",
            ],
            "1.2 is published on request only"
        );
        let all = f.inspect_on(on(2025, 3, 20)).into_vec();
        assert!(
            all[0].message_zh.contains("domains/shjz/items/1-3/"),
            "{}",
            all[0].message_zh
        );
        assert!(all
            .iter()
            .any(|d| d.message_en.contains("\"测试区财政局\" (publishers/czj/)")));
        let count = all.last().unwrap();
        assert!(
            count.message_en.starts_with("6 empty column(s)"),
            "{}",
            count.message_en
        );
        // Below the limit the count is a note.
        let f2 = Fixture::with_config("0371-12345678", "[inspection]\nempty_limit = 7\n");
        f2.write("content/shjz/_domain.yaml", DOMAIN);
        f2.write("content/shjz/a.md", &doc(1, &[("item", "1.1")], ""));
        let count = f2.inspect_on(on(2025, 3, 20)).into_vec().pop().unwrap();
        assert_eq!(
            (count.rule, count.severity),
            ("columns/empty-count", Severity::Info)
        );
    }

    #[test]
    fn exempt_columns_are_not_empty() {
        let f = Fixture::with_config(
            "0371-12345678",
            "[inspection]\nexempt = [\"catalogue/execution\", \"/catalogue/management/\", \"catalogue/service/\", \"catalogue/result/\", \"publishers/czj/\", \"domains/shjz/items/1-3/\"]\n",
        );
        f.write("content/shjz/_domain.yaml", DOMAIN);
        f.write("content/shjz/a.md", &doc(1, &[("item", "1.1")], ""));
        assert_eq!(inspect(&f, on(2025, 3, 20)), Vec::<String>::new());
    }

    #[test]
    fn stale_columns_and_the_home_page() {
        let f = Fixture::with_config(
            "0371-12345678",
            "[inspection]\n[inspection.columns]\n\"catalogue/execution/\" = { months = 12 }\n\"domains/shjz/items/1-1/\" = { months = 1 }\n",
        );
        full(&f);
        // Newest 2025-11-20: on 12-04 the home page is 14 days old (fine), on 12-05 stale.
        assert_eq!(inspect(&f, on(2025, 12, 4)), Vec::<String>::new());
        assert_eq!(
            inspect(&f, on(2025, 12, 5)),
            ["site.toml columns/stale Warning"]
        );
        // Six months later every column is stale except 执行公开, which has 12 months,
        // and the item 1.3, which has no limit of its own (1.1 has one month).
        let found = inspect(&f, on(2026, 5, 21));
        assert_eq!(found.len(), 1 + 4 + 1 + 1 + 2, "{found:#?}");
        assert!(!f
            .inspect_on(on(2026, 5, 21))
            .iter()
            .any(|d| d.message_en.contains("catalogue/execution/")));
        let home = f.inspect_on(on(2025, 12, 5)).into_vec().remove(0);
        assert!(
            home.message_zh.contains("已 15 天未更新，超过 14 天"),
            "{}",
            home.message_zh
        );
    }

    #[test]
    fn addresses_that_name_no_column_are_reported_at_their_line() {
        let f = Fixture::with_config(
            "0371-12345678",
            "[inspection]\nexempt = [\"catalogue/decision/\", \"domains/nowhere/\"]\n",
        );
        full(&f);
        let found = inspect(&f, on(2025, 11, 30));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("columns/unknown Warning"), "{found:?}");
        assert!(found[0].starts_with("site.toml:"), "{found:?}");
    }

    #[test]
    fn strict_makes_the_count_an_error() {
        let f = Fixture::with_config("0371-12345678", "[inspection]\nempty_limit = 1\n");
        f.write("content/a.md", &doc(1, &[], ""));
        let mut found = f.inspect_on(on(2025, 3, 20));
        super::strict(&mut found);
        let count = found
            .iter()
            .find(|d| d.rule == "columns/empty-count")
            .unwrap();
        assert_eq!(count.severity, Severity::Error);
    }
}
