//! A big text's pasted tables, parsed a few rows at a time (issue 22).
//!
//! pulldown-cmark builds the tree of a whole text before its first event: for a
//! pasted table of megabytes, about eight times its size. [`Prepared`] gives the
//! same events with the same source ranges as pulldown-cmark over the whole text,
//! but a big text's big tables are never parsed whole: the text is parsed without
//! the rows of those tables (its ranges moved back to the text's), and each such
//! table's rows are parsed in chunks of a few hundred, under a copy of its header
//! and delimiter lines, while its events are read.
//!
//! A table is chunked only where that cannot change a thing (else the text is
//! parsed whole, as ever): its rows are lines that start with `|`, run to a blank
//! line or the end, and parse row by row in GFM whatever surrounds them; the parse
//! of the text without them must show it as a top-level table at its header line,
//! and nothing else across the place of the rows; its rows hold no `[^` (footnotes),
//! nor `[` when the text has link reference definitions; the empty cells
//! pulldown-cmark adds to short rows stay below its limit per table; and the links
//! the definitions may expand to stay below pulldown-cmark's limit for them, which
//! depends on the length of the text parsed.

use super::{cmark_options, Spanned};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::VecDeque;

/// When a text is worth chunking, and by how much.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Texts up to this long are parsed whole.
    pub big: usize,
    /// A table is chunked from this many rows on, or from `min_bytes` of rows.
    pub min_rows: usize,
    pub min_bytes: usize,
    /// Rows parsed together.
    pub chunk_rows: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        big: super::BIG,
        min_rows: 512,
        min_bytes: 64 * 1024,
        chunk_rows: 256,
    };
}

#[cfg(test)]
thread_local! {
    /// Tests run the public functions of the module with other limits.
    pub(super) static TEST_LIMITS: std::cell::Cell<Option<Limits>> =
        const { std::cell::Cell::new(None) };
    /// The most `|` of a text any parse of this thread was given: how many table
    /// rows it held, roughly.
    pub(super) static MOST_PIPES_PARSED: std::cell::Cell<usize> =
        const { std::cell::Cell::new(0) };
}

/// pulldown-cmark over `text`; tests see how much of a table each parse holds.
fn parser(text: &str) -> Parser<'_> {
    #[cfg(test)]
    MOST_PIPES_PARSED.with(|m| m.set(m.get().max(text.matches('|').count())));
    Parser::new_ext(text, cmark_options())
}

/// A text ready to be read as events; see the module's documentation.
pub(crate) struct Prepared<'s> {
    src: &'s str,
    /// The text without the rows of `tables`, when there are such tables.
    parsed: Cow<'s, str>,
    tables: Vec<Table>,
    chunk_rows: usize,
}

/// A table whose rows are parsed in chunks. Offsets into the text.
#[derive(Debug, Clone)]
struct Table {
    /// The start of its header line.
    header: usize,
    /// The start of its first row, after the delimiter line.
    rows: usize,
    /// The end of its last row (after its line break, if it has one): where the
    /// table ends in a whole parse too.
    end: usize,
    /// Whether a row has a `[`: a link label, if the text defines references.
    bracket: bool,
    /// Where its rows were in the text parsed without them, and how much shorter
    /// that text is from there on.
    cut: usize,
    shift: usize,
}

