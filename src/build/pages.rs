//! Rendering with caches (`serve`): a page is rendered again only when its
//! fingerprint changed, a hash of its whole context and of the sources of its
//! template and every template that one extends, includes or imports. Those are all
//! a page is made from. When nothing but document bodies changed (the usual save:
//! text edited below the summary), even fingerprinting is skipped: a body is shown
//! only on its own document's page, so only the pages of re-parsed documents are
//! looked at.

use super::{Bytes, Sink};
use crate::diagnostics::Diagnostics;
use crate::plan;
use crate::publish::site::Site;
use crate::render::Renderer;
use crate::util::fingerprint::{hash_of, Fingerprint};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Clone)]
pub(super) struct RenderedPage {
    pub fingerprint: u128,
    /// For a document's page: the parse of the document it shows (see [`DocumentCache`]).
    pub parse: Option<u64>,
    pub html: Arc<[u8]>,
}

/// Whether a planned page could be taken over without computing its fingerprint
/// (kept as it was: inputs other than bodies unchanged, and not a re-parsed
/// document's page), and if not, whether it had to be rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Fingerprint unchanged.
    Unchanged,
    Rendered,
}

/// Every planned page, rendered anew only where its fingerprint changed, each handed
/// to `sink` once made. With `only_bodies_changed`, a page is taken over unless it
/// shows a re-parsed document. `last_pages` holds the pages of the last successful
/// run; `parses`, which parse each of `site.docs` comes from. Returns the pages that
/// are not the last run's as they were (those taken over unlooked-at are left out).
#[allow(clippy::too_many_arguments)]
pub(super) fn render_changed(
    last_pages: &FxHashMap<String, RenderedPage>,
    site: &Site,
    renderer: &Renderer,
    plan: &plan::Plan,
    shared: &SharedInputs,
    parses: &[Option<u64>],
    only_bodies_changed: bool,
    sink: &dyn Sink,
) -> Result<Vec<(String, RenderedPage, Outcome)>, Diagnostics> {
    let made: Vec<Option<_>> = plan
        .pages
        .par_iter()
        .map(|page| {
            // A document's page shows its body; no other page shows any body.
            let (parse, shows_body) = match page.kind {
                plan::PageKind::Document(i) => (parses[i], true),
                _ => (None, false),
            };
            let last = last_pages.get(&page.output);
            let body_unchanged = !shows_body || parse.is_some();
            if let Some(last) =
                last.filter(|l| only_bodies_changed && body_unchanged && l.parse == parse)
            {
                sink.file(&page.output, Bytes::Shared(last.html.clone()))?;
                return Ok(None);
            }
            let mut fp = Fingerprint::default();
            let template = renderer.context(site, page, &mut fp)?;
            fp.add(shared.site);
            // A template missing from the theme fails to render anyway.
            fp.add(shared.templates.get(template).copied().unwrap_or_default());
            let fingerprint = fp.finish();
            if let Some(last) = last.filter(|p| p.fingerprint == fingerprint) {
                let page_now = RenderedPage {
                    parse,
                    ..last.clone()
                };
                sink.file(&page.output, Bytes::Shared(page_now.html.clone()))?;
                return Ok(Some((page.output.clone(), page_now, Outcome::Unchanged)));
            }
            let html = renderer.render(site, page)?;
            let rendered = RenderedPage {
                fingerprint,
                parse,
                html: html.into(),
            };
            sink.file(&page.output, Bytes::Shared(rendered.html.clone()))?;
            Ok(Some((page.output.clone(), rendered, Outcome::Rendered)))
        })
        .collect::<Result<_, Diagnostics>>()?;
    Ok(made.into_iter().flatten().collect())
}

/// `build` with a page manifest: every planned page, each handed to `sink` with its
/// fingerprint. With `earlier`, a page whose fingerprint the sink still holds
/// ([`Sink::keep_page`]) is not rendered. The fingerprint is the context as `keys`
/// makes it: a document's body is there by a key of all it is rendered from
/// ([`crate::markdown::Memo::keys`]), not rendered. Returns how many pages were rendered.
pub(super) fn render_remembered(
    site: &Site,
    renderer: &Renderer,
    keys: &Renderer,
    plan: &plan::Plan,
    shared: &SharedInputs,
    earlier: bool,
    sink: &dyn Sink,
) -> Result<usize, Diagnostics> {
    let rendered = AtomicUsize::new(0);
    plan.pages.par_iter().try_for_each(|page| {
        let mut fp = Fingerprint::default();
        let template = keys.context(site, page, &mut fp)?;
        fp.add(shared.site);
        fp.add(shared.templates.get(template).copied().unwrap_or_default());
        let fingerprint = fp.finish();
        if earlier && sink.keep_page(&page.output, fingerprint)? {
            return Ok(());
        }
        let html = renderer.render(site, page)?;
        rendered.fetch_add(1, Ordering::Relaxed);
        sink.page(&page.output, Bytes::Owned(html), fingerprint)
    })?;
    Ok(rendered.into_inner())
}

