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
use crate::model::taxonomy::{Domain, Limit, LimitStart};
use crate::rules::calendar::Calendar;
use crate::rules::RuleContext;
use chrono::{Datelike, Days, NaiveDate};
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

/// The item limit a document is judged against (its item's `limit:`, or an
/// ancestor's), with the item's id and name; `None` for the general 20 working days.
pub fn item_limit<'a>(
    domains: &'a BTreeMap<String, Domain>,
    doc: &Document,
) -> Option<(Limit, &'a str, &'a str)> {
    let domain = domains.get(doc.domain.as_deref()?)?;
    let item = domain.find_item(doc.item.as_deref()?)?;
    Some((domain.limit_of(&item.id)?, &item.id, &item.name))
}

/// How a published document fares against a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Published on or before `due`.
    OnTime {
        due: NaiveDate,
    },
    Late {
        due: NaiveDate,
    },
    /// The limit counts from approval and the document has no `approved` date.
    NoApproval,
    /// The count reaches into a year without a holiday calendar.
    UnknownCalendar,
}

/// The last day `doc` (formed `created`, published `published`) may be published
/// under `limit`, and whether it was.
pub fn judge(calendar: &Calendar, doc: &Document, limit: Limit, published: NaiveDate) -> Judgement {
    let due = match limit {
        Limit::Days {
            days,
            working,
            from,
        } => {
            let start = match from {
                LimitStart::Formation => doc.created,
                LimitStart::Approval => match doc.approved {
                    Some(a) => a,
                    None => return Judgement::NoApproval,
                },
            };
            let due = if working {
                calendar.nth_working_day_after(start, days)
            } else {
                start.checked_add_days(Days::new(u64::from(days)))
            };
            match due {
                Some(d) => d,
                None => return Judgement::UnknownCalendar,
            }
        }
        Limit::By { month, day } => {
            let on = |year: i32| {
                NaiveDate::from_ymd_opt(year, month, day)
                    .or_else(|| NaiveDate::from_ymd_opt(year, month, day - 1)) // 29 February
            };
            match on(doc.created.year()) {
                Some(d) if d >= doc.created => d,
                _ => match on(doc.created.year() + 1) {
                    Some(d) => d,
                    None => return Judgement::UnknownCalendar,
                },
            }
        }
    };
    if published <= due {
        Judgement::OnTime { due }
    } else {
        Judgement::Late { due }
    }
}