impl<'s> Prepared<'s> {
    /// The text as given.
    pub(crate) fn src(&self) -> &'s str {
        self.src
    }

    pub(crate) fn of(src: &'s str) -> Prepared<'s> {
        #[cfg(test)]
        if let Some(limits) = TEST_LIMITS.with(std::cell::Cell::get) {
            return Prepared::with(src, limits);
        }
        Prepared::with(src, Limits::DEFAULT)
    }

    pub(super) fn with(src: &'s str, limits: Limits) -> Prepared<'s> {
        let whole = Prepared {
            src,
            parsed: Cow::Borrowed(src),
            tables: Vec::new(),
            chunk_rows: limits.chunk_rows.max(1),
        };
        if src.len() <= limits.big {
            return whole;
        }
        let mut tables = candidates(src, &limits);
        while !tables.is_empty() {
            let copy = without_rows(src, &mut tables);
            let parser = parser(&copy);
            let definitions = parser.reference_definitions();
            if definitions.iter().next().is_some() {
                if tables.iter().any(|t| t.bracket) {
                    tables.retain(|t| !t.bracket);
                    continue;
                }
                // pulldown-cmark expands references to at most the text's length
                // (or 100,000 bytes) of URLs and titles: the shorter text must not
                // reach that limit where the whole one does not.
                let longest = definitions
                    .iter()
                    .map(|(_, d)| d.dest.len() + d.title.as_ref().map_or(0, |t| t.len()))
                    .max()
                    .unwrap_or(0);
                let links = copy.bytes().filter(|&b| b == b']').count();
                if links.saturating_mul(longest) >= copy.len().max(100_000) {
                    return whole;
                }
            }
            let Some(columns) = verify(parser.into_offset_iter(), &tables) else {
                return whole;
            };
            // pulldown-cmark adds at most 2^18 empty cells to the short rows of a
            // table, and ends the table there: never near that limit, or the whole parse.
            let before = tables.len();
            let mut columns = columns.into_iter();
            tables.retain(|t| {
                let cols = columns.next().unwrap_or(0);
                most_cells_added(&src[t.rows..t.end], cols) < 1 << 18
            });
            if tables.len() < before {
                continue;
            }
            return Prepared {
                parsed: Cow::Owned(copy),
                tables,
                ..whole
            };
        }
        whole
    }

    /// Whether some table is parsed in chunks.
    #[cfg(test)]
    pub(super) fn is_chunked(&self) -> bool {
        !self.tables.is_empty()
    }

    /// The events of the text with their ranges in it, as pulldown-cmark gives them
    /// for the whole text.
    pub(crate) fn events(&self) -> Events<'_> {
        Events {
            inner: Moved {
                events: parser(&self.parsed).into_offset_iter(),
                tables: &self.tables,
            },
            src: self.src,
            tables: &self.tables,
            chunk_rows: self.chunk_rows,
            state: State::Outside,
            ready: VecDeque::new(),
        }
    }
}

/// Whether the events of `src`, every table of it with rows parsed `chunk_rows` at a
/// time however small, are those of a whole parse, ranges too (they must be: the
/// fuzz target `markdown` asserts it for any text).
pub fn chunked_is_whole(src: &str, chunk_rows: usize) -> bool {
    let limits = Limits {
        big: 0,
        min_rows: 1,
        min_bytes: 0,
        chunk_rows,
    };
    let text = Prepared::with(src, limits);
    text.events()
        .map(|(e, r)| (e.into_static(), r))
        .eq(Parser::new_ext(src, cmark_options())
            .into_offset_iter()
            .map(|(e, r)| (e.into_static(), r)))
}

/// The tables worth chunking, found line by line (the parse decides later whether
/// they are tables at all).
fn candidates(src: &str, limits: &Limits) -> Vec<Table> {
    let mut out = Vec::new();
    let lines = || {
        let mut at = 0;
        std::iter::from_fn(move || {
            (at < src.len()).then(|| {
                let start = at;
                at = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
                (start, &src[start..at])
            })
        })
    };
    let mut lines = lines().peekable();
    let mut after_blank = true;
    while let Some((start, line)) = lines.next() {
        let header = after_blank && line.starts_with('|') && line_breaks_ok(line);
        after_blank = is_blank(line);
        if !header {
            continue;
        }
        let Some(&(_, delimiter)) = lines.peek() else {
            break;
        };
        if !is_delimiter_row(delimiter) {
            continue;
        }
        lines.next();
        let rows = start + line.len() + delimiter.len();
        let (mut end, mut count, mut ok, mut bracket) = (rows, 0usize, true, false);
        let mut ends_well = true;
        while let Some(&(row_start, row)) = lines.peek() {
            if !row.starts_with('|') {
                // A row only ends where the table ends for sure.
                ends_well = is_blank(row);
                break;
            }
            lines.next();
            ok &= line_breaks_ok(row)
                && row.as_bytes()[1..]
                    .iter()
                    .any(|b| !matches!(b, b' ' | b'\t' | 0x0b | 0x0c | b'\r' | b'\n'))
                && !row.contains("[^");
            bracket |= row.contains('[');
            count += 1;
            end = row_start + row.len();
        }
        after_blank = false;
        if ok
            && ends_well
            && count > 0
            && (count >= limits.min_rows || end - rows >= limits.min_bytes)
        {
            out.push(Table {
                header: start,
                rows,
                end,
                bracket,
                cut: 0,
                shift: 0,
            });
        }
    }
    out
}

