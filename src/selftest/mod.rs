//! Running lexicon entries' `examples` (must be reported) and
//! `counter_examples` (must not be) through the real linter: on load for a
//! user's packs, and for every pack with `gwlint check-packs`, which also
//! runs the examples of every other pack entry (`entries`).

pub mod entries;

use crate::config::Options;
use crate::error::FileError;
use crate::lexicon::{Entry, LexiconPack};

/// One example that did not behave as its entry says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The pack file holding the entry, or for entries other than lexicon
    /// words the pack and the entry's name.
    pub origin: String,
    pub rule: String,
    pub example: String,
    /// What went wrong, for users.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: [{}] {}", self.origin, self.rule, self.message)
    }
}

/// Run the examples of the entries `include` selects.
pub fn run(options: &Options, include: impl Fn(&LexiconPack, &Entry) -> bool) -> Vec<Failure> {
    let mut failures = Vec::new();
    for pack in &options.packs().lexicon.packs {
        let only = Options {
            select: vec![pack.id.clone()],
            ignore: Vec::new(),
            ..options.clone()
        };
        for entry in pack.entry.iter().filter(|e| include(pack, e)) {
            let fail = |example: &str, message: String| Failure {
                origin: entry.origin.clone(),
                rule: pack.id.clone(),
                example: example.to_string(),
                message,
            };
            for ex in &entry.examples {
                let (doc, diags) = crate::lint_text("example.txt", ex, &only);
                if !diags
                    .iter()
                    .any(|d| doc.text[d.range.clone()] == entry.wrong)
                {
                    failures.push(fail(ex, format!("示例“{ex}”没有报告“{}”", entry.wrong)));
                }
            }
            for ex in &entry.counter_examples {
                let (doc, diags) = crate::lint_text("example.txt", ex, &only);
                if let Some(d) = diags.first() {
                    failures.push(fail(
                        ex,
                        format!(
                            "反例“{ex}”报告了“{}”（{}）",
                            &doc.text[d.range.clone()],
                            d.message
                        ),
                    ));
                }
            }
        }
    }
    failures
}

/// The examples of the lexicon entries a user added must behave as they
/// say, or the pack is wrong: report the first that does not, where it is
/// written.
pub fn check_user_packs(options: &Options) -> Result<(), FileError> {
    let builtin = &crate::packs::Packs::builtin().lexicon;
    let failures = run(options, |pack, entry| {
        builtin
            .pack(&pack.id)
            .is_none_or(|(_, p)| !p.entry.iter().any(|e| e.wrong == entry.wrong))
    });
    let Some(f) = failures.first() else {
        return Ok(());
    };
    let text = std::fs::read_to_string(&f.origin).unwrap_or_default();
    let span = crate::lexicon::find_value(&text, &f.example);
    Err(FileError::at(&f.origin, &text, span, f.message.clone()))
}

/// `gwlint check-packs`: every failure, then the verdict; and
/// whether all examples passed.
pub fn summary(options: &Options) -> (String, bool) {
    let (entry_failures, ran) = entries::run(options);
    let mut failures = run(options, |_, _| true);
    failures.extend(entry_failures);
    let mut out: String = failures.iter().map(|f| format!("{f}\n")).collect();
    let packs = &options.packs().lexicon.packs;
    let entries: usize = packs.iter().map(|p| p.entry.len()).sum();
    if failures.is_empty() {
        out.push_str(&format!(
            "{} 个词表规则、{entries} 个词条的示例全部通过\n",
            packs.len()
        ));
        out.push_str(&format!("其他规则包条目的 {ran} 个示例和反例全部通过\n"));
    } else {
        out.push_str(&format!("{} 个示例未通过\n", failures.len()));
    }
    (out, failures.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_packs_pass_and_say_so() {
        let (text, passed) = summary(&Options::default());
        assert!(passed, "{text}");
        assert!(text.starts_with("2 个词表规则、"), "{text}");
    }
}
