//! `interpretation/*`: a policy and its interpretation (政策解读) are published
//! together and link to each other through the interpretation's `interprets`.
//!
//! Policy documents are those whose 文种 sets rules for the public: 办法, 规定,
//! 细则, 规则 and 意见 (the forms of 行政规范性文件 and policy opinions at county
//! level). 决定 is left out, since most are one-off decisions (appointments,
//! commendations, repeals); so are 通知, 方案 and 规划. Only policies in force on the
//! day of the check (有效 or 已修改, see `model::lifecycle`) need an interpretation.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::document::Document;
use crate::model::taxonomy::POLICY_DOC_TYPES;
use crate::rules::RuleContext;
use std::collections::HashSet;

pub const INTERPRETATION_DOC_TYPE: &str = "解读";

pub fn target_is_published(cx: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    let Some(target) = &doc.interprets else {
        return;
    };
    if !RuleContext::will_publish(doc) {
        return;
    }
    let problem = match cx.by_index.get(target.as_str()) {
        None => Some((
            "没有索引号为该值的文件",
            "no document has this index number",
        )),
        Some(t) if t.index_no == doc.index_no => {
            Some(("不能解读自身", "a document cannot interpret itself"))
        }
        Some(t) if !cx.published_for(t, doc) => Some((
            "被解读的文件不会与本文件一同公开",
            "the interpreted document is not published with this one",
        )),
        _ => None,
    };
    if let Some((zh, en)) = problem {
        out.push(
            Diagnostic::error("interpretation/target", &doc.file)
                .at(doc.line_of("interprets"))
                .msg(format!("解读对象“{target}”无效：{zh}"), format!("interprets \"{target}\": {en}"))
                .fix(
                    "填写被解读的主动公开文件的索引号，并确保该文件已审查、不是草稿、发布日期不晚于本文件",
                    "give the index number of the published policy this document interprets (reviewed, not a draft, published no later than this one)",
                ),
        );
    }
}

pub fn interpretation_has_target(_: &RuleContext, doc: &Document, out: &mut Diagnostics) {
    if doc.doc_type == INTERPRETATION_DOC_TYPE
        && doc.interprets.is_none()
        && RuleContext::will_publish(doc)
    {
        out.push(
            Diagnostic::warning("interpretation/no-target", &doc.file)
                .at(doc.line_of("doc_type"))
                .msg(
                    "解读文件没有写解读对象（interprets），页面上不会与被解读的政策互相链接",
                    "an interpretation without `interprets` is not linked with the policy it explains",
                )
                .fix(
                    "加一行 interprets: 被解读文件的索引号（也可写作 解读对象: ……）",
                    "add `interprets: <index number of the policy>`",
                ),
        );
    }
}

