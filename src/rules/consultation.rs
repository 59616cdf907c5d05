//! `consultation/*`: drafts put out for public comment (意见征集, 决策公开). A
//! consultation states its window, which is at least 30 days unless a reason is
//! given (《重大行政决策程序暂行条例》第十四条); once it has ended, the feedback on
//! the comments (意见采纳情况) is published within `[lifecycle] feedback_days`. The
//! feedback document (`feedback_for`) and the final decision (`consulted`) name the
//! draft by its index number, and the pages link them both ways.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::model::lifecycle::MIN_CONSULTATION_DAYS;
use crate::rules::validity::target_problem;
use crate::rules::RuleContext;
use std::collections::HashSet;

/// A window shorter than 30 days needs its reason (`short_reason`).
pub fn short_window(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some(c) = &doc.life().consultation else {
        return;
    };
    if !RuleContext::will_publish(doc)
        || c.days() >= MIN_CONSULTATION_DAYS
        || c.short_reason.is_some()
    {
        return;
    }
    let days = c.days();
    out.push(
        Diagnostic::warning("consultation/short-window", &doc.file)
            .at(doc.line_of("consultation"))
            .msg(
                format!("意见征集只有 {days} 天（{} 至 {}），少于 30 天，也没有说明理由", c.start, c.end),
                format!("the consultation lasts {days} day(s) ({} to {}), less than 30, and gives no reason", c.start, c.end),
            )
            .fix(
                "征求意见期限一般不少于 30 日（《重大行政决策程序暂行条例》第十四条）：延长截止日期，或在 consultation 下加一行 short_reason: 期限较短的理由",
                "a consultation normally lasts at least 30 days: extend the end date, or add `short_reason: <why>` under consultation",
            ),
    );
}

/// `feedback_for` and `consulted` name a published consultation of the site.
pub fn targets(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let life = doc.life();
    let day = cx.publication_day(doc);
    for (key, target) in [
        ("feedback_for", &life.feedback_for),
        ("consulted", &life.consulted),
    ] {
        let Some(target) = target else { continue };
        let problem = target_problem(cx, doc, target, day).or_else(|| {
            let t = cx.by_index.get(target.as_str())?;
            t.life().consultation.is_none().then(|| {
                (
                    "该文件不是意见征集（没有 consultation）".to_string(),
                    "that document is no consultation (it has no `consultation`)".to_string(),
                )
            })
        });
        let Some((zh, en)) = problem else { continue };
        let (what_zh, what_en) = match key {
            "feedback_for" => (
                "意见采纳情况所对应的征求意见稿",
                "the consultation this feedback reports on",
            ),
            _ => (
                "本决定的征求意见稿",
                "the consultation draft of this decision",
            ),
        };
        out.push(
            Diagnostic::error("consultation/target", &doc.file)
                .at(doc.line_of(key))
                .msg(
                    format!("{key}“{target}”无效：{zh}"),
                    format!("{key} \"{target}\": {en}"),
                )
                .fix(
                    format!("填写{what_zh}的索引号；该文件须写有 consultation，已审查、主动公开，发布日期不晚于本文件"),
                    format!("give the index number of {what_en}: a published document with `consultation`, published no later than this one"),
                ),
        );
    }
}

