//! `validity/*`: policies over time (有效性). A document names the documents that
//! repealed (`abolished_by`) or amended (`amended_by`) it; its page links to them,
//! so each must be on the portal by the day the link shows. Its dates must be in
//! order, its file must not keep saying 有效 once it is past its term or repealed,
//! and six months before its term ends `check` notes that it is time to evaluate it.
//!
//! Statuses are computed for the day of the check (`model::lifecycle`), as the
//! pages are for the day of the build.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::{DocRef, Document};
use crate::model::lifecycle::{abolished_on, evaluation_from, expired_on, in_force_on};
use crate::model::taxonomy::Validity;
use crate::rules::RuleContext;
use chrono::NaiveDate;

/// The documents named in `abolished_by` and `amended_by` are published documents
/// of the site by the day this document's page shows them.
pub fn linked_documents(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let life = doc.life();
    let shown = cx.publication_day(doc);
    if let Some(DocRef::Index(target)) = &life.abolished_by {
        // The page names the repealing document once the repeal is in effect (or
        // earlier, as a coming repeal, if that document is published already).
        let day = life.abolished.map_or(shown, |a| a.max(shown));
        if let Some((zh, en)) = target_problem(cx, doc, target, day) {
            out.push(
                Diagnostic::error("validity/abolished-by", &doc.file)
                    .at(doc.line_of("abolished_by"))
                    .msg(
                        format!("废止文件“{target}”无效：{zh}"),
                        format!("abolished_by \"{target}\": {en}"),
                    )
                    .fix(
                        format!("填写废止本文件的决定的索引号；该决定须已审查、不是草稿、主动公开，且发布日期不晚于 {day}（本文件页面显示废止的日子）。站外文件请写它的名称和文号"),
                        format!("give the index number of the published decision that repealed this document, published by {day} (when this page shows the repeal); for a document outside the portal, write its title and 文号"),
                    ),
            );
        }
    }
    for r in &life.amended_by {
        let DocRef::Index(target) = r else { continue };
        if let Some((zh, en)) = target_problem(cx, doc, target, shown) {
            out.push(
                Diagnostic::error("validity/amended-by", &doc.file)
                    .at(doc.line_of("amended_by"))
                    .msg(
                        format!("修改文件“{target}”无效：{zh}"),
                        format!("amended_by \"{target}\": {en}"),
                    )
                    .fix(
                        format!("填写修改本文件的决定的索引号；该决定须已审查、不是草稿、主动公开，且发布日期不晚于 {shown}。站外文件请写它的名称和文号"),
                        format!("give the index number of the published decision that amended this document, published by {shown}; for a document outside the portal, write its title and 文号"),
                    ),
            );
        }
    }
}

/// Why `target` cannot be linked from `doc` on `day`, if it cannot: it does not
/// exist, is `doc` itself, or is not on the portal by then.
pub(crate) fn target_problem(
    cx: &RuleContext,
    doc: &Document,
    target: &str,
    day: NaiveDate,
) -> Option<(String, String)> {
    match cx.by_index.get(target) {
        None => Some((
            "没有索引号为该值的文件".into(),
            "no document has this index number".into(),
        )),
        Some(t) if t.index_no == doc.index_no => Some((
            "不能是本文件自身".into(),
            "it is this document itself".into(),
        )),
        Some(t) if !RuleContext::published_by(t, day) => Some((
            format!("该文件到 {day} 还没有公开（未审查、草稿、不公开或发布日期更晚），本页面不能链接它"),
            format!("that document is not published by {day} (unreviewed, a draft, withheld or dated later), so this page cannot link to it"),
        )),
        _ => None,
    }
}

