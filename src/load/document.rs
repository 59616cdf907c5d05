//! Builds the typed [`Document`] from parsed front matter.
//!
//! Conversion checks each field on its own and collects every problem of a file,
//! so staff see all their mistakes at once. Checks that need the whole site
//! (duplicate index numbers, interpretations) live in `rules`.

use crate::config::{is_slug, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{Field, FrontMatter, KeySpec};
use crate::model::document::*;
use crate::model::taxonomy::{Audience, Category, Disclosure, Domain, Validity};
use crate::util::dates::{parse_date, DateError};
use crate::util::text::is_inside;
use crate::util::yaml::scalar_text as yaml_scalar_text;
use crate::util::yaml::Value;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// `file`, relative to the document's folder `doc_dir` (site-relative), as a
/// site-relative path if it stays inside the site once its `..` are resolved.
fn within_site(doc_dir: &Path, file: &str) -> Option<String> {
    if file.starts_with(['/', '\\']) || file.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = doc_dir
        .to_str()?
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    for p in file.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (parts.first() == Some(&"content")).then(|| parts.join("/"))
}

/// Every front-matter key of the contract with its Chinese alias.
pub const KEYS: &[KeySpec] = &[
    KeySpec {
        key: "title",
        zh: "标题",
    },
    KeySpec {
        key: "index_no",
        zh: "索引号",
    },
    KeySpec {
        key: "publisher",
        zh: "发布机构",
    },
    KeySpec {
        key: "doc_type",
        zh: "文种",
    },
    KeySpec {
        key: "doc_no",
        zh: "文号",
    },
    KeySpec {
        key: "topics",
        zh: "主题分类",
    },
    KeySpec {
        key: "created",
        zh: "成文日期",
    },
    KeySpec {
        key: "published",
        zh: "发布日期",
    },
    KeySpec {
        key: "approved",
        zh: "批准日期",
    },
    KeySpec {
        key: "category",
        zh: "五公开",
    },
    KeySpec {
        key: "domain",
        zh: "领域",
    },
    KeySpec {
        key: "item",
        zh: "事项",
    },
    KeySpec {
        key: "disclosure",
        zh: "公开属性",
    },
    KeySpec {
        key: "withheld_reason",
        zh: "不公开理由",
    },
    KeySpec {
        key: "withheld_basis",
        zh: "不公开依据",
    },
    KeySpec {
        key: "review",
        zh: "保密审查",
    },
    KeySpec {
        key: "summary",
        zh: "内容概述",
    },
    KeySpec {
        key: "validity",
        zh: "有效性",
    },
    KeySpec {
        key: "interprets",
        zh: "解读对象",
    },
    KeySpec {
        key: "audience",
        zh: "公开对象",
    },
    KeySpec {
        key: "attachments",
        zh: "附件",
    },
    KeySpec {
        key: "draft",
        zh: "草稿",
    },
    KeySpec {
        key: "slug",
        zh: "链接名",
    },
    KeySpec {
        key: "pii_basis",
        zh: "个人信息公开依据",
    },
    KeySpec {
        key: "co_publishers",
        zh: "联合发文机构",
    },
    KeySpec {
        key: "effective",
        zh: "施行日期",
    },
    KeySpec {
        key: "valid_until",
        zh: "有效期至",
    },
    KeySpec {
        key: "register_no",
        zh: "登记号",
    },
    // A second Chinese name: 统一编号 is what many provinces call the 登记号.
    KeySpec {
        key: "register_no",
        zh: "统一编号",
    },
    KeySpec {
        key: "abolished",
        zh: "废止日期",
    },
    KeySpec {
        key: "abolished_by",
        zh: "废止文件",
    },
    KeySpec {
        key: "amended_by",
        zh: "修改文件",
    },
    KeySpec {
        key: "updated",
        zh: "变更日期",
    },
    KeySpec {
        key: "update_note",
        zh: "变更说明",
    },
    KeySpec {
        key: "consultation",
        zh: "意见征集",
    },
    KeySpec {
        key: "feedback_for",
        zh: "意见采纳情况",
    },
    KeySpec {
        key: "consulted",
        zh: "征求意见稿",
    },
    KeySpec {
        key: "review_again",
        zh: "复审日期",
    },
];

const CONSULTATION_KEYS: &[KeySpec] = &[
    KeySpec {
        key: "start",
        zh: "开始日期",
    },
    KeySpec {
        key: "end",
        zh: "截止日期",
    },
    KeySpec {
        key: "channels",
        zh: "反馈渠道",
    },
    KeySpec {
        key: "short_reason",
        zh: "期限较短的理由",
    },
];

const REVIEW_KEYS: &[KeySpec] = &[
    KeySpec {
        key: "reviewer",
        zh: "审查人",
    },
    KeySpec {
        key: "date",
        zh: "审查日期",
    },
    KeySpec {
        key: "conclusion",
        zh: "审查结论",
    },
    KeySpec {
        key: "redacted",
        zh: "删除内容说明",
    },
];

/// The three entries every review record must have; `redacted` goes only with 部分公开.
const REVIEW_REQUIRED: [&str; 3] = ["reviewer", "date", "conclusion"];

const ATTACHMENT_KEYS: &[KeySpec] = &[
    KeySpec {
        key: "title",
        zh: "名称",
    },
    KeySpec {
        key: "file",
        zh: "文件",
    },
];

pub struct Context<'a> {
    pub config: &'a SiteConfig,
    pub domains: &'a BTreeMap<String, Domain>,
    /// The document's path relative to the site root.
    pub rel: &'a Path,
    /// The domain folder the document lies in, if any.
    pub folder_domain: Option<&'a str>,
}

