//! The one checker behind every lexicon pack: each hit of the pack's words
//! whose context conditions hold is a diagnostic, with the entry's
//! replacement as a fix.

use super::RuleCtx;
use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::lexicon::FixKind;

pub fn check(id: &'static str, doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let Some((index, pack)) = ctx.packs.lexicon.pack(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for hit in ctx.hits.of(index) {
        let entry = &pack.entry[hit.entry];
        if !entry.applies(doc, hit.range.clone()) {
            continue;
        }
        let mut message = format!("{}“{}”", pack.label(), entry.wrong);
        if let Some(right) = &entry.right {
            message.push_str(&format!("：应为“{right}”"));
        }
        if let Some(why) = &entry.why {
            message.push_str(&format!("（{why}）"));
        }
        let mut d = Diagnostic::new(id, hit.range.clone(), message);
        if let Some(right) = &entry.right {
            let applicability = match entry.fix_kind() {
                FixKind::Safe => Some(Applicability::Safe),
                FixKind::Unsafe => Some(Applicability::Unsafe),
                FixKind::None => None,
            };
            if let Some(a) = applicability {
                d = d.with_fix(
                    a,
                    vec![Edit {
                        range: hit.range.clone(),
                        replacement: right.clone(),
                    }],
                );
            }
        }
        out.push(d);
    }
    out
}