/// A blank line as CommonMark has it (spaces and tabs).
fn is_blank(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        && line_breaks_ok(line)
}

/// One line, as pulldown-cmark sees it too: no `\r` but right before the `\n`.
fn line_breaks_ok(line: &str) -> bool {
    let body = line.strip_suffix('\n').unwrap_or(line);
    let body = body.strip_suffix('\r').unwrap_or(body);
    !body.contains('\r') && !body.contains('\n')
}

/// `|---|:--:|`: pipes, dashes, colons and spaces, with a dash.
fn is_delimiter_row(line: &str) -> bool {
    line_breaks_ok(line)
        && line.contains('-')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t' | b'\r' | b'\n'))
}

/// The text without the rows of `tables`; notes in each where they were.
fn without_rows(src: &str, tables: &mut [Table]) -> String {
    let removed: usize = tables.iter().map(|t| t.end - t.rows).sum();
    let mut out = String::with_capacity(src.len() - removed);
    let mut from = 0;
    for t in tables {
        out.push_str(&src[from..t.rows]);
        t.cut = out.len();
        t.shift = t.end - out.len();
        from = t.end;
    }
    out.push_str(&src[from..]);
    out
}

/// The events of the text parsed without the rows of `tables`, their ranges in
/// the whole text.
struct Moved<'p> {
    events: pulldown_cmark::OffsetIter<'p>,
    tables: &'p [Table],
}

impl Moved<'_> {
    fn moved(&self, o: usize) -> usize {
        match self.tables.partition_point(|t| t.cut < o) {
            0 => o,
            i => o + self.tables[i - 1].shift,
        }
    }
}

impl<'p> Iterator for Moved<'p> {
    type Item = Spanned<'p>;

    fn next(&mut self) -> Option<Spanned<'p>> {
        let (event, range) = self.events.next()?;
        let range = if self.tables.is_empty() {
            range
        } else {
            self.moved(range.start)..self.moved(range.end)
        };
        Some((event, range))
    }
}

/// Whether the parse of the text without the rows of `tables` shows each of them as
/// a top-level table at its header line, and nothing else across the place of the
/// rows: the number of columns of each if so. Ranges are those of the whole text.
fn verify(events: pulldown_cmark::OffsetIter<'_>, tables: &[Table]) -> Option<Vec<usize>> {
    let events = Moved { events, tables };
    let mut columns = Vec::with_capacity(tables.len());
    let mut depth = 0usize;
    // The table being read, if it is one of `tables`.
    let mut inside: Option<&Table> = None;
    for (event, range) in events {
        if let Some(t) = inside {
            if range.start < t.header || range.end > t.rows {
                return None;
            }
        } else if let (0, Event::Start(Tag::Table(alignments))) = (depth, &event) {
            if let Some(t) = tables
                .get(columns.len())
                .filter(|t| t.header == range.start)
            {
                if range.end > t.rows {
                    return None;
                }
                columns.push(alignments.len());
                inside = Some(t);
            }
        }
        if inside.is_none() {
            // An empty range is at its start.
            let end = range.end.max(range.start + 1);
            let first = tables.partition_point(|t| t.end <= range.start);
            if tables.get(first).is_some_and(|t| t.rows < end) {
                return None;
            }
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth -= 1;
                if end == TagEnd::Table {
                    inside = None;
                }
            }
            _ => {}
        }
    }
    (columns.len() == tables.len()).then_some(columns)
}

