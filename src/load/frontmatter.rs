//! Splitting a document into YAML front matter and Markdown body, and parsing the
//! front matter into fields keyed by their canonical (English) names.
//!
//! The YAML parser reports syntax errors; the mistakes staff really make (a tab,
//! a full-width colon, a misspelt key) are caught here first with a plainer message.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::util::yaml::{self, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// A front-matter key: its canonical name and the Chinese label staff may write instead.
pub struct KeySpec {
    pub key: &'static str,
    pub zh: &'static str,
}

/// One field as written: value, the line it starts on, and the key as the author wrote it.
#[derive(Debug, Clone)]
pub struct Field {
    pub value: Value,
    pub line: usize,
    pub written_as: String,
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub fields: BTreeMap<&'static str, Field>,
    /// Line of the opening `---` plus one: where the YAML starts.
    pub yaml_line: usize,
}

#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Separates `---\n<yaml>\n---\n<body>`.
pub fn split<'a>(text: &'a str, rel: &Path) -> Result<Split<'a>, Diagnostics> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error("schema/no-front-matter", rel)
            .at(Some(1))
            .msg(
                "文件开头没有元数据（第一行应为 ---）",
                "the file has no front matter (the first line must be ---)",
            )
            .fix(
                "在文件开头加上以 --- 开始、以 --- 结束的元数据块，写明标题、索引号等",
                "start the file with a block between two --- lines holding title, index_no and the other keys",
            ).into());
    }
    let yaml_start = first_line.len() + 1;
    let rest = text.get(yaml_start..).unwrap_or("");
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error("schema/unclosed-front-matter", rel)
        .at(Some(1))
        .msg(
            "元数据没有结束（缺少第二个 --- 行）",
            "the front matter is not closed (the second --- line is missing)",
        )
        .fix(
            "在元数据最后一行之后、正文之前加一行 ---",
            "add a line --- after the last front-matter line, before the body",
        )
        .into())
}

/// Parses the YAML of `split` into canonical fields. `keys` is the key table.
pub fn parse(split: &Split, rel: &Path, keys: &[KeySpec]) -> Result<FrontMatter, Diagnostics> {
    let line_of = |i: usize| split.yaml_line + i;
    let mut problems = scan_lines(split.yaml, rel, keys, line_of);
    if !problems.is_empty() {
        return Err(problems);
    }
    if split.yaml.trim().is_empty() {
        return Err(vec![Diagnostic::error("schema/empty-front-matter", rel)
            .at(Some(split.yaml_line))
            .msg("元数据是空的", "the front matter is empty")
            .fix(
                "在两个 --- 之间写上标题、索引号、发布机构等必填项",
                "write title, index_no, publisher and the other required keys between the --- lines",
            )].into());
    }
    let value: Value = match yaml::from_str(split.yaml) {
        Ok(v) => v,
        Err(e) => return Err(vec![yaml_error(&e, rel, split.yaml_line)].into()),
    };
    let Value::Mapping(map) = value else {
        return Err(vec![Diagnostic::error("schema/not-a-mapping", rel)
            .at(Some(split.yaml_line))
            .msg(
                "元数据应当是“键: 值”形式的列表",
                "the front matter must be a list of `key: value` lines",
            )
            .fix(
                "每行写成 键: 值，例如 title: 关于……的通知",
                "write one `key: value` per line",
            )]
        .into());
    };
    let key_lines = top_level_key_lines(split.yaml);
    let mut fields = BTreeMap::new();
    for (k, v) in map {
        let written = match &k {
            Value::String(s) => s.clone(),
            other => crate::util::yaml::scalar_text(other),
        };
        let line = key_lines
            .get(written.as_str())
            .map(|&i| line_of(i))
            .unwrap_or(split.yaml_line);
        let Some(spec) = lookup(keys, &written) else {
            problems.push(unknown_key(&written, rel, line, keys));
            continue;
        };
        if let Some(prev) = fields.get(spec.key) {
            let prev: &Field = prev;
            problems.push(
                Diagnostic::error("schema/duplicate-key", rel)
                    .at(Some(line))
                    .msg(
                        format!(
                            "“{}”和第 {} 行的“{}”是同一项，写了两次",
                            written, prev.line, prev.written_as
                        ),
                        format!(
                            "\"{}\" and \"{}\" on line {} are the same key, given twice",
                            written, prev.written_as, prev.line
                        ),
                    )
                    .fix("删除其中一行", "delete one of the two lines"),
            );
            continue;
        }
        if let Some(d) = suspicious_value(&v, rel, line) {
            problems.push(d);
            continue;
        }
        fields.insert(
            spec.key,
            Field {
                value: v,
                line,
                written_as: written,
            },
        );
    }
    if problems.is_empty() {
        Ok(FrontMatter {
            fields,
            yaml_line: split.yaml_line,
        })
    } else {
        Err(problems)
    }
}

