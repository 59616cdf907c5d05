//! The fixed layout of the annual report, 国办公开办函〔2021〕30号: its sections,
//! the rows and columns of its tables, and the names a data file may use for them.
//!
//! Rows of the applications table marked R in the domain facts (三(三)8 to 四) were
//! recalled, not copied from the format; they are the best available.

/// The report's sections, in order: (number, title). Sections 二 to 四 hold the tables.
pub const SECTIONS: [(&str, &str); 6] = [
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
];

/// Sections that are text only; a report without them is incomplete.
pub const REQUIRED_TEXT: [usize; 2] = [0, 4];

/// A row of a data-file table: how the file names it and how the report shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct RowDef {
    /// Position in the format, e.g. `3.3.1` = 三、(三) 1.
    pub id: &'static str,
    /// The English key.
    pub key: &'static str,
    /// Chinese keys accepted in the data file (the first is the short form).
    pub names: &'static [&'static str],
    /// The row's label in the published table.
    pub label: &'static str,
}

impl RowDef {
    /// The row groups this row lies in, outermost first.
    pub fn groups(&self) -> Vec<&'static (&'static str, &'static str)> {
        ROW_GROUPS
            .iter()
            .filter(|(prefix, _)| self.in_group(prefix))
            .collect()
    }

    /// Whether the row lies in the group of id prefix `group` (e.g. `3.3`).
    pub fn in_group(&self, group: &str) -> bool {
        self.id
            .strip_prefix(group)
            .is_some_and(|rest| rest.starts_with('.'))
    }

    /// The row's name in messages: its label, after the groups it belongs to.
    pub fn full_label(&self) -> String {
        let groups: String = self.groups().iter().map(|(_, label)| *label).collect();
        format!("{groups}{}", self.label)
    }

    pub fn is_outcome(&self) -> bool {
        self.id.starts_with("3.") && self.id != TOTAL_ROW
    }
}

/// The applicant columns a data-file row gives, in order; 总计 is computed.
pub const APPLICANT_COLUMNS: [&str; 6] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

/// Row id of 三(七)总计, computed from the outcome rows.
pub const TOTAL_ROW: &str = "3.7";
pub const NEW_ROW: &str = "1";
pub const CARRIED_OVER_ROW: &str = "2";
pub const CARRIED_FORWARD_ROW: &str = "4";

/// Row groups of the applications table: id prefix → label of the spanning header.
pub const ROW_GROUPS: [(&str, &str); 5] = [
    ("3", "三、本年度办理结果"),
    ("3.3", "（三）不予公开"),
    ("3.4", "（四）无法提供"),
    ("3.5", "（五）不予处理"),
    ("3.6", "（六）其他处理"),
];

macro_rules! rows {
    ($( $id:literal $key:literal [$($name:literal),+] $label:literal ;)+) => {
        &[$( RowDef { id: $id, key: $key, names: &[$($name),+], label: $label } ),+]
    };
}