/// Builds a [`Document`], reporting every field problem of the file.
pub fn build(
    fm: FrontMatter,
    body: &str,
    body_line: usize,
    cx: &Context,
) -> Result<Document, Diagnostics> {
    let mut r = Reader {
        fm: &fm,
        cx,
        problems: Vec::new().into(),
    };
    let title = r.text("title", true).unwrap_or_default();
    let index_no = r.index_no();
    let publisher = r.publisher();
    let doc_type = r.text("doc_type", true).unwrap_or_default();
    let doc_no = r.text("doc_no", false).filter(|s| !s.is_empty());
    let topics = r.list("topics");
    let created = r.date("created", true);
    let published = r.date("published", false);
    let approved = r.date("approved", false);
    let category = r.category();
    let disclosure = r.disclosure();
    let draft = r.boolean("draft");
    let (domain, item) = r.domain_and_item();
    let withheld_reason = r
        .text("withheld_reason", false)
        .filter(|s| !s.trim().is_empty());
    let withheld_basis = r
        .text("withheld_basis", false)
        .filter(|s| !s.trim().is_empty());
    let review_record = r.review();
    let summary = r.text("summary", false).filter(|s| !s.trim().is_empty());
    let validity = r
        .enumerated("validity", Validity::parse, Validity::ALLOWED)
        .unwrap_or_default();
    let interprets = r.text("interprets", false).filter(|s| !s.is_empty());
    let audience = r
        .enumerated("audience", Audience::parse, "全社会、特定群体")
        .unwrap_or_default();
    let attachments = r.attachments();
    let pii_basis = r.text("pii_basis", false).filter(|s| !s.trim().is_empty());
    let slug = r.slug();
    let co_publishers = r.co_publishers(publisher.as_deref());
    let lifecycle = r.lifecycle();

    if let Some(disclosure) = disclosure {
        r.disclosure_requirements(
            disclosure,
            draft,
            published.is_some(),
            &review_record,
            withheld_reason.is_some(),
            withheld_basis.is_some(),
        );
    }
    let problems = r.problems;
    let review = match review_record {
        ReviewRecord::Complete(review) => Some(review),
        _ => None,
    };
    let (Some(index_no), Some(publisher), Some(created), Some(category), Some(disclosure)) =
        (index_no, publisher, created, category, disclosure)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let url_segment = slug.unwrap_or_else(|| index_no.replace('/', "-"));
    Ok(Document {
        file: crate::diagnostics::display_path(cx.rel),
        title,
        index_no,
        publisher,
        doc_type,
        doc_no,
        topics,
        created,
        published,
        approved,
        category,
        domain,
        item,
        disclosure,
        withheld_reason,
        withheld_basis,
        review,
        summary,
        validity,
        interprets,
        audience,
        attachments,
        co_publishers,
        lifecycle,
        pii_basis,
        draft,
        preview: false,
        url_segment,
        body: crate::model::document::Body::Text(body.to_string()),
        body_line,
        lines: fm.fields.iter().map(|(k, f)| (*k, f.line)).collect(),
    })
}

/// The `review` key as read.
enum ReviewRecord {
    /// No `review` key.
    Absent,
    /// `review:` with nothing filled in (as `zwgk new` writes it).
    Blank,
    /// A problem of the record was reported already.
    Reported,
    Complete(Review),
}

struct Reader<'a> {
    fm: &'a FrontMatter,
    cx: &'a Context<'a>,
    problems: Diagnostics,
}

