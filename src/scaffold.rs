//! `zwgk init` and `zwgk new`: starting a site and starting a document.

use crate::config::SiteConfig;
use crate::layout::CONTENT_DIR;
use chrono::{Datelike, NaiveDate};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where staff find the operator's guide in Chinese; `zwgk init` prints it and
/// writes it into site.toml.
pub const GUIDE_POINTER: &str = "中文使用说明（安装、日常流程、每个字段、常见错误的改法）：zwgk 源码中的 docs/使用说明.md\nthe operator's guide in Chinese: docs/使用说明.md in the zwgk sources";

const SITE_TOML: &str = r##"# 本站点的设置。修改后运行 zwgk build 或 zwgk serve 查看效果。
# 使用说明（中文）：zwgk 源码中的 docs/使用说明.md
# Settings of this portal; see the zwgk README for every key.
title = "XX区人民政府信息公开"
# 网站的正式地址（可以带子路径）
base_url = "https://www.example.gov.cn/xxgk/"
language = "zh-CN"
theme = "default"
page_size = 20

# 政府信息公开工作机构：显示在公开指南中，请逐项改为本单位的信息
[office]
name = "XX区人民政府办公室"
address = "XX市XX区XX路1号"
postcode = "000000"
hours = "工作日 上午9:00-12:00 下午13:30-17:30"
phone = "0000-00000000"
fax = "0000-00000000"
email = "xxgk@example.gov.cn"

# 发布机构：key 用于元数据和网址，code 是索引号前面的机构代码
[[publishers]]
key = "qzf"
name = "XX区人民政府"
code = "000000000"

# 网站外观（可选）：手机上显示的简称、页眉颜色、链接颜色
# [appearance]
# short_name = "XX区政务公开"
# primary_color = "#b0191e"
# accent_color = "#0a4ea8"

# 页面底部的网站标识（政府网站须公示），请去掉 # 并填写
# [footer]
# sponsor = "XX区人民政府办公室"
# site_code = "0000000000"
# icp = "X ICP备00000000号"

# 网站检查：zwgk check 按政府网站检查指标检查空白栏目、栏目更新和列表的发布日期
# （docs/inspection.md）。确实无须公开内容的栏目写进 exempt。
[inspection]
empty_limit = 5          # 空白栏目达到 5 个即单项否决
home_days = 14           # 首页两周内应有新信息
column_months = 6        # 其他栏目半年内应有新信息
exempt = []
"##;

/// The site.toml `init` writes, for the placeholder check's tests.
#[cfg(test)]
pub(crate) fn site_toml_for_tests() -> &'static str {
    SITE_TOML
}

const SAMPLE_DOMAIN: &str = r#"name: 财政预决算
items:
  - id: "1"
    name: 财政预决算
    children:
      - id: "1.1"
        name: 政府预算
        content: 一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算
        basis: 《中华人民共和国预算法》《中华人民共和国政府信息公开条例》
        time_limit: 本级人民代表大会或其常务委员会批准后20日内
        body: 区财政局
        channels: [政府网站, 政务公开栏]
        audience: 全社会
        mode: 主动
        level: [县级]
      - id: "1.2"
        name: 部门预算
        content: 部门预算收支总表、财政拨款收支总表、“三公”经费预算
        basis: 《中华人民共和国预算法》
        time_limit: 部门预算经本级财政部门批复后20日内
        body: 各预算部门
        channels: [政府网站]
        audience: 全社会
        mode: 主动
        level: [县级]
"#;

/// Creates a new site in `dir` that builds at once, with the item lists of the
/// given national pilot domains (slug or name). Refuses a folder that already holds a site.
pub fn init(dir: &Path, today: NaiveDate, domains: &[String]) -> io::Result<Vec<PathBuf>> {
    let pilots = domains
        .iter()
        .map(|d| {
            crate::model::builtin::pilot_domain(d).ok_or_else(|| {
                let known: Vec<String> = crate::model::builtin::builtin()
                    .domains
                    .iter()
                    .map(|p| format!("{}（{}）", p.slug, p.name))
                    .collect();
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "“{d}”不是国家试点领域 / not a national pilot domain; 可选 choose from: {}",
                        known.join("、")
                    ),
                )
            })
        })
        .collect::<io::Result<Vec<_>>>()?;
    if dir.join(crate::layout::CONFIG_FILE).exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} 中已有 site.toml / already holds a site", dir.display()),
        ));
    }
    let year = today.year();
    let files = [
        (PathBuf::from("site.toml"), SITE_TOML.to_string()),
        (
            PathBuf::from("content/czyjs/_domain.yaml"),
            SAMPLE_DOMAIN.to_string(),
        ),
        (
            PathBuf::from(format!("content/czyjs/{year}-budget.md")),
            sample_budget(today),
        ),
        (
            PathBuf::from(format!("content/general/{year}-guide-notice.md")),
            sample_notice(today),
        ),
        (
            PathBuf::from(".gitignore"),
            "/public/\n/.public.zwgk-*\n".to_string(),
        ),
    ];
    let mut files = files.to_vec();
    for p in pilots.iter().filter(|p| p.slug != "czyjs") {
        files.push((
            PathBuf::from(format!("content/{}/_domain.yaml", p.slug)),
            p.scaffold_yaml(),
        ));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(&path, text)?;
        written.push(rel);
    }
    Ok(written)
}

