//! The one tokenizer of search, applied identically to documents (at build
//! time) and to queries (here in the reference searcher and in
//! `assets/search.js`). Keep the two in step: `tests/search_browser.rs` runs
//! the same queries through both.
//!
//! 1. Fold: full-width ASCII (`０-９ Ａ-Ｚ ａ-ｚ` and symbols) becomes
//!    ASCII, the ideographic space a space, ASCII letters lower case.
//! 2. Split the folded text into *runs* of word characters, i.e. ASCII
//!    letters and digits and CJK ideographs; everything else (spaces,
//!    punctuation, the brackets of `〔2018〕`, `/` and `-` of index numbers)
//!    separates runs.
//! 3. A run is a sequence of *units*: each CJK ideograph is a unit, each
//!    maximal ASCII letter/digit sequence is a unit (`2018`, `mb1532375`).
//! 4. Terms of a run: every ASCII unit on its own, every pair of adjacent
//!    units (`审查`, `12号`, `2018年`), and a run that is one ideograph on
//!    its own is that ideograph.
//!
//! No dictionary: any fragment a person types, cut at unit boundaries, is cut
//! into terms that the text containing it also holds. Short fields (title,
//! document number, publisher, topics) are also indexed by single ideographs
//! ([`Mode::WithUnigrams`]), so a one-character query finds titles.

/// Whether single ideographs of multi-unit runs become terms too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Queries and long fields (summary, body).
    Plain,
    /// Short fields: also every ideograph on its own.
    WithUnigrams,
}

/// Folds one character: full-width forms to ASCII, ASCII to lower case.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// The text with [`fold_char`] applied. Each character maps to one character
/// of the same UTF-16 length, so positions carry over (the browser marks
/// matches in the original text at the positions found in the folded one).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// CJK ideographs: the unified blocks with extensions A-H, compatibility
/// ideographs, and 〇.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// The text with [`fold_char`] applied, appended to `out`. Read by bytes: what
/// folding changes is an ASCII capital, U+3000 (`E3 80 80`) or a character
/// U+FF01..=U+FF5E (`EF BC 81`..=`EF BD 9E`), and `E3`/`EF` only ever start a
/// character; everything between is copied as it is.
pub fn fold_into(out: &mut String, text: &str) {
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let folded = match b[i] {
            c if c.is_ascii_uppercase() => Some((c.to_ascii_lowercase() as char, 1)),
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => Some((' ', 3)),
            0xEF if matches!(b.get(i + 1), Some(0xBC | 0xBD)) => {
                let c = text[i..].chars().next().expect("a character starts here");
                Some((fold_char(c), c.len_utf8())).filter(|&(f, _)| f != c)
            }
            _ => None,
        };
        match folded {
            Some((c, len)) => {
                out.push_str(&text[copied..i]);
                out.push(c);
                i += len;
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
}

/// One unit of a run: a byte range of the folded text, and whether it is an ideograph.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    cjk: bool,
}

/// The run being read: its last unit and how many units it has so far.
struct Run<'a, E> {
    folded: &'a str,
    mode: Mode,
    last: Option<Unit>,
    units: usize,
    emit: E,
}

impl<'a, E: FnMut(&'a str)> Run<'a, E> {
    /// The unit alone (unless an ideograph in `Plain` mode, see [`Run::end`]), and
    /// the pair it makes with the unit before.
    fn unit(&mut self, u: Unit) {
        if !u.cjk || self.mode == Mode::WithUnigrams {
            (self.emit)(&self.folded[u.start..u.end]);
        }
        if let Some(prev) = self.last {
            (self.emit)(&self.folded[prev.start..u.end]);
        }
        self.last = Some(u);
        self.units += 1;
    }

    /// A run that is one ideograph is that ideograph: known only when it ends.
    fn end(&mut self) {
        if let Some(u) = self.last.take() {
            if self.units == 1 && u.cjk && self.mode == Mode::Plain {
                (self.emit)(&self.folded[u.start..u.end]);
            }
        }
        self.units = 0;
    }
}

/// Calls `emit` with each term of an already folded text, in text order
/// (with repeats), as a slice of `folded`: every term is a contiguous span.
pub fn terms<'a>(folded: &'a str, mode: Mode, emit: impl FnMut(&'a str)) {
    let mut run = Run {
        folded,
        mode,
        last: None,
        units: 0,
        emit,
    };
    let word = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if word(b) {
            let start = i;
            while i < bytes.len() && word(bytes[i]) {
                i += 1;
            }
            run.unit(Unit {
                start,
                end: i,
                cjk: false,
            });
        } else if b < 0x80 {
            run.end();
            i += 1;
        } else {
            let c = folded[i..].chars().next().expect("a character starts here");
            if is_cjk(c) {
                run.unit(Unit {
                    start: i,
                    end: i + c.len_utf8(),
                    cjk: true,
                });
            } else {
                run.end();
            }
            i += c.len_utf8();
        }
    }
    run.end();
}

