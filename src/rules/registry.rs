//! The runtime registry: the rules written in Rust plus one rule per
//! lexicon pack, built once per set of packs.

use super::{Check, Rule, CODE};
use crate::packs::Packs;
use std::sync::{Arc, OnceLock};

/// Every rule a run knows, in the order `gwlint rules` lists them.
#[derive(Debug)]
pub struct Registry {
    rules: Vec<&'static Rule>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// The registry the reporters name rules from (set once per invocation).
static ACTIVE: OnceLock<Arc<Registry>> = OnceLock::new();

/// A string that lives as long as the process, like the code rules' texts
/// (diagnostics name their rule with a `&'static str`). Registries are
/// built once per process, so each pack rule's texts are kept once.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl Registry {
    /// The code rules and the rules of `packs`' lexicon packs. A lexicon
    /// pack may not take a code rule's id.
    pub fn new(packs: &Packs) -> Result<Registry, String> {
        let mut rules: Vec<&'static Rule> = CODE.to_vec();
        for pack in &packs.lexicon.packs {
            if rules.iter().any(|r| r.id == pack.id) {
                return Err(format!(
                    "规则包的编号“{}”与内置规则重复，请换一个编号",
                    pack.id
                ));
            }
            let mut doc = pack.doc.clone().unwrap_or_default().trim().to_string();
            doc.push_str(&format!(
                "\n\n规则包中的词条（{} 条）：\n",
                pack.entry.len()
            ));
            for e in &pack.entry {
                let right = e
                    .right
                    .as_deref()
                    .map_or(String::new(), |r| format!(" → {r}"));
                let why = e.why.as_deref().map_or(String::new(), |w| format!("　{w}"));
                doc.push_str(&format!("  {}{right}{why}\n", e.wrong));
            }
            rules.push(Box::leak(Box::new(Rule {
                id: leak(pack.id.clone()),
                severity: pack.severity(),
                summary: leak(pack.summary.clone().unwrap_or_default()),
                // Indented like a doc comment, which `documentation` unindents.
                doc: leak(doc.lines().map(|l| format!(" {l}\n")).collect()),
                check: Check::Lexicon,
            })));
        }
        Ok(Registry { rules })
    }

    /// The registry of the embedded packs.
    pub fn builtin() -> &'static Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Registry::new(Packs::builtin()).unwrap_or_else(|e| panic!("embedded packs: {e}"))
        })
    }

    /// Make `registry` the one reporters use to describe rules (the first
    /// call wins; without one they use [`Registry::builtin`]).
    pub fn activate(registry: Arc<Registry>) {
        let _ = ACTIVE.set(registry);
    }

    /// The registry of this invocation.
    pub fn active() -> &'static Registry {
        match ACTIVE.get() {
            Some(r) => r,
            None => Registry::builtin(),
        }
    }

    pub fn all(&self) -> &[&'static Rule] {
        &self.rules
    }

    pub fn by_id(&self, id: &str) -> Option<&'static Rule> {
        self.rules.iter().copied().find(|r| r.id == id)
    }

    /// "unknown rule" with the nearest known id as a suggestion.
    pub fn unknown_rule_message(&self, id: &str) -> String {
        let nearest = self
            .rules
            .iter()
            .map(|r| (edit_distance(id, r.id), r.id))
            .min()
            .filter(|(d, _)| *d <= 4);
        match nearest {
            Some((_, n)) => {
                format!("未知的规则“{id}”，是否想用“{n}”？（`gwlint rules` 列出全部规则）")
            }
            None => format!("未知的规则“{id}”（`gwlint rules` 列出全部规则）"),
        }
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_packs_are_rules_beside_the_code_rules() {
        let r = Registry::builtin();
        assert!(r.by_id("placeholder").is_some());
        let typo = r.by_id("typo").expect("the typo pack is a rule");
        assert!(matches!(typo.check, Check::Lexicon));
        assert!(typo.documentation().contains("布署 → 部署"));
        assert!(r.by_id("no-such-rule").is_none());
        assert!(r.unknown_rule_message("tpyo").contains("typo"));
    }
}
