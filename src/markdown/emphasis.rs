//! CJK-friendly emphasis.
//!
//! CommonMark decides whether `*` / `_` can open or close emphasis from the characters
//! beside the delimiter run and treats full-width punctuation like Latin punctuation, so
//! `**一、总体要求。**各单位` stays literal. The community amendment "CommonMark
//! CJK-friendly Amendments" (tats-u/markdown-cjk-friendly, commonmark-spec issue 650)
//! changes only the left-/right-flanking definitions (and the `_` opener rule) so that
//! CJK characters and CJK punctuation count the way they should; Latin text is unaffected.
//!
//! pulldown-cmark has no such option, so this pass re-pairs its output: for each inline
//! sequence (a paragraph, heading, table cell, tight list item, or link text) it finds
//! the delimiter runs (those pulldown-cmark paired and those it left as text, located by
//! source offset so that `\*` and `&ast;` stay literal), and only when the amended rules
//! give some run different capabilities does it pair the runs again with the same
//! algorithm pulldown-cmark uses, using the amended rules (for `~~` strikethrough too, as
//! the amendment's own strikethrough extension does). Every other sequence is passed through untouched, so a result can only change
//! where a delimiter touches a CJK character. Code spans, links, autolinks and raw HTML
//! are parsed by pulldown-cmark first and stay as they are, as in CommonMark.

use super::{cjk, Spanned};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Rules {
    /// CommonMark as pulldown-cmark implements it (for testing the pairing).
    #[cfg_attr(not(test), allow(dead_code))]
    CommonMark,
    CjkFriendly,
}

/// Emphasis with the CJK-friendly rules, over a stream of events: only one inline
/// sequence is held at a time, never the whole body (a pasted table of megabytes
/// stays a stream). `then` is applied to every inline sequence once re-paired.
pub(super) fn cjk_friendly<'a>(
    src: &'a str,
    events: impl Iterator<Item = Spanned<'a>>,
    then: fn(Vec<Spanned<'a>>) -> Vec<Spanned<'a>>,
) -> impl Iterator<Item = Spanned<'a>> {
    Repair {
        pass: Pass {
            src,
            rules: Rules::CjkFriendly,
            force: false,
        },
        events: events.peekable(),
        in_code_block: false,
        in_cell: false,
        pending: Vec::new().into_iter(),
        then,
    }
}

/// `force` re-pairs every sequence even when no run changes (tests use it to check that
/// the pairing reproduces pulldown-cmark's exactly).
#[cfg(test)]
pub(super) fn repair<'a>(
    src: &'a str,
    events: Vec<Spanned<'a>>,
    rules: Rules,
    force: bool,
) -> Vec<Spanned<'a>> {
    Repair {
        pass: Pass { src, rules, force },
        events: events.into_iter().peekable(),
        in_code_block: false,
        in_cell: false,
        pending: Vec::new().into_iter(),
        then: |sequence| sequence,
    }
    .collect()
}

/// The pass as an iterator: events outside inline sequences go through as they
/// are; each inline sequence is gathered, re-paired and handed on.
struct Repair<'a, I: Iterator<Item = Spanned<'a>>> {
    pass: Pass<'a>,
    events: std::iter::Peekable<I>,
    in_code_block: bool,
    in_cell: bool,
    /// The rest of the sequence last re-paired.
    pending: std::vec::IntoIter<Spanned<'a>>,
    then: fn(Vec<Spanned<'a>>) -> Vec<Spanned<'a>>,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Repair<'a, I> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        loop {
            if let Some(event) = self.pending.next() {
                return Some(event);
            }
            let event = self.events.next()?;
            if !self.in_code_block && is_inline(&event.0) {
                let mut sequence = vec![event];
                while let Some(next) = self.events.next_if(|e| is_inline(&e.0)) {
                    sequence.push(next);
                }
                let kind = if self.in_cell {
                    Sequence::Cell
                } else {
                    Sequence::Block
                };
                self.pending = (self.then)(self.pass.sequence(sequence, kind)).into_iter();
                continue;
            }
            match &event.0 {
                Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
                Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
                Event::Start(Tag::TableCell) => self.in_cell = true,
                Event::End(TagEnd::TableCell) => self.in_cell = false,
                _ => {}
            }
            return Some(event);
        }
    }
}