/// A YAML tag (`!foo bar`) or a control character written as an escape
/// (`"\0"`, `"\v"`) anywhere in `v`: neither is ever meant, and both would
/// otherwise reach the pages (a tag as `{"!foo":"bar"}`).
fn suspicious_value(v: &Value, rel: &Path, line: usize) -> Option<Diagnostic> {
    match v {
        Value::Tagged(t) => Some(
            Diagnostic::error("schema/yaml-tag", rel)
                .at(Some(line))
                .msg(
                    format!("第 {line} 行的值以“{}”开头，元数据不使用 YAML 标签（! 开头的写法）", t.tag),
                    format!("the value on line {line} starts with \"{}\"; front matter takes no YAML tags (words starting with !)", t.tag),
                )
                .fix(
                    "删掉 ! 开头的词；若值本身以 ! 开头，用英文双引号把整个值括起来",
                    "delete the word starting with !; if the value itself starts with !, put the whole value in double quotes",
                ),
        ),
        Value::String(s) => s
            .chars()
            .find(|&c| crate::load::source::is_forbidden_control(c))
            .map(|c| crate::load::source::control_diagnostic(c, rel).at(Some(line))),
        Value::Sequence(items) => items.iter().find_map(|i| suspicious_value(i, rel, line)),
        Value::Mapping(m) => m
            .iter()
            .find_map(|(k, v)| suspicious_value(k, rel, line).or_else(|| suspicious_value(v, rel, line))),
        _ => None,
    }
}

pub fn lookup<'k>(keys: &'k [KeySpec], written: &str) -> Option<&'k KeySpec> {
    let w = written.trim();
    keys.iter().find(|k| k.key == w || k.zh == w)
}

