//! Every rule-pack entry documents itself with `examples` (must fire) and
//! `counter_examples` (must not fire); this runs them all against the rule
//! the pack feeds.

use crate::common;

use std::sync::Arc;

use gwlint::config::Options;
use gwlint::packs::{Packs, Specs};

/// The findings of `rule` on `text` with `packs` in place of the embedded
/// packs.
fn fires_with(rule: &str, text: &str, packs: Option<Arc<Packs>>) -> Vec<String> {
    let options = Options {
        select: vec![rule.to_string()],
        packs,
        ..common::options()
    };
    let (doc, diags) = gwlint::lint_text("example.txt", text, &options);
    diags
        .iter()
        .map(|d| format!("{}「{}」", d.message, &doc.text[d.range.clone()]))
        .collect()
}

/// Every pack entry other than lexicon words yields what its examples say
/// (for a template section or a set phrase, a finding that names it; for a
/// placeholder meaning, a placeholder read as it) and stays silent on its
/// counter-examples; `gwlint check-packs` runs the same cases.
#[test]
fn every_pack_entry_passes_its_own_examples() {
    let (failures, ran) = gwlint::selftest::entries::run(&common::options());
    let lines: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
    assert!(ran > 300, "packs should carry their examples (ran {ran})");
}

/// Every pack entry documents itself: it carries examples (must fire) and
/// counter-examples (must not). The exemptions are the entries that cannot
/// fire, each named below with the reason.
#[test]
fn every_pack_entry_carries_examples() {
    let packs = Packs::embedded().unwrap();
    let mut missing = Vec::new();
    let mut need = |what: String, specs: Specs, examples: bool| {
        if examples && specs.examples.is_empty() {
            missing.push(format!("{what}: no examples"));
        }
        if specs.counter_examples.is_empty() {
            missing.push(format!("{what}: no counter_examples"));
        }
    };
    for s in &packs.placeholders.shape {
        need(format!("placeholders / shape {}", s.id), s.specs(), true);
    }
    // An allowed word only ever silences a placeholder: nothing to fire.
    need(
        "placeholders / allow".into(),
        packs.placeholders.allow.specs(),
        false,
    );
    for m in &packs.placeholders.meaning {
        need(
            format!("placeholders / meaning {}", m.what),
            m.specs(),
            true,
        );
    }
    for r in &packs.residue.residue {
        need(format!("residue / {}", r.id), r.specs(), true);
    }
    need("jurisdiction".into(), packs.jurisdiction.specs(), true);
    for l in &packs.jurisdiction.level {
        need(format!("jurisdiction / level {}", l.name), l.specs(), true);
    }
    need("organs".into(), packs.organs.specs(), true);
    for o in &packs.organs.organ {
        // An organ with `check = false` is recognised but never reported.
        need(format!("organs / {}", o.name), o.specs(), o.check);
    }
    need("outdated".into(), packs.outdated.specs(), true);
    for t in &packs.outdated.term {
        need(format!("outdated / {}", t.term), t.specs(), true);
    }
    need("fixed-phrases".into(), packs.fixed_phrases.specs(), true);
    for p in &packs.fixed_phrases.phrase {
        let what = format!("fixed-phrases / {}", p.name);
        if !p.members.is_empty() {
            need(what, p.specs(), true);
        } else if !NO_COUNT_PHRASES.contains(&p.name.as_str()) {
            // Without members nothing checks the phrase; the entry only
            // keeps count-mismatch silent (see the test below).
            need(what, p.specs(), false);
        }
    }
    for t in &packs.templates {
        // A template without sections gives required-section nothing to
        // report; its conventions carry their own examples.
        need(
            format!("templates / {}", t.name),
            t.specs(),
            !t.section.is_empty(),
        );
        for s in &t.section {
            need(
                format!("templates / {} / {}", t.name, s.name),
                s.specs(),
                true,
            );
        }
        for c in &t.convention {
            need(
                format!("templates / {} / {}", t.name, c.id),
                c.specs(),
                true,
            );
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Set phrases without listed members whose names the count rules would
/// not read as a count of 2 to 10 even without the entry (no classifier
/// after the numeral, or a value outside 2..=10): removing the entry changes
/// no finding, so no example can show what it does.
/// `memberless_phrases_without_examples_are_no_counts` keeps this list true.
const NO_COUNT_PHRASES: [&str; 11] = [
    "三会一课",
    "两学一做",
    "一个中心",
    "八字方针",
    "三新一高",
    "十四个坚持",
    "十三个方面成就",
    "一岗双责",
    "三重一大",
    "四下基层",
    "一把手",
];

/// The embedded packs without the set phrase `name`.
fn packs_without_phrase(name: &str) -> Arc<Packs> {
    let mut packs = Packs::embedded().unwrap();
    packs.fixed_phrases.phrase.retain(|p| p.name != name);
    Arc::new(packs)
}

/// A set phrase without members exists to keep `count-mismatch` from
/// reading its name as a count: each counter-example, silent with the entry
/// (`every_pack_entry_passes_its_own_examples`), is reported without it.
#[test]
fn memberless_phrases_keep_their_counter_examples_silent() {
    let packs = Packs::embedded().unwrap();
    let mut failures = Vec::new();
    for p in packs
        .fixed_phrases
        .phrase
        .iter()
        .filter(|p| p.members.is_empty())
    {
        if NO_COUNT_PHRASES.contains(&p.name.as_str()) {
            continue;
        }
        if p.counter_examples.is_empty() {
            failures.push(format!("{}: no counter_examples", p.name));
        }
        if !p.examples.is_empty() {
            failures.push(format!(
                "{}: a phrase without members has nothing to fire",
                p.name
            ));
        }
        let without = packs_without_phrase(&p.name);
        for ex in &p.counter_examples {
            if fires_with("count-mismatch", ex, Some(without.clone())).is_empty() {
                failures.push(format!(
                    "{}: counter-example would be silent without the entry: {ex}",
                    p.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The exempt phrases really are no counts: without the entry, their name
/// yields no count of 2 to 10 for the count rules to check.
#[test]
fn memberless_phrases_without_examples_are_no_counts() {
    let packs = Packs::embedded().unwrap();
    for name in NO_COUNT_PHRASES {
        let p = packs
            .fixed_phrases
            .phrase
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} is no longer a set phrase: drop it from the list"));
        assert!(p.members.is_empty(), "{name} has members: give it examples");
        let options = Options {
            packs: Some(packs_without_phrase(name)),
            ..common::options()
        };
        let (doc, _) = gwlint::lint_text(
            "example.txt",
            &format!("标题\n\n坚持“{name}”。\n"),
            &options,
        );
        let counts: Vec<u32> = doc
            .counts
            .iter()
            .map(|c| c.value)
            .filter(|v| (2..=10).contains(v))
            .collect();
        assert!(
            counts.is_empty(),
            "{name} reads as a count {counts:?}: give it counter_examples"
        );
    }
}

/// Every genre the standards name has a template (`gwlint templates`).
#[test]
fn every_common_genre_has_a_template() {
    let packs = Packs::embedded().unwrap();
    for genre in [
        "通知",
        "通报",
        "请示",
        "报告",
        "函",
        "批复",
        "意见",
        "会议纪要",
        "工作总结",
        "实施方案",
        "讲话稿",
        "述职述廉报告",
        "民主生活会情况通报",
    ] {
        assert!(packs.template(genre).is_some(), "no template for {genre}");
    }
}

/// README's tables list every template and every outdated term, so the
/// user-facing documentation cannot fall behind the data.
#[test]
fn readme_lists_every_template_and_outdated_term() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let packs = Packs::embedded().unwrap();
    for t in &packs.templates {
        assert!(
            readme.contains(&format!("| {} |", t.name)),
            "README lacks template {}",
            t.name
        );
    }
    for t in &packs.outdated.term {
        assert!(
            readme.contains(&format!("| {} |", t.term)),
            "README lacks outdated term {}",
            t.term
        );
    }
}

/// Every lexicon entry (typo, variant-form) reports its examples with its
/// own word and stays silent on its counter-examples.
#[test]
fn every_lexicon_entry_passes_its_own_examples() {
    let failures = gwlint::selftest::run(&common::options(), |_, _| true);
    let lines: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

/// The built-in lexicon rules are curated: every entry says why and
/// carries examples both ways; `typo` has at least 300 entries.
#[test]
fn lexicon_entries_are_curated() {
    let packs = Packs::embedded().unwrap();
    let ids: Vec<&str> = packs.lexicon.packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["typo", "variant-form"]);
    for pack in &packs.lexicon.packs {
        for e in &pack.entry {
            assert!(
                e.why.is_some() && !e.examples.is_empty() && !e.counter_examples.is_empty(),
                "{} / {}: needs why, examples and counter_examples",
                pack.id,
                e.wrong
            );
        }
    }
    let (_, typo) = packs.lexicon.pack("typo").unwrap();
    assert!(typo.entry.len() >= 300, "typo has {}", typo.entry.len());
}