/// The distinct terms of a query, in the order they first appear.
pub fn query_terms(query: &str) -> Vec<String> {
    let folded = fold(query);
    let mut out: Vec<String> = Vec::new();
    terms(&folded, Mode::Plain, |t| {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, mode: Mode) -> Vec<String> {
        let folded = fold(text);
        let mut out = Vec::new();
        terms(&folded, mode, |t| out.push(t.to_string()));
        out
    }

    /// The tokenizer as first written (runs gathered into a vector), kept to check
    /// the streaming one against.
    fn terms_as_first_written<'a>(folded: &'a str, mode: Mode) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut run: Vec<(usize, usize, bool)> = Vec::new();
        let flush = |run: &mut Vec<(usize, usize, bool)>, out: &mut Vec<&'a str>| {
            for (k, &(start, end, cjk)) in run.iter().enumerate() {
                if !cjk || mode == Mode::WithUnigrams || run.len() == 1 {
                    out.push(&folded[start..end]);
                }
                if k > 0 {
                    out.push(&folded[run[k - 1].0..end]);
                }
            }
            run.clear();
        };
        let mut chars = folded.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
            if is_cjk(c) {
                run.push((i, i + c.len_utf8(), true));
            } else if word(c) {
                let mut end = i + 1;
                while let Some(&(j, d)) = chars.peek() {
                    if !word(d) {
                        break;
                    }
                    end = j + 1;
                    chars.next();
                }
                run.push((i, end, false));
            } else {
                flush(&mut run, &mut out);
            }
        }
        flush(&mut run, &mut out);
        out
    }

    /// Random texts of ideographs, ASCII, full-width forms, punctuation and other
    /// scripts: the same terms, in the same order, as the first tokenizer; and
    /// folding with or without the fast path gives the same text.
    #[test]
    fn streaming_terms_are_the_first_tokenizers() {
        let alphabet: Vec<char> =
            "审查公开〇𠀀aZz09 ，。、〔〕（）\u{3000}ＡＢｃ１２～｟\u{FF00}ｚ｀é—-/.\n\t《》😀"
                .chars()
                .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..400 {
            let text: String = (0..len % 37)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let slow: String = text.chars().map(fold_char).collect();
            let folded = fold(&text);
            assert_eq!(folded, slow, "{text:?}");
            for mode in [Mode::Plain, Mode::WithUnigrams] {
                let mut streamed = Vec::new();
                terms(&folded, mode, |t| streamed.push(t));
                assert_eq!(streamed, terms_as_first_written(&folded, mode), "{text:?}");
            }
        }
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        assert_eq!(all("保密审查", Mode::Plain), ["保密", "密审", "审查"]);
    }

    #[test]
    fn a_single_ideograph_is_a_term_of_its_own() {
        assert_eq!(all("审", Mode::Plain), ["审"]);
        assert_eq!(all("第 审 查", Mode::Plain), ["第", "审", "查"]);
    }

    #[test]
    fn short_fields_also_hold_every_ideograph() {
        assert_eq!(all("审查", Mode::WithUnigrams), ["审", "查", "审查"]);
    }

    #[test]
    fn document_numbers() {
        assert_eq!(
            all("上政办〔2018〕12号", Mode::Plain),
            ["上政", "政办", "2018", "12", "12号"]
        );
        assert_eq!(query_terms("12号"), ["12", "12号"]);
        assert_eq!(query_terms("[2018]"), ["2018"]);
        assert_eq!(query_terms("(2018)"), ["2018"]);
    }

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(
            query_terms("上政办〔２０１８〕１２号"),
            query_terms("上政办〔2018〕12号")
        );
        assert_eq!(query_terms("ＡＢＣ　Ｄ"), ["abc", "d"]);
    }

    #[test]
    fn index_numbers_split_at_slash_and_dash() {
        assert_eq!(
            query_terms("MB1532375/2019-00045"),
            ["mb1532375", "2019", "00045"]
        );
    }

    #[test]
    fn latin_words_fold_case() {
        assert_eq!(query_terms("PM2.5 Report report"), ["pm2", "5", "report"]);
    }

    #[test]
    fn mixed_runs_pair_digits_with_ideographs() {
        assert_eq!(
            all("2025年12月", Mode::Plain),
            ["2025", "2025年", "12", "年12", "12月"]
        );
    }

    #[test]
    fn long_runs_are_never_dropped() {
        let text: String = "政务公开标准化规范化".repeat(50);
        let terms = all(&text, Mode::Plain);
        assert_eq!(terms.len(), text.chars().count() - 1);
        assert_eq!(terms.last().map(String::as_str), Some("范化"));
    }

    #[test]
    fn extension_b_ideographs_are_units() {
        assert_eq!(all("𠀀𠀁", Mode::Plain), ["𠀀𠀁"]);
        assert!(is_cjk('〇'));
    }

    #[test]
    fn other_scripts_and_symbols_separate() {
        assert_eq!(query_terms("é审查—公开！"), ["审查", "公开"]);
        assert!(query_terms("，。；").is_empty());
    }

    #[test]
    fn a_fragment_of_a_text_yields_terms_the_text_holds() {
        let text = "关于做好上政办〔2018〕12号文件落实工作的保密审查通知";
        let held = all(text, Mode::Plain);
        for q in [
            "保密审查",
            "审查",
            "12号",
            "上政办〔2018〕12号",
            "文件落实",
            text,
        ] {
            for t in query_terms(q) {
                assert!(held.contains(&t), "{q}: {t} not held");
            }
        }
    }
}
