//! The parts of an official notice around its text (GB/T 9704): the 主送机关 line
//! before it, the 附件 line and the 落款 (signing body and date) after it.
//!
//! The convention (docs/markdown.md, 落款):
//! - the 落款 is the last paragraphs of the body: one or more short lines naming the
//!   signing body (no sentence punctuation, at most 40 characters) ending with a date
//!   line (`2025年3月4日`, `二〇二五年三月四日` or `2025-03-04`); a last paragraph in
//!   full-width brackets after it (`（此件公开发布）`, the 附注) may follow. Pages
//!   right-align it;
//! - the 附件 line is a paragraph starting with `附件：` (or `附件:`);
//! - the 主送机关 line is a first paragraph that ends with `：` or `:`, has no sentence
//!   punctuation and is short: summaries skip it.

use pulldown_cmark::{CowStr, Event, Tag};

/// The longest name line of a 落款, in characters.
const NAME_CHARS: usize = 40;

/// A top-level block: the range of its events and its text.
struct Block {
    start: usize,
    end: usize,
    paragraph: bool,
    /// The text pieces of a paragraph (one per Text event, breaks between them).
    pieces: Vec<String>,
}

fn blocks(events: &[Event]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Block> = None;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(tag) => {
                if depth == 0 {
                    current = Some(Block {
                        start: i,
                        end: i,
                        paragraph: matches!(tag, Tag::Paragraph),
                        pieces: Vec::new(),
                    });
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(mut b) = current.take() {
                        b.end = i;
                        out.push(b);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => {
                if let Some(b) = current.as_mut() {
                    b.pieces.push(t.to_string());
                }
            }
            _ if depth == 0 => out.push(Block {
                start: i,
                end: i,
                paragraph: false,
                pieces: Vec::new(),
            }),
            _ => {}
        }
    }
    out
}

fn is_digit_or_cn(c: char, chinese: bool) -> bool {
    if chinese {
        "〇零○一二三四五六七八九十".contains(c)
    } else {
        c.is_ascii_digit()
    }
}

/// `2025年3月4日`, `二〇二五年三月四日`, `2025-03-04` (alone, spaces allowed around).
pub(crate) fn is_date_line(s: &str) -> bool {
    let s = s.trim();
    if let Some((y, rest)) = s.split_once('年') {
        let Some((m, rest)) = rest.split_once('月') else {
            return false;
        };
        let Some(d) = rest.strip_suffix('日') else {
            return false;
        };
        let chinese = y.chars().next().is_some_and(|c| !c.is_ascii_digit());
        let all = |p: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&p.chars().count()) && p.chars().all(|c| is_digit_or_cn(c, chinese))
        };
        return all(y, 4..=4) && all(m, 1..=3) && all(d, 1..=3);
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// A line that names a body: short, without sentence punctuation or numbering.
fn is_name_line(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    (2..=NAME_CHARS).contains(&n)
        && !s.contains([
            '，', '。', '；', '！', '？', '：', ',', ';', ':', '!', '?', '“', '”',
        ])
        && !super::lines::starts_with_numbering(s)
}

/// Whether a paragraph's pieces are a 落款 ending with a date: name pieces, then a
/// date (a date piece may also carry a name before it, when the lines were joined).
fn is_signoff(pieces: &[String], must_end_with_date: bool) -> bool {
    let text: String = pieces.concat();
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    if is_date_line(text) {
        return true;
    }
    if let Some(last) = pieces.iter().rev().find(|p| !p.trim().is_empty()) {
        if is_date_line(last) {
            let name = &text[..text.len() - last.trim().len()];
            return is_name_line(name.trim()) || name.trim().is_empty();
        }
    }
    !must_end_with_date && is_name_line(text)
}

fn is_bracketed_note(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'))
}

/// Positions (in `blocks`) of the 落款 paragraphs, first to last.
fn signoff_blocks(blocks: &[Block]) -> std::ops::Range<usize> {
    let mut end = blocks.len();
    if end > 0 && blocks[end - 1].paragraph && is_bracketed_note(&blocks[end - 1].pieces.concat()) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && end - start < 3 {
        let b = &blocks[start - 1];
        if !b.paragraph || !is_signoff(&b.pieces, start == end) {
            break;
        }
        start -= 1;
    }
    // The body itself stays: at least one block before the 落款.
    if start == 0 || start == end {
        return end..end;
    }
    start..end
}

fn is_attachment_line(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("附件：") || t.starts_with("附件:")
}

/// Whether a first paragraph is a 主送机关 line (`各乡镇人民政府，区直各单位：`).
fn is_addressee(text: &str) -> bool {
    let t = text.trim();
    let Some(head) = t.strip_suffix(['：', ':']) else {
        return false;
    };
    head.chars().count() <= 80
        && !head.contains(['。', '！', '？', '；', '：', ':'])
        && BODY_WORDS.iter().any(|w| head.contains(w))
}

/// Words that name a body (机关、单位、企业) or address one (你、各).
const BODY_WORDS: &[&str] = &[
    "政府", "局", "委", "办", "公司", "单位", "部门", "处", "中心", "院", "会", "所", "站", "街道",
    "乡", "镇", "厅", "室", "学校", "企业", "机关", "社区", "村", "你", "各",
];

/// Paragraphs a 落款 can span at the end of a body: a 附注 and three lines.
const HELD: usize = 4;

/// A top-level paragraph held back until it is known whether it is in the 落款.
struct Held<'a> {
    events: Vec<Event<'a>>,
    pieces: Vec<String>,
}

