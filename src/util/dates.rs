//! Dates as staff write them.

use chrono::NaiveDate;

pub enum DateError {
    Format,
    Impossible,
}

/// Accepts 2024-05-07, 2024-5-7, 2024/5/7, 2024.5.7 and 2024年5月7日.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    let parts: Vec<&str> = if let Some(rest) = s.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        s.split(['-', '/', '.']).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let num = |p: &str, max_len: usize| -> Option<u32> {
        let p = p.trim();
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return Err(DateError::Format);
    };
    if y < 1900 {
        return Err(DateError::Format);
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_staff_write() {
        let d = NaiveDate::from_ymd_opt(2019, 5, 7).unwrap();
        for s in [
            "2019-05-07",
            "2019-5-7",
            "2019/5/7",
            "2019.05.07",
            "2019年5月7日",
            " 2019年05月07日 ",
        ] {
            assert_eq!(parse_date(s).ok(), Some(d), "{s}");
        }
        assert!(matches!(
            parse_date("2019-13-45"),
            Err(DateError::Impossible)
        ));
        assert!(matches!(
            parse_date("2019-02-29"),
            Err(DateError::Impossible)
        ));
        assert!(matches!(parse_date("20190507"), Err(DateError::Format)));
        assert!(matches!(
            parse_date("2019-05-07 10:00"),
            Err(DateError::Format)
        ));
    }
}
