use crate::diag::Diagnostic;
use crate::doc::chars::is_chinese;
use crate::doc::vocab::pattern_lists;
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
    let shapes: Vec<(usize, &Shape)> = pack
        .shape
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            !s.unless_document
                .as_ref()
                .is_some_and(|re| re.is_match(&doc.text))
        })
        .collect();
    let needs = crate::patterns::shared(&pattern_lists(ctx.packs).0);
    // One pass tells which shapes may occur in each paragraph (most: none).
    let mut scan = doc.scan_for(&needs);
    let mut out = Vec::new();
    let mut may_occur: Vec<usize> = Vec::new();
    let mut present: Vec<&Shape> = Vec::new();
    for p in &doc.paragraphs {
        scan.candidates(p.range.clone(), &mut may_occur);
        if may_occur.is_empty() {
            continue;
        }
        let body = &doc.text[p.range.clone()];
        present.clear();
        present.extend(
            shapes
                .iter()
                .filter(|(i, _)| may_occur.binary_search(i).is_ok())
                .map(|(_, s)| *s),
        );
        let atoms = atoms(body, &present, doc.format, pack);
        for (run, shape) in runs(body, atoms) {
            let abs = p.range.start + run.start..p.range.start + run.end;
            let found = &body[run.clone()];
            let message = if shape.prompt {
                format!(
                    "模板提示“{found}”没有替换：此处应填入实际的{}",
                    asked_for(found)
                )
            } else {
                let what = meaning(body, &run, pack)
                    .or(shape.what.as_deref())
                    .unwrap_or("内容");
                format!("未填写的占位符“{found}”：此处应填入实际的{what}")
            };
            out.push(Diagnostic::new(RULE.id, abs, message));
        }
    }
    out
}

/// What a bracketed prompt asks for: its words without the instruction
/// (【单位名称】 → 单位名称, [此处输入正文内容] → 正文内容).
fn asked_for(prompt: &str) -> String {
    let inner = prompt.trim_matches(|c: char| "[]【】（）(){}<>〈〉 ".contains(c));
    let mut rest = inner;
    for verb in ["此处", "在此", "请", "输入", "填写", "填入", "选择"] {
        rest = rest.trim_start_matches(verb);
    }
    // [各单位] asks for the units.
    let rest = rest
        .trim()
        .trim_start_matches('各')
        .trim_end_matches(['：', ':', ' ', '\u{3000}']);
    if rest.is_empty() {
        "内容".to_string()
    } else {
        rest.to_string()
    }
}

/// Brackets around a placeholder (〔20XX〕, [xx]) stand in for Chinese text.
fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '[' | ']' | '【' | '】' | '〔' | '〕' | '（' | '）' | '(' | ')'
    )
}

/// Every placeholder match in one paragraph with the shape that found it,
/// overlaps merged (the first shape of a merged run names it).
fn atoms<'p>(
    body: &str,
    shapes: &[&'p Shape],
    format: Format,
    pack: &Placeholders,
) -> Vec<(Range<usize>, &'p Shape)> {
    let mut found: Vec<(Range<usize>, &'p Shape)> = Vec::new();
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
            let chinese = |c: char| is_chinese(c) || is_bracket(c);
            if !shape.prompt
                && !shape.standalone
                && (!(prev.is_some_and(chinese) || next.is_some_and(chinese))
                    || (prev == Some(' ') && prev_word.is_some_and(|c| c.is_ascii_alphanumeric())))
            {
                continue;
            }
            if m.as_str().chars().count() < shape.min_len_without_meaning
                && meaning(body, &m.range(), pack).is_none()
            {
                continue;
            }
            if allowed(body, m.range(), &pack.allow.words)
                || shape
                    .unless
                    .as_ref()
                    .is_some_and(|re| re.is_match(m.as_str()))
            {
                continue;
            }
            found.push((m.range(), shape));
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<(Range<usize>, &Shape)> = Vec::new();
    for (r, shape) in found {
        match merged.last_mut() {
            Some((last, _)) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push((r, shape)),
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
fn runs<'p>(body: &str, atoms: Vec<(Range<usize>, &'p Shape)>) -> Vec<(Range<usize>, &'p Shape)> {
    let mut out: Vec<(Range<usize>, &Shape)> = Vec::new();
    let mut joined = Vec::new();
    for (a, shape) in atoms {
        if let Some((last, _)) = out.last_mut() {
            let gap = &body[last.end..a.start];
            if JOINERS.contains(&gap) {
                last.end = a.end;
                *joined.last_mut().unwrap() = true;
                continue;
            }
        }
        out.push((a, shape));
        joined.push(false);
    }
    for ((run, _), joined) in out.iter_mut().zip(joined) {
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
    matches!(
        c,
        'X' | 'x'
            | 'Ｘ'
            | 'ｘ'
            | '×'
            | '某'
            | '〇'
            | '○'
            | '◯'
            | '□'
            | '■'
            | '△'
            | '＊'
            | '*'
            | '.'
            | '．'
    )
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
