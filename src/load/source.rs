//! Reading content files from disk: encodings, byte-order marks, line endings.
//!
//! Office PCs save files in GBK, with BOMs and CRLF. A file that is not UTF-8 is
//! refused with a message saying exactly that, never guessed at and published.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

/// Decodes a content file into text with `\n` line endings.
pub fn decode(bytes: &[u8], rel: &Path) -> Result<String, Diagnostics> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Diagnostic::error("source/empty", rel)
            .at(Some(1))
            .msg("文件是空的", "the file is empty")
            .fix(
                "填写文档内容（以 --- 开头的元数据和正文），或删除这个文件",
                "write the document (front matter between --- lines, then the body) or delete the file",
            ).into());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(not_utf8(rel, "UTF-16").into());
    }
    // A NUL anywhere, not only in the first 8 KiB: a text file never holds one.
    // UTF-16 without a byte order mark is told by its NULs, so only looked for then.
    if memchr::memchr(0, bytes).is_some() {
        if let Some(enc) = utf16_without_bom(bytes) {
            return Err(not_utf8(rel, enc).into());
        }
        return Err(Diagnostic::error("source/binary", rel)
            .msg(
                "这不是文本文件（可能是 Word、PDF 或图片被改成了 .md 扩展名）",
                "this is not a text file (perhaps a Word file, PDF or image renamed to .md)",
            )
            .fix(
                "把内容复制到纯文本 Markdown 文件中；附件请放在 attachments 中引用",
                "copy the text into a plain Markdown file; list binary files as attachments",
            )
            .into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // SIMD: the standard check is slow on Chinese text (a tenth of `zwgk check`).
    let text = match simdutf8::compat::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, _) = crate::util::text::line_col(
                &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
                usize::MAX,
            );
            let (decoded, _, had_errors) = encoding_rs::GBK.decode(bytes);
            if !had_errors && decoded.chars().any(is_cjk) {
                return Err(not_utf8(rel, "GBK").at(Some(line)).into());
            }
            return Err(Diagnostic::error("source/encoding", rel)
                .at(Some(line))
                .msg(
                    format!("文件不是 UTF-8 编码（第 {line} 行起有无法识别的字符）"),
                    format!("the file is not saved as UTF-8 (unreadable characters from line {line})"),
                )
                .fix(
                    "用编辑器“另存为”，编码选择 UTF-8 后保存（记事本：另存为 → 编码 → UTF-8）",
                    "save the file again with the encoding UTF-8 (Notepad: Save As → Encoding → UTF-8)",
                )
                .into());
        }
    };
    if let Some(d) = control_character(text, rel) {
        return Err(d.into());
    }
    Ok(normalize_newlines(text))
}

pub use crate::util::text::is_forbidden_control;

/// The first forbidden control character of `text`, as a diagnostic at its line and column.
pub fn control_character(text: &str, rel: &Path) -> Option<Diagnostic> {
    let at = first_forbidden_control(text)?;
    let c = text[at..].chars().next().unwrap_or('\0');
    let (line, column) = crate::util::text::line_col(text, at);
    Some(control_diagnostic(c, rel).at_column(line, column))
}

