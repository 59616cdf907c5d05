//! Documents over time: a document's validity on a given day, whether a
//! consultation is open, when a withheld document is due for review again, what
//! was repealed in a year. Pure functions of documents and a day (the build date,
//! `ZWGK_TODAY` in tests), so the rules, the publishing stage, the pages and the
//! annual report ask the same question and get the same answer. The daily
//! scheduled build turns a status over on its day with no edit.

use crate::model::document::{Consultation, Document};
use crate::model::taxonomy::{policy_kind, Validity};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// Whether `doc` is repealed on `day`: from its `abolished` date on; without one,
/// when the file says 废止 or names the document that repealed it.
pub fn abolished_on(doc: &Document, day: NaiveDate) -> bool {
    let life = doc.life();
    match life.abolished {
        Some(date) => date <= day,
        None => doc.validity == Validity::Abolished || life.abolished_by.is_some(),
    }
}

/// Whether `doc` is past its term on `day`: the day after `valid_until`, or
/// always when the file says 失效.
pub fn expired_on(doc: &Document, day: NaiveDate) -> bool {
    doc.validity == Validity::Expired || doc.life().valid_until.is_some_and(|u| u < day)
}

/// The validity shown on `day`. 废止 comes first, then 失效, then 已修改 (as written,
/// or `amended` when a published document amends it), then 有效.
pub fn status(doc: &Document, day: NaiveDate, amended: bool) -> Validity {
    if abolished_on(doc, day) {
        Validity::Abolished
    } else if expired_on(doc, day) {
        Validity::Expired
    } else if amended || doc.validity == Validity::Amended {
        Validity::Amended
    } else {
        Validity::Valid
    }
}

/// 现行有效 on `day` (an amendment leaves a document in force).
pub fn in_force_on(doc: &Document, day: NaiveDate) -> bool {
    status(doc, day, false).in_force()
}

/// The day a document is due for its term's evaluation note: six months before
/// `valid_until` (time to evaluate it and, if it stays, to re-register it).
pub fn evaluation_from(valid_until: NaiveDate) -> NaiveDate {
    valid_until
        .checked_sub_months(Months::new(EVALUATION_MONTHS))
        .unwrap_or(valid_until)
}

/// Months before `valid_until` that `check` starts to note the coming end of term.
pub const EVALUATION_MONTHS: u32 = 6;

/// 未开始, 征集中 or 已结束.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConsultationStatus {
    Open,
    Upcoming,
    Closed,
}

impl ConsultationStatus {
    pub fn zh(self) -> &'static str {
        match self {
            ConsultationStatus::Upcoming => "未开始",
            ConsultationStatus::Open => "征集中",
            ConsultationStatus::Closed => "已结束",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ConsultationStatus::Upcoming => "upcoming",
            ConsultationStatus::Open => "open",
            ConsultationStatus::Closed => "closed",
        }
    }
}

/// Open from `start` to `end`, both days included.
pub fn consultation_status(c: &Consultation, day: NaiveDate) -> ConsultationStatus {
    if day < c.start {
        ConsultationStatus::Upcoming
    } else if day <= c.end {
        ConsultationStatus::Open
    } else {
        ConsultationStatus::Closed
    }
}

/// The shortest consultation window without a stated reason: 《重大行政决策程序暂行条例》
/// 第十四条 (征求意见期限一般不少于30日).
pub const MIN_CONSULTATION_DAYS: i64 = 30;

/// When a withheld document is due for review again: its `review_again`, or, with a
/// site-wide interval of `default_months` (0: none), that long after it was formed.
pub fn review_due(doc: &Document, default_months: u32) -> Option<NaiveDate> {
    doc.life().review_again.or_else(|| {
        (default_months > 0)
            .then(|| doc.created.checked_add_months(Months::new(default_months)))
            .flatten()
    })
}