pub fn policies_without_interpretation(cx: &RuleContext, out: &mut Diagnostics) {
    let interpreted: HashSet<&str> = cx
        .site
        .documents
        .iter()
        .filter(|d| RuleContext::will_publish(d))
        .filter_map(|d| d.interprets.as_deref())
        .collect();
    for doc in &cx.site.documents {
        let is_policy = POLICY_DOC_TYPES.contains(&doc.doc_type.as_str())
            && crate::model::lifecycle::in_force_on(doc, cx.today);
        if is_policy
            && RuleContext::will_publish(doc)
            && !interpreted.contains(doc.index_no.as_str())
        {
            out.push(
                Diagnostic::warning("interpretation/missing", &doc.file)
                    .at(doc.line_of("doc_type"))
                    .msg(
                        format!("政策性文件（{}）没有政策解读", doc.doc_type),
                        format!("policy document ({}) has no interpretation", doc.doc_type),
                    )
                    .fix(
                        format!(
                            "与政策同步发布解读：新建文种为“解读”的文件，写 interprets: {}",
                            doc.index_no
                        ),
                        format!("publish an interpretation with it: a 解读 document with `interprets: {}`", doc.index_no),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{doc, Fixture, WITHHELD};

    const POLICY: (&str, &str) = ("doc_type", "办法");
    const INTERPRETATION: (&str, &str) = ("doc_type", "解读");

    #[test]
    fn target_must_exist_and_be_published() {
        let f = Fixture::new();
        f.write("content/policy.md", &doc(1, &[], ""));
        f.write("content/draft.md", &doc(2, &[("draft", "true")], ""));
        f.write(
            "content/later.md",
            &doc(
                3,
                &[("created", "2025-12-19"), ("published", "2025-12-20")],
                "",
            ),
        );
        f.write(
            "content/ok.md",
            &doc(
                10,
                &[INTERPRETATION, ("interprets", "005283492/2025-00001")],
                "",
            ),
        );
        f.write(
            "content/to-nothing.md",
            &doc(
                11,
                &[INTERPRETATION, ("interprets", "005283492/2025-00099")],
                "",
            ),
        );
        f.write(
            "content/to-draft.md",
            &doc(
                12,
                &[INTERPRETATION, ("interprets", "005283492/2025-00002")],
                "",
            ),
        );
        f.write(
            "content/to-later.md",
            &doc(
                13,
                &[INTERPRETATION, ("interprets", "005283492/2025-00003")],
                "",
            ),
        );
        f.write(
            "content/to-itself.md",
            &doc(
                14,
                &[INTERPRETATION, ("interprets", "005283492/2025-00014")],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            [
                "content/later.md dates/future-publication (warning)",
                "content/to-draft.md interpretation/target",
                "content/to-itself.md interpretation/target",
                "content/to-later.md interpretation/target",
                "content/to-nothing.md interpretation/target",
            ]
        );
    }

    #[test]
    fn target_withheld_by_disclosure_is_an_error() {
        let f = Fixture::new();
        f.write("content/secret.md", &doc(1, &WITHHELD, ""));
        f.write(
            "content/i.md",
            &doc(
                2,
                &[INTERPRETATION, ("interprets", "005283492/2025-00001")],
                "",
            ),
        );
        assert_eq!(f.findings(), ["content/i.md interpretation/target"]);
    }

    #[test]
    fn policy_without_interpretation_is_a_warning() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[POLICY], ""));
        f.write("content/b.md", &doc(2, &[("doc_type", "意见")], ""));
        f.write(
            "content/b-jd.md",
            &doc(
                3,
                &[INTERPRETATION, ("interprets", "005283492/2025-00002")],
                "",
            ),
        );
        // Not policies, or not in force, or not published: no warning.
        f.write("content/c.md", &doc(4, &[("doc_type", "通知")], ""));
        f.write(
            "content/d.md",
            &doc(
                5,
                &[
                    POLICY,
                    ("abolished", "2025-06-01"),
                    ("abolished_by", "《市政府决定》"),
                ],
                "",
            ),
        );
        f.write(
            "content/d2.md",
            &doc(7, &[POLICY, ("valid_until", "2025-11-29")], ""),
        );
        f.write("content/e.md", &doc(6, &[POLICY, ("draft", "true")], ""));
        assert_eq!(
            f.findings(),
            ["content/a.md interpretation/missing (warning)"]
        );
    }

    #[test]
    fn a_draft_interpretation_does_not_count() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[POLICY], ""));
        f.write(
            "content/a-jd.md",
            &doc(
                2,
                &[
                    INTERPRETATION,
                    ("interprets", "005283492/2025-00001"),
                    ("draft", "true"),
                ],
                "",
            ),
        );
        assert_eq!(
            f.findings(),
            ["content/a.md interpretation/missing (warning)"]
        );
    }

    #[test]
    fn interpretation_without_target_is_a_warning() {
        let f = Fixture::new();
        f.write("content/a.md", &doc(1, &[INTERPRETATION], ""));
        assert_eq!(
            f.findings(),
            ["content/a.md interpretation/no-target (warning)"]
        );
    }
}
