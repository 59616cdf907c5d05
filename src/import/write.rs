//! The body of the draft in Markdown, written the way docs/markdown.md wants a
//! 公文's body: `## 一、…` and `### （一）…` for the headings on their own line,
//! `**一、总体要求。**各单位…` for a heading run into its paragraph, `1.` and
//! `（1）` as text; bold and italic kept; tables as pipe tables or, with merged
//! cells, HTML; footnotes as footnotes; images as files beside the document.

use super::docx::{Align, Block, Cell, Docx, NoteKind, Para, Span, Table, VMerge};
use super::gongwen::{compact, date_in};
use std::collections::BTreeMap;

/// Images of the body: each package part gets one file name in `dir`.
#[derive(Debug, Default)]
pub struct Images {
    /// The folder beside the document, relative to it (e.g. `x.files`).
    pub dir: String,
    /// (part in the package, file name), in order of first use.
    pub files: Vec<(String, String)>,
    /// Descriptions, by file name.
    pub alts: BTreeMap<String, String>,
}

impl Images {
    pub fn new(dir: &str) -> Images {
        Images {
            dir: dir.to_string(),
            ..Images::default()
        }
    }

    fn file_for(&mut self, part: &str, alt: &str) -> String {
        if let Some((_, f)) = self.files.iter().find(|(p, _)| p == part) {
            return f.clone();
        }
        let ext = part
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "bin".to_string());
        let name = format!("image{}.{ext}", self.files.len() + 1);
        self.files.push((part.to_string(), name.clone()));
        self.alts.insert(name.clone(), alt.to_string());
        name
    }

    pub fn path(&self, file: &str) -> String {
        format!("{}/{}", self.dir, file)
    }
}

struct Notes<'a> {
    doc: &'a Docx,
    /// (kind, id) → its number in the draft, in order of first reference.
    order: Vec<(NoteKind, String)>,
}

impl Notes<'_> {
    fn number(&mut self, kind: NoteKind, id: &str) -> Option<usize> {
        if !self.doc.notes.contains_key(&(kind, id.to_string())) {
            return None;
        }
        if let Some(i) = self.order.iter().position(|(k, i)| *k == kind && i == id) {
            return Some(i + 1);
        }
        self.order.push((kind, id.to_string()));
        Some(self.order.len())
    }
}

/// The whole body: blocks, then the footnote definitions.
pub fn body(blocks: &[Block], doc: &Docx, images: &mut Images) -> String {
    let mut notes = Notes {
        doc,
        order: Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    let mut list_run = false;
    for b in blocks {
        match b {
            Block::Para(p) => {
                let md = paragraph(p, &mut notes, images);
                if md.is_empty() {
                    continue;
                }
                // bullets of one list stay together
                if p.bullet && list_run {
                    if let Some(last) = out.last_mut() {
                        last.push('\n');
                        last.push_str(&md);
                        continue;
                    }
                }
                list_run = p.bullet;
                out.push(md);
            }
            Block::Table(t) => {
                list_run = false;
                let md = table(t, &mut notes, images);
                if !md.is_empty() {
                    out.push(md);
                }
            }
        }
    }
    let mut defs = Vec::new();
    let mut i = 0;
    while i < notes.order.len() {
        let (kind, id) = notes.order[i].clone();
        let spans = doc.notes.get(&(kind, id)).cloned().unwrap_or_default();
        // a note may refer to another note: numbered as it comes
        let text = inline(&spans, None, &mut notes, images, Ctx::Note);
        defs.push(format!("[^{}]: {}", i + 1, text.replace('\n', " ")));
        i += 1;
    }
    if !defs.is_empty() {
        out.push(defs.join("\n"));
    }
    let mut s = out.join("\n\n");
    s.push('\n');
    s
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Body,
    Cell,
    Note,
}

/// A 公文 heading level found by its numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 一、
    One,
    /// （一）
    Two,
    /// 1.
    Three,
    /// （1）
    Four,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
}

const CN: &str = "一二三四五六七八九十百零〇";

