//! The organs' own columns (the content model's section "Organs"), checked only when
//! site.toml describes organs: each organ's office gives an address and a phone
//! (条例第二十条第二项), each has a profile (机构信息) and at least one published
//! 制度 document. Each finding names the organ and its line in site.toml. The
//! organ settings themselves (kind, parent, report_due) are checked with site.toml
//! (`config/organ-*`); overdue reports by each organ's own date in `rules::reports`.

use super::RuleContext;
use crate::config::Publisher;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{organ_dir, CONFIG_FILE, ORGAN_PROFILE};

/// Every organ's office, profile and 制度.
pub fn organ_columns(cx: &RuleContext, out: &mut Diagnostics) {
    let config = &cx.site.config;
    if !config.has_organs() {
        return;
    }
    for p in &config.publishers {
        office(cx, p, out);
        let profile = cx.site.organs.get(&p.key).and_then(|f| f.profile.as_ref());
        if profile.is_none() {
            let file = format!("{}/{ORGAN_PROFILE}", organ_dir(&p.key));
            out.push(
                Diagnostic::warning("organ/no-profile", CONFIG_FILE)
                    .at(p.line)
                    .msg(
                        format!("“{}”没有机构信息（职能、内设机构、负责人）：其栏目中的机构信息是空的", p.name),
                        format!("\"{}\" has no profile (functions, internal bodies, heads): its column shows none", p.name),
                    )
                    .fix(
                        format!("新建 {file}，用“## 机构职能”“## 内设机构”“## 负责人”分节填写"),
                        format!("create {file} with the sections \"## 机构职能\", \"## 内设机构\" and \"## 负责人\""),
                    ),
            );
        }
        let has_rules = cx.site.documents.iter().any(|d| {
            d.issued_by(&p.key) && d.is_disclosure_rules() && RuleContext::published_by(d, cx.today)
        });
        if !has_rules {
            out.push(
                Diagnostic::warning("organ/no-rules", CONFIG_FILE)
                    .at(p.line)
                    .msg(
                        format!("“{}”没有已公开的政府信息公开制度：其“政府信息公开制度”栏目是空的", p.name),
                        format!("\"{}\" has no published disclosure rules (政府信息公开制度): that part of its column is empty", p.name),
                    )
                    .fix(
                        format!("公开本机关的政府信息公开工作制度，文件写 publisher: {} 和 topics: [政府信息公开制度]", p.key),
                        format!("publish the organ's disclosure rules, with publisher: {} and topics: [政府信息公开制度]", p.key),
                    ),
            );
        }
    }
}

