//! Running the `examples` / `counter_examples` of every pack entry that is
//! not a lexicon word (placeholder shapes and meanings, residue, levels,
//! organs, set phrases, outdated terms, templates, their sections and
//! conventions) through the rule the entry feeds.

use super::Failure;
use crate::config::Options;
use crate::packs::{Packs, Specs};

/// What an example must yield to show its entry at work.
enum Expect {
    /// Any finding of the rule.
    Any,
    /// A finding of the rule whose message contains this text (the entry's
    /// name), so another entry's finding does not pass for it.
    Naming(String),
    /// A placeholder read as standing for this; a counter-example is a
    /// placeholder read as something else.
    Meaning(String),
}

struct Case {
    origin: String,
    rule: &'static str,
    expect: Expect,
    specs: Specs,
}

/// Every entry's examples, as cases.
fn cases(packs: &Packs) -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |origin, rule, expect, specs| {
        out.push(Case {
            origin,
            rule,
            expect,
            specs,
        });
    };
    word_cases(packs, &mut add);
    phrase_and_template_cases(packs, &mut add);
    out
}

type Add<'a> = dyn FnMut(String, &'static str, Expect, Specs) + 'a;

/// Placeholders, residue, levels and organs.
fn word_cases(packs: &Packs, add: &mut Add) {
    let p = &packs.placeholders;
    for s in &p.shape {
        let origin = format!("placeholders.toml：{}", s.id);
        add(origin, "placeholder", Expect::Any, s.specs());
    }
    let origin = "placeholders.toml：allow".to_string();
    add(origin, "placeholder", Expect::Any, p.allow.specs());
    for m in &p.meaning {
        let what = Expect::Meaning(format!("应填入实际的{}", m.what));
        add(
            format!("placeholders.toml：{}", m.what),
            "placeholder",
            what,
            m.specs(),
        );
    }
    for r in &packs.residue.residue {
        let origin = format!("residue.toml：{}", r.id);
        add(origin, "template-residue", Expect::Any, r.specs());
    }
    let j = &packs.jurisdiction;
    add(
        "jurisdiction.toml".into(),
        "mixed-jurisdiction",
        Expect::Any,
        j.specs(),
    );
    for l in &j.level {
        let origin = format!("jurisdiction.toml：{}", l.name);
        add(origin, "mixed-jurisdiction", Expect::Any, l.specs());
    }
    add(
        "organs.toml".into(),
        "mixed-organ",
        Expect::Any,
        packs.organs.specs(),
    );
    for o in &packs.organs.organ {
        add(
            format!("organs.toml：{}", o.name),
            "mixed-organ",
            Expect::Any,
            o.specs(),
        );
    }
}

/// Set phrases, outdated terms and templates with their sections and
/// conventions.
fn phrase_and_template_cases(packs: &Packs, add: &mut Add) {
    let f = &packs.fixed_phrases;
    add(
        "fixed-phrases.toml".into(),
        "count-mismatch",
        Expect::Any,
        f.specs(),
    );
    for ph in &f.phrase {
        // A phrase without members only keeps count-mismatch silent.
        let (rule, expect) = if ph.members.is_empty() {
            ("count-mismatch", Expect::Any)
        } else {
            (
                "set-phrase-members",
                Expect::Naming(format!("“{}”", ph.name)),
            )
        };
        add(
            format!("fixed-phrases.toml：{}", ph.name),
            rule,
            expect,
            ph.specs(),
        );
    }
    let o = &packs.outdated;
    add(
        "outdated.toml".into(),
        "outdated-term",
        Expect::Any,
        o.specs(),
    );
    for t in &o.term {
        let origin = format!("outdated.toml：{}", t.term);
        add(origin, "outdated-term", Expect::Any, t.specs());
    }
    for t in &packs.templates {
        let origin = format!("templates：{}", t.name);
        add(origin.clone(), "required-section", Expect::Any, t.specs());
        for s in &t.section {
            let expect = Expect::Naming(format!("“{}”", s.name));
            add(
                format!("{origin}：{}", s.name),
                "required-section",
                expect,
                s.specs(),
            );
        }
        for c in &t.convention {
            let at = format!("{origin}：{}", c.id);
            add(at, "genre-convention", Expect::Any, c.specs());
        }
    }
}

/// The findings of `rule` on `text`, each as its message and flagged text.
fn findings(rule: &str, text: &str, options: &Options) -> Vec<String> {
    let only = Options {
        select: vec![rule.to_string()],
        ignore: Vec::new(),
        ..options.clone()
    };
    let (doc, diags) = crate::lint_text("example.txt", text, &only);
    diags
        .iter()
        .map(|d| format!("{}「{}」", d.message, &doc.text[d.range.clone()]))
        .collect()
}

/// Run every case; return the failures and how many examples ran.
pub fn run(options: &Options) -> (Vec<Failure>, usize) {
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases(options.packs()) {
        let fail = |example: &str, message: String| Failure {
            origin: case.origin.clone(),
            rule: case.rule.to_string(),
            example: example.to_string(),
            message,
        };
        for ex in &case.specs.examples {
            ran += 1;
            let got = findings(case.rule, ex, options);
            let ok = match &case.expect {
                Expect::Any => !got.is_empty(),
                Expect::Naming(n) | Expect::Meaning(n) => got.iter().any(|m| m.contains(n)),
            };
            if !ok {
                let wanted = match &case.expect {
                    Expect::Any => String::new(),
                    Expect::Naming(n) | Expect::Meaning(n) => format!("包含{n}的"),
                };
                failures.push(fail(
                    ex,
                    format!("示例“{ex}”没有得到{wanted}结果（{}）", got.join("；")),
                ));
            }
        }
        for ex in &case.specs.counter_examples {
            ran += 1;
            let got = findings(case.rule, ex, options);
            let bad = match &case.expect {
                Expect::Meaning(n) => got.is_empty() || got.iter().any(|m| m.contains(n)),
                _ => !got.is_empty(),
            };
            if bad {
                let message = match &case.expect {
                    Expect::Meaning(n) if got.is_empty() => {
                        format!("反例“{ex}”应是另有含义的占位符，却没有报告（不能用来区分{n}）")
                    }
                    _ => format!("反例“{ex}”报告了：{}", got.join("；")),
                };
                failures.push(fail(ex, message));
            }
        }
    }
    (failures, ran)
}