/// Events that live inside a paragraph-like block.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Html(_) | Event::DisplayMath(_) | Event::Rule => false,
    }
}

/// Where an inline sequence sits decides what its edges count as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sequence {
    /// Starts a line: the edge counts as whitespace.
    Block,
    /// A table cell: its `|` edges count as whitespace too.
    Cell,
    /// Link text: the edges are the real `[` and `]`.
    Link,
}

struct Pass<'a> {
    src: &'a str,
    rules: Rules,
    force: bool,
}

/// One element of an inline sequence: a single delimiter character (by source offset),
/// or something kept whole.
enum Piece<'a> {
    Delim(usize),
    Event(Spanned<'a>),
    /// A link or image (its text already re-paired on its own), or an autolink.
    Group(Vec<Spanned<'a>>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Emphasis,
    Strong,
    Strikethrough,
}

impl Kind {
    fn start(self) -> Tag<'static> {
        match self {
            Kind::Emphasis => Tag::Emphasis,
            Kind::Strong => Tag::Strong,
            Kind::Strikethrough => Tag::Strikethrough,
        }
    }

    fn end(self) -> TagEnd {
        match self {
            Kind::Emphasis => TagEnd::Emphasis,
            Kind::Strong => TagEnd::Strong,
            Kind::Strikethrough => TagEnd::Strikethrough,
        }
    }
}

/// What a delimiter character became. An opener and its closer carry the source range
/// (start, end) of the whole element.
#[derive(Clone, Copy, Default)]
enum Role {
    #[default]
    Literal,
    Open(Kind, usize, usize),
    Close(Kind, usize, usize),
    /// The second character of a `**` or `~~` that opened or closed.
    Absorbed,
}

/// A maximal run of one delimiter character: pieces `first..first + len`.
struct Run {
    first: usize,
    len: usize,
    ch: u8,
    around: Around,
}

impl Run {
    /// Whether the run can open and whether it can close emphasis.
    fn caps(&self, rules: Rules) -> (bool, bool) {
        match rules {
            Rules::CommonMark => commonmark_caps(self.ch, self.len, self.around),
            Rules::CjkFriendly => cjk_friendly_caps(self.ch, self.len, self.around),
        }
    }
}

/// The characters beside a run; `None` is whitespace or a line edge.
#[derive(Clone, Copy)]
struct Around {
    before: Option<char>,
    /// When `before` is a variation selector: the character it modifies.
    before_base: Option<char>,
    after: Option<char>,
}

impl<'a> Pass<'a> {
    fn sequence(&self, events: Vec<Spanned<'a>>, kind: Sequence) -> Vec<Spanned<'a>> {
        let events = self.link_texts(events);
        if !events.iter().any(|(e, r)| self.may_hold_delimiters(e, r)) {
            return events;
        }
        let pieces = self.pieces(&events);
        let runs = self.runs(&pieces, kind);
        let caps: Vec<(bool, bool)> = runs.iter().map(|run| run.caps(self.rules)).collect();
        let changed = runs
            .iter()
            .zip(&caps)
            .any(|(run, &caps)| caps != run.caps(Rules::CommonMark));
        if !changed && !self.force {
            return events;
        }
        let roles = pair(&pieces, &runs, &caps);
        self.emit(pieces, &roles)
    }

    fn may_hold_delimiters(&self, event: &Event, range: &Range<usize>) -> bool {
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => true,
            Event::Text(t) => t.bytes().any(is_delimiter) && self.is_source(t, range),
            _ => false,
        }
    }

    /// Text whose characters are the source's own, one for one (not an entity, not an escape).
    fn is_source(&self, text: &str, range: &Range<usize>) -> bool {
        self.src.get(range.clone()) == Some(text)
    }