/// 废止 needs its date (for the annual report and the page) and what repealed it.
pub fn abolished_incomplete(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) {
        return;
    }
    let life = doc.life();
    let says_abolished = doc.validity == Validity::Abolished;
    if !(says_abolished || life.abolished.is_some() || life.abolished_by.is_some()) {
        return;
    }
    let (zh, en, fix_zh, fix_en) = match (life.abolished, &life.abolished_by) {
        (Some(_), Some(_)) => return,
        (None, Some(_)) => (
            "写了废止文件，但没有废止日期：年度报告的“本年废止件数”无法计入",
            "the repealing document is given but not the date of the repeal: the annual report cannot count it",
            "加一行 abolished: 废止日期（废止决定规定的生效日期，例如 2025-06-16）",
            "add `abolished: <the day the repeal took effect>`",
        ),
        (Some(_), None) => (
            "写了废止日期，但没有写废止文件：页面无法说明被哪个文件废止",
            "the date of the repeal is given but not the repealing document: the page cannot say what repealed it",
            "加一行 abolished_by: 废止决定的索引号；站外文件写它的名称和文号，例如 abolished_by: 《江州市人民政府关于废止部分规范性文件的决定》（江政〔2025〕3号）",
            "add `abolished_by: <index number of the repealing decision>`, or its title and 文号 when it is not on this portal",
        ),
        (None, None) => (
            "有效性写的是废止，但没有废止日期和废止文件",
            "validity is 废止 but neither the date of the repeal nor the repealing document is given",
            "加两行：abolished: 废止日期，abolished_by: 废止决定的索引号（站外文件写名称和文号）",
            "add `abolished: <date>` and `abolished_by: <index number, or title and 文号>`",
        ),
    };
    let line = doc
        .line_of("validity")
        .or(doc.line_of("abolished"))
        .or(doc.line_of("abolished_by"));
    out.push(
        Diagnostic::warning("validity/abolished-incomplete", &doc.file)
            .at(line)
            .msg(zh, en)
            .fix(fix_zh, fix_en),
    );
}

/// The file says 有效 (or 已修改), but on the day of the check the document is past
/// its `valid_until` or its `abolished` date: the page already shows 失效 or 废止.
pub fn still_says_valid(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if !RuleContext::will_publish(doc) || !doc.has_key("validity") || !doc.validity.in_force() {
        return;
    }
    let life = doc.life();
    let written = doc.validity.zh();
    let (zh, en, fix_zh, fix_en) = if abolished_on(doc, cx.today) {
        let date = life.abolished.unwrap_or(cx.today);
        (
            format!("有效性写的是“{written}”，但废止日期 {date} 已到，页面显示为废止"),
            format!("validity says {written}, but the document is repealed since {date}: the page shows 废止"),
            "把有效性改为 validity: 废止",
            "change validity to 废止",
        )
    } else if expired_on(doc, cx.today) {
        let until = life.valid_until.unwrap_or(cx.today);
        (
            format!("有效期至 {until}，已经过期，但有效性仍写“{written}”；页面已显示为失效"),
            format!("valid until {until}, which has passed, yet validity still says {written}; the page shows 失效"),
            "评估后：不再执行的，改为 validity: 失效；继续执行的，重新登记并把 valid_until 改为新的有效期",
            "after evaluation, write validity: 失效, or re-register the document and extend valid_until",
        )
    } else {
        return;
    };
    out.push(
        Diagnostic::warning("validity/still-says-valid", &doc.file)
            .at(doc.line_of("validity"))
            .msg(zh, en)
            .fix(fix_zh, fix_en),
    );
}

/// Six months before `valid_until`, a note: time to evaluate the document and,
/// if it stays in force, to re-register it with a new term.
pub fn expiring(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some(until) = doc.life().valid_until else {
        return;
    };
    if !RuleContext::will_publish(doc)
        || !in_force_on(doc, cx.today)
        || cx.today < evaluation_from(until)
    {
        return;
    }
    let days = (until - cx.today).num_days();
    out.push(
        Diagnostic::info("validity/expiring", &doc.file)
            .at(doc.line_of("valid_until"))
            .msg(
                format!("有效期至 {until}，还有 {days} 天到期：请组织评估，决定继续施行（重新登记、延长有效期）、修改或废止"),
                format!("valid until {until}, {days} day(s) from now: evaluate whether it stays in force (re-register, extend), is amended or repealed"),
            )
            .fix(
                "评估后按结论修改 valid_until、amended_by 或 abolished；到期不处理的，页面自动显示为失效",
                "after evaluation, update valid_until, amended_by or abolished; if nothing is done the page shows 失效 from the day after",
            ),
    );
}

