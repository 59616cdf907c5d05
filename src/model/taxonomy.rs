//! The classification system: the five disclosures (五公开), disclosure attributes,
//! validity, and the pilot domains with their standard item lists.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::urls::item_slug;
use crate::util::yaml::{self, Value};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// 五公开: the stage of government work a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Decision,
    Execution,
    Management,
    Service,
    Result,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Decision,
        Category::Execution,
        Category::Management,
        Category::Service,
        Category::Result,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Category::Decision => "decision",
            Category::Execution => "execution",
            Category::Management => "management",
            Category::Service => "service",
            Category::Result => "result",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Category::Decision => "决策公开",
            Category::Execution => "执行公开",
            Category::Management => "管理公开",
            Category::Service => "服务公开",
            Category::Result => "结果公开",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Category::ALL
            .into_iter()
            .find(|c| c.slug().eq_ignore_ascii_case(s) || c.zh() == s || c.zh()[..6] == *s)
    }
}

/// 公开属性.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// 主动公开: published in full.
    Proactive,
    /// 依申请公开: released only on request, never on the portal.
    OnRequest,
    /// 不予公开: never released.
    NotDisclosed,
}

impl Disclosure {
    pub fn zh(self) -> &'static str {
        match self {
            Disclosure::Proactive => "主动公开",
            Disclosure::OnRequest => "依申请公开",
            Disclosure::NotDisclosed => "不予公开",
        }
    }

    pub fn parse(s: &str) -> Option<Disclosure> {
        match s.trim() {
            "主动公开" | "proactive" => Some(Disclosure::Proactive),
            "依申请公开" | "on_request" | "on_application" => Some(Disclosure::OnRequest),
            "不予公开" | "免予公开" | "not_disclosed" => Some(Disclosure::NotDisclosed),
            _ => None,
        }
    }
}

/// 有效性: as written in front matter, or as computed for a day
/// ([`crate::model::lifecycle::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Validity {
    #[default]
    Valid,
    /// 已修改: amended, and in force as amended.
    Amended,
    /// 失效: past its term (`valid_until`) or declared no longer in force.
    Expired,
    Abolished,
}

impl Validity {
    /// The values staff may write, as messages name them.
    pub const ALLOWED: &'static str = "有效、已修改、失效、废止";

    pub fn zh(self) -> &'static str {
        match self {
            Validity::Valid => "有效",
            Validity::Amended => "已修改",
            Validity::Expired => "失效",
            Validity::Abolished => "废止",
        }
    }

    /// For styling and URLs: `valid`, `amended`, `expired`, `abolished`.
    pub fn slug(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Amended => "amended",
            Validity::Expired => "expired",
            Validity::Abolished => "abolished",
        }
    }

    /// 现行有效: in force, as written or as amended.
    pub fn in_force(self) -> bool {
        matches!(self, Validity::Valid | Validity::Amended)
    }

    pub fn parse(s: &str) -> Option<Validity> {
        match s.trim() {
            "有效" | "现行有效" | "valid" => Some(Validity::Valid),
            "已修改" | "修改" | "已修订" | "修订" | "amended" => Some(Validity::Amended),
            "失效" | "已失效" | "expired" => Some(Validity::Expired),
            "废止" | "已废止" | "abolished" => Some(Validity::Abolished),
            _ => None,
        }
    }
}

/// 公开对象.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Public,
    SpecificGroup,
}

impl Audience {
    pub fn zh(self) -> &'static str {
        match self {
            Audience::Public => "全社会",
            Audience::SpecificGroup => "特定群体",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        match s.trim() {
            "全社会" | "public" => Some(Audience::Public),
            "特定群体" | "特定群众" | "specific_group" => Some(Audience::SpecificGroup),
            _ => None,
        }
    }
}

/// A pilot domain (试点领域) of the site, from `content/<slug>/_domain.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Domain {
    pub slug: String,
    pub name: String,
    pub items: Vec<Item>,
    /// Site-relative path of the `_domain.yaml`.
    pub file: String,
}