/// The known key nearest to `written`, for "did you mean" hints.
pub fn nearest<'k>(keys: &'k [KeySpec], written: &str) -> Option<&'k KeySpec> {
    let lower = written.to_lowercase();
    keys.iter()
        .map(|k| {
            let d = strsim::levenshtein(&lower, k.key).min(strsim::levenshtein(written, k.zh));
            (d, k)
        })
        .filter(|(d, k)| *d <= (k.key.len() / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Keys of the review record, which belong indented under `review:`.
const REVIEW_ENTRY_KEYS: [&str; 8] = [
    "reviewer",
    "date",
    "conclusion",
    "redacted",
    "审查人",
    "审查日期",
    "审查结论",
    "删除内容说明",
];

fn unknown_key(written: &str, rel: &Path, line: usize, keys: &[KeySpec]) -> Diagnostic {
    let d = Diagnostic::error("schema/unknown-key", rel).at(Some(line));
    if keys.iter().any(|k| k.key == "review") && REVIEW_ENTRY_KEYS.contains(&written.trim()) {
        return d
            .msg(
                format!("第 {line} 行的“{written}”是保密审查记录的一项，应写在 review: 下面并缩进两个空格"),
                format!("\"{written}\" on line {line} is part of the review record: it belongs under review:, indented by two spaces"),
            )
            .fix(
                "写成：\nreview:\n  reviewer: 审查人\n  date: 审查日期\n  conclusion: 审查结论\n（review: 单独一行，下面三行各缩进两个空格）",
                "write review: on a line of its own, and reviewer, date and conclusion below it, each indented by two spaces",
            );
    }
    match nearest(keys, written) {
        Some(k) => d
            .msg(
                format!(
                    "未知的元数据项“{written}”，是否想写“{}”（{}）？",
                    k.key, k.zh
                ),
                format!(
                    "unknown key \"{written}\"; did you mean \"{}\" ({})?",
                    k.key, k.zh
                ),
            )
            .fix(
                format!("把第 {line} 行的“{written}”改为“{}”或“{}”", k.key, k.zh),
                format!("change \"{written}\" on line {line} to \"{}\"", k.key),
            ),
        None => d
            .msg(
                format!("未知的元数据项“{written}”"),
                format!("unknown key \"{written}\""),
            )
            .fix(
                "删除这一行，或改为 README 所列的元数据项之一",
                "delete the line or use one of the keys listed in the README",
            ),
    }
}

/// Catches tabs and full-width colons before YAML gives its own, obscure message.
fn scan_lines(
    yaml: &str,
    rel: &Path,
    keys: &[KeySpec],
    line_of: impl Fn(usize) -> usize,
) -> Diagnostics {
    let mut out = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if let Some(col) = line.find('\t') {
            let column = line[..col].chars().count() + 1;
            out.push(
                Diagnostic::error("schema/tab", rel)
                    .at_column(line_of(i), column)
                    .msg(
                        format!(
                            "第 {} 行含有制表符（Tab），元数据只能用空格缩进",
                            line_of(i)
                        ),
                        format!(
                            "line {} contains a tab; front matter must be indented with spaces",
                            line_of(i)
                        ),
                    )
                    .fix("把 Tab 换成两个空格", "replace the tab with two spaces"),
            );
            continue;
        }
        if let Some(d) = full_width_colon(line, rel, keys, line_of(i)) {
            out.push(d);
            continue;
        }
        if let Some(d) = no_space_after_colon(line, rel, keys, line_of(i)) {
            out.push(d);
        }
    }
    if out.is_empty() {
        out.extend(exact_duplicates(yaml, rel, line_of));
    }
    out.into()
}

/// `doc_type:通知` or `doc_type:　通知` (a full-width space): YAML reads the whole
/// line as one text and then fails a line later with its own words.
fn no_space_after_colon(
    line: &str,
    rel: &Path,
    keys: &[KeySpec],
    line_no: usize,
) -> Option<Diagnostic> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let body = line.trim_start().trim_start_matches("- ");
    let colon = body.find(':')?;
    let key = body[..colon].trim();
    let known = lookup(keys, key).is_some()
        || REVIEW_ENTRY_KEYS.contains(&key)
        || ["title", "file", "名称", "文件"].contains(&key);
    let after = body[colon + 1..].chars().next()?;
    if !known || after == ' ' || after == '\t' {
        return None;
    }
    let column = line[..line.len() - body.len()].chars().count() + key.chars().count() + 1;
    let (zh, en) = if after == '\u{3000}' {
        ("后面是中文全角空格", "is followed by a full-width space")
    } else {
        ("后面缺少空格", "is not followed by a space")
    };
    let value = body[colon + 1..].trim_start_matches('\u{3000}');
    Some(
        Diagnostic::error("schema/no-space-after-colon", rel)
            .at_column(line_no, column)
            .msg(
                format!("第 {line_no} 行“{key}:”的冒号{zh}，元数据读不出这一项"),
                format!(
                    "line {line_no}: the colon after \"{key}\" {en}, so the key cannot be read"
                ),
            )
            .fix(
                format!("在冒号后加一个英文空格：“{key}: {value}”"),
                format!("put one ASCII space after the colon: \"{key}: {value}\""),
            ),
    )
}

/// The same top-level key written twice, exactly: named at its second line with
/// the first, not left to the YAML parser.
fn exact_duplicates(yaml: &str, rel: &Path, line_of: impl Fn(usize) -> usize) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '-', '#']) || line.trim().is_empty() {
            continue;
        }
        let Some(key) = crate::util::yaml::key_of_line(line) else {
            continue;
        };
        if let Some(&first) = seen.get(key) {
            out.push(
                Diagnostic::error("schema/duplicate-key", rel)
                    .at(Some(line_of(i)))
                    .msg(
                        format!(
                            "“{key}”写了两次（第 {} 行和第 {} 行）",
                            line_of(first),
                            line_of(i)
                        ),
                        format!(
                            "\"{key}\" is given twice (lines {} and {})",
                            line_of(first),
                            line_of(i)
                        ),
                    )
                    .fix("删除其中一行", "delete one of the two lines"),
            );
        } else {
            seen.insert(key, i);
        }
    }
    out
}

