//! The one place that names the YAML crate. serde_yaml is archived upstream;
//! serde_yaml_ng is its maintained, API-compatible fork. Switching is this line.
pub use serde_yaml_ng::{from_str, from_value, Error, Mapping, Value};

use crate::diagnostics::Diagnostic;

/// Anchors a diagnostic about a parse error of `text` where the error lies: the
/// parser's position, or else the line of the key its message names between
/// backquotes (serde reports unknown and missing fields without a position).
pub fn locate_error(d: Diagnostic, text: &str, e: &Error) -> Diagnostic {
    if let Some(l) = e.location() {
        return d.at_column(l.line(), l.column());
    }
    let message = e.to_string();
    let line = message.split('`').nth(1).and_then(|key| {
        text.lines()
            .position(|l| key_of_line(l) == Some(key))
            .map(|i| i + 1)
    });
    d.at(line)
}

/// The key a `key: value` line (or a list item `- key: value`) starts with, unquoted.
pub fn key_of_line(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches("- ");
    let (key, _) = t.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// Plain text of a YAML scalar, for values staff expect to be read as text.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => inline(other),
    }
}

fn inline(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_lines() {
        assert_eq!(key_of_line("  - name: x"), Some("name"));
        assert_eq!(
            key_of_line("\"危及“三安全一稳定”\": [1]"),
            Some("危及“三安全一稳定”")
        );
        assert_eq!(key_of_line("just text"), None);
    }
}
