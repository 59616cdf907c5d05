//! docs/rules.md lists exactly the rule ids the code reports.

use std::collections::BTreeSet;
use std::path::Path;

const FAMILIES: &[&str] = &[
    "build",
    "config",
    "theme",
    "source",
    "schema",
    "index",
    "disclosure",
    "pii",
    "timeliness",
    "interpretation",
    "links",
    "files",
    "domain",
    "dates",
    "report",
    "output",
    "import",
    "columns",
    "wording",
    "validity",
    "consultation",
    "withheld",
    "organ",
];

/// String literals of the form `"family/rule-name"` in the sources.
fn ids_in_code() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut ids = BTreeSet::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            ids.extend(
                text.split('"')
                    .filter(|s| is_rule_id(s))
                    .map(str::to_string),
            );
        }
    }
    ids
}

fn is_rule_id(s: &str) -> bool {
    let Some((family, name)) = s.split_once('/') else {
        return false;
    };
    FAMILIES.contains(&family)
        && !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// The first cell of every table row, when it is a backticked rule id.
fn ids_in_docs() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .unwrap();
    doc.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, _)| id.to_string())
        .filter(|id| is_rule_id(id))
        .collect()
}

#[test]
fn every_rule_id_is_documented_and_every_documented_id_exists() {
    let code = ids_in_code();
    let docs = ids_in_docs();
    assert!(
        code.len() > 50,
        "found {} ids: is the scan broken?",
        code.len()
    );
    let undocumented: Vec<_> = code.difference(&docs).collect();
    let stale: Vec<_> = docs.difference(&code).collect();
    assert!(
        undocumented.is_empty(),
        "add to docs/rules.md: {undocumented:?}"
    );
    assert!(stale.is_empty(), "no longer in the code: {stale:?}");
}