/// One entry of a standard item list; leaves carry the nine standard columns.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Item {
    #[serde(deserialize_with = "text_or_number")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub time_limit: String,
    #[serde(default)]
    pub body: String,
    #[serde(default, deserialize_with = "one_or_many")]
    pub channels: Vec<String>,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub mode: String,
    #[serde(default, deserialize_with = "one_or_many")]
    pub level: Vec<String>,
    /// The time limit zwgk judges documents of this item against (`limit:`), beside
    /// the text `time_limit` readers see. Children without one inherit it.
    #[serde(default)]
    pub limit: Option<Limit>,
    #[serde(default)]
    pub children: Vec<Item>,
    /// The line of its `id:` in `_domain.yaml`, for findings about the item.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// An item's time limit as `limit:` writes it in `_domain.yaml`:
/// `{days: 7, kind: working}`, `{days: 20, kind: calendar, from: approval}` or
/// `{by: "01-31"}` (by that day, the first one on or after the formation date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawLimit", into = "RawLimit")]
pub enum Limit {
    /// So many days after the start day; working days skip weekends and holidays.
    Days {
        days: u32,
        working: bool,
        from: LimitStart,
    },
    /// By a day of the year (month, day).
    By { month: u32, day: u32 },
}

/// The day a [`Limit::Days`] counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitStart {
    /// 成文日期: when the information was formed (the regulation's default).
    Formation,
    /// 批准日期: when the budget, plan or result was approved (`approved` in the document).
    Approval,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
}

impl TryFrom<RawLimit> for Limit {
    type Error = String;
    fn try_from(r: RawLimit) -> Result<Limit, String> {
        match (r.days, r.by) {
            (Some(_), Some(_)) => Err(
                "limit has both `days` and `by`; write one of them (时限写 days 或 by 之一)".into(),
            ),
            (None, None) => {
                Err("limit needs `days` (with `kind`) or `by` (时限需要 days 或 by)".into())
            }
            (None, Some(by)) => {
                if r.kind.is_some() || r.from.is_some() {
                    return Err(
                        "limit `by` takes no `kind` or `from` (by 不与 kind、from 同用)".into(),
                    );
                }
                let parsed = by.split_once('-').and_then(|(m, d)| {
                    let (m, d) = (m.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?);
                    // Any year with 29 February: the day must exist in some year.
                    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
                });
                let (month, day) = parsed.ok_or_else(|| {
                    format!("limit by \"{by}\" is not a day of the year such as \"01-31\" (by 写成 \"01-31\" 这样的月-日)")
                })?;
                Ok(Limit::By { month, day })
            }
            (Some(days), None) => {
                if days == 0 {
                    return Err("limit days must be at least 1 (days 至少为 1)".into());
                }
                let working = match r.kind.as_deref().map(str::trim) {
                    None | Some("working") | Some("工作日") => true,
                    Some("calendar") | Some("自然日") | Some("日") => false,
                    Some(other) => return Err(format!(
                        "limit kind \"{other}\" is unknown: write working (工作日) or calendar (自然日)"
                    )),
                };
                let from = match r.from.as_deref().map(str::trim) {
                    None | Some("formation") | Some("成文日期") => LimitStart::Formation,
                    Some("approval") | Some("批准日期") => LimitStart::Approval,
                    Some(other) => return Err(format!(
                        "limit from \"{other}\" is unknown: write formation (成文日期) or approval (批准日期)"
                    )),
                };
                Ok(Limit::Days {
                    days,
                    working,
                    from,
                })
            }
        }
    }
}

impl From<Limit> for RawLimit {
    fn from(l: Limit) -> RawLimit {
        match l {
            Limit::Days {
                days,
                working,
                from,
            } => RawLimit {
                days: Some(days),
                kind: Some(if working { "working" } else { "calendar" }.into()),
                from: Some(match from {
                    LimitStart::Formation => "formation".into(),
                    LimitStart::Approval => "approval".into(),
                }),
                by: None,
            },
            Limit::By { month, day } => RawLimit {
                by: Some(format!("{month:02}-{day:02}")),
                ..RawLimit::default()
            },
        }
    }
}

impl Limit {
    /// The general limit of the regulation (第二十六条): 20 working days from formation.
    pub const GENERAL: Limit = Limit::Days {
        days: 20,
        working: true,
        from: LimitStart::Formation,
    };

    /// In words, as messages and the report print it: `成文日期后20个工作日内`.
    pub fn zh(&self) -> String {
        match self {
            Limit::Days {
                days,
                working,
                from,
            } => format!(
                "{}后{days}{}内",
                match from {
                    LimitStart::Formation => "成文日期",
                    LimitStart::Approval => "批准日期",
                },
                if *working { "个工作日" } else { "日" }
            ),
            Limit::By { month, day } => format!("每年{month}月{day}日前"),
        }
    }

