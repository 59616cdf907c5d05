//! Word's automatic numbering (numbering.xml), written out as the text it shows,
//! and Chinese numerals both ways (numbering labels out, dates in).

use super::xml::{Element, Ns};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    /// `w:suff`: tab (default), space or nothing after the label.
    suffix_none: bool,
    /// `w:isLgl`: every level shown as an Arabic number.
    legal: bool,
    /// `w:lvlRestart`: restart after this level (1-based; 0 never).
    restart: Option<u8>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    starts: BTreeMap<u8, u32>,
}

/// The numbering definitions of a document and the counters while it is read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: BTreeMap<String, BTreeMap<u8, Level>>,
    nums: BTreeMap<String, Num>,
    /// Counters per abstract numbering (Word continues a list across its `w:num`s).
    counters: BTreeMap<String, [Option<u32>; 9]>,
    /// `w:num`s whose start overrides were applied.
    overridden: BTreeSet<String>,
}

/// The text a numbered paragraph starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub bullet: bool,
}

impl Numbering {
    pub fn parse(root: &Element) -> Numbering {
        let mut n = Numbering::default();
        for e in root.elements() {
            if e.is(Ns::W, "abstractNum") {
                let Some(id) = e.attr(Ns::W, "abstractNumId") else {
                    continue;
                };
                let mut levels = BTreeMap::new();
                for l in e.elements().filter(|l| l.is(Ns::W, "lvl")) {
                    let Some(ilvl) = l.attr(Ns::W, "ilvl").and_then(|v| v.parse::<u8>().ok())
                    else {
                        continue;
                    };
                    levels.insert(ilvl.min(8), level(l));
                }
                n.abstracts.insert(id.to_string(), levels);
            } else if e.is(Ns::W, "num") {
                let Some(id) = e.attr(Ns::W, "numId") else {
                    continue;
                };
                let mut num = Num {
                    abstract_id: e
                        .child(Ns::W, "abstractNumId")
                        .and_then(Element::val)
                        .unwrap_or_default()
                        .to_string(),
                    starts: BTreeMap::new(),
                };
                for o in e.elements().filter(|o| o.is(Ns::W, "lvlOverride")) {
                    let Some(ilvl) = o.attr(Ns::W, "ilvl").and_then(|v| v.parse::<u8>().ok())
                    else {
                        continue;
                    };
                    if let Some(s) = o
                        .child(Ns::W, "startOverride")
                        .and_then(Element::val)
                        .and_then(|v| v.parse().ok())
                    {
                        num.starts.insert(ilvl.min(8), s);
                    }
                }
                n.nums.insert(id.to_string(), num);
            }
        }
        n
    }

    /// Counts the next paragraph of list `num_id` at level `ilvl` and returns its label.
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<Label> {
        if num_id == "0" {
            return None;
        }
        let num = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&num.abstract_id)?;
        let ilvl = ilvl.min(8);
        let lvl = levels.get(&ilvl)?.clone();
        let counters = self
            .counters
            .entry(num.abstract_id.clone())
            .or_insert([None; 9]);
        if !num.starts.is_empty() && self.overridden.insert(num_id.to_string()) {
            for (l, s) in &num.starts {
                counters[*l as usize] = Some(s.saturating_sub(1));
            }
        }
        let i = ilvl as usize;
        counters[i] = Some(match counters[i] {
            Some(c) => c.saturating_add(1),
            None => lvl.start,
        });
        for (deeper, c) in counters.iter_mut().enumerate().skip(i + 1) {
            let restarts = levels
                .get(&(deeper as u8))
                .and_then(|l| l.restart)
                .is_none_or(|r| r != 0 && (r as usize) > i);
            if restarts {
                *c = None;
            }
        }
        if lvl.fmt == "bullet" {
            return Some(Label {
                text: String::new(),
                bullet: true,
            });
        }
        let mut text = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    let value = counters[l]
                        .unwrap_or_else(|| levels.get(&(l as u8)).map_or(1, |lv| lv.start));
                    let fmt = if lvl.legal && l != i {
                        "decimal"
                    } else {
                        levels
                            .get(&(l as u8))
                            .map_or("decimal", |lv| lv.fmt.as_str())
                    };
                    text.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            text.push(ch);
        }
        // A label ending in punctuation (一、 （一） 1.) runs into the text, as
        // typed 公文 do; a word label (第一章) keeps a space.
        let joins = lvl.suffix_none
            || text
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric() && !is_han(c));
        if !joins {
            text.push(' ');
        }
        Some(Label {
            text,
            bullet: false,
        })
    }
}

