//! The house rules of ARCHITECTURE.md, checked: every top-level module imports only
//! modules on its own floor or below (so no import circle can form), and
//! ARCHITECTURE.md describes every top-level module.

use std::collections::BTreeSet;
use std::path::Path;

/// Floors, lowest first. A module may import modules of a lower floor; within the
/// stages, only earlier stages; the commands may import everything below them.
const FLOORS: &[(&str, u8)] = &[
    // The ground floor imports nothing above it; its rooms may use one another.
    ("diagnostics", 0),
    ("util", 0),
    ("layout", 0),
    ("markdown", 0),
    ("model", 0),
    ("config", 0),
    // The stages, in pipeline order.
    ("load", 1),
    ("rules", 2),
    ("publish", 3),
    ("plan", 4),
    ("render", 5),
    ("datafiles", 6),
    ("output", 7),
    // The driver, then the commands on top of it.
    ("build", 8),
    ("check", 9),
    ("serve", 9),
    ("scaffold", 9),
    ("import", 9),
];

fn floor(module: &str) -> Option<u8> {
    FLOORS.iter().find(|(m, _)| *m == module).map(|(_, f)| *f)
}

/// Top-level modules named by `crate::…` paths in a source file, test code left out.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

fn top_level_modules(src: &Path) -> Vec<String> {
    let mut mods: Vec<String> = std::fs::read_dir(src)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            match name.strip_suffix(".rs") {
                Some(stem) => (stem != "lib" && stem != "main").then(|| stem.to_string()),
                None => e.path().is_dir().then_some(name),
            }
        })
        .collect();
    mods.sort();
    mods
}

#[test]
fn every_module_imports_only_its_floor_or_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for module in top_level_modules(&src) {
        let Some(own) = floor(&module) else {
            wrong.push(format!(
                "{module}: not in FLOORS (tests/architecture.rs) nor ARCHITECTURE.md"
            ));
            continue;
        };
        let file = src.join(format!("{module}.rs"));
        let files: Vec<std::path::PathBuf> = if file.is_file() {
            vec![file]
        } else {
            walkdir::WalkDir::new(src.join(&module))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
                .map(|e| e.into_path())
                .collect()
        };
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for used in imports(&text) {
                let Some(theirs) = floor(&used) else { continue };
                let allowed = used == module
                    || theirs < own
                    || (own == 0 && theirs == 0)
                    || (own == 9 && theirs == 9 && used == "build");
                if !allowed {
                    wrong.push(format!("{} imports crate::{used}", path.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the floors:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn architecture_md_names_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    for module in top_level_modules(&root.join("src")) {
        assert!(
            doc.contains(&format!("`{module}/`")) || doc.contains(&format!("`{module}.rs`")),
            "ARCHITECTURE.md does not describe src/{module}"
        );
    }
}

#[test]
fn the_import_finder_sees_groups_and_skips_tests_and_comments() {
    let text = "use crate::{load, model::document::Document};\n// crate::serve\nfn f() { crate::plan::plan(); }\n#[cfg(test)]\nmod tests {\n use crate::render;\n}\n";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["load", "model", "plan"]);
}
