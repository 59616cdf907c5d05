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
    let sniff = &bytes[..bytes.len().min(8192)];
    if sniff.contains(&0) {
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
            let enc = if !had_errors && decoded.chars().any(is_cjk) {
                "GBK"
            } else {
                "非 UTF-8 / not UTF-8"
            };
            return Err(not_utf8(rel, enc).at(Some(line)).into());
        }
    };
    Ok(normalize_newlines(text))
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
}