/// The most empty cells pulldown-cmark may add to `rows` of a table of `columns`
/// columns: a row has at least one cell per unescaped `|` but the first (a `|` a
/// backslash precedes may be escaped), and at least one.
fn most_cells_added(rows: &str, columns: usize) -> usize {
    rows.split_inclusive('\n')
        .map(|row| {
            let b = row.as_bytes();
            let pipes = (0..b.len())
                .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
                .count();
            columns.saturating_sub(pipes.saturating_sub(1).max(1))
        })
        .sum()
}

/// Some rows of a table under its header and delimiter lines.
struct Chunk {
    text: String,
    /// The header's offset in the whole text, the length of the lines copied from
    /// there, and the first row's offset.
    header: usize,
    head_len: usize,
    rows: usize,
}

impl Chunk {
    fn of(src: &str, t: &Table, from: usize, to: usize) -> Chunk {
        let head = &src[t.header..t.rows];
        let mut text = String::with_capacity(head.len() + to - from);
        text.push_str(head);
        text.push_str(&src[from..to]);
        Chunk {
            text,
            header: t.header,
            head_len: head.len(),
            rows: from,
        }
    }

    /// An offset in the chunk as an offset in the whole text.
    fn map(&self, o: usize) -> usize {
        if o < self.head_len {
            self.header + o
        } else {
            self.rows + (o - self.head_len)
        }
    }

    /// The events of the rows, owned, ranges in the whole text.
    fn rows(self) -> VecDeque<Spanned<'static>> {
        let mut out = VecDeque::new();
        let mut in_body = false;
        for (event, range) in parser(&self.text).into_offset_iter() {
            match event {
                Event::End(TagEnd::TableHead) => in_body = true,
                Event::End(TagEnd::Table) => break,
                _ if in_body => out.push_back((
                    event.into_static(),
                    self.map(range.start)..self.map(range.end),
                )),
                _ => {}
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy)]
enum State {
    Outside,
    /// In the head of `tables[i]`.
    Head(usize),
    /// In the rows of `tables[i]`, the next chunk starting at the offset.
    Rows(usize, usize),
}

/// The events of a [`Prepared`] text.
pub(crate) struct Events<'p> {
    inner: Moved<'p>,
    src: &'p str,
    tables: &'p [Table],
    chunk_rows: usize,
    state: State,
    /// Events of the chunk of rows being read.
    ready: VecDeque<Spanned<'static>>,
}

impl<'p> Iterator for Events<'p> {
    type Item = Spanned<'p>;

    fn next(&mut self) -> Option<Spanned<'p>> {
        loop {
            if let Some(e) = self.ready.pop_front() {
                return Some(e);
            }
            match self.state {
                State::Rows(i, from) => {
                    let t = &self.tables[i];
                    if from >= t.end {
                        self.state = State::Outside;
                        return Some((Event::End(TagEnd::Table), t.header..t.end));
                    }
                    let mut to = from;
                    for _ in 0..self.chunk_rows {
                        if to >= t.end {
                            break;
                        }
                        to = self.src[to..t.end].find('\n').map_or(t.end, |n| to + n + 1);
                    }
                    self.ready = Chunk::of(self.src, t, from, to).rows();
                    self.state = State::Rows(i, to);
                }
                State::Head(i) => {
                    let (event, range) = self.inner.next()?;
                    if event == Event::End(TagEnd::Table) {
                        self.state = State::Rows(i, self.tables[i].rows);
                        continue;
                    }
                    return Some((event, range));
                }
                State::Outside => {
                    let (event, range) = self.inner.next()?;
                    if let Event::Start(Tag::Table(_)) = event {
                        // Tables are never nested: the next one chunked is the
                        // first whose header is not behind.
                        let i = self.tables.partition_point(|t| t.header < range.start);
                        if let Some(t) = self.tables.get(i).filter(|t| t.header == range.start) {
                            self.state = State::Head(i);
                            return Some((event, t.header..t.end));
                        }
                    }
                    return Some((event, range));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{plain_text, render, summarize, without_tables, Options, Target, BIG};
    use super::*;

    /// Every table chunked, three rows at a time, however small the text.
    const SMALL: Limits = Limits {
        big: 0,
        min_rows: 1,
        min_bytes: 0,
        chunk_rows: 3,
    };
    /// Nothing chunked.
    const NEVER: Limits = Limits {
        big: usize::MAX,
        ..SMALL
    };

    fn owned<'a>(events: impl Iterator<Item = Spanned<'a>>) -> Vec<Spanned<'static>> {
        events.map(|(e, r)| (e.into_static(), r)).collect()
    }

    fn whole(src: &str) -> Vec<Spanned<'static>> {
        owned(Parser::new_ext(src, cmark_options()).into_offset_iter())
    }

