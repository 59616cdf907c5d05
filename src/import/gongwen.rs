//! The parts of a 公文 laid out as GB/T 9704-2012 prescribes, found in the
//! paragraphs of a .docx: the 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号),
//! the title, the 主送机关, the 附件说明, the signature and 成文日期, the 附注 and
//! the 版记. Each find remembers where it came from, so the import can say it.

use super::docx::{Align, Block, Docx, Para};
use super::numbering::{is_han, parse_chinese};
use chrono::NaiveDate;

/// Where a value was read: the paragraph (its number among the non-empty
/// paragraphs) and how it was recognised, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub paragraphs: Vec<usize>,
    pub how_zh: String,
    pub how_en: String,
}

impl Source {
    fn at(paragraphs: Vec<usize>, zh: impl Into<String>, en: impl Into<String>) -> Source {
        Source {
            paragraphs,
            how_zh: zh.into(),
            how_en: en.into(),
        }
    }

    /// `第3段，居中` / `paragraph 3, centred`.
    pub fn describe(&self) -> (String, String) {
        let (pz, pe) = match self.paragraphs.as_slice() {
            [] => (String::new(), String::new()),
            [p] => (format!("第{p}段"), format!("paragraph {p}")),
            [a, .., b] => (format!("第{a}–{b}段"), format!("paragraphs {a}–{b}")),
        };
        let join = |a: String, b: &str, sep: &str| match (a.is_empty(), b.is_empty()) {
            (true, _) => b.to_string(),
            (_, true) => a,
            _ => format!("{a}{sep}{b}"),
        };
        (join(pz, &self.how_zh, "，"), join(pe, &self.how_en, ", "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    Active,
    OnRequest,
    NotDisclosed,
}

impl Disclosure {
    pub fn zh(self) -> &'static str {
        match self {
            Disclosure::Active => "主动公开",
            Disclosure::OnRequest => "依申请公开",
            Disclosure::NotDisclosed => "不予公开",
        }
    }
}

/// What was found, and the blocks that become the body.
#[derive(Debug, Clone, Default)]
pub struct Gongwen {
    /// 密级 (e.g. `机密★1年`): the document is a state secret.
    pub secrecy: Option<Found<String>>,
    /// 发文机关标志, as printed (e.g. `示范区人民政府文件`).
    pub banner: Option<Found<String>>,
    /// 发文字号, brackets written as 〔〕.
    pub doc_no: Option<Found<String>>,
    /// The 发文字号 as the file wrote it, when that differs.
    pub doc_no_written: Option<String>,
    pub title: Option<Found<String>>,
    pub recipients: Option<Found<String>>,
    /// The signature lines above the 成文日期 (发文机关署名).
    pub signature: Option<Found<String>>,
    pub date: Option<Found<NaiveDate>>,
    pub disclosure: Option<Found<Disclosure>>,
    /// 附件说明: the titles of the attachments, in order.
    pub attachments: Vec<Found<String>>,
    pub body: Vec<Block>,
    /// Images left out: in the 版头 (a banner drawn as a picture) or at the
    /// signature (a seal).
    pub dropped_images: usize,
    pub dropped_banji: Option<Source>,
    pub dropped_page_numbers: usize,
}

/// Text without any whitespace (full-width spaces included).
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn para(b: &Block) -> Option<&Para> {
    match b {
        Block::Para(p) => Some(p),
        Block::Table(_) => None,
    }
}

pub fn recognise(doc: &Docx) -> Gongwen {
    let blocks = &doc.blocks;
    let mut g = Gongwen::default();
    let mut banner_parts: Vec<(String, usize)> = Vec::new();
    let mut header_images = 0;
    let mut header_end = 0;
    // 版头: everything up to the 发文字号 when one is among the first paragraphs …
    let mut doc_no_at = None;
    let mut seen = 0;
    for (i, b) in blocks.iter().enumerate() {
        let texts: Vec<String> = match b {
            Block::Para(p) if p.has_text() => vec![p.text()],
            Block::Para(_) => continue,
            Block::Table(t) if i < 4 => t.paragraphs().iter().map(|p| p.text()).collect(),
            Block::Table(_) => break,
        };
        let short_no = |l: &str| doc_no_in(l).is_some() && compact(l).chars().count() <= 40;
        if texts.iter().any(|t| t.lines().any(short_no)) {
            doc_no_at = Some(i);
            break;
        }
        // the 版头 holds no sentences and no salutation
        if texts.iter().any(|t| {
            let c = compact(t);
            c.contains('。') || c.ends_with('：') || c.ends_with(':')
        }) {
            break;
        }
        seen += 1;
        if seen >= 10 {
            break;
        }
    }
    let header_paras = |b: &Block| -> Vec<Para> {
        match b {
            Block::Para(p) => vec![p.clone()],
            Block::Table(t) => t.paragraphs().into_iter().cloned().collect(),
        }
    };
    if let Some(k) = doc_no_at {
        for b in &blocks[..=k] {
            for p in header_paras(b) {
                header_images += p.images().count();
                if p.has_text() && !header_line(&mut g, &p, &mut banner_parts) {
                    // not a part the standard names: still the banner's text
                    // (an organ's name in ordinary type)
                    let l = compact(&p.text());
                    if l.chars().count() <= 60 {
                        banner_parts.push((l, p.number));
                    }
                }
            }
        }
        header_end = k + 1;
    } else {
        // … or the paragraphs at the start that look like one (red, large, …文件)
        for (i, b) in blocks.iter().enumerate().take(12) {
            let Block::Para(p) = b else { break };
            if !p.has_text() {
                header_images += p.images().count();
                continue;
            }
            if !header_line(&mut g, p, &mut banner_parts) {
                break;
            }
            header_images += p.images().count();
            header_end = i + 1;
        }
    }
    if g.doc_no.is_none() && banner_parts.is_empty() && g.secrecy.is_none() {
        // nothing of a 版头: the title is looked for from the start
        header_end = 0;
        header_images = 0;
    }
    if !banner_parts.is_empty() {
        let text: String = banner_parts.iter().map(|(t, _)| t.as_str()).collect();
        g.banner = Some(Found {
            value: text,
            source: Source::at(
                banner_parts.iter().map(|(_, n)| *n).collect(),
                "发文机关标志",
                "the issuing organ's banner",
            ),
        });
    }

    // title: the first centred paragraphs after the 版头
    let mut j = header_end;
    while j < blocks.len() && para(&blocks[j]).is_some_and(|p| !p.has_text()) {
        header_images += para(&blocks[j]).map_or(0, |p| p.images().count());
        j += 1;
    }
    let body_size = typical_size(blocks);
    let mut title_lines: Vec<&Para> = Vec::new();
    let mut k = j;
    while k < blocks.len() && title_lines.len() < 4 {
        let Some(p) = para(&blocks[k]) else { break };
        if !p.has_text() {
            if title_lines.is_empty() {
                k += 1;
                continue;
            }
            break;
        }
        let t = compact(&p.text());
        let large = match (p.size, body_size) {
            (Some(s), Some(b)) => s > b,
            _ => false,
        };
        let looks = (p.align == Align::Center
            || (title_lines.is_empty() && large && p.outline.is_some()))
            && !t.ends_with('：')
            && !t.ends_with(':')
            && date_in(&t).is_none()
            && t.chars().count() <= 80;
        if !looks {
            break;
        }
        if let Some(first) = title_lines.first() {
            if first.size != p.size || first.align != p.align {
                break;
            }
        }
        title_lines.push(p);
        k += 1;
    }
    let mut body_start = j;
    if !title_lines.is_empty() {
        let text = join_lines(title_lines.iter().map(|p| p.text()));
        let numbers: Vec<usize> = title_lines.iter().map(|p| p.number).collect();
        let (zh, en) = match title_lines[0].size {
            Some(s) => (
                format!("居中，{}磅", fmt_pt(s)),
                format!("centred, {} pt", fmt_pt(s)),
            ),
            None => ("居中".to_string(), "centred".to_string()),
        };
        g.title = Some(Found {
            value: text,
            source: Source::at(numbers, zh, en),
        });
        body_start = k;
    }

    // 版记, from the end
    let mut banji_start = blocks.len();
    let mut back = blocks.len();
    let mut banji_paras = Vec::new();
    let mut checked = 0;
    while back > body_start && checked < 10 {
        let b = &blocks[back - 1];
        let is_banji = match b {
            Block::Para(p) if !p.has_text() => {
                back -= 1;
                if p.images().count() == 0 {
                    continue;
                }
                false
            }
            Block::Para(p) => {
                checked += 1;
                let yes = banji_line(&compact(&p.text()));
                if yes {
                    banji_paras.push(p.number);
                }
                yes
            }
            Block::Table(t) => {
                checked += 1;
                let paras = t.paragraphs();
                let yes = !paras.is_empty()
                    && paras
                        .iter()
                        .filter(|p| p.has_text())
                        .all(|p| banji_line(&compact(&p.text())))
                    && paras.iter().any(|p| p.has_text());
                if yes {
                    banji_paras.extend(paras.iter().map(|p| p.number));
                }
                yes
            }
        };
        if !is_banji {
            break;
        }
        back -= 1;
        banji_start = back;
    }
    if banji_start < blocks.len() && !banji_paras.is_empty() {
        banji_paras.retain(|n| *n > 0);
        banji_paras.sort_unstable();
        g.dropped_banji = Some(Source::at(
            banji_paras,
            "版记",
            "the 版记 (copies, printing)",
        ));
    } else {
        banji_start = blocks.len();
    }

    // the body: signature, date, 附注, 附件说明
    let body = &blocks[body_start..banji_start];
    let date_at = body.iter().position(|b| {
        para(b).is_some_and(|p| {
            p.text()
                .lines()
                .any(|l| date_in(&compact(l)).is_some_and(|(_, whole)| whole))
        })
    });
    let mut seal_paras: Vec<usize> = Vec::new();
    if let Some(d) = date_at {
        let p = para(&body[d]).expect("a paragraph");
        let text = p.text();
        let lines: Vec<&str> = text.lines().collect();
        let li = lines
            .iter()
            .position(|l| date_in(&compact(l)).is_some_and(|(_, whole)| whole))
            .unwrap_or(0);
        if let Some((date, _)) = date_in(&compact(lines[li])) {
            let how = match p.align {
                Align::Right => ("居右", "right-aligned"),
                _ => ("", ""),
            };
            g.date = Some(Found {
                value: date,
                source: Source::at(
                    vec![p.number],
                    format!(
                        "“{}”{}",
                        lines[li].trim(),
                        if how.0.is_empty() {
                            String::new()
                        } else {
                            format!("，{}", how.0)
                        }
                    ),
                    format!(
                        "\"{}\"{}",
                        lines[li].trim(),
                        if how.1.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", how.1)
                        }
                    ),
                ),
            });
        }
        seal_paras.push(d);
        // the signature: the same paragraph's lines above the date, or the short
        // paragraphs just above it
        let mut sig: Vec<(String, usize)> = lines[..li]
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .map(|l| (l, p.number))
            .collect();
        if sig.is_empty() {
            // upwards: the seal's space (empty paragraphs), then the signature
            // lines, aligned as the date is; an empty paragraph above them ends it
            let mut up = d;
            let mut between = Vec::new();
            while up > 0 && sig.len() < 3 {
                up -= 1;
                let Some(q) = para(&body[up]) else { break };
                if !q.has_text() {
                    if !sig.is_empty() {
                        break;
                    }
                    between.push(up);
                    continue;
                }
                let t = q.text().trim().to_string();
                let aligned = q.align != Align::Left || p.align == Align::Left;
                if !signature_like(&t) || !aligned {
                    break;
                }
                sig.insert(0, (t, q.number));
                seal_paras.push(up);
                seal_paras.append(&mut between);
            }
        }
        if !sig.is_empty() {
            g.signature = Some(Found {
                value: sig
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                source: Source::at(
                    sig.iter().map(|(_, n)| *n).collect(),
                    "成文日期上方的署名",
                    "the signature above the date",
                ),
            });
        }
    }

    // 附注: （此件公开发布） etc., after the date when there is one
    let from = date_at.unwrap_or(0);
    for b in &body[from..] {
        let Some(p) = para(b) else { continue };
        let t = compact(&p.text());
        if let Some(d) = note_disclosure(&t) {
            g.disclosure = Some(Found {
                value: d,
                source: Source::at(
                    vec![p.number],
                    format!("附注“{}”", p.text().trim()),
                    format!("the note \"{}\"", p.text().trim()),
                ),
            });
            break;
        }
    }

    // 主送机关: the first paragraph, when it ends with a colon and names bodies
    if let Some(p) = body.iter().filter_map(para).find(|p| p.has_text()) {
        let t = p.text().trim().to_string();
        if (t.ends_with('：') || t.ends_with(':')) && t.chars().count() <= 120 && !t.contains('。')
        {
            g.recipients = Some(Found {
                value: t,
                source: Source::at(
                    vec![p.number],
                    "正文第一段，以冒号结尾",
                    "the first paragraph, ending with a colon",
                ),
            });
        }
    }

    // 附件说明: 附件：1.…, 2.… before the signature
    let until = date_at.unwrap_or(body.len());
    let mut idx = 0;
    while idx < until {
        let Some(p) = para(&body[idx]) else {
            idx += 1;
            continue;
        };
        let t = p.text().trim().to_string();
        let c = compact(&t);
        let Some(rest) = c.strip_prefix("附件：").or_else(|| c.strip_prefix("附件:")) else {
            idx += 1;
            continue;
        };
        if rest.is_empty() {
            idx += 1;
            continue;
        }
        let numbered = strip_item_number(rest).is_some();
        let mut items = vec![(
            strip_item_number(rest).unwrap_or(rest).to_string(),
            p.number,
        )];
        // more lines in the same paragraph, or in the next ones
        for line in t.lines().skip(1) {
            let l = compact(line);
            if let Some(x) = strip_item_number(&l) {
                items.push((x.to_string(), p.number));
            }
        }
        if numbered {
            let mut n = idx + 1;
            while n < until {
                let Some(q) = para(&body[n]) else { break };
                let l = compact(&q.text());
                match strip_item_number(&l) {
                    Some(x) if q.has_text() => items.push((x.to_string(), q.number)),
                    _ => break,
                }
                n += 1;
            }
        }
        g.attachments = items
            .into_iter()
            .map(|(t, n)| Found {
                value: t.trim_end_matches(['。', '；', ';', '，']).to_string(),
                source: Source::at(vec![n], "附件说明", "the list of attachments"),
            })
            .filter(|f| !f.value.is_empty())
            .collect();
        break;
    }

    // what stays: the body without empty paragraphs, page numbers and seals
    for (n, b) in body.iter().enumerate() {
        match b {
            Block::Para(p) => {
                let images = p.images().count();
                if seal_paras.contains(&n) && images > 0 {
                    g.dropped_images += images;
                    let mut q = p.clone();
                    q.spans
                        .retain(|s| !matches!(s, super::docx::Span::Image { .. }));
                    if q.has_text() {
                        g.body.push(Block::Para(q));
                    }
                    continue;
                }
                if !p.has_text() && images == 0 && !has_note(p) {
                    continue;
                }
                if page_number(&compact(&p.text())) {
                    g.dropped_page_numbers += 1;
                    continue;
                }
                g.body.push(b.clone());
            }
            Block::Table(_) => g.body.push(b.clone()),
        }
    }
    g.dropped_images += header_images;
    g
}

fn has_note(p: &Para) -> bool {
    p.spans
        .iter()
        .any(|s| matches!(s, super::docx::Span::Note(..)))
}

/// One paragraph of the 版头; false when it is none of its parts.
fn header_line(g: &mut Gongwen, p: &Para, banner: &mut Vec<(String, usize)>) -> bool {
    let text = p.text();
    let c = compact(&text);
    if c.is_empty() {
        return true;
    }
    let mut any = false;
    for line in text.lines() {
        let l = compact(line);
        if l.is_empty() {
            continue;
        }
        if is_copy_number(&l) || is_urgency(&l) {
            any = true;
            continue;
        }
        if let Some(s) = secrecy(&l) {
            g.secrecy.get_or_insert(Found {
                value: s,
                source: Source::at(vec![p.number], "版头的密级", "the classification mark"),
            });
            any = true;
            continue;
        }
        if let Some((no, written)) = doc_no_in(line) {
            if g.doc_no.is_none() {
                let how = match p.align {
                    Align::Center => ("居中", "centred"),
                    Align::Right => ("居右", "right-aligned"),
                    Align::Left => ("居左", "left-aligned"),
                };
                if written != no {
                    g.doc_no_written = Some(written);
                }
                g.doc_no = Some(Found {
                    value: no,
                    source: Source::at(vec![p.number], how.0, how.1),
                });
            }
            any = true;
            continue;
        }
        if g.doc_no.is_none()
            // red, or `…文件`: type size alone is no banner (a title may be large)
            && (p.red || l.ends_with("文件"))
            && l.chars().count() <= 60
            && !l.contains('。')
        {
            banner.push((l, p.number));
            any = true;
            continue;
        }
    }
    any
}

fn is_copy_number(l: &str) -> bool {
    let digits = l.trim_start_matches("No.").trim_start_matches("NO.");
    (6..=8).contains(&digits.chars().count()) && digits.chars().all(|c| c.is_ascii_digit())
}

fn is_urgency(l: &str) -> bool {
    matches!(l, "特急" | "加急" | "特提" | "平急")
}

fn secrecy(l: &str) -> Option<String> {
    for level in ["绝密", "机密", "秘密"] {
        if let Some(rest) = l.strip_prefix(level) {
            if rest.is_empty() || rest.starts_with('★') || rest.starts_with('*') || is_urgency(rest)
            {
                return Some(l.to_string());
            }
        }
    }
    None
}

fn banji_line(c: &str) -> bool {
    c.starts_with("抄送")
        || c.starts_with("抄报")
        || c.starts_with("分送")
        || c.starts_with("主题词")
        || (c.ends_with("印发") && c.chars().count() <= 60)
        || (c.starts_with("（共印") || c.starts_with("(共印"))
}

fn page_number(c: &str) -> bool {
    let core = c.trim_matches(['-', '—', '–', '－', '一']);
    !core.is_empty()
        && core.len() < c.len()
        && core.chars().all(|ch| ch.is_ascii_digit())
        && core.len() <= 4
}

fn signature_like(t: &str) -> bool {
    let n = t.chars().count();
    (2..=40).contains(&n)
        && !t.ends_with(['。', '；', ';', '：', ':', '，', ','])
        && !t.contains('。')
        && !t.starts_with("附件")
}

fn note_disclosure(c: &str) -> Option<Disclosure> {
    let inner = c.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    if !inner.starts_with("此件") {
        return None;
    }
    if inner.contains("不予公开") || inner.contains("不公开") {
        Some(Disclosure::NotDisclosed)
    } else if inner.contains("依申请公开") {
        Some(Disclosure::OnRequest)
    } else if inner.contains("公开发布") || inner.contains("主动公开") || inner == "此件公开"
    {
        Some(Disclosure::Active)
    } else {
        None
    }
}

/// `1.xxx`, `1．xxx`, `1、xxx`, `（1）xxx`: the text after the item number.
fn strip_item_number(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 3 {
        let rest = &s[digits..];
        for p in ['.', '．', '、', ':', '：'] {
            if let Some(r) = rest.strip_prefix(p) {
                return Some(r.trim_start());
            }
        }
        return None;
    }
    let inner = s.strip_prefix(['（', '('])?;
    let digits = inner.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    inner[digits..]
        .strip_prefix(['）', ')'])
        .map(str::trim_start)
}

/// The 发文字号 in a line: (normalised with 〔〕, as written without spaces).
pub fn doc_no_in(line: &str) -> Option<(String, String)> {
    let c: Vec<char> = compact(line).chars().collect();
    for (i, &open) in c.iter().enumerate() {
        let close = match open {
            '〔' => '〕',
            '[' => ']',
            '［' => '］',
            '【' => '】',
            '(' => ')',
            '（' => '）',
            '﹝' => '﹞',
            _ => continue,
        };
        let year: String = c
            .get(i + 1..i + 5)?
            .iter()
            .map(|d| ascii_digit(*d))
            .collect::<Option<String>>()
            .unwrap_or_default();
        if year.len() != 4 {
            continue;
        }
        if c.get(i + 5).is_none_or(|x| {
            *x != close && !matches!(x, '〕' | ']' | '］' | '】' | ')' | '）' | '﹞')
        }) {
            continue;
        }
        let mut k = i + 6;
        let mut di = false;
        if c.get(k) == Some(&'第') {
            di = true;
            k += 1;
        }
        let num: String = c[k.min(c.len())..]
            .iter()
            .map_while(|d| ascii_digit(*d))
            .collect();
        if num.is_empty() || num.len() > 6 || c.get(k + num.chars().count()) != Some(&'号') {
            continue;
        }
        let mut start = i;
        while start > 0 && i - start < 20 {
            let ch = c[start - 1];
            if is_han(ch) || ch.is_ascii_alphanumeric() {
                start -= 1;
            } else {
                break;
            }
        }
        let prefix: String = c[start..i].iter().collect();
        // 签发人 on the same line is not part of the number
        if prefix.is_empty() || !prefix.chars().any(is_han) {
            continue;
        }
        let end = k + num.chars().count() + 1;
        let written: String = c[start..end].iter().collect();
        let normal = format!("{prefix}〔{year}〕{}{num}号", if di { "第" } else { "" });
        return Some((normal, written));
    }
    None
}

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// A date `2025年3月10日` or `二〇二五年三月十日` in compact text: the date, and
/// whether it is the whole text.
pub fn date_in(c: &str) -> Option<(NaiveDate, bool)> {
    let y_at = c.find('年')?;
    let m_at = y_at + c[y_at..].find('月')?;
    let d_at = m_at + c[m_at..].find('日')?;
    let ystr = &c[..y_at];
    // the year: the 4 characters before 年
    let ychars: Vec<char> = ystr.chars().collect();
    if ychars.len() < 4 {
        return None;
    }
    let yonly: String = ychars[ychars.len() - 4..].iter().collect();
    let before: String = ychars[..ychars.len() - 4].iter().collect();
    let num = |s: &str| -> Option<u32> {
        let ascii: Option<String> = s.chars().map(ascii_digit).collect();
        match ascii {
            Some(a) if !a.is_empty() => a.parse().ok(),
            _ => parse_chinese(s),
        }
    };
    let y = num(&yonly)?;
    let m = num(&c[y_at + '年'.len_utf8()..m_at])?;
    let d = num(&c[m_at + '月'.len_utf8()..d_at])?;
    if !(1949..=2100).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let after = &c[d_at + '日'.len_utf8()..];
    Some((date, before.is_empty() && after.is_empty()))
}

/// The type size most of the document's text has, in half-points.
fn typical_size(blocks: &[Block]) -> Option<u32> {
    let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
    for b in blocks {
        if let Block::Para(p) = b {
            if let Some(s) = p.size {
                *counts.entry(s).or_default() += p.text().chars().count();
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
}

fn fmt_pt(half_points: u32) -> String {
    if half_points.is_multiple_of(2) {
        (half_points / 2).to_string()
    } else {
        format!("{}.5", half_points / 2)
    }
}

/// Lines of a title joined: no space between Chinese, one between Latin words.
pub fn join_lines(lines: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for l in lines {
        for part in l.split('\n') {
            let part = part.trim_matches(|c: char| c.is_whitespace());
            if part.is_empty() {
                continue;
            }
            if let (Some(a), Some(b)) = (out.chars().last(), part.chars().next()) {
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                    out.push(' ');
                }
            }
            out.push_str(part);
        }
    }
    out
}

/// The 文种 from a title's last word: `…的通知` → 通知, `…复函` → 函,
/// `…办法（试行）` → 办法.
pub fn doc_type(title: &str) -> Option<&'static str> {
    let mut t = compact(title);
    // （试行）, （征求意见稿）, (2025年修订) …
    for _ in 0..3 {
        let Some(stripped) = t.strip_suffix(['）', ')']) else {
            break;
        };
        match stripped.rfind(['（', '(']) {
            Some(open) if stripped[open..].chars().count() <= 12 => t.truncate(open),
            _ => break,
        }
    }
    let t = t.trim_end_matches(['。', '.', '”', '》', '"']);
    const TYPES: &[(&str, &str)] = &[
        ("复函", "函"),
        ("函", "函"),
        ("通知", "通知"),
        ("通告", "通告"),
        ("公告", "公告"),
        ("通报", "通报"),
        ("公报", "公报"),
        ("意见", "意见"),
        ("办法", "办法"),
        ("决定", "决定"),
        ("决议", "决议"),
        ("命令", "命令"),
        ("令", "令"),
        ("报告", "报告"),
        ("请示", "请示"),
        ("批复", "批复"),
        ("议案", "议案"),
        ("纪要", "纪要"),
        ("规划", "规划"),
        ("计划", "计划"),
        ("方案", "方案"),
        ("规定", "规定"),
        ("细则", "细则"),
        ("规则", "规则"),
        ("公示", "公示"),
        ("解读", "解读"),
    ];
    TYPES
        .iter()
        .find(|(suffix, _)| t.ends_with(suffix))
        .map(|(_, ty)| *ty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        let n = |s: &str| doc_no_in(s).map(|(a, _)| a);
        assert_eq!(
            n("上政办〔2018〕12号").as_deref(),
            Some("上政办〔2018〕12号")
        );
        assert_eq!(n("示政 [2025] 3 号").as_deref(), Some("示政〔2025〕3号"));
        assert_eq!(
            n("示政（２０２５）３号").as_deref(),
            Some("示政〔2025〕3号")
        );
        assert_eq!(
            n("示政发〔2025〕12号        签发人：王明").as_deref(),
            Some("示政发〔2025〕12号")
        );
        assert_eq!(n("示政〔2025〕第3号").as_deref(), Some("示政〔2025〕第3号"));
        assert_eq!(n("〔2025〕3号"), None);
        assert_eq!(n("2025年3月10日"), None);
        assert_eq!(n("示政〔25〕3号"), None);
    }

    #[test]
    fn dates_in_both_numerals() {
        let d = |s: &str| date_in(&compact(s));
        let day = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        assert_eq!(d("2025年3月10日"), Some((day, true)));
        assert_eq!(d("2025 年 3 月 10 日"), Some((day, true)));
        assert_eq!(d("二〇二五年三月十日"), Some((day, true)));
        assert_eq!(d("二○二五年三月十日"), Some((day, true)));
        assert_eq!(d("２０２５年３月１０日"), Some((day, true)));
        assert_eq!(d("于2025年3月10日印发"), Some((day, false)));
        assert_eq!(d("2025年2月30日"), None);
        assert_eq!(d("年月日"), None);
        assert_eq!(
            d("二〇二五年十二月三十一日").map(|x| x.0),
            NaiveDate::from_ymd_opt(2025, 12, 31)
        );
    }

    #[test]
    fn doc_types_from_titles() {
        assert_eq!(
            doc_type("示范区人民政府关于做好2025年政务公开工作的通知"),
            Some("通知")
        );
        assert_eq!(doc_type("关于同意XX的复函"), Some("函"));
        assert_eq!(doc_type("示范区政府投资项目管理办法（试行）"), Some("办法"));
        assert_eq!(doc_type("示范区XX实施方案（征求意见稿）"), Some("方案"));
        assert_eq!(doc_type("2025年工作总结"), None);
    }

    #[test]
    fn notes_and_banji() {
        assert_eq!(
            note_disclosure("（此件公开发布）"),
            Some(Disclosure::Active)
        );
        assert_eq!(
            note_disclosure("（此件依申请公开）"),
            Some(Disclosure::OnRequest)
        );
        assert_eq!(
            note_disclosure("（此件不予公开）"),
            Some(Disclosure::NotDisclosed)
        );
        assert_eq!(note_disclosure("（联系人：张三）"), None);
        assert!(banji_line("抄送：区委办公室，区人大常委会办公室。"));
        assert!(banji_line("示范区人民政府办公室2025年3月10日印发"));
        assert!(!banji_line("各单位要认真贯彻执行。"));
        assert!(page_number("—1—"));
        assert!(page_number("-12-"));
        assert!(!page_number("12"));
        assert!(!page_number("一、"));
    }

    #[test]
    fn attachment_items() {
        assert_eq!(strip_item_number("1.示范区名单"), Some("示范区名单"));
        assert_eq!(strip_item_number("2．示范区表"), Some("示范区表"));
        assert_eq!(strip_item_number("（3）表"), Some("表"));
        assert_eq!(strip_item_number("示范区名单"), None);
    }

    #[test]
    fn titles_join_without_spaces() {
        assert_eq!(
            join_lines([
                "示范区人民政府关于".to_string(),
                "做好工作的通知".to_string()
            ]),
            "示范区人民政府关于做好工作的通知"
        );
        assert_eq!(
            join_lines(["ABC".to_string(), "DEF".to_string()]),
            "ABC DEF"
        );
    }
}