fn sample_budget(today: NaiveDate) -> String {
    format!(
        r#"---
title: XX区{y}年区级部门预算公开说明
index_no: 000000000/{y}-00002
publisher: qzf
doc_type: 公告
topics: [财政、金融、审计]
created: {d}
published: {d}
category: 执行公开
item: "1.2"
disclosure: 主动公开
review:
  reviewer: 张三
  date: {d}
  conclusion: 同意公开
---

根据《中华人民共和国预算法》，现将本区{y}年区级部门预算公开如下。

| 项目 | 金额（万元） |
|---|---|
| 一般公共预算收入 | 1000.00 |
| 一般公共预算支出 | 980.00 |
"#,
        y = today.year(),
        d = today
    )
}

fn sample_notice(today: NaiveDate) -> String {
    format!(
        r#"---
标题: XX区人民政府关于做好{y}年政务公开工作的通知
索引号: 000000000/{y}-00001
发布机构: XX区人民政府
文种: 通知
文号: X政〔{y}〕1号
主题分类: [综合政务]
成文日期: {d}
发布日期: {d}
五公开: 决策公开
公开属性: 主动公开
保密审查:
  审查人: 张三
  审查日期: {d}
  审查结论: 同意公开
---

各乡镇人民政府、街道办事处，区政府各部门：

**一、总体要求。**坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。

**二、工作任务。**各单位要按照标准目录及时、准确公开政府信息。

XX区人民政府
"#,
        y = today.year(),
        d = today
    )
}

/// What `zwgk new` needs to make a document.
pub struct NewDocument<'a> {
    pub publisher: &'a str,
    pub title: &'a str,
    pub domain: Option<&'a str>,
    pub today: NaiveDate,
}

/// Writes a new document with the publisher's next free index number; returns its path.
pub fn new_document(root: &Path, config: &SiteConfig, req: &NewDocument) -> io::Result<PathBuf> {
    let publisher = config
        .publisher_by_key_or_name(req.publisher)
        .ok_or_else(|| {
            let known: Vec<_> = config
                .publishers
                .iter()
                .map(|p| format!("{}（{}）", p.key, p.name))
                .collect();
            io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "site.toml 中没有发布机构“{}”；可用：{} / unknown publisher",
                    req.publisher,
                    known.join("、")
                ),
            )
        })?;
    let year = req.today.year();
    let seq = next_sequence(&root.join(CONTENT_DIR), &publisher.code, year)?;
    let index_no = format!("{}/{}-{:05}", publisher.code, year, seq);
    let folder = match req.domain {
        None => "general".to_string(),
        Some(d) => domain_folder(root, d)?,
    };
    let folder = folder.as_str();
    let rel = PathBuf::from(CONTENT_DIR)
        .join(folder)
        .join(format!("{}.md", index_no.replace('/', "-")));
    let path = root.join(&rel);
    if path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} 已存在 / exists", rel.display()),
        ));
    }
    let d = req.today;
    let text = format!(
        "---\ntitle: {title}\nindex_no: {index_no}\npublisher: {key}\ndoc_type: 通知\ndoc_no: \ntopics: [综合政务]\ncreated: {d}\npublished: {d}\ncategory: 执行公开\ndisclosure: 主动公开\n# 内容概述：一两句话说明文件讲什么（60字以内），目录中显示；留空则取正文开头 / summary shown in the catalogue\nsummary: \n# 保密审查完成后填写审查人、审查日期、审查结论（同意公开、可以公开、公开；部分公开另写 redacted: 删除了哪些内容），再删去 draft 一行\n# after the review, fill in reviewer, date and conclusion, then delete the draft line\nreview:\n  reviewer: \n  date: \n  conclusion: \ndraft: true\n---\n\n正文。\n",
        title = yaml_text(req.title),
        key = publisher.key,
    );
    if let Some(p) = path.parent() {
        fs::create_dir_all(p)?;
    }
    fs::write(&path, text)?;
    Ok(rel)
}

