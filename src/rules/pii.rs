//! `pii/*`: personal data in what will be published (title, summary, body,
//! attachment names) is de-identified.
//!
//! - a mainland ID-card number is an error: 18 characters whose check digit is
//!   right (GB 11643), with a real province code and birth date; or the old
//!   15-digit form with a real province code and birth date;
//! - a bank-card number is an error: 16 to 19 digits passing the Luhn check;
//! - a personal mobile number is a warning: 11 digits `1[3-9]…`.
//!
//! A number counts only standing alone: not inside a longer run of digits or
//! letters, not part of a decimal, a URL or a file name. The usual groupings are
//! recognised (`138 1234 5678`, `6222 0212 3456 7890 128`). Masked forms
//! (`110105********1234`, `138****5678`) are short runs and never match. Numbers
//! that fail their checksum are other identifiers and pass, as do the office's
//! phone and fax from site.toml, amounts (`13800000000元`) and 18-digit unified
//! social credit codes (统一社会信用代码) that would otherwise look like card numbers.
//!
//! A document that must publish personal data (a sanction that the law requires to
//! be published with names) names its legal basis in `pii_basis`
//! (个人信息公开依据); its findings become one `pii/waived` note, shown in every
//! report so a reviewer sees what is published under which basis.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::rules::RuleContext;
use chrono::NaiveDate;
use pulldown_cmark::Event;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    IdCard,
    BankCard,
    Mobile,
}

impl Kind {
    fn rule(self) -> &'static str {
        match self {
            Kind::IdCard => "pii/id-card",
            Kind::BankCard => "pii/bank-card",
            Kind::Mobile => "pii/mobile",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Kind::IdCard => "身份证号码",
            Kind::BankCard => "银行卡号",
            Kind::Mobile => "个人手机号码",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Kind::IdCard => "ID-card number",
            Kind::BankCard => "bank-card number",
            Kind::Mobile => "personal mobile number",
        }
    }

    /// How the number is written once de-identified: the characters kept at each end.
    fn kept(self) -> (usize, usize) {
        match self {
            Kind::IdCard => (6, 4),
            Kind::BankCard => (4, 4),
            Kind::Mobile => (3, 4),
        }
    }
}

/// A personal number found in a text: its kind, byte range and digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// The number without separators, e.g. `11010519491231002X`.
    pub number: String,
}

impl Found {
    /// `110105********002X`: the form to publish instead.
    pub fn masked(&self) -> String {
        // Numbers are ASCII and longer than head + tail.
        let (head, tail) = self.kind.kept();
        let n = &self.number;
        format!(
            "{}{}{}",
            &n[..head],
            "*".repeat(n.len() - head - tail),
            &n[n.len() - tail..]
        )
    }
}

/// Finds personal numbers in `text`. `exempt` holds digit strings (the office's
/// phone and fax) that are never reported.
pub fn scan(text: &str, exempt: &[String]) -> Vec<Found> {
    let runs = digit_runs(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let grouped = GROUPINGS.iter().find_map(|sizes| {
            let group = runs.get(i..i + sizes.len())?;
            let fits = group.iter().zip(sizes.iter()).all(|(r, s)| r.len() == *s)
                && group
                    .windows(2)
                    .all(|w| is_separator(&text[w[0].end..w[1].start]));
            let run = Run {
                start: group[0].start,
                end: group[group.len() - 1].end,
            };
            fits.then(|| classify(text, run, exempt))
                .flatten()
                .map(|f| (f, sizes.len()))
        });
        match grouped {
            Some((found, n)) => {
                out.push(found);
                i += n;
            }
            None => {
                out.extend(classify(text, runs[i], exempt));
                i += 1;
            }
        }
    }
    out
}

/// How people group the numbers: 138 1234 5678, 110105 19491231 002X, cards by fours.
const GROUPINGS: &[&[usize]] = &[
    &[3, 4, 4],
    &[6, 8, 4],
    &[4, 4, 4, 4, 3],
    &[4, 4, 4, 4, 2],
    &[4, 4, 4, 4, 1],
    &[4, 4, 4, 4],
];