fn level(l: &Element) -> Level {
    Level {
        start: l
            .child(Ns::W, "start")
            .and_then(Element::val)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
        fmt: l
            .child(Ns::W, "numFmt")
            .and_then(Element::val)
            .unwrap_or("decimal")
            .to_string(),
        text: l
            .child(Ns::W, "lvlText")
            .and_then(Element::val)
            .unwrap_or_default()
            .to_string(),
        suffix_none: l.child(Ns::W, "suff").and_then(Element::val) == Some("nothing"),
        legal: l.child(Ns::W, "isLgl").is_some_and(Element::toggle),
        restart: l
            .child(Ns::W, "lvlRestart")
            .and_then(Element::val)
            .and_then(|v| v.parse().ok()),
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' | '〇')
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A number as Word's `numFmt` shows it.
pub fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        // LibreOffice writes its 一, 二, 三 as taiwaneseCountingThousand
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "chineseLegalSimplified" => legal(n),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed_circle(n),
        "decimalEnclosedParen" => enclosed(n, 0x2474, || format!("({n})")),
        "decimalEnclosedFullstop" => enclosed(n, 0x2488, || format!("{n}.")),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 一 … 十 十一 … 九十九 一百 一百零一 … 一千二百三十四 …
pub fn chinese(n: u32) -> String {
    if n == 0 {
        return "〇".to_string();
    }
    if n >= 100_000_000 {
        return n.to_string();
    }
    let mut out = String::new();
    let wan = n / 10_000;
    let rest = n % 10_000;
    if wan > 0 {
        out.push_str(&below_10000(wan, false));
        out.push('万');
        if rest > 0 && rest < 1000 {
            out.push('零');
        }
    }
    if rest > 0 {
        out.push_str(&below_10000(rest, wan > 0));
    }
    out
}

fn below_10000(n: u32, inner: bool) -> String {
    let units = ["", "十", "百", "千"];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, d) in digits.iter().enumerate() {
        let unit = units[3 - i];
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十一, not 一十一, when the number starts with its tens.
        if !(*d == 1 && unit == "十" && out.is_empty() && !inner) {
            out.push(DIGITS[*d as usize]);
        }
        out.push_str(unit);
    }
    out
}

fn legal(n: u32) -> String {
    const D: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    chinese(n)
        .chars()
        .map(|c| match c {
            '十' => '拾',
            '百' => '佰',
            '千' => '仟',
            '万' => '万',
            c => DIGITS.iter().position(|d| *d == c).map_or(c, |i| D[i]),
        })
        .collect()
}

fn cycle(n: u32, set: &str) -> String {
    let chars: Vec<char> = set.chars().collect();
    chars[(n.max(1) as usize - 1) % chars.len()].to_string()
}

fn enclosed_circle(n: u32) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32B1 + n - 36),
        _ => None,
    };
    c.map_or_else(|| format!("({n})"), String::from)
}

fn enclosed(n: u32, first: u32, other: impl Fn() -> String) -> String {
    match n {
        1..=20 => char::from_u32(first + n - 1).map_or_else(&other, String::from),
        _ => other(),
    }
}

fn letters(n: u32) -> String {
    // Word repeats the letter: a … z, aa … zz.
    let n = n.max(1) - 1;
    let letter = (b'a' + (n % 26) as u8) as char;
    letter.to_string().repeat((n / 26 + 1).min(50) as usize)
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The value of a Chinese numeral as written in dates and numbering:
/// 〇一二…九 digit by digit (二〇二五), or with units (十, 二十一, 三十一).
pub fn parse_chinese(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        match c {
            '〇' | '○' | '零' | 'O' | 'o' | '０' | '0' | 'Ｏ' => Some(0),
            '一' | '壹' => Some(1),
            '二' | '贰' | '两' => Some(2),
            '三' | '叁' => Some(3),
            '四' | '肆' => Some(4),
            '五' | '伍' => Some(5),
            '六' | '陆' => Some(6),
            '七' | '柒' => Some(7),
            '八' | '捌' => Some(8),
            '九' | '玖' => Some(9),
            _ => None,
        }
    };
    if s.is_empty() {
        return None;
    }
    if !s.contains(['十', '拾', '百', '佰', '千', '仟']) {
        // digit by digit
        let mut v: u32 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return Some(v);
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' | '拾' => Some(10),
            '百' | '佰' => Some(100),
            '千' | '仟' => Some(1000),
            _ => None,
        };
        match unit {
            Some(u) => {
                total = total.checked_add(current.unwrap_or(1).checked_mul(u)?)?;
                current = None;
            }
            None => {
                let d = digit(c)?;
                if d == 0 {
                    continue;
                }
                if current.is_some() {
                    return None;
                }
                current = Some(d);
            }
        }
    }
    total.checked_add(current.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::xml;

    #[test]
    fn chinese_numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1234, "一千二百三十四"),
        ];
        for (n, s) in cases {
            assert_eq!(chinese(n), s, "{n}");
            assert_eq!(parse_chinese(s), Some(n), "{s}");
        }
        assert_eq!(chinese(10001), "一万零一");
        assert_eq!(parse_chinese("二〇二五"), Some(2025));
        assert_eq!(parse_chinese("二○二五"), Some(2025));
        assert_eq!(parse_chinese("三十一"), Some(31));
        assert_eq!(parse_chinese("猫"), None);
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn numbering(levels: &str) -> Numbering {
        let x = format!(
            r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#
        );
        Numbering::parse(&xml::parse(&x).unwrap())
    }

    fn lvl(i: u8, fmt: &str, text: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    #[test]
    fn gongwen_levels_are_written_out() {
        let mut n = numbering(
            &[
                lvl(0, "chineseCounting", "%1、"),
                lvl(1, "chineseCounting", "（%2）"),
                lvl(2, "decimal", "%3."),
                lvl(3, "decimal", "（%4）"),
            ]
            .concat(),
        );
        let mut labels = Vec::new();
        for l in [0, 1, 1, 2, 3, 2, 0, 1] {
            labels.push(n.next("5", l).unwrap().text);
        }
        assert_eq!(
            labels,
            [
                "一、",
                "（一）",
                "（二）",
                "1.",
                "（1）",
                "2.",
                "二、",
                "（一）"
            ]
        );
        // a w:num with a start override restarts the list
        assert_eq!(n.next("6", 0).unwrap().text, "一、");
        assert_eq!(n.next("0", 0), None);
        assert_eq!(n.next("99", 0), None);
    }

    #[test]
    fn word_labels_keep_a_space() {
        let mut n = numbering(&lvl(0, "chineseCounting", "第%1章"));
        assert_eq!(n.next("5", 0).unwrap().text, "第一章 ");
    }
}
