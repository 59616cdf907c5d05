//! Line breaks inside a paragraph, the way Chinese text needs them.
//!
//! Staff hard-wrap long lines. CommonMark turns such a line break into a space, which in
//! Chinese shows as a stray gap (`发展， 重点`). A break next to a Chinese character
//! (汉字 or full-width punctuation, on either side) therefore joins the lines with
//! nothing; between two Latin words it stays a space.
//!
//! A line that starts with Chinese paragraph numbering (一、 （一） 1. （1） …) is a new
//! paragraph in an official document even when no blank line separates it, so the break
//! before it is kept as a line break instead of being joined away.

use super::cjk;
use super::Spanned;
use pulldown_cmark::{Event, Tag, TagEnd};

pub(super) fn soft_breaks(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let decisions: Vec<(usize, Break)> = events
        .iter()
        .enumerate()
        .filter(|(_, (e, _))| *e == Event::SoftBreak)
        .map(|(i, _)| (i, decide(&events[..i], &events[i + 1..])))
        .filter(|(_, d)| *d != Break::Space)
        .collect();
    if decisions.is_empty() {
        return events;
    }
    let mut decisions = decisions.into_iter().peekable();
    let mut out = Vec::with_capacity(events.len());
    for (i, (event, range)) in events.into_iter().enumerate() {
        match decisions.next_if(|(at, _)| *at == i) {
            Some((_, Break::Line)) => out.push((Event::HardBreak, range)),
            Some((_, Break::Join)) => {}
            _ => out.push((event, range)),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Break {
    /// CommonMark's own: a space.
    Space,
    /// Nothing: the lines are one run of Chinese text.
    Join,
    /// A line break: numbering starts a new paragraph.
    Line,
}

fn decide(before: &[Spanned], after: &[Spanned]) -> Break {
    let after = text_after(after);
    if starts_with_numbering(&after) {
        return Break::Line;
    }
    match (char_before(before), after.chars().next()) {
        (Some(b), Some(a)) if cjk::is_wide_non_hangul(b) || cjk::is_wide_non_hangul(a) => {
            Break::Join
        }
        _ => Break::Space,
    }
}

/// Tags that wrap text without standing between two characters.
fn is_transparent(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

/// The last visible character before a break, if text is what comes before it.
fn char_before(events: &[Spanned]) -> Option<char> {
    for (event, _) in events.iter().rev() {
        match event {
            Event::Text(t) | Event::Code(t) => return t.chars().next_back(),
            e if is_transparent(e) => {}
            _ => return None,
        }
    }
    None
}

/// The start of the text after a break (enough to recognise numbering).
fn text_after(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if text.chars().nth(12).is_some() {
                    break;
                }
            }
            e if is_transparent(e) => {}
            _ => break,
        }
    }
    text
}

const CHINESE_NUMERALS: &str = "一二三四五六七八九十百千零〇";

/// 一、  （一） (一)  1. 1． 1、 1） 1)  （1） (1)  第一条␣ 第二章␣
pub(super) fn starts_with_numbering(line: &str) -> bool {
    let is_numeral = |c: char| CHINESE_NUMERALS.contains(c) || c.is_ascii_digit();
    let mut chars = line.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    match first {
        '（' | '(' => {
            let mut digits = 0;
            while chars.next_if(|&c| is_numeral(c)).is_some() {
                digits += 1;
            }
            digits > 0 && matches!(chars.next(), Some('）' | ')'))
        }
        '第' => {
            let mut digits = 0;
            while chars.next_if(|&c| is_numeral(c)).is_some() {
                digits += 1;
            }
            // An article heading is followed by a space; `第三条规定` is a reference.
            digits > 0
                && matches!(chars.next(), Some('条' | '章' | '节'))
                && chars.next().is_some_and(char::is_whitespace)
        }
        c if c.is_ascii_digit() => {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            match chars.next() {
                // `1.5%` is a number, not numbering.
                Some('.' | '．') => !chars.peek().is_some_and(char::is_ascii_digit),
                Some('、' | '）' | ')') => true,
                _ => false,
            }
        }
        c if CHINESE_NUMERALS.contains(c) => {
            while chars.next_if(|&c| CHINESE_NUMERALS.contains(c)).is_some() {}
            chars.next() == Some('、')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_forms_of_official_documents() {
        for line in [
            "一、总体要求",
            "十二、附则",
            "（一）严格落实",
            "(二)扩大参与",
            "1.加强领导",
            "2. 强化督查",
            "3．做好宣传",
            "4、其他",
            "（1）一般情形",
            "(12)特殊情形",
            "5）补充",
            "第一条 为规范",
            "第十二章\u{3000}附则",
        ] {
            assert!(starts_with_numbering(line), "{line}");
        }
    }

    #[test]
    fn text_that_only_looks_like_numbering() {
        for line in [
            "1.5%的增长",
            "2024年3月",
            "第三条规定的情形",
            "一般情况下",
            "（注）",
            "一等奖",
            "",
            "、",
        ] {
            assert!(!starts_with_numbering(line), "{line}");
        }
    }
}