/// The organ's office gives where and how to reach it: its address and phone.
fn office(cx: &RuleContext, p: &Publisher, out: &mut Diagnostics) {
    let missing: Vec<(&str, &str)> = match cx.site.config.organ_office(p) {
        None => vec![("名称、办公地址和联系电话", "name, address and phone")],
        Some(o) => [
            (o.address.trim().is_empty(), ("办公地址", "address")),
            (o.phone.trim().is_empty(), ("联系电话", "phone")),
        ]
        .into_iter()
        .filter_map(|(gap, what)| gap.then_some(what))
        .collect(),
    };
    if missing.is_empty() {
        return;
    }
    let zh: Vec<&str> = missing.iter().map(|(z, _)| *z).collect();
    let en: Vec<&str> = missing.iter().map(|(_, e)| *e).collect();
    out.push(
        Diagnostic::warning("organ/office-contact", CONFIG_FILE)
            .at(p.line)
            .msg(
                format!(
                    "“{}”的政府信息公开工作机构没有{}（《条例》第二十条第二项要求公开办公地址、联系方式）",
                    p.name,
                    zh.join("、")
                ),
                format!(
                    "the disclosure office of \"{}\" gives no {} (article 20(2) of the Regulations requires its address and contacts)",
                    p.name,
                    en.join(", ")
                ),
            )
            .fix(
                format!("在 site.toml 这个发布机构下的 [publishers.office] 中填写 {}（address、phone）", zh.join("、")),
                format!("fill in {} (address, phone) in [publishers.office] under this publisher in site.toml", en.join(", ")),
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture};

    /// Makes the fixture's second publisher, czj, a department with its own office.
    const CZJ: &str = "kind = \"部门\"\n[publishers.office]\nname = \"财政局办公室\"\naddress = \"中心路1号\"\nphone = \"0371-1\"\n";

    fn organ_findings(f: &Fixture) -> Vec<String> {
        f.check()
            .iter()
            .filter(|d| d.rule.starts_with("organ/"))
            .map(|d| format!("{}:{}", d.rule, d.message_zh))
            .collect()
    }

    #[test]
    fn organs_without_profile_or_rules_are_named() {
        let f = Fixture::with_config("0371-12345678", CZJ);
        f.write("content/a.md", &doc(1, &[], "正文"));
        let found = organ_findings(&f);
        // The first organ falls back to [office], which has a phone but no address.
        assert!(
            found
                .iter()
                .any(|r| r.starts_with("organ/office-contact") && r.contains("测试区人民政府")),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|r| r.starts_with("organ/office-contact") && r.contains("测试区财政局")),
            "{found:?}"
        );
        for organ in ["测试区人民政府", "测试区财政局"] {
            for rule in ["organ/no-profile", "organ/no-rules"] {
                assert!(
                    found
                        .iter()
                        .any(|r| r.starts_with(rule) && r.contains(organ)),
                    "{rule} {organ}: {found:?}"
                );
            }
        }
    }

    #[test]
    fn an_office_without_address_or_phone_is_named_with_its_line() {
        let f = Fixture::with_config(
            "0371-12345678",
            "kind = \"部门\"\n[publishers.office]\nname = \"财政局办公室\"\n",
        );
        let ds = f.check();
        let d = ds
            .iter()
            .find(|d| d.rule == "organ/office-contact" && d.message_zh.contains("测试区财政局"))
            .expect("fires");
        assert!(d.message_zh.contains("办公地址、联系电话"), "{d:?}");
        assert_eq!(d.line, Some(13), "the line of czj's key in site.toml");
    }

    #[test]
    fn a_complete_organ_has_no_finding() {
        let f = Fixture::with_config("0371-12345678", CZJ);
        // [office] of the fixture has no address: give the first organ its own office.
        let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap().replace(
            "code = \"005283492\"\n",
            "code = \"005283492\"\n[publishers.office]\nname = \"办公室\"\naddress = \"中心路1号\"\nphone = \"0371-2\"\n",
        );
        f.write("site.toml", &toml);
        for key in ["qzf", "czj"] {
            f.write(
                &format!("content/_organs/{key}/profile.md"),
                "## 机构职能\n职能",
            );
        }
        f.write(
            "content/a.md",
            &doc(1, &[("topics", "[政府信息公开制度]")], "制度"),
        );
        // czj's 制度 is a joint document led by qzf.
        f.write(
            "content/b.md",
            &doc(
                2,
                &[("topics", "[政府信息公开制度]"), ("co_publishers", "[czj]")],
                "制度",
            ),
        );
        assert_eq!(organ_findings(&f), Vec::<String>::new());
    }

    #[test]
    fn a_withheld_rules_document_does_not_count() {
        let f = Fixture::with_config("0371-12345678", CZJ);
        f.write(
            "content/a.md",
            &doc(
                1,
                &[
                    ("topics", "[政府信息公开制度]"),
                    ("disclosure", "依申请公开"),
                ],
                "制度",
            ),
        );
        let found = organ_findings(&f);
        assert!(
            found
                .iter()
                .any(|r| r.starts_with("organ/no-rules") && r.contains("测试区人民政府")),
            "{found:?}"
        );
    }

    #[test]
    fn a_site_without_organs_is_not_checked() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[], "正文"));
        assert_eq!(organ_findings(&f), Vec::<String>::new());
    }
}
