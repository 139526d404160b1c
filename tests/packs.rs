//! Every rule-pack entry documents itself with `examples` (must fire) and
//! `counter_examples` (must not fire); this runs them all against the rule
//! the pack feeds.

mod common;

use gwlint::config::Options;
use gwlint::packs::{Packs, Specs};

fn fires(rule: &str, text: &str) -> Vec<String> {
    let options = Options {
        select: vec![rule.to_string()],
        ..common::options()
    };
    let (doc, diags) = gwlint::lint_text("example.txt", text, &options);
    diags
        .iter()
        .map(|d| format!("{}「{}」", d.message, &doc.text[d.range.clone()]))
        .collect()
}

fn check(rule: &str, what: &str, specs: &Specs, failures: &mut Vec<String>) {
    for ex in &specs.examples {
        if fires(rule, ex).is_empty() {
            failures.push(format!("{rule} / {what}: example did not fire: {ex}"));
        }
    }
    for ex in &specs.counter_examples {
        let got = fires(rule, ex);
        if !got.is_empty() {
            failures.push(format!(
                "{rule} / {what}: counter-example fired: {ex}\n    {}",
                got.join("\n    ")
            ));
        }
    }
}

#[test]
fn every_pack_entry_passes_its_own_examples() {
    let packs = Packs::embedded().expect("embedded packs load");
    let mut failures = Vec::new();
    let mut checked = 0;
    for shape in &packs.placeholders.shape {
        check("placeholder", &shape.id, &shape.specs, &mut failures);
        checked += shape.specs.examples.len() + shape.specs.counter_examples.len();
    }
    check(
        "placeholder",
        "allow",
        &packs.placeholders.allow.specs,
        &mut failures,
    );
    for r in &packs.residue.residue {
        check("template-residue", &r.id, &r.specs, &mut failures);
        checked += r.specs.examples.len() + r.specs.counter_examples.len();
    }
    check(
        "mixed-jurisdiction",
        "jurisdiction",
        &packs.jurisdiction.specs,
        &mut failures,
    );
    for l in &packs.jurisdiction.level {
        check("mixed-jurisdiction", &l.name, &l.specs, &mut failures);
        checked += l.specs.examples.len() + l.specs.counter_examples.len();
    }
    check("mixed-organ", "organs", &packs.organs.specs, &mut failures);
    for o in &packs.organs.organ {
        check("mixed-organ", &o.name, &o.specs, &mut failures);
    }
    check(
        "count-mismatch",
        "fixed-phrases",
        &packs.fixed_phrases.specs,
        &mut failures,
    );
    for t in &packs.outdated.term {
        check("outdated-term", &t.term, &t.specs, &mut failures);
        checked += t.specs.examples.len() + t.specs.counter_examples.len();
    }
    for t in &packs.templates {
        check("required-section", &t.name, &t.specs, &mut failures);
        checked += t.specs.examples.len() + t.specs.counter_examples.len();
    }
    assert!(
        checked > 50,
        "packs should carry their examples (found {checked})"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each pack entry that can carry examples does.
#[test]
fn pack_entries_carry_examples() {
    let packs = Packs::embedded().unwrap();
    for s in &packs.placeholders.shape {
        assert!(
            !s.specs.examples.is_empty(),
            "shape {} has no examples",
            s.id
        );
    }
    for r in &packs.residue.residue {
        assert!(
            !r.specs.examples.is_empty() && !r.specs.counter_examples.is_empty(),
            "residue {}",
            r.id
        );
    }
    for t in &packs.outdated.term {
        assert!(
            !t.specs.examples.is_empty() && !t.specs.counter_examples.is_empty(),
            "term {}",
            t.term
        );
    }
}