    /// In English: `20 working days after formation`.
    pub fn en(&self) -> String {
        match self {
            Limit::Days {
                days,
                working,
                from,
            } => format!(
                "{days} {}days after {}",
                if *working { "working " } else { "calendar " },
                match from {
                    LimitStart::Formation => "formation",
                    LimitStart::Approval => "approval",
                }
            ),
            Limit::By { month, day } => format!("by {month:02}-{day:02} of the year"),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DomainFile {
    name: String,
    #[serde(default)]
    items: Vec<Item>,
}

/// Item ids are text, but staff write `id: 1` as often as `id: "1"`.
fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(crate::util::yaml::scalar_text(&Value::deserialize(d)?))
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => s
            .split(['、', ',', '，'])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        OneOrMany::Many(v) => v,
    })
}

/// The line of the first `limit:` whose value is no valid [`Limit`]: serde cannot
/// say where a value it converted was.
fn bad_limit_line(text: &str) -> Option<usize> {
    text.lines().enumerate().find_map(|(i, l)| {
        if yaml::key_of_line(l) != Some("limit") {
            return None;
        }
        let value = l.split_once(':')?.1;
        if value.trim().is_empty() {
            return None; // a block mapping on the next lines: left to the parser
        }
        let ok = yaml::from_str::<Value>(value)
            .and_then(yaml::from_value::<Limit>)
            .is_ok();
        (!ok).then_some(i + 1)
    })
}

impl Domain {
    /// Parses a `_domain.yaml`. `slug` is its folder name.
    pub fn parse(text: &str, slug: &str, rel: &Path) -> Result<Domain, Diagnostics> {
        let parsed: Result<DomainFile, _> =
            yaml::from_str::<Value>(text).and_then(yaml::from_value);
        let file: DomainFile = parsed.map_err(|e| {
            let d = Diagnostic::error("domain/syntax", rel);
            let d = match bad_limit_line(text) {
                Some(line) => d.at(Some(line)),
                None => yaml::locate_error(d, text, &e),
            };
            d.msg(
                format!("领域事项清单格式有误：{e}"),
                format!("domain item list is malformed: {e}"),
            )
            .fix(
                "对照 README 中 _domain.yaml 的示例修改（name、items，每个事项有 id 和 name）",
                "compare with the _domain.yaml example in the README (name, items with id and name)",
            )
        })?;
        let mut domain = Domain {
            slug: slug.to_string(),
            name: file.name,
            items: file.items,
            file: crate::diagnostics::display_path(rel),
        };
        domain.check_ids(rel)?;
        domain.find_lines(text);
        Ok(domain)
    }

    /// Item ids are unique, and so are the pages they get (see [`item_slug`]): two ids
    /// such as `9.1` and `9-1` would otherwise share one page and lose an item.
    fn check_ids(&self, rel: &Path) -> Result<(), Diagnostics> {
        let mut seen = std::collections::BTreeSet::new();
        let mut pages: std::collections::HashMap<String, &str> = Default::default();
        for item in self.all_items() {
            if !seen.insert(item.id.as_str()) {
                return Err(Diagnostic::error("domain/duplicate-item", rel)
                    .msg(
                        format!("事项编号“{}”重复", item.id),
                        format!("item id \"{}\" is used twice", item.id),
                    )
                    .fix("每个事项使用不同的 id", "give every item its own id")
                    .into());
            }
            let slug = item_slug(&item.id);
            if let Some(first) = pages.insert(crate::model::urls::same_path_key(&slug), &item.id) {
                let path = crate::model::urls::item(&self.slug, &item.id);
                return Err(Diagnostic::error("domain/duplicate-item-url", rel)
                    .msg(
                        format!(
                            "事项编号“{first}”和“{}”对应同一个网页地址 {path}，其中一个事项的页面会被另一个覆盖",
                            item.id
                        ),
                        format!(
                            "item ids \"{first}\" and \"{}\" both get the page {path}: one item's page would overwrite the other's",
                            item.id
                        ),
                    )
                    .fix(
                        format!("把其中一个改为不同的编号：编号中的字母、数字和汉字保留，其他符号（如 . 和 -）都变为 -，大小写不区分；例如把“{}”改为“{}a”", item.id, item.id),
                        format!("change one of the ids: letters, digits and Chinese characters are kept, every other sign (such as . and -) becomes -, and case does not count; e.g. change \"{}\" to \"{}a\"", item.id, item.id),
                    ).into());
            }
        }
        Ok(())
    }