    fn with_limits<T>(limits: Limits, f: impl FnOnce() -> T) -> T {
        TEST_LIMITS.with(|l| l.set(Some(limits)));
        let out = f();
        TEST_LIMITS.with(|l| l.set(None));
        out
    }

    /// What the module makes of a text: pages, search text, summaries.
    fn outputs(src: &str) -> [String; 4] {
        [
            render(src, &Options::default(), &|_| Target::AsWritten),
            plain_text(src),
            summarize(src, 40),
            without_tables(src),
        ]
    }

    /// Asserts the chunked events and outputs are the whole parse's; whether
    /// some table was chunked.
    fn same(src: &str, limits: Limits) -> bool {
        let text = Prepared::with(src, limits);
        assert_eq!(owned(text.events()), whole(src), "{src:?}");
        if text.is_chunked() {
            assert_eq!(
                with_limits(limits, || outputs(src)),
                with_limits(NEVER, || outputs(src)),
                "{src:?}"
            );
        }
        text.is_chunked()
    }

    fn table(rows: usize) -> String {
        let mut t = String::from("| 甲 | 乙 | 丙 |\n|---|:---:|--:|\n");
        for i in 0..rows {
            t.push_str(&format!("| {i} | **粗{i}** | `a|b` |\n"));
        }
        t
    }

    #[test]
    fn chunked_tables_give_the_events_of_a_whole_parse() {
        let t = table(10);
        let chunked = [
            t.clone(),
            format!("# 标题\n\n段落。\n\n{t}\n后文。\n"),
            format!("段落。\n\n{t}"),
            format!("段落。\n\n{}", t.trim_end()),
            format!("{t}\n中间\n\n{t}\n\n\n{t}"),
            format!("{t}\n- 列表\n\n> 引用\n\n```\ncode\n```\n"),
            t.replace('\n', "\r\n"),
            format!("前\r\n\r\n{}\r\n后", t.replace('\n', "\r\n")),
            // Fewer and more cells than the header; escaped pipes; code with pipes.
            "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n| x \\| y | `p|q` | \\\\|\n| 2 | | |\n|3\n"
                .to_string(),
            // Links, images, emphasis, HTML and entities in cells.
            "| 链接 | 图 |\n|:-|-:|\n| [文](a.md) | ![图](b.png) |\n| <b>粗</b> *斜* | &amp; &ast; <https://a.cn> |\n| ~~删~~ | **未闭合 |\n"
                .to_string(),
            // A table with no `[` in its rows while the text defines a reference.
            format!("[x]: https://a.cn\n\n见[x]。\n\n{t}"),
            // Footnotes used outside the table.
            format!("注[^1]\n\n{t}\n[^1]: 脚注\n"),
            // A table at the end, after one not chunked (a paragraph's).
            format!("段\n| a |\n|---|\n| b |\n\n{t}"),
            // After a list, which it ends.
            format!("1. 项\n\n{t}"),
            // Blank lines of spaces and tabs end a table too.
            format!("{t} \t\n段落\n"),
        ];
        for src in chunked {
            assert!(same(&src, SMALL), "not chunked: {src:?}");
            for chunk_rows in [1, 2, 1000] {
                assert!(same(
                    &src,
                    Limits {
                        chunk_rows,
                        ..SMALL
                    }
                ));
            }
        }
    }

