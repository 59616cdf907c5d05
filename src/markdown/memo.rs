//! Rendered bodies remembered between rebuilds (`serve`).

use super::{render, Options, Resolve, Target};
use crate::util::fingerprint::hash_of;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A body is rendered again only when its text, the options, or where one of its
/// links points changed: those are all that [`render`] reads.
#[derive(Default)]
pub struct Memo {
    entries: Mutex<HashMap<String, Arc<Rendered>>>,
    /// See [`Memo::keys`].
    keys_for: Option<u128>,
}

struct Rendered {
    src: String,
    opts: Options,
    /// Each link destination as written, and what it resolved to.
    links: Vec<(String, Target)>,
    html: Arc<str>,
}

impl Memo {
    /// A memo that renders nothing: for a body it gives a key that stands for its
    /// HTML, a hash of all that [`render`] reads: the text, the options, and where
    /// its links lead, which is the file's own folder (`key` is the file) and
    /// `links`, a hash of every published document's file and page (`build`'s page
    /// fingerprints, see `build/manifest.rs`). Only for hashing page contexts.
    pub fn keys(links: u128) -> Memo {
        Memo {
            keys_for: Some(links),
            ..Memo::default()
        }
    }

    /// For a memo of [`Memo::keys`], the key of the body of `key` whose text has
    /// the xxh3 hash (128 bits) `text`: the body need not be in memory. `None` for a
    /// memo that renders.
    pub fn key_of(&self, key: &str, text: u128, opts: &Options) -> Option<Arc<str>> {
        let links = self.keys_for?;
        let stands_for = hash_of(&(key, text, opts.unsafe_html, links));
        Some(format!("<!-- body {stands_for:032x} -->").into())
    }

    /// [`render`], reusing the last result for `key` (the document's file) when it still holds.
    pub fn render(&self, key: &str, src: &str, opts: &Options, resolve_link: &Resolve) -> Arc<str> {
        let text = || xxhash_rust::xxh3::xxh3_128(src.as_bytes());
        if let Some(stands_for) = self.keys_for.and_then(|_| self.key_of(key, text(), opts)) {
            return stands_for;
        }
        let last = self.entries.lock().expect("memo lock").get(key).cloned();
        if let Some(r) = last {
            let same_links = r.links.iter().all(|(dest, to)| resolve_link(dest) == *to);
            if r.opts == *opts && r.src == src && same_links {
                return r.html.clone();
            }
        }
        let links = Mutex::new(Vec::new());
        let recording = |dest: &str| {
            let to = resolve_link(dest);
            links
                .lock()
                .expect("links lock")
                .push((dest.to_string(), to.clone()));
            to
        };
        let html: Arc<str> = render(src, opts, &recording).into();
        let entry = Rendered {
            src: src.to_string(),
            opts: *opts,
            links: links.into_inner().expect("links lock"),
            html: html.clone(),
        };
        self.entries
            .lock()
            .expect("memo lock")
            .insert(key.to_string(), Arc::new(entry));
        html
    }

    /// Forgets bodies whose key `keep` rejects (documents no longer published).
    /// Keeps the entries `keep` accepts, when there are more than `files` of them
    /// (the documents of the run): otherwise, the few entries left of removed files
    /// cost less to keep than a look at every entry on every save.
    pub fn retain(&self, files: usize, keep: impl Fn(&str) -> bool) {
        let mut entries = self.entries.lock().expect("memo lock");
        if entries.len() > files {
            entries.retain(|k, _| keep(k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_again_when_text_options_or_link_target_change() {
        let memo = Memo::default();
        let opts = Options::default();
        let to = |t: &'static str| {
            move |d: &str| match d {
                "b.md" => Target::To(t.to_string()),
                _ => Target::AsWritten,
            }
        };
        assert!(memo
            .render("a.md", "[b](b.md) 一", &opts, &to("x/"))
            .contains("href=\"x/\""));
        assert!(memo
            .render("a.md", "[b](b.md) 二", &opts, &to("x/"))
            .contains("二"));
        assert!(memo
            .render("a.md", "[b](b.md) 二", &opts, &to("y/"))
            .contains("href=\"y/\""));
        assert!(memo
            .render("a.md", "[b](b.md) 二", &opts, &|_| Target::AsWritten)
            .contains("href=\"b.md\""));
        let raw = Options { unsafe_html: true };
        assert!(memo
            .render("a.md", "<b onclick=\"x\">粗</b>", &raw, &|_| {
                Target::AsWritten
            })
            .contains("onclick"));
        assert!(!memo
            .render("a.md", "<b onclick=\"x\">粗</b>", &opts, &|_| {
                Target::AsWritten
            })
            .contains("onclick"));
    }

    #[test]
    fn a_key_changes_with_all_a_body_is_made_from() {
        let opts = Options::default();
        let raw = Options { unsafe_html: true };
        let none = |_: &str| Target::AsWritten;
        let keys = Memo::keys(1);
        let key = |m: &Memo, file: &str, src: &str, o: &Options| m.render(file, src, o, &none);
        let first = key(&keys, "a/x.md", "[b](b.md)", &opts);
        assert_eq!(first, key(&keys, "a/x.md", "[b](b.md)", &opts));
        assert!(!first.contains("href"), "not rendered: {first}");
        for other in [
            key(&keys, "b/x.md", "[b](b.md)", &opts),
            key(&keys, "a/x.md", "[b](c.md)", &opts),
            key(&keys, "a/x.md", "[b](b.md)", &raw),
            key(&Memo::keys(2), "a/x.md", "[b](b.md)", &opts),
        ] {
            assert_ne!(first, other);
        }
    }

    #[test]
    fn an_unchanged_body_is_not_rendered_again() {
        let memo = Memo::default();
        let opts = Options::default();
        let first = memo.render("a.md", "正文", &opts, &|_| Target::AsWritten);
        let second = memo.render("a.md", "正文", &opts, &|_| Target::AsWritten);
        assert!(Arc::ptr_eq(&first, &second));
    }
}
