//! Organs (行政机关): every publisher is a body with its own disclosure column — its
//! kind, the organ it belongs to, its own disclosure office and when its annual
//! report is due (the content model's section "Organs"). A site that sets none of
//! this has one organ, the first publisher, and builds as before.

use super::{Office, Publisher, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::CONFIG_FILE;
use serde::Serialize;

/// The kind of an organ, which groups the navigation and sets its report's due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum OrganKind {
    Government,
    Department,
    Town,
    Street,
    Other,
}

impl OrganKind {
    pub const ALL: [OrganKind; 5] = [
        OrganKind::Government,
        OrganKind::Department,
        OrganKind::Town,
        OrganKind::Street,
        OrganKind::Other,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            OrganKind::Government => "人民政府",
            OrganKind::Department => "部门",
            OrganKind::Town => "乡镇",
            OrganKind::Street => "街道",
            OrganKind::Other => "其他",
        }
    }

    pub fn parse(s: &str) -> Option<OrganKind> {
        OrganKind::ALL.into_iter().find(|k| k.zh() == s.trim())
    }

    /// When the annual report is due (月-日 of the next year): 31 March for a
    /// government, 31 January for the others (条例第四十九条、第五十条).
    pub fn default_report_due(self) -> (u32, u32) {
        match self {
            OrganKind::Government => (3, 31),
            _ => (1, 31),
        }
    }
}

impl SiteConfig {
    /// Whether the site describes its organs (a kind, a parent, a due date or an office
    /// on any publisher): then every publisher gets its own column under `/organs/`.
    pub fn has_organs(&self) -> bool {
        self.publishers.iter().any(|p| {
            p.kind.is_some() || p.parent.is_some() || p.report_due.is_some() || p.office.is_some()
        })
    }

    /// The organ's kind: as written, else 人民政府 for the first publisher and 部门 for
    /// the others.
    pub fn organ_kind(&self, p: &Publisher) -> OrganKind {
        p.kind
            .as_deref()
            .and_then(OrganKind::parse)
            .unwrap_or(if self.is_first(p) {
                OrganKind::Government
            } else {
                OrganKind::Department
            })
    }

    /// The organ's disclosure office; the first organ falls back to `[office]`.
    pub fn organ_office<'a>(&'a self, p: &'a Publisher) -> Option<&'a Office> {
        match &p.office {
            Some(o) => Some(o),
            None if self.is_first(p) => Some(&self.office),
            None => None,
        }
    }

    /// (month, day) of the next year by which the organ's annual report is due.
    pub fn report_due(&self, p: &Publisher) -> (u32, u32) {
        p.report_due
            .as_deref()
            .and_then(parse_month_day)
            .unwrap_or_else(|| self.organ_kind(p).default_report_due())
    }

    fn is_first(&self, p: &Publisher) -> bool {
        self.publishers.first().is_some_and(|f| f.key == p.key)
    }

    /// The organ `key` belongs to, as the navigation shows it.
    pub fn parent_of(&self, p: &Publisher) -> Option<&Publisher> {
        p.parent.as_deref().and_then(|k| self.publisher(k))
    }
}

/// `01-31` → (1, 31).
fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // Checked against a leap year, so 02-29 is allowed.
    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

/// The line of the `[[publishers]]` entry whose key is `key`, for messages.
pub(super) fn line_of_publisher(text: &str, key: &str) -> Option<usize> {
    let want = format!("\"{key}\"");
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with("key") && l.contains(&want)
        })
        .map(|i| i + 1)
}