fn full_width_colon(
    line: &str,
    rel: &Path,
    keys: &[KeySpec],
    line_no: usize,
) -> Option<Diagnostic> {
    let fw = line.find('：')?;
    let before = &line[..fw];
    if before.contains(':') || before.trim_start().starts_with('#') {
        return None;
    }
    let key = before.trim().trim_start_matches("- ").trim();
    let is_key = lookup(keys, key).is_some()
        || [
            "审查人",
            "审查日期",
            "审查结论",
            "reviewer",
            "date",
            "conclusion",
            "名称",
            "文件",
            "file",
        ]
        .contains(&key);
    if !is_key {
        return None;
    }
    let column = before.chars().count() + 1;
    Some(
        Diagnostic::error("schema/full-width-colon", rel)
            .at_column(line_no, column)
            .msg(
                format!("第 {line_no} 行“{key}”后面用了中文冒号“：”，元数据需要英文冒号“:”"),
                format!("line {line_no}: \"{key}\" is followed by a full-width colon '：'; front matter needs ':'"),
            )
            .fix(
                format!("把“{key}：”改为“{key}: ”（英文冒号后加一个空格）"),
                format!("write \"{key}: \" (ASCII colon and a space)"),
            ),
    )
}

/// Line index (0-based, within the YAML) of every top-level key.
fn top_level_key_lines(yaml: &str) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '-', '#']) || line.trim().is_empty() {
            continue;
        }
        if let Some(colon) = line.find(':') {
            let key = line[..colon].trim().trim_matches(['"', '\'']);
            out.entry(key).or_insert(i);
        }
    }
    out
}

/// The YAML parser's sentence, said in Chinese for the Chinese line.
fn yaml_error_zh(detail: &str) -> &'static str {
    let d = detail.to_ascii_lowercase();
    if d.contains("mapping values are not allowed") {
        "这一行多了一个冒号（值里有“: ”）"
    } else if d.contains("did not find expected key")
        || d.contains("block mapping")
        || d.contains("indentation")
    {
        "缩进不对，或某一行不是“键: 值”的形式"
    } else if d.contains("quoted scalar") || d.contains("unexpected end") {
        "引号或括号没有配对（缺少结尾的引号或括号）"
    } else if d.contains("flow sequence") || d.contains("flow mapping") {
        "方括号 [ ] 或花括号 { } 没有配对"
    } else if d.contains("duplicate") {
        "同一项写了两次"
    } else if d.contains("alias") || d.contains("anchor") {
        "用了 YAML 的 & 或 * 写法，值里有这两个符号时请用英文双引号括起来"
    } else {
        "YAML 无法读取这一行"
    }
}