fn is_separator(between: &str) -> bool {
    between == " " || between == "-"
}

/// A maximal run of ASCII digits, with a trailing `X` when an ID-card number may end so.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

fn digit_runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let x_ends_it = matches!(bytes.get(i), Some(b'X' | b'x'))
            && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        if x_ends_it {
            i += 1;
        }
        runs.push(Run { start, end: i });
    }
    runs
}

fn classify(text: &str, run: Run, exempt: &[String]) -> Option<Found> {
    // 11 to 19 digits, plus up to 4 separators: most runs (dates, amounts) stop here.
    if !(11..=23).contains(&run.len()) || !stands_alone(text, run) {
        return None;
    }
    let number: String = text[run.start..run.end]
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let number = number.to_ascii_uppercase();
    let kind = if is_id_card(&number) {
        Kind::IdCard
    } else if number.bytes().all(|b| b.is_ascii_digit()) && is_bank_card(&number) {
        Kind::BankCard
    } else if is_mobile(&number) && !is_amount(text, run) {
        Kind::Mobile
    } else {
        return None;
    };
    if exempt.iter().any(|e| e.ends_with(&number)) {
        return None;
    }
    Some(Found {
        kind,
        start: run.start,
        end: run.end,
        number,
    })
}

/// Not glued to letters, `_` or a decimal point, and not inside a URL.
fn stands_alone(text: &str, run: Run) -> bool {
    let before = text[..run.start].chars().next_back();
    let before2 = text[..run.start].chars().rev().nth(1);
    let mut after = text[run.end..].chars();
    let (after1, after2) = (after.next(), after.next());
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let decimal = |point: Option<char>, digit: Option<char>| {
        point == Some('.') && digit.is_some_and(|c| c.is_ascii_digit())
    };
    let token_start = text[..run.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || !c.is_ascii())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &text[token_start..run.end];
    !glued(before)
        && !glued(after1)
        && !decimal(before, before2)
        && !decimal(after1, after2)
        && !token.contains("://")
        && !token.contains("www.")
}

/// Followed by a unit (元, 万, %, 人 …) or preceded by a currency sign: a quantity.
fn is_amount(text: &str, run: Run) -> bool {
    const UNITS: &str = "元万亿千百%‰吨米亩人户个件台辆份册次平";
    let next = text[run.end..].chars().find(|c| *c != ' ');
    let prev = text[..run.start].chars().next_back();
    next.is_some_and(|c| UNITS.contains(c)) || prev.is_some_and(|c| "¥￥$".contains(c))
}

/// Province-level codes of GB/T 2260 that start an ID-card number.
const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

fn is_id_card(n: &str) -> bool {
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let province_ok = |s: &str| s[..2].parse().is_ok_and(|p: u32| PROVINCES.contains(&p));
    let birth_ok = |y: &str, md: &str| {
        let (m, d) = md.split_at(2);
        matches!((y.parse(), m.parse(), d.parse()), (Ok(y), Ok(m), Ok(d)) if (1900..2100).contains(&y) && NaiveDate::from_ymd_opt(y, m, d).is_some())
    };
    match n.len() {
        18 => {
            digits_ok(&n[..17])
                && province_ok(n)
                && birth_ok(&n[6..10], &n[10..14])
                && id_check_digit(&n[..17]) == n.as_bytes()[17] as char
        }
        15 => digits_ok(n) && province_ok(n) && birth_ok(&format!("19{}", &n[6..8]), &n[8..12]),
        _ => false,
    }
}