    /// Re-pairs the text of each link and image on its own, as CommonMark does.
    fn link_texts(&self, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
        if !events.iter().any(|(e, _)| opens_link_text(e)) {
            return events;
        }
        let mut out = Vec::with_capacity(events.len());
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            if !opens_link_text(&event.0) {
                out.push(event);
                continue;
            }
            let (inner, end) = take_group(&mut events);
            out.push(event);
            out.extend(self.sequence(inner, Sequence::Link));
            out.extend(end);
        }
        out
    }

    fn pieces(&self, events: &[Spanned<'a>]) -> Vec<Piece<'a>> {
        let mut pieces = Vec::with_capacity(events.len() * 2);
        let mut iter = events.iter().cloned();
        while let Some((event, range)) = iter.next() {
            let delims = match &event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    let (inner, end) = take_group(&mut iter);
                    let mut group = vec![(event, range)];
                    group.extend(inner);
                    group.extend(end);
                    pieces.push(Piece::Group(group));
                    continue;
                }
                Event::Start(Tag::Emphasis) => range.start..range.start + 1,
                Event::Start(Tag::Strong) => range.start..range.start + 2,
                Event::Start(Tag::Strikethrough) => {
                    range.start..range.start + self.tildes(range.start)
                }
                Event::End(TagEnd::Emphasis) => self.closer(&range, 1),
                Event::End(TagEnd::Strong) => self.closer(&range, 2),
                Event::End(TagEnd::Strikethrough) => self.closer(&range, self.tildes(range.start)),
                Event::Text(t) if t.bytes().any(is_delimiter) && self.is_source(t, &range) => {
                    self.split_text(range, &mut pieces);
                    continue;
                }
                _ => {
                    pieces.push(Piece::Event((event, range)));
                    continue;
                }
            };
            pieces.extend(delims.map(Piece::Delim));
        }
        pieces
    }

    /// The closing delimiter of an element spanning `range`. pulldown-cmark lets the last
    /// element of a heading span the whitespace after it.
    fn closer(&self, range: &Range<usize>, width: usize) -> Range<usize> {
        let end = range.start + self.src[range.clone()].trim_end().len();
        end - width..end
    }

    /// `~` or `~~`: the width of a strikethrough delimiter starting at `at`.
    fn tildes(&self, at: usize) -> usize {
        if self.src.as_bytes().get(at + 1) == Some(&b'~') {
            2
        } else {
            1
        }
    }

    fn split_text(&self, range: Range<usize>, pieces: &mut Vec<Piece<'a>>) {
        let bytes = self.src.as_bytes();
        let mut from = range.start;
        for at in range.clone() {
            if is_delimiter(bytes[at]) && !is_escaped(bytes, at) {
                if from < at {
                    pieces.push(Piece::Event((
                        Event::Text(CowStr::Borrowed(&self.src[from..at])),
                        from..at,
                    )));
                }
                pieces.push(Piece::Delim(at));
                from = at + 1;
            }
        }
        if from < range.end {
            pieces.push(Piece::Event((
                Event::Text(CowStr::Borrowed(&self.src[from..range.end])),
                from..range.end,
            )));
        }
    }

    fn runs(&self, pieces: &[Piece], kind: Sequence) -> Vec<Run> {
        // (first piece, length, character) of each run
        let mut spans: Vec<(usize, usize, u8)> = Vec::new();
        let mut last: Option<usize> = None;
        for (i, piece) in pieces.iter().enumerate() {
            let Piece::Delim(at) = *piece else {
                last = None;
                continue;
            };
            let ch = self.src.as_bytes()[at];
            match (last, spans.last_mut()) {
                (Some(prev), Some((_, len, c))) if prev + 1 == at && *c == ch => *len += 1,
                _ => spans.push((i, 1, ch)),
            }
            last = Some(at);
        }
        spans
            .into_iter()
            .map(|(first, len, ch)| Run {
                first,
                len,
                ch,
                around: self.around(pieces, first, len, kind),
            })
            .collect()
    }

    /// The characters beside a run, as pulldown-cmark sees them: the source's own, except
    /// that the start of a line and a table cell's `|` count as whitespace.
    fn around(&self, pieces: &[Piece], first: usize, len: usize, kind: Sequence) -> Around {
        let Piece::Delim(start) = pieces[first] else {
            unreachable!("a run starts with a delimiter")
        };
        let end = start + len;
        let line_start = match first.checked_sub(1).map(|i| &pieces[i]) {
            None => kind != Sequence::Link,
            Some(Piece::Event((Event::SoftBreak | Event::HardBreak, _))) => true,
            Some(_) => false,
        };
        let mut before_chars = self.src[..start].chars().rev();
        let (before, before_base) = if line_start {
            (None, None)
        } else {
            let before = before_chars.next();
            let base = before
                .filter(|&c| cjk::is_text_variation_selector(c))
                .and_then(|_| before_chars.next());
            let cell_edge = kind == Sequence::Cell
                && before == Some('|')
                && !self.src[..start - 1].ends_with('\\');
            if cell_edge {
                (None, None)
            } else {
                (before, base)
            }
        };
        let after = self.src[end..]
            .chars()
            .next()
            .filter(|&c| !(kind == Sequence::Cell && c == '|'));
        let not_space = |c: &char| !c.is_whitespace();
        Around {
            before: before.filter(not_space),
            before_base: before_base.filter(not_space),
            after: after.filter(not_space),
        }
    }

    fn emit(&self, pieces: Vec<Piece<'a>>, roles: &[Role]) -> Vec<Spanned<'a>> {
        let mut out = Vec::with_capacity(pieces.len());
        for (piece, role) in pieces.into_iter().zip(roles) {
            match piece {
                Piece::Event(event) => out.push(event),
                Piece::Group(events) => out.extend(events),
                Piece::Delim(at) => match *role {
                    Role::Literal => out.push((
                        Event::Text(CowStr::Borrowed(&self.src[at..at + 1])),
                        at..at + 1,
                    )),
                    Role::Open(kind, start, end) => {
                        out.push((Event::Start(kind.start()), start..end))
                    }
                    Role::Close(kind, start, end) => out.push((Event::End(kind.end()), start..end)),
                    Role::Absorbed => {}
                },
            }
        }
        out
    }
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'*' | b'_' | b'~')
}