    #[test]
    fn what_may_parse_otherwise_is_parsed_whole() {
        let t = table(5);
        let indented = t.replace('\n', "\n  ");
        let not_chunked = [
            // Links that may be references, footnotes.
            format!("[x]: https://a.cn\n\n{t}| [x] | b | c |\n"),
            format!("{t}| [^1] | b | c |\n\n[^1]: 脚注\n"),
            // A fence, HTML blocks, a list item, a block quote.
            format!("```\n\n{t}```\n"),
            format!("~~~md\n\n{t}\n~~~\n"),
            format!("<pre>\n\n{t}</pre>\n"),
            format!("<!--\n\n{t}-->\n"),
            format!("<script>\n\n{t}</script>\n"),
            format!("- 项\n\n  {indented}"),
            format!("> 引\n>\n{t}"),
            // After a paragraph without a blank line; rows ended by text.
            format!("段落\n{t}"),
            format!("{t}段落\n"),
            format!("{t}- 项\n"),
            // A row that ends the table, or is no row; a lone carriage return.
            format!("{t}|\n| a |\n"),
            format!("{t}| \t\n| a |\n"),
            format!("{t}| a \r| b |\n"),
            // No table at all: a wrong delimiter row, or one of other cells.
            "| a |\n|x|\n| b |\n".to_string(),
            "| a | b |\n|---|\n| b |\n".to_string(),
            // A heading's underline, a thematic break.
            "| a |\n---\n| b |\n".to_string(),
        ];
        for src in not_chunked {
            // Found by the line scan, or by the parse of the text without the rows
            // (a fence, an HTML block, a heading's underline): parsed whole.
            assert!(!same(&src, SMALL), "chunked: {src:?}");
        }
    }

