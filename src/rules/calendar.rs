//! Working days under the State Council's holiday arrangements (部分节假日安排).
//!
//! A day is a working day when it is a make-up working day (调休上班), or a Monday
//! to Friday that is not a public holiday. The calendars for 2024–2026 ship with
//! zwgk (data/holidays.yaml); site.toml's `[holidays.<year>]` adds a year or
//! replaces a shipped one whole. A year in neither is unknown: nothing is guessed.

use crate::config::{HolidayYear, SiteConfig};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

const BUILTIN: &str = include_str!("../../data/holidays.yaml");

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, Year>,
}

#[derive(Debug, Clone, Default)]
struct Year {
    off: BTreeSet<NaiveDate>,
    work: BTreeSet<NaiveDate>,
}

impl From<&HolidayYear> for Year {
    fn from(y: &HolidayYear) -> Year {
        Year {
            off: y.off_days.iter().map(|d| d.0).collect(),
            work: y.work_days.iter().map(|d| d.0).collect(),
        }
    }
}

impl Calendar {
    /// The calendars shipped with zwgk.
    pub fn builtin() -> Calendar {
        let years: BTreeMap<i32, HolidayYear> =
            crate::util::yaml::from_str(BUILTIN).expect("data/holidays.yaml is valid (tested)");
        Calendar {
            years: years
                .iter()
                .map(|(y, days)| (*y, Year::from(days)))
                .collect(),
        }
    }

    /// The shipped calendars with site.toml's years added or replacing them.
    /// Year keys were checked when site.toml was loaded; others are ignored.
    pub fn for_site(config: &SiteConfig) -> Calendar {
        let mut calendar = Calendar::builtin();
        for (year, days) in &config.holidays {
            if let Ok(y) = year.parse() {
                calendar.years.insert(y, Year::from(days));
            }
        }
        calendar
    }

    pub fn knows(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// `None` when the year is unknown.
    pub fn is_working_day(&self, day: NaiveDate) -> Option<bool> {
        let year = self.years.get(&day.year())?;
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        Some(year.work.contains(&day) || (!weekend && !year.off.contains(&day)))
    }

    /// The years from the day after `from` to `to` that the calendar does not know.
    pub fn unknown_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let first = from.succ_opt().unwrap_or(from).year();
        (first..=to.year()).filter(|y| !self.knows(*y)).collect()
    }

    /// Working days after `from` up to and including `to`: the day after formation
    /// is the first day counted, so a document formed on a Monday and published on
    /// the Tuesday was published on working day 1. `None` if any year is unknown.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> Option<u32> {
        let mut count = 0;
        let mut day = from.checked_add_days(Days::new(1))?;
        while day <= to {
            count += u32::from(self.is_working_day(day)?);
            day = day.checked_add_days(Days::new(1))?;
        }
        Some(count)
    }
}

impl Calendar {
    /// The `n`th working day after `from` (the day after `from` counts first), or
    /// `None` when the count reaches into a year the calendar does not know.
    pub fn nth_working_day_after(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = from;
        let mut count = 0;
        while count < n {
            day = day.checked_add_days(Days::new(1))?;
            count += u32::from(self.is_working_day(day)?);
        }
        Some(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::util::dates::parse_date(s).ok().unwrap()
    }

    #[test]
    fn shipped_calendars_cover_2024_to_2026() {
        let c = Calendar::builtin();
        assert!(c.knows(2024) && c.knows(2025) && c.knows(2026));
        assert!(!c.knows(2023) && !c.knows(2027));
    }

    #[test]
    fn holidays_weekends_and_make_up_days() {
        let c = Calendar::builtin();
        assert_eq!(
            c.is_working_day(d("2025-10-08")),
            Some(false),
            "National Day holiday, a Wednesday"
        );
        assert_eq!(
            c.is_working_day(d("2025-10-11")),
            Some(true),
            "make-up working Saturday"
        );
        assert_eq!(
            c.is_working_day(d("2025-10-12")),
            Some(false),
            "an ordinary Sunday"
        );
        assert_eq!(
            c.is_working_day(d("2025-10-09")),
            Some(true),
            "an ordinary Thursday"
        );
        assert_eq!(
            c.is_working_day(d("2026-02-14")),
            Some(true),
            "Spring Festival make-up Saturday"
        );
        assert_eq!(c.is_working_day(d("2023-06-01")), None);
    }

    #[test]
    fn counting_starts_the_day_after_formation() {
        let c = Calendar::builtin();
        // Monday → Tuesday: day 1. Same day: 0.
        assert_eq!(
            c.working_days_after(d("2025-03-10"), d("2025-03-11")),
            Some(1)
        );
        assert_eq!(
            c.working_days_after(d("2025-03-10"), d("2025-03-10")),
            Some(0)
        );
        // Friday → next Monday: the weekend is skipped.
        assert_eq!(
            c.working_days_after(d("2025-03-14"), d("2025-03-17")),
            Some(1)
        );
        // 2025-09-30 (Tue) → 2025-10-13 (Mon): 10-01..08 off, 10-11 (Sat) worked,
        // 10-09, 10-10, 10-11, 10-13 counted.
        assert_eq!(
            c.working_days_after(d("2025-09-30"), d("2025-10-13")),
            Some(4)
        );
        assert_eq!(c.working_days_after(d("2023-12-29"), d("2024-01-03")), None);
    }

    #[test]
    fn the_nth_working_day() {
        let c = Calendar::builtin();
        // Formed Fri 2025-09-19: day 20 is 2025-10-23 (see timeliness' test).
        assert_eq!(
            c.nth_working_day_after(d("2025-09-19"), 20),
            Some(d("2025-10-23"))
        );
        assert_eq!(
            c.nth_working_day_after(d("2025-03-14"), 1),
            Some(d("2025-03-17"))
        );
        assert_eq!(c.nth_working_day_after(d("2026-12-30"), 5), None);
    }

    #[test]
    fn unknown_years_are_named() {
        let c = Calendar::builtin();
        assert_eq!(c.unknown_years(d("2023-12-29"), d("2024-01-03")), [2023]);
        // Formed on the last day of 2023: counting starts in 2024.
        assert_eq!(
            c.unknown_years(d("2023-12-31"), d("2024-01-03")),
            Vec::<i32>::new()
        );
        assert_eq!(c.unknown_years(d("2026-12-01"), d("2027-01-05")), [2027]);
    }

    #[test]
    fn site_years_add_and_replace() {
        let toml = "title = \"t\"\nbase_url = \"https://x/\"\n\
                    [holidays.2027]\noff_days = [2027-01-01]\n\
                    [holidays.2025]\nwork_days = [2025-10-12]\n";
        let c = Calendar::for_site(&SiteConfig::parse(toml).unwrap());
        assert_eq!(c.is_working_day(d("2027-01-01")), Some(false));
        assert_eq!(c.is_working_day(d("2027-01-04")), Some(true));
        // 2025 replaced whole: National Day is an ordinary week now.
        assert_eq!(c.is_working_day(d("2025-10-08")), Some(true));
        assert_eq!(c.is_working_day(d("2025-10-12")), Some(true));
    }
}