/// Preceded by an odd number of backslashes.
fn is_escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

fn opens_link_text(event: &Event) -> bool {
    match event {
        Event::Start(Tag::Link { link_type, .. }) => {
            !matches!(link_type, LinkType::Autolink | LinkType::Email)
        }
        Event::Start(Tag::Image { .. }) => true,
        _ => false,
    }
}

/// After a link or image start: its content and its end event.
fn take_group<'a>(
    events: &mut impl Iterator<Item = Spanned<'a>>,
) -> (Vec<Spanned<'a>>, Option<Spanned<'a>>) {
    let mut inner = Vec::new();
    let mut depth = 0usize;
    for event in events.by_ref() {
        match event.0 {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) if depth == 0 => return (inner, Some(event)),
            Event::End(TagEnd::Link | TagEnd::Image) => depth -= 1,
            _ => {}
        }
        inner.push(event);
    }
    (inner, None)
}

/// pulldown-cmark's (CommonMark's) rules: can the run open, can it close.
fn commonmark_caps(ch: u8, len: usize, around: Around) -> (bool, bool) {
    if ch == b'~' && len > 2 {
        return (false, false);
    }
    let punct = cjk::is_punctuation;
    let can_open = match (around.before, around.after) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(before), Some(after)) => {
            (ch == b'*' && !punct(after))
                || (ch == b'~' && len > 1)
                || (ch == b'~' && before == '~' && !punct(after))
                || punct(before)
        }
    };
    let can_close = match (around.before, around.after) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(before), Some(after)) => {
            ((ch == b'*' || (ch == b'~' && len > 1)) && !punct(before))
                || (ch == b'~' && before == '~')
                || punct(after)
        }
    };
    (can_open, can_close)
}