/// Marks the 落款 and the 附件 line of a body's events: their paragraphs get a class
/// (`signoff`, `attachment-note`), and a date joined to the body's name on one line
/// gets a line of its own. It streams: only the last few top-level paragraphs are
/// held back (a 落款 is the body's last paragraphs); every other block passes through.
pub(super) fn mark<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut events = events;
    let mut ready: std::collections::VecDeque<Event<'a>> = std::collections::VecDeque::new();
    let mut held: std::collections::VecDeque<Held<'a>> = std::collections::VecDeque::new();
    let mut current: Option<Held<'a>> = None;
    let mut depth = 0usize;
    // Blocks that went out before the held paragraphs: the 落款 needs a body before it.
    let mut before = 0usize;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if let Some(e) = ready.pop_front() {
            return Some(e);
        }
        if done {
            return None;
        }
        let Some(e) = events.next() else {
            done = true;
            finish(&mut held, before > 0, &mut ready);
            continue;
        };
        if let Some(block) = current.as_mut() {
            match &e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => block.pieces.push(t.to_string()),
                _ => {}
            }
            block.events.push(e);
            if depth == 0 {
                held.push_back(current.take().expect("a paragraph"));
                if held.len() > HELD {
                    let oldest = held.pop_front().expect("held");
                    emit(oldest, None, &mut ready);
                    before += 1;
                }
            }
            continue;
        }
        if depth == 0 {
            if matches!(e, Event::Start(Tag::Paragraph)) {
                depth = 1;
                current = Some(Held {
                    events: vec![e],
                    pieces: Vec::new(),
                });
                continue;
            }
            // Any other block ends the run of paragraphs: those held go out as they are.
            while let Some(h) = held.pop_front() {
                emit(h, None, &mut ready);
                before += 1;
            }
            before += 1;
        }
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        ready.push_back(e);
    })
}

/// At the body's end: which held paragraphs are the 落款, and out with them all.
fn finish<'a>(
    held: &mut std::collections::VecDeque<Held<'a>>,
    body_before: bool,
    ready: &mut std::collections::VecDeque<Event<'a>>,
) {
    // A stand-in for the blocks already out, so the 落款 is never the whole body.
    let mut bs: Vec<Block> = Vec::with_capacity(held.len() + 1);
    if body_before {
        bs.push(Block {
            start: 0,
            end: 0,
            paragraph: false,
            pieces: Vec::new(),
        });
    }
    let offset = bs.len();
    bs.extend(held.iter().map(|h| Block {
        start: 0,
        end: 0,
        paragraph: true,
        pieces: h.pieces.clone(),
    }));
    let sign = signoff_blocks(&bs);
    for (k, h) in held.drain(..).enumerate() {
        let class = sign.contains(&(k + offset)).then_some("signoff");
        emit(h, class, ready);
    }
}

/// A top-level paragraph, with its class: `signoff` when given, else
/// `attachment-note` for a 附件 line, else none.
fn emit<'a>(
    h: Held<'a>,
    class: Option<&'static str>,
    ready: &mut std::collections::VecDeque<Event<'a>>,
) {
    let class =
        class.or_else(|| is_attachment_line(&h.pieces.concat()).then_some("attachment-note"));
    let Some(class) = class else {
        ready.extend(h.events);
        return;
    };
    let last = h.events.len() - 1;
    let mut seen_text = false;
    for (i, e) in h.events.into_iter().enumerate() {
        if i == 0 {
            ready.push_back(Event::Html(CowStr::Boxed(
                format!("<p class=\"{class}\">").into_boxed_str(),
            )));
        } else if i == last {
            ready.push_back(Event::Html(CowStr::Borrowed("</p>\n")));
        } else {
            if class == "signoff" {
                if let Event::Text(t) = &e {
                    if seen_text && is_date_line(t) {
                        ready.push_back(Event::HardBreak);
                    }
                    seen_text = true;
                }
            }
            ready.push_back(e);
        }
    }
}

