use crate::diag::Diagnostic;
use crate::doc::chars::is_chinese;
use crate::doc::Document;
use crate::input::Format;
use crate::packs::{class_has, Placeholders, Shape};
use crate::rules::RuleCtx;
use std::ops::Range;

declare_rule! {
    /// ## 未填写的占位符（placeholder）
    ///
    /// 找出模板里留给起草人填写、却没有填上的占位符：`X年X月X日`、`XX同志`、`××`、
    /// `Ｘ`、`x`、`〇〇`、`□□`、`**`、`20XX`、`202X`、`x.x%`、`某某` 等。
    ///
    /// **为什么**：占位符一旦随正式文件发出，就是最显眼的差错。
    ///
    /// 每一处连续的占位符报告一次（`X年X月X日` 是一处），并根据上下文说明应填入什么
    /// （日期、姓名、数量、地名、届次……）。形状和例外写在 `rules/placeholders.toml`。
    ///
    /// **会报告**：
    /// - `X年X月X日，县委常委班子召开了民主生活会。`（日期）
    /// - `XX同志主持会议。`（姓名）
    /// - `同比增长x.x%。`（数量）
    ///
    /// **不会报告**：
    /// - `X射线`、`X光`、`Excel`、`Windows XP`（固定用语或外文）
    /// - `二〇〇八年`（中文数字里的〇）
    /// - `张某某`（通报中对当事人姓名的匿名处理）
    /// - Markdown 文件里的 `**加粗**`
    pub static RULE = {
        id: "placeholder",
        severity: Error,
        summary: "未填写的占位符（X年X月X日、XX同志、××、某某…）",
        check: check,
    };
}

/// Gaps that join placeholders into one run: X年X月X日, X届X次.
const JOINERS: &[&str] = &["年", "月", "届"];
/// Units that end a run when it continues after a joiner.
const CLOSERS: &[&str] = &["日", "次", "月"];

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let pack = &ctx.packs.placeholders;
    // Shapes switched off for this document, decided once.
    let shapes: Vec<&Shape> = pack
        .shape
        .iter()
        .filter(|s| {
            !s.unless_document
                .as_ref()
                .is_some_and(|re| re.is_match(&doc.text))
        })
        .collect();
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let body = &doc.text[p.range.clone()];
        let mut atoms = atoms(body, &shapes, doc.format, pack);
        atoms.sort_by_key(|r| (r.start, r.end));
        for run in runs(body, atoms) {
            let what = meaning(body, &run, pack).unwrap_or("内容");
            let abs = p.range.start + run.start..p.range.start + run.end;
            out.push(Diagnostic::new(
                RULE.id,
                abs,
                format!(
                    "未填写的占位符“{}”：此处应填入实际的{what}",
                    &body[run.clone()]
                ),
            ));
        }
    }
    out
}

/// Every placeholder match in one paragraph, overlaps merged.
fn atoms(body: &str, shapes: &[&Shape], format: Format, pack: &Placeholders) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for shape in shapes {
        if format == Format::Markdown && !shape.markdown {
            continue;
        }
        for m in shape.pattern.find_iter(body) {
            let prev = body[..m.start()].chars().next_back();
            let next = body[m.end()..].chars().next();
            if class_has(&shape.not_before, prev) || class_has(&shape.not_after, next) {
                continue;
            }
            // A placeholder stands in Chinese text: an X among Latin letters,
            // spaces or symbols is something else (iPhone X).
            let prev_word = body[..m.start()].trim_end_matches(' ').chars().next_back();
            if !(prev.is_some_and(is_chinese) || next.is_some_and(is_chinese))
                || (prev == Some(' ') && prev_word.is_some_and(|c| c.is_ascii_alphanumeric()))
            {
                continue;
            }
            if m.as_str().chars().count() < shape.min_len_without_meaning
                && meaning(body, &m.range(), pack).is_none()
            {
                continue;
            }
            if allowed(body, m.range(), &pack.allow.words) {
                continue;
            }
            found.push(m.range());
        }
    }
    found.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in found {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Whether an allowed word (X射线) covers the match.
/// Only the text a covering word can lie in is searched, so the work per
/// match does not grow with the paragraph.
fn allowed(body: &str, m: Range<usize>, words: &[String]) -> bool {
    words.iter().any(|w| {
        let lo = body.floor_char_boundary(m.end.saturating_sub(w.len()));
        let hi = body.ceil_char_boundary((m.start + w.len()).min(body.len()));
        lo < hi
            && body[lo..hi]
                .match_indices(w.as_str())
                .any(|(i, _)| lo + i <= m.start && m.end <= lo + i + w.len())
    })
}

/// Join atoms separated only by a date or session unit into one run.
fn runs(body: &str, atoms: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut joined = Vec::new();
    for a in atoms {
        if let Some(last) = out.last_mut() {
            let gap = &body[last.end..a.start];
            if JOINERS.contains(&gap) {
                last.end = a.end;
                *joined.last_mut().unwrap() = true;
                continue;
            }
        }
        out.push(a);
        joined.push(false);
    }
    for (run, joined) in out.iter_mut().zip(joined) {
        if joined {
            if let Some(c) = CLOSERS.iter().find(|c| body[run.end..].starts_with(**c)) {
                run.end += c.len();
            }
        }
    }
    out
}

/// What the placeholder stands for, judged from its neighbours.
fn meaning<'a>(body: &str, run: &Range<usize>, pack: &'a Placeholders) -> Option<&'a str> {
    // Look just past the first atom: 「X年X月X日」 is judged by 「年X月」.
    let first_end = body[run.start..]
        .char_indices()
        .find(|&(_, c)| !is_placeholder_char(c) && !c.is_ascii_digit())
        .map_or(run.end, |(i, _)| run.start + i);
    let after = &body[first_end..];
    let before = &body[..run.start];
    pack.meaning
        .iter()
        .find(|m| {
            m.after.iter().any(|a| after.starts_with(a.as_str()))
                || m.before.iter().any(|b| before.ends_with(b.as_str()))
        })
        .map(|m| m.what.as_str())
}

fn is_placeholder_char(c: char) -> bool {
    "XxＸｘ×某〇○◯□■△＊*.．".contains(c)
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn one_diagnostic_per_run_with_meaning() {
        let d = lint_rule(
            "placeholder",
            "标题\n\nX年X月X日，XX同志主持召开X届X次全会。",
        );
        let texts: Vec<_> = d.iter().map(|(t, m)| (t.as_str(), m.as_str())).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0].0, "X年X月X日");
        assert!(texts[0].1.contains("日期"));
        assert_eq!(texts[1].0, "XX");
        assert!(texts[1].1.contains("姓名"));
        assert_eq!(texts[2].0, "X届X次");
        assert!(texts[2].1.contains("届次"));
    }

    #[test]
    fn look_alikes_are_silent() {
        let d = lint_rule(
            "placeholder",
            "标题\n\n二〇〇八年，开展X射线检查，使用Excel和XML，原局长张某某被查处，面积3×4米。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