/// The numbering a paragraph starts with, and its length in characters.
pub fn level_of(t: &str) -> Option<(Level, usize)> {
    let chars: Vec<char> = t.chars().collect();
    let cn = |c: &char| CN.contains(*c);
    let n = chars.iter().take_while(|c| cn(c)).count();
    if n > 0 && n <= 4 && chars.get(n) == Some(&'、') {
        return Some((Level::One, n + 1));
    }
    if matches!(chars.first(), Some('（' | '(')) {
        let n = chars[1..].iter().take_while(|c| cn(c)).count();
        if n > 0 && n <= 4 && matches!(chars.get(n + 1), Some('）' | ')')) {
            return Some((Level::Two, n + 2));
        }
        let d = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0 && d <= 3 && matches!(chars.get(d + 1), Some('）' | ')')) {
            return Some((Level::Four, d + 2));
        }
    }
    let d = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 && d <= 3 {
        if let Some(p @ ('.' | '．' | '、')) = chars.get(d) {
            // 1.5亿元 is a number, not numbering
            if !(*p == '.' && chars.get(d + 1).is_some_and(|c| c.is_ascii_digit())) {
                return Some((Level::Three, d + 1));
            }
        }
    }
    if chars.first() == Some(&'第') {
        let n = chars[1..]
            .iter()
            .take_while(|c| cn(c) || c.is_ascii_digit())
            .count();
        match chars.get(n + 1) {
            Some('章') if n > 0 => return Some((Level::Chapter, n + 2)),
            Some('节') if n > 0 => return Some((Level::Section, n + 2)),
            _ => {}
        }
    }
    None
}

/// A line short enough to be a heading, without a sentence in it.
fn heading_text(t: &str) -> bool {
    let n = t.chars().count();
    n <= 40 && !t.contains(['。', '；', ';']) && !t.ends_with(['：', ':', '，', ','])
}

/// Where a heading that runs into its paragraph ends (after its 。 or ：), in characters.
fn lead_in(t: &str, after_number: usize) -> Option<usize> {
    let chars: Vec<char> = t.chars().collect();
    for (i, c) in chars.iter().enumerate().skip(after_number) {
        if i > 40 {
            return None;
        }
        match c {
            '。' | '：' | ':' => {
                return (i + 1 < chars.len() && i > after_number).then_some(i + 1);
            }
            '；' | ';' => return None,
            _ => {}
        }
    }
    None
}

fn paragraph(p: &Para, notes: &mut Notes, images: &mut Images) -> String {
    let plain = p.text();
    let trimmed = plain.trim_matches(|c: char| c.is_whitespace());
    let flat = trimmed.replace('\n', "");
    let level = level_of(&flat);
    let heading = |hashes: &str, notes: &mut Notes, images: &mut Images| {
        let text = inline(&p.spans, p.label.as_deref(), notes, images, Ctx::Body);
        let text = strip_emphasis(&text.replace("\\\n", ""));
        // 第一章　总则: one plain space, as docs/markdown.md writes headings
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("{hashes} {text}")
    };
    if p.bullet {
        let text = inline(&p.spans, None, notes, images, Ctx::Body);
        return if text.is_empty() {
            String::new()
        } else {
            format!("- {}", text.replace("\\\n", "\\\n  "))
        };
    }
    match level {
        Some((Level::One | Level::Chapter, _)) if heading_text(&flat) => {
            return heading("##", notes, images)
        }
        Some((Level::Two | Level::Section, _)) if heading_text(&flat) => {
            return heading("###", notes, images)
        }
        Some((Level::One | Level::Two, n)) => {
            if let Some(end) = lead_in(&flat, n) {
                let text = inline_bold_prefix(p, end, notes, images);
                return text;
            }
        }
        None if !flat.is_empty() => {
            if let Some(o) = p.outline {
                if heading_text(&flat) {
                    let hashes = "#".repeat((o as usize + 2).min(4));
                    return heading(&hashes, notes, images);
                }
            }
            if p.align == Align::Center
                && heading_text(&flat)
                && date_in(&compact(&flat)).is_none()
                && !flat.starts_with(['（', '('])
            {
                return heading("##", notes, images);
            }
        }
        _ => {}
    }
    inline(&p.spans, p.label.as_deref(), notes, images, Ctx::Body)
}