/// The amendment's rules. For `~` (strikethrough, which pulldown-cmark lets into words
/// more freely than emphasis) the amendment adds what it adds to flanking, as the
/// amendment's own strikethrough extension does.
fn cjk_friendly_caps(ch: u8, len: usize, around: Around) -> (bool, bool) {
    let (left, right) = cjk_friendly_flanking(around);
    match ch {
        b'*' => (left, right),
        b'_' => {
            let before_punct = around
                .before_base
                .or(around.before)
                .is_some_and(cjk::is_punctuation);
            let after_punct = around.after.is_some_and(cjk::is_punctuation);
            (
                left && (!right || before_punct),
                right && (!left || after_punct),
            )
        }
        _ => {
            let (open, close) = commonmark_caps(ch, len, around);
            let (commonmark_left, commonmark_right) = commonmark_flanking(around);
            (
                open || (len <= 2 && left && !commonmark_left),
                close || (len <= 2 && right && !commonmark_right),
            )
        }
    }
}

fn commonmark_flanking(around: Around) -> (bool, bool) {
    let Around { before, after, .. } = around;
    let punct = cjk::is_punctuation;
    let left = after.is_some()
        && (!after.is_some_and(punct) || before.is_none() || before.is_some_and(punct));
    let right = before.is_some()
        && (!before.is_some_and(punct) || after.is_none() || after.is_some_and(punct));
    (left, right)
}

/// Left- and right-flanking as the amendment defines them.
fn cjk_friendly_flanking(around: Around) -> (bool, bool) {
    let Around {
        before,
        before_base,
        after,
    } = around;
    let punct = cjk::is_punctuation;
    let non_cjk_punct = |c: char| punct(c) && !cjk::is_cjk(c);
    // The character before, with a following variation selector taken as part of it.
    let base = before_base.or(before);
    let before_punct = base.is_some_and(punct);
    // A quote with U+FE01 asks for its full-width form: a CJK punctuation sequence.
    let before_cjk = base.is_some_and(cjk::is_cjk)
        || (before == Some('\u{FE01}') && matches!(base, Some('‘' | '’' | '“' | '”')));
    let before_non_cjk_punct = before_punct && !before_cjk;
    let before_ivs = before.is_some_and(cjk::is_ideographic_variation_selector);

    let left = after.is_some()
        && (!after.is_some_and(non_cjk_punct)
            || before.is_none()
            || before_non_cjk_punct
            || before_cjk
            || before_ivs);
    let right = before.is_some()
        && (!before_non_cjk_punct
            || after.is_none()
            || after.is_some_and(non_cjk_punct)
            || after.is_some_and(cjk::is_cjk));
    (left, right)
}