/// The applications table (收到和处理政府信息公开申请情况), in table order.
pub const APPLICATION_ROWS: &[RowDef] = rows! {
    "1" "new" ["本年新收", "本年新收政府信息公开申请数量"] "一、本年新收政府信息公开申请数量";
    "2" "carried_over" ["上年结转", "上年结转政府信息公开申请数量"] "二、上年结转政府信息公开申请数量";
    "3.1" "granted" ["予以公开"] "（一）予以公开";
    "3.2" "partly_granted" ["部分公开"] "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
    "3.3.1" "state_secret" ["属于国家秘密", "国家秘密"] "1.属于国家秘密";
    "3.3.2" "prohibited_by_law" ["其他法律行政法规禁止公开"] "2.其他法律行政法规禁止公开";
    "3.3.3" "security_and_stability" ["危及三安全一稳定", "危及“三安全一稳定”"] "3.危及“三安全一稳定”";
    "3.3.4" "third_party_rights" ["保护第三方合法权益"] "4.保护第三方合法权益";
    "3.3.5" "internal_affairs" ["属于三类内部事务信息", "三类内部事务信息"] "5.属于三类内部事务信息";
    "3.3.6" "process_information" ["属于四类过程性信息", "四类过程性信息"] "6.属于四类过程性信息";
    "3.3.7" "enforcement_files" ["属于行政执法案卷", "行政执法案卷"] "7.属于行政执法案卷";
    "3.3.8" "administrative_query" ["属于行政查询事项", "行政查询事项"] "8.属于行政查询事项";
    "3.4.1" "not_held" ["本机关不掌握相关政府信息", "不掌握"] "1.本机关不掌握相关政府信息";
    "3.4.2" "needs_creation" ["没有现成信息需要另行制作", "需要另行制作"] "2.没有现成信息需要另行制作";
    "3.4.3" "still_unclear" ["补正后申请内容仍不明确"] "3.补正后申请内容仍不明确";
    "3.5.1" "petition" ["信访举报投诉类申请"] "1.信访举报投诉类申请";
    "3.5.2" "repeated" ["重复申请"] "2.重复申请";
    "3.5.3" "publications" ["要求提供公开出版物"] "3.要求提供公开出版物";
    "3.5.4" "excessive" ["无正当理由大量反复申请"] "4.无正当理由大量反复申请";
    "3.5.5" "confirmation" ["要求行政机关确认或重新出具已获取信息"] "5.要求行政机关确认或重新出具已获取信息";
    "3.6.1" "not_corrected" ["逾期不补正", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
    "3.6.2" "fee_not_paid" ["逾期未缴费", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"] "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
    "3.6.3" "other" ["其他"] "3.其他";
    "3.7" "total" ["总计"] "（七）总计";
    "4" "carried_forward" ["结转下年度继续办理", "结转下年度"] "四、结转下年度继续办理";
};

/// Columns of each group of the review and litigation table; 总计 is computed.
pub const APPEAL_COLUMNS: [&str; 4] = ["结果维持", "结果纠正", "其他结果", "尚未审结"];

/// The three groups of the review and litigation table (one data row each).
pub const APPEAL_ROWS: &[RowDef] = rows! {
    "1" "reconsideration" ["行政复议"] "行政复议";
    "2" "lawsuit" ["行政诉讼未经复议直接起诉", "未经复议直接起诉"] "行政诉讼（未经复议直接起诉）";
    "3" "lawsuit_after_reconsideration" ["行政诉讼复议后起诉", "复议后起诉"] "行政诉讼（复议后起诉）";
};

/// Finds a row by its English key or a Chinese name, ignoring quotes and spaces.
pub fn find_row<'a>(rows: &'a [RowDef], written: &str) -> Option<&'a RowDef> {
    let w = normalize(written);
    rows.iter()
        .find(|r| r.key == w || r.names.iter().any(|n| normalize(n) == w))
}

/// The row whose name is nearest to `written`, for "did you mean" hints.
pub fn nearest_row<'a>(rows: &'a [RowDef], written: &str) -> Option<&'a RowDef> {
    let w = normalize(written);
    rows.iter()
        .flat_map(|r| {
            std::iter::once(r.key.to_string())
                .chain(r.names.iter().map(|n| normalize(n)))
                .map(move |name| (name, r))
        })
        .map(|(name, r)| {
            let d = strsim::levenshtein(&w, &name);
            (d, d <= (name.chars().count() / 2).max(2), r)
        })
        .filter(|(_, close, _)| *close)
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, _, r)| r)
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\''))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applications_table_has_the_rows_of_the_format() {
        assert_eq!(APPLICATION_ROWS.len(), 25);
        assert_eq!(
            APPLICATION_ROWS.iter().filter(|r| r.is_outcome()).count(),
            21
        );
        let mut keys: Vec<&str> = APPLICATION_ROWS.iter().map(|r| r.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 25, "keys are unique");
    }

    #[test]
    fn rows_are_found_by_key_or_chinese_name() {
        let r = find_row(APPLICATION_ROWS, "危及“三安全一稳定”").unwrap();
        assert_eq!(r.id, "3.3.3");
        assert_eq!(find_row(APPLICATION_ROWS, "危及三安全一稳定"), Some(r));
        assert_eq!(find_row(APPLICATION_ROWS, "granted").unwrap().id, "3.1");
        assert_eq!(nearest_row(APPLICATION_ROWS, "予以公布").unwrap().id, "3.1");
        assert_eq!(nearest_row(APPLICATION_ROWS, "xyz").map(|r| r.id), None);
    }

    #[test]
    fn full_labels_name_the_group() {
        let r = find_row(APPLICATION_ROWS, "重复申请").unwrap();
        assert_eq!(r.full_label(), "三、本年度办理结果（五）不予处理2.重复申请");
        assert_eq!(
            find_row(APPLICATION_ROWS, "new").unwrap().full_label(),
            "一、本年新收政府信息公开申请数量"
        );
    }
}