/// The paragraph with its first `chars` characters (label included) in bold.
fn inline_bold_prefix(p: &Para, chars: usize, notes: &mut Notes, images: &mut Images) -> String {
    let mut left = chars;
    let mut spans: Vec<Span> = Vec::new();
    let mut label = p.label.clone();
    // the label counts first
    if let Some(l) = &label {
        let n = l.chars().count();
        if n <= left {
            left -= n;
            spans.push(Span::Text {
                text: l.clone(),
                bold: true,
                italic: false,
                link: None,
            });
            label = None;
        }
    }
    let mut started = false;
    for s in &p.spans {
        match s {
            Span::Text {
                text,
                bold,
                italic,
                link,
            } if left > 0 => {
                // leading spaces do not count (they are trimmed)
                let t: &str = if started {
                    text
                } else {
                    let t = text.trim_start_matches(|c: char| c.is_whitespace());
                    if !t.is_empty() {
                        started = true;
                    }
                    t
                };
                let visible: Vec<char> = t.chars().filter(|c| *c != '\n').collect();
                let n = visible.len();
                if n <= left {
                    left -= n;
                    spans.push(Span::Text {
                        text: t.to_string(),
                        bold: true,
                        italic: *italic,
                        link: link.clone(),
                    });
                } else {
                    let head: String = t.chars().take(left).collect();
                    let tail: String = t.chars().skip(left).collect();
                    left = 0;
                    spans.push(Span::Text {
                        text: head,
                        bold: true,
                        italic: *italic,
                        link: link.clone(),
                    });
                    spans.push(Span::Text {
                        text: tail,
                        bold: *bold,
                        italic: *italic,
                        link: link.clone(),
                    });
                }
            }
            other => spans.push(other.clone()),
        }
    }
    inline(&spans, label.as_deref(), notes, images, Ctx::Body)
}

fn strip_emphasis(s: &str) -> String {
    // a heading is bold already; keep escaped asterisks
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(c);
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else if c != '*' {
            out.push(c);
        }
    }
    out
}

#[derive(Clone, PartialEq)]
enum Piece {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        link: Option<String>,
    },
    Break,
    /// Markup written as is (an image, a footnote reference).
    Raw(String),
}

/// The spans of a paragraph as one Markdown paragraph (lines joined by hard breaks).
fn inline(
    spans: &[Span],
    label: Option<&str>,
    notes: &mut Notes,
    images: &mut Images,
    ctx: Ctx,
) -> String {
    let mut pieces: Vec<Piece> = Vec::new();
    if let Some(l) = label {
        pieces.push(Piece::Text {
            text: l.to_string(),
            bold: false,
            italic: false,
            link: None,
        });
    }
    for s in spans {
        match s {
            Span::Text {
                text,
                bold,
                italic,
                link,
            } => pieces.push(Piece::Text {
                text: text.clone(),
                bold: *bold,
                italic: *italic,
                link: link.clone().filter(|u| allowed_link(u)),
            }),
            Span::Tab => pieces.push(Piece::Text {
                text: " ".into(),
                bold: false,
                italic: false,
                link: None,
            }),
            Span::Break => pieces.push(Piece::Break),
            Span::Image { part, alt } => {
                let file = images.file_for(part, alt);
                let alt = if alt.is_empty() {
                    format!("图{}", images.files.len())
                } else {
                    alt.clone()
                };
                pieces.push(Piece::Raw(format!(
                    "![{}]({})",
                    escape(&alt),
                    images.path(&file)
                )));
            }
            Span::Note(kind, id) => {
                if let Some(n) = notes.number(*kind, id) {
                    pieces.push(Piece::Raw(format!("[^{n}]")));
                }
            }
        }
    }
    // lines, each trimmed, joined by hard breaks
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    for p in pieces {
        match p {
            Piece::Break => lines.push(Vec::new()),
            p => lines.last_mut().expect("a line").push(p),
        }
    }
    let rendered: Vec<String> = lines
        .into_iter()
        .map(|l| render_line(trim_line(l)))
        .filter(|l| !l.is_empty())
        .collect();
    match ctx {
        Ctx::Cell => rendered.join("<br>"),
        Ctx::Body | Ctx::Note => rendered.join("\\\n"),
    }
}

fn trim_line(mut line: Vec<Piece>) -> Vec<Piece> {
    let ws = |c: char| c.is_whitespace();
    while let Some(Piece::Text { text, .. }) = line.first_mut() {
        let t = text.trim_start_matches(ws).to_string();
        if t.is_empty() {
            line.remove(0);
        } else {
            *text = t;
            break;
        }
    }
    while let Some(Piece::Text { text, .. }) = line.last_mut() {
        let t = text.trim_end_matches(ws).to_string();
        if t.is_empty() {
            line.pop();
        } else {
            *text = t;
            break;
        }
    }
    line
}