/// The check character of GB 11643: weighted sum modulo 11.
fn id_check_digit(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

fn is_bank_card(n: &str) -> bool {
    (16..=19).contains(&n.len()) && luhn(n) && !(n.len() == 18 && is_credit_code(n))
}

fn luhn(n: &str) -> bool {
    let sum: u32 = n
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (false, _) => d,
                (true, x) if x > 9 => x - 9,
                (true, x) => x,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// An 18-digit 统一社会信用代码 with a valid check character (GB 32100).
fn is_credit_code(n: &str) -> bool {
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let sum: u32 = n
        .bytes()
        .take(17)
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    check < 10 && u32::from(n.as_bytes()[17] - b'0') == check
}

fn is_mobile(n: &str) -> bool {
    n.len() == 11
        && n.starts_with('1')
        && (b'3'..=b'9').contains(&n.as_bytes()[1])
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// The office's phone and fax, as digit strings, one per number written.
pub fn office_numbers(config: &SiteConfig) -> Vec<String> {
    [&config.office.phone, &config.office.fax]
        .into_iter()
        .flat_map(|s| s.split(|c: char| !(c.is_ascii_digit() || " -+()（）".contains(c))))
        .map(|part| {
            part.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|digits| digits.len() >= 7)
        .collect()
}

/// A finding placed in the file.
struct Hit {
    found: Found,
    line: Option<usize>,
    column: Option<usize>,
}

/// Everything of a document that reaches readers, scanned: metadata lines, then the body.
fn hits(doc: &Document, exempt: &[String]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut field = |key: &str, text: &str| {
        let line = doc.line_of(key);
        out.extend(scan(text, exempt).into_iter().map(|found| Hit {
            found,
            line,
            column: None,
        }));
    };
    field("title", &doc.title);
    if let Some(s) = &doc.summary {
        field("summary", s);
    }
    for a in &doc.attachments {
        field("attachments", &a.title);
        field("attachments", &a.file);
    }
    let _big = crate::markdown::BigParse::of(doc.body.as_str());
    for (event, range) in crate::markdown::Prepared::of(doc.body.as_str()).events() {
        if matches!(
            event,
            Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_)
        ) {
            for found in scan(&doc.body.as_str()[range.clone()], exempt) {
                let (line, column) = doc.body_position(range.start + found.start);
                out.push(Hit {
                    found,
                    line: Some(line),
                    column: Some(column),
                });
            }
        }
    }
    out
}

pub fn personal_information(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let hits = hits(doc, &office_numbers(&cx.site.config));
    if hits.is_empty() {
        return;
    }
    match &doc.pii_basis {
        Some(basis) => out.push(waived(doc, basis, &hits)),
        None => out.extend(hits.iter().map(|h| finding(doc, h))),
    }
}

fn finding(doc: &Document, h: &Hit) -> Diagnostic {
    let kind = h.found.kind;
    let masked = h.found.masked();
    let d = match kind {
        Kind::Mobile => Diagnostic::warning(kind.rule(), &doc.file),
        Kind::IdCard | Kind::BankCard => Diagnostic::error(kind.rule(), &doc.file),
    };
    let d = match (h.line, h.column) {
        (Some(l), Some(c)) => d.at_column(l, c),
        (line, _) => d.at(line),
    };
    d.msg(
        format!("公开的内容中有完整的{}（{masked}，此处已遮盖）", kind.zh()),
        format!("a full {} ({masked}, masked here) would be published", kind.en()),
    )
    .fix(
        format!("改为遮盖后的写法，如 {masked}；依法必须完整公开的（如行政处罚决定），加一行 pii_basis: 公开依据"),
        format!("write it masked, e.g. {masked}; if the law requires it in full (e.g. a sanction), add `pii_basis: <legal basis>`"),
    )
}

fn waived(doc: &Document, basis: &str, hits: &[Hit]) -> Diagnostic {
    let mut kinds: Vec<Kind> = hits.iter().map(|h| h.found.kind).collect();
    kinds.sort();
    kinds.dedup();
    let lines = |k: Kind| {
        let mut ls: Vec<String> = hits
            .iter()
            .filter(|h| h.found.kind == k)
            .filter_map(|h| h.line)
            .map(|l| l.to_string())
            .collect();
        ls.dedup();
        ls.join(", ")
    };
    let zh: Vec<String> = kinds
        .iter()
        .map(|&k| format!("{}：第 {} 行", k.zh(), lines(k)))
        .collect();
    let en: Vec<String> = kinds
        .iter()
        .map(|&k| format!("{}: line {}", k.en(), lines(k)))
        .collect();
    Diagnostic::info("pii/waived", &doc.file)
        .at(doc.line_of("pii_basis"))
        .msg(
            format!(
                "依据“{basis}”完整公开 {} 处个人信息（{}）",
                hits.len(),
                zh.join("；")
            ),
            format!(
                "{} personal data item(s) published in full under \"{basis}\" ({})",
                hits.len(),
                en.join("; ")
            ),
        )
        .fix(
            "请确认该依据确实要求完整公开这些信息；不需要的请遮盖",
            "make sure the basis really requires publishing them in full; mask the rest",
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, Fixture, WITHHELD};

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        scan(text, &[])
            .into_iter()
            .map(|f| (f.kind, f.number))
            .collect()
    }

    fn id(n: &str) -> Vec<(Kind, String)> {
        vec![(Kind::IdCard, n.to_string())]
    }

    #[test]
    fn id_cards_with_a_valid_check_digit_fire() {
        assert_eq!(
            kinds("身份证号：11010519491231002X。"),
            id("11010519491231002X")
        );
        assert_eq!(
            kinds("身份证号11010519491231002x"),
            id("11010519491231002X")
        );
        assert_eq!(kinds("410122198506153319"), id("410122198506153319"));
        assert_eq!(kinds("号码 110105 19491231 002X"), id("11010519491231002X"));
        // The old 15-digit form: province 11, born 1949-12-31.
        assert_eq!(kinds("（110105491231002）"), id("110105491231002"));
    }

    #[test]
    fn id_like_numbers_that_fail_pass() {
        // Wrong check digit, impossible birth date, no such province, masked.
        assert!(kinds("110105194912310021").is_empty());
        assert!(kinds("110105194913310024").is_empty());
        assert!(kinds("990105194912310028").is_empty());
        assert!(kinds("110105491331002 990105491231002").is_empty());
        assert!(kinds("110105********002X、410105********1234").is_empty());
    }

    #[test]
    fn bank_cards_passing_luhn_fire() {
        let bank = |n: &str| vec![(Kind::BankCard, n.to_string())];
        assert_eq!(
            kinds("卡号6222021234567890128"),
            bank("6222021234567890128")
        );
        assert_eq!(
            kinds("卡号 6228 4800 1234 5671。"),
            bank("6228480012345671")
        );
        assert_eq!(
            kinds("6222-0212-3456-7890-128"),
            bank("6222021234567890128")
        );
        assert!(kinds("6222021234567890123").is_empty(), "fails Luhn");
        assert!(kinds("6222 **** **** 0128").is_empty(), "masked");
    }

    #[test]
    fn mobiles_fire_unless_masked_or_part_of_something_else() {
        let mobile = |n: &str| vec![(Kind::Mobile, n.to_string())];
        assert_eq!(
            kinds("联系人张三，电话13812345678。"),
            mobile("13812345678")
        );
        assert_eq!(kinds("tel:13812345678"), mobile("13812345678"));
        assert_eq!(kinds("138 1234 5678"), mobile("13812345678"));
        assert_eq!(kinds("138-1234-5678"), mobile("13812345678"));
        for quiet in [
            "138****5678",
            "12345678901",       // no 1[3-9] prefix
            "213812345678",      // inside a longer run
            "A13812345678",      // glued to letters
            "13812345678.50",    // a decimal
            "合计13812345678元", // an amount
            "¥13812345678",
            "https://example.gov.cn/a/13812345678.html",
            "content_13812345678",
        ] {
            assert!(kinds(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn no_false_alarm_on_the_numbers_of_a_government_document() {
        let text = "索引号 005283492/2025-00012，示政〔2025〕12号，2025年3月10日、2025-03-10、20250310；\
                    金额 1,234,567.89 元，13800000 元；电话 0371-12345678、12345；\
                    统一社会信用代码 914101000000000158、11341702486344515H；\
                    合同编号 20250310123456789、98765432101234567890；网址 https://www.gov.cn/zhengce/content_6911528.htm";
        assert_eq!(kinds(text), vec![]);
    }

    #[test]
    fn office_numbers_are_exempt() {
        let mut config = SiteConfig::parse("title = \"t\"\nbase_url = \"https://x/\"\n").unwrap();
        config.office.phone = "0371-12345678、139 0371 0000".into();
        config.office.fax = "(0371)12345679".into();
        let exempt = office_numbers(&config);
        assert_eq!(exempt, ["037112345678", "13903710000", "037112345679"]);
        assert!(scan("热线 13903710000", &exempt).is_empty());
        assert_eq!(scan("热线 13903710001", &exempt).len(), 1);
    }

    #[test]
    fn masked_forms_are_shown() {
        let f = |text: &str| scan(text, &[])[0].masked();
        assert_eq!(f("11010519491231002X"), "110105********002X");
        assert_eq!(f("13812345678"), "138****5678");
        assert_eq!(f("6222021234567890128"), "6222***********0128");
    }

    #[test]
    fn scanned_everywhere_readers_see_it() {
        let fx = Fixture::new();
        fx.write("content/files/a.pdf", "%PDF");
        let attachments = "[{title: 张三13812345678, file: files/a.pdf}]";
        let summary = ("summary", "申请人身份证号 11010519491231002X");
        let body = "正文第一行\n\n| 姓名 | 卡号 |\n|---|---|\n| 张三 | 6222021234567890128 |\n\n<p>手机 13912345678</p>\n";
        fx.write(
            "content/a.md",
            &doc(
                1,
                &[
                    ("title", "关于13712345678的通知"),
                    summary,
                    ("attachments", attachments),
                ],
                body,
            ),
        );
        let ds = fx.check();
        let found: Vec<_> = ds.iter().map(|d| (d.rule, d.line, d.column)).collect();
        assert_eq!(
            found,
            [
                ("pii/mobile", Some(2), None),        // title
                ("pii/id-card", Some(11), None),      // summary
                ("pii/mobile", Some(12), None),       // attachment title
                ("pii/bank-card", Some(19), Some(8)), // table cell
                ("pii/mobile", Some(21), Some(7)),    // raw HTML
            ]
        );
        assert!(
            ds.iter()
                .all(|d| !d.message_zh.contains("6222021234567890128")),
            "the report masks numbers"
        );
    }

    #[test]
    fn a_stated_basis_turns_findings_into_one_note() {
        let fx = Fixture::new();
        let basis = ("pii_basis", "《中华人民共和国行政处罚法》第四十八条");
        fx.write(
            "content/a.md",
            &doc(
                1,
                &[basis],
                "当事人：张三，身份证号 11010519491231002X，电话 13812345678",
            ),
        );
        fx.write(
            "content/b.md",
            &doc(
                2,
                &[("个人信息公开依据", "行政处罚法第四十八条")],
                "无个人信息",
            ),
        );
        assert_eq!(fx.findings(), ["content/a.md pii/waived (info)"]);
        let note = fx.single_finding();
        assert!(
            note.message_zh.contains("行政处罚法") && note.message_zh.contains("2 处"),
            "{}",
            note.message_zh
        );
        assert_eq!(note.line, Some(11));
    }

    #[test]
    fn withheld_and_draft_documents_are_not_scanned() {
        let fx = Fixture::new();
        fx.write(
            "content/a.md",
            &doc(1, &WITHHELD, "身份证号 11010519491231002X"),
        );
        fx.write(
            "content/b.md",
            &doc(2, &[("draft", "true")], "身份证号 11010519491231002X"),
        );
        assert_eq!(fx.findings(), Vec::<String>::new());
    }
}
