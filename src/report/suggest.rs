//! The suggested fix of a diagnostic in words, for formats read by people
//! who cannot apply it themselves with --fix (HTML report, Word comments).

use crate::diag::{Applicability, Diagnostic};

/// Longest quoted original shown in a suggestion, in characters.
const QUOTE: usize = 24;

fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// "建议：把“,”改为“，”" — or None when the diagnostic has no fix.
/// `fixable`: whether gwlint can apply it to this file with --fix (not to
/// Word files), which is then said.
pub fn suggestion(text: &str, d: &Diagnostic, fixable: bool) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let parts: Vec<String> = fix
        .edits
        .iter()
        .map(|e| {
            let old = text.get(e.range.clone()).unwrap_or("");
            let old = old.trim_end_matches(['\n', '\r']);
            match (old.is_empty(), e.replacement.is_empty()) {
                (true, _) => format!("插入“{}”", quote(&e.replacement)),
                (false, true) => format!("删除“{}”", quote(old)),
                (false, false) => format!("把“{}”改为“{}”", quote(old), quote(&e.replacement)),
            }
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let how = match fix.applicability {
        Applicability::Safe if fixable => "（可用 --fix 自动修复）",
        Applicability::Safe => "",
        Applicability::Unsafe => "（请确认后修改）",
    };
    Some(format!("建议：{}{how}", parts.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_edit;

    #[test]
    fn describes_replacements_deletions_and_insertions() {
        let text = "在岗尽责,科学谋划\n";
        assert_eq!(
            suggestion(text, &with_edit(12..13, "，", Applicability::Safe), true).unwrap(),
            "建议：把“,”改为“，”（可用 --fix 自动修复）"
        );
        assert_eq!(
            suggestion(text, &with_edit(0..26, "", Applicability::Unsafe), true).unwrap(),
            "建议：删除“在岗尽责,科学谋划”（请确认后修改）"
        );
        assert!(
            suggestion(text, &with_edit(3..3, "甲", Applicability::Safe), true)
                .unwrap()
                .contains("插入“甲”")
        );
        assert_eq!(
            suggestion(text, &Diagnostic::new("placeholder", 0..3, "x"), true),
            None
        );
        // Word files cannot be fixed by gwlint: no --fix hint then.
        assert_eq!(
            suggestion(text, &with_edit(12..13, "，", Applicability::Safe), false).unwrap(),
            "建议：把“,”改为“，”"
        );
        let long = "字".repeat(40);
        let s = suggestion(
            &long,
            &with_edit(0..long.len(), "", Applicability::Unsafe),
            true,
        )
        .unwrap();
        assert!(s.contains(&format!("{}…", "字".repeat(QUOTE))), "{s}");
    }
}