fn render_line(line: Vec<Piece>) -> String {
    // merge neighbours of the same format
    let mut merged: Vec<Piece> = Vec::new();
    for p in line {
        if let (
            Some(Piece::Text {
                text: a,
                bold: ba,
                italic: ia,
                link: la,
            }),
            Piece::Text {
                text: b,
                bold: bb,
                italic: ib,
                link: lb,
            },
        ) = (merged.last_mut(), &p)
        {
            if ba == bb && ia == ib && la == lb {
                a.push_str(b);
                continue;
            }
        }
        merged.push(p);
    }
    // group runs of one emphasis; links inside
    let mut out = String::new();
    let mut i = 0;
    while i < merged.len() {
        let (bold, italic) = match &merged[i] {
            Piece::Text { bold, italic, .. } => (*bold, *italic),
            Piece::Raw(r) => {
                out.push_str(r);
                i += 1;
                continue;
            }
            Piece::Break => {
                i += 1;
                continue;
            }
        };
        let mut group = String::new();
        while let Some(Piece::Text {
            text,
            bold: b,
            italic: it,
            link,
        }) = merged.get(i)
        {
            if (*b, *it) != (bold, italic) {
                break;
            }
            let t = escape(text);
            match link {
                Some(u) if !text.trim().is_empty() => {
                    group.push_str(&format!("[{t}]({})", link_dest(u)))
                }
                _ => group.push_str(&t),
            }
            i += 1;
        }
        let marker = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if marker.is_empty() || group.trim().is_empty() {
            out.push_str(&group);
        } else {
            // spaces go outside the markers, or the emphasis does not open
            let lead = group.len() - group.trim_start().len();
            let trail = group.len() - group.trim_end().len();
            out.push_str(&group[..lead]);
            out.push_str(marker);
            out.push_str(group.trim());
            out.push_str(marker);
            out.push_str(&group[group.len() - trail..]);
        }
    }
    escape_line_start(&out)
}

fn allowed_link(u: &str) -> bool {
    let l = u.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:")
}

fn link_dest(u: &str) -> String {
    let u = u.trim();
    if u.contains([' ', '(', ')', '<', '>']) {
        format!(
            "<{}>",
            u.replace('<', "%3C")
                .replace('>', "%3E")
                .replace(' ', "%20")
        )
    } else {
        u.to_string()
    }
}