pub fn time_limit(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some((created, published)) = period(doc) else {
        return;
    };
    if let Some((limit, id, name)) = item_limit(&cx.site.domains, doc) {
        return item_time_limit(cx, doc, (limit, id, name), published, out);
    }
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

/// A document judged against its item's own limit.
fn item_time_limit(
    cx: &RuleContext,
    doc: &Document,
    (limit, id, name): (Limit, &str, &str),
    published: NaiveDate,
    out: &mut Diagnostics,
) {
    let due = match judge(&cx.calendar, doc, limit, published) {
        Judgement::OnTime { .. } | Judgement::UnknownCalendar => return,
        Judgement::NoApproval => {
            out.push(
                Diagnostic::warning("timeliness/approval-missing", &doc.file)
                    .at(doc.line_of("item").or(doc.line_of("published")))
                    .msg(
                        format!("事项“{id} {name}”的公开时限是{}，但文件没有写批准日期（approved），无法核对是否按时公开", limit.zh()),
                        format!("item \"{id} {name}\" must be published within {}, but the document has no approval date (`approved`): its time limit cannot be checked", limit.en()),
                    )
                    .fix(
                        "在元数据中加一行 approved: 批准日期（或 批准日期: 2026-01-20），写人大或财政部门批准、批复的日期",
                        "add `approved: <date>` (批准日期), the day the budget, plan or result was approved",
                    ),
            );
            return;
        }
        Judgement::Late { due } => due,
    };
    let working = matches!(limit, Limit::Days { working: true, .. });
    let (late_zh, late_en) = if working {
        let n = cx.calendar.working_days_after(due, published).unwrap_or(0);
        (format!("{n} 个工作日"), format!("{n} working day(s)"))
    } else {
        let n = (published - due).num_days();
        (format!("{n} 日"), format!("{n} day(s)"))
    };
    out.push(
        Diagnostic::warning("timeliness/late", &doc.file)
            .at(doc.line_of("published"))
            .msg(
                format!("事项“{id} {name}”的公开时限是{}，最迟应在 {due} 发布；本文件 {published} 才发布，晚了 {late_zh}", limit.zh()),
                format!("item \"{id} {name}\" must be published within {}, by {due}; this document was published {published}: {late_en} late", limit.en()),
            )
            .fix(
                format!("按事项的公开时限及时发布；核对成文日期{}和发布日期", if matches!(limit, Limit::Days { from: LimitStart::Approval, .. }) { "、批准日期" } else { "" }),
                "publish within the item's time limit; check the dates in the front matter".to_string(),
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

    const LIMITS: &str = "name: 社会救助\nitems:\n  - id: \"1\"\n    name: 执法结果\n    limit: {days: 7, kind: working}\n  - id: \"2\"\n    name: 预算\n    limit: {days: 20, kind: calendar, from: approval}\n  - id: \"3\"\n    name: 年报\n    limit: {by: \"01-31\"}\n  - id: \"4\"\n    name: 其他\n";

    fn in_item(seq: u32, item: &str, created: &str, published: &str, extra: &str) -> String {
        let text = dated(seq, created, published)
            .replace("category:", &format!("item: \"{item}\"\n{extra}category:"));
        assert!(text.contains("item:"));
        text
    }

    #[test]
    fn an_item_limit_replaces_the_general_one() {
        let f = Fixture::new();
        f.write("content/shjz/_domain.yaml", LIMITS);
        // Formed Mon 2025-03-03: working day 7 is Wed 03-12; day 8 is late under item 1
        // though well within the general 20 working days.
        f.write(
            "content/shjz/a.md",
            &in_item(1, "1", "2025-03-03", "2025-03-12", ""),
        );
        f.write(
            "content/shjz/b.md",
            &in_item(2, "1", "2025-03-03", "2025-03-13", ""),
        );
        // Item 4 has no limit: the general 20 working days (day 20 is 03-31).
        f.write(
            "content/shjz/c.md",
            &in_item(3, "4", "2025-03-03", "2025-03-31", ""),
        );
        f.write(
            "content/shjz/d.md",
            &in_item(4, "4", "2025-03-03", "2025-04-01", ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/shjz/b.md timeliness/late (warning)",
                "content/shjz/d.md timeliness/late (warning)"
            ]
        );
        let ds = f.check().into_vec();
        assert!(
            ds[0]
                .message_en
                .contains("7 working days after formation, by 2025-03-12"),
            "{}",
            ds[0].message_en
        );
        assert!(
            ds[0].message_zh.contains("晚了 1 个工作日"),
            "{}",
            ds[0].message_zh
        );
    }

    #[test]
    fn approval_and_day_of_year_limits() {
        let f = Fixture::new();
        f.write("content/shjz/_domain.yaml", LIMITS);
        // Approved 2025-01-10: due 2025-01-30 (calendar days), whatever the formation date.
        f.write(
            "content/shjz/a.md",
            &in_item(1, "2", "2025-01-02", "2025-01-30", "approved: 2025-01-10\n"),
        );
        f.write(
            "content/shjz/b.md",
            &in_item(2, "2", "2025-01-02", "2025-01-31", "批准日期: 2025-01-10\n"),
        );
        f.write(
            "content/shjz/c.md",
            &in_item(3, "2", "2025-01-02", "2025-01-03", ""),
        );
        // By 01-31: formed in January, published by the 31st.
        f.write(
            "content/shjz/d.md",
            &in_item(4, "3", "2025-01-06", "2025-01-31", ""),
        );
        f.write(
            "content/shjz/e.md",
            &in_item(5, "3", "2025-01-06", "2025-02-03", ""),
        );
        assert_eq!(
            f.findings(),
            [
                "content/shjz/b.md timeliness/late (warning)",
                "content/shjz/c.md timeliness/approval-missing (warning)",
                "content/shjz/e.md timeliness/late (warning)"
            ]
        );
        let ds = f.check().into_vec();
        assert!(
            ds[0].message_zh.contains("晚了 1 日"),
            "{}",
            ds[0].message_zh
        );
        assert!(
            ds[2].message_en.contains("by 2025-01-31"),
            "{}",
            ds[2].message_en
        );
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