impl Reader<'_> {
    fn field(&self, key: &str) -> Option<&Field> {
        self.fm.fields.get(key)
    }

    fn zh(key: &str) -> &'static str {
        KEYS.iter().find(|k| k.key == key).map_or("", |k| k.zh)
    }

    fn error(
        &mut self,
        rule: &'static str,
        key: &str,
        zh: String,
        en: String,
        fix_zh: String,
        fix_en: String,
    ) {
        let line = self.field(key).map_or(self.fm.yaml_line, |f| f.line);
        self.problems.push(
            Diagnostic::error(rule, self.cx.rel)
                .at(Some(line))
                .msg(zh, en)
                .fix(fix_zh, fix_en),
        );
    }

    fn missing(&mut self, key: &str, why_zh: &str, why_en: &str) {
        let zh = Self::zh(key);
        self.problems.push(
            Diagnostic::error("schema/missing-key", self.cx.rel)
                .at(Some(self.fm.yaml_line))
                .msg(
                    format!("缺少必填项“{key}”（{zh}）{why_zh}"),
                    format!("missing required key \"{key}\" ({zh}){why_en}"),
                )
                .fix(
                    format!("在元数据中加一行：{key}: ……（也可写作 {zh}: ……）"),
                    format!("add a line `{key}: ...` to the front matter"),
                ),
        );
    }

    fn text(&mut self, key: &str, required: bool) -> Option<String> {
        let Some(f) = self.field(key) else {
            if required {
                self.missing(key, "", "");
            }
            return None;
        };
        match &f.value {
            Value::Sequence(_) | Value::Mapping(_) => {
                let zh = Self::zh(key);
                self.error(
                    "schema/type",
                    key,
                    format!("“{key}”（{zh}）应当是一段文字"),
                    format!("\"{key}\" must be a single text value"),
                    "写在同一行冒号后面，例如 title: 关于……的通知".into(),
                    "write the value after the colon on the same line".into(),
                );
                None
            }
            Value::Null if required => {
                self.missing(key, "：值是空的", ": the value is empty");
                None
            }
            v => {
                let s = yaml_scalar_text(v).trim().to_string();
                if required && s.is_empty() {
                    self.missing(key, "：值是空的", ": the value is empty");
                    return None;
                }
                Some(s)
            }
        }
    }

    fn list(&mut self, key: &str) -> Vec<String> {
        let Some(f) = self.field(key) else {
            return Vec::new();
        };
        match &f.value {
            // `[综合政务，财政]`: a full-width comma inside the brackets is read by
            // YAML as part of one item; staff meant two. (`、` stays: standard
            // topic names such as 财政、金融、审计 hold it.)
            Value::Sequence(items) => items
                .iter()
                .flat_map(|v| {
                    yaml_scalar_text(v)
                        .split(['，', '；'])
                        .map(|s| s.trim().to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|s| !s.is_empty())
                .collect(),
            Value::Null => Vec::new(),
            v => yaml_scalar_text(v)
                .split(['、', ',', '，', ';', '；'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    fn boolean(&mut self, key: &str) -> bool {
        let Some(f) = self.field(key) else {
            return false;
        };
        match &f.value {
            Value::Bool(b) => *b,
            Value::Null => false,
            v => match yaml_scalar_text(v).trim() {
                "是" | "true" | "yes" => true,
                "否" | "false" | "no" => false,
                other => {
                    let other = other.to_string();
                    self.error(
                        "schema/type",
                        key,
                        format!("“{key}”应为 true 或 false，而不是“{other}”"),
                        format!("\"{key}\" must be true or false, not \"{other}\""),
                        format!("写成 {key}: true 或 {key}: false"),
                        format!("write {key}: true or {key}: false"),
                    );
                    false
                }
            },
        }
    }

    fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let text = self.text(key, required)?;
        if text.is_empty() {
            return None;
        }
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(DateError::Impossible) => {
                let zh = Self::zh(key);
                self.error(
                    "schema/date",
                    key,
                    format!("“{key}”（{zh}）的日期“{text}”不存在"),
                    format!("\"{key}\": {text} is not a real calendar date"),
                    "检查月份（1–12）和日（该月的天数），写成 2024-05-07".into(),
                    "check the month (1-12) and the day; write e.g. 2024-05-07".into(),
                );
                None
            }
            Err(DateError::Format) => {
                let zh = Self::zh(key);
                self.error(
                    "schema/date",
                    key,
                    format!("“{key}”（{zh}）“{text}”不是日期"),
                    format!("\"{key}\": \"{text}\" is not a date"),
                    "写成 2024-05-07（也可写 2024/5/7 或 2024年5月7日），只写日期不写时间".into(),
                    "write a date such as 2024-05-07 (2024/5/7 and 2024年5月7日 are accepted), without a time".into(),
                );
                None
            }
        }
    }

    fn enumerated<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        let text = self.text(key, false)?;
        if text.is_empty() {
            return None;
        }
        let v = parse(&text);
        if v.is_none() {
            let zh = Self::zh(key);
            self.error(
                "schema/value",
                key,
                format!("“{key}”（{zh}）的值“{text}”无效，只能是：{allowed}"),
                format!("\"{key}\": \"{text}\" is not allowed; use one of: {allowed}"),
                format!("改为 {allowed} 之一"),
                format!("use one of {allowed}"),
            );
        }
        v
    }

    fn category(&mut self) -> Option<Category> {
        if self.field("category").is_none() {
            self.missing("category", "", "");
            return None;
        }
        self.enumerated(
            "category",
            Category::parse,
            "决策公开、执行公开、管理公开、服务公开、结果公开",
        )
    }

    fn disclosure(&mut self) -> Option<Disclosure> {
        if self.field("disclosure").is_none() {
            self.missing("disclosure", "", "");
            return None;
        }
        self.enumerated(
            "disclosure",
            Disclosure::parse,
            "主动公开、依申请公开、不予公开",
        )
    }

    fn index_no(&mut self) -> Option<String> {
        let s = self.text("index_no", true)?;
        if index_no_is_well_formed(&s) {
            Some(s)
        } else {
            self.error(
                "index/malformed",
                "index_no",
                format!("索引号“{s}”格式不对，应为“机构代码/年份-五位序号”"),
                format!("index number \"{s}\" is malformed; expected <organisation code>/<year>-<5-digit sequence>"),
                "例如 005283492/2024-00012（机构代码见 site.toml）".into(),
                "for example 005283492/2024-00012 (the code is in site.toml)".into(),
            );
            None
        }
    }

    fn publisher(&mut self) -> Option<String> {
        let s = self.text("publisher", true)?;
        if let Some(p) = self.cx.config.publisher_by_key_or_name(&s) {
            return Some(p.key.clone());
        }
        let nearest = self
            .cx
            .config
            .publishers
            .iter()
            .min_by_key(|p| strsim::levenshtein(&s, &p.name).min(strsim::levenshtein(&s, &p.key)))
            .map(|p| format!("“{}”（{}）", p.name, p.key));
        let hint_zh = nearest
            .map(|n| format!("，是否是{n}？"))
            .unwrap_or_default();
        self.error(
            "schema/unknown-publisher",
            "publisher",
            format!("发布机构“{s}”不在 site.toml 的发布机构列表中{hint_zh}"),
            format!("publisher \"{s}\" is not listed under [[publishers]] in site.toml"),
            "改为 site.toml 中某个发布机构的 key 或全称；新机构请先在 site.toml 中添加 [[publishers]]".into(),
            "use the key or full name of a publisher in site.toml, or add the body there first".into(),
        );
        None
    }

    fn domain_and_item(&mut self) -> (Option<String>, Option<String>) {
        let written = self.text("domain", false).filter(|s| !s.is_empty());
        let domains = self.cx.domains;
        let domain = match (&written, self.cx.folder_domain) {
            (Some(w), _) => {
                let found = domains
                    .get(w.as_str())
                    .or_else(|| domains.values().find(|d| d.name == *w));
                match found {
                    Some(d) => Some(d),
                    None => {
                        let names: Vec<_> = domains
                            .values()
                            .map(|d| format!("{}（{}）", d.name, d.slug))
                            .collect();
                        let nearest = domains
                            .values()
                            .min_by_key(|d| {
                                strsim::levenshtein(w, &d.name).min(strsim::levenshtein(w, &d.slug))
                            })
                            .map(|d| format!("，是否是“{}”？", d.name))
                            .unwrap_or_default();
                        let (fix_zh, fix_en) = match crate::model::builtin::pilot_domain(w) {
                            Some(p) => (
                                format!("“{}”是国家试点领域，本站尚未建立其标准目录：新建 content/{}/_domain.yaml（可参照 zwgk init --domain {} 生成的文件）", p.name, p.slug, p.slug),
                                format!("\"{}\" is a national pilot domain this site has not set up: create content/{}/_domain.yaml (`zwgk init --domain {}` shows one)", p.name, p.slug, p.slug),
                            ),
                            None => (
                                format!("改为已定义的领域之一：{}", names.join("、")),
                                "use the folder slug or the name of a defined domain".into(),
                            ),
                        };
                        self.error(
                            "domain/unknown",
                            "domain",
                            format!("领域“{w}”未定义{nearest}"),
                            format!(
                                "domain \"{w}\" is not defined by any content/<slug>/_domain.yaml"
                            ),
                            fix_zh,
                            fix_en,
                        );
                        return (None, None);
                    }
                }
            }
            (None, Some(folder)) => domains.get(folder),
            (None, None) => None,
        };
        let item = self.text("item", false).filter(|s| !s.is_empty());
        match (domain, item) {
            (Some(d), Some(i)) => match d.find_item(&i) {
                Some(found) => (Some(d.slug.clone()), Some(found.id.clone())),
                None => {
                    let nearest = d
                        .all_items()
                        .into_iter()
                        .min_by_key(|x| {
                            strsim::levenshtein(&i, &x.name).min(strsim::levenshtein(&i, &x.id))
                        })
                        .map(|x| format!("，是否是“{}”（{}）？", x.name, x.id))
                        .unwrap_or_default();
                    self.error(
                        "domain/unknown-item",
                        "item",
                        format!("事项“{i}”不在领域“{}”的事项清单中{nearest}", d.name),
                        format!(
                            "item \"{i}\" is not in the item list of domain \"{}\"",
                            d.name
                        ),
                        format!("改为 {} 中定义的事项编号或名称", d.file),
                        format!("use an item id or name defined in {}", d.file),
                    );
                    (Some(d.slug.clone()), None)
                }
            },
            (Some(d), None) => (Some(d.slug.clone()), None),
            (None, Some(i)) => {
                self.error(
                    "domain/item-without-domain",
                    "item",
                    format!("写了事项“{i}”但没有领域"),
                    format!("item \"{i}\" is given but no domain"),
                    "加上 domain: 领域，或把文件放到领域文件夹（content/<领域>/）中".into(),
                    "add `domain:` or move the file into the domain's folder".into(),
                );
                (None, None)
            }
            (None, None) => (None, None),
        }
    }

    fn review(&mut self) -> ReviewRecord {
        let Some(f) = self.field("review").cloned() else {
            return ReviewRecord::Absent;
        };
        let Value::Mapping(map) = &f.value else {
            if f.value.is_null() {
                return ReviewRecord::Blank;
            }
            self.error(
                "schema/review",
                "review",
                "保密审查应写成三项：审查人、审查日期、审查结论".into(),
                "review must be a mapping with reviewer, date and conclusion".into(),
                "写成：\nreview:\n  reviewer: 张三\n  date: 2024-05-07\n  conclusion: 同意公开"
                    .into(),
                "write review: with indented reviewer:, date: and conclusion: lines".into(),
            );
            return ReviewRecord::Reported;
        };
        let mut got: BTreeMap<&str, String> = BTreeMap::new();
        let mut reported = false;
        for (k, v) in map {
            let k = yaml_scalar_text(k);
            match crate::load::frontmatter::lookup(REVIEW_KEYS, &k) {
                Some(spec) => {
                    let text = yaml_scalar_text(v).trim().to_string();
                    if got.insert(spec.key, text).is_some() {
                        // `conclusion` and `审查结论` both: which one counts is not for us to guess.
                        reported = true;
                        self.error(
                            "schema/duplicate-key",
                            "review",
                            format!(
                                "保密审查中“{}”（{}）写了两次",
                                spec.key, spec.zh
                            ),
                            format!("review has \"{}\" ({}) twice", spec.key, spec.zh),
                            format!("只保留一行 {}: ……", spec.key),
                            format!("keep one `{}:` line", spec.key),
                        );
                    }
                }
                None => self.error(
                    "schema/unknown-key",
                    "review",
                    format!("保密审查中有未知项“{k}”，只能有审查人、审查日期、审查结论和删除内容说明"),
                    format!("unknown key \"{k}\" in review; allowed: reviewer, date, conclusion, redacted"),
                    "改为 reviewer（审查人）、date（审查日期）、conclusion（审查结论）或 redacted（删除内容说明）".into(),
                    "use reviewer, date, conclusion or redacted".into(),
                ),
            }
        }
        if got.values().all(|v| v.is_empty()) {
            return if reported {
                ReviewRecord::Reported
            } else {
                ReviewRecord::Blank // an unfilled template, as `zwgk new` writes it
            };
        }
        for key in REVIEW_REQUIRED {
            if got.get(key).is_none_or(|v| v.is_empty()) {
                reported = true;
                let zh = REVIEW_KEYS
                    .iter()
                    .find(|k| k.key == key)
                    .map_or("", |k| k.zh);
                let (fix_zh, fix_en) = match key {
                    "conclusion" => (
                        format!("在 review 下加一行：  conclusion: 同意公开（审查结论只能是{ALLOWED_CONCLUSIONS_ZH}）"),
                        format!("add `  conclusion: 同意公开` under review (allowed: {ALLOWED_CONCLUSIONS_EN})"),
                    ),
                    "date" => (
                        "在 review 下加一行：  date: 审查日期，例如 2024-05-07".to_string(),
                        "add `  date: 2024-05-07` (the day of the review) under review".to_string(),
                    ),
                    _ => (
                        "在 review 下加一行：  reviewer: 审查人姓名".to_string(),
                        "add `  reviewer: <the reviewer's name>` under review".to_string(),
                    ),
                };
                self.error(
                    "disclosure/review-incomplete",
                    "review",
                    format!("保密审查缺少“{key}”（{zh}）"),
                    format!("review is missing \"{key}\" ({zh})"),
                    fix_zh,
                    fix_en,
                );
            }
        }
        if reported {
            return ReviewRecord::Reported;
        }
        let date = match parse_date(&got["date"]) {
            Ok(d) => d,
            Err(_) => {
                self.error(
                    "schema/date",
                    "review",
                    format!("审查日期“{}”不是有效日期", got["date"]),
                    format!("review date \"{}\" is not a valid date", got["date"]),
                    "写成 2024-05-07".into(),
                    "write e.g. 2024-05-07".into(),
                );
                return ReviewRecord::Reported;
            }
        };
        ReviewRecord::Complete(Review {
            reviewer: got.remove("reviewer").unwrap_or_default(),
            date,
            conclusion: got.remove("conclusion").unwrap_or_default(),
            redacted: got.remove("redacted").filter(|s| !s.is_empty()),
        })
    }

    fn attachments(&mut self) -> Vec<Attachment> {
        let Some(f) = self.field("attachments").cloned() else {
            return Vec::new();
        };
        let items = match &f.value {
            Value::Sequence(items) => items.clone(),
            Value::Null => return Vec::new(),
            _ => {
                self.error(
                    "schema/attachments",
                    "attachments",
                    "附件应写成列表，每项有名称（title）和文件（file）".into(),
                    "attachments must be a list of {title, file}".into(),
                    "写成：\nattachments:\n  - title: 预算表\n    file: files/预算表.pdf".into(),
                    "write a list of `- title: ...` / `  file: ...` entries".into(),
                );
                return Vec::new();
            }
        };
        let doc_dir = self.cx.rel.parent().unwrap_or(Path::new(""));
        let mut out = Vec::new();
        for item in items {
            let (title, file) = match &item {
                Value::Mapping(m) => {
                    let mut title = None;
                    let mut file = None;
                    for (k, v) in m {
                        match crate::load::frontmatter::lookup(
                            ATTACHMENT_KEYS,
                            &yaml_scalar_text(k),
                        )
                        .map(|s| s.key)
                        {
                            Some("title") => title = Some(yaml_scalar_text(v)),
                            Some("file") => file = Some(yaml_scalar_text(v)),
                            _ => {}
                        }
                    }
                    (title, file)
                }
                Value::String(s) => (None, Some(s.clone())),
                _ => (None, None),
            };
            let Some(file) = file.filter(|f| !f.trim().is_empty()) else {
                self.error(
                    "schema/attachments",
                    "attachments",
                    "有一个附件没有写文件路径（file）".into(),
                    "an attachment has no file".into(),
                    "为每个附件写上 file: 文件相对本文档的路径".into(),
                    "give every attachment a file path relative to the document".into(),
                );
                continue;
            };
            let file = file.trim().to_string();
            if !is_inside(&file) {
                let name = file.rsplit(['/', '\\']).next().unwrap_or(&file).to_string();
                let (zh, en, fix_zh, fix_en) = match within_site(doc_dir, &file) {
                    // `../czyjs/files/x.pdf`: inside the site, but not below the document.
                    Some(resolved) => (
                        format!("附件路径“{file}”用 .. 指到了本文档所在文件夹之外（{resolved}）；附件会复制到文档网页旁边，所以只能放在文档所在文件夹或其子文件夹中"),
                        format!("attachment path \"{file}\" uses .. to leave the document's folder (it names {resolved}); attachments are copied beside the document's page, so they must lie in the document's folder or below"),
                        format!("把 {resolved} 复制到本文档所在文件夹的 files 文件夹中，并写 file: files/{name}"),
                        format!("copy {resolved} into a files folder beside this document and write file: files/{name}"),
                    ),
                    None => (
                        format!("附件路径“{file}”指向站点之外"),
                        format!("attachment path \"{file}\" points outside the site"),
                        "附件放在文档所在文件夹或其子文件夹中，路径不要用 .. 或 / 开头".to_string(),
                        "keep attachments in the document's folder or below; no '..' and no leading '/'".to_string(),
                    ),
                };
                self.error(
                    "schema/path-outside-site",
                    "attachments",
                    zh,
                    en,
                    fix_zh,
                    fix_en,
                );
                continue;
            }
            let source = crate::diagnostics::display_path(&doc_dir.join(&file));
            let title = title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| file.rsplit('/').next().unwrap_or(&file).to_string());
            out.push(Attachment {
                title,
                file,
                source,
            });
        }
        out
    }

    fn slug(&mut self) -> Option<String> {
        let s = self.text("slug", false).filter(|s| !s.is_empty())?;
        if is_slug(&s) {
            Some(s)
        } else {
            self.error(
                "schema/path-outside-site",
                "slug",
                format!("链接名“{s}”无效：只能包含小写字母、数字和连字符，不能含 / 或 .."),
                format!("slug \"{s}\" is invalid: use only a-z, 0-9, '-' and '_' (no '/' or '..')"),
                "例如 slug: budget-2024，或删去这一行以使用索引号".into(),
                "e.g. slug: budget-2024, or delete the line to use the index number".into(),
            );
            None
        }
    }

    /// `co_publishers`: the other organs of a joint document, as publisher keys.
    fn co_publishers(&mut self, lead: Option<&str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for written in self.list("co_publishers") {
            match self.cx.config.publisher_by_key_or_name(&written) {
                Some(p) if Some(p.key.as_str()) == lead => self.error(
                    "schema/value",
                    "co_publishers",
                    format!("联合发文机构“{written}”就是发布机构（牵头机关）本身"),
                    format!("co-publisher \"{written}\" is the publisher (the lead organ) itself"),
                    "co_publishers 只写其他联合发文的机关；牵头机关写在 publisher".into(),
                    "list only the other organs in co_publishers; the lead organ is the publisher".into(),
                ),
                Some(p) => {
                    if !out.contains(&p.key) {
                        out.push(p.key.clone());
                    }
                }
                None => self.error(
                    "schema/unknown-publisher",
                    "co_publishers",
                    format!("联合发文机构“{written}”不在 site.toml 的发布机构列表中"),
                    format!("co-publisher \"{written}\" is not listed under [[publishers]] in site.toml"),
                    "写 site.toml 中发布机构的 key 或全称；新机构请先在 site.toml 中添加 [[publishers]]".into(),
                    "use the key or full name of a publisher in site.toml, or add the body there first".into(),
                ),
            }
        }
        out
    }

    /// The lifecycle keys; `None` when the document has none of them.
    fn lifecycle(&mut self) -> Option<Box<Lifecycle>> {
        let register_no = self
            .text("register_no", false)
            .filter(|s| !s.trim().is_empty());
        let update_note = self
            .text("update_note", false)
            .filter(|s| !s.trim().is_empty());
        let life = Lifecycle {
            effective: self.date("effective", false),
            valid_until: self.date("valid_until", false),
            register_no,
            abolished: self.date("abolished", false),
            abolished_by: self.doc_ref("abolished_by"),
            amended_by: self.doc_refs("amended_by"),
            updated: self.date("updated", false),
            update_note,
            consultation: self.consultation(),
            feedback_for: self.index_ref("feedback_for"),
            consulted: self.index_ref("consulted"),
            review_again: self.date("review_again", false),
        };
        if life.update_note.is_some() && life.updated.is_none() && self.field("updated").is_none() {
            self.missing(
                "updated",
                "：写了变更说明（update_note），就要写变更日期",
                ": update_note describes a change, which needs its date",
            );
        }
        (life != Lifecycle::default()).then(|| Box::new(life))
    }

    /// A document named by its index number, or by its name when it is outside the portal.
    fn doc_ref(&mut self, key: &str) -> Option<DocRef> {
        let text = self.text(key, false).filter(|s| !s.is_empty())?;
        self.checked_ref(key, &text)
    }

    fn doc_refs(&mut self, key: &str) -> Vec<DocRef> {
        let Some(f) = self.field(key) else {
            return Vec::new();
        };
        let written: Vec<String> = match &f.value {
            Value::Sequence(items) => items
                .iter()
                .map(|v| yaml_scalar_text(v).trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            Value::Null => Vec::new(),
            Value::Mapping(_) => {
                self.list_expected(key);
                return Vec::new();
            }
            // One value: an index number or a name (which may hold a comma), never split.
            v => vec![yaml_scalar_text(v).trim().to_string()],
        };
        written
            .iter()
            .filter(|s| !s.is_empty())
            .filter_map(|s| self.checked_ref(key, s))
            .collect()
    }

    fn list_expected(&mut self, key: &str) {
        let zh = Self::zh(key);
        self.error(
            "schema/type",
            key,
            format!("“{key}”（{zh}）应当是索引号的列表"),
            format!("\"{key}\" must be a list of index numbers"),
            format!("写成 {key}: [005283492/2025-00012]，多个用逗号分开"),
            format!("write {key}: [005283492/2025-00012], several separated by commas"),
        );
    }

    /// Text that looks like an index number (ASCII with a `/`) must be one; other
    /// text names a document outside the portal.
    fn checked_ref(&mut self, key: &str, text: &str) -> Option<DocRef> {
        let r = DocRef::parse(text);
        if matches!(r, DocRef::Named(_)) && text.is_ascii() && text.contains('/') {
            self.malformed_ref(key, text, true);
            return None;
        }
        Some(r)
    }

    fn malformed_ref(&mut self, key: &str, text: &str, names_allowed: bool) {
        let zh = Self::zh(key);
        let (also_zh, also_en) = if names_allowed {
            (
                "；站外文件（如上级机关的决定）请写它的名称和文号，例如《……的决定》（某政〔2025〕3号）",
                "; for a document outside the portal, write its title and 文号 instead",
            )
        } else {
            ("", "")
        };
        self.error(
            "index/malformed",
            key,
            format!("“{key}”（{zh}）的“{text}”不是格式正确的索引号"),
            format!("\"{key}\": \"{text}\" is not a well-formed index number"),
            format!("写该文件的索引号，例如 005283492/2025-00012{also_zh}"),
            format!("write that document's index number, e.g. 005283492/2025-00012{also_en}"),
        );
    }

    /// An index number of another document of the site.
    fn index_ref(&mut self, key: &str) -> Option<String> {
        let text = self.text(key, false).filter(|s| !s.is_empty())?;
        if index_no_is_well_formed(&text) {
            Some(text)
        } else {
            self.malformed_ref(key, &text, false);
            None
        }
    }

    /// `consultation: {start, end, channels, short_reason}`.
    fn consultation(&mut self) -> Option<Consultation> {
        let f = self.field("consultation").cloned()?;
        let shape_problem = |r: &mut Self| {
            r.error(
                "schema/consultation",
                "consultation",
                "意见征集应写明开始日期（start）和截止日期（end），可加反馈渠道（channels）".into(),
                "consultation must be a mapping with start and end, and optionally channels and short_reason".into(),
                "写成：\nconsultation:\n  start: 2026-11-10\n  end: 2026-12-10\n  channels: [电子邮件 xx@example.gov.cn, 信函]".into(),
                "write consultation: with indented start:, end: and channels: lines".into(),
            );
        };
        let map = match &f.value {
            Value::Mapping(map) => map.clone(),
            Value::Null => {
                shape_problem(self);
                return None;
            }
            _ => {
                shape_problem(self);
                return None;
            }
        };
        let mut got: BTreeMap<&str, Value> = BTreeMap::new();
        for (k, v) in &map {
            let k = yaml_scalar_text(k);
            match crate::load::frontmatter::lookup(CONSULTATION_KEYS, &k) {
                Some(spec) => {
                    if got.insert(spec.key, v.clone()).is_some() {
                        self.error(
                            "schema/duplicate-key",
                            "consultation",
                            format!("意见征集中“{}”（{}）写了两次", spec.key, spec.zh),
                            format!("consultation has \"{}\" ({}) twice", spec.key, spec.zh),
                            format!("只保留一行 {}: ……", spec.key),
                            format!("keep one `{}:` line", spec.key),
                        );
                        return None;
                    }
                }
                None => {
                    self.error(
                        "schema/unknown-key",
                        "consultation",
                        format!("意见征集中有未知项“{k}”，只能有开始日期、截止日期、反馈渠道和期限较短的理由"),
                        format!("unknown key \"{k}\" in consultation; allowed: start, end, channels, short_reason"),
                        "改为 start（开始日期）、end（截止日期）、channels（反馈渠道）或 short_reason（期限较短的理由）".into(),
                        "use start, end, channels or short_reason".into(),
                    );
                    return None;
                }
            }
        }
        let date = |r: &mut Self, key: &str, zh: &str| -> Option<NaiveDate> {
            let text = got.get(key).map(|v| yaml_scalar_text(v).trim().to_string());
            let text = text.filter(|t| !t.is_empty());
            match text.as_deref().map(parse_date) {
                Some(Ok(d)) => Some(d),
                None => {
                    r.error(
                        "schema/consultation",
                        "consultation",
                        format!("意见征集缺少“{key}”（{zh}）"),
                        format!("consultation is missing \"{key}\" ({zh})"),
                        format!("在 consultation 下加一行：  {key}: 2026-11-10"),
                        format!("add `  {key}: 2026-11-10` under consultation"),
                    );
                    None
                }
                Some(Err(_)) => {
                    let text = text.unwrap_or_default();
                    r.error(
                        "schema/date",
                        "consultation",
                        format!("意见征集的{zh}“{text}”不是有效日期"),
                        format!("consultation {key} \"{text}\" is not a valid date"),
                        "写成 2026-11-10".into(),
                        "write e.g. 2026-11-10".into(),
                    );
                    None
                }
            }
        };
        let start = date(self, "start", "开始日期");
        let end = date(self, "end", "截止日期");
        let channels = match got.get("channels") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|v| yaml_scalar_text(v).trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            Some(v) => vec![yaml_scalar_text(v).trim().to_string()],
        };
        let short_reason = got
            .get("short_reason")
            .map(|v| yaml_scalar_text(v).trim().to_string())
            .filter(|s| !s.is_empty());
        let (start, end) = (start?, end?);
        if end < start {
            self.error(
                "consultation/dates",
                "consultation",
                format!("意见征集的截止日期 {end} 早于开始日期 {start}"),
                format!("the consultation ends ({end}) before it starts ({start})"),
                "核对开始日期和截止日期".into(),
                "check the start and end dates".into(),
            );
            return None;
        }
        Some(Consultation {
            start,
            end,
            channels,
            short_reason,
        })
    }

    fn disclosure_requirements(
        &mut self,
        d: Disclosure,
        draft: bool,
        has_published: bool,
        review: &ReviewRecord,
        has_reason: bool,
        has_basis: bool,
    ) {
        match d {
            Disclosure::Proactive if !draft => {
                // A malformed date was reported as such; an absent or blank one is missing.
                let blank = self
                    .field("published")
                    .is_none_or(|f| yaml_scalar_text(&f.value).trim().is_empty());
                if !has_published && blank {
                    self.missing(
                        "published",
                        "：主动公开的文件必须写发布日期",
                        ": required for 主动公开 documents",
                    );
                }
                match review {
                    ReviewRecord::Absent => self.problems.push(
                        Diagnostic::error("disclosure/review-missing", self.cx.rel)
                            .at(Some(self.fm.yaml_line))
                            .msg(
                                "主动公开的文件没有保密审查记录，按“先审查、后公开”不能发布",
                                "a 主动公开 document without a confidentiality review record may not be published",
                            )
                            .fix(
                                format!("审查后加上：\nreview:\n  reviewer: 审查人\n  date: 审查日期\n  conclusion: 同意公开\n审查结论只能是{ALLOWED_CONCLUSIONS_ZH}；审查完成前请写 draft: true"),
                                format!("once reviewed, add review: with reviewer, date and conclusion (allowed conclusions: {ALLOWED_CONCLUSIONS_EN}); until then mark the file draft: true"),
                            ),
                    ),
                    ReviewRecord::Blank => self.error(
                        "disclosure/review-missing",
                        "review",
                        "保密审查还没有填写：审查人（reviewer）、审查日期（date）、审查结论（conclusion）都是空的，按“先审查、后公开”不能发布".into(),
                        "the confidentiality review is not filled in: reviewer, date and conclusion are empty, so the document may not be published".into(),
                        format!("审查后在 review 下填写三项：reviewer（审查人姓名）、date（审查日期，例如 2025-03-11）、conclusion（审查结论：{ALLOWED_CONCLUSIONS_ZH}）；审查完成前请保留 draft: true"),
                        format!("once reviewed, fill in reviewer (the reviewer's name), date (e.g. 2025-03-11) and conclusion (allowed: {ALLOWED_CONCLUSIONS_EN}) under review; until then keep draft: true"),
                    ),
                    ReviewRecord::Reported | ReviewRecord::Complete(_) => {}
                }
            }
            Disclosure::OnRequest | Disclosure::NotDisclosed => {
                let required = [
                    (has_reason, "withheld_reason", "disclosure/withheld-reason"),
                    (has_basis, "withheld_basis", "disclosure/withheld-basis"),
                ];
                for (has, key, rule) in required {
                    if !has {
                        let zh = Self::zh(key);
                        self.problems.push(
                            Diagnostic::error(rule, self.cx.rel)
                                .at(Some(self.field("disclosure").map_or(self.fm.yaml_line, |f| f.line)))
                                .msg(
                                    format!("{}的文件必须写明{zh}（{key}）", d.zh()),
                                    format!("a {} document must state {key}", d.zh()),
                                )
                                .fix(
                                    format!("加一行 {key}: ……（{zh}，例如《中华人民共和国政府信息公开条例》第十六条）"),
                                    format!("add `{key}: ...`"),
                                ),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
