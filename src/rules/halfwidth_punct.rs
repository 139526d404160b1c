use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::chars::is_han;
use crate::doc::Document;
use crate::rules::RuleCtx;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

declare_rule! {
    /// ## 中文里的半角标点（halfwidth-punct）
    ///
    /// 中文语句中使用了半角（ASCII）标点 `, ; : ? ! ( )`，应改为全角 `，；：？！（）`。
    /// 一对半角括号报告一次。修复（`--fix`）把它们换成全角，并去掉紧跟其后的半角空格。
    ///
    /// **为什么**：GB/T 15834—2011 规定中文文本使用全角标点；半角标点多半是从网页、
    /// Excel 或英文输入法带进来的。
    ///
    /// **会报告**：`在岗尽责,科学谋划`、`来源:县统计局`、`(2023年)`。
    ///
    /// **不会报告**：数字中的标点（`3.5%`、`1,000`、`1:1000`、`18:00`）、网址和电子邮箱、
    /// 两边都是外文或数字的标点（`GDP, CPI`）；Markdown 中的代码、链接地址。
    pub static RULE = {
        id: "halfwidth-punct",
        severity: Warning,
        summary: "中文语句中的半角标点 , ; : ? ! ( )",
        check: check,
    };
}

/// Chinese context for a neighbour: a Han character or Chinese sentence
/// punctuation; not a quotation mark, which also closes English quotes.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(
            c,
            '，' | '。'
                | '；'
                | '：'
                | '！'
                | '？'
                | '、'
                | '（'
                | '）'
                | '《'
                | '》'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '…'
                | '—'
        )
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

fn link_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(?:https?|ftp)://[\x21-\x7E]+|www\.[\x21-\x7E]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
            .unwrap()
    })
}

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let body = &doc.text[p.range.clone()];
        // Most paragraphs hold no ASCII punctuation at all.
        let b = body.as_bytes();
        if memchr::memchr3(b',', b';', b':', b).is_none()
            && memchr::memchr3(b'?', b'!', b'(', b).is_none()
            && memchr::memchr(b')', b).is_none()
        {
            continue;
        }
        let links: Vec<Range<usize>> = link_re().find_iter(body).map(|m| m.range()).collect();
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut used_close = std::collections::HashSet::new();
        let mut link = links.iter().peekable();
        for (k, &(off, c)) in chars.iter().enumerate() {
            while link.peek().is_some_and(|l| l.end <= off) {
                link.next();
            }
            if !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')')
                || link.peek().is_some_and(|l| l.contains(&off))
            {
                continue;
            }
            if used_close.contains(&off) {
                continue;
            }
            let prev = chars[..k].iter().rev().map(|x| x.1).find(|&ch| ch != ' ');
            let next = chars[k + 1..].iter().map(|x| x.1).find(|&ch| ch != ' ');
            let digits = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            if matches!(c, ':' | ',') && digits {
                continue;
            }
            let abs = |o: usize| p.range.start + o;
            if c == '(' {
                // Pair with the next ) in the paragraph, if any.
                let close = chars[k + 1..]
                    .iter()
                    .take_while(|x| x.1 != '(')
                    .find(|x| x.1 == ')')
                    .map(|x| x.0);
                if let Some(cl) = close {
                    let inner = &body[off + 1..cl];
                    let after = body[cl + 1..].chars().find(|&ch| ch != ' ');
                    let chinese = prev.is_some_and(is_chinese)
                        || after.is_some_and(is_chinese)
                        || inner.chars().any(is_chinese);
                    used_close.insert(cl);
                    if chinese {
                        out.push(
                            Diagnostic::new(
                                RULE.id,
                                abs(off)..abs(cl + 1),
                                "中文中使用了半角括号「()」：应改为全角「（）」",
                            )
                            .with_fix(
                                Applicability::Safe,
                                vec![
                                    Edit {
                                        range: abs(off)..abs(off + 1),
                                        replacement: "（".into(),
                                    },
                                    Edit {
                                        range: abs(cl)..abs(cl + 1),
                                        replacement: "）".into(),
                                    },
                                ],
                            ),
                        );
                    }
                    continue;
                }
            }
            if !(prev.is_some_and(is_chinese) || next.is_some_and(is_chinese)) {
                continue;
            }
            // Swallow ASCII spaces after the mark when Chinese text follows.
            let mut end = off + 1;
            if next.is_some_and(is_chinese) {
                end += body[end..].len() - body[end..].trim_start_matches(' ').len();
            }
            out.push(
                Diagnostic::new(
                    RULE.id,
                    abs(off)..abs(off + 1),
                    format!(
                        "中文中使用了半角标点「{c}」：应改为全角「{}」",
                        full_width(c)
                    ),
                )
                .with_fix(
                    Applicability::Safe,
                    vec![Edit {
                        range: abs(off)..abs(end),
                        replacement: full_width(c).to_string(),
                    }],
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn fires_between_chinese() {
        let d = lint_rule(
            "halfwidth-punct",
            "标题\n\n在岗尽责,科学谋划(2023年)来源:县统计局",
        );
        let texts = flagged(&d);
        assert_eq!(texts, vec![",", "(2023年)", ":"]);
    }

    #[test]
    fn numbers_urls_and_latin_are_silent() {
        let d = lint_rule(
            "halfwidth-punct",
            "标题\n\n增长3.5%，共1,000人，比例1:1000，18:00开会，见https://www.gov.cn/a?b=1 或 a@b.cn，GDP, CPI上涨，推出“Hello, Weifang!”专栏。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
