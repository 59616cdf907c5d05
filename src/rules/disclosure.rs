//! `disclosure/*`: "review first, publish after" (先审查、后公开).
//!
//! The record's presence and completeness, and the reason and legal basis of
//! withheld documents, are checked while loading (src/document.rs); here are the
//! rules that compare the record with the rest of the document.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::{Document, Verdict, ALLOWED_CONCLUSIONS_EN, ALLOWED_CONCLUSIONS_ZH};
use crate::model::taxonomy::Disclosure;
use crate::rules::RuleContext;

pub fn review_before_publication(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
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

/// `disclosure/review-not-approved` and `disclosure/review-redaction`: a document
/// that will be published needs a conclusion from the closed list. These fire exactly
/// when [`crate::model::document::Review::approves`] (which `publish` obeys) says no.
pub fn review_approves(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some(r) = &doc.review else { return };
    if !RuleContext::will_publish(doc) || r.approves() {
        return;
    }
    let at = doc.line_of("review");
    let c = r.conclusion.as_str();
    let diagnostic = match r.verdict() {
        Verdict::Partial => Diagnostic::error("disclosure/review-redaction", &doc.file)
            .at(at)
            .msg(
                "审查结论是部分公开，但没有写明删除了哪些内容，文件不能发布",
                "the review concludes 部分公开 (partly public) but does not state what was removed, so the document may not be published",
            )
            .fix(
                "在 review 下加一行 redacted（删除内容说明），写明从公开文本中删除了哪些内容、为什么删除，例如“redacted: 删除了第三部分涉及国家秘密的内容”；只写说明，不要写被删除的内容本身，正文和附件中也必须已经删去这些内容",
                "add `  redacted: ...` under review, stating what was removed from the published text and why (describe it, do not quote it); the body must already be without it",
            ),
        Verdict::Approve => Diagnostic::error("disclosure/review-redaction", &doc.file)
            .at(at)
            .msg(
                format!("审查结论是“{c}”（全文公开），却写了删除内容说明（redacted），两者矛盾，文件不能发布"),
                format!("the review concludes \"{c}\" (public in full) yet states that content was removed (redacted): the record contradicts itself, so the document may not be published"),
            )
            .fix(
                "删除了内容的，把审查结论改为部分公开；全文公开的，删去 redacted 一行",
                "if content was removed, write conclusion: 部分公开; if the document is published in full, delete the redacted line",
            ),
        Verdict::Other => Diagnostic::error("disclosure/review-not-approved", &doc.file)
            .at(at)
            .msg(
                format!("保密审查结论“{c}”不是同意公开，文件却标为主动公开，不能发布。审查结论只能是：{ALLOWED_CONCLUSIONS_ZH}"),
                format!("review conclusion \"{c}\" does not approve publication, yet the document is 主动公开, so it may not be published. Allowed conclusions: {ALLOWED_CONCLUSIONS_EN}"),
            )
            .fix(
                "审查同意公开的，把结论改为上面之一；审查不同意公开的，把公开属性改为依申请公开或不予公开，并写明不公开理由和依据；还没有审查完的，先写 draft: true",
                "if the review approves, write one of the allowed conclusions; if it refuses, change disclosure to 依申请公开 or 不予公开 with withheld_reason and withheld_basis; if the review is not finished, mark the file draft: true",
            ),
    };
    out.push(diagnostic);
}

/// `disclosure/held-back`: a note (never an error) naming each document kept off
/// the portal for a reason staff can fix, with that reason, so that `build` and
/// `check` say which file waits and why, not only how many. 依申请公开 and 不予公开
/// documents are withheld on purpose and only counted. The reasons follow
/// [`crate::model::publication::withheld_because`], which `publish` obeys.
pub fn held_back(today: chrono::NaiveDate, doc: &Document, out: &mut Diagnostics) {
    use crate::model::publication::{withheld_because, Withheld};
    let Some(why) = withheld_because(doc, today) else {
        return;
    };
    let at = match why {
        Withheld::Draft => doc.line_of("draft"),
        Withheld::Scheduled => doc.line_of("published"),
        _ => doc.line_of("review").or(doc.line_of("published")),
    };
    let (zh, en, fix_zh, fix_en): (String, String, &str, &str) = match why {
        Withheld::OnRequest | Withheld::NotDisclosed => return,
        Withheld::Draft => (
            "草稿（draft: true），暂不发布".into(),
            "a draft (draft: true): not published yet".into(),
            "审查完成、可以发布时，删去 draft: true 一行",
            "when the review is done and the document may go out, delete the line draft: true",
        ),
        Withheld::Scheduled => {
            let date = doc.published.map(|d| d.to_string()).unwrap_or_default();
            (
                format!("发布日期 {date} 还没到，暂不发布；到期后重新构建即发布"),
                format!("its publication date {date} has not come: it is published by the first build on or after that day"),
                "无需处理；如要提前发布，改发布日期",
                "nothing to do; to publish earlier, change the publication date",
            )
        }
        Withheld::Unreviewed => match &doc.review {
            None => (
                "没有保密审查记录，暂不发布".into(),
                "there is no confidentiality review record: not published".into(),
                "审查后在 review 下写明审查人、审查日期和审查结论",
                "after the review, write reviewer, date and conclusion under review",
            ),
            Some(r) if r.conclusion.trim().is_empty() => (
                "保密审查记录不完整（没有审查结论），暂不发布".into(),
                "the review record is incomplete (no conclusion): not published".into(),
                "在 review 下写明审查结论，例如 conclusion: 同意公开",
                "write the conclusion under review, for example conclusion: 同意公开",
            ),
            Some(r) if r.verdict() == Verdict::Other => (
                format!("保密审查结论是“{}”，不同意公开，不发布", r.conclusion.trim()),
                format!("the review concludes \"{}\", which refuses publication: not published", r.conclusion.trim()),
                "审查不同意公开的，把公开属性改为依申请公开或不予公开并写明理由和依据；结论写错了的，改为同意公开",
                "if the review refuses, change disclosure to 依申请公开 or 不予公开 with reason and basis; if the conclusion is mistyped, correct it",
            ),
            Some(_) if doc.published.is_none() => (
                "没有发布日期，暂不发布".into(),
                "it has no publication date: not published".into(),
                "写上发布日期，例如 published: 2025-03-04",
                "write the publication date, for example published: 2025-03-04",
            ),
            Some(_) => (
                "保密审查记录不完整（部分公开须写删除内容说明，全文公开不应写），暂不发布".into(),
                "the review record is incomplete (部分公开 needs a redacted statement, full approval must not have one): not published".into(),
                "按审查结论补全或删去 redacted 一行",
                "complete or delete the redacted line to match the conclusion",
            ),
        },
    };
    out.push(
        Diagnostic::info("disclosure/held-back", &doc.file)
            .at(at.or(Some(1)))
            .msg(format!("未发布：{zh}"), format!("held back: {en}"))
            .fix(fix_zh, fix_en),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture, WITHHELD as WITHHELD_FIELDS};

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
        // An unfilled record, as `zwgk new` writes it, is no record.
        let unfilled = "{reviewer: , date: , conclusion: }";
        f.write("content/g.md", &doc(7, &[("review", unfilled)], ""));
        f.write("content/h.md", &doc(8, &[("review", "~")], ""));
        f.write(
            "content/i.md",
            &doc(9, &[("review", unfilled), ("draft", "true")], ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md disclosure/review-missing",
                "content/b.md disclosure/review-incomplete",
                "content/c.md disclosure/review-incomplete",
                "content/d.md disclosure/review-incomplete",
                "content/g.md disclosure/review-missing",
                "content/h.md disclosure/review-missing",
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
        let review = |c: &str| format!("{{reviewer: 王明, date: 2025-03-11, conclusion: \"{c}\"}}");
        let conclusions = [
            "不同意公开",
            "拒绝公开",
            "免予公开",
            "暂缓公开",
            "不予公开",
            "涉密",
            "待审查",
            "同意公开了",
            "可以公开",
            "同意公开",
            "公开",
        ];
        for (i, c) in conclusions.iter().enumerate() {
            let n = i as u32 + 1;
            f.write(
                &format!("content/{n:02}.md"),
                &doc(n, &[("review", &review(c))], ""),
            );
        }
        // Not published: a draft or a withheld document may carry any conclusion.
        f.write(
            "content/20.md",
            &doc(20, &[("review", &review("待审查")), ("draft", "true")], ""),
        );
        let mut withheld = WITHHELD_FIELDS.to_vec();
        let refused = review("不同意公开");
        withheld.push(("review", &refused));
        f.write("content/21.md", &doc(21, &withheld, ""));
        let expected: Vec<String> = (1..=8)
            .map(|n| format!("content/{n:02}.md disclosure/review-not-approved"))
            .collect();
        assert_eq!(f.findings(), expected);
    }

    #[test]
    fn partly_public_needs_a_statement_of_what_was_removed() {
        let f = Fixture::new();
        let review = |c: &str, redacted: &str| {
            format!("{{reviewer: 王明, date: 2025-03-11, conclusion: {c}{redacted}}}")
        };
        let r1 = review("部分公开", "");
        let r2 = review("部分公开", ", redacted: \"\"");
        let r3 = review("同意公开", ", redacted: 删除了附件二");
        let r4 = review("部分公开", ", redacted: 删除了附件二中的个人身份信息");
        let r5 = review("部分公开", ", 删除内容说明: 删除了附件二中的个人身份信息");
        for (n, r) in [&r1, &r2, &r3, &r4, &r5].into_iter().enumerate() {
            let n = n as u32 + 1;
            f.write(&format!("content/{n}.md"), &doc(n, &[("review", r)], ""));
        }
        f.write(
            "content/6.md",
            &doc(6, &[("review", &r1), ("draft", "true")], ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/1.md disclosure/review-redaction",
                "content/2.md disclosure/review-redaction",
                "content/3.md disclosure/review-redaction",
            ]
        );
    }

    #[test]
    fn held_back_documents_are_named_with_their_reason() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[("draft", "true")], ""));
        f.write("content/b.md", &doc(2, &[("published", "2026-01-05")], ""));
        f.write("content/c.md", &doc(3, &[], ""));
        f.write(
            "content/d.md",
            &doc(
                4,
                &[
                    ("disclosure", "依申请公开"),
                    WITHHELD_REASON,
                    WITHHELD_BASIS,
                ],
                "",
            ),
        );
        let config = crate::config::SiteConfig::load(f.root()).unwrap();
        let site = crate::load::load(f.root(), config, None);
        let today = chrono::NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
        let notes: Vec<_> = crate::rules::held_back(&site, today, &Default::default())
            .into_vec()
            .into_iter()
            .filter(|d| d.rule == "disclosure/held-back")
            .collect();
        assert_eq!(
            notes.len(),
            2,
            "the draft and the scheduled one: {notes:#?}"
        );
        assert_eq!(notes[0].file, "content/a.md");
        assert!(notes[0].message_zh.contains("草稿"));
        assert_eq!(notes[0].severity, crate::diagnostics::Severity::Info);
        assert!(
            notes[1].message_zh.contains("2026-01-05"),
            "{}",
            notes[1].message_zh
        );
        assert!(notes[1].message_en.contains("2026-01-05"));
    }
}
