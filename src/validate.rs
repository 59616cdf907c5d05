//! Stage 2: site-wide checks over every loaded document, published or not.
//!
//! Per-field problems were reported while loading; here are the rules that need
//! the whole site (duplicates, references, files) or the calendar.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::load::LoadedSite;
use crate::taxonomy::Disclosure;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What every rule may look at.
pub struct RuleContext<'a> {
    pub site: &'a LoadedSite,
    pub today: NaiveDate,
}

type Rule = fn(&RuleContext, &mut Diagnostics);

/// The rules run on every build and check, in order.
const RULES: &[Rule] = &[
    unique_index_numbers,
    interpretation_targets,
    attachments_exist,
    date_order,
    review_conclusion,
    future_publication,
];

pub fn validate(site: &LoadedSite, today: NaiveDate) -> Diagnostics {
    let cx = RuleContext { site, today };
    let mut out = Diagnostics::default();
    for rule in RULES {
        rule(&cx, &mut out);
    }
    out
}

fn unique_index_numbers(cx: &RuleContext, out: &mut Diagnostics) {
    let mut first: BTreeMap<&str, &Document> = BTreeMap::new();
    for doc in &cx.site.documents {
        if let Some(prev) = first.get(doc.index_no.as_str()) {
            out.push(
                Diagnostic::error("index/duplicate", &doc.file)
                    .at(doc.line_of("index_no"))
                    .msg(
                        format!("索引号“{}”已被 {} 使用，索引号必须唯一", doc.index_no, prev.file),
                        format!("index number \"{}\" is already used by {}", doc.index_no, prev.file),
                    )
                    .fix(
                        "改用该发布机构当年下一个未用的序号（zwgk new 会自动给出）",
                        "use the publisher's next free sequence number for the year (`zwgk new` picks it)",
                    ),
            );
        } else {
            first.insert(&doc.index_no, doc);
        }
    }
}

fn interpretation_targets(cx: &RuleContext, out: &mut Diagnostics) {
    let by_index: BTreeMap<&str, &Document> = cx
        .site
        .documents
        .iter()
        .map(|d| (d.index_no.as_str(), d))
        .collect();
    for doc in &cx.site.documents {
        let Some(target) = &doc.interprets else {
            continue;
        };
        let problem = match by_index.get(target.as_str()) {
            None => Some((
                "没有索引号为该值的文件",
                "no document has this index number",
            )),
            Some(t) if t.index_no == doc.index_no => {
                Some(("不能解读自身", "a document cannot interpret itself"))
            }
            Some(t) if t.disclosure != Disclosure::Proactive || t.draft => Some((
                "被解读的文件未主动公开",
                "the interpreted document is not published",
            )),
            _ => None,
        };
        if let Some((zh, en)) = problem {
            out.push(
                Diagnostic::error("interpretation/target", &doc.file)
                    .at(doc.line_of("interprets"))
                    .msg(
                        format!("解读对象“{target}”无效：{zh}"),
                        format!("interprets \"{target}\": {en}"),
                    )
                    .fix(
                        "填写被解读的主动公开文件的索引号",
                        "give the index number of the published policy this document interprets",
                    ),
            );
        }
    }
}

fn attachments_exist(cx: &RuleContext, out: &mut Diagnostics) {
    for doc in &cx.site.documents {
        for a in &doc.attachments {
            if !cx.site.root.join(&a.source).is_file() {
                out.push(
                    Diagnostic::error("files/attachment-missing", &doc.file)
                        .at(doc.line_of("attachments"))
                        .msg(
                            format!("附件文件“{}”不存在（应在 {}）", a.file, a.source),
                            format!("attachment \"{}\" does not exist (looked for {})", a.file, a.source),
                        )
                        .fix(
                            "把文件放到该位置，或改正 file 路径（相对于本文档所在文件夹）",
                            "put the file there, or correct the path (relative to the document's folder)",
                        ),
                );
            }
        }
    }
}

fn date_order(cx: &RuleContext, out: &mut Diagnostics) {
    for doc in &cx.site.documents {
        let Some(published) = doc.published else {
            continue;
        };
        if doc.created > published {
            out.push(
                Diagnostic::error("dates/created-after-published", &doc.file)
                    .at(doc.line_of("created"))
                    .msg(
                        format!("成文日期 {} 晚于发布日期 {published}", doc.created),
                        format!("created {} is after published {published}", doc.created),
                    )
                    .fix(
                        "核对两个日期：文件先成文、后发布",
                        "check both dates: a document is formed before it is published",
                    ),
            );
        }
        if let Some(r) = &doc.review {
            if r.date > published && doc.disclosure == Disclosure::Proactive {
                out.push(
                    Diagnostic::error("disclosure/review-after-publication", &doc.file)
                        .at(doc.line_of("review"))
                        .msg(
                            format!("保密审查日期 {} 晚于发布日期 {published}，违反“先审查、后公开”", r.date),
                            format!("review date {} is after publication {published}: review must come first", r.date),
                        )
                        .fix("核对审查日期和发布日期", "check the review date and the publication date"),
                );
            }
        }
    }
}

fn review_conclusion(cx: &RuleContext, out: &mut Diagnostics) {
    for doc in &cx.site.documents {
        let Some(r) = &doc.review else { continue };
        if doc.disclosure == Disclosure::Proactive && !doc.draft && !r.approves() {
            out.push(
                Diagnostic::error("disclosure/review-not-approved", &doc.file)
                    .at(doc.line_of("review"))
                    .msg(
                        format!("保密审查结论“{}”不是同意公开，文件却标为主动公开", r.conclusion),
                        format!("review conclusion \"{}\" does not approve publication, yet the document is 主动公开", r.conclusion),
                    )
                    .fix(
                        "审查同意后把结论写为“同意公开”；不能公开的请把公开属性改为依申请公开或不予公开",
                        "write 同意公开 once approved, or change disclosure to 依申请公开 / 不予公开",
                    ),
            );
        }
    }
}

fn future_publication(cx: &RuleContext, out: &mut Diagnostics) {
    for doc in &cx.site.documents {
        match doc.published {
            Some(p) if p > cx.today && doc.disclosure == Disclosure::Proactive && !doc.draft => {
                out.push(
                    Diagnostic::warning("dates/future-publication", &doc.file)
                        .at(doc.line_of("published"))
                        .msg(
                            format!("发布日期 {p} 在今天之后：到那天之前不会发布"),
                            format!("published {p} is in the future: the document is left out until that day"),
                        )
                        .fix(
                            "如属定时发布，无需修改；否则改正发布日期",
                            "nothing to do for a scheduled publication; otherwise correct the date",
                        ),
                );
            }
            _ => {}
        }
    }
}
