//! Small sites in temporary folders.

use std::fs;
use std::path::{Path, PathBuf};

pub const SITE_TOML: &str = r#"title = "测试区人民政府信息公开"
base_url = "https://www.example.gov.cn/xxgk/"

[office]
name = "测试区人民政府办公室"

[[publishers]]
key = "qzf"
name = "测试区人民政府"
code = "005283492"
"#;

/// A site in a temporary folder, removed when dropped.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// site.toml and no documents.
    pub fn empty() -> Site {
        let site = Site { dir: tempfile::tempdir().expect("temp dir") };
        site.write("site.toml", SITE_TOML);
        site
    }

    /// site.toml and documents 1..=n, each published, with title `文件n` and body `正文n`.
    pub fn with_documents(n: u32) -> Site {
        let site = Site::empty();
        for i in 1..=n {
            site.write(&doc_path(i), &document(i, &format!("文件{i}"), &format!("正文{i}。"), ""));
        }
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        fs::write(path, text).expect("write file");
    }

    /// Saves the way many editors do: write a temp file beside it, then rename over it.
    pub fn save_atomically(&self, rel: &str, text: &str) {
        let tmp = self.path(&format!("{rel}.tmp"));
        fs::write(&tmp, text).expect("write temp file");
        fs::rename(&tmp, self.path(rel)).expect("rename over");
    }

    /// Every file under the site, relative, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(self.root())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(self.root()).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        out.sort();
        out
    }
}

pub fn doc_path(i: u32) -> String {
    format!("content/general/doc{i}.md")
}

/// The output folder of document `i`.
pub fn doc_url(i: u32) -> String {
    format!("docs/005283492-2024-{i:05}/")
}

/// A published document; `extra` is added to the front matter (one key per line).
pub fn document(i: u32, title: &str, body: &str, extra: &str) -> String {
    let day = (i % 28) + 1;
    format!(
        "---\ntitle: {title}\nindex_no: 005283492/2024-{i:05}\npublisher: qzf\ndoc_type: 通知\n\
         created: 2024-01-{day:02}\npublished: 2024-02-{day:02}\ncategory: 决策公开\ndisclosure: 主动公开\n\
         review:\n  reviewer: 王明\n  date: 2024-02-01\n  conclusion: 同意公开\n{extra}---\n\n{body}\n"
    )
}

/// The same document switched to 依申请公开 (with the reason and basis the contract requires).
pub fn on_request(i: u32, title: &str, body: &str) -> String {
    document(i, title, body, "withheld_reason: 涉及第三方合法权益\nwithheld_basis: 《中华人民共和国政府信息公开条例》第十五条\n")
        .replace("disclosure: 主动公开", "disclosure: 依申请公开")
}
