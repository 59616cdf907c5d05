//! Facts compiled into the binary: the 26 national pilot domains with their known
//! standard items, and the gov.cn topic classification (data/builtin.yaml).

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Builtin {
    pub domains: Vec<PilotDomain>,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Deserialize)]
pub struct PilotDomain {
    pub slug: String,
    pub name: String,
    pub en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub items: Vec<KnownItem>,
}

/// A first/second-level item seen on real local catalogues.
#[derive(Debug, Deserialize)]
pub struct KnownItem {
    pub l1: String,
    pub l2: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub time_limit: String,
    #[serde(default)]
    pub mode: Option<String>,
    /// The machine-readable time limit, where the fact sheet gives one.
    #[serde(default)]
    pub limit: Option<crate::model::taxonomy::Limit>,
}

#[derive(Debug, Deserialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
}

pub fn builtin() -> &'static Builtin {
    static DATA: OnceLock<Builtin> = OnceLock::new();
    DATA.get_or_init(|| {
        let v = crate::util::yaml::from_str(include_str!("../../data/builtin.yaml"))
            .expect("data/builtin.yaml is valid YAML");
        crate::util::yaml::from_value(v).expect("data/builtin.yaml matches its schema")
    })
}

/// A national pilot domain by slug, name or alias.
pub fn pilot_domain(s: &str) -> Option<&'static PilotDomain> {
    builtin()
        .domains
        .iter()
        .find(|d| d.slug == s || d.name == s || d.aliases.iter().any(|a| a == s))
}

/// The gov.cn slug of a topic name (`综合政务`, or `综合政务\政务公开` by its top level).
pub fn topic_slug(name: &str) -> Option<&'static str> {
    let top = name.split(['\\', '/']).next().unwrap_or(name).trim();
    builtin()
        .topics
        .iter()
        .find(|t| t.name == top && top == name.trim())
        .map(|t| t.slug.as_str())
}

impl PilotDomain {
    /// A `_domain.yaml` for this domain: its known items, with the columns an office fills in.
    pub fn scaffold_yaml(&self) -> String {
        let mut out = format!(
            "# {name}：基层政务公开标准目录。请按本地标准目录核对、补全各列。\n# Standard item list of the pilot domain {en}; complete every column from your local list.\nname: {name}\nitems:\n",
            name = self.name,
            en = self.en
        );
        let mut groups: Vec<(&str, Vec<&KnownItem>)> = Vec::new();
        for item in &self.items {
            match groups.iter_mut().find(|(l1, _)| *l1 == item.l1) {
                Some((_, v)) => v.push(item),
                None => groups.push((&item.l1, vec![item])),
            }
        }
        if groups.is_empty() {
            out.push_str(&format!(
                "  - id: \"1\"\n    name: {name}政策文件\n    children:\n{leaf}",
                name = self.name,
                leaf = leaf_yaml(
                    "1.1",
                    &format!("{}相关政策文件", self.name),
                    "",
                    "",
                    "主动",
                    None
                )
            ));
        }
        for (i, (l1, items)) in groups.iter().enumerate() {
            out.push_str(&format!(
                "  - id: \"{}\"\n    name: {}\n    children:\n",
                i + 1,
                l1
            ));
            for (j, item) in items.iter().enumerate() {
                let mode = item.mode.as_deref().unwrap_or("主动");
                out.push_str(&leaf_yaml(
                    &format!("{}.{}", i + 1, j + 1),
                    &item.l2,
                    &item.content,
                    &item.time_limit,
                    mode,
                    item.limit,
                ));
            }
        }
        out
    }
}

fn leaf_yaml(
    id: &str,
    name: &str,
    content: &str,
    time_limit: &str,
    mode: &str,
    limit: Option<crate::model::taxonomy::Limit>,
) -> String {
    let or = |s: &str, d: &str| {
        if s.is_empty() {
            d.to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "      - id: \"{id}\"\n        name: {name}\n        content: {content}\n        basis: 《中华人民共和国政府信息公开条例》\n        time_limit: {time_limit}\n        body: 待填写\n        channels: [政府网站]\n        audience: 全社会\n        mode: {mode}\n        level: [县级]\n",
        content = or(content, "待填写"),
        time_limit = or(time_limit, "信息形成或者变更之日起20个工作日内"),
    ) + &limit.map(limit_yaml).unwrap_or_default()
}

/// The `limit:` line of a scaffolded item.
fn limit_yaml(limit: crate::model::taxonomy::Limit) -> String {
    use crate::model::taxonomy::{Limit, LimitStart};
    let value = match limit {
        Limit::Days {
            days,
            working,
            from,
        } => format!(
            "{{days: {days}, kind: {}{}}}",
            if working { "working" } else { "calendar" },
            if from == LimitStart::Approval {
                ", from: approval"
            } else {
                ""
            }
        ),
        Limit::By { month, day } => format!("{{by: \"{month:02}-{day:02}\"}}"),
    };
    format!("        limit: {value}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::taxonomy::Domain;
    use std::path::Path;

    #[test]
    fn knows_all_26_pilot_domains() {
        assert_eq!(builtin().domains.len(), 26);
        assert_eq!(pilot_domain("财政预决算").unwrap().slug, "czyjs");
        assert_eq!(pilot_domain("环境保护").unwrap().slug, "sthj");
    }

    #[test]
    fn every_scaffold_parses_as_a_domain() {
        for d in &builtin().domains {
            let parsed = Domain::parse(&d.scaffold_yaml(), &d.slug, Path::new("x.yaml")).unwrap();
            assert_eq!(parsed.name, d.name);
            assert!(!parsed.leaf_items().is_empty(), "{}", d.slug);
        }
    }

    #[test]
    fn known_limits_reach_the_scaffold() {
        use crate::model::taxonomy::{Limit, LimitStart};
        let czyjs = pilot_domain("czyjs").unwrap();
        let d = Domain::parse(&czyjs.scaffold_yaml(), "czyjs", Path::new("x.yaml")).unwrap();
        let budget = d.find_item("政府预算").unwrap();
        assert_eq!(
            d.limit_of(&budget.id),
            Some(Limit::Days {
                days: 20,
                working: false,
                from: LimitStart::Approval
            })
        );
        let shjz = pilot_domain("shjz").unwrap();
        let d = Domain::parse(&shjz.scaffold_yaml(), "shjz", Path::new("x.yaml")).unwrap();
        assert_eq!(
            d.limit_of("1.1"),
            Some(Limit::Days {
                days: 10,
                working: true,
                from: LimitStart::Formation
            })
        );
        assert_eq!(
            d.limit_of("1.2"),
            None,
            "the fact sheet gives no limit for it"
        );
    }

    #[test]
    fn topic_slugs() {
        assert_eq!(topic_slug("综合政务"), Some("zhzw"));
        assert_eq!(topic_slug("财政、金融、审计"), Some("czjrsj"));
        assert_eq!(topic_slug("自定义主题"), None);
    }
}
