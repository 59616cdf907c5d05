//! `disclosure/*`: "review first, publish after" (先审查、后公开).
//!
//! The record's presence and completeness, and the reason and legal basis of
//! withheld documents, are checked while loading (src/document.rs); here are the
//! rules that compare the record with the rest of the document.

use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::taxonomy::Disclosure;
use crate::validate::RuleContext;

pub fn review_before_publication(_: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    let (Some(r), Some(published)) = (&doc.review, doc.published) else {
        return;
    };
    if r.date > published && doc.disclosure == Disclosure::Proactive {
        out.push(
            Diagnostic::error("disclosure/review-after-publication", &doc.file)
                .at(doc.line_of("review"))
                .msg(
                    format!(
                        "保密审查日期 {} 晚于发布日期 {published}，违反“先审查、后公开”",
                        r.date
                    ),
                    format!(
                        "review date {} is after publication {published}: review must come first",
                        r.date
                    ),
                )
                .fix(
                    "核对审查日期和发布日期",
                    "check the review date and the publication date",
                ),
        );
    }
}

pub fn review_approves(_: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(r) = &doc.review else { return };
    if RuleContext::will_publish(doc) && !r.approves() {
        out.push(
            Diagnostic::error("disclosure/review-not-approved", &doc.file)
                .at(doc.line_of("review"))
                .msg(
                    format!("保密审查结论“{}”不是同意公开，文件却标为主动公开", r.conclusion),
                    format!("review conclusion \"{}\" does not approve publication, yet the document is 主动公开", r.conclusion),
                )
                .fix(
                    "审查同意后把结论写为“同意公开”；不能公开的请把公开属性改为依申请公开或不予公开",
                    "write 同意公开 once approved, or change disclosure to 依申请公开 / 不予公开",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture};

    const WITHHELD_REASON: (&str, &str) = ("withheld_reason", "涉及个人隐私");
    const WITHHELD_BASIS: (&str, &str) = (
        "withheld_basis",
        "《中华人民共和国政府信息公开条例》第十五条",
    );

    #[test]
    fn withheld_documents_need_reason_and_basis() {
        let f = Fixture::new();
        let on_request = ("disclosure", "依申请公开");
        let not_disclosed = ("disclosure", "不予公开");
        f.write("content/a.md", &doc(1, &[on_request, WITHHELD_BASIS], ""));
        f.write(
            "content/b.md",
            &doc(2, &[not_disclosed, WITHHELD_REASON], ""),
        );
        f.write(
            "content/c.md",
            &doc(
                3,
                &[
                    not_disclosed,
                    WITHHELD_REASON,
                    WITHHELD_BASIS,
                    ("review", ""),
                ],
                "",
            ),
        );
        f.write(
            "content/d.md",
            &doc(4, &[on_request, WITHHELD_REASON, WITHHELD_BASIS], ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md disclosure/withheld-reason",
                "content/b.md disclosure/withheld-basis"
            ]
        );
    }

    #[test]
    fn proactive_documents_need_a_complete_review_record() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[("review", "")], ""));
        f.write(
            "content/b.md",
            &doc(2, &[("review", "{reviewer: 王明, date: 2025-03-11}")], ""),
        );
        f.write(
            "content/c.md",
            &doc(
                3,
                &[("review", "{reviewer: 王明, conclusion: 同意公开}")],
                "",
            ),
        );
        f.write(
            "content/d.md",
            &doc(
                4,
                &[("review", "{date: 2025-03-11, conclusion: 同意公开}")],
                "",
            ),
        );
        // A draft may wait for its review; a complete record passes.
        f.write(
            "content/e.md",
            &doc(5, &[("review", ""), ("draft", "true")], ""),
        );
        f.write("content/f.md", &doc(6, &[], ""));
        assert_eq!(
            f.findings(),
            [
                "content/a.md disclosure/review-missing",
                "content/b.md disclosure/review-incomplete",
                "content/c.md disclosure/review-incomplete",
                "content/d.md disclosure/review-incomplete",
            ]
        );
    }

    #[test]
    fn review_must_not_be_dated_after_publication() {
        let f = Fixture::new();
        let review = |date: &str| format!("{{reviewer: 王明, date: {date}, conclusion: 同意公开}}");
        f.write(
            "content/a.md",
            &doc(1, &[("review", &review("2025-03-13"))], ""),
        );
        f.write(
            "content/b.md",
            &doc(2, &[("review", &review("2025-03-12"))], ""),
        );
        f.write(
            "content/c.md",
            &doc(3, &[("review", &review("2025-03-01"))], ""),
        );
        assert_eq!(
            f.findings(),
            ["content/a.md disclosure/review-after-publication"]
        );
    }

    #[test]
    fn review_must_approve_a_proactive_document() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[(
                    "review",
                    "{reviewer: 王明, date: 2025-03-11, conclusion: 不同意公开}",
                )],
                "",
            ),
        );
        f.write(
            "content/b.md",
            &doc(
                2,
                &[(
                    "review",
                    "{reviewer: 王明, date: 2025-03-11, conclusion: 可以公开}",
                )],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            ["content/a.md disclosure/review-not-approved"]
        );
    }
}