/// Where `text.find(is_forbidden_control)` is, read by bytes (every document is
/// read through this): in UTF-8 the control characters are single bytes, and
/// U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`, where `EF` only ever starts a
/// character.
fn first_forbidden_control(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let forbidden_at = |i: usize| {
        let c = b[i];
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
            || c == 0x7F
            || (c == 0xEF
                && b.get(i + 1) == Some(&0xBF)
                && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    };
    // Whole blocks first, with a test free of branches (the compiler makes it SIMD);
    // a block that may hold one (a control character, or `EF BF`, a sequence that
    // can cross into the next block) is read byte by byte.
    const BLOCK: usize = 64;
    let mut start = 0;
    let control = |c: u8| ((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r')) | (c == 0x7F);
    for block in b.chunks(BLOCK) {
        let (&last, _) = block.split_last().expect("chunks are never empty");
        let suspect = block
            .iter()
            .zip(&block[1..])
            .fold(control(last), |any, (&c, &next)| {
                any | control(c) | ((c == 0xEF) & (next == 0xBF))
            });
        // `EF` last in a block: its `BF` is the next block's first byte.
        if suspect || last == 0xEF {
            if let Some(k) = (start..start + block.len()).find(|&i| forbidden_at(i)) {
                return Some(k);
            }
        }
        start += block.len();
    }
    None
}

/// `c`, a forbidden control character, found in a file (or a value) of `rel`.
pub fn control_diagnostic(c: char, rel: &Path) -> Diagnostic {
    let code = format!("U+{:04X}", c as u32);
    Diagnostic::error("source/control-char", rel)
        .msg(
            format!("这里有一个看不见的控制字符（{code}），网页和订阅文件（feed.xml）不能包含它"),
            format!("there is an invisible control character ({code}) here; pages and the feed (feed.xml) cannot hold it"),
        )
        .fix(
            "删除这个字符（常见于从 Word 复制的换行符或分页符）：在编辑器中删掉这一位置的字符后重新输入；在元数据里也不要写 \\0、\\v、\\b 等转义",
            "delete the character (often a line or page break copied from Word) and retype the text there; do not write escapes such as \\0, \\v or \\b in the front matter",
        )
}

/// UTF-16 saved without a byte-order mark: in its first bytes, nearly every
/// other byte is zero (the front matter is ASCII), and the rest are not.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 6 && even * 10 <= pairs {
        Some("UTF-16LE")
    } else if even * 10 >= pairs * 6 && odd * 10 <= pairs {
        Some("UTF-16BE")
    } else {
        None
    }
}

fn not_utf8(rel: &Path, encoding: &str) -> Diagnostic {
    Diagnostic::error("source/encoding", rel)
        .msg(
            format!("文件编码是 {encoding}，不是 UTF-8"),
            format!("the file is saved as {encoding}, not UTF-8"),
        )
        .fix(
            "用编辑器“另存为”，编码选择 UTF-8 后保存（记事本：另存为 → 编码 → UTF-8）",
            "save the file again with the encoding UTF-8 (Notepad: Save As → Encoding → UTF-8)",
        )
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn strips_bom_and_crlf() {
        let text = decode(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n", rel()).unwrap();
        assert_eq!(text, "---\ntitle: x\n---\n");
    }

    #[test]
    fn gbk_is_refused_by_name() {
        let (gbk, _, _) = encoding_rs::GBK.encode("---\ntitle: 关于做好政务公开工作的通知\n---\n");
        let err = decode(&gbk, rel()).unwrap_err();
        assert_eq!(err[0].rule, "source/encoding");
        assert!(err[0].message_zh.contains("GBK"), "{}", err[0].message_zh);
        assert_eq!(err[0].line, Some(2));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b"", rel()).unwrap_err()[0].rule, "source/empty");
        assert_eq!(decode(b" \n\n", rel()).unwrap_err()[0].rule, "source/empty");
        assert_eq!(
            decode(b"%PDF-1.4\n\x00\x01\x02", rel()).unwrap_err()[0].rule,
            "source/binary"
        );
    }

    #[test]
    fn utf16_without_a_bom_is_named_and_the_message_is_clean() {
        let text = "---\ntitle: 关于做好工作的通知\n---\n正文\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let err = decode(&le, rel()).unwrap_err();
        assert_eq!(err[0].rule, "source/encoding");
        assert!(
            err[0].message_zh.contains("UTF-16LE"),
            "{}",
            err[0].message_zh
        );
        assert!(decode(&be, rel()).unwrap_err()[0]
            .message_en
            .contains("UTF-16BE"));
        let err = decode(b"---\ntitle: \xff\xfe\xfd\n---\n", rel()).unwrap_err();
        assert_eq!(err[0].rule, "source/encoding");
        assert!(!err[0].message_zh.contains("not"), "{}", err[0].message_zh);
        assert!(!err[0].message_en.contains('非'), "{}", err[0].message_en);
    }

    #[test]
    fn a_nul_after_the_first_8_kib_is_binary() {
        let mut bytes = b"---\ntitle: x\n---\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 9000));
        bytes.push(0);
        assert_eq!(decode(&bytes, rel()).unwrap_err()[0].rule, "source/binary");
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        let err = decode("---\ntitle: 关于\u{b}通知\n---\n".as_bytes(), rel()).unwrap_err();
        assert_eq!(err[0].rule, "source/control-char");
        assert_eq!((err[0].line, err[0].column), (Some(2), Some(10)));
        assert!(err[0].message_zh.contains("U+000B"));
        let err = decode("---\ntitle: x\n---\n正文\u{8}\n".as_bytes(), rel()).unwrap_err();
        assert_eq!(err[0].line, Some(4));
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_test_finds() {
        let texts = [
            "",
            "正文\t表格\r\n",
            "a\u{7F}b",
            "关于\u{FFFE}",
            "关于\u{FFFD}\u{FFFF}",
            "\u{EFBF}\u{FEFF}x\u{1F}",
            "\u{0}",
            "ok\u{85}\u{2028}",
        ];
        for c in 0..=0x80u32 {
            let t = format!("甲{}乙", char::from_u32(c).unwrap());
            assert_eq!(
                super::first_forbidden_control(&t),
                t.find(is_forbidden_control),
                "U+{c:04X}"
            );
        }
        for t in texts {
            assert_eq!(
                super::first_forbidden_control(t),
                t.find(is_forbidden_control),
                "{t:?}"
            );
        }
    }

    /// The scan reads blocks of 64 bytes: a character found or passed at every
    /// place around a block's end, a three-byte one split across it too.
    #[test]
    fn the_byte_scan_finds_characters_across_its_blocks() {
        for c in [
            '\u{1}', '\u{7F}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}', '，', '￥', '\n',
        ] {
            for pad in 0..140 {
                let t = format!("{}{c}尾，￥", "a".repeat(pad));
                assert_eq!(
                    super::first_forbidden_control(&t),
                    t.find(is_forbidden_control),
                    "{c:?} after {pad} bytes"
                );
            }
        }
    }

    #[test]
    fn tabs_newlines_and_ordinary_text_pass() {
        assert!(decode("---\ntitle: x\n---\n正文\t表格\r\n".as_bytes(), rel()).is_ok());
    }
}