/// A consultation that ended more than `feedback_days` ago has its feedback on the portal.
pub fn feedback_published(cx: &RuleContext, out: &mut Diagnostics) {
    let days = i64::from(cx.site.config.lifecycle.feedback_days);
    let answered: HashSet<&str> = cx
        .site
        .documents
        .iter()
        .filter(|d| RuleContext::published_by(d, cx.today))
        .filter_map(|d| d.life().feedback_for.as_deref())
        .collect();
    for doc in &cx.site.documents {
        let Some(c) = &doc.life().consultation else {
            continue;
        };
        if !RuleContext::published_by(doc, cx.today)
            || (cx.today - c.end).num_days() <= days
            || answered.contains(doc.index_no.as_str())
        {
            continue;
        }
        let ago = (cx.today - c.end).num_days();
        let index_no = &doc.index_no;
        out.push(
            Diagnostic::warning("consultation/no-feedback", &doc.file)
                .at(doc.line_of("consultation"))
                .msg(
                    format!("意见征集已于 {} 结束（{ago} 天前），还没有公布意见采纳情况", c.end),
                    format!("the consultation ended on {} ({ago} days ago) and no feedback on the comments is published", c.end),
                )
                .fix(
                    format!("公布意见采纳情况：新建文件（如“关于……征求意见采纳情况的说明”），写 feedback_for: {index_no}；征集结束后 {days} 天内公布（site.toml 的 [lifecycle] feedback_days）"),
                    format!("publish the feedback: a document with `feedback_for: {index_no}`, within {days} days of the end ([lifecycle] feedback_days in site.toml)"),
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture, WITHHELD};

    fn consultation(start: &str, end: &str, extra: &str) -> String {
        format!(
            "{{start: {start}, end: {end}, channels: [电子邮件 a@example.gov.cn, 信函]{extra}}}"
        )
    }

    #[test]
    fn a_window_under_thirty_days_needs_a_reason() {
        let f = Fixture::new();
        // Today is 2025-11-30: all still open or in the future, so no feedback is due.
        let c29 = consultation("2025-11-20", "2025-12-18", "");
        let c30 = consultation("2025-11-20", "2025-12-19", "");
        let reason = consultation(
            "2025-11-20",
            "2025-12-01",
            ", short_reason: 上级要求限期完成",
        );
        f.write("content/short.md", &doc(1, &[("consultation", &c29)], ""));
        f.write("content/thirty.md", &doc(2, &[("consultation", &c30)], ""));
        f.write("content/reason.md", &doc(3, &[("意见征集", &reason)], ""));
        let mut withheld = WITHHELD.to_vec();
        withheld.push(("consultation", &c29));
        f.write("content/withheld.md", &doc(4, &withheld, ""));
        assert_eq!(
            f.findings(),
            ["content/short.md consultation/short-window (warning)"]
        );
        assert!(f.single_finding().message_zh.contains("只有 29 天"));
    }

    #[test]
    fn malformed_consultations_are_errors() {
        let f = Fixture::new();
        f.write(
            "content/a.md",
            &doc(1, &[("consultation", "{start: 2025-11-20}")], ""),
        );
        f.write(
            "content/b.md",
            &doc(
                2,
                &[("consultation", "{start: 2025-11-20, end: 2025-11-01}")],
                "",
            ),
        );
        f.write(
            "content/c.md",
            &doc(
                3,
                &[(
                    "consultation",
                    "{start: 2025-11-20, end: 2025-12-31, by: 电话}",
                )],
                "",
            ),
        );
        f.write(
            "content/d.md",
            &doc(4, &[("consultation", "2025-11-20")], ""),
        );
        f.write(
            "content/e.md",
            &doc(
                5,
                &[(
                    "consultation",
                    "{开始日期: 2025-11-20, 截止日期: 2025-12-32}",
                )],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md schema/consultation",
                "content/b.md consultation/dates",
                "content/c.md schema/unknown-key",
                "content/d.md schema/consultation",
                "content/e.md schema/date",
            ]
        );
    }

    #[test]
    fn feedback_is_due_after_the_set_days() {
        let f = Fixture::with_config("0371-12345678", "[lifecycle]\nfeedback_days = 10\n");
        // Today is 2025-11-30.
        let ended = |end: &str| consultation("2025-09-01", end, "");
        f.write(
            "content/due.md",
            &doc(1, &[("consultation", &ended("2025-11-19"))], ""),
        );
        f.write(
            "content/not-yet.md",
            &doc(2, &[("consultation", &ended("2025-11-20"))], ""),
        );
        f.write(
            "content/answered.md",
            &doc(3, &[("consultation", &ended("2025-10-01"))], ""),
        );
        f.write(
            "content/feedback.md",
            &doc(4, &[("feedback_for", "005283492/2025-00003")], ""),
        );
        // Feedback that is a draft, or withheld, does not count.
        f.write(
            "content/draft-answered.md",
            &doc(5, &[("consultation", &ended("2025-10-01"))], ""),
        );
        f.write(
            "content/draft-feedback.md",
            &doc(
                6,
                &[("feedback_for", "005283492/2025-00005"), ("draft", "true")],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            [
                "content/draft-answered.md consultation/no-feedback (warning)",
                "content/due.md consultation/no-feedback (warning)",
            ]
        );
        let d = &f.check().into_vec()[1];
        assert!(d.message_zh.contains("11 天前"), "{}", d.message_zh);
        assert!(
            d.fix_zh.contains("feedback_for: 005283492/2025-00001"),
            "{}",
            d.fix_zh
        );
    }

    #[test]
    fn the_default_is_thirty_days() {
        let f = Fixture::new();
        let ended = |end: &str| consultation("2025-09-01", end, "");
        f.write(
            "content/due.md",
            &doc(1, &[("consultation", &ended("2025-10-30"))], ""),
        );
        f.write(
            "content/not-yet.md",
            &doc(2, &[("consultation", &ended("2025-10-31"))], ""),
        );
        assert_eq!(
            f.findings(),
            ["content/due.md consultation/no-feedback (warning)"]
        );
    }

    #[test]
    fn feedback_and_decisions_name_a_published_consultation() {
        let f = Fixture::new();
        let c = consultation("2025-03-12", "2025-04-30", "");
        f.write("content/draft.md", &doc(1, &[("consultation", &c)], ""));
        f.write("content/plain.md", &doc(2, &[], ""));
        let mut withheld = WITHHELD.to_vec();
        withheld.push(("consultation", &c));
        f.write("content/secret.md", &doc(3, &withheld, ""));
        f.write(
            "content/feedback.md",
            &doc(10, &[("feedback_for", "005283492/2025-00001")], ""),
        );
        f.write(
            "content/decision.md",
            &doc(11, &[("consulted", "005283492/2025-00001")], ""),
        );
        f.write(
            "content/to-plain.md",
            &doc(12, &[("feedback_for", "005283492/2025-00002")], ""),
        );
        f.write(
            "content/to-secret.md",
            &doc(13, &[("consulted", "005283492/2025-00003")], ""),
        );
        f.write(
            "content/to-none.md",
            &doc(14, &[("consulted", "005283492/2025-00099")], ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/to-none.md consultation/target",
                "content/to-plain.md consultation/target",
                "content/to-secret.md consultation/target",
            ]
        );
    }
}