/// The lifecycle dates are in order.
pub fn dates_in_order(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let life = doc.life();
    let mut problem = |key: &str, zh: String, en: String| {
        out.push(
            Diagnostic::error("validity/dates", &doc.file)
                .at(doc.line_of(key))
                .msg(zh, en)
                .fix(
                    "核对成文日期、施行日期、有效期至、废止日期和变更日期",
                    "check the dates: formed, in force, valid until, repealed, changed",
                ),
        );
    };
    let created = doc.created;
    if let (Some(from), Some(until)) = (life.effective, life.valid_until) {
        if until < from {
            problem(
                "valid_until",
                format!("有效期至 {until} 早于施行日期 {from}"),
                format!("valid_until {until} is before the date it took effect, {from}"),
            );
        }
    }
    if let Some(until) = life.valid_until.filter(|u| *u < created) {
        problem(
            "valid_until",
            format!("有效期至 {until} 早于成文日期 {created}"),
            format!("valid_until {until} is before the formation date {created}"),
        );
    }
    if let Some(a) = life.abolished.filter(|a| *a < created) {
        problem(
            "abolished",
            format!("废止日期 {a} 早于成文日期 {created}"),
            format!("abolished {a} is before the formation date {created}"),
        );
    }
    if let Some(u) = life.updated.filter(|u| *u < created) {
        problem(
            "updated",
            format!("变更日期 {u} 早于成文日期 {created}"),
            format!("updated {u} is before the formation date {created}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture, WITHHELD};

    fn fixture() -> Fixture {
        Fixture::new()
    }

    #[test]
    fn new_keys_are_read_with_their_chinese_names() {
        let f = fixture();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[
                    ("施行日期", "2025-04-01"),
                    ("有效期至", "2030-03-31"),
                    ("统一编号", "SFQD-2025-0001"),
                    ("修改文件", "[005283492/2025-00002]"),
                    ("变更日期", "2025-05-01"),
                    ("变更说明", "更正附件"),
                    ("联合发文机构", "[测试区财政局]"),
                ],
                "",
            ),
        );
        f.write("content/b.md", &doc(2, &[], ""));
        assert_eq!(f.findings(), Vec::<String>::new());
        let config = crate::config::SiteConfig::load(f.root()).unwrap();
        let loaded = crate::load::load(f.root(), config, None);
        let a = loaded
            .documents
            .iter()
            .find(|d| d.file == "content/a.md")
            .unwrap();
        let life = a.life();
        assert_eq!(life.register_no.as_deref(), Some("SFQD-2025-0001"));
        assert_eq!(life.valid_until.unwrap().to_string(), "2030-03-31");
        assert_eq!(
            life.amended_by,
            [crate::model::document::DocRef::Index(
                "005283492/2025-00002".into()
            )]
        );
        assert_eq!(a.co_publishers, ["czj"]);
    }

    #[test]
    fn malformed_values_are_errors_of_their_line() {
        let f = fixture();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[
                    ("effective", "2025-13-01"),
                    ("abolished_by", "005283492/25-1"),
                    ("amended_by", "{a: 1}"),
                    ("consulted", "《某决定》"),
                    ("co_publishers", "[nobody, qzf]"),
                    ("update_note", "更正"),
                ],
                "",
            ),
        );
        let mut found = f.findings();
        found.sort();
        assert_eq!(
            found,
            [
                "content/a.md index/malformed",
                "content/a.md index/malformed",
                "content/a.md schema/date",
                "content/a.md schema/missing-key",
                "content/a.md schema/type",
                "content/a.md schema/unknown-publisher",
                "content/a.md schema/value",
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn repealing_and_amending_documents_must_be_published_by_then() {
        let f = fixture();
        f.write("content/x.md", &doc(1, &[("doc_type", "决定")], ""));
        f.write("content/draft.md", &doc(2, &[("draft", "true")], ""));
        f.write("content/secret.md", &doc(3, &WITHHELD, ""));
        let repealed = |seq, by: &str, on: &str| {
            doc(
                seq,
                &[
                    ("validity", "废止"),
                    ("abolished", on),
                    ("abolished_by", by),
                ],
                "",
            )
        };
        f.write(
            "content/ok.md",
            &repealed(10, "005283492/2025-00001", "2025-06-16"),
        );
        f.write(
            "content/outside.md",
            &repealed(
                11,
                "《江州市人民政府关于废止部分规范性文件的决定》（江政〔2025〕3号）",
                "2025-06-16",
            ),
        );
        f.write(
            "content/to-draft.md",
            &repealed(12, "005283492/2025-00002", "2025-06-16"),
        );
        f.write(
            "content/to-secret.md",
            &repealed(13, "005283492/2025-00003", "2025-06-16"),
        );
        f.write(
            "content/to-none.md",
            &repealed(16, "005283492/2025-00099", "2025-06-16"),
        );
        f.write(
            "content/to-self.md",
            &repealed(17, "005283492/2025-00017", "2025-06-16"),
        );
        f.write(
            "content/amended.md",
            &doc(
                20,
                &[(
                    "amended_by",
                    "[005283492/2025-00001, 005283492/2025-00003, 《市政府令第5号》]",
                )],
                "",
            ),
        );
        // A withheld document's links are never shown: not checked.
        let mut withheld = WITHHELD.to_vec();
        withheld.push(("amended_by", "[005283492/2025-00003]"));
        f.write("content/withheld.md", &doc(21, &withheld, ""));
        assert_eq!(
            f.findings(),
            [
                "content/amended.md validity/amended-by",
                "content/to-draft.md validity/abolished-by",
                "content/to-none.md validity/abolished-by",
                "content/to-secret.md validity/abolished-by",
                "content/to-self.md validity/abolished-by",
            ]
        );
    }

    #[test]
    fn a_repeal_to_come_needs_its_decision_only_on_its_day() {
        let f = fixture();
        // Today is 2025-11-30; the decision is scheduled for 2025-12-15.
        f.write(
            "content/x.md",
            &doc(
                1,
                &[("created", "2025-11-28"), ("published", "2025-12-15")],
                "",
            ),
        );
        let repeal = |seq, on: &str| {
            doc(
                seq,
                &[("abolished", on), ("abolished_by", "005283492/2025-00001")],
                "",
            )
        };
        f.write("content/on-its-day.md", &repeal(2, "2025-12-15"));
        f.write("content/before.md", &repeal(3, "2025-12-14"));
        assert_eq!(
            f.findings(),
            [
                "content/before.md validity/abolished-by",
                "content/x.md dates/future-publication (warning)",
            ]
        );
    }

    #[test]
    fn abolished_needs_its_date_and_its_decision() {
        let f = fixture();
        f.write("content/x.md", &doc(1, &[], ""));
        f.write("content/a.md", &doc(2, &[("validity", "废止")], ""));
        f.write(
            "content/b.md",
            &doc(3, &[("validity", "废止"), ("abolished", "2025-06-16")], ""),
        );
        f.write(
            "content/c.md",
            &doc(4, &[("abolished_by", "005283492/2025-00001")], ""),
        );
        f.write(
            "content/ok.md",
            &doc(
                5,
                &[
                    ("abolished", "2025-06-16"),
                    ("abolished_by", "005283492/2025-00001"),
                ],
                "",
            ),
        );
        f.write("content/valid.md", &doc(6, &[("validity", "失效")], ""));
        let mut withheld = WITHHELD.to_vec();
        withheld.push(("validity", "废止"));
        f.write("content/withheld.md", &doc(7, &withheld, ""));
        assert_eq!(
            f.findings(),
            [
                "content/a.md validity/abolished-incomplete (warning)",
                "content/b.md validity/abolished-incomplete (warning)",
                "content/c.md validity/abolished-incomplete (warning)",
            ]
        );
    }

    #[test]
    fn a_file_that_still_says_valid_after_its_term_is_a_warning() {
        let f = fixture();
        // Today is 2025-11-30.
        let until = |seq, validity: &str, until: &str| {
            let mut kv = vec![("valid_until", until)];
            if !validity.is_empty() {
                kv.push(("validity", validity));
            }
            doc(seq, &kv, "")
        };
        f.write("content/past.md", &until(1, "有效", "2025-11-29"));
        f.write("content/amended.md", &until(2, "已修改", "2025-11-29"));
        f.write("content/last-day.md", &until(3, "有效", "2025-11-30"));
        f.write("content/unsaid.md", &until(4, "", "2025-11-29"));
        f.write("content/expired.md", &until(5, "失效", "2025-11-29"));
        f.write(
            "content/repealed.md",
            &doc(
                6,
                &[
                    ("validity", "有效"),
                    ("abolished", "2025-11-30"),
                    ("abolished_by", "《市政府决定》"),
                ],
                "",
            ),
        );
        let found = f.findings();
        assert!(
            found.contains(&"content/last-day.md validity/expiring (info)".to_string()),
            "{found:#?}"
        );
        let warnings: Vec<&String> = found.iter().filter(|f| f.contains("still")).collect();
        assert_eq!(
            warnings,
            [
                "content/amended.md validity/still-says-valid (warning)",
                "content/past.md validity/still-says-valid (warning)",
                "content/repealed.md validity/still-says-valid (warning)",
            ]
        );
    }

    #[test]
    fn the_end_of_term_is_noted_six_months_ahead() {
        let f = fixture();
        // Today is 2025-11-30: six months ahead is 2026-05-30.
        f.write(
            "content/soon.md",
            &doc(1, &[("valid_until", "2026-05-30")], ""),
        );
        f.write(
            "content/later.md",
            &doc(2, &[("valid_until", "2026-06-01")], ""),
        );
        f.write(
            "content/repealed.md",
            &doc(
                3,
                &[("valid_until", "2026-01-31"), ("validity", "失效")],
                "",
            ),
        );
        f.write(
            "content/draft.md",
            &doc(4, &[("valid_until", "2026-01-31"), ("draft", "true")], ""),
        );
        assert_eq!(f.findings(), ["content/soon.md validity/expiring (info)"]);
        let d = f.single_finding();
        assert!(d.message_zh.contains("还有 181 天"), "{}", d.message_zh);
    }

    #[test]
    fn dates_out_of_order_are_errors() {
        let f = fixture();
        f.write(
            "content/a.md",
            &doc(
                1,
                &[("effective", "2025-04-01"), ("valid_until", "2025-03-31")],
                "",
            ),
        );
        f.write("content/b.md", &doc(2, &[("updated", "2025-03-09")], ""));
        f.write(
            "content/c.md",
            &doc(
                3,
                &[
                    ("abolished", "2025-03-01"),
                    ("abolished_by", "《市政府决定》"),
                ],
                "",
            ),
        );
        f.write(
            "content/ok.md",
            &doc(
                4,
                &[
                    ("effective", "2025-04-01"),
                    ("valid_until", "2027-03-31"),
                    ("updated", "2025-03-10"),
                    ("update_note", "更正附件"),
                ],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            [
                "content/a.md validity/dates",
                "content/b.md validity/dates",
                "content/c.md validity/dates",
            ]
        );
    }
}