/// Pairs the runs as pulldown-cmark does (its `InlineStack`): the delimiter-stack
/// algorithm of the CommonMark spec, with its rule of three and its lower bounds.
fn pair(pieces: &[Piece], runs: &[Run], caps: &[(bool, bool)]) -> Vec<Role> {
    let position = |i: usize| match pieces[i] {
        Piece::Delim(at) => at,
        _ => unreachable!("openers and closers are delimiters"),
    };
    let mut roles = vec![Role::Literal; pieces.len()];
    let mut stack = Stack::default();
    for (run, &(can_open, can_close)) in runs.iter().zip(caps) {
        let both = can_open && can_close;
        let mut cur = run.first;
        let mut count = run.len;
        if can_close {
            while let Some(opener) = stack.find_match(run.ch, run.len, both) {
                let matched = count.min(opener.count);
                // From the inside out: `**` pairs first, a last single `*` outside it.
                let mut open_end = opener.start + opener.count;
                let mut close_start = cur;
                let mut left = matched;
                while left > 0 {
                    let width = if left > 1 { 2 } else { 1 };
                    let kind = match (run.ch, width) {
                        (b'~', _) => Kind::Strikethrough,
                        (_, 2) => Kind::Strong,
                        _ => Kind::Emphasis,
                    };
                    let open_at = open_end - width;
                    let span = (position(open_at), position(close_start + width - 1) + 1);
                    roles[open_at] = Role::Open(kind, span.0, span.1);
                    roles[close_start] = Role::Close(kind, span.0, span.1);
                    if width == 2 {
                        roles[open_at + 1] = Role::Absorbed;
                        roles[close_start + 1] = Role::Absorbed;
                    }
                    open_end -= width;
                    close_start += width;
                    left -= width;
                }
                if opener.count > matched {
                    stack.push(Opener {
                        count: opener.count - matched,
                        ..opener
                    });
                }
                count -= matched;
                cur += matched;
                if count == 0 {
                    break;
                }
            }
        }
        if count > 0 && can_open {
            stack.push(Opener {
                start: cur,
                count,
                run_length: run.len,
                ch: run.ch,
                both,
            });
        }
    }
    roles
}

#[derive(Clone, Copy)]
struct Opener {
    /// Piece index of its first unused character.
    start: usize,
    count: usize,
    run_length: usize,
    ch: u8,
    both: bool,
}

/// The openers waiting for a closer, with pulldown-cmark's lower bounds: below them a
/// closer of that kind is known to find nothing.
#[derive(Default)]
struct Stack {
    openers: Vec<Opener>,
    lower_bounds: [usize; 9],
}

impl Stack {
    const UNDERSCORE_NOT_BOTH: usize = 0;
    const ASTERISK_NOT_BOTH: usize = 1;
    const ASTERISK_BASE: usize = 2;
    const TILDES: usize = 5;
    const UNDERSCORE_BASE: usize = 6;

    fn lower_bound(&self, ch: u8, count: usize, both: bool) -> usize {
        let (base, not_both) = match ch {
            b'_' => (Self::UNDERSCORE_BASE, Self::UNDERSCORE_NOT_BOTH),
            b'*' => (Self::ASTERISK_BASE, Self::ASTERISK_NOT_BOTH),
            _ => return self.lower_bounds[Self::TILDES],
        };
        let mod3 = self.lower_bounds[base + count % 3];
        if both {
            mod3
        } else {
            mod3.min(self.lower_bounds[not_both])
        }
    }

    fn set_lower_bound(&mut self, ch: u8, count: usize, both: bool, bound: usize) {
        let (base, not_both) = match ch {
            b'_' => (Self::UNDERSCORE_BASE, Self::UNDERSCORE_NOT_BOTH),
            b'*' => (Self::ASTERISK_BASE, Self::ASTERISK_NOT_BOTH),
            _ => {
                self.lower_bounds[Self::TILDES] = bound;
                return;
            }
        };
        self.lower_bounds[base + count % 3] = bound;
        if !both {
            self.lower_bounds[not_both] = bound;
        }
    }

