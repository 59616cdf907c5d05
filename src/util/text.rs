//! Small helpers on text and paths.

use std::path::{Component, Path};

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A character no page, feed or data file may hold: the C0 controls but tab, line
/// feed and carriage return (Word's line break `\v`, its backspace `\b`…), DEL,
/// and the two noncharacters U+FFFE and U+FFFF. XML forbids them, so one of them
/// in a title makes `feed.xml` unreadable; and nobody can see them to mean them.
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `..`-free relative path: stays inside the folder it is relative to.
pub fn is_inside(path: &str) -> bool {
    let p = Path::new(path);
    !path.starts_with(['/', '\\'])
        && !path.contains(':')
        && !path.contains('\\')
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        assert!(is_inside("files/a.pdf"));
        assert!(is_inside("./a.pdf"));
        assert!(!is_inside("../../etc/passwd"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside("files/../../x"));
        assert!(!is_inside("C:/x"));
    }
}