/// The content/ folder of the domain `d`, named as `init --domain` accepts it: a
/// folder with a `_domain.yaml`, the `name:` in one, or a national pilot domain
/// (slug, name or alias). A pilot domain the site lacks gets its standard item
/// list written (`content/<slug>/_domain.yaml`), and `zwgk new` says so. Anything
/// else, such as a folder without `_domain.yaml`, is refused with the choices.
fn domain_folder(root: &Path, d: &str) -> io::Result<String> {
    let content = root.join(CONTENT_DIR);
    let d = d.trim();
    let mut site_domains: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = fs::read_dir(&content) {
        for e in entries.flatten() {
            let yaml = e.path().join("_domain.yaml");
            let Ok(text) = fs::read_to_string(&yaml) else {
                continue;
            };
            let slug = e.file_name().to_string_lossy().into_owned();
            let name = text
                .lines()
                .find_map(|l| l.strip_prefix("name:"))
                .map(|n| n.trim().trim_matches(['"', '\'']).to_string())
                .unwrap_or_default();
            site_domains.push((slug, name));
        }
    }
    site_domains.sort();
    if let Some((slug, _)) = site_domains
        .iter()
        .find(|(slug, name)| slug == d || name == d)
    {
        return Ok(slug.clone());
    }
    if let Some(p) = crate::model::builtin::pilot_domain(d) {
        if let Some((slug, _)) = site_domains.iter().find(|(slug, _)| *slug == p.slug) {
            return Ok(slug.clone());
        }
        let dir = content.join(&p.slug);
        let yaml = dir.join("_domain.yaml");
        fs::create_dir_all(&dir)?;
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&yaml)
            .and_then(|mut f| io::Write::write_all(&mut f, p.scaffold_yaml().as_bytes()))?;
        eprintln!(
            "已加入国家试点领域“{}”的标准目录：content/{}/_domain.yaml，请按本地标准目录核对 / added the pilot domain's item list: content/{}/_domain.yaml; check it against the local list",
            p.name, p.slug, p.slug
        );
        return Ok(p.slug.clone());
    }
    let known: Vec<String> = site_domains
        .iter()
        .map(|(slug, name)| format!("{slug}（{name}）"))
        .collect();
    let hint = if content.join(d).is_dir() {
        format!("content/{d} 没有 _domain.yaml，不是领域文件夹 / content/{d} has no _domain.yaml, so it is no domain")
    } else {
        format!("没有领域“{d}” / no domain \"{d}\"")
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{hint}；本站领域 / this site's domains: {}；也可写国家试点领域的名称以加入其标准目录 / or name a national pilot domain to add its item list",
            if known.is_empty() { "（无 / none）".to_string() } else { known.join("、") }
        ),
    ))
}

/// YAML-safe rendering of a one-line text value.
fn yaml_text(s: &str) -> String {
    if s.contains([':', '#', '"', '\'', '[', ']', '{', '}'])
        || s.starts_with(['-', '*', '&', '!', '|', '>', '%', '@'])
    {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// One more than the highest sequence used with `code` and `year` in any content file.
/// Scans the raw text, so files that fail to parse still reserve their numbers.
fn next_sequence(content: &Path, code: &str, year: i32) -> io::Result<u32> {
    let needle = format!("{code}/{year}-");
    let mut max = 0;
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() || !entry.file_name().to_string_lossy().ends_with(".md") {
            continue;
        }
        let text = String::from_utf8_lossy(&fs::read(entry.path())?).into_owned();
        for (pos, _) in text.match_indices(&needle) {
            let digits: String = text[pos + needle.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse::<u32>() {
                max = max.max(n);
            }
        }
    }
    Ok(max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_text_quotes_when_needed() {
        assert_eq!(yaml_text("关于做好工作的通知"), "关于做好工作的通知");
        assert_eq!(yaml_text("a: b"), "\"a: b\"");
    }

    fn site() -> (tempfile::TempDir, SiteConfig) {
        let dir = tempfile::tempdir().unwrap();
        let toml = "title = \"t\"\nbase_url = \"https://x/\"\n[[publishers]]\nkey = \"qzf\"\nname = \"区政府\"\ncode = \"005283492\"\n";
        fs::write(dir.path().join("site.toml"), toml).unwrap();
        fs::create_dir_all(dir.path().join("content/czyjs")).unwrap();
        fs::write(
            dir.path().join("content/czyjs/_domain.yaml"),
            "name: 财政预决算\nitems: []\n",
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("content/plain")).unwrap();
        (dir, SiteConfig::parse(toml).unwrap())
    }

    fn new_in(dir: &Path, config: &SiteConfig, domain: &str) -> io::Result<PathBuf> {
        let req = NewDocument {
            publisher: "qzf",
            title: "通知",
            domain: Some(domain),
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        new_document(dir, config, &req)
    }

    #[test]
    fn new_takes_a_domain_by_slug_or_name_and_refuses_a_plain_folder() {
        let (dir, config) = site();
        let by_name = new_in(dir.path(), &config, "财政预决算").unwrap();
        assert!(by_name.starts_with("content/czyjs"), "{by_name:?}");
        let by_slug = new_in(dir.path(), &config, "czyjs").unwrap();
        assert!(by_slug.starts_with("content/czyjs"));
        let err = new_in(dir.path(), &config, "plain")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("_domain.yaml") && err.contains("czyjs"),
            "{err}"
        );
        assert!(!dir
            .path()
            .join("content/plain")
            .read_dir()
            .unwrap()
            .any(|_| true));
    }

    #[test]
    fn new_adds_a_pilot_domains_item_list_the_site_lacks() {
        let (dir, config) = site();
        let pilot = &crate::model::builtin::builtin().domains[1];
        let rel = new_in(dir.path(), &config, &pilot.name).unwrap();
        assert!(
            rel.starts_with(format!("content/{}", pilot.slug)),
            "{rel:?}"
        );
        assert!(dir
            .path()
            .join(format!("content/{}/_domain.yaml", pilot.slug))
            .is_file());
    }
}