/// 本年废止件数 of the annual report: [规章, 行政规范性文件] whose `abolished` date
/// lies in `year`, among `docs`.
pub fn abolished_in_year<'a>(docs: impl IntoIterator<Item = &'a Document>, year: i32) -> [u32; 2] {
    let mut counts = [0u32; 2];
    for d in docs {
        if let (Some(kind), Some(date)) = (policy_kind(&d.doc_type), d.life().abolished) {
            if date.year() == year {
                counts[kind as usize] += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::{DocRef, Lifecycle};

    fn day(s: &str) -> NaiveDate {
        crate::util::dates::parse_date(s).ok().unwrap()
    }

    fn doc(validity: Validity, life: Lifecycle) -> Document {
        let site = crate::rules::testing::Fixture::new();
        site.write(
            "content/a.md",
            &crate::rules::testing::doc(1, &[("doc_type", "办法")], ""),
        );
        let config = crate::config::SiteConfig::load(site.root()).unwrap();
        let loaded = crate::load::load(site.root(), config, None);
        let mut d = (*loaded.documents[0]).clone();
        d.validity = validity;
        d.lifecycle = Some(Box::new(life));
        d
    }

    #[test]
    fn validity_turns_on_its_day() {
        let until = doc(
            Validity::Valid,
            Lifecycle {
                valid_until: Some(day("2026-05-31")),
                ..Lifecycle::default()
            },
        );
        assert_eq!(status(&until, day("2026-05-31"), false), Validity::Valid);
        assert_eq!(status(&until, day("2026-06-01"), false), Validity::Expired);
        assert_eq!(status(&until, day("2026-05-31"), true), Validity::Amended);
        assert_eq!(status(&until, day("2026-06-01"), true), Validity::Expired);

        let repealed = doc(
            Validity::Abolished,
            Lifecycle {
                abolished: Some(day("2025-06-16")),
                valid_until: Some(day("2025-01-01")),
                ..Lifecycle::default()
            },
        );
        assert_eq!(
            status(&repealed, day("2025-06-15"), false),
            Validity::Expired
        );
        assert_eq!(
            status(&repealed, day("2025-06-16"), false),
            Validity::Abolished
        );
        assert!(!in_force_on(&repealed, day("2025-06-16")));

        // Without a date: as written, or as soon as it names what repealed it.
        assert_eq!(
            status(
                &doc(Validity::Abolished, Lifecycle::default()),
                day("2000-01-01"),
                false
            ),
            Validity::Abolished
        );
        let named = doc(
            Validity::Valid,
            Lifecycle {
                abolished_by: Some(DocRef::parse("《某某决定》")),
                ..Lifecycle::default()
            },
        );
        assert_eq!(
            status(&named, day("2000-01-01"), false),
            Validity::Abolished
        );
        assert_eq!(
            status(
                &doc(Validity::Amended, Lifecycle::default()),
                day("2000-01-01"),
                false
            ),
            Validity::Amended
        );
        assert!(Validity::Amended.in_force());
    }

    #[test]
    fn consultations_open_and_close_on_their_days() {
        let c = Consultation {
            start: day("2026-11-10"),
            end: day("2026-12-09"),
            channels: vec![],
            short_reason: None,
        };
        assert_eq!(c.days(), 30);
        assert_eq!(
            consultation_status(&c, day("2026-11-09")),
            ConsultationStatus::Upcoming
        );
        assert_eq!(
            consultation_status(&c, day("2026-11-10")),
            ConsultationStatus::Open
        );
        assert_eq!(
            consultation_status(&c, day("2026-12-09")),
            ConsultationStatus::Open
        );
        assert_eq!(
            consultation_status(&c, day("2026-12-10")),
            ConsultationStatus::Closed
        );
    }

    #[test]
    fn review_is_due_on_its_date_or_after_the_interval() {
        let mut d = doc(Validity::Valid, Lifecycle::default());
        assert_eq!(review_due(&d, 0), None);
        assert_eq!(review_due(&d, 12), Some(day("2026-03-10")));
        d.lifecycle = Some(Box::new(Lifecycle {
            review_again: Some(day("2027-01-01")),
            ..Lifecycle::default()
        }));
        assert_eq!(review_due(&d, 12), Some(day("2027-01-01")));
    }

    #[test]
    fn abolished_are_counted_in_the_year_of_their_date() {
        let a = doc(
            Validity::Abolished,
            Lifecycle {
                abolished: Some(day("2025-06-16")),
                ..Lifecycle::default()
            },
        );
        let undated = doc(Validity::Abolished, Lifecycle::default());
        assert_eq!(abolished_in_year([&a, &undated], 2025), [0, 1]);
        assert_eq!(abolished_in_year([&a, &undated], 2024), [0, 0]);
        assert_eq!(evaluation_from(day("2026-08-31")), day("2026-02-28"));
    }
}