/// Hashes of what every page is rendered from besides its own context.
pub(super) struct SharedInputs {
    /// The site-wide data (`site` in templates).
    pub site: u128,
    /// Per template, see [`template_hashes`].
    pub templates: HashMap<String, u128>,
}

/// Per template, a hash of its source and of the sources of every template it
/// extends, includes or imports, transitively, and of the header and footer every
/// page is made with ([`crate::render::chrome_templates`]).
pub(super) fn template_hashes(templates: &BTreeMap<String, String>) -> HashMap<String, u128> {
    templates
        .keys()
        .map(|name| {
            let mut used = BTreeSet::new();
            let mut todo: Vec<&str> = crate::render::chrome_templates().collect();
            todo.push(name);
            while let Some(t) = todo.pop() {
                if used.insert(t) {
                    todo.extend(
                        templates
                            .get(t)
                            .map(|src| referenced_templates(src))
                            .unwrap_or_default(),
                    );
                }
            }
            let sources: Vec<(&str, Option<&String>)> =
                used.into_iter().map(|t| (t, templates.get(t))).collect();
            (name.clone(), hash_of(&sources))
        })
        .collect()
}

/// The names in a template's `extends`, `include` and `import` tags. Every quoted
/// string in such a tag counts: finding too many only re-renders more.
fn referenced_templates(src: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = src;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches('-').trim_start();
        if ["extends", "include", "import"]
            .iter()
            .any(|kw| tag.starts_with(kw))
        {
            names.extend(quoted(tag));
        }
        rest = &after[end..];
    }
    names
}

fn quoted(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        let q = rest[open..].chars().next().expect("found a quote");
        let inner = &rest[open + 1..];
        let Some(close) = inner.find(q) else { break };
        out.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_templates_a_template_uses() {
        let src = r#"{% extends "base.html" %}{%- include "partials/a.html" -%}
            {% import 'macros.html' as m %}{% include ["x.html", "y.html"] ignore missing %}
            {{ "not.html" }}{% if a %}{% endif %}"#;
        assert_eq!(
            referenced_templates(src),
            [
                "base.html",
                "partials/a.html",
                "macros.html",
                "x.html",
                "y.html"
            ]
        );
    }

    #[test]
    fn a_template_hash_covers_what_it_extends_and_includes() {
        let mut t = BTreeMap::new();
        t.insert(
            "base.html".to_string(),
            r#"{% include "p.html" %}"#.to_string(),
        );
        t.insert("p.html".to_string(), "p".to_string());
        t.insert(
            "doc.html".to_string(),
            r#"{% extends "base.html" %}"#.to_string(),
        );
        t.insert("other.html".to_string(), "o".to_string());
        let before = template_hashes(&t);
        t.insert("p.html".to_string(), "p2".to_string());
        let after = template_hashes(&t);
        assert_ne!(before["doc.html"], after["doc.html"]);
        assert_ne!(before["base.html"], after["base.html"]);
        assert_eq!(before["other.html"], after["other.html"]);
    }

    #[test]
    fn every_template_hash_covers_the_header_and_footer() {
        let mut t = BTreeMap::new();
        t.insert(
            "page.html".to_string(),
            "{{ header_html | safe }}".to_string(),
        );
        t.insert(
            "partials/header.html".to_string(),
            r#"{% include "partials/tools.html" %}"#.to_string(),
        );
        t.insert("partials/tools.html".to_string(), "t".to_string());
        t.insert("partials/footer.html".to_string(), "f".to_string());
        let before = template_hashes(&t);
        for (partial, text) in [
            ("partials/footer.html", "f2"),
            ("partials/tools.html", "t2"),
        ] {
            let mut changed = t.clone();
            changed.insert(partial.to_string(), text.to_string());
            assert_ne!(
                before["page.html"],
                template_hashes(&changed)["page.html"],
                "{partial}"
            );
        }
    }
}