/// The organ settings' problems: an unknown kind or due date, a parent that does not
/// exist or goes round in a circle.
pub(super) fn check(config: &SiteConfig, text: &str) -> Diagnostics {
    let mut out = Diagnostics::default();
    for p in &config.publishers {
        let line = line_of_publisher(text, &p.key);
        if let Some(kind) = &p.kind {
            if OrganKind::parse(kind).is_none() {
                out.push(
                    Diagnostic::error("config/organ-kind", CONFIG_FILE)
                        .at(line)
                        .msg(
                            format!("发布机构“{}”的 kind “{kind}”不是机关类别", p.name),
                            format!(
                                "publisher \"{}\": kind \"{kind}\" is not a kind of organ",
                                p.name
                            ),
                        )
                        .fix(
                            "kind 写 人民政府、部门、乡镇、街道 或 其他 之一",
                            "write kind = one of 人民政府, 部门, 乡镇, 街道, 其他",
                        ),
                );
            }
        }
        if let Some(due) = &p.report_due {
            if parse_month_day(due).is_none() {
                out.push(
                    Diagnostic::error("config/organ-report-due", CONFIG_FILE)
                        .at(line)
                        .msg(
                            format!("发布机构“{}”的 report_due “{due}”不是“月-日”", p.name),
                            format!("publisher \"{}\": report_due \"{due}\" is not a month-day such as 01-31", p.name),
                        )
                        .fix(
                            "写成 report_due = \"01-31\"（次年1月31日前），或删去这一行使用默认日期",
                            "write report_due = \"01-31\" (31 January of the next year), or delete the line for the default",
                        ),
                );
            }
        }
        if let Some(parent) = &p.parent {
            if config.publisher(parent).is_none() {
                out.push(
                    Diagnostic::error("config/organ-parent", CONFIG_FILE)
                        .at(line)
                        .msg(
                            format!("发布机构“{}”的 parent “{parent}”不是任何发布机构的 key", p.name),
                            format!("publisher \"{}\": parent \"{parent}\" is no publisher's key", p.name),
                        )
                        .fix(
                            "parent 写所属机关在 [[publishers]] 中的 key，例如 parent = \"qzf\"",
                            "set parent to the key of the organ it belongs to, e.g. parent = \"qzf\"",
                        ),
                );
            } else if in_a_circle(config, p) {
                out.push(
                    Diagnostic::error("config/organ-parent-cycle", CONFIG_FILE)
                        .at(line)
                        .msg(
                            format!("发布机构“{}”的 parent 绕了一圈又回到它自己", p.name),
                            format!("publisher \"{}\": following parent leads back to it", p.name),
                        )
                        .fix(
                            "检查各机关的 parent：人民政府一般不写 parent，部门、乡镇、街道写所属的人民政府",
                            "check the parents: a government usually has none; departments, towns and streets name their government",
                        ),
                );
            }
        }
    }
    out
}

fn in_a_circle(config: &SiteConfig, start: &Publisher) -> bool {
    let mut at = start;
    for _ in 0..config.publishers.len() {
        match config.parent_of(at) {
            Some(p) if p.key == start.key => return true,
            Some(p) => at = p,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(publishers: &str) -> Result<SiteConfig, Diagnostics> {
        SiteConfig::parse(&format!(
            "title = \"测试\"\nbase_url = \"https://example.gov.cn/\"\n{publishers}"
        ))
    }

    const TWO: &str = "[[publishers]]\nkey = \"qzf\"\nname = \"测试区人民政府\"\ncode = \"005283492\"\n[[publishers]]\nkey = \"jyl\"\nname = \"济源路街道办事处\"\ncode = \"005283510\"\n";

    #[test]
    fn a_site_without_organ_settings_has_none() {
        let c = config(TWO).unwrap();
        assert!(!c.has_organs());
        assert_eq!(c.organ_kind(&c.publishers[0]), OrganKind::Government);
        assert_eq!(c.organ_kind(&c.publishers[1]), OrganKind::Department);
        assert_eq!(c.report_due(&c.publishers[0]), (3, 31));
        assert_eq!(c.report_due(&c.publishers[1]), (1, 31));
        assert!(c.organ_office(&c.publishers[0]).is_some());
        assert!(c.organ_office(&c.publishers[1]).is_none());
    }

    #[test]
    fn kinds_parents_and_offices_are_read() {
        let c = config(&format!(
            "{TWO}kind = \"街道\"\nparent = \"qzf\"\nreport_due = \"02-15\"\n[publishers.office]\nphone = \"0371-68933333\"\n"
        ))
        .unwrap();
        let street = &c.publishers[1];
        assert!(c.has_organs());
        assert_eq!(c.organ_kind(street), OrganKind::Street);
        assert_eq!(c.parent_of(street).unwrap().key, "qzf");
        assert_eq!(c.report_due(street), (2, 15));
        assert_eq!(c.organ_office(street).unwrap().phone, "0371-68933333");
    }

    #[test]
    fn bad_organ_settings_are_named_at_their_publisher() {
        let rules = |extra: &str| -> Vec<(&'static str, Option<usize>)> {
            config(&format!("{TWO}{extra}"))
                .err()
                .map(|ds| ds.iter().map(|d| (d.rule, d.line)).collect())
                .unwrap_or_default()
        };
        assert_eq!(rules("kind = \"局\"\n"), [("config/organ-kind", Some(8))]);
        assert_eq!(
            rules("parent = \"xx\"\n"),
            [("config/organ-parent", Some(8))]
        );
        assert_eq!(
            rules("parent = \"jyl\"\n"),
            [("config/organ-parent-cycle", Some(8))]
        );
        assert_eq!(
            rules("report_due = \"13-01\"\n"),
            [("config/organ-report-due", Some(8))]
        );
        assert!(rules("kind = \"乡镇\"\nparent = \"qzf\"\nreport_due = \"01-31\"\n").is_empty());
    }
}
