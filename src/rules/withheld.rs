//! `withheld/*`: withheld information is reviewed again (条例第十八条: 动态调整). A
//! 依申请公开 or 不予公开 document may carry `review_again` (复审日期); a site may
//! set a default interval for those that carry none (`[lifecycle] review_months`,
//! counted from the formation date). On that day `check` says so, naming the
//! document and its reason. Only the check: the document stays withheld, and
//! nothing of it reaches the portal.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::model::lifecycle::review_due;
use crate::model::taxonomy::Disclosure;
use crate::rules::RuleContext;

pub fn review_due_now(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if doc.disclosure == Disclosure::Proactive {
        return;
    }
    let months = cx.site.config.lifecycle.review_months;
    let Some(due) = review_due(doc, months) else {
        return;
    };
    if due > cx.today {
        return;
    }
    let reason = doc.withheld_reason.as_deref().unwrap_or("（未写）");
    let (since_zh, since_en) = if doc.life().review_again.is_some() {
        (
            format!("复审日期 {due} 已到"),
            format!("its review date {due} has come"),
        )
    } else {
        (
            format!("成文已满 {months} 个月（{due}），按 site.toml 的 [lifecycle] review_months 应当复审"),
            format!("{months} months have passed since it was formed ({due}), the interval of [lifecycle] review_months in site.toml"),
        )
    };
    out.push(
        Diagnostic::warning("withheld/review-due", &doc.file)
            .at(doc.line_of("review_again").or(doc.line_of("disclosure")))
            .msg(
                format!(
                    "{}的《{}》（{}）{since_zh}：不公开理由是“{reason}”，请复审是否仍不能公开",
                    doc.disclosure.zh(),
                    doc.title,
                    doc.index_no
                ),
                format!(
                    "{} document \"{}\" ({}): {since_en}; its reason is \"{reason}\": review whether it must still be withheld",
                    doc.disclosure.zh(),
                    doc.title,
                    doc.index_no
                ),
            )
            .fix(
                "复审后：可以公开的，改为 disclosure: 主动公开 并做保密审查；仍不能公开的，把 review_again 改为下次复审日期",
                "after the review: if it may now be published, make it 主动公开 with a confidentiality review; if not, set review_again to the next review date",
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture, WITHHELD};

    fn withheld(seq: u32, review_again: &str) -> String {
        let mut kv = WITHHELD.to_vec();
        if !review_again.is_empty() {
            kv.push(("复审日期", review_again));
        }
        doc(seq, &kv, "")
    }

    #[test]
    fn a_review_date_that_has_come_is_a_warning_naming_the_reason() {
        let f = Fixture::new();
        // Today is 2025-11-30.
        f.write("content/due.md", &withheld(1, "2025-11-30"));
        f.write("content/later.md", &withheld(2, "2025-12-01"));
        f.write("content/none.md", &withheld(3, ""));
        f.write(
            "content/public.md",
            &doc(4, &[("review_again", "2025-01-01")], ""),
        );
        assert_eq!(
            f.findings(),
            ["content/due.md withheld/review-due (warning)"]
        );
        let d = f.single_finding();
        assert!(
            d.message_zh.contains("属于内部事务信息"),
            "{}",
            d.message_zh
        );
        assert!(
            d.message_zh.contains("005283492/2025-00001"),
            "{}",
            d.message_zh
        );
    }

    #[test]
    fn a_site_interval_applies_to_documents_without_a_date() {
        let f = Fixture::with_config("0371-12345678", "[lifecycle]\nreview_months = 6\n");
        // Formed 2025-03-10: due 2025-09-10 with six months.
        f.write("content/none.md", &withheld(1, ""));
        f.write("content/own-date.md", &withheld(2, "2026-03-10"));
        assert_eq!(
            f.findings(),
            ["content/none.md withheld/review-due (warning)"]
        );
        assert!(f.single_finding().message_zh.contains("6 个月"));
    }
}