/// The body's Markdown without what a summary must skip: the 主送机关 line, tables,
/// the 附件 line and the 落款. Blocks are cut at their source lines.
pub(super) fn summary_source(src: &str) -> String {
    let text = super::Prepared::of(src);
    let spanned: Vec<(Event, std::ops::Range<usize>)> = text.events().collect();
    let events: Vec<Event> = spanned.iter().map(|(e, _)| e.clone()).collect();
    let bs = blocks(&events);
    let sign = signoff_blocks(&bs);
    let mut out = String::with_capacity(src.len());
    let mut first_paragraph = true;
    for (k, b) in bs.iter().enumerate() {
        let text = b.pieces.concat();
        let note = k + 1 == bs.len() && b.paragraph && is_bracketed_note(&text);
        let skip = sign.contains(&k)
            || note
            || matches!(events[b.start], Event::Start(Tag::Table(_)))
            || (b.paragraph && is_attachment_line(&text))
            || (b.paragraph && first_paragraph && is_addressee(&text));
        if b.paragraph {
            first_paragraph = false;
        }
        if skip || !matches!(events[b.start], Event::Start(_)) {
            continue;
        }
        let range = spanned[b.start].1.start..spanned[b.end].1.end;
        out.push_str(&src[range]);
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_written_in_a_signoff() {
        for d in [
            "2025年3月4日",
            "二〇二五年三月四日",
            "2025-03-04",
            " 2025年12月31日 ",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in [
            "2025年3月",
            "于2025年3月4日",
            "3月4日",
            "2025年3月4日起施行",
        ] {
            assert!(!is_date_line(d), "{d}");
        }
    }

    #[test]
    fn addressee_lines() {
        assert!(is_addressee("各乡镇人民政府、街道办事处，区直各单位："));
        assert!(is_addressee("示范区水务有限公司："));
        assert!(!is_addressee("现将有关事项通知如下："));
        assert!(!is_addressee("经研究。现批复如下："));
    }

    const NOTICE: &str = "各乡镇人民政府、街道办事处，区直各单位：\n\n为做好2025年防汛工作，现将有关事项通知如下。\n\n| 乡镇 | 人数 |\n|---|---|\n| 甲 | 3 |\n\n附件：1.防汛责任人名单\n\n示范区人民政府办公室\n\n2025年3月4日\n\n（此件公开发布）\n";

    #[test]
    fn the_signoff_and_the_attachment_line_get_their_classes() {
        let html = crate::markdown::render(NOTICE, &Default::default(), &|_| {
            crate::markdown::Target::AsWritten
        });
        assert!(
            html.contains("<p class=\"signoff\">示范区人民政府办公室</p>")
                && html.contains("<p class=\"signoff\">2025年3月4日</p>"),
            "{html}"
        );
        assert!(
            html.contains("<p class=\"attachment-note\">附件：1.防汛责任人名单</p>"),
            "{html}"
        );
        assert!(html.contains("<p>（此件公开发布）</p>"), "{html}");
        assert!(
            html.contains("<p>各乡镇人民政府"),
            "the addressee stays in the body"
        );
        // body name and date on two joined lines of one paragraph
        let one = "正文。\n\n示范区财政局\n2025年3月4日\n";
        let html = crate::markdown::render(one, &Default::default(), &|_| {
            crate::markdown::Target::AsWritten
        });
        assert!(
            html.contains("<p class=\"signoff\">示范区财政局<br />\n2025年3月4日</p>"),
            "{html}"
        );
    }

    #[test]
    fn text_that_only_looks_like_a_signoff_stays_body_text() {
        let render = |s: &str| {
            crate::markdown::render(s, &Default::default(), &|_| {
                crate::markdown::Target::AsWritten
            })
        };
        // a date alone, with no body before it
        assert!(!render("2025年3月4日\n").contains("signoff"));
        // the last paragraph is a sentence
        assert!(!render("正文。\n\n示范区财政局\n\n特此通知。\n").contains("signoff"));
        // a sentence before the date is no body name
        assert!(
            !render("正文。\n\n本办法自发布之日起施行，有效期五年。\n\n2025年3月4日\n")
                .contains("signoff\">本办法")
        );
    }

    #[test]
    fn a_summary_of_a_body_that_starts_with_a_long_table_is_its_text() {
        let mut body = String::from("| 序号 | 名称 |\n|---|---|\n");
        for i in 0..200 {
            body.push_str(&format!("| {i} | 项目名称{i} |\n"));
        }
        body.push_str("\n说明：以上为本年度项目清单。\n");
        assert_eq!(
            crate::markdown::summarize(&body, 60),
            "说明：以上为本年度项目清单。"
        );
    }

    #[test]
    fn a_summary_skips_addressee_tables_attachment_line_and_signoff() {
        let s = crate::markdown::summarize(NOTICE, 60);
        assert_eq!(s, "为做好2025年防汛工作，现将有关事项通知如下。");
        let reply = "示范区水务有限公司：\n\n你公司《关于调整水价的请示》收悉。经研究，现批复如下。\n\n示范区发展和改革委员会\n\n2025年3月4日\n";
        assert_eq!(
            crate::markdown::summarize(reply, 60),
            "你公司《关于调整水价的请示》收悉。经研究，现批复如下。"
        );
    }
}