    /// Each item's line: the `id:` lines of the file in order are the items depth
    /// first, as block YAML writes them. Left unknown when the counts differ (flow style).
    fn find_lines(&mut self, text: &str) {
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                let l = l.trim_start().trim_start_matches("- ").trim_start();
                l.starts_with("id:")
            })
            .map(|(i, _)| i + 1)
            .collect();
        fn count(items: &[Item]) -> usize {
            items.iter().map(|i| 1 + count(&i.children)).sum()
        }
        if count(&self.items) != lines.len() {
            return;
        }
        let mut next = lines.into_iter();
        fn assign(items: &mut [Item], next: &mut impl Iterator<Item = usize>) {
            for i in items {
                i.line = next.next();
                assign(&mut i.children, next);
            }
        }
        assign(&mut self.items, &mut next);
    }

    /// Every item, depth first, in list order.
    pub fn all_items(&self) -> Vec<&Item> {
        fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
            for i in items {
                out.push(i);
                walk(&i.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut out);
        out
    }

    /// Leaves of the item list: the rows of the standard table.
    pub fn leaf_items(&self) -> Vec<&Item> {
        self.all_items()
            .into_iter()
            .filter(|i| i.children.is_empty())
            .collect()
    }

    /// The time limit of item `id`: its own `limit`, else its nearest ancestor's.
    pub fn limit_of(&self, id: &str) -> Option<Limit> {
        fn walk(items: &[Item], id: &str, inherited: Option<Limit>) -> Option<Option<Limit>> {
            for i in items {
                let limit = i.limit.or(inherited);
                if i.id == id {
                    return Some(limit);
                }
                if let Some(found) = walk(&i.children, id, limit) {
                    return Some(found);
                }
            }
            None
        }
        walk(&self.items, id, None).flatten()
    }

    /// Finds an item by id or exact name.
    pub fn find_item(&self, id_or_name: &str) -> Option<&Item> {
        let all = self.all_items();
        let s = id_or_name.trim();
        all.iter()
            .find(|i| i.id == s)
            .or_else(|| all.iter().find(|i| i.name == s))
            .copied()
    }
}

/// The 文种 classification: which 文种 are policies (the interpretation rules) and
/// which count as 规章 or 行政规范性文件 (the annual report).
pub const POLICY_DOC_TYPES: &[&str] = &["办法", "规定", "细则", "规则", "意见"];

/// 第二十条第（一）项 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// 规章
    Rules,
    /// 行政规范性文件
    Normative,
}

const RULE_TYPES: &[&str] = &["规章", "令"];
/// 文种 naming a normative document outright; the other normative 文种 are the
/// policy 文种 of the interpretation rules, so both count the same documents.
const NORMATIVE_NAMES: &[&str] = &["行政规范性文件", "规范性文件"];