/// Text safe in Markdown: what could start markup is escaped.
pub fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("\\<");
            }
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// A line that would start a block (heading, quote, list, rule) is escaped.
fn escape_line_start(line: &str) -> String {
    let t = line;
    let first = t.chars().next();
    match first {
        Some('#' | '>' | '=') => format!("\\{t}"),
        Some('-' | '+') => {
            let second = t.chars().nth(1);
            if second.is_none_or(|c| c == ' ' || c == '-' || c == '\t') {
                format!("\\{t}")
            } else {
                t.to_string()
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let d = t.chars().take_while(char::is_ascii_digit).count();
            let mut rest = t[d..].chars();
            match (rest.next(), rest.next()) {
                // `1. 加强` is 公文 numbering, written `1.加强` (docs/markdown.md)
                (Some(p @ ('.' | ')')), Some(' ' | '\t'))
                    if !t[d + 1..].trim_start().is_empty() =>
                {
                    format!("{}{p}{}", &t[..d], t[d + 1..].trim_start())
                }
                (Some(p @ ('.' | ')')), None) => format!("{}\\{p}", &t[..d]),
                _ => t.to_string(),
            }
        }
        _ => t.to_string(),
    }
}

fn cell_text(cell: &Cell, notes: &mut Notes, images: &mut Images, ctx: Ctx) -> String {
    let mut parts = Vec::new();
    for b in &cell.blocks {
        match b {
            Block::Para(p) => {
                let t = inline(&p.spans, p.label.as_deref(), notes, images, ctx);
                if !t.is_empty() {
                    parts.push(t);
                }
            }
            Block::Table(t) => {
                for p in t.paragraphs() {
                    let t = inline(&p.spans, p.label.as_deref(), notes, images, ctx);
                    if !t.is_empty() {
                        parts.push(t);
                    }
                }
            }
        }
    }
    parts.join("<br>")
}

fn table(t: &Table, notes: &mut Notes, images: &mut Images) -> String {
    let rows: Vec<&Vec<Cell>> = t.rows.iter().filter(|r| !r.is_empty()).collect();
    if rows.is_empty() {
        return String::new();
    }
    let merged = rows
        .iter()
        .any(|r| r.iter().any(|c| c.span > 1 || c.vmerge != VMerge::None));
    let nested = rows.iter().any(|r| {
        r.iter()
            .any(|c| c.blocks.iter().any(|b| matches!(b, Block::Table(_))))
    });
    if merged || nested {
        html_table(&rows, notes, images)
    } else {
        pipe_table(&rows, notes, images)
    }
}

fn pipe_table(rows: &[&Vec<Cell>], notes: &mut Notes, images: &mut Images) -> String {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0).max(1);
    let mut lines = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut cells: Vec<String> = r
            .iter()
            .map(|c| cell_text(c, notes, images, Ctx::Cell))
            .collect();
        cells.resize(width, String::new());
        lines.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", "---|".repeat(width)));
        }
    }
    lines.join("\n")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_table(rows: &[&Vec<Cell>], notes: &mut Notes, images: &mut Images) -> String {
    // grid columns of each cell, to find what a vertical merge continues
    let grid: Vec<Vec<(usize, &Cell)>> = rows
        .iter()
        .map(|r| {
            let mut col = 0;
            r.iter()
                .map(|c| {
                    let at = col;
                    col += c.span;
                    (at, c)
                })
                .collect()
        })
        .collect();
    let mut out = vec!["<table>".to_string()];
    for (ri, row) in grid.iter().enumerate() {
        let mut line = String::from("<tr>");
        for (col, cell) in row {
            if cell.vmerge == VMerge::Continue {
                continue;
            }
            let mut rowspan = 1;
            if cell.vmerge == VMerge::Restart {
                for below in &grid[ri + 1..] {
                    match below.iter().find(|(c, _)| c == col) {
                        Some((_, b)) if b.vmerge == VMerge::Continue => rowspan += 1,
                        _ => break,
                    }
                }
            }
            let tag = if ri == 0 { "th" } else { "td" };
            let mut attrs = String::new();
            if cell.span > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            if rowspan > 1 {
                attrs.push_str(&format!(" rowspan=\"{rowspan}\""));
            }
            let text = html_cell(cell, notes, images);
            line.push_str(&format!("<{tag}{attrs}>{text}</{tag}>"));
        }
        line.push_str("</tr>");
        out.push(line);
    }
    out.push("</table>".to_string());
    out.join("\n")
}