    /// The nearest opener a closer can pair with; the openers above it are dropped
    /// (their characters stay literal).
    fn find_match(&mut self, ch: u8, run_length: usize, both: bool) -> Option<Opener> {
        let bottom = self
            .openers
            .len()
            .min(self.lower_bound(ch, run_length, both));
        let found = self.openers[bottom..].iter().rposition(|o| {
            o.ch == ch
                && (ch != b'~' || o.run_length == run_length)
                && ((!both && !o.both)
                    || !(run_length + o.run_length).is_multiple_of(3)
                    || run_length.is_multiple_of(3))
        });
        match found {
            Some(i) => {
                let index = bottom + i;
                let opener = self.openers[index];
                self.truncate(index);
                Some(opener)
            }
            None => {
                self.set_lower_bound(ch, run_length, both, self.openers.len());
                None
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        self.openers.truncate(len);
        for bound in &mut self.lower_bounds {
            *bound = (*bound).min(len);
        }
    }

    fn push(&mut self, opener: Opener) {
        if opener.ch == b'~' {
            self.lower_bounds[Self::TILDES] =
                self.lower_bounds[Self::TILDES].min(self.openers.len());
        }
        self.openers.push(opener);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Options, Parser};

    fn options() -> Options {
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
    }

    fn pulldown(src: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(src, options()));
        out
    }

    fn repaired(src: &str, rules: Rules, force: bool) -> String {
        let events = Parser::new_ext(src, options()).into_offset_iter().collect();
        let mut out = String::new();
        html::push_html(
            &mut out,
            repair(src, events, rules, force)
                .into_iter()
                .map(|(e, _)| e),
        );
        out
    }

    fn spec_examples() -> Vec<(u64, String)> {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/commonmark-emphasis.json"))
                .unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["example"].as_u64().unwrap(),
                    e["markdown"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// The pairing reproduces pulldown-cmark's exactly when given its rules, so a
    /// re-paired sequence differs only where the amended rules decide differently.
    #[test]
    fn re_pairing_with_commonmark_rules_reproduces_pulldown_on_the_spec_examples() {
        for (n, md) in spec_examples() {
            assert_eq!(
                repaired(&md, Rules::CommonMark, true),
                pulldown(&md),
                "example {n}: {md:?}"
            );
        }
    }

    /// The amendment's reference implementation agrees, case for case.
    #[test]
    fn cjk_friendly_rules_match_the_reference_implementation() {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/cjk-friendly-reference.json"))
                .unwrap();
        for case in json.as_array().unwrap() {
            let md = case["markdown"].as_str().unwrap();
            assert_eq!(
                repaired(md, Rules::CjkFriendly, false),
                case["html"].as_str().unwrap(),
                "{md:?}"
            );
        }
    }

    #[test]
    fn cjk_friendly_rules_change_no_spec_example() {
        for (n, md) in spec_examples() {
            assert_eq!(
                repaired(&md, Rules::CjkFriendly, true),
                pulldown(&md),
                "example {n}: {md:?}"
            );
        }
    }

    /// Deterministic pseudo-random Markdown from pieces that stress the pairing.
    fn random_inputs(alphabet: &[&str], count: usize) -> Vec<String> {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = 1 + next() % 16;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    const LATIN: &[&str] = &[
        "*",
        "**",
        "***",
        "_",
        "__",
        "~",
        "~~",
        "~~~",
        "a",
        "foo",
        " ",
        "  ",
        "\\",
        "\\*",
        "`",
        "[",
        "](u)",
        "]",
        "![",
        "\n",
        "\n\n",
        "!",
        ".",
        "\"",
        "<b>",
        "&amp;",
        "&ast;",
        "|",
        "- ",
        "> ",
        "# ",
        "1. ",
        "\t",
        "x_y",
        "[^1]",
        "\n[^1]: n\n",
        "\n| a | b |\n|---|---|\n",
        "£",
        "<http://a*b>",
        "é",
        ">",
        "\n>",
        "\n#",
        ")",
        "(",
    ];

    #[test]
    fn re_pairing_with_commonmark_rules_reproduces_pulldown_on_random_input() {
        let mut alphabet = LATIN.to_vec();
        alphabet.extend([
            "。", "中", "文", "“", "”", "，", "（", "）", "\u{FE01}", "한", "😀", "…", "—", "：",
        ]);
        for md in random_inputs(&alphabet, 30_000) {
            assert_eq!(
                repaired(&md, Rules::CommonMark, true),
                pulldown(&md),
                "{md:?}"
            );
        }
    }

    #[test]
    fn cjk_friendly_rules_change_nothing_in_latin_text() {
        for md in random_inputs(LATIN, 30_000) {
            assert_eq!(
                repaired(&md, Rules::CjkFriendly, true),
                pulldown(&md),
                "{md:?}"
            );
        }
    }
}