pub fn policy_kind(doc_type: &str) -> Option<PolicyKind> {
    let t = doc_type.trim();
    if RULE_TYPES.contains(&t) {
        Some(PolicyKind::Rules)
    } else if NORMATIVE_NAMES.contains(&t) || POLICY_DOC_TYPES.contains(&t) {
        Some(PolicyKind::Normative)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_accepts_chinese_and_slug() {
        assert_eq!(Category::parse("执行公开"), Some(Category::Execution));
        assert_eq!(Category::parse("execution"), Some(Category::Execution));
        assert_eq!(Category::parse("执行"), Some(Category::Execution));
        assert_eq!(Category::parse("公开"), None);
    }

    #[test]
    fn domain_items_nest_and_resolve_by_id_or_name() {
        let text = r#"
name: 财政预决算
items:
  - id: "1"
    name: 财政预算
    children:
      - id: "1.1"
        name: 政府预算
        channels: 政府网站、政务公开栏
        level: [县级]
"#;
        let d = Domain::parse(text, "czyjs", Path::new("content/czyjs/_domain.yaml")).unwrap();
        assert_eq!(d.leaf_items().len(), 1);
        assert_eq!(d.find_item("政府预算").unwrap().id, "1.1");
        assert_eq!(
            d.find_item("1.1").unwrap().channels,
            ["政府网站", "政务公开栏"]
        );
    }

    #[test]
    fn malformed_domain_file_names_the_line() {
        let err = Domain::parse(
            "name: x\nitems:\n  - id: 1\n    nmae: y\n",
            "x",
            Path::new("d.yaml"),
        )
        .unwrap_err();
        assert_eq!(err[0].rule, "domain/syntax");
        assert_eq!(err[0].line, Some(4));
    }

    #[test]
    fn item_limits_parse_and_are_inherited() {
        let text = r#"
name: 财政预决算
items:
  - id: "1"
    name: 财政预算
    limit: {days: 20, kind: calendar, from: approval}
    children:
      - id: "1.1"
        name: 政府预算
      - id: "1.2"
        name: 执法结果
        limit: {days: 7, kind: working}
      - id: "1.3"
        name: 年度报告
        limit: {by: "01-31"}
  - id: "2"
    name: 其他
"#;
        let d = Domain::parse(text, "czyjs", Path::new("d.yaml")).unwrap();
        let approval = Limit::Days {
            days: 20,
            working: false,
            from: LimitStart::Approval,
        };
        assert_eq!(d.limit_of("1.1"), Some(approval));
        assert_eq!(
            d.limit_of("1.2"),
            Some(Limit::Days {
                days: 7,
                working: true,
                from: LimitStart::Formation
            })
        );
        assert_eq!(d.limit_of("1.3"), Some(Limit::By { month: 1, day: 31 }));
        assert_eq!(d.limit_of("2"), None);
        assert_eq!(d.find_item("1.3").unwrap().line, Some(13));
        assert_eq!(approval.zh(), "批准日期后20日内");
        assert_eq!(Limit::GENERAL.en(), "20 working days after formation");
    }

    #[test]
    fn a_bad_limit_is_a_syntax_error_on_its_line() {
        for (limit, words) in [
            ("{days: 7, kind: workday}", "workday"),
            ("{days: 7, by: \"01-31\"}", "both"),
            ("{by: \"02-30\"}", "02-30"),
            ("{days: 0}", "at least 1"),
            ("{days: 7, from: publication}", "publication"),
            ("{weeks: 2}", "weeks"),
        ] {
            let text = format!("name: x\nitems:\n  - id: \"1\"\n    name: y\n    limit: {limit}\n");
            let e = Domain::parse(&text, "x", Path::new("d.yaml")).unwrap_err();
            assert_eq!(e[0].rule, "domain/syntax");
            assert_eq!(e[0].line, Some(5), "{limit}: {e:?}");
            assert!(
                e[0].message_en.contains(words),
                "{limit}: {}",
                e[0].message_en
            );
        }
    }

    #[test]
    fn item_ids_become_url_segments() {
        assert_eq!(item_slug("1.2"), "1-2");
        assert_eq!(item_slug("A-1"), "A-1");
        assert_eq!(item_slug("甲"), "甲");
        assert_eq!(item_slug("（一）2"), "-一-2");
        assert_eq!(item_slug("a/../b c"), "a----b-c");
    }

    fn items(ids: &[&str]) -> Result<Domain, Diagnostics> {
        let mut text = String::from("name: 社会救助\nitems:\n");
        for id in ids {
            text.push_str(&format!("  - id: \"{id}\"\n    name: 事项{id}\n"));
        }
        Domain::parse(&text, "shjz", Path::new("content/shjz/_domain.yaml"))
    }

    #[test]
    fn ids_that_share_a_page_are_an_error_naming_both() {
        for (a, b) in [("9.1", "9-1"), ("A1", "a1"), ("（一）", "(一)")] {
            let e = items(&["1", a, b]).expect_err(a);
            assert_eq!(e[0].rule, "domain/duplicate-item-url");
            assert_eq!(e[0].file, "content/shjz/_domain.yaml");
            for id in [a, b] {
                assert!(
                    e[0].message_zh.contains(id) && e[0].message_en.contains(id),
                    "{e:?}"
                );
            }
        }
    }

    #[test]
    fn chinese_ids_get_pages_of_their_own() {
        let d = items(&["甲", "乙", "丙", "9.1", "9.2"]).expect("distinct pages");
        assert_eq!(d.all_items().len(), 5);
    }
}