    #[test]
    fn random_texts_give_the_events_of_a_whole_parse() {
        // A small, seeded generator of texts of Markdown-significant pieces.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const CELL: &[&str] = &[
            "a", "中", " ", "|", "\\|", "\\\\", "`", "*", "**", "_", "~~", "[", "]", "(b.md)",
            "<b>", "</b>", "<!--", "-->", "&amp;", "!", "[^1]", "<a@b.cn>", "\t", "#", ":",
        ];
        const BLOCK: &[&str] = &[
            "段落\n",
            "\n",
            "\n",
            "```\n",
            "~~~\n",
            "<pre>\n",
            "</pre>\n",
            "<!--\n",
            "-->\n",
            "- 项\n",
            "1. 项\n",
            "> 引\n",
            "    code\n",
            "[r]: /u\n",
            "[^1]: 注\n",
            "---\n",
            "| a |\n",
            "## 题\n",
            "  ",
            "\r\n",
        ];
        let mut chunked = 0;
        for _ in 0..3000 {
            let mut src = String::new();
            for _ in 0..next(6) {
                if next(2) == 0 {
                    src.push_str(BLOCK[next(BLOCK.len())]);
                    continue;
                }
                let cols = 1 + next(3);
                src.push_str(&"| h ".repeat(cols));
                src.push_str("|\n");
                src.push_str(&"|:--".repeat(cols));
                src.push_str(["|\n", "\n", "|\r\n"][next(3)]);
                for _ in 0..next(8) {
                    src.push('|');
                    for _ in 0..next(8) {
                        src.push_str(CELL[next(CELL.len())]);
                    }
                    src.push_str(["\n", "|\n", "\r\n"][next(3)]);
                }
                if next(4) > 0 {
                    src.push('\n');
                }
            }
            let limits = Limits {
                chunk_rows: 1 + next(4),
                ..SMALL
            };
            // Events, and pages, search text and summaries when chunked.
            chunked += usize::from(same(&src, limits));
        }
        assert!(chunked > 500, "{chunked} chunked");
    }

    #[test]
    fn the_fuzz_targets_check_holds() {
        let t = table(10);
        for src in [
            t.clone(),
            format!("段\n\n{t}\n后"),
            format!("```\n\n{t}```\n"),
        ] {
            for rows in 1..=4 {
                assert!(chunked_is_whole(&src, rows), "{src:?}");
            }
        }
    }

    #[test]
    fn a_big_table_is_never_parsed_whole() {
        let src = format!("# 表\n\n{}\n结尾。\n", table(60_000));
        assert!(src.len() > BIG);
        let pipes = src.matches('|').count();
        MOST_PIPES_PARSED.with(|m| m.set(0));
        let text = Prepared::of(&src);
        assert!(text.is_chunked());
        // The text parsed for its other blocks has no rows at all.
        assert!(text.parsed.len() < 200, "{}", text.parsed.len());
        let events = owned(text.events());
        let most = MOST_PIPES_PARSED.with(std::cell::Cell::get);
        assert!(events.len() > 60_000 * 12, "{}", events.len());
        assert_eq!(events, whole(&src));
        assert!(
            most <= 5 * (Limits::DEFAULT.chunk_rows + 2),
            "{most} of {pipes} pipes parsed at once"
        );
        // The functions of the module chunk it too, and give what they always gave.
        MOST_PIPES_PARSED.with(|m| m.set(0));
        let html = render(&src, &Options::default(), &|_| Target::AsWritten);
        assert!(MOST_PIPES_PARSED.with(std::cell::Cell::get) < pipes / 100);
        assert_eq!(
            html,
            with_limits(NEVER, || render(&src, &Options::default(), &|_| {
                Target::AsWritten
            }))
        );
    }

    #[test]
    fn small_texts_and_small_tables_are_parsed_whole() {
        let t = table(20);
        assert!(!Prepared::of(&t).is_chunked());
        let src = format!("{}\n\n{t}", "长".repeat(BIG));
        assert!(!Prepared::of(&src).is_chunked());
        assert!(Prepared::with(
            &src,
            Limits {
                min_rows: 20,
                ..Limits::DEFAULT
            }
        )
        .is_chunked());
        assert!(!Prepared::with(
            &src,
            Limits {
                min_rows: 21,
                ..Limits::DEFAULT
            }
        )
        .is_chunked());
    }

    #[test]
    fn references_expand_as_far_as_in_a_whole_parse() {
        // pulldown-cmark expands references to at most the parsed text's length
        // (or 100,000 bytes) of URLs: 150 links of 1,000 bytes each all expand in
        // the whole text of 300 kB, but not in the text without its rows.
        let url = format!("/{}", "u".repeat(1000));
        let src = format!("[r]: {url}\n\n{}\n\n{}", "[r] ".repeat(150), table(10_000));
        assert!(src.len() > 300_000);
        let whole_html = with_limits(NEVER, || outputs(&src));
        assert_eq!(whole_html[0].matches(url.as_str()).count(), 150);
        assert!(!same(&src, SMALL));
        // Fewer links, or shorter ones: chunked, the same.
        assert!(same(&src.replacen("[r] ", "", 60), SMALL));
    }

    #[test]
    fn short_rows_stay_below_the_limit_of_added_cells() {
        // 2^18 empty cells added, and pulldown-cmark ends the table: never chunked
        // near it.
        let mut src = String::from("|a|b|c|d|e|f|g|h|i|\n|-|-|-|-|-|-|-|-|-|\n");
        for _ in 0..40_000 {
            src.push_str("|x\n");
        }
        src.push_str("\n后\n");
        assert!(!Prepared::with(&src, SMALL).is_chunked());
        assert_eq!(owned(Prepared::with(&src, SMALL).events()), whole(&src));
        let short = src.replacen("|x\n", "", 30_000);
        assert!(same(
            &short,
            Limits {
                chunk_rows: 500,
                ..SMALL
            }
        ));
    }
}