fn html_cell(cell: &Cell, notes: &mut Notes, images: &mut Images) -> String {
    let mut paras: Vec<&Para> = Vec::new();
    for b in &cell.blocks {
        match b {
            Block::Para(p) => paras.push(p),
            Block::Table(t) => paras.extend(t.paragraphs()),
        }
    }
    let mut parts = Vec::new();
    for p in paras {
        let mut s = String::new();
        if let Some(l) = &p.label {
            s.push_str(&html_escape(l));
        }
        for sp in &p.spans {
            match sp {
                Span::Text { text, bold, .. } => {
                    let t = html_escape(text);
                    if *bold && !text.trim().is_empty() {
                        s.push_str(&format!("<strong>{t}</strong>"));
                    } else {
                        s.push_str(&t);
                    }
                }
                Span::Tab => s.push(' '),
                Span::Break => s.push_str("<br>"),
                Span::Image { part, alt } => {
                    let f = images.file_for(part, alt);
                    s.push_str(&format!(
                        "<img src=\"{}\" alt=\"{}\">",
                        html_escape(&images.path(&f)),
                        html_escape(alt)
                    ));
                }
                Span::Note(kind, id) => {
                    if let Some(n) = notes.number(*kind, id) {
                        s.push_str(&format!("<sup>{n}</sup>"));
                    }
                }
            }
        }
        let s = s.trim().to_string();
        if !s.is_empty() {
            parts.push(s);
        }
    }
    // a blank line would end the HTML block
    parts.join("<br>").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Span {
        Span::Text {
            text: s.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }

    fn bold(s: &str) -> Span {
        Span::Text {
            text: s.into(),
            bold: true,
            italic: false,
            link: None,
        }
    }

    fn para(spans: Vec<Span>) -> Para {
        Para {
            number: 1,
            spans,
            ..Para::default()
        }
    }

    fn md(blocks: Vec<Block>) -> String {
        let doc = Docx::default();
        let mut images = Images::new("x.files");
        body(&blocks, &doc, &mut images)
    }

    #[test]
    fn levels() {
        assert_eq!(level_of("一、总体要求"), Some((Level::One, 2)));
        assert_eq!(level_of("（十二）加强"), Some((Level::Two, 4)));
        assert_eq!(level_of("1.加强"), Some((Level::Three, 2)));
        assert_eq!(level_of("1.5亿元"), None);
        assert_eq!(level_of("（1）做好"), Some((Level::Four, 3)));
        assert_eq!(level_of("第三章 监督"), Some((Level::Chapter, 3)));
        assert_eq!(level_of("第三条 规定"), None);
    }

    #[test]
    fn headings_follow_the_gongwen_levels() {
        let out = md(vec![
            Block::Para(para(vec![text("一、总体要求")])),
            Block::Para(para(vec![text("（一）工作目标")])),
            Block::Para(para(vec![text("（二）基本原则。坚持公开为常态。")])),
            Block::Para(para(vec![
                bold("一、"),
                bold("指导思想。"),
                text("以人民为中心。"),
            ])),
            Block::Para(para(vec![text("1. 加强领导。各单位要……")])),
            Block::Para(para(vec![text("（1）无劳动能力；")])),
        ]);
        assert_eq!(
            out,
            "## 一、总体要求\n\n### （一）工作目标\n\n**（二）基本原则。**坚持公开为常态。\n\n**一、指导思想。**以人民为中心。\n\n1.加强领导。各单位要……\n\n（1）无劳动能力；\n"
        );
    }

    #[test]
    fn markup_in_text_is_escaped() {
        let out = md(vec![Block::Para(para(vec![text(
            "# 不是标题 *星号* [括号] <b>标签</b> a_b 410105********1234",
        )]))]);
        assert_eq!(
            out,
            "\\# 不是标题 \\*星号\\* \\[括号\\] \\<b>标签\\</b> a\\_b 410105\\*\\*\\*\\*\\*\\*\\*\\*1234\n"
        );
    }

    #[test]
    fn emphasis_keeps_spaces_outside() {
        let out = md(vec![Block::Para(para(vec![
            text("要把"),
            bold(" “五公开” "),
            text("要求落实。"),
        ]))]);
        assert_eq!(out, "要把 **“五公开”** 要求落实。\n");
    }

    #[test]
    fn breaks_are_hard_breaks_and_links_are_kept() {
        let out = md(vec![Block::Para(para(vec![
            text("示范区人民政府"),
            Span::Break,
            text("2025年3月10日"),
            Span::Text {
                text: "网站".into(),
                bold: false,
                italic: false,
                link: Some("https://www.gov.cn/".into()),
            },
            Span::Text {
                text: "脚本".into(),
                bold: false,
                italic: false,
                link: Some("javascript:alert(1)".into()),
            },
        ]))]);
        assert_eq!(
            out,
            "示范区人民政府\\\n2025年3月10日[网站](https://www.gov.cn/)脚本\n"
        );
    }

    #[test]
    fn tables_pipe_or_html() {
        let cell = |t: &str, span: usize, vmerge: VMerge| Cell {
            blocks: vec![Block::Para(para(vec![text(t)]))],
            span,
            vmerge,
        };
        let plain = Table {
            rows: vec![
                vec![
                    cell("项目", 1, VMerge::None),
                    cell("金额|万元", 1, VMerge::None),
                ],
                vec![cell("支出", 1, VMerge::None), cell("12.5", 1, VMerge::None)],
            ],
        };
        assert_eq!(
            md(vec![Block::Table(plain)]),
            "| 项目 | 金额\\|万元 |\n|---|---|\n| 支出 | 12.5 |\n"
        );
        let merged = Table {
            rows: vec![
                vec![cell("类别", 1, VMerge::None), cell("金额", 2, VMerge::None)],
                vec![
                    cell("一般", 1, VMerge::Restart),
                    cell("<1>", 1, VMerge::None),
                    cell("2", 1, VMerge::None),
                ],
                vec![
                    cell("", 1, VMerge::Continue),
                    cell("3", 1, VMerge::None),
                    cell("4", 1, VMerge::None),
                ],
            ],
        };
        assert_eq!(
            md(vec![Block::Table(merged)]),
            "<table>\n<tr><th>类别</th><th colspan=\"2\">金额</th></tr>\n<tr><td rowspan=\"2\">一般</td><td>&lt;1&gt;</td><td>2</td></tr>\n<tr><td>3</td><td>4</td></tr>\n</table>\n"
        );
    }
}