fn yaml_error(e: &yaml::Error, rel: &Path, yaml_line: usize) -> Diagnostic {
    let detail = e.to_string();
    let d = Diagnostic::error("schema/yaml-syntax", rel);
    let d = match e.location() {
        Some(loc) => d.at_column(yaml_line + loc.line() - 1, loc.column()),
        None => d.at(Some(yaml_line)),
    };
    d.msg(
        format!("元数据格式有误：{}", yaml_error_zh(&detail)),
        format!("front matter syntax error: {detail}"),
    )
    .fix(
        "检查这一行：每行写成“键: 值”，冒号用英文并在后面加空格；值中含有冒号或 # 时用英文双引号括起来",
        "check the line: one `key: value` per line, ASCII colon followed by a space; quote values containing ':' or '#'",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[KeySpec] = &[
        KeySpec {
            key: "title",
            zh: "标题",
        },
        KeySpec {
            key: "index_no",
            zh: "索引号",
        },
        KeySpec {
            key: "published",
            zh: "发布日期",
        },
    ];

    fn parse_text(text: &str) -> Result<FrontMatter, Diagnostics> {
        let rel = Path::new("a.md");
        let s = split(text, rel)?;
        parse(&s, rel, KEYS)
    }

    #[test]
    fn split_reports_body_line() {
        let s = split("---\ntitle: x\n---\n\n正文\n", Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "\n正文\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn chinese_alias_maps_to_canonical_key() {
        let fm = parse_text("---\n标题: 通知\nindex_no: \"1/2024-00001\"\n---\n").unwrap();
        assert_eq!(fm.fields["title"].line, 2);
        assert_eq!(fm.fields["index_no"].line, 3);
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let err = parse_text("---\ntitle: a\ntitel: b\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/unknown-key");
        assert_eq!(err[0].line, Some(3));
        assert!(
            err[0].message_en.contains("did you mean \"title\""),
            "{}",
            err[0].message_en
        );
    }

    #[test]
    fn alias_and_key_together_is_duplicate() {
        let err = parse_text("---\ntitle: a\n标题: b\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/duplicate-key");
    }

    #[test]
    fn full_width_colon_is_named() {
        let err = parse_text("---\n标题：关于某事的通知\nindex_no: x\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/full-width-colon");
        assert_eq!(err[0].line, Some(2));
        assert_eq!(err[0].column, Some(3));
    }

    #[test]
    fn full_width_colon_inside_a_value_is_fine() {
        let fm = parse_text("---\ntitle: 关于：某事\n---\n").unwrap();
        assert_eq!(fm.fields["title"].value.as_str(), Some("关于：某事"));
    }

    #[test]
    fn tab_is_named_with_line_and_column() {
        let err = parse_text("---\ntitle: a\n\tindex_no: b\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/tab");
        assert_eq!((err[0].line, err[0].column), (Some(3), Some(1)));
    }

    #[test]
    fn yaml_syntax_error_has_file_line() {
        let err = parse_text("---\ntitle: a\nindex_no: [unclosed\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/yaml-syntax");
        assert!(err[0].line.unwrap() >= 3);
    }

    #[test]
    fn yaml_tags_are_refused() {
        let err = parse_text("---\ntitle: !foo bar\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/yaml-tag");
        assert_eq!(err[0].line, Some(2));
        let err = parse_text("---\ntitle: a\nindex_no: [x, !tag y]\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/yaml-tag");
        assert_eq!(err[0].line, Some(3));
        let fm = parse_text("---\ntitle: \"!foo bar\"\n---\n").unwrap();
        assert_eq!(fm.fields["title"].value.as_str(), Some("!foo bar"));
    }

    #[test]
    fn control_characters_written_as_escapes_are_refused() {
        for esc in ["\\0", "\\v", "\\b", "\\x1b"] {
            let err =
                parse_text(&format!("---\ntitle: a\nindex_no: \"x{esc}y\"\n---\n")).unwrap_err();
            assert_eq!(err[0].rule, "source/control-char", "{esc}");
            assert_eq!(err[0].line, Some(3));
        }
        let fm = parse_text("---\ntitle: \"a\\tb\"\n---\n").unwrap();
        assert_eq!(fm.fields["title"].value.as_str(), Some("a\tb"));
    }

    #[test]
    fn no_space_after_the_colon_is_named_on_its_line() {
        let err = parse_text("---\ntitle:通知\nindex_no: x\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/no-space-after-colon");
        assert_eq!((err[0].line, err[0].column), (Some(2), Some(6)));
        assert!(err[0].fix_zh.contains("title: 通知"), "{}", err[0].fix_zh);
        let err = parse_text("---\ntitle: a\nindex_no:\u{3000}x\n---\n").unwrap_err();
        assert_eq!(err[0].line, Some(3));
        assert!(err[0].message_zh.contains("全角空格"));
        assert!(parse_text("---\ntitle: \"a:b\"\nindex_no: http://x\n---\n").is_ok());
    }

    #[test]
    fn an_exact_duplicate_is_named_at_its_second_line() {
        let err = parse_text("---\ntitle: a\nindex_no: x\ntitle: b\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/duplicate-key");
        assert_eq!(err[0].line, Some(4));
        assert!(err[0].message_zh.contains("第 2 行"));
    }

    #[test]
    fn review_entries_without_review_are_told_where_they_belong() {
        const WITH_REVIEW: &[KeySpec] = &[
            KeySpec {
                key: "title",
                zh: "标题",
            },
            KeySpec {
                key: "review",
                zh: "保密审查",
            },
        ];
        let rel = Path::new("a.md");
        let text = "---\ntitle: a\nreviewer: 王明\n---\n";
        let err = parse(&split(text, rel).unwrap(), rel, WITH_REVIEW).unwrap_err();
        assert_eq!(err[0].rule, "schema/unknown-key");
        assert_eq!(err[0].line, Some(3));
        assert!(
            err[0].message_zh.contains("review:"),
            "{}",
            err[0].message_zh
        );
        assert!(!err[0].fix_zh.contains("删除"), "{}", err[0].fix_zh);
    }

    #[test]
    fn yaml_syntax_errors_are_on_the_files_line() {
        let err = parse_text("---\ntitle: a\nindex_no: x: y\n---\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/yaml-syntax");
        assert_eq!(err[0].line, Some(3), "{:?}", err[0]);
        assert!(
            !err[0].message_zh.contains("mapping") && err[0].message_zh.contains("冒号"),
            "{}",
            err[0].message_zh
        );
    }

    #[test]
    fn missing_front_matter() {
        let err = parse_text("# 标题\n正文\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/no-front-matter");
        let err = parse_text("---\ntitle: a\n正文\n").unwrap_err();
        assert_eq!(err[0].rule, "schema/unclosed-front-matter");
    }
}
