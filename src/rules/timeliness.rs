//! `timeliness/*`: 主动公开 information is published within 20 working days of
//! being formed (《中华人民共和国政府信息公开条例》第二十六条).
//!
//! Counting starts on the day after the formation date (成文日期); the
//! publication date must fall on or before working day 20. Weekends and public
//! holidays are skipped and make-up working days count (see [`super::calendar`]). When
//! the period reaches into a year the calendar does not know, no verdict is given
//! for that document and one warning per unknown year asks for its calendar.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::rules::RuleContext;
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub const TIME_LIMIT_WORKING_DAYS: u32 = 20;

/// Formation (or change) and publication dates of a document the limit applies to.
/// A change made before publication (`updated`, 变更日期) restarts the count: the
/// limit runs from the day information is formed or changed (第二十六条: “自该政府
/// 信息形成或者变更之日起”). A change after publication is published by the build
/// that carries it.
fn period(doc: &Document) -> Option<(NaiveDate, NaiveDate)> {
    let published = doc.published?;
    let from = match doc.life().updated {
        Some(u) if u > doc.created && u <= published => u,
        _ => doc.created,
    };
    (RuleContext::will_publish(doc) && from <= published).then_some((from, published))
}

pub fn time_limit(cx: &RuleContext, doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some((created, published)) = period(doc) else {
        return;
    };
    let Some(days) = cx.calendar.working_days_after(created, published) else {
        return;
    };
    if days <= TIME_LIMIT_WORKING_DAYS {
        return;
    }
    let late = days - TIME_LIMIT_WORKING_DAYS;
    let (from_zh, from_en) = if created == doc.created {
        ("成文日期", "formation")
    } else {
        ("变更日期", "the change")
    };
    out.push(
        Diagnostic::warning("timeliness/late", &doc.file)
            .at(doc.line_of("published"))
            .msg(
                format!(
                    "{from_zh} {created} 后第 {days} 个工作日才发布（{published}），超过 20 个工作日的公开时限 {late} 个工作日"
                ),
                format!(
                    "published {published}, {days} working days after {from_en} on {created}: {late} working day(s) beyond the 20-working-day limit"
                ),
            )
            .fix(
                "主动公开的信息应自形成之日起 20 个工作日内公开；核对成文日期和发布日期，今后及时发布",
                "proactive information is due within 20 working days of its formation; check both dates and publish sooner",
            ),
    );
}

pub fn unknown_calendar_years(cx: &RuleContext, out: &mut Diagnostics) {
    let mut unknown: BTreeMap<i32, Vec<&str>> = BTreeMap::new();
    for doc in &cx.site.documents {
        let Some((created, published)) = period(doc) else {
            continue;
        };
        for year in cx.calendar.unknown_years(created, published) {
            unknown.entry(year).or_default().push(&doc.file);
        }
    }
    for (year, files) in unknown {
        out.push(unknown_year(year, &files));
    }
}

