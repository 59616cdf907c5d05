//! `dates/*`: formation before publication; publication dates still to come.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::rules::RuleContext;

pub fn created_before_published(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some(published) = doc.published else {
        return;
    };
    if doc.created > published {
        out.push(
            Diagnostic::error("dates/created-after-published", &doc.file)
                .at(doc.line_of("created"))
                .msg(
                    format!("成文日期 {} 晚于发布日期 {published}", doc.created),
                    format!("created {} is after published {published}", doc.created),
                )
                .fix(
                    "核对两个日期：文件先成文、后发布",
                    "check both dates: a document is formed before it is published",
                ),
        );
    }
}

/// A scheduled publication is fine: the document is left out until its day, so a
/// daily CI build publishes it on time. The warning makes sure it is intended.
pub fn future_publication(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    match doc.published {
        Some(p) if p > cx.today && RuleContext::will_publish(doc) => out.push(
            Diagnostic::warning("dates/future-publication", &doc.file)
                .at(doc.line_of("published"))
                .msg(
                    format!("发布日期 {p} 在今天之后：到那天之前不会发布"),
                    format!("published {p} is in the future: the document is left out until that day"),
                )
                .fix(
                    "如属定时发布，无需修改（每天自动构建一次即可按时发布）；否则改正发布日期",
                    "nothing to do for a scheduled publication (a daily build publishes it on time); otherwise correct the date",
                ),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture};

    #[test]
    fn formation_after_publication_is_an_error() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[("created", "2025-03-12"), ("published", "2025-03-11")],
                "",
            ),
        );
        f.write(
            "content/b.md",
            &doc(
                2,
                &[("created", "2025-03-11"), ("published", "2025-03-11")],
                "",
            ),
        );
        assert_eq!(f.findings(), ["content/a.md dates/created-after-published"]);
    }

    #[test]
    fn future_publication_is_a_warning_but_not_for_withheld_documents() {
        let f = Fixture::new();
        let formed = ("created", "2025-11-28");
        f.write(
            "content/a.md",
            &doc(1, &[formed, ("published", "2025-12-01")], ""),
        );
        f.write(
            "content/b.md",
            &doc(
                2,
                &[formed, ("published", "2025-12-01"), ("draft", "true")],
                "",
            ),
        );
        f.write(
            "content/c.md",
            &doc(3, &[formed, ("published", "2025-11-30")], ""),
        );
        assert_eq!(
            f.findings(),
            ["content/a.md dates/future-publication (warning)"]
        );
    }
}