fn unknown_year(year: i32, files: &[&str]) -> Diagnostic {
    const SHOWN: usize = 3;
    let mut list = files
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > SHOWN {
        list.push_str(", …");
    }
    Diagnostic::warning("timeliness/calendar-unknown", crate::layout::CONFIG_FILE)
        .msg(
            format!("没有 {year} 年的节假日安排，{} 个文件的公开时限无法核对：{list}", files.len()),
            format!("no holiday calendar for {year}: the time limit of {} document(s) is not checked: {list}", files.len()),
        )
        .fix(
            format!(
                "按国务院办公厅 {year} 年部分节假日安排的通知，在 site.toml 中加入：\n[holidays.{year}]\noff_days = [放假日期, ……]\nwork_days = [调休上班日期, ……]"
            ),
            format!("add [holidays.{year}] with off_days = [...] and work_days = [...] to site.toml, from the State Council's notice"),
        )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture};

    fn dated(seq: u32, created: &str, published: &str) -> String {
        let review = format!("{{reviewer: 王明, date: {published}, conclusion: 同意公开}}");
        let year = &created[..4];
        let index_no = format!("005283492/{year}-{seq:05}");
        doc(
            seq,
            &[
                ("index_no", &index_no),
                ("created", created),
                ("published", published),
                ("review", &review),
            ],
            "",
        )
    }

    #[test]
    fn publication_after_twenty_working_days_is_late() {
        let f = Fixture::new();
        // Formed 2025-09-19 (Fri): working day 20 is 2025-10-23, with the National Day
        // holiday skipped and the make-up days 2025-09-28 (Sun) and 10-11 (Sat) counted.
        // Counting weekdays only, 10-23 would be day 25: the calendar matters.
        f.write("content/on-time.md", &dated(1, "2025-09-19", "2025-10-23"));
        f.write("content/late.md", &dated(2, "2025-09-19", "2025-10-24"));
        assert_eq!(f.findings(), ["content/late.md timeliness/late (warning)"]);
        let d = f.single_finding();
        assert!(d.message_en.contains("21 working days"), "{}", d.message_en);
        assert!(d.message_zh.contains("第 21 个工作日"), "{}", d.message_zh);
    }

    #[test]
    fn a_change_before_publication_restarts_the_count() {
        let f = Fixture::new();
        // Formed 2025-01-06, changed 2025-09-19, published 2025-10-23: working day 20
        // after the change (see above), so on time; 2025-10-24 is late, counted from the change.
        let changed = |seq, updated: &str, published: &str| {
            dated(seq, "2025-01-06", published).replace(
                "disclosure: 主动公开",
                &format!("updated: {updated}\ndisclosure: 主动公开"),
            )
        };
        f.write(
            "content/on-time.md",
            &changed(1, "2025-09-19", "2025-10-23"),
        );
        f.write("content/late.md", &changed(2, "2025-09-19", "2025-10-24"));
        // A change after publication does not move the count back: late from formation.
        f.write("content/after.md", &changed(3, "2025-11-01", "2025-10-23"));
        assert_eq!(
            f.findings(),
            [
                "content/after.md timeliness/late (warning)",
                "content/late.md timeliness/late (warning)",
            ]
        );
        let late = &f.check().into_vec()[1];
        assert!(
            late.message_zh
                .starts_with("变更日期 2025-09-19 后第 21 个工作日"),
            "{}",
            late.message_zh
        );
    }

    #[test]
    fn withheld_and_draft_documents_have_no_time_limit() {
        let f = Fixture::new();
        let late = dated(1, "2025-01-06", "2025-06-30");
        f.write(
            "content/draft.md",
            &late.replace("disclosure: 主动公开", "draft: true\ndisclosure: 主动公开"),
        );
        let withheld = late.replace(
            "disclosure: 主动公开",
            "disclosure: 依申请公开\nwithheld_reason: 内部事务\nwithheld_basis: 条例第十六条",
        );
        f.write("content/withheld.md", &withheld.replace("00001", "00002"));
        assert_eq!(f.findings(), Vec::<String>::new());
    }

    #[test]
    fn unknown_year_gives_one_warning_and_no_verdict() {
        let f = Fixture::new();
        f.write("content/a.md", &dated(1, "2023-01-03", "2023-12-29"));
        f.write("content/b.md", &dated(2, "2023-12-20", "2024-01-05"));
        f.write("content/c.md", &dated(3, "2024-01-02", "2024-01-05"));
        assert_eq!(
            f.findings(),
            ["site.toml timeliness/calendar-unknown (warning)"]
        );
        let d = f.single_finding();
        assert!(
            d.message_en.contains("2023") && d.message_en.contains("2 document"),
            "{}",
            d.message_en
        );
    }

    #[test]
    fn site_toml_supplies_a_missing_year() {
        let f = Fixture::with_config(
            "0371-12345678",
            "[holidays.2023]\noff_days = [2023-01-02]\n",
        );
        // Formed Tue 2023-01-03: with only 01-02 off in this calendar, day 20 is 01-31.
        f.write("content/a.md", &dated(1, "2023-01-03", "2023-02-01"));
        f.write("content/b.md", &dated(2, "2023-01-03", "2023-01-31"));
        assert_eq!(f.findings(), ["content/a.md timeliness/late (warning)"]);
    }
}
